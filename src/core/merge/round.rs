//! The three-way merge of two copies of a round's `round.ron`, as for visits: single values one by
//! one (decision, dates, title, rules), the team, documents and planned branches entry by entry,
//! keyed by name (members), id (documents), and branch with its committee (planned branches).
//!
//! A conflict keeps both sides as RON text (`Some((name: "Lê Thị Tú", role: "Tổ trưởng"))`,
//! `None` for an entry one side removed); meanwhile the field or entry keeps the value both
//! copies last agreed on (the base; ours when there is none), since a round's plan is not counted
//! like an answer and `new` relies on it. A round.ron has no one who saved it nor a time, so the
//! caller says who and when each side is ([`merge_rounds`]'s `sides`).

use std::collections::HashSet;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::core::merge::fields::ron_text;
use crate::core::merge::visit::{merge_conflicts, push_unique, three};
use crate::core::round::{Member, PlannedBranch, Round};
use crate::core::template::Choice;
use crate::core::text::name_key;
use crate::core::visit::{Conflict, ConflictSide};

/// A merged round and what the merge did.
#[derive(Debug, Clone, PartialEq)]
pub struct MergedRound {
    pub round: Round,
    /// The conflicts this merge found (also in `round.conflicts`, after those carried).
    pub added: Vec<Conflict>,
    /// Conflicts already in the copies, still waiting.
    pub carried: usize,
}

fn parse<T: DeserializeOwned>(text: &str) -> Option<T> {
    ron::from_str(text).ok()
}

macro_rules! round_fields {
    ($($name:literal => $field:ident;)*) => {
        const ROUND_FIELDS: &[&str] = &[$($name),*];

        fn round_field_text(round: &Round, name: &str) -> Option<String> {
            match name {
                $($name => Some(ron_text(&round.$field)),)*
                _ => None,
            }
        }

        /// Set a single-valued field of a round from RON text; None when it is not one or the text
        /// does not fit.
        fn set_round_field(round: &mut Round, name: &str, text: &str) -> Option<()> {
            match name {
                $($name => round.$field = parse(text)?,)*
                _ => return None,
            }
            Some(())
        }
    };
}

round_fields! {
    "decision" => decision;
    "decision_date" => decision_date;
    "issued_by" => issued_by;
    "title" => title;
    "from" => from;
    "to" => to;
    "rules" => rules;
}

/// A list of keyed entries: its name in conflict fields, and how an entry is named.
trait Keyed: Clone + PartialEq + Serialize + DeserializeOwned {
    const LIST: &'static str;
    /// The entry as a conflict names it: `Lê Thị Tú`, `nq21`, `Chi bộ số 11 | Đảng bộ phường X`.
    fn label(&self) -> String;
}

impl Keyed for Member {
    const LIST: &'static str = "members";
    fn label(&self) -> String {
        self.name.clone()
    }
}

impl Keyed for Choice {
    const LIST: &'static str = "documents";
    fn label(&self) -> String {
        self.id.clone()
    }
}

impl Keyed for PlannedBranch {
    const LIST: &'static str = "branches";
    fn label(&self) -> String {
        format!("{} | {}", self.branch, self.committee)
    }
}

/// Each entry with its key: its label, case, spacing and form ignored, and a number when the same
/// label comes again (so that two entries of one name are both kept).
fn keyed<T: Keyed>(list: &[T]) -> Vec<(String, &T)> {
    let mut seen: Vec<String> = Vec::new();
    list.iter()
        .map(|entry| {
            let key = name_key(&entry.label());
            let repeat = seen.iter().filter(|k| **k == key).count();
            seen.push(key.clone());
            (if repeat == 0 { key } else { format!("{key} #{}", repeat + 1) }, entry)
        })
        .collect()
}

/// The field a conflict on an entry names: `members[Lê Thị Tú]`.
fn entry_field(list: &str, label: &str) -> String {
    format!("{list}[{label}]")
}

