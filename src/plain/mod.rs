//! The plain mode (issue 18): the checklist line by line, for screen readers, poor links and
//! logs. No alternate screen, no cursor movement, no colours, no escape sequence of any kind:
//! each question is a few lines written once, each answer a line typed and confirmed with Enter.
//!
//! It is another view and another input over the full-screen checklist's own state and update
//! (`crate::tui::state`, `crate::tui::update`): a typed line becomes the keys the checklist
//! would get ([`command`]), and the state is described as text ([`prompt`]). So answering,
//! undo, problems, finalising, the lock, the saves (atomic, checked against the disk, recovered
//! when the disk fails) and what a hang-up keeps are the checklist's, not a copy of them. Only
//! the cursors of lists (which entry a number picks) are set here directly.

mod command;
mod input;
mod prompt;
mod terminal;
#[cfg(test)]
mod tests;

use std::io::{self, IsTerminal, Write};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::core::rules::{ItemStatus, finding_sentence, item_status};
use crate::core::text::display_safe;
use crate::core::visit::VisitStatus;
use crate::store;
use crate::strings::{Lang, PlainMsg};
use crate::tui::keymap::KeyMap;
use crate::tui::rows::{Row, row_item, rows};
use crate::tui::runtime::Runtime;
use crate::tui::state::prompts::Target;
use crate::tui::state::{App, Effect, Event, Overlay, Screen};
use crate::tui::update::update;
use crate::tui::{Options, start_state};
use command::{Step, asks_from_a_list, interpret};
use input::{Ending, Incoming, Typing};
use prompt::Memory;

/// How long the end of a session waits for the last saves.
const FINAL_SAVE: Duration = Duration::from_millis(1500);

/// The plain mode is asked for: by `--plain`, or by the environment (`KHAOSAT_PLAIN=1`,
/// `ACCESSIBLE=1`, as other accessible terminal tools read it, or a terminal that says it can do
/// nothing: `TERM=dumb`).
pub fn wanted(flag: bool) -> bool {
    let set = |name: &str| std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "0");
    flag || set("KHAOSAT_PLAIN") || set("ACCESSIBLE") || std::env::var("TERM").is_ok_and(|t| t == "dumb")
}

/// Run the plain mode until the inspector quits, the input ends or the terminal goes away.
pub fn run(mut options: Options) -> Result<(), String> {
    let lang = options.lang;
    std::fs::create_dir_all(&options.data_dir)
        .map_err(|e| crate::strings::Msg::ErrDataDir.fill(lang, &[&options.data_dir.display(), &e]))?;
    store::save::clean_leftovers(&options.data_dir);
    // The commands are typed words, so the keys they stand for must be the standard ones.
    options.keymap = KeyMap::default();
    let terminal = io::stdin().is_terminal();
    let (in_tx, in_rx) = mpsc::channel();
    input::spawn_signal_thread(in_tx.clone()).map_err(|e| e.to_string())?;
    let mode = if terminal { Some(terminal::CharacterMode::enter().map_err(|e| e.to_string())?) } else { None };
    let typing = input::spawn_reader(in_tx, terminal);

    let (app, first) = start_state(&options);
    let (tx, rx) = mpsc::channel::<Event>();
    let runtime = Runtime::new(options.data_dir.clone(), options.base_templates.clone(), tx);
    let memory = Memory { folder: options.data_dir.display().to_string(), ..Memory::default() };
    let mut session = Plain { app, runtime, events: rx, memory, echo: !terminal };
    session.settle(vec![first]);
    let ending = session.converse(&in_rx);
    session.end(ending, &typing);
    if ending == Ending::HangUp {
        // Nobody is left to restore the terminal for.
        std::mem::forget(mode);
    }
    Ok(())
}

struct Plain {
    app: App,
    runtime: Runtime,
    /// Results of the runtime's work (opened, saved, the home list read).
    events: Receiver<Event>,
    memory: Memory,
    /// Write each line read after its question: input from a file is not shown by a terminal.
    echo: bool,
}

impl Plain {
    /// Ask, read, answer, until the session ends; how it ended.
    fn converse(&mut self, lines: &Receiver<Incoming>) -> Ending {
        loop {
            if self.app.quit {
                return Ending::EndOfInput;
            }
            self.open_list();
            self.ask();
            let line = match lines.recv() {
                Ok(Incoming::Line(line)) => line,
                Ok(Incoming::End(ending)) => return ending,
                Err(_) => return Ending::EndOfInput,
            };
            if self.echo {
                self.write(std::slice::from_ref(&line), true);
            }
            self.answer(&line);
        }
    }

