//! `followup.ron`, the round's follow-up register ([`crate::core::followup`]), on disk: read with
//! errors at path:line:col, checked against the round's visits, written atomically.
//!
//! The round a register belongs to is the folder it sits in: its visits (summarised as `summary`
//! does) give the failing findings `init` turns into actions and the branches and items a
//! register may name; its round.ron gives the decision, the first day and the end (the default
//! due date is 30 days after the end; without a round.ron, after the last meeting).

use std::fmt;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Deserialize;

use super::conflict::conflict_line;
use super::format::{LoadError, LoadErrorKind, position_of, to_file_ron};
use super::read::{Merged, VisitReader, summarize};
use super::round::{find_round_file, load_round};
use super::{load_visit, read_text, save};
use crate::core::compare::Comparison;
use crate::core::followup::{
    Action, FOLLOWUP_SCHEMA_VERSION, Problem, Recheck, Register, RoundFacts, default_due, finding_in, recheck,
};
use crate::core::summary::{Filters, Summary, SummaryBuilder, VisitInfo};
use crate::core::template::Template;
use crate::core::text::display_safe;
use crate::strings::{FollowupMsg, Lang};

// The register's file name is known to the reader, which must never read it as a visit.
pub use super::read::{FOLLOWUP_FILE, is_followup_file};

/// The register of the round folder `dir`.
pub fn register_path(dir: &Path) -> PathBuf {
    dir.join(FOLLOWUP_FILE)
}

/// Why a register cannot be used.
#[derive(Debug, Clone, PartialEq)]
pub enum RegisterError {
    /// The file cannot be read or parsed (an unknown status is one: at its line and column).
    Load(LoadError),
    /// The round contradicts it: each problem with its place in the file.
    Problems { path: PathBuf, problems: Vec<(Option<(usize, usize)>, Problem)> },
}

impl RegisterError {
    /// One line per problem, `path:line:col: sentence`, safe to print.
    pub fn display(&self, lang: Lang) -> String {
        match self {
            RegisterError::Load(e) => e.display(lang),
            RegisterError::Problems { path, problems } => {
                let path = display_safe(&path.to_string_lossy(), false);
                let mut lines = vec![FollowupMsg::RegisterProblems.get(lang).to_string()];
                for (position, problem) in problems {
                    let message = display_safe(&problem.message(lang), false);
                    lines.push(match position {
                        Some((line, col)) => format!("{path}:{line}:{col}: {message}"),
                        None => format!("{path}: {message}"),
                    });
                }
                lines.join("\n")
            }
        }
    }
}

impl fmt::Display for RegisterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display(Lang::En))
    }
}

#[derive(Deserialize)]
struct SchemaProbe {
    schema: u32,
}

/// Parse the text of a register (`path` names it in errors).
pub fn parse_register(path: &Path, text: &str) -> Result<Register, LoadError> {
    if let Some(line) = conflict_line(text) {
        return Err(LoadError::new(path, Some((line, 1)), LoadErrorKind::Conflict { line }));
    }
    if let Ok(probe) = ron::Options::default().from_str::<SchemaProbe>(text)
        && probe.schema > FOLLOWUP_SCHEMA_VERSION
    {
        let kind = LoadErrorKind::NewerSchema { found: probe.schema, reads: FOLLOWUP_SCHEMA_VERSION };
        return Err(LoadError::new(path, None, kind));
    }
    let mut register: Register =
        ron::Options::default().from_str(text).map_err(|e| LoadError::from_parse(path, text, &e))?;
    register.normalize();
    Ok(register)
}

/// Read a register file, unchecked. `Ok(None)` when the folder has none.
pub fn load_register(path: &Path) -> Result<Option<(Register, String)>, LoadError> {
    if !path.exists() {
        return Ok(None);
    }
    let text = read_text(path)?;
    Ok(Some((parse_register(path, &text)?, text)))
}

/// The deterministic text of a register: actions by id.
pub fn register_to_ron(register: &Register) -> String {
    let mut sorted = register.clone();
    sorted.normalize();
    sorted.schema = FOLLOWUP_SCHEMA_VERSION;
    to_file_ron(&sorted)
}

/// Write the register over `path`, atomically.
pub fn save_register(path: &Path, register: &Register) -> std::io::Result<()> {
    save::write_atomic(path, register_to_ron(register).as_bytes())
}

/// Where `field` of action `id` is in the file's text (the `field:` line after the action's
/// `id: N,` line; the id line itself when the field is not written), for the problems' places.
fn field_position(text: &str, id: u32, field: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    let mut found: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let at = offset + line.len() - trimmed.len();
        offset += line.len();
        if let Some(rest) = trimmed.strip_prefix("id:") {
            if found.is_some() {
                break;
            }
            if rest.trim().trim_end_matches(',').trim() == id.to_string() {
                found = Some(at);
                if field == "id" {
                    break;
                }
            }
        } else if found.is_some() && trimmed.strip_prefix(field).is_some_and(|r| r.trim_start().starts_with(':')) {
            return Some(position_of(text, at));
        }
    }
    found.map(|at| position_of(text, at))
}

/// The problems of `register` (read from `text` at `path`) against `round`, with their places.
pub fn check_register(path: &Path, text: &str, register: &Register, round: &RoundFacts) -> Result<(), RegisterError> {
    let problems: Vec<_> =
        register.check(round).into_iter().map(|p| (field_position(text, p.action(), p.field()), p)).collect();
    if problems.is_empty() { Ok(()) } else { Err(RegisterError::Problems { path: path.to_path_buf(), problems }) }
}

