//! [`SummaryBuilder::finish`]: from the counts gathered to the report, step by step.
//!
//! Every list of the report is in name order: the visits are ranked once ([`Ranks`]) and each
//! list sorted by its visits' ranks.

use std::collections::{BTreeSet, HashMap};

use crate::core::rules::strength_sentence;
use crate::core::summary::builder::ItemAcc;
use crate::core::summary::{
    Duplicate, Figures, Finding, ItemStrength, ItemTally, ListFill, SectionSummary, Strength, Summary, SummaryBuilder,
    TemplateVersion, TextLine, VisitInfo,
};
use crate::core::template::{Item, Template};
use crate::core::text::{compare_names, fold, name_key, natural_cmp};
use crate::strings::Lang;

impl SummaryBuilder {
    /// The report: visits ranked and duplicates marked, the items of every template version
    /// merged into one catalogue and tallied, figures totalled, every list in name order.
    pub fn finish(self) -> Summary {
        let SummaryBuilder {
            lang,
            templates,
            mut visits,
            skipped,
            filtered_out,
            items,
            mut other_limitations,
            mut other_strengths,
            mut figures,
            scores,
            ..
        } = self;
        let ranks = Ranks::of(&mut visits);
        let duplicates = duplicates(&mut visits, &ranks);
        let newest_first = newest_first(&templates);
        let catalogue = catalogue(&newest_first, lang);
        let strength_share = newest_first.first().map_or(1.0, |(t, _)| t.strength_share);
        let tallied = tally(&catalogue, items, visits.len(), strength_share, &ranks, lang);
        settle_figures(&mut figures, &ranks);
        for lines in [&mut other_limitations, &mut other_strengths] {
            sort_lines(lines, &ranks);
        }
        let rounds = distinct_rounds(&visits);
        let scores = scores.finish(&templates, lang);
        visits.shrink_to_fit();
        Summary {
            lang,
            visits,
            skipped,
            filtered_out,
            template_versions: template_versions(&templates),
            rounds,
            sections: tallied.sections,
            findings: tallied.findings,
            strengths: tallied.strengths,
            other_limitations,
            other_strengths,
            figures,
            duplicates,
            scores,
            described_rounds: Vec::new(),
            strength_share,
            rolled_up: None,
        }
    }
}

/// Each visit's position in name order (branch, committee, date, file), also kept in
/// [`VisitInfo::name_rank`].
struct Ranks(Vec<usize>);

impl Ranks {
    fn of(visits: &mut [VisitInfo]) -> Ranks {
        let ranks = name_ranks(visits);
        for (v, &rank) in visits.iter_mut().zip(&ranks) {
            v.name_rank = rank;
        }
        Ranks(ranks)
    }

    /// The rank of visit `i` (an index the builder recorded, so always known).
    fn of_visit(&self, i: usize) -> usize {
        self.0.get(i).copied().unwrap_or(usize::MAX)
    }
}

