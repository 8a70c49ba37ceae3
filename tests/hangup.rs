//! The terminal goes away without a SIGHUP reaching the app, as under `su` or in another
//! session: the app must notice by itself, keep the draft, and end at once, without spinning
//! and without aborting.

#[path = "support/raw_pty.rs"]
mod raw_pty;

use raw_pty::{Screen, open_pty, type_keys};
use std::os::fd::AsRawFd;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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
    let mut command = Command::new(env!("CARGO_BIN_EXE_mentordesk"));
    command
        .args(["--demo", "--today", "2026-11-23", "--as", "erin", "--db"])
        .arg(&db)
        .env("XDG_DATA_HOME", &data)
        .env("TERM", "xterm-256color")
        .current_dir(dir.path())
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave));
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        command.pre_exec(move || {
            // A session of its own: without a controlling terminal, closing the terminal
            // sends no SIGHUP to it, as under `su`. Core dumps allowed, so a crash would
            // leave one.
            libc::setsid();
            if controlling {
                libc::ioctl(libc::STDIN_FILENO, libc::TIOCSCTTY, 0);
            }
            let unlimited = libc::rlimit {
                rlim_cur: libc::RLIM_INFINITY,
                rlim_max: libc::RLIM_INFINITY,
            };
            libc::setrlimit(libc::RLIMIT_CORE, &unlimited);
            Ok(())
        });
    }
    // Reaped below with wait4, which also gives its CPU time.
    let pid = command.spawn().unwrap().id() as i32;
    drop(command);
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
    let closed = Instant::now();
    let (status, usage) = loop {
        let mut status = 0;
        // SAFETY: rusage is plain data that wait4 fills for our own child.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let reaped = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if reaped == pid {
            break (std::process::ExitStatus::from_raw(status), usage);
        }
        if closed.elapsed() > Duration::from_secs(5) {
            // SAFETY: our own child, which must not outlive the test.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            panic!("still running 5 s after its terminal closed");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let took = closed.elapsed();
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    let cpu = seconds(usage.ru_utime) + seconds(usage.ru_stime);
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
