//! `update`: applies an action to the state and returns the effects to run. It reads and
//! changes the state only; every read of the store or a file, and every write, is an effect.

use super::action::{Action, Motion};
use super::contact_form::FormStep;
use super::effects::{Effect, Filing, Load};
use super::event_form::EventStep;
use super::form_fill::FillStep;
use super::{App, ChoiceAction, Confirm, Overlay, Screen};
use super::{calendar, caseload, contacts, forms, program};
use crate::domain::forms::Kind;
use crate::error::Error;
use crossterm::event::KeyEvent;

/// What an action did: whether anything visible changed, and what is left to run.
#[must_use]
#[derive(Debug, Default)]
pub struct Update {
    pub changed: bool,
    pub effects: Vec<Effect>,
}

impl Update {
    pub fn unchanged() -> Update {
        Update::default()
    }

    pub fn redraw() -> Update {
        Update::from(true)
    }

    /// A visible change that `effect` completes.
    pub fn run(effect: Effect) -> Update {
        Update {
            changed: true,
            effects: vec![effect],
        }
    }

    pub fn load(load: Load) -> Update {
        Update::run(Effect::Load(load))
    }

    pub fn and(mut self, effect: Effect) -> Update {
        self.effects.push(effect);
        self
    }
}

impl From<bool> for Update {
    fn from(changed: bool) -> Update {
        Update {
            changed,
            effects: Vec::new(),
        }
    }
}

pub fn update(app: &mut App, action: Action) -> Update {
    match action {
        Action::Quit => {
            app.quit = true;
            return Update::redraw();
        }
        Action::Help => {
            app.overlay = Some(Overlay::Help);
            return Update::redraw();
        }
        Action::Show(screen) => return show(app, screen),
        Action::NextScreen => return show(app, Screen::ALL[(app.screen.index() + 1) % 5]),
        Action::PreviousScreen => return show(app, Screen::ALL[(app.screen.index() + 4) % 5]),
        _ => {}
    }
    if app.overlay.is_some() {
        return overlay(app, action);
    }
    match app.screen {
        Screen::Caseload => caseload::update(app, action),
        Screen::Contacts => contacts::update(app, action),
        Screen::Calendar => calendar::update(app, action),
        Screen::Forms => forms::update(app, action),
        Screen::Program => program::update(app, action),
    }
}

/// Switches to `screen` and loads it.
pub fn show(app: &mut App, screen: Screen) -> Update {
    if app.screen == screen {
        return Update::unchanged();
    }
    app.screen = screen;
    Update::load(Load::Screen)
}

fn close(app: &mut App) -> Update {
    app.overlay = None;
    Update::redraw()
}

fn overlay(app: &mut App, action: Action) -> Update {
    let today = app.session.today;
    let coordinator = app.session.sees_whole_program();
    let Some(overlay) = app.overlay.as_mut() else {
        return Update::unchanged();
    };
    match (overlay, action) {
        (Overlay::Help | Overlay::Text { .. }, _) => close(app),
        (Overlay::Confirm { action: confirm, .. }, Action::Yes) => {
            let effect = match confirm.clone() {
                Confirm::DeleteContact(key) => Effect::DeleteContact(key),
                Confirm::CancelOccurrence(occurrence) => Effect::CancelOccurrence(occurrence),
                Confirm::ShareReflection {
                    form,
                    partner,
                    values,
                } => Effect::ShareReflection {
                    form,
                    partner,
                    values,
                },
            };
            close(app).and(effect)
        }
        (Overlay::Confirm { .. }, Action::No) => close(app),
        (Overlay::Choose(_), Action::Close) => close(app),
        (Overlay::Choose(choice), Action::Move(motion)) => {
            choice.cursor = match motion {
                Motion::Down => (choice.cursor + 1).min(choice.options.len().saturating_sub(1)),
                _ => choice.cursor.saturating_sub(1),
            };
            Update::redraw()
        }
        (Overlay::Choose(choice), Action::Open) => {
            let picked = choice.options.get(choice.cursor).map(|(_, value)| value.clone());
            let choice_action = choice.action.clone();
            let update = close(app);
            match picked {
                Some(value) => chosen(app, choice_action, &value, update),
                None => update,
            }
        }
        (Overlay::Event(_), Action::Close) => close(app),
        (Overlay::Event(view), Action::Move(motion)) => {
            view.cursor = match motion {
                Motion::Down => (view.cursor + 1).min(view.attendance.len().saturating_sub(1)),
                _ => view.cursor.saturating_sub(1),
            };
            Update::redraw()
        }
        (Overlay::Event(view), Action::Mark(status)) => {
            if !coordinator || view.attendance.is_empty() {
                app.error("Only a coordinator takes attendance");
                return Update::redraw();
            }
            let person = view.attendance[view.cursor].0.key;
            Update::run(Effect::SetAttendance {
                date: view.occurrence.date,
                title: view.occurrence.title.clone(),
                person,
                status,
            })
        }
        (Overlay::Form(_), Action::Close) => close(app),
        (Overlay::Form(fill), Action::Amend) if !fill.foreign => {
            fill.amend();
            app.info("Amending: the filed version stays; Ctrl-S files the new one");
            Update::redraw()
        }
        (Overlay::Form(fill), Action::Share) if !fill.foreign && fill.def.private => {
            Update::load(Load::ShareQuestion)
        }
        (Overlay::Form(_), Action::Input(key)) => fill_form(app, key, today),
        (Overlay::EventForm(form), Action::Input(key)) => match form.key(key) {
            EventStep::Continue(changed) => changed.into(),
            EventStep::Cancel => close(app),
            EventStep::Save(event) => Update::run(Effect::SaveEvent {
                editing: form.editing,
                event: Box::new(event),
            }),
        },
        (Overlay::ContactForm(form), Action::Input(key)) => match form.key(key, today) {
            FormStep::Continue(changed) => {
                let mut update = Update::from(changed);
                if form.matches_stale() {
                    update = update.and(Effect::Load(Load::PersonMatches));
                }
                if changed && form.dirty {
                    update.and(Effect::KeepContactDraft(Box::new(form.to_draft())))
                } else {
                    update
                }
            }
            FormStep::Cancel => close(app).and(Effect::ClearContactDraft),
            FormStep::Save(input) => Update::run(Effect::SaveContact {
                editing: form.editing,
                input: Box::new(input),
                person: form.person_label(),
            }),
        },
        _ => Update::unchanged(),
    }
}

