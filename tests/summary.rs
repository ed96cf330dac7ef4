//! The summary: exact findings on hand-written fixtures (through the library), Markdown and JSON
//! snapshots and the demo round (through the real binary), skipped files and `--strict`.
//!
//! Fixtures (tests/fixtures/summary/): `template-v2.ron` is version 2 of the default template (one
//! item removed, two added, strength share 0.75); `visits/` holds four visits (three on v1, one on
//! v2 in a subfolder), one of them a duplicate, a truncated file and a non-RON file.

use std::fs;
use std::path::{Path, PathBuf};

use khaosat::core::rules::problems;
use khaosat::core::summary::{AnswerCell, Filters, Summary, SummaryBuilder};
use khaosat::core::template::Template;
use khaosat::core::visit::{BranchType, VisitStatus};
use khaosat::export::{self, Format};
use khaosat::store::format::{template_for, visit_to_ron};
use khaosat::store::{find_visit_files, load_template, load_visit};
use khaosat::strings::Lang;

mod common;
use common::{MANIFEST, Result, run, show, text};

const VISITS: &str = "tests/fixtures/summary/visits";
const TEMPLATE_V2: &str = "tests/fixtures/summary/template-v2.ron";
const DEMO: &str = "data/examples/round-967";

fn templates() -> Result<Vec<Template>> {
    let v2 = load_template(&Path::new(MANIFEST).join(TEMPLATE_V2)).map_err(|e| e.display(Lang::En))?;
    Ok(vec![Template::embedded(), v2])
}

