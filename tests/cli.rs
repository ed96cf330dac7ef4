//! The command line through the real binary: `new`, `validate` on the fixtures, exit codes,
//! messages in both languages, the data folder from `KHAOSAT_DIR`, a closed stdout, completions.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Output, Stdio};

use khaosat::core::template::Template;
use khaosat::core::visit::{BranchType, MeetingKind, VisitStatus};
use khaosat::store::format::{decode_text, parse_visit};
use khaosat::store::load_visit;
use khaosat::strings::Lang;

mod common;
use common::{MANIFEST, khaosat, show, text};

fn run(args: &[&str]) -> Output {
    common::run(args).expect("run khaosat")
}

fn path_arg(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

const MUST_SHOW: [&str; 9] = [
    "new",
    "--branch",
    "Chi bộ số 11",
    "--committee",
    "Đảng bộ phường Mai Dịch",
    "--type",
    "khu_dan_cu",
    "--date",
    "2022-04-05",
];

/// `new` with the must-show facts into `dir`; returns the printed path.
fn new_visit(dir: &Path, extra: &[&str]) -> PathBuf {
    let dir = path_arg(dir);
    let mut args: Vec<&str> = MUST_SHOW.to_vec();
    args.extend(["--dir", &dir]);
    args.extend(extra);
    let out = run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let printed = text(&out.stdout);
    assert!(printed.ends_with('\n') && printed.lines().count() == 1, "{}", show(&out));
    PathBuf::from(printed.trim_end())
}

// ---------------------------------------------------------------------------------------------
// validate on the fixtures
// ---------------------------------------------------------------------------------------------

#[test]
fn valid_fixtures_validate() {
    let out = run(&["--lang", "en", "validate", "tests/fixtures/valid"]);
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert_eq!(text(&out.stdout), "2 file(s) valid\n");
    assert!(out.stderr.is_empty(), "{}", show(&out));
}

#[test]
fn valid_fixtures_load_as_filled_visits() {
    let templates = [Template::embedded()];
    let load = |name: &str| {
        load_visit(&Path::new(MANIFEST).join("tests/fixtures/valid").join(name), &templates)
            .map_err(|e| e.display(Lang::En))
    };
    let first = load("2022-04-05_chi-bo-so-11.ron").expect("first fixture");
    assert_eq!(first.meeting.branch, "Chi bộ số 11");
    assert_eq!(first.meeting.branch_type, BranchType::KhuDanCu);
    assert_eq!(first.status, VisitStatus::Final);
    let answerable = templates[0].items().filter(|r| !r.item.kind.is_computed()).count();
    assert_eq!(first.answers.len(), answerable, "every item a person answers, answered");
    assert!(first.answers["conduct.report_shortcomings"].note.contains('\n'));
    let second = load("2022-05-12_chi-bo-truong-thcs-nghia-tan.ron").expect("second fixture");
    assert_eq!(second.meeting.kind, MeetingKind::Combined);
    assert_eq!(second.meeting.has_committee, Some(false));
    assert_eq!(second.status, VisitStatus::Draft);
}

/// Validates one invalid fixture: exit 1, `path:line:col: message` on stderr, the count after it.
fn invalid(file: &str, line_col: &str, message: &str) {
    let path = format!("tests/fixtures/invalid/{file}");
    let out = run(&["--lang", "en", "validate", &path]);
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    let stderr = text(&out.stderr);
    let expected = format!("{path}:{line_col}: {message}");
    assert!(stderr.starts_with(&expected), "expected {expected:?}\n{}", show(&out));
    assert!(stderr.ends_with("0 file(s) valid, 1 invalid\n"), "{}", show(&out));
    assert!(out.stdout.is_empty(), "{}", show(&out));
}

#[test]
fn truncated_file() {
    invalid("truncated.ron", "60:24", "syntax error: the file ends too early (truncated?)");
}

#[test]
fn truncated_in_the_middle_of_a_character() {
    invalid("truncated_mid_character.ron", "11:37", "syntax error: the file ends too early (truncated?)");
}

#[test]
fn wrong_type() {
    // `total: Some("42")`: a text where a number goes.
    invalid("wrong_type.ron", "22:19", "syntax error: expected a whole number");
}

#[test]
fn unknown_item_id() {
    invalid("unknown_item.ron", "149:5", "item \"prep.thong_bao\" is not in template hd12-2018");
}

#[test]
fn newer_schema_version() {
    // The file also has a field this build does not know: the version is what gets reported.
    invalid(
        "newer_schema.ron",
        "2:3",
        "written by a newer khaosat (format 99, this one reads up to 3): update khaosat",
    );
}

#[test]
fn bad_date() {
    invalid("bad_date.ron", "14:12", "syntax error: ");
    let out = run(&["--lang", "en", "validate", "tests/fixtures/invalid/bad_date.ron"]);
    // The value and how a date is written, not the date library's English.
    assert!(
        text(&out.stderr).contains("the value \"2022-13-45\" cannot be read: dates are written \"YYYY-MM-DD\""),
        "{}",
        show(&out)
    );
}

#[test]
fn merge_conflict() {
    invalid(
        "merge_conflict.ron",
        "155:1",
        "unresolved merge at line 155: resolve the <<<<<<< ======= >>>>>>> markers and save",
    );
}

#[test]
fn unknown_template_id() {
    invalid(
        "unknown_template.ron",
        "4:9",
        "the file uses template \"hd12-ha-noi\" version 1, which this build does not have (it has hd12-2018 version 1",
    );
}

/// A visit made with a newer version of a template than this build has (an inspector with a newer
/// khaosat, or a province's update) is refused with the version named, not read with the older
/// version's items and thresholds.
#[test]
fn newer_template_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let source = std::fs::read_to_string(Path::new(MANIFEST).join("tests/fixtures/valid/2022-04-05_chi-bo-so-11.ron"))
        .expect("fixture");
    let newer = source.replacen("    version: 1,", "    version: 9,", 1);
    assert_ne!(newer, source, "the fixture names its template version");
    let file = dir.path().join("newer.ron");
    std::fs::write(&file, newer).expect("write");
    let path = file.to_string_lossy().into_owned();
    let out = run(&["--lang", "en", "validate", &path]);
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    let expected = format!(
        "{path}:4:9: the file uses template \"hd12-2018\" version 9, which this build does not have (it has hd12-2018 version 1"
    );
    assert!(text(&out.stderr).starts_with(&expected), "expected {expected:?}\n{}", show(&out));
    assert!(text(&out.stderr).contains("add that template file with --template FILE"), "{}", show(&out));
}

