//! The follow-up register (issue 17) through the real binary: `followup init` on a copy of the
//! demo round makes one action per failing finding × branch (35 on the demo: counted here from the
//! round's own JSON summary, not written down), a second `init` keeps edits and adds nothing;
//! statuses set with `followup set` are checked by `compare` against a next round in which some
//! findings are fixed and some fail again; a broken register is refused with its place.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use khaosat::core::template::Template;
use khaosat::core::visit::Value;
use khaosat::strings::Lang;
use serde_json::Value as J;

mod common;
use common::rounds::{copy_demo, edit, rounds_side_by_side, set};
use common::{Result, run, show, text};

fn ok(args: &[&str]) -> Result<String> {
    let out = run(args)?;
    assert_eq!(out.status.code(), Some(0), "{args:?}\n{}", show(&out));
    Ok(text(&out.stdout))
}

/// (item, branch) → action id, from the register file as the library reads it.
fn actions(dir: &Path) -> Result<BTreeMap<(String, String), u32>> {
    let (register, _) = khaosat::store::followup::load_register(&dir.join("followup.ron"))
        .map_err(|e| e.display(Lang::En))?
        .ok_or("no register")?;
    Ok(register.actions.iter().map(|a| ((a.item.clone(), a.branch.clone()), a.id)).collect())
}

fn id_of(map: &BTreeMap<(String, String), u32>, item: &str, branch: &str) -> Result<String> {
    Ok(map.get(&(item.to_string(), branch.to_string())).ok_or(format!("no action {item} × {branch}"))?.to_string())
}

const CSGT: &str = "Chi bộ Đội Cảnh sát giao thông, trật tự";
const TONG_HOP: &str = "Chi bộ Đội Tổng hợp";
const CA_PHUONG: &str = "Chi bộ Công an phường";
const CONG_TY: &str = "Chi bộ Công ty cổ phần tư vấn đầu tư phát triển và xây dựng Việt Nam";

#[test]
fn init_makes_one_action_per_failing_finding_and_branch_and_keeps_edits() -> Result {
    let dir = tempfile::tempdir()?;
    copy_demo(dir.path())?;
    let d = dir.path().to_str().ok_or("path")?;
    let summary: J = serde_json::from_str(&ok(&["summary", d, "--format", "json"])?)?;
    let findings = summary["findings"].as_array().ok_or("findings")?;
    let expected: u64 = findings.iter().map(|f| f["failing"].as_u64().unwrap_or(0)).sum();
    let listed: usize = findings.iter().map(|f| f["branches"].as_array().map_or(0, Vec::len)).sum();
    assert_eq!(expected as usize, listed, "the summary's counts agree with its branch lists");
    assert!(expected > 0);

    let out = ok(&["--lang", "en", "followup", "init", d])?;
    assert!(out.contains(&format!("added {expected} action(s)")), "{out}");
    // followup.ron is not a visit: the summary and validate leave it alone.
    let after = run(&["summary", d, "--format", "json"])?;
    assert!(text(&after.stderr).is_empty(), "{}", show(&after));
    assert_eq!(serde_json::from_slice::<J>(&after.stdout)?["findings"], summary["findings"]);
    ok(&["validate", d])?;
    let map = actions(dir.path())?;
    assert_eq!(map.len() as u64, expected, "one action per failing finding × branch");
    for f in findings {
        for b in f["branches"].as_array().ok_or("branches")? {
            let key = (f["id"].as_str().unwrap_or("").to_string(), b["branch"].as_str().unwrap_or("").to_string());
            assert!(map.contains_key(&key), "missing {key:?}");
        }
    }

    let id = id_of(&map, "crit.commitments_review", TONG_HOP)?;
    ok(&[
        "followup",
        "set",
        d,
        &id,
        "--status",
        "in_progress",
        "--report-back",
        "Đã xây dựng kế hoạch",
        "--reported-on",
        "2022-05-10",
    ])?;
    let before = fs::read_to_string(dir.path().join("followup.ron"))?;
    let again = ok(&["--lang", "en", "followup", "init", d])?;
    assert!(again.contains("added 0 action(s)"), "{again}");
    assert_eq!(fs::read_to_string(dir.path().join("followup.ron"))?, before, "a second init changes nothing");
    assert!(before.contains("Đã xây dựng kế hoạch") && before.contains("in_progress"));

    let listed = ok(&["--lang", "en", "followup", "list", d, "--status", "in_progress"])?;
    assert!(listed.contains(TONG_HOP) && listed.contains("1 action(s)."), "{listed}");
    let overdue = ok(&["--lang", "en", "followup", "list", d, "--overdue", "--today", "2022-05-22"])?;
    assert!(
        overdue.contains(&format!("{} action(s).", expected)),
        "every open action is overdue a day after the due date: {overdue}"
    );
    let not_yet = ok(&["--lang", "en", "followup", "list", d, "--overdue", "--today", "2022-05-21"])?;
    assert!(not_yet.contains("0 action(s)."), "{not_yet}");
    let by_branch = ok(&["--lang", "en", "followup", "list", d, "--branch", "chi bo doi tong hop"])?;
    assert!(
        by_branch.lines().filter(|l| l.contains(TONG_HOP)).count() >= 1 && !by_branch.contains(CSGT),
        "{by_branch}"
    );
    Ok(())
}

