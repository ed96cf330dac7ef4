//! The key map as data: which key does what on which screen. Defaults here; the config file may
//! rebind any action by name. The help screen and the status bar are drawn from the same table.

use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Serialize};

use crate::strings::Msg;

/// Everything a key can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    NextSection,
    PrevSection,
    Yes,
    No,
    NotApplicable,
    Clear,
    Edit,
    EditNote,
    NextUnanswered,
    Search,
    Undo,
    Problems,
    ToggleFinal,
    Help,
    Back,
    Quit,
    Open,
    NewVisit,
    Summary,
    ForceQuit,
    SwitchPane,
    FilterCommittee,
    FilterType,
    FilterInspector,
    FilterDates,
    FilterFinal,
    FilterClear,
    Refresh,
    Export,
    /// The round's report, Markdown and Word, into the round's folder.
    WriteReport,
    /// The team's own text of the report (report.ron).
    EditReport,
    Compare,
    // Pop-ups and the new-visit form.
    Confirm,
    Cancel,
    CreateVisit,
    Toggle,
    NewLine,
    Left,
    Right,
    LineStart,
    LineEnd,
    DeleteBack,
    DeleteForward,
    DeleteWord,
    ClearText,
    KeepMine,
    TakeTheirs,
    SaveCopy,
    Restore,
    Discard,
    // Issue 13: the compare screen and its folder prompt.
    /// The branches of a finding, or the findings of a branch.
    ShowDetails,
    /// The list by finding, or by branch.
    SwitchList,
    /// Back to the summary screen.
    BackToSummary,
    /// Complete the folder name being typed.
    CompleteFolder,
    // Issue 16: a team's copies.
    /// Commit, pull and push the data folder through git.
    Sync,
    /// Reconcile the selected visit with the other record of its meeting.
    Reconcile,
    /// Keep record A's (the first) answer on a difference.
    PickA,
    /// Keep record B's (the second) answer on a difference.
    PickB,
    /// The next difference not yet decided.
    NextDifference,
    /// The round's follow-up register (khắc phục).
    Followup,
    /// Record what the next round suggests for the selected action / for all of them.
    ApplySuggestion,
    ApplyAllSuggestions,
}

impl Action {
    /// What the action does, for the help screen.
    pub fn description(self) -> Msg {
        match self {
            Action::Up => Msg::ActUp,
            Action::Down => Msg::ActDown,
            Action::PageUp => Msg::ActPageUp,
            Action::PageDown => Msg::ActPageDown,
            Action::NextSection => Msg::ActNextSection,
            Action::PrevSection => Msg::ActPrevSection,
            Action::Yes => Msg::ActYes,
            Action::No => Msg::ActNo,
            Action::NotApplicable => Msg::ActNotApplicable,
            Action::Clear => Msg::ActClear,
            Action::Edit => Msg::ActEdit,
            Action::EditNote => Msg::ActEditNote,
            Action::NextUnanswered => Msg::ActNextUnanswered,
            Action::Search => Msg::ActSearch,
            Action::Undo => Msg::ActUndo,
            Action::Problems => Msg::ActProblems,
            Action::ToggleFinal => Msg::ActToggleFinal,
            Action::Help => Msg::ActHelp,
            Action::Back => Msg::ActBack,
            Action::Quit => Msg::ActQuit,
            Action::Open => Msg::ActOpen,
            Action::NewVisit => Msg::ActNewVisit,
            Action::Summary => Msg::ActSummary,
            Action::ForceQuit => Msg::ActForceQuit,
            Action::SwitchPane => Msg::ActSwitchPane,
            Action::FilterCommittee => Msg::ActFilterCommittee,
            Action::FilterType => Msg::ActFilterType,
            Action::FilterInspector => Msg::ActFilterInspector,
            Action::FilterDates => Msg::ActFilterDates,
            Action::FilterFinal => Msg::ActFilterFinal,
            Action::FilterClear => Msg::ActFilterClear,
            Action::Refresh => Msg::ActRefresh,
            Action::Export => Msg::ActExport,
            Action::WriteReport => Msg::ActWriteReport,
            Action::EditReport => Msg::ActEditReport,
            Action::Compare => Msg::ActCompare,
            Action::Confirm => Msg::ActConfirm,
            Action::Cancel => Msg::ActCancel,
            Action::CreateVisit => Msg::ActCreateVisit,
            Action::Toggle => Msg::ActToggle,
            Action::NewLine => Msg::ActNewLine,
            Action::Left => Msg::ActLeft,
            Action::Right => Msg::ActRight,
            Action::LineStart => Msg::ActLineStart,
            Action::LineEnd => Msg::ActLineEnd,
            Action::DeleteBack => Msg::ActDeleteBack,
            Action::DeleteForward => Msg::ActDeleteForward,
            Action::DeleteWord => Msg::ActDeleteWord,
            Action::ClearText => Msg::ActClearText,
            Action::KeepMine => Msg::ConflictKeepMine,
            Action::TakeTheirs => Msg::ConflictTakeTheirs,
            Action::SaveCopy => Msg::ConflictSaveCopy,
            Action::Restore => Msg::ActRestore,
            Action::Discard => Msg::ActDiscard,
            Action::ShowDetails => Msg::ActShowDetails,
            Action::SwitchList => Msg::ActSwitchList,
            Action::BackToSummary => Msg::ActBackToSummary,
            Action::CompleteFolder => Msg::ActCompleteFolder,
            Action::Sync => Msg::ActSync,
            Action::Reconcile => Msg::ActReconcile,
            Action::PickA => Msg::ActPickA,
            Action::PickB => Msg::ActPickB,
            Action::NextDifference => Msg::ActNextDifference,
            Action::Followup => Msg::ActFollowup,
            Action::ApplySuggestion => Msg::ActApplySuggestion,
            Action::ApplyAllSuggestions => Msg::ActApplyAllSuggestions,
        }
    }
}

