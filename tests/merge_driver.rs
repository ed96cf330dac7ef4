//! `khaosat merge-driver` run by real git: a repository in a temporary folder whose config names
//! the built binary as the driver of `*.ron` files, two branches editing one visit, `git merge`.
//!
//! - different items on each side (both also rewrite `updated`): a clean merge with both answers;
//! - the same item answered differently: git reports the conflict, the file keeps it as data
//!   (`conflicts:`), `validate` names it and fails, no `<<<<<<<` anywhere; picking a side with
//!   `core::merge::resolve` and committing finishes the merge;
//! - a round.ron changed on both sides: merged entry by entry;
//! - a file the driver cannot parse: git's text merge, both sides kept, and the driver says so.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use jiff::Timestamp;
use khaosat::core::merge::{Pick, resolve};
use khaosat::core::round::{Member, Round};
use khaosat::core::template::Template;
use khaosat::core::visit::{Answer, Value, Visit};
use khaosat::store::format::visit_to_ron;
use khaosat::store::load_visit;
use khaosat::store::round::{load_round, round_to_ron};
use khaosat::strings::Lang;

mod common;
use common::{Result, khaosat, show, text};

const VISIT: &str = "2022-04-05_chi-bo-so-11.ron";

/// A git repository in a temporary folder, git's own config files left out, the driver set.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Result<Repo> {
        let repo = Repo { dir: tempfile::tempdir()? };
        repo.git(&["init", "-q", "-b", "main"])?;
        repo.git(&["config", "user.name", "Test"])?;
        repo.git(&["config", "user.email", "test@example.org"])?;
        let driver = format!("'{}' merge-driver %O %A %B %P", env!("CARGO_BIN_EXE_khaosat"));
        repo.git(&["config", "merge.khaosat.driver", &driver])?;
        repo.git(&["config", "merge.khaosat.name", "khaosat"])?;
        fs::write(repo.path().join(".gitattributes"), "*.ron merge=khaosat\n")?;
        Ok(repo)
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn file(&self, name: &str) -> PathBuf {
        self.path().join(name)
    }

    /// Run git; its output (the driver's messages in English). Err when git fails.
    fn git(&self, args: &[&str]) -> Result<Output> {
        let out = self.git_status(args)?;
        if !out.status.success() {
            return Err(format!("git {args:?}: {}", show(&out)).into());
        }
        Ok(out)
    }

    /// Run git, whatever its status.
    fn git_status(&self, args: &[&str]) -> Result<Output> {
        Ok(Command::new("git")
            .args(args)
            .current_dir(self.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("LC_ALL", "en_US.UTF-8")
            .output()?)
    }

    fn commit_all(&self, message: &str) -> Result {
        self.git(&["add", "-A"])?;
        self.git(&["commit", "-q", "-m", message])?;
        Ok(())
    }

    /// A branch `name` from `from`, checked out.
    fn branch(&self, name: &str, from: &str) -> Result {
        self.git(&["checkout", "-q", "-b", name, from])?;
        Ok(())
    }

    fn checkout(&self, name: &str) -> Result {
        self.git(&["checkout", "-q", name])?;
        Ok(())
    }

    fn load(&self, name: &str) -> Result<Visit> {
        Ok(load_visit(&self.file(name), &[Template::embedded()]).map_err(|e| e.display(Lang::En))?)
    }

    /// Change the visit as an inspector saving at `minute` would, and commit.
    fn edit(&self, by: &str, minute: i64, change: impl FnOnce(&mut Visit)) -> Result {
        let mut visit = self.load(VISIT)?;
        change(&mut visit);
        visit.updated = at(minute);
        visit.saved_by = by.into();
        fs::write(self.file(VISIT), visit_to_ron(&visit))?;
        self.commit_all(&format!("{by} at {minute}"))
    }

    /// Every file of the work tree (not .git), with its text.
    fn texts(&self) -> Result<Vec<(PathBuf, String)>> {
        let mut out = Vec::new();
        for entry in fs::read_dir(self.path())? {
            let path = entry?.path();
            if path.is_file() {
                out.push((path.clone(), fs::read_to_string(&path)?));
            }
        }
        Ok(out)
    }
}

fn at(minute: i64) -> Timestamp {
    Timestamp::from_second(1_796_083_200 + minute * 60).unwrap_or(Timestamp::UNIX_EPOCH)
}

fn answer(value: Value) -> Answer {
    Answer { value: Some(value), note: String::new() }
}

/// A repository whose `main` holds a new visit of Chi bộ số 11.
fn repo_with_visit() -> Result<Repo> {
    let repo = Repo::new()?;
    let mut visit = khaosat::testing::sample_visit(&Template::embedded());
    visit.updated = at(0);
    fs::write(repo.file(VISIT), visit_to_ron(&visit))?;
    repo.commit_all("base")?;
    Ok(repo)
}

