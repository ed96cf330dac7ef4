//! Hostile file content (issue 5): every way a visit file can be broken, cut, doubled, bloated or
//! crafted, through the library (`load_visit`) and through the real binary (`validate`, `summary`).
//!
//! Each case must end in a clear message that names the file (and `line:col` where there is a
//! place to point at), never a panic, an abort or a hang, and must leave the other files alone.
//! Decisions taken here, and documented in docs/hostile-input.md:
//! - a UTF-8 BOM and CRLF line ends are accepted (a file saved by a Windows editor still loads);
//! - UTF-16 is refused with its own message (save as UTF-8);
//! - a text field over `MAX_TEXT_CHARS` (100 000 characters, e.g. a 10 MB note) is refused:
//!   the checklist took seconds per key to lay such a note out;
//! - an answer id given twice is an error naming the id and its second line (a map keeps the last
//!   value silently, which would lose an answer).
//!
//! The last tests are the stable-Rust stand-in for the fuzz targets in fuzz/: random mutations of
//! a real visit and of the embedded template, fed to the parsers, which must never panic.

#[path = "hostile_common/mod.rs"]
mod common;

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{MANIFEST, khaosat, snapshot};

use khaosat::core::template::Template;
use khaosat::core::template_check::check_template;
use khaosat::core::visit::Visit;
use khaosat::store::format::{
    LoadError, LoadErrorKind, MAX_FILE_BYTES, MAX_TEXT_CHARS, decode_text, parse_visit, template_to_ron, visit_to_ron,
};
use khaosat::store::load_visit;
use khaosat::strings::Lang;
use proptest::prelude::*;

const EXAMPLES: &str = "data/examples/round-967";
const EXAMPLE: &str = "2022-04-06_chi-bo-so-11.ron";

// ------------------------------------------------------------------------------------ helpers

fn example_path() -> PathBuf {
    Path::new(MANIFEST).join(EXAMPLES).join(EXAMPLE)
}

fn example_text() -> String {
    fs::read_to_string(example_path()).expect("read the example visit")
}

fn templates() -> Vec<Template> {
    vec![Template::embedded()]
}

/// `text` with `old` (which must be there) replaced once by `new`.
fn edit(text: &str, old: &str, new: &str) -> String {
    assert!(text.contains(old), "{old:?} is not in the example");
    text.replacen(old, new, 1)
}

/// The 1-based line where `needle` first appears in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    let offset = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not found"));
    text[..offset].matches('\n').count() + 1
}

/// The 1-based (line, column in characters) where `needle` first appears in `text`.
fn position(text: &str, needle: &str) -> (usize, usize) {
    let offset = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not found"));
    let before = &text[..offset];
    let col = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
    (before.matches('\n').count() + 1, col)
}

/// Write `bytes` as `name` in a fresh folder and load it through the library.
fn load_bytes(name: &str, bytes: &[u8]) -> Result<Visit, LoadError> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(name);
    fs::write(&path, bytes).expect("write");
    load_visit(&path, &templates())
}

// ------------------------------------------------------------------------------------ the cases

/// Where an error must point.
#[derive(Debug, Clone, Copy)]
enum At {
    /// Nowhere: the whole file is the problem (too large, UTF-16).
    Nowhere,
    /// This line, any column.
    Line(usize),
    /// This line and column.
    LineCol(usize, usize),
    /// Some position (a truncation: at the end of what is there).
    Somewhere,
}

#[derive(Debug)]
enum Expect {
    /// Loads; the visit must equal the example's.
    SameAsExample,
    /// Refused with this English message (a part of it) at this place.
    Refused(&'static str, At),
}

struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    expect: Expect,
}

fn case(name: &'static str, bytes: impl Into<Vec<u8>>, expect: Expect) -> Case {
    Case { name, bytes: bytes.into(), expect }
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
    for unit in text.encode_utf16() {
        let bytes = if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() };
        out.extend(bytes);
    }
    out
}

