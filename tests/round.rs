//! Rounds through the real binary: `round new` and `round plan`, visits created inside a round's
//! folder, validation against the round's documents, coverage in the summary (a round planning 8
//! branches with 7 visits names the missing one), and the demo round's file.
//!
//! Fixtures (tests/fixtures/rounds/): `eight-planned/round.ron` is the demo round with an eighth
//! planned branch ("Chi bộ số 2"); `custom-documents/` is a round with its own documents and one
//! visit answering with their ids.
//!
//! Every folder of data/examples is a valid round; the 2026 one (issue 14) is checked against the
//! 2022 demo it renames branches of.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use khaosat::core::round::{ROUND_DOCUMENTS_ITEM, check_round, template_for_round};
use khaosat::core::template::Template;
use khaosat::core::visit::{BranchType, VisitStatus};
use khaosat::store::find_visit_files;
use khaosat::store::load_visit;
use khaosat::store::round::{find_round_file, load_round, round_to_ron};
use khaosat::strings::Lang;

mod common;
use common::{MANIFEST, Result, run, show, text};

const DEMO: &str = "data/examples/round-967";
const NGHIA_DO: &str = "data/examples/round-2026-nghia-do";
const EIGHT: &str = "tests/fixtures/rounds/eight-planned/round.ron";
const CUSTOM: &str = "tests/fixtures/rounds/custom-documents";

