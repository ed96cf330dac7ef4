//! Scores in the summary (issue 14): HD 42 visits made with the real binary (`khaosat new`, which
//! picks the rule set in force on the meeting date), filled through the library, summarised by
//! the binary. The grade distribution, the averages and the visits' own scores in text, JSON and
//! XLSX; a round across HD 12 and HD 42: the warning, the report's sentence, a finding id both
//! rule sets share counted over both; an HD 12-only summary without any of it.

use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use khaosat::core::template::Template;
use khaosat::core::visit::{Answer, Value, Visit, finalise};
use khaosat::store::{load_visit, save_visit};
use khaosat::strings::Lang;
use khaosat::testing::{answer_all_passing, enter_passing_facts, fixed_now};

mod common;
use common::{Result, run, show, text};

const COMMITTEE: &str = "Đảng bộ phường Mai Dịch";

/// `khaosat new` in `dir`: the path of the new visit file it prints.
fn new_visit(dir: &Path, branch: &str, date: &str) -> Result<PathBuf> {
    let dir_arg = dir.to_string_lossy().into_owned();
    let out = run(&[
        "new",
        "--branch",
        branch,
        "--committee",
        COMMITTEE,
        "--type",
        "khu_dan_cu",
        "--date",
        date,
        "--dir",
        &dir_arg,
    ])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let path = text(&out.stdout).trim().to_string();
    assert!(path.ends_with(".ron"), "{}", show(&out));
    Ok(PathBuf::from(path))
}

fn set(v: &mut Visit, id: &str, value: Value) {
    v.answers.insert(id.into(), Answer { value: Some(value), note: String::new() });
}

/// Make a visit with the binary, answer it so everything passes, let `spoil` change it, save it
/// (final when `last` leaves nothing scored unanswered and `final_` says so).
fn visit(
    dir: &Path,
    branch: &str,
    date: &str,
    rule_set: &str,
    final_: bool,
    spoil: impl FnOnce(&mut Visit),
) -> Result<PathBuf> {
    let path = new_visit(dir, branch, date)?;
    let templates = Template::embedded_all();
    let mut v = load_visit(&path, &templates).map_err(|e| e.display(Lang::En))?;
    assert_eq!(v.template.id, rule_set, "the rule set in force on {date}");
    let template = templates.iter().find(|t| t.id == rule_set).ok_or("template")?;
    v.inspectors = vec!["Lê Thị Tú".into()];
    enter_passing_facts(&mut v);
    answer_all_passing(template, &mut v);
    spoil(&mut v);
    if final_ {
        finalise(&mut v, "Lê Thị Tú", fixed_now());
    }
    save_visit(&path, &v)?;
    Ok(path)
}

/// Four HD 42 visits of 5 March 2026: A 99.5 (Tốt), B 80 (Khá), C 59 (Trung bình, and it fails
/// prep.notice), D a draft with one scored item unanswered (not yet gradable).
fn hd42_visits(dir: &Path) -> Result {
    const HD42: &str = "hd42-2025";
    visit(dir, "Chi bộ A", "2026-03-05", HD42, true, |v| set(v, "prep.focused", Value::Scale(4)))?;
    visit(dir, "Chi bộ B", "2026-03-05", HD42, true, |v| set(v, "res.previous_done", Value::Scale(1)))?;
    visit(dir, "Chi bộ C", "2026-03-05", HD42, true, |v| {
        set(v, "res.previous_reviewed", Value::No);
        set(v, "res.previous_done", Value::Scale(1));
        set(v, "conduct.chairing", Value::Scale(1));
        set(v, "prep.notice", Value::No);
    })?;
    visit(dir, "Chi bộ D", "2026-03-05", HD42, false, |v| {
        v.answers.remove("prep.focused");
    })?;
    Ok(())
}

/// An HD 12 visit of 20 October 2025 (before HD 42 came into force) that fails prep.notice.
fn hd12_visit(dir: &Path) -> Result {
    visit(dir, "Chi bộ Z", "2025-10-20", "hd12-2018", true, |v| set(v, "prep.notice", Value::No))?;
    Ok(())
}

fn summary(args: &[&str]) -> Result<(String, String, Option<i32>)> {
    let out = run(args)?;
    Ok((text(&out.stdout), text(&out.stderr), out.status.code()))
}

