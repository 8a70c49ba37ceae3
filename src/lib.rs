//! mentordesk: run a mentoring program from the terminal.

pub mod app;
pub mod cli;
pub mod clock;
pub mod domain;
pub mod error;
pub mod export;
pub mod privilege;
pub mod progress;
pub mod service;
pub mod sync;
pub mod text;
pub mod theme;
pub mod tui;
pub mod ui;

use crate::cli::Cli;
use clap::Parser;

/// One line for scripts: clap's first line, without its "error: " prefix; for a missing
/// argument, which clap names on the lines after, the names too.
fn usage_error_line(err: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if err.kind() == ErrorKind::MissingRequiredArgument
        && let Some(ContextValue::Strings(missing)) = err.get(ContextKind::InvalidArg)
    {
        return format!("missing {}", missing.join(", "));
    }
    let text = err.to_string();
    let first = text.lines().next().unwrap_or_default();
    first.trim_start_matches("error: ").to_string()
}

/// Parses the command line, runs it and returns the process exit code.
pub fn main_entry() -> i32 {
    privilege::harden();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) if !err.use_stderr() => {
            let _ = err.print();
            return 0;
        }
        Err(err) => {
            eprintln!("mentordesk: {}", usage_error_line(&err));
            return 2;
        }
    };
    match cli::run(cli) {
        Ok(()) => 0,
        // The reader went away (`| head`): nothing is wrong, as with `cat`.
        Err(_) if cli::output::pipe_closed() => 0,
        Err(err) => {
            // Not `eprintln!`, which panics when standard error is a terminal that hung up.
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "mentordesk: {err}");
            err.exit_code()
        }
    }
}
