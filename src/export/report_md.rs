//! The report a team signs, in Markdown: the same structure, order and sentences as the Word
//! report ([`crate::core::report::Report`]), so a text reader and a Word reader see one report.
//! The heading block is a run of lines (hard breaks), "BÁO CÁO" the only `#` heading, parts
//! `##`, numbered headings inside them `###`, then the signature, the recipients and the
//! appendix with one Markdown table per section. Blanks are shown "[số báo cáo]"; every text
//! is escaped ([`md`]).

use std::fmt::Write as _;

use crate::core::report::{Block, Report, Text};
use crate::core::text::display_safe;
use crate::export::markdown::md;

/// Text inside a line made inert for Markdown: control characters shown, line breaks as " / ",
/// the characters that would start emphasis, links, HTML or table cells escaped. Unlike [`md`],
/// the spaces at its ends are kept (a run continues a sentence) and nothing is escaped for
/// being first: that is the line's business ([`paragraph`]).
fn inline(text: &str) -> String {
    let shown = display_safe(text, true).replace('\n', " / ");
    let mut out = String::with_capacity(shown.len());
    for c in shown.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// One run of text: given text escaped, a blank as "[what belongs here]".
fn run(text: &Text) -> String {
    match text {
        Text::Given(given) => inline(given),
        Text::Blank(what) => format!("[{}]", inline(what.trim())),
    }
}

/// A line of runs: a character that would make it a heading, a list line or a rule is escaped.
fn paragraph(p: &[Text]) -> String {
    let line: String = p.iter().map(run).collect();
    let line = line.trim();
    if line.starts_with(['#', '-', '+', '=']) { format!("\\{line}") } else { line.to_string() }
}

/// Lines of a block that must stay lines: joined by hard breaks (a backslash at the line's end).
fn lines(texts: &[String]) -> String {
    texts.join("\\\n")
}

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let w = &mut out;
    let h = &report.heading;
    let mut left: Vec<String> = h.issuer.iter().map(|t| paragraph(std::slice::from_ref(t))).collect();
    left.push("\\*".into());
    left.push(paragraph(&h.number));
    let _ = writeln!(w, "{}\n", lines(&left));
    let _ = writeln!(w, "{}\n", md(&h.party));
    let _ = writeln!(w, "*{}*\n", paragraph(&h.place_date));
    let _ = writeln!(w, "# {}\n", md(&report.title));
    let _ = writeln!(w, "**{}**\n", paragraph(&report.subject));
    for p in &report.opening {
        let _ = writeln!(w, "{}\n", paragraph(p));
    }
    for part in &report.parts {
        let _ = writeln!(w, "## {} {}\n", md(&part.number), md(&part.title));
        let mut in_list = false;
        for block in &part.blocks {
            match block {
                Block::Item(p) => {
                    let _ = writeln!(w, "- {}", paragraph(p));
                    in_list = true;
                    continue;
                }
                _ if in_list => {
                    let _ = writeln!(w);
                    in_list = false;
                }
                _ => {}
            }
            match block {
                Block::Heading { number, title } => {
                    let _ = writeln!(w, "### {} {}\n", md(number), md(title));
                }
                Block::Paragraph(p) => {
                    let _ = writeln!(w, "{}\n", paragraph(p));
                }
                Block::Item(_) => {}
            }
        }
        if in_list {
            let _ = writeln!(w);
        }
    }
    let s = &report.signature;
    let _ = writeln!(w, "{}\n", lines(&[format!("**{}**", run(&s.on_behalf)), format!("**{}**", run(&s.role))]));
    let _ = writeln!(w, "**{}**\n", run(&s.name));
    let _ = writeln!(w, "***{}***\n", md(&report.recipients_title));
    for r in &report.recipients {
        let line = match r {
            Text::Given(given) => inline(given.strip_prefix("- ").unwrap_or(given).trim()),
            blank => run(blank),
        };
        let _ = writeln!(w, "- {line}");
    }
    appendix(w, report);
    out
}

fn appendix(w: &mut String, report: &Report) {
    let a = &report.appendix;
    let _ = writeln!(w, "\n---\n\n## {}\n", md(&a.title));
    for note in &a.notes {
        let _ = writeln!(w, "- {}", md(note));
    }
    for table in &a.tables {
        let _ = writeln!(w, "\n### {}\n", md(&table.title));
        let head: Vec<String> = table.columns.iter().map(|c| md(c)).collect();
        let _ = writeln!(w, "| {} |", head.join(" | "));
        let _ = writeln!(w, "|{}", "---|".repeat(head.len()));
        for row in &table.rows {
            let cells: Vec<String> = row.iter().map(|c| md(c)).collect();
            let _ = writeln!(w, "| {} |", cells.join(" | "));
        }
        if !table.legend.is_empty() {
            let _ = writeln!(w);
        }
        for line in &table.legend {
            let _ = writeln!(w, "- {}", md(line));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::report::Part;

    #[test]
    fn blanks_are_marked_and_text_is_escaped() {
        let mut report = crate::testing::empty_report();
        report.title = "BÁO CÁO".into();
        report.heading.number =
            vec![Text::Given("Số ".into()), Text::Blank("số báo cáo".into()), Text::Given("-BC/ĐKS".into())];
        report.parts = vec![Part {
            number: "I.".into(),
            title: "KẾT QUẢ".into(),
            blocks: vec![
                Block::Heading { number: "1.".into(), title: "Ưu điểm".into() },
                Block::Item(vec![Text::Given("a *b* <c>|d".into())]),
                Block::Paragraph(vec![Text::Blank("ưu [x]".into())]),
            ],
        }];
        report.recipients = vec![Text::Given("- Lưu Đoàn khảo sát.".into())];
        let text = render(&report);
        assert!(text.contains("Số [số báo cáo]-BC/ĐKS\n"), "{text}");
        assert!(text.contains("# BÁO CÁO\n"), "{text}");
        assert!(
            text.contains("## I. KẾT QUẢ\n\n### 1. Ưu điểm\n\n- a \\*b\\* \\<c\\>\\|d\n\n[ưu \\[x\\]]\n"),
            "{text}"
        );
        assert!(text.contains("\n- Lưu Đoàn khảo sát.\n"), "{text}");
    }
}
