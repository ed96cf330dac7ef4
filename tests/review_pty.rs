//! Issue 13, points 14 and 15, with the real binary in a pseudo-terminal (the disk side of the
//! review screens: what `update` asks for, the runtime does):
//! - `m` twice writes two reports, never one over the other;
//! - Tab completes the folder typed in the compare prompt, and the folder compared last is offered
//!   again in the next run (kept in the user's state folder, not in the shared data folder).

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use common::MANIFEST;
use common::pty::{BIN, Pty, drain, open_pty, spawn_on_pty, wait_within, write_key};

/// The TUI on `dir` in a pty, with its screen kept by a terminal emulator.
struct Tui {
    pty: Pty,
    child: Child,
    screen: vt100::Parser,
}

impl Tui {
    fn start(dir: &Path, state: &Path) -> Tui {
        let pty = open_pty();
        let mut cmd = Command::new(BIN);
        cmd.args(["--lang", "en", "--config", "/nonexistent/khaosat-config.ron", "--dir"]).arg(dir);
        cmd.env_remove("KHAOSAT_DIR").env("HOME", state).env("XDG_STATE_HOME", state.join("state"));
        let child = spawn_on_pty(&pty, cmd, true, true);
        let mut tui = Tui { pty, child, screen: vt100::Parser::new(24, 80, 0) };
        tui.wait_for("Visits");
        tui
    }

    fn text(&self) -> String {
        self.screen.screen().contents()
    }

    /// Read until the screen shows `expected` (10 s at most: a loaded machine is slow).
    fn wait_for(&mut self, expected: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let bytes = drain(&self.pty.master, Duration::from_millis(50), Duration::from_millis(300));
            self.screen.process(&bytes);
            let text = self.text();
            if text.contains(expected) {
                return text;
            }
            assert!(Instant::now() < deadline, "no {expected:?} on the screen:\n{text}");
        }
    }

    fn keys(&mut self, keys: &str) {
        write_key(&self.pty.master, keys.as_bytes());
    }

    /// Esc, then a pause, so that the next key is not read with it as an Alt- key.
    fn escape(&mut self) {
        self.keys("\x1b");
        let bytes = drain(&self.pty.master, Duration::from_millis(200), Duration::from_millis(600));
        self.screen.process(&bytes);
    }

    /// `q` until the program ends (back from each screen, then quit from the home screen).
    fn quit(mut self) {
        for _ in 0..4 {
            if self.child.try_wait().ok().flatten().is_some() {
                break;
            }
            self.keys("q");
            let bytes = drain(&self.pty.master, Duration::from_millis(100), Duration::from_millis(500));
            self.screen.process(&bytes);
        }
        wait_within(&mut self.child, Duration::from_secs(5), "khaosat");
    }
}

