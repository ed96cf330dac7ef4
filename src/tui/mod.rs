//! The interactive checklist. `app` holds the state and the pure update, `view` draws it,
//! and this module is the runtime: the terminal, the input and signal threads, the saver,
//! and the effects that touch the disk.

pub mod backend;
pub mod editor;
pub mod keymap;
pub mod rows;
mod saver;
pub mod state;
pub mod terminal;
pub mod update;
pub mod view;

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Sender};
use std::thread;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::crossterm::event::{self, Event as TermEvent};

use crate::core::template::Template;
use crate::core::visit::Visit;
use crate::store::read::{Piece, Report, VisitReader};
use crate::store::{self, load_visit};
use crate::strings::{Lang, Msg};
use backend::{LeanBackend, ScreenSize};
use keymap::KeyMap;
use state::home::HomeEntry;
use state::{App, Effect, Event};
use update::update;
use view::Theme;

/// How long the frame after an answer waits for the save to finish (see the main loop).
const SAVE_GRACE: Duration = Duration::from_millis(25);

/// What the TUI starts with.
pub struct Options {
    pub lang: Lang,
    pub keymap: KeyMap,
    pub colors: bool,
    /// The templates new and opened visits use: with the data folder's round's documents.
    pub templates: Vec<Template>,
    /// The templates as given (embedded and `--template`), for reading whole folders.
    pub base_templates: Vec<Template>,
    pub inspector: String,
    pub data_dir: PathBuf,
    /// `khaosat edit FILE`: open this visit directly.
    pub edit: Option<PathBuf>,
    /// Shown once at start (e.g. a config file that could not be read).
    pub warning: Option<String>,
    /// The round governing the data folder; `templates` already carry its documents.
    pub round: Option<crate::core::round::Round>,
}

/// Run the TUI until the user quits or the terminal goes away. Errors are sentences for the user.
pub fn run(options: Options) -> Result<(), String> {
    let lang = options.lang;
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(Msg::TuiNoTerminal.get(lang).to_string());
    }
    std::fs::create_dir_all(&options.data_dir)
        .map_err(|e| Msg::ErrDataDir.fill(lang, &[&options.data_dir.display(), &e]))?;
    store::save::clean_leftovers(&options.data_dir);

    let (tx, rx) = mpsc::channel::<Event>();
    spawn_signal_thread(tx.clone()).map_err(|e| e.to_string())?;
    let guard = terminal::TerminalGuard::enter().map_err(|e| e.to_string())?;
    // A frame is written in one go: the backend's many small writes land in this buffer.
    let backend = LeanBackend::new(io::BufWriter::with_capacity(1 << 14, io::stdout()), ScreenSize::Terminal);
    let mut term = Terminal::new(backend).map_err(|e| e.to_string())?;
    // The backend then knows the screen is blank, and can reuse what it shows.
    term.clear().map_err(|e| e.to_string())?;
    spawn_input_thread(tx.clone());
    let saver = saver::Saver::spawn(tx.clone());

    let mut app = App::new(lang, options.keymap, options.templates, options.inspector);
    app.flash = options.warning;
    app.round = options.round;
    app.compare_guess = store::round::earlier_round_folder(&options.data_dir);
    let theme = Theme { colors: options.colors };
    let first = match options.edit {
        Some(path) => {
            app.direct = true;
            app.home.loading = false;
            Effect::Open(path)
        }
        None => Effect::ScanHome,
    };
    let mut ctx = Runtime {
        data_dir: options.data_dir,
        base_templates: options.base_templates,
        tx,
        saver,
        hung_up: false,
        lock: None,
    };
    let mut pending = vec![first];
    // A save was handed to the saver since the last frame.
    let mut saving = false;
    loop {
        for effect in std::mem::take(&mut pending) {
            saving |= matches!(effect, Effect::Save { .. });
            ctx.perform(&mut app, effect, &mut pending);
        }
        if !pending.is_empty() {
            continue;
        }
        if app.quit {
            break;
        }
        // An event that came while waiting for a save, handled after this frame.
        let mut early = None;
        if std::mem::take(&mut saving) {
            // A save usually ends within a few milliseconds: wait that long for its result so
            // that the frame shows it, instead of drawing "saving" and then "saved" (two header
            // rewrites per answer). Typing is never held up: keys keep arriving on their own
            // thread, and one that comes meanwhile ends the wait.
            match rx.recv_timeout(SAVE_GRACE) {
                Ok(event @ (Event::Saved { .. } | Event::SaveFailed { .. } | Event::SaveConflict { .. })) => {
                    pending.extend(update(&mut app, event));
                    if !pending.is_empty() || app.quit {
                        continue;
                    }
                }
                Ok(other) => early = Some(other),
                Err(_) => {}
            }
        }
        if term.draw(|frame| view::draw(frame, &app, theme)).is_err() {
            // The terminal is gone (EIO): keep what was typed, then leave.
            ctx.hung_up = true;
            if let Some(event) = early.take() {
                pending.extend(update(&mut app, event));
            }
            pending.extend(update(&mut app, Event::HangUp));
            continue;
        }
        // Wait for something to happen; nothing is drawn while idle (not even an unchanged frame:
        // it would still write cursor sequences). Once a second the terminal is checked too, in
        // case the input thread could not report a hang-up.
        let first_event = loop {
            if let Some(event) = early.take() {
                break Some(event);
            }
            match rx.recv_timeout(Duration::from_secs(1)) {
                Ok(event) => break Some(event),
                Err(mpsc::RecvTimeoutError::Timeout) if terminal_hung_up() => break Some(Event::HangUp),
                Err(mpsc::RecvTimeoutError::Timeout) => continue,
                Err(mpsc::RecvTimeoutError::Disconnected) => break None,
            }
        };
        let Some(first_event) = first_event else { break };
        for event in std::iter::once(first_event).chain(rx.try_iter()) {
            if matches!(event, Event::HangUp) {
                ctx.hung_up = true;
            }
            pending.extend(update(&mut app, event));
        }
    }
    ctx.saver.finish(Duration::from_millis(1500));
    if ctx.hung_up {
        // Nobody is left to restore the terminal for; writing to it would only fail (ratatui's
        // drop even reports that on stderr, which is the dead terminal too).
        terminal::abandon();
        std::mem::forget(term);
        std::mem::forget(guard);
    } else {
        drop(term);
        drop(guard);
    }
    Ok(())
}

