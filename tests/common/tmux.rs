//! The binary in a real terminal: a private tmux server runs it, `send-keys` types, `capture-pane`
//! reads the screen. What is sent is counted, for the keystroke figures of a whole meeting.

use std::cell::Cell;
use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
    /// Keys pressed and characters typed so far.
    pub keys: Cell<usize>,
    pub typed: Cell<usize>,
}

impl Tmux {
    /// A private tmux server running `command` in an 80×24 window, or None without tmux (a
    /// failure instead when KHAOSAT_REQUIRE_TMUX is set, as CI sets it).
    pub fn start(name: &str, command: &str) -> Option<Tmux> {
        let available = Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success());
        if !khaosat::testing::require(available, "KHAOSAT_REQUIRE_TMUX", "tmux is not installed") {
            return None;
        }
        let tmux = Tmux {
            socket: format!("khaosat-test-{name}-{}", std::process::id()),
            keys: Cell::new(0),
            typed: Cell::new(0),
        };
        let out = tmux.run(&["new-session", "-d", "-s", "t", "-x", "80", "-y", "24", command]);
        assert!(out.status.success(), "tmux new-session failed: {}", String::from_utf8_lossy(&out.stderr));
        Some(tmux)
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-u")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .env("LANG", "C.UTF-8")
            .env_remove("TMUX")
            .output()
            .expect("tmux runs")
    }

    /// Press keys by tmux name (`Enter`, `Tab`, `C-s`, `y`).
    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.run(&["send-keys", "-t", "t", key]);
            self.keys.set(self.keys.get() + 1);
            sleep(Duration::from_millis(50));
        }
    }

    /// Type text literally, as an input method would deliver it.
    pub fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "t", "-l", text]);
        self.typed.set(self.typed.get() + text.chars().count());
        sleep(Duration::from_millis(100));
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    /// Wait until the screen shows `text` (or fail with what it shows).
    pub fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(Instant::now() < deadline, "screen never showed {text:?}:\n{screen}");
            sleep(Duration::from_millis(50));
        }
    }

    pub fn kill_server(&self) {
        self.run(&["kill-server"]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.kill_server();
    }
}
