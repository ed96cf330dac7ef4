//! The merge itself: parsed summaries into one [`Summary`], exactly.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use jiff::civil::Date;

use super::input::{CoverageJ, FigureJ, InputError, ItemJ, Problem, SummaryJson, VisitJ};
use super::scores::{ScoreSums, visit_score};
use super::{CoverageSum, RollupInfo, Source, TemplateNote};
use crate::core::summary::{
    BranchValue, Duplicate, Figure, Figures, Finding, FindingBranch, ItemStrength, ItemTally, ListFill, SectionSummary,
    Skipped, Strength, Summary, TemplateVersion, TextLine, VisitInfo, strength_passes,
};
use crate::core::text::{compare_names, name_key};
use crate::core::visit::{BranchType, MeetingKind, VisitStatus};
use crate::strings::Lang;

/// A visit as a summary names it: file, branch, committee, date.
type VisitKey = (String, String, String, String);

fn key_of(v: &VisitJ) -> VisitKey {
    (v.file.clone(), v.branch.clone(), v.committee.clone(), v.date.clone())
}

/// A planned branch (name keys of branch and committee) and its furthest state: 0 missing,
/// 1 draft, 2 final.
type PlannedBranch = (String, String, u8);

/// One item's sums over the inputs.
#[derive(Default)]
struct ItemSum {
    id: String,
    section: String,
    section_title: String,
    text: String,
    has_rule: bool,
    passing: usize,
    answered: usize,
    not_applicable: usize,
    unanswered: usize,
    /// Visits whose template has the item.
    seen: usize,
    strength: Option<ItemStrength>,
    list: Option<ListFill>,
    /// Failing branches (global visit index, note, sentence).
    failing: Vec<(usize, String, String)>,
}

#[derive(Default)]
struct Acc {
    visits: Vec<VisitInfo>,
    visit_sources: Vec<usize>,
    visit_levels: Vec<Option<String>>,
    hashes: HashMap<String, (String, String)>,
    keys: HashMap<VisitKey, String>,
    items: Vec<ItemSum>,
    item_index: HashMap<String, usize>,
    figures: [Vec<(usize, f64, bool)>; 4],
    present: u64,
    expected: u64,
    lines: [Vec<TextLine>; 2],
    duplicates: Vec<(Vec<usize>, Duplicate)>,
    versions: Vec<TemplateVersion>,
    rounds: Vec<String>,
    skipped: Vec<Skipped>,
    filtered_out: usize,
    /// Each round's planned branches (name keys) with their furthest state (0 missing, 1 draft, 2 final).
    planned: Vec<(String, Vec<PlannedBranch>)>,
    /// (template version, strength share) of the newest template seen.
    share: Option<((String, u32), f64)>,
    scores: ScoreSums,
}

/// Merge the inputs (each named, read or refused) into one summary at `level`. Refused inputs,
/// and inputs holding a visit an earlier input holds, are left out and named in `skipped` and
/// in [`RollupInfo::refused`].
pub fn rollup(inputs: Vec<(String, Result<SummaryJson, InputError>)>, level: Option<String>, lang: Lang) -> Summary {
    let mut acc = Acc::default();
    let mut info = RollupInfo { level, ..RollupInfo::default() };
    for (name, input) in inputs {
        let merged = input.and_then(|s| overlap(&acc, &name, &s).map_or(Ok(s), Err));
        match merged {
            Ok(summary) => add(&mut acc, &mut info, &name, summary),
            Err(error) => {
                acc.skipped.push(Skipped {
                    path: PathBuf::from(&error.source),
                    position: error.position(),
                    reason: error.reason(lang),
                });
                info.refused.push(error);
            }
        }
    }
    finish(acc, info, lang)
}

