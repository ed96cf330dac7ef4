//! JSON: the whole summary as data. The shape is documented in `docs/summary-json.md`; keys are
//! fixed English ids, texts are in the summary's language. Numbers that are rates or averages are
//! rounded to two decimals so the output is stable.

use std::sync::Arc;

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Value as J, json};

use crate::core::round::{BranchCoverage, PlanState};
use crate::core::summary::rollup::RollupInfo;
use crate::core::summary::{
    Attendance, BranchValue, Figure, Finding, FindingBranch, ScoreSummary, Summary, TextLine, VisitInfo,
};
use crate::core::visit::VisitStatus;
use crate::export::ExportError;
use crate::export::pretty::{Document, Object, Part, array_end, element_start, object_end, pretty};
use crate::strings::{Msg, RollupMsg};
use rayon::prelude::*;

/// Bumped when a key changes meaning or disappears (new keys may be added without a bump).
/// 2: `coverage` is a list, one entry per round with a plan (was one object, for the round of the
/// first path given).
pub const JSON_FORMAT_VERSION: u32 = 2;

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

fn path(p: &std::path::Path) -> String {
    p.to_string_lossy().into_owned()
}

/// A path as text; not copied when it is UTF-8 (nearly always).
fn path_str(p: &std::path::Path) -> std::borrow::Cow<'_, str> {
    p.to_str().map_or_else(|| p.to_string_lossy(), std::borrow::Cow::Borrowed)
}

/// A value written as the string of its `Display` (a date), without building that string first.
struct Shown<'a, T>(&'a T);

impl<T: std::fmt::Display> Serialize for Shown<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self.0)
    }
}

/// One branch's value in a figure.
struct BranchValueJ<'a>(&'a Summary, &'a BranchValue);

impl Serialize for BranchValueJ<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0.visits.get(self.1.visit);
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("branch", &v.map(|v| v.branch.as_str()))?;
        map.serialize_entry("committee", &v.map(|v| v.committee.as_str()))?;
        map.serialize_entry("file", &v.map(|v| path_str(&v.file)))?;
        map.serialize_entry("value", &round2(self.1.value))?;
        // The value as computed, when rounding changed it: a roll-up adds these, not the rounded.
        if round2(self.1.value) != self.1.value {
            map.serialize_entry("exact", &self.1.value)?;
        }
        map.end()
    }
}

/// The keys of a figure are three levels deep (`figures.<name>.<key>`).
const FIGURE_DEPTH: usize = 3;
/// Branch values of a figure rendered to one part.
const FIGURE_VALUES_PER_PART: usize = 1024;

/// One entry of `figures`, in parts: its counts, then its `branches` and its `outside` a run at
/// a time (each list is a value per visit: megabytes over 100 000 visits). Attendance starts with
/// the overall rate from summed counts, and has no `total` (a sum of percentages means nothing).
fn figure_parts<'a>(summary: &'a Summary, figure: &'a Figure, attendance: Option<&'a Attendance>) -> Vec<Part<'a>> {
    let mut parts: Vec<Part<'a>> = vec![Box::new(move |out| {
        let mut object = Object::open(out, FIGURE_DEPTH);
        match attendance {
            Some(a) => {
                object.entry("present", &a.present)?;
                object.entry("expected", &a.expected)?;
                object.entry("rate", &a.rate().map(round2))?;
            }
            None => object.entry("total", &round2(figure.total))?,
        }
        object.entry("counted", &figure.counted())?;
        object.entry("average", &figure.average().map(round2))?;
        object.entry("min", &figure.min().map(round2))?;
        object.entry("max", &figure.max().map(round2))?;
        object.open_array("branches")?;
        object.leave_open();
        Ok(())
    })];
    branch_value_parts(&mut parts, summary, &figure.branches);
    // The entries before `outside`: attendance's three or the total, the four counts, branches.
    let entries = attendance.map_or(1, |_| 3) + 4 + 1;
    parts.push(Box::new(move |out| {
        array_end(out, FIGURE_DEPTH, !figure.branches.is_empty());
        let mut object = Object::resume(out, FIGURE_DEPTH, entries);
        object.open_array("outside")?;
        object.leave_open();
        Ok(())
    }));
    branch_value_parts(&mut parts, summary, &figure.outside);
    parts.push(Box::new(move |out| {
        array_end(out, FIGURE_DEPTH, !figure.outside.is_empty());
        object_end(out, FIGURE_DEPTH, true);
        Ok(())
    }));
    parts
}

