//! The Word report (issue 15): a report built by hand, written with `write_docx`, unzipped and read
//! back: page set-up, font, the heading block, the parts in order, the signature, the appendix,
//! page numbers from page 2, and hostile text that must not break the XML.
//!
//! `cargo test --test report_docx -- --ignored` also writes the sample to `$KHAOSAT_REPORT_DOCX`
//! (default: r.docx in the temporary folder) for scripts/render-report.sh to turn into pictures.

use std::io::{Cursor, Read};

use khaosat::core::report::{Appendix, Block, Heading, Part, Report, Signature, Table, Text};
use khaosat::export::report_docx::write_docx;
use proptest::prelude::*;
use quick_xml::events::Event;

fn given(text: &str) -> Text {
    Text::Given(text.to_string())
}

fn para(text: &str) -> Vec<Text> {
    vec![given(text)]
}

const HOSTILE: &str = "Chi bộ \u{1b}[31mđỏ\u{7}\u{0} <b>&amp;\u{202E}lật\u{FFFF}\r\nhết";

/// A report as the team of the seed article would sign it, with a blank for the number and a
/// branch name carrying controls.
fn sample_report() -> Report {
    let mut report = khaosat::testing::empty_report();
    report.heading = Heading {
        issuer: vec![given("Đảng bộ quận Cầu Giấy"), given("Đoàn khảo sát")],
        number: vec![given("Số "), Text::Blank("số báo cáo".into()), given("-BC/ĐKS")],
        party: "ĐẢNG CỘNG SẢN VIỆT NAM".into(),
        place_date: para("Cầu Giấy, ngày 25 tháng 4 năm 2022"),
    };
    report.title = "BÁO CÁO".into();
    report.subject = para("kết quả khảo sát chất lượng sinh hoạt chi bộ năm 2022");
    report.opening = vec![para(
        "Thực hiện Quyết định số 967-QĐ/QU ngày 23/3/2022 của Ban Thường vụ Quận ủy Cầu Giấy về thành lập \
         Đoàn khảo sát chất lượng sinh hoạt chi bộ, từ ngày 04/4 đến ngày 21/4/2022, Đoàn đã dự sinh hoạt \
         tại 7 chi bộ trực thuộc Đảng bộ phường Mai Dịch và Đảng bộ phường Dịch Vọng. Đoàn báo cáo kết quả \
         như sau:",
    )];
    let limitations = [
        "Một số chi bộ chuẩn bị nội dung sinh hoạt chưa chu đáo, chưa phù hợp với loại hình chi bộ (3/7).",
        "Báo cáo của một số chi bộ còn chung chung, phần công tác xây dựng Đảng còn sơ sài (2/7).",
        "Một số chi bộ chưa đọc tài liệu, thông tin thời sự có chọn lọc mà đọc toàn văn (4/7).",
    ];
    let mut results = vec![
        Block::Heading { number: "1.".into(), title: "Ưu điểm".into() },
        Block::Item(para("Các chi bộ duy trì sinh hoạt định kỳ đúng quy định, đảng viên dự đông đủ.")),
        Block::Heading { number: "2.".into(), title: "Hạn chế, khuyết điểm".into() },
    ];
    results.extend(limitations.iter().map(|l| Block::Item(para(l))));
    results.push(Block::Item(vec![given("Chi bộ "), given(HOSTILE), given(" chưa có biên bản sinh hoạt chi ủy.")]));
    report.parts = vec![
        Part { number: "I.".into(), title: "KẾT QUẢ KHẢO SÁT".into(), blocks: results },
        Part {
            number: "II.".into(),
            title: "NGUYÊN NHÂN".into(),
            blocks: vec![Block::Paragraph(vec![Text::Blank("nguyên nhân của hạn chế".into())])],
        },
        Part {
            number: "III.".into(),
            title: "ĐỀ XUẤT, KIẾN NGHỊ".into(),
            blocks: vec![Block::Paragraph(para(
                "Đề nghị các chi bộ nghiêm túc khắc phục những hạn chế nêu trên; đề nghị Ban Tổ chức Quận ủy \
                 tiếp tục hướng dẫn các chi bộ nâng cao chất lượng sinh hoạt.",
            ))],
        },
    ];
    report.signature =
        Signature {
            on_behalf: given("T/M ĐOÀN KHẢO SÁT"), role: given("TRƯỞNG ĐOÀN"), name: given("Nguyễn Văn An")
        };
    report.recipients_title = "Nơi nhận:".into();
    report.recipients =
        vec![given("- Thường trực Quận ủy (để b/c),"), given("- Các chi bộ được khảo sát,"), given("- Lưu Văn phòng.")];
    report.appendix = Appendix {
        title: "Phụ lục".into(),
        notes: vec!["Mẫu phiếu: hd12-2018 phiên bản 1 (7 phiếu).".into(), "Phiếu còn nháp: Chi bộ số 3.".into()],
        tables: vec![Table {
            title: "Chuẩn bị sinh hoạt".into(),
            columns: vec!["Chi bộ".into(), "Họp chi ủy chuẩn bị".into(), "Nội dung phù hợp".into()],
            rows: vec![
                vec!["Chi bộ số 11".into(), "Có".into(), "Không".into()],
                vec![HOSTILE.into(), "Không áp dụng".into(), "Có".into()],
            ],
            legend: vec!["1. Chi ủy họp trước? (prep.committee_met)".into()],
        }],
    };
    report
}

