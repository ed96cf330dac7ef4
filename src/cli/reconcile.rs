//! `khaosat reconcile A.ron B.ron [--take a|b] [--pick ITEM=a|b]...` and
//! `khaosat reconcile --undo RESULT.ron [--force]`: two records of one meeting made into one visit.
//!
//! Both records are locked while the command works ([`open_pair`]). The table of the two records
//! (agree / differ / only in A / only in B, answers in words) is printed; while differences are
//! left to pick, the command says which and exits 1, writing nothing. With every difference
//! picked, the reconciled visit is written beside A and the records are kept, marked
//! `reconciled_into` (see `store::reconcile`). Also here: the summary's warning about records not
//! reconciled yet, and the texts of `reconcile --help`.
//!
//! Exit codes: 0 done; 1 differences left to pick, a record locked, already reconciled, or (undo)
//! a reconciled visit final or edited since; 2 not two records of one meeting and template, a
//! reconciled visit to undo that is not one, usage or I/O errors.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::{Cli, Context, Failure, config_path};
use crate::core::reconcile::{Picks, ReconcileError, Row, RowKind, Side, compare_records, reconcile};
use crate::core::summary::Summary;
use crate::core::text::{clean, date_text, display_safe};
use crate::core::visit::now;
use crate::store::reconcile::{LockedPair, open_pair, undo, write};
use crate::strings::{Lang, ReconcileMsg as M};

/// Differences named in the summary's warning; more are counted, not named.
const DIFFERENCES_NAMED: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SideArg {
    A,
    B,
}

