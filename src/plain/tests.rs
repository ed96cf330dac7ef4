//! The plain mode's pure parts: what it asks in a state, and what a typed line does there.

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::command::{Step, interpret};
use super::prompt::{Memory, prompt};
use super::render;
use crate::core::template::Template;
use crate::core::visit::Visit;
use crate::strings::Lang;
use crate::testing::{fixed_now, sample_facts};
use crate::tui::state::{App, Event, Overlay};
use crate::tui::testing::tui_app;
use crate::tui::update::update;

/// The checklist open on a new visit of the embedded template (the 2018 rules).
fn open(lang: Lang) -> App {
    let mut app = tui_app(lang);
    let visit = Visit::new(&Template::embedded(), sample_facts(), fixed_now());
    update(&mut app, Event::Opened { path: PathBuf::from("/v/visit.ron"), result: Ok(visit) });
    app
}

fn steps(app: &App, line: &str) -> Vec<Step> {
    interpret(app, &Memory::default(), line, false)
}

fn char_key(c: char) -> Step {
    Step::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

#[test]
fn the_first_question_says_where_it_is_what_is_left_and_what_it_takes() {
    let app = open(Lang::Vi);
    let lines = prompt(&app, &mut Memory::default());
    assert!(lines[0].starts_with("Phiếu: Chi bộ số 11, Đảng bộ phường Mai Dịch, ngày "), "{lines:?}");
    assert_eq!(lines[1], "Phần 1: Chuẩn bị (0/7 đã trả lời).");
    let question = lines.last().expect("a question");
    assert!(question.starts_with("Chuẩn bị, câu 1 trên 7 (còn 42 câu chưa trả lời). Chi ủy họp trước"), "{question}");
    assert!(question.ends_with("[y có, n không; e ghi chú, ? trợ giúp, b quay lại, g đi tới, q lưu và thoát]"));
    let english = prompt(&open(Lang::En), &mut Memory::default());
    let question = english.last().expect("a question");
    assert!(question.starts_with("Preparation, item 1 of 7 (42 unanswered)."), "{question}");
}

#[test]
fn the_part_is_named_only_when_it_changes() {
    let app = open(Lang::Vi);
    let mut memory = Memory::default();
    assert_eq!(prompt(&app, &mut memory).len(), 3, "the visit, the part, the question");
    assert_eq!(prompt(&app, &mut memory).len(), 1, "the same visit and part are not named again");
}

#[test]
fn answers_are_the_checklists_keys_in_either_language() {
    let app = open(Lang::Vi);
    for (line, key) in [("y", 'y'), ("có", 'y'), ("c", 'y'), ("yes", 'y'), ("n", 'n'), ("không", 'n'), ("x", 'x')] {
        assert_eq!(steps(&app, line), vec![char_key(key)], "{line}");
    }
    assert_eq!(steps(&app, "u"), vec![char_key('u')]);
    assert_eq!(steps(&app, "t"), vec![char_key(' ')], "t is the next unanswered item");
    assert!(matches!(steps(&app, "zzz").as_slice(), [Step::Say(_)]), "a word it does not know is said");
}

#[test]
fn an_empty_line_moves_on_across_parts_and_b_moves_back() {
    let mut app = open(Lang::Vi);
    assert_eq!(steps(&app, ""), vec![Step::GoTo(1, 1)]);
    let session = app.session.as_mut().expect("open");
    session.row = 6;
    assert_eq!(steps(&app, ""), vec![Step::GoTo(2, 0)], "after a part's last item: the next part");
    assert_eq!(steps(&app, "b"), vec![Step::GoTo(1, 5)]);
}

#[test]
fn g_goes_to_a_part_an_item_of_a_part_or_an_id() {
    let app = open(Lang::Vi);
    assert_eq!(steps(&app, "g 2"), vec![Step::GoTo(2, 0)]);
    assert_eq!(steps(&app, "g 5.3"), vec![Step::GoTo(5, 2)]);
    assert_eq!(steps(&app, "g 0.9"), vec![Step::GoTo(0, 8)]);
    assert_eq!(steps(&app, "g prep.notice"), vec![Step::GoTo(1, 3)]);
    assert!(matches!(steps(&app, "g 99").as_slice(), [Step::Say(_)]));
    assert!(matches!(steps(&app, "g").as_slice(), [Step::Say(lines)] if lines.len() > 10));
}

#[test]
fn a_value_on_a_number_row_opens_its_editor_and_is_typed_there() {
    let mut app = open(Lang::Vi);
    let session = app.session.as_mut().expect("open");
    (session.section, session.row) = (0, 8);
    assert_eq!(steps(&app, "25"), vec![Step::Key(KeyEvent::from(KeyCode::Enter)), Step::Again("25".into())]);
    update(&mut app, Event::Key(KeyEvent::from(KeyCode::Enter)));
    assert!(matches!(app.overlay, Overlay::Editor(_)));
    let clear = Step::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    assert_eq!(
        interpret(&app, &Memory::default(), "25", true),
        vec![clear, Step::Text("25".into()), Step::Key(KeyEvent::from(KeyCode::Enter))]
    );
    assert_eq!(steps(&app, ""), vec![Step::Key(KeyEvent::from(KeyCode::Esc))], "an empty line keeps the value");
}

#[test]
fn a_list_is_written_numbered_and_numbers_tick_exactly_what_was_typed() {
    let mut app = open(Lang::Vi);
    let session = app.session.as_mut().expect("open");
    (session.section, session.row) = (5, 2);
    update(&mut app, Event::Key(KeyEvent::from(KeyCode::Enter)));
    let Overlay::Picker(picker) = &mut app.overlay else { panic!("the list is open") };
    picker.chosen = vec![picker.options[0].0.clone()];
    let lines = prompt(&app, &mut Memory::default());
    assert!(lines.contains(&"  1. Thời gian (đang chọn)".to_string()), "{lines:?}");
    assert!(lines.contains(&"  2. Địa điểm".to_string()), "{lines:?}");
    // 1 was ticked: typing 2 3 unticks 1 and ticks 2 and 3.
    let toggle = char_key(' ');
    let expected = vec![
        Step::Select(0),
        toggle.clone(),
        Step::Select(1),
        toggle.clone(),
        Step::Select(2),
        toggle,
        Step::Key(KeyEvent::from(KeyCode::Enter)),
    ];
    assert_eq!(steps(&app, "2 3"), expected);
    assert!(matches!(steps(&app, "12").as_slice(), [Step::Say(_)]), "there is no 12th choice");
}

#[test]
fn what_is_written_never_holds_a_control_character() {
    let text = render(&["Ghi chú \u{1b}[31mđỏ\u{7}".to_string(), "Câu hỏi?".to_string()], false);
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "{text:?}");
    assert_eq!(text.lines().count(), 2);
    assert!(!text.ends_with('\n'), "the question waits on its line");
}

#[test]
fn a_scored_visit_says_the_teams_running_score_with_each_part() {
    let mut app = tui_app(Lang::Vi);
    let hd42 = Template::embedded_all().into_iter().find(|t| t.id == "hd42-2025").expect("the 2025 template");
    let visit = Visit::new(&hd42, sample_facts(), fixed_now());
    update(&mut app, Event::Opened { path: PathBuf::from("/v/hd42.ron"), result: Ok(visit) });
    let lines = prompt(&app, &mut Memory::default());
    assert!(lines[2].starts_with("Điểm đoàn chấm: ") && lines[2].contains("/100, còn "), "{lines:?}");
    let help = match steps(&app, "?").as_slice() {
        [Step::Say(lines)] => lines.join("\n"),
        other => panic!("{other:?}"),
    };
    assert!(help.contains("xếp loại chính thức do cấp ủy cấp trên"), "the score is the team's: {help}");
}
