//! The summary screen's state: the merged findings, the filters, where the cursor is.

use crate::core::summary::{Filters, Summary};
use crate::strings::Msg;
use crate::tui::state::App;

/// Which list the screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Findings,
    /// Strengths, other limitations and the figures.
    Overview,
}

/// A filter chosen from a list or typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterKind {
    Committee,
    BranchType,
    Inspector,
    Dates,
}

#[derive(Debug, Clone, Default)]
pub struct SummaryScreen {
    pub summary: Option<Box<Summary>>,
    /// (files read, files found) while a merge runs.
    pub progress: Option<(usize, usize)>,
    pub filters: Filters,
    pub pane: Pane,
    pub selected: usize,
    /// The finding whose branches are shown.
    pub detail: Option<usize>,
    pub branch_selected: usize,
    /// Committees and inspectors of the unfiltered merge, for the filter lists.
    pub committees: Vec<String>,
    pub inspectors: Vec<String>,
    /// Bumped at every new merge, so a late result of an older one is ignored.
    pub generation: u64,
    pub scroll: usize,
}

impl SummaryScreen {
    pub fn findings_count(&self) -> usize {
        self.summary.as_ref().map_or(0, |s| s.findings.len())
    }
}

/// What a filter is called in its pop-up.
pub fn filter_label(kind: FilterKind) -> Msg {
    match kind {
        FilterKind::Committee => Msg::ActFilterCommittee,
        FilterKind::BranchType => Msg::ActFilterType,
        FilterKind::Inspector => Msg::ActFilterInspector,
        FilterKind::Dates => Msg::FilterDatesPrompt,
    }
}

/// The filters in force, as a short line.
pub fn filters_text(app: &App) -> String {
    let lang = app.lang;
    let f = &app.summary.filters;
    let mut parts = Vec::new();
    if let Some(c) = &f.committee {
        parts.push(c.clone());
    }
    if let Some(t) = f.branch_type {
        parts.push(t.label().get(lang).to_string());
    }
    if let Some(i) = &f.inspector {
        parts.push(i.clone());
    }
    if f.from.is_some() || f.to.is_some() {
        let d = |d: Option<jiff::civil::Date>| d.map(|d| d.strftime("%d/%m/%Y").to_string()).unwrap_or_default();
        parts.push(format!("{}–{}", d(f.from), d(f.to)));
    }
    if f.final_only {
        parts.push(Msg::FilterFinalOnly.get(lang).to_string());
    }
    if parts.is_empty() { Msg::FilterAll.get(lang).to_string() } else { parts.join(" · ") }
}
