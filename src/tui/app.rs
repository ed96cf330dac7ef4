//! The TUI's state and its pure update: a message comes in, the state changes, effects go out.
//! Nothing here touches the terminal or the disk, so every key sequence is testable.

use std::path::PathBuf;

use jiff::Timestamp;
use jiff::civil::Date;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::core::problems::Problem;
use crate::core::round::{Coverage, PlanState, Round, VisitBrief, apply_plan, apply_round, coverage};
use crate::core::rules::{applies, finding_count, problems, progress, why_not_applicable};
use crate::core::template::{Kind, Template};
use crate::core::text::name_key;
use crate::core::visit::{
    BranchType, MeetingKind, NewVisit, TimeOfDay, Value, Visit, VisitStatus, finalise, parse_date, reopen,
};
use crate::store::format::{template_for, visit_to_ron};
use crate::strings::{Lang, Msg};
use crate::tui::editor::TextBuffer;
use crate::tui::keymap::{Action, KeyMap, Scope};
use crate::tui::rows::{Fact, FactInput, Row, row_enabled, row_item, rows, section_count};

/// Something that happened: a key, pasted text, a result from the disk, a hang-up.
#[derive(Debug, Clone)]
pub enum Event {
    Key(KeyEvent),
    Paste(String),
    Resize,
    HomeEntries(Vec<HomeEntry>),
    HomeDone {
        unreadable: usize,
    },
    Opened {
        path: PathBuf,
        result: Result<Visit, String>,
    },
    Created(Result<(PathBuf, Visit), String>),
    Saved {
        path: PathBuf,
        error: Option<String>,
    },
    /// The write failed; the text went to `recovery` when that could be written.
    SaveFailed {
        path: PathBuf,
        error: String,
        recovery: Option<PathBuf>,
    },
    /// The file changed on disk since it was read: nothing was written.
    SaveConflict {
        path: PathBuf,
    },
    /// Another session holds the visit: view it without writing.
    ReadOnly {
        path: PathBuf,
        holder: String,
    },
    /// Something other than a plain lock file sits at the visit's lock path: view it without
    /// writing, and say what is there.
    OddLock {
        path: PathBuf,
        odd: crate::store::lock::OddLock,
    },
    /// Unsaved answers from an earlier failed save wait in `recovery`.
    Recoverable {
        path: PathBuf,
        recovery: PathBuf,
    },
    /// The content of a recovery file, to put back.
    Restored(Result<Visit, String>),
    /// Last round's visit of the open visit's branch.
    Previous {
        path: PathBuf,
        visit: Box<Visit>,
    },
    SummaryProgress {
        generation: u64,
        done: usize,
        total: usize,
    },
    SummaryReady {
        generation: u64,
        summary: Box<crate::core::summary::Summary>,
    },
    Exported(Result<PathBuf, String>),
    CompareReady(Result<Box<crate::core::compare::Comparison>, String>),
    /// The terminal is gone (SIGHUP, EOF): save and leave without drawing.
    HangUp,
    /// Asked to stop (SIGTERM): save and leave.
    Terminate,
}

/// Work for the runtime: disk and process, never done by `update` itself.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Save {
        path: PathBuf,
        text: String,
    },
    Create(Box<Visit>),
    Open(PathBuf),
    ScanHome,
    /// The visit was left: release its lock.
    Close(PathBuf),
    /// Write even though the file changed on disk ("keep mine").
    ForceSave {
        path: PathBuf,
        text: String,
    },
    /// Write the visit as a new file beside `beside` and continue there ("save a copy").
    SaveCopy {
        visit: Box<Visit>,
        beside: PathBuf,
    },
    /// Read the file again, dropping what is in memory ("take theirs").
    Reload(PathBuf),
    Restore {
        recovery: PathBuf,
    },
    DiscardRecovery(PathBuf),
    /// Look for last round's visit of the branch of the visit at `path`.
    FindPrevious {
        path: PathBuf,
        branch: String,
        committee: String,
        before: Date,
    },
    /// Merge every visit of the data folder with these filters.
    ComputeSummary {
        filters: crate::core::summary::Filters,
        generation: u64,
    },
    /// Compare the data folder with an earlier round's folder.
    Compare {
        old: PathBuf,
    },
    /// Write a report into the data folder.
    Export {
        name: String,
        bytes: Vec<u8>,
    },
    Quit,
}

/// One visit as listed on the home screen.
#[derive(Debug, Clone, PartialEq)]
pub struct HomeEntry {
    pub path: PathBuf,
    pub branch: String,
    pub committee: String,
    pub date: Date,
    pub status: VisitStatus,
    pub answered: usize,
    pub total: usize,
    pub findings: usize,
    /// What the round's coverage needs to know of the visit.
    pub brief: VisitBrief,
    /// Something odd sits at the visit's lock path: it will open read-only.
    pub odd_lock: bool,
}

