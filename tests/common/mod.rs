//! Helpers shared by the integration tests that run the real binary.

#![allow(dead_code)]

use std::process::Output;

use assert_cmd::cargo::cargo_bin_cmd;

pub type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

pub const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");

/// The binary, run from the crate root with no data folder, locale or config file taken from the
/// environment of whoever runs the tests.
pub fn khaosat() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("khaosat");
    cmd.current_dir(MANIFEST)
        .env_remove("KHAOSAT_DIR")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .args(["--config", "/nonexistent/khaosat-config.ron"]);
    cmd
}

pub fn run(args: &[&str]) -> Result<Output> {
    Ok(khaosat().args(args).output()?)
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Exit status and both outputs, for assertion messages.
pub fn show(out: &Output) -> String {
    format!("status {:?}\n--- stdout\n{}--- stderr\n{}", out.status.code(), text(&out.stdout), text(&out.stderr))
}
pub mod pty;

/// Whether a test that needs something of the machine (a FIFO, a privilege, another user) can
/// go on: true when it can; when it cannot, it says so and the test is skipped — unless the
/// environment variable `switch` is set (CI sets them), and then the test fails instead.
pub fn require(available: bool, switch: &str, why: &str) -> bool {
    if !available {
        assert!(std::env::var_os(switch).is_none(), "{why}, and {switch} is set: this test must run here");
        eprintln!("skipped: {why} (set {switch}=1 to make this a failure)");
    }
    available
}
