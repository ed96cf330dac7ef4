//! Drawing the follow-up screen (issue 17): the actions grouped by branch or by finding, overdue
//! ones marked `!`, and the selected one in full below.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{Theme, fit, pad, safe};
use crate::core::followup::{Action, Verdict};
use crate::strings::{FollowupNextMsg, Lang, TeamMsg};
use crate::tui::state::App;
use crate::tui::state::followup::FollowupScreen;

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let Some(screen) = app.followup.as_ref() else { return };
    let lang = app.lang;
    let [head, next, list, detail] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Min(3), Constraint::Length(8)])
            .areas(area);
    let grouping = if screen.by_finding { TeamMsg::FollowupByFinding } else { TeamMsg::FollowupByBranch };
    let title = TeamMsg::FollowupTitle.fill(lang, &[&screen.register.actions.len(), &screen.overdue()]);
    let title = format!(" {title} · {}", grouping.get(lang));
    frame.render_widget(Paragraph::new(Span::styled(fit(&title, area.width as usize), theme.title())), head);
    frame.render_widget(Paragraph::new(fit(&next_round_line(screen, app), area.width as usize)), next);
    draw_list(frame, app, screen, theme, list);
    if let Some(action) = screen.current() {
        draw_detail(frame, app, screen, action, theme, detail);
    }
}

fn draw_list(frame: &mut Frame, app: &App, screen: &FollowupScreen, theme: Theme, area: Rect) {
    let block = Block::bordered();
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let order = screen.order();
    let rechecks = screen.rechecks();
    let flag_of = |id: u32| rechecks.iter().find(|r| r.action == id).map(|r| flag_words(r.verdict, app.lang));
    let offset = super::scroll_offset(screen.selected, inner.height as usize);
    let lines: Vec<Line> = order
        .iter()
        .enumerate()
        .skip(offset)
        .take(inner.height as usize)
        .filter_map(|(i, id)| screen.register.get(*id).map(|a| (i, a)))
        .map(|(i, action)| {
            let cursor = if i == screen.selected { "▶" } else { " " };
            let overdue = if action.is_overdue(screen.today) { "!" } else { " " };
            let status = pad(action.status.label(app.lang), 22);
            let due = pad(&action.due.strftime("%d/%m/%Y").to_string(), 10);
            // By branch: the finding reads on the line; by finding: the branch does.
            let what = if screen.by_finding {
                format!("{} — {}", action.item, action.branch)
            } else {
                format!("{} — {}", action.branch, screen.finding(action))
            };
            // The flag in words, first on the line, so that a narrow screen still shows it.
            let what = match flag_of(action.id) {
                Some(flag) => format!("{flag} {what}"),
                None => what,
            };
            let fixed = format!("{cursor}{overdue} {status} {due} ");
            let rest = width.saturating_sub(unicode_width::UnicodeWidthStr::width(fixed.as_str()));
            let style = if action.is_overdue(screen.today) { theme.finding() } else { Default::default() };
            let fixed_style = if i == screen.selected { theme.selected() } else { style };
            Line::from(vec![Span::styled(fixed, fixed_style), Span::styled(pad(&safe(&what), rest), style)])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_detail(frame: &mut Frame, app: &App, screen: &FollowupScreen, action: &Action, theme: Theme, area: Rect) {
    let lang = app.lang;
    let title = format!("#{} · {} · {}", action.id, action.item, safe(&action.branch));
    let block = Block::bordered().title(fit(&title, area.width.saturating_sub(4) as usize));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut text = Text::default();
    text.push_line(Line::styled(safe(screen.finding(action)), theme.title()));
    let due = TeamMsg::FollowupDue.fill(lang, &[&action.due.strftime("%d/%m/%Y")]);
    let mark = if action.is_overdue(screen.today) { " !" } else { "" };
    text.push_line(Line::from(format!("{} · {due}{mark}", action.status.label(lang))));
    if !action.responsible.is_empty() {
        text.push_line(Line::from(TeamMsg::FollowupResponsible.fill(lang, &[&safe(&action.responsible)])));
    }
    if action.report_back.is_empty() {
        text.push_line(Line::styled(TeamMsg::FollowupNoReport.get(lang), theme.muted()));
    } else {
        let on = action.reported_on.map(|d| d.strftime("%d/%m/%Y").to_string()).unwrap_or_else(|| "?".into());
        let said = safe(&action.report_back.replace('\n', " ⏎ "));
        text.push_line(Line::from(TeamMsg::FollowupReportBack.fill(lang, &[&on, &said])));
    }
    if !action.checked_by.is_empty() {
        text.push_line(Line::from(TeamMsg::FollowupCheckedBy.fill(lang, &[&safe(&action.checked_by)])));
    }
    if let Some(verdict) = screen.verdict(action.id) {
        let message = match verdict {
            Verdict::ReportedButFailsAgain => FollowupNextMsg::DetailFailsAgain,
            Verdict::NowPasses => FollowupNextMsg::DetailNowPasses,
        };
        text.push_line(Line::styled(message.fill(lang, &[&verdict.suggested().label(lang)]), theme.finding()));
    }
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), inner);
}

/// The header's second line: the next round used, or that none was found.
fn next_round_line(screen: &FollowupScreen, app: &App) -> String {
    match &screen.next {
        Some(next) => FollowupNextMsg::NextUsed.fill(app.lang, &[&safe(&next.name), &screen.rechecks().len()]),
        None => FollowupNextMsg::NextNone.get(app.lang).to_string(),
    }
}

/// The flag of an action in the list, in words (not colour only).
fn flag_words(verdict: Verdict, lang: Lang) -> &'static str {
    match verdict {
        Verdict::ReportedButFailsAgain => FollowupNextMsg::FlagFailsAgain.get(lang),
        Verdict::NowPasses => FollowupNextMsg::FlagNowPasses.get(lang),
    }
}

/// The status line: the keys of this screen, or the question `A` asked.
pub fn hints(app: &App) -> String {
    let Some(screen) = app.followup.as_ref() else { return String::new() };
    if screen.confirm_all {
        return FollowupNextMsg::ConfirmAll.fill(app.lang, &[&screen.rechecks().len()]);
    }
    let other = if screen.by_finding { TeamMsg::FollowupByBranch } else { TeamMsg::FollowupByFinding };
    FollowupNextMsg::Hints.fill(app.lang, &[&other.get(app.lang)])
}
