//! Round over round: which findings branches fixed, still have, or newly have, and which cannot be
//! compared because the rule set changed between the rounds.
//!
//! Each visit is reduced to a [`VisitOutcome`]: its failing and passing item ids (no answers), and
//! the [`TemplateItems`] of the template it was read against, one record shared by every visit of
//! that template. So two rounds of any size compare in little memory. Branches are matched by name
//! and parent committee through [`name_key`], or, when a NEW visit's round plans its branch with an
//! earlier name (`previously` in round.ron), by that earlier name; items by id. When a side has
//! several visits of one branch, the latest (by meeting date, then the order given) stands for it.
//!
//! For a finding id and a branch present on both sides, with the templates of its two visits:
//! - the same criterion in both (both templates ask the id with the same finding rule: one rule
//!   set, or an item whose meaning did not change):
//!   - `fixed`: failing in OLD, passing in NEW;
//!   - `persisting`: failing in both;
//!   - `new`: failing in NEW, not failing in OLD (passing, not applicable, unanswered);
//!   - `not_assessed`: failing in OLD, neither passing nor failing in NEW;
//! - `criterion_changed`: NEW's item stands in for OLD's, and one of the two fails. It stands in
//!   when it is an item of NEW's template only linked by `replaces` to an item of OLD's only
//!   (NEW's item replaces it or, comparing the other way round, it replaces NEW's), or when both
//!   templates ask the id with different finding rules (attendance > 85 % in 2018, ≥ 90 % in
//!   2025). Listed under NEW's item, OLD's kept beside it;
//! - `not_comparable`: failing in OLD with the item gone from NEW's template, or failing in NEW
//!   with the item absent from OLD's template, and no item linked to it on the other side.
//!
//! So, over matched branches, a branch failing an id in NEW is in exactly one of `persisting`,
//! `new`, `criterion_changed` and `not_comparable` of that id; a branch failing an id in OLD is in
//! exactly one of `fixed`, `persisting`, `not_assessed` and `not_comparable` of that id, or else in
//! `criterion_changed` of each NEW item linked to it (one, unless the item was split). Where the
//! two templates ask every failing id (one rule set), the last two groups are empty:
//! `persisting + new` is the number failing in NEW, and `fixed + persisting + not_assessed` the
//! number failing in OLD, the counts of the two summaries less the branches only one side has.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use jiff::civil::Date;

use crate::core::round::PreviousName;
use crate::core::rules::{ItemStatus, finding_sentence, item_status};
use crate::core::template::Template;
use crate::core::text::{compare_names, name_key};
use crate::core::visit::Visit;
use crate::strings::{Lang, Msg};

mod template_items;

pub use template_items::TemplateItems;

/// One failing item of one visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailingItem {
    /// Position of the item in its template, to order the findings.
    pub rank: usize,
    /// The finding sentence for this visit (with its "{list}" filled).
    pub sentence: String,
}

/// What a comparison keeps of a visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitOutcome {
    pub branch: String,
    pub committee: String,
    pub date: Date,
    /// The template the visit was read against.
    pub template: Arc<TemplateItems>,
    pub failing: BTreeMap<String, FailingItem>,
    pub passing: BTreeSet<String>,
    /// The branch's whole earlier name, when the round governing the visit plans it with one
    /// ([`PreviousName::resolved`]): a NEW visit is matched with the OLD branch of that name.
    pub previously: Option<PreviousName>,
}

impl VisitOutcome {
    /// The outcome of `visit` filled against `template`, sentences in `lang`, with a template
    /// record of its own: for a few visits. Many visits share one record per template
    /// ([`VisitOutcome::with`]).
    pub fn of(visit: &Visit, template: &Template, lang: Lang) -> VisitOutcome {
        VisitOutcome::with(visit, template, &TemplateItems::shared(template, lang), lang)
    }