/// A copy of the demo round in `into`.
fn copy_demo(into: &Path) {
    fs::create_dir_all(into).unwrap_or_else(|e| panic!("{e}"));
    let demo = Path::new(MANIFEST).join("data/examples/round-967");
    for entry in fs::read_dir(&demo).unwrap_or_else(|e| panic!("{e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        let name = path.file_name().unwrap_or_else(|| panic!("a name"));
        // Not the hidden lock files a session opened on the example leaves beside its visits.
        if !name.to_string_lossy().starts_with('.') {
            fs::copy(&path, into.join(name)).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

fn reports(dir: &Path) -> Vec<PathBuf> {
    let mut list: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|e| e.unwrap_or_else(|e| panic!("{e}")).path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    list.sort();
    list
}

#[test]
fn exporting_twice_keeps_the_first_report() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = root.path().join("round-967");
    copy_demo(&data);
    let mut tui = Tui::start(&data, root.path());
    tui.keys("s");
    tui.wait_for("7 visits");
    tui.keys("e");
    tui.wait_for("Wrote");
    let first = reports(&data);
    assert_eq!(first.len(), 1, "{first:?}");
    // The first report, as someone may have annotated it since.
    fs::write(&first[0], "annotated").unwrap_or_else(|e| panic!("{e}"));
    tui.keys("e");
    tui.wait_for("-2.md");
    tui.quit();
    let both = reports(&data);
    assert_eq!(both.len(), 2, "the second export replaced the first: {both:?}");
    assert_eq!(fs::read_to_string(&first[0]).unwrap_or_default(), "annotated");
    let names: Vec<String> =
        both.iter().map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()).collect();
    assert!(names.iter().all(|n| n.starts_with("summary-")), "{names:?}");
    assert!(names.iter().any(|n| n.ends_with("-all-2.md")), "{names:?}");
}

#[test]
fn the_compare_prompt_completes_with_tab_and_remembers_the_folder_across_runs() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = root.path().join("round-967");
    copy_demo(&data);
    copy_demo(&root.path().join("earlier-round"));
    let base = root.path().to_string_lossy().into_owned();

    let mut tui = Tui::start(&data, root.path());
    tui.keys("s");
    tui.wait_for("7 visits");
    tui.keys("o");
    tui.wait_for("Folder of the earlier round");
    tui.keys("\x15"); // Ctrl-U: clear the suggestion
    tui.keys(&format!("{base}/earl"));
    tui.keys("\t");
    tui.wait_for("earlier-round/");
    tui.keys("\r");
    tui.wait_for("Compared with");
    tui.quit();
    let kept: Vec<PathBuf> =
        walk(root.path()).into_iter().filter(|p| !p.starts_with(root.path().join("state"))).collect();
    let new_files: Vec<&PathBuf> =
        kept.iter().filter(|p| !p.starts_with(&data) && !p.starts_with(root.path().join("earlier-round"))).collect();
    assert!(new_files.is_empty(), "files made outside the state folder: {new_files:?}");
    assert_eq!(walk(&data).len(), 8, "nothing new in the data folder");

    let mut tui = Tui::start(&data, root.path());
    tui.keys("s");
    tui.wait_for("7 visits");
    tui.keys("o");
    let text = tui.wait_for("Folder of the earlier round");
    // Kept whole (canonical), so that it means the same folder from any working folder.
    let whole = fs::canonicalize(root.path().join("earlier-round")).unwrap_or_else(|e| panic!("{e}"));
    let whole = whole.to_string_lossy();
    assert!(text.contains(whole.as_ref()), "the folder compared last ({whole}) is offered:\n{text}");
    tui.escape();
    tui.quit();
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{e}")).flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

/// Issue 15: `m` writes the round's report, Word and Markdown, into the round's folder and says
/// where; `w` edits the team's own text (report.ron) field by field, saved at once; the next
/// report has it, under a new name (the first is kept).
#[test]
fn m_writes_the_report_and_w_fills_its_blanks() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = root.path().join("round-967");
    copy_demo(&data);
    let mut tui = Tui::start(&data, root.path());
    tui.keys("s");
    tui.wait_for("7 visits");
    tui.keys("m");
    let screen = tui.wait_for("Wrote report-");
    assert!(screen.contains(".docx and .md into round-967/ · w: fill 7 blanks"), "{screen}");
    let written = |ext: &str| -> Vec<PathBuf> {
        let mut list: Vec<PathBuf> = fs::read_dir(&data)
            .unwrap_or_else(|e| panic!("{e}"))
            .map(|e| e.unwrap_or_else(|e| panic!("{e}")).path())
            .filter(|p| p.extension().is_some_and(|x| x == ext))
            .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("report-")))
            .collect();
        list.sort();
        list
    };
    assert_eq!((written("docx").len(), written("md").len()), (1, 1));
    let first = fs::read_to_string(&written("md")[0]).unwrap_or_default();
    assert!(first.contains("No. [report number]-BC/ĐKS"), "{first}");

    // w: the fields; down to the number, Enter, type it, Enter: saved at once.
    tui.keys("w");
    tui.wait_for("the team's own text");
    tui.keys("j");
    tui.keys("\r");
    tui.wait_for("Report number");
    tui.keys("12");
    tui.keys("\r");
    tui.wait_for("Saved report.ron");
    let saved = fs::read_to_string(data.join("report.ron")).unwrap_or_default();
    assert!(saved.contains("number: \"12\""), "{saved}");
    tui.escape();
    tui.keys("m");
    tui.wait_for("-2.docx");
    let second = written("md");
    assert_eq!(second.len(), 2, "{second:?}");
    let newest = second.iter().find(|p| p.to_string_lossy().ends_with("-2.md")).unwrap_or_else(|| panic!("{second:?}"));
    assert_eq!(fs::read_to_string(&second[1]).unwrap_or_default(), first, "the first report is kept as it was");
    let newest = fs::read_to_string(newest).unwrap_or_default();
    assert!(newest.contains("No. 12-BC/ĐKS"), "{newest}");
    tui.quit();
}
