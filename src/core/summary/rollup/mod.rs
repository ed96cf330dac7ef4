//! Roll-up: round summaries written with `--format json`, merged exactly into one summary.
//!
//! Pure: the caller reads the files and gives their text. Each input is parsed back
//! ([`input`]), checked (counts that do not add up refuse that input, named with a JSON pointer),
//! and merged: counts add, failing branches and figures' values concatenate and are put in name
//! order again, strengths and figures are decided again from the sums, coverage adds. A visit
//! present in two inputs (same content hash, or same file, branch, committee and date) refuses
//! the later input, so nothing is counted twice; a summary made from another template version is
//! merged by item id, as `summary` merges visits, and named.

mod input;
mod merge;
mod scores;

pub use input::{InputError, Problem, SummaryJson, parse};
pub use merge::rollup;

/// Which summaries a roll-up was made from, and at what level.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RollupInfo {
    /// The level the roll-up speaks for ("Đảng bộ phường Nghĩa Đô"), when named.
    pub level: Option<String>,
    /// The summaries merged, in the order given.
    pub sources: Vec<Source>,
    /// Inputs left out, with why (also in [`crate::core::summary::Summary::skipped`]).
    pub refused: Vec<InputError>,
    /// Template versions that differ from the first input's, named (merged by item id).
    pub other_templates: Vec<TemplateNote>,
    /// Coverage of each round with a plan, added over the inputs.
    pub coverage: Vec<CoverageSum>,
    /// For each visit of the summary (same index), the source it came from.
    pub visit_sources: Vec<usize>,
    /// For each visit (same index), the level of the report it came from: the deepest roll-up it
    /// passed through below this one (a source's own level, kept through a roll-up of roll-ups);
    /// None when it came straight from a team's summary.
    pub visit_levels: Vec<Option<String>>,
}

impl RollupInfo {
    /// Where visit `visit` came from: the source's name, and the level of the report, if any.
    pub fn origin(&self, visit: usize) -> Option<(&str, Option<&str>)> {
        let source = self.sources.get(*self.visit_sources.get(visit)?)?;
        Some((source.name.as_str(), self.visit_levels.get(visit).and_then(|l| l.as_deref())))
    }
}

/// One summary merged into a roll-up.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// As given (a file name).
    pub name: String,
    /// The level it was itself rolled up at, if it was a roll-up.
    pub level: Option<String>,
    pub visits: usize,
}

/// An input made from a template version the first input was not.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateNote {
    pub source: String,
    pub template: String,
    pub version: u32,
}

/// A round's coverage over the inputs: its planned branches (each once, however many inputs plan
/// it), those visited and those final in any input.
#[derive(Debug, Clone, PartialEq)]
pub struct CoverageSum {
    pub round: String,
    pub planned: usize,
    pub visited: usize,
    pub finalised: usize,
    /// Each planned branch (branch and committee as name keys) with its state ("missing",
    /// "draft", "final"): what a roll-up of roll-ups merges again.
    pub branches: Vec<(String, String, &'static str)>,
}
