//! The RON text of visit and template files: deterministic writing, careful reading, and errors
//! that name the line, the column and what was expected, in the user's language.

use std::path::{Path, PathBuf};

use ron::error::{Error as RonError, SpannedError};
use serde::Deserialize;

pub use super::conflict::conflict_line;
use super::lean;
use crate::core::problems::{Problem, value_problem};
use crate::core::template::Template;
use crate::core::text::display_safe;
use crate::core::visit::{DUPLICATE_ANSWER, SCHEMA_VERSION, Value, Visit};
use crate::strings::{Lang, Msg};

/// Files larger than this are refused before being read whole: no visit comes near it.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// The longest text one field (a name, a note, a text answer) may hold, in characters. Real notes
/// are a few thousand at most; a longer one is refused, since every screen that shows it would lay
/// all of it out on each frame (a 10 MB note froze the checklist for seconds per key).
pub const MAX_TEXT_CHARS: usize = 100_000;

/// Why a file could not be used, and where in it.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    pub path: PathBuf,
    /// 1-based line and column (in characters), when the problem has a position.
    pub position: Option<(usize, usize)>,
    pub kind: LoadErrorKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LoadErrorKind {
    Io(String),
    NotAFile,
    /// A symbolic link, met in a folder, that leads nowhere.
    BrokenLink {
        target: PathBuf,
    },
    /// A symbolic link, met in a folder, that leads outside the folder given: not followed.
    LinkOutside {
        target: PathBuf,
    },
    TooLarge {
        size: u64,
    },
    NotUtf8,
    /// UTF-16 text (it starts with a UTF-16 byte order mark).
    Utf16,
    Empty,
    Conflict {
        line: usize,
    },
    Syntax(SyntaxError),
    /// A file format newer than this build reads: `found`, and the newest it reads of that kind
    /// of file (visit and round files have their own versions).
    NewerSchema {
        found: u32,
        reads: u32,
    },
    /// The visit's template (or that version of it) is not known here; `known` lists the
    /// templates that are (id and version).
    UnknownTemplate {
        id: String,
        version: u32,
        known: Vec<(String, u32)>,
    },
    UnknownItem {
        id: String,
        template: String,
    },
    BadAnswer {
        item: String,
        problem: Box<Problem>,
    },
    /// A text field longer than [`MAX_TEXT_CHARS`]; `field` is its name or the item id.
    TextTooLong {
        field: String,
        chars: usize,
    },
}

