//! A raw pseudo-terminal for tests that must close it themselves: the test holds the only
//! master descriptor, so dropping it hangs the terminal up.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(15);

/// A pseudo-terminal: the master end, and the slave end for the app.
pub fn open_pty() -> (OwnedFd, OwnedFd) {
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
pub struct Screen {
    parser: Arc<Mutex<vt100::Parser>>,
    stop: Arc<AtomicBool>,
    /// How many bytes the app has written (only some tests ask).
    #[allow(dead_code)]
    written: Arc<AtomicUsize>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Screen {
    pub fn read(master: i32) -> Screen {
        let parser = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
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

    /// What the terminal shows now.
    #[allow(dead_code)]
    pub fn contents(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
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
