//! End-to-end in a real terminal: tmux runs khaosat, send-keys types, capture-pane reads the
//! screen, and the visit file on disk is checked. Skipped (with a notice) when tmux is missing,
//! unless KHAOSAT_REQUIRE_TMUX=1 (CI installs tmux and sets it).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::tmux::Tmux;

const BIN: &str = env!("CARGO_BIN_EXE_khaosat");

fn shell_quote(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', "'\\''"))
}

fn visit_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "ron")).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// Wait until `predicate` holds for the file's text, for at most `limit`.
fn wait_for_file(path: &Path, limit: Duration, predicate: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + limit;
    loop {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if predicate(&text) {
            return text;
        }
        assert!(Instant::now() < deadline, "file never reached the expected state:\n{text}");
        sleep(Duration::from_millis(25));
    }
}

/// Processes whose command line mentions `marker` (our unique temp path).
fn processes_mentioning(marker: &str) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
    entries
        .flatten()
        .filter_map(|e| std::fs::read(e.path().join("cmdline")).ok().map(|c| (e.file_name(), c)))
        .filter(|(_, cmd)| {
            String::from_utf8_lossy(cmd).contains(marker) && !String::from_utf8_lossy(cmd).contains("tmux")
        })
        .map(|(pid, cmd)| format!("{}: {}", pid.to_string_lossy(), String::from_utf8_lossy(&cmd).replace('\0', " ")))
        .collect()
}

fn validate(path: &Path) -> bool {
    Command::new(BIN).arg("validate").arg(path).output().map(|o| o.status.success()).unwrap_or(false)
}

#[test]
fn create_answer_note_and_quit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let command = format!("{BIN} --lang vi --dir {}", shell_quote(dir.path()));
    let Some(tmux) = Tmux::start("create", &command) else { return };
    tmux.wait_for("Chưa có phiếu");

    // New visit: branch, committee, then create.
    tmux.keys(&["a"]);
    tmux.wait_for("Phiếu khảo sát mới");
    tmux.keys(&["Enter"]);
    tmux.type_text("Chi bộ số 11");
    // Enter saves the line and moves to the next one.
    tmux.keys(&["Enter", "Enter"]);
    tmux.type_text("Đảng bộ phường Mai Dịch");
    tmux.keys(&["Enter", "C-s"]);
    let screen = tmux.wait_for("Chuẩn bị");
    assert!(screen.contains("Chi bộ số 11"), "{screen}");

    // Answer: yes, no; then a count and a Vietnamese note in the notebooks section.
    tmux.keys(&["y", "n"]);
    tmux.keys(&["Tab", "Tab"]);
    tmux.wait_for("Sổ ghi chép──");
    tmux.keys(&["2", "Enter", "k", "e"]);
    tmux.type_text("Đồng chí Hùng quên sổ");
    tmux.keys(&["Enter"]);
    tmux.wait_for("✎");
    tmux.keys(&["q"]);
    tmux.wait_for("Các buổi khảo sát (1)");
    tmux.keys(&["q"]);

    let files = visit_files(dir.path());
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].to_string_lossy().ends_with("_chi-bo-so-11.ron"), "{files:?}");
    let text = wait_for_file(&files[0], Duration::from_secs(2), |t| t.contains("quên sổ"));
    assert!(text.contains("\"prep.committee_met\": (\n      value: Some(Yes),"), "{text}");
    // Dated today, the visit follows HD 42 (2025): the second item is who prepared.
    assert!(text.contains("\"prep.preparer_assigned\": (\n      value: Some(No),"), "{text}");
    assert!(text.contains("\"note.without_notebook\": (\n      value: Some(Number(2)),"), "{text}");
    assert!(text.contains("note: \"Đồng chí Hùng quên sổ\""), "{text}");
    assert!(text.contains("committee: \"Đảng bộ phường Mai Dịch\""), "{text}");
    assert!(validate(&files[0]), "the saved file must validate");
}

