//! Tests of the rules: statuses, computed figures, conditions, findings and problems of a visit.

use super::*;
use crate::core::problems::FactField;
use crate::core::problems::tests::{item, template, visit};
use crate::core::visit::{Answer, TimeOfDay};

fn answer(visit: &mut Visit, id: &str, value: Value) {
    visit.answers.insert(id.into(), Answer { value: Some(value), note: String::new() });
}

fn time(text: &str) -> Option<TimeOfDay> {
    TimeOfDay::parse(text)
}

fn status(t: &Template, v: &Visit, id: &str) -> ItemStatus {
    item_status(item(t, id), v)
}

#[test]
fn yes_no_items() {
    let t = template();
    let mut v = visit(&t);
    assert_eq!(status(&t, &v, "prep.committee_met"), ItemStatus::Unanswered);
    answer(&mut v, "prep.committee_met", Value::Yes);
    assert_eq!(status(&t, &v, "prep.committee_met"), ItemStatus::Pass);
    answer(&mut v, "prep.committee_met", Value::No);
    assert_eq!(status(&t, &v, "prep.committee_met"), ItemStatus::Fail);
    answer(&mut v, "prep.documents_ahead", Value::NotApplicable);
    assert_eq!(status(&t, &v, "prep.documents_ahead"), ItemStatus::NotApplicable);
    // A note alone is not an answer.
    v.answers.insert("prep.notice".into(), Answer { value: None, note: "hỏi lại bí thư".into() });
    assert_eq!(status(&t, &v, "prep.notice"), ItemStatus::Unanswered);
    // No finding rule (strength only): answered, never a finding.
    answer(&mut v, "att.broadened", Value::No);
    assert_eq!(status(&t, &v, "att.broadened"), ItemStatus::Answered);
    assert!(!ItemStatus::Answered.is_assessed());
    assert!(ItemStatus::Fail.is_assessed() && ItemStatus::Pass.is_assessed());
    assert!(!ItemStatus::NotApplicable.is_assessed() && !ItemStatus::Unanswered.is_assessed());
}

#[test]
fn attendance_rate_is_computed_from_the_facts() {
    let t = template();
    let mut v = visit(&t);
    assert_eq!(status(&t, &v, "att.rate"), ItemStatus::Unanswered);
    v.meeting.members.total = Some(20);
    v.meeting.members.exempted = Some(2);
    assert_eq!(status(&t, &v, "att.rate"), ItemStatus::Unanswered, "present unknown");
    v.meeting.members.present = Some(15);
    let rate = computed_value(Computed::AttendanceRate, &v.meeting).unwrap_or_default();
    assert!((rate - 83.333).abs() < 0.01, "{rate}");
    assert_eq!(status(&t, &v, "att.rate"), ItemStatus::Fail, "83.3 % is not above 85 %");
    assert_eq!(item_value(item(&t, "att.rate"), &v), Some(Value::Number(83)));
    v.meeting.members.present = Some(17);
    assert_eq!(status(&t, &v, "att.rate"), ItemStatus::Pass, "94.4 %");
    // Exactly 85 % is not "above 85 %".
    v.meeting.members.exempted = Some(0);
    assert_eq!(status(&t, &v, "att.rate"), ItemStatus::Fail, "85.0 %");
    v.meeting.members.exempted = None;
    assert_eq!(status(&t, &v, "att.rate"), ItemStatus::Fail, "no exemptions entered counts as none");
    // Nobody expected: no rate, rather than a division by zero.
    v.meeting.members.exempted = Some(20);
    assert_eq!(status(&t, &v, "att.rate"), ItemStatus::Unanswered);
    v.meeting.members.exempted = Some(25);
    assert_eq!(status(&t, &v, "att.rate"), ItemStatus::Unanswered);
    v.meeting.members.exempted = Some(2);
    v.meeting.members.total = None;
    assert_eq!(status(&t, &v, "att.rate"), ItemStatus::Unanswered, "total unknown");
}