/// The content family: one case per way a file can be wrong, plus the accepted variants.
fn content_cases() -> Vec<Case> {
    use Expect::{Refused, SameAsExample};
    let t = example_text();
    let mut cases = vec![
        case("empty", "", Refused("the file is empty", At::LineCol(1, 1))),
        case("whitespace-only", " \n\t\r\n  \n", Refused("the file is empty", At::LineCol(1, 1))),
        case("bom", [&[0xEF, 0xBB, 0xBF][..], t.as_bytes()].concat(), SameAsExample),
        case("crlf", t.replace('\n', "\r\n"), SameAsExample),
        case("bom-and-crlf", [&[0xEF, 0xBB, 0xBF][..], t.replace('\n', "\r\n").as_bytes()].concat(), SameAsExample),
        case("utf16-le-bom", utf16(&t, false), Refused("the file is UTF-16 text: save it as UTF-8", At::Nowhere)),
        case("utf16-be-bom", utf16(&t, true), Refused("the file is UTF-16 text: save it as UTF-8", At::Nowhere)),
        // Without a BOM: a visit starts with ASCII, which UTF-16 writes with a zero byte beside it.
        case("utf16-le-no-bom", utf16(&t, false)[2..].to_vec(), Refused("the file is UTF-16 text", At::Nowhere)),
        case("utf16-be-no-bom", utf16(&t, true)[2..].to_vec(), Refused("the file is UTF-16 text", At::Nowhere)),
        case("nul-at-start", [b"\0".as_slice(), t.as_bytes()].concat(), Refused("the file is not UTF-8 text", At::LineCol(1, 1))),
        case(
            "nul-in-a-note",
            edit(&t, "Chi ủy có họp", "Chi ủy\0 có họp"),
            {
                let (line, col) = position(&t, "Chi ủy có họp");
                Refused("the file is not UTF-8 text", At::LineCol(line, col + "Chi ủy".chars().count()))
            },
        ),
        case("nul-at-end", format!("{t}\0"), Refused("the file is not UTF-8 text", At::LineCol(t.matches('\n').count() + 1, 1))),
        case(
            "invalid-utf8",
            {
                let mut b = t.clone().into_bytes();
                let at = t.find("Bí thư chi bộ").expect("chair");
                b[at] = 0xFF;
                b
            },
            {
                let (line, col) = position(&t, "Bí thư chi bộ");
                Refused("the file is not UTF-8 text", At::LineCol(line, col))
            },
        ),
        case(
            "two-documents",
            format!("{t}{t}"),
            Refused("unexpected content after the data (two documents joined?)", At::LineCol(t.matches('\n').count() + 1, 1)),
        ),
        case(
            "two-documents-one-line-apart",
            format!("{t}\n{t}"),
            Refused("unexpected content after the data", At::Line(t.matches('\n').count() + 2)),
        ),
        // Nesting thousands deep, wherever it can go. The typed parts of a visit refuse a wrong
        // shape at its first level; values skipped while reading the schema version recurse, and
        // are held by ron's recursion limit. None may overflow the stack.
        case(
            "deep-in-an-answer",
            edit(&t, "Some(Number(9))", &format!("{}9{}", "Some(".repeat(5000), ")".repeat(5000))),
            Refused("\"Some\" is not a valid value", At::Line(line_of(&t, "Some(Number(9))"))),
        ),
        case(
            "deep-lists-one-line",
            format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
            Refused("expected a parenthesis", At::LineCol(1, 1)),
        ),
        case(
            "deep-structs-many-lines",
            format!("{}{}", "(\n".repeat(20_000), ")\n".repeat(20_000)),
            Refused("expected a field name", At::Line(1)),
        ),
        case(
            "deep-maps-in-a-note",
            edit(&t, "value: Some(Number(9)),", &format!("value: Some(Number(9)), note: {}\"x\"{},", "{\"a\": ".repeat(3000), "}".repeat(3000))),
            Refused("expected a text in double quotes", At::Line(line_of(&t, "value: Some(Number(9)),"))),
        ),
        case(
            "deep-in-an-unknown-field-one-line",
            format!("(schema: 1, x: {}{})", "[".repeat(100_000), "]".repeat(100_000)),
            Refused("unknown field \"x\"", At::LineCol(1, 13)),
        ),
        case(
            "deep-in-an-unknown-field",
            edit(&t, "  status: Final,", &format!("  x: {}{},\n  status: Final,", "(".repeat(100_000), ")".repeat(100_000))),
            Refused("unknown field \"x\"", At::LineCol(line_of(&t, "  status: Final,"), 3)),
        ),
        case(
            "deep-answers-map",
            edit(&t, "  answers: {\n", &format!("  answers: {{\n    \"x\": {}{},\n", "(".repeat(100_000), ")".repeat(100_000))),
            Refused("expected a field name", At::Line(line_of(&t, "  answers: {") + 1)),
        ),
        case(
            "nested-comments",
            edit(&t, "  status: Final,", &format!("{}\n  status: Final,", "/*".repeat(100_000))),
            Refused("the file ends too early", At::Somewhere),
        ),
        case(
            "duplicate-answer",
            edit(&t, "    \"att.higher_level\": (", "    \"att.broadened\": (\n      value: Some(No),\n    ),\n    \"att.higher_level\": ("),
            Refused("item \"att.broadened\" is answered twice in the file", At::Line(line_of(&t, "\"att.higher_level\""))),
        ),
        case(
            "duplicate-answer-far-apart",
            edit(&t, "  },\n  status: Final,", "    \"prep.notice\": (\n      value: Some(No),\n    ),\n  },\n  status: Final,"),
            Refused("item \"prep.notice\" is answered twice", At::Line(line_of(&t, "  },\n  status: Final,"))),
        ),
        case(
            "duplicate-field",
            edit(&t, "  status: Final,", "  status: Final,\n  status: Draft,"),
            Refused("field \"status\" appears twice", At::Line(line_of(&t, "  status: Final,") + 1)),
        ),
        case(
            "duplicate-meeting-field",
            edit(&t, "    chair: \"Bí thư chi bộ\",", "    chair: \"Bí thư chi bộ\",\n    chair: \"Người khác\","),
            Refused("field \"chair\" appears twice", At::Line(line_of(&t, "    chair: ") + 1)),
        ),
        case(
            "unknown-top-field",
            edit(&t, "  status: Final,", "  status: Final,\n  signed_by: \"x\","),
            Refused("unknown field \"signed_by\" (a typo?)", At::LineCol(line_of(&t, "  status: Final,") + 1, 3)),
        ),
        case(
            "unknown-meeting-field",
            edit(&t, "    chair:", "    chiar: \"x\",\n    chair:"),
            Refused("unknown field \"chiar\"", At::LineCol(line_of(&t, "    chair:"), 5)),
        ),
        case(
            "unknown-members-field",
            edit(&t, "      total: Some(52),", "      totl: Some(52),"),
            Refused("unknown field \"totl\"", At::LineCol(line_of(&t, "      total: Some(52),"), 7)),
        ),
        case(
            "unknown-answer-field",
            edit(&t, "      value: Some(Number(9)),", "      value: Some(Number(9)),\n      colour: \"red\","),
            Refused("unknown field \"colour\"", At::Line(line_of(&t, "      value: Some(Number(9)),") + 1)),
        ),
        case(
            "unknown-template-field",
            edit(&t, "    hash: \"5b06512f72b0233d\",", "    hash: \"5b06512f72b0233d\",\n    url: \"x\","),
            Refused("unknown field \"url\"", At::Line(line_of(&t, "    hash:") + 1)),
        ),
        case(
            "newer-schema",
            edit(&t, "schema: 1,", "schema: 9,"),
            Refused("written by a newer khaosat (format 9, this one reads up to 3): update khaosat", At::LineCol(2, 3)),
        ),
        case(
            "newer-schema-with-new-fields",
            edit(&edit(&t, "schema: 1,", "schema: 7,"), "  status: Final,", "  status: Final,\n  signatures: [(by: \"x\", key: \"y\")],"),
            Refused("written by a newer khaosat (format 7", At::LineCol(2, 3)),
        ),
        case("schema-overflow", edit(&t, "schema: 1,", "schema: 4294967296,"), Refused("the number is too large, or negative where only 0 and up are allowed", At::Line(2))),
        case("schema-negative", edit(&t, "schema: 1,", "schema: -1,"), Refused("the number is too large, or negative where only 0 and up are allowed", At::Line(2))),
        case(
            "number-overflow",
            edit(&t, "Number(9)", "Number(4294967296)"),
            Refused("the number is too large, or negative where only 0 and up are allowed", At::Line(line_of(&t, "Number(9)"))),
        ),
        case(
            "number-huge",
            edit(&t, "Number(9)", &format!("Number({})", "9".repeat(5000))),
            Refused("the number is too large, or negative where only 0 and up are allowed", At::Line(line_of(&t, "Number(9)"))),
        ),
        case(
            "number-negative",
            edit(&t, "Number(9)", "Number(-1)"),
            Refused("the number is too large, or negative where only 0 and up are allowed", At::Line(line_of(&t, "Number(9)"))),
        ),
        case(
            "number-float",
            edit(&t, "Number(9)", "Number(9.5)"),
            Refused("syntax error", At::Line(line_of(&t, "Number(9)"))),
        ),
        case(
            "scale-overflow",
            edit(&t, "Scale(4)", "Scale(256)"),
            Refused("the number is too large, or negative where only 0 and up are allowed", At::Line(line_of(&t, "Scale(4)"))),
        ),
        case(
            "pair-negative",
            edit(&t, "Pair(0, 1)", "Pair(-1, 1)"),
            Refused("the number is too large, or negative where only 0 and up are allowed", At::Line(line_of(&t, "Pair(0, 1)"))),
        ),
        case(
            "members-negative",
            edit(&t, "total: Some(52)", "total: Some(-52)"),
            Refused("the number is too large, or negative where only 0 and up are allowed", At::Line(line_of(&t, "total: Some(52)"))),
        ),
        case(
            "members-overflow",
            edit(&t, "total: Some(52)", "total: Some(99999999999999999999999)"),
            Refused("the number is too large, or negative where only 0 and up are allowed", At::Line(line_of(&t, "total: Some(52)"))),
        ),
        case(
            "template-version-negative",
            edit(&t, "    version: 1,", "    version: -1,"),
            Refused("the number is too large, or negative where only 0 and up are allowed", At::Line(line_of(&t, "    version: 1,"))),
        ),
        case(
            "conflict-markers",
            edit(
                &t,
                "    \"att.broadened\": (\n      value: Some(Yes),\n    ),",
                "<<<<<<< HEAD\n    \"att.broadened\": (\n      value: Some(Yes),\n    ),\n=======\n    \"att.broadened\": (\n      value: Some(No),\n    ),\n>>>>>>> 3f2a1bc (Chi bộ số 11: sửa)",
            ),
            Refused(
                &*Box::leak(format!("unresolved merge at line {}", line_of(&t, "\"att.broadened\"")).into_boxed_str()),
                At::LineCol(line_of(&t, "\"att.broadened\""), 1),
            ),
        ),
        case(
            "conflict-markers-crlf",
            edit(&t, "  inspectors: [", "<<<<<<< ours\n  inspectors: [\"A\"],\n=======\n  inspectors: [\"B\"],\n>>>>>>> theirs\n  inspectors: [")
                .replace('\n', "\r\n"),
            Refused(
                &*Box::leak(format!("unresolved merge at line {}", line_of(&t, "  inspectors: [")).into_boxed_str()),
                At::Line(line_of(&t, "  inspectors: [")),
            ),
        ),
        case(
            "unknown-items-100000",
            {
                let mut many = String::with_capacity(4_000_000);
                for i in 0..100_000 {
                    many.push_str(&format!("    \"bogus.item_{i:06}\": (value: Some(Yes)),\n"));
                }
                edit(&t, "  answers: {\n", &format!("  answers: {{\n{many}"))
            },
            Refused("item \"bogus.item_000000\" is not in template hd12-2018", At::LineCol(line_of(&t, "  answers: {") + 1, 5)),
        ),
        case(
            "note-10mb",
            edit(&t, "Chi ủy có họp nhưng không ghi biên bản", &"Ghi chú rất dài. ".repeat(10_000_000 / 20)),
            Refused(
                "\"min.committee_minutes\" holds 8500000 characters, more than the 100000 a field may hold",
                At::Line(line_of(&t, "\"min.committee_minutes\"")),
            ),
        ),
        case(
            "branch-200k",
            edit(&t, "branch: \"Chi bộ số 11\"", &format!("branch: \"{}\"", "b".repeat(200_000))),
            Refused("branch holds 200000 characters", At::Line(line_of(&t, "branch: \"Chi bộ số 11\""))),
        ),
        case("not-ron-at-all", "PK\u{3}\u{4} this is a zip file, renamed", Refused("syntax error", At::Somewhere)),
        case("json-instead", "{\"schema\": 1, \"answers\": {}}\n", Refused("syntax error", At::Line(1))),
        case(
            "one-line-with-unknown-field",
            t.replace("\n", " ").replacen("status: Final,", "status: Final, extra: 1,", 1),
            Refused("unknown field \"extra\"", At::Line(1)),
        ),
    ];
    let mut latin1 = t.clone().into_bytes();
    let at = t.find("Bí thư").expect("chair") + 1;
    latin1.splice(at..at + 2, [0xED]); // "í" as Latin-1: one byte, not UTF-8
    let (line, col) = position(&t, "Bí thư chi bộ");
    cases.push(case("latin1", latin1, Refused("the file is not UTF-8 text", At::LineCol(line, col + 1))));
    cases
}

