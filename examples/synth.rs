//! Synthetic visits for benchmarks and load tests.
//!
//! ```text
//! cargo run --release --example synth -- --visits 10000 --out /tmp/khaosat-10k [--seed 7]
//! ```
//!
//! Writes N visits against the default template (`Template::embedded()`), one folder per parent
//! committee, with the file text the app itself writes (`store::format::visit_to_ron`): varied
//! branches, committees, branch and meeting types, member counts and times; answers that fit each
//! item's kind (they pass `problems::value_problem`), some "not applicable", some unanswered, some
//! items skipped by their condition; Vietnamese notes and free-text remarks. The same seed gives
//! the same files, byte for byte.

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;

use khaosat::store::format::visit_to_ron;

#[path = "common/visits.rs"]
mod visits;

struct Args {
    visits: usize,
    out: PathBuf,
    seed: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut visits = None;
    let mut out = None;
    let mut seed = 1;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--visits" | "-n" => visits = Some(value("--visits")?.parse().map_err(|e| format!("--visits: {e}"))?),
            "--out" | "-o" => out = Some(PathBuf::from(value("--out")?)),
            "--seed" => seed = value("--seed")?.parse().map_err(|e| format!("--seed: {e}"))?,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(Args { visits: visits.ok_or("--visits N is required")?, out: out.ok_or("--out DIR is required")?, seed })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("synth: {e}");
            }
            eprintln!("usage: synth --visits N --out DIR [--seed S]");
            return ExitCode::from(2);
        }
    };
    let mut generator = visits::Generator::new(args.seed);
    let mut folders = HashSet::new();
    let mut bytes = 0usize;
    for _ in 0..args.visits {
        let (folder, name, visit) = generator.next_visit();
        if folders.insert(folder.clone())
            && let Err(e) = std::fs::create_dir_all(args.out.join(&folder))
        {
            eprintln!("synth: {}: {e}", args.out.join(&folder).display());
            return ExitCode::FAILURE;
        }
        let text = visit_to_ron(&visit);
        bytes += text.len();
        let path = args.out.join(&name);
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("synth: {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    eprintln!(
        "synth: {} visits, {} folders, {:.1} MB in {}",
        args.visits,
        folders.len(),
        bytes as f64 / 1e6,
        args.out.display()
    );
    ExitCode::SUCCESS
}
