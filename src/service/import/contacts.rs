use super::{CsvFile, whole_number};
use crate::domain::contacts::ContactField;
use crate::domain::dates::{parse_date, parse_date_time};
use crate::domain::permissions::{Action, Relation, allowed, refusal};
use crate::domain::records::ContactInput;
use crate::domain::types::{Intervention, Pillar};
use crate::error::Result;
use crate::service::Session;
use crate::service::contacts::reach_of;
use std::path::Path;

pub const CONTACT_COLUMNS: &[&str] = &[
    "mentor_id",
    "person_id",
    "occurred_at",
    "method",
    "outcome",
    "duration_min",
    "notes",
    "submitted_on",
    // Last, each written only by the programs that record it (ContactField::recorded_by):
    // interventions (Check & Connect) and pillars (AFSCME).
    "intervention",
    "pillar",
];

pub fn import_contacts(session: &mut Session, path: &Path) -> Result<u64> {
    let actor = session.actor();
    let (settings, today) = (session.program.settings.clone(), session.today);
    let (importer, me) = (session.actor_kind(), session.me.key);
    session.store.seed(&actor, "import", "contacts", |seed| {
        let mut csv = CsvFile::open(
            path,
            CONTACT_COLUMNS,
            &["mentor_id", "person_id", "occurred_at", "method", "outcome"],
        )?;
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
            if !allowed(importer, Action::ImportContacts, relation) {
                return Err(row.error("mentor_id", refusal(Action::ImportContacts)));
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
            seed.contact(&contact, reach)?;
            Ok(())
        })?;
        Ok(rows)
    })
}
