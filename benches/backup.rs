//! `cargo bench --bench backup [PEOPLE CONTACTS]`: the time and peak memory of `backup` and
//! `restore` on a generated program, as the real binary runs them (peak RSS from `wait4`).
//! Defaults: 10,000 people and 1,000,000 contacts. `BACKUP_DB=path` measures a copy of an
//! existing generated database instead of writing one; `MENTORDESK_BIN` measures another build.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TODAY: &str = "2026-11-23";

/// Runs the binary on `db` with `args`; returns what it printed, the wall time and the peak
/// RSS in KiB. This bench never opens a database itself, so the peak is the command's own.
// The child is reaped by `wait4`, which also reports its peak memory, not by `Child::wait`.
#[allow(clippy::zombie_processes)]
fn run(db: &Path, args: &[&str]) -> (String, Duration, u64) {
    let started = Instant::now();
    let bin = std::env::var("MENTORDESK_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_mentordesk").into());
    let mut child = Command::new(bin)
        .args(["--today", TODAY, "--db"])
        .arg(db)
        .args(args)
        .env_remove("MENTORDESK_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut printed = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut printed).unwrap();
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, writing into the two locals.
    unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(status, 0, "{args:?} failed: {printed}");
    (printed, started.elapsed(), usage.ru_maxrss as u64)
}

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let people = args.first().copied().unwrap_or(10_000);
    let contacts = args.get(1).copied().unwrap_or(1_000_000);
    let dir = std::env::temp_dir().join(format!("mentordesk-backup-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("program.db");
    match std::env::var("BACKUP_DB") {
        Ok(existing) => {
            std::fs::copy(&existing, &db).unwrap();
            println!("measuring a copy of {existing}");
        }
        Err(_) => {
            let (said, took, _) = run(
                &db,
                &[
                    "demo",
                    "--generate",
                    "--people",
                    &people.to_string(),
                    "--contacts",
                    &contacts.to_string(),
                ],
            );
            println!("generated in {:.1} s: {}", took.as_secs_f64(), said.trim());
        }
    }
    let size = std::fs::metadata(&db).unwrap().len();
    println!("\nprogram: {:.1} MB\n", size as f64 / 1e6);
    println!("| command | time | peak RSS | target |\n|---|---:|---:|---:|");
    let (said, took, kib) = run(&db, &["backup"]);
    let copy = said.split_whitespace().nth(3).unwrap().to_string();
    println!(
        "| `backup` (copy, integrity_check, row counts) | {:.2} s | {:.1} MB | 30 MB |",
        took.as_secs_f64(),
        kib as f64 / 1024.0
    );
    let (_, took, kib) = run(&db, &["restore", &copy]);
    println!(
        "| `restore` (check, save the program first, replace) | {:.2} s | {:.1} MB | 30 MB |",
        took.as_secs_f64(),
        kib as f64 / 1024.0
    );
    println!("\n{}", said.trim());
    let _ = std::fs::remove_dir_all(&dir);
}
