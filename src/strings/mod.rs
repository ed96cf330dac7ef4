//! Every user-facing text, in Vietnamese and English, side by side in one table
//! (`messages.rs`); here the languages and how a message is filled in.
//!
//! Parametrised messages use `{0}`, `{1}` … placeholders filled by [`Msg::fill`].

use serde::{Deserialize, Serialize};

/// The language of messages and labels. Vietnamese first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// From a locale string such as `LANG=en_US.UTF-8`: English when it starts with `en`, else Vietnamese.
    pub fn from_locale(locale: Option<&str>) -> Lang {
        match locale {
            Some(l) if l.to_ascii_lowercase().starts_with("en") => Lang::En,
            _ => Lang::Vi,
        }
    }

    /// From the environment: `LC_ALL`, `LC_MESSAGES`, then `LANG`.
    pub fn from_env() -> Lang {
        let var =
            ["LC_ALL", "LC_MESSAGES", "LANG"].iter().filter_map(|k| std::env::var(k).ok()).find(|v| !v.is_empty());
        Lang::from_locale(var.as_deref())
    }
}

macro_rules! messages {
    ($($name:ident => $vi:literal, $en:literal;)*) => {
        /// A message key. `get` gives its text in a language.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg { $($name),* }

        impl Msg {
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$name, Lang::Vi) => $vi, (Msg::$name, Lang::En) => $en,)*
                }
            }
        }
    };
}

impl Msg {
    /// The text with `{0}`, `{1}` … replaced by `args`.
    pub fn fill(self, lang: Lang, args: &[&dyn std::fmt::Display]) -> String {
        let mut text = self.get(lang).to_string();
        for (i, arg) in args.iter().enumerate() {
            text = text.replace(&format!("{{{i}}}"), &arg.to_string());
        }
        text
    }
}

mod messages;
pub use messages::Msg;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_picks_english_only_when_asked() {
        assert_eq!(Lang::from_locale(Some("en_US.UTF-8")), Lang::En);
        assert_eq!(Lang::from_locale(Some("vi_VN.UTF-8")), Lang::Vi);
        assert_eq!(Lang::from_locale(Some("C.UTF-8")), Lang::Vi);
        assert_eq!(Lang::from_locale(None), Lang::Vi);
    }

    #[test]
    fn fill_replaces_placeholders() {
        assert_eq!(Msg::ProblemOutOfRange.fill(Lang::En, &[&"x", &7, &0, &5]), "x: 7 is outside 0–5");
    }
}
