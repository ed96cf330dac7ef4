//! The checklist screen: sections with progress on the left, the section's items on the right,
//! and the current item in full below them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::overlay::problem_text;
use super::{Theme, fit, pad, safe};
use crate::core::problems::{Unmet, fact_problems};
use crate::core::rules::{ItemStatus, finding_sentence, item_status, why_not_applicable};
use crate::core::score::visit_score;
use crate::core::template::Kind;
use crate::core::text::{display_safe, number_text};
use crate::core::visit::Value;
use crate::strings::{Msg, TeamMsg};
use crate::tui::rows::{
    Fact, FactInput, Row, answer_text, conflict_sides_text, row_conflict, row_enabled, row_item, rows, section_count,
    section_findings, section_progress, section_title,
};
use crate::tui::state::session::{SaveState, Session};
use crate::tui::state::{App, current_row};

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let Some(session) = app.session.as_ref() else { return };
    let [header, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    draw_header(frame, app, session, theme, header);
    let left_width = (body.width / 3).clamp(18, 30);
    let [left, right] = Layout::horizontal([Constraint::Length(left_width), Constraint::Min(0)]).areas(body);
    // The item whose answer depends on the branch's type shows that type's guidance: more room.
    let detail_height = if shows_branch_content(session) {
        (right.height * 2 / 3).clamp(8, 16)
    } else {
        (right.height / 2).clamp(6, 12)
    };
    let [items, detail] = Layout::vertical([Constraint::Min(3), Constraint::Length(detail_height)]).areas(right);
    draw_sections(frame, app, session, theme, left);
    draw_items(frame, app, session, theme, items);
    draw_detail(frame, app, session, theme, detail);
}

