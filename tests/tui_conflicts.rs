//! Issue 16: a conflict the merge driver kept in a visit file, resolved in the checklist with one
//! key — `1` or `2` keeps that side — or replaced by a new answer; undo brings it back.

use khaosat::core::template::Template;
use khaosat::core::visit::{Value, Visit};
use khaosat::store::format::parse_visit;
use khaosat::strings::Lang;
use khaosat::testing::conflicted_visit;
use khaosat::tui::state::{App, Effect, Event, Screen, current_row};
use khaosat::tui::testing::tui_app;
use khaosat::tui::update::update;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn open(visit: Visit) -> App {
    let mut app = tui_app(Lang::Vi);
    update(&mut app, Event::Opened { path: "/tmp/conflict.ron".into(), result: Ok(visit) });
    assert_eq!(app.screen, Screen::Checklist);
    app
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn item_here(app: &App) -> Option<String> {
    let session = app.session.as_ref()?;
    let row = current_row(session)?;
    khaosat::tui::rows::row_item(&session.template, row).map(|i| i.id.clone())
}

/// The visit as the save effect writes it, read back as a file.
fn saved(effects: &[Effect]) -> Visit {
    let text = effects
        .iter()
        .find_map(|e| match e {
            Effect::Save { text, .. } => Some(text.clone()),
            _ => None,
        })
        .expect("a save");
    parse_visit(std::path::Path::new("/tmp/conflict.ron"), &text, &Template::embedded_all())
        .unwrap_or_else(|e| panic!("{}", e.display(Lang::En)))
}

#[test]
fn opening_goes_to_the_first_conflict_and_says_how_many() {
    let app = open(conflicted_visit(&Template::embedded()));
    assert_eq!(item_here(&app).as_deref(), Some("prep.notice"));
    let flash = app.flash.clone().unwrap_or_default();
    assert!(flash.contains("2 chỗ hai bản ghi khác nhau"), "{flash}");
}

#[test]
fn two_keeps_the_second_side_with_its_note_and_undo_brings_the_conflict_back() {
    let mut app = open(conflicted_visit(&Template::embedded()));
    let effects = press(&mut app, KeyCode::Char('2'));
    let visit = saved(&effects);
    let answer = visit.answers.get("prep.notice").expect("the kept answer");
    assert_eq!(answer.value, Some(Value::No));
    assert_eq!(answer.note, "Thông báo gửi muộn một ngày");
    assert!(visit.conflicts.iter().all(|c| c.field != "answers.prep.notice"), "{:?}", visit.conflicts);
    assert_eq!(visit.conflicts.len(), 1, "the other conflict still waits");
    assert_eq!(visit.saved_by, "Lê Thị Tú", "the save says who made it");
    let flash = app.flash.clone().unwrap_or_default();
    assert!(flash.starts_with("Đã giữ 2: Không"), "{flash}");

    let effects = press(&mut app, KeyCode::Char('u'));
    let restored = saved(&effects);
    assert_eq!(restored.conflicts.len(), 2);
    assert!(!restored.answers.contains_key("prep.notice"));
}

#[test]
fn one_keeps_the_first_side() {
    let mut app = open(conflicted_visit(&Template::embedded()));
    let visit = saved(&press(&mut app, KeyCode::Char('1')));
    assert_eq!(visit.value("prep.notice"), Some(&Value::Yes));
    assert_eq!(visit.answer("prep.notice").map(|a| a.note.as_str()), Some(""));
}

#[test]
fn a_new_answer_replaces_both_sides() {
    let mut app = open(conflicted_visit(&Template::embedded()));
    let visit = saved(&press(&mut app, KeyCode::Char('n')));
    assert_eq!(visit.value("prep.notice"), Some(&Value::No));
    assert!(visit.conflicts.iter().all(|c| c.item() != Some("prep.notice")));
}

#[test]
fn digits_on_a_row_without_a_conflict_keep_their_meaning() {
    let mut visit = conflicted_visit(&Template::embedded());
    visit.conflicts.clear();
    let mut app = open(visit);
    // On the first preparation item (yes/no), `1` is no answer: nothing is saved.
    assert!(press(&mut app, KeyCode::Char('1')).is_empty());
}