/// The text parts of a .docx, by name.
fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("an entry");
        let mut text = String::new();
        file.read_to_string(&mut text).expect("UTF-8 text");
        parts.push((file.name().to_string(), text));
    }
    parts
}

fn part<'a>(parts: &'a [(String, String)], name: &str) -> &'a str {
    parts.iter().find(|(n, _)| n == name).map(|(_, t)| t.as_str()).unwrap_or_else(|| panic!("no {name}"))
}

/// A paragraph of the document: its text (breaks as `\n`) and its XML.
#[derive(Debug)]
struct Para {
    text: String,
    xml: String,
}

/// Parse `xml` (panicking on any well-formedness error quick-xml sees: mismatched end tags, bad
/// references) and check that it holds only characters XML 1.0 allows, written or referenced.
/// Returns the paragraphs, in document order.
fn paragraphs(xml: &str) -> Vec<Para> {
    let forbidden =
        |c: char| !matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
    if let Some(c) = xml.chars().find(|&c| forbidden(c)) {
        panic!("a character XML 1.0 forbids: U+{:04X}", c as u32);
    }
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut found = Vec::new();
    let (mut text, mut start, mut in_text) = (String::new(), 0, false);
    loop {
        let before = reader.buffer_position() as usize;
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == b"w:p" => {
                (text, start) = (String::new(), before);
            }
            Event::End(e) if e.name().as_ref() == b"w:p" => {
                let end = reader.buffer_position() as usize;
                found.push(Para { text: std::mem::take(&mut text), xml: xml[start..end].to_string() });
            }
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_text = false,
            Event::Empty(e) if e.name().as_ref() == b"w:br" => text.push('\n'),
            Event::Text(t) if in_text => text.push_str(&t.decode().expect("UTF-8")),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref().expect("a valid character reference") {
                    Some(c) => c,
                    None => match &*r.decode().expect("UTF-8") {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => panic!("unknown entity {other}"),
                    },
                };
                assert!(!forbidden(c), "a reference to a character XML 1.0 forbids: U+{:04X}", c as u32);
                if in_text {
                    text.push(c);
                }
            }
            _ => {}
        }
    }
    found
}

/// The value of `attr` on the first element named `element`.
fn attribute(xml: &str, element: &str, attr: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event().ok()? {
            Event::Eof => return None,
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == element.as_bytes() => {
                let a = e.try_get_attribute(attr).ok()??;
                return Some(a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok()?.into_owned());
            }
            _ => {}
        }
    }
}

