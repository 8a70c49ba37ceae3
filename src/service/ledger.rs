//! The ledger: every mentor's compensation for the program year.

use crate::domain::permissions::Action;
use crate::domain::records::{NewLedgerEntry, Person};
use crate::domain::schedule::program_year_of;
use crate::domain::types::{Method, Outcome};
use crate::error::{Error, Result};
use crate::service::Session;
use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

/// Where a line of the ledger stands: money owed once earned, money not yet earned, or money
/// paid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LedgerStatus {
    /// Owed: an installment whose month has come, a stipend whose meetings reached the hours,
    /// an entry a coordinator added.
    Earned,
    /// Not owed yet: an installment of a later month, a stipend short of the hours.
    Pending,
    /// A payment made (`ledger pay`).
    Paid,
}

impl LedgerStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            LedgerStatus::Earned => "earned",
            LedgerStatus::Pending => "pending",
            LedgerStatus::Paid => "paid",
        }
    }
}

/// A line of a mentor's compensation.
#[derive(Debug, Clone, Serialize)]
pub struct LedgerLine {
    pub mentor_id: String,
    pub mentor: String,
    pub date: NaiveDate,
    pub kind: String,
    pub amount_cents: i64,
    pub status: LedgerStatus,
    pub note: String,
    /// "rule" (from the program's settings) or "entry" (added by a coordinator).
    pub source: &'static str,
}

/// The kind of a payment line: recorded with `ledger pay`, never added as compensation.
pub const PAYMENT: &str = "payment";

/// The ledger's sums by status; what is still owed is earned less paid.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LedgerTotals {
    pub earned_cents: i64,
    pub pending_cents: i64,
    pub paid_cents: i64,
}

impl LedgerTotals {
    pub fn of<'a>(lines: impl IntoIterator<Item = &'a LedgerLine>) -> LedgerTotals {
        let mut t = LedgerTotals::default();
        for l in lines {
            match l.status {
                LedgerStatus::Earned => t.earned_cents += l.amount_cents,
                LedgerStatus::Pending => t.pending_cents += l.amount_cents,
                LedgerStatus::Paid => t.paid_cents += l.amount_cents,
            }
        }
        t
    }

    pub fn owed_cents(&self) -> i64 {
        self.earned_cents - self.paid_cents
    }

    /// `earned $375.00 · pending $125.00 · paid $250.00 · owed $125.00`
    pub fn summary(&self) -> String {
        format!(
            "earned {} · pending {} · paid {} · owed {}",
            dollars(self.earned_cents),
            dollars(self.pending_cents),
            dollars(self.paid_cents),
            dollars(self.owed_cents())
        )
    }
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
        let line = |date: NaiveDate, kind: &str, amount_cents: i64, status, note: String| LedgerLine {
            mentor_id: mentor.id.clone(),
            mentor: mentor.name.clone(),
            date,
            kind: kind.to_string(),
            amount_cents,
            status,
            note,
            source: "rule",
        };
        for i in &settings.installments {
            let year = if i.month >= year_start.month() {
                year_start.year()
            } else {
                year_start.year() + 1
            };
            if let Some(date) = NaiveDate::from_ymd_opt(year, i.month, 1) {
                let status = if date <= session.today {
                    LedgerStatus::Earned
                } else {
                    LedgerStatus::Pending
                };
                lines.push(line(date, "installment", i.amount_cents, status, i.label.clone()));
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
                let (status, note) = if hours_met {
                    (
                        LedgerStatus::Earned,
                        format!("in-person meeting with {}", m.person_name),
                    )
                } else {
                    (
                        LedgerStatus::Pending,
                        format!(
                            "in-person meeting with {} ({} of {} hours so far)",
                            m.person_name,
                            minutes / 60,
                            stipend.min_total_hours
                        ),
                    )
                };
                lines.push(line(
                    m.contact.input.occurred_at.date(),
                    "stipend",
                    stipend.amount_cents,
                    status,
                    note,
                ));
            }
        }
    }
    for e in store.ledger_entries()? {
        let Some(mentor) = mentors.iter().find(|m| m.key == e.mentor) else {
            continue;
        };
        let Ok(date) = e.due_on.parse::<NaiveDate>() else {
            continue;
        };
        let status = if e.paid_on.is_some() {
            LedgerStatus::Paid
        } else {
            LedgerStatus::Earned
        };
        lines.push(LedgerLine {
            mentor_id: mentor.id.clone(),
            mentor: mentor.name.clone(),
            date,
            kind: e.kind,
            amount_cents: e.amount_cents,
            status,
            note: e.note,
            source: "entry",
        });
    }
    lines.sort_by(|a, b| a.date.cmp(&b.date).then(a.mentor.cmp(&b.mentor)));
    Ok(lines)
}

/// Adds compensation a coordinator typed (the CLI's `ledger add`, the ledger's form): the
/// mentor's id, the kind, dollars like `42.50` or `-10`, the day and a note.
pub fn add_entry(
    session: &mut Session,
    mentor: &str,
    kind: &str,
    amount: &str,
    on: NaiveDate,
    note: &str,
) -> Result<i64> {
    let (mentor, cents) = typed(session, mentor, amount)?;
    let kind = kind.trim();
    if kind.is_empty() {
        return Err(Error::Input("kind: say what it is for, like travel".into()));
    }
    if kind == PAYMENT {
        return Err(Error::Input(
            "kind 'payment': a payment is recorded with `ledger pay`, not added as compensation".into(),
        ));
    }
    session.add_ledger_entry(&NewLedgerEntry {
        mentor,
        kind,
        amount_cents: cents,
        on,
        note,
        paid: false,
    })
}

/// Records a payment made to a mentor: what is owed goes down by `amount`.
pub fn pay(session: &mut Session, mentor: &str, amount: &str, on: NaiveDate, note: &str) -> Result<i64> {
    let (mentor, cents) = typed(session, mentor, amount)?;
    if cents <= 0 {
        return Err(Error::Input(format!(
            "amount '{amount}': a payment is more than zero"
        )));
    }
    session.add_ledger_entry(&NewLedgerEntry {
        mentor,
        kind: PAYMENT,
        amount_cents: cents,
        on,
        note,
        paid: true,
    })
}

fn typed(session: &Session, mentor: &str, amount: &str) -> Result<(i64, i64)> {
    let person = session
        .person_by_id(mentor.trim())?
        .ok_or_else(|| Error::Input(format!("mentor '{mentor}': no person with that id")))?;
    let cents = parse_dollars(amount)
        .ok_or_else(|| Error::Input(format!("amount '{amount}': not an amount like 42.50")))?;
    Ok((person.key, cents))
}

/// `42.50` or `-10` as cents.
pub fn parse_dollars(text: &str) -> Option<i64> {
    let text = text.trim().trim_start_matches('$');
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, cents) = text.split_once('.').unwrap_or((text, "0"));
    if cents.len() > 2 || whole.is_empty() {
        return None;
    }
    let cents: i64 = format!("{cents:0<2}").parse().ok()?;
    let value = whole.parse::<i64>().ok()? * 100 + cents;
    Some(if negative { -value } else { value })
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
        assert_eq!(parse_dollars("42.50"), Some(4250));
        assert_eq!(parse_dollars("42.5"), Some(4250));
        assert_eq!(parse_dollars("$7"), Some(700));
        assert_eq!(parse_dollars("-10"), Some(-1000));
        assert_eq!(parse_dollars("1.234"), None);
        assert_eq!(parse_dollars("ten"), None);
    }
}