#[test]
fn answer_that_does_not_fit_its_item() {
    invalid(
        "bad_answer.ron",
        "118:5",
        "invalid answer: overall.grade: \"xuat_sac\" is not one of the item's options (tot, kha, trung_binh, kem)",
    );
}

#[test]
fn invalid_folder_reports_every_file() {
    let out = run(&["--lang", "en", "validate", "tests/fixtures/invalid", "tests/fixtures/valid"]);
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    let stderr = text(&out.stderr);
    let count = fs::read_dir(Path::new(MANIFEST).join("tests/fixtures/invalid")).expect("read fixtures").count();
    let reported = stderr.lines().filter(|l| l.starts_with("tests/fixtures/invalid/")).count();
    assert_eq!(reported, count, "{}", show(&out));
    assert!(stderr.ends_with(&format!("2 file(s) valid, {count} invalid\n")), "{}", show(&out));
}

#[test]
fn messages_in_vietnamese() {
    let out = run(&["--lang", "vi", "validate", "tests/fixtures/invalid/truncated.ron"]);
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert_eq!(
        text(&out.stderr),
        "tests/fixtures/invalid/truncated.ron:60:24: lỗi cú pháp: tệp kết thúc đột ngột (bị cắt cụt?)\n0 tệp hợp lệ, 1 tệp lỗi\n"
    );
}