/// A parse error, kept as data so it can be worded in either language. Every error ron can raise
/// maps to one of these, so no message of ron's own (English) reaches the user; pieces of the file
/// a message quotes are cut short (see [`excerpt`]).
#[derive(Debug, Clone, PartialEq)]
pub enum SyntaxError {
    Eof,
    Expected(Expected),
    MissingField(String),
    UnknownField {
        found: String,
        expected: Vec<String>,
    },
    UnknownVariant {
        found: String,
        expected: Vec<String>,
    },
    DuplicateField(String),
    /// An answer id given twice in the answers map.
    DuplicateAnswer(String),
    Trailing,
    TooDeep,
    /// A value named otherwise than its kind requires (`root(…)` where a visit `(…)` or
    /// `Visit(…)` goes); `found` is empty when no name was given.
    WrongName {
        expected: String,
        found: String,
    },
    /// A whole number too large, or negative where only 0 and up are allowed.
    NumberOutOfRange,
    /// A number written with a character it cannot hold (`0x4G`, `_42`, `1_.5`).
    BadNumber,
    /// A backslash sequence inside a text that means nothing (`\q`).
    BadEscape,
    /// A character with no place here.
    UnexpectedChar(char),
    /// A name with characters a name cannot hold (`khu-dan-cu`).
    BadName(String),
    /// A value of another type than the field holds.
    WrongType,
    /// A pair or list with another number of parts than the field holds.
    WrongLength {
        found: usize,
    },
    /// `#![enable(…)]` naming an extension ron does not know.
    UnknownExtension(String),
    /// A value that does not read as what the field holds (a date, a time, a moment): the piece
    /// of the file, when known.
    BadValue(String),
    /// Bytes inside the file that are not UTF-8 text.
    NotUtf8,
    /// What ron raises only when writing or on input that is not text: never met reading a file.
    Unreadable,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Expected {
    Integer,
    Float,
    Text,
    TextEnd,
    Char,
    Comma,
    Colon,
    Parenthesis,
    Bracket,
    Brace,
    Boolean,
    Name,
    Option,
    Unit,
    /// `#![enable(…)]`.
    Attribute,
    /// `..` or `..=`.
    Range,
}

impl Expected {
    fn words(self, lang: Lang) -> &'static str {
        use Expected::*;
        let msg = match self {
            Integer => Msg::RonWordInteger,
            Float => Msg::RonWordFloat,
            Text => Msg::RonWordText,
            TextEnd => Msg::RonWordTextEnd,
            Char => Msg::RonWordChar,
            Comma => Msg::RonWordComma,
            Colon => Msg::RonWordColon,
            Parenthesis => Msg::RonWordParenthesis,
            Bracket => Msg::RonWordBracket,
            Brace => Msg::RonWordBrace,
            Boolean => Msg::RonWordBoolean,
            Name => Msg::RonWordName,
            Option => Msg::RonWordOption,
            Unit => Msg::RonWordUnit,
            Attribute => Msg::RonWordAttribute,
            Range => Msg::RonWordRange,
        };
        msg.get(lang)
    }
}

/// The most characters of the file a message quotes.
const EXCERPT_CHARS: usize = 40;

