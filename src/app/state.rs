//! The plain state: what `update` changes and `ui` draws (the screens, the pop-up, the message
//! line, the user's context), and the pop-ups' own types. No session, no store, no files.

use super::contact_form::ContactForm;
use super::effects::{Effect, Load, Update};
use super::form_fill::FormFill;
use super::{
    CalendarState, CaseloadState, ContactsState, EventView, FormsState, PeopleState, ProgramState,
    ProgramsState, Screen, event_form, field_drafts, form, list,
};
use crate::error::Result;
use crate::service::Context;
use crate::theme::Theme;

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
    /// Keep theirs, overwrite or review: a laptop copy's record changed on the box too.
    SettleSync {
        gid: String,
    },
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
    Fields(Box<(form::Form, field_drafts::FieldsFor)>),
}

/// Everything `update` changes and `ui` draws: the screens, the pop-up, the message line, and
/// a copy of who the user is (`context`). No session, no store, no files.
/// A save refused because someone saved a newer version first.
pub struct PendingConflict {
    /// The user's form, as it was when the save was refused.
    pub form: Overlay,
    /// The choice offered, shown again after a review.
    pub choice: Choice,
}

/// The changes read on start, waiting for the screen to be free of other pop-ups.
pub struct WaitingChanges {
    pub(super) overlay: Overlay,
    /// The audit entry the mark moves to once they are shown.
    pub(super) up_to: i64,
}

pub struct State {
    /// The user, their role, today and the program's settings, as the runtime last read them.
    pub context: Context,
    pub theme: Theme,
    pub screen: Screen,
    pub caseload: CaseloadState,
    pub contacts: ContactsState,
    pub calendar: CalendarState,
    pub forms: FormsState,
    pub program: ProgramState,
    pub people: PeopleState,
    /// The programs of the config file, kept when another one is opened.
    pub programs: ProgramsState,
    pub overlay: Option<Overlay>,
    /// A one-line message under the screen: what just happened, or what went wrong.
    pub message: Option<(String, bool)>,
    /// The message shown last, kept after the next key clears the line, for `!` to show whole.
    pub last_message: Option<(String, bool)>,
    pub quit: bool,
    /// Ctrl-L was pressed: the event loop paints the whole screen again.
    pub repaint: bool,
    /// A save refused because someone saved a newer version first, waiting for the user.
    pub conflict: Option<PendingConflict>,
    /// A draft picked from the list of drafts left from before is open: once it closes, the
    /// message line says how many are left.
    pub offering_drafts: bool,
    /// What others changed in the user's records, read on start, until it can be shown.
    pub(super) waiting_changes: Option<WaitingChanges>,
    /// The selected record that the last reload no longer found, named for the message line.
    pub(super) gone: Option<String>,
    /// On a laptop copy, what its status line says (`offline · 3 changes to send · synced …`).
    pub copy_status: Option<String>,
}

impl State {
    pub fn new(context: Context, theme: Theme) -> State {
        let today = context.today;
        State {
            caseload: CaseloadState::new(&context),
            contacts: ContactsState::default(),
            calendar: CalendarState::new(today),
            forms: FormsState::default(),
            program: ProgramState::new(today),
            people: PeopleState::default(),
            programs: ProgramsState::default(),
            context,
            theme,
            screen: Screen::Caseload,
            overlay: None,
            message: None,
            last_message: None,
            quit: false,
            repaint: false,
            conflict: None,
            offering_drafts: false,
            waiting_changes: None,
            gone: None,
            copy_status: None,
        }
    }

    /// The screens this user has, in tab order: the tab bar, the number keys and Tab go
    /// through these.
    pub fn screens(&self) -> Vec<Screen> {
        Screen::ALL
            .into_iter()
            .filter(|s| s.shown_to(&self.context))
            .collect()
    }

    /// Switches to `screen` and loads it, if the user has it.
    pub fn show(&mut self, screen: Screen) -> Update {
        if self.screen == screen || !screen.shown_to(&self.context) {
            return Update::unchanged();
        }
        self.screen = screen;
        Update::load(Load::Screen)
    }

    /// Switches to the screen `by` tabs on, round the user's screens.
    pub fn show_next(&mut self, by: isize) -> Update {
        let screens = self.screens();
        // From a screen off the tabs (Programs), Tab goes to the first tab and Shift-Tab the last.
        let at = screens
            .iter()
            .position(|s| *s == self.screen)
            .map_or(if by > 0 { -1 } else { 0 }, |at| at as isize);
        let next = (at + by).rem_euclid(screens.len() as isize) as usize;
        self.show(screens[next])
    }

    /// Notes the selected record that a reload did not find again (`ListCursor::follow`).
    pub(super) fn lost_selection(&mut self, gone: Option<String>) {
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

    /// The form of the form engine open in the pop-up, if one is.
    pub fn open_form(&self) -> Option<&form::Form> {
        match self.overlay.as_ref()? {
            Overlay::ContactForm(contact) => Some(&contact.form),
            Overlay::Form(fill) => Some(&fill.form),
            Overlay::EventForm(event) => Some(&event.form),
            Overlay::Fields(open) => Some(&open.0),
            _ => None,
        }
    }

    /// The effect that keeps the open form as a draft, when it was changed.
    pub fn draft_of_open_form(&self) -> Option<Effect> {
        Some(match &self.overlay {
            Some(Overlay::Form(fill)) if fill.form.dirty => Effect::KeepFormDraft(Box::new(fill.to_draft())),
            Some(Overlay::ContactForm(form)) if form.form.dirty => {
                Effect::KeepContactDraft(Box::new(form.to_draft()))
            }
            Some(Overlay::EventForm(form)) if form.form.dirty => {
                Effect::KeepEventDraft(Box::new(form.to_draft()))
            }
            Some(Overlay::Fields(open)) if open.0.dirty => {
                Effect::KeepFieldsDraft(Box::new(field_drafts::to_draft(&self.context, &open.0, &open.1)))
            }
            _ => return None,
        })
    }

    /// Opens a pop-up, or shows why it could not open.
    pub fn open_overlay(&mut self, overlay: Result<Overlay>) {
        match overlay {
            Ok(overlay) => self.overlay = Some(overlay),
            Err(err) => self.error(err.to_string()),
        }
    }
}
