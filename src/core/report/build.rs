//! From a summary, the round and the team's text to the [`Report`]: the heading block, the
//! opening, "I. KẾT QUẢ KHẢO SÁT" with strengths and limitations in the order a meeting runs,
//! "II. NGUYÊN NHÂN" and "III. ĐỀ XUẤT, KIẾN NGHỊ" from the team's text, the signature and the
//! recipients; the appendix is `appendix.rs`. What is missing becomes a marked blank, and what
//! the input gets wrong (no round, drafts, visits of another round…) a warning for stderr: the
//! report is built whatever the input.

use std::collections::HashMap;

use crate::core::report::appendix::{Bookkeeping, appendix};
use crate::core::report::names::{BranchNames, item_text};
use crate::core::report::order::{in_meeting_order, meeting_order};
use crate::core::report::text::ReportText;
use crate::core::report::words::{
    count_text, heading_date, joined, period_dates, runs, safe, sentence, short_date, team_blocks,
};
use crate::core::report::{Block, Heading, PageLayout, Paragraph, Part, Report, Signature, Text};
use crate::core::round::{Coverage, Round};
use crate::core::summary::{Finding, Summary, TextLine, lower_first, quantified};
use crate::core::template::Template;
use crate::core::text::{fold, name_key};
use crate::strings::{Lang, Msg, ReportMsg};

/// The role, in a round's list of members, of the one who signs by default.
const HEAD_OF_TEAM: &str = "Trưởng đoàn";

/// A report, and what its input got wrong, one sentence each (for stderr).
#[derive(Debug, Clone, PartialEq)]
pub struct Built {
    pub report: Report,
    pub warnings: Vec<String>,
}

/// Build the report of `summary` (in its language; built with `keep_answers` for the appendix's
/// tables), about `round` (the round.ron governing the first path, when there is one), with the
/// team's `text`, ordering limitations by the `report_order` of `templates`.
pub fn build(summary: &Summary, round: Option<&Round>, text: &ReportText, templates: &[Template]) -> Built {
    let lang = summary.lang;
    let coverage = round.and_then(|r| coverage_of(summary, r));
    let books = Bookkeeping::of(summary, round, coverage);
    let mut warnings = books.warnings(round.is_none());
    let order = meeting_order(summary, templates);
    let results = results(summary, &books.names, &order, lang, &mut warnings);
    let report = Report {
        layout: PageLayout::default(),
        heading: heading(text, lang),
        title: ReportMsg::RptTitle.get(lang).to_string(),
        subject: subject(text, round, lang),
        opening: opening(summary, round, coverage, text, lang),
        parts: vec![
            results,
            team_part("II.", ReportMsg::RptPartCauses, &text.causes, ReportMsg::RptBlankCauses, lang),
            team_part(
                "III.",
                ReportMsg::RptPartRecommendations,
                &text.recommendations,
                ReportMsg::RptBlankRecommendations,
                lang,
            ),
        ],
        signature: signature(text, round, lang),
        recipients_title: ReportMsg::RptRecipients.get(lang).to_string(),
        recipients: recipients(text, lang),
        appendix: appendix(summary, &books, &order, templates),
    };
    Built { report, warnings }
}

/// The coverage of `round` among the summary's rounds (the same decision), when it plans branches.
fn coverage_of<'s>(summary: &'s Summary, round: &Round) -> Option<&'s Coverage> {
    let key = name_key(&round.decision);
    summary.coverages().find(|(r, _)| name_key(&r.round.decision) == key).map(|(_, c)| c)
}

fn given(text: impl Into<String>) -> Paragraph {
    vec![Text::Given(text.into())]
}

fn blank(what: ReportMsg, lang: Lang) -> Paragraph {
    vec![Text::Blank(what.get(lang).to_string())]
}

/// `text` when there is some (made safe), else a blank.
fn or_blank(text: &str, what: ReportMsg, lang: Lang) -> Paragraph {
    if text.trim().is_empty() { blank(what, lang) } else { given(safe(text)) }
}

