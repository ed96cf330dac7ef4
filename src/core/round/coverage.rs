//! How far rounds have got: planned, visited and final branches per round and per inspector, and
//! the rounds of a summary over many folders (copies of one round's file merged, their
//! disagreements named, each round's coverage over its own visits).

use std::collections::HashMap;
use std::path::PathBuf;

use jiff::civil::Date;

use crate::core::round::{PlannedBranch, Round};
use crate::core::text::{compare_names, name_key};
use crate::core::visit::{Visit, VisitStatus};

/// What coverage needs of a visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitBrief {
    pub branch: String,
    pub committee: String,
    pub date: Date,
    pub status: VisitStatus,
    pub inspectors: Vec<String>,
    /// The round the visit names, if any.
    pub round: Option<String>,
}

impl VisitBrief {
    pub fn of(visit: &Visit) -> VisitBrief {
        let m = &visit.meeting;
        VisitBrief {
            branch: m.branch.clone(),
            committee: m.committee.clone(),
            date: m.date,
            status: visit.status,
            inspectors: visit.inspectors.clone(),
            round: visit.round.clone(),
        }
    }
}

/// Where a planned branch stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanState {
    /// No visit yet.
    Missing,
    /// Visited; no visit of it is final yet.
    Draft,
    /// At least one of its visits is final.
    Final,
}

/// One planned branch and its visits.
#[derive(Debug, Clone, PartialEq)]
pub struct BranchCoverage {
    pub planned: PlannedBranch,
    /// Indexes into the visits given to [`coverage`].
    pub visits: Vec<usize>,
    pub state: PlanState,
}

/// The branches assigned to one team member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InspectorCoverage {
    pub inspector: String,
    pub planned: usize,
    pub visited: usize,
    pub finalised: usize,
}

/// How far a round has got.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    pub decision: String,
    /// Every planned branch, in plan order.
    pub branches: Vec<BranchCoverage>,
    /// Visits (indexes) of branches the round did not plan, in the order given.
    pub unplanned: Vec<usize>,
    /// Per assigned inspector, in name order (branches nobody is assigned to are not listed).
    pub inspectors: Vec<InspectorCoverage>,
}

impl Coverage {
    pub fn planned(&self) -> usize {
        self.branches.len()
    }

    /// Planned branches with at least one visit.
    pub fn visited(&self) -> usize {
        self.branches.iter().filter(|b| b.state != PlanState::Missing).count()
    }

    /// Planned branches with a final visit.
    pub fn finalised(&self) -> usize {
        self.branches.iter().filter(|b| b.state == PlanState::Final).count()
    }

    /// Planned branches not visited yet, in plan order.
    pub fn missing(&self) -> impl Iterator<Item = &PlannedBranch> {
        self.branches.iter().filter(|b| b.state == PlanState::Missing).map(|b| &b.planned)
    }

    /// Every planned branch has been visited.
    pub fn is_complete(&self) -> bool {
        self.visited() == self.planned()
    }

    /// The state of the planned branch a visit of `branch` under `committee` would be.
    pub fn state_of(&self, branch: &str, committee: &str) -> Option<PlanState> {
        self.branches.iter().find(|b| b.planned.matches(branch, committee)).map(|b| b.state)
    }
}

/// Planned / visited / final branches of `round` given its `visits`. A visit counts for the first
/// planned branch it matches; visits matching none are `unplanned`. Visits naming another round
/// (another decision number) are not this round's and count nowhere.
pub fn coverage(round: &Round, visits: &[VisitBrief]) -> Coverage {
    let decision = name_key(&round.decision);
    let of_this_round = visits
        .iter()
        .enumerate()
        .filter(|(_, brief)| brief.round.as_deref().is_none_or(|r| r.trim().is_empty() || name_key(r) == decision))
        .map(|(v, _)| v);
    coverage_of(round, visits, of_this_round)
}

