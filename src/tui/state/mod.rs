//! What the TUI holds: the screens' state, the events that come in and the effects that go out.
//! Plain data and questions about it; `update` changes it, `view` draws it.

pub mod compare;
pub mod followup;
pub mod home;
pub mod prompts;
pub mod reconcile;
pub mod report;
pub mod session;
pub mod summary;

use std::path::PathBuf;

use jiff::Timestamp;
use jiff::civil::Date;
use ratatui::crossterm::event::KeyEvent;

use crate::core::problems::Problem;
use crate::core::round::{Round, VisitBrief, coverage};
use crate::core::rules::{applies, problems};
use crate::core::template::Template;
use crate::core::visit::Visit;
use crate::strings::{Lang, Msg};
use crate::tui::keymap::{KeyMap, Scope};
use crate::tui::rows::{Row, rows};
use home::{Form, Home, HomeEntry};
use prompts::{Editor, Picker, Search};
use session::Session;

/// Something that happened: a key, pasted text, a result from the disk, a hang-up.
#[derive(Debug, Clone)]
pub enum Event {
    Key(KeyEvent),
    Paste(String),
    Resize,
    /// How many visit files the home list's folder holds (known before any is read).
    HomeFound {
        files: usize,
    },
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
    /// The round's report was written: the files, and how many blanks are left in it.
    ReportWritten(Result<(Vec<PathBuf>, usize), String>),
    /// report.ron was read (or is new), at this path.
    ReportTextLoaded(Result<(PathBuf, crate::core::report::ReportText), String>),
    /// report.ron was saved after `field` was edited.
    ReportTextSaved {
        field: crate::tui::state::report::ReportField,
        result: Result<PathBuf, String>,
    },
    /// "Save a copy" wrote the open visit to this new file (which is opened next).
    CopySaved(PathBuf),
    CompareReady(Result<Box<crate::core::compare::Comparison>, String>),
    /// The round's follow-up register, read (or made from the round's findings: how many
    /// actions were added).
    FollowupOpened(Result<(Box<followup::FollowupScreen>, Option<usize>), String>),
    /// The register was written (or not: why).
    FollowupSaved(Result<(), String>),
    /// Two records of one meeting, locked and loaded for the reconcile screen.
    PairOpened(Result<Box<reconcile::ReconcileScreen>, String>),
    /// The reconciled visit was written here (the two records now point to it).
    Reconciled(Result<PathBuf, String>),
    /// `khaosat sync` from the home list ended: what it did, in sentences, and the files that
    /// still hold conflicts.
    Synced(Result<SyncOutcome, String>),
    /// The folders whose names complete `typed` in the compare prompt (whole texts, each ending
    /// with `/`, sorted).
    FolderListing {
        typed: String,
        folders: Vec<String>,
    },
    /// The terminal is gone (SIGHUP, EOF): save and leave without drawing.
    HangUp,
    /// Asked to stop (SIGTERM): save and leave.
    Terminate,
}

