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
pub mod rollup_json;
pub mod rounds;
pub mod team;
pub mod tmux;
