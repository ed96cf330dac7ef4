//! Is a git process working in this repository right now? A lock file git left (`index.lock`)
//! may only be removed when the git that made it is dead: removing a live one's lock lets two
//! gits write the index at once. On Linux the answer comes from /proc (every process named
//! `git…` whose working folder is in the repository — `git -C` and hooks work there, and so
//! does a `git gc` detached after a commit); elsewhere it cannot be known, and a lock is taken
//! as abandoned only when it is old.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How old a lock must be to be taken as abandoned where processes cannot be listed.
pub const ABANDONED_AFTER: Duration = Duration::from_secs(600);

/// What is known about git processes in a repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Running {
    /// These git processes (their ids) work in it.
    Some(Vec<u32>),
    None,
    /// This system does not say (no /proc).
    Unknown,
}

/// The git processes whose working folder is inside `top` or `git_dir` (both absolute).
pub fn git_processes(top: &Path, git_dir: &Path) -> Running {
    let Ok(entries) = fs::read_dir("/proc") else { return Running::Unknown };
    let roots: Vec<PathBuf> =
        [top, git_dir].iter().map(|p| fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())).collect();
    let me = std::process::id();
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else { continue };
        if pid == me || !is_git(&entry.path()) {
            continue;
        }
        // A process of another user, or one that just ended, cannot be read: not ours to wait for.
        let Ok(cwd) = fs::read_link(entry.path().join("cwd")) else { continue };
        if roots.iter().any(|root| cwd.starts_with(root)) {
            found.push(pid);
        }
    }
    if found.is_empty() { Running::None } else { Running::Some(found) }
}

/// Whether the process at `/proc/PID` is git (or one of its helpers), and alive (not a zombie).
fn is_git(proc_dir: &Path) -> bool {
    let Ok(stat) = fs::read_to_string(proc_dir.join("stat")) else { return false };
    // "PID (COMM) STATE …": the name may hold spaces and parentheses; the state follows the last ')'.
    let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else { return false };
    let name = &stat[open + 1..close];
    let state = stat[close + 1..].split_whitespace().next().unwrap_or("");
    (name == "git" || name.starts_with("git-")) && state != "Z" && state != "X"
}

/// Whether the lock file at `path` is old enough to be taken as abandoned without a process list.
pub fn old_enough(path: &Path) -> bool {
    fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age >= ABANDONED_AFTER)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_git_working_in_the_folder_is_seen_and_one_elsewhere_is_not() -> Result<(), Box<dyn std::error::Error>> {
        if !Path::new("/proc/self/cwd").exists() {
            return Ok(());
        }
        let repo = tempfile::tempdir()?;
        let elsewhere = tempfile::tempdir()?;
        // `git cat-file --batch` waits on its stdin: a git process that stays while we look.
        let spawn = |dir: &Path| {
            std::process::Command::new("git")
                .arg("-C")
                .arg(dir)
                .args(["hash-object", "--stdin"])
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::null())
                .spawn()
        };
        let mut here = spawn(repo.path())?;
        let mut there = spawn(elsewhere.path())?;
        std::thread::sleep(Duration::from_millis(100));
        let git_dir = repo.path().join(".git");
        let seen = git_processes(repo.path(), &git_dir);
        drop(here.stdin.take());
        drop(there.stdin.take());
        here.wait()?;
        there.wait()?;
        assert_eq!(seen, Running::Some(vec![here.id()]));
        assert_eq!(git_processes(repo.path(), &git_dir), Running::None);
        Ok(())
    }
}
