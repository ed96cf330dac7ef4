//! `khaosat report` through the real binary: the Markdown report of the demo round (a snapshot,
//! and the shape a signed report must have), the HD 42 example, report.ron, and bad input.

use std::fs;
use std::path::Path;

use khaosat::core::template::Template;

mod common;
use common::{MANIFEST, Result, run, show, text};

const DEMO: &str = "data/examples/round-967";
const HD42: &str = "data/examples/round-2026-nghia-do";
const APPENDIX: &str = "\n## PHỤ LỤC\n";

/// The body of a Markdown report: everything before the appendix.
fn body(report: &str) -> &str {
    report.split(APPENDIX).next().unwrap_or(report)
}

/// Copy the visit files (and round.ron, when `with_round`) of a round folder into `dir`.
fn copy_round(from: &str, dir: &Path, with_round: bool) -> Result {
    for entry in fs::read_dir(Path::new(MANIFEST).join(from))? {
        let path = entry?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.ends_with(".ron") && (with_round || name != "round.ron") {
            fs::copy(&path, dir.join(&name))?;
        }
    }
    Ok(())
}

#[test]
fn the_demo_rounds_markdown_report() -> Result {
    let out = run(&["--lang", "vi", "report", DEMO, "--format", "md"])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let report = text(&out.stdout);
    insta::assert_snapshot!("round_967_md", report);

    // The document's parts, in order.
    let at = |needle: &str| report.find(needle).unwrap_or_else(|| panic!("{needle:?} missing:\n{report}"));
    let order = [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "# BÁO CÁO\n",
        "Thực hiện Quyết định số 967-QĐ/QU, ngày 23/3/2022 của Ban Thường vụ Quận ủy Cầu Giấy",
        "## I. KẾT QUẢ KHẢO SÁT\n",
        "### 1. Ưu điểm\n",
        "### 2. Hạn chế, khuyết điểm\n",
        "## II. NGUYÊN NHÂN\n",
        "## III. ĐỀ XUẤT, KIẾN NGHỊ\n",
        "**T/M ĐOÀN KHẢO SÁT**",
        "***Nơi nhận:***",
        APPENDIX,
    ];
    let places: Vec<usize> = order.iter().map(|n| at(n)).collect();
    assert!(places.windows(2).all(|w| w[0] < w[1]), "parts out of order: {places:?}");
    assert!(report.contains("tại 7/7 chi bộ theo kế hoạch: "), "{report}");

    // Every limitation of the summary, once, with its (n/N), in the order report_order gives.
    let json = run(&["--lang", "vi", "summary", DEMO, "--format", "json"])?;
    let summary: serde_json::Value = serde_json::from_slice(&json.stdout)?;
    let findings = summary["findings"].as_array().ok_or("findings")?;
    assert!(findings.len() >= 10, "{findings:?}");
    let template = Template::embedded();
    let sequence = template.report_sequence();
    let body = body(&report);
    let mut found: Vec<(usize, usize)> = Vec::new();
    for f in findings {
        let sentence = f["sentence"].as_str().ok_or("sentence")?;
        let id = f["id"].as_str().ok_or("id")?;
        let counted = format!("({}/{})", f["failing"], f["assessed"]);
        assert!(sentence.contains(&counted), "{sentence}");
        let line = format!("- {sentence}.\n");
        assert_eq!(body.matches(&line).count(), 1, "{line:?} must be in the body exactly once:\n{body}");
        let rank = sequence.iter().position(|s| *s == id).ok_or(id.to_string())?;
        found.push((body.find(&line).unwrap_or(0), rank));
    }
    found.sort();
    let ranks: Vec<usize> = found.iter().map(|(_, rank)| *rank).collect();
    assert!(ranks.windows(2).all(|w| w[0] < w[1]), "limitations not in meeting order: {ranks:?}");
    // The seed article's order: preparation, the report, criticism, news, the round's documents,
    // commitments, resolution, thematic meetings, minutes, the inspection programme.
    let milestones = [
        "nội dung sinh hoạt chưa sát",
        "chất lượng báo cáo đánh giá công tác",
        "biểu dương và phê bình",
        "thông tin, tuyên truyền còn đọc toàn bộ",
        "chưa kết hợp đánh giá việc thực hiện",
        "thực hiện cam kết",
        "nghị quyết chưa đề ra giải pháp",
        "sinh hoạt chuyên đề chưa đảm bảo đúng kỳ",
        "không ghi biên bản sinh hoạt chi ủy",
        "chương trình kiểm tra, giám sát",
    ];
    let places: Vec<usize> =
        milestones.iter().map(|m| body.find(m).unwrap_or_else(|| panic!("{m:?} missing"))).collect();
    assert!(places.windows(2).all(|w| w[0] < w[1]), "{places:?}");

    // No tool bookkeeping before the appendix; all of it after.
    for r in template.items() {
        assert!(!body.contains(&r.item.id), "item id {} in the body", r.item.id);
        assert!(!body.contains(&r.item.id.replace('_', "\\_")), "item id {} in the body", r.item.id);
    }
    for word in ["hd12-2018", "không áp dụng:", "nháp", "chưa trả lời"] {
        assert!(!body.contains(word), "{word:?} in the body");
    }
    let appendix = &report[at(APPENDIX)..];
    assert!(appendix.contains("hd12-2018 phiên bản 1 (7 phiếu)"), "{appendix}");
    assert!(appendix.contains("(crit.praise\\_criticism): chưa đạt 2/6"), "{appendix}");
    assert!(appendix.contains("### Bảng 1. Chuẩn bị\n"), "{appendix}");
    assert!(appendix.contains("| Không áp dụng |"), "{appendix}");

    // The blanks the team still has to fill, on stderr, as sentences.
    let stderr = text(&out.stderr);
    for blank in
        ["số báo cáo", "tên cấp ủy", "địa danh", "ngày báo cáo", "nguyên nhân", "đề xuất, kiến nghị", "nơi nhận"]
    {
        assert!(stderr.contains(&format!("Còn trống: {blank}\n")), "{stderr}");
    }
    assert!(!stderr.contains("họ tên người ký"), "the head of the team is in round.ron: {stderr}");
    Ok(())
}

