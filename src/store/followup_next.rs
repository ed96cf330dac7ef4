//! The follow-up register met with the next round (issue 17): which sibling round folder is the
//! next one, what it says of the register's actions, and the register's lock.
//!
//! Rounds are kept side by side (`rounds/2025-q4/`, `rounds/2026-q1/`), each with its round.ron;
//! the next round of a folder is the earliest sibling that starts after this one ends and visits
//! at least one of the same branches, matched as `compare` matches them (including `previously`).

use std::fs;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::followup::register_path;
use super::lock::{Holder, LockOutcome, VisitLock, lock_visit};
use super::read::visit_outcomes;
use super::round::{ROUND_FILE, load_round};
use crate::core::compare::{Comparison, VisitOutcome, compare};
use crate::core::followup::{Recheck, Register, recheck};
use crate::core::round::Round;
use crate::core::template::Template;
use crate::core::text::display_safe;
use crate::strings::{FollowupNextMsg, Lang, Msg};

/// The next round found for a register, and what it says of its actions.
#[derive(Debug, Clone, PartialEq)]
pub struct NextRound {
    pub dir: PathBuf,
    /// As the screen names it: the decision, with the folder's name.
    pub name: String,
    pub comparison: Comparison,
}

impl NextRound {
    /// The actions of `register` this round has something to say about, by action id.
    pub fn rechecks(&self, register: &Register) -> Vec<Recheck> {
        recheck(register, &self.comparison)
    }
}

/// The next round of the round folder `dir` (see the module's comment), compared with `dir`'s
/// own visits. None when no sibling fits. `dir`'s end is its round.ron's `to`, else its last
/// meeting. Files that cannot be read are left out, as `compare` leaves them out.
pub fn find_next_round(dir: &Path, templates: &[Template], lang: Lang) -> Option<NextRound> {
    let parent = dir.parent()?;
    // The siblings with a round are looked at first: with none, this round's visits are not read.
    let siblings: Vec<(Round, PathBuf)> = fs::read_dir(parent)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir() && !same_folder(p, dir) && !is_hidden(p))
        .filter_map(|p| load_round(&p.join(ROUND_FILE)).ok().map(|r| (r, p)))
        .collect();
    if siblings.is_empty() {
        return None;
    }
    let old = visit_outcomes(dir, templates, lang, |_| {});
    let end = load_round(&dir.join(ROUND_FILE)).ok().map(|r| r.to).or_else(|| old.iter().map(|o| o.date).max())?;
    let mut later: Vec<(Date, PathBuf, String)> =
        siblings.into_iter().filter(|(r, _)| r.from > end).map(|(r, p)| (r.from, p, r.decision)).collect();
    later.sort();
    later.into_iter().find_map(|(_, path, decision)| shares_branches(&old, &path, &decision, templates, lang))
}

/// The comparison of `old` with the round in `path`, when they share a branch.
fn shares_branches(
    old: &[VisitOutcome],
    path: &Path,
    decision: &str,
    templates: &[Template],
    lang: Lang,
) -> Option<NextRound> {
    let new = visit_outcomes(path, templates, lang, |_| {});
    let comparison = compare(old, &new);
    if comparison.branches.is_empty() {
        return None;
    }
    let folder = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let name = if decision.trim().is_empty() { folder } else { format!("{} ({folder})", decision.trim()) };
    Some(NextRound { dir: path.to_path_buf(), name: display_safe(&name, false), comparison })
}

fn same_folder(a: &Path, b: &Path) -> bool {
    a == b || matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
}

fn is_hidden(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

/// Take the lock of the register of the round folder `dir` (the lock visits use, beside
/// followup.ron), so that the TUI and the CLI never write it at once. Refused with the sentence
/// the visit lock gives: which file, who holds it, on which machine, since when. `Ok(None)` when
/// no lock file can be made there (a read-only or missing folder, as for a visit): nothing can
/// be written there either, and what tries says why.
pub fn lock_register(dir: &Path, lang: Lang) -> Result<Option<VisitLock>, String> {
    let shown = display_safe(&register_path(dir).to_string_lossy(), false);
    lock_with(dir, lang, |who| Msg::VisitHeldCli.fill(lang, &[&shown, &who]))
}

/// [`lock_register`] for the TUI's status line: a short sentence, so that who holds it and since
/// when still fit on 80 columns (the folder is the data folder the screen shows).
pub fn lock_register_on_screen(dir: &Path, lang: Lang) -> Result<Option<VisitLock>, String> {
    lock_with(dir, lang, |who| FollowupNextMsg::HeldOnScreen.fill(lang, &[&who]))
}

fn lock_with(dir: &Path, lang: Lang, held: impl Fn(String) -> String) -> Result<Option<VisitLock>, String> {
    let path = register_path(dir);
    let shown = display_safe(&path.to_string_lossy(), false);
    match lock_visit(&path) {
        Ok(LockOutcome::Acquired(lock)) => Ok(Some(lock)),
        Ok(LockOutcome::HeldBy(holder)) => Err(held(holder_text(holder.as_ref(), lang))),
        Ok(LockOutcome::Odd(odd)) => {
            let lock_path = display_safe(&odd.path.to_string_lossy(), false);
            let args: [&dyn std::fmt::Display; 3] = [&shown, &lock_path, &odd.what(lang)];
            Err(Msg::OddLockRefused.fill(lang, &args))
        }
        Err(_) => Ok(None),
    }
}

/// Who holds a lock, in words: user, machine, process and since when.
pub fn holder_text(holder: Option<&Holder>, lang: Lang) -> String {
    match holder {
        Some(h) => {
            let since = h.since.to_zoned_datetime(jiff::tz::TimeZone::system()).strftime("%H:%M %d/%m/%Y").to_string();
            display_safe(&Msg::HolderText.fill(lang, &[&h.user, &h.host, &h.pid, &since]), false)
        }
        None => Msg::HolderUnknown.get(lang).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_of_a_register_is_refused_with_who_holds_it() {
        let dir = tempfile::tempdir().expect("temp");
        let first = lock_register(dir.path(), Lang::En).expect("first lock");
        let refused = lock_register(dir.path(), Lang::En).expect_err("second lock");
        assert!(refused.contains("followup.ron"), "{refused}");
        assert!(refused.contains(&crate::store::lock::current_user()), "{refused}");
        let on_screen = lock_register_on_screen(dir.path(), Lang::En).expect_err("held for the screen too");
        assert!(on_screen.starts_with("The follow-up register is open in "), "{on_screen}");
        assert!(on_screen.contains(&crate::store::lock::current_user()) && on_screen.contains("since"), "{on_screen}");
        drop(first);
        assert!(lock_register(dir.path(), Lang::En).is_ok_and(|l| l.is_some()), "released when dropped");
        let missing = dir.path().join("no such folder");
        assert!(
            lock_register(&missing, Lang::En).is_ok_and(|l| l.is_none()),
            "nothing to lock: the write will say why"
        );
    }
}
