//! The report's part "Tình hình khắc phục": how many actions are at each status, and the overdue
//! ones, from the round's register. Built as a [`Part`] so the Markdown and Word writers lay it
//! out as they do every other part.

use jiff::civil::Date;

use super::Register;
use crate::core::report::words::safe;
use crate::core::report::{Block, Part, Text};
use crate::core::text::date_text;
use crate::strings::{FollowupMsg, Lang};

/// Roman numerals for a report's parts (a report has a handful).
fn roman(n: usize) -> String {
    const NUMERALS: [&str; 10] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
    NUMERALS.get(n.wrapping_sub(1)).map_or_else(|| n.to_string(), |r| r.to_string())
}

/// The part, numbered as the `position`-th of the report, overdue judged on `on`.
pub fn report_part(register: &Register, on: Date, position: usize, lang: Lang) -> Part {
    let by_status = FollowupMsg::ByStatus.get(lang).to_string();
    let mut blocks = vec![
        Block::Heading { number: "1.".into(), title: by_status },
        Block::Paragraph(vec![Text::Given(FollowupMsg::ReportTotal.fill(lang, &[&register.actions.len()]))]),
    ];
    for (status, count) in register.counts() {
        if count > 0 {
            let line = FollowupMsg::CountLine.fill(lang, &[&capitalised(status.label(lang)), &count]);
            blocks.push(Block::Item(vec![Text::Given(line)]));
        }
    }
    let overdue: Vec<_> = register.actions.iter().filter(|a| a.is_overdue(on)).collect();
    if overdue.is_empty() {
        blocks.push(Block::Paragraph(vec![Text::Given(FollowupMsg::NoOverdue.fill(lang, &[&date_text(on, lang)]))]));
    } else {
        let title = FollowupMsg::OverdueList.fill(lang, &[&date_text(on, lang)]);
        blocks.push(Block::Heading { number: "2.".into(), title });
        for a in overdue {
            let mut line = FollowupMsg::ReportOverdueLine.fill(
                lang,
                &[&safe(&a.branch), &safe(&a.committee), &safe(&a.finding), &date_text(a.due, lang), &a.id],
            );
            if !a.responsible.trim().is_empty() {
                line.push_str("; ");
                line.push_str(&FollowupMsg::Responsible.fill(lang, &[&safe(&a.responsible)]));
            }
            blocks.push(Block::Item(vec![Text::Given(line)]));
        }
    }
    Part { number: format!("{}.", roman(position)), title: FollowupMsg::Title.get(lang).to_uppercase(), blocks }
}

fn capitalised(label: &str) -> String {
    let mut chars = label.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::followup::{Action, Status};

    #[test]
    fn the_part_counts_statuses_and_lists_only_overdue_open_actions() {
        let mut register = Register::new("");
        for (id, status) in [(1, Status::NotFixed), (2, Status::ReportedFixed), (3, Status::NotFixed)] {
            register.actions.push(Action {
                id,
                item: "crit.speakers".into(),
                finding: format!("Hạn chế {id}"),
                branch: format!("Chi bộ {id}"),
                committee: "Đảng bộ phường".into(),
                responsible: "Bí thư".into(),
                due: if id == 3 { Date::constant(2022, 7, 1) } else { Date::constant(2022, 5, 21) },
                status,
                report_back: String::new(),
                reported_on: None,
                checked_by: String::new(),
            });
        }
        let part = report_part(&register, Date::constant(2022, 6, 1), 4, Lang::Vi);
        assert_eq!(part.number, "IV.");
        assert_eq!(part.title, "TÌNH HÌNH KHẮC PHỤC");
        let items: Vec<String> = part
            .blocks
            .iter()
            .filter_map(|b| if let Block::Item(p) = b { Some(p.iter().map(Text::shown).collect()) } else { None })
            .collect();
        assert!(items.contains(&"Chưa khắc phục: 2".to_string()), "{items:?}");
        assert!(items.contains(&"Đã báo cáo khắc phục: 1".to_string()), "{items:?}");
        let overdue: Vec<&String> = items.iter().filter(|l| l.contains("Hạn chế")).collect();
        assert_eq!(overdue.len(), 1, "only action 1 is open and past due: {items:?}");
        assert!(overdue[0].contains("Chi bộ 1"));
    }
}
