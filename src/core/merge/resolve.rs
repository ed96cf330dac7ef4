//! A person picks one side of a conflict the merge kept in the file.

use crate::core::visit::{Conflict, Visit};

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
    /// The kept value does not fit the field (a file edited by hand): the field's name.
    BadValue(String),
}

/// Keep `pick`'s side of the conflict at `index`: its value goes into the visit and the conflict
/// leaves the file. Nothing changes on an error.
pub fn resolve(visit: &mut Visit, index: usize, pick: Pick) -> Result<(), ResolveError> {
    let conflict = visit.conflicts.get(index).ok_or(ResolveError::NoSuchConflict)?.clone();
    let side = match pick {
        Pick::One => &conflict.one,
        Pick::Two => &conflict.two,
    };
    match conflict.item() {
        Some(item) => match &side.answer {
            Some(answer) if !answer.is_empty() => {
                visit.answers.insert(item.to_string(), answer.clone());
            }
            _ => {
                visit.answers.remove(item);
            }
        },
        None => return Err(ResolveError::BadValue(conflict.field.clone())),
    }
    visit.conflicts.remove(index);
    Ok(())
}

/// The conflict on `item`'s answer, with its place in the list.
pub fn answer_conflict<'a>(visit: &'a Visit, item: &str) -> Option<(usize, &'a Conflict)> {
    visit.conflicts.iter().enumerate().find(|(_, c)| c.item() == Some(item))
}
