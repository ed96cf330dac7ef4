//! The plain line-by-line mode (issue 18), through the real binary: a whole visit filled from a
//! script in a real terminal (no escape byte written, ever), the same script piped from a file,
//! and a hang-up in the middle of a typed note.

mod common;

use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::pty::{BIN, Pty, drain, open_pty, spawn_on_pty, wait_within, write_key};
use khaosat::core::rules::applies;
use khaosat::core::template::{Kind, Template};
use khaosat::core::visit::{Value, Visit, VisitStatus};
use khaosat::testing::{answer_all_passing, enter_passing_facts, sample_facts};

/// A new visit file in `dir`, made by `khaosat new` as an inspector would.
fn new_visit(dir: &Path) -> PathBuf {
    let made = Command::new(BIN)
        .args(["new", "--branch", "Chi bộ số 11", "--committee", "Đảng bộ phường Mai Dịch"])
        .args(["--type", "khu_dan_cu", "--date", "2022-04-05", "--lang", "vi", "--dir"])
        .arg(dir)
        .output()
        .expect("khaosat new runs");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    PathBuf::from(String::from_utf8_lossy(&made.stdout).trim())
}

/// The visit the script fills in: the meeting facts every computed item passes on, and an answer
/// to every item that applies (times and texts too).
fn target() -> (Template, Visit) {
    let template = Template::embedded();
    let mut visit = Visit::new(&template, sample_facts(), khaosat::testing::fixed_now());
    enter_passing_facts(&mut visit);
    visit.meeting.has_committee = Some(true);
    answer_all_passing(&template, &mut visit);
    for r in template.items() {
        let value = match r.item.kind {
            Kind::Time => Value::Time(khaosat::core::visit::TimeOfDay::new(19, 5).expect("time")),
            Kind::Text { .. } => Value::Text("Đã trao đổi kỹ".into()),
            _ => continue,
        };
        visit.answers.entry(r.item.id.clone()).or_default().value = Some(value);
    }
    (template, visit)
}

/// The lines an inspector types to fill `visit` in plain mode: each fact and item reached with
/// `g`, then its answer, the way the prompts ask for it; then `f` (final) and `q`.
fn script(template: &Template, visit: &Visit) -> Vec<String> {
    let m = &visit.meeting;
    let count = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let time = |t: Option<khaosat::core::visit::TimeOfDay>| t.map(|t| t.to_string()).unwrap_or_default();
    // Facts by their row in part 0 (the order of `Fact::ALL`).
    let facts = [
        (6, time(m.start)),
        (7, time(m.end)),
        (8, if m.has_committee == Some(true) { "y".into() } else { "n".into() }),
        (9, count(m.members.total)),
        (10, count(m.members.exempted.or(Some(0)))),
        (11, count(m.members.present)),
        (12, count(m.members.exempted_present.or(Some(0)))),
        (13, count(m.members.absent_excused)),
        (14, count(m.members.absent_unexcused)),
        (15, "Nguyễn Văn Chủ".into()),
        (16, "Trần Thị Thư".into()),
    ];
    let mut lines = Vec::new();
    for (row, value) in facts {
        lines.push(format!("g 0.{row}"));
        lines.push(value);
    }
    for r in template.items() {
        let item = r.item;
        let Some(value) = visit.value(&item.id).filter(|_| applies(item, visit)) else { continue };
        let options = item.kind.options();
        let number = |id: &String| options.iter().position(|o| o.id == *id).map(|i| (i + 1).to_string());
        let line = match value {
            Value::Yes => "y".to_string(),
            Value::No => "n".to_string(),
            Value::NotApplicable => "x".to_string(),
            Value::Scale(n) => n.to_string(),
            Value::Number(n) => n.to_string(),
            Value::Pair(a, b) => format!("{a}/{b}"),
            Value::Time(t) => t.to_string(),
            Value::Text(t) => t.clone(),
            Value::Choice(id) => number(id).expect("option"),
            Value::Choices(ids) if ids.is_empty() => "0".to_string(),
            Value::Choices(ids) => ids.iter().filter_map(number).collect::<Vec<_>>().join(" "),
        };
        lines.push(format!("g {}", item.id));
        lines.push(line);
    }
    lines.extend(["f".to_string(), "q".to_string()]);
    lines
}

