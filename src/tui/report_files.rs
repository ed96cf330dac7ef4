//! The files behind the summary screen's report keys, for the runtime: the round's report written
//! as Markdown and Word into the round's folder, and report.ron read and saved.

use std::path::{Path, PathBuf};

use crate::core::report::ReportText;
use crate::core::template::Template;
use crate::core::text::display_safe;
use crate::export::{report_docx, report_md};
use crate::store::report::{GatherError, gather_report};
use crate::store::report_text::{load_report_text_or_default, report_file_for, save_report_text};
use crate::store::save::write_new;
use crate::strings::{Lang, Msg};

/// Where report.ron is kept for the data folder `dir`: beside its round.ron, else in `dir`.
fn report_text_path(dir: &Path) -> PathBuf {
    report_file_for(dir).unwrap_or_else(|| dir.join(crate::store::report_text::REPORT_FILE))
}

/// Build the report of the visits under `dir` and write it as `bao-cao-DATE.md` and `.docx` (in
/// the user's language) beside report.ron; an earlier report is never replaced (both files take
/// the first free `-N`). The files written, and how many blanks are left.
pub fn write_report(
    dir: &Path,
    templates: &[Template],
    lang: Lang,
    today: jiff::civil::Date,
) -> Result<(Vec<PathBuf>, usize), String> {
    let gathered = gather_report(&[dir.to_path_buf()], templates, lang).map_err(|e| match e {
        GatherError::NoFiles => Msg::CliNoFiles.fill(lang, &[&display_safe(&dir.to_string_lossy(), false)]),
        GatherError::ReportText(e) => e.display(lang),
    })?;
    let report = &gathered.built.report;
    let markdown = report_md::render(report).into_bytes();
    let word = report_docx::write_docx(report).map_err(|e| Msg::SumExportFailed.fill(lang, &[&e]))?;
    let folder = report_text_path(dir).parent().map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
    let stem = free_stem(&folder, &format!("{}-{today}", Msg::ReportFilePrefix.get(lang)));
    let mut written = Vec::new();
    for (ext, bytes) in [("docx", &word), ("md", &markdown)] {
        let name = format!("{stem}.{ext}");
        let path = write_new(&folder, &name, bytes).map_err(|e| {
            Msg::ErrWrite.fill(lang, &[&display_safe(&folder.join(&name).to_string_lossy(), false), &e])
        })?;
        written.push(path);
    }
    Ok((written, report.blanks().len()))
}

/// `stem`, or `stem-2`, `stem-3` … the first that neither a .md nor a .docx has taken.
fn free_stem(folder: &Path, stem: &str) -> String {
    let taken = |s: &str| ["md", "docx"].iter().any(|ext| folder.join(format!("{s}.{ext}")).exists());
    if !taken(stem) {
        return stem.to_string();
    }
    (2..10_000).map(|n| format!("{stem}-{n}")).find(|s| !taken(s)).unwrap_or_else(|| stem.to_string())
}

/// report.ron of the data folder `dir` (a new, empty one when there is none yet).
pub fn load_report_text(dir: &Path, lang: Lang) -> Result<(PathBuf, ReportText), String> {
    let path = report_text_path(dir);
    let text = load_report_text_or_default(&path).map_err(|e| e.display(lang))?;
    Ok((path, text))
}

/// Save report.ron atomically.
pub fn save(path: &Path, text: &ReportText, lang: Lang) -> Result<PathBuf, String> {
    save_report_text(path, text)
        .map(|()| path.to_path_buf())
        .map_err(|e| Msg::ErrWrite.fill(lang, &[&display_safe(&path.to_string_lossy(), false), &e]))
}