/// The index of the first paragraph whose text is `text`, at or after `from`.
fn find(paras: &[Para], from: usize, text: &str) -> usize {
    paras[from..]
        .iter()
        .position(|p| p.text == text)
        .map(|i| i + from)
        .unwrap_or_else(|| panic!("no paragraph {text:?} after {from}: {:#?}", &paras[from..]))
}

/// The texts, each a whole paragraph, in this order.
fn in_order(paras: &[Para], texts: &[&str]) -> Vec<usize> {
    let mut at = 0;
    texts
        .iter()
        .map(|t| {
            at = find(paras, at, t);
            at
        })
        .collect()
}

fn document(report: &Report) -> (Vec<(String, String)>, Vec<Para>) {
    let bytes = write_docx(report).expect("the report is written");
    let parts = unzip(&bytes);
    let paras = paragraphs(part(&parts, "word/document.xml"));
    (parts, paras)
}

#[test]
fn the_page_is_a4_with_the_layout_margins_and_font() {
    let (parts, _) = document(&sample_report());
    let doc = part(&parts, "word/document.xml");
    assert_eq!(attribute(doc, "w:pgSz", "w:w").as_deref(), Some("11906"));
    assert_eq!(attribute(doc, "w:pgSz", "w:h").as_deref(), Some("16838"));
    for (side, twips) in [("w:top", "1417"), ("w:bottom", "1417"), ("w:left", "1984"), ("w:right", "850")] {
        assert_eq!(attribute(doc, "w:pgMar", side).as_deref(), Some(twips), "{side}");
    }
    let styles = part(&parts, "word/styles.xml");
    let defaults = &styles[styles.find("<w:docDefaults").expect("document defaults")..];
    for script in ["w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"] {
        assert_eq!(attribute(defaults, "w:rFonts", script).as_deref(), Some("Times New Roman"), "{script}");
    }
    assert_eq!(attribute(defaults, "w:sz", "w:val").as_deref(), Some("28"), "body 14 pt");
    // No run asks for another font.
    let fonts = doc.matches("<w:rFonts").count();
    assert_eq!(fonts, doc.matches("w:ascii=\"Times New Roman\"").count());
}

#[test]
fn another_layout_changes_the_page() {
    let mut report = sample_report();
    report.layout.margin_left_mm = 30.0;
    report.layout.margin_top_mm = 20.0;
    report.layout.font = "Liberation Serif".into();
    let (parts, _) = document(&report);
    let doc = part(&parts, "word/document.xml");
    assert_eq!(attribute(doc, "w:pgMar", "w:left").as_deref(), Some("1701"));
    assert_eq!(attribute(doc, "w:pgMar", "w:top").as_deref(), Some("1134"));
    let styles = part(&parts, "word/styles.xml");
    assert!(styles.contains("w:ascii=\"Liberation Serif\""));
}

#[test]
fn the_heading_block_has_the_issuer_number_party_and_date() {
    let (_, paras) = document(&sample_report());
    let at = in_order(
        &paras,
        &[
            "ĐẢNG BỘ QUẬN CẦU GIẤY",
            "ĐOÀN KHẢO SÁT",
            "*",
            "Số [số báo cáo]-BC/ĐKS",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Cầu Giấy, ngày 25 tháng 4 năm 2022",
            "BÁO CÁO",
            "kết quả khảo sát chất lượng sinh hoạt chi bộ năm 2022",
        ],
    );
    let xml = |i: usize| paras[at[i]].xml.as_str();
    assert!(!xml(0).contains("<w:b />"), "the higher body is not bold");
    assert!(xml(1).contains("<w:b />"), "the issuing body is bold");
    assert!(xml(3).contains("<w:highlight w:val=\"yellow\""), "the blank number is highlighted");
    assert!(xml(4).contains("<w:bottom w:val=\"single\""), "a rule under the Party's name");
    assert!(xml(4).contains("<w:b />"));
    assert!(xml(5).contains("<w:i />"), "place and date in italics");
    for i in [0, 4, 6, 7] {
        assert!(xml(i).contains("<w:jc w:val=\"center\""), "{} centred", paras[at[i]].text);
    }
    assert!(xml(6).contains("<w:b />") && xml(6).contains("<w:sz w:val=\"32\""), "BÁO CÁO bold at 16 pt");
    assert!(xml(7).contains("<w:b />"), "the subject in bold");
}