impl HomeEntry {
    pub fn from_visit(path: PathBuf, visit: &Visit, template: &Template) -> HomeEntry {
        let (answered, total) = progress(template, visit);
        HomeEntry {
            path,
            branch: visit.meeting.branch.clone(),
            committee: visit.meeting.committee.clone(),
            date: visit.meeting.date,
            status: visit.status,
            answered,
            total,
            findings: finding_count(template, visit),
            brief: VisitBrief::of(visit),
            odd_lock: false,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Home {
    pub entries: Vec<HomeEntry>,
    pub selected: usize,
    pub loading: bool,
    pub unreadable: usize,
    /// How far the data folder's round has got, when it has one.
    pub coverage: Option<Coverage>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    Saved,
    Saving,
    Failed(String),
}

#[derive(Debug, Clone)]
struct Snapshot {
    visit: Visit,
    section: usize,
    row: usize,
}

/// An open visit.
#[derive(Debug, Clone)]
pub struct Session {
    pub path: PathBuf,
    pub visit: Visit,
    pub template: Template,
    pub section: usize,
    pub row: usize,
    pub save: SaveState,
    /// Digits typed for a number, before Enter.
    pub number: Option<String>,
    /// Set when the visit is open read-only (another session holds it, or its lock path holds
    /// something odd): the sentence that says why. Nothing is written then.
    pub read_only: Option<String>,
    /// Last round's visit of the same branch, shown beside each item.
    pub previous: Option<Box<Visit>>,
    undo: Vec<Snapshot>,
}

/// The new-visit form: the meeting facts of a draft that is not yet a file.
#[derive(Debug, Clone)]
pub struct Form {
    pub draft: Visit,
    pub row: usize,
    pub tried: bool,
    /// Esc was pressed once on a form with something typed: a second Esc discards it.
    pub discarding: bool,
}

impl Form {
    /// Rows: every fact, then the "create" button.
    pub fn row_count() -> usize {
        Fact::ALL.len() + 1
    }

    pub fn fact(&self) -> Option<Fact> {
        Fact::ALL.get(self.row).copied()
    }

    /// Facts that must be filled before the file is created.
    pub fn missing(&self) -> Vec<Fact> {
        Fact::ALL
            .iter()
            .copied()
            .filter(|f| f.required() && f.value_text(&self.draft, Lang::Vi).trim().is_empty())
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Home,
    NewVisit,
    Checklist,
    Summary,
    Compare,
}

/// What an editor or picker writes to.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Fact(Fact),
    Answer(String),
    Note(String),
    /// A filter of the summary screen.
    Filter(crate::tui::summary::FilterKind),
    /// The planned branch a new visit starts from.
    PlannedBranch,
    /// Why a final visit is reopened.
    ReopenReason,
    /// The earlier round's folder to compare with.
    CompareWith,
}

#[derive(Debug, Clone)]
pub struct Editor {
    pub target: Target,
    pub buffer: TextBuffer,
    pub error: Option<String>,
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

#[derive(Debug, Clone)]
pub struct Search {
    pub query: TextBuffer,
    pub selected: usize,
}

#[derive(Debug, Clone)]
pub enum Overlay {
    None,
    Help,
    Problems {
        selected: usize,
    },
    Search(Search),
    Editor(Editor),
    Picker(Picker),
    /// The file changed on disk: keep mine, take theirs, or save a copy.
    Conflict,
    /// Unsaved answers were found in a recovery file: restore them?
    Recover {
        recovery: PathBuf,
    },
}

pub struct App {
    pub lang: Lang,
    pub keymap: KeyMap,
    pub templates: Vec<Template>,
    pub inspector: String,
    pub screen: Screen,
    pub home: Home,
    pub form: Option<Form>,
    pub session: Option<Session>,
    pub overlay: Overlay,
    /// A one-line message for the status bar, until the next key.
    pub flash: Option<String>,
    /// Started with `khaosat edit FILE`: leaving the visit quits.
    pub direct: bool,
    pub quit: bool,
    pub clock: fn() -> Timestamp,
    pub summary: crate::tui::summary::SummaryScreen,
    /// The round governing the data folder (its `round.ron`), if any.
    pub round: Option<Round>,
    pub compare: crate::tui::compare::CompareScreen,
    /// The earlier round's folder to suggest for a comparison.
    pub compare_guess: Option<PathBuf>,
    /// The open visit was opened from the summary: leaving it goes back there.
    pub return_to_summary: bool,
}

impl App {
    pub fn new(lang: Lang, keymap: KeyMap, templates: Vec<Template>, inspector: String) -> App {
        App {
            lang,
            keymap,
            templates,
            inspector,
            screen: Screen::Home,
            home: Home { loading: true, ..Home::default() },
            form: None,
            session: None,
            overlay: Overlay::None,
            flash: None,
            direct: false,
            quit: false,
            clock: crate::core::visit::now,
            summary: Default::default(),
            round: None,
            compare: Default::default(),
            compare_guess: None,
            return_to_summary: false,
        }
    }

    /// The template new visits use: the last one given, else the embedded one.
    pub fn current_template(&self) -> Option<&Template> {
        self.templates.last()
    }

    /// The scope for key lookup and help.
    pub fn scope(&self) -> Scope {
        match self.screen {
            Screen::Home => Scope::Home,
            Screen::Summary | Screen::Compare => Scope::Summary,
            _ => Scope::Checklist,
        }
    }
}

/// Apply one event. Returns the effects the runtime must carry out.
pub fn update(app: &mut App, event: Event) -> Vec<Effect> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press || key.kind == KeyEventKind::Repeat => {
            app.flash = None;
            on_key(app, key)
        }
        Event::Key(_) | Event::Resize => Vec::new(),
        Event::Paste(text) => on_paste(app, &text),
        Event::HomeEntries(entries) => {
            insert_batch_sorted(&mut app.home.entries, entries);
            Vec::new()
        }
        Event::HomeDone { unreadable } => {
            app.home.loading = false;
            app.home.unreadable = unreadable;
            refresh_coverage(app);
            Vec::new()
        }
        Event::Opened { path, result } => on_opened(app, path, result),
        Event::Created(Ok((path, visit))) => {
            app.form = None;
            open_session(app, path, visit)
        }
        Event::Created(Err(e)) => {
            app.flash = Some(e);
            Vec::new()
        }
        Event::Saved { path, error } => {
            if let Some(s) = app.session.as_mut().filter(|s| s.path == path) {
                s.save = match error {
                    None => SaveState::Saved,
                    Some(e) => SaveState::Failed(e),
                };
            }
            Vec::new()
        }
        Event::SaveFailed { path, error, recovery } => {
            let lang = app.lang;
            if let Some(s) = app.session.as_mut().filter(|s| s.path == path) {
                s.save = SaveState::Failed(error.clone());
                app.flash = Some(match recovery {
                    Some(r) => Msg::SaveFailedRecovery.fill(lang, &[&error, &r.display()]),
                    None => Msg::SaveFailedNoRecovery.fill(lang, &[&error]),
                });
            }
            Vec::new()
        }
        Event::SaveConflict { path } => {
            if let Some(s) = app.session.as_mut().filter(|s| s.path == path) {
                s.save = SaveState::Failed(Msg::ChangedOnDisk.get(app.lang).to_string());
                app.overlay = Overlay::Conflict;
            }
            Vec::new()
        }
        Event::ReadOnly { path, holder } => {
            set_read_only(app, &path, Msg::HeldBy.fill(app.lang, &[&holder]));
            Vec::new()
        }
        Event::OddLock { path, odd } => {
            set_read_only(app, &path, odd.read_only_sentence(app.lang));
            Vec::new()
        }
        Event::Recoverable { path, recovery } => {
            if app.session.as_ref().is_some_and(|s| s.path == path && s.read_only.is_none()) {
                app.overlay = Overlay::Recover { recovery };
            }
            Vec::new()
        }
        Event::Restored(Ok(restored)) => {
            let effects = change_visit(app, |v, _| {
                v.meeting = restored.meeting;
                v.answers = restored.answers;
                v.notes = restored.notes;
                v.inspectors = restored.inspectors;
                v.round = restored.round;
            });
            app.flash = Some(Msg::Restored.get(app.lang).to_string());
            effects
        }
        Event::Restored(Err(e)) => {
            app.flash = Some(e);
            Vec::new()
        }
        Event::CompareReady(result) => {
            crate::tui::compare::ready(app, result);
            Vec::new()
        }
        Event::Previous { path, visit } => {
            if let Some(s) = app.session.as_mut().filter(|s| s.path == path) {
                s.previous = Some(visit);
            }
            Vec::new()
        }
        Event::SummaryProgress { generation, done, total } => {
            if generation == app.summary.generation {
                app.summary.progress = Some((done, total));
            }
            Vec::new()
        }
        Event::SummaryReady { generation, summary } => {
            crate::tui::summary::ready(app, summary, generation);
            Vec::new()
        }
        Event::Exported(result) => {
            app.flash = Some(match result {
                Ok(path) => {
                    Msg::SumWrote.fill(app.lang, &[&crate::core::text::display_safe(&path.to_string_lossy(), false)])
                }
                Err(e) => e,
            });
            Vec::new()
        }
        Event::HangUp | Event::Terminate => on_hang_up(app),
    }
}

/// The open visit at `path` is only viewed, for the reason given (shown now and on each refused change).
fn set_read_only(app: &mut App, path: &std::path::Path, reason: String) {
    if let Some(s) = app.session.as_mut().filter(|s| s.path == path) {
        s.read_only = Some(reason.clone());
        app.flash = Some(reason);
    }
}

/// Recount the round's coverage from the visits listed on the home screen.
pub fn refresh_coverage(app: &mut App) {
    app.home.coverage = app.round.as_ref().map(|round| {
        let briefs: Vec<VisitBrief> = app.home.entries.iter().map(|e| e.brief.clone()).collect();
        coverage(round, &briefs)
    });
}

/// Newest first; the same date by branch name.
fn insert_sorted(entries: &mut Vec<HomeEntry>, entry: HomeEntry) {
    entries.retain(|e| e.path != entry.path);
    let key = |e: &HomeEntry| (std::cmp::Reverse(e.date), name_key(&e.branch));
    let at = entries.partition_point(|e| key(e) <= key(&entry));
    entries.insert(at, entry);
}

/// [`insert_sorted`] for each of `batch` in turn, in time linear in the list: a folder of ten
/// thousand visits arrives in batches, and inserting one by one (a pass over the list to drop the
/// same path, a shift of the list to insert) made loading it quadratic.
fn insert_batch_sorted(entries: &mut Vec<HomeEntry>, batch: Vec<HomeEntry>) {
    // Of a path given twice in the batch, the later entry wins, as it would one by one.
    let mut seen = std::collections::HashSet::new();
    let mut batch: Vec<HomeEntry> = batch.into_iter().rev().filter(|e| seen.insert(e.path.clone())).collect();
    batch.reverse();
    entries.retain(|e| !seen.contains(&e.path));
    let key = |e: &HomeEntry| (std::cmp::Reverse(e.date), name_key(&e.branch));
    // Stable: entries with equal keys keep their batch order.
    batch.sort_by_cached_key(key);
    // Each goes after the listed entries whose key is not greater, as in `insert_sorted`.
    let places: Vec<usize> = batch
        .iter()
        .map(|entry| {
            let k = key(entry);
            entries.partition_point(|e| key(e) <= k)
        })
        .collect();
    let listed = std::mem::take(entries);
    entries.reserve(listed.len() + batch.len());
    let mut listed = listed.into_iter().enumerate().peekable();
    for (entry, place) in batch.into_iter().zip(places) {
        while let Some((_, e)) = listed.next_if(|(i, _)| *i < place) {
            entries.push(e);
        }
        entries.push(entry);
    }
    entries.extend(listed.map(|(_, e)| e));
}

fn on_hang_up(app: &mut App) -> Vec<Effect> {
    // Whatever is being typed is kept: a half-written note is better than none.
    let mut effects = Vec::new();
    if let Overlay::Editor(_) = app.overlay {
        effects.extend(confirm_editor(app));
    }
    if app.session.as_ref().is_some_and(|s| s.number.is_some()) {
        effects.extend(commit_number(app));
    }
    app.quit = true;
    effects.push(Effect::Quit);
    effects
}

fn on_opened(app: &mut App, path: PathBuf, result: Result<Visit, String>) -> Vec<Effect> {
    match result {
        Ok(visit) => open_session(app, path, visit),
        Err(e) => {
            app.flash = Some(e);
            if app.direct {
                app.quit = true;
                return vec![Effect::Quit];
            }
            Vec::new()
        }
    }
}

fn open_session(app: &mut App, path: PathBuf, visit: Visit) -> Vec<Effect> {
    let Some(template) = template_for(&visit, &app.templates).cloned() else {
        app.flash = Some(Msg::ErrUnknownTemplate.fill(app.lang, &[&visit.template.id]));
        return Vec::new();
    };
    let mut session = Session {
        path,
        visit,
        template,
        section: 1,
        row: 0,
        save: SaveState::Saved,
        number: None,
        read_only: None,
        previous: None,
        undo: Vec::new(),
    };
    // Resume where the inspector left off; a new visit starts at the first item of preparation.
    let resume = session.visit.last_item.clone().and_then(|id| find_item(&session.template, &id));
    match resume {
        Some((section, row)) => {
            session.section = section;
            session.row = row;
        }
        None => {
            session.section = 1.min(section_count(&session.template) - 1);
            session.row = first_enabled(&session, session.section).unwrap_or(0);
        }
    }
    let m = &session.visit.meeting;
    let find = Effect::FindPrevious {
        path: session.path.clone(),
        branch: m.branch.clone(),
        committee: m.committee.clone(),
        before: m.date,
    };
    app.session = Some(session);
    app.screen = Screen::Checklist;
    app.overlay = Overlay::None;
    vec![find]
}

/// (section, row) of an item id in the checklist's numbering.
fn find_item(template: &Template, id: &str) -> Option<(usize, usize)> {
    template
        .sections
        .iter()
        .enumerate()
        .find_map(|(s, sec)| sec.items.iter().position(|i| i.id == id).map(|row| (s + 1, row)))
}

fn first_enabled(session: &Session, section: usize) -> Option<usize> {
    rows(&session.template, section).iter().position(|r| row_enabled(&session.template, &session.visit, *r))
}

fn on_paste(app: &mut App, text: &str) -> Vec<Effect> {
    match &mut app.overlay {
        Overlay::Editor(editor) => {
            editor.buffer.insert(text);
            if editor.buffer.is_full() {
                app.flash = Some(Msg::TextFull.fill(app.lang, &[&crate::store::format::MAX_TEXT_CHARS]));
            }
        }
        Overlay::Search(search) => {
            search.query.insert(text);
            search.selected = 0;
        }
        _ => {}
    }
    Vec::new()
}

fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl_c {
        return on_hang_up(app);
    }
    match app.overlay {
        Overlay::Editor(_) => return editor_key(app, key),
        Overlay::Picker(_) => return picker_key(app, key),
        Overlay::Search(_) => return search_key(app, key),
        Overlay::Help => {
            app.overlay = Overlay::None;
            return Vec::new();
        }
        Overlay::Problems { .. } => return problems_key(app, key),
        Overlay::Conflict => return conflict_key(app, key),
        Overlay::Recover { .. } => return recover_key(app, key),
        Overlay::None => {}
    }
    match app.screen {
        Screen::Home => home_key(app, key),
        Screen::NewVisit => form_key(app, key),
        Screen::Checklist => checklist_key(app, key),
        Screen::Summary => crate::tui::summary::key(app, key),
        Screen::Compare => crate::tui::compare::key(app, key),
    }
}

// ---------------------------------------------------------------- home

fn home_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let count = app.home.entries.len();
    let Some(action) = app.keymap.action(Scope::Home, &key) else { return Vec::new() };
    match action {
        Action::Up => app.home.selected = app.home.selected.saturating_sub(1),
        Action::Down => app.home.selected = (app.home.selected + 1).min(count.saturating_sub(1)),
        Action::PageUp => app.home.selected = app.home.selected.saturating_sub(10),
        Action::PageDown => app.home.selected = (app.home.selected + 10).min(count.saturating_sub(1)),
        Action::Open => {
            if let Some(entry) = app.home.entries.get(app.home.selected) {
                return vec![Effect::Open(entry.path.clone())];
            }
        }
        Action::NewVisit => choose_planned_branch(app),
        Action::Summary => return crate::tui::summary::open(app),
        Action::Help => app.overlay = Overlay::Help,
        Action::Quit | Action::ForceQuit => {
            app.quit = true;
            return vec![Effect::Quit];
        }
        _ => {}
    }
    Vec::new()
}

