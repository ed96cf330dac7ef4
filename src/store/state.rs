//! What the program remembers for one user between runs — never in the data folder, which a
//! team may share: the folder each data folder was last compared with. It lives in the
//! platform's state folder (`$XDG_STATE_HOME/khaosat`, `~/.local/state/khaosat` on Linux; the
//! cache folder where there is no state folder), in `compare.ron`.
//!
//! It is a convenience: a file that is missing, unreadable or broken is treated as empty, and a
//! failed write is not reported (the comparison itself worked; the folder is still offered again
//! for the rest of the session).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// At most this many data folders are remembered (the most recent first).
const KEEP: usize = 50;

/// The state file, when the platform has a place for it.
pub fn default_path() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "khaosat")?;
    let dir = dirs.state_dir().unwrap_or_else(|| dirs.cache_dir());
    Some(dir.join("compare.ron"))
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Remembered {
    /// (data folder, folder compared with), the most recent first.
    compared: Vec<(PathBuf, PathBuf)>,
}

fn read(state: &Path) -> Remembered {
    let Ok(text) = super::read_text(state) else { return Remembered::default() };
    ron::from_str(&text).unwrap_or_default()
}

/// The same folder however it was named (`--dir .` or the full path).
fn key(data_dir: &Path) -> PathBuf {
    fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf())
}

/// The folder `data_dir` was last compared with, if remembered.
pub fn last_compared(state: &Path, data_dir: &Path) -> Option<PathBuf> {
    let key = key(data_dir);
    read(state).compared.into_iter().find(|(dir, _)| *dir == key).map(|(_, old)| old)
}

/// Remember that `data_dir` was compared with `old`.
pub fn remember_compared(state: &Path, data_dir: &Path, old: &Path) -> io::Result<()> {
    let key = key(data_dir);
    let mut remembered = read(state);
    remembered.compared.retain(|(dir, _)| *dir != key);
    remembered.compared.insert(0, (key, old.to_path_buf()));
    remembered.compared.truncate(KEEP);
    let text = ron::ser::to_string_pretty(&remembered, ron::ser::PrettyConfig::default())
        .map_err(|e| io::Error::other(e.to_string()))?;
    if let Some(dir) = state.parent() {
        fs::create_dir_all(dir)?;
    }
    super::save::write_atomic(state, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_compared_last_is_remembered_per_data_folder() -> io::Result<()> {
        let root = tempfile::tempdir()?;
        let state = root.path().join("state").join("compare.ron");
        let (a, b) = (root.path().join("a"), root.path().join("b"));
        fs::create_dir_all(&a)?;
        fs::create_dir_all(&b)?;
        assert_eq!(last_compared(&state, &a), None, "nothing yet");
        remember_compared(&state, &a, Path::new("/rounds/2021"))?;
        remember_compared(&state, &b, Path::new("/rounds/2020"))?;
        remember_compared(&state, &a.join("."), Path::new("/rounds/2022"))?;
        assert_eq!(last_compared(&state, &a), Some(PathBuf::from("/rounds/2022")));
        assert_eq!(last_compared(&state, &b), Some(PathBuf::from("/rounds/2020")));
        fs::write(&state, "not ron")?;
        assert_eq!(last_compared(&state, &a), None, "a broken file is forgotten, not an error");
        remember_compared(&state, &a, Path::new("/rounds/2023"))?;
        assert_eq!(last_compared(&state, &a), Some(PathBuf::from("/rounds/2023")));
        Ok(())
    }
}