/// [`coverage`] over the visits (indexes into `visits`) already known to be the round's.
fn coverage_of(round: &Round, visits: &[VisitBrief], of_this_round: impl Iterator<Item = usize>) -> Coverage {
    let mut branches: Vec<BranchCoverage> = round
        .branches
        .iter()
        .map(|p| BranchCoverage { planned: p.clone(), visits: Vec::new(), state: PlanState::Missing })
        .collect();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for (i, p) in round.branches.iter().enumerate() {
        if p.committee.trim().is_empty() {
            by_name.entry(name_key(&p.branch)).or_insert(i);
        } else {
            index.entry((name_key(&p.branch), name_key(&p.committee))).or_insert(i);
        }
    }
    let mut unplanned = Vec::new();
    for v in of_this_round {
        let Some(brief) = visits.get(v) else { continue };
        let branch = name_key(&brief.branch);
        let exact = index.get(&(branch.clone(), name_key(&brief.committee)));
        match exact.or_else(|| by_name.get(&branch)).copied() {
            Some(i) => {
                let b = &mut branches[i];
                b.visits.push(v);
                b.state = match (b.state, brief.status) {
                    (_, VisitStatus::Final) | (PlanState::Final, _) => PlanState::Final,
                    _ => PlanState::Draft,
                };
            }
            None => unplanned.push(v),
        }
    }
    let mut inspectors: Vec<InspectorCoverage> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for b in &branches {
        let name = b.planned.inspector.trim();
        if name.is_empty() {
            continue;
        }
        let i = *seen.entry(name_key(name)).or_insert_with(|| {
            inspectors.push(InspectorCoverage { inspector: name.to_string(), planned: 0, visited: 0, finalised: 0 });
            inspectors.len() - 1
        });
        let c = &mut inspectors[i];
        c.planned += 1;
        c.visited += usize::from(b.state != PlanState::Missing);
        c.finalised += usize::from(b.state == PlanState::Final);
    }
    inspectors.sort_by(|a, b| compare_names(&a.inspector, &b.inspector));
    Coverage { decision: round.decision.clone(), branches, unplanned, inspectors }
}

/// A part of a round file on which two files of one round can disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RoundPart {
    DecisionDate,
    IssuedBy,
    Title,
    Period,
    Members,
    Documents,
    Plan,
}

impl RoundPart {
    pub const ALL: [RoundPart; 7] = [
        RoundPart::DecisionDate,
        RoundPart::IssuedBy,
        RoundPart::Title,
        RoundPart::Period,
        RoundPart::Members,
        RoundPart::Documents,
        RoundPart::Plan,
    ];

    /// The fixed id of the part, in JSON.
    pub fn id(self) -> &'static str {
        match self {
            RoundPart::DecisionDate => "decision_date",
            RoundPart::IssuedBy => "issued_by",
            RoundPart::Title => "title",
            RoundPart::Period => "period",
            RoundPart::Members => "members",
            RoundPart::Documents => "documents",
            RoundPart::Plan => "plan",
        }
    }

    /// Whether `a` and `b` say the same in this part. Texts are compared through [`name_key`]
    /// (case, spacing, Unicode form), lists whatever their order.
    fn agrees(self, a: &Round, b: &Round) -> bool {
        fn sorted<T: Ord>(mut list: Vec<T>) -> Vec<T> {
            list.sort();
            list
        }
        let members = |r: &Round| sorted(r.members.iter().map(|m| (name_key(&m.name), name_key(&m.role))).collect());
        let documents = |r: &Round| {
            sorted(r.documents.iter().map(|d| (d.id.clone(), name_key(&d.label.vi), name_key(&d.label.en))).collect())
        };
        let plan = |r: &Round| {
            sorted(
                r.branches
                    .iter()
                    .map(|p| {
                        (name_key(&p.branch), name_key(&p.committee), p.branch_type, p.date, name_key(&p.inspector))
                    })
                    .collect(),
            )
        };
        match self {
            RoundPart::DecisionDate => a.decision_date == b.decision_date,
            RoundPart::IssuedBy => name_key(&a.issued_by) == name_key(&b.issued_by),
            RoundPart::Title => name_key(&a.title) == name_key(&b.title),
            RoundPart::Period => (a.from, a.to) == (b.from, b.to),
            RoundPart::Members => members(a) == members(b),
            RoundPart::Documents => documents(a) == documents(b),
            RoundPart::Plan => plan(a) == plan(b),
        }
    }
}

