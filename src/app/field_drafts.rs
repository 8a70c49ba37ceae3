//! Drafts of the short field forms (a person's details, a setting): kept as typed in the
//! user's own file, like every other form, so a dropped connection loses nothing.

use super::form::Form;
use crate::domain::records::Editing;
use crate::service::Context;
use serde::{Deserialize, Serialize};

/// What a field form saves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldsFor {
    NewPerson,
    EditPerson(Editing),
    /// A setting, with its JSON when the form opened.
    Setting {
        key: &'static str,
        from: String,
    },
    /// The Check & Connect risk lines, one field each, with the `risk` setting's JSON when the
    /// form opened.
    RiskLines {
        from: String,
    },
    /// A row of a setting that is a list of records (at its place, or a new one), with the
    /// list's JSON when the form opened.
    Row {
        key: &'static str,
        at: Option<usize>,
        from: String,
    },
    /// Compensation for a mentor, added to the ledger.
    LedgerEntry,
    /// A running match's term extended.
    Extend {
        assignment: i64,
    },
}

/// What a field form's draft was for, in a form a file can hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DraftPurpose {
    NewPerson,
    EditPerson {
        key: i64,
        version: i64,
    },
    Setting {
        key: String,
        from: String,
    },
    Row {
        key: String,
        at: Option<usize>,
        from: String,
    },
    LedgerEntry,
    Extend {
        assignment: i64,
    },
    RiskLines {
        from: String,
    },
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
            FieldsFor::Row { key, at, from } => DraftPurpose::Row {
                key: key.to_string(),
                at: *at,
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
            DraftPurpose::Row {
                key, at: Some(at), ..
            } => format!("row-{key}-{at}"),
            DraftPurpose::Row { key, at: None, .. } => format!("row-{key}-new"),
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
pub fn to_draft(context: &Context, form: &Form, purpose: &FieldsFor) -> FieldsDraft {
    FieldsDraft {
        purpose: DraftPurpose::of(purpose),
        title: form.title.clone(),
        values: form
            .fields
            .iter()
            .map(|f| (f.label.to_string(), f.value.clone()))
            .collect(),
        saved_at: context.now().format("%Y-%m-%d %H:%M").to_string(),
    }
}

/// The draft file name part of a field form.
pub fn draft_id(purpose: &FieldsFor) -> String {
    DraftPurpose::of(purpose).id()
}
