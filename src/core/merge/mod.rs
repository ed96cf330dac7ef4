//! Two copies of one visit brought together: the three-way merge git's driver runs, and the
//! choice a person makes for each conflict it leaves.

mod resolve;

pub use resolve::{Pick, ResolveError, answer_conflict, resolve};
