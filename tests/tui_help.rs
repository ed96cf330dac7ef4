//! Help tells the truth (issue 13, point 4): on each screen, every key the key map binds there is
//! listed in its help with what it does there, and every key listed does something there — it
//! changes the screen, asks for something, or says why it cannot.

use std::path::{Path, PathBuf};

use khaosat::core::summary::{Filters, SummaryBuilder};
use khaosat::core::template::Template;
use khaosat::core::visit::{Answer, Value};
use khaosat::store::read::{VisitReader, summarize, visit_outcomes};
use khaosat::strings::Lang;
use khaosat::tui::keymap::Scope;
use khaosat::tui::state::home::HomeEntry;
use khaosat::tui::state::{App, Event};
use khaosat::tui::testing::{screen, tui_app};
use khaosat::tui::update::update;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn press(app: &mut App, code: KeyCode) {
    update(app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// The home list with three visits, the middle one selected.
fn home(lang: Lang) -> App {
    let mut app = tui_app(lang);
    let t = Template::embedded();
    let entries = ["Chi bộ số 1", "Chi bộ số 2", "Chi bộ số 3"]
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let facts = khaosat::core::visit::NewVisit { branch: (*b).into(), ..khaosat::testing::sample_facts() };
            let v = khaosat::core::visit::Visit::new(&t, facts, khaosat::testing::fixed_now());
            HomeEntry::from_visit(format!("/d/{i}.ron").into(), &v, &t)
        })
        .collect();
    update(&mut app, Event::HomeEntries(entries));
    update(&mut app, Event::HomeDone { unreadable: 0 });
    press(&mut app, KeyCode::Down);
    app
}

/// A visit open at its fourth preparation item, the first four answered.
fn checklist(lang: Lang) -> App {
    let mut app = tui_app(lang);
    let mut v = khaosat::testing::sample_visit(&Template::embedded());
    for id in ["prep.committee_met", "prep.secretary_prepared", "prep.draft_resolution", "prep.notice"] {
        v.answers.insert(id.into(), Answer { value: Some(Value::Yes), note: String::new() });
    }
    v.last_item = Some("prep.notice".into());
    update(&mut app, Event::Opened { path: "/tmp/x.ron".into(), result: Ok(v) });
    app
}

/// The new-visit form on its second line.
fn form(lang: Lang) -> App {
    let mut app = home(lang);
    update(&mut app, Event::Key(KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE)));
    press(&mut app, KeyCode::Down);
    app
}

/// The summary of the demo round, its second finding selected.
fn summary(lang: Lang) -> App {
    let mut app = tui_app(lang);
    update(&mut app, Event::HomeDone { unreadable: 0 });
    update(&mut app, Event::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::NONE)));
    let templates = [Template::embedded()];
    let mut reader = VisitReader::new(&[PathBuf::from(DEMO)], &templates);
    let merged = summarize(&mut reader, SummaryBuilder::new(lang, Filters::default()), lang, |_| {});
    let generation = app.summary.generation;
    update(&mut app, Event::SummaryReady { generation, summary: Box::new(merged.summary) });
    press(&mut app, KeyCode::Down);
    app
}

/// The demo round compared with itself, its second finding selected.
fn compare(lang: Lang) -> App {
    let mut app = summary(lang);
    update(&mut app, Event::Key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::NONE)));
    for c in "/data/dot-truoc".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    let templates = [Template::embedded()];
    let outcomes = visit_outcomes(Path::new(DEMO), &templates, lang, |_| {});
    update(&mut app, Event::CompareReady(Ok(Box::new(khaosat::core::compare::compare(&outcomes, &outcomes)))));
    press(&mut app, KeyCode::Down);
    app
}

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/examples/round-967");

/// What a key can change, as text: two states that differ here differ for the user.
fn state(app: &App) -> String {
    let session = app.session.as_ref().map(|s| (s.section, s.row, &s.visit.answers, s.visit.status));
    let form = app.form.as_ref().map(|f| (f.row, &f.draft.meeting, f.discarding));
    let summary = (app.summary.selected, app.summary.detail, app.summary.pane, &app.summary.filters);
    format!(
        "{:?} {:?} {:?} {} {:?} {:?} {:?} {:?} {:?}",
        app.screen,
        app.overlay,
        app.flash,
        app.quit,
        (app.home.selected, app.home.quitting),
        form,
        session,
        summary,
        app.compare
    )
}

/// A screen's key scope, and how to build the screen in a language.
type Screen = (Scope, fn(Lang) -> App);

const SCREENS: [Screen; 5] = [
    (Scope::Home, home),
    (Scope::Checklist, checklist),
    (Scope::Form, form),
    (Scope::Summary, summary),
    (Scope::Compare, compare),
];

#[test]
fn every_key_bound_on_a_screen_does_something_there() {
    for (scope, build) in SCREENS {
        let keymap = build(Lang::Vi).keymap.clone();
        for (key, action) in keymap.bindings_in(scope) {
            let mut app = build(Lang::Vi);
            let before = state(&app);
            let effects = update(&mut app, Event::Key(key.event()));
            assert!(
                !effects.is_empty() || state(&app) != before,
                "{scope:?}: {} ({action:?}) does nothing",
                key.label()
            );
        }
    }
}

#[test]
fn every_key_bound_on_a_screen_is_in_its_help_with_what_it_does_there() {
    for lang in [Lang::Vi, Lang::En] {
        for (scope, build) in SCREENS {
            let mut app = build(lang);
            assert_eq!(app.scope(), scope);
            update(&mut app, Event::Key(KeyEvent::new(KeyCode::F(1), KeyModifiers::NONE)));
            // Wide and tall enough that nothing in the help wraps or scrolls.
            let help = screen(&app, 200, 60);
            for (key, action) in app.keymap.bindings_in(scope) {
                let line = help
                    .lines()
                    .find(|l| l.contains(&format!(" {} ", app.keymap.keys_for(scope, action))))
                    .unwrap_or_else(|| panic!("{scope:?} {lang:?}: {} is not in the help:\n{help}", key.label()));
                let words = action.description_in(scope).get(lang);
                assert!(line.contains(words), "{scope:?} {lang:?}: {} listed without {words:?}: {line}", key.label());
            }
        }
    }
}
