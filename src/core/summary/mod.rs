//! The summary: many visits merged into one findings report.
//!
//! Pure and streaming. Visits are folded one at a time into a [`SummaryBuilder`] (`add`, then
//! `finish`), which keeps only counts, the failing branches of each item and one small record per
//! visit, never the visits themselves. Statuses come from [`crate::core::rules`]; nothing here
//! re-decides whether an answer passes.
//!
//! Merging across template versions, and across rule sets (HD 12 and HD 42), is by item id: the
//! newest template seen (the rule set in force most recently, then the highest version) gives the
//! section and item order, items only older ones have are added at the end of their section, and
//! a visit whose template lacks an item counts for that item as `not_in_template` (not assessed).
//! Scores are never merged across template versions: they are kept per version ([`ScoreSummary`]).
//!
//! Names are ordered by [`compare_names`] (in [`crate::core::text`]): Vietnamese marks removed,
//! case and spacing ignored, digit runs compared as numbers.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use jiff::civil::Date;

use crate::core::answer::{AnswerStyle, answer_text};
use crate::core::round::{Coverage, SummaryRound, VisitBrief};
use crate::core::rules::computed_value;
use crate::core::template::{Item, Kind};
use crate::core::text::{Shared, compare_names, name_key};
use crate::core::visit::{BranchType, MeetingKind, Value, Visit, VisitStatus};
use crate::strings::{Lang, Msg};

mod builder;
mod finish;
pub mod rollup;
mod same_day;
mod scores;
pub use builder::{Filters, SummaryBuilder};
pub use finish::strength_passes;
pub use scores::{BandCount, GroupAverage, ScoreSummary, VisitScoreBrief, average_micro};

/// The overall item whose lines are listed as limitations, as written.
pub const OTHER_LIMITATIONS: &str = "overall.other_limitations";
/// The overall item whose lines are listed as strengths, as written.
pub const OTHER_STRENGTHS: &str = "overall.other_strengths";
/// The count item behind the "members without a notebook" figure.
pub const WITHOUT_NOTEBOOK: &str = "note.without_notebook";
/// The count item behind the "speakers per meeting" figure.
pub const SPEAKERS: &str = "crit.speakers";

/// How many branches a limitation concerns, in the report's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantifier {
    /// Every assessed branch (two or more): "Các chi bộ".
    All,
    /// More than half: "Đa số chi bộ".
    Most,
    /// Exactly one: "01 chi bộ".
    One,
    /// Otherwise: "Một số chi bộ".
    Some,
}

impl Quantifier {
    /// `failing` of `assessed` branches. One failing branch is "01 chi bộ" even when it was the only
    /// one assessed: "Các chi bộ (1/1)" would claim a plural that is not there.
    pub fn of(failing: usize, assessed: usize) -> Quantifier {
        if failing == 1 {
            Quantifier::One
        } else if failing >= assessed {
            Quantifier::All
        } else if failing * 2 > assessed {
            Quantifier::Most
        } else {
            Quantifier::Some
        }
    }

    pub fn words(self, lang: Lang) -> &'static str {
        match self {
            Quantifier::All => Msg::SumQuantAll.get(lang),
            Quantifier::Most => Msg::SumQuantMost.get(lang),
            Quantifier::One => Msg::SumQuantOne.get(lang),
            Quantifier::Some => Msg::SumQuantSome.get(lang),
        }
    }
}

/// `"Một số chi bộ (3/7): nội dung …"`: the quantifier, the counts and the sentence with its first
/// letter lowered (unless the sentence starts with an acronym).
pub fn quantified(failing: usize, assessed: usize, sentence: &str, lang: Lang) -> String {
    let words = Quantifier::of(failing, assessed).words(lang);
    format!("{words} ({failing}/{assessed}): {}", lower_first(sentence))
}

/// Lower the first letter, unless the second is upper case too (an acronym such as "HĐND").
pub fn lower_first(sentence: &str) -> String {
    let mut chars = sentence.chars();
    match (chars.next(), chars.next()) {
        (Some(first), second) if first.is_uppercase() && !second.is_some_and(char::is_uppercase) => {
            first.to_lowercase().chain(sentence[first.len_utf8()..].chars()).collect()
        }
        _ => sentence.to_string(),
    }
}

