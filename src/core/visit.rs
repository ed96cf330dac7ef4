//! One visit: the facts of one meeting attended, the answers given against a template, and their notes.

use std::collections::BTreeMap;
use std::fmt;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};

pub use crate::core::branch_type::BranchType;
use crate::core::template::Template;
use crate::core::text::clean;
use crate::strings::Msg;

/// The newest visit file format this build reads and writes. A file is written with the oldest
/// format that holds what it records ([`Visit::schema_needed`]), so files that do not use what a
/// format added stay readable by the builds other inspectors may still run.
///
/// 1: the first format. 2: `members.exempted_present`. 3: `saved_by`, `conflicts`,
/// `reconciled_from`, `reconciled_into` (a team's copies merged and reconciled).
pub const SCHEMA_VERSION: u32 = 3;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Visit {
    pub schema: u32,
    pub template: TemplateRef,
    /// The round this visit belongs to: the decision number, e.g. "967-QĐ/QU".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<String>,
    pub meeting: Meeting,
    #[serde(default)]
    pub inspectors: Vec<String>,
    /// Answers keyed by item id; a sorted map so files diff cleanly. An id given twice is an
    /// error, not "the last one wins": a silently dropped answer would be lost data.
    #[serde(default, deserialize_with = "unique_answers")]
    pub answers: BTreeMap<String, Answer>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    pub status: VisitStatus,
    /// Who marked the visit final, when, and the hash of its content then (see [`finalise`]).
    /// Kept after a reopening, as the record of the last finalisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finalised: Option<Finalised>,
    /// Every reopening of a final visit, oldest first, with its reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reopened: Vec<Reopened>,
    /// The item last answered, so reopening resumes there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_item: Option<String>,
    pub created: Timestamp,
    pub updated: Timestamp,
    /// Who saved this file last (the configured inspector, else the login name): the "who" of a
    /// side when two copies are merged ([`ConflictSide::by`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub saved_by: String,
    /// What two copies of this visit changed differently, found when git merged them; each waits
    /// here, both sides kept, until a person picks one. A visit with conflicts cannot be final.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
    /// On a visit made by reconciling two records of one meeting: the file names of those records.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reconciled_from: Vec<String>,
    /// On a record that was reconciled with another: the file name of the visit that replaced it.
    /// Such a record is kept for its history but no longer counted or listed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reconciled_into: Option<String>,
}

/// One thing two copies of a visit changed differently, kept in the file as data (not as text
/// markers) so that `validate` names it and the checklist offers both sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// What differs: `answers.ITEM_ID`, `meeting.FIELD` (e.g. `meeting.members.present`),
    /// `notes`, `inspectors`, `round`.
    pub field: String,
    pub one: ConflictSide,
    pub two: ConflictSide,
}

/// One side of a [`Conflict`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConflictSide {
    /// Who saved that copy last (its `saved_by`, else its inspectors) and when (its `updated`).
    pub by: String,
    pub at: Timestamp,
    /// For an answer: that copy's answer (`None`: it has no answer to the item).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<Answer>,
    /// For anything else: that copy's value as the file writes it (`Some(22)`, `"Bí thư"`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub value: String,
}

/// The prefix of a [`Conflict::field`] naming an answer.
pub const ANSWER_FIELD: &str = "answers.";

impl Conflict {
    /// The item id, when the conflict is about an answer.
    pub fn item(&self) -> Option<&str> {
        self.field.strip_prefix(ANSWER_FIELD)
    }
}

/// The start of the serde error message for an answer id given twice in a file; the store turns
/// it into its own error, with the id and the line.
pub const DUPLICATE_ANSWER: &str = "duplicate answer id: ";

/// The answers map, refusing an id that appears twice (serde's maps keep the last value).
fn unique_answers<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, Answer>, D::Error> {
    struct Unique;
    impl<'de> serde::de::Visitor<'de> for Unique {
        type Value = BTreeMap<String, Answer>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a map of answers")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut answers = BTreeMap::new();
            while let Some(id) = map.next_key::<String>()? {
                if answers.contains_key(&id) {
                    return Err(serde::de::Error::custom(format_args!("{DUPLICATE_ANSWER}{id}")));
                }
                let answer = map.next_value()?;
                answers.insert(id, answer);
            }
            Ok(answers)
        }
    }
    d.deserialize_map(Unique)
}

