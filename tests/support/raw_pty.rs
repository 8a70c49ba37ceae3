//! A raw pseudo-terminal for tests that must close it themselves: the test holds the only
//! master descriptor, so dropping it hangs the terminal up.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(15);

/// A pseudo-terminal of 80×24: the master end, and the slave end for the app.
pub fn open_pty() -> (OwnedFd, OwnedFd) {
    open_pty_sized(80, 24)
}

fn winsize(cols: u16, rows: u16) -> libc::winsize {
    libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    }
}

/// A pseudo-terminal of `cols`×`rows`.
pub fn open_pty_sized(cols: u16, rows: u16) -> (OwnedFd, OwnedFd) {
    let (mut master, mut slave) = (-1, -1);
    let size = winsize(cols, rows);
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
pub struct Screen {
    parser: Arc<Mutex<vt100::Parser>>,
    stop: Arc<AtomicBool>,
    /// How many bytes the app has written (only some tests ask).
    #[allow(dead_code)]
    written: Arc<AtomicUsize>,
    reader: Option<std::thread::JoinHandle<()>>,
}

/// Gives the terminal a new size, as a terminal window does when it is resized: the kernel
/// sends SIGWINCH to the terminal's foreground process group, if it has one.
#[allow(dead_code)]
pub fn set_size(master: &OwnedFd, cols: u16, rows: u16) {
    let size = winsize(cols, rows);
    // SAFETY: sets the size of a terminal we hold open.
    assert_eq!(
        unsafe { libc::ioctl(master.as_raw_fd(), libc::TIOCSWINSZ, &size) },
        0
    );
}

/// Starts the app on a terminal, in a session of its own. With `controlling`, the terminal is
/// its controlling terminal, as in an SSH session: it gets SIGHUP and SIGWINCH. Without, as
/// under `su`, which starts the command in a session of its own, it gets neither. Returns the
/// process id; reap it with [`wait_exit`].
#[allow(dead_code)]
pub fn spawn_app(dir: &Path, args: &[&str], slave: OwnedFd, controlling: bool) -> i32 {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mentordesk"));
    command
        .args(args)
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("TERM", "xterm-256color")
        .current_dir(dir)
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave));
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        command.pre_exec(move || {
            libc::setsid();
            if controlling {
                libc::ioctl(libc::STDIN_FILENO, libc::TIOCSCTTY, 0);
            }
            // Core dumps allowed, so a crash would leave one.
            let unlimited = libc::rlimit {
                rlim_cur: libc::RLIM_INFINITY,
                rlim_max: libc::RLIM_INFINITY,
            };
            libc::setrlimit(libc::RLIMIT_CORE, &unlimited);
            Ok(())
        });
    }
    // Reaped with wait4, which also gives its CPU time.
    command.spawn().unwrap().id() as i32
}

/// Waits for the app to exit, killing it after `limit`: its exit status, how long it took
/// and the CPU time it used in all, in seconds.
#[allow(dead_code)]
pub fn wait_exit(pid: i32, limit: Duration) -> (ExitStatus, Duration, f64) {
    let start = Instant::now();
    loop {
        let mut status = 0;
        // SAFETY: rusage is plain data that wait4 fills for our own child.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let reaped = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if reaped == pid {
            let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
            let cpu = seconds(usage.ru_utime) + seconds(usage.ru_stime);
            return (ExitStatus::from_raw(status), start.elapsed(), cpu);
        }
        if start.elapsed() > limit {
            // SAFETY: our own child, which must not outlive the test.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            panic!("still running {limit:?} later");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

impl Screen {
    pub fn read(master: i32) -> Screen {
        Screen::read_sized(master, 80, 24)
    }

    /// Reads what the app writes into a terminal of `cols`×`rows`.
    pub fn read_sized(master: i32, cols: u16, rows: u16) -> Screen {
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let stop = Arc::new(AtomicBool::new(false));
        let written = Arc::new(AtomicUsize::new(0));
        let (sink, stopped, counted) = (parser.clone(), stop.clone(), written.clone());
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
                counted.fetch_add(n as usize, Ordering::SeqCst);
                sink.lock().unwrap().process(&buf[..n as usize]);
            }
        });
        Screen {
            parser,
            stop,
            written,
            reader: Some(reader),
        }
    }

    pub fn wait_for(&self, needle: &str) {
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

    /// The terminal window takes a new size (the app hears of it from the pty).
    #[allow(dead_code)]
    pub fn resize(&self, cols: u16, rows: u16) {
        self.parser.lock().unwrap().screen_mut().set_size(rows, cols);
    }

    /// How every cell looks, row by row, and the cursor when it is shown: two screens that
    /// look the same give the same. A blank cell's foreground and its glyph-only attributes
    /// (bold, italic) cannot be seen, and are left out.
    #[allow(dead_code)]
    pub fn looks(&self) -> Vec<String> {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        let mut looks: Vec<String> = (0..rows)
            .map(|row| {
                (0..cols)
                    .filter_map(|col| screen.cell(row, col))
                    .map(|cell| {
                        let blank = cell.contents().trim().is_empty();
                        let fg = if blank && !cell.inverse() {
                            None
                        } else {
                            Some(cell.fgcolor())
                        };
                        let glyph = (!blank).then(|| (cell.contents(), cell.bold(), cell.italic()));
                        format!(
                            "{glyph:?}{fg:?}{:?}{}{}|",
                            cell.bgcolor(),
                            if cell.inverse() { "R" } else { "" },
                            if cell.underline() { "U" } else { "" }
                        )
                    })
                    .collect()
            })
            .collect();
        if !screen.hide_cursor() {
            looks.push(format!("cursor at {:?}", screen.cursor_position()));
        }
        looks
    }

    /// What the terminal shows now.
    #[allow(dead_code)]
    pub fn contents(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the app has written nothing for `quiet`.
    #[allow(dead_code)]
    pub fn settle(&self, quiet: Duration) {
        let start = Instant::now();
        let mut last = self.bytes();
        let mut since = Instant::now();
        while start.elapsed() < WAIT {
            std::thread::sleep(Duration::from_millis(20));
            let now = self.bytes();
            if now != last {
                last = now;
                since = Instant::now();
            } else if since.elapsed() >= quiet {
                return;
            }
        }
        panic!("never quiet");
    }

    /// How many bytes the app has written to the terminal so far.
    #[allow(dead_code)]
    pub fn bytes(&self) -> usize {
        self.written.load(Ordering::SeqCst)
    }

    pub fn stop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        self.reader.take().unwrap().join().unwrap();
    }
}

pub fn type_keys(master: &OwnedFd, keys: &str) {
    // SAFETY: writes our bytes to an open descriptor.
    let written = unsafe { libc::write(master.as_raw_fd(), keys.as_ptr().cast(), keys.len()) };
    assert_eq!(written, keys.len() as isize);
    std::thread::sleep(Duration::from_millis(300));
}
