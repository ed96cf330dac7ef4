//! The embedded template: it passes its own check, holds every item of the domain list in the
//! expected sections, has both languages everywhere; and `khaosat template check` through the binary.

use std::collections::HashSet;
use std::process::Output;

use assert_cmd::cargo::cargo_bin_cmd;
use khaosat::core::template::{Kind, Template};
use khaosat::core::template_check::check_template;

/// Every item of the domain list (domain.md), by id.
const DOMAIN_ITEMS: [&str; 45] = [
    "prep.committee_met",
    "prep.secretary_prepared",
    "prep.draft_resolution",
    "prep.notice",
    "prep.documents_ahead",
    "prep.fits_type",
    "prep.focused",
    "att.rate",
    "att.unexcused",
    "att.repeat_absence",
    "att.higher_level",
    "att.broadened",
    "att.on_schedule",
    "att.duration",
    "note.without_notebook",
    "note.taking_notes",
    "crit.praise_criticism",
    "crit.speakers",
    "crit.self_criticism",
    "crit.commitments_review",
    "min.committee_minutes",
    "min.taken_live",
    "min.missing_fields",
    "min.read_back",
    "min.book_kept",
    "conduct.opening",
    "conduct.news_selective",
    "conduct.report_party_work",
    "conduct.report_shortcomings",
    "conduct.report_depth",
    "conduct.round_documents",
    "conduct.ho_chi_minh",
    "conduct.chair_concludes",
    "res.voted",
    "res.concrete",
    "res.assignment",
    "res.previous_reviewed",
    "theme.plan",
    "theme.on_schedule",
    "theme.topic_choice",
    "plan.inspection_program",
    "overall.grade",
    "overall.other_strengths",
    "overall.other_limitations",
    "overall.recommendations",
];

const SECTION_ORDER: [&str; 9] = ["prep", "att", "note", "crit", "min", "conduct", "res", "theme", "overall"];

#[test]
fn embedded_template_passes_check() {
    assert_eq!(check_template(&Template::embedded()), vec![]);
}

#[test]
fn every_domain_item_is_present() {
    let template = Template::embedded();
    let missing: Vec<&str> = DOMAIN_ITEMS.iter().copied().filter(|id| template.item(id).is_none()).collect();
    assert_eq!(missing, Vec::<&str>::new(), "items of domain.md missing from the template");
    let domain: HashSet<&str> = DOMAIN_ITEMS.into_iter().collect();
    assert_eq!(domain.len(), DOMAIN_ITEMS.len(), "the domain list in this test repeats an id");
    let extra: Vec<String> =
        template.items().map(|r| r.item.id.clone()).filter(|id| !domain.contains(id.as_str())).collect();
    assert_eq!(extra, Vec::<String>::new(), "items not in domain.md");
    assert_eq!(template.item_count(), DOMAIN_ITEMS.len());
}

#[test]
fn items_keep_the_domain_order() {
    let template = Template::embedded();
    let ids: Vec<&str> = template.items().map(|r| r.item.id.as_str()).collect();
    assert_eq!(ids, DOMAIN_ITEMS);
}

#[test]
fn sections_are_in_order() {
    let template = Template::embedded();
    let ids: Vec<&str> = template.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, SECTION_ORDER);
}

#[test]
fn items_sit_in_their_sections() {
    let template = Template::embedded();
    for r in template.items() {
        let prefix = r.item.id.split('.').next().unwrap_or_default();
        // The inspection programme is asked with the thematic plans, once per visit.
        let expected = if prefix == "plan" { "theme" } else { prefix };
        assert_eq!(r.section.id, expected, "{} is in section {}", r.item.id, r.section.id);
    }
}

#[test]
fn every_text_is_in_both_languages() {
    let template = Template::embedded();
    let both = |what: String, vi: &str, en: &str| {
        assert!(!vi.trim().is_empty(), "{what}: no Vietnamese text");
        assert!(!en.trim().is_empty(), "{what}: no English text");
    };
    both("title".into(), &template.title.vi, &template.title.en);
    for section in &template.sections {
        both(format!("section {}", section.id), &section.title.vi, &section.title.en);
    }
    let mut rules = 0;
    for r in template.items() {
        let item = r.item;
        both(format!("{} text", item.id), &item.text.vi, &item.text.en);
        if let Some(help) = &item.help {
            both(format!("{} help", item.id), &help.vi, &help.en);
        }
        if let Some(rule) = &item.finding {
            both(format!("{} finding", item.id), &rule.text.vi, &rule.text.en);
            assert_eq!(
                rule.text.vi.contains("{list}"),
                rule.text.en.contains("{list}"),
                "{}: {{list}} in one language only",
                item.id
            );
            rules += 1;
        }
        if let Some(strength) = &item.strength {
            both(format!("{} strength", item.id), &strength.vi, &strength.en);
        }
        for option in item.kind.options() {
            both(format!("{} option {}", item.id, option.id), &option.label.vi, &option.label.en);
        }
        if let Kind::CountPair { first, second, .. } = &item.kind {
            both(format!("{} first", item.id), &first.vi, &first.en);
            both(format!("{} second", item.id), &second.vi, &second.en);
        }
    }
    assert!(rules >= 35, "only {rules} finding rules: did the template lose its rules?");
}

