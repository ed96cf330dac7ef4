//! Checks of `report_order`, the order a report gives the limitations in: every entry names an
//! item or a section of the template, and none is listed twice.

use std::collections::HashSet;

use crate::core::template::Template;
use crate::core::template_check::TemplateIssue;

pub(super) fn check_report_order(template: &Template, issues: &mut Vec<TemplateIssue>) {
    let mut seen: HashSet<&str> = HashSet::new();
    for entry in &template.report_order {
        let known = template.item(entry).is_some() || template.sections.iter().any(|s| s.id == *entry);
        if !known {
            issues.push(TemplateIssue::ReportOrderUnknown { id: entry.clone() });
        }
        // An unknown id listed twice is said once (as unknown): fixing it fixes both.
        if !seen.insert(entry.as_str()) && known {
            issues.push(TemplateIssue::ReportOrderTwice { id: entry.clone() });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::template_check::{Anchor, check_template};

    #[test]
    fn unknown_and_repeated_entries_are_refused_where_they_are() {
        let mut t = Template::embedded();
        t.report_order = vec!["prep".into(), "prep.nowhere".into(), "min.read_back".into(), "prep".into()];
        let issues = check_template(&t);
        let unknown = TemplateIssue::ReportOrderUnknown { id: "prep.nowhere".into() };
        let twice = TemplateIssue::ReportOrderTwice { id: "prep".into() };
        assert_eq!(issues, vec![unknown.clone(), twice.clone()]);
        assert_eq!(unknown.anchor(), Some(Anchor::Entry { key: "report_order", value: "prep.nowhere".into(), nth: 0 }));
        assert_eq!(twice.anchor(), Some(Anchor::Entry { key: "report_order", value: "prep".into(), nth: 1 }));
    }

    #[test]
    fn the_embedded_templates_order_every_limitation() {
        for t in Template::embedded_all() {
            assert!(!t.report_order.is_empty(), "{}", t.id);
            let mut issues = Vec::new();
            check_report_order(&t, &mut issues);
            assert_eq!(issues, vec![], "{}", t.id);
        }
    }
}
