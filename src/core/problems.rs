//! Problems: what keeps a visit from being final (or a file from loading), found from the facts
//! and the answers alone, and said in words.
//!
//! The checks here look at one meeting's facts or one answer; `rules::problems` runs them over a
//! visit, together with the conditions that decide which items apply.

use crate::core::template::{Choice, Item, Kind, Localized};
use crate::core::visit::{ANSWER_FIELD, BranchType, Meeting, MeetingKind, Members, TimeOfDay, Value};
use crate::strings::{Lang, MergeMsg, Msg};

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

impl Unmet {
    /// Why an item does not apply, in words: "the branch has no chi ủy", "meeting kind: Thematic".
    /// `name` turns an item id into what the user should see.
    pub fn words(&self, lang: Lang, name: &dyn Fn(&str) -> String) -> String {
        match self {
            Unmet::HasCommittee(false) => Msg::UnmetNoCommittee.get(lang).to_string(),
            Unmet::HasCommittee(true) => Msg::UnmetHasCommittee.get(lang).to_string(),
            Unmet::MeetingKind(kind) => Msg::UnmetMeetingKind.fill(lang, &[&kind.label().get(lang)]),
            Unmet::BranchType(t) => Msg::UnmetBranchType.fill(lang, &[&t.label().get(lang)]),
            Unmet::Answer { item, answer } => Msg::UnmetAnswer.fill(lang, &[&name(item), &answer.get(lang)]),
        }
    }
}

/// Something to fix before a visit may be marked final.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A meeting fact a final visit needs (the times, the member counts) is not entered.
    MissingFact { fact: FactField },
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
    /// The members expected (total − exempted) are not those present (less the exempted who
    /// came) plus those absent with and without a reason.
    MembersDoNotAddUp { total: u32, exempted: u32, present: u32, exempted_present: u32, excused: u32, unexcused: u32 },
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
    /// Two copies of the visit changed this differently and git merged them: both are kept in the
    /// file until a person picks one (see [`crate::core::merge`]). `field` as the conflict names
    /// it: `answers.ITEM`, `meeting.members.present`, `notes`.
    Conflict { field: String, one: ConflictWords, two: ConflictWords },
}

/// One side of a merge conflict as people read it: the value in both languages, who and when.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictWords {
    pub value: Localized,
    pub by: String,
    pub at: jiff::Timestamp,
}

impl ConflictWords {
    /// "Có (Lê Thị Tú, 01/12 10:02)", at the time of the user's clock.
    pub fn text(&self, lang: Lang) -> String {
        let at = self.at.to_zoned_datetime(jiff::tz::TimeZone::system()).strftime("%d/%m %H:%M").to_string();
        let value = self.value.get(lang);
        if self.by.trim().is_empty() {
            MergeMsg::SideAt.fill(lang, &[&value, &at])
        } else {
            MergeMsg::SideBy.fill(lang, &[&value, &self.by, &at])
        }
    }
}

