//! `--help` in the user's language. clap writes the help from the texts of a `Command`; the one
//! derived from [`Cli`] has the English doc comments. Before parsing, the language is read from
//! `--lang` in the arguments or from the locale (clap cannot tell it yet), and every text of the
//! built command — the about of each subcommand, the help of each argument, and clap's own words
//! (headings, `--help`, `--version`, the `help` subcommand, defaults and possible values) — is set
//! from the strings table. The arguments themselves are not touched, so parsing is unchanged.

use std::ffi::OsString;

use clap::builder::PossibleValue;
use clap::{Arg, Command, CommandFactory, ValueEnum};

use super::Cli;
use crate::strings::{HelpMsg, Lang};

/// The language `--lang` names in `args` (the program name first), if any: `--lang en` or
/// `--lang=en`, anywhere before a `--`.
pub fn lang_in_args(args: &[OsString]) -> Option<Lang> {
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        let value = match word.as_ref() {
            "--" => return None,
            "--lang" => words.next().map(|v| v.into_owned()),
            other => other.strip_prefix("--lang=").map(str::to_string),
        };
        if let Some(lang) = value.and_then(|v| Lang::from_str(&v, true).ok()) {
            return Some(lang);
        }
    }
    None
}

/// The command line's definition with every text in `lang`, built (ready to parse, or to write
/// completions from).
pub fn command(lang: Lang) -> Command {
    let mut cmd = Cli::command();
    // Built first: global arguments are then copied into each subcommand, and clap has added its
    // `--help`, `--version` and `help` subcommand, so all of them get their texts below.
    cmd.build();
    localize(&mut cmd, "", lang);
    cmd
}

/// Set the texts of `cmd` (whose path of subcommand names is `path`) and of its subcommands.
fn localize(cmd: &mut Command, path: &str, lang: Lang) {
    let usage = HelpMsg::CliHelpUsage.get(lang);
    // clap's own template, with the usage heading in words of the language.
    let template = format!("{{before-help}}{{about-with-newline}}\n{usage} {{usage}}\n\n{{all-args}}{{after-help}}");
    let mut localized = std::mem::take(cmd)
        .help_template(template)
        .subcommand_help_heading(HelpMsg::CliHelpCommands.get(lang))
        .mut_args(|arg| localize_arg(arg, path, lang));
    if let Some((about, more)) = about(path) {
        localized = localized.about(about.get(lang));
        if let Some(more) = more {
            localized = localized.long_about(format!("{}\n\n{}", about.get(lang), more.get(lang)));
        }
    } else if let Some(about) = super::team::help_about(path) {
        localized = localized.about(about.get(lang));
    }
    if let Some(about) = super::followup::help_about(path) {
        localized = localized.about(about.get(lang));
    }
    if let Some(about) = super::followup_check::help_about(path) {
        localized = localized.about(about.get(lang));
    }
    if let Some(about) = super::reconcile::about(path) {
        localized = localized.about(about.get(lang));
    }
    for sub in localized.get_subcommands_mut() {
        let sub_path = if path.is_empty() { sub.get_name().to_string() } else { format!("{path} {}", sub.get_name()) };
        localize(sub, &sub_path, lang);
    }
    *cmd = localized;
}

/// An argument's help, heading, default and possible values in `lang`.
fn localize_arg(arg: Arg, path: &str, lang: Lang) -> Arg {
    let id = arg.get_id().as_str();
    let help = match (id, path.rsplit(' ').next().unwrap_or(path)) {
        ("help", _) => Some(HelpMsg::CliHelpFlag),
        ("version", _) => Some(HelpMsg::CliVersionFlag),
        ("subcommand", "help") => Some(HelpMsg::CliHelpCommandArg),
        _ => arg_help(path, id),
    };
    let reconcile_help = || super::reconcile::arg_help(path, id).map(|h| h.get(lang));
    let team_help = || super::team::help_arg(path, id).map(|h| h.get(lang));
    let followup_help = || super::followup::help_arg(path, id).map(|h| h.get(lang));
    let rollup_help = || super::rollup::arg_help(path, id).map(|h| h.get(lang));
    let check_help = || super::followup_check::help_arg(path, id).map(|h| h.get(lang));
    let plain_help = || (id == "plain").then(|| crate::strings::PlainMsg::HelpFlag.get(lang));
    // Each command group keeps the help of its own arguments.
    let Some(text) = help
        .map(|h| h.get(lang))
        .or_else(reconcile_help)
        .or_else(team_help)
        .or_else(followup_help)
        .or_else(rollup_help)
        .or_else(check_help)
        .or_else(plain_help)
    else {
        return arg;
    };
    let mut text = text.to_string();
    let takes_values = arg.get_action().takes_values();
    // clap writes "[default: …]" and "[possible values: …]" in English: hidden, and written here.
    let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    if takes_values && !arg.is_hide_default_value_set() && defaults.iter().any(|d| !d.is_empty()) {
        text = format!("{text} {}", HelpMsg::CliHelpDefault.fill(lang, &[&defaults.join(", ")]));
    }
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(PossibleValue::get_name)
        .map(String::from)
        .collect();
    if takes_values && !arg.is_hide_possible_values_set() && !values.is_empty() {
        text = format!("{text} {}", HelpMsg::CliHelpValues.fill(lang, &[&values.join(", ")]));
    }
    let heading = if arg.is_positional() { HelpMsg::CliHelpArguments } else { HelpMsg::CliHelpOptions };
    // A longer English text clap or a doc comment gave for `--help` would win over this one there.
    let arg = arg.long_help(None::<&str>);
    arg.help(text).help_heading(heading.get(lang)).hide_default_value(true).hide_possible_values(true)
}

