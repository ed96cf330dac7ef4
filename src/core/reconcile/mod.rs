//! Two records of one meeting made into one visit.
//!
//! Two inspectors often attend the same meeting and each keeps a record. [`compare_records`]
//! lists, fact by fact and item by item, where the records agree, differ, or only one has an
//! answer; [`reconcile`] makes the one visit: both records' inspectors, for each difference the
//! side the person picked, what only one side has as it is, and every note **joined** (a note is
//! an observation: dropping one would lose what an inspector saw). The files part (the new visit
//! written, the originals marked `reconciled_into` and kept) is `store::reconcile`.
//!
//! Until two records are reconciled, the summary counts their meeting once through
//! [`counted_once`] (see there for which answers count).

mod counted;
mod facts;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;

pub use counted::{Counted, base_record, counted_once};
pub use facts::Fact;

use crate::core::answer::{AnswerStyle, answer_text};
use crate::core::template::Template;
use crate::core::text::name_key;
use crate::core::visit::{Answer, Value, Visit, VisitStatus};
use crate::strings::Lang;

/// One of the two records: A is the first file named, B the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    A,
    B,
}

/// How the two records compare on one fact or item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// The same answer (or neither has one, but some note is written).
    Agree,
    /// Two different answers: a person picks one.
    Differ,
    OnlyA,
    OnlyB,
}

/// What a row is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// An item of the template, by id.
    Item(String),
    Fact(Fact),
}

/// One fact or item of the two records side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub field: Field,
    pub kind: RowKind,
    pub a: Option<Value>,
    pub b: Option<Value>,
    /// The items' notes (empty for facts). Notes are always joined, never picked.
    pub note_a: String,
    pub note_b: String,
}

impl Row {
    /// The name a pick gives it: the item id, or the fact's key (`meeting.members.present`).
    pub fn key(&self) -> &str {
        match &self.field {
            Field::Item(id) => id,
            Field::Fact(fact) => fact.key(),
        }
    }

    /// Whether `typed` names this row: its key, or a fact's key without `meeting.` /
    /// `meeting.members.` (`present`, `members.present`, `chair`).
    pub fn is_named(&self, typed: &str) -> bool {
        let typed = typed.trim();
        let key = self.key();
        key == typed
            || key.strip_prefix("meeting.") == Some(typed)
            || key.strip_prefix("meeting.members.") == Some(typed)
    }

    /// What the row is about, for people: the item's question, or the fact's name.
    pub fn label(&self, template: &Template, lang: Lang) -> String {
        match &self.field {
            Field::Item(id) => template.item(id).map_or_else(|| id.clone(), |r| r.item.text.get(lang).to_string()),
            Field::Fact(fact) => fact.label().get(lang).to_string(),
        }
    }

    /// One side's answer in words ("" when that side has none).
    pub fn text(&self, side: Side, template: &Template, lang: Lang) -> String {
        let value = match side {
            Side::A => &self.a,
            Side::B => &self.b,
        };
        let Some(value) = value else { return String::new() };
        match &self.field {
            Field::Item(id) => match template.item(id) {
                Some(r) => answer_text(r.item, value, lang, AnswerStyle::Report),
                None => value.to_ron(),
            },
            Field::Fact(fact) => fact.text(value, lang),
        }
    }

    /// A difference someone has to decide.
    pub fn needs_pick(&self) -> bool {
        self.kind == RowKind::Differ
    }
}

/// Which side to take for each difference: one row at a time, else the side for all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Picks {
    /// The side for every difference not picked one by one (`--take a|b`).
    pub all: Option<Side>,
    /// Row key → side (`--pick ITEM=a`).
    pub each: BTreeMap<String, Side>,
}

impl Picks {
    pub fn side_for(&self, key: &str) -> Option<Side> {
        self.each.get(key).copied().or(self.all)
    }
}