/// Which template a visit was filled against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateRef {
    pub id: String,
    pub version: u32,
    pub hash: String,
}

impl TemplateRef {
    /// A reference to `template`.
    pub fn of(template: &Template) -> TemplateRef {
        TemplateRef { id: template.id.clone(), version: template.version, hash: template.content_hash() }
    }
}

/// The record of marking a visit final.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finalised {
    pub by: String,
    pub at: Timestamp,
    /// [`content_hash`] of the visit when it was marked final.
    pub hash: String,
}

/// The record of reopening a final visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reopened {
    pub by: String,
    pub at: Timestamp,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum VisitStatus {
    #[default]
    Draft,
    Final,
}

impl VisitStatus {
    /// Its name for people.
    pub fn label(self) -> Msg {
        match self {
            VisitStatus::Draft => Msg::Draft,
            VisitStatus::Final => Msg::Final,
        }
    }
}

/// The facts of the meeting, asked before the checklist. They make no findings of their own,
/// but computed items and conditions are derived from them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub branch: String,
    pub committee: String,
    pub branch_type: BranchType,
    pub kind: MeetingKind,
    pub date: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<TimeOfDay>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<TimeOfDay>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_committee: Option<bool>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub chair: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub minutes_secretary: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub higher_attendees: String,
    #[serde(default)]
    pub members: Members,
}

/// Member counts; each is unknown until the inspector enters it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Members {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exempted: Option<u32>,
    /// Everyone present, exempted members who came included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub present: Option<u32>,
    /// Of those present, how many are exempted: they may attend, but they are not expected, so
    /// they count neither for the attendance rate nor against it. Unknown means none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exempted_present: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub absent_excused: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub absent_unexcused: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    #[default]
    Regular,
    Thematic,
    Combined,
}

impl MeetingKind {
    pub const ALL: [MeetingKind; 3] = [MeetingKind::Regular, MeetingKind::Thematic, MeetingKind::Combined];

    pub fn id(self) -> &'static str {
        match self {
            MeetingKind::Regular => "regular",
            MeetingKind::Thematic => "thematic",
            MeetingKind::Combined => "combined",
        }
    }

    /// Its name for people.
    pub fn label(self) -> Msg {
        match self {
            MeetingKind::Regular => Msg::KindRegular,
            MeetingKind::Thematic => Msg::KindThematic,
            MeetingKind::Combined => Msg::KindCombined,
        }
    }
}

/// One answer and its note. Either may be absent: a note can be written before deciding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Answer {
    pub fn is_empty(&self) -> bool {
        self.value.is_none() && self.note.is_empty()
    }
}

/// An answer's value; which variant fits is decided by the item's kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Value {
    Yes,
    No,
    NotApplicable,
    Number(u32),
    Pair(u32, u32),
    Scale(u8),
    Choice(String),
    Choices(Vec<String>),
    Text(String),
    Time(TimeOfDay),
}

impl Value {
    /// The value as a visit file writes it inside `value: Some(…)`, e.g. `Scale(4)`,
    /// `Choices(["time", "place"])`: for messages that show how an answer is written.
    pub fn to_ron(&self) -> String {
        // On one line, spaced as in a file: `Pair(2, 4)`, `Choices(["a", "b"])`.
        let config = ron::ser::PrettyConfig::new().compact_arrays(true).new_line(" ").indentor("");
        // Plain data always serialises; an empty text would only shorten a message.
        ron::ser::to_string_pretty(self, config).unwrap_or_default()
    }
}

