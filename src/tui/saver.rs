//! Saving off the input path: the main loop hands over the text of a visit and goes on; this
//! thread writes it atomically (only the newest text per file, if several queue up) and reports.
//!
//! Before each write it checks that the file on disk is still the one it last read or wrote: a
//! file changed by someone else (a text editor, `git pull`) is never overwritten silently. When a
//! write fails (read-only folder, full disk), the text goes to a `NAME.ron.save` recovery file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::Duration;

use crate::store::save::write_atomic;
use crate::tui::state::Event;

enum Job {
    /// The content the file has now (just loaded): the reference for the next write.
    Expect {
        path: PathBuf,
        bytes: Vec<u8>,
    },
    Write {
        path: PathBuf,
        text: String,
        force: bool,
    },
    Flush(Sender<()>),
}

pub struct Saver {
    jobs: Sender<Job>,
}

impl Saver {
    pub fn spawn(events: Sender<Event>) -> Saver {
        let (jobs, rx) = mpsc::channel();
        thread::spawn(move || run(rx, events));
        Saver { jobs }
    }

    pub fn expect(&self, path: PathBuf, bytes: Vec<u8>) {
        let _ = self.jobs.send(Job::Expect { path, bytes });
    }

    pub fn save(&self, path: PathBuf, text: String) {
        let _ = self.jobs.send(Job::Write { path, text, force: false });
    }

    /// Write even though the file changed on disk (the user chose "keep mine").
    pub fn force_save(&self, path: PathBuf, text: String) {
        let _ = self.jobs.send(Job::Write { path, text, force: true });
    }

    /// Wait until everything handed over so far is on disk (or `timeout` passes).
    pub fn finish(&self, timeout: Duration) {
        let (done_tx, done_rx) = mpsc::channel();
        if self.jobs.send(Job::Flush(done_tx)).is_ok() {
            let _ = done_rx.recv_timeout(timeout);
        }
    }
}

/// Where unsaved text goes when the visit file cannot be written: beside it, else in the
/// system's temporary folder.
pub fn recovery_paths(path: &Path) -> [PathBuf; 2] {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    [
        path.with_file_name(format!("{name}.save")),
        std::env::temp_dir().join("khaosat-recovery").join(format!("{name}.save")),
    ]
}

fn write_recovery(path: &Path, text: &str) -> Option<PathBuf> {
    recovery_paths(path).into_iter().find(|candidate| {
        candidate.parent().is_some_and(|dir| std::fs::create_dir_all(dir).is_ok())
            && write_atomic(candidate, text.as_bytes()).is_ok()
    })
}

fn run(rx: Receiver<Job>, events: Sender<Event>) {
    let mut expected: BTreeMap<PathBuf, Vec<u8>> = BTreeMap::new();
    while let Ok(first) = rx.recv() {
        let mut latest: BTreeMap<PathBuf, (String, bool)> = BTreeMap::new();
        let mut flushes = Vec::new();
        for job in std::iter::once(first).chain(rx.try_iter()) {
            match job {
                Job::Expect { path, bytes } => {
                    latest.remove(&path);
                    expected.insert(path, bytes);
                }
                Job::Write { path, text, force } => {
                    let force = force || latest.get(&path).is_some_and(|(_, f)| *f);
                    latest.insert(path, (text, force));
                }
                Job::Flush(done) => flushes.push(done),
            }
        }
        for (path, (text, force)) in latest {
            let changed_on_disk =
                expected.get(&path).is_some_and(|bytes| std::fs::read(&path).map(|now| now != *bytes).unwrap_or(false));
            if changed_on_disk && !force {
                let _ = events.send(Event::SaveConflict { path });
                continue;
            }
            let event = match write_atomic(&path, text.as_bytes()) {
                Ok(()) => {
                    expected.insert(path.clone(), text.into_bytes());
                    Event::Saved { path, error: None }
                }
                Err(e) => {
                    let recovery = write_recovery(&path, &text);
                    Event::SaveFailed { path, error: e.to_string(), recovery }
                }
            };
            let _ = events.send(event);
        }
        for done in flushes {
            let _ = done.send(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn next_event(rx: &Receiver<Event>) -> Event {
        rx.recv_timeout(Duration::from_secs(5)).expect("an event from the saver")
    }

    #[test]
    fn a_failed_write_goes_to_a_recovery_file() {
        let (tx, rx) = mpsc::channel();
        let saver = Saver::spawn(tx);
        let dir = tempfile::tempdir().expect("tempdir");
        // A path under a regular file can never be written, even by root.
        let blocker = dir.path().join("not-a-folder");
        std::fs::write(&blocker, "x").expect("write");
        let path = blocker.join(format!("visit-{}.ron", std::process::id()));
        saver.save(path.clone(), "(answers: {})".into());
        match next_event(&rx) {
            Event::SaveFailed { path: failed, recovery: Some(recovery), .. } => {
                assert_eq!(failed, path);
                assert_eq!(std::fs::read_to_string(&recovery).expect("recovery readable"), "(answers: {})");
                let _ = std::fs::remove_file(recovery);
            }
            other => panic!("expected a failed save with a recovery file, got {other:?}"),
        }
    }

    #[test]
    fn a_file_changed_on_disk_is_not_overwritten_until_forced() {
        let (tx, rx) = mpsc::channel();
        let saver = Saver::spawn(tx);
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.ron");
        std::fs::write(&path, "loaded").expect("write");
        saver.expect(path.clone(), b"loaded".to_vec());
        saver.save(path.clone(), "mine 1".into());
        assert!(matches!(next_event(&rx), Event::Saved { error: None, .. }));
        std::fs::write(&path, "theirs").expect("write");
        saver.save(path.clone(), "mine 2".into());
        assert!(matches!(next_event(&rx), Event::SaveConflict { .. }));
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "theirs");
        saver.force_save(path.clone(), "mine 2".into());
        assert!(matches!(next_event(&rx), Event::Saved { error: None, .. }));
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "mine 2");
    }
}
