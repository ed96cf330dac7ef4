//! Summaries over the folders of several rounds (issue 11, points 10 and 11): each round's plan
//! counts its own visits, the result does not depend on the order of the folders, round.ron
//! files of one round that disagree are reported, a round without a plan shows no coverage, and
//! the report gives the round's decision and period from its round.ron.

use std::fs;
use std::path::Path;

use khaosat::core::round::{PlannedBranch, Round};
use khaosat::core::visit::BranchType;
use khaosat::store::round::{load_round, round_to_ron};
use khaosat::strings::Lang;
use serde_json::Value as J;

mod common;
use common::{MANIFEST, Result, run, show, text};

const DEMO: &str = "data/examples/round-967";
const DEMO_ROUND: &str = "967-QĐ/QU";

fn arg(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Copy the demo's visit files whose names contain one of `names` (all when empty) into `dir`,
/// and its round.ron when `with_round`. Returns how many visits were copied.
fn copy_demo(dir: &Path, names: &[&str], with_round: bool) -> Result<usize> {
    fs::create_dir_all(dir)?;
    let mut n = 0;
    for entry in fs::read_dir(Path::new(MANIFEST).join(DEMO))? {
        let path = entry?.path();
        let name = path.file_name().ok_or("name")?.to_string_lossy().into_owned();
        // Not the hidden lock files a session opened on the example leaves beside its visits.
        if name.starts_with('.') {
            continue;
        }
        if name == "round.ron" {
            if with_round {
                fs::copy(&path, dir.join(&name))?;
            }
        } else if names.is_empty() || names.iter().any(|part| name.contains(part)) {
            fs::copy(&path, dir.join(&name))?;
            n += 1;
        }
    }
    Ok(n)
}

/// Rewrite the `round:` line of every visit in `dir` (None: the visits name no round).
fn set_visit_round(dir: &Path, round: Option<&str>) -> Result {
    let line = format!("  round: Some(\"{DEMO_ROUND}\"),\n");
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.file_name().is_some_and(|n| n == "round.ron") {
            continue;
        }
        let source = fs::read_to_string(&path)?;
        assert!(source.contains(&line), "{}", path.display());
        let replacement = round.map(|r| format!("  round: Some(\"{r}\"),\n")).unwrap_or_default();
        // A visit of another round is another meeting: a year later (else the summary would count
        // it once with the demo's record of the same meeting).
        let source = source.replace("  date: \"2022-04-", "  date: \"2023-03-");
        fs::write(&path, source.replace(&line, &replacement))?;
    }
    Ok(())
}

fn write_round(dir: &Path, round: &Round) -> Result {
    fs::write(dir.join("round.ron"), round_to_ron(round))?;
    Ok(())
}

fn demo_round() -> Result<Round> {
    Ok(load_round(&Path::new(MANIFEST).join(DEMO).join("round.ron")).map_err(|e| e.display(Lang::En))?)
}

fn summary(args: &[&str]) -> Result<(J, String)> {
    let out = run(args)?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    Ok((serde_json::from_slice(&out.stdout)?, text(&out.stderr)))
}

fn report(args: &[&str]) -> Result<String> {
    let out = run(args)?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    Ok(text(&out.stdout))
}

fn names(list: &J) -> Vec<String> {
    list.as_array().into_iter().flatten().filter_map(|b| b["branch"].as_str().map(String::from)).collect()
}

/// Two rounds: `a` is the demo round with four of its seven visits; `b` is round 1024 planning two
/// branches, with one planned visit that names no round and one unplanned visit naming 1024.
fn two_rounds() -> Result<tempfile::TempDir> {
    let root = tempfile::tempdir()?;
    let (a, b) = (root.path().join("a"), root.path().join("b"));
    assert_eq!(copy_demo(&a, &["so-11", "cong-an-phuong", "canh-sat", "doi-tong-hop"], true)?, 4);
    let mut other = Round::new(
        "1024-QĐ/QU",
        jiff::civil::date(2023, 3, 1),
        jiff::civil::date(2023, 3, 6),
        jiff::civil::date(2023, 3, 31),
    );
    for branch in ["Chi bộ số 11", "Chi bộ số 12"] {
        other.plan(PlannedBranch {
            branch: branch.into(),
            committee: "Đảng bộ phường Mai Dịch".into(),
            branch_type: BranchType::KhuDanCu,
            date: None,
            inspector: String::new(),
            previously: None,
        });
    }
    assert_eq!(copy_demo(&b.join("no-round"), &["so-11"], false)?, 1);
    set_visit_round(&b.join("no-round"), None)?;
    assert_eq!(copy_demo(&b.join("named"), &["doi-tong-hop"], false)?, 1);
    set_visit_round(&b.join("named"), Some("1024-QĐ/QU"))?;
    write_round(&b, &other)?;
    Ok(root)
}