/// Merge a keyed list entry by entry, in ours' order with theirs' new entries after.
fn merge_list<T: Keyed>(
    base: Option<&[T]>,
    ours: &[T],
    theirs: &[T],
    added: &mut Vec<Conflict>,
    sides: &[ConflictSide; 2],
) -> Vec<T> {
    let (b, o, t) = (keyed(base.unwrap_or_default()), keyed(ours), keyed(theirs));
    let find = |list: &[(String, &'_ T)], key: &str| list.iter().find(|(k, _)| k == key).map(|(_, e)| (*e).clone());
    let mut keys: Vec<&String> = Vec::new();
    let mut seen = HashSet::new();
    for (key, _) in o.iter().chain(&t).chain(&b) {
        if seen.insert(key) {
            keys.push(key);
        }
    }
    let mut out = Vec::with_capacity(keys.len());
    for key in keys {
        let (be, oe, te) = (find(&b, key), find(&o, key), find(&t, key));
        match three(Some(&be), &oe, &te) {
            Ok(chosen) => out.extend(chosen.clone()),
            Err(()) => {
                let label = oe.as_ref().or(te.as_ref()).map(Keyed::label).unwrap_or_else(|| key.clone());
                let one = ConflictSide { value: ron_text(&oe), ..sides[0].clone() };
                let two = ConflictSide { value: ron_text(&te), ..sides[1].clone() };
                added.push(Conflict { field: entry_field(T::LIST, &label), one, two });
                out.extend(if base.is_some() { be } else { oe });
            }
        }
    }
    out
}

/// Merge `ours` and `theirs`, two copies of a round.ron, against `base` (None: both created it).
/// `sides` gives who and when each side is, for its conflicts (ours first).
pub fn merge_rounds(base: Option<&Round>, ours: &Round, theirs: &Round, sides: [ConflictSide; 2]) -> MergedRound {
    let mut out = ours.clone();
    let mut added = Vec::new();
    for name in ROUND_FIELDS {
        let text = |r: &Round| round_field_text(r, name).unwrap_or_default();
        let (o, t) = (text(ours), text(theirs));
        let b = base.map(text);
        match three(b.as_deref(), o.as_str(), t.as_str()) {
            Ok(chosen) if chosen == t && o != t => {
                let _ = set_round_field(&mut out, name, &t);
            }
            Ok(_) => {}
            Err(()) => {
                if let Some(b) = &b {
                    let _ = set_round_field(&mut out, name, b);
                }
                let one = ConflictSide { value: o, ..sides[0].clone() };
                let two = ConflictSide { value: t, ..sides[1].clone() };
                added.push(Conflict { field: name.to_string(), one, two });
            }
        }
    }
    out.members = merge_list(base.map(|b| b.members.as_slice()), &ours.members, &theirs.members, &mut added, &sides);
    out.documents =
        merge_list(base.map(|b| b.documents.as_slice()), &ours.documents, &theirs.documents, &mut added, &sides);
    out.branches =
        merge_list(base.map(|b| b.branches.as_slice()), &ours.branches, &theirs.branches, &mut added, &sides);
    out.conflicts = merge_conflicts(base.map(|b| b.conflicts.as_slice()), &ours.conflicts, &theirs.conflicts);
    let carried = out.conflicts.len();
    for conflict in &added {
        push_unique(&mut out.conflicts, conflict.clone());
    }
    out.normalize();
    MergedRound { round: out, added, carried }
}

/// Keep one side of a conflict on a round: `value` (RON text) goes into `field`. None (nothing
/// changed) when the field is not one of a round's or the text does not fit it.
pub(super) fn set_round_value(round: &mut Round, field: &str, value: &str) -> Option<()> {
    if let Some(label) = field.strip_prefix("members[").and_then(|f| f.strip_suffix(']')) {
        return set_entry(&mut round.members, label, value);
    }
    if let Some(label) = field.strip_prefix("documents[").and_then(|f| f.strip_suffix(']')) {
        return set_entry(&mut round.documents, label, value);
    }
    if let Some(label) = field.strip_prefix("branches[").and_then(|f| f.strip_suffix(']')) {
        return set_entry(&mut round.branches, label, value);
    }
    set_round_field(round, field, value)
}

/// Put `value` (`Some(entry)` or `None`) where the entry named `label` is, or after the others.
fn set_entry<T: Keyed>(list: &mut Vec<T>, label: &str, value: &str) -> Option<()> {
    let entry: Option<T> = parse(value)?;
    let key = name_key(label);
    let position = keyed(list).iter().position(|(k, _)| *k == key);
    match (position, entry) {
        (Some(i), Some(entry)) => list[i] = entry,
        (Some(i), None) => {
            list.remove(i);
        }
        (None, Some(entry)) => list.push(entry),
        (None, None) => {}
    }
    Some(())
}
