//! Check & Connect: every student's risk in a month.

use crate::domain::YearMonth;
use crate::domain::permissions::{Permission, Relation};
use crate::domain::quota::counts;
use crate::domain::records::Person;
use crate::error::Result;
use crate::service::Session;
use serde::Serialize;

/// One student's risk in a month.
#[derive(Debug, Clone, Serialize)]
pub struct StudentRisk {
    pub student_id: String,
    pub month: String,
    pub level: &'static str,
    pub triggers: Vec<&'static str>,
    #[serde(skip)]
    pub student: Person,
    #[serde(skip)]
    pub mentor: Option<Person>,
    /// Days since the mentor's last counting contact with the student.
    #[serde(skip)]
    pub days_since_contact: Option<i64>,
}

/// Every student with engagement data in `month` the user may see, high risk first.
pub fn risk(session: &Session, month: YearMonth) -> Result<Vec<StudentRisk>> {
    session.require(Permission::ReadProgramDesk, Relation::Program)?;
    let store = &session.store;
    let thresholds = session.program.settings.risk.clone().unwrap_or_default();
    let assignments = store.all_assignments()?;
    let mut out = Vec::new();
    for (key, engagement) in store.month_engagement(month)? {
        let Some(student) = store.person(key)? else {
            continue;
        };
        let pair = assignments
            .iter()
            .find(|a| a.mentee == key && a.ended_on.is_none());
        let mentor = pair.map(|a| a.mentor);
        if !session.may(
            Permission::ReadCaseload,
            mentor.map_or(Relation::Others, |m| session.relation_to(m)),
        ) {
            continue;
        }
        let (level, triggers) = crate::domain::risk::assess(&engagement, &thresholds);
        let days_since_contact = match pair {
            Some(a) => {
                let filter = crate::domain::records::ContactFilter {
                    mentor: Some(a.mentor),
                    person: Some(key),
                    ..Default::default()
                };
                store
                    .contacts(&filter, None, 50)?
                    .iter()
                    .find(|c| counts(c.contact.input.outcome, session.program.settings.count_attempts))
                    .map(|c| (session.today - c.contact.input.occurred_at.date()).num_days())
            }
            None => None,
        };
        out.push(StudentRisk {
            student_id: student.id.clone(),
            month: month.to_string(),
            level: level.as_str(),
            triggers,
            mentor: match mentor {
                Some(m) => store.person(m)?,
                None => None,
            },
            student,
            days_since_contact,
        });
    }
    out.sort_by(|a, b| {
        a.level
            .cmp(b.level)
            .then(b.triggers.len().cmp(&a.triggers.len()))
            .then(a.student.name.cmp(&b.student.name))
    });
    Ok(out)
}
