//! Hostile file systems (issue 5): symbolic links (outside the folder, dangling, looping), a FIFO
//! and a folder named `x.ron`, an unreadable file and folder, names with control characters or
//! bytes that are not UTF-8.
//!
//! Each gets a clear message naming it; `summary` goes on with the other files (exit 0, the
//! skipped listed; 1 with --strict); `validate` checks every file and exits 0 all valid, 1 some
//! invalid, 2 when something could not be read at all. Nothing may hang (every run has a time
//! limit), panic, or touch the other files.

#[path = "hostile_common/mod.rs"]
mod common;

use std::ffi::{OsStr, OsString};
use std::fs;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::{PermissionsExt, symlink};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{LIMIT, MANIFEST, Run, assert_terminal_safe, command_for, khaosat, run_command, snapshot, within};
use khaosat::core::template::Template;
use khaosat::store::format::LoadErrorKind;
use khaosat::store::{find_visit_files, load_visit};
use khaosat::strings::Lang;

const EXAMPLES: &str = "data/examples/round-967";
const GOOD: [&str; 2] = ["2022-04-06_chi-bo-so-11.ron", "2022-04-08_chi-bo-cong-an-phuong.ron"];

fn example(name: &str) -> PathBuf {
    Path::new(MANIFEST).join(EXAMPLES).join(name)
}

/// A folder with the two good visits in it.
fn folder_with_good_visits() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in GOOD {
        fs::copy(example(name), dir.path().join(name)).expect("copy");
    }
    dir
}

fn mkfifo(path: &Path) -> bool {
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).expect("no NUL in a path");
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
    unsafe { libc::mkfifo(c.as_ptr(), 0o644) == 0 }
}

fn validate(dir: &Path) -> Run {
    khaosat(&[OsStr::new("--lang"), "en".as_ref(), "validate".as_ref(), dir.as_os_str()])
}

fn summary(dir: &Path, strict: bool) -> Run {
    let mut args: Vec<&OsStr> = vec!["--lang".as_ref(), "en".as_ref(), "summary".as_ref()];
    if strict {
        args.push("--strict".as_ref());
    }
    args.push(dir.as_os_str());
    khaosat(&args)
}

/// The stderr line about `path` (named as the binary names it: lossy, controls as markers).
fn line_about<'a>(run: &'a Run, path: &Path) -> &'a str {
    let shown = khaosat::core::text::display_safe(&path.to_string_lossy(), false);
    run.stderr
        .lines()
        .find(|l| l.starts_with(&format!("{shown}:")))
        .unwrap_or_else(|| panic!("nothing about {shown}\n{}", run.show()))
}

/// The merge reads the good visits whatever else is in the folder.
fn assert_merged_the_good_ones(run: &Run, extra: usize) {
    assert_merged(run, GOOD.len() + extra);
}

/// `summary` ended well, with safe text, having merged `visits` visits.
fn assert_merged(run: &Run, visits: usize) {
    assert_eq!(run.code, Some(0), "{}", run.show());
    let report = assert_terminal_safe("summary stdout", &run.stdout);
    assert_terminal_safe("summary stderr", &run.stderr_bytes);
    // "Visits merged: 3", or "Visits merged: 3 visits of 2 branches" when one branch comes twice.
    let merged = [format!("Visits merged: {visits}\n"), format!("Visits merged: {visits} visits of ")];
    assert!(merged.iter().any(|m| report.contains(m)), "expected {visits} visits in\n{report}");
}

// ------------------------------------------------------------------------------------ links