fn validate(dir: &Path) -> Result<Output> {
    Ok(khaosat().args(["--lang", "en", "validate"]).arg(dir).output()?)
}

#[test]
fn different_items_of_one_visit_merge_cleanly() -> Result {
    let repo = repo_with_visit()?;
    repo.branch("tu", "main")?;
    repo.edit("Lê Thị Tú", 2, |v| {
        v.answers.insert("prep.committee_met".into(), answer(Value::Yes));
    })?;
    repo.branch("binh", "main")?;
    repo.edit("Trần Văn Bình", 5, |v| {
        v.answers.insert("prep.notice".into(), answer(Value::No));
        v.meeting.members.present = Some(18);
    })?;
    repo.checkout("tu")?;
    let out = repo.git_status(&["merge", "-q", "-m", "merge", "binh"])?;
    assert!(out.status.success(), "{}", show(&out));
    let merged = repo.load(VISIT)?;
    assert_eq!(merged.value("prep.committee_met"), Some(&Value::Yes));
    assert_eq!(merged.value("prep.notice"), Some(&Value::No));
    assert_eq!(merged.meeting.members.present, Some(18));
    assert_eq!((merged.updated, merged.saved_by.as_str()), (at(5), "Trần Văn Bình"));
    assert!(merged.conflicts.is_empty());
    let out = validate(repo.path())?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    Ok(())
}

#[test]
fn the_same_item_answered_differently_is_a_conflict_kept_as_data() -> Result {
    let repo = repo_with_visit()?;
    repo.branch("tu", "main")?;
    repo.edit("Lê Thị Tú", 2, |v| {
        v.answers.insert("prep.notice".into(), answer(Value::Yes));
        v.answers.insert("prep.committee_met".into(), answer(Value::Yes));
    })?;
    repo.branch("binh", "main")?;
    repo.edit("Trần Văn Bình", 5, |v| {
        v.answers.insert("prep.notice".into(), answer(Value::No));
    })?;
    repo.checkout("tu")?;
    let out = repo.git_status(&["merge", "-m", "merge", "binh"])?;
    assert!(!out.status.success(), "git stops for a person: {}", show(&out));
    let all = text(&out.stdout) + &text(&out.stderr);
    assert!(all.contains("CONFLICT") && all.contains(VISIT), "{all}");
    assert!(all.contains("conflict in answers.prep.notice: 1 = Yes (Lê Thị Tú, "), "the driver names it: {all}");
    assert!(all.contains("2 = No (Trần Văn Bình, "), "{all}");
    let unmerged = text(&repo.git(&["diff", "--name-only", "--diff-filter=U"])?.stdout);
    assert_eq!(unmerged.trim(), VISIT);

    let texts = repo.texts()?;
    assert!(texts.iter().all(|(_, t)| !t.contains("<<<<<<<")), "no text markers anywhere");
    let file = fs::read_to_string(repo.file(VISIT))?;
    assert!(file.contains("conflicts: [") && file.contains("field: \"answers.prep.notice\""), "{file}");
    let visit = repo.load(VISIT)?;
    assert_eq!(visit.value("prep.notice"), None, "undecided meanwhile");
    assert_eq!(visit.value("prep.committee_met"), Some(&Value::Yes), "the rest merged");

    let out = validate(repo.path())?;
    assert_eq!(out.status.code(), Some(1), "an unfinished merge is invalid: {}", show(&out));
    let err = text(&out.stderr);
    assert!(err.contains("(prep.notice): 2 different answers: 1 = Yes (Lê Thị Tú, "), "{err}");
    assert!(err.contains("2 = No (Trần Văn Bình, ") && err.contains("choose 1 or 2"), "{err}");
    let out = khaosat().args(["--lang", "en", "finalise", "--by", "Tú"]).arg(repo.file(VISIT)).output()?;
    assert_eq!(out.status.code(), Some(1), "a conflict blocks finalising: {}", show(&out));
    assert!(text(&out.stderr).contains("2 different answers"), "{}", show(&out));

    // A person picks side 2; the merge is then finished like any other.
    let mut visit = visit;
    resolve(&mut visit, 0, Pick::Two).map_err(|e| format!("{e:?}"))?;
    fs::write(repo.file(VISIT), visit_to_ron(&visit))?;
    repo.commit_all("merge, prep.notice: kept 2")?;
    assert_eq!(repo.load(VISIT)?.value("prep.notice"), Some(&Value::No));
    let out = validate(repo.path())?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    Ok(())
}

