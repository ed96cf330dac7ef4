//! `khaosat compare` through the real binary, on two copies of the demo round where the second
//! has some answers changed, a branch dropped and a branch added. Every list is checked against the
//! two rounds' own summaries: over the branches both rounds have, `persisting + new` are exactly
//! the branches failing in the newer summary, and `fixed + persisting + not_assessed` those failing
//! in the older one. A round compared with itself fixes nothing and adds nothing.
//!
//! Issue 14: the 2022 demo round (HD 12) against the made-up 2026 round of the Nghĩa Đô ward
//! (HD 42, its branches renamed by the 2025 reorganisation): branches matched through
//! `previously`, "criterion changed" and "not comparable" beside fixed, persisting and new.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use khaosat::core::visit::Value;
use serde_json::Value as J;

mod common;
use common::rounds::{copy_demo, edit, set};
use common::{Result, run, show, text};

const DEMO: &str = "data/examples/round-967";
const NGHIA_DO: &str = "data/examples/round-2026-nghia-do";

fn json(args: &[&str]) -> Result<J> {
    let out = run(args)?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    Ok(serde_json::from_slice(&out.stdout)?)
}

fn key(branch: &str, committee: &str) -> (String, String) {
    let norm = |s: &str| khaosat::core::text::name_key(s);
    (norm(branch), norm(committee))
}

/// The next round: two copies of the demo, the second changed.
fn two_rounds() -> Result<(tempfile::TempDir, tempfile::TempDir)> {
    let (old, new) = (tempfile::tempdir()?, tempfile::tempdir()?);
    copy_demo(old.path())?;
    copy_demo(new.path())?;
    let n = new.path();
    edit(n, "chi-bo-so-11", |v| {
        v.meeting.branch = "chi bộ  SỐ 11".into(); // spelled differently: still the same branch
        set(v, "min.committee_minutes", Value::Yes);
        set(v, "conduct.news_selective", Value::Yes);
        set(v, "prep.notice", Value::No);
    })?;
    edit(n, "doi-tong-hop", |v| set(v, "res.concrete", Value::Yes))?;
    edit(n, "cong-an-phuong", |v| {
        let all = ["ctr_01_qu", "kl_01_tw", "kl_21_tw", "qd_08_tw", "qd_37_tw"].map(String::from).to_vec();
        set(v, "conduct.round_documents", Value::Choices(all));
    })?;
    edit(n, "cong-ty", |v| {
        v.answers.remove("crit.praise_criticism");
    })?;
    fs::remove_file(n.join("2022-04-21_chi-bo-thcs-thpt-nguyen-sieu.ron"))?;
    // A branch the earlier round did not visit.
    fs::copy(n.join("2022-04-06_chi-bo-so-11.ron"), n.join("2022-04-07_chi-bo-so-12.ron"))?;
    edit(n, "chi-bo-so-12", |v| v.meeting.branch = "Chi bộ số 12".into())?;
    Ok((old, new))
}

/// finding id → failing branch keys, from a summary's JSON.
fn failing(summary: &J) -> BTreeMap<String, BTreeSet<(String, String)>> {
    let mut map = BTreeMap::new();
    for f in summary["findings"].as_array().into_iter().flatten() {
        let branches = f["branches"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|b| key(b["branch"].as_str().unwrap_or(""), b["committee"].as_str().unwrap_or("")))
            .collect();
        map.insert(f["id"].as_str().unwrap_or("").to_string(), branches);
    }
    map
}

fn keys(list: &J) -> BTreeSet<(String, String)> {
    list.as_array()
        .into_iter()
        .flatten()
        .map(|b| key(b["branch"].as_str().unwrap_or(""), b["committee"].as_str().unwrap_or("")))
        .collect()
}

fn names(list: &J) -> Vec<String> {
    list.as_array().into_iter().flatten().filter_map(|b| b["branch"].as_str().map(String::from)).collect()
}

/// The findings of a compare document by id.
fn findings_by_id(c: &J) -> std::result::Result<BTreeMap<String, &J>, &'static str> {
    Ok(c["findings"]
        .as_array()
        .ok_or("findings")?
        .iter()
        .map(|f| (f["id"].as_str().unwrap_or("").to_string(), f))
        .collect())
}

