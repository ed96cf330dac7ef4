//! The checklist's way out of problems that the cursor cannot reach by moving (an answer kept on
//! an item that does not apply: moving skips such items), and member counts that disagree: marked
//! on the facts they concern, with a row for exempted members who attended. Driven by keys
//! through `update`, and drawn on a `TestBackend`.

use std::path::Path;

use khaosat::core::problems::{Problem, Unmet, example_answer};
use khaosat::core::rules::{applies, computed_value, problems};
use khaosat::core::template::Computed;
use khaosat::core::template::Template;
use khaosat::core::visit::{Answer, NewVisit, Value, Visit, VisitStatus};
use khaosat::store::format::parse_visit;
use khaosat::strings::Lang;
use khaosat::testing::{fixed_now, sample_facts};
use khaosat::tui::keymap::KeyMap;
use khaosat::tui::rows::{Fact, Row, row_item};
use khaosat::tui::state::session::Session;
use khaosat::tui::state::{App, Effect, Event, Overlay, current_problems, current_row};
use khaosat::tui::testing::tui_app;
use khaosat::tui::update::update;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const PATH: &str = "/tmp/x.ron";

/// 2022-04-05 09:00 in Hà Nội.
fn new_visit() -> Visit {
    let facts = NewVisit { committee: "Đảng bộ phường Dịch Vọng".into(), round: None, ..sample_facts() };
    Visit::new(&Template::embedded(), facts, fixed_now())
}

/// A branch without a chi ủy whose committee minutes were answered "No" before that was known.
fn visit_with_ignored_answer() -> Visit {
    let mut v = new_visit();
    v.meeting.has_committee = Some(false);
    v.answers.insert("min.committee_minutes".into(), Answer { value: Some(Value::No), note: String::new() });
    v
}

fn open(lang: Lang, visit: Visit) -> App {
    let mut app = tui_app(lang);
    update(&mut app, Event::Opened { path: PATH.into(), result: Ok(visit) });
    app
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn session(app: &App) -> &Session {
    app.session.as_ref().expect("a visit is open")
}

fn current_id(app: &App) -> Option<String> {
    let s = session(app);
    current_row(s).and_then(|row| row_item(&s.template, row)).map(|i| i.id.clone())
}

/// The visit a single `Save` effect writes, as the loader reads it back.
fn saved(effects: &[Effect]) -> Visit {
    let texts: Vec<&String> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Save { text, .. } => Some(text),
            _ => None,
        })
        .collect();
    assert_eq!(texts.len(), 1, "one save expected: {effects:?}");
    parse_visit(Path::new(PATH), texts[0], &[Template::embedded()]).expect("saved text loads")
}

fn ignored() -> Problem {
    Problem::AnswerIgnored { item: "min.committee_minutes".into(), because: Unmet::HasCommittee(false) }
}

/// From the problems list to the ignored answer, which is then cleared.
fn go_to_ignored_answer(app: &mut App) {
    key(app, KeyCode::Char('p'));
    let index = current_problems(app).iter().position(|p| *p == ignored()).expect("listed");
    for _ in 0..index {
        key(app, KeyCode::Down);
    }
    key(app, KeyCode::Enter);
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(current_id(app).as_deref(), Some("min.committee_minutes"), "the cursor is on the item");
}

