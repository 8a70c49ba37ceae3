use super::CsvFile;
use crate::domain::YearMonth;
use crate::domain::engagement::{COUNTS, Engagement, RATINGS};
use crate::domain::permissions::{Permission, Relation};
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

/// The columns the import also takes, each optional: homework, extracurriculars and the 1–5
/// ratings of the four areas.
fn accepted() -> Vec<&'static str> {
    let ratings = RATINGS.iter().map(|(name, _, _)| *name);
    ENGAGEMENT_COLUMNS
        .iter()
        .copied()
        .chain(COUNTS.into_iter().filter(|c| !ENGAGEMENT_COLUMNS.contains(c)))
        .chain(ratings)
        .collect()
}

/// Imports monthly engagement records; every value may be empty (unknown).
pub fn import_engagement(session: &mut Session, path: &Path) -> Result<u64> {
    session.require(Permission::ImportEngagement, Relation::Program)?;
    let actor = session.actor();
    let accepted = accepted();
    session.store.seed(&actor, "import", "engagement", |seed| {
        let mut csv = CsvFile::open(path, &accepted, ENGAGEMENT_COLUMNS)?;
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
            let mut e = Engagement::default();
            for &column in &accepted[2..] {
                if let Some(text) = row.get(column)? {
                    e.set(column, &text).map_err(|reason| row.error(column, reason))?;
                }
            }
            seed.engagement(student.key, month, &e)?;
            Ok(())
        })?;
        Ok(rows)
    })
}