#[test]
fn the_hd42_example_reads_as_a_report_too() -> Result {
    let out = run(&["--lang", "vi", "report", HD42])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let report = text(&out.stdout);
    assert!(
        report.contains("Thực hiện Quyết định số 25-QĐ/ĐU, ngày 25/02/2026 của Ban Thường vụ Đảng ủy phường Nghĩa Đô")
    );
    assert!(report.contains("tại 4/4 chi bộ theo kế hoạch: "), "{report}");
    assert!(report.contains("**Trần Thị Hồng Nhung**"), "{report}");
    let body = body(&report);
    let template = Template::embedded_all().into_iter().find(|t| t.id == "hd42-2025").ok_or("hd42")?;
    for r in template.items() {
        assert!(!body.contains(&r.item.id.replace('_', "\\_")), "item id {} in the body", r.item.id);
    }
    // Preparation first, the programme and minutes late, as HD 42's report_order says.
    let fits = body.find("nội dung sinh hoạt chưa sát").ok_or("fits")?;
    let minutes = body.find("biên bản chưa được thông qua").ok_or("minutes")?;
    assert!(fits < minutes);
    assert!(report.contains("hd42-2025 phiên bản 1 (4 phiếu)"), "{report}");
    Ok(())
}

#[test]
fn report_ron_fills_the_blanks_and_is_no_visit() -> Result {
    let dir = tempfile::tempdir()?;
    copy_round(DEMO, dir.path(), true)?;
    fs::write(
        dir.path().join("report.ron"),
        r#"(
  schema: 1,
  issuer: ["Đảng bộ quận Cầu Giấy", "Đoàn khảo sát"],
  number: "12",
  place: "Cầu Giấy",
  date: Some("2022-04-25"),
  causes: "Một số cấp ủy, chi bộ chưa quan tâm đúng mức đến việc chuẩn bị nội dung sinh hoạt.\n\n- Bí thư chi bộ kiêm nhiệm nhiều việc.",
  recommendations: "Các chi bộ nghiêm túc khắc phục những hạn chế đã được chỉ ra.",
  recipients: ["Ban Thường vụ Quận ủy (để báo cáo)", "Các chi bộ được khảo sát"],
)
"#,
    )?;
    let folder = dir.path().to_string_lossy().into_owned();
    let out = run(&["--lang", "vi", "report", &folder, "--strict"])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let report = text(&out.stdout);
    assert!(report.starts_with("ĐẢNG BỘ QUẬN CẦU GIẤY\\\nĐOÀN KHẢO SÁT\\\n\\*\\\nSố 12-BC/ĐKS\n"), "{report}");
    assert!(report.contains("*Cầu Giấy, ngày 25 tháng 4 năm 2022*"), "{report}");
    assert!(report.contains("## II. NGUYÊN NHÂN\n\nMột số cấp ủy, chi bộ chưa quan tâm"), "{report}");
    assert!(report.contains("\n- Bí thư chi bộ kiêm nhiệm nhiều việc.\n"), "{report}");
    assert!(report.contains("- Các chi bộ được khảo sát\n- Lưu Đoàn khảo sát.\n"), "{report}");
    assert_eq!(text(&out.stderr), "", "no blank, no warning");

    // Written to a file on request, and said so.
    let file = dir.path().join("bao-cao.md");
    let out = run(&["--lang", "en", "report", &folder, "-o", &file.to_string_lossy()])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert!(fs::read_to_string(&file)?.contains("# REPORT\n"));
    assert!(text(&out.stderr).starts_with("Wrote "), "{}", show(&out));

    // The summary and validate do not take report.ron for a visit.
    let out = run(&["summary", &folder, "--strict", "--format", "json"])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(summary["visits"], 7);
    let out = run(&["--lang", "en", "validate", &folder, &dir.path().join("report.ron").to_string_lossy()])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));

    // A report.ron that cannot be read stops the report, saying where.
    fs::write(dir.path().join("report.ron"), "(\n  number: \"12\",\n  nmber: \"13\",\n)\n")?;
    let out = run(&["--lang", "en", "report", &folder])?;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(text(&out.stderr).contains("report.ron:3:3: "), "{}", show(&out));
    assert!(out.stdout.is_empty());
    Ok(())
}

