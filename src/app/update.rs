//! `update`: applies an action to the [`State`] and returns the effects to run. It reads and
//! changes the state only (which has no session: the compiler keeps the store out of reach);
//! every read of the store or a file, and every write, is an effect the runtime runs.

use super::action::Action;
use super::contact_form::FormStep;
pub use super::effects::Update;
use super::effects::{Effect, Filing, Load};
use super::event_form::EventStep;
use super::form::Step;
use super::form_fill::FillStep;
use super::paste::Pasted;
use super::{ChoiceAction, Confirm, Overlay, Screen, State, conflict};
use super::{calendar, caseload, contacts, forms, people, program, programs};
use crate::error::Error;
use crossterm::event::{KeyCode, KeyEvent};

pub fn update(app: &mut State, action: Action) -> Update {
    match action {
        Action::Quit => {
            app.quit = true;
            return Update::redraw();
        }
        Action::Repaint => {
            app.repaint = true;
            return Update::redraw();
        }
        Action::Sync => {
            if app.copy_status.is_none() {
                app.error("this is the program on its box, not a laptop copy: there is nothing to sync");
                return Update::redraw();
            }
            app.info("Syncing with the box… (ssh runs without prompts here; in a shell, `mentordesk sync` can ask for a passphrase)");
            return Update::run(Effect::Sync);
        }
        Action::Help => {
            app.overlay = Some(Overlay::Help { top: 0 });
            return Update::redraw();
        }
        Action::LastMessage => {
            let Some((text, _)) = app.last_message.clone() else {
                return Update::unchanged();
            };
            app.overlay = Some(Overlay::Text {
                title: " Last message ".into(),
                lines: vec![text],
                top: 0,
            });
            return Update::redraw();
        }
        Action::Drafts if app.overlay.is_none() => return Update::load(Load::Drafts),
        Action::Show(screen) => return app.show(screen),
        Action::NextScreen => return app.show_next(1),
        Action::PreviousScreen => return app.show_next(-1),
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
        Screen::People => people::update(app, action),
        Screen::Programs => programs::update(app, action),
    }
}

/// Closes the pop-up in view; while a refused save waits for the user (its review open over
/// it), its choice comes back.
fn close(app: &mut State) -> Update {
    app.overlay = conflict::waiting_choice(app);
    Update::redraw()
}