/// The elements of a figure's list of branch values, a run to a part.
fn branch_value_parts<'a>(parts: &mut Vec<Part<'a>>, summary: &'a Summary, values: &'a [BranchValue]) {
    for (run, values) in values.chunks(FIGURE_VALUES_PER_PART).enumerate() {
        parts.push(Box::new(move |out| {
            for (i, value) in values.iter().enumerate() {
                element_start(out, FIGURE_DEPTH, run == 0 && i == 0);
                pretty(out, &BranchValueJ(summary, value), FIGURE_DEPTH + 1)?;
            }
            Ok(())
        }));
    }
}

/// The pieces of a failing branch's object that are its visit's, escaped once per visit rather
/// than once for each finding the visit has. A branch object is: its visit's head, its `note`
/// and `text`, its visit's tail. Every visit's head and tail are held back to back in one buffer
/// of just their size.
struct BranchPieces {
    bytes: Vec<u8>,
    /// For each visit, where its head ends (its tail starts) and where its tail ends in `bytes`;
    /// its head starts where the visit before it ends.
    ends: Vec<(usize, usize)>,
}

/// Branch objects are elements of `findings[i].branches`: their keys are five levels deep.
const BRANCH_DEPTH: usize = 5;
/// `branch`, `committee`, `date`, `file`: the entries of a head.
const HEAD_ENTRIES: usize = 4;
/// Visits whose pieces one thread renders in one go.
const PIECES_PER_BATCH: usize = 2048;

impl BranchPieces {
    fn of(summary: &Summary) -> serde_json::Result<BranchPieces> {
        let visits = &summary.visits;
        let mut pieces = BranchPieces { bytes: Vec::with_capacity(Self::size_hint(visits)), ends: Vec::new() };
        pieces.ends.reserve_exact(visits.len());
        // A batch per thread at a time, so that what is rendered but not yet copied stays small.
        let window = PIECES_PER_BATCH * rayon::current_num_threads().max(1);
        let rolled = summary.rolled_up.as_deref();
        for (w, run) in visits.chunks(window).enumerate() {
            let batches: Vec<serde_json::Result<BranchPieces>> = run
                .par_chunks(PIECES_PER_BATCH)
                .enumerate()
                .map(|(c, batch)| Self::for_visits(batch, w * window + c * PIECES_PER_BATCH, rolled))
                .collect();
            for batch in batches {
                pieces.append(batch?);
            }
        }
        Ok(pieces)
    }

    /// Take in the pieces of the visits after these.
    fn append(&mut self, later: BranchPieces) {
        let base = self.bytes.len();
        self.bytes.extend_from_slice(&later.bytes);
        self.ends.extend(later.ends.into_iter().map(|(head, tail)| (base + head, base + tail)));
    }

    /// About what the pieces take (keys, indentation and texts), so the buffer is seldom grown.
    fn size_hint(visits: &[VisitInfo]) -> usize {
        const FIXED: usize = 180;
        const PER_INSPECTOR: usize = 20;
        visits
            .iter()
            .map(|v| {
                let names: usize = v.inspectors.iter().map(|n| n.len() + PER_INSPECTOR).sum();
                FIXED + v.branch.len() + v.committee.len() + v.file.as_os_str().len() + names
            })
            .sum()
    }

    /// The pieces of a run of visits, the first of them visit `first` of the summary. In a
    /// roll-up a failing branch also names the report it came from and that report's level.
    fn for_visits(visits: &[VisitInfo], first: usize, rolled: Option<&RollupInfo>) -> serde_json::Result<BranchPieces> {
        let mut bytes = Vec::new();
        let mut ends = Vec::with_capacity(visits.len());
        for (i, visit) in visits.iter().enumerate() {
            let mut head = Object::open(&mut bytes, BRANCH_DEPTH);
            head.entry("branch", &visit.branch)?;
            head.entry("committee", &visit.committee)?;
            head.entry("date", &Shown(&visit.date))?;
            head.entry("file", &path_str(&visit.file))?;
            head.leave_open();
            let head_end = bytes.len();
            // After the head's entries and the branch's own two (note, text).
            let mut tail = Object::resume(&mut bytes, BRANCH_DEPTH, HEAD_ENTRIES + 2);
            tail.entry("inspectors", &visit.inspectors)?;
            if let Some(info) = rolled {
                let origin = info.origin(first + i);
                tail.entry("report", &origin.map(|(name, _)| name))?;
                tail.entry("level", &origin.and_then(|(_, level)| level))?;
            }
            tail.close();
            ends.push((head_end, bytes.len()));
        }
        Ok(BranchPieces { bytes, ends })
    }

