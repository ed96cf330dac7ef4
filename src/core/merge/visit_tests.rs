use jiff::Timestamp;

use super::*;
use crate::core::merge::{Pick, resolve};
use crate::core::template::Template;
use crate::core::visit::{TimeOfDay, Value, edited_after_final, finalise};

fn at(minute: i64) -> Timestamp {
    Timestamp::from_second(1_796_083_200 + minute * 60).expect("a time")
}

/// The copy both clones pulled: a draft of Chi bộ số 11 with one answer, saved at minute 0.
fn base() -> Visit {
    let mut v = crate::testing::sample_visit(&Template::embedded());
    v.answers.insert("prep.committee_met".into(), Answer { value: Some(Value::Yes), note: String::new() });
    (v.updated, v.saved_by) = (at(0), "Lê Thị Tú".into());
    v
}

/// Lê Thị Tú's copy, saved at minute 2, and Trần Văn Bình's, saved at minute 5.
fn copies() -> (Visit, Visit) {
    let mut ours = base();
    (ours.updated, ours.saved_by) = (at(2), "Lê Thị Tú".into());
    let mut theirs = base();
    (theirs.updated, theirs.saved_by) = (at(5), "Trần Văn Bình".into());
    (ours, theirs)
}

fn answer(value: Value) -> Answer {
    Answer { value: Some(value), note: String::new() }
}

fn set(v: &mut Visit, item: &str, value: Value) {
    v.answers.insert(item.into(), answer(value));
}

/// One pair of different answers for each kind of item.
fn kinds() -> Vec<(&'static str, Value, Value)> {
    let time = |h, m| Value::Time(TimeOfDay::new(h, m).expect("a time"));
    vec![
        ("prep.notice", Value::Yes, Value::No),
        ("prep.documents_ahead", Value::NotApplicable, Value::Yes),
        ("att.repeat_absence", Value::Number(2), Value::Number(3)),
        ("theme.on_schedule", Value::Pair(1, 4), Value::Pair(2, 4)),
        ("prep.focused", Value::Scale(3), Value::Scale(5)),
        ("overall.grade", Value::Choice("kha".into()), Value::Choice("tot".into())),
        ("min.missing_fields", Value::Choices(vec!["time".into()]), Value::Choices(vec!["time".into(), "vote".into()])),
        ("overall.recommendations", Value::Text("Giữ nếp".into()), Value::Text("Sinh hoạt đúng giờ".into())),
        ("prep.notice", time(19, 30), time(20, 0)),
    ]
}

#[test]
fn different_items_merge_cleanly_for_every_kind() {
    for (item, one, _) in kinds() {
        let (mut ours, mut theirs) = copies();
        set(&mut ours, item, one.clone());
        set(&mut theirs, "prep.attendance_checked", Value::No);
        let merged = merge_visits(Some(&base()), &ours, &theirs);
        assert!(merged.added.is_empty() && merged.visit.conflicts.is_empty(), "{item}");
        assert_eq!(merged.visit.value(item), Some(&one), "{item}");
        assert_eq!(merged.visit.value("prep.attendance_checked"), Some(&Value::No));
        assert_eq!(merged.visit.value("prep.committee_met"), Some(&Value::Yes), "untouched answers stay");
    }
}

#[test]
fn the_same_answer_on_both_sides_merges() {
    for (item, one, _) in kinds() {
        let (mut ours, mut theirs) = copies();
        set(&mut ours, item, one.clone());
        set(&mut theirs, item, one.clone());
        let merged = merge_visits(Some(&base()), &ours, &theirs);
        assert!(merged.added.is_empty(), "{item}");
        assert_eq!(merged.visit.value(item), Some(&one));
    }
}

#[test]
fn different_answers_to_one_item_are_a_conflict_for_every_kind() {
    for (item, one, two) in kinds() {
        let (mut ours, mut theirs) = copies();
        set(&mut ours, item, one.clone());
        set(&mut theirs, item, two.clone());
        let merged = merge_visits(Some(&base()), &ours, &theirs);
        assert_eq!(merged.added.len(), 1, "{item}");
        let c = &merged.visit.conflicts[0];
        assert_eq!(c.field, format!("answers.{item}"));
        assert_eq!((c.one.by.as_str(), c.one.at), ("Lê Thị Tú", at(2)));
        assert_eq!((c.two.by.as_str(), c.two.at), ("Trần Văn Bình", at(5)));
        assert_eq!(c.one.answer, Some(answer(one.clone())));
        assert_eq!(c.two.answer, Some(answer(two.clone())));
        assert_eq!(merged.visit.value(item), None, "a disputed answer is not counted as decided");
        let mut picked = merged.visit.clone();
        resolve(&mut picked, 0, Pick::Two).expect("resolves");
        assert_eq!(picked.value(item), Some(&two));
        assert!(picked.conflicts.is_empty());
    }
}