#[test]
fn edit_shows_help_saves_at_once_and_survives_a_hang_up() {
    let dir = tempfile::tempdir().expect("tempdir");
    let made = Command::new(BIN)
        .args(["new", "--branch", "Chi bộ số 11", "--committee", "Đảng bộ phường Mai Dịch"])
        .args(["--type", "khu_dan_cu", "--date", "2022-04-05", "--dir"])
        .arg(dir.path())
        .output()
        .expect("khaosat new runs");
    assert!(made.status.success());
    let file = PathBuf::from(String::from_utf8_lossy(&made.stdout).trim());
    let command = format!("{BIN} edit {}", shell_quote(&file));
    let Some(tmux) = Tmux::start("hangup", &command) else { return };

    // The first section in Vietnamese, at the first item of preparation.
    let screen = tmux.wait_for("Chuẩn bị");
    assert!(screen.contains("prep.committee_met"), "{screen}");

    // `?` shows the keys; any key closes the help.
    tmux.keys(&["?"]);
    tmux.wait_for("Các phím trên màn hình này");
    tmux.keys(&["Escape"]);

    // `y` reaches the disk within a second, still valid.
    tmux.keys(&["y"]);
    wait_for_file(&file, Duration::from_secs(1), |t| t.contains("Some(Yes)"));
    assert!(validate(&file));

    // One more answer, then the terminal goes away at once.
    tmux.keys(&["n"]);
    tmux.kill_server();
    let marker = dir.path().to_string_lossy().into_owned();
    let deadline = Instant::now() + Duration::from_secs(3);
    while !processes_mentioning(&marker).is_empty() {
        assert!(Instant::now() < deadline, "khaosat still running: {:?}", processes_mentioning(&marker));
        sleep(Duration::from_millis(50));
    }
    let text = std::fs::read_to_string(&file).expect("file readable");
    assert!(text.contains("\"prep.secretary_prepared\": (\n      value: Some(No),"), "{text}");
    assert!(validate(&file));
}

#[test]
fn a_second_window_on_the_same_visit_is_read_only_and_never_writes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let made = Command::new(BIN)
        .args(["new", "--branch", "Chi bộ số 11", "--committee", "Đảng bộ phường Mai Dịch"])
        .args(["--type", "khu_dan_cu", "--date", "2022-04-05", "--dir"])
        .arg(dir.path())
        .output()
        .expect("khaosat new runs");
    let file = PathBuf::from(String::from_utf8_lossy(&made.stdout).trim());
    let command = format!("{BIN} edit {}", shell_quote(&file));
    let Some(first) = Tmux::start("holder", &command) else { return };
    first.wait_for("Chuẩn bị");
    let Some(second) = Tmux::start("viewer", &command) else { return };

    // The second window says who holds the visit.
    // The system's name for the user, as `id -un` gives it (USER may be unset, as under cron).
    let id = Command::new("id").arg("-un").output().expect("id runs");
    let user = String::from_utf8_lossy(&id.stdout).trim().to_string();
    let screen = second.wait_for("CHỈ XEM");
    assert!(screen.contains(&format!("{user}@")), "{screen}");
    assert!(screen.contains("tiến trình"), "{screen}");

    // Keys in the viewer change nothing on disk.
    let before = std::fs::read(&file).expect("read");
    second.keys(&["y", "n", "Tab", "y", "u"]);
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(std::fs::read(&file).expect("read"), before, "the read-only window wrote");

    // The holder still saves; once it quits, the visit can be opened for writing again.
    first.keys(&["y"]);
    wait_for_file(&file, Duration::from_secs(1), |t| t.contains("Some(Yes)"));
    first.keys(&["q"]);
    second.keys(&["q"]);
    let Some(third) = Tmux::start("after", &command) else { return };
    let screen = third.wait_for("Chuẩn bị");
    assert!(!screen.contains("CHỈ XEM"), "{screen}");
}
