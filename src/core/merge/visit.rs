//! The three-way merge of two copies of one visit: what git's merge driver runs.
//!
//! Each part is merged on its own: a change made on one copy wins over the common ancestor (the
//! base); the same change made on both is taken once; different changes to the same part become
//! a [`Conflict`] kept in the visit, both sides with who and when, for a person to pick.
//!
//! - answers: item by item, the value and the note each merged on their own. A conflict's two sides
//!   are whole answers (what the item would hold if that side were picked); meanwhile the item
//!   keeps only what both agree on, so a disputed value counts as unanswered, never as decided.
//! - single-valued fields (meeting facts, general notes, round, template): see [`super::fields`].
//! - inspectors and `reconciled_from`: as sets, in order (added on one side → added; removed on one
//!   side → removed). `reconciled_into`: either side's (the smaller name when both differ).
//! - conflicts already in the copies: as a set too, so one resolved on one side stays resolved.
//! - finalisation: see [`merge_status`].
//! - bookkeeping: `created` the earlier, `updated` the later; `saved_by` and `last_item` from the
//!   copy saved later.
//!
//! Without a base (git's add/add: both clones created the same file), every part counts as added
//! on both sides: equal parts are kept, a part only one side filled in is kept, and different
//! values are conflicts.

use std::collections::BTreeSet;

use crate::core::merge::fields::{FIELDS, field_text, set_field};
use crate::core::text::clean;
use crate::core::visit::{ANSWER_FIELD, Answer, Conflict, ConflictSide, Reopened, Visit, VisitStatus, content_hash};

/// A merged visit and what the merge did.
#[derive(Debug, Clone, PartialEq)]
pub struct MergedVisit {
    pub visit: Visit,
    /// The conflicts this merge found (they are in `visit.conflicts` too, after those carried).
    pub added: Vec<Conflict>,
    /// What else a person should know.
    pub notes: Vec<MergeNote>,
}

/// Something the merge did that is worth saying.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeNote {
    /// One copy was final and the other changed what it records: the result is a draft, with a
    /// reopening that says so.
    Reopened,
    /// Conflicts already in the copies, still waiting for a person.
    Carried(usize),
}

/// The reason recorded when a merge turns a final visit back into a draft. Files hold the team's
/// own language, as the rest of their text.
pub const REOPENED_BY_MERGE: &str = "Đã sửa trên một bản khác sau khi hoàn tất (gộp bản sao bằng git)";

/// Merge `ours` and `theirs`, two copies of one visit, against `base`, the copy both started
/// from (None: both created it). Conflicts name `ours` as side one.
pub fn merge_visits(base: Option<&Visit>, ours: &Visit, theirs: &Visit) -> MergedVisit {
    let mut out = ours.clone();
    let mut added = Vec::new();
    let sides = [side(ours), side(theirs)];
    merge_fields(base, ours, theirs, &mut out, &mut added, &sides);
    merge_answers(base, ours, theirs, &mut out, &mut added, &sides);
    out.inspectors = merge_set(base.map(|b| b.inspectors.as_slice()), &ours.inspectors, &theirs.inspectors);
    out.reconciled_from =
        merge_set(base.map(|b| b.reconciled_from.as_slice()), &ours.reconciled_from, &theirs.reconciled_from);
    out.reconciled_into = match (&ours.reconciled_into, &theirs.reconciled_into) {
        (Some(a), Some(b)) => Some(a.min(b).clone()),
        (a, b) => a.clone().or_else(|| b.clone()),
    };
    let carried = merge_conflicts(base.map(|b| b.conflicts.as_slice()), &ours.conflicts, &theirs.conflicts);
    let mut notes = Vec::new();
    if !carried.is_empty() {
        notes.push(MergeNote::Carried(carried.len()));
    }
    out.conflicts = carried;
    for conflict in &added {
        push_unique(&mut out.conflicts, conflict.clone());
    }
    let later = if theirs.updated > ours.updated { theirs } else { ours };
    out.created = ours.created.min(theirs.created);
    out.updated = ours.updated.max(theirs.updated);
    out.saved_by = later.saved_by.clone();
    out.last_item = later.last_item.clone();
    if merge_status(base, ours, theirs, &mut out) {
        notes.push(MergeNote::Reopened);
    }
    out.normalize();
    MergedVisit { visit: out, added, notes }
}

