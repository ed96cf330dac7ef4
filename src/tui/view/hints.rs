//! The key hints of the status line, written from the key map: a key rebound in the config file
//! is shown as it is bound. Each hint is keys, then a few words from the strings table.

use crate::strings::Msg;
use crate::tui::keymap::{Action, Scope};
use crate::tui::state::App;
use crate::tui::state::compare::CompareList;

/// One hint of a status line.
pub enum Hint {
    /// The first key of an action, then words: `Enter save`.
    Key(Action, Msg),
    /// Every key of an action: `Alt-Enter/Ctrl-J new line`.
    Keys(Action, Msg),
    /// The first keys of two actions run together: `↑↓ select`.
    Pair(Action, Action, Msg),
    /// The first key of an action and keys that are typed, not bound: `Space/1–9 tick`.
    KeyAnd(Action, &'static str, Msg),
    /// Keys that are typed, not bound (digits): `1–9 pick`.
    Typed(&'static str, Msg),
    /// Words alone.
    Words(Msg),
    /// A choice as a pop-up offers it: `k: keep mine (overwrite)`.
    Choice(Action, Msg),
    /// The first keys of several actions that share the words: `c/t/i/d/f filter`.
    Several(&'static [Action], Msg),
}

/// The hints in `scope`, joined as the status line shows them.
pub fn line(app: &App, scope: Scope, hints: &[Hint]) -> String {
    let map = &app.keymap;
    let words = |m: &Msg| app.lang_str(*m);
    let text = |hint: &Hint| match hint {
        Hint::Key(action, m) => format!("{} {}", map.first_key(scope, *action), words(m)),
        Hint::Keys(action, m) => format!("{} {}", map.keys_for(scope, *action), words(m)),
        Hint::Pair(a, b, m) => format!("{}{} {}", map.first_key(scope, *a), map.first_key(scope, *b), words(m)),
        Hint::KeyAnd(action, typed, m) => format!("{}/{typed} {}", map.first_key(scope, *action), words(m)),
        Hint::Typed(typed, m) => format!("{typed} {}", words(m)),
        Hint::Words(m) => words(m).to_string(),
        Hint::Choice(action, m) => format!("{}: {}", map.first_key(scope, *action), words(m)),
        Hint::Several(actions, m) => {
            let keys: Vec<String> = actions.iter().map(|a| map.first_key(scope, *a)).collect();
            format!("{} {}", keys.join("/"), words(m))
        }
    };
    hints.iter().map(text).collect::<Vec<_>>().join(" · ")
}

/// What the editor's keys do, in one line.
pub fn editor(app: &App) -> String {
    use Hint::*;
    line(
        app,
        Scope::Editor,
        &[
            Key(Action::Confirm, Msg::HintSave),
            Keys(Action::NewLine, Msg::HintNewLine),
            Key(Action::Cancel, Msg::HintCancel),
        ],
    )
}

pub fn picker(app: &App, multi: bool) -> String {
    use Hint::*;
    let first = if multi {
        [Pair(Action::Up, Action::Down, Msg::HintMultiMove), KeyAnd(Action::Toggle, "1–9", Msg::HintTick)]
    } else {
        [Pair(Action::Up, Action::Down, Msg::HintPickMove), Typed("1–9", Msg::HintQuickPick)]
    };
    let rest = [Key(Action::Confirm, Msg::HintConfirm), Key(Action::Cancel, Msg::HintCancel)];
    line(app, Scope::Picker, &first.into_iter().chain(rest).collect::<Vec<_>>())
}

pub fn search(app: &App) -> String {
    use Hint::*;
    line(
        app,
        Scope::Search,
        &[
            Words(Msg::HintTypeToSearch),
            Pair(Action::Up, Action::Down, Msg::HintSelect),
            Key(Action::Confirm, Msg::HintGo),
            Key(Action::Cancel, Msg::HintClose),
        ],
    )
}

pub fn problems(app: &App) -> String {
    use Hint::*;
    line(
        app,
        Scope::Problems,
        &[
            Pair(Action::Up, Action::Down, Msg::HintSelect),
            Key(Action::Open, Msg::HintGoToItem),
            Words(Msg::HintOtherKeyCloses),
        ],
    )
}

pub fn form(app: &App) -> String {
    use Hint::*;
    line(
        app,
        Scope::Form,
        &[
            Pair(Action::Up, Action::Down, Msg::HintSelect),
            Key(Action::Edit, Msg::HintEdit),
            Key(Action::CreateVisit, Msg::HintCreate),
            Key(Action::Back, Msg::HintCancel),
        ],
    )
}

/// The summary's list: details, the other pane, the filters, export, back.
pub fn summary(app: &App) -> String {
    use Hint::*;
    const FILTERS: &[Action] = &[
        Action::FilterCommittee,
        Action::FilterType,
        Action::FilterInspector,
        Action::FilterDates,
        Action::FilterFinal,
    ];
    line(
        app,
        Scope::Summary,
        &[
            Key(Action::Open, Msg::HintDetails),
            Key(Action::SwitchPane, Msg::HintOtherPane),
            Several(FILTERS, Msg::HintFilter),
            Key(Action::FilterClear, Msg::HintClearFilters),
            Key(Action::WriteReport, Msg::HintWriteReport),
            Key(Action::EditReport, Msg::HintEditReport),
            Key(Action::Back, Msg::HintBackHome),
        ],
    )
}

/// The three ways out of a save conflict.
pub fn conflict(app: &App) -> String {
    use Hint::*;
    line(
        app,
        Scope::Conflict,
        &[
            Choice(Action::KeepMine, Msg::ConflictKeepMine),
            Choice(Action::TakeTheirs, Msg::ConflictTakeTheirs),
            Choice(Action::SaveCopy, Msg::ConflictSaveCopy),
        ],
    )
}

/// The keys that restore or discard a recovery file: `y / n`.
pub fn recover_keys(app: &App) -> (String, String) {
    (app.keymap.first_key(Scope::Recover, Action::Restore), app.keymap.first_key(Scope::Recover, Action::Discard))
}

/// The compare screen: moving, details, the other list, back (or, in details: scrolling, back).
/// The home list: open, new, summary, sync, help, quit — short enough for 80 columns.
pub fn home(app: &App) -> String {
    use Hint::*;
    line(
        app,
        Scope::Home,
        &[
            Key(Action::Open, Msg::ActOpen),
            Key(Action::NewVisit, Msg::ShortNewVisit),
            Key(Action::Summary, Msg::ActSummary),
            Key(Action::Sync, Msg::ShortSync),
            Key(Action::Help, Msg::ActHelp),
            Key(Action::Quit, Msg::ActQuit),
        ],
    )
}

/// The reconcile screen: keep A or B, the next difference, make one visit, leave.
pub fn reconcile(app: &App) -> String {
    use crate::strings::TeamMsg;
    let key = |action: Action| app.keymap.first_key(Scope::Reconcile, action);
    let words = |m: TeamMsg| m.get(app.lang);
    [
        format!("{}{} {}", key(Action::Up), key(Action::Down), app.lang_str(Msg::HintSelect)),
        format!("{} {}", key(Action::PickA), words(TeamMsg::ShortPickA)),
        format!("{} {}", key(Action::PickB), words(TeamMsg::ShortPickB)),
        format!("{} {}", key(Action::NextDifference), words(TeamMsg::ShortNextDifference)),
        format!("{} {}", key(Action::Confirm), words(TeamMsg::ShortReconcileWrite)),
        format!("{} {}", key(Action::Back), words(TeamMsg::ShortCancel)),
    ]
    .join(" · ")
}

pub fn compare(app: &App) -> String {
    use Hint::*;
    let c = &app.compare;
    if c.detail {
        return line(
            app,
            Scope::Compare,
            &[Pair(Action::Up, Action::Down, Msg::HintScroll), Key(Action::BackToSummary, Msg::HintBack)],
        );
    }
    let other = if c.list == CompareList::Findings { Msg::HintByBranch } else { Msg::HintByFinding };
    line(
        app,
        Scope::Compare,
        &[
            Pair(Action::Up, Action::Down, Msg::HintSelect),
            Key(Action::ShowDetails, Msg::HintDetails),
            Key(Action::SwitchList, other),
            Key(Action::BackToSummary, Msg::HintBack),
            Key(Action::Help, Msg::ShortHelp),
        ],
    )
}

/// The folder prompt of the compare screen: Tab completes, Enter compares, Esc cancels.
pub fn folder_prompt(app: &App) -> String {
    use Hint::*;
    let complete = line(app, Scope::FolderPrompt, &[Key(Action::CompleteFolder, Msg::HintComplete)]);
    let rest =
        line(app, Scope::Editor, &[Key(Action::Confirm, Msg::HintCompare), Key(Action::Cancel, Msg::HintCancel)]);
    format!("{complete} · {rest}")
}
