//! The summary screen's keys: the findings of every visit in the data folder, filtered, with a
//! drill-down to the branches of a finding and from there into a visit.

use jiff::civil::Date;
use ratatui::crossterm::event::KeyEvent;

use crate::core::summary::{Filters, Summary};
use crate::core::text::{compare_names, slug};
use crate::core::visit::{BranchType, parse_date};
use crate::export::{self, Format};
use crate::strings::{Lang, Msg};
use crate::tui::keymap::{Action, Scope};
use crate::tui::state::prompts::{Editor, Picker, Target};
use crate::tui::state::summary::{FilterKind, Pane};
use crate::tui::state::{App, Effect, Overlay, Screen};

/// Open the summary screen and start a merge.
pub fn open(app: &mut App) -> Vec<Effect> {
    app.screen = Screen::Summary;
    recompute(app)
}

/// Start a merge with the current filters (new filters: the list starts at its top).
pub fn recompute(app: &mut App) -> Vec<Effect> {
    let s = &mut app.summary;
    s.detail = None;
    s.selected = 0;
    s.scroll = 0;
    s.restore = None;
    merge(app)
}

/// Back from a visit opened from a finding: merge again (the visit may have changed) and come
/// back to that finding, its branches shown, on the branch the visit was opened from.
pub fn back_from_visit(app: &mut App) -> Vec<Effect> {
    app.screen = Screen::Summary;
    refresh_in_place(app)
}

/// Merge again with the same filters, keeping the cursor where it is (the list stays on screen
/// until the new merge is ready).
fn refresh_in_place(app: &mut App) -> Vec<Effect> {
    app.summary.restore = app.summary.place();
    merge(app)
}

fn merge(app: &mut App) -> Vec<Effect> {
    let s = &mut app.summary;
    s.generation += 1;
    s.progress = Some((0, 0));
    vec![Effect::ComputeSummary { filters: s.filters.clone(), generation: s.generation }]
}

/// A merge finished.
pub fn ready(app: &mut App, summary: Box<Summary>, generation: u64) {
    let s = &mut app.summary;
    if generation != s.generation {
        return;
    }
    if s.filters == Filters::default() {
        // The first spelling of each committee, one per folded name (folded once per visit).
        let mut seen = std::collections::HashSet::new();
        let mut committees: Vec<String> = Vec::new();
        for v in &summary.visits {
            if seen.insert(crate::core::text::name_key(&v.committee)) {
                committees.push(v.committee.to_string());
            }
        }
        committees.sort_by(|a, b| compare_names(a, b));
        s.committees = committees;
        s.inspectors = summary.inspectors();
    }
    s.summary = Some(summary);
    s.progress = None;
    if let Some(place) = s.restore.take() {
        s.go_to(&place);
    }
}

pub fn key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if app.summary.detail.is_some() {
        return detail_key(app, key);
    }
    let count = match app.summary.pane {
        Pane::Findings => app.summary.findings_count(),
        Pane::Overview => usize::MAX,
    };
    let Some(action) = app.keymap.action(Scope::Summary, &key) else { return Vec::new() };
    let s = &mut app.summary;
    match action {
        Action::Back => app.screen = Screen::Home,
        Action::Help => app.overlay = Overlay::Help,
        Action::Up => {
            s.selected = s.selected.saturating_sub(1);
            s.scroll = s.scroll.saturating_sub(1);
        }
        Action::Down => {
            s.selected = (s.selected + 1).min(count.saturating_sub(1));
            s.scroll = s.scroll.saturating_add(1);
        }
        Action::PageUp => {
            s.selected = s.selected.saturating_sub(10);
            s.scroll = s.scroll.saturating_sub(10);
        }
        Action::PageDown => {
            s.selected = (s.selected + 10).min(count.saturating_sub(1));
            s.scroll = s.scroll.saturating_add(10);
        }
        Action::SwitchPane => {
            s.pane = if s.pane == Pane::Findings { Pane::Overview } else { Pane::Findings };
            s.scroll = 0;
        }
        Action::Open if s.pane == Pane::Findings && s.selected < count => {
            s.detail = Some(s.selected);
            s.branch_selected = 0;
        }
        Action::FilterCommittee => open_filter(app, FilterKind::Committee),
        Action::FilterType => open_filter(app, FilterKind::BranchType),
        Action::FilterInspector => open_filter(app, FilterKind::Inspector),
        Action::FilterDates => open_filter(app, FilterKind::Dates),
        Action::FilterFinal => {
            s.filters.final_only = !s.filters.final_only;
            return recompute(app);
        }
        Action::FilterClear => {
            s.filters = Filters::default();
            return recompute(app);
        }
        Action::Refresh => return refresh_in_place(app),
        Action::Export => return export_markdown(app),
        Action::WriteReport => return super::report::write(app),
        Action::EditReport => return super::report::edit(app),
        Action::Compare => super::compare::ask_folder(app, app.compare_guess.clone()),
        Action::ForceQuit => {
            app.quit = true;
            return vec![Effect::Quit];
        }
        _ => {}
    }
    Vec::new()
}