/// A piece of the file as a message quotes it: at most [`EXCERPT_CHARS`] characters, the rest
/// marked with `…`. (Control and bidi characters are neutralised with the whole message.)
fn excerpt(text: &str) -> String {
    match text.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

impl SyntaxError {
    pub fn from_ron(code: &RonError) -> SyntaxError {
        use Expected as E;
        let list = |names: &[&str]| names.iter().map(|s| s.to_string()).collect();
        match code {
            RonError::Eof | RonError::UnclosedBlockComment | RonError::UnclosedLineComment => SyntaxError::Eof,
            RonError::ExpectedInteger => SyntaxError::Expected(E::Integer),
            RonError::ExpectedFloat => SyntaxError::Expected(E::Float),
            RonError::IntegerOutOfBounds => SyntaxError::NumberOutOfRange,
            RonError::InvalidIntegerDigit { .. } | RonError::UnderscoreAtBeginning | RonError::FloatUnderscore => {
                SyntaxError::BadNumber
            }
            RonError::ExpectedString | RonError::ExpectedByteString | RonError::ExpectedByteLiteral => {
                SyntaxError::Expected(E::Text)
            }
            RonError::ExpectedStringEnd => SyntaxError::Expected(E::TextEnd),
            RonError::ExpectedChar => SyntaxError::Expected(E::Char),
            RonError::ExpectedComma => SyntaxError::Expected(E::Comma),
            RonError::ExpectedMapColon => SyntaxError::Expected(E::Colon),
            RonError::ExpectedStructLike | RonError::ExpectedStructLikeEnd | RonError::ExpectedNamedStructLike(_) => {
                SyntaxError::Expected(E::Parenthesis)
            }
            RonError::ExpectedArray | RonError::ExpectedArrayEnd => SyntaxError::Expected(E::Bracket),
            RonError::ExpectedMap | RonError::ExpectedMapEnd => SyntaxError::Expected(E::Brace),
            RonError::ExpectedBoolean => SyntaxError::Expected(E::Boolean),
            RonError::ExpectedIdentifier => SyntaxError::Expected(E::Name),
            RonError::ExpectedOption | RonError::ExpectedOptionEnd => SyntaxError::Expected(E::Option),
            RonError::ExpectedUnit => SyntaxError::Expected(E::Unit),
            RonError::ExpectedAttribute | RonError::ExpectedAttributeEnd => SyntaxError::Expected(E::Attribute),
            RonError::ExpectedRangeSyntax => SyntaxError::Expected(E::Range),
            RonError::ExpectedDifferentStructName { expected, found } => {
                SyntaxError::WrongName { expected: expected.to_string(), found: excerpt(found) }
            }
            RonError::ExpectedStructName(expected) => {
                SyntaxError::WrongName { expected: excerpt(expected), found: String::new() }
            }
            RonError::MissingStructField { field, .. } => SyntaxError::MissingField(field.to_string()),
            RonError::NoSuchStructField { expected, found, .. } => {
                SyntaxError::UnknownField { found: excerpt(found), expected: list(expected) }
            }
            RonError::NoSuchEnumVariant { expected, found, .. } => {
                SyntaxError::UnknownVariant { found: excerpt(found), expected: list(expected) }
            }
            RonError::DuplicateStructField { field, .. } => SyntaxError::DuplicateField(field.to_string()),
            RonError::TrailingCharacters => SyntaxError::Trailing,
            RonError::ExceededRecursionLimit => SyntaxError::TooDeep,
            RonError::InvalidEscape(_) => SyntaxError::BadEscape,
            RonError::UnexpectedChar(c) => SyntaxError::UnexpectedChar(*c),
            RonError::InvalidIdentifier(name) | RonError::SuggestRawIdentifier(name) => {
                SyntaxError::BadName(excerpt(name))
            }
            RonError::InvalidValueForType { .. } => SyntaxError::WrongType,
            RonError::ExpectedDifferentLength { found, .. } => SyntaxError::WrongLength { found: *found },
            RonError::NoSuchExtension(name) => SyntaxError::UnknownExtension(excerpt(name)),
            RonError::Utf8Error(_) => SyntaxError::NotUtf8,
            RonError::Message(m) if m.starts_with(DUPLICATE_ANSWER) => {
                SyntaxError::DuplicateAnswer(excerpt(&m[DUPLICATE_ANSWER.len()..]))
            }
            // Raised by a field's own reader (dates, times, moments): the piece of the file is
            // added by `LoadError::from_parse`, which has the text.
            RonError::Message(_) => SyntaxError::BadValue(String::new()),
            RonError::Fmt | RonError::Io(_) | RonError::ExpectedRawValue => SyntaxError::Unreadable,
            // ron's errors are non-exhaustive: one added later still gets a sentence of ours.
            _ => SyntaxError::Unreadable,
        }
    }

    fn message(&self, lang: Lang) -> String {
        let one_of = |expected: &[String]| -> String {
            if expected.is_empty() { String::new() } else { Msg::RonOneOf.fill(lang, &[&expected.join(", ")]) }
        };
        match self {
            SyntaxError::Eof => Msg::RonEof.get(lang).to_string(),
            SyntaxError::Expected(e) => Msg::RonExpected.fill(lang, &[&e.words(lang)]),
            SyntaxError::MissingField(f) => Msg::RonMissingField.fill(lang, &[f]),
            SyntaxError::UnknownField { found, expected } => {
                Msg::RonUnknownField.fill(lang, &[found]) + &one_of(expected)
            }
            SyntaxError::UnknownVariant { found, expected } => {
                Msg::RonUnknownVariant.fill(lang, &[found]) + &one_of(expected)
            }
            SyntaxError::DuplicateField(f) => Msg::RonDuplicateField.fill(lang, &[f]),
            SyntaxError::DuplicateAnswer(id) => Msg::RonDuplicateAnswer.fill(lang, &[id]),
            SyntaxError::Trailing => Msg::RonTrailing.get(lang).to_string(),
            SyntaxError::TooDeep => Msg::RonTooDeep.get(lang).to_string(),
            SyntaxError::WrongName { expected, found } if found.is_empty() => {
                Msg::RonNameMissing.fill(lang, &[expected])
            }
            SyntaxError::WrongName { expected, found } => Msg::RonWrongName.fill(lang, &[expected, found]),
            SyntaxError::NumberOutOfRange => Msg::RonNumberOutOfRange.get(lang).to_string(),
            SyntaxError::BadNumber => Msg::RonBadNumber.get(lang).to_string(),
            SyntaxError::BadEscape => Msg::RonBadEscape.get(lang).to_string(),
            SyntaxError::UnexpectedChar(c) => Msg::RonUnexpectedChar.fill(lang, &[c]),
            SyntaxError::BadName(name) => Msg::RonBadName.fill(lang, &[name]),
            SyntaxError::WrongType => Msg::RonWrongType.get(lang).to_string(),
            SyntaxError::WrongLength { found } => Msg::RonWrongLength.fill(lang, &[found]),
            SyntaxError::UnknownExtension(name) => Msg::RonUnknownExtension.fill(lang, &[name]),
            SyntaxError::BadValue(piece) if piece.is_empty() => Msg::RonBadValueHere.get(lang).to_string(),
            SyntaxError::BadValue(piece) => Msg::RonBadValue.fill(lang, &[piece]),
            SyntaxError::NotUtf8 => Msg::ErrNotUtf8.get(lang).to_string(),
            SyntaxError::Unreadable => Msg::RonUnreadable.get(lang).to_string(),
        }
    }
}

impl LoadError {
    pub fn new(path: &Path, position: Option<(usize, usize)>, kind: LoadErrorKind) -> LoadError {
        LoadError { path: path.to_path_buf(), position, kind }
    }

    pub fn from_spanned(path: &Path, e: &SpannedError) -> LoadError {
        let position = Some((e.span.start.line.max(1), e.span.start.col.max(1)));
        LoadError::new(path, position, LoadErrorKind::Syntax(SyntaxError::from_ron(&e.code)))
    }

    /// A parse error of `text`. An error in the last token of the file, where a name, a text or a
    /// value is cut short, is reported as a truncated file, at its end, whatever token the parser
    /// stopped at; so is a text or a comment that never closes.
    pub fn from_parse(path: &Path, text: &str, e: &SpannedError) -> LoadError {
        let end = text.trim_end();
        let offset = offset_of(text, e.span.start.line, e.span.start.col).min(end.len());
        let rest = &end[offset..];
        // Errors that name something whole (a missing field, extra content, the nesting depth, an
        // answer given twice) are never a cut: report them where they are.
        let whole = matches!(
            SyntaxError::from_ron(&e.code),
            SyntaxError::MissingField(_)
                | SyntaxError::Trailing
                | SyntaxError::TooDeep
                | SyntaxError::DuplicateAnswer(_)
        );
        let last_token = only_last_token(&end[..offset], rest);
        let never_closed = matches!(e.code, RonError::ExpectedStringEnd | RonError::UnclosedBlockComment);
        let cut_short = !whole && (never_closed || last_token);
        if cut_short {
            let kind = LoadErrorKind::Syntax(SyntaxError::Eof);
            return LoadError::new(path, Some(position_of(end, end.len())), kind);
        }
        if matches!(e.code, RonError::TrailingCharacters) {
            // ron points just after the data; point at what follows it (a second document).
            let after = offset_of(text, e.span.start.line, e.span.start.col).min(text.len());
            let extra = after + (text[after..].len() - text[after..].trim_start().len());
            let kind = LoadErrorKind::Syntax(SyntaxError::Trailing);
            return LoadError::new(path, Some(position_of(text, extra)), kind);
        }
        let mut error = LoadError::from_spanned(path, e);
        if let LoadErrorKind::Syntax(SyntaxError::BadValue(piece)) = &mut error.kind {
            // A field's own reader refused the value: quote it (ron spans it), cut short.
            let from = offset_of(text, e.span.start.line, e.span.start.col).min(text.len());
            let to = offset_of(text, e.span.end.line, e.span.end.col).clamp(from, text.len());
            *piece = excerpt(text[from..to].trim().trim_matches('"'));
        }
        error
    }

    /// The reason alone, as a sentence in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let text = match &self.kind {
            LoadErrorKind::Io(reason) => Msg::ErrIo.fill(lang, &[reason]),
            LoadErrorKind::NotAFile => Msg::ErrNotAFile.get(lang).to_string(),
            LoadErrorKind::BrokenLink { target } => Msg::ErrBrokenLink.fill(lang, &[&target.to_string_lossy()]),
            LoadErrorKind::LinkOutside { target } => Msg::ErrLinkOutside.fill(lang, &[&target.to_string_lossy()]),
            LoadErrorKind::TooLarge { size } => Msg::ErrTooLarge.fill(lang, &[size, &MAX_FILE_BYTES]),
            LoadErrorKind::NotUtf8 => Msg::ErrNotUtf8.get(lang).to_string(),
            LoadErrorKind::Utf16 => Msg::ErrUtf16.get(lang).to_string(),
            LoadErrorKind::Empty => Msg::ErrEmpty.get(lang).to_string(),
            LoadErrorKind::Conflict { line } => Msg::ErrConflict.fill(lang, &[line]),
            LoadErrorKind::Syntax(s) => Msg::ErrSyntax.fill(lang, &[&s.message(lang)]),
            LoadErrorKind::NewerSchema { found, reads } => Msg::ErrNewerSchema.fill(lang, &[found, reads]),
            LoadErrorKind::UnknownTemplate { id, version, known } => {
                let known: Vec<String> = known.iter().map(|(id, v)| Msg::TplIdVersion.fill(lang, &[id, v])).collect();
                Msg::ErrUnknownTemplate.fill(lang, &[id, version, &known.join(", ")])
            }
            LoadErrorKind::UnknownItem { id, template } => Msg::ErrUnknownItem.fill(lang, &[id, template]),
            LoadErrorKind::TextTooLong { field, chars } => {
                Msg::ErrTextTooLong.fill(lang, &[field, chars, &MAX_TEXT_CHARS])
            }
            LoadErrorKind::BadAnswer { item, problem } => {
                let reason = problem.message(lang, &|id: &str| id.to_string());
                Msg::ErrBadAnswer.fill(lang, &[item, &reason])
            }
        };
        display_safe(&text, false)
    }

    /// `path:line:col: message`, safe to print on a terminal.
    pub fn display(&self, lang: Lang) -> String {
        let path = display_safe(&self.path.to_string_lossy(), false);
        match self.position {
            Some((line, col)) => format!("{path}:{line}:{col}: {}", self.message(lang)),
            None => format!("{path}: {}", self.message(lang)),
        }
    }
}

