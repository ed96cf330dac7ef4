//! The appendix ("Phụ lục"): what the tool knows that the body leaves out — the template
//! versions, the visits still in draft, edited after being final or recorded twice, visits of
//! another round, planned branches not visited, files skipped, each limitation's failing
//! branches and its counts of answers not applicable or missing — and one table per section,
//! branch × item, answers as words. The same facts, where they are faults of the input, are the
//! warnings the command prints ([`Bookkeeping::warnings`]).

use std::collections::HashMap;

use crate::core::answer::computed_text;
use crate::core::report::names::{BranchNames, item_text};
use crate::core::report::order::in_meeting_order;
use crate::core::report::words::{safe, short_date};
use crate::core::report::{Appendix, Table};
use crate::core::round::{Coverage, Round};
use crate::core::summary::{AnswerCell, Summary, VisitInfo};
use crate::core::template::{Kind, Template};
use crate::core::text::{name_key, number_text};
use crate::core::visit::VisitStatus;
use crate::strings::{Lang, Msg, ReportMsg};

/// What is wrong with, or to be said of, the visits a report is built from.
pub struct Bookkeeping<'s> {
    summary: &'s Summary,
    /// The decision of the round the report is about.
    decision: Option<String>,
    /// Visits still in draft, by date.
    drafts: Vec<usize>,
    /// Visits naming another round than the report's, by date.
    other_round: Vec<usize>,
    /// Without a round file: the rounds the visits name, when more than one.
    several_rounds: Vec<String>,
    /// Planned branches not visited, "branch (committee)".
    missing: Vec<String>,
    /// How the report names branches.
    pub(super) names: BranchNames,
}

