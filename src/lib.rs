//! mentordesk: run a mentoring program from the terminal.

pub mod app;
pub mod cli;
pub mod clock;
pub mod domain;
pub mod error;
pub mod export;
pub mod progress;
pub mod service;
mod store;
pub mod ui;

use crate::cli::Cli;
use clap::Parser;

/// Parses the command line, runs it and returns the process exit code.
pub fn main_entry() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) if !err.use_stderr() => {
            let _ = err.print();
            return 0;
        }
        Err(err) => {
            // One line for scripts: clap's first line, without its "error: " prefix.
            let text = err.to_string();
            let first = text.lines().next().unwrap_or_default();
            eprintln!("mentordesk: {}", first.trim_start_matches("error: "));
            return 2;
        }
    };
    match cli::run(cli) {
        Ok(()) => 0,
        Err(err) => {
            eprintln!("mentordesk: {err}");
            err.exit_code()
        }
    }
}
