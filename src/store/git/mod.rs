//! The team's repository, through the `git` program — not a library: `git` is what users already
//! have, every git host speaks it (ssh, https, credential helpers and all), and the binary stays
//! small. Each call runs `git -C <folder> …` with a fixed locale (so its messages can be read),
//! no terminal prompts, and `core.quotePath=false` with NUL-separated lists (so Vietnamese file
//! names come back as written).
//!
//! `init` sets a folder up, `doctor` says what is wrong with one, `sync` commits, pulls with the
//! khaosat merge driver and pushes; `recover` clears what a killed git or sync left behind.

pub mod doctor;
pub mod init;
mod procs;
mod recover;
pub mod report;
pub mod sync;

use std::cell::Cell;
use std::ffi::OsStr;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::strings::{Lang, SyncMsg};

/// The attribute line that sends `.ron` files to the khaosat merge driver.
pub const ATTRIBUTE_LINE: &str = "*.ron merge=khaosat";
/// The driver's name in `.gitattributes` and in the config (`merge.khaosat.driver`).
pub const DRIVER_NAME: &str = "khaosat";
/// The driver's config key.
pub const DRIVER_KEY: &str = "merge.khaosat.driver";
/// What `.gitignore` keeps out of the repository: lock files of open visits, temporary files of
/// atomic saves (`store::save::TEMP_PREFIX`), and the recovery files the checklist writes when a
/// save fails (`NAME.ron.save`, kept as `.old` when refused).
pub const IGNORE_LINES: [&str; 4] = [".*.ron.lock", ".khaosat-tmp-*", "*.ron.save", "*.ron.save.old"];

/// Why a git command could not be run or failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitError {
    /// There is no `git` program on the PATH.
    NotInstalled,
    /// It could not be started (or its output read).
    Spawn(String),
    /// It ran and failed: the command (without `git`), its exit code and what it said.
    Failed { command: String, code: Option<i32>, stderr: String },
}

impl GitError {
    /// A sentence for the user.
    pub fn display(&self, lang: Lang) -> String {
        match self {
            GitError::NotInstalled => SyncMsg::GitMissing.get(lang).to_string(),
            GitError::Spawn(e) => SyncMsg::GitSpawn.fill(lang, &[e]),
            GitError::Failed { command, stderr, .. } => {
                SyncMsg::GitFailed.fill(lang, &[command, &last_lines(stderr, 3)])
            }
        }
    }

    /// What git said (empty when it did not run).
    pub fn stderr(&self) -> &str {
        match self {
            GitError::Failed { stderr, .. } => stderr,
            _ => "",
        }
    }
}

/// The last `n` non-empty lines of `text`, joined with " / " (git's advice comes first, the
/// reason last).
pub fn last_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    lines[lines.len().saturating_sub(n)..].join(" / ")
}

/// Runs git in one folder, and adds up the time spent waiting for it (so a sync can say how
/// much of its time was git's).
#[derive(Debug)]
pub struct Git {
    dir: PathBuf,
    /// Extra environment for every call (tests: an identity; the TUI: ssh in batch mode).
    env: Vec<(String, String)>,
    spent: Cell<Duration>,
}

impl Git {
    pub fn new(dir: &Path) -> Git {
        Git { dir: dir.to_path_buf(), env: Vec::new(), spent: Cell::new(Duration::ZERO) }
    }

    /// The same folder, with `key=value` in the environment of every call.
    pub fn with_env(mut self, key: &str, value: &str) -> Git {
        self.env.push((key.to_string(), value.to_string()));
        self
    }

    /// The folder commands run in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The time spent in git so far.
    pub fn spent(&self) -> Duration {
        self.spent.get()
    }

    fn command<S: AsRef<OsStr>>(&self, args: &[S]) -> Command {
        let mut cmd = Command::new("git");
        cmd.arg("-C").arg(&self.dir).args(["-c", "core.quotePath=false"]).args(args);
        // English messages, so that "could not resolve host" can be told from a refused push;
        // never a prompt for a password that nobody would see (the TUI runs this in a thread).
        cmd.env("LC_ALL", "C").env("LANGUAGE", "").env("GIT_TERMINAL_PROMPT", "0");
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd
    }