#[test]
fn exempted_members_who_attend_do_not_count_for_the_rate() {
    let t = template();
    let mut v = visit(&t);
    let m = &mut v.meeting.members;
    (m.total, m.exempted, m.present) = (Some(40), Some(4), Some(40));
    // Everyone came, the 4 exempted members too; without saying so, 40 of 36 cannot be true.
    assert_eq!(attendance(&v.meeting.members), None);
    assert_eq!(computed_value(Computed::AttendanceRate, &v.meeting), None, "never 111 %");
    assert_eq!(status(&t, &v, "att.rate"), ItemStatus::Unanswered, "no ✓ on impossible counts");
    assert_eq!(
        fact_problems(&v.meeting),
        vec![Problem::PresentExceedsExpected { present: 40, exempted_present: 0, total: 40, exempted: 4 }]
    );
    v.meeting.members.exempted_present = Some(4);
    assert_eq!(attendance(&v.meeting.members), Some((36, 36)));
    assert_eq!(computed_value(Computed::AttendanceRate, &v.meeting), Some(100.0));
    assert_eq!(status(&t, &v, "att.rate"), ItemStatus::Pass);
    assert_eq!(fact_problems(&v.meeting), vec![]);
    v.meeting.members.present = Some(30);
    assert_eq!(attendance(&v.meeting.members), Some((26, 36)), "the exempted who came are not counted");
}

#[test]
fn member_counts_that_cannot_all_be_true() {
    let t = template();
    let mut v = visit(&t);
    // (total, exempted, present, exempted present, absent with reason) → problems; never a
    // rate above 100 %, and no rate at all while a problem remains.
    let mut counts = |(total, exempted, present, exempted_present, absent_excused)| {
        let m = &mut v.meeting.members;
        (m.total, m.exempted, m.present, m.exempted_present) = (total, exempted, present, exempted_present);
        m.absent_excused = absent_excused;
        let found = fact_problems(&v.meeting);
        let rate = computed_value(Computed::AttendanceRate, &v.meeting);
        assert!(rate.is_none_or(|r| r <= 100.0), "{rate:?}");
        assert!(found.is_empty() || rate.is_none(), "{found:?} and a rate of {rate:?}");
        found
    };
    assert_eq!(
        counts((Some(10), Some(12), Some(5), None, None)),
        vec![Problem::ExemptedExceedsTotal { exempted: 12, total: 10 }]
    );
    assert_eq!(
        counts((Some(10), Some(2), Some(5), Some(3), None)),
        vec![Problem::ExemptedPresentExceedsExempted { exempted_present: 3, exempted: 2 }]
    );
    assert_eq!(
        counts((Some(10), None, Some(5), Some(1), None)),
        vec![Problem::ExemptedPresentExceedsExempted { exempted_present: 1, exempted: 0 }],
        "exempted members present, none exempted"
    );
    assert_eq!(
        counts((Some(10), Some(4), Some(3), Some(4), None)),
        vec![Problem::ExemptedPresentExceedsPresent { exempted_present: 4, present: 3 }]
    );
    // One wrong number, one problem: more present than members in all is said once.
    assert_eq!(
        counts((Some(10), Some(2), Some(11), None, None)),
        vec![Problem::AttendanceExceedsTotal { counted: 11, total: 10 }]
    );
    // Absent counts that do not fit: a rate would rest on a wrong number (not 80 %).
    assert_eq!(
        counts((Some(10), Some(0), Some(8), None, Some(3))),
        vec![Problem::AttendanceExceedsTotal { counted: 11, total: 10 }]
    );
    assert_eq!(counts((Some(10), Some(2), Some(8), None, None)), vec![], "8 of 8");
    assert_eq!(counts((Some(u32::MAX), Some(0), Some(u32::MAX), Some(0), None)), vec![]);
    assert_eq!(counts((None, Some(2), Some(8), Some(1), None)), vec![], "total unknown: nothing to compare");

    let present = Problem::PresentExceedsExpected { present: 40, exempted_present: 1, total: 40, exempted: 4 };
    assert_eq!(present.facts().first(), Some(&FactField::Present));
    assert_eq!(present.item(), None);
    assert_eq!(
        present.message(Lang::En, &|id: &str| id.to_string()),
        "Members expected who were present (40 present − 1 of them exempted = 39) are more than the members \
         expected (40 in all − 4 exempted = 36): if exempted members attended, enter how many under \
         \"Of those present: exempted\""
    );
    assert_eq!(
        present.message(Lang::Vi, &|id: &str| id.to_string()),
        "Số đảng viên phải dự có mặt (40 có mặt − 1 thuộc diện miễn = 39) nhiều hơn số đảng viên phải dự \
         (40 tổng số − 4 được miễn = 36): nếu có đồng chí được miễn sinh hoạt vẫn dự, ghi số đó vào \
         \"Số có mặt thuộc diện miễn sinh hoạt\""
    );
}

