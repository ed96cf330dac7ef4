//! Shared by tests/hostile_*.rs: running the real binary with a time limit and no panic, the
//! bytes of a folder before and after, and the checks on text meant for a terminal.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");

/// Long enough for a debug build on a busy 2-core machine; a hang is far longer.
pub const LIMIT: Duration = Duration::from_secs(120);

/// What a run of the binary left: exit code (None when killed by a signal), stdout, stderr.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr_bytes: Vec<u8>,
    pub stderr: String,
}

impl Run {
    pub fn show(&self) -> String {
        format!(
            "status {:?}\n--- stdout\n{}--- stderr\n{}",
            self.code,
            String::from_utf8_lossy(&self.stdout),
            self.stderr
        )
    }

    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
}

/// The binary, run from the crate root with no language or data folder from the environment.
pub fn command() -> Command {
    command_for(Path::new(env!("CARGO_BIN_EXE_khaosat")))
}

/// [`command`] with another copy of the binary.
pub fn command_for(program: &Path) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(MANIFEST)
        .env_remove("KHAOSAT_DIR")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// Run the real binary with these arguments (see [`run_command`]).
pub fn khaosat<S: AsRef<OsStr>>(args: &[S]) -> Run {
    let mut cmd = command();
    cmd.args(args);
    run_command(cmd, LIMIT)
}

/// Run a prepared command with a time limit. It must end by itself: no hang (killed and failed
/// after `limit`), no signal (an abort or a stack overflow), no panic (exit 101, "panicked").
pub fn run_command(mut cmd: Command, limit: Duration) -> Run {
    let mut child = cmd.spawn().expect("start khaosat");
    // Both pipes are read on threads so that a large output cannot block the child.
    let mut out_pipe = child.stdout.take().expect("stdout");
    let mut err_pipe = child.stderr.take().expect("stderr");
    let out_thread = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = out_pipe.read_to_end(&mut buf);
        buf
    });
    let err_thread = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err_pipe.read_to_end(&mut buf);
        buf
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} did not finish within {limit:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stderr_bytes = err_thread.join().expect("stderr thread");
    let run = Run {
        code: status.code(),
        stdout: out_thread.join().expect("stdout thread"),
        stderr: String::from_utf8_lossy(&stderr_bytes).into_owned(),
        stderr_bytes,
    };
    assert!(run.code.is_some(), "killed by a signal (an abort, a stack overflow?)\n{}", run.show());
    assert_ne!(run.code, Some(101), "panicked\n{}", run.show());
    assert!(!run.stderr.contains("panicked"), "panicked\n{}", run.show());
    assert!(!run.stderr.contains("stack overflow"), "{}", run.show());
    run
}

/// Run `f` on a thread and fail if it has not returned within `limit` (a blocking open, a loop).
pub fn within<T: Send + 'static>(limit: Duration, what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(limit).unwrap_or_else(|_| panic!("{what}: no answer within {limit:?} (a hang)"))
}

/// Every entry under `dir`, with the bytes of regular files (special files by name only, and
/// never opened: a FIFO would block).
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    let mut all = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let kind = entry.file_type().expect("file type");
            let path = entry.path();
            if kind.is_dir() {
                stack.push(path.clone());
                all.push((path, None));
            } else if kind.is_file() {
                all.push((path.clone(), fs::read(&path).ok()));
            } else {
                all.push((path, None));
            }
        }
    }
    all.sort();
    all
}

/// Characters that must never reach a terminal raw from data: C0 and C1 controls, DEL, bidi
/// controls and zero-width characters (U+FEFF included).
pub fn is_dangerous(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}' | '\u{00AD}')
}

/// Plain text for a terminal (CLI output): valid UTF-8, no ESC at all, no C0 but `\n` and `\t`,
/// no C1, no bidi or zero-width character. Returns the text.
pub fn assert_terminal_safe(what: &str, bytes: &[u8]) -> String {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(e) => panic!("{what}: not UTF-8 ({e}): {}", String::from_utf8_lossy(bytes)),
    };
    assert!(!bytes.contains(&0x1B), "{what}: an ESC byte in\n{text}");
    for (i, c) in text.char_indices() {
        if c == '\n' || c == '\t' {
            continue;
        }
        assert!(!is_dangerous(c), "{what}: {c:?} (U+{:04X}) at byte {i} in\n{text}", c as u32);
    }
    text
}
