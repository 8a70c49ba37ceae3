//! The terminal goes away without a SIGHUP reaching the app, as under `su` or in another
//! session: the app must notice by itself, keep the draft, and end at once, without spinning
//! and without aborting.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(15);

/// A pseudo-terminal: the master end, and the slave end for the app.
fn open_pty() -> (OwnedFd, OwnedFd) {
    let (mut master, mut slave) = (-1, -1);
    let size = libc::winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty fills two descriptors we then own.
    let made = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(made, 0, "openpty: {}", std::io::Error::last_os_error());
    for fd in [master, slave] {
        // SAFETY: sets close-on-exec on a descriptor we own: the app must not hold the master
        // open itself, or closing the terminal would not close it.
        unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    }
    // SAFETY: both were just opened and are owned by nobody else.
    unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) }
}

/// Reads the master end until told to stop, so the app never blocks on a full terminal.
struct Screen {
    parser: Arc<Mutex<vt100::Parser>>,
    stop: Arc<AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Screen {
    fn read(master: i32) -> Screen {
        let parser = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
        let stop = Arc::new(AtomicBool::new(false));
        let (sink, stopped) = (parser.clone(), stop.clone());
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while !stopped.load(Ordering::SeqCst) {
                let mut watched = libc::pollfd {
                    fd: master,
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one pollfd on a descriptor the test keeps open until this thread ends.
                if unsafe { libc::poll(&mut watched, 1, 50) } <= 0 {
                    continue;
                }
                // SAFETY: reads into our buffer, at most its length.
                let n = unsafe { libc::read(master, buf.as_mut_ptr().cast(), buf.len()) };
                if n <= 0 {
                    return;
                }
                sink.lock().unwrap().process(&buf[..n as usize]);
            }
        });
        Screen {
            parser,
            stop,
            reader: Some(reader),
        }
    }

    fn wait_for(&self, needle: &str) {
        let start = Instant::now();
        loop {
            let contents = self.parser.lock().unwrap().screen().contents();
            if contents.contains(needle) {
                return;
            }
            assert!(start.elapsed() < WAIT, "never saw {needle:?}:\n{contents}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn stop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        self.reader.take().unwrap().join().unwrap();
    }
}

fn type_keys(master: &OwnedFd, keys: &str) {
    // SAFETY: writes our bytes to an open descriptor.
    let written = unsafe { libc::write(master.as_raw_fd(), keys.as_ptr().cast(), keys.len()) };
    assert_eq!(written, keys.len() as isize);
    std::thread::sleep(Duration::from_millis(300));
}

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
    screen.wait_for("Log a contact");
    type_keys(&master, "\t\t\t\t\t");
    type_keys(&master, "Asked about the vote");
    screen.wait_for("Asked about the vote");

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
