//! The RON text of visit and template files: deterministic writing, careful reading, and errors
//! that name the line, the column and what was expected, in the user's language.

use std::path::{Path, PathBuf};

use ron::error::{Error as RonError, SpannedError};
use serde::Deserialize;

use crate::core::rules::{Problem, value_problem};
use crate::core::template::Template;
use crate::core::text::display_safe;
use crate::core::visit::{DUPLICATE_ANSWER, SCHEMA_VERSION, Visit};
use crate::strings::{Lang, Msg};

/// Files larger than this are refused before being read whole: no visit comes near it.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

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
    BrokenLink { target: PathBuf },
    /// A symbolic link, met in a folder, that leads outside the folder given: not followed.
    LinkOutside { target: PathBuf },
    TooLarge { size: u64 },
    NotUtf8,
    Empty,
    Conflict { line: usize },
    Syntax(SyntaxError),
    NewerSchema { found: u32 },
    UnknownTemplate { id: String },
    UnknownItem { id: String, template: String },
    BadAnswer { item: String, problem: Box<Problem> },
}

/// A parse error, kept as data so it can be worded in either language.
#[derive(Debug, Clone, PartialEq)]
pub enum SyntaxError {
    Eof,
    Expected(Expected),
    MissingField(String),
    UnknownField { found: String, expected: Vec<String> },
    UnknownVariant { found: String, expected: Vec<String> },
    DuplicateField(String),
    /// An answer id given twice in the answers map.
    DuplicateAnswer(String),
    Trailing,
    TooDeep,
    Other(String),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Expected {
    Integer,
    Text,
    TextEnd,
    Comma,
    Colon,
    Parenthesis,
    Bracket,
    Brace,
    Boolean,
    Name,
    Option,
}

impl Expected {
    fn words(self, lang: Lang) -> &'static str {
        use Expected::*;
        match (self, lang) {
            (Integer, Lang::Vi) => "một số nguyên",
            (Integer, Lang::En) => "a whole number",
            (Text, Lang::Vi) => "một đoạn chữ trong ngoặc kép \"…\"",
            (Text, Lang::En) => "a text in double quotes \"…\"",
            (TextEnd, Lang::Vi) => "dấu \" đóng đoạn chữ",
            (TextEnd, Lang::En) => "a closing \" for the text",
            (Comma, Lang::Vi) => "dấu phẩy ,",
            (Comma, Lang::En) => "a comma ,",
            (Colon, Lang::Vi) => "dấu hai chấm :",
            (Colon, Lang::En) => "a colon :",
            (Parenthesis, Lang::Vi) => "dấu ngoặc ( hoặc )",
            (Parenthesis, Lang::En) => "a parenthesis ( or )",
            (Bracket, Lang::Vi) => "dấu ngoặc [ hoặc ]",
            (Bracket, Lang::En) => "a bracket [ or ]",
            (Brace, Lang::Vi) => "dấu ngoặc { hoặc }",
            (Brace, Lang::En) => "a brace { or }",
            (Boolean, Lang::Vi) => "true hoặc false",
            (Boolean, Lang::En) => "true or false",
            (Name, Lang::Vi) => "một tên trường",
            (Name, Lang::En) => "a field name",
            (Option, Lang::Vi) => "Some(…) hoặc None",
            (Option, Lang::En) => "Some(…) or None",
        }
    }
}

impl SyntaxError {
    pub fn from_ron(code: &RonError) -> SyntaxError {
        use Expected as E;
        let list = |names: &[&str]| names.iter().map(|s| s.to_string()).collect();
        match code {
            RonError::Eof | RonError::UnclosedBlockComment => SyntaxError::Eof,
            RonError::ExpectedInteger | RonError::IntegerOutOfBounds | RonError::InvalidIntegerDigit { .. } => {
                SyntaxError::Expected(E::Integer)
            }
            RonError::ExpectedString => SyntaxError::Expected(E::Text),
            RonError::ExpectedStringEnd => SyntaxError::Expected(E::TextEnd),
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
            RonError::MissingStructField { field, .. } => SyntaxError::MissingField(field.to_string()),
            RonError::NoSuchStructField { expected, found, .. } => {
                SyntaxError::UnknownField { found: found.clone(), expected: list(expected) }
            }
            RonError::NoSuchEnumVariant { expected, found, .. } => {
                SyntaxError::UnknownVariant { found: found.clone(), expected: list(expected) }
            }
            RonError::DuplicateStructField { field, .. } => SyntaxError::DuplicateField(field.to_string()),
            RonError::TrailingCharacters => SyntaxError::Trailing,
            RonError::ExceededRecursionLimit => SyntaxError::TooDeep,
            RonError::Message(m) if m.starts_with(DUPLICATE_ANSWER) => {
                SyntaxError::DuplicateAnswer(m[DUPLICATE_ANSWER.len()..].to_string())
            }
            other => SyntaxError::Other(other.to_string()),
        }
    }

