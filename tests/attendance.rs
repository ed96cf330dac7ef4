//! Member counts that cannot all be true, and exempted members who attend anyway: the attendance
//! rate never exceeds 100 %, impossible counts are a problem that names the numbers and blocks
//! finalise, and "of those present, exempted" makes a full house of a branch whose exempted
//! members came. Through the real binary (validate, finalise, summary) on a copy of a demo visit.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use khaosat::core::template::Template;
use khaosat::store::format::{LoadErrorKind, parse_visit, visit_to_ron};
use khaosat::strings::Lang;

mod common;
use common::{MANIFEST, Result, khaosat, show, text};

/// Complete and final: 52 members, 8 exempted (44 expected), 40 present, 4 absent with reason.
const DEMO_VISIT: &str = "data/examples/round-967/2022-04-06_chi-bo-so-11.ron";

fn run_en(args: &[&str]) -> Result<Output> {
    Ok(khaosat().args(["--lang", "en"]).args(args).output()?)
}

/// The demo visit as a draft in its own folder, its member counts edited with `edit`.
fn draft(dir: &Path, edit: impl Fn(String) -> String) -> Result<PathBuf> {
    let text = fs::read_to_string(Path::new(MANIFEST).join(DEMO_VISIT))?;
    let text = edit(text.replace("status: Final", "status: Draft"));
    let path = dir.join("2022-04-06_chi-bo-so-11.ron");
    fs::write(&path, text)?;
    Ok(path)
}

/// 48 present where 44 are expected, and the 4 absent with reason: 52 members in all.
fn four_too_many(text: String) -> String {
    text.replace("present: Some(40),", "present: Some(48),")
        .replace("absent_excused: Some(4),", "absent_excused: Some(0),")
}

fn summary_json(dir: &Path) -> Result<serde_json::Value> {
    let out = run_en(&["summary", &dir.to_string_lossy(), "--format", "json"])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    Ok(serde_json::from_slice(&out.stdout)?)
}

#[test]
fn more_present_than_expected_is_a_problem_that_names_the_numbers() -> Result {
    let dir = tempfile::tempdir()?;
    let path = draft(dir.path(), four_too_many)?;
    let file = path.to_string_lossy().into_owned();
    let written = fs::read_to_string(&path)?;
    let sentence = "members expected who were present (48 present − 0 of them exempted = 48) are more than the \
                    members expected (52 in all − 8 exempted = 44)";

    let out = run_en(&["finalise", &file, "--by", "Lê Thị Tú"])?;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(text(&out.stderr).to_lowercase().contains(sentence), "{}", show(&out));
    assert_eq!(fs::read_to_string(&path)?, written, "nothing written");

    // validate: a note on the draft, pointing at the member counts; an error once final.
    let present_line = written.lines().position(|l| l.trim_start().starts_with("present:")).map_or(0, |i| i + 1);
    let out = run_en(&["validate", &file])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with(&format!("{file}:{present_line}:7: note (a draft;")), "{stderr}");
    assert!(stderr.to_lowercase().contains(sentence), "{stderr}");
    fs::write(&path, written.replace("status: Draft", "status: Final"))?;
    let out = run_en(&["validate", &file])?;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(text(&out.stderr).contains(&format!("{file}:{present_line}:7: marked final, yet: ")), "{}", show(&out));
    Ok(())
}

#[test]
fn the_attendance_rate_never_exceeds_a_hundred_percent() -> Result {
    let dir = tempfile::tempdir()?;
    draft(dir.path(), four_too_many)?;
    let json = summary_json(dir.path())?;
    let attendance = &json["figures"]["attendance"];
    let rate = attendance["rate"].as_f64();
    assert!(rate.is_none_or(|r| r <= 100.0), "{attendance}");
    let present = attendance["present"].as_u64().unwrap_or_default();
    assert!(present <= attendance["expected"].as_u64().unwrap_or_default(), "{attendance}");

    let out = run_en(&["summary", &dir.path().to_string_lossy()])?;
    let report = text(&out.stdout);
    assert!(!report.contains("109"), "{report}");
    assert!(!report.contains("48 of 44"), "{report}");
    Ok(())
}

