//! The event loop: blocking reads (no timer), one redraw for every burst of input that changed
//! something, output through a [`FrameWriter`], and a restored terminal on every exit.

use super::App;
use super::frame_writer::FrameWriter;
use crate::error::{Error, Result};
use crate::session::Session;
use crate::ui::{self, theme::Theme};
use crossterm::event::{self, Event};
use crossterm::execute;
use ratatui::Terminal;
use ratatui::backend::Backend;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use std::io::Stdout;
use std::sync::mpsc;
use std::time::Duration;

/// The app's terminal: ratatui over a [`FrameWriter`] to standard output.
pub type Term = Terminal<FrameWriter<Stdout>>;

enum Input {
    Terminal(Event),
    /// No more terminal input is waiting: time to draw what came before.
    Settled,
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
            if !event::poll(Duration::ZERO).unwrap_or(false) && keys.send(Input::Settled).is_err() {
                return;
            }
        }
    });
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])
        .map_err(|e| Error::Failed(format!("cannot watch signals: {e}")))?;
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = tx.send(Input::Signal);
        }
    });
    Ok(rx)
}

/// Runs the full-screen app until the user quits, a signal arrives or the terminal goes away.
pub fn run_tui(session: Session, theme: Theme) -> Result<()> {
    let user = format!("{}-{}", session.real_login, session.me.id);
    let drafts = super::drafts::DraftFile::in_data_dir(session.store.path(), &user, "contact");
    let form_drafts = super::drafts::DraftFile::in_data_dir(session.store.path(), &user, "form");
    let private = super::drafts::DraftFile::private_store(session.store.path(), &user);
    let mut session = session;
    let private_failure = private.and_then(|path| session.store.attach_private(&path).err());
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
        let mut dirty = false;
        while let Ok(input) = inputs.recv() {
            let settled = matches!(input, Input::Settled);
            let redraw = match input {
                Input::Terminal(Event::Key(key)) => {
                    let refreshed = app.refresh_if_changed();
                    app.handle_key(key) || refreshed
                }
                Input::Terminal(Event::Resize(..)) => {
                    terminal.autoresize()?;
                    true
                }
                Input::Terminal(_) | Input::Settled => false,
                Input::Gone | Input::Signal => {
                    app.save_draft_now();
                    break;
                }
            };
            if app.quit {
                break;
            }
            dirty |= redraw;
            if dirty && settled {
                draw(terminal, &app)?;
                dirty = false;
            }
        }
        Ok(())
    })
}

/// Enters the full-screen terminal, runs `body`, and leaves the terminal restored however
/// `body` ends: returning, failing or panicking.
pub fn in_terminal<T>(body: impl FnOnce(&mut Term) -> Result<T>) -> Result<T> {
    // crossterm drops bold and reverse along with colour under NO_COLOR; the theme handles
    // NO_COLOR itself, so crossterm must keep emitting attributes.
    crossterm::style::force_color_output(true);
    if let Err(e) = ratatui::try_init() {
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

/// Attributes reset, raw mode off, alternate screen left, cursor shown.
fn restore() {
    use crossterm::style::{Attribute, SetAttribute};
    let _ = execute!(std::io::stdout(), SetAttribute(Attribute::Reset));
    ratatui::restore();
    let _ = execute!(std::io::stdout(), crossterm::cursor::Show);
}
