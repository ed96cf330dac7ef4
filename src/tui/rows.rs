//! The rows of the checklist: the meeting facts (section 0) and the template's items, and how
//! each answer is shown. Shared by the checklist and the new-visit form.

use crate::core::answer::AnswerStyle;
use crate::core::problems::FactField;
use crate::core::rules::{ItemStatus, applies, item_answer_text, item_status};
use crate::core::template::{Item, Template};
use crate::core::visit::{ANSWER_FIELD, Conflict, Visit};
use crate::strings::{Lang, Msg};

/// A meeting fact the inspector fills in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact {
    Branch,
    Committee,
    BranchType,
    Kind,
    Date,
    Start,
    End,
    HasCommittee,
    Total,
    Exempted,
    Present,
    ExemptedPresent,
    AbsentExcused,
    AbsentUnexcused,
    Chair,
    MinutesSecretary,
    HigherAttendees,
    Inspectors,
    Round,
}

/// How a fact is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactInput {
    Text,
    Date,
    Time,
    Count,
    YesNo,
    BranchType,
    MeetingKind,
}

impl Fact {
    pub const ALL: [Fact; 19] = [
        Fact::Branch,
        Fact::Committee,
        Fact::BranchType,
        Fact::Kind,
        Fact::Date,
        Fact::Start,
        Fact::End,
        Fact::HasCommittee,
        Fact::Total,
        Fact::Exempted,
        Fact::Present,
        Fact::ExemptedPresent,
        Fact::AbsentExcused,
        Fact::AbsentUnexcused,
        Fact::Chair,
        Fact::MinutesSecretary,
        Fact::HigherAttendees,
        Fact::Inspectors,
        Fact::Round,
    ];

    pub fn label(self) -> Msg {
        match self {
            Fact::Branch => Msg::FactBranch,
            Fact::Committee => Msg::FactCommittee,
            Fact::BranchType => Msg::FactBranchType,
            Fact::Kind => Msg::FactMeetingKind,
            Fact::Date => Msg::FactDate,
            Fact::Start => Msg::FactStart,
            Fact::End => Msg::FactEnd,
            Fact::HasCommittee => Msg::FactHasCommittee,
            Fact::Total => Msg::FactMembersTotal,
            Fact::Exempted => Msg::FactMembersExempted,
            Fact::Present => Msg::FactMembersPresent,
            Fact::ExemptedPresent => Msg::FactMembersExemptedPresent,
            Fact::AbsentExcused => Msg::FactAbsentExcused,
            Fact::AbsentUnexcused => Msg::FactAbsentUnexcused,
            Fact::Chair => Msg::FactChair,
            Fact::MinutesSecretary => Msg::FactMinutesSecretary,
            Fact::HigherAttendees => Msg::FactHigherAttendees,
            Fact::Inspectors => Msg::FactInspectors,
            Fact::Round => Msg::FactRound,
        }
    }

    pub fn input(self) -> FactInput {
        match self {
            Fact::BranchType => FactInput::BranchType,
            Fact::Kind => FactInput::MeetingKind,
            Fact::Date => FactInput::Date,
            Fact::Start | Fact::End => FactInput::Time,
            Fact::HasCommittee => FactInput::YesNo,
            Fact::Total
            | Fact::Exempted
            | Fact::Present
            | Fact::ExemptedPresent
            | Fact::AbsentExcused
            | Fact::AbsentUnexcused => FactInput::Count,
            _ => FactInput::Text,
        }
    }

    /// Branch and committee may never be empty.
    pub fn required(self) -> bool {
        matches!(self, Fact::Branch | Fact::Committee)
    }

