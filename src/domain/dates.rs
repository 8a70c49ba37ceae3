//! Calendar arithmetic the rules share: months, days in a month, the nth or last weekday; and
//! the one rule every date that comes in obeys (years 1900 to 2200), with its parsers.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use std::fmt;

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    pub fn new(year: i32, month: u32) -> Option<Self> {
        (1..=12).contains(&month).then_some(Self { year, month })
    }

    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("month is 1..=12")
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day() - Days::new(1)
    }

    pub fn days(self) -> u32 {
        self.last_day().day()
    }

    pub fn next(self) -> Self {
        Self::of(self.first_day() + Months::new(1))
    }

    pub fn prev(self) -> Self {
        Self::of(self.first_day() - Months::new(1))
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        Self::of(date) == self
    }

    /// `Nov 2026`
    pub fn label(self) -> String {
        self.first_day().format("%b %Y").to_string()
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl std::str::FromStr for YearMonth {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        let bad = || format!("'{text}' is not a month like 2026-11");
        let (y, m) = text.trim().split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(bad());
        }
        let year = y.parse().map_err(|_| bad())?;
        let month = m.parse().map_err(|_| bad())?;
        let month = Self::new(year, month).ok_or_else(bad)?;
        check_year(year, text.trim())?;
        Ok(month)
    }
}

/// The `n`th (1-based) `weekday` of a month, if the month has one.
pub fn nth_weekday(month: YearMonth, weekday: Weekday, n: u8) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(month.year, month.month, weekday, n)
}

/// The last `weekday` of a month.
pub fn last_weekday(month: YearMonth, weekday: Weekday) -> NaiveDate {
    let last = month.last_day();
    let back = (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    last - Days::new(u64::from(back))
}

/// The years a date may fall in. Outside them a date is a typing mistake, and the calendar
/// arithmetic of every screen is only known to hold inside them.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Refuses a date outside [`YEARS`], for dates that come in already parsed (settings, a
/// contact built by a front end); the caller names the field.
pub fn check_date(date: NaiveDate) -> Result<(), String> {
    check_year(date.year(), &date.to_string())
}

fn check_year(year: i32, text: &str) -> Result<(), String> {
    if YEARS.contains(&year) {
        Ok(())
    } else {
        Err(format!(
            "'{text}' is out of range: years {} to {} only",
            YEARS.start(),
            YEARS.end()
        ))
    }
}

/// Parses `YYYY-MM-DD` in the years [`YEARS`], with a message that says what was expected.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("'{text}' is not a date like 2026-11-23"))?;
    check_year(date.year(), text)?;
    Ok(date)
}

/// The day (`YYYY-MM-DD`) of a stored timestamp, or the whole text when it is shorter or does
/// not start with ten ASCII characters (a hand-edited database never panics a screen).
pub fn day_of_stamp(stamp: &str) -> &str {
    stamp.get(..10).unwrap_or(stamp)
}

/// The format a date and time is written in: `2026-11-23T14:30`.
pub const DATETIME_FORMAT: &str = "%Y-%m-%dT%H:%M";

