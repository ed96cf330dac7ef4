//! Reading many visits: the one reader behind the summary (command line and TUI), `compare` and
//! the TUI's home list.
//!
//! Files are found with [`super::find_visit_files`] and read in chunks; within a chunk, runs of
//! files are read and folded on the thread pool, each run into an accumulator of its own, and
//! handed back in file order, so a result never depends on thread timing and no visit is held
//! after it is folded. Each visit is read against the templates of the round.ron governing its
//! folder ([`RoundResolver`]). Files that cannot be used are handed back too, in file order, each
//! after the round.ron problem that came with its folder, if any.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::format::{LoadError, template_for};
use super::report_text::is_report_file;
use super::round::{RoundResolver, is_round_file, rounds_of_summary};
use super::{find_visit_files, load_visit};
use crate::core::compare::{TemplateItems, VisitOutcome};
use crate::core::summary::{Summary, SummaryBuilder};
use crate::core::template::Template;
use crate::core::visit::Visit;
use crate::strings::Lang;

/// Files one thread reads and folds into an accumulator of its own.
const RUN: usize = 64;
/// Files read between two reports of progress. The first chunk is small, so that whoever waits
/// for the first visits (the home list) gets them at once.
const FIRST_CHUNK: usize = RUN;
const CHUNK: usize = 1024;

/// The visit files under some paths, and the round files governing them.
pub struct VisitReader<'t> {
    /// The paths given: files and folders.
    paths: Vec<PathBuf>,
    files: Vec<PathBuf>,
    walk_errors: Vec<LoadError>,
    rounds: RoundResolver<'t>,
}

/// What reading gave, in file order.
pub enum Piece<A> {
    /// A file, a folder or a round.ron that could not be used.
    Failed(LoadError),
    /// The visits of a run of files, folded into one accumulator.
    Read(A),
    /// How many files have been read so far (after each chunk).
    Progress(usize),
}

/// The follow-up register's file name, in the round folder (`super::followup` reads and writes it).
pub const FOLLOWUP_FILE: &str = "followup.ron";

pub fn is_followup_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == FOLLOWUP_FILE)
}

impl<'t> VisitReader<'t> {
    /// Every visit file under `paths` (files and folders, recursively; a round.ron or report.ron
    /// named among them is not a visit), to read against `base` and the rounds governing their folders.
    pub fn new(paths: &[PathBuf], base: &'t [Template]) -> VisitReader<'t> {
        let (mut files, walk_errors) = find_visit_files(paths);
        files.retain(|f| !is_round_file(f) && !is_report_file(f) && !is_followup_file(f));
        VisitReader { paths: paths.to_vec(), files, walk_errors, rounds: RoundResolver::new(base) }
    }

    /// How many visit files there are to read.
    pub fn file_count(&self) -> usize {
        self.files.len()
    }

    /// No visit file found, and nothing that failed either: the paths hold nothing to read.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.walk_errors.is_empty()
    }

    /// Read every visit: `start` makes an accumulator for a run of files, `add` folds a visit that
    /// loaded into it. `each` gets the pieces in file order, and the count of files read after
    /// each chunk. What could not be found at all (a missing path) comes first.
    pub fn fold<A: Send>(
        &mut self,
        start: impl Fn() -> A + Sync,
        add: impl Fn(&mut A, &Path, Visit, &Template) + Sync,
        mut each: impl FnMut(Piece<A>),
    ) {
        for e in std::mem::take(&mut self.walk_errors) {
            each(Piece::Failed(e));
        }
        let files = std::mem::take(&mut self.files);
        let mut done = 0;
        while done < files.len() {
            let size = if done == 0 { FIRST_CHUNK } else { CHUNK };
            let chunk = &files[done..(done + size).min(files.len())];
            self.fold_chunk(chunk, &start, &add, &mut each);
            done += chunk.len();
            each(Piece::Progress(done));
        }
        self.files = files;
    }

