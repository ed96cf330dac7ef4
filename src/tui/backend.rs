//! A ratatui backend that writes fewer bytes per frame than `CrosstermBackend`.
//!
//! Over SSH on a slow link every byte of a frame is felt. ratatui gives the backend only the cells
//! that changed; how they are put on the screen is up to the backend. This one:
//! - moves within a row with a column-only move (`CSI n G`), and between changed cells a few
//!   columns apart rewrites the unchanged cells in between (it keeps a copy of the screen) when
//!   that is shorter than a move;
//! - sets colours and attributes with one short SGR sequence (`CSI 1;36m`, not `CSI 1m CSI
//!   38;5;6;49m`), and resets them once at the end of a frame, only if it changed them;
//! - erases runs of blank cells with `CSI n X` (erase characters) instead of writing spaces;
//! - writes hide/show cursor only when the cursor's visibility changes.
//!
//! What reaches the screen is the same as with `CrosstermBackend`: the tests feed the bytes to a
//! terminal emulator and compare every cell with ratatui's buffer.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// Runs of at least this many blank cells are erased with `CSI n X` plus a move, not spaces.
const ERASE_MIN: usize = 10;

/// Where the backend learns the screen size.
#[derive(Debug, Clone, Copy)]
pub enum ScreenSize {
    /// Ask the terminal (the program).
    Terminal,
    /// A fixed size (tests).
    Fixed(Size),
}

/// Colours and attributes as the terminal's pen has them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

impl Pen {
    const PLAIN: Pen = Pen { fg: Color::Reset, bg: Color::Reset, modifier: Modifier::empty() };

    fn of(cell: &Cell) -> Pen {
        Pen { fg: cell.fg, bg: cell.bg, modifier: cell.modifier }
    }

    /// Writing `cell` with this pen shows what the cell's own style would: the same style, or a
    /// blank that only its background and the attributes that mark blanks can tell apart (the
    /// padding after a line of italic text need not switch italics off and on again).
    fn draws(self, cell: &Cell) -> bool {
        const SHOWN_ON_BLANK: Modifier = Modifier::REVERSED.union(Modifier::UNDERLINED).union(Modifier::CROSSED_OUT);
        Pen::of(cell) == self
            || (cell.symbol() == " "
                && cell.bg == self.bg
                && !(cell.modifier | self.modifier).intersects(SHOWN_ON_BLANK))
    }
}

pub struct LeanBackend<W: Write> {
    out: W,
    size: ScreenSize,
    /// What the screen shows, as far as this backend wrote it; None when unknown.
    screen: Option<Buffer>,
    /// Where the terminal's cursor is; None when unknown (after a write in the last column).
    cursor: Option<Position>,
    pen: Pen,
    cursor_visible: Option<bool>,
}

impl<W: Write> LeanBackend<W> {
    pub fn new(out: W, size: ScreenSize) -> LeanBackend<W> {
        LeanBackend { out, size, screen: None, cursor: None, pen: Pen::PLAIN, cursor_visible: None }
    }

    #[cfg(test)]
    fn writer(&self) -> &W {
        &self.out
    }

    /// The screen size changes (as when the terminal window is resized).
    #[cfg(test)]
    fn set_fixed_size(&mut self, size: Size) {
        self.size = ScreenSize::Fixed(size);
    }

    fn move_to(&mut self, x: u16, y: u16) -> io::Result<()> {
        match self.cursor {
            Some(c) if c.x == x && c.y == y => return Ok(()),
            Some(c) if c.y == y && c.x < x => {
                let column_move = format!("\x1b[{}G", x + 1);
                if let Some(gap) = self.unchanged_between(c.x, x, y, column_move.len()) {
                    self.out.write_all(gap.as_bytes())?;
                } else {
                    self.out.write_all(column_move.as_bytes())?;
                }
            }
            _ => write!(self.out, "\x1b[{};{}H", y + 1, x + 1)?,
        }
        self.cursor = Some(Position { x, y });
        Ok(())
    }

    /// The cells from `from` up to `to` on row `y` as the screen already shows them, when writing
    /// them again with the current pen is shorter than `budget` bytes and changes nothing.
    fn unchanged_between(&self, from: u16, to: u16, y: u16, budget: usize) -> Option<String> {
        let screen = self.screen.as_ref()?;
        let mut text = String::new();
        for x in from..to {
            let cell = screen.cell(Position { x, y })?;
            let symbol = cell.symbol();
            if !self.pen.draws(cell) || symbol.width() != 1 || text.len() + symbol.len() > budget {
                return None;
            }
            text.push_str(symbol);
        }
        Some(text)
    }

