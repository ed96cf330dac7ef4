//! Round-trip properties of visit files: save → load → save gives equal data and identical bytes,
//! the written text is canonical (`\n`, two-space indentation, deterministic), and text is stored NFC.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use jiff::Timestamp;
use jiff::civil::Date;
use khaosat::core::problems::value_problem;
use khaosat::core::template::{Kind, Template};
use khaosat::core::visit::*;
use khaosat::store::format::visit_to_ron;
use khaosat::store::{create_visit, load_visit, save_visit};
use khaosat::strings::Lang;
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

const WORDS: &[&str] = &[
    "Chi",
    "bộ",
    "số",
    "11",
    "Đảng",
    "phường",
    "Mai",
    "Dịch",
    "Nghĩa",
    "Tân",
    "đồng",
    "chí",
    "Nguyễn",
    "Thị",
    "Hằng",
    "Phạm",
    "Văn",
    "Thắng",
    "biên",
    "bản",
    "nghị",
    "quyết",
    "sinh",
    "hoạt",
    "chuyên",
    "đề",
    "tổ",
    "dân",
    "phố",
    "Hồ",
    "Chí",
    "Minh",
    "ưu",
    "điểm",
    "hạn",
    "chế",
    "khuyết",
    "Ủy",
    "ban",
    "Quận",
    "Cầu",
    "Giấy",
    "967-QĐ/QU",
    "01-CTr/QU",
    "Trường",
    "THCS",
    "đ/c",
    "Đ/C",
    "(vắng)",
    "85%",
    "—",
    "…",
];

/// Characters that stress the writer: Vietnamese letters (all precomposed, so NFC), RON syntax
/// inside strings, quotes, backslashes, hashes, non-BMP characters.
const CHARS: &[char] = &[
    'a', 'Z', '0', '9', ' ', ' ', 'à', 'ả', 'ã', 'á', 'ạ', 'ă', 'ắ', 'ặ', 'â', 'ầ', 'ậ', 'đ', 'Đ', 'ê', 'ể', 'ệ', 'ì',
    'ĩ', 'ò', 'ô', 'ồ', 'ộ', 'ơ', 'ớ', 'ợ', 'ư', 'ừ', 'ự', 'ỳ', 'ỹ', 'Ữ', 'Ộ', '"', '\\', '#', '(', ')', '{', '}', '[',
    ']', ',', ':', '/', '*', 'r', '\'', '=', '<', '>', '€', '😀', '\u{2028}',
];

fn word_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..6).prop_map(|w| w.join(" "))
}

fn char_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(CHARS), 0..20).prop_map(|c| c.into_iter().collect())
}

/// A one-line text (names, branch, committee).
fn line() -> impl Strategy<Value = String> {
    prop_oneof![3 => word_text(), 1 => char_text(), 1 => Just(String::new())]
}

/// A note that may span lines, with blank lines and indented lines.
fn multiline() -> impl Strategy<Value = String> {
    prop::collection::vec(prop_oneof![3 => word_text(), 1 => char_text(), 1 => Just("   thụt lề".to_string())], 0..5)
        .prop_map(|lines| lines.join("\n"))
}

fn time() -> impl Strategy<Value = TimeOfDay> {
    (0u8..24, 0u8..60).prop_map(|(h, m)| TimeOfDay::new(h, m).expect("valid time"))
}

fn date() -> impl Strategy<Value = Date> {
    (1i16..=9999, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).expect("valid date"))
}

fn timestamp() -> impl Strategy<Value = Timestamp> {
    // Whole seconds (as `now()` writes them) and, sometimes, sub-second precision.
    (0i64..4_000_000_000, prop_oneof![3 => Just(0i32), 1 => 0i32..1_000_000_000])
        .prop_map(|(s, ns)| Timestamp::new(s, ns).expect("valid timestamp"))
}

fn members() -> impl Strategy<Value = Members> {
    let count = || prop::option::of(prop_oneof![4 => 0u32..600, 1 => any::<u32>()]);
    (count(), count(), count(), count(), count(), count()).prop_map(
        |(total, exempted, present, exempted_present, absent_excused, absent_unexcused)| Members {
            total,
            exempted,
            present,
            exempted_present,
            absent_excused,
            absent_unexcused,
        },
    )
}

