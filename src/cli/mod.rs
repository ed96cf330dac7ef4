//! The command line: thin wrappers that parse arguments and call the core and the store.
//! None of these subcommands needs a terminal.

pub mod compare;
pub mod config;
pub mod finalise;
pub mod followup;
mod followup_check;
pub mod help;
pub mod merge_driver;
pub mod reconcile;
pub mod report;
pub mod rollup;
pub mod round;
pub mod summary;
pub mod team;
pub mod template;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::{FromArgMatches, Parser, Subcommand};

use crate::core::problems::Problem;
use crate::core::rules::problems;
use crate::core::template::Template;
use crate::core::text::{clean, display_safe};
use crate::core::visit::{BranchType, MeetingKind, NewVisit, Visit, VisitStatus, parse_date};
use crate::store::format::{LoadError, LoadErrorKind};
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

    /// Line-by-line mode, no screen drawing (also KHAOSAT_PLAIN=1, ACCESSIBLE=1, TERM=dumb).
    #[arg(long, global = true)]
    pub plain: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a draft visit file and print its path.
    New(NewArgs),
    /// Open one visit file in the checklist.
    Edit { file: PathBuf },
    /// Check visit files and folders (recursively). Exit 0 all valid, 1 some invalid (or a visit's
    /// lock path holds something planted: a link, folder or FIFO), 2 usage or I/O error.
    ///
    /// Each visit is checked against the templates of the round.ron governing its folder (the one in
    /// the nearest folder at or above it), so answers naming the round's documents are valid; that
    /// round.ron is checked too, and so is a round.ron named on the command line. Member counts
    /// that cannot all be true and answers kept on items that do not apply are printed as notes on
    /// a draft, and make a final visit invalid. Conflicts kept by git's merge driver (both sides of
    /// an answer or fact two copies changed differently) make any visit or round.ron invalid.
    Validate {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// List, show or check templates.
    Template {
        #[command(subcommand)]
        action: template::TemplateAction,
    },
    /// Print shell completions.
    Completions { shell: clap_complete::Shell },
    /// Merge visit files and folders into a findings report (text, md, csv, json, xlsx).
    Summary(summary::SummaryArgs),
    /// Where the configuration file is.
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// Inspection rounds: round.ron with the decision, team, documents and planned branches.
    Round {
        #[command(subcommand)]
        action: round::RoundAction,
    },
    /// The round's follow-up register (followup.ron): actions to remedy, by branch; init, list, set.
    Followup {
        #[command(subcommand)]
        action: followup::FollowupAction,
    },
    /// Compare two rounds (folders or files): findings fixed, persisting and new, per branch.
    Compare(compare::CompareArgs),
    /// Write the inspection team's report (md, docx) from the visits, the round's round.ron and
    /// report.ron.
    Report(report::ReportArgs),
    /// Mark a visit final, recording who, when and a hash of its content. Refused while problems remain.
    Finalise(finalise::FinaliseArgs),
    /// Reopen a final visit as a draft; the reason is kept in the file.
    Reopen(finalise::ReopenArgs),
    /// Reconcile two records of one meeting into one visit; undo with --undo.
    Reconcile(reconcile::ReconcileArgs),
    /// The team's git repository: set up (init) and check (doctor).
    Git {
        #[command(subcommand)]
        action: team::GitAction,
    },
    /// Sync with the team: commit your visits, merge the team's item by item, push.
    Sync(team::SyncArgs),
    /// Merge three copies of a visit or round.ron item by item (git runs it: `khaosat
    /// merge-driver %O %A %B %P`). Exit 0: merged; 1: conflicts remain, kept in the file.
    MergeDriver(merge_driver::MergeDriverArgs),
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
    /// Parent committee, e.g. "Đảng bộ phường Mai Dịch". May be left out when the folder's round
    /// plans the branch.
    #[arg(long)]
    pub committee: Option<String>,
    /// Branch type: nong_thon, khu_dan_cu, co_quan, su_nghiep, truong_hoc, dn_nha_nuoc,
    /// dn_ngoai_nha_nuoc, hop_tac_xa, quan_doi, cong_an, khac. May be left out when the folder's
    /// round plans the branch.
    #[arg(long = "type")]
    pub branch_type: Option<String>,
    /// Meeting date: YYYY-MM-DD or dd/mm/yyyy. May be left out when the folder's round plans the
    /// branch with a date.
    #[arg(long)]
    pub date: Option<String>,
    /// Meeting kind.
    #[arg(long, value_enum, default_value = "regular")]
    pub kind: KindArg,
    /// Inspector name (repeat for several).
    #[arg(long = "inspector")]
    pub inspectors: Vec<String>,
    /// Round: the decision number, e.g. "967-QĐ/QU".
    #[arg(long)]
    pub round: Option<String>,
    /// The rule set (a template id, e.g. hd42-2025). None: the round's, else the one in force on
    /// the meeting date.
    #[arg(long, value_name = "ID")]
    pub rules: Option<String>,
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

impl Cli {
    /// Parse the command line (`args`, the program name first), with `--help` and clap's other
    /// texts in the language `--lang` names, else the locale's. Exits on `--help`, `--version`
    /// and usage errors, as clap's `parse` does.
    pub fn parse_localized(args: Vec<std::ffi::OsString>) -> Cli {
        let lang = help::lang_in_args(&args).unwrap_or_else(Lang::from_env);
        let mut cmd = help::command(lang);
        let matches = cmd.try_get_matches_from_mut(args).unwrap_or_else(|e| e.exit());
        Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.format(&mut cmd).exit())
    }
}