/// The first visit of `s` an earlier input already holds.
fn overlap(acc: &Acc, name: &str, s: &SummaryJson) -> Option<InputError> {
    s.visit_list.iter().enumerate().find_map(|(i, v)| {
        let by_hash = (!v.content_hash.is_empty()).then(|| acc.hashes.get(&v.content_hash)).flatten();
        let other = by_hash.map(|(source, _)| source).or_else(|| acc.keys.get(&key_of(v)))?;
        Some(InputError {
            source: name.to_string(),
            pointer: format!("/visit_list/{i}"),
            problem: Problem::SameVisit { other: other.clone(), file: v.file.clone() },
        })
    })
}

fn add(acc: &mut Acc, info: &mut RollupInfo, name: &str, s: SummaryJson) {
    let source = info.sources.len();
    info.sources.push(Source {
        name: name.to_string(),
        level: s.rollup.as_ref().and_then(|r| r.level.clone()),
        visits: s.visits,
    });
    let mut local: HashMap<VisitKey, usize> = HashMap::new();
    let mut by_file: HashMap<String, usize> = HashMap::new();
    for v in &s.visit_list {
        let index = acc.visits.len();
        local.insert(key_of(v), index);
        by_file.insert(v.file.clone(), index);
        if !v.content_hash.is_empty() {
            acc.hashes.insert(v.content_hash.clone(), (name.to_string(), v.file.clone()));
        }
        acc.keys.insert(key_of(v), name.to_string());
        let mut visit = visit_info(v);
        visit.score = visit_score(v, &s.scores).map(Box::new);
        acc.visits.push(visit);
        acc.visit_sources.push(source);
        // The deepest level known: the visit's own from a roll-up below, else its source's.
        let level = v.level.clone().or_else(|| s.rollup.as_ref().and_then(|r| r.level.clone()));
        acc.visit_levels.push(level);
    }
    note_templates(acc, info, name, &s);
    for score in &s.scores {
        acc.scores.add(score);
    }
    for item in &s.items {
        add_item(acc, item, s.visits);
    }
    for finding in &s.findings {
        let Some(&k) = acc.item_index.get(&finding.id) else { continue };
        for b in &finding.branches {
            let key = (b.file.clone(), b.branch.clone(), b.committee.clone(), b.date.clone());
            // Checked by `parse`: every failing branch is one of the input's visits.
            if let Some(&visit) = local.get(&key) {
                acc.items[k].failing.push((visit, b.note.clone(), b.text.clone()));
            }
        }
    }
    let f = &s.figures;
    for (slot, figure) in [&f.attendance, &f.without_notebook, &f.speakers, &f.duration_minutes].into_iter().enumerate()
    {
        add_figure(&mut acc.figures[slot], figure, &by_file);
    }
    acc.present += f.attendance.present;
    acc.expected += f.attendance.expected;
    for (slot, lines) in [&s.other_limitations, &s.other_strengths].into_iter().enumerate() {
        for l in lines {
            if let Some(&visit) = by_file.get(&l.file) {
                let line = TextLine {
                    visit,
                    text: l.text.as_str().into(),
                    branch: l.branch.as_str().into(),
                    committee: l.committee.as_str().into(),
                };
                acc.lines[slot].push(line);
            }
        }
    }
    for d in &s.duplicates {
        let visits: Vec<usize> = d.files.first().and_then(|f| by_file.get(f)).copied().into_iter().collect();
        let Ok(date) = d.date.parse::<Date>() else { continue };
        let files = d.files.iter().map(PathBuf::from).collect();
        let duplicate = Duplicate {
            branch: d.branch.clone(),
            committee: d.committee.clone(),
            date,
            visits: visits.clone(),
            files,
            differing: d.differing.clone(),
        };
        acc.duplicates.push((visits, duplicate));
    }
    // A roll-up's coverage is under `rollup`, a round's at the top.
    for c in s.coverage.iter().chain(s.rollup.iter().flat_map(|r| &r.coverage)) {
        add_coverage(&mut acc.planned, c);
    }
    for r in &s.rounds {
        if !acc.rounds.contains(r) {
            acc.rounds.push(r.clone());
        }
    }
    acc.skipped.extend(s.skipped.iter().map(|k| Skipped {
        path: PathBuf::from(&k.path),
        position: k.line.zip(k.column),
        reason: k.error.clone(),
    }));
    acc.filtered_out += s.filtered_out;
}

