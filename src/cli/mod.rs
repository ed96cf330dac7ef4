//! The command line: thin wrappers that parse arguments and call the core and the store.
//! None of these subcommands needs a terminal.

pub mod summary;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::{CommandFactory, Parser, Subcommand};

use crate::core::template::Template;
use crate::core::template_check::{TemplateIssue, check_template};
use crate::core::text::{clean, display_safe};
use crate::core::visit::{BranchType, MeetingKind, NewVisit, Visit, parse_date};
use crate::store::format::{LoadError, template_to_ron};
use crate::store::{self, find_visit_files, load_template, load_visit, resolve_data_dir};
use crate::strings::{Lang, Msg};

#[derive(Debug, Parser)]
#[command(name = "khaosat", version, about = "Khảo sát sinh hoạt chi bộ — branch meeting inspection checklist")]
pub struct Cli {
    /// Language of messages: vi (default, or from LANG) or en.
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,

    /// Data folder (else $KHAOSAT_DIR, else the platform data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// An extra template file (e.g. a provincial variant), known besides the embedded one.
    #[arg(long = "template", global = true, value_name = "FILE")]
    pub templates: Vec<PathBuf>,

    /// Configuration file (else config.ron in the platform config folder).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a draft visit file and print its path.
    New(NewArgs),
    /// Open one visit file in the checklist.
    Edit {
        file: PathBuf,
    },
    /// Check visit files and folders (recursively). Exit 0 all valid, 1 some invalid, 2 usage or I/O error.
    Validate {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Show or check templates.
    Template {
        #[command(subcommand)]
        action: TemplateAction,
    },
    /// Print shell completions.
    Completions {
        shell: clap_complete::Shell,
    },
    /// Merge visit files and folders into a findings report (text, md, csv, json, xlsx).
    Summary(summary::SummaryArgs),
    /// Where the configuration file is.
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Print the path of the configuration file (and an example when it does not exist).
    Path,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// Branch name, e.g. "Chi bộ số 11".
    #[arg(long)]
    pub branch: String,
    /// Parent committee, e.g. "Đảng bộ phường Mai Dịch".
    #[arg(long)]
    pub committee: String,
    /// Branch type: nong_thon, khu_dan_cu, co_quan, su_nghiep, truong_hoc, dn_nha_nuoc,
    /// dn_ngoai_nha_nuoc, hop_tac_xa, quan_doi, cong_an, khac.
    #[arg(long = "type")]
    pub branch_type: String,
    /// Meeting date: YYYY-MM-DD or dd/mm/yyyy.
    #[arg(long)]
    pub date: String,
    /// Meeting kind.
    #[arg(long, value_enum, default_value = "regular")]
    pub kind: KindArg,
    /// Inspector name (repeat for several).
    #[arg(long = "inspector")]
    pub inspectors: Vec<String>,
    /// Round: the decision number, e.g. "967-QĐ/QU".
    #[arg(long)]
    pub round: Option<String>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum KindArg {
    Regular,
    Thematic,
    Combined,
}

impl From<KindArg> for MeetingKind {
    fn from(k: KindArg) -> MeetingKind {
        match k {
            KindArg::Regular => MeetingKind::Regular,
            KindArg::Thematic => MeetingKind::Thematic,
            KindArg::Combined => MeetingKind::Combined,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum TemplateAction {
    /// Print the embedded template.
    Show,
    /// Check a template file: unique ids, conditions, thresholds.
    Check { file: PathBuf },
}

/// How a command ended: the process exit code, and a message for stderr.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub fn usage(message: String) -> Failure {
        Failure { code: 2, message }
    }
}

impl From<io::Error> for Failure {
    /// Output errors. A closed pipe (`khaosat … | head`) is not an error: exit 0, say nothing.
    fn from(e: io::Error) -> Failure {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure { code: 0, message: String::new() }
        } else {
            Failure { code: 2, message: e.to_string() }
        }
    }
}

/// Settings every command needs.
pub struct Context {
    pub lang: Lang,
    pub templates: Vec<Template>,
}

impl Context {
    pub fn from_cli(cli: &Cli) -> Result<Context, Failure> {
        let lang = cli.lang.unwrap_or_else(Lang::from_env);
        let mut templates = vec![Template::embedded()];
        for path in &cli.templates {
            let template = load_template(path).map_err(|e| Failure::usage(e.display(lang)))?;
            templates.push(template);
        }
        Ok(Context { lang, templates })
    }

    /// The template new visits are filled against: the last one given with --template, else the embedded one.
    pub fn current_template(&self) -> &Template {
        &self.templates[self.templates.len() - 1]
    }
}

/// Run a non-interactive command. Output goes to `out`; problems go to `err`.
pub fn run_command(cli: &Cli, command: &Command, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, Failure> {
    let ctx = Context::from_cli(cli)?;
    match command {
        Command::New(args) => new_visit(&ctx, cli.dir.as_deref(), args, out),
        Command::Validate { paths } => validate(&ctx, paths, out, err),
        Command::Template { action: TemplateAction::Show } => {
            out.write_all(template_to_ron(&Template::embedded()).as_bytes())?;
            Ok(0)
        }
        Command::Template { action: TemplateAction::Check { file } } => check_template_file(&ctx, file, out, err),
        Command::Summary(args) => summary::run(&ctx, args, out, err),
        Command::Completions { shell } => {
            // Generated into memory first: clap_complete panics on a write error (a closed pipe).
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "khaosat", &mut script);
            out.write_all(&script)?;
            Ok(0)
        }
        Command::Edit { file } => run_interactive(cli, Some(file.clone())),
        Command::Config { action: ConfigAction::Path } => {
            let path = config_path(cli).ok_or_else(|| Failure::usage(Msg::ErrNoHome.get(ctx.lang).to_string()))?;
            writeln!(out, "{}", display_safe(&path.to_string_lossy(), false))?;
            if !path.exists() {
                writeln!(err, "{}", Msg::ConfigMissing.get(ctx.lang))?;
                err.write_all(crate::config::EXAMPLE.as_bytes())?;
            }
            Ok(0)
        }
    }
}

fn config_path(cli: &Cli) -> Option<PathBuf> {
    cli.config.clone().or_else(store::default_config_path)
}

/// Start the TUI: on the data folder, or on one visit file (`edit`).
pub fn run_interactive(cli: &Cli, edit: Option<PathBuf>) -> Result<u8, Failure> {
    let ctx = Context::from_cli(cli)?;
    let (config, config_error) = match config_path(cli) {
        Some(path) => crate::config::load(&path),
        None => (crate::config::Config::default(), None),
    };
    let lang = cli.lang.or(config.lang).unwrap_or(ctx.lang);
    let (keymap, unknown_keys) = crate::tui::keymap::KeyMap::with_overrides(&config.keys);
    let warning = match (config_error, unknown_keys.is_empty()) {
        (Some(e), _) => Some(Msg::ConfigError.fill(lang, &[&e.display(lang)])),
        (None, false) => Some(Msg::ConfigUnknownKeys.fill(lang, &[&unknown_keys.join(", ")])),
        (None, true) => None,
    };
    let data_dir = match &edit {
        Some(file) => file.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from(".")),
        None => resolve_data_dir(cli.dir.as_deref()).ok_or_else(|| Failure::usage(Msg::ErrNoHome.get(lang).to_string()))?,
    };
    let options = crate::tui::Options {
        lang,
        keymap,
        colors: crate::config::colors_enabled(&config),
        templates: ctx.templates,
        inspector: config.inspector,
        data_dir,
        edit,
        warning,
    };
    crate::tui::run(options).map_err(|message| Failure { code: 1, message })?;
    Ok(0)
}

fn new_visit(ctx: &Context, dir: Option<&Path>, args: &NewArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let branch = clean(&args.branch, false);
    let committee = clean(&args.committee, false);
    for (value, label) in [(&branch, Msg::FactBranch), (&committee, Msg::FactCommittee)] {
        if value.trim().is_empty() {
            return Err(Failure::usage(Msg::CliEmptyName.fill(lang, &[&label.get(lang)])));
        }
    }
    let branch_type = BranchType::from_id(args.branch_type.trim()).ok_or_else(|| {
        let all: Vec<&str> = BranchType::ALL.iter().map(|t| t.id()).collect();
        Failure::usage(Msg::CliBadType.fill(lang, &[&display_safe(&args.branch_type, false), &all.join(", ")]))
    })?;
    let date = parse_date(&args.date)
        .ok_or_else(|| Failure::usage(Msg::CliBadDate.fill(lang, &[&display_safe(&args.date, false)])))?;
    let facts = NewVisit {
        branch,
        committee,
        branch_type,
        kind: args.kind.into(),
        date,
        inspectors: args.inspectors.clone(),
        round: args.round.clone(),
    };
    let visit = Visit::new(ctx.current_template(), facts, crate::core::visit::now());
    let dir = resolve_data_dir(dir).ok_or_else(|| Failure::usage(Msg::ErrNoHome.get(lang).to_string()))?;
    let path = store::create_visit(&dir, &visit).map_err(|e| Failure {
        code: 2,
        message: Msg::ErrWrite.fill(lang, &[&dir.display(), &e]),
    })?;
    writeln!(out, "{}", display_safe(&path.to_string_lossy(), false))?;
    Ok(0)
}

fn validate(ctx: &Context, paths: &[PathBuf], out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let (files, walk_errors) = find_visit_files(paths);
    if !walk_errors.is_empty() {
        let text: Vec<String> = walk_errors.iter().map(|e| e.display(lang)).collect();
        return Err(Failure::usage(text.join("\n")));
    }
    if files.is_empty() {
        let names: Vec<String> = paths.iter().map(|p| display_safe(&p.to_string_lossy(), false)).collect();
        return Err(Failure::usage(Msg::CliNoFiles.fill(lang, &[&names.join(", ")])));
    }
    let mut bad: Vec<LoadError> = Vec::new();
    for file in &files {
        if let Err(e) = load_visit(file, &ctx.templates) {
            writeln!(err, "{}", e.display(lang))?;
            bad.push(e);
        }
    }
    let valid = files.len() - bad.len();
    if bad.is_empty() {
        writeln!(out, "{}", Msg::CliValidOk.fill(lang, &[&valid]))?;
        Ok(0)
    } else {
        writeln!(err, "{}", Msg::CliValidBad.fill(lang, &[&valid, &bad.len()]))?;
        Ok(1)
    }
}

fn check_template_file(ctx: &Context, file: &Path, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let template = match load_template(file) {
        Ok(t) => t,
        Err(e) => {
            writeln!(err, "{}", e.display(lang))?;
            return Ok(1);
        }
    };
    let issues = check_template(&template);
    let name = display_safe(&file.to_string_lossy(), false);
    if issues.is_empty() {
        let args: [&dyn std::fmt::Display; 5] = [
            &template.sections.len(),
            &template.item_count(),
            &template.id,
            &template.version,
            &template.rule_set,
        ];
        writeln!(out, "{name}: {}", display_safe(&Msg::TplOk.fill(lang, &args), false))?;
        return Ok(0);
    }
    for issue in &issues {
        writeln!(err, "{name}: {}", display_safe(&template_issue_text(issue, lang), false))?;
    }
    writeln!(err, "{name}: {}", Msg::TplInvalid.fill(lang, &[&issues.len()]))?;
    Ok(1)
}

/// A template issue as a sentence.
pub fn template_issue_text(issue: &TemplateIssue, lang: Lang) -> String {
    use TemplateIssue as I;
    match issue {
        I::EmptyId => Msg::TplEmptyId.get(lang).to_string(),
        I::DuplicateId { id } => Msg::TplDuplicateId.fill(lang, &[id]),
        I::NoSections => Msg::TplNoSections.get(lang).to_string(),
        I::EmptySection { section } => Msg::TplEmptySection.fill(lang, &[section]),
        I::MissingText { id } => Msg::TplMissingText.fill(lang, &[id]),
        I::ConditionUnknownField { item, field } => Msg::TplConditionUnknownField.fill(lang, &[item, field]),
        I::ConditionOnLaterItem { item, field } => Msg::TplConditionOnLaterItem.fill(lang, &[item, field]),
        I::ConditionUnknownValue { item, field, value } => {
            Msg::TplConditionUnknownValue.fill(lang, &[item, field, value])
        }
        I::RuleDoesNotFitKind { item } => Msg::TplRuleDoesNotFitKind.fill(lang, &[item]),
        I::ThresholdOutOfRange { item, value } => Msg::TplThresholdOutOfRange.fill(lang, &[item, value]),
        I::BadBounds { item } => Msg::TplBadBounds.fill(lang, &[item]),
        I::NoOptions { item } => Msg::TplNoOptions.fill(lang, &[item]),
        I::UnknownOption { item, option } => Msg::TplUnknownOption.fill(lang, &[item, option]),
        I::StrengthShareOutOfRange { value } => Msg::TplStrengthShare.fill(lang, &[value]),
        I::ListPlaceholderWithoutOptions { item } => Msg::TplListWithoutOptions.fill(lang, &[item]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
