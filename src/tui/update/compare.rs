//! The round-over-round screen's keys: per finding, the branches that fixed it, still have it, or
//! newly have it; per branch, its findings sorted the same way, and the branches of one round
//! only — comparing the data folder with an earlier round's folder. And the folder prompt that
//! starts it, whose Tab completes folder names (the runtime lists them).

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;

use crate::core::compare::Comparison;
use crate::strings::Msg;
use crate::tui::editor::TextBuffer;
use crate::tui::keymap::{Action, Scope};
use crate::tui::state::compare::{BranchRow, CompareList, CompareScreen, branch_rows};
use crate::tui::state::prompts::{Editor, Target};
use crate::tui::state::{App, Effect, Overlay, Screen};

/// Ask for the earlier round's folder, suggesting `guess`.
pub fn ask_folder(app: &mut App, guess: Option<PathBuf>) {
    let text = guess.map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
    app.overlay = Overlay::Editor(Editor::new(Target::CompareWith, &text, false));
}

/// A key of the folder prompt that the editor does not have: Tab asks the runtime for the
/// folders whose names start with what is typed. None for every other key (the editor's).
pub fn folder_key(app: &App, key: &KeyEvent) -> Option<Vec<Effect>> {
    let Overlay::Editor(editor) = &app.overlay else { return None };
    if editor.target != Target::CompareWith
        || app.keymap.action(Scope::FolderPrompt, key) != Some(Action::CompleteFolder)
    {
        return None;
    }
    Some(vec![Effect::ListFolders { typed: editor.buffer.text().to_string() }])
}

/// The folders that complete `typed` (whole texts, each ending with `/`). One: the prompt takes
/// it; several: the part they share, and their names on the status line; none: says so. A late
/// answer, for a text since changed, is dropped.
pub fn folders_listed(app: &mut App, typed: &str, folders: Vec<String>) {
    let lang = app.lang;
    let Overlay::Editor(editor) = &mut app.overlay else { return };
    if editor.target != Target::CompareWith || editor.buffer.text() != typed {
        return;
    }
    let shared = shared_start(&folders);
    if shared.chars().count() > typed.chars().count() {
        editor.buffer = TextBuffer::new(&shared, false);
    }
    editor.error = None;
    let name = |folder: &String| {
        let trimmed = folder.trim_end_matches('/');
        trimmed.rsplit('/').next().unwrap_or(trimmed).to_string() + "/"
    };
    app.flash = match folders.as_slice() {
        // Nothing typed after the last `/`: the folder has no folders in it (that are not hidden).
        [] if typed.is_empty() || typed.ends_with('/') => {
            let folder = if typed.is_empty() { "." } else { typed };
            Some(Msg::CompareNoSubfolder.fill(lang, &[&crate::core::text::display_safe(folder, false)]))
        }
        [] => Some(Msg::CompareNoFolder.fill(lang, &[&crate::core::text::display_safe(typed, false)])),
        [_] => None,
        several => {
            let names: Vec<String> = several.iter().map(name).collect();
            let names = crate::core::text::display_safe(&names.join(" · "), false);
            Some(Msg::CompareFolders.fill(lang, &[&several.len(), &names]))
        }
    };
}

/// The longest start every text shares (whole characters).
fn shared_start(texts: &[String]) -> String {
    let Some((first, rest)) = texts.split_first() else { return String::new() };
    let mut shared: &str = first;
    for text in rest {
        let differs = shared.char_indices().zip(text.chars()).find(|((_, a), b)| a != b);
        // No difference: one is the start of the other, and the shorter is shared.
        let end = differs.map_or(shared.len().min(text.len()), |((at, _), _)| at);
        shared = &shared[..end];
    }
    shared.to_string()
}

/// Start comparing with the folder typed. The folder is offered again next time (and kept for
/// the next run by the runtime, once the comparison worked).
pub fn start(app: &mut App, folder: &str) -> Vec<Effect> {
    let old = PathBuf::from(folder.trim());
    app.overlay = Overlay::None;
    app.compare_guess = Some(old.clone());
    app.compare = CompareScreen { old: old.clone(), loading: true, ..CompareScreen::default() };
    app.screen = Screen::Compare;
    vec![Effect::Compare { old }]
}

pub fn ready(app: &mut App, result: Result<Box<Comparison>, String>) {
    app.compare.loading = false;
    match result {
        Ok(comparison) => app.compare.comparison = Some(comparison),
        Err(e) => {
            app.flash = Some(e);
            app.screen = Screen::Summary;
        }
    }
}

pub fn key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let lang = app.lang;
    let count = app.compare.rows();
    let c = &mut app.compare;
    let Some(action) = app.keymap.action(Scope::Compare, &key) else { return Vec::new() };
    if c.detail {
        match action {
            Action::BackToSummary => c.detail = false,
            Action::Up => c.detail_scroll = c.detail_scroll.saturating_sub(1),
            Action::Down => c.detail_scroll = c.detail_scroll.saturating_add(1).min(10_000),
            Action::PageUp => c.detail_scroll = c.detail_scroll.saturating_sub(10),
            Action::PageDown => c.detail_scroll = c.detail_scroll.saturating_add(10).min(10_000),
            Action::Help => app.overlay = Overlay::Help,
            _ => {}
        }
        return Vec::new();
    }
    let last = count.saturating_sub(1);
    match action {
        Action::BackToSummary => app.screen = Screen::Summary,
        Action::Help => app.overlay = Overlay::Help,
        Action::Up => *c.cursor_mut() = c.cursor_mut().saturating_sub(1),
        Action::Down => *c.cursor_mut() = (*c.cursor_mut() + 1).min(last),
        Action::PageUp => *c.cursor_mut() = c.cursor_mut().saturating_sub(10),
        Action::PageDown => *c.cursor_mut() = (*c.cursor_mut() + 10).min(last),
        Action::SwitchList => {
            c.list = match c.list {
                CompareList::Findings => CompareList::Branches,
                CompareList::Branches => CompareList::Findings,
            };
        }
        Action::ShowDetails if count > 0 => {
            let row = match (c.list, c.comparison.as_deref()) {
                (CompareList::Branches, Some(cmp)) => branch_rows(cmp).get(c.branch_selected).copied(),
                _ => None,
            };
            match row {
                // Nothing to compare for a branch of one round: say so rather than show nothing.
                Some(BranchRow::OldOnly(_)) => app.flash = Some(Msg::CompareOldOnlyNothing.get(lang).to_string()),
                Some(BranchRow::NewOnly(_)) => app.flash = Some(Msg::CompareNewOnlyNothing.get(lang).to_string()),
                _ => {
                    c.detail = true;
                    c.detail_scroll = 0;
                }
            }
        }
        _ => {}
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::shared_start;

    #[test]
    fn the_shared_start_is_whole_characters() {
        let texts = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(shared_start(&texts(&["dot-2021/", "dot-2022/"])), "dot-202");
        assert_eq!(shared_start(&texts(&["đợt-1/", "đợt-2/"])), "đợt-");
        assert_eq!(shared_start(&texts(&["đa/", "đb/"])), "đ");
        assert_eq!(shared_start(&texts(&["a/"])), "a/");
        assert_eq!(shared_start(&[]), "");
    }
}
