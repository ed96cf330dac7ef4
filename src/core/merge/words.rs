//! Conflicts in words: what `validate`, `finalise` and the checklist say about each conflict a
//! merge kept in a visit (a [`Problem::Conflict`]), its two sides read as people read answers.

use crate::core::answer::{AnswerStyle, answer_text};
use crate::core::problems::{ConflictWords, Problem};
use crate::core::template::{Localized, Template};
use crate::core::visit::{Answer, Conflict, ConflictSide, Value, Visit};
use crate::strings::{Lang, MergeMsg, Msg};

/// How much of a note a side shows.
const NOTE_CHARS: usize = 60;

/// `text` cut to `max` characters, with "…" when cut.
fn truncate_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// One problem per conflict in `visit`, in the file's order: each blocks finalising.
pub fn conflict_problems(template: &Template, visit: &Visit) -> Vec<Problem> {
    visit
        .conflicts
        .iter()
        .map(|c| {
            let (one, two) = conflict_words(Some(template), c);
            Problem::Conflict { field: c.field.clone(), one, two }
        })
        .collect()
}

/// The two sides of a conflict in words. Without the template, an answer reads as the file
/// writes it (`Scale(4)`), but yes and no in words.
pub fn conflict_words(template: Option<&Template>, c: &Conflict) -> (ConflictWords, ConflictWords) {
    let words = |side: &ConflictSide, other: &ConflictSide| {
        let value = |lang| match c.item() {
            Some(item) => answer_words(template, item, side.answer.as_ref(), other.answer.as_ref(), lang),
            None => value_words(&side.value, lang),
        };
        ConflictWords { value: both(value), by: side.by.clone(), at: side.at }
    };
    (words(&c.one, &c.two), words(&c.two, &c.one))
}

fn both(words: impl Fn(Lang) -> String) -> Localized {
    Localized { vi: words(Lang::Vi), en: words(Lang::En) }
}

/// A side's answer in words, with its note when the two sides' notes differ.
fn answer_words(
    template: Option<&Template>,
    item: &str,
    answer: Option<&Answer>,
    other: Option<&Answer>,
    lang: Lang,
) -> String {
    let value = answer.and_then(|a| a.value.as_ref());
    let mut words = match (value, template.and_then(|t| t.item(item))) {
        (Some(v), Some(r)) => answer_text(r.item, v, lang, AnswerStyle::Checklist),
        (Some(Value::Yes), None) => Msg::Yes.get(lang).to_string(),
        (Some(Value::No), None) => Msg::No.get(lang).to_string(),
        (Some(Value::NotApplicable), None) => Msg::NotApplicable.get(lang).to_string(),
        (Some(v), None) => v.to_ron(),
        (None, _) => MergeMsg::NoAnswer.get(lang).to_string(),
    };
    let note = |a: Option<&Answer>| a.map(|a| a.note.as_str()).unwrap_or_default().to_string();
    let own = note(answer);
    if own != note(other) && !own.is_empty() {
        let shown = truncate_chars(&own.replace('\n', " ⏎ "), NOTE_CHARS);
        words = format!("{words} · {}", MergeMsg::Note.fill(lang, &[&format!("«{shown}»")]));
    }
    words
}

/// A value kept as RON text, as people read it: `Some(22)` → 22, `"Bí thư"` → Bí thư, `None` →
/// empty.
pub fn value_words(text: &str, lang: Lang) -> String {
    let inner = text.strip_prefix("Some(").and_then(|t| t.strip_suffix(')')).unwrap_or(text);
    match inner {
        "None" | "\"\"" | "" => return MergeMsg::Empty.get(lang).to_string(),
        "true" => return Msg::Yes.get(lang).to_string(),
        "false" => return Msg::No.get(lang).to_string(),
        _ => {}
    }
    match ron::from_str::<String>(inner) {
        Ok(s) => truncate_chars(&s.replace('\n', " ⏎ "), NOTE_CHARS),
        Err(_) => inner.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(by: &str, minute: i64, answer: Option<Answer>, value: &str) -> ConflictSide {
        let at = jiff::Timestamp::from_second(1_796_083_200 + minute * 60).expect("time");
        ConflictSide { by: by.into(), at, answer, value: value.into() }
    }

    #[test]
    fn an_answer_conflict_names_the_item_and_both_sides() {
        let t = Template::embedded();
        let mut v = crate::testing::sample_visit(&t);
        let yes = Some(Answer { value: Some(Value::Yes), note: String::new() });
        let no = Some(Answer { value: Some(Value::No), note: "Không thông báo trước".into() });
        v.conflicts.push(Conflict {
            field: "answers.prep.notice".into(),
            one: side("Lê Thị Tú", 2, yes, ""),
            two: side("Trần Văn Bình", 5, no, ""),
        });
        let problems = conflict_problems(&t, &v);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].item(), Some("prep.notice"));
        let text = problems[0].message(Lang::Vi, &|id| format!("<{id}>"));
        assert!(text.starts_with("<prep.notice>: 2 câu trả lời khác nhau: 1 = Có (Lê Thị Tú, "), "{text}");
        assert!(text.contains(" · 2 = Không · ghi chú: «Không thông báo trước» (Trần Văn Bình, "), "{text}");
        assert!(text.ends_with("— mở phiếu và chọn 1 hoặc 2."), "{text}");
        assert!(!problems[0].is_missing(), "a conflict is not merely unfilled");
    }

    #[test]
    fn a_fact_conflict_names_the_fact_and_reads_its_values() {
        let t = Template::embedded();
        let mut v = crate::testing::sample_visit(&t);
        v.conflicts.push(Conflict {
            field: "meeting.members.present".into(),
            one: side("Tú", 0, None, "Some(22)"),
            two: side("", 1, None, "None"),
        });
        v.conflicts.push(Conflict {
            field: "notes".into(),
            one: side("Tú", 0, None, "\"Họp \\\"đúng giờ\\\"\""),
            two: side("Bình", 1, None, "\"Muộn\""),
        });
        let problems = conflict_problems(&t, &v);
        let text = problems[0].message(Lang::En, &|id| id.to_string());
        assert!(text.starts_with("Members present: 2 different values: 1 = 22 (Tú, "), "{text}");
        assert!(text.contains("2 = empty ("), "{text}");
        assert_eq!(problems[0].facts(), &[crate::core::problems::FactField::Present]);
        let text = problems[1].message(Lang::Vi, &|id| id.to_string());
        assert!(text.starts_with("Ghi chú chung: 2 giá trị khác nhau: 1 = Họp \"đúng giờ\" (Tú, "), "{text}");
    }
}
