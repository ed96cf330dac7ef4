use jiff::Timestamp;
use jiff::civil::date;

use super::*;
use crate::core::merge::{Pick, resolve_round};
use crate::core::visit::BranchType;

fn base() -> Round {
    let mut r = Round::new("967-QĐ/QU", date(2022, 3, 20), date(2022, 4, 1), date(2022, 4, 30));
    r.members.push(Member { name: "Lê Thị Tú".into(), role: "Tổ viên".into() });
    r.branches.push(planned("Chi bộ số 11", "Lê Thị Tú"));
    r
}

fn planned(branch: &str, inspector: &str) -> PlannedBranch {
    PlannedBranch {
        branch: branch.into(),
        committee: "Đảng bộ phường Mai Dịch".into(),
        branch_type: BranchType::KhuDanCu,
        date: None,
        inspector: inspector.into(),
        previously: None,
    }
}

fn sides() -> [ConflictSide; 2] {
    let side = |by: &str| ConflictSide { by: by.into(), at: Timestamp::UNIX_EPOCH, answer: None, value: String::new() };
    [side("1"), side("2")]
}

#[test]
fn changes_to_different_parts_merge() {
    let (mut ours, mut theirs) = (base(), base());
    ours.members.push(Member { name: "Trần Văn Bình".into(), role: String::new() });
    ours.title = "Kiểm tra sinh hoạt chi bộ".into();
    theirs.branches.push(planned("Chi bộ số 12", "Trần Văn Bình"));
    theirs.branches[0].date = Some(date(2022, 4, 5));
    theirs.documents.push(Choice { id: "nq21".into(), label: crate::testing::localized("Nghị quyết 21") });
    let merged = merge_rounds(Some(&base()), &ours, &theirs, sides());
    assert!(merged.added.is_empty(), "{:?}", merged.added);
    let r = &merged.round;
    let names: Vec<&str> = r.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Lê Thị Tú", "Trần Văn Bình"]);
    let branches: Vec<&str> = r.branches.iter().map(|b| b.branch.as_str()).collect();
    assert_eq!(branches, ["Chi bộ số 11", "Chi bộ số 12"]);
    assert_eq!((r.branches[0].date, r.title.as_str()), (Some(date(2022, 4, 5)), "Kiểm tra sinh hoạt chi bộ"));
    assert_eq!((r.documents.len(), r.schema), (1, 1));
}

#[test]
fn the_same_entry_changed_differently_is_a_conflict_resolved_by_a_pick() {
    let (mut ours, mut theirs) = (base(), base());
    ours.branches[0].date = Some(date(2022, 4, 5));
    theirs.branches[0].date = Some(date(2022, 4, 6));
    ours.to = date(2022, 5, 15);
    theirs.to = date(2022, 5, 31);
    theirs.members.clear();
    ours.members[0].role = "Tổ trưởng".into();
    let merged = merge_rounds(Some(&base()), &ours, &theirs, sides());
    let fields: Vec<&str> = merged.added.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["to", "members[Lê Thị Tú]", "branches[Chi bộ số 11 | Đảng bộ phường Mai Dịch]"]);
    let r = merged.round;
    assert_eq!((r.to, r.branches[0].date, r.members[0].role.as_str()), (date(2022, 4, 30), None, "Tổ viên"));
    assert_eq!(r.schema, 3, "conflicts need format 3");
    assert_eq!(merged.added[1].two.value, "None", "removed on that side");
    let mut picked = r.clone();
    resolve_round(&mut picked, 2, Pick::Two).expect("resolves");
    assert_eq!(picked.branches[0].date, Some(date(2022, 4, 6)));
    resolve_round(&mut picked, 1, Pick::Two).expect("resolves");
    assert!(picked.members.is_empty());
    resolve_round(&mut picked, 0, Pick::One).expect("resolves");
    assert_eq!((picked.to, picked.conflicts.len(), picked.schema), (date(2022, 5, 15), 0, 1));
}

#[test]
fn round_conflicts_are_carried_and_added_rounds_merge_two_way() {
    let (mut ours, mut theirs) = (base(), base());
    ours.title = "Một".into();
    theirs.title = "Hai".into();
    let first = merge_rounds(Some(&base()), &ours, &theirs, sides()).round;
    let again = merge_rounds(Some(&base()), &first, &first, sides());
    assert_eq!((again.carried, again.added.len(), again.round.conflicts.len()), (1, 0, 1));
    // Both clones created round.ron: one-sided entries are kept, different values conflict.
    let mut other = base();
    other.members.push(Member { name: "Trần Văn Bình".into(), role: String::new() });
    other.decision = "968-QĐ/QU".into();
    let merged = merge_rounds(None, &base(), &other, sides());
    assert_eq!(merged.round.members.len(), 2);
    let fields: Vec<&str> = merged.added.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["decision"]);
    assert_eq!(merged.round.decision, "967-QĐ/QU", "ours meanwhile");
}
