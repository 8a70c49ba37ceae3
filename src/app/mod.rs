//! Application state and the event loop. A key goes through the key map (`keymap`) to an
//! `Action`; `update` applies it to the state and returns `Effect`s, which `effects` runs: the
//! only place that writes to the store or to files. Rendering lives in `ui/` and reads this
//! state without changing it.

pub mod action;
mod calendar;
mod caseload;
mod changes;
pub mod conflict;
pub mod contact_form;
mod contacts;
pub mod drafts;
pub mod effects;
pub mod event_form;
pub mod field_drafts;
pub mod first_run;
pub mod form;
pub mod form_fill;
mod forms;
pub mod keymap;
pub mod list;
pub mod paste;
pub mod people;
mod program;
#[cfg(test)]
mod query_plan_tests;
pub mod setting_fields;
pub mod update;

pub use calendar::{CalendarState, EventView, UPCOMING_DAYS};
pub use caseload::{CaseloadState, PersonDetail, mentor_label};
pub use contacts::ContactsState;
pub use forms::{FormsState, Pane, ReportItem};
pub use people::PeopleState;
pub use program::{ProgramState, ProgramView};

use crate::domain::permissions::{Permission, Relation};
use crate::error::Result;
use crate::service::Session;
use crate::theme::Theme;
use contact_form::ContactForm;
use crossterm::event::{KeyEvent, KeyEventKind};
use effects::Effect;
use form_fill::FormFill;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Caseload,
    Contacts,
    Calendar,
    Forms,
    Program,
    /// Coordinators: people and the program's settings.
    People,
}

impl Screen {
    pub const ALL: [Screen; 6] = [
        Screen::Caseload,
        Screen::Contacts,
        Screen::Calendar,
        Screen::Forms,
        Screen::Program,
        Screen::People,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Screen::Caseload => "Caseload",
            Screen::Contacts => "Contacts",
            Screen::Calendar => "Calendar",
            Screen::Forms => "Forms",
            Screen::Program => "Program",
            Screen::People => "People",
        }
    }

    /// Whether `session`'s user has this screen: the People screen only for those the
    /// permission table lets manage people.
    pub fn shown_to(self, session: &Session) -> bool {
        match self {
            Screen::People => session.may(Permission::ManagePeople, Relation::Program),
            _ => true,
        }
    }
}

/// What a list choice does once picked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChoiceAction {
    EndAssignment {
        assignment: crate::domain::records::Editing,
    },
    AssignTo {
        mentor: i64,
    },
    /// Assign the chosen mentor to this mentee.
    MatchMentee {
        mentee: i64,
    },
    /// Pick a letter, then (for most) whom it is for.
    Letter,
    LetterFor(crate::export::letters::Letter),
    /// Give this person the chosen role, once confirmed.
    RoleFor {
        person: crate::domain::records::Editing,
    },
    /// Change the chosen setting.
    EditSetting,
    /// Keep theirs, overwrite or review: a save refused because of a newer version.
    ResolveConflict,
    /// Reopen one of the drafts left from before.
    ResumeDraft,
    /// Show the contact log of one mentor (the value is the key), or everyone's (empty).
    ContactsMentor,
    /// Show the calendar of one of these mentors, or everyone's (empty).
    CalendarMentor(Vec<crate::domain::records::Person>),
    /// Show the audit log's changes by one of these people, or by anyone (empty).
    AuditBy(Vec<crate::domain::records::Person>),
    /// Show the audit log's changes about one of these people, or about anyone (empty).
    AuditAbout(Vec<crate::domain::records::Person>),
    /// Warn the mentor with this id on the chosen ground.
    WarnMentor(String),
    /// Ask the mentor with this id to leave on the chosen ground, once confirmed.
    RemoveMentor(String),
}

/// A pop-up list to pick from: (label, value) options, filtered as the user types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub title: String,
    pub options: Vec<(String, String)>,
    pub picker: list::Picker,
    pub action: ChoiceAction,
}

