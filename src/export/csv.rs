//! CSV in long format: one row per finding and failing branch.
//!
//! UTF-8 with a BOM so spreadsheet programs read Vietnamese correctly. Cells that a spreadsheet
//! would take as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) get a
//! leading apostrophe. Column names are fixed ids, the same in every language.

use crate::core::summary::Summary;
use crate::export::ExportError;

pub const COLUMNS: [&str; 10] =
    ["item_id", "section_id", "finding", "branch", "committee", "branch_type", "date", "inspectors", "note", "file"];

/// A cell that cannot act as a formula.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{cell}") } else { cell.to_string() }
}

pub fn render(summary: &Summary) -> Result<Vec<u8>, ExportError> {
    let mut writer = ::csv::WriterBuilder::new().from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(COLUMNS)?;
    for f in &summary.findings {
        for b in &f.branches {
            let visit = summary.visit_of(b);
            let row = [
                f.id.as_str(),
                f.section_id.as_str(),
                f.branch_text(b),
                visit.branch.as_str(),
                visit.committee.as_str(),
                visit.branch_type.id(),
                &visit.date.to_string(),
                &visit.inspectors.join("; "),
                b.note.as_str(),
                &visit.file.to_string_lossy(),
            ];
            writer.write_record(row.iter().map(|cell| neutralise(cell)))?;
        }
    }
    writer.into_inner().map_err(|e| ExportError::Io(e.into_error()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("+1"), "'+1");
        assert_eq!(neutralise("-2"), "'-2");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("\rx"), "'\rx");
        assert_eq!(neutralise("Chi bộ số 11"), "Chi bộ số 11");
        assert_eq!(neutralise(""), "");
    }
}
