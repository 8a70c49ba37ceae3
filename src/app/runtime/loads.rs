//! Runs the reads that load a screen or open a pop-up: what `update` asks for (a [`Load`])
//! before it can show it.

use super::App;
use crate::app::contact_form::ContactForm;
use crate::app::drafts::{ContactDraft, EventDraft};
use crate::app::effects::Load;
use crate::app::form_fill::FormFill;
use crate::app::{Overlay, calendar, caseload, contacts, event_form, forms, people, program};
use crate::domain::records::Editing;
use crate::error::Error;

pub(super) fn run_load(app: &mut App, load: Load) {
    match load {
        Load::Screen => app.reload(),
        Load::Program => {
            if let Err(err) = app.session.reload_program() {
                app.error(err.to_string());
            }
            app.reload();
        }
        Load::Overwrite => super::conflict::overwrite(app),
        Load::ConflictReview => super::conflict::review(app),
        Load::SyncReview(gid) => super::conflict::review_sync(app, &gid),
        Load::ResumeDraft(value) => app.resume_draft(&value),
        Load::RemovalQuestion { id, ground } => {
            let question = program::removal_question(app, &id, ground);
            app.overlay = Some(question);
        }
        Load::ExtendForm { assignment, mentee } => {
            let form = caseload::extend_form(&app.session, &assignment, &mentee).map(|form| {
                let purpose = crate::app::people::FieldsFor::Extend {
                    assignment: assignment.key,
                };
                Overlay::Fields(Box::new((form, purpose)))
            });
            app.open_overlay(form);
        }
        Load::LedgerForm => {
            let form = program::ledger_form(&app.session)
                .map(|form| Overlay::Fields(Box::new((form, crate::app::people::FieldsFor::LedgerEntry))));
            app.open_overlay(form);
        }
        Load::PersonHistory(key) => {
            let history = app.session.person_history(key);
            app.open_overlay(history.map(|h| Overlay::Text {
                title: " History ".into(),
                lines: crate::app::people::history_lines(&h),
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
                action: crate::app::Confirm::ChangeRole { person, role },
            }));
        }
        Load::MoreContacts => contacts::load_more_if_needed(app),
        Load::OverdueWindow => program::load_overdue_window_if_needed(app),
        Load::PeopleWindow => people::load_window_if_needed(app),
        Load::SelectContact(key) => {
            app.reload();
            if let Some(i) = app.contacts.rows.iter().position(|r| r.contact.key == key) {
                app.contacts.cursor.selected = i;
            }
        }
        Load::ContactsMentorPicker => {
            let choice = contacts::mentor_choice(app);
            app.open_overlay(choice.map(Overlay::Choose));
        }
        Load::CalendarMentorPicker => {
            let choice = calendar::mentor_choice(app);
            app.open_overlay(choice.map(Overlay::Choose));
        }
        Load::AuditPicker { by } => {
            let choice = program::audit_choice(app, by);
            app.open_overlay(choice.map(Overlay::Choose));
        }
        Load::Person(key) => match caseload::person_detail(app, key, 0) {
            Ok(detail) => app.caseload.person = Some(detail),
            Err(err) => app.error(err.to_string()),
        },
        Load::PersonMatches => {
            let (state, session) = app.split();
            if let Some(Overlay::ContactForm(form)) = &mut state.overlay
                && let Err(err) = form.refresh_matches(session)
            {
                state.error(err.to_string());
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
        Load::DailyLine(student) => {
            let fill = daily_line(app, student);
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
        Load::Drafts => app.recover_draft(),
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

fn daily_line(app: &App, student: i64) -> crate::error::Result<FormFill> {
    let def = crate::domain::forms::find(crate::service::engagement::DAILY_FORM)
        .ok_or_else(|| Error::Failed("the daily line form is missing".into()))?;
    let person = app
        .session
        .person(student)?
        .ok_or_else(|| Error::Input("that student is no longer in the program".into()))?;
    let given = [
        ("student".to_string(), person.id),
        ("day".to_string(), app.session.today.to_string()),
    ];
    FormFill::prefilled(&app.session, def, given.into_iter().collect())
}
