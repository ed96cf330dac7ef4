//! Checks of what a template says beyond its items: the score frame (weights that add up, items
//! that belong to a group, bands that neither overlap nor leave a gap), the days in force, the
//! content per branch type, and `replaces` links.

use std::collections::{HashMap, HashSet};

use crate::core::template::{Kind, ScoreFrame, Template};
use crate::core::template_check::TemplateIssue;
use crate::core::visit::BranchType;

/// Two sums of points are equal when they differ by less than this (points may be halves).
const EPSILON: f64 = 1e-6;

pub(super) fn check_frame(template: &Template, issues: &mut Vec<TemplateIssue>) {
    if let Some(period) = template.in_force
        && period.until.is_some_and(|until| until < period.from)
    {
        issues.push(TemplateIssue::InForceReversed);
    }
    check_branch_content(template, issues);
    check_replaces(template, issues);
    match &template.score {
        Some(frame) => {
            check_groups(frame, issues);
            check_item_points(template, frame, issues);
            check_bands(frame, issues);
        }
        None => {
            for r in template.items().filter(|r| r.item.score.is_some()) {
                issues.push(TemplateIssue::ScoreWithoutFrame { item: r.item.id.clone() });
            }
        }
    }
}

fn check_branch_content(template: &Template, issues: &mut Vec<TemplateIssue>) {
    let mut seen: HashSet<BranchType> = HashSet::new();
    for content in &template.branch_content {
        for t in &content.types {
            if !seen.insert(*t) {
                issues.push(TemplateIssue::BranchContentTwice { branch_type: t.id().to_string() });
            }
        }
    }
    if template.branch_content.is_empty() {
        for r in template.items().filter(|r| r.item.shows_branch_content) {
            issues.push(TemplateIssue::NoBranchContent { item: r.item.id.clone() });
        }
    }
}

fn check_replaces(template: &Template, issues: &mut Vec<TemplateIssue>) {
    for r in template.items() {
        if let Some(old) = &r.item.replaces
            && (old.trim().is_empty() || template.item(old).is_some())
        {
            issues.push(TemplateIssue::ReplacesOwnItem { item: r.item.id.clone(), replaces: old.clone() });
        }
    }
}

fn check_groups(frame: &ScoreFrame, issues: &mut Vec<TemplateIssue>) {
    let mut seen = HashSet::new();
    for g in &frame.groups {
        if g.id.trim().is_empty() || !seen.insert(g.id.as_str()) {
            issues.push(TemplateIssue::ScoreGroupTwice { group: g.id.clone() });
        }
        if !(g.weight.is_finite() && g.weight > 0.0) {
            issues.push(TemplateIssue::ScoreWeightNotPositive { group: g.id.clone(), weight: g.weight });
        }
    }
    let sum: f64 = frame.groups.iter().map(|g| g.weight).sum();
    if !frame.total.is_finite() || frame.total <= 0.0 || (sum - frame.total).abs() > EPSILON {
        issues.push(TemplateIssue::ScoreWeightsSum { sum, total: frame.total });
    }
}

fn check_item_points(template: &Template, frame: &ScoreFrame, issues: &mut Vec<TemplateIssue>) {
    let mut points_in: HashMap<&str, f64> = HashMap::new();
    for r in template.items() {
        let Some(part) = &r.item.score else { continue };
        let item = r.item.id.clone();
        if !frame.groups.iter().any(|g| g.id == part.group) {
            issues.push(TemplateIssue::ScoreUnknownGroup { item: item.clone(), group: part.group.clone() });
        }
        if !(part.points.is_finite() && part.points > 0.0) {
            issues.push(TemplateIssue::ScorePointsNotPositive { item: item.clone(), points: part.points });
        }
        if r.item.finding.is_none() && !matches!(r.item.kind, Kind::Scale) {
            issues.push(TemplateIssue::ScoreNotScorable { item });
        }
        *points_in.entry(part.group.as_str()).or_default() += part.points;
    }
    for g in &frame.groups {
        let points = points_in.get(g.id.as_str()).copied().unwrap_or(0.0);
        if (points - g.weight).abs() > EPSILON {
            issues.push(TemplateIssue::ScoreGroupPoints { group: g.id.clone(), points, weight: g.weight });
        }
    }
}

