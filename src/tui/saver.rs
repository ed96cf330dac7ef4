//! Saving off the input path: the main loop hands over the text of a visit and goes on; this
//! thread writes it atomically (only the newest text per file, if several queue up) and reports.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::Duration;

use crate::store::save::write_atomic;
use crate::tui::app::Event;

enum Job {
    Write { path: PathBuf, text: String },
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

    pub fn save(&self, path: PathBuf, text: String) {
        let _ = self.jobs.send(Job::Write { path, text });
    }

    /// Wait until everything handed over so far is on disk (or `timeout` passes).
    pub fn finish(&self, timeout: Duration) {
        let (done_tx, done_rx) = mpsc::channel();
        if self.jobs.send(Job::Flush(done_tx)).is_ok() {
            let _ = done_rx.recv_timeout(timeout);
        }
    }
}

fn run(rx: Receiver<Job>, events: Sender<Event>) {
    while let Ok(first) = rx.recv() {
        let mut latest: BTreeMap<PathBuf, String> = BTreeMap::new();
        let mut flushes = Vec::new();
        for job in std::iter::once(first).chain(rx.try_iter()) {
            match job {
                Job::Write { path, text } => {
                    latest.insert(path, text);
                }
                Job::Flush(done) => flushes.push(done),
            }
        }
        for (path, text) in latest {
            let error = write_atomic(&path, text.as_bytes()).err().map(|e| e.to_string());
            let _ = events.send(Event::Saved { path, error });
        }
        for done in flushes {
            let _ = done.send(());
        }
    }
}
