//! The one place where the app acts on the world: every write to the store and to draft and
//! letter files, and the reads that load a screen or open a pop-up. `update` decides; the
//! effects it returns run here, in order, right after it.

use super::contact_form::{Candidate, ContactForm};
use super::drafts::ContactDraft;
use super::form_fill::{FormDraft, FormFill};
use super::{App, Overlay, calendar, caseload, contacts, event_form, forms, program};
use crate::domain::agenda::Occurrence;
use crate::domain::agenda::{Attendance, NewEvent};
use crate::domain::forms::Submission;
use crate::domain::forms::{FormDef, Values};
use crate::domain::records::ContactRow;
use crate::domain::records::{ContactInput, Person};
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
    /// The next mentor in the contact log's mentor filter.
    NextContactsMentor,
    /// The next mentor in the calendar's mentor filter.
    NextCalendarMentor,
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
        editing: Option<i64>,
        input: Box<ContactInput>,
        person: String,
    },
    DeleteContact(i64),
    MarkSubmitted {
        contact: i64,
        mentor: i64,
        person: String,
    },
    EndAssignment {
        assignment: i64,
        reason: EndReason,
    },
    /// Assigns a mentee to a mentor, then says `done`.
    Assign {
        mentor: i64,
        mentee: i64,
        done: String,
    },
    /// Saves the open event form's event; the form closes once it is saved.
    SaveEvent {
        editing: Option<i64>,
        event: Box<NewEvent>,
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
    KeepContactDraft(Box<ContactDraft>),
    ClearContactDraft,
    KeepFormDraft(Box<FormDraft>),
    WriteLetter {
        letter: Letter,
        person: Option<i64>,
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
        } => {
            let saved = match editing {
                Some(key) => app.session.update_contact(key, &input),
                None => app.session.log_contact(&input).map(|_| ()),
            };
            match saved {
                Ok(()) => {
                    if let Some(drafts) = &app.drafts {
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
        Effect::Assign { mentor, mentee, done } => {
            let result = app.session.assign(mentor, mentee, today);
            report(app, result.map(|_| done));
        }
        Effect::SaveEvent { editing, event } => {
            let saved = match editing {
                Some(key) => app.session.update_event(key, &event),
                None => app.session.add_event(&event).map(|_| ()),
            };
            match saved {
                Ok(()) => {
                    app.overlay = None;
                    app.info(format!("Scheduled on {}", event.date.format("%a %b %-d")));
                    app.reload();
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
        Effect::KeepContactDraft(draft) => {
            if let Some(drafts) = &app.drafts
                && let Err(err) = drafts.save(&draft)
            {
                let path = drafts.path().display().to_string();
                app.error(format!("cannot keep a draft in {path}: {err}"));
            }
        }
        Effect::ClearContactDraft => {
            if let Some(drafts) = &app.drafts {
                drafts.clear();
            }
        }
        Effect::KeepFormDraft(draft) => {
            if let Some(drafts) = app.form_draft_file(&draft.form)
                && let Err(err) = drafts.save(&draft)
            {
                app.error(format!(
                    "cannot keep a draft in {}: {err}",
                    drafts.path().display()
                ));
            }
        }
        Effect::WriteLetter { letter, person } => match write_letter(app, letter, person) {
            Ok(path) => app.info(format!("Wrote {} (and .txt)", path.display())),
            Err(err) => app.error(err.to_string()),
        },
    }
}

fn run_load(app: &mut App, load: Load) {
    match load {
        Load::Screen => app.reload(),
        Load::MoreContacts => contacts::load_more_if_needed(app),
        Load::OverdueWindow => program::load_overdue_window_if_needed(app),
        Load::SelectContact(key) => {
            app.reload();
            if let Some(i) = app.contacts.rows.iter().position(|r| r.contact.key == key) {
                app.contacts.cursor.selected = i;
            }
        }
        Load::NextContactsMentor => match contacts::next_mentor(app) {
            Ok(mentor) => {
                app.contacts.filter.mentor = mentor;
                app.contacts.cursor = Default::default();
                app.reload();
            }
            Err(err) => app.error(err.to_string()),
        },
        Load::NextCalendarMentor => match calendar::next_mentor(app) {
            Ok(mentor) => {
                app.calendar.mentor = mentor;
                app.reload();
            }
            Err(err) => app.error(err.to_string()),
        },
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
            let form = ContactForm::edit(&app.session, &row.contact, &row.person_name);
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
            let form = app.session.event(key).and_then(|event| match event {
                Some(event) => event_form::EventForm::edit(&app.session, key, &event),
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
            let foreign = filed.author != app.session.me.key;
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
    let value = |key: &str| filing.values.get(key).map(String::as_str).unwrap_or("");
    if def.id == "library-goals"
        && let (Some(pair), Ok(shared_on)) = (
            &filing.about,
            crate::domain::dates::parse_date(value("shared_on")),
        )
        && let Err(err) = share_goals(app, pair, &filing.values, shared_on)
    {
        return app.error(err.to_string());
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

/// Library goals shared with the coordinator clear the pair's 30-day goals deadline.
fn share_goals(app: &mut App, pair: &Candidate, values: &Values, shared_on: NaiveDate) -> Result<()> {
    let value = |key: &str| values.get(key).map(String::as_str).unwrap_or("");
    app.session.share_goals(
        pair.mentor,
        pair.person,
        value("short_term"),
        value("long_term"),
        shared_on,
    )
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
