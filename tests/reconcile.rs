//! Issue 16, part 4: two records of one meeting. The summary counts the meeting once and warns
//! (under `--strict` it fails) until `khaosat reconcile` makes them one visit; the records are
//! kept, no longer counted; `--undo` puts everything back byte for byte, until the reconciled
//! visit is finalised.

mod common;

use std::fs;
use std::path::Path;

use common::{MANIFEST, Result, khaosat, show, text};
use serde_json::Value as Json;

/// Lê Thị Tú's (and Nguyễn Văn Chiến's) final record of Chi bộ số 11's meeting, from the example round.
const A: &str = "2022-04-06_chi-bo-so-11.ron";
/// Trần Văn Bình's draft record of the same meeting.
const B: &str = "2022-04-06_chi-bo-so-11-2.ron";
/// Where the reconciled visit is written: the next free name for that meeting.
const RESULT: &str = "2022-04-06_chi-bo-so-11-3.ron";

/// The example round, copied.
fn example_round() -> Result<tempfile::TempDir> {
    let dir = tempfile::tempdir()?;
    let source = Path::new(MANIFEST).join("data/examples/round-967");
    for entry in fs::read_dir(source)? {
        let entry = entry?;
        fs::copy(entry.path(), dir.path().join(entry.file_name()))?;
    }
    Ok(dir)
}

/// Replace `from` (which must be there) with `to` in `text`.
fn edit(text: &str, from: &str, to: &str) -> Result<String> {
    if !text.contains(from) {
        return Err(format!("{from:?} not in the record").into());
    }
    Ok(text.replacen(from, to, 1))
}

/// B: A's record as another inspector kept it, a draft: one finding of A missed (answered yes),
/// another speaker count, and a note of his own on an item where both agree.
fn add_second_record(dir: &Path) -> Result {
    let a = fs::read_to_string(dir.join(A))?;
    let b = edit(&a, "    \"Nguyễn Văn Chiến\",\n    \"Lê Thị Tú\",\n", "    \"Trần Văn Bình\",\n")?;
    let b = edit(
        &b,
        "\"conduct.news_selective\": (\n      value: Some(No),\n      note: \"Đọc toàn văn Kết luận 21-KL/TW, mất khoảng 30 phút\",",
        "\"conduct.news_selective\": (\n      value: Some(Yes),\n      note: \"Có chọn tin\",",
    )?;
    let b = edit(&b, "value: Some(Number(9)),", "value: Some(Number(11)),")?;
    let b = edit(
        &b,
        "note: \"Có đảng viên vắng không báo cáo tại buổi sinh hoạt tháng 3 nhưng chưa được nhắc nhở\",",
        "note: \"Phê bình còn nể nang\",",
    )?;
    let b = edit(&b, "status: Final,", "status: Draft,")?;
    fs::write(dir.join(B), b)?;
    Ok(())
}

fn summary_json(dir: &Path, strict: bool) -> Result<(Json, String, Option<i32>)> {
    let mut cmd = khaosat();
    cmd.args(["--lang", "en", "summary", "--format", "json"]).arg(dir);
    if strict {
        cmd.arg("--strict");
    }
    let out = cmd.output()?;
    let json: Json = serde_json::from_slice(&out.stdout).map_err(|e| format!("{e}: {}", show(&out)))?;
    Ok((json, text(&out.stderr), out.status.code()))
}

/// What the summary counts: visits, branches, each finding's failing/assessed/n.a., each
/// strength's counts, every figure's count and total.
fn counts(summary: &Json) -> Json {
    let findings: Vec<Json> = summary["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| serde_json::json!([f["id"], f["failing"], f["assessed"], f["not_applicable"], f["unanswered"]]))
        .collect();
    let strengths: Vec<Json> = summary["strengths"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| serde_json::json!([s["id"], s["passing"], s["assessed"]]))
        .collect();
    let figures: Vec<Json> = summary["figures"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, f)| serde_json::json!([name, f["count"], f["total"], f["average"], f["rate"]]))
        .collect();
    serde_json::json!({
        "visits": summary["visit_list"].as_array().map(Vec::len),
        "findings": findings,
        "strengths": strengths,
        "figures": figures,
    })
}

fn reconcile(dir: &Path, args: &[&str]) -> Result<std::process::Output> {
    Ok(khaosat().current_dir(dir).args(["--lang", "en", "reconcile"]).args(args).output()?)
}