    /// The fact's value as text (empty when not yet known).
    pub fn value_text(self, visit: &Visit, lang: Lang) -> String {
        let m = &visit.meeting;
        let count = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        match self {
            Fact::Branch => m.branch.clone(),
            Fact::Committee => m.committee.clone(),
            Fact::BranchType => m.branch_type.label().get(lang).to_string(),
            Fact::Kind => m.kind.label().get(lang).to_string(),
            Fact::Date => m.date.strftime("%d/%m/%Y").to_string(),
            Fact::Start => m.start.map(|t| t.to_string()).unwrap_or_default(),
            Fact::End => m.end.map(|t| t.to_string()).unwrap_or_default(),
            Fact::HasCommittee => match m.has_committee {
                Some(true) => Msg::Yes.get(lang).to_string(),
                Some(false) => Msg::No.get(lang).to_string(),
                None => String::new(),
            },
            Fact::Total => count(m.members.total),
            Fact::Exempted => count(m.members.exempted),
            Fact::Present => count(m.members.present),
            Fact::ExemptedPresent => count(m.members.exempted_present),
            Fact::AbsentExcused => count(m.members.absent_excused),
            Fact::AbsentUnexcused => count(m.members.absent_unexcused),
            Fact::Chair => m.chair.clone(),
            Fact::MinutesSecretary => m.minutes_secretary.clone(),
            Fact::HigherAttendees => m.higher_attendees.clone(),
            Fact::Inspectors => visit.inspectors.join(", "),
            Fact::Round => visit.round.clone().unwrap_or_default(),
        }
    }

    /// The text to start an editor with (dates in the form people type them).
    pub fn edit_text(self, visit: &Visit, lang: Lang) -> String {
        self.value_text(visit, lang)
    }

    /// The field a merge conflict names for this fact ([`crate::core::visit::Conflict::field`]):
    /// the path of its value in the visit file.
    pub fn conflict_field(self) -> &'static str {
        match self {
            Fact::Branch => "meeting.branch",
            Fact::Committee => "meeting.committee",
            Fact::BranchType => "meeting.branch_type",
            Fact::Kind => "meeting.kind",
            Fact::Date => "meeting.date",
            Fact::Start => "meeting.start",
            Fact::End => "meeting.end",
            Fact::HasCommittee => "meeting.has_committee",
            Fact::Total => "meeting.members.total",
            Fact::Exempted => "meeting.members.exempted",
            Fact::Present => "meeting.members.present",
            Fact::ExemptedPresent => "meeting.members.exempted_present",
            Fact::AbsentExcused => "meeting.members.absent_excused",
            Fact::AbsentUnexcused => "meeting.members.absent_unexcused",
            Fact::Chair => "meeting.chair",
            Fact::MinutesSecretary => "meeting.minutes_secretary",
            Fact::HigherAttendees => "meeting.higher_attendees",
            Fact::Inspectors => "inspectors",
            Fact::Round => "round",
        }
    }

    /// The field cross-field problems name for this fact
    /// ([`crate::core::problems::Problem::facts`]), if they look at it.
    pub fn field(self) -> Option<FactField> {
        Some(match self {
            Fact::Start => FactField::Start,
            Fact::End => FactField::End,
            Fact::Total => FactField::Total,
            Fact::Exempted => FactField::Exempted,
            Fact::Present => FactField::Present,
            Fact::ExemptedPresent => FactField::ExemptedPresent,
            Fact::AbsentExcused => FactField::AbsentExcused,
            Fact::AbsentUnexcused => FactField::AbsentUnexcused,
            _ => return None,
        })
    }

    /// The fact row for a field a problem names.
    pub fn of_field(field: FactField) -> Fact {
        match field {
            FactField::Start => Fact::Start,
            FactField::End => Fact::End,
            FactField::Total => Fact::Total,
            FactField::Exempted => Fact::Exempted,
            FactField::Present => Fact::Present,
            FactField::ExemptedPresent => Fact::ExemptedPresent,
            FactField::AbsentExcused => Fact::AbsentExcused,
            FactField::AbsentUnexcused => Fact::AbsentUnexcused,
        }
    }

    pub fn count_mut(self, visit: &mut Visit) -> Option<&mut Option<u32>> {
        let m = &mut visit.meeting.members;
        match self {
            Fact::Total => Some(&mut m.total),
            Fact::Exempted => Some(&mut m.exempted),
            Fact::Present => Some(&mut m.present),
            Fact::ExemptedPresent => Some(&mut m.exempted_present),
            Fact::AbsentExcused => Some(&mut m.absent_excused),
            Fact::AbsentUnexcused => Some(&mut m.absent_unexcused),
            _ => None,
        }
    }
}

/// A row of the checklist: a fact (section 0) or an item (by its index in its section).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Fact(Fact),
    Item { section: usize, index: usize },
}