#[test]
fn each_rounds_plan_counts_its_own_visits_whatever_the_order_of_the_folders() -> Result {
    let root = two_rounds()?;
    let (a, b) = (arg(&root.path().join("a")), arg(&root.path().join("b")));
    let (ab, _) = summary(&["summary", &a, &b, "--format", "json"])?;
    let (ba, _) = summary(&["summary", &b, &a, "--format", "json"])?;
    assert!(ab == ba, "the summary depends on the order of the folders: {} / {}", ab["coverage"], ba["coverage"]);
    assert_eq!(ab["visits"], 6);

    let coverage = ab["coverage"].as_array().ok_or("coverage: one entry per round with a plan")?;
    let rounds: Vec<&str> = coverage.iter().filter_map(|c| c["round"].as_str()).collect();
    assert_eq!(rounds, vec!["967-QĐ/QU", "1024-QĐ/QU"], "in decision order (numbers as numbers)");
    let (demo, other) = (&coverage[0], &coverage[1]);
    assert_eq!((demo["planned"].as_u64(), demo["visited"].as_u64()), (Some(7), Some(4)));
    assert_eq!(demo["unplanned"].as_array().map(Vec::len), Some(0), "b's visits are not the demo round's");
    assert_eq!((other["planned"].as_u64(), other["visited"].as_u64()), (Some(2), Some(1)));
    assert_eq!(names(&other["missing"]), vec!["Chi bộ số 12"]);
    assert_eq!(names(&other["unplanned"]), vec!["Chi bộ Đội Tổng hợp"]);

    let described = ab["round_details"].as_array().ok_or("round_details")?;
    assert_eq!(described.len(), 2);
    assert_eq!(described[1]["decision"], "1024-QĐ/QU");
    assert_eq!(described[1]["period"]["from"], "2023-03-06");
    assert_eq!(ab["format_version"], 2, "coverage became a list");

    // Text: one block per round.
    let plain = report(&["--lang", "en", "summary", &b, &a])?;
    assert!(plain.contains("4 of 7 branches attended"), "{plain}");
    assert!(plain.contains("1 of 2 branches attended"), "{plain}");
    assert!(plain.contains("Attended without being planned: Chi bộ Đội Tổng hợp (Đảng bộ Công an quận)"), "{plain}");
    assert_eq!(plain, report(&["--lang", "en", "summary", &a, &b])?);
    Ok(())
}

#[test]
fn two_copies_of_a_round_that_disagree_are_merged_with_a_warning() -> Result {
    let root = tempfile::tempdir()?;
    let (a, c) = (root.path().join("a"), root.path().join("c"));
    copy_demo(&a, &[], true)?;
    copy_demo(&c, &[], true)?;
    // Two inspectors' copies of one round: the same visits, and the same round file at first.
    let (a_arg, c_arg) = (arg(&a), arg(&c));
    let (json, stderr) = summary(&["--lang", "en", "summary", &a_arg, &c_arg, "--format", "json"])?;
    assert!(!stderr.contains("disagree"), "{stderr}");
    assert_eq!(json["round_details"][0]["disagreements"].as_array().map(Vec::len), Some(0));

    // One copy renames a document.
    let mut round = demo_round()?;
    round.documents[2].label.vi = "KL 21".into();
    write_round(&c, &round)?;
    let (json, stderr) = summary(&["--lang", "en", "summary", &a_arg, &c_arg, "--format", "json"])?;
    assert!(stderr.contains("disagree on documents"), "{stderr}");
    assert!(stderr.contains("a/round.ron") && stderr.contains("c/round.ron"), "both files named: {stderr}");
    let described = json["round_details"].as_array().ok_or("round_details")?;
    assert_eq!(described.len(), 1, "one round, described twice");
    assert_eq!(described[0]["disagreements"], serde_json::json!(["documents"]));
    assert_eq!(described[0]["files"].as_array().map(Vec::len), Some(2));
    let coverage = json["coverage"].as_array().ok_or("coverage")?;
    assert_eq!(coverage.len(), 1);
    assert_eq!((coverage[0]["planned"].as_u64(), coverage[0]["visited"].as_u64()), (Some(7), Some(7)));
    let (reversed, _) = summary(&["--lang", "en", "summary", &c_arg, &a_arg, "--format", "json"])?;
    assert!(json == reversed, "{} / {}", json["coverage"], reversed["coverage"]);

    // The same visits twice: each meeting counted once (issue 16), each named as records to reconcile.
    let plain = report(&["--lang", "vi", "summary", &a_arg, &c_arg])?;
    assert!(plain.contains("Số phiếu khảo sát được tổng hợp: 7\n"), "{plain}");
    assert!(plain.contains("không khớp nhau"), "the warning is in the report too: {plain}");
    let md = report(&["--lang", "en", "summary", &a_arg, &c_arg, "--format", "md"])?;
    assert!(md.contains("- Visits merged: 7\n"), "{md}");
    let single = report(&["--lang", "en", "summary", &a_arg])?;
    assert!(single.contains("Visits merged: 7\n"), "{single}");
    Ok(())
}