impl Action {
    /// What the action does on the screen of `scope`, for the help: the same key may mean more
    /// there than its general description says.
    pub fn description_in(self, scope: Scope) -> Msg {
        match (scope, self) {
            (Scope::Summary, Action::Open) => Msg::ActOpenFinding,
            (Scope::Summary, Action::Back) => Msg::ActBackSummary,
            (Scope::Home, Action::Back) => Msg::ActBackHome,
            (Scope::Form, Action::Edit) => Msg::ActEditFact,
            (Scope::Form, Action::Back) => Msg::ActBackForm,
            (Scope::Reconcile, Action::Confirm) => Msg::ActReconcileWrite,
            (Scope::Followup, Action::Open) => Msg::ActFollowupStatus,
            (Scope::Followup, Action::EditNote) => Msg::ActFollowupReportBack,
            (Scope::Followup, Action::SwitchList) => Msg::ActFollowupSwitch,
            (Scope::Reconcile, Action::Back) => Msg::ActReconcileCancel,
            (Scope::Form, Action::Yes | Action::No) => Msg::ActFormCommittee,
            _ => self.description(),
        }
    }
}

impl Action {
    /// A one-word label for the status bar.
    pub fn short(self) -> Msg {
        match self {
            Action::Yes => Msg::Yes,
            Action::No => Msg::No,
            Action::NotApplicable => Msg::NaShort,
            Action::Edit => Msg::ShortEdit,
            Action::EditNote => Msg::ShortNote,
            Action::NextUnanswered => Msg::ShortNext,
            Action::Undo => Msg::ShortUndo,
            Action::Help => Msg::ShortHelp,
            Action::Back => Msg::ShortBack,
            Action::Search => Msg::ShortSearch,
            Action::Problems => Msg::ShortProblems,
            Action::ToggleFinal => Msg::ShortFinal,
            other => other.description(),
        }
    }
}

/// Where a binding applies: a screen, or a pop-up while it is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Home,
    Checklist,
    Summary,
    /// The new-visit form.
    Form,
    /// A text being typed (an answer, a fact, a note, a filter, a reason, a folder).
    Editor,
    /// A list to choose from.
    Picker,
    /// The search over items.
    Search,
    /// The problems that keep a visit from being final.
    Problems,
    /// The file changed on disk: keep mine, take theirs, or save a copy.
    Conflict,
    /// Unsaved answers from last time: restore them or not.
    Recover,
    /// The help itself (scrolling it when it does not fit).
    Help,
    /// Everywhere, unless text is being typed (Ctrl-C still quits there).
    Global,
    // Issue 13: the compare screen and its folder prompt.
    /// Round over round: findings and branches compared with an earlier round's folder.
    Compare,
    /// The folder typed to compare with: keys it adds to the editor's (Tab completes).
    FolderPrompt,
    /// Issue 16: two records of one meeting side by side, each difference decided.
    Reconcile,
    /// Issue 17: the round's follow-up register.
    Followup,
}