#[test]
fn absent_without_reason() {
    let t = template();
    let mut v = visit(&t);
    assert_eq!(status(&t, &v, "att.unexcused"), ItemStatus::Unanswered);
    v.meeting.members.absent_unexcused = Some(0);
    assert_eq!(status(&t, &v, "att.unexcused"), ItemStatus::Pass);
    v.meeting.members.absent_unexcused = Some(1);
    assert_eq!(status(&t, &v, "att.unexcused"), ItemStatus::Fail);
}

#[test]
fn duration_depends_on_the_meeting_kind() {
    let t = template();
    let mut v = visit(&t);
    assert_eq!(status(&t, &v, "att.duration"), ItemStatus::Unanswered);
    v.meeting.start = time("19:30");
    assert_eq!(status(&t, &v, "att.duration"), ItemStatus::Unanswered, "end unknown");
    v.meeting.end = time("21:00");
    assert_eq!(computed_value(Computed::DurationMinutes, &v.meeting), Some(90.0));
    assert_eq!(status(&t, &v, "att.duration"), ItemStatus::Pass, "90 minutes, regular");
    v.meeting.kind = MeetingKind::Thematic;
    assert_eq!(status(&t, &v, "att.duration"), ItemStatus::Pass, "90 minutes, thematic");
    v.meeting.kind = MeetingKind::Combined;
    assert_eq!(status(&t, &v, "att.duration"), ItemStatus::Fail, "90 minutes, combined needs 120");
    v.meeting.end = time("21:30");
    assert_eq!(status(&t, &v, "att.duration"), ItemStatus::Pass, "120 minutes, combined");
    v.meeting.end = time("21:29");
    assert_eq!(status(&t, &v, "att.duration"), ItemStatus::Fail, "119 minutes, combined");
    v.meeting.kind = MeetingKind::Regular;
    v.meeting.end = time("20:59");
    assert_eq!(status(&t, &v, "att.duration"), ItemStatus::Fail, "89 minutes, regular");
    // End before start: no duration (and a problem, see below), never a negative one.
    v.meeting.end = time("19:00");
    assert_eq!(status(&t, &v, "att.duration"), ItemStatus::Unanswered);
}

#[test]
fn speakers_are_judged_against_a_share_of_those_present() {
    let t = template();
    let speakers = item(&t, "crit.speakers");
    let bound = match &speakers.finding {
        Some(rule) => match &rule.fails_when {
            FailsWhen::Below(b) => b.clone(),
            other => panic!("crit.speakers fails when {other:?}"),
        },
        None => panic!("crit.speakers has no rule"),
    };
    let mut v = visit(&t);
    v.meeting.members.present = Some(30);
    assert_eq!(bound_value(&bound, &v.meeting), Some(6.0), "20 % of 30");
    answer(&mut v, "crit.speakers", Value::Number(5));
    assert_eq!(item_status(speakers, &v), ItemStatus::Fail);
    answer(&mut v, "crit.speakers", Value::Number(6));
    assert_eq!(item_status(speakers, &v), ItemStatus::Pass);
    // 20 % of 31 is 6.2: rounded up to 7 people.
    v.meeting.members.present = Some(31);
    assert_eq!(bound_value(&bound, &v.meeting), Some(7.0));
    assert_eq!(item_status(speakers, &v), ItemStatus::Fail);
    // Small branches: at least 3.
    v.meeting.members.present = Some(8);
    assert_eq!(bound_value(&bound, &v.meeting), Some(3.0));
    answer(&mut v, "crit.speakers", Value::Number(2));
    assert_eq!(item_status(speakers, &v), ItemStatus::Fail);
    answer(&mut v, "crit.speakers", Value::Number(3));
    assert_eq!(item_status(speakers, &v), ItemStatus::Pass);
    // Present unknown: the floor of 3 still holds.
    v.meeting.members.present = None;
    assert_eq!(bound_value(&bound, &v.meeting), Some(3.0));
    answer(&mut v, "crit.speakers", Value::Number(0));
    assert_eq!(item_status(speakers, &v), ItemStatus::Fail);
}

