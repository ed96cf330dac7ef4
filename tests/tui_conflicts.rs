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

// ------------------------------------------------------------------ the reconcile screen

use khaosat::core::reconcile::Side;
use khaosat::core::visit::Answer;
use khaosat::tui::state::home::HomeEntry;
use khaosat::tui::state::reconcile::ReconcileScreen;

/// Two records of Chi bộ số 11's meeting: Tú's and Bình's, differing on two items, each with an
/// answer the other lacks, and both with a note on `prep.notice`.
fn two_records() -> (Visit, Visit) {
    let template = Template::embedded();
    let mut a = Visit::new(&template, khaosat::testing::sample_facts(), khaosat::testing::fixed_now());
    let mut b = a.clone();
    b.inspectors = vec!["Trần Văn Bình".into()];
    let set = |v: &mut Visit, id: &str, value: Value, note: &str| {
        v.answers.insert(id.into(), Answer { value: Some(value), note: note.into() });
    };
    set(&mut a, "prep.committee_met", Value::Yes, "");
    set(&mut b, "prep.committee_met", Value::Yes, "");
    set(&mut a, "prep.notice", Value::Yes, "Thông báo miệng");
    set(&mut b, "prep.notice", Value::No, "Không có giấy mời");
    set(&mut a, "att.on_schedule", Value::Yes, "");
    set(&mut b, "att.on_schedule", Value::No, "");
    set(&mut a, "prep.draft_resolution", Value::Yes, "");
    set(&mut b, "crit.praise_criticism", Value::No, "");
    (a, b)
}

fn reconcile_app(lang: Lang) -> App {
    let (a, b) = two_records();
    let mut app = tui_app(lang);
    let screen = ReconcileScreen::new("/d/a.ron".into(), "/d/b.ron".into(), a, b, Template::embedded());
    update(&mut app, Event::PairOpened(Ok(Box::new(screen))));
    app
}

fn screen(app: &App) -> &ReconcileScreen {
    app.reconcile.as_ref().expect("the reconcile screen")
}

#[test]
fn the_screen_opens_on_the_first_difference_and_says_how_many() {
    let app = reconcile_app(Lang::Vi);
    assert_eq!(app.screen, Screen::Reconcile);
    assert_eq!(screen(&app).undecided(), 2);
    let row = &screen(&app).rows[screen(&app).selected];
    assert_eq!(row.key(), "prep.notice");
    assert!(app.flash.clone().unwrap_or_default().starts_with("2 chỗ khác nhau cần chọn"));
}

#[test]
fn each_difference_is_decided_then_enter_writes_the_picks() {
    let mut app = reconcile_app(Lang::Vi);
    // Enter before deciding: refused, with how many are left.
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    assert!(app.flash.clone().unwrap_or_default().starts_with("Còn 2 chỗ khác nhau"));
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(screen(&app).picks.get("prep.notice"), Some(&Side::B));
    assert_eq!(screen(&app).rows[screen(&app).selected].key(), "att.on_schedule", "on to the next one");
    press(&mut app, KeyCode::Char('a'));
    let effects = press(&mut app, KeyCode::Enter);
    match effects.as_slice() {
        [Effect::WritePair { picks, by }] => {
            assert_eq!(picks.side_for("prep.notice"), Some(Side::B));
            assert_eq!(picks.side_for("att.on_schedule"), Some(Side::A));
            assert_eq!(by, "Lê Thị Tú");
        }
        other => panic!("expected the pair written, got {other:?}"),
    }
    app.home.entries = vec![khaosat::tui::state::home::HomeEntry::from_visit(
        "/d/a.ron".into(),
        &two_records().0,
        &Template::embedded(),
    )];
    let effects = update(&mut app, Event::Reconciled(Ok("/d/2022-04-05_chi-bo-so-11-3.ron".into())));
    assert_eq!(effects, vec![Effect::ScanHome, Effect::Open("/d/2022-04-05_chi-bo-so-11-3.ron".into())]);
    assert!(app.home.entries.is_empty() && app.home.loading, "the list is read again: the records leave it");
    assert_eq!(app.screen, Screen::Home);
    assert!(app.flash.clone().unwrap_or_default().contains("khaosat reconcile --undo 2022-04-05_chi-bo-so-11-3.ron"));
}