/// What makes two visits records of different meetings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mismatch {
    Branch,
    Committee,
    Date,
}

/// Why two records could not be reconciled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReconcileError {
    /// They record different meetings.
    NotSameMeeting(Vec<Mismatch>),
    /// They were filled against different templates (id or version): items cannot be set side by side.
    OtherTemplate,
    /// Differences still to pick, by row key, in row order.
    Unpicked(Vec<String>),
}

/// How `a` and `b` differ as meetings (branch, committee, date), names compared the way the
/// summary groups them ([`name_key`]: case, spacing and Unicode form ignored). Empty: the same.
pub fn same_meeting(a: &Visit, b: &Visit) -> Vec<Mismatch> {
    let (ma, mb) = (&a.meeting, &b.meeting);
    let mut differ = Vec::new();
    if name_key(&ma.branch) != name_key(&mb.branch) {
        differ.push(Mismatch::Branch);
    }
    if name_key(&ma.committee) != name_key(&mb.committee) {
        differ.push(Mismatch::Committee);
    }
    if ma.date != mb.date {
        differ.push(Mismatch::Date);
    }
    differ
}

/// Both filled against the same template id and version.
pub fn same_template(a: &Visit, b: &Visit) -> bool {
    a.template.id == b.template.id && a.template.version == b.template.version
}

/// The two records side by side: the facts first, then every item in template order (answers to
/// ids the template lacks last, by id). A row neither record has anything for is left out.
pub fn compare_records(a: &Visit, b: &Visit, template: &Template) -> Vec<Row> {
    let mut ids: Vec<String> = template.items().map(|r| r.item.id.clone()).collect();
    let known: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
    let extra: BTreeSet<String> =
        a.answers.keys().chain(b.answers.keys()).filter(|id| !known.contains(id.as_str())).cloned().collect();
    ids.extend(extra);
    rows(a, b, ids)
}

/// The rows for the facts and for `ids`, in that order.
fn rows(a: &Visit, b: &Visit, ids: Vec<String>) -> Vec<Row> {
    let facts = Fact::ALL
        .into_iter()
        .filter_map(|fact| row(Field::Fact(fact), fact.get(a), fact.get(b), String::new(), String::new()));
    let items = ids.into_iter().filter_map(|id| {
        let (aa, ab) = (a.answer(&id).cloned().unwrap_or_default(), b.answer(&id).cloned().unwrap_or_default());
        row(Field::Item(id), aa.value, ab.value, aa.note, ab.note)
    });
    facts.chain(items).collect()
}

fn row(field: Field, a: Option<Value>, b: Option<Value>, note_a: String, note_b: String) -> Option<Row> {
    let kind = match (&a, &b) {
        (None, None) if note_a.trim().is_empty() && note_b.trim().is_empty() => return None,
        (None, None) => RowKind::Agree,
        (Some(x), Some(y)) if same_value(x, y) => RowKind::Agree,
        (Some(_), Some(_)) => RowKind::Differ,
        (Some(_), None) => RowKind::OnlyA,
        (None, Some(_)) => RowKind::OnlyB,
    };
    Some(Row { field, kind, a, b, note_a, note_b })
}

/// The same answer: options ticked in another order are the same ticks; texts are compared
/// without the spaces around them.
fn same_value(x: &Value, y: &Value) -> bool {
    match (x, y) {
        (Value::Choices(a), Value::Choices(b)) => {
            a.iter().collect::<BTreeSet<_>>() == b.iter().collect::<BTreeSet<_>>()
        }
        (Value::Text(a), Value::Text(b)) => a.trim() == b.trim(),
        _ => x == y,
    }
}

/// Who a record's notes are from, to tell two notes apart: who saved it, else its inspectors.
pub fn author(visit: &Visit) -> String {
    if !visit.saved_by.trim().is_empty() {
        return visit.saved_by.trim().to_string();
    }
    let names: Vec<&str> = visit.inspectors.iter().map(|n| n.trim()).filter(|n| !n.is_empty()).collect();
    names.join(", ")
}

