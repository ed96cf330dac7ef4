//! A lean reader for the RON the app itself writes: a fast path in front of `ron`.
//!
//! Visit files are almost always exactly what [`super::format::visit_to_ron`] wrote: plain
//! structs, maps, lists, `Some(…)`, enum variants, unsigned numbers, strings without escapes
//! (a string holding `"` or `\` is written raw, `r#"…"#`). This module reads that subset through
//! serde, several times faster than `ron`'s general parser, and gives up at the first thing outside
//! it (a comment, an escape, a sign, a struct name, any error at all). Giving up costs nothing but
//! the time spent so far: the caller then parses the same text with `ron`, which decides, so every
//! error message, and every file that only `ron` accepts, is exactly as before.
//!
//! The subset is chosen so that whatever it accepts, `ron` accepts too, with the same value:
//! whitespace is only space, tab, CR and LF; identifiers are ASCII; numbers are decimal digits
//! without leading zeros; strings are taken verbatim between their quotes, as `ron` does when
//! they hold no escape.

use serde::de::{self, DeserializeSeed, Visitor};

/// Why the lean reader gave up. Never shown to anyone: the caller falls back to `ron`.
#[derive(Debug)]
pub struct GaveUp;

impl std::fmt::Display for GaveUp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("outside the lean RON subset")
    }
}

impl std::error::Error for GaveUp {}

impl de::Error for GaveUp {
    fn custom<T: std::fmt::Display>(_msg: T) -> Self {
        GaveUp
    }
}

type Result<T> = std::result::Result<T, GaveUp>;

/// Deeper than any visit; the same bound as `ron`'s default recursion limit.
const MAX_DEPTH: usize = 128;

/// Read `text` as a `T`, or `None` when it is outside the subset (or not a valid `T`).
pub fn from_str<'de, T: de::Deserialize<'de>>(text: &'de str) -> Option<T> {
    let mut de = Lean { src: text.as_bytes(), text, pos: 0, depth: 0 };
    de.skip_ws();
    let value = T::deserialize(&mut de).ok()?;
    de.skip_ws();
    (de.pos == de.src.len()).then_some(value)
}

struct Lean<'de> {
    text: &'de str,
    src: &'de [u8],
    pos: usize,
    depth: usize,
}

impl<'de> Lean<'de> {
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.src.get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    /// Consume `c` (after whitespace) or give up.
    fn expect(&mut self, c: u8) -> Result<()> {
        self.skip_ws();
        if self.peek() == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            Err(GaveUp)
        }
    }

    /// Consume `c` (after whitespace) when it is next.
    fn eat(&mut self, c: u8) -> bool {
        self.skip_ws();
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// An ASCII identifier: `[A-Za-z_][A-Za-z0-9_]*`, not followed by anything `ron` could take as
    /// part of an identifier (a non-ASCII letter, a raw-identifier `#`).
    fn ident(&mut self) -> Result<&'de str> {
        self.skip_ws();
        let start = self.pos;
        match self.peek() {
            Some(b'A'..=b'Z' | b'a'..=b'z' | b'_') => self.pos += 1,
            _ => return Err(GaveUp),
        }
        while let Some(b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_') = self.peek() {
            self.pos += 1;
        }
        if matches!(self.peek(), Some(b) if b >= 0x80 || b == b'#' || b == b'"') {
            return Err(GaveUp);
        }
        Ok(&self.text[start..self.pos])
    }

    /// A plain or raw string, taken verbatim; a plain one holding a `\` (an escape) gives up.
    fn string(&mut self) -> Result<&'de str> {
        self.skip_ws();
        match self.peek() {
            Some(b'"') => {
                self.pos += 1;
                let rest = &self.src[self.pos..];
                let end = memchr_quote(rest).ok_or(GaveUp)?;
                if rest[..end].contains(&b'\\') {
                    return Err(GaveUp);
                }
                let s = &self.text[self.pos..self.pos + end];
                self.pos += end + 1;
                Ok(s)
            }
            Some(b'r') => {
                self.pos += 1;
                let hashes = self.src[self.pos..].iter().take_while(|&&b| b == b'#').count();
                self.pos += hashes;
                if self.peek() != Some(b'"') {
                    return Err(GaveUp);
                }
                self.pos += 1;
                let start = self.pos;
                loop {
                    let end = memchr_quote(&self.src[self.pos..]).ok_or(GaveUp)? + self.pos;
                    let closing = &self.src[end + 1..];
                    if closing.len() >= hashes && closing[..hashes].iter().all(|&b| b == b'#') {
                        self.pos = end + 1 + hashes;
                        return Ok(&self.text[start..end]);
                    }
                    self.pos = end + 1;
                }
            }
            _ => Err(GaveUp),
        }
    }

    /// Decimal digits, no sign, no leading zero (beyond "0" itself), no `_`, no suffix.
    fn unsigned(&mut self, max: u64) -> Result<u64> {
        self.skip_ws();
        let start = self.pos;
        let mut n: u64 = 0;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            n = n.checked_mul(10).and_then(|n| n.checked_add(u64::from(d - b'0'))).ok_or(GaveUp)?;
            self.pos += 1;
        }
        let digits = self.pos - start;
        if digits == 0 || (digits > 1 && self.src[start] == b'0') || n > max {
            return Err(GaveUp);
        }
        if matches!(self.peek(), Some(b) if b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b >= 0x80) {
            return Err(GaveUp);
        }
        Ok(n)
    }

    /// A keyword (`None`, `true` …) when it is next as a whole identifier.
    fn keyword(&mut self, word: &str) -> bool {
        self.skip_ws();
        let save = self.pos;
        match self.ident() {
            Ok(found) if found == word => true,
            _ => {
                self.pos = save;
                false
            }
        }
    }

    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        if self.depth >= MAX_DEPTH {
            return Err(GaveUp);
        }
        self.depth += 1;
        let value = f(self);
        self.depth -= 1;
        value
    }
}

