//! Answers a visit file may hold and what is said about the ones it may not: an answer of the
//! wrong kind names the kind and shows how one is written.

use std::fs;
use std::path::{Path, PathBuf};

use khaosat::core::template::Template;
use khaosat::core::visit::{Answer, NewVisit, Value, Visit, VisitStatus};
use khaosat::store::format::{LoadError, parse_visit, visit_to_ron};
use khaosat::store::load_visit;
use khaosat::strings::Lang;

mod common;
use common::{MANIFEST, Result, khaosat, show, text};

/// A complete visit of the demo round: final, answered throughout, with a chi ủy whose minutes
/// were answered "No".
const DEMO_VISIT: &str = "data/examples/round-967/2022-04-06_chi-bo-so-11.ron";

fn visit() -> Visit {
    let facts = NewVisit { round: None, ..khaosat::testing::sample_facts() };
    Visit::new(&Template::embedded(), facts, jiff::Timestamp::UNIX_EPOCH)
}

fn with_answer(mut visit: Visit, id: &str, value: Value) -> Visit {
    visit.answers.insert(id.into(), Answer { value: Some(value), note: String::new() });
    visit
}

/// The file text of `visit`, read back: the error, or None when it loads.
fn load_error(text: &str) -> Option<LoadError> {
    parse_visit(Path::new("v.ron"), text, &[Template::embedded()]).err()
}

/// 1-based line and column of the first `needle` in `text`.
fn position(text: &str, needle: &str) -> (usize, usize) {
    position_at(text, text.find(needle).unwrap_or_else(|| panic!("{needle} not in\n{text}")))
}

/// 1-based line and column of a byte offset.
fn position_at(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    (before.matches('\n').count() + 1, before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1)
}

#[test]
fn an_answer_of_the_wrong_kind_names_the_kind_and_an_example() {
    let cases: [(&str, Value, &str, &str); 8] = [
        (
            "prep.focused",
            Value::Yes,
            "it takes a score on the 1–5 scale, e.g. Scale(4)",
            "mục này cần một điểm trên thang 1–5, ví dụ Scale(4)",
        ),
        ("prep.notice", Value::Scale(3), "it takes yes or no, e.g. Yes", "mục này cần Có hoặc Không, ví dụ Yes"),
        (
            "prep.documents_ahead",
            Value::Number(1),
            "it takes yes, no or not applicable, e.g. Yes",
            "mục này cần Có, Không hoặc Không áp dụng, ví dụ Yes",
        ),
        (
            "att.repeat_absence",
            Value::Yes,
            "it takes a whole number from 0 to 500, e.g. Number(12)",
            "mục này cần một số nguyên từ 0 đến 500, ví dụ Number(12)",
        ),
        (
            "theme.on_schedule",
            Value::Number(2),
            "it takes two whole numbers, each at most 12, e.g. Pair(2, 4)",
            "mục này cần hai số nguyên, mỗi số đến 12, ví dụ Pair(2, 4)",
        ),
        (
            "overall.grade",
            Value::Choices(vec!["tot".into()]),
            "it takes one of the options tot, kha, trung_binh, kem, e.g. Choice(\"tot\")",
            "mục này cần một trong các lựa chọn tot, kha, trung_binh, kem, ví dụ Choice(\"tot\")",
        ),
        (
            "min.missing_fields",
            Value::Choice("time".into()),
            "e.g. Choices([\"time\", \"place\"])",
            "ví dụ Choices([\"time\", \"place\"])",
        ),
        ("overall.recommendations", Value::Yes, "it takes a text, e.g. Text(\"...\")", "mục này cần một đoạn chữ"),
    ];
    for (id, value, english, vietnamese) in cases {
        let text = visit_to_ron(&with_answer(visit(), id, value));
        let error = load_error(&text).unwrap_or_else(|| panic!("{id} loaded"));
        assert_eq!(error.position, Some(position(&text, &format!("\"{id}\""))), "{id}");
        let en = error.message(Lang::En);
        assert!(en.contains("the answer does not fit the kind of item"), "{en}");
        assert!(en.contains(english), "{id}: {en}");
        let vi = error.message(Lang::Vi);
        assert!(vi.contains("câu trả lời không hợp với loại câu hỏi"), "{vi}");
        assert!(vi.contains(vietnamese), "{id}: {vi}");
    }
}

#[test]
fn an_answer_on_a_computed_item_is_refused_as_such() {
    let text = visit_to_ron(&with_answer(visit(), "att.rate", Value::Number(90)));
    let error = load_error(&text).unwrap_or_else(|| panic!("loaded"));
    assert_eq!(error.position, Some(position(&text, "\"att.rate\"")));
    assert_eq!(
        error.message(Lang::En),
        "invalid answer: att.rate: this item is computed from the meeting facts and takes no answer: \
         remove the answer (a note may stay)"
    );
}

