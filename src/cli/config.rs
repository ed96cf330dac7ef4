//! The user's settings: `config.ron` in the platform config folder (or `--config FILE`).
//! A missing file means defaults; a bad file means defaults plus a message naming line and column.
//!
//! Read by the commands, which hand the settings on; it sits with them, above the TUI whose key
//! actions it names, so nothing below the commands depends on it.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::store::format::LoadError;
use crate::store::read_text;
use crate::strings::Lang;
use crate::tui::keymap::Action;

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Pre-filled as the inspector of new visits.
    pub inspector: String,
    pub lang: Option<Lang>,
    /// `false` turns colours off (so does the `NO_COLOR` environment variable).
    pub colors: Option<bool>,
    /// Rebind actions: `keys: { next_unanswered: ["w"], undo: ["ctrl-z", "u"] }`.
    pub keys: BTreeMap<Action, Vec<String>>,
}

/// An example for the README and `config path`.
pub const EXAMPLE: &str = r#"(
  inspector: "Lê Thị Tú",
  lang: Some(vi),
  colors: Some(true),
  keys: { next_unanswered: ["space", "w"] },
)
"#;

/// Load the config file. A missing file gives the defaults and no error.
pub fn load(path: &Path) -> (Config, Option<LoadError>) {
    if !path.exists() {
        return (Config::default(), None);
    }
    let text = match read_text(path) {
        Ok(text) => text,
        Err(e) => return (Config::default(), Some(e)),
    };
    match ron::Options::default().from_str::<Config>(&text) {
        Ok(config) => (config, None),
        Err(e) => (Config::default(), Some(LoadError::from_spanned(path, &e))),
    }
}

/// Whether to use colours: the config, overridden off by `NO_COLOR`.
pub fn colors_enabled(config: &Config) -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color && config.colors.unwrap_or(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_parses() {
        let config: Result<Config, _> = ron::Options::default().from_str(EXAMPLE);
        let config = config.expect("example config parses");
        assert_eq!(config.inspector, "Lê Thị Tú");
        assert_eq!(config.keys.get(&Action::NextUnanswered).map(Vec::len), Some(2));
    }

    #[test]
    fn bad_file_gives_defaults_and_a_position() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("config.ron");
        std::fs::write(&path, "(\n  inspektor: \"x\",\n)\n")?;
        let (config, error) = load(&path);
        assert_eq!(config, Config::default());
        let error = error.expect("an error");
        assert_eq!(error.position, Some((2, 3)));
        Ok(())
    }

    #[test]
    fn missing_file_is_not_an_error() {
        let (config, error) = load(Path::new("/nonexistent/khaosat/config.ron"));
        assert_eq!(config, Config::default());
        assert!(error.is_none());
    }
}
