//! Hostile text (issue 5): terminal control sequences (ESC/CSI/OSC/DCS, BEL, BS, CR, C1 controls
//! with U+009B CSI), bidi overrides, zero-width characters, decomposed Vietnamese, wide CJK and
//! emoji, 10 000-character words, in every field of a visit, of a template and of a file name.
//!
//! None may reach a terminal as a control:
//! - CLI output (`summary` text and md, `validate` messages, `new` printing the path, usage
//!   errors) is plain text: no ESC at all, no C0 but `\n` and `\t`, no C1, no raw bidi or
//!   zero-width character; what was there is shown as a marker (`^[`, `<U+202E>`).
//! - The TUI is drawn through ratatui's real `CrosstermBackend` into a `Vec<u8>`, and the bytes are
//!   parsed with `vte` (a terminal's own parser): only the CSI sequences crossterm emits (cursor
//!   moves, SGR, mode set/reset) may be there; never an OSC, a DCS, a bare ESC sequence, a C0 or
//!   C1 control, or a bidi/zero-width character printed.
//!
//! Control characters inside a visit's texts are dropped when the file is loaded (a visit stores
//! none: `clean` on load, trap 5), so in the merged report they leave only their printable tail
//! (`]0;pwned`); bidi and zero-width characters are data and are shown as `<U+XXXX>` markers.

#[path = "hostile_common/mod.rs"]
mod common;

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::Write;
use std::os::unix::ffi::OsStringExt;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use common::{MANIFEST, assert_terminal_safe, is_dangerous, khaosat};
use jiff::civil::date;
use khaosat::core::template::Template;
use khaosat::core::visit::{Answer, NewVisit, Value, Visit};
use khaosat::store::format::{MAX_TEXT_CHARS, parse_visit, template_to_ron, visit_to_ron};
use khaosat::store::load_visit;
use khaosat::strings::Lang;
use khaosat::tui::keymap::KeyMap;
use khaosat::tui::state::home::HomeEntry;
use khaosat::tui::state::{App, Effect, Event, Overlay, Screen};
use khaosat::tui::update::update;
use khaosat::tui::view::{Theme, draw};
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

// ------------------------------------------------------------------------------------ the text

const OSC_TITLE: &str = "\u{1b}]0;pwned\u{7}";
const OSC_52: &str = "\u{1b}]52;c;ZXZpbA==\u{7}";
const OSC_8: &str = "\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\";
const DCS: &str = "\u{1b}P1;2|17/ab\u{1b}\\";
const CSI_CLEAR: &str = "\u{1b}[2J\u{1b}[H\u{1b}[31m";
const ESC_OTHER: &str = "\u{1b}7\u{1b}8\u{1b}c\u{1b}(0";
const C0: &str = "bel\u{7} bs\u{8} cr\r ff\u{c} vt\u{b} del\u{7f}";
const C1: &str = "\u{9b}31m \u{9d}0;c1\u{9c} \u{90}dcs\u{9c} nel\u{85}";
const BIDI: &str = "\u{202e}evil\u{202c} \u{2066}a\u{2069}\u{2067}b\u{2069}\u{2068}c\u{2069} \u{200e}\u{200f}\u{61c}";
const ZERO_WIDTH: &str = "z\u{200b}w\u{200c}n\u{200d}j\u{feff}";
/// "Chi bộ số 11" decomposed (NFD): looks the same, compares unequal.
const NFD: &str = "Chi bo\u{323}\u{302} so\u{302}\u{301} 11";
const WIDE: &str = "党支部会议 👍🏽🇻🇳 Ｆｕｌｌ";

/// Every family in one line (for fields where all must be seen).
fn hostile() -> String {
    [OSC_TITLE, OSC_52, OSC_8, DCS, CSI_CLEAR, ESC_OTHER, C0, C1, BIDI, ZERO_WIDTH, NFD, WIDE].join(" ")
}

/// A 10 000-character word (no space to break at).
fn long_word() -> String {
    "Đ".repeat(5_000) + &"w".repeat(5_000)
}

/// Markers that must be visible where raw controls were (display_safe's forms).
const MARKERS: &[&str] =
    &["^[]0;pwned^G", "^[]52;c;ZXZpbA==^G", "^[P1;2|17/ab^[\\", "<U+202E>", "<U+200B>", "<U+009B>", "^H", "^M"];

fn ron_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// ------------------------------------------------------------------------------------ visits

