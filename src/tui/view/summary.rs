//! The summary screen: findings with a bar showing how widespread each is, the branches of one
//! finding with the inspectors' notes, and the strengths and figures.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{Theme, fit, pad, safe};
use crate::core::summary::{Finding, Summary, quantified};
use crate::export::{date_text, figure_lines};
use crate::strings::Msg;
use crate::tui::state::App;
use crate::tui::state::summary::{Pane, filters_text};

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let s = &app.summary;
    let [header, filter_line, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let title = match (&s.summary, s.progress) {
        (_, Some((done, total))) => Msg::SummaryMerging.fill(app.lang, &[&done, &total]),
        (Some(sum), None) => {
            let (visits, branches) = (sum.visits.len(), sum.branch_count());
            let (findings, strengths, skipped) = (sum.findings.len(), sum.strengths.len(), sum.skipped.len());
            if branches < visits {
                // A branch visited more than once: say how many branches the visits are of.
                Msg::SummaryCountsOfBranches.fill(app.lang, &[&visits, &branches, &findings, &strengths, &skipped])
            } else {
                Msg::SummaryCounts.fill(app.lang, &[&visits, &findings, &strengths, &skipped])
            }
        }
        (None, None) => String::new(),
    };
    let head = format!(" khaosat — {}: {title}", app.lang_str(Msg::SummaryTitle));
    frame.render_widget(Paragraph::new(Span::styled(fit(&head, area.width as usize), theme.title())), header);
    let filters = Msg::SummaryFilter.fill(app.lang, &[&safe(&filters_text(app))]);
    frame.render_widget(
        Paragraph::new(Span::styled(fit(&format!(" {filters}"), area.width as usize), theme.muted())),
        filter_line,
    );
    let Some(summary) = s.summary.as_deref() else { return };
    match (s.pane, s.detail) {
        (Pane::Findings, Some(index)) => {
            if let Some(finding) = summary.findings.get(index) {
                draw_detail(frame, app, theme, body, summary, finding);
            }
        }
        (Pane::Findings, None) => draw_findings(frame, app, theme, body, summary),
        (Pane::Overview, _) => draw_overview(frame, app, theme, body, summary),
    }
}

/// A bar of `width` cells, filled in proportion to failing / assessed (eighths for precision).
fn bar(failing: usize, assessed: usize, width: usize) -> String {
    if assessed == 0 || width == 0 {
        return " ".repeat(width);
    }
    let eighths = (failing * width * 8).div_ceil(assessed);
    let full = eighths / 8;
    let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8];
    let filled = "█".repeat(full.min(width)) + if full < width { partial } else { "" };
    pad(&filled, width)
}

