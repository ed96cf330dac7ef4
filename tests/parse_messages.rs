//! Every error the RON parser can raise reaches the user as a sentence of ours, in Vietnamese or
//! English, never as ron's own English text (issue 11, point 4); a message quotes at most a short
//! piece of the file.

use std::path::Path;

use khaosat::core::template::Template;
use khaosat::store::format::{LoadError, LoadErrorKind, SyntaxError, parse_visit};
use khaosat::strings::Lang;
use ron::error::Error as RonError;

const VISIT: &str = "tests/fixtures/valid/2022-04-05_chi-bo-so-11.ron";

/// Every variant of ron 0.12's error (it is non-exhaustive: a new one falls to a sentence of ours
/// too, and belongs in this list).
fn every_ron_error() -> Vec<RonError> {
    let bytes = vec![0xff, 0xfe];
    let utf8 = std::str::from_utf8(&bytes).expect_err("not UTF-8");
    vec![
        RonError::Fmt,
        RonError::Io("Broken pipe".into()),
        RonError::Message("failed to parse two digit integer as month".into()),
        RonError::Message("expected a time hh:mm, found \"7pm\"".into()),
        RonError::Message(format!("{}prep.notice", khaosat::core::visit::DUPLICATE_ANSWER)),
        RonError::Eof,
        RonError::ExpectedArray,
        RonError::ExpectedArrayEnd,
        RonError::ExpectedAttribute,
        RonError::ExpectedAttributeEnd,
        RonError::ExpectedBoolean,
        RonError::ExpectedComma,
        RonError::ExpectedChar,
        RonError::ExpectedByteLiteral,
        RonError::ExpectedFloat,
        RonError::FloatUnderscore,
        RonError::ExpectedInteger,
        RonError::ExpectedOption,
        RonError::ExpectedOptionEnd,
        RonError::ExpectedMap,
        RonError::ExpectedMapColon,
        RonError::ExpectedMapEnd,
        RonError::ExpectedDifferentStructName { expected: "Visit", found: "root".into() },
        RonError::ExpectedStructLike,
        RonError::ExpectedNamedStructLike("Members"),
        RonError::ExpectedStructLikeEnd,
        RonError::ExpectedUnit,
        RonError::ExpectedString,
        RonError::ExpectedByteString,
        RonError::ExpectedStringEnd,
        RonError::ExpectedIdentifier,
        RonError::InvalidEscape("Unknown escape character"),
        RonError::IntegerOutOfBounds,
        RonError::InvalidIntegerDigit { digit: 'G', base: 16 },
        RonError::NoSuchExtension("foo".into()),
        RonError::UnclosedBlockComment,
        RonError::UnclosedLineComment,
        RonError::UnderscoreAtBeginning,
        RonError::UnexpectedChar('$'),
        RonError::Utf8Error(utf8),
        RonError::TrailingCharacters,
        RonError::InvalidValueForType {
            expected: "a borrowed string".into(),
            found: "the unsigned integer `5`".into(),
        },
        RonError::ExpectedDifferentLength { expected: "tuple variant Value::Pair with 2 elements".into(), found: 1 },
        RonError::NoSuchEnumVariant { expected: &["Yes", "No"], found: "Maybe".into(), outer: Some("Value".into()) },
        RonError::NoSuchStructField { expected: &["schema"], found: "shema".into(), outer: Some("Visit".into()) },
        RonError::MissingStructField { field: "schema", outer: Some("Visit".into()) },
        RonError::DuplicateStructField { field: "schema", outer: Some("Visit".into()) },
        RonError::InvalidIdentifier("why+not".into()),
        RonError::SuggestRawIdentifier("khu-dan-cu".into()),
        RonError::ExpectedRawValue,
        RonError::ExceededRecursionLimit,
        RonError::ExpectedStructName("Visit".into()),
        RonError::ExpectedRangeSyntax,
    ]
}

/// English words of ron's and serde's messages: none may be left in a Vietnamese one.
const ENGLISH: &[&str] = &[
    "a",
    "an",
    "and",
    "as",
    "at",
    "but",
    "cannot",
    "character",
    "comma",
    "digit",
    "digits",
    "element",
    "elements",
    "end",
    "error",
    "escape",
    "expected",
    "extension",
    "failed",
    "field",
    "found",
    "identifier",
    "in",
    "instead",
    "integer",
    "invalid",
    "is",
    "missing",
    "named",
    "no",
    "not",
    "number",
    "of",
    "one",
    "only",
    "opening",
    "closing",
    "or",
    "parse",
    "raw",
    "std",
    "string",
    "struct",
    "the",
    "to",
    "trailing",
    "try",
    "tuple",
    "type",
    "unexpected",
    "unknown",
    "variant",
    "with",
    "written",
    "value",
    "here",
    "there",
    "bytes",
    "text",
    "name",
];

