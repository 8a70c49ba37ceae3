//! Drafts of the short field forms (a person's details, a setting): kept as typed in the
//! user's own file, like every other form, so a dropped connection loses nothing.

use super::App;
use super::form::Form;
use super::people::{self, FieldsFor};
use crate::domain::records::Editing;
use crate::error::{Error, Result};
use crate::service::Session;
use serde::{Deserialize, Serialize};

/// What a field form's draft was for, in a form a file can hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DraftPurpose {
    NewPerson,
    EditPerson { key: i64, version: i64 },
    Setting { key: String, from: String },
    SkipMonths { event: usize, from: String },
    LedgerEntry,
    Extend { assignment: i64 },
    RiskLines { from: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldsDraft {
    pub purpose: DraftPurpose,
    /// The form's title, to name the draft in the list of drafts.
    pub title: String,
    /// Each field's label and value as typed.
    pub values: Vec<(String, String)>,
    pub saved_at: String,
}

impl DraftPurpose {
    pub fn of(purpose: &FieldsFor) -> DraftPurpose {
        match purpose {
            FieldsFor::NewPerson => DraftPurpose::NewPerson,
            FieldsFor::EditPerson(editing) => DraftPurpose::EditPerson {
                key: editing.key,
                version: editing.version,
            },
            FieldsFor::Setting { key, from } => DraftPurpose::Setting {
                key: key.to_string(),
                from: from.clone(),
            },
            FieldsFor::SkipMonths { event, from } => DraftPurpose::SkipMonths {
                event: *event,
                from: from.clone(),
            },
            FieldsFor::LedgerEntry => DraftPurpose::LedgerEntry,
            FieldsFor::Extend { assignment } => DraftPurpose::Extend {
                assignment: *assignment,
            },
            FieldsFor::RiskLines { from } => DraftPurpose::RiskLines { from: from.clone() },
        }
    }

    /// The draft's file name part: one per person, per setting, and one new person.
    pub fn id(&self) -> String {
        match self {
            DraftPurpose::NewPerson => "person-new".into(),
            DraftPurpose::EditPerson { key, .. } => format!("person-{key}"),
            DraftPurpose::Setting { key, .. } => format!("setting-{key}"),
            DraftPurpose::SkipMonths { event, .. } => format!("skips-{event}"),
            DraftPurpose::LedgerEntry => "ledger-new".into(),
            DraftPurpose::Extend { assignment } => format!("extend-{assignment}"),
            DraftPurpose::RiskLines { .. } => "risk-lines".into(),
        }
    }
}

impl FieldsDraft {
    pub fn id(&self) -> String {
        self.purpose.id()
    }
}

/// The draft of an open field form, as typed now.
pub fn to_draft(session: &Session, form: &Form, purpose: &FieldsFor) -> FieldsDraft {
    FieldsDraft {
        purpose: DraftPurpose::of(purpose),
        title: form.title.clone(),
        values: form
            .fields
            .iter()
            .map(|f| (f.label.to_string(), f.value.clone()))
            .collect(),
        saved_at: session.now().format("%Y-%m-%d %H:%M").to_string(),
    }
}

/// The draft file name part of a field form.
pub fn draft_id(purpose: &FieldsFor) -> String {
    DraftPurpose::of(purpose).id()
}

/// The form again, as it was typed: on the record as stored now, but saving from the version
/// the draft started from, so a change made meanwhile is a conflict rather than lost.
pub fn from_draft(app: &App, draft: &FieldsDraft) -> Result<(Form, FieldsFor)> {
    let settings = &app.session.program.settings;
    let gone = || Error::Input(format!("{}: it is no longer in the program", draft.title));
    let (mut form, purpose) = match &draft.purpose {
        DraftPurpose::NewPerson => (people::person_form(None), FieldsFor::NewPerson),
        DraftPurpose::EditPerson { key, version } => {
            let person = app.session.person(*key)?.ok_or_else(gone)?;
            let editing = Editing {
                key: *key,
                version: *version,
            };
            (people::person_form(Some(&person)), FieldsFor::EditPerson(editing))
        }
        DraftPurpose::Setting { key, from } => {
            let (form, purpose) = people::setting_form(settings, key).ok_or_else(gone)?;
            let FieldsFor::Setting { key, .. } = purpose else {
                return Err(gone());
            };
            (
                form,
                FieldsFor::Setting {
                    key,
                    from: from.clone(),
                },
            )
        }
        DraftPurpose::SkipMonths { event, from } => {
            let (form, _) = people::setting_form(settings, &people::skips_key(*event)).ok_or_else(gone)?;
            (
                form,
                FieldsFor::SkipMonths {
                    event: *event,
                    from: from.clone(),
                },
            )
        }
        DraftPurpose::Extend { assignment } => {
            let pair = app.session.assignment(*assignment)?.ok_or_else(gone)?;
            let mentee = app.session.person(pair.mentee)?.ok_or_else(gone)?;
            (
                super::caseload::extend_form(&app.session, &pair, &mentee.name)?,
                FieldsFor::Extend {
                    assignment: *assignment,
                },
            )
        }
        DraftPurpose::LedgerEntry => (super::program::ledger_form(&app.session)?, FieldsFor::LedgerEntry),
        DraftPurpose::RiskLines { from } => {
            let (form, _) = people::setting_form(settings, people::RISK).ok_or_else(gone)?;
            (form, FieldsFor::RiskLines { from: from.clone() })
        }
    };
    for (label, typed) in &draft.values {
        form.restore(label, typed);
    }
    form.dirty = true;
    Ok((form, purpose))
}