/// What a sync from the home list did, as the TUI shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncOutcome {
    /// One sentence per thing done or not done (committed, pulled, pushed, offline …).
    pub lines: Vec<String>,
    /// Visit files that hold conflicts to resolve, first to open.
    pub conflicted: Vec<PathBuf>,
    /// Files git could only merge as text: they need a person with an editor.
    pub hand_merge: Vec<PathBuf>,
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
    /// Compare the data folder with an earlier round's folder (remembered for the next run once
    /// compared).
    Compare {
        old: PathBuf,
    },
    /// Lock and read the data folder's follow-up register, making it from the round when there is
    /// none; the lock is held until [`Effect::CloseFollowup`].
    OpenFollowup,
    /// The follow-up screen closed (or did not open): release the register's lock.
    CloseFollowup,
    /// Write the register (atomically).
    SaveFollowup {
        path: PathBuf,
        text: String,
    },
    /// Lock and load two records of one meeting for the reconcile screen.
    OpenPair {
        a: PathBuf,
        b: PathBuf,
    },
    /// Make one visit of the open pair with these picks, by this person.
    WritePair {
        picks: crate::core::reconcile::Picks,
        by: String,
    },
    /// The reconcile screen was left: release the pair's locks.
    ClosePair,
    /// Commit, pull and push the data folder (in the background).
    Sync,
    /// List the folders that complete the folder being typed.
    ListFolders {
        typed: String,
    },
    /// Write a report into the data folder.
    Export {
        name: String,
        bytes: Vec<u8>,
    },
    /// Build the round's report and write it as Markdown and Word into the round's folder.
    WriteReport,
    /// Read report.ron (the team's text of the report), or start an empty one.
    LoadReportText,
    /// Save report.ron after `field` was edited.
    SaveReportText {
        path: PathBuf,
        text: Box<crate::core::report::ReportText>,
        field: crate::tui::state::report::ReportField,
    },
    Quit,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Home,
    NewVisit,
    Checklist,
    Summary,
    Compare,
    Reconcile,
    Followup,
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
    /// Who this session's saves are by (`Visit::saved_by`): the inspector, else the login name.
    pub saver: String,
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
    /// The time zone times are shown in (the system's; fixed in tests).
    pub zone: jiff::tz::TimeZone,
    pub summary: crate::tui::state::summary::SummaryScreen,
    /// The round governing the data folder (its `round.ron`), if any.
    pub round: Option<Round>,
    pub compare: crate::tui::state::compare::CompareScreen,
    /// Two records of one meeting being reconciled.
    pub reconcile: Option<reconcile::ReconcileScreen>,
    /// The round's follow-up register while its screen is open.
    pub followup: Option<followup::FollowupScreen>,
    /// A sync is running in the background (the home list says so; a second `g` waits).
    pub syncing: bool,
    /// The earlier round's folder to suggest for a comparison.
    pub compare_guess: Option<PathBuf>,
    /// The open visit was opened from the summary: leaving it goes back there.
    pub return_to_summary: bool,
    /// How far the help is scrolled (a small terminal does not show it whole).
    pub help_scroll: usize,
    /// report.ron while its fields are edited from the summary screen.
    pub report_text: Option<crate::tui::state::report::ReportTextEdit>,
}

impl App {
    pub fn new(lang: Lang, keymap: KeyMap, templates: Vec<Template>, inspector: String) -> App {
        App {
            lang,
            keymap,
            templates,
            saver: inspector.trim().to_string(),
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
            zone: jiff::tz::TimeZone::system(),
            summary: Default::default(),
            round: None,
            compare: Default::default(),
            reconcile: None,
            followup: None,
            syncing: false,
            compare_guess: None,
            return_to_summary: false,
            help_scroll: 0,
            report_text: None,
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
            Screen::Summary => Scope::Summary,
            Screen::Compare => Scope::Compare,
            Screen::Reconcile => Scope::Reconcile,
            Screen::Followup => Scope::Followup,
            Screen::NewVisit => Scope::Form,
            Screen::Checklist => Scope::Checklist,
        }
    }
}

impl App {
    pub(crate) fn lang_text(&self, msg: Msg) -> String {
        msg.get(self.lang).to_string()
    }

    /// Recount the round's coverage from the visits listed on the home screen.
    pub fn refresh_coverage(&mut self) {
        self.home.coverage = self.round.as_ref().map(|round| {
            let briefs: Vec<VisitBrief> = self.home.entries.iter().map(|e| e.brief.clone()).collect();
            coverage(round, &briefs)
        });
    }
}

/// The row under the cursor.
pub fn current_row(session: &Session) -> Option<Row> {
    rows(&session.template, session.section).get(session.row).copied()
}

/// The open visit's problems (empty without a visit).
pub fn current_problems(app: &App) -> Vec<Problem> {
    app.session.as_ref().map(|s| problems(&s.template, &s.visit)).unwrap_or_default()
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
