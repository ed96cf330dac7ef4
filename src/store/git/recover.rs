//! What a killed sync (or a killed git) leaves, cleared before the next one works: lock files of
//! a git that is dead. A git that is alive is waited for, never overtaken.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::Repo;
use super::procs::{Running, git_processes, old_enough};

/// The file in `.git` a sync holds (an OS lock) while it runs: one sync at a time per clone.
/// Here, beside the clearing of stale locks that must never take it for one.
pub const SYNC_LOCK: &str = "khaosat-sync.lock";

/// How long a sync waits for another git working in the repository to finish.
pub const WAIT_FOR_GIT: Duration = Duration::from_secs(30);

/// Why the locks could not be cleared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Busy {
    /// A git process still works in the repository after the wait (its id).
    GitRunning(u32),
    /// This system cannot list processes and the lock is recent: it may be a live git's.
    RecentLock(PathBuf),
}

/// The lock files git keeps while it changes a repository (`index.lock`, `HEAD.lock`,
/// `refs/heads/main.lock`, `packed-refs.lock`, `config.lock` …), found now.
pub fn git_locks(git_dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    collect_locks(git_dir, &mut found, false);
    for sub in ["refs", "logs"] {
        collect_locks(&git_dir.join(sub), &mut found, true);
    }
    found.sort();
    found
}

fn collect_locks(dir: &Path, found: &mut Vec<PathBuf>, deep: bool) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() && deep {
            collect_locks(&path, found, true);
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "lock") && !is_ours(&path) {
            found.push(path);
        }
    }
}

/// The sync's own lock file is not git's: it is held by a live sync through the OS, never stale.
fn is_ours(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == SYNC_LOCK)
}

/// Remove git's lock files once no git works in the repository: wait up to `wait` for running
/// ones to end. Returns the locks removed (a git killed midway left them).
pub fn clear_stale_locks(repo: &Repo, wait: Duration) -> Result<Vec<PathBuf>, Busy> {
    let locks = git_locks(&repo.git_dir);
    if locks.is_empty() {
        return Ok(Vec::new());
    }
    let started = Instant::now();
    loop {
        match git_processes(&repo.top, &repo.git_dir) {
            Running::None => break,
            Running::Some(pids) => {
                if started.elapsed() >= wait {
                    return Err(Busy::GitRunning(pids[0]));
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            Running::Unknown => {
                if let Some(recent) = locks.iter().find(|l| l.exists() && !old_enough(l)) {
                    return Err(Busy::RecentLock(recent.clone()));
                }
                break;
            }
        }
    }
    // Looked for again: a git that was running may have finished and taken its locks away.
    let mut removed = Vec::new();
    for lock in git_locks(&repo.git_dir) {
        if fs::remove_file(&lock).is_ok() {
            removed.push(lock);
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_of_a_dead_git_are_removed_and_the_sync_lock_is_not() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let git_dir = dir.path().join(".git");
        fs::create_dir_all(git_dir.join("refs/heads"))?;
        fs::create_dir_all(git_dir.join("objects"))?;
        for name in ["index.lock", "refs/heads/main.lock", super::SYNC_LOCK, "objects/x.lock"] {
            fs::write(git_dir.join(name), "")?;
        }
        let repo = Repo { top: dir.path().to_path_buf(), git_dir: git_dir.clone() };
        let found = git_locks(&git_dir);
        assert_eq!(found, vec![git_dir.join("index.lock"), git_dir.join("refs/heads/main.lock")]);
        if Path::new("/proc/self").exists() {
            assert_eq!(clear_stale_locks(&repo, Duration::ZERO), Ok(found));
            assert!(git_dir.join(super::SYNC_LOCK).exists());
            assert!(git_locks(&git_dir).is_empty());
        }
        Ok(())
    }
}
