//! Text helpers shared by every layer: NFC normalisation, safe display of untrusted text, slugs,
//! the natural order of names, and texts held once ([`Shared`]).
//!
//! Kept free of I/O so they can be used from the core, the store and the views alike.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

use serde::{Serialize, Serializer};
use unicode_normalization::UnicodeNormalization;

use crate::strings::Lang;

/// Normalise to NFC and drop control characters that must never be stored.
///
/// Newlines and tabs are kept only when `multiline` is true (tabs become spaces), so that
/// a note may span lines while a branch name never does.
pub fn clean(input: &str, multiline: bool) -> String {
    // Nearly every text is already clean (it was cleaned before it was saved): a quick check that
    // it is NFC with nothing to drop skips the decomposition and recomposition.
    let keeps = |c: char| !c.is_control() || (c == '\n' && multiline);
    if input.chars().all(keeps)
        && unicode_normalization::is_nfc_quick(input.chars()) == unicode_normalization::IsNormalized::Yes
    {
        return input.to_string();
    }
    let mut out = String::with_capacity(input.len());
    for c in input.nfc() {
        match c {
            '\n' if multiline => out.push('\n'),
            '\t' => out.push(' '),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// True for characters that change how the following text is shown without being visible:
/// bidi controls and zero-width characters. These are shown as `<U+XXXX>` markers.
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}' | '\u{00AD}')
}

/// Render untrusted text so that nothing in it can act on a terminal.
///
/// Control characters become caret or `<U+XXXX>` markers, bidi and zero-width characters become
/// `<U+XXXX>` markers. Newlines are kept when `multiline` is true. Every sink (TUI, CLI output,
/// error messages) goes through this one function.
pub fn display_safe(input: &str, multiline: bool) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        match c {
            '\n' if multiline => out.push('\n'),
            '\t' => out.push(' '),
            c if (c as u32) < 0x20 => {
                out.push('^');
                out.push(char::from(b'@' + c as u8));
            }
            '\u{7F}' => out.push_str("^?"),
            c if c.is_control() || is_invisible_format(c) => {
                out.push_str(&format!("<U+{:04X}>", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// An ASCII slug for file names: Vietnamese letters lose their marks, `đ` becomes `d`,
/// everything else that is not a letter or digit becomes a single `-`.
pub fn slug(input: &str) -> String {
    let mut out = String::new();
    let mut pending_dash = false;
    for c in input.nfd() {
        let c = match c {
            'đ' => 'd',
            'Đ' => 'd',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else if unicode_normalization::char::is_combining_mark(c) {
            // Drop the accent, keep the base letter already pushed.
        } else {
            pending_dash = true;
        }
    }
    out.truncate(60);
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("chi-bo");
    }
    out
}

/// A key for comparing names typed by different people: NFC, lower case, single spaces.
pub fn name_key(input: &str) -> String {
    clean(input, false).to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A name without marks, lower case, single spaces: for matching what people type
/// (search, filters) and the base of the documented name order.
pub fn fold(input: &str) -> String {
    let key = name_key(input);
    let mut out = String::with_capacity(key.len());
    for c in key.nfd() {
        match c {
            'đ' | 'Đ' => out.push('d'),
            c if unicode_normalization::char::is_combining_mark(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// The order of names in every list of a report: Vietnamese marks removed (`đ` as `d`), case and
/// spacing ignored ([`fold`]), digit runs compared as numbers ("Chi bộ số 2" before "Chi bộ số
/// 11"); ties by the original text, so the order is total and deterministic.
pub fn compare_names(a: &str, b: &str) -> Ordering {
    natural_cmp(&fold(a), &fold(b)).then_with(|| a.cmp(b))
}

/// Compare with runs of ASCII digits taken as numbers.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        match (a.chars().next(), b.chars().next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let (da, ra) = split_digits(a);
                let (db, rb) = split_digits(b);
                let (ta, tb) = (da.trim_start_matches('0'), db.trim_start_matches('0'));
                let ord = ta.len().cmp(&tb.len()).then_with(|| ta.cmp(tb)).then_with(|| da.len().cmp(&db.len()));
                if ord != Ordering::Equal {
                    return ord;
                }
                a = ra;
                b = rb;
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(&y);
                }
                a = &a[x.len_utf8()..];
                b = &b[y.len_utf8()..];
            }
        }
    }
}

/// The leading run of ASCII digits, and the rest.
fn split_digits(s: &str) -> (&str, &str) {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    s.split_at(end)
}

/// A text held once and shared by every place that has it: a summary of 100 000 visits names a
/// few hundred branches and repeats the same notes and sentences thousands of times, and each
/// place then holds a pointer, not a copy. Reads as the `str` it holds.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Shared(Arc<String>);

impl Shared {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Shared {
    fn from(text: &str) -> Shared {
        Shared(Arc::new(text.to_string()))
    }
}

impl std::ops::Deref for Shared {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Shared {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// So that a set of shared texts is searched by `&str`: hashes and compares as the text.
impl Borrow<str> for Shared {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for Shared {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Shared {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Debug for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl Serialize for Shared {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

/// The texts held so far, each once: [`Interner::shared`] gives the copy already held, or keeps a
/// new one.
#[derive(Debug, Default)]
pub struct Interner(HashSet<Shared>);

impl Interner {
    /// `text`, shared with every other place given the same text by this interner.
    pub fn shared(&mut self, text: &str) -> Shared {
        if let Some(held) = self.0.get(text) {
            return held.clone();
        }
        let new = Shared::from(text);
        self.0.insert(new.clone());
        new
    }

    /// `text` (shared by another interner), as this one holds it: the copy already held when
    /// there is one, so that texts merged from many interners are still held once.
    pub fn adopt(&mut self, text: Shared) -> Shared {
        if let Some(held) = self.0.get(text.as_str()) {
            return held.clone();
        }
        self.0.insert(text.clone());
        text
    }
}

/// A date as people of the language write it: 05/03/2026 in Vietnamese, 2026-03-05 in English.
pub fn date_text(date: jiff::civil::Date, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{:02}/{:02}/{}", date.day(), date.month(), date.year()),
        Lang::En => date.to_string(),
    }
}

/// A number with at most `decimals` decimals, trailing zeros dropped; a decimal comma in Vietnamese.
pub fn number_text(value: f64, decimals: usize, lang: Lang) -> String {
    let mut text = format!("{value:.decimals$}");
    if text.contains('.') {
        while text.ends_with('0') {
            text.pop();
        }
        if text.ends_with('.') {
            text.pop();
        }
    }
    if text == "-0" {
        text = "0".into();
    }
    match lang {
        Lang::Vi => text.replace('.', ","),
        Lang::En => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_strips_vietnamese_marks() {
        assert_eq!(slug("Chi bộ số 11"), "chi-bo-so-11");
        assert_eq!(slug("Đội Cảnh sát giao thông, trật tự"), "doi-canh-sat-giao-thong-trat-tu");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("\u{1b}]0;x\u{7}"), "0-x");
        assert_eq!(slug("!!!"), "chi-bo");
    }

    #[test]
    fn clean_normalises_and_drops_controls() {
        let nfd = "Chi bo\u{323}\u{302}";
        assert_eq!(clean(nfd, false), "Chi bộ");
        assert_eq!(clean("a\u{1b}[31mb\nc", false), "a[31mbc");
        assert_eq!(clean("a\r\nb", true), "a\nb");
    }

    #[test]
    fn display_safe_marks_what_was_there() {
        assert_eq!(display_safe("a\u{1b}]52;c;x\u{7}b", false), "a^[]52;c;x^Gb");
        assert_eq!(display_safe("x\u{202E}y", false), "x<U+202E>y");
        assert_eq!(display_safe("x\u{9b}y", false), "x<U+009B>y");
        assert_eq!(display_safe("a\nb", false), "a^Jb");
        assert_eq!(display_safe("a\nb", true), "a\nb");
    }

    #[test]
    fn name_key_ignores_case_spacing_and_form() {
        assert_eq!(name_key("  Chi  Bộ số 11 "), name_key("chi bo\u{323}\u{302} số 11"));
    }

    #[test]
    fn names_sort_without_marks_and_with_numbers() {
        let mut names = vec!["Chi bộ số 11", "Chi bộ Đội Tổng hợp", "Chi bộ số 2", "Chi bộ Công an phường", "chi bộ a"];
        names.sort_by(|a, b| compare_names(a, b));
        assert_eq!(
            names,
            vec!["chi bộ a", "Chi bộ Công an phường", "Chi bộ Đội Tổng hợp", "Chi bộ số 2", "Chi bộ số 11"]
        );
        assert_eq!(fold("  Đảng  bộ Phường MAI DỊCH"), "dang bo phuong mai dich");
    }

    #[test]
    fn shared_texts_are_held_once_and_read_as_text() {
        let mut mine = Interner::default();
        let a = mine.shared("ghi chú");
        let b = mine.shared("ghi chú");
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(a, "ghi chú");
        assert_eq!(format!("{a} {a:?}"), "ghi chú \"ghi chú\"");
        let mut theirs = Interner::default();
        let c = theirs.shared("ghi chú");
        assert!(!Arc::ptr_eq(&a.0, &c.0));
        assert!(Arc::ptr_eq(&mine.adopt(c).0, &a.0), "adopted as the copy already held");
        let d = theirs.shared("khác");
        assert!(Arc::ptr_eq(&mine.adopt(d.clone()).0, &d.0), "a new text is kept as it is");
    }
}
