//! Rules that turn a visit's facts and answers into statuses, findings and problems.
//!
//! Pure functions of (template, visit): the TUI calls them live, the summary calls them per visit.

use crate::core::template::{Bound, Computed, Condition, FailsWhen, Item, Kind, Localized, Template};
use crate::core::visit::{MeetingKind, Meeting, Value, Visit};
use crate::strings::Lang;

/// Where an item stands for one visit.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemStatus {
    /// Its condition does not hold, or it was answered "not applicable".
    NotApplicable,
    /// Nothing answered yet (or, for a computed item, the facts it needs are missing).
    Unanswered,
    /// Answered, and no finding.
    Pass,
    /// Answered, and the answer makes a finding.
    Fail,
    /// Answered, but the item has no finding rule (text, grade, strength-only items).
    Answered,
}

impl ItemStatus {
    /// Counted as assessed in the summary (not-applicable and unanswered are excluded).
    pub fn is_assessed(&self) -> bool {
        matches!(self, ItemStatus::Pass | ItemStatus::Fail)
    }
}

/// The value of an item for a visit: computed from the facts, or the answer given.
pub fn item_value(item: &Item, visit: &Visit) -> Option<Value> {
    match &item.kind {
        Kind::Computed(c) => computed_value(*c, &visit.meeting).map(|v| Value::Number(v.round() as u32)),
        _ => visit.value(&item.id).cloned(),
    }
}

/// A computed figure as a real number (percent, members, minutes), when the facts allow.
pub fn computed_value(computed: Computed, meeting: &Meeting) -> Option<f64> {
    let m = &meeting.members;
    match computed {
        Computed::AttendanceRate => {
            let expected = m.total?.checked_sub(m.exempted.unwrap_or(0))?;
            let present = m.present?;
            (expected > 0).then(|| f64::from(present) * 100.0 / f64::from(expected))
        }
        Computed::AbsentWithoutReason => m.absent_unexcused.map(f64::from),
        Computed::DurationMinutes => {
            let (start, end) = (meeting.start?, meeting.end?);
            (end > start).then(|| f64::from(end.minutes() - start.minutes()))
        }
    }
}

/// Whether the item is asked at all for this visit.
pub fn applies(item: &Item, visit: &Visit) -> bool {
    match &item.applies_when {
        None => true,
        Some(condition) => condition_holds(condition, visit),
    }
}

/// The fact names a condition may refer to, besides item ids.
pub const CONDITION_FACTS: [&str; 3] = ["has_committee", "meeting_kind", "branch_type"];

fn condition_holds(condition: &Condition, visit: &Visit) -> bool {
    let m = &visit.meeting;
    let actual: Option<String> = match condition.field.as_str() {
        "has_committee" => m.has_committee.map(|b| b.to_string()),
        "meeting_kind" => Some(m.kind.id().to_string()),
        "branch_type" => Some(m.branch_type.id().to_string()),
        item_id => visit.value(item_id).and_then(value_token),
    };
    // An unknown fact (e.g. "has a chi ủy?" not yet answered) keeps the item applicable:
    // asking too much is safer than hiding an item.
    match actual {
        None => true,
        Some(token) => condition.is.iter().any(|accepted| *accepted == token),
    }
}