/// In a round with a plan, a new visit starts from a planned branch not yet visited (or from
/// nothing, for a branch outside the plan).
fn choose_planned_branch(app: &mut App) {
    let Some(coverage) = app.home.coverage.as_ref() else { return start_form(app, None) };
    let mut options: Vec<(String, String)> = coverage
        .branches
        .iter()
        .enumerate()
        .filter(|(_, b)| b.state == PlanState::Missing)
        .map(|(i, b)| (i.to_string(), format!("{} ({})", b.planned.branch, b.planned.committee)))
        .collect();
    if options.is_empty() {
        return start_form(app, None);
    }
    options.push((String::new(), Msg::OtherBranch.get(app.lang).to_string()));
    app.overlay =
        Overlay::Picker(Picker { target: Target::PlannedBranch, options, multi: false, cursor: 0, chosen: Vec::new() });
}

fn start_form(app: &mut App, planned: Option<usize>) {
    let Some(template) = app.current_template() else { return };
    let today = (app.clock)().to_zoned_datetime(jiff::tz::TimeZone::system()).date();
    let facts = NewVisit {
        branch: String::new(),
        committee: String::new(),
        branch_type: BranchType::KhuDanCu,
        kind: MeetingKind::Regular,
        date: today,
        inspectors: if app.inspector.trim().is_empty() { Vec::new() } else { vec![app.inspector.clone()] },
        round: None,
    };
    let mut draft = Visit::new(template, facts, (app.clock)());
    if let Some(round) = &app.round {
        apply_round(&mut draft, round);
        if let Some(plan) = planned.and_then(|i| round.branches.get(i)) {
            apply_plan(&mut draft, plan);
            draft.meeting.branch = plan.branch.clone();
        }
    }
    app.form = Some(Form { draft, row: 0, tried: false, discarding: false });
    app.screen = Screen::NewVisit;
}