#[test]
fn the_problems_list_leads_to_an_ignored_answer_and_backspace_clears_it() {
    let mut app = open(Lang::Vi, visit_with_ignored_answer());
    assert!(current_problems(&app).contains(&ignored()));
    go_to_ignored_answer(&mut app);

    // An item that does not apply takes no new answer: the key says why instead.
    for code in [KeyCode::Char('y'), KeyCode::Char('n'), KeyCode::Char('x'), KeyCode::Char('3')] {
        let effects = key(&mut app, code);
        assert!(effects.is_empty(), "{code:?}: {effects:?}");
        assert_eq!(session(&app).visit.value("min.committee_minutes"), Some(&Value::No), "{code:?}");
        let flash = app.flash.clone().unwrap_or_default();
        assert!(flash.contains("Mục này không áp dụng (chi bộ không có chi ủy)"), "{code:?}: {flash}");
        assert!(flash.contains("Backspace"), "{flash}");
    }
    assert_eq!(current_id(&app).as_deref(), Some("min.committee_minutes"), "refused keys do not move on");

    let effects = key(&mut app, KeyCode::Backspace);
    let written = saved(&effects);
    assert_eq!(written.value("min.committee_minutes"), None);
    assert!(!problems(&Template::embedded(), &written).contains(&ignored()));
    assert!(!current_problems(&app).contains(&ignored()));

    // A note may still be written there: Enter on a yes/no item is its note.
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlay, Overlay::Editor(_)), "{:?}", app.overlay);
}

#[test]
fn marking_final_is_refused_while_an_answer_is_ignored() {
    // Everything that applies is answered: the ignored answer is the only problem.
    let template = Template::embedded();
    let mut visit = visit_with_ignored_answer();
    khaosat::testing::enter_needed_facts(&mut visit);
    let asked: Vec<_> = template.items().filter(|r| r.item.required && applies(r.item, &visit)).collect();
    for r in asked {
        if let Some(value) = example_answer(&r.item.kind) {
            visit.answers.insert(r.item.id.clone(), Answer { value: Some(value), note: String::new() });
        }
    }
    assert_eq!(problems(&template, &visit), vec![ignored()]);
    let mut app = open(Lang::En, visit);
    let effects = key(&mut app, KeyCode::Char('f'));
    assert!(effects.is_empty(), "{effects:?}");
    assert!(matches!(app.overlay, Overlay::Problems { .. }));
    key(&mut app, KeyCode::Esc);

    go_to_ignored_answer(&mut app);
    key(&mut app, KeyCode::Delete);
    let final_visit = saved(&key(&mut app, KeyCode::Char('f')));
    assert_eq!(final_visit.status, VisitStatus::Final);
}

fn screen(app: &App, width: u16, height: u16) -> String {
    khaosat::tui::testing::screen(app, width, height)
}

#[test]
fn an_ignored_answer_is_marked_and_explained_where_it_is() {
    for (lang, words, keys) in [
        (
            Lang::En,
            "! This answer is ignored: the item does not apply (the branch has no chi ủy)",
            "Backspace/Delete clears",
        ),
        (Lang::Vi, "! Câu trả lời này bị bỏ qua: mục không áp dụng (chi bộ không có chi ủy)", "Backspace/Delete xóa"),
    ] {
        let mut app = open(lang, visit_with_ignored_answer());
        go_to_ignored_answer(&mut app);
        let text = screen(&app, 120, 40);
        let row = text.lines().find(|l| l.contains("▶!")).unwrap_or_else(|| panic!("no ▶! row:\n{text}"));
        assert!(row.contains(if lang == Lang::En { "No" } else { "Không" }), "{row}");
        assert!(text.contains(words), "{text}");
        assert!(text.contains(keys), "{text}");
        assert!(!text.contains("y Yes · n No"), "no keys to answer it are offered:\n{text}");
    }
}

fn fact_row(app: &App) -> Option<Fact> {
    match current_row(session(app)) {
        Some(Row::Fact(fact)) => Some(fact),
        _ => None,
    }
}

/// Put the cursor on a fact row.
fn goto_fact(app: &mut App, fact: Fact) {
    let s = app.session.as_mut().expect("a visit is open");
    s.section = 0;
    s.row = Fact::ALL.iter().position(|f| *f == fact).expect("a fact row");
}

fn type_count(app: &mut App, digits: &str) -> Vec<Effect> {
    for c in digits.chars() {
        assert!(key(app, KeyCode::Char(c)).is_empty());
    }
    key(app, KeyCode::Enter)
}