#[test]
fn numbers_scales_pairs_and_choices() {
    let t = template();
    let mut v = visit(&t);
    answer(&mut v, "prep.fits_type", Value::Scale(2));
    assert_eq!(status(&t, &v, "prep.fits_type"), ItemStatus::Fail, "at most 2");
    answer(&mut v, "prep.fits_type", Value::Scale(3));
    assert_eq!(status(&t, &v, "prep.fits_type"), ItemStatus::Pass);
    answer(&mut v, "att.repeat_absence", Value::Number(0));
    assert_eq!(status(&t, &v, "att.repeat_absence"), ItemStatus::Pass);
    answer(&mut v, "att.repeat_absence", Value::Number(1));
    assert_eq!(status(&t, &v, "att.repeat_absence"), ItemStatus::Fail);
    answer(&mut v, "att.repeat_absence", Value::NotApplicable);
    assert_eq!(status(&t, &v, "att.repeat_absence"), ItemStatus::NotApplicable);
    answer(&mut v, "theme.on_schedule", Value::Pair(1, 2));
    assert_eq!(status(&t, &v, "theme.on_schedule"), ItemStatus::Fail, "1 thematic meeting in 2 quarters");
    answer(&mut v, "theme.on_schedule", Value::Pair(2, 2));
    assert_eq!(status(&t, &v, "theme.on_schedule"), ItemStatus::Pass);
    answer(&mut v, "min.missing_fields", Value::Choices(vec![]));
    assert_eq!(status(&t, &v, "min.missing_fields"), ItemStatus::Pass, "nothing missing");
    answer(&mut v, "min.missing_fields", Value::Choices(vec!["vote".into()]));
    assert_eq!(status(&t, &v, "min.missing_fields"), ItemStatus::Fail);
    let all: Vec<String> = item(&t, "conduct.round_documents").kind.options().iter().map(|o| o.id.clone()).collect();
    answer(&mut v, "conduct.round_documents", Value::Choices(all.clone()));
    assert_eq!(status(&t, &v, "conduct.round_documents"), ItemStatus::Pass, "every document assessed");
    answer(&mut v, "conduct.round_documents", Value::Choices(all[1..].to_vec()));
    assert_eq!(status(&t, &v, "conduct.round_documents"), ItemStatus::Fail);
    answer(&mut v, "overall.grade", Value::Choice("kem".into()));
    assert_eq!(status(&t, &v, "overall.grade"), ItemStatus::Answered, "the grade makes no finding");
    // A value of the wrong shape (hand-edited file) is never a finding.
    answer(&mut v, "prep.focused", Value::Text("tốt".into()));
    assert_eq!(status(&t, &v, "prep.focused"), ItemStatus::Pass);
}

#[test]
fn committee_minutes_only_where_there_is_a_committee() {
    let t = template();
    let minutes = item(&t, "min.committee_minutes");
    let mut v = visit(&t);
    // Not known yet: asked (asking too much is safer than hiding an item).
    assert!(applies(minutes, &v));
    assert_eq!(item_status(minutes, &v), ItemStatus::Unanswered);
    answer(&mut v, "min.committee_minutes", Value::No);
    assert_eq!(item_status(minutes, &v), ItemStatus::Fail);
    v.meeting.has_committee = Some(true);
    assert_eq!(item_status(minutes, &v), ItemStatus::Fail);
    v.meeting.has_committee = Some(false);
    assert!(!applies(minutes, &v));
    assert_eq!(item_status(minutes, &v), ItemStatus::NotApplicable, "even when answered No");
    // …but that answer is ignored, which must be said before the visit is final.
    let ignored = Problem::AnswerIgnored { item: "min.committee_minutes".into(), because: Unmet::HasCommittee(false) };
    assert!(problems(&t, &v).contains(&ignored));
    assert!(!ignored.is_missing());
    assert_eq!(ignored.item(), Some("min.committee_minutes"));
    let message = ignored.message(Lang::Vi, &|id: &str| id.to_string());
    assert_eq!(
        message,
        "min.committee_minutes: câu trả lời này bị bỏ qua vì mục không áp dụng (chi bộ không có chi ủy); \
         hãy xóa câu trả lời, hoặc sửa lại nếu thông tin đó sai"
    );
    answer(&mut v, "min.committee_minutes", Value::NotApplicable);
    assert!(!problems(&t, &v).contains(&ignored), "not applicable agrees with the condition");
    v.answers.remove("min.committee_minutes");
    assert!(!problems(&t, &v).contains(&Problem::Unanswered { item: "min.committee_minutes".into() }));
    v.meeting.has_committee = None;
    assert!(problems(&t, &v).contains(&Problem::Unanswered { item: "min.committee_minutes".into() }));
}