/// A time of day in minutes since midnight, written `"hh:mm"` in files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    pub fn new(hour: u8, minute: u8) -> Option<TimeOfDay> {
        (hour < 24 && minute < 60).then(|| TimeOfDay(u16::from(hour) * 60 + u16::from(minute)))
    }

    pub fn minutes(self) -> u16 {
        self.0
    }

    /// Accepts `14:30`, `14h30`, `14h`, `1430` and `9:05`.
    pub fn parse(input: &str) -> Option<TimeOfDay> {
        let s = input.trim().to_lowercase();
        let (h, m) = if let Some((h, m)) = s.split_once([':', 'h', '.']) {
            (h.trim(), if m.trim().is_empty() { "0" } else { m.trim() })
        } else if s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()) {
            s.split_at(2)
        } else {
            (s.as_str(), "0")
        };
        TimeOfDay::new(h.parse().ok()?, m.parse().ok()?)
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl Serialize for TimeOfDay {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        TimeOfDay::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("expected a time hh:mm, found \"{text}\"")))
    }
}

/// Parse a date typed by a person: `2022-04-05` or `05/04/2022` (day first, as written in Vietnam).
pub fn parse_date(input: &str) -> Option<Date> {
    let s = input.trim();
    if let Ok(d) = s.parse::<Date>() {
        return Some(d);
    }
    let mut parts = s.split(['/', '.', '-']);
    let day: i8 = parts.next()?.trim().parse().ok()?;
    let month: i8 = parts.next()?.trim().parse().ok()?;
    let year: i16 = parts.next()?.trim().parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    Date::new(year, month, day).ok()
}

/// The current time, to the second (sub-second digits only clutter the file).
pub fn now() -> Timestamp {
    Timestamp::now().round(jiff::Unit::Second).unwrap_or_else(|_| Timestamp::now())
}

/// What a new visit needs to start.
#[derive(Debug, Clone)]
pub struct NewVisit {
    pub branch: String,
    pub committee: String,
    pub branch_type: BranchType,
    pub kind: MeetingKind,
    pub date: Date,
    pub inspectors: Vec<String>,
    pub round: Option<String>,
}

impl Visit {
    /// A fresh draft against `template`, created at `now`.
    pub fn new(template: &Template, facts: NewVisit, now: Timestamp) -> Visit {
        let mut visit = Visit {
            schema: SCHEMA_VERSION,
            template: TemplateRef::of(template),
            round: facts.round,
            meeting: Meeting {
                branch: facts.branch,
                committee: facts.committee,
                branch_type: facts.branch_type,
                kind: facts.kind,
                date: facts.date,
                start: None,
                end: None,
                has_committee: None,
                chair: String::new(),
                minutes_secretary: String::new(),
                higher_attendees: String::new(),
                members: Members::default(),
            },
            inspectors: facts.inspectors,
            answers: BTreeMap::new(),
            notes: String::new(),
            status: VisitStatus::Draft,
            finalised: None,
            reopened: Vec::new(),
            last_item: None,
            created: now,
            updated: now,
            saved_by: String::new(),
            conflicts: Vec::new(),
            reconciled_from: Vec::new(),
            reconciled_into: None,
        };
        visit.normalize();
        visit
    }

    /// The oldest file format that holds everything this visit records (older readers refuse a
    /// field they do not know): 3 when it records who saved it, merge conflicts or a
    /// reconciliation; 2 when it records exempted members present; else 1.
    pub fn schema_needed(&self) -> u32 {
        let team = !self.saved_by.is_empty()
            || !self.conflicts.is_empty()
            || !self.reconciled_from.is_empty()
            || self.reconciled_into.is_some();
        if team {
            3
        } else if self.meeting.members.exempted_present.is_some() {
            2
        } else {
            1
        }
    }

