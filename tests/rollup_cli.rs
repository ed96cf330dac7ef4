//! `khaosat summary A.json B.json …`: the demo round split by committee into three summaries,
//! rolled up, is the summary of the whole round; mixed inputs too; a bad input is refused alone.

mod common;

use std::path::{Path, PathBuf};

use serde_json::Value as J;

use common::rollup_json::without_rollup_keys;
use common::{MANIFEST, Result, run, show, text};

const ROUND: &str = "data/examples/round-967";

/// The demo round's files by committee: Mai Dịch, Công an quận, and the three others.
const GROUPS: [&[&str]; 3] = [
    &["2022-04-06_chi-bo-so-11.ron", "2022-04-08_chi-bo-cong-an-phuong.ron"],
    &["2022-04-04_chi-bo-doi-canh-sat-giao-thong-trat-tu.ron", "2022-04-12_chi-bo-doi-tong-hop.ron"],
    &[
        "2022-04-14_chi-bo-phong-thong-tin-thi-truong-lao-dong.ron",
        "2022-04-19_chi-bo-cong-ty-co-phan-tu-van-dau-tu-phat-trien-va-xay-dung.ron",
        "2022-04-21_chi-bo-thcs-thpt-nguyen-sieu.ron",
    ],
];

fn scratch(name: &str) -> Result<PathBuf> {
    let dir = Path::new(MANIFEST).join("target/test-rollup").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// A summary JSON of each committee's visits, written in `dir`.
fn committee_summaries(dir: &Path) -> Result<Vec<String>> {
    let mut written = Vec::new();
    for (i, files) in GROUPS.iter().enumerate() {
        let out = dir.join(format!("part{i}.json")).to_string_lossy().into_owned();
        let mut args = vec!["summary".to_string(), "--format".into(), "json".into(), "-o".into(), out.clone()];
        args.extend(files.iter().map(|f| format!("{ROUND}/{f}")));
        let done = run(&args.iter().map(String::as_str).collect::<Vec<_>>())?;
        assert!(done.status.success(), "{}", show(&done));
        written.push(out);
    }
    Ok(written)
}

fn json_of(args: &[&str]) -> Result<J> {
    let out = run(args)?;
    assert!(out.status.success(), "{}", show(&out));
    Ok(serde_json::from_slice(&out.stdout)?)
}

/// What a roll-up and the whole must share: all but the roll-up's own key, what only a round
/// file gives (its details and coverage, compared on their own), and the order of `visit_list`.
fn comparable(value: J) -> J {
    without_rollup_keys(value, &["rollup", "round_details", "coverage"])
}

fn coverage_counts(coverage: &J) -> Vec<(J, J, J, J)> {
    let list = coverage.as_array().cloned().unwrap_or_default();
    list.iter().map(|c| (c["round"].clone(), c["planned"].clone(), c["visited"].clone(), c["final"].clone())).collect()
}

#[test]
fn three_committee_summaries_roll_up_to_the_whole_round() -> Result {
    let dir = scratch("three")?;
    let parts = committee_summaries(&dir)?;
    let whole = json_of(&["summary", ROUND, "--format", "json"])?;
    let mut args = vec!["summary", "--format", "json", "--level", "Đảng bộ phường Nghĩa Đô"];
    args.extend(parts.iter().map(String::as_str));
    let rolled = json_of(&args)?;
    assert_eq!(rolled["rollup"]["sentence"], "Đảng bộ phường Nghĩa Đô: 3 báo cáo, 7 phiếu");
    assert_eq!(rolled["rollup"]["refused"], J::Array(Vec::new()));
    assert_eq!(coverage_counts(&rolled["rollup"]["coverage"]), coverage_counts(&whole["coverage"]));
    assert!(whole["findings"].as_array().is_some_and(|f| !f.is_empty()));
    assert_eq!(comparable(rolled), comparable(whole));
    Ok(())
}

#[test]
fn summaries_and_visit_files_mix() -> Result {
    let dir = scratch("mixed")?;
    let parts = committee_summaries(&dir)?;
    let whole = json_of(&["summary", ROUND, "--format", "json"])?;
    let middle: Vec<String> = GROUPS[1].iter().map(|f| format!("{ROUND}/{f}")).collect();
    let args =
        ["summary", "--format", "json", parts[0].as_str(), middle[0].as_str(), middle[1].as_str(), parts[2].as_str()];
    let rolled = json_of(&args)?;
    assert_eq!(rolled["rollup"]["sources"].as_array().map(Vec::len), Some(3));
    assert_eq!(comparable(rolled), comparable(whole));
    // The text names the level and the reports.
    let out = run(&[
        "summary",
        "--level",
        "Đảng bộ phường Nghĩa Đô",
        parts[0].as_str(),
        parts[1].as_str(),
        parts[2].as_str(),
    ])?;
    assert!(text(&out.stdout).starts_with("Đảng bộ phường Nghĩa Đô: 3 báo cáo, 7 phiếu\n"), "{}", show(&out));
    Ok(())
}

#[test]
fn an_edited_summary_is_refused_and_the_rest_merged() -> Result {
    let dir = scratch("edited")?;
    let parts = committee_summaries(&dir)?;
    let mut bad: J = serde_json::from_str(&std::fs::read_to_string(&parts[1])?)?;
    bad["findings"][0]["assessed"] = J::from(0);
    std::fs::write(&parts[1], bad.to_string())?;
    let out =
        run(&["summary", "--lang", "en", "--format", "json", parts[0].as_str(), parts[1].as_str(), parts[2].as_str()])?;
    assert!(out.status.success(), "{}", show(&out));
    let stderr = text(&out.stderr);
    assert!(stderr.contains(&format!("{}: /findings/0/failing:", parts[1])), "{stderr}");
    let rolled: J = serde_json::from_slice(&out.stdout)?;
    assert_eq!(rolled["visits"], 5);
    assert_eq!(rolled["skipped"][0]["path"], J::from(parts[1].clone()));
    // Under --strict a refused input fails the command, as a broken visit file does.
    let strict = run(&["summary", "--strict", parts[0].as_str(), parts[1].as_str()])?;
    assert_eq!(strict.status.code(), Some(1), "{}", show(&strict));
    // The same summary twice: the second is refused, nothing counted twice.
    let twice = json_of(&["summary", "--format", "json", parts[0].as_str(), parts[0].as_str()])?;
    assert_eq!(twice["visits"], 2);
    assert_eq!(twice["rollup"]["refused"][0]["pointer"], "/visit_list/0");
    Ok(())
}

#[test]
fn a_rollup_of_rollups_is_the_whole_too() -> Result {
    let dir = scratch("levels")?;
    let parts = committee_summaries(&dir)?;
    let ward = dir.join("ward.json").to_string_lossy().into_owned();
    let args = ["summary", "--format", "json", "--level", "Đảng bộ phường A", "-o", &ward, &parts[0], &parts[1]];
    let done = run(&args)?;
    assert!(done.status.success(), "{}", show(&done));
    let whole = json_of(&["summary", ROUND, "--format", "json"])?;
    let province = json_of(&["summary", "--format", "json", "--level", "Tỉnh ủy", &ward, &parts[2]])?;
    assert_eq!(province["rollup"]["sources"][0]["level"], "Đảng bộ phường A");
    assert_eq!(province["rollup"]["sentence"], "Tỉnh ủy: 2 báo cáo, 7 phiếu");
    assert_eq!(coverage_counts(&province["rollup"]["coverage"]), coverage_counts(&whole["coverage"]));
    assert_eq!(comparable(province), comparable(whole));
    Ok(())
}

/// HD 42 scores through the command line: the 2026 round's visits summarised in two parts and
/// rolled up give the whole round's `scores` (JSON, millionths included) and score lines (text).
#[test]
fn hd42_scores_roll_up_exactly() -> Result {
    const HD42: &str = "data/examples/round-2026-nghia-do";
    let dir = scratch("scores")?;
    let mut files: Vec<String> = std::fs::read_dir(Path::new(MANIFEST).join(HD42))?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".ron") && n != "round.ron")
        .collect();
    files.sort();
    let mut parts = Vec::new();
    for (i, half) in files.chunks(2).enumerate() {
        let out = dir.join(format!("half{i}.json")).to_string_lossy().into_owned();
        let mut args = vec!["summary".to_string(), "--format".into(), "json".into(), "-o".into(), out.clone()];
        args.extend(half.iter().map(|f| format!("{HD42}/{f}")));
        let done = run(&args.iter().map(String::as_str).collect::<Vec<_>>())?;
        assert!(done.status.success(), "{}", show(&done));
        parts.push(out);
    }
    let whole = json_of(&["summary", "--format", "json", HD42])?;
    let mut args = vec!["summary", "--format", "json"];
    args.extend(parts.iter().map(String::as_str));
    let rolled = json_of(&args)?;
    assert!(whole["scores"][0]["points_millionths"].as_i64().is_some_and(|n| n > 0), "{}", whole["scores"]);
    assert_eq!(rolled["scores"], whole["scores"]);
    let grades = |v: &J| v["visit_list"].as_array().map(|l| l.iter().map(|v| v["grade"].clone()).collect::<Vec<_>>());
    assert_eq!(grades(&rolled), grades(&whole));

    let scores_part = |out: &str| out.split_once("HD42-2025 (").map(|(_, rest)| rest.to_string());
    let mut args = vec!["summary"];
    args.extend(parts.iter().map(String::as_str));
    let rolled_text = text(&run(&args)?.stdout);
    let whole_text = text(&run(&["summary", HD42])?.stdout);
    assert!(scores_part(&whole_text).is_some(), "{whole_text}");
    assert_eq!(scores_part(&rolled_text), scores_part(&whole_text));
    Ok(())
}

