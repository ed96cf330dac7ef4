//! Roll-up of summary JSONs (issue 17): exact, whatever the split; bad inputs refused alone.

mod common;

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use serde_json::Value as J;

use khaosat::core::summary::rollup::{parse, rollup};
use khaosat::core::summary::{Filters, Summary, SummaryBuilder};
use khaosat::core::template::Template;
use khaosat::core::visit::Visit;
use khaosat::export::json;
use khaosat::store::load_visit;
use khaosat::strings::Lang;

use common::MANIFEST;
use common::rollup_json::without_rollup_keys;

/// The demo round's visits, and two altered copies of each (another branch, another committee,
/// some answers removed), so splits mix committees, findings and unanswered items.
fn visits() -> Vec<(PathBuf, Visit)> {
    static VISITS: std::sync::OnceLock<Vec<(PathBuf, Visit)>> = std::sync::OnceLock::new();
    VISITS.get_or_init(|| copies(&read_round("data/examples/round-967"), "Chi bộ số")).clone()
}

/// [`visits`] and HD 42 visits (scored) with their copies: having lost some answers, some are
/// pending and the others grade apart.
fn visits_with_scores() -> Vec<(PathBuf, Visit)> {
    let mut all = visits();
    all.extend(copies(&read_round("data/examples/round-2026-nghia-do"), "Chi bộ khu dân cư số"));
    all
}

/// The templates the visits are read against: HD 12 as embedded, HD 42 as the 2026 round uses it.
fn templates() -> Vec<Template> {
    static TEMPLATES: std::sync::OnceLock<Vec<Template>> = std::sync::OnceLock::new();
    TEMPLATES
        .get_or_init(|| {
            let dir = Path::new(MANIFEST).join("data/examples/round-2026-nghia-do");
            let round = khaosat::store::round::load_round(&dir.join("round.ron")).expect("round.ron");
            let hd42 = Template::embedded_all().into_iter().find(|t| t.id == "hd42-2025").expect("HD 42 is embedded");
            vec![Template::embedded(), khaosat::core::round::template_for_round(&hd42, &round)]
        })
        .clone()
}

fn template_of(visit: &Visit) -> Template {
    templates().into_iter().find(|t| t.id == visit.template.id).expect("the visit's template")
}

/// The visits of a demo round folder, in file order.
fn read_round(folder: &str) -> Vec<(PathBuf, Visit)> {
    let dir = Path::new(MANIFEST).join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("demo round")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().is_some_and(|n| n != "round.ron") && p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files.into_iter().map(|p| (p.clone(), load_visit(&p, &templates()).expect("demo visit"))).collect()
}

/// The visits and two altered copies of each (another branch, another committee, some answers
/// removed).
fn copies(demo: &[(PathBuf, Visit)], branch: &str) -> Vec<(PathBuf, Visit)> {
    let mut all = demo.to_vec();
    for (copy, committee) in [(1, "Đảng bộ phường Nghĩa Đô"), (2, "Đảng bộ phường Dịch Vọng")] {
        for (i, (path, visit)) in demo.iter().enumerate() {
            let mut v = visit.clone();
            v.meeting.branch = format!("{branch} {}", i * 2 + copy);
            v.meeting.committee = committee.to_string();
            let drop: Vec<String> = v.answers.keys().skip(i + copy).step_by(5 + copy).cloned().collect();
            for id in drop {
                v.answers.remove(&id);
            }
            // A final visit's copy is sealed again: it was not edited after it was made final.
            let hash = khaosat::core::visit::content_hash(&v);
            if let Some(sealed) = v.finalised.as_mut() {
                sealed.hash = hash;
            }
            all.push((path.with_file_name(format!("copy{copy}-{i}.ron")), v));
        }
    }
    all
}

fn summary_of(visits: &[&(PathBuf, Visit)]) -> Summary {
    let mut builder = SummaryBuilder::new(Lang::Vi, Filters::default()).keep_hashes(true);
    for (path, visit) in visits {
        builder.add(visit, &template_of(visit), path);
    }
    builder.finish()
}

/// The JSON, with what only a roll-up has taken out, and visits in file order.
fn comparable(summary: &Summary) -> J {
    let value: J = serde_json::from_str(&json::render(summary).expect("json")).expect("parse");
    without_rollup_keys(value, &["rollup"])
}