fn draw_header(frame: &mut Frame, app: &App, session: &Session, theme: Theme, area: Rect) {
    let m = &session.visit.meeting;
    let status = app.lang_str(session.visit.status.label());
    let (save_text, save_style) = match &session.save {
        SaveState::Saved => (app.lang_str(Msg::SavedMark).to_string(), theme.pass()),
        SaveState::Saving => (app.lang_str(Msg::SavingMark).to_string(), theme.muted()),
        SaveState::Failed(_) => (app.lang_str(Msg::SaveFailedMark).to_string(), theme.finding()),
    };
    let (save_text, save_style) = match &session.read_only {
        Some(_) => (app.lang_str(Msg::ReadOnlyMark).to_string(), theme.warn()),
        None => (save_text, save_style),
    };
    let conflicts = match session.visit.conflicts.len() {
        0 => String::new(),
        n => format!("≠ {} · ", TeamMsg::ConflictsHeader.fill(app.lang, &[&n])),
    };
    let right = format!(" {conflicts}{status} · {save_text} ");
    let width = area.width as usize;
    let left_width = width.saturating_sub(unicode_width::UnicodeWidthStr::width(right.as_str()));
    let left = format!(" {} · {}", safe(&m.branch), m.date.strftime("%d/%m/%Y"));
    let line = Line::from(vec![
        Span::styled(pad(&left, left_width), theme.title()),
        Span::styled(right, save_style.add_modifier(Modifier::BOLD)),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

fn draw_sections(frame: &mut Frame, app: &App, session: &Session, theme: Theme, area: Rect) {
    let block = Block::bordered().title(app.lang_str(Msg::SectionsTitle));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let mut lines = Vec::new();
    for s in 0..section_count(&session.template) {
        let (done, total) = section_progress(&session.template, &session.visit, s);
        let findings = section_findings(&session.template, &session.visit, s);
        let marker = if s == session.section { "▶" } else { " " };
        let flag = if findings > 0 { format!(" !{findings}") } else { String::new() };
        let tail = format!(" {done}/{total}{flag}");
        let title_width = width.saturating_sub(tail.chars().count() + 1);
        let title = pad(&safe(&section_title(&session.template, s, app.lang)), title_width);
        let style = if s == session.section {
            theme.selected()
        } else if findings > 0 {
            theme.finding()
        } else {
            Default::default()
        };
        lines.push(Line::styled(format!("{marker}{title}{tail}"), style));
    }
    lines.extend(score_lines(app, session, theme, width));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The running score under the sections, when the template has a points frame: "72/100 · Khá",
/// or, while scored items are unanswered, "72/100 · còn 5 mục chưa chấm". Labelled as the
/// team's: the official grade is the upper committee's.
fn score_lines(app: &App, session: &Session, theme: Theme, width: usize) -> Vec<Line<'static>> {
    let (Some(frame), Some(score)) = (session.template.score.as_ref(), visit_score(&session.template, &session.visit))
    else {
        return Vec::new();
    };
    let lang = app.lang;
    let points = format!("{}/{}", number_text(score.points, 1, lang), number_text(score.total, 1, lang));
    let (state, style) = match score.band(frame) {
        Some(band) if score.is_complete() => (safe(band.label.get(lang)), theme.title()),
        _ if !score.is_complete() => (Msg::ScorePending.fill(lang, &[&score.pending]), theme.muted()),
        _ => (String::new(), theme.muted()),
    };
    vec![
        Line::from(""),
        Line::styled(fit(app.lang_str(Msg::ScorePaneTitle), width), theme.muted()),
        Line::styled(fit(&format!(" {points} · {state}"), width), style),
    ]
}

/// The current row is an item that shows the guidance for the branch's type.
fn shows_branch_content(session: &Session) -> bool {
    current_row(session).and_then(|row| row_item(&session.template, row)).is_some_and(|item| item.shows_branch_content)
}

/// An answer with nothing in it (an empty text).
fn answer_is_blank(value: &crate::core::visit::Value) -> bool {
    matches!(value, crate::core::visit::Value::Text(t) if t.trim().is_empty())
}

/// One character that says where an item stands, so meaning never depends on colour.
fn status_mark(status: &ItemStatus) -> &'static str {
    match status {
        ItemStatus::Fail => "!",
        ItemStatus::Pass | ItemStatus::Answered => "✓",
        ItemStatus::NotApplicable => "–",
        ItemStatus::Unanswered => "·",
    }
}

fn draw_items(frame: &mut Frame, app: &App, session: &Session, theme: Theme, area: Rect) {
    let title = safe(&section_title(&session.template, session.section, app.lang));
    let block = Block::bordered().title(Span::styled(title, theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let all = rows(&session.template, session.section);
    let height = inner.height as usize;
    let offset = super::scroll_offset(session.row, height);
    let width = inner.width as usize;
    let shown: Vec<(usize, Row, RowCells)> = all
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, row)| (i, *row, row_cells(app, session, *row, i == session.row)))
        .collect();
    // Facts hold dates, names and types: give them room. Answers are short (Có, Không, 4/5), but
    // "Không áp dụng" is read whole where the pane allows: the column is as wide as the longest.
    let answer_width = if session.section == 0 {
        20.min(width / 3)
    } else {
        let longest = shown
            .iter()
            .map(|(_, _, cells)| unicode_width::UnicodeWidthStr::width(cells.1.as_str()))
            .max()
            .unwrap_or(0);
        longest.clamp(7, (width / 4).max(7))
    };
    let mut lines = Vec::new();
    for (i, row, (mark, answer, text, status)) in shown {
        let selected = i == session.row;
        let enabled = row_enabled(&session.template, &session.visit, row);
        let cursor = if selected { "▶" } else { " " };
        let label = format!("{cursor}{mark} {} ", pad(&answer, answer_width));
        let rest = width.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()));
        let style = if !enabled {
            theme.muted()
        } else if status == ItemStatus::Fail {
            theme.finding()
        } else {
            Default::default()
        };
        // The selection is the ▶ and the answer cell in reverse video, not the whole row: moving
        // it rewrites a dozen cells of two rows instead of both rows whole.
        let label_style = if selected { theme.selected() } else { style };
        // The item the last key answered: marked, so a second press that answered this one too
        // is seen.
        let label_style = if session.just_answered == Some((session.section, i)) {
            label_style.add_modifier(Modifier::UNDERLINED)
        } else {
            label_style
        };
        lines.push(Line::from(vec![Span::styled(label, label_style), Span::styled(pad(&text, rest), style)]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// (status mark, short answer, text, status) of a row.
type RowCells = (&'static str, String, String, ItemStatus);

fn row_cells(app: &App, session: &Session, row: Row, selected: bool) -> RowCells {
    let lang = app.lang;
    let pending = if selected { session.number.as_ref() } else { None };
    match row {
        Row::Fact(fact) => {
            let value = match pending {
                Some(digits) => format!("{digits}_"),
                None => safe(&fact.value_text(&session.visit, lang)),
            };
            // A count that disagrees with another is marked where it is typed, not only in `p`.
            let disagrees = fact
                .field()
                .is_some_and(|field| fact_problems(&session.visit.meeting).iter().any(|p| p.facts().contains(&field)));
            let mark = if disagrees {
                "!"
            } else if value.is_empty() {
                "·"
            } else {
                "✓"
            };
            let status = if value.is_empty() { ItemStatus::Unanswered } else { ItemStatus::Answered };
            let mark = if row_conflict(&session.template, &session.visit, row).is_some() { "≠" } else { mark };
            (mark, value, fact.label().get(lang).to_string(), status)
        }
        row => {
            let Some(item) = row_item(&session.template, row) else {
                return (" ", String::new(), String::new(), ItemStatus::Unanswered);
            };
            let status = item_status(item, &session.visit);
            let ignored = ignored_answer(session, item).is_some();
            let answer = match pending {
                Some(digits) => format!("{digits}_"),
                None if status == ItemStatus::NotApplicable && session.visit.value(&item.id).is_none() => {
                    app.lang_str(Msg::NaShort).to_string()
                }
                None if session.visit.value(&item.id) == Some(&crate::core::visit::Value::NotApplicable) => {
                    app.lang_str(Msg::NaShort).to_string()
                }
                None => safe(&answer_text(item, &session.visit, lang)),
            };
            let has_note = session.visit.answer(&item.id).is_some_and(|a| !a.note.is_empty());
            let text = format!("{}{}", if has_note { "✎ " } else { "" }, safe(item.text.get(lang)));
            // Limitations written in by hand are limitations: marked as one, not as "answered".
            let written_limitation = item.id == crate::core::summary::OTHER_LIMITATIONS
                && session.visit.value(&item.id).is_some_and(|v| !answer_is_blank(v));
            let mark = if row_conflict(&session.template, &session.visit, row).is_some() {
                "≠"
            } else if ignored || written_limitation {
                "!"
            } else {
                status_mark(&status)
            };
            (mark, answer, text, status)
        }
    }
}

/// Why an answer stored on an item that does not apply is ignored, if there is one.
fn ignored_answer(session: &Session, item: &crate::core::template::Item) -> Option<Unmet> {
    let value = session.visit.value(&item.id)?;
    if *value == Value::NotApplicable {
        return None;
    }
    why_not_applicable(&session.template, item, &session.visit)
}

fn draw_detail(frame: &mut Frame, app: &App, session: &Session, theme: Theme, area: Rect) {
    let lang = app.lang;
    let Some(row) = current_row(session) else { return };
    // The question and its help flow from the top; the answer, its finding, the note and the keys
    // sit at the bottom, so they keep their rows from one item to the next (moving on rewrites
    // the question, not the lines around it).
    let mut text = Text::default();
    let mut foot = Text::default();
    let title = match row {
        Row::Fact(fact) => {
            text.push_line(Line::styled(fact.label().get(lang), theme.title()));
            let value = safe(&fact.value_text(&session.visit, lang));
            let shown = if value.is_empty() { app.lang_str(Msg::Unanswered).to_string() } else { value };
            foot.push_line(Line::from(format!("{}: {shown}", app.lang_str(Msg::AnswerLabel))));
            conflict_lines(&mut foot, app, session, row, theme);
            if let Some(field) = fact.field() {
                for problem in fact_problems(&session.visit.meeting).iter().filter(|p| p.facts().contains(&field)) {
                    foot.push_line(Line::styled(format!("! {}", problem_text(app, problem)), theme.finding()));
                }
            }
            foot.push_line(Line::styled(app.lang_str(fact_hint(fact)), theme.muted()));
            app.lang_str(Msg::FactsSection).to_string()
        }
        row => {
            let Some(item) = row_item(&session.template, row) else { return };
            let status = item_status(item, &session.visit);
            text.push_line(Line::styled(safe(item.text.get(lang)), theme.title()));
            let answer = safe(&answer_text(item, &session.visit, lang));
            let answer = match (&session.number, status.clone()) {
                (Some(digits), _) => format!("{digits}_  ({})", app.lang_str(Msg::EnterToSave)),
                (None, ItemStatus::NotApplicable) if answer.is_empty() => app.lang_str(Msg::DoesNotApply).to_string(),
                (None, _) if answer.is_empty() => app.lang_str(Msg::Unanswered).to_string(),
                (None, _) => answer,
            };
            foot.push_line(Line::from(format!("{}: {answer}", app.lang_str(Msg::AnswerLabel))));
            conflict_lines(&mut foot, app, session, row, theme);
            match status {
                ItemStatus::Fail => {
                    let sentence = finding_sentence(item, &session.visit, lang).unwrap_or_default();
                    foot.push_line(Line::styled(
                        format!("! {}: {}", app.lang_str(Msg::Finding), safe(&sentence)),
                        theme.finding(),
                    ));
                }
                ItemStatus::Pass if item.finding.is_some() => {
                    foot.push_line(Line::styled(format!("✓ {}", app.lang_str(Msg::Pass)), theme.pass()));
                }
                _ => {}
            }
            if let Some(answer) = session.visit.answer(&item.id).filter(|a| !a.note.is_empty()) {
                let note = display_safe(&answer.note, true);
                foot.push_line(Line::from(format!(
                    "✎ {}: {}",
                    app.lang_str(Msg::NoteLabel),
                    note.replace('\n', " ⏎ ")
                )));
            }
            if let Some(previous) = session.previous.as_deref() {
                let before = answer_text(item, previous, lang);
                let before = if before.is_empty() { app.lang_str(Msg::Unanswered).to_string() } else { safe(&before) };
                let date = previous.meeting.date.strftime("%d/%m/%Y").to_string();
                foot.push_line(Line::styled(Msg::PreviousAnswer.fill(lang, &[&date, &before]), theme.muted()));
            }
            // The keys are in the foot, before the help: when the panel is short, the help is what
            // gets cut. An item that does not apply takes no answer: its keys are not offered.
            if let Some(because) = ignored_answer(session, item) {
                let name = |id: &str| {
                    let text = session.template.item(id).map_or(id, |r| r.item.text.get(lang));
                    safe(text)
                };
                let why = Msg::AnswerIgnoredHere.fill(lang, &[&because.words(lang, &name)]);
                foot.push_line(Line::styled(format!("! {why}"), theme.finding()));
                foot.push_line(Line::styled(app.lang_str(Msg::HintClearIgnored), theme.muted()));
            } else if row_enabled(&session.template, &session.visit, row) {
                foot.push_line(Line::styled(app.lang_str(kind_hint(&item.kind)), theme.muted()));
            }
            if item.shows_branch_content {
                let branch_type = session.visit.meeting.branch_type;
                if let Some(content) = session.template.branch_content_for(branch_type) {
                    let heading = Msg::BranchContentFor.fill(lang, &[&app.lang_str(branch_type.label())]);
                    text.push_line(Line::styled(heading, theme.title()));
                    for line in content.get(lang).lines() {
                        text.push_line(Line::from(safe(line)));
                    }
                }
            }
            if let Some(help) = &item.help {
                text.push_line(Line::styled(safe(help.get(lang)), theme.muted().add_modifier(Modifier::ITALIC)));
            }
            let count = rows(&session.template, session.section).len();
            format!(
                "{} {}/{} · {}",
                section_title(&session.template, session.section, lang),
                session.row + 1,
                count,
                item.id
            )
        }
    };
    let block = Block::bordered().title(fit(&safe(&title), area.width.saturating_sub(4) as usize));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let foot = Paragraph::new(foot).wrap(Wrap { trim: false });
    let foot_height = u16::try_from(foot.line_count(inner.width)).unwrap_or(u16::MAX).min(inner.height);
    let [head, bottom] = Layout::vertical([Constraint::Min(0), Constraint::Length(foot_height)]).areas(inner);
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), head);
    frame.render_widget(foot, bottom);
}

/// A conflict the merge left on this row: both sides, who and when, and the keys that pick.
fn conflict_lines(foot: &mut Text<'static>, app: &App, session: &Session, row: Row, theme: Theme) {
    let Some((_, conflict)) = row_conflict(&session.template, &session.visit, row) else { return };
    let lang = app.lang;
    let heading = if conflict.item().is_some() { TeamMsg::ConflictTwoAnswers } else { TeamMsg::ConflictTwoValues };
    foot.push_line(Line::styled(format!("≠ {}", heading.get(lang)), theme.finding()));
    let sides = conflict_sides_text(&session.template, conflict, &app.zone, lang);
    for (number, words) in [(1, &sides[0]), (2, &sides[1])] {
        foot.push_line(Line::styled(format!("  {number} = {}", safe(words)), theme.finding()));
    }
    foot.push_line(Line::styled(TeamMsg::ConflictPickHint.get(lang), theme.muted()));
}

fn fact_hint(fact: Fact) -> Msg {
    match fact.input() {
        FactInput::Count => Msg::HintCount,
        FactInput::YesNo => Msg::HintYesNoFact,
        FactInput::Date => Msg::HintDate,
        FactInput::Time => Msg::HintTime,
        FactInput::BranchType | FactInput::MeetingKind => Msg::HintChoice,
        FactInput::Text => Msg::HintText,
    }
}

fn kind_hint(kind: &Kind) -> Msg {
    match kind {
        Kind::YesNo { allow_na: true } => Msg::HintYesNoNa,
        Kind::YesNo { allow_na: false } => Msg::HintYesNo,
        Kind::Count { .. } => Msg::HintCount,
        Kind::CountPair { .. } => Msg::HintPair,
        Kind::Scale => Msg::HintScale,
        Kind::Choice { .. } => Msg::HintChoice,
        Kind::MultiChoice { .. } => Msg::HintMulti,
        Kind::Text { .. } => Msg::HintText,
        Kind::Time => Msg::HintTime,
        Kind::Computed(_) => Msg::HintComputed,
    }
}
