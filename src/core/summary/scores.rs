//! The summary's scores: for visits whose template has a points frame, each visit's score and,
//! per template version, how the visits grade and what they earn on average.
//!
//! A visit with scored items still unanswered ([`VisitScore::pending`]) has a running score, not
//! the meeting's: it is counted apart as "not yet gradable" and left out of the grades and the
//! averages, whatever its status (a final visit can hold unanswered items too). A visit with
//! every scored item answered is graded even while it is a draft.
//!
//! Sums are kept in millionths of a point, as whole numbers: scores are settled to six decimal
//! places ([`crate::core::score`]), so the sums are exact, and adding the visits in any order or
//! in any runs gives the same averages to the last bit.
//!
//! The score is the inspection team's assessment; the official grade is the upper committee's.

use crate::core::score::VisitScore;
use crate::core::template::Template;
use crate::strings::Lang;

/// Millionths of a point, the unit sums are kept in.
const MICRO: f64 = 1_000_000.0;

fn micro(points: f64) -> i128 {
    // `as` saturates (and takes NaN to 0): a hostile frame gives odd sums, never a panic.
    (points * MICRO).round() as i128
}

/// One visit's score, as the summary keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitScoreBrief {
    /// Points earned (a running score while `pending` > 0).
    pub points: f64,
    /// The full mark.
    pub total: f64,
    /// Scored items not answered yet.
    pub pending: usize,
    /// Index into the frame's bands; None while pending, or when the points fall in no band.
    pub band: Option<usize>,
}

impl VisitScoreBrief {
    pub fn of(score: &VisitScore) -> VisitScoreBrief {
        let band = if score.is_complete() { score.band } else { None };
        VisitScoreBrief { points: score.points, total: score.total, pending: score.pending, band }
    }

    /// Every scored item is answered: the visit can be graded.
    pub fn is_complete(&self) -> bool {
        self.pending == 0
    }
}

/// Running counts for the visits of one template version with a frame.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct ScoreAcc {
    pub(super) id: String,
    pub(super) version: u32,
    /// Visits scored.
    visits: usize,
    /// Visits with scored items unanswered.
    pending: usize,
    /// Complete visits whose points fall in no band.
    outside_bands: usize,
    /// Complete visits per band, in the frame's order.
    graded: Vec<usize>,
    /// Sum of the complete visits' points, in millionths.
    points: i128,
    /// Sum of the complete visits' points per group, in the frame's order, in millionths.
    groups: Vec<i128>,
}

impl ScoreAcc {
    fn new(template: &Template) -> ScoreAcc {
        let (bands, groups) = template.score.as_ref().map_or((0, 0), |f| (f.bands.len(), f.groups.len()));
        ScoreAcc {
            id: template.id.clone(),
            version: template.version,
            graded: vec![0; bands],
            groups: vec![0; groups],
            ..ScoreAcc::default()
        }
    }

    fn add(&mut self, score: &VisitScore) {
        self.visits += 1;
        if !score.is_complete() {
            self.pending += 1;
            return;
        }
        match score.band.and_then(|b| self.graded.get_mut(b)) {
            Some(n) => *n += 1,
            None => self.outside_bands += 1,
        }
        self.points = self.points.saturating_add(micro(score.points));
        for (sum, group) in self.groups.iter_mut().zip(&score.groups) {
            *sum = sum.saturating_add(micro(group.earned));
        }
    }

    fn merge(&mut self, other: ScoreAcc) {
        self.visits += other.visits;
        self.pending += other.pending;
        self.outside_bands += other.outside_bands;
        for (mine, theirs) in self.graded.iter_mut().zip(other.graded) {
            *mine += theirs;
        }
        self.points = self.points.saturating_add(other.points);
        for (mine, theirs) in self.groups.iter_mut().zip(other.groups) {
            *mine = mine.saturating_add(theirs);
        }
    }

    /// Complete visits: those the averages are over.
    fn complete(&self) -> usize {
        self.visits - self.pending
    }

    fn average(&self, sum: i128) -> Option<f64> {
        average_micro(sum, self.complete())
    }
}

/// The average of `n` visits whose points sum to `sum` millionths; None when `n` is 0. One
/// formula for a summary and a roll-up: the same sum and count give the same bits.
pub fn average_micro(sum: i128, n: usize) -> Option<f64> {
    (n > 0).then(|| sum as f64 / MICRO / n as f64)
}

