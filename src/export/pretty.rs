//! A pretty-printed JSON object written in parts that are rendered in parallel.
//!
//! A large summary's JSON is tens of megabytes; one serializer on one thread would spend as long
//! writing it as the other core spends idle. Here the document is cut into parts — the entries of
//! the top object, the elements of its big arrays — each rendered by `serde_json`'s pretty
//! printer into a buffer of its own, a few at a time on the thread pool, and written in order.
//! The output is byte for byte what one pretty serializer would write: each part is indented by
//! putting its depth's spaces after every line break, which is exact because JSON strings never
//! hold a raw line break (serde_json writes `\n`).

use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;

type Render<'a> = Box<dyn Fn(&mut Vec<u8>) -> serde_json::Result<()> + Send + Sync + 'a>;

/// A top-level JSON object, built as a list of parts and then written.
#[derive(Default)]
pub struct Document<'a> {
    parts: Vec<Render<'a>>,
    entries: usize,
}

impl<'a> Document<'a> {
    pub fn new() -> Document<'a> {
        Document::default()
    }

    /// `"key": value`, the value rendered as one part.
    pub fn entry<T: Serialize + Send + Sync + 'a>(&mut self, key: &str, value: T) {
        let head = self.key(key, 1);
        self.parts.push(Box::new(move |out| {
            out.extend_from_slice(head.as_bytes());
            pretty(out, &value, 1)
        }));
    }

    /// `"key": [...]`, the elements rendered `per_part` to a part.
    pub fn array<T: Serialize + Send + Sync + 'a>(&mut self, key: &str, elements: Vec<T>, per_part: usize) {
        self.array_with(key, elements, per_part, |out, element| pretty(out, element, 2));
    }

    /// `"key": [...]`, each element written by `render` as JSON text two levels deep (its lines
    /// after the first indented by four spaces).
    pub fn array_with<T, F>(&mut self, key: &str, elements: Vec<T>, per_part: usize, render: F)
    where
        T: Send + Sync + 'a,
        F: Fn(&mut Vec<u8>, &T) -> serde_json::Result<()> + Send + Sync + 'a,
    {
        let render = std::sync::Arc::new(render);
        let head = self.key(key, 1);
        if elements.is_empty() {
            self.raw(format!("{head}[]"));
            return;
        }
        self.raw(format!("{head}["));
        let mut first = true;
        let mut rest = elements;
        while !rest.is_empty() {
            let tail = rest.split_off(per_part.max(1).min(rest.len()));
            let part = std::mem::replace(&mut rest, tail);
            let leading_comma = !first;
            first = false;
            let render = std::sync::Arc::clone(&render);
            self.parts.push(Box::new(move |out| {
                for (i, element) in part.iter().enumerate() {
                    out.extend_from_slice(if i > 0 || leading_comma { b",\n    " } else { b"\n    " });
                    render(out, element)?;
                }
                Ok(())
            }));
        }
        self.raw("\n  ]".to_string());
    }

    /// `"key": {...}`, each of the inner entries rendered as one part.
    pub fn object<T: Serialize + Send + Sync + 'a>(&mut self, key: &str, entries: Vec<(&str, T)>) {
        let head = self.key(key, 1);
        if entries.is_empty() {
            self.raw(format!("{head}{{}}"));
            return;
        }
        self.raw(format!("{head}{{"));
        for (i, (inner, value)) in entries.into_iter().enumerate() {
            let comma = if i > 0 { "," } else { "" };
            let head = format!("{comma}\n    {}: ", quoted(inner));
            self.parts.push(Box::new(move |out| {
                out.extend_from_slice(head.as_bytes());
                pretty(out, &value, 2)
            }));
        }
        self.raw("\n  }".to_string());
    }

    /// Write the object, then a line break.
    pub fn write(self, out: &mut dyn Write) -> Result<(), crate::export::ExportError> {
        out.write_all(b"{")?;
        // As many parts at once as there are threads: a part can be tens of megabytes (the
        // branches of a common finding over 100 000 visits), so fewer are held unwritten.
        let window = rayon::current_num_threads().max(1);
        for window in self.parts.chunks(window) {
            let rendered: Vec<serde_json::Result<Vec<u8>>> = window
                .par_iter()
                .map(|render| {
                    let mut buffer = Vec::new();
                    render(&mut buffer).map(|()| buffer)
                })
                .collect();
            for part in rendered {
                out.write_all(&part?)?;
            }
        }
        out.write_all(if self.entries == 0 { b"}\n" } else { b"\n}\n" })?;
        Ok(())
    }

    fn raw(&mut self, text: String) {
        self.parts.push(Box::new(move |out| {
            out.extend_from_slice(text.as_bytes());
            Ok(())
        }));
    }

    /// The text before an entry's value: separator, line break, indentation, key.
    fn key(&mut self, key: &str, depth: usize) -> String {
        let comma = if self.entries > 0 { "," } else { "" };
        self.entries += 1;
        format!("{comma}\n{}{}: ", "  ".repeat(depth), quoted(key))
    }
}