#[test]
fn the_heading_block_is_a_borderless_table_of_two_columns() {
    let (parts, _) = document(&sample_report());
    let doc = part(&parts, "word/document.xml");
    let first = &doc[doc.find("<w:tbl>").expect("a table")..doc.find("</w:tbl>").expect("its end")];
    assert_eq!(first.matches("<w:tc>").count(), 2);
    assert!(first.contains("ĐOÀN KHẢO SÁT") && first.contains("ĐẢNG CỘNG SẢN VIỆT NAM"));
    let borders = &first[first.find("<w:tblBorders>").expect("table borders")..];
    assert!(borders.contains("<w:top w:val=\"nil\"") && borders.contains("<w:insideV w:val=\"nil\""));
    assert!(!first.contains("w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\" /></w:tcBorders>"));
}

#[test]
fn the_parts_come_in_order_with_justified_indented_lines() {
    let (_, paras) = document(&sample_report());
    let at = in_order(
        &paras,
        &[
            "I. KẾT QUẢ KHẢO SÁT",
            "1. Ưu điểm",
            "- Các chi bộ duy trì sinh hoạt định kỳ đúng quy định, đảng viên dự đông đủ.",
            "2. Hạn chế, khuyết điểm",
            "- Một số chi bộ chuẩn bị nội dung sinh hoạt chưa chu đáo, chưa phù hợp với loại hình chi bộ (3/7).",
            "- Báo cáo của một số chi bộ còn chung chung, phần công tác xây dựng Đảng còn sơ sài (2/7).",
            "- Một số chi bộ chưa đọc tài liệu, thông tin thời sự có chọn lọc mà đọc toàn văn (4/7).",
            "II. NGUYÊN NHÂN",
            "[nguyên nhân của hạn chế]",
            "III. ĐỀ XUẤT, KIẾN NGHỊ",
        ],
    );
    let opening = paras.iter().position(|p| p.text.starts_with("Thực hiện Quyết định số 967-QĐ/QU")).expect("opening");
    assert!(opening < at[0]);
    for i in [opening, at[2], at[4]] {
        let xml = &paras[i].xml;
        assert!(xml.contains("<w:jc w:val=\"both\""), "justified: {xml}");
        assert!(xml.contains("w:firstLine=\"720\""), "first-line indent 12.7 mm: {xml}");
        assert!(xml.contains("w:after=\"120\""), "6 pt after: {xml}");
        assert!(xml.contains("w:line=\"276\""), "line spacing 1.15: {xml}");
    }
    for i in [at[0], at[1], at[3], at[7], at[9]] {
        assert!(paras[i].xml.contains("<w:b />"), "{} in bold", paras[i].text);
    }
    assert!(paras[at[8]].xml.contains("<w:highlight w:val=\"yellow\""), "a blank is highlighted");
    assert!(!paras[at[4]].xml.contains("<w:highlight"), "given text is not");
}

