//! Pop-ups over a screen: help, problems, search, the text editor and the option picker.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::{Theme, fit, pad, safe};
use crate::core::problems::Problem;
use crate::core::text::display_safe;
use crate::strings::Msg;
use crate::tui::rows::row_item;
use crate::tui::state::prompts::{Editor, Target};
use crate::tui::state::{App, Overlay, current_problems, search_results};

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help => help(frame, app, theme, area),
        Overlay::Conflict => {
            let choices = super::hints::conflict(app);
            let lines = [app.lang_str(Msg::ConflictTitle), choices.as_str()];
            message_box(frame, theme, area, &lines);
        }
        Overlay::Recover { recovery } => {
            let (restore, discard) = super::hints::recover_keys(app);
            let text = Msg::RecoverTitle.fill(app.lang, &[&safe(&recovery.to_string_lossy()), &restore, &discard]);
            message_box(frame, theme, area, &[text.as_str()]);
        }
        Overlay::Problems { selected } => problems(frame, app, theme, area, *selected),
        Overlay::Search(search) => search_box(frame, app, theme, area, search.query.text(), search.selected),
        Overlay::Editor(editor) => editor_box(frame, app, theme, area, editor),
        Overlay::Picker(picker) => {
            let height = (picker.options.len() as u16 + 2).min(area.height);
            let popup = centered(area, 60, height);
            frame.render_widget(Clear, popup);
            let block = Block::bordered().title(target_title(app, &picker.target));
            let inner = block.inner(popup);
            frame.render_widget(block, popup);
            let width = inner.width as usize;
            let lines: Vec<Line> = picker
                .options
                .iter()
                .enumerate()
                .map(|(i, (id, label))| {
                    let chosen = picker.chosen.contains(id);
                    let mark = match (picker.multi, chosen) {
                        (true, true) => "[x]",
                        (true, false) => "[ ]",
                        (false, true) => "(•)",
                        (false, false) => "( )",
                    };
                    let cursor = if i == picker.cursor { "▶" } else { " " };
                    let text = pad(&format!("{cursor}{} {mark} {}", i + 1, safe(label)), width);
                    let style = if i == picker.cursor { theme.selected() } else { Default::default() };
                    Line::styled(text, style)
                })
                .collect();
            let offset = picker.cursor.saturating_sub(inner.height.saturating_sub(1) as usize);
            frame.render_widget(Paragraph::new(lines).scroll((offset as u16, 0)), inner);
        }
    }
}

/// A boxed message that waits for a choice.
fn message_box(frame: &mut Frame, theme: Theme, area: Rect, lines: &[&str]) {
    let width = area.width.saturating_sub(6).min(74);
    let inner_width = width.saturating_sub(2).max(1) as usize;
    let height: usize = lines.iter().map(|l| l.width().div_ceil(inner_width).max(1)).sum();
    let popup = centered(area, width, height as u16 + 2);
    frame.render_widget(Clear, popup);
    let text: Vec<Line> = lines.iter().map(|l| Line::styled(l.to_string(), theme.warn())).collect();
    let block = Block::bordered();
    frame.render_widget(Paragraph::new(text).block(block).wrap(Wrap { trim: false }), popup);
}

/// A rectangle of at most `width` × `height`, centred in `area`.
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

fn target_title(app: &App, target: &Target) -> String {
    let lang = app.lang;
    let item_text = |id: &str| {
        app.session
            .as_ref()
            .and_then(|s| s.template.item(id))
            .map_or_else(|| id.to_string(), |r| r.item.text.get(lang).to_string())
    };
    let title = match target {
        Target::Fact(fact) => fact.label().get(lang).to_string(),
        Target::Answer(id) => item_text(id),
        Target::Note(id) => format!("{}: {}", app.lang_str(Msg::NoteLabel), item_text(id)),
        Target::Filter(kind) => app.lang_str(crate::tui::state::summary::filter_label(*kind)).to_string(),
        Target::PlannedBranch => app.lang_str(Msg::PlannedBranchTitle).to_string(),
        Target::ReopenReason => app.lang_str(Msg::ReopenTitle).to_string(),
        Target::CompareWith => app.lang_str(Msg::CompareAsk).to_string(),
        Target::Rules => app.lang_str(Msg::FactRules).to_string(),
        Target::ReportField => app.lang_str(Msg::ReportFieldsTitle).to_string(),
        Target::ReportText(field) => app.lang_str(field.label()).to_string(),
        Target::FollowupStatus(_) => app.lang_str(Msg::ActFollowupStatus).to_string(),
        Target::FollowupReportBack(_) => app.lang_str(Msg::ActFollowupReportBack).to_string(),
    };
    fit(&safe(&title), 70)
}