fn heading(text: &ReportText, lang: Lang) -> Heading {
    let issuer = if text.issuer.is_empty() {
        vec![
            Text::Blank(ReportMsg::RptBlankIssuer.get(lang).to_string()),
            Text::Given(ReportMsg::RptTeam.get(lang).to_string()),
        ]
    } else {
        text.issuer.iter().map(|line| Text::Given(safe(line).to_uppercase())).collect()
    };
    let symbol =
        if text.symbol.trim().is_empty() { given(ReportMsg::RptSymbol.get(lang)) } else { given(safe(&text.symbol)) };
    let number =
        runs(ReportMsg::RptNumber.get(lang), &[or_blank(&text.number, ReportMsg::RptBlankNumber, lang), symbol]);
    let date = match text.date {
        Some(date) => given(heading_date(date, lang)),
        None => blank(ReportMsg::RptBlankDate, lang),
    };
    let place_date =
        runs(ReportMsg::RptPlaceDate.get(lang), &[or_blank(&text.place, ReportMsg::RptBlankPlace, lang), date]);
    Heading { issuer, number, party: ReportMsg::RptParty.get(lang).to_string(), place_date }
}

fn subject(text: &ReportText, round: Option<&Round>, lang: Lang) -> Paragraph {
    if !text.subject.trim().is_empty() {
        return given(safe(&text.subject));
    }
    match round {
        Some(r) if !r.decision.trim().is_empty() => given(ReportMsg::RptSubjectRound.fill(lang, &[&safe(&r.decision)])),
        _ => given(ReportMsg::RptSubject.get(lang)),
    }
}

/// The opening: the team's own when report.ron has one, else the decision (number, date, issuing
/// body, what it is about), the period and the branches attended, grouped by parent committee as
/// the seed article's report lists them; then the team's members.
fn opening(
    summary: &Summary,
    round: Option<&Round>,
    coverage: Option<&Coverage>,
    text: &ReportText,
    lang: Lang,
) -> Vec<Paragraph> {
    if let Some(blocks) = team_blocks(&text.opening) {
        return blocks
            .into_iter()
            .map(|b| match b {
                Block::Paragraph(p) => p,
                Block::Item(p) => runs("- {0}", &[p]),
                Block::Heading { number, title } => given(format!("{number} {title}")),
            })
            .collect();
    }
    // Without a round file, the decision number the visits name (when they all name one).
    let named = (summary.rounds.len() == 1).then(|| summary.rounds[0].as_str());
    let decision = match round.map(|r| r.decision.as_str()).or(named) {
        Some(d) if !d.trim().is_empty() => given(safe(d)),
        _ => blank(ReportMsg::RptBlankDecision, lang),
    };
    let decision_date = match round {
        Some(r) => given(short_date(r.decision_date, lang)),
        None => blank(ReportMsg::RptBlankDecisionDate, lang),
    };
    let issued_by = or_blank(round.map_or("", |r| r.issued_by.as_str()), ReportMsg::RptBlankIssuedBy, lang);
    let about = match round.map(|r| safe(&r.title)).filter(|t| !t.is_empty()) {
        // "về việc kiểm tra …": lowered inside the Vietnamese sentence; the title stays as written
        // (in Vietnamese) inside an English one.
        Some(title) if lang == Lang::Vi => given(ReportMsg::RptAbout.fill(lang, &[&lower_first(&title)])),
        Some(title) => given(ReportMsg::RptAbout.fill(lang, &[&title])),
        None => Vec::new(),
    };
    let period = round.map(|r| (r.from, r.to)).or_else(|| summary.period());
    // "từ ngày 04/4 đến ngày 21/4/2022", or "ngày 05/4/2022" for a round of one day.
    let period = match period {
        Some((from, to)) if from == to => runs(ReportMsg::RptPeriodDay.get(lang), &[given(short_date(from, lang))]),
        Some((from, to)) => {
            let (from, to) = period_dates(from, to, lang);
            runs(ReportMsg::RptPeriodRange.get(lang), &[given(from), given(to)])
        }
        None => runs(
            ReportMsg::RptPeriodRange.get(lang),
            &[blank(ReportMsg::RptBlankPeriod, lang), blank(ReportMsg::RptBlankPeriod, lang)],
        ),
    };
    let count = match coverage {
        Some(c) => ReportMsg::RptPlannedCount.fill(lang, &[&c.visited(), &c.planned()]),
        None => ReportMsg::RptBranchCount.fill(lang, &[&count_text(summary.branch_count(), lang)]),
    };
    let branches = branches_by_committee(summary, lang);
    let branches = if branches.is_empty() { blank(ReportMsg::RptBlankBranches, lang) } else { given(branches) };
    let args = [decision, decision_date, issued_by, about, period, given(count), branches];
    let mut paragraphs = vec![runs(ReportMsg::RptOpening.get(lang), &args)];
    if let Some(r) = round.filter(|r| !r.members.is_empty()) {
        let members: Vec<String> = r
            .members
            .iter()
            .map(|m| {
                if m.role.trim().is_empty() { safe(&m.name) } else { format!("{} ({})", safe(&m.name), safe(&m.role)) }
            })
            .collect();
        paragraphs.push(given(ReportMsg::RptMembers.fill(lang, &[&members.join("; ")])));
    }
    paragraphs
}

