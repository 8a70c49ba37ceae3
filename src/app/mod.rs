//! Application state and the event loop. A key goes through the key map (`keymap`) to an
//! `Action`; `update` applies it to the state and returns `Effect`s, which `effects` runs: the
//! only place that writes to the store or to files. Rendering lives in `ui/` and reads this
//! state without changing it.

pub mod action;
mod calendar;
mod caseload;
pub mod contact_form;
mod contacts;
pub mod drafts;
pub mod effects;
pub mod event_form;
pub mod form_fill;
mod forms;
pub mod frame_writer;
#[cfg(test)]
mod full_disk_tests;
pub mod keymap;
pub mod list;
mod program;
#[cfg(test)]
mod query_plan_tests;
mod terminal;
pub mod update;

pub use calendar::{CalendarState, EventView, UPCOMING_DAYS};
pub use caseload::{CaseloadState, PersonDetail};
pub use contacts::ContactsState;
pub use forms::{FormsState, Pane, ReportItem};
pub use program::{ProgramState, ProgramView};
pub use terminal::{Term, in_terminal, run_tui};

use crate::error::Result;
use crate::service::Session;
use crate::ui::theme::Theme;
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

    pub(crate) fn index(self) -> usize {
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
    /// Write a certificate of completion for a match still running.
    CertificateAnyway {
        person: i64,
    },
    /// Assign a pair the program's eligibility rules exclude.
    AssignAnyway {
        mentor: i64,
        mentee: i64,
        done: String,
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
        let data_version = session.data_version()?;
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
        match self.session.data_version() {
            Ok(version) if version != self.data_version => {
                self.data_version = version;
                self.reload();
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
        changed || had_message
    }

    /// Saves an open, changed form as a draft: the connection is going away.
    pub fn save_draft_now(&mut self) {
        let draft = match &self.overlay {
            Some(Overlay::Form(fill)) if fill.dirty => Effect::KeepFormDraft(Box::new(fill.to_draft())),
            Some(Overlay::ContactForm(form)) if form.dirty => {
                Effect::KeepContactDraft(Box::new(form.to_draft()))
            }
            _ => return,
        };
        effects::run_effect(self, draft);
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
        let reminders = match self.session.unread_reminders(Some(me)) {
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
        effects::run_effect(self, Effect::MarkRemindersRead);
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
}
