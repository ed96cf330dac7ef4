//! The Markdown report, shaped like the inspection team's article: the round, the branches
//! attended, strengths as sentences, limitations as quantified sentences with their branches and
//! notes, figures, then one table per section.

use std::fmt::Write as _;

use crate::core::summary::{Summary, VisitInfo};
use crate::export::score::{rule_sets_warning, score_blocks};
use crate::export::{
    coverage_blocks, date_text, edited_after_final_lines, failing_branch, figure_lines, one_line, round_lines,
    round_warnings, skipped_text, versions_text, visit_count_line,
};
use crate::strings::Msg;

/// Untrusted text made inert for Markdown: terminal-safe, one line, and the characters that would
/// start emphasis, links, HTML or table cells escaped.
pub fn md(text: &str) -> String {
    let line = one_line(text);
    let mut out = String::with_capacity(line.len());
    for (i, c) in line.chars().enumerate() {
        let escape = matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~')
            || (i == 0 && matches!(c, '#' | '-' | '+' | '='));
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn branch(visit: &VisitInfo) -> String {
    format!("{} ({})", md(&visit.branch), md(&visit.committee))
}

pub fn render(summary: &Summary) -> String {
    let lang = summary.lang;
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "# {}\n", Msg::SumTitle.get(lang));
    for line in round_lines(summary, &md) {
        let _ = writeln!(w, "**{line}**\n");
    }
    for warning in round_warnings(summary, &md) {
        let _ = writeln!(w, "> {warning}\n");
    }
    if let Some((first, last)) = summary.report_period() {
        let _ = writeln!(w, "- {}", Msg::SumPeriod.fill(lang, &[&date_text(first, lang), &date_text(last, lang)]));
    }
    let _ = writeln!(w, "- {}", visit_count_line(summary));
    let inspectors = summary.inspectors();
    if !inspectors.is_empty() {
        let names: Vec<String> = inspectors.iter().map(|n| md(n)).collect();
        let _ = writeln!(w, "- {}", Msg::SumInspectors.fill(lang, &[&names.join(", ")]));
    }
    if !summary.template_versions.is_empty() {
        let _ = writeln!(w, "- {}", Msg::SumTemplates.fill(lang, &[&md(&versions_text(summary))]));
    }
    if summary.filtered_out > 0 {
        let _ = writeln!(w, "- {}", Msg::SumFilteredOut.fill(lang, &[&summary.filtered_out]));
    }
    if !summary.skipped.is_empty() {
        let _ = writeln!(w, "- {}", Msg::SumSkippedCount.fill(lang, &[&summary.skipped.len()]));
    }
    // Several rule sets say more than several versions of one: the one sentence that fits.
    match rule_sets_warning(summary, &md) {
        Some(warning) => {
            let _ = writeln!(w, "\n> {warning}");
        }
        None if summary.template_versions.len() > 1 => {
            let _ = writeln!(w, "\n{}", Msg::SumVersionsMerged.get(lang));
        }
        None => {}
    }

    let _ = writeln!(w, "\n## {}\n", Msg::SumAttended.get(lang));
    for (n, &i) in summary.visits_by_date().iter().enumerate() {
        let v = &summary.visits[i];
        let mut tags = Vec::new();
        if v.status == crate::core::visit::VisitStatus::Draft {
            tags.push(Msg::SumDraftTag.get(lang));
        }
        if v.duplicate {
            tags.push(Msg::SumDuplicateTag.get(lang));
        }
        if v.edited_after_final {
            tags.push(Msg::SumEditedAfterFinalTag.get(lang));
        }
        let tags = if tags.is_empty() { String::new() } else { format!(" *({})*", tags.join(", ")) };
        let on = Msg::SumAttendedOn.fill(lang, &[&date_text(v.date, lang)]);
        let _ = writeln!(w, "{}. {}, {on}{tags}", n + 1, branch(v));
    }

    let coverage = coverage_blocks(summary, &md);
    if !coverage.is_empty() {
        let _ = writeln!(w, "\n## {}\n", Msg::CovTitle.get(lang));
        for (n, (round, lines)) in coverage.into_iter().enumerate() {
            if let Some(round) = round {
                let gap = if n == 0 { "" } else { "\n" };
                let _ = writeln!(w, "{gap}### {round}\n");
            }
            for (line, details) in lines {
                let _ = writeln!(w, "- {line}");
                for detail in details {
                    let _ = writeln!(w, "  - {detail}");
                }
            }
        }
    }
    let edited = edited_after_final_lines(summary, &md);
    if !edited.is_empty() {
        let _ = writeln!(w, "\n## {}\n", Msg::SumEditedAfterFinal.get(lang));
        for line in edited {
            let _ = writeln!(w, "- {line}");
        }
    }

    let _ = writeln!(w, "\n## {}\n", Msg::SumStrengths.get(lang));
    if summary.strengths.is_empty() {
        let _ = writeln!(w, "{}", Msg::SumNoStrengths.get(lang));
    }
    for s in &summary.strengths {
        let _ = writeln!(w, "- {} ({}/{}).", md(&s.text), s.passing, s.assessed);
    }
    if !summary.other_strengths.is_empty() {
        let _ = writeln!(w, "\n### {}\n", Msg::SumOtherStrengths.get(lang));
        for line in &summary.other_strengths {
            let _ = writeln!(w, "- {} — {} ({})", md(&line.text), md(&line.branch), md(&line.committee));
        }
    }

    let _ = writeln!(w, "\n## {}\n", Msg::SumLimitations.get(lang));
    if summary.findings.is_empty() && summary.other_limitations.is_empty() {
        let _ = writeln!(w, "{}", Msg::SumNoFindings.get(lang));
    }
    for f in &summary.findings {
        let _ = writeln!(w, "- {}.", md(&f.sentence(lang)));
        let branches: Vec<String> = f.branches.iter().map(|b| failing_branch(summary, b, &md)).collect();
        if f.branches_agree() {
            let _ = writeln!(w, "  - {}: {}", Msg::SumBranchesLabel.get(lang), branches.join("; "));
        } else {
            // The sentence differs by branch ("{list}" items): one line each, with its own sentence.
            let _ = writeln!(w, "  - {}:", Msg::SumBranchesLabel.get(lang));
            for (name, b) in branches.iter().zip(&f.branches) {
                let _ = writeln!(w, "    - {name}: {}", md(f.branch_text(b)));
            }
        }
        let notes: Vec<String> = f
            .branches
            .iter()
            .filter(|b| !b.note.trim().is_empty())
            .map(|b| format!("{}: {}", md(&summary.visit_of(b).branch), md(&b.note)))
            .collect();
        if !notes.is_empty() {
            let _ = writeln!(w, "  - {}: {}", Msg::SumNotesLabel.get(lang), notes.join("; "));
        }
        if f.not_applicable + f.unanswered + f.not_in_template > 0 {
            let _ = writeln!(
                w,
                "  - {}",
                Msg::SumNotAssessed.fill(lang, &[&f.not_applicable, &f.unanswered, &f.not_in_template])
            );
        }
    }
    if !summary.other_limitations.is_empty() {
        let _ = writeln!(w, "\n### {}\n", Msg::SumOtherLimitations.get(lang));
        for line in &summary.other_limitations {
            let _ = writeln!(w, "- {} — {} ({})", md(&line.text), md(&line.branch), md(&line.committee));
        }
    }

    let _ = writeln!(w, "\n## {}\n", Msg::SumFigures.get(lang));
    figures(w, summary);

    scores(w, summary);

    let _ = writeln!(w, "\n## {}", Msg::SumDetails.get(lang));
    let versions = summary.template_versions.len() > 1;
    for section in &summary.sections {
        let items: Vec<_> = section.items.iter().filter(|i| i.has_rule).collect();
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(w, "\n### {}\n", md(&section.title));
        let mut head = vec![
            Msg::SumColItem.get(lang),
            Msg::SumColFailingAssessed.get(lang),
            Msg::SumColNa.get(lang),
            Msg::SumColUnanswered.get(lang),
        ];
        if versions {
            head.push(Msg::SumColNotInTemplate.get(lang));
        }
        head.push(Msg::SumColBranches.get(lang));
        let _ = writeln!(w, "| {} |", head.join(" | "));
        let _ = writeln!(w, "|{}", "---|".repeat(head.len()));
        for item in items {
            let failing: Vec<String> = summary
                .findings
                .iter()
                .find(|f| f.id == item.id)
                .map(|f| summary.failing_visits(f).map(|v| md(&v.branch)).collect())
                .unwrap_or_default();
            let mut row = vec![
                format!("{} `{}`", md(&item.text), item.id.replace('`', "")),
                format!("{}/{}", item.failing, item.assessed()),
                item.not_applicable.to_string(),
                item.unanswered.to_string(),
            ];
            if versions {
                row.push(item.not_in_template.to_string());
            }
            row.push(failing.join("; "));
            let _ = writeln!(w, "| {} |", row.join(" | "));
        }
    }

    if !summary.duplicates.is_empty() {
        let _ = writeln!(w, "\n## {}\n", Msg::SumDuplicates.get(lang));
        for d in &summary.duplicates {
            let files: Vec<String> = d.files.iter().map(|f| format!("`{}`", file_name(f))).collect();
            let _ = writeln!(
                w,
                "- {} ({}), {}: {}",
                md(&d.branch),
                md(&d.committee),
                Msg::SumAttendedOn.fill(lang, &[&date_text(d.date, lang)]),
                files.join(", ")
            );
        }
    }
    if !summary.skipped.is_empty() {
        let _ = writeln!(w, "\n## {}\n", Msg::SumSkipped.get(lang));
        for s in &summary.skipped {
            let _ = writeln!(w, "- {}", md(&skipped_text(s)));
        }
    }
    out
}

fn file_name(path: &std::path::Path) -> String {
    one_line(&path.to_string_lossy()).replace('`', "'")
}

/// The scores part, per template version with a points frame; nothing when no visit is scored.
fn scores(w: &mut String, summary: &Summary) {
    let blocks = score_blocks(summary, &md);
    if blocks.is_empty() {
        return;
    }
    let _ = writeln!(w, "\n## {}", Msg::SumScores.get(summary.lang));
    for (version, lines) in blocks {
        let _ = writeln!(w, "\n### {version}\n");
        for (line, details) in lines {
            let _ = writeln!(w, "- {line}");
            for detail in details {
                let _ = writeln!(w, "  - {detail}");
            }
        }
    }
    let _ = writeln!(w, "\n*{}*", Msg::SumScoreOfficial.get(summary.lang));
}

fn figures(w: &mut String, summary: &Summary) {
    for (line, details) in figure_lines(summary, &md) {
        let _ = writeln!(w, "- {line}");
        for detail in details {
            let _ = writeln!(w, "  - {detail}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_text_is_inert() {
        assert_eq!(md("a|b *c* [x](y) <script>"), "a\\|b \\*c\\* \\[x\\](y) \\<script\\>");
        assert_eq!(md("- item"), "\\- item");
        assert_eq!(md("# x\u{1b}"), "\\# x^\\[");
    }
}
