//! What `update` asks of the world: every write to the store and to draft and letter files
//! (an [`Effect`]), and the reads that load a screen or open a pop-up (a [`Load`]). `update`
//! decides, on the plain state; the runtime (`runtime/effects.rs`, `runtime/loads.rs`) runs
//! them, in order, right after it.

use super::contact_form::Candidate;
use super::drafts::{ContactDraft, EventDraft};
use super::form_fill::FormDraft;
use crate::domain::agenda::Occurrence;
use crate::domain::agenda::{Attendance, NewEvent};
use crate::domain::forms::{FormDef, Submission, Values};
use crate::domain::records::{ContactInput, ContactRow, Editing, Person};
use crate::domain::types::{EndReason, Role};
use crate::export::letters::Letter;
use chrono::NaiveDate;

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
    /// Syncs the laptop copy with its box, once the screen says so (it waits on the network).
    Sync,
    /// Settles a laptop copy's conflict: the box's version, or the user's sent over it.
    SettleSync {
        gid: String,
        keep_theirs: bool,
    },
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
    /// The guests who came at a mentor's invitation to an occurrence.
    SetGuests {
        date: chrono::NaiveDate,
        title: String,
        person: i64,
        guests: u32,
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
    /// Writes a letter; a certificate of completion that would not be true (see
    /// [`crate::service::Session::certificate_objection`]) asks first, unless `confirmed`, and
    /// is then audited.
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
    /// WEAC: warn a mentor, or ask them to leave, on a ground (by the mentor's id).
    WarnMentor {
        id: String,
        ground: crate::domain::removal::Ground,
    },
    RemoveMentor {
        id: String,
        ground: crate::domain::removal::Ground,
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
    /// Adds, changes or (`row` `None`) removes a row of a list setting, over the list the form
    /// started from.
    SetSettingRow {
        key: &'static str,
        at: Option<usize>,
        row: Option<String>,
        from: String,
    },
    /// Extends a running match's term to `until`.
    ExtendAssignment {
        assignment: i64,
        until: chrono::NaiveDate,
        reason: String,
    },
    /// Adds compensation to the ledger as typed in its form.
    AddLedgerEntry {
        mentor: String,
        kind: String,
        amount: String,
        on: chrono::NaiveDate,
        note: String,
    },
    /// Sets the Check & Connect risk lines, as typed, over the lines the form started from.
    SetRiskLines {
        lines: Vec<(String, String)>,
        from: String,
    },
    /// Opens the program database `db` (listed as `name`) for the same user, for the runtime to
    /// start the app on in place of this one.
    OpenProgram {
        name: String,
        db: std::path::PathBuf,
    },
}

/// A read: what a screen shows, or what a pop-up needs before it opens.
#[derive(Debug, Clone)]
pub enum Load {
    /// The data of the current screen.
    Screen,
    /// The contact log's next page, when the selection nears the end of what is loaded.
    MoreContacts,
    /// The overdue list's rows around the selection, when it nears the edge of what is loaded.
    OverdueWindow,
    /// The people's records around the selection, when it nears the edge of what is read.
    PeopleWindow,
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
    /// The Check & Connect daily line about this student, for today.
    DailyLine(i64),
    /// A filed form, to read.
    FiledForm(&'static FormDef, Box<Submission>),
    /// Whom the open reflection would be shared with, as a question.
    ShareQuestion,
    /// The drafts left unsaved, to resume one.
    Drafts,
    /// The people with this role a letter may be written for.
    LetterRecipients(Letter, Role),
    /// A person's assignments, contacts and changes, in a pop-up.
    PersonHistory(i64),
    /// What giving a person another role will do, as a question.
    RoleQuestion {
        person: Editing,
        role: Role,
    },
    /// The question before a mentor is asked to leave, with the warnings they had.
    RemovalQuestion {
        id: String,
        ground: crate::domain::removal::Ground,
    },
    /// The form that extends a match past the end of its term.
    ExtendForm {
        assignment: Box<crate::domain::records::Assignment>,
        mentee: String,
    },
    /// The form that adds to the ledger.
    LedgerForm,
    /// One of the drafts left from before (`contact:<id>`, `event:<id>`, `fields:<id>`,
    /// `form:<form>`), reopened.
    ResumeDraft(String),
    /// The program's settings as stored now, then the current screen.
    Program,
    /// The user's form, in view again, saved over the version stored now.
    Overwrite,
    /// The refused save's two versions side by side.
    ConflictReview,
    /// A laptop copy's conflicting record, the user's version beside the box's.
    SyncReview(String),
}