    /// Run `git ARGS` with `input` on its stdin; any exit status is returned, not an error.
    pub fn output<S: AsRef<OsStr>>(&self, args: &[S], input: Option<&[u8]>) -> Result<Output, GitError> {
        let started = Instant::now();
        let mut cmd = self.command(args);
        cmd.stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().map_err(spawn_error)?;
        let result = match (input, child.stdin.take()) {
            (Some(bytes), Some(mut stdin)) => {
                // Written from a thread: git may fill its output pipe before reading all input.
                let bytes = bytes.to_vec();
                let writer = std::thread::spawn(move || {
                    let _ = stdin.write_all(&bytes);
                });
                let out = child.wait_with_output();
                let _ = writer.join();
                out
            }
            _ => child.wait_with_output(),
        };
        self.spent.set(self.spent.get() + started.elapsed());
        result.map_err(|e| GitError::Spawn(e.to_string()))
    }

    /// Run `git ARGS`; its stdout when it succeeds, else [`GitError::Failed`].
    pub fn run<S: AsRef<OsStr>>(&self, args: &[S]) -> Result<String, GitError> {
        self.run_with(args, None)
    }

    /// [`Git::run`] with `input` on stdin.
    pub fn run_with<S: AsRef<OsStr>>(&self, args: &[S], input: Option<&[u8]>) -> Result<String, GitError> {
        let out = self.output(args, input)?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            Err(failed(args, &out))
        }
    }

    /// Whether `git ARGS` succeeds (an exit status of 1 is "no", as for `git diff --quiet`).
    pub fn check<S: AsRef<OsStr>>(&self, args: &[S]) -> Result<bool, GitError> {
        Ok(self.output(args, None)?.status.success())
    }

    /// A config value of this repository (any level), `None` when unset.
    pub fn config(&self, key: &str) -> Result<Option<String>, GitError> {
        let out = self.output(&["config", "--get", key], None)?;
        let value = String::from_utf8_lossy(&out.stdout).trim().to_string();
        Ok((out.status.success() && !value.is_empty()).then_some(value))
    }

    /// The contents of `rev:path` for each path (one `git cat-file --batch` for all); `None`
    /// where the revision has no such file (a new file) or the revision does not exist.
    pub fn blobs(&self, rev: &str, paths: &[String]) -> Result<Vec<Option<Vec<u8>>>, GitError> {
        if paths.is_empty() {
            return Ok(Vec::new());
        }
        // A name with a line break cannot be asked for on a line: it reads as not there.
        let input: String = paths.iter().map(|p| format!("{rev}:{}\n", p.replace('\n', " "))).collect();
        let out = self.output(&["cat-file", "--batch"], Some(input.as_bytes()))?;
        if !out.status.success() {
            return Err(failed(&["cat-file", "--batch"], &out));
        }
        let mut rest = out.stdout.as_slice();
        let mut blobs = Vec::with_capacity(paths.len());
        for _ in paths {
            let Some(end) = rest.iter().position(|&b| b == b'\n') else { break };
            let header = String::from_utf8_lossy(&rest[..end]).into_owned();
            rest = &rest[end + 1..];
            let size = match header.rsplit(' ').next().map(str::parse::<usize>) {
                Some(Ok(size)) if !header.ends_with(" missing") && !header.ends_with(" ambiguous") => size,
                _ => {
                    blobs.push(None);
                    continue;
                }
            };
            let take = size.min(rest.len());
            blobs.push(Some(rest[..take].to_vec()));
            // The contents are followed by a newline.
            rest = &rest[(take + 1).min(rest.len())..];
        }
        blobs.resize(paths.len(), None);
        Ok(blobs)
    }
}

fn spawn_error(e: io::Error) -> GitError {
    if e.kind() == io::ErrorKind::NotFound { GitError::NotInstalled } else { GitError::Spawn(e.to_string()) }
}

fn failed<S: AsRef<OsStr>>(args: &[S], out: &Output) -> GitError {
    let command = args.iter().map(|a| a.as_ref().to_string_lossy().into_owned()).collect::<Vec<_>>().join(" ");
    let mut stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if stderr.trim().is_empty() {
        // Some commands (merge, commit) say why on stdout.
        stderr = String::from_utf8_lossy(&out.stdout).into_owned();
    }
    GitError::Failed { command, code: out.status.code(), stderr }
}

