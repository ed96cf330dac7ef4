//! The checklist: opening and leaving a visit, its keys (moving, answering, a number typed on its
//! row), and the problems list.

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::core::problems::answer_kind_words;

use crate::core::problems::Problem;
use crate::core::rules::{applies, why_not_applicable};
use crate::core::template::Kind;
use crate::core::visit::{Value, Visit};
use crate::store::format::{LoadError, template_for, unknown_template};
use crate::strings::{Msg, TeamMsg};
use crate::tui::keymap::{Action, Scope};
use crate::tui::rows::{Fact, FactInput, Row, row_item, rows, section_count};
use crate::tui::state::home::HomeEntry;
use crate::tui::state::prompts::{Editor, Search, Target};
use crate::tui::state::session::{SaveState, Session};
use crate::tui::state::{App, Effect, Overlay, Screen, current_problems, current_row};

use super::answer::{answer_item, answer_yes_no, clear_answer, commit_number, toggle_final, undo};
use super::edit::{open_edit, open_note_after_answer};
use super::visit::{find_item, first_enabled, move_row, move_section};

pub(super) fn on_opened(app: &mut App, path: PathBuf, result: Result<Visit, String>) -> Vec<Effect> {
    match result {
        Ok(visit) => open_session(app, path, visit),
        Err(e) => {
            app.flash = Some(e);
            // Opened from the summary: it is still on screen, and stays there.
            if app.summary.open_item.take().is_some() {
                app.return_to_summary = false;
            }
            if app.direct {
                app.quit = true;
                return vec![Effect::Quit];
            }
            Vec::new()
        }
    }
}

pub(super) fn open_session(app: &mut App, path: PathBuf, visit: Visit) -> Vec<Effect> {
    let Some(template) = template_for(&visit, &app.templates).cloned() else {
        let error = LoadError::new(&path, None, unknown_template(&visit, &app.templates));
        app.flash = Some(error.display(app.lang));
        return Vec::new();
    };
    let mut session = Session {
        path,
        visit,
        template,
        section: 1,
        row: 0,
        save: SaveState::Saved,
        number: None,
        read_only: None,
        previous: None,
        just_answered: None,
        answered_before: None,
        undo: Vec::new(),
    };
    // Resume where the inspector left off; a new visit starts at the first item of preparation.
    let resume = session.visit.last_item.clone().and_then(|id| find_item(&session.template, &id));
    match resume {
        Some((section, row)) => {
            session.section = section;
            session.row = row;
        }
        None => {
            session.section = 1.min(section_count(&session.template) - 1);
            session.row = first_enabled(&session, session.section).unwrap_or(0);
        }
    }
    // Opened from a finding of the summary: on that finding's item.
    if let Some((_, id)) = app.summary.open_item.take().filter(|(path, _)| *path == session.path)
        && let Some((section, row)) = find_item(&session.template, &id)
    {
        session.section = section;
        session.row = row;
    }
    // Copies merged with conflicts: on the first one, saying how many wait.
    if !session.visit.conflicts.is_empty() {
        let first = session.visit.conflicts.iter().find_map(|c| find_item(&session.template, c.item()?));
        if let Some((section, row)) = first {
            session.section = section;
            session.row = row;
        }
        app.flash = Some(TeamMsg::ConflictsOnOpen.fill(app.lang, &[&session.visit.conflicts.len()]));
    }
    let m = &session.visit.meeting;
    let find = Effect::FindPrevious {
        path: session.path.clone(),
        branch: m.branch.clone(),
        committee: m.committee.clone(),
        before: m.date,
    };
    app.session = Some(session);
    app.screen = Screen::Checklist;
    app.overlay = Overlay::None;
    vec![find]
}

pub(super) fn checklist_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let section = app.session.as_ref().map(|s| s.section);
    let effects = checklist_action(app, key);
    remind_end_time(app, section);
    effects
}

/// Arriving at the meeting's last section with no end time entered (the form does not ask it up
/// front): say so, once, where the meeting is about to end.
fn remind_end_time(app: &mut App, before: Option<usize>) {
    let Some(session) = app.session.as_ref() else { return };
    let last = section_count(&session.template) - 1;
    if before != Some(session.section)
        && session.section == last
        && session.visit.meeting.end.is_none()
        && app.flash.is_none()
    {
        app.flash = Some(Msg::RemindEndTime.get(app.lang).to_string());
    }
}

