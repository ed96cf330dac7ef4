//! The pure update: an event comes in, the state changes, effects go out. Nothing here touches
//! the terminal or the disk, so every key sequence is testable.
//!
//! This file dispatches: keys to the pop-up or screen that has them, results from the disk to
//! whatever waits for them, and what a pop-up confirms to the screen that asked. Each screen's
//! keys have a file of their own (`home`, `checklist`, `summary`, `compare`), answering and
//! editing too (`answer`, `edit`); `visit` changes the open visit for all of them.

mod answer;
mod checklist;
mod compare;
mod conflict;
mod edit;
mod followup;
mod form_rules;
mod home;
mod prompts;
mod reconcile;
mod report;
mod summary;
mod sync;
mod visit;

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

use crate::tui::keymap::{Action, Scope};

use crate::strings::Msg;
use crate::tui::state::prompts::Target;
use crate::tui::state::session::SaveState;
use crate::tui::state::{App, Effect, Event, Overlay, Screen};
use prompts::Outcome;

/// Apply one event. Returns the effects the runtime must carry out.
pub fn update(app: &mut App, event: Event) -> Vec<Effect> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press || key.kind == KeyEventKind::Repeat => {
            app.flash = None;
            if let Some(session) = app.session.as_mut() {
                session.answered_before = session.just_answered.take();
            }
            on_key(app, key)
        }
        Event::Key(_) | Event::Resize => Vec::new(),
        Event::Paste(text) => on_paste(app, &text),
        Event::HomeFound { files } => {
            app.home.found = Some(files);
            Vec::new()
        }
        Event::HomeEntries(entries) => {
            app.home.insert_batch(entries);
            Vec::new()
        }
        Event::HomeDone { unreadable } => {
            app.home.loading = false;
            app.home.unreadable = unreadable;
            app.refresh_coverage();
            Vec::new()
        }
        Event::Opened { path, result } => checklist::on_opened(app, path, result),
        Event::Created(Ok((path, visit))) => {
            app.form = None;
            checklist::open_session(app, path, visit)
        }
        Event::Created(Err(e)) => {
            app.flash = Some(e);
            Vec::new()
        }
        Event::Saved { path, error } => {
            if let Some(s) = app.session.as_mut().filter(|s| s.path == path) {
                s.save = match error {
                    None => SaveState::Saved,
                    Some(e) => SaveState::Failed(e),
                };
            }
            Vec::new()
        }
        Event::SaveFailed { path, error, recovery } => {
            let lang = app.lang;
            if let Some(s) = app.session.as_mut().filter(|s| s.path == path) {
                s.save = SaveState::Failed(error.clone());
                app.flash = Some(match recovery {
                    Some(r) => Msg::SaveFailedRecovery.fill(lang, &[&error, &r.display()]),
                    None => Msg::SaveFailedNoRecovery.fill(lang, &[&error]),
                });
            }
            Vec::new()
        }
        Event::SaveConflict { path } => {
            if let Some(s) = app.session.as_mut().filter(|s| s.path == path) {
                s.save = SaveState::Failed(Msg::ChangedOnDisk.get(app.lang).to_string());
                app.overlay = Overlay::Conflict;
            }
            Vec::new()
        }
        Event::ReadOnly { path, holder } => {
            set_read_only(app, &path, Msg::HeldBy.fill(app.lang, &[&holder]));
            Vec::new()
        }
        Event::OddLock { path, odd } => {
            set_read_only(app, &path, odd.read_only_sentence(app.lang));
            Vec::new()
        }
        Event::Recoverable { path, recovery } => {
            if app.session.as_ref().is_some_and(|s| s.path == path && s.read_only.is_none()) {
                app.overlay = Overlay::Recover { recovery };
            }
            Vec::new()
        }
        Event::Restored(Ok(restored)) => {
            let effects = visit::change_visit(app, |v, _| {
                v.meeting = restored.meeting;
                v.answers = restored.answers;
                v.notes = restored.notes;
                v.inspectors = restored.inspectors;
                v.round = restored.round;
            });
            app.flash = Some(Msg::Restored.get(app.lang).to_string());
            effects
        }
        Event::Restored(Err(e)) => {
            app.flash = Some(e);
            Vec::new()
        }
        Event::FollowupOpened(result) => followup::opened(app, result),
        Event::FollowupSaved(result) => followup::saved(app, result),
        Event::PairOpened(result) => reconcile::opened(app, result),
        Event::Reconciled(result) => reconcile::written(app, result),
        Event::Synced(result) => sync::finished(app, result),
        Event::CompareReady(result) => {
            compare::ready(app, result);
            Vec::new()
        }
        Event::FolderListing { typed, folders } => {
            compare::folders_listed(app, &typed, folders);
            Vec::new()
        }
        Event::Previous { path, visit } => {
            if let Some(s) = app.session.as_mut().filter(|s| s.path == path) {
                s.previous = Some(visit);
            }
            Vec::new()
        }
        Event::SummaryProgress { generation, done, total } => {
            if generation == app.summary.generation {
                app.summary.progress = Some((done, total));
            }
            Vec::new()
        }
        Event::SummaryReady { generation, summary } => {
            summary::ready(app, summary, generation);
            Vec::new()
        }
        Event::Exported(result) => {
            summary::exported(app, result);
            Vec::new()
        }
        Event::ReportWritten(result) => {
            report::written(app, result);
            Vec::new()
        }
        Event::ReportTextLoaded(result) => {
            report::loaded(app, result);
            Vec::new()
        }
        Event::ReportTextSaved { field, result } => {
            report::saved(app, field, result);
            Vec::new()
        }
        Event::CopySaved(path) => {
            app.flash = Some(Msg::CopySaved.fill(app.lang, &[&path.display()]));
            Vec::new()
        }
        Event::HangUp | Event::Terminate => on_hang_up(app),
    }
}

