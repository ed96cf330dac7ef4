//! JSON: the whole summary as data. The shape is documented in `docs/summary-json.md`; keys are
//! fixed English ids, texts are in the summary's language. Numbers that are rates or averages are
//! rounded to two decimals so the output is stable.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Value as J, json};

use crate::core::round::{BranchCoverage, PlanState};
use crate::core::summary::{BranchValue, Figure, Finding, FindingBranch, Summary, TextLine, VisitInfo};
use crate::core::visit::VisitStatus;
use crate::export::ExportError;
use crate::export::pretty::{Document, Object};
use crate::strings::Msg;
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

/// An array written from an iterator made on demand: no list of values is built first.
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
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
        map.end()
    }
}

/// The entries of a figure, into an open object (`total` left out for attendance rates).
fn figure_entries<M: SerializeMap>(map: &mut M, summary: &Summary, f: &Figure, total: bool) -> Result<(), M::Error> {
    if total {
        map.serialize_entry("total", &round2(f.total))?;
    }
    map.serialize_entry("counted", &f.counted())?;
    map.serialize_entry("average", &f.average().map(round2))?;
    map.serialize_entry("min", &f.min().map(round2))?;
    map.serialize_entry("max", &f.max().map(round2))?;
    map.serialize_entry("branches", &Seq(|| f.branches.iter().map(|b| BranchValueJ(summary, b))))?;
    map.serialize_entry("outside", &Seq(|| f.outside.iter().map(|b| BranchValueJ(summary, b))))
}

struct FigureJ<'a>(&'a Summary, &'a Figure);

impl Serialize for FigureJ<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        figure_entries(&mut map, self.0, self.1, true)?;
        map.end()
    }
}

/// Attendance: the overall rate from summed counts, then the per-branch rates (percent) as a figure
/// without a total (a sum of percentages means nothing).
struct AttendanceJ<'a>(&'a Summary);

impl Serialize for AttendanceJ<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let a = &self.0.figures.attendance;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("present", &a.present)?;
        map.serialize_entry("expected", &a.expected)?;
        map.serialize_entry("rate", &a.rate().map(round2))?;
        figure_entries(&mut map, self.0, &a.rates, false)?;
        map.end()
    }
}

/// One entry of `figures`: attendance has its own shape.
enum FigureEntryJ<'a> {
    Attendance(&'a Summary),
    Figure(&'a Summary, &'a Figure),
}

impl Serialize for FigureEntryJ<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            FigureEntryJ::Attendance(summary) => AttendanceJ(summary).serialize(s),
            FigureEntryJ::Figure(summary, figure) => FigureJ(summary, figure).serialize(s),
        }
    }
}

/// The pieces of a failing branch's object that are its visit's, escaped once per visit rather
/// than once for each finding the visit has. A branch object is: `heads[visit]`, its `note` and
/// `text`, `tails[visit]`.
struct BranchPieces {
    heads: Vec<Vec<u8>>,
    tails: Vec<Vec<u8>>,
}

/// Branch objects are elements of `findings[i].branches`: their keys are five levels deep.
const BRANCH_DEPTH: usize = 5;
/// `branch`, `committee`, `date`, `file`: the entries of a head.
const HEAD_ENTRIES: usize = 4;

impl BranchPieces {
    fn of(summary: &Summary) -> serde_json::Result<BranchPieces> {
        let pieces: Vec<(Vec<u8>, Vec<u8>)> =
            summary.visits.par_iter().map(Self::for_visit).collect::<serde_json::Result<_>>()?;
        let (heads, tails) = pieces.into_iter().unzip();
        Ok(BranchPieces { heads, tails })
    }

