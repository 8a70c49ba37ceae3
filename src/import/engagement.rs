use super::{CsvFile, person_by_id, whole_number};
use crate::domain::YearMonth;
use crate::domain::risk::Engagement;
use crate::error::Result;
use crate::session::Session;
use crate::store::insert_engagement;
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
    session.require_coordinator("import engagement records")?;
    let actor = session.actor();
    session.store.write_bulk(|tx| {
        let mut csv = CsvFile::open(path, ENGAGEMENT_COLUMNS, ENGAGEMENT_COLUMNS)?;
        let rows = csv.for_each_row(|row| {
            let id = row.required("student_id")?;
            let Some((student, role)) = person_by_id(tx, &id)? else {
                return Err(row.error("student_id", format!("no person with id '{id}'")));
            };
            if role != "mentee" {
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
            insert_engagement(tx, student, month, &e, &actor)?;
            Ok(())
        })?;
        crate::store::record_audit(tx, &actor, "import", "engagement", None, &format!("{rows} rows"))?;
        Ok(rows)
    })
}
