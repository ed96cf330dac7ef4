//! Rules that turn a visit's facts and answers into statuses, findings and problems.
//!
//! Pure functions of (template, visit): the TUI calls them live, the summary calls them per visit.

use crate::core::answer::{AnswerStyle, answer_text, computed_text};
use crate::core::template::{Bound, Computed, Condition, FailsWhen, Item, Kind, Localized, Template};
use crate::core::visit::{BranchType, Meeting, MeetingKind, Members, Value, Visit};
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

/// What an item's condition looked at when it did not hold: the fact or earlier answer as it
/// stands in the visit, so a message can say why the item does not apply ("no chi ủy").
#[derive(Debug, Clone, PartialEq)]
pub enum Unmet {
    /// Whether the branch has a chi ủy (false: "no chi ủy").
    HasCommittee(bool),
    MeetingKind(MeetingKind),
    BranchType(BranchType),
    /// An earlier item (its id) and its answer as people read it, in both languages.
    Answer {
        item: String,
        answer: Localized,
    },
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

/// Something to fix before a visit may be marked final.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A required item that applies has no answer.
    Unanswered { item: String },
    /// A number larger than the members present.
    MoreThanPresent { item: String, value: u32, present: u32 },
    /// present + absent (with and without reason) exceeds the total.
    AttendanceExceedsTotal { counted: u32, total: u32 },
    /// More members exempted than members in all.
    ExemptedExceedsTotal { exempted: u32, total: u32 },
    /// More exempted members present than members exempted.
    ExemptedPresentExceedsExempted { exempted_present: u32, exempted: u32 },
    /// More exempted members present than members present.
    ExemptedPresentExceedsPresent { exempted_present: u32, present: u32 },
    /// The expected members present (present − exempted present) outnumber the members expected
    /// (total − exempted): the attendance rate would pass 100 %.
    PresentExceedsExpected { present: u32, exempted_present: u32, total: u32, exempted: u32 },
    /// The meeting ends before it starts.
    EndBeforeStart,
    /// An answer whose shape does not fit its item (hand-edited file); `expected` is the item's
    /// kind, so the message can say what it takes and how such an answer is written.
    WrongValue { item: String, expected: Kind },
    /// A number outside the item's bounds.
    OutOfRange { item: String, value: u32, min: u32, max: u32 },
    /// A choice that is not one of the item's options.
    UnknownOption { item: String, option: String, options: Vec<String> },
    /// An answer stored for an item that does not apply (its condition does not hold): it is
    /// ignored everywhere, so it is either a slip or a fact that is wrong, and the inspector must
    /// say which before the visit is final. "Not applicable" itself agrees and is no problem.
    AnswerIgnored { item: String, because: Unmet },
    /// An option ticked twice in a several-choice answer (hand-edited file): which one counts as
    /// "ticked" would be a guess, and a list of missing fields would name it twice.
    RepeatedOption { item: String, option: String },
}

impl Problem {
    /// Only something not filled in yet: normal while a visit is a draft, unlike data that
    /// contradicts itself or the template (which `validate` reports even on a draft).
    pub fn is_missing(&self) -> bool {
        matches!(self, Problem::Unanswered { .. })
    }

    /// The item to jump to, when the problem concerns one.
    pub fn item(&self) -> Option<&str> {
        match self {
            Problem::Unanswered { item }
            | Problem::MoreThanPresent { item, .. }
            | Problem::WrongValue { item, .. }
            | Problem::OutOfRange { item, .. }
            | Problem::UnknownOption { item, .. }
            | Problem::RepeatedOption { item, .. }
            | Problem::AnswerIgnored { item, .. } => Some(item),
            Problem::AttendanceExceedsTotal { .. }
            | Problem::ExemptedExceedsTotal { .. }
            | Problem::ExemptedPresentExceedsExempted { .. }
            | Problem::ExemptedPresentExceedsPresent { .. }
            | Problem::PresentExceedsExpected { .. }
            | Problem::EndBeforeStart => None,
        }
    }

    /// The meeting facts a cross-field problem is about, the likeliest culprit first: where the
    /// checklist jumps, the rows it marks, the line `validate` points at. Empty for item problems.
    pub fn facts(&self) -> &'static [FactField] {
        use FactField::*;
        match self {
            Problem::AttendanceExceedsTotal { .. } => &[Present, AbsentExcused, AbsentUnexcused, Total],
            Problem::ExemptedExceedsTotal { .. } => &[Exempted, Total],
            Problem::ExemptedPresentExceedsExempted { .. } => &[ExemptedPresent, Exempted],
            Problem::ExemptedPresentExceedsPresent { .. } => &[ExemptedPresent, Present],
            Problem::PresentExceedsExpected { .. } => &[Present, ExemptedPresent, Total, Exempted],
            Problem::EndBeforeStart => &[End, Start],
            Problem::Unanswered { .. }
            | Problem::MoreThanPresent { .. }
            | Problem::WrongValue { .. }
            | Problem::OutOfRange { .. }
            | Problem::UnknownOption { .. }
            | Problem::AnswerIgnored { .. }
            | Problem::RepeatedOption { .. } => &[],
        }
    }
}

