//! Carrying out the effects `update` asks for: saving, opening (with the lock), reading folders
//! in the background for the home list, the summary and compare. Results come back as events.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::thread;

use crate::core::template::Template;
use crate::core::visit::Visit;
use crate::store::read::{Piece, Report, VisitReader};
use crate::store::{self, load_visit};
use crate::strings::{Lang, Msg};
use crate::tui::state::home::HomeEntry;
use crate::tui::state::{App, Effect, Event};
use crate::tui::update::update;
use crate::tui::{report_files, saver, team_effects};

pub(crate) struct Runtime {
    data_dir: PathBuf,
    /// The templates as given, before any round's documents: reading a folder applies the round
    /// of each file's own folder to them.
    base_templates: Vec<Template>,
    tx: Sender<Event>,
    pub(crate) saver: saver::Saver,
    /// The terminal is gone: nothing more is drawn, and it is not restored.
    pub(crate) hung_up: bool,
    /// The lock of the open visit, held while it is open.
    lock: Option<store::lock::VisitLock>,
    /// Two records being reconciled, locked while the inspector decides.
    pair: Option<store::reconcile::LockedPair>,
    /// The follow-up register's lock, held while its screen is open.
    followup_lock: Option<store::lock::VisitLock>,
}

impl Runtime {
    pub(crate) fn new(data_dir: PathBuf, base_templates: Vec<Template>, tx: Sender<Event>) -> Runtime {
        let saver = saver::Saver::spawn(tx.clone());
        Runtime { data_dir, base_templates, tx, saver, hung_up: false, lock: None, pair: None, followup_lock: None }
    }