fn new_visit(branch: &str) -> Visit {
    let facts = NewVisit {
        branch: branch.into(),
        committee: "Đảng bộ phường Dịch Vọng".into(),
        ..khaosat::testing::sample_facts()
    };
    Visit::new(&Template::embedded(), facts, jiff::Timestamp::constant(1_649_124_000, 0))
}

fn answer(value: Value, note: &str) -> Answer {
    Answer { value: Some(value), note: note.into() }
}

/// Hostile text in every text a visit holds, as if a hand-edited file got past the loader (the
/// raw text, not cleaned, reaches the view).
fn hostile_visit() -> Visit {
    let h = hostile();
    let mut v = new_visit("placeholder");
    v.meeting.branch = format!("Chi bộ {OSC_TITLE} {BIDI} {ZERO_WIDTH}");
    v.meeting.committee = format!("{NFD} {WIDE} {C1}");
    v.meeting.chair = h.clone();
    v.meeting.minutes_secretary = long_word();
    v.meeting.higher_attendees = format!("{OSC_52} {DCS} {OSC_8} {C0}");
    v.inspectors = vec![h.clone(), format!("{NFD}{BIDI}")];
    v.round = Some(format!("967{CSI_CLEAR}{ESC_OTHER}"));
    v.notes = format!("{h}\n{}", long_word());
    let answers = [
        ("prep.committee_met", answer(Value::No, &format!("ghi chú {h}\n\u{1b}[2Jdòng hai"))),
        ("prep.notice", answer(Value::Yes, &long_word())),
        ("conduct.news_selective", answer(Value::No, &format!("{OSC_52}{DCS}"))),
        ("crit.speakers", answer(Value::Number(3), &format!("{C0}{C1}"))),
        ("overall.grade", answer(Value::Choice(format!("kha{OSC_TITLE}{BIDI}")), "")),
        ("conduct.round_documents", answer(Value::Choices(vec![format!("x{OSC_8}"), "kl_21_tw".into()]), "")),
        ("overall.other_limitations", answer(Value::Text(format!("{h}\n{NFD}\n{}", long_word())), &h)),
        ("overall.recommendations", answer(Value::Text(format!("{OSC_TITLE}{ZERO_WIDTH}")), "")),
    ];
    for (id, a) in answers {
        v.answers.insert(id.into(), a);
    }
    v
}

/// The embedded template with hostile text in every text and one item id.
fn hostile_template() -> Template {
    let h = ron_string(&format!("{OSC_TITLE}{BIDI}{ZERO_WIDTH}{C1} "));
    let inner = &h[1..h.len() - 1];
    let text = template_to_ron(&Template::embedded())
        .replace("vi: \"", &format!("vi: \"{inner}"))
        .replace("en: \"", &format!("en: \"{inner}"))
        .replace("id: \"prep.notice\"", &format!("id: {}", ron_string(&format!("prep.notice{BIDI}{OSC_TITLE}"))));
    Template::from_ron(&text).expect("the hostile template parses")
}

// ------------------------------------------------------------------------------------ the TUI

fn new_app(templates: Vec<Template>) -> App {
    let mut app = App::new(Lang::Vi, KeyMap::default(), templates, format!("Tú {OSC_TITLE}"));
    app.clock = || jiff::Timestamp::constant(1_649_124_000, 0);
    app
}

