//! The summary: many visits merged into one findings report.
//!
//! Pure and streaming. Visits are folded one at a time into a [`SummaryBuilder`] (`add`, then
//! `finish`), which keeps only counts, the failing branches of each item and one small record per
//! visit, never the visits themselves. Statuses come from [`crate::core::rules`]; nothing here
//! re-decides whether an answer passes.
//!
//! Merging across template versions is by item id: the newest template seen gives the section and
//! item order, items only older versions have are added at the end of their section, and a visit
//! whose template lacks an item counts for that item as `not_in_template` (not assessed).
//!
//! Names are ordered by [`compare_names`] (in [`crate::core::text`]): Vietnamese marks removed,
//! case and spacing ignored, digit runs compared as numbers.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::core::answer::{AnswerStyle, answer_text};
use crate::core::round::{Coverage, SummaryRound, VisitBrief};
use crate::core::rules::{ItemStatus, attendance, computed_value, finding_sentence, item_status, strength_sentence};
use crate::core::template::{Computed, FailsWhen, Item, Kind, Template};
use crate::core::text::{compare_names, fold, name_key, natural_cmp};
use crate::core::visit::{BranchType, MeetingKind, Value, Visit, VisitStatus, edited_after_final};
use crate::strings::{Lang, Msg};

/// The overall item whose lines are listed as limitations, as written.
pub const OTHER_LIMITATIONS: &str = "overall.other_limitations";
/// The overall item whose lines are listed as strengths, as written.
pub const OTHER_STRENGTHS: &str = "overall.other_strengths";
/// The count item behind the "members without a notebook" figure.
pub const WITHOUT_NOTEBOOK: &str = "note.without_notebook";
/// The count item behind the "speakers per meeting" figure.
pub const SPEAKERS: &str = "crit.speakers";

/// Which visits go into the summary. Empty filters accept everything.
///
/// Text filters (committee, inspector) match when the typed text occurs in the name, ignoring
/// case, spacing and Vietnamese marks: `--committee "mai dich"` matches "Đảng bộ phường Mai Dịch".
/// Dates are inclusive.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub committee: Option<String>,
    pub branch_type: Option<BranchType>,
    pub inspector: Option<String>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// Leave drafts out.
    pub final_only: bool,
}

impl Filters {
    pub fn accepts(&self, visit: &Visit) -> bool {
        let m = &visit.meeting;
        if let Some(wanted) = &self.committee
            && !folded_contains(&m.committee, wanted)
        {
            return false;
        }
        if self.branch_type.is_some_and(|t| t != m.branch_type) {
            return false;
        }
        if let Some(wanted) = &self.inspector
            && !visit.inspectors.iter().any(|name| folded_contains(name, wanted))
        {
            return false;
        }
        if self.from.is_some_and(|from| m.date < from) || self.to.is_some_and(|to| m.date > to) {
            return false;
        }
        !(self.final_only && visit.status != VisitStatus::Final)
    }
}

fn folded_contains(haystack: &str, needle: &str) -> bool {
    fold(haystack).contains(&fold(needle))
}

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
    /// Items that make a finding in this visit.
    pub findings: usize,
    /// Another visit has the same branch, committee and date.
    pub duplicate: bool,
    /// Position in name order (branch, then committee, date, file): lists are sorted by it.
    pub name_rank: usize,
    /// Item id → the answer, only with [`SummaryBuilder::keep_answers`].
    pub answers: Option<BTreeMap<String, AnswerCell>>,
    /// Final, but its content no longer matches the hash recorded when it was finalised.
    pub edited_after_final: bool,
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
    /// The inspector's note on this item.
    pub note: String,
    /// The finding sentence for this visit alone, for "{list}" items (it names the options); None
    /// when it is the rule's sentence as written. [`Finding::branch_text`] gives it either way.
    pub own_text: Option<String>,
}

