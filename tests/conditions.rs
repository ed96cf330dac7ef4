//! Item conditions of every kind — on an earlier item's answer (yes/no, choice, scale), on the
//! meeting kind, on the branch type — through `applies`, the problems list, progress and the
//! summary's not-applicable count.
//!
//! The embedded template uses only "has a chi ủy", so these conditions are tested on a small
//! template written here: switching any of them off must make a test fail.

use std::path::Path;

use khaosat::core::problems::{Problem, Unmet};
use khaosat::core::rules::{ItemStatus, applies, item_status, problems, progress, why_not_applicable};
use khaosat::core::summary::{Filters, Summary, SummaryBuilder};
use khaosat::core::template::{Item, Template};
use khaosat::core::template_check::check_template;
use khaosat::core::visit::{Answer, BranchType, MeetingKind, NewVisit, Value, Visit};
use khaosat::strings::Lang;

/// Six items that apply only sometimes, and the three answers they depend on.
const TEMPLATE: &str = r#"(
  id: "conditions",
  version: 1,
  rule_set: "TEST",
  title: (vi: "Thử điều kiện", en: "Condition test"),
  sections: [
    (
      id: "s",
      title: (vi: "Phần", en: "Section"),
      items: [
        (
          id: "s.held",
          text: (vi: "Chi ủy có họp trước?", en: "Did the committee meet beforehand?"),
          kind: YesNo(allow_na: false),
          required: true,
        ),
        (
          id: "s.minutes",
          text: (vi: "Có biên bản họp chi ủy?", en: "Are there committee minutes?"),
          kind: YesNo(allow_na: false),
          required: true,
          applies_when: Some((field: "s.held", is: ["yes"])),
          finding: Some((fails_when: No, text: (vi: "Không có biên bản", en: "No minutes"))),
        ),
        (
          id: "s.topic",
          text: (vi: "Chuyên đề có chọn đúng?", en: "Was the topic well chosen?"),
          kind: YesNo(allow_na: false),
          required: true,
          applies_when: Some((field: "meeting_kind", is: ["thematic", "combined"])),
          finding: Some((fails_when: No, text: (vi: "Chọn chuyên đề chưa đúng", en: "Topic poorly chosen"))),
        ),
        (
          id: "s.pupils",
          text: (vi: "Có bàn công tác học sinh?", en: "Was pupils' work discussed?"),
          kind: YesNo(allow_na: false),
          required: true,
          applies_when: Some((field: "branch_type", is: ["truong_hoc"])),
          finding: Some((fails_when: No, text: (vi: "Chưa bàn công tác học sinh", en: "Pupils' work not discussed"))),
        ),
        (
          id: "s.grade",
          text: (vi: "Xếp loại", en: "Grade"),
          kind: Choice(options: [
            (id: "tot", label: (vi: "Tốt", en: "Good")),
            (id: "kem", label: (vi: "Kém", en: "Poor")),
          ]),
          required: true,
        ),
        (
          id: "s.grade_reason",
          text: (vi: "Lý do xếp loại kém", en: "Why poor"),
          kind: Text(multiline: false),
          required: true,
          applies_when: Some((field: "s.grade", is: ["kem"])),
        ),
        (
          id: "s.depth",
          text: (vi: "Chất lượng thảo luận", en: "Depth of discussion"),
          kind: Scale,
          required: true,
        ),
        (
          id: "s.depth_followup",
          text: (vi: "Đã nhắc nhở chủ trì?", en: "Was the chair reminded?"),
          kind: YesNo(allow_na: false),
          required: true,
          applies_when: Some((field: "s.depth", is: ["1", "2"])),
          finding: Some((fails_when: No, text: (vi: "Chưa nhắc nhở", en: "Not reminded"))),
        ),
      ],
    ),
  ],
)"#;

/// The items that apply only under a condition, and the three answers they depend on.
const CONDITIONAL: [&str; 5] = ["s.minutes", "s.topic", "s.pupils", "s.grade_reason", "s.depth_followup"];
const ALWAYS: [&str; 3] = ["s.held", "s.grade", "s.depth"];

fn template() -> Template {
    let template = Template::from_ron(TEMPLATE).unwrap_or_else(|e| panic!("test template: {e}"));
    assert_eq!(check_template(&template), vec![], "the test template passes its own check");
    template
}

fn item<'a>(template: &'a Template, id: &str) -> &'a Item {
    template.item(id).map(|r| r.item).unwrap_or_else(|| panic!("no item {id}"))
}