impl Scope {
    /// Scopes where keys type text: only their own bindings count, so `?` is a question mark.
    fn types_text(self) -> bool {
        matches!(self, Scope::Editor | Scope::Search | Scope::FolderPrompt)
    }
}

/// A key as the map stores it: shifted letters are stored as the letter alone, since terminals
/// send them with or without the SHIFT flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub fn from_event(event: &KeyEvent) -> Key {
        Key {
            code: event.code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// Parse `ctrl-c`, `space`, `tab`, `shift-tab`, `enter`, `esc`, `up`, `pgdn`, `f1`, `?`, `k` …
    pub fn parse(text: &str) -> Option<Key> {
        let lower = text.trim().to_lowercase();
        let (mut ctrl, mut alt) = (false, false);
        let mut rest = lower.as_str();
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-").or_else(|| rest.strip_prefix("c-")) {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-").or_else(|| rest.strip_prefix("m-")) {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "space" => KeyCode::Char(' '),
            "tab" => KeyCode::Tab,
            "shift-tab" | "backtab" => KeyCode::BackTab,
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            f if f.starts_with('f') && f.len() > 1 => KeyCode::F(f[1..].parse().ok()?),
            _ => {
                if rest.chars().count() != 1 {
                    return None;
                }
                // Keep the case of a typed character: `N` and `n` may differ.
                KeyCode::Char(text.trim().chars().last()?)
            }
        };
        Some(Key { code, ctrl, alt })
    }

    /// The key as a terminal would send it (for tests that press every bound key).
    pub fn event(&self) -> KeyEvent {
        let mut modifiers = KeyModifiers::NONE;
        if self.ctrl {
            modifiers |= KeyModifiers::CONTROL;
        }
        if self.alt {
            modifiers |= KeyModifiers::ALT;
        }
        KeyEvent::new(self.code, modifiers)
    }

    /// How the key is shown in help and the status bar.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) if self.ctrl => c.to_ascii_uppercase().to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::F(n) => format!("F{n}"),
            _ => "?".into(),
        };
        let mut label = String::new();
        if self.ctrl {
            label.push_str("Ctrl-");
        }
        if self.alt {
            label.push_str("Alt-");
        }
        label + &base
    }
}

#[derive(Debug, Clone)]
pub struct Binding {
    pub scope: Scope,
    pub key: Key,
    pub action: Action,
}

#[derive(Debug, Clone)]
pub struct KeyMap {
    bindings: Vec<Binding>,
}

fn key(text: &str) -> Key {
    // Default bindings are literals checked by a unit test; an unparsable one maps to F(0), never a panic.
    Key::parse(text).unwrap_or(Key { code: KeyCode::F(0), ctrl: false, alt: false })
}

