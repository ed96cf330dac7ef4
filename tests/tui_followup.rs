//! Issue 17: the follow-up screen's keys and what it draws (80×24 and 120×40, vi and en).

use jiff::civil::date;
use khaosat::core::compare::{BranchRef, Comparison, FindingChange};
use khaosat::core::followup::{Action, Register, Status};
use khaosat::store::followup_next::NextRound;
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
        next: None,
        confirm_all: false,
        findings: Default::default(),
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

fn branch(name: &str) -> BranchRef {
    BranchRef { branch: name.into(), committee: "Đảng bộ phường Mai Dịch".into(), previously: None }
}

fn finding(id: &str, fixed: Vec<BranchRef>, persisting: Vec<BranchRef>) -> FindingChange {
    FindingChange {
        id: id.into(),
        text: String::new(),
        fixed,
        persisting,
        new: Vec::new(),
        not_assessed: Vec::new(),
        criterion_changed: Vec::new(),
        not_comparable: Vec::new(),
        replaces: Vec::new(),
    }
}

/// The register checked against a next round in which Chi bộ số 11 fixed prep.notice (action 1,
/// open: now passes), Công an fixed min.taken_live (action 2, open: now passes) and still fails
/// prep.notice although it reported it fixed (action 3: fails again).
fn app_with_next_round(lang: Lang) -> App {
    let mut app = app_on_register(lang);
    let screen = app.followup.as_mut().expect("the screen");
    screen.register.actions[2].status = Status::ReportedFixed;
    let comparison = Comparison {
        old_visits: 2,
        new_visits: 2,
        findings: vec![
            finding("prep.notice", vec![branch("Chi bộ số 11")], vec![branch("Chi bộ Công an phường")]),
            finding("min.taken_live", vec![branch("Chi bộ Công an phường")], Vec::new()),
        ],
        branches: Vec::new(),
        old_only: Vec::new(),
        new_only: Vec::new(),
    };
    screen.next = Some(NextRound { dir: "/d2".into(), name: "12-QĐ/QU (round-2)".into(), comparison });
    app.flash = None;
    app
}

fn status_of(app: &App, id: u32) -> Status {
    app.followup.as_ref().and_then(|s| s.register.get(id)).map(|a| a.status).expect("the action")
}

#[test]
fn a_records_the_selected_actions_suggestion_and_saves_it() {
    let mut app = app_with_next_round(Lang::En);
    // By branch: Công an's actions 2 (now passes) then 3 (fails again).
    let text = saved_text(&press(&mut app, KeyCode::Char('a')));
    assert!(text.contains("status: checked_passed"), "{text}");
    assert_eq!(status_of(&app, 2), Status::CheckedPassed);
    press(&mut app, KeyCode::Down);
    saved_text(&press(&mut app, KeyCode::Char('a')));
    assert_eq!(status_of(&app, 3), Status::CheckedFailed);
    // Recorded: nothing is offered for them any more, and `a` says so without saving.
    assert!(press(&mut app, KeyCode::Char('a')).is_empty());
    assert_eq!(app.flash.as_deref(), Some("The next round offers nothing for this action."));
    assert_eq!(status_of(&app, 1), Status::NotFixed, "only the selected ones changed");
}

#[test]
fn capital_a_asks_first_and_records_all_on_y_only() {
    let mut app = app_with_next_round(Lang::Vi);
    assert!(press(&mut app, KeyCode::Char('A')).is_empty());
    assert_eq!(app.flash.as_deref(), Some("Ghi cả 3 đề nghị của đợt sau? y: ghi · phím khác: thôi"));
    assert!(press(&mut app, KeyCode::Char('n')).is_empty(), "any other key cancels");
    assert_eq!(status_of(&app, 1), Status::NotFixed);
    press(&mut app, KeyCode::Char('A'));
    let text = saved_text(&press(&mut app, KeyCode::Char('y')));
    assert_eq!(text.matches("checked_passed").count(), 2, "{text}");
    assert_eq!(text.matches("checked_failed").count(), 1, "{text}");
    assert_eq!(
        [status_of(&app, 1), status_of(&app, 2), status_of(&app, 3)],
        [Status::CheckedPassed, Status::CheckedPassed, Status::CheckedFailed]
    );
    assert!(press(&mut app, KeyCode::Char('A')).is_empty());
    assert_eq!(app.flash.as_deref(), Some("Không có đề nghị nào từ đợt sau để ghi."));
}

#[test]
fn without_a_next_round_the_header_says_so_and_a_offers_nothing() {
    let mut app = app_on_register(Lang::En);
    app.flash = None;
    let text = khaosat::tui::testing::screen(&app, 120, 40);
    assert!(text.contains("No next round found"), "{text}");
    assert!(press(&mut app, KeyCode::Char('a')).is_empty());
}

#[test]
fn leaving_the_screen_releases_the_registers_lock() {
    let mut app = app_on_register(Lang::En);
    let effects = press(&mut app, KeyCode::Esc);
    assert!(effects.iter().any(|e| matches!(e, Effect::CloseFollowup)), "{effects:?}");
    let effects = update(&mut app, Event::FollowupOpened(Err("held".into())));
    assert!(effects.iter().any(|e| matches!(e, Effect::CloseFollowup)), "a failed open releases it too");
}

#[test]
fn the_flags_in_words_at_80x24_and_120x40() {
    for (lang, code, words) in [
        (Lang::Vi, "vi", ["Đối chiếu đợt sau: 12-QĐ/QU (round-2) — 3", "[chưa đạt lại]", "[nay đạt]"]),
        (Lang::En, "en", ["Checked against the next round: 12-QĐ/QU (round-2) — 3", "[fails again]", "[now passes]"]),
    ] {
        let mut app = app_with_next_round(lang);
        press(&mut app, KeyCode::Down);
        app.flash = None;
        for (w, h) in [(80, 24), (120, 40)] {
            let text = khaosat::tui::testing::screen(&app, w, h);
            for word in words {
                assert!(text.contains(word), "{w}x{h} {code} lacks {word}:\n{text}");
            }
            insta::assert_snapshot!(format!("followup_next_{w}x{h}_{code}"), text);
        }
    }
}

#[test]
fn the_finding_reads_in_the_screens_language_when_a_template_gives_it() {
    let templates = khaosat::core::template::Template::embedded_all();
    let rule = templates.iter().find_map(|t| t.item("prep.notice")).and_then(|r| r.item.finding.clone());
    let text = rule.expect("prep.notice has a finding").text;
    let mut app = app_on_register(Lang::En);
    let screen = app.followup.as_mut().expect("the screen");
    screen.register.actions[0].finding = text.vi.clone();
    screen.findings = khaosat::core::followup::findings_in(&templates, &screen.register, Lang::En);
    app.flash = None;
    let drawn = khaosat::tui::testing::screen(&app, 160, 40);
    let start = |t: &str| t.chars().take(40).collect::<String>();
    assert!(drawn.contains(&format!("Chi bộ số 11 — {}", start(&text.en))), "{drawn}");
    assert!(!drawn.contains(&start(&text.vi)), "{drawn}");
}