    fn write(&self, out: &mut Vec<u8>, branch: &FindingBranch, text: &[u8]) -> serde_json::Result<()> {
        // One head and tail per visit of the summary, and a branch's index is one of its visits.
        let start = branch.visit.checked_sub(1).map_or(0, |before| self.ends[before].1);
        let (head_end, tail_end) = self.ends[branch.visit];
        out.extend_from_slice(&self.bytes[start..head_end]);
        let mut object = Object::resume(out, BRANCH_DEPTH, HEAD_ENTRIES);
        object.entry("note", &branch.note)?;
        object.raw_entry("text", text)?;
        object.leave_open();
        out.extend_from_slice(&self.bytes[head_end..tail_end]);
        Ok(())
    }
}

/// Findings are elements of `findings`: their keys are three levels deep.
const FINDING_DEPTH: usize = 3;
/// Failing branches rendered to one part: a few hundred kilobytes.
const BRANCHES_PER_PART: usize = 512;

/// One finding, as an element of `findings`, in parts: its head (every entry up to the opening of
/// `branches`), its branches a run at a time, its end. A finding common over 100 000 visits has
/// tens of thousands of branches: rendered whole, it would be tens of megabytes held at once.
fn finding_parts<'a>(summary: &'a Summary, pieces: &Arc<BranchPieces>, finding: &'a Finding) -> Vec<Part<'a>> {
    let mut parts: Vec<Part<'a>> = vec![Box::new(move |out| finding_head(out, summary, finding))];
    for (run, branches) in finding.branches.chunks(BRANCHES_PER_PART).enumerate() {
        let pieces = Arc::clone(pieces);
        parts.push(Box::new(move |out| {
            let merged_text = serde_json::to_vec(&finding.text)?;
            for (i, b) in branches.iter().enumerate() {
                element_start(out, FINDING_DEPTH, run == 0 && i == 0);
                match &b.own_text {
                    Some(own) => pieces.write(out, b, &serde_json::to_vec(own)?)?,
                    None => pieces.write(out, b, &merged_text)?,
                }
            }
            Ok(())
        }));
    }
    parts.push(Box::new(move |out| {
        array_end(out, FINDING_DEPTH, !finding.branches.is_empty());
        object_end(out, FINDING_DEPTH, true);
        Ok(())
    }));
    parts
}

/// A finding's entries, up to and with the opening of its `branches`.
fn finding_head(out: &mut Vec<u8>, summary: &Summary, x: &Finding) -> serde_json::Result<()> {
    let mut object = Object::open(out, FINDING_DEPTH);
    object.entry("id", &x.id)?;
    object.entry("section", &x.section_id)?;
    object.entry("section_title", &x.section_title)?;
    object.entry("text", &x.text)?;
    object.entry("sentence", &x.sentence(summary.lang))?;
    object.entry("failing", &x.failing())?;
    object.entry("assessed", &x.assessed)?;
    object.entry("not_applicable", &x.not_applicable)?;
    object.entry("unanswered", &x.unanswered)?;
    object.entry("not_in_template", &x.not_in_template)?;
    object.open_array("branches")?;
    object.leave_open();
    Ok(())
}

struct TextLineJ<'a>(&'a Summary, &'a TextLine);

impl Serialize for TextLineJ<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let l = self.1;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("text", &l.text)?;
        map.serialize_entry("branch", &l.branch)?;
        map.serialize_entry("committee", &l.committee)?;
        map.serialize_entry("file", &path_str(&self.0.visit_of_line(l).file))?;
        map.end()
    }
}

struct TemplateRefJ<'a>(&'a VisitInfo);

impl Serialize for TemplateRefJ<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("id", &self.0.template_id)?;
        map.serialize_entry("version", &self.0.template_version)?;
        map.end()
    }
}

/// A visit of `visit_list`, with its index in the summary's visits.
struct VisitJ<'a>(&'a Summary, &'a VisitInfo, usize);

