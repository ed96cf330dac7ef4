//! The home list of visits, and the new-visit form.

use std::path::PathBuf;

use jiff::civil::Date;

use crate::core::round::{Coverage, VisitBrief};
use crate::core::rule_sets::Reason;
use crate::core::rules::{finding_count, progress};
use crate::core::template::Template;
use crate::core::text::name_key;
use crate::core::visit::{Visit, VisitStatus};
use crate::strings::Lang;
use crate::tui::rows::Fact;

/// One visit as listed on the home screen.
#[derive(Debug, Clone, PartialEq)]
pub struct HomeEntry {
    pub path: PathBuf,
    pub branch: String,
    pub committee: String,
    pub date: Date,
    pub status: VisitStatus,
    pub answered: usize,
    pub total: usize,
    pub findings: usize,
    /// What the round's coverage needs to know of the visit.
    pub brief: VisitBrief,
    /// Something odd sits at the visit's lock path: it will open read-only.
    pub odd_lock: bool,
    /// Conflicts a merge of two copies left in the file, waiting to be resolved.
    pub conflicts: usize,
    /// The branch name as the list sorts it ([`name_key`]): folded once, where the visit is read,
    /// not at every comparison while ten thousand entries are put in order.
    pub sort_name: String,
}

impl HomeEntry {
    pub fn from_visit(path: PathBuf, visit: &Visit, template: &Template) -> HomeEntry {
        let (answered, total) = progress(template, visit);
        HomeEntry {
            path,
            branch: visit.meeting.branch.clone(),
            committee: visit.meeting.committee.clone(),
            date: visit.meeting.date,
            status: visit.status,
            answered,
            total,
            findings: finding_count(template, visit),
            brief: VisitBrief::of(visit),
            odd_lock: false,
            conflicts: visit.conflicts.len(),
            sort_name: name_key(&visit.meeting.branch),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Home {
    pub entries: Vec<HomeEntry>,
    pub selected: usize,
    pub loading: bool,
    /// Visit files found in the folder, while they are read (the list's final length, unless some
    /// cannot be read).
    pub found: Option<usize>,
    pub unreadable: usize,
    /// How far the data folder's round has got, when it has one.
    pub coverage: Option<Coverage>,
    /// Esc was pressed once: a second Esc quits (backing out of the screens should not).
    pub quitting: bool,
    /// What the last sync did (or that one is running), shown under the list.
    pub sync_note: Vec<String>,
}

impl Home {
    /// Put a visit in the list in its place (newest first), replacing an entry of the same file.
    pub fn insert(&mut self, entry: HomeEntry) {
        insert_sorted(&mut self.entries, entry);
    }

    /// [`Home::insert`] for each of a batch, as the loader sends them.
    pub fn insert_batch(&mut self, batch: Vec<HomeEntry>) {
        insert_batch_sorted(&mut self.entries, batch);
    }

    /// Forget the list before the folder is read again (after a sync or a reconciliation files
    /// come, change and leave: what is no longer there must leave the list too).
    pub fn start_reload(&mut self) {
        self.entries.clear();
        self.selected = 0;
        self.found = None;
        self.unreadable = 0;
        self.loading = true;
    }
}

/// The order of the list: newest first; the same date by branch name.
fn key(e: &HomeEntry) -> (std::cmp::Reverse<Date>, &str) {
    (std::cmp::Reverse(e.date), e.sort_name.as_str())
}

fn insert_sorted(entries: &mut Vec<HomeEntry>, entry: HomeEntry) {
    entries.retain(|e| e.path != entry.path);
    let at = entries.partition_point(|e| key(e) <= key(&entry));
    entries.insert(at, entry);
}

/// [`insert_sorted`] for each of `batch` in turn, in time linear in the list: a folder of ten
/// thousand visits arrives in batches, and inserting one by one (a pass over the list to drop the
/// same path, a shift of the list to insert) made loading it quadratic.
fn insert_batch_sorted(entries: &mut Vec<HomeEntry>, batch: Vec<HomeEntry>) {
    // Of a path given twice in the batch, the later entry wins, as it would one by one. Paths are
    // compared as the bytes the folder walk gave: hashing a `Path` goes component by component,
    // and this runs over every listed entry for every batch.
    let mut seen = std::collections::HashSet::new();
    let mut batch: Vec<HomeEntry> =
        batch.into_iter().rev().filter(|e| seen.insert(e.path.as_os_str().to_owned())).collect();
    batch.reverse();
    entries.retain(|e| !seen.contains(e.path.as_os_str()));
    // Stable: entries with equal keys keep their batch order.
    batch.sort_by(|a, b| key(a).cmp(&key(b)));
    // Each goes after the listed entries whose key is not greater, as in `insert_sorted`.
    let places: Vec<usize> = batch
        .iter()
        .map(|entry| {
            let k = key(entry);
            entries.partition_point(|e| key(e) <= k)
        })
        .collect();
    let listed = std::mem::take(entries);
    entries.reserve(listed.len() + batch.len());
    let mut listed = listed.into_iter().enumerate().peekable();
    for (entry, place) in batch.into_iter().zip(places) {
        while let Some((_, e)) = listed.next_if(|(i, _)| *i < place) {
            entries.push(e);
        }
        entries.push(entry);
    }
    entries.extend(listed.map(|(_, e)| e));
}

/// The new-visit form: the meeting facts of a draft that is not yet a file, and its rule set.
#[derive(Debug, Clone)]
pub struct Form {
    /// The draft; its template reference is the rule set chosen ([`Form::rules`]).
    pub draft: Visit,
    pub row: usize,
    pub tried: bool,
    /// Esc was pressed once on a form with something typed: a second Esc discards it.
    pub discarding: bool,
    /// The rule set the inspector picked (a template id); None: the round's, else the one in
    /// force on the meeting date, chosen again whenever the date changes.
    pub rules: Option<String>,
    /// Why the draft's rule set is the one it is.
    pub rules_reason: Reason,
}

/// A row of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormRow {
    Fact(Fact),
    /// The rule set, right after the date that decides it.
    Rules,
    Create,
}

impl Form {
    /// The facts the form asks, in order: all of them but the end time, which is not known when a
    /// visit is created (the checklist asks for it at the meeting's last section).
    pub fn facts() -> impl Iterator<Item = Fact> {
        Fact::ALL.iter().copied().filter(|f| *f != Fact::End)
    }

    /// The rows: the facts asked, the rule set after the date, then the "create" button.
    pub fn rows() -> impl Iterator<Item = FormRow> {
        Form::facts()
            .flat_map(|f| {
                let rules = (f == Fact::Date).then_some(FormRow::Rules);
                std::iter::once(FormRow::Fact(f)).chain(rules)
            })
            .chain(std::iter::once(FormRow::Create))
    }

    pub fn row_count() -> usize {
        Form::rows().count()
    }

    /// The row the cursor is on.
    pub fn current(&self) -> FormRow {
        Form::rows().nth(self.row).unwrap_or(FormRow::Create)
    }

    pub fn fact(&self) -> Option<Fact> {
        match self.current() {
            FormRow::Fact(fact) => Some(fact),
            FormRow::Rules | FormRow::Create => None,
        }
    }

    /// Move to the next row (a fact was just entered).
    pub fn next_row(&mut self) {
        self.row = (self.row + 1).min(Form::row_count() - 1);
    }

    /// The row of `fact` in the form.
    pub fn row_of(fact: Fact) -> Option<usize> {
        Form::rows().position(|r| r == FormRow::Fact(fact))
    }

    /// Facts that must be filled before the file is created.
    pub fn missing(&self) -> Vec<Fact> {
        Form::facts().filter(|f| f.required() && f.value_text(&self.draft, Lang::Vi).trim().is_empty()).collect()
    }
}

#[cfg(test)]
mod home_batch_tests {
    use super::*;
    use crate::core::round::VisitBrief;

    fn entry(n: u32, day: i8, branch: &str) -> HomeEntry {
        let date = jiff::civil::date(2022, 4, day);
        HomeEntry {
            path: PathBuf::from(format!("/d/{n}.ron")),
            branch: branch.to_string(),
            committee: String::new(),
            date,
            status: VisitStatus::Draft,
            answered: n as usize,
            total: 0,
            findings: 0,
            odd_lock: false,
            conflicts: 0,
            sort_name: name_key(branch),
            brief: VisitBrief {
                branch: branch.to_string(),
                committee: String::new(),
                date,
                status: VisitStatus::Draft,
                inspectors: Vec::new(),
                round: None,
            },
        }
    }

    fn shown(entries: &[HomeEntry]) -> Vec<(PathBuf, usize)> {
        entries.iter().map(|e| (e.path.clone(), e.answered)).collect()
    }

    /// A batch lands exactly where inserting its entries one by one puts them: same order, ties
    /// after what was listed, a path listed again replaced (the last of a batch winning).
    #[test]
    fn a_batch_is_inserted_as_one_by_one() {
        let names = ["Chi bộ số 2", "chi bộ số 2", "Chi bộ Đội", "Chi bộ A", "Chi bộ số 11"];
        let mut seed = 7u32;
        let mut next = || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            seed >> 8
        };
        let mut one_by_one = Vec::new();
        let mut batched = Vec::new();
        let mut serial = 0;
        for _ in 0..30 {
            let size = next() % 9;
            let batch: Vec<HomeEntry> = (0..size)
                .map(|_| {
                    serial += 1;
                    // Paths repeat now and then: a rescan, or the same path twice in a batch.
                    let n = if next() % 4 == 0 { next() % 20 } else { 100 + serial };
                    let mut e = entry(n, (next() % 5 + 1) as i8, names[(next() % 5) as usize]);
                    e.answered = serial as usize;
                    e
                })
                .collect();
            for e in batch.clone() {
                insert_sorted(&mut one_by_one, e);
            }
            insert_batch_sorted(&mut batched, batch);
            assert_eq!(shown(&batched), shown(&one_by_one));
        }
        assert!(batched.len() > 40);
    }
}
