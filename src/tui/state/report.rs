//! The team's own text of the round's report (`report.ron`), edited from the summary screen one
//! field at a time: a list of the fields, then the editor (several lines for the texts that hold
//! paragraphs or one line per recipient).

use std::path::PathBuf;

use crate::core::report::ReportText;
use crate::core::visit::parse_date;
use crate::strings::{Lang, Msg};

/// report.ron as read, and where it is kept.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportTextEdit {
    pub path: PathBuf,
    pub text: ReportText,
}

/// A field of report.ron, in the order the report reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportField {
    Issuer,
    Number,
    Symbol,
    Place,
    Date,
    Subject,
    Opening,
    Causes,
    Recommendations,
    Recipients,
    SignerOnBehalf,
    SignerRole,
    SignerName,
}

impl ReportField {
    pub const ALL: [ReportField; 13] = [
        ReportField::Issuer,
        ReportField::Number,
        ReportField::Symbol,
        ReportField::Place,
        ReportField::Date,
        ReportField::Subject,
        ReportField::Opening,
        ReportField::Causes,
        ReportField::Recommendations,
        ReportField::Recipients,
        ReportField::SignerOnBehalf,
        ReportField::SignerRole,
        ReportField::SignerName,
    ];

    pub fn id(self) -> &'static str {
        match self {
            ReportField::Issuer => "issuer",
            ReportField::Number => "number",
            ReportField::Symbol => "symbol",
            ReportField::Place => "place",
            ReportField::Date => "date",
            ReportField::Subject => "subject",
            ReportField::Opening => "opening",
            ReportField::Causes => "causes",
            ReportField::Recommendations => "recommendations",
            ReportField::Recipients => "recipients",
            ReportField::SignerOnBehalf => "signer.on_behalf",
            ReportField::SignerRole => "signer.role",
            ReportField::SignerName => "signer.name",
        }
    }

    pub fn from_id(id: &str) -> Option<ReportField> {
        ReportField::ALL.into_iter().find(|f| f.id() == id)
    }

    pub fn label(self) -> Msg {
        match self {
            ReportField::Issuer => Msg::RfIssuer,
            ReportField::Number => Msg::RfNumber,
            ReportField::Symbol => Msg::RfSymbol,
            ReportField::Place => Msg::RfPlace,
            ReportField::Date => Msg::RfDate,
            ReportField::Subject => Msg::RfSubject,
            ReportField::Opening => Msg::RfOpening,
            ReportField::Causes => Msg::RfCauses,
            ReportField::Recommendations => Msg::RfRecommendations,
            ReportField::Recipients => Msg::RfRecipients,
            ReportField::SignerOnBehalf => Msg::RfOnBehalf,
            ReportField::SignerRole => Msg::RfRole,
            ReportField::SignerName => Msg::RfName,
        }
    }

    /// Texts of several paragraphs or one line per entry.
    pub fn multiline(self) -> bool {
        matches!(
            self,
            ReportField::Issuer
                | ReportField::Opening
                | ReportField::Causes
                | ReportField::Recommendations
                | ReportField::Recipients
        )
    }

    /// The field's text as the editor shows it (lists one entry per line, the date dd/mm/yyyy).
    pub fn get(self, text: &ReportText) -> String {
        match self {
            ReportField::Issuer => text.issuer.join("\n"),
            ReportField::Number => text.number.clone(),
            ReportField::Symbol => text.symbol.clone(),
            ReportField::Place => text.place.clone(),
            ReportField::Date => text.date.map(|d| d.strftime("%d/%m/%Y").to_string()).unwrap_or_default(),
            ReportField::Subject => text.subject.clone(),
            ReportField::Opening => text.opening.clone(),
            ReportField::Causes => text.causes.clone(),
            ReportField::Recommendations => text.recommendations.clone(),
            ReportField::Recipients => text.recipients.join("\n"),
            ReportField::SignerOnBehalf => text.signer.on_behalf.clone(),
            ReportField::SignerRole => text.signer.role.clone(),
            ReportField::SignerName => text.signer.name.clone(),
        }
    }

    /// Store what the editor confirmed; a date that cannot be read is refused with the reason.
    pub fn set(self, text: &mut ReportText, value: &str, lang: Lang) -> Result<(), String> {
        let lines = |v: &str| v.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
        let value_owned = value.to_string();
        match self {
            ReportField::Issuer => text.issuer = lines(value),
            ReportField::Number => text.number = value_owned,
            ReportField::Symbol => text.symbol = value_owned,
            ReportField::Place => text.place = value_owned,
            ReportField::Date => {
                let trimmed = value.trim();
                text.date = if trimmed.is_empty() {
                    None
                } else {
                    Some(parse_date(trimmed).ok_or_else(|| Msg::CliBadDate.fill(lang, &[&trimmed]))?)
                };
            }
            ReportField::Subject => text.subject = value_owned,
            ReportField::Opening => text.opening = value_owned,
            ReportField::Causes => text.causes = value_owned,
            ReportField::Recommendations => text.recommendations = value_owned,
            ReportField::Recipients => text.recipients = lines(value),
            ReportField::SignerOnBehalf => text.signer.on_behalf = value_owned,
            ReportField::SignerRole => text.signer.role = value_owned,
            ReportField::SignerName => text.signer.name = value_owned,
        }
        text.normalize();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_reads_back_what_was_set() {
        let mut text = ReportText::default();
        for field in ReportField::ALL {
            assert_eq!(ReportField::from_id(field.id()), Some(field));
            let value = match field {
                ReportField::Date => "25/04/2022",
                f if f.multiline() => "Dòng một\nDòng hai",
                _ => "Chữ",
            };
            field.set(&mut text, value, Lang::Vi).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(field.get(&text), value, "{}", field.id());
        }
        assert!(ReportField::Date.set(&mut text, "31/02/2022", Lang::Vi).is_err());
        assert_eq!(ReportField::Date.get(&text), "25/04/2022", "a refused date leaves the old one");
    }
}