fn check(case: &Case, result: Result<Visit, LoadError>, example: &Visit) {
    match (&case.expect, result) {
        (Expect::SameAsExample, Ok(visit)) => {
            assert_eq!(&visit, example, "{}: loads, but differs", case.name)
        }
        (Expect::SameAsExample, Err(e)) => {
            panic!("{}: refused: {}", case.name, e.display(Lang::En))
        }
        (Expect::Refused(message, _), Ok(_)) => {
            panic!("{}: accepted; expected {message:?}", case.name)
        }
        (Expect::Refused(message, at), Err(e)) => {
            let shown = e.display(Lang::En);
            assert!(shown.contains(message), "{}: {shown}\nexpected {message:?}", case.name);
            match (*at, e.position) {
                (At::Nowhere, None) | (At::Somewhere, Some(_)) => {}
                (At::Line(l), Some((line, _))) if l == line => {}
                (At::LineCol(l, c), Some(p)) if (l, c) == p => {}
                (at, position) => {
                    panic!("{}: at {position:?}, expected {at:?}: {shown}", case.name)
                }
            }
        }
    }
}

fn example_visit() -> Visit {
    load_visit(&example_path(), &templates()).expect("the example loads")
}

#[test]
fn ron_keeps_its_recursion_limit_by_default() {
    // parse_visit and Template::from_ron use ron::Options::default(); without the limit, deep
    // input would overflow the stack and abort the process (no panic to catch).
    assert_eq!(ron::Options::default().recursion_limit, Some(128));
}

