//! An inspection round (*đợt kiểm tra*, R13): the decision that sets it up, its period and team,
//! the documents whose implementation every meeting should assess, and the branches it plans to
//! visit. Stored as `round.ron` in the round's folder (see `store::round`); everything here is pure.
//!
//! - [`template_for_round`]: the round's documents become the options of
//!   [`ROUND_DOCUMENTS_ITEM`], so visits of the round answer with the round's ids.
//! - [`planned_for`], [`apply_round`], [`apply_plan`]: a new visit carries the round and, when its
//!   branch is planned, the planned facts.
//! - [`coverage`] (in `round/coverage.rs`): planned, visited and final branches, per inspector;
//!   planned branches not yet visited; visits of branches the round did not plan.
//! - [`summary_rounds`] (there too): the rounds of a summary over many folders: copies of one
//!   round's file merged (and their disagreements named), each round's coverage over its own visits.
//! - [`previous_visit`]: the last visit of a branch before a date, to show its answers beside a
//!   new visit's items.
//!
//! Branches are matched by name and parent committee through [`name_key`] (case, spacing and
//! Unicode form ignored).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::core::template::{Choice, Kind, Localized, Template};
use crate::core::text::{clean, name_key, slug};
use crate::core::visit::{BranchType, Conflict, Visit};

mod coverage;
pub use coverage::{
    BranchCoverage, Coverage, InspectorCoverage, PlanState, RoundPart, SummaryRound, VisitBrief, coverage,
    summary_rounds,
};

/// The newest round file format this build reads and writes. A round file is written with the
/// oldest format that holds what it records ([`Round::schema_needed`]), as visit files are, so
/// rounds that do not use what a format added stay readable by older builds.
///
/// 1: the first format. 2: `rules` (the template the round's visits follow) and a planned
/// branch's `previously` (its name in an earlier round). 3: `conflicts` (two copies merged by git).
pub const ROUND_SCHEMA_VERSION: u32 = 3;

/// The checklist item whose options are the round's documents.
pub const ROUND_DOCUMENTS_ITEM: &str = "conduct.round_documents";

fn schema_default() -> u32 {
    ROUND_SCHEMA_VERSION
}

/// One inspection round, as written in `round.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    #[serde(default = "schema_default")]
    pub schema: u32,
    /// The decision number, e.g. "967-QĐ/QU". Visits of the round carry it as `round`.
    pub decision: String,
    /// The date of the decision.
    pub decision_date: Date,
    /// Who issued the decision, e.g. "Ban Thường vụ Quận ủy Cầu Giấy".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub issued_by: String,
    /// What the round is about.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// First and last day of the round.
    pub from: Date,
    pub to: Date,
    /// The team.
    #[serde(default)]
    pub members: Vec<Member>,
    /// The documents whose implementation meetings should assess. Empty: the template's own list.
    #[serde(default)]
    pub documents: Vec<Choice>,
    /// The branches to visit.
    #[serde(default)]
    pub branches: Vec<PlannedBranch>,
    /// The id of the template (rule set) the round's visits follow, e.g. "hd42-2025". None: the
    /// template in force on each meeting's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<String>,
    /// What two copies of this file changed differently, found when git merged them; each waits
    /// here, both sides kept as RON text, until a person keeps one ([`crate::core::merge::resolve_round`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
}

/// A member of the team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub name: String,
    /// Position and role in the team, e.g. "Phó Bí thư Thường trực Quận ủy, Trưởng đoàn".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
}

/// A branch the round plans to visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlannedBranch {
    pub branch: String,
    pub committee: String,
    pub branch_type: BranchType,
    /// The planned meeting date, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The team member assigned to attend.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub inspector: String,
    /// The branch as an earlier round named it, when it was renamed since (e.g. its parent
    /// committee after the 2025 reorganisation): `compare` matches it with that name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previously: Option<PreviousName>,
}

/// A planned branch's name in an earlier round. A part left empty is the same as now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreviousName {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub branch: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub committee: String,
}

