//! `khaosat report PATH... [--format md|docx] [-o FILE] [--strict]`: the report a team signs.
//!
//! The visits are merged as `summary` merges them (the store's reader, answers kept for the
//! appendix's tables); the round is the round.ron governing the first PATH, and the team's own
//! text the report.ron beside it (or in the first PATH, a folder without a round). Markdown goes
//! to standard output unless `-o FILE`; a .docx needs `-o FILE`.
//!
//! Standard error lists every blank left in the report ("Còn trống: số báo cáo") and every
//! warning: files skipped, round files that cannot be read or disagree, mixed rule sets, no
//! round, drafts, visits of another round, planned branches not visited, duplicates, items
//! without a finding sentence. Exit codes: 0 the report was written, even with blanks and
//! warnings; 1 with `--strict` when there is a warning (blanks are not warnings: a report's
//! number and date are often left to the office), when no visit could be read, or when
//! report.ron cannot be read (its text must not silently become blanks); 2 usage or output errors.

use std::io::Write;
use std::path::PathBuf;

use crate::cli::{Context, Failure};
use crate::core::text::display_safe;
use crate::export::{self, one_line, report_docx, report_md};
use crate::store::report::{GatherError, Gathered, gather_report};
use crate::store::save::write_output;
use crate::strings::{Msg, ReportMsg};

/// The formats of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ReportFormat {
    /// Markdown, to standard output or a file.
    #[default]
    #[value(name = "md", alias = "markdown")]
    Markdown,
    /// A Word document in the Party's document layout; needs -o FILE.
    Docx,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Visit files and folders (searched recursively for .ron files); the first one's round gives
    /// the report's round and report.ron.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "md")]
    pub format: ReportFormat,
    /// Write to FILE (atomically) instead of standard output. Required for docx.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit 1 when there is any warning (blanks are not warnings).
    #[arg(long)]
    pub strict: bool,
}

pub fn run(ctx: &Context, args: &ReportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, Failure> {
    let lang = ctx.lang;
    if args.format == ReportFormat::Docx && args.output.is_none() {
        return Err(Failure::usage(ReportMsg::RptDocxNeedsOutput.get(lang).to_string()));
    }
    let shown = |path: &std::path::Path| display_safe(&path.to_string_lossy(), false);
    let gathered = gather_report(&args.paths, &ctx.templates, lang).map_err(|e| match e {
        GatherError::NoFiles => {
            let names: Vec<String> = args.paths.iter().map(|p| shown(p)).collect();
            Failure::usage(Msg::CliNoFiles.fill(lang, &[&names.join(", ")]))
        }
        GatherError::ReportText(e) => Failure { code: 1, message: e.display(lang) },
    })?;
    let Gathered { built, summary, mut warnings, loaded, skipped } = gathered;
    warnings.extend(export::round_warnings(&summary, &one_line));
    warnings.extend(export::score::rule_sets_warning(&summary, &one_line));
    warnings.extend(built.warnings);

    let bytes = match args.format {
        ReportFormat::Markdown => report_md::render(&built.report).into_bytes(),
        ReportFormat::Docx => report_docx::write_docx(&built.report)
            .map_err(|e| Failure { code: 2, message: Msg::SumExportFailed.fill(lang, &[&e]) })?,
    };
    match &args.output {
        Some(path) => {
            write_output(path, &bytes)
                .map_err(|e| Failure { code: 2, message: Msg::ErrWrite.fill(lang, &[&shown(path), &e]) })?;
            writeln!(err, "{}", Msg::SumWrote.fill(lang, &[&shown(path)]))?;
        }
        None => {
            out.write_all(&bytes)?;
            out.flush()?;
        }
    }
    for blank in built.report.blanks() {
        writeln!(err, "{}", ReportMsg::RptBlankLine.fill(lang, &[&one_line(&blank)]))?;
    }
    for warning in &warnings {
        writeln!(err, "{}", one_line(warning))?;
    }
    if loaded == 0 && skipped > 0 {
        writeln!(err, "{}", Msg::SumNoneLoaded.fill(lang, &[&(loaded + skipped)]))?;
        return Ok(1);
    }
    Ok(if args.strict && !warnings.is_empty() { 1 } else { 0 })
}
