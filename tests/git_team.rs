//! `khaosat git init`, `git doctor` and `sync` through the binary, one situation at a time:
//! set-up twice, a fresh clone, offline and no remote, the commit message, a visit open in a
//! session, a merge git could only do as text.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::Result;
use common::team::{Clone, Team, answer, isolated_env, new_visit, yes_no_items};
use khaosat::core::template::Template;
use khaosat::core::visit::Value;

fn out_text(out: &std::process::Output) -> String {
    format!("{}{}", common::text(&out.stdout), common::text(&out.stderr))
}

#[test]
fn init_twice_changes_nothing_and_init_makes_a_fresh_clone_ready() -> Result {
    let mut team = Team::new(&["Lê Thị Tú"])?;
    let a = &team.clones[0];
    let head = a.git(&["rev-parse", "HEAD"])?;
    let files = (std::fs::read(a.dir.join(".gitattributes"))?, std::fs::read(a.dir.join(".gitignore"))?);
    let out = a.khaosat(&["git", "init"]).arg(&a.dir).output()?;
    assert!(out.status.success(), "{}", common::show(&out));
    assert!(out_text(&out).contains("không thay đổi gì"), "{}", common::show(&out));
    assert_eq!(a.git(&["rev-parse", "HEAD"])?, head, "a second init commits nothing");
    assert_eq!((std::fs::read(a.dir.join(".gitattributes"))?, std::fs::read(a.dir.join(".gitignore"))?), files);
    let driver = a.git(&["config", "--get", "merge.khaosat.driver"])?;
    assert_eq!(driver.trim(), format!("{} merge-driver %O %A %B %P", env!("CARGO_BIN_EXE_khaosat")));
    assert!(std::fs::read_to_string(a.dir.join(".gitignore"))?.contains(".*.ron.lock"));

    // A plain git clone lacks the driver: doctor says so with the fix, sync refuses.
    a.khaosat(&["sync"]).arg(&a.dir).output()?;
    let fresh = Clone { name: "Trần Văn Bình".into(), dir: team.root.path().join("fresh") };
    let cloned = std::process::Command::new("git")
        .args(["clone", "--quiet"])
        .arg(&team.remote)
        .arg(&fresh.dir)
        .envs(isolated_env())
        .output()?;
    assert!(cloned.status.success());
    let doctor = fresh.khaosat(&["git", "doctor"]).arg(&fresh.dir).output()?;
    assert_eq!(doctor.status.code(), Some(1), "{}", common::show(&doctor));
    let said = out_text(&doctor);
    assert!(said.contains("chưa cấu hình trình gộp khaosat") && said.contains("khaosat git init"), "{said}");
    let refused = fresh.sync()?;
    assert_eq!(refused.status.code(), Some(1), "{}", common::show(&refused));
    assert!(out_text(&refused).contains("khaosat git init"), "{}", common::show(&refused));
    let init = fresh.khaosat(&["git", "init"]).arg(&fresh.dir).output()?;
    assert!(init.status.success() && out_text(&init).contains("khaosat sync"), "{}", common::show(&init));
    let doctor = fresh.khaosat(&["git", "doctor"]).arg(&fresh.dir).output()?;
    assert_eq!(doctor.status.code(), Some(0), "{}", common::show(&doctor));
    team.clones.push(fresh);
    Ok(())
}