/// Each visit's position in name order (branch, committee, date, file): every list of the report
/// is then sorted by this number.
///
/// Many visits share a branch or committee name, so the distinct names are ranked once with
/// [`compare_names`] and the visits sorted by those ranks: the same order as comparing the names
/// visit by visit, with the costly comparison done once per name instead of once per pair.
pub(super) fn name_ranks(visits: &[VisitInfo]) -> Vec<usize> {
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

/// Records of the same branch of the same committee on the same date, as duplicates in the order
/// of their first visit; their visits are marked. A visit counting several records once is one
/// on its own; visits added one by one that record one meeting are one together.
fn duplicates(visits: &mut [VisitInfo], ranks: &Ranks) -> Vec<Duplicate> {
    let mut duplicates: Vec<Duplicate> = super::same_day::same_day_groups(visits)
        .into_iter()
        .filter_map(|group| {
            let first = visits.get(*group.first()?)?;
            let mut files = Vec::new();
            let mut differing = Vec::new();
            for v in group.iter().filter_map(|&i| visits.get(i)) {
                match &v.same_meeting {
                    Some(same) => {
                        files.extend(same.files.iter().cloned());
                        differing.extend(same.differing.iter().cloned());
                    }
                    None => files.push(v.file.clone()),
                }
            }
            (files.len() > 1).then(|| Duplicate {
                branch: first.branch.clone(),
                committee: first.committee.clone(),
                date: first.date,
                visits: group,
                files,
                differing,
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
    duplicates.sort_by_key(|d| d.visits.first().map_or(usize::MAX, |&i| ranks.of_visit(i)));
    duplicates
}

/// The templates seen, the rule set in force most recently first: by the first day in force
/// (`in_force.from`), then newest version, then id. A version without dates takes the latest
/// first day of the other versions of its id seen; one with none at all comes after every dated
/// one. So HD 42 (2025) comes before HD 12 (2018) whatever their version numbers, and versions
/// of one rule set keep newest-version-first.
fn newest_first(templates: &[(Template, usize)]) -> Vec<&(Template, usize)> {
    let from = |t: &Template| {
        t.in_force.map(|p| p.from).or_else(|| {
            templates
                .iter()
                .filter(|(other, _)| other.id == t.id)
                .filter_map(|(other, _)| other.in_force)
                .map(|p| p.from)
                .max()
        })
    };
    let mut sorted: Vec<&(Template, usize)> = templates.iter().collect();
    sorted.sort_by(|(a, _), (b, _)| {
        from(b).cmp(&from(a)).then_with(|| b.version.cmp(&a.version)).then_with(|| a.id.cmp(&b.id))
    });
    sorted
}

/// A section of the merged catalogue.
struct CatalogueSection<'t> {
    id: String,
    title: String,
    items: Vec<&'t Item>,
}

/// Every item of every template, once: the newest template's sections and order, then the items
/// (and sections) only older versions have, at the end of their section.
fn catalogue<'t>(newest_first: &[&'t (Template, usize)], lang: Lang) -> Vec<CatalogueSection<'t>> {
    let mut catalogue: Vec<CatalogueSection> = Vec::new();
    let mut placed: BTreeSet<&str> = BTreeSet::new();
    for (template, _) in newest_first {
        for section in &template.sections {
            let pos = match catalogue.iter().position(|s| s.id == section.id) {
                Some(pos) => pos,
                None => {
                    let title = section.title.get(lang).to_string();
                    catalogue.push(CatalogueSection { id: section.id.clone(), title, items: Vec::new() });
                    catalogue.len() - 1
                }
            };
            for item in &section.items {
                if placed.insert(item.id.as_str()) {
                    catalogue[pos].items.push(item);
                }
            }
        }
    }
    catalogue
}

/// The counts of every item, the findings and the strengths.
struct Tallied {
    sections: Vec<SectionSummary>,
    /// By section, then most failing branches first (ties in template order).
    findings: Vec<Finding>,
    strengths: Vec<Strength>,
}

/// Tally every item of the catalogue from its running counts, over `total` visits.
fn tally(
    catalogue: &[CatalogueSection],
    mut items: HashMap<String, ItemAcc>,
    total: usize,
    strength_share: f64,
    ranks: &Ranks,
    lang: Lang,
) -> Tallied {
    let mut tallied = Tallied { sections: Vec::new(), findings: Vec::new(), strengths: Vec::new() };
    for section in catalogue {
        let mut tallies = Vec::new();
        let mut section_findings = Vec::new();
        for item in &section.items {
            let mut acc = items.remove(&item.id).unwrap_or_default();
            acc.failing.sort_by_key(|b| ranks.of_visit(b.visit));
            let not_in_template = total.saturating_sub(acc.seen);
            tallies.push(item_tally(item, &section.id, &acc, not_in_template, lang));
            tallied.strengths.extend(strength(item, &acc, strength_share, lang));
            if !acc.failing.is_empty() {
                section_findings.push(finding(item, section, acc, not_in_template, lang));
            }
        }
        // Stable: ties keep template order.
        section_findings.sort_by_key(|f| std::cmp::Reverse(f.failing()));
        tallied.findings.extend(section_findings);
        tallied.sections.push(SectionSummary { id: section.id.clone(), title: section.title.clone(), items: tallies });
    }
    tallied
}

fn item_tally(item: &Item, section_id: &str, acc: &ItemAcc, not_in_template: usize, lang: Lang) -> ItemTally {
    ItemTally {
        id: item.id.clone(),
        section_id: section_id.to_string(),
        text: item.text.get(lang).to_string(),
        has_rule: item.finding.is_some(),
        passing: acc.passing,
        failing: acc.failing.len(),
        answered: acc.answered,
        not_applicable: acc.not_applicable,
        unanswered: acc.unanswered,
        not_in_template,
        strength: strength_sentence(item, lang).map(|text| ItemStrength {
            text: text.to_string(),
            passing: acc.strength_passing,
            assessed: acc.strength_assessed,
        }),
        list: list_fill(item, acc, lang),
    }
}

/// What fills a failing "{list}" item's merged sentence.
fn list_fill(item: &Item, acc: &ItemAcc, lang: Lang) -> Option<Box<ListFill>> {
    let rule = item.finding.as_ref()?.text.get(lang);
    if acc.failing.is_empty() || !rule.contains("{list}") {
        return None;
    }
    let options = item.kind.options();
    Some(Box::new(ListFill {
        rule: rule.to_string(),
        options: options.iter().map(|o| o.label.get(lang).to_string()).collect(),
        concerned: options
            .iter()
            .filter(|o| acc.concerned.contains(&o.id))
            .map(|o| o.label.get(lang).to_string())
            .collect(),
    }))
}

/// `passing` of `assessed` is enough for a strength at `share` (the rule of [`strength`], which a
/// roll-up of summaries applies again to the sums).
pub fn strength_passes(passing: usize, assessed: usize, share: f64) -> bool {
    assessed > 0 && passing as f64 >= share * assessed as f64 - 1e-9
}

/// The item as a strength, when it has a strength sentence and passed in at least the template's
/// share of the branches that assessed it.
fn strength(item: &Item, acc: &ItemAcc, share: f64, lang: Lang) -> Option<Strength> {
    let text = strength_sentence(item, lang)?;
    strength_passes(acc.strength_passing, acc.strength_assessed, share).then(|| Strength {
        id: item.id.clone(),
        text: text.to_string(),
        passing: acc.strength_passing,
        assessed: acc.strength_assessed,
    })
}

/// The item as a finding, with its failing branches (in name order).
fn finding(item: &Item, section: &CatalogueSection, acc: ItemAcc, not_in_template: usize, lang: Lang) -> Finding {
    Finding {
        id: item.id.clone(),
        section_id: section.id.clone(),
        section_title: section.title.clone(),
        text: merged_sentence(item, &acc, lang),
        assessed: acc.passing + acc.failing.len(),
        not_applicable: acc.not_applicable,
        unanswered: acc.unanswered,
        not_in_template,
        branches: acc.failing,
    }
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
        return first.own_text.as_deref().unwrap_or(rule.text.get(lang)).to_string();
    }
    let labels: Vec<&str> =
        item.kind.options().iter().filter(|o| acc.concerned.contains(&o.id)).map(|o| o.label.get(lang)).collect();
    rule.text.get(lang).replace("{list}", &labels.join("; "))
}