struct Runtime {
    data_dir: PathBuf,
    /// The templates as given, before any round's documents: reading a folder applies the round
    /// of each file's own folder to them.
    base_templates: Vec<Template>,
    tx: Sender<Event>,
    saver: saver::Saver,
    hung_up: bool,
    /// The lock of the open visit, held while it is open.
    lock: Option<store::lock::VisitLock>,
}

impl Runtime {
    /// Carry out one effect; results come back as events for `update`.
    fn perform(&mut self, app: &mut App, effect: Effect, pending: &mut Vec<Effect>) {
        let lang = app.lang;
        let event = match effect {
            Effect::Save { path, text } => {
                self.saver.save(path, text);
                return;
            }
            // `update` has set `app.quit` with it: the main loop ends after this round of effects.
            Effect::Quit => return,
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
                    let result = if old.is_dir() {
                        Ok(Box::new(crate::core::compare::compare(&side(&old), &side(&new))))
                    } else {
                        Err(Msg::CliNoFiles
                            .fill(lang, &[&crate::core::text::display_safe(&old.to_string_lossy(), false)]))
                    };
                    let _ = tx.send(Event::CompareReady(result));
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
                let path = self.data_dir.join(name);
                let result = store::save::write_atomic(&path, &bytes)
                    .map(|()| path.clone())
                    .map_err(|e| Msg::ErrWrite.fill(lang, &[&path.display(), &e]));
                Event::Exported(result)
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
    match holder {
        Some(h) => {
            let since = h.since.to_zoned_datetime(jiff::tz::TimeZone::system()).strftime("%H:%M %d/%m/%Y").to_string();
            crate::core::text::display_safe(&Msg::HolderText.fill(lang, &[&h.user, &h.host, &h.pid, &since]), false)
        }
        None => Msg::HolderUnknown.get(lang).to_string(),
    }
}

/// SIGHUP (the SSH link dropped) becomes a hang-up, SIGTERM a request to stop: both save and
/// leave; only after SIGTERM is the terminal still there to be restored. SIGWINCH is a resize
/// (the input thread only wakes for input, so it would not see one).
fn spawn_signal_thread(tx: Sender<Event>) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGTERM, SIGWINCH};
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGWINCH])?;
    thread::spawn(move || {
        for signal in signals.forever() {
            let event = match signal {
                SIGHUP => Event::HangUp,
                SIGWINCH => Event::Resize,
                _ => Event::Terminate,
            };
            if tx.send(event).is_err() {
                return;
            }
        }
    });
    Ok(())
}

