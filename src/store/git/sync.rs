//! `khaosat sync`: commit this inspector's visits, merge the team's (with the khaosat driver),
//! push. Offline is not an error: everything stays committed locally until the next sync.
//!
//! Nothing is ever thrown away: no `reset --hard`, no `checkout --` of a user's file. A sync
//! killed at any point leaves what the next one finishes: git's locks of a dead git are removed
//! (a live git is waited for), an unfinished merge is concluded, commits not pushed are pushed.
//!
//! A visit open in a checklist session (its lock held) is still committed as it is on disk —
//! the checklist saves every answer at once — but nothing is merged into it: the session would
//! keep its own copy in memory and ask, on the next answer, whether to overwrite what was pulled.
//! When the merge would change an open visit, the pull waits for the next sync (and so does the
//! push, when the team's copy has moved on). The locks of the visits the merge changes are held
//! by the sync while it merges, so no session opens one halfway.
//!
//! Nothing here prints: the report says what happened, for the command line or the TUI.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::doctor::{self, Finding};
use super::recover::{Busy, SYNC_LOCK, WAIT_FOR_GIT, clear_stale_locks};
pub use super::report::{FileChange, NotPushed, PullState, PushState, RemoteState, SyncReport};
use super::{DRIVER_NAME, Git, GitError, Repo, last_lines};
use crate::core::changes::{change_words, commit_message, describe, visit_labels};
use crate::core::visit::Visit;
use crate::store::conflict::conflict_line;
use crate::store::lock::{LockOutcome, lock_visit};
use crate::strings::{Lang, SyncMsg};

/// The message of a merge commit (in the team's language).
const MERGE_MESSAGE: &str = "Gộp dữ liệu của đoàn";

/// How many times a push refused because the team's copy moved meanwhile is retried (after
/// merging again).
const PUSH_ATTEMPTS: usize = 3;

#[derive(Debug, Clone)]
pub struct SyncOptions {
    /// No one can answer a prompt (the TUI runs the sync in a thread): ssh in batch mode.
    pub batch: bool,
    /// How long to wait for another git working in the repository before giving up.
    pub wait_for_git: Duration,
}

impl Default for SyncOptions {
    fn default() -> SyncOptions {
        SyncOptions { batch: false, wait_for_git: WAIT_FOR_GIT }
    }
}

/// Why a sync did not run (or stopped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncError {
    Git(GitError),
    NotARepository(PathBuf),
    /// `.ron` files are not sent to the khaosat driver, or the driver is not configured in this
    /// clone, or its program is gone: `khaosat git init` fixes each.
    NotSetUp(Finding),
    AlreadyRunning,
    GitRunning(u32),
    RecentLock(PathBuf),
    Rebase,
    Detached,
    NoIdentity,
    Io(String),
}

impl From<GitError> for SyncError {
    fn from(e: GitError) -> SyncError {
        SyncError::Git(e)
    }
}

impl SyncError {
    /// A sentence saying what to do. `dir` as the user named it.
    pub fn display(&self, dir: &Path, lang: Lang) -> String {
        match self {
            SyncError::Git(e) => e.display(lang),
            SyncError::NotARepository(_) => Finding::NotARepository.sentence(dir, lang),
            SyncError::NotSetUp(finding) => {
                format!("{} {}", SyncMsg::SyncRefused.get(lang), finding.sentence(dir, lang))
            }
            SyncError::AlreadyRunning => SyncMsg::SyncAlreadyRunning.get(lang).to_string(),
            SyncError::GitRunning(pid) => SyncMsg::SyncGitRunning.fill(lang, &[pid]),
            SyncError::RecentLock(path) => SyncMsg::SyncRecentLock.fill(lang, &[&path.display()]),
            SyncError::Rebase => Finding::RebaseUnfinished.sentence(dir, lang),
            SyncError::Detached => SyncMsg::SyncDetached.get(lang).to_string(),
            SyncError::NoIdentity => Finding::NoIdentity.sentence(dir, lang),
            SyncError::Io(e) => SyncMsg::SyncIo.fill(lang, &[e]),
        }
    }
}

