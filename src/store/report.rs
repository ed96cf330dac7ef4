//! Everything a report is made of, read from disk: the visits (merged as `summary` merges them,
//! answers kept for the appendix's tables), the round governing the first path and the team's
//! report.ron beside it; then the report built from them ([`crate::core::report::build`]). One
//! place for `khaosat report` and the TUI's `m`.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::followup::{RegisterError, check_register, load_register, register_path};
use super::format::LoadError;
use super::read::{Merged, Report as Piece, VisitReader, summarize};
use super::report_text::{load_report_text_or_default, report_file_for};
use super::round::{find_round_file, load_round};
use crate::core::followup::{RoundFacts, register_in, report_part};
use crate::core::report::{Built, ReportText, build};
use crate::core::summary::{Filters, Summary, SummaryBuilder};
use crate::core::template::Template;
use crate::strings::Lang;

/// A report built from files, with what was read.
pub struct Gathered {
    /// The report and the warnings of its building (no round, drafts …).
    pub built: Built,
    /// The summary the report was built from (for the warnings its outputs give: rounds that
    /// disagree, mixed rule sets).
    pub summary: Summary,
    /// Files skipped and round files that cannot be read, in the order met.
    pub warnings: Vec<String>,
    pub loaded: usize,
    pub skipped: usize,
}

/// Why no report could be built.
pub enum GatherError {
    /// No visit file under the paths.
    NoFiles,
    /// report.ron is there but cannot be read: its text must not silently become blanks.
    ReportText(LoadError),
}

/// Read the visits under `paths` against `templates` and build their report, in `lang`.
pub fn gather_report(paths: &[PathBuf], templates: &[Template], lang: Lang) -> Result<Gathered, GatherError> {
    let mut reader = VisitReader::new(paths, templates);
    if reader.is_empty() {
        return Err(GatherError::NoFiles);
    }
    let builder = SummaryBuilder::new(lang, Filters::default()).keep_answers(true);
    let mut warnings: Vec<String> = Vec::new();
    let merged = summarize(&mut reader, builder, lang, |piece| match piece {
        Piece::Skipped(e) | Piece::RoundProblem(e) => warnings.push(e.display(lang)),
        Piece::Progress { .. } => {}
    });
    drop(reader);
    let Merged { summary, loaded, skipped } = merged;
    let first = paths.first().cloned().unwrap_or_default();
    let round = find_round_file(&first).and_then(|file| load_round(&file).ok());
    let text = match report_file_for(&first) {
        Some(file) => load_report_text_or_default(&file).map_err(GatherError::ReportText)?,
        None => ReportText::default(),
    };
    let mut built = build(&summary, round.as_ref(), &text, templates);
    add_followup(&mut built, (&first, templates), &summary, text.date, lang, &mut warnings);
    Ok(Gathered { built, summary, warnings, loaded, skipped })
}

/// When the first path is a round folder with a follow-up register, the report's part "Tình hình
/// khắc phục" after the others, overdue judged on the report's date (today when it has none). A
/// register that cannot be used is a warning and leaves the part out: the rest of the report stands.
fn add_followup(
    built: &mut Built,
    (first, templates): (&Path, &[Template]),
    summary: &Summary,
    date: Option<Date>,
    lang: Lang,
    warnings: &mut Vec<String>,
) {
    let path = register_path(first);
    if !first.is_dir() || !path.exists() {
        return;
    }
    let loaded = load_register(&path).map_err(RegisterError::Load).and_then(|found| {
        let Some((register, text)) = found else { return Ok(None) };
        check_register(&path, &text, &register, &RoundFacts::of(summary))?;
        Ok(Some(register))
    });
    match loaded {
        Ok(Some(register)) => {
            let on = date.unwrap_or_else(|| Timestamp::now().to_zoned_datetime(TimeZone::system()).date());
            let position = built.report.parts.len() + 1;
            // Sentences in the report's language; the file keeps the ones init stored.
            let register = register_in(templates, &register, lang);
            built.report.parts.push(report_part(&register, on, position, lang));
        }
        Ok(None) => {}
        Err(e) => warnings.push(e.display(lang)),
    }
}
