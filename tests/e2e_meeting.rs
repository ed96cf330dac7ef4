//! A whole meeting in a real terminal (issue 13's must-show): tmux runs khaosat in Vietnamese at
//! 80×24 and an inspector fills a visit from the home screen to final with only the keys the
//! screens offer — including a note cancelled with Esc (asked first, then kept), a `y` pressed
//! twice (the status line says so), and a visit refused as final until its times and member
//! counts are entered. The keys and typed characters are counted and printed.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::tmux::Tmux as Meeting;
use khaosat::core::rule_sets::in_force_on;
use khaosat::core::template::{Kind, Template};

const BIN: &str = env!("CARGO_BIN_EXE_khaosat");

fn visit_file(dir: &Path) -> PathBuf {
    let files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "ron")).collect())
        .unwrap_or_default();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

/// The keys that answer one item of the embedded template, as an inspector does: y on yes/no,
/// 4 on a scale, a number and Enter, a pair typed as 1/1, the first option of a list. Items that
/// do not move on by themselves (computed figures, lists, pairs, optional remarks) are left with
/// j — except the last of a section, where Tab goes on.
fn answer(m: &Meeting, kind: &Kind, required: bool, last: bool) {
    let moves_on = match kind {
        Kind::YesNo { .. } => {
            m.keys(&["y"]);
            true
        }
        Kind::Scale => {
            m.keys(&["4"]);
            true
        }
        Kind::Count { .. } => {
            m.keys(&["0", "Enter"]);
            true
        }
        Kind::CountPair { .. } => {
            m.keys(&["1"]);
            m.type_text("/1");
            m.keys(&["Enter"]);
            false
        }
        Kind::Choice { .. } | Kind::MultiChoice { .. } => {
            m.keys(&["Enter", "Enter"]);
            false
        }
        Kind::Text { .. } if required => {
            m.keys(&["Enter"]);
            m.type_text("Không");
            m.keys(&["Enter"]);
            false
        }
        Kind::Text { .. } | Kind::Time | Kind::Computed(_) => false,
    };
    if last {
        m.keys(&["Tab"]);
    } else if !moves_on {
        m.keys(&["j"]);
    }
}

#[test]
fn a_whole_meeting_from_home_to_final_in_vietnamese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let command = format!("{BIN} --lang vi --config /nonexistent/khaosat.ron --dir '{}'", dir.path().display());
    let Some(m) = Meeting::start("meeting", &command) else { return };
    m.wait_for("Chưa có phiếu");

    // The new visit: type the branch on its line, Enter moves on; the committee; Ctrl-S.
    m.keys(&["a"]);
    m.wait_for("Phiếu khảo sát mới");
    m.type_text("Chi bộ số 11");
    m.keys(&["Enter"]);
    m.type_text("Đảng bộ phường Mai Dịch");
    m.keys(&["Enter", "C-s"]);
    m.wait_for("Chuẩn bị 1/7");

    // A y pressed twice answers two items, and says so.
    m.keys(&["y", "y"]);
    m.wait_for("Đã trả lời 2/7: Có · đang ở 3/7");
    // e writes the note of the item just answered; Esc on it asks first, and Enter keeps it.
    m.keys(&["e"]);
    m.type_text("Phó bí thư chuẩn bị thay");
    m.keys(&["Escape"]);
    m.wait_for("Esc lần nữa để bỏ");
    m.keys(&["Enter"]);
    m.wait_for("Chuẩn bị 3/7");

    // Every other item, section by section, with the keys the screens offer. The form dated the
    // meeting today, so the visit follows the rule set in force today.
    let all = Template::embedded_all();
    let template =
        in_force_on(&all, jiff::Timestamp::now().to_zoned_datetime(jiff::tz::TimeZone::system()).date()).template;
    for (s, section) in template.sections.iter().enumerate() {
        let start = if s == 0 { 2 } else { 0 };
        for (i, item) in section.items.iter().enumerate().skip(start) {
            answer(&m, &item.kind, item.required, i + 1 == section.items.len());
        }
    }

    // Final is refused: the times and member counts are not entered, and the list says so.
    m.keys(&["f"]);
    m.wait_for("Chưa nhập: Giờ bắt đầu");
    // Enter on it goes to the fact; the times, the chi ủy, then the counts, each on its line.
    m.keys(&["Enter", "Enter"]);
    m.type_text("19:30");
    m.keys(&["Enter", "j", "Enter"]);
    m.type_text("21:00");
    m.keys(&["Enter", "j", "y", "j", "2", "0", "Enter", "j", "j", "1", "5", "Enter", "j", "j", "4", "Enter", "j", "1"]);
    m.keys(&["Enter", "f"]);
    m.wait_for("Hoàn tất");

    let file = visit_file(dir.path());
    let text = std::fs::read_to_string(&file).expect("read");
    assert!(text.contains("status: Final"), "{text}");
    assert!(text.contains("note: \"Phó bí thư chuẩn bị thay\""), "the note asked about was kept:\n{text}");
    let second = &template.sections[0].items[1].id;
    assert!(
        text.contains(&format!("\"{second}\": (\n      note: \"Phó bí thư chuẩn bị thay\",\n      value: Some(Yes),"))
            || text.contains(&format!(
                "\"{second}\": (\n      value: Some(Yes),\n      note: \"Phó bí thư chuẩn bị thay\","
            )),
        "{text}"
    );
    let out = Command::new(BIN).arg("validate").arg(&file).output().expect("validate runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    eprintln!("a whole meeting: {} keys and {} typed characters, home to final", m.keys.get(), m.typed.get());
}
