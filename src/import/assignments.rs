use super::{CsvFile, person_by_id};
use crate::domain::dates::parse_date;
use crate::domain::types::{EndReason, Role};
use crate::error::Result;
use crate::session::Session;
use crate::store::{insert_assignment, pair_is_open};
use std::path::Path;

pub const ASSIGNMENT_COLUMNS: &[&str] = &["mentor_id", "mentee_id", "started_on", "ended_on", "end_reason"];

pub fn import_assignments(session: &mut Session, path: &Path) -> Result<u64> {
    session.require_coordinator("import assignments")?;
    let actor = session.actor();
    session.store.write_bulk(|tx| {
        let mut csv = CsvFile::open(
            path,
            ASSIGNMENT_COLUMNS,
            &["mentor_id", "mentee_id", "started_on"],
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
            let mentee_id = row.required("mentee_id")?;
            let mentee = match person_by_id(tx, &mentee_id)? {
                Some((key, role)) if role.parse().is_ok_and(Role::may_be_mentee) => key,
                Some((_, role)) => {
                    return Err(row.error("mentee_id", format!("'{mentee_id}' is a {role}, never a mentee")));
                }
                None => return Err(row.error("mentee_id", format!("no person with id '{mentee_id}'"))),
            };
            let started_on = row
                .parse("started_on", parse_date)?
                .ok_or_else(|| row.error("started_on", "is required"))?;
            let ended_on = row.parse("ended_on", parse_date)?;
            let reason = row.parse("end_reason", |t| t.parse::<EndReason>())?;
            let ended = match (ended_on, reason) {
                (Some(on), Some(reason)) if on >= started_on => Some((on, reason)),
                (Some(_), Some(_)) => return Err(row.error("ended_on", "is before started_on")),
                (Some(_), None) => return Err(row.error("end_reason", "is required when ended_on is given")),
                (None, Some(_)) => return Err(row.error("ended_on", "is required when end_reason is given")),
                (None, None) => None,
            };
            if ended.is_none() && pair_is_open(tx, mentor, mentee)? {
                return Err(row.error(
                    "mentee_id",
                    format!("'{mentee_id}' is already assigned to '{mentor_id}'"),
                ));
            }
            insert_assignment(tx, mentor, mentee, started_on, ended)?;
            Ok(())
        })?;
        crate::store::record_audit(tx, &actor, "import", "assignments", None, &format!("{rows} rows"))?;
        Ok(rows)
    })
}