/// The fixtures merged through the library, as the CLI does it (paths relative to the crate root).
fn fixture_summary(lang: Lang, filters: Filters) -> Result<Summary> {
    let templates = templates()?;
    let (files, walk_errors) = find_visit_files(&[PathBuf::from(VISITS)]);
    assert!(walk_errors.is_empty(), "{walk_errors:?}");
    let mut builder = SummaryBuilder::new(lang, filters).keep_answers(true);
    for file in &files {
        match load_visit(file, &templates) {
            Ok(visit) => {
                let template = template_for(&visit, &templates).ok_or("no template")?;
                builder.add(&visit, template, file);
            }
            Err(e) => builder.skip(file, e.position, e.message(lang)),
        }
    }
    Ok(builder.finish())
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// (id, failing, assessed, not applicable, unanswered, not in template, failing branches' files)
type Row = (&'static str, usize, usize, usize, usize, usize, Vec<&'static str>);
/// The same, owned, as compared.
type OwnedRow = (String, usize, usize, usize, usize, usize, Vec<String>);

#[test]
fn fixtures_merge_into_the_expected_findings() -> Result {
    let s = fixture_summary(Lang::Vi, Filters::default())?;
    assert_eq!(s.visits.len(), 4);
    assert_eq!(s.skipped.len(), 1, "{:?}", s.skipped);
    assert_eq!(file_name(&s.skipped[0].path), "broken.ron");
    assert!(s.skipped[0].position.is_some());
    let versions: Vec<(u32, usize)> = s.template_versions.iter().map(|t| (t.version, t.visits)).collect();
    assert_eq!(versions, vec![(1, 3), (2, 1)]);

    let (a, b, c, d) = ("a-so-11.ron", "b-doi-tong-hop.ron", "c-cong-an-phuong.ron", "d-so-11-duplicate.ron");
    let expected: Vec<Row> = vec![
        ("prep.committee_met", 1, 4, 0, 0, 0, vec![c]),
        ("prep.notice", 1, 4, 0, 0, 0, vec![a]),
        // Only in v2: the three v1 visits count as "not in template", not as assessed.
        ("prep.app_notice", 1, 1, 0, 0, 3, vec![c]),
        ("prep.fits_type", 1, 3, 0, 1, 0, vec![a]),
        // Computed from the facts; the duplicate has no facts, so it is unanswered.
        ("att.rate", 1, 3, 0, 1, 0, vec![a]),
        ("att.unexcused", 1, 3, 0, 1, 0, vec![a]),
        ("att.higher_level", 1, 4, 0, 0, 0, vec![b]),
        ("att.on_schedule", 1, 4, 0, 0, 0, vec![d]),
        ("att.duration", 1, 3, 0, 1, 0, vec![a]),
        ("note.without_notebook", 1, 4, 0, 0, 0, vec![a]),
        // Answered "not applicable" in b.
        ("crit.praise_criticism", 1, 2, 1, 1, 0, vec![c]),
        ("crit.speakers", 1, 3, 0, 1, 0, vec![a]),
        // Two failing branches come first in their section.
        ("min.missing_fields", 2, 3, 0, 1, 0, vec![b, a]),
        // has_committee false in b: not applicable; unknown in d: still asked, so unanswered.
        ("min.committee_minutes", 1, 2, 1, 1, 0, vec![a]),
        ("conduct.round_documents", 2, 3, 0, 1, 0, vec![c, a]),
        // Only in v1, kept at the end of its section.
        ("conduct.ho_chi_minh", 1, 1, 0, 2, 1, vec![b]),
        ("theme.on_schedule", 1, 3, 0, 1, 0, vec![a]),
    ];
    let actual: Vec<OwnedRow> = s
        .findings
        .iter()
        .map(|f| {
            let files = s.failing_visits(f).map(|v| file_name(&v.file)).collect();
            (f.id.clone(), f.failing(), f.assessed, f.not_applicable, f.unanswered, f.not_in_template, files)
        })
        .collect();
    let expected: Vec<OwnedRow> = expected
        .into_iter()
        .map(|(id, f, a, na, u, nit, files)| {
            (id.to_string(), f, a, na, u, nit, files.into_iter().map(String::from).collect())
        })
        .collect();
    assert_eq!(actual, expected);

    // Failing branches are listed by name with marks removed: "Công an" < "Đội" < "số 11".
    let minutes = s.findings.iter().find(|f| f.id == "min.missing_fields").ok_or("finding")?;
    let names: Vec<&str> = s.failing_visits(minutes).map(|v| v.branch.as_str()).collect();
    assert_eq!(names, vec!["Chi bộ Đội Tổng hợp", "Chi bộ số 11"]);
    assert_eq!(
        minutes.text,
        "Ghi biên bản sinh hoạt chi bộ chưa đầy đủ nội dung, diễn biến (thiếu: Thời gian; Kết quả biểu quyết; Chữ ký chủ trì và thư ký)"
    );
    assert_eq!(
        minutes.sentence(Lang::Vi),
        "Đa số chi bộ (2/3): ghi biên bản sinh hoạt chi bộ chưa đầy đủ nội dung, diễn biến (thiếu: Thời gian; Kết quả biểu quyết; Chữ ký chủ trì và thư ký)"
    );
    assert_eq!(
        minutes.branch_text(&minutes.branches[1]),
        "Ghi biên bản sinh hoạt chi bộ chưa đầy đủ nội dung, diễn biến (thiếu: Thời gian; Chữ ký chủ trì và thư ký)"
    );
    let docs = s.findings.iter().find(|f| f.id == "conduct.round_documents").ok_or("finding")?;
    assert_eq!(
        docs.text,
        "Chưa kết hợp đánh giá việc thực hiện Kết luận số 01-KL/TW; Kết luận số 21-KL/TW; Quy định số 08-QĐi/TW; Quy định số 37-QĐ/TW"
    );
    let notice = s.findings.iter().find(|f| f.id == "prep.notice").ok_or("finding")?;
    assert_eq!(notice.branches[0].note, "Không thông báo cho cấp ủy viên phụ trách");
    assert_eq!(
        notice.sentence(Lang::Vi),
        "01 chi bộ (1/4): chưa thông báo thời gian, nội dung sinh hoạt đến đảng viên và cấp ủy viên cấp trên phụ trách"
    );

    // Strength share 0.75 comes from the newest template: 3 of 4 is enough, 2 of 3 is not.
    let strengths: Vec<(&str, usize, usize)> =
        s.strengths.iter().map(|st| (st.id.as_str(), st.passing, st.assessed)).collect();
    assert_eq!(
        strengths,
        vec![
            ("prep.committee_met", 3, 4),
            ("att.higher_level", 3, 4),
            ("att.broadened", 3, 4),
            ("att.on_schedule", 3, 4),
            ("note.without_notebook", 3, 4),
        ]
    );

    let limitations: Vec<&str> = s.other_limitations.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(limitations, vec!["Dòng một", "Dòng hai"]);
    assert!(s.other_limitations.iter().all(|l| l.branch == "Chi bộ số 11"));
    let other_strengths: Vec<&str> = s.other_strengths.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(other_strengths, vec!["Chuẩn bị chu đáo"]);

    assert_eq!(s.duplicates.len(), 1);
    let dup_files: Vec<String> = s.duplicates[0].visits.iter().map(|&i| file_name(&s.visits[i].file)).collect();
    assert_eq!(dup_files, vec![a, d]);
    assert_eq!(s.visits.iter().filter(|v| v.duplicate).count(), 2);

    let f = &s.figures;
    assert_eq!((f.attendance.present, f.attendance.expected), (47, 51));
    let outside = |fig: &khaosat::core::summary::Figure| -> Vec<String> {
        fig.outside.iter().map(|b| file_name(&s.visits[b.visit].file)).collect()
    };
    assert_eq!(outside(&f.attendance.rates), vec![a]);
    assert_eq!(outside(&f.duration), vec![a]);
    assert_eq!(outside(&f.speakers), vec![a]);
    assert_eq!(outside(&f.without_notebook), vec![a]);
    assert_eq!((f.duration.total, f.duration.counted()), (280.0, 3));
    assert_eq!((f.speakers.total, f.speakers.counted()), (12.0, 3));
    assert_eq!((f.without_notebook.total, f.without_notebook.counted()), (2.0, 4));

    // Items of every kind are tallied: the v2-only time item is answered once.
    let arrival = s.sections.iter().flat_map(|x| &x.items).find(|i| i.id == "att.arrival").ok_or("item")?;
    assert_eq!((arrival.answered, arrival.not_in_template, arrival.has_rule), (1, 3, false));
    let grade = s.sections.iter().flat_map(|x| &x.items).find(|i| i.id == "overall.grade").ok_or("item")?;
    assert_eq!((grade.answered, grade.unanswered), (2, 2));

    // The kept answers: numbers as numbers, the rest as people read it.
    let c_visit = s.visits.iter().find(|v| file_name(&v.file) == c).ok_or("visit")?;
    let answers = c_visit.answers.as_ref().ok_or("answers kept")?;
    let text = |t: &str| Some(AnswerCell::Text(t.into()));
    assert_eq!(answers.get("att.arrival").cloned(), text("07:55"));
    assert_eq!(answers.get("theme.on_schedule").cloned(), text("2/1"));
    assert_eq!(answers.get("overall.grade").cloned(), text("Tốt"));
    assert_eq!(answers.get("att.rate").cloned(), Some(AnswerCell::Number(96.0)));
    Ok(())
}

#[test]
fn filters_select_visits() -> Result {
    let count = |filters: Filters| -> Result<(usize, usize)> {
        let s = fixture_summary(Lang::Vi, filters)?;
        Ok((s.visits.len(), s.filtered_out))
    };
    assert_eq!(count(Filters { final_only: true, ..Filters::default() })?, (3, 1));
    assert_eq!(count(Filters { committee: Some("mai dich".into()), ..Filters::default() })?, (3, 1));
    assert_eq!(count(Filters { branch_type: Some(BranchType::CongAn), ..Filters::default() })?, (2, 2));
    assert_eq!(count(Filters { inspector: Some("Chiến".into()), ..Filters::default() })?, (3, 1));
    let from = Some(jiff::civil::date(2022, 4, 7));
    assert_eq!(count(Filters { from, ..Filters::default() })?, (2, 2));
    let to = Some(jiff::civil::date(2022, 4, 6));
    assert_eq!(count(Filters { to, ..Filters::default() })?, (2, 2));
    Ok(())
}

#[test]
fn english_summary_uses_english_words() -> Result {
    let s = fixture_summary(Lang::En, Filters::default())?;
    let notice = s.findings.iter().find(|f| f.id == "prep.notice").ok_or("finding")?;
    assert!(notice.sentence(Lang::En).starts_with("One branch (1/4): members and"), "{}", notice.sentence(Lang::En));
    let md = export::markdown::render(&s);
    assert!(md.contains("\n## Strengths\n") && md.contains("\n## Limitations\n"), "{md}");
    Ok(())
}

#[test]
fn exports_render_the_fixtures() -> Result {
    let s = fixture_summary(Lang::Vi, Filters::default())?;
    let csv = export::render(&s, Format::Csv)?;
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "CSV starts with a BOM");
    let csv = text(&csv[3..]);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("item_id,section_id,finding,branch,committee,branch_type,date,inspectors,note,file"));
    let rows: usize = s.findings.iter().map(|f| f.failing()).sum();
    assert_eq!(lines.count(), rows);
    assert!(csv.contains("prep.notice,prep,"), "{csv}");

    let xlsx = export::render(&s, Format::Xlsx)?;
    assert!(xlsx.starts_with(b"PK"), "an XLSX file is a zip archive");

    let plain = export::render(&s, Format::Text)?;
    assert!(text(&plain).contains("01 chi bộ (1/4)"));
    Ok(())
}

