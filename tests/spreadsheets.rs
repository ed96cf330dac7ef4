//! The spreadsheet exports read back as a spreadsheet program would: the CSV with the csv crate,
//! the XLSX with calamine. Texts that start like a formula (`=`, `+`, `-`, `@`, a tab, a carriage
//! return) in branch names, committees, inspectors, notes, file names and free text must never
//! become formulas; numbers in the XLSX must be numbers (issue 11, point 12).

use std::io::Cursor;
use std::path::PathBuf;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use khaosat::core::summary::{Filters, OTHER_LIMITATIONS, Summary, SummaryBuilder};
use khaosat::core::template::Template;
use khaosat::core::visit::{Answer, NewVisit, TimeOfDay, Value, Visit};
use khaosat::export::{self, Format};
use khaosat::strings::Lang;

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Every way a spreadsheet cell can start a formula.
const FORMULA_STARTS: [&str; 6] = ["=", "+", "-", "@", "\t", "\r"];

fn starts_like_formula(cell: &str) -> bool {
    FORMULA_STARTS.iter().any(|p| cell.starts_with(p))
}

/// The texts of one hostile visit, each starting with `prefix`.
struct Hostile {
    branch: String,
    committee: String,
    inspector: String,
    note: String,
    file: String,
    limitation: String,
}

impl Hostile {
    fn new(n: usize, prefix: &str) -> Hostile {
        Hostile {
            branch: format!("{prefix}HYPERLINK(\"http://x\";\"Chi bộ {n}\")"),
            committee: format!("{prefix}1+1 Đảng bộ {n}"),
            inspector: format!("{prefix}SUM(1;2) Người {n}"),
            note: format!("{prefix}cmd|' /C calc'!A0 ghi chú {n}"),
            file: format!("{prefix}visit-{n}.ron"),
            limitation: format!("{prefix}Hạn chế {n}"),
        }
    }
}

/// Members present out of 28 expected: the rate is not a whole number.
const PRESENT: u32 = 25;
const TOTAL: u32 = 30;
const EXEMPTED: u32 = 2;

/// One visit per formula start, each failing `prep.notice` with a note, with counts, a scale and
/// facts for the computed items. Texts are set after `Visit::new`, which would drop the tab and
/// carriage return: the exporters must hold whatever text reaches them.
fn hostile_summary() -> Result<(Summary, Vec<Hostile>)> {
    let template = Template::embedded();
    let mut builder = SummaryBuilder::new(Lang::Vi, Filters::default()).keep_answers(true);
    let mut hostile = Vec::new();
    for (n, prefix) in FORMULA_STARTS.iter().enumerate() {
        let h = Hostile::new(n, prefix);
        let facts = NewVisit {
            branch: "x".into(),
            committee: "x".into(),
            date: jiff::civil::date(2022, 4, 5 + n as i8),
            inspectors: vec![],
            round: None,
            ..khaosat::testing::sample_facts()
        };
        let mut visit = Visit::new(&template, facts, jiff::Timestamp::UNIX_EPOCH);
        visit.meeting.branch = h.branch.clone();
        visit.meeting.committee = h.committee.clone();
        visit.inspectors = vec![h.inspector.clone()];
        visit.meeting.members.total = Some(TOTAL);
        visit.meeting.members.exempted = Some(EXEMPTED);
        visit.meeting.members.present = Some(PRESENT);
        visit.meeting.start = TimeOfDay::new(8, 0);
        visit.meeting.end = TimeOfDay::new(9, 15);
        let mut answer = |id: &str, value: Value, note: &str| {
            visit.answers.insert(id.into(), Answer { value: Some(value), note: note.into() });
        };
        answer("prep.notice", Value::No, &h.note);
        answer("prep.fits_type", Value::Scale(4), "");
        answer("note.without_notebook", Value::Number(2), "");
        answer("crit.speakers", Value::Number(5), "");
        answer(OTHER_LIMITATIONS, Value::Text(h.limitation.clone()), "");
        builder.add(&visit, &template, &PathBuf::from(&h.file));
        hostile.push(h);
    }
    Ok((builder.finish(), hostile))
}