impl Serialize for VisitJ<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.1;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("file", &path_str(&v.file))?;
        map.serialize_entry("branch", &v.branch)?;
        map.serialize_entry("committee", &v.committee)?;
        map.serialize_entry("branch_type", v.branch_type.id())?;
        map.serialize_entry("kind", v.kind.id())?;
        map.serialize_entry("date", &Shown(&v.date))?;
        let status = match v.status {
            VisitStatus::Draft => "draft",
            VisitStatus::Final => "final",
        };
        map.serialize_entry("status", status)?;
        map.serialize_entry("inspectors", &v.inspectors)?;
        map.serialize_entry("round", &v.round)?;
        map.serialize_entry("template", &TemplateRefJ(v))?;
        // Only when hashed (the command line hashes for JSON): a roll-up falls back on identity.
        if !v.content_hash.is_empty() {
            map.serialize_entry("content_hash", &v.content_hash)?;
        }
        map.serialize_entry("findings", &v.findings)?;
        map.serialize_entry("duplicate", &v.duplicate)?;
        // Only for visits whose template has a points frame, so other visits keep their shape.
        if let Some(score) = &v.score {
            let mut points =
                json!({ "points": round2(score.points), "total": round2(score.total), "pending": score.pending });
            // As figures do: the points as computed when rounding changed them, for a roll-up.
            if round2(score.points) != score.points {
                points["exact"] = json!(score.points);
            }
            map.serialize_entry("score", &points)?;
            let grade = self.0.grade_of(v).map(|b| json!({ "id": b.id, "label": b.label }));
            map.serialize_entry("grade", &grade)?;
        }
        // Only in a roll-up: the summary the visit came from.
        if let Some(r) = &self.0.rolled_up {
            let origin = r.origin(self.2);
            map.serialize_entry("report", &origin.map(|(name, _)| name))?;
            map.serialize_entry("level", &origin.and_then(|(_, level)| level))?;
        }
        map.end()
    }
}

/// The whole document as parts (see [`Document`]): the big lists — findings, visits, figures —
/// are cut so that they render in parallel; small parts are built as values on the way.
fn document(summary: &Summary) -> serde_json::Result<Document<'_>> {
    let lang = match summary.lang {
        crate::strings::Lang::Vi => "vi",
        crate::strings::Lang::En => "en",
    };
    let mut doc = Document::new();
    doc.entry("visits", summary.visits.len());
    doc.entry("format", "khaosat-summary");
    doc.entry("format_version", JSON_FORMAT_VERSION);
    doc.entry("lang", lang);
    doc.entry("filtered_out", summary.filtered_out);
    let skipped = summary.skipped.iter().map(|s| {
        json!({
            "path": path(&s.path),
            "line": s.position.map(|p| p.0),
            "column": s.position.map(|p| p.1),
            "error": s.reason,
        })
    });
    doc.array("skipped", skipped.collect(), VALUES_PER_PART);
    let versions = summary.template_versions.iter().map(|t| {
        json!({
            "id": t.id, "version": t.version, "rule_set": t.rule_set, "visits": t.visits,
        })
    });
    doc.array("template_versions", versions.collect(), VALUES_PER_PART);
    doc.entry("rounds", &summary.rounds);
    let period = summary.period().map(|(a, b)| json!({ "from": a.to_string(), "to": b.to_string() }));
    doc.entry("period", period);
    doc.entry("strength_share", summary.strength_share);
    let pieces = Arc::new(BranchPieces::of(summary)?);
    let findings = summary.findings.iter().collect();
    doc.array_split("findings", findings, |x| finding_parts(summary, &pieces, x));
    let strengths = summary.strengths.iter().map(|s| {
        json!({
            "id": s.id, "text": s.text, "passing": s.passing, "assessed": s.assessed,
        })
    });
    doc.array("strengths", strengths.collect(), VALUES_PER_PART);
    for (key, lines) in
        [("other_limitations", &summary.other_limitations), ("other_strengths", &summary.other_strengths)]
    {
        doc.array(key, lines.iter().map(|l| TextLineJ(summary, l)).collect(), LINES_PER_PART);
    }
    let f = &summary.figures;
    let figures = vec![
        ("attendance", (&f.attendance.rates, Some(&f.attendance))),
        ("without_notebook", (&f.without_notebook, None)),
        ("speakers", (&f.speakers, None)),
        ("duration_minutes", (&f.duration, None)),
    ];
    doc.object_split("figures", figures, |(figure, attendance)| figure_parts(summary, figure, attendance));
    // Only when some visit's template has a points frame, so other summaries keep their shape.
    if !summary.scores.is_empty() {
        doc.array("scores", summary.scores.iter().map(score_json).collect(), VALUES_PER_PART);
    }
    let duplicates = summary.duplicates.iter().map(|d| {
        json!({
            "branch": d.branch,
            "committee": d.committee,
            "date": d.date.to_string(),
            "files": d.files.iter().map(|f| path(f)).collect::<Vec<_>>(),
            "counted_once": d.counted_once(),
            "differing": d.differing,
        })
    });
    doc.array("duplicates", duplicates.collect(), VALUES_PER_PART);
    doc.array(
        "visit_list",
        summary.visits.iter().enumerate().map(|(i, v)| VisitJ(summary, v, i)).collect(),
        LINES_PER_PART,
    );
    let items = summary.sections.iter().flat_map(|s| s.items.iter()).map(|i| {
        json!({
            "id": i.id,
            "section": i.section_id,
            "has_rule": i.has_rule,
            "passing": i.passing,
            "failing": i.failing,
            "answered": i.answered,
            "not_applicable": i.not_applicable,
            "unanswered": i.unanswered,
            "not_in_template": i.not_in_template,
            "section_title": summary.sections.iter().find(|s| s.id == i.section_id).map(|s| s.title.as_str()),
            "text": i.text,
            "strength": i.strength.as_ref().map(|s| json!({ "text": s.text, "passing": s.passing, "assessed": s.assessed })),
            "list": i.list.as_ref().map(|l| json!({ "rule": l.rule, "options": l.options, "concerned": l.concerned })),
        })
    });
    doc.array("items", items.collect(), VALUES_PER_PART);
    // Keys present only for rounds, after the others (small: built as values).
    let mut tail = J::Object(serde_json::Map::new());
    round_keys(summary, &mut tail);
    if let J::Object(tail) = tail {
        for (key, value) in tail {
            doc.entry(&key, value);
        }
    }
    Ok(doc)
}