/// One visit as the summary keeps it: its facts, not its answers (unless asked, for the visits sheet).
#[derive(Debug, Clone, PartialEq)]
pub struct VisitInfo {
    pub file: PathBuf,
    pub branch: String,
    pub committee: String,
    pub branch_type: BranchType,
    pub kind: MeetingKind,
    pub date: Date,
    pub status: VisitStatus,
    pub inspectors: Vec<String>,
    pub round: Option<String>,
    pub template_id: String,
    pub template_version: u32,
    /// [`crate::core::visit::content_hash`] of the visit (the base record's, for records counted
    /// once): a roll-up of summaries finds by it the same visit present in two of them. Empty
    /// unless [`SummaryBuilder::keep_hashes`].
    pub content_hash: String,
    /// Items that make a finding in this visit.
    pub findings: usize,
    /// Another visit, or another record counted in this one, has the same branch, committee and date.
    pub duplicate: bool,
    /// When this visit stands for several records of one meeting, counted once until they are
    /// reconciled: which files, and where they differ (boxed: most visits have none).
    pub same_meeting: Option<Box<SameMeeting>>,
    /// Position in name order (branch, then committee, date, file): lists are sorted by it.
    pub name_rank: usize,
    /// Item id → the answer, only with [`SummaryBuilder::keep_answers`].
    pub answers: Option<BTreeMap<String, AnswerCell>>,
    /// Final, but its content no longer matches the hash recorded when it was finalised.
    pub edited_after_final: bool,
    /// The visit's score, when its template has a points frame (boxed: most visits have none).
    pub score: Option<Box<VisitScoreBrief>>,
}

/// What a round's coverage needs of a visit the summary holds.
impl From<&VisitInfo> for VisitBrief {
    fn from(v: &VisitInfo) -> VisitBrief {
        VisitBrief {
            branch: v.branch.clone(),
            committee: v.committee.clone(),
            date: v.date,
            status: v.status,
            inspectors: v.inspectors.clone(),
            round: v.round.clone(),
        }
    }
}

/// A kept answer, as a table of visits × items shows it: numbers (counts, scales, and computed
/// figures such as the attendance rate, not rounded) as numbers a spreadsheet can add up, every
/// other answer as a report reads it ([`answer_text`]).
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerCell {
    Number(f64),
    Text(String),
}

impl AnswerCell {
    /// The answer of `item` in `visit`, when it has one (computed items: when the facts allow).
    pub fn of(item: &Item, visit: &Visit, lang: Lang) -> Option<AnswerCell> {
        if let Kind::Computed(computed) = &item.kind {
            return computed_value(*computed, &visit.meeting).map(AnswerCell::Number);
        }
        Some(match visit.value(&item.id)? {
            Value::Number(n) => AnswerCell::Number(f64::from(*n)),
            Value::Scale(n) => AnswerCell::Number(f64::from(*n)),
            other => AnswerCell::Text(answer_text(item, other, lang, AnswerStyle::Report)),
        })
    }
}

/// A file that could not be loaded and was left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub path: PathBuf,
    /// 1-based line and column, when known.
    pub position: Option<(usize, usize)>,
    /// Why, as a sentence in the summary's language.
    pub reason: String,
}

/// A template version some visits were filled against.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateVersion {
    pub id: String,
    pub version: u32,
    pub rule_set: String,
    pub visits: usize,
}

/// A rule set (template id) some visits follow, whatever the versions.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSetCount {
    pub id: String,
    pub rule_set: String,
    pub visits: usize,
}

/// How one item fared over all visits.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemTally {
    pub id: String,
    pub section_id: String,
    /// The item's question.
    pub text: String,
    /// The item has a finding rule (it can pass or fail).
    pub has_rule: bool,
    pub passing: usize,
    pub failing: usize,
    /// Answered, for items without a finding rule (text, grade, strength-only).
    pub answered: usize,
    pub not_applicable: usize,
    pub unanswered: usize,
    /// Visits whose template version has no such item.
    pub not_in_template: usize,
    /// The item's strength sentence and counts, when it has one (strength or not).
    pub strength: Option<ItemStrength>,
    /// For "{list}" items that failed: what fills the merged sentence (boxed: most have none).
    pub list: Option<Box<ListFill>>,
}

/// What a strength is decided from: a roll-up of summaries decides it again from the sums.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemStrength {
    pub text: String,
    /// Passed (a strength-only yes/no item counts "yes") and assessed.
    pub passing: usize,
    pub assessed: usize,
}

