//! The round-over-round screen's keys: per finding, the branches that fixed it, still have it, or newly
//! have it, comparing the data folder with an earlier round's folder.

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;

use crate::core::compare::Comparison;
use crate::tui::keymap::{Action, Scope};
use crate::tui::state::compare::CompareScreen;
use crate::tui::state::prompts::{Editor, Target};
use crate::tui::state::{App, Effect, Overlay, Screen};

/// Ask for the earlier round's folder, suggesting `guess`.
pub fn ask_folder(app: &mut App, guess: Option<PathBuf>) {
    let text = guess.map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
    app.overlay = Overlay::Editor(Editor::new(Target::CompareWith, &text, false));
}

/// Start comparing with the folder typed.
pub fn start(app: &mut App, folder: &str) -> Vec<Effect> {
    let old = PathBuf::from(folder.trim());
    app.overlay = Overlay::None;
    app.compare = CompareScreen { old: old.clone(), loading: true, ..CompareScreen::default() };
    app.screen = Screen::Compare;
    vec![Effect::Compare { old }]
}

pub fn ready(app: &mut App, result: Result<Box<Comparison>, String>) {
    app.compare.loading = false;
    match result {
        Ok(comparison) => app.compare.comparison = Some(comparison),
        Err(e) => {
            app.flash = Some(e);
            app.screen = Screen::Summary;
        }
    }
}

pub fn key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let count = app.compare.comparison.as_ref().map_or(0, |c| c.findings.len());
    let c = &mut app.compare;
    match app.keymap.action(Scope::Summary, &key) {
        Some(Action::Back) if c.detail => c.detail = false,
        Some(Action::Back) => app.screen = Screen::Summary,
        Some(Action::Help) => app.overlay = Overlay::Help,
        Some(Action::Up) if !c.detail => c.selected = c.selected.saturating_sub(1),
        Some(Action::Down) if !c.detail => c.selected = (c.selected + 1).min(count.saturating_sub(1)),
        Some(Action::PageUp) if !c.detail => c.selected = c.selected.saturating_sub(10),
        Some(Action::PageDown) if !c.detail => c.selected = (c.selected + 10).min(count.saturating_sub(1)),
        Some(Action::Open) if count > 0 => c.detail = true,
        _ => {}
    }
    Vec::new()
}