#[test]
fn content_cases_through_the_library() {
    let example = example_visit();
    let cases = content_cases();
    for case in &cases {
        let start = Instant::now();
        let result = load_bytes(&format!("{}.ron", case.name), &case.bytes);
        let took = start.elapsed();
        check(case, result, &example);
        // Debug build; minutes would mean something quadratic.
        assert!(took < Duration::from_secs(60), "{}: took {took:?}", case.name);
        eprintln!("{:<32} {:>10} bytes  {took:?}", case.name, case.bytes.len());
    }
    eprintln!("{} content cases", cases.len());
}

/// The same messages in Vietnamese for the cases people meet most.
#[test]
fn content_messages_in_vietnamese() {
    let t = example_text();
    let vi = |bytes: &[u8]| load_bytes("x.ron", bytes).expect_err("refused").display(Lang::Vi);
    let conflict = edit(&t, "  inspectors: [", "<<<<<<< HEAD\n=======\n>>>>>>> b\n  inspectors: [");
    assert!(
        vi(conflict.as_bytes())
            .contains(&format!("xung đột git chưa giải quyết ở dòng {}", line_of(&t, "  inspectors: [")))
    );
    assert!(vi(b"").contains("tệp rỗng"));
    assert!(vi(&utf16(&t, false)).contains("UTF-16"));
    let dup = edit(&t, "    \"att.higher_level\": (", "    \"att.broadened\": (),\n    \"att.higher_level\": (");
    assert!(vi(dup.as_bytes()).contains("mục \"att.broadened\" được trả lời hai lần"), "{}", vi(dup.as_bytes()));
    assert!(vi(edit(&t, "schema: 1,", "schema: 9,").as_bytes()).contains("phiên bản khaosat mới hơn"));
}

