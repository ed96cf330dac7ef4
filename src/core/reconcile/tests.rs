use jiff::Timestamp;

use super::*;
use crate::core::visit::{Answer, VisitStatus, finalise};
use crate::testing::{fixed_now, sample_visit};

fn set(v: &mut Visit, id: &str, value: Value, note: &str) {
    v.answers.insert(id.into(), Answer { value: Some(value), note: note.into() });
}

/// Two records of the sample meeting: Lê Thị Tú's (A) and Trần Văn Bình's (B).
fn pair() -> (Visit, Visit, Template) {
    let t = Template::embedded();
    let a = sample_visit(&t);
    let mut b = sample_visit(&t);
    b.inspectors = vec!["Trần Văn Bình".into()];
    (a, b, t)
}

fn row_of<'a>(rows: &'a [Row], key: &str) -> &'a Row {
    rows.iter().find(|r| r.key() == key).unwrap_or_else(|| panic!("no row {key}"))
}

#[test]
fn each_kind_of_row_and_empty_rows_left_out() {
    let (mut a, mut b, t) = pair();
    set(&mut a, "prep.notice", Value::Yes, "");
    set(&mut b, "prep.notice", Value::Yes, "");
    set(&mut a, "prep.committee_met", Value::Yes, "");
    set(&mut b, "prep.committee_met", Value::No, "");
    set(&mut a, "att.broadened", Value::Yes, "");
    set(&mut b, "att.on_schedule", Value::No, "");
    let rows = compare_records(&a, &b, &t);
    assert_eq!(row_of(&rows, "prep.notice").kind, RowKind::Agree);
    assert_eq!(row_of(&rows, "prep.committee_met").kind, RowKind::Differ);
    assert_eq!(row_of(&rows, "att.broadened").kind, RowKind::OnlyA);
    assert_eq!(row_of(&rows, "att.on_schedule").kind, RowKind::OnlyB);
    assert!(rows.iter().all(|r| r.key() != "crit.speakers"), "neither answered it: no row");
    assert!(rows.iter().all(|r| r.key() != "meeting.chair"), "neither entered it: no row");
    // Facts come first, then items in template order.
    let first_item = rows.iter().position(|r| matches!(r.field, Field::Item(_))).expect("items");
    assert!(rows[..first_item].iter().all(|r| matches!(r.field, Field::Fact(_))));
    let order: Vec<usize> = ["prep.committee_met", "prep.notice", "att.on_schedule", "att.broadened"]
        .iter()
        .map(|k| rows.iter().position(|r| r.key() == *k).expect("row"))
        .collect();
    let template_order: Vec<usize> = ["prep.committee_met", "prep.notice", "att.on_schedule", "att.broadened"]
        .iter()
        .map(|k| t.items().position(|r| r.item.id == *k).expect("item"))
        .collect();
    let mut sorted = order.clone();
    sorted.sort_unstable();
    let mut template_sorted = template_order.clone();
    template_sorted.sort_unstable();
    let rank = |v: &[usize], x: usize| v.iter().position(|y| *y == x);
    for i in 0..4 {
        assert_eq!(rank(&sorted, order[i]), rank(&template_sorted, template_order[i]), "template order");
    }
    let differ = row_of(&rows, "prep.committee_met");
    assert_eq!(differ.text(Side::A, &t, Lang::Vi), "Có");
    assert_eq!(differ.text(Side::B, &t, Lang::En), "No");
    assert!(!differ.label(&t, Lang::Vi).is_empty());
}

