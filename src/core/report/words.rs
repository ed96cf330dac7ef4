//! The report's small pieces of wording: dates as a Party document writes them, counts, messages
//! with blanks inside them, and the team's multi-line text cut into paragraphs.

use jiff::civil::Date;

use crate::core::report::{Block, Paragraph, Text};
use crate::core::text::display_safe;
use crate::strings::{Lang, ReportMsg};

/// Text from a file (a visit, round.ron, report.ron) on one line with nothing in it that could act
/// on a terminal or a document: control characters shown as marks, surrounding space trimmed.
pub fn safe(text: &str) -> String {
    display_safe(text.trim(), false)
}

/// "25", "04"; "4", "02": a day below 10 takes a leading zero, and so do months 01 and 02 (the
/// usual convention of Party documents: HD 36's own heading reads "ngày 03 tháng 4 năm 2018").
fn day_and_month(date: Date) -> (String, String) {
    let day = format!("{:02}", date.day());
    let month = if date.month() <= 2 { format!("{:02}", date.month()) } else { date.month().to_string() };
    (day, month)
}

/// The date of the heading: "ngày 25 tháng 4 năm 2022" (in English, "25/4/2022" would be read
/// the American way: the ISO date).
pub fn heading_date(date: Date, lang: Lang) -> String {
    match lang {
        Lang::Vi => {
            let (day, month) = day_and_month(date);
            ReportMsg::RptHeadingDate.fill(lang, &[&day, &month, &date.year()])
        }
        Lang::En => date.to_string(),
    }
}

/// A date in a sentence: "23/3/2022", "04/01/2021" (ISO in English).
pub fn short_date(date: Date, lang: Lang) -> String {
    match lang {
        Lang::Vi => {
            let (day, month) = day_and_month(date);
            format!("{day}/{month}/{}", date.year())
        }
        Lang::En => date.to_string(),
    }
}

/// The first and last day of a period: "04/4" and "21/4/2022" when both are in one year, as the
/// report of the seed article writes them ("từ ngày 04/4 đến ngày 21/4/2022").
pub fn period_dates(from: Date, to: Date, lang: Lang) -> (String, String) {
    match lang {
        Lang::Vi if from.year() == to.year() => {
            let (day, month) = day_and_month(from);
            (format!("{day}/{month}"), short_date(to, lang))
        }
        _ => (short_date(from, lang), short_date(to, lang)),
    }
}

/// A count of branches: "07" (Vietnamese documents write counts below ten with a zero), "7".
pub fn count_text(count: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{count:02}"),
        Lang::En => count.to_string(),
    }
}

/// "A", "A và B", "A, B và C".
pub fn joined(names: &[String], lang: Lang) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {} {last}", rest.join(", "), ReportMsg::RptAnd.get(lang)),
    }
}

/// A message whose placeholders `{0}`, `{1}` … are filled with runs that may hold blanks: the
/// sentence stays whole in the strings table, and a missing piece stays a marked blank inside it.
pub fn runs(template: &str, args: &[Paragraph]) -> Paragraph {
    let mut out: Paragraph = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let placeholder = rest[open + 1..]
            .find('}')
            .and_then(|close| rest[open + 1..open + 1 + close].parse::<usize>().ok().map(|n| (n, close)));
        match placeholder.and_then(|(n, close)| args.get(n).map(|arg| (arg, close))) {
            Some((arg, close)) => {
                push_given(&mut out, &rest[..open]);
                for text in arg {
                    match text {
                        Text::Given(given) => push_given(&mut out, given),
                        blank => out.push(blank.clone()),
                    }
                }
                rest = &rest[open + 2 + close..];
            }
            None => {
                push_given(&mut out, &rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    push_given(&mut out, rest);
    out
}

/// Add given text, joined to the given text before it; nothing for an empty one.
fn push_given(out: &mut Paragraph, text: &str) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(Text::Given(last)) => last.push_str(text),
        _ => out.push(Text::Given(text.to_string())),
    }
}

/// The team's text (report.ron) as blocks: one paragraph per line, blank lines between
/// paragraphs allowed and dropped; a line starting with "- ", "+ " or "• " is a list line.
/// None when there is no text at all.
pub fn team_blocks(text: &str) -> Option<Vec<Block>> {
    let blocks: Vec<Block> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let listed = ["- ", "+ ", "• "].iter().find_map(|mark| line.strip_prefix(mark));
            match listed {
                Some(rest) => Block::Item(vec![Text::Given(safe(rest))]),
                None => Block::Paragraph(vec![Text::Given(safe(line))]),
            }
        })
        .collect();
    (!blocks.is_empty()).then_some(blocks)
}

