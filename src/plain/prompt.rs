//! What the plain mode writes before each line it reads: the question for the state the
//! checklist is in, as a few lines of text. Pure: the state in, the lines out. The last line is
//! the question itself, which the typed answer follows.

use crate::core::problems::Problem;
use crate::core::rules::{ItemStatus, applies, item_status, why_not_applicable};
use crate::core::template::{Item, Kind, Template};
use crate::core::visit::{Visit, VisitStatus};
use crate::strings::{Lang, Msg, PlainMsg};
use crate::tui::rows::{
    Fact, FactInput, Row, answer_text, conflict_sides_text, row_conflict, row_item, rows, section_count,
    section_progress, section_title,
};
use crate::tui::state::home::FormRow;
use crate::tui::state::prompts::{Editor, Picker, Target};
use crate::tui::state::session::Session;
use crate::tui::state::{App, Overlay, Screen, current_problems, current_row};

/// What the plain mode remembers between prompts.
#[derive(Debug, Default)]
pub struct Memory {
    /// The part last announced: its name is said again only when it changes.
    pub section: Option<usize>,
    /// The new-visit form was announced.
    pub form_started: bool,
    /// Items offered by number (search results) for the next line.
    pub offered: Vec<(usize, usize)>,
    /// The data folder, named at the head of the home list.
    pub folder: String,
    /// The visit last announced: which visit is open is said when it changes.
    pub visit: Option<std::path::PathBuf>,
}

/// The lines to write for the state `app` is in; the last one is the question.
pub fn prompt(app: &App, memory: &mut Memory) -> Vec<String> {
    let lang = app.lang;
    match &app.overlay {
        Overlay::Editor(editor) => return editor_prompt(app, editor),
        Overlay::Picker(picker) => {
            let mut lines = row_head(app, memory);
            if lines.is_empty() {
                lines.push(picker_label(app, picker));
            }
            lines.extend(picker_prompt(app, picker));
            return lines;
        }
        Overlay::Problems { .. } => return problems_prompt(app),
        Overlay::Conflict => return vec![PlainMsg::ConflictDisk.get(lang).to_string()],
        Overlay::Recover { recovery } => {
            return vec![PlainMsg::RecoverAsk.fill(lang, &[&recovery.display()])];
        }
        Overlay::None | Overlay::Help | Overlay::Search(_) => {}
    }
    match app.screen {
        Screen::Home => home_prompt(app, memory),
        Screen::NewVisit => form_prompt(app, memory),
        _ => match app.session.as_ref() {
            Some(session) => checklist_prompt(app, session, memory),
            None => vec![PlainMsg::HomeKeys.get(lang).to_string()],
        },
    }
}

fn checklist_prompt(app: &App, session: &Session, memory: &mut Memory) -> Vec<String> {
    let lang = app.lang;
    let mut lines = Vec::new();
    let template = &session.template;
    let visit = &session.visit;
    if memory.visit.as_ref() != Some(&session.path) {
        memory.visit = Some(session.path.clone());
        memory.section = None;
        lines.push(visit_line(visit, lang));
    }
    if memory.section != Some(session.section) {
        memory.section = Some(session.section);
        let (answered, total) = section_progress(template, visit, session.section);
        let title = section_title(template, session.section, lang);
        let args: [&dyn std::fmt::Display; 4] = [&session.section, &title, &answered, &total];
        lines.push(PlainMsg::Section.fill(lang, &args));
        lines.extend(score_line(session, lang));
    }
    let Some(row) = current_row(session) else { return lines };
    if let Some((_, conflict)) = row_conflict(template, visit, row) {
        let [one, two] = conflict_sides_text(template, conflict, &app.zone, lang);
        lines.push(PlainMsg::ConflictSides.fill(lang, &[&one, &two]));
    }
    let count = rows(template, session.section).len();
    let title = section_title(template, session.section, lang);
    match row {
        Row::Fact(fact) => {
            let args: [&dyn std::fmt::Display; 3] = [&title, &(session.row + 1), &count];
            let head = PlainMsg::FactHead.fill(lang, &args);
            let commands = [PlainMsg::KeysNext, PlainMsg::KeysCommon];
            lines.push(format!("{head} {}", fact_question(fact, visit, &commands, lang)));
        }
        row => {
            let Some(item) = row_item(template, row) else { return lines };
            lines.extend(item_context(session, item, lang));
            let args: [&dyn std::fmt::Display; 4] = [&title, &(session.row + 1), &count, &unanswered(template, visit)];
            let head = PlainMsg::ItemHead.fill(lang, &args);
            let keys = [item_keys(item, lang), PlainMsg::KeysCommon.get(lang).to_string()].join("; ");
            lines.push(format!("{head} {} [{keys}]", item.text.get(lang)));
        }
    }
    lines
}

