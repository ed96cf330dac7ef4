//! The summary's builder: visits folded in one at a time (`add`), runs of visits folded on other
//! threads and appended in order (`fork`, `append`), then the report made (`finish`).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::core::reconcile::counted_once;
use crate::core::rules::{ItemStatus, attendance, computed_value, finding_sentence, item_status};
use crate::core::score::visit_score;
use crate::core::summary::scores::ScoreAccs;
use crate::core::summary::{
    AnswerCell, BranchValue, Figures, FindingBranch, OTHER_LIMITATIONS, OTHER_STRENGTHS, SPEAKERS, SameMeeting,
    Skipped, TextLine, VisitInfo, VisitScoreBrief, WITHOUT_NOTEBOOK,
};
use crate::core::template::{Computed, FailsWhen, Item, Kind, Template};
use crate::core::text::{Interner, fold};
use crate::core::visit::{BranchType, Value, Visit, VisitStatus, content_hash, edited_after_final};
use crate::strings::{Lang, Msg};

/// Which visits go into the summary. Empty filters accept everything.
///
/// Text filters (committee, inspector) match when the typed text occurs in the name, ignoring
/// case, spacing and Vietnamese marks: `--committee "mai dich"` matches "Đảng bộ phường Mai Dịch".
/// Dates are inclusive.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub committee: Option<String>,
    pub branch_type: Option<BranchType>,
    pub inspector: Option<String>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// Leave drafts out.
    pub final_only: bool,
}

impl Filters {
    pub fn accepts(&self, visit: &Visit) -> bool {
        let m = &visit.meeting;
        if let Some(wanted) = &self.committee
            && !folded_contains(&m.committee, wanted)
        {
            return false;
        }
        if self.branch_type.is_some_and(|t| t != m.branch_type) {
            return false;
        }
        if let Some(wanted) = &self.inspector
            && !visit.inspectors.iter().any(|name| folded_contains(name, wanted))
        {
            return false;
        }
        if self.from.is_some_and(|from| m.date < from) || self.to.is_some_and(|to| m.date > to) {
            return false;
        }
        !(self.final_only && visit.status != VisitStatus::Final)
    }
}

fn folded_contains(haystack: &str, needle: &str) -> bool {
    fold(haystack).contains(&fold(needle))
}

/// Running counts for one item id.
#[derive(Debug, Default)]
pub(super) struct ItemAcc {
    pub(super) passing: usize,
    pub(super) failing: Vec<FindingBranch>,
    pub(super) answered: usize,
    pub(super) not_applicable: usize,
    pub(super) unanswered: usize,
    /// Visits whose template has the item.
    pub(super) seen: usize,
    /// For strengths: passed (a strength-only yes/no item counts "yes" as passed) and assessed.
    pub(super) strength_passing: usize,
    pub(super) strength_assessed: usize,
    /// Options named by "{list}" in some failing visit.
    pub(super) concerned: BTreeSet<String>,
}

/// Folds visits one at a time into a [`Summary`](crate::core::summary::Summary).
///
/// What it keeps per visit is small: a [`VisitInfo`], and for each failing item a
/// [`FindingBranch`] whose note and sentence are [`Shared`](crate::core::text::Shared) texts (the
/// same few recur across thousands of visits). Duplicates are found in `finish`, from the visits.
#[derive(Debug)]
pub struct SummaryBuilder {
    pub(super) lang: Lang,
    pub(super) filters: Filters,
    pub(super) keep_answers: bool,
    pub(super) keep_hashes: bool,
    /// Distinct (id, version) templates seen, with their visit counts, in first-seen order.
    pub(super) templates: Vec<(Template, usize)>,
    pub(super) visits: Vec<VisitInfo>,
    pub(super) skipped: Vec<Skipped>,
    pub(super) filtered_out: usize,
    pub(super) items: HashMap<String, ItemAcc>,
    pub(super) other_limitations: Vec<TextLine>,
    pub(super) other_strengths: Vec<TextLine>,
    pub(super) figures: Figures,
    /// Grades and summed points per template version with a points frame.
    pub(super) scores: ScoreAccs,
    /// Notes, sentences, lines and the names on lines, each held once.
    pub(super) texts: Interner,
}

