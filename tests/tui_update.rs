//! The TUI's pure update, driven by key sequences: no terminal, no disk. Each test builds an `App`
//! with a fixed clock, opens a visit through `Event::Opened` (or creates one through the form),
//! sends keys exactly as crossterm reports them, and checks the state and the effects that come
//! back (a `Save` must carry text that parses back to the same answers).

use std::path::{Path, PathBuf};

use jiff::civil::date;
use khaosat::core::rules::{ItemStatus, computed_value, finding_count, finding_sentence, item_status, problems};
use khaosat::core::template::{Computed, Kind, Template};
use khaosat::core::visit::{Answer, NewVisit, TimeOfDay, Value, Visit, VisitStatus};
use khaosat::store::format::parse_visit;
use khaosat::strings::{Lang, Msg};
use khaosat::testing::{fixed_now, sample_facts};
use khaosat::tui::keymap::KeyMap;
use khaosat::tui::rows::{Fact, answer_text, row_item, section_title};
use khaosat::tui::state::home::FormRow;
use khaosat::tui::state::prompts::Target;
use khaosat::tui::state::session::{SaveState, Session};
use khaosat::tui::state::{App, Effect, Event, Overlay, Screen, current_row, search_results};
use khaosat::tui::testing::tui_app;
use khaosat::tui::update::update;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use unicode_normalization::{UnicodeNormalization, is_nfc};

const PATH: &str = "/tmp/x.ron";

/// 2022-04-05 09:00 in Hà Nội.
fn new_app() -> App {
    tui_app(Lang::Vi)
}

fn new_visit() -> Visit {
    let facts = NewVisit { committee: "Đảng bộ phường Dịch Vọng".into(), ..sample_facts() };
    Visit::new(&Template::embedded(), facts, fixed_now())
}

/// An app with `visit` open at /tmp/x.ron.
fn open(visit: Visit) -> App {
    let mut app = new_app();
    let effects = update(&mut app, Event::Opened { path: PATH.into(), result: Ok(visit) });
    // Opening writes nothing; it only looks for last round's visit of the branch.
    assert!(matches!(effects.as_slice(), [Effect::FindPrevious { .. }]), "opening writes nothing: {effects:?}");
    app
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ch(app: &mut App, c: char) -> Vec<Effect> {
    key(app, KeyCode::Char(c))
}

fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    update(app, Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)))
}

fn shift_tab(app: &mut App) -> Vec<Effect> {
    update(app, Event::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)))
}

/// Type each character as its own key press; every key must be effect-free.
fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let effects = ch(app, c);
        assert!(effects.is_empty(), "typing {c:?} gave {effects:?}");
    }
}

fn times(app: &mut App, n: usize, code: KeyCode) {
    for _ in 0..n {
        key(app, code);
    }
}

fn session(app: &App) -> &Session {
    app.session.as_ref().expect("a visit is open")
}

fn visit(app: &App) -> &Visit {
    &session(app).visit
}

fn template() -> Template {
    Template::embedded()
}

/// (section, row) of the cursor.
fn at(app: &App) -> (usize, usize) {
    let s = session(app);
    (s.section, s.row)
}

/// The id of the item under the cursor (None on a fact row).
fn current_id(app: &App) -> Option<String> {
    let s = session(app);
    let row = current_row(s)?;
    row_item(&s.template, row).map(|i| i.id.clone())
}

/// The (section, row) of an item, in the checklist's numbering (section 0 = facts).
fn position(id: &str) -> (usize, usize) {
    let t = template();
    for (s, section) in t.sections.iter().enumerate() {
        if let Some(row) = section.items.iter().position(|i| i.id == id) {
            return (s + 1, row);
        }
    }
    panic!("no item {id}");
}

/// Put the cursor on an item without going through navigation (for tests about other keys).
fn goto(app: &mut App, id: &str) {
    let (section, row) = position(id);
    let s = app.session.as_mut().expect("a visit is open");
    s.section = section;
    s.row = row;
    assert_eq!(current_id(app).as_deref(), Some(id));
}

fn value(app: &App, id: &str) -> Option<Value> {
    visit(app).value(id).cloned()
}

fn status(app: &App, id: &str) -> ItemStatus {
    let t = template();
    let item = t.item(id).expect("item exists").item;
    item_status(item, visit(app))
}

/// The one `Save` in `effects`: for the open file, and its text parses back (through ron and
/// through the loader, which checks it against the template).
fn saved(effects: &[Effect]) -> Visit {
    let saves: Vec<&String> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Save { path, text } => {
                assert_eq!(path, Path::new(PATH));
                Some(text)
            }
            _ => None,
        })
        .collect();
    assert_eq!(saves.len(), 1, "exactly one save expected: {effects:?}");
    let text = saves[0];
    let raw: Visit = ron::from_str(text).expect("saved text is RON for a visit");
    let loaded = parse_visit(Path::new(PATH), text, &[template()]).expect("saved text loads");
    assert_eq!(raw, loaded, "saved text is already canonical");
    loaded
}

fn msg(m: Msg) -> Option<String> {
    Some(m.get(Lang::Vi).to_string())
}

/// Every required item answered with a value that fits its kind, and no problems left.
fn complete_visit() -> Visit {
    let t = template();
    let mut v = new_visit();
    for r in t.items() {
        let item = r.item;
        if !item.required {
            continue;
        }
        let value = match &item.kind {
            Kind::YesNo { .. } => Value::Yes,
            Kind::Count { min, .. } => Value::Number(*min),
            Kind::CountPair { .. } => Value::Pair(1, 1),
            Kind::Scale => Value::Scale(4),
            Kind::Choice { options } => Value::Choice(options[0].id.clone()),
            Kind::MultiChoice { .. } => Value::Choices(Vec::new()),
            Kind::Text { .. } => Value::Text("Không có".into()),
            Kind::Time => Value::Time(TimeOfDay::new(14, 0).expect("valid time")),
            Kind::Computed(_) => continue,
        };
        v.answers.insert(item.id.clone(), Answer { value: Some(value), note: String::new() });
    }
    khaosat::testing::enter_needed_facts(&mut v);
    assert_eq!(problems(&t, &v), Vec::new(), "the filled visit has no problems");
    v
}

// ------------------------------------------------------------------------------------ opening

#[test]
fn a_new_visit_opens_at_the_first_item_of_preparation() {
    let app = open(new_visit());
    assert_eq!(app.screen, Screen::Checklist);
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(at(&app), (1, 0));
    assert_eq!(section_title(&session(&app).template, 1, Lang::En), "Preparation");
    assert_eq!(current_id(&app).as_deref(), Some("prep.committee_met"));
    assert_eq!(session(&app).save, SaveState::Saved);
}

#[test]
fn a_visit_reopens_at_the_item_last_answered() {
    let mut v = new_visit();
    v.last_item = Some("crit.speakers".into());
    let app = open(v);
    assert_eq!(current_id(&app).as_deref(), Some("crit.speakers"));
}

// ------------------------------------------------------------------------------------ yes / no / n/a

#[test]
fn y_answers_yes_saves_and_moves_to_the_next_item() {
    let mut app = open(new_visit());
    let effects = ch(&mut app, 'y');
    assert_eq!(value(&app, "prep.committee_met"), Some(Value::Yes));
    let on_disk = saved(&effects);
    assert_eq!(on_disk.value("prep.committee_met"), Some(&Value::Yes));
    assert_eq!(on_disk.last_item.as_deref(), Some("prep.committee_met"));
    assert_eq!(on_disk.updated, fixed_now());
    assert_eq!(on_disk.meeting.branch, "Chi bộ số 11");
    assert_eq!(at(&app), (1, 1));
    assert_eq!(current_id(&app).as_deref(), Some("prep.secretary_prepared"));
    assert_eq!(session(&app).save, SaveState::Saving);
    // The saver reports back; the header then says saved (or not).
    update(&mut app, Event::Saved { path: PATH.into(), error: None });
    assert_eq!(session(&app).save, SaveState::Saved);
    update(&mut app, Event::Saved { path: PATH.into(), error: Some("disk full".into()) });
    assert_eq!(session(&app).save, SaveState::Failed("disk full".into()));
}

#[test]
fn the_same_answer_twice_writes_once() {
    let mut app = open(new_visit());
    assert_eq!(saved(&ch(&mut app, 'y')).value("prep.committee_met"), Some(&Value::Yes));
    key(&mut app, KeyCode::Up);
    let effects = ch(&mut app, 'y');
    assert!(effects.is_empty(), "nothing changed, nothing saved: {effects:?}");
    // But it confirms the answer and moves on, as the first time did.
    assert_eq!(current_id(&app).as_deref(), Some("prep.secretary_prepared"));
}

#[test]
fn a_scale_or_count_given_again_moves_on_as_well() {
    let mut app = open(new_visit());
    goto(&mut app, "prep.fits_type");
    ch(&mut app, '4');
    key(&mut app, KeyCode::Up);
    assert!(ch(&mut app, '4').is_empty());
    assert_eq!(current_id(&app).as_deref(), Some("prep.focused"));
}

#[test]
fn n_makes_a_finding() {
    let mut app = open(new_visit());
    let effects = ch(&mut app, 'n');
    assert_eq!(value(&app, "prep.committee_met"), Some(Value::No));
    assert_eq!(status(&app, "prep.committee_met"), ItemStatus::Fail);
    assert_eq!(finding_count(&template(), visit(&app)), 1);
    assert_eq!(saved(&effects).value("prep.committee_met"), Some(&Value::No));
}