impl Problem {
    /// The problem as a sentence. `name` turns an item id into what the user should see (its
    /// text, or the id itself).
    pub fn message(&self, lang: Lang, name: &dyn Fn(&str) -> String) -> String {
        match self {
            Problem::MissingFact { fact } => Msg::ProblemMissingFact.fill(lang, &[&fact.label().get(lang)]),
            Problem::MembersDoNotAddUp { total, exempted, present, exempted_present, excused, unexcused } => {
                let expected = total.saturating_sub(*exempted);
                let came = present.saturating_sub(*exempted_present);
                let accounted = came.saturating_add(*excused).saturating_add(*unexcused);
                let args: [&dyn std::fmt::Display; 8] =
                    [&expected, total, exempted, &accounted, &came, excused, unexcused, &accounted.abs_diff(expected)];
                Msg::ProblemMembersDoNotAddUp.fill(lang, &args)
            }
            Problem::Unanswered { item } => Msg::ProblemUnanswered.fill(lang, &[&name(item)]),
            Problem::MoreThanPresent { item, value, present } => {
                Msg::ProblemMoreThanPresent.fill(lang, &[&name(item), value, present])
            }
            Problem::AttendanceExceedsTotal { counted, total } => {
                Msg::ProblemAttendanceExceedsTotal.fill(lang, &[counted, total])
            }
            Problem::ExemptedExceedsTotal { exempted, total } => {
                Msg::ProblemExemptedExceedsTotal.fill(lang, &[exempted, total])
            }
            Problem::ExemptedPresentExceedsExempted { exempted_present, exempted } => {
                Msg::ProblemExemptedPresentExceedsExempted.fill(lang, &[exempted_present, exempted])
            }
            Problem::ExemptedPresentExceedsPresent { exempted_present, present } => {
                Msg::ProblemExemptedPresentExceedsPresent.fill(lang, &[exempted_present, present])
            }
            Problem::PresentExceedsExpected { present, exempted_present, total, exempted } => {
                let args: [&dyn std::fmt::Display; 7] = [
                    present,
                    exempted_present,
                    &present.saturating_sub(*exempted_present),
                    total,
                    exempted,
                    &total.saturating_sub(*exempted),
                    &Msg::FactMembersExemptedPresent.get(lang),
                ];
                Msg::ProblemPresentExceedsExpected.fill(lang, &args)
            }
            Problem::EndBeforeStart => Msg::ProblemEndBeforeStart.get(lang).to_string(),
            Problem::WrongValue { item, expected: Kind::Computed(_) } => {
                Msg::ProblemAnswerOnComputed.fill(lang, &[&name(item)])
            }
            Problem::WrongValue { item, expected } => {
                // Only a choice without options has no example; `template check` refuses such an item.
                let example = example_answer(expected).map_or_else(|| "—".to_string(), |v| v.to_ron());
                Msg::ProblemWrongValue.fill(lang, &[&name(item), &answer_kind_words(expected, lang), &example])
            }
            Problem::OutOfRange { item, value, min, max } => {
                Msg::ProblemOutOfRange.fill(lang, &[&name(item), value, min, max])
            }
            Problem::UnknownOption { item, option, options } => {
                Msg::ProblemUnknownOption.fill(lang, &[&name(item), option, &options.join(", ")])
            }
            Problem::AnswerIgnored { item, because } => {
                Msg::ProblemAnswerIgnored.fill(lang, &[&name(item), &because.words(lang, name)])
            }
            Problem::RepeatedOption { item, option } => Msg::ProblemRepeatedOption.fill(lang, &[&name(item), option]),
            Problem::Conflict { field, one, two } => {
                let sides: [&dyn std::fmt::Display; 2] = [&one.text(lang), &two.text(lang)];
                match field.strip_prefix(ANSWER_FIELD) {
                    Some(item) => MergeMsg::ProblemAnswers.fill(lang, &[&name(item), sides[0], sides[1]]),
                    None => MergeMsg::ProblemValues.fill(lang, &[&field_label(field, lang), sides[0], sides[1]]),
                }
            }
        }
    }

    /// Only something not filled in yet: normal while a visit is a draft, unlike data that
    /// contradicts itself or the template (which `validate` reports even on a draft).
    pub fn is_missing(&self) -> bool {
        matches!(self, Problem::Unanswered { .. } | Problem::MissingFact { .. })
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
            Problem::Conflict { field, .. } => field.strip_prefix(ANSWER_FIELD),
            Problem::AttendanceExceedsTotal { .. }
            | Problem::ExemptedExceedsTotal { .. }
            | Problem::ExemptedPresentExceedsExempted { .. }
            | Problem::ExemptedPresentExceedsPresent { .. }
            | Problem::PresentExceedsExpected { .. }
            | Problem::MissingFact { .. }
            | Problem::MembersDoNotAddUp { .. }
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
            Problem::MissingFact { fact } => std::slice::from_ref(fact.as_static()),
            Problem::MembersDoNotAddUp { .. } => &[AbsentUnexcused, AbsentExcused, Present, Total, Exempted],
            Problem::Conflict { field, .. } => FactField::ALL
                .iter()
                .find(|f| field.strip_prefix("meeting.") == Some(f.field_path()))
                .map_or(&[], |f| std::slice::from_ref(f.as_static())),
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
    /// The facts a final visit needs: when the meeting ran, and how many members were expected,
    /// came, and stayed away with and without a reason. (Exempted members default to none.)
    pub const NEEDED: [FactField; 6] = [
        FactField::Start,
        FactField::End,
        FactField::Total,
        FactField::Present,
        FactField::AbsentExcused,
        FactField::AbsentUnexcused,
    ];

    /// The same fact, as a `'static` one (for [`Problem::facts`]).
    fn as_static(self) -> &'static FactField {
        use FactField::*;
        match self {
            Start => &Start,
            End => &End,
            Total => &Total,
            Exempted => &Exempted,
            Present => &Present,
            ExemptedPresent => &ExemptedPresent,
            AbsentExcused => &AbsentExcused,
            AbsentUnexcused => &AbsentUnexcused,
        }
    }