/// Every refused content case, side by side with two good visits in one folder: `validate` names
/// each bad file with its place and exits 1; `summary` merges the good ones, lists the skipped
/// and exits 0 (1 with --strict); nothing in the folder is written.
#[test]
fn content_cases_through_validate_and_summary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = ["2022-04-04_chi-bo-doi-canh-sat-giao-thong-trat-tu.ron", EXAMPLE];
    for name in good {
        fs::copy(Path::new(MANIFEST).join(EXAMPLES).join(name), dir.path().join(name)).expect("copy");
    }
    let cases = content_cases();
    for case in &cases {
        fs::write(dir.path().join(format!("{}.ron", case.name)), &case.bytes).expect("write");
    }
    let before = snapshot(dir.path());
    let accepted = cases.iter().filter(|c| matches!(c.expect, Expect::SameAsExample)).count();

    let run = khaosat(&[OsStr::new("--lang"), "en".as_ref(), "validate".as_ref(), dir.path().as_os_str()]);
    assert_eq!(run.code, Some(1), "{}", run.show());
    let refused = cases.len() - accepted;
    assert!(
        run.stderr.contains(&format!("{} file(s) valid, {refused} invalid", good.len() + accepted)),
        "{}",
        run.show()
    );
    for case in &cases {
        let path = dir.path().join(format!("{}.ron", case.name));
        let prefix = format!("{}:", path.display());
        let line = run.stderr.lines().find(|l| l.starts_with(&prefix));
        match (&case.expect, line) {
            (Expect::SameAsExample, None) => {}
            (Expect::SameAsExample, Some(line)) => {
                panic!("{}: refused by validate: {line}", case.name)
            }
            (Expect::Refused(message, at), Some(line)) => {
                assert!(line.contains(message), "{}: {line}", case.name);
                let rest = &line[prefix.len()..];
                let mut parts = rest.splitn(3, ':');
                let (l, c) = (
                    parts.next().and_then(|p| p.parse::<usize>().ok()),
                    parts.next().and_then(|p| p.parse::<usize>().ok()),
                );
                match at {
                    At::Nowhere => assert!(rest.starts_with(' '), "{}: {line}", case.name),
                    At::Somewhere => assert!(l.is_some() && c.is_some(), "{}: {line}", case.name),
                    At::Line(n) => assert_eq!(l, Some(*n), "{}: {line}", case.name),
                    At::LineCol(n, m) => {
                        assert_eq!((l, c), (Some(*n), Some(*m)), "{}: {line}", case.name)
                    }
                }
            }
            (Expect::Refused(message, _), None) => {
                panic!("{}: not reported ({message})\n{}", case.name, run.show())
            }
        }
    }

    let run = khaosat(&[OsStr::new("--lang"), "en".as_ref(), "summary".as_ref(), dir.path().as_os_str()]);
    assert_eq!(run.code, Some(0), "{}", run.show());
    let report = String::from_utf8_lossy(&run.stdout);
    // The cases accepted are records of the example's meeting: counted once with it, and named
    // as records to reconcile (issue 16).
    assert!(report.contains(&format!("Visits merged: {}\n", good.len())), "{report}");
    assert!(accepted == 0 || run.stderr.contains("khaosat reconcile"), "{}", run.show());
    assert!(report.contains(&format!("{refused} file(s) skipped because")), "{report}");
    assert!(run.stderr.contains(&format!("{refused} file(s) skipped\n")), "{}", run.show());
    for case in cases.iter().filter(|c| matches!(c.expect, Expect::Refused(..))) {
        let name = format!("{}.ron", case.name);
        assert!(run.stderr.contains(&name), "summary did not report {name}\n{}", run.show());
        assert!(report.contains(&name), "the report does not list {name} as skipped");
    }
    let strict = khaosat(&[
        OsStr::new("--lang"),
        "en".as_ref(),
        "summary".as_ref(),
        "--strict".as_ref(),
        dir.path().as_os_str(),
    ]);
    assert_eq!(strict.code, Some(1), "{}", strict.show());
    assert_eq!(snapshot(dir.path()), before, "the folder was changed");
    eprintln!("{} content cases through validate and summary", cases.len());
}

