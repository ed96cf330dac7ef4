//! An answer as people read it: "Có", "3/4", option labels, the text itself.
//!
//! The one place that turns an answer into words, for the checklist, the reports and the
//! messages. Its two readers have different room, so a few answers are laid out in two styles
//! ([`AnswerStyle`]); everything else reads the same everywhere.

use crate::core::template::{Computed, Item};
use crate::core::visit::Value;
use crate::strings::{Lang, Msg};

/// How an answer is laid out where it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerStyle {
    /// A report cell or a sentence (the visits sheet, "does not apply because …"): text with its
    /// line breaks as written, a scale as its bare number, no option ticked as nothing at all.
    Report,
    /// A row of the checklist, one line high: text lines joined by " ⏎ ", a scale out of 5 (the
    /// row shows no scale beside it), no option ticked as "—" so that it does not look unanswered.
    Checklist,
}

/// `value`, an answer to `item`, in words.
pub fn answer_text(item: &Item, value: &Value, lang: Lang, style: AnswerStyle) -> String {
    let checklist = style == AnswerStyle::Checklist;
    match value {
        Value::Yes => Msg::Yes.get(lang).to_string(),
        Value::No => Msg::No.get(lang).to_string(),
        Value::NotApplicable => Msg::NotApplicable.get(lang).to_string(),
        Value::Number(n) => n.to_string(),
        Value::Pair(a, b) => format!("{a}/{b}"),
        Value::Scale(n) if checklist => format!("{n}/5"),
        Value::Scale(n) => n.to_string(),
        Value::Choice(id) => option_label(item, id, lang).to_string(),
        Value::Choices(ids) if ids.is_empty() && checklist => "—".to_string(),
        Value::Choices(ids) => ids.iter().map(|id| option_label(item, id, lang)).collect::<Vec<_>>().join("; "),
        Value::Text(text) if checklist => text.replace('\n', " ⏎ "),
        Value::Text(text) => text.clone(),
        Value::Time(t) => t.to_string(),
    }
}

/// A computed figure in words: "85,7%" (or "85.7%"), "2", "75 phút": the same decimals as the
/// reports.
pub fn computed_text(computed: Computed, value: f64, lang: Lang) -> String {
    match computed {
        Computed::AttendanceRate => format!("{}%", crate::core::text::number_text(value, 1, lang)),
        Computed::AbsentWithoutReason => format!("{value}"),
        Computed::DurationMinutes => Msg::Minutes.fill(lang, &[&value]),
    }
}

/// The item's label for a chosen option id, or the id itself when unknown.
pub fn option_label<'a>(item: &'a Item, id: &'a str, lang: Lang) -> &'a str {
    item.kind.options().iter().find(|o| o.id == id).map_or(id, |o| o.label.get(lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::template::Template;
    use crate::core::visit::TimeOfDay;

    fn item(id: &str) -> Item {
        Template::embedded().item(id).map(|r| r.item.clone()).expect("item")
    }

    #[test]
    fn the_two_styles_differ_only_where_room_differs() {
        let missing = item("min.missing_fields");
        let both = |value: &Value| {
            (
                answer_text(&missing, value, Lang::Vi, AnswerStyle::Report),
                answer_text(&missing, value, Lang::Vi, AnswerStyle::Checklist),
            )
        };
        assert_eq!(both(&Value::Scale(4)), ("4".into(), "4/5".into()));
        assert_eq!(both(&Value::Choices(Vec::new())), (String::new(), "—".into()));
        assert_eq!(both(&Value::Text("một\nhai".into())), ("một\nhai".into(), "một ⏎ hai".into()));
        for same in [
            Value::Yes,
            Value::No,
            Value::NotApplicable,
            Value::Number(7),
            Value::Pair(3, 4),
            Value::Choices(vec!["time".into(), "nope".into()]),
            Value::Time(TimeOfDay::new(19, 30).expect("time")),
        ] {
            let (report, checklist) = both(&same);
            assert_eq!(report, checklist, "{same:?}");
        }
        assert_eq!(both(&Value::Pair(3, 4)).0, "3/4");
        assert_eq!(both(&Value::Choices(vec!["time".into(), "nope".into()])).0, "Thời gian; nope");
    }

    #[test]
    fn options_read_by_their_label_or_their_id() {
        let grade = item("overall.grade");
        assert_eq!(option_label(&grade, "kha", Lang::Vi), "Khá");
        assert_eq!(option_label(&grade, "khac", Lang::En), "khac");
        assert_eq!(answer_text(&grade, &Value::Choice("kha".into()), Lang::Vi, AnswerStyle::Report), "Khá");
    }

    #[test]
    fn computed_figures_read_in_the_users_language() {
        // One decimal separator per language, as in the reports.
        assert_eq!(computed_text(Computed::AttendanceRate, 85.0, Lang::En), "85%");
        assert_eq!(computed_text(Computed::AttendanceRate, 92.857, Lang::En), "92.9%");
        assert_eq!(computed_text(Computed::AttendanceRate, 92.857, Lang::Vi), "92,9%");
        assert_eq!(computed_text(Computed::DurationMinutes, 75.0, Lang::Vi), "75 phút");
        assert_eq!(computed_text(Computed::DurationMinutes, 75.0, Lang::En), "75 min");
    }
}