fn visit(template: &Template, kind: MeetingKind, branch_type: BranchType) -> Visit {
    let facts = NewVisit {
        branch: format!("Chi bộ {}", branch_type.id()),
        branch_type,
        kind,
        inspectors: vec![],
        round: None,
        ..khaosat::testing::sample_facts()
    };
    let mut v = Visit::new(template, facts, jiff::Timestamp::UNIX_EPOCH);
    // The facts a final visit needs, so that only the items' problems are left to look at.
    khaosat::testing::enter_needed_facts(&mut v);
    v
}

fn answer(visit: &mut Visit, id: &str, value: Value) {
    visit.answers.insert(id.into(), Answer { value: Some(value), note: String::new() });
}

/// A regular meeting of a residential branch whose answers switch every condition off.
fn nothing_applies(template: &Template) -> Visit {
    let mut v = visit(template, MeetingKind::Regular, BranchType::KhuDanCu);
    answer(&mut v, "s.held", Value::No);
    answer(&mut v, "s.grade", Value::Choice("tot".into()));
    answer(&mut v, "s.depth", Value::Scale(4));
    v
}

/// A thematic meeting of a school branch whose answers switch every condition on.
fn everything_applies(template: &Template) -> Visit {
    let mut v = visit(template, MeetingKind::Thematic, BranchType::TruongHoc);
    answer(&mut v, "s.held", Value::Yes);
    answer(&mut v, "s.grade", Value::Choice("kem".into()));
    answer(&mut v, "s.depth", Value::Scale(2));
    v
}