// ---------------------------------------------------------------- new-visit form

fn form_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Some(form) = app.form.as_mut() else { return Vec::new() };
    let last = Form::row_count() - 1;
    let ctrl_s = key.code == KeyCode::Char('s') && key.modifiers.contains(KeyModifiers::CONTROL);
    let discarding = std::mem::take(&mut form.discarding);
    match key.code {
        _ if ctrl_s => return create_from_form(app),
        KeyCode::Up | KeyCode::Char('k') | KeyCode::BackTab => form.row = form.row.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => form.row = (form.row + 1).min(last),
        // What was typed is not dropped by one stray Esc: the first one asks.
        KeyCode::Esc if !discarding && form.missing().len() < 2 => {
            form.discarding = true;
            app.flash = Some(Msg::FormDiscardAsk.get(app.lang).to_string());
        }
        KeyCode::Esc => {
            app.form = None;
            app.screen = Screen::Home;
        }
        KeyCode::Char('?') => app.overlay = Overlay::Help,
        KeyCode::Enter if form.row == last => return create_from_form(app),
        KeyCode::Enter => {
            if let Some(fact) = form.fact() {
                open_fact_editor(app, fact, None);
            }
        }
        KeyCode::Char(c @ ('y' | 'n')) if form.fact() == Some(Fact::HasCommittee) => {
            form.draft.meeting.has_committee = Some(c == 'y');
        }
        KeyCode::Char(c) if c.is_ascii_digit() => {
            if let Some(fact) = form.fact().filter(|f| f.input() == FactInput::Count) {
                open_fact_editor(app, fact, Some(c));
            }
        }
        _ => {}
    }
    Vec::new()
}

fn create_from_form(app: &mut App) -> Vec<Effect> {
    let Some(form) = app.form.as_mut() else { return Vec::new() };
    form.tried = true;
    let missing = form.missing();
    if let Some(first) = missing.first() {
        form.row = Fact::ALL.iter().position(|f| f == first).unwrap_or(0);
        app.flash = Some(Msg::CliEmptyName.fill(app.lang, &[&first.label().get(app.lang)]));
        return Vec::new();
    }
    let mut visit = form.draft.clone();
    let now = (app.clock)();
    visit.created = now;
    visit.updated = now;
    visit.normalize();
    vec![Effect::Create(Box::new(visit))]
}

// ---------------------------------------------------------------- checklist

fn checklist_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if let Some(effects) = refuse_answer_where_not_applicable(app, &key) {
        return effects;
    }
    if let Some(effects) = number_key(app, key) {
        return effects;
    }
    let Some(action) = app.keymap.action(Scope::Checklist, &key) else { return Vec::new() };
    let Some(session) = app.session.as_mut() else { return Vec::new() };
    match action {
        Action::Up => move_row(session, -1),
        Action::Down => move_row(session, 1),
        Action::PageUp => (0..8).for_each(|_| move_row(session, -1)),
        Action::PageDown => (0..8).for_each(|_| move_row(session, 1)),
        Action::NextSection => move_section(session, 1),
        Action::PrevSection => move_section(session, -1),
        Action::Yes => return answer_yes_no(app, Value::Yes),
        Action::No => return answer_yes_no(app, Value::No),
        Action::NotApplicable => return answer_yes_no(app, Value::NotApplicable),
        Action::Clear => return clear_answer(app),
        Action::Edit => open_edit(app),
        Action::EditNote => open_note(app),
        Action::NextUnanswered => next_unanswered(app),
        Action::Search => app.overlay = Overlay::Search(Search { query: TextBuffer::new("", false), selected: 0 }),
        Action::Undo => return undo(app),
        Action::Problems => app.overlay = Overlay::Problems { selected: 0 },
        Action::ToggleFinal => return toggle_final(app),
        Action::Help => app.overlay = Overlay::Help,
        Action::Back | Action::Quit => return leave_visit(app),
        Action::ForceQuit => return on_hang_up(app),
        _ => {}
    }
    Vec::new()
}

/// On an item whose condition does not hold (reached from the problems list, a search or a
/// resumed visit: moving skips it), a key that would answer it is refused with the reason, so no
/// new ignored answer is made. Backspace still clears a stored one, and a note may be written.
fn refuse_answer_where_not_applicable(app: &mut App, key: &KeyEvent) -> Option<Vec<Effect>> {
    let session = app.session.as_ref()?;
    let item = current_row(session).and_then(|r| row_item(&session.template, r))?;
    let because = why_not_applicable(&session.template, item, &session.visit)?;
    let answers = match app.keymap.action(Scope::Checklist, key) {
        Some(Action::Yes | Action::No | Action::NotApplicable) => true,
        // Enter on a yes/no or scale item writes its note.
        Some(Action::Edit) => !matches!(item.kind, Kind::YesNo { .. } | Kind::Scale | Kind::Computed(_)),
        _ => matches!(key.code, KeyCode::Char(c) if c.is_ascii_digit()),
    };
    if !answers {
        return None;
    }
    let lang = app.lang;
    let template = &session.template;
    let name = |id: &str| template.item(id).map_or_else(|| id.to_string(), |r| r.item.text.get(lang).to_string());
    app.flash = Some(Msg::ItemDoesNotApply.fill(lang, &[&because.words(lang, &name)]));
    Some(Vec::new())
}

fn leave_visit(app: &mut App) -> Vec<Effect> {
    if app.direct {
        app.quit = true;
        return vec![Effect::Quit];
    }
    let mut effects = Vec::new();
    if let Some(session) = app.session.take() {
        effects.push(Effect::Close(session.path.clone()));
        let template = session.template.clone();
        let entry = HomeEntry::from_visit(session.path.clone(), &session.visit, &template);
        insert_sorted(&mut app.home.entries, entry);
        if let Some(i) = app.home.entries.iter().position(|e| e.path == session.path) {
            app.home.selected = i;
        }
        refresh_coverage(app);
    }
    app.screen = Screen::Home;
    if std::mem::take(&mut app.return_to_summary) {
        // The visit may have changed: merge again.
        effects.extend(crate::tui::summary::open(app));
    }
    effects
}

/// The row under the cursor.
pub fn current_row(session: &Session) -> Option<Row> {
    rows(&session.template, session.section).get(session.row).copied()
}

fn move_row(session: &mut Session, delta: isize) {
    let all = rows(&session.template, session.section);
    let mut at = session.row as isize;
    loop {
        at += delta;
        if at < 0 || at as usize >= all.len() {
            return;
        }
        if row_enabled(&session.template, &session.visit, all[at as usize]) {
            session.row = at as usize;
            return;
        }
    }
}

fn move_section(session: &mut Session, delta: isize) {
    let count = section_count(&session.template) as isize;
    let mut section = session.section as isize;
    for _ in 0..count {
        section = (section + delta).rem_euclid(count);
        if let Some(row) = first_enabled(session, section as usize) {
            session.section = section as usize;
            session.row = row;
            return;
        }
    }
}

/// Move to the next enabled row after an answer, staying in the section.
fn advance(session: &mut Session) {
    move_row(session, 1);
}

fn next_unanswered(app: &mut App) {
    let Some(session) = app.session.as_mut() else { return };
    let count = section_count(&session.template);
    let mut positions = Vec::new();
    for section in 1..count {
        for (row, r) in rows(&session.template, section).into_iter().enumerate() {
            positions.push((section, row, r));
        }
    }
    let n = positions.len();
    // From the facts (not in the list), start before the first item so it is found too.
    let here = positions
        .iter()
        .position(|(s, r, _)| *s == session.section && *r == session.row)
        .unwrap_or(n.saturating_sub(1));
    for step in 1..=n {
        let (section, row, r) = positions[(here + step) % n];
        let Some(item) = row_item(&session.template, r) else { continue };
        if item.kind.is_computed() || !applies(item, &session.visit) || session.visit.value(&item.id).is_some() {
            continue;
        }
        session.section = section;
        session.row = row;
        return;
    }
    app.flash = Some(app.lang_text(Msg::AllAnswered));
}