#[test]
fn lang_switches_the_messages() {
    let en = run(&["--lang", "en", "validate", "tests/fixtures/invalid/unknown_item.ron"]);
    let vi = run(&["--lang", "vi", "validate", "tests/fixtures/invalid/unknown_item.ron"]);
    assert_eq!(en.status.code(), Some(1));
    assert_eq!(vi.status.code(), Some(1));
    assert_ne!(en.stderr, vi.stderr);
    assert!(text(&en.stderr).contains("is not in template"), "{}", show(&en));
    assert!(text(&vi.stderr).contains("không có trong mẫu phiếu"), "{}", show(&vi));

    let en = run(&["--lang", "en", "validate", "tests/fixtures/valid"]);
    let vi = run(&["--lang", "vi", "validate", "tests/fixtures/valid"]);
    assert_eq!(text(&en.stdout), "2 file(s) valid\n");
    assert_eq!(text(&vi.stdout), "2 tệp hợp lệ\n");
}

#[test]
fn lang_follows_the_locale_when_not_given() {
    let out = khaosat().env("LANG", "en_US.UTF-8").args(["validate", "tests/fixtures/valid"]).output().expect("run");
    assert_eq!(text(&out.stdout), "2 file(s) valid\n", "{}", show(&out));
    let out = khaosat().env("LANG", "vi_VN.UTF-8").args(["validate", "tests/fixtures/valid"]).output().expect("run");
    assert_eq!(text(&out.stdout), "2 tệp hợp lệ\n", "{}", show(&out));
}

#[test]
fn validate_missing_path_is_a_usage_error() {
    let out = run(&["--lang", "en", "validate", "tests/fixtures/no-such-folder"]);
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert!(
        text(&out.stderr).starts_with("khaosat: tests/fixtures/no-such-folder: cannot read the file"),
        "{}",
        show(&out)
    );
}

#[test]
fn validate_folder_without_visits_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(&["--lang", "en", "validate", &path_arg(dir.path())]);
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert!(text(&out.stderr).contains("no .ron files found in"), "{}", show(&out));
}

#[test]
fn validate_needs_a_path() {
    let out = run(&["validate"]);
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
}

// ---------------------------------------------------------------------------------------------
// new
// ---------------------------------------------------------------------------------------------

/// The must-show scenario.
#[test]
fn must_show_scenario() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = new_visit(dir.path(), &[]);
    assert_eq!(path, dir.path().join("2022-04-05_chi-bo-so-11.ron"));
    assert!(path.is_file());

    let out = run(&["--lang", "en", "validate", &path_arg(&path)]);
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert_eq!(text(&out.stdout), "1 file(s) valid\n");

    let bytes = fs::read(&path).expect("read");
    let truncated = dir.path().join("truncated.ron");
    fs::write(&truncated, &bytes[..bytes.len() / 2]).expect("write");
    let out = run(&["--lang", "en", "validate", &path_arg(&truncated)]);
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    let stderr = text(&out.stderr);
    let prefix = format!("{}:", truncated.display());
    let rest = stderr.strip_prefix(&prefix).unwrap_or_else(|| panic!("{}", show(&out)));
    let mut parts = rest.splitn(3, ':');
    let line: Option<usize> = parts.next().and_then(|l| l.parse().ok());
    let col: Option<usize> = parts.next().and_then(|c| c.parse().ok());
    assert!(line.is_some_and(|l| l > 1) && col.is_some_and(|c| c >= 1), "{}", show(&out));
    assert!(parts.next().is_some_and(|m| m.starts_with(" syntax error: ")), "{}", show(&out));
}

/// Wherever a visit file is cut (a full disk, a copy interrupted), validation refuses it, says
/// where, and says that it ends too early; it never accepts it and never panics.
#[test]
fn every_truncation_is_refused_with_a_position() {
    let source = Path::new(MANIFEST).join("tests/fixtures/valid/2022-04-05_chi-bo-so-11.ron");
    let bytes = fs::read(&source).expect("read fixture");
    let templates = [Template::embedded()];
    let load = |bytes: &[u8]| decode_text(&source, bytes).and_then(|text| parse_visit(&source, &text, &templates));
    assert!(load(&bytes).is_ok());
    // Keep at least "(\n  s" so the file is not blank; drop at least the final ")". Every third
    // byte: cuts inside names, texts, numbers, multi-byte letters and between lines all occur.
    for cut in (5..bytes.len() - 2).step_by(3) {
        match load(&bytes[..cut]) {
            Ok(_) => panic!("a file cut at byte {cut} was accepted"),
            Err(e) => {
                assert!(e.position.is_some(), "cut at {cut}: no position in {}", e.display(Lang::En));
                assert_eq!(
                    e.message(Lang::En),
                    "syntax error: the file ends too early (truncated?)",
                    "cut at byte {cut}, line {}",
                    bytes[..cut].iter().filter(|b| **b == b'\n').count() + 1
                );
            }
        }
    }
}