fn key(app: &mut App, code: KeyCode) {
    update(app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// What a terminal would do with the bytes, recorded by a `vte::Perform`.
#[derive(Default, Debug)]
struct Seen {
    printed: String,
    csi: BTreeSet<String>,
    esc: Vec<String>,
    osc: Vec<String>,
    dcs: Vec<String>,
    execute: Vec<u8>,
    dangerous_printed: Vec<char>,
}

impl vte::Perform for Seen {
    fn print(&mut self, c: char) {
        if is_dangerous(c) {
            self.dangerous_printed.push(c);
        }
        self.printed.push(c);
    }
    fn execute(&mut self, byte: u8) {
        self.execute.push(byte);
    }
    fn hook(&mut self, _params: &vte::Params, intermediates: &[u8], _ignore: bool, action: char) {
        self.dcs.push(format!("{intermediates:?}{action}"));
    }
    fn osc_dispatch(&mut self, params: &[&[u8]], _bell_terminated: bool) {
        self.osc.push(params.iter().map(|p| String::from_utf8_lossy(p).into_owned()).collect::<Vec<_>>().join(";"));
    }
    fn csi_dispatch(&mut self, _params: &vte::Params, intermediates: &[u8], _ignore: bool, action: char) {
        // The kind of sequence: private marker (`?`) and final character.
        self.csi.insert(format!("{}{action}", String::from_utf8_lossy(intermediates)));
    }
    fn esc_dispatch(&mut self, intermediates: &[u8], _ignore: bool, byte: u8) {
        self.esc.push(format!("{}{}", String::from_utf8_lossy(intermediates), byte as char));
    }
}

/// The CSI sequences crossterm writes for ratatui: cursor position (H), colours and attributes
/// (m), cursor show/hide (?h / ?l). Anything else came from somewhere else.
const ALLOWED_CSI: &[&str] = &["H", "m", "?h", "?l"];

/// A `Write` whose bytes stay readable after the backend took it.
#[derive(Clone, Default)]
struct Captured(Rc<RefCell<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Draw `app` through the real crossterm backend at `w`×`h` into bytes, as a terminal gets them.
fn frame_bytes(app: &App, w: u16, h: u16) -> Vec<u8> {
    let captured = Captured::default();
    let backend = CrosstermBackend::new(captured.clone());
    let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, w, h)) };
    let mut terminal = Terminal::with_options(backend, options).expect("terminal");
    terminal.draw(|f| draw(f, app, Theme { colors: true })).expect("draw");
    drop(terminal);
    captured.0.take()
}

/// The same frame's cells (what a person would read), for markers.
fn frame_text(app: &App, w: u16, h: u16) -> String {
    khaosat::tui::testing::screen(app, w, h)
}

/// Every frame of a scenario: its bytes checked with vte, its text kept for the markers.
#[derive(Default)]
struct Frames {
    count: usize,
    bytes: usize,
    text: String,
    csi_kinds: BTreeSet<String>,
}

impl Frames {
    fn check(&mut self, name: &str, app: &App) {
        for (w, h) in [(80, 24), (120, 40)] {
            let bytes = frame_bytes(app, w, h);
            let mut seen = Seen::default();
            let mut parser = vte::Parser::new();
            parser.advance(&mut seen, &bytes);
            let context = || format!("{name} {w}x{h}");
            assert!(seen.osc.is_empty(), "{}: OSC reached the terminal: {:?}", context(), seen.osc);
            assert!(seen.dcs.is_empty(), "{}: DCS reached the terminal: {:?}", context(), seen.dcs);
            assert!(seen.esc.is_empty(), "{}: ESC sequences reached the terminal: {:?}", context(), seen.esc);
            assert!(seen.execute.is_empty(), "{}: controls reached the terminal: {:?}", context(), seen.execute);
            assert!(seen.dangerous_printed.is_empty(), "{}: printed raw: {:?}", context(), seen.dangerous_printed);
            for kind in &seen.csi {
                assert!(ALLOWED_CSI.contains(&kind.as_str()), "{}: unexpected CSI {kind:?}", context());
            }
            // Every ESC byte starts one of those CSI sequences (vte ignores SOS/PM/APC strings,
            // so this catches them too): no ESC of the data's own.
            let escapes = bytes.windows(2).filter(|p| p[0] == 0x1b).collect::<Vec<_>>();
            assert!(escapes.iter().all(|p| p[1] == b'['), "{}: an ESC not starting a CSI", context());
            // (A C1 control arrives UTF-8 encoded and vte reports it through `execute`.)
            assert!(!bytes.contains(&0x07), "{}: a BEL byte", context());
            self.count += 1;
            self.bytes += bytes.len();
            self.csi_kinds.extend(seen.csi);
            self.text.push_str(&frame_text(app, w, h));
            self.text.push('\n');
        }
    }
}

/// The checker itself: each hostile sequence, written raw, is caught by one of its rules (so a
/// clean frame means something).
#[test]
fn the_byte_checker_catches_every_family() {
    let caught = |bytes: &[u8]| {
        let mut seen = Seen::default();
        vte::Parser::new().advance(&mut seen, bytes);
        !seen.osc.is_empty()
            || !seen.dcs.is_empty()
            || !seen.esc.is_empty()
            || !seen.execute.is_empty()
            || !seen.dangerous_printed.is_empty()
            || seen.csi.iter().any(|k| !ALLOWED_CSI.contains(&k.as_str()))
    };
    for raw in [
        OSC_TITLE,
        OSC_52,
        OSC_8,
        DCS,
        "\u{1b}[2J",
        ESC_OTHER,
        "\u{7}",
        "\u{8}",
        "\r",
        "\u{9b}31m",
        "\u{85}",
        "\u{202e}",
        "\u{2066}",
        "\u{200b}",
        "\u{feff}",
        "\u{61c}",
    ] {
        assert!(caught(raw.as_bytes()), "{raw:?} not caught");
    }
    assert!(!caught("\u{1b}[1;1H\u{1b}[0m\u{1b}[?25l plain Đảng 党".as_bytes()), "what crossterm writes is allowed");
}