/// Where two JSON values first differ (a JSON pointer and both sides), or None.
fn difference(a: &J, b: &J, at: &str) -> Option<String> {
    match (a, b) {
        (J::Object(x), J::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().find_map(|k| {
                difference(x.get(k).unwrap_or(&J::Null), y.get(k).unwrap_or(&J::Null), &format!("{at}/{k}"))
            })
        }
        (J::Array(x), J::Array(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find_map(|(i, (p, q))| difference(p, q, &format!("{at}/{i}")))
        }
        _ => (a != b).then(|| format!("{at}: {a} ≠ {b}")),
    }
}

fn same(a: &J, b: &J) -> Result<(), String> {
    difference(a, b, "").map_or(Ok(()), Err)
}

fn rolled(groups: &[Summary]) -> Summary {
    let inputs = groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let name = format!("part{i}.json");
            let text = json::render(g).expect("json");
            let parsed = parse(&name, &text);
            (name, parsed)
        })
        .collect();
    rollup(inputs, Some("Đảng bộ phường Nghĩa Đô".into()), Lang::Vi)
}

/// Split `all` by `picks` into `k` groups, summarise each, roll them up: the roll-up must be the
/// summary of all of them at once.
fn split_is_whole(all: &[(PathBuf, Visit)], k: usize, picks: &[usize]) -> Result<Summary, TestCaseError> {
    prop_assert_eq!(picks.len(), all.len(), "every visit is in some group");
    let whole = summary_of(&all.iter().collect::<Vec<_>>());
    let groups: Vec<Summary> = (0..k)
        .map(|g| summary_of(&all.iter().zip(picks).filter(|(_, p)| **p % k == g).map(|(v, _)| v).collect::<Vec<_>>()))
        .collect();
    let result = rolled(&groups);
    prop_assert!(result.skipped.is_empty(), "{:?}", result.skipped);
    prop_assert_eq!(result.visits.len(), whole.visits.len());
    prop_assert!(!whole.findings.is_empty());
    prop_assert_eq!(same(&comparable(&result), &comparable(&whole)), Ok(()));
    Ok(whole)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Any split into k groups (empty ones too), summarised, written, read back and rolled up,
    /// is the summary of all the visits at once: findings, counts, branches, figures, strengths;
    /// and, for the HD 42 visits split the same way, scores (grades, pending, averages overall
    /// and per group, each visit's score and grade). The two rule sets are split apart: a
    /// roll-up over both is not exact yet (see docs/summary-json.md).
    #[test]
    fn a_rollup_of_any_split_is_the_whole(k in 1usize..6, picks in prop::collection::vec(0usize..6, 33)) {
        let all = visits_with_scores();
        let (hd12, hd42) = all.split_at(21);
        split_is_whole(hd12, k, &picks[..21])?;
        let scored = split_is_whole(hd42, k, &picks[21..])?;
        prop_assert!(scored.scores.iter().any(|s| s.pending > 0 && s.complete() > 1), "scores worth checking");
    }
}

#[test]
fn the_same_visit_in_two_inputs_is_refused_not_counted_twice() {
    let all = visits();
    let refs: Vec<&(PathBuf, Visit)> = all.iter().collect();
    let one = summary_of(&refs[..10]);
    let two = summary_of(&refs[9..]);
    let result = rolled(&[one.clone(), two]);
    assert_eq!(result.visits.len(), 10);
    let info = result.rolled_up.as_ref().expect("roll-up");
    assert_eq!(info.refused.len(), 1);
    assert_eq!(info.refused[0].source, "part1.json");
    assert!(info.refused[0].pointer.starts_with("/visit_list/"), "{}", info.refused[0].pointer);
    assert_eq!(
        same(&comparable(&result), &comparable(&Summary { rolled_up: None, ..one }).tap_skipped(&result)),
        Ok(())
    );
}

/// Edit a summary's JSON by hand, and roll it up beside a good one.
fn edited(edit: impl Fn(&mut J)) -> (Summary, Summary) {
    let all = visits();
    let refs: Vec<&(PathBuf, Visit)> = all.iter().collect();
    let good = summary_of(&refs[..7]);
    let bad = summary_of(&refs[7..]);
    let mut value: J = serde_json::from_str(&json::render(&bad).expect("json")).expect("parse");
    edit(&mut value);
    let inputs = vec![
        ("good.json".to_string(), parse("good.json", &json::render(&good).expect("json"))),
        ("bad.json".to_string(), parse("bad.json", &value.to_string())),
    ];
    (rollup(inputs, None, Lang::Vi), good)
}

fn refused_at(edit: impl Fn(&mut J), pointer: &str, words: &str) {
    let (result, good) = edited(edit);
    let info = result.rolled_up.as_ref().expect("roll-up");
    assert_eq!(info.refused.len(), 1, "{:?}", info.refused);
    assert_eq!(info.refused[0].pointer, pointer);
    let reason = info.refused[0].display(Lang::En);
    assert!(reason.starts_with("bad.json: ") && reason.contains(words), "{reason}");
    assert_eq!(result.skipped.len(), 1);
    // The good input is merged as it was.
    assert_eq!(
        same(&comparable(&result), &comparable(&Summary { skipped: Vec::new(), ..good }).tap_skipped(&result)),
        Ok(())
    );
}