    /// What the fact is called on the screen.
    pub fn label(self) -> Msg {
        match self {
            FactField::Start => Msg::FactStart,
            FactField::End => Msg::FactEnd,
            FactField::Total => Msg::FactMembersTotal,
            FactField::Exempted => Msg::FactMembersExempted,
            FactField::Present => Msg::FactMembersPresent,
            FactField::ExemptedPresent => Msg::FactMembersExemptedPresent,
            FactField::AbsentExcused => Msg::FactAbsentExcused,
            FactField::AbsentUnexcused => Msg::FactAbsentUnexcused,
        }
    }

    /// Whether the fact is entered in `meeting`.
    pub fn is_entered(self, meeting: &Meeting) -> bool {
        let m = &meeting.members;
        match self {
            FactField::Start => meeting.start.is_some(),
            FactField::End => meeting.end.is_some(),
            FactField::Total => m.total.is_some(),
            FactField::Exempted => m.exempted.is_some(),
            FactField::Present => m.present.is_some(),
            FactField::ExemptedPresent => m.exempted_present.is_some(),
            FactField::AbsentExcused => m.absent_excused.is_some(),
            FactField::AbsentUnexcused => m.absent_unexcused.is_some(),
        }
    }

    /// Every fact, in the order of the form.
    pub const ALL: [FactField; 8] = [
        FactField::Start,
        FactField::End,
        FactField::Total,
        FactField::Exempted,
        FactField::Present,
        FactField::ExemptedPresent,
        FactField::AbsentExcused,
        FactField::AbsentUnexcused,
    ];

    /// Where it is in a visit's `meeting`, as a merge conflict names it after `meeting.`.
    pub fn field_path(self) -> &'static str {
        match self {
            FactField::Start => "start",
            FactField::End => "end",
            FactField::Total => "members.total",
            FactField::Exempted => "members.exempted",
            FactField::Present => "members.present",
            FactField::ExemptedPresent => "members.exempted_present",
            FactField::AbsentExcused => "members.absent_excused",
            FactField::AbsentUnexcused => "members.absent_unexcused",
        }
    }

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

/// What a merge conflict's field (not an answer) is called on the screen; the field itself when
/// it has no name of its own.
pub fn field_label(field: &str, lang: Lang) -> String {
    let fact = FactField::ALL.into_iter().find(|f| field.strip_prefix("meeting.") == Some(f.field_path()));
    let msg = match field {
        _ if fact.is_some() => fact.map(FactField::label),
        "meeting.branch" => Some(Msg::FactBranch),
        "meeting.committee" => Some(Msg::FactCommittee),
        "meeting.branch_type" => Some(Msg::FactBranchType),
        "meeting.kind" => Some(Msg::FactMeetingKind),
        "meeting.date" => Some(Msg::FactDate),
        "meeting.has_committee" => Some(Msg::FactHasCommittee),
        "meeting.chair" => Some(Msg::FactChair),
        "meeting.minutes_secretary" => Some(Msg::FactMinutesSecretary),
        "meeting.higher_attendees" => Some(Msg::FactHigherAttendees),
        "inspectors" => Some(Msg::FactInspectors),
        "round" => Some(Msg::FactRound),
        "notes" => return MergeMsg::FieldNotes.get(lang).to_string(),
        "template" => return MergeMsg::FieldTemplate.get(lang).to_string(),
        _ => None,
    };
    msg.map_or_else(|| field.to_string(), |m| m.get(lang).to_string())
}

