//! The first run's form in the terminal: the event loop of every screen (a hangup, a resize,
//! a paste and Ctrl-L mean the same here), with the form's state and rules from
//! `app::first_run` and its drawing from `ui::first_run`.

use super::{Front, in_terminal, run_loop};
use crate::app::action::Action;
use crate::app::first_run::{create, form};
use crate::app::form::{Form, Step};
use crate::app::keymap::{self, Context};
use crate::app::paste::Pasted;
use crate::error::Result;
use crate::theme::Theme;
use chrono::NaiveDate;
use crossterm::event::{KeyEvent, KeyEventKind};
use std::path::Path;

/// Shows the form until a program is created (`true`) or the user leaves it (`false`); a
/// hangup or a signal leaves it too, with nothing kept: nothing was made yet.
pub fn run(db: &Path, login: &str, today: NaiveDate, day: Option<NaiveDate>, theme: Theme) -> Result<bool> {
    let mut first_run = FirstRun {
        form: form(login, today),
        db,
        login,
        day,
        theme,
        ended: None,
        repaint: false,
    };
    in_terminal(|terminal| run_loop(terminal, &mut first_run, None))?;
    Ok(first_run.ended == Some(true))
}

/// The first-run form in the event loop.
struct FirstRun<'a> {
    form: Form,
    db: &'a Path,
    login: &'a str,
    day: Option<NaiveDate>,
    theme: Theme,
    /// Whether a program was made, once the form is left.
    ended: Option<bool>,
    repaint: bool,
}

impl Front for FirstRun<'_> {
    fn render(&self, frame: &mut ratatui::Frame) {
        crate::ui::first_run::render(self.theme, self.db, &self.form, frame);
    }

    fn key(&mut self, key: KeyEvent) -> bool {
        if key.kind == KeyEventKind::Release {
            return false;
        }
        // The keys that work everywhere: Ctrl-C leaves, Ctrl-L repaints.
        match keymap::resolve(&[Context::Always], &key, false) {
            Some(Action::Quit) => {
                self.ended = Some(false);
                return true;
            }
            Some(Action::Repaint) => {
                self.repaint = true;
                return true;
            }
            _ => {}
        }
        let step = match keymap::resolve(&[Context::Form, Context::FormFields], &key, false) {
            Some(Action::Form(form_key)) => self.form.act(form_key),
            _ => self.form.input(key),
        };
        match step {
            Step::Continue(changed) => changed,
            Step::Cancel => {
                self.ended = Some(false);
                true
            }
            Step::Submit => {
                match create(self.db, self.login, &self.form, self.day) {
                    Ok(()) => self.ended = Some(true),
                    Err(err) => self.form.error = Some(err.to_string()),
                }
                true
            }
        }
    }

    fn paste(&mut self, text: &str) -> bool {
        self.form.error = match self.form.paste(text) {
            Pasted::Whole => None,
            pasted => pasted.message().map(str::to_string),
        };
        true
    }

    fn refresh(&mut self) -> bool {
        false
    }

    fn keep_drafts(&mut self) {}

    fn done(&self) -> bool {
        self.ended.is_some()
    }

    fn take_repaint(&mut self) -> bool {
        std::mem::take(&mut self.repaint)
    }
}
