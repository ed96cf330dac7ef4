//! The open visit (or the new-visit form's draft): changing it — with an undo point, timestamps
//! and a save — and moving the cursor over its sections and items. Every screen that changes a
//! visit goes through here.

use crate::core::template::Template;
use crate::core::visit::{Value, Visit, VisitStatus};
use crate::store::format::visit_to_ron;
use crate::strings::Msg;
use crate::tui::rows::{row_enabled, row_item, rows, section_count};
use crate::tui::state::session::{SaveState, Session, Snapshot};
use crate::tui::state::{App, Effect, Screen, current_row};

/// A change to a visit, made once the value it needs is known to be good.
pub(super) type Change = Box<dyn FnOnce(&mut Visit)>;

/// Record a change to the open visit: undo point, timestamps, resume position, save. Refused (with
/// the reason shown) when the visit is read-only or final.
pub(super) fn change_visit(app: &mut App, change: impl FnOnce(&mut Visit, &Template)) -> Vec<Effect> {
    let now = (app.clock)();
    let Some(session) = app.session.as_mut() else { return Vec::new() };
    if let Some(reason) = &session.read_only {
        app.flash = Some(reason.clone());
        return Vec::new();
    }
    if session.visit.status == VisitStatus::Final {
        app.flash = Some(Msg::VisitIsFinal.get(app.lang).to_string());
        return Vec::new();
    }
    let before = session.visit.clone();
    change(&mut session.visit, &session.template);
    session.visit.normalize();
    if session.visit == before {
        return Vec::new();
    }
    session.undo.push(Snapshot { visit: before, section: session.section, row: session.row });
    if let Some(item) = current_row(session).and_then(|r| row_item(&session.template, r)) {
        session.visit.last_item = Some(item.id.clone());
    }
    session.visit.updated = now;
    session.visit.saved_by = app.saver.clone();
    // Who saved it is part of the file format; kept in step so the next comparison is fair.
    session.visit.schema = session.visit.schema_needed();
    session.save = SaveState::Saving;
    vec![Effect::Save { path: session.path.clone(), text: visit_to_ron(&session.visit) }]
}

/// Apply a change to the form's draft, or to the open visit (with undo and save).
pub(super) fn apply_change(app: &mut App, apply: Change) -> Vec<Effect> {
    if app.screen == Screen::NewVisit {
        if let Some(form) = app.form.as_mut() {
            apply(&mut form.draft);
            form.draft.normalize();
        }
        // The date may have changed, and with it the rule set in force.
        super::form_rules::settle_rules(app);
        return Vec::new();
    }
    change_visit(app, |v, _| apply(v))
}

/// Answer item `id`. An answer typed on an item where two copies differed is the inspector's
/// decision: it replaces both sides (undo brings them back).
pub(super) fn set_value(visit: &mut Visit, id: &str, value: Option<Value>) {
    let answer = visit.answers.entry(id.to_string()).or_default();
    answer.value = value;
    visit.conflicts.retain(|c| c.item() != Some(id));
}

/// (section, row) of an item id in the checklist's numbering.
pub(super) fn find_item(template: &Template, id: &str) -> Option<(usize, usize)> {
    template
        .sections
        .iter()
        .enumerate()
        .find_map(|(s, sec)| sec.items.iter().position(|i| i.id == id).map(|row| (s + 1, row)))
}

pub(super) fn first_enabled(session: &Session, section: usize) -> Option<usize> {
    rows(&session.template, section).iter().position(|r| row_enabled(&session.template, &session.visit, *r))
}

pub(super) fn move_row(session: &mut Session, delta: isize) {
    let all = rows(&session.template, session.section);
    let mut at = session.row as isize;
    loop {
        at += delta;
        if at < 0 || at as usize >= all.len() {
            return;
        }
        if row_enabled(&session.template, &session.visit, all[at as usize]) {
            session.row = at as usize;
            return;
        }
    }
}

pub(super) fn move_section(session: &mut Session, delta: isize) {
    let count = section_count(&session.template) as isize;
    let mut section = session.section as isize;
    for _ in 0..count {
        section = (section + delta).rem_euclid(count);
        if let Some(row) = first_enabled(session, section as usize) {
            session.section = section as usize;
            session.row = row;
            return;
        }
    }
}

/// Move to the next enabled row after an answer, staying in the section.
pub(super) fn advance(session: &mut Session) {
    move_row(session, 1);
}
