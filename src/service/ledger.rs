//! The ledger: every mentor's compensation for the program year.

use crate::domain::permissions::Action;
use crate::domain::records::Person;
use crate::domain::schedule::program_year_of;
use crate::domain::types::{Method, Outcome};
use crate::error::Result;
use crate::service::Session;
use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

/// A line of a mentor's compensation.
#[derive(Debug, Clone, Serialize)]
pub struct LedgerLine {
    pub mentor_id: String,
    pub mentor: String,
    pub date: NaiveDate,
    pub kind: String,
    pub amount_cents: i64,
    pub note: String,
    /// "rule" (from the program's settings) or "entry" (added by a coordinator).
    pub source: &'static str,
}

/// The compensation of every mentor (a mentor: their own) for the current program year: the
/// installments and meeting stipends the rules give, plus entries coordinators added.
pub fn ledger(session: &Session) -> Result<Vec<LedgerLine>> {
    let store = &session.store;
    let settings = &session.program.settings;
    let year_start = program_year_of(session.program.start_date, session.today);
    let year_end = year_start + Months::new(12);
    let mut lines = Vec::new();
    let mentors: Vec<Person> = session
        .mentors()?
        .into_iter()
        .filter(|m| session.may(Action::ReadLedger, session.relation_to(m.key)))
        .collect();
    for mentor in &mentors {
        let line = |date: NaiveDate, kind: &str, amount_cents: i64, note: String, source| LedgerLine {
            mentor_id: mentor.id.clone(),
            mentor: mentor.name.clone(),
            date,
            kind: kind.to_string(),
            amount_cents,
            note,
            source,
        };
        let mut pending = Vec::new();
        for i in &settings.installments {
            let year = if i.month >= year_start.month() {
                year_start.year()
            } else {
                year_start.year() + 1
            };
            if let Some(date) = NaiveDate::from_ymd_opt(year, i.month, 1) {
                pending.push(line(date, "installment", i.amount_cents, i.label.clone(), "rule"));
            }
        }
        if let Some(stipend) = &settings.meeting_stipend {
            let filter = crate::domain::records::ContactFilter {
                mentor: Some(mentor.key),
                method: Some(Method::InPerson),
                outcome: Some(Outcome::Conversation),
                ..Default::default()
            };
            let mut meetings: Vec<_> = store
                .contacts(&filter, None, 1000)?
                .into_iter()
                .filter(|c| {
                    c.contact.input.occurred_at.date() >= year_start
                        && c.contact.input.occurred_at.date() < year_end
                })
                .collect();
            meetings.reverse();
            meetings.truncate(stipend.max_meetings as usize);
            let minutes: u32 = meetings.iter().filter_map(|m| m.contact.input.duration_min).sum();
            let hours_met = minutes >= stipend.min_total_hours * 60;
            for m in &meetings {
                let note = if hours_met {
                    format!("in-person meeting with {}", m.person_name)
                } else {
                    format!(
                        "in-person meeting with {} (pending: {} of {} hours so far)",
                        m.person_name,
                        minutes / 60,
                        stipend.min_total_hours
                    )
                };
                pending.push(line(
                    m.contact.input.occurred_at.date(),
                    "stipend",
                    stipend.amount_cents,
                    note,
                    "rule",
                ));
            }
        }
        lines.extend(pending);
    }
    for e in store.ledger_entries()? {
        let Some(mentor) = mentors.iter().find(|m| m.key == e.mentor) else {
            continue;
        };
        let Ok(date) = e.due_on.parse::<NaiveDate>() else {
            continue;
        };
        lines.push(LedgerLine {
            mentor_id: mentor.id.clone(),
            mentor: mentor.name.clone(),
            date,
            kind: e.kind,
            amount_cents: e.amount_cents,
            note: e.note,
            source: "entry",
        });
    }
    lines.sort_by(|a, b| a.mentor.cmp(&b.mentor).then(a.date.cmp(&b.date)));
    Ok(lines)
}

/// `$1,234.50`
pub fn dollars(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.abs();
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}${grouped}.{:02}", cents % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money() {
        assert_eq!(dollars(35_000), "$350.00");
        assert_eq!(dollars(123_456_789), "$1,234,567.89");
        assert_eq!(dollars(-1_250), "-$12.50");
    }
}