    /// The outcome of `visit` filled against `template`, whose record is `items`.
    pub fn with(visit: &Visit, template: &Template, items: &Arc<TemplateItems>, lang: Lang) -> VisitOutcome {
        let mut failing = BTreeMap::new();
        let mut passing = BTreeSet::new();
        for (rank, r) in template.items().enumerate() {
            match item_status(r.item, visit) {
                ItemStatus::Fail => {
                    let sentence = finding_sentence(r.item, visit, lang).unwrap_or_default();
                    failing.insert(r.item.id.clone(), FailingItem { rank, sentence });
                }
                ItemStatus::Pass => {
                    passing.insert(r.item.id.clone());
                }
                _ => {}
            }
        }
        let m = &visit.meeting;
        VisitOutcome {
            branch: m.branch.clone(),
            committee: m.committee.clone(),
            date: m.date,
            template: Arc::clone(items),
            failing,
            passing,
            previously: None,
        }
    }
}

/// A branch as the comparison names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BranchRef {
    pub branch: String,
    pub committee: String,
    /// The earlier name it was matched by (a branch both rounds have), or that was looked for in
    /// vain (a branch only NEW has).
    pub previously: Option<PreviousName>,
}

impl BranchRef {
    fn of(outcome: &VisitOutcome, previously: Option<&PreviousName>) -> BranchRef {
        BranchRef {
            branch: outcome.branch.clone(),
            committee: outcome.committee.clone(),
            previously: previously.cloned(),
        }
    }

    /// What the earlier name changes, to note beside the current one (see
    /// [`PreviousName::differs_from`]).
    pub fn earlier(&self) -> Option<String> {
        self.previously.as_ref()?.differs_from(&self.branch, &self.committee)
    }

    /// The branch as reports name it, each text passed through `esc`: "Chi bộ số 11 (Đảng bộ
    /// phường Nghĩa Đô, trước là Đảng bộ phường Mai Dịch)".
    pub fn label(&self, lang: Lang, esc: &dyn Fn(&str) -> String) -> String {
        match self.earlier() {
            Some(earlier) => format!(
                "{} ({}, {})",
                esc(&self.branch),
                esc(&self.committee),
                Msg::CmpFormerly.fill(lang, &[&esc(&earlier)])
            ),
            None => format!("{} ({})", esc(&self.branch), esc(&self.committee)),
        }
    }
}

/// An item of OLD's rule set that a finding's item stands in for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    pub id: String,
    /// Its finding sentence in OLD's template ("{list}" shown as "…").
    pub text: String,
}

/// How one finding moved between the rounds. Branch lists are in name order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingChange {
    pub id: String,
    pub text: String,
    pub fixed: Vec<BranchRef>,
    pub persisting: Vec<BranchRef>,
    pub new: Vec<BranchRef>,
    pub not_assessed: Vec<BranchRef>,
    /// Branches where this item of NEW's rule set stands in for an item of OLD's.
    pub criterion_changed: Vec<BranchRef>,
    /// Branches failing it where the other round's rule set does not ask it.
    pub not_comparable: Vec<BranchRef>,
    /// The items of OLD's rule set this one stands in for in `criterion_changed` (usually one).
    pub replaces: Vec<Replaced>,
}

impl FindingChange {
    /// No branch in any group.
    fn is_empty(&self) -> bool {
        [&self.fixed, &self.persisting, &self.new, &self.not_assessed, &self.criterion_changed, &self.not_comparable]
            .iter()
            .all(|group| group.is_empty())
    }
}

/// One finding of one branch, with the sentence its visit gives it (its "{list}" filled).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BranchFinding {
    pub id: String,
    /// Position of the item in its template, to list a branch's findings in template order.
    pub rank: usize,
    pub sentence: String,
}

/// A branch's finding whose criterion changed between the rounds: an item of NEW's rule set and
/// the items of OLD's it stands in for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedCriterion {
    /// NEW's item.
    pub id: String,
    /// Its position in NEW's template.
    pub rank: usize,
    /// NEW's sentence: the visit's when it fails there, else the template's.
    pub sentence: String,
    /// Whether it fails in NEW.
    pub failing_after: bool,
    /// OLD's items (usually one), in OLD's template order.
    pub replaces: Vec<Counterpart>,
}

