//! `khaosat compare OLD NEW`: round over round, as text, Markdown or JSON.
//!
//! Each side is a folder (searched recursively) or a visit file; each visit is loaded against the
//! templates of the round governing its folder and reduced to its outcome
//! ([`crate::core::compare::VisitOutcome`]), then the two sides are compared
//! ([`crate::core::compare::compare`]). Files that cannot be read are reported on stderr and left
//! out. Exit codes: 0 compared; 1 a side has files but none could be read; 2 usage or output errors.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{Value as J, json};

use crate::cli::{Context, Failure};
use crate::core::compare::{BranchChange, BranchRef, Comparison, Side as Round, VisitOutcome, compare};
use crate::core::followup::{Action, Recheck, Verdict};
use crate::core::text::display_safe;
use crate::export::markdown::md;
use crate::export::one_line;
use crate::store::followup::checked_at_next_round;
use crate::strings::{FollowupMsg, Lang, Msg};

/// Bumped when a key changes meaning or disappears. 2: the rounds are `before` / `after` (were
/// `old` / `new`), a branch's findings `failing_before` / `failing_after` (were `old` / `new`), the
/// unmatched branches `before_only` / `after_only`: `new` now only names newly failing branches.
/// 3: two rule sets may meet (issue 14): a finding whose criterion changed or that one rule set
/// does not ask is no longer counted `new` or `not_assessed` but `criterion_changed` /
/// `not_comparable`; branches carry `previously`, their earlier name.
pub const COMPARE_FORMAT_VERSION: u32 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum CompareFormat {
    #[default]
    Text,
    #[value(name = "md", alias = "markdown")]
    Markdown,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// The earlier round: a folder or a visit file.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The later round: a folder or a visit file.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: CompareFormat,
}

/// One side: the outcomes of the visits that loaded, and how many files did not.
pub struct Side {
    pub outcomes: Vec<VisitOutcome>,
    pub skipped: usize,
}

/// Load every visit of a side. Problems go to `err`.
pub fn load_side(ctx: &Context, path: &Path, err: &mut dyn Write) -> Result<Side, Failure> {
    let lang = ctx.lang;
    let mut skipped = 0;
    let mut write_error: Option<std::io::Error> = None;
    let outcomes = crate::store::read::visit_outcomes(path, &ctx.templates, lang, |e| {
        skipped += 1;
        if let Err(io) = writeln!(err, "{}", e.display(lang)) {
            write_error.get_or_insert(io);
        }
    });
    if let Some(io) = write_error {
        return Err(io.into());
    }
    if outcomes.is_empty() && skipped == 0 {
        return Err(Failure::usage(Msg::CliNoFiles.fill(lang, &[&display_safe(&path.to_string_lossy(), false)])));
    }
    Ok(Side { outcomes, skipped })
}

pub fn run(ctx: &Context, args: &CompareArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let old = load_side(ctx, &args.old, err)?;
    let new = load_side(ctx, &args.new, err)?;
    for (side, path) in [(&old, &args.old), (&new, &args.new)] {
        if side.outcomes.is_empty() {
            return Err(Failure {
                code: 1,
                message: Msg::CmpNoneLoaded.fill(lang, &[&display_safe(&path.to_string_lossy(), false)]),
            });
        }
    }
    let comparison = compare(&old.outcomes, &new.outcomes);
    let followup = followup_checked(ctx, &args.old, &comparison)?;
    let text = match args.format {
        CompareFormat::Text => render_text(&comparison, lang) + &followup_text(&followup, &args.old, lang, false),
        CompareFormat::Markdown => {
            render_markdown(&comparison, lang) + &followup_text(&followup, &args.old, lang, true)
        }
        CompareFormat::Json => {
            let mut value = to_json(&comparison, lang, (old.skipped, new.skipped));
            if let Some(checked) = &followup {
                value["followup"] = followup_json(checked);
            }
            serde_json::to_string_pretty(&value).map_err(|e| Failure { code: 2, message: e.to_string() })? + "\n"
        }
    };
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(0)
}

/// Each action of OLD's register the next round has something to say about.
type Checked = Vec<(Action, Recheck)>;

fn followup_checked(ctx: &Context, old: &Path, comparison: &Comparison) -> Result<Option<Checked>, Failure> {
    checked_at_next_round(old, comparison, &ctx.templates, ctx.lang)
        .map_err(|e| Failure { code: 1, message: e.display(ctx.lang) })
}