/// The deterministic text of any file khaosat writes (visits, rounds): stable order, `\n` line
/// ends, two-space indent, one final newline.
pub fn to_file_ron<T: serde::Serialize>(value: &T) -> String {
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("  ")
        .struct_names(false)
        .separate_tuple_members(false)
        .escape_strings(false);
    match ron::ser::to_string_pretty(value, config) {
        Ok(mut text) => {
            text.push('\n');
            text
        }
        // Serialising plain data to a String cannot fail; keep a readable marker if it ever did.
        Err(e) => format!("// serialisation failed: {e}\n"),
    }
}

/// The deterministic text of a visit, marked with the file format it needs.
pub fn visit_to_ron(visit: &Visit) -> String {
    // Normalising sets it; a visit built by hand may not have been normalised.
    if visit.schema != visit.schema_needed() {
        let mut marked = visit.clone();
        marked.schema = visit.schema_needed();
        return to_file_ron(&marked);
    }
    to_file_ron(visit)
}

/// The text of a template, as `template show` prints it.
pub fn template_to_ron(template: &Template) -> String {
    let config = ron::ser::PrettyConfig::new().new_line("\n").indentor("  ").struct_names(false);
    ron::ser::to_string_pretty(template, config).unwrap_or_default() + "\n"
}

/// Bytes read from a file → text, or why they are not text we accept.
pub fn decode_text(path: &Path, bytes: &[u8]) -> Result<String, LoadError> {
    // UTF-16 with its byte order mark, or without one: a visit starts with ASCII, which UTF-16
    // writes with a zero byte after (LE) or before (BE) each character.
    let ascii_utf16 = |b: &[u8]| match b {
        [a, 0, c, 0, ..] | [0, a, 0, c, ..] => a.is_ascii() && c.is_ascii() && *a != 0 && *c != 0,
        _ => false,
    };
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || ascii_utf16(bytes) {
        return Err(LoadError::new(path, None, LoadErrorKind::Utf16));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Some(offset) = bytes.iter().position(|b| *b == 0) {
        let before = String::from_utf8_lossy(&bytes[..offset]);
        return Err(LoadError::new(path, Some(position_of(&before, before.len())), LoadErrorKind::NotUtf8));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        if e.error_len().is_none() {
            // Cut in the middle of a character (ư, ộ … take 2–3 bytes): a truncated file, not binary.
            let before = String::from_utf8_lossy(before);
            let kind = LoadErrorKind::Syntax(SyntaxError::Eof);
            return LoadError::new(path, Some(position_of(&before, before.len())), kind);
        }
        // `before` is valid UTF-8 by definition: the position of the first bad byte, in characters.
        let before = String::from_utf8_lossy(before);
        LoadError::new(path, Some(position_of(&before, before.len())), LoadErrorKind::NotUtf8)
    })?;
    if text.trim().is_empty() {
        // Placed at its start, where an editor opens it: `path:1:1:` like every content error.
        return Err(LoadError::new(path, Some((1, 1)), LoadErrorKind::Empty));
    }
    Ok(text.to_string())
}