#[test]
fn new_writes_the_facts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = new_visit(dir.path(), &["--kind", "combined", "--inspector", "Lê Thị Tú", "--round", "967-QĐ/QU"]);
    let visit = load_visit(&path, &[Template::embedded()]).map_err(|e| e.display(Lang::En)).expect("load");
    assert_eq!(visit.meeting.branch, "Chi bộ số 11");
    assert_eq!(visit.meeting.committee, "Đảng bộ phường Mai Dịch");
    assert_eq!(visit.meeting.branch_type, BranchType::KhuDanCu);
    assert_eq!(visit.meeting.kind, MeetingKind::Combined);
    assert_eq!(visit.meeting.date, jiff::civil::date(2022, 4, 5));
    assert_eq!(visit.inspectors, vec!["Lê Thị Tú".to_string()]);
    assert_eq!(visit.round.as_deref(), Some("967-QĐ/QU"));
    assert_eq!(visit.status, VisitStatus::Draft);
    assert!(visit.answers.is_empty());
    assert_eq!(visit.template.id, "hd12-2018");
    assert_eq!(visit.template.hash, Template::embedded().content_hash());
}

#[test]
fn new_never_overwrites_an_existing_visit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = new_visit(dir.path(), &[]);
    let before = fs::read(&first).expect("read");
    let second = new_visit(dir.path(), &[]);
    assert_eq!(second, dir.path().join("2022-04-05_chi-bo-so-11-2.ron"));
    assert_eq!(fs::read(&first).expect("read again"), before);
}

