//! The `khaosat` binary: parse the command line, run the command, turn the outcome into an exit code.

use std::io::{self, Write};
use std::process::ExitCode;

use khaosat::cli::{Cli, Failure, run_command, run_interactive};

fn main() -> ExitCode {
    let cli = Cli::parse_localized(std::env::args_os().collect());
    // Not locked for the whole command: the plain mode echoes typed characters from a thread of
    // its own while `edit` runs, and would wait for a lock held here forever.
    let (mut stdout, mut stderr) = (io::stdout(), io::stderr());
    let result = match &cli.command {
        Some(command) => run_command(&cli, command, &mut stdout, &mut stderr),
        None => run_interactive(&cli, None, &mut stderr),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Failure { code, message }) if message.is_empty() => ExitCode::from(code),
        Err(Failure { code, message }) => {
            let _ = writeln!(stderr, "khaosat: {message}");
            ExitCode::from(code)
        }
    }
}