#[test]
fn doctor_names_a_moved_driver_a_missing_remote_and_waiting_conflicts() -> Result {
    let dir = tempfile::tempdir()?;
    let clone = Clone { name: "Lê Thị Tú".into(), dir: dir.path().join("data") };
    let out = clone.khaosat(&["git", "doctor"]).arg(&clone.dir).output()?;
    assert!(out_text(&out).contains("chưa là kho git"), "{}", common::show(&out));
    clone.khaosat(&["git", "init"]).arg(&clone.dir).output()?;
    clone.git(&["config", "merge.khaosat.driver", "'/opt/old khaosat/khaosat' merge-driver %O %A %B %P"])?;
    std::fs::write(clone.dir.join("x.ron"), "(\n<<<<<<< ours\na\n=======\nb\n>>>>>>> theirs\n)\n")?;
    let out = clone.khaosat(&["git", "doctor", "--lang", "en"]).arg(&clone.dir).output()?;
    assert_eq!(out.status.code(), Some(1));
    let said = out_text(&out);
    for expected in [
        "/opt/old khaosat/khaosat, which is gone",
        "git remote add origin URL",
        "x.ron: git conflict markers at line 2",
    ] {
        assert!(said.contains(expected), "{expected:?} not in {said}");
    }
    Ok(())
}

#[test]
fn offline_and_without_a_remote_everything_is_committed_locally() -> Result {
    let team = Team::new(&["Lê Thị Tú"])?;
    let a = &team.clones[0];
    let template = Template::embedded();
    let path = new_visit(&a.dir, &template, 11, &a.name)?;
    a.git(&["remote", "set-url", "origin", "/nonexistent/doan.git"])?;
    let out = a.sync()?;
    assert_eq!(out.status.code(), Some(0), "offline is not an error: {}", common::show(&out));
    let said = out_text(&out);
    assert!(said.contains("Không kết nối được kho chung origin"), "{said}");
    assert_eq!(a.git(&["log", "-1", "--format=%s"])?.trim(), "Chi bộ số 11: phiếu mới");

    let items = yes_no_items(&template);
    let templates = Template::embedded_all();
    answer(&path, &templates, &items[0], Value::Yes, "", &a.name)?;
    answer(&path, &templates, &items[1], Value::No, "muộn 10 phút", &a.name)?;
    a.git(&["remote", "remove", "origin"])?;
    let out = a.sync()?;
    assert_eq!(out.status.code(), Some(0));
    assert!(out_text(&out).contains("Chưa có kho chung"), "{}", common::show(&out));
    assert_eq!(a.git(&["log", "-1", "--format=%s"])?.trim(), "Chi bộ số 11: 2 câu trả lời, ghi chú");
    assert!(a.git(&["status", "--porcelain"])?.is_empty());
    Ok(())
}

#[test]
fn a_visit_open_in_a_session_is_committed_but_not_merged_into() -> Result {
    let team = Team::new(&["Lê Thị Tú", "Trần Văn Bình"])?;
    let (a, b) = (&team.clones[0], &team.clones[1]);
    let template = Template::embedded();
    let templates = Template::embedded_all();
    let items = yes_no_items(&template);
    let path_a = new_visit(&a.dir, &template, 11, &a.name)?;
    assert!(a.sync()?.status.success());
    assert!(b.sync()?.status.success());
    let path_b = b.dir.join(path_a.file_name().ok_or("name")?);
    answer(&path_b, &templates, &items[0], Value::Yes, "", &b.name)?;
    assert!(b.sync()?.status.success());

    // A has the visit open: a session holds its lock.
    answer(&path_a, &templates, &items[1], Value::No, "", &a.name)?;
    let lock = khaosat::store::lock::lock_visit(&path_a)?;
    assert!(matches!(lock, khaosat::store::lock::LockOutcome::Acquired(_)));
    let out = a.sync()?;
    assert!(out.status.success(), "{}", common::show(&out));
    let said = out_text(&out);
    assert!(said.contains("đang mở trong một phiên khác") && said.contains("Đã commit 1 tệp"), "{said}");
    assert!(!std::fs::read_to_string(&path_a)?.contains(&items[0]), "nothing was merged into the open visit");
    drop(lock);
    // The next sync, the visit closed, merges and sends. (A released lock is free soon: a
    // child of another test may hold its descriptor until it execs.)
    std::thread::sleep(std::time::Duration::from_millis(300));
    let out = a.sync()?;
    assert!(out.status.success(), "{}", common::show(&out));
    assert!(out_text(&out).contains("Đã gửi"), "{}", common::show(&out));
    Ok(())
}

