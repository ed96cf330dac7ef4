//! The meeting facts two records of one meeting are compared on, each read and written as a
//! [`Value`] so that a fact and an answer go through the same comparison and the same pick.

use crate::core::visit::{BranchType, MeetingKind, TimeOfDay, Value, Visit};
use crate::strings::{Lang, Msg};

/// A meeting fact a record holds. The date is not one: records of one meeting share it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact {
    Branch,
    Committee,
    BranchType,
    Kind,
    Start,
    End,
    HasCommittee,
    Chair,
    MinutesSecretary,
    HigherAttendees,
    Total,
    Exempted,
    Present,
    ExemptedPresent,
    AbsentExcused,
    AbsentUnexcused,
    Round,
}

impl Fact {
    /// In the order of the new-visit form.
    pub const ALL: [Fact; 17] = [
        Fact::Branch,
        Fact::Committee,
        Fact::BranchType,
        Fact::Kind,
        Fact::Start,
        Fact::End,
        Fact::HasCommittee,
        Fact::Chair,
        Fact::MinutesSecretary,
        Fact::HigherAttendees,
        Fact::Total,
        Fact::Exempted,
        Fact::Present,
        Fact::ExemptedPresent,
        Fact::AbsentExcused,
        Fact::AbsentUnexcused,
        Fact::Round,
    ];