    /// On a row answered from a list, open the list first, so its choices are written numbered.
    fn open_list(&mut self) {
        if asks_from_a_list(&self.app) {
            let effects = update(&mut self.app, Event::Key(KeyEvent::from(KeyCode::Enter)));
            self.settle(effects);
        }
    }

    /// Write what happened (a message, a finding) and the question for the state now.
    fn ask(&mut self) {
        let mut lines = Vec::new();
        if let Some(flash) = self.app.flash.take() {
            lines.push(flash);
        }
        lines.extend(prompt::prompt(&self.app, &mut self.memory));
        let Some(question) = lines.pop() else { return };
        self.write(&lines, true);
        self.write(&[format!("{question} ")], false);
    }

    fn answer(&mut self, line: &str) {
        let before = self.row_now();
        let status = self.status();
        let steps = interpret(&self.app, &self.memory, line, false);
        // Numbers offered (search results) are for the line right after the offer only.
        self.memory.offered.clear();
        self.carry_out(steps);
        self.after_answer(before);
        if let (Some(before), Some(now)) = (status, self.status())
            && before != now
        {
            let msg = if now == VisitStatus::Final { PlainMsg::NowFinal } else { PlainMsg::NowDraft };
            self.write(&[msg.get(self.app.lang).to_string()], true);
        }
    }

    fn status(&self) -> Option<VisitStatus> {
        self.app.session.as_ref().map(|s| s.visit.status)
    }

    fn carry_out(&mut self, steps: Vec<Step>) {
        for step in steps {
            match step {
                Step::Key(key) => {
                    let effects = update(&mut self.app, Event::Key(key));
                    self.settle(effects);
                }
                Step::Text(text) => {
                    let effects = update(&mut self.app, Event::Paste(text));
                    self.settle(effects);
                }
                Step::Say(lines) => self.write(&lines, true),
                Step::GoTo(section, row) => self.go_to(section, row),
                Step::Select(index) => self.select(index),
                Step::Offer(items) => self.memory.offered = items,
                Step::Again(again) => {
                    let steps = interpret(&self.app, &self.memory, &again, true);
                    self.carry_out(steps);
                }
            }
        }
    }

    /// Put the open list's cursor on entry `index`.
    fn select(&mut self, index: usize) {
        match &mut self.app.overlay {
            Overlay::Picker(picker) => picker.cursor = index.min(picker.options.len().saturating_sub(1)),
            Overlay::Problems { selected } => *selected = index,
            _ if self.app.screen == Screen::Home => self.app.home.selected = index,
            _ => {}
        }
    }

    /// Where the cursor is, what that row holds and which items make a finding, to tell
    /// afterwards what a line changed.
    fn row_now(&self) -> Option<RowNow> {
        let session = self.app.session.as_ref()?;
        Some(RowNow {
            path: session.path.clone(),
            section: session.section,
            row: session.row,
            value: row_value(session, session.section, session.row, self.app.lang)?,
            failing: findings(session, self.app.lang).into_iter().map(|(id, _)| id).collect(),
            note: match &self.app.overlay {
                Overlay::Editor(editor) => match &editor.target {
                    Target::Note(id) => Some((id.clone(), note_of(session, id))),
                    _ => None,
                },
                _ => None,
            },
        })
    }

    /// After a line: each finding it made is said in words ("Hạn chế: …"), the answer's own or
    /// one worked out from a fact (a count of members present makes the attendance rate); and a
    /// value typed (which leaves the cursor where it was) moves on, as y and n do.
    fn after_answer(&mut self, before: Option<RowNow>) {
        let Some(before) = before else { return };
        let lang = self.app.lang;
        let Some(session) = self.app.session.as_ref().filter(|s| s.path == before.path) else { return };
        let new: Vec<String> = findings(session, lang)
            .into_iter()
            .filter(|(id, _)| !before.failing.contains(id))
            .map(|(_, sentence)| PlainMsg::Finding.fill(lang, &[&sentence]))
            .collect();
        let changed = row_value(session, before.section, before.row, lang).is_some_and(|v| v != before.value);
        // The cursor stays on an answer typed into an editor, and on the last item of a part.
        let still_here = (session.section, session.row) == (before.section, before.row);
        let note_saved = before.note.as_ref().is_some_and(|(id, old)| note_of(session, id) != *old);
        if note_saved && matches!(self.app.overlay, Overlay::None) {
            self.write(&[PlainMsg::NoteSaved.get(lang).to_string()], true);
        }
        if !new.is_empty() {
            // After what the checklist says of the answer ("Answered 2/7: No …").
            let mut lines: Vec<String> = self.app.flash.take().into_iter().collect();
            lines.extend(new);
            self.write(&lines, true);
        }
        if changed && still_here && matches!(self.app.overlay, Overlay::None) {
            self.step_on();
        }
    }

