//! The summary screen: findings with a bar showing how widespread each is, the branches of one
//! finding with the inspectors' notes, and the strengths and figures.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph, Wrap};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{Theme, fit, pad, safe};
use crate::core::summary::{Finding, Summary};
use crate::export::score::{rule_sets_warning, score_blocks};
use crate::export::{date_text, figure_lines};
use crate::strings::{Msg, TeamMsg};
use crate::tui::state::App;
use crate::tui::state::summary::{Pane, filters_text};

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let s = &app.summary;
    // Records of one meeting not reconciled yet: counted once, and said, as `summary` says it.
    let duplicates = s.summary.as_deref().map_or(0, |sum| sum.duplicates.len());
    let [header, filter_line, duplicate_line, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(u16::from(duplicates > 0)),
        Constraint::Min(0),
    ])
    .areas(area);
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
    if let Some(first) = summary.duplicates.first() {
        let meeting = format!("{} ({})", safe(&first.branch), first.date.strftime("%d/%m/%Y"));
        let line = TeamMsg::SummaryDuplicates.fill(app.lang, &[&duplicates, &meeting]);
        let text = fit(&format!(" ⧉ {line}"), area.width as usize);
        frame.render_widget(Paragraph::new(Span::styled(text, theme.warn())), duplicate_line);
    }
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

/// The findings under their section's heading (the sentence gets the width), and below them
/// the selected finding's sentence, branches and counts, in a pane that grows with the terminal.
fn draw_findings(frame: &mut Frame, app: &App, theme: Theme, area: Rect, summary: &Summary) {
    let s = &app.summary;
    let width = area.width.saturating_sub(2) as usize;
    let detail = summary.findings.get(s.selected).map(|f| finding_pane(app, theme, summary, f, width));
    // As high as its text, up to two fifths of the screen (at least 4 lines inside): at 80×24 the
    // list keeps most of the room, at 120×40 every branch of a finding usually fits.
    let room = (area.height * 2 / 5).max(6);
    let wanted = detail.as_ref().map_or(0, |d| d.len() as u16 + 2);
    let [list, pane] = Layout::vertical([Constraint::Min(3), Constraint::Length(wanted.min(room))]).areas(area);
    let title = format!("{} ({})", app.lang_str(Msg::FindingsTitle), summary.findings.len());
    let block = Block::bordered().title(title);
    let inner = block.inner(list);
    frame.render_widget(block, list);
    if summary.findings.is_empty() {
        frame.render_widget(Paragraph::new(app.lang_str(Msg::SummaryNoFindings)), inner);
        return;
    }
    let width = inner.width as usize;
    // Narrow screens get a shorter bar, to leave the sentence its words.
    let bar_width = if width >= 72 { 8 } else { 4 };
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    let mut section: Option<&str> = None;
    for (i, f) in summary.findings.iter().enumerate() {
        // Findings come by section (see `Summary::findings`): a heading where a section starts.
        if section != Some(f.section_id.as_str()) {
            section = Some(&f.section_id);
            let title = safe(&f.section_title);
            let rule = "─".repeat(width.saturating_sub(title.width() + 1));
            lines.push(Line::styled(fit(&format!("{title} {rule}"), width), theme.title()));
        }
        let cursor = if i == s.selected { "▶" } else { " " };
        let count = format!("{:>2}/{:<2}", f.failing(), f.assessed);
        let row = format!("{cursor}{count} {} {}", bar(f.failing(), f.assessed, bar_width), safe(&f.text));
        let style = if i == s.selected { theme.selected() } else { Default::default() };
        if i == s.selected {
            selected_line = lines.len();
        }
        lines.push(Line::styled(pad(&row, width), style));
    }
    let offset = super::scroll_offset(selected_line, inner.height as usize);
    frame.render_widget(Paragraph::new(lines).scroll((offset.min(u16::MAX as usize) as u16, 0)), inner);
    if let (Some(f), Some(text)) = (summary.findings.get(s.selected), detail) {
        let block = Block::bordered().title(safe(&f.id));
        let inner = block.inner(pane);
        let shown = cut(text, inner.height as usize, inner.width as usize);
        frame.render_widget(Paragraph::new(shown).block(block), pane);
    }
}

/// The lines of the selected finding's pane, wrapped to `width`: the report's sentence, the
/// failing branches, what was not assessed.
fn finding_pane(app: &App, theme: Theme, summary: &Summary, f: &Finding, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut push = |text: &str, style: Style| {
        lines.extend(wrap(text, width, "", "").into_iter().map(|l| Line::styled(l, style)));
    };
    push(&safe(&f.sentence(app.lang)), theme.finding());
    let names: Vec<String> =
        summary.failing_visits(f).map(|v| format!("{} ({})", safe(&v.branch), safe(&v.committee))).collect();
    push(&names.join("; "), Style::default());
    push(
        &Msg::SummaryNotAssessed.fill(app.lang, &[&f.not_applicable, &f.unanswered, &f.not_in_template]),
        theme.muted(),
    );
    lines
}