#[test]
fn compare_flags_reported_actions_that_fail_again_and_offers_fixed_ones() -> Result {
    let (old, new) = (tempfile::tempdir()?, tempfile::tempdir()?);
    copy_demo(old.path())?;
    copy_demo(new.path())?;
    let o = old.path().to_str().ok_or("path")?;
    ok(&["followup", "init", o])?;
    let map = actions(old.path())?;
    // The next round: two findings fixed, the others as before (they fail again).
    edit(new.path(), "doi-tong-hop", |v| set(v, "crit.commitments_review", Value::Yes))?;
    edit(new.path(), "cong-an-phuong", |v| set(v, "prep.fits_type", Value::Scale(4)))?;

    let fails_again = id_of(&map, "crit.commitments_review", CSGT)?; // reported, fails again
    let checked_wrongly = id_of(&map, "crit.commitments_review", CONG_TY)?; // checked passed, fails again
    let now_passes = id_of(&map, "crit.commitments_review", TONG_HOP)?; // open, fixed
    let in_progress_fixed = id_of(&map, "prep.fits_type", CA_PHUONG)?; // open, fixed
    ok(&["followup", "set", o, &fails_again, "--status", "reported_fixed", "--report-back", "Đã đánh giá"])?;
    ok(&["followup", "set", o, &checked_wrongly, "--status", "checked_passed", "--checked-by", "Lê Thị Tú"])?;
    ok(&["followup", "set", o, &in_progress_fixed, "--status", "in_progress"])?;

    let n = new.path().to_str().ok_or("path")?;
    let value: J = serde_json::from_str(&ok(&["compare", o, n, "--format", "json"])?)?;
    let flags: BTreeMap<String, String> = value["followup"]
        .as_array()
        .ok_or("followup")?
        .iter()
        .map(|f| (f["action"].to_string(), f["verdict"].as_str().unwrap_or("").to_string()))
        .collect();
    let expected: BTreeMap<String, String> = [
        (fails_again.clone(), "reported_but_fails_again"),
        (checked_wrongly, "reported_but_fails_again"),
        (now_passes, "now_passes"),
        (in_progress_fixed, "now_passes"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_string()))
    .collect();
    assert_eq!(flags, expected, "only the actions the next round says something about, each rightly");

    let plain = ok(&["compare", o, n])?;
    assert!(plain.contains("báo cáo đã khắc phục nhưng kiểm tra lại chưa đạt"), "{plain}");
    assert!(plain.contains("đã kiểm tra, đạt"), "{plain}");
    // A round with no register: compare says nothing of one.
    let none: J = serde_json::from_str(&ok(&["compare", n, o, "--format", "json"])?)?;
    assert!(none.get("followup").is_none());
    Ok(())
}

