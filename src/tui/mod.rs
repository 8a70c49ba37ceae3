//! The terminal and the event loop, above both the app's state (`app`) and its drawing (`ui`):
//! reads that wait for a key or for another process's commit (no timer-driven
//! redraw), one redraw for every burst of input that changed something, output through a
//! [`FrameWriter`], and a restored terminal on every exit.

pub mod first_run;
pub mod frame_writer;
#[cfg(test)]
mod full_disk_tests;
mod hangup;
mod input;
mod link;

use crate::app::App;
use crate::error::{Error, Result};
use crate::service::Session;
use crate::theme::Theme;
use crate::ui;
use crossterm::event::{self, Event, KeyEvent};
use crossterm::execute;
use frame_writer::FrameWriter;
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::io::Stdout;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::SystemTime;
use std::time::{Duration, Instant};

/// The app's terminal: ratatui over a [`FrameWriter`] to standard output.
pub type Term = Terminal<FrameWriter<Stdout>>;

enum Input {
    Terminal(Event),
    /// No more terminal input is waiting: time to draw what came before.
    Settled,
    /// The terminal went away (read failed).
    Gone,
    /// SIGTERM, SIGHUP or SIGINT (a Windows console has none of them).
    #[cfg(unix)]
    Signal,
    /// The database's write-ahead log changed: someone may have committed.
    DatabaseTouched,
}

/// How long the input thread waits for a key before looking at the database's files.
const WATCH_INTERVAL: Duration = Duration::from_millis(250);

/// Notices commits by other processes, by looking at the size and modification time of the
/// database's write-ahead log (every commit in WAL mode writes it) and of the database file
/// (a checkpoint writes it). One `stat` of each per [`WATCH_INTERVAL`] while idle is all it costs;
/// it needs no inotify watch or extra thread (the `notify` crate would bring both, and miss
/// writes made on another host of a network file system). What it reports is only a hint:
/// `PRAGMA data_version` decides whether anything was committed, and the frame writer whether
/// anything visible changed.
struct DatabaseWatch {
    files: [PathBuf; 2],
    seen: [Option<(SystemTime, u64)>; 2],
}

impl DatabaseWatch {
    fn new(db: &Path) -> DatabaseWatch {
        let mut wal = db.as_os_str().to_owned();
        wal.push("-wal");
        let mut watch = DatabaseWatch {
            files: [PathBuf::from(wal), db.to_path_buf()],
            seen: [None, None],
        };
        watch.touched();
        watch
    }

    fn look(path: &Path) -> Option<(SystemTime, u64)> {
        let meta = std::fs::metadata(path).ok()?;
        Some((meta.modified().ok()?, meta.len()))
    }

    /// Whether either file changed since the last look.
    fn touched(&mut self) -> bool {
        let now = self.files.each_ref().map(|path| Self::look(path));
        let touched = now != self.seen;
        self.seen = now;
        touched
    }
}

/// What runs inside the terminal: the app's screens, or the first-run form. Both go through
/// [`run_loop`], so a hangup, a resize, a paste and Ctrl-L mean the same everywhere.
trait Front {
    fn render(&self, frame: &mut ratatui::Frame);
    /// One key; whether anything visible changed.
    fn key(&mut self, key: KeyEvent) -> bool;
    /// Text pasted into the terminal (bracketed paste); whether anything visible changed.
    fn paste(&mut self, text: &str) -> bool;
    /// Another process may have committed; whether anything visible changed.
    fn refresh(&mut self) -> bool;
    /// The session ends without the user's say (a hangup or a signal): keep what can be kept.
    fn keep_drafts(&mut self);
    fn done(&self) -> bool;
    /// Whether the last key asked for the whole screen to be painted again (Ctrl-L).
    fn take_repaint(&mut self) -> bool;
    /// Work the last key asked for that waits on the network (a sync), run once the screen
    /// has said it is under way; whether it ran.
    fn slow_work(&mut self) -> bool {
        false
    }
    /// Whether such work waits.
    fn slow_work_waiting(&self) -> bool {
        false
    }
}