/// One finding's branches, each with its own sentence (when it differs) and the inspector's
/// note, wrapped; the selected one in reverse video.
fn draw_detail(frame: &mut Frame, app: &App, theme: Theme, area: Rect, summary: &Summary, finding: &Finding) {
    let s = &app.summary;
    let block = Block::bordered().title(Span::styled(safe(&finding.section_title), theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let mut lines: Vec<Line> = wrap(&safe(&finding.sentence(app.lang)), width, "", "")
        .into_iter()
        .map(|l| Line::styled(l, theme.finding()))
        .collect();
    lines.push(Line::from(""));
    // The rows of the selected branch: its head to its last note.
    let mut selected = (0, 0);
    for (i, b) in finding.branches.iter().enumerate() {
        let is_selected = i == s.branch_selected;
        let first = lines.len();
        let v = summary.visit_of(b);
        let cursor = if is_selected { "▶" } else { " " };
        let head = format!("{} · {} ({})", date_text(v.date, app.lang), safe(&v.branch), safe(&v.committee));
        let style = if is_selected { theme.selected() } else { Default::default() };
        lines.extend(wrap(&head, width, cursor, "  ").into_iter().map(|l| Line::styled(pad(&l, width), style)));
        let own = finding.branch_text(b);
        if own != finding.text {
            let own = safe(own);
            lines.extend(wrap(&own, width, "    → ", "      ").into_iter().map(|l| Line::styled(l, theme.muted())));
        }
        if !b.note.is_empty() {
            for note_line in crate::core::text::display_safe(&b.note, true).lines() {
                let wrapped = wrap(note_line, width, "    ✎ ", "      ");
                lines.extend(wrapped.into_iter().map(|l| Line::styled(l, theme.muted())));
            }
        }
        if is_selected {
            selected = (first, lines.len() - 1);
        }
    }
    let height = inner.height as usize;
    // Show the whole selected branch when it fits; its head in any case.
    let offset = super::scroll_offset(selected.1, height).min(selected.0);
    let shown: Vec<Line> = lines.into_iter().skip(offset).collect();
    frame.render_widget(Paragraph::new(cut(shown, height, width)), inner);
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
    // Scores (a rule set with a points frame, HD 42), labelled as the team's assessment.
    let scores = score_blocks(summary, &|t: &str| safe(t));
    if !scores.is_empty() {
        text.push_line(Line::from(""));
        text.push_line(Line::styled(app.lang_str(Msg::SumScores), theme.title()));
        for (version, lines) in scores {
            text.push_line(Line::styled(version, theme.muted()));
            for (head, details) in lines {
                text.push_line(Line::from(format!("• {head}")));
                for d in details {
                    text.push_line(Line::styled(format!("    {d}"), theme.muted()));
                }
            }
        }
        text.push_line(Line::styled(app.lang_str(Msg::SumScoreOfficial), theme.muted()));
    }
    if let Some(warning) = rule_sets_warning(summary, &|t: &str| safe(t)) {
        text.push_line(Line::from(""));
        text.push_line(Line::styled(warning, theme.muted()));
    }
    let block = Block::bordered().title(app.lang_str(Msg::ActSwitchPane));
    let paragraph = Paragraph::new(text).block(block).wrap(Wrap { trim: false });
    frame.render_widget(paragraph.scroll((app.summary.scroll.min(10_000) as u16, 0)), area);
}

/// `text` in lines of at most `width` columns, broken between words (a word wider than a line is
/// broken where the line ends). The first line starts with `first`, the others with `rest`.
pub(super) fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_string();
    // Whether the line holds a word yet (the prefix alone does not count).
    let mut has_word = false;
    for word in text.split_whitespace() {
        let room = width.saturating_sub(line.width());
        let needed = word.width() + usize::from(has_word);
        if has_word && needed > room {
            lines.push(std::mem::replace(&mut line, rest.to_string()));
            has_word = false;
        }
        if has_word {
            line.push(' ');
        }
        for c in word.chars() {
            let w = c.width().unwrap_or(0);
            // A word wider than a whole line: break it where the line is full.
            if line.width() + w > width && line.width() > rest.width() {
                lines.push(std::mem::replace(&mut line, rest.to_string()));
            }
            line.push(c);
        }
        has_word = true;
    }
    if has_word || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The first `height` lines; when some are left out, the last one shown ends with "…".
pub(super) fn cut(mut lines: Vec<Line<'static>>, height: usize, width: usize) -> Vec<Line<'static>> {
    if lines.len() <= height {
        return lines;
    }
    lines.truncate(height);
    if let Some(last) = lines.last_mut() {
        let text: String = last.spans.iter().map(|s| s.content.as_ref()).collect::<String>();
        let text = text.trim_end();
        let ended = if text.width() < width { format!("{text}…") } else { fit(&format!("{text}…"), width) };
        let style = last.spans.first().map(|s| s.style).unwrap_or_default();
        *last = Line::styled(ended, style);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::{bar, wrap};

    #[test]
    fn wrap_breaks_between_words_and_indents_the_rest() {
        assert_eq!(wrap("một hai ba bốn", 7, "", ""), vec!["một hai", "ba bốn"]);
        assert_eq!(wrap("note text here", 10, "  ✎ ", "    "), vec!["  ✎ note", "    text", "    here"]);
        assert_eq!(wrap("abcdefghij", 4, "", ""), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4, "", ""), vec![""]);
    }

    #[test]
    fn bar_is_proportional() {
        assert_eq!(bar(0, 7, 8), "        ");
        assert_eq!(bar(7, 7, 8), "████████");
        assert_eq!(bar(1, 2, 8), "████    ");
        assert_eq!(bar(1, 3, 8), "██▊     ");
    }
}
