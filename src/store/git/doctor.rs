//! `khaosat git doctor`: what stops this clone from syncing well, each with the command that
//! fixes it. The common case is a fresh clone: git carries `.gitattributes` but never the
//! driver's config, so git would merge visits as text until `khaosat git init` is run there.

use std::path::{Path, PathBuf};

use super::{ATTRIBUTE_LINE, DRIVER_KEY, DRIVER_NAME, Git, GitError, Repo, driver_program};
use crate::core::visit::Visit;
use crate::store::conflict::conflict_line;
use crate::store::find_visit_files;
use crate::strings::{Lang, SyncMsg};

/// One thing wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    NotARepository,
    /// `.ron` files of the folder are not sent to the khaosat driver.
    NoAttribute,
    /// The driver is not in this clone's config.
    NoDriver,
    /// The configured driver's program is gone (khaosat moved or was upgraded).
    DriverGone {
        program: String,
    },
    NoRemote,
    NoIdentity,
    MergeUnfinished,
    RebaseUnfinished,
    /// A visit holds conflicts (kept as data) nobody has chosen between yet.
    Conflicts {
        file: PathBuf,
        count: usize,
    },
    /// A file holds git's text markers (a merge git did as text).
    Markers {
        file: PathBuf,
        line: usize,
    },
}

impl Finding {
    /// What is wrong and the command that fixes it, in one sentence. `dir` is the folder as the
    /// user named it, for the commands.
    pub fn sentence(&self, dir: &Path, lang: Lang) -> String {
        // The folder as a whole path: "khaosat git init ." at the end of a sentence reads "..".
        let whole = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        let dir_arg = super::shell_quote(&whole.display().to_string());
        match self {
            Finding::NotARepository => SyncMsg::DoctorNotRepo.fill(lang, &[&dir_arg]),
            Finding::NoAttribute => SyncMsg::DoctorNoAttribute.fill(lang, &[&ATTRIBUTE_LINE, &dir_arg]),
            Finding::NoDriver => SyncMsg::DoctorNoDriver.fill(lang, &[&dir_arg]),
            Finding::DriverGone { program } => SyncMsg::DoctorDriverGone.fill(lang, &[program, &dir_arg]),
            Finding::NoRemote => SyncMsg::DoctorNoRemote.get(lang).to_string(),
            Finding::NoIdentity => SyncMsg::DoctorNoIdentity.get(lang).to_string(),
            Finding::MergeUnfinished => SyncMsg::DoctorMerge.fill(lang, &[&dir_arg]),
            Finding::RebaseUnfinished => SyncMsg::DoctorRebase.get(lang).to_string(),
            Finding::Conflicts { file, count } => SyncMsg::DoctorConflicts
                .fill(lang, &[&file.display(), count, &super::shell_quote(&file.display().to_string())]),
            Finding::Markers { file, line } => SyncMsg::DoctorMarkers.fill(lang, &[&file.display(), line, &dir_arg]),
        }
    }
}

/// Everything wrong with the repository `dir` is in, in the order a person fixes them.
pub fn doctor(dir: &Path) -> Result<Vec<Finding>, GitError> {
    let git = Git::new(dir);
    let Some(repo) = Repo::find(&git)? else { return Ok(vec![Finding::NotARepository]) };
    let mut findings = Vec::new();
    let attribute = git.run(&["check-attr", "merge", "--", "x.ron"])?;
    if !attribute.trim_end().ends_with(&format!(": merge: {DRIVER_NAME}")) {
        findings.push(Finding::NoAttribute);
    }
    findings.extend(driver_finding(&git)?);
    if git.run(&["remote"])?.trim().is_empty() {
        findings.push(Finding::NoRemote);
    }
    if !has_identity(&git)? {
        findings.push(Finding::NoIdentity);
    }
    if repo.merging() {
        findings.push(Finding::MergeUnfinished);
    }
    if repo.rebasing() {
        findings.push(Finding::RebaseUnfinished);
    }
    findings.extend(conflicts_in(dir));
    Ok(findings)
}

/// The driver missing from this clone, or naming a program that is gone.
pub fn driver_finding(git: &Git) -> Result<Option<Finding>, GitError> {
    let Some(command) = git.config(DRIVER_KEY)? else { return Ok(Some(Finding::NoDriver)) };
    let program = driver_program(&command);
    // A bare name (`khaosat merge-driver …`) is looked up on the PATH by the shell: fine.
    if program.contains('/') && !Path::new(&program).is_file() {
        return Ok(Some(Finding::DriverGone { program }));
    }
    Ok(None)
}

/// Whether commits get a name and an e-mail address the user chose: from the config, or from
/// git's environment variables.
pub fn has_identity(git: &Git) -> Result<bool, GitError> {
    let set = |key: &str, env: &str| -> Result<bool, GitError> {
        Ok(git.config(key)?.is_some() || std::env::var_os(env).is_some_and(|v| !v.is_empty()))
    };
    Ok(set("user.name", "GIT_AUTHOR_NAME")? && set("user.email", "GIT_AUTHOR_EMAIL")?)
}

/// Files under `dir` with conflicts waiting (as data) or git's text markers.
pub fn conflicts_in(dir: &Path) -> Vec<Finding> {
    let (mut files, _) = find_visit_files(&[dir.to_path_buf()]);
    // round.ron and report.ron are not visits, but git merges them too.
    for name in ["round.ron", "report.ron"] {
        let path = dir.join(name);
        if path.is_file() {
            files.push(path);
        }
    }
    let mut findings = Vec::new();
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else { continue };
        if let Some(line) = conflict_line(&text) {
            findings.push(Finding::Markers { file, line });
        } else if let Some(count) = conflict_count(&text) {
            findings.push(Finding::Conflicts { file, count });
        }
    }
    findings
}

/// How many conflicts a visit's text keeps, when it keeps any.
pub fn conflict_count(text: &str) -> Option<usize> {
    // Nearly no file has any: one substring search says so before a parse.
    if !text.contains("conflicts:") {
        return None;
    }
    let visit: Visit = ron::Options::default().from_str(text).ok()?;
    (!visit.conflicts.is_empty()).then_some(visit.conflicts.len())
}