#[test]
fn finding_sentences_fill_the_list() {
    let t = template();
    let mut v = visit(&t);
    let missing = item(&t, "min.missing_fields");
    // Ticked in another order than the template's: the sentence follows the template.
    answer(&mut v, "min.missing_fields", Value::Choices(vec!["signatures".into(), "vote".into()]));
    assert_eq!(
        finding_sentence(missing, &v, Lang::Vi).as_deref(),
        Some(
            "Ghi biên bản sinh hoạt chi bộ chưa đầy đủ nội dung, diễn biến \
             (thiếu: Kết quả biểu quyết; Chữ ký chủ trì và thư ký)"
        )
    );
    assert_eq!(
        finding_sentence(missing, &v, Lang::En).as_deref(),
        Some(
            "Minutes of the branch meeting do not fully record its content and proceedings \
             (missing: Vote result; Signatures of chair and secretary)"
        )
    );

    let documents = item(&t, "conduct.round_documents");
    answer(&mut v, "conduct.round_documents", Value::Choices(vec!["ctr_01_qu".into(), "kl_21_tw".into()]));
    assert_eq!(
        finding_sentence(documents, &v, Lang::Vi).as_deref(),
        Some(
            "Chưa kết hợp đánh giá việc thực hiện Kết luận số 01-KL/TW; Quy định số 08-QĐi/TW; \
             Quy định số 37-QĐ/TW"
        )
    );
    assert_eq!(
        finding_sentence(documents, &v, Lang::En).as_deref(),
        Some(
            "The meeting did not also assess the implementation of Conclusion 01-KL/TW; \
             Regulation 08-QĐi/TW; Regulation 37-QĐ/TW"
        )
    );

    let plain = item(&t, "prep.committee_met");
    assert_eq!(
        finding_sentence(plain, &v, Lang::En).as_deref(),
        Some(
            "The branch committee did not meet (the secretary and deputy did not consult) to agree the content before the meeting"
        )
    );
    assert_eq!(finding_sentence(item(&t, "overall.grade"), &v, Lang::Vi), None);
}

