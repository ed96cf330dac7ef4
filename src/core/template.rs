//! The checklist template: sections of items, each with a kind, an optional condition and a finding rule.
//!
//! A template is data (RON in `data/templates/`), never code: thresholds such as 85 % attendance or
//! 90 minutes live here as values. The default one is embedded in the binary.

use std::collections::HashSet;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::core::branch_type::BranchType;
use crate::strings::Lang;

/// The default template, embedded so the binary works anywhere with no files around it.
pub const DEFAULT_TEMPLATE_RON: &str = include_str!("../../data/templates/hd12-2018.ron");

/// The template of Hướng dẫn 42-HD/BTCTW (2025), in force from 28/10/2025.
pub const HD42_TEMPLATE_RON: &str = include_str!("../../data/templates/hd42-2025.ron");

/// Every template built into the binary, oldest rule set first.
pub const EMBEDDED_TEMPLATES: &[&str] = &[DEFAULT_TEMPLATE_RON, HD42_TEMPLATE_RON];

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
    /// The days the rule set is in force: a new visit takes the template in force on its meeting
    /// date (see [`crate::core::rule_sets`]). None: a user's template with no dates, in force
    /// whenever an embedded template of the same id is (or always, for a new id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_force: Option<InForce>,
    /// Share of assessed branches (0–1) that must pass an item for its strength sentence to be reported.
    #[serde(default = "default_strength_share")]
    pub strength_share: f64,
    /// The points frame a meeting is scored on, when the rule set grades meetings on points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<ScoreFrame>,
    /// What a meeting should deal with, per type of branch: shown beside the items marked
    /// `shows_branch_content`, for the visit's own branch type.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub branch_content: Vec<BranchContent>,
    /// The order in which a report gives the limitations: the order a meeting runs (preparation,
    /// the report, criticism, news, the round's documents, commitments, resolution, thematic
    /// meetings, minutes, inspection programme). Each entry is an item id, or a section id
    /// standing for those of its items not listed by their own id; items not listed at all
    /// follow in template order ([`Template::report_sequence`]). Empty: template order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub report_order: Vec<String>,
    pub sections: Vec<Section>,
    /// Built into the binary (not read from a file): never written, set by [`Template::embedded_all`].
    #[serde(skip)]
    pub embedded: bool,
}

/// First and last day a rule set is in force (`until` None: still in force).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InForce {
    pub from: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
}

impl InForce {
    pub fn contains(&self, date: Date) -> bool {
        date >= self.from && self.until.is_none_or(|until| date <= until)
    }
}

/// A points frame: groups with weights adding up to `total`, and grade bands over the points.
/// Items take part through their own `score` (group and points).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreFrame {
    /// The full mark, e.g. 100.
    #[serde(default = "default_score_total")]
    pub total: f64,
    /// Whose assessment the score is, as the report labels it (e.g. "the inspection team's
    /// assessment; the official grade is the upper committee's").
    pub label: Localized,
    pub groups: Vec<ScoreGroup>,
    /// Grades, each over `[from, below)`; the top band's `below` is None and includes the full mark.
    pub bands: Vec<GradeBand>,
}