/// A value that fits `kind`, as `value_problem` accepts it.
fn value_for(kind: &Kind) -> Option<BoxedStrategy<Value>> {
    let strategy = match kind {
        Kind::YesNo { allow_na: true } => {
            prop_oneof![Just(Value::Yes), Just(Value::No), Just(Value::NotApplicable)].boxed()
        }
        Kind::YesNo { allow_na: false } => prop_oneof![Just(Value::Yes), Just(Value::No)].boxed(),
        Kind::Count { min, max, .. } => {
            prop_oneof![5 => (*min..=*max).prop_map(Value::Number), 1 => Just(Value::NotApplicable)].boxed()
        }
        Kind::CountPair { max, .. } => (0..=*max, 0..=*max).prop_map(|(a, b)| Value::Pair(a, b)).boxed(),
        Kind::Scale => (1u8..=5).prop_map(Value::Scale).boxed(),
        Kind::Choice { options } => {
            let ids: Vec<String> = options.iter().map(|o| o.id.clone()).collect();
            prop::sample::select(ids).prop_map(Value::Choice).boxed()
        }
        Kind::MultiChoice { options } => {
            let ids: Vec<String> = options.iter().map(|o| o.id.clone()).collect();
            let n = ids.len();
            prop::sample::subsequence(ids, 0..=n).prop_map(Value::Choices).boxed()
        }
        Kind::Text { .. } => multiline().prop_map(Value::Text).boxed(),
        Kind::Time => time().prop_map(Value::Time).boxed(),
        Kind::Computed(_) => return None,
    };
    Some(strategy)
}

/// Answers keyed by real item ids, each value fitting its item's kind.
fn answers(template: &Template) -> impl Strategy<Value = BTreeMap<String, Answer>> + use<> {
    let per_item: Vec<BoxedStrategy<Option<(String, Answer)>>> = template
        .items()
        .filter_map(|r| {
            let id = r.item.id.clone();
            let value = value_for(&r.item.kind)?;
            let note = prop_oneof![2 => Just(String::new()), 1 => multiline()];
            let answer =
                (prop::option::of(value), note).prop_map(move |(value, note)| (id.clone(), Answer { value, note }));
            Some(prop::option::weighted(0.7, answer).boxed())
        })
        .collect();
    per_item.prop_map(|pairs| pairs.into_iter().flatten().collect())
}

fn branch_type() -> impl Strategy<Value = BranchType> {
    prop::sample::select(BranchType::ALL.to_vec())
}

fn meeting_kind() -> impl Strategy<Value = MeetingKind> {
    prop::sample::select(MeetingKind::ALL.to_vec())
}

fn meeting() -> impl Strategy<Value = Meeting> {
    (
        (line(), line(), branch_type(), meeting_kind(), date()),
        (prop::option::of(time()), prop::option::of(time()), prop::option::of(any::<bool>())),
        (line(), line(), line(), members()),
    )
        .prop_map(
            |(
                (branch, committee, branch_type, kind, date),
                (start, end, has_committee),
                (chair, minutes_secretary, higher_attendees, members),
            )| Meeting {
                branch,
                committee,
                branch_type,
                kind,
                date,
                start,
                end,
                has_committee,
                chair,
                minutes_secretary,
                higher_attendees,
                members,
            },
        )
}

