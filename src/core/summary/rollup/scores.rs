//! HD 42 scores in a roll-up: per template version, the visits, grades and pending counts add,
//! and so do the sums of points in millionths; the averages are computed from the sums with the
//! summary's own formula ([`average_micro`]), so they equal the summary of all visits at once to
//! the last bit. An input written before the sums were (no `points_millionths`) still adds its
//! counts, but the averages it takes part in are unknown (null), never guessed from rounded ones.

use super::input::{ScoreJ, VisitJ};
use crate::core::summary::{BandCount, GroupAverage, ScoreSummary, VisitScoreBrief, average_micro};

/// The scores of every template version over the inputs, in first-seen order.
#[derive(Default)]
pub(super) struct ScoreSums(Vec<(ScoreSummary, bool)>);

impl ScoreSums {
    /// One input's scores of one template version.
    pub(super) fn add(&mut self, s: &ScoreJ) {
        let (id, version) = (&s.template.id, s.template.version);
        let at = match self.0.iter().position(|(sum, _)| sum.template_id == *id && sum.version == version) {
            Some(at) => at,
            None => {
                self.0.push((empty(s), true));
                self.0.len() - 1
            }
        };
        let (sum, exact) = &mut self.0[at];
        sum.visits += s.visits;
        sum.pending += s.pending;
        sum.outside_bands += s.outside_bands;
        for g in &s.grades {
            if let Some(band) = sum.bands.iter_mut().find(|b| b.id == g.id) {
                band.visits += g.visits;
            }
        }
        *exact &= s.points_millionths.is_some() && s.groups.iter().all(|g| g.points_millionths.is_some());
        sum.points_micro = sum.points_micro.saturating_add(i128::from(s.points_millionths.unwrap_or(0)));
        for g in &s.groups {
            if let Some(group) = sum.groups.iter_mut().find(|mine| mine.id == g.id) {
                group.sum_micro = group.sum_micro.saturating_add(i128::from(g.points_millionths.unwrap_or(0)));
            }
        }
    }

    /// The merged scores, by id and version as a summary orders them, averages from the sums.
    pub(super) fn finish(self) -> Vec<ScoreSummary> {
        let mut scores: Vec<ScoreSummary> = self
            .0
            .into_iter()
            .map(|(mut s, exact)| {
                let complete = s.complete();
                s.average = average_micro(s.points_micro, complete).filter(|_| exact);
                for g in &mut s.groups {
                    g.average = average_micro(g.sum_micro, complete).filter(|_| exact);
                }
                s
            })
            .collect();
        scores.sort_by(|a, b| a.template_id.cmp(&b.template_id).then(a.version.cmp(&b.version)));
        scores
    }
}

/// A template version's frame as an input describes it, with nothing counted yet.
fn empty(s: &ScoreJ) -> ScoreSummary {
    ScoreSummary {
        template_id: s.template.id.clone(),
        version: s.template.version,
        rule_set: s.rule_set.clone(),
        label: s.label.clone(),
        total: s.total,
        visits: 0,
        bands: s
            .grades
            .iter()
            .map(|g| BandCount { id: g.id.clone(), label: g.label.clone(), from: g.from, below: g.below, visits: 0 })
            .collect(),
        pending: 0,
        outside_bands: 0,
        average: None,
        points_micro: 0,
        groups: s
            .groups
            .iter()
            .map(|g| GroupAverage {
                id: g.id.clone(),
                title: g.title.clone(),
                weight: g.weight,
                average: None,
                sum_micro: 0,
            })
            .collect(),
    }
}

/// A visit's score as its input gives it; its band found by the grade's id among its template
/// version's grades in that input.
pub(super) fn visit_score(v: &VisitJ, scores: &[ScoreJ]) -> Option<VisitScoreBrief> {
    let score = v.score.as_ref()?;
    let band = v.grade.as_ref().and_then(|grade| {
        let frame =
            scores.iter().find(|s| s.template.id == v.template.id && s.template.version == v.template.version)?;
        frame.grades.iter().position(|g| g.id == grade.id)
    });
    Some(VisitScoreBrief {
        points: score.exact.unwrap_or(score.points),
        total: score.total,
        pending: score.pending,
        band,
    })
}
