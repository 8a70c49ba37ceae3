//! What happens on which day: program events from the schedule rules, report due dates,
//! payments, per-pair deadlines, follow-ups and meetings, as one kind of occurrence.

use super::dates::{YearMonth, last_weekday};
use super::records::Assignment;
use super::settings::Settings;
use chrono::{Days, NaiveDate, NaiveTime, Weekday};
use serde::Serialize;
use std::collections::HashSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    Checkin,
    Training,
    ReportDue,
    Deadline,
    Payment,
    Meeting,
    Other,
}

impl EventKind {
    pub const ALL: [EventKind; 7] = [
        EventKind::Checkin,
        EventKind::Training,
        EventKind::ReportDue,
        EventKind::Deadline,
        EventKind::Payment,
        EventKind::Meeting,
        EventKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Checkin => "checkin",
            EventKind::Training => "training",
            EventKind::ReportDue => "report-due",
            EventKind::Deadline => "deadline",
            EventKind::Payment => "payment",
            EventKind::Meeting => "meeting",
            EventKind::Other => "other",
        }
    }

    /// The kind of a settings or stored event; unknown words are `Other`.
    pub fn from_word(word: &str) -> EventKind {
        EventKind::ALL
            .into_iter()
            .find(|k| k.as_str() == word)
            .unwrap_or(EventKind::Other)
    }

    /// One letter for the month grid's legend, so days are marked without colour too.
    pub fn letter(self) -> char {
        match self {
            EventKind::Checkin => 'C',
            EventKind::Training => 'T',
            EventKind::ReportDue => 'R',
            EventKind::Deadline => 'D',
            EventKind::Payment => '$',
            EventKind::Meeting => 'M',
            EventKind::Other => 'O',
        }
    }

    /// Whether attendance is taken at it.
    pub fn takes_attendance(self) -> bool {
        matches!(self, EventKind::Checkin | EventKind::Training)
    }
}

/// Where an occurrence comes from, so the screens can act on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The `index`th recurring event of the program settings.
    Series(usize),
    /// A row of the events table.
    Stored(i64),
    /// Derived from a rule or a record; nothing to open.
    Derived,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub date: NaiveDate,
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    pub kind: EventKind,
    pub title: String,
    /// A place, a link or a note.
    pub detail: String,
    pub source: Source,
    /// The mentor it belongs to, for deadlines, follow-ups and meetings.
    pub mentor: Option<i64>,
}

impl Occurrence {
    pub fn sort_key(&self) -> (NaiveDate, Option<NaiveTime>, EventKind) {
        (self.date, self.start, self.kind)
    }
}

/// Every occurrence of the settings' recurring events in `from..=to`, without the cancelled ones
/// (`(title, date)` pairs).
pub fn series_occurrences(
    settings: &Settings,
    program_start: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
    cancelled: &HashSet<(String, NaiveDate)>,
) -> Vec<Occurrence> {
    let mut out = Vec::new();
    for (index, event) in settings.events.iter().enumerate() {
        for date in event.dates(program_start, from, to) {
            if cancelled.contains(&(event.title.clone(), date)) {
                continue;
            }
            let timed = event.starts != event.ends;
            out.push(Occurrence {
                date,
                start: timed.then_some(event.starts),
                end: timed.then_some(event.ends),
                kind: EventKind::from_word(&event.kind),
                title: event.title.clone(),
                detail: [("Topic", &event.topic), ("Where", &event.place)]
                    .into_iter()
                    .filter(|(_, text)| !text.is_empty())
                    .map(|(name, text)| format!("{name}: {text}"))
                    .collect::<Vec<_>>()
                    .join(" · "),
                source: Source::Series(index),
                mentor: None,
            });
        }
    }
    out
}

fn derived(date: NaiveDate, kind: EventKind, title: String, mentor: Option<i64>) -> Occurrence {
    Occurrence {
        date,
        start: None,
        end: None,
        kind,
        title,
        detail: String::new(),
        source: Source::Derived,
        mentor,
    }
}

/// The report due date of every month touching `from..=to`.
pub fn report_due_dates(weekday: Weekday, from: NaiveDate, to: NaiveDate) -> Vec<Occurrence> {
    let mut out = Vec::new();
    let mut month = YearMonth::of(from);
    while month.first_day() <= to {
        let due = last_weekday(month, weekday);
        if due >= from && due <= to {
            out.push(derived(
                due,
                EventKind::ReportDue,
                "Contact reports due".into(),
                None,
            ));
        }
        month = month.next();
    }
    out
}

/// The NEA Monthly Record, due on the last day of each month the program lists.
pub fn monthly_records(settings: &Settings, from: NaiveDate, to: NaiveDate) -> Vec<Occurrence> {
    let mut out = Vec::new();
    let mut month = YearMonth::of(from);
    while month.first_day() <= to {
        let due = month.last_day();
        if settings.monthly_record_months.contains(&month.month) && due >= from && due <= to {
            out.push(derived(
                due,
                EventKind::Deadline,
                "Mentor Program Monthly Record due".into(),
                None,
            ));
        }
        month = month.next();
    }
    out
}