fn memchr_quote(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'"')
}

/// Elements separated by commas up to `close`, a trailing comma allowed.
struct Separated<'a, 'de> {
    de: &'a mut Lean<'de>,
    close: u8,
    first: bool,
}

impl<'a, 'de> Separated<'a, 'de> {
    fn new(de: &'a mut Lean<'de>, close: u8) -> Self {
        Separated { de, close, first: true }
    }

    /// True when another element follows.
    fn more(&mut self) -> Result<bool> {
        if self.de.eat(self.close) {
            self.de.pos -= 1;
            return Ok(false);
        }
        if !self.first && !self.de.eat(b',') {
            return Err(GaveUp);
        }
        self.first = false;
        if self.de.eat(self.close) {
            self.de.pos -= 1;
            return Ok(false);
        }
        Ok(true)
    }

    /// The closing bracket, after a trailing comma when elements were read (a visitor that knows
    /// its length, such as a tuple's, stops before the comma).
    fn end(self) -> Result<()> {
        if !self.first {
            self.de.eat(b',');
        }
        self.de.expect(self.close)
    }
}

impl<'de> de::SeqAccess<'de> for Separated<'_, 'de> {
    type Error = GaveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if !self.more()? {
            return Ok(None);
        }
        seed.deserialize(&mut *self.de).map(Some)
    }
}

/// A struct's fields (`name: value`) or a map's entries (`"key": value`).
struct Entries<'a, 'de> {
    list: Separated<'a, 'de>,
    struct_fields: bool,
}

impl<'de> de::MapAccess<'de> for Entries<'_, 'de> {
    type Error = GaveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if !self.list.more()? {
            return Ok(None);
        }
        let key = if self.struct_fields {
            let name = self.list.de.ident()?;
            seed.deserialize(Name(name))?
        } else {
            seed.deserialize(&mut *self.list.de)?
        };
        self.list.de.expect(b':')?;
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(&mut *self.list.de)
    }
}

/// A field or variant name, handed to serde as a string.
struct Name<'de>(&'de str);

impl<'de> de::Deserializer<'de> for Name<'de> {
    type Error = GaveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.0)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de> de::EnumAccess<'de> for &mut Lean<'de> {
    type Error = GaveUp;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let name = self.ident()?;
        let value = seed.deserialize(Name(name))?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for &mut Lean<'de> {
    type Error = GaveUp;

    fn unit_variant(self) -> Result<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        self.expect(b'(')?;
        let value = self.nested(|de| seed.deserialize(&mut *de))?;
        self.eat(b',');
        self.expect(b')')?;
        Ok(value)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        de::Deserializer::deserialize_tuple(self, _len, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(self, fields: &'static [&'static str], visitor: V) -> Result<V::Value> {
        de::Deserializer::deserialize_struct(self, "", fields, visitor)
    }
}