/// Who and when, for a conflict's side taken from `visit`.
fn side(visit: &Visit) -> ConflictSide {
    let by = if visit.saved_by.trim().is_empty() { visit.inspectors.join(", ") } else { visit.saved_by.clone() };
    ConflictSide { by: clean(&by, false).trim().to_string(), at: visit.updated, answer: None, value: String::new() }
}

/// The three-way choice: Ok(the merged value) or Err(()) when both sides changed it differently.
/// `base` None: the value did not exist before (both added it).
pub(super) fn three<'a, T: PartialEq + ?Sized>(base: Option<&T>, ours: &'a T, theirs: &'a T) -> Result<&'a T, ()> {
    if ours == theirs || base == Some(theirs) {
        Ok(ours)
    } else if base == Some(ours) {
        Ok(theirs)
    } else {
        Err(())
    }
}

fn merge_fields(
    base: Option<&Visit>,
    ours: &Visit,
    theirs: &Visit,
    out: &mut Visit,
    added: &mut Vec<Conflict>,
    sides: &[ConflictSide; 2],
) {
    for field in FIELDS.iter().filter(|f| f.name != "inspectors") {
        let text = |v: &Visit| field_text(v, field.name).unwrap_or_default();
        let (o, t) = (text(ours), text(theirs));
        if o == t {
            continue;
        }
        let b = match base {
            Some(b) => Some(text(b)),
            None => field.empty.map(str::to_string),
        };
        match three(b.as_deref(), o.as_str(), t.as_str()) {
            // Out starts as ours: only theirs needs writing. Text that came from a visit fits it.
            Ok(chosen) if chosen == t => {
                let _ = set_field(out, field.name, &t);
            }
            Ok(_) => {}
            Err(()) => {
                let waiting = field.empty.map(str::to_string).or(b).unwrap_or_else(|| o.clone());
                let _ = set_field(out, field.name, &waiting);
                let one = ConflictSide { value: o, ..sides[0].clone() };
                let two = ConflictSide { value: t, ..sides[1].clone() };
                added.push(Conflict { field: field.name.to_string(), one, two });
            }
        }
    }
}

fn merge_answers(
    base: Option<&Visit>,
    ours: &Visit,
    theirs: &Visit,
    out: &mut Visit,
    added: &mut Vec<Conflict>,
    sides: &[ConflictSide; 2],
) {
    let ids: BTreeSet<&String> = ours.answers.keys().chain(theirs.answers.keys()).collect();
    let none = Answer::default();
    for id in ids {
        let (o, t) = (ours.answers.get(id).unwrap_or(&none), theirs.answers.get(id).unwrap_or(&none));
        if o == t {
            continue;
        }
        // An item the base did not answer, or a base that does not exist: the answer was added.
        let b = base.and_then(|b| b.answers.get(id)).unwrap_or(&none);
        let value = three(Some(&b.value), &o.value, &t.value);
        let note = three(Some(&b.note), &o.note, &t.note);
        let merged = match (value, note) {
            (Ok(value), Ok(note)) => Answer { value: value.clone(), note: note.clone() },
            (value, note) => {
                // Each side: the parts that merged, and its own where they did not.
                let pick = |own: &Answer| Answer {
                    value: value.unwrap_or(&own.value).clone(),
                    note: note.unwrap_or(&own.note).clone(),
                };
                let (one, two) = (pick(o), pick(t));
                let one = ConflictSide { answer: Some(one).filter(|a| !a.is_empty()), ..sides[0].clone() };
                let two = ConflictSide { answer: Some(two).filter(|a| !a.is_empty()), ..sides[1].clone() };
                added.push(Conflict { field: format!("{ANSWER_FIELD}{id}"), one, two });
                Answer { value: value.ok().cloned().flatten(), note: note.ok().cloned().unwrap_or_default() }
            }
        };
        if merged.is_empty() {
            out.answers.remove(id);
        } else {
            out.answers.insert(id.clone(), merged);
        }
    }
}