#[test]
fn x_is_refused_where_not_applicable_is_not_allowed() {
    let mut app = open(new_visit());
    let effects = ch(&mut app, 'x');
    assert!(effects.is_empty(), "no save on a refused answer: {effects:?}");
    assert_eq!(app.flash, msg(Msg::NaNotAllowed));
    assert_eq!(value(&app, "prep.committee_met"), None);
    assert_eq!(at(&app), (1, 0), "a refused answer does not move on");
    // The flash lasts until the next key.
    key(&mut app, KeyCode::Down);
    assert_eq!(app.flash, None);
}

#[test]
fn x_on_an_item_that_allows_it_is_not_applicable() {
    let mut app = open(new_visit());
    times(&mut app, 4, KeyCode::Char('j'));
    assert_eq!(current_id(&app).as_deref(), Some("prep.documents_ahead"));
    let effects = ch(&mut app, 'x');
    assert_eq!(value(&app, "prep.documents_ahead"), Some(Value::NotApplicable));
    assert_eq!(status(&app, "prep.documents_ahead"), ItemStatus::NotApplicable);
    assert_eq!(saved(&effects).value("prep.documents_ahead"), Some(&Value::NotApplicable));
    assert_eq!(current_id(&app).as_deref(), Some("prep.fits_type"));
}

#[test]
fn y_on_an_item_that_is_not_yes_no_is_refused() {
    let mut app = open(new_visit());
    goto(&mut app, "prep.fits_type");
    let effects = ch(&mut app, 'y');
    assert!(effects.is_empty());
    assert_eq!(app.flash, msg(Msg::NotYesNo));
    assert_eq!(value(&app, "prep.fits_type"), None);
}

#[test]
fn u_undoes_the_last_change_and_saves() {
    let mut app = open(new_visit());
    ch(&mut app, 'y');
    ch(&mut app, 'n');
    assert_eq!(at(&app), (1, 2));
    let effects = ch(&mut app, 'u');
    let on_disk = saved(&effects);
    assert_eq!(on_disk.value("prep.secretary_prepared"), None);
    assert_eq!(on_disk.value("prep.committee_met"), Some(&Value::Yes));
    assert_eq!(value(&app, "prep.secretary_prepared"), None);
    assert_eq!(at(&app), (1, 1), "undo goes back to where the change was made");
    assert_eq!(app.flash, msg(Msg::Undone));
    let effects = ch(&mut app, 'u');
    assert_eq!(saved(&effects).answers.len(), 0);
    assert_eq!(value(&app, "prep.committee_met"), None);
    let effects = ch(&mut app, 'u');
    assert!(effects.is_empty());
    assert_eq!(app.flash, msg(Msg::NothingToUndo));
}

#[test]
fn backspace_clears_the_answer() {
    let mut app = open(new_visit());
    ch(&mut app, 'n');
    key(&mut app, KeyCode::Up);
    let effects = key(&mut app, KeyCode::Backspace);
    assert_eq!(saved(&effects).value("prep.committee_met"), None);
    assert_eq!(value(&app, "prep.committee_met"), None);
}

// ------------------------------------------------------------------------------------ navigation

#[test]
fn j_k_and_arrows_move_within_the_section_and_stop_at_its_ends() {
    let mut app = open(new_visit());
    ch(&mut app, 'j');
    assert_eq!(at(&app), (1, 1));
    key(&mut app, KeyCode::Down);
    assert_eq!(at(&app), (1, 2));
    ch(&mut app, 'k');
    assert_eq!(at(&app), (1, 1));
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Up);
    assert_eq!(at(&app), (1, 0), "Up at the top stays there");
    times(&mut app, 20, KeyCode::Char('j'));
    let last = template().sections[0].items.len() - 1;
    assert_eq!(at(&app), (1, last), "Down at the bottom stays there");
}

#[test]
fn navigation_skips_items_whose_condition_does_not_hold() {
    let mut v = new_visit();
    v.meeting.has_committee = Some(false);
    let mut app = open(v);
    // Tab to the minutes section: it starts at its first item that applies.
    times(&mut app, 4, KeyCode::Tab);
    assert_eq!(template().sections[at(&app).0 - 1].id, "min");
    assert_eq!(current_id(&app).as_deref(), Some("min.taken_live"));
    ch(&mut app, 'k');
    assert_eq!(current_id(&app).as_deref(), Some("min.taken_live"));
    key(&mut app, KeyCode::Up);
    assert_eq!(current_id(&app).as_deref(), Some("min.taken_live"));
    ch(&mut app, 'j');
    assert_eq!(current_id(&app).as_deref(), Some("min.missing_fields"));
    ch(&mut app, 'k');
    assert_eq!(current_id(&app).as_deref(), Some("min.taken_live"));
    assert_eq!(status(&app, "min.committee_minutes"), ItemStatus::NotApplicable);
}

#[test]
fn answering_has_committee_no_on_the_facts_hides_the_committee_minutes() {
    let mut app = open(new_visit());
    // With the fact unknown the item is asked.
    goto(&mut app, "min.taken_live");
    ch(&mut app, 'k');
    assert_eq!(current_id(&app).as_deref(), Some("min.committee_minutes"));
    // Facts: the section before preparation; "has a chi ủy?" is its 8th row.
    for _ in 0..5 {
        shift_tab(&mut app);
    }
    assert_eq!(at(&app), (0, 0));
    times(&mut app, 7, KeyCode::Down);
    assert_eq!(current_row(session(&app)), Some(khaosat::tui::rows::Row::Fact(Fact::HasCommittee)));
    let effects = ch(&mut app, 'n');
    assert_eq!(saved(&effects).meeting.has_committee, Some(false));
    assert_eq!(at(&app), (0, 7), "a fact answer stays on its row");
    times(&mut app, 5, KeyCode::Tab);
    assert_eq!(current_id(&app).as_deref(), Some("min.taken_live"));
    ch(&mut app, 'k');
    assert_eq!(current_id(&app).as_deref(), Some("min.taken_live"));
}

#[test]
fn an_answer_on_the_last_item_of_a_section_stays_there() {
    let mut app = open(new_visit());
    goto(&mut app, "crit.commitments_review");
    ch(&mut app, 'y');
    assert_eq!(current_id(&app).as_deref(), Some("crit.commitments_review"), "the last item of a section stays put");
}

#[test]
fn tab_and_shift_tab_change_section_and_wrap() {
    let mut app = open(new_visit());
    let count = template().sections.len() + 1;
    ch(&mut app, 'j');
    key(&mut app, KeyCode::Tab);
    assert_eq!(at(&app), (2, 0));
    shift_tab(&mut app);
    assert_eq!(at(&app), (1, 0), "a section is entered at its first item");
    shift_tab(&mut app);
    assert_eq!(at(&app), (0, 0), "before preparation come the facts");
    shift_tab(&mut app);
    assert_eq!(at(&app), (count - 1, 0), "and before the facts, the last section");
    key(&mut app, KeyCode::Tab);
    assert_eq!(at(&app), (0, 0), "Tab on the last section wraps to the first");
    times(&mut app, count, KeyCode::Tab);
    assert_eq!(at(&app), (0, 0));
    key(&mut app, KeyCode::Right);
    assert_eq!(at(&app), (1, 0));
    key(&mut app, KeyCode::Left);
    assert_eq!(at(&app), (0, 0));
}

// ------------------------------------------------------------------------------------ numbers

#[test]
fn digits_then_enter_answer_a_count_item() {
    let mut app = open(new_visit());
    times(&mut app, 2, KeyCode::Tab);
    assert_eq!(current_id(&app).as_deref(), Some("note.without_notebook"));
    type_text(&mut app, "129");
    assert_eq!(session(&app).number.as_deref(), Some("129"));
    key(&mut app, KeyCode::Backspace);
    assert_eq!(session(&app).number.as_deref(), Some("12"));
    assert_eq!(value(&app, "note.without_notebook"), None, "nothing is stored before Enter");
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(saved(&effects).value("note.without_notebook"), Some(&Value::Number(12)));
    assert_eq!(session(&app).number, None);
    assert_eq!(status(&app, "note.without_notebook"), ItemStatus::Fail);
    assert_eq!(current_id(&app).as_deref(), Some("note.taking_notes"));
}

#[test]
fn a_count_out_of_its_range_is_refused() {
    let mut app = open(new_visit());
    goto(&mut app, "note.without_notebook");
    type_text(&mut app, "1001");
    let effects = key(&mut app, KeyCode::Enter);
    assert!(effects.is_empty());
    assert!(app.flash.as_deref().is_some_and(|f| f.contains("1001")), "{:?}", app.flash);
    assert_eq!(value(&app, "note.without_notebook"), None);
}

#[test]
fn esc_drops_typed_digits_without_leaving_the_visit() {
    let mut app = open(new_visit());
    goto(&mut app, "note.without_notebook");
    type_text(&mut app, "7");
    let effects = key(&mut app, KeyCode::Esc);
    assert!(effects.is_empty());
    assert_eq!(app.screen, Screen::Checklist);
    assert_eq!(session(&app).number, None);
    assert_eq!(value(&app, "note.without_notebook"), None);
}