/// Sync the repository `dir` is in: commit the visits changed under `dir`, merge the team's,
/// push. See the module's documentation for what happens to open visits and after a kill.
pub fn sync(dir: &Path, options: &SyncOptions) -> Result<SyncReport, SyncError> {
    let started = Instant::now();
    let probe = Git::new(dir);
    let repo = Repo::find(&probe)?.ok_or_else(|| SyncError::NotARepository(dir.to_path_buf()))?;
    let mut git = Git::new(&repo.top);
    if options.batch && std::env::var_os("GIT_SSH_COMMAND").is_none() && git.config("core.sshCommand")?.is_none() {
        git = git.with_env("GIT_SSH_COMMAND", "ssh -o BatchMode=yes -o ConnectTimeout=20");
    }
    check_set_up(&probe)?;
    let _sync_lock = take_sync_lock(&repo)?;
    let stale_locks = clear_stale_locks(&repo, options.wait_for_git).map_err(|busy| match busy {
        Busy::GitRunning(pid) => SyncError::GitRunning(pid),
        Busy::RecentLock(path) => SyncError::RecentLock(path),
    })?;
    if repo.rebasing() {
        return Err(SyncError::Rebase);
    }
    if !git.check(&["var", "GIT_COMMITTER_IDENT"])? || !git.check(&["var", "GIT_AUTHOR_IDENT"])? {
        return Err(SyncError::NoIdentity);
    }
    let branch = git.run(&["symbolic-ref", "--quiet", "--short", "HEAD"]).map_err(|_| SyncError::Detached)?;
    let branch = branch.trim().to_string();
    let prefix = repo.relative(dir).unwrap_or_default();

    let mut report = SyncReport {
        top: repo.top.clone(),
        stale_locks,
        repaired: Vec::new(),
        concluded_merge: false,
        committed: Vec::new(),
        message: None,
        remote: RemoteState::NoRemote,
        pull: PullState::Nothing,
        pulled: Vec::new(),
        push: PushState::NotPushed(NotPushed::NoRemote),
        conflicts: Vec::new(),
        text_merges: Vec::new(),
        total_time: Duration::ZERO,
        git_time: Duration::ZERO,
    };
    let ready = !repo.merging() || conclude_merge(&git, &repo, &mut report)?;
    if ready {
        if !report.stale_locks.is_empty() {
            set_aside_damaged(&git, &repo, &prefix, &mut report)?;
        }
        commit_local(&git, &repo, &prefix, &mut report)?;
        exchange(&git, &repo, &branch, &mut report)?;
    }
    note_conflicts(&repo, dir, &mut report);
    report.git_time = git.spent() + probe.spent();
    report.total_time = started.elapsed();
    Ok(report)
}

/// Refuse to sync a clone git would merge visits in as text.
fn check_set_up(git: &Git) -> Result<(), SyncError> {
    if let Some(finding) = doctor::driver_finding(git)? {
        return Err(SyncError::NotSetUp(finding));
    }
    let attribute = git.run(&["check-attr", "merge", "--", "x.ron"])?;
    if !attribute.trim_end().ends_with(&format!(": merge: {DRIVER_NAME}")) {
        return Err(SyncError::NotSetUp(Finding::NoAttribute));
    }
    Ok(())
}

/// Hold the clone's sync lock for the sync's life (an OS lock: a killed sync releases it).
fn take_sync_lock(repo: &Repo) -> Result<File, SyncError> {
    let path = repo.git_dir.join(SYNC_LOCK);
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| SyncError::Io(format!("{}: {e}", path.display())))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(fs::TryLockError::WouldBlock) => Err(SyncError::AlreadyRunning),
        Err(fs::TryLockError::Error(e)) => Err(SyncError::Io(format!("{}: {e}", path.display()))),
    }
}