#[test]
fn a_conflict_is_made_whatever_the_base_held_and_a_base_answer_is_not_kept() {
    let mut base = base();
    set(&mut base, "prep.notice", Value::Yes);
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    (ours.updated, theirs.updated) = (at(1), at(2));
    set(&mut ours, "prep.notice", Value::No);
    theirs.answers.remove("prep.notice");
    let merged = merge_visits(Some(&base), &ours, &theirs);
    let c = &merged.visit.conflicts[0];
    assert_eq!((c.one.answer.clone(), c.two.answer.clone()), (Some(answer(Value::No)), None));
    assert_eq!(merged.visit.answer("prep.notice"), None);
    // Cleared on one side, untouched on the other: cleared.
    let merged = merge_visits(Some(&base), &base, &theirs);
    assert!(merged.added.is_empty());
    assert_eq!(merged.visit.answer("prep.notice"), None);
}

#[test]
fn an_answers_value_and_note_merge_on_their_own() {
    let (mut ours, mut theirs) = copies();
    set(&mut ours, "prep.committee_met", Value::No);
    theirs.answers.insert("prep.committee_met".into(), Answer { value: Some(Value::Yes), note: "Họp ngày 1/4".into() });
    let merged = merge_visits(Some(&base()), &ours, &theirs);
    assert!(merged.added.is_empty());
    let expected = Answer { value: Some(Value::No), note: "Họp ngày 1/4".into() };
    assert_eq!(merged.visit.answer("prep.committee_met"), Some(&expected));

    // Both notes changed differently: a conflict whose sides keep the value that merged.
    let (mut ours, mut theirs) = copies();
    ours.answers.insert("prep.committee_met".into(), Answer { value: Some(Value::No), note: "Một".into() });
    theirs.answers.insert("prep.committee_met".into(), Answer { value: Some(Value::Yes), note: "Hai".into() });
    let merged = merge_visits(Some(&base()), &ours, &theirs);
    let c = &merged.visit.conflicts[0];
    assert_eq!(c.one.answer, Some(Answer { value: Some(Value::No), note: "Một".into() }));
    assert_eq!(c.two.answer, Some(Answer { value: Some(Value::No), note: "Hai".into() }));
    assert_eq!(merged.visit.answer("prep.committee_met"), Some(&answer(Value::No)), "the value both agree on");
}

#[test]
fn meeting_facts_merge_field_by_field() {
    let (mut ours, mut theirs) = copies();
    ours.meeting.members.present = Some(22);
    ours.meeting.start = TimeOfDay::new(19, 30);
    theirs.meeting.members.total = Some(25);
    theirs.meeting.chair = "Nguyễn Văn An".into();
    let merged = merge_visits(Some(&base()), &ours, &theirs).visit;
    let m = &merged.meeting;
    assert_eq!((m.members.present, m.members.total, m.start), (Some(22), Some(25), TimeOfDay::new(19, 30)));
    assert_eq!(m.chair, "Nguyễn Văn An");
    assert!(merged.conflicts.is_empty());

    theirs.meeting.members.present = Some(23);
    theirs.meeting.start = TimeOfDay::new(19, 30);
    theirs.meeting.branch = "Chi bộ 11".into();
    ours.meeting.branch = "Chi bộ số 11 (khu 3)".into();
    let merged = merge_visits(Some(&base()), &ours, &theirs);
    let fields: Vec<&str> = merged.added.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["meeting.branch", "meeting.members.present"]);
    let present = &merged.added[1];
    assert_eq!((present.one.value.as_str(), present.two.value.as_str()), ("Some(22)", "Some(23)"));
    assert_eq!(merged.visit.meeting.members.present, None, "a disputed count is not used");
    assert_eq!(merged.visit.meeting.branch, "Chi bộ số 11", "the branch both last agreed on");
    assert_eq!(merged.visit.meeting.start, TimeOfDay::new(19, 30));
    let mut picked = merged.visit.clone();
    resolve(&mut picked, 1, Pick::Two).expect("resolves");
    assert_eq!(picked.meeting.members.present, Some(23));
    resolve(&mut picked, 0, Pick::One).expect("resolves");
    assert_eq!(picked.meeting.branch, "Chi bộ số 11 (khu 3)");
}

