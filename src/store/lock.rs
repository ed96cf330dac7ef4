//! Who has a visit open. The lock is an OS lock on a hidden sidecar file (`.NAME.ron.lock`), so a
//! process that dies releases it by itself: there are no stale markers to clean. The data file is
//! never locked itself, since the atomic rename replaces its inode.
//!
//! The lock file sits in a folder others may write to (a shared, group-writable folder), so what
//! is found at its path is never trusted: a symbolic link is never followed, and nothing but a
//! plain regular file with no other name is ever written. Anything else there (a link, a folder,
//! a FIFO, a device, a hard link to another file) is reported, and the visit opens read-only.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::core::text::display_safe;
use crate::strings::{Lang, Msg};

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
    /// Something that is not a usable lock file sits at the lock path: nothing was opened through
    /// it or written to it. The visit must open read-only.
    Odd(OddLock),
}

/// What was found at a lock path instead of a plain lock file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OddLock {
    pub path: PathBuf,
    pub kind: OddKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OddKind {
    Link,
    Folder,
    /// A FIFO, a socket or a device.
    Special,
    /// A regular file that has other names too (a hard link to some other file).
    HardLink,
}

impl OddLock {
    /// What is there, in words.
    pub fn what(&self, lang: Lang) -> &'static str {
        match self.kind {
            OddKind::Link => Msg::OddLockLink.get(lang),
            OddKind::Folder => Msg::OddLockFolder.get(lang),
            OddKind::Special => Msg::OddLockSpecial.get(lang),
            OddKind::HardLink => Msg::OddLockHardLink.get(lang),
        }
    }

    /// Why the visit opened read-only, as the TUI says it.
    pub fn read_only_sentence(&self, lang: Lang) -> String {
        // The name alone: it sits beside the visit, and the status line is short.
        let name = self.path.file_name().unwrap_or(self.path.as_os_str());
        Msg::OddLock.fill(lang, &[&display_safe(&name.to_string_lossy(), false), &self.what(lang)])
    }
}

/// The sidecar lock file of a visit file.
pub fn lock_path(visit: &Path) -> PathBuf {
    let name = visit.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    visit.with_file_name(format!(".{name}.lock"))
}

/// What sits at the visit's lock path when it is not a usable lock file (nothing, or a plain
/// lock file, is fine). Only looks: never opens or follows anything.
pub fn odd_lock(visit: &Path) -> Option<OddLock> {
    let path = lock_path(visit);
    let meta = fs::symlink_metadata(&path).ok()?;
    odd_kind(&meta).map(|kind| OddLock { path, kind })
}

fn odd_kind(meta: &fs::Metadata) -> Option<OddKind> {
    let kind = meta.file_type();
    if kind.is_symlink() {
        Some(OddKind::Link)
    } else if kind.is_dir() {
        Some(OddKind::Folder)
    } else if !kind.is_file() {
        Some(OddKind::Special)
    } else if link_count(meta) > 1 {
        Some(OddKind::HardLink)
    } else {
        None
    }
}

#[cfg(unix)]
fn link_count(meta: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn link_count(_meta: &fs::Metadata) -> u64 {
    1
}

/// Try to take the lock of a visit file without waiting.
pub fn lock_visit(visit: &Path) -> io::Result<LockOutcome> {
    let path = lock_path(visit);
    if let Some(odd) = odd_lock(visit) {
        return Ok(LockOutcome::Odd(odd));
    }
    let mut file = match open_lock_file(&path) {
        Ok(file) => file,
        // A link planted between the look above and the open: O_NOFOLLOW refuses it.
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
            return Ok(LockOutcome::Odd(OddLock { path, kind: OddKind::Link }));
        }
        Err(e) if e.kind() == io::ErrorKind::IsADirectory => {
            return Ok(LockOutcome::Odd(OddLock { path, kind: OddKind::Folder }));
        }
        Err(e) => return Err(e),
    };
    // Checked again through the handle: whatever was swapped in after the look is what counts.
    if let Some(kind) = odd_kind(&file.metadata()?) {
        return Ok(LockOutcome::Odd(OddLock { path, kind }));
    }
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
        Err(fs::TryLockError::WouldBlock) => {
            let mut text = String::new();
            // A holder record is a line; never read more than a little of whatever is there.
            let _ = (&mut file).take(4096).read_to_string(&mut text);
            Ok(LockOutcome::HeldBy(ron::from_str(&text).ok()))
        }
        Err(fs::TryLockError::Error(e)) => Err(e),
    }
}

