//! XLSX: a "Findings" sheet (one row per finding) and a "Visits" sheet (one row per visit, one
//! column per item id, each cell the answer: counts, scales and computed figures as numbers, not
//! rounded; other answers as people read them). Strings are written as strings, never as
//! formulas: a text starting with `=` stays text (tests/spreadsheets.rs reads the cells back).
//! When some visit's template has a points frame (HD 42), the visits sheet has a score and a grade
//! column after the findings count: the score only for visits with every scored item answered,
//! the grade saying why there is none yet otherwise.
//! The visits sheet needs a summary built with `keep_answers(true)`.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::core::summary::{AnswerCell, Summary};
use crate::export::date_text;
use crate::export::score::visit_score_cells;
use crate::strings::Msg;

/// Excel refuses longer strings in a cell.
const MAX_CELL_CHARS: usize = 32_000;

fn cell(text: &str) -> String {
    if text.chars().count() > MAX_CELL_CHARS { text.chars().take(MAX_CELL_CHARS).collect() } else { text.to_string() }
}

fn header(sheet: &mut Worksheet, titles: &[&str], bold: &Format) -> Result<(), XlsxError> {
    for (col, title) in titles.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, cell(title), bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

pub fn render(summary: &Summary) -> Result<Vec<u8>, XlsxError> {
    let lang = summary.lang;
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();

    let sheet = workbook.add_worksheet();
    sheet.set_name("Findings")?;
    header(
        sheet,
        &[
            Msg::SumColSection.get(lang),
            Msg::SumColId.get(lang),
            Msg::SumColFinding.get(lang),
            Msg::SumColFailing.get(lang),
            Msg::SumColAssessed.get(lang),
            Msg::SumColNa.get(lang),
            Msg::SumColUnanswered.get(lang),
            Msg::SumColNotInTemplate.get(lang),
            Msg::SumColBranches.get(lang),
            Msg::SumColNotes.get(lang),
        ],
        &bold,
    )?;
    for (i, f) in summary.findings.iter().enumerate() {
        let row = i as u32 + 1;
        let branches: Vec<String> =
            summary.failing_visits(f).map(|v| format!("{} ({})", v.branch, v.committee)).collect();
        let notes: Vec<String> = f
            .branches
            .iter()
            .filter(|b| !b.note.trim().is_empty())
            .map(|b| format!("{}: {}", summary.visit_of(b).branch, b.note))
            .collect();
        sheet.write_string(row, 0, cell(&f.section_title))?;
        sheet.write_string(row, 1, cell(&f.id))?;
        sheet.write_string_with_format(row, 2, cell(&f.sentence(lang)), &wrap)?;
        sheet.write_number(row, 3, f.failing() as f64)?;
        sheet.write_number(row, 4, f.assessed as f64)?;
        sheet.write_number(row, 5, f.not_applicable as f64)?;
        sheet.write_number(row, 6, f.unanswered as f64)?;
        sheet.write_number(row, 7, f.not_in_template as f64)?;
        sheet.write_string_with_format(row, 8, cell(&branches.join("\n")), &wrap)?;
        sheet.write_string_with_format(row, 9, cell(&notes.join("\n")), &wrap)?;
    }
    for (col, width) in [(0, 18), (1, 26), (2, 70), (8, 50), (9, 50)] {
        sheet.set_column_width(col, width)?;
    }

    let sheet = workbook.add_worksheet();
    sheet.set_name("Visits")?;
    let mut fixed = vec![
        Msg::SumColFile.get(lang),
        Msg::FactBranch.get(lang),
        Msg::FactCommittee.get(lang),
        Msg::FactBranchType.get(lang),
        Msg::FactMeetingKind.get(lang),
        Msg::FactDate.get(lang),
        Msg::SumColStatus.get(lang),
        Msg::FactInspectors.get(lang),
        Msg::FactRound.get(lang),
        Msg::SumColTemplate.get(lang),
        Msg::SumColFindings.get(lang),
    ];
    // Score and grade only when some visit's template has a points frame: other workbooks keep
    // their columns.
    if !summary.scores.is_empty() {
        fixed.extend([Msg::SumColScore.get(lang), Msg::SumColGrade.get(lang)]);
    }
    let ids: Vec<&str> = summary.item_ids().collect();
    let mut titles: Vec<&str> = fixed.clone();
    titles.extend(ids.iter().copied());
    // Excel has 16 384 columns; a template never comes near, but do not fail if one did.
    titles.truncate(16_384);
    header(sheet, &titles, &bold)?;
    for (i, &index) in summary.visits_by_date().iter().enumerate() {
        let v = &summary.visits[index];
        let row = i as u32 + 1;
        let facts = [
            v.file.to_string_lossy().into_owned(),
            v.branch.clone(),
            v.committee.clone(),
            v.branch_type.label().get(lang).to_string(),
            v.kind.label().get(lang).to_string(),
            date_text(v.date, lang),
            v.status.label().get(lang).to_string(),
            v.inspectors.join("; "),
            v.round.clone().unwrap_or_default(),
            format!("{} v{}", v.template_id, v.template_version),
        ];
        for (col, text) in facts.iter().enumerate() {
            sheet.write_string(row, col as u16, cell(text))?;
        }
        sheet.write_number(row, facts.len() as u16, v.findings as f64)?;
        if let Some((points, grade)) = visit_score_cells(summary, v) {
            let col = facts.len() as u16 + 1;
            if let Some(points) = points {
                sheet.write_number(row, col, points)?;
            }
            sheet.write_string(row, col + 1, cell(&grade))?;
        }
        if let Some(answers) = &v.answers {
            for (offset, id) in ids.iter().enumerate() {
                let col = fixed.len() + offset;
                if col >= titles.len() {
                    break;
                }
                match answers.get(*id) {
                    Some(AnswerCell::Number(n)) => {
                        sheet.write_number(row, col as u16, *n)?;
                    }
                    Some(AnswerCell::Text(text)) => {
                        sheet.write_string(row, col as u16, cell(text))?;
                    }
                    None => {}
                }
            }
        }
    }
    sheet.set_column_width(0, 30)?;
    sheet.set_column_width(1, 30)?;
    sheet.set_column_width(2, 30)?;

    workbook.save_to_buffer()
}