/// An item passed by (a template-set share of) the assessed branches.
#[derive(Debug, Clone, PartialEq)]
pub struct Strength {
    pub id: String,
    pub text: String,
    pub passing: usize,
    pub assessed: usize,
}

/// One line of a free-text overall item, with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    pub visit: usize,
    pub text: String,
    pub branch: String,
    pub committee: String,
    pub file: PathBuf,
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

/// Visits of the same branch (same committee) on the same date.
#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    pub branch: String,
    pub committee: String,
    pub date: Date,
    /// Indexes into [`Summary::visits`].
    pub visits: Vec<usize>,
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
    /// The rounds described by the `round.ron` files of the folders summarised, in decision order,
    /// each with its visits and coverage; set by the caller (the summary itself reads no file),
    /// empty when no round file governs them.
    pub described_rounds: Vec<SummaryRound>,
}

impl Summary {
    /// The visit a finding's branch stands for.
    pub fn visit_of(&self, branch: &FindingBranch) -> &VisitInfo {
        // The builder only records indexes of visits it has pushed.
        &self.visits[branch.visit]
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

    /// Every item id of the merged templates, in order: the columns of the visits sheet.
    pub fn item_ids(&self) -> impl Iterator<Item = &str> {
        self.sections.iter().flat_map(|s| s.items.iter().map(|i| i.id.as_str()))
    }
}

/// Each visit's position in name order (branch, committee, date, file): every list of the report
/// is then sorted by this number.
///
/// Many visits share a branch or committee name, so the distinct names are ranked once with
/// [`compare_names`] and the visits sorted by those ranks: the same order as comparing the names
/// visit by visit, with the costly comparison done once per name instead of once per pair.
fn name_ranks(visits: &[VisitInfo]) -> Vec<usize> {
    let branch = rank_names(visits.iter().map(|v| v.branch.as_str()));
    let committee = rank_names(visits.iter().map(|v| v.committee.as_str()));
    let mut order: Vec<usize> = (0..visits.len()).collect();
    order.sort_by(|&a, &b| {
        let (va, vb) = (&visits[a], &visits[b]);
        branch[a]
            .cmp(&branch[b])
            .then_with(|| committee[a].cmp(&committee[b]))
            .then_with(|| va.date.cmp(&vb.date))
            .then_with(|| va.file.cmp(&vb.file))
    });
    let mut ranks = vec![0; visits.len()];
    for (rank, &i) in order.iter().enumerate() {
        ranks[i] = rank;
    }
    ranks
}

/// For each name, its rank among the distinct names in [`compare_names`] order.
fn rank_names<'a>(names: impl Iterator<Item = &'a str>) -> Vec<usize> {
    let names: Vec<&str> = names.collect();
    let mut distinct: Vec<&str> = names.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let folded: Vec<String> = distinct.iter().map(|n| fold(n)).collect();
    let mut order: Vec<usize> = (0..distinct.len()).collect();
    order.sort_by(|&a, &b| natural_cmp(&folded[a], &folded[b]).then_with(|| distinct[a].cmp(distinct[b])));
    let mut rank_of: HashMap<&str, usize> = HashMap::with_capacity(distinct.len());
    for (rank, &i) in order.iter().enumerate() {
        rank_of.insert(distinct[i], rank);
    }
    names.iter().map(|n| rank_of.get(n).copied().unwrap_or(usize::MAX)).collect()
}

/// Running counts for one item id.
#[derive(Debug, Default)]
struct ItemAcc {
    passing: usize,
    failing: Vec<FindingBranch>,
    answered: usize,
    not_applicable: usize,
    unanswered: usize,
    /// Visits whose template has the item.
    seen: usize,
    /// For strengths: passed (a strength-only yes/no item counts "yes" as passed) and assessed.
    strength_passing: usize,
    strength_assessed: usize,
    /// Options named by "{list}" in some failing visit.
    concerned: BTreeSet<String>,
}