/// A key in a form being filled in.
fn fill_form(app: &mut App, key: KeyEvent, today: chrono::NaiveDate) -> Update {
    let Some(Overlay::Form(fill)) = app.overlay.as_mut() else {
        return Update::unchanged();
    };
    match fill.key(key) {
        FillStep::Continue(changed) => {
            let update = Update::from(changed);
            if changed && fill.dirty {
                update.and(Effect::KeepFormDraft(Box::new(fill.to_draft())))
            } else {
                update
            }
        }
        FillStep::Leave => {
            let dirty = fill.dirty;
            let update = close(app);
            if dirty {
                app.info("Draft kept: n on this form, or the next start, resumes it");
            }
            update
        }
        FillStep::Submit => {
            if !fill.ready(today) {
                return Update::redraw();
            }
            let about = fill
                .def
                .inputs()
                .find(|f| f.kind == Kind::Person)
                .and_then(|f| fill.candidates.iter().find(|c| c.person_id == fill.value(f.key)))
                .cloned();
            Update::run(Effect::FileForm(Box::new(Filing {
                def: fill.def,
                about,
                values: fill.values.clone(),
                supersedes: fill.supersedes,
            })))
        }
    }
}

/// What a pick in a list pop-up does.
fn chosen(app: &mut App, action: ChoiceAction, value: &str, update: Update) -> Update {
    let today = app.session.today;
    let parse_key = |value: &str| {
        value
            .parse::<i64>()
            .map_err(|e| Error::Input(e.to_string()).to_string())
    };
    let effect = match action {
        ChoiceAction::Letter => {
            return match forms::letter_chosen(value) {
                Some(effect) => update.and(effect),
                None => update,
            };
        }
        ChoiceAction::LetterFor(letter) => Effect::WriteLetter {
            letter,
            person: value.parse().ok(),
        },
        ChoiceAction::EndAssignment { assignment } => match value.parse() {
            Ok(reason) => Effect::EndAssignment { assignment, reason },
            Err(err) => {
                app.error(Error::Input(err).to_string());
                return update;
            }
        },
        ChoiceAction::AssignTo { mentor } => match parse_key(value) {
            Ok(mentee) => Effect::Assign {
                mentor,
                mentee,
                done: "Assigned".into(),
            },
            Err(err) => {
                app.error(err);
                return update;
            }
        },
        ChoiceAction::MatchMentee { mentee } => match parse_key(value) {
            Ok(mentor) => Effect::Assign {
                mentor,
                mentee,
                done: format!("Matched on {today}: the match deadlines start today"),
            },
            Err(err) => {
                app.error(err);
                return update;
            }
        },
    };
    update.and(effect)
}
