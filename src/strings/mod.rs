//! Every user-facing text, in Vietnamese and English, side by side: the general table
//! (`messages.rs`, [`Msg`]), the report's words (`report.rs`, [`ReportMsg`]) and `--help`'s
//! (`cli_help.rs`, [`HelpMsg`]); here the languages and how a message is filled in.
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

/// A table of messages: an enum of keys, each with its Vietnamese and English text, `get` and
/// `fill`. One table per area, so that no table grows past what a reader can take in.
macro_rules! messages {
    ($table:ident; $($name:ident => $vi:literal, $en:literal;)*) => {
        /// A message key. `get` gives its text in a language.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $table { $($name),* }

        impl $table {
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(($table::$name, Lang::Vi) => $vi, ($table::$name, Lang::En) => $en,)*
                }
            }

            /// The text with `{0}`, `{1}` … replaced by `args`.
            pub fn fill(self, lang: Lang, args: &[&dyn std::fmt::Display]) -> String {
                super::fill(self.get(lang), args)
            }
        }
    };
}

/// `text` with `{0}`, `{1}` … replaced by `args`.
fn fill(text: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut text = text.to_string();
    for (i, arg) in args.iter().enumerate() {
        text = text.replace(&format!("{{{i}}}"), &arg.to_string());
    }
    text
}

mod cli_help;
mod followup;
mod followup_next;
mod merge;
mod messages;
mod plain;
mod reconcile;
mod report;
mod rollup;
mod rollup_origin;
mod sync;
mod team;
pub use cli_help::HelpMsg;
pub use followup::FollowupMsg;
pub use followup_next::FollowupNextMsg;
pub use merge::MergeMsg;
pub use messages::Msg;
pub use plain::PlainMsg;
pub use reconcile::ReconcileMsg;
pub use report::ReportMsg;
pub use rollup::RollupMsg;
pub use rollup_origin::RollupOriginMsg;
pub use sync::SyncMsg;
pub use team::TeamMsg;

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