/// A round's planned branches over the inputs, each at the furthest state any input has it in:
/// inputs that are parts of one plan (split by committee) add up to that plan, not to it twice;
/// inputs of distinct plans add.
fn add_coverage(planned: &mut Vec<(String, Vec<PlannedBranch>)>, c: &CoverageJ) {
    let at = match planned.iter().position(|(round, _)| *round == c.round) {
        Some(at) => at,
        None => {
            planned.push((c.round.clone(), Vec::new()));
            planned.len() - 1
        }
    };
    let branches = &mut planned[at].1;
    for b in &c.branches {
        let state = match b.state.as_str() {
            "final" => 2,
            "draft" => 1,
            _ => 0,
        };
        let key = (name_key(&b.branch), name_key(&b.committee));
        match branches.iter_mut().find(|(branch, committee, _)| (branch, committee) == (&key.0, &key.1)) {
            Some(known) => known.2 = known.2.max(state),
            None => branches.push((key.0, key.1, state)),
        }
    }
}

/// Template versions add up; one the first input was not made from is named.
fn note_templates(acc: &mut Acc, info: &mut RollupInfo, name: &str, s: &SummaryJson) {
    for t in &s.template_versions {
        let known = acc.versions.iter().any(|v| v.id == t.id && v.version == t.version);
        if !known && !acc.versions.is_empty() {
            info.other_templates.push(TemplateNote {
                source: name.to_string(),
                template: t.id.clone(),
                version: t.version,
            });
        }
        match acc.versions.iter_mut().find(|v| v.id == t.id && v.version == t.version) {
            Some(v) => v.visits += t.visits,
            None => acc.versions.push(TemplateVersion {
                id: t.id.clone(),
                version: t.version,
                rule_set: t.rule_set.clone(),
                visits: t.visits,
            }),
        }
        let version = (t.id.clone(), t.version);
        if acc.share.as_ref().is_none_or(|(newest, _)| version.1 > newest.1) {
            acc.share = Some((version, s.strength_share));
        }
    }
}

fn add_item(acc: &mut Acc, item: &ItemJ, visits: usize) {
    let k = match acc.item_index.get(&item.id) {
        Some(&k) => k,
        None => {
            // A new item goes after the last of its section, as `summary` places an item only
            // older templates have.
            let at = acc.items.iter().rposition(|i| i.section == item.section).map_or(acc.items.len(), |p| p + 1);
            acc.items.insert(
                at,
                ItemSum {
                    id: item.id.clone(),
                    section: item.section.clone(),
                    section_title: item.section_title.clone(),
                    text: item.text.clone(),
                    has_rule: item.has_rule,
                    ..ItemSum::default()
                },
            );
            acc.item_index = acc.items.iter().enumerate().map(|(k, i)| (i.id.clone(), k)).collect();
            at
        }
    };
    let sum = &mut acc.items[k];
    sum.passing += item.passing;
    sum.answered += item.answered;
    sum.not_applicable += item.not_applicable;
    sum.unanswered += item.unanswered;
    sum.seen += visits.saturating_sub(item.not_in_template);
    if let Some(s) = &item.strength {
        let mine = sum.strength.get_or_insert_with(|| ItemStrength { text: s.text.clone(), passing: 0, assessed: 0 });
        mine.passing += s.passing;
        mine.assessed += s.assessed;
    }
    if let Some(l) = &item.list {
        let mine = sum.list.get_or_insert_with(|| ListFill {
            rule: l.rule.clone(),
            options: l.options.clone(),
            concerned: Vec::new(),
        });
        for c in &l.concerned {
            if !mine.concerned.contains(c) {
                mine.concerned.push(c.clone());
            }
        }
        // In template order, as `summary` names them.
        let options = &mine.options;
        mine.concerned.sort_by_key(|c| options.iter().position(|o| o == c));
    }
}

