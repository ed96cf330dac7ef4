//! Canonical RON text, fast: what `ron::to_string` writes, to the byte (the content hash of a
//! visit is the hash of this text, so a re-saved visit must give the same bytes, always).
//!
//! `ron::to_string` escapes each character of each string through `char::escape_debug`, a
//! Unicode table look-up per character: for Vietnamese text most of a summary's hashing time.
//! Here the value is written without escaping (RON's `escape_strings(false)`, in a layout with no
//! spaces or line breaks, which is the compact one), then escaped in one pass: outside strings
//! the compact text holds only ASCII that `escape_debug` leaves alone (brackets, names, numbers,
//! the strings' quotes), so escaping every other character as `escape_debug` does is what
//! escaping each string gives. Characters common in the data (ASCII, the Latin letters of
//! Vietnamese) are known to be left alone without the tables. What this cannot tell apart is
//! written again the usual way: a string written raw (`r#"…"#`, for a `"` or `\` in it), a
//! single quote (a string's apostrophe, escaped, or a char's delimiter, not), a byte string;
//! looked for anywhere in the text, so a string merely holding `r#` only takes the slower way.

use ron::ser::PrettyConfig;
use serde::Serialize;

/// The text `ron::to_string(value)` gives; None when that fails.
pub fn canonical_ron<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    fast(value).or_else(|| ron::to_string(value).ok())
}

/// The same text by the fast way; None when the value holds what it cannot tell apart.
fn fast<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    let unescaped = PrettyConfig::new()
        .new_line("")
        .indentor("")
        .separator("")
        .escape_strings(false)
        .compact_arrays(true)
        .compact_structs(true)
        .compact_maps(true);
    let text = ron::ser::to_string_pretty(value, unescaped).ok()?;
    // A byte string opens with `b"` where a value starts; `r#` covers raw strings of both kinds.
    let byte_string = [":b\"", ",b\"", "[b\"", "(b\"", "{b\""].iter().any(|p| text.contains(p));
    let ambiguous = text.contains("r#") || text.contains('\'') || byte_string;
    (!ambiguous).then(|| escaped(text))
}

/// `text` with each character `escape_debug` would change replaced by its escape.
fn escaped(text: String) -> String {
    if text.chars().all(left_as_is) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if left_as_is(c) {
            out.push(c);
        } else {
            out.extend(c.escape_debug());
        }
    }
    out
}

/// Whether `char::escape_debug` gives `c` itself, `"` aside (the strings' own quotes; one inside
/// a string makes it raw, which is looked for apart). ASCII and the Latin letters Vietnamese is
/// written with are answered without the Unicode tables (the tests check every one of them
/// against `escape_debug`); anything else asks `escape_debug`.
fn left_as_is(c: char) -> bool {
    match c {
        '\'' | '\\' => false,
        ' '..='~' => true,
        // Latin-1 letters and Latin Extended-A/B (À … ɏ), Latin Extended Additional (Ạ … ỹ).
        'À'..='ɏ' | '\u{1E00}'..='\u{1EFF}' => true,
        _ => {
            let mut escaped = c.escape_debug();
            escaped.next() == Some(c) && escaped.next().is_none()
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn the_fast_ranges_are_what_escape_debug_leaves_alone() {
        for c in ('\u{0}'..='\u{2FF}').chain('\u{1E00}'..='\u{1EFF}') {
            let mut escaped = c.escape_debug();
            let unchanged = escaped.next() == Some(c) && escaped.next().is_none();
            // A quote is let through: a string holding one is written raw, and that is caught.
            assert_eq!(left_as_is(c), unchanged || c == '"', "{c:?}");
        }
    }

    #[derive(Serialize)]
    struct Sample<'a> {
        text: &'a str,
        kind: Option<(u32, f64)>,
        list: Vec<&'a str>,
        map: BTreeMap<&'a str, Option<&'a str>>,
        unit: (),
        variant: Shape,
    }

    #[derive(Serialize)]
    enum Shape {
        Dot,
        Line(f64),
        Box { w: i64, h: i64 },
    }

    #[test]
    fn the_text_is_ron_to_string_to_the_byte() {
        let texts = [
            "Chi bộ số 11 — Đảng bộ phường Nghĩa Đô",
            "",
            "quote \" and backslash \\ and r#\"raw\"#",
            "apostrophe ' tab\t newline\n cr\r",
            "combining e\u{301} and bidi \u{202E} and zero width \u{200B}",
            "control \u{7}\u{1b}[31m and nul \u{0}",
            "emoji 🙂 and CJK 中文 and soft hyphen \u{AD}",
            "r\"",
            "line one\nline two\ttab\r end",
            "many hashes ## and a quote \" make r##\"…\"##",
        ];
        for (i, text) in texts.iter().enumerate() {
            for shape in [Shape::Dot, Shape::Line(0.1 + i as f64), Shape::Box { w: -3, h: 7 }] {
                let sample = Sample {
                    text,
                    kind: (i % 2 == 0).then_some((i as u32, 1.0 / 3.0)),
                    list: vec![text, "b", ""],
                    map: BTreeMap::from([(*text, Some("x")), ("k", None)]),
                    unit: (),
                    variant: shape,
                };
                let expected = ron::to_string(&sample).expect("ron");
                assert_eq!(canonical_ron(&sample), Some(expected.clone()), "{text:?}");
                // The fast way is taken unless the text holds what it cannot tell apart.
                let ambiguous = ['\'', '"', '\\'].iter().any(|c| text.contains(*c));
                assert_eq!(fast(&sample).is_some(), !ambiguous, "{text:?}");
                if let Some(fast) = fast(&sample) {
                    assert_eq!(fast, expected, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn a_byte_string_takes_the_usual_way() {
        #[derive(Serialize)]
        struct Bytes {
            #[serde(with = "serde_bytes_like")]
            data: Vec<u8>,
        }
        mod serde_bytes_like {
            pub fn serialize<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(v)
            }
        }
        let value = Bytes { data: vec![0xC3, 0xA9, b'"', 0] };
        assert!(fast(&value).is_none());
        assert_eq!(canonical_ron(&value), ron::to_string(&value).ok());
    }
}
