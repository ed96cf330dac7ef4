//! Answering: yes/no, a number typed on its row, clearing, undo, final and reopen, and the
//! pop-ups about saving (a file changed on disk, answers to recover).

use ratatui::crossterm::event::KeyEvent;

use crate::core::answer::AnswerStyle;
use crate::core::rules::problems;
use crate::core::template::Kind;
use crate::core::visit::{Value, Visit, VisitStatus, finalise, reopen};
use crate::store::format::visit_to_ron;
use crate::strings::Lang;
use crate::strings::Msg;
use crate::tui::keymap::{Action, Scope};
use crate::tui::rows::{Fact, Row, row_item, rows};
use crate::tui::state::prompts::{Editor, Target};
use crate::tui::state::session::SaveState;
use crate::tui::state::session::Session;
use crate::tui::state::{App, Effect, Overlay, current_row};

use super::visit::{advance, change_visit, set_value};

pub(super) fn answer_yes_no(app: &mut App, value: Value) -> Vec<Effect> {
    let Some(session) = app.session.as_ref() else { return Vec::new() };
    let Some(row) = current_row(session) else { return Vec::new() };
    if row == Row::Fact(Fact::HasCommittee) {
        let flag = match value {
            Value::Yes => Some(true),
            Value::No => Some(false),
            _ => None,
        };
        return change_visit(app, |v, _| v.meeting.has_committee = flag);
    }
    let Some(item) = row_item(&session.template, row) else { return Vec::new() };
    let allowed = match &item.kind {
        Kind::YesNo { allow_na } => value != Value::NotApplicable || *allow_na,
        _ => false,
    };
    if !allowed {
        let msg = if matches!(item.kind, Kind::YesNo { .. }) { Msg::NaNotAllowed } else { Msg::NotYesNo };
        app.flash = Some(app.lang_text(msg));
        return Vec::new();
    }
    let id = item.id.clone();
    answer_item(app, &id, value)
}

/// Give item `id` the typed answer and move on. The same answer again moves on too, without a
/// save: confirming a filled item is how an inspector walks through it. A refused change (the
/// visit is final or held by another session) stays put, so the message is seen where it applies.
pub(super) fn answer_item(app: &mut App, id: &str, value: Value) -> Vec<Effect> {
    let effects = change_visit(app, |v, _| set_value(v, id, Some(value.clone())));
    let lang = app.lang;
    if let Some(session) = app.session.as_mut()
        && session.read_only.is_none()
        && session.visit.status != VisitStatus::Final
        && session.visit.value(id) == Some(&value)
    {
        let answered = (session.section, session.row);
        advance(session);
        session.just_answered = Some(answered);
        app.flash = Some(answered_and_where(session, answered, lang));
    }
    effects
}

/// "Answered 2/7: Yes · now at 3/7 · e note on 2/7": what was answered and where the cursor went,
/// so that a key pressed twice, which answers the next item too, is seen at once.
fn answered_and_where(session: &Session, (section, row): (usize, usize), lang: Lang) -> String {
    let count = rows(&session.template, section).len();
    let answer = rows(&session.template, section)
        .get(row)
        .and_then(|r| row_item(&session.template, *r))
        .map(|item| crate::core::rules::item_answer_text(item, &session.visit, lang, AnswerStyle::Checklist))
        .unwrap_or_default();
    let here = row + 1;
    if session.row == row {
        return Msg::AnsweredStayed.fill(lang, &[&here, &count, &answer]);
    }
    let args: [&dyn std::fmt::Display; 4] = [&here, &count, &answer, &(session.row + 1)];
    Msg::AnsweredMovedOn.fill(lang, &args)
}

pub(super) fn clear_answer(app: &mut App) -> Vec<Effect> {
    let Some(session) = app.session.as_ref() else { return Vec::new() };
    match current_row(session) {
        Some(Row::Fact(fact)) => change_visit(app, |v, _| clear_fact(v, fact)),
        Some(row) => {
            let Some(item) = row_item(&session.template, row) else { return Vec::new() };
            let id = item.id.clone();
            change_visit(app, |v, _| set_value(v, &id, None))
        }
        None => Vec::new(),
    }
}

fn clear_fact(visit: &mut Visit, fact: Fact) {
    let m = &mut visit.meeting;
    match fact {
        Fact::Start => m.start = None,
        Fact::End => m.end = None,
        Fact::HasCommittee => m.has_committee = None,
        Fact::Chair => m.chair.clear(),
        Fact::MinutesSecretary => m.minutes_secretary.clear(),
        Fact::HigherAttendees => m.higher_attendees.clear(),
        Fact::Round => visit.round = None,
        Fact::Inspectors => visit.inspectors.clear(),
        f => {
            if let Some(slot) = f.count_mut(visit) {
                *slot = None;
            }
        }
    }
}