/// True when `rest`, the text from a parse error to the end of the file, is only its last token:
/// a name or a number cut short, or a text (ron points at its quote or inside it) with at most a
/// little punctuation after it. Anything more (a one-line file with a bad field in the middle)
/// is not: that error is reported at its own place.
fn only_last_token(before: &str, rest: &str) -> bool {
    let punctuation = |c: char| matches!(c, ' ' | '\t' | ':' | ',' | '(' | '[' | '{' | ')' | ']' | '}');
    let little = |s: &str| s.len() <= 4 && s.chars().all(punctuation);
    // A raw text r#"…"#: ron points at its `r` or just inside it.
    let raw_open = |s: &str| {
        let body = s.strip_prefix('r')?;
        let inner = body.trim_start_matches('#');
        inner.starts_with('"').then(|| (body.len() - inner.len(), 1 + s.len() - inner.len()))
    };
    let raw = match raw_open(rest) {
        Some((hashes, open_len)) => Some((hashes, &rest[open_len..])),
        None => before.strip_suffix('"').and_then(|b| {
            let t = b.trim_end_matches('#');
            t.ends_with('r').then(|| (b.len() - t.len(), rest))
        }),
    };
    if let Some((hashes, body)) = raw {
        let close = format!("\"{}", "#".repeat(hashes));
        return body.find(&close).is_none_or(|i| little(&body[i + close.len()..]));
    }
    let unescaped = rest.replace("\\\\", "  ").replace("\\\"", "  ");
    let quotes: Vec<usize> = unescaped.match_indices('"').map(|(i, _)| i).collect();
    match quotes[..] {
        [] => {
            let token = rest.trim_matches(punctuation);
            !rest.contains('\n')
                && rest.len() - token.len() <= 4
                && token.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'))
        }
        [close] => little(&unescaped[close + 1..]),
        [open, close] => little(&unescaped[..open]) && little(&unescaped[close + 1..]),
        _ => false,
    }
}

