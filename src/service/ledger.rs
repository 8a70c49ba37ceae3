//! The ledger: every mentor's compensation for the program year.

use crate::domain::permissions::Permission;
use crate::domain::records::{NewLedgerEntry, Person};
use crate::domain::schedule::program_year_of;
use crate::domain::settings::Unit;
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
    /// Compensation counted in time (NEA comp time, organizational leave); `None` for money.
    pub minutes: Option<i64>,
    pub status: LedgerStatus,
    pub note: String,
    /// "rule" (from the program's settings) or "entry" (added by a coordinator).
    pub source: &'static str,
}

impl LedgerLine {
    /// `$125.00`, or `2.5 h` for time.
    pub fn amount(&self) -> String {
        match self.minutes {
            Some(minutes) => hours(minutes),
            None => dollars(self.amount_cents),
        }
    }
}

/// `2.5 h`, `8 h`
pub fn hours(minutes: i64) -> String {
    let text = format!("{:.2}", minutes as f64 / 60.0);
    format!("{} h", text.trim_end_matches('0').trim_end_matches('.'))
}

/// The time earned by kind (comp time, leave), in the order first met: `comp time 3 h`.
pub fn time_summary(lines: &[LedgerLine]) -> String {
    let mut kinds: Vec<(&str, i64)> = Vec::new();
    for l in lines {
        let Some(minutes) = l.minutes else { continue };
        match kinds.iter_mut().find(|(k, _)| *k == l.kind) {
            Some((_, sum)) => *sum += minutes,
            None => kinds.push((&l.kind, minutes)),
        }
    }
    kinds
        .iter()
        .map(|(kind, minutes)| format!("{kind} {}", hours(*minutes)))
        .collect::<Vec<_>>()
        .join(" · ")
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
        .filter(|m| session.may(Permission::ReadLedger, session.relation_to(m.key)))
        .collect();
    for mentor in &mentors {
        let line = |date: NaiveDate, kind: &str, amount_cents: i64, status, note: String| LedgerLine {
            mentor_id: mentor.id.clone(),
            mentor: mentor.name.clone(),
            date,
            kind: kind.to_string(),
            amount_cents,
            minutes: None,
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
            minutes: e.minutes,
            status,
            note: e.note,
            source: "entry",
        });
    }
    lines.sort_by(|a, b| a.date.cmp(&b.date).then(a.mentor.cmp(&b.mentor)));
    Ok(lines)
}

/// Adds compensation a coordinator typed (the CLI's `ledger add`, the ledger's form): the
/// mentor's id, one of the program's kinds (setting `compensation`), the amount in the kind's
/// unit (dollars like `42.50` or `-10`; hours like `2.5`), the day and a note. Gives the entry's
/// key and its amount as recorded (`$42.50`, `2.5 h`).
pub fn add_entry(
    session: &mut Session,
    mentor: &str,
    kind: &str,
    amount: &str,
    on: NaiveDate,
    note: &str,
) -> Result<(i64, String)> {
    let kind = kind.trim();
    if kind == PAYMENT {
        return Err(Error::Input(
            "kind 'payment': a payment is recorded with `ledger pay`, not added as compensation".into(),
        ));
    }
    let kinds = &session.program.settings.compensation;
    let Some(unit) = kinds.iter().find(|k| k.kind == kind).map(|k| k.unit) else {
        let names: Vec<&str> = kinds.iter().map(|k| k.kind.as_str()).collect();
        return Err(Error::Input(format!(
            "kind '{kind}': not one of the program's kinds of compensation: {} (setting compensation)",
            names.join(", ")
        )));
    };
    let mentor = mentor_key(session, mentor)?;
    let (amount_cents, minutes) = match unit {
        Unit::Dollars => (cents_of(amount)?, None),
        Unit::Hours => {
            let minutes = parse_hours(amount)
                .ok_or_else(|| Error::Input(format!("amount '{amount}': not a number of hours like 2.5")))?;
            (0, Some(minutes))
        }
    };
    let key = session.add_ledger_entry(&NewLedgerEntry {
        mentor,
        kind,
        amount_cents,
        on,
        note,
        paid: false,
        minutes,
    })?;
    Ok((key, minutes.map_or_else(|| dollars(amount_cents), hours)))
}

/// Records a payment made to a mentor: what is owed goes down by `amount`. Gives the entry's key
/// and the amount paid.
pub fn pay(
    session: &mut Session,
    mentor: &str,
    amount: &str,
    on: NaiveDate,
    note: &str,
) -> Result<(i64, String)> {
    let mentor = mentor_key(session, mentor)?;
    let cents = cents_of(amount)?;
    if cents <= 0 {
        return Err(Error::Input(format!(
            "amount '{amount}': a payment is more than zero"
        )));
    }
    let key = session.add_ledger_entry(&NewLedgerEntry {
        mentor,
        kind: PAYMENT,
        amount_cents: cents,
        on,
        note,
        paid: true,
        minutes: None,
    })?;
    Ok((key, dollars(cents)))
}

fn mentor_key(session: &Session, mentor: &str) -> Result<i64> {
    Ok(session
        .person_by_id(mentor.trim())?
        .ok_or_else(|| Error::Input(format!("mentor '{mentor}': no person with that id")))?
        .key)
}

fn cents_of(amount: &str) -> Result<i64> {
    parse_dollars(amount).ok_or_else(|| Error::Input(format!("amount '{amount}': not an amount like 42.50")))
}

/// `2.5` or `-1` hours as minutes, to the minute.
pub fn parse_hours(text: &str) -> Option<i64> {
    let hours: f64 = text.trim().trim_end_matches('h').trim().parse().ok()?;
    hours.is_finite().then(|| (hours * 60.0).round() as i64)
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
        assert_eq!(parse_hours("2.5"), Some(150));
        assert_eq!(parse_hours("8 h"), Some(480));
        assert_eq!(parse_hours("NaN"), None);
        assert_eq!(
            (hours(150), hours(480), hours(20)),
            ("2.5 h".into(), "8 h".into(), "0.33 h".into())
        );
    }
}