/// Two notes on the same thing, joined so that neither is lost: one when they are the same (or
/// one already holds the other, as a note joined before does), else both, one per line, each
/// after its author's name when the authors are known and not the same person
/// ("Lê Thị Tú: …\nTrần Văn Bình: …").
pub fn join_notes(a: &str, author_a: &str, b: &str, author_b: &str) -> String {
    let (a, b) = (a.trim(), b.trim());
    if b.is_empty() || a.contains(b) {
        return a.to_string();
    }
    if a.is_empty() || b.contains(a) {
        return b.to_string();
    }
    let named = !author_a.is_empty() && !author_b.is_empty() && name_key(author_a) != name_key(author_b);
    if named { format!("{author_a}: {a}\n{author_b}: {b}") } else { format!("{a}\n{b}") }
}

/// The two records' inspectors, once each (names compared through [`name_key`]), A's first.
pub fn inspectors_of_both(a: &Visit, b: &Visit) -> Vec<String> {
    let mut seen = BTreeSet::new();
    a.inspectors
        .iter()
        .chain(&b.inspectors)
        .filter(|name| !name.trim().is_empty() && seen.insert(name_key(name)))
        .cloned()
        .collect()
}

/// The one visit the two records of a meeting make: A's facts and answers where the records agree
/// or only A has one, B's where only B has one, the picked side's for each difference; every
/// item's notes and the general notes joined ([`join_notes`]); both records' inspectors; a draft
/// saved by `by`, created `now`. `reconciled_from` is left empty: the files part
/// (`store::reconcile::write`) names the files. Merge conflicts either record still holds are kept.
pub fn reconcile(a: &Visit, b: &Visit, picks: &Picks, by: &str, now: Timestamp) -> Result<Visit, ReconcileError> {
    let mismatch = same_meeting(a, b);
    if !mismatch.is_empty() {
        return Err(ReconcileError::NotSameMeeting(mismatch));
    }
    if !same_template(a, b) {
        return Err(ReconcileError::OtherTemplate);
    }
    let ids: BTreeSet<String> = a.answers.keys().chain(b.answers.keys()).cloned().collect();
    let rows = rows(a, b, ids.into_iter().collect());
    let unpicked: Vec<String> = rows
        .iter()
        .filter(|r| r.needs_pick() && picks.side_for(r.key()).is_none())
        .map(|r| r.key().to_string())
        .collect();
    if !unpicked.is_empty() {
        return Err(ReconcileError::Unpicked(unpicked));
    }
    let (author_a, author_b) = (author(a), author(b));
    let mut visit = a.clone();
    visit.answers.clear();
    for row in rows {
        let value = match (row.kind, picks.side_for(row.key())) {
            (RowKind::Differ, Some(Side::B)) | (RowKind::OnlyB, _) => row.b,
            _ => row.a,
        };
        match row.field {
            Field::Fact(fact) => fact.set(&mut visit, value),
            Field::Item(id) => {
                let note = join_notes(&row.note_a, &author_a, &row.note_b, &author_b);
                visit.answers.insert(id, Answer { value, note });
            }
        }
    }
    visit.inspectors = inspectors_of_both(a, b);
    visit.notes = join_notes(&a.notes, &author_a, &b.notes, &author_b);
    visit.status = VisitStatus::Draft;
    visit.finalised = None;
    visit.reopened = Vec::new();
    visit.last_item = None;
    visit.created = now;
    visit.updated = now;
    visit.saved_by = by.trim().to_string();
    for conflict in &b.conflicts {
        if !visit.conflicts.contains(conflict) {
            visit.conflicts.push(conflict.clone());
        }
    }
    visit.reconciled_from = Vec::new();
    visit.reconciled_into = None;
    visit.normalize();
    Ok(visit)
}