#[test]
fn the_signature_and_recipients_close_the_body() {
    let (parts, paras) = document(&sample_report());
    let parts_end = find(&paras, 0, "III. ĐỀ XUẤT, KIẾN NGHỊ");
    let at = in_order(
        &paras[parts_end..],
        &[
            "Nơi nhận:",
            "- Thường trực Quận ủy (để b/c),",
            "- Các chi bộ được khảo sát,",
            "- Lưu Văn phòng.",
            "T/M ĐOÀN KHẢO SÁT",
            "TRƯỞNG ĐOÀN",
            "Nguyễn Văn An",
        ],
    );
    let xml = |i: usize| paras[parts_end + at[i]].xml.as_str();
    assert!(xml(0).contains("<w:b />") && xml(0).contains("<w:i />") && xml(0).contains("<w:u w:val=\"single\""));
    assert!(xml(1).contains("<w:sz w:val=\"24\""), "recipients at 12 pt");
    for i in [4, 5, 6] {
        assert!(xml(i).contains("<w:b />") && xml(i).contains("<w:jc w:val=\"center\""), "{i}");
    }
    // The recipients and the signature share one table row: left and right.
    let doc = part(&parts, "word/document.xml");
    let table = doc[..doc.find("Nguyễn Văn An").expect("name")].rfind("<w:tbl>").expect("a table");
    let row = &doc[table..];
    let row = &row[..row.find("</w:tr>").expect("row end")];
    assert!(row.contains("Nơi nhận:") && row.contains("T/M ĐOÀN KHẢO SÁT"));
    assert!(row.find("Nơi nhận:") < row.find("T/M ĐOÀN KHẢO SÁT"));
}

#[test]
fn the_appendix_starts_a_page_and_has_bordered_tables() {
    let (parts, paras) = document(&sample_report());
    let name = find(&paras, 0, "Nguyễn Văn An");
    let at = in_order(
        &paras[name..],
        &["Phụ lục", "Mẫu phiếu: hd12-2018 phiên bản 1 (7 phiếu).", "Chuẩn bị sinh hoạt", "Chi bộ", "Chi bộ số 11"],
    );
    assert!(paras[name + at[0]].xml.contains("<w:pageBreakBefore"), "the appendix on a new page");
    assert!(paras[name + at[3]].xml.contains("<w:b />"), "header row in bold");
    assert!(paras[name + at[4]].xml.contains("<w:sz w:val=\"22\""), "tables at 11 pt");
    let doc = part(&parts, "word/document.xml");
    let table = &doc[doc.rfind("<w:tbl>").expect("a table")..];
    let borders = &table[table.find("<w:tblBorders>").expect("borders")..table.find("</w:tblBorders>").expect("end")];
    assert!(borders.contains("<w:insideH w:val=\"single\""), "{borders}");
    assert_eq!(table.matches("<w:tr>").count(), 3, "a header row and two rows");
}

#[test]
fn page_numbers_start_on_page_two() {
    let (parts, _) = document(&sample_report());
    let doc = part(&parts, "word/document.xml");
    let section = &doc[doc.rfind("<w:sectPr").expect("section")..];
    assert!(section.contains("<w:titlePg"), "the first page has its own header");
    let rel = |kind: &str| {
        let at = section.find(&format!("w:type=\"{kind}\"")).unwrap_or_else(|| panic!("a {kind} header"));
        let tag = &section[section[..at].rfind('<').expect("tag")..];
        attribute(tag, "w:headerReference", "r:id").expect("an id")
    };
    let rels = part(&parts, "word/_rels/document.xml.rels");
    let target = |id: String| {
        let at = rels.find(&format!("Id=\"{id}\"")).expect("the relationship");
        let tag = &rels[rels[..at].rfind('<').expect("tag")..];
        format!("word/{}", attribute(tag, "Relationship", "Target").expect("a target"))
    };
    let default = part(&parts, &target(rel("default")));
    let first = part(&parts, &target(rel("first")));
    assert!(default.contains("PAGE"), "the page number on later pages: {default}");
    assert!(!first.contains("PAGE"), "none on the first: {first}");
    paragraphs(default);
    paragraphs(first);
}

