//! The new-visit form: the meeting facts, checked as they are typed, then "create".

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{Theme, fit, pad, safe};
use crate::core::problems::fact_problems;
use crate::strings::Msg;
use crate::tui::state::App;
use crate::tui::state::home::{Form, FormRow};
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
    let labels = Form::facts().map(|f| f.label()).chain([Msg::FactRules]);
    let widest = labels.map(|label| unicode_width::UnicodeWidthStr::width(app.lang_str(label))).max();
    let label_width = (widest.unwrap_or(20) + 2).min(width / 2);
    let missing = form.missing();
    let height = inner.height as usize;
    let offset = super::scroll_offset(form.row, height);
    let mut lines = Vec::new();
    for (i, row) in Form::rows().enumerate().skip(offset).take(height) {
        let selected = i == form.row;
        let cursor = if selected { "▶" } else { " " };
        let line = match row {
            FormRow::Fact(fact) => {
                let star = if fact.required() { "*" } else { " " };
                let label = pad(&format!("{}{star}", fact.label().get(app.lang)), label_width);
                let mut value = safe(&fact.value_text(&form.draft, app.lang));
                if missing.contains(&fact) && form.tried {
                    value = format!("⚠ {}", app.lang_str(Msg::Required));
                }
                format!("{cursor}{label} {value}")
            }
            FormRow::Rules => {
                let label = pad(&format!("{} ", app.lang_str(Msg::FactRules)), label_width);
                format!("{cursor}{label} {}", safe(&rules_text(app, form)))
            }
            FormRow::Create => format!("{cursor}[ {} ]", app.lang_str(Msg::FormCreate)),
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

/// "HD42-2025 (có hiệu lực ngày 05/03/2026)": the draft's rule set and why it is that one.
fn rules_text(app: &App, form: &Form) -> String {
    let reference = &form.draft.template;
    let rule_set = app
        .templates
        .iter()
        .find(|t| t.id == reference.id && t.version == reference.version)
        .map_or(reference.id.as_str(), |t| t.rule_set.as_str());
    let round = app.round.as_ref().map(|r| r.decision.as_str());
    format!("{rule_set} ({})", form.rules_reason.describe(form.draft.meeting.date, round, app.lang))
}