    fn for_visit(visit: &VisitInfo) -> serde_json::Result<(Vec<u8>, Vec<u8>)> {
        let mut head = Vec::new();
        let mut object = Object::open(&mut head, BRANCH_DEPTH);
        object.entry("branch", &visit.branch)?;
        object.entry("committee", &visit.committee)?;
        object.entry("date", &Shown(&visit.date))?;
        object.entry("file", &path_str(&visit.file))?;
        object.leave_open();
        let mut tail = Vec::new();
        // After the head's entries and the branch's own two (note, text).
        let mut object = Object::resume(&mut tail, BRANCH_DEPTH, HEAD_ENTRIES + 2);
        object.entry("inspectors", &visit.inspectors)?;
        object.close();
        Ok((head, tail))
    }

    fn write(&self, out: &mut Vec<u8>, branch: &FindingBranch, text: &[u8]) -> serde_json::Result<()> {
        // One head and tail per visit of the summary, and a branch's index is one of its visits.
        out.extend_from_slice(&self.heads[branch.visit]);
        let mut object = Object::resume(out, BRANCH_DEPTH, HEAD_ENTRIES);
        object.entry("note", &branch.note)?;
        object.raw_entry("text", text)?;
        object.leave_open();
        out.extend_from_slice(&self.tails[branch.visit]);
        Ok(())
    }
}

/// One finding, as an element of `findings` (keys three levels deep).
fn write_finding(out: &mut Vec<u8>, summary: &Summary, pieces: &BranchPieces, x: &Finding) -> serde_json::Result<()> {
    let mut object = Object::open(out, 3);
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
    let merged_text = serde_json::to_vec(&x.text)?;
    object.array_by("branches", x.branches.iter(), |out, b| match &b.own_text {
        Some(own) => pieces.write(out, b, &serde_json::to_vec(own)?),
        None => pieces.write(out, b, &merged_text),
    })?;
    object.close();
    Ok(())
}

struct TextLineJ<'a>(&'a TextLine);

impl Serialize for TextLineJ<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let l = self.0;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("text", &l.text)?;
        map.serialize_entry("branch", &l.branch)?;
        map.serialize_entry("committee", &l.committee)?;
        map.serialize_entry("file", &path_str(&l.file))?;
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

struct VisitJ<'a>(&'a VisitInfo);

impl Serialize for VisitJ<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
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
        map.serialize_entry("findings", &v.findings)?;
        map.serialize_entry("duplicate", &v.duplicate)?;
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
    let pieces = std::sync::Arc::new(BranchPieces::of(summary)?);
    let findings = summary.findings.iter().collect();
    doc.array_with("findings", findings, 1, move |out, x| write_finding(out, summary, &pieces, x));
    let strengths = summary.strengths.iter().map(|s| {
        json!({
            "id": s.id, "text": s.text, "passing": s.passing, "assessed": s.assessed,
        })
    });
    doc.array("strengths", strengths.collect(), VALUES_PER_PART);
    doc.array("other_limitations", summary.other_limitations.iter().map(TextLineJ).collect(), LINES_PER_PART);
    doc.array("other_strengths", summary.other_strengths.iter().map(TextLineJ).collect(), LINES_PER_PART);
    let f = &summary.figures;
    doc.object(
        "figures",
        vec![
            ("attendance", FigureEntryJ::Attendance(summary)),
            ("without_notebook", FigureEntryJ::Figure(summary, &f.without_notebook)),
            ("speakers", FigureEntryJ::Figure(summary, &f.speakers)),
            ("duration_minutes", FigureEntryJ::Figure(summary, &f.duration)),
        ],
    );
    let duplicates = summary.duplicates.iter().map(|d| {
        json!({
            "branch": d.branch,
            "committee": d.committee,
            "date": d.date.to_string(),
            "files": d.visits.iter().filter_map(|&i| summary.visits.get(i)).map(|v| path(&v.file)).collect::<Vec<_>>(),
        })
    });
    doc.array("duplicates", duplicates.collect(), VALUES_PER_PART);
    doc.array("visit_list", summary.visits.iter().map(VisitJ).collect(), LINES_PER_PART);
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
    let edited = summary.edited_after_final();
    if !edited.is_empty() {
        map.insert("edited_after_final".into(), J::Array(edited.iter().filter_map(brief).collect()));
    }
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
