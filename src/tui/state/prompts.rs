//! The pop-ups that ask for something: a text editor, a list to pick from, a search.

use crate::tui::editor::TextBuffer;
use crate::tui::rows::Fact;

/// What an editor or picker writes to.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Fact(Fact),
    Answer(String),
    Note(String),
    /// A filter of the summary screen.
    Filter(crate::tui::state::summary::FilterKind),
    /// The planned branch a new visit starts from.
    PlannedBranch,
    /// Why a final visit is reopened.
    ReopenReason,
    /// The earlier round's folder to compare with.
    CompareWith,
    /// The rule set of a new visit (the form's).
    Rules,
    /// Which field of report.ron to edit.
    ReportField,
    /// A field of report.ron.
    ReportText(crate::tui::state::report::ReportField),
    /// The status of a follow-up action (by id).
    FollowupStatus(u32),
    /// What the branch reported back on a follow-up action (by id).
    FollowupReportBack(u32),
}

#[derive(Debug, Clone)]
pub struct Editor {
    pub target: Target,
    pub buffer: TextBuffer,
    pub error: Option<String>,
    /// The text as the editor opened with it: Esc on anything else asks first.
    pub initial: String,
    /// Esc was pressed once on a changed text: a second Esc drops it.
    pub discarding: bool,
    /// How the value is written (a time, a date), shown under the text until something is refused.
    pub hint: Option<String>,
}

impl Editor {
    /// An editor on `text` for `target`; `multiline` allows line breaks (notes, free text).
    pub fn new(target: Target, text: &str, multiline: bool) -> Editor {
        let buffer = TextBuffer::new(text, multiline);
        let initial = buffer.text().to_string();
        Editor { target, buffer, error: None, initial, discarding: false, hint: None }
    }

    /// Something was typed since the editor opened.
    pub fn changed(&self) -> bool {
        self.buffer.text() != self.initial
    }
}

#[derive(Debug, Clone)]
pub struct Picker {
    pub target: Target,
    /// (id, label)
    pub options: Vec<(String, String)>,
    pub multi: bool,
    pub cursor: usize,
    pub chosen: Vec<String>,
}

impl Picker {
    /// One choice among `options` (id, label), the cursor on `current` when it is one of them.
    pub fn single(target: Target, options: Vec<(String, String)>, current: String) -> Picker {
        let cursor = options.iter().position(|(id, _)| *id == current).unwrap_or(0);
        Picker { target, options, multi: false, cursor, chosen: vec![current] }
    }
}

#[derive(Debug, Clone)]
pub struct Search {
    pub query: TextBuffer,
    pub selected: usize,
}

impl Search {
    pub fn new() -> Search {
        Search { query: TextBuffer::new("", false), selected: 0 }
    }
}

impl Default for Search {
    fn default() -> Search {
        Search::new()
    }
}
