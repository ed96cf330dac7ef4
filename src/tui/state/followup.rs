//! The follow-up register of the round (issue 17) as the TUI holds it: the actions, listed by
//! branch or by finding, one selected.

use std::collections::BTreeMap;
use std::path::PathBuf;

use jiff::civil::Date;

use crate::core::followup::{Action, Recheck, Register, Verdict};
use crate::store::followup_next::NextRound;

#[derive(Debug, Clone)]
pub struct FollowupScreen {
    /// followup.ron of the data folder.
    pub path: PathBuf,
    pub register: Register,
    /// Grouped by finding (else by branch).
    pub by_finding: bool,
    /// Index into [`FollowupScreen::order`].
    pub selected: usize,
    /// What "overdue" is measured against.
    pub today: Date,
    /// The next round the register was checked against, when one was found.
    pub next: Option<NextRound>,
    /// `A` was pressed: waiting for `y` to record every suggestion.
    pub confirm_all: bool,
    /// Each action's finding sentence in the screen's language, by id, when a template gives it
    /// ([`crate::core::followup::findings_in`]); else the stored one is shown.
    pub findings: BTreeMap<u32, String>,
}

impl FollowupScreen {
    /// Action ids in the order listed (the groups one after the other).
    pub fn order(&self) -> Vec<u32> {
        if self.by_finding {
            self.register.by_finding().into_iter().flat_map(|(_, list)| list.into_iter().map(|a| a.id)).collect()
        } else {
            self.register.by_branch().into_iter().flat_map(|(_, _, list)| list.into_iter().map(|a| a.id)).collect()
        }
    }

    /// The selected action.
    pub fn current(&self) -> Option<&Action> {
        let id = *self.order().get(self.selected)?;
        self.register.get(id)
    }

    /// What the next round says of the actions now (recomputed: a recorded suggestion is gone).
    pub fn rechecks(&self) -> Vec<Recheck> {
        self.next.as_ref().map(|n| n.rechecks(&self.register)).unwrap_or_default()
    }

    /// What the next round says of action `id`.
    pub fn verdict(&self, id: u32) -> Option<Verdict> {
        self.rechecks().into_iter().find(|r| r.action == id).map(|r| r.verdict)
    }

    /// The finding sentence of `action` as the screen shows it.
    pub fn finding<'a>(&'a self, action: &'a Action) -> &'a str {
        self.findings.get(&action.id).map_or(action.finding.as_str(), String::as_str)
    }

    /// Open actions past their due date.
    pub fn overdue(&self) -> usize {
        self.register.actions.iter().filter(|a| a.is_overdue(self.today)).count()
    }
}
