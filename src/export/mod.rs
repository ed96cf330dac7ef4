//! Exporters: a [`Summary`] rendered as text, Markdown, CSV, JSON or XLSX.
//!
//! Each returns bytes (or a String) and never touches a file or a terminal: the CLI writes them
//! (atomically, through the store) and the TUI may show them. Text meant for a terminal or a
//! Markdown viewer goes through [`display_safe`]; CSV cells are neutralised against formula
//! injection; JSON and XLSX carry the text as data.

pub mod csv;
pub mod json;
pub mod markdown;
mod pretty;
pub mod report_docx;
pub mod report_md;
pub mod score;
pub mod text;
pub mod xlsx;

use crate::core::round::{RoundPart, SummaryRound};
use crate::core::summary::{BranchValue, Figure, FindingBranch, Summary};
use crate::core::text::{compare_names, display_safe, name_key};
use crate::strings::{Lang, Msg, RollupOriginMsg};

/// The output formats of `khaosat summary`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Plain text for the terminal.
    #[default]
    Text,
    /// A Markdown report in the style of the inspection team's article.
    #[value(name = "md", alias = "markdown")]
    Markdown,
    /// One row per finding and failing branch.
    Csv,
    Json,
    /// A workbook: findings, and visits × items.
    Xlsx,
}

impl Format {
    /// Binary formats are never written to a terminal.
    pub fn is_binary(self) -> bool {
        self == Format::Xlsx
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("csv: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("csv: {0}")]
    Io(#[from] std::io::Error),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("xlsx: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}

/// Render `summary` in `format`.
pub fn render(summary: &Summary, format: Format) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        Format::Text => text::render(summary).into_bytes(),
        Format::Markdown => markdown::render(summary).into_bytes(),
        Format::Csv => csv::render(summary)?,
        Format::Json => json::render(summary)?.into_bytes(),
        Format::Xlsx => xlsx::render(summary)?,
    })
}

/// Write `summary` in `format` to `out`: JSON as it is produced (a large summary never exists
/// twice in memory), the other formats rendered first. Give `out` a buffer.
pub fn write(summary: &Summary, format: Format, out: &mut dyn std::io::Write) -> Result<(), ExportError> {
    match format {
        Format::Json => json::write(summary, out),
        _ => Ok(out.write_all(&render(summary, format)?)?),
    }
}

pub use crate::core::text::{date_text, number_text};

/// Untrusted text on one line for a terminal: controls and bidi marks made visible, line breaks
/// shown as " / ".
pub fn one_line(text: &str) -> String {
    display_safe(text, true).lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" / ")
}

/// "Chi bộ số 11 (Đảng bộ phường Mai Dịch)", safe for a terminal.
pub fn branch_with_committee(branch: &str, committee: &str) -> String {
    format!("{} ({})", one_line(branch), one_line(committee))
}

/// A failing branch as the findings list it: "Chi bộ số 11 (Đảng bộ phường Mai Dịch)"; in a
/// roll-up with where it came from, the level of its report or else the report's name ("Chi bộ
/// số 11 (Đảng bộ phường Mai Dịch; Đảng bộ phường Nghĩa Đô)"). Texts through `esc`.
pub fn failing_branch(summary: &Summary, branch: &FindingBranch, esc: &dyn Fn(&str) -> String) -> String {
    let v = summary.visit_of(branch);
    match summary.rolled_up.as_ref().and_then(|r| r.origin(branch.visit)) {
        Some((report, level)) => {
            let lang = summary.lang;
            let from = level.map_or_else(|| RollupOriginMsg::ReportNamed.fill(lang, &[&report]), str::to_string);
            RollupOriginMsg::BranchFrom.fill(lang, &[&esc(&v.branch), &esc(&v.committee), &esc(&from)])
        }
        None => format!("{} ({})", esc(&v.branch), esc(&v.committee)),
    }
}

/// The "skipped" line of a file: `path:line:col: reason`, safe for a terminal.
pub fn skipped_text(s: &crate::core::summary::Skipped) -> String {
    let path = one_line(&s.path.to_string_lossy());
    match s.position {
        Some((line, col)) => format!("{path}:{line}:{col}: {}", one_line(&s.reason)),
        None => format!("{path}: {}", one_line(&s.reason)),
    }
}