/// Folds visits one at a time into a [`Summary`].
#[derive(Debug)]
pub struct SummaryBuilder {
    lang: Lang,
    filters: Filters,
    keep_answers: bool,
    /// Distinct (id, version) templates seen, with their visit counts, in first-seen order.
    templates: Vec<(Template, usize)>,
    visits: Vec<VisitInfo>,
    skipped: Vec<Skipped>,
    filtered_out: usize,
    items: HashMap<String, ItemAcc>,
    other_limitations: Vec<TextLine>,
    other_strengths: Vec<TextLine>,
    figures: Figures,
    same_day: HashMap<(String, String, Date), Vec<usize>>,
}

impl SummaryBuilder {
    pub fn new(lang: Lang, filters: Filters) -> SummaryBuilder {
        SummaryBuilder {
            lang,
            filters,
            keep_answers: false,
            templates: Vec::new(),
            visits: Vec::new(),
            skipped: Vec::new(),
            filtered_out: 0,
            items: HashMap::new(),
            other_limitations: Vec::new(),
            other_strengths: Vec::new(),
            figures: Figures::default(),
            same_day: HashMap::new(),
        }
    }

    /// Keep every visit's answers as text (for a visits × items table). Off by default: it is the
    /// one part of the summary whose size grows with visits × items.
    pub fn keep_answers(mut self, keep: bool) -> SummaryBuilder {
        self.keep_answers = keep;
        self
    }

    /// An empty builder with the same language, filters and options: fill it with part of the
    /// visits (on another thread) and [`append`](Self::append) it back, in order.
    pub fn fork(&self) -> SummaryBuilder {
        SummaryBuilder::new(self.lang, self.filters.clone()).keep_answers(self.keep_answers)
    }

    /// Take in everything `later` gathered, as if its visits had been added to this builder after
    /// the ones it has: appending the builders of consecutive runs of visits, in order, gives the
    /// same summary as adding the visits one by one.
    pub fn append(&mut self, later: SummaryBuilder) {
        let offset = self.visits.len();
        let shift = |i: usize| i + offset;
        for (template, n) in &later.templates {
            self.count_template(template, *n);
        }
        self.visits.extend(later.visits);
        self.skipped.extend(later.skipped);
        self.filtered_out += later.filtered_out;
        for (id, theirs) in later.items {
            let mine = self.items.entry(id).or_default();
            mine.passing += theirs.passing;
            mine.answered += theirs.answered;
            mine.not_applicable += theirs.not_applicable;
            mine.unanswered += theirs.unanswered;
            mine.seen += theirs.seen;
            mine.strength_passing += theirs.strength_passing;
            mine.strength_assessed += theirs.strength_assessed;
            mine.concerned.extend(theirs.concerned);
            mine.failing.extend(theirs.failing.into_iter().map(|b| FindingBranch { visit: shift(b.visit), ..b }));
        }
        for (mine, theirs) in
            [(&mut self.other_limitations, later.other_limitations), (&mut self.other_strengths, later.other_strengths)]
        {
            mine.extend(theirs.into_iter().map(|l| TextLine { visit: shift(l.visit), ..l }));
        }
        let (mine, theirs) = (&mut self.figures, later.figures);
        mine.attendance.present += theirs.attendance.present;
        mine.attendance.expected += theirs.attendance.expected;
        for (mine, theirs) in [
            (&mut mine.attendance.rates, theirs.attendance.rates),
            (&mut mine.without_notebook, theirs.without_notebook),
            (&mut mine.speakers, theirs.speakers),
            (&mut mine.duration, theirs.duration),
        ] {
            // `total` is summed again in `finish`, in visit order, so that the float sum does
            // not depend on where the runs were cut.
            let shifted = |b: BranchValue| BranchValue { visit: shift(b.visit), ..b };
            mine.branches.extend(theirs.branches.into_iter().map(shifted));
            mine.outside.extend(theirs.outside.into_iter().map(shifted));
        }
        for (key, group) in later.same_day {
            self.same_day.entry(key).or_default().extend(group.into_iter().map(shift));
        }
    }

