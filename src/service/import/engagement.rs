use super::{CsvFile, whole_number};
use crate::domain::YearMonth;
use crate::domain::permissions::{Action, Relation};
use crate::domain::risk::Engagement;
use crate::domain::types::Role;
use crate::error::Result;
use crate::service::Session;
use std::path::Path;

pub const ENGAGEMENT_COLUMNS: &[&str] = &[
    "student_id",
    "month",
    "absences",
    "tardies",
    "skips",
    "days_enrolled",
    "referrals",
    "detentions",
    "in_school_suspensions",
    "out_of_school_suspension_days",
    "ds",
    "fs",
    "credits_earned",
    "credits_possible",
];

/// Imports monthly engagement records; every count may be empty (unknown).
pub fn import_engagement(session: &mut Session, path: &Path) -> Result<u64> {
    session.require(Action::ImportEngagement, Relation::Program)?;
    let actor = session.actor();
    session.store.seed(&actor, "import", "engagement", |seed| {
        let mut csv = CsvFile::open(path, ENGAGEMENT_COLUMNS, ENGAGEMENT_COLUMNS)?;
        let rows = csv.for_each_row(|row| {
            let id = row.required("student_id")?;
            let Some(student) = seed.person_by_id(&id)? else {
                return Err(row.error("student_id", format!("no person with id '{id}'")));
            };
            if student.role != Role::Mentee {
                let role = student.role;
                return Err(row.error("student_id", format!("'{id}' is a {role}, not a student")));
            }
            let month: YearMonth = row
                .parse("month", |t| t.parse())?
                .ok_or_else(|| row.error("month", "is required"))?;
            let count = |column| row.parse(column, whole_number);
            let e = Engagement {
                absences: count("absences")?,
                tardies: count("tardies")?,
                skips: count("skips")?,
                days_enrolled: count("days_enrolled")?,
                referrals: count("referrals")?,
                detentions: count("detentions")?,
                in_school_suspensions: count("in_school_suspensions")?,
                out_of_school_suspension_days: count("out_of_school_suspension_days")?,
                ds: count("ds")?,
                fs: count("fs")?,
                credits_earned: count("credits_earned")?,
                credits_possible: count("credits_possible")?,
            };
            seed.engagement(student.key, month, &e)?;
            Ok(())
        })?;
        Ok(rows)
    })
}
