//! The event loop: blocking reads (no timer), a redraw only when something changed, output
//! through a `BufWriter` inside synchronized updates, and a restored terminal on every exit.

use super::App;
use crate::error::{Error, Result};
use crate::session::Session;
use crate::ui::{self, theme::Theme};
use crossterm::event::{self, Event};
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use crossterm::{execute, queue};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use std::io::{BufWriter, Stdout};
use std::sync::mpsc;

type Term = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

enum Input {
    Terminal(Event),
    /// The terminal went away (read failed).
    Gone,
    Signal,
}

fn draw(terminal: &mut Term, app: &App) -> std::io::Result<()> {
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|frame| ui::render(app, frame))?;
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)
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
    // crossterm drops bold and reverse along with colour under NO_COLOR; the theme handles
    // NO_COLOR itself, so crossterm must keep emitting attributes.
    crossterm::style::force_color_output(true);
    let drafts = super::drafts::DraftFile::in_data_dir(
        session.store.path(),
        &format!("{}-{}", session.real_login, session.me.id),
    );
    let mut app = App::new(session, theme)?;
    app.drafts = drafts;
    app.recover_draft();
    ratatui::try_init().map_err(|e| Error::Failed(format!("cannot open the terminal: {e}")))?;
    let restore_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        restore_hook(info);
    }));
    let result = (|| -> Result<()> {
        let mut terminal = Terminal::new(CrosstermBackend::new(BufWriter::new(std::io::stdout())))?;
        terminal.clear()?;
        let inputs = spawn_inputs()?;
        draw(&mut terminal, &app)?;
        while let Ok(input) = inputs.recv() {
            let redraw = match input {
                Input::Terminal(Event::Key(key)) => {
                    let refreshed = app.refresh_if_changed();
                    app.handle_key(key) || refreshed
                }
                Input::Terminal(Event::Resize(..)) => {
                    terminal.autoresize()?;
                    true
                }
                Input::Terminal(_) => false,
                Input::Gone | Input::Signal => {
                    app.save_draft_now();
                    break;
                }
            };
            if app.quit {
                break;
            }
            if redraw {
                draw(&mut terminal, &app)?;
            }
        }
        Ok(())
    })();
    restore();
    result
}

/// Raw mode off, alternate screen left, cursor shown.
fn restore() {
    ratatui::restore();
    let _ = execute!(std::io::stdout(), crossterm::cursor::Show);
}