/// A repository found from a folder inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repo {
    /// The top of the work tree.
    pub top: PathBuf,
    /// The `.git` folder (absolute).
    pub git_dir: PathBuf,
}

impl Repo {
    /// The repository `dir` is in, `None` when it is in none (or only in a bare one, or in `.git`).
    pub fn find(git: &Git) -> Result<Option<Repo>, GitError> {
        let out = git.output(&["rev-parse", "--is-inside-work-tree", "--show-toplevel", "--absolute-git-dir"], None)?;
        if !out.status.success() {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&out.stdout);
        let mut lines = text.lines();
        if lines.next() != Some("true") {
            return Ok(None);
        }
        match (lines.next(), lines.next()) {
            (Some(top), Some(git_dir)) => Ok(Some(Repo { top: PathBuf::from(top), git_dir: PathBuf::from(git_dir) })),
            _ => Ok(None),
        }
    }

    /// Whether a merge is unfinished (git's MERGE_HEAD is there).
    pub fn merging(&self) -> bool {
        self.git_dir.join("MERGE_HEAD").is_file()
    }

    /// Whether a rebase (or `git am`) is unfinished.
    pub fn rebasing(&self) -> bool {
        self.git_dir.join("rebase-merge").exists() || self.git_dir.join("rebase-apply").exists()
    }

    /// `path` relative to the top of the work tree, with `/` (as git names it).
    pub fn relative(&self, path: &Path) -> Option<String> {
        let top = std::fs::canonicalize(&self.top).unwrap_or_else(|_| self.top.clone());
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let rel = path.strip_prefix(&top).ok()?;
        Some(rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/"))
    }
}

/// The driver command for the config: `PROGRAM merge-driver %O %A %B %P`, the program quoted for
/// the shell git runs it with when its path needs it (spaces, quotes).
pub fn driver_command(program: &Path) -> String {
    format!("{} merge-driver %O %A %B %P", shell_quote(&program.to_string_lossy()))
}

/// `word` as one word for `sh`: as is when it holds only safe characters, else in single quotes.
pub fn shell_quote(word: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "/._-+:@%=,".contains(c);
    if !word.is_empty() && word.chars().all(safe) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// The program a driver command runs: its first shell word, unquoted (the inverse of
/// [`shell_quote`] for what [`driver_command`] writes; a hand-written command with other quoting
/// is read as well as plain words allow).
pub fn driver_program(command: &str) -> String {
    let mut word = String::new();
    let mut chars = command.trim_start().chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    word.push(q);
                }
            }
            '"' => {
                while let Some(q) = chars.next() {
                    match q {
                        '"' => break,
                        '\\' => word.extend(chars.next()),
                        _ => word.push(q),
                    }
                }
            }
            '\\' => word.extend(chars.next()),
            c if c.is_whitespace() => break,
            c => word.push(c),
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_quoted_for_the_shell_and_read_back() {
        for path in ["/usr/bin/khaosat", "/home/tú/bin/khaosat", "/opt/my tools/khaosat", "/x/it's/khaosat"] {
            let command = driver_command(Path::new(path));
            assert!(command.ends_with(" merge-driver %O %A %B %P"), "{command}");
            assert_eq!(driver_program(&command), path, "{command}");
        }
        assert_eq!(shell_quote("/usr/bin/khaosat"), "/usr/bin/khaosat");
        assert_eq!(shell_quote("/opt/my tools/k"), "'/opt/my tools/k'");
        assert_eq!(shell_quote("/x/it's"), "'/x/it'\\''s'");
        assert_eq!(driver_program("\"/a b/k\" merge-driver"), "/a b/k");
        assert_eq!(driver_program("/a\\ b/k merge-driver"), "/a b/k");
    }

    #[test]
    fn a_quoted_path_survives_the_shell() -> Result<(), Box<dyn std::error::Error>> {
        let path = "/opt/my tools/it's/khaosat";
        let out = Command::new("sh").arg("-c").arg(format!("printf %s {}", shell_quote(path))).output()?;
        assert_eq!(String::from_utf8_lossy(&out.stdout), path);
        Ok(())
    }

    #[test]
    fn last_lines_keep_the_reason() {
        assert_eq!(last_lines("hint: a\n\nfatal: b\n", 1), "fatal: b");
        assert_eq!(last_lines("a\nb\nc\n", 2), "b / c");
    }
}
