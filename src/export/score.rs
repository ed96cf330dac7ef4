//! What the reports say of scores and of summaries over more than one rule set: the grade
//! distribution, averages per template version, and the sentence naming the rule sets mixed.
//! Shared by the text and Markdown reports, the CLI's warnings and the TUI's overview.

use crate::core::summary::{ScoreSummary, Summary, VisitInfo};
use crate::export::{Lines, number_text};
use crate::strings::{Lang, Msg};

/// When the visits follow more than one rule set (template id): one sentence naming each with its
/// visits, and what that means for the report. None for a summary of one rule set.
pub fn rule_sets_warning(summary: &Summary, esc: &dyn Fn(&str) -> String) -> Option<String> {
    let sets = summary.rule_sets();
    if sets.len() < 2 {
        return None;
    }
    let lang = summary.lang;
    let named: Vec<String> = sets
        .iter()
        .map(|set| {
            // Two ids may carry one rule-set name (a province's copy of HD 42): the id tells them apart.
            let shared = sets.iter().filter(|other| other.rule_set == set.rule_set).count() > 1;
            let name = if shared { format!("{} [{}]", esc(&set.rule_set), esc(&set.id)) } else { esc(&set.rule_set) };
            Msg::SumRuleSetVisits.fill(lang, &[&name, &set.visits])
        })
        .collect();
    Some(Msg::SumRuleSetsMixed.fill(lang, &[&sets.len(), &named.join(", ")]))
}

/// The scores of every template version with a points frame: for each, its heading and its lines
/// with detail lines (grades, the average, the average per group). Empty when no visit is scored.
/// `esc` makes untrusted text (template labels and titles) safe for the output at hand.
pub fn score_blocks(summary: &Summary, esc: &dyn Fn(&str) -> String) -> Vec<(String, Lines)> {
    let lang = summary.lang;
    summary.scores.iter().map(|s| (score_heading(s, lang, esc), score_lines(s, lang, esc))).collect()
}

fn score_heading(s: &ScoreSummary, lang: Lang, esc: &dyn Fn(&str) -> String) -> String {
    Msg::SumScoreVersion.fill(lang, &[&esc(&s.rule_set), &esc(&s.template_id), &s.version, &s.visits])
}

/// "Tốt: 1 · Khá: 2 · Trung bình: 1 · Kém: 0", then the visits not yet gradable and those
/// outside every band when there are any.
pub fn grades_text(s: &ScoreSummary, lang: Lang, esc: &dyn Fn(&str) -> String) -> String {
    let mut parts: Vec<String> = s.bands.iter().map(|b| format!("{}: {}", esc(&b.label), b.visits)).collect();
    if s.outside_bands > 0 {
        parts.push(format!("{}: {}", Msg::SumScoreOutsideBands.get(lang), s.outside_bands));
    }
    if s.pending > 0 {
        parts.push(format!("{}: {}", Msg::SumScorePending.get(lang), s.pending));
    }
    parts.join(" · ")
}

fn score_lines(s: &ScoreSummary, lang: Lang, esc: &dyn Fn(&str) -> String) -> Lines {
    let points = |v: f64| number_text(v, 1, lang);
    let mut lines = Vec::new();
    let pending = if s.pending > 0 { vec![Msg::SumScorePendingNote.fill(lang, &[&s.pending])] } else { Vec::new() };
    lines.push((Msg::SumScoreGrades.fill(lang, &[&grades_text(s, lang, esc)]), pending));
    let average = match s.average {
        Some(a) => Msg::SumScoreAverage.fill(lang, &[&points(a), &points(s.total), &s.complete()]),
        None => Msg::SumScoreNoAverage.get(lang).to_string(),
    };
    lines.push((average, Vec::new()));
    if s.average.is_some() {
        let groups = s
            .groups
            .iter()
            .map(|g| {
                let average = g.average.map_or_else(|| "–".to_string(), points);
                format!("{}: {average}/{}", esc(&g.title), points(g.weight))
            })
            .collect();
        lines.push((Msg::SumScoreGroups.get(lang).to_string(), groups));
    }
    lines
}

/// A visit's score for a table cell: its points when it can be graded (None otherwise), and its
/// grade, or why it has none yet. None for a visit whose template has no points frame.
pub fn visit_score_cells(summary: &Summary, visit: &VisitInfo) -> Option<(Option<f64>, String)> {
    let score = visit.score.as_deref()?;
    let lang = summary.lang;
    if !score.is_complete() {
        return Some((None, Msg::SumScorePendingCell.fill(lang, &[&score.pending])));
    }
    let grade =
        summary.grade_of(visit).map_or_else(|| Msg::SumScoreOutsideBands.get(lang).to_string(), |b| b.label.clone());
    Some((Some(score.points), grade))
}