    fn set_pen(&mut self, pen: Pen) -> io::Result<()> {
        if pen == self.pen {
            return Ok(());
        }
        let mut params: Vec<String> = Vec::new();
        let removed = self.pen.modifier - pen.modifier;
        let (from_fg, from_bg, added) = if removed.is_empty() {
            (self.pen.fg, self.pen.bg, pen.modifier - self.pen.modifier)
        } else {
            // Attributes are switched off one by one differently by each terminal: start over.
            params.push("0".into());
            (Color::Reset, Color::Reset, pen.modifier)
        };
        params.extend(modifier_codes(added).iter().map(u8::to_string));
        if pen.fg != from_fg {
            params.push(color_code(pen.fg, false));
        }
        if pen.bg != from_bg {
            params.push(color_code(pen.bg, true));
        }
        if !params.is_empty() {
            write!(self.out, "\x1b[{}m", params.join(";"))?;
        }
        self.pen = pen;
        Ok(())
    }

    /// Blank cells from `cells[i]` on, in one row, in a plain style: how many can be erased.
    fn blank_run(cells: &[(u16, u16, &Cell)], i: usize) -> usize {
        let (x0, y0, first) = cells[i];
        let plain_blank = |cell: &Cell| cell.symbol() == " " && cell.modifier.is_empty() && cell.bg == Color::Reset;
        if !plain_blank(first) {
            return 0;
        }
        cells[i..]
            .iter()
            .enumerate()
            .take_while(|(k, (x, y, cell))| *y == y0 && usize::from(*x) == usize::from(x0) + k && plain_blank(cell))
            .count()
    }

    fn remember(&mut self, x: u16, y: u16, cell: &Cell) {
        if let Some(slot) = self.screen.as_mut().and_then(|s| s.cell_mut(Position { x, y })) {
            *slot = cell.clone();
        }
    }
}

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let cells: Vec<(u16, u16, &Cell)> = content.collect();
        let width = self.size()?.width;
        let mut i = 0;
        while i < cells.len() {
            let (x, y, cell) = cells[i];
            self.move_to(x, y)?;
            let run = Self::blank_run(&cells, i);
            if run >= ERASE_MIN {
                self.set_pen(Pen { fg: cell.fg, ..Pen::PLAIN })?;
                write!(self.out, "\x1b[{run}X")?;
                for &(x, y, cell) in &cells[i..i + run] {
                    self.remember(x, y, cell);
                }
                i += run;
                continue;
            }
            if !self.pen.draws(cell) {
                self.set_pen(Pen::of(cell))?;
            }
            let symbol = cell.symbol();
            self.out.write_all(symbol.as_bytes())?;
            self.remember(x, y, cell);
            let next = x.saturating_add(symbol.width() as u16);
            // After the last column the cursor waits to wrap: where it is depends on the terminal.
            self.cursor = (next < width).then_some(Position { x: next, y });
            i += 1;
        }
        self.set_pen(Pen::PLAIN)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible != Some(false) {
            self.out.write_all(b"\x1b[?25l")?;
            self.cursor_visible = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible != Some(true) {
            self.out.write_all(b"\x1b[?25h")?;
            self.cursor_visible = Some(true);
        }
        Ok(())
    }

    /// Where this backend last put the cursor (the origin when it does not know). Asking the
    /// terminal would mean reading its answer from the input, which the input thread owns; a
    /// full-screen program only needs the position back for `Terminal::clear`, which restores it.
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor.unwrap_or_default())
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let Position { x, y } = position.into();
        self.cursor = None;
        self.move_to(x, y)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.set_pen(Pen::PLAIN)?;
        let code: &[u8] = match clear_type {
            ClearType::All => b"\x1b[2J",
            ClearType::AfterCursor => b"\x1b[J",
            ClearType::BeforeCursor => b"\x1b[1J",
            ClearType::CurrentLine => b"\x1b[2K",
            ClearType::UntilNewLine => b"\x1b[K",
        };
        self.out.write_all(code)?;
        self.screen = match clear_type {
            ClearType::All => {
                let size = self.size()?;
                Some(Buffer::empty(Rect::new(0, 0, size.width, size.height)))
            }
            _ => None,
        };
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        match self.size {
            ScreenSize::Fixed(size) => Ok(size),
            ScreenSize::Terminal => {
                let (width, height) = ratatui::crossterm::terminal::size()?;
                Ok(Size { width, height })
            }
        }
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let size = self.size()?;
        let pixels = match self.size {
            ScreenSize::Fixed(_) => Size::default(),
            ScreenSize::Terminal => {
                let w = ratatui::crossterm::terminal::window_size()?;
                Size { width: w.width, height: w.height }
            }
        };
        Ok(WindowSize { columns_rows: size, pixels })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

