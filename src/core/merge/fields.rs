//! The single-valued fields of a visit that a merge compares one by one, each under the name a
//! [`Conflict`](crate::core::visit::Conflict) gives it (`meeting.members.present`), read and
//! written as RON text: the merge compares that text, a conflict keeps it, and resolving parses it
//! back. One list, so that the merge and [`super::resolve`] never disagree on a field.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::core::visit::Visit;

/// A value as a conflict keeps it: RON on one line (`Some(22)`, `"Bí thư"`, `"2022-04-05"`).
pub fn ron_text<T: Serialize>(value: &T) -> String {
    let config = ron::ser::PrettyConfig::new().compact_arrays(true).new_line(" ").indentor("").struct_names(false);
    // Plain data always serialises; an empty text would only make a side unreadable.
    ron::ser::to_string_pretty(value, config).unwrap_or_default()
}

fn parse<T: DeserializeOwned>(text: &str) -> Option<T> {
    ron::from_str(text).ok()
}

/// One field: its conflict name, and its empty value as RON text when it may be empty.
///
/// The empty value is what the field holds while a conflict on it waits for a person (a disputed
/// count or note is not counted as decided), and what it held before either copy was made (the
/// base of git's add/add, so that a fact entered on one copy only is simply kept). A field without
/// one names the meeting or its rules (branch, date, template…): a visit cannot go without it,
/// so while a conflict waits it keeps the value both copies last agreed on.
pub struct Field {
    pub name: &'static str,
    pub empty: Option<&'static str>,
}

macro_rules! visit_fields {
    ($($name:literal, $empty:expr => $($path:ident).+;)*) => {
        /// Every single-valued field of a visit, in file order.
        pub const FIELDS: &[Field] = &[$(Field { name: $name, empty: $empty }),*];

        /// The field's value in `visit` as RON text; None for a name that is not a field.
        pub fn field_text(visit: &Visit, name: &str) -> Option<String> {
            match name {
                $($name => Some(ron_text(&visit.$($path).+)),)*
                _ => None,
            }
        }

        /// Set the field from RON text. None (nothing changed) when the name is no field or the
        /// text does not fit it.
        pub fn set_field(visit: &mut Visit, name: &str, text: &str) -> Option<()> {
            match name {
                $($name => visit.$($path).+ = parse(text)?,)*
                _ => return None,
            }
            Some(())
        }
    };
}

const NONE: Option<&str> = Some("None");
const TEXT: Option<&str> = Some("\"\"");

visit_fields! {
    "template", None => template;
    "round", None => round;
    "meeting.branch", None => meeting.branch;
    "meeting.committee", None => meeting.committee;
    "meeting.branch_type", None => meeting.branch_type;
    "meeting.kind", None => meeting.kind;
    "meeting.date", None => meeting.date;
    "meeting.start", NONE => meeting.start;
    "meeting.end", NONE => meeting.end;
    "meeting.has_committee", NONE => meeting.has_committee;
    "meeting.chair", TEXT => meeting.chair;
    "meeting.minutes_secretary", TEXT => meeting.minutes_secretary;
    "meeting.higher_attendees", TEXT => meeting.higher_attendees;
    "meeting.members.total", NONE => meeting.members.total;
    "meeting.members.exempted", NONE => meeting.members.exempted;
    "meeting.members.present", NONE => meeting.members.present;
    "meeting.members.exempted_present", NONE => meeting.members.exempted_present;
    "meeting.members.absent_excused", NONE => meeting.members.absent_excused;
    "meeting.members.absent_unexcused", NONE => meeting.members.absent_unexcused;
    "notes", TEXT => notes;
    "inspectors", None => inspectors;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::template::Template;

    fn visit() -> Visit {
        crate::testing::sample_visit(&Template::embedded())
    }

    #[test]
    fn every_field_reads_back_what_it_wrote_and_takes_its_empty_value() {
        let mut v = visit();
        crate::testing::enter_needed_facts(&mut v);
        v.meeting.chair = "Bí thư \"Hòa\"".into();
        v.notes = "một\nhai".into();
        for field in FIELDS {
            let text = field_text(&v, field.name).unwrap_or_else(|| panic!("{}", field.name));
            assert!(!text.contains('\n'), "{text}");
            let mut copy = v.clone();
            assert_eq!(set_field(&mut copy, field.name, &text), Some(()), "{}: {text}", field.name);
            assert_eq!(copy, v, "{}", field.name);
            if let Some(empty) = field.empty {
                assert_eq!(set_field(&mut copy, field.name, empty), Some(()), "{}", field.name);
                assert_eq!(field_text(&copy, field.name).as_deref(), Some(empty));
            }
        }
        assert_eq!(field_text(&v, "meeting.members.present").as_deref(), Some("Some(15)"));
        assert_eq!(field_text(&v, "meeting.start").as_deref(), Some("Some(\"19:30\")"));
    }

    #[test]
    fn a_value_that_does_not_fit_changes_nothing() {
        let mut v = visit();
        let before = v.clone();
        assert_eq!(set_field(&mut v, "meeting.members.present", "\"hai mươi\""), None);
        assert_eq!(set_field(&mut v, "meeting.date", "Some(3)"), None);
        assert_eq!(set_field(&mut v, "meeting.nothing", "None"), None);
        assert_eq!(v, before);
    }
}