fn add_figure(values: &mut Vec<(usize, f64, bool)>, figure: &FigureJ, by_file: &HashMap<String, usize>) {
    let outside: HashSet<&str> = figure.outside.iter().filter_map(|v| v.file.as_deref()).collect();
    for v in &figure.branches {
        if let Some(&visit) = v.file.as_ref().and_then(|f| by_file.get(f)) {
            values.push((visit, v.value(), v.file.as_deref().is_some_and(|f| outside.contains(f))));
        }
    }
}

fn visit_info(v: &VisitJ) -> VisitInfo {
    VisitInfo {
        file: PathBuf::from(&v.file),
        branch: v.branch.clone(),
        committee: v.committee.clone(),
        branch_type: BranchType::from_id(&v.branch_type).unwrap_or(BranchType::Khac),
        kind: MeetingKind::ALL.into_iter().find(|k| k.id() == v.kind).unwrap_or_default(),
        date: v.date.parse().unwrap_or_default(),
        status: if v.status == "final" { VisitStatus::Final } else { VisitStatus::Draft },
        inspectors: v.inspectors.clone(),
        round: v.round.clone(),
        template_id: v.template.id.clone(),
        template_version: v.template.version,
        content_hash: v.content_hash.clone(),
        findings: v.findings,
        duplicate: v.duplicate,
        same_meeting: None,
        name_rank: 0,
        answers: None,
        edited_after_final: false,
        score: None,
    }
}

fn finish(mut acc: Acc, mut info: RollupInfo, lang: Lang) -> Summary {
    // The summary's own name order: the roll-up's exactness depends on sorting the same way.
    let ranks = crate::core::summary::finish::name_ranks(&acc.visits);
    for (v, &rank) in acc.visits.iter_mut().zip(&ranks) {
        v.name_rank = rank;
    }
    let total = acc.visits.len();
    let share = acc.share.as_ref().map_or(1.0, |(_, s)| *s);
    let (sections, findings, strengths) = tally(std::mem::take(&mut acc.items), total, share, &ranks);
    let [attendance, without_notebook, speakers, duration] = acc.figures.map(|values| figure(values, &ranks));
    let mut figures = Figures { without_notebook, speakers, duration, ..Figures::default() };
    figures.attendance.rates = attendance;
    figures.attendance.present = acc.present;
    figures.attendance.expected = acc.expected;
    let [mut other_limitations, mut other_strengths] = acc.lines;
    for lines in [&mut other_limitations, &mut other_strengths] {
        lines.sort_by_key(|l| ranks[l.visit]);
    }
    acc.duplicates.sort_by_key(|(visits, _)| visits.first().map_or(usize::MAX, |&i| ranks[i]));
    acc.versions.sort_by(|a, b| a.id.cmp(&b.id).then(a.version.cmp(&b.version)));
    acc.rounds.sort_by(|a, b| compare_names(a, b));
    info.visit_sources = acc.visit_sources;
    info.visit_levels = acc.visit_levels;
    info.coverage = acc
        .planned
        .iter()
        .map(|(round, branches)| CoverageSum {
            round: round.clone(),
            planned: branches.len(),
            visited: branches.iter().filter(|b| b.2 > 0).count(),
            finalised: branches.iter().filter(|b| b.2 == 2).count(),
            branches: branches
                .iter()
                .map(|(branch, committee, state)| {
                    (branch.clone(), committee.clone(), ["missing", "draft", "final"][usize::from(*state).min(2)])
                })
                .collect(),
        })
        .collect();
    Summary {
        lang,
        visits: acc.visits,
        skipped: acc.skipped,
        filtered_out: acc.filtered_out,
        template_versions: acc.versions,
        rounds: acc.rounds,
        sections,
        findings,
        strengths,
        other_limitations,
        other_strengths,
        figures,
        duplicates: acc.duplicates.into_iter().map(|(_, d)| d).collect(),
        scores: acc.scores.finish(),
        described_rounds: Vec::new(),
        strength_share: share,
        rolled_up: Some(Box::new(info)),
    }
}