/// Settings every command needs.
pub struct Context {
    pub lang: Lang,
    /// The embedded templates, then those added with `--template`, in the order given.
    pub templates: Vec<Template>,
    /// The files the added templates came from, in the same order.
    pub template_files: Vec<PathBuf>,
}

impl Context {
    pub fn from_cli(cli: &Cli) -> Result<Context, Failure> {
        let lang = cli.lang.unwrap_or_else(Lang::from_env);
        let mut added = Vec::new();
        for path in &cli.templates {
            let template = load_template(path).map_err(|e| Failure::usage(e.display(lang)))?;
            added.push(template);
        }
        Ok(Context { lang, templates: template::known_templates(added), template_files: cli.templates.clone() })
    }
}

/// Run a non-interactive command. Output goes to `out`; problems go to `err`.
pub fn run_command(cli: &Cli, command: &Command, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, Failure> {
    if let Command::MergeDriver(args) = command {
        // Before the context: git runs it on every file a merge touches, and it needs no template.
        return merge_driver::run(cli.lang.unwrap_or_else(Lang::from_env), args, err);
    }
    let ctx = Context::from_cli(cli)?;
    match command {
        // `new … --plain` goes on to fill the visit made, line by line.
        Command::New(args) if cli.plain => {
            let path = create_visit(&ctx, cli.dir.as_deref(), args, err)?;
            run_interactive(cli, Some(path), err)
        }
        Command::New(args) => {
            let path = create_visit(&ctx, cli.dir.as_deref(), args, err)?;
            writeln!(out, "{}", display_safe(&path.to_string_lossy(), false))?;
            Ok(0)
        }
        Command::Validate { paths } => validate(&ctx, paths, out, err),
        Command::Template { action } => template::run(&ctx, action, out, err),
        Command::Summary(args) => summary::run(&ctx, args, out, err),
        Command::Round { action } => round::run(&ctx, cli.dir.as_deref(), action, out, err),
        Command::Compare(args) => compare::run(&ctx, args, out, err),
        Command::Followup { action } => followup::run(&ctx, action, out, err),
        Command::Report(args) => report::run(&ctx, args, out, err),
        Command::Finalise(args) => finalise::run_finalise(cli, &ctx, args, out, err),
        Command::Reopen(args) => finalise::run_reopen(cli, &ctx, args, out),
        Command::Reconcile(args) => reconcile::run(cli, &ctx, args, out),
        Command::Git { action } => team::run_git(cli, &ctx, action, out),
        Command::Sync(args) => team::run_sync(cli, &ctx, args, out),
        Command::MergeDriver(args) => merge_driver::run(ctx.lang, args, err),
        Command::Completions { shell } => {
            // Generated into memory first: clap_complete panics on a write error (a closed pipe).
            let mut script = Vec::new();
            // With the texts in the chosen language: shells that show descriptions show them.
            clap_complete::generate(*shell, &mut help::command(ctx.lang), "khaosat", &mut script);
            out.write_all(&script)?;
            Ok(0)
        }
        Command::Edit { file } => run_interactive(cli, Some(file.clone()), err),
        Command::Config { action: ConfigAction::Path } => {
            let path = config_path(cli).ok_or_else(|| Failure::usage(Msg::ErrNoHome.get(ctx.lang).to_string()))?;
            writeln!(out, "{}", display_safe(&path.to_string_lossy(), false))?;
            if !path.exists() {
                writeln!(err, "{}", Msg::ConfigMissing.get(ctx.lang))?;
                err.write_all(crate::cli::config::EXAMPLE.as_bytes())?;
            }
            Ok(0)
        }
    }
}

pub(crate) fn config_path(cli: &Cli) -> Option<PathBuf> {
    cli.config.clone().or_else(store::default_config_path)
}

/// Start the TUI: on the data folder, or on one visit file (`edit`). A visit file that cannot be
/// opened is reported before the terminal is touched, like `validate` reports it: exit 1 for a
/// file that is not a usable visit, 2 for one that cannot be read at all.
pub fn run_interactive(cli: &Cli, edit: Option<PathBuf>, err: &mut dyn Write) -> Result<u8, Failure> {
    let ctx = Context::from_cli(cli)?;
    let (config, config_error) = match config_path(cli) {
        Some(path) => crate::cli::config::load(&path),
        None => (crate::cli::config::Config::default(), None),
    };
    let lang = cli.lang.or(config.lang).unwrap_or(ctx.lang);
    let (keymap, unknown_keys) = crate::tui::keymap::KeyMap::with_overrides(&config.keys);
    let warning = match (config_error, unknown_keys.is_empty()) {
        (Some(e), _) => Some(Msg::ConfigError.fill(lang, &[&e.display(lang)])),
        (None, false) => Some(Msg::ConfigUnknownKeys.fill(lang, &[&unknown_keys.join(", ")])),
        (None, true) => None,
    };
    let edit = edit.map(|file| real_file(&file));
    let data_dir = match &edit {
        Some(file) => file.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from(".")),
        None => {
            resolve_data_dir(cli.dir.as_deref()).ok_or_else(|| Failure::usage(Msg::ErrNoHome.get(lang).to_string()))?
        }
    };
    // A round.ron governing the folder brings its documents into the checklist and its plan
    // into the home screen and the new-visit form.
    let mut warning = warning;
    let base_templates = ctx.templates.clone();
    let mut templates = ctx.templates;
    let round = match crate::store::round::find_round_file(&data_dir).map(|f| crate::store::round::load_round(&f)) {
        Some(Ok(round)) => {
            templates = templates.iter().map(|t| crate::core::round::template_for_round(t, &round)).collect();
            Some(round)
        }
        Some(Err(e)) => {
            warning = Some(e.display(lang));
            None
        }
        None => None,
    };
    if let Some(file) = &edit
        && let Err(e) = load_visit(file, &templates)
    {
        writeln!(err, "{}", e.display(lang))?;
        return Ok(if matches!(e.kind, LoadErrorKind::Io(_)) { 2 } else { 1 });
    }
    let options = crate::tui::Options {
        lang,
        keymap,
        colors: crate::cli::config::colors_enabled(&config),
        round,
        templates,
        base_templates,
        inspector: config.inspector,
        data_dir,
        edit,
        warning,
    };
    let run = if crate::plain::wanted(cli.plain) { crate::plain::run } else { crate::tui::run };
    run(options).map_err(|message| Failure { code: 1, message })?;
    Ok(0)
}