/// A three-way merge of lists read as sets, keeping order: ours, less what theirs removed, then
/// what theirs added. Without a base, the union.
pub(super) fn merge_set<T: PartialEq + Clone>(base: Option<&[T]>, ours: &[T], theirs: &[T]) -> Vec<T> {
    let base = base.unwrap_or_default();
    let removed_by_theirs = |x: &T| base.contains(x) && !theirs.contains(x);
    let mut out: Vec<T> = Vec::with_capacity(ours.len() + theirs.len());
    for x in ours.iter().filter(|x| !removed_by_theirs(x)) {
        if !out.contains(x) {
            out.push(x.clone());
        }
    }
    for x in theirs.iter().filter(|x| !base.contains(x)) {
        if !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}

/// The same conflict, whichever copy called it side one.
fn same_conflict(a: &Conflict, b: &Conflict) -> bool {
    a.field == b.field && ((a.one == b.one && a.two == b.two) || (a.one == b.two && a.two == b.one))
}

pub(super) fn push_unique(list: &mut Vec<Conflict>, conflict: Conflict) {
    if !list.iter().any(|c| same_conflict(c, &conflict)) {
        list.push(conflict);
    }
}

/// The conflicts two copies already hold, merged as a set: one that either side resolved (it was
/// in the base and is gone from that side) stays resolved; one either side brought is kept.
pub(super) fn merge_conflicts(base: Option<&[Conflict]>, ours: &[Conflict], theirs: &[Conflict]) -> Vec<Conflict> {
    let in_list = |list: &[Conflict], c: &Conflict| list.iter().any(|x| same_conflict(x, c));
    let in_base = |c: &Conflict| base.is_some_and(|b| in_list(b, c));
    let mut out = Vec::new();
    for c in ours {
        if in_list(theirs, c) || !in_base(c) {
            push_unique(&mut out, c.clone());
        }
    }
    for c in theirs.iter().filter(|c| !in_base(c)) {
        push_unique(&mut out, c.clone());
    }
    out
}

/// Status, finalisation and reopenings of the merged visit `out`. Returns whether the merge made a
/// final visit a draft again.
///
/// The status is merged like any value (a copy that finalised or reopened wins over one that did
/// not touch it). A final result must still be what was finalised: when the merged content is not
/// the content a final copy recorded (the other copy changed it meanwhile), or conflicts wait,
/// the result is a draft with a reopening that says so, and every change is kept: the
/// finalisation's hash stays honest, and finalising again is a person's choice.
fn merge_status(base: Option<&Visit>, ours: &Visit, theirs: &Visit, out: &mut Visit) -> bool {
    let mut reopened: Vec<Reopened> = merge_set(base.map(|b| b.reopened.as_slice()), &ours.reopened, &theirs.reopened);
    reopened.sort_by_key(|r| r.at);
    out.reopened = reopened;
    // Without a base, both copies started as drafts.
    let base_status = base.map_or(VisitStatus::Draft, |b| b.status);
    let status = three(Some(&base_status), &ours.status, &theirs.status).unwrap_or(&VisitStatus::Draft);
    let records = [&ours.finalised, &theirs.finalised];
    let mut records: Vec<_> = records.into_iter().flatten().collect();
    records.sort_by_key(|f| f.at);
    if *status == VisitStatus::Draft {
        out.status = VisitStatus::Draft;
        out.finalised = records.last().map(|f| (*f).clone());
        return false;
    }
    let hash = content_hash(out);
    let finals = [ours, theirs].into_iter().filter(|v| v.status == VisitStatus::Final);
    let matching = finals.filter_map(|v| v.finalised.as_ref()).filter(|f| f.hash == hash).min_by_key(|f| f.at);
    if let Some(record) = matching
        && out.conflicts.is_empty()
    {
        out.status = VisitStatus::Final;
        out.finalised = Some(record.clone());
        return false;
    }
    // Whoever's copy brought the change: the copy that is not final, else the one saved later.
    let changer = match (ours.status, theirs.status) {
        (VisitStatus::Final, VisitStatus::Draft) => theirs,
        (VisitStatus::Draft, VisitStatus::Final) => ours,
        _ if theirs.updated > ours.updated => theirs,
        _ => ours,
    };
    out.status = VisitStatus::Draft;
    out.finalised = records.last().map(|f| (*f).clone());
    let by = side(changer).by;
    out.reopened.push(Reopened { by, at: out.updated, reason: REOPENED_BY_MERGE.to_string() });
    true
}
