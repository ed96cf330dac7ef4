//! The follow-up register (khắc phục, issue 17): one action per failing finding × branch of a
//! round, with who is responsible, by when, what the branch reported back and whether it was
//! checked. Pure: the store reads and writes the file (`followup.ron` in the round folder).
//!
//! Actions are numbered from 1 in the order `init` first adds them (the summary's findings in
//! report order, each finding's branches in name order) and keep their number for good: an
//! action is named by it on the command line and in the TUI, and the file lists actions by it,
//! so a later `init` only appends and the file diffs cleanly.
//!
//! An action is identified across `init` runs by its item id and its branch and committee (as
//! [`name_key`] compares names), never by its sentence, which a template revision may reword.

mod report;
mod sentence;

use std::collections::HashSet;

use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::core::compare::{BranchRef, Comparison};
use crate::core::summary::{Summary, VisitInfo};
use crate::core::text::{compare_names, fold, name_key};
use crate::strings::{FollowupMsg, Lang};

pub use report::report_part;
pub use sentence::{finding_in, findings_in, register_in};

/// The file format of `followup.ron`; bumped when a field changes meaning or disappears.
pub const FOLLOWUP_SCHEMA_VERSION: u32 = 1;

/// Days after the round's end an action is due by default (the report follows the round's end;
/// the round file records no report date, so the end is the one date every round has).
pub const DEFAULT_DUE_DAYS: i32 = 30;

/// Where an action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Chưa khắc phục.
    #[default]
    NotFixed,
    /// Đang khắc phục.
    InProgress,
    /// Đã báo cáo khắc phục: the branch says it is done; not checked yet.
    ReportedFixed,
    /// Đã kiểm tra, đạt.
    CheckedPassed,
    /// Kiểm tra lại, chưa đạt.
    CheckedFailed,
}

impl Status {
    pub const ALL: [Status; 5] =
        [Status::NotFixed, Status::InProgress, Status::ReportedFixed, Status::CheckedPassed, Status::CheckedFailed];

    /// The id written in the file and typed on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Status::NotFixed => "not_fixed",
            Status::InProgress => "in_progress",
            Status::ReportedFixed => "reported_fixed",
            Status::CheckedPassed => "checked_passed",
            Status::CheckedFailed => "checked_failed",
        }
    }

    pub fn parse(id: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.id() == id.trim())
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Status::NotFixed => FollowupMsg::StatusNotFixed.get(lang),
            Status::InProgress => FollowupMsg::StatusInProgress.get(lang),
            Status::ReportedFixed => FollowupMsg::StatusReportedFixed.get(lang),
            Status::CheckedPassed => FollowupMsg::StatusCheckedPassed.get(lang),
            Status::CheckedFailed => FollowupMsg::StatusCheckedFailed.get(lang),
        }
    }

    /// The branch still has to act: nothing reported, or the check found it not fixed.
    pub fn is_open(self) -> bool {
        matches!(self, Status::NotFixed | Status::InProgress | Status::CheckedFailed)
    }

    /// Someone says it is done (the branch, or a check).
    pub fn is_marked_done(self) -> bool {
        matches!(self, Status::ReportedFixed | Status::CheckedPassed)
    }
}

/// One finding to remedy in one branch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub id: u32,
    /// The template item whose finding this is.
    pub item: String,
    /// The finding sentence for this branch, as the summary gave it.
    pub finding: String,
    pub branch: String,
    pub committee: String,
    /// Who answers for it; by default the branch secretary who chaired the meeting visited.
    #[serde(default)]
    pub responsible: String,
    pub due: Date,
    #[serde(default)]
    pub status: Status,
    /// What the branch reported back, and when.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub report_back: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_on: Option<Date>,
    /// Who checked it (a member of the team, or of the next round's).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub checked_by: String,
}

impl Action {
    /// Open and past its due date on `today`.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.status.is_open() && self.due < today
    }

    fn key(&self) -> (String, String, String) {
        (self.item.clone(), name_key(&self.branch), name_key(&self.committee))
    }
}

/// The register of a round: `followup.ron`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Register {
    pub schema: u32,
    /// The round's decision number, when the round has one (as in round.ron).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub round: String,
    /// By id.
    #[serde(default)]
    pub actions: Vec<Action>,
}

/// What a register is checked against: the round as it is now.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RoundFacts {
    /// The round's first day (its round file's, else its first meeting's).
    pub from: Option<Date>,
    /// The branches visited, as (branch, committee) [`name_key`]s.
    pub branches: HashSet<(String, String)>,
    /// Every item id of the round's templates.
    pub items: HashSet<String>,
}