/// Number of sections shown: the facts, then the template's.
pub fn section_count(template: &Template) -> usize {
    template.sections.len() + 1
}

pub fn section_title(template: &Template, section: usize, lang: Lang) -> String {
    match section {
        0 => Msg::FactsSection.get(lang).to_string(),
        s => template.sections.get(s - 1).map(|s| s.title.get(lang).to_string()).unwrap_or_default(),
    }
}

/// The rows of a section, in order.
pub fn rows(template: &Template, section: usize) -> Vec<Row> {
    match section {
        0 => Fact::ALL.iter().map(|f| Row::Fact(*f)).collect(),
        s => template
            .sections
            .get(s - 1)
            .map(|sec| (0..sec.items.len()).map(|index| Row::Item { section: s, index }).collect())
            .unwrap_or_default(),
    }
}

pub fn row_item(template: &Template, row: Row) -> Option<&Item> {
    match row {
        Row::Item { section, index } => template.sections.get(section - 1)?.items.get(index),
        Row::Fact(_) => None,
    }
}

/// Whether navigation stops on this row (items whose condition does not hold are skipped).
pub fn row_enabled(template: &Template, visit: &Visit, row: Row) -> bool {
    match row_item(template, row) {
        Some(item) => applies(item, visit),
        None => true,
    }
}

/// Answered/asked counts for a section, for the progress column.
pub fn section_progress(template: &Template, visit: &Visit, section: usize) -> (usize, usize) {
    if section == 0 {
        let known = Fact::ALL.iter().filter(|f| !f.value_text(visit, Lang::Vi).is_empty()).count();
        return (known, Fact::ALL.len());
    }
    let Some(sec) = template.sections.get(section - 1) else { return (0, 0) };
    let mut answered = 0;
    let mut total = 0;
    for item in sec.items.iter().filter(|i| applies(i, visit) && !i.kind.is_computed()) {
        total += 1;
        if visit.value(&item.id).is_some() {
            answered += 1;
        }
    }
    (answered, total)
}

/// Findings in a section, for the section list.
pub fn section_findings(template: &Template, visit: &Visit, section: usize) -> usize {
    if section == 0 {
        return 0;
    }
    template
        .sections
        .get(section - 1)
        .map_or(0, |sec| sec.items.iter().filter(|i| item_status(i, visit) == ItemStatus::Fail).count())
}

/// The answer of an item as shown in lists and the detail panel.
pub fn answer_text(item: &Item, visit: &Visit, lang: Lang) -> String {
    item_answer_text(item, visit, lang, AnswerStyle::Checklist)
}

/// The merge conflict waiting on a row, with its place in the visit's list.
pub fn row_conflict<'a>(template: &Template, visit: &'a Visit, row: Row) -> Option<(usize, &'a Conflict)> {
    let field = match row {
        Row::Fact(fact) => fact.conflict_field().to_string(),
        row => format!("{ANSWER_FIELD}{}", row_item(template, row)?.id),
    };
    visit.conflicts.iter().enumerate().find(|(_, c)| c.field == field)
}

/// Both sides of a conflict in words, "Có (Lê Thị Tú, 05/04 09:00)", times in `zone`.
pub fn conflict_sides_text(
    template: &Template,
    conflict: &Conflict,
    zone: &jiff::tz::TimeZone,
    lang: Lang,
) -> [String; 2] {
    let (one, two) = crate::core::merge::conflict_words(Some(template), conflict);
    [one.text_in(zone, lang), two.text_in(zone, lang)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::template::Template;
    use crate::core::visit::{NewVisit, TimeOfDay};

    #[test]
    fn computed_answers_read_in_the_users_language() {
        let t = Template::embedded();
        let facts = NewVisit { branch: "Chi bộ số 3".into(), ..crate::testing::sample_facts() };
        let mut visit = Visit::new(&t, facts, jiff::Timestamp::UNIX_EPOCH);
        visit.meeting.start = TimeOfDay::new(19, 30);
        visit.meeting.end = TimeOfDay::new(20, 45);
        let duration = t.item("att.duration").map(|r| r.item).expect("item");
        assert_eq!(answer_text(duration, &visit, Lang::Vi), "75 phút");
        assert_eq!(answer_text(duration, &visit, Lang::En), "75 min");
    }
}