fn overlay(app: &mut State, action: Action) -> Update {
    let today = app.context.today;
    let coordinator = app.context.sees_whole_program();
    let help_lines = super::keymap::help(app.screen, coordinator, &app.screens()).len();
    let Some(overlay) = app.overlay.as_mut() else {
        return Update::unchanged();
    };
    match (overlay, action) {
        (Overlay::Choose(choice), Action::Close) if choice.action == ChoiceAction::ResolveConflict => {
            conflict::back_to_form(app)
        }
        (Overlay::Choose(choice), Action::Close)
            if matches!(choice.action, ChoiceAction::SettleSync { .. }) =>
        {
            app.conflict = None;
            app.overlay = None;
            app.info("The conflict waits; the choice comes back at the next sync (U)");
            Update::redraw()
        }
        (Overlay::Choose(choice), Action::Close) if choice.action == ChoiceAction::ResumeDraft => {
            app.offering_drafts = false;
            app.info("Your drafts stay: D offers them again, and so does the next start");
            close(app)
        }
        (Overlay::Text { lines, top, .. }, Action::Move(motion)) => {
            let mut cursor = super::list::ListCursor::at(*top);
            let moved = cursor.apply(motion, lines.len());
            *top = cursor.selected;
            moved.into()
        }
        (Overlay::Help { top }, Action::Move(motion)) => {
            let mut cursor = super::list::ListCursor::at(*top);
            let moved = cursor.apply(motion, help_lines);
            *top = cursor.selected;
            moved.into()
        }
        (Overlay::Help { .. } | Overlay::Text { .. }, _) => close(app),
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
                Confirm::SetActive { person, active } => Effect::SetActive { person, active },
                Confirm::RemoveMentor { id, ground } => Effect::RemoveMentor { id, ground },
                Confirm::ChangeRole { person, role } => Effect::ChangeRole { person, role },
                Confirm::CertificateAnyway { person } => Effect::WriteLetter {
                    letter: crate::export::letters::Letter::Certificate,
                    person: Some(person),
                    confirmed: true,
                },
                Confirm::AssignAnyway { mentor, mentee, done } => Effect::Assign {
                    mentor,
                    mentee,
                    done,
                    confirmed: true,
                },
            };
            close(app).and(effect)
        }
        (Overlay::Confirm { .. }, Action::No) => close(app),
        (Overlay::Choose(_), Action::Close) => close(app),
        (Overlay::Choose(choice), Action::Move(motion)) => {
            let len = choice.matching().len();
            choice.picker.cursor.apply(motion, len).into()
        }
        (Overlay::Choose(choice), Action::Input(key)) => choice.picker.type_key(key).into(),
        (Overlay::Choose(choice), Action::Open) => {
            let picked = choice.selected_value().map(str::to_string);
            let choice_action = choice.action.clone();
            let update = close(app);
            match picked {
                Some(value) => chosen(app, choice_action, &value, update),
                None => update,
            }
        }
        (Overlay::Event(_), Action::Close) => close(app),
        (Overlay::Event(view), Action::Move(motion)) => {
            let mut cursor = super::list::ListCursor::at(view.cursor);
            let moved = cursor.apply(motion, view.attendance.len());
            view.cursor = cursor.selected;
            moved.into()
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
        (Overlay::Event(view), Action::Guest(more)) => {
            if !coordinator || view.attendance.is_empty() {
                app.error("Only a coordinator takes attendance");
                return Update::redraw();
            }
            let (person, _, guests) = &view.attendance[view.cursor];
            let guests = if more {
                guests + 1
            } else {
                guests.saturating_sub(1)
            };
            Update::run(Effect::SetGuests {
                date: view.occurrence.date,
                title: view.occurrence.title.clone(),
                person: person.key,
                guests,
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
        (Overlay::Form(fill), Action::Form(key)) => {
            let step = fill.act(key);
            fill_step(app, step, today)
        }
        (Overlay::Form(fill), Action::Input(key)) => {
            let step = fill.input(key);
            fill_step(app, step, today)
        }
        (Overlay::EventForm(form), Action::Form(key)) => {
            let step = form.act(key);
            event_step(app, step)
        }
        (Overlay::EventForm(form), Action::Input(key)) => {
            let step = form.input(key);
            event_step(app, step)
        }
        (Overlay::Fields(open), Action::Form(key)) => {
            let step = open.0.act(key);
            fields_step(app, step)
        }
        (Overlay::Fields(open), Action::Input(key)) => {
            let step = open.0.input(key);
            fields_step(app, step)
        }
        (Overlay::ContactForm(form), Action::Form(key)) => {
            let step = form.act(key);
            contact_step(app, step)
        }
        (Overlay::ContactForm(form), Action::Input(key)) => {
            let step = form.input(key);
            contact_step(app, step)
        }
        _ => Update::unchanged(),
    }
}

/// Text pasted: whole into the focused text field of the open form or picker, where it is
/// kept as a draft as typed text is; anywhere else it is ignored, and the message line says so.
pub fn paste(app: &mut State, text: &str) -> Update {
    let mut pasted_update = Update::redraw();
    let filter = super::keymap::typing_a_filter(app);
    let pasted = match app.overlay.as_mut() {
        Some(Overlay::ContactForm(form)) => {
            let pasted = form.paste(text);
            if form.matches_stale() {
                pasted_update = pasted_update.and(Effect::Load(Load::PersonMatches));
            }
            pasted
        }
        Some(Overlay::Fields(open)) => open.0.paste(text),
        Some(Overlay::Form(fill)) => fill.paste(text),
        Some(Overlay::EventForm(form)) => form.paste(text),
        Some(Overlay::Choose(choice)) => choice.picker.paste(text),
        // A list's filter takes the text as typed characters, each doing what it does typed.
        None if filter => {
            let (line, joined) = super::paste::as_line(text);
            for c in line.chars() {
                let typed = update(app, Action::Input(KeyEvent::from(KeyCode::Char(c))));
                pasted_update.effects.extend(typed.effects);
            }
            if joined { Pasted::Joined } else { Pasted::Whole }
        }
        _ => Pasted::Nowhere,
    };
    if let Some(message) = pasted.message() {
        app.info(message);
    }
    if pasted != Pasted::Nowhere
        && let Some(draft) = app.draft_of_open_form()
    {
        pasted_update = pasted_update.and(draft);
    }
    pasted_update
}

/// What a key did to the event form: kept as a draft as it is typed, discarded after a
/// second Esc.
fn event_step(app: &mut State, step: EventStep) -> Update {
    let Some(Overlay::EventForm(form)) = app.overlay.as_mut() else {
        return Update::unchanged();
    };
    match step {
        EventStep::Continue(changed) if changed && form.form.dirty => {
            Update::run(Effect::KeepEventDraft(Box::new(form.to_draft())))
        }
        EventStep::Continue(changed) => changed.into(),
        EventStep::Cancel if form.form.dirty => {
            let draft = form.draft_id.clone();
            close(app).and(Effect::ClearEventDraft(draft))
        }
        EventStep::Cancel => close(app),
        EventStep::Save(event) => Update::run(Effect::SaveEvent {
            editing: form.editing,
            event: Box::new(event),
            draft: form.draft_id.clone(),
        }),
    }
}

/// What a key did to the contact form: kept as a draft as it is typed, discarded after a
/// second Esc, saved by the service.
fn contact_step(app: &mut State, step: FormStep) -> Update {
    let Some(Overlay::ContactForm(form)) = app.overlay.as_mut() else {
        return Update::unchanged();
    };
    match step {
        FormStep::Continue(changed) => {
            let mut update = Update::from(changed);
            if form.matches_stale() {
                update = update.and(Effect::Load(Load::PersonMatches));
            }
            if changed && form.form.dirty {
                update.and(Effect::KeepContactDraft(Box::new(form.to_draft())))
            } else {
                update
            }
        }
        // A form the user changed is only discarded after a second Esc; one never
        // changed has no draft of its own to clear.
        FormStep::Cancel if form.form.dirty => {
            let draft = form.draft_id.clone();
            close(app).and(Effect::ClearContactDraft(draft))
        }
        FormStep::Cancel => close(app),
        FormStep::Save(input) => Update::run(Effect::SaveContact {
            editing: form.editing,
            input: Box::new(input),
            person: form.person_label(),
            draft: form.draft_id.clone(),
        }),
    }
}

/// What a key did to a form of fields (a person, a setting...): kept as a draft as it is
/// typed, discarded after a second Esc, saved as its purpose says.
fn fields_step(app: &mut State, step: Step) -> Update {
    let Some(Overlay::Fields(open)) = app.overlay.as_mut() else {
        return Update::unchanged();
    };
    match step {
        Step::Continue(changed) if changed && open.0.dirty => {
            let draft = super::field_drafts::to_draft(&app.context, &open.0, &open.1);
            Update::run(Effect::KeepFieldsDraft(Box::new(draft)))
        }
        Step::Continue(changed) => changed.into(),
        Step::Cancel if open.0.dirty => {
            let draft = super::field_drafts::draft_id(&open.1);
            close(app).and(Effect::ClearFieldsDraft(draft))
        }
        Step::Cancel => close(app),
        Step::Submit => {
            let (form, purpose) = open.as_ref().clone();
            match people::submitted(app, &form, &purpose) {
                Ok(effect) => Update::run(effect),
                Err(err) => {
                    if let Some(Overlay::Fields(open)) = app.overlay.as_mut() {
                        open.0.error = Some(err.to_string());
                    }
                    Update::redraw()
                }
            }
        }
    }
}

/// What a key did to a form of the catalog being filled in.
fn fill_step(app: &mut State, step: FillStep, today: chrono::NaiveDate) -> Update {
    let Some(Overlay::Form(fill)) = app.overlay.as_mut() else {
        return Update::unchanged();
    };
    match step {
        FillStep::Continue(changed) => {
            let update = Update::from(changed);
            if changed && fill.form.dirty {
                update.and(Effect::KeepFormDraft(Box::new(fill.to_draft())))
            } else {
                update
            }
        }
        FillStep::Leave => {
            let dirty = fill.form.dirty;
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
            Update::run(Effect::FileForm(Box::new(Filing {
                def: fill.def,
                about: fill.about().cloned(),
                values: fill.values(),
                supersedes: fill.supersedes,
            })))
        }
    }
}

/// What a pick in a list pop-up does.
fn chosen(app: &mut State, action: ChoiceAction, value: &str, update: Update) -> Update {
    let today = app.context.today;
    let parse_key = |value: &str| {
        value
            .parse::<i64>()
            .map_err(|e| Error::Input(e.to_string()).to_string())
    };
    let effect = match action {
        ChoiceAction::ResolveConflict => return conflict::resolve(app, value),
        ChoiceAction::SettleSync { gid } => {
            app.conflict = None;
            match value {
                conflict::THEIRS | conflict::OVERWRITE => Effect::SettleSync {
                    gid,
                    keep_theirs: value == conflict::THEIRS,
                },
                _ => Effect::Load(Load::SyncReview(gid)),
            }
        }
        ChoiceAction::ResumeDraft => Effect::Load(Load::ResumeDraft(value.to_string())),
        ChoiceAction::Letter => {
            return match forms::letter_chosen(value) {
                Some(effect) => update.and(effect),
                None => update,
            };
        }
        ChoiceAction::RoleFor { person } => match crate::domain::types::Role::from_word(value) {
            Ok(role) => Effect::Load(Load::RoleQuestion { person, role }),
            Err(err) => {
                app.error(err);
                return update;
            }
        },
        ChoiceAction::EditSetting => {
            if let Some(form) = people::setting_form(&app.context.program.settings, value) {
                app.overlay = Some(Overlay::Fields(Box::new(form)));
            }
            return update;
        }
        ChoiceAction::LetterFor(letter) => Effect::WriteLetter {
            letter,
            person: value.parse().ok(),
            confirmed: false,
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
                confirmed: false,
            },
            Err(err) => {
                app.error(err);
                return update;
            }
        },
        ChoiceAction::ContactsMentor => {
            app.contacts.filter.mentor = value.parse().ok();
            app.contacts.cursor = Default::default();
            Effect::Load(Load::Screen)
        }
        ChoiceAction::CalendarMentor(mentors) => {
            app.calendar.mentor = mentors.into_iter().find(|m| m.key.to_string() == value);
            Effect::Load(Load::Screen)
        }
        ChoiceAction::AuditBy(people) => {
            app.program.audit_by = people.into_iter().find(|p| p.key.to_string() == value);
            app.program.audit_filter.picker.cursor.home();
            Effect::Load(Load::Screen)
        }
        ChoiceAction::AuditAbout(people) => {
            app.program.audit_about = people.into_iter().find(|p| p.key.to_string() == value);
            app.program.audit_filter.picker.cursor.home();
            Effect::Load(Load::Screen)
        }
        ChoiceAction::WarnMentor(id) => match value.parse() {
            Ok(ground) => Effect::WarnMentor { id, ground },
            Err(err) => {
                app.error(err);
                return update;
            }
        },
        ChoiceAction::RemoveMentor(id) => match value.parse::<crate::domain::removal::Ground>() {
            Ok(ground) => Effect::Load(Load::RemovalQuestion { id, ground }),
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
                confirmed: false,
            },
            Err(err) => {
                app.error(err);
                return update;
            }
        },
    };
    update.and(effect)
}
