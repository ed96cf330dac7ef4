//! Issue 14: the meeting score of the HD 42 (2025) template. A visit is filled so that every scored
//! item passes (100 points), then items are failed or marked down until the score sits exactly on
//! each band's edge (90, 70, 50) and just under it, and the grade is checked: bands are
//! `from ≤ points < below`, so 90 is Tốt and 89.75 Khá.

use jiff::civil::date;
use khaosat::core::score::{VisitScore, visit_score};
use khaosat::core::template::{Kind, Template};
use khaosat::core::visit::{Answer, NewVisit, TimeOfDay, Value, Visit};
use khaosat::strings::Lang;
use khaosat::testing::{fixed_now, sample_facts};

fn hd42() -> Template {
    Template::embedded_all().into_iter().find(|t| t.id == "hd42-2025").expect("the HD 42 template is embedded")
}

/// An answer that passes each scored item of the HD 42 template, from its kind. Computed items
/// (attendance rate, unexcused absences, duration) pass through the meeting's facts.
fn passing_value(kind: &Kind) -> Option<Value> {
    match kind {
        Kind::YesNo { .. } => Some(Value::Yes),
        Kind::Scale => Some(Value::Scale(5)),
        // Repeated absences: none; speakers: 10 of the 20 present (at least 20 %, at least 3).
        Kind::Count { at_most_present: true, .. } => Some(Value::Number(10)),
        Kind::Count { .. } => Some(Value::Number(0)),
        Kind::MultiChoice { .. } => Some(Value::Choices(Vec::new())),
        _ => None,
    }
}

/// A regular meeting of 20 members, all present, 19:30–21:30, every scored item passing.
fn full_marks(template: &Template) -> Visit {
    let facts = NewVisit { date: date(2026, 3, 5), ..sample_facts() };
    let mut visit = Visit::new(template, facts, fixed_now());
    let m = &mut visit.meeting;
    m.start = TimeOfDay::new(19, 30);
    m.end = TimeOfDay::new(21, 30);
    m.has_committee = Some(true);
    m.members.total = Some(20);
    m.members.exempted = Some(0);
    m.members.present = Some(20);
    m.members.exempted_present = Some(0);
    m.members.absent_excused = Some(0);
    m.members.absent_unexcused = Some(0);
    for r in template.items() {
        if r.item.score.is_some()
            && let Some(value) = passing_value(&r.item.kind)
        {
            set(&mut visit, &r.item.id, value);
        }
    }
    visit
}

fn set(visit: &mut Visit, id: &str, value: Value) {
    visit.answers.insert(id.into(), Answer { value: Some(value), note: String::new() });
}

fn score(template: &Template, visit: &Visit) -> VisitScore {
    visit_score(template, visit).expect("HD 42 has a points frame")
}

fn grade(template: &Template, visit: &Visit, lang: Lang) -> String {
    let frame = template.score.as_ref().expect("frame");
    score(template, visit).band(frame).map(|b| b.label.get(lang).to_string()).unwrap_or_default()
}

#[test]
fn an_hd42_visit_scored_exactly_at_each_band_edge_gets_that_band() {
    let t = hd42();
    let mut visit = full_marks(&t);
    let full = score(&t, &visit);
    assert!(full.is_complete(), "every scored item answered: {} pending", full.pending);
    assert_eq!(full.points, 100.0, "{full:?}");
    assert_eq!(grade(&t, &visit, Lang::Vi), "Tốt");

    // The chair's conduct at 1 of 5 costs its 10 points: exactly 90, still Tốt.
    set(&mut visit, "conduct.chairing", Value::Scale(1));
    assert_eq!(score(&t, &visit).points, 90.0);
    assert_eq!(grade(&t, &visit, Lang::Vi), "Tốt");
    assert_eq!(grade(&t, &visit, Lang::En), "Good");

    // A quarter of a point less (content fit 4 of 5, on a 1-point item): 89.75, Khá.
    set(&mut visit, "prep.fits_type", Value::Scale(4));
    assert_eq!(score(&t, &visit).points, 89.75);
    assert_eq!(grade(&t, &visit, Lang::Vi), "Khá");
    set(&mut visit, "prep.fits_type", Value::Scale(5));

    // Last month's resolution barely carried out costs 20: exactly 70, Khá.
    set(&mut visit, "res.previous_done", Value::Scale(1));
    assert_eq!(score(&t, &visit).points, 70.0);
    assert_eq!(grade(&t, &visit, Lang::Vi), "Khá");
    set(&mut visit, "prep.fits_type", Value::Scale(4));
    assert_eq!(grade(&t, &visit, Lang::Vi), "Trung bình", "69.75");
    set(&mut visit, "prep.fits_type", Value::Scale(5));

    // Twenty more points: exactly 50, Trung bình.
    set(&mut visit, "res.previous_reviewed", Value::No); // 10
    set(&mut visit, "crit.speakers", Value::Number(2)); // 5: fewer than 3 spoke
    set(&mut visit, "conduct.opening", Value::No); // 3
    set(&mut visit, "prep.focused", Value::Scale(1)); // 2
    assert_eq!(score(&t, &visit).points, 50.0);
    assert_eq!(grade(&t, &visit, Lang::Vi), "Trung bình");
    set(&mut visit, "prep.fits_type", Value::Scale(4));
    assert_eq!(score(&t, &visit).points, 49.75);
    assert_eq!(grade(&t, &visit, Lang::Vi), "Kém");
}

/// The groups add up to the frame's total, and each group's part shows where points were lost.
#[test]
fn the_score_is_kept_per_group() {
    let t = hd42();
    let mut visit = full_marks(&t);
    set(&mut visit, "res.previous_done", Value::Scale(3));
    let s = score(&t, &visit);
    let results = s.groups.iter().find(|g| g.id == "previous_results").expect("group");
    assert_eq!((results.earned, results.weight), (20.0, 30.0), "half of 20 lost: {s:?}");
    assert_eq!(s.groups.iter().map(|g| g.weight).sum::<f64>(), 100.0);
    assert_eq!(s.points, 90.0);
}

/// An unanswered scored item makes the score a running one: it earns nothing and is pending.
#[test]
fn an_unanswered_scored_item_is_pending_not_a_grade() {
    let t = hd42();
    let mut visit = full_marks(&t);
    visit.answers.remove("conduct.chairing");
    let s = score(&t, &visit);
    assert_eq!((s.points, s.pending), (90.0, 1));
    assert!(!s.is_complete());
}
