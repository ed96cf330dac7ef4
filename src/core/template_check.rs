//! Checks a template written by hand: unique ids, conditions that refer to existing fields,
//! thresholds in range, choices that make sense.

use std::collections::HashSet;

use crate::core::rules::CONDITION_FACTS;
use crate::core::template::{Bound, Computed, FailsWhen, Item, Kind, Template};
use crate::core::visit::{BranchType, MeetingKind};

mod frame;
mod order;

/// One thing wrong with a template, tied to the item (or section) it concerns.
#[derive(Debug, Clone, PartialEq)]
pub enum TemplateIssue {
    EmptyId,
    DuplicateId {
        id: String,
    },
    NoSections,
    EmptySection {
        section: String,
    },
    MissingText {
        id: String,
    },
    ConditionUnknownField {
        item: String,
        field: String,
    },
    ConditionOnLaterItem {
        item: String,
        field: String,
    },
    ConditionUnknownValue {
        item: String,
        field: String,
        value: String,
    },
    RuleDoesNotFitKind {
        item: String,
    },
    ThresholdOutOfRange {
        item: String,
        value: f64,
    },
    BadBounds {
        item: String,
    },
    NoOptions {
        item: String,
    },
    UnknownOption {
        item: String,
        option: String,
    },
    StrengthShareOutOfRange {
        value: f64,
    },
    ListPlaceholderWithoutOptions {
        item: String,
    },
    /// `in_force.until` is before `in_force.from`.
    InForceReversed,
    /// Two `branch_content` entries name the same branch type.
    BranchContentTwice {
        branch_type: String,
    },
    /// An item shows the content per branch type, but the template has none.
    NoBranchContent {
        item: String,
    },
    /// `replaces` names an item of this same template (or nothing): it must name an earlier rule
    /// set's item that this template no longer has.
    ReplacesOwnItem {
        item: String,
        replaces: String,
    },
    /// An item has points but the template has no score frame.
    ScoreWithoutFrame {
        item: String,
    },
    ScoreGroupTwice {
        group: String,
    },
    ScoreWeightNotPositive {
        group: String,
        weight: f64,
    },
    /// The groups' weights do not add up to the frame's total.
    ScoreWeightsSum {
        sum: f64,
        total: f64,
    },
    ScoreUnknownGroup {
        item: String,
        group: String,
    },
    ScorePointsNotPositive {
        item: String,
        points: f64,
    },
    /// A scored item must pass or fail (a finding rule) or be a 1–5 scale.
    ScoreNotScorable {
        item: String,
    },
    /// The points of a group's items do not add up to its weight.
    ScoreGroupPoints {
        group: String,
        points: f64,
        weight: f64,
    },
    /// A band that is empty, reversed or outside 0..total.
    BandOutOfRange {
        band: String,
    },
    BandsOverlap {
        band: String,
        other: String,
    },
    /// Marks from `from` to `to` fall in no band.
    BandsGap {
        from: f64,
        to: f64,
    },
    /// Every band has a `below`, so the full mark has no grade.
    FullMarkWithoutBand {
        total: f64,
    },
    /// An entry of `report_order` names no item or section of the template.
    ReportOrderUnknown {
        id: String,
    },
    /// An entry of `report_order` is listed a second time.
    ReportOrderTwice {
        id: String,
    },
}