#[test]
fn an_option_ticked_twice_is_refused_where_it_is_written_again() {
    let repeated = Value::Choices(vec!["time".into(), "vote".into(), "time".into()]);
    let text = visit_to_ron(&with_answer(visit(), "min.missing_fields", repeated));
    let error = load_error(&text).unwrap_or_else(|| panic!("a repeated option loaded:\n{text}"));
    let answer = text.find("\"min.missing_fields\"").unwrap_or_default();
    let second = answer + text[answer..].match_indices("\"time\"").nth(1).map_or(0, |(i, _)| i);
    let (line, column) = position_at(&text, second);
    assert_eq!(error.position, Some((line, column)));
    assert!(error.display(Lang::En).starts_with(&format!("v.ron:{line}:{column}: invalid answer")));
    assert_eq!(
        error.message(Lang::En),
        "invalid answer: min.missing_fields: the option \"time\" is listed twice: keep it once"
    );
    assert_eq!(
        error.message(Lang::Vi),
        "câu trả lời không hợp lệ: min.missing_fields: lựa chọn \"time\" được ghi hai lần: chỉ giữ một lần"
    );

    // Written by hand on one line: still the second one.
    let one_line = text.replace(
        "Choices([\n        \"time\",\n        \"vote\",\n        \"time\",\n      ])",
        "Choices([\"time\", \"vote\", \"time\"])",
    );
    assert_ne!(one_line, text, "the writer's layout changed:\n{text}");
    let error = load_error(&one_line).unwrap_or_else(|| panic!("loaded"));
    let (line, _) = position(&one_line, "Choices([\"time\"");
    let column = one_line.lines().nth(line - 1).and_then(|l| l.rfind("\"time\"")).map(|c| c + 1);
    assert_eq!(error.position, column.map(|c| (line, c)));
}

#[test]
fn distinct_options_in_any_order_load() {
    let ticked = Value::Choices(vec!["vote".into(), "time".into()]);
    let text = visit_to_ron(&with_answer(visit(), "min.missing_fields", ticked));
    assert!(load_error(&text).is_none());
}

fn run_en(args: &[&str]) -> Result<std::process::Output> {
    Ok(khaosat().args(["--lang", "en"]).args(args).output()?)
}

/// The demo visit as a draft of a branch that has no chi ủy, its committee minutes still answered.
fn draft_without_committee(dir: &Path) -> Result<PathBuf> {
    let mut visit =
        load_visit(&Path::new(MANIFEST).join(DEMO_VISIT), &[Template::embedded()]).map_err(|e| e.display(Lang::En))?;
    assert_eq!(visit.value("min.committee_minutes"), Some(&Value::No));
    visit.status = VisitStatus::Draft;
    visit.meeting.has_committee = Some(false);
    let path = dir.join("v.ron");
    fs::write(&path, visit_to_ron(&visit))?;
    Ok(path)
}

#[test]
fn an_ignored_answer_is_a_note_on_a_draft_an_error_on_a_final_visit_and_blocks_finalise() -> Result {
    let dir = tempfile::tempdir()?;
    let path = draft_without_committee(dir.path())?;
    let file = path.to_string_lossy().into_owned();
    let written = fs::read_to_string(&path)?;
    let (line, column) = position(&written, "\"min.committee_minutes\"");
    let ignored = "Are there minutes of this month's branch committee meeting? (min.committee_minutes): \
                   this answer is ignored because the item does not apply \
                   (the branch has no chi ủy); remove it, or correct that if it is wrong";

    // A draft: said, but the file is valid (answering before correcting a fact is normal work).
    let out = run_en(&["validate", &file])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(&format!("{file}:{line}:{column}: note (a draft; to fix before it is marked final): ")),
        "{stderr}"
    );
    assert!(stderr.contains(ignored), "{stderr}");

    // Finalise is refused, with the same sentence, and nothing is written.
    let out = run_en(&["finalise", &file, "--by", "Lê Thị Tú"])?;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(text(&out.stderr).contains(ignored), "{}", show(&out));
    assert_eq!(fs::read_to_string(&path)?, written);

    // Marked final by hand with the answer still there: invalid.
    fs::write(&path, written.replace("status: Draft", "status: Final"))?;
    let out = run_en(&["validate", &file])?;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with(&format!("{file}:{line}:{column}: marked final, yet: ")), "{stderr}");
    assert!(stderr.contains(ignored), "{stderr}");
    assert!(stderr.contains("0 file(s) valid, 1 invalid"), "{stderr}");

    // Removing the answer (or saying the branch has a chi ủy) clears it: finalise goes through.
    fs::write(&path, &written)?;
    let mut visit = load_visit(&path, &[Template::embedded()]).map_err(|e| e.display(Lang::En))?;
    visit.answers.remove("min.committee_minutes");
    fs::write(&path, visit_to_ron(&visit))?;
    let out = run_en(&["validate", &file])?;
    assert_eq!((out.status.code(), text(&out.stderr)), (Some(0), String::new()), "{}", show(&out));
    let out = run_en(&["finalise", &file, "--by", "Lê Thị Tú"])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    Ok(())
}