/// A "{list}" finding's sentence before it is filled: a roll-up fills it again with every option
/// concerned in any of its parts, in template order.
#[derive(Debug, Clone, PartialEq)]
pub struct ListFill {
    /// The rule's sentence, with "{list}".
    pub rule: String,
    /// Every option's label, in template order.
    pub options: Vec<String>,
    /// The labels of the options named in some failing visit.
    pub concerned: Vec<String>,
}

impl ItemTally {
    pub fn assessed(&self) -> usize {
        self.passing + self.failing
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SectionSummary {
    pub id: String,
    pub title: String,
    pub items: Vec<ItemTally>,
}

/// A template item that failed in at least one visit.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub id: String,
    pub section_id: String,
    pub section_title: String,
    /// The finding sentence; for "{list}" items, filled with every option concerned in any branch.
    pub text: String,
    pub assessed: usize,
    pub not_applicable: usize,
    pub unanswered: usize,
    pub not_in_template: usize,
    /// The failing branches, in name order.
    pub branches: Vec<FindingBranch>,
}

impl Finding {
    pub fn failing(&self) -> usize {
        self.branches.len()
    }

    /// The report's sentence: quantifier, counts, finding.
    pub fn sentence(&self, lang: Lang) -> String {
        quantified(self.failing(), self.assessed, &self.text, lang)
    }

    /// The finding sentence for one of its branches.
    pub fn branch_text<'a>(&'a self, branch: &'a FindingBranch) -> &'a str {
        branch.own_text.as_deref().unwrap_or(&self.text)
    }

    /// Every branch has the merged sentence: lists need not repeat it per branch.
    pub fn branches_agree(&self) -> bool {
        self.branches.iter().all(|b| self.branch_text(b) == self.text)
    }
}

/// One branch in which an item failed.
///
/// Only what is particular to this failure is kept; the branch, committee, date and file are the
/// visit's ([`Summary::visit_of`]). A summary of 100 000 visits holds millions of these.
#[derive(Debug, Clone, PartialEq)]
pub struct FindingBranch {
    /// Index into [`Summary::visits`].
    pub visit: usize,
    /// The inspector's note on this item (empty when none). Notes and sentences are [`Shared`]:
    /// the same few recur across the failures of thousands of visits.
    pub note: Shared,
    /// The finding sentence for this visit alone, for "{list}" items (it names the options); None
    /// when it is the rule's sentence as written. [`Finding::branch_text`] gives it either way.
    pub own_text: Option<Shared>,
}

/// An item passed by (a template-set share of) the assessed branches.
#[derive(Debug, Clone, PartialEq)]
pub struct Strength {
    pub id: String,
    pub text: String,
    pub passing: usize,
    pub assessed: usize,
}

/// One line of a free-text overall item, with the branch it came from (the rest of its visit is
/// [`Summary::visit_of_line`]).
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// Index into [`Summary::visits`].
    pub visit: usize,
    pub text: Shared,
    pub branch: Shared,
    pub committee: Shared,
}

/// One branch's value in a figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BranchValue {
    /// Index into [`Summary::visits`].
    pub visit: usize,
    pub value: f64,
}

/// A number gathered over the visits that have it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figure {
    pub total: f64,
    /// Every visit that has the number, in name order.
    pub branches: Vec<BranchValue>,
    /// The visits where the item's finding rule fails (outside the threshold), in name order.
    pub outside: Vec<BranchValue>,
}

impl Figure {
    pub fn counted(&self) -> usize {
        self.branches.len()
    }

    pub fn average(&self) -> Option<f64> {
        (!self.branches.is_empty()).then(|| self.total / self.branches.len() as f64)
    }

    pub fn min(&self) -> Option<f64> {
        self.branches.iter().map(|b| b.value).reduce(f64::min)
    }

    pub fn max(&self) -> Option<f64> {
        self.branches.iter().map(|b| b.value).reduce(f64::max)
    }

    /// `total` is summed in `SummaryBuilder::finish`, once every value is in.
    fn push(&mut self, visit: usize, value: f64, outside: bool) {
        self.branches.push(BranchValue { visit, value });
        if outside {
            self.outside.push(BranchValue { visit, value });
        }
    }
}

/// Attendance: members expected who were present (present − exempted members present) over members
/// expected (total − exempted), summed over the visits whose counts can all be true.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attendance {
    pub present: u64,
    pub expected: u64,
    /// Per-branch rates in percent, and those at or below the template's threshold.
    pub rates: Figure,
}

