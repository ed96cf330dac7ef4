//! The new-visit form: the meeting facts, checked as they are typed, then "create".

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{Theme, fit, pad, safe};
use crate::core::problems::fact_problems;
use crate::strings::Msg;
use crate::tui::state::App;
use crate::tui::state::home::Form;
use crate::tui::view::overlay::problem_text;

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let Some(form) = app.form.as_ref() else { return };
    let problems = fact_problems(&form.draft.meeting);
    let [header, body, footer] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(3), Constraint::Length(problems.len().min(3) as u16)])
            .areas(area);
    frame.render_widget(
        Paragraph::new(Span::styled(format!(" {}", app.lang_str(Msg::FormTitle)), theme.title())),
        header,
    );
    let block = Block::bordered();
    let inner = block.inner(body);
    frame.render_widget(block, body);
    let width = inner.width as usize;
    let widest = Form::facts().map(|f| unicode_width::UnicodeWidthStr::width(f.label().get(app.lang))).max();
    let label_width = (widest.unwrap_or(20) + 2).min(width / 2);
    let missing = form.missing();
    let height = inner.height as usize;
    let offset = super::scroll_offset(form.row, height);
    let mut lines = Vec::new();
    for i in (0..Form::row_count()).skip(offset).take(height) {
        let selected = i == form.row;
        let cursor = if selected { "▶" } else { " " };
        let line = match Form::facts().nth(i) {
            Some(fact) => {
                let star = if fact.required() { "*" } else { " " };
                let label = pad(&format!("{}{star}", fact.label().get(app.lang)), label_width);
                let mut value = safe(&fact.value_text(&form.draft, app.lang));
                if missing.contains(&fact) && form.tried {
                    value = format!("⚠ {}", app.lang_str(Msg::Required));
                }
                format!("{cursor}{label} {value}")
            }
            None => format!("{cursor}[ {} ]", app.lang_str(Msg::FormCreate)),
        };
        let style = if selected { theme.selected() } else { Default::default() };
        lines.push(Line::styled(pad(&line, width), style));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let problem_lines: Vec<Line> = problems
        .iter()
        .take(3)
        .map(|p| Line::styled(fit(&format!("! {}", problem_text(app, p)), footer.width as usize), theme.finding()))
        .collect();
    frame.render_widget(Paragraph::new(problem_lines), footer);
}
