//! Comparing a roll-up's JSON with the summary of all its visits at once.

use serde_json::Value as J;

/// `value` with what only a roll-up has taken out — the top-level keys `only_rollup` names, and
/// where each visit and failing branch came from (`report`, `level`) — and the visits in file
/// order (a roll-up lists them input by input).
pub fn without_rollup_keys(mut value: J, only_rollup: &[&str]) -> J {
    let J::Object(map) = &mut value else { return value };
    for key in only_rollup {
        map.remove(*key);
    }
    if let Some(J::Array(list)) = map.get_mut("visit_list") {
        list.iter_mut().for_each(drop_origin);
        list.sort_by(|a, b| a["file"].as_str().cmp(&b["file"].as_str()));
    }
    for finding in map.get_mut("findings").and_then(J::as_array_mut).into_iter().flatten() {
        finding.get_mut("branches").and_then(J::as_array_mut).into_iter().flatten().for_each(drop_origin);
    }
    value
}

fn drop_origin(entry: &mut J) {
    if let J::Object(entry) = entry {
        entry.remove("report");
        entry.remove("level");
    }
}