#[test]
fn domain_thresholds_are_data() {
    use khaosat::core::template::{Bound, FailsWhen};
    let template = Template::embedded();
    let rule = |id: &str| template.item(id).and_then(|r| r.item.finding.clone()).map(|f| f.fails_when);
    assert_eq!(rule("att.rate"), Some(FailsWhen::AtMost(Bound::Value(85.0))));
    assert_eq!(
        rule("att.duration"),
        Some(FailsWhen::Below(Bound::ByMeetingKind { regular: 90.0, thematic: 90.0, combined: 120.0 }))
    );
    assert_eq!(rule("crit.speakers"), Some(FailsWhen::Below(Bound::ShareOfPresent { percent: 20.0, at_least: 3.0 })));
    // The overall section judges, it never makes findings of its own.
    let overall = template.sections.iter().find(|s| s.id == "overall").map(|s| s.items.as_slice()).unwrap_or(&[]);
    assert_eq!(overall.len(), 4);
    assert!(overall.iter().all(|i| i.finding.is_none()));
}

// ---------------------------------------------------------------------------------------------
// `khaosat template check` / `template show` through the binary
// ---------------------------------------------------------------------------------------------

fn khaosat(args: &[&str]) -> Output {
    let mut cmd = cargo_bin_cmd!("khaosat");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("KHAOSAT_DIR")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .args(args);
    cmd.output().expect("run khaosat")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs `template check` on a fixture; expects exit 1 and every `expected` line on stderr.
fn check_fails(lang: &str, file: &str, expected: &[&str]) {
    let path = format!("tests/fixtures/templates/{file}");
    let out = khaosat(&["--lang", lang, "template", "check", &path]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{path}: stderr {stderr}");
    assert!(out.stdout.is_empty(), "{path}: stdout {}", text(&out.stdout));
    for line in expected {
        assert!(stderr.contains(line), "{path}: expected {line:?} in\n{stderr}");
    }
}

#[test]
fn cli_default_template_is_valid() {
    let out = khaosat(&["--lang", "en", "template", "check", "data/templates/hd12-2018.ron"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "data/templates/hd12-2018.ron: Template is valid: 9 sections, 45 items (hd12-2018, version 1, rule set HD12-2018)\n"
    );
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

#[test]
fn cli_duplicate_id() {
    check_fails(
        "en",
        "duplicate_id.ron",
        &[
            "tests/fixtures/templates/duplicate_id.ron:23:11: The id \"prep.notice\" is used twice\n",
            "tests/fixtures/templates/duplicate_id.ron: The template has 1 problem(s)\n",
        ],
    );
}

#[test]
fn cli_duplicate_id_in_vietnamese() {
    check_fails(
        "vi",
        "duplicate_id.ron",
        &[
            "tests/fixtures/templates/duplicate_id.ron:23:11: Mã \"prep.notice\" bị trùng\n",
            "tests/fixtures/templates/duplicate_id.ron: Mẫu phiếu có 1 lỗi\n",
        ],
    );
}

#[test]
fn cli_condition_on_unknown_field() {
    check_fails(
        "en",
        "unknown_condition_field.ron",
        &[
            "Item \"min.committee_minutes\": its condition refers to \"co_chi_uy\", which is neither a meeting fact nor an item",
        ],
    );
}

#[test]
fn cli_threshold_out_of_range() {
    check_fails(
        "en",
        "threshold_out_of_range.ron",
        &[
            "Item \"crit.speakers\": threshold 200 is out of range for its kind (scale 1–5, percentages 0–100, counts within the item's bounds, minutes 0–1440)",
        ],
    );
}

#[test]
fn cli_syntax_error_names_line_and_column() {
    // The comma is missing at the end of line 16; the parser stops at `finding` on line 17.
    check_fails(
        "en",
        "syntax_error.ron",
        &["tests/fixtures/templates/syntax_error.ron:17:11: syntax error: expected a comma ,\n"],
    );
    check_fails(
        "vi",
        "syntax_error.ron",
        &["tests/fixtures/templates/syntax_error.ron:17:11: lỗi cú pháp: cần dấu phẩy ,"],
    );
}

#[test]
fn cli_missing_template_file() {
    let out = khaosat(&["--lang", "en", "template", "check", "tests/fixtures/templates/nope.ron"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("tests/fixtures/templates/nope.ron: cannot read the file"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn cli_shown_template_is_the_embedded_one() {
    let out = khaosat(&["template", "show", "hd12-2018"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    // Read from a file, a template is not the embedded one: that flag is all that differs.
    let parsed = Template::from_ron(&shown).map(|t| Template { embedded: true, ..t }).map_err(|e| e.to_string());
    assert_eq!(parsed, Ok(Template::embedded()));

    // And what `show` prints passes `check`, so it can be copied as the start of a provincial variant.
    let dir = tempfile::tempdir().expect("tempdir");
    let copy = dir.path().join("copy.ron");
    std::fs::write(&copy, &shown).expect("write");
    let copy = copy.to_string_lossy().into_owned();
    let out = khaosat(&["--lang", "en", "template", "check", &copy]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

/// A province's copy of the 100-point frame whose weights add up to 105 and whose bands overlap:
/// `template check` names both, each at the line and column to fix.
#[test]
fn cli_province_frame_with_bad_weights_and_overlapping_bands() {
    let file = "tests/fixtures/templates/province_weights_bands.ron";
    check_fails(
        "en",
        "province_weights_bands.ron",
        &[
            &format!("{file}:13:5: The score groups' weights add up to 105; they must add up to the total, 100\n"),
            &format!("{file}:20:8: Grade band \"trung_binh\" overlaps band \"kha\"\n"),
            &format!("{file}: The template has 2 problem(s)\n"),
        ],
    );
    check_fails(
        "vi",
        "province_weights_bands.ron",
        &[
            &format!("{file}:13:5: Trọng số các nhóm điểm cộng lại được 105, phải bằng tổng điểm 100\n"),
            &format!("{file}:20:8: Mức xếp loại \"trung_binh\" chồng lên mức \"kha\"\n"),
        ],
    );
    // Fixed by hand (the weight back to 30 and Khá from 70), the copy passes.
    let fixed = std::fs::read_to_string(file)
        .expect("fixture")
        .replace("weight: 35.0", "weight: 30.0")
        .replace("points: 35.0", "points: 30.0")
        .replace("from: 65.0", "from: 70.0");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("fixed.ron");
    std::fs::write(&path, fixed).expect("write");
    let out = khaosat(&["--lang", "en", "template", "check", &path.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

// ---------------------------------------------------------------------------------------------
// Issue 14: two rule sets — `template list`, and which one `new` takes
// ---------------------------------------------------------------------------------------------

#[test]
fn cli_template_list_shows_both_rule_sets_with_dates_and_item_counts() {
    let out = khaosat(&["--lang", "en", "template", "list"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for t in Template::embedded_all() {
        let count = t.items().count();
        assert!(stdout.contains(&format!("{} (version {})", t.id, t.version)), "{stdout}");
        assert!(stdout.contains(&format!("{count} items")), "{} has {count} items:\n{stdout}", t.id);
    }
    assert!(stdout.contains("in force 2018-07-06 – 2025-10-27"), "{stdout}");
    assert!(stdout.contains("in force from 2025-10-28"), "{stdout}");
    assert!(stdout.contains("scored out of 100"), "{stdout}");
    let vi = text(&khaosat(&["--lang", "vi", "template", "list"]).stdout);
    assert!(vi.contains("hiệu lực 06/07/2018 – 27/10/2025") && vi.contains("hiệu lực từ 28/10/2025"), "{vi}");
}

#[test]
fn cli_hd42_template_is_valid() {
    let out = khaosat(&["--lang", "en", "template", "check", "data/templates/hd42-2025.ron"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("Template is valid") && stdout.contains("(hd42-2025, version 1, rule set HD42-2025)"),
        "{stdout}"
    );
}

/// Creates a visit with `new` in `dir`; returns (the visit's template id, stderr). The file validates.
fn new_visit_in(dir: &std::path::Path, date: &str, extra: &[&str]) -> (String, String) {
    let mut args = vec!["--lang", "en", "new", "--branch", "Chi bộ số 11", "--committee", "Đảng ủy phường Nghĩa Đô"];
    args.extend(["--type", "khu_dan_cu", "--date", date]);
    args.extend(extra);
    let dir_text = dir.to_string_lossy().into_owned();
    args.extend(["--dir", &dir_text]);
    let out = khaosat(&args);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let path = text(&out.stdout).trim().to_string();
    let visit = khaosat::store::load_visit(std::path::Path::new(&path), &Template::embedded_all()).expect("loads");
    let validated = khaosat(&["validate", &path]);
    assert_eq!(validated.status.code(), Some(0), "{}", text(&validated.stderr));
    std::fs::remove_file(&path).expect("remove");
    (visit.template.id, stderr)
}

#[test]
fn cli_new_takes_the_rule_set_in_force_on_the_meeting_date_or_the_one_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (id, said) = new_visit_in(dir.path(), "2026-03-05", &[]);
    assert_eq!(id, "hd42-2025");
    assert!(said.contains("Rule set: HD42-2025") && said.contains("in force on 2026-03-05"), "{said}");
    let (id, said) = new_visit_in(dir.path(), "2022-04-05", &[]);
    assert_eq!(id, "hd12-2018");
    assert!(said.contains("Rule set: HD12-2018"), "{said}");
    // The day HD 42 was issued is its first.
    assert_eq!(new_visit_in(dir.path(), "2025-10-27", &[]).0, "hd12-2018");
    assert_eq!(new_visit_in(dir.path(), "2025-10-28", &[]).0, "hd42-2025");
    // Named on the command line: it wins over the date.
    let (id, said) = new_visit_in(dir.path(), "2026-03-05", &["--rules", "hd12-2018"]);
    assert_eq!(id, "hd12-2018");
    assert!(said.contains("Rule set: HD12-2018"), "{said}");
    // An unknown name: nothing made, and the known ids are named.
    let out = khaosat(&["--lang", "en", "new", "--branch", "X", "--committee", "Y", "--type", "khu_dan_cu"]);
    assert_eq!(out.status.code(), Some(2), "no --date: a usage error first");
    let dir_text = dir.path().to_string_lossy().into_owned();
    let args =
        ["--lang", "en", "new", "--branch", "X", "--committee", "Y", "--type", "khu_dan_cu", "--date", "2026-03-05"];
    let out = khaosat(&[&args[..], &["--rules", "hd99", "--dir", &dir_text]].concat());
    assert_ne!(out.status.code(), Some(0));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("hd99") && stderr.contains("hd12-2018") && stderr.contains("hd42-2025"), "{stderr}");
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0, "no file made");
}

/// A round that names its rule set gives it to every new visit in its folder, whatever the date.
#[test]
fn cli_new_takes_the_rule_set_its_round_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    let round = std::fs::read_to_string("data/examples/round-967/round.ron").expect("round");
    let named = round.replacen("  schema: 1,", "  schema: 2,", 1).replacen(
        "  to: \"2022-04-21\",",
        "  to: \"2022-04-21\",\n  rules: Some(\"hd12-2018\"),",
        1,
    );
    assert!(named.contains("rules: Some"), "the example round changed shape");
    std::fs::write(dir.path().join("round.ron"), named).expect("write");
    let (id, said) = new_visit_in(dir.path(), "2026-03-05", &[]);
    assert_eq!(id, "hd12-2018");
    assert!(said.contains("as round 967-QĐ/QU says"), "{said}");
    let (id, _) = new_visit_in(dir.path(), "2026-03-05", &["--rules", "hd42-2025"]);
    assert_eq!(id, "hd42-2025", "--rules wins over the round");
}

/// Issue 15: `report_order` names items and sections; an unknown id and one listed twice are
/// refused, each at its line and column in the list.
#[test]
fn cli_report_order_refuses_unknown_and_repeated_ids() {
    let out = khaosat(&["template", "show", "hd12-2018"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(shown.contains("report_order: [\n    \"prep.fits_type\",\n"), "{shown}");
    let broken = shown.replacen("report_order: [\n", "report_order: [\n    \"prep.nowhere\",\n", 1).replacen(
        "    \"overall\",\n  ],",
        "    \"overall\",\n    \"res\",\n  ],",
        1,
    );
    let line_of = |needle: &str, nth: usize| -> usize {
        let at = broken.match_indices(needle).nth(nth).map(|(i, _)| i).expect("written");
        broken[..at].matches('\n').count() + 1
    };
    let (unknown_line, twice_line) = (line_of("\"prep.nowhere\"", 0), line_of("    \"res\",", 1));
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("ordered.ron");
    std::fs::write(&path, &broken).expect("write");
    let file = path.to_string_lossy().into_owned();
    let out = khaosat(&["--lang", "en", "template", "check", &file]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{file}:{unknown_line}:5: report_order: \"prep.nowhere\" is not the id of an item or a section of the template\n"
        )),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("{file}:{twice_line}:5: report_order: \"res\" is listed twice\n")), "{stderr}");
    assert!(stderr.contains(&format!("{file}: The template has 2 problem(s)\n")), "{stderr}");
    let out = khaosat(&["--lang", "vi", "template", "check", &file]);
    assert!(text(&out.stderr).contains("report_order: \"res\" được ghi hai lần"), "{}", text(&out.stderr));
}