impl PreviousName {
    /// The whole earlier name of a branch now named `branch` under `committee`: the parts left
    /// empty filled from the current name.
    pub fn resolved(&self, branch: &str, committee: &str) -> PreviousName {
        let or = |earlier: &str, now: &str| if earlier.trim().is_empty() { now } else { earlier }.to_string();
        PreviousName { branch: or(&self.branch, branch), committee: or(&self.committee, committee) }
    }

    /// What differs from the current name `branch` under `committee`, as a reader is told it: the
    /// earlier committee, the earlier branch name, or both ("Chi bộ số 7, Đảng bộ phường Mai
    /// Dịch"). None when the earlier name is the current one (case, spacing and form ignored).
    pub fn differs_from(&self, branch: &str, committee: &str) -> Option<String> {
        let whole = self.resolved(branch, committee);
        let branch_differs = name_key(&whole.branch) != name_key(branch);
        let committee_differs = name_key(&whole.committee) != name_key(committee);
        match (branch_differs, committee_differs) {
            (false, false) => None,
            (false, true) => Some(whole.committee),
            (true, false) => Some(whole.branch),
            (true, true) => Some(format!("{}, {}", whole.branch, whole.committee)),
        }
    }
}

impl PlannedBranch {
    /// Whether a visit of `branch` under `committee` is this planned branch. A plan without a
    /// committee matches the branch name under any committee.
    pub fn matches(&self, branch: &str, committee: &str) -> bool {
        name_key(&self.branch) == name_key(branch)
            && (self.committee.trim().is_empty() || name_key(&self.committee) == name_key(committee))
    }
}

impl Round {
    /// The whole earlier name the round gives the branch `branch` under `committee`, when it plans
    /// that branch with one ([`PreviousName::resolved`]).
    pub fn earlier_name(&self, branch: &str, committee: &str) -> Option<PreviousName> {
        let (branch_key, committee_key) = (name_key(branch), name_key(committee));
        self.branches
            .iter()
            .find(|p| name_key(&p.branch) == branch_key && name_key(&p.committee) == committee_key)
            .and_then(|p| p.previously.as_ref())
            .map(|earlier| earlier.resolved(branch, committee))
    }

    /// An empty round: no team, documents or branches yet.
    pub fn new(decision: &str, decision_date: Date, from: Date, to: Date) -> Round {
        let mut round = Round {
            schema: ROUND_SCHEMA_VERSION,
            decision: decision.to_string(),
            decision_date,
            issued_by: String::new(),
            title: String::new(),
            from,
            to,
            members: Vec::new(),
            documents: Vec::new(),
            branches: Vec::new(),
            rules: None,
            conflicts: Vec::new(),
        };
        round.normalize();
        round
    }

    /// The oldest file format that holds everything this round records: 3 when it holds merge
    /// conflicts; 2 when it names its rules or a planned branch's earlier name (format 1 readers
    /// refuse those fields as unknown); else 1.
    pub fn schema_needed(&self) -> u32 {
        if !self.conflicts.is_empty() {
            3
        } else if self.rules.is_some() || self.branches.iter().any(|p| p.previously.is_some()) {
            2
        } else {
            1
        }
    }