/// The checklist, every row of every section, the overlays and status messages, the home list
/// and the new-visit form, with hostile visits and a hostile template.
#[test]
fn tui_bytes_carry_no_control_from_the_data() {
    let mut frames = Frames::default();
    for (label, templates) in
        [("embedded template", vec![Template::embedded()]), ("hostile template", vec![hostile_template()])]
    {
        let mut app = new_app(templates.clone());
        update(
            &mut app,
            Event::Opened { path: PathBuf::from(format!("/tmp/{OSC_TITLE}{BIDI}.ron")), result: Ok(hostile_visit()) },
        );
        assert_eq!(app.screen, Screen::Checklist, "{label}");
        // Every row of every section: the detail panel shows each note and answer in full.
        let sections = templates[0].sections.len() + 1;
        for s in 0..sections {
            for r in 0..40 {
                frames.check(&format!("{label}: checklist section {s} row {r}"), &app);
                let before = app.session.as_ref().map(|x| x.row);
                key(&mut app, KeyCode::Down);
                if app.session.as_ref().map(|x| x.row) == before {
                    break;
                }
            }
            key(&mut app, KeyCode::Tab);
        }
        // The note editor on a hostile note.
        update(&mut app, Event::Opened { path: "/tmp/x.ron".into(), result: Ok(hostile_visit()) });
        key(&mut app, KeyCode::Tab);
        key(&mut app, KeyCode::Char('e'));
        assert!(matches!(app.overlay, Overlay::Editor(_)), "{label}: editor");
        frames.check(&format!("{label}: note editor"), &app);
        // Typing controls into the editor, as a paste would bring them.
        update(&mut app, Event::Paste(hostile()));
        for c in format!("{OSC_TITLE}{C1}{BIDI}").chars() {
            key(&mut app, KeyCode::Char(c));
        }
        frames.check(&format!("{label}: note editor after typing"), &app);
        app.overlay = Overlay::None;
        assert_eq!(app.screen, Screen::Checklist);
        // Search: the results list item ids and texts.
        key(&mut app, KeyCode::Char('/'));
        for c in "notice".chars() {
            key(&mut app, KeyCode::Char(c));
        }
        frames.check(&format!("{label}: search"), &app);
        for c in format!("{OSC_TITLE}{BIDI}").chars() {
            key(&mut app, KeyCode::Char(c));
        }
        frames.check(&format!("{label}: search with a hostile query"), &app);
        app.overlay = Overlay::None;
        // Problems, help.
        key(&mut app, KeyCode::Char('p'));
        frames.check(&format!("{label}: problems"), &app);
        app.overlay = Overlay::None;
        key(&mut app, KeyCode::Char('?'));
        frames.check(&format!("{label}: help"), &app);
        app.overlay = Overlay::None;
        // Messages that carry text from outside: a holder from a lock file, a failed save, a
        // recovery file name.
        let path = app.session.as_ref().map(|s| s.path.clone()).expect("open");
        update(&mut app, Event::ReadOnly { path: path.clone(), holder: format!("{OSC_52} @ host{BIDI}") });
        frames.check(&format!("{label}: read-only holder"), &app);
        update(
            &mut app,
            Event::SaveFailed {
                path: path.clone(),
                error: format!("disk {DCS}{C0}"),
                recovery: Some(PathBuf::from(format!("/tmp/{OSC_8}.ron"))),
            },
        );
        frames.check(&format!("{label}: save failed"), &app);
        app.session.as_mut().expect("open").read_only = None;
        update(&mut app, Event::Recoverable { path, recovery: PathBuf::from(format!("/tmp/{OSC_TITLE}{C1}.ron")) });
        frames.check(&format!("{label}: recover"), &app);
        app.overlay = Overlay::None;

        // Home: the list of visits, and a failed open's message.
        let mut home = new_app(templates.clone());
        let template = &templates[0];
        let entries = (0..3)
            .map(|i| HomeEntry::from_visit(PathBuf::from(format!("/d/{i}{OSC_TITLE}.ron")), &hostile_visit(), template))
            .collect();
        update(&mut home, Event::HomeEntries(entries));
        update(&mut home, Event::HomeDone { unreadable: 2 });
        frames.check(&format!("{label}: home"), &home);
        update(
            &mut home,
            Event::Opened { path: "/d/bad.ron".into(), result: Err(format!("/d/{OSC_TITLE}.ron:3:1: {C1}{BIDI}")) },
        );
        frames.check(&format!("{label}: home with an error"), &home);
        // The new-visit form, with hostile characters typed and pasted into the branch name.
        key(&mut home, KeyCode::Char('a'));
        if home.screen == Screen::NewVisit {
            for c in hostile().chars().take(200) {
                key(&mut home, KeyCode::Char(c));
            }
            update(&mut home, Event::Paste(hostile()));
            frames.check(&format!("{label}: new-visit form"), &home);
        }
        update(&mut home, Event::Created(Err(format!("cannot write {OSC_52}{BIDI}"))));
        frames.check(&format!("{label}: create failed"), &home);
    }
    for marker in MARKERS {
        assert!(frames.text.contains(marker), "no {marker:?} on any screen");
    }
    // NFD shown as is (the view never composes: the loader does); wide text is laid out.
    // (A wide character's second cell holds a blank.)
    assert!(frames.text.contains("党 支 部"), "wide characters are shown");
    // A template's item id is shown with markers too (search results).
    assert!(frames.text.contains("prep.notice<U+202E>evil"), "the hostile id in the search results");
    eprintln!("{} frames, {} bytes, CSI kinds seen: {:?}", frames.count, frames.bytes, frames.csi_kinds);
}

