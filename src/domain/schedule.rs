//! Recurring program events: "2nd Tuesday", "last Thursday", weekly, or once.

use super::dates::{YearMonth, last_weekday, nth_weekday};
use chrono::{Datelike, Days, Months, NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "every", rename_all = "kebab-case")]
pub enum Recurrence {
    Once { date: NaiveDate },
    Weekly { weekday: Weekday },
    NthWeekday { n: u8, weekday: Weekday },
    LastWeekday { weekday: Weekday },
}

/// A program event that repeats within each program year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecurringEvent {
    pub title: String,
    pub kind: String,
    pub rule: Recurrence,
    pub starts: NaiveTime,
    pub ends: NaiveTime,
    /// The calendar months of the program year the rule runs from and to, inclusive
    /// (September to May is `9` and `5`). `None` means the whole year.
    pub months: Option<(u32, u32)>,
    /// Calendar months skipped inside that span.
    #[serde(default)]
    pub skip_months: Vec<u32>,
    /// What the session is about (WEAC: "a topic suggested by the rural leaders"); blank for none.
    #[serde(default)]
    pub topic: String,
    /// Where it is held, or its link (WEAC: "All trainings will be held via zoom or webinar");
    /// blank for none.
    #[serde(default)]
    pub place: String,
}

/// Months as a user types them: names ("Sep", "september") or numbers ("12, 6"), separated by
/// commas or spaces; blank is none. Sorted, each once.
pub fn parse_skip_months(text: &str) -> Result<Vec<u32>, String> {
    let mut months = Vec::new();
    for word in text.split([',', ' ']).filter(|w| !w.is_empty()) {
        let month = match word.parse::<u32>() {
            Ok(month @ 1..=12) => month,
            Ok(_) => {
                return Err(format!(
                    "'{word}' is not a month: a number from 1 to 12 or a name"
                ));
            }
            Err(_) => month_of_name(word)
                .ok_or_else(|| format!("'{word}' is not a month: a number from 1 to 12 or a name"))?,
        };
        if !months.contains(&month) {
            months.push(month);
        }
    }
    months.sort_unstable();
    Ok(months)
}

const MONTH_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A month's number from its name or its first three letters, in any case.
fn month_of_name(word: &str) -> Option<u32> {
    let word = word.to_ascii_lowercase();
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    full.iter()
        .position(|name| word.len() >= 3 && name.starts_with(&word))
        .map(|at| at as u32 + 1)
}

/// Months as their short names, "Sep, Oct, Jun"; blank for none.
pub fn month_names(months: &[u32]) -> String {
    months
        .iter()
        .filter_map(|m| MONTH_NAMES.get((*m as usize).wrapping_sub(1)))
        .copied()
        .collect::<Vec<_>>()
        .join(", ")
}

/// A program year starts on the program's start date and lasts twelve months.
pub fn program_year_of(start: NaiveDate, on: NaiveDate) -> NaiveDate {
    let mut year_start = start;
    while on >= year_start + Months::new(12) {
        year_start = year_start + Months::new(12);
    }
    while on < year_start {
        year_start = year_start - Months::new(12);
    }
    year_start
}

impl RecurringEvent {
    /// What is wrong with this event as a rule of the program, if anything: a title, a kind, a
    /// date in range, a week of the month that exists, months from 1 to 12, an end after the
    /// start (00:00 to 00:00 is all day).
    pub fn check(&self) -> Result<(), String> {
        let title = &self.title;
        if title.trim().is_empty() {
            return Err("an event needs a title".into());
        }
        if self.kind.trim().is_empty() {
            return Err(format!("'{title}': an event needs a kind"));
        }
        match self.rule {
            Recurrence::Once { date } => {
                super::dates::check_date(date).map_err(|e| format!("'{title}': date: {e}"))?
            }
            Recurrence::NthWeekday { n, .. } if !(1..=5).contains(&n) => {
                return Err(format!("'{title}': week {n} of a month: 1 to 5 only"));
            }
            _ => {}
        }
        let months = self.months.map_or(Vec::new(), |(from, to)| vec![from, to]);
        if let Some(m) = months
            .iter()
            .chain(&self.skip_months)
            .find(|m| !(1..=12).contains(*m))
        {
            return Err(format!("'{title}': month {m} is not a month from 1 to 12"));
        }
        if self.ends < self.starts {
            return Err(format!(
                "'{title}': it ends ({}) before it starts ({})",
                self.ends.format("%H:%M"),
                self.starts.format("%H:%M")
            ));
        }
        Ok(())
    }