impl Choice {
    pub fn new(title: impl Into<String>, options: Vec<(String, String)>, action: ChoiceAction) -> Choice {
        Choice {
            title: title.into(),
            options,
            picker: list::Picker::default(),
            action,
        }
    }

    /// The indices of the options that match what was typed.
    pub fn matching(&self) -> Vec<usize> {
        self.picker
            .matching(self.options.iter().map(|(label, _)| label.as_str()))
    }

    /// The value of the selected option among the matches.
    pub fn selected_value(&self) -> Option<&str> {
        let matching = self.matching();
        let index = *matching.get(self.picker.cursor.selected)?;
        Some(self.options[index].1.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    DeleteContact(i64),
    CancelOccurrence(Box<crate::domain::agenda::Occurrence>),
    ShareReflection {
        form: &'static str,
        partner: i64,
        values: crate::domain::forms::Values,
    },
    SetActive {
        person: crate::domain::records::Editing,
        active: bool,
    },
    ChangeRole {
        person: crate::domain::records::Editing,
        role: crate::domain::types::Role,
    },
    /// Write a certificate of completion for a match that did not complete.
    CertificateAnyway {
        person: i64,
    },
    /// Ask a mentor to leave the program on a ground.
    RemoveMentor {
        id: String,
        ground: crate::domain::removal::Ground,
    },
    /// Assign a pair the program's rules exclude (eligibility, an applicant not accepted).
    AssignAnyway {
        mentor: i64,
        mentee: i64,
        done: String,
    },
}

pub enum Overlay {
    /// Every key of the current screen; `top` is the first line shown when it is taller than
    /// the terminal.
    Help {
        top: usize,
    },
    ContactForm(Box<ContactForm>),
    Confirm {
        question: String,
        action: Confirm,
    },
    Choose(Choice),
    Event(Box<EventView>),
    Form(Box<FormFill>),
    /// Read-only lines, scrolled by the list keys when they do not fit, closed by any other key.
    Text {
        title: String,
        lines: Vec<String>,
        /// The first line in view.
        top: usize,
    },
    EventForm(Box<event_form::EventForm>),
    /// A short form of fields, and what it saves.
    Fields(Box<(form::Form, people::FieldsFor)>),
}

pub struct App {
    pub session: Session,
    pub theme: Theme,
    pub screen: Screen,
    pub caseload: CaseloadState,
    pub contacts: ContactsState,
    pub calendar: CalendarState,
    pub forms: FormsState,
    pub program: ProgramState,
    pub people: PeopleState,
    pub overlay: Option<Overlay>,
    /// A one-line message under the screen: what just happened, or what went wrong.
    pub message: Option<(String, bool)>,
    /// The message shown last, kept after the next key clears the line, for `!` to show whole.
    pub last_message: Option<(String, bool)>,
    pub quit: bool,
    /// Ctrl-L was pressed: the event loop paints the whole screen again.
    pub repaint: bool,
    /// Where unsaved form input is kept; `None` keeps nothing (tests, mostly).
    pub drafts: Option<drafts::DraftFile>,
    /// Where unfiled forms are kept, one file per form beside this one.
    pub form_drafts: Option<drafts::DraftFile>,
    /// Where letters and certificates are written.
    pub letters_dir: Option<std::path::PathBuf>,
    /// A save refused because someone saved a newer version first, waiting for the user.
    pub conflict: Option<conflict::PendingConflict>,
    /// A draft picked from the list of drafts left from before is open: once it closes, the
    /// message line says how many are left.
    pub offering_drafts: bool,
    /// What others changed in the user's records, read on start, until it can be shown.
    waiting_changes: Option<changes::WaitingChanges>,
    data_version: i64,
    /// The selected record that the last reload no longer found, named for the message line.
    gone: Option<String>,
}

impl App {
    pub fn new(session: Session, theme: Theme) -> Result<App> {
        let today = session.today;
        let data_version = session.data_version()?;
        let mut app = App {
            caseload: CaseloadState::new(&session),
            contacts: ContactsState::default(),
            calendar: CalendarState::new(today),
            forms: FormsState::default(),
            program: ProgramState::new(today),
            people: PeopleState::default(),
            session,
            theme,
            screen: Screen::Caseload,
            overlay: None,
            message: None,
            last_message: None,
            quit: false,
            repaint: false,
            drafts: None,
            letters_dir: None,
            form_drafts: None,
            conflict: None,
            offering_drafts: false,
            waiting_changes: None,
            data_version,
            gone: None,
        };
        app.reload();
        Ok(app)
    }

    /// The screens this user has, in tab order: the tab bar, the number keys and Tab go
    /// through these.
    pub fn screens(&self) -> Vec<Screen> {
        Screen::ALL
            .into_iter()
            .filter(|s| s.shown_to(&self.session))
            .collect()
    }

    /// Loads the data of the current screen; a failure shows on the message line.
    pub fn reload(&mut self) {
        let result = match self.screen {
            Screen::Caseload => caseload::load(self),
            Screen::Contacts => contacts::load(self),
            Screen::Calendar => calendar::load(self),
            Screen::Forms => forms::load(self),
            Screen::Program => program::load(self),
            Screen::People => people::load(self),
        };
        if let Err(err) = result {
            self.error(err.to_string());
        }
    }

    /// Notes the selected record that a reload did not find again (`ListCursor::follow`).
    fn lost_selection(&mut self, gone: Option<String>) {
        if gone.is_some() {
            self.gone = gone;
        }
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some((text.into(), false));
        self.last_message = self.message.clone();
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some((text.into(), true));
        self.last_message = self.message.clone();
    }

    /// Reloads when another process committed since we last looked. Returns whether it did.
    pub fn refresh_if_changed(&mut self) -> bool {
        match self.session.data_version() {
            Ok(version) if version != self.data_version => {
                self.data_version = version;
                if let Err(err) = self.session.reload_program() {
                    self.error(err.to_string());
                }
                self.gone = None;
                self.reload();
                // Only a change made elsewhere needs saying: the user's own acts say what they did.
                if let Some(name) = self.gone.take() {
                    self.info(format!("{name} is no longer on this list"));
                }
                true
            }
            _ => false,
        }
    }

    /// Handles one key: the key map turns it into an action, `update` applies the action
    /// and the effects it returns run. Returns whether anything visible changed.
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        if key.kind == KeyEventKind::Release {
            return false;
        }
        let had_message = self.message.take().is_some();
        let Some(action) = keymap::action_for(self, key) else {
            return had_message;
        };
        let update::Update { changed, effects } = update::update(self, action);
        effects::run(self, effects);
        let offered = self.offering_drafts && self.overlay.is_none();
        if offered {
            self.drafts_left();
        }
        let shown = self.show_waiting_changes();
        changed || had_message || offered || shown
    }

    /// Text pasted into the terminal: whole into the focused text field, or ignored with a
    /// message where none has the focus. Returns whether anything visible changed.
    pub fn handle_paste(&mut self, text: &str) -> bool {
        self.message = None;
        let update::Update { effects, .. } = update::paste(self, text);
        effects::run(self, effects);
        true
    }

    /// Saves an open, changed form as a draft: the connection is going away.
    pub fn save_draft_now(&mut self) {
        if let Some(draft) = self.draft_of_open_form() {
            effects::run_effect(self, draft);
        }
    }

    /// The effect that keeps the open form as a draft, when it was changed.
    pub fn draft_of_open_form(&self) -> Option<Effect> {
        Some(match &self.overlay {
            Some(Overlay::Form(fill)) if fill.dirty => Effect::KeepFormDraft(Box::new(fill.to_draft())),
            Some(Overlay::ContactForm(form)) if form.dirty => {
                Effect::KeepContactDraft(Box::new(form.to_draft()))
            }
            Some(Overlay::EventForm(form)) if form.form.dirty => {
                Effect::KeepEventDraft(Box::new(form.to_draft()))
            }
            Some(Overlay::Fields(open)) if open.0.dirty => {
                Effect::KeepFieldsDraft(Box::new(field_drafts::to_draft(&self.session, &open.0, &open.1)))
            }
            _ => return None,
        })
    }

    /// The draft file of one contact form (see [`ContactForm::draft_id`]); the empty id names
    /// the single file older versions kept.
    pub fn contact_draft_file(&self, id: &str) -> Option<drafts::DraftFile> {
        self.drafts.as_ref().map(|d| match id {
            "" => d.clone(),
            id => d.sibling(&format!("contact-{id}")),
        })
    }

    /// The draft file of one event form (see [`event_form::EventForm::draft_id`]).
    pub fn event_draft_file(&self, id: &str) -> Option<drafts::DraftFile> {
        self.drafts.as_ref().map(|d| d.sibling(&format!("event-{id}")))
    }

    /// Every event draft left from before.
    pub fn event_drafts_kept(&self) -> Vec<drafts::EventDraft> {
        let Some(base) = &self.drafts else {
            return Vec::new();
        };
        let mut kept: Vec<drafts::EventDraft> = base
            .siblings("event-")
            .into_iter()
            .filter_map(|(_, file)| file.load())
            .collect();
        kept.sort_by(|a, b| b.saved_at.cmp(&a.saved_at));
        kept
    }

    /// The draft file of one field form (see [`field_drafts::FieldsDraft::id`]).
    pub fn fields_draft_file(&self, id: &str) -> Option<drafts::DraftFile> {
        self.drafts.as_ref().map(|d| d.sibling(&format!("fields-{id}")))
    }

    /// Every field form draft (a person, a setting) left from before.
    pub fn fields_drafts_kept(&self) -> Vec<(String, field_drafts::FieldsDraft)> {
        let Some(base) = &self.drafts else {
            return Vec::new();
        };
        let mut kept: Vec<(String, field_drafts::FieldsDraft)> = base
            .siblings("fields-")
            .into_iter()
            .filter_map(|(_, file)| file.load::<field_drafts::FieldsDraft>())
            .map(|draft| (draft.id(), draft))
            .collect();
        kept.sort_by(|a, b| b.1.saved_at.cmp(&a.1.saved_at));
        kept
    }

    /// The draft file of one form of the catalog.
    pub fn form_draft_file(&self, form: &str) -> Option<drafts::DraftFile> {
        self.form_drafts
            .as_ref()
            .map(|d| d.sibling(&format!("form-{form}")))
    }

    /// Every form left unfiled, newest first.
    pub fn form_drafts_kept(&self) -> Vec<form_fill::FormDraft> {
        let mut kept: Vec<form_fill::FormDraft> = crate::domain::forms::FORMS
            .iter()
            .filter_map(|f| self.form_draft_file(f.id).and_then(|d| d.load()))
            .collect();
        kept.sort_by(|a, b| b.saved_at.cmp(&a.saved_at));
        kept
    }

    /// Shows the reminders coordinators sent since the last start, once.
    pub fn show_inbox(&mut self) {
        let me = self.session.me().key;
        let reminders = match self.session.unread_reminders(Some(me)) {
            Ok(r) if !r.is_empty() => r,
            Ok(_) => return,
            Err(err) => return self.error(err.to_string()),
        };
        let lines = reminders
            .iter()
            .map(|r| {
                format!(
                    "{} · from {}: {}",
                    crate::domain::dates::day_of_stamp(&r.created_at),
                    r.sender,
                    r.text
                )
            })
            .collect();
        if self.overlay.is_none() {
            self.overlay = Some(Overlay::Text {
                title: format!(" {} reminder(s) ", reminders.len()),
                lines,
                top: 0,
            });
        } else {
            self.info(format!("{} reminder(s) waiting: see the digest", reminders.len()));
            return;
        }
        effects::run_effect(self, Effect::MarkRemindersRead);
    }

    /// Every contact draft left from before: new contacts and edits, each its own file.
    pub fn contact_drafts_kept(&self) -> Vec<drafts::ContactDraft> {
        let Some(base) = &self.drafts else {
            return Vec::new();
        };
        let mut kept: Vec<drafts::ContactDraft> = base
            .siblings("contact")
            .into_iter()
            .filter_map(|(kind, file)| {
                let mut draft: drafts::ContactDraft = file.load()?;
                // The file name is the draft's id; older drafts did not keep one.
                draft.id = kind.strip_prefix("contact-").unwrap_or("").to_string();
                Some(draft)
            })
            .collect();
        kept.sort_by(|a, b| b.saved_at.cmp(&a.saved_at));
        kept
    }

    /// A draft resumed from the list was saved or discarded: the screen comes back, and the
    /// message line says how many drafts are left, which `D` lists. None opens by itself, so
    /// that keys meant for the screen never land in a form.
    fn drafts_left(&mut self) {
        self.offering_drafts = false;
        let left = self.form_drafts_kept().len()
            + self.contact_drafts_kept().len()
            + self.event_drafts_kept().len()
            + self.fields_drafts_kept().len();
        let more = match left {
            0 => return,
            1 => "1 more unsaved draft: D resumes it".to_string(),
            n => format!("{n} more unsaved drafts: D lists them"),
        };
        let text = match self.message.take() {
            Some((said, false)) => format!("{more} · {said}"),
            Some((said, true)) => return self.error(said),
            None => more,
        };
        self.info(text);
    }

    /// Offers every draft left from before: one reopens at once, several are listed. Once a
    /// draft picked from the list is saved or discarded, the message line says how many are
    /// left ([`App::drafts_left`]), until the user asks for them again (`D`).
    pub fn recover_draft(&mut self) {
        let forms = self.form_drafts_kept();
        let contacts = self.contact_drafts_kept();
        let events = self.event_drafts_kept();
        let fields = self.fields_drafts_kept();
        self.offering_drafts = forms.len() + contacts.len() + events.len() + fields.len() > 1;
        if !self.offering_drafts {
            if let Some(draft) = forms.first() {
                self.resume_form_draft(draft);
            } else if let Some(draft) = contacts.first() {
                self.resume_contact_draft(draft);
            } else if let Some(draft) = events.first() {
                self.resume_event_draft(draft);
            } else if let Some((_, draft)) = fields.first() {
                self.resume_fields_draft(draft);
            }
            return;
        }
        let mut options: Vec<(String, String)> = Vec::new();
        for draft in &contacts {
            let person = draft
                .person
                .and_then(|p| self.session.person(p).ok().flatten())
                .map_or_else(|| "someone not yet picked".to_string(), |p| p.name);
            let what = match draft.editing {
                Some(key) => format!("Your edit of contact #{key} with {person}"),
                None => format!("A new contact with {person}"),
            };
            options.push((
                crate::domain::sanitize::line(&format!("{what} · {}", draft.saved_at)).into_owned(),
                format!("contact:{}", draft.id),
            ));
        }
        for draft in &events {
            let what = match draft.editing {
                Some(key) => format!("Your edit of event #{key}"),
                None => format!("A new {}", draft.kind),
            };
            let title = if draft.title.is_empty() { "" } else { " " };
            options.push((
                crate::domain::sanitize::line(&format!(
                    "{what}{title}{} on {} · {}",
                    draft.title, draft.date, draft.saved_at
                ))
                .into_owned(),
                format!("event:{}", draft.id),
            ));
        }
        for draft in &forms {
            let title = crate::domain::forms::find(&draft.form).map_or(draft.form.as_str(), |f| f.title);
            options.push((
                format!("The {title} form you were filling · {}", draft.saved_at),
                format!("form:{}", draft.form),
            ));
        }
        for (id, draft) in &fields {
            options.push((
                crate::domain::sanitize::line(&format!("{} · {}", draft.title, draft.saved_at)).into_owned(),
                format!("fields:{id}"),
            ));
        }
        self.overlay = Some(Overlay::Choose(Choice {
            title: format!(" {} unsaved drafts: Enter resumes one, Esc later ", options.len()),
            options,
            picker: Default::default(),
            action: ChoiceAction::ResumeDraft,
        }));
    }

    /// Reopens the draft a pick in the list of drafts names (`contact:<id>` or `form:<form>`).
    pub fn resume_draft(&mut self, value: &str) {
        if let Some(id) = value.strip_prefix("contact:") {
            if let Some(draft) = self.contact_drafts_kept().into_iter().find(|d| d.id == id) {
                self.resume_contact_draft(&draft);
            }
        } else if let Some(id) = value.strip_prefix("event:") {
            if let Some(draft) = self.event_drafts_kept().into_iter().find(|d| d.id == id) {
                self.resume_event_draft(&draft);
            }
        } else if let Some(id) = value.strip_prefix("fields:") {
            if let Some((_, draft)) = self.fields_drafts_kept().into_iter().find(|(d, _)| d == id) {
                self.resume_fields_draft(&draft);
            }
        } else if let Some(form) = value.strip_prefix("form:")
            && let Some(draft) = self.form_draft_file(form).and_then(|d| d.load())
        {
            self.resume_form_draft(&draft);
        }
    }

    fn resume_form_draft(&mut self, draft: &form_fill::FormDraft) {
        match FormFill::from_draft(&self.session, draft) {
            Ok(Some(fill)) => {
                self.overlay = Some(Overlay::Form(Box::new(fill)));
                self.info(format!("Resumed the form you were filling at {}", draft.saved_at));
            }
            Ok(None) => {}
            Err(err) => self.error(format!("could not reopen your unfinished form: {err}")),
        }
    }

    fn resume_fields_draft(&mut self, draft: &field_drafts::FieldsDraft) {
        match field_drafts::from_draft(self, draft) {
            Ok(open) => {
                self.overlay = Some(Overlay::Fields(Box::new(open)));
                self.info(format!("Recovered what you were typing at {}", draft.saved_at));
            }
            Err(err) => self.error(format!("could not reopen your unsaved {}: {err}", draft.title)),
        }
    }

    fn resume_event_draft(&mut self, draft: &drafts::EventDraft) {
        match event_form::EventForm::from_draft(&self.session, draft) {
            Ok(form) => {
                self.overlay = Some(Overlay::EventForm(Box::new(form)));
                self.info(format!(
                    "Recovered the event you were writing at {}",
                    draft.saved_at
                ));
            }
            Err(err) => self.error(format!("could not reopen your unsaved event: {err}")),
        }
    }

    fn resume_contact_draft(&mut self, draft: &drafts::ContactDraft) {
        match ContactForm::from_draft(&self.session, draft) {
            Ok(form) => {
                self.overlay = Some(Overlay::ContactForm(Box::new(form)));
                self.info(format!(
                    "Recovered the contact you were writing at {}",
                    draft.saved_at
                ));
            }
            Err(err) => self.error(format!("could not reopen your unsaved contact: {err}")),
        }
    }

    /// Opens a pop-up, or shows why it could not open.
    pub fn open_overlay(&mut self, overlay: Result<Overlay>) {
        match overlay {
            Ok(overlay) => self.overlay = Some(overlay),
            Err(err) => self.error(err.to_string()),
        }
    }
}