/// The score counts of every template version with a frame, in first-seen order.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct ScoreAccs(Vec<ScoreAcc>);

impl ScoreAccs {
    /// One more visit of `template`, scored `score`.
    pub(super) fn add(&mut self, template: &Template, score: &VisitScore) {
        match self.0.iter_mut().find(|a| a.id == template.id && a.version == template.version) {
            Some(acc) => acc.add(score),
            None => {
                let mut acc = ScoreAcc::new(template);
                acc.add(score);
                self.0.push(acc);
            }
        }
    }

    /// Take in the counts of another run of visits.
    pub(super) fn merge(&mut self, other: ScoreAccs) {
        for theirs in other.0 {
            match self.0.iter_mut().find(|a| a.id == theirs.id && a.version == theirs.version) {
                Some(mine) => mine.merge(theirs),
                None => self.0.push(theirs),
            }
        }
    }

    /// The scores of each template version with a frame, by id and version (the order of
    /// [`crate::core::summary::Summary::template_versions`]).
    pub(super) fn finish(self, templates: &[(Template, usize)], lang: Lang) -> Vec<ScoreSummary> {
        let mut scores: Vec<ScoreSummary> = self
            .0
            .into_iter()
            .filter_map(|acc| {
                let (template, _) = templates.iter().find(|(t, _)| t.id == acc.id && t.version == acc.version)?;
                ScoreSummary::of(template, &acc, lang)
            })
            .collect();
        scores.sort_by(|a, b| a.template_id.cmp(&b.template_id).then(a.version.cmp(&b.version)));
        scores
    }
}

/// How many complete visits fall in a grade band.
#[derive(Debug, Clone, PartialEq)]
pub struct BandCount {
    pub id: String,
    /// The band's name, in the summary's language.
    pub label: String,
    pub from: f64,
    pub below: Option<f64>,
    pub visits: usize,
}

/// What a score group earns on average.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupAverage {
    pub id: String,
    /// The group's title, in the summary's language.
    pub title: String,
    /// Its full mark.
    pub weight: f64,
    /// Over the complete visits; None when there is none.
    pub average: Option<f64>,
    /// What the complete visits earn in it, summed in millionths of a point: what a roll-up
    /// adds to give the same average to the last bit.
    pub sum_micro: i128,
}

/// The scores of the visits of one template version with a points frame.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreSummary {
    pub template_id: String,
    pub version: u32,
    pub rule_set: String,
    /// The frame's own words on whose assessment the score is, in the summary's language.
    pub label: String,
    /// The full mark.
    pub total: f64,
    /// Visits scored: every visit of this version.
    pub visits: usize,
    /// Complete visits per band, in the frame's order (highest band first in the embedded ones).
    pub bands: Vec<BandCount>,
    /// Visits with scored items unanswered: not yet gradable, left out of the averages.
    pub pending: usize,
    /// Complete visits whose points fall in no band (a frame whose bands leave a gap, which
    /// `khaosat template check` reports).
    pub outside_bands: usize,
    /// Average points of the complete visits.
    pub average: Option<f64>,
    /// The complete visits' points summed, in millionths of a point (see [`GroupAverage::sum_micro`]).
    pub points_micro: i128,
    /// Average points per group, in the frame's order.
    pub groups: Vec<GroupAverage>,
}

impl ScoreSummary {
    fn of(template: &Template, acc: &ScoreAcc, lang: Lang) -> Option<ScoreSummary> {
        let frame = template.score.as_ref()?;
        let bands = frame
            .bands
            .iter()
            .zip(&acc.graded)
            .map(|(b, &visits)| BandCount {
                id: b.id.clone(),
                label: b.label.get(lang).to_string(),
                from: b.from,
                below: b.below,
                visits,
            })
            .collect();
        let groups = frame
            .groups
            .iter()
            .zip(&acc.groups)
            .map(|(g, &sum)| GroupAverage {
                id: g.id.clone(),
                title: g.title.get(lang).to_string(),
                weight: g.weight,
                average: acc.average(sum),
                sum_micro: sum,
            })
            .collect();
        Some(ScoreSummary {
            template_id: template.id.clone(),
            version: template.version,
            rule_set: template.rule_set.clone(),
            label: frame.label.get(lang).to_string(),
            total: frame.total,
            visits: acc.visits,
            bands,
            pending: acc.pending,
            outside_bands: acc.outside_bands,
            average: acc.average(acc.points),
            points_micro: acc.points,
            groups,
        })
    }

