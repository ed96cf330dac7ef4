//! Issue 17: the follow-up screen's keys and what it draws (80×24 and 120×40, vi and en).

use jiff::civil::date;
use khaosat::core::followup::{Action, Register, Status};
use khaosat::strings::Lang;
use khaosat::tui::state::followup::FollowupScreen;
use khaosat::tui::state::{App, Effect, Event, Overlay, Screen};
use khaosat::tui::testing::tui_app;
use khaosat::tui::update::update;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn action(id: u32, item: &str, branch: &str, finding: &str, due_day: i8) -> Action {
    Action {
        id,
        item: item.into(),
        finding: finding.into(),
        branch: branch.into(),
        committee: "Đảng bộ phường Mai Dịch".into(),
        responsible: "Bí thư chi bộ".into(),
        due: date(2022, 5, due_day),
        status: Status::NotFixed,
        report_back: String::new(),
        reported_on: None,
        checked_by: String::new(),
    }
}

fn app_on_register(lang: Lang) -> App {
    let mut register = Register::new("967-QĐ/QU");
    register.actions = vec![
        action(1, "prep.notice", "Chi bộ số 11", "Chưa thông báo trước nội dung sinh hoạt", 5),
        action(2, "min.taken_live", "Chi bộ Công an phường", "Biên bản không ghi ngay trong buổi sinh hoạt", 30),
        action(3, "prep.notice", "Chi bộ Công an phường", "Chưa thông báo trước nội dung sinh hoạt", 30),
    ];
    let screen = FollowupScreen {
        path: "/d/followup.ron".into(),
        register,
        by_finding: false,
        selected: 0,
        today: date(2022, 5, 20),
    };
    let mut app = tui_app(lang);
    update(&mut app, Event::FollowupOpened(Ok((Box::new(screen), None))));
    app
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn saved_text(effects: &[Effect]) -> String {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::SaveFollowup { text, .. } => Some(text.clone()),
            _ => None,
        })
        .expect("the register saved")
}

#[test]
fn opening_says_how_many_and_how_many_are_overdue() {
    let app = app_on_register(Lang::Vi);
    assert_eq!(app.screen, Screen::Followup);
    assert_eq!(app.flash.as_deref(), Some("3 việc cần khắc phục, 1 quá hạn."));
}

#[test]
fn a_status_picked_is_saved_at_once_and_dated_when_reported() {
    let mut app = app_on_register(Lang::Vi);
    // By branch: Chi bộ Công an phường first (name order), its actions by id.
    assert_eq!(app.followup.as_ref().and_then(|s| s.current()).map(|a| a.id), Some(2));
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlay, Overlay::Picker(_)));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    let text = saved_text(&press(&mut app, KeyCode::Enter));
    assert!(text.contains("status: reported_fixed"), "{text}");
    assert!(text.contains("reported_on: Some(\"2022-05-20\")"), "{text}");
}

#[test]
fn the_report_back_is_typed_and_saved() {
    let mut app = app_on_register(Lang::En);
    press(&mut app, KeyCode::Char('e'));
    for c in "Minutes now taken live".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    let text = saved_text(&press(&mut app, KeyCode::Enter));
    assert!(text.contains("report_back: \"Minutes now taken live\""), "{text}");
}

#[test]
fn tab_lists_by_finding_and_keeps_the_same_action_selected() {
    let mut app = app_on_register(Lang::Vi);
    press(&mut app, KeyCode::Down);
    let before = app.followup.as_ref().and_then(|s| s.current()).map(|a| a.id);
    press(&mut app, KeyCode::Tab);
    let screen = app.followup.as_ref().expect("the screen");
    assert!(screen.by_finding);
    assert_eq!(screen.current().map(|a| a.id), before);
    assert_eq!(screen.order(), vec![1, 3, 2], "prep.notice's two branches, then min.taken_live");
}

#[test]
fn the_screen_at_80x24_and_120x40() {
    for (lang, code, must) in [(Lang::Vi, "vi", "quá hạn"), (Lang::En, "en", "overdue")] {
        let mut app = app_on_register(lang);
        app.flash = None;
        for (w, h) in [(80, 24), (120, 40)] {
            let text = khaosat::tui::testing::screen(&app, w, h);
            assert!(text.contains(must) && text.contains("Chi bộ Công an phường"), "{w}x{h} {code}:\n{text}");
            insta::assert_snapshot!(format!("followup_{w}x{h}_{code}"), text);
        }
    }
}
