//! Optimistic versions: every editable row has a `version`; an update names the version the
//! user started from, and succeeds only while the row still has it.

use crate::error::{ChangedBy, Error, Result};
use rusqlite::{OptionalExtension, Transaction};

/// An editable table, with how its rows are named to people and in the audit log.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Versioned {
    pub table: &'static str,
    /// The audit log's entity word.
    pub entity: &'static str,
}

pub(crate) const CONTACTS: Versioned = Versioned {
    table: "contacts",
    entity: "contact",
};
pub(crate) const EVENTS: Versioned = Versioned {
    table: "events",
    entity: "event",
};

pub(crate) const PEOPLE: Versioned = Versioned {
    table: "people",
    entity: "person",
};
pub(crate) const ASSIGNMENTS: Versioned = Versioned {
    table: "assignments",
    entity: "assignment",
};

/// A refused claim's conflict named as people know the record (`Ben Okafor`, not `person #3`).
pub(crate) fn named(err: Error, record: String) -> Error {
    match err {
        Error::Conflict { by, .. } => Error::Conflict { what: record, by },
        other => other,
    }
}

/// Bumps the row's version if it is still `expected`; otherwise names who changed it and when,
/// from the audit log. `Ok(false)` when there is no such row.
pub(crate) fn claim(tx: &Transaction, of: Versioned, key: i64, expected: i64) -> Result<bool> {
    let bumped = tx.execute(
        &format!(
            "UPDATE {} SET version = version + 1 WHERE key = ?1 AND version = ?2",
            of.table
        ),
        [key, expected],
    )?;
    if bumped == 1 {
        return Ok(true);
    }
    let stored: Option<i64> = tx
        .query_row(
            &format!("SELECT version FROM {} WHERE key = ?1", of.table),
            [key],
            |r| r.get(0),
        )
        .optional()?;
    if stored.is_none() {
        return Ok(false);
    }
    Err(Error::Conflict {
        what: format!("{} #{key}", of.entity),
        by: ChangedBy::from_audit(super::audit::last_change(tx, of.entity, Some(key))?),
    })
}
