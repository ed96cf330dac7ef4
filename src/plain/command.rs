//! What a typed line means in the state the checklist is in: the same keys the full-screen
//! checklist takes (so answering, saving, undo and every check are the checklist's own), plus a
//! few things only a line interface needs (go to an item by number, choose from a numbered list).
//! Pure: the state and the line in, the steps out; `super` carries them out in order.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::core::problems::answer_kind_words;
use crate::core::template::Kind;
use crate::core::text::fold;
use crate::strings::{Lang, PlainMsg};
use crate::tui::rows::{Fact, FactInput, Row, row_conflict, row_enabled, row_item, rows, section_count};
use crate::tui::state::home::FormRow;
use crate::tui::state::prompts::{Editor, Picker};
use crate::tui::state::session::Session;
use crate::tui::state::{App, Overlay, Screen, current_row, search_results};

use super::prompt::{Memory, row_list, section_list};

/// One thing to do for a line.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// A key, as the full-screen checklist would get it.
    Key(KeyEvent),
    /// Text put into the open editor (as a paste: in one piece).
    Text(String),
    /// Lines to write (help, lists, a refusal).
    Say(Vec<String>),
    /// Put the cursor on this row of this section.
    GoTo(usize, usize),
    /// Put the open list's cursor (a choice list, the problems, the home list) on this entry.
    Select(usize),
    /// Offer these items by number for the next line.
    Offer(Vec<(usize, usize)>),
    /// Read the same line again in the state the steps before led to (a value typed on a row
    /// whose editor or list the first steps opened).
    Again(String),
}

