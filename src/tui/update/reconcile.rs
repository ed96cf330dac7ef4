//! The reconcile screen's keys (issue 16): from the home list, `r` on a visit whose meeting has a
//! second record opens both side by side; `1`/`2` (or `a`/`b`) keep a side on each difference,
//! Enter makes one visit once every difference is decided, Esc leaves without changing anything.

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;

use crate::core::reconcile::Side;
use crate::core::text::name_key;
use crate::strings::TeamMsg;
use crate::tui::keymap::{Action, Scope};
use crate::tui::state::home::HomeEntry;
use crate::tui::state::reconcile::ReconcileScreen;
use crate::tui::state::{App, Effect, Screen};

/// `r` on the home list: the selected visit and the other record of its meeting.
pub(super) fn start(app: &mut App) -> Vec<Effect> {
    let Some(entry) = app.home.entries.get(app.home.selected) else { return Vec::new() };
    match twins(&app.home.entries, entry).first() {
        Some(other) => vec![Effect::OpenPair { a: entry.path.clone(), b: other.clone() }],
        None => {
            app.flash = Some(TeamMsg::ReconcileNoTwin.get(app.lang).to_string());
            Vec::new()
        }
    }
}

/// The other visits on the list that record the same meeting as `entry` (same branch and
/// committee, as the summary compares names, on the same date).
pub fn twins(entries: &[HomeEntry], entry: &HomeEntry) -> Vec<PathBuf> {
    let key = |e: &HomeEntry| (name_key(&e.branch), name_key(&e.committee), e.date);
    let wanted = key(entry);
    entries.iter().filter(|e| e.path != entry.path && key(e) == wanted).map(|e| e.path.clone()).collect()
}

pub(super) fn opened(app: &mut App, result: Result<Box<ReconcileScreen>, String>) -> Vec<Effect> {
    match result {
        Ok(screen) => {
            app.flash = Some(match screen.undecided() {
                0 => TeamMsg::ReconcileNothingToDecide.get(app.lang).to_string(),
                n => TeamMsg::ReconcileToDecide.fill(app.lang, &[&n]),
            });
            app.reconcile = Some(*screen);
            app.screen = Screen::Reconcile;
        }
        Err(message) => app.flash = Some(message),
    }
    Vec::new()
}

pub(super) fn key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let action = app.keymap.action(Scope::Reconcile, &key);
    let lang = app.lang;
    let Some(screen) = app.reconcile.as_mut() else { return Vec::new() };
    let last = screen.rows.len().saturating_sub(1);
    match action {
        Some(Action::Up) => screen.selected = screen.selected.saturating_sub(1),
        Some(Action::Down) => screen.selected = (screen.selected + 1).min(last),
        Some(Action::PageUp) => screen.selected = screen.selected.saturating_sub(10),
        Some(Action::PageDown) => screen.selected = (screen.selected + 10).min(last),
        Some(Action::PickA) => pick(app, Side::A),
        Some(Action::PickB) => pick(app, Side::B),
        Some(Action::NextDifference) => match screen.next_undecided(screen.selected + 1) {
            Some(next) => screen.selected = next,
            None => app.flash = Some(TeamMsg::ReconcileAllDecided.get(lang).to_string()),
        },
        Some(Action::Confirm) => return write(app),
        Some(Action::Back | Action::Quit) => return leave(app),
        Some(Action::Help) => app.overlay = crate::tui::state::Overlay::Help,
        _ => {}
    }
    Vec::new()
}

/// Keep `side` on the selected difference, then go to the next one still open.
fn pick(app: &mut App, side: Side) {
    let lang = app.lang;
    let Some(screen) = app.reconcile.as_mut() else { return };
    let Some(row) = screen.rows.get(screen.selected) else { return };
    if !row.needs_pick() {
        app.flash = Some(TeamMsg::ReconcileNotADifference.get(lang).to_string());
        return;
    }
    screen.picks.insert(row.key().to_string(), side);
    if let Some(next) = screen.next_undecided(screen.selected) {
        screen.selected = next;
    }
}

fn write(app: &mut App) -> Vec<Effect> {
    let Some(screen) = app.reconcile.as_ref() else { return Vec::new() };
    let left = screen.undecided();
    if left > 0 {
        app.flash = Some(TeamMsg::ReconcileStillToDecide.fill(app.lang, &[&left]));
        return Vec::new();
    }
    vec![Effect::WritePair { picks: screen.picks(), by: app.saver.clone() }]
}

fn leave(app: &mut App) -> Vec<Effect> {
    app.reconcile = None;
    app.screen = Screen::Home;
    vec![Effect::ClosePair]
}

/// The reconciled visit was written: open it, and list the folder again (the two records leave
/// the list).
pub(super) fn written(app: &mut App, result: Result<PathBuf, String>) -> Vec<Effect> {
    match result {
        Ok(path) => {
            app.reconcile = None;
            app.screen = Screen::Home;
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let shown = crate::core::text::display_safe(&name, false);
            app.flash = Some(TeamMsg::Reconciled.fill(app.lang, &[&shown]));
            app.home.start_reload();
            vec![Effect::ScanHome, Effect::Open(path)]
        }
        Err(message) => {
            app.flash = Some(message);
            Vec::new()
        }
    }
}
