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

/// One part of a document: writes its JSON text into the buffer it is given.
pub type Part<'a> = Box<dyn Fn(&mut Vec<u8>) -> serde_json::Result<()> + Send + Sync + 'a>;

/// Parts rendered at once, per thread.
const PARTS_PER_THREAD: usize = 4;

/// A top-level JSON object, built as a list of parts and then written.
#[derive(Default)]
pub struct Document<'a> {
    parts: Vec<Part<'a>>,
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
        let per_part = per_part.max(1);
        let mut elements = elements.into_iter().peekable();
        let mut first = true;
        while elements.peek().is_some() {
            // A list of just its elements: a part cut from the whole list with `split_off` would
            // keep the whole list's capacity, and the parts of 100 000 visits would hold it
            // a hundred times over.
            let part: Vec<T> = elements.by_ref().take(per_part).collect();
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

    /// `"key": [...]`, each element written by the several parts `split` gives for it, in turn, as
    /// JSON text two levels deep: an element too large to render whole at once (a finding and its
    /// tens of thousands of branches) is rendered a run at a time.
    pub fn array_split<T>(&mut self, key: &str, elements: Vec<T>, mut split: impl FnMut(T) -> Vec<Part<'a>>) {
        let head = self.key(key, 1);
        self.raw(format!("{head}["));
        let mut any = false;
        for element in elements {
            self.raw(if any { ",\n    " } else { "\n    " }.to_string());
            self.parts.extend(split(element));
            any = true;
        }
        self.raw(if any { "\n  ]" } else { "]" }.to_string());
    }

    /// `"key": {...}`, each inner entry's value written by the several parts `split` gives for it,
    /// in turn, as JSON text two levels deep (see [`Document::array_split`]).
    pub fn object_split<T>(&mut self, key: &str, entries: Vec<(&str, T)>, mut split: impl FnMut(T) -> Vec<Part<'a>>) {
        let head = self.key(key, 1);
        if entries.is_empty() {
            self.raw(format!("{head}{{}}"));
            return;
        }
        self.raw(format!("{head}{{"));
        for (i, (inner, value)) in entries.into_iter().enumerate() {
            let comma = if i > 0 { "," } else { "" };
            self.raw(format!("{comma}\n    {}: ", quoted(inner)));
            self.parts.extend(split(value));
        }
        self.raw("\n  }".to_string());
    }

    /// Write the object, then a line break.
    pub fn write(self, out: &mut dyn Write) -> Result<(), crate::export::ExportError> {
        out.write_all(b"{")?;
        // A few parts per thread at once: parts are kept small (at most a few hundred kilobytes,
        // see `array_split`), so that this many held unwritten stays small too, while the
        // threads are kept busy.
        let window = PARTS_PER_THREAD * rayon::current_num_threads().max(1);
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

    /// `"key": [`: the elements follow, each after [`element_start`], then [`array_end`]; they
    /// may be written later, into other buffers (other parts of a [`Document`]).
    pub fn open_array(&mut self, key: &str) -> serde_json::Result<()> {
        self.key(key)?;
        self.out.push(b'[');
        Ok(())
    }

    /// Stop without the closing brace: the rest is written later with [`Object::resume`].
    pub fn leave_open(self) -> usize {
        self.entries
    }

    pub fn close(self) {
        object_end(self.out, self.depth, self.entries > 0);
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
        indent(self.out, depth);
    }
}

/// What comes before an element of an array opened by [`Object::open_array`] on an object whose
/// keys are `depth` levels deep.
pub fn element_start(out: &mut Vec<u8>, depth: usize, first: bool) {
    out.extend_from_slice(if first { b"\n" } else { b",\n" });
    indent(out, depth + 1);
}

/// The end of an array opened by [`Object::open_array`] (`any`: it has elements).
pub fn array_end(out: &mut Vec<u8>, depth: usize, any: bool) {
    if any {
        out.push(b'\n');
        indent(out, depth);
    }
    out.push(b']');
}

/// The end of an object whose keys are `depth` levels deep (`any`: it has entries); for one left
/// open by [`Object::leave_open`] and finished in another buffer.
pub fn object_end(out: &mut Vec<u8>, depth: usize, any: bool) {
    if any {
        out.push(b'\n');
        indent(out, depth - 1);
    }
    out.push(b'}');
}

fn indent(out: &mut Vec<u8>, depth: usize) {
    out.resize(out.len() + 2 * depth, b' ');
}

fn quoted(key: &str) -> String {
    serde_json::to_string(key).unwrap_or_else(|_| format!("\"{key}\""))
}

/// `value` pretty-printed as if it stood `depth` levels deep.
pub fn pretty<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T, depth: usize) -> serde_json::Result<()> {
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
            split: Vec<Vec<u8>>,
            last: &'static str,
        }
        let nested = json!({"a": [1, {"b": "line\nbreak", "c": []}], "d": {}, "e": "x"});
        let list: Vec<serde_json::Value> = (0..7).map(|i| json!({"n": i, "deep": [[i], {"k": i}]})).collect();
        let (p, q) = (json!([1, 2]), json!({"r": null}));
        let split: Vec<Vec<u8>> = vec![vec![1, 2, 3], vec![], vec![4]];
        let mut doc = Document::new();
        doc.entry("first", 1);
        doc.entry("nested", nested.clone());
        doc.array("list", list.clone(), 3);
        doc.array("empty", Vec::<u8>::new(), 3);
        let whole = |value: serde_json::Value| -> Vec<Part> { vec![Box::new(move |out| pretty(out, &value, 2))] };
        doc.object_split("inner", vec![("p", p.clone()), ("q", q.clone())], whole);
        doc.object_split("none", Vec::<(&str, serde_json::Value)>::new(), whole);
        // Each list written by parts: its opening, each number, its end.
        doc.array_split("split", split.clone(), |list: Vec<u8>| {
            let any = !list.is_empty();
            let mut parts: Vec<Part> = vec![Box::new(|out: &mut Vec<u8>| {
                out.push(b'[');
                Ok(())
            })];
            for (i, n) in list.into_iter().enumerate() {
                parts.push(Box::new(move |out: &mut Vec<u8>| {
                    element_start(out, 2, i == 0);
                    pretty(out, &n, 3)
                }));
            }
            parts.push(Box::new(move |out: &mut Vec<u8>| {
                array_end(out, 2, any);
                Ok(())
            }));
            parts
        });
        doc.entry("last", "end");
        let whole = Whole {
            first: 1,
            nested,
            list,
            empty: vec![],
            inner: Inner { p, q },
            none: Nothing {},
            split,
            last: "end",
        };
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
        // An array opened in one object and filled, element by element, after it is left open.
        let mut rest = Object::resume(&mut out, 1, entries);
        rest.open_array("b").expect("array");
        let entries = rest.leave_open();
        for (i, element) in [b"\"x\"".as_slice(), b"\"y\""].into_iter().enumerate() {
            element_start(&mut out, 1, i == 0);
            out.extend_from_slice(element);
        }
        array_end(&mut out, 1, true);
        let mut rest = Object::resume(&mut out, 1, entries);
        rest.open_array("c").expect("empty array");
        let entries = rest.leave_open();
        array_end(&mut out, 1, false);
        let mut rest = Object::resume(&mut out, 1, entries);
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