#[test]
fn terminal_outputs_neutralise_control_characters() -> Result {
    let dir = tempfile::tempdir()?;
    let source = fs::read_to_string(Path::new(MANIFEST).join(VISITS).join("a-so-11.ron"))?;
    let evil = source.replace("Không thông báo cho cấp ủy viên phụ trách", "x\\u{1b}]52;c;AAAA\\u{7}y\\u{202E}z");
    fs::write(dir.path().join("evil.ron"), evil)?;
    let path = dir.path().to_string_lossy().into_owned();
    for format in ["text", "md"] {
        let out = run(&["--lang", "vi", "summary", &path, "--format", format])?;
        assert_eq!(out.status.code(), Some(0), "{}", show(&out));
        let stdout = text(&out.stdout);
        assert!(!stdout.contains('\u{1b}') && !stdout.contains('\u{202E}'), "{stdout}");
        assert!(stdout.contains("U+202E"), "{stdout}");
    }
    Ok(())
}

#[test]
fn fixture_markdown_snapshot() -> Result {
    let out = run(&["--lang", "vi", "--template", TEMPLATE_V2, "summary", VISITS, "--format", "md"])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert!(text(&out.stderr).contains("broken.ron:"), "{}", show(&out));
    insta::assert_snapshot!("fixtures_md", text(&out.stdout));
    Ok(())
}