const DEFAULTS: &[(Scope, &str, Action)] = &[
    (Scope::Global, "?", Action::Help),
    (Scope::Global, "f1", Action::Help),
    (Scope::Global, "ctrl-c", Action::ForceQuit),
    (Scope::Home, "up", Action::Up),
    (Scope::Home, "k", Action::Up),
    (Scope::Home, "down", Action::Down),
    (Scope::Home, "j", Action::Down),
    (Scope::Home, "pgup", Action::PageUp),
    (Scope::Home, "pgdn", Action::PageDown),
    (Scope::Home, "enter", Action::Open),
    (Scope::Home, "a", Action::NewVisit),
    (Scope::Home, "s", Action::Summary),
    (Scope::Home, "q", Action::Quit),
    (Scope::Home, "g", Action::Sync),
    (Scope::Home, "r", Action::Reconcile),
    (Scope::Home, "f", Action::Followup),
    (Scope::Followup, "up", Action::Up),
    (Scope::Followup, "k", Action::Up),
    (Scope::Followup, "down", Action::Down),
    (Scope::Followup, "j", Action::Down),
    (Scope::Followup, "pgup", Action::PageUp),
    (Scope::Followup, "pgdn", Action::PageDown),
    (Scope::Followup, "enter", Action::Open),
    (Scope::Followup, "e", Action::EditNote),
    (Scope::Followup, "tab", Action::SwitchList),
    (Scope::Followup, "a", Action::ApplySuggestion),
    (Scope::Followup, "A", Action::ApplyAllSuggestions),
    (Scope::Followup, "esc", Action::Back),
    (Scope::Followup, "q", Action::Back),
    (Scope::Home, "esc", Action::Back),
    (Scope::Checklist, "up", Action::Up),
    (Scope::Checklist, "k", Action::Up),
    (Scope::Checklist, "down", Action::Down),
    (Scope::Checklist, "j", Action::Down),
    (Scope::Checklist, "pgup", Action::PageUp),
    (Scope::Checklist, "pgdn", Action::PageDown),
    (Scope::Checklist, "tab", Action::NextSection),
    (Scope::Checklist, "right", Action::NextSection),
    (Scope::Checklist, "shift-tab", Action::PrevSection),
    (Scope::Checklist, "left", Action::PrevSection),
    (Scope::Checklist, "y", Action::Yes),
    (Scope::Checklist, "n", Action::No),
    (Scope::Checklist, "x", Action::NotApplicable),
    (Scope::Checklist, "backspace", Action::Clear),
    (Scope::Checklist, "delete", Action::Clear),
    (Scope::Checklist, "enter", Action::Edit),
    (Scope::Checklist, "e", Action::EditNote),
    (Scope::Checklist, "space", Action::NextUnanswered),
    (Scope::Checklist, "/", Action::Search),
    (Scope::Checklist, "u", Action::Undo),
    (Scope::Checklist, "p", Action::Problems),
    (Scope::Checklist, "f", Action::ToggleFinal),
    (Scope::Checklist, "esc", Action::Back),
    (Scope::Checklist, "q", Action::Back),
    (Scope::Summary, "up", Action::Up),
    (Scope::Summary, "k", Action::Up),
    (Scope::Summary, "down", Action::Down),
    (Scope::Summary, "j", Action::Down),
    (Scope::Summary, "pgup", Action::PageUp),
    (Scope::Summary, "pgdn", Action::PageDown),
    (Scope::Summary, "enter", Action::Open),
    (Scope::Summary, "tab", Action::SwitchPane),
    (Scope::Summary, "c", Action::FilterCommittee),
    (Scope::Summary, "t", Action::FilterType),
    (Scope::Summary, "i", Action::FilterInspector),
    (Scope::Summary, "d", Action::FilterDates),
    (Scope::Summary, "f", Action::FilterFinal),
    (Scope::Summary, "x", Action::FilterClear),
    (Scope::Summary, "r", Action::Refresh),
    (Scope::Summary, "m", Action::WriteReport),
    (Scope::Summary, "w", Action::EditReport),
    (Scope::Summary, "e", Action::Export),
    (Scope::Summary, "o", Action::Compare),
    (Scope::Summary, "esc", Action::Back),
    (Scope::Summary, "q", Action::Back),
    (Scope::Form, "up", Action::Up),
    (Scope::Form, "k", Action::Up),
    (Scope::Form, "shift-tab", Action::Up),
    (Scope::Form, "down", Action::Down),
    (Scope::Form, "j", Action::Down),
    (Scope::Form, "tab", Action::Down),
    (Scope::Form, "enter", Action::Edit),
    (Scope::Form, "ctrl-s", Action::CreateVisit),
    (Scope::Form, "y", Action::Yes),
    (Scope::Form, "n", Action::No),
    (Scope::Form, "esc", Action::Back),
    (Scope::Editor, "enter", Action::Confirm),
    (Scope::Editor, "ctrl-s", Action::Confirm),
    (Scope::Editor, "alt-enter", Action::NewLine),
    (Scope::Editor, "ctrl-j", Action::NewLine),
    (Scope::Editor, "esc", Action::Cancel),
    (Scope::Editor, "left", Action::Left),
    (Scope::Editor, "right", Action::Right),
    (Scope::Editor, "up", Action::Up),
    (Scope::Editor, "down", Action::Down),
    (Scope::Editor, "home", Action::LineStart),
    (Scope::Editor, "ctrl-a", Action::LineStart),
    (Scope::Editor, "end", Action::LineEnd),
    (Scope::Editor, "ctrl-e", Action::LineEnd),
    (Scope::Editor, "backspace", Action::DeleteBack),
    (Scope::Editor, "delete", Action::DeleteForward),
    (Scope::Editor, "ctrl-w", Action::DeleteWord),
    (Scope::Editor, "ctrl-u", Action::ClearText),
    (Scope::Picker, "up", Action::Up),
    (Scope::Picker, "k", Action::Up),
    (Scope::Picker, "down", Action::Down),
    (Scope::Picker, "j", Action::Down),
    (Scope::Picker, "space", Action::Toggle),
    (Scope::Picker, "enter", Action::Confirm),
    (Scope::Picker, "esc", Action::Cancel),
    (Scope::Search, "up", Action::Up),
    (Scope::Search, "down", Action::Down),
    (Scope::Search, "backspace", Action::DeleteBack),
    (Scope::Search, "enter", Action::Confirm),
    (Scope::Search, "esc", Action::Cancel),
    (Scope::Problems, "up", Action::Up),
    (Scope::Problems, "k", Action::Up),
    (Scope::Problems, "down", Action::Down),
    (Scope::Problems, "j", Action::Down),
    (Scope::Problems, "enter", Action::Open),
    (Scope::Problems, "esc", Action::Cancel),
    (Scope::Problems, "p", Action::Cancel),
    (Scope::Conflict, "k", Action::KeepMine),
    (Scope::Conflict, "r", Action::TakeTheirs),
    (Scope::Conflict, "c", Action::SaveCopy),
    (Scope::Help, "up", Action::Up),
    (Scope::Help, "k", Action::Up),
    (Scope::Help, "down", Action::Down),
    (Scope::Help, "j", Action::Down),
    (Scope::Help, "pgup", Action::PageUp),
    (Scope::Help, "pgdn", Action::PageDown),
    (Scope::Recover, "y", Action::Restore),
    (Scope::Recover, "enter", Action::Restore),
    (Scope::Recover, "n", Action::Discard),
    (Scope::Recover, "esc", Action::Discard),
    // Issue 13: the compare screen (its own keys, so its help lists only what works there) and
    // its folder prompt.
    (Scope::Reconcile, "up", Action::Up),
    (Scope::Reconcile, "k", Action::Up),
    (Scope::Reconcile, "down", Action::Down),
    (Scope::Reconcile, "j", Action::Down),
    (Scope::Reconcile, "pgup", Action::PageUp),
    (Scope::Reconcile, "pgdn", Action::PageDown),
    (Scope::Reconcile, "1", Action::PickA),
    (Scope::Reconcile, "a", Action::PickA),
    (Scope::Reconcile, "2", Action::PickB),
    (Scope::Reconcile, "b", Action::PickB),
    (Scope::Reconcile, "n", Action::NextDifference),
    (Scope::Reconcile, "tab", Action::NextDifference),
    (Scope::Reconcile, "enter", Action::Confirm),
    (Scope::Reconcile, "w", Action::Confirm),
    (Scope::Reconcile, "esc", Action::Back),
    (Scope::Reconcile, "q", Action::Back),
    (Scope::Compare, "up", Action::Up),
    (Scope::Compare, "k", Action::Up),
    (Scope::Compare, "down", Action::Down),
    (Scope::Compare, "j", Action::Down),
    (Scope::Compare, "pgup", Action::PageUp),
    (Scope::Compare, "pgdn", Action::PageDown),
    (Scope::Compare, "enter", Action::ShowDetails),
    (Scope::Compare, "tab", Action::SwitchList),
    (Scope::Compare, "esc", Action::BackToSummary),
    (Scope::Compare, "q", Action::BackToSummary),
    (Scope::FolderPrompt, "tab", Action::CompleteFolder),
];