fn validate(file: &Path) -> bool {
    Command::new(BIN).arg("validate").arg(file).output().expect("validate runs").status.success()
}

/// The file holds every answer of the target, and is final.
fn assert_filled(file: &Path, template: &Template, visit: &Visit) {
    let saved = khaosat::store::load_visit(file, std::slice::from_ref(template)).expect("the visit loads");
    for r in template.items() {
        if applies(r.item, visit) && !r.item.kind.is_computed() {
            assert_eq!(saved.value(&r.item.id), visit.value(&r.item.id), "{}", r.item.id);
        }
    }
    assert_eq!(saved.meeting.members.present, visit.meeting.members.present);
    assert_eq!(saved.meeting.chair, "Nguyễn Văn Chủ");
    assert_eq!(saved.status, VisitStatus::Final, "the script ends with f");
    assert!(validate(file), "khaosat validate refuses the visit");
}

#[test]
fn answers_piped_from_a_file_fill_the_visit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = new_visit(dir.path());
    let (template, visit) = target();
    let answers = dir.path().join("answers.txt");
    std::fs::write(&answers, script(&template, &visit).join("\n")).expect("write the script");
    let out = Command::new(BIN)
        .args(["edit", "--plain", "--lang", "vi"])
        .arg(&file)
        .stdin(Stdio::from(std::fs::File::open(&answers).expect("open")))
        .output()
        .expect("khaosat runs");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{shown}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(shown.contains("Phiếu đã hoàn tất"), "{shown}");
    assert_filled(&file, &template, &visit);
}

#[test]
fn the_end_of_the_input_saves_and_exits_zero() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = new_visit(dir.path());
    // No q: the input just ends after two answers and a note.
    let out = Command::new(BIN)
        .args(["edit", "--lang", "en"])
        .arg(&file)
        .env("KHAOSAT_PLAIN", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().expect("stdin").write_all(b"y\nn\ne\nNo draft was brought")?;
            child.wait_with_output()
        })
        .expect("khaosat runs");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{shown}");
    assert!(shown.contains("Limitation: "), "a finding is said in words: {shown}");
    let text = std::fs::read_to_string(&file).expect("read");
    assert!(text.contains("value: Some(Yes)") && text.contains("value: Some(No)"), "{text}");
    assert!(text.contains("No draft was brought"), "the last line, without a line break, is kept: {text}");
}

/// Write `line` and Enter, then read until the program is quiet again.
fn type_line(master: &OwnedFd, line: &str) -> Vec<u8> {
    write_key(master, format!("{line}\r").as_bytes());
    drain(master, Duration::from_millis(60), Duration::from_secs(10))
}

/// What a terminal would do with the bytes: only printed text and line breaks are allowed.
#[derive(Default)]
struct Seen {
    printed: usize,
    other: Vec<String>,
}

impl vte::Perform for Seen {
    fn print(&mut self, _c: char) {
        self.printed += 1;
    }
    fn execute(&mut self, byte: u8) {
        if byte != b'\n' && byte != b'\r' {
            self.other.push(format!("control {byte:#04x}"));
        }
    }
    fn hook(&mut self, _: &vte::Params, _: &[u8], _: bool, action: char) {
        self.other.push(format!("DCS {action}"));
    }
    fn osc_dispatch(&mut self, _: &[&[u8]], _: bool) {
        self.other.push("OSC".into());
    }
    fn csi_dispatch(&mut self, _: &vte::Params, _: &[u8], _: bool, action: char) {
        self.other.push(format!("CSI {action}"));
    }
    fn esc_dispatch(&mut self, _: &[u8], _: bool, byte: u8) {
        self.other.push(format!("ESC {}", byte as char));
    }
}