impl RoundFacts {
    pub fn of(summary: &Summary) -> RoundFacts {
        RoundFacts {
            from: summary.report_period().map(|(from, _)| from),
            branches: summary.visits.iter().map(|v| (name_key(&v.branch), name_key(&v.committee))).collect(),
            items: summary.item_ids().map(str::to_string).collect(),
        }
    }
}

/// Something in a register the round contradicts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    UnknownBranch { action: u32, branch: String, committee: String },
    UnknownItem { action: u32, item: String },
    DueBeforeRound { action: u32, due: Date, from: Date },
    DuplicateId { action: u32 },
}

impl Problem {
    pub fn action(&self) -> u32 {
        match self {
            Problem::UnknownBranch { action, .. }
            | Problem::UnknownItem { action, .. }
            | Problem::DueBeforeRound { action, .. }
            | Problem::DuplicateId { action } => *action,
        }
    }

    /// The field of the action the problem is in.
    pub fn field(&self) -> &'static str {
        match self {
            Problem::UnknownBranch { .. } => "branch",
            Problem::UnknownItem { .. } => "item",
            Problem::DueBeforeRound { .. } => "due",
            Problem::DuplicateId { .. } => "id",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            Problem::UnknownBranch { action, branch, committee } => {
                FollowupMsg::ProblemUnknownBranch.fill(lang, &[action, branch, committee])
            }
            Problem::UnknownItem { action, item } => FollowupMsg::ProblemUnknownItem.fill(lang, &[action, item]),
            Problem::DueBeforeRound { action, due, from } => {
                FollowupMsg::ProblemDueBeforeRound.fill(lang, &[action, due, from])
            }
            Problem::DuplicateId { action } => FollowupMsg::ProblemDuplicateId.fill(lang, &[action]),
        }
    }
}

/// Which actions to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only those overdue on this day.
    pub overdue_on: Option<Date>,
    /// Only branches whose name holds this text (case, spacing and Vietnamese marks ignored, as
    /// `summary --committee` matches).
    pub branch: Option<String>,
    pub status: Option<Status>,
}

impl Filter {
    pub fn keeps(&self, action: &Action) -> bool {
        self.overdue_on.is_none_or(|today| action.is_overdue(today))
            && self.branch.as_ref().is_none_or(|b| fold(&action.branch).contains(&fold(b)))
            && self.status.is_none_or(|s| s == action.status)
    }
}

/// A change to one action; fields left `None` are kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Edit {
    pub status: Option<Status>,
    pub report_back: Option<String>,
    pub reported_on: Option<Date>,
    pub due: Option<Date>,
    pub responsible: Option<String>,
    pub checked_by: Option<String>,
}

/// The default due date of a round that ended on `end`.
pub fn default_due(end: Date) -> Date {
    end.checked_add(DEFAULT_DUE_DAYS.days()).unwrap_or(end)
}

impl Register {
    pub fn new(round: &str) -> Register {
        Register { schema: FOLLOWUP_SCHEMA_VERSION, round: round.to_string(), actions: Vec::new() }
    }

    /// Add an action for every failing finding × branch of `summary` the register lacks, due on
    /// `due`, with `responsible` naming who answers for a visit's branch; actions already there
    /// keep every edit. Returns how many were added.
    pub fn init(&mut self, summary: &Summary, due: Date, responsible: &dyn Fn(&VisitInfo) -> String) -> usize {
        let mut known: HashSet<(String, String, String)> = self.actions.iter().map(Action::key).collect();
        let mut next = self.actions.iter().map(|a| a.id).max().unwrap_or(0) + 1;
        let before = self.actions.len();
        for finding in &summary.findings {
            for failing in &finding.branches {
                let visit = summary.visit_of(failing);
                let action = Action {
                    id: next,
                    item: finding.id.clone(),
                    finding: finding.branch_text(failing).to_string(),
                    branch: visit.branch.clone(),
                    committee: visit.committee.clone(),
                    responsible: responsible(visit),
                    due,
                    status: Status::NotFixed,
                    report_back: String::new(),
                    reported_on: None,
                    checked_by: String::new(),
                };
                // A branch visited twice fails an item once in the register.
                if known.insert(action.key()) {
                    self.actions.push(action);
                    next += 1;
                }
            }
        }
        self.actions.len() - before
    }

