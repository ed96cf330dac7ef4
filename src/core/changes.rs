//! What changed between two versions of a visit, in words: the commit message of a sync says,
//! per visit, "Chi bộ số 11: 5 câu trả lời, ghi chú" — what a teammate reading the history
//! wants to know, not which lines moved. Always in Vietnamese, the team's language.

use crate::core::visit::{Visit, VisitStatus};
use crate::strings::{Lang, SyncMsg};

/// The difference between an earlier version of a visit (none: a new visit) and the current one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VisitChange {
    pub new_visit: bool,
    /// Items whose answer value was given or changed.
    pub answers: usize,
    /// Items whose answer value was taken away.
    pub answers_removed: usize,
    /// A note changed: the general notes or one on an item.
    pub notes: bool,
    /// The meeting facts, the round or the inspectors changed.
    pub facts: bool,
    pub finalised: bool,
    pub reopened: bool,
    /// Merge conflicts that were resolved (fewer than before) or that arrived (more).
    pub conflicts_resolved: usize,
    pub conflicts_added: usize,
    /// It became the result of reconciling two records, or was reconciled into another.
    pub reconciled: bool,
}

/// What changed from `old` to `new`.
pub fn describe(old: Option<&Visit>, new: &Visit) -> VisitChange {
    let Some(old) = old else {
        return VisitChange { new_visit: true, finalised: new.status == VisitStatus::Final, ..VisitChange::default() };
    };
    let mut change = VisitChange::default();
    let ids = old.answers.keys().chain(new.answers.keys());
    let mut seen = std::collections::BTreeSet::new();
    for id in ids {
        if !seen.insert(id) {
            continue;
        }
        let (before, after) = (old.answers.get(id), new.answers.get(id));
        let (value_before, value_after) = (before.and_then(|a| a.value.as_ref()), after.and_then(|a| a.value.as_ref()));
        if value_before != value_after {
            if value_after.is_some() {
                change.answers += 1;
            } else {
                change.answers_removed += 1;
            }
        }
        let (note_before, note_after) = (before.map_or("", |a| &a.note), after.map_or("", |a| &a.note));
        change.notes |= note_before != note_after;
    }
    change.notes |= old.notes != new.notes;
    change.facts = old.meeting != new.meeting || old.round != new.round || old.inspectors != new.inspectors;
    change.finalised = old.status != VisitStatus::Final && new.status == VisitStatus::Final;
    change.reopened = new.reopened.len() > old.reopened.len();
    change.conflicts_resolved = old.conflicts.len().saturating_sub(new.conflicts.len());
    change.conflicts_added = new.conflicts.len().saturating_sub(old.conflicts.len());
    change.reconciled = old.reconciled_from != new.reconciled_from || old.reconciled_into != new.reconciled_into;
    change
}

/// The change in words, e.g. "5 câu trả lời, ghi chú, hoàn tất"; "lưu lại" when only the
/// bookkeeping moved (the time of the last save, the item last answered).
pub fn change_words(change: &VisitChange, lang: Lang) -> String {
    let mut words: Vec<String> = Vec::new();
    if change.new_visit {
        words.push(SyncMsg::ChangeNewVisit.get(lang).to_string());
    }
    if change.answers > 0 {
        words.push(SyncMsg::ChangeAnswers.fill(lang, &[&change.answers]));
    }
    if change.answers_removed > 0 {
        words.push(SyncMsg::ChangeAnswersRemoved.fill(lang, &[&change.answers_removed]));
    }
    if change.notes {
        words.push(SyncMsg::ChangeNotes.get(lang).to_string());
    }
    if change.facts {
        words.push(SyncMsg::ChangeFacts.get(lang).to_string());
    }
    if change.conflicts_resolved > 0 {
        words.push(SyncMsg::ChangeConflictsResolved.fill(lang, &[&change.conflicts_resolved]));
    }
    if change.conflicts_added > 0 {
        words.push(SyncMsg::ChangeConflictsAdded.fill(lang, &[&change.conflicts_added]));
    }
    if change.reconciled {
        words.push(SyncMsg::ChangeReconciled.get(lang).to_string());
    }
    if change.reopened {
        words.push(SyncMsg::ChangeReopened.get(lang).to_string());
    }
    if change.finalised {
        words.push(SyncMsg::ChangeFinalised.get(lang).to_string());
    }
    if words.is_empty() {
        words.push(SyncMsg::ChangeSavedAgain.get(lang).to_string());
    }
    words.join(", ")
}

/// How a visit is named in a message: its branch, and the meeting date when another changed
/// visit has the same branch name.
pub fn visit_labels(visits: &[&Visit]) -> Vec<String> {
    visits
        .iter()
        .map(|v| {
            let twins = visits.iter().filter(|o| o.meeting.branch == v.meeting.branch).count();
            if twins > 1 {
                let d = v.meeting.date;
                format!("{} ({:02}/{:02}/{})", v.meeting.branch, d.day(), d.month(), d.year())
            } else {
                v.meeting.branch.clone()
            }
        })
        .collect()
}

/// Most visits named on the first line of a commit message; the others are counted there and
/// listed in the body.
const SUBJECT_ITEMS: usize = 3;

