//! `khaosat summary A.json B.json DIR …`: summaries written with `--format json` rolled up, with
//! the visits of any folders or visit files given beside them (summarised first, then merged as
//! one more summary). The merge is [`crate::core::summary::rollup`]; this reads the files, says
//! what was refused or differs, and writes the header naming the level and the reports.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::{Context, Failure};
use crate::core::summary::Summary;
use crate::core::summary::rollup::{InputError, Problem, SummaryJson, parse, rollup};
use crate::core::text::display_safe;
use crate::export::{self, Format};
use crate::strings::{Lang, RollupMsg};

/// The help of `summary`'s arguments that the roll-up added or widened.
pub fn arg_help(path: &str, id: &str) -> Option<RollupMsg> {
    match (path, id) {
        ("summary", "paths") => Some(RollupMsg::HelpPaths),
        ("summary", "level") => Some(RollupMsg::HelpLevel),
        _ => None,
    }
}

/// A path taken as a summary JSON rather than a visit file or folder.
pub fn is_summary_json(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) && !path.is_dir()
}

type Input = (String, Result<SummaryJson, InputError>);

/// Roll up the JSON summaries and, when some visits were read (from `visit_paths`), their
/// summary, at `level`: the result, the inputs merged (visits loaded count as one each) and the
/// inputs refused.
pub fn roll_up(
    ctx: &Context,
    level: Option<&str>,
    summaries: &[PathBuf],
    visit_paths: &[PathBuf],
    visits: Option<(Summary, usize, usize)>,
    err: &mut dyn Write,
) -> Result<(Summary, usize, usize), Failure> {
    let lang = ctx.lang;
    let mut inputs: Vec<Input> = Vec::new();
    let (mut loaded, mut skipped) = (0, 0);
    if let Some((summary, visits_loaded, visits_skipped)) = visits {
        loaded += visits_loaded;
        skipped += visits_skipped;
        let names: Vec<String> = visit_paths.iter().map(|p| p.to_string_lossy().into_owned()).collect();
        let name = names.join(", ");
        let text = export::render(&summary, Format::Json)
            .map_err(|e| Failure { code: 2, message: crate::strings::Msg::SumExportFailed.fill(lang, &[&e]) })?;
        let text = String::from_utf8_lossy(&text).into_owned();
        inputs.push((name.clone(), parse(&name, &text)));
    }
    for path in summaries {
        let name = path.to_string_lossy().into_owned();
        let read = std::fs::read_to_string(path).map_err(|e| InputError {
            source: name.clone(),
            pointer: String::new(),
            problem: Problem::Io(e.to_string()),
        });
        let parsed = read.and_then(|text| parse(&name, &text));
        inputs.push((name, parsed));
    }
    let level = level.map(|l| crate::core::text::clean(l, false)).filter(|l| !l.trim().is_empty());
    let summary = rollup(inputs, level, lang);
    let Some(info) = summary.rolled_up.as_deref() else {
        return Ok((summary, loaded, skipped));
    };
    for refused in &info.refused {
        writeln!(err, "{}", display_safe(&refused.display(lang), false))?;
    }
    for note in &info.other_templates {
        let source = display_safe(&note.source, false);
        writeln!(err, "{}", RollupMsg::OtherTemplate.fill(lang, &[&source, &note.template, &note.version]))?;
    }
    loaded += info.sources.len();
    skipped += info.refused.len();
    Ok((summary, loaded, skipped))
}

/// What a roll-up's text or Markdown starts with: "Đảng bộ phường …: 3 báo cáo, 214 phiếu" and
/// one line per report. Empty for other formats (the JSON has it as `rollup`) and for summaries
/// that are not roll-ups.
pub fn header(summary: &Summary, format: Format, lang: Lang) -> String {
    let Some(info) = summary.rolled_up.as_deref() else {
        return String::new();
    };
    if !matches!(format, Format::Text | Format::Markdown) {
        return String::new();
    }
    let level = info.level.clone().unwrap_or_else(|| RollupMsg::NoLevel.get(lang).to_string());
    let visits: usize = info.sources.iter().map(|s| s.visits).sum();
    let sentence = RollupMsg::Header.fill(lang, &[&level, &info.sources.len(), &visits]);
    let mut lines = vec![match format {
        Format::Markdown => format!("**{sentence}**\n"),
        _ => sentence,
    }];
    for s in &info.sources {
        let name = display_safe(&s.name, false);
        lines.push(match &s.level {
            Some(l) => RollupMsg::SourceLevel.fill(lang, &[&name, l, &s.visits]),
            None => RollupMsg::SourceLine.fill(lang, &[&name, &s.visits]),
        });
    }
    for refused in &info.refused {
        lines.push(format!("- {}", RollupMsg::Refused.fill(lang, &[&display_safe(&refused.display(lang), false)])));
    }
    for c in &info.coverage {
        lines.push(RollupMsg::CoverageLine.fill(lang, &[&c.round, &c.visited, &c.planned, &c.finalised]));
    }
    format!("{}\n\n", lines.join("\n"))
}
