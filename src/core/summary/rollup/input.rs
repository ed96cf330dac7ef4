//! A summary JSON read back, and checked: its counts must add up before it is merged.

use serde::Deserialize;

use crate::strings::{Lang, RollupMsg};

/// The part of a summary JSON a roll-up reads (docs/summary-json.md). Keys added by issue 17
/// (`strength_share`, visits' `content_hash`, items' `text`, `strength`, `list`, …) default, so an
/// older summary is still read; it then cannot be checked for visits present twice by hash.
#[derive(Debug, Clone, Deserialize)]
pub struct SummaryJson {
    pub format: String,
    #[serde(default)]
    pub lang: String,
    pub visits: usize,
    #[serde(default = "one")]
    pub strength_share: f64,
    #[serde(default)]
    pub filtered_out: usize,
    #[serde(default)]
    pub skipped: Vec<SkippedJ>,
    #[serde(default)]
    pub template_versions: Vec<TemplateVersionJ>,
    #[serde(default)]
    pub rounds: Vec<String>,
    pub findings: Vec<FindingJ>,
    pub other_limitations: Vec<LineJ>,
    pub other_strengths: Vec<LineJ>,
    pub figures: FiguresJ,
    #[serde(default)]
    pub duplicates: Vec<DuplicateJ>,
    pub visit_list: Vec<VisitJ>,
    pub items: Vec<ItemJ>,
    #[serde(default)]
    pub coverage: Vec<CoverageJ>,
    #[serde(default)]
    pub rollup: Option<RollupJ>,
    /// HD 42 scores, one entry per template version with a points frame.
    #[serde(default)]
    pub scores: Vec<ScoreJ>,
}

