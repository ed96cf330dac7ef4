//! A person picks one side of a conflict the merge kept in the file.

use crate::core::merge::fields::set_field;
use crate::core::merge::round::set_round_value;
use crate::core::round::Round;
use crate::core::visit::{Conflict, ConflictSide, Visit};

/// Which side of a [`Conflict`] to keep: the first or the second, as the checklist numbers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    One,
    Two,
}

/// Why a pick could not be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolveError {
    /// No conflict at that place (already resolved, or the file changed).
    NoSuchConflict,
    /// The kept value does not fit the field, or the field is unknown (a file edited by hand, or
    /// written by a newer build): the field's name.
    BadValue(String),
}

fn picked(conflict: &Conflict, pick: Pick) -> &ConflictSide {
    match pick {
        Pick::One => &conflict.one,
        Pick::Two => &conflict.two,
    }
}

/// Keep `pick`'s side of the conflict at `index`: its value goes into the visit and the conflict
/// leaves the file. An answer's side is a whole answer (none: the item is left unanswered); any
/// other field's side is RON text, parsed back into the field. Nothing changes on an error.
pub fn resolve(visit: &mut Visit, index: usize, pick: Pick) -> Result<(), ResolveError> {
    let conflict = visit.conflicts.get(index).ok_or(ResolveError::NoSuchConflict)?.clone();
    let side = picked(&conflict, pick);
    match conflict.item() {
        Some(item) => match &side.answer {
            Some(answer) if !answer.is_empty() => {
                visit.answers.insert(item.to_string(), answer.clone());
            }
            _ => {
                visit.answers.remove(item);
            }
        },
        None => {
            // Set on a copy: a text that does not fit leaves the visit as it was.
            let mut changed = visit.clone();
            set_field(&mut changed, &conflict.field, &side.value)
                .ok_or_else(|| ResolveError::BadValue(conflict.field.clone()))?;
            *visit = changed;
        }
    }
    visit.conflicts.remove(index);
    visit.normalize();
    Ok(())
}

/// Keep `pick`'s side of the conflict at `index` of a round.ron, as [`resolve`] does for a visit.
pub fn resolve_round(round: &mut Round, index: usize, pick: Pick) -> Result<(), ResolveError> {
    let conflict = round.conflicts.get(index).ok_or(ResolveError::NoSuchConflict)?.clone();
    let mut changed = round.clone();
    set_round_value(&mut changed, &conflict.field, &picked(&conflict, pick).value)
        .ok_or_else(|| ResolveError::BadValue(conflict.field.clone()))?;
    changed.conflicts.remove(index);
    changed.normalize();
    *round = changed;
    Ok(())
}

