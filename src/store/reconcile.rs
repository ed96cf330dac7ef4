//! The files part of reconciling two records of one meeting (the choices are
//! [`crate::core::reconcile`]'s), shared by `khaosat reconcile` and the TUI.
//!
//! 1. [`open_pair`] takes both records' locks and loads them (against their round's templates);
//!    the locks are held until the [`LockedPair`] is dropped, so nobody edits them meanwhile.
//! 2. [`write`] writes the reconciled visit as a new file in the folder given (named as any new
//!    visit), with `reconciled_from` naming the two records, then saves each record with
//!    `reconciled_into` naming the new file. The records stay on disk (and in git's history),
//!    but the reader leaves them out, so nothing counts or lists them. A failure half-way puts
//!    back what was written.
//! 3. [`undo`], while the reconciled visit has never been finalised: clears `reconciled_into` in
//!    the records and deletes the reconciled visit. A record written by khaosat comes back byte
//!    for byte. A record edited since it was reconciled keeps its edits (only the link is
//!    cleared); a reconciled visit edited since is only deleted with `force`, so no work is lost
//!    unasked.
//!
//! File names in the links are relative to the folder of the file holding them (a plain file
//! name when both are in one folder).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::core::reconcile::{Mismatch, same_meeting, same_template};
use crate::core::template::Template;
use crate::core::text::{date_text, display_safe};
use crate::core::visit::{Visit, VisitStatus};
use crate::store::format::{LoadError, LoadErrorKind, template_for, visit_to_ron};
use crate::store::lock::{Holder, LockOutcome, OddLock, VisitLock, lock_visit};
use crate::store::round::RoundResolver;
use crate::store::save::write_atomic;
use crate::store::{create_visit, load_visit, read_text};
use crate::strings::{Lang, ReconcileMsg};

/// Two records of one meeting, loaded and locked.
#[derive(Debug)]
pub struct LockedPair {
    pub a_path: PathBuf,
    pub b_path: PathBuf,
    pub a: Visit,
    pub b: Visit,
    /// The template both were filled against (with their round's documents).
    pub template: Template,
    /// The files' text as read, put back if writing fails half-way.
    a_text: String,
    b_text: String,
    _locks: [VisitLock; 2],
}

/// Why reconciling (or undoing it) could not be done, as a sentence with [`Self::message`].
#[derive(Debug)]
pub enum ReconcileFileError {
    SameFile(PathBuf),
    Held { path: PathBuf, holder: Option<Holder> },
    Odd { path: PathBuf, odd: OddLock },
    Load(LoadError),
    AlreadyReconciled { path: PathBuf, into: String },
    NotSameMeeting { a: Box<(PathBuf, Visit)>, b: Box<(PathBuf, Visit)>, mismatch: Vec<Mismatch> },
    OtherTemplate { a: PathBuf, b: PathBuf, a_template: String, b_template: String },
    Io { path: PathBuf, error: io::Error },
    NotAResult(PathBuf),
    Finalised { path: PathBuf, by: String },
    EditedSince { path: PathBuf, at: jiff::Timestamp },
}

fn shown(path: &Path) -> String {
    display_safe(&path.to_string_lossy(), false)
}