    fn fold_chunk<A: Send>(
        &mut self,
        chunk: &[PathBuf],
        start: &(impl Fn() -> A + Sync),
        add: &(impl Fn(&mut A, &Path, Visit, &Template) + Sync),
        each: &mut impl FnMut(Piece<A>),
    ) {
        // Round files are resolved here, on this thread (it loads them); each file keeps the
        // problems its folder's round.ron brought, to report them in file order.
        let mut round_errors: Vec<Vec<LoadError>> = Vec::with_capacity(chunk.len());
        let keys: Vec<Option<PathBuf>> = chunk
            .iter()
            .map(|path| {
                let key = self.rounds.resolve_file(path);
                round_errors.push(self.rounds.take_errors());
                key
            })
            .collect();
        let rounds = &self.rounds;
        let runs: Vec<(A, Vec<Option<LoadError>>)> = chunk
            .par_chunks(RUN)
            .zip(keys.par_chunks(RUN))
            .map(|(paths, keys)| {
                let mut acc = start();
                let failures = paths
                    .iter()
                    .zip(keys)
                    .map(|(path, key)| read_into(&mut acc, add, path, rounds.templates(key.as_ref())).err())
                    .collect();
                (acc, failures)
            })
            .collect();
        let mut round_errors = round_errors.into_iter();
        for (acc, failures) in runs {
            for failure in failures {
                round_errors.next().into_iter().flatten().for_each(|e| each(Piece::Failed(e)));
                if let Some(e) = failure {
                    each(Piece::Failed(e));
                }
            }
            each(Piece::Read(acc));
        }
    }
}

/// Load one visit and fold it into `acc`; a record reconciled into another visit (it has
/// `reconciled_into`) is read and left out, so the summary, compare, the report, the rounds'
/// coverage and the home list never count or list it.
fn read_into<A>(
    acc: &mut A,
    add: &impl Fn(&mut A, &Path, Visit, &Template),
    path: &Path,
    templates: &[Template],
) -> Result<(), LoadError> {
    let visit = load_visit(path, templates)?;
    // A record reconciled into another visit is kept for its history, and counted by no one.
    if visit.reconciled_into.is_some() {
        return Ok(());
    }
    match template_for(&visit, templates) {
        Some(template) => {
            add(acc, path, visit, template);
            Ok(())
        }
        // load_visit refuses a visit without its template; kept for completeness.
        None => Err(LoadError::new(path, None, crate::store::format::unknown_template(&visit, templates))),
    }
}

