//! `khaosat round new|plan|show`, and what every command needs of rounds: the `round.ron`
//! governing each visit file, loaded once, and the templates as that round uses them
//! ([`RoundResolver`]).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::{Context, Failure};
use crate::core::round::{
    Coverage, PlanChange, PlanState, PlannedBranch, Round, RoundIssue, VisitBrief, check_round, coverage,
    parse_document, parse_member, template_for_round,
};
use crate::core::rule_sets::Chosen;
use crate::core::template::Template;
use crate::core::text::{clean, display_safe};
use crate::core::visit::{BranchType, parse_date};
use crate::export::{date_text, one_line};
use crate::store::format::{LoadError, template_for};
use crate::store::round::{create_round, find_round_file, is_round_file, load_round, save_round};
use crate::store::{find_visit_files, load_visit, resolve_data_dir};
use crate::strings::{Lang, Msg};

#[derive(Debug, clap::Subcommand)]
pub enum RoundAction {
    /// Create round.ron in the data folder (--dir): the decision, period, team and documents.
    New(RoundNewArgs),
    /// Add a branch to the plan of the round governing --dir (or update its type, date, inspector).
    Plan(RoundPlanArgs),
    /// Show the round governing --dir and how far it has got.
    Show,
}

#[derive(Debug, clap::Args)]
pub struct RoundNewArgs {
    /// Decision number, e.g. "967-QĐ/QU". Visits of the round carry it.
    #[arg(long)]
    pub decision: String,
    /// Decision date: YYYY-MM-DD or dd/mm/yyyy.
    #[arg(long, value_name = "DATE")]
    pub date: String,
    /// What the round is about.
    #[arg(long, default_value = "")]
    pub title: String,
    /// Who issued the decision, e.g. "Ban Thường vụ Quận ủy Cầu Giấy".
    #[arg(long = "issued-by", default_value = "", value_name = "BODY")]
    pub issued_by: String,
    /// First day of the round.
    #[arg(long, value_name = "DATE")]
    pub from: String,
    /// Last day of the round.
    #[arg(long, value_name = "DATE")]
    pub to: String,
    /// A team member, "NAME" or "NAME=ROLE" (repeat).
    #[arg(long = "member", value_name = "NAME[=ROLE]")]
    pub members: Vec<String>,
    /// A document whose implementation meetings should assess, "ID=LABEL" (repeat). They become the
    /// options of item conduct.round_documents; none: the template's own list.
    #[arg(long = "document", value_name = "ID=LABEL")]
    pub documents: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct RoundPlanArgs {
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
    /// Planned meeting date.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Team member assigned to attend.
    #[arg(long)]
    pub inspector: Option<String>,
}

pub use crate::store::round::RoundResolver;

/// A round issue as a sentence.
pub fn round_issue_text(issue: &RoundIssue, round: &Round, lang: Lang) -> String {
    use RoundIssue as I;
    match issue {
        I::EmptyDecision => Msg::RoundIssueEmptyDecision.get(lang).to_string(),
        I::EmptyRules => Msg::RoundIssueEmptyRules.get(lang).to_string(),
        I::BadRules { id } => Msg::RoundIssueBadRules.fill(lang, &[id]),
        I::PeriodReversed => {
            Msg::RoundIssuePeriodReversed.fill(lang, &[&date_text(round.from, lang), &date_text(round.to, lang)])
        }
        I::EmptyMemberName => Msg::RoundIssueEmptyMember.get(lang).to_string(),
        I::BadDocumentId { id } => Msg::RoundIssueBadDocumentId.fill(lang, &[id]),
        I::DuplicateDocument { id } => Msg::RoundIssueDuplicateDocument.fill(lang, &[id]),
        I::EmptyDocumentLabel { id } => Msg::RoundIssueEmptyDocumentLabel.fill(lang, &[id]),
        I::EmptyPlannedBranch => Msg::RoundIssueEmptyPlannedBranch.get(lang).to_string(),
        I::EmptyPlannedCommittee { branch } => Msg::RoundIssueEmptyPlannedCommittee.fill(lang, &[branch]),
        I::DuplicatePlanned { branch, committee } => Msg::RoundIssueDuplicatePlanned.fill(lang, &[branch, committee]),
        I::PlannedOutsidePeriod { branch, date } => {
            Msg::RoundIssueOutsidePeriod.fill(lang, &[branch, &date_text(*date, lang)])
        }
    }
}

/// Print a round's issues to `err` as `path: issue` lines. True when there were none.
pub fn report_round_issues(path: &Path, round: &Round, lang: Lang, err: &mut dyn Write) -> std::io::Result<bool> {
    let issues = check_round(round);
    let name = display_safe(&path.to_string_lossy(), false);
    for issue in &issues {
        writeln!(err, "{name}: {}", display_safe(&round_issue_text(issue, round, lang), false))?;
    }
    // Conflicts git's merge driver kept: a merge not finished (edit the file: keep one side).
    for conflict in &round.conflicts {
        let (one, two) = crate::core::merge::conflict_words(None, conflict);
        let args: [&dyn std::fmt::Display; 3] = [&conflict.field, &one.text(lang), &two.text(lang)];
        writeln!(err, "{name}: {}", display_safe(&crate::strings::MergeMsg::RoundConflict.fill(lang, &args), false))?;
    }
    let count = issues.len() + round.conflicts.len();
    if count > 0 {
        writeln!(err, "{}", Msg::RoundInvalid.fill(lang, &[&name, &count]))?;
    }
    Ok(count == 0)
}

fn date_arg(text: &str, lang: Lang) -> Result<jiff::civil::Date, Failure> {
    parse_date(text).ok_or_else(|| Failure::usage(Msg::CliBadDate.fill(lang, &[&display_safe(text, false)])))
}

/// A branch type typed on the command line.
pub fn type_arg(text: &str, lang: Lang) -> Result<BranchType, Failure> {
    BranchType::from_id(text.trim()).ok_or_else(|| {
        let all: Vec<&str> = BranchType::ALL.iter().map(|t| t.id()).collect();
        Failure::usage(Msg::CliBadType.fill(lang, &[&display_safe(text, false), &all.join(", ")]))
    })
}

fn data_dir(dir: Option<&Path>, lang: Lang) -> Result<PathBuf, Failure> {
    resolve_data_dir(dir).ok_or_else(|| Failure::usage(Msg::ErrNoHome.get(lang).to_string()))
}

/// The round governing `dir`, or a usage error saying there is none.
pub fn governing_round(dir: &Path, lang: Lang) -> Result<(PathBuf, Round), Failure> {
    let path = find_round_file(dir).ok_or_else(|| {
        Failure::usage(Msg::RoundNotFound.fill(lang, &[&display_safe(&dir.to_string_lossy(), false)]))
    })?;
    let round = load_round(&path).map_err(|e| Failure { code: 1, message: e.display(lang) })?;
    Ok((path, round))
}

pub fn run(
    ctx: &Context,
    dir: Option<&Path>,
    action: &RoundAction,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, Failure> {
    match action {
        RoundAction::New(args) => new_round(ctx, dir, args, out, err),
        RoundAction::Plan(args) => plan(ctx, dir, args, out, err),
        RoundAction::Show => show(ctx, dir, out, err),
    }
}

fn new_round(
    ctx: &Context,
    dir: Option<&Path>,
    args: &RoundNewArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let decision = clean(&args.decision, false).trim().to_string();
    if decision.is_empty() {
        return Err(Failure::usage(Msg::CliEmptyName.fill(lang, &[&"--decision"])));
    }
    let mut round =
        Round::new(&decision, date_arg(&args.date, lang)?, date_arg(&args.from, lang)?, date_arg(&args.to, lang)?);
    round.title = args.title.clone();
    round.issued_by = args.issued_by.clone();
    round.members = args.members.iter().map(|m| parse_member(m)).filter(|m| !m.name.is_empty()).collect();
    for text in &args.documents {
        let document = parse_document(text)
            .ok_or_else(|| Failure::usage(Msg::RoundBadDocument.fill(lang, &[&display_safe(text, false)])))?;
        round.documents.push(document);
    }
    round.normalize();
    if !report_round_issues(Path::new("round.ron"), &round, lang, err)? {
        return Err(Failure::usage(String::new()));
    }
    let dir = data_dir(dir, lang)?;
    let path = create_round(&dir, &round).map_err(|e| {
        let name = display_safe(&dir.join("round.ron").to_string_lossy(), false);
        match e.kind() {
            std::io::ErrorKind::AlreadyExists => Failure { code: 1, message: Msg::RoundExists.fill(lang, &[&name]) },
            _ => Failure { code: 2, message: Msg::ErrWrite.fill(lang, &[&name, &e]) },
        }
    })?;
    writeln!(out, "{}", display_safe(&path.to_string_lossy(), false))?;
    Ok(0)
}

fn plan(
    ctx: &Context,
    dir: Option<&Path>,
    args: &RoundPlanArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let dir = data_dir(dir, lang)?;
    let (path, mut round) = governing_round(&dir, lang)?;
    let planned = PlannedBranch {
        branch: clean(&args.branch, false).trim().to_string(),
        committee: clean(&args.committee, false).trim().to_string(),
        branch_type: type_arg(&args.branch_type, lang)?,
        date: args.date.as_deref().map(|d| date_arg(d, lang)).transpose()?,
        inspector: args.inspector.as_deref().map(|i| clean(i, false).trim().to_string()).unwrap_or_default(),
        previously: None,
    };
    for (value, label) in [(&planned.branch, "--branch"), (&planned.committee, "--committee")] {
        if value.is_empty() {
            return Err(Failure::usage(Msg::CliEmptyName.fill(lang, &[&label])));
        }
    }
    let change = round.plan(planned);
    if !report_round_issues(&path, &round, lang, err)? {
        return Err(Failure::usage(String::new()));
    }
    save_round(&path, &round).map_err(|e| Failure {
        code: 2,
        message: Msg::ErrWrite.fill(lang, &[&display_safe(&path.to_string_lossy(), false), &e]),
    })?;
    let (msg, i) = match change {
        PlanChange::Added(i) => (Msg::RoundPlanAdded, i),
        PlanChange::Updated(i) => (Msg::RoundPlanUpdated, i),
    };
    let p = &round.branches[i];
    writeln!(out, "{}", msg.fill(lang, &[&one_line(&p.branch), &one_line(&p.committee), &one_line(&round.decision)]))?;
    Ok(0)
}

/// The visits under the round's folder, loaded against the round's templates, as briefs.
pub fn round_visits(ctx: &Context, round_path: &Path, err: &mut dyn Write) -> Result<Vec<VisitBrief>, Failure> {
    let folder = round_path.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    let (mut files, walk_errors) = find_visit_files(&[folder]);
    files.retain(|f| !is_round_file(f));
    for e in &walk_errors {
        writeln!(err, "{}", e.display(ctx.lang))?;
    }
    let mut resolver = RoundResolver::new(&ctx.templates);
    let mut briefs = Vec::new();
    for file in &files {
        let key = resolver.resolve_file(file);
        for e in resolver.take_errors() {
            writeln!(err, "{}", e.display(ctx.lang))?;
        }
        match load_visit(file, resolver.templates(key.as_ref())) {
            Ok(visit) => briefs.push(VisitBrief::of(&visit)),
            Err(e) => writeln!(err, "{}", e.display(ctx.lang))?,
        }
    }
    Ok(briefs)
}

fn show(ctx: &Context, dir: Option<&Path>, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let dir = data_dir(dir, lang)?;
    let (path, round) = governing_round(&dir, lang)?;
    let visits = round_visits(ctx, &path, err)?;
    let cov = coverage(&round, &visits);
    // The rule set the round names, else the one in force when it starts (an unknown name is a
    // round issue, reported below).
    let chosen = crate::core::rule_sets::choose(&ctx.templates, round.from, None, round.rules.as_deref())
        .unwrap_or_else(|_| crate::core::rule_sets::in_force_on(&ctx.templates, round.from));
    let text = show_text(&round, &cov, &visits, chosen, lang);
    out.write_all(text.as_bytes())?;
    let ok = report_round_issues(&path, &round, lang, err)?;
    Ok(if ok { 0 } else { 1 })
}

fn state_text(state: PlanState, lang: Lang) -> &'static str {
    match state {
        PlanState::Missing => Msg::RoundStateMissing.get(lang),
        PlanState::Draft => Msg::RoundStateDraft.get(lang),
        PlanState::Final => Msg::RoundStateFinal.get(lang),
    }
}

/// `round show` as text, safe for a terminal.
pub fn show_text(round: &Round, cov: &Coverage, visits: &[VisitBrief], chosen: Chosen, lang: Lang) -> String {
    let template = chosen.template;
    use std::fmt::Write as _;
    let mut s = String::new();
    let w = &mut s;
    let _ = writeln!(
        w,
        "{}",
        Msg::RoundDecision.fill(lang, &[&one_line(&round.decision), &date_text(round.decision_date, lang)])
    );
    if !round.issued_by.is_empty() {
        let _ = writeln!(w, "{}", Msg::RoundIssuedBy.fill(lang, &[&one_line(&round.issued_by)]));
    }
    if !round.title.is_empty() {
        let _ = writeln!(w, "{}", Msg::RoundTitle.fill(lang, &[&one_line(&round.title)]));
    }
    let _ = writeln!(w, "{}", Msg::RoundPeriod.fill(lang, &[&date_text(round.from, lang), &date_text(round.to, lang)]));
    let why = chosen.reason.describe(round.from, Some(&one_line(&round.decision)), lang);
    let _ = writeln!(w, "{}", Msg::RoundRules.fill(lang, &[&one_line(&template.rule_set), &why]));
    if !round.members.is_empty() {
        let _ = writeln!(w, "\n{}", Msg::RoundTeam.get(lang));
        for m in &round.members {
            match m.role.is_empty() {
                true => {
                    let _ = writeln!(w, "  - {}", one_line(&m.name));
                }
                false => {
                    let _ = writeln!(w, "  - {} — {}", one_line(&m.name), one_line(&m.role));
                }
            }
        }
    }
    let _ = writeln!(w, "\n{}", Msg::RoundDocuments.get(lang));
    let documents = template_for_round(template, round);
    let options = documents.item(crate::core::round::ROUND_DOCUMENTS_ITEM).map(|r| r.item.kind.options().to_vec());
    for d in options.unwrap_or_default() {
        let _ = writeln!(w, "  - {} [{}]", one_line(d.label.get(lang)), one_line(&d.id));
    }
    let _ = writeln!(w, "\n{}", Msg::RoundPlan.get(lang));
    if round.branches.is_empty() {
        let _ = writeln!(w, "  {}", Msg::RoundNoPlan.get(lang));
    }
    for (n, b) in cov.branches.iter().enumerate() {
        let p = &b.planned;
        let mut facts = vec![p.branch_type.label().get(lang).to_string()];
        if let Some(d) = p.date {
            facts.push(date_text(d, lang));
        }
        if !p.inspector.is_empty() {
            facts.push(one_line(&p.inspector));
        }
        // The committee, and the earlier name when the branch was renamed.
        let mut under = one_line(&p.committee);
        if let Some(earlier) = p.previously.as_ref().and_then(|e| e.differs_from(&p.branch, &p.committee)) {
            under = format!("{under}; {}", Msg::PreviouslyNamed.fill(lang, &[&one_line(&earlier)]));
        }
        let _ = writeln!(
            w,
            "  {:>2}. {} ({}) — {} — {}",
            n + 1,
            one_line(&p.branch),
            under,
            facts.join(", "),
            state_text(b.state, lang)
        );
    }
    let _ = writeln!(w, "\n{}", Msg::CovTitle.get(lang));
    let _ = writeln!(w, "  - {}", Msg::CovAttended.fill(lang, &[&cov.visited(), &cov.planned()]));
    let missing: Vec<String> =
        cov.missing().map(|p| format!("{} ({})", one_line(&p.branch), one_line(&p.committee))).collect();
    if !missing.is_empty() {
        let _ = writeln!(w, "      {}", Msg::CovMissing.fill(lang, &[&missing.join("; ")]));
    }
    let _ = writeln!(w, "  - {}", Msg::CovFinal.fill(lang, &[&cov.finalised(), &cov.planned()]));
    for i in &cov.inspectors {
        let _ = writeln!(
            w,
            "  - {}",
            Msg::CovInspector.fill(lang, &[&one_line(&i.inspector), &i.planned, &i.visited, &i.finalised])
        );
    }
    if !cov.unplanned.is_empty() {
        let list: Vec<String> = cov
            .unplanned
            .iter()
            .filter_map(|&i| visits.get(i))
            .map(|v| format!("{} ({})", one_line(&v.branch), one_line(&v.committee)))
            .collect();
        let _ = writeln!(w, "  - {}", Msg::CovUnplanned.fill(lang, &[&list.join("; ")]));
    }
    s
}

/// Load the visit in `file` against the templates of its round; the template it was filled against.
pub fn load_with_round(ctx: &Context, file: &Path) -> Result<(crate::core::visit::Visit, Template), LoadError> {
    let mut resolver = RoundResolver::new(&ctx.templates);
    let key = resolver.resolve_file(file);
    if let Some(e) = resolver.take_errors().into_iter().next() {
        return Err(e);
    }
    let templates = resolver.templates(key.as_ref());
    let visit = load_visit(file, templates)?;
    // load_visit refuses a visit whose template is not known, so this finds it.
    let template = template_for(&visit, templates).cloned().unwrap_or_else(|| templates[0].clone());
    Ok((visit, template))
}