impl ReconcileFileError {
    /// The exit status of a command that failed so: 2 for what was asked wrongly (not two records
    /// of one meeting, not a reconciled visit) or a file that cannot be read or written, 1 for a
    /// state that can change (a lock held, already reconciled, final, edited).
    pub fn code(&self) -> u8 {
        match self {
            ReconcileFileError::SameFile(_)
            | ReconcileFileError::NotSameMeeting { .. }
            | ReconcileFileError::OtherTemplate { .. }
            | ReconcileFileError::NotAResult(_)
            | ReconcileFileError::Io { .. } => 2,
            ReconcileFileError::Load(e) if matches!(e.kind, LoadErrorKind::Io(_)) => 2,
            _ => 1,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        use ReconcileMsg as M;
        match self {
            ReconcileFileError::SameFile(p) => M::RecSameFile.fill(lang, &[&shown(p)]),
            ReconcileFileError::Held { path, holder } => {
                let who = holder.as_ref().map_or_else(|| "?".to_string(), |h| format!("{}@{}", h.user, h.host));
                M::RecHeld.fill(lang, &[&shown(path), &display_safe(&who, false)])
            }
            ReconcileFileError::Odd { path, odd } => {
                M::RecOddLock.fill(lang, &[&shown(path), &shown(&odd.path), &odd.what(lang)])
            }
            ReconcileFileError::Load(e) => e.display(lang),
            ReconcileFileError::AlreadyReconciled { path, into } => {
                M::RecAlreadyReconciled.fill(lang, &[&shown(path), &display_safe(into, false)])
            }
            ReconcileFileError::NotSameMeeting { a, b, mismatch } => {
                let (ma, mb) = (&a.1.meeting, &b.1.meeting);
                let what: Vec<String> = mismatch
                    .iter()
                    .map(|m| match m {
                        Mismatch::Branch => M::RecMismatchBranch
                            .fill(lang, &[&display_safe(&ma.branch, false), &display_safe(&mb.branch, false)]),
                        Mismatch::Committee => M::RecMismatchCommittee
                            .fill(lang, &[&display_safe(&ma.committee, false), &display_safe(&mb.committee, false)]),
                        Mismatch::Date => {
                            M::RecMismatchDate.fill(lang, &[&date_text(ma.date, lang), &date_text(mb.date, lang)])
                        }
                    })
                    .collect();
                M::RecNotSameMeeting.fill(lang, &[&shown(&a.0), &shown(&b.0), &what.join("; ")])
            }
            ReconcileFileError::OtherTemplate { a, b, a_template, b_template } => {
                M::RecOtherTemplate.fill(lang, &[&shown(a), &shown(b), a_template, b_template])
            }
            ReconcileFileError::Io { path, error } => M::RecWriteFailed.fill(lang, &[&shown(path), error]),
            ReconcileFileError::NotAResult(p) => M::RecUndoNotResult.fill(lang, &[&shown(p)]),
            ReconcileFileError::Finalised { path, by } => {
                M::RecUndoFinal.fill(lang, &[&shown(path), &display_safe(by, false)])
            }
            ReconcileFileError::EditedSince { path, at } => M::RecUndoEdited.fill(lang, &[&shown(path), at]),
        }
    }
}

/// Take the lock of `path`, or say who or what holds it.
fn lock(path: &Path) -> Result<VisitLock, ReconcileFileError> {
    match lock_visit(path) {
        Ok(LockOutcome::Acquired(lock)) => Ok(lock),
        Ok(LockOutcome::HeldBy(holder)) => Err(ReconcileFileError::Held { path: path.to_path_buf(), holder }),
        Ok(LockOutcome::Odd(odd)) => Err(ReconcileFileError::Odd { path: path.to_path_buf(), odd }),
        Err(error) => Err(ReconcileFileError::Io { path: path.to_path_buf(), error }),
    }
}

/// Load a visit (and its text) against the templates of its folder's round; its template.
fn load(path: &Path, base: &[Template]) -> Result<(Visit, String, Template), ReconcileFileError> {
    let mut resolver = RoundResolver::new(base);
    let key = resolver.resolve_file(path);
    if let Some(e) = resolver.take_errors().into_iter().next() {
        return Err(ReconcileFileError::Load(e));
    }
    let templates = resolver.templates(key.as_ref());
    let text = read_text(path).map_err(ReconcileFileError::Load)?;
    let visit = load_visit(path, templates).map_err(ReconcileFileError::Load)?;
    let template = template_for(&visit, templates).cloned().ok_or_else(|| {
        ReconcileFileError::Load(LoadError::new(path, None, crate::store::format::unknown_template(&visit, templates)))
    })?;
    Ok((visit, text, template))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Lock and load two records of one meeting, refusing what cannot be reconciled: the same file
/// twice, a record already reconciled, records of different meetings or templates.
pub fn open_pair(a_path: &Path, b_path: &Path, base: &[Template]) -> Result<LockedPair, ReconcileFileError> {
    if same_file(a_path, b_path) {
        return Err(ReconcileFileError::SameFile(a_path.to_path_buf()));
    }
    let lock_a = lock(a_path)?;
    let lock_b = lock(b_path)?;
    let (a, a_text, template) = load(a_path, base)?;
    let (b, b_text, b_template) = load(b_path, base)?;
    for (path, visit) in [(a_path, &a), (b_path, &b)] {
        if let Some(into) = &visit.reconciled_into {
            return Err(ReconcileFileError::AlreadyReconciled { path: path.to_path_buf(), into: into.clone() });
        }
    }
    let mismatch = same_meeting(&a, &b);
    if !mismatch.is_empty() {
        return Err(ReconcileFileError::NotSameMeeting {
            a: Box::new((a_path.to_path_buf(), a)),
            b: Box::new((b_path.to_path_buf(), b)),
            mismatch,
        });
    }
    if !same_template(&a, &b) {
        let name = |t: &Template| format!("{} v{}", t.id, t.version);
        return Err(ReconcileFileError::OtherTemplate {
            a: a_path.to_path_buf(),
            b: b_path.to_path_buf(),
            a_template: name(&template),
            b_template: name(&b_template),
        });
    }
    Ok(LockedPair {
        a_path: a_path.to_path_buf(),
        b_path: b_path.to_path_buf(),
        a,
        b,
        template,
        a_text,
        b_text,
        _locks: [lock_a, lock_b],
    })
}

/// How the file `to` is named from inside the folder `from`: its file name when it is in that
/// folder, a path below it when below, else its full path.
fn link_name(from: &Path, to: &Path) -> String {
    let from_dir = fs::canonicalize(from).unwrap_or_else(|_| from.to_path_buf());
    let to_full = to.parent().and_then(|p| fs::canonicalize(p).ok()).zip(to.file_name()).map(|(p, n)| p.join(n));
    let to_full = to_full.unwrap_or_else(|| to.to_path_buf());
    match to_full.strip_prefix(&from_dir) {
        Ok(rel) => rel.to_string_lossy().into_owned(),
        Err(_) => to_full.to_string_lossy().into_owned(),
    }
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Write `result` (from [`crate::core::reconcile::reconcile`] of the pair) as a new visit in `dir`
/// and link the two records to it (see the module). Returns the new file's path.
pub fn write(dir: &Path, pair: &LockedPair, mut result: Visit) -> Result<PathBuf, ReconcileFileError> {
    result.reconciled_from = vec![link_name(dir, &pair.a_path), link_name(dir, &pair.b_path)];
    result.reconciled_into = None;
    result.normalize();
    let path = create_visit(dir, &result).map_err(|error| ReconcileFileError::Io { path: dir.to_path_buf(), error })?;
    let mut written: Vec<(&Path, &str)> = Vec::new();
    for (original, visit, text) in [(&pair.a_path, &pair.a, &pair.a_text), (&pair.b_path, &pair.b, &pair.b_text)] {
        let mut linked = visit.clone();
        linked.reconciled_into = Some(link_name(&folder_of(original), &path));
        if let Err(error) = write_atomic(original, visit_to_ron(&linked).as_bytes()) {
            // Put back what was written: the records as they were, no reconciled visit.
            for (done, before) in written {
                let _ = write_atomic(done, before.as_bytes());
            }
            let _ = fs::remove_file(&path);
            return Err(ReconcileFileError::Io { path: original.clone(), error });
        }
        written.push((original, text));
    }
    Ok(path)
}

/// What [`undo`] did.
#[derive(Debug)]
pub struct Undone {
    /// The reconciled visit, deleted.
    pub removed: PathBuf,
    /// The records counted again.
    pub restored: Vec<PathBuf>,
    /// Records named in `reconciled_from` that were not there, or no longer linked to it (left alone).
    pub missing: Vec<String>,
}

/// Undo a reconciliation (see the module): refused when `result` was not made by reconciling,
/// has been finalised, or (without `force`) was edited since it was made.
pub fn undo(result: &Path, base: &[Template], force: bool) -> Result<Undone, ReconcileFileError> {
    let held = lock(result)?;
    let (visit, _, _) = load(result, base)?;
    if visit.reconciled_from.is_empty() {
        return Err(ReconcileFileError::NotAResult(result.to_path_buf()));
    }
    if let Some(f) = &visit.finalised {
        return Err(ReconcileFileError::Finalised { path: result.to_path_buf(), by: f.by.clone() });
    }
    if visit.status == VisitStatus::Final {
        return Err(ReconcileFileError::Finalised { path: result.to_path_buf(), by: String::new() });
    }
    if visit.updated != visit.created && !force {
        return Err(ReconcileFileError::EditedSince { path: result.to_path_buf(), at: visit.updated });
    }
    let dir = folder_of(result);
    let mut undone = Undone { removed: result.to_path_buf(), restored: Vec::new(), missing: Vec::new() };
    for name in &visit.reconciled_from {
        let original = dir.join(name);
        if !original.is_file() {
            undone.missing.push(name.clone());
            continue;
        }
        let _held = lock(&original)?;
        let (mut record, _, _) = load(&original, base)?;
        if record.reconciled_into.as_deref() != Some(link_name(&folder_of(&original), result).as_str()) {
            undone.missing.push(name.clone());
            continue;
        }
        record.reconciled_into = None;
        write_atomic(&original, visit_to_ron(&record).as_bytes())
            .map_err(|error| ReconcileFileError::Io { path: original.clone(), error })?;
        undone.restored.push(original);
    }
    fs::remove_file(result).map_err(|error| ReconcileFileError::Io { path: result.to_path_buf(), error })?;
    // The deleted visit's lock file is ours (held above): nothing is left of the visit.
    let _ = fs::remove_file(&held.path);
    Ok(undone)
}