/// A sentence ends with a full stop (or the mark it already has).
pub fn sentence(text: &str) -> String {
    let text = text.trim_end();
    if text.ends_with(['.', '!', '?', ':', ';']) { text.to_string() } else { format!("{text}.") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn dates_follow_the_party_documents_convention() {
        assert_eq!(heading_date(date(2022, 4, 25), Lang::Vi), "ngày 25 tháng 4 năm 2022");
        assert_eq!(heading_date(date(2018, 4, 3), Lang::Vi), "ngày 03 tháng 4 năm 2018");
        assert_eq!(heading_date(date(2026, 1, 9), Lang::Vi), "ngày 09 tháng 01 năm 2026");
        assert_eq!(heading_date(date(2026, 2, 28), Lang::Vi), "ngày 28 tháng 02 năm 2026");
        assert_eq!(heading_date(date(2025, 12, 1), Lang::Vi), "ngày 01 tháng 12 năm 2025");
        assert_eq!(heading_date(date(2022, 4, 25), Lang::En), "2022-04-25");
        assert_eq!(short_date(date(2022, 3, 23), Lang::Vi), "23/3/2022");
        assert_eq!(short_date(date(2021, 1, 4), Lang::Vi), "04/01/2021");
        assert_eq!(period_dates(date(2022, 4, 4), date(2022, 4, 21), Lang::Vi), ("04/4".into(), "21/4/2022".into()));
        assert_eq!(
            period_dates(date(2025, 12, 29), date(2026, 1, 9), Lang::Vi),
            ("29/12/2025".into(), "09/01/2026".into())
        );
        assert_eq!(count_text(7, Lang::Vi), "07");
        assert_eq!(count_text(12, Lang::Vi), "12");
        assert_eq!(count_text(7, Lang::En), "7");
    }

    #[test]
    fn blanks_stay_inside_their_sentence() {
        let blank = Text::Blank("số báo cáo".into());
        let filled = runs("Số {0}-{1}", &[vec![blank.clone()], vec![Text::Given("BC/ĐKS".into())]]);
        assert_eq!(filled, vec![Text::Given("Số ".into()), blank, Text::Given("-BC/ĐKS".into())]);
        assert_eq!(runs("{x} {9} {", &[]), vec![Text::Given("{x} {9} {".into())], "not placeholders");
        assert_eq!(runs("{0}", &[vec![]]), vec![]);
    }

    #[test]
    fn the_teams_text_is_one_paragraph_per_line() {
        let blocks = team_blocks("Một.\n\n  - Hai\u{1b}\nBa").unwrap_or_default();
        assert_eq!(
            blocks,
            vec![
                Block::Paragraph(vec![Text::Given("Một.".into())]),
                Block::Item(vec![Text::Given("Hai^[".into())]),
                Block::Paragraph(vec![Text::Given("Ba".into())]),
            ]
        );
        assert_eq!(team_blocks(" \n "), None);
        assert_eq!(joined(&["A".into(), "B".into(), "C".into()], Lang::Vi), "A, B và C");
        assert_eq!(sentence("Xong"), "Xong.");
        assert_eq!(sentence("Xong."), "Xong.");
    }
}
