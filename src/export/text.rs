//! Plain text for the terminal: the same report as the Markdown one, without markup or tables.
//! Every untrusted text goes through `display_safe` (via [`one_line`]).

use std::fmt::Write as _;

use crate::core::summary::Summary;
use crate::core::visit::VisitStatus;
use crate::export::score::{rule_sets_warning, score_blocks};
use crate::export::{
    coverage_blocks, date_text, edited_after_final_lines, failing_branch, figure_lines, one_line, round_lines,
    round_warnings, skipped_text, versions_text, visit_count_line,
};
use crate::strings::Msg;

pub fn render(summary: &Summary) -> String {
    let lang = summary.lang;
    let mut out = String::new();
    let w = &mut out;
    let title = Msg::SumTitle.get(lang).to_uppercase();
    let _ = writeln!(w, "{title}");
    for line in round_lines(summary, &one_line) {
        let _ = writeln!(w, "{line}");
    }
    for warning in round_warnings(summary, &one_line) {
        let _ = writeln!(w, "{warning}");
    }
    if let Some((first, last)) = summary.report_period() {
        let _ = writeln!(w, "{}", Msg::SumPeriod.fill(lang, &[&date_text(first, lang), &date_text(last, lang)]));
    }
    let _ = writeln!(w, "{}", visit_count_line(summary));
    let inspectors: Vec<String> = summary.inspectors().iter().map(|n| one_line(n)).collect();
    if !inspectors.is_empty() {
        let _ = writeln!(w, "{}", Msg::SumInspectors.fill(lang, &[&inspectors.join(", ")]));
    }
    if !summary.template_versions.is_empty() {
        let _ = writeln!(w, "{}", Msg::SumTemplates.fill(lang, &[&versions_text(summary)]));
    }
    // Several rule sets say more than several versions of one: the one sentence that fits.
    match rule_sets_warning(summary, &one_line) {
        Some(warning) => {
            let _ = writeln!(w, "{warning}");
        }
        None if summary.template_versions.len() > 1 => {
            let _ = writeln!(w, "{}", Msg::SumVersionsMerged.get(lang));
        }
        None => {}
    }
    if summary.filtered_out > 0 {
        let _ = writeln!(w, "{}", Msg::SumFilteredOut.fill(lang, &[&summary.filtered_out]));
    }
    if !summary.skipped.is_empty() {
        let _ = writeln!(w, "{}", Msg::SumSkippedCount.fill(lang, &[&summary.skipped.len()]));
    }

    heading(w, Msg::SumAttended.get(lang));
    for (n, &i) in summary.visits_by_date().iter().enumerate() {
        let v = &summary.visits[i];
        let mut tags = Vec::new();
        if v.status == VisitStatus::Draft {
            tags.push(Msg::SumDraftTag.get(lang));
        }
        if v.duplicate {
            tags.push(Msg::SumDuplicateTag.get(lang));
        }
        if v.edited_after_final {
            tags.push(Msg::SumEditedAfterFinalTag.get(lang));
        }
        let tags = if tags.is_empty() { String::new() } else { format!(" [{}]", tags.join(", ")) };
        let _ = writeln!(
            w,
            "  {:>2}. {} ({}), {}{tags}",
            n + 1,
            one_line(&v.branch),
            one_line(&v.committee),
            Msg::SumAttendedOn.fill(lang, &[&date_text(v.date, lang)])
        );
    }

    let coverage = coverage_blocks(summary, &one_line);
    if !coverage.is_empty() {
        heading(w, Msg::CovTitle.get(lang));
        for (round, lines) in coverage {
            if let Some(round) = round {
                let _ = writeln!(w, "  [{round}]");
            }
            for (line, details) in lines {
                let _ = writeln!(w, "  - {line}");
                for detail in details {
                    let _ = writeln!(w, "      {detail}");
                }
            }
        }
    }
    let edited = edited_after_final_lines(summary, &one_line);
    if !edited.is_empty() {
        heading(w, Msg::SumEditedAfterFinal.get(lang));
        for line in edited {
            let _ = writeln!(w, "  - {line}");
        }
    }

    heading(w, Msg::SumStrengths.get(lang));
    if summary.strengths.is_empty() {
        let _ = writeln!(w, "  {}", Msg::SumNoStrengths.get(lang));
    }
    for s in &summary.strengths {
        let _ = writeln!(w, "  + {} ({}/{})", one_line(&s.text), s.passing, s.assessed);
    }
    for line in &summary.other_strengths {
        let _ =
            writeln!(w, "  + {} — {} ({})", one_line(&line.text), one_line(&line.branch), one_line(&line.committee));
    }

    heading(w, Msg::SumLimitations.get(lang));
    if summary.findings.is_empty() && summary.other_limitations.is_empty() {
        let _ = writeln!(w, "  {}", Msg::SumNoFindings.get(lang));
    }
    let mut section = None;
    for f in &summary.findings {
        if section != Some(&f.section_id) {
            section = Some(&f.section_id);
            let _ = writeln!(w, "  [{}]", one_line(&f.section_title));
        }
        let _ = writeln!(w, "  - {}", one_line(&f.sentence(lang)));
        let branches: Vec<String> = f.branches.iter().map(|b| failing_branch(summary, b, &one_line)).collect();
        if f.branches_agree() {
            let _ = writeln!(w, "      {}: {}", Msg::SumBranchesLabel.get(lang), branches.join("; "));
        } else {
            let _ = writeln!(w, "      {}:", Msg::SumBranchesLabel.get(lang));
            for (name, b) in branches.iter().zip(&f.branches) {
                let _ = writeln!(w, "        {name}: {}", one_line(f.branch_text(b)));
            }
        }
        for b in f.branches.iter().filter(|b| !b.note.trim().is_empty()) {
            let branch = one_line(&summary.visit_of(b).branch);
            let _ = writeln!(w, "      {} — {}: {}", Msg::SumNotesLabel.get(lang), branch, one_line(&b.note));
        }
        if f.not_applicable + f.unanswered + f.not_in_template > 0 {
            let _ = writeln!(
                w,
                "      ({})",
                Msg::SumNotAssessed.fill(lang, &[&f.not_applicable, &f.unanswered, &f.not_in_template])
            );
        }
    }
    if !summary.other_limitations.is_empty() {
        let _ = writeln!(w, "  [{}]", Msg::SumOtherLimitations.get(lang));
        for line in &summary.other_limitations {
            let _ = writeln!(
                w,
                "  - {} — {} ({})",
                one_line(&line.text),
                one_line(&line.branch),
                one_line(&line.committee)
            );
        }
    }

    heading(w, Msg::SumFigures.get(lang));
    for (line, details) in figure_lines(summary, &one_line) {
        let _ = writeln!(w, "  - {line}");
        for detail in details {
            let _ = writeln!(w, "      {detail}");
        }
    }

    let scores = score_blocks(summary, &one_line);
    if !scores.is_empty() {
        heading(w, Msg::SumScores.get(lang));
        for (version, lines) in scores {
            let _ = writeln!(w, "  [{version}]");
            for (line, details) in lines {
                let _ = writeln!(w, "  - {line}");
                for detail in details {
                    let _ = writeln!(w, "      {detail}");
                }
            }
        }
        let _ = writeln!(w, "  {}", Msg::SumScoreOfficial.get(lang));
    }

    if !summary.duplicates.is_empty() {
        heading(w, Msg::SumDuplicates.get(lang));
        for d in &summary.duplicates {
            let files: Vec<String> = d.files.iter().map(|f| one_line(&f.to_string_lossy())).collect();
            let _ = writeln!(
                w,
                "  - {} ({}), {}: {}",
                one_line(&d.branch),
                one_line(&d.committee),
                Msg::SumAttendedOn.fill(lang, &[&date_text(d.date, lang)]),
                files.join(", ")
            );
        }
    }
    if !summary.skipped.is_empty() {
        heading(w, Msg::SumSkipped.get(lang));
        for s in &summary.skipped {
            let _ = writeln!(w, "  - {}", skipped_text(s));
        }
    }
    out
}

fn heading(w: &mut String, title: &str) {
    let _ = writeln!(w, "\n{title}\n{}", "-".repeat(title.chars().count()));
}