impl<'de> de::Deserializer<'de> for &mut Lean<'de> {
    type Error = GaveUp;

    /// Self-describing reads are `ron`'s business.
    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(GaveUp)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.keyword("true") {
            visitor.visit_bool(true)
        } else if self.keyword("false") {
            visitor.visit_bool(false)
        } else {
            Err(GaveUp)
        }
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u8(self.unsigned(u64::from(u8::MAX))? as u8)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u16(self.unsigned(u64::from(u16::MAX))? as u16)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u32(self.unsigned(u64::from(u32::MAX))? as u32)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u64(self.unsigned(u64::MAX)?)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.string()?)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.keyword("None") {
            return visitor.visit_none();
        }
        if !self.keyword("Some") {
            return Err(GaveUp);
        }
        self.expect(b'(')?;
        let value = self.nested(|de| visitor.visit_some(&mut *de))?;
        self.eat(b',');
        self.expect(b')')?;
        Ok(value)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(b'[')?;
        self.nested(|de| {
            let mut list = Separated::new(de, b']');
            let value = visitor.visit_seq(&mut list)?;
            list.end()?;
            Ok(value)
        })
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.expect(b'(')?;
        self.nested(|de| {
            let mut list = Separated::new(de, b')');
            let value = visitor.visit_seq(&mut list)?;
            list.end()?;
            Ok(value)
        })
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(b'{')?;
        self.nested(|de| {
            let mut entries = Entries { list: Separated::new(de, b'}'), struct_fields: false };
            let value = visitor.visit_map(&mut entries)?;
            entries.list.end()?;
            Ok(value)
        })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.expect(b'(')?;
        self.nested(|de| {
            let mut entries = Entries { list: Separated::new(de, b')'), struct_fields: true };
            let value = visitor.visit_map(&mut entries)?;
            entries.list.end()?;
            Ok(value)
        })
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.nested(|de| visitor.visit_enum(&mut *de))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.ident()?)
    }

    fn deserialize_i8<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(GaveUp)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(GaveUp)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(GaveUp)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(GaveUp)
    }
    fn deserialize_f32<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(GaveUp)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(GaveUp)
    }
    fn deserialize_char<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(GaveUp)
    }
    fn deserialize_bytes<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(GaveUp)
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(GaveUp)
    }
    fn deserialize_unit<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(GaveUp)
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, _visitor: V) -> Result<V::Value> {
        Err(GaveUp)
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, _visitor: V) -> Result<V::Value> {
        Err(GaveUp)
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        _visitor: V,
    ) -> Result<V::Value> {
        Err(GaveUp)
    }
    fn deserialize_ignored_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(GaveUp)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::core::template::Template;
    use crate::core::visit::{Answer, BranchType, MeetingKind, NewVisit, TimeOfDay, Value, Visit, VisitStatus};
    use crate::store::format::visit_to_ron;

    fn ron_parse(text: &str) -> Option<Visit> {
        ron::Options::default().from_str(text).ok()
    }

    fn sample() -> Visit {
        let facts = NewVisit {
            branch_type: BranchType::CongAn,
            kind: MeetingKind::Combined,
            inspectors: vec!["Lê Thị Tú".into(), "Nguyễn Văn Chiến".into()],
            ..crate::testing::sample_facts()
        };
        let mut v = Visit::new(&Template::embedded(), facts, jiff::Timestamp::UNIX_EPOCH);
        v.meeting.start = TimeOfDay::new(14, 0);
        v.meeting.end = TimeOfDay::new(16, 30);
        v.meeting.has_committee = Some(false);
        v.meeting.members.total = Some(24);
        v.meeting.members.present = Some(0);
        // The newest field, which needs format 2 (set by hand: normalising would clean the
        // hostile notes below).
        v.meeting.members.exempted_present = Some(0);
        v.schema = 2;
        let answers: [(&str, Value, &str); 9] = [
            ("a", Value::Yes, ""),
            ("b", Value::NotApplicable, "a \"quoted\" note with a \\ and \"# and r#\"x\"#"),
            ("c", Value::Number(4_000_000_000), "line one\nline two\ttab \u{1b}[31m \u{202E}"),
            ("d", Value::Pair(0, 12), ""),
            ("e", Value::Scale(5), "(parens), {braces}: [brackets] // not a comment"),
            ("f", Value::Choice("kha".into()), ""),
            ("g", Value::Choices(vec![]), ""),
            ("h", Value::Choices(vec!["x".into(), "y\"z".into()]), ""),
            ("i", Value::Text("\"##\"#".into()), "Some(None)"),
        ];
        for (id, value, note) in answers {
            v.answers.insert(id.into(), Answer { value: Some(value), note: note.into() });
        }
        v.answers.insert(
            "j".into(),
            Answer {
                value: Some(Value::Time(TimeOfDay::new(9, 5).unwrap_or_else(|| unreachable!()))),
                note: String::new(),
            },
        );
        v.answers.insert("k".into(), Answer { value: None, note: "only a note".into() });
        v.notes = "general\nnotes".into();
        v.status = VisitStatus::Final;
        v.last_item = Some("k".into());
        v
    }

    #[test]
    fn reads_what_the_app_writes_as_ron_does() {
        let v = sample();
        let text = visit_to_ron(&v);
        let lean: Option<Visit> = from_str(&text);
        assert!(lean.is_some(), "the lean reader gave up on:\n{text}");
        assert_eq!(lean, ron_parse(&text));
        assert_eq!(lean.as_ref(), Some(&v));
    }

    #[test]
    fn reads_the_example_files_as_ron_does() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/examples/round-967");
        let mut read = 0;
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let name = entry.file_name();
            if name == "round.ron" || !name.to_string_lossy().ends_with(".ron") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            let lean: Option<Visit> = from_str(&text);
            assert!(lean.is_some(), "{name:?}");
            assert_eq!(lean, ron_parse(&text), "{name:?}");
            read += 1;
        }
        assert!(read > 0);
    }

    /// Whatever the lean reader accepts, ron accepts with the same value. Texts outside the subset
    /// must give up (the caller then asks ron).
    #[test]
    fn gives_up_outside_the_subset() {
        let text = visit_to_ron(&sample());
        let variants = [
            text.replacen("schema: 2", "schema: 02", 1),
            text.replacen("schema: 2", "schema: +2", 1),
            text.replacen("schema: 2", "schema: 2_0", 1),
            text.replacen("schema: 2", "schema: 0x2", 1),
            text.replacen("(\n  schema", "Visit(\n  schema", 1),
            text.replacen("(\n  schema", "(\n  // a comment\n  schema", 1),
            text.replacen("(\n  schema", "(\n  /* a comment */ schema", 1),
            text.replacen("\"Chi bộ số 11\"", "\"Chi bộ \\u{73}ố 11\"", 1),
            text.replacen("Some(\"967-QĐ/QU\")", "\"967-QĐ/QU\"", 1),
            text.replacen("status: Final", "status: Final()", 1),
            text.replacen("status: Final", "status: r#Final", 1),
            text.replacen("Scale(5)", "Scale(256)", 1),
            text.replacen("Number(4000000000)", "Number(4294967296)", 1),
            text.replacen("Pair(0, 12)", "Pair(0, 12, 3)", 1),
            text.replacen("Pair(0, 12)", "Pair(0)", 1),
            text.replacen("branch_type: cong_an", "branch_type: công_an", 1),
            text.replacen("schema: 2,", "schema: 2,\n  extra: 2,", 1),
            text.replacen("schema: 2,", "schema: 2,\n  schema: 2,", 1),
            text.replacen("\"a\": (", "\"b\": (", 1),
            format!("#![enable(implicit_some)]\n{text}"),
            format!("{text} x"),
            text.replacen(" ", "\u{85}", 1),
            text[..text.len() / 2].to_string(),
        ];
        for variant in &variants {
            let lean: Option<Visit> = from_str(variant);
            let ron = ron_parse(variant);
            if lean.is_some() {
                assert_eq!(lean, ron, "lean and ron differ on:\n{variant}");
            }
        }
        // The plain subset cases must really be taken by the lean reader, and the rest refused.
        assert!(from_str::<Visit>(&text).is_some());
        for variant in &variants {
            assert!(from_str::<Visit>(variant).is_none(), "lean accepted:\n{variant}");
        }
    }

    #[test]
    fn trailing_commas_and_spacing_match_ron() {
        let text = "(schema:1,template:(id:\"hd12-2018\",version:1,hash:\"x\"),meeting:(branch:\"b\",committee:\"c\",\
                    branch_type:khac,kind:regular,date:\"2022-04-05\"),answers:{\"a\":(value:Some(Pair(1,2,)),),},\
                    status:Draft,created:\"2022-04-05T00:00:00Z\",updated:\"2022-04-05T00:00:00Z\")";
        let lean: Option<Visit> = from_str(text);
        assert!(lean.is_some());
        assert_eq!(lean, ron_parse(text));
        let map: Option<BTreeMap<String, u32>> = from_str("{ \"a\" : 1 , \"b\":2 , }");
        assert_eq!(map.map(|m| m.len()), Some(2));
    }
}