fn followup_json(checked: &Checked) -> J {
    J::Array(
        checked
            .iter()
            .map(|(a, r)| {
                json!({
                    "action": a.id,
                    "item": a.item,
                    "branch": a.branch,
                    "committee": a.committee,
                    "status": a.status.id(),
                    "verdict": match r.verdict {
                        Verdict::ReportedButFailsAgain => "reported_but_fails_again",
                        Verdict::NowPasses => "now_passes",
                    },
                    "suggested_status": r.verdict.suggested().id(),
                })
            })
            .collect(),
    )
}

/// The part on OLD's register, in text or Markdown; empty when OLD has none.
pub(super) fn followup_text(checked: &Option<Checked>, old: &Path, lang: Lang, markdown: bool) -> String {
    let Some(checked) = checked else {
        return String::new();
    };
    let esc: &dyn Fn(&str) -> String = if markdown { &md } else { &one_line };
    let title = FollowupMsg::RecheckTitle.get(lang);
    let mut s = if markdown {
        format!("\n## {title}\n\n")
    } else {
        format!("\n{title}\n{}\n", "-".repeat(title.chars().count()))
    };
    let bullet = if markdown { "- " } else { "  - " };
    if checked.is_empty() {
        let _ = writeln!(s, "{bullet}{}", FollowupMsg::RecheckNone.get(lang));
    }
    for (a, r) in checked {
        let line = FollowupMsg::RecheckLine
            .fill(lang, &[&a.id, &esc(&a.branch), &esc(&a.committee), &esc(&a.finding), &r.verdict.words(lang)]);
        let _ = writeln!(s, "{bullet}{line}");
    }
    for verdict in [Verdict::ReportedButFailsAgain, Verdict::NowPasses] {
        if checked.iter().any(|(_, r)| r.verdict == verdict) {
            let folder = esc(&old.to_string_lossy());
            let hint = FollowupMsg::RecheckHint.fill(lang, &[&folder, &verdict.suggested().id()]);
            let _ = writeln!(s, "{bullet}{hint}");
        }
    }
    s
}

fn branch_json(b: &BranchRef) -> J {
    let mut value = json!({ "branch": b.branch, "committee": b.committee });
    if let Some(earlier) = &b.previously {
        value["previously"] = json!({ "branch": earlier.branch, "committee": earlier.committee });
    }
    value
}

fn list_json(list: &[BranchRef]) -> J {
    J::Array(list.iter().map(branch_json).collect())
}

fn ids_json(list: Vec<&str>) -> J {
    J::Array(list.into_iter().map(|id| J::String(id.to_string())).collect())
}

