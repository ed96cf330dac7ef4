//! Two copies of one visit (or of a round's round.ron) brought together: the three-way merge
//! git's driver runs, and the choice a person makes for each conflict it leaves.

pub mod fields;
mod resolve;
mod round;
mod visit;
mod words;

pub use resolve::{Pick, ResolveError, answer_conflict, resolve, resolve_round};
pub use round::{MergedRound, merge_rounds};
pub use visit::{MergeNote, MergedVisit, REOPENED_BY_MERGE, merge_visits};
pub use words::{conflict_problems, conflict_words, value_words};
