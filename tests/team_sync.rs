//! A team of five inspectors with real git: a bare repository, five clones of a shared round of
//! 50 visits, random edits through the library (as the checklist makes them: answers with notes,
//! general notes, new visits, finalising, picking a side of a conflict) and `khaosat sync` (the
//! built binary) in random order, at least 200 times. At the end, after everyone syncs twice:
//! every clone holds the same files; every answer ever given is in its visit, or was replaced by
//! a later edit made by someone who had seen it, or is one side of a conflict kept in the file;
//! every file is valid; no conflict markers anywhere.
//!
//! Each answer carries a note that names it (`#17`), so that it can be followed through merges.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::Result;
use common::team::{Clone, Rng, Team, new_visit, seed, yes_no_items};
use khaosat::core::merge::{Pick, resolve};
use khaosat::core::template::Template;
use khaosat::core::visit::{Answer, Value, Visit, VisitStatus, finalise};
use khaosat::store::{load_visit, save_visit};

const INSPECTORS: [&str; 5] = ["Lê Thị Tú", "Trần Văn Bình", "Nguyễn Thị Hoa", "Phạm Văn Minh", "Đỗ Thị Lan"];
const VISITS: usize = 50;
const SYNCS: usize = 200;
/// Edits aim at a few items of the visits, so that two inspectors often change the same one.
const HOT_ITEMS: usize = 8;

/// Every answer given, by its number (in its note).
struct Ledger {
    next: usize,
    /// number → (file, item, answer, who)
    given: BTreeMap<usize, (String, String, Answer, String)>,
    /// Numbers replaced by someone who saw them.
    superseded: BTreeSet<usize>,
}

impl Ledger {
    fn number(note: &str) -> Option<usize> {
        note.split('#').nth(1).and_then(|n| n.split_whitespace().next()).and_then(|n| n.parse().ok())
    }

