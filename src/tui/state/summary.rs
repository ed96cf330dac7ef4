//! The summary screen's state: the merged findings, the filters, where the cursor is.

use std::path::PathBuf;

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
    /// Where to come back to when the merge under way is ready (a visit opened from here was
    /// left, or the same filters were merged again); None puts the cursor on the first finding.
    pub restore: Option<Place>,
    /// The visit being opened from a finding, and that finding's item: the checklist opens there.
    pub open_item: Option<(PathBuf, String)>,
    /// The file name the report being written was asked under (the runtime may add `-2`).
    pub export_name: Option<String>,
}

/// A place in the findings list that survives a new merge: the finding by its item id and the
/// branch by its visit's file (their positions may change when a visit was edited).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub finding: String,
    /// Where the cursor was, for when the finding is gone (it was fixed in the visit).
    pub selected: usize,
    /// The finding's branches were shown, with this one selected.
    pub branch: Option<(usize, Option<PathBuf>)>,
}

impl SummaryScreen {
    pub fn findings_count(&self) -> usize {
        self.summary.as_ref().map_or(0, |s| s.findings.len())
    }

    /// Where the cursor is, if on a finding.
    pub fn place(&self) -> Option<Place> {
        let summary = self.summary.as_deref()?;
        let finding = summary.findings.get(self.selected)?;
        let branch = self.detail.map(|_| {
            let file = summary.failing_visits(finding).nth(self.branch_selected).map(|v| v.file.clone());
            (self.branch_selected, file)
        });
        Some(Place { finding: finding.id.clone(), selected: self.selected, branch })
    }

    /// Put the cursor back on `place` in the summary now shown: the same finding and branch when
    /// they are still there, else as near as the list allows.
    pub fn go_to(&mut self, place: &Place) {
        let Some(summary) = self.summary.as_deref() else { return };
        let count = summary.findings.len();
        let Some(index) = summary.findings.iter().position(|f| f.id == place.finding) else {
            self.selected = place.selected.min(count.saturating_sub(1));
            self.detail = None;
            return;
        };
        self.selected = index;
        self.detail = None;
        if let Some((branch, file)) = &place.branch {
            let finding = &summary.findings[index];
            let same_file =
                file.as_ref().and_then(|file| summary.failing_visits(finding).position(|v| v.file == *file));
            self.branch_selected = same_file.unwrap_or(*branch).min(finding.branches.len().saturating_sub(1));
            self.detail = Some(index);
        }
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
