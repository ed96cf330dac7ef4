//! The checklist template: sections of items, each with a kind, an optional condition and a finding rule.
//!
//! A template is data (RON in `data/templates/`), never code: thresholds such as 85 % attendance or
//! 90 minutes live here as values. The default one is embedded in the binary.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::strings::Lang;

/// The default template, embedded so the binary works anywhere with no files around it.
pub const DEFAULT_TEMPLATE_RON: &str = include_str!("../../data/templates/hd12-2018.ron");

/// A text in both languages of the tool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    pub vi: String,
    pub en: String,
}

impl Localized {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En if self.en.is_empty() => &self.vi,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub id: String,
    pub version: u32,
    /// The rule set the checklist follows, e.g. `HD12-2018`.
    pub rule_set: String,
    pub title: Localized,
    /// Share of assessed branches (0–1) that must pass an item for its strength sentence to be reported.
    #[serde(default = "default_strength_share")]
    pub strength_share: f64,
    pub sections: Vec<Section>,
}

fn default_strength_share() -> f64 {
    1.0
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: Localized,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub text: Localized,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Localized>,
    pub kind: Kind,
    #[serde(default)]
    pub required: bool,
    /// The item is asked only when this holds; otherwise it is shown as not applicable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_when: Option<Condition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finding: Option<FindingRule>,
    /// Reported as a strength when the item passes in (enough of) the assessed branches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strength: Option<Localized>,
}

/// What kind of answer an item takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Kind {
    /// Có / Không, and Không áp dụng where `allow_na`.
    YesNo {
        allow_na: bool,
    },
    /// A whole number in `min..=max`; with `at_most_present`, also at most the members present.
    Count {
        min: u32,
        max: u32,
        #[serde(default)]
        at_most_present: bool,
    },
    /// Two whole numbers, e.g. thematic meetings held and quarters elapsed.
    CountPair {
        first: Localized,
        second: Localized,
        max: u32,
    },
    /// A 1–5 scale.
    Scale,
    Choice {
        options: Vec<Choice>,
    },
    MultiChoice {
        options: Vec<Choice>,
    },
    Text {
        multiline: bool,
    },
    /// A time of day, hh:mm.
    Time,
    /// Derived from the meeting facts, never typed.
    Computed(Computed),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub label: Localized,
}

/// Values derived from the meeting facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Computed {
    /// (present − exempted present) / (total − exempted), in percent: see [`crate::core::rules::attendance`].
    AttendanceRate,
    /// Members absent without reason.
    AbsentWithoutReason,
    /// Minutes between start and end time.
    DurationMinutes,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingRule {
    pub fails_when: FailsWhen,
    /// The sentence the report uses. `{list}` is replaced by the options concerned
    /// (ticked for `AnyChosen`, unticked for `AnyNotChosen`).
    pub text: Localized,
}

/// Which answers make a finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FailsWhen {
    /// A yes/no item answered "no".
    No,
    /// A number, scale or computed value at or below the bound.
    AtMost(Bound),
    /// Strictly below the bound.
    Below(Bound),
    /// Strictly above the bound.
    Above(Bound),
    /// A one-choice item answered with one of these option ids.
    ChoiceIn(Vec<String>),
    /// A several-choice item with any option ticked.
    AnyChosen,
    /// A several-choice item with any option left unticked.
    AnyNotChosen,
    /// A count pair whose first number is below its second.
    FirstBelowSecond,
}

/// A threshold, as template data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Bound {
    Value(f64),
    /// max(`at_least`, `percent` % of members present).
    ShareOfPresent {
        percent: f64,
        at_least: f64,
    },
    /// Depends on the meeting kind (e.g. 90 minutes, 120 when combined).
    ByMeetingKind {
        regular: f64,
        thematic: f64,
        combined: f64,
    },
}

/// "Only where …": a meeting fact or an earlier answer, compared with a list of accepted values.
///
/// `field` names a meeting fact (`has_committee`, `meeting_kind`, `branch_type`) or an item id;
/// `is` lists the accepted values as written in files (`true`, `combined`, `yes`, an option id …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub field: String,
    pub is: Vec<String>,
}

/// A reference to the item found at a position in the template.
#[derive(Debug, Clone, Copy)]
pub struct ItemRef<'a> {
    pub section: &'a Section,
    pub item: &'a Item,
}

impl Template {
    /// Parse a template from RON text. The caller adds the file name to the error.
    pub fn from_ron(text: &str) -> Result<Template, ron::error::SpannedError> {
        ron::Options::default().from_str(text)
    }

    /// The embedded default template.
    pub fn embedded() -> Template {
        // The embedded text is checked by a unit test; failing here would be a build defect.
        #[allow(clippy::expect_used)]
        Template::from_ron(DEFAULT_TEMPLATE_RON).expect("embedded template parses")
    }

    /// A short content hash, stable across formatting: it hashes the canonical serialisation.
    pub fn content_hash(&self) -> String {
        let canonical = ron::to_string(self).unwrap_or_default();
        let digest = Sha256::digest(canonical.as_bytes());
        digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
    }

    pub fn items(&self) -> impl Iterator<Item = ItemRef<'_>> {
        self.sections.iter().flat_map(|section| section.items.iter().map(move |item| ItemRef { section, item }))
    }

    pub fn item(&self, id: &str) -> Option<ItemRef<'_>> {
        self.items().find(|r| r.item.id == id)
    }

    pub fn item_count(&self) -> usize {
        self.sections.iter().map(|s| s.items.len()).sum()
    }
}

impl Kind {
    pub fn is_computed(&self) -> bool {
        matches!(self, Kind::Computed(_))
    }

    pub fn options(&self) -> &[Choice] {
        match self {
            Kind::Choice { options } | Kind::MultiChoice { options } => options,
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_template_parses() {
        let t = Template::from_ron(DEFAULT_TEMPLATE_RON);
        assert!(t.is_ok(), "{t:?}");
    }

    #[test]
    fn hash_is_stable_and_content_sensitive() {
        let t = Template::embedded();
        assert_eq!(t.content_hash(), Template::embedded().content_hash());
        let mut changed = t.clone();
        changed.sections[0].items[0].text.vi.push('!');
        assert_ne!(t.content_hash(), changed.content_hash());
    }
}