/// Paths (from the top) git lists NUL-separated.
fn nul_list(text: &str) -> Vec<String> {
    text.split('\0').filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// The paths git still has unmerged, once each.
fn unmerged_paths(git: &Git) -> Result<Vec<Unmerged>, GitError> {
    let out = git.run(&["ls-files", "--unmerged", "-z"])?;
    let mut paths: Vec<Unmerged> = Vec::new();
    // "MODE SHA STAGE\tPATH", one per stage, a path's stages together.
    for entry in nul_list(&out) {
        let Some((info, path)) = entry.split_once('\t') else { continue };
        let mut words = info.split(' ');
        let (sha, stage) = (words.nth(1).unwrap_or_default(), words.next().unwrap_or_default());
        if paths.last().is_none_or(|u| u.path != path) {
            paths.push(Unmerged { path: path.to_string(), ours: None, theirs: None });
        }
        if let Some(last) = paths.last_mut() {
            match stage {
                "2" => last.ours = Some(sha.to_string()),
                "3" => last.theirs = Some(sha.to_string()),
                _ => {}
            }
        }
    }
    Ok(paths)
}

/// A path git could not merge, with the blobs of its two sides.
struct Unmerged {
    path: String,
    ours: Option<String>,
    theirs: Option<String>,
}

/// Conclude the unfinished merge: visits the driver merged (conflicts kept as data, no text
/// markers) are added; a file with text markers, or any other file git could not merge, waits
/// for a hand merge and the merge stays unfinished. Returns whether the merge was concluded.
fn conclude_merge(git: &Git, repo: &Repo, report: &mut SyncReport) -> Result<bool, SyncError> {
    let mut resolved = Vec::new();
    let mut by_hand = Vec::new();
    for unmerged in unmerged_paths(git)? {
        let path = unmerged.path.clone();
        let file = repo.top.join(&path);
        let is_ron = path.ends_with(".ron");
        match fs::read_to_string(&file) {
            Ok(text) if is_ron && conflict_line(&text).is_none() && !only_ours(git, &unmerged)? => resolved.push(path),
            // Both sides' versions are in git's stages; the work tree has none to add.
            Err(e) if is_ron && e.kind() == io::ErrorKind::NotFound => resolved.push(path),
            _ => by_hand.push(path),
        }
    }
    if !resolved.is_empty() {
        add_paths(git, &resolved)?;
    }
    if !by_hand.is_empty() {
        report.text_merges = by_hand;
        report.pull = PullState::HandMerge;
        report.push = PushState::NotPushed(NotPushed::BehindTeam);
        return Ok(false);
    }
    // git writes MERGE_HEAD before MERGE_MSG: a merge killed between the two has no message.
    let message = fs::read_to_string(repo.git_dir.join("MERGE_MSG")).unwrap_or_default();
    let message: Vec<&str> = message.lines().filter(|l| !l.starts_with('#')).collect();
    let message = message.join("\n");
    let message = if message.trim().is_empty() { MERGE_MESSAGE.to_string() } else { message };
    git.run(&["commit", "--quiet", "-m", &message])?;
    report.concluded_merge = true;
    Ok(true)
}

/// Whether the work tree holds exactly our side of a file whose other side differs: a driver
/// that failed without writing anything leaves that, and adding it would drop the team's side.
fn only_ours(git: &Git, unmerged: &Unmerged) -> Result<bool, GitError> {
    let (Some(ours), Some(theirs)) = (&unmerged.ours, &unmerged.theirs) else { return Ok(false) };
    if ours == theirs {
        return Ok(false);
    }
    let now = git.run(&["hash-object", "--", &unmerged.path])?;
    Ok(now.trim() == ours)
}

/// `git add -A` of exactly these paths (from the top).
fn add_paths(git: &Git, paths: &[String]) -> Result<(), GitError> {
    let list = nul_joined(paths);
    git.run_with(&["--literal-pathspecs", "add", "-A", "--pathspec-from-file=-", "--pathspec-file-nul"], Some(&list))
        .map(|_| ())
}

fn nul_joined(paths: &[String]) -> Vec<u8> {
    let mut bytes = Vec::new();
    for p in paths {
        bytes.extend_from_slice(p.as_bytes());
        bytes.push(0);
    }
    bytes
}

/// The files a sync commits: visit files (and round.ron, report.ron) under the folder, and the
/// set-up files `khaosat git init` writes there; never hidden files (locks, temporary files).
fn is_synced_file(path: &str, prefix: &str) -> bool {
    let inside = prefix.is_empty() || path.starts_with(&format!("{prefix}/"));
    let name = path.rsplit('/').next().unwrap_or(path);
    inside && ((name.ends_with(".ron") && !name.starts_with('.')) || name == ".gitattributes" || name == ".gitignore")
}

/// The `.ron` files under the folder that differ from HEAD (or are new), from the top.
fn touched_files(git: &Git, prefix: &str) -> Result<Vec<String>, GitError> {
    let scope = if prefix.is_empty() { ".".to_string() } else { prefix.to_string() };
    let status = git.run(&[
        "--literal-pathspecs",
        "status",
        "--porcelain=v1",
        "-z",
        "--untracked-files=all",
        "--no-renames",
        "--",
        &scope,
    ])?;
    Ok(nul_list(&status)
        .into_iter()
        .filter_map(|entry| entry.get(3..).map(str::to_string))
        .filter(|path| is_synced_file(path, prefix))
        .collect())
}

/// Whether `bytes` read as a visit or a round (what the checklist and `round` write, whole).
fn readable(path: &str, bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else { return false };
    ron::Options::default().from_str::<Visit>(text).is_ok()
        || crate::store::round::parse_round(Path::new(path), text).is_ok()
}

/// After a git killed midway (its locks were left): git writes the files of a merge in place,
/// so a kill can leave one half written. The checklist writes whole files only, so a visit that
/// no longer reads while its committed version does is git's half-written file, not this
/// inspector's change: its text is kept in `.git/khaosat-damaged/` and the committed version put
/// back (the merge then runs again). A half-written new file is moved there too.
fn set_aside_damaged(git: &Git, repo: &Repo, prefix: &str, report: &mut SyncReport) -> Result<(), SyncError> {
    let io = |e: io::Error| SyncError::Io(e.to_string());
    let touched: Vec<String> = touched_files(git, prefix)?.into_iter().filter(|p| p.ends_with(".ron")).collect();
    let committed = git.blobs("HEAD", &touched)?;
    let aside = repo.git_dir.join("khaosat-damaged");
    let stamp = jiff::Timestamp::now().as_second();
    for (path, committed) in touched.iter().zip(committed) {
        let file = repo.top.join(path);
        let Ok(now) = fs::read(&file) else { continue };
        if readable(path, &now) || committed.as_ref().is_some_and(|c| !readable(path, c)) {
            continue;
        }
        fs::create_dir_all(&aside).map_err(io)?;
        let kept = aside.join(format!("{stamp}-{}", path.replace('/', "_")));
        fs::write(&kept, &now).map_err(io)?;
        match committed {
            Some(bytes) => crate::store::save::write_atomic(&file, &bytes).map_err(io)?,
            None => fs::remove_file(&file).map_err(io)?,
        }
        report.repaired.push((path.clone(), kept));
    }
    Ok(())
}

/// Commit this inspector's changed files under the folder, with a message saying what changed.
fn commit_local(git: &Git, repo: &Repo, prefix: &str, report: &mut SyncReport) -> Result<(), SyncError> {
    let scope = if prefix.is_empty() { ".".to_string() } else { prefix.to_string() };
    let touched = touched_files(git, prefix)?;
    // Git's text markers are never committed: a merge killed before it recorded itself leaves
    // them in files git had merged as text. They wait for a hand, as in an unfinished merge.
    let (marked, touched): (Vec<String>, Vec<String>) = touched
        .into_iter()
        .partition(|path| fs::read_to_string(repo.top.join(path)).is_ok_and(|text| conflict_line(&text).is_some()));
    report.text_merges.extend(marked);
    if touched.is_empty() {
        return Ok(());
    }
    add_paths(git, &touched)?;
    // What differs from HEAD once added: a commit killed after it moved HEAD but before it wrote
    // the index leaves files that status lists and that have nothing left to commit.
    let staged =
        git.run(&["--literal-pathspecs", "diff", "--cached", "--name-only", "-z", "--no-renames", "--", &scope])?;
    let touched: std::collections::BTreeSet<String> = touched.into_iter().collect();
    let changed: Vec<String> = nul_list(&staged).into_iter().filter(|path| touched.contains(path)).collect();
    if changed.is_empty() {
        return Ok(());
    }
    let before = git.blobs("HEAD", &changed)?;
    let after: Vec<Option<Vec<u8>>> = changed.iter().map(|p| fs::read(repo.top.join(p)).ok()).collect();
    let changes = describe_files(&changed, &before, &after);
    let message = commit_message(&changes.iter().map(|c| (c.label.clone(), c.words.clone())).collect::<Vec<_>>());
    let list = nul_joined(&changed);
    let commit = git.run_with(
        &[
            "--literal-pathspecs",
            "commit",
            "--quiet",
            "-m",
            &message,
            "--only",
            "--pathspec-from-file=-",
            "--pathspec-file-nul",
        ],
        Some(&list),
    );
    match commit {
        Ok(_) => {}
        Err(e) if super::init::is_identity_error(e.stderr()) => return Err(SyncError::NoIdentity),
        Err(e) => return Err(e.into()),
    }
    report.committed = changes;
    report.message = Some(message);
    Ok(())
}

/// Each file's change in words, from its contents before (none: new) and after (none: deleted).
fn describe_files(paths: &[String], before: &[Option<Vec<u8>>], after: &[Option<Vec<u8>>]) -> Vec<FileChange> {
    let lang = Lang::Vi;
    let parse = |bytes: &Option<Vec<u8>>| -> Option<Visit> {
        let text = std::str::from_utf8(bytes.as_deref()?).ok()?;
        ron::Options::default().from_str::<Visit>(text).ok()
    };
    let visits: Vec<(Option<Visit>, Option<Visit>)> =
        before.iter().zip(after).map(|(b, a)| (parse(b), parse(a))).collect();
    let current: Vec<&Visit> = visits.iter().filter_map(|(_, a)| a.as_ref()).collect();
    let mut labels = visit_labels(&current).into_iter();
    let mut changes = Vec::new();
    for (i, path) in paths.iter().enumerate() {
        let name = path.rsplit('/').next().unwrap_or(path).to_string();
        let (label, words) = match (&visits[i], before[i].is_some(), after[i].is_some()) {
            ((old, Some(new)), had, _) if old.is_some() || !had => {
                (labels.next().unwrap_or(name), change_words(&describe(old.as_ref(), new), lang))
            }
            ((_, Some(_)), _, _) => (labels.next().unwrap_or(name), SyncMsg::ChangeFile.get(lang).to_string()),
            (_, _, false) => (name, SyncMsg::ChangeDeleted.get(lang).to_string()),
            (_, false, true) => (name, SyncMsg::ChangeNewFile.get(lang).to_string()),
            _ => (name, SyncMsg::ChangeFile.get(lang).to_string()),
        };
        changes.push(FileChange { path: path.clone(), label, words });
    }
    changes
}

/// The remote to sync with and the branch there: the branch's upstream, else `origin` (or the
/// only remote) and a branch of the same name.
fn remote_of(git: &Git, branch: &str) -> Result<Option<(String, String, bool)>, GitError> {
    let remote = git.config(&format!("branch.{branch}.remote"))?;
    let merge = git.config(&format!("branch.{branch}.merge"))?;
    if let (Some(remote), Some(merge)) = (remote, merge) {
        let name = merge.strip_prefix("refs/heads/").unwrap_or(&merge).to_string();
        return Ok(Some((remote, name, true)));
    }
    let remotes: Vec<String> = git.run(&["remote"])?.lines().map(str::to_string).collect();
    let remote = remotes.iter().find(|r| *r == "origin").or(remotes.first()).cloned();
    Ok(remote.map(|r| (r, branch.to_string(), false)))
}

/// The team's branch for a local branch that tracks none yet (a repository made with
/// `khaosat git init` before the remote was added, or a clone of an empty repository): the
/// remote's branch of the same name, else the remote's default branch, else its only branch,
/// else a new branch of the same name.
fn team_branch(git: &Git, remote: &str, branch: &str) -> Result<String, GitError> {
    let prefix = format!("refs/remotes/{remote}/");
    let listed = git.run(&["for-each-ref", "--format=%(refname)", &prefix])?;
    let branches: Vec<&str> = listed.lines().filter_map(|r| r.strip_prefix(&prefix)).filter(|b| *b != "HEAD").collect();
    if branches.contains(&branch) {
        return Ok(branch.to_string());
    }
    let head = git.run(&["symbolic-ref", "--quiet", &format!("{prefix}HEAD")]).unwrap_or_default();
    if let Some(default) = head.trim().strip_prefix(&prefix).filter(|b| branches.contains(b)) {
        return Ok(default.to_string());
    }
    Ok(match branches.as_slice() {
        [only] => only.to_string(),
        _ => branch.to_string(),
    })
}

/// Git's settings for talking to a remote: give up on a stalled connection instead of hanging.
const NETWORK: [&str; 4] = ["-c", "http.lowSpeedLimit=1", "-c", "http.lowSpeedTime=30"];

/// Fetch, merge and push, retrying when someone pushed in between.
fn exchange(git: &Git, repo: &Repo, branch: &str, report: &mut SyncReport) -> Result<(), SyncError> {
    let Some((remote, remote_branch, tracked)) = remote_of(git, branch)? else {
        report.remote = RemoteState::NoRemote;
        report.push = PushState::NotPushed(NotPushed::NoRemote);
        return Ok(());
    };
    let mut remote_branch = remote_branch;
    for attempt in 0..PUSH_ATTEMPTS {
        let fetch = git.output(&[&NETWORK[..], &["fetch", "--quiet", "--no-tags", &remote]].concat(), None)?;
        if !fetch.status.success() {
            let reason = last_lines(&String::from_utf8_lossy(&fetch.stderr), 1);
            report.remote = RemoteState::Unreachable { remote, reason };
            report.push = PushState::NotPushed(NotPushed::Unreachable);
            return Ok(());
        }
        report.remote = RemoteState::Reached { remote: remote.clone() };
        if !tracked && attempt == 0 {
            remote_branch = team_branch(git, &remote, &remote_branch)?;
        }
        let upstream = format!("refs/remotes/{remote}/{remote_branch}");
        let has_upstream = git.check(&["rev-parse", "--verify", "--quiet", &format!("{upstream}^{{commit}}")])?;
        if has_upstream && !git.check(&["merge-base", "--is-ancestor", &upstream, "HEAD"])? {
            merge(git, repo, &upstream, report)?;
            if report.pull != PullState::Merged {
                report.push = PushState::NotPushed(NotPushed::BehindTeam);
                return Ok(());
            }
        }
        let ahead = if has_upstream {
            git.run(&["rev-list", "--count", &format!("{upstream}..HEAD")])?
        } else {
            git.run(&["rev-list", "--count", "HEAD"]).unwrap_or_default()
        };
        let ahead: usize = ahead.trim().parse().unwrap_or(0);
        if ahead == 0 {
            report.push = PushState::UpToDate;
            return Ok(());
        }
        let refspec = format!("HEAD:refs/heads/{remote_branch}");
        let mut args: Vec<&str> = [&NETWORK[..], &["push", "--quiet", "--porcelain"]].concat();
        if !tracked {
            args.push("--set-upstream");
        }
        args.extend([remote.as_str(), refspec.as_str()]);
        let push = git.output(&args, None)?;
        if push.status.success() {
            report.push = PushState::Pushed { commits: ahead };
            return Ok(());
        }
        let said = format!("{}\n{}", String::from_utf8_lossy(&push.stdout), String::from_utf8_lossy(&push.stderr));
        if said.contains("[rejected]") || said.contains("fetch first") || said.contains("non-fast-forward") {
            continue;
        }
        report.push = PushState::NotPushed(NotPushed::Refused(last_lines(&said, 1)));
        return Ok(());
    }
    report.push = PushState::NotPushed(NotPushed::BehindTeam);
    Ok(())
}

/// Merge `upstream` into HEAD with the khaosat driver, unless it would change an open visit.
fn merge(git: &Git, repo: &Repo, upstream: &str, report: &mut SyncReport) -> Result<(), SyncError> {
    let before = git.run(&["rev-parse", "--verify", "--quiet", "HEAD"]).map(|s| s.trim().to_string()).ok();
    // The files the merge writes: those the team changed since the common ancestor.
    let base = git.run(&["merge-base", "HEAD", upstream]).map(|s| s.trim().to_string()).ok();
    let theirs = match &base {
        Some(base) => nul_list(&git.run(&["diff", "--name-only", "-z", "--no-renames", base, upstream])?),
        // Unrelated histories (a folder set up before it was joined to the team's): all of theirs.
        None => nul_list(&git.run(&["ls-tree", "-r", "-z", "--name-only", upstream])?),
    };
    let mut held = Vec::new();
    let mut open = Vec::new();
    for path in theirs.iter().filter(|p| p.ends_with(".ron")) {
        let file = repo.top.join(path);
        if !file.is_file() {
            continue;
        }
        match lock_visit(&file) {
            Ok(LockOutcome::Acquired(lock)) => held.push(lock),
            Ok(LockOutcome::HeldBy(holder)) => open.push((path.clone(), holder)),
            // Something planted at the lock path: no session can hold it either.
            Ok(LockOutcome::Odd(_)) | Err(_) => {}
        }
    }
    if !open.is_empty() {
        report.pull = PullState::SkippedOpen(open);
        return Ok(());
    }
    let message = format!("{MERGE_MESSAGE} từ {}", upstream.trim_start_matches("refs/remotes/"));
    let merged = git
        .output(&["merge", "--no-edit", "--no-stat", "--allow-unrelated-histories", "-m", &message, upstream], None)?;
    if !merged.status.success() {
        if !repo.merging() {
            return Err(SyncError::Git(GitError::Failed {
                command: format!("merge {upstream}"),
                code: merged.status.code(),
                stderr: format!(
                    "{}{}",
                    String::from_utf8_lossy(&merged.stdout),
                    String::from_utf8_lossy(&merged.stderr)
                ),
            }));
        }
        if !conclude_merge(git, repo, report)? {
            return Ok(());
        }
        report.concluded_merge = false;
    }
    drop(held);
    report.pull = PullState::Merged;
    let after = git.run(&["rev-parse", "HEAD"])?.trim().to_string();
    let changed = match &before {
        Some(before) => nul_list(&git.run(&["diff", "--name-only", "-z", "--no-renames", before, &after])?),
        None => nul_list(&git.run(&["ls-tree", "-r", "-z", "--name-only", &after])?),
    };
    let old = match &before {
        Some(before) => git.blobs(before, &changed)?,
        None => vec![None; changed.len()],
    };
    let new = git.blobs(&after, &changed)?;
    report.pulled = describe_files(&changed, &old, &new);
    Ok(())
}

/// The visits under `dir` that keep conflicts, and files with text markers.
fn note_conflicts(repo: &Repo, dir: &Path, report: &mut SyncReport) {
    for finding in doctor::conflicts_in(dir) {
        match finding {
            Finding::Conflicts { file, count } => report.conflicts.push((relative(repo, &file), count)),
            Finding::Markers { file, .. } => {
                let path = relative(repo, &file);
                if !report.text_merges.contains(&path) {
                    report.text_merges.push(path);
                }
            }
            _ => {}
        }
    }
}

fn relative(repo: &Repo, file: &Path) -> String {
    repo.relative(file).unwrap_or_else(|| file.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_visible_ron_files_and_set_up_files_of_the_folder_are_synced() {
        assert!(is_synced_file("a.ron", ""));
        assert!(is_synced_file("round-967/2022-04-05_chi-bo-so-11.ron", "round-967"));
        assert!(is_synced_file("round-967/.gitattributes", "round-967"));
        assert!(!is_synced_file("other/a.ron", "round-967"));
        assert!(!is_synced_file(".a.ron.lock", ""));
        assert!(!is_synced_file(".khaosat-tmp-a.ron-x1", ""));
        assert!(!is_synced_file("a.ron.save", ""));
        assert!(!is_synced_file(".hidden.ron", ""));
        assert!(!is_synced_file("report.docx", ""));
    }
}
