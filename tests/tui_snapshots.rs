//! What each screen looks like: the app is brought into a state through `update` (as a user would
//! get there), drawn on ratatui's `TestBackend` at 80×24 and 120×40 in Vietnamese and English,
//! and compared with the snapshots in tests/snapshots/ (insta). Colours are off, so only text and
//! layout are compared. A last test draws hostile text and checks that no terminal control ever
//! reaches the screen.

use jiff::civil::date;
use khaosat::core::template::Template;
use khaosat::core::visit::{Answer, NewVisit, Value, Visit, VisitStatus};
use khaosat::strings::Lang;
use khaosat::testing::{conflicted_visit, fixed_now, sample_facts};
use khaosat::tui::state::home::HomeEntry;
use khaosat::tui::state::{App, Event, Overlay, Screen};
use khaosat::tui::testing::tui_app;
use khaosat::tui::update::update;
use khaosat::tui::view::{Theme, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
/// The screens a small terminal must still serve (help, the form) are drawn at 60×20 too.
const SMALL_TOO: [(u16, u16); 3] = [(60, 20), (80, 24), (120, 40)];
const LANGS: [(Lang, &str); 2] = [(Lang::Vi, "vi"), (Lang::En, "en")];

/// 2022-04-05 09:00 in Hà Nội.
fn new_app(lang: Lang) -> App {
    tui_app(lang)
}

fn new_visit(branch: &str) -> Visit {
    let facts =
        NewVisit { branch: branch.into(), committee: "Đảng bộ phường Dịch Vọng".into(), ..sample_facts() };
    Visit::new(&Template::embedded(), facts, fixed_now())
}

fn open(lang: Lang, visit: Visit) -> App {
    let mut app = new_app(lang);
    update(&mut app, Event::Opened { path: "/tmp/x.ron".into(), result: Ok(visit) });
    assert_eq!(app.screen, Screen::Checklist);
    app
}

fn key(app: &mut App, code: KeyCode) {
    update(app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal.draw(|f| draw(f, app, Theme { colors: false })).expect("draw");
    terminal
}

/// Everything on the screen as one string, row by row.
fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let width = buffer.area.width as usize;
    buffer
        .content
        .chunks(width)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Draw `build(lang)` at every size and compare with `{screen}_{w}x{h}_{lang}`; each rendering
/// must also contain `must_show(lang)`.
fn snapshot_all(screen: &str, build: impl Fn(Lang) -> App, must_show: impl Fn(Lang) -> &'static str) {
    snapshot_at(&SIZES, screen, build, must_show);
}

fn snapshot_at(
    sizes: &[(u16, u16)],
    screen: &str,
    build: impl Fn(Lang) -> App,
    must_show: impl Fn(Lang) -> &'static str,
) {
    for (lang, code) in LANGS {
        let app = build(lang);
        for &(w, h) in sizes {
            let terminal = render(&app, w, h);
            let text = screen_text(&terminal);
            let expected = must_show(lang);
            assert!(text.contains(expected), "{screen} {w}x{h} {code}: no {expected:?} in\n{text}");
            insta::assert_snapshot!(format!("{screen}_{w}x{h}_{code}"), terminal.backend());
        }
    }
}

fn vi_en(lang: Lang, vi: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

// ------------------------------------------------------------------------------------ states

fn home_empty(lang: Lang) -> App {
    let mut app = new_app(lang);
    app.home.loading = false;
    app
}

fn home_entries(lang: Lang) -> App {
    let t = Template::embedded();
    let mut app = new_app(lang);
    let mut a = new_visit("Chi bộ Đội Cảnh sát giao thông – trật tự");
    a.meeting.committee = "Đảng bộ Công an quận Cầu Giấy".into();
    a.meeting.date = date(2022, 4, 4);
    a.answers.insert("prep.committee_met".into(), answer(Value::No));
    a.answers.insert("prep.notice".into(), answer(Value::Yes));
    let mut b = new_visit("Chi bộ số 11");
    b.meeting.date = date(2022, 4, 6);
    let mut c = new_visit("Chi bộ Trường THCS & THPT Nguyễn Siêu");
    c.meeting.committee = "Đảng bộ phường Yên Hòa".into();
    c.meeting.date = date(2022, 4, 21);
    c.status = VisitStatus::Final;
    for r in t.items() {
        if !r.item.kind.is_computed() {
            c.answers.insert(r.item.id.clone(), answer(Value::Yes));
        }
    }
    let entries = vec![
        HomeEntry::from_visit("/d/a.ron".into(), &a, &t),
        HomeEntry::from_visit("/d/b.ron".into(), &b, &t),
        HomeEntry::from_visit("/d/c.ron".into(), &c, &t),
    ];
    update(&mut app, Event::HomeEntries(entries));
    update(&mut app, Event::HomeDone { unreadable: 1 });
    key(&mut app, KeyCode::Down);
    app
}

fn answer(value: Value) -> Answer {
    Answer { value: Some(value), note: String::new() }
}

fn new_visit_form(lang: Lang) -> App {
    let mut app = home_empty(lang);
    keys(&mut app, "a");
    let form = app.form.as_mut().expect("the form is open");
    // Today comes from the clock in the local time zone; fix it for the snapshot.
    form.draft.meeting.date = date(2022, 4, 5);
    // Type a branch, then try to create without a committee.
    key(&mut app, KeyCode::Enter);
    update(&mut app, Event::Paste("Chi bộ khu dân cư số 3".into()));
    key(&mut app, KeyCode::Enter);
    update(&mut app, Event::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
    app
}

/// Preparation with answers: yes, a finding (no), a note, a scale.
fn checklist_prep(lang: Lang) -> App {
    let mut app = open(lang, new_visit("Chi bộ số 11"));
    keys(&mut app, "ynk");
    keys(&mut app, "e");
    update(&mut app, Event::Paste("Báo cáo do văn phòng soạn,\nbí thư chỉ ký.".into()));
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "jjjx4");
    // Back to the finding with its note; the saver has reported.
    keys(&mut app, "kkkkk");
    update(&mut app, Event::Saved { path: "/tmp/x.ron".into(), error: None });
    app
}

/// Issue 14: an HD 42 visit on the item that shows the guidance for the branch's type, with the
/// running score under the sections.
fn checklist_hd42(lang: Lang) -> App {
    let hd42 = Template::embedded_all().into_iter().find(|t| t.id == "hd42-2025").expect("hd42 embedded");
    let facts = NewVisit { date: date(2026, 3, 5), ..sample_facts() };
    let mut visit = Visit::new(&hd42, facts, fixed_now());
    for (id, value) in
        [("prep.committee_met", Value::Yes), ("prep.notice", Value::Yes), ("prep.draft_prepared", Value::No)]
    {
        visit.answers.insert(id.into(), answer(value));
    }
    let mut app = open(lang, visit);
    for _ in 0..12 {
        let on = app.session.as_ref().and_then(|s| khaosat::tui::state::current_row(s).zip(Some(&s.template)));
        let id = on.and_then(|(row, t)| khaosat::tui::rows::row_item(t, row)).map(|i| i.id.clone());
        if id.as_deref() == Some("prep.fits_type") {
            break;
        }
        keys(&mut app, "j");
    }
    update(&mut app, Event::Saved { path: "/tmp/x.ron".into(), error: None });
    app
}

fn checklist_conflict(lang: Lang) -> App {
    let mut visit = new_visit("Chi bộ số 11");
    visit.answers.insert("prep.committee_met".into(), answer(Value::Yes));
    visit.conflicts = conflicted_visit(&Template::embedded()).conflicts;
    let mut app = open(lang, visit);
    update(&mut app, Event::Saved { path: "/tmp/x.ron".into(), error: None });
    app
}

fn checklist_facts(lang: Lang) -> App {
    let mut v = new_visit("Chi bộ số 11");
    v.meeting.members.total = Some(20);
    v.meeting.members.present = Some(17);
    v.meeting.members.absent_excused = Some(2);
    v.meeting.members.absent_unexcused = Some(1);
    v.meeting.has_committee = Some(false);
    v.meeting.chair = "Nguyễn Văn Thắng".into();
    let mut app = open(lang, v);
    key(&mut app, KeyCode::BackTab);
    keys(&mut app, "jjjjjjjjjj");
    keys(&mut app, "1");
    app
}

fn help(lang: Lang) -> App {
    let mut app = open(lang, new_visit("Chi bộ số 11"));
    keys(&mut app, "?");
    assert!(matches!(app.overlay, Overlay::Help));
    app
}

fn problems(lang: Lang) -> App {
    let mut v = new_visit("Chi bộ số 11");
    v.meeting.members.total = Some(10);
    v.meeting.members.present = Some(9);
    v.meeting.members.absent_excused = Some(3);
    let mut app = open(lang, v);
    keys(&mut app, "yyf");
    assert!(matches!(app.overlay, Overlay::Problems { .. }));
    app
}

fn editor(lang: Lang) -> App {
    let mut app = open(lang, new_visit("Chi bộ số 11"));
    key(&mut app, KeyCode::BackTab);
    key(&mut app, KeyCode::BackTab);
    keys(&mut app, "jj");
    key(&mut app, KeyCode::Enter);
    update(
        &mut app,
        Event::Paste(
            "Đảng viên phát biểu còn ít, chủ yếu là chi ủy viên; chưa có ý kiến phê bình.\n\
             Biên bản chưa ghi rõ người phát biểu và kết quả biểu quyết"
                .into(),
        ),
    );
    assert!(matches!(app.overlay, Overlay::Editor(_)));
    app
}

fn picker(lang: Lang) -> App {
    let mut v = new_visit("Chi bộ số 11");
    v.meeting.has_committee = Some(false);
    let mut app = open(lang, v);
    for _ in 0..4 {
        key(&mut app, KeyCode::Tab);
    }
    keys(&mut app, "j");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "27");
    key(&mut app, KeyCode::Down);
    assert!(matches!(app.overlay, Overlay::Picker(_)));
    app
}

// ------------------------------------------------------------------------------------ snapshots

#[test]
fn home_empty_screen() {
    snapshot_all("home_empty", home_empty, |l| {
        vi_en(l, "Chưa có phiếu khảo sát nào", "No visits in the data folder yet")
    });
}

#[test]
fn home_with_three_visits() {
    snapshot_all("home_entries", home_entries, |l| vi_en(l, "1 tệp lỗi", "1 unreadable file(s)"));
}

#[test]
fn new_visit_form_screen() {
    snapshot_at(&SMALL_TOO, "new_visit_form", new_visit_form, |l| vi_en(l, "bắt buộc", "required"));
}

#[test]
fn checklist_at_preparation() {
    snapshot_all("checklist_prep", checklist_prep, |l| vi_en(l, "! Hạn chế: ", "! Finding: "));
}

#[test]
fn checklist_hd42_shows_the_branch_type_guidance_and_the_running_score() {
    snapshot_all("checklist_hd42", checklist_hd42, |lang| vi_en(lang, "7/100 · còn 30 mục", "7/100 · 30 to go"));
}

#[test]
fn checklist_shows_a_conflict_on_its_item_with_both_sides() {
    snapshot_all("checklist_conflict", checklist_conflict, |l| {
        vi_en(l, "2 câu trả lời khác nhau", "2 different answers")
    });
}

#[test]
fn checklist_on_the_meeting_facts() {
    snapshot_all("checklist_facts", checklist_facts, |_| "05/04/2022 ");
}

#[test]
fn help_overlay() {
    snapshot_at(&SMALL_TOO, "help", help, |l| vi_en(l, "Các phím trên màn hình này", "Keys on this screen"));
}

#[test]
fn problems_overlay() {
    snapshot_all("problems", problems, |l| vi_en(l, "Vấn đề cần sửa", "Problems to fix"));
}

#[test]
fn editor_overlay_with_vietnamese_text() {
    snapshot_all("editor", editor, |_| "kết quả biểu quyết");
}

#[test]
fn picker_overlay() {
    snapshot_all("picker", picker, |l| vi_en(l, "[x] Địa điểm", "[x] Place"));
}

// ------------------------------------------------------------------------------------ hostile text

/// Characters that must never reach the terminal: C0/C1 controls, DEL, bidi and zero-width marks.
fn is_dangerous(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}')
}

#[test]
fn hostile_text_is_shown_as_markers_and_never_sent_to_the_terminal() {
    let hostile = "Chi bộ \u{1b}]0;pwned\u{7} \u{202E}evil\u{200B}x";
    let mut v = new_visit("placeholder");
    // As if a hand-edited file got past the loader: the raw text reaches the view.
    v.meeting.branch = hostile.into();
    v.answers.insert(
        "prep.committee_met".into(),
        Answer { value: Some(Value::No), note: format!("ghi chú {hostile}\n\u{1b}[2Jdòng hai") },
    );
    let template = Template::embedded();
    for lang in [Lang::Vi, Lang::En] {
        // The checklist (header, item list, detail with the note), the home list and the editor.
        let mut app = open(lang, v.clone());
        let mut screens = vec![("checklist", render(&app, 80, 24)), ("checklist wide", render(&app, 120, 40))];
        key(&mut app, KeyCode::Char('e'));
        assert!(matches!(app.overlay, Overlay::Editor(_)));
        screens.push(("note editor", render(&app, 80, 24)));
        key(&mut app, KeyCode::Esc);
        let mut home = new_app(lang);
        update(&mut home, Event::HomeEntries(vec![HomeEntry::from_visit("/d/h.ron".into(), &v, &template)]));
        update(&mut home, Event::HomeDone { unreadable: 0 });
        screens.push(("home", render(&home, 120, 40)));
        for (name, terminal) in &screens {
            let buffer = terminal.backend().buffer();
            for cell in &buffer.content {
                assert!(!cell.symbol().chars().any(is_dangerous), "{name}: {:?} reached the terminal", cell.symbol());
            }
            let text = screen_text(terminal);
            assert!(text.contains("^[]0;pwned^G"), "{name}: no ^[ marker in\n{text}");
            assert!(text.contains("<U+202E>"), "{name}: no bidi marker in\n{text}");
        }
        if lang == Lang::Vi {
            insta::assert_snapshot!("hostile_checklist_80x24_vi", screens[0].1.backend());
            insta::assert_snapshot!("hostile_editor_80x24_vi", screens[2].1.backend());
        }
        // The editor holds the cleaned note (controls dropped), the marks still made visible.
        let editor_text = screen_text(&screens[2].1);
        assert!(editor_text.contains("<U+200B>"), "{editor_text}");
        let checklist = screen_text(&screens[1].1);
        assert!(checklist.contains("<U+200B>x"), "{checklist}");
        // The note, in the detail panel: its own escape shown, its line break as ⏎.
        assert!(checklist.contains("⏎ ^[[2Jdòng hai"), "{checklist}");
    }
}