/// Wide characters, emoji, decomposed letters and 10 000-character words: every screen draws at
/// every size, from the smallest the app accepts to a large one, without a panic, and the
/// checklist's right border stays in the last column (no row pushed out of line).
#[test]
fn tui_layout_holds_with_wide_and_long_text() {
    let mut app = new_app(vec![Template::embedded()]);
    update(&mut app, Event::Opened { path: "/tmp/x.ron".into(), result: Ok(hostile_visit()) });
    for (w, h) in [(1, 1), (19, 2), (20, 3), (21, 5), (40, 10), (80, 24), (200, 60), (333, 100)] {
        for _ in 0..4 {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
            terminal.draw(|f| draw(f, &app, Theme { colors: false })).expect("draw");
            let buffer = terminal.backend().buffer();
            if w >= 40 {
                // Rows 2.. of the checklist body end with the items panel's border.
                for y in 2..h.saturating_sub(2) {
                    let last = buffer[(w - 1, y)].symbol();
                    assert!(matches!(last, "│" | "┐" | "┘" | "┤"), "{w}x{h} row {y} ends with {last:?}");
                }
            }
            key(&mut app, KeyCode::Tab);
        }
    }
}

/// A 150 000-character paste into a note stops at the most a file may hold (with a message), and
/// what is saved loads again: the TUI never writes a visit that the loader would refuse.
#[test]
fn the_editor_holds_no_more_than_a_file_may() {
    let mut app = new_app(vec![Template::embedded()]);
    update(&mut app, Event::Opened { path: "/tmp/x.ron".into(), result: Ok(new_visit("Chi bộ số 11")) });
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('e'));
    assert!(matches!(app.overlay, Overlay::Editor(_)), "the note editor");
    update(&mut app, Event::Paste(format!("{}{}", "ư".repeat(MAX_TEXT_CHARS - 10), long_word())));
    let Overlay::Editor(editor) = &app.overlay else { panic!("the note editor") };
    assert_eq!(editor.buffer.text().chars().count(), MAX_TEXT_CHARS);
    let flash = app.flash.clone().unwrap_or_default();
    assert!(flash.contains("100000"), "{flash}");
    let effects = update(&mut app, Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    let text = effects
        .iter()
        .find_map(|e| match e {
            Effect::Save { text, .. } => Some(text.clone()),
            _ => None,
        })
        .expect("the note is saved");
    let visit = parse_visit(Path::new("x.ron"), &text, &[Template::embedded()]).expect("what was saved loads");
    assert!(visit.answers.values().any(|a| a.note.chars().count() == MAX_TEXT_CHARS));
}

// ------------------------------------------------------------------------------------ the CLI

