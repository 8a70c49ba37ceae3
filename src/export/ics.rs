//! RFC 5545 iCalendar: recurring program events as RRULEs, everything else as single events.

use crate::domain::agenda::{EventKind, Occurrence, Source};
use crate::domain::schedule::Recurrence;
use crate::domain::settings::Settings;
use chrono::{Datelike, Days, NaiveDate, NaiveTime, Weekday};
use std::collections::BTreeMap;

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
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

struct Writer<'a> {
    out: String,
    tz: &'a str,
    now: String,
}

impl Writer<'_> {
    fn line(&mut self, line: &str) {
        fold(line, &mut self.out);
    }

    /// DTSTART/DTEND of an occurrence: local times in the program's zone, or whole days.
    fn times(&mut self, o: &Occurrence) {
        match (o.start, o.end) {
            (Some(start), end) => {
                let end = end.unwrap_or(start);
                let tz = self.tz.to_string();
                self.line(&format!("DTSTART;TZID={tz}:{}", stamp(o.date, start)));
                self.line(&format!("DTEND;TZID={tz}:{}", stamp(o.date, end)));
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
/// excluded by BYMONTH, and cancelled dates by EXDATE; report due dates likewise.
pub fn calendar(
    occurrences: &[Occurrence],
    settings: &Settings,
    program_start: NaiveDate,
    name: &str,
) -> String {
    let mut w = Writer {
        out: String::new(),
        tz: &settings.time_zone,
        now: chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string(),
    };
    w.line("BEGIN:VCALENDAR");
    w.line("VERSION:2.0");
    w.line("PRODID:-//mentordesk//mentordesk//EN");
    w.line("CALSCALE:GREGORIAN");
    w.line(&format!("X-WR-CALNAME:{}", escape(name)));
    w.line(&format!("X-WR-TIMEZONE:{}", settings.time_zone));

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
                    Some(start) => {
                        let tz = w.tz.to_string();
                        w.line(&format!("EXDATE;TZID={tz}:{}", stamp(date, start)));
                    }
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
