//! Two records of one meeting side by side (issue 16): every fact and item where they agree,
//! differ, or only one has an answer; the inspector decides each difference, then makes one visit.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::core::reconcile::{Picks, Row, RowKind, Side, compare_records};
use crate::core::template::Template;
use crate::core::visit::Visit;

/// The two records as the reconcile screen holds them. The runtime holds their locks meanwhile.
#[derive(Debug, Clone)]
pub struct ReconcileScreen {
    pub a_path: PathBuf,
    pub b_path: PathBuf,
    pub a: Visit,
    pub b: Visit,
    pub template: Template,
    /// Facts first, then items in template order; rows where neither has anything are left out.
    pub rows: Vec<Row>,
    pub selected: usize,
    /// The side kept for each difference decided so far, by row key.
    pub picks: BTreeMap<String, Side>,
}

impl ReconcileScreen {
    pub fn new(a_path: PathBuf, b_path: PathBuf, a: Visit, b: Visit, template: Template) -> ReconcileScreen {
        let rows = compare_records(&a, &b, &template);
        let mut screen = ReconcileScreen { a_path, b_path, a, b, template, rows, selected: 0, picks: BTreeMap::new() };
        screen.selected = screen.next_undecided(0).unwrap_or(0);
        screen
    }

    /// How many rows are of each kind: (agree, differ, only A, only B).
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let count = |kind: RowKind| self.rows.iter().filter(|r| r.kind == kind).count();
        (count(RowKind::Agree), count(RowKind::Differ), count(RowKind::OnlyA), count(RowKind::OnlyB))
    }

    /// Differences not decided yet.
    pub fn undecided(&self) -> usize {
        self.rows.iter().filter(|r| r.needs_pick() && !self.picks.contains_key(r.key())).count()
    }

    /// The first undecided difference at or after `from`, wrapping round.
    pub fn next_undecided(&self, from: usize) -> Option<usize> {
        let n = self.rows.len();
        (0..n)
            .map(|i| (from + i) % n.max(1))
            .find(|&i| self.rows.get(i).is_some_and(|r| r.needs_pick() && !self.picks.contains_key(r.key())))
    }

    /// The picks as the core takes them.
    pub fn picks(&self) -> Picks {
        Picks { all: None, each: self.picks.clone() }
    }
}