#[test]
fn bad_input_still_gives_a_report_with_warnings() -> Result {
    // No round.ron, and one visit still a draft.
    let dir = tempfile::tempdir()?;
    copy_round(DEMO, dir.path(), false)?;
    let draft = dir.path().join("2022-04-06_chi-bo-so-11.ron");
    fs::write(&draft, fs::read_to_string(&draft)?.replace("status: Final,", "status: Draft,"))?;
    let folder = dir.path().to_string_lossy().into_owned();
    let out = run(&["--lang", "vi", "report", &folder])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let report = text(&out.stdout);
    assert!(
        report.contains(
            "Thực hiện Quyết định số 967-QĐ/QU, ngày [ngày quyết định] của [cơ quan ban hành quyết định], từ ngày 04/4 đến ngày 21/4/2022"
        ),
        "the decision the visits name, blanks for the rest: {report}"
    );
    assert!(report.contains("tại 07 chi bộ: "), "{report}");
    assert!(body(&report).contains("## I. KẾT QUẢ KHẢO SÁT"));
    assert!(!body(&report).contains("nháp"), "{report}");
    assert!(report[report.find(APPENDIX).unwrap_or(0)..].contains("Phiếu còn là bản nháp: Chi bộ số 11"), "{report}");
    let stderr = text(&out.stderr);
    assert!(stderr.contains("Còn trống: ngày quyết định\n"), "{stderr}");
    assert!(stderr.contains("Không có round.ron đọc được cho các phiếu này"), "{stderr}");
    assert!(
        stderr.contains("Chi bộ số 11 (Đảng bộ phường Mai Dịch), ngày 06/4/2022: phiếu còn là bản nháp"),
        "{stderr}"
    );
    assert!(stderr.contains("Còn trống: họ tên người ký\n"), "no round, no head of the team: {stderr}");

    // --strict: warnings make it exit 1 (the report is still written).
    let out = run(&["--lang", "en", "report", &folder, "--strict"])?;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(text(&out.stdout).contains("# REPORT\n"));
    assert!(text(&out.stderr).contains("No readable round.ron governs these visits"), "{}", show(&out));

    // A visit file that cannot be read is skipped and said.
    fs::write(dir.path().join("2022-04-30_hong.ron"), "(schema: 1, template: (")?;
    let out = run(&["--lang", "en", "report", &folder])?;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert!(text(&out.stderr).contains("2022-04-30_hong.ron"), "{}", show(&out));
    Ok(())
}

#[test]
fn usage_errors_exit_2() -> Result {
    let out = run(&["--lang", "en", "report", DEMO, "--format", "docx"])?;
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert!(text(&out.stderr).contains("the docx format needs -o FILE"), "{}", show(&out));
    assert!(out.stdout.is_empty());
    let out = run(&["report"])?;
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    let dir = tempfile::tempdir()?;
    let out = run(&["--lang", "en", "report", &dir.path().to_string_lossy()])?;
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    Ok(())
}