/// The comparison as JSON (shape in `docs/rounds.md`). Branches are `{branch, committee}` objects.
/// Every key means one thing: the rounds are `before` and `after`, and `new` only ever lists the
/// branches newly failing a finding.
pub fn to_json(c: &Comparison, lang: Lang, skipped: (usize, usize)) -> J {
    json!({
        "format": "khaosat-compare",
        "format_version": COMPARE_FORMAT_VERSION,
        "lang": match lang { Lang::Vi => "vi", Lang::En => "en" },
        "before": { "visits": c.old_visits, "skipped": skipped.0 },
        "after": { "visits": c.new_visits, "skipped": skipped.1 },
        "matched": c.branches.len(),
        "findings": c.findings.iter().map(|f| json!({
            "id": f.id,
            "text": f.text,
            "fixed": list_json(&f.fixed),
            "persisting": list_json(&f.persisting),
            "new": list_json(&f.new),
            "not_assessed": list_json(&f.not_assessed),
            "criterion_changed": list_json(&f.criterion_changed),
            "not_comparable": list_json(&f.not_comparable),
            "replaces": f.replaces.iter().map(|r| json!({ "id": r.id, "text": r.text })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "branches": c.branches.iter().map(branch_change_json).collect::<Vec<_>>(),
        "unmatched": {
            "before_only": list_json(&c.old_only),
            "after_only": list_json(&c.new_only),
        },
    })
}

fn branch_change_json(b: &BranchChange) -> J {
    let mut value = branch_json(&b.name());
    value["failing_before"] = ids_json(b.failing_before());
    value["failing_after"] = ids_json(b.failing_after());
    value["criterion_changed"] = b
        .criterion_changed
        .iter()
        .map(|c| {
            json!({
                "id": c.id,
                "failing_after": c.failing_after,
                "replaces": c.replaces.iter().map(|r| json!({ "id": r.id, "failing_before": r.failing_before })).collect::<Vec<_>>(),
            })
        })
        .collect();
    value["not_comparable"] = b
        .not_comparable
        .iter()
        .map(|f| json!({ "id": f.id, "round": if f.side == Round::Before { "before" } else { "after" } }))
        .collect();
    value
}

fn names(list: &[BranchRef], lang: Lang, esc: &dyn Fn(&str) -> String) -> String {
    list.iter().map(|b| b.label(lang, esc)).collect::<Vec<_>>().join("; ")
}

/// The lines of the report, shared by text and Markdown: (heading, [(line, [detail])]).
type Part = (String, Vec<(String, Vec<String>)>);

fn parts(c: &Comparison, lang: Lang, esc: &dyn Fn(&str) -> String) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut findings = Vec::new();
    for f in &c.findings {
        let mut details = Vec::new();
        for (msg, list) in [
            (Msg::CmpFixed, &f.fixed),
            (Msg::CmpPersisting, &f.persisting),
            (Msg::CmpNew, &f.new),
            (Msg::CmpNotAssessed, &f.not_assessed),
            (Msg::CmpCriterionChanged, &f.criterion_changed),
            (Msg::CmpNotComparable, &f.not_comparable),
        ] {
            if !list.is_empty() {
                details.push(format!("{} ({}): {}", msg.get(lang), list.len(), names(list, lang, esc)));
            }
        }
        for r in &f.replaces {
            details.push(Msg::CmpReplaces.fill(lang, &[&esc(&r.text), &esc(&r.id)]));
        }
        findings.push((format!("{} [{}]", esc(&f.text), esc(&f.id)), details));
    }
    if findings.is_empty() {
        findings.push((Msg::CmpNoFindings.get(lang).to_string(), Vec::new()));
    }
    parts.push((Msg::CmpFindings.get(lang).to_string(), findings));

    let mut branches = Vec::new();
    for b in &c.branches {
        // One line per finding, with the sentence the branch's visit gives it (not the item id).
        let mut details = Vec::new();
        for (msg, list) in [
            (Msg::CmpFixed, &b.fixed),
            (Msg::CmpPersisting, &b.persisting),
            (Msg::CmpNew, &b.new),
            (Msg::CmpNotAssessed, &b.not_assessed),
        ] {
            details.extend(list.iter().map(|f| format!("{}: {}", msg.get(lang), esc(&f.sentence))));
        }
        details.extend(b.criterion_changed.iter().map(|c| c.line(lang, esc)));
        for f in &b.not_comparable {
            let msg = if f.side == Round::Before { Msg::CmpOnlyAskedBefore } else { Msg::CmpOnlyAskedAfter };
            details.push(format!("{}: {}", msg.get(lang), esc(&f.sentence)));
        }
        let line = format!(
            "{}: {}",
            b.name().label(lang, esc),
            Msg::CmpBranchLine.fill(lang, &[&b.failing_before().len(), &b.failing_after().len()])
        );
        branches.push((line, details));
    }
    parts.push((Msg::CmpBranches.get(lang).to_string(), branches));

    if !c.old_only.is_empty() || !c.new_only.is_empty() {
        let mut lines = Vec::new();
        if !c.old_only.is_empty() {
            lines.push((Msg::CmpOldOnly.fill(lang, &[&names(&c.old_only, lang, esc)]), Vec::new()));
        }
        if !c.new_only.is_empty() {
            lines.push((Msg::CmpNewOnly.fill(lang, &[&names(&c.new_only, lang, esc)]), Vec::new()));
        }
        parts.push((Msg::CmpUnmatched.get(lang).to_string(), lines));
    }
    parts
}

pub fn render_text(c: &Comparison, lang: Lang) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}", Msg::CmpTitle.get(lang).to_uppercase());
    let _ = writeln!(s, "{}", Msg::CmpSides.fill(lang, &[&c.old_visits, &c.new_visits, &c.branches.len()]));
    for (title, lines) in parts(c, lang, &one_line) {
        let _ = writeln!(s, "\n{title}\n{}", "-".repeat(title.chars().count()));
        for (line, details) in lines {
            let _ = writeln!(s, "  - {line}");
            for d in details {
                let _ = writeln!(s, "      {d}");
            }
        }
    }
    s
}

pub fn render_markdown(c: &Comparison, lang: Lang) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", Msg::CmpTitle.get(lang));
    let _ = writeln!(s, "{}", Msg::CmpSides.fill(lang, &[&c.old_visits, &c.new_visits, &c.branches.len()]));
    for (title, lines) in parts(c, lang, &md) {
        let _ = writeln!(s, "\n## {title}\n");
        for (line, details) in lines {
            let _ = writeln!(s, "- {line}");
            for d in details {
                let _ = writeln!(s, "  - {d}");
            }
        }
    }
    s
}