/// The team's running score, where the template has a points frame: "Điểm đoàn chấm: 72/100,
/// Khá." or "…: 72/100, còn 5 mục." (said with each part, as the full screen shows it beside them).
fn score_line(session: &Session, lang: Lang) -> Option<String> {
    let frame = session.template.score.as_ref()?;
    let score = crate::core::score::visit_score(&session.template, &session.visit)?;
    let number = |n: f64| crate::core::text::number_text(n, 1, lang);
    let state = match score.band(frame) {
        Some(band) if score.is_complete() => band.label.get(lang).to_string(),
        _ => Msg::ScorePending.fill(lang, &[&score.pending]),
    };
    let points = format!("{}/{}", number(score.points), number(score.total));
    Some(format!("{}: {points}, {state}.", Msg::ScorePaneTitle.get(lang)))
}

/// "Phiếu: Chi bộ số 11, Đảng bộ phường Mai Dịch, ngày 05/04/2022. Bản nháp.": which visit is open.
fn visit_line(visit: &Visit, lang: Lang) -> String {
    let m = &visit.meeting;
    let status = if visit.status == VisitStatus::Final { PlainMsg::Final } else { PlainMsg::Draft };
    let date = m.date.strftime("%d/%m/%Y").to_string();
    let args: [&dyn std::fmt::Display; 4] = [&m.branch, &m.committee, &date, &status.get(lang)];
    PlainMsg::Opened.fill(lang, &args)
}

/// What is known about the item before it is asked: its answer and note, last round's answer,
/// why it does not apply, what it works out to.
fn item_context(session: &Session, item: &Item, lang: Lang) -> Vec<String> {
    let visit = &session.visit;
    let mut lines = Vec::new();
    if let Some(because) = why_not_applicable(&session.template, item, visit) {
        let name =
            |id: &str| session.template.item(id).map_or_else(|| id.to_string(), |r| r.item.text.get(lang).into());
        lines.push(PlainMsg::NotApplicableNow.fill(lang, &[&because.words(lang, &name)]));
    }
    let answer = answer_text(item, visit, lang);
    if item.kind.is_computed() {
        lines.push(PlainMsg::Computed.fill(lang, &[&or_empty(&answer, lang)]));
    } else if !answer.is_empty() {
        lines.push(PlainMsg::Current.fill(lang, &[&answer]));
    }
    if item_status(item, visit) == ItemStatus::Fail
        && let Some(sentence) = crate::core::rules::finding_sentence(item, visit, lang)
    {
        lines.push(PlainMsg::Finding.fill(lang, &[&sentence]));
    }
    if let Some(note) = visit.answer(&item.id).map(|a| a.note.trim()).filter(|n| !n.is_empty()) {
        lines.push(PlainMsg::NoteNow.fill(lang, &[&one_line(note)]));
    }
    if let Some(previous) = session.previous.as_deref() {
        let before = answer_text(item, previous, lang);
        if !before.is_empty() {
            lines.push(PlainMsg::Previous.fill(lang, &[&before]));
        }
    }
    lines
}

/// What an item takes, for its question.
fn item_keys(item: &Item, lang: Lang) -> String {
    let msg = match &item.kind {
        Kind::YesNo { allow_na: true } => {
            return format!("{}, {}", PlainMsg::KeysYesNo.get(lang), PlainMsg::KeysNa.get(lang));
        }
        Kind::YesNo { allow_na: false } => PlainMsg::KeysYesNo,
        Kind::Scale => PlainMsg::KeysScale,
        Kind::Count { .. } => PlainMsg::KeysCount,
        Kind::CountPair { .. } => PlainMsg::KeysPair,
        Kind::Time => PlainMsg::KeysTime,
        Kind::Text { .. } | Kind::Choice { .. } | Kind::MultiChoice { .. } => PlainMsg::KeysText,
        Kind::Computed(_) => PlainMsg::KeysNext,
    };
    msg.get(lang).to_string()
}