#[test]
fn digits_on_a_fact_set_the_member_counts_and_the_rate_is_computed() {
    let mut app = open(new_visit());
    shift_tab(&mut app);
    assert_eq!(at(&app), (0, 0));
    times(&mut app, 10, KeyCode::Char('j'));
    assert_eq!(current_row(session(&app)), Some(khaosat::tui::rows::Row::Fact(Fact::Present)));
    type_text(&mut app, "17");
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(saved(&effects).meeting.members.present, Some(17));
    assert_eq!(at(&app), (0, 10), "a fact stays on its row");
    // Without the total the rate is unknown.
    assert_eq!(status(&app, "att.rate"), ItemStatus::Unanswered);
    times(&mut app, 2, KeyCode::Char('k'));
    assert_eq!(current_row(session(&app)), Some(khaosat::tui::rows::Row::Fact(Fact::Total)));
    type_text(&mut app, "20");
    saved(&key(&mut app, KeyCode::Enter));
    assert_eq!(visit(&app).meeting.members.total, Some(20));
    assert_eq!(computed_value(Computed::AttendanceRate, &visit(&app).meeting), Some(85.0));
    // 85 % is not above 85 %: a finding.
    assert_eq!(status(&app, "att.rate"), ItemStatus::Fail);
    let t = template();
    let rate = t.item("att.rate").expect("att.rate").item;
    assert_eq!(answer_text(rate, visit(&app), Lang::Vi), "85%");
    // One member more is enough.
    times(&mut app, 2, KeyCode::Char('j'));
    type_text(&mut app, "18");
    saved(&key(&mut app, KeyCode::Enter));
    assert_eq!(answer_text(rate, visit(&app), Lang::Vi), "90%");
    assert_eq!(status(&app, "att.rate"), ItemStatus::Pass);
}

#[test]
fn arrows_after_digits_keep_the_number() {
    let mut app = open(new_visit());
    goto(&mut app, "note.without_notebook");
    type_text(&mut app, "3");
    let effects = key(&mut app, KeyCode::Down);
    assert_eq!(saved(&effects).value("note.without_notebook"), Some(&Value::Number(3)));
    assert_eq!(session(&app).number, None);
}

#[test]
fn an_arrow_after_digits_moves_one_row_from_where_they_were_typed() {
    let mut app = open(new_visit());
    goto(&mut app, "crit.speakers");
    type_text(&mut app, "5");
    let effects = key(&mut app, KeyCode::Down);
    assert_eq!(saved(&effects).value("crit.speakers"), Some(&Value::Number(5)));
    assert_eq!(current_id(&app).as_deref(), Some("crit.self_criticism"), "↓ moves one row, not two");
    goto(&mut app, "crit.speakers");
    type_text(&mut app, "6");
    let effects = key(&mut app, KeyCode::Up);
    assert_eq!(saved(&effects).value("crit.speakers"), Some(&Value::Number(6)));
    assert_eq!(current_id(&app).as_deref(), Some("crit.praise_criticism"), "↑ goes up");
}

#[test]
fn leaving_with_digits_typed_keeps_them() {
    let mut app = open(new_visit());
    goto(&mut app, "crit.speakers");
    type_text(&mut app, "8");
    let effects = ch(&mut app, 'q');
    assert_eq!(saved(&effects).value("crit.speakers"), Some(&Value::Number(8)));
    assert_eq!(effects.last(), Some(&Effect::Close(PATH.into())));
    assert_eq!(app.screen, Screen::Home);
}

#[test]
fn j_and_k_after_digits_keep_the_number_on_its_own_row() {
    // Typed digits belong to the row they were typed on: moving away with j (or k, PgDn, Right …)
    // must commit them there, like ↓ does, and never carry them to the next row.
    let mut app = open(new_visit());
    shift_tab(&mut app);
    times(&mut app, 8, KeyCode::Char('j'));
    assert_eq!(current_row(session(&app)), Some(khaosat::tui::rows::Row::Fact(Fact::Total)));
    type_text(&mut app, "20");
    let effects = ch(&mut app, 'j');
    assert_eq!(saved(&effects).meeting.members.total, Some(20));
    assert_eq!(session(&app).number, None, "no digits are left pending on the next row");
    assert_eq!(current_row(session(&app)), Some(khaosat::tui::rows::Row::Fact(Fact::Exempted)));
    key(&mut app, KeyCode::Enter);
    assert_eq!(visit(&app).meeting.members.exempted, None);

    goto(&mut app, "note.without_notebook");
    // Close whatever Enter opened on the exempted row first.
    app.overlay = Overlay::None;
    type_text(&mut app, "4");
    let effects = key(&mut app, KeyCode::Right);
    assert_eq!(saved(&effects).value("note.without_notebook"), Some(&Value::Number(4)));
    assert_eq!(session(&app).number, None);
    assert_eq!(current_id(&app).as_deref(), Some("crit.praise_criticism"));
}

#[test]
fn one_to_five_rate_a_scale_item_and_two_is_a_finding() {
    let mut app = open(new_visit());
    times(&mut app, 5, KeyCode::Char('j'));
    assert_eq!(current_id(&app).as_deref(), Some("prep.fits_type"));
    let effects = ch(&mut app, '4');
    assert_eq!(saved(&effects).value("prep.fits_type"), Some(&Value::Scale(4)));
    assert_eq!(status(&app, "prep.fits_type"), ItemStatus::Pass);
    assert_eq!(current_id(&app).as_deref(), Some("prep.focused"));
    ch(&mut app, 'k');
    let effects = ch(&mut app, '2');
    assert_eq!(saved(&effects).value("prep.fits_type"), Some(&Value::Scale(2)));
    assert_eq!(status(&app, "prep.fits_type"), ItemStatus::Fail);
    ch(&mut app, 'k');
    for c in ['0', '6', '9'] {
        let effects = ch(&mut app, c);
        assert!(effects.is_empty(), "{c} is not a grade");
        assert_eq!(value(&app, "prep.fits_type"), Some(Value::Scale(2)));
    }
}

#[test]
fn a_count_pair_is_typed_in_an_editor() {
    let mut app = open(new_visit());
    goto(&mut app, "theme.on_schedule");
    ch(&mut app, '2');
    assert!(matches!(&app.overlay, Overlay::Editor(e) if e.buffer.text() == "2"));
    type_text(&mut app, "/3");
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(saved(&effects).value("theme.on_schedule"), Some(&Value::Pair(2, 3)));
    assert_eq!(status(&app, "theme.on_schedule"), ItemStatus::Fail);
    // A bad pair keeps the editor open with the reason.
    goto(&mut app, "theme.on_schedule");
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'u');
    type_text(&mut app, "hai");
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    assert!(matches!(&app.overlay, Overlay::Editor(e) if e.error.is_some()));
    assert_eq!(value(&app, "theme.on_schedule"), Some(Value::Pair(2, 3)));
}

// ------------------------------------------------------------------------------------ text, notes

#[test]
fn enter_on_a_text_item_edits_it_and_stores_nfc() {
    let mut app = open(new_visit());
    shift_tab(&mut app);
    shift_tab(&mut app);
    assert_eq!(template().sections[at(&app).0 - 1].id, "overall");
    times(&mut app, 2, KeyCode::Char('j'));
    assert_eq!(current_id(&app).as_deref(), Some("overall.other_limitations"));
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    match &app.overlay {
        Overlay::Editor(e) => {
            assert_eq!(e.target, Target::Answer("overall.other_limitations".into()));
            assert!(e.buffer.multiline);
        }
        other => panic!("expected the editor, got {other:?}"),
    }
    // An input method that sends letters and marks separately: "Chưa ghi đủ" in NFD, typed key by key.
    let first = "Chưa ghi đủ";
    let decomposed: String = first.nfd().collect();
    assert!(decomposed.chars().count() > first.chars().count());
    type_text(&mut app, &decomposed);
    // Hand-typed: o, dot below, circumflex → ộ.
    type_text(&mut app, " n");
    type_text(&mut app, "o\u{323}\u{302}i dung");
    let alt_enter = update(&mut app, Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT)));
    assert!(alt_enter.is_empty(), "Alt-Enter is a new line, not a save");
    assert!(matches!(app.overlay, Overlay::Editor(_)));
    let pasted: String = "Biên bản thiếu chữ ký".nfd().collect();
    update(&mut app, Event::Paste(pasted));
    let effects = key(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlay, Overlay::None));
    let expected = "Chưa ghi đủ nội dung\nBiên bản thiếu chữ ký";
    let on_disk = saved(&effects);
    assert_eq!(on_disk.value("overall.other_limitations"), Some(&Value::Text(expected.into())));
    match value(&app, "overall.other_limitations") {
        Some(Value::Text(t)) => {
            assert!(is_nfc(&t));
            assert_eq!(t, expected);
        }
        other => panic!("expected text, got {other:?}"),
    }
    // Enter again reopens it with the text, cursor at the end.
    key(&mut app, KeyCode::Enter);
    assert!(matches!(&app.overlay, Overlay::Editor(e) if e.buffer.text() == expected));
}

