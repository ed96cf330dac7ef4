//! Drawing the round-over-round screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{Theme, fit, pad, safe};
use crate::core::compare::BranchRef;
use crate::strings::Msg;
use crate::tui::state::App;

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let c = &app.compare;
    let [header, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let old = safe(&c.old.to_string_lossy());
    let head = match &c.comparison {
        Some(cmp) => Msg::CompareHeader.fill(app.lang, &[&old, &cmp.old_visits, &cmp.new_visits]),
        None => Msg::CompareLoading.fill(app.lang, &[&old]),
    };
    frame.render_widget(
        Paragraph::new(Span::styled(fit(&format!(" {head}"), area.width as usize), theme.title())),
        header,
    );
    let Some(cmp) = c.comparison.as_deref() else { return };
    if c.detail {
        let Some(f) = cmp.findings.get(c.selected) else { return };
        let names = |list: &[BranchRef]| -> String {
            if list.is_empty() {
                "—".to_string()
            } else {
                list.iter()
                    .map(|b| format!("{} ({})", safe(&b.branch), safe(&b.committee)))
                    .collect::<Vec<_>>()
                    .join("; ")
            }
        };
        let mut text = Text::default();
        for (label, list) in [
            (Msg::CompareFixed, &f.fixed),
            (Msg::ComparePersisting, &f.persisting),
            (Msg::CompareNew, &f.new),
            (Msg::CompareNotAssessed, &f.not_assessed),
        ] {
            text.push_line(Line::styled(format!("{} ({})", app.lang_str(label), list.len()), theme.title()));
            text.push_line(Line::from(names(list)));
            text.push_line(Line::from(""));
        }
        let block = Block::bordered().title(fit(&safe(&f.text), area.width.saturating_sub(4) as usize));
        frame.render_widget(Paragraph::new(text).block(block).wrap(Wrap { trim: false }), body);
        return;
    }
    let block = Block::bordered().title(app.lang_str(Msg::CompareColumns));
    let inner = block.inner(body);
    frame.render_widget(block, body);
    let width = inner.width as usize;
    let height = inner.height as usize;
    let lines: Vec<Line> = super::visible(&cmp.findings, c.selected, height)
        .map(|(i, f)| {
            let cursor = if i == c.selected { "▶" } else { " " };
            let counts = format!("✓{:<3}={:<3}+{:<3}", f.fixed.len(), f.persisting.len(), f.new.len());
            let row = format!("{cursor}{counts} {}", safe(&f.text));
            let style = if i == c.selected { theme.selected() } else { Default::default() };
            Line::styled(pad(&row, width), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