/// Compensation installments, on the first day of their month, from the program's start on.
pub fn payments(
    settings: &Settings,
    program_start: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<Occurrence> {
    let mut out = Vec::new();
    let mut month = YearMonth::of(from);
    while month.first_day() <= to {
        for i in settings.installments.iter().filter(|i| i.month == month.month) {
            let day = month.first_day();
            if day >= from && day >= program_start {
                let title = format!(
                    "{}: ${}.{:02}",
                    i.label,
                    i.amount_cents / 100,
                    i.amount_cents % 100
                );
                out.push(derived(day, EventKind::Payment, title, None));
            }
        }
        month = month.next();
    }
    out
}

/// The WVLS deadlines of one pair: first in-person meeting and goals within N days of the
/// match, evaluations within N days of its end.
pub fn pair_deadlines(a: &Assignment, mentee_name: &str, settings: &Settings) -> Vec<Occurrence> {
    let after = |date: NaiveDate, days: u32| date + Days::new(u64::from(days));
    let mut out = Vec::new();
    if a.ended_on.is_none() {
        if let Some(days) = settings.first_meeting_days {
            out.push(derived(
                after(a.started_on, days),
                EventKind::Deadline,
                format!("First in-person meeting with {mentee_name}"),
                Some(a.mentor),
            ));
        }
        if let Some(days) = settings.goals_days {
            out.push(derived(
                after(a.started_on, days),
                EventKind::Deadline,
                format!("Goals shared for {mentee_name}"),
                Some(a.mentor),
            ));
        }
    }
    if let (Some(end), Some(days)) = (a.ended_on, settings.evaluation_days) {
        out.push(derived(
            after(end, days),
            EventKind::Deadline,
            format!("Evaluations of the match with {mentee_name}"),
            Some(a.mentor),
        ));
    }
    out
}

pub fn follow_up(date: NaiveDate, title: String, mentor: i64) -> Occurrence {
    derived(date, EventKind::Other, title, Some(mentor))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::settings::Preset;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_session_shows_its_topic() {
        let start = d(2021, 8, 1);
        let mut s = Settings::preset(Preset::RuralUnion, start);
        let training = s.events.iter().position(|e| e.kind == "training").unwrap();
        let title = s.events[training].title.clone();
        s.events[training].topic = "Bargaining in a small district".into();
        let all = series_occurrences(&s, start, d(2021, 8, 1), d(2022, 7, 31), &HashSet::new());
        let (with, without): (Vec<&Occurrence>, Vec<&Occurrence>) =
            all.iter().partition(|o| o.title == title);
        assert!(!with.is_empty());
        assert!(
            with.iter()
                .all(|o| o.detail == "Topic: Bargaining in a small district")
        );
        assert!(!without.is_empty() && without.iter().all(|o| o.detail.is_empty()));
    }

    #[test]
    fn weac_2021_22_from_the_seed() {
        let start = d(2021, 8, 1);
        let s = Settings::preset(Preset::RuralUnion, start);
        let all = series_occurrences(&s, start, d(2021, 7, 1), d(2022, 7, 31), &HashSet::new());
        let checkins: Vec<NaiveDate> = all
            .iter()
            .filter(|o| o.kind == EventKind::Checkin)
            .map(|o| o.date)
            .collect();
        assert_eq!(
            checkins,
            [
                d(2021, 9, 14),
                d(2021, 10, 12),
                d(2021, 11, 9),
                d(2022, 1, 11),
                d(2022, 2, 8),
                d(2022, 3, 8),
                d(2022, 4, 12),
                d(2022, 5, 10)
            ]
        );
        let first = all
            .iter()
            .find(|o| o.date == d(2021, 9, 14) && o.kind == EventKind::Checkin)
            .unwrap();
        assert_eq!(first.start, NaiveTime::from_hms_opt(18, 0, 0));
        assert_eq!(first.end, NaiveTime::from_hms_opt(19, 0, 0));
        let sessions = all
            .iter()
            .filter(|o| o.kind == EventKind::Training && o.title == "Learning session")
            .count();
        assert_eq!(sessions, 8);
        let training: Vec<_> = all
            .iter()
            .filter(|o| o.title == "Initial mentor training")
            .map(|o| (o.date, o.start, o.end))
            .collect();
        assert_eq!(
            training,
            [(
                d(2021, 8, 17),
                NaiveTime::from_hms_opt(18, 0, 0),
                NaiveTime::from_hms_opt(20, 0, 0)
            )]
        );
        let deadlines: Vec<_> = all
            .iter()
            .filter(|o| o.kind == EventKind::Deadline)
            .map(|o| o.date)
            .collect();
        assert_eq!(deadlines, [d(2021, 7, 26), d(2021, 7, 30)]);
        let paid: Vec<_> = payments(&s, start, d(2021, 7, 1), d(2022, 7, 31))
            .into_iter()
            .map(|o| (o.date, o.title))
            .collect();
        assert_eq!(
            paid,
            [
                (d(2021, 12, 1), "First installment: $350.00".to_string()),
                (d(2022, 7, 1), "Second installment: $400.00".to_string())
            ]
        );
    }

    #[test]
    fn last_thursday_due_dates_for_a_whole_year() {
        let due: Vec<NaiveDate> = report_due_dates(Weekday::Thu, d(2026, 1, 1), d(2026, 12, 31))
            .into_iter()
            .map(|o| o.date)
            .collect();
        assert_eq!(
            due,
            [
                d(2026, 1, 29),
                d(2026, 2, 26),
                d(2026, 3, 26),
                d(2026, 4, 30),
                d(2026, 5, 28),
                d(2026, 6, 25),
                d(2026, 7, 30),
                d(2026, 8, 27),
                d(2026, 9, 24),
                d(2026, 10, 29),
                d(2026, 11, 26),
                d(2026, 12, 31),
            ]
        );
    }

    #[test]
    fn a_cancelled_occurrence_leaves_the_series() {
        let start = d(2021, 8, 1);
        let s = Settings::preset(Preset::RuralUnion, start);
        let cancelled = HashSet::from([("Mentor check-in".to_string(), d(2021, 10, 12))]);
        let all = series_occurrences(&s, start, d(2021, 9, 1), d(2021, 11, 30), &cancelled);
        let checkins: Vec<_> = all
            .iter()
            .filter(|o| o.kind == EventKind::Checkin)
            .map(|o| o.date)
            .collect();
        assert_eq!(checkins, [d(2021, 9, 14), d(2021, 11, 9)]);
        assert!(
            all.iter()
                .any(|o| o.title == "Learning session" && o.date == d(2021, 10, 12))
        );
    }

    #[test]
    fn esp_monthly_records_run_september_to_june() {
        let s = Settings::preset(Preset::Esp, d(2026, 8, 1));
        let due: Vec<NaiveDate> = monthly_records(&s, d(2026, 8, 1), d(2027, 7, 31))
            .into_iter()
            .map(|o| o.date)
            .collect();
        assert_eq!(due.len(), 10);
        assert_eq!(due.first(), Some(&d(2026, 9, 30)));
        assert_eq!(due.last(), Some(&d(2027, 6, 30)));
        assert!(due.contains(&d(2027, 2, 28)));
    }

    #[test]
    fn library_pair_deadlines() {
        let s = Settings::preset(Preset::Library, d(2026, 1, 1));
        let active = Assignment {
            key: 1,
            mentor: 2,
            mentee: 3,
            started_on: d(2026, 3, 1),
            ended_on: None,
            end_reason: None,
            version: 1,
        };
        let dates: Vec<_> = pair_deadlines(&active, "Al", &s)
            .into_iter()
            .map(|o| o.date)
            .collect();
        assert_eq!(dates, [d(2026, 3, 31), d(2026, 3, 31)]);
        let ended = Assignment {
            ended_on: Some(d(2027, 3, 1)),
            end_reason: Some(crate::domain::EndReason::Completed),
            ..active
        };
        let dates: Vec<_> = pair_deadlines(&ended, "Al", &s)
            .into_iter()
            .map(|o| o.date)
            .collect();
        assert_eq!(dates, [d(2027, 3, 31)]);
    }
}

/// A meeting or a one-off program event as the user types it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    pub kind: EventKind,
    pub title: String,
    pub date: NaiveDate,
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    pub organizer: Option<i64>,
    pub person: Option<i64>,
    pub place: String,
    pub notes: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Attendance {
    Present,
    Absent,
    Excused,
}

impl Attendance {
    pub fn as_str(self) -> &'static str {
        match self {
            Attendance::Present => "present",
            Attendance::Absent => "absent",
            Attendance::Excused => "excused",
        }
    }

    pub fn from_word(word: &str) -> Option<Attendance> {
        [Attendance::Present, Attendance::Absent, Attendance::Excused]
            .into_iter()
            .find(|a| a.as_str() == word)
    }

    /// The guests a mark keeps: those a mentor invited count on the mentor's own mark, so only
    /// a mentor who came has any (WEAC: "mentors are encouraged to invite others").
    pub fn guests_kept(self, guests: u32) -> u32 {
        if self == Attendance::Present { guests } else { 0 }
    }
}

/// One line of a person's attendance record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceRow {
    pub date: NaiveDate,
    pub event: String,
    pub person: i64,
    pub status: Attendance,
    /// Others who came at this person's invitation.
    pub guests: u32,
}

/// "2 guests", "1 guest", or nothing for none.
pub fn guests_said(guests: u32) -> String {
    match guests {
        0 => String::new(),
        1 => "1 guest".into(),
        n => format!("{n} guests"),
    }
}