/// Parses `YYYY-MM-DDTHH:MM` (or with a space for the `T`), or a bare `YYYY-MM-DD` meaning its
/// midnight, in the years [`YEARS`].
pub fn parse_date_time(text: &str) -> Result<NaiveDateTime, String> {
    let text = text.trim();
    let at = NaiveDateTime::parse_from_str(text, DATETIME_FORMAT)
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M"))
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d").map(|d| d.and_time(NaiveTime::MIN)))
        .map_err(|_| format!("'{text}' is not a date like 2026-11-23 or 2026-11-23T14:30"))?;
    check_year(at.year(), text)?;
    Ok(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_day_of_a_stamp_never_cuts_inside_a_character() {
        assert_eq!(day_of_stamp("2026-11-23T10:00:00Z"), "2026-11-23");
        assert_eq!(day_of_stamp("2026"), "2026");
        assert_eq!(day_of_stamp("2026-11-2é…"), "2026-11-2é…");
    }

    #[test]
    fn days_in_month_including_leap_february() {
        let cases = [
            ((2024, 2), 29),
            ((2023, 2), 28),
            ((2100, 2), 28),
            ((2000, 2), 29),
            ((2026, 11), 30),
            ((2026, 12), 31),
        ];
        for ((y, m), want) in cases {
            assert_eq!(YearMonth::new(y, m).unwrap().days(), want, "{y}-{m}");
        }
    }

    #[test]
    fn last_thursday_table() {
        let cases = [
            ((2026, 11), d(2026, 11, 26)),
            ((2026, 12), d(2026, 12, 31)), // the 31st is a Thursday
            ((2026, 1), d(2026, 1, 29)),
            ((2024, 2), d(2024, 2, 29)), // leap day is a Thursday
            ((2026, 2), d(2026, 2, 26)),
            ((2021, 9), d(2021, 9, 30)),
        ];
        for ((y, m), want) in cases {
            let got = last_weekday(YearMonth::new(y, m).unwrap(), Weekday::Thu);
            assert_eq!(got, want, "{y}-{m}");
        }
    }

    #[test]
    fn nth_weekday_table() {
        let tue = Weekday::Tue;
        assert_eq!(
            nth_weekday(YearMonth::new(2021, 9).unwrap(), tue, 2),
            Some(d(2021, 9, 14))
        );
        assert_eq!(
            nth_weekday(YearMonth::new(2022, 3).unwrap(), tue, 2),
            Some(d(2022, 3, 8))
        );
        // June 2021 starts on a Tuesday: the 1st is the first.
        assert_eq!(
            nth_weekday(YearMonth::new(2021, 6).unwrap(), tue, 1),
            Some(d(2021, 6, 1))
        );
        // Only some months have a fifth Tuesday.
        assert_eq!(
            nth_weekday(YearMonth::new(2021, 6).unwrap(), tue, 5),
            Some(d(2021, 6, 29))
        );
        assert_eq!(nth_weekday(YearMonth::new(2021, 9).unwrap(), tue, 5), None);
    }

    #[test]
    fn dates_outside_the_sane_years_are_refused_at_parsing() {
        assert_eq!(parse_date("1900-01-01"), Ok(d(1900, 1, 1)));
        assert_eq!(parse_date(" 2200-12-31 "), Ok(d(2200, 12, 31)));
        for text in ["9999-12-31", "1899-12-31", "2201-01-01", "0001-01-01"] {
            let err = parse_date(text).unwrap_err();
            assert!(err.contains("out of range"), "{text}: {err}");
        }
        assert!(
            "9999-12"
                .parse::<YearMonth>()
                .unwrap_err()
                .contains("out of range")
        );
        assert!("2026-02".parse::<YearMonth>().is_ok());
    }

    #[test]
    fn date_times_obey_the_same_years() {
        let at = |y, m, day, h, min| d(y, m, day).and_hms_opt(h, min, 0).unwrap();
        assert_eq!(parse_date_time("2026-11-23T14:30"), Ok(at(2026, 11, 23, 14, 30)));
        assert_eq!(
            parse_date_time(" 2026-11-23 14:30 "),
            Ok(at(2026, 11, 23, 14, 30))
        );
        assert_eq!(parse_date_time("1900-01-01"), Ok(at(1900, 1, 1, 0, 0)));
        assert_eq!(
            parse_date_time("0001-01-01T10:00"),
            Err("'0001-01-01T10:00' is out of range: years 1900 to 2200 only".into())
        );
        assert!(
            parse_date_time("2201-01-01")
                .unwrap_err()
                .contains("out of range")
        );
        assert!(
            parse_date_time("2026-11-23T25:00")
                .unwrap_err()
                .contains("not a date")
        );
        assert_eq!(check_date(d(2026, 1, 1)), Ok(()));
        assert_eq!(
            check_date(d(1, 1, 1)),
            Err("'0001-01-01' is out of range: years 1900 to 2200 only".into())
        );
    }

    #[test]
    fn month_steps_across_years() {
        let dec = YearMonth::new(2026, 12).unwrap();
        assert_eq!(dec.next(), YearMonth::new(2027, 1).unwrap());
        assert_eq!(dec.next().prev(), dec);
        assert_eq!("2026-02".parse::<YearMonth>().unwrap().days(), 28);
        assert!("2026-13".parse::<YearMonth>().is_err());
        assert!("26-1".parse::<YearMonth>().is_err());
    }
}