// ------------------------------------------------------------------------------------ truncation

/// A real visit cut at every byte offset: refused with a position (the end of what is there)
/// and "ends too early", or, when only trailing blanks were cut, accepted unchanged. The cuts are
/// shared between threads (a debug-build parse takes milliseconds).
#[test]
fn truncated_at_every_offset_through_the_library() {
    let bytes = fs::read(example_path()).expect("read");
    let full = example_visit();
    let dir = tempfile::tempdir().expect("tempdir");
    let complete = String::from_utf8_lossy(&bytes).trim_end().len();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let outcomes: Vec<(usize, Result<Visit, LoadError>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let (bytes, dir) = (&bytes, dir.path());
                scope.spawn(move || {
                    let path = dir.join(format!("cut-{t}.ron"));
                    let templates = templates();
                    (t..bytes.len())
                        .step_by(threads)
                        .map(|cut| {
                            fs::write(&path, &bytes[..cut]).expect("write");
                            (cut, load_visit(&path, &templates))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().expect("worker")).collect()
    });
    let mut refused = 0;
    let mut wrong = Vec::new();
    for (cut, outcome) in outcomes {
        match outcome {
            Ok(v) => {
                assert!(cut >= complete, "cut at {cut} of {} accepted", bytes.len());
                assert_eq!(v, full);
            }
            Err(e) => {
                refused += 1;
                let shown = e.display(Lang::En);
                let expected = if cut == 0 {
                    shown.ends_with("the file is empty")
                } else {
                    e.position.is_some() && shown.ends_with("syntax error: the file ends too early (truncated?)")
                };
                if !expected {
                    let tail = String::from_utf8_lossy(&bytes[cut.saturating_sub(20)..cut]).into_owned();
                    wrong.push(format!("cut at {cut} (after {tail:?}): {shown}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{} cuts misreported:\n{}", wrong.len(), wrong.join("\n"));
    assert_eq!(refused, complete, "every cut before the closing parenthesis is refused");
    eprintln!("{} truncations, {refused} refused", bytes.len());
}

/// Every 7th cut of every example visit in one folder, through `validate`: each named, with
/// line:col, and the run ends (exit 1) without panicking.
#[test]
fn truncated_files_through_validate() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut count = 0;
    for entry in fs::read_dir(Path::new(MANIFEST).join(EXAMPLES)).expect("examples").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == "round.ron" || !name.ends_with(".ron") {
            continue;
        }
        let bytes = fs::read(entry.path()).expect("read");
        let stem = name.trim_end_matches(".ron");
        for cut in (1..bytes.len() - 2).step_by(7) {
            fs::write(dir.path().join(format!("{stem}-{cut:05}.ron")), &bytes[..cut]).expect("write");
            count += 1;
        }
    }
    let run = khaosat(&[OsStr::new("--lang"), "en".as_ref(), "validate".as_ref(), dir.path().as_os_str()]);
    assert_eq!(run.code, Some(1), "{}", run.show());
    let reported = run
        .stderr
        .lines()
        .filter(|l| l.ends_with("syntax error: the file ends too early (truncated?)"))
        .filter(|l| {
            let rest = l.split(".ron:").nth(1).unwrap_or_default();
            let mut p = rest.split(':');
            p.next().is_some_and(|n| n.parse::<usize>().is_ok()) && p.next().is_some_and(|n| n.parse::<usize>().is_ok())
        })
        .count();
    assert_eq!(reported, count, "{}", run.show());
    assert!(run.stderr.contains(&format!("0 file(s) valid, {count} invalid")), "{}", run.show());
    eprintln!("{count} truncated files through validate");
}

// ------------------------------------------------------------------------------------ size

/// A 100 MB file (sparse: made in no time) is refused by its size before being read.
#[test]
fn a_100_mb_file_is_refused_unread() {
    let dir = tempfile::tempdir().expect("tempdir");
    let big = dir.path().join("big.ron");
    let file = fs::File::create(&big).expect("create");
    file.set_len(100 * 1024 * 1024).expect("set_len");
    drop(file);
    fs::copy(example_path(), dir.path().join(EXAMPLE)).expect("copy");
    let start = Instant::now();
    let err = load_visit(&big, &templates()).expect_err("refused");
    assert!(start.elapsed() < Duration::from_secs(1), "took {:?}: was it read?", start.elapsed());
    assert!(matches!(err.kind, LoadErrorKind::TooLarge { size } if size == 100 * 1024 * 1024), "{err:?}");
    let shown = err.display(Lang::En);
    assert!(
        shown.ends_with(&format!("file too large (104857600 bytes; at most {MAX_FILE_BYTES}): not a visit file?")),
        "{shown}"
    );
    let run = khaosat(&[OsStr::new("--lang"), "en".as_ref(), "validate".as_ref(), dir.path().as_os_str()]);
    assert_eq!(run.code, Some(1), "{}", run.show());
    assert!(run.stderr.contains(&format!("{}: file too large", big.display())), "{}", run.show());
    let run = khaosat(&[OsStr::new("summary"), dir.path().as_os_str()]);
    assert_eq!(run.code, Some(0), "{}", run.show());
    assert!(run.stderr.contains("big.ron"), "{}", run.show());
}

/// Just under the size cap, a file of blanks is read (and refused as empty) in reasonable time.
#[test]
fn a_file_at_the_size_cap_is_read_and_refused_as_empty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("blank.ron");
    fs::write(&path, vec![b' '; MAX_FILE_BYTES as usize]).expect("write");
    let err = load_visit(&path, &templates()).expect_err("refused");
    assert_eq!(err.kind, LoadErrorKind::Empty);
    fs::write(&path, vec![b' '; MAX_FILE_BYTES as usize + 1]).expect("write");
    let err = load_visit(&path, &templates()).expect_err("refused");
    assert!(matches!(err.kind, LoadErrorKind::TooLarge { .. }), "{err:?}");
}

/// A text at the limit is kept; one character more is refused with the field's name.
#[test]
fn a_text_at_the_limit_is_kept() {
    let t = example_text();
    let at_limit = edit(&t, "Chi ủy có họp nhưng không ghi biên bản", &"ư".repeat(MAX_TEXT_CHARS));
    let visit = parse_visit(Path::new("x.ron"), &at_limit, &templates()).expect("at the limit");
    assert_eq!(visit.answers["min.committee_minutes"].note.chars().count(), MAX_TEXT_CHARS);
    let over = edit(&t, "Chi ủy có họp nhưng không ghi biên bản", &"ư".repeat(MAX_TEXT_CHARS + 1));
    let err = parse_visit(Path::new("x.ron"), &over, &templates()).expect_err("over the limit");
    assert_eq!(
        err.message(Lang::En),
        "\"min.committee_minutes\" holds 100001 characters, more than the 100000 a field may hold (a whole file pasted in?): shorten it"
    );
    // The same for the general notes, the inspectors and a text answer.
    for (old, field) in [("  status: Final,", "notes"), ("    \"Lê Thị Tú\",\n  ],", "inspectors")] {
        let long = "x".repeat(MAX_TEXT_CHARS + 1);
        let text = match field {
            "notes" => edit(&t, old, &format!("  notes: \"{long}\",\n{old}")),
            _ => edit(&t, old, &format!("    \"Lê Thị Tú\",\n    \"{long}\",\n  ],")),
        };
        let err = parse_visit(Path::new("x.ron"), &text, &templates()).expect_err(field);
        assert!(
            err.message(Lang::En).starts_with(&format!("{field} holds 100001 characters")),
            "{}",
            err.message(Lang::En)
        );
        assert!(err.position.is_some());
    }
    let text = edit(&t, "Text(\"Chọn lọc", &format!("Text(\"{}Chọn lọc", "y".repeat(MAX_TEXT_CHARS)));
    let err = parse_visit(Path::new("x.ron"), &text, &templates()).expect_err("text answer");
    assert!(err.message(Lang::En).starts_with("\"overall.recommendations\" holds"), "{}", err.message(Lang::En));
}

// ------------------------------------------------------------------------------------ fuzzing

/// Tokens a mutation may insert: the characters and words that steer the RON parser.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "\\",
    "r#\"",
    "\"#",
    "Some(",
    "None",
    "true",
    "-",
    "4294967296",
    "0x",
    "1e9",
    "/*",
    "*/",
    "//",
    "\n",
    "\r\n",
    "\u{0}",
    "\u{1b}]0;x\u{7}",
    "\u{202e}",
    "<<<<<<< a\n",
    "=======\n",
    ">>>>>>> b\n",
    "schema: 2,",
    "\"att.broadened\": (),",
    "Number(",
    "Scale(",
    "Pair(",
    "Choice(",
    "Choices([",
    "Text(",
    "Yes",
    "No",
    "NotApplicable",
    "Final",
    "Draft",
    "ư",
    "\u{feff}",
];

#[derive(Debug, Clone)]
enum Mutation {
    Delete { at: usize, len: usize },
    Insert { at: usize, token: usize },
    Flip { at: usize, byte: u8 },
    Duplicate { at: usize, len: usize, to: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1..64usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(at, token)| Mutation::Insert { at, token }),
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Flip { at, byte }),
        (any::<usize>(), 1..400usize, any::<usize>()).prop_map(|(at, len, to)| Mutation::Duplicate { at, len, to }),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    if bytes.is_empty() {
        return;
    }
    let n = bytes.len();
    match *m {
        Mutation::Delete { at, len } => {
            let at = at % n;
            bytes.drain(at..(at + len).min(n));
        }
        Mutation::Insert { at, token } => {
            let at = at % (n + 1);
            bytes.splice(at..at, TOKENS[token].bytes());
        }
        Mutation::Flip { at, byte } => bytes[at % n] = byte,
        Mutation::Duplicate { at, len, to } => {
            let at = at % n;
            let piece = bytes[at..(at + len).min(n)].to_vec();
            let to = to % (n + 1);
            bytes.splice(to..to, piece);
        }
    }
}

/// What the fuzz target `load_visit` checks, on bytes: never a panic; what loads saves and
/// loads back the same.
fn parse_visit_never_panics(bytes: &[u8], templates: &[Template]) -> Result<(), TestCaseError> {
    let path = Path::new("fuzz.ron");
    let Ok(text) = decode_text(path, bytes) else {
        return Ok(());
    };
    match parse_visit(path, &text, templates) {
        Ok(visit) => {
            let again = parse_visit(path, &visit_to_ron(&visit), templates);
            prop_assert_eq!(again.as_ref().ok(), Some(&visit), "saved text does not load back");
        }
        Err(e) => {
            // The message renders in both languages without control characters.
            for lang in [Lang::Vi, Lang::En] {
                let shown = e.display(lang);
                prop_assert!(!shown.chars().any(|c| c.is_control()), "control in {:?}", shown);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Stable-Rust stand-in for `fuzz/fuzz_targets/load_visit.rs`: 1–8 mutations of a real visit.
    #[test]
    fn mutated_visits_never_panic(mutations in proptest::collection::vec(mutation(), 1..8)) {
        let mut bytes = fs::read(example_path()).expect("read");
        for m in &mutations {
            apply(&mut bytes, m);
        }
        parse_visit_never_panics(&bytes, &templates())?;
    }

}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    /// Arbitrary characters, and arbitrary characters after a real visit's first lines, never
    /// panic the visit parser either.
    #[test]
    fn arbitrary_text_never_panics(chars in proptest::collection::vec(any::<char>(), 0..300), keep in 0..400usize) {
        let text: String = chars.into_iter().collect();
        parse_visit_never_panics(text.as_bytes(), &templates())?;
        let example = example_text();
        let cut = example.char_indices().nth(keep).map_or(example.len(), |(i, _)| i);
        parse_visit_never_panics(format!("{}{text}", &example[..cut]).as_bytes(), &templates())?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    /// Stable-Rust stand-in for `fuzz/fuzz_targets/load_template.rs`: mutations of the embedded
    /// template through `Template::from_ron` and `check_template`.
    #[test]
    fn mutated_templates_never_panic(mutations in proptest::collection::vec(mutation(), 1..6)) {
        let mut bytes = template_to_ron(&Template::embedded()).into_bytes();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        if let Ok(text) = std::str::from_utf8(&bytes)
            && let Ok(template) = Template::from_ron(text)
        {
            let _ = check_template(&template);
        }
    }
}