impl App {
    fn lang_text(&self, msg: Msg) -> String {
        msg.get(self.lang).to_string()
    }
}

/// Record a change to the open visit: undo point, timestamps, resume position, save.
fn change_visit(app: &mut App, change: impl FnOnce(&mut Visit, &Template)) -> Vec<Effect> {
    let now = (app.clock)();
    let Some(session) = app.session.as_mut() else { return Vec::new() };
    if let Some(reason) = &session.read_only {
        app.flash = Some(reason.clone());
        return Vec::new();
    }
    if session.visit.status == VisitStatus::Final {
        app.flash = Some(Msg::VisitIsFinal.get(app.lang).to_string());
        return Vec::new();
    }
    let before = session.visit.clone();
    change(&mut session.visit, &session.template);
    session.visit.normalize();
    if session.visit == before {
        return Vec::new();
    }
    session.undo.push(Snapshot { visit: before, section: session.section, row: session.row });
    if let Some(item) = current_row(session).and_then(|r| row_item(&session.template, r)) {
        session.visit.last_item = Some(item.id.clone());
    }
    session.visit.updated = now;
    session.save = SaveState::Saving;
    vec![Effect::Save { path: session.path.clone(), text: visit_to_ron(&session.visit) }]
}

fn set_value(visit: &mut Visit, id: &str, value: Option<Value>) {
    let answer = visit.answers.entry(id.to_string()).or_default();
    answer.value = value;
}

fn answer_yes_no(app: &mut App, value: Value) -> Vec<Effect> {
    let Some(session) = app.session.as_ref() else { return Vec::new() };
    let Some(row) = current_row(session) else { return Vec::new() };
    if row == Row::Fact(Fact::HasCommittee) {
        let flag = match value {
            Value::Yes => Some(true),
            Value::No => Some(false),
            _ => None,
        };
        return change_visit(app, |v, _| v.meeting.has_committee = flag);
    }
    let Some(item) = row_item(&session.template, row) else { return Vec::new() };
    let allowed = match &item.kind {
        Kind::YesNo { allow_na } => value != Value::NotApplicable || *allow_na,
        _ => false,
    };
    if !allowed {
        let msg = if matches!(item.kind, Kind::YesNo { .. }) { Msg::NaNotAllowed } else { Msg::NotYesNo };
        app.flash = Some(app.lang_text(msg));
        return Vec::new();
    }
    let id = item.id.clone();
    answer_item(app, &id, value)
}

/// Give item `id` the typed answer and move on. The same answer again moves on too, without a
/// save: confirming a filled item is how an inspector walks through it. A refused change (the
/// visit is final or held by another session) stays put, so the message is seen where it applies.
fn answer_item(app: &mut App, id: &str, value: Value) -> Vec<Effect> {
    let effects = change_visit(app, |v, _| set_value(v, id, Some(value.clone())));
    if let Some(session) = app.session.as_mut()
        && session.read_only.is_none()
        && session.visit.status != VisitStatus::Final
        && session.visit.value(id) == Some(&value)
    {
        advance(session);
    }
    effects
}

fn clear_answer(app: &mut App) -> Vec<Effect> {
    let Some(session) = app.session.as_ref() else { return Vec::new() };
    match current_row(session) {
        Some(Row::Fact(fact)) => change_visit(app, |v, _| clear_fact(v, fact)),
        Some(row) => {
            let Some(item) = row_item(&session.template, row) else { return Vec::new() };
            let id = item.id.clone();
            change_visit(app, |v, _| set_value(v, &id, None))
        }
        None => Vec::new(),
    }
}

fn clear_fact(visit: &mut Visit, fact: Fact) {
    let m = &mut visit.meeting;
    match fact {
        Fact::Start => m.start = None,
        Fact::End => m.end = None,
        Fact::HasCommittee => m.has_committee = None,
        Fact::Chair => m.chair.clear(),
        Fact::MinutesSecretary => m.minutes_secretary.clear(),
        Fact::HigherAttendees => m.higher_attendees.clear(),
        Fact::Round => visit.round = None,
        Fact::Inspectors => visit.inspectors.clear(),
        f => {
            if let Some(slot) = f.count_mut(visit) {
                *slot = None;
            }
        }
    }
}

/// Digits typed on a number row accumulate until Enter; `1`–`5` on a scale answer at once.
fn number_key(app: &mut App, key: KeyEvent) -> Option<Vec<Effect>> {
    let moves_away = matches!(
        app.keymap.action(Scope::Checklist, &key),
        Some(
            Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::NextSection
                | Action::PrevSection
                | Action::NextUnanswered
                | Action::Search
                | Action::Problems
                | Action::Back
                | Action::Quit
        )
    );
    let session = app.session.as_mut()?;
    let row = current_row(session)?;
    let item = row_item(&session.template, row);
    let is_count = match (row, item.map(|i| &i.kind)) {
        (Row::Fact(f), _) => f.input() == FactInput::Count,
        (_, Some(Kind::Count { .. })) => true,
        _ => false,
    };
    if let (Some(item), KeyCode::Char(c @ '1'..='5')) = (item, key.code)
        && item.kind == Kind::Scale
    {
        let id = item.id.clone();
        let scale = c as u8 - b'0';
        return Some(answer_item(app, &id, Value::Scale(scale)));
    }
    if let (Some(item), KeyCode::Char(c)) = (item, key.code)
        && c.is_ascii_digit()
        && matches!(item.kind, Kind::CountPair { .. })
    {
        let target = Target::Answer(item.id.clone());
        app.overlay = Overlay::Editor(Editor { target, buffer: TextBuffer::new(&c.to_string(), false), error: None });
        return Some(Vec::new());
    }
    if !is_count {
        return None;
    }
    match key.code {
        KeyCode::Char(c) if c.is_ascii_digit() => {
            let digits = session.number.get_or_insert_with(String::new);
            if digits.len() < 6 {
                digits.push(c);
            }
            Some(Vec::new())
        }
        KeyCode::Backspace if session.number.is_some() => {
            if let Some(d) = session.number.as_mut() {
                d.pop();
            }
            if session.number.as_deref() == Some("") {
                session.number = None;
            }
            Some(Vec::new())
        }
        KeyCode::Esc if session.number.is_some() => {
            session.number = None;
            Some(Vec::new())
        }
        KeyCode::Enter if session.number.is_some() => Some(commit_number(app)),
        // Moving away (by any key bound to a move, or leaving) keeps what was typed on this row,
        // as if Enter had been pressed, then moves once from here.
        _ if session.number.is_some() && moves_away => {
            let (section, row) = (session.section, session.row);
            let mut effects = commit_number(app);
            if let Some(session) = app.session.as_mut() {
                session.section = section;
                session.row = row;
            }
            effects.extend(checklist_key(app, key));
            Some(effects)
        }
        _ => None,
    }
}

fn commit_number(app: &mut App) -> Vec<Effect> {
    let Some(session) = app.session.as_mut() else { return Vec::new() };
    let Some(digits) = session.number.take() else { return Vec::new() };
    let Ok(n) = digits.parse::<u32>() else { return Vec::new() };
    let Some(row) = current_row(session) else { return Vec::new() };
    match row {
        Row::Fact(fact) => change_visit(app, |v, _| {
            if let Some(slot) = fact.count_mut(v) {
                *slot = Some(n);
            }
        }),
        row => {
            let Some(item) = row_item(&session.template, row) else { return Vec::new() };
            if let Kind::Count { min, max, .. } = item.kind
                && (n < min || n > max)
            {
                app.flash = Some(Msg::ProblemOutOfRange.fill(app.lang, &[&item.id, &n, &min, &max]));
                return Vec::new();
            }
            let id = item.id.clone();
            answer_item(app, &id, Value::Number(n))
        }
    }
}

