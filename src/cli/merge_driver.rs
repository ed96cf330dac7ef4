//! `khaosat merge-driver BASE OURS THEIRS [PATH]`: git's merge driver for the data folder
//! (`.gitattributes`: `*.ron merge=khaosat`; config: `merge.khaosat.driver = khaosat merge-driver
//! %O %A %B %P`).
//!
//! Reads the three copies, merges a visit with [`merge_visits`] and a round.ron with
//! [`merge_rounds`], and writes the result over OURS atomically. Exit 0: merged; 1: the merge
//! found conflicts (kept in the file as data, one line each on stderr), so git stops for a person.
//! Conflicts the copies already held are data committed before: they are named, but do not stop
//! the merge again.
//!
//! A copy that is not a visit or a round (a report.ron, text conflict markers, a newer format,
//! anything else) is merged as text by `git merge-file`, which keeps both sides (markers where
//! they differ); its exit status is the driver's. No template is loaded: the merge compares what
//! the copies hold and judges none of it, so it stays fast on every file a pull touches.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cli::Failure;
use crate::core::merge::{MergeNote, conflict_words, merge_rounds, merge_visits};
use crate::core::problems::field_label;
use crate::core::round::Round;
use crate::core::text::display_safe;
use crate::core::visit::{Conflict, ConflictSide, Visit, now};
use crate::store::format::{parse_visit_text, visit_to_ron};
use crate::store::report_text::is_report_file;
use crate::store::round::{is_round_file, parse_round, round_to_ron};
use crate::store::{read_text, save};
use crate::strings::{Lang, MergeMsg};

#[derive(Debug, clap::Args)]
pub struct MergeDriverArgs {
    /// The copy both sides started from (%O; empty when both created the file).
    pub base: PathBuf,
    /// This clone's copy (%A); the result is written here.
    pub ours: PathBuf,
    /// The other side's copy (%B).
    pub theirs: PathBuf,
    /// The file's path in the repository (%P), for messages and to tell a round.ron.
    pub path: Option<PathBuf>,
}

/// The three copies, parsed (boxed: a visit is large, and this is made once).
enum Copies {
    Visits(Box<(Option<Visit>, Visit, Visit)>),
    Rounds(Box<(Option<Round>, Round, Round)>),
}

pub fn run(lang: Lang, args: &MergeDriverArgs, err: &mut dyn Write) -> Result<u8, Failure> {
    let shown = display_safe(&args.path.as_deref().unwrap_or(&args.ours).to_string_lossy(), false);
    let copies = match read_copies(args, lang) {
        Ok(copies) => copies,
        Err(why) => return text_merge(args, &shown, &why, lang, err),
    };
    let (text, added, carried, reopened) = match copies {
        Copies::Visits(copies) => {
            let (base, ours, theirs) = *copies;
            let merged = merge_visits(base.as_ref(), &ours, &theirs);
            let carried = merged.notes.iter().find_map(|n| match n {
                MergeNote::Carried(n) => Some(*n),
                MergeNote::Reopened => None,
            });
            let reopened = merged.notes.contains(&MergeNote::Reopened);
            (visit_to_ron(&merged.visit), merged.added, carried.unwrap_or(0), reopened)
        }
        Copies::Rounds(copies) => {
            let (base, ours, theirs) = *copies;
            // A round.ron records no one who saved it, nor when: the sides are told apart by number.
            let side = ConflictSide { by: String::new(), at: now(), answer: None, value: String::new() };
            let merged = merge_rounds(base.as_ref(), &ours, &theirs, [side.clone(), side]);
            (round_to_ron(&merged.round), merged.added, merged.carried, false)
        }
    };
    save::write_atomic(&args.ours, text.as_bytes()).map_err(|e| Failure {
        code: 2,
        message: MergeMsg::DriverWriteFailed.fill(lang, &[&display_safe(&args.ours.to_string_lossy(), false), &e]),
    })?;
    for conflict in &added {
        writeln!(err, "{}", conflict_line(&shown, conflict, lang))?;
    }
    if !added.is_empty() {
        writeln!(err, "{}", MergeMsg::DriverConflicts.fill(lang, &[&shown, &added.len()]))?;
    }
    if carried > 0 {
        writeln!(err, "{}", MergeMsg::DriverCarried.fill(lang, &[&shown, &carried]))?;
    }
    if reopened {
        writeln!(err, "{}", MergeMsg::DriverReopened.fill(lang, &[&shown]))?;
    }
    Ok(if added.is_empty() { 0 } else { 1 })
}