#[test]
fn two_records_are_counted_once_until_reconciled_and_the_reconciling_undone() -> Result {
    let one = example_round()?;
    let (alone, alone_err, code) = summary_json(one.path(), true)?;
    assert_eq!(code, Some(0), "{alone_err}");
    assert!(!alone_err.contains("reconcile"), "{alone_err}");
    let expected = counts(&alone);
    assert_eq!(expected["visits"], 7, "{expected}");

    // Two records of one meeting: counted once, as the final one records it, with a warning.
    let two = example_round()?;
    add_second_record(two.path())?;
    let (merged, warning, code) = summary_json(two.path(), false)?;
    assert_eq!(code, Some(0), "{warning}");
    assert_eq!(counts(&merged), expected, "the meeting counted once, A's answers (the final record)");
    for needed in [A, B, "khaosat reconcile", "conduct.news_selective", "crit.speakers"] {
        assert!(warning.contains(needed), "{needed:?} not in the warning:\n{warning}");
    }
    let duplicates = merged["duplicates"].as_array().cloned().unwrap_or_default();
    assert_eq!(duplicates.len(), 1, "{merged}");
    assert_eq!(duplicates[0]["counted_once"], true);
    let (_, _, code) = summary_json(two.path(), true)?;
    assert_eq!(code, Some(1), "--strict fails until reconciled");

    // Without picks: the table, what is left to pick, nothing written.
    let a_before = fs::read(two.path().join(A))?;
    let b_before = fs::read(two.path().join(B))?;
    let out = reconcile(two.path(), &[A, B])?;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    let table = text(&out.stdout);
    assert!(table.contains("[differ] ") && table.contains("A: No | B: Yes"), "{table}");
    assert!(table.contains("[agree] "), "{table}");
    assert!(text(&out.stderr).contains("conduct.news_selective"), "{}", show(&out));
    assert!(!two.path().join(RESULT).exists());

    // A pick that names no difference is refused.
    let out = reconcile(two.path(), &[A, B, "--pick", "prep.notice=b"])?;
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));

    let out = reconcile(two.path(), &[A, B, "--take", "a", "--pick", "conduct.news_selective=a", "--by", "Lê Thị Tú"])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert!(text(&out.stdout).contains(RESULT), "{}", show(&out));
    let result = fs::read_to_string(two.path().join(RESULT))?;
    for needed in ["Trần Văn Bình", "Nguyễn Văn Chiến", "reconciled_from", "Phê bình còn nể nang", "Có chọn tin"]
    {
        assert!(result.contains(needed), "{needed:?} not in the reconciled visit:\n{result}");
    }
    for record in [A, B] {
        let kept = fs::read_to_string(two.path().join(record))?;
        assert!(kept.contains(&format!("reconciled_into: Some(\"{RESULT}\")")), "{record}:\n{kept}");
    }
    let (after, warning, code) = summary_json(two.path(), true)?;
    assert_eq!(code, Some(0), "no warning left, --strict passes:\n{warning}");
    assert!(!warning.contains("reconcile"), "{warning}");
    assert_eq!(counts(&after), expected, "the counts of one visit");
    let out = khaosat().arg("validate").arg(two.path()).output()?;
    assert_eq!(out.status.code(), Some(0), "validate accepts the records and the reconciled visit: {}", show(&out));
    assert!(text(&out.stdout).contains('9'), "{}", show(&out));

    // A record already reconciled cannot be reconciled again.
    let out = reconcile(two.path(), &[A, B])?;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(text(&out.stderr).contains(RESULT), "{}", show(&out));

    // Undo: the records byte for byte as before, the reconciled visit gone, the warning back.
    let out = reconcile(two.path(), &["--undo", RESULT])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert!(!two.path().join(RESULT).exists());
    assert!(fs::read(two.path().join(A))? == a_before, "A restored byte for byte");
    assert!(fs::read(two.path().join(B))? == b_before, "B restored byte for byte");
    let (_, _, code) = summary_json(two.path(), true)?;
    assert_eq!(code, Some(1), "two records again");

    // Once the reconciled visit is finalised, the reconciling stays.
    let out = reconcile(two.path(), &[A, B, "--take", "a"])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let out = khaosat().current_dir(two.path()).args(["finalise", RESULT, "--by", "Lê Thị Tú"]).output()?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let out = reconcile(two.path(), &["--undo", RESULT])?;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(text(&out.stderr).contains("finalised"), "{}", show(&out));
    assert!(two.path().join(RESULT).exists());
    Ok(())
}

#[test]
fn records_of_different_meetings_are_refused_with_what_differs() -> Result {
    let dir = example_round()?;
    let out = reconcile(dir.path(), &[A, "2022-04-08_chi-bo-cong-an-phuong.ron"])?;
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    let said = text(&out.stderr);
    assert!(said.contains("do not record the same meeting") && said.contains("Chi bộ Công an phường"), "{said}");
    assert!(said.contains("date 2022-04-06 / 2022-04-08"), "{said}");
    let out = reconcile(dir.path(), &[A, A])?;
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    let out = reconcile(dir.path(), &["--undo", A])?;
    assert_eq!(out.status.code(), Some(2), "not a reconciled visit: {}", show(&out));
    Ok(())
}

#[test]
fn an_edited_reconciled_visit_is_only_undone_with_force() -> Result {
    let dir = example_round()?;
    add_second_record(dir.path())?;
    let out = reconcile(dir.path(), &[A, B, "--take", "b"])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let path = dir.path().join(RESULT);
    // Saved again later, as the checklist does on any change.
    let later = {
        let text = fs::read_to_string(&path)?;
        let start = text.find("  updated: \"").ok_or("no updated")?;
        let end = start + text[start..].find('\n').ok_or("no end of line")?;
        format!("{}  updated: \"2030-01-01T00:00:00Z\",{}", &text[..start], &text[end..])
    };
    fs::write(&path, later)?;
    let out = reconcile(dir.path(), &["--undo", RESULT])?;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(text(&out.stderr).contains("--force"), "{}", show(&out));
    let out = reconcile(dir.path(), &["--undo", RESULT, "--force"])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert!(!path.exists());
    Ok(())
}