    /// NFC-normalise every text and drop control characters, as for visits; and mark the round
    /// with the file format it needs. An earlier name with both parts empty is dropped (it says
    /// nothing); an empty `rules` is kept, for [`check_round`] to report.
    pub fn normalize(&mut self) {
        for field in [&mut self.decision, &mut self.issued_by, &mut self.title] {
            *field = clean(field, false).trim().to_string();
        }
        for m in &mut self.members {
            m.name = clean(&m.name, false).trim().to_string();
            m.role = clean(&m.role, false).trim().to_string();
        }
        for d in &mut self.documents {
            d.id = clean(&d.id, false).trim().to_string();
            d.label.vi = clean(&d.label.vi, false).trim().to_string();
            d.label.en = clean(&d.label.en, false).trim().to_string();
        }
        for p in &mut self.branches {
            p.branch = clean(&p.branch, false).trim().to_string();
            p.committee = clean(&p.committee, false).trim().to_string();
            p.inspector = clean(&p.inspector, false).trim().to_string();
            if let Some(previous) = &mut p.previously {
                previous.branch = clean(&previous.branch, false).trim().to_string();
                previous.committee = clean(&previous.committee, false).trim().to_string();
                if previous.branch.is_empty() && previous.committee.is_empty() {
                    p.previously = None;
                }
            }
        }
        if let Some(rules) = &mut self.rules {
            *rules = clean(rules, false).trim().to_string();
        }
        self.schema = self.schema_needed();
    }

    /// Add a planned branch, or update the one with the same branch and committee: its type, and
    /// its date and inspector when given.
    pub fn plan(&mut self, planned: PlannedBranch) -> PlanChange {
        let position = self.branches.iter().position(|p| {
            name_key(&p.branch) == name_key(&planned.branch) && name_key(&p.committee) == name_key(&planned.committee)
        });
        match position {
            Some(i) => {
                let existing = &mut self.branches[i];
                existing.branch_type = planned.branch_type;
                if planned.date.is_some() {
                    existing.date = planned.date;
                }
                if !planned.inspector.trim().is_empty() {
                    existing.inspector = planned.inspector;
                }
                if planned.previously.is_some() {
                    existing.previously = planned.previously;
                }
                self.normalize();
                PlanChange::Updated(i)
            }
            None => {
                self.branches.push(planned);
                self.normalize();
                PlanChange::Added(self.branches.len() - 1)
            }
        }
    }
}

/// What [`Round::plan`] did, with the index of the planned branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanChange {
    Added(usize),
    Updated(usize),
}

/// `"id=label"` as typed on the command line. Without `=`, the id is made from the label
/// ("Kết luận số 21-KL/TW" → `ket_luan_so_21_kl_tw`). The label is Vietnamese; the English one
/// falls back to it until written in `round.ron`. None when the label is empty.
pub fn parse_document(arg: &str) -> Option<Choice> {
    let (id, label) = match arg.split_once('=') {
        Some((id, label)) => (id.trim().to_string(), label.trim()),
        None => (slug(arg).replace('-', "_"), arg.trim()),
    };
    let label = clean(label, false).trim().to_string();
    (!label.is_empty()).then(|| Choice { id, label: Localized { vi: label, en: String::new() } })
}

/// `"name=role"` (or just a name) as typed on the command line.
pub fn parse_member(arg: &str) -> Member {
    let (name, role) = arg.split_once('=').unwrap_or((arg, ""));
    Member { name: clean(name, false).trim().to_string(), role: clean(role, false).trim().to_string() }
}

/// Whether a document id is usable in files and on the command line: ASCII letters, digits, `_`,
/// `-` and `.`.
pub fn valid_document_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// Whether a template id is usable as a round's `rules`: ASCII letters, digits, `_`, `-` and `.`,
/// as the embedded templates' ids are ("hd12-2018", "hd42-2025").
pub fn valid_rules_id(id: &str) -> bool {
    valid_document_id(id)
}

/// Something wrong in a round file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoundIssue {
    EmptyDecision,
    /// `rules: Some("")`: name a template, or leave the field out.
    EmptyRules,
    /// `rules` is not made of the characters of a template id.
    BadRules {
        id: String,
    },
    /// The period ends before it starts.
    PeriodReversed,
    EmptyMemberName,
    BadDocumentId {
        id: String,
    },
    DuplicateDocument {
        id: String,
    },
    EmptyDocumentLabel {
        id: String,
    },
    EmptyPlannedBranch,
    EmptyPlannedCommittee {
        branch: String,
    },
    DuplicatePlanned {
        branch: String,
        committee: String,
    },
    PlannedOutsidePeriod {
        branch: String,
        date: Date,
    },
}