impl SummaryBuilder {
    pub fn new(lang: Lang, filters: Filters) -> SummaryBuilder {
        SummaryBuilder {
            lang,
            filters,
            keep_answers: false,
            keep_hashes: false,
            templates: Vec::new(),
            visits: Vec::new(),
            skipped: Vec::new(),
            filtered_out: 0,
            items: HashMap::new(),
            other_limitations: Vec::new(),
            other_strengths: Vec::new(),
            figures: Figures::default(),
            scores: ScoreAccs::default(),
            texts: Interner::default(),
        }
    }

    /// Keep every visit's answers as text (for a visits × items table). Off by default: it is the
    /// one part of the summary whose size grows with visits × items.
    pub fn keep_answers(mut self, keep: bool) -> SummaryBuilder {
        self.keep_answers = keep;
        self
    }

    /// Hash every visit's content ([`VisitInfo::content_hash`]), for a summary JSON that may be
    /// rolled up. Off by default: hashing costs more than the rest of folding a visit.
    pub fn keep_hashes(mut self, keep: bool) -> SummaryBuilder {
        self.keep_hashes = keep;
        self
    }

    /// An empty builder with the same language, filters and options: fill it with part of the
    /// visits (on another thread) and [`append`](Self::append) it back, in order.
    pub fn fork(&self) -> SummaryBuilder {
        SummaryBuilder::new(self.lang, self.filters.clone())
            .keep_answers(self.keep_answers)
            .keep_hashes(self.keep_hashes)
    }

    /// Take in everything `later` gathered, as if its visits had been added to this builder after
    /// the ones it has: appending the builders of consecutive runs of visits, in order, gives the
    /// same summary as adding the visits one by one.
    pub fn append(&mut self, later: SummaryBuilder) {
        let offset = self.visits.len();
        let shift = |i: usize| i + offset;
        for (template, n) in &later.templates {
            self.count_template(template, *n);
        }
        self.visits.extend(later.visits);
        self.skipped.extend(later.skipped);
        self.filtered_out += later.filtered_out;
        // Texts `later` shared are taken as this builder holds them, so each is held once.
        let texts = &mut self.texts;
        for (id, theirs) in later.items {
            let mine = self.items.entry(id).or_default();
            mine.passing += theirs.passing;
            mine.answered += theirs.answered;
            mine.not_applicable += theirs.not_applicable;
            mine.unanswered += theirs.unanswered;
            mine.seen += theirs.seen;
            mine.strength_passing += theirs.strength_passing;
            mine.strength_assessed += theirs.strength_assessed;
            mine.concerned.extend(theirs.concerned);
            mine.failing.extend(theirs.failing.into_iter().map(|b| FindingBranch {
                visit: shift(b.visit),
                note: texts.adopt(b.note),
                own_text: b.own_text.map(|t| texts.adopt(t)),
            }));
        }
        for (mine, theirs) in
            [(&mut self.other_limitations, later.other_limitations), (&mut self.other_strengths, later.other_strengths)]
        {
            mine.extend(theirs.into_iter().map(|l| TextLine {
                visit: shift(l.visit),
                text: texts.adopt(l.text),
                branch: texts.adopt(l.branch),
                committee: texts.adopt(l.committee),
            }));
        }
        // Whole numbers (millionths of a point): the sums do not depend on where runs were cut.
        self.scores.merge(later.scores);
        let (mine, theirs) = (&mut self.figures, later.figures);
        mine.attendance.present += theirs.attendance.present;
        mine.attendance.expected += theirs.attendance.expected;
        for (mine, theirs) in [
            (&mut mine.attendance.rates, theirs.attendance.rates),
            (&mut mine.without_notebook, theirs.without_notebook),
            (&mut mine.speakers, theirs.speakers),
            (&mut mine.duration, theirs.duration),
        ] {
            // `total` is summed again in `finish`, in visit order, so that the float sum does
            // not depend on where the runs were cut.
            let shifted = |b: BranchValue| BranchValue { visit: shift(b.visit), ..b };
            mine.branches.extend(theirs.branches.into_iter().map(shifted));
            mine.outside.extend(theirs.outside.into_iter().map(shifted));
        }
    }

    /// Visits added so far (after filtering).
    pub fn visit_count(&self) -> usize {
        self.visits.len()
    }

    /// Record a file that could not be loaded.
    pub fn skip(&mut self, path: &Path, position: Option<(usize, usize)>, reason: String) {
        self.skipped.push(Skipped { path: path.to_path_buf(), position, reason });
    }