    /// The answer `who` is about to write over `previous` (what their copy had there).
    fn give(&mut self, file: &str, item: &str, value: Value, previous: Option<&Answer>, who: &str) -> Answer {
        if let Some(n) = previous.and_then(|a| Ledger::number(&a.note)) {
            self.superseded.insert(n);
        }
        self.next += 1;
        let answer = Answer { value: Some(value), note: format!("#{} {who}", self.next) };
        self.given.insert(self.next, (file.to_string(), item.to_string(), answer.clone(), who.to_string()));
        answer
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

fn save(path: &Path, visit: &mut Visit, who: &str) -> Result<()> {
    visit.updated = khaosat::core::visit::now();
    visit.saved_by = who.to_string();
    visit.normalize();
    save_visit(path, visit)?;
    Ok(())
}

/// What one inspector does between two syncs.
struct Counts {
    answers: usize,
    notes: usize,
    new_visits: usize,
    finalised: usize,
    resolved: usize,
}

fn edit(
    clone: &Clone,
    rng: &mut Rng,
    ledger: &mut Ledger,
    templates: &[Template],
    items: &[String],
    counts: &mut Counts,
    next_visit: &mut usize,
) -> Result<()> {
    let template = &templates[0];
    let roll = rng.below(100);
    if roll < 4 {
        *next_visit += 1;
        new_visit(&clone.dir, template, *next_visit, &clone.name)?;
        counts.new_visits += 1;
        return Ok(());
    }
    let mut paths: Vec<PathBuf> = clone.files()?.keys().map(|n| clone.dir.join(n)).collect();
    paths.sort();
    let path = &paths[rng.below(paths.len())];
    let name = file_name(path);
    let mut visit = load_visit(path, templates).map_err(|e| format!("{}: {e:?}", clone.name))?;
    // A final visit is not edited in the checklist without reopening it.
    if visit.status == VisitStatus::Final {
        return Ok(());
    }
    if !visit.conflicts.is_empty() && (roll < 40 || rng.chance(50)) {
        // The person looks at both sides and keeps one: the other was seen and set aside.
        let index = rng.below(visit.conflicts.len());
        let pick = if rng.chance(50) { Pick::One } else { Pick::Two };
        let conflict = visit.conflicts[index].clone();
        if resolve(&mut visit, index, pick).is_ok() {
            for side in [&conflict.one, &conflict.two] {
                if let Some(n) = side.answer.as_ref().and_then(|a| Ledger::number(&a.note)) {
                    ledger.superseded.insert(n);
                }
            }
            // The kept side stands again as an answer given.
            if let Some(n) =
                visit.answers.get(conflict.item().unwrap_or_default()).and_then(|a| Ledger::number(&a.note))
            {
                ledger.superseded.remove(&n);
            }
            save(path, &mut visit, &clone.name)?;
            counts.resolved += 1;
        }
        return Ok(());
    }
    if roll < 7 && visit.conflicts.is_empty() {
        khaosat::testing::enter_passing_facts(&mut visit);
        let before = visit.answers.clone();
        khaosat::testing::answer_all_passing(template, &mut visit);
        let changed: Vec<(String, Answer)> = visit
            .answers
            .iter()
            .filter(|(id, a)| before.get(*id) != Some(*a))
            .map(|(id, a)| (id.clone(), a.clone()))
            .collect();
        for (id, answer) in changed {
            let previous = before.get(&id);
            let value = answer.value.clone().unwrap_or(Value::Yes);
            let given = ledger.give(&name, &id, value, previous, &clone.name);
            visit.answers.insert(id, given);
        }
        if khaosat::core::rules::problems(template, &visit).is_empty() {
            finalise(&mut visit, &clone.name, khaosat::core::visit::now());
            counts.finalised += 1;
        }
        save(path, &mut visit, &clone.name)?;
        return Ok(());
    }
    if roll < 20 {
        let line = format!("Ghi chú của {} ({})", clone.name, rng.next() % 10_000);
        visit.notes = if visit.notes.is_empty() { line } else { format!("{}\n{line}", visit.notes) };
        save(path, &mut visit, &clone.name)?;
        counts.notes += 1;
        return Ok(());
    }
    let item = &items[rng.below(items.len().min(HOT_ITEMS))];
    // An item waiting for a pick is resolved first (above), not answered over.
    if khaosat::core::merge::answer_conflict(&visit, item).is_some() {
        return Ok(());
    }
    let value = if rng.chance(50) { Value::Yes } else { Value::No };
    let given = ledger.give(&name, item, value, visit.answers.get(item), &clone.name);
    visit.answers.insert(item.clone(), given);
    visit.last_item = Some(item.clone());
    save(path, &mut visit, &clone.name)?;
    counts.answers += 1;
    Ok(())
}

#[test]
fn five_inspectors_syncing_in_random_order_end_with_the_same_files_and_every_answer_accounted_for() -> Result {
    let seed = seed(0x7ea_0016);
    eprintln!("seed {seed} (KHAOSAT_SEED={seed} repeats this run)");
    let mut rng = Rng::new(seed);
    let team = Team::new(&INSPECTORS)?;
    let templates = Template::embedded_all();
    let template = Template::embedded();
    let templates: Vec<Template> = std::iter::once(template.clone()).chain(templates).collect();
    let items = yes_no_items(&template);
    let mut ledger = Ledger { next: 0, given: BTreeMap::new(), superseded: BTreeSet::new() };

    // The round: 50 visits made by the first inspector, then everyone takes them.
    let first = &team.clones[0];
    for n in 1..=VISITS {
        new_visit(&first.dir, &template, n, &first.name)?;
    }
    let mut sync_times = Vec::new();
    let (mut reported_ms, mut git_ms) = (0, 0);
    let mut sync = |clone: &Clone| -> Result<String> {
        let started = Instant::now();
        let out = clone.sync()?;
        sync_times.push(started.elapsed());
        if let Some((total, git)) = common::team::sync_timings(&common::text(&out.stdout)) {
            reported_ms += total;
            git_ms += git;
        }
        let shown = common::show(&out);
        assert!(out.status.success(), "sync of {}: {shown}", clone.name);
        assert!(!shown.contains("<<<<<<<") && !shown.contains("sửa tay"), "a hand merge was asked: {shown}");
        Ok(shown)
    };
    for clone in &team.clones {
        sync(clone)?;
    }

    let mut counts = Counts { answers: 0, notes: 0, new_visits: 0, finalised: 0, resolved: 0 };
    let mut next_visit = 1000;
    let mut conflicts_seen = 0;
    for _ in 0..SYNCS {
        let clone = &team.clones[rng.below(team.clones.len())];
        for _ in 0..1 + rng.below(4) {
            edit(clone, &mut rng, &mut ledger, &templates, &items, &mut counts, &mut next_visit)?;
        }
        let shown = sync(clone)?;
        conflicts_seen += usize::from(shown.contains("xung đột giữ lại"));
    }
    for _ in 0..2 {
        for clone in &team.clones {
            sync(clone)?;
        }
    }

    // Everyone holds the team's files.
    let remote = team.remote_files()?;
    for clone in &team.clones {
        assert_eq!(clone.files()?, remote, "{} does not hold the team's files", clone.name);
        let status = clone.git(&["status", "--porcelain"])?;
        assert!(status.is_empty(), "{} has changes left: {status}", clone.name);
    }
    // No markers, every file valid.
    for (name, text) in &remote {
        assert!(!text.contains("<<<<<<<") && !text.contains(">>>>>>>"), "{name} holds conflict markers");
    }
    // Conflicts kept as data wait for a person, and validate names each; nothing else is wrong.
    let out = team.clones[0].khaosat(&["validate"]).arg(&team.clones[0].dir).output()?;
    let complaints: Vec<String> =
        common::text(&out.stderr).lines().filter(|l| l.contains(".ron:")).map(str::to_string).collect();
    for line in &complaints {
        assert!(line.contains("chọn 1 hoặc 2"), "validate found more than a kept conflict: {line}");
    }

    // Every answer is present, replaced by someone who saw it, or a side of a kept conflict.
    let visits: BTreeMap<&String, Visit> = remote
        .iter()
        .map(|(name, text)| Ok((name, khaosat::store::format::parse_visit(Path::new(name), text, &templates)?)))
        .collect::<std::result::Result<_, khaosat::store::format::LoadError>>()
        .map_err(|e| format!("{e:?}"))?;
    let mut present = 0;
    let mut in_conflict = 0;
    for (n, (file, item, answer, who)) in &ledger.given {
        if ledger.superseded.contains(n) {
            continue;
        }
        let visit = &visits[file];
        if visit.answers.get(item) == Some(answer) {
            present += 1;
            continue;
        }
        let kept = visit.conflicts.iter().any(|c| {
            c.item() == Some(item.as_str()) && [&c.one, &c.two].iter().any(|side| side.answer.as_ref() == Some(answer))
        });
        assert!(
            kept,
            "answer #{n} of {who} ({file} {item} = {answer:?}) is lost: the file has {:?}",
            visit.answers.get(item)
        );
        in_conflict += 1;
    }
    let kept_conflicts: usize = visits.values().map(|v| v.conflicts.len()).sum();

    let git = |args: &[&str]| -> Result<String> {
        let out = std::process::Command::new("git")
            .arg("--git-dir")
            .arg(&team.remote)
            .args(args)
            .envs(common::team::isolated_env())
            .output()?;
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    };
    // One inspector picks a side of every conflict left; after a sync round the team is clean.
    let resolver = &team.clones[0];
    for name in remote.keys() {
        let path = resolver.dir.join(name);
        let mut visit = load_visit(&path, &templates).map_err(|e| format!("{e:?}"))?;
        if visit.conflicts.is_empty() {
            continue;
        }
        while !visit.conflicts.is_empty() {
            resolve(&mut visit, 0, Pick::One).map_err(|e| format!("{name}: {e:?}"))?;
        }
        save(&path, &mut visit, &resolver.name)?;
    }
    for clone in &team.clones {
        sync(clone)?;
    }
    let settled = team.remote_files()?;
    for clone in &team.clones {
        assert_eq!(clone.files()?, settled, "{} does not hold the team's files", clone.name);
    }
    let out = resolver.khaosat(&["validate"]).arg(&resolver.dir).output()?;
    assert!(out.status.success(), "validate after the conflicts were resolved: {}", common::show(&out));

    let total: Duration = sync_times.iter().sum();
    let slowest = sync_times.iter().max().copied().unwrap_or_default();
    eprintln!(
        "{} syncs by {} inspectors over {} visits ({} at the end); edits: {} answers, {} notes, {} new visits, {} finalised, {} conflicts resolved",
        sync_times.len(),
        INSPECTORS.len(),
        VISITS,
        remote.len(),
        counts.answers,
        counts.notes,
        counts.new_visits,
        counts.finalised,
        counts.resolved
    );
    eprintln!(
        "team repository: {} commits, {} merges; syncs that reported conflicts kept: {conflicts_seen}; conflicts kept at the end: {kept_conflicts}",
        git(&["rev-list", "--count", "main"])?,
        git(&["rev-list", "--count", "--merges", "main"])?
    );
    eprintln!(
        "answers given: {}; superseded by someone who saw them: {}; present: {present}; kept as a side of a conflict: {in_conflict}",
        ledger.given.len(),
        ledger.superseded.len()
    );
    eprintln!(
        "time per sync: mean {:?} (the process), slowest {slowest:?}; of the time syncs report, git (and the merge driver it runs) took {git_ms} ms of {reported_ms} ms",
        total / sync_times.len().max(1) as u32
    );
    assert!(sync_times.len() >= SYNCS, "at least {SYNCS} syncs");
    Ok(())
}
