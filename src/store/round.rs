//! `round.ron` on disk: finding the one that governs a folder, reading and writing it.
//!
//! A folder is governed by the `round.ron` of the nearest folder at or above it, so visits may be
//! sorted into subfolders (per inspector, per committee) under the round's folder. The visit walker
//! ([`super::find_visit_files`]) never takes `round.ron` for a visit.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

use crate::core::round::{ROUND_SCHEMA_VERSION, Round, SummaryRound, VisitBrief, summary_rounds, template_for_round};
use crate::core::summary::VisitInfo;
use crate::core::template::Template;
use crate::store::format::{LoadError, LoadErrorKind, conflict_line};
use crate::store::{read_text, save};

/// The name of the round file.
pub const ROUND_FILE: &str = "round.ron";

/// Whether `path` names a round file.
pub fn is_round_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == ROUND_FILE)
}

/// `path` made absolute with `.` and `..` resolved: through the file system when it exists (links
/// resolved), else by the text of the path (a folder about to be created).
fn absolute(path: &Path) -> PathBuf {
    if let Ok(real) = fs::canonicalize(path) {
        return real;
    }
    let joined = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The `round.ron` governing `path` (a folder, or a file whose folder is meant): the one in the
/// nearest folder at or above it. None when there is none up to the root.
pub fn find_round_file(path: &Path) -> Option<PathBuf> {
    let path = absolute(path);
    let start =
        if path.is_dir() || !path.exists() && path.extension().is_none() { path.as_path() } else { path.parent()? };
    start.ancestors().map(|dir| dir.join(ROUND_FILE)).find(|file| file.is_file())
}

#[derive(Deserialize)]
struct SchemaProbe {
    schema: u32,
}

/// Read and parse a round file. Texts are normalised as in visits.
pub fn load_round(path: &Path) -> Result<Round, LoadError> {
    let text = read_text(path)?;
    parse_round(path, &text)
}

/// Parse the text of a round file (`path` names it in errors).
pub fn parse_round(path: &Path, text: &str) -> Result<Round, LoadError> {
    if let Some(line) = conflict_line(text) {
        return Err(LoadError::new(path, Some((line, 1)), LoadErrorKind::Conflict { line }));
    }
    if let Ok(probe) = ron::Options::default().from_str::<SchemaProbe>(text)
        && probe.schema > ROUND_SCHEMA_VERSION
    {
        return Err(LoadError::new(
            path,
            None,
            LoadErrorKind::NewerSchema { found: probe.schema, reads: ROUND_SCHEMA_VERSION },
        ));
    }
    let mut round: Round = ron::Options::default().from_str(text).map_err(|e| LoadError::from_parse(path, text, &e))?;
    round.normalize();
    Ok(round)
}

/// The deterministic text of a round file, in the layout of visit files, marked with the file
/// format it needs ([`Round::schema_needed`]): a round using nothing format 2 added is written as
/// format 1, which older builds read.
pub fn round_to_ron(round: &Round) -> String {
    // Normalising sets it; a round changed since (or built by hand) may not have been normalised.
    if round.schema != round.schema_needed() {
        let mut marked = round.clone();
        marked.schema = round.schema_needed();
        return crate::store::format::to_file_ron(&marked);
    }
    crate::store::format::to_file_ron(round)
}

/// Write a round file over `path`, atomically.
pub fn save_round(path: &Path, round: &Round) -> io::Result<()> {
    save::write_atomic(path, round_to_ron(round).as_bytes())
}

/// Create `dir/round.ron` (and `dir`); never over an existing one.
pub fn create_round(dir: &Path, round: &Round) -> io::Result<PathBuf> {
    fs::create_dir_all(dir)?;
    let path = dir.join(ROUND_FILE);
    save::create_new(&path, round_to_ron(round).as_bytes())?;
    Ok(path)
}

#[cfg(test)]
mod previous_tests {
    use super::*;

    #[test]
    fn file_names_are_matched_by_the_branch_slug_with_an_optional_counter() {
        let slug = "chi-bo-so-11";
        assert!(slug_matches(Path::new("/d/2022-04-05_chi-bo-so-11.ron"), slug));
        assert!(slug_matches(Path::new("/d/2022-04-05_chi-bo-so-11-2.ron"), slug));
        assert!(!slug_matches(Path::new("/d/2022-04-05_chi-bo-so-1.ron"), slug));
        assert!(!slug_matches(Path::new("/d/2022-04-05_chi-bo-so-11a.ron"), slug));
        assert!(!slug_matches(Path::new("/d/2022-04-05_chi-bo-so-1.ron"), "chi-bo-so-11"));
        assert!(!slug_matches(Path::new("/d/2022-04-05_chi-bo-so-11.ron"), "chi-bo-so-1"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::round::PlannedBranch;
    use crate::core::visit::BranchType;
    use jiff::civil::date;

    fn sample() -> Round {
        let mut r = Round::new("967-QĐ/QU", date(2022, 3, 23), date(2022, 4, 4), date(2022, 4, 21));
        r.plan(PlannedBranch {
            branch: "Chi bộ số 11".into(),
            committee: "Đảng bộ phường Mai Dịch".into(),
            branch_type: BranchType::KhuDanCu,
            date: Some(date(2022, 4, 6)),
            inspector: "Lê Thị Tú".into(),
            previously: None,
        });
        r
    }

    #[test]
    fn written_round_reads_back_and_is_found_from_below() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let r = sample();
        let path = create_round(dir.path(), &r)?;
        assert!(create_round(dir.path(), &r).is_err(), "never clobbers");
        let loaded = load_round(&path).map_err(|e| e.display(crate::strings::Lang::En))?;
        assert_eq!(loaded, r);
        assert_eq!(round_to_ron(&loaded), fs::read_to_string(&path)?);
        let nested = dir.path().join("le-thi-tu");
        fs::create_dir_all(&nested)?;
        let real = fs::canonicalize(&path)?;
        assert_eq!(find_round_file(&nested), Some(real.clone()));
        assert_eq!(find_round_file(&nested.join("2022-04-06_chi-bo-so-11.ron")), Some(real.clone()));
        assert_eq!(find_round_file(&nested.join("not-yet").join("..").join("x")), Some(real.clone()));
        assert_eq!(find_round_file(dir.path()), Some(real));
        Ok(())
    }

    /// Issue 14: `rules` and `previously` need format 2; a round without them is still written
    /// as format 1, byte for byte as before, so older builds keep reading it.
    #[test]
    fn the_round_format_is_the_oldest_that_holds_the_round() -> Result<(), Box<dyn std::error::Error>> {
        use crate::core::round::PreviousName;
        let p = Path::new("round.ron");
        let plain = sample();
        let text = round_to_ron(&plain);
        assert!(text.starts_with("(\n  schema: 1,\n"), "{text}");
        assert!(!text.contains("rules") && !text.contains("previously"), "{text}");
        assert_eq!(parse_round(p, &text).map_err(|e| e.display(crate::strings::Lang::En))?, plain);

        let mut ruled = sample();
        ruled.rules = Some("hd42-2025".into());
        let text = round_to_ron(&ruled);
        assert!(text.starts_with("(\n  schema: 2,\n"), "marked without normalising first: {text}");
        assert!(text.contains("rules: Some(\"hd42-2025\")"), "{text}");
        let back = parse_round(p, &text).map_err(|e| e.display(crate::strings::Lang::En))?;
        assert_eq!((back.schema, back.rules.as_deref()), (2, Some("hd42-2025")));

        let mut renamed = sample();
        renamed.branches[0].committee = "Đảng ủy phường Nghĩa Đô".into();
        renamed.branches[0].previously =
            Some(PreviousName { branch: String::new(), committee: "Đảng bộ phường Mai Dịch".into() });
        renamed.normalize();
        assert_eq!(renamed.schema, 2);
        let text = round_to_ron(&renamed);
        assert!(text.starts_with("(\n  schema: 2,\n"), "{text}");
        assert!(
            text.contains("previously: Some((\n        committee: \"Đảng bộ phường Mai Dịch\",\n      )),"),
            "{text}"
        );
        let back = parse_round(p, &text).map_err(|e| e.display(crate::strings::Lang::En))?;
        assert_eq!(back, renamed);
        assert_eq!(round_to_ron(&back), text, "written again the same");

        // Dropping what needed format 2 writes format 1 again.
        let mut back = back;
        back.branches[0].previously = None;
        back.normalize();
        assert!(round_to_ron(&back).starts_with("(\n  schema: 1,\n"));
        // A format 1 file naming the new fields (typed by hand) still reads, as format 2.
        let typed = round_to_ron(&ruled).replace("schema: 2", "schema: 1");
        let read = parse_round(p, &typed).map_err(|e| e.display(crate::strings::Lang::En))?;
        assert_eq!((read.schema, read.rules.as_deref()), (2, Some("hd42-2025")));
        // A newer format than this build's is refused as such.
        let newer = text.replace("schema: 2", &format!("schema: {}", ROUND_SCHEMA_VERSION + 1));
        assert!(matches!(parse_round(p, &newer), Err(LoadError { kind: LoadErrorKind::NewerSchema { .. }, .. })));
        Ok(())
    }

    #[test]
    fn newer_and_broken_round_files_say_why() {
        let p = Path::new("round.ron");
        let text = round_to_ron(&sample()).replace("schema: 1", "schema: 9");
        assert!(matches!(
            parse_round(p, &text),
            Err(LoadError { kind: LoadErrorKind::NewerSchema { found: 9, reads: ROUND_SCHEMA_VERSION }, .. })
        ));
        let bad = round_to_ron(&sample()).replace("decision:", "decisoin:");
        assert!(matches!(
            parse_round(p, &bad),
            Err(LoadError { kind: LoadErrorKind::Syntax(_), position: Some(_), .. })
        ));
        assert!(is_round_file(Path::new("a/round.ron")));
        assert!(!is_round_file(Path::new("a/round.ron.bak")));
    }
}

/// Where last round's visit of a branch may be: the folder's visit files (recursively) and, when
/// the folder is a round's folder, those of its sibling folders (earlier rounds kept side by side).
/// Only files whose name carries the branch's slug are read (`DATE_slug.ron`, as khaosat names
/// them); the caller picks among them with [`crate::core::round::previous_visit`].
pub fn previous_candidates(dir: &Path, branch: &str) -> Vec<PathBuf> {
    let mut roots = vec![dir.to_path_buf()];
    if dir.join(ROUND_FILE).is_file()
        && let Some(parent) = dir.parent()
        && let Ok(entries) = fs::read_dir(parent)
    {
        roots.extend(entries.flatten().map(|e| e.path()).filter(|p| p.is_dir() && p != dir && !is_hidden(p)));
    }
    let slug = crate::core::text::slug(branch);
    let (files, _) = super::find_visit_files(&roots);
    files.into_iter().filter(|f| slug_matches(f, &slug)).collect()
}

/// The folder of the round before the one in `dir`: among sibling folders with a `round.ron`, the
/// one whose period ends last before this round starts (or, without a round here, ends last).
pub fn earlier_round_folder(dir: &Path) -> Option<PathBuf> {
    let current = load_round(&dir.join(ROUND_FILE)).ok();
    let parent = dir.parent()?;
    fs::read_dir(parent)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir() && p != dir && !is_hidden(p))
        .filter_map(|p| load_round(&p.join(ROUND_FILE)).ok().map(|r| (p, r)))
        .filter(|(_, r)| current.as_ref().is_none_or(|c| r.to < c.from))
        .max_by_key(|(_, r)| r.to)
        .map(|(p, _)| p)
}

fn is_hidden(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

/// Whether a file named `DATE_slug.ron` or `DATE_slug-N.ron` belongs to the branch `slug`.
/// (The caller still compares the names inside: this only saves reading unrelated files.)
fn slug_matches(path: &Path, slug: &str) -> bool {
    let Some(stem) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else { return false };
    let Some((_, named)) = stem.split_once('_') else { return false };
    named == slug
        || named
            .strip_prefix(slug)
            .and_then(|rest| rest.strip_prefix('-'))
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// The round.ron governing each visit file, each loaded once, with the templates as it uses them.
///
/// Use [`RoundResolver::resolve`] (mutable: it loads) for every file first, then
/// [`RoundResolver::templates`] (shared: it can be used from several threads) to load the file.
#[derive(Debug)]
pub struct RoundResolver<'a> {
    base: &'a [Template],
    /// Folder → its round file.
    dirs: HashMap<PathBuf, Option<PathBuf>>,
    /// Round file → the round and its templates; None when it could not be loaded.
    rounds: HashMap<PathBuf, Option<(Round, Vec<Template>)>>,
    errors: Vec<LoadError>,
}

impl<'a> RoundResolver<'a> {
    pub fn new(base: &'a [Template]) -> RoundResolver<'a> {
        RoundResolver { base, dirs: HashMap::new(), rounds: HashMap::new(), errors: Vec::new() }
    }

    /// The round file governing `path` (a visit file, or a folder), when one does and it loads.
    pub fn resolve(&mut self, path: &Path) -> Option<PathBuf> {
        if path.is_dir() { self.resolve_dir(path) } else { self.resolve_file(path) }
    }

    /// The round file governing the visit file `file` (its folder's), without asking the file
    /// system what `file` is.
    pub fn resolve_file(&mut self, file: &Path) -> Option<PathBuf> {
        match file.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => self.resolve_dir(dir),
            _ => self.resolve_dir(Path::new(".")),
        }
    }

    fn resolve_dir(&mut self, dir: &Path) -> Option<PathBuf> {
        let file = match self.dirs.get(dir) {
            Some(found) => found.clone()?,
            None => {
                let found = find_round_file(dir);
                self.dirs.insert(dir.to_path_buf(), found.clone());
                found?
            }
        };
        if !self.rounds.contains_key(&file) {
            let loaded = match load_round(&file) {
                Ok(round) => {
                    let templates = self.base.iter().map(|t| template_for_round(t, &round)).collect();
                    Some((round, templates))
                }
                Err(e) => {
                    self.errors.push(e);
                    None
                }
            };
            self.rounds.insert(file.clone(), loaded);
        }
        self.rounds.get(&file)?.as_ref().map(|_| file)
    }

    /// The templates to load a file governed by `round_file` against.
    pub fn templates(&self, round_file: Option<&PathBuf>) -> &[Template] {
        match round_file.and_then(|f| self.rounds.get(f)).and_then(Option::as_ref) {
            Some((_, templates)) => templates,
            None => self.base,
        }
    }

    pub fn round(&self, round_file: Option<&PathBuf>) -> Option<&Round> {
        round_file.and_then(|f| self.rounds.get(f)).and_then(Option::as_ref).map(|(r, _)| r)
    }

    /// Every round file loaded so far, with its round.
    pub fn loaded(&self) -> impl Iterator<Item = (&PathBuf, &Round)> {
        self.rounds.iter().filter_map(|(p, r)| r.as_ref().map(|(r, _)| (p, r)))
    }

    /// Round files that could not be loaded since the last call.
    pub fn take_errors(&mut self) -> Vec<LoadError> {
        std::mem::take(&mut self.errors)
    }
}

/// The rounds a summary of `paths` reports ([`summary_rounds`]): those of the round files
/// governing one of `paths` or the folder of one of the summarised `visits`, each read once
/// through `resolver` (whose errors the caller reports). Round files are named relative to the
/// working folder when they are inside it, like the paths a user gives.
pub fn rounds_of_summary(resolver: &mut RoundResolver, paths: &[PathBuf], visits: &[VisitInfo]) -> Vec<SummaryRound> {
    let mut files: Vec<(PathBuf, Round)> = Vec::new();
    let mut index: HashMap<PathBuf, usize> = HashMap::new();
    let mut file_index = |resolver: &RoundResolver, key: Option<PathBuf>| -> Option<usize> {
        let key = key?;
        if let Some(&i) = index.get(&key) {
            return Some(i);
        }
        let round = resolver.round(Some(&key))?.clone();
        files.push((shown_path(&key), round));
        index.insert(key, files.len() - 1);
        Some(files.len() - 1)
    };
    for path in paths {
        let key = resolver.resolve(path);
        file_index(resolver, key);
    }
    let governing: Vec<Option<usize>> = visits
        .iter()
        .map(|v| {
            let key = resolver.resolve_file(&v.file);
            file_index(resolver, key)
        })
        .collect();
    if files.is_empty() {
        return Vec::new();
    }
    let briefs: Vec<VisitBrief> = visits.iter().map(VisitBrief::from).collect();
    summary_rounds(&files, &governing, &briefs)
}

/// `path` relative to the working folder when inside it, else as it is.
fn shown_path(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(fs::canonicalize(&cwd).unwrap_or(cwd)).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}
