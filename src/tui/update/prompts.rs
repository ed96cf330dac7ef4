//! The keys of the editor, picker and search pop-ups. What an editor or picker confirms is handed
//! back as an [`Outcome`]; the dispatcher sends it to the screen that asked (by its `Target`), so
//! this file knows none of them.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::strings::Msg;
use crate::tui::editor::TextBuffer;
use crate::tui::keymap::{Action, Scope};
use crate::tui::state::prompts::{Picker, Target};
use crate::tui::state::{App, Overlay, search_results};

/// What a key in a pop-up came to.
pub(super) enum Outcome {
    /// Nothing for anyone else: the pop-up is still open, or was closed without a choice.
    Nothing,
    /// The editor's text, for its target. The editor stays open until the target accepts it.
    Text(Target, String),
    /// The picker's choice (it is closed): the option under the cursor and, for several choices,
    /// the ticked ones in list order.
    Picked { target: Target, picked: String, chosen: Vec<String>, multi: bool },
}

pub(super) fn editor_key(app: &mut App, key: KeyEvent) -> Outcome {
    let action = app.keymap.action(Scope::Editor, &key);
    let Overlay::Editor(editor) = &mut app.overlay else { return Outcome::Nothing };
    let discarding = std::mem::take(&mut editor.discarding);
    if discarding {
        // Any other key than a second Esc takes the question back.
        editor.error = None;
    }
    // What was typed is not dropped by one stray Esc: the first one asks, as the form does.
    if action == Some(Action::Cancel) && editor.changed() && !discarding {
        editor.discarding = true;
        editor.error = Some(Msg::EditorDiscardAsk.get(app.lang).to_string());
        return Outcome::Nothing;
    }
    let b = &mut editor.buffer;
    match action {
        Some(Action::Cancel) => app.overlay = Overlay::None,
        Some(Action::NewLine) => b.newline(),
        Some(Action::Confirm) => return editor_text(app),
        Some(Action::DeleteWord) => b.delete_word(),
        Some(Action::LineStart) => b.home(),
        Some(Action::LineEnd) => b.end(),
        Some(Action::ClearText) => *b = TextBuffer::new("", b.multiline),
        Some(Action::DeleteBack) => b.backspace(),
        Some(Action::DeleteForward) => b.delete(),
        Some(Action::Left) => b.left(),
        Some(Action::Right) => b.right(),
        Some(Action::Up) => b.up(),
        Some(Action::Down) => b.down(),
        _ => {
            if let Some(c) = typed_char(&key) {
                b.insert(c.encode_utf8(&mut [0; 4]));
            }
        }
    }
    Outcome::Nothing
}

/// The character a key types, when it types one (not with Ctrl).
fn typed_char(key: &KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => Some(c),
        _ => None,
    }
}

/// The open editor's text as it stands, for its target (Enter, or a hang-up keeping what was typed).
pub(super) fn editor_text(app: &App) -> Outcome {
    match &app.overlay {
        Overlay::Editor(editor) => Outcome::Text(editor.target.clone(), editor.buffer.text().to_string()),
        _ => Outcome::Nothing,
    }
}

/// The target refused the text: say why, in the editor, which stays open.
pub(super) fn refuse_text(app: &mut App, message: String) {
    if let Overlay::Editor(editor) = &mut app.overlay {
        editor.error = Some(message);
    }
}

/// The target took the text: close the editor (unless the target opened something else).
pub(super) fn close_editor(app: &mut App) {
    if let Overlay::Editor(_) = app.overlay {
        app.overlay = Overlay::None;
    }
}

pub(super) fn picker_key(app: &mut App, key: KeyEvent) -> Outcome {
    let action = app.keymap.action(Scope::Picker, &key);
    let Overlay::Picker(picker) = &mut app.overlay else { return Outcome::Nothing };
    let count = picker.options.len();
    match action {
        Some(Action::Cancel) => app.overlay = Overlay::None,
        Some(Action::Up) => picker.cursor = picker.cursor.saturating_sub(1),
        Some(Action::Down) => picker.cursor = (picker.cursor + 1).min(count.saturating_sub(1)),
        Some(Action::Toggle) if picker.multi => toggle_choice(picker, picker.cursor),
        Some(Action::Confirm) => return confirm_picker(app),
        // A digit 1–9 picks (or ticks) the option with that number.
        _ => {
            if let KeyCode::Char(c @ '1'..='9') = key.code {
                let index = c as usize - '1' as usize;
                if index < count {
                    picker.cursor = index;
                    if picker.multi {
                        toggle_choice(picker, index);
                    } else {
                        return confirm_picker(app);
                    }
                }
            }
        }
    }
    Outcome::Nothing
}

fn toggle_choice(picker: &mut Picker, index: usize) {
    let Some((id, _)) = picker.options.get(index) else { return };
    if let Some(at) = picker.chosen.iter().position(|c| c == id) {
        picker.chosen.remove(at);
    } else {
        picker.chosen.push(id.clone());
    }
}

fn confirm_picker(app: &mut App) -> Outcome {
    let Overlay::Picker(picker) = std::mem::replace(&mut app.overlay, Overlay::None) else { return Outcome::Nothing };
    let picked = picker.options.get(picker.cursor).map(|(id, _)| id.clone()).unwrap_or_default();
    // Keep the list's order, whatever order the options were ticked in.
    let chosen = picker.options.iter().filter(|(o, _)| picker.chosen.contains(o)).map(|(o, _)| o.clone()).collect();
    Outcome::Picked { target: picker.target, picked, chosen, multi: picker.multi }
}

/// Search: type to narrow the items, Enter goes to the one selected.
pub(super) fn search_key(app: &mut App, key: KeyEvent) {
    let action = app.keymap.action(Scope::Search, &key);
    let Overlay::Search(search) = &mut app.overlay else { return };
    match action {
        Some(Action::Cancel) => app.overlay = Overlay::None,
        Some(Action::Up) => search.selected = search.selected.saturating_sub(1),
        Some(Action::Down) => search.selected += 1,
        Some(Action::DeleteBack) => {
            search.query.backspace();
            search.selected = 0;
        }
        Some(Action::Confirm) => {
            let query = search.query.text().to_string();
            let selected = search.selected;
            let results = search_results(app, &query);
            if let Some(&(section, row)) = results.get(selected.min(results.len().saturating_sub(1))) {
                if let Some(session) = app.session.as_mut() {
                    session.section = section;
                    session.row = row;
                }
                app.overlay = Overlay::None;
            }
        }
        _ => {
            if let Some(c) = typed_char(&key) {
                search.query.insert(c.encode_utf8(&mut [0; 4]));
                search.selected = 0;
            }
        }
    }
}