/// The about of a subcommand (by its path of names; "" is khaosat itself), and more for `--help`.
fn about(path: &str) -> Option<(HelpMsg, Option<HelpMsg>)> {
    // The `help` subcommand clap adds to every command that has subcommands …
    if path == "help" || path.ends_with(" help") {
        return Some((HelpMsg::CliHelpCommand, None));
    }
    // … holds copies of the commands it can tell about (for completions): same texts.
    let path = path.split(' ').filter(|word| *word != "help").collect::<Vec<_>>().join(" ");
    let about = match path.as_str() {
        "" => HelpMsg::CliAbout,
        "new" => HelpMsg::CliCmdNew,
        "edit" => HelpMsg::CliCmdEdit,
        "validate" => return Some((HelpMsg::CliCmdValidate, Some(HelpMsg::CliCmdValidateMore))),
        "template" => HelpMsg::CliCmdTemplate,
        "template list" => HelpMsg::CliCmdTemplateList,
        "template show" => HelpMsg::CliCmdTemplateShow,
        "template check" => HelpMsg::CliCmdTemplateCheck,
        "completions" => HelpMsg::CliCmdCompletions,
        "summary" => HelpMsg::CliCmdSummary,
        "config" => HelpMsg::CliCmdConfig,
        "config path" => HelpMsg::CliCmdConfigPath,
        "round" => HelpMsg::CliCmdRound,
        "round new" => HelpMsg::CliCmdRoundNew,
        "round plan" => HelpMsg::CliCmdRoundPlan,
        "round show" => HelpMsg::CliCmdRoundShow,
        "compare" => HelpMsg::CliCmdCompare,
        "report" => HelpMsg::CliCmdReport,
        "finalise" => HelpMsg::CliCmdFinalise,
        "reopen" => HelpMsg::CliCmdReopen,
        "merge-driver" => HelpMsg::CliCmdMergeDriver,
        _ => return None,
    };
    Some((about, None))
}