/// A round as a summary reports it: described by one or more `round.ron` files (copies of one
/// round's file, e.g. one per inspector, share its decision number), the visits that are its,
/// and how far its plan has got over them.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryRound {
    /// The round as its first file (in path order) describes it, planning every branch that any
    /// of its files plans.
    pub round: Round,
    /// Its round files, in path order.
    pub files: Vec<PathBuf>,
    /// The parts its files disagree on: empty when they agree (or there is one file).
    pub disagreements: Vec<RoundPart>,
    /// The visits (indexes into the summary's visits) that are this round's.
    pub visits: Vec<usize>,
    /// How far the plan has got over those visits; None when the round plans no branch (a "0/0"
    /// would say nothing, and every visit would be "outside the plan").
    pub coverage: Option<Coverage>,
}

/// The rounds of a summary, from the round files of the folders summarised.
///
/// `files` are the round files read, each with its round; `governing[v]` is the index in `files`
/// of the round file governing the folder of visit `v` (None when none does). Files with the same
/// decision number (through [`name_key`]) describe one round. A visit is the round's it names,
/// or, naming none, the round's governing its folder; a visit naming a round no file describes is
/// no round's. So each folder's plan counts its own visits, and the result depends neither on the
/// order of the folders nor on which file was read first: rounds are in decision order, files in
/// path order.
pub fn summary_rounds(
    files: &[(PathBuf, Round)],
    governing: &[Option<usize>],
    visits: &[VisitBrief],
) -> Vec<SummaryRound> {
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by(|&a, &b| files[a].0.cmp(&files[b].0));
    order.dedup_by(|a, b| files[*a].0 == files[*b].0);
    // Decision key → the files describing it, in path order.
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for i in order {
        let key = name_key(&files[i].1.decision);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(i),
            None => groups.push((key, vec![i])),
        }
    }
    groups.sort_by(|a, b| {
        compare_names(&files[a.1[0]].1.decision, &files[b.1[0]].1.decision).then_with(|| a.0.cmp(&b.0))
    });

    let visit_round: Vec<Option<String>> = visits
        .iter()
        .zip(governing.iter().chain(std::iter::repeat(&None)))
        .map(|(brief, governed)| match brief.round.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
            Some(named) => Some(name_key(named)),
            None => governed.and_then(|i| files.get(i)).map(|(_, r)| name_key(&r.decision)),
        })
        .collect();

    groups
        .into_iter()
        .map(|(key, members)| {
            let mut round = files[members[0]].1.clone();
            let mut disagreements = Vec::new();
            for &other in &members[1..] {
                let other = &files[other].1;
                for part in RoundPart::ALL {
                    if !part.agrees(&round, other) && !disagreements.contains(&part) {
                        disagreements.push(part);
                    }
                }
                for planned in &other.branches {
                    if !round.branches.iter().any(|p| p.matches(&planned.branch, &planned.committee)) {
                        round.branches.push(planned.clone());
                    }
                }
            }
            disagreements.sort();
            let mine: Vec<usize> =
                (0..visits.len()).filter(|&v| visit_round[v].as_deref() == Some(key.as_str())).collect();
            let coverage = (!round.branches.is_empty()).then(|| coverage_of(&round, visits, mine.iter().copied()));
            SummaryRound {
                round,
                files: members.iter().map(|&i| files[i].0.clone()).collect(),
                disagreements,
                visits: mine,
                coverage,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::round::tests::{round, visit};
    use crate::core::template::{Choice, Localized};
    use crate::core::visit::BranchType;
    use jiff::civil::date;

    #[test]
    fn coverage_counts_planned_visited_final() {
        let r = round();
        let mut a = VisitBrief::of(&visit("Chi bộ số 11", "Đảng bộ phường Mai Dịch", 6));
        a.status = VisitStatus::Final;
        let b = VisitBrief::of(&visit("CHI BỘ ĐỘI TỔNG HỢP", "Đảng bộ Công an quận", 12));
        let c = VisitBrief::of(&visit("Chi bộ khác", "Đảng bộ phường Mai Dịch", 13));
        let mut d = VisitBrief::of(&visit("Chi bộ Công an phường", "Đảng bộ phường Mai Dịch", 8));
        d.round = Some("1000-QĐ/QU".into());
        let cov = coverage(&r, &[a, b, c, d]);
        assert_eq!((cov.planned(), cov.visited(), cov.finalised()), (3, 2, 1));
        let missing: Vec<&str> = cov.missing().map(|p| p.branch.as_str()).collect();
        assert_eq!(missing, vec!["Chi bộ Công an phường"]);
        assert_eq!(cov.unplanned, vec![2]);
        assert!(!cov.is_complete());
        assert_eq!(
            cov.inspectors,
            vec![
                InspectorCoverage { inspector: "Lê Thị Tú".into(), planned: 2, visited: 1, finalised: 1 },
                InspectorCoverage { inspector: "Nguyễn Văn Chiến".into(), planned: 1, visited: 1, finalised: 0 },
            ]
        );
        assert_eq!(cov.state_of("chi bộ số 11", "Đảng bộ phường Mai Dịch"), Some(PlanState::Final));
        assert_eq!(cov.state_of("Chi bộ khác", "x"), None);
    }

    #[test]
    fn summary_rounds_give_each_round_its_own_visits_in_any_order() {
        let demo = round();
        let mut copy = round();
        copy.documents.push(Choice { id: "x".into(), label: Localized { vi: "X".into(), en: "X".into() } });
        copy.branches.truncate(1);
        copy.plan(PlannedBranch {
            branch: "Chi bộ số 12".into(),
            committee: "Đảng bộ phường Mai Dịch".into(),
            branch_type: BranchType::KhuDanCu,
            date: None,
            inspector: String::new(),
            previously: None,
        });
        let unplanned = Round::new("1024-QĐ/QU", date(2023, 3, 1), date(2023, 3, 6), date(2023, 3, 31));
        let files = vec![
            (PathBuf::from("z/round.ron"), copy),
            (PathBuf::from("b/round.ron"), unplanned),
            (PathBuf::from("a/round.ron"), demo),
        ];
        let brief = |branch: &str, named: Option<&str>| {
            let mut b = VisitBrief::of(&visit(branch, "Đảng bộ phường Mai Dịch", 6));
            b.round = named.map(String::from);
            b
        };
        let visits = [
            brief("Chi bộ số 11", None),                        // in a: the demo round's
            brief("Chi bộ số 12", None),                        // in z: the same round, planned by z only
            brief("Chi bộ Công an phường", Some("1024-QĐ/QU")), // in a, but names round 1024
            brief("Chi bộ khác", None),                         // in b: round 1024, which plans nothing
            brief("Chi bộ lạ", Some("5-QĐ/QU")),                // names a round no file describes
            brief("Chi bộ ngoài", None),                        // in no round's folder
        ];
        let governing = [Some(2), Some(0), Some(2), Some(1), Some(2), None];
        let rounds = summary_rounds(&files, &governing, &visits);
        let decisions: Vec<&str> = rounds.iter().map(|r| r.round.decision.as_str()).collect();
        assert_eq!(decisions, vec!["967-QĐ/QU", "1024-QĐ/QU"], "decision order, numbers as numbers");
        let (demo, other) = (&rounds[0], &rounds[1]);
        assert_eq!(demo.files, vec![PathBuf::from("a/round.ron"), PathBuf::from("z/round.ron")]);
        assert_eq!(demo.disagreements, vec![RoundPart::Documents, RoundPart::Plan]);
        assert_eq!(demo.round.documents, vec![], "details from the first file by path");
        assert_eq!(demo.round.branches.len(), 4, "every branch either file plans");
        assert_eq!(demo.visits, vec![0, 1]);
        let cov = demo.coverage.as_ref().unwrap_or_else(|| panic!("a plan"));
        assert_eq!((cov.planned(), cov.visited()), (4, 2));
        assert!(cov.unplanned.is_empty());
        assert_eq!(other.visits, vec![2, 3]);
        assert_eq!(other.coverage, None, "no plan: no coverage, nobody unplanned");

        // The same rounds whatever order the files come in.
        let mut reversed = files.clone();
        reversed.reverse();
        let governing_reversed = governing.map(|g| g.map(|i| files.len() - 1 - i));
        assert_eq!(summary_rounds(&reversed, &governing_reversed, &visits), rounds);
    }
}
