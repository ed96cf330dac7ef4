//! `khaosat git init|doctor [DIR]` and `khaosat sync [DIR]`: a team's data folder as a git
//! repository whose visits merge item by item. The work is in `store::git`; here the folder is
//! chosen and the reports are printed.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::{Cli, Context, Failure};
use crate::store::git::{doctor, init, sync};
use crate::store::resolve_data_dir;
use crate::strings::{Msg, SyncMsg};

#[derive(Debug, Subcommand)]
pub enum GitAction {
    /// Make the data folder a git repository (or adopt one) that merges visits item by item.
    Init {
        #[arg(value_name = "DIR")]
        folder: Option<PathBuf>,
    },
    /// Say what is wrong with the repository and the command that fixes it (exit 1 when anything is).
    Doctor {
        #[arg(value_name = "DIR")]
        folder: Option<PathBuf>,
    },
}

#[derive(Debug, clap::Args)]
pub struct SyncArgs {
    /// Folder (default: the data folder).
    #[arg(value_name = "DIR")]
    pub folder: Option<PathBuf>,
    /// Print the time spent in git and in khaosat.
    #[arg(long)]
    pub timings: bool,
}

/// The folder a command works on: the one named, else `--dir`, `$KHAOSAT_DIR`, the data folder.
fn folder(cli: &Cli, ctx: &Context, named: Option<&Path>) -> Result<PathBuf, Failure> {
    named
        .map(Path::to_path_buf)
        .or_else(|| resolve_data_dir(cli.dir.as_deref()))
        .ok_or_else(|| Failure::usage(Msg::ErrNoHome.get(ctx.lang).to_string()))
}

pub fn run_git(cli: &Cli, ctx: &Context, action: &GitAction, out: &mut dyn Write) -> Result<u8, Failure> {
    let lang = ctx.lang;
    match action {
        GitAction::Init { folder: named } => {
            let dir = folder(cli, ctx, named.as_deref())?;
            let program = std::env::current_exe().map_err(|e| Failure { code: 2, message: e.to_string() })?;
            let report = init::init(&dir, &program).map_err(|e| {
                let code = if matches!(e, init::InitError::NoWorkTree(_)) { 1 } else { 2 };
                Failure { code, message: e.display(lang) }
            })?;
            for line in report.lines(lang) {
                writeln!(out, "{line}")?;
            }
            Ok(0)
        }
        GitAction::Doctor { folder: named } => {
            let dir = folder(cli, ctx, named.as_deref())?;
            let findings = doctor::doctor(&dir).map_err(|e| Failure { code: 2, message: e.display(lang) })?;
            if findings.is_empty() {
                writeln!(out, "{}", SyncMsg::DoctorHealthy.get(lang))?;
                return Ok(0);
            }
            for finding in &findings {
                writeln!(out, "{}", finding.sentence(&dir, lang))?;
            }
            Ok(1)
        }
    }
}

pub fn run_sync(cli: &Cli, ctx: &Context, args: &SyncArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let dir = folder(cli, ctx, args.folder.as_deref())?;
    let report = sync::sync(&dir, &sync::SyncOptions::default()).map_err(|e| {
        let code = if matches!(e, sync::SyncError::Git(_) | sync::SyncError::Io(_)) { 2 } else { 1 };
        Failure { code, message: e.display(&dir, lang) }
    })?;
    for line in report.lines(lang) {
        writeln!(out, "{line}")?;
    }
    if args.timings {
        let (total, git) = (report.total_time.as_millis(), report.git_time.as_millis());
        writeln!(out, "{}", SyncMsg::SyncTimings.fill(lang, &[&total, &git, &total.saturating_sub(git)]))?;
    }
    Ok(if report.needs_hand_merge() { 1 } else { 0 })
}

/// The about of this file's commands in `--help` (by their path of names).
pub fn help_about(path: &str) -> Option<SyncMsg> {
    // `khaosat git help init` holds a copy of `git init` (for completions): same text.
    let path = path.split(' ').filter(|word| *word != "help").collect::<Vec<_>>().join(" ");
    Some(match path.as_str() {
        "git" => SyncMsg::CliCmdGit,
        "git init" => SyncMsg::CliCmdGitInit,
        "git doctor" => SyncMsg::CliCmdGitDoctor,
        "sync" => SyncMsg::CliCmdSync,
        _ => return None,
    })
}

/// The help of argument `id` of this file's commands.
pub fn help_arg(path: &str, id: &str) -> Option<SyncMsg> {
    Some(match (path, id) {
        ("git init" | "git doctor" | "sync", "folder") => SyncMsg::CliArgGitDir,
        ("sync", "timings") => SyncMsg::CliArgTimings,
        _ => return None,
    })
}
