//! The one clock: the wall time in the program's time zone, unless `--today` /
//! `MENTORDESK_TODAY` fixes the day.

use chrono::{NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    zone: Tz,
    fixed_day: Option<NaiveDate>,
}

impl Clock {
    pub fn new(zone: Tz, fixed_day: Option<NaiveDate>) -> Clock {
        Clock { zone, fixed_day }
    }

    pub fn zone(&self) -> Tz {
        self.zone
    }

    pub fn fixed_day(&self) -> Option<NaiveDate> {
        self.fixed_day
    }

    /// The wall time in the program's zone; on a fixed day, that day at the current wall time.
    pub fn now(&self) -> NaiveDateTime {
        let wall = Utc::now().with_timezone(&self.zone).naive_local();
        match self.fixed_day {
            Some(day) => day.and_time(wall.time()),
            None => wall,
        }
    }

    pub fn today(&self) -> NaiveDate {
        self.now().date()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    #[test]
    fn a_fixed_day_wins_and_the_time_is_the_zones_wall_time() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let clock = Clock::new(chrono_tz::Pacific::Kiritimati, Some(day));
        assert_eq!(clock.today(), day);
        // Kiritimati is UTC+14, so its wall time is 14 hours ahead of UTC's.
        let utc_wall = Utc::now().naive_utc().time();
        let expected = utc_wall + Duration::hours(14);
        let drift = (clock.now().time() - expected).num_seconds().abs();
        assert!(!(5..=86_395).contains(&drift), "drift {drift}s");
    }

    #[test]
    fn today_is_the_date_in_the_program_zone_not_the_hosts() {
        let honolulu = Clock::new(chrono_tz::Pacific::Honolulu, None);
        let expected = chrono_tz::Pacific::Honolulu
            .from_utc_datetime(&Utc::now().naive_utc())
            .date_naive();
        assert_eq!(honolulu.today(), expected);
    }
}
