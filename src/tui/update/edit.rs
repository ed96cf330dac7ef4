//! Editing an answer, a fact or a note in a pop-up: opening the editor or the list that fits the
//! item, and checking and storing what it confirms (in the open visit, or the new-visit form).

use crate::core::template::Kind;
use crate::core::visit::{BranchType, MeetingKind, TimeOfDay, Value, Visit, parse_date};
use crate::strings::{Lang, Msg};
use crate::tui::rows::{Fact, FactInput, Row, row_item, rows};
use crate::tui::state::prompts::{Editor, Picker, Target};
use crate::tui::state::{App, Effect, Overlay, Screen, current_row};

use super::visit::{Change, apply_change, set_value};

/// Enter on a row: the editor or list that fits its item (the note, for yes/no and scales).
pub(super) fn open_edit(app: &mut App) {
    let Some(session) = app.session.as_ref() else { return };
    let Some(row) = current_row(session) else { return };
    let item = match row {
        Row::Fact(fact) => return open_fact_editor(app, fact, None),
        row => match row_item(&session.template, row) {
            Some(item) => item.clone(),
            None => return,
        },
    };
    let lang = app.lang;
    let visit = &session.visit;
    let target = Target::Answer(item.id.clone());
    app.overlay = match &item.kind {
        Kind::Choice { options } | Kind::MultiChoice { options } => {
            let chosen = match visit.value(&item.id) {
                Some(Value::Choice(id)) => vec![id.clone()],
                Some(Value::Choices(ids)) => ids.clone(),
                _ => Vec::new(),
            };
            let cursor = options.iter().position(|o| chosen.first() == Some(&o.id)).unwrap_or(0);
            Overlay::Picker(Picker {
                target,
                options: options.iter().map(|o| (o.id.clone(), o.label.get(lang).to_string())).collect(),
                multi: matches!(item.kind, Kind::MultiChoice { .. }),
                cursor,
                chosen,
            })
        }
        Kind::Text { multiline } => {
            let text = match visit.value(&item.id) {
                Some(Value::Text(t)) => t.clone(),
                _ => String::new(),
            };
            Overlay::Editor(Editor::new(target, &text, *multiline))
        }
        Kind::Time | Kind::CountPair { .. } | Kind::Count { .. } => {
            let text = match visit.value(&item.id) {
                Some(Value::Time(t)) => t.to_string(),
                Some(Value::Pair(a, b)) => format!("{a}/{b}"),
                Some(Value::Number(n)) => n.to_string(),
                _ => String::new(),
            };
            Overlay::Editor(Editor::new(target, &text, false))
        }
        Kind::YesNo { .. } | Kind::Scale | Kind::Computed(_) => return open_note(app),
    };
}

/// The note of the item under the cursor (on a fact row: the fact's editor).
fn open_note(app: &mut App) {
    let Some(row) = app.session.as_ref().and_then(current_row) else { return };
    open_note_of(app, row);
}

/// `e`: the note of the item under the cursor — or, right after an answer moved the cursor on,
/// of the item just answered (a remark comes after the answer), without moving back.
pub(super) fn open_note_after_answer(app: &mut App) {
    let Some(session) = app.session.as_ref() else { return };
    let row = match session.answered_before {
        Some((section, row)) => rows(&session.template, section).get(row).copied(),
        None => current_row(session),
    };
    if let Some(row) = row {
        open_note_of(app, row);
    }
}

fn open_note_of(app: &mut App, row: Row) {
    let Some(session) = app.session.as_ref() else { return };
    if let Row::Fact(fact) = row {
        return open_fact_editor(app, fact, None);
    }
    let Some(item) = row_item(&session.template, row) else { return };
    let note = session.visit.answer(&item.id).map(|a| a.note.clone()).unwrap_or_default();
    app.overlay = Overlay::Editor(Editor::new(Target::Note(item.id.clone()), &note, true));
}

/// The visit a fact editor works on: the form's draft, or the open visit.
fn fact_visit(app: &App) -> Option<&Visit> {
    match app.screen {
        Screen::NewVisit => app.form.as_ref().map(|f| &f.draft),
        _ => app.session.as_ref().map(|s| &s.visit),
    }
}

