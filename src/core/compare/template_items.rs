//! What a comparison keeps of a template: one record per template, shared by its visits.

use std::collections::HashMap;
use std::sync::Arc;

use crate::core::template::Template;
use crate::strings::Lang;

/// What a comparison needs of a template: which item ids it asks, in which order, their finding
/// sentences and their `replaces` links. One record per template, shared (through an [`Arc`]) by
/// the outcomes of all the visits read against it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateItems {
    pub id: String,
    pub version: u32,
    items: HashMap<String, ItemEntry>,
    /// An earlier rule set's item id → this template's items that replace it, in template order.
    replaced_by: HashMap<String, Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct ItemEntry {
    rank: usize,
    replaces: Option<String>,
    /// The finding sentence with "{list}" shown as "…"; the question for an item without one.
    text: String,
    /// When the item fails (its `fails_when`, as text; empty without a finding rule). Two
    /// templates asking one id with different rules (attendance > 85 % in 2018, ≥ 90 % in 2025)
    /// ask a changed criterion.
    rule: String,
}

impl TemplateItems {
    /// The record of `template`, sentences in `lang`. The first of two items with one id stands
    /// (as [`Template::item`] finds it).
    pub fn new(template: &Template, lang: Lang) -> TemplateItems {
        let mut items = HashMap::new();
        let mut replaced_by: HashMap<String, Vec<String>> = HashMap::new();
        for (rank, r) in template.items().enumerate() {
            if items.contains_key(&r.item.id) {
                continue;
            }
            let text = match &r.item.finding {
                Some(f) => f.text.get(lang).replace("{list}", "…"),
                None => r.item.text.get(lang).to_string(),
            };
            let replaces = r.item.replaces.as_ref().map(|id| id.trim().to_string()).filter(|id| !id.is_empty());
            if let Some(old) = &replaces {
                replaced_by.entry(old.clone()).or_default().push(r.item.id.clone());
            }
            let rule = r.item.finding.as_ref().map(|f| format!("{:?}", f.fails_when)).unwrap_or_default();
            items.insert(r.item.id.clone(), ItemEntry { rank, replaces, text, rule });
        }
        TemplateItems { id: template.id.clone(), version: template.version, items, replaced_by }
    }

    /// [`TemplateItems::new`], ready to share.
    pub fn shared(template: &Template, lang: Lang) -> Arc<TemplateItems> {
        Arc::new(TemplateItems::new(template, lang))
    }

    /// Whether the template asks item `id`.
    pub fn has(&self, id: &str) -> bool {
        self.items.contains_key(id)
    }

    /// The id as the record holds it, to borrow for as long as the record.
    pub(super) fn key(&self, id: &str) -> Option<&str> {
        self.items.get_key_value(id).map(|(k, _)| k.as_str())
    }

    /// The item's position in the template.
    pub fn rank(&self, id: &str) -> Option<usize> {
        self.items.get(id).map(|e| e.rank)
    }

    /// The item's finding sentence, "{list}" shown as "…" (the question when it has none).
    pub fn text(&self, id: &str) -> Option<&str> {
        self.items.get(id).map(|e| e.text.as_str())
    }

    /// Whether both templates ask item `id` with the same finding rule: one criterion, compared
    /// as it is. The same id with another rule is a changed criterion.
    pub fn same_criterion(&self, other: &TemplateItems, id: &str) -> bool {
        match (self.items.get(id), other.items.get(id)) {
            (Some(a), Some(b)) => a.rule == b.rule,
            _ => false,
        }
    }

    /// The earlier rule set's item that item `id` replaces.
    pub fn replaces(&self, id: &str) -> Option<&str> {
        self.items.get(id)?.replaces.as_deref()
    }

    /// This template's items that replace `old_id`, an earlier rule set's item.
    pub fn replaced_by(&self, old_id: &str) -> &[String] {
        self.replaced_by.get(old_id).map_or(&[], Vec::as_slice)
    }
}