#[test]
fn a_whole_visit_filled_in_a_terminal_writes_no_escape_at_all() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = new_visit(dir.path());
    let (template, visit) = target();
    let pty = open_pty();
    let mut cmd = Command::new(BIN);
    cmd.args(["edit", "--plain", "--lang", "vi"]).arg(&file).env("KHAOSAT_DIR", dir.path());
    let mut child = spawn_on_pty(&pty, cmd, true, true);
    let mut bytes = drain(&pty.master, Duration::from_millis(100), Duration::from_secs(20));
    assert!(String::from_utf8_lossy(&bytes).contains("Chuẩn bị, câu 1 trên 7"), "{}", String::from_utf8_lossy(&bytes));
    let lines = script(&template, &visit);
    for line in &lines {
        bytes.extend(type_line(&pty.master, line));
    }
    let status = wait_within(&mut child, Duration::from_secs(10), "plain edit after q");
    bytes.extend(drain(&pty.master, Duration::from_millis(50), Duration::from_millis(200)));
    assert!(status.success(), "exit {status:?}");
    assert!(!bytes.contains(&0x1b), "an ESC byte was written");
    let mut seen = Seen::default();
    let mut parser = vte::Parser::new();
    parser.advance(&mut seen, &bytes);
    assert!(seen.other.is_empty(), "not plain text: {:?}", seen.other);
    assert!(seen.printed > 1000, "the session printed only {} characters", seen.printed);
    let shown = String::from_utf8_lossy(&bytes);
    assert!(shown.contains("Phiếu đã hoàn tất"), "{shown}");
    eprintln!("plain session: {} lines typed, {} bytes written", lines.len(), bytes.len());
    assert_filled(&file, &template, &visit);
}

#[test]
fn a_hang_up_in_the_middle_of_a_typed_note_keeps_the_note() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = new_visit(dir.path());
    let pty = open_pty();
    let mut cmd = Command::new(BIN);
    cmd.args(["edit", "--plain", "--lang", "vi"]).arg(&file);
    let mut child = spawn_on_pty(&pty, cmd, true, true);
    drain(&pty.master, Duration::from_millis(100), Duration::from_secs(20));
    type_line(&pty.master, "y");
    let asked = String::from_utf8_lossy(&type_line(&pty.master, "e")).into_owned();
    assert!(asked.contains("Ghi chú cho câu"), "{asked}");
    write_key(&pty.master, "Chi ủy họp ngày 1/4, có biên".as_bytes());
    let echoed = drain(&pty.master, Duration::from_millis(100), Duration::from_secs(5));
    assert!(String::from_utf8_lossy(&echoed).contains("có biên"), "the typing is echoed");
    let Pty { master, slave } = pty;
    drop(slave);
    let started = Instant::now();
    drop(master);
    let status = wait_within(&mut child, Duration::from_secs(5), "plain edit after a hang-up");
    eprintln!("exit after the hang-up: {} ms ({status:?})", started.elapsed().as_millis());
    let saved = khaosat::store::load_visit(&file, &[Template::embedded()]).expect("loads");
    let answer = saved.answer("prep.committee_met").expect("answered");
    assert_eq!(answer.value, Some(Value::Yes));
    assert_eq!(answer.note, "Chi ủy họp ngày 1/4, có biên", "the half-typed note is kept");
    assert!(validate(&file));
}