#[test]
fn esc_leaves_without_writing_and_releases_the_pair() {
    let mut app = reconcile_app(Lang::En);
    let effects = press(&mut app, KeyCode::Esc);
    assert_eq!(effects, vec![Effect::ClosePair]);
    assert_eq!(app.screen, Screen::Home);
    assert!(app.reconcile.is_none());
}

#[test]
fn r_on_the_home_list_opens_the_other_record_of_the_meeting() {
    let (a, b) = two_records();
    let template = Template::embedded();
    let mut app = tui_app(Lang::Vi);
    app.home.loading = false;
    let other = khaosat::testing::sample_visit(&template);
    let mut elsewhere = other.clone();
    elsewhere.meeting.branch = "Chi bộ số 12".into();
    app.home.entries = vec![
        HomeEntry::from_visit("/d/a.ron".into(), &a, &template),
        HomeEntry::from_visit("/d/c.ron".into(), &elsewhere, &template),
        HomeEntry::from_visit("/d/b.ron".into(), &b, &template),
    ];
    let effects = press(&mut app, KeyCode::Char('r'));
    assert_eq!(effects, vec![Effect::OpenPair { a: "/d/a.ron".into(), b: "/d/b.ron".into() }]);
    app.home.selected = 1;
    assert!(press(&mut app, KeyCode::Char('r')).is_empty());
    assert!(app.flash.clone().unwrap_or_default().contains("chỉ có một bản ghi"));
}

#[test]
fn the_reconcile_screen_at_80x24_and_120x40() {
    for (lang, code, must) in [(Lang::Vi, "vi", "khác"), (Lang::En, "en", "differ")] {
        let mut app = reconcile_app(lang);
        app.flash = None;
        for (w, h) in [(80, 24), (120, 40)] {
            let text = khaosat::tui::testing::screen(&app, w, h);
            assert!(text.contains(must) && text.contains("A = a.ron (Lê Thị Tú)"), "{w}x{h} {code}:\n{text}");
            insta::assert_snapshot!(format!("reconcile_{w}x{h}_{code}"), text);
        }
    }
}

#[test]
fn the_summary_screen_says_when_two_records_of_a_meeting_are_counted_once() -> Result<(), Box<dyn std::error::Error>> {
    let (a, b) = two_records();
    let dir = tempfile::tempdir()?;
    khaosat::store::create_visit(dir.path(), &a)?;
    khaosat::store::create_visit(dir.path(), &b)?;
    let templates = Template::embedded_all();
    let mut reader = khaosat::store::read::VisitReader::new(&[dir.path().to_path_buf()], &templates);
    let builder = khaosat::core::summary::SummaryBuilder::new(Lang::Vi, Default::default());
    let merged = khaosat::store::read::summarize(&mut reader, builder, Lang::Vi, |_| {});
    assert_eq!(merged.summary.duplicates.len(), 1);
    let mut app = tui_app(Lang::Vi);
    app.screen = Screen::Summary;
    app.summary.summary = Some(Box::new(merged.summary));
    let text = khaosat::tui::testing::screen(&app, 80, 24);
    assert!(text.contains("⧉ 1 buổi sinh hoạt có hai phiếu chưa đối chiếu"), "{text}");
    Ok(())
}

#[test]
fn a_fact_with_a_conflict_is_resolved_the_same_way() {
    let mut app = open(conflicted_visit(&Template::embedded()));
    let session = app.session.as_mut().expect("a session");
    let facts = khaosat::tui::rows::rows(&session.template, 0);
    let present = facts
        .iter()
        .position(|r| *r == khaosat::tui::rows::Row::Fact(khaosat::tui::rows::Fact::Present))
        .expect("the members present row");
    (session.section, session.row) = (0, present);
    let screen = khaosat::tui::testing::screen(&app, 120, 40);
    assert!(screen.contains("2 giá trị khác nhau") && screen.contains("1 = 15"), "{screen}");
    let visit = saved(&press(&mut app, KeyCode::Char('2')));
    assert_eq!(visit.meeting.members.present, Some(16));
    assert!(visit.conflicts.iter().all(|c| c.field != "meeting.members.present"));
}