fn open_edit(app: &mut App) {
    let Some(session) = app.session.as_ref() else { return };
    let Some(row) = current_row(session) else { return };
    let item = match row {
        Row::Fact(fact) => return open_fact_editor(app, fact, None),
        row => match row_item(&session.template, row) {
            Some(item) => item.clone(),
            None => return,
        },
    };
    let lang = app.lang;
    let visit = &session.visit;
    match &item.kind {
        Kind::Choice { options } | Kind::MultiChoice { options } => {
            let chosen = match visit.value(&item.id) {
                Some(Value::Choice(id)) => vec![id.clone()],
                Some(Value::Choices(ids)) => ids.clone(),
                _ => Vec::new(),
            };
            let cursor = options.iter().position(|o| chosen.first() == Some(&o.id)).unwrap_or(0);
            app.overlay = Overlay::Picker(Picker {
                target: Target::Answer(item.id.clone()),
                options: options.iter().map(|o| (o.id.clone(), o.label.get(lang).to_string())).collect(),
                multi: matches!(item.kind, Kind::MultiChoice { .. }),
                cursor,
                chosen,
            });
        }
        Kind::Text { multiline } => {
            let text = match visit.value(&item.id) {
                Some(Value::Text(t)) => t.clone(),
                _ => String::new(),
            };
            let target = Target::Answer(item.id.clone());
            app.overlay = Overlay::Editor(Editor { target, buffer: TextBuffer::new(&text, *multiline), error: None });
        }
        Kind::Time | Kind::CountPair { .. } | Kind::Count { .. } => {
            let text = match visit.value(&item.id) {
                Some(Value::Time(t)) => t.to_string(),
                Some(Value::Pair(a, b)) => format!("{a}/{b}"),
                Some(Value::Number(n)) => n.to_string(),
                _ => String::new(),
            };
            let target = Target::Answer(item.id.clone());
            app.overlay = Overlay::Editor(Editor { target, buffer: TextBuffer::new(&text, false), error: None });
        }
        Kind::YesNo { .. } | Kind::Scale | Kind::Computed(_) => open_note(app),
    }
}

fn open_note(app: &mut App) {
    let Some(session) = app.session.as_ref() else { return };
    match current_row(session) {
        Some(Row::Fact(fact)) => open_fact_editor(app, fact, None),
        Some(row) => {
            let Some(item) = row_item(&session.template, row) else { return };
            let note = session.visit.answer(&item.id).map(|a| a.note.clone()).unwrap_or_default();
            let target = Target::Note(item.id.clone());
            app.overlay = Overlay::Editor(Editor { target, buffer: TextBuffer::new(&note, true), error: None });
        }
        None => {}
    }
}

/// The visit a fact editor works on: the form's draft, or the open visit.
fn fact_visit(app: &App) -> Option<&Visit> {
    match app.screen {
        Screen::NewVisit => app.form.as_ref().map(|f| &f.draft),
        _ => app.session.as_ref().map(|s| &s.visit),
    }
}

fn open_fact_editor(app: &mut App, fact: Fact, first_digit: Option<char>) {
    let lang = app.lang;
    let Some(visit) = fact_visit(app) else { return };
    match fact.input() {
        FactInput::BranchType | FactInput::MeetingKind | FactInput::YesNo => {
            let (options, current): (Vec<(String, String)>, String) = match fact.input() {
                FactInput::BranchType => (
                    BranchType::ALL.iter().map(|t| (t.id().to_string(), t.label().get(lang).to_string())).collect(),
                    visit.meeting.branch_type.id().to_string(),
                ),
                FactInput::MeetingKind => (
                    MeetingKind::ALL.iter().map(|k| (k.id().to_string(), k.label().get(lang).to_string())).collect(),
                    visit.meeting.kind.id().to_string(),
                ),
                _ => (
                    vec![("true".into(), Msg::Yes.get(lang).into()), ("false".into(), Msg::No.get(lang).into())],
                    visit.meeting.has_committee.map(|b| b.to_string()).unwrap_or_default(),
                ),
            };
            let cursor = options.iter().position(|(id, _)| *id == current).unwrap_or(0);
            app.overlay = Overlay::Picker(Picker {
                target: Target::Fact(fact),
                options,
                multi: false,
                cursor,
                chosen: vec![current],
            });
        }
        _ => {
            let text = match first_digit {
                Some(d) => d.to_string(),
                None => fact.edit_text(visit, lang),
            };
            app.overlay = Overlay::Editor(Editor {
                target: Target::Fact(fact),
                buffer: TextBuffer::new(&text, false),
                error: None,
            });
        }
    }
}

// ---------------------------------------------------------------- editor, picker, search

fn editor_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Overlay::Editor(editor) = &mut app.overlay else { return Vec::new() };
    let b = &mut editor.buffer;
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    match key.code {
        KeyCode::Esc => app.overlay = Overlay::None,
        KeyCode::Enter if alt => b.newline(),
        KeyCode::Char('j') if ctrl => b.newline(),
        KeyCode::Enter => return confirm_editor(app),
        KeyCode::Char('s') if ctrl => return confirm_editor(app),
        KeyCode::Char('w') if ctrl => b.delete_word(),
        KeyCode::Char('a') if ctrl => b.home(),
        KeyCode::Char('e') if ctrl => b.end(),
        KeyCode::Char('u') if ctrl => *b = TextBuffer::new("", b.multiline),
        KeyCode::Char(c) if !ctrl => b.insert(c.encode_utf8(&mut [0; 4])),
        KeyCode::Backspace => b.backspace(),
        KeyCode::Delete => b.delete(),
        KeyCode::Left => b.left(),
        KeyCode::Right => b.right(),
        KeyCode::Up => b.up(),
        KeyCode::Down => b.down(),
        KeyCode::Home => b.home(),
        KeyCode::End => b.end(),
        _ => {}
    }
    Vec::new()
}

/// Check the editor's text and write it where it belongs; on a bad value, say why and stay open.
fn confirm_editor(app: &mut App) -> Vec<Effect> {
    let Overlay::Editor(editor) = &app.overlay else { return Vec::new() };
    let text = editor.buffer.text().to_string();
    let target = editor.target.clone();
    let lang = app.lang;
    if target == Target::ReopenReason {
        return reopen_with_reason(app, &text);
    }
    if target == Target::CompareWith {
        return crate::tui::compare::start(app, &text);
    }
    if let Target::Filter(_) = target {
        return match crate::tui::summary::apply_date_filter(app, &text) {
            Ok(effects) => {
                app.overlay = Overlay::None;
                effects
            }
            Err(message) => {
                if let Overlay::Editor(editor) = &mut app.overlay {
                    editor.error = Some(message);
                }
                Vec::new()
            }
        };
    }
    let result: Result<Change, String> = match &target {
        Target::Filter(_) | Target::PlannedBranch | Target::ReopenReason | Target::CompareWith => {
            return Vec::new();
        }
        Target::Fact(fact) => parse_fact(*fact, &text, lang),
        Target::Note(id) => {
            let id = id.clone();
            Ok(Box::new(move |v: &mut Visit| {
                v.answers.entry(id).or_default().note = text;
            }))
        }
        Target::Answer(id) => parse_answer(app, id, &text),
    };
    match result {
        Err(message) => {
            if let Overlay::Editor(editor) = &mut app.overlay {
                editor.error = Some(message);
            }
            Vec::new()
        }
        Ok(apply) => {
            app.overlay = Overlay::None;
            apply_change(app, apply)
        }
    }
}