#[test]
fn symbolic_links() {
    let outside = tempfile::tempdir().expect("tempdir");
    let secret = outside.path().join("another-round.ron");
    fs::copy(example("2022-04-04_chi-bo-doi-canh-sat-giao-thong-trat-tu.ron"), &secret).expect("copy");
    fs::create_dir(outside.path().join("sub")).expect("mkdir");

    let dir = folder_with_good_visits();
    let d = dir.path();
    let cases: [(&str, PathBuf, &str); 6] = [
        ("to-outside.ron", secret.clone(), "symbolic link to outside the folder"),
        ("to-etc-passwd.ron", "/etc/passwd".into(), "symbolic link to outside the folder"),
        ("dangling.ron", "/nonexistent/nowhere.ron".into(), "broken symbolic link"),
        ("loop.ron", "loop.ron".into(), "broken symbolic link"),
        ("dir-outside.ron", outside.path().join("sub"), "symbolic link to outside the folder"),
        (
            "via-parent.ron",
            PathBuf::from("..").join(outside.path().file_name().expect("name")).join("another-round.ron"),
            "symbolic link to outside the folder",
        ),
    ];
    for (name, target, _) in &cases {
        symlink(target, d.join(name)).expect("symlink");
    }
    // Links that stay inside are followed; links to folders (a loop to `.`) are not walked.
    symlink(GOOD[0], d.join("alias.ron")).expect("symlink");
    symlink(".", d.join("self")).expect("symlink");
    symlink(outside.path(), d.join("outside-folder")).expect("symlink");
    let before = snapshot(d);

    let (files, errors) = within(Duration::from_secs(30), "find_visit_files", {
        let d = d.to_path_buf();
        move || find_visit_files(&[d])
    });
    assert_eq!(files.len(), GOOD.len() + 1, "{files:?}");
    assert_eq!(errors.len(), cases.len(), "{errors:?}");
    for e in &errors {
        assert!(matches!(e.kind, LoadErrorKind::BrokenLink { .. } | LoadErrorKind::LinkOutside { .. }), "{e:?}");
    }

    let run = validate(d);
    assert_eq!(run.code, Some(1), "{}", run.show());
    for (name, target, message) in &cases {
        let line = line_about(&run, &d.join(name));
        assert!(line.contains(message), "{line}");
        assert!(line.contains(&*target.to_string_lossy()), "{line}: the target is named");
    }
    assert!(run.stderr.contains(&format!("3 file(s) valid, {} invalid", cases.len())), "{}", run.show());
    assert_terminal_safe("validate stderr", &run.stderr_bytes);

    let run = summary(d, false);
    // The link inside the tree reads a visit already there: one meeting, counted once (issue 16).
    assert_merged_the_good_ones(&run, 0);
    for (name, ..) in &cases {
        assert!(run.stdout_text().contains(name), "{name} not listed as skipped\n{}", run.show());
    }
    assert_eq!(summary(d, true).code, Some(1));

    // A link named on the command line is the user's choice: followed.
    let run = khaosat(&[OsStr::new("validate"), d.join("to-outside.ron").as_os_str()]);
    assert_eq!(run.code, Some(0), "{}", run.show());
    // And a folder reached through a link given on the command line is walked.
    let link_to_dir = outside.path().join("link-to-folder");
    symlink(d, &link_to_dir).expect("symlink");
    let run = khaosat(&[OsStr::new("--lang"), "en".as_ref(), "validate".as_ref(), link_to_dir.as_os_str()]);
    assert_eq!(run.code, Some(1), "{}", run.show());
    assert!(run.stderr.contains("3 file(s) valid"), "{}", run.show());
    fs::remove_file(&link_to_dir).expect("rm");

    assert_eq!(snapshot(d), before, "the folder was changed");
    assert_eq!(
        fs::read(&secret).expect("read"),
        fs::read(example("2022-04-04_chi-bo-doi-canh-sat-giao-thong-trat-tu.ron")).expect("read")
    );
    let loaded = load_visit(&secret, &[Template::embedded()]);
    assert!(loaded.is_ok(), "the target itself is a good visit: refused only as a link");
}

// ------------------------------------------------------------------------------------ special files

