//! How long a sync of a round of 1 000 visits takes with 20 changed files, and how much of it is
//! git's: ignored in `cargo test`; run by `scripts/sync-scale.sh` (release build) or
//! `cargo test --release --test sync_scale -- --ignored --nocapture`.
//!
//! Two inspectors share the round. Each changes 20 visits (the same 20, different items), B
//! syncs first; then A's sync commits 20 files, merges B's 20 with the khaosat driver (20 runs of
//! it) and pushes. A last sync with nothing new shows the fixed cost.

mod common;

use common::Result;
use common::team::{Team, answer, new_visit, sync_timings, yes_no_items};
use khaosat::core::template::Template;
use khaosat::core::visit::Value;

const VISITS: usize = 1000;
const CHANGED: usize = 20;

fn timed_sync(clone: &common::team::Clone, what: &str) -> Result<()> {
    let started = std::time::Instant::now();
    let out = clone.sync()?;
    let wall = started.elapsed();
    assert!(out.status.success(), "{}", common::show(&out));
    let (total, git) = sync_timings(&common::text(&out.stdout)).ok_or("no timings")?;
    println!(
        "{what}: {} ms (process), of which sync {total} ms: git {git} ms ({:.0} %), khaosat {} ms",
        wall.as_millis(),
        100.0 * git as f64 / total.max(1) as f64,
        total - git
    );
    Ok(())
}

#[test]
#[ignore = "a measurement: scripts/sync-scale.sh"]
fn sync_a_round_of_1000_visits_with_20_changed_files() -> Result {
    let team = Team::new(&["Lê Thị Tú", "Trần Văn Bình"])?;
    let (a, b) = (&team.clones[0], &team.clones[1]);
    let template = Template::embedded();
    let templates = Template::embedded_all();
    let items = yes_no_items(&template);
    let paths: Vec<_> = (1..=VISITS).map(|n| new_visit(&a.dir, &template, n, &a.name)).collect::<Result<_>>()?;
    timed_sync(a, &format!("first sync of {VISITS} new visits"))?;
    timed_sync(b, &format!("a second clone takes {VISITS} visits"))?;
    for (i, path) in paths.iter().step_by(VISITS / CHANGED).enumerate() {
        let theirs = b.dir.join(path.file_name().ok_or("name")?);
        answer(&theirs, &templates, &items[1], Value::No, "", &b.name)?;
        answer(path, &templates, &items[0], if i % 2 == 0 { Value::Yes } else { Value::No }, "ghi chú", &a.name)?;
    }
    timed_sync(b, &format!("{CHANGED} changed files, nothing to merge"))?;
    timed_sync(a, &format!("{CHANGED} changed files, {CHANGED} merged by the driver"))?;
    timed_sync(a, "nothing new")?;
    Ok(())
}
