//! `backup` and `restore`: what they wrote, in one line each.

use super::Command;
use crate::error::Result;
use crate::service::backup::{self, Caller, Counts};

use std::io::Write;
use std::path::Path;

/// `10000 people, 1000000 contacts, …`: every table with rows.
fn rows(counts: &Counts) -> String {
    let tables: Vec<String> = counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(table, n)| format!("{n} {table}"))
        .collect();
    tables.join(", ")
}

fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / 1e6)
    } else {
        format!("{bytes} bytes")
    }
}

/// Runs `backup` or `restore` on the program at `db`, as root or as the login.
pub fn run(
    db: &Path,
    login: &str,
    as_login: Option<&str>,
    command: &Command,
    out: &mut dyn Write,
) -> Result<()> {
    let caller = Caller::of_process(login, as_login);
    match command {
        Command::Backup { dest, keep } => {
            let report = backup::backup(db, caller, dest.as_deref(), *keep)?;
            let copy = &report.copy;
            writeln!(
                out,
                "backed up to {} ({}), integrity ok, rows as in the program: {}",
                copy.path.display(),
                size(copy.bytes),
                rows(&copy.counts)
            )?;
            for old in &report.pruned {
                writeln!(out, "removed the older backup {}", old.display())?;
            }
        }
        Command::Restore { file } => {
            let report = backup::restore(db, caller, file)?;
            writeln!(
                out,
                "saved the program as it was to {} ({})",
                report.before.path.display(),
                size(report.before.bytes)
            )?;
            writeln!(
                out,
                "restored {} into {}: {}",
                file.display(),
                db.display(),
                rows(&report.counts)
            )?;
        }
        _ => unreachable!("only backup and restore come here"),
    }
    Ok(())
}