fn modifier_codes(modifier: Modifier) -> Vec<u8> {
    const CODES: [(Modifier, u8); 9] = [
        (Modifier::BOLD, 1),
        (Modifier::DIM, 2),
        (Modifier::ITALIC, 3),
        (Modifier::UNDERLINED, 4),
        (Modifier::SLOW_BLINK, 5),
        (Modifier::RAPID_BLINK, 6),
        (Modifier::REVERSED, 7),
        (Modifier::HIDDEN, 8),
        (Modifier::CROSSED_OUT, 9),
    ];
    CODES.iter().filter(|(m, _)| modifier.contains(*m)).map(|&(_, code)| code).collect()
}

/// SGR parameters for a colour: the 16 named colours by their short codes.
fn color_code(color: Color, background: bool) -> String {
    let base = if background { 10 } else { 0 };
    let named = |code: u8| (code + base).to_string();
    match color {
        Color::Reset => named(39),
        Color::Black => named(30),
        Color::Red => named(31),
        Color::Green => named(32),
        Color::Yellow => named(33),
        Color::Blue => named(34),
        Color::Magenta => named(35),
        Color::Cyan => named(36),
        Color::Gray => named(37),
        Color::DarkGray => named(90),
        Color::LightRed => named(91),
        Color::LightGreen => named(92),
        Color::LightYellow => named(93),
        Color::LightBlue => named(94),
        Color::LightMagenta => named(95),
        Color::LightCyan => named(96),
        Color::White => named(97),
        Color::Indexed(n) => format!("{};5;{n}", 38 + base),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", 38 + base),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::style::Style;

    /// A tiny deterministic generator: the frames are the same on every run.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self, n: u64) -> u64 {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (self.0 >> 33) % n
        }
    }

    const WORDS: [&str; 10] = ["Chi bộ", "số 11", "đảng viên", "コード", "✓", "!", "biên bản", "", "a", "họp"];
    const COLORS: [Color; 5] = [Color::Reset, Color::Red, Color::Cyan, Color::DarkGray, Color::Indexed(200)];
    const MODIFIERS: [Modifier; 5] = [
        Modifier::empty(),
        Modifier::BOLD,
        Modifier::ITALIC,
        Modifier::REVERSED,
        Modifier::BOLD.union(Modifier::ITALIC),
    ];

    /// A screen as rows of styled words; each frame changes a few of them.
    struct Scene {
        rows: Vec<Vec<(String, Style)>>,
    }

    impl Scene {
        fn word(rng: &mut Lcg) -> (String, Style) {
            let style = Style::default()
                .fg(COLORS[rng.next(5) as usize])
                .bg(if rng.next(4) == 0 { Color::Blue } else { Color::Reset })
                .add_modifier(MODIFIERS[rng.next(5) as usize]);
            let text =
                if rng.next(5) == 0 { " ".repeat(rng.next(30) as usize) } else { WORDS[rng.next(10) as usize].into() };
            (text, style)
        }

        fn new(height: u16, rng: &mut Lcg) -> Scene {
            Scene { rows: (0..height).map(|_| (0..8).map(|_| Scene::word(rng)).collect()).collect() }
        }

        fn change(&mut self, rng: &mut Lcg) {
            for _ in 0..=rng.next(6) {
                let row = rng.next(self.rows.len() as u64) as usize;
                let at = rng.next(8) as usize;
                self.rows[row][at] = Scene::word(rng);
            }
        }

        /// Words side by side, cut at the right edge: a well-formed buffer (a wide character is
        /// never half covered), as widgets draw it.
        fn paint(&self, area: Rect) -> Buffer {
            let mut buf = Buffer::empty(area);
            for (y, words) in self.rows.iter().enumerate().take(usize::from(area.height)) {
                let mut x = 0u16;
                for (text, style) in words {
                    if x >= area.width {
                        break;
                    }
                    let (end, _) = buf.set_stringn(x, y as u16, text, usize::from(area.width - x), *style);
                    x = end;
                }
            }
            buf
        }
    }

    fn vt_color(color: Color) -> vt100::Color {
        match color {
            Color::Reset => vt100::Color::Default,
            Color::Red => vt100::Color::Idx(1),
            Color::Blue => vt100::Color::Idx(4),
            Color::Cyan => vt100::Color::Idx(6),
            Color::DarkGray => vt100::Color::Idx(8),
            Color::Indexed(n) => vt100::Color::Idx(n),
            other => panic!("colour not used by the test: {other:?}"),
        }
    }

    /// Every cell of the emulated screen shows what the buffer holds.
    fn assert_same(screen: &vt100::Screen, buf: &Buffer, frame: usize) {
        for y in 0..buf.area.height {
            let mut x = 0;
            while x < buf.area.width {
                let want = &buf[(x, y)];
                let got = screen.cell(y, x).expect("cell");
                let symbol = if want.symbol() == " " { "" } else { want.symbol() };
                let place = format!("frame {frame}, cell ({x}, {y})");
                // The emulator keeps " " for a written space and "" for an erased cell.
                let shown = if got.contents() == " " { "" } else { got.contents() };
                assert_eq!(shown, symbol, "{place}");
                if !symbol.is_empty() || want.bg != Color::Reset {
                    assert_eq!(got.bgcolor(), vt_color(want.bg), "{place}: background");
                }
                if !symbol.is_empty() {
                    assert_eq!(got.fgcolor(), vt_color(want.fg), "{place}: colour");
                    assert_eq!(got.bold(), want.modifier.contains(Modifier::BOLD), "{place}: bold");
                    assert_eq!(got.italic(), want.modifier.contains(Modifier::ITALIC), "{place}: italic");
                    assert_eq!(got.inverse(), want.modifier.contains(Modifier::REVERSED), "{place}: reverse");
                }
                x += (want.symbol().width() as u16).max(1);
            }
        }
    }

    #[test]
    fn the_screen_shows_every_frame_exactly() {
        let size = Size { width: 30, height: 6 };
        let backend = LeanBackend::new(Vec::new(), ScreenSize::Fixed(size));
        let mut terminal = Terminal::new(backend).expect("terminal");
        terminal.clear().expect("clear");
        let mut vt = vt100::Parser::new(size.height, size.width, 0);
        let mut rng = Lcg(7);
        let mut scene = Scene::new(size.height, &mut rng);
        let mut area = Rect::new(0, 0, size.width, size.height);
        let mut fed = 0;
        for frame in 0..400 {
            if frame == 250 {
                // A resize: ratatui clears the screen and draws everything again.
                let size = Size { width: 24, height: 5 };
                terminal.backend_mut().set_fixed_size(size);
                terminal.autoresize().expect("resize");
                vt.screen_mut().set_size(size.height, size.width);
                area = Rect::new(0, 0, size.width, size.height);
            }
            if frame % 50 == 0 {
                scene = Scene::new(size.height, &mut rng);
            }
            scene.change(&mut rng);
            let model = scene.paint(area);
            terminal.draw(|f| f.buffer_mut().merge(&model)).expect("draw");
            let bytes = terminal.backend().writer();
            vt.process(&bytes[fed..]);
            fed = bytes.len();
            assert_same(vt.screen(), &model, frame);
        }
    }

    #[test]
    fn a_small_change_costs_few_bytes() {
        let size = Size { width: 40, height: 3 };
        let backend = LeanBackend::new(Vec::new(), ScreenSize::Fixed(size));
        let mut terminal = Terminal::new(backend).expect("terminal");
        terminal.draw(|f| f.buffer_mut().set_string(0, 1, "Chi bộ số 11 · Có", Style::default())).expect("draw");
        let before = terminal.backend().writer().len();
        terminal.draw(|f| f.buffer_mut().set_string(0, 1, "Chi bộ số 12 · Có", Style::default())).expect("draw");
        let frame = &terminal.backend().writer()[before..];
        // One move to the changed digit and the digit: no colour resets, no cursor hiding again.
        assert_eq!(frame, b"\x1b[2;12H2");
    }

    #[test]
    fn sgr_is_one_short_sequence() {
        let mut backend = LeanBackend::new(Vec::new(), ScreenSize::Fixed(Size { width: 10, height: 1 }));
        backend.set_pen(Pen { fg: Color::Cyan, bg: Color::Reset, modifier: Modifier::BOLD }).expect("pen");
        backend.set_pen(Pen { fg: Color::Cyan, bg: Color::Reset, modifier: Modifier::empty() }).expect("pen");
        backend.set_pen(Pen::PLAIN).expect("pen");
        assert_eq!(backend.writer().as_slice(), b"\x1b[1;36m\x1b[0;36m\x1b[39m");
    }
}
