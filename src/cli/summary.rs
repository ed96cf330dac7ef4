//! `khaosat summary PATH...`: merge visit files into a findings report.
//!
//! The visits are read and merged by the store's reader ([`summarize`], the same pipeline as the
//! TUI's summary screen). A file that fails to load is reported on stderr and in the report, and
//! skipped.
//!
//! Records of one meeting not reconciled yet are counted once and named in a warning, with the
//! `khaosat reconcile` that ends it.
//!
//! Exit codes: 0 a summary was produced; 1 with `--strict` when a file was skipped or a meeting
//! has records not reconciled, or when no file could be loaded at all; 2 usage or output errors.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use crate::cli::{Context, Failure};
use crate::core::summary::{Filters, Summary, SummaryBuilder};
use crate::core::text::{clean, display_safe};
use crate::core::visit::{BranchType, parse_date};
use crate::export::{self, Format};
use crate::store::read::{Merged, Report, VisitReader, summarize};
use crate::store::save::write_output;
use crate::strings::{Lang, Msg};

/// More files than this show a progress bar (on a terminal).
const PROGRESS_FROM: usize = 1024;

#[derive(Debug, clap::Args)]
pub struct SummaryArgs {
    /// Visit files and folders (searched recursively for .ron files), and summaries written with
    /// --format json (files ending in .json), which are rolled up with the rest.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The level a roll-up speaks for, e.g. "Đảng bộ phường Nghĩa Đô".
    #[arg(long, value_name = "NAME")]
    pub level: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Write to FILE (atomically) instead of standard output. Required for xlsx.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit 1 when any file was skipped, or a meeting has several records not reconciled.
    #[arg(long)]
    pub strict: bool,
    /// Only visits whose parent committee contains this text (case and accents ignored).
    #[arg(long)]
    pub committee: Option<String>,
    /// Only this branch type (nong_thon, khu_dan_cu, co_quan, su_nghiep, truong_hoc, dn_nha_nuoc,
    /// dn_ngoai_nha_nuoc, hop_tac_xa, quan_doi, cong_an, khac).
    #[arg(long = "type", value_name = "TYPE")]
    pub branch_type: Option<String>,
    /// Only visits by an inspector whose name contains this text (case and accents ignored).
    #[arg(long)]
    pub inspector: Option<String>,
    /// Only meetings on or after this date (YYYY-MM-DD or dd/mm/yyyy).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only meetings on or before this date (YYYY-MM-DD or dd/mm/yyyy).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Leave draft visits out.
    #[arg(long)]
    pub final_only: bool,
}

fn filters(args: &SummaryArgs, lang: Lang) -> Result<Filters, Failure> {
    let date = |text: &Option<String>| -> Result<_, Failure> {
        match text {
            None => Ok(None),
            Some(t) => parse_date(t)
                .map(Some)
                .ok_or_else(|| Failure::usage(Msg::CliBadDate.fill(lang, &[&display_safe(t, false)]))),
        }
    };
    let branch_type = match &args.branch_type {
        None => None,
        Some(t) => Some(BranchType::from_id(t.trim()).ok_or_else(|| {
            let all: Vec<&str> = BranchType::ALL.iter().map(|t| t.id()).collect();
            Failure::usage(Msg::CliBadType.fill(lang, &[&display_safe(t, false), &all.join(", ")]))
        })?),
    };
    let text = |t: &Option<String>| t.as_deref().map(|t| clean(t, false)).filter(|t| !t.trim().is_empty());
    Ok(Filters {
        committee: text(&args.committee),
        branch_type,
        inspector: text(&args.inspector),
        from: date(&args.from)?,
        to: date(&args.to)?,
        final_only: args.final_only,
    })
}

