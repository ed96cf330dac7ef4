//! Support for khaosat's own tests; not part of what the library offers. It imports only the core,
//! so the core's own tests can use it too (the TUI's fixture is `tui::testing`).

use jiff::Timestamp;

use crate::core::template::{GradeBand, Localized, Template};
use crate::core::visit::{BranchType, MeetingKind, NewVisit, Visit};

/// Whether a test that needs something of the machine (a FIFO, root to change a file's group,
/// switching to another user) can go on. When it cannot, the test says so and is skipped —
/// unless the environment variable `switch` is set, and then it fails: CI sets the switches
/// (`.ci/run`), so a check that quietly stopped running there would not pass unnoticed.
pub fn require(available: bool, switch: &str, why: &str) -> bool {
    if !available {
        assert!(std::env::var_os(switch).is_none(), "{why}, and {switch} is set: this test must run here");
        eprintln!("skipped: {why} (set {switch}=1 to make this a failure)");
    }
    available
}

/// The meeting most tests start from: Chi bộ số 11 of Đảng bộ phường Mai Dịch, a residential
/// branch, its regular meeting of 5 April 2022, inspected by Lê Thị Tú in round 967-QĐ/QU. Tests
/// that need another fact change it: `NewVisit { round: None, ..sample_facts() }`.
pub fn sample_facts() -> NewVisit {
    NewVisit {
        branch: "Chi bộ số 11".into(),
        committee: "Đảng bộ phường Mai Dịch".into(),
        branch_type: BranchType::KhuDanCu,
        kind: MeetingKind::Regular,
        date: jiff::civil::date(2022, 4, 5),
        inspectors: vec!["Lê Thị Tú".into()],
        round: Some("967-QĐ/QU".into()),
    }
}

/// A new visit of [`sample_facts`], made at the Unix epoch (so its file never changes).
pub fn sample_visit(template: &Template) -> Visit {
    Visit::new(template, sample_facts(), Timestamp::UNIX_EPOCH)
}

/// The moment the TUI tests run at: 5 April 2022, 02:00 UTC, so the screens never change with
/// the clock.
pub fn fixed_now() -> Timestamp {
    Timestamp::constant(1_649_124_000, 0)
}

/// A visit of [`sample_facts`] that two copies changed differently (issue 16): `prep.notice` is
/// "Có" by Lê Thị Tú on one and "Không", with a note, by Trần Văn Bình seven minutes later on
/// the other; `meeting.members.present` is 15 on one and 16 on the other.
pub fn conflicted_visit(template: &Template) -> Visit {
    use crate::core::visit::{Answer, Conflict, ConflictSide, Value};
    let mut visit = Visit::new(template, sample_facts(), fixed_now());
    let later = fixed_now().checked_add(jiff::SignedDuration::from_mins(7)).unwrap_or(fixed_now());
    let side = |by: &str, at, answer: Option<Answer>, value: &str| ConflictSide {
        by: by.into(),
        at,
        answer,
        value: value.into(),
    };
    let yes = Answer { value: Some(Value::Yes), note: String::new() };
    let no = Answer { value: Some(Value::No), note: "Thông báo gửi muộn một ngày".into() };
    visit.conflicts = vec![
        Conflict {
            field: "answers.prep.notice".into(),
            one: side("Lê Thị Tú", fixed_now(), Some(yes), ""),
            two: side("Trần Văn Bình", later, Some(no), ""),
        },
        Conflict {
            field: "meeting.members.present".into(),
            one: side("Lê Thị Tú", fixed_now(), None, "Some(15)"),
            two: side("Trần Văn Bình", later, None, "Some(16)"),
        },
    ];
    visit
}