/// The template versions line: "hd12-2018 phiên bản 1 (5 phiếu), hd12-2018 phiên bản 2 (1 phiếu)".
pub fn versions_text(summary: &Summary) -> String {
    let lang = summary.lang;
    summary
        .template_versions
        .iter()
        .map(|t| Msg::SumTemplateVersion.fill(lang, &[&one_line(&t.id), &t.version, &t.visits]))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The figures as lines, each with detail lines (per-branch values, branches outside thresholds).
/// `esc` makes untrusted text safe for the output at hand.
pub fn figure_lines(summary: &Summary, esc: &dyn Fn(&str) -> String) -> Vec<(String, Vec<String>)> {
    let lang = summary.lang;
    let f = &summary.figures;
    let values = |list: &[BranchValue], show: &dyn Fn(f64) -> String| -> String {
        list.iter()
            .filter_map(|b| {
                let v = summary.visits.get(b.visit)?;
                Some(format!("{} ({}) {}", esc(&v.branch), esc(&v.committee), show(b.value)))
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let outside = |fig: &Figure, show: &dyn Fn(f64) -> String| -> Option<String> {
        (!fig.outside.is_empty()).then(|| Msg::SumFigOutside.fill(lang, &[&values(&fig.outside, show)]))
    };
    let pct = |v: f64| format!("{}%", number_text(v, 1, lang));
    let count = |v: f64| number_text(v, 0, lang);
    let avg = |fig: &Figure| fig.average().map_or_else(|| "–".to_string(), |a| number_text(a, 1, lang));
    let minutes = |v: Option<f64>| v.map_or_else(|| "–".to_string(), |m| number_text(m, 0, lang));

    let mut lines = Vec::new();
    let att = &f.attendance;
    let head = match att.rate() {
        Some(rate) => Msg::SumFigAttendance.fill(lang, &[&number_text(rate, 1, lang), &att.present, &att.expected]),
        None => Msg::SumFigAttendanceNoData.get(lang).to_string(),
    };
    let mut details = Vec::new();
    if !att.rates.branches.is_empty() {
        details.push(Msg::SumFigAttendanceBranches.fill(lang, &[&values(&att.rates.branches, &pct)]));
    }
    details.extend(outside(&att.rates, &pct));
    lines.push((head, details));
    for (fig, msg) in [(&f.without_notebook, Msg::SumFigNotebook), (&f.speakers, Msg::SumFigSpeakers)] {
        let head = msg.fill(lang, &[&count(fig.total), &avg(fig), &fig.counted()]);
        lines.push((head, outside(fig, &count).into_iter().collect()));
    }
    let d = &f.duration;
    let head =
        Msg::SumFigDuration.fill(lang, &[&count(d.total), &avg(d), &minutes(d.min()), &minutes(d.max()), &d.counted()]);
    lines.push((head, outside(d, &count).into_iter().collect()));
    lines
}

/// Lines with their detail lines.
pub type Lines = Vec<(String, Vec<String>)>;

/// The coverage of every round with a plan: for each, a heading naming the round when more than
/// one round has a plan (None otherwise), and its lines with detail lines: the attended count
/// (and the missing branches), the final count, per inspector, visits of unplanned branches.
/// Empty when no round with a plan governs the summary. `esc` makes untrusted text safe for the
/// output at hand.
pub fn coverage_blocks(summary: &Summary, esc: &dyn Fn(&str) -> String) -> Vec<(Option<String>, Lines)> {
    let lang = summary.lang;
    let several = summary.coverages().count() > 1;
    summary
        .coverages()
        .map(|(round, c)| {
            let heading = several.then(|| Msg::CovRoundHeading.fill(lang, &[&esc(&round.round.decision)]));
            let mut lines = Vec::new();
            let missing: Vec<String> =
                c.missing().map(|p| format!("{} ({})", esc(&p.branch), esc(&p.committee))).collect();
            let details =
                if missing.is_empty() { Vec::new() } else { vec![Msg::CovMissing.fill(lang, &[&missing.join("; ")])] };
            lines.push((Msg::CovAttended.fill(lang, &[&c.visited(), &c.planned()]), details));
            lines.push((Msg::CovFinal.fill(lang, &[&c.finalised(), &c.planned()]), Vec::new()));
            for i in &c.inspectors {
                lines.push((
                    Msg::CovInspector.fill(lang, &[&esc(&i.inspector), &i.planned, &i.visited, &i.finalised]),
                    Vec::new(),
                ));
            }
            if !c.unplanned.is_empty() {
                let visits: Vec<String> = c
                    .unplanned
                    .iter()
                    .filter_map(|&i| summary.visits.get(i))
                    .map(|v| format!("{} ({})", esc(&v.branch), esc(&v.committee)))
                    .collect();
                lines.push((Msg::CovUnplanned.fill(lang, &[&visits.join("; ")]), Vec::new()));
            }
            (heading, lines)
        })
        .collect()
}

/// The report's round lines, in decision order: a round described by a round file gives its
/// decision's number, date and issuing body; a round only the visits name, its number.
pub fn round_lines(summary: &Summary, esc: &dyn Fn(&str) -> String) -> Vec<String> {
    let lang = summary.lang;
    let mut rounds: Vec<(&str, Option<&SummaryRound>)> =
        summary.described_rounds.iter().map(|r| (r.round.decision.as_str(), Some(r))).collect();
    for named in &summary.rounds {
        if !rounds.iter().any(|(decision, _)| name_key(decision) == name_key(named)) {
            rounds.push((named, None));
        }
    }
    rounds.sort_by(|a, b| compare_names(a.0, b.0));
    rounds
        .into_iter()
        .map(|(decision, described)| match described.map(|r| &r.round) {
            None => Msg::SumRound.fill(lang, &[&esc(decision)]),
            Some(r) if r.issued_by.trim().is_empty() => {
                Msg::SumRoundDecisionDated.fill(lang, &[&esc(decision), &date_text(r.decision_date, lang)])
            }
            Some(r) => Msg::SumRoundDecision
                .fill(lang, &[&esc(decision), &date_text(r.decision_date, lang), &esc(&r.issued_by)]),
        })
        .collect()
}

/// One sentence per round whose round files disagree: on what, and which files.
pub fn round_warnings(summary: &Summary, esc: &dyn Fn(&str) -> String) -> Vec<String> {
    let lang = summary.lang;
    summary
        .described_rounds
        .iter()
        .filter(|r| !r.disagreements.is_empty())
        .map(|r| {
            let parts: Vec<&str> = r.disagreements.iter().map(|p| round_part_label(*p, lang)).collect();
            let files: Vec<String> = r.files.iter().map(|f| esc(&f.to_string_lossy())).collect();
            Msg::SumRoundsDisagree.fill(lang, &[&esc(&r.round.decision), &parts.join(", "), &files.join(", ")])
        })
        .collect()
}

pub fn round_part_label(part: RoundPart, lang: Lang) -> &'static str {
    match part {
        RoundPart::DecisionDate => Msg::RoundPartDecisionDate,
        RoundPart::IssuedBy => Msg::RoundPartIssuedBy,
        RoundPart::Title => Msg::RoundPartTitle,
        RoundPart::Period => Msg::RoundPartPeriod,
        RoundPart::Members => Msg::RoundPartMembers,
        RoundPart::Documents => Msg::RoundPartDocuments,
        RoundPart::Plan => Msg::RoundPartPlan,
    }
    .get(lang)
}

/// "Số phiếu khảo sát được tổng hợp: 7", or "…: 14 phiếu của 7 chi bộ" when a branch was visited
/// more than once.
pub fn visit_count_line(summary: &Summary) -> String {
    let (visits, branches) = (summary.visits.len(), summary.branch_count());
    if branches < visits {
        Msg::SumVisitsOfBranches.fill(summary.lang, &[&visits, &branches])
    } else {
        Msg::SumVisitCount.fill(summary.lang, &[&visits])
    }
}

/// The visits edited after being final, one line each: branch (committee), date: file.
pub fn edited_after_final_lines(summary: &Summary, esc: &dyn Fn(&str) -> String) -> Vec<String> {
    let lang = summary.lang;
    summary
        .edited_after_final()
        .into_iter()
        .filter_map(|i| summary.visits.get(i))
        .map(|v| {
            format!(
                "{} ({}), {}: {}",
                esc(&v.branch),
                esc(&v.committee),
                date_text(v.date, lang),
                esc(&v.file.to_string_lossy())
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_follow_the_language() {
        assert_eq!(number_text(92.3077, 1, Lang::Vi), "92,3");
        assert_eq!(number_text(92.3077, 1, Lang::En), "92.3");
        assert_eq!(number_text(100.0, 1, Lang::Vi), "100");
        assert_eq!(number_text(4.0 / 3.0, 2, Lang::En), "1.33");
        let d = jiff::civil::date(2022, 4, 5);
        assert_eq!(date_text(d, Lang::Vi), "05/04/2022");
        assert_eq!(date_text(d, Lang::En), "2022-04-05");
    }

    #[test]
    fn one_line_shows_controls() {
        assert_eq!(one_line("a\u{1b}[31m\nb\u{202E}"), "a^[[31m / b<U+202E>");
    }
}
