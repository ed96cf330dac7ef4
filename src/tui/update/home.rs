//! The home list (open, new visit, summary, quit) and the new-visit form.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::core::round::{PlanState, apply_plan, apply_round};
use crate::core::visit::{BranchType, MeetingKind, NewVisit, Visit};
use crate::strings::Msg;
use crate::tui::keymap::{Action, Scope};
use crate::tui::rows::{Fact, FactInput};
use crate::tui::state::home::{Form, FormRow};
use crate::tui::state::prompts::{Picker, Target};
use crate::tui::state::{App, Effect, Overlay, Screen};

use super::edit::open_fact_editor;

pub(super) fn home_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let count = app.home.entries.len();
    let quitting = std::mem::take(&mut app.home.quitting);
    let Some(action) = app.keymap.action(Scope::Home, &key) else { return Vec::new() };
    match action {
        // Esc backs out of every screen; on the first one it only asks (twice Esc quits, as q does).
        Action::Back if !quitting => {
            app.home.quitting = true;
            let quit = app.keymap.first_key(Scope::Home, Action::Quit);
            app.flash = Some(Msg::HomeQuitAsk.fill(app.lang, &[&quit]));
        }
        Action::Up => app.home.selected = app.home.selected.saturating_sub(1),
        Action::Down => app.home.selected = (app.home.selected + 1).min(count.saturating_sub(1)),
        Action::PageUp => app.home.selected = app.home.selected.saturating_sub(10),
        Action::PageDown => app.home.selected = (app.home.selected + 10).min(count.saturating_sub(1)),
        Action::Open => {
            if let Some(entry) = app.home.entries.get(app.home.selected) {
                return vec![Effect::Open(entry.path.clone())];
            }
        }
        Action::NewVisit => choose_planned_branch(app),
        Action::Summary => return super::summary::open(app),
        Action::Sync => return super::sync::start(app),
        Action::Reconcile => return super::reconcile::start(app),
        Action::Followup => return vec![Effect::OpenFollowup],
        Action::Help => app.overlay = Overlay::Help,
        Action::Back | Action::Quit | Action::ForceQuit => {
            app.quit = true;
            return vec![Effect::Quit];
        }
        _ => {}
    }
    Vec::new()
}

/// In a round with a plan, a new visit starts from a planned branch not yet visited (or from
/// nothing, for a branch outside the plan).
fn choose_planned_branch(app: &mut App) {
    let Some(coverage) = app.home.coverage.as_ref() else { return start_form(app, None) };
    let mut options: Vec<(String, String)> = coverage
        .branches
        .iter()
        .enumerate()
        .filter(|(_, b)| b.state == PlanState::Missing)
        .map(|(i, b)| (i.to_string(), format!("{} ({})", b.planned.branch, b.planned.committee)))
        .collect();
    if options.is_empty() {
        return start_form(app, None);
    }
    options.push((String::new(), Msg::OtherBranch.get(app.lang).to_string()));
    app.overlay =
        Overlay::Picker(Picker { target: Target::PlannedBranch, options, multi: false, cursor: 0, chosen: Vec::new() });
}

pub(super) fn start_form(app: &mut App, planned: Option<usize>) {
    let Some(template) = app.current_template() else { return };
    let today = (app.clock)().to_zoned_datetime(jiff::tz::TimeZone::system()).date();
    let facts = NewVisit {
        branch: String::new(),
        committee: String::new(),
        branch_type: BranchType::KhuDanCu,
        kind: MeetingKind::Regular,
        date: today,
        inspectors: if app.inspector.trim().is_empty() { Vec::new() } else { vec![app.inspector.clone()] },
        round: None,
    };
    let mut draft = Visit::new(template, facts, (app.clock)());
    if let Some(round) = &app.round {
        apply_round(&mut draft, round);
        if let Some(plan) = planned.and_then(|i| round.branches.get(i)) {
            apply_plan(&mut draft, plan);
            draft.meeting.branch = plan.branch.clone();
        }
    }
    let rules_reason = crate::core::rule_sets::Reason::InForce;
    app.form = Some(Form { draft, row: 0, tried: false, discarding: false, rules: None, rules_reason });
    super::form_rules::settle_rules(app);
    app.screen = Screen::NewVisit;
}

pub(super) fn form_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let action = app.keymap.action(Scope::Form, &key);
    let Some(form) = app.form.as_mut() else { return Vec::new() };
    let last = Form::row_count() - 1;
    let discarding = std::mem::take(&mut form.discarding);
    match action {
        Some(Action::CreateVisit) => return create_from_form(app),
        Some(Action::Up) => form.row = form.row.saturating_sub(1),
        Some(Action::Down) => form.row = (form.row + 1).min(last),
        // What was typed is not dropped by one stray Esc: the first one asks.
        Some(Action::Back) if !discarding && form.missing().len() < 2 => {
            form.discarding = true;
            app.flash = Some(Msg::FormDiscardAsk.get(app.lang).to_string());
        }
        Some(Action::Back) => {
            app.form = None;
            app.screen = Screen::Home;
        }
        Some(Action::Help) => app.overlay = Overlay::Help,
        Some(Action::Edit) if form.row == last => return create_from_form(app),
        Some(Action::Edit) if form.current() == FormRow::Rules => super::form_rules::open_rules_picker(app),
        Some(Action::Edit) => {
            if let Some(fact) = form.fact() {
                open_fact_editor(app, fact, None);
            }
        }
        Some(answer @ (Action::Yes | Action::No)) if form.fact() == Some(Fact::HasCommittee) => {
            form.draft.meeting.has_committee = Some(answer == Action::Yes);
            form.next_row();
        }
        // Typing on a row starts editing it with what was typed (a date or a time typed replaces
        // the one filled in); a count takes digits only.
        _ => {
            let typed = match key.code {
                KeyCode::Char(c) if !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => Some(c),
                _ => None,
            };
            if let (Some(c), Some(fact)) = (typed, form.fact()) {
                let takes = match fact.input() {
                    FactInput::Text | FactInput::Date | FactInput::Time => true,
                    FactInput::Count => c.is_ascii_digit(),
                    FactInput::YesNo | FactInput::BranchType | FactInput::MeetingKind => false,
                };
                if takes {
                    open_fact_editor(app, fact, Some(c));
                }
            }
        }
    }
    Vec::new()
}

fn create_from_form(app: &mut App) -> Vec<Effect> {
    let Some(form) = app.form.as_mut() else { return Vec::new() };
    form.tried = true;
    let missing = form.missing();
    if let Some(first) = missing.first() {
        form.row = Form::row_of(*first).unwrap_or(0);
        app.flash = Some(Msg::CliEmptyName.fill(app.lang, &[&first.label().get(app.lang)]));
        return Vec::new();
    }
    let mut visit = form.draft.clone();
    let now = (app.clock)();
    visit.created = now;
    visit.updated = now;
    visit.normalize();
    vec![Effect::Create(Box::new(visit))]
}
