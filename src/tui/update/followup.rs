//! The follow-up screen's keys (issue 17): `f` on the home list opens the round's register (made
//! from the round's findings the first time); Enter changes an action's status, `e` writes what
//! the branch reported back, Tab lists by finding or by branch. Every change is saved at once.

use ratatui::crossterm::event::KeyEvent;

use ratatui::crossterm::event::KeyCode;

use crate::core::followup::{Edit, Status};
use crate::store::followup::register_to_ron;
use crate::strings::{FollowupNextMsg, TeamMsg};
use crate::tui::keymap::{Action, Scope};
use crate::tui::state::followup::FollowupScreen;
use crate::tui::state::prompts::{Editor, Picker, Target};
use crate::tui::state::{App, Effect, Overlay, Screen};

pub(super) fn opened(app: &mut App, result: Result<(Box<FollowupScreen>, Option<usize>), String>) -> Vec<Effect> {
    match result {
        Ok((screen, created)) => {
            let lang = app.lang;
            app.flash = Some(match created {
                Some(n) => TeamMsg::FollowupCreated.fill(lang, &[&n]),
                None if screen.register.actions.is_empty() => TeamMsg::FollowupEmpty.get(lang).to_string(),
                None => TeamMsg::FollowupOverdue.fill(lang, &[&screen.register.actions.len(), &screen.overdue()]),
            });
            app.followup = Some(*screen);
            app.screen = Screen::Followup;
        }
        Err(message) => {
            app.flash = Some(message);
            return vec![Effect::CloseFollowup];
        }
    }
    Vec::new()
}

pub(super) fn key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if app.followup.as_ref().is_some_and(|s| s.confirm_all) {
        return confirm_all(app, key);
    }
    let action = app.keymap.action(Scope::Followup, &key);
    let Some(screen) = app.followup.as_mut() else { return Vec::new() };
    let last = screen.register.actions.len().saturating_sub(1);
    match action {
        Some(Action::Up) => screen.selected = screen.selected.saturating_sub(1),
        Some(Action::Down) => screen.selected = (screen.selected + 1).min(last),
        Some(Action::PageUp) => screen.selected = screen.selected.saturating_sub(10),
        Some(Action::PageDown) => screen.selected = (screen.selected + 10).min(last),
        Some(Action::SwitchList) => {
            // The same action stays selected in the other order.
            let id = screen.current().map(|a| a.id);
            screen.by_finding = !screen.by_finding;
            screen.selected = id.and_then(|id| screen.order().iter().position(|&i| i == id)).unwrap_or(0);
        }
        Some(Action::Open) => ask_status(app),
        Some(Action::EditNote) => ask_report_back(app),
        Some(Action::ApplySuggestion) => return apply_selected(app),
        Some(Action::ApplyAllSuggestions) => ask_apply_all(app),
        Some(Action::Help) => app.overlay = Overlay::Help,
        Some(Action::Back | Action::Quit) => {
            app.followup = None;
            app.screen = Screen::Home;
            return vec![Effect::CloseFollowup];
        }
        _ => {}
    }
    Vec::new()
}

fn ask_status(app: &mut App) {
    let lang = app.lang;
    let Some(action) = app.followup.as_ref().and_then(|s| s.current()) else { return };
    let options = Status::ALL.iter().map(|s| (s.id().to_string(), s.label(lang).to_string())).collect();
    app.overlay =
        Overlay::Picker(Picker::single(Target::FollowupStatus(action.id), options, action.status.id().to_string()));
}

fn ask_report_back(app: &mut App) {
    let Some(action) = app.followup.as_ref().and_then(|s| s.current()) else { return };
    app.overlay = Overlay::Editor(Editor::new(Target::FollowupReportBack(action.id), &action.report_back, true));
}

/// A status picked: set it; the branch's report counts as made today when none was dated.
pub(super) fn pick_status(app: &mut App, id: u32, picked: &str) -> Vec<Effect> {
    let Some(status) = Status::parse(picked) else { return Vec::new() };
    let today = app.followup.as_ref().map(|s| s.today);
    let undated = app.followup.as_ref().and_then(|s| s.register.get(id)).is_some_and(|a| a.reported_on.is_none());
    let reported_on = (status == Status::ReportedFixed && undated).then_some(today).flatten();
    let edit = Edit { status: Some(status), reported_on, ..Edit::default() };
    let effects = change(app, id, &edit);
    app.flash = Some(TeamMsg::FollowupStatusSet.fill(app.lang, &[&status.label(app.lang)]));
    effects
}

/// The branch's report-back text confirmed.
pub(super) fn set_report_back(app: &mut App, id: u32, text: &str) -> Result<Vec<Effect>, String> {
    let edit = Edit { report_back: Some(text.to_string()), ..Edit::default() };
    Ok(change(app, id, &edit))
}

/// Apply `edit` to action `id` and save the register at once.
fn change(app: &mut App, id: u32, edit: &Edit) -> Vec<Effect> {
    let Some(screen) = app.followup.as_mut() else { return Vec::new() };
    if !screen.register.apply(id, edit) {
        return Vec::new();
    }
    vec![Effect::SaveFollowup { path: screen.path.clone(), text: register_to_ron(&screen.register) }]
}

pub(super) fn saved(app: &mut App, result: Result<(), String>) -> Vec<Effect> {
    if let Err(message) = result {
        app.flash = Some(message);
    }
    Vec::new()
}

/// `a`: record the next round's suggestion for the selected action (now passes → checked,
/// passed; fails again → checked again, not passed), saved at once.
fn apply_selected(app: &mut App) -> Vec<Effect> {
    let lang = app.lang;
    let Some(screen) = app.followup.as_ref() else { return Vec::new() };
    let Some(id) = screen.current().map(|a| a.id) else { return Vec::new() };
    let Some(verdict) = screen.verdict(id) else {
        app.flash = Some(FollowupNextMsg::NothingToApply.get(lang).to_string());
        return Vec::new();
    };
    let status = verdict.suggested();
    let effects = change(app, id, &Edit { status: Some(status), ..Edit::default() });
    app.flash = Some(FollowupNextMsg::Applied.fill(lang, &[&id, &status.label(lang)]));
    effects
}

/// `A`: ask before recording every suggestion at once.
fn ask_apply_all(app: &mut App) {
    let lang = app.lang;
    let Some(screen) = app.followup.as_mut() else { return };
    let offered = screen.rechecks().len();
    if offered == 0 {
        app.flash = Some(FollowupNextMsg::NoneToApply.get(lang).to_string());
        return;
    }
    screen.confirm_all = true;
    app.flash = Some(FollowupNextMsg::ConfirmAll.fill(lang, &[&offered]));
}

/// The answer to "record all?": `y` records them and saves once; any other key cancels.
fn confirm_all(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let lang = app.lang;
    let Some(screen) = app.followup.as_mut() else { return Vec::new() };
    screen.confirm_all = false;
    if !matches!(key.code, KeyCode::Char('y' | 'Y')) {
        app.flash = Some(FollowupNextMsg::ApplyCancelled.get(lang).to_string());
        return Vec::new();
    }
    let rechecks = screen.rechecks();
    for r in &rechecks {
        screen.register.apply(r.action, &Edit { status: Some(r.verdict.suggested()), ..Edit::default() });
    }
    app.flash = Some(FollowupNextMsg::AppliedAll.fill(lang, &[&rechecks.len()]));
    vec![Effect::SaveFollowup { path: screen.path.clone(), text: register_to_ron(&screen.register) }]
}