fn arg(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// The demo's visit files copied into `dir` (without its round.ron).
fn copy_demo_visits(dir: &Path) -> Result<usize> {
    let mut n = 0;
    for entry in fs::read_dir(Path::new(MANIFEST).join(DEMO))? {
        let path = entry?.path();
        let name = path.file_name().ok_or("name")?;
        // Not round.ron, nor the hidden lock files a session opened on the example leaves.
        if name != "round.ron" && !name.to_string_lossy().starts_with('.') {
            fs::copy(&path, dir.join(name))?;
            n += 1;
        }
    }
    Ok(n)
}

#[test]
fn a_round_planning_eight_branches_with_seven_visits_names_the_missing_one() -> Result {
    let dir = tempfile::tempdir()?;
    assert_eq!(copy_demo_visits(dir.path())?, 7);
    fs::copy(Path::new(MANIFEST).join(EIGHT), dir.path().join("round.ron"))?;
    let d = arg(dir.path());

    let out = run(&["--lang", "vi", "summary", &d])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let report = text(&out.stdout);
    assert!(report.contains("7/8 chi bộ đã được khảo sát"), "{report}");
    assert!(report.contains("Chưa khảo sát: Chi bộ số 2 (Đảng bộ phường Mai Dịch)"), "{report}");
    assert!(report.contains("Lê Thị Tú: 4 chi bộ được phân công, đã khảo sát 3, đã hoàn thành 3"), "{report}");

    let out = run(&["--lang", "en", "summary", &d, "--format", "md"])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let md = text(&out.stdout);
    assert!(
        md.contains(
            "\n## Coverage\n\n- 7 of 8 branches attended\n  - Not yet attended: Chi bộ số 2 (Đảng bộ phường Mai Dịch)\n"
        ),
        "{md}"
    );

    let out = run(&["summary", &d, "--format", "json"])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    // One entry per round with a plan (format version 2).
    assert_eq!(json["coverage"].as_array().map(Vec::len), Some(1));
    let c = &json["coverage"][0];
    assert_eq!((c["planned"].as_u64(), c["visited"].as_u64(), c["final"].as_u64()), (Some(8), Some(7), Some(7)));
    assert_eq!(c["complete"], false);
    assert_eq!(c["round"], "967-QĐ/QU");
    assert_eq!(c["missing"].as_array().map(Vec::len), Some(1));
    assert_eq!(c["missing"][0]["branch"], "Chi bộ số 2");
    assert_eq!(c["missing"][0]["state"], "missing");
    assert_eq!(c["unplanned"].as_array().map(Vec::len), Some(0));
    assert!(json.get("edited_after_final").is_none(), "only present when some visit was edited");
    Ok(())
}

#[test]
fn the_demo_round_covers_its_seven_branches() -> Result {
    let out = run(&["--lang", "vi", "summary", DEMO])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let report = text(&out.stdout);
    assert!(report.contains("7/7 chi bộ đã được khảo sát"), "{report}");
    assert!(!report.contains("Chưa khảo sát:"), "{report}");
    // The round's full document names fill the sentence, as the article writes it.
    assert!(
        report.contains("Chưa kết hợp đánh giá việc thực hiện Chương trình số 01-CTr/QU, ngày 04/01/2021 của Quận ủy")
            || report.contains(
                "chưa kết hợp đánh giá việc thực hiện Chương trình số 01-CTr/QU, ngày 04/01/2021 của Quận ủy"
            ),
        "{report}"
    );
    let out = run(&["--lang", "en", "summary", DEMO])?;
    assert!(text(&out.stdout).contains("7 of 7 branches attended"), "{}", show(&out));
    // A summary of a subfolder-less file list still finds the round of the first path's folder.
    let first = format!("{DEMO}/2022-04-06_chi-bo-so-11.ron");
    let out = run(&["--lang", "en", "summary", &first])?;
    assert!(text(&out.stdout).contains("1 of 7 branches attended"), "{}", show(&out));
    Ok(())
}

#[test]
fn the_demo_round_file_is_canonical_valid_and_not_a_visit() -> Result {
    let path = Path::new(MANIFEST).join(DEMO).join("round.ron");
    let round = load_round(&path).map_err(|e| e.display(Lang::En))?;
    assert_eq!(round_to_ron(&round), fs::read_to_string(&path)?, "kept in the form the tool writes");
    assert_eq!(check_round(&round), vec![]);
    assert_eq!(round.decision, "967-QĐ/QU");
    assert_eq!(round.decision_date, jiff::civil::date(2022, 3, 23));
    assert_eq!((round.from, round.to), (jiff::civil::date(2022, 4, 4), jiff::civil::date(2022, 4, 21)));
    assert_eq!(round.documents.len(), 5);
    assert_eq!(round.branches.len(), 7);
    assert!(round.members.iter().any(|m| m.name == "Nguyễn Văn Chiến" && m.role.contains("Trưởng đoàn")));
    assert!(round.members.iter().any(|m| m.name == "Lê Thị Tú" && m.role.contains("Chủ nhiệm Ủy ban Kiểm tra")));

    // The walker leaves round.ron out; every visit matches a planned branch with its facts.
    let (files, errors) = find_visit_files(&[Path::new(MANIFEST).join(DEMO)]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(files.len(), 7);
    assert!(files.iter().all(|f| f.file_name().is_some_and(|n| n != "round.ron")));
    let templates: Vec<Template> = vec![template_for_round(&Template::embedded(), &round)];
    for file in &files {
        let visit = load_visit(file, &templates).map_err(|e| e.display(Lang::En))?;
        let m = &visit.meeting;
        let planned = khaosat::core::round::planned_for(&round, &m.branch, Some(&m.committee))
            .ok_or_else(|| format!("{} is not planned", m.branch))?;
        assert_eq!((planned.branch_type, planned.date), (m.branch_type, Some(m.date)), "{}", m.branch);
        assert_eq!(visit.inspectors.first(), Some(&planned.inspector), "{}", m.branch);
    }
    // The round's ids are the template's default ones, so the demo visits load with either.
    let default_ids: Vec<String> = Template::embedded()
        .item(ROUND_DOCUMENTS_ITEM)
        .map(|r| r.item.kind.options().iter().map(|o| o.id.clone()).collect())
        .unwrap_or_default();
    let round_ids: Vec<String> = round.documents.iter().map(|d| d.id.clone()).collect();
    assert_eq!(round_ids, default_ids);

    let out = run(&["validate", DEMO, &format!("{DEMO}/round.ron")])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    Ok(())
}

#[test]
fn round_new_then_plan_then_new_visits_inside_the_folder() -> Result {
    let dir = tempfile::tempdir()?;
    let d = arg(dir.path());
    let out = run(&[
        "round",
        "new",
        "--dir",
        &d,
        "--decision",
        "1024-QĐ/QU",
        "--date",
        "01/03/2023",
        "--from",
        "2023-03-06",
        "--to",
        "2023-03-24",
        "--title",
        "Khảo sát sinh hoạt chi bộ quý I",
        "--member",
        "Lê Thị Tú=UVTV, Chủ nhiệm UBKT",
        "--member",
        "Nguyễn Văn Chiến",
        "--document",
        "ct_05=Chỉ thị số 05-CT/TW",
        "--document",
        "Kết luận số 21-KL/TW",
    ])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let round_path = dir.path().join("round.ron");
    assert_eq!(text(&out.stdout).trim(), round_path.to_string_lossy());
    let again = run(&[
        "round",
        "new",
        "--dir",
        &d,
        "--decision",
        "x",
        "--date",
        "2023-03-01",
        "--from",
        "2023-03-01",
        "--to",
        "2023-03-02",
    ])?;
    assert_eq!(again.status.code(), Some(1), "never over an existing round: {}", show(&again));

    let plan = |extra: &[&str]| -> Result<Output> {
        let mut args = vec!["--lang", "en", "round", "plan", "--dir", &d];
        args.extend_from_slice(extra);
        run(&args)
    };
    let out = plan(&[
        "--branch",
        "Chi bộ số 11",
        "--committee",
        "Đảng bộ phường Mai Dịch",
        "--type",
        "khu_dan_cu",
        "--date",
        "08/03/2023",
        "--inspector",
        "Lê Thị Tú",
    ])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert!(text(&out.stdout).starts_with("Added Chi bộ số 11"), "{}", show(&out));
    let out = plan(&[
        "--branch",
        "chi bộ  số 11",
        "--committee",
        "đảng bộ phường mai dịch",
        "--type",
        "khu_dan_cu",
        "--date",
        "2023-03-09",
    ])?;
    assert!(text(&out.stdout).starts_with("Updated Chi bộ số 11"), "{}", show(&out));
    let out =
        plan(&["--branch", "Chi bộ Công an phường", "--committee", "Đảng bộ phường Mai Dịch", "--type", "cong_an"])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let out = plan(&["--branch", "Chi bộ X", "--committee", "Y", "--type", "khac", "--date", "2023-05-01"])?;
    assert_eq!(out.status.code(), Some(2), "a date outside the period is refused: {}", show(&out));
    assert!(text(&out.stderr).contains("outside the round's period"), "{}", show(&out));

    let round = load_round(&round_path).map_err(|e| e.display(Lang::En))?;
    assert_eq!(round.branches.len(), 2);
    assert_eq!(round.branches[0].date, Some(jiff::civil::date(2023, 3, 9)), "updated");
    assert_eq!(round.branches[0].inspector, "Lê Thị Tú", "kept");
    assert_eq!(round.documents[1].id, "ket_luan_so_21_kl_tw");
    assert_eq!(round.members[0].role, "UVTV, Chủ nhiệm UBKT");

    // A planned branch: only its name is needed; the round and the plan fill the rest.
    let sub = dir.path().join("le-thi-tu");
    let out = run(&["new", "--dir", &arg(&sub), "--branch", "Chi bộ số 11"])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let file = PathBuf::from(text(&out.stdout).trim());
    assert_eq!(file.file_name().and_then(|n| n.to_str()), Some("2023-03-09_chi-bo-so-11.ron"));
    let templates = vec![template_for_round(&Template::embedded(), &round)];
    let visit = load_visit(&file, &templates).map_err(|e| e.display(Lang::En))?;
    assert_eq!(visit.round.as_deref(), Some("1024-QĐ/QU"));
    assert_eq!(visit.meeting.committee, "Đảng bộ phường Mai Dịch");
    assert_eq!(visit.meeting.branch_type, BranchType::KhuDanCu);
    assert_eq!(visit.inspectors, vec!["Lê Thị Tú".to_string()]);
    assert_eq!(visit.status, VisitStatus::Draft);

    // Given facts win over the plan; the plan has no date for this one, so it must be typed.
    let out = run(&["new", "--dir", &d, "--branch", "Chi bộ Công an phường", "--inspector", "Nguyễn Văn Chiến"])?;
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert!(text(&out.stderr).contains("--date"), "{}", show(&out));
    let out = run(&[
        "new",
        "--dir",
        &d,
        "--branch",
        "Chi bộ Công an phường",
        "--inspector",
        "Nguyễn Văn Chiến",
        "--date",
        "2023-03-10",
        "--type",
        "co_quan",
    ])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let visit = load_visit(Path::new(text(&out.stdout).trim()), &templates).map_err(|e| e.display(Lang::En))?;
    assert_eq!(
        (visit.meeting.branch_type, visit.inspectors.clone()),
        (BranchType::CoQuan, vec!["Nguyễn Văn Chiến".to_string()])
    );

    // Not planned: the usual facts are needed, and the message says why.
    let out = run(&["--lang", "en", "new", "--dir", &d, "--branch", "Chi bộ lạ"])?;
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert!(
        text(&out.stderr)
            .contains("missing --committee, --type, --date (the branch is not in the plan of round 1024-QĐ/QU)"),
        "{}",
        show(&out)
    );

    // The visit answers with the round's document ids: valid here.
    let out = run(&["validate", &d])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));

    // round show: the plan and its state.
    let out = run(&["--lang", "en", "round", "show", "--dir", &arg(&sub)])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let shown = text(&out.stdout);
    assert!(shown.contains("Decision 1024-QĐ/QU of 2023-03-01"), "{shown}");
    assert!(shown.contains("Chỉ thị số 05-CT/TW [ct_05]"), "{shown}");
    assert!(shown.contains("2 of 2 branches attended"), "{shown}");
    assert!(shown.contains("0 of 2 branches with a final visit"), "{shown}");
    Ok(())
}