/// A round folder as the register needs it: its summary, decision and default due date.
pub struct RoundRead {
    pub summary: Summary,
    /// The round's decision number ("" without a round.ron).
    pub decision: String,
    /// 30 days after the round's end (round.ron's `to`, else the last meeting).
    pub default_due: Option<Date>,
    /// Files that could not be read, as `path:line:col: reason`.
    pub warnings: Vec<String>,
}

impl RoundRead {
    pub fn facts(&self) -> RoundFacts {
        RoundFacts::of(&self.summary)
    }
}

/// Summarise the round folder `dir` against `templates`.
pub fn read_round(dir: &Path, templates: &[Template], lang: Lang) -> RoundRead {
    let mut reader = VisitReader::new(&[dir.to_path_buf()], templates);
    let mut warnings = Vec::new();
    let builder = SummaryBuilder::new(lang, Filters::default());
    let Merged { summary, .. } = summarize(&mut reader, builder, lang, |piece| {
        use super::read::Report as R;
        if let R::Skipped(e) | R::RoundProblem(e) = piece {
            warnings.push(e.display(lang));
        }
    });
    let round = find_round_file(dir).and_then(|file| load_round(&file).ok());
    let end = round.as_ref().map(|r| r.to).or_else(|| summary.period().map(|(_, last)| last));
    RoundRead {
        decision: round.map(|r| r.decision).unwrap_or_default(),
        default_due: end.map(default_due),
        summary,
        warnings,
    }
}

/// Who answers for a visit's branch by default: the meeting's chair (the branch secretary, who
/// chairs its meetings), else its minutes secretary; read from the visit file.
pub fn responsible_of(visit: &VisitInfo, templates: &[Template]) -> String {
    match load_visit(&visit.file, templates) {
        Ok(v) if !v.meeting.chair.trim().is_empty() => v.meeting.chair.trim().to_string(),
        Ok(v) => v.meeting.minutes_secretary.trim().to_string(),
        Err(_) => String::new(),
    }
}

/// Load the register of `dir` and check it against the round: what `list`, `set` and a TUI view
/// start from. `Ok(None)` when the folder has no register.
pub fn load_checked(dir: &Path, round: &RoundRead) -> Result<Option<Register>, RegisterError> {
    let path = register_path(dir);
    let Some((register, text)) = load_register(&path).map_err(RegisterError::Load)? else {
        return Ok(None);
    };
    check_register(&path, &text, &register, &round.facts())?;
    Ok(Some(register))
}

/// The checked register of `dir`, or why there is none to use, as a sentence: how to make one,
/// or what is wrong with it.
pub fn load_existing(dir: &Path, templates: &[Template], lang: Lang) -> Result<Register, String> {
    let round = read_round(dir, templates, lang);
    match load_checked(dir, &round) {
        Ok(Some(register)) => Ok(register),
        Ok(None) => {
            let shown = display_safe(&register_path(dir).to_string_lossy(), false);
            let folder = display_safe(&dir.to_string_lossy(), false);
            Err(FollowupMsg::NoRegister.fill(lang, &[&shown, &folder]))
        }
        Err(e) => Err(e.display(lang)),
    }
}

/// Create or extend the register of `dir` from its round: one action per failing finding ×
/// branch, edits of existing actions kept. Returns the register saved and how many were added.
pub fn init_register(
    dir: &Path,
    templates: &[Template],
    lang: Lang,
) -> Result<(Register, usize, RoundRead), RegisterError> {
    let round = read_round(dir, templates, lang);
    let path = register_path(dir);
    let mut register = match load_register(&path).map_err(RegisterError::Load)? {
        Some((register, text)) => {
            check_register(&path, &text, &register, &round.facts())?;
            register
        }
        None => Register::new(&round.decision),
    };
    let due = round.default_due.unwrap_or(Date::constant(2000, 1, 1));
    let added = register.init(&round.summary, due, &|visit| responsible_of(visit, templates));
    save_register(&path, &register)
        .map_err(|e| RegisterError::Load(LoadError::new(&path, None, LoadErrorKind::Io(e.to_string()))))?;
    Ok((register, added, round))
}

/// The register of the earlier round folder `old` read against `comparison` (of `old` with the
/// next round): each action the next round has something to say about, with the action, by id.
/// Sentences are in `lang` ([`finding_in`]). `Ok(None)` when `old` is not a folder with a register. A register that cannot be used is an
/// error: a silent half-check would read as "nothing to note".
pub fn checked_at_next_round(
    old: &Path,
    comparison: &Comparison,
    templates: &[Template],
    lang: Lang,
) -> Result<Option<Vec<(Action, Recheck)>>, RegisterError> {
    if !old.is_dir() || !register_path(old).exists() {
        return Ok(None);
    }
    let round = read_round(old, templates, lang);
    let Some(register) = load_checked(old, &round)? else {
        return Ok(None);
    };
    let checked = recheck(&register, comparison)
        .into_iter()
        .filter_map(|r| register.get(r.action).map(|a| (a.clone(), r)))
        .map(|(mut a, r)| {
            a.finding = finding_in(templates, &a, lang);
            (a, r)
        })
        .collect();
    Ok(Some(checked))
}