/// The words of `message` outside quoted pieces and outside the list of names the file may use
/// (`(cần một trong: Yes, No)`): those are the file's own vocabulary, not sentences.
fn words_outside_quotes(message: &str) -> Vec<String> {
    let message = match message.find(" (cần một trong: ") {
        Some(at) => &message[..at],
        None => message,
    };
    let mut outside = String::new();
    let mut in_quotes = false;
    for c in message.chars() {
        if c == '"' {
            in_quotes = !in_quotes;
            outside.push(' ');
        } else if !in_quotes {
            outside.push(c);
        }
    }
    outside
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

fn assert_vietnamese(message: &str, context: &str) {
    let english: Vec<String> =
        words_outside_quotes(message).into_iter().filter(|w| ENGLISH.contains(&w.as_str())).collect();
    assert!(english.is_empty(), "{context}: English words {english:?} in the Vietnamese message {message:?}");
}

fn syntax_message(error: &RonError, lang: Lang) -> String {
    let kind = LoadErrorKind::Syntax(SyntaxError::from_ron(error));
    LoadError::new(Path::new("v.ron"), Some((1, 1)), kind).message(lang)
}

#[test]
fn every_ron_error_has_a_vietnamese_sentence_of_ours() {
    for error in every_ron_error() {
        let ron_says = error.to_string();
        for lang in [Lang::Vi, Lang::En] {
            let message = syntax_message(&error, lang);
            assert!(!message.contains(&ron_says), "{error:?}: ron's own text in {message:?}");
            assert!(message.chars().count() > "lỗi cú pháp: ".len(), "{error:?}: no sentence: {message:?}");
        }
        assert_vietnamese(&syntax_message(&error, Lang::Vi), &format!("{error:?}"));
    }
}

#[test]
fn the_english_word_check_catches_english() {
    // The check itself must be able to fail.
    let caught =
        std::panic::catch_unwind(|| assert_vietnamese("lỗi cú pháp: Expected struct `Visit` but found `root`", "t"));
    assert!(caught.is_err());
    assert_vietnamese("lỗi cú pháp: tên \"the root\" không đúng", "quoted pieces are the file's own");
}

/// Broken copies of a good visit, each meeting a different parser error, read as the app reads them.
fn broken_files() -> Vec<(&'static str, String)> {
    let good = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(VISIT)).expect("fixture");
    let long = "x".repeat(5000);
    vec![
        ("a name before the visit", good.replacen('(', "root(", 1)),
        ("a bad escape", good.replacen("\"Chi bộ số 11\"", "\"Chi \\q bộ\"", 1)),
        ("a stray character", good.replacen("schema: 1", "schema: 1 $", 1)),
        ("an impossible date", good.replacen("\"2022-04-05\"", "\"2022-13-45\"", 1)),
        ("a time that is not hh:mm", good.replacen("\"19:30\"", "\"7pm\"", 1)),
        ("a broken moment", good.replacen("created: \"", "created: \"x", 1)),
        ("a negative count", good.replacen("total: Some(42)", "total: Some(-4)", 1)),
        ("a huge count", good.replacen("total: Some(42)", "total: Some(99999999999)", 1)),
        ("a text for a count", good.replacen("total: Some(42)", "total: Some(\"42\")", 1)),
        ("a dash in a name", good.replacen("branch_type: khu_dan_cu", "branch_type: khu-dan-cu", 1)),
        ("a pair of one", good.replacen("value: Some(Yes)", "value: Some(Pair(1))", 1)),
        ("a leading underscore", good.replacen("total: Some(42)", "total: Some(_42)", 1)),
        ("an unknown extension", format!("#![enable(foo)]\n{good}")),
        ("a long unknown field", good.replacen("schema: 1", &format!("{long}: 1"), 1)),
        ("a long unknown value", good.replacen("branch_type: khu_dan_cu", &format!("branch_type: {long}"), 1)),
        ("a long impossible date", good.replacen("\"2022-04-05\"", &format!("\"{long}\""), 1)),
    ]
}

#[test]
fn broken_visits_are_described_in_vietnamese_quoting_little_of_the_file() {
    let templates = [Template::embedded()];
    for (name, text) in broken_files() {
        let error = parse_visit(Path::new("v.ron"), &text, &templates).expect_err(name);
        let vi = error.message(Lang::Vi);
        assert_vietnamese(&vi, name);
        assert!(
            !vi.contains("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
            "{name}: more than 40 characters quoted: {vi}"
        );
        assert!(vi.chars().count() < 400, "{name}: {} characters: {vi}", vi.chars().count());
        let en = error.message(Lang::En);
        assert_ne!(vi, en, "{name}: the same text in both languages");
    }
}