/// "PATH: conflict in answers.prep.notice: 1 = Có (Lê Thị Tú, 01/12 10:02) · 2 = Không (…)".
fn conflict_line(shown: &str, conflict: &Conflict, lang: Lang) -> String {
    let (one, two) = conflict_words(None, conflict);
    let field = match conflict.item() {
        Some(_) => conflict.field.clone(),
        None => format!("{} ({})", field_label(&conflict.field, lang), conflict.field),
    };
    let args: [&dyn std::fmt::Display; 4] = [&shown, &field, &one.text(lang), &two.text(lang)];
    display_safe(&MergeMsg::DriverConflict.fill(lang, &args), false)
}

/// Read and parse the three copies; Err(why) when they are not all visits or all rounds (an
/// unreadable base alone only loses the base: the merge is then two-way, as for add/add).
fn read_copies(args: &MergeDriverArgs, lang: Lang) -> Result<Copies, String> {
    let read = |path: &Path| match std::fs::read(path) {
        Ok(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => Ok(None),
        Ok(_) => read_text(path).map(Some).map_err(|e| e.display(lang)),
        Err(e) => Err(MergeMsg::DriverUnreadable.fill(lang, &[&display_safe(&path.to_string_lossy(), false), &e])),
    };
    let base = read(&args.base).ok().flatten();
    let empty = || MergeMsg::WhyEmpty.get(lang).to_string();
    let ours = read(&args.ours)?.ok_or_else(empty)?;
    let theirs = read(&args.theirs)?.ok_or_else(empty)?;
    let path = args.path.as_deref().unwrap_or(&args.ours);
    if is_report_file(path) {
        return Err(MergeMsg::WhyReport.get(lang).to_string());
    }
    let as_round = is_round_file(path) || parse_visit_text(path, &ours).is_err() && parse_round(path, &ours).is_ok();
    if as_round {
        let parse = |text: &str| parse_round(path, text).map_err(|e| e.display(lang));
        let base = base.as_deref().and_then(|b| parse(b).ok());
        return Ok(Copies::Rounds(Box::new((base, parse(&ours)?, parse(&theirs)?))));
    }
    let parse = |text: &str| {
        parse_visit_text(path, text).map_err(|e| e.display(lang)).map(|mut v| {
            v.normalize();
            v
        })
    };
    let base = base.as_deref().and_then(|b| parse(b).ok());
    Ok(Copies::Visits(Box::new((base, parse(&ours)?, parse(&theirs)?))))
}

/// Merge as text with git's own merge, which keeps both sides; its exit status is ours.
fn text_merge(args: &MergeDriverArgs, shown: &str, why: &str, lang: Lang, err: &mut dyn Write) -> Result<u8, Failure> {
    writeln!(err, "{}", display_safe(&MergeMsg::DriverTextMerge.fill(lang, &[&shown, &why]), false))?;
    let status = Command::new("git")
        .args(["merge-file", "-L", "ours", "-L", "base", "-L", "theirs"])
        .arg(&args.ours)
        .arg(&args.base)
        .arg(&args.theirs)
        .status();
    match status {
        Ok(status) if status.success() => Ok(0),
        Ok(status) => {
            writeln!(err, "{}", MergeMsg::DriverTextMarkers.fill(lang, &[&shown]))?;
            // A count of conflicts (at most 127), or an error: never 0 here.
            Ok(status.code().and_then(|c| u8::try_from(c).ok()).filter(|c| *c != 0).unwrap_or(2))
        }
        Err(e) => {
            writeln!(err, "{}", MergeMsg::DriverNoGit.fill(lang, &[&shown, &e]))?;
            Ok(2)
        }
    }
}