/// What merging visits into a summary says as it goes.
pub enum Report<'e> {
    /// A file that could not be used: it is listed among the skipped.
    Skipped(&'e LoadError),
    /// A round.ron met after the merge, when the summary's rounds were gathered.
    RoundProblem(&'e LoadError),
    /// Files read so far, of how many.
    Progress { done: usize, total: usize },
}

/// A merge, and how many files went into it.
pub struct Merged {
    pub summary: Summary,
    /// Visit files that loaded (whether or not the filters kept them).
    pub loaded: usize,
    /// Files that could not be used, round files among them.
    pub skipped: usize,
}

/// Merge every visit `reader` finds into a summary, with `builder`'s filters (and `lang`, the
/// builder's language, for the reasons files are skipped): the pipeline of `khaosat summary` and
/// of the TUI's summary screen.
///
/// Records of one meeting (same branch and committee, same date) not reconciled yet are counted
/// once ([`SummaryBuilder::add_meeting`]): when the first reading finds some, the files are read
/// a second time with those records left out, and each meeting's records folded in as one visit.
/// Only a folder holding such records pays for the second reading; reconciling them ends it.
pub fn summarize(
    reader: &mut VisitReader,
    builder: SummaryBuilder,
    lang: Lang,
    mut report: impl FnMut(Report),
) -> Merged {
    let total = reader.file_count();
    let blank = builder.fork();
    let mut failed: Vec<LoadError> = Vec::new();
    let (mut builder, loaded) = fold_summary(reader, builder, &HashSet::new(), |piece| match piece {
        Piece::Failed(e) => {
            report(Report::Skipped(&e));
            failed.push(e);
        }
        Piece::Progress(done) => report(Report::Progress { done, total }),
        Piece::Read(_) => {}
    });
    let groups = builder.same_meeting_files();
    if !groups.is_empty() {
        let meetings: Vec<Vec<(PathBuf, Visit, Template)>> =
            groups.iter().map(|files| load_records(reader, files)).filter(|m| m.len() > 1).collect();
        let counted: HashSet<PathBuf> = meetings.iter().flatten().map(|(p, _, _)| p.clone()).collect();
        (builder, _) = fold_summary(reader, blank, &counted, |_| {});
        for meeting in &meetings {
            let records: Vec<(&Path, &Visit)> = meeting.iter().map(|(p, v, _)| (p.as_path(), v)).collect();
            let base = crate::core::reconcile::base_record(&records.iter().map(|(_, v)| *v).collect::<Vec<_>>());
            if let Some((_, _, template)) = base.and_then(|i| meeting.get(i)) {
                builder.add_meeting(&records, template);
            }
        }
    }
    for e in &failed {
        builder.skip(&e.path, e.position, e.message(lang));
    }
    let mut summary = builder.finish();
    let paths = reader.paths.clone();
    summary.described_rounds = rounds_of_summary(&mut reader.rounds, &paths, &summary.visits);
    for e in reader.rounds.take_errors() {
        report(Report::RoundProblem(&e));
    }
    Merged { summary, loaded, skipped: failed.len() }
}

/// Fold every visit `reader` finds into `builder`, but those in `leave_out`; `each` gets the
/// files that failed and the progress. Returns the builder and how many visits loaded.
fn fold_summary(
    reader: &mut VisitReader,
    builder: SummaryBuilder,
    leave_out: &HashSet<PathBuf>,
    mut each: impl FnMut(Piece<()>),
) -> (SummaryBuilder, usize) {
    let loaded = AtomicUsize::new(0);
    let mut builder = builder;
    let blank = builder.fork();
    reader.fold(
        || blank.fork(),
        |run, path, visit, template| {
            if !leave_out.contains(path) {
                run.add(&visit, template, path);
            }
            loaded.fetch_add(1, Ordering::Relaxed);
        },
        |piece| match piece {
            Piece::Failed(e) => each(Piece::Failed(e)),
            Piece::Read(run) => builder.append(run),
            Piece::Progress(done) => each(Piece::Progress(done)),
        },
    );
    (builder, loaded.into_inner())
}

/// The records of one meeting, loaded again (each against the templates of its folder's round),
/// with the template each was filled against; a file that no longer loads, or was reconciled
/// since, is left out.
fn load_records(reader: &mut VisitReader, files: &[PathBuf]) -> Vec<(PathBuf, Visit, Template)> {
    files
        .iter()
        .filter_map(|path| {
            let key = reader.rounds.resolve_file(path);
            let templates = reader.rounds.templates(key.as_ref());
            let visit = load_visit(path, templates).ok().filter(|v| v.reconciled_into.is_none())?;
            let template = template_for(&visit, templates)?.clone();
            Some((path.clone(), visit, template))
        })
        .collect()
}

/// The outcome of every visit under `path` ([`VisitOutcome`]), for `compare`; `failed` gets each
/// file that could not be used.
pub fn visit_outcomes(
    path: &Path,
    base: &[Template],
    lang: Lang,
    mut failed: impl FnMut(&LoadError),
) -> Vec<VisitOutcome> {
    // Each run shares one record per template among its visits.
    type Run = (Vec<(PathBuf, VisitOutcome)>, HashMap<(String, u32), Arc<TemplateItems>>);
    let mut read: Vec<(PathBuf, VisitOutcome)> = Vec::new();
    let mut reader = VisitReader::new(&[path.to_path_buf()], base);
    reader.fold(
        Run::default,
        |(run, records): &mut Run, path, visit, template| {
            let items = records
                .entry((template.id.clone(), template.version))
                .or_insert_with(|| TemplateItems::shared(template, lang));
            run.push((path.to_path_buf(), VisitOutcome::with(&visit, template, items, lang)));
        },
        |piece| match piece {
            Piece::Failed(e) => failed(&e),
            Piece::Read((run, _)) => read.extend(run),
            Piece::Progress(_) => {}
        },
    );
    // The earlier names the governing rounds give their branches (already loaded by the reader).
    read.into_iter()
        .map(|(path, mut outcome)| {
            let key = reader.rounds.resolve_file(&path);
            if let Some(round) = reader.rounds.round(key.as_ref()) {
                outcome.previously = round.earlier_name(&outcome.branch, &outcome.committee);
            }
            outcome
        })
        .collect()
}