#[test]
fn general_notes_and_round_merge_as_values() {
    let (mut ours, mut theirs) = copies();
    ours.notes = "Chi bộ chuẩn bị tốt".into();
    theirs.round = Some("1024-QĐ/QU".into());
    let merged = merge_visits(Some(&base()), &ours, &theirs).visit;
    assert_eq!((merged.notes.as_str(), merged.round.as_deref()), ("Chi bộ chuẩn bị tốt", Some("1024-QĐ/QU")));
    theirs.notes = "Sinh hoạt muộn 15 phút".into();
    let merged = merge_visits(Some(&base()), &ours, &theirs);
    let c = &merged.added[0];
    assert_eq!(c.field, "notes");
    assert_eq!((c.one.value.as_str(), c.two.value.as_str()), ("\"Chi bộ chuẩn bị tốt\"", "\"Sinh hoạt muộn 15 phút\""));
    assert_eq!(merged.visit.notes, "");
    let mut picked = merged.visit;
    resolve(&mut picked, 0, Pick::Two).expect("resolves");
    assert_eq!(picked.notes, "Sinh hoạt muộn 15 phút");
}

#[test]
fn inspectors_merge_as_a_set_in_order() {
    let mut base = base();
    base.inspectors = vec!["Lê Thị Tú".into(), "Phạm Hà".into()];
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.inspectors.push("Trần Văn Bình".into());
    theirs.inspectors = vec!["Lê Thị Tú".into(), "Đỗ Minh".into()];
    let merged = merge_visits(Some(&base), &ours, &theirs).visit;
    assert_eq!(merged.inspectors, ["Lê Thị Tú", "Trần Văn Bình", "Đỗ Minh"]);
    assert!(merged.conflicts.is_empty());
}

#[test]
fn bookkeeping_takes_the_later_copy() {
    let (mut ours, mut theirs) = copies();
    ours.last_item = Some("prep.notice".into());
    theirs.last_item = Some("att.repeat_absence".into());
    (ours.created, theirs.created) = (at(-10), at(-5));
    let merged = merge_visits(Some(&base()), &ours, &theirs).visit;
    assert_eq!((merged.created, merged.updated), (at(-10), at(5)));
    assert_eq!((merged.saved_by.as_str(), merged.last_item.as_deref()), ("Trần Văn Bình", Some("att.repeat_absence")));
    let merged = merge_visits(Some(&base()), &theirs, &ours).visit;
    assert_eq!(merged.saved_by, "Trần Văn Bình", "whichever side it is");
}

fn ready(v: &mut Visit) {
    crate::testing::enter_needed_facts(v);
    crate::testing::answer_all_passing(&Template::embedded(), v);
}

#[test]
fn a_copy_finalised_while_the_other_did_not_change_content_stays_final() {
    let mut base = base();
    ready(&mut base);
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    finalise(&mut ours, "Lê Thị Tú", at(3));
    theirs.updated = at(4);
    theirs.last_item = Some("prep.notice".into());
    let merged = merge_visits(Some(&base), &ours, &theirs);
    assert_eq!(merged.visit.status, VisitStatus::Final);
    assert_eq!(merged.visit.finalised, ours.finalised);
    assert!(!edited_after_final(&merged.visit) && merged.notes.is_empty());
    // Both finalised the same content: final, with the first finalisation.
    finalise(&mut theirs, "Trần Văn Bình", at(6));
    let merged = merge_visits(Some(&base), &theirs, &ours).visit;
    assert_eq!((merged.status, merged.finalised.map(|f| f.by)), (VisitStatus::Final, Some("Lê Thị Tú".into())));
}

#[test]
fn a_copy_finalised_while_the_other_changed_content_becomes_a_draft_keeping_all() {
    let mut base = base();
    ready(&mut base);
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    finalise(&mut ours, "Lê Thị Tú", at(3));
    theirs.answers.get_mut("prep.notice").expect("answered").note = "Thông báo qua Zalo".into();
    (theirs.updated, theirs.saved_by) = (at(4), "Trần Văn Bình".into());
    for (one, two) in [(&ours, &theirs), (&theirs, &ours)] {
        let merged = merge_visits(Some(&base), one, two);
        let v = &merged.visit;
        assert_eq!(v.status, VisitStatus::Draft);
        assert_eq!(v.answer("prep.notice").map(|a| a.note.as_str()), Some("Thông báo qua Zalo"));
        let reopened = v.reopened.last().expect("a reopening");
        assert_eq!((reopened.by.as_str(), reopened.reason.as_str()), ("Trần Văn Bình", REOPENED_BY_MERGE));
        assert_eq!(v.finalised, ours.finalised, "the last finalisation is kept as the record");
        assert!(!edited_after_final(v));
        assert_eq!(merged.notes, [MergeNote::Reopened]);
    }
}