/// The commit message for `(label, words)` per changed file: "Chi bộ số 11: 5 câu trả lời, ghi
/// chú; Chi bộ Công an phường: phiếu mới". With more than three files, the first line names three
/// and counts the rest, and every file has a line of its own below.
pub fn commit_message(changes: &[(String, String)]) -> String {
    let lang = Lang::Vi;
    let line = |(label, words): &(String, String)| format!("{label}: {words}");
    if changes.is_empty() {
        return SyncMsg::CommitNothing.get(lang).to_string();
    }
    if changes.len() <= SUBJECT_ITEMS {
        return changes.iter().map(line).collect::<Vec<_>>().join("; ");
    }
    let named: Vec<String> = changes[..SUBJECT_ITEMS].iter().map(line).collect();
    let subject =
        SyncMsg::CommitSubjectMore.fill(lang, &[&changes.len(), &named.join("; "), &(changes.len() - SUBJECT_ITEMS)]);
    let body: Vec<String> = changes.iter().map(|c| format!("- {}", line(c))).collect();
    format!("{subject}\n\n{}", body.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::template::Template;
    use crate::core::visit::{Answer, Conflict, ConflictSide, Value, finalise};
    use crate::testing::{fixed_now, sample_visit};

    fn answer(v: &mut Visit, id: &str, value: Value, note: &str) {
        v.answers.insert(id.into(), Answer { value: Some(value), note: note.into() });
    }

    #[test]
    fn answers_notes_and_facts_are_counted_apart() {
        let old = sample_visit(&Template::embedded());
        let mut new = old.clone();
        answer(&mut new, "prep.notice", Value::Yes, "");
        answer(&mut new, "prep.committee_met", Value::No, "họp muộn");
        new.updated = fixed_now();
        new.last_item = Some("prep.committee_met".into());
        let change = describe(Some(&old), &new);
        assert_eq!((change.answers, change.notes, change.facts, change.new_visit), (2, true, false, false));
        assert_eq!(change_words(&change, Lang::Vi), "2 câu trả lời, ghi chú");

        let mut later = new.clone();
        later.answers.remove("prep.notice");
        later.meeting.chair = "Bí thư".into();
        let change = describe(Some(&new), &later);
        assert_eq!(change_words(&change, Lang::Vi), "bỏ 1 câu trả lời, thông tin buổi họp");
        assert_eq!(change_words(&change, Lang::En), "answers removed: 1, meeting facts");
    }

    #[test]
    fn a_note_alone_is_a_note_and_bookkeeping_is_a_save() {
        let mut old = sample_visit(&Template::embedded());
        answer(&mut old, "prep.notice", Value::Yes, "");
        let mut new = old.clone();
        answer(&mut new, "prep.notice", Value::Yes, "đúng hạn");
        assert_eq!(change_words(&describe(Some(&old), &new), Lang::Vi), "ghi chú");
        let mut touched = old.clone();
        touched.updated = fixed_now();
        assert_eq!(change_words(&describe(Some(&old), &touched), Lang::Vi), "lưu lại");
    }

    #[test]
    fn new_final_and_conflicts() {
        let old = sample_visit(&Template::embedded());
        assert_eq!(change_words(&describe(None, &old), Lang::Vi), "phiếu mới");
        let mut conflicted = old.clone();
        let side = |v: Value| ConflictSide {
            by: "A".into(),
            at: fixed_now(),
            answer: Some(Answer { value: Some(v), note: String::new() }),
            value: String::new(),
        };
        conflicted.conflicts.push(Conflict {
            field: "answers.prep.notice".into(),
            one: side(Value::Yes),
            two: side(Value::No),
        });
        assert_eq!(change_words(&describe(Some(&old), &conflicted), Lang::Vi), "1 xung đột mới");
        let mut resolved = old.clone();
        answer(&mut resolved, "prep.notice", Value::Yes, "");
        finalise(&mut resolved, "Tú", fixed_now());
        assert_eq!(
            change_words(&describe(Some(&conflicted), &resolved), Lang::Vi),
            "1 câu trả lời, chọn 1 xung đột, hoàn tất"
        );
    }

    #[test]
    fn labels_add_the_date_only_for_twins() {
        let a = sample_visit(&Template::embedded());
        let mut b = a.clone();
        b.meeting.date = jiff::civil::date(2022, 4, 19);
        let mut c = a.clone();
        c.meeting.branch = "Chi bộ Công an phường".into();
        assert_eq!(
            visit_labels(&[&a, &b, &c]),
            ["Chi bộ số 11 (05/04/2022)", "Chi bộ số 11 (19/04/2022)", "Chi bộ Công an phường"]
        );
    }

    #[test]
    fn the_message_names_three_and_lists_all() {
        let change = |label: &str, words: &str| (label.to_string(), words.to_string());
        assert_eq!(
            commit_message(&[
                change("Chi bộ số 11", "5 câu trả lời, ghi chú"),
                change("Chi bộ Công an phường", "phiếu mới")
            ]),
            "Chi bộ số 11: 5 câu trả lời, ghi chú; Chi bộ Công an phường: phiếu mới"
        );
        let many: Vec<_> = (1..=5).map(|n| change(&format!("Chi bộ {n}"), "1 câu trả lời")).collect();
        let message = commit_message(&many);
        let mut lines = message.lines();
        assert_eq!(
            lines.next(),
            Some("5 phiếu: Chi bộ 1: 1 câu trả lời; Chi bộ 2: 1 câu trả lời; Chi bộ 3: 1 câu trả lời; và 2 phiếu khác")
        );
        assert_eq!(lines.next(), Some(""));
        assert_eq!(lines.count(), 5);
    }
}