fn visit() -> impl Strategy<Value = Visit> {
    let template = Template::embedded();
    let item_ids: Vec<String> = template.items().map(|r| r.item.id.clone()).collect();
    let reference = TemplateRef { id: template.id.clone(), version: template.version, hash: template.content_hash() };
    (
        meeting(),
        prop::option::of(line()),
        prop::collection::vec(word_text(), 0..4),
        answers(&template),
        multiline(),
        prop_oneof![Just(VisitStatus::Draft), Just(VisitStatus::Final)],
        prop::option::of(prop::sample::select(item_ids)),
        (timestamp(), timestamp()),
        (
            prop::option::of((line(), timestamp(), "[0-9a-f]{16}")),
            prop::collection::vec((line(), timestamp(), multiline()), 0..3),
        ),
    )
        .prop_map(
            move |(
                meeting,
                round,
                inspectors,
                answers,
                notes,
                status,
                last_item,
                (created, updated),
                (finalised, reopened),
            )| {
                let mut visit = Visit {
                    schema: SCHEMA_VERSION,
                    template: reference.clone(),
                    round,
                    meeting,
                    inspectors,
                    answers,
                    notes,
                    status,
                    finalised: finalised.map(|(by, at, hash)| Finalised { by, at, hash }),
                    reopened: reopened.into_iter().map(|(by, at, reason)| Reopened { by, at, reason }).collect(),
                    last_item,
                    created,
                    updated,
                    saved_by: String::new(),
                    conflicts: Vec::new(),
                    reconciled_from: Vec::new(),
                    reconciled_into: None,
                };
                visit.normalize();
                visit
            },
        )
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn load(path: &Path) -> Result<Visit, String> {
    load_visit(path, &[Template::embedded()]).map_err(|e| e.display(Lang::En))
}

/// Checks the layout of RON text outside string literals: no tabs, and every line indented by
/// exactly two spaces per enclosing level, where a level is a line that leaves brackets open (the
/// writer puts `Some(Choices([` on one line and indents its content once). Lines inside a
/// multi-line string are the user's own and are not checked.
fn check_layout(text: &str) -> Result<(), String> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Code,
        Str { escaped: bool },
        Raw { hashes: usize },
    }
    let chars: Vec<char> = text.chars().collect();
    let mut state = State::Code;
    // Open brackets per indentation level.
    let mut levels: Vec<usize> = Vec::new();
    let mut opened_on_line = 0usize;
    let mut line_no = 1;
    let mut at_line_start = true;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if at_line_start && state == State::Code {
            let spaces = chars[i..].iter().take_while(|c| **c == ' ').count();
            let first = chars.get(i + spaces).copied();
            if first == Some('\t') {
                return Err(format!("line {line_no}: tab in indentation"));
            }
            if first != Some('\n') && first.is_some() {
                let closes = matches!(first, Some(')' | ']' | '}'));
                let expected = 2 * (levels.len() - usize::from(closes && !levels.is_empty()));
                if spaces != expected {
                    return Err(format!("line {line_no}: {spaces} spaces of indentation, expected {expected}"));
                }
            }
        }
        at_line_start = false;
        match state {
            State::Code => match c {
                '(' | '[' | '{' => opened_on_line += 1,
                ')' | ']' | '}' => {
                    if opened_on_line > 0 {
                        opened_on_line -= 1;
                    } else {
                        match levels.last_mut() {
                            Some(n) if *n > 1 => *n -= 1,
                            Some(_) => {
                                levels.pop();
                            }
                            None => return Err(format!("line {line_no}: unbalanced {c}")),
                        }
                    }
                }
                '"' => state = State::Str { escaped: false },
                'r' if matches!(chars.get(i + 1), Some('"' | '#')) => {
                    let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
                    if chars.get(i + 1 + hashes) == Some(&'"') {
                        state = State::Raw { hashes };
                        i += hashes + 1;
                    }
                }
                _ => {}
            },
            State::Str { escaped } => {
                state = match (escaped, c) {
                    (false, '\\') => State::Str { escaped: true },
                    (false, '"') => State::Code,
                    _ => State::Str { escaped: false },
                };
            }
            State::Raw { hashes } => {
                if c == '"' && chars[i + 1..].iter().take(hashes).filter(|c| **c == '#').count() == hashes {
                    state = State::Code;
                    i += hashes;
                }
            }
        }
        if c == '\n' {
            line_no += 1;
            if state == State::Code {
                at_line_start = true;
                if opened_on_line > 0 {
                    levels.push(opened_on_line);
                }
                opened_on_line = 0;
            }
        }
        i += 1;
    }
    if state != State::Code || !levels.is_empty() || opened_on_line != 0 {
        return Err(format!("unbalanced text: {} levels open at the end", levels.len()));
    }
    Ok(())
}