/// The file a named path stands for: a symbolic link is edited where it points, so that the lock
/// and the saves go beside the real file (saving over the link would replace it with a copy, and
/// the visit it points to would silently stop changing). Anything else is kept as given.
fn real_file(path: &Path) -> PathBuf {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    match is_link.then(|| std::fs::canonicalize(path)) {
        Some(Ok(real)) => real,
        _ => path.to_path_buf(),
    }
}

/// `new`: inside a round's folder (a round.ron at or above `--dir`), the visit carries the round,
/// is filled against the round's documents, and a planned branch gives what was not typed
/// (committee, type, date, inspector). Returns the file made.
fn create_visit(ctx: &Context, dir: Option<&Path>, args: &NewArgs, err: &mut dyn Write) -> Result<PathBuf, Failure> {
    use crate::core::round::{apply_round, planned_for, template_for_round};
    let lang = ctx.lang;
    let branch = clean(&args.branch, false);
    if branch.trim().is_empty() {
        return Err(Failure::usage(Msg::CliEmptyName.fill(lang, &[&Msg::FactBranch.get(lang)])));
    }
    let data_dir = resolve_data_dir(dir);
    let round = match data_dir.as_deref().and_then(store::round::find_round_file) {
        Some(path) => Some(store::round::load_round(&path).map_err(|e| Failure { code: 1, message: e.display(lang) })?),
        None => None,
    };
    let committee_arg = args.committee.as_deref().map(|c| clean(c, false));
    let planned = round.as_ref().and_then(|r| planned_for(r, &branch, committee_arg.as_deref()));
    let committee = committee_arg.clone().or_else(|| planned.map(|p| p.committee.clone()));
    let date_given = args.date.is_some() || planned.is_some_and(|p| p.date.is_some());
    let missing: Vec<&str> = [
        ("--committee", committee.is_some()),
        ("--type", args.branch_type.is_some() || planned.is_some()),
        ("--date", date_given),
    ]
    .into_iter()
    .filter_map(|(flag, given)| (!given).then_some(flag))
    .collect();
    if !missing.is_empty() {
        let flags = missing.join(", ");
        return Err(Failure::usage(match &round {
            Some(r) => Msg::RoundMissingArgPlan.fill(lang, &[&flags, &display_safe(&r.decision, false)]),
            None => Msg::RoundMissingArg.fill(lang, &[&flags]),
        }));
    }
    let committee = committee.unwrap_or_default();
    if committee.trim().is_empty() {
        return Err(Failure::usage(Msg::CliEmptyName.fill(lang, &[&Msg::FactCommittee.get(lang)])));
    }
    let branch_type = match (&args.branch_type, planned) {
        (Some(t), _) => round::type_arg(t, lang)?,
        (None, Some(p)) => p.branch_type,
        (None, None) => BranchType::Khac,
    };
    let date = match (&args.date, planned.and_then(|p| p.date)) {
        (Some(d), _) => {
            parse_date(d).ok_or_else(|| Failure::usage(Msg::CliBadDate.fill(lang, &[&display_safe(d, false)])))?
        }
        (None, Some(d)) => d,
        (None, None) => {
            return Err(Failure::usage(Msg::RoundMissingArg.fill(lang, &[&"--date"])));
        }
    };
    let mut inspectors = args.inspectors.clone();
    if inspectors.is_empty()
        && let Some(p) = planned.filter(|p| !p.inspector.trim().is_empty())
    {
        inspectors.push(p.inspector.clone());
    }
    let facts = NewVisit {
        branch,
        committee,
        branch_type,
        kind: args.kind.into(),
        date,
        inspectors,
        round: args.round.clone().filter(|r| !r.trim().is_empty()),
    };
    let round_rules = round.as_ref().and_then(|r| r.rules.as_deref());
    let chosen = crate::core::rule_sets::choose(&ctx.templates, date, args.rules.as_deref(), round_rules)
        .map_err(|unknown| template::unknown_id(ctx, &unknown.id))?;
    writeln!(err, "{}", rules_line(&chosen, date, round.as_ref(), lang))?;
    let template = match &round {
        Some(r) => template_for_round(chosen.template, r),
        None => chosen.template.clone(),
    };
    let mut visit = Visit::new(&template, facts, crate::core::visit::now());
    if let Some(r) = &round {
        if let Some(given) = &visit.round
            && crate::core::text::name_key(given) != crate::core::text::name_key(&r.decision)
        {
            let args: [&dyn std::fmt::Display; 2] = [&display_safe(given, false), &display_safe(&r.decision, false)];
            writeln!(err, "{}", Msg::RoundOtherRound.fill(lang, &args))?;
        }
        apply_round(&mut visit, r);
    }
    let dir = data_dir.ok_or_else(|| Failure::usage(Msg::ErrNoHome.get(lang).to_string()))?;
    store::create_visit(&dir, &visit)
        .map_err(|e| Failure { code: 2, message: Msg::ErrWrite.fill(lang, &[&dir.display(), &e]) })
}

