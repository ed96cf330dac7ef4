//! The home screen: the visits in the data folder, newest first, filled in as they are read.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{Theme, fit, pad, safe};
use crate::strings::Msg;
use crate::tui::state::App;

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let home = &app.home;
    // Reserved from the first frame, so the list does not jump when the count arrives.
    let round_lines = u16::from(app.round.is_some()) * 2;
    // What the last sync did, under the list (at most three lines).
    let sync_lines = home.sync_note.len().min(3) as u16;
    let [header, round, body, sync] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(round_lines),
        Constraint::Min(0),
        Constraint::Length(sync_lines),
    ])
    .areas(area);
    let sync_note: Vec<Line> = home
        .sync_note
        .iter()
        .take(3)
        .map(|l| Line::styled(fit(&format!(" {}", safe(l)), area.width as usize), theme.muted()))
        .collect();
    frame.render_widget(Paragraph::new(sync_note), sync);
    if let Some(c) = &home.coverage {
        // A round that plans no branch has nothing to count: no "0/0".
        let head = if c.planned() == 0 {
            Msg::HomeRoundNoPlan.fill(app.lang, &[&safe(&c.decision)])
        } else {
            Msg::HomeRound.fill(app.lang, &[&safe(&c.decision), &c.visited(), &c.planned(), &c.finalised()])
        };
        let per_inspector: Vec<String> =
            c.inspectors.iter().map(|i| format!("{} {}/{}", safe(&i.inspector), i.visited, i.planned)).collect();
        let missing: Vec<String> = c.missing().map(|b| safe(&b.branch)).collect();
        let second = if missing.is_empty() {
            per_inspector.join(" · ")
        } else {
            Msg::HomeRoundMissing.fill(app.lang, &[&missing.join("; ")])
        };
        let width = area.width as usize;
        let lines = vec![
            Line::styled(fit(&format!(" {head}"), width), theme.title()),
            Line::styled(fit(&format!(" {second}"), width), theme.muted()),
        ];
        frame.render_widget(Paragraph::new(lines), round);
    } else if let Some(r) = &app.round {
        let line = format!(" {} · {}", safe(&r.decision), app.lang_str(Msg::Loading));
        frame.render_widget(Paragraph::new(Line::styled(fit(&line, area.width as usize), theme.title())), round);
    }
    let loading = if home.loading { format!(" · {}", app.lang_str(Msg::Loading)) } else { String::new() };
    let unreadable = if home.unreadable > 0 {
        format!(" · {}", Msg::HomeUnreadable.fill(app.lang, &[&home.unreadable]))
    } else {
        String::new()
    };
    let odd_locks = home.entries.iter().filter(|e| e.odd_lock).count();
    let odd_locks =
        if odd_locks > 0 { format!(" · {}", Msg::HomeOddLocks.fill(app.lang, &[&odd_locks])) } else { String::new() };
    // While the folder is read: how many are listed of how many there are.
    let count = match home.found {
        Some(found) if home.loading => format!("{}/{found}", home.entries.len()),
        _ => home.entries.len().to_string(),
    };
    let conflicted = home.entries.iter().filter(|e| e.conflicts > 0).count();
    let conflicted = if conflicted > 0 {
        format!(" · ≠ {}", crate::strings::TeamMsg::HomeConflicted.fill(app.lang, &[&conflicted]))
    } else {
        String::new()
    };
    let title =
        format!(" khaosat — {} ({count}){loading}{unreadable}{odd_locks}{conflicted}", app.lang_str(Msg::HomeTitle));
    frame.render_widget(Paragraph::new(Span::styled(title, theme.title())), header);

    let block = Block::bordered();
    let inner = block.inner(body);
    frame.render_widget(block, body);
    if home.entries.is_empty() {
        let text = if home.loading { app.lang_str(Msg::Loading) } else { app.lang_str(Msg::HomeEmpty) };
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), inner);
        return;
    }
    let width = inner.width as usize;
    // Columns: cursor 1, date 10, status 10, progress 10, findings 7, five spaces between;
    // the rest is split between branch and committee.
    let fixed = 1 + 10 + 10 + 10 + 7 + 5;
    let flexible = width.saturating_sub(fixed);
    let branch_w = (flexible * 3 / 5).max(8);
    let committee_w = flexible.saturating_sub(branch_w);
    let heading = format!(
        " {} {} {} {} {} {}",
        pad(app.lang_str(Msg::ColDate), 10),
        pad(app.lang_str(Msg::ColBranch), branch_w),
        pad(app.lang_str(Msg::ColCommittee), committee_w),
        pad(app.lang_str(Msg::ColStatus), 10),
        pad(app.lang_str(Msg::ColProgress), 10),
        pad(app.lang_str(Msg::ColFindings), 7),
    );
    let mut lines = vec![Line::styled(pad(&heading, width), theme.muted())];
    let height = (inner.height as usize).saturating_sub(1);
    for (i, e) in super::visible(&home.entries, home.selected, height) {
        let status = match e.conflicts {
            0 => app.lang_str(e.status.label()).to_string(),
            n => format!("≠{n} {}", app.lang_str(e.status.label())),
        };
        let cursor = match (i == home.selected, e.odd_lock) {
            (true, _) => "▶",
            (false, true) => "!",
            (false, false) => " ",
        };
        let findings = if e.findings > 0 { format!("!{}", e.findings) } else { "0".to_string() };
        let row = format!(
            "{cursor}{} {} {} {} {} {}",
            pad(&e.date.strftime("%d/%m/%Y").to_string(), 10),
            pad(&safe(&e.branch), branch_w),
            pad(&safe(&e.committee), committee_w),
            pad(&status, 10),
            pad(&format!("{}/{}", e.answered, e.total), 10),
            pad(&findings, 7),
        );
        let style = if i == home.selected { theme.selected() } else { Default::default() };
        lines.push(Line::styled(pad(&row, width), style));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