#[test]
fn ctrl_j_is_a_new_line_too_but_not_in_a_single_line_field() {
    let mut app = open(new_visit());
    ch(&mut app, 'e');
    type_text(&mut app, "một");
    ctrl(&mut app, 'j');
    type_text(&mut app, "hai");
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(saved(&effects).answers["prep.committee_met"].note, "một\nhai");
    // The branch name is one line.
    shift_tab(&mut app);
    key(&mut app, KeyCode::Enter);
    assert!(matches!(&app.overlay, Overlay::Editor(e) if e.target == Target::Fact(Fact::Branch)));
    ctrl(&mut app, 'j');
    update(&mut app, Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT)));
    type_text(&mut app, "!");
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(saved(&effects).meeting.branch, "Chi bộ số 11!");
}

#[test]
fn e_writes_a_note_and_esc_cancels_it_after_asking() {
    let mut app = open(new_visit());
    let before = visit(&app).clone();
    assert!(ch(&mut app, 'e').is_empty());
    assert!(matches!(&app.overlay,
        Overlay::Editor(e) if e.target == Target::Note("prep.committee_met".into()) && e.buffer.multiline));
    type_text(&mut app, "bí thư vắng");
    // One stray Esc does not drop what was typed: it asks, and the note is still there.
    assert!(key(&mut app, KeyCode::Esc).is_empty());
    assert!(matches!(&app.overlay, Overlay::Editor(e) if e.buffer.text() == "bí thư vắng" && e.error.is_some()));
    // Typing on takes the question back; then two Esc in a row drop it.
    type_text(&mut app, ".");
    assert!(matches!(&app.overlay, Overlay::Editor(e) if e.error.is_none()));
    key(&mut app, KeyCode::Esc);
    let effects = key(&mut app, KeyCode::Esc);
    assert!(effects.is_empty());
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(visit(&app), &before, "Esc changes nothing");
    assert_eq!(app.screen, Screen::Checklist, "Esc closes the editor, not the visit");

    ch(&mut app, 'e');
    type_text(&mut app, "bí thư vắng");
    let effects = key(&mut app, KeyCode::Enter);
    let on_disk = saved(&effects);
    let answer = &on_disk.answers["prep.committee_met"];
    assert_eq!(answer.note, "bí thư vắng");
    assert_eq!(answer.value, None, "a note alone is not an answer");
    assert_eq!(at(&app), (1, 0), "a note does not move on");
    // An editor whose text did not change closes at the first Esc.
    ch(&mut app, 'e');
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.overlay, Overlay::None));
}

// ------------------------------------------------------------------------------------ choices

#[test]
fn the_picker_ticks_several_choices_and_keeps_template_order() {
    let mut v = new_visit();
    v.meeting.has_committee = Some(false);
    let mut app = open(v);
    times(&mut app, 4, KeyCode::Tab);
    ch(&mut app, 'j');
    assert_eq!(current_id(&app).as_deref(), Some("min.missing_fields"));
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    let t = template();
    let item = t.item("min.missing_fields").expect("item").item;
    let ids: Vec<String> = item.kind.options().iter().map(|o| o.id.clone()).collect();
    match &app.overlay {
        Overlay::Picker(p) => {
            assert!(p.multi);
            assert_eq!(p.cursor, 0);
            assert!(p.chosen.is_empty());
            assert_eq!(p.options.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>(), ids);
            assert_eq!(p.options[0].1, "Thời gian");
        }
        other => panic!("expected the picker, got {other:?}"),
    }
    // Tick "content" first, then "time", then "vote" by its number; tick and untick "place".
    times(&mut app, 3, KeyCode::Down);
    ch(&mut app, ' ');
    times(&mut app, 3, KeyCode::Up);
    ch(&mut app, ' ');
    ch(&mut app, '7');
    ch(&mut app, '2');
    ch(&mut app, '2');
    let effects = key(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlay, Overlay::None));
    let expected = Value::Choices(vec!["time".into(), "content".into(), "vote".into()]);
    assert_eq!(saved(&effects).value("min.missing_fields"), Some(&expected));
    assert_eq!(value(&app, "min.missing_fields"), Some(expected));
    assert_eq!(status(&app, "min.missing_fields"), ItemStatus::Fail);
    let sentence = finding_sentence(item, visit(&app), Lang::Vi).expect("a finding sentence");
    assert!(sentence.contains("Thời gian; Nội dung sinh hoạt; Kết quả biểu quyết"), "{sentence}");
    // Reopening shows what is ticked; Esc leaves it as it was.
    assert_eq!(current_id(&app).as_deref(), Some("min.missing_fields"));
    key(&mut app, KeyCode::Enter);
    assert!(matches!(&app.overlay, Overlay::Picker(p) if p.chosen.len() == 3));
    ch(&mut app, ' ');
    assert!(key(&mut app, KeyCode::Esc).is_empty());
    assert_eq!(
        value(&app, "min.missing_fields"),
        Some(Value::Choices(vec!["time".into(), "content".into(), "vote".into()]))
    );
}

#[test]
fn a_multi_choice_with_nothing_ticked_is_an_answer_without_finding() {
    let mut app = open(new_visit());
    goto(&mut app, "min.missing_fields");
    key(&mut app, KeyCode::Enter);
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(saved(&effects).value("min.missing_fields"), Some(&Value::Choices(Vec::new())));
    assert_eq!(status(&app, "min.missing_fields"), ItemStatus::Pass);
}

#[test]
fn a_single_choice_is_picked_by_its_number() {
    let mut app = open(new_visit());
    goto(&mut app, "overall.grade");
    key(&mut app, KeyCode::Enter);
    let effects = ch(&mut app, '2');
    assert_eq!(saved(&effects).value("overall.grade"), Some(&Value::Choice("kha".into())));
    assert!(matches!(app.overlay, Overlay::None));
}

// ------------------------------------------------------------------------------------ search, next

#[test]
fn search_without_diacritics_finds_the_minutes_items_and_enter_jumps() {
    let mut app = open(new_visit());
    assert!(ch(&mut app, '/').is_empty());
    assert!(matches!(app.overlay, Overlay::Search(_)));
    type_text(&mut app, "bien ban");
    let found = search_results(&app, "bien ban");
    let t = template();
    let expected: Vec<(usize, usize)> = t
        .sections
        .iter()
        .enumerate()
        .flat_map(|(s, sec)| {
            sec.items
                .iter()
                .enumerate()
                .filter(|(_, i)| i.text.vi.to_lowercase().contains("biên bản"))
                .map(move |(r, _)| (s + 1, r))
        })
        .collect();
    assert!(expected.len() >= 2, "the template has several minutes items");
    assert_eq!(found, expected);
    assert_eq!(khaosat::core::text::fold("Biên Bản ĐẢNG"), "bien ban dang");
    key(&mut app, KeyCode::Down);
    let effects = key(&mut app, KeyCode::Enter);
    assert!(effects.is_empty());
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(at(&app), expected[1]);
    let id = current_id(&app).expect("on an item");
    let text = t.item(&id).expect("item").item.text.vi.clone();
    assert!(text.contains("Biên bản") || text.contains("biên bản"), "{text}");
}

#[test]
fn a_search_without_results_stays_open() {
    let mut app = open(new_visit());
    ch(&mut app, '/');
    update(&mut app, Event::Paste("zzzz".into()));
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlay, Overlay::Search(_)));
    assert_eq!(at(&app), (1, 0));
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(app.screen, Screen::Checklist);
}

#[test]
fn space_goes_to_the_next_unanswered_item() {
    let mut v = new_visit();
    for id in ["prep.secretary_prepared", "prep.draft_resolution", "prep.notice"] {
        v.answers.insert(id.into(), Answer { value: Some(Value::Yes), note: String::new() });
    }
    let mut app = open(v);
    ch(&mut app, ' ');
    assert_eq!(current_id(&app).as_deref(), Some("prep.documents_ahead"));
    goto(&mut app, "prep.focused");
    ch(&mut app, ' ');
    // The computed attendance items are not asked.
    assert_eq!(current_id(&app).as_deref(), Some("att.repeat_absence"));
}

#[test]
fn space_from_the_facts_goes_to_the_first_unanswered_item() {
    let mut app = open(new_visit());
    shift_tab(&mut app);
    assert_eq!(at(&app), (0, 0));
    ch(&mut app, ' ');
    assert_eq!(current_id(&app).as_deref(), Some("prep.committee_met"));
}

#[test]
fn space_says_so_when_everything_is_answered() {
    let mut v = complete_visit();
    for r in template().items() {
        if !r.item.kind.is_computed() && v.value(&r.item.id).is_none() {
            v.answers.insert(r.item.id.clone(), Answer { value: Some(Value::Text("x".into())), note: String::new() });
        }
    }
    let mut app = open(v);
    ch(&mut app, ' ');
    assert_eq!(app.flash, msg(Msg::AllAnswered));
    assert_eq!(at(&app), (1, 0));
}

// ------------------------------------------------------------------------------------ final