fn detail_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let s = &mut app.summary;
    // The finding's item, and the files of its branches in list order: what Down and Open need.
    let (item, files): (&str, Vec<&std::path::Path>) = match (s.detail, s.summary.as_deref()) {
        (Some(i), Some(summary)) => summary
            .findings
            .get(i)
            .map(|f| (f.id.as_str(), summary.failing_visits(f).map(|v| v.file.as_path()).collect()))
            .unwrap_or_default(),
        _ => Default::default(),
    };
    match app.keymap.action(Scope::Summary, &key) {
        Some(Action::Back) => s.detail = None,
        Some(Action::Help) => app.overlay = Overlay::Help,
        Some(Action::Up) => s.branch_selected = s.branch_selected.saturating_sub(1),
        Some(Action::Down) => s.branch_selected = (s.branch_selected + 1).min(files.len().saturating_sub(1)),
        Some(Action::Open) => {
            if let Some(file) = files.get(s.branch_selected) {
                let file = file.to_path_buf();
                // The checklist opens on the finding's item; leaving it comes back here.
                s.open_item = Some((file.clone(), item.to_string()));
                app.return_to_summary = true;
                return vec![Effect::Open(file)];
            }
        }
        _ => {}
    }
    Vec::new()
}

fn open_filter(app: &mut App, kind: FilterKind) {
    let lang = app.lang;
    let all = (String::new(), Msg::FilterAll.get(lang).to_string());
    let (options, current): (Vec<(String, String)>, String) = match kind {
        FilterKind::Committee => (
            std::iter::once(all).chain(app.summary.committees.iter().map(|c| (c.clone(), c.clone()))).collect(),
            app.summary.filters.committee.clone().unwrap_or_default(),
        ),
        FilterKind::Inspector => (
            std::iter::once(all).chain(app.summary.inspectors.iter().map(|c| (c.clone(), c.clone()))).collect(),
            app.summary.filters.inspector.clone().unwrap_or_default(),
        ),
        FilterKind::BranchType => (
            std::iter::once(all)
                .chain(BranchType::ALL.iter().map(|t| (t.id().to_string(), t.label().get(lang).to_string())))
                .collect(),
            app.summary.filters.branch_type.map(|t| t.id().to_string()).unwrap_or_default(),
        ),
        FilterKind::Dates => {
            let f = &app.summary.filters;
            let text = match (f.from, f.to) {
                (None, None) => String::new(),
                (from, to) => format!(
                    "{} - {}",
                    from.map(|d| d.strftime("%d/%m/%Y").to_string()).unwrap_or_default(),
                    to.map(|d| d.strftime("%d/%m/%Y").to_string()).unwrap_or_default()
                ),
            };
            app.overlay = Overlay::Editor(Editor::new(Target::Filter(kind), &text, false));
            return;
        }
    };
    let cursor = options.iter().position(|(id, _)| *id == current).unwrap_or(0);
    app.overlay =
        Overlay::Picker(Picker { target: Target::Filter(kind), options, multi: false, cursor, chosen: vec![current] });
}

