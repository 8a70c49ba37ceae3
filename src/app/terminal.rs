//! The event loop: blocking reads (no timer), a redraw only when something changed, output
//! through a `BufWriter` inside synchronized updates, and a restored terminal on every exit.

use super::App;
use crate::error::{Error, Result};
use crate::service::Session;
use crate::ui::{self, theme::Theme};
use crossterm::event::{self, Event};
use crossterm::terminal::{BeginSynchronizedUpdate, Clear, ClearType, EndSynchronizedUpdate};
use crossterm::{execute, queue};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use std::io::{Stdout, Write};
use std::sync::mpsc;

/// The app's terminal: ratatui over crossterm, writing through a [`FrameWriter`].
pub type Term = Terminal<CrosstermBackend<FrameWriter>>;

/// Collects one frame's output and sends it in one write: inside a synchronized update when
/// the frame is large enough to tear, bare when it is a few bytes, and trimmed of what ratatui
/// repeats every frame without need (style resets when no style was set, cursor show/hide when
/// the cursor already is so). A frame left with nothing is not sent at all.
pub struct FrameWriter {
    frame: Vec<u8>,
    out: Stdout,
    cursor_visible: Option<bool>,
}

const SYNC_THRESHOLD: usize = 256;
const STYLE_RESET: &[u8] = b"\x1b[39m\x1b[49m\x1b[59m\x1b[0m";
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";
const HIDE_CURSOR: &[u8] = b"\x1b[?25l";

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Whether `bytes` holds an SGR sequence (`ESC [ … m`).
fn sets_style(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    while let Some(start) = find(rest, b"\x1b[") {
        let after = &rest[start + 2..];
        let end = after.iter().position(|b| b.is_ascii_alphabetic());
        if end.is_some_and(|e| after[e] == b'm') {
            return true;
        }
        rest = after;
    }
    false
}

impl FrameWriter {
    fn trim(&mut self, mut frame: Vec<u8>) -> Vec<u8> {
        if let Some(at) = find(&frame, STYLE_RESET)
            && !sets_style(&frame[..at])
        {
            frame.drain(at..at + STYLE_RESET.len());
        }
        for (sequence, visible) in [(SHOW_CURSOR, true), (HIDE_CURSOR, false)] {
            if let Some(at) = find(&frame, sequence) {
                if self.cursor_visible == Some(visible) {
                    frame.drain(at..at + sequence.len());
                }
                self.cursor_visible = Some(visible);
            }
        }
        frame
    }
}

impl Write for FrameWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.frame.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let frame = std::mem::take(&mut self.frame);
        let frame = self.trim(frame);
        if frame.is_empty() {
            return Ok(());
        }
        let mut out = self.out.lock();
        if frame.len() >= SYNC_THRESHOLD {
            queue!(out, BeginSynchronizedUpdate)?;
            out.write_all(&frame)?;
            queue!(out, EndSynchronizedUpdate)?;
        } else {
            out.write_all(&frame)?;
        }
        out.flush()
    }
}

enum Input {
    Terminal(Event),
    /// The terminal went away (read failed).
    Gone,
    Signal,
}

fn draw(terminal: &mut Term, app: &App) -> std::io::Result<()> {
    terminal.draw(|frame| ui::render(app, frame)).map(|_| ())
}

fn spawn_inputs() -> Result<mpsc::Receiver<Input>> {
    let (tx, rx) = mpsc::channel();
    let keys = tx.clone();
    std::thread::spawn(move || {
        loop {
            let input = match event::read() {
                Ok(ev) => Input::Terminal(ev),
                Err(_) => Input::Gone,
            };
            let gone = matches!(input, Input::Gone);
            if keys.send(input).is_err() || gone {
                return;
            }
        }
    });
    watch_for_hangup(tx.clone());
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])
        .map_err(|e| Error::Failed(format!("cannot watch signals: {e}")))?;
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = tx.send(Input::Signal);
        }
    });
    Ok(rx)
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
fn terminal_hung_up() -> bool {
    terminal_fd().is_none_or(|fd| hangup_reported(&fd, 0))
}

