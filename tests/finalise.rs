//! `khaosat finalise` and `khaosat reopen` through the real binary: refused while problems remain,
//! who/when/hash recorded, a reason kept on reopening, and a visit edited after being final
//! reported by the summary (text and JSON) and refused by `finalise` until reopened.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use khaosat::core::template::Template;
use khaosat::core::visit::{Visit, VisitStatus, content_hash, edited_after_final};
use khaosat::store::format::visit_to_ron;
use khaosat::store::load_visit;
use khaosat::store::lock::{LockOutcome, lock_visit};
use khaosat::strings::Lang;

mod common;
use common::{MANIFEST, Result, khaosat, show, text};

const DEMO_VISIT: &str = "data/examples/round-967/2022-04-06_chi-bo-so-11.ron";

fn run(args: &[&str]) -> Result<Output> {
    Ok(khaosat().args(["--lang", "en"]).args(args).output()?)
}

fn load(path: &Path) -> Result<Visit> {
    Ok(load_visit(path, &[Template::embedded()]).map_err(|e| e.display(Lang::En))?)
}

/// A copy of a complete demo visit (final, without a finalisation record).
fn demo_copy(dir: &Path) -> Result<PathBuf> {
    let path = dir.join("2022-04-06_chi-bo-so-11.ron");
    fs::copy(Path::new(MANIFEST).join(DEMO_VISIT), &path)?;
    Ok(path)
}

#[test]
fn finalise_is_refused_while_problems_remain() -> Result {
    let dir = tempfile::tempdir()?;
    let d = dir.path().to_string_lossy().into_owned();
    let out = run(&[
        "new",
        "--dir",
        &d,
        "--branch",
        "Chi bộ số 11",
        "--committee",
        "Đảng bộ phường Mai Dịch",
        "--type",
        "khu_dan_cu",
        "--date",
        "2022-04-06",
    ])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let file = text(&out.stdout).trim().to_string();
    let before = fs::read_to_string(&file)?;
    let out = run(&["finalise", &file, "--by", "Lê Thị Tú"])?;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("Not answered: "), "each problem is listed: {stderr}");
    assert!(stderr.contains("(prep.committee_met)"), "{stderr}");
    assert!(stderr.contains("cannot mark"), "{stderr}");
    assert_eq!(fs::read_to_string(&file)?, before, "nothing written");
    Ok(())
}

#[test]
fn reopen_finalise_edit_and_the_summary_notices() -> Result {
    let dir = tempfile::tempdir()?;
    let file = demo_copy(dir.path())?;
    let f = file.to_string_lossy().into_owned();
    let d = dir.path().to_string_lossy().into_owned();

    // Final without a record (older files): already final, nothing to do.
    let out = run(&["finalise", &f])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert!(text(&out.stdout).contains("is already final"), "{}", show(&out));

    // Reopening needs a reason.
    let out = run(&["reopen", &f, "--reason", "  "])?;
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    let out = run(&["reopen", &f, "--reason", "Sai số đảng viên có mặt", "--by", "Lê Thị Tú"])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert!(text(&out.stdout).contains("Reopened"), "{}", show(&out));
    let visit = load(&file)?;
    assert_eq!(visit.status, VisitStatus::Draft);
    assert_eq!(visit.reopened.len(), 1);
    assert_eq!(
        (visit.reopened[0].by.as_str(), visit.reopened[0].reason.as_str()),
        ("Lê Thị Tú", "Sai số đảng viên có mặt")
    );
    let out = run(&["reopen", &f, "--reason", "again"])?;
    assert_eq!(out.status.code(), Some(1), "a draft is not reopened: {}", show(&out));

    // Finalise: who (the visit's first inspector when not given), when, hash.
    let out = run(&["finalise", &f])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert!(text(&out.stdout).contains("(by Nguyễn Văn Chiến)"), "{}", show(&out));
    let visit = load(&file)?;
    assert_eq!(visit.status, VisitStatus::Final);
    let record = visit.finalised.clone().ok_or("finalised record")?;
    assert_eq!(record.by, "Nguyễn Văn Chiến");
    assert_eq!(record.hash, content_hash(&visit));
    assert!(!edited_after_final(&visit));
    assert_eq!(visit_to_ron(&visit), fs::read_to_string(&file)?, "written in canonical form");
    assert_eq!(visit.reopened.len(), 1, "the reopening stays on record");

    let out = run(&["summary", &d, "--format", "json"])?;
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert!(json.get("edited_after_final").is_none(), "{}", show(&out));

    // A hand edit after finalising.
    let edited = fs::read_to_string(&file)?.replace(
        "\"crit.speakers\": (\n      value: Some(Number(9)),",
        "\"crit.speakers\": (\n      value: Some(Number(12)),",
    );
    assert_ne!(edited, fs::read_to_string(&file)?);
    fs::write(&file, edited)?;
    assert!(edited_after_final(&load(&file)?));

    let out = run(&["summary", &d, "--format", "json"])?;
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let list = json["edited_after_final"].as_array().ok_or("edited_after_final")?;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["branch"], "Chi bộ số 11");
    assert_eq!(list[0]["file"], f.as_str());
    let out = run(&["summary", &d])?;
    let report = text(&out.stdout);
    assert!(report.contains("\nVisits edited after being marked final\n"), "{report}");
    assert!(report.contains("[edited after final]"), "{report}");
    let out = run(&["summary", &d, "--format", "md"])?;
    assert!(text(&out.stdout).contains("\n## Visits edited after being marked final\n"), "{}", show(&out));

    // Finalising again is refused until it is reopened (with a reason).
    let out = run(&["finalise", &f, "--by", "Lê Thị Tú"])?;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(text(&out.stderr).contains("was edited after being marked final"), "{}", show(&out));
    let out = run(&["reopen", &f, "--reason", "Cập nhật số người phát biểu"])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let out = run(&["finalise", &f, "--by", "Lê Thị Tú"])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let visit = load(&file)?;
    assert!(!edited_after_final(&visit));
    assert_eq!(visit.reopened.len(), 2);
    assert_eq!(visit.finalised.map(|r| r.by), Some("Lê Thị Tú".to_string()));
    Ok(())
}

#[test]
fn finalise_does_not_write_under_an_open_session() -> Result {
    let dir = tempfile::tempdir()?;
    let file = demo_copy(dir.path())?;
    let LockOutcome::Acquired(_lock) = lock_visit(&file)? else {
        return Err("lock".into());
    };
    let before = fs::read_to_string(&file)?;
    let out = run(&["reopen", &file.to_string_lossy(), "--reason", "x"])?;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(text(&out.stderr).contains("is open in another session"), "{}", show(&out));
    assert_eq!(fs::read_to_string(&file)?, before);
    Ok(())
}
