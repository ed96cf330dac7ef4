//! `report.ron` on disk: the team's own text of a round's report, in the round's folder beside
//! `round.ron` (see [`crate::core::report::text`]). Read and written with the care of round
//! files: conflict markers and newer formats refused, parse errors with line and column, saved
//! atomically. The visit walker ([`super::find_visit_files`]) never takes it for a visit.

use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::core::report::text::{REPORT_TEXT_SCHEMA_VERSION, ReportText};
use crate::store::format::{LoadError, LoadErrorKind, conflict_line, to_file_ron};
use crate::store::round::find_round_file;
use crate::store::{read_text, save};

/// The name of the report text file.
pub const REPORT_FILE: &str = "report.ron";

/// Whether `path` names a report text file.
pub fn is_report_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == REPORT_FILE)
}

/// Where the report text of a report on `path` (a folder or a visit file, the first one named)
/// is kept: beside the round.ron governing it; without one, in `path` itself when it is a
/// folder. None: a single visit file outside any round.
pub fn report_file_for(path: &Path) -> Option<PathBuf> {
    if let Some(round) = find_round_file(path) {
        return round.parent().map(|dir| dir.join(REPORT_FILE));
    }
    path.is_dir().then(|| path.join(REPORT_FILE))
}

#[derive(Deserialize)]
struct SchemaProbe {
    schema: u32,
}

/// Read and parse a report text file. Texts are normalised as in visits.
pub fn load_report_text(path: &Path) -> Result<ReportText, LoadError> {
    let text = read_text(path)?;
    parse_report_text(path, &text)
}

/// The report text at `path`, or the empty one (every piece a blank or a default) when there is
/// no such file. A file that is there but cannot be read or parsed is an error: its text must
/// not silently turn into blanks.
pub fn load_report_text_or_default(path: &Path) -> Result<ReportText, LoadError> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(ReportText::default()),
        _ => load_report_text(path),
    }
}

/// Parse the text of a report text file (`path` names it in errors).
pub fn parse_report_text(path: &Path, text: &str) -> Result<ReportText, LoadError> {
    if let Some(line) = conflict_line(text) {
        return Err(LoadError::new(path, Some((line, 1)), LoadErrorKind::Conflict { line }));
    }
    if let Ok(probe) = ron::Options::default().from_str::<SchemaProbe>(text)
        && probe.schema > REPORT_TEXT_SCHEMA_VERSION
    {
        return Err(LoadError::new(
            path,
            None,
            LoadErrorKind::NewerSchema { found: probe.schema, reads: REPORT_TEXT_SCHEMA_VERSION },
        ));
    }
    let mut report: ReportText =
        ron::Options::default().from_str(text).map_err(|e| LoadError::from_parse(path, text, &e))?;
    report.normalize();
    Ok(report)
}

/// The deterministic text of a report text file, in the layout of visit and round files.
pub fn report_text_to_ron(report: &ReportText) -> String {
    to_file_ron(report)
}

/// Write a report text file over `path`, atomically.
pub fn save_report_text(path: &Path, report: &ReportText) -> io::Result<()> {
    save::write_atomic(path, report_text_to_ron(report).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::report::text::Signer;
    use crate::strings::Lang;

    fn sample() -> ReportText {
        ReportText {
            issuer: vec!["ĐẢNG BỘ QUẬN CẦU GIẤY".into(), "ĐOÀN KHẢO SÁT".into()],
            number: "12".into(),
            place: "Cầu Giấy".into(),
            date: Some(jiff::civil::date(2022, 4, 25)),
            causes: "Một số cấp ủy chưa quan tâm đúng mức.\n\n- Nguyên nhân khách quan: \"khối lượng\" công việc lớn."
                .into(),
            recipients: vec!["Ban Thường vụ Quận ủy (để báo cáo)".into(), "Lưu Đoàn khảo sát.".into()],
            signer: Signer { name: "Nguyễn Văn Chiến".into(), ..Signer::default() },
            ..ReportText::default()
        }
    }

    #[test]
    fn a_saved_report_text_reads_back_the_same() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join(REPORT_FILE);
        let text = sample();
        save_report_text(&path, &text)?;
        let written = std::fs::read_to_string(&path)?;
        assert!(written.starts_with("(\n  schema: 1,\n"), "{written}");
        assert!(!written.contains("opening"), "empty pieces are not written: {written}");
        let back = load_report_text(&path).map_err(|e| e.display(Lang::En))?;
        assert_eq!(back, text);
        assert_eq!(report_text_to_ron(&back), written, "written again the same");
        Ok(())
    }

    #[test]
    fn a_missing_file_is_all_blanks_and_a_broken_one_says_where() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join(REPORT_FILE);
        assert_eq!(load_report_text_or_default(&path).map_err(|e| e.display(Lang::En))?, ReportText::default());
        std::fs::write(&path, "(\n  number: \"12\",\n  nmber: \"13\",\n)\n")?;
        let e = load_report_text_or_default(&path).err().ok_or("refused")?;
        assert_eq!(e.position, Some((3, 3)), "{}", e.display(Lang::En));
        std::fs::write(&path, "(\n  schema: 9,\n)\n")?;
        let e = load_report_text(&path).err().ok_or("refused")?;
        assert!(matches!(e.kind, LoadErrorKind::NewerSchema { found: 9, .. }), "{e:?}");
        std::fs::write(&path, "(\n<<<<<<< HEAD\n  number: \"12\",\n=======\n  number: \"13\",\n>>>>>>> theirs\n)\n")?;
        assert!(matches!(load_report_text(&path), Err(LoadError { kind: LoadErrorKind::Conflict { line: 2 }, .. })));
        Ok(())
    }

    #[test]
    fn the_file_sits_beside_the_round_or_in_the_folder_named() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let round_dir = dir.path().join("round");
        let nested = round_dir.join("inspector");
        std::fs::create_dir_all(&nested)?;
        std::fs::write(round_dir.join("round.ron"), "()")?;
        let beside = std::fs::canonicalize(&round_dir)?.join(REPORT_FILE);
        assert_eq!(report_file_for(&nested), Some(beside.clone()));
        assert_eq!(report_file_for(&nested.join("2022-04-06_x.ron")), Some(beside));
        let plain = dir.path().join("plain");
        std::fs::create_dir_all(&plain)?;
        assert_eq!(report_file_for(&plain), Some(plain.join(REPORT_FILE)));
        assert!(is_report_file(Path::new("a/report.ron")) && !is_report_file(Path::new("a/report.ron.bak")));
        Ok(())
    }
}