#[test]
fn text_gives_the_grades_and_averages_labelled_as_the_teams() -> Result {
    let dir = tempfile::tempdir()?;
    hd42_visits(dir.path())?;
    let path = dir.path().to_string_lossy().into_owned();
    let (out, err, code) = summary(&["--lang", "vi", "summary", &path])?;
    assert_eq!(code, Some(0), "{err}");
    assert!(!err.contains("bộ quy định"), "one rule set: no warning: {err}");
    let part = out.find("Điểm đánh giá (đoàn khảo sát chấm, tham khảo)\n---").ok_or("score part")?;
    let part = &out[part..];
    for line in [
        "  [HD42-2025 (mẫu phiếu hd42-2025 phiên bản 1): 4 phiếu được chấm điểm]",
        "  - Xếp loại: Tốt: 1 · Khá: 1 · Trung bình: 1 · Kém: 0 · Chưa đủ để xếp loại: 1",
        "      1 phiếu còn mục tính điểm chưa trả lời: chưa xếp loại, không tính vào điểm trung bình",
        // (99.5 + 80 + 59) / 3; D left out.
        "  - Điểm trung bình: 79,5/100 (3 phiếu đủ để xếp loại)",
        "  - Điểm trung bình theo nhóm tiêu chí",
        "      Thời gian sinh hoạt: 5/5",
        "      Công tác chuẩn bị: 9,5/10",
        "      Tổ chức, điều hành buổi sinh hoạt: 36,7/40",
        "      Kết quả thực hiện nghị quyết tháng trước: 13,3/30",
        "  Điểm và xếp loại trên là đánh giá tham khảo của đoàn khảo sát; xếp loại chính thức do cấp ủy cấp trên trực tiếp quyết định.",
    ] {
        assert!(part.lines().any(|l| l == line), "missing line {line:?} in\n{part}");
    }

    let (out, _, code) = summary(&["--lang", "en", "summary", &path])?;
    assert_eq!(code, Some(0));
    for line in [
        "Score (the inspection team's assessment, for reference)",
        "  - Grades: Good: 1 · Fair: 1 · Average: 1 · Poor: 0 · Not yet gradable: 1",
        "  - Average score: 79.5/100 (3 gradable visits)",
        "      Results of last month's resolution: 13.3/30",
    ] {
        assert!(out.lines().any(|l| l == line), "missing line {line:?} in\n{out}");
    }
    let (md, _, _) = summary(&["--lang", "vi", "summary", &path, "--format", "md"])?;
    assert!(md.contains("\n## Điểm đánh giá (đoàn khảo sát chấm, tham khảo)\n"), "{md}");
    assert!(md.contains("\n- Xếp loại: Tốt: 1 · Khá: 1 · Trung bình: 1 · Kém: 0 · Chưa đủ để xếp loại: 1\n"), "{md}");
    assert!(md.contains("\n*Điểm và xếp loại trên là đánh giá tham khảo của đoàn khảo sát;"), "{md}");
    Ok(())
}

#[test]
fn json_gives_scores_per_version_and_each_visits_score() -> Result {
    let dir = tempfile::tempdir()?;
    hd42_visits(dir.path())?;
    let path = dir.path().to_string_lossy().into_owned();
    let (out, err, code) = summary(&["--lang", "vi", "summary", &path, "--format", "json"])?;
    assert_eq!(code, Some(0), "{err}");
    let json: serde_json::Value = serde_json::from_str(&out)?;
    let scores = json["scores"].as_array().ok_or("scores")?;
    assert_eq!(scores.len(), 1);
    let s = &scores[0];
    assert_eq!((s["template"]["id"].as_str(), s["template"]["version"].as_u64()), (Some("hd42-2025"), Some(1)));
    assert_eq!((s["visits"].as_u64(), s["graded"].as_u64(), s["pending"].as_u64()), (Some(4), Some(3), Some(1)));
    assert_eq!(s["average"].as_f64(), Some(79.5));
    assert!(s["label"].as_str().is_some_and(|l| l.contains("cấp ủy cấp trên")), "{s}");
    let grades: Vec<(&str, u64)> = s["grades"]
        .as_array()
        .ok_or("grades")?
        .iter()
        .filter_map(|g| Some((g["id"].as_str()?, g["visits"].as_u64()?)))
        .collect();
    assert_eq!(grades, vec![("tot", 1), ("kha", 1), ("trung_binh", 1), ("kem", 0)]);
    let group = |id: &str| s["groups"].as_array()?.iter().find(|g| g["id"] == id).and_then(|g| g["average"].as_f64());
    assert_eq!((group("previous_results"), group("conduct"), group("time")), (Some(13.33), Some(36.67), Some(5.0)));

    let visits = json["visit_list"].as_array().ok_or("visit_list")?;
    let of = |branch: &str| visits.iter().find(|v| v["branch"] == branch).cloned().unwrap_or_default();
    let (a, d) = (of("Chi bộ A"), of("Chi bộ D"));
    assert_eq!((a["score"]["points"].as_f64(), a["grade"]["id"].as_str()), (Some(99.5), Some("tot")));
    assert_eq!((a["score"]["total"].as_f64(), a["grade"]["label"].as_str()), (Some(100.0), Some("Tốt")));
    assert_eq!((d["score"]["pending"].as_u64(), d["grade"].is_null()), (Some(1), true), "{d}");
    Ok(())
}