fn config() -> ProptestConfig {
    ProptestConfig { cases: 128, ..ProptestConfig::default() }
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    /// The generator itself keeps to the rules: every value fits its item, so a failure below is
    /// the store's fault and not the generator's.
    #[test]
    fn generated_answers_fit_their_items(v in visit()) {
        let template = Template::embedded();
        for (id, answer) in &v.answers {
            let item = template.item(id).map(|r| r.item);
            prop_assert!(item.is_some(), "unknown item {}", id);
            if let (Some(item), Some(value)) = (item, &answer.value) {
                prop_assert_eq!(value_problem(item, value), None, "{} = {:?}", id, value);
            }
        }
    }

    #[test]
    fn save_load_save_is_identical(v in visit()) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = create_visit(dir.path(), &v).expect("create");
        let first_bytes = fs::read(&path).expect("read");
        let expected = visit_to_ron(&v);
        prop_assert_eq!(String::from_utf8_lossy(&first_bytes), expected);

        let loaded = load(&path).map_err(TestCaseError::fail)?;
        prop_assert_eq!(&loaded, &v);

        save_visit(&path, &loaded).expect("save");
        let second_bytes = fs::read(&path).expect("read again");
        prop_assert_eq!(
            String::from_utf8_lossy(&second_bytes),
            String::from_utf8_lossy(&first_bytes)
        );
        let reloaded = load(&path).map_err(TestCaseError::fail)?;
        prop_assert_eq!(reloaded, v);
    }

    #[test]
    fn written_text_is_canonical(v in visit()) {
        let text = visit_to_ron(&v);
        prop_assert_eq!(&text, &visit_to_ron(&v.clone()), "serialising twice differs");
        prop_assert!(!text.contains('\r'), "carriage return in output");
        prop_assert!(text.ends_with(")\n"), "no final newline: {:?}", &text[text.len().saturating_sub(10)..]);
        prop_assert!(!text.ends_with("\n\n"));
        // The oldest format that holds the visit: 2 only for exempted members present.
        let schema = if v.meeting.members.exempted_present.is_some() { 2 } else { 1 };
        prop_assert!(text.starts_with(&format!("(\n  schema: {schema},\n")), "{}", &text[..text.len().min(40)]);
        if let Err(e) = check_layout(&text) {
            return Err(TestCaseError::fail(format!("{e}\n{text}")));
        }
    }

    /// Text typed in decomposed form (as some keyboards and copy-paste produce) is stored NFC.
    #[test]
    fn decomposed_branch_is_stored_nfc(name in word_text(), committee in word_text(), d in date()) {
        let template = Template::embedded();
        let nfd_branch: String = name.nfd().collect();
        let nfd_committee: String = committee.nfd().collect();
        let facts = NewVisit {
            branch: nfd_branch.clone(),
            committee: nfd_committee,
            branch_type: BranchType::KhuDanCu,
            kind: MeetingKind::Regular,
            date: d,
            inspectors: vec![name.nfd().collect()],
            round: None,
        };
        let v = Visit::new(&template, facts, Timestamp::UNIX_EPOCH);
        let nfc: String = name.nfc().collect();
        prop_assert_eq!(&v.meeting.branch, &nfc);
        prop_assert_eq!(&v.meeting.committee, &committee.nfc().collect::<String>());
        prop_assert_eq!(&v.inspectors[0], &nfc);

        // A file written by another tool with the branch decomposed loads back NFC.
        let text = visit_to_ron(&v);
        let hand_written = text.replacen(&format!("branch: \"{nfc}\""), &format!("branch: \"{nfd_branch}\""), 1);
        if nfd_branch != nfc {
            prop_assert_ne!(&hand_written, &text, "the branch line was not found to replace");
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("nfd.ron");
        fs::write(&path, &hand_written).expect("write");
        let loaded = load(&path).map_err(TestCaseError::fail)?;
        prop_assert_eq!(&loaded.meeting.branch, &nfc);
        prop_assert_eq!(loaded, v);
    }
}

// ---------------------------------------------------------------------------------------------
// Fixed cases
// ---------------------------------------------------------------------------------------------

fn sample_visit() -> Visit {
    khaosat::testing::sample_visit(&Template::embedded())
}

#[test]
fn nfd_branch_from_new_is_nfc() {
    let facts = NewVisit {
        // "Chi bộ số 11" with every mark as a combining character.
        branch: "Chi bo\u{323}\u{302} so\u{302}\u{301} 11".into(),
        committee: "Đảng bộ phường Mai Dịch".into(),
        branch_type: BranchType::KhuDanCu,
        kind: MeetingKind::Regular,
        date: jiff::civil::date(2022, 4, 5),
        inspectors: vec![],
        round: None,
    };
    let v = Visit::new(&Template::embedded(), facts, Timestamp::UNIX_EPOCH);
    assert_eq!(v.meeting.branch, "Chi bộ số 11");
    assert_eq!(v.meeting.branch.chars().count(), 12);
}

