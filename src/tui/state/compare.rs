//! The round-over-round screen's state.

use std::path::PathBuf;

use crate::core::compare::Comparison;

#[derive(Debug, Clone, Default)]
pub struct CompareScreen {
    pub old: PathBuf,
    pub comparison: Option<Box<Comparison>>,
    pub loading: bool,
    pub selected: usize,
    /// Showing the branches of the selected finding.
    pub detail: bool,
}
