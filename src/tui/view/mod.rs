//! Drawing: a pure function of `&App` onto a ratatui frame. Every untrusted text goes through
//! `display_safe`, and nothing relies on colour alone (markers and reverse video carry meaning).

mod checklist;
mod compare;
mod followup;
mod form;
mod hints;
mod home;
mod overlay;
mod reconcile;
mod summary;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::core::text::display_safe;
use crate::strings::Msg;
use crate::tui::keymap::Action;
use crate::tui::state::{App, Overlay, Screen};

/// Styles, with colour only as an extra: with colours off every meaning is still visible.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub colors: bool,
}

impl Theme {
    fn fg(self, color: Color) -> Style {
        if self.colors { Style::new().fg(color) } else { Style::new() }
    }
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn finding(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn pass(self) -> Style {
        self.fg(Color::Green)
    }
    pub fn muted(self) -> Style {
        self.fg(Color::DarkGray)
    }
    pub fn title(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn warn(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
}

/// Untrusted text, one line, made harmless for the terminal.
pub fn safe(text: &str) -> String {
    display_safe(text, false)
}

/// Cut `text` to `width` columns (wide characters count two), ending with `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `text` in lines of at most `width` columns, broken at spaces; a word longer than a line is
/// cut where it must be. Never empty (an empty text is one empty line).
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let line = lines.last_mut().map_or(0, |l| l.width());
        let space = usize::from(line > 0);
        if line + space + word.width() <= width {
            if let Some(last) = lines.last_mut() {
                if space > 0 {
                    last.push(' ');
                }
                last.push_str(word);
            }
            continue;
        }
        // The word goes to a new line; one longer than a line is cut there, character by character.
        if lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        let mut current = String::new();
        for c in word.chars() {
            if current.width() + c.width().unwrap_or(0) > width && !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            current.push(c);
        }
        lines.push(current);
    }
    lines
}

/// Pad with spaces to exactly `width` columns (cutting when longer).
pub fn pad(text: &str, width: usize) -> String {
    let cut = fit(text, width);
    let w = cut.width();
    cut + &" ".repeat(width.saturating_sub(w))
}

pub fn draw(frame: &mut Frame, app: &App, theme: Theme) {
    let area = frame.area();
    if area.height < 3 || area.width < 20 {
        frame.render_widget(Paragraph::new(app.lang_str(Msg::TooSmall)), area);
        return;
    }
    let body = Rect { height: area.height - 1, ..area };
    let status = Rect { y: area.y + area.height - 1, height: 1, ..area };
    match app.screen {
        Screen::Home => home::draw(frame, app, theme, body),
        Screen::NewVisit => form::draw(frame, app, theme, body),
        Screen::Checklist => checklist::draw(frame, app, theme, body),
        Screen::Summary => summary::draw(frame, app, theme, body),
        Screen::Compare => compare::draw(frame, app, theme, body),
        Screen::Reconcile => reconcile::draw(frame, app, theme, body),
        Screen::Followup => followup::draw(frame, app, theme, body),
    }
    overlay::draw(frame, app, theme, body);
    draw_status(frame, app, theme, status);
}

impl App {
    pub fn lang_str(&self, msg: Msg) -> &'static str {
        msg.get(self.lang)
    }
}

/// The bottom line: a message if there is one, else the keys that matter now.
fn draw_status(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let width = area.width as usize;
    let line = if let Some(flash) = &app.flash {
        Line::from(Span::styled(fit(&format!("› {}", safe(flash)), width), theme.warn()))
    } else {
        Line::from(Span::styled(fit(&status_hints(app), width), theme.muted()))
    };
    frame.render_widget(Paragraph::new(line), area);
}

fn status_hints(app: &App) -> String {
    let scope = app.scope();
    let is_final = app.session.as_ref().is_some_and(|s| s.visit.status == crate::core::visit::VisitStatus::Final);
    let short = |action: Action| {
        // On a final visit the same key reopens it.
        let words = if action == Action::ToggleFinal && is_final { Msg::ShortReopen } else { action.short() };
        format!("{} {}", app.keymap.first_key(scope, action), app.lang_str(words))
    };
    match (&app.overlay, &app.screen) {
        (Overlay::Editor(e), _) if e.target == crate::tui::state::prompts::Target::CompareWith => {
            hints::folder_prompt(app)
        }
        (Overlay::Editor(_), _) => hints::editor(app),
        (Overlay::Picker(p), _) => hints::picker(app, p.multi),
        (Overlay::Search(_), _) => hints::search(app),
        (Overlay::Problems { .. }, _) => hints::problems(app),
        (Overlay::Help, _) => app.lang_str(Msg::HelpHint).to_string(),
        (Overlay::Conflict, _) => hints::conflict(app),
        (Overlay::Recover { .. }, _) => {
            let (restore, discard) = hints::recover_keys(app);
            format!("{restore} / {discard}")
        }
        (Overlay::None, Screen::Home) => hints::home(app),
        (Overlay::None, Screen::NewVisit) => hints::form(app),
        (Overlay::None, Screen::Summary) if app.summary.detail.is_some() => {
            app.lang_str(Msg::SummaryBranchesOf).to_string()
        }
        (Overlay::None, Screen::Summary) => hints::summary(app),
        (Overlay::None, Screen::Compare) => hints::compare(app),
        (Overlay::None, Screen::Reconcile) => hints::reconcile(app),
        (Overlay::None, Screen::Followup) => followup::hints(app),
        // The answer keys of the current item are in the detail panel; here, the ways around.
        (Overlay::None, Screen::Checklist) => [
            Action::Help,
            Action::NextUnanswered,
            Action::Undo,
            Action::Search,
            Action::Problems,
            Action::ToggleFinal,
            Action::Back,
        ]
        .map(short)
        .join(" · "),
    }
}

/// The first row to show in a list `height` rows high so that row `selected` is on screen.
fn scroll_offset(selected: usize, height: usize) -> usize {
    if selected < height { 0 } else { selected + 1 - height }
}

/// The rows of a scrolling list that fit in `height`, each with its index, keeping `selected`
/// on screen.
fn visible<T>(items: &[T], selected: usize, height: usize) -> impl Iterator<Item = (usize, &T)> {
    items.iter().enumerate().skip(scroll_offset(selected, height)).take(height)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_at_spaces_and_long_words_are_cut() {
        assert_eq!(wrap_words("Đến mục chưa trả lời tiếp theo", 12), ["Đến mục chưa", "trả lời tiếp", "theo"]);
        assert_eq!(wrap_words("Backspace/Delete", 6), ["Backsp", "ace/De", "lete"]);
        assert_eq!(wrap_words("", 5), [""]);
        assert_eq!(wrap_words("a  b", 10), ["a  b"]);
        assert!(wrap_words("中文字中文字", 4).iter().all(|l| l.width() <= 4));
    }

    #[test]
    fn fit_counts_wide_characters() {
        assert_eq!(fit("中文字", 4), "中…");
        assert_eq!(fit("abc", 3), "abc");
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad("Không áp dụng", 6), "Không…");
    }
}