/// A meeting fact that cross-field rules look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactField {
    Start,
    End,
    Total,
    Exempted,
    Present,
    ExemptedPresent,
    AbsentExcused,
    AbsentUnexcused,
}

impl FactField {
    /// Its name in a visit file.
    pub fn file_name(self) -> &'static str {
        match self {
            FactField::Start => "start",
            FactField::End => "end",
            FactField::Total => "total",
            FactField::Exempted => "exempted",
            FactField::Present => "present",
            FactField::ExemptedPresent => "exempted_present",
            FactField::AbsentExcused => "absent_excused",
            FactField::AbsentUnexcused => "absent_unexcused",
        }
    }
}

/// Cross-field rules on the meeting facts.
pub fn fact_problems(meeting: &Meeting) -> Vec<Problem> {
    let mut problems = member_problems(&meeting.members);
    if let (Some(start), Some(end)) = (meeting.start, meeting.end)
        && end <= start
    {
        problems.push(Problem::EndBeforeStart);
    }
    problems
}

/// Member counts that cannot all be true.
fn member_problems(m: &Members) -> Vec<Problem> {
    let mut problems = Vec::new();
    let exempted = m.exempted.unwrap_or(0);
    let exempted_present = m.exempted_present.unwrap_or(0);
    if let Some(total) = m.total
        && exempted > total
    {
        problems.push(Problem::ExemptedExceedsTotal { exempted, total });
    }
    if exempted_present > exempted {
        problems.push(Problem::ExemptedPresentExceedsExempted { exempted_present, exempted });
    }
    if let Some(present) = m.present
        && exempted_present > present
    {
        problems.push(Problem::ExemptedPresentExceedsPresent { exempted_present, present });
    }
    if let Some(total) = m.total {
        // Saturating: a hand-edited file may hold any u32, and the sum must not overflow.
        let counted = [m.present, m.absent_excused, m.absent_unexcused]
            .into_iter()
            .fold(0u32, |sum, n| sum.saturating_add(n.unwrap_or(0)));
        if counted > total {
            problems.push(Problem::AttendanceExceedsTotal { counted, total });
        }
    }
    // Only when the counts above agree, so that one wrong number makes one problem; then the
    // subtractions below cannot underflow.
    if let (Some(total), Some(present)) = (m.total, m.present)
        && problems.is_empty()
        && present - exempted_present > total - exempted
    {
        problems.push(Problem::PresentExceedsExpected { present, exempted_present, total, exempted });
    }
    problems
}

/// Whether `value` has the shape `kind` expects, and is in range.
pub fn value_problem(item: &Item, value: &Value) -> Option<Problem> {
    let wrong = || Some(Problem::WrongValue { item: item.id.clone(), expected: item.kind.clone() });
    match (&item.kind, value) {
        (Kind::YesNo { allow_na }, v) => match v {
            Value::Yes | Value::No => None,
            Value::NotApplicable if *allow_na => None,
            _ => wrong(),
        },
        (_, Value::NotApplicable) => None,
        (Kind::Count { min, max, .. }, Value::Number(n)) => {
            (n < min || n > max).then(|| Problem::OutOfRange { item: item.id.clone(), value: *n, min: *min, max: *max })
        }
        (Kind::CountPair { max, .. }, Value::Pair(a, b)) => {
            (a.max(b) > max).then(|| Problem::OutOfRange { item: item.id.clone(), value: *a.max(b), min: 0, max: *max })
        }
        (Kind::Scale, Value::Scale(n)) => (!(1..=5).contains(n)).then(|| Problem::OutOfRange {
            item: item.id.clone(),
            value: u32::from(*n),
            min: 1,
            max: 5,
        }),
        (Kind::Choice { options }, Value::Choice(id)) => unknown_option(item, options, std::slice::from_ref(id)),
        (Kind::MultiChoice { options }, Value::Choices(ids)) => {
            unknown_option(item, options, ids).or_else(|| repeated_option(item, ids))
        }
        (Kind::Text { .. }, Value::Text(_)) | (Kind::Time, Value::Time(_)) => None,
        _ => wrong(),
    }
}

fn repeated_option(item: &Item, chosen: &[String]) -> Option<Problem> {
    let repeated = chosen.iter().enumerate().find(|(i, id)| chosen[..*i].contains(id))?.1;
    Some(Problem::RepeatedOption { item: item.id.clone(), option: repeated.clone() })
}

/// An answer that fits `kind`, to show in a message how one is written in a visit file (the
/// value inside `value: Some(…)`). None for a computed item, which takes no answer, and for a
/// choice without options (a template `khaosat template check` refuses).
pub fn example_answer(kind: &Kind) -> Option<Value> {
    Some(match kind {
        Kind::YesNo { .. } => Value::Yes,
        Kind::Count { min, max, .. } => Value::Number(12.clamp(*min, (*max).max(*min))),
        Kind::CountPair { max, .. } => Value::Pair(2.min(*max), 4.min(*max)),
        Kind::Scale => Value::Scale(4),
        Kind::Choice { options } => Value::Choice(options.first()?.id.clone()),
        Kind::MultiChoice { options } => Value::Choices(options.iter().take(2).map(|o| o.id.clone()).collect()),
        Kind::Text { .. } => Value::Text("...".into()),
        Kind::Time => Value::Time(crate::core::visit::TimeOfDay::new(14, 30)?),
        Kind::Computed(_) => return None,
    })
}