#[test]
fn a_round_without_a_plan_shows_no_coverage() -> Result {
    let dir = tempfile::tempdir()?;
    copy_demo(dir.path(), &["so-11", "cong-an-phuong"], false)?;
    write_round(
        dir.path(),
        &Round::new(
            DEMO_ROUND,
            jiff::civil::date(2022, 3, 23),
            jiff::civil::date(2022, 4, 4),
            jiff::civil::date(2022, 4, 21),
        ),
    )?;
    let d = arg(dir.path());
    for lang in ["vi", "en"] {
        let plain = report(&["--lang", lang, "summary", &d])?;
        for absent in ["0/0", "0 of 0", "Tiến độ khảo sát", "Coverage", "ngoài kế hoạch", "without being planned"]
        {
            assert!(!plain.contains(absent), "{absent}: {plain}");
        }
        let md = report(&["--lang", lang, "summary", &d, "--format", "md"])?;
        for absent in
            ["0/0 chi bộ", "0 of 0", "## Tiến độ khảo sát", "## Coverage", "ngoài kế hoạch", "without being planned"]
        {
            assert!(!md.contains(absent), "{absent}: {md}");
        }
    }
    let (json, _) = summary(&["summary", &d, "--format", "json"])?;
    assert!(json.get("coverage").is_none(), "{json}");
    assert_eq!(json["round_details"][0]["decision"], DEMO_ROUND, "the round is still described");
    Ok(())
}

#[test]
fn the_report_gives_the_rounds_decision_and_period_from_its_round_file() -> Result {
    let dir = tempfile::tempdir()?;
    copy_demo(dir.path(), &[], true)?;
    // A period that is not just the first and last meeting.
    let mut round = demo_round()?;
    round.from = jiff::civil::date(2022, 4, 1);
    round.to = jiff::civil::date(2022, 4, 30);
    write_round(dir.path(), &round)?;
    let d = arg(dir.path());
    let md = report(&["--lang", "vi", "summary", &d, "--format", "md"])?;
    assert!(
        md.contains("**Đợt kiểm tra theo Quyết định số 967-QĐ/QU ngày 23/03/2022 của Ban Thường vụ Quận ủy Cầu Giấy**"),
        "{md}"
    );
    assert!(md.contains("- Thời gian: từ ngày 01/04/2022 đến ngày 30/04/2022\n"), "{md}");
    let plain = report(&["--lang", "en", "summary", &d])?;
    assert!(
        plain.contains("Inspection round under Decision 967-QĐ/QU of 2022-03-23 by Ban Thường vụ Quận ủy Cầu Giấy\n"),
        "{plain}"
    );
    assert!(plain.contains("Period: 2022-04-01 to 2022-04-30\n"), "{plain}");

    // Without the round file, the period is that of the meetings, as before.
    fs::remove_file(dir.path().join("round.ron"))?;
    let md = report(&["--lang", "vi", "summary", &d, "--format", "md"])?;
    assert!(md.contains("**Đợt kiểm tra theo Quyết định số 967-QĐ/QU**"), "{md}");
    assert!(md.contains("- Thời gian: từ ngày 04/04/2022 đến ngày 21/04/2022\n"), "{md}");
    Ok(())
}

/// The home screen counts a round's coverage too: a round without a plan shows no "0/0" there
/// either.
#[test]
fn the_home_screen_of_a_round_without_a_plan_shows_no_counts() {
    use khaosat::core::template::Template;
    use khaosat::tui::keymap::KeyMap;
    use khaosat::tui::state::{App, Event};
    use khaosat::tui::update::update;
    use khaosat::tui::view::{Theme, draw};

    let render = |round: Round| {
        let mut app = App::new(Lang::En, KeyMap::default(), vec![Template::embedded()], String::new());
        app.round = Some(round);
        update(&mut app, Event::HomeDone { unreadable: 0 });
        let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 12)).expect("terminal");
        terminal.draw(|f| draw(f, &app, Theme { colors: false })).expect("draw");
        terminal.backend().to_string()
    };
    let empty = Round::new(
        DEMO_ROUND,
        jiff::civil::date(2022, 3, 23),
        jiff::civil::date(2022, 4, 4),
        jiff::civil::date(2022, 4, 21),
    );
    let screen = render(empty);
    assert!(screen.contains("Round 967-QĐ/QU: no branch planned yet"), "{screen}");
    assert!(!screen.contains("0 of 0"), "{screen}");
    let screen = render(demo_round().expect("demo round"));
    assert!(screen.contains("Round 967-QĐ/QU: 0 of 7 branches attended"), "{screen}");
}