impl Default for KeyMap {
    fn default() -> KeyMap {
        let bindings =
            DEFAULTS.iter().map(|(scope, k, action)| Binding { scope: *scope, key: key(k), action: *action });
        KeyMap { bindings: bindings.collect() }
    }
}

impl KeyMap {
    /// Defaults, with the actions named in `overrides` rebound to the given keys (in the scopes
    /// where they were bound). Returns the names that could not be understood.
    pub fn with_overrides(overrides: &BTreeMap<Action, Vec<String>>) -> (KeyMap, Vec<String>) {
        let mut map = KeyMap::default();
        let mut unknown = Vec::new();
        for (action, keys) in overrides {
            let scopes: Vec<Scope> = DEFAULTS.iter().filter(|(_, _, a)| a == action).map(|(s, _, _)| *s).collect();
            let mut parsed = Vec::new();
            for text in keys {
                match Key::parse(text) {
                    Some(k) => parsed.push(k),
                    None => unknown.push(text.clone()),
                }
            }
            if parsed.is_empty() {
                continue;
            }
            map.bindings.retain(|b| b.action != *action);
            let mut scopes = scopes;
            scopes.dedup();
            for scope in scopes {
                for k in &parsed {
                    // A rebound key leaves whatever it did before in that scope.
                    map.bindings.retain(|b| !(b.scope == scope && b.key == *k));
                    map.bindings.push(Binding { scope, key: *k, action: *action });
                }
            }
        }
        (map, unknown)
    }