impl Attendance {
    /// The overall rate in percent.
    pub fn rate(&self) -> Option<f64> {
        (self.expected > 0).then(|| self.present as f64 * 100.0 / self.expected as f64)
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    pub attendance: Attendance,
    pub without_notebook: Figure,
    pub speakers: Figure,
    /// Meeting duration in minutes.
    pub duration: Figure,
}

/// Several records of one meeting counted as one visit ([`crate::core::reconcile::counted_once`]).
#[derive(Debug, Clone, PartialEq)]
pub struct SameMeeting {
    /// Every record's file, the one whose answers count (the base) first.
    pub files: Vec<PathBuf>,
    /// The facts and items (ids) the records answer differently; `template` when one was filled
    /// against another template.
    pub differing: Vec<String>,
}

/// Records of the same branch (same committee) on the same date, not reconciled yet.
#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    pub branch: String,
    pub committee: String,
    pub date: Date,
    /// Indexes into [`Summary::visits`]: one when the records were counted once (the store's
    /// summary always does), several when they were added to the builder one by one.
    pub visits: Vec<usize>,
    /// Every record's file; when counted once, the one whose answers count first.
    pub files: Vec<PathBuf>,
    /// Where the records differ (see [`SameMeeting::differing`]); empty when not counted once.
    pub differing: Vec<String>,
}

impl Duplicate {
    /// The records were counted as one meeting.
    pub fn counted_once(&self) -> bool {
        self.visits.len() == 1
    }
}

/// The merged report.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub lang: Lang,
    /// The visits merged, in the order they were added.
    pub visits: Vec<VisitInfo>,
    pub skipped: Vec<Skipped>,
    /// Visits loaded but left out by the filters.
    pub filtered_out: usize,
    pub template_versions: Vec<TemplateVersion>,
    /// Distinct rounds (decision numbers) the visits name.
    pub rounds: Vec<String>,
    /// Every item, in merged template order, with its counts.
    pub sections: Vec<SectionSummary>,
    /// Items failing somewhere: by section, then most failing branches first.
    pub findings: Vec<Finding>,
    pub strengths: Vec<Strength>,
    pub other_limitations: Vec<TextLine>,
    pub other_strengths: Vec<TextLine>,
    pub figures: Figures,
    pub duplicates: Vec<Duplicate>,
    /// The scores of each template version with a points frame, by id and version; empty when
    /// no visit's template has one.
    pub scores: Vec<ScoreSummary>,
    /// The rounds described by the `round.ron` files of the folders summarised, in decision order,
    /// each with its visits and coverage; set by the caller (the summary itself reads no file),
    /// empty when no round file governs them.
    pub described_rounds: Vec<SummaryRound>,
    /// The share of assessed branches an item must pass in to be a strength (the newest template's).
    pub strength_share: f64,
    /// Set when the summary is a roll-up of other summaries: which, and at what level.
    pub rolled_up: Option<Box<rollup::RollupInfo>>,
}

impl Summary {
    /// The visit a finding's branch stands for.
    pub fn visit_of(&self, branch: &FindingBranch) -> &VisitInfo {
        // The builder only records indexes of visits it has pushed.
        &self.visits[branch.visit]
    }

    /// The visit a line of a free-text item came from.
    pub fn visit_of_line(&self, line: &TextLine) -> &VisitInfo {
        // The builder only records indexes of visits it has pushed.
        &self.visits[line.visit]
    }

    /// The visits of a finding's failing branches, in the finding's order.
    pub fn failing_visits<'a>(&'a self, finding: &'a Finding) -> impl Iterator<Item = &'a VisitInfo> {
        finding.branches.iter().map(|b| self.visit_of(b))
    }

    /// First and last meeting dates.
    pub fn period(&self) -> Option<(Date, Date)> {
        let first = self.visits.iter().map(|v| v.date).min()?;
        let last = self.visits.iter().map(|v| v.date).max()?;
        Some((first, last))
    }

    /// The period the report gives: when every visit is one of the rounds described by a round
    /// file, the rounds' own period (earliest start to latest end, from their round files);
    /// otherwise the first and last meeting dates.
    pub fn report_period(&self) -> Option<(Date, Date)> {
        let with_visits: Vec<&SummaryRound> =
            self.described_rounds.iter().filter(|r| !r.visits.is_empty() || self.visits.is_empty()).collect();
        // A visit is at most one round's, so the counts add up to the visits the rounds hold.
        let held: usize = self.described_rounds.iter().map(|r| r.visits.len()).sum();
        if with_visits.is_empty() || held < self.visits.len() {
            return self.period();
        }
        let from = with_visits.iter().map(|r| r.round.from).min()?;
        let to = with_visits.iter().map(|r| r.round.to).max()?;
        Some((from, to))
    }

