//! One answer keystroke in the checklist: `update` (which also serialises the visit for the
//! saver) and the draw that follows, on ratatui's `TestBackend` at 120×40, the previous frame
//! already on it (so the diff is the real one).
//!
//! `cargo bench --bench keystroke`

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use jiff::Timestamp;
use khaosat::core::template::Template;
use khaosat::strings::Lang;
use khaosat::tui::keymap::KeyMap;
use khaosat::tui::state::{App, Event};
use khaosat::tui::update::update;
use khaosat::tui::view::{Theme, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[path = "../examples/common/visits.rs"]
mod visits;

fn fixed_now() -> Timestamp {
    Timestamp::constant(1_649_124_000, 0)
}

fn key(app: &mut App, c: char) {
    update(app, Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
}

fn keystroke(c: &mut Criterion) {
    let mut generator = visits::Generator::new(3);
    let (_, _, mut visit) = generator.next_visit();
    // A visit being filled in: the facts are there, the checklist is not.
    visit.answers.clear();
    visit.status = khaosat::core::visit::VisitStatus::Draft;
    visit.last_item = Some("prep.committee_met".into());
    let theme = Theme { colors: true };
    let setup = || {
        let mut app = App::new(Lang::Vi, KeyMap::default(), vec![Template::embedded()], "Lê Thị Tú".into());
        app.clock = fixed_now;
        update(&mut app, Event::Opened { path: "/tmp/bench.ron".into(), result: Ok(visit.clone()) });
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap_or_else(|e| panic!("{e}"));
        let _ = terminal.draw(|f| draw(f, &app, theme));
        (app, terminal)
    };

    let mut group = c.benchmark_group("answer keystroke 120x40");
    group.bench_function("update + draw ('y')", |b| {
        b.iter_batched_ref(
            setup,
            |(app, terminal)| {
                key(app, 'y');
                terminal.draw(|f| draw(f, app, theme)).map(|_| ())
            },
            BatchSize::SmallInput,
        )
    });
    group.bench_function("update only ('y')", |b| {
        b.iter_batched_ref(setup, |(app, _)| key(app, 'y'), BatchSize::SmallInput)
    });
    group.bench_function("draw only (after 'y')", |b| {
        b.iter_batched_ref(
            || {
                let (mut app, terminal) = setup();
                key(&mut app, 'y');
                (app, terminal)
            },
            |(app, terminal)| terminal.draw(|f| draw(f, app, theme)).map(|_| ()),
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(benches, keystroke);
criterion_main!(benches);