    pub fn get(&self, id: u32) -> Option<&Action> {
        self.actions.iter().find(|a| a.id == id)
    }

    /// Apply `edit` to action `id`; false when there is no such action.
    pub fn apply(&mut self, id: u32, edit: &Edit) -> bool {
        let Some(action) = self.actions.iter_mut().find(|a| a.id == id) else {
            return false;
        };
        if let Some(status) = edit.status {
            action.status = status;
        }
        if let Some(text) = &edit.report_back {
            action.report_back = text.trim().to_string();
        }
        if let Some(date) = edit.reported_on {
            action.reported_on = Some(date);
        }
        if let Some(date) = edit.due {
            action.due = date;
        }
        if let Some(name) = &edit.responsible {
            action.responsible = name.trim().to_string();
        }
        if let Some(name) = &edit.checked_by {
            action.checked_by = name.trim().to_string();
        }
        true
    }

    /// The actions `filter` keeps, by id.
    pub fn filtered(&self, filter: &Filter) -> Vec<&Action> {
        self.actions.iter().filter(|a| filter.keeps(a)).collect()
    }

    /// Actions grouped by branch (branches in name order, each branch's by id): the TUI's
    /// "by branch" view.
    pub fn by_branch(&self) -> Vec<(&str, &str, Vec<&Action>)> {
        let mut order: Vec<&Action> = self.actions.iter().collect();
        order.sort_by(|a, b| {
            compare_names(&a.branch, &b.branch)
                .then_with(|| compare_names(&a.committee, &b.committee))
                .then(a.id.cmp(&b.id))
        });
        let mut groups: Vec<(&str, &str, Vec<&Action>)> = Vec::new();
        for a in order {
            match groups.last_mut() {
                Some((b, c, list)) if name_key(b) == name_key(&a.branch) && name_key(c) == name_key(&a.committee) => {
                    list.push(a)
                }
                _ => groups.push((&a.branch, &a.committee, vec![a])),
            }
        }
        groups
    }

    /// Actions grouped by item (in the order items first appear, i.e. the report's), each by id:
    /// the TUI's "by finding" view.
    pub fn by_finding(&self) -> Vec<(&str, Vec<&Action>)> {
        let mut groups: Vec<(&str, Vec<&Action>)> = Vec::new();
        for a in &self.actions {
            match groups.iter_mut().find(|(item, _)| *item == a.item) {
                Some((_, list)) => list.push(a),
                None => groups.push((&a.item, vec![a])),
            }
        }
        groups
    }

    /// How many actions are at each status, in [`Status::ALL`] order.
    pub fn counts(&self) -> Vec<(Status, usize)> {
        Status::ALL.into_iter().map(|s| (s, self.actions.iter().filter(|a| a.status == s).count())).collect()
    }

    /// Sort by id (the file's order).
    pub fn normalize(&mut self) {
        self.actions.sort_by_key(|a| a.id);
    }

    /// What in the register the round contradicts, in the file's order.
    pub fn check(&self, round: &RoundFacts) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut seen = HashSet::new();
        for a in &self.actions {
            if !seen.insert(a.id) {
                problems.push(Problem::DuplicateId { action: a.id });
            }
            if !round.branches.contains(&(name_key(&a.branch), name_key(&a.committee))) {
                problems.push(Problem::UnknownBranch {
                    action: a.id,
                    branch: a.branch.clone(),
                    committee: a.committee.clone(),
                });
            }
            if !round.items.contains(&a.item) {
                problems.push(Problem::UnknownItem { action: a.id, item: a.item.clone() });
            }
            if let Some(from) = round.from
                && a.due < from
            {
                problems.push(Problem::DueBeforeRound { action: a.id, due: a.due, from });
            }
        }
        problems
    }
}

/// What the next round found of an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Marked done (reported or checked) but the finding fails again: flag it.
    ReportedButFailsAgain,
    /// Still open, and the finding now passes: offer "checked, passed".
    NowPasses,
}

impl Verdict {
    pub fn words(self, lang: Lang) -> &'static str {
        match self {
            Verdict::ReportedButFailsAgain => FollowupMsg::VerdictFailsAgain.get(lang),
            Verdict::NowPasses => FollowupMsg::VerdictNowPasses.get(lang),
        }
    }

    /// The status the verdict suggests.
    pub fn suggested(self) -> Status {
        match self {
            Verdict::ReportedButFailsAgain => Status::CheckedFailed,
            Verdict::NowPasses => Status::CheckedPassed,
        }
    }
}