#[test]
fn f_with_unanswered_items_is_refused_and_lists_the_problems() {
    let mut app = open(new_visit());
    let effects = ch(&mut app, 'f');
    assert!(effects.is_empty());
    assert_eq!(visit(&app).status, VisitStatus::Draft);
    assert!(matches!(app.overlay, Overlay::Problems { selected: 0 }));
    let count = problems(&template(), visit(&app)).len();
    assert!(count > 10);
    assert_eq!(app.flash, Some(Msg::CannotFinal.fill(Lang::Vi, &[&count])));
    // The facts a final visit needs come first; Enter on a problem jumps to its item.
    let needed = khaosat::core::problems::FactField::NEEDED.len();
    times(&mut app, needed + 1, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(current_id(&app).as_deref(), Some("prep.secretary_prepared"));
    // Esc (or p again) only closes the list; any other key closes it and does what it does on the
    // checklist: it is not swallowed.
    ch(&mut app, 'p');
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(app.screen, Screen::Checklist, "Esc closed the list, not the visit");
    ch(&mut app, 'p');
    assert!(matches!(app.overlay, Overlay::Problems { .. }));
    let effects = ch(&mut app, 'y');
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(saved(&effects).value("prep.secretary_prepared"), Some(&Value::Yes), "y answered the item");
    // p then f: the list closes and f tries to mark the visit final (refused, the list again).
    ch(&mut app, 'p');
    ch(&mut app, 'f');
    assert!(matches!(app.overlay, Overlay::Problems { .. }), "f was not swallowed");
    assert!(app.flash.as_deref().is_some_and(|f| f.starts_with("Chưa thể hoàn tất")), "{:?}", app.flash);
}

#[test]
fn esc_on_home_asks_before_quitting() {
    let mut app = new_app();
    update(&mut app, Event::HomeDone { unreadable: 0 });
    assert!(key(&mut app, KeyCode::Esc).is_empty(), "one Esc does not quit");
    assert!(!app.quit);
    assert_eq!(app.flash.as_deref(), Some("Esc lần nữa (hoặc q) để thoát khaosat"));
    key(&mut app, KeyCode::Down);
    assert!(key(&mut app, KeyCode::Esc).is_empty(), "another key in between: asks again");
    assert_eq!(key(&mut app, KeyCode::Esc), vec![Effect::Quit]);
    assert!(app.quit);
}

#[test]
fn a_key_that_does_nothing_on_an_item_says_what_the_item_takes() {
    let mut app = open(new_visit());
    ch(&mut app, '7');
    assert_eq!(app.flash.as_deref(), Some("Phím 7 không dùng ở mục này: mục này cần Có hoặc Không"));
    goto(&mut app, "note.without_notebook");
    ch(&mut app, 'z');
    assert_eq!(app.flash.as_deref(), Some("Phím z không dùng ở mục này: mục này cần một số nguyên từ 0 đến 1000"));
    goto(&mut app, "att.rate");
    ch(&mut app, 'z');
    assert_eq!(app.flash.as_deref(), Some("Phím z không dùng ở đây: mục này tính từ thông tin buổi sinh hoạt"));
    assert!(visit(&app).answers.is_empty(), "nothing was answered");
}

#[test]
fn the_status_line_offers_to_reopen_a_final_visit() {
    let mut app = open(complete_visit());
    ch(&mut app, 'f');
    assert_eq!(visit(&app).status, VisitStatus::Final);
    key(&mut app, KeyCode::Down);
    assert!(screen_text(&app).contains("f mở lại"), "{}", screen_text(&app));
}

#[test]
fn f_marks_a_complete_visit_final_and_then_edits_are_refused() {
    let mut app = open(complete_visit());
    ch(&mut app, 'n');
    ch(&mut app, 'k');
    ch(&mut app, 'y');
    let effects = ch(&mut app, 'f');
    let on_disk = saved(&effects);
    assert_eq!(on_disk.status, VisitStatus::Final);
    assert_eq!(visit(&app).status, VisitStatus::Final);
    let before = visit(&app).clone();
    for code in [KeyCode::Char('y'), KeyCode::Char('n'), KeyCode::Backspace, KeyCode::Char('u')] {
        goto(&mut app, "prep.committee_met");
        let effects = key(&mut app, code);
        assert!(effects.is_empty(), "{code:?} on a final visit: {effects:?}");
        assert_eq!(app.flash, msg(Msg::VisitIsFinal), "{code:?}");
        assert_eq!(visit(&app), &before, "{code:?} changed a final visit");
    }
    assert_eq!(on_disk.finalised.as_ref().map(|f| f.by.as_str()), Some("Lê Thị Tú"));
    // f again asks why it is reopened; an empty reason is refused, a reason is kept.
    assert!(ch(&mut app, 'f').is_empty());
    assert!(matches!(&app.overlay, Overlay::Editor(_)));
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    assert!(matches!(&app.overlay, Overlay::Editor(e) if e.error.is_some()));
    type_text(&mut app, "Sửa số đảng viên có mặt");
    let effects = key(&mut app, KeyCode::Enter);
    let reopened = saved(&effects);
    assert_eq!(reopened.status, VisitStatus::Draft);
    assert_eq!(reopened.reopened.last().map(|r| r.reason.as_str()), Some("Sửa số đảng viên có mặt"));
    let effects = ch(&mut app, 'n');
    assert_eq!(saved(&effects).value("prep.committee_met"), Some(&Value::No));
}

// ------------------------------------------------------------------------------------ help, leaving

#[test]
fn question_mark_opens_help_and_any_key_closes_it() {
    let mut app = open(new_visit());
    assert!(ch(&mut app, '?').is_empty());
    assert!(matches!(app.overlay, Overlay::Help));
    let effects = ch(&mut app, 'n');
    assert!(effects.is_empty());
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(value(&app, "prep.committee_met"), None, "the closing key is not an answer");
    key(&mut app, KeyCode::F(1));
    assert!(matches!(app.overlay, Overlay::Help));
    let effects = ch(&mut app, 'q');
    assert!(effects.is_empty());
    assert_eq!(app.screen, Screen::Checklist);
}

#[test]
fn q_goes_home_with_the_visit_listed_and_q_at_home_quits() {
    let mut app = open(new_visit());
    ch(&mut app, 'n');
    let effects = ch(&mut app, 'q');
    assert_eq!(effects, vec![Effect::Close(PATH.into())], "answers are already saved; only the lock is let go");
    assert_eq!(app.screen, Screen::Home);
    assert!(app.session.is_none());
    let entry = app.home.entries.iter().find(|e| e.path == Path::new(PATH)).expect("the visit is on the home list");
    assert_eq!(entry.branch, "Chi bộ số 11");
    assert_eq!(entry.answered, 1);
    assert_eq!(entry.findings, 1);
    assert_eq!(entry.status, VisitStatus::Draft);
    assert_eq!(app.home.entries[app.home.selected].path, Path::new(PATH));
    // Enter opens it again.
    assert_eq!(key(&mut app, KeyCode::Enter), vec![Effect::Open(PATH.into())]);
    let effects = ch(&mut app, 'q');
    assert_eq!(effects, vec![Effect::Quit]);
    assert!(app.quit);
}

#[test]
fn a_visit_held_by_another_session_is_read_only() {
    let mut app = open(new_visit());
    let effects = update(&mut app, Event::ReadOnly { path: PATH.into(), holder: "tu@may-2".into() });
    assert!(effects.is_empty());
    assert!(session(&app).read_only.as_deref().is_some_and(|why| why.contains("tu@may-2")), "{:?}", app.flash);
    for c in ['y', 'n', 'f', 'u'] {
        assert!(ch(&mut app, c).is_empty(), "{c} writes nothing");
    }
    goto(&mut app, "note.without_notebook");
    type_text(&mut app, "3");
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    assert!(visit(&app).answers.is_empty());
    assert_eq!(visit(&app).status, VisitStatus::Draft);
    assert!(app.flash.as_deref().is_some_and(|f| f.contains("tu@may-2")), "{:?}", app.flash);
}

#[test]
fn a_visit_with_something_odd_at_its_lock_path_is_read_only_and_says_what() {
    use khaosat::store::lock::{OddKind, OddLock};
    let mut app = open(new_visit());
    let odd = OddLock { path: "/d/.a.ron.lock".into(), kind: OddKind::Link };
    assert!(update(&mut app, Event::OddLock { path: PATH.into(), odd }).is_empty());
    let why = session(&app).read_only.clone().unwrap_or_default();
    assert!(why.starts_with("CHỈ XEM: .a.ron.lock là liên kết"), "{why}");
    assert!(ch(&mut app, 'y').is_empty(), "y writes nothing");
    assert!(visit(&app).answers.is_empty());
    assert_eq!(app.flash.as_deref(), Some(why.as_str()), "each refused change says why again");
}

#[test]
fn leaving_with_khaosat_edit_quits() {
    let mut app = open(new_visit());
    app.direct = true;
    assert_eq!(key(&mut app, KeyCode::Esc), vec![Effect::Quit]);
}

#[test]
fn ctrl_c_with_an_editor_open_keeps_the_text_and_quits() {
    let mut app = open(new_visit());
    ch(&mut app, 'e');
    type_text(&mut app, "ghi chú dở");
    let effects = ctrl(&mut app, 'c');
    assert_eq!(effects.last(), Some(&Effect::Quit));
    assert_eq!(saved(&effects).answers["prep.committee_met"].note, "ghi chú dở");
    assert!(app.quit);
}

#[test]
fn a_hang_up_keeps_what_was_being_typed() {
    let mut app = open(new_visit());
    goto(&mut app, "overall.recommendations");
    key(&mut app, KeyCode::Enter);
    type_text(&mut app, "Tăng cường");
    let effects = update(&mut app, Event::HangUp);
    assert_eq!(effects.last(), Some(&Effect::Quit));
    assert_eq!(saved(&effects).value("overall.recommendations"), Some(&Value::Text("Tăng cường".into())));
    assert!(app.quit);

    // Digits typed but not yet entered are kept too.
    let mut app = open(new_visit());
    goto(&mut app, "crit.speakers");
    type_text(&mut app, "5");
    let effects = update(&mut app, Event::HangUp);
    assert_eq!(effects.last(), Some(&Effect::Quit));
    assert_eq!(saved(&effects).value("crit.speakers"), Some(&Value::Number(5)));

    // Nothing pending: just quit.
    let mut app = open(new_visit());
    assert_eq!(update(&mut app, Event::HangUp), vec![Effect::Quit]);
}

// ------------------------------------------------------------------------------------ new visit

#[test]
fn the_new_visit_form_refuses_an_empty_branch_then_creates_the_visit() {
    let mut app = new_app();
    update(&mut app, Event::HomeDone { unreadable: 0 });
    assert!(ch(&mut app, 'a').is_empty());
    assert_eq!(app.screen, Screen::NewVisit);
    let form = app.form.as_ref().expect("the form is open");
    assert_eq!(form.row, 0);
    assert_eq!(form.draft.inspectors, vec!["Lê Thị Tú".to_string()]);

    let effects = ctrl(&mut app, 's');
    assert!(effects.is_empty(), "no file without a branch: {effects:?}");
    let flash = app.flash.clone().expect("says why");
    assert!(flash.contains(Msg::FactBranch.get(Lang::Vi)), "{flash}");
    assert!(app.form.as_ref().is_some_and(|f| f.tried && f.row == 0));

    // Branch: Enter, type, Enter; the form moves on to the next line by itself.
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    assert!(matches!(&app.overlay, Overlay::Editor(e) if e.target == Target::Fact(Fact::Branch)));
    type_text(&mut app, "Chi bộ Trường THCS");
    assert!(key(&mut app, KeyCode::Enter).is_empty(), "the form writes nothing yet");
    assert_eq!(app.form.as_ref().and_then(|f| f.fact()), Some(Fact::Committee));
    // An empty committee is refused in the editor itself.
    key(&mut app, KeyCode::Enter);
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    assert!(matches!(&app.overlay, Overlay::Editor(e) if e.error.is_some()));
    type_text(&mut app, "Đảng bộ xã Tân Lập");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlay, Overlay::None));
    // Has a chi ủy: y on its row, which moves on too (past type, kind, date, rule set, start).
    times(&mut app, 5, KeyCode::Char('j'));
    assert_eq!(app.form.as_ref().and_then(|f| f.fact()), Some(Fact::HasCommittee));
    ch(&mut app, 'y');
    assert_eq!(app.form.as_ref().and_then(|f| f.fact()), Some(Fact::Total));
    // A digit on a count row opens its editor with the digit.
    ch(&mut app, '2');
    assert!(matches!(&app.overlay, Overlay::Editor(e) if e.buffer.text() == "2"));
    ch(&mut app, '5');
    key(&mut app, KeyCode::Enter);

    let effects = ctrl(&mut app, 's');
    let created = match effects.as_slice() {
        [Effect::Create(v)] => (**v).clone(),
        other => panic!("expected one Create, got {other:?}"),
    };
    assert_eq!(created.meeting.branch, "Chi bộ Trường THCS");
    assert_eq!(created.meeting.committee, "Đảng bộ xã Tân Lập");
    assert_eq!(created.meeting.has_committee, Some(true));
    assert_eq!(created.meeting.members.total, Some(25));
    assert_eq!(created.created, fixed_now());
    assert_eq!(created.updated, fixed_now());
    assert_eq!(created.inspectors, vec!["Lê Thị Tú".to_string()]);
    assert_eq!(created.status, VisitStatus::Draft);
    assert!(created.answers.is_empty());

    let path = PathBuf::from("/tmp/2022-04-05_chi-bo-truong-thcs.ron");
    let effects = update(&mut app, Event::Created(Ok((path.clone(), created))));
    assert!(matches!(effects.as_slice(), [Effect::FindPrevious { .. }]), "{effects:?}");
    assert_eq!(app.screen, Screen::Checklist);
    assert!(app.form.is_none());
    assert_eq!(session(&app).path, path);
    assert_eq!(at(&app), (1, 0));
    assert_eq!(current_id(&app).as_deref(), Some("prep.committee_met"));
}

