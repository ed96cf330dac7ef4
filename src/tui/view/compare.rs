//! Drawing the round-over-round screen: the list by finding or by branch (with the branches of
//! one round only), and the details of the selected finding or branch.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::summary::{cut, wrap};
use super::{Theme, fit, pad, safe};
use crate::core::compare::{BranchChange, BranchFinding, BranchRef, Comparison, FindingChange};
use crate::strings::Msg;
use crate::tui::state::App;
use crate::tui::state::compare::{BranchRow, CompareList, branch_rows};

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let c = &app.compare;
    let [header, tabs, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let width = area.width as usize;
    let old = safe(&c.old.to_string_lossy());
    let head = match &c.comparison {
        Some(cmp) => Msg::CompareHeader.fill(app.lang, &[&old, &cmp.old_visits, &cmp.new_visits]),
        None => Msg::CompareLoading.fill(app.lang, &[&old]),
    };
    frame.render_widget(Paragraph::new(Span::styled(fit(&format!(" {head}"), width), theme.title())), header);
    let Some(cmp) = c.comparison.as_deref() else { return };
    // The two lists, the one shown in reverse video (Tab switches).
    let by_finding = format!(" {} ", Msg::CompareByFinding.fill(app.lang, &[&cmp.findings.len()]));
    let branches = cmp.branches.len() + cmp.old_only.len() + cmp.new_only.len();
    let by_branch = format!(" {} ", Msg::CompareByBranch.fill(app.lang, &[&branches]));
    let (on, off) = (theme.selected(), Style::default());
    let (first, second) = if c.list == CompareList::Findings { (on, off) } else { (off, on) };
    let tab_line = Line::from(vec![
        Span::raw(" "),
        Span::styled(by_finding, first),
        Span::raw(" "),
        Span::styled(by_branch, second),
    ]);
    frame.render_widget(Paragraph::new(tab_line), tabs);
    match (c.list, c.detail) {
        (CompareList::Findings, false) => findings_list(frame, app, theme, body, cmp),
        (CompareList::Branches, false) => branches_list(frame, app, theme, body, cmp),
        (CompareList::Findings, true) => {
            if let Some(f) = cmp.findings.get(c.selected) {
                finding_detail(frame, app, theme, body, f);
            }
        }
        (CompareList::Branches, true) => {
            if let Some(BranchRow::Both(i)) = branch_rows(cmp).get(c.branch_selected)
                && let Some(b) = cmp.branches.get(*i)
            {
                branch_detail(frame, app, theme, body, b);
            }
        }
    }
}

/// `✓1  =2  +0  `: fixed, still there, new.
fn counts(fixed: usize, persisting: usize, new: usize) -> String {
    format!("✓{fixed:<3}={persisting:<3}+{new:<3}")
}

/// Across two rule sets, two more columns: `~` criterion changed, `?` not comparable.
fn rule_set_counts(cmp: &Comparison, changed: usize, not_comparable: usize) -> String {
    if spans_rule_sets(cmp) { format!("~{changed:<3}?{not_comparable:<3}") } else { String::new() }
}

fn spans_rule_sets(cmp: &Comparison) -> bool {
    cmp.findings.iter().any(|f| !f.criterion_changed.is_empty() || !f.not_comparable.is_empty())
}

/// The columns' legend, with the two of a change of rule set when they are shown.
fn columns_title(app: &App, cmp: &Comparison) -> &'static str {
    app.lang_str(if spans_rule_sets(cmp) { Msg::CompareColumnsAcross } else { Msg::CompareColumns })
}

