//! Tests of the report's building: the order of limitations, blanks, warnings for bad input.

use std::path::Path;

use jiff::civil::date;

use crate::core::report::text::{ReportText, Signer};
use crate::core::report::{Block, Paragraph, Report, Text, build};
use crate::core::round::{Member, Round};
use crate::core::summary::{Filters, Summary, SummaryBuilder};
use crate::core::template::Template;
use crate::core::visit::{Answer, Value, Visit, VisitStatus};
use crate::strings::{Lang, ReportMsg};
use crate::testing::{answer_all_passing, enter_passing_facts, sample_facts, sample_visit};

/// A final visit of `branch` with nothing to find but `spoiled` answered to fail.
fn visit(template: &Template, branch: &str, spoiled: &[(&str, Value)]) -> Visit {
    let mut v = sample_visit(template);
    v.meeting.branch = branch.into();
    enter_passing_facts(&mut v);
    answer_all_passing(template, &mut v);
    for (id, value) in spoiled {
        v.answers.insert((*id).into(), Answer { value: Some(value.clone()), note: String::new() });
    }
    v.status = VisitStatus::Final;
    v
}

fn summary_of(template: &Template, visits: &[Visit]) -> Summary {
    let mut builder = SummaryBuilder::new(Lang::Vi, Filters::default()).keep_answers(true);
    for (i, v) in visits.iter().enumerate() {
        builder.add(v, template, Path::new(&format!("v{i}.ron")));
    }
    builder.finish()
}

/// Two branches: one failing the minutes, the commitments and the fit to the branch type (items
/// of three sections whose template order is not the meeting's), the other failing the minutes.
fn two_visits(template: &Template) -> Vec<Visit> {
    vec![
        visit(
            template,
            "Chi bộ số 11",
            &[
                ("min.read_back", Value::No),
                ("crit.commitments_review", Value::No),
                ("prep.fits_type", Value::Scale(1)),
            ],
        ),
        visit(template, "Chi bộ số 12", &[("min.read_back", Value::No)]),
    ]
}

fn round() -> Round {
    let mut r = Round::new("967-QĐ/QU", date(2022, 3, 23), date(2022, 4, 4), date(2022, 4, 21));
    r.issued_by = "Ban Thường vụ Quận ủy Cầu Giấy".into();
    r.members = vec![
        Member { name: "Lê Thị Tú".into(), role: "Phó Trưởng đoàn".into() },
        Member {
            name: "Nguyễn Văn Chiến".into(), role: "Phó Bí thư Thường trực Quận ủy, Trưởng đoàn".into()
        },
    ];
    r
}

fn shown(p: &Paragraph) -> String {
    p.iter().map(Text::shown).collect()
}

/// The lines of "2. Hạn chế, khuyết điểm".
fn limitations(report: &Report) -> Vec<String> {
    let blocks = &report.parts[0].blocks;
    let start = blocks.iter().position(|b| matches!(b, Block::Heading { number, .. } if number == "2.")).unwrap_or(0);
    blocks[start..]
        .iter()
        .filter_map(|b| match b {
            Block::Item(p) => Some(shown(p)),
            _ => None,
        })
        .collect()
}