#[test]
fn a_failed_create_keeps_the_form_and_says_why() {
    let mut app = new_app();
    ch(&mut app, 'a');
    update(&mut app, Event::Created(Err("cannot write /tmp".into())));
    assert_eq!(app.screen, Screen::NewVisit);
    assert_eq!(app.flash.as_deref(), Some("cannot write /tmp"));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Home);
    assert!(app.form.is_none());
}

// ------------------------------------------------------------------------------------ input hygiene

#[test]
fn key_releases_are_ignored() {
    let mut app = open(new_visit());
    app.flash = Some("kept".into());
    for code in [KeyCode::Char('y'), KeyCode::Char('q'), KeyCode::Down] {
        let release = KeyEvent::new_with_kind(code, KeyModifiers::NONE, KeyEventKind::Release);
        assert!(update(&mut app, Event::Key(release)).is_empty());
    }
    assert_eq!(value(&app, "prep.committee_met"), None);
    assert_eq!(at(&app), (1, 0));
    assert_eq!(app.screen, Screen::Checklist);
    assert_eq!(app.flash.as_deref(), Some("kept"));
    // A key held down (repeat) counts.
    let repeat = KeyEvent::new_with_kind(KeyCode::Down, KeyModifiers::NONE, KeyEventKind::Repeat);
    update(&mut app, Event::Key(repeat));
    assert_eq!(at(&app), (1, 1));
}

/// The text handed to the saver (what goes to disk), unparsed.
fn saved_text(effects: &[Effect]) -> &str {
    let texts: Vec<&str> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Save { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(texts.len(), 1, "exactly one save expected: {effects:?}");
    texts[0]
}

#[test]
fn decomposed_vietnamese_is_saved_composed() {
    // "bí thư vắng" typed by an input method that sends decomposed (NFD) letters.
    let decomposed = "bi\u{301} thu\u{31b} va\u{306}\u{301}ng";
    let composed = "bí thư vắng";
    let mut app = open(new_visit());
    ch(&mut app, 'e');
    update(&mut app, Event::Paste(decomposed.into()));
    let effects = key(&mut app, KeyCode::Enter);
    let text = saved_text(&effects);
    assert!(text.contains(composed), "the note is not composed (NFC) in what is saved:\n{text}");
    assert!(!text.contains('\u{301}') && !text.contains("\\u{301}"), "a combining accent reached the file:\n{text}");
    // Typed key by key, the same.
    goto(&mut app, "prep.notice");
    ch(&mut app, 'e');
    type_text(&mut app, decomposed);
    let effects = key(&mut app, KeyCode::Enter);
    assert!(saved_text(&effects).contains(&format!("note: \"{composed}\"")), "{}", saved_text(&effects));
}

#[test]
fn pasted_control_characters_are_never_stored() {
    let mut app = open(new_visit());
    ch(&mut app, 'e');
    update(&mut app, Event::Paste("a\u{1b}]0;pwned\u{7}b\r\nc\u{9b}2Jd\u{0}\u{8}e\tf".into()));
    let effects = key(&mut app, KeyCode::Enter);
    let note = saved(&effects).answers["prep.committee_met"].note.clone();
    assert_eq!(note, "a]0;pwnedb\nc2Jde f");
    assert!(note.chars().all(|c| c == '\n' || !c.is_control()), "{note:?}");
    // In a one-line field even the line break goes.
    shift_tab(&mut app);
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'u');
    update(&mut app, Event::Paste("Chi bộ\u{1b}[2J\r\nsố 12\u{7}".into()));
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(saved(&effects).meeting.branch, "Chi bộ[2Jsố 12");
    assert!(!visit(&app).meeting.branch.chars().any(char::is_control));
}

#[test]
fn a_paste_with_no_editor_open_changes_nothing() {
    let mut app = open(new_visit());
    let before = visit(&app).clone();
    assert!(update(&mut app, Event::Paste("yyyy".into())).is_empty());
    assert_eq!(visit(&app), &before);
}

#[test]
fn home_entries_are_listed_newest_first_and_a_bad_open_is_reported() {
    let mut app = new_app();
    let t = template();
    let mut older = new_visit();
    older.meeting.date = date(2022, 4, 4);
    older.meeting.branch = "Chi bộ A".into();
    let newer = new_visit();
    let entries = vec![
        khaosat::tui::state::home::HomeEntry::from_visit("/d/a.ron".into(), &older, &t),
        khaosat::tui::state::home::HomeEntry::from_visit("/d/b.ron".into(), &newer, &t),
    ];
    update(&mut app, Event::HomeEntries(entries));
    assert!(app.home.loading);
    update(&mut app, Event::HomeDone { unreadable: 2 });
    assert!(!app.home.loading);
    assert_eq!(app.home.unreadable, 2);
    let paths: Vec<&Path> = app.home.entries.iter().map(|e| e.path.as_path()).collect();
    assert_eq!(paths, vec![Path::new("/d/b.ron"), Path::new("/d/a.ron")]);
    ch(&mut app, 'j');
    assert_eq!(key(&mut app, KeyCode::Enter), vec![Effect::Open("/d/a.ron".into())]);
    let effects = update(&mut app, Event::Opened { path: "/d/a.ron".into(), result: Err("hỏng".into()) });
    assert!(effects.is_empty());
    assert_eq!(app.screen, Screen::Home);
    assert_eq!(app.flash.as_deref(), Some("hỏng"));
}

