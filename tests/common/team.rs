//! A team on one machine, for the sync tests: a bare repository standing for the team's server
//! and clones standing for the inspectors' laptops, each set up with `khaosat git init`, with
//! the real `git` and the built binary. Git never reads this machine's global config here, and
//! every clone has its own identity (environment variables, as git documents them).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use khaosat::core::template::{Kind, Template};
use khaosat::core::visit::{Answer, BranchType, MeetingKind, NewVisit, Value, Visit};

use super::Result;

/// A small seeded random number generator (xorshift64*): a run can be repeated from its seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// The seed of a run: `KHAOSAT_SEED` when set (to repeat a failure), else this one.
pub fn seed(default: u64) -> u64 {
    std::env::var("KHAOSAT_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

/// An inspector's clone.
pub struct Clone {
    pub name: String,
    pub dir: PathBuf,
}

impl Clone {
    /// The environment that makes git commit as this inspector and ignore the machine's config.
    pub fn env(&self) -> Vec<(String, String)> {
        let email = format!("{}@doan.example", self.name.to_lowercase().replace(' ', "."));
        let mut env = isolated_env();
        for key in ["GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"] {
            env.push((key.into(), self.name.clone()));
        }
        for key in ["GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"] {
            env.push((key.into(), email.clone()));
        }
        env
    }

    /// `git ARGS` in this clone; fails the test when git fails.
    pub fn git(&self, args: &[&str]) -> Result<String> {
        let out = Command::new("git").arg("-C").arg(&self.dir).args(args).envs(self.env()).output()?;
        if !out.status.success() {
            return Err(format!("git {args:?} in {}: {}", self.name, super::show(&out)).into());
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// `khaosat ARGS` (the built binary) as this inspector, in Vietnamese.
    pub fn khaosat(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_khaosat"));
        cmd.args(args)
            .args(["--config", "/nonexistent/khaosat-config.ron"])
            .env_remove("KHAOSAT_DIR")
            .env_remove("LC_ALL")
            .env_remove("LANG")
            .envs(self.env());
        cmd
    }

    /// `khaosat sync --timings` of this clone.
    pub fn sync(&self) -> Result<Output> {
        Ok(self.khaosat(&["sync", "--timings"]).arg(&self.dir).output()?)
    }

    /// Every visible `.ron` file of the clone (name → contents).
    pub fn files(&self) -> Result<BTreeMap<String, String>> {
        let mut files = BTreeMap::new();
        for entry in std::fs::read_dir(&self.dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".ron") && !name.starts_with('.') {
                files.insert(name, std::fs::read_to_string(entry.path())?);
            }
        }
        Ok(files)
    }
}

/// Git without this machine's global and system config (a user's `pull.rebase`, hooks path or
/// default branch must not change what the tests see).
///
/// And, for the tests' speed only, git neither syncs its files to the disk (the repositories are
/// thrown away) nor starts background maintenance after each command: a sync's own steps are
/// unchanged.
pub fn isolated_env() -> Vec<(String, String)> {
    let mut env: Vec<(String, String)> =
        vec![("GIT_CONFIG_GLOBAL".into(), "/dev/null".into()), ("GIT_CONFIG_NOSYSTEM".into(), "1".into())];
    let settings = [("core.fsync", "none"), ("maintenance.auto", "false"), ("gc.auto", "0")];
    env.push(("GIT_CONFIG_COUNT".into(), settings.len().to_string()));
    for (i, (key, value)) in settings.iter().enumerate() {
        env.push((format!("GIT_CONFIG_KEY_{i}"), key.to_string()));
        env.push((format!("GIT_CONFIG_VALUE_{i}"), value.to_string()));
    }
    env
}

/// A bare repository for the team and `names.len()` clones of it, each set up with
/// `khaosat git init`. The first clone starts the repository.
pub struct Team {
    pub root: tempfile::TempDir,
    pub remote: PathBuf,
    pub clones: Vec<Clone>,
}

impl Team {
    pub fn new(names: &[&str]) -> Result<Team> {
        let root = tempfile::tempdir()?;
        let remote = root.path().join("doan.git");
        let out = Command::new("git")
            .args(["init", "--quiet", "--bare", "--initial-branch=main"])
            .arg(&remote)
            .envs(isolated_env())
            .output()?;
        assert!(out.status.success(), "{}", super::show(&out));
        let mut team = Team { root, remote, clones: Vec::new() };
        for name in names {
            team.add_clone(name)?;
        }
        Ok(team)
    }

    /// Clone the team's repository for one more inspector and set it up.
    pub fn add_clone(&mut self, name: &str) -> Result<()> {
        let dir = self.root.path().join(name.to_lowercase().replace(' ', "-"));
        let out =
            Command::new("git").args(["clone", "--quiet"]).arg(&self.remote).arg(&dir).envs(isolated_env()).output()?;
        assert!(out.status.success(), "{}", super::show(&out));
        let clone = Clone { name: name.to_string(), dir };
        let out = clone.khaosat(&["git", "init"]).arg(&clone.dir).output()?;
        assert!(out.status.success(), "{}", super::show(&out));
        self.clones.push(clone);
        Ok(())
    }

    /// The file names and contents at the tip of the team's `main`.
    pub fn remote_files(&self) -> Result<BTreeMap<String, String>> {
        let git = |args: &[&str]| -> Result<String> {
            let out =
                Command::new("git").arg("--git-dir").arg(&self.remote).args(args).envs(isolated_env()).output()?;
            assert!(out.status.success(), "{}", super::show(&out));
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        };
        let mut files = BTreeMap::new();
        for name in git(&["ls-tree", "--name-only", "main"])?.lines().filter(|n| n.ends_with(".ron")) {
            files.insert(name.to_string(), git(&["show", &format!("main:{name}")])?);
        }
        Ok(files)
    }
}

/// The yes/no items of the template: what the random edits answer.
pub fn yes_no_items(template: &Template) -> Vec<String> {
    template.items().filter(|r| matches!(r.item.kind, Kind::YesNo { .. })).map(|r| r.item.id.clone()).collect()
}

/// The facts of visit number `n` of the shared round.
pub fn facts(n: usize, inspector: &str) -> NewVisit {
    NewVisit {
        branch: format!("Chi bộ số {n}"),
        committee: "Đảng bộ phường Mai Dịch".into(),
        branch_type: BranchType::KhuDanCu,
        kind: MeetingKind::Regular,
        date: jiff::civil::date(2022, 4, 1 + (n % 28) as i8),
        inspectors: vec![inspector.to_string()],
        round: Some("967-QĐ/QU".into()),
    }
}

/// Create a new visit in `dir` as `inspector` would in the checklist. Returns its path.
pub fn new_visit(dir: &Path, template: &Template, n: usize, inspector: &str) -> Result<PathBuf> {
    let mut visit = Visit::new(template, facts(n, inspector), khaosat::core::visit::now());
    visit.saved_by = inspector.to_string();
    visit.normalize();
    Ok(khaosat::store::create_visit(dir, &visit)?)
}

/// Answer `item` of the visit at `path` (and maybe write a note), as the checklist does: load,
/// change, stamp who and when, save at once. Returns the answer written.
pub fn answer(path: &Path, templates: &[Template], item: &str, value: Value, note: &str, by: &str) -> Result<Answer> {
    let mut visit = khaosat::store::load_visit(path, templates).map_err(|e| e.display(khaosat::strings::Lang::En))?;
    let answer = Answer { value: Some(value), note: note.to_string() };
    visit.answers.insert(item.to_string(), answer.clone());
    visit.last_item = Some(item.to_string());
    visit.updated = khaosat::core::visit::now();
    visit.saved_by = by.to_string();
    visit.normalize();
    khaosat::store::save_visit(path, &visit)?;
    Ok(answer)
}

/// The time a sync reported (`--timings`): (total, of which git) in milliseconds.
pub fn sync_timings(output: &str) -> Option<(u64, u64)> {
    let line = output.lines().find(|l| l.starts_with("Thời gian: "))?;
    let numbers: Vec<u64> = line.split(|c: char| !c.is_ascii_digit()).filter_map(|w| w.parse().ok()).collect();
    Some((*numbers.first()?, *numbers.get(1)?))
}
