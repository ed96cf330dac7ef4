//! Drawing the reconcile screen (issue 16): the two records named at the top, then one line per
//! fact or item where they agree, differ or only one has an answer, and the selected line in full
//! below, with both notes (which are joined, never picked).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{Theme, fit, pad, safe};
use crate::core::reconcile::{Row, RowKind, Side};
use crate::strings::TeamMsg;
use crate::tui::state::App;
use crate::tui::state::reconcile::ReconcileScreen;

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let Some(screen) = app.reconcile.as_ref() else { return };
    let [head, list, detail] =
        Layout::vertical([Constraint::Length(4), Constraint::Min(3), Constraint::Length(7)]).areas(area);
    draw_head(frame, app, screen, theme, head);
    draw_rows(frame, app, screen, theme, list);
    draw_detail(frame, app, screen, theme, detail);
}

fn draw_head(frame: &mut Frame, app: &App, screen: &ReconcileScreen, theme: Theme, area: Rect) {
    let lang = app.lang;
    let width = area.width as usize;
    let m = &screen.a.meeting;
    let title = TeamMsg::ReconcileTitle.fill(lang, &[&safe(&m.branch), &m.date.strftime("%d/%m/%Y")]);
    let record = |letter: &str, path: &std::path::Path, who: &[String]| {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        format!(" {letter} = {} ({})", safe(&name), safe(&who.join(", ")))
    };
    let (agree, differ, only_a, only_b) = screen.counts();
    let counts = TeamMsg::ReconcileCounts.fill(lang, &[&agree, &differ, &screen.undecided(), &only_a, &only_b]);
    let lines = vec![
        Line::styled(fit(&format!(" {title}"), width), theme.title()),
        Line::from(fit(&record("A", &screen.a_path, &screen.a.inspectors), width)),
        Line::from(fit(&record("B", &screen.b_path, &screen.b.inspectors), width)),
        Line::styled(fit(&format!(" {counts}"), width), theme.muted()),
    ];
    frame.render_widget(Paragraph::new(lines), area);
}

/// The word for how the records compare on a row.
fn kind_word(kind: RowKind) -> TeamMsg {
    match kind {
        RowKind::Agree => TeamMsg::ReconcileAgree,
        RowKind::Differ => TeamMsg::ReconcileDiffer,
        RowKind::OnlyA => TeamMsg::ReconcileOnlyA,
        RowKind::OnlyB => TeamMsg::ReconcileOnlyB,
    }
}

fn draw_rows(frame: &mut Frame, app: &App, screen: &ReconcileScreen, theme: Theme, area: Rect) {
    let block = Block::bordered();
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let height = inner.height as usize;
    let offset = super::scroll_offset(screen.selected, height);
    // Answers are short (Có, Không, 15): a column each, the question in what is left.
    let answer_width = (width / 5).clamp(6, 18);
    let lines: Vec<Line> = screen
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, row)| row_line(app, screen, row, i == screen.selected, answer_width, width, theme))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn row_line(
    app: &App,
    screen: &ReconcileScreen,
    row: &Row,
    selected: bool,
    answer_width: usize,
    width: usize,
    theme: Theme,
) -> Line<'static> {
    let lang = app.lang;
    let picked = screen.picks.get(row.key()).copied();
    // `≠` a difference still to decide; `→A`/`→B` decided; nothing where there is no choice.
    let mark = match (row.kind, picked) {
        (RowKind::Differ, Some(Side::A)) => "→A",
        (RowKind::Differ, Some(Side::B)) => "→B",
        (RowKind::Differ, None) => "≠ ",
        _ => "  ",
    };
    let cursor = if selected { "▶" } else { " " };
    let kind = pad(kind_word(row.kind).get(lang), 7);
    let side = |s: Side| pad(&safe(&one_line(&row.text(s, &screen.template, lang))), answer_width);
    let fixed = format!("{cursor}{mark} {kind} {} {} ", side(Side::A), side(Side::B));
    let rest = width.saturating_sub(unicode_width::UnicodeWidthStr::width(fixed.as_str()));
    let label = pad(&safe(&row.label(&screen.template, lang)), rest);
    let style = match (row.kind, picked) {
        (RowKind::Differ, None) => theme.finding(),
        (RowKind::Agree, _) => theme.muted(),
        _ => Default::default(),
    };
    let fixed_style = if selected { theme.selected() } else { style };
    Line::from(vec![Span::styled(fixed, fixed_style), Span::styled(label, style)])
}

fn one_line(text: &str) -> String {
    text.replace('\n', " ⏎ ")
}

fn draw_detail(frame: &mut Frame, app: &App, screen: &ReconcileScreen, theme: Theme, area: Rect) {
    let lang = app.lang;
    let Some(row) = screen.rows.get(screen.selected) else { return };
    let block = Block::bordered().title(fit(&safe(row.key()), area.width.saturating_sub(4) as usize));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut text = Text::default();
    text.push_line(Line::styled(safe(&row.label(&screen.template, lang)), theme.title()));
    let keep = |s: Side| screen.picks.get(row.key()) == Some(&s);
    for (side, letter, note) in [(Side::A, "A", &row.note_a), (Side::B, "B", &row.note_b)] {
        let answer = row.text(side, &screen.template, lang);
        let answer = if answer.is_empty() { "—".to_string() } else { one_line(&answer) };
        let kept = if keep(side) { format!("  ← {}", TeamMsg::ReconcileKept.get(lang)) } else { String::new() };
        let mut line = format!("{letter}: {}{kept}", safe(&answer));
        if !note.is_empty() {
            line.push_str(&format!(" — ✎ {}", safe(&one_line(note))));
        }
        text.push_line(Line::from(line));
    }
    if !row.note_a.is_empty() && !row.note_b.is_empty() && row.note_a != row.note_b {
        text.push_line(Line::styled(TeamMsg::ReconcileNotesJoined.get(lang), theme.muted()));
    }
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), inner);
}
