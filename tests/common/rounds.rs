//! Round folders for the follow-up tests: the demo round copied, a visit's answers changed, and
//! rounds kept side by side (the next round found among the siblings).

use std::fs;
use std::path::Path;

use khaosat::core::round::template_for_round;
use khaosat::core::template::Template;
use khaosat::core::visit::{Answer, Value, Visit};
use khaosat::store::round::load_round;
use khaosat::store::{load_visit, save_visit};
use khaosat::strings::Lang;

use super::{MANIFEST, Result};

const DEMO: &str = "data/examples/round-967";

/// Copy the demo round's files (not its hidden ones) into `dir`.
pub fn copy_demo(dir: &Path) -> Result {
    for entry in fs::read_dir(Path::new(MANIFEST).join(DEMO))? {
        let path = entry?.path();
        let name = path.file_name().ok_or("name")?;
        if !name.to_string_lossy().starts_with('.') {
            fs::copy(&path, dir.join(name))?;
        }
    }
    Ok(())
}

/// Change answers of the visit of `dir` whose file name contains `file`.
pub fn edit(dir: &Path, file: &str, change: impl FnOnce(&mut Visit)) -> Result {
    let round = load_round(&dir.join("round.ron")).map_err(|e| e.display(Lang::En))?;
    let templates = vec![template_for_round(&Template::embedded(), &round)];
    let path = fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "ron") && p.to_string_lossy().contains(file))
        .ok_or(format!("no {file}"))?;
    let mut visit = load_visit(&path, &templates).map_err(|e| e.display(Lang::En))?;
    change(&mut visit);
    save_visit(&path, &visit)?;
    Ok(())
}

pub fn set(visit: &mut Visit, id: &str, value: Value) {
    visit.answers.insert(id.into(), Answer { value: Some(value), note: String::new() });
}

/// Rounds kept side by side: `2022-q2` (the demo), an earlier `2021-q4`, a later `2022-q3` that
/// visits none of its branches, and `2022-q4` (the demo again, later) in which two findings are
/// fixed. Returns the parent folder.
pub fn rounds_side_by_side() -> Result<tempfile::TempDir> {
    let parent = tempfile::tempdir()?;
    for (name, from, to) in [
        ("2022-q2", "2022-04-04", "2022-04-21"),
        ("2021-q4", "2021-10-04", "2021-10-21"),
        ("2022-q3", "2022-07-04", "2022-07-21"),
        ("2022-q4", "2022-10-03", "2022-10-21"),
    ] {
        let dir = parent.path().join(name);
        fs::create_dir(&dir)?;
        copy_demo(&dir)?;
        let round = fs::read_to_string(dir.join("round.ron"))?
            .replace("from: \"2022-04-04\"", &format!("from: \"{from}\""))
            .replace("to: \"2022-04-21\"", &format!("to: \"{to}\""));
        fs::write(dir.join("round.ron"), round)?;
    }
    // The round in between visited other branches only: it has no visits of these.
    for entry in fs::read_dir(parent.path().join("2022-q3"))? {
        let path = entry?.path();
        if path.file_name().is_some_and(|n| n != "round.ron") {
            fs::remove_file(path)?;
        }
    }
    let next = parent.path().join("2022-q4");
    edit(&next, "doi-tong-hop", |v| set(v, "crit.commitments_review", Value::Yes))?;
    edit(&next, "cong-an-phuong", |v| set(v, "prep.fits_type", Value::Scale(4)))?;
    Ok(parent)
}