/// Apply a filter picked from a list (an empty id means "all").
pub fn apply_picked_filter(app: &mut App, kind: FilterKind, picked: String) -> Vec<Effect> {
    let value = Some(picked).filter(|p| !p.is_empty());
    let f = &mut app.summary.filters;
    match kind {
        FilterKind::Committee => f.committee = value,
        FilterKind::Inspector => f.inspector = value,
        FilterKind::BranchType => f.branch_type = value.as_deref().and_then(BranchType::from_id),
        FilterKind::Dates => {}
    }
    recompute(app)
}

/// Apply a typed date range: `from - to`, either side may be empty; empty text clears it.
pub fn apply_date_filter(app: &mut App, text: &str) -> Result<Vec<Effect>, String> {
    let lang = app.lang;
    let text = text.trim();
    let (from, to) = match text.split_once(" - ").or_else(|| text.split_once('–')) {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (text, ""),
    };
    let parse = |t: &str| -> Result<Option<jiff::civil::Date>, String> {
        if t.is_empty() { Ok(None) } else { parse_date(t).map(Some).ok_or_else(|| Msg::CliBadDate.fill(lang, &[&t])) }
    };
    let (from, to) = (parse(from)?, parse(to)?);
    app.summary.filters.from = from;
    app.summary.filters.to = to;
    Ok(recompute(app))
}

fn export_markdown(app: &mut App) -> Vec<Effect> {
    let Some(summary) = app.summary.summary.as_ref() else { return Vec::new() };
    match export::render(summary, Format::Markdown) {
        Ok(bytes) => {
            let today = (app.clock)().to_zoned_datetime(jiff::tz::TimeZone::system()).date();
            let name = export_name(&app.summary.filters, app.lang, today);
            app.summary.export_name = Some(name.clone());
            vec![Effect::Export { name, bytes }]
        }
        Err(e) => {
            app.flash = Some(Msg::SumExportFailed.fill(app.lang, &[&e]));
            Vec::new()
        }
    }
}

/// The report's file name: the word for a summary in the user's language, the day it is written,
/// then the filters that made it (or "all"), e.g. `summary-2022-04-15-dang-bo-cong-an-quan-final.md`.
/// Names and types are slugs (ASCII, no marks), each cut short so the name stays well under the
/// 255 bytes a file name may have. The runtime adds `-2`, `-3` … when the name is taken.
pub fn export_name(filters: &Filters, lang: Lang, today: Date) -> String {
    let part = |text: &str| {
        let mut part = slug(text);
        part.truncate(40);
        part.trim_end_matches('-').to_string()
    };
    let mut parts = vec![Msg::ExportFilePrefix.get(lang).to_string(), today.to_string()];
    parts.extend(filters.committee.as_deref().map(part));
    parts.extend(filters.branch_type.map(|t| part(t.label().get(lang))));
    parts.extend(filters.inspector.as_deref().map(part));
    parts.extend(filters.from.map(|d| Msg::ExportFileFrom.fill(lang, &[&d])));
    parts.extend(filters.to.map(|d| Msg::ExportFileTo.fill(lang, &[&d])));
    if filters.final_only {
        parts.push(Msg::ExportFileFinal.get(lang).to_string());
    }
    if parts.len() == 2 {
        parts.push(Msg::ExportFileAll.get(lang).to_string());
    }
    format!("{}.md", parts.join("-"))
}

/// The report was written (under a new name when the one asked for was taken) or not.
pub fn exported(app: &mut App, result: Result<std::path::PathBuf, String>) {
    let asked = app.summary.export_name.take();
    let safe = |text: &str| crate::core::text::display_safe(text, false);
    app.flash = Some(match result {
        Ok(path) => {
            let written = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if asked.is_some_and(|asked| asked != written) {
                // The name alone (the folder is the data folder): the line must fit at 80 columns.
                Msg::SumWroteKept.fill(app.lang, &[&safe(&written)])
            } else {
                Msg::SumWrote.fill(app.lang, &[&safe(&path.to_string_lossy())])
            }
        }
        Err(e) => e,
    });
}