#[test]
fn csv_cells_that_start_like_a_formula_are_neutralised() -> Result {
    let (summary, hostile) = hostile_summary()?;
    let bytes = export::render(&summary, Format::Csv)?;
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").ok_or("a BOM first")?;
    let mut reader = csv::ReaderBuilder::new().from_reader(body);
    let headers = reader.headers()?.clone();
    let column = |name: &str| headers.iter().position(|h| h == name).ok_or(format!("no column {name}"));
    let (branch, committee, inspectors, note, file) =
        (column("branch")?, column("committee")?, column("inspectors")?, column("note")?, column("file")?);
    let mut notice_rows = 0;
    for record in reader.records() {
        let record = record?;
        for cell in record.iter() {
            assert!(!starts_like_formula(cell), "a cell a spreadsheet would run: {cell:?} in {record:?}");
        }
        if &record[0] != "prep.notice" {
            continue;
        }
        notice_rows += 1;
        // The text is kept, behind the apostrophe that spreadsheets read as "this is text".
        let h = hostile
            .iter()
            .find(|h| record[branch] == format!("'{}", h.branch))
            .ok_or(format!("no visit for {record:?}"))?;
        assert_eq!(record[committee], format!("'{}", h.committee));
        assert_eq!(record[inspectors], format!("'{}", h.inspector));
        assert_eq!(record[note], format!("'{}", h.note));
        assert_eq!(record[file], format!("'{}", h.file));
    }
    assert_eq!(notice_rows, FORMULA_STARTS.len(), "one row per failing visit");
    Ok(())
}

fn workbook(summary: &Summary) -> Result<Xlsx<Cursor<Vec<u8>>>> {
    let bytes = export::render(summary, Format::Xlsx)?;
    Ok(open_workbook_from_rs(Cursor::new(bytes))?)
}

#[test]
fn xlsx_stores_texts_as_strings_never_as_formulas() -> Result {
    let (summary, hostile) = hostile_summary()?;
    let mut book = workbook(&summary)?;
    for sheet in ["Findings", "Visits"] {
        let formulas = book.worksheet_formula(sheet)?;
        let found: Vec<&String> = formulas.used_cells().map(|(_, _, f)| f).filter(|f| !f.is_empty()).collect();
        assert!(found.is_empty(), "{sheet}: formulas {found:?}");
    }
    let visits = book.worksheet_range("Visits")?;
    let header: Vec<String> = visits.rows().next().ok_or("a header row")?.iter().map(|c| c.to_string()).collect();
    let column = |id: &str| header.iter().position(|h| h == id).ok_or(format!("no column {id}"));
    let limitation = column(OTHER_LIMITATIONS)?;
    for h in &hostile {
        let row = visits
            .rows()
            .skip(1)
            .find(|row| row.get(1) == Some(&Data::String(h.branch.clone())))
            .ok_or(format!("no row with the branch {:?}, as a string", h.branch))?;
        // File, branch, committee, inspectors: the visit's own text, as strings.
        let expected = [&h.file, &h.branch, &h.committee, &h.inspector];
        for (col, text) in [0, 1, 2, 7].into_iter().zip(expected) {
            assert_eq!(row.get(col), Some(&Data::String(text.clone())), "column {col}");
        }
        assert_eq!(row.get(limitation), Some(&Data::String(h.limitation.clone())));
    }
    let findings = book.worksheet_range("Findings")?;
    let notice = findings
        .rows()
        .find(|row| row.get(1) == Some(&Data::String("prep.notice".into())))
        .ok_or("the prep.notice finding")?;
    for h in &hostile {
        let (branches, notes) = (notice[8].to_string(), notice[9].to_string());
        assert!(branches.contains(&h.branch), "{branches:?}");
        assert!(notes.contains(&h.note), "{notes:?}");
    }
    for (col, value) in [(3, 6.0), (4, 6.0), (5, 0.0), (6, 0.0), (7, 0.0)] {
        assert_eq!(notice.get(col), Some(&Data::Float(value)), "Findings column {col}");
    }
    Ok(())
}

#[test]
fn xlsx_stores_numbers_as_numbers() -> Result {
    let (summary, hostile) = hostile_summary()?;
    let mut book = workbook(&summary)?;
    let visits = book.worksheet_range("Visits")?;
    let header: Vec<String> = visits.rows().next().ok_or("a header row")?.iter().map(|c| c.to_string()).collect();
    let column = |id: &str| header.iter().position(|h| h == id).ok_or(format!("no column {id}"));
    let findings = header.iter().position(|h| h == "Số hạn chế").ok_or("findings column")?;
    let rate = f64::from(PRESENT) * 100.0 / f64::from(TOTAL - EXEMPTED);
    let expected = [
        ("note.without_notebook", 2.0),
        ("crit.speakers", 5.0),
        ("prep.fits_type", 4.0),
        // Not rounded: 25 of 28 is 89.2857…%.
        ("att.rate", rate),
        ("att.duration", 75.0),
    ];
    assert_eq!(visits.rows().skip(1).count(), hostile.len());
    for row in visits.rows().skip(1) {
        for (id, value) in expected {
            assert_eq!(row.get(column(id)?), Some(&Data::Float(value)), "{id}");
        }
        assert!(matches!(row.get(findings), Some(Data::Float(n)) if *n >= 1.0), "{:?}", row.get(findings));
        // Answers that are not numbers stay text.
        assert_eq!(row.get(column("prep.notice")?), Some(&Data::String("Không".into())));
    }
    Ok(())
}
