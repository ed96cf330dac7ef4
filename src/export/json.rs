//! JSON: the whole summary as data. The shape is documented in `docs/summary-json.md`; keys are
//! fixed English ids, texts are in the summary's language. Numbers that are rates or averages are
//! rounded to two decimals so the output is stable.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Value as J, json};

use crate::core::round::{BranchCoverage, PlanState};
use crate::core::summary::{BranchValue, Figure, Finding, FindingBranch, Summary, TextLine, VisitInfo};
use crate::core::visit::VisitStatus;
use crate::export::ExportError;
use crate::strings::Msg;

/// Bumped when a key changes meaning or disappears (new keys may be added without a bump).
pub const JSON_FORMAT_VERSION: u32 = 1;

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

struct FiguresJ<'a>(&'a Summary);

impl Serialize for FiguresJ<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (summary, f) = (self.0, &self.0.figures);
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("attendance", &AttendanceJ(summary))?;
        map.serialize_entry("without_notebook", &FigureJ(summary, &f.without_notebook))?;
        map.serialize_entry("speakers", &FigureJ(summary, &f.speakers))?;
        map.serialize_entry("duration_minutes", &FigureJ(summary, &f.duration))?;
        map.end()
    }
}

struct FindingBranchJ<'a>(&'a Summary, &'a FindingBranch);

impl Serialize for FindingBranchJ<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let b = self.1;
        let no_one: &[String] = &[];
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("branch", &b.branch)?;
        map.serialize_entry("committee", &b.committee)?;
        map.serialize_entry("date", &Shown(&b.date))?;
        map.serialize_entry("file", &path_str(&b.file))?;
        map.serialize_entry("note", &b.note)?;
        map.serialize_entry("text", &b.text)?;
        let inspectors = self.0.visits.get(b.visit).map_or(no_one, |v| v.inspectors.as_slice());
        map.serialize_entry("inspectors", inspectors)?;
        map.end()
    }
}

struct FindingJ<'a>(&'a Summary, &'a Finding);

impl Serialize for FindingJ<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (summary, x) = (self.0, self.1);
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("id", &x.id)?;
        map.serialize_entry("section", &x.section_id)?;
        map.serialize_entry("section_title", &x.section_title)?;
        map.serialize_entry("text", &x.text)?;
        map.serialize_entry("sentence", &x.sentence(summary.lang))?;
        map.serialize_entry("failing", &x.failing())?;
        map.serialize_entry("assessed", &x.assessed)?;
        map.serialize_entry("not_applicable", &x.not_applicable)?;
        map.serialize_entry("unanswered", &x.unanswered)?;
        map.serialize_entry("not_in_template", &x.not_in_template)?;
        map.serialize_entry("branches", &Seq(|| x.branches.iter().map(|b| FindingBranchJ(summary, b))))?;
        map.end()
    }
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

/// The whole document, written entry by entry: only small parts (a skipped file, a duplicate, an
/// item's counts) are built as values on the way, never the document.
struct SummaryJ<'a>(&'a Summary);

