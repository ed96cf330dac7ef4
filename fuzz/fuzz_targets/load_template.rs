//! Any UTF-8 text as a template file: `Template::from_ron`, then `check_template` on what parses.
//! Never a panic.

#![no_main]

use khaosat::core::template::Template;
use khaosat::core::template_check::check_template;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(template) = Template::from_ron(text) {
        let _ = check_template(&template);
        let _ = template.item_count();
    }
});