// ------------------------------------------------------------------ hardening: conflicts, recovery

#[test]
fn a_conflict_on_disk_asks_and_each_choice_has_its_effect() {
    let mut app = open(new_visit());
    let path = session(&app).path.clone();
    update(&mut app, Event::SaveConflict { path: path.clone() });
    assert!(matches!(app.overlay, Overlay::Conflict));
    // Other keys cannot skip the choice.
    assert!(ch(&mut app, 'y').is_empty());
    assert!(matches!(app.overlay, Overlay::Conflict));
    match ch(&mut app, 'k').as_slice() {
        [Effect::ForceSave { path: p, .. }] => assert_eq!(*p, path),
        other => panic!("keep mine must force the save, got {other:?}"),
    }
    update(&mut app, Event::SaveConflict { path: path.clone() });
    assert_eq!(ch(&mut app, 'r'), vec![Effect::Reload(path.clone())]);
    update(&mut app, Event::SaveConflict { path: path.clone() });
    assert!(matches!(ch(&mut app, 'c').as_slice(), [Effect::SaveCopy { beside, .. }] if *beside == path));
}

#[test]
fn a_failed_save_is_shown_at_once_with_the_recovery_file() {
    let mut app = open(new_visit());
    let path = session(&app).path.clone();
    ch(&mut app, 'y');
    update(
        &mut app,
        Event::SaveFailed { path, error: "No space left on device".into(), recovery: Some("/tmp/x.ron.save".into()) },
    );
    assert!(matches!(session(&app).save, SaveState::Failed(_)));
    let flash = app.flash.clone().unwrap_or_default();
    assert!(flash.contains("No space left on device") && flash.contains("/tmp/x.ron.save"), "{flash}");
}

#[test]
fn a_recovery_file_is_offered_and_restored_or_kept_aside() {
    let mut app = open(new_visit());
    let path = session(&app).path.clone();
    update(&mut app, Event::Recoverable { path: path.clone(), recovery: "/d/x.ron.save".into() });
    assert!(matches!(app.overlay, Overlay::Recover { .. }));
    assert_eq!(ch(&mut app, 'y'), vec![Effect::Restore { recovery: "/d/x.ron.save".into() }]);

    let mut restored = new_visit();
    restored.answers.insert("prep.notice".into(), Answer { value: Some(Value::No), note: "từ bản khôi phục".into() });
    let effects = update(&mut app, Event::Restored(Ok(restored)));
    assert_eq!(value(&app, "prep.notice"), Some(Value::No));
    assert_eq!(saved(&effects).answers["prep.notice"].note, "từ bản khôi phục");

    update(&mut app, Event::Recoverable { path, recovery: "/d/x.ron.save".into() });
    assert_eq!(ch(&mut app, 'n'), vec![Effect::DiscardRecovery("/d/x.ron.save".into())]);
}

#[test]
fn a_read_only_session_never_emits_a_save() {
    let mut app = open(new_visit());
    let path = session(&app).path.clone();
    update(&mut app, Event::ReadOnly { path, holder: "tu@server (tiến trình 42) từ 08:00".into() });
    for c in ['y', 'n', 'x', '4', 'u', 'f'] {
        let effects = ch(&mut app, c);
        assert!(!effects.iter().any(|e| matches!(e, Effect::Save { .. })), "{c}: {effects:?}");
    }
    assert!(app.flash.clone().unwrap_or_default().contains("tu@server"));
}

// ------------------------------------------------------------------ rounds

#[test]
fn in_a_round_home_counts_coverage_and_a_new_visit_starts_from_a_planned_branch() {
    let round = khaosat::store::round::load_round(std::path::Path::new("data/examples/round-967/round.ron"))
        .expect("demo round loads");
    let mut app = new_app();
    app.round = Some(round);
    let templates = vec![Template::embedded()];
    let (files, _) = khaosat::store::find_visit_files(&["data/examples/round-967".into()]);
    let entries: Vec<khaosat::tui::state::home::HomeEntry> = files
        .iter()
        .filter(|p| !p.to_string_lossy().contains("nguyen-sieu"))
        .map(|p| {
            let v = khaosat::store::load_visit(p, &templates).expect("demo visit loads");
            khaosat::tui::state::home::HomeEntry::from_visit(p.clone(), &v, &templates[0])
        })
        .collect();
    update(&mut app, Event::HomeEntries(entries));
    update(&mut app, Event::HomeDone { unreadable: 0 });
    let coverage = app.home.coverage.clone().expect("coverage");
    assert_eq!((coverage.planned(), coverage.visited()), (7, 6));
    let missing: Vec<String> = coverage.missing().map(|b| b.branch.clone()).collect();
    assert_eq!(missing, vec!["Chi bộ THCS - THPT Nguyễn Siêu".to_string()]);

    ch(&mut app, 'a');
    let Overlay::Picker(picker) = &app.overlay else { panic!("expected the planned branches") };
    assert_eq!(picker.options.len(), 2, "the missing branch and 'another branch'");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::NewVisit);
    let draft = &app.form.as_ref().expect("form").draft;
    assert_eq!(draft.meeting.branch, "Chi bộ THCS - THPT Nguyễn Siêu");
    assert_eq!(draft.meeting.committee, "Đảng bộ Trường THPT Nguyễn Siêu");
    assert_eq!(draft.round.as_deref(), Some("967-QĐ/QU"));
}

#[test]
fn last_rounds_answer_is_shown_beside_the_item() {
    let mut app = open(new_visit());
    let mut previous = new_visit();
    previous.meeting.date = jiff::civil::date(2021, 10, 5);
    previous.answers.insert("prep.committee_met".into(), Answer { value: Some(Value::No), note: String::new() });
    let path = session(&app).path.clone();
    update(&mut app, Event::Previous { path, visit: Box::new(previous) });
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).expect("terminal");
    terminal.draw(|f| khaosat::tui::view::draw(f, &app, khaosat::tui::view::Theme { colors: false })).expect("draw");
    let screen = terminal.backend().to_string();
    assert!(screen.contains("Lần trước (05/10/2021): Không"), "{screen}");
}

#[test]
fn one_stray_esc_does_not_drop_a_new_visit_being_typed() {
    let mut app = new_app();
    update(&mut app, Event::HomeDone { unreadable: 0 });
    ch(&mut app, 'a');
    // Nothing typed yet: Esc leaves at once.
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Home);
    ch(&mut app, 'a');
    key(&mut app, KeyCode::Enter);
    type_text(&mut app, "Chi bộ số 3");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::NewVisit, "the first Esc only asks");
    assert!(app.flash.is_some());
    assert_eq!(app.form.as_ref().map(|f| f.draft.meeting.branch.as_str()), Some("Chi bộ số 3"));
    // Any other key cancels the question; then two Esc in a row drop it.
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::NewVisit);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Home);
}

/// The screen drawn at 100×30, as text.
fn screen_text(app: &App) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).expect("terminal");
    terminal.draw(|f| khaosat::tui::view::draw(f, app, khaosat::tui::view::Theme { colors: false })).expect("draw");
    terminal.backend().to_string()
}

#[test]
fn pop_up_keys_are_data_a_config_can_rebind() {
    use khaosat::tui::keymap::Action;
    let mut overrides = std::collections::BTreeMap::new();
    overrides.insert(Action::Confirm, vec!["ctrl-o".to_string()]);
    overrides.insert(Action::KeepMine, vec!["m".to_string()]);
    let (keymap, unknown) = KeyMap::with_overrides(&overrides);
    assert!(unknown.is_empty());
    let mut app = App::new(Lang::En, keymap, vec![Template::embedded()], "Lê Thị Tú".into());
    app.clock = fixed_now;
    update(&mut app, Event::Opened { path: PATH.into(), result: Ok(new_visit()) });
    ch(&mut app, 'e');
    // The status line names the key as it is bound now.
    assert!(screen_text(&app).contains("Ctrl-O save"), "{}", screen_text(&app));
    type_text(&mut app, "hỏi lại?");
    assert!(key(&mut app, KeyCode::Enter).is_empty(), "Enter no longer confirms");
    let effects = ctrl(&mut app, 'o');
    assert_eq!(saved(&effects).answers["prep.committee_met"].note, "hỏi lại?", "? is typed, not help");
    // The save-conflict pop-up offers the rebound key, and takes it.
    update(&mut app, Event::SaveConflict { path: PATH.into() });
    assert!(screen_text(&app).contains("m: keep mine (overwrite)"), "{}", screen_text(&app));
    assert!(ch(&mut app, 'k').is_empty(), "k is no longer bound");
    assert!(matches!(ch(&mut app, 'm').as_slice(), [Effect::ForceSave { .. }]));
}

#[test]
fn help_on_the_new_visit_form_lists_the_form_s_keys() {
    let mut app = new_app();
    update(&mut app, Event::HomeDone { unreadable: 0 });
    ch(&mut app, 'a');
    ch(&mut app, '?');
    assert!(matches!(app.overlay, Overlay::Help));
    let screen = screen_text(&app);
    assert!(screen.contains("Ctrl-S") && screen.contains("Tạo phiếu"), "{screen}");
    assert!(!screen.contains("Đến mục chưa trả lời tiếp theo"), "the checklist's keys are not the form's: {screen}");
}

