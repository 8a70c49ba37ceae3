//! The calendar screen: the month's program events, report due dates, payments and follow-ups.

use super::App;
use super::list::{ListCursor, navigate};
use crate::domain::YearMonth;
use crate::domain::dates::last_weekday;
use crate::error::Result;
use chrono::{NaiveDate, NaiveTime};
use crossterm::event::{KeyCode, KeyEvent};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaItem {
    pub date: NaiveDate,
    pub time: Option<(NaiveTime, NaiveTime)>,
    pub kind: &'static str,
    pub title: String,
}

pub struct CalendarState {
    pub month: YearMonth,
    pub items: Vec<AgendaItem>,
    pub cursor: ListCursor,
}

impl CalendarState {
    pub fn new(today: NaiveDate) -> Self {
        CalendarState {
            month: YearMonth::of(today),
            items: Vec::new(),
            cursor: ListCursor::default(),
        }
    }
}

fn kind_word(kind: &str) -> &'static str {
    match kind {
        "checkin" => "check-in",
        "training" => "training",
        "deadline" => "deadline",
        "monitoring" => "monitoring",
        _ => "event",
    }
}

pub fn load(app: &mut App) -> Result<()> {
    let month = app.calendar.month;
    let program = &app.session.program;
    let settings = &program.settings;
    let mut items = Vec::new();
    for event in &settings.events {
        for date in event.dates(program.start_date, month.first_day(), month.last_day()) {
            let timed = event.starts != event.ends;
            items.push(AgendaItem {
                date,
                time: timed.then_some((event.starts, event.ends)),
                kind: kind_word(&event.kind),
                title: event.title.clone(),
            });
        }
    }
    if let Some(weekday) = settings.report_due_weekday {
        items.push(AgendaItem {
            date: last_weekday(month, weekday),
            time: None,
            kind: "due",
            title: "Contact reports due".into(),
        });
    }
    for installment in settings.installments.iter().filter(|i| i.month == month.month) {
        items.push(AgendaItem {
            date: month.first_day(),
            time: None,
            kind: "payment",
            title: format!(
                "{}: ${} this month",
                installment.label,
                installment.amount_cents / 100
            ),
        });
    }
    let mentor = (!app.session.is_coordinator()).then_some(app.session.me.key);
    for (date, person, mentor_name) in app.session.store.follow_ups(month, mentor)? {
        let title = if mentor.is_some() {
            format!("Follow up with {person}")
        } else {
            format!("{mentor_name}: follow up with {person}")
        };
        items.push(AgendaItem {
            date,
            time: None,
            kind: "follow-up",
            title,
        });
    }
    items.sort_by_key(|item| (item.date, item.time));
    app.calendar.items = items;
    app.calendar.cursor.clamp(app.calendar.items.len());
    Ok(())
}

pub fn key(app: &mut App, key: KeyEvent) -> bool {
    let len = app.calendar.items.len();
    if let Some(changed) = navigate(&mut app.calendar.cursor, len, key) {
        return changed;
    }
    match key.code {
        KeyCode::Char('[') => app.calendar.month = app.calendar.month.prev(),
        KeyCode::Char(']') => app.calendar.month = app.calendar.month.next(),
        _ => return false,
    }
    app.calendar.cursor = ListCursor::default();
    app.reload();
    true
}
