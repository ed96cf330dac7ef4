//! The meeting score: a template's points frame ([`ScoreFrame`]) applied to one visit.
//!
//! Each scored item earns points by its status ([`item_status`]): a passing item earns all of its
//! points, a failing one none; a 1–5 scale earns (answer − 1) / 4 of them, so 3 of 5 is half. An
//! item that does not apply to this meeting (a thematic item in a regular meeting, a chi ủy item in
//! a branch without one) earns its points too: what a branch was not asked to do is not a shortfall.
//! An item not yet answered earns nothing and is counted as pending, so a score with pending items
//! is a running score, not the meeting's.
//!
//! The grade is the band the points fall in. It is the inspection team's assessment; the official
//! grade is the upper committee's (the frame's `label` says so wherever the score is shown).

use crate::core::rules::{ItemStatus, item_status};
use crate::core::template::{GradeBand, Item, Kind, ScoreFrame, Template};
use crate::core::visit::{Value, Visit};

/// Points are kept to this many decimal places, so that sums of quarters and halves land exactly
/// on a band's edge (90, not 89.99999999999999).
const PLACES: f64 = 1_000_000.0;

fn settle(points: f64) -> f64 {
    (points * PLACES).round() / PLACES
}

/// One group's part of a visit's score.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupScore {
    pub id: String,
    pub earned: f64,
    pub weight: f64,
}

/// A visit's score on its template's frame.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitScore {
    /// Points earned so far.
    pub points: f64,
    /// The full mark.
    pub total: f64,
    /// Per group, in the frame's order.
    pub groups: Vec<GroupScore>,
    /// Scored items not answered yet (computed ones whose facts are missing included).
    pub pending: usize,
    /// Index into the frame's bands of the band the points fall in.
    pub band: Option<usize>,
}

impl VisitScore {
    /// Every scored item is answered: the score is the meeting's, not a running one.
    pub fn is_complete(&self) -> bool {
        self.pending == 0
    }

    pub fn band<'f>(&self, frame: &'f ScoreFrame) -> Option<&'f GradeBand> {
        self.band.and_then(|i| frame.bands.get(i))
    }
}

/// The score of `visit` on `template`'s frame; None when the template has no frame.
pub fn visit_score(template: &Template, visit: &Visit) -> Option<VisitScore> {
    let frame = template.score.as_ref()?;
    let mut groups: Vec<GroupScore> =
        frame.groups.iter().map(|g| GroupScore { id: g.id.clone(), earned: 0.0, weight: g.weight }).collect();
    let mut pending = 0;
    for r in template.items() {
        let Some(part) = &r.item.score else { continue };
        let Some(group) = groups.iter_mut().find(|g| g.id == part.group) else { continue };
        match share_earned(r.item, visit) {
            Some(share) => group.earned += share * part.points,
            None => pending += 1,
        }
    }
    for g in &mut groups {
        g.earned = settle(g.earned);
    }
    let points = settle(groups.iter().map(|g| g.earned).sum());
    Some(VisitScore { points, total: frame.total, band: band_of(frame, points), groups, pending })
}

/// The share (0–1) of its points an item earns in this visit; None while it is unanswered.
fn share_earned(item: &Item, visit: &Visit) -> Option<f64> {
    let status = item_status(item, visit);
    match status {
        ItemStatus::NotApplicable => return Some(1.0),
        ItemStatus::Unanswered => return None,
        _ => {}
    }
    if let (Kind::Scale, Some(Value::Scale(n))) = (&item.kind, visit.value(&item.id)) {
        return Some(f64::from(n.clamp(&1, &5) - 1) / 4.0);
    }
    match status {
        ItemStatus::Pass => Some(1.0),
        ItemStatus::Fail => Some(0.0),
        // Answered without a finding rule: `template check` refuses such a scored item.
        _ => None,
    }
}