/// 1-based (line, column in characters) of a byte offset.
pub(crate) fn position_of(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The byte offset of a 1-based (line, column in characters) position.
fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let line_start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    let rest = &text[line_start.min(text.len())..];
    line_start + rest.char_indices().nth(col.saturating_sub(1)).map_or(rest.len(), |(i, _)| i)
}

/// Where `"id"` first appears as a map key, for pointing at an answer.
fn key_position(text: &str, id: &str) -> Option<(usize, usize)> {
    let needle = format!("\"{id}\"");
    text.find(&needle).map(|offset| position_of(text, offset))
}

/// Where in a visit's text a problem found after loading is to be fixed: the answer of its item,
/// or the first meeting fact it is about that the file writes. None when the text shows neither.
pub fn problem_position(text: &str, problem: &Problem) -> Option<(usize, usize)> {
    if let Some(id) = problem.item() {
        return key_position(text, id);
    }
    problem.facts().iter().find_map(|fact| field_position(text, fact.file_name()))
}

/// The start of the first line that begins with `name:` (so `present:` is not found inside
/// `exempted_present:`).
fn field_position(text: &str, name: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        if line[indent..].strip_prefix(name).is_some_and(|rest| rest.trim_start().starts_with(':')) {
            return Some(position_of(text, offset + indent));
        }
        offset += line.len();
    }
    None
}

