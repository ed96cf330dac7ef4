//! Round over round: which findings branches fixed, still have, or newly have.
//!
//! Each visit is reduced to a [`VisitOutcome`] (its failing and passing item ids, no answers), so
//! two rounds of any size compare in little memory. Branches are matched by name and parent
//! committee through [`name_key`]; items by id, across template versions. When a side has several
//! visits of one branch, the latest (by meeting date, then the order given) stands for it.
//!
//! For a finding id and a branch present on both sides:
//! - `fixed`: failing in OLD, passing in NEW;
//! - `persisting`: failing in both;
//! - `new`: failing in NEW, not failing in OLD (passing, not applicable, unanswered, not asked);
//! - `not_assessed`: failing in OLD, neither passing nor failing in NEW.
//!
//! So, over matched branches, `persisting + new` is the number failing in NEW, and
//! `fixed + persisting + not_assessed` the number failing in OLD: the counts of the two summaries
//! less the branches only one side has.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::civil::Date;

use crate::core::rules::{ItemStatus, finding_sentence, item_status};
use crate::core::template::Template;
use crate::core::text::{compare_names, name_key};
use crate::core::visit::Visit;
use crate::strings::Lang;

/// One failing item of one visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailingItem {
    /// Position of the item in its template, to order the findings.
    pub rank: usize,
    /// The finding sentence for this visit (with its "{list}" filled).
    pub sentence: String,
    /// The finding sentence with "{list}" shown as "…", for branches that differ.
    pub generic: String,
}

/// What a comparison keeps of a visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitOutcome {
    pub branch: String,
    pub committee: String,
    pub date: Date,
    pub failing: BTreeMap<String, FailingItem>,
    pub passing: BTreeSet<String>,
}

impl VisitOutcome {
    /// The outcome of `visit` filled against `template`, sentences in `lang`.
    pub fn of(visit: &Visit, template: &Template, lang: Lang) -> VisitOutcome {
        let mut failing = BTreeMap::new();
        let mut passing = BTreeSet::new();
        for (rank, r) in template.items().enumerate() {
            match item_status(r.item, visit) {
                ItemStatus::Fail => {
                    let sentence = finding_sentence(r.item, visit, lang).unwrap_or_default();
                    let generic =
                        r.item.finding.as_ref().map(|f| f.text.get(lang).replace("{list}", "…")).unwrap_or_default();
                    failing.insert(r.item.id.clone(), FailingItem { rank, sentence, generic });
                }
                ItemStatus::Pass => {
                    passing.insert(r.item.id.clone());
                }
                _ => {}
            }
        }
        let m = &visit.meeting;
        VisitOutcome { branch: m.branch.clone(), committee: m.committee.clone(), date: m.date, failing, passing }
    }
}

/// A branch as the comparison names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BranchRef {
    pub branch: String,
    pub committee: String,
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
}

/// One finding of one branch, with the sentence its visit gives it (its "{list}" filled).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BranchFinding {
    pub id: String,
    /// Position of the item in its template, to list a branch's findings in template order.
    pub rank: usize,
    pub sentence: String,
}

/// One branch present in both rounds: its findings sorted into the four lists of
/// [`FindingChange`], each in template order. Fixed and not-assessed findings carry the OLD
/// visit's sentence, persisting and new ones the NEW visit's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BranchChange {
    pub branch: String,
    pub committee: String,
    pub fixed: Vec<BranchFinding>,
    pub persisting: Vec<BranchFinding>,
    pub new: Vec<BranchFinding>,
    pub not_assessed: Vec<BranchFinding>,
}

impl BranchChange {
    /// The branch's findings in OLD, in template order.
    pub fn failing_before(&self) -> Vec<&BranchFinding> {
        in_template_order([&self.fixed, &self.persisting, &self.not_assessed])
    }

    /// The branch's findings in NEW, in template order.
    pub fn failing_after(&self) -> Vec<&BranchFinding> {
        in_template_order([&self.persisting, &self.new])
    }
}

fn in_template_order<const N: usize>(lists: [&Vec<BranchFinding>; N]) -> Vec<&BranchFinding> {
    let mut all: Vec<&BranchFinding> = lists.into_iter().flatten().collect();
    all.sort_by(|a, b| a.rank.cmp(&b.rank).then_with(|| a.id.cmp(&b.id)));
    all
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

/// The latest outcome per branch.
fn by_branch(side: &[VisitOutcome]) -> HashMap<Key, &VisitOutcome> {
    let mut map: HashMap<Key, &VisitOutcome> = HashMap::new();
    for o in side {
        let key = (name_key(&o.branch), name_key(&o.committee));
        match map.get(&key) {
            Some(existing) if existing.date > o.date => {}
            _ => {
                map.insert(key, o);
            }
        }
    }
    map
}

fn branch_order(a: &BranchRef, b: &BranchRef) -> std::cmp::Ordering {
    compare_names(&a.branch, &b.branch).then_with(|| compare_names(&a.committee, &b.committee))
}

fn sorted_refs<'a>(outcomes: impl Iterator<Item = &'a VisitOutcome>) -> Vec<BranchRef> {
    let mut refs: Vec<BranchRef> =
        outcomes.map(|o| BranchRef { branch: o.branch.clone(), committee: o.committee.clone() }).collect();
    refs.sort_by(branch_order);
    refs
}

