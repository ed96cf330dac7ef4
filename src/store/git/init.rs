//! `khaosat git init`: make a data folder a repository (or adopt the one it is in) that merges
//! visits item by item. Safe to run again, and on a fresh clone: it only adds what is missing,
//! and the driver's config — which git never carries in a clone — is what a clone lacks.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{ATTRIBUTE_LINE, DRIVER_KEY, Git, GitError, IGNORE_LINES, Repo, driver_command};
use crate::strings::{Lang, SyncMsg};

/// What happened to a file `init` keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileEdit {
    Created,
    /// Lines were added to a file that was there.
    Extended,
    Unchanged,
}

/// What happened to the driver's config in this clone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DriverEdit {
    Set,
    /// It named another program (an older or moved khaosat): this one now.
    Replaced {
        before: String,
    },
    Unchanged,
}

/// Whether `.gitattributes` and `.gitignore` were committed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InitCommit {
    Committed,
    /// They are as committed already.
    Nothing,
    /// Git does not know who commits (user.name / user.email unset): written, not committed.
    NeedsIdentity,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitReport {
    pub repo: Repo,
    /// A new repository was made in the folder.
    pub created_repo: bool,
    /// The folder is inside a repository whose top is elsewhere: that one is used.
    pub adopted_parent: bool,
    pub attributes: FileEdit,
    pub ignore: FileEdit,
    pub driver: DriverEdit,
    pub commit: InitCommit,
    /// The repository has a remote to sync with.
    pub has_remote: bool,
}

impl InitReport {
    /// Whether anything was changed.
    pub fn changed(&self) -> bool {
        self.created_repo
            || self.attributes != FileEdit::Unchanged
            || self.ignore != FileEdit::Unchanged
            || self.driver != DriverEdit::Unchanged
            || self.commit == InitCommit::Committed
    }