#[test]
fn a_register_the_round_contradicts_is_refused_with_its_place() -> Result {
    let dir = tempfile::tempdir()?;
    copy_demo(dir.path())?;
    let d = dir.path().to_str().ok_or("path")?;
    ok(&["followup", "init", d])?;
    let file = dir.path().join("followup.ron");
    let good = fs::read_to_string(&file)?;

    // An unknown status: a parse error at its line.
    let bad = good.replacen("status: not_fixed", "status: done", 1);
    fs::write(&file, &bad)?;
    let out = run(&["--lang", "en", "followup", "list", d])?;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    let line = bad.lines().position(|l| l.contains("status: done")).ok_or("line")? + 1;
    assert!(text(&out.stderr).contains(&format!("followup.ron:{line}:")), "{}", show(&out));

    // A branch no longer in the round, an item no longer in its template, a due date before it.
    let bad = good
        .replacen("branch: \"Chi bộ Công an phường\"", "branch: \"Chi bộ đã giải thể\"", 1)
        .replacen("item: \"crit.commitments_review\"", "item: \"crit.gone\"", 1)
        .replacen("due: \"2022-05-21\"", "due: \"2021-01-01\"", 1);
    fs::write(&file, &bad)?;
    let out = run(&["--lang", "en", "followup", "list", d])?;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    let err = text(&out.stderr);
    assert!(err.contains("Chi bộ đã giải thể") && err.contains("no longer in the round"), "{err}");
    assert!(err.contains("crit.gone"), "{err}");
    assert!(err.contains("2021-01-01") && err.contains("before the round began"), "{err}");
    for (wrong, what) in [("Chi bộ đã giải thể", "branch"), ("crit.gone", "item"), ("2021-01-01", "due")] {
        let line = bad.lines().position(|l| l.contains(wrong)).ok_or("line")? + 1;
        assert!(err.contains(&format!("followup.ron:{line}:7: ")), "the {what} at line {line}: {err}");
    }

    // `set` refuses an edit that would put a due date before the round, and the file is unchanged.
    fs::write(&file, &good)?;
    let out = run(&["--lang", "en", "followup", "set", d, "1", "--due", "2020-01-01"])?;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert_eq!(fs::read_to_string(&file)?, good);
    let out = run(&["--lang", "en", "followup", "set", d, "1", "--status", "finished"])?;
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert!(text(&out.stderr).contains("not_fixed, in_progress"), "{}", show(&out));
    let out = run(&["--lang", "en", "followup", "set", d, "999", "--status", "in_progress"])?;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    Ok(())
}

#[test]
fn the_report_gains_a_part_on_remediation_in_md_and_docx() -> Result {
    let dir = tempfile::tempdir()?;
    copy_demo(dir.path())?;
    let d = dir.path().to_str().ok_or("path")?;
    let plain = ok(&["report", d])?;
    assert!(!plain.contains("TÌNH HÌNH KHẮC PHỤC"), "no register, no part");
    ok(&["followup", "init", d])?;
    let total = actions(dir.path())?.len();
    ok(&["followup", "set", d, "2", "--status", "reported_fixed", "--report-back", "Đã bổ sung nội dung"])?;
    ok(&["followup", "set", d, "3", "--status", "checked_passed"])?;

    let md = ok(&["report", d])?;
    let part = md.split("TÌNH HÌNH KHẮC PHỤC").nth(1).ok_or("no part")?;
    assert!(part.contains(&format!("- Chưa khắc phục: {}", total - 2)), "{part}");
    assert!(part.contains("- Đã báo cáo khắc phục: 1") && part.contains("- Đã kiểm tra, đạt: 1"), "{part}");
    // The demo's actions were due in 2022: every open one is overdue today, the two done are not.
    let overdue = part.lines().filter(|l| l.starts_with("- ") && l.contains("— hạn 21/05/2022")).count();
    assert_eq!(overdue, total - 2, "{part}");
    assert!(!part.contains("(việc 2)") && !part.contains("(việc 3)") && part.contains("(việc 1)"), "{part}");

    let docx = dir.path().join("out.docx");
    ok(&["report", d, "--format", "docx", "-o", docx.to_str().ok_or("path")?])?;
    let mut archive = zip::ZipArchive::new(fs::File::open(&docx)?)?;
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("word/document.xml")?, &mut xml)?;
    assert!(xml.contains("TÌNH HÌNH KHẮC PHỤC") && xml.contains("Đã báo cáo khắc phục: 1"));
    Ok(())
}

