//! Crashes and hang-ups, many times over:
//! - SIGKILL at pseudo-random moments while a process saves a visit again and again: the file
//!   always loads and equals one of the versions written; temporary files are cleaned up.
//! - The terminal closed (pty master) after each of several keystrokes: every answer given before
//!   is on disk and the process is gone within 2 seconds — with SIGHUP, and without it (the
//!   terminal is not the controlling one, so only EOF/EIO tells).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::pty::{BIN, Pty, drain, open_pty, spawn_on_pty, write_key};

use khaosat::core::template::Template;
use khaosat::core::visit::{NewVisit, Visit};
use khaosat::store::{create_visit, load_visit, save::TEMP_PREFIX, save_visit};

fn base_visit(template: &Template) -> Visit {
    let facts = NewVisit { round: None, ..khaosat::testing::sample_facts() };
    Visit::new(template, facts, jiff::Timestamp::UNIX_EPOCH)
}

/// Version `n` of the visit: its notes say which, and its size varies so writes differ in length.
fn version(template: &Template, n: u64) -> Visit {
    let mut visit = base_visit(template);
    visit.notes = format!("phiên bản {n}\n{}", "Ghi chú dài. ".repeat((n % 50) as usize * 20));
    visit
}

/// Run by the parent test as a child process: saves versions 1, 2, 3 … until killed.
#[test]
#[ignore = "helper process for sigkill_during_saves_never_leaves_a_broken_file"]
fn child_save_forever() {
    let Ok(path) = std::env::var("KHAOSAT_CHILD_FILE") else { return };
    let template = Template::embedded();
    let start: u64 = std::env::var("KHAOSAT_CHILD_START").ok().and_then(|s| s.parse().ok()).unwrap_or(1);
    for n in start.. {
        save_visit(Path::new(&path), &version(&template, n)).expect("save");
    }
}

/// A small deterministic pseudo-random sequence (no dependency needed for a delay schedule).
fn next_random(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn sigkill_during_saves_never_leaves_a_broken_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let template = Template::embedded();
    let path = create_visit(dir.path(), &version(&template, 0)).expect("create");
    let runs = 200;
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut leftovers_seen = 0;
    let mut versions_seen = std::collections::BTreeSet::new();
    for run in 0..runs {
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args(["--ignored", "--exact", "child_save_forever", "--nocapture", "--test-threads=1"])
            .env("KHAOSAT_CHILD_FILE", &path)
            .env("KHAOSAT_CHILD_START", (run * 1000 + 1).to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn child");
        // Wait for the child's first save, so the kill lands among saves, not before them.
        let before = std::fs::read(&path).unwrap_or_default();
        let deadline = Instant::now() + Duration::from_secs(5);
        while std::fs::read(&path).unwrap_or_default() == before && Instant::now() < deadline {
            std::thread::sleep(Duration::from_micros(500));
        }
        std::thread::sleep(Duration::from_micros(next_random(&mut seed) % 8_000));
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");

        let loaded = load_visit(&path, std::slice::from_ref(&template))
            .unwrap_or_else(|e| panic!("run {run}: the file does not load: {}", e.display(khaosat::strings::Lang::En)));
        let n: u64 = loaded
            .notes
            .strip_prefix("phiên bản ")
            .and_then(|rest| rest.split('\n').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("run {run}: unexpected notes"));
        assert_eq!(
            loaded,
            {
                let mut v = version(&template, n);
                v.normalize();
                v
            },
            "run {run}: version {n} differs"
        );
        versions_seen.insert(n);
        leftovers_seen += temp_files(dir.path()).len();
        // What the next start does: remove what a killed save left.
        khaosat::store::save::clean_leftovers(dir.path());
        assert!(temp_files(dir.path()).is_empty());
    }
    eprintln!(
        "sigkill loop: {runs} runs, 0 broken files, {} distinct versions seen, {leftovers_seen} leftover temp files cleaned",
        versions_seen.len()
    );
    assert!(versions_seen.len() > runs / 2, "the kills should land at many different versions: {versions_seen:?}");
}

fn temp_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|rd| rd.flatten().map(|e| e.path()).filter(|p| p.to_string_lossy().contains(TEMP_PREFIX)).collect())
        .unwrap_or_default()
}

// ------------------------------------------------------------------ hang-ups in a pseudo-terminal

fn edit(file: &Path) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.arg("edit").arg(file);
    cmd
}

/// Keys that answer the seven preparation items in turn, and what each leaves in the file.
const KEYS: [(&[u8], &str, &str); 7] = [
    (b"y", "prep.committee_met", "Some(Yes)"),
    (b"n", "prep.secretary_prepared", "Some(No)"),
    (b"y", "prep.draft_resolution", "Some(Yes)"),
    (b"n", "prep.notice", "Some(No)"),
    (b"x", "prep.documents_ahead", "Some(NotApplicable)"),
    (b"4", "prep.fits_type", "Some(Scale(4))"),
    (b"2", "prep.focused", "Some(Scale(2))"),
];

fn answered(text: &str, id: &str, value: &str) -> bool {
    text.contains(&format!("\"{id}\": (\n      value: {value},"))
}

#[test]
fn hang_up_after_each_keystroke_keeps_every_answer() {
    let template = Template::embedded();
    let mut runs = 0;
    let mut slowest = Duration::ZERO;
    for controlling in [true, false] {
        for keys in 1..=KEYS.len() {
            let dir = tempfile::tempdir().expect("tempdir");
            let file = create_visit(dir.path(), &base_visit(&template)).expect("create");
            let pty = open_pty();
            let mut child = spawn_on_pty(&pty, edit(&file), controlling, true);
            assert!(
                !drain(&pty.master, Duration::from_millis(150), Duration::from_secs(5)).is_empty(),
                "no first frame"
            );
            for (key, _, _) in &KEYS[..keys] {
                write_key(&pty.master, key);
                assert!(!drain(&pty.master, Duration::from_millis(60), Duration::from_secs(3)).is_empty(), "no redraw");
            }
            // Hang up: close every descriptor of the terminal on our side.
            let Pty { master, slave } = pty;
            drop(slave);
            let hung_up = Instant::now();
            drop(master);
            let status = loop {
                if let Some(status) = child.try_wait().expect("try_wait") {
                    break status;
                }
                if hung_up.elapsed() > Duration::from_secs(2) {
                    let _ = child.kill();
                    panic!("khaosat still running 2 s after the hang-up (controlling: {controlling}, keys: {keys})");
                }
                std::thread::sleep(Duration::from_millis(10));
            };
            slowest = slowest.max(hung_up.elapsed());
            let _ = status;
            let text = std::fs::read_to_string(&file).expect("read");
            for (_, id, value) in &KEYS[..keys] {
                assert!(
                    answered(&text, id, value),
                    "after {keys} keys ({controlling}): {id} = {value} missing:\n{text}"
                );
            }
            assert!(load_visit(&file, std::slice::from_ref(&template)).is_ok());
            runs += 1;
        }
    }
    eprintln!("hang-up loop: {runs} runs, 0 lost answers, slowest exit {} ms", slowest.as_millis());
}