/// An object written into a buffer entry by entry, exactly as the pretty printer would write it
/// with its keys `depth` levels deep: for the parts of the document that are cheaper to put
/// together from pieces escaped once than to serialize again and again.
pub struct Object<'o> {
    out: &'o mut Vec<u8>,
    depth: usize,
    entries: usize,
}

impl<'o> Object<'o> {
    /// `{`, keys at `depth` (the top object's keys are at depth 1).
    pub fn open(out: &'o mut Vec<u8>, depth: usize) -> Object<'o> {
        out.push(b'{');
        Object { out, depth, entries: 0 }
    }

    /// Go on with an object whose first `entries` entries are already in `out` (a piece kept
    /// from [`Object::leave_open`]).
    pub fn resume(out: &'o mut Vec<u8>, depth: usize, entries: usize) -> Object<'o> {
        Object { out, depth, entries }
    }

    pub fn entry<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> serde_json::Result<()> {
        self.key(key)?;
        pretty(self.out, value, self.depth)
    }

    /// An entry whose value is JSON text already written for this depth.
    pub fn raw_entry(&mut self, key: &str, json: &[u8]) -> serde_json::Result<()> {
        self.key(key)?;
        self.out.extend_from_slice(json);
        Ok(())
    }

    /// An array whose elements `write` puts straight into the buffer, as JSON text one level
    /// deeper than the keys.
    pub fn array_by<T>(
        &mut self,
        key: &str,
        elements: impl Iterator<Item = T>,
        mut write: impl FnMut(&mut Vec<u8>, T) -> serde_json::Result<()>,
    ) -> serde_json::Result<()> {
        self.key(key)?;
        let mut any = false;
        for element in elements {
            self.out.extend_from_slice(if any { b",\n" } else { b"[\n" });
            self.indent(self.depth + 1);
            write(self.out, element)?;
            any = true;
        }
        if any {
            self.out.push(b'\n');
            self.indent(self.depth);
            self.out.push(b']');
        } else {
            self.out.extend_from_slice(b"[]");
        }
        Ok(())
    }

    /// Stop without the closing brace: the rest is written later with [`Object::resume`].
    pub fn leave_open(self) -> usize {
        self.entries
    }

    pub fn close(mut self) {
        if self.entries > 0 {
            self.out.push(b'\n');
            self.indent(self.depth - 1);
        }
        self.out.push(b'}');
    }

    fn key(&mut self, key: &str) -> serde_json::Result<()> {
        if self.entries > 0 {
            self.out.push(b',');
        }
        self.entries += 1;
        self.out.push(b'\n');
        self.indent(self.depth);
        serde_json::to_writer(&mut *self.out, key)?;
        self.out.extend_from_slice(b": ");
        Ok(())
    }

    fn indent(&mut self, depth: usize) {
        self.out.resize(self.out.len() + 2 * depth, b' ');
    }
}

fn quoted(key: &str) -> String {
    serde_json::to_string(key).unwrap_or_else(|_| format!("\"{key}\""))
}

/// `value` pretty-printed as if it stood `depth` levels deep.
fn pretty<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T, depth: usize) -> serde_json::Result<()> {
    let mut writer = Indented { out, pad: depth * 2 };
    serde_json::to_writer_pretty(&mut writer, value)
}

/// Puts `pad` spaces after every line break written through it.
struct Indented<'a> {
    out: &'a mut Vec<u8>,
    pad: usize,
}