#[test]
fn hostile_text_cannot_break_the_document() {
    let (parts, paras) = document(&sample_report());
    for (name, xml) in parts.iter().filter(|(n, _)| n.ends_with(".xml") || n.ends_with(".rels")) {
        assert!(xml.starts_with('<'), "{name}");
        paragraphs(xml); // panics on a forbidden character or bad XML
    }
    let line = paras.iter().find(|p| p.text.contains("chưa có biên bản sinh hoạt chi ủy")).expect("the line");
    assert_eq!(
        line.text,
        "- Chi bộ Chi bộ ^[[31mđỏ^G^@ <b>&amp;<U+202E>lật<U+FFFF>\nhết chưa có biên bản sinh hoạt chi ủy."
    );
    assert!(paras.iter().any(|p| p.text.starts_with("Chi bộ ^[[31mđỏ")), "the appendix cell too");
}

#[test]
fn the_parts_are_deflated_content_types_first() {
    let bytes = write_docx(&sample_report()).expect("written");
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    assert_eq!(archive.by_index(0).expect("an entry").name(), "[Content_Types].xml");
    for i in 0..archive.len() {
        let part = archive.by_index(i).expect("an entry");
        assert!(!part.is_dir(), "{}", part.name());
        assert_eq!(part.compression(), zip::CompressionMethod::Deflated, "{}", part.name());
    }
}

#[test]
fn an_empty_report_is_still_a_document() {
    let (parts, paras) = document(&khaosat::testing::empty_report());
    assert!(parts.iter().any(|(n, _)| n == "word/document.xml"));
    assert!(!paras.iter().any(|p| p.xml.contains("<w:pageBreakBefore")), "no appendix page");
    assert!(paras.iter().any(|p| p.text == "*"));
}