/// The conflict on `item`'s answer, with its place in the list.
pub fn answer_conflict<'a>(visit: &'a Visit, item: &str) -> Option<(usize, &'a Conflict)> {
    visit.conflicts.iter().enumerate().find(|(_, c)| c.item() == Some(item))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::merge::fields::FIELDS;
    use crate::core::template::Template;
    use crate::core::visit::{ANSWER_FIELD, Answer, TimeOfDay, Value};

    fn visit() -> Visit {
        crate::testing::sample_visit(&Template::embedded())
    }

    fn side(answer: Option<Answer>, value: &str) -> ConflictSide {
        ConflictSide { by: "Tú".into(), at: jiff::Timestamp::UNIX_EPOCH, answer, value: value.into() }
    }

    fn with_conflict(field: &str, one: ConflictSide, two: ConflictSide) -> Visit {
        let mut v = visit();
        v.conflicts.push(Conflict { field: field.into(), one, two });
        v
    }

    fn answer(value: Value, note: &str) -> Option<Answer> {
        Some(Answer { value: Some(value), note: note.into() })
    }

    #[test]
    fn an_answer_conflict_keeps_the_picked_whole_answer_for_every_kind() {
        let time = TimeOfDay::new(19, 30).map(Value::Time).unwrap_or(Value::Yes);
        let kinds = [
            ("prep.notice", Value::Yes, Value::No),
            ("att.repeat_absence", Value::Number(2), Value::Number(3)),
            ("theme.on_schedule", Value::Pair(1, 4), Value::Pair(2, 4)),
            ("prep.focused", Value::Scale(3), Value::Scale(5)),
            ("overall.grade", Value::Choice("kha".into()), Value::Choice("tot".into())),
            ("min.missing_fields", Value::Choices(vec!["time".into()]), Value::Choices(vec![])),
            ("overall.recommendations", Value::Text("một".into()), Value::Text("hai".into())),
            ("prep.notice", time.clone(), Value::No),
        ];
        for (item, one, two) in kinds {
            let field = format!("{ANSWER_FIELD}{item}");
            let mut v =
                with_conflict(&field, side(answer(one.clone(), "ghi chú 1"), ""), side(answer(two.clone(), ""), ""));
            resolve(&mut v, 0, Pick::Two).expect("resolves");
            assert_eq!(v.answer(item), answer(two, "").as_ref(), "{item}");
            assert!(v.conflicts.is_empty());
            let mut v = with_conflict(&field, side(answer(one.clone(), "ghi chú 1"), ""), side(None, ""));
            resolve(&mut v, 0, Pick::One).expect("resolves");
            assert_eq!(v.answer(item), answer(one, "ghi chú 1").as_ref(), "{item}");
        }
        let mut v = with_conflict("answers.prep.notice", side(answer(Value::Yes, ""), ""), side(None, ""));
        v.answers.insert("prep.notice".into(), Answer { value: Some(Value::No), note: String::new() });
        resolve(&mut v, 0, Pick::Two).expect("resolves");
        assert_eq!(v.answer("prep.notice"), None, "a side without an answer leaves the item unanswered");
    }

    #[test]
    fn a_field_conflict_parses_the_picked_text_back_for_every_field() {
        let mut filled = visit();
        crate::testing::enter_needed_facts(&mut filled);
        (filled.meeting.chair, filled.notes, filled.meeting.has_committee) =
            ("Bí thư".into(), "ghi chú\nchung".into(), Some(true));
        for field in FIELDS {
            let text = crate::core::merge::fields::field_text(&filled, field.name).expect("a field");
            let mut v = with_conflict(field.name, side(None, "garbage that does not fit"), side(None, &text));
            let before = v.clone();
            assert_eq!(resolve(&mut v, 0, Pick::One), Err(ResolveError::BadValue(field.name.into())), "{}", field.name);
            assert_eq!(v, before, "nothing changes on an error");
            resolve(&mut v, 0, Pick::Two).expect("resolves");
            assert_eq!(crate::core::merge::fields::field_text(&v, field.name).as_deref(), Some(text.as_str()));
            assert!(v.conflicts.is_empty(), "{}", field.name);
        }
        let mut v = with_conflict("meeting.members.present", side(None, "Some(22)"), side(None, "None"));
        resolve(&mut v, 0, Pick::One).expect("resolves");
        assert_eq!(v.meeting.members.present, Some(22));
        let mut v = with_conflict("meeting.weather", side(None, "None"), side(None, "None"));
        assert_eq!(resolve(&mut v, 0, Pick::One), Err(ResolveError::BadValue("meeting.weather".into())));
        assert_eq!(resolve(&mut v, 3, Pick::One), Err(ResolveError::NoSuchConflict));
    }

    #[test]
    fn a_round_conflict_keeps_the_picked_value_or_entry() {
        let date = jiff::civil::date(2022, 4, 1);
        let mut round = Round::new("967-QĐ/QU", date, date, date);
        round.members.push(crate::core::round::Member { name: "Lê Thị Tú".into(), role: "Tổ viên".into() });
        let mut with = |field: &str, one: &str, two: &str| {
            round.conflicts = vec![Conflict { field: field.into(), one: side(None, one), two: side(None, two) }];
            round.clone()
        };
        let mut r = with("title", "\"Một\"", "\"Hai\"");
        resolve_round(&mut r, 0, Pick::Two).expect("resolves");
        assert_eq!((r.title.as_str(), r.conflicts.len(), r.schema), ("Hai", 0, 1));
        let mut r = with("members[lê thị tú]", "Some((name: \"Lê Thị Tú\", role: \"Tổ trưởng\"))", "None");
        resolve_round(&mut r, 0, Pick::One).expect("resolves");
        assert_eq!(r.members[0].role, "Tổ trưởng");
        let mut r = with("members[Lê Thị Tú]", "Some((name: \"Lê Thị Tú\"))", "None");
        resolve_round(&mut r, 0, Pick::Two).expect("resolves");
        assert!(r.members.is_empty(), "the side that removed the member");
        let mut r = with("from", "Some(3)", "\"2022-04-02\"");
        assert_eq!(resolve_round(&mut r, 0, Pick::One), Err(ResolveError::BadValue("from".into())));
        assert_eq!(r.conflicts.len(), 1);
        resolve_round(&mut r, 0, Pick::Two).expect("resolves");
        assert_eq!(r.from, jiff::civil::date(2022, 4, 2));
    }
}