/// Bands must each be a proper range within 0..=total, overlap none of the others, and together
/// cover every mark from 0 to the full one (the top band, without `below`, holding it).
fn check_bands(frame: &ScoreFrame, issues: &mut Vec<TemplateIssue>) {
    let total = frame.total;
    let mut ranges: Vec<(f64, f64, &str)> = Vec::new();
    for band in &frame.bands {
        let below = band.below.unwrap_or(f64::INFINITY);
        let sound =
            band.from.is_finite() && band.from >= 0.0 && band.from < below && band.below.is_none_or(|b| b <= total);
        if !sound || band.from >= total {
            issues.push(TemplateIssue::BandOutOfRange { band: band.id.clone() });
            continue;
        }
        if let Some((_, _, other)) = ranges.iter().find(|(from, to, _)| band.from < *to && *from < below) {
            issues.push(TemplateIssue::BandsOverlap { band: band.id.clone(), other: other.to_string() });
        }
        ranges.push((band.from, below, &band.id));
    }
    if frame.bands.is_empty() {
        issues.push(TemplateIssue::BandsGap { from: 0.0, to: total });
        return;
    }
    ranges.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut reached = 0.0;
    for (from, to, _) in &ranges {
        if *from > reached + EPSILON {
            issues.push(TemplateIssue::BandsGap { from: reached, to: *from });
        }
        reached = f64::max(reached, *to);
    }
    if reached.is_finite() {
        if reached + EPSILON < total {
            issues.push(TemplateIssue::BandsGap { from: reached, to: total });
        }
        // No band without `below`: the full mark itself has no grade.
        issues.push(TemplateIssue::FullMarkWithoutBand { total });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::template::{ItemScore, ScoreGroup};
    use crate::core::template_check::check_template;

    use crate::testing::{grade_band as band, localized as text};

    /// HD 12 with a frame of two groups over three items, all consistent.
    fn framed() -> Template {
        let mut t = Template::embedded();
        t.score = Some(ScoreFrame {
            total: 100.0,
            label: text("team"),
            groups: vec![
                ScoreGroup { id: "a".into(), title: text("A"), weight: 60.0 },
                ScoreGroup { id: "b".into(), title: text("B"), weight: 40.0 },
            ],
            bands: vec![band("tot", 90.0, None), band("kha", 50.0, Some(90.0)), band("kem", 0.0, Some(50.0))],
        });
        for (id, group, points) in [("prep.notice", "a", 30.0), ("prep.focused", "a", 30.0), ("res.voted", "b", 40.0)] {
            if let Some(item) = t.sections.iter_mut().flat_map(|s| s.items.iter_mut()).find(|i| i.id == id) {
                item.score = Some(ItemScore { group: group.into(), points });
            }
        }
        t
    }

    fn frame(t: &mut Template) -> &mut ScoreFrame {
        t.score.as_mut().expect("framed")
    }

    #[test]
    fn a_consistent_frame_is_clean() {
        assert_eq!(check_template(&framed()), vec![]);
    }

    #[test]
    fn weights_must_add_up_to_the_total_and_points_to_their_group() {
        let mut t = framed();
        frame(&mut t).groups[1].weight = 45.0;
        let issues = check_template(&t);
        assert!(issues.contains(&TemplateIssue::ScoreWeightsSum { sum: 105.0, total: 100.0 }), "{issues:?}");
        assert!(
            issues.contains(&TemplateIssue::ScoreGroupPoints { group: "b".into(), points: 40.0, weight: 45.0 }),
            "{issues:?}"
        );
    }

    #[test]
    fn every_scored_item_belongs_to_a_group_and_can_be_scored() {
        let mut t = framed();
        for item in t.sections.iter_mut().flat_map(|s| s.items.iter_mut()) {
            match item.id.as_str() {
                "res.voted" => item.score = Some(ItemScore { group: "c".into(), points: 40.0 }),
                "overall.recommendations" => item.score = Some(ItemScore { group: "a".into(), points: 0.0 }),
                _ => {}
            }
        }
        let issues = check_template(&t);
        assert!(issues.contains(&TemplateIssue::ScoreUnknownGroup { item: "res.voted".into(), group: "c".into() }));
        let text_item = "overall.recommendations".to_string();
        assert!(issues.contains(&TemplateIssue::ScoreNotScorable { item: text_item.clone() }), "{issues:?}");
        assert!(issues.contains(&TemplateIssue::ScorePointsNotPositive { item: text_item, points: 0.0 }));
        let mut unframed = framed();
        unframed.score = None;
        assert!(check_template(&unframed).contains(&TemplateIssue::ScoreWithoutFrame { item: "prep.notice".into() }));
    }

    #[test]
    fn bands_must_not_overlap_or_leave_a_gap() {
        let mut t = framed();
        frame(&mut t).bands[1] = band("kha", 40.0, Some(90.0));
        let issues = check_template(&t);
        let overlap = TemplateIssue::BandsOverlap { band: "kem".into(), other: "kha".into() };
        assert_eq!(issues, vec![overlap], "an overlap leaves no gap behind it");

        let mut t = framed();
        frame(&mut t).bands[1] = band("kha", 60.0, Some(90.0));
        assert_eq!(check_template(&t), vec![TemplateIssue::BandsGap { from: 50.0, to: 60.0 }]);

        let mut t = framed();
        frame(&mut t).bands[0] = band("tot", 90.0, Some(100.0));
        assert_eq!(check_template(&t), vec![TemplateIssue::FullMarkWithoutBand { total: 100.0 }], "100 has no grade");

        let mut t = framed();
        frame(&mut t).bands[2] = band("kem", 50.0, Some(10.0));
        assert!(check_template(&t).contains(&TemplateIssue::BandOutOfRange { band: "kem".into() }));
    }

    #[test]
    fn links_content_and_days_are_checked() {
        let mut t = framed();
        t.in_force = Some(crate::core::template::InForce {
            from: jiff::civil::date(2025, 10, 28),
            until: Some(jiff::civil::date(2025, 1, 1)),
        });
        for item in t.sections.iter_mut().flat_map(|s| s.items.iter_mut()) {
            match item.id.as_str() {
                "prep.notice" => item.replaces = Some("prep.focused".into()),
                "prep.fits_type" => item.shows_branch_content = true,
                _ => {}
            }
        }
        let issues = check_template(&t);
        assert!(issues.contains(&TemplateIssue::InForceReversed));
        assert!(
            issues.contains(&TemplateIssue::ReplacesOwnItem {
                item: "prep.notice".into(),
                replaces: "prep.focused".into()
            })
        );
        assert!(issues.contains(&TemplateIssue::NoBranchContent { item: "prep.fits_type".into() }));
        let content = |types| crate::core::template::BranchContent { types, text: text("x") };
        t.branch_content = vec![content(vec![BranchType::KhuDanCu]), content(vec![BranchType::KhuDanCu])];
        assert!(check_template(&t).contains(&TemplateIssue::BranchContentTwice { branch_type: "khu_dan_cu".into() }));
    }
}