fn key(code: KeyCode) -> Step {
    Step::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn char_key(c: char) -> Step {
    key(KeyCode::Char(c))
}

fn say(line: String) -> Vec<Step> {
    vec![Step::Say(vec![line])]
}

/// The steps for `line`. `again` is set when the line is read a second time (see [`Step::Again`]):
/// then it is never sent round once more.
pub fn interpret(app: &App, memory: &Memory, line: &str, again: bool) -> Vec<Step> {
    let line = line.trim();
    let lang = app.lang;
    if !memory.offered.is_empty()
        && let Some(n) = number_in(line, memory.offered.len())
    {
        let (section, row) = memory.offered[n];
        return vec![Step::GoTo(section, row)];
    }
    match &app.overlay {
        Overlay::Editor(editor) => return editor_line(editor, line),
        Overlay::Picker(picker) => return picker_line(picker, line, lang),
        Overlay::Problems { .. } => {
            return match (line, line.parse::<usize>()) {
                ("", _) => vec![key(KeyCode::Esc)],
                (_, Ok(n)) if n >= 1 => vec![Step::Select(n - 1), key(KeyCode::Enter)],
                _ => vec![key(KeyCode::Esc), Step::Again(line.to_string())],
            };
        }
        Overlay::Conflict => {
            return match line {
                "1" => vec![char_key('k')],
                "2" => vec![char_key('r')],
                "3" => vec![char_key('c')],
                _ => say(PlainMsg::ConflictDisk.get(lang).to_string()),
            };
        }
        Overlay::Recover { .. } => {
            return match yes_no(line) {
                Some(true) => vec![char_key('y')],
                Some(false) => vec![char_key('n')],
                None => Vec::new(),
            };
        }
        Overlay::Help | Overlay::Search(_) => return vec![key(KeyCode::Esc), Step::Again(line.to_string())],
        Overlay::None => {}
    }
    match app.screen {
        Screen::Home => home_line(app, line),
        Screen::NewVisit => form_line(app, line, again),
        Screen::Checklist => match app.session.as_ref() {
            Some(session) => checklist_line(app, session, line, again),
            None => Vec::new(),
        },
        // Screens the plain mode does not offer: back to where it came from.
        _ => vec![key(KeyCode::Esc)],
    }
}

fn checklist_line(app: &App, session: &Session, line: &str, again: bool) -> Vec<Step> {
    let lang = app.lang;
    if let Some(steps) = checklist_command(app, session, line) {
        return steps;
    }
    let Some(row) = current_row(session) else { return Vec::new() };
    if matches!(line, "1" | "2") && row_conflict(&session.template, &session.visit, row).is_some() {
        return vec![Step::Key(KeyEvent::new(KeyCode::Char(line.chars().next().unwrap_or('1')), KeyModifiers::NONE))];
    }
    match row {
        Row::Fact(Fact::HasCommittee) => match yes_no(line) {
            Some(yes) => vec![char_key(if yes { 'y' } else { 'n' })],
            None => say(PlainMsg::UnknownCommand.fill(lang, &[&line])),
        },
        Row::Fact(_) => open_then(line, again),
        row => {
            let Some(item) = row_item(&session.template, row) else { return Vec::new() };
            let not_an_answer =
                || say(PlainMsg::NotAnAnswer.fill(lang, &[&line, &answer_kind_words(&item.kind, lang)]));
            match &item.kind {
                Kind::YesNo { .. } => match (yes_no(line), line) {
                    (Some(yes), _) => vec![char_key(if yes { 'y' } else { 'n' })],
                    (None, "x") => vec![char_key('x')],
                    _ => not_an_answer(),
                },
                Kind::Scale => match line.parse::<u8>() {
                    Ok(n @ 1..=5) => vec![char_key((b'0' + n) as char)],
                    _ => not_an_answer(),
                },
                Kind::Computed(_) => say(PlainMsg::UnknownCommand.fill(lang, &[&line])),
                _ => open_then(line, again),
            }
        }
    }
}

/// Enter opens the row's editor or list; the line is then read again there.
fn open_then(line: &str, again: bool) -> Vec<Step> {
    if again {
        // Enter opened nothing (the row refused, and said why).
        return Vec::new();
    }
    vec![key(KeyCode::Enter), Step::Again(line.to_string())]
}

/// The commands of the checklist; None when the line is an answer.
fn checklist_command(app: &App, session: &Session, line: &str) -> Option<Vec<Step>> {
    let lang = app.lang;
    Some(match line {
        "" => step_to(session, 1, lang),
        "b" => step_to(session, -1, lang),
        "t" => vec![char_key(' ')],
        "e" | "u" | "f" | "q" | "p" => vec![char_key(line.chars().next().unwrap_or('q'))],
        "-" => vec![key(KeyCode::Backspace)],
        "?" => vec![Step::Say(checklist_help(session, lang))],
        "l" => vec![Step::Say(row_list(session, lang))],
        "g" => vec![Step::Say(section_list(session, lang))],
        "/" => say(PlainMsg::SearchAsk.get(lang).to_string()),
        _ if line.starts_with("g ") => goto(session, line[2..].trim(), lang),
        _ if line.starts_with('/') => search(app, &line[1..], lang),
        _ => return None,
    })
}

fn checklist_help(session: &Session, lang: Lang) -> Vec<String> {
    let mut lines = vec![
        PlainMsg::HelpHead.get(lang).to_string(),
        PlainMsg::HelpAnswer.get(lang).to_string(),
        PlainMsg::HelpMove.get(lang).to_string(),
        PlainMsg::HelpEdit.get(lang).to_string(),
        PlainMsg::HelpVisit.get(lang).to_string(),
        PlainMsg::HelpSaved.get(lang).to_string(),
    ];
    if session.template.score.is_some() {
        lines.push(crate::strings::Msg::SumScoreOfficial.get(lang).to_string());
    }
    let help = current_row(session).and_then(|r| row_item(&session.template, r)).and_then(|i| i.help.as_ref());
    if let Some(help) = help {
        lines.push(PlainMsg::HelpItem.fill(lang, &[&super::prompt::one_line(help.get(lang))]));
    }
    lines
}

/// `g 2` (a part: its first item that applies), `g 2.3` (part 2, item 3), `g prep.notice` (an
/// item id).
fn goto(session: &Session, target: &str, lang: Lang) -> Vec<Step> {
    let template = &session.template;
    let sections = section_count(template);
    let part_item =
        target.split_once('.').and_then(|(s, r)| Some((s.parse::<usize>().ok()?, r.parse::<usize>().ok()?)));
    let found = if let Some((s, r)) = part_item {
        (s < sections && r >= 1 && r <= rows(template, s).len()).then(|| (s, r - 1))
    } else if let Ok(s) = target.parse::<usize>() {
        let enabled = |r: &Row| row_enabled(template, &session.visit, *r);
        (s < sections).then(|| (s, rows(template, s).iter().position(enabled).unwrap_or(0)))
    } else {
        template
            .sections
            .iter()
            .enumerate()
            .find_map(|(s, section)| section.items.iter().position(|i| i.id == target).map(|index| (s + 1, index)))
    };
    match found {
        Some((section, row)) => vec![Step::GoTo(section, row)],
        None => say(PlainMsg::GotoBad.fill(lang, &[&target])),
    }
}

/// The next (`delta` 1) or previous (-1) row that applies, in the order of the meeting: across
/// parts, unlike the arrow keys of the full screen, which stay in the part shown.
pub fn neighbour(session: &Session, delta: isize) -> Option<(usize, usize)> {
    let template = &session.template;
    let positions: Vec<(usize, usize)> = (0..section_count(template))
        .flat_map(|s| {
            rows(template, s)
                .into_iter()
                .enumerate()
                .filter(|(_, row)| row_enabled(template, &session.visit, *row))
                .map(move |(r, _)| (s, r))
                .collect::<Vec<_>>()
        })
        .collect();
    let here = (session.section, session.row);
    if delta > 0 { positions.into_iter().find(|p| *p > here) } else { positions.into_iter().rev().find(|p| *p < here) }
}

fn step_to(session: &Session, delta: isize, lang: Lang) -> Vec<Step> {
    match neighbour(session, delta) {
        Some((section, row)) => vec![Step::GoTo(section, row)],
        None if delta > 0 => say(PlainMsg::EndOfVisit.get(lang).to_string()),
        None => Vec::new(),
    }
}

fn search(app: &App, query: &str, lang: Lang) -> Vec<Step> {
    let found = search_results(app, query.trim());
    let Some(session) = app.session.as_ref() else { return Vec::new() };
    if found.is_empty() {
        return say(PlainMsg::SearchNone.fill(lang, &[&query.trim()]));
    }
    let mut lines = vec![PlainMsg::SearchHead.fill(lang, &[&found.len()])];
    for (i, (section, row)) in found.iter().enumerate() {
        let text = rows(&session.template, *section)
            .get(*row)
            .and_then(|r| row_item(&session.template, *r))
            .map(|item| item.text.get(lang).to_string())
            .unwrap_or_default();
        let title = crate::tui::rows::section_title(&session.template, *section, lang);
        lines.push(format!("  {}. {title}, {}: {text}", i + 1, row + 1));
    }
    lines.push(PlainMsg::SearchKeys.get(lang).to_string());
    vec![Step::Say(lines), Step::Offer(found)]
}

fn editor_line(editor: &Editor, line: &str) -> Vec<Step> {
    if line.is_empty() {
        // Keep what was there: one Esc closes an unchanged editor; a refused text asks first.
        let escapes = if editor.changed() { 2 } else { 1 };
        return vec![key(KeyCode::Esc); escapes];
    }
    vec![
        Step::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
        Step::Text(line.to_string()),
        key(KeyCode::Enter),
    ]
}

fn picker_line(picker: &Picker, line: &str, lang: Lang) -> Vec<Step> {
    let count = picker.options.len();
    match line {
        "" => return vec![key(KeyCode::Esc), key(KeyCode::Down)],
        "b" => return vec![key(KeyCode::Esc), key(KeyCode::Up)],
        _ => {}
    }
    let numbers: Option<Vec<usize>> =
        line.split([' ', ',']).filter(|w| !w.is_empty()).map(|w| w.parse().ok()).collect();
    let Some(numbers) = numbers.filter(|n| !n.is_empty()) else {
        // A command, not a choice: close the list and do it on the row.
        return vec![key(KeyCode::Esc), Step::Again(line.to_string())];
    };
    if let Some(bad) = numbers.iter().find(|n| **n > count || (**n == 0 && !picker.multi)) {
        return say(PlainMsg::BadChoice.fill(lang, &[bad, &count]));
    }
    if !picker.multi {
        return match numbers.as_slice() {
            [n] => vec![Step::Select(n - 1), key(KeyCode::Enter)],
            _ => say(PlainMsg::BadChoice.fill(lang, &[&line, &count])),
        };
    }
    // The numbers typed are the whole choice: tick and untick to match, then confirm.
    let mut steps = Vec::new();
    for (i, (id, _)) in picker.options.iter().enumerate() {
        if picker.chosen.contains(id) != numbers.contains(&(i + 1)) {
            steps.extend([Step::Select(i), char_key(' ')]);
        }
    }
    steps.push(key(KeyCode::Enter));
    steps
}

fn home_line(app: &App, line: &str) -> Vec<Step> {
    match line {
        "a" | "q" => vec![char_key(line.chars().next().unwrap_or('q'))],
        "?" | "" => say(PlainMsg::HomeKeys.get(app.lang).to_string()),
        _ => match number_in(line, app.home.entries.len()) {
            Some(n) => vec![Step::Select(n), key(KeyCode::Enter)],
            None => say(PlainMsg::UnknownCommand.fill(app.lang, &[&line])),
        },
    }
}

fn form_line(app: &App, line: &str, again: bool) -> Vec<Step> {
    let Some(form) = app.form.as_ref() else { return Vec::new() };
    let current = form.current();
    match (line, current) {
        ("", FormRow::Create) => return vec![key(KeyCode::Enter)],
        ("", _) => return vec![key(KeyCode::Down)],
        ("b", _) => return vec![key(KeyCode::Up)],
        // Dropping the form asks once on the full screen; here the command says it.
        ("q", _) => return vec![key(KeyCode::Esc), key(KeyCode::Esc)],
        ("?", _) => return say(PlainMsg::FormHead.get(app.lang).to_string()),
        _ => {}
    }
    match current {
        FormRow::Fact(fact) if fact.input() == FactInput::YesNo => match yes_no(line) {
            Some(yes) => vec![char_key(if yes { 'y' } else { 'n' })],
            None => say(PlainMsg::UnknownCommand.fill(app.lang, &[&line])),
        },
        FormRow::Create => say(PlainMsg::UnknownCommand.fill(app.lang, &[&line])),
        FormRow::Fact(_) | FormRow::Rules => open_then(line, again),
    }
}

/// Yes or no, as people type them in either language.
fn yes_no(line: &str) -> Option<bool> {
    match fold(line).as_str() {
        "y" | "yes" | "c" | "co" => Some(true),
        "n" | "no" | "k" | "khong" => Some(false),
        _ => None,
    }
}

/// A number from 1 to `count`, as an index.
fn number_in(line: &str, count: usize) -> Option<usize> {
    line.parse::<usize>().ok().filter(|n| *n >= 1 && *n <= count).map(|n| n - 1)
}

/// Rows whose answer is a list: the plain mode opens the list before asking, so that the
/// choices are written with their numbers.
pub fn asks_from_a_list(app: &App) -> bool {
    if !matches!(app.overlay, Overlay::None) {
        return false;
    }
    let list_fact = |fact: Fact| matches!(fact.input(), FactInput::BranchType | FactInput::MeetingKind);
    match app.screen {
        Screen::Checklist => app.session.as_ref().is_some_and(|session| match current_row(session) {
            Some(Row::Fact(fact)) => list_fact(fact),
            Some(row) => row_item(&session.template, row).is_some_and(|item| {
                matches!(item.kind, Kind::Choice { .. } | Kind::MultiChoice { .. })
                    && row_enabled(&session.template, &session.visit, row)
            }),
            None => false,
        }),
        Screen::NewVisit => app.form.as_ref().is_some_and(|form| match form.current() {
            FormRow::Fact(fact) => list_fact(fact),
            FormRow::Rules => true,
            FormRow::Create => false,
        }),
        _ => false,
    }
}