#[test]
fn limitations_follow_the_templates_report_order() {
    let template = Template::embedded();
    let summary = summary_of(&template, &two_visits(&template));
    // The summary's own order is the template's: prep, crit, then min (most failing first).
    let ids: Vec<&str> = summary.findings.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, vec!["prep.fits_type", "crit.commitments_review", "min.read_back"]);
    let built = build(&summary, Some(&round()), &ReportText::default(), std::slice::from_ref(&template));
    let lines = limitations(&built.report);
    assert_eq!(lines.len(), 3, "{lines:?}");
    // The meeting's order: preparation, commitments, then minutes.
    assert!(lines[0].starts_with("01 chi bộ (1/2): nội dung sinh hoạt chưa sát"), "{lines:?}");
    assert!(lines[1].starts_with("01 chi bộ (1/2): chưa thường xuyên đánh giá kết quả thực hiện cam kết"), "{lines:?}");
    assert!(lines[2].starts_with("Các chi bộ (2/2): "), "{lines:?}");

    // The order is the template's data: another order, another report.
    let mut reordered = template.clone();
    reordered.report_order = vec!["min".into(), "crit.commitments_review".into()];
    let built = build(&summary, Some(&round()), &ReportText::default(), &[reordered]);
    let lines = limitations(&built.report);
    assert!(lines[0].starts_with("Các chi bộ (2/2): "), "{lines:?}");
    assert!(lines[1].contains("cam kết"), "{lines:?}");
    assert!(lines[2].contains("nội dung sinh hoạt chưa sát"), "{lines:?}");
}

#[test]
fn missing_pieces_are_blanks_and_given_ones_fill_the_heading() {
    let template = Template::embedded();
    let summary = summary_of(&template, &two_visits(&template));
    let mut bare_round = round();
    bare_round.members.clear();
    let built = build(&summary, Some(&bare_round), &ReportText::default(), std::slice::from_ref(&template));
    let r = &built.report;
    assert_eq!(
        r.blanks(),
        vec![
            "tên cấp ủy",
            "số báo cáo",
            "địa danh",
            "ngày báo cáo",
            "nguyên nhân",
            "đề xuất, kiến nghị",
            "họ tên người ký",
            "nơi nhận"
        ]
    );
    assert_eq!(shown(&r.heading.number), "Số [số báo cáo]-BC/ĐKS");
    assert_eq!(shown(&r.heading.place_date), "[địa danh], [ngày báo cáo]");
    assert_eq!(built.warnings, Vec::<String>::new(), "a round, final visits: nothing to warn of");

    let text = ReportText {
        issuer: vec!["Đảng bộ quận Cầu Giấy".into(), "Đoàn khảo sát".into()],
        number: "12".into(),
        place: "Cầu Giấy".into(),
        date: Some(date(2022, 4, 25)),
        causes: "Một số cấp ủy chưa quan tâm.\n- Bí thư chi bộ kiêm nhiệm nhiều việc.".into(),
        recommendations: "Các chi bộ khắc phục hạn chế.".into(),
        recipients: vec!["Ban Thường vụ Quận ủy (để báo cáo)".into(), "Các chi bộ được khảo sát".into()],
        signer: Signer { name: "Nguyễn Văn Chiến".into(), ..Signer::default() },
        ..ReportText::default()
    };
    let built = build(&summary, Some(&bare_round), &text, std::slice::from_ref(&template));
    let r = &built.report;
    assert_eq!(r.blanks(), Vec::<String>::new());
    assert_eq!(
        r.heading.issuer,
        vec![Text::Given("ĐẢNG BỘ QUẬN CẦU GIẤY".into()), Text::Given("ĐOÀN KHẢO SÁT".into())]
    );
    assert_eq!(shown(&r.heading.number), "Số 12-BC/ĐKS");
    assert_eq!(shown(&r.heading.place_date), "Cầu Giấy, ngày 25 tháng 4 năm 2022");
    assert_eq!(r.parts[1].blocks[1], Block::Item(vec![Text::Given("Bí thư chi bộ kiêm nhiệm nhiều việc.".into())]));
    let recipients: Vec<String> = r.recipients.iter().map(Text::shown).collect();
    assert_eq!(
        recipients,
        vec!["- Ban Thường vụ Quận ủy (để báo cáo)", "- Các chi bộ được khảo sát", "- Lưu Đoàn khảo sát."]
    );
    // The head of the team signs when report.ron names nobody; a deputy is not the head.
    let built = build(&summary, Some(&round()), &ReportText::default(), std::slice::from_ref(&template));
    assert_eq!(built.report.signature.name, Text::Given("Nguyễn Văn Chiến".into()));
    assert_eq!(built.report.signature.on_behalf, Text::Given("T/M ĐOÀN KHẢO SÁT".into()));
}