    /// Carry out one effect; results come back as events for `update`.
    pub(crate) fn perform(&mut self, app: &mut App, effect: Effect, pending: &mut Vec<Effect>) {
        let lang = app.lang;
        let event = match effect {
            Effect::Save { path, text } => {
                self.saver.save(path, text);
                return;
            }
            // `update` has set `app.quit` with it: the main loop ends after this round of effects.
            Effect::Quit => return,
            Effect::OpenPair { a, b } => team_effects::open(&a, &b, &self.base_templates, &mut self.pair, lang),
            Effect::WritePair { picks, by } => team_effects::write_pair(&picks, &by, &mut self.pair, lang),
            Effect::OpenFollowup => {
                // Taken here, before the thread reads it: `followup set` may not write it meanwhile.
                match store::followup_next::lock_register_on_screen(&self.data_dir, lang) {
                    // None: no lock file can be made there; the view opens, and a save says why.
                    Ok(lock) => self.followup_lock = lock,
                    Err(message) => {
                        pending.extend(update(app, Event::FollowupOpened(Err(message))));
                        return;
                    }
                }
                let (dir, templates) = (self.data_dir.clone(), self.base_templates.clone());
                team_effects::spawn_open_followup(dir, templates, lang, self.tx.clone());
                return;
            }
            Effect::SaveFollowup { path, text } => Event::FollowupSaved(
                store::save::write_atomic(&path, text.as_bytes())
                    .map_err(|e| Msg::ErrWrite.fill(lang, &[&path.display(), &e])),
            ),
            Effect::CloseFollowup => {
                self.followup_lock = None;
                return;
            }
            Effect::ClosePair => {
                self.pair = None;
                return;
            }
            Effect::Sync => {
                team_effects::spawn_sync(self.data_dir.clone(), lang, self.tx.clone());
                return;
            }
            Effect::ScanHome => {
                spawn_home_loader(self.data_dir.clone(), self.base_templates.clone(), self.tx.clone());
                return;
            }
            Effect::FindPrevious { path, branch, committee, before } => {
                let templates = app.templates.clone();
                let tx = self.tx.clone();
                thread::spawn(move || {
                    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
                    let candidates: Vec<crate::core::visit::Visit> = store::round::previous_candidates(&dir, &branch)
                        .iter()
                        .filter(|p| **p != path)
                        .filter_map(|p| load_visit(p, &templates).ok())
                        .collect();
                    if let Some(found) = crate::core::round::previous_visit(&candidates, &branch, &committee, before) {
                        let _ = tx.send(Event::Previous { path, visit: Box::new(found.clone()) });
                    }
                });
                return;
            }
            Effect::Compare { old } => {
                let (templates, new, tx) = (self.base_templates.clone(), self.data_dir.clone(), self.tx.clone());
                thread::spawn(move || {
                    // Files that cannot be read are left out, as `khaosat compare` leaves them out.
                    let side = |dir: &Path| store::read::visit_outcomes(dir, &templates, lang, |_| {});
                    let folder = store::expand_home(&old.to_string_lossy());
                    let result = if folder.is_dir() {
                        // Offered again at the next start (see `store::state`: a failed write
                        // only loses that convenience).
                        // Kept whole, so that it means the same folder from any working folder.
                        if let Some(state) = store::state::default_path() {
                            let whole = std::fs::canonicalize(&folder).unwrap_or_else(|_| folder.clone());
                            let _ = store::state::remember_compared(&state, &new, &whole);
                        }
                        Ok(Box::new(crate::core::compare::compare(&side(&folder), &side(&new))))
                    } else {
                        Err(Msg::CliNoFiles
                            .fill(lang, &[&crate::core::text::display_safe(&old.to_string_lossy(), false)]))
                    };
                    let _ = tx.send(Event::CompareReady(result));
                });
                return;
            }
            Effect::ListFolders { typed } => {
                // Off the input path: a slow or hung mount must not freeze the screen.
                let tx = self.tx.clone();
                thread::spawn(move || {
                    let folders = store::folder_completions(&typed);
                    let _ = tx.send(Event::FolderListing { typed, folders });
                });
                return;
            }
            Effect::ComputeSummary { filters, generation } => {
                let job =
                    SummaryJob { dir: self.data_dir.clone(), templates: self.base_templates.clone(), lang, filters };
                spawn_summary(job, generation, self.tx.clone());
                return;
            }
            Effect::Export { name, bytes } => {
                // Under a new name when taken: an earlier report is never replaced.
                let result = store::save::write_new(&self.data_dir, &name, &bytes)
                    .map_err(|e| Msg::ErrWrite.fill(lang, &[&self.data_dir.join(&name).display(), &e]));
                Event::Exported(result)
            }
            Effect::WriteReport => {
                let (dir, templates, tx) = (self.data_dir.clone(), self.base_templates.clone(), self.tx.clone());
                let today = (app.clock)().to_zoned_datetime(jiff::tz::TimeZone::system()).date();
                thread::spawn(move || {
                    let _ = tx.send(Event::ReportWritten(report_files::write_report(&dir, &templates, lang, today)));
                });
                return;
            }
            Effect::LoadReportText => Event::ReportTextLoaded(report_files::load_report_text(&self.data_dir, lang)),
            Effect::SaveReportText { path, text, field } => {
                Event::ReportTextSaved { field, result: report_files::save(&path, &text, lang) }
            }
            Effect::Open(path) => return self.open(app, path, pending),
            Effect::Reload(path) => {
                let result = load_visit(&path, &app.templates).map_err(|e| e.display(lang));
                if let Ok(bytes) = std::fs::read(&path) {
                    self.saver.expect(path.clone(), bytes);
                }
                Event::Opened { path, result }
            }
            Effect::Close(_) => {
                self.lock = None;
                return;
            }
            Effect::ForceSave { path, text } => {
                self.saver.force_save(path, text);
                return;
            }
            Effect::SaveCopy { visit, beside } => {
                let dir = beside.parent().map(Path::to_path_buf).unwrap_or_else(|| self.data_dir.clone());
                match store::create_visit(&dir, &visit) {
                    Ok(copy) => {
                        pending.extend(update(app, Event::CopySaved(copy.clone())));
                        return self.open(app, copy, pending);
                    }
                    Err(e) => Event::Created(Err(Msg::ErrWrite.fill(lang, &[&dir.display(), &e]))),
                }
            }
            Effect::Restore { recovery } => {
                let result = load_visit(&recovery, &app.templates).map_err(|e| e.display(lang));
                if result.is_ok() {
                    let _ = std::fs::remove_file(&recovery);
                }
                Event::Restored(result)
            }
            Effect::DiscardRecovery(recovery) => {
                let mut old = recovery.clone().into_os_string();
                old.push(".old");
                let _ = std::fs::rename(&recovery, old);
                return;
            }
            Effect::Create(visit) => {
                let result = store::create_visit(&self.data_dir, &visit)
                    .map(|path| (path, *visit))
                    .map_err(|e| Msg::ErrWrite.fill(lang, &[&self.data_dir.display(), &e]));
                let read_only = match &result {
                    Ok((path, _)) => {
                        let why = self.take_lock(path, lang).map(|why| why.into_event(path.clone()));
                        if let Ok(bytes) = std::fs::read(path) {
                            self.saver.expect(path.clone(), bytes);
                        }
                        why
                    }
                    Err(_) => None,
                };
                pending.extend(update(app, Event::Created(result)));
                pending.extend(read_only.into_iter().flat_map(|event| update(app, event)));
                return;
            }
        };
        pending.extend(update(app, event));
    }

