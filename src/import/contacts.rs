use super::{CsvFile, person_by_id, whole_number};
use crate::domain::dates::parse_date;
use crate::domain::records::{ContactInput, DATETIME_FORMAT};
use crate::domain::types::Pillar;
use crate::error::Result;
use crate::session::Session;
use crate::store::insert_contact;
use chrono::{NaiveDateTime, NaiveTime};
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
    // Last, and written only by programs that record pillars (AFSCME).
    "pillar",
];

/// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`, program local time.
pub fn parse_occurred_at(text: &str) -> std::result::Result<NaiveDateTime, String> {
    if let Ok(at) = NaiveDateTime::parse_from_str(text, DATETIME_FORMAT) {
        return Ok(at);
    }
    parse_date(text)
        .map(|d| d.and_time(NaiveTime::MIN))
        .map_err(|_| format!("'{text}' is not a date like 2026-11-23 or 2026-11-23T14:30"))
}

pub fn import_contacts(session: &mut Session, path: &Path) -> Result<u64> {
    let actor = session.actor();
    let me = session.me.key;
    let coordinator = session.is_coordinator();
    let today = session.today;
    let pillars = session.program.settings.pillars;
    session.store.write_bulk(|tx| {
        let mut csv = CsvFile::open(
            path,
            CONTACT_COLUMNS,
            &["mentor_id", "person_id", "occurred_at", "method", "outcome"],
        )?;
        let rows = csv.for_each_row(|row| {
            let mentor_id = row.required("mentor_id")?;
            let mentor = match person_by_id(tx, &mentor_id)? {
                Some((key, role)) if role == "mentor" => key,
                Some((_, role)) => {
                    return Err(row.error("mentor_id", format!("'{mentor_id}' is a {role}, not a mentor")));
                }
                None => return Err(row.error("mentor_id", format!("no person with id '{mentor_id}'"))),
            };
            if !coordinator && mentor != me {
                return Err(row.error("mentor_id", "mentors can import only their own contacts"));
            }
            let person_id = row.required("person_id")?;
            let Some((person, _)) = person_by_id(tx, &person_id)? else {
                return Err(row.error("person_id", format!("no person with id '{person_id}'")));
            };
            let occurred_at = row
                .parse("occurred_at", parse_occurred_at)?
                .ok_or_else(|| row.error("occurred_at", "is required"))?;
            if occurred_at.date() > today {
                return Err(row.error("occurred_at", format!("{} is in the future", occurred_at.date())));
            }
            let pillar = row.parse("pillar", |t| t.parse::<Pillar>())?;
            if pillar.is_some() && !pillars {
                return Err(row.error("pillar", "this program does not record pillars"));
            }
            let contact = ContactInput {
                mentor,
                person,
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
                notes: row.get("notes")?.unwrap_or_default(),
                follow_up_on: None,
                submitted_on: row.parse("submitted_on", parse_date)?,
                intervention: None,
                pillar,
            };
            insert_contact(tx, &contact, &actor)?;
            Ok(())
        })?;
        crate::store::record_audit(tx, &actor, "import", "contacts", None, &format!("{rows} rows"))?;
        Ok(rows)
    })
}