/// Runs `front` until it is done, a signal arrives or the terminal goes away. With `db`, a
/// commit by another process to that database refreshes it.
fn run_loop(terminal: &mut Term, front: &mut impl Front, db: Option<&Path>) -> Result<()> {
    let inputs = spawn_inputs(db)?;
    let mut link = link::Link::of_terminal();
    // Draws, and counts what the frame adds to the link's load.
    fn draw(terminal: &mut Term, front: &dyn Front, link: &mut link::Link) -> std::io::Result<()> {
        let before = terminal.backend().sent();
        terminal.draw(|frame| front.render(frame))?;
        link.sent(terminal.backend().sent() - before, Instant::now());
        Ok(())
    }
    draw(terminal, front, &mut link)?;
    let mut dirty = false;
    loop {
        // A change waiting for a slow link is drawn once the link has drained.
        let input = match link.busy_for(Instant::now()).filter(|_| dirty) {
            Some(wait) => match inputs.rx.recv_timeout(wait) {
                Ok(input) => input,
                Err(mpsc::RecvTimeoutError::Timeout) => Input::Settled,
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            },
            None => match inputs.rx.recv() {
                Ok(input) => input,
                Err(_) => break,
            },
        };
        let settled = matches!(input, Input::Settled | Input::DatabaseTouched);
        let redraw = match input {
            Input::Terminal(Event::Key(key)) => {
                let refreshed = front.refresh();
                let mut changed = front.key(key) || refreshed;
                if front.slow_work_waiting() {
                    // The screen says what is under way before the wait, not after it.
                    if draw(terminal, front, &mut link).is_err() {
                        return hang_up(front);
                    }
                    changed |= front.slow_work();
                }
                if front.take_repaint() {
                    // Whatever the terminal shows now, and whatever state its pen is in, is
                    // unknown: the next frame is drawn whole on a cleared screen.
                    terminal.backend_mut().forget_screen();
                    if terminal.clear().is_err() {
                        return hang_up(front);
                    }
                }
                changed
            }
            Input::Terminal(Event::Paste(text)) => front.paste(&text),
            Input::Terminal(Event::Resize(..)) => match terminal.autoresize() {
                Ok(()) => true,
                Err(_) => return hang_up(front),
            },
            Input::Terminal(_) | Input::Settled => false,
            // Redrawn when another process committed; the frame writer sends only what
            // the reload changed on screen, nothing at all if the change is not in view.
            Input::DatabaseTouched => front.refresh(),
            Input::Gone => return hang_up(front),
            #[cfg(unix)]
            Input::Signal if hangup::hung_up() => return hang_up(front),
            #[cfg(unix)]
            Input::Signal => {
                front.keep_drafts();
                break;
            }
        };
        if front.done() {
            break;
        }
        dirty |= redraw;
        // Frames a slow link cannot carry yet are skipped: the latest state goes once it can.
        // A terminal that cannot be written to has gone away.
        if dirty && settled && link.busy_for(Instant::now()).is_none() {
            if draw(terminal, front, &mut link).is_err() {
                return hang_up(front);
            }
            dirty = false;
        }
    }
    Ok(())
}

/// Reads the terminal's input, in a thread of its own so that the loop can also wait for
/// signals, a hangup and other processes' commits.
///
/// Every [`WATCH_INTERVAL`] while idle, and after each input, it also looks at the terminal's
/// size: a resize is noticed even when no SIGWINCH reaches the app, as under `su`, which
/// starts it in a session of its own.
fn spawn_inputs(db: Option<&Path>) -> Result<Inputs> {
    let (tx, rx) = mpsc::channel();
    let keys = tx.clone();
    let mut watch = db.map(DatabaseWatch::new);
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = stop.clone();
    std::thread::spawn(move || {
        let mut size = crossterm::terminal::size().ok();
        loop {
            let ready = event::poll(WATCH_INTERVAL);
            // The loop ended: what comes now is for the next one (the app after the first-run
            // form), whose own thread reads it.
            if stopped.load(Ordering::SeqCst) {
                return;
            }
            // A failed poll is read below, where a terminal that is gone says so.
            if let Ok(false) = ready {
                // A resize found here is a burst of its own, so it is followed by `Settled`: the
                // loop draws only once a burst has settled, and would otherwise wait for the
                // next input with the resize (and any key before it) not drawn.
                if let Some(resize) = resized(&mut size)
                    && (keys.send(resize).is_err() || keys.send(Input::Settled).is_err())
                {
                    return;
                }
                if watch.as_mut().is_some_and(DatabaseWatch::touched)
                    && keys.send(Input::DatabaseTouched).is_err()
                {
                    return;
                }
                continue;
            }
            let inputs = match input::read_events() {
                Ok(events) => events.into_iter().map(Input::Terminal).collect(),
                Err(_) => vec![Input::Gone],
            };
            for input in inputs {
                let gone = matches!(input, Input::Gone);
                if let Input::Terminal(Event::Resize(w, h)) = input {
                    size = Some((w, h));
                }
                if keys.send(input).is_err() || gone {
                    return;
                }
            }
            if !event::poll(Duration::ZERO).unwrap_or(false) {
                if let Some(resize) = resized(&mut size)
                    && keys.send(resize).is_err()
                {
                    return;
                }
                if keys.send(Input::Settled).is_err() {
                    return;
                }
            }
        }
    });
    hangup::watch(tx)?;
    Ok(Inputs { rx, stop })
}

/// What the loop waits on; dropped, its input thread stops reading the terminal.
struct Inputs {
    rx: mpsc::Receiver<Input>,
    stop: Arc<AtomicBool>,
}