/// "Rule set: HD42-2025, Hướng dẫn … (in force on 05/03/2026). Change it with --rules ID".
fn rules_line(
    chosen: &crate::core::rule_sets::Chosen,
    date: jiff::civil::Date,
    round: Option<&crate::core::round::Round>,
    lang: Lang,
) -> String {
    let decision = round.map(|r| display_safe(&r.decision, false));
    let why = chosen.reason.describe(date, decision.as_deref(), lang);
    let t = chosen.template;
    let args: [&dyn std::fmt::Display; 3] =
        [&display_safe(&t.rule_set, false), &display_safe(t.title.get(lang), false), &why];
    Msg::NewRulesChosen.fill(lang, &args)
}

/// Check every file found and print every problem, whatever happens to the others. A visit whose
/// lock path holds something other than a plain lock file (a planted link, a folder, a FIFO) is
/// named too, and makes the exit 1: it will only open read-only. Exit 0: every
/// file valid; 1: some file invalid (its content, or not a usable file: a folder or FIFO named
/// `.ron`, a link not followed, too large, not UTF-8; or a final visit whose data contradicts
/// itself, see [`report_visit_problems`]); 2: a usage error, or a file or folder that could not be
/// read at all (missing, no permission, an I/O error).
fn validate(ctx: &Context, paths: &[PathBuf], out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let (files, walk_errors) = find_visit_files(paths);
    let unreadable = |e: &LoadError| matches!(e.kind, LoadErrorKind::Io(_));
    if files.is_empty() && walk_errors.iter().all(unreadable) {
        if walk_errors.is_empty() {
            let names: Vec<String> = paths.iter().map(|p| display_safe(&p.to_string_lossy(), false)).collect();
            return Err(Failure::usage(Msg::CliNoFiles.fill(lang, &[&names.join(", ")])));
        }
        let text: Vec<String> = walk_errors.iter().map(|e| e.display(lang)).collect();
        return Err(Failure::usage(text.join("\n")));
    }
    let mut bad: Vec<LoadError> = Vec::new();
    for e in walk_errors {
        writeln!(err, "{}", e.display(lang))?;
        bad.push(e);
    }
    let mut valid = 0;
    // Round files with issues (they parse, so they are not load errors).
    let mut bad_rounds = 0;
    // Final visits that contradict themselves or their template, and visits holding merge
    // conflicts (they load, too).
    let mut bad_finals = 0;
    // Visits whose lock path holds something planted or broken (they open read-only).
    let mut odd_locks = 0;
    let mut rounds = round::RoundResolver::new(&ctx.templates);
    let mut checked_rounds = std::collections::HashSet::new();
    for file in &files {
        if store::round::is_round_file(file) {
            // A round.ron named on the command line: checked as a round, not as a visit.
            checked_rounds.insert(std::fs::canonicalize(file).unwrap_or_else(|_| file.clone()));
            match store::round::load_round(file) {
                Ok(r) if round::report_round_issues(file, &r, lang, err)? => valid += 1,
                Ok(_) => bad_rounds += 1,
                Err(e) => {
                    writeln!(err, "{}", e.display(lang))?;
                    bad.push(e);
                }
            }
            continue;
        }
        if store::report_text::is_report_file(file) {
            // A report.ron named on the command line: checked as the team's report text.
            match store::report_text::load_report_text(file) {
                Ok(_) => valid += 1,
                Err(e) => {
                    writeln!(err, "{}", e.display(lang))?;
                    bad.push(e);
                }
            }
            continue;
        }
        let key = rounds.resolve_file(file);
        for e in rounds.take_errors() {
            checked_rounds.insert(e.path.clone());
            writeln!(err, "{}", e.display(lang))?;
            bad.push(e);
        }
        match load_visit(file, rounds.templates(key.as_ref())) {
            Ok(visit) if report_visit_problems(file, &visit, rounds.templates(key.as_ref()), lang, err)? => valid += 1,
            Ok(_) => bad_finals += 1,
            Err(e) => {
                writeln!(err, "{}", e.display(lang))?;
                bad.push(e);
            }
        }
        if let Some(odd) = store::lock::odd_lock(file) {
            let shown = |p: &Path| display_safe(&p.to_string_lossy(), false);
            let args: [&dyn std::fmt::Display; 2] = [&odd.what(lang), &shown(file)];
            writeln!(err, "{}: {}", shown(&odd.path), Msg::OddLockValidate.fill(lang, &args))?;
            odd_locks += 1;
        }
    }
    let mut governing: Vec<(&PathBuf, &crate::core::round::Round)> = rounds.loaded().collect();
    governing.sort_by(|a, b| a.0.cmp(b.0));
    for (path, r) in governing {
        if checked_rounds.insert(path.clone()) && !round::report_round_issues(path, r, lang, err)? {
            bad_rounds += 1;
        }
    }
    if bad.is_empty() && bad_rounds == 0 && bad_finals == 0 && odd_locks == 0 {
        writeln!(out, "{}", Msg::CliValidOk.fill(lang, &[&valid]))?;
        Ok(0)
    } else {
        writeln!(err, "{}", Msg::CliValidBad.fill(lang, &[&valid, &(bad.len() + bad_rounds + bad_finals)]))?;
        Ok(if bad.iter().any(unreadable) { 2 } else { 1 })
    }
}

