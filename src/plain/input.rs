//! The lines the inspector types, read on a thread of their own, and the signals that end a
//! session.
//!
//! On a terminal the line discipline's own editing is switched off (no canonical mode, no echo):
//! the kernel would hold a half-typed line until Enter and throw it away on a hang-up, and the
//! plain mode promises that a note cut off by a dropped link is kept. So characters are read as
//! they come, echoed here as plain text (a backspace is echoed as the kernel would: back, space,
//! back), and the line being typed is shared with the main loop, which saves it on a hang-up.
//! Keys that send escape sequences (arrows, function keys) are read and dropped: nothing here
//! ever writes an escape sequence.
//!
//! Without a terminal (answers piped from a file) lines are read as they are; the main loop
//! echoes each one after its prompt so that a log reads like the session.

use std::io::{self, BufRead, Read, Write};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::thread;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// What comes from the keyboard or the system.
#[derive(Debug, Clone, PartialEq)]
pub enum Incoming {
    /// A line, confirmed with Enter (or the last line of a file).
    Line(String),
    /// The session ends: the terminal went away, the input ended (Ctrl-D, end of file), or
    /// someone asked it to stop (Ctrl-C, SIGTERM).
    End(Ending),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    HangUp,
    EndOfInput,
    Stop,
}

/// The line being typed, shared between the reader and the main loop.
#[derive(Clone, Default)]
pub struct Typing(Arc<Mutex<String>>);

impl Typing {
    /// What was typed since the last Enter, taken (the reader starts a new line).
    pub fn take(&self) -> String {
        self.0.lock().map(|mut line| std::mem::take(&mut *line)).unwrap_or_default()
    }

    fn with<T>(&self, f: impl FnOnce(&mut String) -> T) -> Option<T> {
        self.0.lock().ok().map(|mut line| f(&mut line))
    }
}

/// SIGHUP ends the session as a hang-up; SIGTERM and SIGINT as a request to stop. Both save.
pub fn spawn_signal_thread(tx: Sender<Incoming>) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT])?;
    thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let ending = if signal == SIGHUP { Ending::HangUp } else { Ending::Stop };
            let _ = tx.send(Incoming::End(ending));
        }
    });
    Ok(())
}

/// Read lines from standard input on a thread: character by character with echo on a terminal,
/// line by line otherwise.
pub fn spawn_reader(tx: Sender<Incoming>, terminal: bool) -> Typing {
    let typing = Typing::default();
    let shared = typing.clone();
    thread::spawn(move || {
        if terminal {
            read_terminal(&tx, &shared);
        } else {
            read_lines(&tx);
        }
    });
    typing
}

fn read_lines(tx: &Sender<Incoming>) {
    let stdin = io::stdin();
    let mut reader = stdin.lock();
    let mut bytes = Vec::new();
    loop {
        bytes.clear();
        match reader.read_until(b'\n', &mut bytes) {
            Ok(0) | Err(_) => break,
            Ok(_) => {
                let line = String::from_utf8_lossy(&bytes);
                let line = line.trim_end_matches(['\n', '\r']).to_string();
                if tx.send(Incoming::Line(line)).is_err() {
                    return;
                }
            }
        }
    }
    let _ = tx.send(Incoming::End(Ending::EndOfInput));
}

fn read_terminal(tx: &Sender<Incoming>, typing: &Typing) {
    let mut stdin = io::stdin().lock();
    let mut decoder = LineEditor::default();
    let mut buf = [0u8; 1024];
    loop {
        let n = match stdin.read(&mut buf) {
            Ok(0) => return send_end(tx, Ending::HangUp),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            // EIO: the terminal is gone.
            Err(_) => return send_end(tx, Ending::HangUp),
        };
        for &byte in &buf[..n] {
            let Some(step) = decoder.feed(byte, typing) else { continue };
            let echo = match &step {
                Step::Echo(text) => text.clone(),
                Step::Line(_) => "\n".to_string(),
                Step::End(_) => String::new(),
            };
            if !echo.is_empty() {
                let mut out = io::stdout().lock();
                let _ = out.write_all(echo.as_bytes()).and_then(|_| out.flush());
            }
            match step {
                Step::Echo(_) => {}
                Step::Line(line) => {
                    if tx.send(Incoming::Line(line)).is_err() {
                        return;
                    }
                }
                Step::End(ending) => return send_end(tx, ending),
            }
        }
    }
}

fn send_end(tx: &Sender<Incoming>, ending: Ending) {
    let _ = tx.send(Incoming::End(ending));
}

/// What one byte typed does.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    /// Show this (a character typed, or the erasing of one).
    Echo(String),
    /// Enter: this line is done.
    Line(String),
    End(Ending),
}

/// Line editing of bytes typed on a terminal: UTF-8 put together, Backspace and Ctrl-U, escape
/// sequences dropped.
#[derive(Default)]
struct LineEditor {
    /// Bytes of a character not yet complete.
    partial: Vec<u8>,
    escape: Escape,
}