fn status_in(dir: &Path, id: &str) -> Result<String> {
    let (register, _) = khaosat::store::followup::load_register(&dir.join("followup.ron"))
        .map_err(|e| e.display(Lang::En))?
        .ok_or("no register")?;
    let id: u32 = id.parse()?;
    Ok(register.get(id).ok_or("no action")?.status.id().to_string())
}

#[test]
fn the_next_round_is_the_earliest_later_sibling_sharing_a_branch() -> Result {
    let parent = rounds_side_by_side()?;
    let old = parent.path().join("2022-q2");
    let next = khaosat::store::followup_next::find_next_round(&old, &Template::embedded_all(), Lang::En)
        .ok_or("no next round found")?;
    assert_eq!(next.dir, parent.path().join("2022-q4"), "2022-q3 shares no branch, 2021-q4 is earlier");
    assert_eq!(next.name, "967-QĐ/QU (2022-q4)");
    assert!(!next.comparison.branches.is_empty());
    // The last round has none after it.
    let last = parent.path().join("2022-q4");
    assert!(khaosat::store::followup_next::find_next_round(&last, &Template::embedded_all(), Lang::En).is_none());
    Ok(())
}

#[test]
fn followup_check_prints_the_flags_and_apply_records_them() -> Result {
    let parent = rounds_side_by_side()?;
    let (old, new) = (parent.path().join("2022-q2"), parent.path().join("2022-q4"));
    let (o, n) = (old.to_str().ok_or("path")?, new.to_str().ok_or("path")?);
    ok(&["followup", "init", o])?;
    let map = actions(&old)?;
    let fails_again = id_of(&map, "crit.commitments_review", CSGT)?;
    let now_passes = id_of(&map, "crit.commitments_review", TONG_HOP)?;
    let in_progress_fixed = id_of(&map, "prep.fits_type", CA_PHUONG)?;
    ok(&["followup", "set", o, &fails_again, "--status", "reported_fixed", "--checked-by", "Lê Thị Tú"])?;
    ok(&["followup", "set", o, &in_progress_fixed, "--status", "in_progress"])?;

    let before = fs::read_to_string(old.join("followup.ron"))?;
    let printed = ok(&["--lang", "en", "followup", "check", o, n])?;
    assert_eq!(fs::read_to_string(old.join("followup.ron"))?, before, "without --apply nothing is written");
    let compared = ok(&["--lang", "en", "compare", o, n])?;
    assert!(compared.contains(printed.trim()), "the same lines as compare's:\n{printed}\n---\n{compared}");
    for id in [&fails_again, &now_passes, &in_progress_fixed] {
        assert!(printed.contains(&format!("Action {id} —")), "{printed}");
    }
    assert!(printed.contains("reported remedied but fails again"), "{printed}");

    let applied = ok(&["--lang", "en", "followup", "check", o, n, "--apply"])?;
    assert!(applied.contains("Recorded 3 action(s)"), "{applied}");
    assert_eq!(status_in(&old, &fails_again)?, "checked_failed");
    assert_eq!(status_in(&old, &now_passes)?, "checked_passed");
    assert_eq!(status_in(&old, &in_progress_fixed)?, "checked_passed");
    let after = fs::read_to_string(old.join("followup.ron"))?;
    assert!(after.contains("checked_by: \"Lê Thị Tú\""), "checked_by is left as it was:\n{after}");
    let again = ok(&["--lang", "en", "followup", "check", o, n])?;
    assert!(again.contains("Nothing to note."), "recorded: nothing left to flag\n{again}");
    Ok(())
}