#[test]
fn a_fifo_named_like_a_visit_never_blocks() {
    let dir = folder_with_good_visits();
    let fifo = dir.path().join("x.ron");
    if !khaosat::testing::require(mkfifo(&fifo), "KHAOSAT_REQUIRE_FIFO", "mkfifo failed here") {
        return;
    }
    let err = within(Duration::from_secs(10), "load_visit on a FIFO", {
        let fifo = fifo.clone();
        move || load_visit(&fifo, &[Template::embedded()])
    })
    .expect_err("a FIFO is refused");
    assert_eq!(err.kind, LoadErrorKind::NotAFile);
    assert_eq!(err.display(Lang::En), format!("{}: not a regular file (a folder, FIFO or device)", fifo.display()));
    let before = snapshot(dir.path());
    let run = validate(dir.path());
    assert_eq!(run.code, Some(1), "{}", run.show());
    assert!(line_about(&run, &fifo).ends_with("not a regular file (a folder, FIFO or device)"));
    assert_merged_the_good_ones(&summary(dir.path(), false), 0);
    // Named on the command line, alone: still no wait.
    let run = khaosat(&[OsStr::new("validate"), fifo.as_os_str()]);
    assert_eq!(run.code, Some(1), "{}", run.show());
    // A writer may hold the FIFO open: reading it would still wait forever.
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::OpenOptions::new().write(true).open(fifo))
    };
    let run = khaosat(&[OsStr::new("validate"), fifo.as_os_str()]);
    assert_eq!(run.code, Some(1), "{}", run.show());
    // Release the writer thread (it waits for a reader) by opening the FIFO for reading once.
    let _reader = within(Duration::from_secs(10), "unblock the writer", {
        let fifo = fifo.clone();
        move || {
            use std::os::unix::fs::OpenOptionsExt;
            fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(fifo)
        }
    });
    let _ = writer.join();
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn a_folder_named_like_a_visit_is_a_folder() {
    let dir = folder_with_good_visits();
    let inner = dir.path().join("x.ron");
    fs::create_dir(&inner).expect("mkdir");
    fs::copy(example("2022-04-04_chi-bo-doi-canh-sat-giao-thong-trat-tu.ron"), inner.join("inside.ron")).expect("copy");
    fs::create_dir(dir.path().join("empty.ron")).expect("mkdir");
    let err = load_visit(&inner, &[Template::embedded()]).expect_err("a folder is not a visit");
    assert_eq!(err.kind, LoadErrorKind::NotAFile);
    // In a walk, it is walked: the visit inside counts, the empty one adds nothing.
    let run = validate(dir.path());
    assert_eq!(run.code, Some(0), "{}", run.show());
    assert!(run.stdout_text().contains("3 file(s) valid"), "{}", run.show());
    assert_merged_the_good_ones(&summary(dir.path(), false), 1);
    let run =
        khaosat(&[OsStr::new("--lang"), "en".as_ref(), "validate".as_ref(), dir.path().join("empty.ron").as_os_str()]);
    assert_eq!(run.code, Some(2), "{}", run.show());
    assert!(run.stderr.contains("no .ron files found in"), "{}", run.show());
}

#[test]
fn devices_and_proc_files_are_refused() {
    // Named on the command line, as a user might by mistake: refused, never read forever.
    for device in ["/dev/zero", "/dev/urandom", "/dev/null"] {
        let run = khaosat(&["--lang", "en", "validate", device]);
        assert_eq!(run.code, Some(1), "{device}: {}", run.show());
        assert!(run.stderr.contains("not a regular file"), "{}", run.show());
    }
    // /proc files say they are empty regular files; they are read, and refused as such.
    let run = khaosat(&["--lang", "en", "validate", "/proc/self/status"]);
    assert_eq!(run.code, Some(1), "{}", run.show());
    // A file whose read fails (EIO): the I/O error is named; for `validate` that is exit 2. This
    // is the library's unreadable-file case that works as root too.
    let err = load_visit(Path::new("/proc/self/mem"), &[Template::embedded()]).expect_err("EIO");
    assert!(matches!(err.kind, LoadErrorKind::Io(_)), "{err:?}");
    assert!(
        err.display(Lang::En).starts_with("/proc/self/mem: cannot read the file: Input/output error"),
        "{}",
        err.display(Lang::En)
    );
    let run = khaosat(&["--lang", "en", "validate", "/proc/self/mem"]);
    assert_eq!(run.code, Some(2), "{}", run.show());
    assert!(run.stderr.contains("cannot read the file: Input/output error"), "{}", run.show());
}

// ------------------------------------------------------------------------------------ permissions

