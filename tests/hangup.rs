//! The terminal goes away without a SIGHUP reaching the app, as under `su` or in another
//! session: the app must notice by itself, keep the draft, and end at once, without spinning
//! and without aborting.

#[path = "support/raw_pty.rs"]
mod raw_pty;

use raw_pty::{Screen, open_pty, spawn_app, type_keys, wait_exit};
use std::os::fd::AsRawFd;
use std::os::unix::process::ExitStatusExt;
use std::time::Duration;

#[test]
fn a_terminal_that_closes_without_a_sighup_ends_the_app_quickly_with_its_draft_kept() {
    close_the_terminal_under_the_app(false);
}

#[test]
fn a_dropped_ssh_connection_hangs_up_with_a_sighup_and_the_app_ends_without_aborting() {
    close_the_terminal_under_the_app(true);
}

/// Types a contact note, then closes the terminal. With `controlling`, the terminal is the
/// app's controlling terminal, so the kernel also sends it SIGHUP, as when SSH drops.
fn close_the_terminal_under_the_app(controlling: bool) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let data = dir.path().join("data");
    let (master, slave) = open_pty();
    let db = db.to_str().unwrap();
    let pid = spawn_app(
        dir.path(),
        &["--demo", "--today", "2026-11-23", "--as", "erin", "--db", db],
        slave,
        controlling,
    );
    let mut screen = Screen::read(master.as_raw_fd());
    screen.wait_for("Active pairs");
    type_keys(&master, "a");
    screen.wait_for("Log a contact"); // on the notes
    type_keys(&master, "Asked about the vote");
    screen.wait_for("Asked about the vote");
    // Allowed core dumps when started, the app turned them off itself.
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).unwrap();
    let core = limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .unwrap();
    assert_eq!(
        core.split_whitespace().skip(4).take(2).collect::<Vec<_>>(),
        ["0", "0"],
        "{core}"
    );

    screen.stop();
    drop(master);
    let (status, took, cpu) = wait_exit(pid, Duration::from_secs(5));
    println!("exited {took:?} after the terminal closed, {cpu:.3} s of CPU in all, {status}");
    assert!(took < Duration::from_secs(2), "took {took:?}");
    assert!(cpu < 0.5, "used {cpu} s of CPU");
    assert_eq!(status.signal(), None, "killed by a signal: {status}");
    let cores: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("core"))
        .collect();
    assert!(cores.is_empty(), "core files: {cores:?}");

    let drafts = data.join("mentordesk").join("drafts");
    let kept: Vec<String> = std::fs::read_dir(&drafts)
        .unwrap()
        .filter_map(|e| std::fs::read_to_string(e.unwrap().path()).ok())
        .collect();
    assert!(
        kept.iter().any(|d| d.contains("Asked about the vote")),
        "no draft with the notes in {}: {kept:?}",
        drafts.display()
    );
}