/// Apply a change to the form's draft, or to the open visit (with undo and save).
fn apply_change(app: &mut App, apply: Box<dyn FnOnce(&mut Visit)>) -> Vec<Effect> {
    if app.screen == Screen::NewVisit {
        if let Some(form) = app.form.as_mut() {
            apply(&mut form.draft);
            form.draft.normalize();
        }
        return Vec::new();
    }
    change_visit(app, |v, _| apply(v))
}

type Change = Box<dyn FnOnce(&mut Visit)>;

fn parse_fact(fact: Fact, text: &str, lang: Lang) -> Result<Change, String> {
    let text = text.trim().to_string();
    match fact.input() {
        FactInput::Date => {
            let date = parse_date(&text).ok_or_else(|| Msg::CliBadDate.fill(lang, &[&text]))?;
            Ok(Box::new(move |v| v.meeting.date = date))
        }
        FactInput::Time => {
            let time = if text.is_empty() {
                None
            } else {
                Some(TimeOfDay::parse(&text).ok_or_else(|| Msg::BadTime.fill(lang, &[&text]))?)
            };
            Ok(Box::new(move |v| match fact {
                Fact::Start => v.meeting.start = time,
                _ => v.meeting.end = time,
            }))
        }
        FactInput::Count => {
            let n = if text.is_empty() {
                None
            } else {
                Some(text.parse::<u32>().map_err(|_| Msg::BadNumber.fill(lang, &[&text]))?)
            };
            Ok(Box::new(move |v| {
                if let Some(slot) = fact.count_mut(v) {
                    *slot = n;
                }
            }))
        }
        _ => {
            if fact.required() && text.is_empty() {
                return Err(Msg::CliEmptyName.fill(lang, &[&fact.label().get(lang)]));
            }
            Ok(Box::new(move |v| set_text_fact(v, fact, text)))
        }
    }
}

fn set_text_fact(v: &mut Visit, fact: Fact, text: String) {
    let m = &mut v.meeting;
    match fact {
        Fact::Branch => m.branch = text,
        Fact::Committee => m.committee = text,
        Fact::Chair => m.chair = text,
        Fact::MinutesSecretary => m.minutes_secretary = text,
        Fact::HigherAttendees => m.higher_attendees = text,
        Fact::Round => v.round = Some(text).filter(|t| !t.is_empty()),
        Fact::Inspectors => {
            v.inspectors = text.split([',', ';']).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
        }
        _ => {}
    }
}

fn parse_answer(app: &App, id: &str, text: &str) -> Result<Change, String> {
    let lang = app.lang;
    let Some(session) = app.session.as_ref() else { return Err(String::new()) };
    let Some(r) = session.template.item(id) else { return Err(String::new()) };
    let trimmed = text.trim();
    let value = if trimmed.is_empty() {
        None
    } else {
        Some(match &r.item.kind {
            Kind::Text { .. } => Value::Text(text.to_string()),
            Kind::Time => Value::Time(TimeOfDay::parse(trimmed).ok_or_else(|| Msg::BadTime.fill(lang, &[&trimmed]))?),
            Kind::Count { min, max, .. } => {
                let n: u32 = trimmed.parse().map_err(|_| Msg::BadNumber.fill(lang, &[&trimmed]))?;
                if n < *min || n > *max {
                    return Err(Msg::ProblemOutOfRange.fill(lang, &[&id, &n, min, max]));
                }
                Value::Number(n)
            }
            Kind::CountPair { max, .. } => {
                let parts: Vec<&str> = trimmed.split(['/', ' ', ',']).filter(|p| !p.is_empty()).collect();
                let bad = || Msg::BadPair.fill(lang, &[&trimmed]);
                let [a, b] = parts.as_slice() else { return Err(bad()) };
                let (a, b): (u32, u32) = (a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?);
                if a.max(b) > *max {
                    return Err(Msg::ProblemOutOfRange.fill(lang, &[&id, &a.max(b), &0, max]));
                }
                Value::Pair(a, b)
            }
            _ => return Err(String::new()),
        })
    };
    let id = id.to_string();
    Ok(Box::new(move |v| set_value(v, &id, value)))
}

fn picker_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Overlay::Picker(picker) = &mut app.overlay else { return Vec::new() };
    let count = picker.options.len();
    match key.code {
        KeyCode::Esc => app.overlay = Overlay::None,
        KeyCode::Up | KeyCode::Char('k') => picker.cursor = picker.cursor.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => picker.cursor = (picker.cursor + 1).min(count.saturating_sub(1)),
        KeyCode::Char(' ') if picker.multi => toggle_choice(picker, picker.cursor),
        KeyCode::Char(c) if c.is_ascii_digit() && c != '0' => {
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
        KeyCode::Enter => return confirm_picker(app),
        _ => {}
    }
    Vec::new()
}

fn toggle_choice(picker: &mut Picker, index: usize) {
    let Some((id, _)) = picker.options.get(index) else { return };
    if let Some(at) = picker.chosen.iter().position(|c| c == id) {
        picker.chosen.remove(at);
    } else {
        picker.chosen.push(id.clone());
    }
}

fn confirm_picker(app: &mut App) -> Vec<Effect> {
    let Overlay::Picker(picker) = std::mem::replace(&mut app.overlay, Overlay::None) else { return Vec::new() };
    let picked = picker.options.get(picker.cursor).map(|(id, _)| id.clone()).unwrap_or_default();
    let apply: Change = match picker.target {
        Target::Filter(kind) => return crate::tui::summary::apply_picked_filter(app, kind, picked),
        Target::PlannedBranch => {
            start_form(app, picked.parse().ok());
            return Vec::new();
        }
        Target::ReopenReason | Target::CompareWith => return Vec::new(),
        Target::Fact(Fact::BranchType) => {
            let t = BranchType::from_id(&picked);
            Box::new(move |v| {
                if let Some(t) = t {
                    v.meeting.branch_type = t;
                }
            })
        }
        Target::Fact(Fact::Kind) => {
            let k = MeetingKind::ALL.into_iter().find(|k| k.id() == picked);
            Box::new(move |v| {
                if let Some(k) = k {
                    v.meeting.kind = k;
                }
            })
        }
        Target::Fact(_) => Box::new(move |v| v.meeting.has_committee = Some(picked == "true")),
        Target::Answer(id) | Target::Note(id) => {
            let value = if picker.multi {
                // Keep the template's order, whatever order the options were ticked in.
                let ordered = picker.options.iter().filter(|(o, _)| picker.chosen.contains(o)).map(|(o, _)| o.clone());
                Value::Choices(ordered.collect())
            } else {
                Value::Choice(picked)
            };
            Box::new(move |v| set_value(v, &id, Some(value)))
        }
    };
    apply_change(app, apply)
}

/// Items whose text (either language, without diacritics) or id contains the query.
pub fn search_results(app: &App, query: &str) -> Vec<(usize, usize)> {
    let Some(session) = app.session.as_ref() else { return Vec::new() };
    let needle = crate::core::text::fold(query);
    if needle.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (s, section) in session.template.sections.iter().enumerate() {
        for (i, item) in section.items.iter().enumerate() {
            let hay = crate::core::text::fold(&format!("{} {} {}", item.id, item.text.vi, item.text.en));
            if hay.contains(&needle) && applies(item, &session.visit) {
                found.push((s + 1, i));
            }
        }
    }
    found
}

fn search_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Overlay::Search(search) = &mut app.overlay else { return Vec::new() };
    match key.code {
        KeyCode::Esc => app.overlay = Overlay::None,
        KeyCode::Up => search.selected = search.selected.saturating_sub(1),
        KeyCode::Down => search.selected += 1,
        KeyCode::Backspace => {
            search.query.backspace();
            search.selected = 0;
        }
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
            search.query.insert(c.encode_utf8(&mut [0; 4]));
            search.selected = 0;
        }
        KeyCode::Enter => {
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
        _ => {}
    }
    Vec::new()
}

