//! How the summary counts a meeting recorded more than once, until its records are reconciled.
//!
//! The rule, also in the README and in the summary's warning:
//! - one record is the **base**: the final one (of several final ones, the one saved last), else
//!   the one saved last (`updated`); on a tie, the first file;
//! - its facts count (member counts, times…), and its answers where the records agree;
//! - an item only another record answers counts with that answer (nothing is left out);
//! - where the records answer an item differently, the answer that makes a **finding** counts
//!   when one of them does (so a limitation one inspector saw never disappears before someone
//!   has decided), else the base's;
//! - every note is joined, as reconciling would.
//!
//! Records filled against another template (id or version) than the base's are not merged item
//! by item: only the base counts, and the difference is named (`template`).

use jiff::Timestamp;

use super::{Field, Picks, RowKind, Side, compare_records, reconcile, same_template};
use crate::core::rules::{ItemStatus, item_status};
use crate::core::template::Template;
use crate::core::visit::{Visit, VisitStatus};

/// A meeting counted once.
#[derive(Debug, Clone, PartialEq)]
pub struct Counted {
    /// What counts: the base record with the others folded in.
    pub visit: Visit,
    /// Index (into the records given) of the base record.
    pub base: usize,
    /// The facts and items (row keys) the records answer differently, in row order, once each;
    /// `template` when a record was filled against another template.
    pub differing: Vec<String>,
}

/// The base record of several records of one meeting: the final one (of several, saved last),
/// else the one saved last, else the first. None when there are no records.
pub fn base_record(records: &[&Visit]) -> Option<usize> {
    let rank = |v: &Visit| (v.status == VisitStatus::Final, v.updated);
    let mut best: Option<usize> = None;
    for (i, v) in records.iter().enumerate() {
        if best.is_none_or(|b| rank(v) > rank(records[b])) {
            best = Some(i);
        }
    }
    best
}

/// The records of one meeting (filled against `template`, the base's) as the one visit the
/// summary counts: see the module's rule. The visit keeps the base's status, finalisation and
/// times, so it is final exactly when the base is.
pub fn counted_once(records: &[&Visit], template: &Template) -> Option<Counted> {
    let base = base_record(records)?;
    let first = records[base];
    let mut visit = first.clone();
    let mut differing: Vec<String> = Vec::new();
    for (i, other) in records.iter().enumerate() {
        if i == base {
            continue;
        }
        if !same_template(first, other) {
            push_once(&mut differing, "template");
            continue;
        }
        let rows = compare_records(&visit, other, template);
        let mut picks = Picks { all: Some(Side::A), ..Picks::default() };
        for row in rows.iter().filter(|r| r.kind == RowKind::Differ) {
            push_once(&mut differing, row.key());
            if let Field::Item(id) = &row.field
                && let Some(r) = template.item(id)
                && item_status(r.item, other) == ItemStatus::Fail
                && item_status(r.item, &visit) != ItemStatus::Fail
            {
                picks.each.insert(id.clone(), Side::B);
            }
        }
        // Same meeting and template, every difference picked: reconcile cannot refuse.
        if let Ok(merged) = reconcile(&visit, other, &picks, "", Timestamp::UNIX_EPOCH) {
            visit = merged;
        }
    }
    visit.status = first.status;
    visit.finalised = first.finalised.clone();
    visit.reopened = first.reopened.clone();
    visit.last_item = first.last_item.clone();
    visit.created = first.created;
    visit.updated = first.updated;
    visit.saved_by = first.saved_by.clone();
    Some(Counted { visit, base, differing })
}

fn push_once(list: &mut Vec<String>, key: &str) {
    if !list.iter().any(|k| k == key) {
        list.push(key.to_string());
    }
}
