//! RFC 5545 iCalendar: recurring program events as RRULEs, everything else as single events.

use crate::domain::agenda::{EventKind, Occurrence, Source};
use crate::domain::schedule::Recurrence;
use crate::domain::settings::Settings;
use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Offset, TimeZone, Utc, Weekday};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use std::collections::BTreeMap;

/// A TEXT value: control and bidi characters of older data escaped as every export does, then
/// the characters iCalendar quotes.
fn escape(text: &str) -> String {
    crate::domain::sanitize::keep_lines(text)
        .replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets, as RFC 5545 asks.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

fn day_code(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

fn compact(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

fn stamp(date: NaiveDate, time: NaiveTime) -> String {
    format!("{}T{}", compact(date), time.format("%H%M%S"))
}

/// One observance of a zone: the offset it switches to, from when.
#[derive(Debug, PartialEq, Eq)]
struct Observance {
    /// The instant of the switch (the range's start for the first one).
    at: DateTime<Utc>,
    from_seconds: i32,
    to_seconds: i32,
    daylight: bool,
    name: Option<String>,
}

fn observance(zone: Tz, at: DateTime<Utc>, from_seconds: i32) -> Observance {
    let offset = zone.offset_from_utc_datetime(&at.naive_utc());
    Observance {
        at,
        from_seconds,
        to_seconds: offset.fix().local_minus_utc(),
        daylight: !offset.dst_offset().is_zero(),
        name: offset.abbreviation().map(str::to_string),
    }
}

/// What an observance is told apart by: its offset, whether it is daylight time, its name.
fn signature(o: &Observance) -> (i32, bool, Option<&str>) {
    (o.to_seconds, o.daylight, o.name.as_deref())
}

/// The observances of `zone` from `from` to `to`, read from chrono-tz: the one in force a day
/// before `from` (so that it covers `from` in every zone), then one for each change, found day
/// by day and then to the second.
fn observances(zone: Tz, from: NaiveDate, to: NaiveDate) -> Vec<Observance> {
    let start = (from - Days::new(1)).and_time(NaiveTime::MIN).and_utc();
    let end = to.and_time(NaiveTime::MIN).and_utc();
    let first = observance(zone, start, 0);
    let mut out = vec![Observance {
        from_seconds: first.to_seconds,
        ..first
    }];
    let mut day = start;
    while day < end {
        let next = day + chrono::Duration::days(1);
        let before = observance(zone, day, 0);
        if signature(&before) != signature(&observance(zone, next, 0)) {
            // The change lies in (low, high]: halve the day down to the second.
            let (mut low, mut high) = (day, next);
            while high - low > chrono::Duration::seconds(1) {
                let mid = low + (high - low) / 2;
                if signature(&observance(zone, mid, 0)) == signature(&before) {
                    low = mid;
                } else {
                    high = mid;
                }
            }
            out.push(observance(zone, high, before.to_seconds));
        }
        day = next;
    }
    out
}

fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

/// The VTIMEZONE of `zone` for the dates `from`..`to`, one STANDARD or DAYLIGHT observance per
/// change, each starting at the local time of the offset it switches from (RFC 5545 3.6.5).
fn vtimezone(zone: Tz, from: NaiveDate, to: NaiveDate, w: &mut Writer) {
    w.line("BEGIN:VTIMEZONE");
    w.line(&format!("TZID:{}", zone.name()));
    for o in observances(zone, from, to) {
        let kind = if o.daylight { "DAYLIGHT" } else { "STANDARD" };
        let local = o.at.naive_utc() + chrono::Duration::seconds(i64::from(o.from_seconds));
        w.line(&format!("BEGIN:{kind}"));
        w.line(&format!("DTSTART:{}", local.format("%Y%m%dT%H%M%S")));
        w.line(&format!("TZOFFSETFROM:{}", utc_offset(o.from_seconds)));
        w.line(&format!("TZOFFSETTO:{}", utc_offset(o.to_seconds)));
        if let Some(name) = &o.name {
            w.line(&format!("TZNAME:{}", escape(name)));
        }
        w.line(&format!("END:{kind}"));
    }
    w.line("END:VTIMEZONE");
}

/// Whether local times in `zone` are simply UTC, written with a `Z` and no VTIMEZONE.
fn is_utc(zone: Tz) -> bool {
    matches!(zone, Tz::UTC | Tz::Etc__UTC | Tz::Etc__Universal | Tz::Etc__Zulu)
}

struct Writer {
    out: String,
    zone: Tz,
    now: String,
}

impl Writer {
    fn line(&mut self, line: &str) {
        fold(line, &mut self.out);
    }

    /// `NAME;TZID=zone:local` in the program's zone, or `NAME:utcZ` when the zone is UTC.
    fn local_time(&mut self, name: &str, date: NaiveDate, time: NaiveTime) {
        if is_utc(self.zone) {
            self.line(&format!("{name}:{}Z", stamp(date, time)));
        } else {
            let tz = self.zone.name();
            self.line(&format!("{name};TZID={tz}:{}", stamp(date, time)));
        }
    }

    /// DTSTART/DTEND of an occurrence: local times in the program's zone, or whole days.
    fn times(&mut self, o: &Occurrence) {
        match (o.start, o.end) {
            (Some(start), end) => {
                let end = end.unwrap_or(start);
                self.local_time("DTSTART", o.date, start);
                self.local_time("DTEND", o.date, end);
            }
            (None, _) => {
                self.line(&format!("DTSTART;VALUE=DATE:{}", compact(o.date)));
                self.line(&format!("DTEND;VALUE=DATE:{}", compact(o.date + Days::new(1))));
            }
        }
    }

    fn event(&mut self, uid: &str, o: &Occurrence, rrule: Option<String>) {
        self.line("BEGIN:VEVENT");
        self.line(&format!("UID:{uid}"));
        let now = self.now.clone();
        self.line(&format!("DTSTAMP:{now}"));
        self.times(o);
        if let Some(rule) = rrule {
            self.line(&format!("RRULE:{rule}"));
        }
        self.line(&format!("SUMMARY:{}", escape(&o.title)));
        self.line(&format!("CATEGORIES:{}", o.kind.as_str()));
        if !o.detail.is_empty() {
            self.line(&format!("DESCRIPTION:{}", escape(&o.detail)));
        }
        self.line("END:VEVENT");
    }
}

fn slug(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// The occurrences as an iCalendar file. Occurrences of one recurring program event become one
/// VEVENT with an RRULE from its first to its last date in the range, months outside the rule
/// excluded by BYMONTH, and cancelled dates by EXDATE; report due dates likewise. Timed events
/// are in the program's zone, described by a VTIMEZONE for the years they span.
pub fn calendar(
    occurrences: &[Occurrence],
    settings: &Settings,
    program_start: NaiveDate,
    name: &str,
) -> String {
    let mut w = Writer {
        out: String::new(),
        zone: settings.zone(),
        now: chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string(),
    };
    w.line("BEGIN:VCALENDAR");
    w.line("VERSION:2.0");
    w.line("PRODID:-//mentordesk//mentordesk//EN");
    w.line("CALSCALE:GREGORIAN");
    w.line(&format!("X-WR-CALNAME:{}", escape(name)));
    w.line(&format!("X-WR-TIMEZONE:{}", w.zone.name()));
    let timed = occurrences.iter().filter(|o| o.start.is_some()).map(|o| o.date);
    if let (Some(first), Some(last)) = (timed.clone().min(), timed.max())
        && !is_utc(w.zone)
    {
        // Whole years, so that a series' UNTIL (two days past its last date) stays inside.
        let from = NaiveDate::from_ymd_opt(first.year(), 1, 1).expect("January 1st");
        let to = NaiveDate::from_ymd_opt(last.year() + 1, 1, 1).expect("January 1st");
        let zone = w.zone;
        vtimezone(zone, from, to, &mut w);
    }

    let mut series: BTreeMap<usize, Vec<&Occurrence>> = BTreeMap::new();
    let mut due: Vec<&Occurrence> = Vec::new();
    for o in occurrences {
        match o.source {
            Source::Series(index) if !matches!(settings.events[index].rule, Recurrence::Once { .. }) => {
                series.entry(index).or_default().push(o)
            }
            _ if o.kind == EventKind::ReportDue => due.push(o),
            _ => {
                let uid = match o.source {
                    Source::Stored(key) => format!("event-{key}@mentordesk"),
                    _ => format!(
                        "{}-{}-{}@mentordesk",
                        o.kind.as_str(),
                        slug(&o.title),
                        compact(o.date)
                    ),
                };
                w.event(&uid, o, None);
            }
        }
    }
    for (index, dates) in series {
        let event = &settings.events[index];
        let (first, last) = (dates[0], dates[dates.len() - 1]);
        let byday = match event.rule {
            Recurrence::Weekly { weekday } => format!("FREQ=WEEKLY;BYDAY={}", day_code(weekday)),
            Recurrence::NthWeekday { n, weekday } => format!("FREQ=MONTHLY;BYDAY={n}{}", day_code(weekday)),
            Recurrence::LastWeekday { weekday } => format!("FREQ=MONTHLY;BYDAY=-1{}", day_code(weekday)),
            Recurrence::Once { .. } => continue,
        };
        let months: Vec<String> = event
            .active_months(program_start)
            .iter()
            .map(u32::to_string)
            .collect();
        // With a TZID start, UNTIL must be UTC; two days after the last local date is past it
        // in every zone and before the next occurrence of a weekly or monthly rule.
        let until = match first.start {
            Some(_) => format!("{}T000000Z", compact(last.date + Days::new(2))),
            None => compact(last.date),
        };
        let rule = format!("{byday};BYMONTH={};UNTIL={until}", months.join(","));
        w.line("BEGIN:VEVENT");
        w.line(&format!("UID:series-{index}-{}@mentordesk", slug(&event.title)));
        let now = w.now.clone();
        w.line(&format!("DTSTAMP:{now}"));
        w.times(first);
        w.line(&format!("RRULE:{rule}"));
        // Dates the rule yields but the program cancelled.
        let kept: Vec<NaiveDate> = dates.iter().map(|o| o.date).collect();
        for date in event.dates(program_start, first.date, last.date) {
            if !kept.contains(&date) {
                match first.start {
                    Some(start) => w.local_time("EXDATE", date, start),
                    None => w.line(&format!("EXDATE;VALUE=DATE:{}", compact(date))),
                }
            }
        }
        w.line(&format!("SUMMARY:{}", escape(&event.title)));
        w.line(&format!("CATEGORIES:{}", first.kind.as_str()));
        w.line("END:VEVENT");
    }
    if let (Some(first), Some(last), Some(weekday)) = (due.first(), due.last(), settings.report_due_weekday) {
        let rule = format!(
            "FREQ=MONTHLY;BYDAY=-1{};UNTIL={}",
            day_code(weekday),
            compact(last.date)
        );
        w.event(
            &format!("report-due-{}@mentordesk", first.date.year()),
            first,
            Some(rule),
        );
    }
    w.line("END:VCALENDAR");
    w.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn chicago_switches_at_two_in_the_morning_local_time_twice_a_year() {
        let found: Vec<(String, String, String, bool)> =
            observances(chrono_tz::America::Chicago, d(2021, 1, 1), d(2023, 1, 1))
                .iter()
                .map(|o| {
                    let local = o.at.naive_utc() + chrono::Duration::seconds(i64::from(o.from_seconds));
                    (
                        local.format("%Y%m%dT%H%M%S").to_string(),
                        utc_offset(o.from_seconds),
                        utc_offset(o.to_seconds),
                        o.daylight,
                    )
                })
                .collect();
        let row = |at: &str, from: &str, to: &str, daylight: bool| {
            (at.to_string(), from.to_string(), to.to_string(), daylight)
        };
        assert_eq!(
            found,
            [
                row("20201230T180000", "-0600", "-0600", false),
                row("20210314T020000", "-0600", "-0500", true),
                row("20211107T020000", "-0500", "-0600", false),
                row("20220313T020000", "-0600", "-0500", true),
                row("20221106T020000", "-0500", "-0600", false),
            ]
        );
    }

    fn meeting(date: NaiveDate) -> Occurrence {
        Occurrence {
            date,
            start: NaiveTime::from_hms_opt(10, 0, 0),
            end: NaiveTime::from_hms_opt(11, 0, 0),
            kind: EventKind::Meeting,
            title: "Pair meeting".into(),
            detail: String::new(),
            source: Source::Stored(1),
            mentor: None,
        }
    }

    #[test]
    fn a_utc_program_writes_utc_times_and_no_vtimezone_and_others_one_per_zone() {
        let mut settings = Settings {
            time_zone: "UTC".into(),
            ..Settings::default()
        };
        let occurrences = [meeting(d(2026, 3, 2)), meeting(d(2027, 1, 4))];
        let text = calendar(&occurrences, &settings, d(2026, 1, 1), "P");
        assert!(!text.contains("VTIMEZONE") && !text.contains("TZID"), "{text}");
        assert!(text.contains("DTSTART:20260302T100000Z\r\n"), "{text}");
        settings.time_zone = "Europe/Berlin".into();
        let text = calendar(&occurrences, &settings, d(2026, 1, 1), "P");
        assert_eq!(text.matches("BEGIN:VTIMEZONE").count(), 1, "{text}");
        assert!(
            text.contains("DTSTART;TZID=Europe/Berlin:20270104T100000\r\n"),
            "{text}"
        );
        // Both years' changes: the VTIMEZONE spans every year an event is in.
        assert_eq!(text.matches("BEGIN:DAYLIGHT").count(), 2, "{text}");
        assert!(text.contains("DTSTART:20270328T020000"), "{text}");
        // Nothing timed, nothing to describe.
        let all_day = Occurrence {
            start: None,
            end: None,
            ..meeting(d(2026, 3, 2))
        };
        assert!(!calendar(&[all_day], &settings, d(2026, 1, 1), "P").contains("VTIMEZONE"));
    }

    #[test]
    fn a_zone_without_daylight_time_has_one_observance_and_odd_offsets_keep_their_minutes() {
        let kolkata = observances(chrono_tz::Asia::Kolkata, d(2021, 1, 1), d(2023, 1, 1));
        assert_eq!(kolkata.len(), 1);
        assert_eq!(utc_offset(kolkata[0].to_seconds), "+0530");
        assert_eq!(utc_offset(-(3 * 3600 + 30 * 60)), "-0330");
    }
}