    /// What was done, one sentence a line, and what to do next.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        let top = self.repo.top.display().to_string();
        let mut lines = Vec::new();
        if self.created_repo {
            lines.push(SyncMsg::InitCreated.fill(lang, &[&top]));
        } else if self.adopted_parent {
            lines.push(SyncMsg::InitAdoptedParent.fill(lang, &[&top]));
        } else {
            lines.push(SyncMsg::InitAdopted.fill(lang, &[&top]));
        }
        let file_line = |name: &str, edit: FileEdit| match edit {
            FileEdit::Created => Some(SyncMsg::InitFileCreated.fill(lang, &[&name])),
            FileEdit::Extended => Some(SyncMsg::InitFileExtended.fill(lang, &[&name])),
            FileEdit::Unchanged => None,
        };
        lines.extend(file_line(".gitattributes", self.attributes));
        lines.extend(file_line(".gitignore", self.ignore));
        match &self.driver {
            DriverEdit::Set => lines.push(SyncMsg::InitDriverSet.get(lang).to_string()),
            DriverEdit::Replaced { before } => lines.push(SyncMsg::InitDriverReplaced.fill(lang, &[before])),
            DriverEdit::Unchanged => {}
        }
        match self.commit {
            InitCommit::Committed => lines.push(SyncMsg::InitCommitted.get(lang).to_string()),
            InitCommit::NeedsIdentity => lines.push(SyncMsg::InitNeedsIdentity.get(lang).to_string()),
            InitCommit::Nothing => {}
        }
        if !self.changed() {
            lines.push(SyncMsg::InitNothingToDo.get(lang).to_string());
        }
        lines.push(if self.has_remote { SyncMsg::InitNextSync } else { SyncMsg::InitNextRemote }.get(lang).to_string());
        lines
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InitError {
    Git(GitError),
    /// The folder could not be made or a file written.
    Io {
        path: PathBuf,
        error: String,
    },
    /// The folder is inside a `.git` folder or a bare repository: no work tree to keep visits in.
    NoWorkTree(PathBuf),
}

impl From<GitError> for InitError {
    fn from(e: GitError) -> InitError {
        InitError::Git(e)
    }
}

impl InitError {
    pub fn display(&self, lang: Lang) -> String {
        match self {
            InitError::Git(e) => e.display(lang),
            InitError::Io { path, error } => SyncMsg::InitIo.fill(lang, &[&path.display(), error]),
            InitError::NoWorkTree(path) => SyncMsg::InitNoWorkTree.fill(lang, &[&path.display()]),
        }
    }
}

/// The commit message of the set-up files (in the team's language).
const INIT_COMMIT_MESSAGE: &str =
    "khaosat git init: gộp tệp .ron theo từng mục (trình gộp khaosat), bỏ qua tệp khóa và tệp tạm";

/// Set `dir` up: a repository (made, or the one it is in), `.gitattributes` and `.gitignore` in
/// `dir`, the driver `program merge-driver %O %A %B %P` in the repository's own config, and a
/// commit of the two files when they are new or changed.
pub fn init(dir: &Path, program: &Path) -> Result<InitReport, InitError> {
    let io_error = |path: &Path, e: io::Error| InitError::Io { path: path.to_path_buf(), error: e.to_string() };
    fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
    let git = Git::new(dir);
    if git.run(&["rev-parse", "--is-inside-git-dir"]).is_ok_and(|out| out.trim() == "true") {
        return Err(InitError::NoWorkTree(dir.to_path_buf()));
    }
    let (repo, created_repo) = match Repo::find(&git)? {
        Some(repo) => (repo, false),
        None => {
            // main, unless the user chose a default branch name of their own.
            let branch = git.config("init.defaultBranch")?.unwrap_or_else(|| "main".to_string());
            git.run(&["init", "--quiet", "--initial-branch", &branch])?;
            let repo = Repo::find(&git)?.ok_or_else(|| InitError::NoWorkTree(dir.to_path_buf()))?;
            (repo, true)
        }
    };
    let same = |a: &Path, b: &Path| fs::canonicalize(a).ok() == fs::canonicalize(b).ok();
    let adopted_parent = !created_repo && !same(&repo.top, dir);

    let attributes_path = dir.join(".gitattributes");
    let attributes = add_lines(&attributes_path, &[ATTRIBUTE_LINE]).map_err(|e| io_error(&attributes_path, e))?;
    let ignore_path = dir.join(".gitignore");
    let ignore = add_lines(&ignore_path, &IGNORE_LINES).map_err(|e| io_error(&ignore_path, e))?;

    let wanted = driver_command(program);
    let driver = match git.run(&["config", "--local", "--get", DRIVER_KEY]).map(|s| s.trim().to_string()) {
        Ok(current) if current == wanted => DriverEdit::Unchanged,
        Ok(current) if !current.is_empty() => DriverEdit::Replaced { before: current },
        _ => DriverEdit::Set,
    };
    if driver != DriverEdit::Unchanged {
        git.run(&["config", "--local", "merge.khaosat.name", "khaosat: gộp phiếu theo từng mục"])?;
        git.run(&["config", "--local", DRIVER_KEY, &wanted])?;
    }
    let commit = commit_setup_files(&git)?;
    let has_remote = !git.run(&["remote"])?.trim().is_empty();
    Ok(InitReport { repo, created_repo, adopted_parent, attributes, ignore, driver, commit, has_remote })
}

/// Commit `.gitattributes` and `.gitignore` (of the folder git runs in) when they differ from
/// what is committed; only those two, whatever else is staged.
fn commit_setup_files(git: &Git) -> Result<InitCommit, GitError> {
    let files = [".gitattributes", ".gitignore"];
    let status = git.run(&["status", "--porcelain", "--untracked-files=all", "--", files[0], files[1]])?;
    if status.trim().is_empty() {
        return Ok(InitCommit::Nothing);
    }
    git.run(&["add", "--", files[0], files[1]])?;
    match git.run(&["commit", "--quiet", "--no-verify", "-m", INIT_COMMIT_MESSAGE, "--", files[0], files[1]]) {
        Ok(_) => Ok(InitCommit::Committed),
        Err(e) if is_identity_error(e.stderr()) => Ok(InitCommit::NeedsIdentity),
        Err(e) => Err(e),
    }
}

/// Whether git refused to commit because it does not know who commits.
pub fn is_identity_error(stderr: &str) -> bool {
    stderr.contains("Please tell me who you are")
        || stderr.contains("unable to auto-detect email address")
        || stderr.contains("empty ident name")
}

/// Append each of `lines` that `path` lacks (as a whole line); create the file when missing.
fn add_lines(path: &Path, lines: &[&str]) -> io::Result<FileEdit> {
    let existing = match fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let text = existing.clone().unwrap_or_default();
    let missing: Vec<&str> = lines.iter().copied().filter(|l| !text.lines().any(|have| have.trim() == *l)).collect();
    if missing.is_empty() {
        return Ok(FileEdit::Unchanged);
    }
    let mut new = text.clone();
    if !new.is_empty() && !new.ends_with('\n') {
        new.push('\n');
    }
    if existing.is_none() {
        new.push_str("# khaosat (khaosat git init)\n");
    }
    for line in missing {
        new.push_str(line);
        new.push('\n');
    }
    super::super::save::write_atomic(path, new.as_bytes())?;
    Ok(if existing.is_some() { FileEdit::Extended } else { FileEdit::Created })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_added_once() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join(".gitignore");
        fs::write(&path, "target\n*.ron.save")?;
        assert_eq!(add_lines(&path, &IGNORE_LINES)?, FileEdit::Extended);
        assert_eq!(add_lines(&path, &IGNORE_LINES)?, FileEdit::Unchanged);
        let text = fs::read_to_string(&path)?;
        assert_eq!(text, "target\n*.ron.save\n.*.ron.lock\n.khaosat-tmp-*\n*.ron.save.old\n");
        let fresh = dir.path().join(".gitattributes");
        assert_eq!(add_lines(&fresh, &[ATTRIBUTE_LINE])?, FileEdit::Created);
        assert!(fs::read_to_string(&fresh)?.ends_with("*.ron merge=khaosat\n"));
        Ok(())
    }
}