/// One template version's scores: the inspection team's assessment, as its `label` says.
fn score_json(s: &ScoreSummary) -> J {
    json!({
        "template": { "id": s.template_id, "version": s.version },
        "rule_set": s.rule_set,
        "label": s.label,
        "total": round2(s.total),
        "visits": s.visits,
        "graded": s.complete() - s.outside_bands,
        "pending": s.pending,
        "outside_bands": s.outside_bands,
        "average": s.average.map(round2),
        "points_millionths": millionths(s.points_micro),
        "grades": s.bands.iter().map(|b| json!({
            "id": b.id, "label": b.label, "from": round2(b.from), "below": b.below.map(round2), "visits": b.visits,
        })).collect::<Vec<_>>(),
        "groups": s.groups.iter().map(|g| json!({
            "id": g.id, "title": g.title, "weight": round2(g.weight), "average": g.average.map(round2),
            "points_millionths": millionths(g.sum_micro),
        })).collect::<Vec<_>>(),
    })
}

/// A sum in millionths of a point as a JSON integer (it fits: 10¹⁸ millionths is 10¹² points).
fn millionths(sum: i128) -> i64 {
    i64::try_from(sum).unwrap_or(if sum < 0 { i64::MIN } else { i64::MAX })
}

/// Small values built as JSON values, to a part.
const VALUES_PER_PART: usize = 256;
/// Visits and text lines, to a part.
const LINES_PER_PART: usize = 1000;

fn plan_state(state: PlanState) -> &'static str {
    match state {
        PlanState::Missing => "missing",
        PlanState::Draft => "draft",
        PlanState::Final => "final",
    }
}

