//! `khaosat finalise FILE [--by NAME]` and `khaosat reopen FILE --reason TEXT [--by NAME]`.
//!
//! Both take the visit's lock (so they never write under an open TUI session), load the visit
//! against the templates of its round, call the pure [`finalise`] / [`reopen`] and save atomically.
//! `finalise` refuses, listing them, while [`problems`] remain (exit 1); a visit already final is
//! left as it is (exit 0), unless it was edited after being final (exit 1: reopen it first).
//! Who: `--by`, else the inspector of the config file, else the visit's first inspector.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::round::load_with_round;
use crate::cli::{Cli, Context, Failure, config_path};
use crate::core::rules::problems;
use crate::core::text::{clean, display_safe};
use crate::core::visit::{ReopenError, Visit, VisitStatus, edited_after_final, finalise, now, reopen};
use crate::store::lock::{LockOutcome, lock_visit};
use crate::store::save_visit;
use crate::strings::Msg;

#[derive(Debug, clap::Args)]
pub struct FinaliseArgs {
    /// The visit file.
    pub file: PathBuf,
    /// Who marks it final (else the config's inspector, else the visit's first inspector).
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ReopenArgs {
    /// The visit file.
    pub file: PathBuf,
    /// Why it is reopened; kept in the file.
    #[arg(long)]
    pub reason: String,
    /// Who reopens it (else the config's inspector, else the visit's first inspector).
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

fn who(cli: &Cli, ctx: &Context, by: Option<&str>, visit: &Visit) -> Result<String, Failure> {
    let given = by.map(|b| clean(b, false).trim().to_string()).filter(|b| !b.is_empty());
    let configured = || {
        let path = config_path(cli)?;
        let (config, _) = crate::cli::config::load(&path);
        Some(clean(&config.inspector, false).trim().to_string()).filter(|n| !n.is_empty())
    };
    let first = || visit.inspectors.iter().map(|n| n.trim().to_string()).find(|n| !n.is_empty());
    given
        .or_else(configured)
        .or_else(first)
        .ok_or_else(|| Failure::usage(Msg::FinaliseNeedsBy.get(ctx.lang).to_string()))
}

fn shown(path: &Path) -> String {
    display_safe(&path.to_string_lossy(), false)
}

/// Lock, load: the visit, its template, and the lock to hold while saving.
fn open(
    ctx: &Context,
    file: &Path,
) -> Result<(Visit, crate::core::template::Template, crate::store::lock::VisitLock), Failure> {
    let lang = ctx.lang;
    let lock = match lock_visit(file) {
        Ok(LockOutcome::Acquired(lock)) => lock,
        Ok(LockOutcome::HeldBy(holder)) => {
            let who = holder.map(|h| format!("{}@{}", h.user, h.host)).unwrap_or_else(|| "?".into());
            return Err(Failure {
                code: 1,
                message: Msg::VisitHeldCli.fill(lang, &[&shown(file), &display_safe(&who, false)]),
            });
        }
        Ok(LockOutcome::Odd(odd)) => {
            let args: [&dyn std::fmt::Display; 3] = [&shown(file), &shown(&odd.path), &odd.what(lang)];
            return Err(Failure { code: 1, message: Msg::OddLockRefused.fill(lang, &args) });
        }
        Err(e) => {
            return Err(Failure { code: 2, message: Msg::ErrWrite.fill(lang, &[&shown(file), &e]) });
        }
    };
    let (visit, template) = load_with_round(ctx, file).map_err(|e| Failure { code: 1, message: e.display(lang) })?;
    Ok((visit, template, lock))
}

fn save(ctx: &Context, file: &Path, visit: &Visit) -> Result<(), Failure> {
    save_visit(file, visit).map_err(|e| Failure { code: 2, message: Msg::ErrWrite.fill(ctx.lang, &[&shown(file), &e]) })
}

pub fn run_finalise(
    cli: &Cli,
    ctx: &Context,
    args: &FinaliseArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let (mut visit, template, _lock) = open(ctx, &args.file)?;
    if visit.status == VisitStatus::Final {
        if edited_after_final(&visit) {
            return Err(Failure { code: 1, message: Msg::FinaliseEditedAfter.fill(lang, &[&shown(&args.file)]) });
        }
        writeln!(out, "{}", Msg::FinaliseAlready.fill(lang, &[&shown(&args.file)]))?;
        return Ok(0);
    }
    let list = problems(&template, &visit);
    if !list.is_empty() {
        let name = |id: &str| match template.item(id) {
            Some(r) => format!("{} ({id})", r.item.text.get(lang)),
            None => id.to_string(),
        };
        for p in &list {
            writeln!(err, "{}: {}", shown(&args.file), display_safe(&p.message(lang, &name), false))?;
        }
        return Err(Failure { code: 1, message: Msg::FinaliseProblems.fill(lang, &[&shown(&args.file), &list.len()]) });
    }
    let by = who(cli, ctx, args.by.as_deref(), &visit)?;
    finalise(&mut visit, &by, now());
    save(ctx, &args.file, &visit)?;
    writeln!(out, "{}", Msg::FinaliseDone.fill(lang, &[&shown(&args.file), &display_safe(&by, false)]))?;
    Ok(0)
}

pub fn run_reopen(cli: &Cli, ctx: &Context, args: &ReopenArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let lang = ctx.lang;
    if clean(&args.reason, true).trim().is_empty() {
        return Err(Failure::usage(Msg::ReopenEmptyReason.get(lang).to_string()));
    }
    let (mut visit, _, _lock) = open(ctx, &args.file)?;
    let by = who(cli, ctx, args.by.as_deref(), &visit)?;
    match reopen(&mut visit, &by, &args.reason, now()) {
        Ok(()) => {}
        Err(ReopenError::NotFinal) => {
            return Err(Failure { code: 1, message: Msg::ReopenNotFinal.fill(lang, &[&shown(&args.file)]) });
        }
        Err(ReopenError::EmptyReason) => {
            return Err(Failure::usage(Msg::ReopenEmptyReason.get(lang).to_string()));
        }
    }
    save(ctx, &args.file, &visit)?;
    let reason = visit.reopened.last().map(|r| r.reason.as_str()).unwrap_or_default();
    writeln!(out, "{}", Msg::ReopenDone.fill(lang, &[&shown(&args.file), &display_safe(reason, false)]))?;
    Ok(0)
}