    /// Open a visit: read it, take its lock (or note why it cannot be written), read it again
    /// under the lock, and offer any recovery file. A file that cannot be read gets no lock file.
    fn open(&mut self, app: &mut App, path: PathBuf, pending: &mut Vec<Effect>) {
        let lang = app.lang;
        if let Err(e) = load_visit(&path, &app.templates) {
            pending.extend(update(app, Event::Opened { path, result: Err(e.display(lang)) }));
            return;
        }
        let read_only = self.take_lock(&path, lang);
        // Read under the lock: another session may have saved it in between.
        let result = load_visit(&path, &app.templates).map_err(|e| e.display(lang));
        if let Ok(bytes) = std::fs::read(&path) {
            self.saver.expect(path.clone(), bytes);
        }
        let opened = result.is_ok();
        pending.extend(update(app, Event::Opened { path: path.clone(), result }));
        if !opened {
            self.lock = None;
            return;
        }
        if let Some(event) = read_only.map(|why| why.into_event(path.clone())) {
            pending.extend(update(app, event));
            return;
        }
        if let Some(recovery) = saver::recovery_paths(&path).into_iter().find(|p| p.is_file()) {
            pending.extend(update(app, Event::Recoverable { path, recovery }));
        }
    }

    /// Take the visit's lock. Returns why the visit must open read-only when it cannot be taken.
    fn take_lock(&mut self, path: &Path, lang: Lang) -> Option<ReadOnlyBecause> {
        self.lock = None;
        match store::lock::lock_visit(path) {
            Ok(store::lock::LockOutcome::Acquired(lock)) => {
                self.lock = Some(lock);
                None
            }
            Ok(store::lock::LockOutcome::HeldBy(holder)) => {
                Some(ReadOnlyBecause::Held(holder_text(holder.as_ref(), lang)))
            }
            Ok(store::lock::LockOutcome::Odd(odd)) => Some(ReadOnlyBecause::Odd(odd)),
            // A folder where no lock file can be made (read-only) still opens; the save will say why.
            Err(_) => None,
        }
    }
}

/// Why an opened visit may not be written.
enum ReadOnlyBecause {
    /// Another session holds it (who, in words).
    Held(String),
    Odd(store::lock::OddLock),
}

impl ReadOnlyBecause {
    fn into_event(self, path: PathBuf) -> Event {
        match self {
            ReadOnlyBecause::Held(holder) => Event::ReadOnly { path, holder },
            ReadOnlyBecause::Odd(odd) => Event::OddLock { path, odd },
        }
    }
}

fn holder_text(holder: Option<&store::lock::Holder>, lang: Lang) -> String {
    store::followup_next::holder_text(holder, lang)
}

/// Read the data folder in the background and send the visits in batches as they are read (the
/// first batch is small), so the first frame never waits for a large folder.
fn spawn_home_loader(dir: PathBuf, templates: Vec<Template>, tx: Sender<Event>) {
    thread::spawn(move || {
        let mut reader = VisitReader::new(&[dir], &templates);
        let _ = tx.send(Event::HomeFound { files: reader.file_count() });
        let mut unreadable = 0;
        // The runs of a chunk go to the list together: each batch costs the list a pass.
        let mut batch = Vec::new();
        let mut listening = true;
        reader.fold(
            Vec::new,
            |entries: &mut Vec<HomeEntry>, path, visit, template| entries.push(home_entry(path, &visit, template)),
            |piece| match piece {
                Piece::Failed(_) => unreadable += 1,
                Piece::Read(entries) => batch.extend(entries),
                Piece::Progress(_) if listening => {
                    listening = tx.send(Event::HomeEntries(std::mem::take(&mut batch))).is_ok();
                }
                Piece::Progress(_) => {}
            },
        );
        let _ = tx.send(Event::HomeDone { unreadable });
    });
}

struct SummaryJob {
    dir: PathBuf,
    templates: Vec<Template>,
    lang: Lang,
    filters: crate::core::summary::Filters,
}

/// Merge the data folder in the background, reporting progress, for the summary screen: the same
/// pipeline as `khaosat summary`, so `m` writes the same report.
fn spawn_summary(job: SummaryJob, generation: u64, tx: Sender<Event>) {
    thread::spawn(move || {
        let mut reader = VisitReader::new(std::slice::from_ref(&job.dir), &job.templates);
        let builder = crate::core::summary::SummaryBuilder::new(job.lang, job.filters);
        let merged = store::read::summarize(&mut reader, builder, job.lang, |report| {
            if let Report::Progress { done, total } = report {
                let _ = tx.send(Event::SummaryProgress { generation, done, total });
            }
        });
        let _ = tx.send(Event::SummaryReady { generation, summary: Box::new(merged.summary) });
    });
}

/// A visit as the home list shows it.
fn home_entry(path: &Path, visit: &Visit, template: &Template) -> HomeEntry {
    let mut entry = HomeEntry::from_visit(path.to_path_buf(), visit, template);
    entry.odd_lock = store::lock::odd_lock(path).is_some();
    entry
}