impl ChangedCriterion {
    /// "Tiêu chí đã thay đổi — nay: …; trước: …", each side the visit's finding sentence where it
    /// failed, else that it did not have that finding; texts passed through `esc`.
    pub fn line(&self, lang: Lang, esc: &dyn Fn(&str) -> String) -> String {
        let side = |sentence: &str, failing: bool| {
            if failing { esc(sentence) } else { Msg::CmpNotFailing.fill(lang, &[&esc(sentence)]) }
        };
        let before: Vec<String> = self.replaces.iter().map(|r| side(&r.sentence, r.failing_before)).collect();
        Msg::CmpChangedLine.fill(lang, &[&side(&self.sentence, self.failing_after), &before.join("; ")])
    }
}

/// OLD's side of a [`ChangedCriterion`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counterpart {
    pub id: String,
    /// Its position in OLD's template.
    pub rank: usize,
    /// OLD's sentence: the visit's when it failed there, else the template's.
    pub sentence: String,
    /// Whether it failed in OLD.
    pub failing_before: bool,
}

/// The round a finding that cannot be compared fails in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Failing in OLD; NEW's rule set no longer asks it.
    Before,
    /// Failing in NEW; OLD's rule set did not ask it.
    After,
}

/// A branch's finding that cannot be compared: the other round's rule set does not ask it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotComparable {
    pub id: String,
    /// Its position in its own side's template.
    pub rank: usize,
    /// The sentence the visit of that side gives it.
    pub sentence: String,
    pub side: Side,
}

/// One branch present in both rounds: its findings sorted into the lists of [`FindingChange`],
/// each in template order. Fixed and not-assessed findings carry the OLD visit's sentence,
/// persisting and new ones the NEW visit's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BranchChange {
    pub branch: String,
    pub committee: String,
    /// The earlier name it was matched by, when not its current one.
    pub previously: Option<PreviousName>,
    pub fixed: Vec<BranchFinding>,
    pub persisting: Vec<BranchFinding>,
    pub new: Vec<BranchFinding>,
    pub not_assessed: Vec<BranchFinding>,
    pub criterion_changed: Vec<ChangedCriterion>,
    pub not_comparable: Vec<NotComparable>,
}

impl BranchChange {
    /// The branch as a [`BranchRef`].
    pub fn name(&self) -> BranchRef {
        BranchRef {
            branch: self.branch.clone(),
            committee: self.committee.clone(),
            previously: self.previously.clone(),
        }
    }

    /// The ids of the branch's findings in OLD, in template order.
    pub fn failing_before(&self) -> Vec<&str> {
        let mut all: Vec<(usize, &str)> = [&self.fixed, &self.persisting, &self.not_assessed]
            .into_iter()
            .flatten()
            .map(|f| (f.rank, f.id.as_str()))
            .collect();
        let replaced = self.criterion_changed.iter().flat_map(|c| &c.replaces).filter(|r| r.failing_before);
        all.extend(replaced.map(|r| (r.rank, r.id.as_str())));
        all.extend(self.not_comparable.iter().filter(|f| f.side == Side::Before).map(|f| (f.rank, f.id.as_str())));
        in_template_order(all)
    }

    /// The ids of the branch's findings in NEW, in template order.
    pub fn failing_after(&self) -> Vec<&str> {
        let mut all: Vec<(usize, &str)> =
            [&self.persisting, &self.new].into_iter().flatten().map(|f| (f.rank, f.id.as_str())).collect();
        all.extend(self.criterion_changed.iter().filter(|c| c.failing_after).map(|c| (c.rank, c.id.as_str())));
        all.extend(self.not_comparable.iter().filter(|f| f.side == Side::After).map(|f| (f.rank, f.id.as_str())));
        in_template_order(all)
    }
}

/// Ids by rank, then id; each once (an OLD item replaced by two NEW items is listed by both).
fn in_template_order(mut all: Vec<(usize, &str)>) -> Vec<&str> {
    all.sort_unstable();
    all.dedup_by(|a, b| a.1 == b.1);
    all.into_iter().map(|(_, id)| id).collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub old_visits: usize,
    pub new_visits: usize,
    /// Findings failing in a matched branch on either side, in template order.
    pub findings: Vec<FindingChange>,
    /// Matched branches, in name order.
    pub branches: Vec<BranchChange>,
    /// Branches only OLD has, in name order.
    pub old_only: Vec<BranchRef>,
    /// Branches only NEW has, in name order.
    pub new_only: Vec<BranchRef>,
}