/// Enter the meeting facts a final visit needs (times and member counts that add up: 20 members,
/// 15 present, 4 absent with a reason, 1 without), for tests about everything else.
pub fn enter_needed_facts(visit: &mut Visit) {
    let m = &mut visit.meeting;
    m.start = crate::core::visit::TimeOfDay::new(19, 30);
    m.end = crate::core::visit::TimeOfDay::new(21, 0);
    let members = &mut m.members;
    (members.total, members.present, members.absent_excused, members.absent_unexcused) =
        (Some(20), Some(15), Some(4), Some(1));
}

/// A text that reads the same in both languages.
pub fn localized(s: &str) -> Localized {
    Localized { vi: s.into(), en: s.into() }
}

/// A grade band `from ≤ points < below` labelled by its id.
pub fn grade_band(id: &str, from: f64, below: Option<f64>) -> GradeBand {
    GradeBand { id: id.into(), label: localized(id), from, below }
}

/// Facts every computed item of the embedded templates passes on: 20 members, 19 present, one
/// absent with a reason, none without; 19:00 to 21:00.
pub fn enter_passing_facts(visit: &mut Visit) {
    let m = &mut visit.meeting;
    m.start = crate::core::visit::TimeOfDay::new(19, 0);
    m.end = crate::core::visit::TimeOfDay::new(21, 0);
    let members = &mut m.members;
    (members.total, members.present, members.absent_excused, members.absent_unexcused) =
        (Some(20), Some(19), Some(1), Some(0));
}

/// Answer every item of `template` that applies to `visit` so that it passes (items without a
/// finding rule: a first answer that fits), in template order so that conditions on earlier
/// answers see them. Text and time items are left alone, and so is an item none of a few
/// plausible answers passes. For tests of scores and summaries: start from a meeting with nothing
/// to find, then spoil what the test is about.
pub fn answer_all_passing(template: &Template, visit: &mut Visit) {
    use crate::core::rules::{ItemStatus, item_status};
    use crate::core::template::Kind;
    use crate::core::visit::{Answer, Value};
    for r in template.items() {
        let item = r.item;
        if item_status(item, visit) == ItemStatus::NotApplicable {
            continue;
        }
        let present = visit.meeting.members.present.unwrap_or(0);
        let options: Vec<String> = item.kind.options().iter().map(|o| o.id.clone()).collect();
        let candidates: Vec<Value> = match &item.kind {
            Kind::YesNo { .. } => vec![Value::Yes, Value::No],
            Kind::Scale => (1..=5).rev().map(Value::Scale).collect(),
            Kind::Count { min, max, .. } => {
                [*min, present.clamp(*min, *max), *max].into_iter().map(Value::Number).collect()
            }
            Kind::CountPair { max, .. } => vec![Value::Pair(1.min(*max), 1.min(*max))],
            Kind::Choice { .. } => options.iter().cloned().map(Value::Choice).collect(),
            Kind::MultiChoice { .. } => vec![Value::Choices(Vec::new()), Value::Choices(options)],
            Kind::Text { .. } | Kind::Time | Kind::Computed(_) => Vec::new(),
        };
        for value in candidates {
            visit.answers.insert(item.id.clone(), Answer { value: Some(value), note: String::new() });
            if matches!(item_status(item, visit), ItemStatus::Pass | ItemStatus::Answered) {
                break;
            }
            visit.answers.remove(&item.id);
        }
    }
}

/// A report with nothing in it, to build test reports from.
pub fn empty_report() -> crate::core::report::Report {
    use crate::core::report::{Appendix, Heading, PageLayout, Report, Signature, Text};
    Report {
        layout: PageLayout::default(),
        heading: Heading { issuer: Vec::new(), number: Vec::new(), party: String::new(), place_date: Vec::new() },
        title: String::new(),
        subject: Vec::new(),
        opening: Vec::new(),
        parts: Vec::new(),
        signature: Signature {
            on_behalf: Text::Given(String::new()),
            role: Text::Given(String::new()),
            name: Text::Given(String::new()),
        },
        recipients_title: String::new(),
        recipients: Vec::new(),
        appendix: Appendix { title: String::new(), notes: Vec::new(), tables: Vec::new() },
    }
}