/// Cross-field rules on the meeting facts.
pub fn fact_problems(meeting: &Meeting) -> Vec<Problem> {
    let mut problems = member_problems(&meeting.members);
    if problems.is_empty()
        && let Some(p) = members_do_not_add_up(&meeting.members)
    {
        problems.push(p);
    }
    if let (Some(start), Some(end)) = (meeting.start, meeting.end)
        && end <= start
    {
        problems.push(Problem::EndBeforeStart);
    }
    problems
}

/// Member counts that cannot all be true.
pub fn member_problems(m: &Members) -> Vec<Problem> {
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

/// The members expected against those accounted for, once every count is entered. Not a reason
/// to drop the attendance rate ([`member_problems`] is): present over expected still holds when
/// the absences are miscounted.
fn members_do_not_add_up(m: &Members) -> Option<Problem> {
    let (total, present, excused, unexcused) = (m.total?, m.present?, m.absent_excused?, m.absent_unexcused?);
    let (exempted, exempted_present) = (m.exempted.unwrap_or(0), m.exempted_present.unwrap_or(0));
    let expected = total.checked_sub(exempted)?;
    let accounted = present.checked_sub(exempted_present)?.checked_add(excused)?.checked_add(unexcused)?;
    (accounted != expected).then_some(Problem::MembersDoNotAddUp {
        total,
        exempted,
        present,
        exempted_present,
        excused,
        unexcused,
    })
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
        Kind::Time => Value::Time(TimeOfDay::new(14, 30)?),
        Kind::Computed(_) => return None,
    })
}

fn unknown_option(item: &Item, options: &[Choice], chosen: &[String]) -> Option<Problem> {
    let unknown = chosen.iter().find(|id| !options.iter().any(|o| o.id == **id))?;
    Some(Problem::UnknownOption {
        item: item.id.clone(),
        option: unknown.clone(),
        options: options.iter().map(|o| o.id.clone()).collect(),
    })
}

/// What an item of `kind` takes, in words: "a score on the 1–5 scale", "one of the options …".
pub fn answer_kind_words(kind: &Kind, lang: Lang) -> String {
    let ids = |options: &[Choice]| options.iter().map(|o| o.id.as_str()).collect::<Vec<_>>().join(", ");
    match kind {
        Kind::YesNo { allow_na: false } => Msg::AnswerKindYesNo.get(lang).to_string(),
        Kind::YesNo { allow_na: true } => Msg::AnswerKindYesNoNa.get(lang).to_string(),
        Kind::Count { min, max, .. } => Msg::AnswerKindCount.fill(lang, &[min, max]),
        Kind::CountPair { max, .. } => Msg::AnswerKindPair.fill(lang, &[max]),
        Kind::Scale => Msg::AnswerKindScale.get(lang).to_string(),
        Kind::Choice { options } => Msg::AnswerKindChoice.fill(lang, &[&ids(options)]),
        Kind::MultiChoice { options } => Msg::AnswerKindMultiChoice.fill(lang, &[&ids(options)]),
        Kind::Text { .. } => Msg::AnswerKindText.get(lang).to_string(),
        Kind::Time => Msg::AnswerKindTime.get(lang).to_string(),
        // Never asked: `Problem::message` words an answer on a computed item on its own.
        Kind::Computed(_) => String::new(),
    }
}

/// The sample visit of the core's tests (the rules' tests use it too).
#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::core::template::Template;
    use crate::core::visit::{NewVisit, Visit};

    pub(crate) fn template() -> Template {
        Template::embedded()
    }

    /// Chi bộ số 11 of Đảng bộ phường Mai Dịch, a regular meeting on 5 April 2022, nothing answered.
    pub(crate) fn visit(template: &Template) -> Visit {
        let facts = NewVisit { inspectors: vec![], round: None, ..crate::testing::sample_facts() };
        Visit::new(template, facts, jiff::Timestamp::UNIX_EPOCH)
    }

    pub(crate) fn item<'a>(template: &'a Template, id: &str) -> &'a Item {
        template.item(id).map(|r| r.item).unwrap_or_else(|| panic!("no item {id}"))
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