#[test]
fn a_merge_git_could_only_do_as_text_waits_for_a_hand_merge_and_is_then_concluded() -> Result {
    let team = Team::new(&["Lê Thị Tú", "Trần Văn Bình"])?;
    let (a, b) = (&team.clones[0], &team.clones[1]);
    // A stand-in for the driver's fallback on a file it cannot read: git's own text merge.
    let driver = team.root.path().join("text-merge");
    std::fs::write(&driver, "#!/bin/sh\nexec git merge-file -L ours -L base -L theirs \"$2\" \"$1\" \"$3\"\n")?;
    std::fs::set_permissions(&driver, std::fs::Permissions::from_mode(0o755))?;
    for clone in [a, b] {
        clone.git(&["config", "merge.khaosat.driver", &format!("{} %O %A %B %P", driver.display())])?;
    }
    let file = "round.ron";
    std::fs::write(a.dir.join(file), "một\nhai\nba\n")?;
    assert!(a.sync()?.status.success());
    assert!(b.sync()?.status.success());
    std::fs::write(b.dir.join(file), "một\nHAI của Bình\nba\n")?;
    assert!(b.sync()?.status.success());
    std::fs::write(a.dir.join(file), "một\nhai của Tú\nba\n")?;
    let out = a.sync()?;
    assert_eq!(out.status.code(), Some(1), "{}", common::show(&out));
    assert!(out_text(&out).contains("round.ron: git đã gộp như văn bản"), "{}", common::show(&out));
    assert!(a.dir.join(".git/MERGE_HEAD").exists(), "the merge is left unfinished, not committed");
    assert!(a.git(&["log", "-1", "--format=%s"])?.contains("round.ron"), "A's change is committed");

    std::fs::write(a.dir.join(file), "một\nhai của Tú, HAI của Bình\nba\n")?;
    let out = a.sync()?;
    assert!(out.status.success(), "{}", common::show(&out));
    assert!(out_text(&out).contains("Đã hoàn tất lần gộp"), "{}", common::show(&out));
    assert!(b.sync()?.status.success());
    assert_eq!(std::fs::read_to_string(b.dir.join(file))?, "một\nhai của Tú, HAI của Bình\nba\n");
    let parents = a.git(&["rev-list", "--parents", "-1", "HEAD"])?;
    assert_eq!(parents.split_whitespace().count(), 3, "the hand merge is concluded as a merge commit: {parents}");
    assert!(!Path::new(&a.dir.join(".git/MERGE_HEAD")).exists());
    Ok(())
}

#[test]
fn a_visit_a_killed_git_left_half_written_is_put_back_and_its_text_kept() -> Result {
    let team = Team::new(&["Lê Thị Tú"])?;
    let a = &team.clones[0];
    let path = new_visit(&a.dir, &Template::embedded(), 11, &a.name)?;
    assert!(a.sync()?.status.success());
    let whole = std::fs::read_to_string(&path)?;
    // What a git killed while it wrote the file of a merge leaves: half a file and its index lock.
    let half = &whole.as_bytes()[..whole.len() / 2];
    std::fs::write(&path, half)?;
    std::fs::write(a.dir.join(".git/index.lock"), "")?;
    let out = a.sync()?;
    assert!(out.status.success(), "{}", common::show(&out));
    assert!(out_text(&out).contains("ghi dở tệp này"), "{}", common::show(&out));
    assert_eq!(std::fs::read_to_string(&path)?, whole, "the committed version is back");
    let kept: Vec<_> = std::fs::read_dir(a.dir.join(".git/khaosat-damaged"))?.collect::<std::io::Result<_>>()?;
    assert_eq!(kept.len(), 1);
    assert_eq!(std::fs::read(kept[0].path())?, half);
    assert!(a.git(&["status", "--porcelain"])?.is_empty());
    Ok(())
}