/// Open (or create) the lock file without following a link, without blocking on a FIFO, and
/// without truncating: it is only emptied once it is known to be a plain file we hold.
fn open_lock_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut options,
        libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC,
    );
    options.open(path)
}

/// The name of the user running khaosat: the password database's name for the real user id
/// (`USER` is unset under cron, in some SSH set-ups and in containers), else the environment's,
/// else `uid N`.
pub fn current_user() -> String {
    user_name(password_name(), |key| std::env::var(key).ok())
}

fn user_name(from_passwd: Option<String>, env: impl Fn(&str) -> Option<String>) -> String {
    from_passwd
        .filter(|n| !n.is_empty())
        .or_else(|| ["USER", "LOGNAME", "USERNAME"].iter().find_map(|k| env(k).filter(|v| !v.is_empty())))
        .unwrap_or_else(|| format!("uid {}", real_uid()))
}

#[cfg(unix)]
fn real_uid() -> u32 {
    // SAFETY: getuid cannot fail and touches no memory of ours.
    unsafe { libc::getuid() }
}

#[cfg(not(unix))]
fn real_uid() -> u32 {
    0
}

/// The login name of the real user id, from the password database (thread-safe `getpwuid_r`).
#[cfg(unix)]
fn password_name() -> Option<String> {
    let uid = real_uid();
    let mut buffer = vec![0 as libc::c_char; 4096];
    // SAFETY: zeroed is a valid (if meaningless) value of this plain C struct.
    let mut entry: libc::passwd = unsafe { std::mem::zeroed() };
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: every pointer is valid for the call, and `buffer.len()` is the buffer's true size.
    let status = unsafe { libc::getpwuid_r(uid, &mut entry, buffer.as_mut_ptr(), buffer.len(), &mut found as *mut _) };
    if status != 0 || found.is_null() || entry.pw_name.is_null() {
        return None;
    }
    // SAFETY: on success pw_name points to a NUL-terminated string inside `buffer`.
    let name = unsafe { std::ffi::CStr::from_ptr(entry.pw_name) };
    Some(name.to_string_lossy().into_owned())
}

#[cfg(not(unix))]
fn password_name() -> Option<String> {
    None
}

