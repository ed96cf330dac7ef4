//! Resolving a conflict a merge left on an item or fact: `1` keeps the first side, `2` the second.
//! The keys take precedence over typing a number there, since a row with a conflict waits for
//! that choice first.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::core::merge::{Pick, ResolveError, resolve};
use crate::strings::TeamMsg;
use crate::tui::rows::{conflict_sides_text, row_conflict};
use crate::tui::state::{App, Effect, current_row};

use super::visit::change_visit;

/// `1` or `2` on a row with a conflict: keep that side. None when the key is not for this.
pub(super) fn pick_key(app: &mut App, key: &KeyEvent) -> Option<Vec<Effect>> {
    let pick = match key.code {
        KeyCode::Char('1') => Pick::One,
        KeyCode::Char('2') => Pick::Two,
        _ => return None,
    };
    if !key.modifiers.difference(KeyModifiers::SHIFT).is_empty() {
        return None;
    }
    let session = app.session.as_ref()?;
    let row = current_row(session)?;
    let (index, conflict) = row_conflict(&session.template, &session.visit, row)?;
    let [one, two] = conflict_sides_text(&session.template, conflict, &app.zone, app.lang);
    let (number, kept) = if pick == Pick::One { (1, one) } else { (2, two) };
    let mut refused = None;
    let effects = change_visit(app, |visit, _| {
        refused = resolve(visit, index, pick).err();
    });
    app.flash = Some(match refused {
        None if !effects.is_empty() => TeamMsg::ConflictPicked.fill(app.lang, &[&number, &kept]),
        // Refused by the visit (read-only, final): change_visit said why.
        None => return Some(effects),
        Some(ResolveError::BadValue(field)) => TeamMsg::ConflictBadValue.fill(app.lang, &[&field]),
        Some(ResolveError::NoSuchConflict) => return Some(effects),
    });
    Some(effects)
}