    /// Visits added so far (after filtering).
    pub fn visit_count(&self) -> usize {
        self.visits.len()
    }

    /// Record a file that could not be loaded.
    pub fn skip(&mut self, path: &Path, position: Option<(usize, usize)>, reason: String) {
        self.skipped.push(Skipped { path: path.to_path_buf(), position, reason });
    }

    /// Fold one visit, filled against `template`, read from `path`. Returns false when the filters
    /// leave it out.
    pub fn add(&mut self, visit: &Visit, template: &Template, path: &Path) -> bool {
        if !self.filters.accepts(visit) {
            self.filtered_out += 1;
            return false;
        }
        let index = self.visits.len();
        self.count_template(template, 1);
        let m = &visit.meeting;
        let mut answers = self.keep_answers.then(BTreeMap::new);
        let mut findings = 0;
        for r in template.items() {
            let item = r.item;
            let status = item_status(item, visit);
            if status == ItemStatus::Fail {
                findings += 1;
            }
            self.figure_for(item, &status, visit, index);
            if let Some(answers) = &mut answers
                && let Some(cell) = AnswerCell::of(item, visit, self.lang)
            {
                answers.insert(item.id.clone(), cell);
            }
            let lang = self.lang;
            let acc = match self.items.get_mut(&item.id) {
                Some(acc) => acc,
                None => self.items.entry(item.id.clone()).or_default(),
            };
            acc.seen += 1;
            match status {
                ItemStatus::NotApplicable => acc.not_applicable += 1,
                ItemStatus::Unanswered => acc.unanswered += 1,
                ItemStatus::Pass => acc.passing += 1,
                ItemStatus::Answered => acc.answered += 1,
                ItemStatus::Fail => {
                    acc.concerned.extend(concerned_options(item, visit));
                    let own_text = item
                        .finding
                        .as_ref()
                        .filter(|rule| rule.text.get(lang).contains("{list}"))
                        .and_then(|_| finding_sentence(item, visit, lang));
                    acc.failing.push(FindingBranch {
                        visit: index,
                        note: visit.answer(&item.id).map(|a| a.note.clone()).unwrap_or_default(),
                        own_text,
                    });
                }
            }
            if item.strength.is_some() {
                match (&status, visit.value(&item.id)) {
                    (ItemStatus::Pass, _) | (ItemStatus::Answered, Some(Value::Yes)) => {
                        acc.strength_passing += 1;
                        acc.strength_assessed += 1;
                    }
                    (ItemStatus::Fail, _) | (ItemStatus::Answered, Some(Value::No)) => acc.strength_assessed += 1,
                    _ => {}
                }
            }
        }
        // The same counts as the rate of each branch: none from counts that cannot all be true.
        if let Some((present, expected)) = attendance(&m.members)
            && expected > 0
        {
            self.figures.attendance.present += u64::from(present);
            self.figures.attendance.expected += u64::from(expected);
        }
        for (id, lines) in
            [(OTHER_LIMITATIONS, &mut self.other_limitations), (OTHER_STRENGTHS, &mut self.other_strengths)]
        {
            if template.item(id).is_none() {
                continue;
            }
            if let Some(Value::Text(text)) = visit.value(id) {
                lines.extend(text.lines().map(str::trim).filter(|l| !l.is_empty()).map(|line| TextLine {
                    visit: index,
                    text: line.to_string(),
                    branch: m.branch.clone(),
                    committee: m.committee.clone(),
                    file: path.to_path_buf(),
                }));
            }
        }
        self.same_day.entry((name_key(&m.branch), name_key(&m.committee), m.date)).or_default().push(index);
        self.visits.push(VisitInfo {
            file: path.to_path_buf(),
            branch: m.branch.clone(),
            committee: m.committee.clone(),
            branch_type: m.branch_type,
            kind: m.kind,
            date: m.date,
            status: visit.status,
            inspectors: visit.inspectors.clone(),
            round: visit.round.clone().filter(|r| !r.trim().is_empty()),
            template_id: template.id.clone(),
            template_version: template.version,
            findings,
            duplicate: false,
            name_rank: 0,
            answers,
            edited_after_final: edited_after_final(visit),
        });
        true
    }