#[test]
fn the_visits_sheet_has_score_and_grade_columns() -> Result {
    let dir = tempfile::tempdir()?;
    let visits = dir.path().join("visits");
    hd42_visits(&visits)?;
    let target = dir.path().join("report.xlsx");
    let (source, target_arg) = (visits.to_string_lossy().into_owned(), target.to_string_lossy().into_owned());
    let (_, err, code) = summary(&["--lang", "vi", "summary", &source, "--format", "xlsx", "-o", &target_arg])?;
    assert_eq!(code, Some(0), "{err}");
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(fs::read(&target)?))?;
    let sheet = book.worksheet_range("Visits")?;
    let rows: Vec<&[Data]> = sheet.rows().collect();
    let head: Vec<String> = rows.first().ok_or("header")?.iter().map(|c| c.to_string()).collect();
    let col = |title: &str| head.iter().position(|h| h == title).ok_or(format!("no column {title}: {head:?}"));
    let (branch, score, grade) = (col("Tên chi bộ")?, col("Điểm")?, col("Xếp loại")?);
    assert_eq!(score, col("Số hạn chế")? + 1, "after the findings count");
    let row = |name: &str| rows.iter().find(|r| r[branch] == Data::String(name.into())).ok_or("row");
    assert_eq!(row("Chi bộ B")?[score], Data::Float(80.0));
    assert_eq!(row("Chi bộ B")?[grade], Data::String("Khá".into()));
    assert_eq!(row("Chi bộ D")?[score], Data::Empty, "a running score is not given as the meeting's");
    assert_eq!(row("Chi bộ D")?[grade], Data::String("Chưa đủ để xếp loại (1 mục chưa trả lời)".into()));
    Ok(())
}

#[test]
fn a_round_across_both_rule_sets_warns_and_joins_the_shared_findings() -> Result {
    let dir = tempfile::tempdir()?;
    hd42_visits(dir.path())?;
    hd12_visit(dir.path())?;
    let path = dir.path().to_string_lossy().into_owned();
    let sentence =
        "Các phiếu theo 2 bộ quy định: HD12-2018 (1 phiếu), HD42-2025 (4 phiếu); chỉ gộp các tiêu chí giống nhau";
    // Said, not refused: --strict is about files that could not be read.
    let (out, err, code) = summary(&["--lang", "vi", "summary", &path, "--strict"])?;
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(err.lines().filter(|l| l.starts_with(sentence)).count(), 1, "{err}");
    let head = &out[..out.find("\nCác chi bộ đã dự").unwrap_or(out.len())];
    assert!(head.lines().any(|l| l.starts_with(sentence)), "{head}");
    assert!(!out.contains("Các phiếu dùng nhiều phiên bản mẫu phiếu"), "the one sentence that fits: {out}");
    assert!(out.contains("[HD42-2025 (mẫu phiếu hd42-2025 phiên bản 1): 4 phiếu được chấm điểm]"), "{out}");
    let (md, _, _) = summary(&["--lang", "vi", "summary", &path, "--format", "md"])?;
    assert!(md.lines().any(|l| l.starts_with(&format!("> {sentence}"))), "{md}");
    let (_, err, _) = summary(&["--lang", "en", "summary", &path, "--format", "json"])?;
    assert!(err.contains("Visits follow 2 rule sets: HD12-2018 (1 visits), HD42-2025 (4 visits);"), "{err}");

    let (out, _, _) = summary(&["--lang", "vi", "summary", &path, "--format", "json"])?;
    let json: serde_json::Value = serde_json::from_str(&out)?;
    let findings = json["findings"].as_array().ok_or("findings")?;
    let notice = findings.iter().find(|f| f["id"] == "prep.notice").ok_or("prep.notice")?;
    // The HD 12 visit Z and the HD 42 visit C fail it; all five assessed it.
    assert_eq!((notice["failing"].as_u64(), notice["assessed"].as_u64()), (Some(2), Some(5)), "{notice}");
    assert_eq!(notice["not_in_template"].as_u64(), Some(0));
    let branches: Vec<&str> =
        notice["branches"].as_array().ok_or("branches")?.iter().filter_map(|b| b["branch"].as_str()).collect();
    assert_eq!(branches, vec!["Chi bộ C", "Chi bộ Z"]);
    // Scores stay per version: only HD 42's, over its own four visits.
    let scores = json["scores"].as_array().ok_or("scores")?;
    assert_eq!((scores.len(), scores[0]["visits"].as_u64()), (1, Some(4)));
    let z = json["visit_list"].as_array().ok_or("visits")?.iter().find(|v| v["branch"] == "Chi bộ Z").ok_or("Z")?;
    assert!(z.get("score").is_none() && z.get("grade").is_none(), "an HD 12 visit has no score: {z}");
    Ok(())
}

#[test]
fn an_hd12_summary_has_no_scores_and_no_warning() -> Result {
    let dir = tempfile::tempdir()?;
    hd12_visit(dir.path())?;
    let path = dir.path().to_string_lossy().into_owned();
    let (out, err, code) = summary(&["--lang", "vi", "summary", &path])?;
    assert_eq!(code, Some(0), "{err}");
    assert!(!out.contains("Điểm đánh giá") && !err.contains("bộ quy định"), "{out}\n{err}");
    let (out, _, _) = summary(&["summary", &path, "--format", "json"])?;
    let json: serde_json::Value = serde_json::from_str(&out)?;
    assert!(json.get("scores").is_none(), "{out}");
    assert!(json["visit_list"][0].get("score").is_none(), "{out}");
    Ok(())
}
