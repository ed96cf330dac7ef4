//! Support for the TUI's tests; not part of what the library offers.

use crate::core::template::Template;
use crate::strings::Lang;
use crate::testing::fixed_now;
use crate::tui::keymap::KeyMap;
use crate::tui::state::App;

/// The TUI as its tests start it: the embedded template, the default keys, Lê Thị Tú as the
/// inspector, the clock stopped at [`fixed_now`].
pub fn tui_app(lang: Lang) -> App {
    let mut app = App::new(lang, KeyMap::default(), vec![Template::embedded()], "Lê Thị Tú".into());
    app.clock = fixed_now;
    app
}