#[test]
fn fixture_json_snapshot() -> Result {
    let out = run(&["--lang", "vi", "--template", TEMPLATE_V2, "summary", VISITS, "--format", "json"])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let stdout = text(&out.stdout);
    assert!(!stdout.contains(MANIFEST), "no absolute paths in the snapshot");
    insta::assert_snapshot!("fixtures_json", stdout);
    Ok(())
}

#[test]
fn fixture_strict_exits_1() -> Result {
    let out = run(&["--template", TEMPLATE_V2, "summary", VISITS, "--strict", "--format", "json"])?;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    // The summary is still written.
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    // a-so-11 and d-so-11-duplicate record one meeting: counted once (issue 16).
    assert_eq!(json["visits"], 3);
    Ok(())
}

#[test]
fn demo_round_json_has_seven_visits_and_consistent_counts() -> Result {
    let out = run(&["summary", DEMO, "--format", "json"])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(json["visits"], 7);
    assert_eq!(json["skipped"].as_array().map(Vec::len), Some(0));
    let findings = json["findings"].as_array().ok_or("findings")?;
    assert!(findings.len() >= 10, "the article's limitations are there: {}", findings.len());
    for f in findings {
        let (failing, assessed) = (f["failing"].as_u64().ok_or("failing")?, f["assessed"].as_u64().ok_or("assessed")?);
        assert!(failing >= 1 && failing <= assessed, "{f}");
        assert_eq!(f["branches"].as_array().map(Vec::len), Some(failing as usize));
        // Limitations in SOME branches, as the article says.
        assert!(f["sentence"].as_str().is_some_and(|s| s.starts_with("Một số chi bộ")), "{f}");
    }
    let strengths: Vec<&str> =
        json["strengths"].as_array().ok_or("strengths")?.iter().filter_map(|s| s["id"].as_str()).collect();
    for id in [
        "prep.committee_met",
        "att.higher_level",
        "att.broadened",
        "att.on_schedule",
        "note.without_notebook",
        "crit.speakers",
    ] {
        assert!(strengths.contains(&id), "strength {id} missing: {strengths:?}");
    }
    assert_eq!(json["duplicates"].as_array().map(Vec::len), Some(0));
    Ok(())
}