fn help(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let entries = help_entries(app);
    // One column, or two side by side when that is what fits the screen's height. Keys and
    // descriptions wrap within their column, never cut; what still does not fit scrolls.
    let width = area.width.min(112);
    let inner_width = width.saturating_sub(2) as usize;
    let visible = (area.height as usize).saturating_sub(3).max(1);
    let layout = |columns: usize| help_layout(&entries, columns, inner_width);
    let one = layout(1);
    let rows = if one.len() <= visible || inner_width < 60 {
        one
    } else {
        let two = layout(2);
        if two.len() < one.len() { two } else { one }
    };
    let scroll = app.help_scroll.min(rows.len().saturating_sub(visible));
    let mut lines = vec![Line::styled(app.lang_str(Msg::HelpTitle), theme.title())];
    lines.extend(rows.iter().skip(scroll).take(visible).map(|row| Line::from(row.clone())));
    let popup = centered(area, width, (lines.len() + 2).min(area.height as usize) as u16);
    frame.render_widget(Clear, popup);
    let more = if rows.len() > visible { Msg::HelpMore.get(app.lang) } else { "" };
    let block = Block::bordered()
        .title(app.lang_str(Msg::ActHelp))
        .title_bottom(Line::styled(more, theme.muted()).right_aligned());
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// (keys, what they do) of the screen under the help, as the key map binds them now.
fn help_entries(app: &App) -> Vec<(String, String)> {
    let scope = app.scope();
    let mut entries: Vec<(String, String)> = app
        .keymap
        .actions(scope)
        .into_iter()
        .map(|action| (app.keymap.keys_for(scope, action), app.lang_str(action.description_in(scope)).to_string()))
        .collect();
    if scope == crate::tui::keymap::Scope::Checklist {
        entries.push(("0–9 Enter".into(), app.lang_str(Msg::HelpDigits).into()));
        entries.push(("1–5".into(), app.lang_str(Msg::HelpScale).into()));
        // Only where a merge left two sides, and then first.
        if app.session.as_ref().is_some_and(|s| !s.visit.conflicts.is_empty()) {
            entries.push(("1 2".into(), crate::strings::TeamMsg::HelpConflictKeys.get(app.lang).into()));
        }
        // The score under the sections: whose it is, and that the official grade is not.
        if let Some(frame) = app.session.as_ref().and_then(|s| s.template.score.as_ref()) {
            entries.push((app.lang_str(Msg::ScorePaneTitle).into(), super::safe(frame.label.get(app.lang))));
        }
    }
    entries
}

/// The help's lines in `columns` columns across `width`.
fn help_layout(entries: &[(String, String)], columns: usize, width: usize) -> Vec<String> {
    let column_width = width / columns;
    // Measured as laid out (a line may break after each `/`), so a key list that fits is one line.
    let longest_key = entries.iter().map(|(keys, _)| keys.replace('/', "/ ").width()).max().unwrap_or(0);
    let key_width = longest_key.min(16).min(column_width / 3).max(1);
    let blocks: Vec<Vec<String>> =
        entries.iter().map(|(keys, text)| help_entry_lines(keys, text, key_width, column_width)).collect();
    help_rows(&blocks, columns, column_width)
}

/// One entry's lines: its keys (broken after a `/` when they are wider than their column) beside
/// its description wrapped to the rest of the column.
fn help_entry_lines(keys: &str, text: &str, key_width: usize, column_width: usize) -> Vec<String> {
    let text_width = column_width.saturating_sub(key_width + 2).max(1);
    let keys = super::wrap_words(&keys.replace('/', "/ "), key_width);
    let text = super::wrap_words(text, text_width);
    (0..keys.len().max(text.len()))
        .map(|i| {
            let key = keys.get(i).map_or("", |k| k.trim_end());
            let words = text.get(i).map_or("", String::as_str);
            pad(&format!(" {} {words}", pad(&key.replace("/ ", "/"), key_width)), column_width)
        })
        .collect()
}

/// The entries laid out in `columns` columns, filled top to bottom, each column about as long.
fn help_rows(blocks: &[Vec<String>], columns: usize, column_width: usize) -> Vec<String> {
    let total: usize = blocks.iter().map(Vec::len).sum();
    let per_column = total.div_ceil(columns);
    let mut column_lines: Vec<Vec<String>> = vec![Vec::new(); columns];
    let mut column = 0;
    for block in blocks {
        if column + 1 < columns
            && column_lines[column].len() + block.len() > per_column
            && !column_lines[column].is_empty()
        {
            column += 1;
        }
        column_lines[column].extend(block.iter().cloned());
    }
    let height = column_lines.iter().map(Vec::len).max().unwrap_or(0);
    let blank = " ".repeat(column_width);
    (0..height)
        .map(|row| column_lines.iter().map(|c| c.get(row).unwrap_or(&blank).as_str()).collect::<String>())
        .collect()
}

/// A problem as a sentence in the user's language.
pub fn problem_text(app: &App, problem: &Problem) -> String {
    let lang = app.lang;
    let name = |id: &str| -> String {
        let text = app
            .session
            .as_ref()
            .and_then(|s| s.template.item(id))
            .map(|r| r.item.text.get(lang).to_string())
            .unwrap_or_else(|| id.to_string());
        safe(&text)
    };
    problem.message(lang, &name)
}

fn problems(frame: &mut Frame, app: &App, theme: Theme, area: Rect, selected: usize) {
    let list = current_problems(app);
    let popup = centered(area, area.width.saturating_sub(4), area.height.saturating_sub(2));
    frame.render_widget(Clear, popup);
    let title = Msg::ProblemsTitle.fill(app.lang, &[&list.len()]);
    let block = Block::bordered().title(Span::styled(title, theme.title()));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    if list.is_empty() {
        frame.render_widget(Paragraph::new(app.lang_str(Msg::NoProblems)), inner);
        return;
    }
    let width = inner.width as usize;
    let height = inner.height as usize;
    let lines: Vec<Line> = super::visible(&list, selected, height)
        .map(|(i, p)| {
            let cursor = if i == selected { "▶" } else { " " };
            let style = if i == selected { theme.selected() } else { Default::default() };
            Line::styled(pad(&format!("{cursor}! {}", problem_text(app, p)), width), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn search_box(frame: &mut Frame, app: &App, theme: Theme, area: Rect, query: &str, selected: usize) {
    let results = search_results(app, query);
    let popup = centered(area, area.width.saturating_sub(4), area.height.saturating_sub(2));
    frame.render_widget(Clear, popup);
    let block = Block::bordered().title(app.lang_str(Msg::ActSearch));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let width = inner.width as usize;
    let prompt = format!("/ {}", safe(query));
    let mut lines = vec![Line::from(prompt.clone())];
    let Some(session) = app.session.as_ref() else { return };
    let selected = selected.min(results.len().saturating_sub(1));
    for (i, (section, index)) in results.iter().enumerate().take(inner.height.saturating_sub(1) as usize) {
        let row = crate::tui::rows::Row::Item { section: *section, index: *index };
        let Some(item) = row_item(&session.template, row) else { continue };
        let cursor = if i == selected { "▶" } else { " " };
        let text = pad(&format!("{cursor}{} — {}", safe(&item.id), safe(item.text.get(app.lang))), width);
        let style = if i == selected { theme.selected() } else { Default::default() };
        lines.push(Line::styled(text, style));
    }
    if results.is_empty() && !query.is_empty() {
        lines.push(Line::styled(app.lang_str(Msg::NoResults), theme.muted()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let x = inner.x + (prompt.width() as u16).min(inner.width.saturating_sub(1));
    frame.set_cursor_position(Position { x, y: inner.y });
}

fn editor_box(frame: &mut Frame, app: &App, theme: Theme, area: Rect, editor: &Editor) {
    let width = area.width.saturating_sub(4).min(76);
    let text_width = width.saturating_sub(2).max(1) as usize;
    // Lay the text out by hand, wrapping by display width, so the cursor lands on the right cell.
    let shown = display_safe(editor.buffer.text(), true);
    let (lines, cursor) = wrap_with_cursor(&shown, editor.buffer.display_cursor(), text_width);
    let note = match (&editor.error, &editor.hint) {
        (Some(error), _) => Some((format!("! {}", safe(error)), theme.finding())),
        (None, Some(hint)) => Some((safe(hint), theme.muted())),
        (None, None) => None,
    };
    let error_lines = usize::from(note.is_some());
    let height = (lines.len() + error_lines + 2).clamp(3, area.height as usize) as u16;
    let popup = centered(area, width, height);
    frame.render_widget(Clear, popup);
    let block = Block::bordered().title(target_title(app, &editor.target));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let visible = inner.height as usize - error_lines.min(inner.height as usize);
    let offset = cursor.0.saturating_sub(visible.saturating_sub(1));
    let mut out: Vec<Line> = lines.iter().skip(offset).take(visible).map(|l| Line::from(l.clone())).collect();
    if let Some((text, style)) = note {
        out.push(Line::styled(fit(&text, text_width), style));
    }
    frame.render_widget(Paragraph::new(out), inner);
    let x = inner.x + (cursor.1 as u16).min(inner.width.saturating_sub(1));
    let y = inner.y + (cursor.0 - offset) as u16;
    frame.set_cursor_position(Position { x, y });
}

/// Split text into lines of at most `width` columns; return them and the cursor's (line, column).
fn wrap_with_cursor(text: &str, cursor: usize, width: usize) -> (Vec<String>, (usize, usize)) {
    use unicode_segmentation::UnicodeSegmentation;
    let mut lines = vec![String::new()];
    let mut col = 0;
    let mut at = (0, 0);
    let mut offset = 0;
    // Where the current line may break: after its last space (byte in the line, column there).
    let mut after_space: Option<(usize, usize)> = None;
    for g in text.graphemes(true) {
        if offset == cursor {
            at = (lines.len() - 1, col);
        }
        offset += g.len();
        if g == "\n" {
            lines.push(String::new());
            col = 0;
            after_space = None;
            continue;
        }
        let w = g.width();
        if col + w > width {
            // Break by word: the word being typed moves down whole, unless it fills a line.
            let line = lines.len() - 1;
            let tail = match after_space.take() {
                Some((byte, space_col)) if g != " " => {
                    if at.0 == line && at.1 >= space_col {
                        at = (line + 1, at.1 - space_col);
                    }
                    col -= space_col;
                    lines[line].split_off(byte)
                }
                _ => {
                    col = 0;
                    String::new()
                }
            };
            lines.push(tail);
        }
        if let Some(last) = lines.last_mut() {
            last.push_str(g);
            if g == " " {
                after_space = Some((last.len(), col + w));
            }
        }
        col += w;
    }
    if offset <= cursor {
        if col >= width {
            lines.push(String::new());
            col = 0;
        }
        at = (lines.len() - 1, col);
    }
    (lines, at)
}

#[cfg(test)]
mod tests {
    use super::wrap_with_cursor;

    #[test]
    fn wrapping_puts_the_cursor_on_the_right_cell() {
        let (lines, cursor) = wrap_with_cursor("abcdef", 6, 4);
        assert_eq!(lines, vec!["abcd", "ef"]);
        assert_eq!(cursor, (1, 2));
        let (lines, cursor) = wrap_with_cursor("中文字", 3, 4);
        assert_eq!(lines, vec!["中文", "字"]);
        assert_eq!(cursor, (0, 2));
        let (_, cursor) = wrap_with_cursor("a\nb", 2, 10);
        assert_eq!(cursor, (1, 0));
    }

    #[test]
    fn notes_wrap_by_word_and_the_cursor_follows_the_word() {
        // "bí thư vắng mặt" at 7 columns: no word is cut.
        let (lines, cursor) = wrap_with_cursor("bí thư vắng mặt", "bí thư vắng mặt".len(), 7);
        assert_eq!(lines, vec!["bí thư ", "vắng ", "mặt"]);
        assert_eq!(cursor, (2, 3));
        // The cursor inside the word that moved down moves with it.
        let text = "một hai ba";
        let (lines, cursor) = wrap_with_cursor(text, text.find("hai").unwrap_or(0) + 1, 6);
        assert_eq!(lines, vec!["một ", "hai ba"]);
        assert_eq!(cursor, (1, 1));
        // A word longer than a line is still cut.
        let (lines, _) = wrap_with_cursor("abcdefghij", 0, 4);
        assert_eq!(lines, vec!["abcd", "efgh", "ij"]);
    }
}