pub fn run(ctx: &Context, args: &SummaryArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, Failure> {
    let lang = ctx.lang;
    if args.format.is_binary() && args.output.is_none() {
        return Err(Failure::usage(Msg::SumXlsxNeedsOutput.get(lang).to_string()));
    }
    let (summaries, visit_paths): (Vec<PathBuf>, Vec<PathBuf>) =
        args.paths.iter().cloned().partition(|p| crate::cli::rollup::is_summary_json(p));
    let rolling = !summaries.is_empty() || args.level.is_some();
    let visits = if visit_paths.is_empty() { None } else { Some(read_visits(ctx, args, &visit_paths, err)?) };
    let (summary, loaded, skipped) = if rolling {
        crate::cli::rollup::roll_up(ctx, args.level.as_deref(), &summaries, &visit_paths, visits, err)?
    } else {
        match visits {
            Some(read) => read,
            None => return Err(Failure::usage(Msg::CliNoFiles.fill(lang, &[&String::new()]))),
        }
    };
    let unreconciled = summary.duplicates.len();
    let header = crate::cli::rollup::header(&summary, args.format, lang);
    let export_failed = |e: export::ExportError| Failure { code: 2, message: Msg::SumExportFailed.fill(lang, &[&e]) };
    match &args.output {
        Some(path) => {
            let mut bytes = header.into_bytes();
            bytes.extend(export::render(&summary, args.format).map_err(export_failed)?);
            write_output(path, &bytes).map_err(|e| Failure {
                code: 2,
                message: Msg::ErrWrite.fill(lang, &[&display_safe(&path.to_string_lossy(), false), &e]),
            })?;
            writeln!(err, "{}", Msg::SumWrote.fill(lang, &[&display_safe(&path.to_string_lossy(), false)]))?;
        }
        None => {
            // Written as produced: the JSON of a large summary is never held whole.
            let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
            out.write_all(header.as_bytes())?;
            export::write(&summary, args.format, &mut out).map_err(|e| match e {
                export::ExportError::Io(e) => Failure::from(e),
                export::ExportError::Json(e) if e.is_io() => Failure::from(std::io::Error::from(e)),
                e => export_failed(e),
            })?;
            out.flush()?;
        }
    }
    // The process ends after this command: handing the summary's half a million small
    // allocations back one by one would take longer than writing them out did.
    std::mem::forget(summary);
    if loaded == 0 && skipped > 0 {
        writeln!(err, "{}", Msg::SumNoneLoaded.fill(lang, &[&(loaded + skipped)]))?;
        return Ok(1);
    }
    if args.strict && unreconciled > 0 {
        writeln!(err, "{}", crate::strings::ReconcileMsg::RecStrictFailed.fill(lang, &[&unreconciled]))?;
        return Ok(1);
    }
    Ok(if args.strict && skipped > 0 { 1 } else { 0 })
}

/// The visits of `paths` summarised, their warnings said on `err`: the summary, the files
/// loaded and the files skipped.
pub(crate) fn read_visits(
    ctx: &Context,
    args: &SummaryArgs,
    paths: &[PathBuf],
    err: &mut dyn Write,
) -> Result<(Summary, usize, usize), Failure> {
    let lang = ctx.lang;
    let filters = filters(args, lang)?;
    let mut reader = VisitReader::new(paths, &ctx.templates);
    if reader.is_empty() {
        let names: Vec<String> = paths.iter().map(|p| display_safe(&p.to_string_lossy(), false)).collect();
        return Err(Failure::usage(Msg::CliNoFiles.fill(lang, &[&names.join(", ")])));
    }
    let progress = std::io::stderr().is_terminal() && reader.file_count() > PROGRESS_FROM;
    // Hashes are for JSON, which may be rolled up (and a roll-up reads the visits as JSON).
    let hashes = args.format == Format::Json
        || args.paths.iter().any(|p| crate::cli::rollup::is_summary_json(p))
        || args.level.is_some();
    let builder = SummaryBuilder::new(lang, filters).keep_answers(args.format == Format::Xlsx).keep_hashes(hashes);
    // Problems are reported as they come; the first failure to write them ends the command.
    let mut write_error: Option<std::io::Error> = None;
    // Round files met only when gathering the summary's rounds are named after the count.
    let mut round_problems = Vec::new();
    let mut say = |report: Report| -> std::io::Result<()> {
        match report {
            Report::RoundProblem(e) => {
                round_problems.push(e.display(lang));
                Ok(())
            }
            Report::Skipped(e) => {
                if progress {
                    write!(err, "\r\x1b[K")?;
                }
                writeln!(err, "{}", e.display(lang))
            }
            Report::Progress { done, total } if progress => {
                write!(err, "\r{} {}", bar(done, total), Msg::SumProgress.fill(lang, &[&done, &total]))?;
                err.flush()
            }
            Report::Progress { .. } => Ok(()),
        }
    };
    let merged = summarize(&mut reader, builder, lang, |report| {
        if write_error.is_none()
            && let Err(e) = say(report)
        {
            write_error = Some(e);
        }
    });
    if let Some(e) = write_error {
        return Err(e.into());
    }
    let Merged { summary, loaded, skipped } = merged;
    // The reader's list of files is not needed for the export: not held through it.
    drop(reader);
    if progress {
        writeln!(err)?;
    }
    if skipped > 0 {
        writeln!(err, "{}", Msg::SumSkippedTotal.fill(lang, &[&skipped]))?;
    }
    for problem in round_problems {
        writeln!(err, "{problem}")?;
    }
    for warning in export::round_warnings(&summary, &export::one_line) {
        writeln!(err, "{warning}")?;
    }
    // Mixed rule sets are said, not refused (not even with --strict, which is about files that
    // could not be read): a round across the day a new rule set came into force is normal.
    if let Some(warning) = export::score::rule_sets_warning(&summary, &export::one_line) {
        writeln!(err, "{warning}")?;
    }
    // Records of one meeting not reconciled yet: counted once, said, and refused under --strict.
    for warning in crate::cli::reconcile::duplicate_warnings(&summary, lang) {
        writeln!(err, "{warning}")?;
    }
    Ok((summary, loaded, skipped))
}

/// `[#####-----]`: how far the reading has gone.
fn bar(done: usize, total: usize) -> String {
    const WIDTH: usize = 20;
    let filled = (done * WIDTH).checked_div(total).unwrap_or(WIDTH).min(WIDTH);
    format!("[{}{}]", "#".repeat(filled), "-".repeat(WIDTH - filled))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_bar_fills() {
        assert_eq!(bar(0, 10), "[--------------------]");
        assert_eq!(bar(5, 10), "[##########----------]");
        assert_eq!(bar(10, 10), "[####################]");
        assert_eq!(bar(0, 0), "[####################]");
    }
}
