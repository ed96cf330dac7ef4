//! A sync killed midway (SIGKILL at a random moment) leaves a repository the next sync
//! completes, with nothing lost: run many times, each kill at a random delay within a sync's
//! usual time, sometimes of khaosat alone (its git children go on, and the next sync must wait
//! for them) and sometimes of khaosat with every git it started (a pulled plug: git's locks and
//! an unfinished merge stay behind). Then a normal sync, and every edit made before the killed
//! sync must be in the team's repository.
//!
//! The team's server is reached through a stand-in for ssh that runs git's server side in a
//! session of its own, so that killing the inspector's processes does not kill the server, as
//! on a real network (there, the server sees the connection drop).

mod common;

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::Result;
use common::team::{Clone, Rng, Team, answer, new_visit, seed, yes_no_items};
use khaosat::core::template::Template;
use khaosat::core::visit::{Answer, Value};
use khaosat::store::format::parse_visit;

const RUNS: usize = 60;

/// File → item → the answer last written there.
type Expected = BTreeMap<String, BTreeMap<String, Answer>>;

/// Point the clone at the team's repository through the ssh stand-in.
fn through_ssh(team: &Team, clone: &Clone) -> Result<()> {
    let url = format!("server:{}", team.remote.display());
    clone.git(&["remote", "set-url", "origin", &url])?;
    Ok(())
}

fn ssh_stand_in(root: &Path) -> Result<String> {
    let script = root.join("ssh");
    // GIT_SSH_VARIANT=simple: $1 is the host, $2 the command to run there.
    std::fs::write(&script, "#!/bin/sh\nexec setsid sh -c \"$2\"\n")?;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))?;
    Ok(script.display().to_string())
}

fn sync_command(clone: &Clone, ssh: &str) -> Command {
    let mut cmd = clone.khaosat(&["sync"]);
    cmd.arg(&clone.dir).env("GIT_SSH_COMMAND", ssh).env("GIT_SSH_VARIANT", "simple");
    cmd
}

/// A normal sync that must succeed.
fn sync(clone: &Clone, ssh: &str) -> Result<String> {
    let out = sync_command(clone, ssh).output()?;
    let shown = common::show(&out);
    assert!(out.status.success(), "sync of {} failed: {shown}", clone.name);
    assert!(!shown.contains("Không kết nối được"), "the server is always reachable here: {shown}");
    Ok(shown)
}

/// Start a sync and SIGKILL it after `delay`: khaosat alone, or its whole process group.
fn killed_sync(clone: &Clone, ssh: &str, delay: Duration, whole_group: bool) -> Result<()> {
    let mut cmd = sync_command(clone, ssh);
    cmd.process_group(0).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
    let child = cmd.spawn()?;
    std::thread::sleep(delay);
    let pid = child.id() as i32;
    // SAFETY: kill only sends a signal, to the process (group) this test started.
    unsafe {
        libc::kill(if whole_group { -pid } else { pid }, libc::SIGKILL);
    }
    let mut child = child;
    child.wait()?;
    Ok(())
}

/// Every answer in `expected` (file → item → answer) is in `files` (file → text).
fn check_present(files: &BTreeMap<String, String>, expected: &Expected, where_: &str) {
    let templates = Template::embedded_all();
    for (file, answers) in expected {
        let text = files.get(file).unwrap_or_else(|| panic!("{file} is missing from {where_}"));
        let visit = parse_visit(Path::new(file), text, &templates).unwrap_or_else(|e| panic!("{where_}: {e:?}"));
        for (item, answer) in answers {
            assert_eq!(visit.answers.get(item), Some(answer), "{where_}: {file} lost {item}");
        }
    }
}