/// Where in a template's text an issue is to be fixed, for `template check` to print line:col.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    /// The `nth` (from 0) `id: "…"` with this id: an item, a section, a group or a band.
    Id { id: String, nth: usize },
    /// The first `id: "…"` with this id after the field `key`.
    IdAfter { key: &'static str, id: String },
    /// The first field `key`.
    Key(&'static str),
    /// An item's option, `id: "option"` after the item's id.
    Option { item: String, option: String },
    /// The `nth` (from 0) `"value"` in the list of the field `key` (e.g. an entry of
    /// `report_order`).
    Entry { key: &'static str, value: String, nth: usize },
}

impl TemplateIssue {
    /// Where the issue is, when the text shows it.
    pub fn anchor(&self) -> Option<Anchor> {
        use TemplateIssue as I;
        let id = |id: &String| Some(Anchor::Id { id: id.clone(), nth: 0 });
        match self {
            I::EmptyId => Some(Anchor::Id { id: String::new(), nth: 0 }),
            // The second one is the one to change; an option written twice is "item/option".
            I::DuplicateId { id } => match id.split_once('/') {
                Some((item, option)) => Some(Anchor::Option { item: item.into(), option: option.into() }),
                None => Some(Anchor::Id { id: id.clone(), nth: 1 }),
            },
            I::NoSections => Some(Anchor::Key("sections")),
            I::EmptySection { section } => id(section),
            I::MissingText { id: item }
            | I::ConditionUnknownField { item, .. }
            | I::ConditionOnLaterItem { item, .. }
            | I::ConditionUnknownValue { item, .. }
            | I::RuleDoesNotFitKind { item }
            | I::ThresholdOutOfRange { item, .. }
            | I::BadBounds { item }
            | I::NoOptions { item }
            | I::ListPlaceholderWithoutOptions { item }
            | I::NoBranchContent { item }
            | I::ReplacesOwnItem { item, .. }
            | I::ScoreWithoutFrame { item }
            | I::ScoreUnknownGroup { item, .. }
            | I::ScorePointsNotPositive { item, .. }
            | I::ScoreNotScorable { item } => id(item),
            I::UnknownOption { item, option } => Some(Anchor::Option { item: item.clone(), option: option.clone() }),
            I::StrengthShareOutOfRange { .. } => Some(Anchor::Key("strength_share")),
            I::InForceReversed => Some(Anchor::Key("in_force")),
            I::BranchContentTwice { .. } => Some(Anchor::Key("branch_content")),
            I::ScoreGroupTwice { group } => Some(Anchor::Id { id: group.clone(), nth: 1 }),
            I::ScoreWeightNotPositive { group, .. } | I::ScoreGroupPoints { group, .. } => {
                Some(Anchor::IdAfter { key: "groups", id: group.clone() })
            }
            I::ScoreWeightsSum { .. } => Some(Anchor::Key("groups")),
            I::BandOutOfRange { band } | I::BandsOverlap { band, .. } => {
                Some(Anchor::IdAfter { key: "bands", id: band.clone() })
            }
            I::BandsGap { .. } | I::FullMarkWithoutBand { .. } => Some(Anchor::Key("bands")),
            I::ReportOrderUnknown { id } => Some(Anchor::Entry { key: "report_order", value: id.clone(), nth: 0 }),
            // The second one is the one to remove.
            I::ReportOrderTwice { id } => Some(Anchor::Entry { key: "report_order", value: id.clone(), nth: 1 }),
        }
    }
}

/// Every issue found, in template order. An empty list means the template is usable.
pub fn check_template(template: &Template) -> Vec<TemplateIssue> {
    let mut issues = Vec::new();
    if !(0.0..=1.0).contains(&template.strength_share) {
        issues.push(TemplateIssue::StrengthShareOutOfRange { value: template.strength_share });
    }
    if template.sections.is_empty() {
        issues.push(TemplateIssue::NoSections);
    }
    let mut seen = HashSet::new();
    for section in &template.sections {
        check_id(&section.id, &mut seen, &mut issues);
        if section.items.is_empty() {
            issues.push(TemplateIssue::EmptySection { section: section.id.clone() });
        }
        for item in &section.items {
            check_id(&item.id, &mut seen, &mut issues);
            check_item(template, item, &seen, &mut issues);
        }
    }
    frame::check_frame(template, &mut issues);
    order::check_report_order(template, &mut issues);
    issues
}

fn check_id(id: &str, seen: &mut HashSet<String>, issues: &mut Vec<TemplateIssue>) {
    if id.trim().is_empty() {
        issues.push(TemplateIssue::EmptyId);
    } else if !seen.insert(id.to_string()) {
        issues.push(TemplateIssue::DuplicateId { id: id.to_string() });
    }
}

fn check_item(template: &Template, item: &Item, seen_before: &HashSet<String>, issues: &mut Vec<TemplateIssue>) {
    let id = item.id.clone();
    if item.text.vi.trim().is_empty() {
        issues.push(TemplateIssue::MissingText { id: id.clone() });
    }
    check_kind(item, issues);
    if let Some(condition) = &item.applies_when {
        check_condition(template, item, &condition.field, &condition.is, seen_before, issues);
    }
    if let Some(rule) = &item.finding {
        if !rule_fits_kind(&rule.fails_when, &item.kind) {
            issues.push(TemplateIssue::RuleDoesNotFitKind { item: id.clone() });
        }
        check_bound_rule(&id, &item.kind, &rule.fails_when, issues);
        if let FailsWhen::ChoiceIn(ids) = &rule.fails_when {
            for option in ids {
                if !item.kind.options().iter().any(|o| o.id == *option) {
                    issues.push(TemplateIssue::UnknownOption { item: id.clone(), option: option.clone() });
                }
            }
        }
        let uses_list = rule.text.vi.contains("{list}") || rule.text.en.contains("{list}");
        if uses_list && !matches!(item.kind, Kind::MultiChoice { .. }) {
            issues.push(TemplateIssue::ListPlaceholderWithoutOptions { item: id.clone() });
        }
        if rule.text.vi.trim().is_empty() {
            issues.push(TemplateIssue::MissingText { id });
        }
    }
}

fn check_kind(item: &Item, issues: &mut Vec<TemplateIssue>) {
    match &item.kind {
        Kind::Count { min, max, .. } if min > max => issues.push(TemplateIssue::BadBounds { item: item.id.clone() }),
        Kind::CountPair { max: 0, .. } => issues.push(TemplateIssue::BadBounds { item: item.id.clone() }),
        Kind::Choice { options } | Kind::MultiChoice { options } => {
            if options.is_empty() {
                issues.push(TemplateIssue::NoOptions { item: item.id.clone() });
            }
            let mut ids = HashSet::new();
            for o in options {
                if !ids.insert(o.id.as_str()) {
                    issues.push(TemplateIssue::DuplicateId { id: format!("{}/{}", item.id, o.id) });
                }
            }
        }
        _ => {}
    }
}

fn rule_fits_kind(rule: &FailsWhen, kind: &Kind) -> bool {
    match rule {
        FailsWhen::No => matches!(kind, Kind::YesNo { .. }),
        FailsWhen::AtMost(_) | FailsWhen::Below(_) | FailsWhen::Above(_) => {
            matches!(kind, Kind::Count { .. } | Kind::Scale | Kind::Computed(_))
        }
        FailsWhen::ChoiceIn(_) => matches!(kind, Kind::Choice { .. }),
        FailsWhen::AnyChosen | FailsWhen::AnyNotChosen => matches!(kind, Kind::MultiChoice { .. }),
        FailsWhen::FirstBelowSecond => matches!(kind, Kind::CountPair { .. }),
    }
}

/// The values a threshold can sensibly take for an item of this kind.
fn threshold_range(kind: &Kind) -> std::ops::RangeInclusive<f64> {
    match kind {
        Kind::Scale => 0.0..=6.0,
        Kind::Computed(Computed::AttendanceRate) => 0.0..=100.0,
        Kind::Count { min, max, .. } => f64::from(*min)..=f64::from(*max),
        // Counts of members, minutes: never negative, never above a day's minutes.
        _ => 0.0..=1440.0,
    }
}

fn check_bound_rule(item: &str, kind: &Kind, rule: &FailsWhen, issues: &mut Vec<TemplateIssue>) {
    let bound = match rule {
        FailsWhen::AtMost(b) | FailsWhen::Below(b) | FailsWhen::Above(b) => b,
        _ => return,
    };
    let values: Vec<f64> = match bound {
        Bound::Value(v) => vec![*v],
        Bound::ShareOfPresent { percent, at_least } => {
            if !(0.0..=100.0).contains(percent) {
                issues.push(TemplateIssue::ThresholdOutOfRange { item: item.to_string(), value: *percent });
            }
            vec![*at_least]
        }
        Bound::ByMeetingKind { regular, thematic, combined } => vec![*regular, *thematic, *combined],
    };
    let range = threshold_range(kind);
    for v in values {
        if !v.is_finite() || !range.contains(&v) {
            issues.push(TemplateIssue::ThresholdOutOfRange { item: item.to_string(), value: v });
        }
    }
}

fn check_condition(
    template: &Template,
    item: &Item,
    field: &str,
    accepted: &[String],
    seen_before: &HashSet<String>,
    issues: &mut Vec<TemplateIssue>,
) {
    let unknown_value = |value: &String| TemplateIssue::ConditionUnknownValue {
        item: item.id.clone(),
        field: field.to_string(),
        value: value.clone(),
    };
    let valid: Vec<String> = if CONDITION_FACTS.contains(&field) {
        match field {
            "has_committee" => vec!["true".into(), "false".into()],
            "meeting_kind" => MeetingKind::ALL.iter().map(|k| k.id().to_string()).collect(),
            _ => BranchType::ALL.iter().map(|t| t.id().to_string()).collect(),
        }
    } else if let Some(target) = template.item(field) {
        if !seen_before.contains(field) || field == item.id {
            issues.push(TemplateIssue::ConditionOnLaterItem { item: item.id.clone(), field: field.into() });
            return;
        }
        match &target.item.kind {
            Kind::YesNo { .. } => vec!["yes".into(), "no".into(), "na".into()],
            Kind::Choice { options } => options.iter().map(|o| o.id.clone()).collect(),
            Kind::Scale => (1..=5).map(|n: u8| n.to_string()).collect(),
            // Numbers are compared as written; any value is acceptable.
            _ => return,
        }
    } else {
        issues.push(TemplateIssue::ConditionUnknownField { item: item.id.clone(), field: field.into() });
        return;
    };
    for value in accepted {
        if !valid.contains(value) {
            issues.push(unknown_value(value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::template::Condition;

    #[test]
    fn embedded_template_is_clean() {
        assert_eq!(check_template(&Template::embedded()), vec![]);
    }

    #[test]
    fn catches_duplicate_ids_and_bad_conditions() {
        let mut t = Template::embedded();
        let first = t.sections[0].items[0].clone();
        t.sections[0].items.push(first.clone());
        t.sections[1].items[0].applies_when = Some(Condition { field: "nonsense".into(), is: vec!["x".into()] });
        t.sections[1].items[1].applies_when =
            Some(Condition { field: "has_committee".into(), is: vec!["maybe".into()] });
        let issues = check_template(&t);
        assert!(issues.contains(&TemplateIssue::DuplicateId { id: first.id }));
        assert!(
            issues
                .iter()
                .any(|i| matches!(i, TemplateIssue::ConditionUnknownField { field, .. } if field == "nonsense"))
        );
        assert!(
            issues.iter().any(|i| matches!(i, TemplateIssue::ConditionUnknownValue { value, .. } if value == "maybe"))
        );
    }

    #[test]
    fn thresholds_are_checked_against_the_kind() {
        let mut t = Template::embedded();
        for item in t.sections.iter_mut().flat_map(|s| s.items.iter_mut()) {
            let value = match item.id.as_str() {
                "att.rate" => 850.0,
                "prep.fits_type" => 7.0,
                _ => continue,
            };
            if let Some(rule) = &mut item.finding {
                rule.fails_when = FailsWhen::AtMost(Bound::Value(value));
            }
        }
        let issues = check_template(&t);
        for (item, value) in [("att.rate", 850.0), ("prep.fits_type", 7.0)] {
            let expected = TemplateIssue::ThresholdOutOfRange { item: item.into(), value };
            assert!(issues.contains(&expected), "{issues:?}");
        }
    }

    #[test]
    fn catches_thresholds_out_of_range() {
        let mut t = Template::embedded();
        let rate = t.sections.iter_mut().flat_map(|s| s.items.iter_mut()).find(|i| i.id == "att.rate");
        if let Some(item) = rate
            && let Some(rule) = &mut item.finding
        {
            rule.fails_when = FailsWhen::AtMost(Bound::Value(-5.0));
        }
        let issues = check_template(&t);
        assert!(
            issues.iter().any(|i| matches!(i, TemplateIssue::ThresholdOutOfRange { item, .. } if item == "att.rate")),
            "{issues:?}"
        );
    }
}
