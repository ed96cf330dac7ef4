//! Atomic writes: a temporary file in the same folder, fsync, rename over the target, fsync the folder.
//! A reader (or a crash, or a pulled plug) sees either the old file or the new one, never half of one.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Prefix of temporary files, so leftovers from a killed process can be recognised and removed.
pub const TEMP_PREFIX: &str = ".khaosat-tmp-";

/// Write `bytes` to `path` atomically, keeping the existing file's permissions and group
/// (a new file gets the umask's permissions and the folder's group, as fits a shared folder).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = parent_dir(path);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut temp = tempfile::Builder::new().prefix(&format!("{TEMP_PREFIX}{name}-")).tempfile_in(&dir)?;
    temp.write_all(bytes)?;
    match fs::metadata(path) {
        Ok(existing) => {
            temp.as_file().set_permissions(existing.permissions())?;
            keep_group(temp.as_file(), &existing);
        }
        Err(_) => {
            set_new_file_permissions(temp.as_file())?;
            if let Ok(folder) = fs::metadata(&dir) {
                keep_group(temp.as_file(), &folder);
            }
        }
    }
    sync_file(temp.as_file(), temp.path())?;
    let temp_path = temp.path().to_path_buf();
    temp.persist(path).map_err(|e| e.error)?;
    record(Step::Rename { from: temp_path, to: path.to_path_buf() });
    sync_dir(&dir)
}

/// Write an output the user named (`-o PATH`): atomically when PATH is or will be a plain file,
/// but straight into it when something else is there — `/dev/null`, a FIFO, a terminal. Renaming
/// a temporary file over those would replace the device itself with a plain file (it happened:
/// `summary -o /dev/null` turned this machine's `/dev/null` into a file).
pub fn write_output(path: &Path, bytes: &[u8]) -> io::Result<()> {
    match fs::metadata(path) {
        Ok(meta) if !meta.is_file() && !meta.is_dir() => {
            let mut target = OpenOptions::new().write(true).open(path)?;
            target.write_all(bytes)?;
            target.flush()
        }
        _ => write_atomic(path, bytes),
    }
}

/// Write `bytes` to a new file named `name` in `dir`, or `stem-2.ext`, `stem-3.ext` … when that
/// name is taken (for reports: an earlier one, perhaps annotated or sent since, is never
/// replaced). The file appears whole or not at all. Returns the path written.
pub fn write_new(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, format!(".{ext}")),
        _ => (name, String::new()),
    };
    let mut temp = tempfile::Builder::new().prefix(&format!("{TEMP_PREFIX}{stem}-")).tempfile_in(dir)?;
    temp.write_all(bytes)?;
    set_new_file_permissions(temp.as_file())?;
    if let Ok(folder) = fs::metadata(dir) {
        keep_group(temp.as_file(), &folder);
    }
    sync_file(temp.as_file(), temp.path())?;
    for n in 1..10_000 {
        let path = if n == 1 { dir.join(name) } else { dir.join(format!("{stem}-{n}{ext}")) };
        // Renamed only when nothing has that name (renameat2 NOREPLACE, else a hard link).
        match temp.persist_noclobber(&path) {
            Ok(_) => {
                sync_dir(dir)?;
                return Ok(path);
            }
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => temp = e.file,
            Err(e) => return Err(e.error),
        }
    }
    Err(io::Error::new(io::ErrorKind::AlreadyExists, "no free file name"))
}

/// Create `path` with `bytes` only if nothing is there yet (for new visits: never clobber a file).
pub fn create_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
    if let Ok(folder) = fs::metadata(parent_dir(path)) {
        keep_group(&file, &folder);
    }
    file.write_all(bytes)?;
    sync_file(&file, path)?;
    sync_dir(&parent_dir(path))
}

/// One step of a durable write, in the order taken. Tests read them back ([`take_steps`]): a
/// write whose file is not synced before its rename, or whose folder is not synced after it,
/// must fail a test, and an fsync leaves no other trace to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    SyncFile(PathBuf),
    Rename { from: PathBuf, to: PathBuf },
    SyncDir(PathBuf),
}

#[cfg(test)]
thread_local! {
    static STEPS: std::cell::RefCell<Vec<Step>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn record(step: Step) {
    #[cfg(test)]
    STEPS.with(|steps| steps.borrow_mut().push(step));
    #[cfg(not(test))]
    let _ = step;
}

/// The steps this thread's writes took since the last call.
#[cfg(test)]
pub fn take_steps() -> Vec<Step> {
    STEPS.with(|steps| std::mem::take(&mut *steps.borrow_mut()))
}

/// Flush the file's data and metadata to the disk, before it is renamed into place.
fn sync_file(file: &File, path: &Path) -> io::Result<()> {
    file.sync_all()?;
    record(Step::SyncFile(path.to_path_buf()));
    Ok(())
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Give `file` the group of `like`, when the user may (a member of that group); otherwise the
/// file keeps the user's group, which is no worse than any other tool writing there.
#[cfg(unix)]
fn keep_group(file: &File, like: &fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    let _ = std::os::unix::fs::fchown(file, None, Some(like.gid()));
}

#[cfg(not(unix))]
fn keep_group(_file: &File, _like: &fs::Metadata) {}

/// New files follow the umask like any file the user creates (tempfile makes them 0600).
#[cfg(unix)]
fn set_new_file_permissions(file: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mask = current_umask();
    file.set_permissions(fs::Permissions::from_mode(0o666 & !mask))
}

#[cfg(not(unix))]
fn set_new_file_permissions(_file: &File) -> io::Result<()> {
    Ok(())
}

/// The process umask, read from /proc so that it is not changed even for an instant.
#[cfg(unix)]
fn current_umask() -> u32 {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| l.strip_prefix("Umask:")).and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
        })
        .unwrap_or(0o022)
}

