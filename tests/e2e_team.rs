//! Issue 16 end to end: two inspectors' clones of one team repository (real git), each answering
//! the same visit; `khaosat sync` on both keeps the differing answer as a conflict in the file;
//! then the checklist in a real terminal (tmux) shows both sides, one key keeps one, `g` on the
//! home list syncs, and both clones end with the same valid file.

mod common;

use std::path::Path;
use std::process::Command;

use common::Result;
use common::team::{Clone, Team, answer, new_visit};
use common::tmux::Tmux;
use khaosat::core::template::Template;
use khaosat::core::visit::Value;

const BIN: &str = env!("CARGO_BIN_EXE_khaosat");

fn synced(clone: &Clone) -> Result<String> {
    let out = clone.sync()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "sync of {}: {}\n{}", clone.name, text, String::from_utf8_lossy(&out.stderr));
    Ok(text)
}

fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// The TUI on `clone`'s folder, with the clone's git identity and no machine config.
fn tui_command(clone: &Clone) -> String {
    let env: Vec<String> = clone.env().iter().map(|(k, v)| format!("{k}={}", quoted(v))).collect();
    let config = clone.dir.with_extension("config.ron");
    let written = std::fs::write(&config, format!("(inspector: {:?})\n", clone.name));
    assert!(written.is_ok(), "config written");
    format!(
        "env -u KHAOSAT_DIR LANG=C.UTF-8 {} {BIN} --config {} --dir {}",
        env.join(" "),
        quoted(&config.to_string_lossy()),
        quoted(&clone.dir.to_string_lossy())
    )
}

fn validates(path: &Path) -> bool {
    Command::new(BIN).arg("validate").arg(path).output().is_ok_and(|o| o.status.success())
}

#[test]
fn two_clones_sync_and_the_checklist_keeps_one_side_with_one_key() -> Result {
    let team = Team::new(&["Lê Thị Tú", "Trần Văn Bình"])?;
    let (tu, binh) = (&team.clones[0], &team.clones[1]);
    let templates = Template::embedded_all();
    let made = new_visit(&tu.dir, &Template::embedded(), 1, "Lê Thị Tú")?;
    let name = made.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    synced(tu)?;
    synced(binh)?;

    // Different items, and the same item answered differently.
    let (tu_file, binh_file) = (tu.dir.join(&name), binh.dir.join(&name));
    answer(&tu_file, &templates, "prep.committee_met", Value::Yes, "", "Lê Thị Tú")?;
    answer(&tu_file, &templates, "prep.notice", Value::Yes, "", "Lê Thị Tú")?;
    answer(&binh_file, &templates, "prep.secretary_prepared", Value::Yes, "", "Trần Văn Bình")?;
    answer(&binh_file, &templates, "prep.notice", Value::No, "Giấy mời gửi muộn", "Trần Văn Bình")?;
    synced(tu)?;
    let said = synced(binh)?;
    assert!(said.contains("xung đột"), "the sync names the conflict kept:\n{said}");
    synced(tu)?;
    assert!(!validates(&tu_file), "a visit with a conflict is not valid yet");
    let text = std::fs::read_to_string(&tu_file)?;
    assert!(text.contains("conflicts:") && !text.contains("<<<<<<<"), "{text}");

    let Some(tmux) = Tmux::start("team", &tui_command(tu)) else { return Ok(()) };
    tmux.wait_for("≠ 1");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("2 câu trả lời khác nhau");
    // Keep Bình's "Không", whichever number the merge gave it.
    let number = if screen.contains("1 = Không") { "1" } else { "2" };
    assert!(screen.contains(&format!("{number} = Không")), "{screen}");
    tmux.keys(&[number]);
    tmux.wait_for("Đã giữ");
    tmux.keys(&["Escape"]);
    tmux.wait_for("g Đồng bộ");
    tmux.keys(&["g"]);
    let home = tmux.wait_for("Đã gửi");
    assert!(home.contains("chọn 1 xung đột"), "the commit message says a conflict was resolved:\n{home}");
    tmux.keys(&["q"]);

    synced(binh)?;
    for file in [&tu_file, &binh_file] {
        assert!(validates(file), "{} valid", file.display());
    }
    let (mine, theirs) = (std::fs::read_to_string(&tu_file)?, std::fs::read_to_string(&binh_file)?);
    assert_eq!(mine, theirs, "both clones hold the same file");
    for wanted in ["\"prep.committee_met\"", "\"prep.secretary_prepared\"", "Giấy mời gửi muộn"] {
        assert!(mine.contains(wanted), "{wanted} kept:\n{mine}");
    }
    assert!(!mine.contains("conflicts:"), "{mine}");
    Ok(())
}
