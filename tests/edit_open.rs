//! `khaosat edit FILE` in a real pseudo-terminal (issue 11, points 1 and 2):
//! - a file that cannot be opened is reported like `validate` reports it, on stderr, before the
//!   terminal is touched: exit 1 (2 when it cannot be read at all), and no lock file is left;
//! - something planted at the lock path (a link to another file, a folder, a FIFO) is never
//!   followed or written through: the visit opens read-only and says why.

mod common;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::MANIFEST;
use common::pty::{BIN, drain, open_pty, spawn_on_pty, wait_within, write_key};

const VISIT: &str = "tests/fixtures/valid/2022-04-05_chi-bo-so-11.ron";

/// What `khaosat --lang en edit FILE` did in a pty: exit code, stderr, and the screen's bytes.
struct Edited {
    code: Option<i32>,
    stderr: String,
    screen: Vec<u8>,
}

/// Run `edit` on `file` in a pty, typing `keys` once the first frame is drawn. Without keys, the
/// program is expected to end by itself, and whatever it wrote is read after.
fn edit(file: &Path, keys: &[&[u8]]) -> Edited {
    let pty = open_pty();
    let mut cmd = Command::new(BIN);
    cmd.args(["--lang", "en", "--config", "/nonexistent/khaosat-config.ron", "edit"]).arg(file);
    cmd.env_remove("KHAOSAT_DIR").stderr(Stdio::piped());
    let mut child = spawn_on_pty(&pty, cmd, true, false);
    if keys.is_empty() {
        wait_within(&mut child, Duration::from_secs(5), "khaosat edit");
    }
    let first_frame = if keys.is_empty() { Duration::from_millis(300) } else { Duration::from_secs(5) };
    let mut screen = drain(&pty.master, Duration::from_millis(200), first_frame);
    for key in keys {
        write_key(&pty.master, key);
        // A refused key may redraw nothing: wait a little only.
        screen.extend(drain(&pty.master, Duration::from_millis(100), Duration::from_millis(700)));
    }
    let status = wait_within(&mut child, Duration::from_secs(5), "khaosat edit");
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        pipe.read_to_string(&mut stderr).expect("read stderr");
    }
    Edited { code: status.code(), stderr, screen }
}

fn lock_of(file: &Path) -> PathBuf {
    khaosat::store::lock::lock_path(file)
}

fn folder() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

/// The file is refused before any screen is drawn, with `expected` (the whole line) on stderr.
fn assert_refused(file: &Path, code: i32, expected: &str) {
    let run = edit(file, &[]);
    let screen = String::from_utf8_lossy(&run.screen);
    assert_eq!(run.code, Some(code), "stderr: {}\nscreen: {screen:?}", run.stderr);
    assert_eq!(run.stderr, format!("{expected}\n"));
    assert!(!screen.contains("\x1b[?1049h"), "the terminal was switched to the full screen: {screen:?}");
    assert!(!lock_of(file).exists(), "a lock file was left for {}", file.display());
}

#[test]
fn an_empty_file_is_refused_with_its_place_and_exit_1() {
    let dir = folder();
    let file = dir.path().join("e.ron");
    fs::write(&file, "").expect("write");
    assert_refused(&file, 1, &format!("{}:1:1: the file is empty", file.display()));
}

#[test]
fn a_missing_file_is_an_io_error_exit_2_and_gets_no_lock_file() {
    let dir = folder();
    let file = dir.path().join("nothing-here.ron");
    let expected = format!("{}: cannot read the file: No such file or directory (os error 2)", file.display());
    assert_refused(&file, 2, &expected);
    assert!(!file.exists());
}

#[test]
fn files_that_are_not_usable_visits_are_refused_like_validate_refuses_them() {
    let dir = folder();
    let good = fs::read_to_string(Path::new(MANIFEST).join(VISIT)).expect("fixture");
    let truncated = dir.path().join("truncated.ron");
    fs::write(&truncated, &good[..good.len() / 2]).expect("write");
    let not_a_visit = dir.path().join("notes.ron");
    fs::write(&not_a_visit, "(title: \"ghi chép\")\n").expect("write");
    let unknown_template = dir.path().join("other-template.ron");
    fs::write(&unknown_template, good.replace("hd12-2018", "hd99-tinh")).expect("write");
    let too_large = dir.path().join("large.ron");
    fs::File::create(&too_large).and_then(|f| f.set_len(100 << 20)).expect("sparse file");
    for file in [&truncated, &not_a_visit, &unknown_template, &too_large] {
        // The same sentence `validate` prints for the file.
        let validate = common::run(&["--lang", "en", "validate", &file.to_string_lossy()]).expect("validate");
        let line = common::text(&validate.stderr).lines().next().unwrap_or_default().to_string();
        assert!(line.starts_with(&file.to_string_lossy().to_string()), "{line}");
        assert_refused(file, 1, &line);
    }
}