/// The open visit at `path` is only viewed, for the reason given (shown now and on each refused change).
fn set_read_only(app: &mut App, path: &std::path::Path, reason: String) {
    if let Some(s) = app.session.as_mut().filter(|s| s.path == path) {
        s.read_only = Some(reason.clone());
        app.flash = Some(reason);
    }
}

/// The terminal is gone, or asked to stop: keep what is being typed, then quit.
pub(super) fn on_hang_up(app: &mut App) -> Vec<Effect> {
    // Whatever is being typed is kept: a half-written note is better than none.
    let mut effects = confirmed(app, prompts::editor_text(app));
    if app.session.as_ref().is_some_and(|s| s.number.is_some()) {
        effects.extend(answer::commit_number(app));
    }
    app.quit = true;
    effects.push(Effect::Quit);
    effects
}

fn on_paste(app: &mut App, text: &str) -> Vec<Effect> {
    match &mut app.overlay {
        Overlay::Editor(editor) => {
            editor.buffer.insert(text);
            if editor.buffer.is_full() {
                app.flash = Some(Msg::TextFull.fill(app.lang, &[&crate::store::format::MAX_TEXT_CHARS]));
            }
        }
        Overlay::Search(search) => {
            search.query.insert(text);
            search.selected = 0;
        }
        _ => {}
    }
    Vec::new()
}

fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    // Quitting at once (Ctrl-C) works everywhere, in a text being typed too.
    if app.keymap.action(Scope::Global, &key) == Some(Action::ForceQuit) {
        return on_hang_up(app);
    }
    // The compare prompt's Tab, before the editor takes the key.
    if let Some(effects) = compare::folder_key(app, &key) {
        return effects;
    }
    match app.overlay {
        Overlay::Editor(_) => {
            let outcome = prompts::editor_key(app, key);
            return confirmed(app, outcome);
        }
        Overlay::Picker(_) => {
            let outcome = prompts::picker_key(app, key);
            return confirmed(app, outcome);
        }
        Overlay::Search(_) => {
            prompts::search_key(app, key);
            return Vec::new();
        }
        Overlay::Help => {
            help_key(app, key);
            return Vec::new();
        }
        Overlay::Problems { .. } => return checklist::problems_key(app, key),
        Overlay::Conflict => return answer::conflict_key(app, key),
        Overlay::Recover { .. } => return answer::recover_key(app, key),
        Overlay::None => {}
    }
    match app.screen {
        Screen::Home => home::home_key(app, key),
        Screen::NewVisit => home::form_key(app, key),
        Screen::Checklist => checklist::checklist_key(app, key),
        Screen::Summary => summary::key(app, key),
        Screen::Compare => compare::key(app, key),
        Screen::Reconcile => reconcile::key(app, key),
        Screen::Followup => followup::key(app, key),
    }
}

/// In the help: the arrows scroll it when it does not fit; any other key closes it.
fn help_key(app: &mut App, key: KeyEvent) {
    match app.keymap.action(Scope::Help, &key) {
        Some(Action::Up) => app.help_scroll = app.help_scroll.saturating_sub(1),
        Some(Action::Down) => app.help_scroll += 1,
        Some(Action::PageUp) => app.help_scroll = app.help_scroll.saturating_sub(10),
        Some(Action::PageDown) => app.help_scroll += 10,
        _ => {
            app.overlay = Overlay::None;
            app.help_scroll = 0;
        }
    }
}

/// Hand what a pop-up confirmed to the screen that asked for it, by its target. A text the
/// target refuses keeps the editor open with the reason; one it takes closes the editor.
fn confirmed(app: &mut App, outcome: Outcome) -> Vec<Effect> {
    match outcome {
        Outcome::Nothing => Vec::new(),
        Outcome::Text(target, text) => {
            let result = match target {
                Target::ReopenReason => answer::reopen_with_reason(app, &text),
                Target::CompareWith => Ok(compare::start(app, &text)),
                Target::Filter(_) => summary::apply_date_filter(app, &text),
                Target::PlannedBranch | Target::Rules | Target::ReportField => Ok(Vec::new()),
                Target::ReportText(field) => report::confirm(app, field, &text),
                Target::FollowupReportBack(id) => followup::set_report_back(app, id, &text),
                Target::FollowupStatus(_) => Ok(Vec::new()),
                Target::Fact(_) | Target::Answer(_) | Target::Note(_) => edit::confirm_text(app, target, text),
            };
            match result {
                Ok(effects) => {
                    prompts::close_editor(app);
                    effects
                }
                Err(message) => {
                    prompts::refuse_text(app, message);
                    Vec::new()
                }
            }
        }
        Outcome::Picked { target, picked, chosen, multi } => match target {
            Target::Filter(kind) => summary::apply_picked_filter(app, kind, picked),
            Target::PlannedBranch => {
                home::start_form(app, picked.parse().ok());
                Vec::new()
            }
            Target::Rules => {
                form_rules::pick_rules(app, picked);
                Vec::new()
            }
            Target::ReportField => {
                report::pick(app, &picked);
                Vec::new()
            }
            Target::FollowupStatus(id) => followup::pick_status(app, id, &picked),
            Target::ReopenReason | Target::CompareWith | Target::ReportText(_) | Target::FollowupReportBack(_) => {
                Vec::new()
            }
            Target::Fact(_) | Target::Answer(_) | Target::Note(_) => {
                edit::confirm_pick(app, target, picked, chosen, multi)
            }
        },
    }
}