impl<'s> Bookkeeping<'s> {
    pub fn of(summary: &'s Summary, round: Option<&Round>, coverage: Option<&Coverage>) -> Bookkeeping<'s> {
        let by_date = summary.visits_by_date();
        let decision = round.map(|r| r.decision.clone());
        let key = decision.as_deref().map(name_key);
        let drafts = by_date.iter().copied().filter(|&i| summary.visits[i].status == VisitStatus::Draft).collect();
        let other_round = match &key {
            Some(key) => by_date
                .iter()
                .copied()
                .filter(|&i| summary.visits[i].round.as_deref().is_some_and(|r| name_key(r) != *key))
                .collect(),
            None => Vec::new(),
        };
        let several_rounds = if round.is_none() && summary.rounds.len() > 1 {
            summary.rounds.iter().map(|r| safe(r)).collect()
        } else {
            Vec::new()
        };
        let missing = coverage
            .map(|c| c.missing().map(|p| format!("{} ({})", safe(&p.branch), safe(&p.committee))).collect())
            .unwrap_or_default();
        Bookkeeping { summary, decision, drafts, other_round, several_rounds, missing, names: BranchNames::of(summary) }
    }

    fn lang(&self) -> Lang {
        self.summary.lang
    }

    /// "Chi bộ số 11 (Đảng bộ phường Mai Dịch)", a visit's date and file.
    fn visit_words(&self, v: &VisitInfo) -> (String, String, String) {
        let name = format!("{} ({})", safe(&v.branch), safe(&v.committee));
        (name, short_date(v.date, self.lang()), safe(&v.file.to_string_lossy()))
    }

    fn other_round_list(&self) -> String {
        let lang = self.lang();
        self.other_round
            .iter()
            .map(|&i| {
                let v = &self.summary.visits[i];
                let (name, date, _) = self.visit_words(v);
                ReportMsg::RptVisitOfRound.fill(lang, &[&name, &date, &safe(v.round.as_deref().unwrap_or_default())])
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// One sentence per fault of the input, for stderr.
    pub fn warnings(&self, no_round: bool) -> Vec<String> {
        let lang = self.lang();
        let s = self.summary;
        let mut out = Vec::new();
        if no_round {
            out.push(ReportMsg::RptWarnNoRound.get(lang).to_string());
        }
        if !self.several_rounds.is_empty() {
            out.push(ReportMsg::RptWarnRounds.fill(lang, &[&self.several_rounds.join(", ")]));
        }
        if let Some(decision) = &self.decision
            && !self.other_round.is_empty()
        {
            let args: [&dyn std::fmt::Display; 3] =
                [&self.other_round.len(), &safe(decision), &self.other_round_list()];
            out.push(ReportMsg::RptWarnOtherRound.fill(lang, &args));
        }
        for &i in &self.drafts {
            let (name, date, file) = self.visit_words(&s.visits[i]);
            out.push(ReportMsg::RptWarnDraft.fill(lang, &[&name, &date, &file]));
        }
        for i in s.edited_after_final() {
            let (name, date, file) = self.visit_words(&s.visits[i]);
            out.push(ReportMsg::RptWarnEdited.fill(lang, &[&name, &date, &file]));
        }
        for d in &s.duplicates {
            let [name, date, files] = self.duplicate_args(d);
            out.push(ReportMsg::RptWarnDuplicate.fill(lang, &[&name, &date, &files]));
        }
        if !self.missing.is_empty() {
            out.push(ReportMsg::RptWarnMissing.fill(lang, &[&self.missing.len(), &self.missing.join("; ")]));
        }
        out
    }

    fn duplicate_args(&self, d: &crate::core::summary::Duplicate) -> [String; 3] {
        let files: Vec<String> = d.files.iter().map(|f| safe(&f.to_string_lossy())).collect();
        [format!("{} ({})", safe(&d.branch), safe(&d.committee)), short_date(d.date, self.lang()), files.join(", ")]
    }

    /// The appendix's notes, in this order: template versions, drafts, visits edited after being
    /// final, duplicates, visits of another round, planned branches not visited, skipped files,
    /// then each limitation (in meeting order) with its failing branches and its counts.
    fn notes(&self, order: &HashMap<String, usize>) -> Vec<String> {
        let lang = self.lang();
        let s = self.summary;
        let mut notes = Vec::new();
        if !s.template_versions.is_empty() {
            let versions: Vec<String> = s
                .template_versions
                .iter()
                .map(|t| Msg::SumTemplateVersion.fill(lang, &[&safe(&t.id), &t.version, &t.visits]))
                .collect();
            notes.push(Msg::SumTemplates.fill(lang, &[&versions.join(", ")]));
        }
        for &i in &self.drafts {
            let (name, date, file) = self.visit_words(&s.visits[i]);
            notes.push(ReportMsg::RptNoteDraft.fill(lang, &[&name, &date, &file]));
        }
        for i in s.edited_after_final() {
            let (name, date, file) = self.visit_words(&s.visits[i]);
            notes.push(ReportMsg::RptNoteEdited.fill(lang, &[&name, &date, &file]));
        }
        for d in &s.duplicates {
            let [name, date, files] = self.duplicate_args(d);
            notes.push(ReportMsg::RptNoteDuplicate.fill(lang, &[&name, &date, &files]));
        }
        if let Some(decision) = &self.decision
            && !self.other_round.is_empty()
        {
            notes.push(ReportMsg::RptNoteOtherRound.fill(lang, &[&safe(decision), &self.other_round_list()]));
        }
        if !self.several_rounds.is_empty() {
            notes.push(ReportMsg::RptNoteRounds.fill(lang, &[&self.several_rounds.join(", ")]));
        }
        if !self.missing.is_empty() {
            notes.push(ReportMsg::RptNoteMissing.fill(lang, &[&self.missing.join("; ")]));
        }
        for skipped in &s.skipped {
            let place = match skipped.position {
                Some((line, col)) => format!("{}:{line}:{col}", safe(&skipped.path.to_string_lossy())),
                None => safe(&skipped.path.to_string_lossy()),
            };
            notes.push(ReportMsg::RptNoteSkipped.fill(lang, &[&place, &safe(&skipped.reason)]));
        }
        for f in in_meeting_order(&s.findings, order) {
            let branches: Vec<String> = s.failing_visits(f).map(|v| self.names.name(&v.branch, &v.committee)).collect();
            let counts = Msg::SumNotAssessed.fill(lang, &[&f.not_applicable, &f.unanswered, &f.not_in_template]);
            let args: [&dyn std::fmt::Display; 6] =
                [&item_text(s, &f.id), &safe(&f.id), &f.failing(), &f.assessed, &branches.join("; "), &counts];
            notes.push(ReportMsg::RptNoteFinding.fill(lang, &args));
        }
        notes
    }
}

/// The appendix of a report on `summary`.
pub fn appendix(
    summary: &Summary,
    books: &Bookkeeping,
    order: &HashMap<String, usize>,
    templates: &[Template],
) -> Appendix {
    Appendix {
        title: ReportMsg::RptAppendix.get(summary.lang).to_string(),
        notes: books.notes(order),
        tables: tables(summary, &books.names, templates),
    }
}

/// One table per section, rows the visits by date, columns the section's items; none when the
/// summary kept no answers.
fn tables(summary: &Summary, names: &BranchNames, templates: &[Template]) -> Vec<Table> {
    let lang = summary.lang;
    if summary.visits.iter().all(|v| v.answers.is_none()) {
        return Vec::new();
    }
    let rows = summary.visits_by_date();
    let template_of =
        |v: &VisitInfo| templates.iter().find(|t| t.id == v.template_id && t.version == v.template_version);
    let kind_of = |id: &str| templates.iter().find_map(|t| t.item(id)).map(|r| &r.item.kind);
    summary
        .sections
        .iter()
        .filter(|section| !section.items.is_empty())
        .enumerate()
        .map(|(n, section)| {
            let mut columns = vec![ReportMsg::RptColBranch.get(lang).to_string()];
            // Numbered columns, the questions under the table: a heading of a whole question made
            // the Word tables a page tall.
            columns.extend((1..=section.items.len()).map(|n| n.to_string()));
            let legend: Vec<String> = section
                .items
                .iter()
                .enumerate()
                .map(|(n, i)| format!("{}. {} ({})", n + 1, safe(&i.text), safe(&i.id)))
                .collect();
            let rows = rows
                .iter()
                .map(|&v| {
                    let visit = &summary.visits[v];
                    let name = names.name(&visit.branch, &visit.committee);
                    let name = if visit.status == VisitStatus::Draft {
                        ReportMsg::RptDraftRow.fill(lang, &[&name])
                    } else {
                        name
                    };
                    let mut row = vec![name];
                    for item in &section.items {
                        let answer = visit.answers.as_ref().and_then(|a| a.get(&item.id));
                        let has_item = template_of(visit).is_some_and(|t| t.item(&item.id).is_some());
                        row.push(cell(answer, kind_of(&item.id), has_item, lang));
                    }
                    row
                })
                .collect();
            Table {
                title: ReportMsg::RptTableTitle.fill(lang, &[&(n + 1), &safe(&section.title)]),
                columns,
                rows,
                legend,
            }
        })
        .collect()
}

/// An answer as words: numbers as the reports write them (a rate with "%", a duration in
/// minutes), texts on one line, nothing ticked as "—", no answer as "Chưa trả lời" (nothing for
/// a free text) or, for an item the visit's template lacks, "Không có trong mẫu phiếu".
fn cell(answer: Option<&AnswerCell>, kind: Option<&Kind>, has_item: bool, lang: Lang) -> String {
    match answer {
        Some(AnswerCell::Number(n)) => match kind {
            Some(Kind::Computed(c)) => computed_text(*c, *n, lang),
            _ => number_text(*n, 1, lang),
        },
        Some(AnswerCell::Text(text)) => {
            let lines: Vec<String> = text.lines().map(safe).filter(|l| !l.is_empty()).collect();
            // Nothing ticked of several choices: said, not left looking unanswered.
            if lines.is_empty() { "—".to_string() } else { lines.join(" / ") }
        }
        // A free text left empty is no missing answer: the inspector had nothing to add.
        None if matches!(kind, Some(Kind::Text { .. })) => String::new(),
        None if has_item => Msg::Unanswered.get(lang).to_string(),
        None => Msg::SumColNotInTemplate.get(lang).to_string(),
    }
}