    /// Fold one visit, filled against `template`, read from `path`. Returns false when the filters
    /// leave it out.
    pub fn add(&mut self, visit: &Visit, template: &Template, path: &Path) -> bool {
        if !self.filters.accepts(visit) {
            self.filtered_out += 1;
            return false;
        }
        let index = self.visits.len();
        self.count_template(template, 1);
        let mut answers = self.keep_answers.then(BTreeMap::new);
        let mut findings = 0;
        for r in template.items() {
            let item = r.item;
            let status = item_status(item, visit);
            findings += usize::from(status == ItemStatus::Fail);
            self.figure_for(item, &status, visit, index);
            // An item that does not apply reads "not applicable", whether so answered or because
            // its condition does not hold (an answer kept there is ignored, as everywhere else).
            if let Some(answers) = &mut answers {
                let cell = match status {
                    ItemStatus::NotApplicable => Some(AnswerCell::Text(Msg::NotApplicable.get(self.lang).to_string())),
                    _ => AnswerCell::of(item, visit, self.lang),
                };
                if let Some(cell) = cell {
                    answers.insert(item.id.clone(), cell);
                }
            }
            self.count_item(item, &status, visit, index);
        }
        // The same counts as the rate of each branch: none from counts that cannot all be true.
        if let Some((present, expected)) = attendance(&visit.meeting.members)
            && expected > 0
        {
            self.figures.attendance.present += u64::from(present);
            self.figures.attendance.expected += u64::from(expected);
        }
        self.keep_lines(visit, template, index);
        let score = visit_score(template, visit).map(|score| {
            self.scores.add(template, &score);
            Box::new(VisitScoreBrief::of(&score))
        });
        // Hashed once when kept: for the roll-up's identity, and to tell a final visit edited since.
        let hash = if self.keep_hashes { content_hash(visit) } else { String::new() };
        let edited = match &visit.finalised {
            Some(f) if self.keep_hashes => visit.status == VisitStatus::Final && f.hash != hash,
            _ => edited_after_final(visit),
        };
        self.visits.push(VisitInfo {
            file: path.to_path_buf(),
            branch: visit.meeting.branch.clone(),
            committee: visit.meeting.committee.clone(),
            branch_type: visit.meeting.branch_type,
            kind: visit.meeting.kind,
            date: visit.meeting.date,
            status: visit.status,
            inspectors: visit.inspectors.clone(),
            round: visit.round.clone().filter(|r| !r.trim().is_empty()),
            template_id: template.id.clone(),
            template_version: template.version,
            content_hash: hash,
            findings,
            duplicate: false,
            same_meeting: None,
            name_rank: 0,
            answers,
            edited_after_final: edited,
            score,
        });
        true
    }

    /// Fold several records of one meeting (each with its file; filled against `template`, the
    /// template of the record whose answers count) as one visit, by the rule of
    /// [`counted_once`]. Returns false when the filters leave it out.
    pub fn add_meeting(&mut self, records: &[(&Path, &Visit)], template: &Template) -> bool {
        let visits: Vec<&Visit> = records.iter().map(|(_, v)| *v).collect();
        let Some(counted) = counted_once(&visits, template) else {
            return false;
        };
        let base_path = records[counted.base].0;
        if !self.add(&counted.visit, template, base_path) {
            return false;
        }
        let mut files = vec![base_path.to_path_buf()];
        files.extend(records.iter().map(|(p, _)| p.to_path_buf()).filter(|p| p != base_path));
        if let Some(info) = self.visits.last_mut() {
            // The counted visit mixes records: whether any was edited after being final is theirs.
            info.edited_after_final = visits.iter().any(|v| edited_after_final(v));
            info.same_meeting = Some(Box::new(SameMeeting { files, differing: counted.differing }));
        }
        true
    }

    /// The files of the visits added so far that record the same meeting (same branch and
    /// committee through [`name_key`](crate::core::text::name_key), same date), each group in file
    /// order, the groups in the order of their first file: what a summary has to count once.
    pub fn same_meeting_files(&self) -> Vec<Vec<PathBuf>> {
        let mut groups: Vec<Vec<PathBuf>> = super::same_day::same_day_groups(&self.visits)
            .into_iter()
            .filter(|g| g.len() > 1)
            .map(|g| {
                let mut files: Vec<PathBuf> =
                    g.iter().filter_map(|&i| self.visits.get(i)).map(|v| v.file.clone()).collect();
                files.sort();
                files
            })
            .collect();
        groups.sort();
        groups
    }