#[test]
fn validation_resolves_the_round_of_the_folder() -> Result {
    let out = run(&["validate", CUSTOM])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));

    // The same visit outside the round's folder names an option the template does not have.
    let dir = tempfile::tempdir()?;
    let name = "2025-11-20_chi-bo-van-phong.ron";
    fs::copy(Path::new(MANIFEST).join(CUSTOM).join(name), dir.path().join(name))?;
    let out = run(&["--lang", "en", "validate", &arg(dir.path())])?;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(text(&out.stderr).contains("ct_50_tw"), "{}", show(&out));

    // A broken round.ron is reported with its line, and the visit is checked without it.
    fs::write(dir.path().join("round.ron"), "(\n  schema: 1,\n  decision: 15,\n)\n")?;
    let out = run(&["--lang", "en", "validate", &arg(dir.path())])?;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(text(&out.stderr).contains("round.ron:3:"), "{}", show(&out));

    // A round with issues makes validation fail and says what they are.
    let mut round = load_round(&Path::new(MANIFEST).join(CUSTOM).join("round.ron")).map_err(|e| e.display(Lang::En))?;
    round.documents.push(round.documents[0].clone());
    fs::write(dir.path().join("round.ron"), round_to_ron(&round))?;
    let out = run(&["--lang", "en", "validate", &arg(dir.path())])?;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(text(&out.stderr).contains("document id \"ct_50_tw\" is used twice"), "{}", show(&out));

    // The summary reads the visit against the round, so its sentence names the round's document.
    let out = run(&["--lang", "vi", "summary", CUSTOM])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert!(text(&out.stdout).contains("Hướng dẫn số 42-HD/BTCTW, ngày 28/10/2025"), "{}", show(&out));
    assert!(text(&out.stdout).contains("1/1 chi bộ đã được khảo sát"), "{}", show(&out));
    Ok(())
}

