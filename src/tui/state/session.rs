//! The open visit: its answers, where the cursor is, whether it is saved, and undo.

use std::path::PathBuf;

use crate::core::template::Template;
use crate::core::visit::Visit;

#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    Saved,
    Saving,
    Failed(String),
}

#[derive(Debug, Clone)]
pub(crate) struct Snapshot {
    pub(crate) visit: Visit,
    pub(crate) section: usize,
    pub(crate) row: usize,
}

/// An open visit.
#[derive(Debug, Clone)]
pub struct Session {
    pub path: PathBuf,
    pub visit: Visit,
    pub template: Template,
    pub section: usize,
    pub row: usize,
    pub save: SaveState,
    /// Digits typed for a number, before Enter.
    pub number: Option<String>,
    /// Set when the visit is open read-only (another session holds it, or its lock path holds
    /// something odd): the sentence that says why. Nothing is written then.
    pub read_only: Option<String>,
    /// Last round's visit of the same branch, shown beside each item.
    pub previous: Option<Box<Visit>>,
    /// (section, row) of the item the last key answered before moving on: drawn marked, so a
    /// bounced key that answers the next item too is seen at once.
    pub just_answered: Option<(usize, usize)>,
    /// The same, as it was before the key being handled: `e` right after an answer writes the
    /// note of the item just answered, without moving back.
    pub answered_before: Option<(usize, usize)>,
    pub(crate) undo: Vec<Snapshot>,
}