/// "Tổng số đảng viên (hiện: 25) [gõ số rồi Enter; …]": a meeting fact asked, on the checklist
/// or the new-visit form (each with its own commands after what the fact takes).
fn fact_question(fact: Fact, visit: &Visit, commands: &[PlainMsg], lang: Lang) -> String {
    let takes = match fact.input() {
        FactInput::Count => PlainMsg::KeysCount,
        FactInput::Time => PlainMsg::KeysTime,
        FactInput::Date => PlainMsg::KeysDate,
        FactInput::YesNo => PlainMsg::KeysYesNo,
        FactInput::Text | FactInput::BranchType | FactInput::MeetingKind => PlainMsg::KeysText,
    };
    let keys: Vec<&str> = std::iter::once(takes).chain(commands.iter().copied()).map(|m| m.get(lang)).collect();
    let now = PlainMsg::CurrentInline.fill(lang, &[&or_empty(&fact.value_text(visit, lang), lang)]);
    format!("{} ({now}) [{}]", fact.label().get(lang), keys.join("; "))
}

/// A value on one line, or the word for nothing entered yet.
fn or_empty(text: &str, lang: Lang) -> String {
    if text.trim().is_empty() { PlainMsg::Empty.get(lang).to_string() } else { one_line(text) }
}

/// Items still to answer in the whole visit (those that apply and are typed, not worked out).
pub fn unanswered(template: &Template, visit: &Visit) -> usize {
    template
        .sections
        .iter()
        .flat_map(|s| &s.items)
        .filter(|i| !i.kind.is_computed() && applies(i, visit) && visit.value(&i.id).is_none())
        .count()
}

fn editor_prompt(app: &App, editor: &Editor) -> Vec<String> {
    let lang = app.lang;
    let label = match &editor.target {
        Target::Note(id) => PlainMsg::NoteLabel.fill(lang, &[&item_text(app, id)]),
        Target::Answer(id) => item_text(app, id),
        Target::Fact(fact) => fact.label().get(lang).to_string(),
        Target::ReopenReason => PlainMsg::ReopenLabel.get(lang).to_string(),
        _ => String::new(),
    };
    let mut lines = Vec::new();
    if let Some(error) = &editor.error {
        lines.push(PlainMsg::Refused.fill(lang, &[error]));
    }
    let now = editor.initial.trim();
    let now = PlainMsg::CurrentInline.fill(lang, &[&or_empty(now, lang)]);
    lines.push(PlainMsg::EditPrompt.fill(lang, &[&label, &now]));
    lines
}

fn item_text(app: &App, id: &str) -> String {
    app.session
        .as_ref()
        .and_then(|s| s.template.item(id))
        .map_or_else(|| id.to_string(), |r| r.item.text.get(app.lang).to_string())
}

/// On the checklist, what a list answers: the row's place, what is known of it, its question.
fn row_head(app: &App, memory: &mut Memory) -> Vec<String> {
    let Some(session) = app.session.as_ref().filter(|_| app.screen == Screen::Checklist) else { return Vec::new() };
    let mut lines = checklist_prompt(app, session, memory);
    // Its last line asks with the checklist's keys; the list asks its own way.
    if let Some(question) = lines.pop() {
        lines.push(question.split(" [").next().unwrap_or_default().to_string());
    }
    lines
}

/// What a list is for, when no checklist row says it.
fn picker_label(app: &App, picker: &Picker) -> String {
    match &picker.target {
        Target::Fact(fact) => format!("{}:", fact.label().get(app.lang)),
        Target::Rules => format!("{}:", Msg::FactRules.get(app.lang)),
        Target::Answer(id) => item_text(app, id),
        Target::PlannedBranch => PlainMsg::PlannedBranch.get(app.lang).to_string(),
        _ => String::new(),
    }
}

fn picker_prompt(app: &App, picker: &Picker) -> Vec<String> {
    let lang = app.lang;
    let current = PlainMsg::Chosen.get(lang);
    let mut lines: Vec<String> = picker
        .options
        .iter()
        .enumerate()
        .map(|(i, (id, label))| match picker.chosen.contains(id) {
            true => format!("  {}. {label} ({current})", i + 1),
            false => format!("  {}. {label}", i + 1),
        })
        .collect();
    let ask = if picker.multi {
        let ticked: Vec<String> = picker
            .options
            .iter()
            .enumerate()
            .filter(|(_, (id, _))| picker.chosen.contains(id))
            .map(|(i, _)| (i + 1).to_string())
            .collect();
        let ticked = if ticked.is_empty() { PlainMsg::NoneTicked.get(lang).to_string() } else { ticked.join(" ") };
        PlainMsg::ChooseMany.fill(lang, &[&ticked])
    } else {
        PlainMsg::Choose.fill(lang, &[&picker.options.len()])
    };
    lines.push(format!("{ask} [{}]", PlainMsg::ChooseKeys.get(lang)));
    lines
}

