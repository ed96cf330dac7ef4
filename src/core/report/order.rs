//! The order of a meeting, as the templates state it (`report_order`): the rank of every item id,
//! by which the report sorts its limitations.

use std::collections::HashMap;

use crate::core::summary::{Finding, Summary};
use crate::core::template::Template;

/// Each item id's place in the report: the sequence of the template in force most recently among
/// those the summary's visits were filled against (the one whose sections the summary follows),
/// then the items only older ones have, in their own sequence. An id no template knows has no
/// rank: the caller puts it last, in the summary's order.
pub fn meeting_order(summary: &Summary, templates: &[Template]) -> HashMap<String, usize> {
    let mut used: Vec<&Template> = templates
        .iter()
        .filter(|t| summary.template_versions.iter().any(|v| v.id == t.id && v.version == t.version))
        .collect();
    // As the summary merges them: the first day in force, latest first (none: last), then the
    // newest version.
    used.sort_by(|a, b| {
        let from = |t: &Template| t.in_force.map(|p| p.from);
        from(b).cmp(&from(a)).then_with(|| b.version.cmp(&a.version)).then_with(|| a.id.cmp(&b.id))
    });
    let mut ranks: HashMap<String, usize> = HashMap::new();
    for template in used {
        for id in template.report_sequence() {
            let next = ranks.len();
            ranks.entry(id.to_string()).or_insert(next);
        }
    }
    ranks
}

/// The findings in the order of a meeting (an id no template ranks comes last, in summary order).
pub(super) fn in_meeting_order<'f>(findings: &'f [Finding], order: &HashMap<String, usize>) -> Vec<&'f Finding> {
    let mut sorted: Vec<&Finding> = findings.iter().collect();
    sorted.sort_by_key(|f| order.get(&f.id).copied().unwrap_or(usize::MAX));
    sorted
}
