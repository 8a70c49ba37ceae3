//! `export program` and `import program` of a generated program with 1M contacts (10,000
//! people): the time and the peak memory (the child's own maximum resident set, from wait4) of
//! each, and whether the moved program exports the same bytes.
//!
//! `cargo bench --bench program_archive` (`ARCHIVE_CONTACTS=N` for another size;
//! `MENTORDESK_BIN` measures another build, such as the release binary).

use std::process::{Command, Stdio};
use std::time::Instant;

/// Runs `command` to the end, its standard output into `out`; returns seconds and peak KiB.
#[expect(
    clippy::zombie_processes,
    reason = "reaped by wait4, which also reports the child's own peak memory"
)]
fn measured(mut command: Command, out: Stdio) -> (f64, i64) {
    let started = Instant::now();
    let child = command.stdout(out).stderr(Stdio::inherit()).spawn().unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: waits for our own child and fills the status and usage we own.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    assert_eq!(unsafe { libc::wait4(pid, &mut status, 0, &mut usage) }, pid);
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{command:?} failed"
    );
    (started.elapsed().as_secs_f64(), usage.ru_maxrss)
}

fn mentordesk(db: &std::path::Path) -> Command {
    let bin = std::env::var("MENTORDESK_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_mentordesk").into());
    let mut command = Command::new(bin);
    command
        .arg("--db")
        .arg(db)
        .env_remove("MENTORDESK_DB")
        .env("MENTORDESK_CONFIG", "/nonexistent/mentordesk/config.toml")
        .env("MENTORDESK_TODAY", "2026-11-23");
    command
}

fn main() {
    let contacts: usize = std::env::var("ARCHIVE_CONTACTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old.db"), dir.path().join("new.db"));
    let (archive, again) = (dir.path().join("p.jsonl"), dir.path().join("q.jsonl"));
    let mut generate = mentordesk(&old);
    generate.args(["demo", "--generate", "--people", "10000", "--contacts"]);
    generate.arg(contacts.to_string());
    let (seconds, _) = measured(generate, Stdio::null());
    println!("generated {contacts} contacts in {seconds:.1} s");

    let (seconds, peak) = measured(
        {
            let mut c = mentordesk(&old);
            c.args(["export", "program"]);
            c
        },
        std::fs::File::create(&archive).unwrap().into(),
    );
    let bytes = std::fs::metadata(&archive).unwrap().len();
    println!(
        "export program: {seconds:.1} s, peak {:.1} MB, {:.0} MB written",
        peak as f64 / 1024.0,
        bytes as f64 / 1e6
    );

    let mut import = mentordesk(&new);
    import.arg("import").arg("program").arg(&archive);
    let (seconds, peak) = measured(import, Stdio::null());
    println!(
        "import program: {seconds:.1} s, peak {:.1} MB",
        peak as f64 / 1024.0
    );

    let mut export = mentordesk(&new);
    export.args(["export", "program"]);
    measured(export, std::fs::File::create(&again).unwrap().into());
    let same = std::fs::read(&archive).unwrap() == std::fs::read(&again).unwrap();
    println!("the moved program's archive is the same bytes: {same}");
    assert!(same);
}