/// Everything wrong in a round, in file order.
pub fn check_round(round: &Round) -> Vec<RoundIssue> {
    let mut issues = Vec::new();
    if round.decision.trim().is_empty() {
        issues.push(RoundIssue::EmptyDecision);
    }
    match round.rules.as_deref().map(str::trim) {
        Some("") => issues.push(RoundIssue::EmptyRules),
        Some(id) if !valid_rules_id(id) => issues.push(RoundIssue::BadRules { id: id.to_string() }),
        _ => {}
    }
    if round.to < round.from {
        issues.push(RoundIssue::PeriodReversed);
    }
    if round.members.iter().any(|m| m.name.trim().is_empty()) {
        issues.push(RoundIssue::EmptyMemberName);
    }
    let mut seen_ids = Vec::new();
    for d in &round.documents {
        if !valid_document_id(&d.id) {
            issues.push(RoundIssue::BadDocumentId { id: d.id.clone() });
        } else if seen_ids.contains(&&d.id) {
            issues.push(RoundIssue::DuplicateDocument { id: d.id.clone() });
        }
        seen_ids.push(&d.id);
        if d.label.vi.trim().is_empty() {
            issues.push(RoundIssue::EmptyDocumentLabel { id: d.id.clone() });
        }
    }
    let mut seen = Vec::new();
    for p in &round.branches {
        if p.branch.trim().is_empty() {
            issues.push(RoundIssue::EmptyPlannedBranch);
            continue;
        }
        if p.committee.trim().is_empty() {
            issues.push(RoundIssue::EmptyPlannedCommittee { branch: p.branch.clone() });
        }
        let key = (name_key(&p.branch), name_key(&p.committee));
        if seen.contains(&key) {
            issues.push(RoundIssue::DuplicatePlanned { branch: p.branch.clone(), committee: p.committee.clone() });
        }
        seen.push(key);
        if let Some(date) = p.date
            && (date < round.from || date > round.to)
            && round.from <= round.to
        {
            issues.push(RoundIssue::PlannedOutsidePeriod { branch: p.branch.clone(), date });
        }
    }
    issues
}

/// The template as the round uses it: the options of [`ROUND_DOCUMENTS_ITEM`] are the round's
/// documents (ids and vi/en labels). A round without documents, or a template without that item,
/// leaves the template as it is. Id, version and everything else are unchanged.
pub fn template_for_round(template: &Template, round: &Round) -> Template {
    let mut t = template.clone();
    if round.documents.is_empty() {
        return t;
    }
    for item in t.sections.iter_mut().flat_map(|s| s.items.iter_mut()) {
        if item.id == ROUND_DOCUMENTS_ITEM
            && let Kind::MultiChoice { options } = &mut item.kind
        {
            options.clone_from(&round.documents);
        }
    }
    t
}

/// The planned branch a visit of `branch` (under `committee`) is. Without a committee (None or
/// blank), the branch name alone decides, when exactly one planned branch has it.
pub fn planned_for<'a>(round: &'a Round, branch: &str, committee: Option<&str>) -> Option<&'a PlannedBranch> {
    match committee.filter(|c| !c.trim().is_empty()) {
        Some(committee) => round.branches.iter().find(|p| p.matches(branch, committee)),
        None => {
            let key = name_key(branch);
            let mut same = round.branches.iter().filter(|p| name_key(&p.branch) == key);
            let first = same.next()?;
            same.next().is_none().then_some(first)
        }
    }
}

/// Make `visit` a visit of `round`: it carries the decision number (unless it already names a
/// round), and when its branch is planned, the committee and the assigned inspector fill what the
/// visit leaves empty. The branch type and date of a [`Visit`] are always set, so they are left to
/// [`apply_plan`], which a form calls when the branch is typed.
pub fn apply_round(visit: &mut Visit, round: &Round) {
    if visit.round.as_deref().is_none_or(|r| r.trim().is_empty()) {
        visit.round = Some(round.decision.clone());
    }
    let committee = Some(visit.meeting.committee.as_str());
    let Some(planned) = planned_for(round, &visit.meeting.branch, committee) else {
        return;
    };
    if visit.meeting.committee.trim().is_empty() {
        visit.meeting.committee = planned.committee.clone();
    }
    if visit.inspectors.iter().all(|n| n.trim().is_empty()) && !planned.inspector.trim().is_empty() {
        visit.inspectors = vec![planned.inspector.clone()];
    }
}