fn default_score_total() -> f64 {
    100.0
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreGroup {
    pub id: String,
    pub title: Localized,
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeBand {
    pub id: String,
    pub label: Localized,
    pub from: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub below: Option<f64>,
}

/// An item's part in the score: its group and its points. A passing item (or one that does not
/// apply) earns the points, a failing one none; a 1–5 scale earns them in proportion,
/// (answer − 1) / 4 of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemScore {
    pub group: String,
    pub points: f64,
}

/// The guidance on a meeting's content for some types of branch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BranchContent {
    pub types: Vec<BranchType>,
    pub text: Localized,
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
    /// The id of an item of an earlier rule set that this one stands in for with a changed
    /// meaning (e.g. who prepares the content): `compare` then says "criterion changed" rather
    /// than "fixed" or "new". Items whose meaning did not change keep the old id instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<String>,
    /// The item's part in the template's score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<ItemScore>,
    /// Show the template's `branch_content` for the visit's branch type with this item.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub shows_branch_content: bool,
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

    /// The embedded HD 12 (2018) template, the one every older visit was filled against.
    pub fn embedded() -> Template {
        Template::embedded_from(DEFAULT_TEMPLATE_RON)
    }

    /// Every embedded template, oldest rule set first.
    pub fn embedded_all() -> Vec<Template> {
        EMBEDDED_TEMPLATES.iter().map(|text| Template::embedded_from(text)).collect()
    }

    fn embedded_from(text: &str) -> Template {
        // The embedded texts are checked by a unit test; failing here would be a build defect.
        #[allow(clippy::expect_used)]
        let mut template = Template::from_ron(text).expect("embedded template parses");
        template.embedded = true;
        template
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

    /// Every item id, in the order a report gives limitations: the entries of `report_order` (an
    /// item, or a section standing for those of its items not listed by id), then the items not
    /// listed, in template order. Entries that name nothing are passed over (`template check`
    /// refuses them), and an item comes once however often it is named.
    pub fn report_sequence(&self) -> Vec<&str> {
        let named: HashSet<&str> =
            self.report_order.iter().map(String::as_str).filter(|e| self.item(e).is_some()).collect();
        let mut placed: HashSet<&str> = HashSet::new();
        let mut sequence = Vec::with_capacity(self.item_count());
        for entry in &self.report_order {
            if let Some(r) = self.item(entry) {
                if placed.insert(r.item.id.as_str()) {
                    sequence.push(r.item.id.as_str());
                }
            } else if let Some(section) = self.sections.iter().find(|s| s.id == *entry) {
                for item in section.items.iter().filter(|i| !named.contains(i.id.as_str())) {
                    if placed.insert(item.id.as_str()) {
                        sequence.push(item.id.as_str());
                    }
                }
            }
        }
        for r in self.items() {
            if placed.insert(r.item.id.as_str()) {
                sequence.push(r.item.id.as_str());
            }
        }
        sequence
    }

    /// The content guidance for a type of branch, when the template has one.
    pub fn branch_content_for(&self, branch_type: BranchType) -> Option<&Localized> {
        self.branch_content.iter().find(|c| c.types.contains(&branch_type)).map(|c| &c.text)
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
    fn embedded_templates_parse_and_check_clean() {
        for text in EMBEDDED_TEMPLATES {
            let t = Template::from_ron(text);
            assert!(t.is_ok(), "{t:?}");
            let t = t.expect("parsed");
            assert_eq!(crate::core::template_check::check_template(&t), vec![], "{}", t.id);
        }
    }

    #[test]
    fn the_report_sequence_follows_report_order_then_template_order() {
        let mut t = Template::embedded();
        t.report_order = vec!["prep.fits_type".into(), "min".into(), "min.read_back".into(), "nowhere".into()];
        let sequence = t.report_sequence();
        let min: Vec<&str> =
            t.sections.iter().filter(|s| s.id == "min").flat_map(|s| &s.items).map(|i| i.id.as_str()).collect();
        assert_eq!(sequence[0], "prep.fits_type");
        // The section stands for its items not listed by id; the one listed comes where it is listed.
        let without_read_back: Vec<&str> = min.iter().copied().filter(|id| *id != "min.read_back").collect();
        assert_eq!(&sequence[1..min.len()], &without_read_back[..]);
        assert_eq!(sequence[min.len()], "min.read_back");
        assert_eq!(sequence[min.len() + 1], "prep.committee_met", "then the rest in template order");
        assert_eq!(sequence.len(), t.item_count(), "every item once");
        let all: HashSet<&str> = sequence.iter().copied().collect();
        assert_eq!(all.len(), t.item_count());
        // No order: template order.
        t.report_order.clear();
        let plain: Vec<&str> = t.items().map(|r| r.item.id.as_str()).collect();
        assert_eq!(t.report_sequence(), plain);
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