fn findings_list(frame: &mut Frame, app: &App, theme: Theme, area: Rect, cmp: &Comparison) {
    let c = &app.compare;
    let block = Block::bordered().title(columns_title(app, cmp));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if cmp.findings.is_empty() {
        frame.render_widget(Paragraph::new(app.lang_str(Msg::CmpNoFindings)), inner);
        return;
    }
    let width = inner.width as usize;
    let lines: Vec<Line> = super::visible(&cmp.findings, c.selected, inner.height as usize)
        .map(|(i, f)| {
            let cursor = if i == c.selected { "▶" } else { " " };
            let changed = rule_set_counts(cmp, f.criterion_changed.len(), f.not_comparable.len());
            let counts = counts(f.fixed.len(), f.persisting.len(), f.new.len());
            let row = format!("{cursor}{counts}{changed} {}", safe(&f.text));
            let style = if i == c.selected { theme.selected() } else { Default::default() };
            Line::styled(pad(&row, width), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The branches in both rounds, with their counts and findings before and now, then under their
/// own headings the branches only one round has.
fn branches_list(frame: &mut Frame, app: &App, theme: Theme, area: Rect, cmp: &Comparison) {
    let c = &app.compare;
    let lang = app.lang;
    let block = Block::bordered().title(columns_title(app, cmp));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let heading = |text: String| {
        let rule = "─".repeat(width.saturating_sub(text.width() + 1));
        Line::styled(fit(&format!("{text} {rule}"), width), theme.title())
    };
    let name = |b: &BranchRef| b.label(lang, &safe);
    // Rows of branches only one round has leave the count columns blank.
    let blank = counts(0, 0, 0).chars().count() + rule_set_counts(cmp, 0, 0).chars().count();
    let mut lines = Vec::new();
    let mut selected_line = 0;
    let mut last_group = None;
    for (i, row) in branch_rows(cmp).into_iter().enumerate() {
        let (group, text) = match row {
            BranchRow::Both(at) => {
                let b = &cmp.branches[at];
                let change = Msg::CmpBranchLine.fill(lang, &[&b.failing_before().len(), &b.failing_after().len()]);
                let shown = name(&b.name());
                let changed = rule_set_counts(cmp, b.criterion_changed.len(), b.not_comparable.len());
                let counts = format!("{}{changed}", counts(b.fixed.len(), b.persisting.len(), b.new.len()));
                (Msg::CompareInBoth.fill(lang, &[&cmp.branches.len()]), format!("{counts} {shown} · {change}"))
            }
            BranchRow::OldOnly(at) => (
                Msg::CompareOldOnly.fill(lang, &[&cmp.old_only.len()]),
                format!("{:blank$} {}", "", name(&cmp.old_only[at])),
            ),
            BranchRow::NewOnly(at) => (
                Msg::CompareNewOnly.fill(lang, &[&cmp.new_only.len()]),
                format!("{:blank$} {}", "", name(&cmp.new_only[at])),
            ),
        };
        if last_group.as_ref() != Some(&group) {
            lines.push(heading(group.clone()));
            last_group = Some(group);
        }
        let cursor = if i == c.branch_selected { "▶" } else { " " };
        let style = if i == c.branch_selected { theme.selected() } else { Default::default() };
        if i == c.branch_selected {
            selected_line = lines.len();
        }
        lines.push(Line::styled(pad(&format!("{cursor}{text}"), width), style));
    }
    if lines.is_empty() {
        lines.push(Line::from(app.lang_str(Msg::CmpNoFindings)));
    }
    let offset = super::scroll_offset(selected_line, inner.height as usize);
    frame.render_widget(Paragraph::new(lines).scroll((offset.min(u16::MAX as usize) as u16, 0)), inner);
}

/// A finding's branches: fixed, still there, new, not assessed this time.
fn finding_detail(frame: &mut Frame, app: &App, theme: Theme, area: Rect, f: &FindingChange) {
    let block = Block::bordered().title(Span::styled(app.lang_str(Msg::CmpFindings), theme.title()));
    let width = block.inner(area).width as usize;
    let mut lines: Vec<Line> =
        wrap(&safe(&f.text), width, "", "").into_iter().map(|l| Line::styled(l, theme.finding())).collect();
    for (label, list) in [
        (Msg::CompareFixed, &f.fixed),
        (Msg::ComparePersisting, &f.persisting),
        (Msg::CompareNew, &f.new),
        (Msg::CompareNotAssessed, &f.not_assessed),
        (Msg::CmpCriterionChanged, &f.criterion_changed),
        (Msg::CmpNotComparable, &f.not_comparable),
    ] {
        // The two groups of a change of rule set only when it happened.
        if list.is_empty() && matches!(label, Msg::CmpCriterionChanged | Msg::CmpNotComparable) {
            continue;
        }
        lines.push(Line::from(""));
        lines.push(Line::styled(format!("{} ({})", app.lang_str(label), list.len()), theme.title()));
        let names: Vec<String> = list.iter().map(|b| b.label(app.lang, &safe)).collect();
        let text = if names.is_empty() { "—".to_string() } else { names.join("; ") };
        lines.extend(wrap(&text, width, "  ", "  ").into_iter().map(Line::from));
    }
    for r in &f.replaces {
        let text = Msg::CmpReplaces.fill(app.lang, &[&safe(&r.text), &safe(&r.id)]);
        lines.extend(wrap(&text, width, "  ", "  ").into_iter().map(Line::from));
    }
    scrolled(frame, app, block, area, lines);
}

/// A branch's findings: fixed, still there, new, not assessed this time (each with the sentence
/// its own visit gives it).
fn branch_detail(frame: &mut Frame, app: &App, theme: Theme, area: Rect, b: &BranchChange) {
    let title = b.name().label(app.lang, &safe);
    let block =
        Block::bordered().title(Span::styled(fit(&title, area.width.saturating_sub(4) as usize), theme.title()));
    let width = block.inner(area).width as usize;
    let change = Msg::CmpBranchLine.fill(app.lang, &[&b.failing_before().len(), &b.failing_after().len()]);
    let mut lines = vec![Line::from(change)];
    let sections: [(Msg, &Vec<BranchFinding>); 4] = [
        (Msg::CompareFixed, &b.fixed),
        (Msg::ComparePersisting, &b.persisting),
        (Msg::CompareNew, &b.new),
        (Msg::CompareNotAssessed, &b.not_assessed),
    ];
    for (label, list) in sections {
        lines.push(Line::from(""));
        lines.push(Line::styled(format!("{} ({})", app.lang_str(label), list.len()), theme.title()));
        if list.is_empty() {
            lines.push(Line::from("  —"));
        }
        for finding in list {
            lines.extend(wrap(&safe(&finding.sentence), width, "  - ", "    ").into_iter().map(Line::from));
        }
    }
    changed_criteria(app, theme, b, width, &mut lines);
    scrolled(frame, app, block, area, lines);
}

/// A branch's findings across a change of rule set, when there was one: the criteria that changed
/// (now and before) and those only one rule set asks.
fn changed_criteria(app: &App, theme: Theme, b: &BranchChange, width: usize, lines: &mut Vec<Line<'static>>) {
    let lang = app.lang;
    if !b.criterion_changed.is_empty() {
        lines.push(Line::from(""));
        let label = format!("{} ({})", app.lang_str(Msg::CmpCriterionChanged), b.criterion_changed.len());
        lines.push(Line::styled(label, theme.title()));
        for c in &b.criterion_changed {
            let text = c.line(lang, &safe);
            lines.extend(wrap(&text, width, "  - ", "    ").into_iter().map(Line::from));
        }
    }
    if !b.not_comparable.is_empty() {
        lines.push(Line::from(""));
        let label = format!("{} ({})", app.lang_str(Msg::CmpNotComparable), b.not_comparable.len());
        lines.push(Line::styled(label, theme.title()));
        for f in &b.not_comparable {
            lines.extend(wrap(&safe(&f.sentence), width, "  - ", "    ").into_iter().map(Line::from));
        }
    }
}

/// Details in a box, scrolled as far as asked (never past their end); a cut ends with "…".
fn scrolled(frame: &mut Frame, app: &App, block: Block, area: Rect, lines: Vec<Line<'static>>) {
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = inner.height as usize;
    let offset = app.compare.detail_scroll.min(lines.len().saturating_sub(height));
    let shown: Vec<Line> = lines.into_iter().skip(offset).collect();
    frame.render_widget(Paragraph::new(cut(shown, height, inner.width as usize)), inner);
}
