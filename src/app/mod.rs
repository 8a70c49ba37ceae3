//! Application state, key handling and the event loop. Rendering lives in `ui/` and reads
//! this state without changing it.

mod calendar;
mod caseload;
pub mod contact_form;
mod contacts;
pub mod drafts;
pub mod event_form;
pub mod form_fill;
mod forms;
pub mod frame_writer;
pub mod keys;
pub mod list;
mod program;
mod terminal;

pub use calendar::{CalendarState, EventView, UPCOMING_DAYS};
pub use caseload::{CaseloadState, PersonDetail};
pub use contacts::ContactsState;
pub use forms::{FormsState, Pane, ReportItem};
pub use program::{ProgramState, ProgramView};
pub use terminal::{Term, in_terminal, run_tui};

use crate::error::Result;
use crate::session::Session;
use crate::ui::theme::Theme;
use contact_form::{ContactForm, FormStep};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use form_fill::FormFill;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Caseload,
    Contacts,
    Calendar,
    Forms,
    Program,
}

impl Screen {
    pub const ALL: [Screen; 5] = [
        Screen::Caseload,
        Screen::Contacts,
        Screen::Calendar,
        Screen::Forms,
        Screen::Program,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Screen::Caseload => "Caseload",
            Screen::Contacts => "Contacts",
            Screen::Calendar => "Calendar",
            Screen::Forms => "Forms",
            Screen::Program => "Program",
        }
    }

    fn index(self) -> usize {
        Screen::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

/// What a list choice does once picked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChoiceAction {
    EndAssignment {
        assignment: i64,
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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub title: String,
    pub options: Vec<(String, String)>,
    pub cursor: usize,
    pub action: ChoiceAction,
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
}

pub enum Overlay {
    Help,
    ContactForm(Box<ContactForm>),
    Confirm {
        question: String,
        action: Confirm,
    },
    Choose(Choice),
    Event(Box<EventView>),
    Form(Box<FormFill>),
    /// Read-only lines, closed by any key.
    Text {
        title: String,
        lines: Vec<String>,
    },
    EventForm(Box<event_form::EventForm>),
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
    pub overlay: Option<Overlay>,
    /// A one-line message under the screen: what just happened, or what went wrong.
    pub message: Option<(String, bool)>,
    pub quit: bool,
    /// Where unsaved form input is kept; `None` keeps nothing (tests, mostly).
    pub drafts: Option<drafts::DraftFile>,
    /// Where unfiled forms are kept, one file per form beside this one.
    pub form_drafts: Option<drafts::DraftFile>,
    /// Where letters and certificates are written.
    pub letters_dir: Option<std::path::PathBuf>,
    data_version: i64,
}

impl App {
    pub fn new(session: Session, theme: Theme) -> Result<App> {
        let today = session.today;
        let data_version = session.store.data_version()?;
        let mut app = App {
            caseload: CaseloadState::new(&session),
            contacts: ContactsState::default(),
            calendar: CalendarState::new(today),
            forms: FormsState::default(),
            program: ProgramState::new(today),
            session,
            theme,
            screen: Screen::Caseload,
            overlay: None,
            message: None,
            quit: false,
            drafts: None,
            letters_dir: None,
            form_drafts: None,
            data_version,
        };
        app.reload();
        Ok(app)
    }

    /// Loads the data of the current screen; a failure shows on the message line.
    pub fn reload(&mut self) {
        let result = match self.screen {
            Screen::Caseload => caseload::load(self),
            Screen::Contacts => contacts::load(self),
            Screen::Calendar => calendar::load(self),
            Screen::Forms => forms::load(self),
            Screen::Program => program::load(self),
        };
        if let Err(err) = result {
            self.error(err.to_string());
        }
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some((text.into(), false));
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some((text.into(), true));
    }

    /// Reloads when another process committed since we last looked. Returns whether it did.
    pub fn refresh_if_changed(&mut self) -> bool {
        match self.session.store.data_version() {
            Ok(version) if version != self.data_version => {
                self.data_version = version;
                self.reload();
                true
            }
            _ => false,
        }
    }

    /// Our own writes do not change `data_version`; reload after them explicitly.
    pub fn after_write(&mut self) {
        self.reload();
    }

    pub fn switch_to(&mut self, screen: Screen) -> bool {
        if self.screen == screen {
            return false;
        }
        self.screen = screen;
        self.reload();
        true
    }

    /// Handles one key. Returns whether anything visible changed.
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        if key.kind == KeyEventKind::Release {
            return false;
        }
        let had_message = self.message.take().is_some();
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            self.quit = true;
            return true;
        }
        let changed = match self.overlay.take() {
            Some(overlay) => self.overlay_key(overlay, key),
            None => self.screen_key(key),
        };
        changed || had_message
    }

    fn screen_key(&mut self, key: KeyEvent) -> bool {
        if self.screen == Screen::Contacts && self.contacts.typing_filter {
            return contacts::filter_key(self, key);
        }
        match key.code {
            KeyCode::Char('q') => {
                self.quit = true;
                true
            }
            KeyCode::Char('?') => {
                self.overlay = Some(Overlay::Help);
                true
            }
            KeyCode::Char(c @ '1'..='5') => self.switch_to(Screen::ALL[c as usize - '1' as usize]),
            KeyCode::Tab => self.switch_to(Screen::ALL[(self.screen.index() + 1) % 5]),
            KeyCode::BackTab => self.switch_to(Screen::ALL[(self.screen.index() + 4) % 5]),
            _ => match self.screen {
                Screen::Caseload => caseload::key(self, key),
                Screen::Contacts => contacts::key(self, key),
                Screen::Calendar => calendar::key(self, key),
                Screen::Forms => forms::key(self, key),
                Screen::Program => program::key(self, key),
            },
        }
    }

    fn overlay_key(&mut self, overlay: Overlay, key: KeyEvent) -> bool {
        match overlay {
            Overlay::Help | Overlay::Text { .. } => true,
            Overlay::Confirm { question, action } => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => {
                    self.confirmed(action);
                    true
                }
                KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => true,
                _ => {
                    self.overlay = Some(Overlay::Confirm { question, action });
                    false
                }
            },
            Overlay::Choose(mut choice) => match key.code {
                KeyCode::Esc => true,
                KeyCode::Enter => {
                    self.chosen(&choice);
                    true
                }
                KeyCode::Down | KeyCode::Char('j') => {
                    choice.cursor = (choice.cursor + 1).min(choice.options.len().saturating_sub(1));
                    self.overlay = Some(Overlay::Choose(choice));
                    true
                }
                KeyCode::Up | KeyCode::Char('k') => {
                    choice.cursor = choice.cursor.saturating_sub(1);
                    self.overlay = Some(Overlay::Choose(choice));
                    true
                }
                _ => {
                    self.overlay = Some(Overlay::Choose(choice));
                    false
                }
            },
            Overlay::Event(view) => calendar::event_key(self, view, key),
            Overlay::Form(fill) => forms::fill_key(self, fill, key),
            Overlay::EventForm(mut form) => match form.key(key) {
                event_form::EventStep::Continue(changed) => {
                    self.overlay = Some(Overlay::EventForm(form));
                    changed
                }
                event_form::EventStep::Cancel => true,
                event_form::EventStep::Save(event) => {
                    let actor = self.session.actor();
                    let allowed = match event.kind {
                        crate::domain::agenda::EventKind::Meeting => {
                            self.session.require_mentor_access(event.organizer.unwrap_or(-1))
                        }
                        _ => self.session.require_coordinator("add program events"),
                    };
                    let saved = allowed.and_then(|_| match form.editing {
                        Some(key) => self.session.store.update_event(key, &event, &actor).map(|_| key),
                        None => self.session.store.add_event(&event, &actor),
                    });
                    match saved {
                        Ok(_) => {
                            self.info(format!("Scheduled on {}", event.date.format("%a %b %-d")));
                            self.after_write();
                        }
                        Err(err) => {
                            self.error(err.to_string());
                            self.overlay = Some(Overlay::EventForm(form));
                        }
                    }
                    true
                }
            },
            Overlay::ContactForm(mut form) => match form.key(key, self.session.today) {
                FormStep::Continue(changed) => {
                    if changed && form.dirty {
                        self.keep_draft(&form);
                    }
                    self.overlay = Some(Overlay::ContactForm(form));
                    changed
                }
                FormStep::Cancel => {
                    if let Some(drafts) = &self.drafts {
                        drafts.clear();
                    }
                    true
                }
                FormStep::Save(input) => {
                    self.save_contact(form, input);
                    true
                }
            },
        }
    }

    fn save_contact(&mut self, form: Box<ContactForm>, input: crate::domain::records::ContactInput) {
        let actor = self.session.actor();
        if let Err(err) = self.session.require_mentor_access(input.mentor) {
            self.error(err.to_string());
            self.overlay = Some(Overlay::ContactForm(form));
            return;
        }
        let result = match form.editing {
            Some(key) => self
                .session
                .store
                .update_contact(key, &input, &actor)
                .map(|_| key),
            None => self.session.store.add_contact(&input, &actor),
        };
        match result {
            Ok(_) => {
                if let Some(drafts) = &self.drafts {
                    drafts.clear();
                }
                let verb = if form.editing.is_some() {
                    "Saved changes to"
                } else {
                    "Logged"
                };
                self.info(format!(
                    "{verb} the {} with {}",
                    input.outcome.label(),
                    form.person_label()
                ));
                self.after_write();
            }
            Err(err) => {
                self.error(err.to_string());
                self.overlay = Some(Overlay::ContactForm(form));
            }
        }
    }

    fn confirmed(&mut self, action: Confirm) {
        let actor = self.session.actor();
        match action {
            Confirm::DeleteContact(key) => match self.session.store.delete_contact(key, &actor) {
                Ok(()) => {
                    self.info("Contact deleted");
                    self.after_write();
                }
                Err(err) => self.error(err.to_string()),
            },
            Confirm::ShareReflection {
                form,
                partner,
                values,
            } => {
                let me = self.session.me.key;
                match self.session.store.share_reflection(form, me, partner, &values) {
                    Ok(_) => self.info("Shared with your partner"),
                    Err(err) => self.error(err.to_string()),
                }
            }
            Confirm::CancelOccurrence(occurrence) => {
                match self.session.store.cancel_occurrence(&occurrence, &actor) {
                    Ok(()) => {
                        self.info(format!("Cancelled {} on {}", occurrence.title, occurrence.date));
                        self.after_write();
                    }
                    Err(err) => self.error(err.to_string()),
                }
            }
        }
    }

    fn chosen(&mut self, choice: &Choice) {
        let Some((_, value)) = choice.options.get(choice.cursor) else {
            return;
        };
        match &choice.action {
            ChoiceAction::Letter => return forms::letter_chosen(self, value),
            ChoiceAction::LetterFor(letter) => return forms::write_letter(self, *letter, value.parse().ok()),
            _ => {}
        }
        let actor = self.session.actor();
        let today = self.session.today;
        let result = match &choice.action {
            ChoiceAction::EndAssignment { assignment } => value
                .parse()
                .map_err(crate::error::Error::Input)
                .and_then(|reason| {
                    self.session
                        .store
                        .end_assignment(*assignment, today, reason, &actor)
                })
                .map(|_| "Assignment ended; it stays in the person's history".to_string()),
            ChoiceAction::AssignTo { mentor } => value
                .parse::<i64>()
                .map_err(|e| crate::error::Error::Input(e.to_string()))
                .and_then(|mentee| self.session.store.assign(*mentor, mentee, today, &actor))
                .map(|_| "Assigned".to_string()),
            ChoiceAction::MatchMentee { mentee } => value
                .parse::<i64>()
                .map_err(|e| crate::error::Error::Input(e.to_string()))
                .and_then(|mentor| self.session.store.assign(mentor, *mentee, today, &actor))
                .map(|_| format!("Matched on {today}: the match deadlines start today")),
            ChoiceAction::Letter | ChoiceAction::LetterFor(_) => return,
        };
        match result {
            Ok(text) => {
                self.info(text);
                self.after_write();
            }
            Err(err) => self.error(err.to_string()),
        }
    }

    fn keep_draft(&mut self, form: &ContactForm) {
        if let Some(drafts) = &self.drafts
            && let Err(err) = drafts.save(&form.to_draft())
        {
            self.error(format!(
                "cannot keep a draft in {}: {err}",
                drafts.path().display()
            ));
        }
    }

    /// Saves an open, changed form as a draft: the connection is going away.
    pub fn save_draft_now(&mut self) {
        if let Some(Overlay::Form(fill)) = &self.overlay
            && fill.dirty
            && let Some(drafts) = self.form_draft_file(fill.def.id)
        {
            let _ = drafts.save(&fill.to_draft());
        }
        if let Some(Overlay::ContactForm(form)) = self.overlay.take() {
            if form.dirty {
                self.keep_draft(&form);
            }
            self.overlay = Some(Overlay::ContactForm(form));
        }
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
        let me = self.session.me.key;
        let reminders = match self.session.store.unread_reminders(Some(me)) {
            Ok(r) if !r.is_empty() => r,
            Ok(_) => return,
            Err(err) => return self.error(err.to_string()),
        };
        let lines = reminders
            .iter()
            .map(|r| format!("{} · from {}: {}", &r.created_at[..10], r.sender, r.text))
            .collect();
        if self.overlay.is_none() {
            self.overlay = Some(Overlay::Text {
                title: format!(" {} reminder(s) ", reminders.len()),
                lines,
            });
        } else {
            self.info(format!("{} reminder(s) waiting: see the digest", reminders.len()));
            return;
        }
        if let Err(err) = self.session.store.mark_reminders_read(me) {
            self.error(err.to_string());
        }
    }

    /// Reopens a form left unsaved by a dropped connection.
    pub fn recover_draft(&mut self) {
        if let Some(draft) = self.form_drafts_kept().into_iter().next() {
            match FormFill::from_draft(&self.session, &draft) {
                Ok(Some(fill)) => {
                    self.overlay = Some(Overlay::Form(Box::new(fill)));
                    self.info(format!("Resumed the form you were filling at {}", draft.saved_at));
                    return;
                }
                Ok(None) => {}
                Err(err) => self.error(format!("could not reopen your unfinished form: {err}")),
            }
        }
        let Some(draft) = self
            .drafts
            .as_ref()
            .and_then(|d| d.load::<drafts::ContactDraft>())
        else {
            return;
        };
        match ContactForm::from_draft(&self.session, &draft) {
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

    /// Opens the contact form, blank or with a person or a contact filled in.
    pub fn open_contact_form(&mut self, form: Result<ContactForm>) {
        match form {
            Ok(form) => self.overlay = Some(Overlay::ContactForm(Box::new(form))),
            Err(err) => self.error(err.to_string()),
        }
    }
}
