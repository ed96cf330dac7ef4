//! The follow-up register of the round (issue 17) as the TUI holds it: the actions, listed by
//! branch or by finding, one selected.

use std::path::PathBuf;

use jiff::civil::Date;

use crate::core::followup::{Action, Register};

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

    /// Open actions past their due date.
    pub fn overdue(&self) -> usize {
        self.register.actions.iter().filter(|a| a.is_overdue(self.today)).count()
    }
}