trait TapSkipped {
    fn tap_skipped(self, with: &Summary) -> J;
}

impl TapSkipped for J {
    /// The expected value with the roll-up's `skipped` list in it.
    fn tap_skipped(mut self, with: &Summary) -> J {
        let actual = comparable(with);
        if let J::Object(map) = &mut self {
            map.insert("skipped".into(), actual["skipped"].clone());
        }
        self
    }
}

#[test]
fn failing_over_assessed_is_refused_with_its_pointer() {
    refused_at(
        |v| {
            let b = v["findings"][0]["branches"].as_array().map_or(0, Vec::len);
            v["findings"][0]["assessed"] = J::from(b - 1);
        },
        "/findings/0/failing",
        "exceed those assessed",
    );
}

#[test]
fn a_count_that_disagrees_with_its_branch_list_is_refused() {
    refused_at(|v| v["findings"][1]["failing"] = J::from(99), "/findings/1/failing", "lists");
}

#[test]
fn an_item_that_disagrees_with_its_finding_is_refused() {
    let (result, _) = edited(|v| {
        let id = v["findings"][0]["id"].clone();
        if let Some(items) = v["items"].as_array_mut() {
            for item in items.iter_mut().filter(|i| i["id"] == id) {
                item["passing"] = J::from(item["passing"].as_u64().unwrap_or(0) + 1);
            }
        }
    });
    let info = result.rolled_up.as_ref().expect("roll-up");
    assert!(info.refused[0].pointer.starts_with("/items/"), "{:?}", info.refused);
}

#[test]
fn a_visit_count_that_is_not_the_list_and_broken_json_are_refused() {
    refused_at(|v| v["visits"] = J::from(3), "/visits", "visit_list has");
    refused_at(|v| v["figures"]["speakers"]["counted"] = J::from(1), "/figures/speakers/counted", "values");
    let (result, _) = edited(|v| *v = J::from("not a summary"));
    assert_eq!(result.skipped.len(), 1);
    assert!(result.skipped[0].position.is_some());
}

#[test]
fn a_summary_of_another_template_version_is_named_and_merged_by_item_id() {
    let all = visits();
    let refs: Vec<&(PathBuf, Visit)> = all.iter().collect();
    let whole = summary_of(&refs);
    let (one, two) = (summary_of(&refs[..7]), summary_of(&refs[7..]));
    let mut value: J = serde_json::from_str(&json::render(&two).expect("json")).expect("parse");
    value["template_versions"][0]["version"] = J::from(2);
    let inputs = vec![
        ("one.json".to_string(), parse("one.json", &json::render(&one).expect("json"))),
        ("two.json".to_string(), parse("two.json", &value.to_string())),
    ];
    let result = rollup(inputs, None, Lang::Vi);
    let info = result.rolled_up.as_ref().expect("roll-up");
    assert_eq!(info.other_templates.len(), 1);
    assert_eq!((info.other_templates[0].source.as_str(), info.other_templates[0].version), ("two.json", 2));
    assert!(info.refused.is_empty());
    assert_eq!(result.template_versions.len(), 2);
    // Counted by item id all the same.
    assert_eq!(result.findings.len(), whole.findings.len());
    for (a, b) in result.findings.iter().zip(&whole.findings) {
        assert_eq!((&a.id, a.failing(), a.assessed), (&b.id, b.failing(), b.assessed));
    }
}

#[test]
fn scores_whose_grades_do_not_add_up_are_refused_and_the_rest_merged() {
    let all = visits_with_scores();
    let refs: Vec<&(PathBuf, Visit)> = all[21..].iter().collect();
    let (good, bad) = (summary_of(&refs[..6]), summary_of(&refs[6..]));
    let mut value: J = serde_json::from_str(&json::render(&bad).expect("json")).expect("parse");
    value["scores"][0]["grades"][0]["visits"] = J::from(40);
    let inputs = vec![
        ("good.json".to_string(), parse("good.json", &json::render(&good).expect("json"))),
        ("bad.json".to_string(), parse("bad.json", &value.to_string())),
    ];
    let result = rollup(inputs, None, Lang::En);
    let info = result.rolled_up.as_ref().expect("roll-up");
    assert_eq!(info.refused.len(), 1, "{:?}", info.refused);
    assert_eq!(info.refused[0].pointer, "/scores/0/visits");
    assert!(info.refused[0].display(Lang::En).contains("add up to"), "{}", info.refused[0].display(Lang::En));
    assert_eq!(result.scores.len(), 1);
    assert_eq!(result.scores[0].visits, good.scores[0].visits);
    assert_eq!(result.scores[0].average, good.scores[0].average);
}
