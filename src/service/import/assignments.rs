use super::CsvFile;
use crate::domain::dates::parse_date;
use crate::domain::matching::refusal;
use crate::domain::permissions::{Permission, Relation};
use crate::domain::records::Editing;
use crate::domain::types::{EndReason, Role};
use crate::error::Result;
use crate::service::Session;
use crate::service::applications::not_a_mentor_by;
use std::path::Path;

pub const ASSIGNMENT_COLUMNS: &[&str] = &[
    // The assignment's global id, and the version an end was recorded from.
    "id",
    "mentor_id",
    "mentee_id",
    "started_on",
    "ended_on",
    "end_reason",
    "version",
];

/// What an assignments import did with its rows.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct AssignmentImport {
    pub rows: u64,
    pub new: u64,
    /// Stored assignments (by id) the file ends.
    pub ended: u64,
    /// Rows whose id names a stored assignment with the same content.
    pub already: u64,
}

/// Imports assignments. A row whose `id` names a stored assignment is skipped when it says the
/// same, or ends the stored one (from its `version`) when only the end is new; an unknown id is
/// added with that id.
pub fn import_assignments(session: &mut Session, path: &Path) -> Result<AssignmentImport> {
    session.require(Permission::Assign, Relation::Program)?;
    let actor = session.actor();
    let settings = session.program.settings.clone();
    session.store.seed(&actor, "import", "assignments", |seed| {
        let mut csv = CsvFile::open(
            path,
            ASSIGNMENT_COLUMNS,
            &["mentor_id", "mentee_id", "started_on"],
        )?;
        let mut report = AssignmentImport::default();
        let rows = csv.for_each_row(|row| {
            let mentor_id = row.required("mentor_id")?;
            let mentor = match seed.person_by_id(&mentor_id)? {
                Some(p) if p.role == Role::Mentor => p,
                Some(p) => {
                    let role = p.role;
                    return Err(row.error("mentor_id", format!("'{mentor_id}' is a {role}, not a mentor")));
                }
                None => return Err(row.error("mentor_id", format!("no person with id '{mentor_id}'"))),
            };
            let mentee_id = row.required("mentee_id")?;
            let mentee = match seed.person_by_id(&mentee_id)? {
                Some(p) if p.role.may_be_mentee() => p,
                Some(p) => {
                    let role = p.role;
                    return Err(row.error("mentee_id", format!("'{mentee_id}' is a {role}, never a mentee")));
                }
                None => return Err(row.error("mentee_id", format!("no person with id '{mentee_id}'"))),
            };
            if let Some(reason) = refusal(&mentor, &mentee) {
                return Err(row.error("mentee_id", reason));
            }
            // As `assign` refuses it, for every row that would add an assignment (an applicant
            // the committee has not accepted is not a mentor yet); a row that only ends a stored
            // one is not asked.
            let not_a_mentor = || -> Result<Option<String>> {
                not_a_mentor_by(&settings, &mentor, || seed.application_of(mentor.key))
            };
            let (mentor, mentee) = (mentor.key, mentee.key);
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
            if let Some(gid) = row.parse("id", super::parse_gid)? {
                match seed.assignment_by_gid(&gid)? {
                    None => {
                        if let Some(why) = not_a_mentor()? {
                            return Err(row.error("mentor_id", why));
                        }
                        if ended.is_none() && seed.pair_is_open(mentor, mentee)? {
                            return Err(row.error(
                                "mentee_id",
                                format!("'{mentee_id}' is already assigned to '{mentor_id}'"),
                            ));
                        }
                        seed.assignment_with_gid(&gid, mentor, mentee, started_on, ended)?;
                        report.new += 1;
                    }
                    Some(stored)
                        if (stored.mentor, stored.mentee, stored.started_on) != (mentor, mentee, started_on) =>
                    {
                        return Err(row.error(
                            "id",
                            format!("assignment {gid} is another pair or start here; only its end can change"),
                        ));
                    }
                    Some(stored) => match (stored.ended_on.zip(stored.end_reason), ended) {
                        (stored_end, file_end) if stored_end == file_end => report.already += 1,
                        (None, Some((on, reason))) => {
                            let version = row
                                .parse("version", |t| {
                                    t.parse::<i64>().map_err(|_| format!("'{t}' is not a version number"))
                                })?
                                .ok_or_else(|| {
                                    row.error("version", format!("assignment {gid} ends here; the version it was ended from is required"))
                                })?;
                            let editing = Editing { key: stored.key, version };
                            seed.end_assignment(editing, on, reason)?;
                            report.ended += 1;
                        }
                        _ => {
                            return Err(row.error(
                                "ended_on",
                                format!("assignment {gid} ended otherwise here; an end is not changed by an import"),
                            ));
                        }
                    },
                }
                return Ok(());
            }
            if let Some(why) = not_a_mentor()? {
                return Err(row.error("mentor_id", why));
            }
            if ended.is_none() && seed.pair_is_open(mentor, mentee)? {
                return Err(row.error(
                    "mentee_id",
                    format!("'{mentee_id}' is already assigned to '{mentor_id}'"),
                ));
            }
            seed.assignment(mentor, mentee, started_on, ended)?;
            report.new += 1;
            Ok(())
        })?;
        report.rows = rows;
        Ok(report)
    })
}