    /// `visits` more visits filled against `template`.
    fn count_template(&mut self, template: &Template, visits: usize) {
        match self.templates.iter_mut().find(|(t, _)| t.id == template.id && t.version == template.version) {
            Some((_, n)) => *n += visits,
            None => self.templates.push((template.clone(), visits)),
        }
    }

    /// The figures an item feeds: attendance rate and duration (computed), notebooks and speakers.
    fn figure_for(&mut self, item: &Item, status: &ItemStatus, visit: &Visit, index: usize) {
        let outside = *status == ItemStatus::Fail;
        let (figure, value) = match &item.kind {
            Kind::Computed(c @ Computed::AttendanceRate) => {
                (&mut self.figures.attendance.rates, computed_value(*c, &visit.meeting))
            }
            Kind::Computed(c @ Computed::DurationMinutes) => {
                (&mut self.figures.duration, computed_value(*c, &visit.meeting))
            }
            _ if item.id == WITHOUT_NOTEBOOK || item.id == SPEAKERS => {
                let value = match (status, visit.value(&item.id)) {
                    (ItemStatus::Pass | ItemStatus::Fail, Some(Value::Number(n))) => Some(f64::from(*n)),
                    _ => None,
                };
                let figure =
                    if item.id == SPEAKERS { &mut self.figures.speakers } else { &mut self.figures.without_notebook };
                (figure, value)
            }
            _ => return,
        };
        if let Some(value) = value {
            figure.push(index, value, outside);
        }
    }