/// Fill a (new) visit's facts from its planned branch: committee, branch type, the planned date
/// when there is one, and the assigned inspector when the visit names none.
pub fn apply_plan(visit: &mut Visit, planned: &PlannedBranch) {
    visit.meeting.committee = planned.committee.clone();
    visit.meeting.branch_type = planned.branch_type;
    if let Some(date) = planned.date {
        visit.meeting.date = date;
    }
    if visit.inspectors.iter().all(|n| n.trim().is_empty()) && !planned.inspector.trim().is_empty() {
        visit.inspectors = vec![planned.inspector.clone()];
    }
}

/// The latest visit of the same branch (name and committee, through [`name_key`]) held before
/// `before`: last round's visit, whose answers a new visit shows beside its items. Ties on the
/// date go to the visit updated last.
pub fn previous_visit<'a>(
    visits: impl IntoIterator<Item = &'a Visit>,
    branch: &str,
    committee: &str,
    before: Date,
) -> Option<&'a Visit> {
    let (branch, committee) = (name_key(branch), name_key(committee));
    visits
        .into_iter()
        .filter(|v| {
            v.meeting.date < before
                && name_key(&v.meeting.branch) == branch
                && name_key(&v.meeting.committee) == committee
        })
        .max_by_key(|v| (v.meeting.date, v.updated))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::core::visit::NewVisit;
    use jiff::civil::date;

    pub(crate) fn round() -> Round {
        let mut r = Round::new("967-QĐ/QU", date(2022, 3, 23), date(2022, 4, 4), date(2022, 4, 21));
        for (branch, committee, t, day, who) in [
            ("Chi bộ số 11", "Đảng bộ phường Mai Dịch", BranchType::KhuDanCu, 6, "Lê Thị Tú"),
            ("Chi bộ Công an phường", "Đảng bộ phường Mai Dịch", BranchType::CongAn, 8, "Lê Thị Tú"),
            ("Chi bộ Đội Tổng hợp", "Đảng bộ Công an quận", BranchType::CongAn, 12, "Nguyễn Văn Chiến"),
        ] {
            r.plan(PlannedBranch {
                branch: branch.into(),
                committee: committee.into(),
                branch_type: t,
                date: Some(date(2022, 4, day)),
                inspector: who.into(),
                previously: None,
            });
        }
        r
    }

    pub(crate) fn visit(branch: &str, committee: &str, day: i8) -> Visit {
        let facts = NewVisit {
            branch: branch.into(),
            committee: committee.into(),
            branch_type: BranchType::Khac,
            date: date(2022, 4, day),
            inspectors: vec![],
            round: None,
            ..crate::testing::sample_facts()
        };
        Visit::new(&Template::embedded(), facts, jiff::Timestamp::UNIX_EPOCH)
    }

    #[test]
    fn documents_replace_the_round_item_options() {
        let t = Template::embedded();
        let mut r = round();
        assert_eq!(template_for_round(&t, &r), t, "no documents: the template's own list");
        r.documents = vec![Choice {
            id: "ct_05".into(),
            label: Localized { vi: "Chỉ thị 05".into(), en: "Directive 05".into() },
        }];
        let rt = template_for_round(&t, &r);
        let item = rt.item(ROUND_DOCUMENTS_ITEM).map(|i| i.item.kind.options().to_vec());
        assert_eq!(item, Some(r.documents.clone()));
        assert_eq!((rt.id.as_str(), rt.version), (t.id.as_str(), t.version));
        assert_eq!(rt.item_count(), t.item_count());
    }

    #[test]
    fn planned_branches_match_by_name_key() {
        let r = round();
        let p = planned_for(&r, "  chi bộ SỐ 11 ", Some("đảng bộ phường mai dịch"));
        assert_eq!(p.map(|p| p.inspector.as_str()), Some("Lê Thị Tú"));
        assert!(planned_for(&r, "Chi bộ số 11", Some("Đảng bộ khác")).is_none());
        assert!(planned_for(&r, "Chi bộ số 11", None).is_some(), "unique name: the committee may be left out");
        assert!(planned_for(&r, "Chi bộ số 12", None).is_none());
    }

    #[test]
    fn plan_adds_then_updates() {
        let mut r = round();
        let change = r.plan(PlannedBranch {
            branch: "chi bộ số 11".into(),
            committee: "Đảng bộ phường Mai Dịch".into(),
            branch_type: BranchType::KhuDanCu,
            date: Some(date(2022, 4, 7)),
            inspector: String::new(),
            previously: None,
        });
        assert_eq!(change, PlanChange::Updated(0));
        assert_eq!(r.branches[0].date, Some(date(2022, 4, 7)));
        assert_eq!(r.branches[0].inspector, "Lê Thị Tú", "kept when not given");
        assert_eq!(r.branches[0].branch, "Chi bộ số 11", "the first spelling is kept");
        assert_eq!(r.branches.len(), 3);
    }

    #[test]
    fn an_earlier_name_is_cleaned_filled_from_the_current_one_and_kept_by_plan() {
        let mut r = round();
        assert_eq!(r.schema, 1);
        r.branches[0].previously = Some(PreviousName { branch: " ".into(), committee: "\u{7}".into() });
        r.normalize();
        assert_eq!(r.branches[0].previously, None, "an empty earlier name says nothing");
        assert_eq!(r.schema, 1);
        let earlier = PreviousName { branch: String::new(), committee: "Đảng bộ phường Mai Dịch".into() };
        let change = r.plan(PlannedBranch {
            branch: "Chi bộ số 11".into(),
            committee: "Đảng bộ phường Mai Dịch".into(),
            branch_type: BranchType::KhuDanCu,
            date: None,
            inspector: String::new(),
            previously: Some(earlier.clone()),
        });
        assert_eq!(change, PlanChange::Updated(0));
        assert_eq!(r.branches[0].previously.as_ref(), Some(&earlier));
        assert_eq!(r.schema, 2, "an earlier name needs format 2");
        assert_eq!(
            earlier.resolved("Chi bộ số 11", "Đảng ủy phường Nghĩa Đô"),
            PreviousName { branch: "Chi bộ số 11".into(), committee: "Đảng bộ phường Mai Dịch".into() }
        );
        let differs = |p: &PreviousName| p.differs_from("Chi bộ số 11", "Đảng ủy phường Nghĩa Đô");
        assert_eq!(differs(&earlier).as_deref(), Some("Đảng bộ phường Mai Dịch"));
        let both =
            PreviousName { branch: "Chi bộ số 7".into(), committee: "Đảng bộ phường Mai Dịch".into() };
        assert_eq!(differs(&both).as_deref(), Some("Chi bộ số 7, Đảng bộ phường Mai Dịch"));
        let same = PreviousName { branch: "chi bộ  SỐ 11".into(), committee: String::new() };
        assert_eq!(differs(&same), None);
    }

    #[test]
    fn apply_round_stamps_and_fills() {
        let r = round();
        let mut v = visit("Chi bộ Đội Tổng hợp", "", 12);
        apply_round(&mut v, &r);
        assert_eq!(v.round.as_deref(), Some("967-QĐ/QU"));
        assert_eq!(v.meeting.committee, "Đảng bộ Công an quận");
        assert_eq!(v.inspectors, vec!["Nguyễn Văn Chiến".to_string()]);
        let mut other = visit("Chi bộ ngoài kế hoạch", "Đảng bộ X", 12);
        other.round = Some("1000-QĐ/QU".into());
        apply_round(&mut other, &r);
        assert_eq!(other.round.as_deref(), Some("1000-QĐ/QU"), "an explicit round is kept");
        assert!(other.inspectors.is_empty());
        let mut typed = visit("Chi bộ số 11", "", 1);
        if let Some(p) = planned_for(&r, "Chi bộ số 11", None) {
            apply_plan(&mut typed, p);
        }
        assert_eq!(typed.meeting.branch_type, BranchType::KhuDanCu);
        assert_eq!(typed.meeting.date, date(2022, 4, 6));
    }

    #[test]
    fn round_issues() {
        let mut r = round();
        assert_eq!(check_round(&r), vec![]);
        r.documents = vec![
            parse_document("kl_21=Kết luận số 21-KL/TW").unwrap_or_else(|| panic!("doc")),
            parse_document("Kết luận số 21-KL/TW").unwrap_or_else(|| panic!("doc")),
            parse_document("bad id=Quy định").unwrap_or_else(|| panic!("doc")),
            parse_document("kl_21=Trùng").unwrap_or_else(|| panic!("doc")),
        ];
        assert_eq!(r.documents[1].id, "ket_luan_so_21_kl_tw");
        assert!(parse_document("x=  ").is_none());
        r.branches[1].date = Some(date(2022, 5, 1));
        r.branches.push(r.branches[0].clone());
        r.to = date(2022, 4, 1);
        assert_eq!(
            check_round(&r),
            vec![
                RoundIssue::PeriodReversed,
                RoundIssue::BadDocumentId { id: "bad id".into() },
                RoundIssue::DuplicateDocument { id: "kl_21".into() },
                RoundIssue::DuplicatePlanned {
                    branch: "Chi bộ số 11".into(),
                    committee: "Đảng bộ phường Mai Dịch".into()
                },
            ]
        );
        r.to = date(2022, 4, 21);
        assert!(check_round(&r).contains(&RoundIssue::PlannedOutsidePeriod {
            branch: "Chi bộ Công an phường".into(),
            date: date(2022, 5, 1)
        }));
        r.rules = Some("   ".into());
        r.normalize();
        assert_eq!(r.rules.as_deref(), Some(""), "kept, to be reported");
        assert!(check_round(&r).contains(&RoundIssue::EmptyRules));
        r.rules = Some("hd42 2025".into());
        assert!(check_round(&r).contains(&RoundIssue::BadRules { id: "hd42 2025".into() }));
        r.rules = Some(" hd42-2025\u{7} ".into());
        r.normalize();
        assert_eq!(r.rules.as_deref(), Some("hd42-2025"), "cleaned and trimmed");
        assert!(!check_round(&r).iter().any(|i| matches!(i, RoundIssue::EmptyRules | RoundIssue::BadRules { .. })));
        assert_eq!(
            parse_member("Lê Thị Tú = UVTV, Chủ nhiệm UBKT"),
            Member { name: "Lê Thị Tú".into(), role: "UVTV, Chủ nhiệm UBKT".into() }
        );
    }

    #[test]
    fn previous_visit_is_the_latest_before() {
        let visits = [
            visit("Chi bộ số 11", "Đảng bộ phường Mai Dịch", 1),
            visit("chi bộ số 11", "đảng bộ phường mai dịch", 3),
            visit("Chi bộ số 11", "Đảng bộ phường Mai Dịch", 20),
            visit("Chi bộ số 11", "Đảng bộ khác", 4),
        ];
        let found = previous_visit(&visits, "Chi bộ số 11", "Đảng bộ phường Mai Dịch", date(2022, 4, 10));
        assert_eq!(found.map(|v| v.meeting.date), Some(date(2022, 4, 3)));
        assert!(previous_visit(visits.iter(), "Chi bộ số 11", "Đảng bộ phường Mai Dịch", date(2022, 4, 1)).is_none());
    }
}
