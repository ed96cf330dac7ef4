//! The report a team signs: the document a round ends with, as a structure that the Markdown and
//! Word writers lay out the same way (issue 15).
//!
//! It is built from a [`crate::core::summary::Summary`], the round (`round.ron`) and the text the
//! team writes (`report.ron`: opening, causes, recommendations, recipients, signer, number, place
//! and date). The body reads like the report of the seed article: an opening paragraph, "I. KẾT
//! QUẢ KHẢO SÁT" with strengths and limitations in the order a meeting runs, "II. NGUYÊN NHÂN",
//! "III. ĐỀ XUẤT, KIẾN NGHỊ"; the tool's bookkeeping (item ids, counts of not applicable and
//! unanswered, drafts) goes into the appendix. A piece nobody wrote yet is a [`Text::Blank`],
//! printed as a marked blank ("[số báo cáo]") and listed in [`Report::blanks`].
//!
//! Nothing here reads or writes a file, and nothing knows of Markdown or Word.

mod appendix;
mod build;
#[cfg(test)]
mod build_tests;
pub mod layout;
mod names;
mod order;
pub mod text;
pub mod words;

pub use build::{Built, build};
pub use layout::PageLayout;
pub use order::meeting_order;
pub use text::{ReportText, Signer};

/// A piece of text in the report: given, or a blank to fill in, named by what belongs there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    Given(String),
    /// What belongs here, in the report's language ("số báo cáo"): shown as "[số báo cáo]".
    Blank(String),
}

impl Text {
    /// The text as printed: a blank as "[what belongs here]".
    pub fn shown(&self) -> String {
        match self {
            Text::Given(text) => text.clone(),
            Text::Blank(what) => format!("[{what}]"),
        }
    }

    pub fn is_blank(&self) -> bool {
        matches!(self, Text::Blank(_))
    }
}

/// A paragraph: runs of text, some of them blanks (a blank inside a sentence keeps the sentence).
pub type Paragraph = Vec<Text>;

/// The heading block: issuing body on the left, the Party's name on the right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// The issuing body, top line first, each in capitals: "ĐẢNG BỘ QUẬN CẦU GIẤY", "ĐOÀN KHẢO SÁT".
    pub issuer: Vec<Text>,
    /// "Số 12-BC/ĐKS", or with a blank for the number.
    pub number: Paragraph,
    /// "ĐẢNG CỘNG SẢN VIỆT NAM".
    pub party: String,
    /// "Cầu Giấy, ngày 25 tháng 4 năm 2022" (in italics).
    pub place_date: Paragraph,
}

/// One block of a part's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A numbered heading inside a part: "1." "Ưu điểm".
    Heading { number: String, title: String },
    /// A body paragraph (justified, first-line indent).
    Paragraph(Paragraph),
    /// A line of a list ("- …"): a strength or a limitation.
    Item(Paragraph),
}

/// A numbered part: "I." "KẾT QUẢ KHẢO SÁT".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub number: String,
    pub title: String,
    pub blocks: Vec<Block>,
}

/// The signature block, on the right at the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// "T/M ĐOÀN KHẢO SÁT".
    pub on_behalf: Text,
    /// "TRƯỞNG ĐOÀN".
    pub role: Text,
    /// The signer's name (in bold).
    pub name: Text,
}

/// A table of the appendix: one per section, branch × item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub title: String,
    /// Column headings; the first is the branch.
    pub columns: Vec<String>,
    /// One row per visit; cells as words ("Có", "Không áp dụng", "4/5"…).
    pub rows: Vec<Vec<String>>,
    /// Lines under the table: what its numbered columns ask ("1. Chi ủy họp trước…? (prep.committee_met)"),
    /// so that the headings stay short.
    pub legend: Vec<String>,
}

/// The appendix: what the tool knows that the body leaves out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appendix {
    /// "Phụ lục".
    pub title: String,
    /// Lines before the tables: the template versions, each visit still in draft, counts of
    /// answers not applicable or missing per finding.
    pub notes: Vec<String>,
    pub tables: Vec<Table>,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub layout: PageLayout,
    pub heading: Heading,
    /// "BÁO CÁO".
    pub title: String,
    /// "Kết quả khảo sát chất lượng sinh hoạt chi bộ …".
    pub subject: Paragraph,
    /// The opening: the decision, the period, the branches visited.
    pub opening: Vec<Paragraph>,
    /// I, II, III.
    pub parts: Vec<Part>,
    pub signature: Signature,
    /// "Nơi nhận:" then one line per recipient.
    pub recipients_title: String,
    pub recipients: Vec<Text>,
    pub appendix: Appendix,
}

impl Report {
    /// Every blank left in the report, in reading order, once each: what the command lists on
    /// stderr.
    pub fn blanks(&self) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        let mut add = |text: &Text| {
            if let Text::Blank(what) = text
                && !found.contains(what)
            {
                found.push(what.clone());
            }
        };
        self.heading.issuer.iter().for_each(&mut add);
        self.heading.number.iter().for_each(&mut add);
        self.heading.place_date.iter().for_each(&mut add);
        self.subject.iter().for_each(&mut add);
        self.opening.iter().flatten().for_each(&mut add);
        for block in self.parts.iter().flat_map(|p| &p.blocks) {
            if let Block::Paragraph(p) | Block::Item(p) = block {
                p.iter().for_each(&mut add);
            }
        }
        for text in [&self.signature.on_behalf, &self.signature.role, &self.signature.name] {
            add(text);
        }
        self.recipients.iter().for_each(&mut add);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_is_shown_marked_and_listed_once() {
        let blank = Text::Blank("số báo cáo".into());
        assert_eq!(blank.shown(), "[số báo cáo]");
        let mut report = crate::testing::empty_report();
        report.heading.number = vec![Text::Given("Số ".into()), blank.clone(), Text::Given("-BC/ĐKS".into())];
        report.recipients = vec![blank, Text::Given("- Lưu Văn phòng.".into())];
        assert_eq!(report.blanks(), vec!["số báo cáo".to_string()]);
    }
}