    /// Dates of this event between `from` and `to` inclusive, for a program started on `start`.
    pub fn dates(&self, start: NaiveDate, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        if let Recurrence::Once { date } = self.rule {
            if date >= from && date <= to {
                out.push(date);
            }
            return out;
        }
        let mut month = YearMonth::of(from.max(start));
        while month.first_day() <= to {
            if self.runs_in(start, month) {
                for date in self.dates_in_month(month) {
                    if date >= from && date <= to && date >= start {
                        out.push(date);
                    }
                }
            }
            month = month.next();
        }
        out
    }

    /// The calendar months in which the rule runs, in every program year.
    pub fn active_months(&self, start: NaiveDate) -> Vec<u32> {
        let first = YearMonth::of(start);
        let mut month = first;
        let mut out = Vec::new();
        for _ in 0..12 {
            if self.runs_in(start, month) {
                out.push(month.month);
            }
            month = month.next();
        }
        out.sort_unstable();
        out
    }

    fn runs_in(&self, start: NaiveDate, month: YearMonth) -> bool {
        if self.skip_months.contains(&month.month) {
            return false;
        }
        let Some((first, last)) = self.months else {
            return true;
        };
        // Months counted from the start of the program year that holds this month.
        let year_start = YearMonth::of(program_year_of(start, month.last_day().max(start)));
        let offset = |m: u32| (m + 12 - year_start.month) % 12;
        let here = offset(month.month);
        here >= offset(first) && here <= offset(last)
    }