    /// On to the next row that applies, into the next part at the end of one.
    fn step_on(&mut self) {
        if let Some((section, row)) = self.app.session.as_ref().and_then(|s| command::neighbour(s, 1)) {
            self.go_to(section, row);
        }
    }

    fn go_to(&mut self, section: usize, row: usize) {
        if let Some(session) = self.app.session.as_mut() {
            session.section = section;
            session.row = row;
        }
    }

    /// Carry out `effects` and what they lead to, waiting for saves to reach the disk and the
    /// home list to be read, so that the next question describes a settled state.
    fn settle(&mut self, effects: Vec<Effect>) {
        let mut pending = effects;
        loop {
            let mut saved = false;
            for effect in std::mem::take(&mut pending) {
                saved |= matches!(effect, Effect::Save { .. } | Effect::ForceSave { .. });
                self.runtime.perform(&mut self.app, effect, &mut pending);
            }
            if saved {
                self.runtime.saver.finish(Duration::from_secs(10));
            }
            for event in self.events.try_iter().collect::<Vec<_>>() {
                pending.extend(update(&mut self.app, event));
            }
            if !pending.is_empty() {
                continue;
            }
            if self.app.screen == Screen::Home && self.app.home.loading {
                match self.events.recv_timeout(Duration::from_secs(30)) {
                    Ok(event) => pending.extend(update(&mut self.app, event)),
                    Err(_) => return,
                }
                continue;
            }
            return;
        }
    }

    /// The session ends: keep what was being typed (a note cut off by a hang-up is saved), save,
    /// and say goodbye when someone is still there to read it.
    fn end(&mut self, ending: Ending, typing: &Typing) {
        let partial = typing.take();
        if !partial.trim().is_empty() && matches!(self.app.overlay, Overlay::Editor(_)) {
            let clear = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
            let mut effects = update(&mut self.app, Event::Key(clear));
            effects.extend(update(&mut self.app, Event::Paste(partial)));
            self.settle(effects);
        }
        let event = if ending == Ending::HangUp { Event::HangUp } else { Event::Terminate };
        let effects = update(&mut self.app, event);
        self.settle(effects);
        self.runtime.saver.finish(FINAL_SAVE);
        if ending == Ending::HangUp {
            return;
        }
        // The question last written waits on its line: end it, then say goodbye.
        let mut lines = vec![String::new()];
        if let Some(session) = self.app.session.as_ref() {
            lines.push(PlainMsg::Bye.fill(self.app.lang, &[&session.visit.meeting.branch]));
        }
        self.write(&lines, true);
    }

    /// Write lines, each made safe for a terminal (nothing from a file can act on it); the last
    /// one without a line break when it is a question.
    fn write(&self, lines: &[String], end_with_newline: bool) {
        let text = render(lines, end_with_newline);
        let mut out = io::stdout().lock();
        // A terminal that went away cannot be written to; the session ends through the reader.
        let _ = out.write_all(text.as_bytes()).and_then(|_| out.flush());
    }
}

/// Lines as written: each made safe for a terminal, the last one without a line break when it is
/// a question.
fn render(lines: &[String], end_with_newline: bool) -> String {
    let mut text = String::new();
    for (i, line) in lines.iter().enumerate() {
        text.push_str(&display_safe(line, false));
        if end_with_newline || i + 1 < lines.len() {
            text.push('\n');
        }
    }
    text
}

/// The open visit as it was before a line was carried out.
struct RowNow {
    path: std::path::PathBuf,
    section: usize,
    row: usize,
    /// What the row under the cursor held.
    value: String,
    /// The items that made a finding.
    failing: std::collections::HashSet<String>,
    /// The note being written (its item) and what it held.
    note: Option<(String, String)>,
}

fn note_of(session: &crate::tui::state::session::Session, id: &str) -> String {
    session.visit.answer(id).map(|a| a.note.clone()).unwrap_or_default()
}

/// What row `row` of part `section` holds, as text to compare.
fn row_value(session: &crate::tui::state::session::Session, section: usize, row: usize, lang: Lang) -> Option<String> {
    match *rows(&session.template, section).get(row)? {
        Row::Fact(fact) => Some(fact.value_text(&session.visit, lang)),
        row => row_item(&session.template, row).map(|i| format!("{:?}", session.visit.value(&i.id))),
    }
}

/// The items of the open visit that make a finding, with their sentences, in template order.
fn findings(session: &crate::tui::state::session::Session, lang: Lang) -> Vec<(String, String)> {
    session
        .template
        .items()
        .filter(|r| item_status(r.item, &session.visit) == ItemStatus::Fail)
        .filter_map(|r| Some((r.item.id.clone(), finding_sentence(r.item, &session.visit, lang)?)))
        .collect()
}
