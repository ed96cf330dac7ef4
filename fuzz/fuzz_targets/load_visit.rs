//! Any bytes as a visit file: decoded as the store decodes a file (BOM, UTF-16, NUL, bad UTF-8),
//! then parsed and checked against the embedded template. Never a panic; an error always renders
//! in both languages without a control character; what loads saves and loads back the same.

#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use khaosat::core::template::Template;
use khaosat::store::format::{decode_text, parse_visit, visit_to_ron};
use khaosat::strings::Lang;
use libfuzzer_sys::fuzz_target;

fn templates() -> &'static [Template] {
    static TEMPLATES: OnceLock<Vec<Template>> = OnceLock::new();
    TEMPLATES.get_or_init(|| vec![Template::embedded()])
}

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.ron");
    let text = match decode_text(path, data) {
        Ok(text) => text,
        Err(e) => {
            let _ = e.display(Lang::En);
            return;
        }
    };
    match parse_visit(path, &text, templates()) {
        Ok(visit) => {
            let saved = visit_to_ron(&visit);
            match parse_visit(path, &saved, templates()) {
                Ok(again) => assert_eq!(again, visit, "saved visit loads back different"),
                Err(e) => panic!(
                    "a loaded visit, saved, does not load: {}\n{saved}",
                    e.display(Lang::En)
                ),
            }
        }
        Err(e) => {
            for lang in [Lang::Vi, Lang::En] {
                let shown = e.display(lang);
                assert!(
                    !shown.chars().any(char::is_control),
                    "a control character in {shown:?}"
                );
            }
        }
    }
});
