//! The records the store keeps, as plain values.

use super::YearMonth;
use super::settings::Settings;
use super::types::{EndReason, Intervention, Method, Outcome, Pillar, Role, SupportWhen};
use chrono::{NaiveDate, NaiveDateTime};

#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    pub name: String,
    pub preset: String,
    pub start_date: NaiveDate,
    pub settings: Settings,
    pub demo: bool,
}

impl Program {
    /// The catalog forms this program lists (see [`super::forms::forms_for`]).
    pub fn forms(&self) -> Vec<&'static super::forms::FormDef> {
        super::forms::forms_for(self.preset.parse().ok(), &self.settings)
    }

    /// Whether the program lists the catalog form `id`.
    pub fn uses_form(&self, id: &str) -> bool {
        self.forms().iter().any(|f| f.id == id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonFields {
    pub login: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub organization: Option<String>,
    pub position: Option<String>,
    pub location: Option<String>,
    pub job_family: Option<String>,
    pub expertise: Option<String>,
    pub goals: Option<String>,
    /// When they can meet, in their words ("weekday evenings").
    pub availability: Option<String>,
    pub years_experience: Option<u32>,
}

/// Who a person is, without the rest of their record: what a list of everyone filters and
/// places.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonEntry {
    pub key: i64,
    pub id: String,
    pub name: String,
    pub login: Option<String>,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The store's own key.
    pub key: i64,
    /// The id people use: from the import file, the CLI and exports.
    pub id: String,
    pub name: String,
    pub role: Role,
    pub fields: PersonFields,
    /// False once deactivated: out of caseloads and pickers, still in every record.
    pub active: bool,
    /// Bumped by every change: an edit names the version it started from.
    pub version: i64,
}

impl Person {
    /// This person as stored now, to edit: an edit saved over a newer version is refused.
    pub fn editing(&self) -> Editing {
        Editing {
            key: self.key,
            version: self.version,
        }
    }

    /// `Ana Ruiz — Lakeview ESP, President`, the organization/position suffix only when known.
    pub fn affiliation(&self) -> String {
        match (&self.fields.organization, &self.fields.position) {
            (Some(o), Some(p)) => format!("{o}, {p}"),
            (Some(o), None) => o.clone(),
            (None, Some(p)) => p.clone(),
            (None, None) => String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    pub key: i64,
    pub mentor: i64,
    pub mentee: i64,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub end_reason: Option<EndReason>,
    /// Bumped by every change: ending it names the version it started from.
    pub version: i64,
}

/// What a user types for a contact: the contact reporting form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactInput {
    pub mentor: i64,
    pub person: i64,
    pub occurred_at: NaiveDateTime,
    pub method: Method,
    pub outcome: Outcome,
    pub duration_min: Option<u32>,
    pub support_when: Option<SupportWhen>,
    pub support_what: String,
    pub notes: String,
    pub follow_up_on: Option<NaiveDate>,
    pub submitted_on: Option<NaiveDate>,
    /// Check & Connect interventions are marked basic or intensive.
    pub intervention: Option<Intervention>,
    /// AFSCME: which of Invest, Bridge the Gap, Share Power the contact served.
    pub pillar: Option<Pillar>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub key: i64,
    pub input: ContactInput,
    /// Bumped by every change: an edit names the version it started from.
    pub version: i64,
}

/// A stored record being edited: its key, and the version the edit started from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Editing {
    pub key: i64,
    pub version: i64,
}

/// Contact dates and times are local to the program, stored as `YYYY-MM-DDTHH:MM`.
pub use super::dates::DATETIME_FORMAT;

/// A contact with the names a list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactRow {
    pub contact: Contact,
    /// Whom the contact reached, seen from its mentor.
    pub reach: super::contacts::Reach,
    pub mentor_name: String,
    pub mentor_id: String,
    pub person_name: String,
    pub person_id: String,
}

impl ContactRow {
    /// Whether this contact adds to its mentor's quota under the program's settings.
    pub fn counts_toward_quota(&self, settings: &Settings) -> bool {
        super::quota::counts(self.contact.input.outcome, settings.count_attempts)
            && self.reach.counts_toward_quota()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactFilter {
    pub mentor: Option<i64>,
    pub person: Option<i64>,
    pub month: Option<YearMonth>,
    pub method: Option<Method>,
    pub outcome: Option<Outcome>,
    /// Matches names and notes, case-insensitively.
    pub text: Option<String>,
}

/// Which entries of the audit log to read: by whom, and about whom (store keys of people).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Changes this person made, themselves or seeing the app as someone else.
    pub by: Option<i64>,
    /// Changes to this person's own record, their assignments, the contacts they logged or
    /// that were logged with them, their events, forms and attendance.
    pub about: Option<i64>,
}

impl Assignment {
    /// This assignment as stored now, to end: one changed since is refused.
    pub fn editing(&self) -> Editing {
        Editing {
            key: self.key,
            version: self.version,
        }
    }

    /// Whether the pair was assigned on `day`.
    pub fn active_on(&self, day: NaiveDate) -> bool {
        self.started_on <= day && self.ended_on.is_none_or(|end| end >= day)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverdueReport {
    pub contact_key: i64,
    pub mentor: i64,
    pub person: i64,
    pub occurred_on: NaiveDate,
    pub due: NaiveDate,
    pub days_overdue: i64,
}

/// An assignment as the export writes it: people by their ids, values as stored.
#[derive(Debug, Clone)]
pub struct AssignmentRecord {
    /// The global id.
    pub id: String,
    pub mentor_id: String,
    pub mentee_id: String,
    pub started_on: String,
    pub ended_on: Option<String>,
    pub end_reason: Option<String>,
    pub version: i64,
}

/// A contact as an export writes it: the stored text, borrowed while it is read.
#[derive(Debug, Clone, Copy)]
pub struct ContactRecord<'a> {
    /// The global id.
    pub id: &'a str,
    pub version: i64,
    pub mentor_id: &'a str,
    pub person_id: &'a str,
    pub occurred_at: &'a str,
    pub method: &'a str,
    pub outcome: &'a str,
    pub duration_min: Option<i64>,
    pub notes: &'a str,
    pub submitted_on: Option<&'a str>,
    pub intervention: Option<&'a str>,
    pub pillar: Option<&'a str>,
}

/// A mentor's overdue reports: how many, and the day of the oldest one's contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverdueCount {
    pub mentor: i64,
    pub mentor_id: String,
    pub mentor_name: String,
    pub reports: usize,
    pub oldest: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub key: i64,
    pub person: i64,
    pub sender: String,
    pub text: String,
    pub created_at: String,
}

/// A ledger entry to add: compensation, or (`paid`) a payment made on `on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewLedgerEntry<'a> {
    pub mentor: i64,
    pub kind: &'a str,
    pub amount_cents: i64,
    pub on: NaiveDate,
    pub note: &'a str,
    pub paid: bool,
    /// Compensation counted in time (comp time, leave); its amount is then zero.
    pub minutes: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerEntry {
    pub key: i64,
    pub mentor: i64,
    pub kind: String,
    pub amount_cents: i64,
    pub due_on: String,
    pub note: String,
    /// Set on a payment made to the mentor.
    pub paid_on: Option<String>,
    pub minutes: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// The row's place in the log: later changes have larger keys.
    pub key: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_key: Option<i64>,
    pub detail: String,
}