/// How an answer is named in a condition.
fn value_token(value: &Value) -> Option<String> {
    match value {
        Value::Yes => Some("yes".into()),
        Value::No => Some("no".into()),
        Value::NotApplicable => Some("na".into()),
        Value::Choice(id) => Some(id.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Scale(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The status of an item in a visit.
pub fn item_status(item: &Item, visit: &Visit) -> ItemStatus {
    if !applies(item, visit) {
        return ItemStatus::NotApplicable;
    }
    let value = match &item.kind {
        Kind::Computed(c) => match computed_value(*c, &visit.meeting) {
            Some(v) => return judge_number(item, v, visit),
            None => return ItemStatus::Unanswered,
        },
        _ => match visit.value(&item.id) {
            Some(v) => v,
            None => return ItemStatus::Unanswered,
        },
    };
    if *value == Value::NotApplicable {
        return ItemStatus::NotApplicable;
    }
    let Some(rule) = &item.finding else {
        return ItemStatus::Answered;
    };
    let fails = match (&rule.fails_when, value) {
        (FailsWhen::No, v) => *v == Value::No,
        (FailsWhen::AtMost(_) | FailsWhen::Below(_) | FailsWhen::Above(_), Value::Number(n)) => {
            return judge_number(item, f64::from(*n), visit);
        }
        (FailsWhen::AtMost(_) | FailsWhen::Below(_) | FailsWhen::Above(_), Value::Scale(n)) => {
            return judge_number(item, f64::from(*n), visit);
        }
        (FailsWhen::ChoiceIn(ids), Value::Choice(id)) => ids.contains(id),
        (FailsWhen::AnyChosen, Value::Choices(chosen)) => !chosen.is_empty(),
        (FailsWhen::AnyNotChosen, Value::Choices(chosen)) => {
            item.kind.options().iter().any(|o| !chosen.contains(&o.id))
        }
        (FailsWhen::FirstBelowSecond, Value::Pair(a, b)) => a < b,
        // A value of the wrong shape for its rule is caught by validation; never a finding.
        _ => false,
    };
    if fails { ItemStatus::Fail } else { ItemStatus::Pass }
}

fn judge_number(item: &Item, value: f64, visit: &Visit) -> ItemStatus {
    let Some(rule) = &item.finding else {
        return ItemStatus::Answered;
    };
    let fails = match &rule.fails_when {
        FailsWhen::AtMost(b) => bound_value(b, &visit.meeting).is_some_and(|t| value <= t),
        FailsWhen::Below(b) => bound_value(b, &visit.meeting).is_some_and(|t| value < t),
        FailsWhen::Above(b) => bound_value(b, &visit.meeting).is_some_and(|t| value > t),
        _ => false,
    };
    if fails { ItemStatus::Fail } else { ItemStatus::Pass }
}

/// The threshold for this meeting, when it can be known.
pub fn bound_value(bound: &Bound, meeting: &Meeting) -> Option<f64> {
    match bound {
        Bound::Value(v) => Some(*v),
        Bound::ShareOfPresent { percent, at_least } => {
            let present = f64::from(meeting.members.present?);
            Some(at_least.max((present * percent / 100.0).ceil()))
        }
        Bound::ByMeetingKind { regular, thematic, combined } => Some(match meeting.kind {
            MeetingKind::Regular => *regular,
            MeetingKind::Thematic => *thematic,
            MeetingKind::Combined => *combined,
        }),
    }
}

/// The finding sentence for a failing item, with `{list}` filled from its answer.
pub fn finding_sentence(item: &Item, visit: &Visit, lang: Lang) -> Option<String> {
    let rule = item.finding.as_ref()?;
    let text = rule.text.get(lang);
    if !text.contains("{list}") {
        return Some(text.to_string());
    }
    let chosen: Vec<String> = match visit.value(&item.id) {
        Some(Value::Choices(c)) => c.clone(),
        _ => Vec::new(),
    };
    let wanted_chosen = matches!(rule.fails_when, FailsWhen::AnyChosen);
    let labels: Vec<&str> = item
        .kind
        .options()
        .iter()
        .filter(|o| chosen.contains(&o.id) == wanted_chosen)
        .map(|o| o.label.get(lang))
        .collect();
    Some(text.replace("{list}", &labels.join("; ")))
}

/// Something to fix before a visit may be marked final.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A required item that applies has no answer.
    Unanswered { item: String },
    /// A number larger than the members present.
    MoreThanPresent { item: String, value: u32, present: u32 },
    /// present + absent (with and without reason) exceeds the total.
    AttendanceExceedsTotal { counted: u32, total: u32 },
    /// The meeting ends before it starts.
    EndBeforeStart,
    /// An answer whose shape does not fit its item (hand-edited file).
    WrongValue { item: String },
    /// A number outside the item's bounds.
    OutOfRange { item: String, value: u32, min: u32, max: u32 },
}

impl Problem {
    /// The item to jump to, when the problem concerns one.
    pub fn item(&self) -> Option<&str> {
        match self {
            Problem::Unanswered { item }
            | Problem::MoreThanPresent { item, .. }
            | Problem::WrongValue { item }
            | Problem::OutOfRange { item, .. } => Some(item),
            Problem::AttendanceExceedsTotal { .. } | Problem::EndBeforeStart => None,
        }
    }
}

/// Cross-field rules on the meeting facts.
pub fn fact_problems(meeting: &Meeting) -> Vec<Problem> {
    let mut problems = Vec::new();
    let m = &meeting.members;
    if let Some(total) = m.total {
        let counted = m.present.unwrap_or(0) + m.absent_excused.unwrap_or(0) + m.absent_unexcused.unwrap_or(0);
        if counted > total {
            problems.push(Problem::AttendanceExceedsTotal { counted, total });
        }
    }
    if let (Some(start), Some(end)) = (meeting.start, meeting.end)
        && end <= start
    {
        problems.push(Problem::EndBeforeStart);
    }
    problems
}

/// Whether `value` has the shape `kind` expects, and is in range.
pub fn value_problem(item: &Item, value: &Value) -> Option<Problem> {
    let wrong = || Some(Problem::WrongValue { item: item.id.clone() });
    match (&item.kind, value) {
        (Kind::YesNo { allow_na }, v) => match v {
            Value::Yes | Value::No => None,
            Value::NotApplicable if *allow_na => None,
            _ => wrong(),
        },
        (_, Value::NotApplicable) => None,
        (Kind::Count { min, max, .. }, Value::Number(n)) => (n < min || n > max)
            .then(|| Problem::OutOfRange { item: item.id.clone(), value: *n, min: *min, max: *max }),
        (Kind::CountPair { max, .. }, Value::Pair(a, b)) => (a.max(b) > max)
            .then(|| Problem::OutOfRange { item: item.id.clone(), value: *a.max(b), min: 0, max: *max }),
        (Kind::Scale, Value::Scale(n)) => (!(1..=5).contains(n))
            .then(|| Problem::OutOfRange { item: item.id.clone(), value: u32::from(*n), min: 1, max: 5 }),
        (Kind::Choice { options }, Value::Choice(id)) => {
            if options.iter().any(|o| o.id == *id) { None } else { wrong() }
        }
        (Kind::MultiChoice { options }, Value::Choices(ids)) => {
            if ids.iter().all(|id| options.iter().any(|o| o.id == *id)) { None } else { wrong() }
        }
        (Kind::Text { .. }, Value::Text(_)) | (Kind::Time, Value::Time(_)) => None,
        _ => wrong(),
    }
}

/// Everything that keeps a visit from being final: unanswered required items, broken cross-field
/// rules, answers that do not fit their items. In template order.
pub fn problems(template: &Template, visit: &Visit) -> Vec<Problem> {
    let mut out = fact_problems(&visit.meeting);
    let present = visit.meeting.members.present;
    for r in template.items() {
        let item = r.item;
        if !applies(item, visit) || item.kind.is_computed() {
            continue;
        }
        match visit.value(&item.id) {
            None if item.required => out.push(Problem::Unanswered { item: item.id.clone() }),
            None => {}
            Some(value) => {
                if let Some(p) = value_problem(item, value) {
                    out.push(p);
                }
                if let (Kind::Count { at_most_present: true, .. }, Value::Number(n), Some(p)) =
                    (&item.kind, value, present)
                    && *n > p
                {
                    out.push(Problem::MoreThanPresent { item: item.id.clone(), value: *n, present: p });
                }
            }
        }
    }
    out
}

/// Progress of a visit: (answered, total) over the items that apply and are typed by the inspector.
pub fn progress(template: &Template, visit: &Visit) -> (usize, usize) {
    let mut answered = 0;
    let mut total = 0;
    for r in template.items() {
        if r.item.kind.is_computed() || !applies(r.item, visit) {
            continue;
        }
        total += 1;
        if visit.value(&r.item.id).is_some() {
            answered += 1;
        }
    }
    (answered, total)
}

/// Number of items that make a finding in this visit.
pub fn finding_count(template: &Template, visit: &Visit) -> usize {
    template.items().filter(|r| item_status(r.item, visit) == ItemStatus::Fail).count()
}

/// The item's localized label for a chosen option id, or the id itself when unknown.
pub fn option_label<'a>(item: &'a Item, id: &'a str, lang: Lang) -> &'a str {
    item.kind.options().iter().find(|o| o.id == id).map_or(id, |o| o.label.get(lang))
}

/// The localized strength sentence, if any.
pub fn strength_sentence(item: &Item, lang: Lang) -> Option<&str> {
    item.strength.as_ref().map(|s: &Localized| s.get(lang))
}