impl Write for Indented<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Nearly every write is a fragment without a line break: one fast search says so.
        if self.pad == 0 || !buf.contains(&b'\n') {
            self.out.extend_from_slice(buf);
            return Ok(buf.len());
        }
        for piece in buf.split_inclusive(|&b| b == b'\n') {
            self.out.extend_from_slice(piece);
            if piece.ends_with(b"\n") {
                self.out.resize(self.out.len() + self.pad, b' ');
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn written(doc: Document) -> String {
        let mut out = Vec::new();
        doc.write(&mut out).expect("write");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn parts_give_what_one_pretty_serializer_gives() {
        // The same document as one struct: serde keeps field order, so one pretty print of it is
        // the exact text expected.
        #[derive(Serialize)]
        struct Inner {
            p: serde_json::Value,
            q: serde_json::Value,
        }
        #[derive(Serialize)]
        struct Nothing {}
        #[derive(Serialize)]
        struct Whole {
            first: u8,
            nested: serde_json::Value,
            list: Vec<serde_json::Value>,
            empty: Vec<u8>,
            inner: Inner,
            none: Nothing,
            last: &'static str,
        }
        let nested = json!({"a": [1, {"b": "line\nbreak", "c": []}], "d": {}, "e": "x"});
        let list: Vec<serde_json::Value> = (0..7).map(|i| json!({"n": i, "deep": [[i], {"k": i}]})).collect();
        let (p, q) = (json!([1, 2]), json!({"r": null}));
        let mut doc = Document::new();
        doc.entry("first", 1);
        doc.entry("nested", nested.clone());
        doc.array("list", list.clone(), 3);
        doc.array("empty", Vec::<u8>::new(), 3);
        doc.object("inner", vec![("p", p.clone()), ("q", q.clone())]);
        doc.object("none", Vec::<(&str, u8)>::new());
        doc.entry("last", "end");
        let whole =
            Whole { first: 1, nested, list, empty: vec![], inner: Inner { p, q }, none: Nothing {}, last: "end" };
        let expected = format!("{}\n", serde_json::to_string_pretty(&whole).expect("pretty"));
        assert_eq!(written(doc), expected);
    }

    #[test]
    fn a_single_part_is_byte_identical() {
        let value = json!({"k": [1, {"b": "two\nlines"}], "z": {}});
        let mut doc = Document::new();
        doc.entry("k", value["k"].clone());
        doc.entry("z", value["z"].clone());
        assert_eq!(written(doc), format!("{}\n", serde_json::to_string_pretty(&value).expect("pretty")));
    }

    #[test]
    fn objects_by_hand_match_the_pretty_printer() {
        let value = json!({"a": 1, "b": ["x", "y"], "c": [], "d": {"e": "f\ng"}});
        let mut out = Vec::new();
        let mut head = Object::open(&mut out, 1);
        head.entry("a", &1).expect("entry");
        let entries = head.leave_open();
        let mut rest = Object::resume(&mut out, 1, entries);
        let raw = |out: &mut Vec<u8>, json: &[u8]| {
            out.extend_from_slice(json);
            Ok(())
        };
        rest.array_by("b", [b"\"x\"".as_slice(), b"\"y\""].into_iter(), raw).expect("array");
        rest.array_by("c", std::iter::empty(), raw).expect("empty array");
        rest.raw_entry("d", b"{\n    \"e\": \"f\\ng\"\n  }").expect("raw");
        rest.close();
        assert_eq!(String::from_utf8(out).expect("utf-8"), serde_json::to_string_pretty(&value).expect("pretty"));

        let mut empty = Vec::new();
        Object::open(&mut empty, 3).close();
        assert_eq!(empty, b"{}");
    }

    #[test]
    fn an_empty_document_is_an_empty_object() {
        assert_eq!(written(Document::new()), "{}\n");
    }
}
