//! What a sync did, for the command line and the TUI: [`SyncReport`] and its sentences.

use std::path::PathBuf;
use std::time::Duration;

use crate::store::lock::Holder;
use crate::strings::{Lang, SyncMsg};

/// What the sync found of the team's copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemoteState {
    /// The repository has no remote: everything stays local.
    NoRemote,
    /// It could not be reached (offline, server down, refused): everything stays committed locally.
    Unreachable {
        remote: String,
        reason: String,
    },
    Reached {
        remote: String,
    },
}

/// Whether the team's changes came in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PullState {
    /// Not tried (no remote, unreachable) or nothing new.
    Nothing,
    Merged,
    /// The merge would change visits open in a checklist session: left for the next sync.
    SkippedOpen(Vec<(String, Option<Holder>)>),
    /// Files git merged as text (text markers) wait for a hand merge: the merge is left unfinished.
    HandMerge,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PushState {
    Pushed { commits: usize },
    UpToDate,
    NotPushed(NotPushed),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotPushed {
    NoRemote,
    Unreachable,
    /// The team's copy has changes not merged here yet (a visit was open, or a hand merge waits).
    BehindTeam,
    /// Refused by the remote for another reason (what git said).
    Refused(String),
}

/// One file changed, in words: "Chi bộ số 11: 2 câu trả lời".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    /// The path in the repository.
    pub path: String,
    pub label: String,
    pub words: String,
}

/// What a sync did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncReport {
    pub top: PathBuf,
    /// Lock files a killed git left, removed.
    pub stale_locks: Vec<PathBuf>,
    /// Files a killed git left half written: (path, where their text was kept); the committed
    /// version was put back.
    pub repaired: Vec<(String, PathBuf)>,
    /// A merge a previous sync left unfinished was concluded.
    pub concluded_merge: bool,
    /// This inspector's files committed, and the commit's message.
    pub committed: Vec<FileChange>,
    pub message: Option<String>,
    pub remote: RemoteState,
    pub pull: PullState,
    /// Files the team changed, brought in by this sync.
    pub pulled: Vec<FileChange>,
    pub push: PushState,
    /// Visits holding conflicts kept as data (path, how many), to resolve in the checklist.
    pub conflicts: Vec<(String, usize)>,
    /// Files with git's text markers: merged as text, waiting for a hand merge.
    pub text_merges: Vec<String>,
    pub total_time: Duration,
    /// Of which in git.
    pub git_time: Duration,
}

impl SyncReport {
    /// What happened, one sentence a line, for the command line (and the TUI's status).
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        let mut lines = Vec::new();
        if !self.stale_locks.is_empty() {
            lines.push(SyncMsg::SyncStaleLocks.fill(lang, &[&self.stale_locks.len()]));
        }
        for (path, kept) in &self.repaired {
            lines.push(SyncMsg::SyncRepaired.fill(lang, &[path, &kept.display()]));
        }
        if self.concluded_merge {
            lines.push(SyncMsg::SyncConcluded.get(lang).to_string());
        }
        if self.committed.is_empty() {
            lines.push(SyncMsg::SyncNothingToCommit.get(lang).to_string());
        } else {
            lines.push(SyncMsg::SyncCommitted.fill(lang, &[&self.committed.len()]));
            lines.extend(self.committed.iter().map(|c| format!("  {}: {}", c.label, c.words)));
        }
        match &self.remote {
            RemoteState::NoRemote => lines.push(SyncMsg::SyncNoRemote.get(lang).to_string()),
            RemoteState::Unreachable { remote, reason } => {
                lines.push(SyncMsg::SyncUnreachable.fill(lang, &[remote, reason]))
            }
            RemoteState::Reached { .. } => {}
        }
        match &self.pull {
            PullState::Merged => {
                lines.push(SyncMsg::SyncPulled.fill(lang, &[&self.pulled.len()]));
                lines.extend(self.pulled.iter().map(|c| format!("  {}: {}", c.label, c.words)));
            }
            PullState::SkippedOpen(open) => {
                for (path, holder) in open {
                    let who = holder.as_ref().map(|h| format!("{}@{}", h.user, h.host)).unwrap_or_default();
                    lines.push(SyncMsg::SyncSkippedOpen.fill(lang, &[path, &who]));
                }
            }
            PullState::HandMerge | PullState::Nothing => {}
        }
        match &self.push {
            PushState::Pushed { commits } => lines.push(SyncMsg::SyncPushed.fill(lang, &[commits])),
            PushState::UpToDate if matches!(self.remote, RemoteState::Reached { .. }) => {
                lines.push(SyncMsg::SyncUpToDate.get(lang).to_string())
            }
            PushState::NotPushed(NotPushed::Refused(why)) => lines.push(SyncMsg::SyncRefusedPush.fill(lang, &[why])),
            PushState::NotPushed(NotPushed::BehindTeam) if self.text_merges.is_empty() => {
                lines.push(SyncMsg::SyncNotPushedBehind.get(lang).to_string())
            }
            _ => {}
        }
        for (path, count) in &self.conflicts {
            lines.push(SyncMsg::SyncConflicts.fill(lang, &[path, count]));
        }
        for path in &self.text_merges {
            lines.push(SyncMsg::SyncHandMerge.fill(lang, &[path]));
        }
        lines
    }

    /// Whether the user must act before the next sync can finish (a hand merge waits).
    pub fn needs_hand_merge(&self) -> bool {
        !self.text_merges.is_empty()
    }
}
