//! `khaosat template list | show [ID] | check FILE`: the rule sets this build knows, one of them
//! as RON (the start of a province's own), and the check of a template file written by hand.

use std::io::Write;
use std::path::Path;

use crate::cli::{Context, Failure};
use crate::core::rule_sets::{by_id, in_force_on, latest_versions, period};
use crate::core::template::Template;
use crate::core::template_check::{TemplateIssue, check_template};
use crate::core::text::{display_safe, number_text};
use crate::export::date_text;
use crate::store::format::template_to_ron;
use crate::store::template_file::{anchor_position, parse_template};
use crate::strings::{Lang, Msg};

#[derive(Debug, clap::Subcommand)]
pub enum TemplateAction {
    /// List the templates known: embedded and added with --template.
    List,
    /// Print a template (by id; none: the one a new visit dated today takes).
    Show { id: Option<String> },
    /// Check a template file: unique ids, conditions, thresholds, the score frame.
    Check { file: std::path::PathBuf },
}

pub fn run(ctx: &Context, action: &TemplateAction, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, Failure> {
    match action {
        TemplateAction::List => list(ctx, out),
        TemplateAction::Show { id } => show(ctx, id.as_deref(), out),
        TemplateAction::Check { file } => check_file(ctx.lang, file, out, err),
    }
}

fn today() -> jiff::civil::Date {
    jiff::Timestamp::now().to_zoned_datetime(jiff::tz::TimeZone::system()).date()
}

/// Two lines per template: id, version and title; then rule set, days in force, items, score
/// and where it comes from. Older versions of an id are listed too (they read their visits).
fn list(ctx: &Context, out: &mut dyn Write) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let today_template = in_force_on(&ctx.templates, today()).template;
    let latest = latest_versions(&ctx.templates);
    let mut added = ctx.template_files.iter();
    for t in &ctx.templates {
        let title = display_safe(t.title.get(lang), false);
        writeln!(out, "{}", Msg::TplListHead.fill(lang, &[&display_safe(&t.id, false), &t.version, &title]))?;
        let mut details = vec![
            Msg::TplListRules.fill(lang, &[&display_safe(&t.rule_set, false)]),
            days_text(period(t, &ctx.templates), lang),
            Msg::TplListItems.fill(lang, &[&t.item_count()]),
        ];
        if let Some(frame) = &t.score {
            details.push(Msg::TplScored.fill(lang, &[&number_text(frame.total, 2, lang)]));
        }
        let file = if t.embedded { None } else { added.next() };
        details.push(match file {
            Some(path) => Msg::TplFromFile.fill(lang, &[&display_safe(&path.to_string_lossy(), false)]),
            None => Msg::TplEmbedded.get(lang).to_string(),
        });
        if std::ptr::eq(t, today_template) {
            details.push(Msg::TplToday.get(lang).to_string());
        } else if !latest.iter().any(|l| std::ptr::eq(*l, t)) {
            details.push(Msg::TplOlderVersion.get(lang).to_string());
        }
        writeln!(out, "    {}", details.join(" · "))?;
    }
    Ok(0)
}

fn days_text(period: Option<crate::core::template::InForce>, lang: Lang) -> String {
    match period {
        Some(p) => match p.until {
            Some(until) => Msg::TplInForceFromUntil.fill(lang, &[&date_text(p.from, lang), &date_text(until, lang)]),
            None => Msg::TplInForceFrom.fill(lang, &[&date_text(p.from, lang)]),
        },
        None => Msg::TplInForceAlways.get(lang).to_string(),
    }
}

fn show(ctx: &Context, id: Option<&str>, out: &mut dyn Write) -> Result<u8, Failure> {
    let template = match id {
        Some(id) => by_id(&ctx.templates, id).ok_or_else(|| unknown_id(ctx, id))?,
        None => in_force_on(&ctx.templates, today()).template,
    };
    out.write_all(template_to_ron(template).as_bytes())?;
    Ok(0)
}

/// "There is no template X. Known: …", for a template id named on the command line.
pub fn unknown_id(ctx: &Context, id: &str) -> Failure {
    let known: Vec<String> = latest_versions(&ctx.templates).iter().map(|t| t.id.clone()).collect();
    Failure::usage(Msg::TplUnknownId.fill(ctx.lang, &[&display_safe(id, false), &known.join(", ")]))
}