    pub fn finish(self) -> Summary {
        let lang = self.lang;
        let mut visits = self.visits;
        let mut items = self.items;
        let ranks = name_ranks(&visits);
        for (v, &rank) in visits.iter_mut().zip(&ranks) {
            v.name_rank = rank;
        }
        let rank = |i: usize| ranks.get(i).copied().unwrap_or(usize::MAX);

        // Duplicates: the same branch of the same committee on the same date.
        let mut duplicates: Vec<Duplicate> = self
            .same_day
            .into_values()
            .filter(|group| group.len() > 1)
            .filter_map(|group| {
                let first = visits.get(*group.first()?)?;
                Some(Duplicate {
                    branch: first.branch.clone(),
                    committee: first.committee.clone(),
                    date: first.date,
                    visits: group,
                })
            })
            .collect();
        for d in &duplicates {
            for &i in &d.visits {
                if let Some(v) = visits.get_mut(i) {
                    v.duplicate = true;
                }
            }
        }
        duplicates.sort_by_key(|d| d.visits.first().map_or(usize::MAX, |&i| rank(i)));

        // The merged catalogue: the newest template's order, then items only older ones have.
        let mut templates: Vec<&(Template, usize)> = self.templates.iter().collect();
        templates.sort_by(|(a, _), (b, _)| b.version.cmp(&a.version).then_with(|| a.id.cmp(&b.id)));
        let strength_share = templates.first().map_or(1.0, |(t, _)| t.strength_share);
        let mut catalogue: Vec<(String, String, Vec<&Item>)> = Vec::new();
        let mut placed: BTreeSet<&str> = BTreeSet::new();
        for (template, _) in &templates {
            for section in &template.sections {
                let pos = match catalogue.iter().position(|(id, _, _)| *id == section.id) {
                    Some(pos) => pos,
                    None => {
                        catalogue.push((section.id.clone(), section.title.get(lang).to_string(), Vec::new()));
                        catalogue.len() - 1
                    }
                };
                for item in &section.items {
                    if placed.insert(item.id.as_str()) {
                        catalogue[pos].2.push(item);
                    }
                }
            }
        }

        let total = visits.len();
        let mut sections = Vec::new();
        let mut findings = Vec::new();
        let mut strengths = Vec::new();
        for (section_id, section_title, section_items) in &catalogue {
            let mut tallies = Vec::new();
            let mut section_findings = Vec::new();
            for item in section_items {
                let mut acc = items.remove(&item.id).unwrap_or_default();
                acc.failing.sort_by_key(|b| rank(b.visit));
                let not_in_template = total.saturating_sub(acc.seen);
                tallies.push(ItemTally {
                    id: item.id.clone(),
                    section_id: section_id.clone(),
                    text: item.text.get(lang).to_string(),
                    has_rule: item.finding.is_some(),
                    passing: acc.passing,
                    failing: acc.failing.len(),
                    answered: acc.answered,
                    not_applicable: acc.not_applicable,
                    unanswered: acc.unanswered,
                    not_in_template,
                });
                if let Some(text) = strength_sentence(item, lang)
                    && acc.strength_assessed > 0
                    && acc.strength_passing as f64 >= strength_share * acc.strength_assessed as f64 - 1e-9
                {
                    strengths.push(Strength {
                        id: item.id.clone(),
                        text: text.to_string(),
                        passing: acc.strength_passing,
                        assessed: acc.strength_assessed,
                    });
                }
                if !acc.failing.is_empty() {
                    section_findings.push(Finding {
                        id: item.id.clone(),
                        section_id: section_id.clone(),
                        section_title: section_title.clone(),
                        text: merged_sentence(item, &acc, lang),
                        assessed: acc.passing + acc.failing.len(),
                        not_applicable: acc.not_applicable,
                        unanswered: acc.unanswered,
                        not_in_template,
                        branches: acc.failing,
                    });
                }
            }
            // Stable: ties keep template order.
            section_findings.sort_by_key(|f| std::cmp::Reverse(f.failing()));
            findings.extend(section_findings);
            sections.push(SectionSummary { id: section_id.clone(), title: section_title.clone(), items: tallies });
        }

        let mut template_versions: Vec<TemplateVersion> = self
            .templates
            .iter()
            .map(|(t, n)| TemplateVersion {
                id: t.id.clone(),
                version: t.version,
                rule_set: t.rule_set.clone(),
                visits: *n,
            })
            .collect();
        template_versions.sort_by(|a, b| a.id.cmp(&b.id).then(a.version.cmp(&b.version)));

        let mut distinct_rounds: HashMap<String, &String> = HashMap::new();
        for round in visits.iter().filter_map(|v| v.round.as_ref()) {
            distinct_rounds.entry(name_key(round)).or_insert(round);
        }
        let mut rounds: Vec<String> = distinct_rounds.into_values().cloned().collect();
        rounds.sort_by(|a, b| compare_names(a, b));

        let mut figures = self.figures;
        for figure in
            [&mut figures.attendance.rates, &mut figures.without_notebook, &mut figures.speakers, &mut figures.duration]
        {
            figure.total = figure.branches.iter().map(|b| b.value).sum();
            figure.branches.sort_by_key(|b| rank(b.visit));
            figure.outside.sort_by_key(|b| rank(b.visit));
        }
        let mut other_limitations = self.other_limitations;
        let mut other_strengths = self.other_strengths;
        for lines in [&mut other_limitations, &mut other_strengths] {
            // Stable: a branch's lines keep their written order.
            lines.sort_by_key(|l| rank(l.visit));
        }
        visits.shrink_to_fit();

        Summary {
            lang,
            visits,
            skipped: self.skipped,
            filtered_out: self.filtered_out,
            template_versions,
            rounds,
            sections,
            findings,
            strengths,
            other_limitations,
            other_strengths,
            figures,
            duplicates,
            described_rounds: Vec::new(),
        }
    }
}