    /// How many branches the visits are of (name and committee, through [`name_key`]): fewer
    /// than the visits when a branch was visited more than once.
    pub fn branch_count(&self) -> usize {
        let branches: std::collections::HashSet<(String, String)> =
            self.visits.iter().map(|v| (name_key(&v.branch), name_key(&v.committee))).collect();
        branches.len()
    }

    /// The rounds with a plan, with their coverage, in decision order.
    pub fn coverages(&self) -> impl Iterator<Item = (&SummaryRound, &Coverage)> {
        self.described_rounds.iter().filter_map(|r| r.coverage.as_ref().map(|c| (r, c)))
    }

    /// Visits (indexes) edited after being marked final, in name order.
    pub fn edited_after_final(&self) -> Vec<usize> {
        let mut list: Vec<usize> = (0..self.visits.len()).filter(|&i| self.visits[i].edited_after_final).collect();
        list.sort_by_key(|&i| self.visits[i].name_rank);
        list
    }

    /// Every inspector named, once each, in name order.
    pub fn inspectors(&self) -> Vec<String> {
        let mut seen = HashMap::new();
        for name in self.visits.iter().flat_map(|v| &v.inspectors) {
            seen.entry(name_key(name)).or_insert_with(|| name.clone());
        }
        let mut names: Vec<String> = seen.into_values().filter(|n| !n.trim().is_empty()).collect();
        names.sort_by(|a, b| compare_names(a, b));
        names
    }

    /// Visit indexes by date, then branch name: the order of the "branches attended" list.
    pub fn visits_by_date(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.visits.len()).collect();
        order.sort_by_key(|&i| (self.visits[i].date, self.visits[i].name_rank));
        order
    }

    /// The rule sets (template ids) the visits follow, by id, each with its visits over all its
    /// versions: more than one when a summary mixes rule sets (e.g. HD 12 and HD 42 across the
    /// day HD 42 came into force).
    pub fn rule_sets(&self) -> Vec<RuleSetCount> {
        let mut sets: Vec<RuleSetCount> = Vec::new();
        // `template_versions` is by id, then version: the newest version's rule-set name is kept.
        for t in &self.template_versions {
            match sets.last_mut() {
                Some(last) if last.id == t.id => {
                    last.visits += t.visits;
                    last.rule_set.clone_from(&t.rule_set);
                }
                _ => sets.push(RuleSetCount { id: t.id.clone(), rule_set: t.rule_set.clone(), visits: t.visits }),
            }
        }
        sets
    }

    /// The scores of the template version `visit` was filled against, when it has a frame.
    pub fn scores_of(&self, visit: &VisitInfo) -> Option<&ScoreSummary> {
        self.scores.iter().find(|s| s.template_id == visit.template_id && s.version == visit.template_version)
    }

    /// The grade band of a visit: None when it is not scored, or not gradable yet.
    pub fn grade_of(&self, visit: &VisitInfo) -> Option<&BandCount> {
        let band = visit.score.as_ref()?.band?;
        self.scores_of(visit)?.bands.get(band)
    }

    /// Every item id of the merged templates, in order: the columns of the visits sheet.
    pub fn item_ids(&self) -> impl Iterator<Item = &str> {
        self.sections.iter().flat_map(|s| s.items.iter().map(|i| i.id.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantifiers_follow_the_domain_words() {
        assert_eq!(Quantifier::of(7, 7), Quantifier::All);
        assert_eq!(Quantifier::of(4, 7), Quantifier::Most);
        assert_eq!(Quantifier::of(1, 7), Quantifier::One);
        assert_eq!(Quantifier::of(1, 1), Quantifier::One);
        assert_eq!(Quantifier::of(3, 7), Quantifier::Some);
        assert_eq!(Quantifier::of(2, 4), Quantifier::Some);
        assert_eq!(
            quantified(3, 7, "Nội dung sinh hoạt chưa sát", Lang::Vi),
            "Một số chi bộ (3/7): nội dung sinh hoạt chưa sát"
        );
        assert_eq!(quantified(2, 2, "Few spoke", Lang::En), "All branches (2/2): few spoke");
        assert_eq!(lower_first("HĐND quận"), "HĐND quận");
        assert_eq!(lower_first("Đảng viên"), "đảng viên");
    }
}