    fn dates_in_month(&self, month: YearMonth) -> Vec<NaiveDate> {
        match self.rule {
            Recurrence::Once { .. } => Vec::new(),
            Recurrence::NthWeekday { n, weekday } => nth_weekday(month, weekday, n).into_iter().collect(),
            Recurrence::LastWeekday { weekday } => vec![last_weekday(month, weekday)],
            Recurrence::Weekly { weekday } => {
                let mut day = month.first_day();
                while day.weekday() != weekday {
                    day = day + Days::new(1);
                }
                let mut out = Vec::new();
                while month.contains(day) {
                    out.push(day);
                    day = day + Days::new(7);
                }
                out
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_typed_as_names_or_numbers_from_1_to_12() {
        assert_eq!(parse_skip_months("12, 6 12"), Ok(vec![6, 12]));
        assert_eq!(parse_skip_months(" "), Ok(vec![]));
        assert_eq!(parse_skip_months("dec, June sep 12"), Ok(vec![6, 9, 12]));
        assert_eq!(
            parse_skip_months("13").unwrap_err(),
            "'13' is not a month: a number from 1 to 12 or a name"
        );
        assert!(parse_skip_months("de").is_err(), "too short to be sure");
        assert!(parse_skip_months("smarch").is_err());
        assert_eq!(month_names(&[9, 10, 6]), "Sep, Oct, Jun");
        assert_eq!(month_names(&[]), "");
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn t(h: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, 0, 0).unwrap()
    }

    fn checkins() -> RecurringEvent {
        RecurringEvent {
            title: "Check-in".into(),
            kind: "checkin".into(),
            rule: Recurrence::NthWeekday {
                n: 2,
                weekday: Weekday::Tue,
            },
            starts: t(18),
            ends: t(19),
            months: Some((9, 5)),
            skip_months: vec![12],
            topic: String::new(),
            place: String::new(),
        }
    }

    #[test]
    fn weac_2021_checkins_match_the_seed() {
        let start = d(2021, 8, 1);
        let got = checkins().dates(start, start, d(2022, 7, 31));
        let want = [
            d(2021, 9, 14),
            d(2021, 10, 12),
            d(2021, 11, 9),
            d(2022, 1, 11),
            d(2022, 2, 8),
            d(2022, 3, 8),
            d(2022, 4, 12),
            d(2022, 5, 10),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn the_rule_repeats_in_the_next_program_year() {
        let start = d(2021, 8, 1);
        let got = checkins().dates(start, d(2022, 8, 1), d(2022, 12, 31));
        assert_eq!(got, [d(2022, 9, 13), d(2022, 10, 11), d(2022, 11, 8)]);
    }

    #[test]
    fn weekly_and_last_weekday_rules() {
        let start = d(2024, 1, 1);
        let weekly = RecurringEvent {
            rule: Recurrence::Weekly {
                weekday: Weekday::Thu,
            },
            months: None,
            skip_months: vec![],
            ..checkins()
        };
        // February 2024 has five Thursdays, the last on the leap day.
        let feb = weekly.dates(start, d(2024, 2, 1), d(2024, 2, 29));
        assert_eq!(feb.len(), 5);
        assert_eq!(feb[4], d(2024, 2, 29));
        let last = RecurringEvent {
            rule: Recurrence::LastWeekday {
                weekday: Weekday::Thu,
            },
            ..weekly
        };
        assert_eq!(
            last.dates(start, d(2024, 2, 1), d(2024, 3, 31)),
            [d(2024, 2, 29), d(2024, 3, 28)]
        );
    }

    #[test]
    fn rules_when_the_weekday_falls_on_the_first_or_the_thirty_first() {
        let start = d(2020, 1, 1);
        let rule = |rule| RecurringEvent {
            rule,
            months: None,
            skip_months: vec![],
            ..checkins()
        };
        // March 2022 starts on a Tuesday; December 2020 ends on a Thursday.
        let second_tuesday = rule(Recurrence::NthWeekday {
            n: 1,
            weekday: Weekday::Tue,
        });
        assert_eq!(
            second_tuesday.dates(start, d(2022, 3, 1), d(2022, 3, 31)),
            [d(2022, 3, 1)]
        );
        let last_thursday = rule(Recurrence::LastWeekday {
            weekday: Weekday::Thu,
        });
        assert_eq!(
            last_thursday.dates(start, d(2020, 12, 1), d(2020, 12, 31)),
            [d(2020, 12, 31)]
        );
        // Across a year boundary and a leap year: every last Thursday from Nov 2023 to Mar 2024.
        assert_eq!(
            last_thursday.dates(start, d(2023, 11, 1), d(2024, 3, 31)),
            [
                d(2023, 11, 30),
                d(2023, 12, 28),
                d(2024, 1, 25),
                d(2024, 2, 29),
                d(2024, 3, 28)
            ]
        );
        let weekly = rule(Recurrence::Weekly {
            weekday: Weekday::Sat,
        });
        assert_eq!(
            weekly.dates(start, d(2023, 12, 25), d(2024, 1, 10)),
            [d(2023, 12, 30), d(2024, 1, 6)]
        );
        let once = rule(Recurrence::Once { date: d(2024, 2, 29) });
        assert_eq!(
            once.dates(start, d(2024, 1, 1), d(2024, 12, 31)),
            [d(2024, 2, 29)]
        );
        assert!(once.dates(start, d(2024, 3, 1), d(2024, 12, 31)).is_empty());
    }

    #[test]
    fn active_months_of_the_weac_checkins() {
        assert_eq!(
            checkins().active_months(d(2021, 8, 1)),
            [1, 2, 3, 4, 5, 9, 10, 11]
        );
    }

    #[test]
    fn program_year_bounds() {
        let start = d(2021, 8, 1);
        assert_eq!(program_year_of(start, d(2022, 7, 31)), start);
        assert_eq!(program_year_of(start, d(2022, 8, 1)), d(2022, 8, 1));
        assert_eq!(program_year_of(start, d(2021, 7, 1)), d(2020, 8, 1));
    }
}