fn unanswered(problems: &[Problem]) -> Vec<&str> {
    problems
        .iter()
        .filter_map(|p| match p {
            Problem::Unanswered { item } => Some(item.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn each_kind_of_condition_decides_whether_an_item_applies() {
    let t = template();
    let off = nothing_applies(&t);
    let on = everything_applies(&t);
    for id in CONDITIONAL {
        assert!(!applies(item(&t, id), &off), "{id} should not apply");
        assert_eq!(item_status(item(&t, id), &off), ItemStatus::NotApplicable, "{id}");
        assert!(applies(item(&t, id), &on), "{id} should apply");
        assert_eq!(item_status(item(&t, id), &on), ItemStatus::Unanswered, "{id}");
    }
    for id in ALWAYS {
        assert!(applies(item(&t, id), &off) && applies(item(&t, id), &on), "{id} always applies");
    }
}

#[test]
fn each_accepted_value_of_a_condition_counts() {
    let t = template();
    let mut v = nothing_applies(&t);
    let topic = item(&t, "s.topic");
    for (kind, expected) in
        [(MeetingKind::Regular, false), (MeetingKind::Thematic, true), (MeetingKind::Combined, true)]
    {
        v.meeting.kind = kind;
        assert_eq!(applies(topic, &v), expected, "{kind:?}");
    }
    let pupils = item(&t, "s.pupils");
    for branch_type in BranchType::ALL {
        v.meeting.branch_type = branch_type;
        assert_eq!(applies(pupils, &v), branch_type == BranchType::TruongHoc, "{branch_type:?}");
    }
    let followup = item(&t, "s.depth_followup");
    for scale in 1..=5 {
        answer(&mut v, "s.depth", Value::Scale(scale));
        assert_eq!(applies(followup, &v), scale <= 2, "scale {scale}");
    }
}

#[test]
fn an_item_whose_earlier_answer_is_not_given_yet_is_asked() {
    // Asking too much is safer than hiding an item: with its earlier answer missing, it applies.
    let t = template();
    let v = visit(&t, MeetingKind::Regular, BranchType::KhuDanCu);
    for id in ["s.minutes", "s.grade_reason", "s.depth_followup"] {
        assert!(applies(item(&t, id), &v), "{id}");
    }
    // Facts are always known: the meeting kind and branch type decide at once.
    assert!(!applies(item(&t, "s.topic"), &v));
    assert!(!applies(item(&t, "s.pupils"), &v));
}

#[test]
fn problems_ask_only_for_items_that_apply() {
    let t = template();
    let off = nothing_applies(&t);
    assert_eq!(problems(&t, &off), vec![], "nothing else applies");
    let on = everything_applies(&t);
    assert_eq!(unanswered(&problems(&t, &on)), CONDITIONAL.to_vec());

    // Answering the items that now apply leaves no problem.
    let mut done = on.clone();
    for id in ["s.minutes", "s.topic", "s.pupils", "s.depth_followup"] {
        answer(&mut done, id, Value::Yes);
    }
    answer(&mut done, "s.grade_reason", Value::Text("Chuẩn bị sơ sài".into()));
    assert_eq!(problems(&t, &done), vec![]);
}

#[test]
fn progress_counts_only_items_that_apply() {
    let t = template();
    assert_eq!(progress(&t, &nothing_applies(&t)), (3, 3));
    assert_eq!(progress(&t, &everything_applies(&t)), (3, 8));
    let mut half = visit(&t, MeetingKind::Combined, BranchType::CongAn);
    answer(&mut half, "s.held", Value::Yes);
    // s.held, s.minutes, s.topic (combined), s.grade, s.grade_reason (not known yet), s.depth,
    // s.depth_followup (not known yet); not s.pupils (police branch).
    assert_eq!(progress(&t, &half), (1, 7));
}

fn summary(template: &Template, visits: &[Visit]) -> Summary {
    let mut builder = SummaryBuilder::new(Lang::En, Filters::default());
    for (i, v) in visits.iter().enumerate() {
        builder.add(v, template, Path::new(&format!("v{i}.ron")));
    }
    builder.finish()
}

#[test]
fn the_summary_counts_items_that_do_not_apply_apart() {
    let t = template();
    let off = nothing_applies(&t);
    let mut failing = everything_applies(&t);
    for id in ["s.minutes", "s.topic", "s.pupils", "s.depth_followup"] {
        answer(&mut failing, id, Value::No);
    }
    let s = summary(&t, &[off.clone(), failing, off]);
    let tally = |id: &str| {
        s.sections.iter().flat_map(|sec| &sec.items).find(|i| i.id == id).unwrap_or_else(|| panic!("no tally {id}"))
    };
    for id in ["s.minutes", "s.topic", "s.pupils", "s.depth_followup"] {
        let t = tally(id);
        assert_eq!((t.failing, t.assessed(), t.not_applicable, t.unanswered), (1, 1, 2, 0), "{id}");
        let finding = s.findings.iter().find(|f| f.id == id).unwrap_or_else(|| panic!("no finding {id}"));
        assert_eq!((finding.failing(), finding.assessed, finding.not_applicable), (1, 1, 2), "{id}");
    }
    let reason = tally("s.grade_reason");
    assert_eq!((reason.answered, reason.not_applicable, reason.unanswered), (0, 2, 1));
}

#[test]
fn an_answer_kept_on_an_item_that_does_not_apply_is_a_problem_that_names_the_condition() {
    let t = template();
    let mut v = nothing_applies(&t);
    for id in CONDITIONAL {
        let value = if id == "s.grade_reason" { Value::Text("Chuẩn bị sơ sài".into()) } else { Value::No };
        answer(&mut v, id, value);
    }
    let name = |id: &str| t.item(id).map_or_else(|| id.to_string(), |r| r.item.text.en.clone());
    let found: Vec<(String, String)> = problems(&t, &v)
        .iter()
        .map(|p| (p.item().unwrap_or_default().to_string(), p.message(Lang::En, &name)))
        .collect();
    let ignored = |id: &str, why: &str| {
        (
            id.to_string(),
            format!(
                "{}: this answer is ignored because the item does not apply ({why}); remove it, or correct that if it is wrong",
                name(id)
            ),
        )
    };
    assert_eq!(
        found,
        vec![
            ignored("s.minutes", "Did the committee meet beforehand? is answered \"No\""),
            ignored("s.topic", "meeting kind: Regular"),
            ignored("s.pupils", "branch type: Urban residential"),
            ignored("s.grade_reason", "Grade is answered \"Good\""),
            ignored("s.depth_followup", "Depth of discussion is answered \"4\""),
        ]
    );
    assert_eq!(why_not_applicable(&t, item(&t, "s.topic"), &v), Some(Unmet::MeetingKind(MeetingKind::Regular)));
    // Ignored everywhere else: not applicable, not counted as answered.
    for id in CONDITIONAL {
        assert_eq!(item_status(item(&t, id), &v), ItemStatus::NotApplicable, "{id}");
    }
    assert_eq!(progress(&t, &v), (3, 3));

    // Not applicable is what the condition says too: no problem. Removing the answer, or
    // correcting the fact it depends on, clears the problem.
    answer(&mut v, "s.minutes", Value::NotApplicable);
    v.answers.remove("s.topic");
    v.meeting.branch_type = BranchType::TruongHoc;
    let left: Vec<String> = problems(&t, &v).iter().filter_map(|p| p.item().map(str::to_string)).collect();
    assert_eq!(left, vec!["s.grade_reason".to_string(), "s.depth_followup".to_string()]);
}