/// `round_details` (when a round file governs the summary), `coverage` (when such a round has a
/// plan) and `edited_after_final` (when a visit was): present only then, so summaries of plain
/// folders keep their shape.
fn round_keys(summary: &Summary, value: &mut J) {
    let J::Object(map) = value else { return };
    let lang = summary.lang;
    let brief = |i: &usize| {
        summary.visits.get(*i).map(|v| {
            json!({
                "branch": v.branch,
                "committee": v.committee,
                "date": v.date.to_string(),
                "file": path(&v.file),
            })
        })
    };
    if !summary.described_rounds.is_empty() {
        let details = summary.described_rounds.iter().map(|r| {
            json!({
                "decision": r.round.decision,
                "decision_date": r.round.decision_date.to_string(),
                "issued_by": r.round.issued_by,
                "title": r.round.title,
                "period": { "from": r.round.from.to_string(), "to": r.round.to.to_string() },
                "files": r.files.iter().map(|f| path(f)).collect::<Vec<_>>(),
                "disagreements": r.disagreements.iter().map(|p| p.id()).collect::<Vec<_>>(),
                "visits": r.visits.len(),
            })
        });
        map.insert("round_details".into(), J::Array(details.collect()));
    }
    let planned = |b: &BranchCoverage| {
        json!({
            "branch": b.planned.branch,
            "committee": b.planned.committee,
            "branch_type": b.planned.branch_type.id(),
            "date": b.planned.date.map(|d| d.to_string()),
            "inspector": b.planned.inspector,
            "state": plan_state(b.state),
            "files": b.visits.iter().filter_map(|&i| summary.visits.get(i)).map(|v| path(&v.file)).collect::<Vec<_>>(),
        })
    };
    let coverage: Vec<J> = summary
        .coverages()
        .map(|(_, c)| {
            json!({
                "round": c.decision,
                "planned": c.planned(),
                "visited": c.visited(),
                "final": c.finalised(),
                "complete": c.is_complete(),
                "sentence": Msg::CovAttended.fill(lang, &[&c.visited(), &c.planned()]),
                "missing": c.branches.iter().filter(|b| b.state == PlanState::Missing).map(planned).collect::<Vec<_>>(),
                "branches": c.branches.iter().map(planned).collect::<Vec<_>>(),
                "unplanned": c.unplanned.iter().filter_map(brief).collect::<Vec<_>>(),
                "inspectors": c.inspectors.iter().map(|i| json!({
                    "inspector": i.inspector, "planned": i.planned, "visited": i.visited, "final": i.finalised,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    if !coverage.is_empty() {
        map.insert("coverage".into(), J::Array(coverage));
    }
    if let Some(r) = &summary.rolled_up {
        map.insert("rollup".into(), rollup_json(r, lang));
    }
    let edited = summary.edited_after_final();
    if !edited.is_empty() {
        map.insert("edited_after_final".into(), J::Array(edited.iter().filter_map(brief).collect()));
    }
}

/// Which summaries a roll-up was made from, at what level, what it refused.
fn rollup_json(r: &RollupInfo, lang: crate::strings::Lang) -> J {
    let visits: usize = r.sources.iter().map(|s| s.visits).sum();
    let level = r.level.clone().unwrap_or_else(|| RollupMsg::NoLevel.get(lang).to_string());
    json!({
        "level": r.level,
        "sentence": RollupMsg::Header.fill(lang, &[&level, &r.sources.len(), &visits]),
        "sources": r.sources.iter().map(|s| json!({ "file": s.name, "level": s.level, "visits": s.visits })).collect::<Vec<_>>(),
        "refused": r.refused.iter().map(|e| json!({ "file": e.source, "pointer": e.pointer, "error": e.reason(lang) })).collect::<Vec<_>>(),
        "other_templates": r.other_templates.iter().map(|t| json!({ "file": t.source, "template": t.template, "version": t.version })).collect::<Vec<_>>(),
        "coverage": r.coverage.iter().map(|c| json!({
            "round": c.round, "planned": c.planned, "visited": c.visited, "final": c.finalised,
            "branches": c.branches.iter().map(|(branch, committee, state)| json!({
                "branch": branch, "committee": committee, "state": state,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

/// Write the summary as pretty JSON, ending with a line break, part by part as the parts are
/// rendered: memory stays that of the summary and a few parts, whatever the size of the document.
pub fn write(summary: &Summary, out: &mut dyn std::io::Write) -> Result<(), ExportError> {
    let mut buffer = std::io::BufWriter::with_capacity(1 << 16, out);
    document(summary)?.write(&mut buffer)?;
    std::io::Write::flush(&mut buffer)?;
    Ok(())
}

pub fn render(summary: &Summary) -> Result<String, ExportError> {
    let mut bytes = Vec::new();
    write(summary, &mut bytes)?;
    // serde_json writes UTF-8 only.
    Ok(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}