/// The help of argument `id` of the subcommand at `path`. Global arguments are the same everywhere.
fn arg_help(path: &str, id: &str) -> Option<HelpMsg> {
    let global = match id {
        "lang" => Some(HelpMsg::CliArgLang),
        "dir" => Some(HelpMsg::CliArgDir),
        "templates" => Some(HelpMsg::CliArgTemplate),
        "config" => Some(HelpMsg::CliArgConfig),
        _ => None,
    };
    if global.is_some() {
        return global;
    }
    Some(match (path, id) {
        ("new", "branch") | ("round plan", "branch") => HelpMsg::CliArgBranch,
        ("new", "committee") => HelpMsg::CliArgNewCommittee,
        ("new", "branch_type") => HelpMsg::CliArgNewType,
        ("new", "date") => HelpMsg::CliArgNewDate,
        ("new", "kind") => HelpMsg::CliArgKind,
        ("new", "inspectors") => HelpMsg::CliArgInspector,
        ("new", "round") => HelpMsg::CliArgRound,
        ("new", "rules") => HelpMsg::CliArgRules,
        ("template show", "id") => HelpMsg::CliArgTemplateId,
        ("edit" | "finalise" | "reopen", "file") => HelpMsg::CliArgVisitFile,
        ("validate", "paths") => HelpMsg::CliArgPaths,
        ("template check", "file") => HelpMsg::CliArgTemplateFile,
        ("completions", "shell") => HelpMsg::CliArgShell,
        ("summary", "format") => HelpMsg::CliArgSummaryFormat,
        ("summary", "output") => HelpMsg::CliArgOutput,
        ("summary", "strict") => HelpMsg::CliArgStrict,
        ("summary", "committee") => HelpMsg::CliArgFilterCommittee,
        ("summary", "branch_type") => HelpMsg::CliArgFilterType,
        ("summary", "inspector") => HelpMsg::CliArgFilterInspector,
        ("summary", "from") => HelpMsg::CliArgFrom,
        ("summary", "to") => HelpMsg::CliArgTo,
        ("summary", "final_only") => HelpMsg::CliArgFinalOnly,
        ("round new", "decision") => HelpMsg::CliArgDecision,
        ("round new", "date") => HelpMsg::CliArgDecisionDate,
        ("round new", "title") => HelpMsg::CliArgTitle,
        ("round new", "issued_by") => HelpMsg::CliArgIssuedBy,
        ("round new", "from") => HelpMsg::CliArgRoundFrom,
        ("round new", "to") => HelpMsg::CliArgRoundTo,
        ("round new", "members") => HelpMsg::CliArgMember,
        ("round new", "documents") => HelpMsg::CliArgDocument,
        ("round plan", "committee") => HelpMsg::CliArgPlanCommittee,
        ("round plan", "branch_type") => HelpMsg::CliArgPlanType,
        ("round plan", "date") => HelpMsg::CliArgPlanDate,
        ("round plan", "inspector") => HelpMsg::CliArgPlanInspector,
        ("report", "paths") => HelpMsg::CliArgReportPaths,
        ("report", "format") => HelpMsg::CliArgReportFormat,
        ("report", "output") => HelpMsg::CliArgReportOutput,
        ("report", "strict") => HelpMsg::CliArgReportStrict,
        ("compare", "old") => HelpMsg::CliArgCompareOld,
        ("compare", "new") => HelpMsg::CliArgCompareNew,
        ("compare", "format") => HelpMsg::CliArgCompareFormat,
        ("finalise", "by") => HelpMsg::CliArgFinaliseBy,
        ("reopen", "reason") => HelpMsg::CliArgReason,
        ("reopen", "by") => HelpMsg::CliArgReopenBy,
        ("merge-driver", "base") => HelpMsg::CliArgMergeBase,
        ("merge-driver", "ours") => HelpMsg::CliArgMergeOurs,
        ("merge-driver", "theirs") => HelpMsg::CliArgMergeTheirs,
        ("merge-driver", "path") => HelpMsg::CliArgMergePath,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_language_is_read_from_the_arguments_wherever_lang_is() {
        assert_eq!(lang_in_args(&os(&["khaosat", "--lang", "en", "--help"])), Some(Lang::En));
        assert_eq!(lang_in_args(&os(&["khaosat", "summary", "x", "--lang=vi"])), Some(Lang::Vi));
        assert_eq!(lang_in_args(&os(&["khaosat", "summary", "--lang", "EN"])), Some(Lang::En));
        assert_eq!(lang_in_args(&os(&["khaosat", "--help"])), None);
        assert_eq!(lang_in_args(&os(&["khaosat", "--lang", "fr", "--help"])), None, "clap then says why");
        assert_eq!(lang_in_args(&os(&["khaosat", "edit", "--", "--lang=en"])), None, "a file name after --");
    }

    /// Every subcommand and argument, with its path, as the built command has them.
    fn walk<'a>(cmd: &'a Command, path: String, out: &mut Vec<(String, &'a Command)>) {
        for sub in cmd.get_subcommands() {
            let sub_path =
                if path.is_empty() { sub.get_name().to_string() } else { format!("{path} {}", sub.get_name()) };
            walk(sub, sub_path, out);
        }
        out.push((path, cmd));
    }

    #[test]
    fn every_text_comes_from_the_strings_table_in_both_languages() {
        let (vi, en) = (command(Lang::Vi), command(Lang::En));
        vi.clone().debug_assert();
        en.clone().debug_assert();
        let (mut vis, mut ens) = (Vec::new(), Vec::new());
        walk(&vi, String::new(), &mut vis);
        walk(&en, String::new(), &mut ens);
        assert_eq!(vis.len(), ens.len());
        for ((path, v), (_, e)) in vis.iter().zip(&ens) {
            let (va, ea) = (v.get_about().map(|s| s.to_string()), e.get_about().map(|s| s.to_string()));
            assert!(va.is_some() && va != ea, "{path:?}: about {va:?} / {ea:?}: add it to help::about");
            for (a, b) in v.get_arguments().zip(e.get_arguments()) {
                let (ah, bh) = (a.get_help().map(|s| s.to_string()), b.get_help().map(|s| s.to_string()));
                let id = a.get_id();
                assert!(ah.is_some() && ah != bh, "{path:?} {id}: help {ah:?} / {bh:?}: add it to help::arg_help");
            }
        }
    }
}
