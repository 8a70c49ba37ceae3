//! The terminal going away, and the signals that end the app. On Unix a hangup is watched for
//! on the terminal itself, and SIGTERM, SIGHUP and SIGINT end the app cleanly. A Windows
//! console has no hangup to watch and no such signals: closing it ends the process, and Ctrl+C
//! comes in as a key.

use super::Input;
use crate::error::Result;
use std::sync::mpsc;

#[cfg(unix)]
pub use unix::{detach, hung_up, watch};

#[cfg(not(unix))]
pub fn watch(_tx: mpsc::Sender<Input>) -> Result<()> {
    Ok(())
}

#[cfg(not(unix))]
pub fn detach() {}

#[cfg(unix)]
mod unix {
    use super::*;
    use crate::error::Error;
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

    /// Sends `Gone` when the terminal hangs up, and `Signal` on SIGTERM, SIGHUP or SIGINT.
    pub fn watch(tx: mpsc::Sender<Input>) -> Result<()> {
        watch_for_hangup(tx.clone());
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])
            .map_err(|e| Error::Failed(format!("cannot watch signals: {e}")))?;
        std::thread::spawn(move || {
            if signals.forever().next().is_some() {
                let _ = tx.send(Input::Signal);
            }
        });
        Ok(())
    }

    /// The terminal the app reads: standard input when it is one, else the controlling terminal,
    /// as crossterm chooses.
    fn terminal_fd() -> Option<std::os::fd::OwnedFd> {
        use std::os::fd::AsFd;
        let stdin = std::io::stdin();
        // SAFETY: isatty only looks at the descriptor.
        if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
            return stdin.as_fd().try_clone_to_owned().ok();
        }
        std::fs::File::open("/dev/tty").ok().map(Into::into)
    }

    /// Waits up to `timeout_ms` (-1: for as long as it takes) for the terminal to report a hangup
    /// or an error. A `poll` that asks for no event at all still reports those, and sleeps until
    /// one comes.
    fn hangup_reported(fd: &std::os::fd::OwnedFd, timeout_ms: i32) -> bool {
        use std::os::fd::AsRawFd;
        loop {
            let mut watched = libc::pollfd {
                fd: fd.as_raw_fd(),
                events: 0,
                revents: 0,
            };
            // SAFETY: one valid pollfd on a descriptor we own.
            let ready = unsafe { libc::poll(&mut watched, 1, timeout_ms) };
            if ready < 0 {
                if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                    continue;
                }
                return true;
            }
            return ready > 0 && watched.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0;
        }
    }

    /// Sends `Gone` when the terminal hangs up, however that happens: the SSH connection or the
    /// terminal window closed, with or without a SIGHUP reaching this process (under `su`, in
    /// another session or process group). crossterm cannot be relied on for it: at end-of-file or
    /// on an I/O error it reads again at once, forever.
    fn watch_for_hangup(tx: mpsc::Sender<Input>) {
        let Some(fd) = terminal_fd() else {
            return;
        };
        std::thread::spawn(move || {
            if hangup_reported(&fd, -1) {
                let _ = tx.send(Input::Gone);
            }
        });
    }

    /// Whether the terminal has hung up already (a SIGHUP usually comes with that).
    pub fn hung_up() -> bool {
        terminal_fd().is_none_or(|fd| hangup_reported(&fd, 0))
    }

    /// After a hangup: standard input, output and error become /dev/null, so that nothing left
    /// to run (restoring the terminal, ratatui's own cursor restore, an error message) fails or
    /// panics on writing to a terminal that is not there.
    pub fn detach() {
        use std::os::fd::AsRawFd;
        if let Ok(null) = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/null")
        {
            for fd in [libc::STDIN_FILENO, libc::STDOUT_FILENO, libc::STDERR_FILENO] {
                // SAFETY: dup2 onto the standard descriptors, from a descriptor we own.
                unsafe { libc::dup2(null.as_raw_fd(), fd) };
            }
        }
    }
}
