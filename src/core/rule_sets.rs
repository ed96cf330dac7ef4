//! Which rule set a new visit follows.
//!
//! The templates known are the embedded ones (HD 12 of 2018, HD 42 of 2025) and those added with
//! `--template`. Each id counts once, at its highest version. A new visit takes, in order:
//! 1. the template named on the command line (`--rules ID`, or picked in the new-visit form);
//! 2. the one its round names (`rules` in `round.ron`);
//! 3. the one in force on the meeting's date; added templates before embedded ones (a province's
//!    own variant is why it was added), then the one in force most recently;
//! 4. when none is in force on that date (a meeting before 2018), the one whose days are nearest.
//!
//! A template added without dates is in force when the embedded template of the same id is (it is
//! a version of it), or always (a template of its own). Visits already made keep their template:
//! nothing here touches them.

use jiff::civil::Date;

use crate::core::template::{InForce, Template};
use crate::core::text::date_text;
use crate::strings::{Lang, Msg};

/// Why a template was chosen, for the form and the command line to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Named by the user.
    Named,
    /// Named by the visit's round.
    Round,
    /// In force on the meeting's date.
    InForce,
    /// None is in force on that date; this one's days are the nearest.
    Nearest,
}

impl Reason {
    /// Why, in words: "in force on 05/03/2026", "as round 12-QĐ/ĐU says" …; `date` is the
    /// meeting's, `round` the round's decision number.
    pub fn describe(self, date: Date, round: Option<&str>, lang: Lang) -> String {
        let day = date_text(date, lang);
        match self {
            Reason::Named => Msg::RulesNamed.get(lang).to_string(),
            Reason::Round => Msg::RulesRound.fill(lang, &[&round.unwrap_or_default()]),
            Reason::InForce => Msg::RulesInForce.fill(lang, &[&day]),
            Reason::Nearest => Msg::RulesNearest.fill(lang, &[&day]),
        }
    }
}

/// The template chosen, and why.
#[derive(Debug, Clone, Copy)]
pub struct Chosen<'a> {
    pub template: &'a Template,
    pub reason: Reason,
}

/// A rule set named (by the user or a round) that no template known here has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRules {
    pub id: String,
    /// The ids known, to say what could be named instead.
    pub known: Vec<String>,
}

/// Each template id once, at its highest version (the one given last, among equal versions), in
/// the order the ids first appear.
pub fn latest_versions(templates: &[Template]) -> Vec<&Template> {
    let mut latest: Vec<&Template> = Vec::new();
    for t in templates {
        match latest.iter_mut().find(|l| l.id == t.id) {
            Some(l) if t.version >= l.version => *l = t,
            Some(_) => {}
            None => latest.push(t),
        }
    }
    latest
}

/// The highest version of template `id`.
pub fn by_id<'a>(templates: &'a [Template], id: &str) -> Option<&'a Template> {
    latest_versions(templates).into_iter().find(|t| t.id == id)
}

/// The days `template` is in force: its own, else those of the embedded template of its id. None:
/// always.
pub fn period(template: &Template, templates: &[Template]) -> Option<InForce> {
    template.in_force.or_else(|| templates.iter().find(|t| t.embedded && t.id == template.id)?.in_force)
}

/// The template for a new visit (see the module documentation). `named` is the user's choice,
/// `round_rules` the round's. Templates must not be empty (the embedded ones are always there).
pub fn choose<'a>(
    templates: &'a [Template],
    date: Date,
    named: Option<&str>,
    round_rules: Option<&str>,
) -> Result<Chosen<'a>, UnknownRules> {
    let named = named.map(str::trim).filter(|id| !id.is_empty());
    let round_rules = round_rules.map(str::trim).filter(|id| !id.is_empty());
    for (id, reason) in [(named, Reason::Named), (round_rules, Reason::Round)] {
        if let Some(id) = id {
            return match by_id(templates, id) {
                Some(template) => Ok(Chosen { template, reason }),
                None => Err(UnknownRules { id: id.to_string(), known: known_ids(templates) }),
            };
        }
    }
    Ok(in_force_on(templates, date))
}

/// The template in force on `date`, else the nearest (see the module documentation).
pub fn in_force_on(templates: &[Template], date: Date) -> Chosen<'_> {
    let latest = latest_versions(templates);
    let in_force = latest
        .iter()
        .enumerate()
        .filter(|(_, t)| period(t, templates).is_none_or(|p| p.contains(date)))
        .max_by_key(|(position, t)| (!t.embedded, period(t, templates).map(|p| p.from), *position));
    if let Some((_, template)) = in_force {
        return Chosen { template, reason: Reason::InForce };
    }
    let nearest = latest.iter().min_by_key(|t| period(t, templates).map_or(0, |p| days_outside(p, date)));
    match nearest {
        Some(template) => Chosen { template, reason: Reason::Nearest },
        // No template at all cannot happen (the embedded ones are always known); the HD 12 one
        // is the safe answer.
        None => Chosen { template: &templates[0], reason: Reason::Nearest },
    }
}