#[test]
fn the_opening_names_the_decision_the_period_and_the_branches() {
    let template = Template::embedded();
    let summary = summary_of(&template, &two_visits(&template));
    let built = build(&summary, Some(&round()), &ReportText::default(), std::slice::from_ref(&template));
    let opening = shown(&built.report.opening[0]);
    assert_eq!(
        opening,
        "Thực hiện Quyết định số 967-QĐ/QU, ngày 23/3/2022 của Ban Thường vụ Quận ủy Cầu Giấy, từ ngày 04/4 \
         đến ngày 21/4/2022, Đoàn khảo sát đã dự sinh hoạt, khảo sát tại 02 chi bộ: Chi bộ số 11 và Chi bộ số \
         12 thuộc Đảng bộ phường Mai Dịch."
    );
    assert_eq!(
        shown(&built.report.subject),
        "Kết quả khảo sát chất lượng sinh hoạt chi bộ theo Quyết định số 967-QĐ/QU"
    );
}

#[test]
fn bad_input_still_builds_with_a_warning_for_each_fault() {
    let mut template = Template::embedded();
    // An item whose finding has no sentence (a province's template not checked).
    if let Some(item) = template.sections.iter_mut().flat_map(|s| s.items.iter_mut()).find(|i| i.id == "min.read_back")
        && let Some(rule) = &mut item.finding
    {
        rule.text.vi.clear();
    }
    let mut visits = two_visits(&template);
    visits[1].status = VisitStatus::Draft;
    let mut other = visit(&template, "Chi bộ số 13", &[]);
    other.round = Some("1024-QĐ/QU".into());
    visits.push(other);
    let summary = summary_of(&template, &visits);

    // No round file: the decision's number comes from the visits that name one … but they name two.
    let built = build(&summary, None, &ReportText::default(), std::slice::from_ref(&template));
    let w = &built.warnings;
    assert!(w.contains(&ReportMsg::RptWarnNoRound.get(Lang::Vi).to_string()), "{w:#?}");
    assert!(w.iter().any(|l| l.starts_with("Các phiếu thuộc nhiều đợt kiểm tra: 967-QĐ/QU, 1024-QĐ/QU")), "{w:#?}");
    assert!(
        w.iter().any(|l| l == "Chi bộ số 12 (Đảng bộ phường Mai Dịch), ngày 05/4/2022: phiếu còn là bản nháp (v1.ron)"),
        "{w:#?}"
    );
    assert!(w.iter().any(|l| l.starts_with("Mục min.read_back (")), "{w:#?}");
    let opening = shown(&built.report.opening[0]);
    assert!(
        opening.starts_with("Thực hiện Quyết định số [số quyết định], ngày [ngày quyết định] của [cơ quan ban hành quyết định], ngày 05/4/2022, Đoàn"),
        "{opening}"
    );
    let lines = limitations(&built.report);
    assert!(lines.iter().any(|l| l.starts_with("Đa số chi bộ (2/3): [câu nêu hạn chế của mục")), "{lines:?}");
    let notes = &built.report.appendix.notes;
    assert!(notes.iter().any(|n| n.starts_with("Phiếu còn là bản nháp: Chi bộ số 12")), "{notes:#?}");
    let draft_row = built.report.appendix.tables[0].rows.iter().any(|row| row[0] == "Chi bộ số 12 (nháp)");
    assert!(draft_row, "drafts are marked in the appendix's tables");

    // With the round: visits of another round are named.
    let built = build(&summary, Some(&round()), &ReportText::default(), std::slice::from_ref(&template));
    let w = &built.warnings;
    assert!(
        w.iter().any(|l| l.starts_with("1 phiếu không thuộc đợt 967-QĐ/QU mà báo cáo nói về: Chi bộ số 13")),
        "{w:#?}"
    );
    assert!(!w.contains(&ReportMsg::RptWarnNoRound.get(Lang::Vi).to_string()));
}

