//! `khaosat followup init|list|set`: the round's follow-up register ([`crate::store::followup`]).
//!
//! Exit codes: 0 done; 1 the register cannot be used (unreadable, or the round contradicts it: each
//! problem printed at path:line:col) or names no such action; 2 usage or I/O errors.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Subcommand;
use jiff::civil::Date;

use super::{Context, Failure};
use crate::core::followup::{Action, Edit, Filter, Register, Status, register_in};
use crate::core::text::display_safe;
use crate::export::one_line;
use crate::store::followup::{RegisterError, init_register, load_existing, read_round, register_path, save_register};
use crate::strings::{FollowupMsg, Lang};

#[derive(Debug, Subcommand)]
pub enum FollowupAction {
    /// Make (or extend) followup.ron in a round folder: one action per failing finding × branch.
    /// Actions already there keep their edits.
    Init {
        #[arg(value_name = "ROUND_DIR")]
        folder: PathBuf,
    },
    /// List the actions, by number.
    List {
        #[arg(value_name = "ROUND_DIR", default_value = ".")]
        folder: PathBuf,
        /// Only those past their due date and still open (on --today, default today).
        #[arg(long)]
        overdue: bool,
        /// The day overdue is judged on (YEAR-MONTH-DAY); default today.
        #[arg(long, value_name = "DATE")]
        today: Option<String>,
        /// Only this branch.
        #[arg(long, value_name = "NAME")]
        branch: Option<String>,
        /// Only this status: not_fixed, in_progress, reported_fixed, checked_passed, checked_failed.
        #[arg(long, value_name = "ID")]
        status: Option<String>,
    },
    /// Change one action.
    Set(SetArgs),
    /// Check the register against the next round; --apply records the results.
    Check(super::followup_check::CheckArgs),
}

#[derive(Debug, clap::Args)]
pub struct SetArgs {
    #[arg(value_name = "ROUND_DIR")]
    pub folder: PathBuf,
    /// The action's number (as `followup list` shows it).
    #[arg(value_name = "ACTION_ID")]
    pub id: u32,
    /// not_fixed, in_progress, reported_fixed, checked_passed, checked_failed.
    #[arg(long, value_name = "ID")]
    pub status: Option<String>,
    /// What the branch reported back.
    #[arg(long, value_name = "TEXT")]
    pub report_back: Option<String>,
    /// When it reported (YEAR-MONTH-DAY).
    #[arg(long, value_name = "DATE")]
    pub reported_on: Option<String>,
    /// The due date (YEAR-MONTH-DAY).
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,
    #[arg(long, value_name = "NAME")]
    pub responsible: Option<String>,
    #[arg(long, value_name = "NAME")]
    pub checked_by: Option<String>,
}

fn register_failure(e: &RegisterError, lang: Lang) -> Failure {
    Failure { code: 1, message: e.display(lang) }
}

pub fn parse_status(text: &str, lang: Lang) -> Result<Status, Failure> {
    Status::parse(text).ok_or_else(|| {
        let ids: Vec<&str> = Status::ALL.iter().map(|s| s.id()).collect();
        Failure::usage(FollowupMsg::BadStatus.fill(lang, &[&display_safe(text, false), &ids.join(", ")]))
    })
}

fn parse_date(text: &str, lang: Lang) -> Result<Date, Failure> {
    text.trim()
        .parse::<Date>()
        .map_err(|_| Failure::usage(FollowupMsg::BadDate.fill(lang, &[&display_safe(text, false)])))
}

/// The register's lock, held for a read-modify-write: refused (who holds it, where, since
/// when) while the TUI view or another command has it.
fn lock(dir: &Path, lang: Lang) -> Result<Option<crate::store::lock::VisitLock>, Failure> {
    crate::store::followup_next::lock_register(dir, lang).map_err(|message| Failure { code: 1, message })
}

fn today() -> Date {
    jiff::Timestamp::now().to_zoned_datetime(jiff::tz::TimeZone::system()).date()
}

/// The checked register of `dir`, or a failure saying how to make one.
fn load(ctx: &Context, dir: &Path) -> Result<Register, Failure> {
    load_existing(dir, &ctx.templates, ctx.lang).map_err(|message| Failure { code: 1, message })
}