#[test]
fn the_round_is_found_from_nested_folders() -> Result {
    let found = find_round_file(&Path::new(MANIFEST).join(CUSTOM).join("nested").join("deeper"));
    let expected = fs::canonicalize(Path::new(MANIFEST).join(CUSTOM).join("round.ron"))?;
    assert_eq!(found, Some(expected));
    Ok(())
}

/// Issue 14: a round naming its rules and a branch's earlier name. An empty `rules` is a round
/// issue; a well-formed one is not; `round show` gives the earlier name beside the current one.
#[test]
fn rules_and_earlier_names_are_checked_and_shown() -> Result {
    let dir = tempfile::tempdir()?;
    let d = arg(dir.path());
    let name = "2025-11-20_chi-bo-van-phong.ron";
    fs::copy(Path::new(MANIFEST).join(CUSTOM).join(name), dir.path().join(name))?;
    let mut round = load_round(&Path::new(MANIFEST).join(CUSTOM).join("round.ron")).map_err(|e| e.display(Lang::En))?;
    round.rules = Some(String::new());
    round.branches[0].previously = Some(khaosat::core::round::PreviousName {
        branch: String::new(),
        committee: "Đảng bộ Khối Cơ quan".into(),
    });
    fs::write(dir.path().join("round.ron"), round_to_ron(&round))?;
    let out = run(&["--lang", "en", "validate", &d])?;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(text(&out.stderr).contains("rules is empty"), "{}", show(&out));

    round.rules = Some("hd42-2025".into());
    fs::write(dir.path().join("round.ron"), round_to_ron(&round))?;
    let out = run(&["--lang", "vi", "round", "show", "--dir", &d])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert!(
        text(&out.stdout).contains("Chi bộ Văn phòng (Đảng bộ Cơ quan; trước đây: Đảng bộ Khối Cơ quan)"),
        "{}",
        show(&out)
    );
    Ok(())
}