/// The editor or list for a meeting fact; `first` is a character typed on its row, which the
/// editor starts with (replacing what the fact held).
pub(super) fn open_fact_editor(app: &mut App, fact: Fact, first: Option<char>) {
    let lang = app.lang;
    let Some(visit) = fact_visit(app) else { return };
    let target = Target::Fact(fact);
    app.overlay = match fact.input() {
        FactInput::BranchType => {
            let options = BranchType::ALL.iter().map(|t| (t.id().to_string(), t.label().get(lang).to_string()));
            Overlay::Picker(Picker::single(target, options.collect(), visit.meeting.branch_type.id().to_string()))
        }
        FactInput::MeetingKind => {
            let options = MeetingKind::ALL.iter().map(|k| (k.id().to_string(), k.label().get(lang).to_string()));
            Overlay::Picker(Picker::single(target, options.collect(), visit.meeting.kind.id().to_string()))
        }
        FactInput::YesNo => {
            let options = vec![("true".into(), Msg::Yes.get(lang).into()), ("false".into(), Msg::No.get(lang).into())];
            let current = visit.meeting.has_committee.map(|b| b.to_string()).unwrap_or_default();
            Overlay::Picker(Picker::single(target, options, current))
        }
        input => {
            let text = match first {
                Some(c) => c.to_string(),
                None => fact.edit_text(visit, lang),
            };
            let mut editor = Editor::new(target, &text, false);
            // How a time or a date is written, shown before anything is refused.
            editor.hint = match input {
                FactInput::Time => Some(Msg::HintTimeFormat.get(lang).to_string()),
                FactInput::Date => Some(Msg::HintDateFormat.get(lang).to_string()),
                _ => None,
            };
            Overlay::Editor(editor)
        }
    };
}

/// Store the text an editor confirmed for a fact, an answer or a note; a bad value is refused
/// with the reason (the editor stays open to fix it).
pub(super) fn confirm_text(app: &mut App, target: Target, text: String) -> Result<Vec<Effect>, String> {
    let change: Change = match target {
        Target::Fact(fact) => parse_fact(fact, &text, app.lang)?,
        Target::Note(id) => Box::new(move |v: &mut Visit| v.answers.entry(id).or_default().note = text),
        Target::Answer(id) => parse_answer(app, &id, &text)?,
        Target::Filter(_)
        | Target::PlannedBranch
        | Target::ReopenReason
        | Target::CompareWith
        | Target::Rules
        | Target::ReportField
        | Target::ReportText(_)
        | Target::FollowupStatus(_)
        | Target::FollowupReportBack(_) => {
            return Ok(Vec::new());
        }
    };
    let effects = apply_change(app, change);
    next_form_row(app);
    Ok(effects)
}

/// On the new-visit form, a fact entered moves to the next one: the form keeps up with typing.
fn next_form_row(app: &mut App) {
    if app.screen == Screen::NewVisit
        && let Some(form) = app.form.as_mut()
    {
        form.next_row();
    }
}

/// Store the option a list confirmed for a fact or an answer.
pub(super) fn confirm_pick(
    app: &mut App,
    target: Target,
    picked: String,
    chosen: Vec<String>,
    multi: bool,
) -> Vec<Effect> {
    let change: Change = match target {
        Target::Fact(Fact::BranchType) => {
            let t = BranchType::from_id(&picked);
            Box::new(move |v| {
                if let Some(t) = t {
                    v.meeting.branch_type = t;
                }
            })
        }
        Target::Fact(Fact::Kind) => {
            let k = MeetingKind::ALL.into_iter().find(|k| k.id() == picked);
            Box::new(move |v| {
                if let Some(k) = k {
                    v.meeting.kind = k;
                }
            })
        }
        Target::Fact(_) => Box::new(move |v| v.meeting.has_committee = Some(picked == "true")),
        Target::Answer(id) | Target::Note(id) => {
            let value = if multi { Value::Choices(chosen) } else { Value::Choice(picked) };
            Box::new(move |v| set_value(v, &id, Some(value)))
        }
        Target::Filter(_)
        | Target::PlannedBranch
        | Target::ReopenReason
        | Target::CompareWith
        | Target::Rules
        | Target::ReportField
        | Target::ReportText(_)
        | Target::FollowupStatus(_)
        | Target::FollowupReportBack(_) => {
            return Vec::new();
        }
    };
    let effects = apply_change(app, change);
    next_form_row(app);
    effects
}