/// After a hangup: standard input, output and error become /dev/null, so that nothing left
/// to run (restoring the terminal, ratatui's own cursor restore, an error message) fails or
/// panics on writing to a terminal that is not there.
fn detach_from_terminal() {
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

/// Runs the full-screen app until the user quits, a signal arrives or the terminal goes away.
pub fn run_tui(session: Session, theme: Theme) -> Result<()> {
    let user = format!("{}-{}", session.real_login, session.me.id);
    let drafts = super::drafts::DraftFile::in_data_dir(session.database_path(), &user, "contact");
    let form_drafts = super::drafts::DraftFile::in_data_dir(session.database_path(), &user, "form");
    let private = super::drafts::DraftFile::private_store(session.database_path(), &user);
    let mut session = session;
    let private_failure = private.and_then(|path| session.attach_private(&path).err());
    let mut app = App::new(session, theme)?;
    app.drafts = drafts;
    app.form_drafts = form_drafts;
    app.letters_dir = directories::ProjectDirs::from("org", "mentordesk", "mentordesk")
        .map(|d| d.data_dir().join("letters"));
    app.recover_draft();
    app.show_inbox();
    if let Some(err) = private_failure {
        app.error(format!("{err}; reflections cannot be kept"));
    }
    in_terminal(|terminal| {
        let inputs = spawn_inputs()?;
        draw(terminal, &app)?;
        while let Ok(input) = inputs.recv() {
            let redraw = match input {
                Input::Terminal(Event::Key(key)) => {
                    let refreshed = app.refresh_if_changed();
                    app.handle_key(key) || refreshed
                }
                Input::Terminal(Event::Resize(..)) => match terminal.autoresize() {
                    Ok(()) => true,
                    Err(_) => return hang_up(&mut app),
                },
                Input::Terminal(_) => false,
                Input::Gone => return hang_up(&mut app),
                Input::Signal if terminal_hung_up() => return hang_up(&mut app),
                Input::Signal => {
                    app.save_draft_now();
                    break;
                }
            };
            if app.quit {
                break;
            }
            // A terminal that cannot be written to has gone away.
            if redraw && draw(terminal, &app).is_err() {
                return hang_up(&mut app);
            }
        }
        Ok(())
    })
}

/// The terminal went away: every draft is kept, and the app ends without writing to it.
fn hang_up(app: &mut App) -> Result<()> {
    app.save_draft_now();
    detach_from_terminal();
    Ok(())
}

/// Enters the full-screen terminal, runs `body`, and leaves the terminal restored however
/// `body` ends: returning, failing or panicking.
pub fn in_terminal<T>(body: impl FnOnce(&mut Term) -> Result<T>) -> Result<T> {
    // crossterm drops bold and reverse along with colour under NO_COLOR; the theme handles
    // NO_COLOR itself, so crossterm must keep emitting attributes.
    crossterm::style::force_color_output(true);
    // Not `ratatui::try_init`: its panic hook and `ratatui::restore` print with `eprintln!`,
    // which panics when the terminal is gone, and a panic inside a panic hook aborts.
    let entered = crossterm::terminal::enable_raw_mode()
        .and_then(|()| execute!(std::io::stdout(), crossterm::terminal::EnterAlternateScreen));
    if let Err(e) = entered {
        restore();
        return Err(Error::Failed(format!("cannot open the terminal: {e}")));
    }
    let restore_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        restore_hook(info);
    }));
    let result = (|| {
        let writer = FrameWriter {
            frame: Vec::with_capacity(16 * 1024),
            out: std::io::stdout(),
            cursor_visible: None,
        };
        let mut terminal = Terminal::new(CrosstermBackend::new(writer))?;
        // Not `terminal.clear()`: it asks the terminal where the cursor is and waits for the answer.
        execute!(terminal.backend_mut(), Clear(ClearType::All))?;
        body(&mut terminal)
    })();
    restore();
    result
}

/// Raw mode off, alternate screen left, cursor shown; a terminal that is gone is no error.
fn restore() {
    let _ = crossterm::terminal::disable_raw_mode();
    let _ = execute!(
        std::io::stdout(),
        crossterm::terminal::LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn writer() -> FrameWriter {
        FrameWriter {
            frame: Vec::new(),
            out: std::io::stdout(),
            cursor_visible: None,
        }
    }

    #[test]
    fn a_frame_without_styles_drops_the_reset_and_repeated_cursor_codes() {
        let mut w = writer();
        let typed = [
            b"\x1b[11;20Hr".as_slice(),
            STYLE_RESET,
            SHOW_CURSOR,
            b"\x1b[11;21H",
        ]
        .concat();
        assert_eq!(
            w.trim(typed.clone()),
            [b"\x1b[11;20Hr".as_slice(), SHOW_CURSOR, b"\x1b[11;21H"].concat()
        );
        assert_eq!(
            w.trim(typed),
            b"\x1b[11;20Hr\x1b[11;21H".to_vec(),
            "cursor already shown"
        );
        let nothing = [STYLE_RESET, HIDE_CURSOR].concat();
        assert_eq!(w.trim(nothing.clone()), HIDE_CURSOR.to_vec());
        assert!(w.trim(nothing).is_empty(), "an unchanged frame sends nothing");
    }

    #[test]
    fn a_frame_that_sets_a_style_keeps_its_reset() {
        let mut w = writer();
        let styled = [b"\x1b[5;2H\x1b[7mNov 20\x1b[27m".as_slice(), STYLE_RESET].concat();
        assert_eq!(w.trim(styled.clone()), styled);
    }
}