#[test]
fn facts_are_compared_and_picked_like_answers() {
    let (mut a, mut b, t) = pair();
    a.meeting.members.present = Some(15);
    b.meeting.members.present = Some(16);
    a.meeting.chair = "Bí thư".into();
    b.meeting.start = crate::core::visit::TimeOfDay::new(19, 30);
    let rows = compare_records(&a, &b, &t);
    assert_eq!(row_of(&rows, "meeting.members.present").kind, RowKind::Differ);
    assert_eq!(row_of(&rows, "meeting.chair").kind, RowKind::OnlyA);
    assert_eq!(row_of(&rows, "meeting.start").kind, RowKind::OnlyB);
    assert_eq!(row_of(&rows, "meeting.branch").kind, RowKind::Agree);
    assert!(row_of(&rows, "meeting.members.present").is_named("present"));
    assert!(row_of(&rows, "meeting.members.present").is_named("members.present"));
    let picks = Picks { each: [("meeting.members.present".to_string(), Side::B)].into(), ..Picks::default() };
    let v = reconcile(&a, &b, &picks, "Lê Thị Tú", fixed_now()).expect("reconciled");
    assert_eq!(v.meeting.members.present, Some(16));
    assert_eq!(v.meeting.chair, "Bí thư");
    assert_eq!(v.meeting.start, crate::core::visit::TimeOfDay::new(19, 30));
}

#[test]
fn differences_must_be_picked_and_the_pick_is_taken() {
    let (mut a, mut b, _) = pair();
    set(&mut a, "prep.committee_met", Value::Yes, "");
    set(&mut b, "prep.committee_met", Value::No, "");
    set(&mut a, "prep.notice", Value::No, "");
    set(&mut b, "prep.notice", Value::Yes, "");
    let none = reconcile(&a, &b, &Picks::default(), "x", fixed_now());
    assert_eq!(none, Err(ReconcileError::Unpicked(vec!["prep.committee_met".into(), "prep.notice".into()])));
    let picks = Picks { all: Some(Side::A), each: [("prep.notice".to_string(), Side::B)].into() };
    let v = reconcile(&a, &b, &picks, "x", fixed_now()).expect("reconciled");
    assert_eq!(v.value("prep.committee_met"), Some(&Value::Yes));
    assert_eq!(v.value("prep.notice"), Some(&Value::Yes));
}

#[test]
fn only_one_side_is_taken_as_it_is() {
    let (mut a, mut b, _) = pair();
    set(&mut a, "att.broadened", Value::Yes, "rộng");
    set(&mut b, "att.on_schedule", Value::No, "muộn 20 phút");
    let v = reconcile(&a, &b, &Picks::default(), "x", fixed_now()).expect("nothing to pick");
    assert_eq!(v.answer("att.broadened"), Some(&Answer { value: Some(Value::Yes), note: "rộng".into() }));
    assert_eq!(v.answer("att.on_schedule"), Some(&Answer { value: Some(Value::No), note: "muộn 20 phút".into() }));
}

#[test]
fn notes_are_joined_with_their_authors_never_dropped() {
    let (mut a, mut b, _) = pair();
    set(&mut a, "prep.notice", Value::No, "Thông báo chậm");
    set(&mut b, "prep.notice", Value::No, "Chỉ báo miệng");
    set(&mut a, "att.broadened", Value::Yes, "Giống nhau");
    set(&mut b, "att.broadened", Value::Yes, "Giống nhau");
    a.notes = "Buổi sinh hoạt nghiêm túc".into();
    b.notes = "Còn ít ý kiến".into();
    let v = reconcile(&a, &b, &Picks::default(), "x", fixed_now()).expect("agree");
    assert_eq!(v.answers["prep.notice"].note, "Lê Thị Tú: Thông báo chậm\nTrần Văn Bình: Chỉ báo miệng");
    assert_eq!(v.answers["att.broadened"].note, "Giống nhau");
    assert_eq!(v.notes, "Lê Thị Tú: Buổi sinh hoạt nghiêm túc\nTrần Văn Bình: Còn ít ý kiến");
    assert_eq!(join_notes("a", "Tú", "b", "tú"), "a\nb", "one person: no names");
    assert_eq!(join_notes("", "Tú", "b", "Bình"), "b");
    assert_eq!(join_notes("Tú: a\nBình: b", "Tú", "b", "Bình"), "Tú: a\nBình: b", "joined before");
    // A note on an item neither answered is kept too.
    let (mut a, b, _) = pair();
    a.answers.insert("crit.speakers".into(), Answer { value: None, note: "đếm sau".into() });
    let v = reconcile(&a, &b, &Picks::default(), "x", fixed_now()).expect("nothing to pick");
    assert_eq!(v.answers["crit.speakers"].note, "đếm sau");
}

