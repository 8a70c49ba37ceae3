//! How fast the link to the terminal drains, so that frames it cannot carry are skipped.
//!
//! A serial line has a speed, and `ssh` passes the client's on to the remote terminal; the
//! terminal's settings say it (`stty speed`). Below 38,400 baud (the speed a pseudo-terminal
//! has when nobody set one, which says nothing about the link) the loop counts what it sent
//! against that speed: while the link is still carrying earlier frames, changes wait, and
//! once it has drained, only the latest state is drawn. Nothing is drawn on a clock: the only
//! wait is for the link to drain, and only while a change is waiting to be sent.

use std::time::{Duration, Instant};

/// What has been sent and when the link will have carried it.
#[derive(Debug, Clone, Copy)]
pub struct Link {
    /// Bytes a second the link carries, when it is known to be slow.
    bytes_per_sec: Option<u32>,
    free_at: Instant,
}

impl Link {
    /// The link of the terminal on standard output. A Windows console has no line speed.
    pub fn of_terminal() -> Link {
        #[cfg(unix)]
        let baud = output_baud(libc::STDOUT_FILENO);
        #[cfg(not(unix))]
        let baud = None;
        Link::at_baud(baud)
    }

    /// A link of `baud` bits a second (`None`: fast, or not known).
    pub fn at_baud(baud: Option<u32>) -> Link {
        Link {
            // A start bit, eight data bits and a stop bit.
            bytes_per_sec: baud.filter(|b| *b > 0 && *b < 38_400).map(|b| b / 10),
            free_at: Instant::now(),
        }
    }

    /// `bytes` went out at `now`.
    pub fn sent(&mut self, bytes: u64, now: Instant) {
        if let Some(rate) = self.bytes_per_sec {
            let carrying = Duration::from_secs_f64(bytes as f64 / f64::from(rate));
            self.free_at = self.free_at.max(now) + carrying;
        }
    }

    /// How long the link will still be carrying what was sent, if it is.
    pub fn busy_for(&self, now: Instant) -> Option<Duration> {
        Some(self.free_at.saturating_duration_since(now)).filter(|d| !d.is_zero())
    }
}

/// The output speed the terminal's settings give, in baud.
#[cfg(unix)]
fn output_baud(fd: libc::c_int) -> Option<u32> {
    // SAFETY: tcgetattr fills the termios it is given, or fails and leaves it unread.
    let speed = unsafe {
        let mut termios: libc::termios = std::mem::zeroed();
        if libc::tcgetattr(fd, &mut termios) != 0 {
            return None;
        }
        libc::cfgetospeed(&termios)
    };
    let baud = [
        (libc::B50, 50),
        (libc::B75, 75),
        (libc::B110, 110),
        (libc::B134, 134),
        (libc::B150, 150),
        (libc::B200, 200),
        (libc::B300, 300),
        (libc::B600, 600),
        (libc::B1200, 1200),
        (libc::B1800, 1800),
        (libc::B2400, 2400),
        (libc::B4800, 4800),
        (libc::B9600, 9600),
        (libc::B19200, 19200),
        (libc::B38400, 38400),
    ];
    baud.iter()
        .find(|(code, _)| *code == speed)
        .map(|(_, baud)| *baud)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slow_link_is_busy_for_what_it_was_sent_and_a_fast_one_never() {
        let mut slow = Link::at_baud(Some(9600));
        let now = Instant::now();
        slow.sent(960, now);
        let busy = slow.busy_for(now).unwrap();
        assert!((busy.as_secs_f64() - 1.0).abs() < 1e-6, "{busy:?}");
        // Sent while busy: queued behind the first frame.
        slow.sent(480, now + Duration::from_millis(500));
        let busy = slow.busy_for(now + Duration::from_millis(500)).unwrap();
        assert!((busy.as_secs_f64() - 1.0).abs() < 1e-6, "{busy:?}");
        assert_eq!(slow.busy_for(now + Duration::from_millis(1500)), None);
        for fast in [None, Some(38_400), Some(0)] {
            let mut link = Link::at_baud(fast);
            link.sent(100_000, now);
            assert_eq!(link.busy_for(Instant::now()), None, "{fast:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_speed_comes_from_the_terminal_settings() {
        let (mut master, mut slave) = (0, 0);
        // SAFETY: openpty fills two descriptors, closed below.
        let opened = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                std::ptr::null(),
            )
        };
        assert_eq!(opened, 0);
        // SAFETY: a termios read from and written back to the pty opened above.
        unsafe {
            let mut termios: libc::termios = std::mem::zeroed();
            assert_eq!(libc::tcgetattr(slave, &mut termios), 0);
            libc::cfsetospeed(&mut termios, libc::B9600);
            assert_eq!(libc::tcsetattr(slave, libc::TCSANOW, &termios), 0);
        }
        assert_eq!(output_baud(slave), Some(9600));
        // SAFETY: closing the descriptors opened above.
        unsafe {
            libc::close(slave);
            libc::close(master);
        }
    }
}
