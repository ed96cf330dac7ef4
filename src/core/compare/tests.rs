//! Tests of round-over-round comparison: one rule set, and across HD 12 and HD 42.

use super::*;
use crate::core::visit::{Answer, NewVisit, Value};

fn visit(branch: &str, day: i8, answers: &[(&str, Value)]) -> Visit {
    visit_of(&Template::embedded(), branch, day, answers)
}

fn visit_of(template: &Template, branch: &str, day: i8, answers: &[(&str, Value)]) -> Visit {
    let facts = NewVisit {
        branch: branch.into(),
        date: jiff::civil::date(2022, 4, day),
        inspectors: vec![],
        round: None,
        ..crate::testing::sample_facts()
    };
    let mut v = Visit::new(template, facts, jiff::Timestamp::UNIX_EPOCH);
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
    assert_eq!((b.failing_before(), b.failing_after()), (vec!["prep.notice"], vec!["prep.notice", "res.voted"]));
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

fn hd42() -> Template {
    let all = Template::embedded_all();
    all.into_iter().find(|t| t.id == "hd42-2025").unwrap_or_else(|| panic!("hd42 embedded"))
}

/// Issue 14: a 2022 round under HD 12 against a 2026 round under HD 42. Shared ids compare as
/// before; an item that replaced another is "criterion changed", never fixed or new; an item
/// only one rule set asks is "not comparable".
#[test]
fn across_rule_sets_a_changed_criterion_is_neither_fixed_nor_new() {
    let (t12, t42) = (Template::embedded(), hd42());
    let (i12, i42) = (TemplateItems::shared(&t12, Lang::Vi), TemplateItems::shared(&t42, Lang::Vi));
    let before = |b: &str, a: &[(&str, Value)]| VisitOutcome::with(&visit_of(&t12, b, 1, a), &t12, &i12, Lang::Vi);
    let after = |b: &str, a: &[(&str, Value)]| VisitOutcome::with(&visit_of(&t42, b, 2, a), &t42, &i42, Lang::Vi);
    let old = [
        before("A", &[("prep.secretary_prepared", Value::No), ("prep.notice", Value::No)]),
        before("B", &[("prep.documents_ahead", Value::No)]),
        before("C", &[("overall.grade", Value::Choice("kem".into()))]),
        before("D", &[]),
    ];
    let new = [
        after("A", &[("prep.preparer_assigned", Value::No), ("prep.notice", Value::Yes)]),
        after("B", &[("prep.documents_on_app", Value::Yes)]),
        after("C", &[]),
        after("D", &[("conduct.not_combined", Value::No)]),
    ];
    let c = compare(&old, &new);
    let finding = |id: &str| c.findings.iter().find(|f| f.id == id).unwrap_or_else(|| panic!("{id}: {c:#?}"));

    // The shared id joins across the years.
    assert_eq!(names(&finding("prep.notice").fixed), vec!["A"]);
    // Who prepares changed: A failed both, under two criteria.
    let preparer = finding("prep.preparer_assigned");
    assert_eq!(names(&preparer.criterion_changed), vec!["A"]);
    assert!(preparer.new.is_empty() && preparer.persisting.is_empty());
    assert_eq!(preparer.replaces.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), vec!["prep.secretary_prepared"]);
    assert!(c.findings.iter().all(|f| f.id != "prep.secretary_prepared"), "listed under the new item only");
    // Documents now go on the app: B met the new criterion, which is not "fixed".
    let documents = finding("prep.documents_on_app");
    assert_eq!(names(&documents.criterion_changed), vec!["B"]);
    assert!(documents.fixed.is_empty());
    let b = c.branches.iter().find(|b| b.branch == "B").unwrap_or_else(|| panic!("B"));
    assert_eq!(b.failing_before(), vec!["prep.documents_ahead"]);
    assert!(b.failing_after().is_empty());
    assert!(!b.criterion_changed[0].failing_after && b.criterion_changed[0].replaces[0].failing_before);
    // Never combined with other meetings: HD 12 did not ask it.
    assert_eq!(names(&finding("conduct.not_combined").not_comparable), vec!["D"]);
    assert!(finding("conduct.not_combined").new.is_empty());
    // Every branch failing an id in NEW is in exactly one group of it.
    for f in &c.findings {
        let groups = [&f.persisting, &f.new, &f.criterion_changed, &f.not_comparable, &f.fixed, &f.not_assessed];
        let mut all: Vec<&str> = groups.iter().flat_map(|g| names(g)).collect();
        let count = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), count, "a branch twice under {}", f.id);
    }
}

/// One id, another finding rule: HD 42 asks attendance ≥ 90 % where HD 12 asked > 85 %. A
/// branch at 87 % in both rounds is not "new" in 2026: its criterion changed.
#[test]
fn the_same_id_with_another_threshold_is_a_changed_criterion() {
    let (t12, t42) = (Template::embedded(), hd42());
    let (i12, i42) = (TemplateItems::shared(&t12, Lang::En), TemplateItems::shared(&t42, Lang::En));
    assert!(!i12.same_criterion(&i42, "att.rate") && i12.same_criterion(&i42, "prep.notice"));
    let at_87 = |template: &Template, items: &Arc<TemplateItems>, day: i8| {
        let mut v = visit_of(template, "A", day, &[]);
        v.meeting.members.total = Some(100);
        v.meeting.members.exempted = Some(0);
        v.meeting.members.present = Some(87);
        v.meeting.members.exempted_present = Some(0);
        VisitOutcome::with(&v, template, items, Lang::En)
    };
    let (before, after) = (at_87(&t12, &i12, 1), at_87(&t42, &i42, 2));
    assert!(!before.failing.contains_key("att.rate") && after.failing.contains_key("att.rate"));
    let c = compare(&[before], &[after]);
    let rate = c.findings.iter().find(|f| f.id == "att.rate").unwrap_or_else(|| panic!("{c:#?}"));
    assert!(rate.new.is_empty(), "not new: the threshold moved");
    assert_eq!(names(&rate.criterion_changed), vec!["A"]);
    let changed = &c.branches[0].criterion_changed[0];
    assert!(changed.failing_after && !changed.replaces[0].failing_before);
    assert_eq!(changed.replaces[0].id, "att.rate");
}
