//! JSON: the whole summary as data. The shape is documented in `docs/summary-json.md`; keys are
//! fixed English ids, texts are in the summary's language. Numbers that are rates or averages are
//! rounded to two decimals so the output is stable.

use serde_json::{Value as J, json};

use crate::core::summary::{BranchValue, Figure, FindingBranch, Summary, TextLine, VisitInfo};
use crate::core::visit::VisitStatus;
use crate::export::ExportError;

/// Bumped when a key changes meaning or disappears (new keys may be added without a bump).
pub const JSON_FORMAT_VERSION: u32 = 1;

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

fn path(p: &std::path::Path) -> String {
    p.to_string_lossy().into_owned()
}

fn branch_value(summary: &Summary, b: &BranchValue) -> J {
    let v = summary.visits.get(b.visit);
    json!({
        "branch": v.map(|v| v.branch.as_str()),
        "committee": v.map(|v| v.committee.as_str()),
        "file": v.map(|v| path(&v.file)),
        "value": round2(b.value),
    })
}

fn figure(summary: &Summary, f: &Figure) -> J {
    json!({
        "total": round2(f.total),
        "counted": f.counted(),
        "average": f.average().map(round2),
        "min": f.min().map(round2),
        "max": f.max().map(round2),
        "branches": f.branches.iter().map(|b| branch_value(summary, b)).collect::<Vec<_>>(),
        "outside": f.outside.iter().map(|b| branch_value(summary, b)).collect::<Vec<_>>(),
    })
}

/// Attendance: the overall rate from summed counts, then the per-branch rates (percent) as a figure
/// without a total (a sum of percentages means nothing).
fn attendance(summary: &Summary) -> J {
    let a = &summary.figures.attendance;
    let mut value = json!({
        "present": a.present,
        "expected": a.expected,
        "rate": a.rate().map(round2),
    });
    if let (J::Object(map), J::Object(rates)) = (&mut value, figure(summary, &a.rates)) {
        map.extend(rates.into_iter().filter(|(k, _)| k != "total"));
    }
    value
}

fn finding_branch(summary: &Summary, b: &FindingBranch) -> J {
    json!({
        "branch": b.branch,
        "committee": b.committee,
        "date": b.date.to_string(),
        "file": path(&b.file),
        "note": b.note,
        "text": b.text,
        "inspectors": summary.visits.get(b.visit).map(|v| v.inspectors.clone()).unwrap_or_default(),
    })
}

fn text_line(l: &TextLine) -> J {
    json!({ "text": l.text, "branch": l.branch, "committee": l.committee, "file": path(&l.file) })
}

fn visit(v: &VisitInfo) -> J {
    json!({
        "file": path(&v.file),
        "branch": v.branch,
        "committee": v.committee,
        "branch_type": v.branch_type.id(),
        "kind": v.kind.id(),
        "date": v.date.to_string(),
        "status": match v.status { VisitStatus::Draft => "draft", VisitStatus::Final => "final" },
        "inspectors": v.inspectors,
        "round": v.round,
        "template": { "id": v.template_id, "version": v.template_version },
        "findings": v.findings,
        "duplicate": v.duplicate,
    })
}

pub fn to_value(summary: &Summary) -> J {
    let lang = summary.lang;
    let f = &summary.figures;
    json!({
        "visits": summary.visits.len(),
        "format": "khaosat-summary",
        "format_version": JSON_FORMAT_VERSION,
        "lang": match lang { crate::strings::Lang::Vi => "vi", crate::strings::Lang::En => "en" },
        "filtered_out": summary.filtered_out,
        "skipped": summary.skipped.iter().map(|s| json!({
            "path": path(&s.path),
            "line": s.position.map(|p| p.0),
            "column": s.position.map(|p| p.1),
            "error": s.reason,
        })).collect::<Vec<_>>(),
        "template_versions": summary.template_versions.iter().map(|t| json!({
            "id": t.id, "version": t.version, "rule_set": t.rule_set, "visits": t.visits,
        })).collect::<Vec<_>>(),
        "rounds": summary.rounds,
        "period": summary.period().map(|(a, b)| json!({ "from": a.to_string(), "to": b.to_string() })),
        "findings": summary.findings.iter().map(|x| json!({
            "id": x.id,
            "section": x.section_id,
            "section_title": x.section_title,
            "text": x.text,
            "sentence": x.sentence(lang),
            "failing": x.failing(),
            "assessed": x.assessed,
            "not_applicable": x.not_applicable,
            "unanswered": x.unanswered,
            "not_in_template": x.not_in_template,
            "branches": x.branches.iter().map(|b| finding_branch(summary, b)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "strengths": summary.strengths.iter().map(|s| json!({
            "id": s.id, "text": s.text, "passing": s.passing, "assessed": s.assessed,
        })).collect::<Vec<_>>(),
        "other_limitations": summary.other_limitations.iter().map(text_line).collect::<Vec<_>>(),
        "other_strengths": summary.other_strengths.iter().map(text_line).collect::<Vec<_>>(),
        "figures": {
            "attendance": attendance(summary),
            "without_notebook": figure(summary, &f.without_notebook),
            "speakers": figure(summary, &f.speakers),
            "duration_minutes": figure(summary, &f.duration),
        },
        "duplicates": summary.duplicates.iter().map(|d| json!({
            "branch": d.branch,
            "committee": d.committee,
            "date": d.date.to_string(),
            "files": d.visits.iter().filter_map(|&i| summary.visits.get(i)).map(|v| path(&v.file)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "visit_list": summary.visits.iter().map(visit).collect::<Vec<_>>(),
        "items": summary.sections.iter().flat_map(|s| s.items.iter()).map(|i| json!({
            "id": i.id,
            "section": i.section_id,
            "has_rule": i.has_rule,
            "passing": i.passing,
            "failing": i.failing,
            "answered": i.answered,
            "not_applicable": i.not_applicable,
            "unanswered": i.unanswered,
            "not_in_template": i.not_in_template,
        })).collect::<Vec<_>>(),
    })
}

pub fn render(summary: &Summary) -> Result<String, ExportError> {
    let mut text = serde_json::to_string_pretty(&to_value(summary))?;
    text.push('\n');
    Ok(text)
}
