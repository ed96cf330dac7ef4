//! Support for the TUI's tests; not part of what the library offers.

use crate::core::template::Template;
use crate::strings::Lang;
use crate::testing::fixed_now;
use crate::tui::keymap::KeyMap;
use crate::tui::state::App;

/// The TUI as its tests start it: the embedded template, the default keys, Lê Thị Tú as the
/// inspector, the clock stopped at [`fixed_now`], times shown in Hà Nội's zone.
pub fn tui_app(lang: Lang) -> App {
    let mut app = App::new(lang, KeyMap::default(), Template::embedded_all(), "Lê Thị Tú".into());
    app.clock = fixed_now;
    // Hà Nội's time, whatever machine runs the tests.
    app.zone = jiff::tz::TimeZone::fixed(jiff::tz::offset(7));
    app
}

/// The screen `app` draws at `width`×`height`, without colours, as text: one line per row.
pub fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height))
        .unwrap_or_else(|e| panic!("a test terminal: {e}"));
    terminal
        .draw(|f| crate::tui::view::draw(f, app, crate::tui::view::Theme { colors: false }))
        .unwrap_or_else(|e| panic!("drawing on a test terminal: {e}"));
    let buffer = terminal.backend().buffer();
    buffer
        .content
        .chunks(buffer.area.width as usize)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}
