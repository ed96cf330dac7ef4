//! A small text buffer for answers and notes: the cursor moves by grapheme, lines may wrap,
//! and what is kept is NFC with no control characters (newlines only where allowed).

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::core::text::clean;
use crate::store::format::MAX_TEXT_CHARS;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextBuffer {
    text: String,
    /// Byte offset of the cursor, always on a grapheme boundary.
    cursor: usize,
    pub multiline: bool,
}

impl TextBuffer {
    pub fn new(text: &str, multiline: bool) -> TextBuffer {
        let text = clean(text, multiline);
        let cursor = text.len();
        TextBuffer { text, cursor, multiline }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The cursor's byte offset in `display_safe(text)`, which may be longer than the text
    /// (invisible characters are shown as `<U+XXXX>` markers).
    pub fn display_cursor(&self) -> usize {
        crate::core::text::display_safe(&self.text[..self.cursor], true).len()
    }

    /// Insert typed or pasted text at the cursor. Input methods may send decomposed letters;
    /// the result is renormalised so the cursor never sits between a letter and its accent.
    /// At most [`MAX_TEXT_CHARS`] in all, the longest text a visit file may hold, so that what is
    /// typed or pasted always loads again (the rest is dropped; see [`TextBuffer::is_full`]).
    pub fn insert(&mut self, input: &str) {
        let input = clean(&input.replace("\r\n", "\n").replace('\r', "\n"), self.multiline);
        let room = MAX_TEXT_CHARS.saturating_sub(self.text.chars().count());
        let input: String = input.chars().take(room).collect();
        if input.is_empty() {
            return;
        }
        let (before, after) = self.text.split_at(self.cursor);
        let before = clean(&format!("{before}{input}"), self.multiline);
        let after = after.to_string();
        self.cursor = before.len();
        self.text = clean(&format!("{before}{after}"), self.multiline);
        // Renormalising may merge the seam; keep the cursor inside the text on a boundary.
        self.cursor = self.snap(self.cursor.min(self.text.len()));
    }

    /// True when the text has reached [`MAX_TEXT_CHARS`] and nothing more can be inserted.
    pub fn is_full(&self) -> bool {
        self.text.chars().count() >= MAX_TEXT_CHARS
    }

    pub fn newline(&mut self) {
        if self.multiline {
            self.insert("\n");
        }
    }

    pub fn backspace(&mut self) {
        if let Some(start) = self.prev_boundary(self.cursor) {
            self.text.replace_range(start..self.cursor, "");
            self.cursor = start;
        }
    }

    pub fn delete(&mut self) {
        if let Some(end) = self.next_boundary(self.cursor) {
            self.text.replace_range(self.cursor..end, "");
        }
    }

    pub fn left(&mut self) {
        if let Some(p) = self.prev_boundary(self.cursor) {
            self.cursor = p;
        }
    }

    pub fn right(&mut self) {
        if let Some(p) = self.next_boundary(self.cursor) {
            self.cursor = p;
        }
    }

    pub fn home(&mut self) {
        self.cursor = self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1);
    }

    pub fn end(&mut self) {
        self.cursor = self.text[self.cursor..].find('\n').map_or(self.text.len(), |i| self.cursor + i);
    }

    /// Delete the word before the cursor (Ctrl-W).
    pub fn delete_word(&mut self) {
        let before = &self.text[..self.cursor];
        let trimmed = before.trim_end();
        let start = trimmed.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    pub fn up(&mut self) {
        self.move_vertically(-1);
    }

    pub fn down(&mut self) {
        self.move_vertically(1);
    }

    fn move_vertically(&mut self, delta: isize) {
        let (line, col) = self.line_col();
        let lines: Vec<&str> = self.text.split('\n').collect();
        let target = line as isize + delta;
        if target < 0 || target as usize >= lines.len() {
            return;
        }
        let target = target as usize;
        let start: usize = lines[..target].iter().map(|l| l.len() + 1).sum();
        let mut offset = 0;
        let mut width = 0;
        for g in lines[target].graphemes(true) {
            let w = g.width();
            if width + w > col {
                break;
            }
            width += w;
            offset += g.len();
        }
        self.cursor = start + offset;
    }

    /// (line index, display column) of the cursor, counting wide characters as two columns.
    pub fn line_col(&self) -> (usize, usize) {
        let before = &self.text[..self.cursor];
        let line = before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[line_start..].width())
    }

    fn prev_boundary(&self, at: usize) -> Option<usize> {
        self.text[..at].grapheme_indices(true).next_back().map(|(i, _)| i)
    }

    fn next_boundary(&self, at: usize) -> Option<usize> {
        self.text[at..].graphemes(true).next().map(|g| at + g.len())
    }

    fn snap(&self, at: usize) -> usize {
        let mut best = 0;
        for (i, _) in self.text.grapheme_indices(true) {
            if i > at {
                break;
            }
            best = i;
        }
        if at >= self.text.len() { self.text.len() } else { best }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_decomposed_vietnamese_gives_nfc_and_whole_graphemes() {
        let mut b = TextBuffer::new("", false);
        b.insert("Chi bo");
        b.insert("\u{323}\u{302}"); // combining marks, as some input methods send them
        assert_eq!(b.text(), "Chi bộ");
        b.left();
        b.backspace();
        assert_eq!(b.text(), "Chi ộ");
    }

    #[test]
    fn cursor_column_counts_wide_characters() {
        let mut b = TextBuffer::new("a中文b", false);
        assert_eq!(b.line_col(), (0, 6));
        b.left();
        assert_eq!(b.line_col(), (0, 5));
        b.left();
        assert_eq!(b.line_col(), (0, 3));
    }

    #[test]
    fn control_characters_never_enter_and_newlines_only_when_multiline() {
        let mut single = TextBuffer::new("", false);
        single.insert("a\u{1b}[2Jb\nc");
        assert_eq!(single.text(), "a[2Jbc");
        let mut multi = TextBuffer::new("", true);
        multi.insert("một\r\nhai");
        assert_eq!(multi.text(), "một\nhai");
        multi.up();
        assert_eq!(multi.line_col(), (0, 3));
    }

    #[test]
    fn delete_word_and_home_end() {
        let mut b = TextBuffer::new("đảng viên vắng", false);
        b.delete_word();
        assert_eq!(b.text(), "đảng viên ");
        b.home();
        assert_eq!(b.cursor(), 0);
        b.end();
        assert_eq!(b.cursor(), b.text().len());
    }
}