/// A folder of visit files carrying hostile text in every field, under hostile names, plus files
/// whose content fails to parse around hostile text.
fn hostile_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let mut a = hostile_visit();
    // Only answers the template accepts, so the visit loads.
    a.answers.remove("overall.grade");
    a.answers.remove("conduct.round_documents");
    a.meeting.minutes_secretary = long_word();
    let mut b = a.clone();
    b.meeting.branch = format!("{NFD} {BIDI}{ZERO_WIDTH} {WIDE}");
    b.meeting.date = date(2022, 4, 6);
    // A file name cannot hold '/'.
    let name = |s: String| OsString::from(s.replace('/', "_"));
    let files: [(OsString, String); 4] = [
        (name(format!("a{OSC_TITLE}{BIDI}.ron")), visit_to_ron(&a)),
        (OsString::from_vec(b"b-\x1b]52;c;ZXZpbA==\x07-\xff\xfe.ron".to_vec()), visit_to_ron(&b)),
        // The same visit twice: listed as duplicates, by file name.
        (name(format!("c{C1}{DCS}.ron")), visit_to_ron(&b)),
        (name(format!("d{C0}.ron")), visit_to_ron(&a)),
    ];
    for (name, text) in files {
        fs::write(d.join(name), text).expect("write");
    }
    let example = fs::read_to_string(Path::new(MANIFEST).join("data/examples/round-967/2022-04-06_chi-bo-so-11.ron"))
        .expect("example");
    // Files that fail around hostile text: every message that quotes the file's text.
    let bad = [
        ("bad-time", example.replacen("\"19:30\"", &ron_string(&format!("19:30{OSC_TITLE}{BIDI}")), 1)),
        ("bad-template", example.replacen("\"hd12-2018\"", &ron_string(&format!("hd12{OSC_52}{C1}")), 1)),
        ("bad-item", example.replacen("\"att.broadened\"", &ron_string(&format!("att.broadened{DCS}{BIDI}")), 1)),
        (
            "bad-duplicate",
            example.replacen(
                "    \"att.higher_level\": (",
                &format!(
                    "    {}: (),\n    {}: (),\n    \"att.higher_level\": (",
                    ron_string(&format!("x{OSC_8}")),
                    ron_string(&format!("x{OSC_8}"))
                ),
                1,
            ),
        ),
        (
            "bad-choice",
            example.replacen("Choice(\"kha\")", &format!("Choice({})", ron_string(&format!("kha{OSC_TITLE}{C0}"))), 1),
        ),
        ("bad-choices", example.replacen("\"ctr_01_qu\"", &ron_string(&format!("ctr{CSI_CLEAR}{ZERO_WIDTH}")), 1)),
        ("bad-date", example.replacen("\"2022-04-06\"", &ron_string(&format!("2022{OSC_TITLE}")), 1)),
        ("bad-unterminated", example.replacen("\"Bí thư chi bộ\",", &format!("\"Bí thư {OSC_52}{C1},"), 1)),
        ("bad-raw-controls", example.replacen("status: Final", &format!("status: Fi{OSC_TITLE}nal"), 1)),
    ];
    for (name, text) in bad {
        fs::write(d.join(format!("{name}{OSC_TITLE}.ron")), text).expect("write");
    }
    dir
}

fn has_no_raw_marks(what: &str, text: &str) {
    assert!(!text.chars().any(|c| is_dangerous(c) && c != '\n' && c != '\t'), "{what}: raw in\n{text}");
}

#[test]
fn summary_text_and_markdown_are_plain_text() {
    let dir = hostile_folder();
    let before = common::snapshot(dir.path());
    for lang in ["vi", "en"] {
        for format in ["text", "md"] {
            let run = khaosat(&[
                OsStr::new("--lang"),
                lang.as_ref(),
                "summary".as_ref(),
                "--format".as_ref(),
                format.as_ref(),
                dir.path().as_os_str(),
            ]);
            assert_eq!(run.code, Some(0), "{}", run.show());
            let what = format!("summary --format {format} --lang {lang}");
            let report = assert_terminal_safe(&what, &run.stdout);
            let errors = assert_terminal_safe(&format!("{what} (stderr)"), &run.stderr_bytes);
            has_no_raw_marks(&what, &report);
            // Bidi and zero-width characters are data: shown as markers.
            // (Markdown escapes the angle brackets: `\<U+202E\>`.)
            for marker in ["U+202E", "U+2066", "U+200B", "U+FEFF"] {
                assert!(
                    report.contains(&format!("<{marker}>")) || report.contains(&format!("\\<{marker}\\>")),
                    "{what}: no {marker} in\n{report}"
                );
            }
            // File names keep their controls, as markers (in the duplicates and skipped lists).
            assert!(report.contains("]0;pwned^G"), "{what}: no file-name marker in\n{report}");
            assert!(errors.contains("^[]0;pwned^G"), "{what}: {errors}");
            // Decomposed Vietnamese is composed on load.
            assert!(report.contains("Chi bộ số 11"), "{what}: NFD not composed in\n{report}");
            assert!(!report.contains(NFD), "{what}: NFD left as is");
            assert!(report.contains(&"Đ".repeat(5_000)), "{what}: the long word is kept whole");
        }
    }
    // csv, json and xlsx carry data, not terminal text; they must still be produced.
    for format in ["csv", "json"] {
        let run = khaosat(&[OsStr::new("summary"), "--format".as_ref(), format.as_ref(), dir.path().as_os_str()]);
        assert_eq!(run.code, Some(0), "{}", run.show());
        assert_terminal_safe("summary stderr", &run.stderr_bytes);
    }
    assert_eq!(common::snapshot(dir.path()), before, "summary wrote into the folder");
}

