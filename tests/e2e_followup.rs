//! Issue 17 in a real terminal (tmux): `f` on the home list opens the round's follow-up register
//! (made from the round's findings the first time), Enter marks an action as reported fixed,
//! `e` records what the branch reported back; the register on disk has both at once.

mod common;

use std::path::Path;
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::MANIFEST;
use common::tmux::Tmux;

const BIN: &str = env!("CARGO_BIN_EXE_khaosat");

fn copy_demo(into: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(Path::new(MANIFEST).join("data/examples/round-967"))? {
        let path = entry?.path();
        if let Some(name) = path.file_name().filter(|n| !n.to_string_lossy().starts_with('.')) {
            std::fs::copy(&path, into.join(name))?;
        }
    }
    Ok(())
}

/// The register's text once `predicate` holds for it (at most two seconds).
fn register_when(path: &Path, predicate: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(2);
    loop {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if predicate(&text) || Instant::now() > deadline {
            return text;
        }
        sleep(Duration::from_millis(25));
    }
}

#[test]
fn mark_an_action_reported_fixed_with_what_the_branch_said() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    copy_demo(dir.path())?;
    let command = format!("env -u KHAOSAT_DIR {BIN} --config /nonexistent/config.ron --dir '{}'", dir.path().display());
    let Some(tmux) = Tmux::start("followup", &command) else { return Ok(()) };
    tmux.wait_for("Các buổi khảo sát");
    tmux.keys(&["f"]);
    let screen = tmux.wait_for("Đã lập sổ theo dõi khắc phục");
    assert!(screen.contains("Theo dõi khắc phục:"), "{screen}");
    let register = dir.path().join("followup.ron");
    assert!(register.exists(), "the register is made on disk");

    // Enter: the statuses; the third is "đã báo cáo khắc phục".
    tmux.keys(&["Enter"]);
    tmux.wait_for("đã báo cáo khắc phục");
    tmux.keys(&["j", "j", "Enter"]);
    tmux.wait_for("Tình trạng: đã báo cáo khắc phục");
    tmux.keys(&["e"]);
    tmux.type_text("Đã họp chi ủy, điều chỉnh nội dung sinh hoạt");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Chi bộ báo cáo lại");

    let text = register_when(&register, |t| t.contains("report_back"));
    assert!(text.contains("status: reported_fixed"), "{text}");
    assert!(text.contains("report_back: \"Đã họp chi ủy, điều chỉnh nội dung sinh hoạt\""), "{text}");
    assert!(text.contains("reported_on: Some("), "the report is dated: {text}");
    tmux.keys(&["Escape", "q"]);
    Ok(())
}

/// The next round kept beside this one: the view names it and flags what it found, `A` then `y`
/// records every suggestion. The view holds the register's lock while open: `followup set`
/// is refused then, and works once the view is left; a lock held elsewhere keeps the view shut.
#[test]
fn the_view_checks_against_the_next_round_and_holds_the_lock() -> common::Result {
    let parent = common::rounds::rounds_side_by_side()?;
    let old = parent.path().join("2022-q2");
    let o = old.to_str().ok_or("path")?;
    let command = format!("env -u KHAOSAT_DIR {BIN} --config /nonexistent/config.ron --dir '{o}'");
    let Some(tmux) = Tmux::start("followup-next", &command) else { return Ok(()) };
    tmux.wait_for("Các buổi khảo sát");

    let held = khaosat::store::followup_next::lock_register(&old, khaosat::strings::Lang::Vi)?;
    tmux.keys(&["f"]);
    let refused = tmux.wait_for("Sổ theo dõi khắc phục đang được mở bởi");
    assert!(refused.contains(&khaosat::store::lock::current_user()), "{refused}");
    drop(held);

    tmux.keys(&["f"]);
    let screen = tmux.wait_for("Đối chiếu đợt sau: 967-QĐ/QU (2022-q4) — 2 việc");
    assert!(screen.contains("[nay đạt]"), "{screen}");
    let out = common::run(&["--lang", "en", "followup", "set", o, "1", "--status", "in_progress"])?;
    assert_eq!(out.status.code(), Some(1), "the open view holds the register");
    assert!(String::from_utf8_lossy(&out.stderr).contains("is open in another session"));

    tmux.keys(&["A"]);
    tmux.wait_for("Ghi cả 2 đề nghị");
    tmux.keys(&["y"]);
    tmux.wait_for("Đã ghi 2 đề nghị");
    let register = old.join("followup.ron");
    let text = register_when(&register, |t| t.matches("checked_passed").count() == 2);
    assert_eq!(text.matches("status: checked_passed").count(), 2, "{text}");

    tmux.keys(&["Escape"]);
    tmux.wait_for("Các buổi khảo sát");
    let deadline = Instant::now() + Duration::from_secs(2);
    let out = loop {
        let out = common::run(&["followup", "set", o, "1", "--status", "in_progress"])?;
        if out.status.success() || Instant::now() > deadline {
            break out;
        }
        sleep(Duration::from_millis(25));
    };
    assert!(out.status.success(), "released once the view is left: {}", String::from_utf8_lossy(&out.stderr));
    tmux.keys(&["q"]);
    Ok(())
}