/// Print what contradicts itself or the template in a visit that loads: an impossible member count,
/// an answer ignored because its item does not apply, … (not what is merely unanswered). In a
/// draft that is a normal state of work, printed as a note; a final visit must have none, so there
/// it makes the file invalid. A conflict left by merging copies (git's merge driver) makes any
/// visit invalid: it is a merge not finished, which a person must finish by picking a side.
/// Returns false when the file is invalid.
fn report_visit_problems(
    file: &Path,
    visit: &Visit,
    templates: &[Template],
    lang: Lang,
    err: &mut dyn Write,
) -> Result<bool, Failure> {
    let Some(template) = store::format::template_for(visit, templates) else { return Ok(true) };
    let found: Vec<Problem> = problems(template, visit).into_iter().filter(|p| !p.is_missing()).collect();
    if found.is_empty() {
        return Ok(true);
    }
    // Read again only for the rare file with problems, to point at their lines.
    let text = store::read_text(file).unwrap_or_default();
    let name = |id: &str| match template.item(id) {
        Some(r) => format!("{} ({id})", r.item.text.get(lang)),
        None => id.to_string(),
    };
    let is_final = visit.status == VisitStatus::Final;
    let mut conflicts = 0;
    for problem in &found {
        let sentence = problem.message(lang, &name);
        let (message, place) = match problem {
            Problem::Conflict { field, .. } => {
                conflicts += 1;
                // The conflict itself, where the file keeps both sides.
                let at = text.find(&format!("field: \"{field}\"")).map(|o| store::format::position_of(&text, o));
                (sentence, at)
            }
            _ => {
                let prefix = if is_final { Msg::ValidateFinalProblem } else { Msg::ValidateDraftNote };
                (prefix.fill(lang, &[&sentence]), store::format::problem_position(&text, problem))
            }
        };
        let place = match place {
            Some((line, column)) => format!("{}:{line}:{column}", file.to_string_lossy()),
            None => file.to_string_lossy().into_owned(),
        };
        writeln!(err, "{}: {}", display_safe(&place, false), display_safe(&message, false))?;
    }
    Ok(!is_final && conflicts == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