#[test]
fn a_layout_word_cannot_hold_is_a_sentence() {
    let mut report = sample_report();
    report.layout.font = "Times\" w:evil=\"1".into();
    let error = write_docx(&report).expect_err("a font name that would break the XML");
    assert!(error.contains("font name"), "{error}");
    let mut report = sample_report();
    report.layout.margin_left_mm = f64::NAN;
    let error = write_docx(&report).expect_err("no margin");
    assert!(error.contains("left margin"), "{error}");
    let mut report = sample_report();
    report.layout.margin_right_mm = 200.0;
    assert!(write_docx(&report).expect_err("no room").contains("between the margins"));
    let mut report = sample_report();
    report.layout.body_pt = 0.0;
    assert!(write_docx(&report).expect_err("no size").contains("body size"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever a visit file holds, the document parses and carries the text, made visible.
    #[test]
    fn any_text_gives_a_valid_document(texts in proptest::collection::vec(any::<String>(), 1..6)) {
        let mut report = khaosat::testing::empty_report();
        report.heading.issuer = texts.iter().map(|t| given(t)).collect();
        report.parts = vec![Part {
            number: "I.".into(),
            title: texts[0].clone(),
            blocks: texts.iter().map(|t| Block::Item(para(t))).collect(),
        }];
        report.appendix.tables =
            vec![Table { title: texts[0].clone(), columns: texts.clone(), rows: vec![texts.clone()], legend: texts.clone() }];
        let bytes = write_docx(&report).expect("written");
        for (name, xml) in unzip(&bytes).iter().filter(|(n, _)| n.ends_with(".xml")) {
            prop_assert!(xml.starts_with('<'), "{}", name);
            paragraphs(xml);
        }
    }
}

/// Writes the sample report for scripts/render-report.sh.
#[test]
#[ignore = "writes a file for rendering by hand"]
fn write_the_sample_report() {
    let path = std::env::var_os("KHAOSAT_REPORT_DOCX")
        .map_or_else(|| std::env::temp_dir().join("r.docx"), std::path::PathBuf::from);
    std::fs::write(&path, write_docx(&sample_report()).expect("written")).expect("saved");
    eprintln!("wrote {}", path.display());
}

/// Issue 15's must-show, through the binary: the demo round's report as Word. Page, margins,
/// font, heading block, "BÁO CÁO", parts I–III; every limitation of the summary once with its
/// (n/N), in the order the template's `report_order` gives; no item id before the appendix.
#[test]
fn the_demo_rounds_word_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("r.docx");
    let manifest = env!("CARGO_MANIFEST_DIR");
    let run = |args: &[&str]| {
        let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("khaosat");
        cmd.current_dir(manifest).env_remove("LANG").env_remove("LC_ALL").args(args).output().expect("khaosat runs")
    };
    let out =
        run(&["--lang", "vi", "report", "data/examples/round-967", "--format", "docx", "-o", &file.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let parts = unzip(&std::fs::read(&file).expect("written"));
    let xml = part(&parts, "word/document.xml");
    assert_eq!(attribute(xml, "w:pgSz", "w:w").as_deref(), Some("11906"), "A4 width");
    assert_eq!(attribute(xml, "w:pgSz", "w:h").as_deref(), Some("16838"), "A4 height");
    let layout = khaosat::core::report::PageLayout::default();
    let twips = |mm: f64| ((mm * 1440.0 / 25.4).round() as i64).to_string();
    for (attr, mm) in [
        ("w:top", layout.margin_top_mm),
        ("w:bottom", layout.margin_bottom_mm),
        ("w:left", layout.margin_left_mm),
        ("w:right", layout.margin_right_mm),
    ] {
        assert_eq!(attribute(xml, "w:pgMar", attr), Some(twips(mm)), "{attr}");
    }
    let styles = part(&parts, "word/styles.xml");
    let defaults = &styles[styles.find("<w:docDefaults").expect("document defaults")..];
    assert_eq!(attribute(defaults, "w:rFonts", "w:ascii").as_deref(), Some("Times New Roman"), "the font");
    assert_eq!(xml.matches("<w:rFonts").count(), xml.matches("w:ascii=\"Times New Roman\"").count(), "no other");
    let paras = paragraphs(xml);
    in_order(&paras, &["ĐOÀN KHẢO SÁT", "ĐẢNG CỘNG SẢN VIỆT NAM", "BÁO CÁO", "I. KẾT QUẢ KHẢO SÁT"]);
    in_order(&paras, &["1. Ưu điểm", "2. Hạn chế, khuyết điểm", "II. NGUYÊN NHÂN", "III. ĐỀ XUẤT, KIẾN NGHỊ"]);
    let appendix = find(&paras, 0, "PHỤ LỤC");
    let body: Vec<&str> = paras[..appendix].iter().map(|p| p.text.as_str()).collect();

    let json = run(&["--lang", "vi", "summary", "data/examples/round-967", "--format", "json"]);
    let summary: serde_json::Value = serde_json::from_slice(&json.stdout).expect("summary JSON");
    let findings = summary["findings"].as_array().expect("findings");
    let template = khaosat::core::template::Template::embedded();
    let sequence = template.report_sequence();
    let mut placed: Vec<(usize, usize)> = Vec::new();
    for f in findings {
        let sentence = f["sentence"].as_str().expect("sentence");
        let counted = format!("({}/{})", f["failing"], f["assessed"]);
        assert!(sentence.contains(&counted), "{sentence}");
        let line = format!("- {sentence}.");
        let at: Vec<usize> = body.iter().enumerate().filter(|(_, t)| **t == line).map(|(i, _)| i).collect();
        assert_eq!(at.len(), 1, "{line:?} must be in the body exactly once");
        let rank = sequence.iter().position(|s| Some(*s) == f["id"].as_str()).expect("in report_order");
        placed.push((at[0], rank));
    }
    placed.sort();
    assert!(placed.windows(2).all(|w| w[0].1 < w[1].1), "limitations not in meeting order: {placed:?}");
    for r in template.items() {
        assert!(body.iter().all(|t| !t.contains(&r.item.id)), "item id {} in the body", r.item.id);
    }
}