    /// NFC-normalise every text and drop control characters, so stored text is canonical; and
    /// mark the visit with the file format it needs.
    pub fn normalize(&mut self) {
        self.schema = self.schema_needed();
        let m = &mut self.meeting;
        for field in [&mut m.branch, &mut m.committee, &mut m.chair, &mut m.minutes_secretary, &mut m.higher_attendees]
        {
            *field = clean(field, false);
        }
        if let Some(round) = &mut self.round {
            *round = clean(round, false);
        }
        for name in &mut self.inspectors {
            *name = clean(name, false);
        }
        self.saved_by = clean(&self.saved_by, false);
        self.notes = clean(&self.notes, true);
        if let Some(f) = &mut self.finalised {
            f.by = clean(&f.by, false);
        }
        for r in &mut self.reopened {
            r.by = clean(&r.by, false);
            r.reason = clean(&r.reason, true);
        }
        for answer in self.answers.values_mut() {
            answer.note = clean(&answer.note, true);
            if let Some(Value::Text(text)) = &mut answer.value {
                *text = clean(text, true);
            }
        }
        self.answers.retain(|_, a| !a.is_empty());
    }

    pub fn answer(&self, item_id: &str) -> Option<&Answer> {
        self.answers.get(item_id)
    }

    pub fn value(&self, item_id: &str) -> Option<&Value> {
        self.answers.get(item_id).and_then(|a| a.value.as_ref())
    }
}

/// What [`content_hash`] covers: the record of the meeting, not its bookkeeping (status, the
/// finalisation and reopening records, the last item, the timestamps).
#[derive(Serialize)]
struct Content<'a> {
    template: (&'a str, u32),
    round: &'a Option<String>,
    meeting: &'a Meeting,
    inspectors: &'a [String],
    answers: &'a BTreeMap<String, Answer>,
    notes: &'a str,
}