/// One matched branch's findings, sorted into fixed / persisting / new / not assessed.
fn branch_change(name: &BranchRef, old: &VisitOutcome, new: &VisitOutcome) -> BranchChange {
    let entry = |id: &String, item: &FailingItem| BranchFinding {
        id: id.clone(),
        rank: item.rank,
        sentence: item.sentence.clone(),
    };
    let mut change = BranchChange {
        branch: name.branch.clone(),
        committee: name.committee.clone(),
        fixed: Vec::new(),
        persisting: Vec::new(),
        new: Vec::new(),
        not_assessed: Vec::new(),
    };
    for (id, item) in &old.failing {
        if !new.failing.contains_key(id) {
            let list = if new.passing.contains(id) { &mut change.fixed } else { &mut change.not_assessed };
            list.push(entry(id, item));
        }
    }
    for (id, item) in &new.failing {
        let list = if old.failing.contains_key(id) { &mut change.persisting } else { &mut change.new };
        list.push(entry(id, item));
    }
    for list in [&mut change.fixed, &mut change.persisting, &mut change.new, &mut change.not_assessed] {
        list.sort_by(|a, b| a.rank.cmp(&b.rank).then_with(|| a.id.cmp(&b.id)));
    }
    change
}

/// Compare two rounds (see the module documentation).
pub fn compare(old: &[VisitOutcome], new: &[VisitOutcome]) -> Comparison {
    let old_map = by_branch(old);
    let new_map = by_branch(new);
    let mut pairs: Vec<(BranchRef, &VisitOutcome, &VisitOutcome)> = new_map
        .iter()
        .filter_map(|(key, n)| {
            let o = old_map.get(key)?;
            Some((BranchRef { branch: n.branch.clone(), committee: n.committee.clone() }, *o, *n))
        })
        .collect();
    pairs.sort_by(|a, b| branch_order(&a.0, &b.0));
    let old_only = sorted_refs(old_map.iter().filter(|(k, _)| !new_map.contains_key(*k)).map(|(_, o)| *o));
    let new_only = sorted_refs(new_map.iter().filter(|(k, _)| !old_map.contains_key(*k)).map(|(_, n)| *n));

    // Every finding id failing in a matched branch, with its rank and its sentences (NEW first).
    struct Acc<'a> {
        rank: usize,
        sentences: Vec<&'a str>,
        generic: Option<&'a str>,
        change: FindingChange,
    }
    let mut accs: BTreeMap<&str, Acc> = BTreeMap::new();
    let mut branches = Vec::new();
    for (name, o, n) in &pairs {
        for (side, outcome) in [(1, n), (0, o)] {
            for (id, item) in &outcome.failing {
                let acc = accs.entry(id.as_str()).or_insert_with(|| Acc {
                    rank: item.rank,
                    sentences: Vec::new(),
                    generic: None,
                    change: FindingChange {
                        id: id.clone(),
                        text: String::new(),
                        fixed: Vec::new(),
                        persisting: Vec::new(),
                        new: Vec::new(),
                        not_assessed: Vec::new(),
                    },
                });
                if side == 1 {
                    acc.rank = acc.rank.min(item.rank);
                }
                acc.sentences.push(&item.sentence);
                acc.generic.get_or_insert(&item.generic);
            }
        }
        for (id, acc) in accs.iter_mut() {
            let (was, is) = (o.failing.contains_key(*id), n.failing.contains_key(*id));
            let list = match (was, is) {
                (true, true) => &mut acc.change.persisting,
                (false, true) => &mut acc.change.new,
                (true, false) if n.passing.contains(*id) => &mut acc.change.fixed,
                (true, false) => &mut acc.change.not_assessed,
                (false, false) => continue,
            };
            list.push(name.clone());
        }
        branches.push(branch_change(name, o, n));
    }
    let mut findings: Vec<(usize, FindingChange)> = accs
        .into_values()
        .map(|acc| {
            let mut change = acc.change;
            let first = acc.sentences.first().copied().unwrap_or_default();
            change.text = if acc.sentences.iter().all(|s| *s == first) {
                first.to_string()
            } else {
                acc.generic.unwrap_or(first).to_string()
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
mod tests {
    use super::*;
    use crate::core::visit::{Answer, NewVisit, Value};

    fn visit(branch: &str, day: i8, answers: &[(&str, Value)]) -> Visit {
        let facts = NewVisit {
            branch: branch.into(),
            date: jiff::civil::date(2022, 4, day),
            inspectors: vec![],
            round: None,
            ..crate::testing::sample_facts()
        };
        let mut v = Visit::new(&Template::embedded(), facts, jiff::Timestamp::UNIX_EPOCH);
        for (id, value) in answers {
            v.answers.insert((*id).into(), Answer { value: Some(value.clone()), note: String::new() });
        }
        v
    }

    fn names(refs: &[BranchRef]) -> Vec<&str> {
        refs.iter().map(|r| r.branch.as_str()).collect()
    }

    #[test]
    fn fixed_persisting_new_and_not_assessed() {
        let t = Template::embedded();
        let o = |v: &Visit| VisitOutcome::of(v, &t, Lang::Vi);
        let old = [
            o(&visit("A", 1, &[("prep.notice", Value::No), ("res.voted", Value::No)])),
            o(&visit("B", 1, &[("prep.notice", Value::No), ("res.voted", Value::Yes)])),
            o(&visit("C", 1, &[("prep.notice", Value::No)])),
            o(&visit("Old only", 1, &[("prep.notice", Value::No)])),
        ];
        let new = [
            o(&visit("a", 2, &[("prep.notice", Value::Yes), ("res.voted", Value::No)])),
            o(&visit("B", 2, &[("prep.notice", Value::No), ("res.voted", Value::No)])),
            o(&visit("C", 2, &[])),
            o(&visit("New only", 2, &[("res.voted", Value::No)])),
        ];
        let c = compare(&old, &new);
        assert_eq!((c.old_visits, c.new_visits), (4, 4));
        let ids: Vec<&str> = c.findings.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, vec!["prep.notice", "res.voted"], "template order");
        let notice = &c.findings[0];
        assert_eq!(names(&notice.fixed), vec!["a"]);
        assert_eq!(names(&notice.persisting), vec!["B"]);
        assert!(notice.new.is_empty());
        assert_eq!(names(&notice.not_assessed), vec!["C"]);
        let voted = &c.findings[1];
        assert_eq!(names(&voted.persisting), vec!["a"]);
        assert_eq!(names(&voted.new), vec!["B"]);
        assert_eq!(names(&c.old_only), vec!["Old only"]);
        assert_eq!(names(&c.new_only), vec!["New only"]);
        fn finding_ids(list: Vec<&BranchFinding>) -> Vec<&str> {
            list.into_iter().map(|f| f.id.as_str()).collect()
        }
        let b = c.branches.iter().find(|b| b.branch == "B").unwrap_or_else(|| panic!("B"));
        assert_eq!(
            (finding_ids(b.failing_before()), finding_ids(b.failing_after())),
            (vec!["prep.notice"], vec!["prep.notice", "res.voted"])
        );
        assert_eq!(finding_ids(b.new.iter().collect()), vec!["res.voted"]);
        assert!(b.new[0].sentence.starts_with("Chưa biểu quyết"), "the visit's own sentence: {}", b.new[0].sentence);
        let a = c.branches.iter().find(|b| b.branch == "a").unwrap_or_else(|| panic!("a"));
        assert_eq!(finding_ids(a.fixed.iter().collect()), vec!["prep.notice"]);
        let cc = c.branches.iter().find(|b| b.branch == "C").unwrap_or_else(|| panic!("C"));
        assert_eq!(finding_ids(cc.not_assessed.iter().collect()), vec!["prep.notice"], "unanswered now: not fixed");
        assert!(cc.fixed.is_empty());
    }

    #[test]
    fn a_round_compared_with_itself_changes_nothing() {
        let t = Template::embedded();
        let side: Vec<VisitOutcome> = [
            visit("A", 1, &[("prep.notice", Value::No)]),
            visit("B", 1, &[("min.missing_fields", Value::Choices(vec!["vote".into()]))]),
            visit("C", 1, &[("min.missing_fields", Value::Choices(vec!["time".into()]))]),
        ]
        .iter()
        .map(|v| VisitOutcome::of(v, &t, Lang::Vi))
        .collect();
        let c = compare(&side, &side);
        assert!(c.findings.iter().all(|f| f.fixed.is_empty() && f.new.is_empty() && f.not_assessed.is_empty()));
        assert_eq!(c.findings.iter().map(|f| f.persisting.len()).sum::<usize>(), 3);
        let minutes = c.findings.iter().find(|f| f.id == "min.missing_fields").unwrap_or_else(|| panic!("minutes"));
        assert!(minutes.text.ends_with("(thiếu: …)"), "differing lists: the generic sentence: {}", minutes.text);
        assert!(c.old_only.is_empty() && c.new_only.is_empty());
    }

    #[test]
    fn the_latest_visit_of_a_branch_stands_for_it() {
        let t = Template::embedded();
        let o = |v: &Visit| VisitOutcome::of(v, &t, Lang::En);
        let old = [o(&visit("A", 1, &[("prep.notice", Value::No)]))];
        let new = [o(&visit("A", 9, &[("prep.notice", Value::Yes)])), o(&visit("A", 3, &[("prep.notice", Value::No)]))];
        let c = compare(&old, &new);
        assert_eq!(names(&c.findings[0].fixed), vec!["A"]);
    }
}