pub fn run(ctx: &Context, action: &FollowupAction, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, Failure> {
    let lang = ctx.lang;
    match action {
        FollowupAction::Init { folder } => {
            let _lock = lock(folder, lang)?;
            let (register, added, round) =
                init_register(folder, &ctx.templates, lang).map_err(|e| register_failure(&e, lang))?;
            for warning in &round.warnings {
                writeln!(err, "{warning}")?;
            }
            let shown = display_safe(&register_path(folder).to_string_lossy(), false);
            writeln!(out, "{}", FollowupMsg::Initialised.fill(lang, &[&shown, &added, &register.actions.len()]))?;
            Ok(0)
        }
        FollowupAction::List { folder, overdue, today: on, branch, status } => {
            // Sentences in the reader's language; the file keeps the ones init stored.
            let register = register_in(&ctx.templates, &load(ctx, folder)?, lang);
            let day = match on {
                Some(text) => parse_date(text, lang)?,
                None => today(),
            };
            let filter = Filter {
                overdue_on: overdue.then_some(day),
                branch: branch.clone(),
                status: status.as_deref().map(|s| parse_status(s, lang)).transpose()?,
            };
            let listed = register.filtered(&filter);
            if listed.is_empty() {
                writeln!(out, "{}", FollowupMsg::NoneListed.get(lang))?;
            }
            for a in &listed {
                write!(out, "{}", action_lines(a, day, lang))?;
            }
            writeln!(out, "{}", FollowupMsg::ListCount.fill(lang, &[&listed.len()]))?;
            Ok(0)
        }
        FollowupAction::Set(args) => set(ctx, args, out),
        FollowupAction::Check(args) => super::followup_check::run(ctx, args, out, err),
    }
}

fn set(ctx: &Context, args: &SetArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let edit = Edit {
        status: args.status.as_deref().map(|s| parse_status(s, lang)).transpose()?,
        report_back: args.report_back.clone(),
        reported_on: args.reported_on.as_deref().map(|d| parse_date(d, lang)).transpose()?,
        due: args.due.as_deref().map(|d| parse_date(d, lang)).transpose()?,
        responsible: args.responsible.clone(),
        checked_by: args.checked_by.clone(),
    };
    if edit == Edit::default() {
        return Err(Failure::usage(FollowupMsg::NothingToChange.get(lang).to_string()));
    }
    let _lock = lock(&args.folder, lang)?;
    let round = read_round(&args.folder, &ctx.templates, lang);
    let mut register = load(ctx, &args.folder)?;
    let path = register_path(&args.folder);
    if !register.apply(args.id, &edit) {
        let shown = display_safe(&path.to_string_lossy(), false);
        return Err(Failure { code: 1, message: FollowupMsg::NoSuchAction.fill(lang, &[&args.id, &shown]) });
    }
    // The edit itself must leave the register true to the round (a due date before it, say).
    let text = crate::store::followup::register_to_ron(&register);
    crate::store::followup::check_register(&path, &text, &register, &round.facts())
        .map_err(|e| register_failure(&e, lang))?;
    save_register(&path, &register)?;
    let status = register.get(args.id).map(|a| a.status.label(lang)).unwrap_or_default();
    writeln!(out, "{}", FollowupMsg::Updated.fill(lang, &[&args.id, &status]))?;
    Ok(0)
}

/// An action as `list` prints it: a head line, then its details indented.
pub fn action_lines(a: &Action, today: Date, lang: Lang) -> String {
    let mut head = format!(
        "{:>3}. [{}] {} ({}): {}",
        a.id,
        a.status.label(lang),
        one_line(&a.branch),
        one_line(&a.committee),
        one_line(&a.finding)
    );
    if a.is_overdue(today) {
        head.push_str(&format!(" — {}", FollowupMsg::Overdue.get(lang).to_uppercase()));
    }
    let mut details = vec![FollowupMsg::Due.fill(lang, &[&a.due]), format!("{}: {}", "id", a.item)];
    if !a.responsible.is_empty() {
        details.push(FollowupMsg::Responsible.fill(lang, &[&one_line(&a.responsible)]));
    }
    if !a.report_back.is_empty() || a.reported_on.is_some() {
        let on = a.reported_on.map(|d| d.to_string()).unwrap_or_else(|| "?".into());
        details.push(FollowupMsg::ReportBack.fill(lang, &[&on, &one_line(&a.report_back)]));
    }
    if !a.checked_by.is_empty() {
        details.push(FollowupMsg::CheckedBy.fill(lang, &[&one_line(&a.checked_by)]));
    }
    format!("{head}\n     {}\n", details.join(" · "))
}

/// The about of `followup` and its subcommands, in the strings table.
pub fn help_about(path: &str) -> Option<FollowupMsg> {
    // `khaosat followup help init` holds a copy of `followup init` (for completions): same text.
    let path = path.split(' ').filter(|word| *word != "help").collect::<Vec<_>>().join(" ");
    Some(match path.as_str() {
        "followup" => FollowupMsg::CliCmdFollowup,
        "followup init" => FollowupMsg::CliCmdInit,
        "followup list" => FollowupMsg::CliCmdList,
        "followup set" => FollowupMsg::CliCmdSet,
        _ => return None,
    })
}

/// The help of argument `id` of the `followup` commands.
pub fn help_arg(path: &str, id: &str) -> Option<FollowupMsg> {
    Some(match (path, id) {
        ("followup init" | "followup list" | "followup set", "folder") => FollowupMsg::CliArgFolder,
        ("followup list", "overdue") => FollowupMsg::CliArgOverdue,
        ("followup list", "today") => FollowupMsg::CliArgToday,
        ("followup list", "branch") => FollowupMsg::CliArgBranch,
        ("followup list" | "followup set", "status") => FollowupMsg::CliArgStatus,
        ("followup set", "id") => FollowupMsg::CliArgId,
        ("followup set", "report_back") => FollowupMsg::CliArgReportBack,
        ("followup set", "reported_on") => FollowupMsg::CliArgReportedOn,
        ("followup set", "due") => FollowupMsg::CliArgDue,
        ("followup set", "responsible") => FollowupMsg::CliArgResponsible,
        ("followup set", "checked_by") => FollowupMsg::CliArgCheckedBy,
        _ => return None,
    })
}