#[test]
fn validate_messages_are_plain_text() {
    let dir = hostile_folder();
    for lang in ["vi", "en"] {
        let run = khaosat(&[OsStr::new("--lang"), lang.as_ref(), "validate".as_ref(), dir.path().as_os_str()]);
        assert_eq!(run.code, Some(1), "{}", run.show());
        let out = assert_terminal_safe("validate stdout", &run.stdout);
        let err = assert_terminal_safe("validate stderr", &run.stderr_bytes);
        has_no_raw_marks("validate", &format!("{out}{err}"));
        // Each bad file is named (with its marker) and each message quoting the text shows markers.
        assert_eq!(err.lines().filter(|l| l.contains("pwned^G.ron:")).count(), 9, "{err}");
        for quoted in [
            "19:30^[]0;pwned^G<U+202E>",
            "hd12^[]52;c;ZXZpbA==^G<U+009B>",
            "att.broadened^[P1;2|17/ab^[\\<U+202E>",
            "x^[]8;;http://x^[\\link",
            "kha^[]0;pwned^G",
            "ctr^[[2J^[[H^[[31m",
        ] {
            assert!(err.contains(quoted), "no {quoted:?} in\n{err}");
        }
    }
}

/// `new` prints the path of the file it made: with a hostile folder and branch, the path is shown
/// with markers, and the file itself holds no control character.
#[test]
fn new_prints_a_safe_path_and_stores_no_controls() {
    let base = tempfile::tempdir().expect("tempdir");
    let dir = base
        .path()
        .join(OsString::from_vec(format!("round{OSC_TITLE}{BIDI}-").into_bytes().into_iter().chain([0xff]).collect()));
    let run = khaosat(&[
        OsStr::new("--lang"),
        "en".as_ref(),
        "new".as_ref(),
        "--dir".as_ref(),
        dir.as_os_str(),
        "--branch".as_ref(),
        format!("Chi bộ {OSC_TITLE}{C1}{BIDI}{NFD}").as_ref(),
        "--committee".as_ref(),
        format!("{NFD} {DCS}{ZERO_WIDTH}").as_ref(),
        "--type".as_ref(),
        "khu_dan_cu".as_ref(),
        "--date".as_ref(),
        "2022-04-05".as_ref(),
        "--inspector".as_ref(),
        format!("Tú{OSC_52}").as_ref(),
        "--round".as_ref(),
        format!("967{CSI_CLEAR}").as_ref(),
    ]);
    assert_eq!(run.code, Some(0), "{}", run.show());
    let printed = assert_terminal_safe("new stdout", &run.stdout);
    assert_terminal_safe("new stderr", &run.stderr_bytes);
    assert!(printed.contains("round^[]0;pwned^G<U+202E>"), "{printed}");
    assert!(printed.contains('\u{FFFD}'), "the byte that is not UTF-8 is shown as U+FFFD: {printed}");
    // The real file is where the real folder is; its name is a plain slug.
    let made: Vec<PathBuf> = fs::read_dir(&dir).expect("the folder").flatten().map(|e| e.path()).collect();
    assert_eq!(made.len(), 1, "{made:?}");
    let name = made[0].file_name().and_then(|n| n.to_str()).expect("a UTF-8 name").to_string();
    assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)), "{name}");
    let bytes = fs::read(&made[0]).expect("read");
    assert!(
        bytes.iter().all(|&b| b >= 0x20 || b == b'\n'),
        "a control byte stored in\n{}",
        String::from_utf8_lossy(&bytes)
    );
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert!(!text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)), "a C1 control stored");
    let visit = load_visit(&made[0], &[Template::embedded()]).expect("loads");
    assert!(visit.meeting.branch.starts_with("Chi bộ ]0;pwned"), "{}", visit.meeting.branch);
    assert!(visit.meeting.committee.starts_with("Chi bộ số 11"), "stored as NFC: {}", visit.meeting.committee);
}