    /// `item`'s status in visit `index` into the item's running counts: a failure with its note
    /// and, for "{list}" items, its own sentence.
    fn count_item(&mut self, item: &Item, status: &ItemStatus, visit: &Visit, index: usize) {
        let (lang, texts) = (self.lang, &mut self.texts);
        let acc = match self.items.get_mut(&item.id) {
            Some(acc) => acc,
            None => self.items.entry(item.id.clone()).or_default(),
        };
        acc.seen += 1;
        match status {
            ItemStatus::NotApplicable => acc.not_applicable += 1,
            ItemStatus::Unanswered => acc.unanswered += 1,
            ItemStatus::Pass => acc.passing += 1,
            ItemStatus::Answered => acc.answered += 1,
            ItemStatus::Fail => {
                acc.concerned.extend(concerned_options(item, visit));
                let own_text = item
                    .finding
                    .as_ref()
                    .filter(|rule| rule.text.get(lang).contains("{list}"))
                    .and_then(|_| finding_sentence(item, visit, lang));
                let note = visit.answer(&item.id).map_or("", |a| a.note.as_str());
                acc.failing.push(FindingBranch {
                    visit: index,
                    note: texts.shared(note),
                    own_text: own_text.map(|t| texts.shared(&t)),
                });
            }
        }
        if item.strength.is_some() {
            match (status, visit.value(&item.id)) {
                (ItemStatus::Pass, _) | (ItemStatus::Answered, Some(Value::Yes)) => {
                    acc.strength_passing += 1;
                    acc.strength_assessed += 1;
                }
                (ItemStatus::Fail, _) | (ItemStatus::Answered, Some(Value::No)) => acc.strength_assessed += 1,
                _ => {}
            }
        }
    }

    /// The lines of the free-text overall items (other limitations, other strengths), as written.
    fn keep_lines(&mut self, visit: &Visit, template: &Template, index: usize) {
        let m = &visit.meeting;
        let texts = &mut self.texts;
        for (id, lines) in
            [(OTHER_LIMITATIONS, &mut self.other_limitations), (OTHER_STRENGTHS, &mut self.other_strengths)]
        {
            if template.item(id).is_none() {
                continue;
            }
            if let Some(Value::Text(text)) = visit.value(id) {
                lines.extend(text.lines().map(str::trim).filter(|l| !l.is_empty()).map(|line| TextLine {
                    visit: index,
                    text: texts.shared(line),
                    branch: texts.shared(&m.branch),
                    committee: texts.shared(&m.committee),
                }));
            }
        }
    }

    /// `visits` more visits filled against `template`.
    fn count_template(&mut self, template: &Template, visits: usize) {
        match self.templates.iter_mut().find(|(t, _)| t.id == template.id && t.version == template.version) {
            Some((_, n)) => *n += visits,
            None => self.templates.push((template.clone(), visits)),
        }
    }

    /// The figures an item feeds: attendance rate and duration (computed), notebooks and speakers.
    fn figure_for(&mut self, item: &Item, status: &ItemStatus, visit: &Visit, index: usize) {
        let outside = *status == ItemStatus::Fail;
        let (figure, value) = match &item.kind {
            Kind::Computed(c @ Computed::AttendanceRate) => {
                (&mut self.figures.attendance.rates, computed_value(*c, &visit.meeting))
            }
            Kind::Computed(c @ Computed::DurationMinutes) => {
                (&mut self.figures.duration, computed_value(*c, &visit.meeting))
            }
            _ if item.id == WITHOUT_NOTEBOOK || item.id == SPEAKERS => {
                let value = match (status, visit.value(&item.id)) {
                    (ItemStatus::Pass | ItemStatus::Fail, Some(Value::Number(n))) => Some(f64::from(*n)),
                    _ => None,
                };
                let figure =
                    if item.id == SPEAKERS { &mut self.figures.speakers } else { &mut self.figures.without_notebook };
                (figure, value)
            }
            _ => return,
        };
        if let Some(value) = value {
            figure.push(index, value, outside);
        }
    }
}