#[test]
fn a_sync_killed_at_any_point_is_completed_by_the_next_with_nothing_lost() -> Result {
    let seed = seed(0x5eed_0016);
    eprintln!("seed {seed} (KHAOSAT_SEED={seed} repeats this run)");
    let mut rng = Rng::new(seed);
    let team = Team::new(&["Lê Thị Tú", "Trần Văn Bình"])?;
    let ssh = ssh_stand_in(team.root.path())?;
    for clone in &team.clones {
        through_ssh(&team, clone)?;
    }
    let templates = Template::embedded_all();
    let template = Template::embedded();
    let items = yes_no_items(&template);
    let (a, b) = (&team.clones[0], &team.clones[1]);

    // Each inspector has visits of their own, so nothing here needs the merge driver's judgement:
    // what is tested is that nothing a sync had to carry is lost when it dies.
    let mut expected = Expected::new();
    let files_of = |clone: &Clone, from: usize| -> Result<Vec<std::path::PathBuf>> {
        (from..from + 5).map(|n| new_visit(&clone.dir, &template, n, &clone.name)).collect()
    };
    let a_files = files_of(a, 1)?;
    sync(a, &ssh)?;
    sync(b, &ssh)?;
    let b_files = files_of(b, 100)?;
    let started = Instant::now();
    sync(b, &ssh)?;
    // A kill lands anywhere in a sync that commits, merges and pushes.
    let usual = started.elapsed().mul_f64(1.5).max(Duration::from_millis(50));
    sync(a, &ssh)?;

    let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let edit = |expected: &mut Expected, clone: &Clone, files: &[std::path::PathBuf], rng: &mut Rng| -> Result<()> {
        let file = &files[rng.below(files.len())];
        let item = &items[rng.below(items.len())];
        let value = if rng.chance(50) { Value::Yes } else { Value::No };
        let note = if rng.chance(30) { format!("ghi chú {}", rng.next() % 1000) } else { String::new() };
        let written = answer(file, &templates, item, value, &note, &clone.name)?;
        expected.entry(name(file)).or_default().insert(item.clone(), written);
        Ok(())
    };
    let mut group_kills = 0;
    let mut left: BTreeMap<&str, usize> = BTreeMap::new();
    for run in 0..RUNS {
        // The team moves on, so that A's sync has something to merge.
        if rng.chance(70) {
            edit(&mut expected, b, &b_files, &mut rng)?;
            sync(b, &ssh)?;
        }
        for _ in 0..1 + rng.below(3) {
            edit(&mut expected, a, &a_files, &mut rng)?;
        }
        let delay = usual.mul_f64(rng.below(1000) as f64 / 1000.0);
        let whole_group = rng.chance(50);
        group_kills += usize::from(whole_group);
        killed_sync(a, &ssh, delay, whole_group)?;
        let shown = sync(a, &ssh).map_err(|e| format!("run {run} (delay {delay:?}, group {whole_group}): {e}"))?;
        // What the kill left for this sync to finish.
        for (what, sign) in [
            ("stale git locks", "tệp khóa"),
            ("a file git left half written", "ghi dở"),
            ("an unfinished merge", "lần gộp còn dở"),
            ("a commit to make", "Đã commit"),
            ("commits to push", "Đã gửi"),
        ] {
            *left.entry(what).or_insert(0) += usize::from(shown.contains(sign));
        }
        let remote = team.remote_files()?;
        check_present(&remote, &expected, &format!("the team's repository after run {run}: {shown}"));
        let status = a.git(&["status", "--porcelain", "--", "*.ron"])?;
        assert!(status.is_empty(), "run {run}: A's visits are not all committed: {status}\n{shown}");
        assert!(!a.dir.join(".git/MERGE_HEAD").exists(), "run {run}: a merge is left unfinished\n{shown}");
    }
    sync(b, &ssh)?;
    sync(a, &ssh)?;
    sync(b, &ssh)?;
    let remote = team.remote_files()?;
    check_present(&remote, &expected, "the team's repository at the end");
    for clone in &team.clones {
        assert_eq!(clone.files()?, remote, "{} does not hold the team's files", clone.name);
    }
    eprintln!("{RUNS} syncs killed ({group_kills} with their git processes), each completed by the next;");
    eprintln!("what the next sync found left to do, in how many runs: {left:?}");
    for what in ["a commit to make", "commits to push"] {
        assert!(left.get(what).is_some_and(|n| *n > 0), "no kill left {what}: the delays miss the sync");
    }
    Ok(())
}
