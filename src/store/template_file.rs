//! Template files written by users: reading one, and finding where in its text an issue of
//! `template check` is to be fixed.

use std::path::Path;

use crate::core::template::Template;
use crate::core::template_check::Anchor;
use crate::store::format::{self, LoadError, LoadErrorKind};
use crate::store::read_text;

/// Load a template file written by a user.
pub fn load_template(path: &Path) -> Result<Template, LoadError> {
    let text = read_text(path)?;
    parse_template(path, &text)
}

/// Parse the text of a template file (`path` names it in errors).
pub fn parse_template(path: &Path, text: &str) -> Result<Template, LoadError> {
    if let Some(line) = format::conflict_line(text) {
        return Err(LoadError::new(path, Some((line, 1)), LoadErrorKind::Conflict { line }));
    }
    Template::from_ron(text).map_err(|e| LoadError::from_parse(path, text, &e))
}

/// The 1-based line and column of `anchor` in a template's text; None when the text does not
/// show it as written (a raw string, an escape): the issue is then printed without a place.
pub fn anchor_position(text: &str, anchor: &Anchor) -> Option<(usize, usize)> {
    let offset = match anchor {
        Anchor::Id { id, nth } => id_offsets(text, id, 0).nth(*nth)?,
        Anchor::IdAfter { key, id } => id_offsets(text, id, field_offset(text, key)?).next()?,
        Anchor::Key(key) => field_offset(text, key)?,
        Anchor::Option { item, option } => {
            let item_at = id_offsets(text, item, 0).next()?;
            // The option written last is the one to change (a repeated option's second copy).
            let next_item = next_item_offset(text, item_at);
            id_offsets(text, option, item_at).take_while(|at| *at < next_item).last()?
        }
        Anchor::Entry { key, value, nth } => {
            let list = field_offset(text, key)?;
            let end = list + text[list..].find(']').unwrap_or(text.len() - list);
            let quoted = format!("\"{value}\"");
            let mut at = list;
            let mut found = Vec::new();
            while let Some(i) = text.get(at..end).and_then(|rest| rest.find(&quoted)) {
                found.push(at + i);
                at += i + quoted.len();
            }
            *found.get(*nth)?
        }
    };
    Some(format::position_of(text, offset))
}

/// The offsets, at or after `from`, of every `id: "ID"` (any spacing around the colon), pointing
/// at the `id` key.
fn id_offsets<'t>(text: &'t str, id: &str, from: usize) -> impl Iterator<Item = usize> + 't {
    let quoted = format!("\"{id}\"");
    let mut at = from.min(text.len());
    std::iter::from_fn(move || {
        loop {
            let found = at + text.get(at..)?.find(&quoted)?;
            at = found + quoted.len();
            let before = text[..found].trim_end();
            if let Some(key) = before.strip_suffix(':').map(str::trim_end)
                && key.ends_with("id")
                && !key[..key.len() - 2].ends_with(|c: char| c.is_alphanumeric() || c == '_')
            {
                return Some(key.len() - 2);
            }
        }
    })
}

/// The offset of the first field named `key` (a word followed by a colon).
fn field_offset(text: &str, key: &str) -> Option<usize> {
    let mut at = 0;
    while let Some(found) = text.get(at..)?.find(key) {
        let start = at + found;
        let end = start + key.len();
        let word_start = !text[..start].ends_with(|c: char| c.is_alphanumeric() || c == '_');
        if word_start && text[end..].trim_start().starts_with(':') {
            return Some(start);
        }
        at = end;
    }
    None
}

/// Where the item after the one at `item_at` starts (the end of the text when it is the last):
/// the next `id:` of an item, which in the templates khaosat writes is followed by `text:`.
fn next_item_offset(text: &str, item_at: usize) -> usize {
    let mut at = item_at + 2;
    while let Some(found) = text.get(at..).and_then(|rest| rest.find("id:")) {
        let start = at + found;
        let after = &text[start..];
        let line_end = after.find('\n').unwrap_or(after.len());
        if after[line_end..].trim_start().starts_with("text:") {
            return start;
        }
        at = start + 3;
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "(\n  id: \"t\",\n  sections: [(\n    id: \"prep\",\n    items: [(\n      id: \"prep.a\",\n      text: (vi: \"x\", en: \"\"),\n      kind: MultiChoice(options: [(id: \"a\", label: (vi: \"A\", en: \"\")), (id : \"a\", label: (vi: \"A\", en: \"\"))]),\n    ), (\n      id: \"prep.a\",\n      text: (vi: \"y\", en: \"\"),\n    )],\n  )],\n  score: Some((groups: [(id: \"prep\", weight: 5.0)], bands: [(id: \"tot\", from: 90.0)])),\n)\n";

    fn at(anchor: Anchor) -> Option<(usize, usize)> {
        anchor_position(TEXT, &anchor)
    }

    #[test]
    fn anchors_point_at_the_id_to_fix() {
        assert_eq!(at(Anchor::Id { id: "prep.a".into(), nth: 0 }), Some((6, 7)));
        assert_eq!(at(Anchor::Id { id: "prep.a".into(), nth: 1 }), Some((10, 7)), "the second one, to rename");
        assert_eq!(
            at(Anchor::IdAfter { key: "groups", id: "prep".into() }),
            Some((14, 26)),
            "the group, not the section"
        );
        assert_eq!(at(Anchor::Key("bands")), Some((14, 53)));
        assert_eq!(at(Anchor::Option { item: "prep.a".into(), option: "a".into() }), Some((8, 73)), "its second copy");
        assert_eq!(at(Anchor::Id { id: "nowhere".into(), nth: 0 }), None);
        assert_eq!(at(Anchor::Key("sectionz")), None);
    }

    #[test]
    fn an_entry_of_a_list_is_found_inside_the_list() {
        let text =
            "(\n  id: \"prep\",\n  report_order: [\n    \"prep\",\n    \"min\", \"prep\",\n  ],\n  x: \"prep\",\n)\n";
        let at =
            |value: &str, nth| anchor_position(text, &Anchor::Entry { key: "report_order", value: value.into(), nth });
        assert_eq!(at("prep", 0), Some((4, 5)));
        assert_eq!(at("prep", 1), Some((5, 12)), "the second one, to remove");
        assert_eq!(at("prep", 2), None, "not past the list's end");
        assert_eq!(at("min", 0), Some((5, 5)));
    }
}