/// Every issue of a template file, each with the line and column to fix when the text shows it.
fn check_file(lang: Lang, file: &Path, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, Failure> {
    let loaded = crate::store::read_text(file).and_then(|text| Ok((parse_template(file, &text)?, text)));
    let (template, text) = match loaded {
        Ok(pair) => pair,
        Err(e) => {
            writeln!(err, "{}", e.display(lang))?;
            return Ok(1);
        }
    };
    let issues = check_template(&template);
    let name = display_safe(&file.to_string_lossy(), false);
    if issues.is_empty() {
        let args: [&dyn std::fmt::Display; 5] =
            [&template.sections.len(), &template.item_count(), &template.id, &template.version, &template.rule_set];
        writeln!(out, "{name}: {}", display_safe(&Msg::TplOk.fill(lang, &args), false))?;
        return Ok(0);
    }
    for issue in &issues {
        let place = match issue.anchor().and_then(|a| anchor_position(&text, &a)) {
            Some((line, column)) => format!("{name}:{line}:{column}"),
            None => name.clone(),
        };
        writeln!(err, "{place}: {}", display_safe(&issue_text(issue, lang), false))?;
    }
    writeln!(err, "{name}: {}", Msg::TplInvalid.fill(lang, &[&issues.len()]))?;
    Ok(1)
}

/// A template issue as a sentence.
pub fn issue_text(issue: &TemplateIssue, lang: Lang) -> String {
    use TemplateIssue as I;
    let n = |v: &f64| number_text(*v, 2, lang);
    match issue {
        I::EmptyId => Msg::TplEmptyId.get(lang).to_string(),
        I::DuplicateId { id } => Msg::TplDuplicateId.fill(lang, &[id]),
        I::NoSections => Msg::TplNoSections.get(lang).to_string(),
        I::EmptySection { section } => Msg::TplEmptySection.fill(lang, &[section]),
        I::MissingText { id } => Msg::TplMissingText.fill(lang, &[id]),
        I::ConditionUnknownField { item, field } => Msg::TplConditionUnknownField.fill(lang, &[item, field]),
        I::ConditionOnLaterItem { item, field } => Msg::TplConditionOnLaterItem.fill(lang, &[item, field]),
        I::ConditionUnknownValue { item, field, value } => {
            Msg::TplConditionUnknownValue.fill(lang, &[item, field, value])
        }
        I::RuleDoesNotFitKind { item } => Msg::TplRuleDoesNotFitKind.fill(lang, &[item]),
        I::ThresholdOutOfRange { item, value } => Msg::TplThresholdOutOfRange.fill(lang, &[item, &n(value)]),
        I::BadBounds { item } => Msg::TplBadBounds.fill(lang, &[item]),
        I::NoOptions { item } => Msg::TplNoOptions.fill(lang, &[item]),
        I::UnknownOption { item, option } => Msg::TplUnknownOption.fill(lang, &[item, option]),
        I::StrengthShareOutOfRange { value } => Msg::TplStrengthShare.fill(lang, &[&n(value)]),
        I::ListPlaceholderWithoutOptions { item } => Msg::TplListWithoutOptions.fill(lang, &[item]),
        I::InForceReversed => Msg::TplInForceReversed.get(lang).to_string(),
        I::BranchContentTwice { branch_type } => Msg::TplBranchContentTwice.fill(lang, &[branch_type]),
        I::NoBranchContent { item } => Msg::TplNoBranchContent.fill(lang, &[item]),
        I::ReplacesOwnItem { item, replaces } => Msg::TplReplacesOwnItem.fill(lang, &[item, replaces]),
        I::ScoreWithoutFrame { item } => Msg::TplScoreWithoutFrame.fill(lang, &[item]),
        I::ScoreGroupTwice { group } => Msg::TplScoreGroupTwice.fill(lang, &[group]),
        I::ScoreWeightNotPositive { group, weight } => Msg::TplScoreWeightNotPositive.fill(lang, &[group, &n(weight)]),
        I::ScoreWeightsSum { sum, total } => Msg::TplScoreWeightsSum.fill(lang, &[&n(sum), &n(total)]),
        I::ScoreUnknownGroup { item, group } => Msg::TplScoreUnknownGroup.fill(lang, &[item, group]),
        I::ScorePointsNotPositive { item, points } => Msg::TplScorePointsNotPositive.fill(lang, &[item, &n(points)]),
        I::ScoreNotScorable { item } => Msg::TplScoreNotScorable.fill(lang, &[item]),
        I::ScoreGroupPoints { group, points, weight } => {
            Msg::TplScoreGroupPoints.fill(lang, &[group, &n(points), &n(weight)])
        }
        I::BandOutOfRange { band } => Msg::TplBandOutOfRange.fill(lang, &[band]),
        I::BandsOverlap { band, other } => Msg::TplBandsOverlap.fill(lang, &[band, other]),
        I::BandsGap { from, to } => Msg::TplBandsGap.fill(lang, &[&n(from), &n(to)]),
        I::FullMarkWithoutBand { total } => Msg::TplFullMarkWithoutBand.fill(lang, &[&n(total)]),
        I::ReportOrderUnknown { id } => Msg::TplReportOrderUnknown.fill(lang, &[id]),
        I::ReportOrderTwice { id } => Msg::TplReportOrderTwice.fill(lang, &[id]),
    }
}

/// The embedded templates and the added ones, as a [`Context`] holds them.
pub fn known_templates(added: Vec<Template>) -> Vec<Template> {
    let mut templates = Template::embedded_all();
    templates.extend(added);
    templates
}