/// The options a failing "{list}" item names in this visit: ticked ones for `AnyChosen`,
/// unticked ones for `AnyNotChosen` (the same reading as [`finding_sentence`]).
fn concerned_options(item: &Item, visit: &Visit) -> Vec<String> {
    let Some(rule) = &item.finding else {
        return Vec::new();
    };
    let wanted_chosen = match rule.fails_when {
        FailsWhen::AnyChosen => true,
        FailsWhen::AnyNotChosen => false,
        _ => return Vec::new(),
    };
    let chosen: &[String] = match visit.value(&item.id) {
        Some(Value::Choices(c)) => c,
        _ => &[],
    };
    item.kind.options().iter().filter(|o| chosen.contains(&o.id) == wanted_chosen).map(|o| o.id.clone()).collect()
}

/// One sentence for all failing branches: theirs when they agree, else the rule's text with
/// "{list}" filled with every option concerned in any branch, in template order.
fn merged_sentence(item: &Item, acc: &ItemAcc, lang: Lang) -> String {
    let Some(rule) = &item.finding else {
        return String::new();
    };
    let Some(first) = acc.failing.first() else {
        return String::new();
    };
    if acc.failing.iter().all(|b| b.own_text == first.own_text) {
        return first.own_text.clone().unwrap_or_else(|| rule.text.get(lang).to_string());
    }
    let labels: Vec<&str> =
        item.kind.options().iter().filter(|o| acc.concerned.contains(&o.id)).map(|o| o.label.get(lang)).collect();
    rule.text.get(lang).replace("{list}", &labels.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::visit::{Answer, NewVisit};

    fn visit(branch: &str, day: i8) -> Visit {
        let facts = NewVisit {
            branch: branch.into(),
            committee: "Đảng bộ phường Mai Dịch".into(),
            branch_type: BranchType::KhuDanCu,
            kind: MeetingKind::Regular,
            date: jiff::civil::date(2022, 4, day),
            inspectors: vec!["Lê Thị Tú".into()],
            round: Some("967-QĐ/QU".into()),
        };
        Visit::new(&Template::embedded(), facts, jiff::Timestamp::UNIX_EPOCH)
    }

    fn answer(v: &mut Visit, id: &str, value: Value) {
        v.answers.insert(id.into(), Answer { value: Some(value), note: String::new() });
    }

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

    #[test]
    fn filters_match_folded_text_and_dates() {
        let v = visit("Chi bộ số 11", 5);
        let f = Filters { committee: Some("mai dich".into()), ..Filters::default() };
        assert!(f.accepts(&v));
        let f = Filters { inspector: Some("Tú".into()), ..Filters::default() };
        assert!(f.accepts(&v));
        let f = Filters { from: Some(jiff::civil::date(2022, 4, 6)), ..Filters::default() };
        assert!(!f.accepts(&v));
        let f = Filters { final_only: true, ..Filters::default() };
        assert!(!f.accepts(&v));
        let f = Filters { branch_type: Some(BranchType::CongAn), ..Filters::default() };
        assert!(!f.accepts(&v));
    }

    #[test]
    fn merges_counts_strengths_and_duplicates() {
        let t = Template::embedded();
        let mut a = visit("Chi bộ số 11", 5);
        let mut b = visit("Chi bộ Công an phường", 6);
        let mut c = visit("chi bộ  số 11", 5);
        for v in [&mut a, &mut b, &mut c] {
            answer(v, "prep.committee_met", Value::Yes);
            answer(v, "att.broadened", Value::Yes);
        }
        answer(&mut a, "prep.notice", Value::No);
        answer(&mut b, "prep.notice", Value::Yes);
        answer(&mut c, "prep.notice", Value::NotApplicable);
        answer(&mut a, "min.missing_fields", Value::Choices(vec!["time".into()]));
        answer(&mut b, "min.missing_fields", Value::Choices(vec!["vote".into(), "time".into()]));
        answer(&mut c, "att.broadened", Value::No);
        let mut builder = SummaryBuilder::new(Lang::Vi, Filters::default());
        for (i, v) in [&a, &b, &c].into_iter().enumerate() {
            assert!(builder.add(v, &t, Path::new(&format!("{i}.ron"))));
        }
        let s = builder.finish();
        let notice = s.findings.iter().find(|f| f.id == "prep.notice").expect("finding");
        assert_eq!((notice.failing(), notice.assessed, notice.not_applicable), (1, 2, 1));
        let minutes = s.findings.iter().find(|f| f.id == "min.missing_fields").expect("finding");
        assert_eq!(minutes.failing(), 2);
        assert!(minutes.text.contains("Thời gian") && minutes.text.contains("Kết quả biểu quyết"), "{}", minutes.text);
        let ids: Vec<&str> = s.strengths.iter().map(|st| st.id.as_str()).collect();
        assert_eq!(ids, vec!["prep.committee_met"]);
        assert_eq!(s.duplicates.len(), 1);
        assert_eq!(s.duplicates[0].visits, vec![0, 2]);
    }

    /// Visits that touch every part of the builder: passes, failures with notes, "{list}" items,
    /// N/A, figures, text lines, duplicates, and visits the filter leaves out.
    fn varied_visits() -> Vec<Visit> {
        (0..23)
            .map(|i: u32| {
                let day = (i % 9 + 1) as i8;
                let mut v = visit(&format!("Chi bộ số {}", i % 6 + 1), day);
                v.meeting.members.total = Some(20 + i);
                v.meeting.members.present = Some(15 + i % 5);
                let yes_no = [Value::Yes, Value::No, Value::NotApplicable][(i % 3) as usize].clone();
                answer(&mut v, "prep.notice", yes_no);
                answer(&mut v, "prep.committee_met", if i.is_multiple_of(4) { Value::No } else { Value::Yes });
                answer(&mut v, "note.without_notebook", Value::Number(i % 7));
                answer(&mut v, "crit.speakers", Value::Number(i % 5));
                let missing =
                    if i.is_multiple_of(2) { vec!["time".to_string()] } else { vec!["vote".into(), "time".into()] };
                answer(&mut v, "min.missing_fields", Value::Choices(missing));
                answer(&mut v, OTHER_LIMITATIONS, Value::Text(format!("Hạn chế {i}\nDòng hai")));
                if let Some(a) = v.answers.get_mut("prep.notice") {
                    a.note = format!("ghi chú {i}");
                }
                v
            })
            .collect()
    }

    #[test]
    fn appending_forked_runs_gives_the_same_summary_as_adding_one_by_one() {
        let t = Template::embedded();
        // Leaves out the meetings of the 9th.
        let filters = Filters { to: Some(jiff::civil::date(2022, 4, 8)), ..Filters::default() };
        let visits = varied_visits();
        let path = |i: usize| PathBuf::from(format!("{i}.ron"));
        let mut one_by_one = SummaryBuilder::new(Lang::Vi, filters.clone()).keep_answers(true);
        for (i, v) in visits.iter().enumerate() {
            one_by_one.add(v, &t, &path(i));
        }
        one_by_one.skip(Path::new("bad.ron"), Some((1, 2)), "hỏng".into());
        let expected = one_by_one.finish();
        assert!(expected.filtered_out > 0 && !expected.duplicates.is_empty() && !expected.findings.is_empty());
        for run in 1..=visits.len() {
            let mut whole = SummaryBuilder::new(Lang::Vi, filters.clone()).keep_answers(true);
            for (n, chunk) in visits.chunks(run).enumerate() {
                let mut part = whole.fork();
                for (k, v) in chunk.iter().enumerate() {
                    part.add(v, &t, &path(n * run + k));
                }
                whole.append(part);
            }
            whole.skip(Path::new("bad.ron"), Some((1, 2)), "hỏng".into());
            assert_eq!(whole.finish(), expected, "runs of {run}");
        }
    }
}