    /// Its name where a pick names it (`--pick meeting.members.present=a`): the same names a merge
    /// conflict's `field` uses.
    pub fn key(self) -> &'static str {
        match self {
            Fact::Branch => "meeting.branch",
            Fact::Committee => "meeting.committee",
            Fact::BranchType => "meeting.branch_type",
            Fact::Kind => "meeting.kind",
            Fact::Start => "meeting.start",
            Fact::End => "meeting.end",
            Fact::HasCommittee => "meeting.has_committee",
            Fact::Chair => "meeting.chair",
            Fact::MinutesSecretary => "meeting.minutes_secretary",
            Fact::HigherAttendees => "meeting.higher_attendees",
            Fact::Total => "meeting.members.total",
            Fact::Exempted => "meeting.members.exempted",
            Fact::Present => "meeting.members.present",
            Fact::ExemptedPresent => "meeting.members.exempted_present",
            Fact::AbsentExcused => "meeting.members.absent_excused",
            Fact::AbsentUnexcused => "meeting.members.absent_unexcused",
            Fact::Round => "round",
        }
    }

    /// Its name for people.
    pub fn label(self) -> Msg {
        match self {
            Fact::Branch => Msg::FactBranch,
            Fact::Committee => Msg::FactCommittee,
            Fact::BranchType => Msg::FactBranchType,
            Fact::Kind => Msg::FactMeetingKind,
            Fact::Start => Msg::FactStart,
            Fact::End => Msg::FactEnd,
            Fact::HasCommittee => Msg::FactHasCommittee,
            Fact::Chair => Msg::FactChair,
            Fact::MinutesSecretary => Msg::FactMinutesSecretary,
            Fact::HigherAttendees => Msg::FactHigherAttendees,
            Fact::Total => Msg::FactMembersTotal,
            Fact::Exempted => Msg::FactMembersExempted,
            Fact::Present => Msg::FactMembersPresent,
            Fact::ExemptedPresent => Msg::FactMembersExemptedPresent,
            Fact::AbsentExcused => Msg::FactAbsentExcused,
            Fact::AbsentUnexcused => Msg::FactAbsentUnexcused,
            Fact::Round => Msg::FactRound,
        }
    }

    /// The fact in `visit`; None when not entered.
    pub fn get(self, visit: &Visit) -> Option<Value> {
        let m = &visit.meeting;
        let text = |s: &str| (!s.trim().is_empty()).then(|| Value::Text(s.to_string()));
        let number = |n: Option<u32>| n.map(Value::Number);
        match self {
            Fact::Branch => text(&m.branch),
            Fact::Committee => text(&m.committee),
            Fact::BranchType => Some(Value::Choice(m.branch_type.id().to_string())),
            Fact::Kind => Some(Value::Choice(m.kind.id().to_string())),
            Fact::Start => m.start.map(Value::Time),
            Fact::End => m.end.map(Value::Time),
            Fact::HasCommittee => m.has_committee.map(|yes| if yes { Value::Yes } else { Value::No }),
            Fact::Chair => text(&m.chair),
            Fact::MinutesSecretary => text(&m.minutes_secretary),
            Fact::HigherAttendees => text(&m.higher_attendees),
            Fact::Total => number(m.members.total),
            Fact::Exempted => number(m.members.exempted),
            Fact::Present => number(m.members.present),
            Fact::ExemptedPresent => number(m.members.exempted_present),
            Fact::AbsentExcused => number(m.members.absent_excused),
            Fact::AbsentUnexcused => number(m.members.absent_unexcused),
            Fact::Round => visit.round.as_deref().and_then(text),
        }
    }

    /// Set the fact in `visit` to `value` (as [`Fact::get`] gives it). A value of another shape
    /// leaves the fact as it was: values only come from `get`.
    pub fn set(self, visit: &mut Visit, value: Option<Value>) {
        let m = &mut visit.meeting;
        let text = |v: &Option<Value>| match v {
            Some(Value::Text(t)) => t.clone(),
            _ => String::new(),
        };
        let number = |v: &Option<Value>| match v {
            Some(Value::Number(n)) => Some(*n),
            _ => None,
        };
        let time = |v: &Option<Value>| match v {
            Some(Value::Time(t)) => Some(*t),
            _ => None::<TimeOfDay>,
        };
        match self {
            Fact::Branch if value.is_some() => m.branch = text(&value),
            Fact::Committee if value.is_some() => m.committee = text(&value),
            Fact::Branch | Fact::Committee => {}
            Fact::BranchType => {
                if let Some(Value::Choice(id)) = &value
                    && let Some(t) = BranchType::from_id(id)
                {
                    m.branch_type = t;
                }
            }
            Fact::Kind => {
                if let Some(Value::Choice(id)) = &value
                    && let Some(k) = MeetingKind::ALL.into_iter().find(|k| k.id() == id)
                {
                    m.kind = k;
                }
            }
            Fact::Start => m.start = time(&value),
            Fact::End => m.end = time(&value),
            Fact::HasCommittee => m.has_committee = value.map(|v| v == Value::Yes),
            Fact::Chair => m.chair = text(&value),
            Fact::MinutesSecretary => m.minutes_secretary = text(&value),
            Fact::HigherAttendees => m.higher_attendees = text(&value),
            Fact::Total => m.members.total = number(&value),
            Fact::Exempted => m.members.exempted = number(&value),
            Fact::Present => m.members.present = number(&value),
            Fact::ExemptedPresent => m.members.exempted_present = number(&value),
            Fact::AbsentExcused => m.members.absent_excused = number(&value),
            Fact::AbsentUnexcused => m.members.absent_unexcused = number(&value),
            Fact::Round => visit.round = value.is_some().then(|| text(&value)),
        }
    }

    /// A value of this fact in words.
    pub fn text(self, value: &Value, lang: Lang) -> String {
        match (self, value) {
            (Fact::BranchType, Value::Choice(id)) => {
                BranchType::from_id(id).map_or(id.clone(), |t| t.label().get(lang).into())
            }
            (Fact::Kind, Value::Choice(id)) => {
                MeetingKind::ALL.into_iter().find(|k| k.id() == id).map_or(id.clone(), |k| k.label().get(lang).into())
            }
            (_, Value::Yes) => Msg::Yes.get(lang).to_string(),
            (_, Value::No) => Msg::No.get(lang).to_string(),
            (_, Value::Number(n)) => n.to_string(),
            (_, Value::Time(t)) => t.to_string(),
            (_, Value::Text(t)) => t.clone(),
            (_, other) => other.to_ron(),
        }
    }
}