    /// The action for a key event in a scope (global bindings apply everywhere but where text is
    /// typed).
    pub fn action(&self, scope: Scope, event: &KeyEvent) -> Option<Action> {
        let k = Key::from_event(event);
        let find = |s: Scope| self.bindings.iter().find(|b| b.scope == s && b.key == k).map(|b| b.action);
        find(scope).or_else(|| if scope.types_text() { None } else { find(Scope::Global) })
    }

    /// The keys bound to an action in a scope, as shown to the user (`↑/k`).
    pub fn keys_for(&self, scope: Scope, action: Action) -> String {
        let labels: Vec<String> = self
            .bindings
            .iter()
            .filter(|b| (b.scope == scope || b.scope == Scope::Global) && b.action == action)
            .map(|b| b.key.label())
            .collect();
        labels.join("/")
    }

    /// The first key bound to an action, for the status bar.
    pub fn first_key(&self, scope: Scope, action: Action) -> String {
        self.bindings
            .iter()
            .find(|b| (b.scope == scope || b.scope == Scope::Global) && b.action == action)
            .map(|b| b.key.label())
            .unwrap_or_default()
    }

    /// Every binding that applies in `scope` (its own and the global ones), in table order.
    pub fn bindings_in(&self, scope: Scope) -> Vec<(Key, Action)> {
        self.bindings
            .iter()
            .filter(|b| b.scope == scope || (b.scope == Scope::Global && !scope.types_text()))
            .map(|b| (b.key, b.action))
            .collect()
    }

    /// Every action bound in a scope, in table order, for the help screen.
    pub fn actions(&self, scope: Scope) -> Vec<Action> {
        let mut seen = Vec::new();
        for b in self.bindings.iter().filter(|b| b.scope == scope || b.scope == Scope::Global) {
            if !seen.contains(&b.action) {
                seen.push(b.action);
            }
        }
        seen
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn every_default_parses() {
        for (_, text, _) in DEFAULTS {
            assert!(Key::parse(text).is_some(), "{text}");
        }
    }

    #[test]
    fn shifted_letters_match_with_or_without_shift_flag() {
        let map = KeyMap::default();
        let q = map.action(Scope::Global, &press(KeyCode::Char('?'), KeyModifiers::SHIFT));
        assert_eq!(q, Some(Action::Help));
        let ctrl_c = map.action(Scope::Checklist, &press(KeyCode::Char('c'), KeyModifiers::CONTROL));
        assert_eq!(ctrl_c, Some(Action::ForceQuit));
    }

    #[test]
    fn overrides_rebind_an_action() {
        let mut o = BTreeMap::new();
        o.insert(Action::NextUnanswered, vec!["w".to_string()]);
        let (map, unknown) = KeyMap::with_overrides(&o);
        assert!(unknown.is_empty());
        let w = map.action(Scope::Checklist, &press(KeyCode::Char('w'), KeyModifiers::NONE));
        assert_eq!(w, Some(Action::NextUnanswered));
        let space = map.action(Scope::Checklist, &press(KeyCode::Char(' '), KeyModifiers::NONE));
        assert_eq!(space, None);
    }

    #[test]
    fn keys_are_labelled_for_help() {
        let map = KeyMap::default();
        assert_eq!(map.keys_for(Scope::Checklist, Action::Up), "↑/k");
        assert_eq!(map.keys_for(Scope::Checklist, Action::ForceQuit), "Ctrl-C");
    }
}