#[test]
fn the_home_title_counts_the_visits_found_while_they_are_read() {
    let mut app = new_app();
    update(&mut app, Event::HomeFound { files: 3 });
    let t = Template::embedded();
    let entry = khaosat::tui::state::home::HomeEntry::from_visit("/d/a.ron".into(), &new_visit(), &t);
    update(&mut app, Event::HomeEntries(vec![entry]));
    assert!(screen_text(&app).contains("Các buổi khảo sát (1/3) · đang đọc…"), "{}", screen_text(&app));
    update(&mut app, Event::HomeDone { unreadable: 2 });
    assert!(screen_text(&app).contains("Các buổi khảo sát (1) · 2 tệp lỗi"), "{}", screen_text(&app));
}

#[test]
fn a_key_pressed_twice_shows_what_it_answered_and_e_notes_the_item_just_answered() {
    let mut app = open(new_visit());
    // y answers 1/7 and moves on; the status line names both places.
    ch(&mut app, 'y');
    assert_eq!(app.flash.as_deref(), Some("Đã trả lời 1/7: Có · đang ở 2/7 · e: ghi chú mục 1"));
    assert_eq!(session(&app).just_answered, Some((1, 0)));
    // A bounced second y answers 2/7 too: it is said, and the row is marked.
    ch(&mut app, 'y');
    assert_eq!(app.flash.as_deref(), Some("Đã trả lời 2/7: Có · đang ở 3/7 · e: ghi chú mục 2"));
    assert_eq!(session(&app).just_answered, Some((1, 1)));
    // e right after it writes the note of 2/7 (just answered), and the cursor stays at 3/7.
    ch(&mut app, 'e');
    assert!(matches!(&app.overlay, Overlay::Editor(e) if e.target == Target::Note("prep.secretary_prepared".into())));
    type_text(&mut app, "do phó bí thư chuẩn bị");
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(saved(&effects).answers["prep.secretary_prepared"].note, "do phó bí thư chuẩn bị");
    assert_eq!(at(&app), (1, 2));
    // After any other key, e is for the item under the cursor again.
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Up);
    ch(&mut app, 'e');
    assert!(matches!(&app.overlay, Overlay::Editor(e) if e.target == Target::Note("prep.draft_resolution".into())));
}

#[test]
fn a_visit_without_its_times_and_member_counts_cannot_be_final() {
    let mut v = complete_visit();
    v.meeting.start = None;
    v.meeting.members.absent_unexcused = None;
    let mut app = open(v);
    assert!(ch(&mut app, 'f').is_empty(), "refused");
    assert_eq!(visit(&app).status, VisitStatus::Draft);
    use khaosat::core::problems::{FactField, Problem};
    let listed = khaosat::tui::state::current_problems(&app);
    assert_eq!(
        listed,
        vec![
            Problem::MissingFact { fact: FactField::Start },
            Problem::MissingFact { fact: FactField::AbsentUnexcused }
        ]
    );
    // Enter goes to the fact; once it is entered and the counts add up, f marks it final.
    key(&mut app, KeyCode::Enter);
    assert_eq!(session(&app).section, 0, "the facts");
    let mut v = visit(&app).clone();
    v.meeting.start = TimeOfDay::new(19, 30);
    v.meeting.members.absent_unexcused = Some(0);
    let mut app = open(v);
    assert_eq!(
        khaosat::tui::state::current_problems(&app),
        vec![Problem::MembersDoNotAddUp {
            total: 20,
            exempted: 0,
            present: 15,
            exempted_present: 0,
            excused: 4,
            unexcused: 0
        }],
        "15 + 4 + 0 is not 20"
    );
    let mut v = visit(&app).clone();
    v.meeting.members.absent_unexcused = Some(1);
    app = open(v);
    assert_eq!(saved(&ch(&mut app, 'f')).status, VisitStatus::Final);
}

#[test]
fn typing_on_a_form_line_edits_it_and_the_end_time_waits_for_the_last_section() {
    let mut app = new_app();
    update(&mut app, Event::HomeDone { unreadable: 0 });
    ch(&mut app, 'a');
    // Typing on the branch line starts its editor with what was typed.
    type_text(&mut app, "Chi bộ 5");
    assert!(matches!(&app.overlay, Overlay::Editor(e) if e.buffer.text() == "Chi bộ 5"));
    key(&mut app, KeyCode::Enter);
    // The date is filled in with today: typing replaces it, and the format is shown first.
    times(&mut app, 3, KeyCode::Down);
    assert_eq!(app.form.as_ref().and_then(|f| f.fact()), Some(Fact::Date));
    ch(&mut app, '0');
    assert!(matches!(&app.overlay, Overlay::Editor(e) if e.buffer.text() == "0" && e.hint.is_some()));
    type_text(&mut app, "6/04/2022");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.form.as_ref().map(|f| f.draft.meeting.date), Some(date(2022, 4, 6)));
    // The rule-set row comes next (it is not a fact: the template the date chose).
    assert_eq!(app.form.as_ref().map(|f| f.current()), Some(FormRow::Rules));
    key(&mut app, KeyCode::Down);
    // The start time follows; the end time is not asked: the meeting has not ended.
    assert_eq!(app.form.as_ref().and_then(|f| f.fact()), Some(Fact::Start));
    ch(&mut app, '1');
    assert!(matches!(&app.overlay, Overlay::Editor(e) if e.hint.as_deref() == Some("giờ:phút, ví dụ 14:30")));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Down);
    assert_eq!(app.form.as_ref().and_then(|f| f.fact()), Some(Fact::HasCommittee), "no end time line");

    // In the checklist, the last section says the end time is still to be entered.
    let mut app = open(new_visit());
    let sections = template().sections.len();
    times(&mut app, sections - 1, KeyCode::Tab);
    assert_eq!(session(&app).section, sections, "the last section");
    assert!(app.flash.as_deref().is_some_and(|f| f.contains("giờ kết thúc")), "{:?}", app.flash);
}

#[test]
fn limitations_written_in_by_hand_are_marked_as_limitations_and_no_answer_reads_kad() {
    let mut v = new_visit();
    let text = Value::Text("Chưa liên hệ thực tế địa phương".into());
    v.answers.insert("overall.other_limitations".into(), Answer { value: Some(text), note: String::new() });
    v.answers.insert("prep.documents_ahead".into(), Answer { value: Some(Value::NotApplicable), note: String::new() });
    let mut app = open(v);
    goto(&mut app, "overall.other_limitations");
    let screen = khaosat::tui::testing::screen(&app, 100, 30);
    let row = screen.lines().find(|l| l.contains("Chưa liên hệ")).unwrap_or_default();
    assert!(row.contains("▶!"), "{row}");
    goto(&mut app, "prep.documents_ahead");
    let screen = khaosat::tui::testing::screen(&app, 100, 30);
    assert!(screen.contains("– Không áp dụng"), "{screen}");
    assert!(!screen.contains("KAD"), "{screen}");
}

// ------------------------------------------------------------------ rule sets (issue 14)

/// The form's rule-set row: the date decides it, the round's name wins over the date, and the
/// inspector can pick another before the visit exists; the visit is made with that template.
#[test]
fn the_new_visit_form_shows_the_rule_set_and_lets_the_inspector_change_it() {
    let mut app = new_app();
    update(&mut app, Event::HomeDone { unreadable: 0 });
    ch(&mut app, 'a');
    let template_id = |app: &App| app.form.as_ref().map(|f| f.draft.template.id.clone());
    // The clock says 2022-04-05: HD 12 is in force.
    assert_eq!(template_id(&app).as_deref(), Some("hd12-2018"));
    // A date after 28/10/2025 brings HD 42.
    while app.form.as_ref().and_then(|f| f.fact()) != Some(Fact::Date) {
        key(&mut app, KeyCode::Down);
    }
    type_text(&mut app, "05/03/2026");
    key(&mut app, KeyCode::Enter);
    assert_eq!(template_id(&app).as_deref(), Some("hd42-2025"));
    assert_eq!(app.form.as_ref().map(|f| f.current()), Some(FormRow::Rules));
    // Enter on the row: automatic, then each rule set; pick HD 12.
    key(&mut app, KeyCode::Enter);
    let Overlay::Picker(picker) = &app.overlay else { panic!("the rule sets to pick from") };
    let ids: Vec<&str> = picker.options.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, vec!["", "hd12-2018", "hd42-2025"]);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert_eq!(template_id(&app).as_deref(), Some("hd12-2018"), "named wins over the date");
    // Back to automatic (the first choice): the date's again.
    assert_eq!(app.form.as_ref().map(|f| f.current()), Some(FormRow::Fact(Fact::Start)), "picking moves on");
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Enter);
    assert_eq!(template_id(&app).as_deref(), Some("hd42-2025"));
    // A round naming HD 12 wins over the date (settled again by the next change on the form).
    let mut round = khaosat::store::round::load_round(std::path::Path::new("data/examples/round-967/round.ron"))
        .expect("demo round loads");
    round.rules = Some("hd12-2018".into());
    app.round = Some(round);
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    assert_eq!(template_id(&app).as_deref(), Some("hd12-2018"), "the round's rule set");
    assert!(matches!(app.form.as_ref().map(|f| f.rules_reason), Some(khaosat::core::rule_sets::Reason::Round)));
}
