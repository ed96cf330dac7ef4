//! Unresolved git merges in a file: the markers git leaves when it merges text it cannot join.

/// The line (1-based) of the `<<<<<<<` that opens an unresolved git merge: a `<<<<<<<` line, then a
/// `=======` line, then a `>>>>>>>` line. A lone `=======` or `==========` is not a conflict: notes
/// are written with their own line breaks, so a separator a person typed in a note starts a line.
pub fn conflict_line(text: &str) -> Option<usize> {
    let marker =
        |line: &str, m: &str| line.strip_prefix(m).is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\r']));
    // Nearly every file has no marker at all: one substring search says so.
    if !text.contains("<<<<<<<") {
        return None;
    }
    let mut opened = None;
    let mut separated = false;
    for (i, line) in text.lines().enumerate() {
        if opened.is_none() && marker(line, "<<<<<<<") {
            opened = Some(i + 1);
        } else if opened.is_some() && marker(line, "=======") {
            separated = true;
        } else if separated && marker(line, ">>>>>>>") {
            return opened;
        }
    }
    None
}