#[test]
fn exempted_members_who_attend_are_counted_apart() -> Result {
    let dir = tempfile::tempdir()?;
    // 48 in the room, 4 of them exempted: the 44 expected all came.
    let path = draft(dir.path(), |text| {
        four_too_many(text).replace("present: Some(48),", "present: Some(48),\n      exempted_present: Some(4),")
    })?;
    let file = path.to_string_lossy().into_owned();
    let out = run_en(&["validate", &file])?;
    assert_eq!((out.status.code(), text(&out.stderr)), (Some(0), String::new()), "{}", show(&out));

    let json = summary_json(dir.path())?;
    let attendance = &json["figures"]["attendance"];
    assert_eq!((attendance["present"].as_u64(), attendance["expected"].as_u64()), (Some(44), Some(44)), "{attendance}");
    assert_eq!(attendance["rate"].as_f64(), Some(100.0), "{attendance}");

    let out = run_en(&["finalise", &file, "--by", "Lê Thị Tú"])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let saved = fs::read_to_string(&path)?;
    assert!(saved.contains("      exempted_present: Some(4),\n"), "{saved}");
    // A file that records exempted members present needs this format: older builds, which do not
    // know the field, say "written by a newer khaosat" instead of "unknown field".
    assert!(saved.starts_with("(\n  schema: 2,\n"), "{saved}");
    Ok(())
}

#[test]
fn exempted_members_present_cannot_outnumber_the_exempted_or_those_present() -> Result {
    let dir = tempfile::tempdir()?;
    for (counts, expected) in [
        (
            "exempted: Some(8),\n      present: Some(40),\n      exempted_present: Some(9),",
            "9 exempted members present, more than the 8 exempted",
        ),
        ("exempted: Some(60),\n      present: Some(40),", "60 exempted, more than the 52 members in all"),
    ] {
        let path = draft(dir.path(), |text| text.replace("exempted: Some(8),\n      present: Some(40),", counts))?;
        let out = run_en(&["finalise", &path.to_string_lossy(), "--by", "Lê Thị Tú"])?;
        assert_eq!(out.status.code(), Some(1), "{}", show(&out));
        assert!(text(&out.stderr).contains(expected), "{}", show(&out));
    }
    Ok(())
}

#[test]
fn files_keep_the_oldest_format_that_holds_them() -> Result {
    let templates = [Template::embedded()];
    let path = Path::new(MANIFEST).join(DEMO_VISIT);
    let old = fs::read_to_string(&path)?;
    let mut visit = parse_visit(&path, &old, &templates).map_err(|e| e.display(Lang::En))?;
    assert_eq!(visit.schema, 1);
    assert_eq!(visit_to_ron(&visit), old, "an old file is written back as it was, format 1");

    visit.meeting.members.exempted_present = Some(2);
    visit.normalize();
    let text = visit_to_ron(&visit);
    assert!(text.starts_with("(\n  schema: 2,\n"), "{text}");
    assert_eq!(parse_visit(&path, &text, &templates).map_err(|e| e.display(Lang::En))?, visit);

    // Written without normalising first, still marked with the format it needs.
    visit.meeting.members.exempted_present = None;
    assert!(visit_to_ron(&visit).starts_with("(\n  schema: 1,\n"));

    // A team's bookkeeping (who saved it) needs format 3.
    visit.saved_by = "Lê Thị Tú".into();
    assert!(visit_to_ron(&visit).starts_with("(\n  schema: 3,\n"));

    let reads = khaosat::core::visit::SCHEMA_VERSION;
    let newer = text.replacen("schema: 2,", &format!("schema: {},", reads + 1), 1);
    let error = parse_visit(&path, &newer, &templates).err().map(|e| e.kind);
    assert_eq!(error, Some(LoadErrorKind::NewerSchema { found: reads + 1, reads }));
    Ok(())
}