impl Serialize for SummaryJ<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let summary = self.0;
        let lang = match summary.lang {
            crate::strings::Lang::Vi => "vi",
            crate::strings::Lang::En => "en",
        };
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("visits", &summary.visits.len())?;
        map.serialize_entry("format", "khaosat-summary")?;
        map.serialize_entry("format_version", &JSON_FORMAT_VERSION)?;
        map.serialize_entry("lang", lang)?;
        map.serialize_entry("filtered_out", &summary.filtered_out)?;
        let skipped = || {
            summary.skipped.iter().map(|s| {
                json!({
                    "path": path(&s.path),
                    "line": s.position.map(|p| p.0),
                    "column": s.position.map(|p| p.1),
                    "error": s.reason,
                })
            })
        };
        map.serialize_entry("skipped", &Seq(skipped))?;
        let versions = || {
            summary.template_versions.iter().map(|t| {
                json!({
                    "id": t.id, "version": t.version, "rule_set": t.rule_set, "visits": t.visits,
                })
            })
        };
        map.serialize_entry("template_versions", &Seq(versions))?;
        map.serialize_entry("rounds", &summary.rounds)?;
        let period = summary.period().map(|(a, b)| json!({ "from": a.to_string(), "to": b.to_string() }));
        map.serialize_entry("period", &period)?;
        map.serialize_entry("findings", &Seq(|| summary.findings.iter().map(|x| FindingJ(summary, x))))?;
        let strengths = || {
            summary.strengths.iter().map(|s| {
                json!({
                    "id": s.id, "text": s.text, "passing": s.passing, "assessed": s.assessed,
                })
            })
        };
        map.serialize_entry("strengths", &Seq(strengths))?;
        map.serialize_entry("other_limitations", &Seq(|| summary.other_limitations.iter().map(TextLineJ)))?;
        map.serialize_entry("other_strengths", &Seq(|| summary.other_strengths.iter().map(TextLineJ)))?;
        map.serialize_entry("figures", &FiguresJ(summary))?;
        let duplicates = || {
            summary.duplicates.iter().map(|d| {
                json!({
                    "branch": d.branch,
                    "committee": d.committee,
                    "date": d.date.to_string(),
                    "files": d.visits.iter().filter_map(|&i| summary.visits.get(i)).map(|v| path(&v.file)).collect::<Vec<_>>(),
                })
            })
        };
        map.serialize_entry("duplicates", &Seq(duplicates))?;
        map.serialize_entry("visit_list", &Seq(|| summary.visits.iter().map(VisitJ)))?;
        let items = || {
            summary.sections.iter().flat_map(|s| s.items.iter()).map(|i| {
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
            })
        };
        map.serialize_entry("items", &Seq(items))?;
        // Keys present only for rounds, after the others (small: built as values).
        let mut tail = J::Object(serde_json::Map::new());
        round_keys(summary, &mut tail);
        if let J::Object(tail) = &tail {
            for (key, value) in tail {
                map.serialize_entry(key, value)?;
            }
        }
        map.end()
    }
}

/// The summary as a JSON value (the same document [`write`] writes; it holds it all in memory).
pub fn to_value(summary: &Summary) -> J {
    serde_json::to_value(SummaryJ(summary)).unwrap_or(J::Null)
}

fn plan_state(state: PlanState) -> &'static str {
    match state {
        PlanState::Missing => "missing",
        PlanState::Draft => "draft",
        PlanState::Final => "final",
    }
}

/// `coverage` (when a round governs the summary) and `edited_after_final` (when a visit was):
/// present only then, so summaries of plain folders keep their shape.
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
    if let Some(c) = &summary.coverage {
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
        map.insert(
            "coverage".into(),
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
            }),
        );
    }
    let edited = summary.edited_after_final();
    if !edited.is_empty() {
        map.insert("edited_after_final".into(), J::Array(edited.iter().filter_map(brief).collect()));
    }
}

/// Write the summary as pretty JSON, ending with a line break, as it is produced: memory stays
/// that of the summary, whatever the size of the document.
pub fn write(summary: &Summary, out: &mut dyn std::io::Write) -> Result<(), ExportError> {
    // Buffered here, with a known type: the serializer's many small writes are inlined copies
    // into the buffer, not calls through `dyn Write`.
    let mut buffer = std::io::BufWriter::with_capacity(1 << 16, out);
    let mut ser = serde_json::Serializer::pretty(&mut buffer);
    SummaryJ(summary).serialize(&mut ser)?;
    std::io::Write::write_all(&mut buffer, b"\n")?;
    std::io::Write::flush(&mut buffer)?;
    Ok(())
}

pub fn render(summary: &Summary) -> Result<String, ExportError> {
    let mut bytes = Vec::new();
    write(summary, &mut bytes)?;
    // serde_json writes UTF-8 only.
    Ok(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}