type Key = (String, String);

fn key(branch: &str, committee: &str) -> Key {
    (name_key(branch), name_key(committee))
}

/// The latest outcome per branch.
fn by_branch(side: &[VisitOutcome]) -> HashMap<Key, &VisitOutcome> {
    let mut map: HashMap<Key, &VisitOutcome> = HashMap::new();
    for o in side {
        match map.get(&key(&o.branch, &o.committee)) {
            Some(existing) if existing.date > o.date => {}
            _ => {
                map.insert(key(&o.branch, &o.committee), o);
            }
        }
    }
    map
}

fn branch_order(a: &BranchRef, b: &BranchRef) -> std::cmp::Ordering {
    compare_names(&a.branch, &b.branch).then_with(|| compare_names(&a.committee, &b.committee))
}

type Pair<'a> = (BranchRef, &'a VisitOutcome, &'a VisitOutcome);

/// The branches both sides have (in name order), those only OLD has and those only NEW has.
/// A NEW branch is matched by its name, else by its earlier name; an OLD branch is matched once:
/// by its name when NEW has it, else by the first NEW branch (in name order) naming it earlier.
fn match_branches<'a>(
    old: &HashMap<Key, &'a VisitOutcome>,
    new: &HashMap<Key, &'a VisitOutcome>,
) -> (Vec<Pair<'a>>, Vec<BranchRef>, Vec<BranchRef>) {
    let mut pairs: Vec<Pair<'a>> = Vec::new();
    let mut taken: HashSet<&Key> = HashSet::new();
    let mut waiting: Vec<(&Key, &VisitOutcome)> = Vec::new();
    for (k, n) in new {
        match old.get_key_value(k) {
            Some((ok, o)) => {
                taken.insert(ok);
                pairs.push((BranchRef::of(n, None), *o, *n));
            }
            None => waiting.push((k, *n)),
        }
    }
    waiting
        .sort_by(|a, b| branch_order(&BranchRef::of(a.1, None), &BranchRef::of(b.1, None)).then_with(|| a.0.cmp(b.0)));
    let mut new_only = Vec::new();
    for (_, n) in waiting {
        let earlier = n.previously.as_ref().and_then(|p| old.get_key_value(&key(&p.branch, &p.committee)));
        match earlier {
            Some((ok, o)) if !taken.contains(ok) => {
                taken.insert(ok);
                pairs.push((BranchRef::of(n, n.previously.as_ref()), *o, n));
            }
            _ => new_only.push(BranchRef::of(n, n.previously.as_ref())),
        }
    }
    pairs.sort_by(|a, b| branch_order(&a.0, &b.0));
    let mut old_only: Vec<BranchRef> =
        old.iter().filter(|(k, _)| !taken.contains(k)).map(|(_, o)| BranchRef::of(o, None)).collect();
    old_only.sort_by(branch_order);
    new_only.sort_by(branch_order);
    (pairs, old_only, new_only)
}

/// The items of the `to` side's template standing in for item `id` of the `from` side's: those
/// linked to it by `replaces` either way, asked by `to`'s template and not by `from`'s; and `id`
/// itself when both ask it with different finding rules. With `from` = OLD, NEW's items standing
/// in for an OLD item; with `from` = NEW, the OLD items a NEW item stands in for.
fn counterparts<'a>(from: &'a TemplateItems, to: &'a TemplateItems, id: &str) -> Vec<&'a str> {
    let mut ids: Vec<&str> = to.replaced_by(id).iter().map(String::as_str).collect();
    ids.extend(from.replaces(id));
    ids.retain(|id| to.has(id) && !from.has(id));
    if let Some(id) = to.key(id).filter(|id| !from.same_criterion(to, id)) {
        ids.push(id);
    }
    ids.sort_unstable();
    ids.dedup();
    ids
}