fn parse_fact(fact: Fact, text: &str, lang: Lang) -> Result<Change, String> {
    let text = text.trim().to_string();
    match fact.input() {
        FactInput::Date => {
            let date = parse_date(&text).ok_or_else(|| Msg::CliBadDate.fill(lang, &[&text]))?;
            Ok(Box::new(move |v| v.meeting.date = date))
        }
        FactInput::Time => {
            let time = if text.is_empty() {
                None
            } else {
                Some(TimeOfDay::parse(&text).ok_or_else(|| Msg::BadTime.fill(lang, &[&text]))?)
            };
            Ok(Box::new(move |v| match fact {
                Fact::Start => v.meeting.start = time,
                _ => v.meeting.end = time,
            }))
        }
        FactInput::Count => {
            let n = if text.is_empty() {
                None
            } else {
                Some(text.parse::<u32>().map_err(|_| Msg::BadNumber.fill(lang, &[&text]))?)
            };
            Ok(Box::new(move |v| {
                if let Some(slot) = fact.count_mut(v) {
                    *slot = n;
                }
            }))
        }
        _ => {
            if fact.required() && text.is_empty() {
                return Err(Msg::CliEmptyName.fill(lang, &[&fact.label().get(lang)]));
            }
            Ok(Box::new(move |v| set_text_fact(v, fact, text)))
        }
    }
}

fn set_text_fact(v: &mut Visit, fact: Fact, text: String) {
    let m = &mut v.meeting;
    match fact {
        Fact::Branch => m.branch = text,
        Fact::Committee => m.committee = text,
        Fact::Chair => m.chair = text,
        Fact::MinutesSecretary => m.minutes_secretary = text,
        Fact::HigherAttendees => m.higher_attendees = text,
        Fact::Round => v.round = Some(text).filter(|t| !t.is_empty()),
        Fact::Inspectors => {
            v.inspectors = text.split([',', ';']).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
        }
        _ => {}
    }
}

fn parse_answer(app: &App, id: &str, text: &str) -> Result<Change, String> {
    let lang = app.lang;
    let Some(session) = app.session.as_ref() else { return Err(String::new()) };
    let Some(r) = session.template.item(id) else { return Err(String::new()) };
    let trimmed = text.trim();
    let value = if trimmed.is_empty() {
        None
    } else {
        Some(match &r.item.kind {
            Kind::Text { .. } => Value::Text(text.to_string()),
            Kind::Time => Value::Time(TimeOfDay::parse(trimmed).ok_or_else(|| Msg::BadTime.fill(lang, &[&trimmed]))?),
            Kind::Count { min, max, .. } => {
                let n: u32 = trimmed.parse().map_err(|_| Msg::BadNumber.fill(lang, &[&trimmed]))?;
                if n < *min || n > *max {
                    return Err(Msg::ProblemOutOfRange.fill(lang, &[&id, &n, min, max]));
                }
                Value::Number(n)
            }
            Kind::CountPair { max, .. } => {
                let parts: Vec<&str> = trimmed.split(['/', ' ', ',']).filter(|p| !p.is_empty()).collect();
                let bad = || Msg::BadPair.fill(lang, &[&trimmed]);
                let [a, b] = parts.as_slice() else { return Err(bad()) };
                let (a, b): (u32, u32) = (a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?);
                if a.max(b) > *max {
                    return Err(Msg::ProblemOutOfRange.fill(lang, &[&id, &a.max(b), &0, max]));
                }
                Value::Pair(a, b)
            }
            _ => return Err(String::new()),
        })
    };
    let id = id.to_string();
    Ok(Box::new(move |v| set_value(v, &id, value)))
}