/// A short hash (16 hex digits of SHA-256) of what a visit records: the template id and version,
/// the round, the meeting facts, the inspectors, the answers with their notes and the general notes,
/// serialised as canonical RON after normalisation. Bookkeeping (status, `finalised`, `reopened`,
/// `last_item`, `created`, `updated`) is left out, so finalising does not change it.
pub fn content_hash(visit: &Visit) -> String {
    let mut v = visit.clone();
    v.normalize();
    let content = Content {
        template: (&v.template.id, v.template.version),
        round: &v.round,
        meeting: &v.meeting,
        inspectors: &v.inspectors,
        answers: &v.answers,
        notes: &v.notes,
    };
    // `ron::to_string`'s text, made faster (see `canonical_ron`): the hash's meaning is unchanged.
    let canonical = crate::core::canonical::canonical_ron(&content).unwrap_or_default();
    let digest = Sha256::digest(canonical.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Mark a visit final: status, who, when and the content hash. Whether it may be final (no
/// [`crate::core::rules::problems`]) is the caller's check, since it needs the template.
pub fn finalise(visit: &mut Visit, by: &str, now: Timestamp) {
    visit.status = VisitStatus::Final;
    visit.updated = now;
    visit.finalised = Some(Finalised { by: clean(by, false).trim().to_string(), at: now, hash: content_hash(visit) });
}

/// Why a visit could not be reopened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReopenError {
    /// Only a final visit is reopened.
    NotFinal,
    /// A reopening is always explained.
    EmptyReason,
}

/// Reopen a final visit as a draft, keeping who, when and why in the file. The last
/// finalisation record stays, so the history reads: finalised, reopened (reason), finalised again.
pub fn reopen(visit: &mut Visit, by: &str, reason: &str, now: Timestamp) -> Result<(), ReopenError> {
    if visit.status != VisitStatus::Final {
        return Err(ReopenError::NotFinal);
    }
    let reason = clean(reason, true).trim().to_string();
    if reason.is_empty() {
        return Err(ReopenError::EmptyReason);
    }
    visit.status = VisitStatus::Draft;
    visit.updated = now;
    visit.reopened.push(Reopened { by: clean(by, false).trim().to_string(), at: now, reason });
    Ok(())
}

/// A final visit whose content no longer matches the hash recorded when it was finalised: it was
/// edited afterwards (by hand, or by a tool that did not reopen it). A visit marked final without a
/// record (older files, or `status: Final` typed by hand) cannot be checked and is not reported.
pub fn edited_after_final(visit: &Visit) -> bool {
    visit.status == VisitStatus::Final && visit.finalised.as_ref().is_some_and(|f| f.hash != content_hash(visit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_times_as_people_write_them() {
        assert_eq!(TimeOfDay::parse("14:30").map(|t| t.to_string()), Some("14:30".into()));
        assert_eq!(TimeOfDay::parse("7h05").map(|t| t.to_string()), Some("07:05".into()));
        assert_eq!(TimeOfDay::parse("19h").map(|t| t.to_string()), Some("19:00".into()));
        assert_eq!(TimeOfDay::parse("0930").map(|t| t.to_string()), Some("09:30".into()));
        assert_eq!(TimeOfDay::parse("24:00"), None);
        assert_eq!(TimeOfDay::parse("abc"), None);
    }

    #[test]
    fn parses_dates_day_first() {
        let expected = Date::new(2022, 4, 5).ok();
        assert_eq!(parse_date("2022-04-05"), expected);
        assert_eq!(parse_date("05/04/2022"), expected);
        assert_eq!(parse_date("5/4/2022"), expected);
        assert_eq!(parse_date("31/02/2022"), None);
        assert_eq!(parse_date("2022/04"), None);
    }

    fn sample() -> Visit {
        let facts = NewVisit { round: None, ..crate::testing::sample_facts() };
        Visit::new(&Template::embedded(), facts, Timestamp::UNIX_EPOCH)
    }

    #[test]
    fn finalise_records_who_when_and_hash() {
        let mut v = sample();
        let before = content_hash(&v);
        let at = Timestamp::from_second(1_650_000_000).unwrap_or(Timestamp::UNIX_EPOCH);
        finalise(&mut v, " Lê Thị Tú ", at);
        assert_eq!(v.status, VisitStatus::Final);
        assert_eq!(v.updated, at);
        let f = v.finalised.clone().unwrap_or_else(|| panic!("record"));
        assert_eq!((f.by.as_str(), f.at, f.hash.len()), ("Lê Thị Tú", at, 16));
        assert_eq!(f.hash, before, "bookkeeping is not content");
        assert!(!edited_after_final(&v));
        v.last_item = Some("prep.notice".into());
        v.updated = Timestamp::UNIX_EPOCH;
        assert!(!edited_after_final(&v), "bookkeeping changes are not edits");
        v.answers.insert("prep.notice".into(), Answer { value: Some(Value::No), note: String::new() });
        assert!(edited_after_final(&v));
        v.answers.remove("prep.notice");
        v.meeting.chair = "Bí thư".into();
        assert!(edited_after_final(&v), "meeting facts are content");
    }

    #[test]
    fn the_hash_ignores_unicode_form() {
        let mut v = sample();
        let nfc = content_hash(&v);
        v.meeting.branch = "Chi bo\u{323}\u{302} số 11".into();
        assert_eq!(content_hash(&v), nfc);
    }

    #[test]
    fn reopen_needs_a_final_visit_and_a_reason() {
        let mut v = sample();
        let at = Timestamp::UNIX_EPOCH;
        assert_eq!(reopen(&mut v, "Tú", "sửa", at), Err(ReopenError::NotFinal));
        finalise(&mut v, "Tú", at);
        assert_eq!(reopen(&mut v, "Tú", "  \n ", at), Err(ReopenError::EmptyReason));
        assert_eq!(v.status, VisitStatus::Final);
        assert_eq!(reopen(&mut v, "Tú", "Sai số đảng viên có mặt", at), Ok(()));
        assert_eq!(v.status, VisitStatus::Draft);
        assert_eq!(v.reopened.len(), 1);
        assert_eq!(v.reopened[0].reason, "Sai số đảng viên có mặt");
        assert!(v.finalised.is_some(), "the last finalisation is kept");
        v.answers.insert("prep.notice".into(), Answer { value: Some(Value::No), note: String::new() });
        assert!(!edited_after_final(&v), "a draft may change");
    }

    #[test]
    fn branch_type_ids_round_trip() {
        for t in BranchType::ALL {
            assert_eq!(BranchType::from_id(t.id()), Some(t));
        }
        assert_eq!(BranchType::from_id("nope"), None);
    }
}
