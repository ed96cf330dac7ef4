//! What the team writes itself, kept as `report.ron` in the round's folder beside `round.ron`:
//! the number and date the office gives the report, the place, the issuing body, the causes and
//! the recommendations, the recipients and the signer (issue 15). Everything is optional: a piece
//! left out is a marked blank in the report (or, for a few, a default the builder states).
//!
//! Pure: reading and writing the file is `store::report_text`.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::core::text::clean;

/// The newest `report.ron` format this build reads and writes.
///
/// 1: the first format.
pub const REPORT_TEXT_SCHEMA_VERSION: u32 = 1;

fn schema_default() -> u32 {
    REPORT_TEXT_SCHEMA_VERSION
}

/// The team's own text of a report, as written in `report.ron`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportText {
    #[serde(default = "schema_default")]
    pub schema: u32,
    /// The issuing body, top line first, e.g. ["ĐẢNG BỘ QUẬN CẦU GIẤY", "ĐOÀN KHẢO SÁT"] (printed
    /// in capitals). Empty: a blank for the party committee, then "ĐOÀN KHẢO SÁT".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issuer: Vec<String>,
    /// The report's number, e.g. "12" (often given by the office). Empty: a blank.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    /// What follows the number: the kind of document and the issuing body's abbreviation.
    /// Empty: "BC/ĐKS" (báo cáo, đoàn khảo sát).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub symbol: String,
    /// The place named before the date, e.g. "Cầu Giấy". Empty: a blank.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub place: String,
    /// The report's date. None: a blank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The subject line under "BÁO CÁO". Empty: "Kết quả khảo sát chất lượng sinh hoạt chi bộ"
    /// and the round's decision.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub subject: String,
    /// The opening, one paragraph per line. Empty: written from round.ron (the decision, the
    /// period, the branches visited).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub opening: String,
    /// "II. NGUYÊN NHÂN", one paragraph per line (a line starting with "- " is a list line).
    /// Empty: a blank.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub causes: String,
    /// "III. ĐỀ XUẤT, KIẾN NGHỊ", as `causes`. Empty: a blank.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub recommendations: String,
    /// One line per recipient after "Nơi nhận:", e.g. "Ban Thường vụ Quận ủy (để báo cáo)". A
    /// last line "Lưu …" is added when none of them is one. Empty: a blank.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<String>,
    /// Who signs, and on whose behalf.
    #[serde(default, skip_serializing_if = "Signer::is_empty")]
    pub signer: Signer,
}

/// The signature block.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// "T/M ĐOÀN KHẢO SÁT" when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub on_behalf: String,
    /// "TRƯỞNG ĐOÀN" when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    /// The signer's name. Empty: the member of the round whose role names them head of the team
    /// ("Trưởng đoàn"), else a blank.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
}

impl Signer {
    pub fn is_empty(&self) -> bool {
        self.on_behalf.is_empty() && self.role.is_empty() && self.name.is_empty()
    }
}

impl Default for ReportText {
    fn default() -> ReportText {
        ReportText {
            schema: REPORT_TEXT_SCHEMA_VERSION,
            issuer: Vec::new(),
            number: String::new(),
            symbol: String::new(),
            place: String::new(),
            date: None,
            subject: String::new(),
            opening: String::new(),
            causes: String::new(),
            recommendations: String::new(),
            recipients: Vec::new(),
            signer: Signer::default(),
        }
    }
}

impl ReportText {
    /// NFC-normalise every text and drop control characters (line breaks kept in the texts of
    /// several paragraphs), as for visits and rounds; trim; drop empty lines of the lists.
    pub fn normalize(&mut self) {
        let line = |text: &mut String| *text = clean(text, false).trim().to_string();
        let lines = |text: &mut String| {
            let cleaned = clean(text, true);
            *text = cleaned.lines().map(str::trim_end).collect::<Vec<_>>().join("\n").trim().to_string();
        };
        for field in [&mut self.number, &mut self.symbol, &mut self.place, &mut self.subject] {
            line(field);
        }
        for field in [&mut self.signer.on_behalf, &mut self.signer.role, &mut self.signer.name] {
            line(field);
        }
        for field in [&mut self.opening, &mut self.causes, &mut self.recommendations] {
            lines(field);
        }
        for list in [&mut self.issuer, &mut self.recipients] {
            list.iter_mut().for_each(line);
            list.retain(|l| !l.is_empty());
        }
        self.schema = REPORT_TEXT_SCHEMA_VERSION;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_cleans_texts_and_keeps_paragraph_breaks() {
        let mut text = ReportText {
            number: " 12\u{7} ".into(),
            causes: "Một\u{1b}[31m  \r\n\n  Hai  ".into(),
            recipients: vec!["  ".into(), "Ban Thường vụ".into()],
            ..ReportText::default()
        };
        text.normalize();
        assert_eq!(text.number, "12");
        assert_eq!(text.causes, "Một[31m\n\n  Hai");
        assert_eq!(text.recipients, vec!["Ban Thường vụ".to_string()]);
    }
}