/// Usage errors that echo what was typed: shown with markers.
#[test]
fn usage_errors_are_plain_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path().as_os_str();
    let cases: Vec<Vec<OsString>> = vec![
        vec![
            "new".into(),
            "--dir".into(),
            d.into(),
            "--branch".into(),
            "x".into(),
            "--committee".into(),
            "y".into(),
            "--type".into(),
            format!("co_quan{OSC_TITLE}").into(),
            "--date".into(),
            "2022-04-05".into(),
        ],
        vec![
            "new".into(),
            "--dir".into(),
            d.into(),
            "--branch".into(),
            "x".into(),
            "--committee".into(),
            "y".into(),
            "--type".into(),
            "co_quan".into(),
            "--date".into(),
            format!("05/04{OSC_52}").into(),
        ],
        vec![
            "new".into(),
            "--dir".into(),
            d.into(),
            "--branch".into(),
            "\u{1b}\u{7}\u{9b}\u{85}".into(),
            "--committee".into(),
            "y".into(),
            "--type".into(),
            "co_quan".into(),
            "--date".into(),
            "2022-04-05".into(),
        ],
        vec!["summary".into(), "--from".into(), DCS.into(), d.into()],
        vec!["summary".into(), "--type".into(), BIDI.into(), d.into()],
        vec!["validate".into(), format!("/nonexistent/{OSC_TITLE}{BIDI}.ron").into()],
        vec!["--template".into(), format!("/nonexistent/{OSC_8}.ron").into(), "validate".into(), d.into()],
        vec!["template".into(), "check".into(), format!("/nonexistent/{C1}.ron").into()],
    ];
    for args in cases {
        for lang in ["vi", "en"] {
            let mut all: Vec<OsString> = vec!["--lang".into(), lang.into()];
            all.extend(args.iter().cloned());
            let run = khaosat(&all);
            assert!(matches!(run.code, Some(1 | 2)), "{args:?}: {}", run.show());
            let err = assert_terminal_safe(&format!("{args:?} stderr"), &run.stderr_bytes);
            assert_terminal_safe(&format!("{args:?} stdout"), &run.stdout);
            let echoes = !args.iter().any(|a| a.to_string_lossy().starts_with('\u{1b}'));
            assert!(!echoes || err.contains('^') || err.contains("<U+"), "{args:?}: no marker in {err}");
        }
    }
}

/// `template check` on a hostile template: every issue line names ids with markers.
#[test]
fn template_check_messages_are_plain_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(format!("t{OSC_TITLE}.ron"));
    let h = ron_string(&format!("{OSC_TITLE}{BIDI}"));
    let text = template_to_ron(&Template::embedded())
        .replace("id: \"prep.notice\"", &format!("id: {h}"))
        .replace("id: \"prep.committee_met\"", &format!("id: {h}"))
        .replace("vi: \"Chuẩn bị\"", "vi: \"\"");
    fs::write(&path, text).expect("write");
    for lang in ["vi", "en"] {
        let run =
            khaosat(&[OsStr::new("--lang"), lang.as_ref(), "template".as_ref(), "check".as_ref(), path.as_os_str()]);
        assert_eq!(run.code, Some(1), "{}", run.show());
        let err = assert_terminal_safe("template check stderr", &run.stderr_bytes);
        assert!(err.contains("^[]0;pwned^G<U+202E>"), "{err}");
        // And a template that does not parse, with its hostile text in the message.
        fs::write(&path, format!("(id: {h}, version: x)")).expect("write");
        let run =
            khaosat(&[OsStr::new("--lang"), lang.as_ref(), "template".as_ref(), "check".as_ref(), path.as_os_str()]);
        assert_eq!(run.code, Some(1), "{}", run.show());
        assert_terminal_safe("template check stderr", &run.stderr_bytes);
        fs::write(
            &path,
            template_to_ron(&Template::embedded())
                .replace("id: \"prep.notice\"", &format!("id: {h}"))
                .replace("id: \"prep.committee_met\"", &format!("id: {h}")),
        )
        .expect("write");
    }
}