fn running_as_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// Run the binary as the unprivileged user `nobody`, for the permission cases when the tests run
/// as root (root reads a chmod 000 file). None when that is not possible here.
fn as_nobody<S: AsRef<OsStr>>(args: &[S]) -> Option<Run> {
    // A copy of the binary that any user may run, from a folder any user may enter: the checkout
    // may sit where only its owner can go (a home folder), and that is not what is tested here.
    let place = tempfile::tempdir().ok()?;
    fs::set_permissions(place.path(), fs::Permissions::from_mode(0o755)).ok()?;
    let program = place.path().join("khaosat");
    fs::copy(env!("CARGO_BIN_EXE_khaosat"), &program).ok()?;
    fs::set_permissions(&program, fs::Permissions::from_mode(0o755)).ok()?;
    let as_nobody = |cmd: &mut std::process::Command| {
        cmd.uid(65534).gid(65534).current_dir("/");
    };
    // A failing spawn means we cannot switch users here. "Text file busy" is not that: another
    // test's fork may still hold the copy open for an instant, so that is tried again.
    let probe = || {
        let mut probe = command_for(&program);
        probe.arg("--version");
        as_nobody(&mut probe);
        probe.output()
    };
    let busy =
        |r: &std::io::Result<std::process::Output>| r.as_ref().is_err_and(|e| e.raw_os_error() == Some(libc::ETXTBSY));
    let mut outcome = probe();
    for _ in 0..20 {
        if !busy(&outcome) {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
        outcome = probe();
    }
    if !outcome.is_ok_and(|out| out.status.success()) {
        return None;
    }
    let mut cmd = command_for(&program);
    cmd.args(args);
    as_nobody(&mut cmd);
    Some(run_command(cmd, LIMIT))
}

#[test]
fn an_unreadable_file_and_folder() {
    let dir = folder_with_good_visits();
    let d = dir.path();
    let locked = d.join("locked.ron");
    fs::copy(example(GOOD[0]), &locked).expect("copy");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
    let closed = d.join("closed");
    fs::create_dir(&closed).expect("mkdir");
    fs::copy(example(GOOD[1]), closed.join("hidden.ron")).expect("copy");
    fs::set_permissions(&closed, fs::Permissions::from_mode(0o000)).expect("chmod");
    // Let another user reach the folder itself.
    fs::set_permissions(d, fs::Permissions::from_mode(0o755)).expect("chmod");
    let before = snapshot(d);

    if running_as_root() {
        eprintln!(
            "note: running as root, which reads a chmod 000 file: the library sub-case is skipped; the binary runs as nobody"
        );
    } else {
        let err = load_visit(&locked, &[Template::embedded()]).expect_err("unreadable");
        assert!(matches!(err.kind, LoadErrorKind::Io(_)), "{err:?}");
        assert!(err.display(Lang::En).contains("cannot read the file: Permission denied"), "{}", err.display(Lang::En));
    }

    let args =
        |cmd: &str| -> Vec<OsString> { vec!["--lang".into(), "en".into(), cmd.into(), d.as_os_str().to_owned()] };
    let run = if running_as_root() { as_nobody(&args("validate")) } else { Some(khaosat(&args("validate"))) };
    let switched = run.is_some();
    let Some(run) = run.filter(|_| {
        khaosat::testing::require(
            switched,
            "KHAOSAT_REQUIRE_ROOT",
            "running as root and cannot switch to the user nobody here",
        )
    }) else {
        restore(d, &locked, &closed);
        return;
    };
    // Every readable file is still checked; something could not be read: exit 2.
    assert_eq!(run.code, Some(2), "{}", run.show());
    assert!(line_about(&run, &locked).contains("cannot read the file: Permission denied"), "{}", run.show());
    assert!(line_about(&run, &closed).contains("cannot read the file: Permission denied"), "{}", run.show());
    assert!(run.stderr.contains("2 file(s) valid, 2 invalid"), "{}", run.show());

    let run = if running_as_root() { as_nobody(&args("summary")) } else { Some(khaosat(&args("summary"))) };
    let run = run.expect("switched once already");
    assert_merged_the_good_ones(&run, 0);
    assert!(run.stdout_text().contains("locked.ron"), "{}", run.show());
    restore(d, &locked, &closed);
    assert_eq!(snapshot(d), before, "the folder was changed");
}

fn restore(dir: &Path, locked: &Path, closed: &Path) {
    let _ = fs::set_permissions(locked, fs::Permissions::from_mode(0o644));
    let _ = fs::set_permissions(closed, fs::Permissions::from_mode(0o755));
    let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o700));
}

// ------------------------------------------------------------------------------------ names