#[test]
fn demo_round_markdown_has_strengths_and_limitations() -> Result {
    let out = run(&["--lang", "vi", "summary", DEMO, "--format", "md"])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let md = text(&out.stdout);
    assert!(md.contains("Quyết định số 967-QĐ/QU"), "{md}");
    let strengths = md.find("\n## Ưu điểm\n").ok_or("strengths part")?;
    let limitations = md.find("\n## Hạn chế\n").ok_or("limitations part")?;
    assert!(strengths < limitations);
    assert!(md[strengths..limitations].contains("Đảng viên dự sinh hoạt mang sổ ghi chép (7/7)"), "{md}");
    assert!(md[limitations..].contains("- Một số chi bộ (3/7): "), "{md}");
    for branch in [
        "Chi bộ số 11",
        "Chi bộ Công an phường",
        "Chi bộ Đội Cảnh sát giao thông, trật tự",
        "Chi bộ Đội Tổng hợp",
        "Chi bộ phòng Thông tin Thị trường lao động",
        "Chi bộ Công ty cổ phần tư vấn đầu tư phát triển và xây dựng Việt Nam",
        "Chi bộ THCS - THPT Nguyễn Siêu",
    ] {
        assert!(md.contains(branch), "{branch} missing");
    }
    Ok(())
}

#[test]
fn demo_visits_are_final_and_complete() -> Result {
    let templates = vec![Template::embedded()];
    let (files, _) = find_visit_files(&[Path::new(MANIFEST).join(DEMO)]);
    assert_eq!(files.len(), 7);
    for file in &files {
        let visit = load_visit(file, &templates).map_err(|e| e.display(Lang::En))?;
        assert_eq!(visit.status, VisitStatus::Final, "{}", file.display());
        assert_eq!(visit.round.as_deref(), Some("967-QĐ/QU"));
        assert_eq!(problems(&templates[0], &visit), vec![], "{}", file.display());
        // Kept in the form the app writes, so opening and saving one changes nothing.
        assert_eq!(visit_to_ron(&visit), fs::read_to_string(file)?, "{}", file.display());
    }
    Ok(())
}