fn figure(mut values: Vec<(usize, f64, bool)>, ranks: &[usize]) -> Figure {
    values.sort_by_key(|(visit, _, _)| ranks[*visit]);
    let branches: Vec<BranchValue> = values.iter().map(|&(visit, value, _)| BranchValue { visit, value }).collect();
    let outside = values.iter().filter(|v| v.2).map(|&(visit, value, _)| BranchValue { visit, value }).collect();
    // Summed in name order, as `summary` sums it: the same total to the last bit.
    let total = branches.iter().map(|b| b.value).sum();
    Figure { total, branches, outside }
}

type Tallied = (Vec<SectionSummary>, Vec<Finding>, Vec<Strength>);

fn tally(items: Vec<ItemSum>, total: usize, share: f64, ranks: &[usize]) -> Tallied {
    let (mut sections, mut findings, mut strengths): Tallied = (Vec::new(), Vec::new(), Vec::new());
    let mut section_findings: Vec<Finding> = Vec::new();
    for mut item in items {
        if sections.last().is_none_or(|s: &SectionSummary| s.id != item.section) {
            flush(&mut section_findings, &mut findings);
            sections.push(SectionSummary {
                id: item.section.clone(),
                title: item.section_title.clone(),
                items: Vec::new(),
            });
        }
        item.failing.sort_by_key(|(visit, _, _)| ranks[*visit]);
        let not_in_template = total.saturating_sub(item.seen);
        if let Some(s) = &item.strength
            && strength_passes(s.passing, s.assessed, share)
        {
            strengths.push(Strength {
                id: item.id.clone(),
                text: s.text.clone(),
                passing: s.passing,
                assessed: s.assessed,
            });
        }
        if !item.failing.is_empty() {
            section_findings.push(finding(&item, not_in_template));
        }
        let tally = ItemTally {
            id: item.id,
            section_id: item.section,
            text: item.text,
            has_rule: item.has_rule,
            passing: item.passing,
            failing: item.failing.len(),
            answered: item.answered,
            not_applicable: item.not_applicable,
            unanswered: item.unanswered,
            not_in_template,
            strength: item.strength,
            list: item.list.map(Box::new),
        };
        if let Some(section) = sections.last_mut() {
            section.items.push(tally);
        }
    }
    flush(&mut section_findings, &mut findings);
    (sections, findings, strengths)
}

/// A section's findings, most failing first (ties in item order), after the findings before.
fn flush(section: &mut Vec<Finding>, findings: &mut Vec<Finding>) {
    section.sort_by_key(|f| std::cmp::Reverse(f.failing()));
    findings.append(section);
}

fn finding(item: &ItemSum, not_in_template: usize) -> Finding {
    let list = item.list.as_ref();
    let branches = item
        .failing
        .iter()
        .map(|(visit, note, text)| FindingBranch {
            visit: *visit,
            note: note.as_str().into(),
            own_text: list.map(|_| text.as_str().into()),
        })
        .collect();
    Finding {
        id: item.id.clone(),
        section_id: item.section.clone(),
        section_title: item.section_title.clone(),
        text: merged_sentence(item),
        assessed: item.passing + item.failing.len(),
        not_applicable: item.not_applicable,
        unanswered: item.unanswered,
        not_in_template,
        branches,
    }
}

/// The branches' sentence when they agree; else the rule's, filled with every option concerned
/// in any input, in template order (as `summary` merges it).
fn merged_sentence(item: &ItemSum) -> String {
    let first = item.failing.first().map_or("", |(_, _, text)| text.as_str());
    if item.failing.iter().all(|(_, _, text)| text == first) {
        return first.to_string();
    }
    match &item.list {
        Some(l) => {
            let labels: Vec<&str> = l.options.iter().filter(|o| l.concerned.contains(o)).map(String::as_str).collect();
            l.rule.replace("{list}", &labels.join("; "))
        }
        None => first.to_string(),
    }
}