fn checklist_action(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if let Some(effects) = super::conflict::pick_key(app, &key) {
        return effects;
    }
    if let Some(effects) = refuse_answer_where_not_applicable(app, &key) {
        return effects;
    }
    if let Some(effects) = number_key(app, key) {
        return effects;
    }
    let Some(action) = app.keymap.action(Scope::Checklist, &key) else {
        say_what_the_item_takes(app, &key);
        return Vec::new();
    };
    let Some(session) = app.session.as_mut() else { return Vec::new() };
    match action {
        Action::Up => move_row(session, -1),
        Action::Down => move_row(session, 1),
        Action::PageUp => (0..8).for_each(|_| move_row(session, -1)),
        Action::PageDown => (0..8).for_each(|_| move_row(session, 1)),
        Action::NextSection => move_section(session, 1),
        Action::PrevSection => move_section(session, -1),
        Action::Yes => return answer_yes_no(app, Value::Yes),
        Action::No => return answer_yes_no(app, Value::No),
        Action::NotApplicable => return answer_yes_no(app, Value::NotApplicable),
        Action::Clear => return clear_answer(app),
        Action::Edit => open_edit(app),
        Action::EditNote => open_note_after_answer(app),
        Action::NextUnanswered => next_unanswered(app),
        Action::Search => app.overlay = Overlay::Search(Search::new()),
        Action::Undo => return undo(app),
        Action::Problems => app.overlay = Overlay::Problems { selected: 0 },
        Action::ToggleFinal => return toggle_final(app),
        Action::Help => app.overlay = Overlay::Help,
        Action::Back | Action::Quit => return leave_visit(app),
        Action::ForceQuit => return super::on_hang_up(app),
        _ => {}
    }
    Vec::new()
}

/// Digits typed on a number row accumulate until Enter; `1`–`5` on a scale answer at once.
fn number_key(app: &mut App, key: KeyEvent) -> Option<Vec<Effect>> {
    let moves_away = matches!(
        app.keymap.action(Scope::Checklist, &key),
        Some(
            Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::NextSection
                | Action::PrevSection
                | Action::NextUnanswered
                | Action::Search
                | Action::Problems
                | Action::Back
                | Action::Quit
        )
    );
    let session = app.session.as_mut()?;
    let row = current_row(session)?;
    let item = row_item(&session.template, row);
    let is_count = match (row, item.map(|i| &i.kind)) {
        (Row::Fact(f), _) => f.input() == FactInput::Count,
        (_, Some(Kind::Count { .. })) => true,
        _ => false,
    };
    if let (Some(item), KeyCode::Char(c @ '1'..='5')) = (item, key.code)
        && item.kind == Kind::Scale
    {
        let id = item.id.clone();
        let scale = c as u8 - b'0';
        return Some(answer_item(app, &id, Value::Scale(scale)));
    }
    if let (Some(item), KeyCode::Char(c)) = (item, key.code)
        && c.is_ascii_digit()
        && matches!(item.kind, Kind::CountPair { .. })
    {
        app.overlay = Overlay::Editor(Editor::new(Target::Answer(item.id.clone()), &c.to_string(), false));
        return Some(Vec::new());
    }
    if !is_count {
        return None;
    }
    match key.code {
        KeyCode::Char(c) if c.is_ascii_digit() => {
            let digits = session.number.get_or_insert_with(String::new);
            if digits.len() < 6 {
                digits.push(c);
            }
            Some(Vec::new())
        }
        KeyCode::Backspace if session.number.is_some() => {
            if let Some(d) = session.number.as_mut() {
                d.pop();
            }
            if session.number.as_deref() == Some("") {
                session.number = None;
            }
            Some(Vec::new())
        }
        KeyCode::Esc if session.number.is_some() => {
            session.number = None;
            Some(Vec::new())
        }
        KeyCode::Enter if session.number.is_some() => Some(commit_number(app)),
        // Moving away (by any key bound to a move, or leaving) keeps what was typed on this row,
        // as if Enter had been pressed, then moves once from here.
        _ if session.number.is_some() && moves_away => {
            let (section, row) = (session.section, session.row);
            let mut effects = commit_number(app);
            if let Some(session) = app.session.as_mut() {
                session.section = section;
                session.row = row;
            }
            effects.extend(checklist_key(app, key));
            Some(effects)
        }
        _ => None,
    }
}

/// A character key bound to nothing on the checklist (a digit on a yes/no item, a letter on a
/// number): say what the item under the cursor takes, instead of doing nothing silently.
fn say_what_the_item_takes(app: &mut App, key: &KeyEvent) {
    let KeyCode::Char(c) = key.code else { return };
    if key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) {
        return;
    }
    let Some(session) = app.session.as_ref() else { return };
    let lang = app.lang;
    let shown = if c == ' ' { "Space".to_string() } else { c.to_string() };
    app.flash = match current_row(session) {
        Some(Row::Fact(_)) => Some(Msg::KeyNotHereFact.fill(lang, &[&shown])),
        Some(row) => row_item(&session.template, row).map(|item| match &item.kind {
            Kind::Computed(_) => Msg::KeyNotHereComputed.fill(lang, &[&shown]),
            kind => Msg::KeyNotHere.fill(lang, &[&shown, &answer_kind_words(kind, lang)]),
        }),
        None => None,
    };
}