/// One action the next round has something to say about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recheck {
    pub action: u32,
    pub verdict: Verdict,
}

/// Whether `b` (a branch as the comparison names it, NEW's name) is the action's branch, by its
/// name or the earlier name it was matched by.
fn same_branch(action: &Action, b: &BranchRef) -> bool {
    let is = |branch: &str, committee: &str| {
        name_key(branch) == name_key(&action.branch) && name_key(committee) == name_key(&action.committee)
    };
    is(&b.branch, &b.committee) || b.previously.as_ref().is_some_and(|p| is(&p.branch, &p.committee))
}

/// The register of OLD read against the comparison of OLD with NEW: the actions marked done whose
/// finding persists, and the open ones whose finding was fixed. By action id.
pub fn recheck(register: &Register, comparison: &Comparison) -> Vec<Recheck> {
    let mut out = Vec::new();
    for action in &register.actions {
        let Some(finding) = comparison.findings.iter().find(|f| f.id == action.item) else {
            continue;
        };
        let verdict = if action.status.is_marked_done() && finding.persisting.iter().any(|b| same_branch(action, b)) {
            Some(Verdict::ReportedButFailsAgain)
        } else if action.status.is_open() && finding.fixed.iter().any(|b| same_branch(action, b)) {
            Some(Verdict::NowPasses)
        } else {
            None
        };
        if let Some(verdict) = verdict {
            out.push(Recheck { action: action.id, verdict });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action(id: u32, branch: &str, status: Status, due: Date) -> Action {
        Action {
            id,
            item: "crit.speakers".into(),
            finding: "Ít đảng viên phát biểu".into(),
            branch: branch.into(),
            committee: "Đảng bộ phường".into(),
            responsible: String::new(),
            due,
            status,
            report_back: String::new(),
            reported_on: None,
            checked_by: String::new(),
        }
    }

    #[test]
    fn status_ids_round_trip_and_only_open_ones_are_overdue() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.id()), Some(s));
        }
        assert_eq!(Status::parse("done"), None);
        let due = Date::constant(2022, 5, 21);
        let today = Date::constant(2022, 6, 1);
        assert!(action(1, "Chi bộ 1", Status::InProgress, due).is_overdue(today));
        assert!(!action(1, "Chi bộ 1", Status::ReportedFixed, due).is_overdue(today));
        assert!(!action(1, "Chi bộ 1", Status::NotFixed, due).is_overdue(due));
    }

    #[test]
    fn filters_and_edits_work_on_one_action() {
        let due = Date::constant(2022, 5, 21);
        let mut register = Register::new("967-QĐ/QU");
        register.actions =
            vec![action(1, "Chi bộ số 11", Status::NotFixed, due), action(2, "Chi bộ số 2", Status::NotFixed, due)];
        let edit =
            Edit { status: Some(Status::ReportedFixed), report_back: Some(" Đã họp ".into()), ..Edit::default() };
        assert!(register.apply(2, &edit));
        assert!(!register.apply(9, &edit));
        assert_eq!(register.get(2).map(|a| a.report_back.as_str()), Some("Đã họp"));
        let by_status = Filter { status: Some(Status::ReportedFixed), ..Filter::default() };
        assert_eq!(register.filtered(&by_status).iter().map(|a| a.id).collect::<Vec<_>>(), vec![2]);
        let by_branch = Filter { branch: Some("chi bo so 1".into()), ..Filter::default() };
        assert_eq!(register.filtered(&by_branch).iter().map(|a| a.id).collect::<Vec<_>>(), vec![1]);
        let overdue = Filter { overdue_on: Some(Date::constant(2022, 6, 1)), ..Filter::default() };
        assert_eq!(register.filtered(&overdue).iter().map(|a| a.id).collect::<Vec<_>>(), vec![1]);
        assert_eq!(register.counts()[0], (Status::NotFixed, 1));
        assert_eq!(register.by_branch().len(), 2);
    }

    #[test]
    fn check_names_each_contradiction() {
        let mut register = Register::new("");
        register.actions = vec![action(1, "Chi bộ gone", Status::NotFixed, Date::constant(2022, 1, 1))];
        let round =
            RoundFacts { from: Some(Date::constant(2022, 4, 4)), branches: HashSet::new(), items: HashSet::new() };
        let problems = register.check(&round);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems.iter().all(|p| p.action() == 1));
    }
}