fn problems_prompt(app: &App) -> Vec<String> {
    let lang = app.lang;
    let problems = current_problems(app);
    if problems.is_empty() {
        return vec![PlainMsg::ProblemsNone.get(lang).to_string(), PlainMsg::ProblemsKeys.get(lang).to_string()];
    }
    let mut lines = vec![PlainMsg::ProblemsHead.fill(lang, &[&problems.len()])];
    lines.extend(problems.iter().enumerate().map(|(i, p)| format!("  {}. {}", i + 1, problem_text(app, p))));
    lines.push(PlainMsg::ProblemsKeys.get(lang).to_string());
    lines
}

fn problem_text(app: &App, problem: &Problem) -> String {
    problem.message(app.lang, &|id| item_text(app, id))
}

fn home_prompt(app: &App, memory: &mut Memory) -> Vec<String> {
    let lang = app.lang;
    if app.home.loading {
        return vec![PlainMsg::HomeLoading.get(lang).to_string()];
    }
    // Back on the list, a visit opened again is named again.
    memory.visit = None;
    let entries = &app.home.entries;
    let mut lines = vec![PlainMsg::HomeHead.fill(lang, &[&memory.folder, &entries.len()])];
    for (i, e) in entries.iter().enumerate() {
        let status = if e.status == VisitStatus::Final { PlainMsg::Final } else { PlainMsg::Draft };
        let date = e.date.strftime("%d/%m/%Y").to_string();
        let args: [&dyn std::fmt::Display; 8] =
            [&(i + 1), &e.branch, &e.committee, &date, &status.get(lang), &e.answered, &e.total, &e.findings];
        lines.push(PlainMsg::HomeEntry.fill(lang, &args));
    }
    lines.push(PlainMsg::HomeKeys.get(lang).to_string());
    lines
}

fn form_prompt(app: &App, memory: &mut Memory) -> Vec<String> {
    let lang = app.lang;
    let Some(form) = app.form.as_ref() else { return Vec::new() };
    let mut lines = Vec::new();
    if !std::mem::replace(&mut memory.form_started, true) {
        lines.push(PlainMsg::FormHead.get(lang).to_string());
    }
    let draft = &form.draft;
    match form.current() {
        FormRow::Fact(fact) => lines.push(fact_question(fact, draft, &[PlainMsg::FormKeys], lang)),
        FormRow::Rules => lines.push(PlainMsg::FormRules.fill(lang, &[&draft.template.id])),
        FormRow::Create => {
            let date = draft.meeting.date.strftime("%d/%m/%Y").to_string();
            let args: [&dyn std::fmt::Display; 3] = [&draft.meeting.branch, &draft.meeting.committee, &date];
            lines.push(PlainMsg::FormCreate.fill(lang, &args));
        }
    }
    lines
}

/// The sections, numbered as `g` takes them.
pub fn section_list(session: &Session, lang: Lang) -> Vec<String> {
    let template = &session.template;
    let mut lines = vec![PlainMsg::GotoHead.get(lang).to_string()];
    for s in 0..section_count(template) {
        let (answered, total) = section_progress(template, &session.visit, s);
        lines.push(format!("  {s}. {} ({answered}/{total})", section_title(template, s, lang)));
    }
    lines.push(PlainMsg::GotoKeys.get(lang).to_string());
    lines
}

/// The current section's rows with their answers.
pub fn row_list(session: &Session, lang: Lang) -> Vec<String> {
    let template = &session.template;
    let mut lines = vec![PlainMsg::ListHead.fill(lang, &[&section_title(template, session.section, lang)])];
    for (i, row) in rows(template, session.section).into_iter().enumerate() {
        let (text, answer) = match row {
            Row::Fact(fact) => (fact.label().get(lang).to_string(), fact.value_text(&session.visit, lang)),
            row => match row_item(template, row) {
                Some(item) => (item.text.get(lang).to_string(), answer_text(item, &session.visit, lang)),
                None => continue,
            },
        };
        let answer =
            if answer.trim().is_empty() { PlainMsg::Unanswered.get(lang).to_string() } else { one_line(&answer) };
        let args: [&dyn std::fmt::Display; 3] = [&(i + 1), &text, &answer];
        lines.push(PlainMsg::ListLine.fill(lang, &args));
    }
    lines
}

/// A several-line text on one line.
pub fn one_line(text: &str) -> String {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" / ")
}