impl From<SideArg> for Side {
    fn from(s: SideArg) -> Side {
        match s {
            SideArg::A => Side::A,
            SideArg::B => Side::B,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct ReconcileArgs {
    /// The two visit files A B (with --undo: the visit made by reconciling).
    #[arg(required = true, num_args = 1..=2, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Take side a or b for every difference not picked one by one.
    #[arg(long, value_enum, value_name = "SIDE")]
    pub take: Option<SideArg>,
    /// Pick a side for one difference: ITEM=a or ITEM=b; repeatable.
    #[arg(long = "pick", value_name = "ITEM=SIDE")]
    pub picks: Vec<String>,
    /// Undo a reconciliation.
    #[arg(long)]
    pub undo: bool,
    /// With --undo: undo even when the visit made was edited since.
    #[arg(long, requires = "undo")]
    pub force: bool,
    /// Who reconciles (else the config's inspector).
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

fn shown(path: &Path) -> String {
    display_safe(&path.to_string_lossy(), false)
}

pub fn run(cli: &Cli, ctx: &Context, args: &ReconcileArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let failed = |e: crate::store::reconcile::ReconcileFileError| Failure { code: e.code(), message: e.message(lang) };
    match (args.undo, args.files.as_slice()) {
        (true, [result]) => {
            let done = undo(result, &ctx.templates, args.force).map_err(failed)?;
            for name in &done.missing {
                writeln!(
                    out,
                    "{}",
                    M::RecUndoOriginalMissing.fill(lang, &[&display_safe(name, false), &shown(result)])
                )?;
            }
            let restored: Vec<String> = done.restored.iter().map(|p| shown(p)).collect();
            writeln!(out, "{}", M::RecUndone.fill(lang, &[&shown(&done.removed), &restored.join(", ")]))?;
            Ok(0)
        }
        (false, [a, b]) => {
            let pair = open_pair(a, b, &ctx.templates).map_err(failed)?;
            reconcile_pair(cli, ctx, args, &pair, out)
        }
        _ => Err(Failure::usage(M::RecUsage.get(lang).to_string())),
    }
}

fn reconcile_pair(
    cli: &Cli,
    ctx: &Context,
    args: &ReconcileArgs,
    pair: &LockedPair,
    out: &mut dyn Write,
) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let rows = compare_records(&pair.a, &pair.b, &pair.template);
    out.write_all(table(pair, &rows, lang).as_bytes())?;
    let picks = picks(args, &rows, lang)?;
    let by = who(cli, args.by.as_deref());
    let result = match reconcile(&pair.a, &pair.b, &picks, &by, now()) {
        Ok(result) => result,
        Err(ReconcileError::Unpicked(keys)) => {
            return Err(Failure { code: 1, message: M::RecToPick.fill(lang, &[&keys.len(), &keys.join(", ")]) });
        }
        // open_pair has checked the meeting and the template; kept for completeness.
        Err(_) => return Err(Failure::usage(M::RecUsage.get(lang).to_string())),
    };
    let inspectors = result.inspectors.len();
    let dir = match pair.a_path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let path = write(&dir, pair, result).map_err(|e| Failure { code: e.code(), message: e.message(lang) })?;
    writeln!(
        out,
        "{}",
        M::RecDone.fill(lang, &[&shown(&pair.a_path), &shown(&pair.b_path), &shown(&path), &inspectors])
    )?;
    Ok(0)
}

/// `--by`, else the config's inspector, else nobody named.
fn who(cli: &Cli, by: Option<&str>) -> String {
    let given = by.map(|b| clean(b, false).trim().to_string()).filter(|b| !b.is_empty());
    given
        .or_else(|| {
            let (config, _) = crate::cli::config::load(&config_path(cli)?);
            Some(clean(&config.inspector, false).trim().to_string()).filter(|n| !n.is_empty())
        })
        .unwrap_or_default()
}

/// `--take` and every `--pick`, each pick matched to a difference of `rows`.
fn picks(args: &ReconcileArgs, rows: &[Row], lang: Lang) -> Result<Picks, Failure> {
    let mut picks = Picks { all: args.take.map(Side::from), ..Picks::default() };
    let differences: Vec<&str> = rows.iter().filter(|r| r.needs_pick()).map(Row::key).collect();
    for typed in &args.picks {
        let bad = || Failure::usage(M::RecBadPick.fill(lang, &[&display_safe(typed, false)]));
        let (name, side) = typed.rsplit_once('=').ok_or_else(bad)?;
        let side = match side.trim().to_lowercase().as_str() {
            "a" => Side::A,
            "b" => Side::B,
            _ => return Err(bad()),
        };
        let row = rows.iter().find(|r| r.needs_pick() && r.is_named(name)).ok_or_else(|| {
            Failure::usage(M::RecUnknownPick.fill(lang, &[&display_safe(name, false), &differences.join(", ")]))
        })?;
        picks.each.insert(row.key().to_string(), side);
    }
    Ok(picks)
}

/// The two records side by side, as text safe for a terminal.
pub fn table(pair: &LockedPair, rows: &[Row], lang: Lang) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    for (side, path, visit) in [("A", &pair.a_path, &pair.a), ("B", &pair.b_path, &pair.b)] {
        let who = display_safe(&crate::core::reconcile::author(visit), false);
        let _ = writeln!(s, "{}", M::RecLegend.fill(lang, &[&side, &shown(path), &who]));
    }
    let _ = writeln!(s);
    let count = |kind: RowKind| rows.iter().filter(|r| r.kind == kind).count();
    for row in rows {
        let tag = match row.kind {
            RowKind::Agree => M::RecAgree,
            RowKind::Differ => M::RecDiffer,
            RowKind::OnlyA => M::RecOnlyA,
            RowKind::OnlyB => M::RecOnlyB,
        };
        let label = display_safe(&row.label(&pair.template, lang), false);
        let answer = |side: Side| {
            let text = row.text(side, &pair.template, lang);
            if text.is_empty() { M::RecNoAnswer.get(lang).to_string() } else { display_safe(&text, false) }
        };
        let answers = match row.kind {
            RowKind::Differ => format!("A: {} | B: {}", answer(Side::A), answer(Side::B)),
            RowKind::OnlyB => answer(Side::B),
            RowKind::Agree | RowKind::OnlyA => answer(Side::A),
        };
        let _ = writeln!(s, "  [{}] {label} ({}): {answers}", tag.get(lang), row.key());
        let note = M::RecNote.get(lang);
        if row.note_a.trim() == row.note_b.trim() && !row.note_a.trim().is_empty() {
            let _ = writeln!(s, "      {note}: {}", display_safe(&row.note_a, false));
        } else {
            for (side, text) in [("A", &row.note_a), ("B", &row.note_b)] {
                if !text.trim().is_empty() {
                    let _ = writeln!(s, "      {note} {side}: {}", display_safe(text, false));
                }
            }
        }
    }
    let counts = [count(RowKind::Agree), count(RowKind::Differ), count(RowKind::OnlyA), count(RowKind::OnlyB)];
    let _ = writeln!(s, "\n{}", M::RecCounts.fill(lang, &[&counts[0], &counts[1], &counts[2], &counts[3]]));
    let _ = writeln!(s, "{}", M::RecNotesJoined.get(lang));
    s
}

/// One warning per meeting the summary counted once while its records are not reconciled: both
/// files, whose answers count, where they differ, and the command that reconciles them.
pub fn duplicate_warnings(summary: &Summary, lang: Lang) -> Vec<String> {
    summary
        .duplicates
        .iter()
        .map(|d| {
            let files: Vec<String> = d.files.iter().map(|f| shown(f)).collect();
            let mut differing: Vec<String> =
                d.differing.iter().take(DIFFERENCES_NAMED).map(|k| display_safe(k, false)).collect();
            if d.differing.len() > DIFFERENCES_NAMED {
                differing.push(format!("… (+{})", d.differing.len() - DIFFERENCES_NAMED));
            }
            let differing =
                if differing.is_empty() { M::RecNoDifference.get(lang).to_string() } else { differing.join(", ") };
            let first = files.first().cloned().unwrap_or_default();
            let second = files.get(1).cloned().unwrap_or_default();
            M::RecDuplicate.fill(
                lang,
                &[
                    &display_safe(&d.branch, false),
                    &display_safe(&d.committee, false),
                    &date_text(d.date, lang),
                    &files.len(),
                    &files.join(", "),
                    &first,
                    &differing,
                    &first,
                    &second,
                ],
            )
        })
        .collect()
}

/// The about of `khaosat reconcile` in `--help`, by the subcommand's path of names.
pub fn about(path: &str) -> Option<M> {
    let words: Vec<&str> = path.split(' ').filter(|w| *w != "help").collect();
    (words == ["reconcile"]).then_some(M::RecHelpAbout)
}

/// The help of argument `id` of `khaosat reconcile`.
pub fn arg_help(path: &str, id: &str) -> Option<M> {
    if path != "reconcile" {
        return None;
    }
    Some(match id {
        "files" => M::RecHelpFiles,
        "take" => M::RecHelpTake,
        "picks" => M::RecHelpPick,
        "undo" => M::RecHelpUndo,
        "force" => M::RecHelpForce,
        "by" => M::RecHelpBy,
        _ => return None,
    })
}