/// Every example round (each folder of data/examples) validates, its round.ron included, with no
/// visit left out: `validate` counts the visits and the round file.
#[test]
fn every_example_round_validates() -> Result {
    let mut folders: Vec<PathBuf> = fs::read_dir(Path::new(MANIFEST).join("data/examples"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    let names: Vec<String> =
        folders.iter().filter_map(|f| f.file_name().map(|n| n.to_string_lossy().into_owned())).collect();
    assert!(names.contains(&"round-967".into()) && names.contains(&"round-2026-nghia-do".into()), "{names:?}");
    for folder in &folders {
        let (files, errors) = find_visit_files(std::slice::from_ref(folder));
        assert!(errors.is_empty(), "{errors:?}");
        assert!(!files.is_empty(), "{}", folder.display());
        let round = arg(&folder.join("round.ron"));
        let out = run(&["--lang", "en", "validate", &arg(folder), &round])?;
        assert_eq!(out.status.code(), Some(0), "{}: {}", folder.display(), show(&out));
        assert!(text(&out.stdout).contains(&format!("{} file(s) valid", files.len() + 1)), "{}", show(&out));
    }
    Ok(())
}

/// Issue 14: the made-up 2026 round of the Nghĩa Đô ward party committee follows HD 42, and its
/// branches renamed by the 2025 reorganisation name branches the 2022 demo round really planned,
/// so `compare` can match them. Its visits are final, recorded as finalised and not edited since.
#[test]
fn the_2026_example_round_follows_hd42_and_renames_branches_of_the_demo() -> Result {
    let dir = Path::new(MANIFEST).join(NGHIA_DO);
    let round = load_round(&dir.join("round.ron")).map_err(|e| e.display(Lang::En))?;
    let demo = load_round(&Path::new(MANIFEST).join(DEMO).join("round.ron")).map_err(|e| e.display(Lang::En))?;
    assert_eq!(check_round(&round), vec![]);
    assert_eq!(round.rules.as_deref(), Some("hd42-2025"));
    assert!(fs::read_to_string(dir.join("round.ron"))?.contains("MADE-UP EXAMPLE"), "says it is fictional");
    assert!(round.branches.len() >= 4);
    assert!(round.branches.iter().all(|b| b.committee == "Đảng ủy phường Nghĩa Đô"));
    let mut renamed = 0;
    for planned in &round.branches {
        let Some(earlier) = &planned.previously else { continue };
        let earlier = earlier.resolved(&planned.branch, &planned.committee);
        assert!(
            khaosat::core::round::planned_for(&demo, &earlier.branch, Some(&earlier.committee)).is_some(),
            "{} was previously {} ({}), which the 2022 round does not plan",
            planned.branch,
            earlier.branch,
            earlier.committee
        );
        renamed += 1;
    }
    assert_eq!(renamed, 3);

    let (files, errors) = find_visit_files(std::slice::from_ref(&dir));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(files.len(), round.branches.len(), "one visit per planned branch");
    let templates: Vec<Template> = Template::embedded_all().iter().map(|t| template_for_round(t, &round)).collect();
    for file in &files {
        let visit = load_visit(file, &templates).map_err(|e| e.display(Lang::En))?;
        let m = &visit.meeting;
        assert_eq!(visit.template.id, "hd42-2025", "{}", m.branch);
        assert_eq!(visit.round.as_deref(), Some(round.decision.as_str()), "{}", m.branch);
        assert_eq!(visit.status, VisitStatus::Final, "{}", m.branch);
        assert!(visit.finalised.is_some(), "{}: finalised by the tool", m.branch);
        assert!(!khaosat::core::visit::edited_after_final(&visit), "{}: edited after being final", m.branch);
        assert!((round.from..=round.to).contains(&m.date), "{}", m.branch);
        let planned = khaosat::core::round::planned_for(&round, &m.branch, Some(&m.committee))
            .ok_or_else(|| format!("{} is not planned", m.branch))?;
        assert_eq!((planned.branch_type, planned.date), (m.branch_type, Some(m.date)), "{}", m.branch);
    }
    Ok(())
}
