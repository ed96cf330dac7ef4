//! Who has a visit open. The lock is an OS lock on a hidden sidecar file (`.NAME.ron.lock`), so a
//! process that dies releases it by itself: there are no stale markers to clean. The data file is
//! never locked itself, since the atomic rename replaces its inode.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The session holding a visit, as written in the lock file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub user: String,
    pub host: String,
    pub pid: u32,
    pub since: jiff::Timestamp,
}

impl Holder {
    fn current() -> Holder {
        Holder { user: current_user(), host: host_name(), pid: std::process::id(), since: crate::core::visit::now() }
    }
}

/// A held lock; dropping it (or the process ending) releases it.
#[derive(Debug)]
pub struct VisitLock {
    _file: File,
    pub path: PathBuf,
}

#[derive(Debug)]
pub enum LockOutcome {
    Acquired(VisitLock),
    /// Someone else has the visit open; who, when the lock file says so.
    HeldBy(Option<Holder>),
}

/// The sidecar lock file of a visit file.
pub fn lock_path(visit: &Path) -> PathBuf {
    let name = visit.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    visit.with_file_name(format!(".{name}.lock"))
}

/// Try to take the lock of a visit file without waiting.
pub fn lock_visit(visit: &Path) -> io::Result<LockOutcome> {
    let path = lock_path(visit);
    let mut file = OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path)?;
    match file.try_lock() {
        Ok(()) => {
            let holder = Holder::current();
            let text = ron::to_string(&holder).unwrap_or_default();
            file.set_len(0)?;
            file.seek(SeekFrom::Start(0))?;
            file.write_all(text.as_bytes())?;
            file.sync_all()?;
            Ok(LockOutcome::Acquired(VisitLock { _file: file, path }))
        }
        Err(std::fs::TryLockError::WouldBlock) => {
            let mut text = String::new();
            let _ = file.read_to_string(&mut text);
            Ok(LockOutcome::HeldBy(ron::from_str(&text).ok()))
        }
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

fn current_user() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| "?".to_string())
}

fn host_name() -> String {
    ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .find_map(|p| std::fs::read_to_string(p).ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "?".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_sees_the_holder_and_release_frees_it() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let visit = dir.path().join("a.ron");
        std::fs::write(&visit, "x")?;
        let first = lock_visit(&visit)?;
        assert!(matches!(first, LockOutcome::Acquired(_)));
        match lock_visit(&visit)? {
            LockOutcome::HeldBy(Some(holder)) => assert_eq!(holder.pid, std::process::id()),
            other => panic!("expected the holder, got {other:?}"),
        }
        drop(first);
        assert!(matches!(lock_visit(&visit)?, LockOutcome::Acquired(_)));
        Ok(())
    }

    #[test]
    fn lock_file_is_hidden_beside_the_visit() {
        assert_eq!(lock_path(Path::new("/d/2022-04-05_x.ron")), PathBuf::from("/d/.2022-04-05_x.ron.lock"));
    }
}