#[test]
fn a_final_copy_with_a_conflict_becomes_a_draft() {
    let mut base = base();
    ready(&mut base);
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    set(&mut ours, "prep.notice", Value::No);
    finalise(&mut ours, "Lê Thị Tú", at(3));
    set(&mut theirs, "prep.notice", Value::NotApplicable);
    let merged = merge_visits(Some(&base), &ours, &theirs);
    assert_eq!(merged.visit.status, VisitStatus::Draft);
    assert_eq!(merged.visit.conflicts.len(), 1);
    // A reopening on one copy wins over a copy that left the status alone.
    let mut reopened = base.clone();
    finalise(&mut reopened, "Lê Thị Tú", at(1));
    let mut edited = reopened.clone();
    crate::core::visit::reopen(&mut edited, "Trần Văn Bình", "Sai số có mặt", at(2)).expect("reopens");
    let merged = merge_visits(Some(&reopened), &reopened, &edited).visit;
    assert_eq!((merged.status, merged.reopened.len()), (VisitStatus::Draft, 1));
}

#[test]
fn conflicts_in_the_copies_are_carried_once_and_stay_resolved() {
    let (mut ours, mut theirs) = copies();
    set(&mut ours, "prep.notice", Value::Yes);
    set(&mut theirs, "prep.notice", Value::No);
    let first = merge_visits(Some(&base()), &ours, &theirs).visit;
    // The other clone made the same merge, its own copy as side one.
    let mirrored = merge_visits(Some(&base()), &theirs, &ours).visit;
    let merged = merge_visits(Some(&base()), &first, &mirrored);
    assert_eq!(merged.visit.conflicts.len(), 1, "the same conflict, sides swapped, is one");
    assert!(merged.added.is_empty());
    assert_eq!(merged.notes, [MergeNote::Carried(1)]);
    // One clone resolves it while the other answers another item: it stays resolved.
    let mut resolved = first.clone();
    resolve(&mut resolved, 0, Pick::Two).expect("resolves");
    let mut other = first.clone();
    set(&mut other, "att.repeat_absence", Value::Number(1));
    let merged = merge_visits(Some(&first), &other, &resolved);
    assert!(merged.visit.conflicts.is_empty(), "{:?}", merged.visit.conflicts);
    assert_eq!(merged.visit.value("prep.notice"), Some(&Value::No));
    assert_eq!(merged.visit.value("att.repeat_absence"), Some(&Value::Number(1)));
    // A conflict only one side holds (from a merge the other never saw) is kept.
    let merged = merge_visits(Some(&base()), &first, &base());
    assert_eq!(merged.visit.conflicts, first.conflicts);
}

#[test]
fn without_a_base_both_copies_count_as_added() {
    let (mut ours, mut theirs) = copies();
    assert!(merge_visits(None, &ours, &ours).added.is_empty());
    set(&mut ours, "prep.notice", Value::Yes);
    set(&mut theirs, "att.repeat_absence", Value::Number(2));
    ours.meeting.members.present = Some(20);
    theirs.inspectors.push("Trần Văn Bình".into());
    let merged = merge_visits(None, &ours, &theirs);
    assert!(merged.added.is_empty(), "{:?}", merged.added);
    let v = &merged.visit;
    assert_eq!((v.value("prep.notice"), v.value("att.repeat_absence")), (Some(&Value::Yes), Some(&Value::Number(2))));
    assert_eq!(v.meeting.members.present, Some(20), "entered on one copy only");
    assert_eq!(v.inspectors, ["Lê Thị Tú", "Trần Văn Bình"]);
    set(&mut theirs, "prep.notice", Value::No);
    theirs.meeting.date = jiff::civil::date(2022, 4, 6);
    let merged = merge_visits(None, &ours, &theirs);
    let fields: Vec<&str> = merged.added.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["meeting.date", "answers.prep.notice"]);
    assert_eq!(merged.visit.meeting.date, ours.meeting.date, "ours meanwhile, when there is no base");
}

#[test]
fn merging_is_the_same_from_either_side() {
    let (mut ours, mut theirs) = copies();
    set(&mut ours, "prep.notice", Value::Yes);
    set(&mut theirs, "prep.notice", Value::No);
    ours.meeting.members.present = Some(3);
    theirs.notes = "Ghi chú".into();
    let one = merge_visits(Some(&base()), &ours, &theirs).visit;
    let two = merge_visits(Some(&base()), &theirs, &ours).visit;
    assert_eq!((&one.answers, &one.meeting, &one.notes), (&two.answers, &two.meeting, &two.notes));
    assert_eq!((one.updated, &one.saved_by), (two.updated, &two.saved_by));
    assert!(same_conflict(&one.conflicts[0], &two.conflicts[0]));
}