pub(super) fn commit_number(app: &mut App) -> Vec<Effect> {
    let Some(session) = app.session.as_mut() else { return Vec::new() };
    let Some(digits) = session.number.take() else { return Vec::new() };
    let Ok(n) = digits.parse::<u32>() else { return Vec::new() };
    let Some(row) = current_row(session) else { return Vec::new() };
    match row {
        Row::Fact(fact) => change_visit(app, |v, _| {
            if let Some(slot) = fact.count_mut(v) {
                *slot = Some(n);
            }
        }),
        row => {
            let Some(item) = row_item(&session.template, row) else { return Vec::new() };
            if let Kind::Count { min, max, .. } = item.kind
                && (n < min || n > max)
            {
                app.flash = Some(Msg::ProblemOutOfRange.fill(app.lang, &[&item.id, &n, &min, &max]));
                return Vec::new();
            }
            let id = item.id.clone();
            answer_item(app, &id, Value::Number(n))
        }
    }
}

pub(super) fn toggle_final(app: &mut App) -> Vec<Effect> {
    let now = (app.clock)();
    let Some(session) = app.session.as_mut() else { return Vec::new() };
    if let Some(reason) = &session.read_only {
        app.flash = Some(reason.clone());
        return Vec::new();
    }
    match session.visit.status {
        VisitStatus::Final => {
            // Reopening is always explained: ask why, and keep the answer in the file.
            app.overlay = Overlay::Editor(Editor::new(Target::ReopenReason, "", true));
            Vec::new()
        }
        VisitStatus::Draft => {
            let list = problems(&session.template, &session.visit);
            if !list.is_empty() {
                app.flash = Some(Msg::CannotFinal.fill(app.lang, &[&list.len()]));
                app.overlay = Overlay::Problems { selected: 0 };
                return Vec::new();
            }
            let by = signer(&app.inspector, &session.visit);
            finalise(&mut session.visit, &by, now);
            session.save = SaveState::Saving;
            vec![Effect::Save { path: session.path.clone(), text: visit_to_ron(&session.visit) }]
        }
    }
}

/// Who finalises or reopens: the configured inspector, else the visit's first inspector.
fn signer(inspector: &str, visit: &Visit) -> String {
    if inspector.trim().is_empty() {
        visit.inspectors.first().cloned().unwrap_or_default()
    } else {
        inspector.to_string()
    }
}

/// Reopen the final visit with the reason typed; an empty reason is refused (say why).
pub(super) fn reopen_with_reason(app: &mut App, reason: &str) -> Result<Vec<Effect>, String> {
    let now = (app.clock)();
    let Some(session) = app.session.as_mut() else { return Ok(Vec::new()) };
    let by = signer(&app.inspector, &session.visit);
    reopen(&mut session.visit, &by, reason, now).map_err(|_| Msg::ReopenNeedsReason.get(app.lang).to_string())?;
    session.save = SaveState::Saving;
    Ok(vec![Effect::Save { path: session.path.clone(), text: visit_to_ron(&session.visit) }])
}

pub(super) fn undo(app: &mut App) -> Vec<Effect> {
    let now = (app.clock)();
    let Some(session) = app.session.as_mut() else { return Vec::new() };
    if session.read_only.is_some() {
        return Vec::new();
    }
    // Undo restores an earlier draft: on a final visit that would reopen it behind the user's back.
    if session.visit.status == VisitStatus::Final {
        app.flash = Some(app.lang_text(Msg::VisitIsFinal));
        return Vec::new();
    }
    let Some(snapshot) = session.undo.pop() else {
        app.flash = Some(app.lang_text(Msg::NothingToUndo));
        return Vec::new();
    };
    session.visit = snapshot.visit;
    session.visit.updated = now;
    session.section = snapshot.section;
    session.row = snapshot.row;
    session.save = SaveState::Saving;
    let effect = Effect::Save { path: session.path.clone(), text: visit_to_ron(&session.visit) };
    app.flash = Some(app.lang_text(Msg::Undone));
    vec![effect]
}

pub(super) fn conflict_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Some(session) = app.session.as_mut() else {
        app.overlay = Overlay::None;
        return Vec::new();
    };
    let effect = match app.keymap.action(Scope::Conflict, &key) {
        Some(Action::KeepMine) => Effect::ForceSave { path: session.path.clone(), text: visit_to_ron(&session.visit) },
        Some(Action::TakeTheirs) => Effect::Reload(session.path.clone()),
        Some(Action::SaveCopy) => {
            Effect::SaveCopy { visit: Box::new(session.visit.clone()), beside: session.path.clone() }
        }
        // The choice cannot be skipped: saving stays stopped until it is made.
        _ => return Vec::new(),
    };
    session.save = SaveState::Saving;
    app.overlay = Overlay::None;
    vec![effect]
}

pub(super) fn recover_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Overlay::Recover { recovery } = &app.overlay else { return Vec::new() };
    let recovery = recovery.clone();
    match app.keymap.action(Scope::Recover, &key) {
        Some(Action::Restore) => {
            app.overlay = Overlay::None;
            vec![Effect::Restore { recovery }]
        }
        Some(Action::Discard) => {
            app.overlay = Overlay::None;
            vec![Effect::DiscardRecovery(recovery)]
        }
        _ => Vec::new(),
    }
}
