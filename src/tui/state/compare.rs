//! The round-over-round screen's state.

use std::path::PathBuf;

use crate::core::compare::Comparison;

/// Which list the screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CompareList {
    /// Per finding: the branches that fixed it, still have it, newly have it.
    #[default]
    Findings,
    /// Per branch present in both rounds, then the branches of one round only.
    Branches,
}

#[derive(Debug, Clone, Default)]
pub struct CompareScreen {
    pub old: PathBuf,
    pub comparison: Option<Box<Comparison>>,
    pub loading: bool,
    pub list: CompareList,
    /// The finding under the cursor, in the list by finding.
    pub selected: usize,
    /// The row under the cursor in the list by branch: the branches in both rounds, then those
    /// only in the earlier round, then those only in this one (see [`BranchRow`]).
    pub branch_selected: usize,
    /// Showing the details of the selected finding or branch.
    pub detail: bool,
    /// How far the details are scrolled.
    pub detail_scroll: usize,
}

/// A row of the list by branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BranchRow {
    /// `Comparison::branches[i]`.
    Both(usize),
    /// `Comparison::old_only[i]`.
    OldOnly(usize),
    /// `Comparison::new_only[i]`.
    NewOnly(usize),
}

/// The rows of the list by branch, in order.
pub fn branch_rows(c: &Comparison) -> Vec<BranchRow> {
    let both = (0..c.branches.len()).map(BranchRow::Both);
    let old = (0..c.old_only.len()).map(BranchRow::OldOnly);
    both.chain(old).chain((0..c.new_only.len()).map(BranchRow::NewOnly)).collect()
}

impl CompareScreen {
    /// How many rows the list shown has.
    pub fn rows(&self) -> usize {
        let Some(c) = self.comparison.as_deref() else { return 0 };
        match self.list {
            CompareList::Findings => c.findings.len(),
            CompareList::Branches => c.branches.len() + c.old_only.len() + c.new_only.len(),
        }
    }

    /// The selected row of the list shown.
    pub fn cursor_mut(&mut self) -> &mut usize {
        match self.list {
            CompareList::Findings => &mut self.selected,
            CompareList::Branches => &mut self.branch_selected,
        }
    }
}