fn unknown_option(item: &Item, options: &[crate::core::template::Choice], chosen: &[String]) -> Option<Problem> {
    let unknown = chosen.iter().find(|id| !options.iter().any(|o| o.id == **id))?;
    Some(Problem::UnknownOption {
        item: item.id.clone(),
        option: unknown.clone(),
        options: options.iter().map(|o| o.id.clone()).collect(),
    })
}

/// Everything that keeps a visit from being final: unanswered required items, broken cross-field
/// rules, answers that do not fit their items. In template order.
pub fn problems(template: &Template, visit: &Visit) -> Vec<Problem> {
    let mut out = fact_problems(&visit.meeting);
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
mod tests {
    use super::*;
    use crate::core::visit::{Answer, BranchType, NewVisit, TimeOfDay};

    fn template() -> Template {
        Template::embedded()
    }

    fn visit(template: &Template) -> Visit {
        let facts = NewVisit {
            branch: "Chi bộ số 11".into(),
            committee: "Đảng bộ phường Mai Dịch".into(),
            branch_type: BranchType::KhuDanCu,
            kind: MeetingKind::Regular,
            date: jiff::civil::date(2022, 4, 5),
            inspectors: vec![],
            round: None,
        };
        Visit::new(template, facts, jiff::Timestamp::UNIX_EPOCH)
    }

    fn item<'a>(template: &'a Template, id: &str) -> &'a Item {
        template.item(id).map(|r| r.item).unwrap_or_else(|| panic!("no item {id}"))
    }

    fn answer(visit: &mut Visit, id: &str, value: Value) {
        visit.answers.insert(id.into(), Answer { value: Some(value), note: String::new() });
    }

    fn time(text: &str) -> Option<TimeOfDay> {
        TimeOfDay::parse(text)
    }

    fn status(t: &Template, v: &Visit, id: &str) -> ItemStatus {
        item_status(item(t, id), v)
    }

    #[test]
    fn yes_no_items() {
        let t = template();
        let mut v = visit(&t);
        assert_eq!(status(&t, &v, "prep.committee_met"), ItemStatus::Unanswered);
        answer(&mut v, "prep.committee_met", Value::Yes);
        assert_eq!(status(&t, &v, "prep.committee_met"), ItemStatus::Pass);
        answer(&mut v, "prep.committee_met", Value::No);
        assert_eq!(status(&t, &v, "prep.committee_met"), ItemStatus::Fail);
        answer(&mut v, "prep.documents_ahead", Value::NotApplicable);
        assert_eq!(status(&t, &v, "prep.documents_ahead"), ItemStatus::NotApplicable);
        // A note alone is not an answer.
        v.answers.insert("prep.notice".into(), Answer { value: None, note: "hỏi lại bí thư".into() });
        assert_eq!(status(&t, &v, "prep.notice"), ItemStatus::Unanswered);
        // No finding rule (strength only): answered, never a finding.
        answer(&mut v, "att.broadened", Value::No);
        assert_eq!(status(&t, &v, "att.broadened"), ItemStatus::Answered);
        assert!(!ItemStatus::Answered.is_assessed());
        assert!(ItemStatus::Fail.is_assessed() && ItemStatus::Pass.is_assessed());
        assert!(!ItemStatus::NotApplicable.is_assessed() && !ItemStatus::Unanswered.is_assessed());
    }

    #[test]
    fn attendance_rate_is_computed_from_the_facts() {
        let t = template();
        let mut v = visit(&t);
        assert_eq!(status(&t, &v, "att.rate"), ItemStatus::Unanswered);
        v.meeting.members.total = Some(20);
        v.meeting.members.exempted = Some(2);
        assert_eq!(status(&t, &v, "att.rate"), ItemStatus::Unanswered, "present unknown");
        v.meeting.members.present = Some(15);
        let rate = computed_value(Computed::AttendanceRate, &v.meeting).unwrap_or_default();
        assert!((rate - 83.333).abs() < 0.01, "{rate}");
        assert_eq!(status(&t, &v, "att.rate"), ItemStatus::Fail, "83.3 % is not above 85 %");
        assert_eq!(item_value(item(&t, "att.rate"), &v), Some(Value::Number(83)));
        v.meeting.members.present = Some(17);
        assert_eq!(status(&t, &v, "att.rate"), ItemStatus::Pass, "94.4 %");
        // Exactly 85 % is not "above 85 %".
        v.meeting.members.exempted = Some(0);
        assert_eq!(status(&t, &v, "att.rate"), ItemStatus::Fail, "85.0 %");
        v.meeting.members.exempted = None;
        assert_eq!(status(&t, &v, "att.rate"), ItemStatus::Fail, "no exemptions entered counts as none");
        // Nobody expected: no rate, rather than a division by zero.
        v.meeting.members.exempted = Some(20);
        assert_eq!(status(&t, &v, "att.rate"), ItemStatus::Unanswered);
        v.meeting.members.exempted = Some(25);
        assert_eq!(status(&t, &v, "att.rate"), ItemStatus::Unanswered);
        v.meeting.members.exempted = Some(2);
        v.meeting.members.total = None;
        assert_eq!(status(&t, &v, "att.rate"), ItemStatus::Unanswered, "total unknown");
    }

    #[test]
    fn exempted_members_who_attend_do_not_count_for_the_rate() {
        let t = template();
        let mut v = visit(&t);
        let m = &mut v.meeting.members;
        (m.total, m.exempted, m.present) = (Some(40), Some(4), Some(40));
        // Everyone came, the 4 exempted members too; without saying so, 40 of 36 cannot be true.
        assert_eq!(attendance(&v.meeting.members), None);
        assert_eq!(computed_value(Computed::AttendanceRate, &v.meeting), None, "never 111 %");
        assert_eq!(status(&t, &v, "att.rate"), ItemStatus::Unanswered, "no ✓ on impossible counts");
        assert_eq!(
            fact_problems(&v.meeting),
            vec![Problem::PresentExceedsExpected { present: 40, exempted_present: 0, total: 40, exempted: 4 }]
        );
        v.meeting.members.exempted_present = Some(4);
        assert_eq!(attendance(&v.meeting.members), Some((36, 36)));
        assert_eq!(computed_value(Computed::AttendanceRate, &v.meeting), Some(100.0));
        assert_eq!(status(&t, &v, "att.rate"), ItemStatus::Pass);
        assert_eq!(fact_problems(&v.meeting), vec![]);
        v.meeting.members.present = Some(30);
        assert_eq!(attendance(&v.meeting.members), Some((26, 36)), "the exempted who came are not counted");
    }

    #[test]
    fn member_counts_that_cannot_all_be_true() {
        let t = template();
        let mut v = visit(&t);
        // (total, exempted, present, exempted present, absent with reason) → problems; never a
        // rate above 100 %, and no rate at all while a problem remains.
        let mut counts = |(total, exempted, present, exempted_present, absent_excused)| {
            let m = &mut v.meeting.members;
            (m.total, m.exempted, m.present, m.exempted_present) = (total, exempted, present, exempted_present);
            m.absent_excused = absent_excused;
            let found = fact_problems(&v.meeting);
            let rate = computed_value(Computed::AttendanceRate, &v.meeting);
            assert!(rate.is_none_or(|r| r <= 100.0), "{rate:?}");
            assert!(found.is_empty() || rate.is_none(), "{found:?} and a rate of {rate:?}");
            found
        };
        assert_eq!(
            counts((Some(10), Some(12), Some(5), None, None)),
            vec![Problem::ExemptedExceedsTotal { exempted: 12, total: 10 }]
        );
        assert_eq!(
            counts((Some(10), Some(2), Some(5), Some(3), None)),
            vec![Problem::ExemptedPresentExceedsExempted { exempted_present: 3, exempted: 2 }]
        );
        assert_eq!(
            counts((Some(10), None, Some(5), Some(1), None)),
            vec![Problem::ExemptedPresentExceedsExempted { exempted_present: 1, exempted: 0 }],
            "exempted members present, none exempted"
        );
        assert_eq!(
            counts((Some(10), Some(4), Some(3), Some(4), None)),
            vec![Problem::ExemptedPresentExceedsPresent { exempted_present: 4, present: 3 }]
        );
        // One wrong number, one problem: more present than members in all is said once.
        assert_eq!(
            counts((Some(10), Some(2), Some(11), None, None)),
            vec![Problem::AttendanceExceedsTotal { counted: 11, total: 10 }]
        );
        // Absent counts that do not fit: a rate would rest on a wrong number (not 80 %).
        assert_eq!(
            counts((Some(10), Some(0), Some(8), None, Some(3))),
            vec![Problem::AttendanceExceedsTotal { counted: 11, total: 10 }]
        );
        assert_eq!(counts((Some(10), Some(2), Some(8), None, None)), vec![], "8 of 8");
        assert_eq!(counts((Some(u32::MAX), Some(0), Some(u32::MAX), Some(0), None)), vec![]);
        assert_eq!(counts((None, Some(2), Some(8), Some(1), None)), vec![], "total unknown: nothing to compare");

        let present = Problem::PresentExceedsExpected { present: 40, exempted_present: 1, total: 40, exempted: 4 };
        assert_eq!(present.facts().first(), Some(&FactField::Present));
        assert_eq!(present.item(), None);
        assert_eq!(
            crate::strings::problem_message(&present, Lang::En, &|id: &str| id.to_string()),
            "Members expected who were present (40 present − 1 of them exempted = 39) are more than the members \
             expected (40 in all − 4 exempted = 36): if exempted members attended, enter how many under \
             \"Of those present: exempted\""
        );
        assert_eq!(
            crate::strings::problem_message(&present, Lang::Vi, &|id: &str| id.to_string()),
            "Số đảng viên phải dự có mặt (40 có mặt − 1 thuộc diện miễn = 39) nhiều hơn số đảng viên phải dự \
             (40 tổng số − 4 được miễn = 36): nếu có đồng chí được miễn sinh hoạt vẫn dự, ghi số đó vào \
             \"Số có mặt thuộc diện miễn sinh hoạt\""
        );
    }

    #[test]
    fn absent_without_reason() {
        let t = template();
        let mut v = visit(&t);
        assert_eq!(status(&t, &v, "att.unexcused"), ItemStatus::Unanswered);
        v.meeting.members.absent_unexcused = Some(0);
        assert_eq!(status(&t, &v, "att.unexcused"), ItemStatus::Pass);
        v.meeting.members.absent_unexcused = Some(1);
        assert_eq!(status(&t, &v, "att.unexcused"), ItemStatus::Fail);
    }

    #[test]
    fn duration_depends_on_the_meeting_kind() {
        let t = template();
        let mut v = visit(&t);
        assert_eq!(status(&t, &v, "att.duration"), ItemStatus::Unanswered);
        v.meeting.start = time("19:30");
        assert_eq!(status(&t, &v, "att.duration"), ItemStatus::Unanswered, "end unknown");
        v.meeting.end = time("21:00");
        assert_eq!(computed_value(Computed::DurationMinutes, &v.meeting), Some(90.0));
        assert_eq!(status(&t, &v, "att.duration"), ItemStatus::Pass, "90 minutes, regular");
        v.meeting.kind = MeetingKind::Thematic;
        assert_eq!(status(&t, &v, "att.duration"), ItemStatus::Pass, "90 minutes, thematic");
        v.meeting.kind = MeetingKind::Combined;
        assert_eq!(status(&t, &v, "att.duration"), ItemStatus::Fail, "90 minutes, combined needs 120");
        v.meeting.end = time("21:30");
        assert_eq!(status(&t, &v, "att.duration"), ItemStatus::Pass, "120 minutes, combined");
        v.meeting.end = time("21:29");
        assert_eq!(status(&t, &v, "att.duration"), ItemStatus::Fail, "119 minutes, combined");
        v.meeting.kind = MeetingKind::Regular;
        v.meeting.end = time("20:59");
        assert_eq!(status(&t, &v, "att.duration"), ItemStatus::Fail, "89 minutes, regular");
        // End before start: no duration (and a problem, see below), never a negative one.
        v.meeting.end = time("19:00");
        assert_eq!(status(&t, &v, "att.duration"), ItemStatus::Unanswered);
    }

    #[test]
    fn speakers_are_judged_against_a_share_of_those_present() {
        let t = template();
        let speakers = item(&t, "crit.speakers");
        let bound = match &speakers.finding {
            Some(rule) => match &rule.fails_when {
                FailsWhen::Below(b) => b.clone(),
                other => panic!("crit.speakers fails when {other:?}"),
            },
            None => panic!("crit.speakers has no rule"),
        };
        let mut v = visit(&t);
        v.meeting.members.present = Some(30);
        assert_eq!(bound_value(&bound, &v.meeting), Some(6.0), "20 % of 30");
        answer(&mut v, "crit.speakers", Value::Number(5));
        assert_eq!(item_status(speakers, &v), ItemStatus::Fail);
        answer(&mut v, "crit.speakers", Value::Number(6));
        assert_eq!(item_status(speakers, &v), ItemStatus::Pass);
        // 20 % of 31 is 6.2: rounded up to 7 people.
        v.meeting.members.present = Some(31);
        assert_eq!(bound_value(&bound, &v.meeting), Some(7.0));
        assert_eq!(item_status(speakers, &v), ItemStatus::Fail);
        // Small branches: at least 3.
        v.meeting.members.present = Some(8);
        assert_eq!(bound_value(&bound, &v.meeting), Some(3.0));
        answer(&mut v, "crit.speakers", Value::Number(2));
        assert_eq!(item_status(speakers, &v), ItemStatus::Fail);
        answer(&mut v, "crit.speakers", Value::Number(3));
        assert_eq!(item_status(speakers, &v), ItemStatus::Pass);
        // Present unknown: the floor of 3 still holds.
        v.meeting.members.present = None;
        assert_eq!(bound_value(&bound, &v.meeting), Some(3.0));
        answer(&mut v, "crit.speakers", Value::Number(0));
        assert_eq!(item_status(speakers, &v), ItemStatus::Fail);
    }

    #[test]
    fn numbers_scales_pairs_and_choices() {
        let t = template();
        let mut v = visit(&t);
        answer(&mut v, "prep.fits_type", Value::Scale(2));
        assert_eq!(status(&t, &v, "prep.fits_type"), ItemStatus::Fail, "at most 2");
        answer(&mut v, "prep.fits_type", Value::Scale(3));
        assert_eq!(status(&t, &v, "prep.fits_type"), ItemStatus::Pass);
        answer(&mut v, "att.repeat_absence", Value::Number(0));
        assert_eq!(status(&t, &v, "att.repeat_absence"), ItemStatus::Pass);
        answer(&mut v, "att.repeat_absence", Value::Number(1));
        assert_eq!(status(&t, &v, "att.repeat_absence"), ItemStatus::Fail);
        answer(&mut v, "att.repeat_absence", Value::NotApplicable);
        assert_eq!(status(&t, &v, "att.repeat_absence"), ItemStatus::NotApplicable);
        answer(&mut v, "theme.on_schedule", Value::Pair(1, 2));
        assert_eq!(status(&t, &v, "theme.on_schedule"), ItemStatus::Fail, "1 thematic meeting in 2 quarters");
        answer(&mut v, "theme.on_schedule", Value::Pair(2, 2));
        assert_eq!(status(&t, &v, "theme.on_schedule"), ItemStatus::Pass);
        answer(&mut v, "min.missing_fields", Value::Choices(vec![]));
        assert_eq!(status(&t, &v, "min.missing_fields"), ItemStatus::Pass, "nothing missing");
        answer(&mut v, "min.missing_fields", Value::Choices(vec!["vote".into()]));
        assert_eq!(status(&t, &v, "min.missing_fields"), ItemStatus::Fail);
        let all: Vec<String> =
            item(&t, "conduct.round_documents").kind.options().iter().map(|o| o.id.clone()).collect();
        answer(&mut v, "conduct.round_documents", Value::Choices(all.clone()));
        assert_eq!(status(&t, &v, "conduct.round_documents"), ItemStatus::Pass, "every document assessed");
        answer(&mut v, "conduct.round_documents", Value::Choices(all[1..].to_vec()));
        assert_eq!(status(&t, &v, "conduct.round_documents"), ItemStatus::Fail);
        answer(&mut v, "overall.grade", Value::Choice("kem".into()));
        assert_eq!(status(&t, &v, "overall.grade"), ItemStatus::Answered, "the grade makes no finding");
        // A value of the wrong shape (hand-edited file) is never a finding.
        answer(&mut v, "prep.focused", Value::Text("tốt".into()));
        assert_eq!(status(&t, &v, "prep.focused"), ItemStatus::Pass);
    }

    #[test]
    fn committee_minutes_only_where_there_is_a_committee() {
        let t = template();
        let minutes = item(&t, "min.committee_minutes");
        let mut v = visit(&t);
        // Not known yet: asked (asking too much is safer than hiding an item).
        assert!(applies(minutes, &v));
        assert_eq!(item_status(minutes, &v), ItemStatus::Unanswered);
        answer(&mut v, "min.committee_minutes", Value::No);
        assert_eq!(item_status(minutes, &v), ItemStatus::Fail);
        v.meeting.has_committee = Some(true);
        assert_eq!(item_status(minutes, &v), ItemStatus::Fail);
        v.meeting.has_committee = Some(false);
        assert!(!applies(minutes, &v));
        assert_eq!(item_status(minutes, &v), ItemStatus::NotApplicable, "even when answered No");
        // …but that answer is ignored, which must be said before the visit is final.
        let ignored =
            Problem::AnswerIgnored { item: "min.committee_minutes".into(), because: Unmet::HasCommittee(false) };
        assert!(problems(&t, &v).contains(&ignored));
        assert!(!ignored.is_missing());
        assert_eq!(ignored.item(), Some("min.committee_minutes"));
        let message = crate::strings::problem_message(&ignored, Lang::Vi, &|id: &str| id.to_string());
        assert_eq!(
            message,
            "min.committee_minutes: câu trả lời này bị bỏ qua vì mục không áp dụng (chi bộ không có chi ủy); \
             hãy xóa câu trả lời, hoặc sửa lại nếu thông tin đó sai"
        );
        answer(&mut v, "min.committee_minutes", Value::NotApplicable);
        assert!(!problems(&t, &v).contains(&ignored), "not applicable agrees with the condition");
        v.answers.remove("min.committee_minutes");
        assert!(!problems(&t, &v).contains(&Problem::Unanswered { item: "min.committee_minutes".into() }));
        v.meeting.has_committee = None;
        assert!(problems(&t, &v).contains(&Problem::Unanswered { item: "min.committee_minutes".into() }));
    }

    #[test]
    fn finding_sentences_fill_the_list() {
        let t = template();
        let mut v = visit(&t);
        let missing = item(&t, "min.missing_fields");
        // Ticked in another order than the template's: the sentence follows the template.
        answer(&mut v, "min.missing_fields", Value::Choices(vec!["signatures".into(), "vote".into()]));
        assert_eq!(
            finding_sentence(missing, &v, Lang::Vi).as_deref(),
            Some(
                "Ghi biên bản sinh hoạt chi bộ chưa đầy đủ nội dung, diễn biến \
                 (thiếu: Kết quả biểu quyết; Chữ ký chủ trì và thư ký)"
            )
        );
        assert_eq!(
            finding_sentence(missing, &v, Lang::En).as_deref(),
            Some(
                "Minutes of the branch meeting do not fully record its content and proceedings \
                 (missing: Vote result; Signatures of chair and secretary)"
            )
        );

        let documents = item(&t, "conduct.round_documents");
        answer(&mut v, "conduct.round_documents", Value::Choices(vec!["ctr_01_qu".into(), "kl_21_tw".into()]));
        assert_eq!(
            finding_sentence(documents, &v, Lang::Vi).as_deref(),
            Some(
                "Chưa kết hợp đánh giá việc thực hiện Kết luận số 01-KL/TW; Quy định số 08-QĐi/TW; \
                 Quy định số 37-QĐ/TW"
            )
        );
        assert_eq!(
            finding_sentence(documents, &v, Lang::En).as_deref(),
            Some(
                "The meeting did not also assess the implementation of Conclusion 01-KL/TW; \
                 Regulation 08-QĐi/TW; Regulation 37-QĐ/TW"
            )
        );

        let plain = item(&t, "prep.committee_met");
        assert_eq!(
            finding_sentence(plain, &v, Lang::En).as_deref(),
            Some(
                "The branch committee did not meet (the secretary and deputy did not consult) to agree the content before the meeting"
            )
        );
        assert_eq!(finding_sentence(item(&t, "overall.grade"), &v, Lang::Vi), None);
    }

    #[test]
    fn problems_before_final() {
        let t = template();
        let mut v = visit(&t);
        let required: Vec<String> =
            t.items().filter(|r| r.item.required && !r.item.kind.is_computed()).map(|r| r.item.id.clone()).collect();
        let unanswered: Vec<String> = problems(&t, &v)
            .into_iter()
            .filter_map(|p| match p {
                Problem::Unanswered { item } => Some(item),
                _ => None,
            })
            .collect();
        assert_eq!(unanswered, required, "a fresh visit lacks every required answer, in template order");
        assert!(!unanswered.iter().any(|id| id.starts_with("overall.other")), "free text is optional");
        assert_eq!(progress(&t, &v), (0, required.len() + 3), "3 optional text items");

        for id in &required {
            let value = match &item(&t, id).kind {
                Kind::YesNo { .. } => Value::Yes,
                Kind::Count { .. } => Value::Number(0),
                Kind::CountPair { .. } => Value::Pair(1, 1),
                Kind::Scale => Value::Scale(4),
                Kind::Choice { options } | Kind::MultiChoice { options } if options.is_empty() => continue,
                Kind::Choice { options } => Value::Choice(options[0].id.clone()),
                Kind::MultiChoice { .. } => Value::Choices(vec![]),
                Kind::Text { .. } => Value::Text("…".into()),
                Kind::Time => Value::Time(TimeOfDay::new(9, 0).unwrap_or_else(|| panic!("time"))),
                Kind::Computed(_) => continue,
            };
            answer(&mut v, id, value);
        }
        assert_eq!(problems(&t, &v), vec![]);
        assert_eq!(progress(&t, &v), (required.len(), required.len() + 3));

        // present + absent > total.
        v.meeting.members.total = Some(20);
        v.meeting.members.present = Some(15);
        v.meeting.members.absent_excused = Some(4);
        v.meeting.members.absent_unexcused = Some(1);
        assert_eq!(problems(&t, &v), vec![], "15 + 4 + 1 = 20");
        v.meeting.members.absent_unexcused = Some(2);
        assert_eq!(problems(&t, &v), vec![Problem::AttendanceExceedsTotal { counted: 21, total: 20 }]);
        v.meeting.members.absent_unexcused = Some(1);

        // End before (or at) start.
        v.meeting.start = time("19:30");
        v.meeting.end = time("19:00");
        assert_eq!(problems(&t, &v), vec![Problem::EndBeforeStart]);
        v.meeting.end = time("19:30");
        assert_eq!(problems(&t, &v), vec![Problem::EndBeforeStart]);
        v.meeting.end = time("21:00");
        assert_eq!(problems(&t, &v), vec![]);

        // More members without a notebook than members present.
        answer(&mut v, "note.without_notebook", Value::Number(16));
        assert_eq!(
            problems(&t, &v),
            vec![Problem::MoreThanPresent { item: "note.without_notebook".into(), value: 16, present: 15 }]
        );
        answer(&mut v, "note.without_notebook", Value::Number(15));
        assert_eq!(problems(&t, &v), vec![]);

        // Answers that do not fit their item.
        answer(&mut v, "prep.notice", Value::Number(1));
        answer(&mut v, "prep.focused", Value::Scale(7));
        answer(&mut v, "overall.grade", Value::Choice("xuat_sac".into()));
        let found = problems(&t, &v);
        let yes_no = Kind::YesNo { allow_na: false };
        assert!(found.contains(&Problem::WrongValue { item: "prep.notice".into(), expected: yes_no }), "{found:?}");
        assert!(found.contains(&Problem::OutOfRange { item: "prep.focused".into(), value: 7, min: 1, max: 5 }));
        let unknown = Problem::UnknownOption {
            item: "overall.grade".into(),
            option: "xuat_sac".into(),
            options: vec!["tot".into(), "kha".into(), "trung_binh".into(), "kem".into()],
        };
        assert!(found.contains(&unknown), "{found:?}");
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0].item(), Some("prep.notice"));
        assert_eq!(Problem::EndBeforeStart.item(), None);
    }

    #[test]
    fn huge_counts_from_a_hand_edited_file_do_not_overflow() {
        let t = template();
        let mut v = visit(&t);
        v.meeting.members.total = Some(10);
        v.meeting.members.present = Some(u32::MAX);
        v.meeting.members.absent_excused = Some(u32::MAX);
        v.meeting.members.absent_unexcused = Some(1);
        let found = fact_problems(&v.meeting);
        assert!(matches!(found.as_slice(), [Problem::AttendanceExceedsTotal { total: 10, .. }]), "{found:?}");
    }

    #[test]
    fn value_problems_by_kind() {
        let t = template();
        let yes_no = item(&t, "prep.notice");
        assert_eq!(value_problem(yes_no, &Value::Yes), None);
        assert_eq!(
            value_problem(yes_no, &Value::NotApplicable),
            Some(Problem::WrongValue { item: "prep.notice".into(), expected: Kind::YesNo { allow_na: false } })
        );
        assert_eq!(value_problem(item(&t, "prep.documents_ahead"), &Value::NotApplicable), None);
        let count = item(&t, "att.repeat_absence");
        assert_eq!(value_problem(count, &Value::Number(500)), None);
        assert_eq!(
            value_problem(count, &Value::Number(501)),
            Some(Problem::OutOfRange { item: "att.repeat_absence".into(), value: 501, min: 0, max: 500 })
        );
        let pair = item(&t, "theme.on_schedule");
        assert_eq!(value_problem(pair, &Value::Pair(12, 4)), None);
        assert!(matches!(value_problem(pair, &Value::Pair(13, 4)), Some(Problem::OutOfRange { value: 13, .. })));
        let multi = item(&t, "min.missing_fields");
        assert_eq!(value_problem(multi, &Value::Choices(vec!["time".into(), "place".into()])), None);
        assert!(value_problem(multi, &Value::Choices(vec!["time".into(), "weather".into()])).is_some());
        assert!(value_problem(multi, &Value::Choice("time".into())).is_some());
        assert_eq!(
            value_problem(multi, &Value::Choices(vec!["vote".into(), "time".into(), "vote".into()])),
            Some(Problem::RepeatedOption { item: "min.missing_fields".into(), option: "vote".into() })
        );
        assert_eq!(value_problem(item(&t, "overall.recommendations"), &Value::Text("…".into())), None);
        assert_eq!(
            value_problem(item(&t, "prep.focused"), &Value::Scale(0)).and_then(|p| p.item().map(String::from)),
            Some("prep.focused".into())
        );
    }

    #[test]
    fn findings_are_counted() {
        let t = template();
        let mut v = visit(&t);
        assert_eq!(finding_count(&t, &v), 0);
        answer(&mut v, "prep.notice", Value::No);
        answer(&mut v, "res.voted", Value::No);
        answer(&mut v, "res.concrete", Value::Yes);
        v.meeting.members.absent_unexcused = Some(2);
        assert_eq!(finding_count(&t, &v), 3);
        assert_eq!(
            strength_sentence(item(&t, "att.broadened"), Lang::En),
            Some("Attendance at meetings was broadened")
        );
        assert_eq!(strength_sentence(item(&t, "res.voted"), Lang::En), None);
    }

    #[test]
    fn every_example_answer_fits_its_kind_and_reads_back() {
        let t = template();
        let time = Item { kind: Kind::Time, ..item(&t, "overall.recommendations").clone() };
        let mut kinds = 0;
        for item in t.items().map(|r| r.item).chain([&time]) {
            let Some(example) = example_answer(&item.kind) else {
                assert!(item.kind.is_computed(), "{} has no example", item.id);
                continue;
            };
            assert_eq!(value_problem(item, &example), None, "{}: {example:?}", item.id);
            let written = example.to_ron();
            assert!(!written.contains('\n'), "{written}");
            let read: Result<Value, _> = ron::from_str(&written);
            assert_eq!(read.as_ref().ok(), Some(&example), "{written}");
            kinds += 1;
        }
        assert!(kinds > 40);
        assert_eq!(example_answer(&Kind::Scale).map(|v| v.to_ron()).as_deref(), Some("Scale(4)"));
        assert_eq!(example_answer(&Kind::YesNo { allow_na: true }).map(|v| v.to_ron()).as_deref(), Some("Yes"));
        let count = Kind::Count { min: 0, max: 500, at_most_present: false };
        assert_eq!(example_answer(&count).map(|v| v.to_ron()).as_deref(), Some("Number(12)"));
        let small = Kind::Count { min: 0, max: 5, at_most_present: false };
        assert_eq!(example_answer(&small), Some(Value::Number(5)), "within the item's bounds");
    }
}