impl Drop for Inputs {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// A resize, when the terminal's size is no longer `seen`.
fn resized(seen: &mut Option<(u16, u16)>) -> Option<Input> {
    let now = crossterm::terminal::size().ok();
    if now.is_none() || now == *seen {
        return None;
    }
    *seen = now;
    now.map(|(w, h)| Input::Terminal(Event::Resize(w, h)))
}

/// Runs the full-screen app until the user quits, a signal arrives or the terminal goes away.
/// With more than one program listed, it starts on the Programs screen; a program opened there
/// starts the app again on that program, in the same terminal.
pub fn run_tui(session: Session, theme: Theme, programs: crate::app::ProgramsState) -> Result<()> {
    let start_on_programs = programs.listed.len() > 1;
    let mut app = app_on(session, theme, programs, start_on_programs)?;
    in_terminal(|terminal| {
        loop {
            let db = app.session.database_path().to_path_buf();
            run_loop(terminal, &mut app, Some(&db))?;
            let Some(next) = app.switch_to.take() else {
                return Ok(());
            };
            let programs = std::mem::take(&mut app.programs);
            app = app_on(next, theme, programs, false)?;
        }
    })
}

/// The app on `session`, with the user's drafts, letters and private store for its database,
/// and what waits from before (drafts, reminders, changes) offered.
fn app_on(
    session: Session,
    theme: Theme,
    programs: crate::app::ProgramsState,
    start_on_programs: bool,
) -> Result<App> {
    let user = format!("{}-{}", session.real_login, session.me().id);
    let drafts = crate::app::drafts::DraftFile::in_data_dir(session.database_path(), &user, "contact");
    let form_drafts = crate::app::drafts::DraftFile::in_data_dir(session.database_path(), &user, "form");
    let private = crate::app::drafts::DraftFile::private_store(session.database_path(), &user);
    let mut session = session;
    let private_failure = private.and_then(|path| session.attach_private(&path).err());
    let mut app = App::new(session, theme)?;
    app.programs = programs;
    if start_on_programs {
        app.screen = crate::app::Screen::Programs;
        app.reload();
    }
    app.drafts = drafts;
    app.form_drafts = form_drafts;
    app.letters_dir = directories::ProjectDirs::from("org", "mentordesk", "mentordesk")
        .map(|d| d.data_dir().join("letters"));
    app.recover_draft();
    app.show_inbox();
    // After the drafts and the reminders, whichever are open: it waits for them to close.
    app.show_changes();
    if let Some(err) = private_failure {
        app.error(format!("{err}; reflections cannot be kept"));
    }
    Ok(app)
}

/// The terminal went away: every draft is kept, and the app ends without writing to it.
fn hang_up(front: &mut (impl Front + ?Sized)) -> Result<()> {
    front.keep_drafts();
    hangup::detach();
    Ok(())
}

impl Front for App {
    fn render(&self, frame: &mut ratatui::Frame) {
        ui::render(self, frame);
    }

    fn key(&mut self, key: KeyEvent) -> bool {
        self.handle_key(key)
    }

    fn paste(&mut self, text: &str) -> bool {
        self.handle_paste(text)
    }

    fn refresh(&mut self) -> bool {
        self.refresh_if_changed()
    }

    fn keep_drafts(&mut self) {
        self.save_draft_now();
    }

    fn done(&self) -> bool {
        self.quit || self.switch_to.is_some()
    }

    fn take_repaint(&mut self) -> bool {
        std::mem::take(&mut self.repaint)
    }

    fn slow_work(&mut self) -> bool {
        self.run_waiting_sync()
    }

    fn slow_work_waiting(&self) -> bool {
        self.sync_waiting
    }
}

/// Enters the full-screen terminal, runs `body`, and leaves the terminal restored however
/// `body` ends: returning, failing or panicking.
pub fn in_terminal<T>(body: impl FnOnce(&mut Term) -> Result<T>) -> Result<T> {
    // crossterm drops bold and reverse along with colour under NO_COLOR; the theme handles
    // NO_COLOR itself, so crossterm must keep emitting attributes.
    crossterm::style::force_color_output(true);
    // Not `ratatui::try_init`: its panic hook and `ratatui::restore` print with `eprintln!`,
    // which panics when the terminal is gone, and a panic inside a panic hook aborts.
    let entered = crossterm::terminal::enable_raw_mode().and_then(|()| {
        execute!(
            std::io::stdout(),
            crossterm::terminal::EnterAlternateScreen,
            crossterm::event::EnableBracketedPaste
        )
    });
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
        let mut terminal = Terminal::new(FrameWriter::stdout())?;
        terminal.backend_mut().clear()?;
        body(&mut terminal)
    })();
    restore();
    result
}

/// Attributes reset, bracketed paste and raw mode off, alternate screen left, cursor shown; a
/// terminal that is gone is no error.
fn restore() {
    use crossterm::style::{Attribute, SetAttribute};
    use std::io::Write;
    // The frame writer leaves a scroll region set between frames; it is reset while the
    // alternate screen is still in (it homes the cursor), or the shell would keep it.
    let _ = std::io::stdout().write_all(b"\x1b[r");
    let _ = execute!(
        std::io::stdout(),
        SetAttribute(Attribute::Reset),
        crossterm::event::DisableBracketedPaste
    );
    let _ = crossterm::terminal::disable_raw_mode();
    let _ = execute!(
        std::io::stdout(),
        crossterm::terminal::LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}
