//! Files on disk: where the data folder is, reading and writing visit and template files.
//!
//! Everything that touches the file system lives here; the core never does.

pub(crate) mod conflict;
pub mod followup;
pub mod followup_next;
pub mod format;
pub mod git;
mod lean;
pub mod lock;
pub mod read;
pub mod reconcile;
pub mod report;
pub mod report_text;
pub mod round;
pub mod save;
pub mod state;
pub mod template_file;

pub use template_file::load_template;

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::core::template::Template;
use crate::core::text::slug;
use crate::core::visit::Visit;
use format::{LoadError, LoadErrorKind, MAX_FILE_BYTES, decode_text, parse_visit, visit_to_ron};

/// The environment variable that names the data folder.
pub const DIR_ENV: &str = "KHAOSAT_DIR";

/// The data folder: `--dir`, else `$KHAOSAT_DIR`, else the platform data folder.
pub fn resolve_data_dir(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = flag {
        return Some(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os(DIR_ENV).filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    project_dirs().map(|d| d.data_dir().to_path_buf())
}

/// The default config file: `config.ron` in the platform config folder.
pub fn default_config_path() -> Option<PathBuf> {
    project_dirs().map(|d| d.config_dir().join("config.ron"))
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "khaosat")
}

/// Read a file's text with the checks every file gets: a regular file, under the size cap,
/// UTF-8 (a BOM is accepted and dropped), not empty. Never blocks on a FIFO.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let io_err = |e: io::Error| LoadError::new(path, None, LoadErrorKind::Io(e.to_string()));
    let meta = fs::metadata(path).map_err(io_err)?;
    if !meta.is_file() {
        return Err(LoadError::new(path, None, LoadErrorKind::NotAFile));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::new(path, None, LoadErrorKind::TooLarge { size: meta.len() }));
    }
    // Opened without blocking and checked again through the handle: a file swapped for a FIFO
    // between the check above and the open cannot hang the read.
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).map_err(io_err)?;
    if !file.metadata().map_err(io_err)?.is_file() {
        return Err(LoadError::new(path, None, LoadErrorKind::NotAFile));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // `take` guards against a file that grows between the size check and the read.
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io_err)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::new(path, None, LoadErrorKind::TooLarge { size: bytes.len() as u64 }));
    }
    decode_text(path, &bytes)
}

/// Load and check one visit file.
pub fn load_visit(path: &Path, templates: &[Template]) -> Result<Visit, LoadError> {
    let text = read_text(path)?;
    parse_visit(path, &text, templates)
}

/// Save a visit over its file, atomically.
pub fn save_visit(path: &Path, visit: &Visit) -> io::Result<()> {
    save::write_atomic(path, visit_to_ron(visit).as_bytes())
}

/// Create the file for a new visit in `dir`, named `DATE_branch-slug.ron`, with a numeric suffix
/// when that name is taken. Returns the path.
pub fn create_visit(dir: &Path, visit: &Visit) -> io::Result<PathBuf> {
    fs::create_dir_all(dir)?;
    let base = format!("{}_{}", visit.meeting.date, slug(&visit.meeting.branch));
    let text = visit_to_ron(visit);
    for n in 1..10_000 {
        let name = if n == 1 { format!("{base}.ron") } else { format!("{base}-{n}.ron") };
        let path = dir.join(name);
        match save::create_new(&path, text.as_bytes()) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(io::ErrorKind::AlreadyExists, "no free file name"))
}

/// Every `.ron` file under the given files and folders, recursively, sorted, without following
/// symbolic links to folders (so a link loop cannot hang the walk). `round.ron`, `report.ron`,
/// `followup.ron` and `config.ron` are not visits and are left out; hidden folders (`.git`) are skipped. Paths given are followed
/// even when they are links (the user named them). Inside a folder, a link named `*.ron` is
/// followed only to a file in that same folder tree: a broken link, or one that leads outside (a
/// shared folder must not pull in another file of the machine), is reported instead.
pub fn find_visit_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<LoadError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let root = fs::canonicalize(path).unwrap_or_else(|_| path.clone());
                walk(path, &root, &mut files, &mut errors)
            }
            Ok(_) => files.push(path.clone()),
            Err(e) => errors.push(LoadError::new(path, None, LoadErrorKind::Io(e.to_string()))),
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

fn walk(dir: &Path, root: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<LoadError>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return errors.push(LoadError::new(dir, None, LoadErrorKind::Io(e.to_string()))),
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            walk(&path, root, files, errors);
        } else if name.ends_with(".ron")
            && !matches!(name.as_ref(), "round.ron" | "report.ron" | "config.ron" | followup::FOLLOWUP_FILE)
        {
            if kind.is_symlink() {
                let target = fs::read_link(&path).unwrap_or_default();
                match fs::canonicalize(&path) {
                    Err(_) => errors.push(LoadError::new(&path, None, LoadErrorKind::BrokenLink { target })),
                    Ok(real) if !real.starts_with(root) => {
                        errors.push(LoadError::new(&path, None, LoadErrorKind::LinkOutside { target }))
                    }
                    Ok(_) => files.push(path),
                }
            } else {
                files.push(path);
            }
        }
    }
}

