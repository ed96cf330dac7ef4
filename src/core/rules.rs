//! Rules that turn a visit's facts and answers into statuses, findings and problems.
//!
//! Pure functions of (template, visit): the TUI calls them live, the summary calls them per visit.
//! The problems themselves, and their words, are in [`crate::core::problems`].

use crate::core::answer::{AnswerStyle, answer_text, computed_text};
use crate::core::problems::{FactField, Problem, Unmet, fact_problems, member_problems, value_problem};
use crate::core::template::{Bound, Computed, Condition, FailsWhen, Item, Kind, Localized, Template};
use crate::core::visit::{Meeting, MeetingKind, Members, Value, Visit};
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

/// The answer of `item` in `visit` in words: for a computed item, its figure from the facts;
/// otherwise the answer given. Empty while there is none.
pub fn item_answer_text(item: &Item, visit: &Visit, lang: Lang, style: AnswerStyle) -> String {
    match &item.kind {
        Kind::Computed(c) => computed_value(*c, &visit.meeting).map(|v| computed_text(*c, v, lang)).unwrap_or_default(),
        _ => visit.value(&item.id).map(|v| answer_text(item, v, lang, style)).unwrap_or_default(),
    }
}

/// A computed figure as a real number (percent, members, minutes), when the facts allow.
pub fn computed_value(computed: Computed, meeting: &Meeting) -> Option<f64> {
    let m = &meeting.members;
    match computed {
        Computed::AttendanceRate => {
            let (present, expected) = attendance(m)?;
            (expected > 0).then(|| f64::from(present) * 100.0 / f64::from(expected))
        }
        Computed::AbsentWithoutReason => m.absent_unexcused.map(f64::from),
        Computed::DurationMinutes => {
            let (start, end) = (meeting.start?, meeting.end?);
            (end > start).then(|| f64::from(end.minutes() - start.minutes()))
        }
    }
}

/// (present, expected) of the members expected at the meeting: expected is total − exempted,
/// present is everyone present less the exempted members who came anyway. None while a count is
/// unknown, and when the counts cannot all be true ([`fact_problems`] says which disagree): so
/// a rate made from them is never above 100 %, and never shown as met on numbers that are wrong.
pub fn attendance(members: &Members) -> Option<(u32, u32)> {
    let (total, present) = (members.total?, members.present?);
    if !member_problems(members).is_empty() {
        return None;
    }
    // With no problem, exempted ≤ total and exempted present ≤ exempted, present.
    let exempted = members.exempted.unwrap_or(0);
    let exempted_present = members.exempted_present.unwrap_or(0);
    Some((present - exempted_present, total - exempted))
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
        Some(token) => condition.is.contains(&token),
    }
}

/// Why `item` does not apply to `visit`, or None when it does.
pub fn why_not_applicable(template: &Template, item: &Item, visit: &Visit) -> Option<Unmet> {
    let condition = item.applies_when.as_ref()?;
    if condition_holds(condition, visit) {
        return None;
    }
    // A condition that does not hold has a known value to look at (an unknown one holds).
    let m = &visit.meeting;
    Some(match condition.field.as_str() {
        "has_committee" => Unmet::HasCommittee(m.has_committee?),
        "meeting_kind" => Unmet::MeetingKind(m.kind),
        "branch_type" => Unmet::BranchType(m.branch_type),
        item_id => {
            let value = visit.value(item_id)?;
            let words = |lang| match template.item(item_id) {
                Some(r) => answer_text(r.item, value, lang, AnswerStyle::Report),
                None => value_token(value).unwrap_or_default(),
            };
            Unmet::Answer { item: item_id.to_string(), answer: Localized { vi: words(Lang::Vi), en: words(Lang::En) } }
        }
    })
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
            // With the members present unknown, the floor still holds.
            let share = meeting.members.present.map_or(0.0, |p| (f64::from(p) * percent / 100.0).ceil());
            Some(at_least.max(share))
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

/// Everything that keeps a visit from being final: conflicts a merge kept, unanswered required items, broken cross-field
/// rules, answers that do not fit their items. In template order.
pub fn problems(template: &Template, visit: &Visit) -> Vec<Problem> {
    // Conflicts left by merging copies first (a person must pick), then facts that contradict
    // each other, then facts not entered yet, then the items.
    let mut out = crate::core::merge::conflict_problems(template, visit);
    out.extend(fact_problems(&visit.meeting));
    let needed = FactField::NEEDED.into_iter().filter(|f| !f.is_entered(&visit.meeting));
    out.extend(needed.map(|fact| Problem::MissingFact { fact }));
    let present = visit.meeting.members.present;
    for r in template.items() {
        let item = r.item;
        if item.kind.is_computed() {
            continue;
        }
        if !applies(item, visit) {
            if let Some(value) = visit.value(&item.id)
                && *value != Value::NotApplicable
                && let Some(because) = why_not_applicable(template, item, visit)
            {
                out.push(Problem::AnswerIgnored { item: item.id.clone(), because });
            }
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

/// The localized strength sentence, if any.
pub fn strength_sentence(item: &Item, lang: Lang) -> Option<&str> {
    item.strength.as_ref().map(|s: &Localized| s.get(lang))
}

#[cfg(test)]
mod tests;
