//! The one place where the app acts on the world: every write to the store and to draft and
//! letter files, and the reads that load a screen or open a pop-up. `update` decides; the
//! effects it returns run here, in order, right after it.

use super::contact_form::{Candidate, ContactForm};
use super::drafts::{ContactDraft, EventDraft};
use super::form_fill::{FormDraft, FormFill};
use super::{App, Overlay, calendar, caseload, contacts, event_form, forms, program};
use crate::domain::agenda::Occurrence;
use crate::domain::agenda::{Attendance, NewEvent};
use crate::domain::forms::Submission;
use crate::domain::forms::{FormDef, Values};
use crate::domain::records::ContactRow;
use crate::domain::records::{ContactInput, Editing, Person};
use crate::domain::types::{EndReason, Role};
use crate::error::{Error, Result};
use crate::export::letters::{self, Letter};
use chrono::NaiveDate;

/// A read: what a screen shows, or what a pop-up needs before it opens.
#[derive(Debug, Clone)]
pub enum Load {
    /// The data of the current screen.
    Screen,
    /// The contact log's next page, when the selection nears the end of what is loaded.
    MoreContacts,
    /// The overdue list's rows around the selection, when it nears the edge of what is loaded.
    OverdueWindow,
    /// The contact log, then the selection put on this contact.
    SelectContact(i64),
    /// The picker of the mentor whose contact log to show.
    ContactsMentorPicker,
    /// The picker of the mentor whose calendar to show.
    CalendarMentorPicker,
    /// The picker of whose changes the audit log shows (`true`), or about whom (`false`).
    AuditPicker {
        by: bool,
    },
    /// A person opened from the caseload.
    Person(i64),
    /// The people matching what was typed in the contact form's person field.
    PersonMatches,
    /// The contact form, blank or for a (mentor, person) pair.
    ContactForm(Option<(i64, i64)>),
    EditContact(Box<ContactRow>),
    /// The people a coordinator may assign to this mentor.
    AssignChoice(i64),
    /// The mentors ranked for an unmatched mentee.
    MentorRanking(Box<Person>),
    Event(Box<Occurrence>),
    NewEvent(NaiveDate),
    EditEvent(i64),
    AttendanceRecord,
    /// The filed versions of the selected form, and its draft.
    Filed,
    /// A form to fill in, resuming its draft.
    Form(&'static FormDef),
    /// A filed form, to read.
    FiledForm(&'static FormDef, Box<Submission>),
    /// Whom the open reflection would be shared with, as a question.
    ShareQuestion,
    /// The people with this role a letter may be written for.
    LetterRecipients(Letter, Role),
    /// A person's assignments, contacts and changes, in a pop-up.
    PersonHistory(i64),
    /// What giving a person another role will do, as a question.
    RoleQuestion {
        person: Editing,
        role: Role,
    },
}

/// A form ready to be filed.
#[derive(Debug, Clone)]
pub struct Filing {
    pub def: &'static FormDef,
    pub about: Option<Candidate>,
    pub values: Values,
    /// The version this one amends.
    pub supersedes: Option<i64>,
}

#[derive(Debug, Clone)]
pub enum Effect {
    Load(Load),
    /// Saves the open contact form's contact (new, or the one being edited); the form closes
    /// once it is saved.
    SaveContact {
        editing: Option<Editing>,
        input: Box<ContactInput>,
        person: String,
        /// The form's draft, cleared once saved.
        draft: String,
    },
    DeleteContact(i64),
    MarkSubmitted {
        contact: i64,
        mentor: i64,
        person: String,
    },
    EndAssignment {
        assignment: Editing,
        reason: EndReason,
    },
    /// Assigns a mentee to a mentor, then says `done`; a pair the eligibility rules exclude
    /// asks first, unless `confirmed`.
    Assign {
        mentor: i64,
        mentee: i64,
        done: String,
        confirmed: bool,
    },
    /// Saves the open event form's event; the form closes once it is saved.
    SaveEvent {
        editing: Option<Editing>,
        event: Box<NewEvent>,
        /// The form's draft, cleared once saved.
        draft: String,
    },
    CancelOccurrence(Box<Occurrence>),
    /// Marks a person at the open event, then moves to the next person.
    SetAttendance {
        date: NaiveDate,
        title: String,
        person: i64,
        status: Attendance,
    },
    Remind {
        mentor: i64,
        mentor_name: String,
        text: String,
    },
    /// Files the open form; it closes once filed.
    FileForm(Box<Filing>),
    ShareReflection {
        form: &'static str,
        partner: i64,
        values: Values,
    },
    MarkRemindersRead,
    /// The changes to the user's records up to this audit entry were shown.
    MarkChangesSeen(i64),
    KeepContactDraft(Box<ContactDraft>),
    /// Clears one contact form's draft (by its id).
    ClearContactDraft(String),
    KeepFormDraft(Box<FormDraft>),
    KeepEventDraft(Box<EventDraft>),
    /// Clears one event form's draft (by its id).
    ClearEventDraft(String),
    KeepFieldsDraft(Box<super::field_drafts::FieldsDraft>),
    /// Clears one field form's draft (by its id).
    ClearFieldsDraft(String),
    /// Writes a letter; a certificate of completion for a match still running asks first,
    /// unless `confirmed`.
    WriteLetter {
        letter: Letter,
        person: Option<i64>,
        confirmed: bool,
    },
    /// Saves the open field form's person (new, or the one being edited); the form closes once
    /// saved, and stays open with the reason when not.
    SavePerson {
        editing: Option<Editing>,
        id: String,
        name: String,
        role: Role,
        fields: Box<crate::domain::records::PersonFields>,
    },
    SetActive {
        person: Editing,
        active: bool,
    },
    ChangeRole {
        person: Editing,
        role: Role,
    },
    /// Sets one setting from the open field form's JSON, over the value the form started from.
    SetSetting {
        key: &'static str,
        json: String,
        from: String,
    },
    /// Sets the months a recurring event skips, as typed, over the events the form started from.
    SetSkipMonths {
        event: usize,
        months: String,
        from: String,
    },
}

pub fn run(app: &mut App, effects: Vec<Effect>) {
    for effect in effects {
        run_effect(app, effect);
    }
}

/// Shows the outcome of a write: `done` and a reload, or the error.
fn report(app: &mut App, result: Result<String>) {
    match result {
        Ok(done) => {
            app.info(done);
            app.reload();
        }
        Err(conflict @ Error::Conflict { .. }) => {
            app.error(format!("{conflict}: the screen now shows their change"));
            app.reload();
        }
        Err(err) => app.error(err.to_string()),
    }
}

pub fn run_effect(app: &mut App, effect: Effect) {
    let today = app.session.today;
    match effect {
        Effect::Load(load) => run_load(app, load),
        Effect::SaveContact {
            editing,
            input,
            person,
            draft,
        } => {
            let saved = match editing {
                Some(editing) => app.session.update_contact(editing.key, editing.version, &input),
                None => app.session.log_contact(&input).map(|_| ()),
            };
            match saved {
                Ok(()) => {
                    if let Some(drafts) = app.contact_draft_file(&draft) {
                        drafts.clear();
                    }
                    app.overlay = None;
                    let verb = if editing.is_some() {
                        "Saved changes to"
                    } else {
                        "Logged"
                    };
                    app.info(format!("{verb} the {} with {person}", input.outcome.label()));
                    app.reload();
                }
                Err(conflict @ Error::Conflict { .. }) if editing.is_some() => {
                    super::conflict::offer(app, &conflict);
                }
                Err(err) => app.error(err.to_string()),
            }
        }
        Effect::DeleteContact(key) => {
            let result = app.session.delete_contact(key);
            report(app, result.map(|()| "Contact deleted".into()));
        }
        Effect::MarkSubmitted { contact, person, .. } => {
            let result = app.session.mark_submitted(contact, today);
            report(
                app,
                result.map(|()| format!("Report submitted for {}", crate::domain::sanitize::line(&person))),
            );
        }
        Effect::EndAssignment { assignment, reason } => {
            let result = app.session.end_assignment(assignment, today, reason);
            report(
                app,
                result.map(|_| "Assignment ended; it stays in the person's history".into()),
            );
        }
        Effect::Assign {
            mentor,
            mentee,
            done,
            confirmed,
        } => {
            if !confirmed {
                match app.session.match_objection(mentor, mentee) {
                    Ok(broken) if !broken.is_empty() => {
                        app.overlay = Some(super::Overlay::Confirm {
                            question: format!(
                                "The program's rules exclude this pair: {}. Assign anyway? (y/n)",
                                broken.join("; ")
                            ),
                            action: super::Confirm::AssignAnyway { mentor, mentee, done },
                        });
                        return;
                    }
                    Ok(_) => {}
                    Err(err) => return app.error(err.to_string()),
                }
            }
            let result = app.session.assign(mentor, mentee, today, confirmed);
            report(app, result.map(|_| done));
        }
        Effect::SaveEvent {
            editing,
            event,
            draft,
        } => {
            let saved = match editing {
                Some(editing) => app.session.update_event(editing.key, editing.version, &event),
                None => app.session.add_event(&event).map(|_| ()),
            };
            match saved {
                Ok(()) => {
                    if let Some(drafts) = app.event_draft_file(&draft) {
                        drafts.clear();
                    }
                    app.overlay = None;
                    app.info(format!("Scheduled on {}", event.date.format("%a %b %-d")));
                    app.reload();
                }
                Err(conflict @ Error::Conflict { .. }) if editing.is_some() => {
                    super::conflict::offer(app, &conflict);
                }
                Err(err) => app.error(err.to_string()),
            }
        }
        Effect::CancelOccurrence(occurrence) => {
            let result = app.session.cancel_occurrence(&occurrence);
            report(
                app,
                result.map(|()| format!("Cancelled {} on {}", occurrence.title, occurrence.date)),
            );
        }
        Effect::SetAttendance {
            date,
            title,
            person,
            status,
        } => match app.session.set_attendance(date, &title, person, status) {
            Ok(()) => {
                if let Some(Overlay::Event(view)) = &mut app.overlay
                    && let Some(i) = view.attendance.iter().position(|(p, _)| p.key == person)
                {
                    view.attendance[i].1 = Some(status);
                    view.cursor = (i + 1).min(view.attendance.len() - 1);
                }
            }
            Err(err) => app.error(err.to_string()),
        },
        Effect::Remind {
            mentor,
            mentor_name,
            text,
        } => match app.session.remind(mentor, &text) {
            Ok(()) => app.info(format!(
                "Reminder sent to {mentor_name}: it shows on their next start"
            )),
            Err(err) => app.error(err.to_string()),
        },
        Effect::FileForm(filing) => file_form(app, &filing),
        Effect::ShareReflection {
            form,
            partner,
            values,
        } => match app.session.share_reflection(form, partner, &values) {
            Ok(_) => app.info("Shared with your partner"),
            Err(err) => app.error(err.to_string()),
        },
        Effect::MarkRemindersRead => {
            if let Err(err) = app.session.mark_reminders_read() {
                app.error(err.to_string());
            }
        }
        Effect::MarkChangesSeen(up_to) => {
            if let Err(err) = app.session.mark_changes_seen(up_to) {
                app.error(err.to_string());
            }
        }
        Effect::KeepContactDraft(draft) => keep_draft(app, app.contact_draft_file(&draft.id), &draft),
        Effect::ClearContactDraft(id) => clear_draft(app.contact_draft_file(&id)),
        Effect::KeepEventDraft(draft) => keep_draft(app, app.event_draft_file(&draft.id), &draft),
        Effect::ClearEventDraft(id) => clear_draft(app.event_draft_file(&id)),
        Effect::KeepFieldsDraft(draft) => keep_draft(app, app.fields_draft_file(&draft.id()), &draft),
        Effect::ClearFieldsDraft(id) => clear_draft(app.fields_draft_file(&id)),
        Effect::KeepFormDraft(draft) => keep_draft(app, app.form_draft_file(&draft.form), &draft),
        Effect::WriteLetter {
            letter,
            person,
            confirmed,
        } => {
            if letter == Letter::Certificate
                && !confirmed
                && let Some(key) = person
            {
                match app.session.match_still_active(key) {
                    Ok(true) => {
                        app.overlay = Some(super::Overlay::Confirm {
                            question: "This match is still active. Write the certificate of completion anyway? (y/n)"
                                .into(),
                            action: super::Confirm::CertificateAnyway { person: key },
                        });
                        return;
                    }
                    Ok(false) => {}
                    Err(err) => return app.error(err.to_string()),
                }
            }
            match write_letter(app, letter, person) {
                Ok(path) => app.info(format!("Wrote {} (and .txt)", path.display())),
                Err(err) => app.error(err.to_string()),
            }
        }
        Effect::SavePerson {
            editing,
            id,
            name,
            role,
            fields,
        } => {
            let saved = match editing {
                Some(editing) => app.session.edit_person(editing, &name, &fields),
                None => app.session.create_person(&id, &name, role, &fields).map(|_| ()),
            };
            let done = match editing {
                Some(_) => format!("Saved {name}"),
                None => format!("Added {name} as {role}"),
            };
            close_fields_or_offer(app, saved.map(|()| done));
        }
        Effect::SetActive { person, active } => {
            let result = app.session.set_person_active(person, active);
            report(
                app,
                result.map(|ended| match active {
                    true => "Reactivated".to_string(),
                    false => format!("Deactivated; {ended} open assignment(s) ended; their records stay"),
                }),
            );
        }
        Effect::ChangeRole { person, role } => {
            let result = app.session.change_role(person, role);
            report(
                app,
                result.map(|ended| format!("Now {role}; {ended} open assignment(s) ended")),
            );
        }
        Effect::SetSetting { key, json, from } => {
            let result = app.session.set_setting(key, &json, Some(&from));
            close_fields_or_offer(app, result.map(|()| format!("Setting {key} is now {json}")));
        }
        Effect::SetSkipMonths { event, months, from } => {
            let result = app.session.set_skip_months(event, &months, Some(&from));
            close_fields_or_offer(app, result.map(|()| "Skipped months saved".to_string()));
        }
    }
}

/// Writes a draft to its file; a failure says where on the message line.
fn keep_draft<T: serde::Serialize>(app: &mut App, file: Option<super::drafts::DraftFile>, draft: &T) {
    if let Some(file) = file
        && let Err(err) = file.save(draft)
    {
        app.error(format!("cannot keep a draft in {}: {err}", file.path().display()));
    }
}

fn clear_draft(file: Option<super::drafts::DraftFile>) {
    if let Some(file) = file {
        file.clear();
    }
}

/// After saving an open field form: as [`close_fields_or_keep`], but a newer version saved
/// meanwhile offers keeping theirs, overwriting or reviewing.
fn close_fields_or_offer(app: &mut App, result: Result<String>) {
    match result {
        Err(conflict @ Error::Conflict { .. }) => super::conflict::offer(app, &conflict),
        result => close_fields_or_keep(app, result),
    }
}

/// After saving an open field form: closes it and says what was done, or keeps it open, as
/// typed, with the reason it could not be saved.
fn close_fields_or_keep(app: &mut App, result: Result<String>) {
    match result {
        Ok(done) => {
            if let Some(Overlay::Fields(open)) = &app.overlay {
                let id = super::field_drafts::draft_id(&open.1);
                run_effect(app, Effect::ClearFieldsDraft(id));
            }
            app.overlay = None;
            app.info(done);
            app.reload();
        }
        Err(err) => match &mut app.overlay {
            Some(Overlay::Fields(open)) => open.0.error = Some(err.to_string()),
            _ => app.error(err.to_string()),
        },
    }
}

fn run_load(app: &mut App, load: Load) {
    match load {
        Load::Screen => app.reload(),
        Load::PersonHistory(key) => {
            let history = app.session.person_history(key);
            app.open_overlay(history.map(|h| Overlay::Text {
                title: " History ".into(),
                lines: super::people::history_lines(&h),
                top: 0,
            }));
        }
        Load::RoleQuestion { person, role } => {
            let question = app
                .session
                .person(person.key)
                .and_then(|p| p.ok_or_else(|| Error::Input("that person is no longer in the program".into())))
                .and_then(|p| app.session.role_change_consequences(&p, role));
            app.open_overlay(question.map(|question| Overlay::Confirm {
                question: format!("{question}. Go ahead?"),
                action: super::Confirm::ChangeRole { person, role },
            }));
        }
        Load::MoreContacts => contacts::load_more_if_needed(app),
        Load::OverdueWindow => program::load_overdue_window_if_needed(app),
        Load::SelectContact(key) => {
            app.reload();
            if let Some(i) = app.contacts.rows.iter().position(|r| r.contact.key == key) {
                app.contacts.cursor.selected = i;
            }
        }
        Load::ContactsMentorPicker => app.open_overlay(contacts::mentor_choice(app).map(Overlay::Choose)),
        Load::CalendarMentorPicker => app.open_overlay(calendar::mentor_choice(app).map(Overlay::Choose)),
        Load::AuditPicker { by } => app.open_overlay(program::audit_choice(app, by).map(Overlay::Choose)),
        Load::Person(key) => match caseload::person_detail(app, key, 0) {
            Ok(detail) => app.caseload.person = Some(detail),
            Err(err) => app.error(err.to_string()),
        },
        Load::PersonMatches => {
            if let Some(Overlay::ContactForm(form)) = &mut app.overlay
                && let Err(err) = form.refresh_matches(&app.session)
            {
                app.error(err.to_string());
            }
        }
        Load::ContactForm(pair) => {
            let form = ContactForm::new(&app.session, pair);
            app.open_overlay(form.map(|f| Overlay::ContactForm(Box::new(f))));
        }
        Load::EditContact(row) => {
            // An unsaved edit of this contact left from before is resumed, not replaced.
            let waiting = app
                .contact_draft_file(&format!("edit-{}", row.contact.key))
                .and_then(|d| d.load::<ContactDraft>());
            let form = match waiting {
                Some(draft) => {
                    app.info(format!("Resumed your unsaved edit from {}", draft.saved_at));
                    ContactForm::from_draft(&app.session, &draft)
                }
                None => ContactForm::edit(&app.session, &row.contact, &row.person_name),
            };
            app.open_overlay(form.map(|f| Overlay::ContactForm(Box::new(f))));
        }
        Load::AssignChoice(mentor) => {
            let choice = caseload::assign_choice(app, mentor);
            app.open_overlay(choice.map(Overlay::Choose));
        }
        Load::MentorRanking(mentee) => {
            let choice = program::ranking_choice(app, &mentee);
            app.open_overlay(choice.map(Overlay::Choose));
        }
        Load::Event(occurrence) => {
            let view = calendar::event_view(app, *occurrence);
            app.open_overlay(view.map(|v| Overlay::Event(Box::new(v))));
        }
        Load::NewEvent(date) => {
            let form = event_form::EventForm::new(&app.session, date);
            app.open_overlay(form.map(|f| Overlay::EventForm(Box::new(f))));
        }
        Load::EditEvent(key) => {
            // An unsaved edit of this event left from before is resumed, not replaced.
            if let Some(draft) = app
                .event_draft_file(&format!("edit-{key}"))
                .and_then(|d| d.load::<EventDraft>())
            {
                let form = event_form::EventForm::from_draft(&app.session, &draft);
                app.open_overlay(form.map(|f| Overlay::EventForm(Box::new(f))));
                app.info(format!("Resumed your unsaved edit from {}", draft.saved_at));
                return;
            }
            let form = app.session.event(key).and_then(|event| match event {
                Some((event, version)) => {
                    event_form::EventForm::edit(&app.session, Editing { key, version }, &event)
                }
                None => Err(Error::Input("that event was cancelled meanwhile".into())),
            });
            app.open_overlay(form.map(|f| Overlay::EventForm(Box::new(f))));
        }
        Load::AttendanceRecord => {
            let record = calendar::attendance_record(app);
            app.open_overlay(record);
        }
        Load::Filed => {
            if let Err(err) = forms::load_filed(app) {
                app.error(err.to_string());
            }
        }
        Load::Form(def) => {
            let fill = forms::form_to_fill(app, def);
            app.open_overlay(fill.map(|f| Overlay::Form(Box::new(f))));
        }
        Load::FiledForm(def, filed) => {
            let foreign = filed.author != app.session.me().key;
            let fill = FormFill::view(&app.session, def, filed.values, filed.key).map(|mut f| {
                f.foreign = foreign;
                f
            });
            app.open_overlay(fill.map(|f| Overlay::Form(Box::new(f))));
        }
        Load::ShareQuestion => {
            let Some(Overlay::Form(fill)) = &app.overlay else {
                return;
            };
            match forms::share_question(app, fill) {
                Ok(question) => app.overlay = Some(question),
                Err(err) => app.error(err.to_string()),
            }
        }
        Load::LetterRecipients(letter, role) => {
            let choice = forms::letter_recipients(app, letter, role);
            app.open_overlay(choice.map(Overlay::Choose));
        }
    }
}

fn file_form(app: &mut App, filing: &Filing) {
    let about = filing.about.as_ref().map(|c| c.person);
    let def = filing.def;
    let result = app
        .session
        .file_form(def, about, &filing.values, filing.supersedes);
    if let Err(err) = result {
        app.error(err.to_string());
        return;
    }
    app.overlay = None;
    if let Some(drafts) = app.form_draft_file(def.id) {
        drafts.clear();
    }
    if def.id == "engagement-monitoring"
        && let Some(pair) = &filing.about
        && let Err(err) = record_monitoring(app, pair, &filing.values)
    {
        return app.error(err.to_string());
    }
    let verb = if filing.supersedes.is_some() {
        "Amended"
    } else {
        "Filed"
    };
    app.info(format!("{verb} the {}", def.title));
    app.reload();
}

/// A monitoring form adds the week to the student's engagement records.
fn record_monitoring(app: &mut App, pair: &Candidate, values: &Values) -> Result<()> {
    let value = |key: &str| values.get(key).map(String::as_str).unwrap_or("");
    let count = |key: &str| value(key).parse::<u32>().ok();
    let engagement = crate::domain::risk::Engagement {
        absences: count("absences"),
        tardies: count("tardies"),
        skips: count("skips"),
        days_enrolled: count("days_enrolled"),
        referrals: count("referrals"),
        detentions: count("detentions"),
        in_school_suspensions: count("in_school_suspensions"),
        out_of_school_suspension_days: count("out_of_school_suspension_days"),
        ds: count("ds"),
        fs: count("fs"),
        credits_earned: count("credits_earned"),
        credits_possible: count("credits_possible"),
    };
    let week = crate::domain::dates::parse_date(value("week_of")).map_err(Error::Input)?;
    app.session
        .record_engagement(pair.person, crate::domain::YearMonth::of(week), &engagement)
}

/// Writes the letter as text and printable HTML into the letters directory.
fn write_letter(app: &App, letter: Letter, person: Option<i64>) -> Result<std::path::PathBuf> {
    let person = match person {
        Some(key) => app.session.person(key)?,
        None => None,
    };
    app.session.require_letter_about(person.as_ref())?;
    let doc = letters::compose(&app.session, letter, person.as_ref())?;
    let dir = app
        .letters_dir
        .clone()
        .ok_or_else(|| Error::Failed("no place to write letters".into()))?;
    let who = person.map(|p| format!("-{}", p.id)).unwrap_or_default();
    let who: String = who
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let base = dir.join(format!("{}{who}", letter.slug()));
    crate::privilege::write_own_file(&base.with_extension("txt"), letters::to_text(&doc).as_bytes())?;
    let html = base.with_extension("html");
    crate::privilege::write_own_file(&html, letters::to_html(&doc).as_bytes())?;
    Ok(html)
}