/// `~` or `~/…` typed for a folder, with the home folder put in; any other path as typed.
pub fn expand_home(typed: &str) -> PathBuf {
    let home = || directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    match typed.strip_prefix('~') {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => match home() {
            Some(home) => home.join(rest.trim_start_matches('/')),
            None => PathBuf::from(typed),
        },
        _ => PathBuf::from(typed),
    }
}

/// The folders whose names complete `typed` (a folder path being typed: the part after the last
/// `/` is the start of a name), as whole texts ending with `/`, sorted. Hidden folders only when
/// the name typed starts with a dot; links to folders count as folders; names that are not UTF-8
/// cannot be typed back and are left out. A folder that cannot be read gives none.
pub fn folder_completions(typed: &str) -> Vec<String> {
    let (folder, start) = match typed.rfind('/') {
        Some(at) => typed.split_at(at + 1),
        None => ("", typed),
    };
    let listed = if folder.is_empty() { PathBuf::from(".") } else { expand_home(folder) };
    let Ok(entries) = fs::read_dir(&listed) else { return Vec::new() };
    let mut found: Vec<String> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            if !name.starts_with(start) || (name.starts_with('.') && !start.starts_with('.')) {
                return None;
            }
            let kind = entry.file_type().ok()?;
            let is_folder = kind.is_dir() || (kind.is_symlink() && entry.path().is_dir());
            is_folder.then(|| format!("{folder}{name}/"))
        })
        .collect();
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_complete_what_is_typed() -> io::Result<()> {
        let root = tempfile::tempdir()?;
        for folder in ["dot-1", "dot-2", ".an"] {
            fs::create_dir(root.path().join(folder))?;
        }
        fs::write(root.path().join("dot-3.txt"), "")?;
        let base = root.path().to_string_lossy().into_owned();
        let names = |typed: &str| -> Vec<String> {
            folder_completions(typed).into_iter().map(|p| p.trim_start_matches(&base).to_string()).collect()
        };
        assert_eq!(names(&format!("{base}/do")), vec!["/dot-1/", "/dot-2/"], "files are left out");
        assert_eq!(names(&format!("{base}/")), vec!["/dot-1/", "/dot-2/"], "hidden ones too");
        assert_eq!(names(&format!("{base}/.")), vec!["/.an/"]);
        assert_eq!(names(&format!("{base}/x")), Vec::<String>::new());
        assert!(folder_completions("/nonexistent-khaosat/a").is_empty());
        Ok(())
    }

    fn sample(template: &Template) -> Visit {
        crate::testing::sample_visit(template)
    }

    #[test]
    fn new_visits_get_unique_slug_names() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let t = Template::embedded();
        let v = sample(&t);
        let first = create_visit(dir.path(), &v)?;
        let second = create_visit(dir.path(), &v)?;
        assert_eq!(first.file_name().and_then(|n| n.to_str()), Some("2022-04-05_chi-bo-so-11.ron"));
        assert_eq!(second.file_name().and_then(|n| n.to_str()), Some("2022-04-05_chi-bo-so-11-2.ron"));
        Ok(())
    }

    #[test]
    fn saved_visit_loads_back_equal() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let t = Template::embedded();
        let v = sample(&t);
        let path = create_visit(dir.path(), &v)?;
        let loaded = load_visit(&path, std::slice::from_ref(&t)).map_err(|e| e.display(crate::strings::Lang::En))?;
        assert_eq!(loaded, v);
        Ok(())
    }

    #[test]
    fn decomposed_text_is_saved_composed_whatever_field_it_is_in() -> Result<(), Box<dyn std::error::Error>> {
        use crate::core::visit::{Answer, Value};
        // "bí thư vắng" as an input method may send it: letters and combining accents (NFD).
        let decomposed = "bi\u{301} thu\u{31b} va\u{306}\u{301}ng";
        let composed = "bí thư vắng";
        let t = Template::embedded();
        let mut v = sample(&t);
        v.meeting.chair = decomposed.into();
        v.inspectors.push(decomposed.into());
        v.notes = decomposed.into();
        v.answers.insert("prep.notice".into(), Answer { value: Some(Value::No), note: decomposed.into() });
        let text_answer = Answer { value: Some(Value::Text(decomposed.into())), note: String::new() };
        v.answers.insert("overall.recommendations".into(), text_answer);
        // Written as a hand edit or another tool would leave it, then read and saved by khaosat.
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("v.ron");
        fs::write(&path, visit_to_ron(&v))?;
        assert!(fs::read_to_string(&path)?.contains('\u{301}'), "the test file holds decomposed text");
        let loaded = load_visit(&path, std::slice::from_ref(&t)).map_err(|e| e.display(crate::strings::Lang::En))?;
        save_visit(&path, &loaded)?;
        let saved = fs::read_to_string(&path)?;
        assert!(!saved.contains('\u{301}') && !saved.contains('\u{306}'), "combining accents were saved:\n{saved}");
        assert_eq!(saved.matches(composed).count(), 5, "chair, inspector, notes, note, text answer:\n{saved}");
        Ok(())
    }

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("x.ron");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
        if crate::testing::require(made, "KHAOSAT_REQUIRE_FIFO", "mkfifo failed here") {
            let err = load_visit(&fifo, &[Template::embedded()]);
            assert!(matches!(err, Err(LoadError { kind: LoadErrorKind::NotAFile, .. })));
        }
    }
}