fn problems_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let list = current_problems(app);
    let Overlay::Problems { selected } = &mut app.overlay else { return Vec::new() };
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => *selected = selected.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => *selected = (*selected + 1).min(list.len().saturating_sub(1)),
        KeyCode::Enter => {
            let target = list.get(*selected).cloned();
            app.overlay = Overlay::None;
            if let (Some(problem), Some(session)) = (target, app.session.as_mut()) {
                jump_to_problem(session, &problem);
            }
        }
        _ => app.overlay = Overlay::None,
    }
    Vec::new()
}

fn jump_to_problem(session: &mut Session, problem: &Problem) {
    match problem.item().and_then(|id| find_item(&session.template, id)) {
        Some((section, row)) => {
            session.section = section;
            session.row = row;
        }
        None => {
            // Cross-field problems on the facts: go to the fact most likely wrong.
            let fact = problem.facts().first().map_or(Fact::Total, |field| Fact::of_field(*field));
            session.section = 0;
            session.row = Fact::ALL.iter().position(|f| *f == fact).unwrap_or(0);
        }
    }
}

/// The open visit's problems (empty without a visit).
pub fn current_problems(app: &App) -> Vec<Problem> {
    app.session.as_ref().map(|s| problems(&s.template, &s.visit)).unwrap_or_default()
}

fn toggle_final(app: &mut App) -> Vec<Effect> {
    let now = (app.clock)();
    let Some(session) = app.session.as_mut() else { return Vec::new() };
    if let Some(reason) = &session.read_only {
        app.flash = Some(reason.clone());
        return Vec::new();
    }
    match session.visit.status {
        VisitStatus::Final => {
            // Reopening is always explained: ask why, and keep the answer in the file.
            let target = Target::ReopenReason;
            app.overlay = Overlay::Editor(Editor { target, buffer: TextBuffer::new("", true), error: None });
            Vec::new()
        }
        VisitStatus::Draft => {
            let list = problems(&session.template, &session.visit);
            if !list.is_empty() {
                app.flash = Some(Msg::CannotFinal.fill(app.lang, &[&list.len()]));
                app.overlay = Overlay::Problems { selected: 0 };
                return Vec::new();
            }
            let by = signer(&app.inspector, &session.visit);
            finalise(&mut session.visit, &by, now);
            session.save = SaveState::Saving;
            vec![Effect::Save { path: session.path.clone(), text: visit_to_ron(&session.visit) }]
        }
    }
}

/// Who finalises or reopens: the configured inspector, else the visit's first inspector.
fn signer(inspector: &str, visit: &Visit) -> String {
    if inspector.trim().is_empty() {
        visit.inspectors.first().cloned().unwrap_or_default()
    } else {
        inspector.to_string()
    }
}

/// Reopen the final visit with the reason typed; an empty reason keeps the editor open.
fn reopen_with_reason(app: &mut App, reason: &str) -> Vec<Effect> {
    let now = (app.clock)();
    let lang = app.lang;
    let Some(session) = app.session.as_mut() else { return Vec::new() };
    let by = signer(&app.inspector, &session.visit);
    match reopen(&mut session.visit, &by, reason, now) {
        Ok(()) => {
            app.overlay = Overlay::None;
            session.save = SaveState::Saving;
            vec![Effect::Save { path: session.path.clone(), text: visit_to_ron(&session.visit) }]
        }
        Err(_) => {
            if let Overlay::Editor(editor) = &mut app.overlay {
                editor.error = Some(Msg::ReopenNeedsReason.get(lang).to_string());
            }
            Vec::new()
        }
    }
}

fn undo(app: &mut App) -> Vec<Effect> {
    let now = (app.clock)();
    let Some(session) = app.session.as_mut() else { return Vec::new() };
    if session.read_only.is_some() {
        return Vec::new();
    }
    // Undo restores an earlier draft: on a final visit that would reopen it behind the user's back.
    if session.visit.status == VisitStatus::Final {
        app.flash = Some(app.lang_text(Msg::VisitIsFinal));
        return Vec::new();
    }
    let Some(snapshot) = session.undo.pop() else {
        app.flash = Some(app.lang_text(Msg::NothingToUndo));
        return Vec::new();
    };
    session.visit = snapshot.visit;
    session.visit.updated = now;
    session.section = snapshot.section;
    session.row = snapshot.row;
    session.save = SaveState::Saving;
    let effect = Effect::Save { path: session.path.clone(), text: visit_to_ron(&session.visit) };
    app.flash = Some(app.lang_text(Msg::Undone));
    vec![effect]
}

fn conflict_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Some(session) = app.session.as_mut() else {
        app.overlay = Overlay::None;
        return Vec::new();
    };
    let effect = match key.code {
        KeyCode::Char('k') => Effect::ForceSave { path: session.path.clone(), text: visit_to_ron(&session.visit) },
        KeyCode::Char('r') => Effect::Reload(session.path.clone()),
        KeyCode::Char('c') => Effect::SaveCopy { visit: Box::new(session.visit.clone()), beside: session.path.clone() },
        // The choice cannot be skipped: saving stays stopped until it is made.
        _ => return Vec::new(),
    };
    session.save = SaveState::Saving;
    app.overlay = Overlay::None;
    vec![effect]
}

fn recover_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Overlay::Recover { recovery } = &app.overlay else { return Vec::new() };
    let recovery = recovery.clone();
    match key.code {
        KeyCode::Char('y') | KeyCode::Enter => {
            app.overlay = Overlay::None;
            vec![Effect::Restore { recovery }]
        }
        KeyCode::Char('n') | KeyCode::Esc => {
            app.overlay = Overlay::None;
            vec![Effect::DiscardRecovery(recovery)]
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod home_batch_tests {
    use super::*;
    use crate::core::round::VisitBrief;

    fn entry(n: u32, day: i8, branch: &str) -> HomeEntry {
        let date = jiff::civil::date(2022, 4, day);
        HomeEntry {
            path: PathBuf::from(format!("/d/{n}.ron")),
            branch: branch.to_string(),
            committee: String::new(),
            date,
            status: VisitStatus::Draft,
            answered: n as usize,
            total: 0,
            findings: 0,
            odd_lock: false,
            brief: VisitBrief {
                branch: branch.to_string(),
                committee: String::new(),
                date,
                status: VisitStatus::Draft,
                inspectors: Vec::new(),
                round: None,
            },
        }
    }

    fn shown(entries: &[HomeEntry]) -> Vec<(PathBuf, usize)> {
        entries.iter().map(|e| (e.path.clone(), e.answered)).collect()
    }

    /// A batch lands exactly where inserting its entries one by one puts them: same order, ties
    /// after what was listed, a path listed again replaced (the last of a batch winning).
    #[test]
    fn a_batch_is_inserted_as_one_by_one() {
        let names = ["Chi bộ số 2", "chi bộ số 2", "Chi bộ Đội", "Chi bộ A", "Chi bộ số 11"];
        let mut seed = 7u32;
        let mut next = || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            seed >> 8
        };
        let mut one_by_one = Vec::new();
        let mut batched = Vec::new();
        let mut serial = 0;
        for _ in 0..30 {
            let size = next() % 9;
            let batch: Vec<HomeEntry> = (0..size)
                .map(|_| {
                    serial += 1;
                    // Paths repeat now and then: a rescan, or the same path twice in a batch.
                    let n = if next() % 4 == 0 { next() % 20 } else { 100 + serial };
                    let mut e = entry(n, (next() % 5 + 1) as i8, names[(next() % 5) as usize]);
                    e.answered = serial as usize;
                    e
                })
                .collect();
            for e in batch.clone() {
                insert_sorted(&mut one_by_one, e);
            }
            insert_batch_sorted(&mut batched, batch);
            assert_eq!(shown(&batched), shown(&one_by_one));
        }
        assert!(batched.len() > 40);
    }
}