/// Where `option` is written the second time in the `Choices([…])` of answer `id`: the place to
/// fix. None when it cannot be found as written (a raw string, an escape): the answer's key is
/// the next best place.
fn repeated_option_position(text: &str, id: &str, option: &str) -> Option<(usize, usize)> {
    let key = text.find(&format!("\"{id}\""))?;
    let list = key + text[key..].find("Choices")?;
    let list_text = &text[list..list + text[list..].find(']')?];
    let quoted = format!("\"{option}\"");
    let first = list_text.find(&quoted)? + quoted.len();
    let second = first + list_text[first..].find(&quoted)?;
    Some(position_of(text, list + second))
}

#[derive(Deserialize)]
struct SchemaProbe {
    schema: u32,
}

/// Parse visit text and check it against the known templates.
pub fn parse_visit(path: &Path, text: &str, templates: &[Template]) -> Result<Visit, LoadError> {
    let mut visit = parse_visit_text(path, text)?;
    check_against_template(path, text, &visit, templates)?;
    // As written (before normalising a huge text) and as kept: what loads also saves and loads.
    check_text_lengths(path, text, &visit)?;
    visit.normalize();
    check_text_lengths(path, text, &visit)?;
    Ok(visit)
}

/// Parse visit text without templates (not normalised, answers unchecked): for the merge driver.
pub fn parse_visit_text(path: &Path, text: &str) -> Result<Visit, LoadError> {
    if let Some(line) = conflict_line(text) {
        return Err(LoadError::new(path, Some((line, 1)), LoadErrorKind::Conflict { line }));
    }
    // A newer schema is reported as such, never as the unknown field it brought. The text is
    // parsed once: by the lean reader when it is as the app writes it (nearly always), else by
    // ron; only when ron refuses it is the schema version probed on its own.
    let newer = |found: u32| {
        let position = key_position(text, "schema").or_else(|| text.find("schema").map(|o| position_of(text, o)));
        LoadError::new(path, position, LoadErrorKind::NewerSchema { found, reads: SCHEMA_VERSION })
    };
    let visit: Visit = match lean::from_str(text) {
        Some(visit) => visit,
        None => match ron::Options::default().from_str(text) {
            Ok(visit) => visit,
            Err(e) => {
                if let Ok(probe) = ron::Options::default().from_str::<SchemaProbe>(text)
                    && probe.schema > SCHEMA_VERSION
                {
                    return Err(newer(probe.schema));
                }
                return Err(LoadError::from_parse(path, text, &e));
            }
        },
    };
    if visit.schema > SCHEMA_VERSION {
        return Err(newer(visit.schema));
    }
    Ok(visit)
}