#[test]
fn a_register_held_by_another_session_is_not_written() -> Result {
    let dir = tempfile::tempdir()?;
    copy_demo(dir.path())?;
    let d = dir.path().to_str().ok_or("path")?;
    ok(&["followup", "init", d])?;
    let before = fs::read_to_string(dir.path().join("followup.ron"))?;
    // As the TUI view holds it while open.
    let held = khaosat::store::followup_next::lock_register(dir.path(), Lang::En).map_err(|e| e.to_string())?;
    let who = format!("{}@", khaosat::store::lock::current_user());
    for args in [
        vec!["--lang", "en", "followup", "set", d, "1", "--status", "in_progress"],
        vec!["--lang", "en", "followup", "init", d],
        vec!["--lang", "en", "followup", "check", d, d, "--apply"],
    ] {
        let out = run(&args)?;
        assert_eq!(out.status.code(), Some(1), "{args:?}\n{}", show(&out));
        let said = text(&out.stderr);
        assert!(said.contains("is open in another session") && said.contains(&who) && said.contains("since"), "{said}");
    }
    assert_eq!(fs::read_to_string(dir.path().join("followup.ron"))?, before);
    ok(&["followup", "list", d])?;
    drop(held);
    ok(&["followup", "set", d, "1", "--status", "in_progress"])?;
    Ok(())
}

/// Each action's sentence as the template words it in `lang` (the demo's items all have one).
fn template_sentences(dir: &Path, lang: Lang) -> Result<Vec<(u32, String)>> {
    let (register, _) = khaosat::store::followup::load_register(&dir.join("followup.ron"))
        .map_err(|e| e.display(Lang::En))?
        .ok_or("no register")?;
    let templates = Template::embedded_all();
    Ok(register.actions.iter().map(|a| (a.id, khaosat::core::followup::finding_in(&templates, a, lang))).collect())
}

#[test]
fn the_finding_sentence_is_in_the_readers_language() -> Result {
    let dir = tempfile::tempdir()?;
    copy_demo(dir.path())?;
    let d = dir.path().to_str().ok_or("path")?;
    ok(&["followup", "init", d])?; // in Vietnamese: the file keeps Vietnamese sentences
    let stored = fs::read_to_string(dir.path().join("followup.ron"))?;
    let english = template_sentences(dir.path(), Lang::En)?;
    let vietnamese = template_sentences(dir.path(), Lang::Vi)?;
    let translated: Vec<_> = english.iter().zip(&vietnamese).filter(|((_, en), (_, vi))| en != vi).collect();
    assert!(translated.len() * 2 > english.len(), "most of the demo's sentences differ between the languages");
    for ((_, en), (_, vi)) in &translated {
        assert!(stored.contains(vi.as_str()) && !stored.contains(en.as_str()), "stored as init wrote it: {vi}");
    }

    let list_en = ok(&["--lang", "en", "followup", "list", d])?;
    let list_vi = ok(&["--lang", "vi", "followup", "list", d])?;
    let report_en = ok(&["--lang", "en", "report", d])?;
    for ((id, en), (_, vi)) in &translated {
        let line_en = list_en.lines().find(|l| l.starts_with(&format!("{id:>3}. "))).ok_or("no line")?;
        assert!(line_en.contains(en.as_str()) && !line_en.contains(vi.as_str()), "{line_en}");
        let line_vi = list_vi.lines().find(|l| l.starts_with(&format!("{id:>3}. "))).ok_or("no line")?;
        assert!(line_vi.contains(vi.as_str()), "{line_vi}");
        let in_report = report_en
            .lines()
            .find(|l| l.ends_with(&format!("(action {id})")) || l.contains(&format!("(action {id});")));
        assert!(in_report.ok_or("not in the overdue list")?.contains(en.as_str()), "{report_en}");
    }
    assert_eq!(fs::read_to_string(dir.path().join("followup.ron"))?, stored, "reading changes nothing");
    Ok(())
}
