//! The runtime's work for a team's copies (issue 16): the two records being reconciled, held
//! locked while the inspector decides, and the sync run in the background.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::thread;

use crate::core::reconcile::{Picks, ReconcileError, reconcile};
use crate::core::template::Template;
use crate::store::followup_next::find_next_round;
use crate::store::git::sync::{SyncOptions, sync};
use crate::store::reconcile::{LockedPair, open_pair, write};
use crate::strings::{Lang, TeamMsg};
use crate::tui::state::followup::FollowupScreen;
use crate::tui::state::reconcile::ReconcileScreen;
use crate::tui::state::{Event, SyncOutcome};

/// Lock and load two records; the pair stays locked in `held` until written or closed.
pub(super) fn open(a: &Path, b: &Path, templates: &[Template], held: &mut Option<LockedPair>, lang: Lang) -> Event {
    *held = None;
    match open_pair(a, b, templates) {
        Ok(pair) => {
            let screen = ReconcileScreen::new(
                pair.a_path.clone(),
                pair.b_path.clone(),
                pair.a.clone(),
                pair.b.clone(),
                pair.template.clone(),
            );
            *held = Some(pair);
            Event::PairOpened(Ok(Box::new(screen)))
        }
        Err(e) => Event::PairOpened(Err(e.message(lang))),
    }
}

/// Make one visit of the held pair, beside record A; the pair's locks go with it.
pub(super) fn write_pair(picks: &Picks, by: &str, held: &mut Option<LockedPair>, lang: Lang) -> Event {
    let Some(pair) = held.take() else {
        return Event::Reconciled(Err(TeamMsg::ReconcileNotOpen.get(lang).to_string()));
    };
    let now = crate::core::visit::now();
    let result = match reconcile(&pair.a, &pair.b, picks, by, now) {
        Ok(visit) => visit,
        // The pair was checked when opened, and every difference is decided before writing:
        // only a difference left undecided can get here.
        Err(ReconcileError::Unpicked(left)) => {
            return Event::Reconciled(Err(TeamMsg::ReconcileStillToDecide.fill(lang, &[&left.len()])));
        }
        Err(_) => return Event::Reconciled(Err(TeamMsg::ReconcileNotOpen.get(lang).to_string())),
    };
    let dir = pair.a_path.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    Event::Reconciled(write(&dir, &pair, result).map_err(|e| e.message(lang)))
}

/// Sync the data folder in a thread; the result comes back as [`Event::Synced`].
pub(super) fn spawn_sync(dir: PathBuf, lang: Lang, tx: Sender<Event>) {
    thread::spawn(move || {
        let _ = tx.send(Event::Synced(sync_outcome(&dir, lang)));
    });
}

/// The sync `khaosat sync` runs, with no one to answer a prompt (ssh in batch mode), in the
/// sentences it prints.
fn sync_outcome(dir: &Path, lang: Lang) -> Result<SyncOutcome, String> {
    let options = SyncOptions { batch: true, ..SyncOptions::default() };
    let report = sync(dir, &options).map_err(|e| e.display(dir, lang))?;
    let in_repo = |path: &String| report.top.join(path);
    Ok(SyncOutcome {
        lines: report.lines(lang),
        conflicted: report.conflicts.iter().map(|(path, _)| in_repo(path)).collect(),
        hand_merge: report.text_merges.iter().map(in_repo).collect(),
    })
}

/// Read the data folder's follow-up register in a thread (checking it against the round means
/// reading the round's visits); the result comes back as [`Event::FollowupOpened`].
pub(super) fn spawn_open_followup(dir: PathBuf, templates: Vec<Template>, lang: Lang, tx: Sender<Event>) {
    thread::spawn(move || {
        let _ = tx.send(open_followup(&dir, &templates, lang));
    });
}

/// The data folder's follow-up register, checked against the round (a branch or item no longer
/// in it, a due date before it: `path:line:col` and nothing opened), or made from the round's
/// findings when there is none yet (then with how many actions were added), and checked against
/// the next round when a sibling folder holds one (see [`find_next_round`]). Overdue is measured
/// against today.
fn open_followup(dir: &Path, templates: &[Template], lang: Lang) -> Event {
    use crate::store::followup::{init_register, load_checked, read_round, register_path};
    let round = read_round(dir, templates, lang);
    let (register, created) = match load_checked(dir, &round) {
        Ok(Some(register)) => (register, None),
        Ok(None) => match init_register(dir, templates, lang) {
            Ok((register, added, _)) => (register, Some(added)),
            Err(e) => return Event::FollowupOpened(Err(e.display(lang))),
        },
        Err(e) => return Event::FollowupOpened(Err(e.display(lang))),
    };
    let today = crate::core::visit::now().to_zoned_datetime(jiff::tz::TimeZone::system()).date();
    let next = find_next_round(dir, templates, lang);
    let path = register_path(dir);
    let findings = crate::core::followup::findings_in(templates, &register, lang);
    let screen =
        FollowupScreen { path, register, by_finding: false, selected: 0, today, next, confirm_all: false, findings };
    Event::FollowupOpened(Ok((Box::new(screen), created)))
}
