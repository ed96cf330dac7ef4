//! `khaosat followup check OLD_ROUND NEW_ROUND [--apply]`: the earlier round's register read
//! against the next round, as `compare` reads it; with `--apply`, the results recorded (now passes
//! → checked_passed, fails again → checked_failed; who checked is left as it is), under the
//! register's lock.
//!
//! Exit codes: 0 checked; 1 OLD has no usable register, a side has no readable visit, or the
//! register is held by another session; 2 usage or I/O errors.

use std::io::Write;
use std::path::PathBuf;

use super::compare::{followup_text, load_side};
use super::{Context, Failure};
use crate::core::compare::compare;
use crate::core::followup::Edit;
use crate::core::text::display_safe;
use crate::store::followup::{checked_at_next_round, load_existing, register_path, save_register};
use crate::store::followup_next::lock_register;
use crate::strings::{FollowupNextMsg, Msg};

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The earlier round's folder (with followup.ron).
    #[arg(value_name = "OLD_ROUND")]
    pub old: PathBuf,
    /// The next round's folder.
    #[arg(value_name = "NEW_ROUND")]
    pub new: PathBuf,
    /// Record the results in followup.ron.
    #[arg(long)]
    pub apply: bool,
}

pub fn run(ctx: &Context, args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let shown = |p: &PathBuf| display_safe(&p.to_string_lossy(), false);
    // Held from before the read until after the write: no other program edits it in between.
    let _lock =
        if args.apply { lock_register(&args.old, lang).map_err(|m| Failure { code: 1, message: m })? } else { None };
    let old = load_side(ctx, &args.old, err)?;
    let new = load_side(ctx, &args.new, err)?;
    for (side, path) in [(&old, &args.old), (&new, &args.new)] {
        if side.outcomes.is_empty() {
            return Err(Failure { code: 1, message: Msg::CmpNoneLoaded.fill(lang, &[&shown(path)]) });
        }
    }
    let comparison = compare(&old.outcomes, &new.outcomes);
    let checked = checked_at_next_round(&args.old, &comparison, &ctx.templates, lang)
        .map_err(|e| Failure { code: 1, message: e.display(lang) })?
        .ok_or_else(|| Failure {
            code: 1,
            message: FollowupNextMsg::CheckNoRegister.fill(lang, &[&shown(&args.old)]),
        })?;
    out.write_all(followup_text(&Some(checked.clone()), &args.old, lang, false).trim_start().as_bytes())?;
    if args.apply {
        let mut register =
            load_existing(&args.old, &ctx.templates, ctx.lang).map_err(|message| Failure { code: 1, message })?;
        for (action, recheck) in &checked {
            register.apply(action.id, &Edit { status: Some(recheck.verdict.suggested()), ..Edit::default() });
        }
        let path = register_path(&args.old);
        save_register(&path, &register)?;
        writeln!(out, "{}", FollowupNextMsg::CheckApplied.fill(lang, &[&checked.len(), &shown(&path)]))?;
    }
    Ok(0)
}

/// The about of `followup check`, in the strings table.
pub fn help_about(path: &str) -> Option<FollowupNextMsg> {
    let path = path.split(' ').filter(|word| *word != "help").collect::<Vec<_>>().join(" ");
    (path == "followup check").then_some(FollowupNextMsg::CliCmdCheck)
}

/// The help of argument `id` of `followup check`.
pub fn help_arg(path: &str, id: &str) -> Option<FollowupNextMsg> {
    Some(match (path, id) {
        ("followup check", "old") => FollowupNextMsg::CliArgOld,
        ("followup check", "new") => FollowupNextMsg::CliArgNew,
        ("followup check", "apply") => FollowupNextMsg::CliArgApply,
        _ => return None,
    })
}