/// Terminal input on its own thread, so the main loop never polls a dead terminal.
///
/// The thread sleeps in `poll(2)` on the terminal itself and hands over to crossterm only when
/// there is something to read. That way a hang-up is seen at once (POLLHUP, or an error) even
/// when no SIGHUP comes (a parent that ignores it, a terminal that is not the controlling one),
/// and crossterm's own loop is never left spinning on a closed terminal (its issue 793).
fn spawn_input_thread(tx: Sender<Event>) {
    thread::spawn(move || {
        loop {
            let readiness = wait_for_terminal();
            // Checked first: on a hung-up terminal crossterm would read end-of-file forever.
            if readiness.hung_up {
                let _ = tx.send(Event::HangUp);
                return;
            }
            if readiness.readable && !forward_pending_events(&tx) {
                return;
            }
        }
    });
}

/// True when the terminal has gone away (checked without waiting and without reading).
fn terminal_hung_up() -> bool {
    let mut pfd = libc::pollfd { fd: libc::STDIN_FILENO, events: libc::POLLIN, revents: 0 };
    // SAFETY: one valid pollfd, living for the duration of the call.
    let ready = unsafe { libc::poll(&mut pfd, 1, 0) };
    ready < 0 || pfd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

struct Readiness {
    readable: bool,
    hung_up: bool,
}

/// Block until the terminal (standard input) has input or has gone away.
fn wait_for_terminal() -> Readiness {
    let mut pfd = libc::pollfd { fd: libc::STDIN_FILENO, events: libc::POLLIN, revents: 0 };
    loop {
        // SAFETY: one valid pollfd, living for the duration of the call.
        let ready = unsafe { libc::poll(&mut pfd, 1, -1) };
        if ready < 0 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
            continue;
        }
        let gone = libc::POLLHUP | libc::POLLERR | libc::POLLNVAL;
        return Readiness { readable: pfd.revents & libc::POLLIN != 0, hung_up: ready < 0 || pfd.revents & gone != 0 };
    }
}

/// Hand every event crossterm can decode now to the main loop. False when the loop is gone or
/// the terminal failed.
fn forward_pending_events(tx: &Sender<Event>) -> bool {
    // Bounded, so a terminal that keeps reporting input it cannot deliver cannot keep us here.
    for _ in 0..4096 {
        match event::poll(Duration::ZERO) {
            Ok(true) => {}
            Ok(false) => return true,
            Err(_) => {
                let _ = tx.send(Event::HangUp);
                return false;
            }
        }
        let event = match event::read() {
            Ok(TermEvent::Key(key)) => Event::Key(key),
            Ok(TermEvent::Paste(text)) => Event::Paste(text),
            Ok(TermEvent::Resize(_, _)) => Event::Resize,
            Ok(_) => continue,
            Err(_) => {
                let _ = tx.send(Event::HangUp);
                return false;
            }
        };
        if tx.send(event).is_err() {
            return false;
        }
    }
    true
}

/// Read the data folder in the background and send the visits in batches as they are read (the
/// first batch is small), so the first frame never waits for a large folder.
fn spawn_home_loader(dir: PathBuf, templates: Vec<Template>, tx: Sender<Event>) {
    thread::spawn(move || {
        let mut reader = VisitReader::new(&[dir], &templates);
        let mut unreadable = 0;
        let mut listening = true;
        reader.fold(
            Vec::new,
            |entries: &mut Vec<HomeEntry>, path, visit, template| entries.push(home_entry(path, &visit, template)),
            |piece| match piece {
                Piece::Failed(_) => unreadable += 1,
                Piece::Read(entries) if listening => listening = tx.send(Event::HomeEntries(entries)).is_ok(),
                Piece::Read(_) | Piece::Progress(_) => {}
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