/// Flush the folder, so that the rename (or the new name) itself survives a crash.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()?;
    record(Step::SyncDir(dir.to_path_buf()));
    Ok(())
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// Remove temporary files left by a process killed mid-save. Returns how many were removed.
pub fn clean_leftovers(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(TEMP_PREFIX))
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_never_replaces_an_earlier_one() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let first = write_new(dir.path(), "tong-hop-2022-04-15-tat-ca.md", b"one")?;
        let second = write_new(dir.path(), "tong-hop-2022-04-15-tat-ca.md", b"two")?;
        let third = write_new(dir.path(), "tong-hop-2022-04-15-tat-ca.md", b"three")?;
        let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        assert_eq!(
            [name(&first), name(&second), name(&third)],
            ["tong-hop-2022-04-15-tat-ca.md", "tong-hop-2022-04-15-tat-ca-2.md", "tong-hop-2022-04-15-tat-ca-3.md"]
        );
        assert_eq!(fs::read(&first)?, b"one");
        assert_eq!(fs::read(&third)?, b"three");
        assert_eq!(fs::read_dir(dir.path())?.count(), 3, "no temporary file is left");
        Ok(())
    }

    #[test]
    fn replaces_content_and_keeps_permissions() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("a.ron");
        write_atomic(&path, b"one")?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640))?;
            write_atomic(&path, b"two")?;
            assert_eq!(fs::metadata(&path)?.permissions().mode() & 0o777, 0o640);
        }
        assert_eq!(fs::read(&path)?, b"two");
        let leftovers: Vec<_> = fs::read_dir(dir.path())?.flatten().map(|e| e.file_name()).collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn new_files_take_the_folder_group_and_saves_keep_the_file_group() -> io::Result<()> {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir()?;
        // Only a privileged user can give the folder a group it is not in.
        let regrouped = std::os::unix::fs::chown(dir.path(), None, Some(4242)).is_ok();
        if !crate::testing::require(
            regrouped,
            "KHAOSAT_REQUIRE_ROOT",
            "cannot give a folder another group (needs root)",
        ) {
            return Ok(());
        }
        let path = dir.path().join("a.ron");
        write_atomic(&path, b"one")?;
        assert_eq!(fs::metadata(&path)?.gid(), 4242);
        std::os::unix::fs::chown(&path, None, Some(4343))?;
        write_atomic(&path, b"two")?;
        assert_eq!(fs::metadata(&path)?.gid(), 4343);
        let created = dir.path().join("b.ron");
        create_new(&created, b"x")?;
        assert_eq!(fs::metadata(&created)?.gid(), 4242);
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_synced_before_the_rename_and_the_folder_after() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("a.ron");
        take_steps();
        write_atomic(&path, b"one")?;
        let steps = take_steps();
        let [Step::SyncFile(synced), Step::Rename { from, to }, Step::SyncDir(folder)] = steps.as_slice() else {
            panic!("expected sync file, rename, sync folder; got {steps:?}");
        };
        assert_eq!(synced, from, "the file synced is the one renamed");
        assert!(from.file_name().is_some_and(|n| n.to_string_lossy().starts_with(TEMP_PREFIX)), "{from:?}");
        assert_eq!(to, &path);
        assert_eq!(folder, dir.path());

        let created = dir.path().join("b.ron");
        create_new(&created, b"x")?;
        assert_eq!(take_steps(), vec![Step::SyncFile(created), Step::SyncDir(dir.path().to_path_buf())]);
        Ok(())
    }

    #[test]
    fn create_new_never_clobbers() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("a.ron");
        create_new(&path, b"first")?;
        assert!(create_new(&path, b"second").is_err());
        assert_eq!(fs::read(&path)?, b"first");
        Ok(())
    }

    #[test]
    fn leftovers_are_cleaned() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        fs::write(dir.path().join(format!("{TEMP_PREFIX}x.ron-abc")), b"half")?;
        fs::write(dir.path().join("keep.ron"), b"whole")?;
        assert_eq!(clean_leftovers(dir.path()), 1);
        assert!(dir.path().join("keep.ron").exists());
        Ok(())
    }

    /// A FIFO stands for any special file (`/dev/null`, a terminal): written into, never replaced.
    #[cfg(unix)]
    #[test]
    fn an_output_onto_a_special_file_writes_into_it_and_leaves_it_there() -> io::Result<()> {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir()?;
        let fifo = dir.path().join("out.fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
        if !crate::testing::require(made, "KHAOSAT_REQUIRE_FIFO", "mkfifo is not available") {
            return Ok(());
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(&fifo))
        };
        write_output(&fifo, b"summary")?;
        assert_eq!(reader.join().map_err(|_| io::Error::other("reader"))??, b"summary");
        assert!(fs::symlink_metadata(&fifo)?.file_type().is_fifo(), "the FIFO is still a FIFO");

        let plain = dir.path().join("out.md");
        write_output(&plain, b"one")?;
        write_output(&plain, b"two")?;
        assert_eq!(fs::read(&plain)?, b"two");
        Ok(())
    }
}
