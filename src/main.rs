//! The `khaosat` binary: parse the command line, run the command, turn the outcome into an exit code.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use khaosat::cli::{Cli, Failure, run_command};
use khaosat::strings::{Lang, Msg};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
    let stdout = io::stdout();
    let stderr = io::stderr();
    let result = match &cli.command {
        Some(command) => run_command(&cli, command, &mut stdout.lock(), &mut stderr.lock()),
        None => {
            let _ = writeln!(stderr.lock(), "{}", Msg::CliTuiComing.get(lang));
            Ok(0)
        }
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Failure { code, message }) if message.is_empty() => ExitCode::from(code),
        Err(Failure { code, message }) => {
            let _ = writeln!(stderr.lock(), "khaosat: {message}");
            ExitCode::from(code)
        }
    }
}
