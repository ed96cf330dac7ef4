//! The interactive checklist. `state` is what it holds, `update` changes it (pure: a key or a
//! result from the disk in, effects out), `view` draws it. This module runs it: the terminal and
//! the main loop; `runtime` carries out the effects that touch the disk, `input` reads the
//! terminal and the signals on threads of their own, `saver` writes off the input path.

pub mod backend;
pub mod editor;
mod input;
pub mod keymap;
mod report_files;
pub mod rows;
pub(crate) mod runtime;
pub(crate) mod saver;
pub mod state;
mod team_effects;
pub mod terminal;
#[doc(hidden)]
pub mod testing;
pub mod update;
pub mod view;

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use ratatui::Terminal;

use crate::core::template::Template;
use crate::store;
use crate::strings::{Lang, Msg};
use backend::{LeanBackend, ScreenSize};
use keymap::KeyMap;
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

/// The state a session starts in, and its first effect (open the visit named, or read the
/// folder for the home list): the same for the full-screen checklist and the plain mode.
pub(crate) fn start_state(options: &Options) -> (App, Effect) {
    let mut app = App::new(options.lang, options.keymap.clone(), options.templates.clone(), options.inspector.clone());
    if app.saver.is_empty() {
        app.saver = store::lock::current_user();
    }
    app.flash = options.warning.clone();
    app.round = options.round.clone();
    // The folder compared last from this data folder, else a sibling folder of an earlier round.
    let remembered =
        store::state::default_path().and_then(|state| store::state::last_compared(&state, &options.data_dir));
    app.compare_guess = remembered.or_else(|| store::round::earlier_round_folder(&options.data_dir));
    let first = match &options.edit {
        Some(path) => {
            app.direct = true;
            app.home.loading = false;
            Effect::Open(path.clone())
        }
        None => Effect::ScanHome,
    };
    (app, first)
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
    input::spawn_signal_thread(tx.clone()).map_err(|e| e.to_string())?;
    let guard = terminal::TerminalGuard::enter().map_err(|e| e.to_string())?;
    // A frame is written in one go: the backend's many small writes land in this buffer.
    let backend = LeanBackend::new(io::BufWriter::with_capacity(1 << 14, io::stdout()), ScreenSize::Terminal);
    let mut term = Terminal::new(backend).map_err(|e| e.to_string())?;
    // The backend then knows the screen is blank, and can reuse what it shows.
    term.clear().map_err(|e| e.to_string())?;
    input::spawn_input_thread(tx.clone());

    let (mut app, first) = start_state(&options);
    let theme = Theme { colors: options.colors };
    let mut ctx = runtime::Runtime::new(options.data_dir, options.base_templates, tx);
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
                Err(mpsc::RecvTimeoutError::Timeout) if input::terminal_hung_up() => break Some(Event::HangUp),
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