/// The options a failing "{list}" item names in this visit: ticked ones for `AnyChosen`,
/// unticked ones for `AnyNotChosen` (the same reading as [`finding_sentence`]).
fn concerned_options(item: &Item, visit: &Visit) -> Vec<String> {
    let Some(rule) = &item.finding else {
        return Vec::new();
    };
    let wanted_chosen = match rule.fails_when {
        FailsWhen::AnyChosen => true,
        FailsWhen::AnyNotChosen => false,
        _ => return Vec::new(),
    };
    let chosen: &[String] = match visit.value(&item.id) {
        Some(Value::Choices(c)) => c,
        _ => &[],
    };
    item.kind.options().iter().filter(|o| chosen.contains(&o.id) == wanted_chosen).map(|o| o.id.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::visit::{Answer, NewVisit};
    use std::path::PathBuf;

    fn visit(branch: &str, day: i8) -> Visit {
        let facts =
            NewVisit { branch: branch.into(), date: jiff::civil::date(2022, 4, day), ..crate::testing::sample_facts() };
        Visit::new(&Template::embedded(), facts, jiff::Timestamp::UNIX_EPOCH)
    }

    fn answer(v: &mut Visit, id: &str, value: Value) {
        v.answers.insert(id.into(), Answer { value: Some(value), note: String::new() });
    }

    #[test]
    fn filters_match_folded_text_and_dates() {
        let v = visit("Chi bộ số 11", 5);
        let f = Filters { committee: Some("mai dich".into()), ..Filters::default() };
        assert!(f.accepts(&v));
        let f = Filters { inspector: Some("Tú".into()), ..Filters::default() };
        assert!(f.accepts(&v));
        let f = Filters { from: Some(jiff::civil::date(2022, 4, 6)), ..Filters::default() };
        assert!(!f.accepts(&v));
        let f = Filters { final_only: true, ..Filters::default() };
        assert!(!f.accepts(&v));
        let f = Filters { branch_type: Some(BranchType::CongAn), ..Filters::default() };
        assert!(!f.accepts(&v));
    }

    #[test]
    fn merges_counts_strengths_and_duplicates() {
        let t = Template::embedded();
        let mut a = visit("Chi bộ số 11", 5);
        let mut b = visit("Chi bộ Công an phường", 6);
        let mut c = visit("chi bộ  số 11", 5);
        for v in [&mut a, &mut b, &mut c] {
            answer(v, "prep.committee_met", Value::Yes);
            answer(v, "att.broadened", Value::Yes);
        }
        answer(&mut a, "prep.notice", Value::No);
        answer(&mut b, "prep.notice", Value::Yes);
        answer(&mut c, "prep.notice", Value::NotApplicable);
        answer(&mut a, "min.missing_fields", Value::Choices(vec!["time".into()]));
        answer(&mut b, "min.missing_fields", Value::Choices(vec!["vote".into(), "time".into()]));
        answer(&mut c, "att.broadened", Value::No);
        let mut builder = SummaryBuilder::new(Lang::Vi, Filters::default());
        for (i, v) in [&a, &b, &c].into_iter().enumerate() {
            assert!(builder.add(v, &t, Path::new(&format!("{i}.ron"))));
        }
        let s = builder.finish();
        let notice = s.findings.iter().find(|f| f.id == "prep.notice").expect("finding");
        assert_eq!((notice.failing(), notice.assessed, notice.not_applicable), (1, 2, 1));
        let minutes = s.findings.iter().find(|f| f.id == "min.missing_fields").expect("finding");
        assert_eq!(minutes.failing(), 2);
        assert!(minutes.text.contains("Thời gian") && minutes.text.contains("Kết quả biểu quyết"), "{}", minutes.text);
        let ids: Vec<&str> = s.strengths.iter().map(|st| st.id.as_str()).collect();
        assert_eq!(ids, vec!["prep.committee_met"]);
        assert_eq!(s.duplicates.len(), 1);
        assert_eq!(s.duplicates[0].visits, vec![0, 2]);
    }

    #[test]
    fn records_of_one_meeting_count_once_and_keep_the_finding_either_makes() {
        let t = Template::embedded();
        let mut a = visit("Chi bộ số 11", 5);
        let mut b = visit("chi bộ số 11", 5);
        b.inspectors = vec!["Trần Văn Bình".into()];
        answer(&mut a, "prep.notice", Value::Yes);
        answer(&mut b, "prep.notice", Value::No);
        let other = visit("Chi bộ Công an phường", 6);
        let mut builder = SummaryBuilder::new(Lang::Vi, Filters::default());
        for (v, file) in [(&a, "a.ron"), (&b, "b.ron"), (&other, "c.ron")] {
            builder.add(v, &t, Path::new(file));
        }
        assert_eq!(builder.same_meeting_files(), vec![vec![PathBuf::from("a.ron"), PathBuf::from("b.ron")]]);
        let mut builder = SummaryBuilder::new(Lang::Vi, Filters::default());
        builder.add(&other, &t, Path::new("c.ron"));
        builder.add_meeting(&[(Path::new("a.ron"), &a), (Path::new("b.ron"), &b)], &t);
        assert!(builder.same_meeting_files().is_empty());
        let s = builder.finish();
        assert_eq!(s.visits.len(), 2);
        let notice = s.findings.iter().find(|f| f.id == "prep.notice").expect("B's finding is kept");
        assert_eq!((notice.failing(), notice.assessed), (1, 1));
        assert_eq!(s.duplicates.len(), 1);
        let d = &s.duplicates[0];
        assert!(d.counted_once());
        // Names compared as one meeting, but spelled differently: a difference to pick.
        assert_eq!(d.differing, vec!["meeting.branch", "prep.notice"]);
        // Neither is final and both were saved at once: the first is the base.
        assert_eq!(d.files, vec![PathBuf::from("a.ron"), PathBuf::from("b.ron")]);
        assert_eq!(s.visits[d.visits[0]].inspectors, vec!["Lê Thị Tú", "Trần Văn Bình"]);
    }

    /// Visits that touch every part of the builder: passes, failures with notes, "{list}" items,
    /// N/A, figures, text lines, duplicates, and visits the filter leaves out.
    fn varied_visits() -> Vec<Visit> {
        (0..23)
            .map(|i: u32| {
                let day = (i % 9 + 1) as i8;
                let mut v = visit(&format!("Chi bộ số {}", i % 6 + 1), day);
                v.meeting.members.total = Some(20 + i);
                v.meeting.members.present = Some(15 + i % 5);
                let yes_no = [Value::Yes, Value::No, Value::NotApplicable][(i % 3) as usize].clone();
                answer(&mut v, "prep.notice", yes_no);
                answer(&mut v, "prep.committee_met", if i.is_multiple_of(4) { Value::No } else { Value::Yes });
                answer(&mut v, "note.without_notebook", Value::Number(i % 7));
                answer(&mut v, "crit.speakers", Value::Number(i % 5));
                let missing =
                    if i.is_multiple_of(2) { vec!["time".to_string()] } else { vec!["vote".into(), "time".into()] };
                answer(&mut v, "min.missing_fields", Value::Choices(missing));
                answer(&mut v, OTHER_LIMITATIONS, Value::Text(format!("Hạn chế {i}\nDòng hai")));
                if let Some(a) = v.answers.get_mut("prep.notice") {
                    a.note = format!("ghi chú {i}");
                }
                v
            })
            .collect()
    }

    #[test]
    fn appending_forked_runs_gives_the_same_summary_as_adding_one_by_one() {
        let t = Template::embedded();
        // Leaves out the meetings of the 9th.
        let filters = Filters { to: Some(jiff::civil::date(2022, 4, 8)), ..Filters::default() };
        let visits = varied_visits();
        let path = |i: usize| PathBuf::from(format!("{i}.ron"));
        let mut one_by_one = SummaryBuilder::new(Lang::Vi, filters.clone()).keep_answers(true);
        for (i, v) in visits.iter().enumerate() {
            one_by_one.add(v, &t, &path(i));
        }
        one_by_one.skip(Path::new("bad.ron"), Some((1, 2)), "hỏng".into());
        let expected = one_by_one.finish();
        assert!(expected.filtered_out > 0 && !expected.duplicates.is_empty() && !expected.findings.is_empty());
        for run in 1..=visits.len() {
            let mut whole = SummaryBuilder::new(Lang::Vi, filters.clone()).keep_answers(true);
            for (n, chunk) in visits.chunks(run).enumerate() {
                let mut part = whole.fork();
                for (k, v) in chunk.iter().enumerate() {
                    part.add(v, &t, &path(n * run + k));
                }
                whole.append(part);
            }
            whole.skip(Path::new("bad.ron"), Some((1, 2)), "hỏng".into());
            assert_eq!(whole.finish(), expected, "runs of {run}");
        }
    }
}