#[test]
fn exempted_members_present_are_typed_on_their_own_fact_row() {
    let mut visit = new_visit();
    let m = &mut visit.meeting.members;
    (m.total, m.exempted, m.present) = (Some(40), Some(4), Some(40));
    let mut app = open(Lang::Vi, visit);
    assert_eq!(computed_value(Computed::AttendanceRate, &session(&app).visit.meeting), None, "40 of 36: no rate");
    let present_at = Fact::ALL.iter().position(|f| *f == Fact::Present).expect("present");
    assert_eq!(Fact::ALL.get(present_at + 1), Some(&Fact::ExemptedPresent), "right under members present");

    // The problem leads to the count most likely wrong, which is marked there.
    key(&mut app, KeyCode::Char('p'));
    let listed = current_problems(&app);
    let too_many = Problem::PresentExceedsExpected { present: 40, exempted_present: 0, total: 40, exempted: 4 };
    assert_eq!(listed.first(), Some(&too_many));
    assert!(listed[1..].iter().all(Problem::is_missing), "{listed:?}");
    key(&mut app, KeyCode::Enter);
    assert_eq!(fact_row(&app), Some(Fact::Present));
    let text = screen(&app, 120, 40);
    assert!(
        text.contains("! Số đảng viên phải dự có mặt (40 có mặt − 0 thuộc diện miễn = 40)"),
        "said on the row:\n{text}"
    );
    for label in ["Tổng số đảng viên", "Số được miễn sinh hoạt", "Số có mặt  "] {
        let row = text.lines().find(|l| l.contains(label)).unwrap_or_else(|| panic!("no {label} row:\n{text}"));
        assert!(row.contains("! "), "{label} is marked:\n{row}");
    }
    let exempted_present = text.lines().find(|l| l.contains("Số có mặt thuộc diện miễn sinh hoạt")).unwrap_or_default();
    assert!(exempted_present.contains("! "), "{exempted_present}");

    goto_fact(&mut app, Fact::ExemptedPresent);
    let written = saved(&type_count(&mut app, "4"));
    assert_eq!(written.meeting.members.exempted_present, Some(4));
    assert_eq!(computed_value(Computed::AttendanceRate, &written.meeting), Some(100.0));
    assert!(current_problems(&app).iter().all(Problem::is_missing), "{:?}", current_problems(&app));
    let text = screen(&app, 120, 40);
    assert!(!text.lines().any(|l| l.contains("Tổng số đảng viên") && l.contains("! ")), "{text}");

    // Backspace clears it, like any count.
    let cleared = saved(&key(&mut app, KeyCode::Backspace));
    assert_eq!(cleared.meeting.members.exempted_present, None);
}

#[test]
fn the_new_visit_form_asks_for_exempted_members_present_too() {
    let mut app = App::new(Lang::En, KeyMap::default(), vec![Template::embedded()], "Lê Thị Tú".into());
    app.clock = fixed_now;
    update(&mut app, Event::HomeDone { unreadable: 0 });
    key(&mut app, KeyCode::Char('a'));
    let text = screen(&app, 120, 40);
    assert!(text.contains("Of those present: exempted"), "{text}");
}

/// What the inspector sees at 80×24: an ignored answer reached from the problems list, and member
/// counts that disagree, on the facts they concern.
#[test]
fn snapshots_of_an_ignored_answer_and_of_counts_that_disagree() {
    for (lang, code) in [(Lang::Vi, "vi"), (Lang::En, "en")] {
        let mut app = open(lang, visit_with_ignored_answer());
        go_to_ignored_answer(&mut app);
        insta::assert_snapshot!(format!("ignored_answer_80x24_{code}"), screen(&app, 80, 24));

        let mut visit = new_visit();
        let m = &mut visit.meeting.members;
        (m.total, m.exempted, m.present) = (Some(40), Some(4), Some(40));
        let mut app = open(lang, visit);
        key(&mut app, KeyCode::Char('p'));
        key(&mut app, KeyCode::Enter);
        insta::assert_snapshot!(format!("counts_disagree_80x24_{code}"), screen(&app, 80, 24));
    }
}