fn host_name() -> String {
    ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .find_map(|p| fs::read_to_string(p).ok())
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
        fs::write(&visit, "x")?;
        let first = lock_visit(&visit)?;
        assert!(matches!(first, LockOutcome::Acquired(_)));
        match lock_visit(&visit)? {
            LockOutcome::HeldBy(Some(holder)) => assert_eq!(holder.pid, std::process::id()),
            other => panic!("expected the holder, got {other:?}"),
        }
        drop(first);
        assert!(acquired_within(&visit, std::time::Duration::from_secs(5))?, "the released lock was never free again");
        Ok(())
    }

    /// Whether the lock can be taken within `limit`. Other tests of this binary spawn programs;
    /// a child forked while our lock file is open holds its own copy of the descriptor (and so
    /// the flock) until its `exec` closes it (O_CLOEXEC). That window is short but real on a
    /// slow machine, so a released lock is free "soon", not necessarily at once.
    fn acquired_within(visit: &Path, limit: std::time::Duration) -> io::Result<bool> {
        let start = std::time::Instant::now();
        loop {
            if matches!(lock_visit(visit)?, LockOutcome::Acquired(_)) {
                return Ok(true);
            }
            if start.elapsed() > limit {
                return Ok(false);
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }

    #[test]
    fn lock_file_is_hidden_beside_the_visit() {
        assert_eq!(lock_path(Path::new("/d/2022-04-05_x.ron")), PathBuf::from("/d/.2022-04-05_x.ron.lock"));
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_link_is_never_followed_or_written_through() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let visit = dir.path().join("v.ron");
        fs::write(&visit, "x")?;
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, "precious")?;
        std::os::unix::fs::symlink(&victim, lock_path(&visit))?;
        match lock_visit(&visit)? {
            LockOutcome::Odd(odd) => assert_eq!(odd, OddLock { path: lock_path(&visit), kind: OddKind::Link }),
            other => panic!("expected an odd lock, got {other:?}"),
        }
        assert_eq!(fs::read(&victim)?, b"precious");
        // A dangling link is not followed to create its target either.
        let nowhere = dir.path().join("created-through-link");
        fs::remove_file(lock_path(&visit))?;
        std::os::unix::fs::symlink(&nowhere, lock_path(&visit))?;
        assert!(matches!(lock_visit(&visit)?, LockOutcome::Odd(OddLock { kind: OddKind::Link, .. })));
        assert!(!nowhere.exists());
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_folder_or_hard_link_is_reported() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let visit = dir.path().join("v.ron");
        fs::create_dir(lock_path(&visit))?;
        assert!(matches!(lock_visit(&visit)?, LockOutcome::Odd(OddLock { kind: OddKind::Folder, .. })));
        assert_eq!(odd_lock(&visit).map(|o| o.kind), Some(OddKind::Folder));

        let other = dir.path().join("w.ron");
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, "precious")?;
        fs::hard_link(&victim, lock_path(&other))?;
        assert!(matches!(lock_visit(&other)?, LockOutcome::Odd(OddLock { kind: OddKind::HardLink, .. })));
        assert_eq!(fs::read(&victim)?, b"precious");
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_fifo_is_reported_without_blocking() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let visit = dir.path().join("v.ron");
        let fifo = std::ffi::CString::new(lock_path(&visit).into_os_string().into_encoded_bytes())?;
        // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
        let made = unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) } == 0;
        if crate::testing::require(made, "KHAOSAT_REQUIRE_FIFO", "mkfifo failed here") {
            assert!(matches!(lock_visit(&visit)?, LockOutcome::Odd(OddLock { kind: OddKind::Special, .. })));
        }
        Ok(())
    }

    #[test]
    fn no_lock_file_and_a_plain_one_are_not_odd() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let visit = dir.path().join("v.ron");
        assert_eq!(odd_lock(&visit), None);
        let held = lock_visit(&visit)?;
        assert!(matches!(held, LockOutcome::Acquired(_)));
        assert_eq!(odd_lock(&visit), None);
        Ok(())
    }

    #[test]
    fn the_user_comes_from_the_password_database_without_an_environment() {
        let nobody_in_env = |_: &str| None;
        let from_passwd = password_name();
        let name = user_name(from_passwd.clone(), nobody_in_env);
        assert_ne!(name, "?");
        assert!(!name.is_empty());
        if let Some(expected) = from_passwd {
            assert_eq!(name, expected);
        }
        // Where the database has no entry: the environment, then the number.
        assert_eq!(user_name(None, |k| (k == "LOGNAME").then(|| "lan".to_string())), "lan");
        assert_eq!(user_name(None, nobody_in_env), format!("uid {}", real_uid()));
    }

    #[cfg(unix)]
    #[test]
    fn the_password_database_names_the_user_id_like_id_does() {
        let output = std::process::Command::new("id").arg("-un").output().expect("id runs");
        assert!(output.status.success(), "id -un failed");
        let expected = String::from_utf8_lossy(&output.stdout).trim().to_string();
        assert_eq!(password_name().as_deref(), Some(expected.as_str()));
    }
}