/// The band `points` fall in: `from ≤ points < below`, the top band (no `below`) taking the full mark.
pub fn band_of(frame: &ScoreFrame, points: f64) -> Option<usize> {
    frame.bands.iter().position(|b| points >= b.from && b.below.is_none_or(|below| points < below))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::template::{ItemScore, ScoreGroup};
    use crate::core::visit::Answer;

    use crate::testing::{grade_band as band, localized as text};

    /// The embedded HD 12 template with a frame over three of its items: a yes/no (40 points),
    /// a scale (40) and a yes/no that only applies with a chi ủy (20).
    fn scored() -> Template {
        let mut t = Template::embedded();
        t.score = Some(ScoreFrame {
            total: 100.0,
            label: text("team"),
            groups: vec![
                ScoreGroup { id: "a".into(), title: text("A"), weight: 80.0 },
                ScoreGroup { id: "b".into(), title: text("B"), weight: 20.0 },
            ],
            bands: vec![
                band("tot", 90.0, None),
                band("kha", 70.0, Some(90.0)),
                band("tb", 50.0, Some(70.0)),
                band("kem", 0.0, Some(50.0)),
            ],
        });
        for (id, group, points) in
            [("prep.notice", "a", 40.0), ("prep.focused", "a", 40.0), ("min.committee_minutes", "b", 20.0)]
        {
            for item in t.sections.iter_mut().flat_map(|s| s.items.iter_mut()).filter(|i| i.id == id) {
                item.score = Some(ItemScore { group: group.into(), points });
            }
        }
        t
    }

    fn answer(visit: &mut Visit, id: &str, value: Value) {
        visit.answers.insert(id.into(), Answer { value: Some(value), note: String::new() });
    }

    #[test]
    fn points_follow_pass_fail_and_the_scale() {
        let t = scored();
        let mut v = crate::testing::sample_visit(&t);
        v.answers.clear();
        v.meeting.has_committee = Some(true);
        let s = visit_score(&t, &v).expect("a frame");
        assert_eq!((s.points, s.pending), (0.0, 3), "nothing answered: all pending");
        answer(&mut v, "prep.notice", Value::Yes);
        answer(&mut v, "prep.focused", Value::Scale(3));
        answer(&mut v, "min.committee_minutes", Value::No);
        let s = visit_score(&t, &v).expect("a frame");
        assert_eq!(s.points, 60.0, "40 + half of 40 + 0");
        assert_eq!(s.groups.iter().map(|g| g.earned).collect::<Vec<_>>(), vec![60.0, 0.0]);
        assert!(s.is_complete());
        assert_eq!(s.band(t.score.as_ref().expect("frame")).map(|b| b.id.as_str()), Some("tb"));
    }

    #[test]
    fn an_item_that_does_not_apply_earns_its_points() {
        let t = scored();
        let mut v = crate::testing::sample_visit(&t);
        v.answers.clear();
        v.meeting.has_committee = Some(false);
        answer(&mut v, "prep.notice", Value::No);
        answer(&mut v, "prep.focused", Value::Scale(5));
        let s = visit_score(&t, &v).expect("a frame");
        assert_eq!((s.points, s.pending), (60.0, 0), "0 + 40 + 20 for the chi ủy item not asked");
    }

    #[test]
    fn band_edges_belong_to_the_higher_band() {
        let frame = scored().score.expect("frame");
        let id = |p: f64| band_of(&frame, p).map(|i| frame.bands[i].id.clone());
        assert_eq!(id(100.0).as_deref(), Some("tot"));
        assert_eq!(id(90.0).as_deref(), Some("tot"));
        assert_eq!(id(89.75).as_deref(), Some("kha"));
        assert_eq!(id(70.0).as_deref(), Some("kha"));
        assert_eq!(id(50.0).as_deref(), Some("tb"));
        assert_eq!(id(49.5).as_deref(), Some("kem"));
        assert_eq!(id(0.0).as_deref(), Some("kem"));
        assert_eq!(settle(0.1 + 0.2), 0.3, "sums are settled before banding");
    }

    #[test]
    fn a_template_without_a_frame_has_no_score() {
        let t = Template::embedded();
        assert_eq!(visit_score(&t, &crate::testing::sample_visit(&t)), None);
    }
}
