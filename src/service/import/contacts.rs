use super::{CsvFile, whole_number};
use crate::domain::contacts::ContactField;
use crate::domain::dates::{parse_date, parse_date_time};
use crate::domain::permissions::{Permission, Relation, allowed, refusal};
use crate::domain::records::ContactInput;
use crate::domain::types::{Intervention, Pillar};
use crate::error::{Error, Result};
use crate::service::Session;
use crate::service::contacts::reach_of;
use std::path::Path;

pub const CONTACT_COLUMNS: &[&str] = &[
    // The contact's global id: the same in every program it is exported to and imported into.
    "id",
    "mentor_id",
    "person_id",
    "occurred_at",
    "method",
    "outcome",
    "duration_min",
    "notes",
    "submitted_on",
    // The version an update was made from: a changed contact is saved only over that version.
    "version",
    // Last, each written only by the programs that record it (ContactField::recorded_by):
    // interventions (Check & Connect) and pillars (AFSCME).
    "intervention",
    "pillar",
];

/// What a contacts import did with its rows.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ContactImport {
    pub rows: u64,
    pub new: u64,
    /// Rows whose id names a stored contact they change.
    pub changed: u64,
    /// Rows already stored: by id with the same content, or (without an id) an exact duplicate.
    pub already: u64,
    /// Rows whose id names a contact deleted here; it stays deleted.
    pub deleted_here: u64,
}

impl ContactImport {
    /// `3 new`, or with what was not added: `0 new, 135 already there`.
    pub fn summary(&self) -> String {
        let mut parts = vec![format!("{} new", self.new)];
        if self.changed > 0 {
            parts.push(format!("{} changed", self.changed));
        }
        if self.already > 0 {
            parts.push(format!("{} already there", self.already));
        }
        if self.deleted_here > 0 {
            parts.push(format!("{} deleted here, left deleted", self.deleted_here));
        }
        parts.join(", ")
    }
}

/// Imports contacts. A row with an `id` is matched to the stored contact with that global id:
/// the same content is skipped, changed content is saved through the version check (its
/// `version` column names the version it was made from), an unknown id is added with that id.
/// A row without an id that exactly repeats a contact stored before the import (same mentor,
/// person, time, method, outcome and notes) is skipped, unless `allow_duplicates`.
pub fn import_contacts(session: &mut Session, path: &Path, allow_duplicates: bool) -> Result<ContactImport> {
    let actor = session.actor();
    let (settings, today) = (session.program.settings.clone(), session.today);
    let (importer, me) = (session.actor_kind(), session.me.key);
    session.store.seed(&actor, "import", "contacts", |seed| {
        let mut csv = CsvFile::open(
            path,
            CONTACT_COLUMNS,
            &["mentor_id", "person_id", "occurred_at", "method", "outcome"],
        )?;
        let mut report = ContactImport::default();
        // Duplicates are of what was stored before: rows repeated inside the file are its own.
        let stored_up_to = seed.last_contact_key()?;
        let rows = csv.for_each_row(|row| {
            let mentor_id = row.required("mentor_id")?;
            let Some(mentor) = seed.person_by_id(&mentor_id)? else {
                return Err(row.error("mentor_id", format!("no person with id '{mentor_id}'")));
            };
            let relation = if mentor.key == me {
                Relation::Own
            } else {
                Relation::Others
            };
            if !allowed(importer, Permission::ImportContacts, relation) {
                return Err(row.error("mentor_id", refusal(Permission::ImportContacts)));
            }
            let person_id = row.required("person_id")?;
            let Some(person) = seed.person_by_id(&person_id)? else {
                return Err(row.error("person_id", format!("no person with id '{person_id}'")));
            };
            let occurred_at = row
                .parse("occurred_at", parse_date_time)?
                .ok_or_else(|| row.error("occurred_at", "is required"))?;
            let pillar = row.parse("pillar", |t| t.parse::<Pillar>())?;
            let intervention = row.parse("intervention", |t| t.parse::<Intervention>())?;
            let contact = ContactInput {
                mentor: mentor.key,
                person: person.key,
                occurred_at,
                method: row
                    .parse("method", |t| t.parse())?
                    .ok_or_else(|| row.error("method", "is required"))?,
                outcome: row
                    .parse("outcome", |t| t.parse())?
                    .ok_or_else(|| row.error("outcome", "is required"))?,
                duration_min: row.parse("duration_min", whole_number)?,
                support_when: None,
                support_what: String::new(),
                notes: row.get("notes")?.unwrap_or_default().replace("\r\n", "\n"),
                follow_up_on: None,
                submitted_on: row.parse("submitted_on", parse_date)?,
                intervention,
                pillar,
            };
            let assignments = seed.assignments_of(person.key)?;
            let linked = seed.linked_assignments(person.key)?;
            let reach = reach_of(
                &settings,
                today,
                &contact,
                &mentor,
                &person,
                &assignments,
                &linked,
            )
            .map_err(|e| {
                let column = match e.field {
                    ContactField::Mentor => "mentor_id",
                    ContactField::Person => "person_id",
                    ContactField::Text => "notes",
                    field => field.name(),
                };
                row.error(column, e.reason)
            })?;
            let gid = row.parse("id", super::parse_gid)?;
            let Some(gid) = gid else {
                if !allow_duplicates && seed.has_same_contact(&contact, stored_up_to)? {
                    report.already += 1;
                } else {
                    seed.contact(&contact, reach)?;
                    report.new += 1;
                }
                return Ok(());
            };
            match seed.contact_by_gid(&gid)? {
                None => {
                    seed.contact_with_gid(&gid, &contact, reach)?;
                    report.new += 1;
                }
                Some((_, true)) => report.deleted_here += 1,
                Some((stored, false)) => {
                    let mut contact = contact;
                    // What the file has no column for stays as stored.
                    let kept = &stored.contact.input;
                    contact.support_when = kept.support_when;
                    contact.support_what.clone_from(&kept.support_what);
                    contact.follow_up_on = kept.follow_up_on;
                    if stored.contact.input == contact {
                        report.already += 1;
                        return Ok(());
                    }
                    if kept.mentor != contact.mentor {
                        return Err(row.error(
                            "mentor_id",
                            format!("contact {gid} is {}'s here; a contact's mentor does not change", stored.mentor_id),
                        ));
                    }
                    let version = row.parse("version", |t| {
                        t.parse::<i64>().map_err(|_| format!("'{t}' is not a version number"))
                    })?;
                    let Some(version) = version else {
                        return Err(row.error(
                            "version",
                            format!("contact {gid} differs from the stored one; the version it was changed from is required"),
                        ));
                    };
                    seed.update_contact(stored.contact.key, version, &contact, reach)
                        .map_err(|e| match e {
                            Error::Conflict { by, .. } => row.error(
                                "version",
                                format!(
                                    "contact {gid} was changed here{} since version {version}; export it again and redo the change",
                                    by.map(|by| format!(" by {} at {}", by.who, by.when)).unwrap_or_default()
                                ),
                            ),
                            other => other,
                        })?;
                    report.changed += 1;
                }
            }
            Ok(())
        })?;
        report.rows = rows;
        Ok(report)
    })
}
