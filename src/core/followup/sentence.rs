//! An action's finding sentence in the reader's language. `followup init` stores the sentence in
//! the language it ran in; a reader in the other language gets the template's text for the item,
//! once the stored sentence is recognised as that item's (in either language, its "{list}" of
//! options read back to option ids and named again). A sentence no known template gave (edited
//! by hand, an unknown template, round documents not in the template) is shown as stored.

use std::collections::BTreeMap;

use super::{Action, Register};
use crate::core::template::{Item, Template};
use crate::strings::Lang;

/// The finding sentence of `action` in `lang`: see the module's comment.
pub fn finding_in(templates: &[Template], action: &Action, lang: Lang) -> String {
    templates
        .iter()
        .filter_map(|t| t.item(&action.item))
        .find_map(|r| translated(r.item, &action.finding, lang))
        .unwrap_or_else(|| action.finding.clone())
}

/// Every action's finding sentence in `lang`, by id (for a screen that draws them often).
pub fn findings_in(templates: &[Template], register: &Register, lang: Lang) -> BTreeMap<u32, String> {
    register.actions.iter().map(|a| (a.id, finding_in(templates, a, lang))).collect()
}

/// A copy of `register` whose sentences are in `lang`, for reading only (a register is saved
/// with the sentences `init` stored).
pub fn register_in(templates: &[Template], register: &Register, lang: Lang) -> Register {
    let mut copy = register.clone();
    for action in &mut copy.actions {
        action.finding = finding_in(templates, action, lang);
    }
    copy
}

/// `stored` said again in `lang`, when it is `item`'s finding sentence in some language.
fn translated(item: &Item, stored: &str, lang: Lang) -> Option<String> {
    let text = &item.finding.as_ref()?.text;
    let stored = stored.trim();
    [Lang::Vi, Lang::En].into_iter().find_map(|from| {
        let source = text.get(from);
        if !source.contains("{list}") {
            return (source.trim() == stored).then(|| text.get(lang).to_string());
        }
        let ids = list_ids(item, source, stored, from)?;
        let labels: Vec<&str> = ids
            .iter()
            .filter_map(|id| item.kind.options().iter().find(|o| &o.id == id))
            .map(|o| o.label.get(lang))
            .collect();
        Some(text.get(lang).replace("{list}", &labels.join("; ")))
    })
}

/// The option ids a sentence made from `source` (in `from`) lists in place of its "{list}".
fn list_ids(item: &Item, source: &str, stored: &str, from: Lang) -> Option<Vec<String>> {
    let (before, after) = source.split_once("{list}")?;
    if after.contains("{list}") || stored.len() < before.len() + after.len() {
        return None;
    }
    let middle = stored.strip_prefix(before)?.strip_suffix(after)?;
    if middle.is_empty() {
        return Some(Vec::new());
    }
    middle
        .split("; ")
        .map(|label| item.kind.options().iter().find(|o| o.label.get(from) == label).map(|o| o.id.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::finding_sentence;
    use crate::core::template::Kind;
    use crate::core::visit::{Answer, Value};

    fn action(item: &str, finding: &str) -> Action {
        Action {
            id: 1,
            item: item.into(),
            finding: finding.into(),
            branch: "Chi bộ số 11".into(),
            committee: "Đảng bộ phường Mai Dịch".into(),
            responsible: String::new(),
            due: jiff::civil::date(2022, 5, 21),
            status: super::super::Status::NotFixed,
            report_back: String::new(),
            reported_on: None,
            checked_by: String::new(),
        }
    }

    #[test]
    fn a_plain_sentence_is_said_in_either_language_from_either() {
        let templates = Template::embedded_all();
        let item =
            templates[0].items().find(|r| r.item.finding.as_ref().is_some_and(|f| !f.text.vi.contains("{list}")));
        let item = item.expect("an item with a plain finding").item;
        let text = &item.finding.as_ref().expect("finding").text;
        for (stored, lang, wanted) in
            [(&text.vi, Lang::En, &text.en), (&text.en, Lang::Vi, &text.vi), (&text.vi, Lang::Vi, &text.vi)]
        {
            assert_eq!(finding_in(&templates, &action(&item.id, stored), lang), *wanted);
        }
        assert_ne!(text.vi, text.en, "the test needs two different texts");
    }

    #[test]
    fn a_list_sentence_keeps_its_options_in_the_other_language() {
        let templates = Template::embedded_all();
        let (template, listed) = templates
            .iter()
            .flat_map(|t| t.items().map(move |r| (t, r)))
            .find(|(_, r)| {
                matches!(r.item.kind, Kind::MultiChoice { .. })
                    && r.item.finding.as_ref().is_some_and(|f| f.text.vi.contains("{list}"))
            })
            .expect("a multi-choice item with a {list} finding");
        let listed = listed.item;
        // The sentence as init would store it for a visit that ticked the first option only.
        let mut visit = crate::testing::sample_visit(template);
        let first = listed.kind.options()[0].id.clone();
        visit
            .answers
            .insert(listed.id.clone(), Answer { value: Some(Value::Choices(vec![first])), note: String::new() });
        let vi = finding_sentence(listed, &visit, Lang::Vi).expect("vi");
        let en = finding_sentence(listed, &visit, Lang::En).expect("en");
        assert_ne!(vi, en);
        assert_eq!(finding_in(&templates, &action(&listed.id, &vi), Lang::En), en);
        assert_eq!(finding_in(&templates, &action(&listed.id, &en), Lang::Vi), vi);
    }

    #[test]
    fn a_sentence_no_template_gave_is_shown_as_stored() {
        let templates = Template::embedded_all();
        let item = templates[0].items().find(|r| r.item.finding.is_some()).expect("an item").item.id.clone();
        for (id, stored) in [(item.as_str(), "Sửa tay: chưa làm"), ("no.such.item", "Câu gốc")] {
            assert_eq!(finding_in(&templates, &action(id, stored), Lang::En), stored);
        }
    }
}