#[test]
fn the_body_keeps_the_tools_bookkeeping_out() {
    let template = Template::embedded();
    let mut visits = two_visits(&template);
    visits[0].status = VisitStatus::Draft;
    visits[0]
        .answers
        .insert("crit.praise_criticism".into(), Answer { value: Some(Value::NotApplicable), note: String::new() });
    let summary = summary_of(&template, &visits);
    let built = build(&summary, Some(&round()), &ReportText::default(), std::slice::from_ref(&template));
    let mut body: Vec<String> = built.report.opening.iter().map(shown).collect();
    for block in built.report.parts.iter().flat_map(|p| &p.blocks) {
        if let Block::Item(p) | Block::Paragraph(p) = block {
            body.push(shown(p));
        }
    }
    let ids: Vec<&str> = template.items().map(|r| r.item.id.as_str()).collect();
    for line in &body {
        for id in &ids {
            assert!(!line.contains(id), "{id} in the body: {line}");
        }
        for word in ["hd12-2018", "không áp dụng:", "nháp"] {
            assert!(!line.contains(word), "{word:?} in the body: {line}");
        }
    }
    // They are in the appendix.
    let notes = built.report.appendix.notes.join("\n");
    assert!(notes.contains("hd12-2018") && notes.contains("(min.read_back)") && notes.contains("nháp"), "{notes}");
    let prep = &built.report.appendix.tables[0];
    assert_eq!(prep.columns[1], "1", "numbered columns");
    assert!(prep.legend[0].starts_with("1. ") && prep.legend[0].ends_with("(prep.committee_met)"), "{:?}", prep.legend);
}

#[test]
fn an_english_report_reads_in_english() {
    let template = Template::embedded();
    let visits = two_visits(&template);
    let mut builder = SummaryBuilder::new(Lang::En, Filters::default()).keep_answers(true);
    for (i, v) in visits.iter().enumerate() {
        builder.add(v, &template, Path::new(&format!("v{i}.ron")));
    }
    let summary = builder.finish();
    let facts = sample_facts();
    assert_eq!(facts.date, date(2022, 4, 5));
    let built = build(&summary, Some(&round()), &ReportText::default(), std::slice::from_ref(&template));
    let r = &built.report;
    assert_eq!(r.title, "REPORT");
    assert_eq!(r.parts[0].title, "FINDINGS");
    assert_eq!(shown(&r.heading.number), "No. [report number]-BC/ĐKS");
    assert!(limitations(r)[2].starts_with("All branches (2/2): "), "{:?}", limitations(r));
}

#[test]
fn an_item_that_does_not_apply_reads_not_applicable_in_the_tables() {
    let template = Template::embedded();
    let mut visits = two_visits(&template);
    // No chi ủy: the chi ủy's minutes are not asked, whatever was left answered there.
    visits[1].meeting.has_committee = Some(false);
    visits[1].answers.insert("min.committee_minutes".into(), Answer { value: Some(Value::No), note: String::new() });
    let summary = summary_of(&template, &visits);
    let built = build(&summary, Some(&round()), &ReportText::default(), std::slice::from_ref(&template));
    let tables = &built.report.appendix.tables;
    let minutes = tables.iter().find(|t| t.title.ends_with("Biên bản")).unwrap_or_else(|| panic!("{tables:#?}"));
    // Column n (after the branch) is the question of legend line n.
    let column =
        1 + minutes.legend.iter().position(|l| l.ends_with("(min.committee_minutes)")).unwrap_or(usize::MAX - 1);
    let cells: Vec<&str> = minutes.rows.iter().map(|row| row[column].as_str()).collect();
    assert_eq!(cells, vec!["Có", "Không áp dụng"]);
}