/// The branches of one parent committee, as the opening lists them.
struct CommitteeGroup {
    key: String,
    committee: String,
    /// Each branch once: its key and its name.
    branches: Vec<(String, String)>,
}

/// "A và B thuộc Đảng bộ X; C thuộc Đảng bộ Y": the branches attended, by parent committee in the
/// order of their first meeting, each branch once.
fn branches_by_committee(summary: &Summary, lang: Lang) -> String {
    let mut groups: Vec<CommitteeGroup> = Vec::new();
    for &i in &summary.visits_by_date() {
        let v = &summary.visits[i];
        let key = name_key(&v.committee);
        let at = match groups.iter().position(|g| g.key == key) {
            Some(at) => at,
            None => {
                groups.push(CommitteeGroup { key, committee: safe(&v.committee), branches: Vec::new() });
                groups.len() - 1
            }
        };
        let branch = (name_key(&v.branch), safe(&v.branch));
        if !groups[at].branches.iter().any(|(k, _)| *k == branch.0) {
            groups[at].branches.push(branch);
        }
    }
    groups
        .into_iter()
        .map(|g| {
            let names: Vec<String> = g.branches.into_iter().map(|(_, name)| name).collect();
            let names = joined(&names, lang);
            if g.committee.is_empty() { names } else { ReportMsg::RptBranchesOf.fill(lang, &[&names, &g.committee]) }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// "I. KẾT QUẢ KHẢO SÁT": strengths, then limitations in the order of a meeting, then the lines
/// the inspectors wrote themselves.
fn results(
    summary: &Summary,
    names: &BranchNames,
    order: &HashMap<String, usize>,
    lang: Lang,
    warnings: &mut Vec<String>,
) -> Part {
    let mut blocks = vec![Block::Heading { number: "1.".into(), title: ReportMsg::RptStrengths.get(lang).to_string() }];
    for s in &summary.strengths {
        // Said of every branch assessed, a strength needs no count.
        let text = if s.passing < s.assessed {
            format!("{} ({}/{})", safe(&s.text), s.passing, s.assessed)
        } else {
            safe(&s.text)
        };
        blocks.push(Block::Item(given(sentence(&text))));
    }
    blocks.extend(written_lines(summary, names, &summary.other_strengths));
    if blocks.len() == 1 {
        blocks.push(Block::Paragraph(blank(ReportMsg::RptBlankStrengths, lang)));
    }
    blocks.push(Block::Heading { number: "2.".into(), title: ReportMsg::RptLimitations.get(lang).to_string() });
    let before = blocks.len();
    for f in in_meeting_order(&summary.findings, order) {
        blocks.push(Block::Item(limitation(summary, f, lang, warnings)));
    }
    blocks.extend(written_lines(summary, names, &summary.other_limitations));
    if blocks.len() == before {
        blocks.push(Block::Paragraph(given(Msg::SumNoFindings.get(lang))));
    }
    Part { number: "I.".into(), title: ReportMsg::RptPartResults.get(lang).to_string(), blocks }
}

/// A limitation's line: its quantifier, its count and its sentence; a blank for a sentence the
/// template does not give.
fn limitation(summary: &Summary, f: &Finding, lang: Lang, warnings: &mut Vec<String>) -> Paragraph {
    if !f.text.trim().is_empty() {
        return given(sentence(&safe(&f.sentence(lang))));
    }
    let question = item_text(summary, &f.id);
    warnings.push(ReportMsg::RptWarnNoSentence.fill(lang, &[&safe(&f.id), &question]));
    let quantifier = quantified(f.failing(), f.assessed, "", lang);
    vec![
        Text::Given(quantifier),
        Text::Blank(ReportMsg::RptBlankFinding.fill(lang, &[&question])),
        Text::Given(".".into()),
    ]
}

/// The lines inspectors wrote themselves (other strengths, other limitations), each with its branch.
fn written_lines(summary: &Summary, names: &BranchNames, lines: &[TextLine]) -> Vec<Block> {
    lines
        .iter()
        .filter(|l| !l.text.trim().is_empty())
        .map(|l| {
            let visit = summary.visit_of_line(l);
            let text = format!("{}: {}", names.name(&visit.branch, &visit.committee), lower_first(&safe(&l.text)));
            Block::Item(given(sentence(&text)))
        })
        .collect()
}

/// A part written by the team (causes, recommendations): its paragraphs, or a blank.
fn team_part(number: &str, title: ReportMsg, text: &str, missing: ReportMsg, lang: Lang) -> Part {
    let blocks = team_blocks(text).unwrap_or_else(|| vec![Block::Paragraph(blank(missing, lang))]);
    Part { number: number.into(), title: title.get(lang).to_string(), blocks }
}

fn signature(text: &ReportText, round: Option<&Round>, lang: Lang) -> Signature {
    let capitals = |written: &str, default: ReportMsg| {
        Text::Given(if written.trim().is_empty() {
            default.get(lang).to_string()
        } else {
            safe(written).to_uppercase()
        })
    };
    let head = round.and_then(|r| {
        r.members.iter().find(|m| m.role.split(',').any(|part| name_key(part) == name_key(HEAD_OF_TEAM)))
    });
    let name = match (text.signer.name.trim(), head) {
        ("", Some(member)) if !member.name.trim().is_empty() => Text::Given(safe(&member.name)),
        ("", _) => Text::Blank(ReportMsg::RptBlankSigner.get(lang).to_string()),
        (name, _) => Text::Given(safe(name)),
    };
    Signature {
        on_behalf: capitals(&text.signer.on_behalf, ReportMsg::RptOnBehalf),
        role: capitals(&text.signer.role, ReportMsg::RptHeadOfTeam),
        name,
    }
}

/// "- …" per recipient, and a last line "- Lưu …" unless the team wrote one.
fn recipients(text: &ReportText, lang: Lang) -> Vec<Text> {
    let bare = |line: &str| line.trim().trim_start_matches(['-', '+', '•']).trim().to_string();
    let mut lines: Vec<Text> = text
        .recipients
        .iter()
        .map(|r| bare(r))
        .filter(|r| !r.is_empty())
        .map(|r| Text::Given(format!("- {}", safe(&r))))
        .collect();
    if lines.is_empty() {
        lines.push(Text::Blank(ReportMsg::RptBlankRecipients.get(lang).to_string()));
    }
    let filed = fold(ReportMsg::RptFiledWord.get(lang));
    if !text.recipients.iter().any(|r| fold(&bare(r)).starts_with(&filed)) {
        lines.push(Text::Given(format!("- {}", ReportMsg::RptFiled.get(lang))));
    }
    lines
}