/// On an item whose condition does not hold (reached from the problems list, a search or a
/// resumed visit: moving skips it), a key that would answer it is refused with the reason, so no
/// new ignored answer is made. Backspace still clears a stored one, and a note may be written.
fn refuse_answer_where_not_applicable(app: &mut App, key: &KeyEvent) -> Option<Vec<Effect>> {
    let session = app.session.as_ref()?;
    let item = current_row(session).and_then(|r| row_item(&session.template, r))?;
    let because = why_not_applicable(&session.template, item, &session.visit)?;
    let answers = match app.keymap.action(Scope::Checklist, key) {
        Some(Action::Yes | Action::No | Action::NotApplicable) => true,
        // Enter on a yes/no or scale item writes its note.
        Some(Action::Edit) => !matches!(item.kind, Kind::YesNo { .. } | Kind::Scale | Kind::Computed(_)),
        _ => matches!(key.code, KeyCode::Char(c) if c.is_ascii_digit()),
    };
    if !answers {
        return None;
    }
    let lang = app.lang;
    let template = &session.template;
    let name = |id: &str| template.item(id).map_or_else(|| id.to_string(), |r| r.item.text.get(lang).to_string());
    app.flash = Some(Msg::ItemDoesNotApply.fill(lang, &[&because.words(lang, &name)]));
    Some(Vec::new())
}

pub(super) fn leave_visit(app: &mut App) -> Vec<Effect> {
    if app.direct {
        app.quit = true;
        return vec![Effect::Quit];
    }
    let mut effects = Vec::new();
    if let Some(session) = app.session.take() {
        effects.push(Effect::Close(session.path.clone()));
        let template = session.template.clone();
        let entry = HomeEntry::from_visit(session.path.clone(), &session.visit, &template);
        app.home.insert(entry);
        if let Some(i) = app.home.entries.iter().position(|e| e.path == session.path) {
            app.home.selected = i;
        }
        app.refresh_coverage();
    }
    app.screen = Screen::Home;
    if std::mem::take(&mut app.return_to_summary) {
        effects.extend(super::summary::back_from_visit(app));
    }
    effects
}

fn next_unanswered(app: &mut App) {
    let Some(session) = app.session.as_mut() else { return };
    let count = section_count(&session.template);
    let mut positions = Vec::new();
    for section in 1..count {
        for (row, r) in rows(&session.template, section).into_iter().enumerate() {
            positions.push((section, row, r));
        }
    }
    let n = positions.len();
    // From the facts (not in the list), start before the first item so it is found too.
    let here = positions
        .iter()
        .position(|(s, r, _)| *s == session.section && *r == session.row)
        .unwrap_or(n.saturating_sub(1));
    for step in 1..=n {
        let (section, row, r) = positions[(here + step) % n];
        let Some(item) = row_item(&session.template, r) else { continue };
        if item.kind.is_computed() || !applies(item, &session.visit) || session.visit.value(&item.id).is_some() {
            continue;
        }
        session.section = section;
        session.row = row;
        return;
    }
    app.flash = Some(app.lang_text(Msg::AllAnswered));
}

pub(super) fn problems_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let list = current_problems(app);
    let action = app.keymap.action(Scope::Problems, &key);
    let Overlay::Problems { selected } = &mut app.overlay else { return Vec::new() };
    match action {
        Some(Action::Up) => *selected = selected.saturating_sub(1),
        Some(Action::Down) => *selected = (*selected + 1).min(list.len().saturating_sub(1)),
        Some(Action::Open) => {
            let target = list.get(*selected).cloned();
            app.overlay = Overlay::None;
            if let (Some(problem), Some(session)) = (target, app.session.as_mut()) {
                jump_to_problem(session, &problem);
            }
        }
        Some(Action::Cancel) => app.overlay = Overlay::None,
        // Any other key closes the list and does what it does on the checklist: `p` then `f`
        // marks the visit final, it is not swallowed.
        _ => {
            app.overlay = Overlay::None;
            return super::on_key(app, key);
        }
    }
    Vec::new()
}

fn jump_to_problem(session: &mut Session, problem: &Problem) {
    match problem.item().and_then(|id| find_item(&session.template, id)) {
        Some((section, row)) => {
            session.section = section;
            session.row = row;
        }
        None => {
            // Cross-field problems on the facts: go to the fact most likely wrong.
            let fact = problem.facts().first().map_or(Fact::Total, |field| Fact::of_field(*field));
            session.section = 0;
            session.row = Fact::ALL.iter().position(|f| *f == fact).unwrap_or(0);
        }
    }
}