    /// Visits graded: complete ones (those in a band, and any outside every band).
    pub fn complete(&self) -> usize {
        self.visits - self.pending
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::core::score::visit_score;
    use crate::core::summary::{Filters, Summary, SummaryBuilder};
    use crate::core::visit::{Answer, Value, Visit};
    use crate::testing::{answer_all_passing, enter_passing_facts, sample_visit};

    fn hd42() -> Template {
        Template::embedded_all().into_iter().find(|t| t.id == "hd42-2025").expect("HD 42 is embedded")
    }

    fn set(v: &mut Visit, id: &str, value: Value) {
        v.answers.insert(id.into(), Answer { value: Some(value), note: String::new() });
    }

    /// A meeting that passes every item: the full mark.
    fn full(t: &Template, branch: &str) -> Visit {
        let mut v = sample_visit(t);
        v.meeting.branch = branch.into();
        enter_passing_facts(&mut v);
        answer_all_passing(t, &mut v);
        v
    }

    /// A: 99.5 (Tốt), B: 80 (Khá), C: 59 (Trung bình), D: one scored item unanswered.
    fn four(t: &Template) -> Vec<Visit> {
        let mut a = full(t, "A");
        set(&mut a, "prep.focused", Value::Scale(4)); // 2 points × 3/4: −0.5
        let mut b = full(t, "B");
        set(&mut b, "res.previous_done", Value::Scale(1)); // −20
        let mut c = full(t, "C");
        set(&mut c, "res.previous_reviewed", Value::No); // −10
        set(&mut c, "res.previous_done", Value::Scale(1)); // −20
        set(&mut c, "conduct.chairing", Value::Scale(1)); // −10
        set(&mut c, "prep.notice", Value::No); // −1
        let mut d = full(t, "D");
        d.answers.remove("prep.focused");
        vec![a, b, c, d]
    }

    fn summary(t: &Template, visits: &[Visit]) -> Summary {
        let mut builder = SummaryBuilder::new(Lang::Vi, Filters::default());
        for (i, v) in visits.iter().enumerate() {
            builder.add(v, t, &PathBuf::from(format!("{i}.ron")));
        }
        builder.finish()
    }

    #[test]
    fn a_meeting_that_passes_everything_has_the_full_mark() {
        let t = hd42();
        let s = visit_score(&t, &full(&t, "A")).expect("HD 42 has a frame");
        assert_eq!((s.points, s.pending), (100.0, 0));
    }

    #[test]
    fn grades_are_counted_per_band_and_pending_visits_apart() {
        let t = hd42();
        let visits = four(&t);
        let points: Vec<f64> = visits.iter().filter_map(|v| visit_score(&t, v)).map(|s| s.points).collect();
        assert_eq!(points[..3], [99.5, 80.0, 59.0]);
        let s = summary(&t, &visits);
        assert_eq!(s.scores.len(), 1);
        let sc = &s.scores[0];
        assert_eq!((sc.template_id.as_str(), sc.version, sc.rule_set.as_str()), ("hd42-2025", 1, "HD42-2025"));
        let bands: Vec<(&str, &str, usize)> =
            sc.bands.iter().map(|b| (b.id.as_str(), b.label.as_str(), b.visits)).collect();
        assert_eq!(
            bands,
            vec![("tot", "Tốt", 1), ("kha", "Khá", 1), ("trung_binh", "Trung bình", 1), ("kem", "Kém", 0)]
        );
        assert_eq!((sc.visits, sc.pending, sc.outside_bands, sc.complete()), (4, 1, 0, 3));
        // The pending visit is left out of the averages: (99.5 + 80 + 59) / 3.
        assert_eq!(sc.average, Some(79.5));
        let group = |id: &str| sc.groups.iter().find(|g| g.id == id).map(|g| (g.weight, g.average));
        assert_eq!(group("previous_results"), Some((30.0, Some(40.0 / 3.0))), "30 + 10 + 0");
        assert_eq!(group("conduct"), Some((40.0, Some(110.0 / 3.0))), "40 + 40 + 30");
        assert_eq!(group("preparation"), Some((10.0, Some(9.5))), "9.5 + 10 + 9");
        assert_eq!(group("time"), Some((5.0, Some(5.0))));
        // Each visit keeps its own score; the pending one its running score, and no grade.
        let grade = |i: usize| s.grade_of(&s.visits[i]).map(|b| b.id.as_str());
        assert_eq!((grade(0), grade(1), grade(2), grade(3)), (Some("tot"), Some("kha"), Some("trung_binh"), None));
        let d = s.visits[3].score.as_deref().expect("scored");
        assert_eq!((d.points, d.total, d.pending, d.band), (98.0, 100.0, 1, None));
    }

    #[test]
    fn a_template_without_a_frame_gives_no_scores() {
        let t = Template::embedded();
        let s = summary(&t, &[sample_visit(&t)]);
        assert!(s.scores.is_empty());
        assert_eq!(s.visits[0].score, None);
    }

    #[test]
    fn complete_points_outside_every_band_are_counted_apart() {
        let mut t = hd42();
        // A gap from 50 to 70: the 59 of visit C falls in no band.
        if let Some(frame) = t.score.as_mut() {
            frame.bands.retain(|b| b.id != "trung_binh");
        }
        let s = summary(&t, &four(&t));
        let sc = &s.scores[0];
        let counts: Vec<usize> = sc.bands.iter().map(|b| b.visits).collect();
        assert_eq!((counts, sc.outside_bands, sc.pending), (vec![1, 1, 0], 1, 1));
        assert_eq!(sc.average, Some(79.5), "still in the average: it is complete");
        assert_eq!(s.grade_of(&s.visits[2]), None);
    }

    #[test]
    fn scores_do_not_depend_on_the_order_or_the_runs_of_the_visits() {
        let t = hd42();
        let mut visits = four(&t);
        // More visits, with points that are not round: scales of every step.
        for (i, scale) in (1..=5u8).cycle().take(13).enumerate() {
            let mut v = full(&t, &format!("E{i}"));
            set(&mut v, "conduct.report_depth", Value::Scale(scale));
            set(&mut v, "prep.fits_type", Value::Scale(6 - scale));
            set(&mut v, "crit.party_principles", Value::Scale(scale.max(2) - 1));
            visits.push(v);
        }
        let expected = summary(&t, &visits).scores;
        let mut reversed = visits.clone();
        reversed.reverse();
        assert_eq!(summary(&t, &reversed).scores, expected, "reversed");
        for run in 1..=visits.len() {
            let mut whole = SummaryBuilder::new(Lang::Vi, Filters::default());
            for chunk in visits.chunks(run) {
                let mut part = whole.fork();
                for v in chunk {
                    part.add(v, &t, Path::new("x.ron"));
                }
                whole.append(part);
            }
            assert_eq!(whole.finish().scores, expected, "runs of {run}");
        }
    }

    #[test]
    fn rule_sets_mixed_in_one_summary_are_counted_and_join_on_shared_ids() {
        let (hd12, hd42) = (Template::embedded(), hd42());
        let mut builder = SummaryBuilder::new(Lang::Vi, Filters::default());
        let mut old = sample_visit(&hd12);
        set(&mut old, "prep.notice", Value::No);
        builder.add(&old, &hd12, Path::new("old.ron"));
        for (i, v) in four(&hd42).iter().enumerate() {
            builder.add(v, &hd42, &PathBuf::from(format!("{i}.ron")));
        }
        let s = builder.finish();
        let sets = s.rule_sets();
        let sets: Vec<(&str, &str, usize)> =
            sets.iter().map(|r| (r.id.as_str(), r.rule_set.as_str(), r.visits)).collect();
        assert_eq!(sets, vec![("hd12-2018", "HD12-2018", 1), ("hd42-2025", "HD42-2025", 4)]);
        // One finding for the id both rule sets have: the HD 12 visit and visit C fail it.
        let notice = s.findings.iter().find(|f| f.id == "prep.notice").expect("finding");
        assert_eq!((notice.failing(), notice.assessed), (2, 5));
        // HD 42, in force since 2025, gives the order (HD 12 has no "after" section; ordered by
        // version and id, HD 12 went first and "after" came last, after "overall").
        let order: Vec<&str> = s.sections.iter().map(|x| x.id.as_str()).collect();
        let hd42_order: Vec<&str> = hd42.sections.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(order, hd42_order);
        let items: Vec<&str> =
            s.sections[0].items.iter().map(|i| i.id.as_str()).take(hd42.sections[0].items.len()).collect();
        let hd42_items: Vec<&str> = hd42.sections[0].items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(items, hd42_items);
        assert_eq!(s.scores.len(), 1, "only HD 42 is scored");
        assert_eq!(s.scores[0].visits, 4);
    }
}