/// File names with control characters and bytes that are not UTF-8 (Linux allows all but `/` and
/// NUL): named safely in every message, the good ones merged, the bad ones skipped.
#[test]
fn names_with_controls_and_bytes_that_are_not_utf8() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let good = fs::read(example(GOOD[0])).expect("read");
    let bad = b"(schema: 1, \x1b]0;pwned\x07".to_vec();
    let names: [(&[u8], bool); 10] = [
        (b"\x1b]0;pwned\x07.ron", false),
        (b"\x1b]52;c;ZXZpbA==\x07.ron", true),
        (b"\x1b[2J\x1b[H.ron", false),
        (b"bell\x07back\x08cr\r.ron", true),
        (b"new\nline.ron", false),
        (b"tab\there.ron", true),
        (b"c1-\xc2\x9b31m.ron", false),
        (b"bidi-\xe2\x80\xaegnp.ron", true),
        (b"latin1-caf\xe9.ron", false),
        (b"\xff\xfe.ron", true),
    ];
    for (name, is_good) in names {
        fs::write(d.join(OsStr::from_bytes(name)), if is_good { &good } else { &bad }).expect("write");
    }
    let before = snapshot(d);
    let good_count = names.iter().filter(|(_, g)| *g).count();
    let bad_count = names.len() - good_count;

    let run = validate(d);
    assert_eq!(run.code, Some(1), "{}", run.show());
    let err = assert_terminal_safe("validate stderr", &run.stderr_bytes);
    assert!(err.contains(&format!("{good_count} file(s) valid, {bad_count} invalid")), "{err}");
    // What the user sees instead of the bytes: markers.
    for marker in
        ["^[]0;pwned^G.ron:", "^[[2J^[[H.ron:", "new^Jline.ron:", "c1-<U+009B>31m.ron:", "latin1-caf\u{FFFD}.ron:"]
    {
        assert!(err.contains(marker), "no {marker:?} in\n{err}");
    }

    let run = summary(d, false);
    // The good files are records of one meeting: counted once, and each named (issue 16).
    assert_merged(&run, 1);
    let report = run.stdout_text();
    // The duplicates section lists the good files by name; the skipped section the bad ones.
    for marker in ["^[]52;c;ZXZpbA==^G.ron", "bell^Gback^Hcr^M.ron", "bidi-<U+202E>gnp.ron", "^[]0;pwned^G.ron"] {
        assert!(report.contains(marker), "no {marker:?} in\n{report}");
    }
    for format in ["md", "csv", "json"] {
        let run = khaosat(&[OsStr::new("summary"), "--format".as_ref(), format.as_ref(), d.as_os_str()]);
        assert_eq!(run.code, Some(0), "{}", run.show());
        assert_terminal_safe(&format!("summary --format {format} stderr"), &run.stderr_bytes);
        if format == "md" {
            assert_terminal_safe("summary --format md", &run.stdout);
        }
    }
    // Each file named alone on the command line.
    for (name, is_good) in names {
        let run = khaosat(&[OsStr::new("validate"), d.join(OsStr::from_bytes(name)).as_os_str()]);
        assert_eq!(run.code, Some(if is_good { 0 } else { 1 }), "{}", run.show());
        assert_terminal_safe("validate stdout", &run.stdout);
        assert_terminal_safe("validate stderr", &run.stderr_bytes);
    }
    // A folder whose own name is hostile.
    let hostile_dir = d.join(OsString::from_vec(b"round-\x1b]0;x\x07-\xff".to_vec()));
    fs::create_dir(&hostile_dir).expect("mkdir");
    let run = validate(&hostile_dir);
    assert_eq!(run.code, Some(2), "{}", run.show());
    let err = assert_terminal_safe("validate stderr", &run.stderr_bytes);
    assert!(err.contains("round-^[]0;x^G-\u{FFFD}"), "{err}");
    fs::remove_dir(&hostile_dir).expect("rmdir");
    assert_eq!(snapshot(d), before, "the folder was changed");
}

/// A missing path stays a usage error (exit 2), and a walk that meets a missing path among good
/// ones still checks them (exit 2, the good ones counted).
#[test]
fn missing_paths() {
    let dir = folder_with_good_visits();
    let missing = dir.path().join("no-such.ron");
    let run = khaosat(&[OsStr::new("--lang"), "en".as_ref(), "validate".as_ref(), missing.as_os_str()]);
    assert_eq!(run.code, Some(2), "{}", run.show());
    assert!(run.stderr.starts_with(&format!("khaosat: {}: cannot read the file", missing.display())), "{}", run.show());
    let run = khaosat(&[
        OsStr::new("--lang"),
        "en".as_ref(),
        "validate".as_ref(),
        missing.as_os_str(),
        dir.path().as_os_str(),
    ]);
    assert_eq!(run.code, Some(2), "{}", run.show());
    assert!(run.stderr.contains("2 file(s) valid, 1 invalid"), "{}", run.show());
    let run = khaosat(&[
        OsStr::new("--lang"),
        "en".as_ref(),
        "summary".as_ref(),
        missing.as_os_str(),
        dir.path().as_os_str(),
    ]);
    assert_merged_the_good_ones(&run, 0);
}