fn by_rank<T>(list: &mut [T], rank: impl Fn(&T) -> (usize, &str)) {
    list.sort_by(|a, b| rank(a).cmp(&rank(b)));
}

/// One matched branch's findings, sorted into the lists of [`BranchChange`].
fn branch_change(name: &BranchRef, old: &VisitOutcome, new: &VisitOutcome) -> BranchChange {
    let (before, after) = (&*old.template, &*new.template);
    let entry = |id: &String, item: &FailingItem| BranchFinding {
        id: id.clone(),
        rank: item.rank,
        sentence: item.sentence.clone(),
    };
    let uncompared = |id: &String, item: &FailingItem, side| NotComparable {
        id: id.clone(),
        rank: item.rank,
        sentence: item.sentence.clone(),
        side,
    };
    let mut change = BranchChange {
        branch: name.branch.clone(),
        committee: name.committee.clone(),
        previously: name.previously.clone(),
        fixed: Vec::new(),
        persisting: Vec::new(),
        new: Vec::new(),
        not_assessed: Vec::new(),
        criterion_changed: Vec::new(),
        not_comparable: Vec::new(),
    };
    // NEW's items whose criterion changed, found from either side.
    let mut changed: BTreeSet<&str> = BTreeSet::new();
    for (id, item) in &old.failing {
        if before.same_criterion(after, id) {
            if !new.failing.contains_key(id) {
                let list = if new.passing.contains(id) { &mut change.fixed } else { &mut change.not_assessed };
                list.push(entry(id, item));
            }
        } else {
            let stand_ins = counterparts(before, after, id);
            if stand_ins.is_empty() {
                change.not_comparable.push(uncompared(id, item, Side::Before));
            }
            changed.extend(stand_ins);
        }
    }
    for (id, item) in &new.failing {
        if before.same_criterion(after, id) {
            let list = if old.failing.contains_key(id) { &mut change.persisting } else { &mut change.new };
            list.push(entry(id, item));
        } else if counterparts(after, before, id).is_empty() {
            change.not_comparable.push(uncompared(id, item, Side::After));
        } else {
            changed.insert(id);
        }
    }
    for id in changed {
        let failing = new.failing.get(id);
        let mut replaces: Vec<Counterpart> = counterparts(after, before, id)
            .into_iter()
            .map(|old_id| {
                let failed = old.failing.get(old_id);
                Counterpart {
                    id: old_id.to_string(),
                    rank: before.rank(old_id).unwrap_or(usize::MAX),
                    sentence: failed
                        .map_or_else(|| before.text(old_id).unwrap_or_default().to_string(), |f| f.sentence.clone()),
                    failing_before: failed.is_some(),
                }
            })
            .collect();
        by_rank(&mut replaces, |c| (c.rank, c.id.as_str()));
        change.criterion_changed.push(ChangedCriterion {
            id: id.to_string(),
            rank: after.rank(id).unwrap_or(usize::MAX),
            sentence: failing.map_or_else(|| after.text(id).unwrap_or_default().to_string(), |f| f.sentence.clone()),
            failing_after: failing.is_some(),
            replaces,
        });
    }
    for list in [&mut change.fixed, &mut change.persisting, &mut change.new, &mut change.not_assessed] {
        by_rank(list, |f| (f.rank, f.id.as_str()));
    }
    by_rank(&mut change.criterion_changed, |c| (c.rank, c.id.as_str()));
    by_rank(&mut change.not_comparable, |f| (f.rank, f.id.as_str()));
    change
}

/// A finding being gathered over the matched branches.
struct Acc<'a> {
    rank: usize,
    /// Every sentence the branches' visits give it, NEW's first in each branch.
    sentences: Vec<&'a str>,
    /// Its sentence in the template where it was met first ("{list}" shown as "…").
    generic: Option<&'a str>,
    change: FindingChange,
}

fn acc_entry<'a, 'm>(accs: &'m mut BTreeMap<&'a str, Acc<'a>>, id: &'a str, rank: usize) -> &'m mut Acc<'a> {
    accs.entry(id).or_insert_with(|| Acc {
        rank,
        sentences: Vec::new(),
        generic: None,
        change: FindingChange {
            id: id.to_string(),
            text: String::new(),
            fixed: Vec::new(),
            persisting: Vec::new(),
            new: Vec::new(),
            not_assessed: Vec::new(),
            criterion_changed: Vec::new(),
            not_comparable: Vec::new(),
            replaces: Vec::new(),
        },
    })
}