#[test]
fn a_link_is_edited_where_it_points_so_saves_reach_the_real_file() {
    let dir = folder();
    let real = dir.path().join("real");
    fs::create_dir(&real).expect("mkdir");
    let target = real.join("v.ron");
    fs::copy(Path::new(MANIFEST).join(VISIT), &target).expect("copy");
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let run = edit(&link, &[b"q"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(fs::symlink_metadata(&link).expect("link").file_type().is_symlink(), "the link was replaced");
    assert!(!lock_of(&link).exists(), "the lock goes beside the real file, not the link");
}

// ------------------------------------------------------------------------------------ planted locks

/// A visit in a fresh folder, as a draft (the fixture is final, and nothing could be answered).
fn draft_visit(dir: &Path) -> PathBuf {
    let file = dir.join("v.ron");
    let text = fs::read_to_string(Path::new(MANIFEST).join(VISIT)).expect("fixture");
    let draft = text.replace("status: Final", "status: Draft");
    assert_ne!(draft, text, "the fixture's status changed shape");
    fs::write(&file, draft).expect("write");
    file
}

/// Open the visit, try to answer (y) and to clear (Delete), quit: nothing may be written.
fn open_try_to_answer_and_quit(file: &Path) -> Edited {
    let before = fs::read(file).expect("read");
    let run = edit(file, &[b"\x1b[C", b"y", b"\x1b[3~", b"q"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(fs::read(file).expect("read"), before, "a read-only visit was written");
    let screen = String::from_utf8_lossy(&run.screen);
    assert!(screen.contains("READ-ONLY"), "no read-only mark: {screen:?}");
    assert!(screen.contains("lock file: remove it, reopen"), "the reason is not said: {screen:?}");
    run
}

#[test]
fn a_planted_link_to_a_victim_file_is_never_written_through() {
    let dir = folder();
    let file = draft_visit(dir.path());
    let victim = dir.path().join("victim.txt");
    let precious = b"another user's file\n\x00\xff bytes".to_vec();
    fs::write(&victim, &precious).expect("write");
    std::os::unix::fs::symlink(&victim, lock_of(&file)).expect("symlink");
    open_try_to_answer_and_quit(&file);
    assert_eq!(fs::read(&victim).expect("victim"), precious, "the victim changed");
    assert!(fs::symlink_metadata(lock_of(&file)).expect("link").file_type().is_symlink());
}

#[test]
fn a_planted_folder_makes_the_visit_read_only_instead_of_unlocked() {
    let dir = folder();
    let file = draft_visit(dir.path());
    fs::create_dir(lock_of(&file)).expect("mkdir");
    open_try_to_answer_and_quit(&file);
    assert!(lock_of(&file).is_dir());
}

#[test]
fn a_planted_fifo_never_blocks_and_makes_the_visit_read_only() {
    let dir = folder();
    let file = draft_visit(dir.path());
    let fifo = std::ffi::CString::new(lock_of(&file).into_os_string().into_encoded_bytes()).expect("no NUL");
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
    let made = unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) } == 0;
    if !khaosat::testing::require(made, "KHAOSAT_REQUIRE_FIFO", "mkfifo failed here") {
        return;
    }
    open_try_to_answer_and_quit(&file);
}

#[test]
fn validate_names_an_odd_lock_path_and_exits_1() {
    let dir = folder();
    let file = draft_visit(dir.path());
    std::os::unix::fs::symlink("/etc/passwd", lock_of(&file)).expect("symlink");
    let out = common::run(&["--lang", "en", "validate", &dir.path().to_string_lossy()]).expect("validate");
    assert_eq!(out.status.code(), Some(1), "{}", common::show(&out));
    let expected = format!(
        "{}: a symbolic link, not a plain lock file: visit {} opens read-only until this is removed",
        lock_of(&file).display(),
        file.display()
    );
    assert!(common::text(&out.stderr).lines().any(|l| l == expected), "{}", common::show(&out));
}