#[test]
fn a_round_file_merges_entry_by_entry() -> Result {
    let repo = Repo::new()?;
    let day = jiff::civil::date(2022, 4, 1);
    let round = Round::new("967-QĐ/QU", day, day, jiff::civil::date(2022, 4, 30));
    let path = repo.file("round.ron");
    fs::write(&path, round_to_ron(&round))?;
    repo.commit_all("round")?;
    repo.branch("a", "main")?;
    let mut a = round.clone();
    a.members.push(Member { name: "Lê Thị Tú".into(), role: "Tổ trưởng".into() });
    fs::write(&path, round_to_ron(&a))?;
    repo.commit_all("a")?;
    repo.branch("b", "main")?;
    let mut b = round.clone();
    b.title = "Kiểm tra sinh hoạt chi bộ".into();
    fs::write(&path, round_to_ron(&b))?;
    repo.commit_all("b")?;
    repo.checkout("a")?;
    let out = repo.git_status(&["merge", "-m", "merge", "b"])?;
    assert!(out.status.success(), "{}", show(&out));
    let merged = load_round(&path).map_err(|e| e.display(Lang::En))?;
    assert_eq!((merged.members.len(), merged.title.as_str()), (1, "Kiểm tra sinh hoạt chi bộ"));
    Ok(())
}

#[test]
fn a_file_the_driver_cannot_read_is_merged_as_text_keeping_both_sides() -> Result {
    let repo = Repo::new()?;
    let path = repo.file("notes.ron");
    fs::write(&path, "// not a visit\none\ntwo\nthree\n")?;
    repo.commit_all("base")?;
    repo.branch("a", "main")?;
    fs::write(&path, "// not a visit\none\ntwo from A\nthree\n")?;
    repo.commit_all("a")?;
    repo.branch("b", "main")?;
    fs::write(&path, "// not a visit\none\ntwo from B\nthree\n")?;
    repo.commit_all("b")?;
    repo.checkout("a")?;
    let out = repo.git_status(&["merge", "-m", "merge", "b"])?;
    assert!(!out.status.success(), "{}", show(&out));
    let all = text(&out.stdout) + &text(&out.stderr);
    assert!(all.contains("notes.ron: cannot be merged as a visit or round.ron"), "{all}");
    assert!(all.contains("merged as text with git merge-file"), "{all}");
    let merged = fs::read_to_string(&path)?;
    assert!(merged.contains("two from A") && merged.contains("two from B"), "{merged}");
    assert!(merged.contains("<<<<<<< ours") && merged.contains(">>>>>>> theirs"), "{merged}");
    Ok(())
}

#[test]
fn two_clones_creating_the_same_visit_merge_what_each_entered() -> Result {
    let repo = Repo::new()?;
    fs::write(repo.file("README"), "round\n")?;
    repo.commit_all("empty round")?;
    let create = |branch: &str, by: &str, item: &str| -> Result {
        repo.branch(branch, "main")?;
        let mut visit = khaosat::testing::sample_visit(&Template::embedded());
        visit.inspectors = vec![by.into()];
        visit.saved_by = by.into();
        visit.answers.insert(item.into(), answer(Value::Yes));
        fs::write(repo.file(VISIT), visit_to_ron(&visit))?;
        repo.commit_all(by)
    };
    create("tu", "Lê Thị Tú", "prep.notice")?;
    create("binh", "Trần Văn Bình", "prep.committee_met")?;
    repo.checkout("tu")?;
    let out = repo.git_status(&["merge", "-m", "merge", "binh"])?;
    assert!(out.status.success(), "git's add/add, merged without a base: {}", show(&out));
    let merged = repo.load(VISIT)?;
    assert_eq!(merged.inspectors, ["Lê Thị Tú", "Trần Văn Bình"]);
    assert_eq!(
        (merged.value("prep.notice"), merged.value("prep.committee_met")),
        (Some(&Value::Yes), Some(&Value::Yes))
    );
    Ok(())
}

#[test]
fn a_visit_of_a_newer_format_is_merged_as_text() -> Result {
    let repo = repo_with_visit()?;
    let newer = |answer: &str| -> Result {
        let text = fs::read_to_string(repo.file(VISIT))?.replacen("schema: 1,", "schema: 99,", 1);
        fs::write(
            repo.file(VISIT),
            text.replace("answers: {},", &format!("answers: {{\"{answer}\": (value: Some(Yes))}},")),
        )?;
        repo.commit_all(answer)
    };
    repo.branch("a", "main")?;
    newer("prep.notice")?;
    repo.branch("b", "main")?;
    newer("prep.committee_met")?;
    repo.checkout("a")?;
    let out = repo.git_status(&["merge", "-m", "merge", "b"])?;
    let all = text(&out.stdout) + &text(&out.stderr);
    assert!(all.contains("merged as text with git merge-file"), "{all}");
    let merged = fs::read_to_string(repo.file(VISIT))?;
    assert!(merged.contains("prep.notice") && merged.contains("prep.committee_met"), "both kept: {merged}");
    Ok(())
}
