//! When a contact's reporting form is due, and whether it is overdue.

use super::dates::{YearMonth, last_weekday};
use chrono::{NaiveDate, Weekday};

/// The report for a contact is due on the last `weekday` of the contact's month, or of the next
/// month when the contact came after that day.
pub fn report_due(occurred_on: NaiveDate, weekday: Weekday) -> NaiveDate {
    let month = YearMonth::of(occurred_on);
    let this_month = last_weekday(month, weekday);
    if occurred_on <= this_month {
        this_month
    } else {
        last_weekday(month.next(), weekday)
    }
}

/// The last day whose contacts have their reports due on or before `day`. Due dates only grow
/// with the contact's date, so a report is due by `day` exactly when its contact happened on or
/// before this date: a query can pick such contacts by their date alone.
pub fn reports_due_by(day: NaiveDate, weekday: Weekday) -> NaiveDate {
    let month = YearMonth::of(day);
    let this_month = last_weekday(month, weekday);
    if this_month <= day {
        this_month
    } else {
        last_weekday(month.prev(), weekday)
    }
}

/// The last contact day whose unsubmitted report is overdue `today` (see [`days_overdue`]).
pub fn overdue_through(today: NaiveDate, weekday: Weekday) -> NaiveDate {
    reports_due_by(today.pred_opt().unwrap_or(today), weekday)
}

/// Days overdue, or `None` when the report is submitted or today is not after its due date.
pub fn days_overdue(due: NaiveDate, submitted: bool, today: NaiveDate) -> Option<i64> {
    (!submitted && today > due).then(|| (today - due).num_days())
}

/// Where a contact's report stands: the one rule every list, screen and count uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportState {
    /// Submitted (on that day).
    Submitted,
    /// The program asks for no reports.
    NotAsked,
    /// Due on that day, which has not passed.
    Pending { due: NaiveDate },
    /// Overdue since `due`, by `days`.
    Late { due: NaiveDate, days: i64 },
}

/// The report of a contact of `occurred_on`, submitted or not, where reports are due on the
/// last `weekday` (`None`: the program asks for none), seen on `today`.
pub fn report_state(
    occurred_on: NaiveDate,
    submitted: bool,
    weekday: Option<Weekday>,
    today: NaiveDate,
) -> ReportState {
    let Some(weekday) = weekday else {
        return ReportState::NotAsked;
    };
    if submitted {
        return ReportState::Submitted;
    }
    let due = report_due(occurred_on, weekday);
    match days_overdue(due, false, today) {
        Some(days) => ReportState::Late { due, days },
        None => ReportState::Pending { due },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_reports_state_by_the_one_rule() {
        use chrono::Weekday::Thu;
        // Nov 2026's last Thursday is the 26th; a contact after it is due Dec 31.
        let cases = [
            (
                d(2026, 11, 10),
                false,
                Some(Thu),
                d(2026, 11, 26),
                ReportState::Pending { due: d(2026, 11, 26) },
            ),
            (
                d(2026, 11, 10),
                false,
                Some(Thu),
                d(2026, 11, 27),
                ReportState::Late {
                    due: d(2026, 11, 26),
                    days: 1,
                },
            ),
            (
                d(2026, 11, 27),
                false,
                Some(Thu),
                d(2026, 12, 7),
                ReportState::Pending { due: d(2026, 12, 31) },
            ),
            (
                d(2026, 11, 10),
                true,
                Some(Thu),
                d(2026, 12, 7),
                ReportState::Submitted,
            ),
            (
                d(2026, 11, 10),
                false,
                None,
                d(2026, 12, 7),
                ReportState::NotAsked,
            ),
        ];
        for (on, submitted, weekday, today, want) in cases {
            assert_eq!(
                report_state(on, submitted, weekday, today),
                want,
                "{on} seen {today}"
            );
        }
    }

    #[test]
    fn due_date_table() {
        let cases = [
            ("first of the month", d(2026, 11, 1), d(2026, 11, 26)),
            ("on the last Thursday itself", d(2026, 11, 26), d(2026, 11, 26)),
            (
                "the day after the last Thursday",
                d(2026, 11, 27),
                d(2026, 12, 31),
            ),
            (
                "last day of the month, after the Thursday",
                d(2026, 11, 30),
                d(2026, 12, 31),
            ),
            (
                "last day of the month is the Thursday",
                d(2026, 12, 31),
                d(2026, 12, 31),
            ),
            (
                "after December's Thursday rolls into January",
                d(2025, 12, 26),
                d(2026, 1, 29),
            ),
            ("February, before", d(2026, 2, 10), d(2026, 2, 26)),
            ("February, after", d(2026, 2, 27), d(2026, 3, 26)),
            ("leap February on leap day", d(2024, 2, 29), d(2024, 2, 29)),
        ];
        for (name, on, want) in cases {
            assert_eq!(report_due(on, Weekday::Thu), want, "{name}");
        }
    }

    #[test]
    fn overdue_through_agrees_with_the_due_rule_day_by_day() {
        let start = d(2023, 11, 1);
        for weekday in [Weekday::Thu, Weekday::Mon, Weekday::Sun] {
            for t in (0..800).step_by(3) {
                let today = start + chrono::Days::new(t);
                let through = overdue_through(today, weekday);
                for back in 0..120 {
                    let on = today - chrono::Days::new(back);
                    let overdue = days_overdue(report_due(on, weekday), false, today).is_some();
                    assert_eq!(overdue, on <= through, "{weekday} today {today} contact {on}");
                }
            }
        }
    }

    #[test]
    fn overdue_table() {
        let due = d(2026, 10, 29);
        let cases = [
            ("on the due date itself", d(2026, 10, 29), false, None),
            ("the day after", d(2026, 10, 30), false, Some(1)),
            ("submitted is never overdue", d(2026, 11, 23), true, None),
            ("before the due date", d(2026, 10, 1), false, None),
            ("weeks later", d(2026, 11, 23), false, Some(25)),
        ];
        for (name, today, submitted, want) in cases {
            assert_eq!(days_overdue(due, submitted, today), want, "{name}");
        }
    }
}
