//! How the report names things it takes from the summary: branches (with their committee only
//! where two committees have a branch of that name) and items (their question).

use std::collections::{HashMap, HashSet};

use crate::core::report::words::safe;
use crate::core::summary::Summary;
use crate::core::text::name_key;

/// An item's question, as the summary has it (its id when it has none).
pub(super) fn item_text(summary: &Summary, id: &str) -> String {
    let text = summary.sections.iter().flat_map(|s| &s.items).find(|i| i.id == id).map(|i| i.text.as_str());
    safe(text.filter(|t| !t.trim().is_empty()).unwrap_or(id))
}

/// Branch names as the report gives them: with the parent committee only where branches of two
/// committees share the name. Worked out once: a report names branches thousands of times.
pub(super) struct BranchNames(HashSet<String>);

impl BranchNames {
    pub(super) fn of(summary: &Summary) -> BranchNames {
        let mut first_committee: HashMap<String, String> = HashMap::new();
        let mut shared = HashSet::new();
        for v in &summary.visits {
            let (branch, committee) = (name_key(&v.branch), name_key(&v.committee));
            match first_committee.get(&branch) {
                Some(first) if *first != committee => {
                    shared.insert(branch);
                }
                Some(_) => {}
                None => {
                    first_committee.insert(branch, committee);
                }
            }
        }
        BranchNames(shared)
    }

    pub(super) fn name(&self, branch: &str, committee: &str) -> String {
        if self.0.contains(&name_key(branch)) {
            format!("{} ({})", safe(branch), safe(committee))
        } else {
            safe(branch)
        }
    }
}
