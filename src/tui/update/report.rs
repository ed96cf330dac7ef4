//! The summary screen's report keys: `m` writes the round's report (Markdown and Word) into the
//! round's folder; `w` edits the team's own text of it (report.ron), one field at a time, each
//! saved at once. Reading and writing files is the runtime's (effects and events).

use std::path::PathBuf;

use crate::core::report::ReportText;
use crate::core::text::display_safe;
use crate::strings::Msg;
use crate::tui::state::prompts::{Editor, Picker, Target};
use crate::tui::state::report::{ReportField, ReportTextEdit};
use crate::tui::state::{App, Effect, Overlay};

/// `m`: write the report.
pub(super) fn write(app: &mut App) -> Vec<Effect> {
    app.flash = Some(Msg::ReportWriting.get(app.lang).to_string());
    vec![Effect::WriteReport]
}

/// The report files were written (the paths, and how many blanks are left), or not.
pub(super) fn written(app: &mut App, result: Result<(Vec<PathBuf>, usize), String>) {
    app.flash = Some(match result {
        Ok((paths, blanks)) => {
            // "report-2026-12-01.docx and .md into round-967/": the status line is one row.
            let name = |p: &PathBuf| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let first = paths.first().map(name).unwrap_or_default();
            let others: Vec<String> = paths
                .iter()
                .skip(1)
                .filter_map(|p| p.extension())
                .map(|e| format!(".{}", e.to_string_lossy()))
                .collect();
            let folder = paths.first().and_then(|p| p.parent()).and_then(|d| d.file_name());
            let folder = folder.map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
            let args: [&dyn std::fmt::Display; 3] =
                [&display_safe(&first, false), &display_safe(&others.join(", "), false), &display_safe(&folder, false)];
            let wrote = Msg::ReportWrote.fill(app.lang, &args);
            if blanks > 0 { format!("{wrote} · {}", Msg::ReportBlanksLeft.fill(app.lang, &[&blanks])) } else { wrote }
        }
        Err(e) => e,
    });
}

/// `w`: read report.ron (or start an empty one) to edit it.
pub(super) fn edit(_app: &mut App) -> Vec<Effect> {
    vec![Effect::LoadReportText]
}

/// report.ron was read: the list of its fields.
pub(super) fn loaded(app: &mut App, result: Result<(PathBuf, ReportText), String>) {
    match result {
        Ok((path, text)) => {
            app.report_text = Some(ReportTextEdit { path, text });
            open_fields(app, ReportField::ALL[0]);
        }
        Err(e) => app.flash = Some(e),
    }
}

/// The fields with what each holds now, the cursor on `at`.
fn open_fields(app: &mut App, at: ReportField) {
    let Some(edit) = app.report_text.as_ref() else { return };
    let lang = app.lang;
    let options = ReportField::ALL
        .into_iter()
        .map(|field| {
            let now = field.get(&edit.text).replace('\n', " ⏎ ");
            let shown = if now.trim().is_empty() { Msg::ReportFieldEmpty.get(lang).to_string() } else { now };
            (field.id().to_string(), format!("{}: {}", field.label().get(lang), display_safe(&shown, false)))
        })
        .collect();
    app.overlay = Overlay::Picker(Picker::single(Target::ReportField, options, at.id().to_string()));
}

/// A field picked in the list: its editor.
pub(super) fn pick(app: &mut App, picked: &str) {
    let (Some(field), Some(edit)) = (ReportField::from_id(picked), app.report_text.as_ref()) else { return };
    let text = field.get(&edit.text);
    app.overlay = Overlay::Editor(Editor::new(Target::ReportText(field), &text, field.multiline()));
}

/// The editor confirmed a field: store it and save report.ron at once.
pub(super) fn confirm(app: &mut App, field: ReportField, value: &str) -> Result<Vec<Effect>, String> {
    let lang = app.lang;
    let Some(edit) = app.report_text.as_mut() else { return Ok(Vec::new()) };
    field.set(&mut edit.text, value, lang)?;
    Ok(vec![Effect::SaveReportText { path: edit.path.clone(), text: Box::new(edit.text.clone()), field }])
}

/// report.ron was saved (or not): say so, and go on to the next field.
pub(super) fn saved(app: &mut App, field: ReportField, result: Result<PathBuf, String>) {
    match result {
        Ok(path) => {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            app.flash = Some(Msg::ReportTextSaved.fill(app.lang, &[&display_safe(&name, false)]));
            let at = ReportField::ALL.iter().position(|f| *f == field).unwrap_or(0);
            open_fields(app, ReportField::ALL[(at + 1).min(ReportField::ALL.len() - 1)]);
        }
        Err(e) => app.flash = Some(e),
    }
}