/// Each template version with its visit count, by id and version.
fn template_versions(templates: &[(Template, usize)]) -> Vec<TemplateVersion> {
    let mut versions: Vec<TemplateVersion> = templates
        .iter()
        .map(|(t, n)| TemplateVersion {
            id: t.id.clone(),
            version: t.version,
            rule_set: t.rule_set.clone(),
            visits: *n,
        })
        .collect();
    versions.sort_by(|a, b| a.id.cmp(&b.id).then(a.version.cmp(&b.version)));
    versions
}

/// The rounds (decision numbers) the visits name, once each (through [`name_key`]), in name order.
fn distinct_rounds(visits: &[VisitInfo]) -> Vec<String> {
    let mut distinct: HashMap<String, &String> = HashMap::new();
    for round in visits.iter().filter_map(|v| v.round.as_ref()) {
        distinct.entry(name_key(round)).or_insert(round);
    }
    let mut rounds: Vec<String> = distinct.into_values().cloned().collect();
    rounds.sort_by(|a, b| compare_names(a, b));
    rounds
}

/// Totals summed, and branches in name order. Summed here, in visit order, so that the float sum
/// does not depend on how the visits were cut into runs.
fn settle_figures(figures: &mut Figures, ranks: &Ranks) {
    for figure in
        [&mut figures.attendance.rates, &mut figures.without_notebook, &mut figures.speakers, &mut figures.duration]
    {
        figure.total = figure.branches.iter().map(|b| b.value).sum();
        figure.branches.sort_by_key(|b| ranks.of_visit(b.visit));
        figure.outside.sort_by_key(|b| ranks.of_visit(b.visit));
    }
}

/// Lines in name order of their visits. Stable: a branch's lines keep their written order.
fn sort_lines(lines: &mut [TextLine], ranks: &Ranks) {
    lines.sort_by_key(|l| ranks.of_visit(l.visit));
}