/// Every text field within [`MAX_TEXT_CHARS`].
fn check_text_lengths(path: &Path, text: &str, visit: &Visit) -> Result<(), LoadError> {
    let too_long = |s: &str| s.len() > MAX_TEXT_CHARS && s.chars().count() > MAX_TEXT_CHARS;
    let refuse = |field: &str, value: &str, position: Option<(usize, usize)>| {
        let kind = LoadErrorKind::TextTooLong { field: field.to_string(), chars: value.chars().count() };
        Err(LoadError::new(path, position, kind))
    };
    let field_position = |name: &str| text.find(&format!("{name}:")).map(|o| position_of(text, o));
    let m = &visit.meeting;
    let named = [
        ("round", visit.round.as_deref().unwrap_or_default()),
        ("branch", &m.branch),
        ("committee", &m.committee),
        ("chair", &m.chair),
        ("minutes_secretary", &m.minutes_secretary),
        ("higher_attendees", &m.higher_attendees),
        ("notes", &visit.notes),
    ];
    for (name, value) in named {
        if too_long(value) {
            return refuse(name, value, field_position(name));
        }
    }
    if let Some(name) = visit.inspectors.iter().find(|n| too_long(n)) {
        return refuse("inspectors", name, field_position("inspectors"));
    }
    for (id, answer) in &visit.answers {
        let answer_text = match &answer.value {
            Some(Value::Text(t)) => t.as_str(),
            _ => "",
        };
        for value in [answer.note.as_str(), answer_text] {
            if too_long(value) {
                return refuse(&format!("\"{id}\""), value, key_position(text, id));
            }
        }
    }
    Ok(())
}

/// The template a visit was filled against: same id, same version preferred, else any version.
pub fn template_for<'a>(visit: &Visit, templates: &'a [Template]) -> Option<&'a Template> {
    let same_id = || templates.iter().filter(|t| t.id == visit.template.id);
    // A visit of an older version is read with the newest version (item ids are kept between
    // versions); one of a newer version is not: its items and thresholds may have changed.
    let newer = || same_id().filter(|t| t.version > visit.template.version).max_by_key(|t| t.version);
    same_id().find(|t| t.version == visit.template.version).or_else(newer)
}

/// The error for a visit whose template [`template_for`] does not find: its id and version, and
/// the templates that are known.
pub fn unknown_template(visit: &Visit, templates: &[Template]) -> LoadErrorKind {
    let mut known: Vec<(String, u32)> = templates.iter().map(|t| (t.id.clone(), t.version)).collect();
    known.dedup();
    LoadErrorKind::UnknownTemplate { id: visit.template.id.clone(), version: visit.template.version, known }
}

fn check_against_template(path: &Path, text: &str, visit: &Visit, templates: &[Template]) -> Result<(), LoadError> {
    let position = |id: &str| key_position(text, id);
    let Some(template) = template_for(visit, templates) else {
        return Err(LoadError::new(path, position(&visit.template.id), unknown_template(visit, templates)));
    };
    // One pass over the template's items, each answer looked up by id. Only when it finds
    // something wrong is the slower loop below run, to name the first culprit in file order.
    let mut found = 0;
    let mut all_fit = true;
    for r in template.items() {
        if let Some(answer) = visit.answers.get(&r.item.id) {
            found += 1;
            all_fit &= answer.value.as_ref().is_none_or(|value| value_problem(r.item, value).is_none());
        }
    }
    if all_fit && found == visit.answers.len() {
        return Ok(());
    }
    for (id, answer) in &visit.answers {
        let Some(r) = template.item(id) else {
            let kind = LoadErrorKind::UnknownItem { id: id.clone(), template: template.id.clone() };
            return Err(LoadError::new(path, position(id), kind));
        };
        if let Some(value) = &answer.value
            && let Some(problem) = value_problem(r.item, value)
        {
            let at = match &problem {
                Problem::RepeatedOption { option, .. } => repeated_option_position(text, id, option),
                _ => None,
            };
            let kind = LoadErrorKind::BadAnswer { item: id.clone(), problem: Box::new(problem) };
            return Err(LoadError::new(path, at.or_else(|| position(id)), kind));
        }
    }
    Ok(())
}