/// One template version's scores. The sums in millionths (written since the roll-up merges
/// scores) are what add exactly; a summary without them cannot have its averages merged.
#[derive(Debug, Clone, Deserialize)]
pub struct ScoreJ {
    pub template: TemplateRefJ,
    #[serde(default)]
    pub rule_set: String,
    #[serde(default)]
    pub label: String,
    pub total: f64,
    pub visits: usize,
    pub pending: usize,
    pub outside_bands: usize,
    #[serde(default)]
    pub points_millionths: Option<i64>,
    pub grades: Vec<GradeJ>,
    pub groups: Vec<GroupJ>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GradeJ {
    pub id: String,
    pub label: String,
    pub from: f64,
    pub below: Option<f64>,
    pub visits: usize,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GroupJ {
    pub id: String,
    pub title: String,
    pub weight: f64,
    #[serde(default)]
    pub points_millionths: Option<i64>,
}

/// A visit's score in `visit_list`.
#[derive(Debug, Clone, Deserialize)]
pub struct VisitScoreJ {
    pub points: f64,
    /// The points not rounded, when rounding changed them.
    #[serde(default)]
    pub exact: Option<f64>,
    pub total: f64,
    pub pending: usize,
}

/// A visit's grade in `visit_list` (its band's id).
#[derive(Debug, Clone, Deserialize)]
pub struct GradeRefJ {
    pub id: String,
}

fn one() -> f64 {
    1.0
}

#[derive(Debug, Clone, Deserialize)]
pub struct SkippedJ {
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub error: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct TemplateVersionJ {
    pub id: String,
    pub version: u32,
    #[serde(default)]
    pub rule_set: String,
    pub visits: usize,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FindingJ {
    pub id: String,
    pub section: String,
    pub section_title: String,
    pub text: String,
    pub failing: usize,
    pub assessed: usize,
    pub not_applicable: usize,
    pub unanswered: usize,
    pub not_in_template: usize,
    pub branches: Vec<BranchJ>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct BranchJ {
    pub branch: String,
    pub committee: String,
    pub date: String,
    pub file: String,
    #[serde(default)]
    pub note: String,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LineJ {
    pub text: String,
    pub branch: String,
    pub committee: String,
    pub file: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FiguresJ {
    pub attendance: FigureJ,
    pub without_notebook: FigureJ,
    pub speakers: FigureJ,
    pub duration_minutes: FigureJ,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FigureJ {
    #[serde(default)]
    pub present: u64,
    #[serde(default)]
    pub expected: u64,
    pub counted: usize,
    pub branches: Vec<ValueJ>,
    pub outside: Vec<ValueJ>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ValueJ {
    pub branch: Option<String>,
    pub committee: Option<String>,
    pub file: Option<String>,
    pub value: f64,
    /// The value not rounded, when rounding changed it.
    #[serde(default)]
    pub exact: Option<f64>,
}

impl ValueJ {
    pub fn value(&self) -> f64 {
        self.exact.unwrap_or(self.value)
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct DuplicateJ {
    pub branch: String,
    pub committee: String,
    pub date: String,
    pub files: Vec<String>,
    #[serde(default)]
    pub differing: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct VisitJ {
    pub file: String,
    pub branch: String,
    pub committee: String,
    pub branch_type: String,
    pub kind: String,
    pub date: String,
    pub status: String,
    #[serde(default)]
    pub inspectors: Vec<String>,
    #[serde(default)]
    pub round: Option<String>,
    pub template: TemplateRefJ,
    #[serde(default)]
    pub content_hash: String,
    pub findings: usize,
    #[serde(default)]
    pub duplicate: bool,
    /// In a roll-up: the level of the report the visit came from (see `RollupInfo::visit_levels`).
    #[serde(default)]
    pub level: Option<String>,
    #[serde(default)]
    pub score: Option<VisitScoreJ>,
    #[serde(default)]
    pub grade: Option<GradeRefJ>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct TemplateRefJ {
    pub id: String,
    pub version: u32,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ItemJ {
    pub id: String,
    pub section: String,
    #[serde(default)]
    pub section_title: String,
    #[serde(default)]
    pub text: String,
    pub has_rule: bool,
    pub passing: usize,
    pub failing: usize,
    pub answered: usize,
    pub not_applicable: usize,
    pub unanswered: usize,
    pub not_in_template: usize,
    #[serde(default)]
    pub strength: Option<ItemStrengthJ>,
    #[serde(default)]
    pub list: Option<ListFillJ>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ItemStrengthJ {
    pub text: String,
    pub passing: usize,
    pub assessed: usize,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ListFillJ {
    pub rule: String,
    pub options: Vec<String>,
    pub concerned: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CoverageJ {
    pub round: String,
    pub planned: usize,
    pub visited: usize,
    #[serde(rename = "final")]
    pub finalised: usize,
    #[serde(default)]
    pub branches: Vec<PlannedJ>,
}

/// A planned branch of a round's coverage, and how far its visit has come.
#[derive(Debug, Clone, Deserialize)]
pub struct PlannedJ {
    pub branch: String,
    pub committee: String,
    /// "missing", "draft" or "final".
    pub state: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RollupJ {
    #[serde(default)]
    pub level: Option<String>,
    #[serde(default)]
    pub coverage: Vec<CoverageJ>,
}

/// Why an input was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// Not JSON, or not the shape of a summary; line and column from the parser.
    Unreadable {
        line: usize,
        column: usize,
        reason: String,
    },
    NotASummary,
    /// The file could not be read.
    Io(String),
    FailingOverAssessed {
        failing: usize,
        assessed: usize,
    },
    FailingNotBranches {
        failing: usize,
        branches: usize,
    },
    VisitsNotListed {
        visits: usize,
        listed: usize,
    },
    /// A failing branch or figure value whose visit is not in `visit_list`.
    UnknownVisit,
    /// An item's counts disagree with its finding's.
    ItemDisagrees,
    CountedNotValues {
        counted: usize,
        values: usize,
    },
    /// A template version's grades, pending and out-of-band visits do not add up to its visits.
    ScoresDisagree {
        visits: usize,
        counted: usize,
    },
    /// A visit already merged from another input.
    SameVisit {
        other: String,
        file: String,
    },
}

/// An input refused, with where in it (a JSON pointer, "" for the whole document).
#[derive(Debug, Clone, PartialEq)]
pub struct InputError {
    pub source: String,
    pub pointer: String,
    pub problem: Problem,
}

impl InputError {
    pub fn position(&self) -> Option<(usize, usize)> {
        match self.problem {
            Problem::Unreadable { line, column, .. } => Some((line, column)),
            _ => None,
        }
    }

    /// Why, as a sentence (without the file's name, which [`InputError::display`] adds).
    pub fn reason(&self, lang: Lang) -> String {
        let p = &self.pointer;
        match &self.problem {
            Problem::Unreadable { reason, .. } => RollupMsg::Unreadable.fill(lang, &[reason]),
            Problem::NotASummary => RollupMsg::NotASummary.get(lang).to_string(),
            Problem::Io(reason) => RollupMsg::Unreadable.fill(lang, &[reason]),
            Problem::FailingOverAssessed { failing, assessed } => {
                RollupMsg::FailingOverAssessed.fill(lang, &[p, failing, assessed])
            }
            Problem::FailingNotBranches { failing, branches } => {
                RollupMsg::FailingNotBranches.fill(lang, &[p, failing, branches])
            }
            Problem::VisitsNotListed { visits, listed } => RollupMsg::VisitsNotListed.fill(lang, &[p, visits, listed]),
            Problem::UnknownVisit => RollupMsg::UnknownVisit.fill(lang, &[p]),
            Problem::ItemDisagrees => RollupMsg::ItemDisagrees.fill(lang, &[p]),
            Problem::CountedNotValues { counted, values } => {
                RollupMsg::CountedNotValues.fill(lang, &[p, counted, values])
            }
            Problem::ScoresDisagree { visits, counted } => RollupMsg::ScoresDisagree.fill(lang, &[p, visits, counted]),
            Problem::SameVisit { other, file } => RollupMsg::SameVisit.fill(lang, &[p, file, other]),
        }
    }

    /// "FILE: why" (with line:column when the parser gave them).
    pub fn display(&self, lang: Lang) -> String {
        match self.position() {
            Some((line, column)) => format!("{}:{line}:{column}: {}", self.source, self.reason(lang)),
            None => format!("{}: {}", self.source, self.reason(lang)),
        }
    }
}

/// Read one summary JSON and check that its counts add up.
pub fn parse(source: &str, text: &str) -> Result<SummaryJson, InputError> {
    let error = |pointer: String, problem| InputError { source: source.to_string(), pointer, problem };
    let summary: SummaryJson = serde_json::from_str(text).map_err(|e| {
        error(String::new(), Problem::Unreadable { line: e.line(), column: e.column(), reason: e.to_string() })
    })?;
    if summary.format != "khaosat-summary" {
        return Err(error("/format".into(), Problem::NotASummary));
    }
    check(&summary).map_err(|(pointer, problem)| error(pointer, problem))?;
    Ok(summary)
}

/// The first count that does not add up, with its JSON pointer.
fn check(s: &SummaryJson) -> Result<(), (String, Problem)> {
    if s.visits != s.visit_list.len() {
        return Err(("/visits".into(), Problem::VisitsNotListed { visits: s.visits, listed: s.visit_list.len() }));
    }
    let known: std::collections::HashSet<(&str, &str, &str, &str)> = s
        .visit_list
        .iter()
        .map(|v| (v.file.as_str(), v.branch.as_str(), v.committee.as_str(), v.date.as_str()))
        .collect();
    for (i, f) in s.findings.iter().enumerate() {
        if f.failing != f.branches.len() {
            let problem = Problem::FailingNotBranches { failing: f.failing, branches: f.branches.len() };
            return Err((format!("/findings/{i}/failing"), problem));
        }
        if f.failing > f.assessed {
            let problem = Problem::FailingOverAssessed { failing: f.failing, assessed: f.assessed };
            return Err((format!("/findings/{i}/failing"), problem));
        }
        for (j, b) in f.branches.iter().enumerate() {
            if !known.contains(&(b.file.as_str(), b.branch.as_str(), b.committee.as_str(), b.date.as_str())) {
                return Err((format!("/findings/{i}/branches/{j}"), Problem::UnknownVisit));
            }
        }
        let item = s.items.iter().position(|it| it.id == f.id);
        let agrees = item.map(|k| (k, &s.items[k])).filter(|(_, it)| {
            it.failing == f.failing && it.passing + it.failing == f.assessed && it.not_applicable == f.not_applicable
        });
        if agrees.is_none() {
            let pointer = item.map_or(format!("/findings/{i}"), |k| format!("/items/{k}"));
            return Err((pointer, Problem::ItemDisagrees));
        }
    }
    for (k, it) in s.items.iter().enumerate() {
        let has_finding = s.findings.iter().any(|f| f.id == it.id);
        if it.failing > 0 && !has_finding {
            return Err((format!("/items/{k}/failing"), Problem::ItemDisagrees));
        }
        let counted = it.passing + it.failing + it.answered + it.not_applicable + it.unanswered + it.not_in_template;
        if counted > s.visits {
            return Err((format!("/items/{k}"), Problem::ItemDisagrees));
        }
    }
    for (i, score) in s.scores.iter().enumerate() {
        let counted = score.grades.iter().map(|g| g.visits).sum::<usize>() + score.pending + score.outside_bands;
        if counted != score.visits {
            return Err((format!("/scores/{i}/visits"), Problem::ScoresDisagree { visits: score.visits, counted }));
        }
    }
    let files: std::collections::HashSet<&str> = s.visit_list.iter().map(|v| v.file.as_str()).collect();
    let figures = [
        ("attendance", &s.figures.attendance),
        ("without_notebook", &s.figures.without_notebook),
        ("speakers", &s.figures.speakers),
        ("duration_minutes", &s.figures.duration_minutes),
    ];
    for (name, figure) in figures {
        if figure.counted != figure.branches.len() {
            let problem = Problem::CountedNotValues { counted: figure.counted, values: figure.branches.len() };
            return Err((format!("/figures/{name}/counted"), problem));
        }
        for (list, values) in [("branches", &figure.branches), ("outside", &figure.outside)] {
            if let Some(j) = values.iter().position(|v| !v.file.as_deref().is_some_and(|f| files.contains(f))) {
                return Err((format!("/figures/{name}/{list}/{j}"), Problem::UnknownVisit));
            }
        }
    }
    Ok(())
}