#[test]
fn hand_written_fixtures_round_trip_after_one_save() -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let mut seen = 0;
    for entry in fs::read_dir("tests/fixtures/valid").map_err(|e| e.to_string())? {
        let fixture = entry.map_err(|e| e.to_string())?.path();
        // Visit files only, not a lock file a session opened on a fixture leaves beside it.
        if fixture.extension().is_none_or(|x| x != "ron") {
            continue;
        }
        let v = load(&fixture)?;
        // The hand-written file may use escapes; after one save the text is canonical.
        let path = dir.path().join(fixture.file_name().ok_or("no file name")?);
        save_visit(&path, &v).map_err(|e| e.to_string())?;
        let first = fs::read_to_string(&path).map_err(|e| e.to_string())?;
        let loaded = load(&path)?;
        assert_eq!(loaded, v, "{}", fixture.display());
        save_visit(&path, &loaded).map_err(|e| e.to_string())?;
        assert_eq!(fs::read_to_string(&path).map_err(|e| e.to_string())?, first, "{}", fixture.display());
        check_layout(&first)?;
        seen += 1;
    }
    assert!(seen >= 2, "expected the valid fixtures, found {seen}");
    Ok(())
}

#[test]
fn multiline_note_keeps_its_lines_and_quotes() -> Result<(), String> {
    let mut v = sample_visit();
    v.notes = "Dòng một\n  dòng hai thụt lề\n\n\"trích dẫn\" và \\ gạch chéo, r#\"thô\"#".into();
    v.answers.insert(
        "res.assignment".into(),
        Answer { value: Some(Value::No), note: "Giao việc chung cho \"toàn chi bộ\";\nkhông nêu tên.".into() },
    );
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let path = create_visit(dir.path(), &v).map_err(|e| e.to_string())?;
    let loaded = load(&path)?;
    assert_eq!(loaded.notes, v.notes);
    assert_eq!(loaded, v);
    Ok(())
}

/// A note may contain a line that looks like a git conflict marker (people draw separators with
/// `=====`): the visit must still load after it is saved.
#[test]
fn note_lines_that_look_like_conflict_markers_survive_a_save() -> Result<(), String> {
    let notes = [
        "Ý kiến phát biểu\n==========\nđ/c Lan: đồng ý",
        "=======",
        "Trích biên bản:\n<<<<<<< trước\nnội dung",
        ">>>>>>> kết luận",
    ];
    for note in notes {
        let mut v = sample_visit();
        v.notes = note.into();
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let path = create_visit(dir.path(), &v).map_err(|e| e.to_string())?;
        let loaded = load(&path).map_err(|e| format!("note {note:?}: {e}"))?;
        assert_eq!(loaded, v);
    }
    Ok(())
}

/// The layout checker used above must be able to fail.
#[test]
fn layout_checker_rejects_bad_indentation() {
    assert_eq!(check_layout("(\n  a: 1,\n  b: Some(Choices([\n    \"x\",\n  ])),\n)\n"), Ok(()));
    assert_eq!(check_layout("(\n  note: \"line\n not indented\",\n)\n"), Ok(()));
    assert_eq!(check_layout("(\n  note: r#\"a \"(\" b\n\"#,\n)\n"), Ok(()));
    assert!(check_layout("(\n   a: 1,\n)\n").is_err(), "three spaces");
    assert!(check_layout("(\n\ta: 1,\n)\n").is_err(), "tab");
    assert!(check_layout("(\n  a: (\n  b: 1,\n  ),\n)\n").is_err(), "content not indented");
    assert!(check_layout("(\n  a: (\n    b: 1,\n    ),\n)\n").is_err(), "closer not outdented");
    assert!(check_layout("(\n  a: 1,\n").is_err(), "unbalanced");
}

#[test]
fn conflict_markers_are_recognised_only_as_a_whole() {
    use khaosat::store::format::conflict_line;
    let merge = "(\n  schema: 1,\n<<<<<<< HEAD\n  notes: \"a\",\n=======\n  notes: \"b\",\n>>>>>>> other\n)\n";
    assert_eq!(conflict_line(merge), Some(3));
    assert_eq!(conflict_line(&merge.replace('\n', "\r\n")), Some(3));
    assert_eq!(conflict_line("(\n  notes: \"a\n=======\nb\",\n)\n"), None);
    assert_eq!(conflict_line("(\n  notes: \"==========\n<<<<<<<<<< x\",\n)\n"), None);
    assert_eq!(conflict_line("(\n)\n"), None);
}