#[test]
fn new_accepts_day_first_dates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = path_arg(dir.path());
    let out = run(&[
        "new",
        "--branch",
        "Chi bộ số 11",
        "--committee",
        "Đảng bộ phường Mai Dịch",
        "--type",
        "khu_dan_cu",
        "--date",
        "05/04/2022",
        "--dir",
        &d,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert_eq!(text(&out.stdout), format!("{}\n", dir.path().join("2022-04-05_chi-bo-so-11.ron").display()));
}

#[test]
fn new_stores_a_decomposed_branch_as_nfc() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = path_arg(dir.path());
    let out = run(&[
        "new",
        "--branch",
        "Chi bo\u{323}\u{302} so\u{302}\u{301} 11",
        "--committee",
        "Đảng bộ",
        "--type",
        "khac",
        "--date",
        "2022-04-05",
        "--dir",
        &d,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let path = dir.path().join("2022-04-05_chi-bo-so-11.ron");
    let saved = fs::read_to_string(&path).expect("read");
    assert!(saved.contains("branch: \"Chi bộ số 11\","), "{saved}");
}

/// `new` with one argument replaced; expects exit 2, `message` on stderr and no file written.
fn new_refused(replace: (&str, &str), lang: &str, message: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = path_arg(dir.path());
    let mut args: Vec<&str> = vec!["--lang", lang];
    let mut facts = MUST_SHOW.to_vec();
    let at = facts.iter().position(|a| *a == replace.0).expect("known flag") + 1;
    facts[at] = replace.1;
    args.extend(facts);
    args.extend(["--dir", &d]);
    let out = run(&args);
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert_eq!(text(&out.stderr), format!("khaosat: {message}\n"), "{}", show(&out));
    assert!(out.stdout.is_empty(), "{}", show(&out));
    let files = fs::read_dir(dir.path()).map(|d| d.count()).unwrap_or(0);
    assert_eq!(files, 0, "a file was written");
}

#[test]
fn new_rejects_a_bad_date() {
    new_refused(("--date", "2022-13-45"), "en", "invalid date \"2022-13-45\": use YYYY-MM-DD or dd/mm/yyyy");
    new_refused(("--date", "31/02/2022"), "en", "invalid date \"31/02/2022\": use YYYY-MM-DD or dd/mm/yyyy");
    new_refused(("--date", "hôm qua"), "vi", "ngày \"hôm qua\" không hợp lệ: dùng YYYY-MM-DD hoặc dd/mm/yyyy");
}

#[test]
fn new_rejects_a_bad_type() {
    new_refused(
        ("--type", "phuong"),
        "en",
        "unknown branch type \"phuong\"; choose one of: nong_thon, khu_dan_cu, co_quan, su_nghiep, truong_hoc, \
         dn_nha_nuoc, dn_ngoai_nha_nuoc, hop_tac_xa, quan_doi, cong_an, khac",
    );
}

#[test]
fn new_rejects_an_empty_branch() {
    new_refused(("--branch", ""), "en", "Branch must not be empty");
    new_refused(("--branch", "   "), "vi", "Tên chi bộ không được để trống");
    // Only control characters: nothing is left once cleaned.
    new_refused(("--branch", "\u{1b}\u{7}"), "en", "Branch must not be empty");
    new_refused(("--committee", ""), "en", "Parent committee must not be empty");
}

#[test]
fn new_without_required_flags_is_a_usage_error() {
    let out = run(&["new", "--branch", "Chi bộ số 11"]);
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert!(text(&out.stderr).contains("--committee"), "{}", show(&out));
}

#[test]
fn data_folder_comes_from_the_environment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = khaosat().env("KHAOSAT_DIR", dir.path()).args(MUST_SHOW).output().expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let expected = dir.path().join("2022-04-05_chi-bo-so-11.ron");
    assert_eq!(text(&out.stdout), format!("{}\n", expected.display()));
    assert!(expected.is_file());

    // --dir wins over the environment.
    let other = tempfile::tempdir().expect("tempdir");
    let out = khaosat()
        .env("KHAOSAT_DIR", dir.path())
        .args(MUST_SHOW)
        .args(["--dir", &path_arg(other.path())])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert!(other.path().join("2022-04-05_chi-bo-so-11.ron").is_file());
    assert!(!dir.path().join("2022-04-05_chi-bo-so-11-2.ron").exists());
}

// ---------------------------------------------------------------------------------------------
// Output to a closed pipe, completions
// ---------------------------------------------------------------------------------------------

/// Runs the binary with stdout connected to a pipe whose reading end is already closed, so the
/// first write fails with EPIPE every time (deterministic, unlike racing `| head -1`).
fn run_into_closed_pipe(args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    StdCommand::new(env!("CARGO_BIN_EXE_khaosat"))
        .current_dir(MANIFEST)
        .env_remove("KHAOSAT_DIR")
        .args(args)
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .expect("run khaosat")
}

#[test]
fn closed_stdout_is_not_an_error() {
    for args in [&["template", "show"][..], &["--lang", "en", "validate", "tests/fixtures/valid"][..]] {
        let out = run_into_closed_pipe(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", show(&out));
        assert!(out.stderr.is_empty(), "{args:?}: {}", show(&out));
    }
}

#[test]
fn closed_stdout_is_not_an_error_for_completions() {
    let out = run_into_closed_pipe(&["completions", "bash"]);
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert!(out.stderr.is_empty(), "{}", show(&out));
}

/// `khaosat template show | head -1`: read one line, close the pipe, the command still succeeds.
#[test]
fn head_of_template_show() {
    let mut child = StdCommand::new(env!("CARGO_BIN_EXE_khaosat"))
        .current_dir(MANIFEST)
        .args(["template", "show"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let mut first = String::new();
    BufReader::new(stdout).read_line(&mut first).expect("read one line");
    // The reader (and with it the pipe) is dropped here, as `head -1` exits.
    assert_eq!(first, "(\n");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success(), "{}", show(&out));
    assert!(out.stderr.is_empty(), "{}", show(&out));
}

#[test]
fn completions_for_bash() {
    let out = run(&["completions", "bash"]);
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let script = text(&out.stdout);
    assert!(script.contains("_khaosat()"), "{script}");
    assert!(script.contains("complete -F _khaosat"), "{script}");
    for sub in ["new", "validate", "template", "completions"] {
        assert!(script.contains(sub), "{sub} missing");
    }
}

#[test]
fn unknown_shell_is_a_usage_error() {
    let out = run(&["completions", "cmd.exe"]);
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
}