/// The demo folder copied with a truncated visit added.
fn demo_copy_with_broken_file() -> Result<tempfile::TempDir> {
    let dir = tempfile::tempdir()?;
    let mut longest = String::new();
    for entry in fs::read_dir(Path::new(MANIFEST).join(DEMO))? {
        let path = entry?.path();
        let content = fs::read_to_string(&path)?;
        fs::write(dir.path().join(path.file_name().ok_or("name")?), &content)?;
        if content.len() > longest.len() {
            longest = content;
        }
    }
    let cut = longest.char_indices().map(|(i, _)| i).find(|&i| i >= longest.len() / 2).unwrap_or(0);
    fs::write(dir.path().join("2022-04-22_truncated.ron"), &longest[..cut])?;
    Ok(dir)
}

#[test]
fn a_truncated_file_is_skipped_and_reported() -> Result {
    let dir = demo_copy_with_broken_file()?;
    let path = dir.path().to_string_lossy().into_owned();
    let out = run(&["--lang", "en", "summary", &path, "--format", "json"])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(json["visits"], 7);
    let skipped = json["skipped"].as_array().ok_or("skipped")?;
    assert_eq!(skipped.len(), 1);
    assert!(skipped[0]["path"].as_str().is_some_and(|p| p.ends_with("2022-04-22_truncated.ron")), "{skipped:?}");
    assert!(skipped[0]["line"].as_u64().is_some());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("2022-04-22_truncated.ron:"), "path:line:col on stderr: {stderr}");

    let strict = run(&["summary", &path, "--format", "json", "--strict"])?;
    assert_eq!(strict.status.code(), Some(1), "{}", show(&strict));
    Ok(())
}

#[test]
fn xlsx_needs_an_output_file_and_writes_one() -> Result {
    let out = run(&["--lang", "en", "summary", DEMO, "--format", "xlsx"])?;
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert!(text(&out.stderr).contains("-o FILE"), "{}", show(&out));
    assert!(out.stdout.is_empty());

    let dir = tempfile::tempdir()?;
    let target = dir.path().join("report.xlsx");
    let target_arg = target.to_string_lossy().into_owned();
    let out = run(&["summary", DEMO, "--format", "xlsx", "-o", &target_arg])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert!(fs::read(&target)?.starts_with(b"PK"));
    let leftovers = fs::read_dir(dir.path())?.count();
    assert_eq!(leftovers, 1, "only the report, no temporary file");
    Ok(())
}

#[test]
fn text_is_the_default_and_csv_writes_a_file() -> Result {
    let out = run(&["--lang", "vi", "summary", DEMO])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let plain = text(&out.stdout);
    assert!(plain.contains("Ưu điểm") && plain.contains("Hạn chế") && plain.contains("Số liệu"), "{plain}");

    let dir = tempfile::tempdir()?;
    let target = dir.path().join("findings.csv");
    let target_arg = target.to_string_lossy().into_owned();
    let out = run(&["summary", DEMO, "--format", "csv", "-o", &target_arg])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert!(out.stdout.is_empty());
    assert!(fs::read(&target)?.starts_with(b"\xEF\xBB\xBFitem_id,"));
    Ok(())
}

#[test]
fn cli_filters_and_bad_filter_values() -> Result {
    let out = run(&["summary", DEMO, "--format", "json", "--committee", "mai dich", "--from", "05/04/2022"])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(json["visits"], 2);
    assert_eq!(json["filtered_out"], 5);

    let out = run(&["summary", DEMO, "--type", "cong_an", "--format", "json"])?;
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(json["visits"], 3);

    let out = run(&["--lang", "en", "summary", DEMO, "--type", "nope"])?;
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    let out = run(&["--lang", "en", "summary", DEMO, "--to", "31/02/2022"])?;
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    Ok(())
}

#[test]
fn nothing_to_read_is_an_error() -> Result {
    let dir = tempfile::tempdir()?;
    let path = dir.path().to_string_lossy().into_owned();
    let out = run(&["summary", &path])?;
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    let missing = dir.path().join("missing").to_string_lossy().into_owned();
    let out = run(&["summary", &missing, "--format", "json"])?;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    Ok(())
}
