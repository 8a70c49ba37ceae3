//! Standard output as Unix tools treat it: when the reader goes away (`mentordesk quota | head -1`),
//! the command stops quietly with exit 0, as `cat` does, instead of reporting "Broken pipe".

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

static PIPE_CLOSED: AtomicBool = AtomicBool::new(false);

/// Whether a write to standard output found its reader gone.
pub fn pipe_closed() -> bool {
    PIPE_CLOSED.load(Ordering::Relaxed)
}

/// A writer that notes a closed pipe, whichever error wrapping it goes through afterwards.
pub struct Watched<W>(pub W);

fn note<T>(result: io::Result<T>) -> io::Result<T> {
    if let Err(err) = &result
        && err.kind() == io::ErrorKind::BrokenPipe
    {
        PIPE_CLOSED.store(true, Ordering::Relaxed);
    }
    result
}

impl<W: Write> Write for Watched<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        note(self.0.write(buf))
    }

    fn flush(&mut self) -> io::Result<()> {
        note(self.0.flush())
    }
}

/// Writes a line to standard output (`println!` panics on a closed pipe).
pub fn line(text: std::fmt::Arguments) -> io::Result<()> {
    note(writeln!(io::stdout().lock(), "{text}"))
}