    fn message(&self, lang: Lang) -> String {
        let one_of = |expected: &[String]| -> String {
            if expected.is_empty() {
                String::new()
            } else {
                let prefix = match lang {
                    Lang::Vi => " (cần một trong: ",
                    Lang::En => " (expected one of: ",
                };
                format!("{prefix}{})", expected.join(", "))
            }
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
            SyntaxError::Other(text) => Msg::RonOther.fill(lang, &[text]),
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

    /// A parse error of `text`. An error on the last line, where a name, a text or a value is cut
    /// short, is reported as a truncated file, at its end, whatever token the parser stopped at.
    pub fn from_parse(path: &Path, text: &str, e: &SpannedError) -> LoadError {
        let end = text.trim_end();
        let rest = &end[offset_of(text, e.span.start.line, e.span.start.col).min(end.len())..];
        // Errors that name something whole (a missing field, extra content, the nesting depth, an
        // answer given twice) are never a cut: report them where they are.
        let whole = matches!(
            SyntaxError::from_ron(&e.code),
            SyntaxError::MissingField(_) | SyntaxError::Trailing | SyntaxError::TooDeep | SyntaxError::DuplicateAnswer(_)
        );
        let cut_short = !rest.contains('\n') && !whole;
        if cut_short {
            let kind = LoadErrorKind::Syntax(SyntaxError::Eof);
            return LoadError::new(path, Some(position_of(end, end.len())), kind);
        }
        LoadError::from_spanned(path, e)
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
            LoadErrorKind::Empty => Msg::ErrEmpty.get(lang).to_string(),
            LoadErrorKind::Conflict { line } => Msg::ErrConflict.fill(lang, &[line]),
            LoadErrorKind::Syntax(s) => Msg::ErrSyntax.fill(lang, &[&s.message(lang)]),
            LoadErrorKind::NewerSchema { found } => Msg::ErrNewerSchema.fill(lang, &[found, &SCHEMA_VERSION]),
            LoadErrorKind::UnknownTemplate { id } => Msg::ErrUnknownTemplate.fill(lang, &[id]),
            LoadErrorKind::UnknownItem { id, template } => Msg::ErrUnknownItem.fill(lang, &[id, template]),
            LoadErrorKind::BadAnswer { item, problem } => {
                let reason = crate::strings::problem_message(problem, lang, &|id: &str| id.to_string());
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

/// The deterministic text of a visit: stable order, `\n` line ends, two-space indent.
pub fn visit_to_ron(visit: &Visit) -> String {
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("  ")
        .struct_names(false)
        .separate_tuple_members(false)
        .escape_strings(false);
    match ron::ser::to_string_pretty(visit, config) {
        Ok(mut text) => {
            text.push('\n');
            text
        }
        // Serialising plain data to a String cannot fail; keep a readable marker if it ever did.
        Err(e) => format!("// serialisation failed: {e}\n"),
    }
}

/// The text of a template, as `template show` prints it.
pub fn template_to_ron(template: &Template) -> String {
    let config = ron::ser::PrettyConfig::new().new_line("\n").indentor("  ").struct_names(false);
    ron::ser::to_string_pretty(template, config).unwrap_or_default() + "\n"
}

/// Bytes read from a file → text, or why they are not text we accept.
pub fn decode_text(path: &Path, bytes: &[u8]) -> Result<String, LoadError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(LoadError::new(path, None, LoadErrorKind::NotUtf8));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        if e.error_len().is_none() {
            // Cut in the middle of a character (ư, ộ … take 2–3 bytes): a truncated file, not binary.
            let before = String::from_utf8_lossy(before);
            let kind = LoadErrorKind::Syntax(SyntaxError::Eof);
            return LoadError::new(path, Some(position_of(&before, before.len())), kind);
        }
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        LoadError::new(path, Some((line, 1)), LoadErrorKind::NotUtf8)
    })?;
    if text.contains('\0') {
        let offset = text.find('\0').unwrap_or(0);
        return Err(LoadError::new(path, Some(position_of(text, offset)), LoadErrorKind::NotUtf8));
    }
    if text.trim().is_empty() {
        return Err(LoadError::new(path, None, LoadErrorKind::Empty));
    }
    Ok(text.to_string())
}

/// The line (1-based) of the `<<<<<<<` that opens an unresolved git merge: a `<<<<<<<` line, then a
/// `=======` line, then a `>>>>>>>` line. A lone `=======` or `==========` is not a conflict: notes
/// are written with their own line breaks, so a separator a person typed in a note starts a line.
pub fn conflict_line(text: &str) -> Option<usize> {
    let marker = |line: &str, m: &str| {
        line.strip_prefix(m).is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\r']))
    };
    let mut opened = None;
    let mut separated = false;
    for (i, line) in text.lines().enumerate() {
        if opened.is_none() && marker(line, "<<<<<<<") {
            opened = Some(i + 1);
        } else if opened.is_some() && marker(line, "=======") {
            separated = true;
        } else if separated && marker(line, ">>>>>>>") {
            return opened;
        }
    }
    None
}

/// 1-based (line, column in characters) of a byte offset.
fn position_of(text: &str, offset: usize) -> (usize, usize) {
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

#[derive(Deserialize)]
struct SchemaProbe {
    schema: u32,
}

/// Parse visit text and check it against the known templates.
pub fn parse_visit(path: &Path, text: &str, templates: &[Template]) -> Result<Visit, LoadError> {
    if let Some(line) = conflict_line(text) {
        return Err(LoadError::new(path, Some((line, 1)), LoadErrorKind::Conflict { line }));
    }
    // Read the schema version first, so a newer file says so instead of failing on a new field.
    if let Ok(probe) = ron::Options::default().from_str::<SchemaProbe>(text)
        && probe.schema > SCHEMA_VERSION
    {
        let position = key_position(text, "schema").or_else(|| text.find("schema").map(|o| position_of(text, o)));
        return Err(LoadError::new(path, position, LoadErrorKind::NewerSchema { found: probe.schema }));
    }
    let mut visit: Visit =
        ron::Options::default().from_str(text).map_err(|e| LoadError::from_parse(path, text, &e))?;
    if visit.schema > SCHEMA_VERSION {
        return Err(LoadError::new(path, None, LoadErrorKind::NewerSchema { found: visit.schema }));
    }
    check_against_template(path, text, &visit, templates)?;
    visit.normalize();
    Ok(visit)
}

/// The template a visit was filled against: same id, same version preferred, else any version.
pub fn template_for<'a>(visit: &Visit, templates: &'a [Template]) -> Option<&'a Template> {
    let same_id = || templates.iter().filter(|t| t.id == visit.template.id);
    same_id().find(|t| t.version == visit.template.version).or_else(|| same_id().max_by_key(|t| t.version))
}

fn check_against_template(path: &Path, text: &str, visit: &Visit, templates: &[Template]) -> Result<(), LoadError> {
    let position = |id: &str| key_position(text, id);
    let Some(template) = template_for(visit, templates) else {
        let id = visit.template.id.clone();
        return Err(LoadError::new(path, position(&id), LoadErrorKind::UnknownTemplate { id }));
    };
    for (id, answer) in &visit.answers {
        let Some(r) = template.item(id) else {
            let kind = LoadErrorKind::UnknownItem { id: id.clone(), template: template.id.clone() };
            return Err(LoadError::new(path, position(id), kind));
        };
        if let Some(value) = &answer.value
            && let Some(problem) = value_problem(r.item, value)
        {
            let kind = LoadErrorKind::BadAnswer { item: id.clone(), problem: Box::new(problem) };
            return Err(LoadError::new(path, position(id), kind));
        }
    }
    Ok(())
}