#[derive(Default, Clone, Copy, PartialEq)]
enum Escape {
    #[default]
    None,
    /// ESC seen.
    Started,
    /// ESC [ or ESC O seen: skip to the final byte.
    Sequence,
}

const BACKSPACE_ECHO: &str = "\u{8} \u{8}";

impl LineEditor {
    fn feed(&mut self, byte: u8, typing: &Typing) -> Option<Step> {
        match self.escape {
            Escape::Started => {
                self.escape = if byte == b'[' || byte == b'O' { Escape::Sequence } else { Escape::None };
                return None;
            }
            Escape::Sequence => {
                if (0x40..=0x7e).contains(&byte) {
                    self.escape = Escape::None;
                }
                return None;
            }
            Escape::None => {}
        }
        match byte {
            b'\r' | b'\n' => Some(Step::Line(typing.take())),
            0x7f | 0x08 => {
                let width = typing.with(pop_grapheme).unwrap_or(0);
                (width > 0).then(|| Step::Echo(BACKSPACE_ECHO.repeat(width)))
            }
            // Ctrl-U: the whole line.
            0x15 => {
                let width = typing.with(|line| UnicodeWidthStr::width(std::mem::take(line).as_str())).unwrap_or(0);
                (width > 0).then(|| Step::Echo(BACKSPACE_ECHO.repeat(width)))
            }
            // Ctrl-C stops (saving), as in the full-screen checklist.
            0x03 => Some(Step::End(Ending::Stop)),
            // Ctrl-D on an empty line ends the input, as a shell does.
            0x04 => typing.with(|line| line.is_empty()).unwrap_or(true).then_some(Step::End(Ending::EndOfInput)),
            0x1b => {
                self.escape = Escape::Started;
                None
            }
            b'\t' => self.push_text(" ", typing),
            byte if byte < 0x20 => None,
            byte => {
                self.partial.push(byte);
                match std::str::from_utf8(&self.partial) {
                    Ok(text) => {
                        let text = text.to_string();
                        self.partial.clear();
                        self.push_text(&text, typing)
                    }
                    // Wait for the rest of the character; give up on bytes that never make one.
                    Err(e) if e.error_len().is_none() && self.partial.len() < 4 => None,
                    Err(_) => {
                        self.partial.clear();
                        None
                    }
                }
            }
        }
    }

    fn push_text(&mut self, text: &str, typing: &Typing) -> Option<Step> {
        typing.with(|line| line.push_str(text));
        Some(Step::Echo(text.to_string()))
    }
}

/// Remove the last grapheme of `line`; how many columns it took.
fn pop_grapheme(line: &mut String) -> usize {
    let Some((at, last)) = line.grapheme_indices(true).next_back() else { return 0 };
    let width = UnicodeWidthStr::width(last).max(1);
    line.truncate(at);
    width
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed_all(bytes: &[u8]) -> (Vec<Step>, String) {
        let typing = Typing::default();
        let mut editor = LineEditor::default();
        let steps = bytes.iter().filter_map(|b| editor.feed(*b, &typing)).collect();
        (steps, typing.take())
    }

    #[test]
    fn vietnamese_letters_are_put_together_and_echoed_whole() {
        let (steps, typing) = feed_all("Có ".as_bytes());
        assert_eq!(steps, vec![Step::Echo("C".into()), Step::Echo("ó".into()), Step::Echo(" ".into())]);
        assert_eq!(typing, "Có ");
    }

    #[test]
    fn enter_ends_the_line_and_starts_a_new_one() {
        let (steps, left) = feed_all(b"y\rn");
        assert_eq!(steps[1], Step::Line("y".into()));
        assert_eq!(left, "n");
    }

    #[test]
    fn backspace_erases_a_whole_letter_with_its_marks() {
        // "ệ" typed as e + two combining marks: one letter on screen, erased at once.
        let (steps, left) = feed_all("ae\u{302}\u{323}\u{7f}".as_bytes());
        assert_eq!(steps.last(), Some(&Step::Echo(BACKSPACE_ECHO.into())));
        assert_eq!(left, "a");
    }

    #[test]
    fn arrow_keys_are_dropped_without_echo() {
        let (steps, left) = feed_all(b"a\x1b[A\x1bOBb");
        assert_eq!(steps, vec![Step::Echo("a".into()), Step::Echo("b".into())]);
        assert_eq!(left, "ab");
    }

    #[test]
    fn ctrl_d_ends_only_an_empty_line_and_ctrl_c_stops() {
        assert_eq!(feed_all(b"\x04").0, vec![Step::End(Ending::EndOfInput)]);
        assert_eq!(feed_all(b"a\x04").0, vec![Step::Echo("a".into())]);
        assert_eq!(feed_all(b"a\x03").0.last(), Some(&Step::End(Ending::Stop)));
    }

    #[test]
    fn ctrl_u_erases_the_line() {
        let (steps, left) = feed_all(b"abc\x15");
        assert_eq!(steps.last(), Some(&Step::Echo(BACKSPACE_ECHO.repeat(3))));
        assert_eq!(left, "");
    }
}