/// Run the binary with `args`, `input` on standard input (no terminal); its output.
fn piped(args: &[&str], dir: &Path, input: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = Command::new(BIN)
        .args(args)
        .arg("--dir")
        .arg(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("khaosat runs");
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write the answers");
    child.wait_with_output().expect("khaosat ends")
}

#[test]
fn new_with_plain_makes_the_visit_and_fills_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let args = ["new", "--plain", "--lang", "vi", "--branch", "Chi bộ số 7", "--committee", "Đảng bộ phường Dịch Vọng"];
    let out = piped(&[&args[..], &["--type", "co_quan", "--date", "2026-03-05"]].concat(), dir.path(), "n\nq\n");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{shown}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(shown.contains("Hạn chế: "), "{shown}");
    let files: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .expect("the folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let text = std::fs::read_to_string(&files[0]).expect("read");
    assert!(text.contains("hd42-2025") && text.contains("value: Some(No)"), "{text}");
}

#[test]
fn the_home_list_opens_a_visit_by_its_number() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = new_visit(dir.path());
    let out = piped(&["--plain", "--lang", "en"], dir.path(), "1\ny\nq\nq\n");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{shown}");
    assert!(shown.contains("1. Chi bộ số 11, Đảng bộ phường Mai Dịch, 05/04/2022: Draft, 0 of 42 answered"), "{shown}");
    assert!(shown.contains("1. Chi bộ số 11, Đảng bộ phường Mai Dịch, 05/04/2022: Draft, 1 of 42 answered"), "{shown}");
    assert!(std::fs::read_to_string(&file).expect("read").contains("value: Some(Yes)"));
}

#[test]
fn a_visit_open_elsewhere_is_only_viewed_and_never_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = new_visit(dir.path());
    // The first session, in a terminal, holds the visit.
    let pty = open_pty();
    let mut cmd = Command::new(BIN);
    cmd.args(["edit", "--plain", "--lang", "en"]).arg(&file);
    let mut holder = spawn_on_pty(&pty, cmd, true, true);
    drain(&pty.master, Duration::from_millis(100), Duration::from_secs(20));
    let before = std::fs::read(&file).expect("read");
    let out = piped(&["edit", "--plain", "--lang", "en", &file.to_string_lossy()], dir.path(), "y\nn\nq\n");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{shown}");
    assert!(shown.contains("READ-ONLY: this visit is open in"), "{shown}");
    assert_eq!(std::fs::read(&file).expect("read"), before, "the second session wrote the file");
    type_line(&pty.master, "q");
    wait_within(&mut holder, Duration::from_secs(5), "the first session after q");
}

/// A short session as a screen reader or a log gets it, in both languages: answers, a finding
/// said in words, a note, a numbered list, a refusal, a search, the end.
#[test]
fn a_short_session_reads_as_plain_sentences() {
    for lang in ["vi", "en"] {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = new_visit(dir.path());
        let script = "y\nn\ne\nChưa có dự thảo\nabc\ng 5.3\n1 3\n/so ghi chep\n1\n?\nq\n";
        let out = piped(&["edit", "--plain", "--lang", lang, &file.to_string_lossy()], dir.path(), script);
        assert!(out.status.success());
        insta::assert_snapshot!(format!("session_{lang}"), String::from_utf8_lossy(&out.stdout));
    }
}

#[test]
fn typing_ahead_of_the_questions_loses_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = new_visit(dir.path());
    let pty = open_pty();
    let mut cmd = Command::new(BIN);
    cmd.args(["edit", "--plain", "--lang", "vi"]).arg(&file);
    let mut child = spawn_on_pty(&pty, cmd, true, true);
    drain(&pty.master, Duration::from_millis(100), Duration::from_secs(20));
    // The next answer is already being typed while the first one is carried out.
    write_key(&pty.master, b"y\rn");
    drain(&pty.master, Duration::from_millis(200), Duration::from_secs(5));
    type_line(&pty.master, "");
    type_line(&pty.master, "q");
    wait_within(&mut child, Duration::from_secs(5), "plain edit after q");
    let saved = khaosat::store::load_visit(&file, &[Template::embedded()]).expect("loads");
    assert_eq!(saved.value("prep.committee_met"), Some(&Value::Yes));
    assert_eq!(saved.value("prep.secretary_prepared"), Some(&Value::No), "the answer typed ahead was kept");
}