#[test]
fn compare_lists_fixed_persisting_and_new_and_agrees_with_the_summaries() -> Result {
    let (old, new) = two_rounds()?;
    let (o, n) = (old.path().to_string_lossy().into_owned(), new.path().to_string_lossy().into_owned());
    let c = json(&["compare", &o, &n, "--format", "json"])?;
    let old_summary = json(&["summary", &o, "--format", "json"])?;
    let new_summary = json(&["summary", &n, "--format", "json"])?;

    assert_eq!(c["format"], "khaosat-compare");
    assert_eq!(c["before"]["visits"], 7);
    assert_eq!(c["after"]["visits"], 7);
    assert_eq!(c["before"]["visits"], old_summary["visits"]);
    assert_eq!(c["after"]["visits"], new_summary["visits"]);
    assert_eq!(c["matched"], 6);
    assert_eq!(names(&c["unmatched"]["before_only"]), vec!["Chi bộ THCS - THPT Nguyễn Siêu"]);
    assert_eq!(names(&c["unmatched"]["after_only"]), vec!["Chi bộ số 12"]);

    let findings = findings_by_id(&c)?;
    let get = |id: &str| findings.get(id).copied().ok_or(format!("no finding {id}"));

    // What was changed shows where expected.
    assert_eq!(names(&get("min.committee_minutes")?["fixed"]), vec!["chi bộ  SỐ 11"]);
    assert_eq!(names(&get("conduct.news_selective")?["fixed"]), vec!["chi bộ  SỐ 11"]);
    assert_eq!(names(&get("prep.notice")?["new"]), vec!["chi bộ  SỐ 11"]);
    assert_eq!(names(&get("res.concrete")?["fixed"]), vec!["Chi bộ Đội Tổng hợp"]);
    assert_eq!(names(&get("res.concrete")?["persisting"]).len(), 1, "the company still has it");
    assert_eq!(names(&get("conduct.round_documents")?["fixed"]), vec!["Chi bộ Công an phường"]);
    assert_eq!(names(&get("crit.praise_criticism")?["not_assessed"]).len(), 1);
    assert!(names(&get("crit.commitments_review")?["persisting"]).contains(&"Chi bộ Đội Tổng hợp".to_string()));
    assert!(get("prep.notice")?["text"].as_str().is_some_and(|t| t.starts_with("Chưa thông báo")));

    // The counts agree with the two summaries, over the branches both rounds have.
    let matched: BTreeSet<(String, String)> = c["branches"]
        .as_array()
        .ok_or("branches")?
        .iter()
        .map(|b| key(b["branch"].as_str().unwrap_or(""), b["committee"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(matched.len(), 6);
    let (was, is) = (failing(&old_summary), failing(&new_summary));
    let ids: BTreeSet<&String> = was.keys().chain(is.keys()).collect();
    for id in ids {
        let old_set: BTreeSet<_> = was.get(id).cloned().unwrap_or_default().intersection(&matched).cloned().collect();
        let new_set: BTreeSet<_> = is.get(id).cloned().unwrap_or_default().intersection(&matched).cloned().collect();
        let Some(f) = findings.get(id.as_str()) else {
            assert!(old_set.is_empty() && new_set.is_empty(), "{id} fails in a matched branch but is not listed");
            continue;
        };
        let (fixed, persisting, newly, not_assessed) =
            (keys(&f["fixed"]), keys(&f["persisting"]), keys(&f["new"]), keys(&f["not_assessed"]));
        let now: BTreeSet<_> = persisting.union(&newly).cloned().collect();
        assert_eq!(now, new_set, "{id}: persisting + new = failing now");
        assert_eq!(persisting.len() + newly.len(), new_set.len(), "{id}: no branch twice");
        let then: BTreeSet<_> = fixed.union(&persisting).chain(not_assessed.iter()).cloned().collect();
        assert_eq!(then, old_set, "{id}: fixed + persisting + not assessed = failing before");
        assert_eq!(fixed.len() + persisting.len() + not_assessed.len(), old_set.len(), "{id}");
    }
    for f in findings.values() {
        assert!(
            ["fixed", "persisting", "new", "not_assessed"]
                .iter()
                .any(|k| f[*k].as_array().is_some_and(|a| !a.is_empty())),
            "{f}"
        );
    }

    // Per branch: the findings then and now, as the summaries have them.
    for b in c["branches"].as_array().ok_or("branches")? {
        let k = key(b["branch"].as_str().unwrap_or(""), b["committee"].as_str().unwrap_or(""));
        for (side, map) in [("failing_before", &was), ("failing_after", &is)] {
            let listed: BTreeSet<String> =
                b[side].as_array().into_iter().flatten().filter_map(|v| v.as_str().map(String::from)).collect();
            let expected: BTreeSet<String> =
                map.iter().filter(|(_, s)| s.contains(&k)).map(|(id, _)| id.clone()).collect();
            assert_eq!(listed, expected, "{} {side}", k.0);
        }
    }
    Ok(())
}

#[test]
fn a_round_compared_with_itself_lists_nothing_fixed_or_new() -> Result {
    let c = json(&["compare", DEMO, DEMO, "--format", "json"])?;
    let summary = json(&["summary", DEMO, "--format", "json"])?;
    let findings = c["findings"].as_array().ok_or("findings")?;
    assert_eq!(findings.len(), summary["findings"].as_array().map(Vec::len).unwrap_or(0));
    for f in findings {
        for k in ["fixed", "new", "not_assessed"] {
            assert_eq!(f[k].as_array().map(Vec::len), Some(0), "{f}");
        }
        let in_summary = summary["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|s| s["id"] == f["id"])
            .ok_or("finding in the summary")?;
        assert_eq!(f["persisting"].as_array().map(Vec::len), in_summary["failing"].as_u64().map(|n| n as usize));
    }
    assert_eq!(c["unmatched"]["before_only"].as_array().map(Vec::len), Some(0));
    assert_eq!(c["unmatched"]["after_only"].as_array().map(Vec::len), Some(0));
    Ok(())
}

#[test]
fn text_and_markdown_name_the_changes() -> Result {
    let (old, new) = two_rounds()?;
    let (o, n) = (old.path().to_string_lossy().into_owned(), new.path().to_string_lossy().into_owned());
    let out = run(&["--lang", "vi", "compare", &o, &n])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let report = text(&out.stdout);
    assert!(
        report
            .starts_with("SO SÁNH HAI ĐỢT KHẢO SÁT\nĐợt trước: 7 phiếu; đợt này: 7 phiếu; 6 chi bộ có ở cả hai đợt\n"),
        "{report}"
    );
    assert!(report.contains("Đã khắc phục (1): Chi bộ Đội Tổng hợp (Đảng bộ Công an quận)"), "{report}");
    assert!(
        report.contains("Chỉ có ở đợt trước: Chi bộ THCS - THPT Nguyễn Siêu (Đảng bộ Trường THPT Nguyễn Siêu)"),
        "{report}"
    );
    let out = run(&["--lang", "en", "compare", &o, &n, "--format", "md"])?;
    let md = text(&out.stdout);
    assert!(md.starts_with("# Round over round\n"), "{md}");
    assert!(md.contains("\n## By branch\n"), "{md}");
    assert!(md.contains("Only now: Chi bộ số 12 (Đảng bộ phường Mai Dịch)"), "{md}");
    Ok(())
}

#[test]
fn compare_needs_visits_on_both_sides() -> Result {
    let empty = tempfile::tempdir()?;
    let out = run(&["compare", DEMO, &empty.path().to_string_lossy()])?;
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    fs::write(empty.path().join("broken.ron"), "(schema: 1,")?;
    let out = run(&["compare", DEMO, &empty.path().to_string_lossy()])?;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(text(&out.stderr).contains("broken.ron"), "{}", show(&out));
    Ok(())
}

/// Every path to a key named `key` in `value`, as "a.b[].c".
fn key_paths(value: &J, key: &str, at: &str, found: &mut Vec<String>) {
    match value {
        J::Object(map) => {
            for (k, v) in map {
                let path = if at.is_empty() { k.clone() } else { format!("{at}.{k}") };
                if k == key {
                    found.push(path.clone());
                }
                key_paths(v, key, &path, found);
            }
        }
        J::Array(items) => {
            for item in items {
                key_paths(item, key, &format!("{at}[]"), found);
            }
        }
        _ => {}
    }
}

/// Issue 11, point 9: in the compare document `new` means one thing, the branches newly failing a
/// finding. The rounds are `before` / `after`, a branch's findings `failing_before` / `failing_after`.
#[test]
fn in_compare_json_every_key_means_one_thing() -> Result {
    let c = json(&["compare", DEMO, DEMO, "--format", "json"])?;
    assert_eq!(c["format_version"], 3, "keys were renamed (2), rule sets may meet (3): the version says so");
    let findings = c["findings"].as_array().ok_or("findings")?;
    assert!(!findings.is_empty());
    for f in findings {
        for k in ["fixed", "new"] {
            assert_eq!(f[k].as_array().map(Vec::len), Some(0), "{k} of a round compared with itself: {f}");
        }
    }
    let mut found = Vec::new();
    key_paths(&c, "new", "", &mut found);
    found.dedup();
    assert_eq!(found, vec!["findings[].new".to_string()], "`new` names nothing else, at the top or below");
    for k in ["old", "old_only", "new_only"] {
        let mut found = Vec::new();
        key_paths(&c, k, "", &mut found);
        assert!(found.is_empty(), "{k}: {found:?}");
    }
    assert_eq!(c["before"]["visits"], 7);
    assert_eq!(c["after"]["visits"], 7);
    for b in c["branches"].as_array().ok_or("branches")? {
        assert_eq!(b["failing_before"], b["failing_after"], "{b}");
    }
    assert_eq!(c["unmatched"]["before_only"].as_array().map(Vec::len), Some(0));
    assert_eq!(c["unmatched"]["after_only"].as_array().map(Vec::len), Some(0));
    Ok(())
}

/// Issue 11, point 9: the per-branch part of the text and Markdown reports names the findings by
/// their sentences, not by item ids.
#[test]
fn the_per_branch_part_names_findings_by_their_sentences() -> Result {
    let (old, new) = two_rounds()?;
    let (o, n) = (old.path().to_string_lossy().into_owned(), new.path().to_string_lossy().into_owned());
    for (lang, format, heading, fixed, new_label, not_assessed) in [
        ("vi", "text", "\nTheo chi bộ\n", "Đã khắc phục: ", "Mới phát sinh: ", "Chưa đánh giá lại: "),
        ("en", "md", "\n## By branch\n", "Fixed: ", "New: ", "Not assessed again: "),
    ] {
        let out = run(&["--lang", lang, "compare", &o, &n, "--format", format])?;
        assert_eq!(out.status.code(), Some(0), "{}", show(&out));
        let report = text(&out.stdout);
        let start = report.find(heading).ok_or(format!("{heading} in {report}"))?;
        let end = report[start + heading.len()..].find("\n\n").map_or(report.len(), |i| start + heading.len() + i);
        let by_branch = &report[start..end];
        // No item id (section.name) anywhere in the part.
        for id in ["min.committee_minutes", "conduct.news_selective", "prep.notice", "crit.praise_criticism", "res."] {
            assert!(!by_branch.contains(id), "{id} in {by_branch}");
        }
        let sentences: Vec<&str> = if lang == "vi" {
            vec!["Không ghi biên bản sinh hoạt chi ủy", "Chưa thông báo thời gian, nội dung sinh hoạt"]
        } else {
            vec!["Branch committee meetings are not minuted", "Members and the assigned higher-level"]
        };
        let line_with = |label: &str, sentence: &str| {
            by_branch
                .lines()
                .any(|l| l.contains(label) && l.contains(sentence) && !l.contains(" [") && !l.contains('`'))
        };
        assert!(line_with(fixed, sentences[0]), "{lang}: fixed minutes in {by_branch}");
        assert!(line_with(new_label, sentences[1]), "{lang}: new notice in {by_branch}");
        // The company's praise/criticism item was not answered again: not assessed, not fixed.
        assert!(by_branch.lines().any(|l| l.contains(not_assessed)), "{lang}: {by_branch}");
    }
    Ok(())
}

/// The branch names of a list of branches in a compare document's finding, sorted.
fn sorted_names(list: &J) -> Vec<String> {
    let mut n = names(list);
    n.sort();
    n
}

/// Issue 14, the must-show item: `compare` of the 2022 round under HD 12 with the 2026 round of
/// the ward party committee under HD 42. Three of the 2026 branches are the 2022 ones renamed by
/// the 2025 reorganisation (round.ron's `previously`); each result kind shows where the example's
/// answers put it, and every failing id of a matched branch is in exactly one list.
#[test]
fn compare_2022_hd12_round_with_2026_hd42_round() -> Result {
    let c = json(&["compare", DEMO, NGHIA_DO, "--format", "json"])?;
    assert_eq!((c["before"]["visits"].as_u64(), c["after"]["visits"].as_u64()), (Some(7), Some(4)));
    assert_eq!(c["matched"], 3, "the renamed branches are matched through `previously`");
    assert_eq!(names(&c["unmatched"]["after_only"]), vec!["Chi bộ Trung tâm Phục vụ hành chính công phường Nghĩa Đô"]);
    assert_eq!(c["unmatched"]["before_only"].as_array().map(Vec::len), Some(4));

    // Matched branches, by their 2026 name, with the 2022 name they were matched through.
    let branches: BTreeMap<String, &J> = c["branches"]
        .as_array()
        .ok_or("branches")?
        .iter()
        .map(|b| (b["branch"].as_str().unwrap_or("").to_string(), b))
        .collect();
    let earlier = |name: &str| {
        branches.get(name).map(|b| {
            (
                b["previously"]["branch"].as_str().unwrap_or("").to_string(),
                b["previously"]["committee"].as_str().unwrap_or("").to_string(),
            )
        })
    };
    const COMPANY: &str = "Chi bộ Công ty cổ phần tư vấn đầu tư phát triển và xây dựng Việt Nam";
    assert_eq!(earlier("Chi bộ số 11"), Some(("Chi bộ số 11".into(), "Đảng bộ phường Mai Dịch".into())));
    assert_eq!(
        earlier("Chi bộ Công an phường Nghĩa Đô"),
        Some(("Chi bộ Công an phường".into(), "Đảng bộ phường Mai Dịch".into())),
        "renamed in both parts"
    );
    assert_eq!(earlier(COMPANY), Some((COMPANY.into(), "Đảng bộ Khối Doanh nghiệp quận".into())));
    for b in branches.values() {
        assert_eq!(b["committee"], "Đảng ủy phường Nghĩa Đô", "{b}");
    }

    let findings = findings_by_id(&c)?;
    let get = |id: &str| findings.get(id).copied().ok_or(format!("no finding {id}"));

    // Shared ids: fixed, persisting and new, through the renamed branches.
    assert_eq!(names(&get("min.committee_minutes")?["fixed"]), vec!["Chi bộ số 11"]);
    assert_eq!(names(&get("conduct.news_selective")?["fixed"]), vec!["Chi bộ số 11"]);
    assert_eq!(names(&get("conduct.report_party_work")?["fixed"]), vec!["Chi bộ Công an phường Nghĩa Đô"]);
    assert_eq!(names(&get("plan.inspection_program")?["fixed"]), vec![COMPANY]);
    assert_eq!(names(&get("conduct.report_depth")?["persisting"]), vec!["Chi bộ số 11"]);
    assert_eq!(names(&get("min.missing_fields")?["persisting"]), vec!["Chi bộ Công an phường Nghĩa Đô"]);
    assert_eq!(names(&get("att.duration")?["new"]), vec![COMPANY]);
    assert_eq!(sorted_names(&get("conduct.round_documents")?["new"]), vec![COMPANY, "Chi bộ số 11"]);

    // Criterion changed: HD 42 items that replace HD 12 ones, under the new id with the old beside it.
    let documents = get("prep.documents_on_app")?;
    assert_eq!(sorted_names(&documents["criterion_changed"]), vec![COMPANY, "Chi bộ số 11"]);
    assert_eq!(documents["replaces"][0]["id"], "prep.documents_ahead");
    assert_eq!(names(&get("prep.preparer_assigned")?["criterion_changed"]), vec![COMPANY]);
    assert_eq!(get("prep.preparer_assigned")?["replaces"][0]["id"], "prep.secretary_prepared");
    assert_eq!(names(&get("prep.draft_prepared")?["criterion_changed"]), vec![COMPANY]);
    for id in ["prep.documents_ahead", "prep.secretary_prepared", "prep.draft_resolution"] {
        assert!(!findings.contains_key(id), "{id} is listed under the HD 42 item replacing it");
    }
    let eleven = branches.get("Chi bộ số 11").ok_or("Chi bộ số 11 matched")?;
    let changed = eleven["criterion_changed"].as_array().ok_or("criterion_changed")?;
    assert_eq!(changed.len(), 1, "{eleven}");
    assert_eq!(changed[0]["id"], "prep.documents_on_app");
    assert_eq!(changed[0]["failing_after"], true);
    assert_eq!(changed[0]["replaces"][0]["id"], "prep.documents_ahead");
    assert_eq!(changed[0]["replaces"][0]["failing_before"], false, "not applicable in 2022");

    // HD 42-only items: not comparable, failing in the later round.
    assert_eq!(names(&get("conduct.party_dues")?["not_comparable"]), vec!["Chi bộ số 11"]);
    assert_eq!(names(&get("conduct.chairing")?["not_comparable"]), vec![COMPANY]);
    assert_eq!(sorted_names(&get("after.documents_uploaded")?["not_comparable"]), vec![COMPANY, "Chi bộ số 11"]);
    assert!(
        eleven["not_comparable"]
            .as_array()
            .is_some_and(|l| l.iter().any(|n| n["id"] == "conduct.party_dues" && n["round"] == "after")),
        "{eleven}"
    );

    // Every id a matched branch fails now is in exactly one of persisting, new, criterion changed
    // and not comparable; every id it failed then in one of fixed, persisting, not assessed and
    // not comparable, or under the HD 42 item that replaced it.
    let listed_in = |id: &str, lists: &[&str], branch: &str| {
        findings.get(id).map_or(0, |f| lists.iter().filter(|k| names(&f[**k]).iter().any(|n| n == branch)).count())
    };
    for (name, b) in &branches {
        for id in b["failing_after"].as_array().into_iter().flatten().filter_map(|v| v.as_str()) {
            let n = listed_in(id, &["persisting", "new", "criterion_changed", "not_comparable"], name);
            assert_eq!(n, 1, "{name}: {id} failing now is listed {n} times");
        }
        for id in b["failing_before"].as_array().into_iter().flatten().filter_map(|v| v.as_str()) {
            let direct = listed_in(id, &["fixed", "persisting", "not_assessed", "not_comparable"], name);
            let replaced = findings
                .values()
                .filter(|f| f["replaces"].as_array().is_some_and(|r| r.iter().any(|o| o["id"] == id)))
                .filter(|f| names(&f["criterion_changed"]).iter().any(|n| n == name))
                .count();
            assert_eq!(direct + replaced, 1, "{name}: {id} failing before is listed {} times", direct + replaced);
        }
    }
    // The 2026 side agrees with the 2026 round's own summary.
    let summary = json(&["summary", NGHIA_DO, "--format", "json"])?;
    let now = failing(&summary);
    for (name, b) in &branches {
        let listed: BTreeSet<String> =
            b["failing_after"].as_array().into_iter().flatten().filter_map(|v| v.as_str().map(String::from)).collect();
        let k = key(name, "Đảng ủy phường Nghĩa Đô");
        let expected: BTreeSet<String> = now.iter().filter(|(_, s)| s.contains(&k)).map(|(id, _)| id.clone()).collect();
        assert_eq!(listed, expected, "{name}");
    }

    // The text report, in Vietnamese by default.
    let out = run(&["compare", DEMO, NGHIA_DO])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let report = text(&out.stdout);
    assert!(report.contains("Đợt trước: 7 phiếu; đợt này: 4 phiếu; 3 chi bộ có ở cả hai đợt"), "{report}");
    assert!(
        report.contains(
            "Tiêu chí đã thay đổi (2): Chi bộ Công ty cổ phần tư vấn đầu tư phát triển và xây dựng Việt Nam \
             (Đảng ủy phường Nghĩa Đô, trước là Đảng bộ Khối Doanh nghiệp quận); \
             Chi bộ số 11 (Đảng ủy phường Nghĩa Đô, trước là Đảng bộ phường Mai Dịch)"
        ),
        "{report}"
    );
    assert!(
        report.contains(
            "thay cho tiêu chí trước: Chưa gửi trước tài liệu để đảng viên nghiên cứu [prep.documents_ahead]"
        ),
        "{report}"
    );
    assert!(
        report.contains(
            "Đã khắc phục (1): Chi bộ Công an phường Nghĩa Đô \
             (Đảng ủy phường Nghĩa Đô, trước là Chi bộ Công an phường, Đảng bộ phường Mai Dịch)"
        ),
        "{report}"
    );
    assert!(report.contains("Không so sánh được (chỉ một bộ quy định có tiêu chí này) (1): Chi bộ số 11"), "{report}");
    assert!(
        report.contains(
            "Chỉ có ở đợt này: Chi bộ Trung tâm Phục vụ hành chính công phường Nghĩa Đô (Đảng ủy phường Nghĩa Đô)"
        ),
        "{report}"
    );
    let md = text(&run(&["compare", DEMO, NGHIA_DO, "--format", "md"])?.stdout);
    assert!(md.contains("Tiêu chí đã thay đổi (1): Chi bộ Công ty cổ phần"), "{md}");
    Ok(())
}