fn draw_findings(frame: &mut Frame, app: &App, theme: Theme, area: Rect, summary: &Summary) {
    let s = &app.summary;
    let [list, detail] = Layout::vertical([Constraint::Min(3), Constraint::Length(6)]).areas(area);
    let block = Block::bordered().title(app.lang_str(Msg::FindingsTitle));
    let inner = block.inner(list);
    frame.render_widget(block, list);
    if summary.findings.is_empty() {
        frame.render_widget(Paragraph::new(app.lang_str(Msg::SummaryNoFindings)), inner);
        return;
    }
    let width = inner.width as usize;
    let height = inner.height as usize;
    let lines: Vec<Line> = super::visible(&summary.findings, s.selected, height)
        .map(|(i, f)| {
            let cursor = if i == s.selected { "▶" } else { " " };
            let count = format!("{:>2}/{:<2}", f.failing(), f.assessed);
            let row = format!(
                "{cursor}{count} {} {} · {}",
                bar(f.failing(), f.assessed, 8),
                safe(&f.section_title),
                safe(&f.text)
            );
            let style = if i == s.selected { theme.selected() } else { Default::default() };
            Line::styled(pad(&row, width), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some(f) = summary.findings.get(s.selected) {
        let mut text = Text::default();
        text.push_line(Line::styled(safe(&f.sentence(app.lang)), theme.finding()));
        let names: Vec<String> =
            summary.failing_visits(f).map(|v| format!("{} ({})", safe(&v.branch), safe(&v.committee))).collect();
        text.push_line(Line::from(names.join("; ")));
        text.push_line(Line::styled(
            Msg::SummaryNotAssessed.fill(app.lang, &[&f.not_applicable, &f.unanswered, &f.not_in_template]),
            theme.muted(),
        ));
        let block = Block::bordered().title(safe(&f.id));
        frame.render_widget(Paragraph::new(text).block(block).wrap(Wrap { trim: false }), detail);
    }
}

fn draw_detail(frame: &mut Frame, app: &App, theme: Theme, area: Rect, summary: &Summary, finding: &Finding) {
    let s = &app.summary;
    let block = Block::bordered().title(Span::styled(
        fit(&safe(&quantified(finding.failing(), finding.assessed, &finding.text, app.lang)), area.width as usize - 4),
        theme.title(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let mut lines = Vec::new();
    let mut selected_line = 0;
    for (i, b) in finding.branches.iter().enumerate() {
        let cursor = if i == s.branch_selected { "▶" } else { " " };
        if i == s.branch_selected {
            selected_line = lines.len();
        }
        let v = summary.visit_of(b);
        let head = format!("{cursor}{} · {} ({})", date_text(v.date, app.lang), safe(&v.branch), safe(&v.committee));
        let style = if i == s.branch_selected { theme.selected() } else { Default::default() };
        lines.push(Line::styled(pad(&head, width), style));
        if !b.note.is_empty() {
            for note_line in crate::core::text::display_safe(&b.note, true).lines() {
                lines.push(Line::styled(fit(&format!("    ✎ {note_line}"), width), theme.muted()));
            }
        }
    }
    let height = inner.height as usize;
    let offset = super::scroll_offset(selected_line, height);
    frame.render_widget(Paragraph::new(lines).scroll((offset as u16, 0)), inner);
}

fn draw_overview(frame: &mut Frame, app: &App, theme: Theme, area: Rect, summary: &Summary) {
    let mut text = Text::default();
    text.push_line(Line::styled(app.lang_str(Msg::StrengthsTitle), theme.title()));
    for strength in &summary.strengths {
        text.push_line(Line::from(format!("+ {} ({}/{})", safe(&strength.text), strength.passing, strength.assessed)));
    }
    if !summary.other_limitations.is_empty() {
        text.push_line(Line::from(""));
        text.push_line(Line::styled(app.lang_str(Msg::OtherLimitationsTitle), theme.title()));
        for line in &summary.other_limitations {
            text.push_line(Line::from(format!("- {} — {}", safe(&line.text), safe(&line.branch))));
        }
    }
    text.push_line(Line::from(""));
    text.push_line(Line::styled(app.lang_str(Msg::FiguresTitle), theme.title()));
    for (head, details) in figure_lines(summary, &|t: &str| safe(t)) {
        text.push_line(Line::from(format!("• {head}")));
        for d in details {
            text.push_line(Line::styled(format!("    {d}"), theme.muted()));
        }
    }
    let block = Block::bordered().title(app.lang_str(Msg::ActSwitchPane));
    let paragraph = Paragraph::new(text).block(block).wrap(Wrap { trim: false });
    frame.render_widget(paragraph.scroll((app.summary.scroll.min(10_000) as u16, 0)), area);
}

#[cfg(test)]
mod tests {
    use super::bar;

    #[test]
    fn bar_is_proportional() {
        assert_eq!(bar(0, 7, 8), "        ");
        assert_eq!(bar(7, 7, 8), "████████");
        assert_eq!(bar(1, 2, 8), "████    ");
        assert_eq!(bar(1, 3, 8), "██▊     ");
    }
}