#[test]
fn problems_before_final() {
    let t = template();
    let mut v = visit(&t);
    let required: Vec<String> =
        t.items().filter(|r| r.item.required && !r.item.kind.is_computed()).map(|r| r.item.id.clone()).collect();
    let unanswered: Vec<String> = problems(&t, &v)
        .into_iter()
        .filter_map(|p| match p {
            Problem::Unanswered { item } => Some(item),
            _ => None,
        })
        .collect();
    assert_eq!(unanswered, required, "a fresh visit lacks every required answer, in template order");
    assert!(!unanswered.iter().any(|id| id.starts_with("overall.other")), "free text is optional");
    assert_eq!(progress(&t, &v), (0, required.len() + 3), "3 optional text items");

    for id in &required {
        let value = match &item(&t, id).kind {
            Kind::YesNo { .. } => Value::Yes,
            Kind::Count { .. } => Value::Number(0),
            Kind::CountPair { .. } => Value::Pair(1, 1),
            Kind::Scale => Value::Scale(4),
            Kind::Choice { options } | Kind::MultiChoice { options } if options.is_empty() => continue,
            Kind::Choice { options } => Value::Choice(options[0].id.clone()),
            Kind::MultiChoice { .. } => Value::Choices(vec![]),
            Kind::Text { .. } => Value::Text("…".into()),
            Kind::Time => Value::Time(TimeOfDay::new(9, 0).unwrap_or_else(|| panic!("time"))),
            Kind::Computed(_) => continue,
        };
        answer(&mut v, id, value);
    }
    // Every item answered: what is left are the facts a final visit needs, in the facts' order.
    let missing: Vec<Problem> = FactField::NEEDED.into_iter().map(|fact| Problem::MissingFact { fact }).collect();
    assert_eq!(problems(&t, &v), missing);
    assert!(missing.iter().all(Problem::is_missing), "not entered yet is not a contradiction");
    assert_eq!(progress(&t, &v), (required.len(), required.len() + 3));
    v.meeting.start = time("19:30");
    v.meeting.end = time("21:00");

    // present + absent > total.
    v.meeting.members.total = Some(20);
    v.meeting.members.present = Some(15);
    v.meeting.members.absent_excused = Some(4);
    v.meeting.members.absent_unexcused = Some(1);
    assert_eq!(problems(&t, &v), vec![], "15 + 4 + 1 = 20");
    v.meeting.members.absent_unexcused = Some(2);
    assert_eq!(problems(&t, &v), vec![Problem::AttendanceExceedsTotal { counted: 21, total: 20 }]);
    // present + absent < total: one member not accounted for.
    v.meeting.members.absent_unexcused = Some(0);
    let short = Problem::MembersDoNotAddUp {
        total: 20,
        exempted: 0,
        present: 15,
        exempted_present: 0,
        excused: 4,
        unexcused: 0,
    };
    assert_eq!(problems(&t, &v), vec![short.clone()]);
    assert_eq!(
        short.message(Lang::En, &|id: &str| id.to_string()),
        "Member counts do not add up: 20 expected (total 20 − exempted 0), but present and absent with and \
         without a reason make 19 (15 + 4 + 0): 1 apart"
    );
    assert_eq!(short.facts().first(), Some(&FactField::AbsentUnexcused));
    v.meeting.members.absent_unexcused = Some(1);

    // End before (or at) start.
    v.meeting.end = time("19:00");
    assert_eq!(problems(&t, &v), vec![Problem::EndBeforeStart]);
    v.meeting.end = time("19:30");
    assert_eq!(problems(&t, &v), vec![Problem::EndBeforeStart]);
    v.meeting.end = time("21:00");
    assert_eq!(problems(&t, &v), vec![]);

    // More members without a notebook than members present.
    answer(&mut v, "note.without_notebook", Value::Number(16));
    assert_eq!(
        problems(&t, &v),
        vec![Problem::MoreThanPresent { item: "note.without_notebook".into(), value: 16, present: 15 }]
    );
    answer(&mut v, "note.without_notebook", Value::Number(15));
    assert_eq!(problems(&t, &v), vec![]);

    // Answers that do not fit their item.
    answer(&mut v, "prep.notice", Value::Number(1));
    answer(&mut v, "prep.focused", Value::Scale(7));
    answer(&mut v, "overall.grade", Value::Choice("xuat_sac".into()));
    let found = problems(&t, &v);
    let yes_no = Kind::YesNo { allow_na: false };
    assert!(found.contains(&Problem::WrongValue { item: "prep.notice".into(), expected: yes_no }), "{found:?}");
    assert!(found.contains(&Problem::OutOfRange { item: "prep.focused".into(), value: 7, min: 1, max: 5 }));
    let unknown = Problem::UnknownOption {
        item: "overall.grade".into(),
        option: "xuat_sac".into(),
        options: vec!["tot".into(), "kha".into(), "trung_binh".into(), "kem".into()],
    };
    assert!(found.contains(&unknown), "{found:?}");
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(found[0].item(), Some("prep.notice"));
    assert_eq!(Problem::EndBeforeStart.item(), None);
}

#[test]
fn findings_are_counted() {
    let t = template();
    let mut v = visit(&t);
    assert_eq!(finding_count(&t, &v), 0);
    answer(&mut v, "prep.notice", Value::No);
    answer(&mut v, "res.voted", Value::No);
    answer(&mut v, "res.concrete", Value::Yes);
    v.meeting.members.absent_unexcused = Some(2);
    assert_eq!(finding_count(&t, &v), 3);
    assert_eq!(strength_sentence(item(&t, "att.broadened"), Lang::En), Some("Attendance at meetings was broadened"));
    assert_eq!(strength_sentence(item(&t, "res.voted"), Lang::En), None);
}