/// Each failing branch of a roll-up names its committee and where it came from: the level of its
/// report when that was a roll-up (the deepest one, through a roll-up of roll-ups), else the
/// report's name; in JSON and in the text and Markdown lists.
#[test]
fn failing_branches_carry_their_committee_and_the_level_they_came_from() -> Result {
    let dir = scratch("origin")?;
    let parts = committee_summaries(&dir)?;
    let ward = dir.join("ward.json").to_string_lossy().into_owned();
    let args = ["summary", "--format", "json", "--level", "Đảng bộ phường A", "-o", &ward, &parts[0], &parts[1]];
    let done = run(&args)?;
    assert!(done.status.success(), "{}", show(&done));
    let province_file = dir.join("province.json").to_string_lossy().into_owned();
    let args = ["summary", "--format", "json", "--level", "Tỉnh ủy", "-o", &province_file, &ward, &parts[2]];
    assert!(run(&args)?.status.success());
    let top = json_of(&["summary", "--format", "json", "--level", "Trung ương", &province_file])?;

    let part2: J = serde_json::from_str(&std::fs::read_to_string(&parts[2])?)?;
    let in_part2 = |file: &str| part2["visit_list"].as_array().is_some_and(|l| l.iter().any(|v| v["file"] == file));
    let mut seen = (0, 0);
    for f in top["findings"].as_array().ok_or("findings")? {
        for b in f["branches"].as_array().ok_or("branches")? {
            assert!(b["committee"].as_str().is_some_and(|c| !c.is_empty()), "{b}");
            assert_eq!(b["report"], province_file.as_str(), "{b}");
            if in_part2(b["file"].as_str().unwrap_or("")) {
                // From a team's summary into the province's roll-up: the province is its level.
                assert_eq!(b["level"], "Tỉnh ủy", "{b}");
                seen.0 += 1;
            } else {
                // Through the ward's roll-up first: the deepest level is kept.
                assert_eq!(b["level"], "Đảng bộ phường A", "{b}");
                seen.1 += 1;
            }
        }
    }
    assert!(seen.0 > 0 && seen.1 > 0, "{seen:?}");

    let province_text = text(&run(&["--lang", "en", "summary", &ward, &parts[2]])?.stdout);
    assert!(province_text.contains("(Đảng bộ phường Mai Dịch; Đảng bộ phường A)"), "{province_text}");
    assert!(province_text.contains(&format!("; report {})", parts[2])), "{province_text}");
    let markdown = text(&run(&["summary", "--format", "md", &ward, &parts[2]])?.stdout);
    assert!(markdown.contains("; Đảng bộ phường A)"), "{markdown}");
    Ok(())
}