/// How many days `date` is from the period (0 inside it).
fn days_outside(period: InForce, date: Date) -> i64 {
    let days = |a: Date, b: Date| (b - a).get_days().abs() as i64;
    if date < period.from {
        days(date, period.from)
    } else {
        period.until.filter(|until| date > *until).map_or(0, |until| days(until, date))
    }
}

fn known_ids(templates: &[Template]) -> Vec<String> {
    latest_versions(templates).iter().map(|t| t.id.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn template(id: &str, version: u32, embedded: bool, in_force: Option<(Date, Option<Date>)>) -> Template {
        let mut t = Template::embedded();
        t.id = id.into();
        t.version = version;
        t.embedded = embedded;
        t.in_force = in_force.map(|(from, until)| InForce { from, until });
        t
    }

    fn known() -> Vec<Template> {
        vec![
            template("hd12-2018", 1, true, Some((date(2018, 7, 6), Some(date(2025, 10, 27))))),
            template("hd42-2025", 1, true, Some((date(2025, 10, 28), None))),
        ]
    }

    fn chosen(templates: &[Template], day: Date) -> (String, u32, Reason) {
        let c = in_force_on(templates, day);
        (c.template.id.clone(), c.template.version, c.reason)
    }

    #[test]
    fn the_meeting_date_picks_the_rule_set_in_force() {
        let t = known();
        assert_eq!(chosen(&t, date(2022, 4, 5)).0, "hd12-2018");
        assert_eq!(chosen(&t, date(2025, 10, 27)).0, "hd12-2018", "the last day of HD 12");
        assert_eq!(chosen(&t, date(2025, 10, 28)).0, "hd42-2025", "the day HD 42 was issued");
        assert_eq!(chosen(&t, date(2026, 3, 5)).0, "hd42-2025");
        assert_eq!(chosen(&t, date(2017, 1, 1)), ("hd12-2018".into(), 1, Reason::Nearest), "before 2018");
    }

    #[test]
    fn a_named_rule_set_and_the_round_come_before_the_date() {
        let t = known();
        let day = date(2026, 3, 5);
        let pick = |named, round| choose(&t, day, named, round).map(|c| (c.template.id.clone(), c.reason));
        assert_eq!(pick(Some("hd12-2018"), Some("hd42-2025")), Ok(("hd12-2018".into(), Reason::Named)));
        assert_eq!(pick(None, Some("hd12-2018")), Ok(("hd12-2018".into(), Reason::Round)));
        assert_eq!(pick(Some(" "), None), Ok(("hd42-2025".into(), Reason::InForce)), "blank is not a name");
        let unknown = pick(Some("hd99"), None);
        assert_eq!(
            unknown,
            Err(UnknownRules { id: "hd99".into(), known: vec!["hd12-2018".into(), "hd42-2025".into()] })
        );
    }

    #[test]
    fn added_templates_come_before_embedded_ones_in_their_days() {
        let mut t = known();
        // A province's variant of HD 42, with its own dates.
        t.push(template("hd42-hanoi", 1, false, Some((date(2025, 12, 1), None))));
        assert_eq!(chosen(&t, date(2025, 11, 15)).0, "hd42-2025", "before the variant starts");
        assert_eq!(chosen(&t, date(2026, 3, 5)).0, "hd42-hanoi");
        // A new version of HD 12 without dates takes HD 12's days.
        t.push(template("hd12-2018", 2, false, None));
        assert_eq!(chosen(&t, date(2022, 4, 5)), ("hd12-2018".into(), 2, Reason::InForce));
        assert_eq!(chosen(&t, date(2026, 3, 5)).0, "hd42-hanoi");
        // A template of its own without dates is always in force, and was added for a reason.
        t.push(template("tinh-x", 1, false, None));
        assert_eq!(chosen(&t, date(2026, 3, 5)).0, "hd42-hanoi", "a dated variant in force wins");
        assert_eq!(chosen(&t, date(2022, 4, 5)).0, "hd12-2018", "so does the dated HD 12 version 2");
        let mut t = known();
        t.push(template("tinh-x", 1, false, None));
        assert_eq!(chosen(&t, date(2022, 4, 5)).0, "tinh-x", "added before embedded");
        assert_eq!(chosen(&t, date(2026, 3, 5)).0, "tinh-x");
    }

    #[test]
    fn each_id_counts_at_its_highest_version() {
        let mut t = known();
        t.push(template("hd12-2018", 3, false, None));
        t.push(template("hd12-2018", 2, false, None));
        let latest: Vec<(String, u32)> = latest_versions(&t).iter().map(|t| (t.id.clone(), t.version)).collect();
        assert_eq!(latest, vec![("hd12-2018".into(), 3), ("hd42-2025".into(), 1)]);
        assert_eq!(by_id(&t, "hd12-2018").map(|t| t.version), Some(3));
    }
}