#[test]
fn the_result_has_both_inspectors_and_is_a_fresh_draft() {
    let (mut a, mut b, _) = pair();
    a.inspectors = vec!["Nguyễn Văn Chiến".into(), "Lê Thị Tú".into()];
    b.inspectors = vec!["lê thị tú".into(), "Trần Văn Bình".into()];
    finalise(&mut a, "Chiến", Timestamp::UNIX_EPOCH);
    a.reconciled_into = Some("x.ron".into());
    let v = reconcile(&a, &b, &Picks::default(), " Lê Thị Tú ", fixed_now()).expect("agree");
    assert_eq!(v.inspectors, vec!["Nguyễn Văn Chiến", "Lê Thị Tú", "Trần Văn Bình"]);
    assert_eq!(v.status, VisitStatus::Draft);
    assert_eq!(v.finalised, None);
    assert_eq!((v.created, v.updated), (fixed_now(), fixed_now()));
    assert_eq!(v.saved_by, "Lê Thị Tú");
    assert_eq!((v.reconciled_into.as_deref(), v.reconciled_from.len()), (None, 0));
}

#[test]
fn different_meetings_or_templates_are_refused() {
    let (a, mut b, _) = pair();
    b.meeting.date = jiff::civil::date(2022, 4, 6);
    b.meeting.branch = "Chi bộ số 12".into();
    assert_eq!(
        reconcile(&a, &b, &Picks::default(), "x", fixed_now()),
        Err(ReconcileError::NotSameMeeting(vec![Mismatch::Branch, Mismatch::Date]))
    );
    let (a, mut b, _) = pair();
    b.meeting.branch = "chi bộ  SỐ 11".into();
    assert!(same_meeting(&a, &b).is_empty(), "names compared as the summary does");
    b.template.version += 1;
    assert_eq!(reconcile(&a, &b, &Picks::default(), "x", fixed_now()), Err(ReconcileError::OtherTemplate));
}

#[test]
fn counted_once_takes_the_final_record_and_keeps_every_finding() {
    let (mut a, mut b, t) = pair();
    set(&mut a, "prep.committee_met", Value::Yes, "");
    set(&mut b, "prep.committee_met", Value::No, "Không họp");
    set(&mut a, "prep.notice", Value::No, "Chậm");
    set(&mut b, "prep.notice", Value::Yes, "");
    set(&mut b, "att.on_schedule", Value::Yes, "");
    a.meeting.members.present = Some(15);
    b.meeting.members.present = Some(16);
    b.updated = fixed_now();
    finalise(&mut a, "Tú", Timestamp::UNIX_EPOCH);
    let counted = counted_once(&[&b, &a], &t).expect("records");
    assert_eq!(counted.base, 1, "the final one, though saved earlier");
    let v = &counted.visit;
    assert_eq!(v.value("prep.committee_met"), Some(&Value::No), "B's answer makes a finding: it counts");
    assert_eq!(v.answers["prep.committee_met"].note, "Không họp");
    assert_eq!(v.value("prep.notice"), Some(&Value::No), "the base's finding stays");
    assert_eq!(v.value("att.on_schedule"), Some(&Value::Yes), "only B answered it");
    assert_eq!(v.meeting.members.present, Some(15), "the base's facts");
    assert_eq!(v.status, VisitStatus::Final);
    assert_eq!(v.finalised, a.finalised);
    assert_eq!(counted.differing, vec!["meeting.members.present", "prep.committee_met", "prep.notice"]);
    // No final record: the one saved last.
    a.status = VisitStatus::Draft;
    assert_eq!(base_record(&[&a, &b]), Some(1));
    b.template.version += 1;
    let counted = counted_once(&[&a, &b], &t).expect("records");
    assert_eq!((counted.base, counted.differing.clone()), (1, vec!["template".to_string()]));
    assert_eq!(counted.visit, b, "another template: the base alone");
}