type Group = fn(&mut FindingChange) -> &mut Vec<BranchRef>;

/// Compare two rounds (see the module documentation).
pub fn compare(old: &[VisitOutcome], new: &[VisitOutcome]) -> Comparison {
    let old_map = by_branch(old);
    let new_map = by_branch(new);
    let (pairs, old_only, new_only) = match_branches(&old_map, &new_map);

    // Every finding id failing in a matched branch (or standing in for one there), with its rank
    // and its sentences (NEW first).
    let mut accs: BTreeMap<&str, Acc> = BTreeMap::new();
    let mut branches = Vec::new();
    for (name, o, n) in &pairs {
        let (o, n): (&VisitOutcome, &VisitOutcome) = (o, n);
        for (after, outcome) in [(true, n), (false, o)] {
            for (id, item) in &outcome.failing {
                let acc = acc_entry(&mut accs, id, item.rank);
                if after {
                    acc.rank = acc.rank.min(item.rank);
                }
                acc.sentences.push(&item.sentence);
                acc.generic = acc.generic.or_else(|| outcome.template.text(id));
            }
        }
        let change = branch_change(name, o, n);
        let (fixed, persisting, new, not_assessed, not_comparable): (Group, Group, Group, Group, Group) = (
            |f| &mut f.fixed,
            |f| &mut f.persisting,
            |f| &mut f.new,
            |f| &mut f.not_assessed,
            |f| &mut f.not_comparable,
        );
        let lists = [
            (&change.fixed, o, fixed),
            (&change.persisting, n, persisting),
            (&change.new, n, new),
            (&change.not_assessed, o, not_assessed),
        ];
        for (list, side, group) in lists {
            for f in list {
                // Every id listed fails on that side, so it is there.
                if let Some((id, _)) = side.failing.get_key_value(&f.id) {
                    group(&mut acc_entry(&mut accs, id, f.rank).change).push(name.clone());
                }
            }
        }
        for f in &change.not_comparable {
            let side = if f.side == Side::Before { o } else { n };
            if let Some((id, _)) = side.failing.get_key_value(&f.id) {
                not_comparable(&mut acc_entry(&mut accs, id, f.rank).change).push(name.clone());
            }
        }
        for c in &change.criterion_changed {
            // NEW's template asks it, so it is there.
            let Some(id) = n.template.key(&c.id) else { continue };
            let acc = acc_entry(&mut accs, id, c.rank);
            acc.generic = acc.generic.or_else(|| n.template.text(id));
            acc.change.criterion_changed.push(name.clone());
            for r in &c.replaces {
                if !acc.change.replaces.iter().any(|known| known.id == r.id) {
                    let text = o.template.text(&r.id).unwrap_or_default().to_string();
                    acc.change.replaces.push(Replaced { id: r.id.clone(), text });
                }
            }
        }
        branches.push(change);
    }
    let mut findings: Vec<(usize, FindingChange)> = accs
        .into_values()
        // An OLD item standing in no group of its own: its branches are under NEW's item that
        // replaced it (criterion changed).
        .filter(|acc| !acc.change.is_empty())
        .map(|acc| {
            let mut change = acc.change;
            change.text = match acc.sentences.first().copied() {
                // A NEW item standing in for OLD's failing one, failing nowhere itself.
                None => acc.generic.unwrap_or_default().to_string(),
                Some(first) if acc.sentences.iter().all(|s| *s == first) => first.to_string(),
                Some(first) => acc.generic.unwrap_or(first).to_string(),
            };
            (acc.rank, change)
        })
        .collect();
    findings.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    Comparison {
        old_visits: old.len(),
        new_visits: new.len(),
        findings: findings.into_iter().map(|(_, f)| f).collect(),
        branches,
        old_only,
        new_only,
    }
}

#[cfg(test)]
mod tests;
