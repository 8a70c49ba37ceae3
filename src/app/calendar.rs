//! The calendar screen: a month grid, the selected day's agenda, the next 14 days, attendance
//! at check-ins and trainings, and meetings scheduled from the keyboard.

use super::event_form::EventForm;
use super::list::{ListCursor, navigate};
use super::{App, Confirm, Overlay};
use crate::domain::YearMonth;
use crate::domain::agenda::Attendance;
use crate::domain::agenda::{EventKind, Occurrence, Source};
use crate::domain::records::Person;
use crate::domain::types::Role;
use crate::error::Result;
use crate::service::calendar as agenda;
use chrono::{Days, Months, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent};

pub const UPCOMING_DAYS: u64 = 14;

pub struct CalendarState {
    pub selected: NaiveDate,
    /// The month on screen, loaded when it changes.
    pub month: YearMonth,
    pub items: Vec<Occurrence>,
    pub upcoming: Vec<Occurrence>,
    /// Within the selected day's occurrences.
    pub cursor: ListCursor,
    /// A coordinator's mentor filter.
    pub mentor: Option<Person>,
}

/// An occurrence opened with Enter; check-ins and trainings carry attendance.
pub struct EventView {
    pub occurrence: Occurrence,
    pub attendance: Vec<(Person, Option<Attendance>)>,
    pub cursor: usize,
}

impl CalendarState {
    pub fn new(today: NaiveDate) -> Self {
        CalendarState {
            selected: today,
            month: YearMonth::of(today),
            items: Vec::new(),
            upcoming: Vec::new(),
            cursor: ListCursor::default(),
            mentor: None,
        }
    }

    pub fn day_items(&self) -> Vec<&Occurrence> {
        self.items.iter().filter(|o| o.date == self.selected).collect()
    }

    /// The occurrence under the cursor on the selected day.
    pub fn selected_item(&self) -> Option<Occurrence> {
        self.day_items().get(self.cursor.selected).map(|o| (*o).clone())
    }
}

pub fn load(app: &mut App) -> Result<()> {
    let month = YearMonth::of(app.calendar.selected);
    let today = app.session.today;
    let mentor = app.calendar.mentor.as_ref().map(|m| m.key);
    app.calendar.month = month;
    app.calendar.items = agenda::occurrences(&app.session, month.first_day(), month.last_day(), mentor)?;
    let horizon = today + Days::new(UPCOMING_DAYS - 1);
    app.calendar.upcoming = agenda::occurrences(&app.session, today, horizon, mentor)?;
    let len = app.calendar.day_items().len();
    app.calendar.cursor.clamp(len);
    Ok(())
}

fn select(app: &mut App, day: NaiveDate) -> bool {
    if day == app.calendar.selected {
        return false;
    }
    let month_changed = YearMonth::of(day) != app.calendar.month;
    app.calendar.selected = day;
    app.calendar.cursor = ListCursor::default();
    if month_changed {
        app.reload();
    }
    true
}

pub fn event_view(app: &App, occurrence: Occurrence) -> Result<EventView> {
    let mut attendance = Vec::new();
    if occurrence.kind.takes_attendance() {
        let marks = app
            .session
            .attendance(Some((occurrence.date, &occurrence.title)), None)?;
        let people = if app.session.sees_whole_program() {
            app.session.people_with_role(Role::Mentor)?
        } else {
            vec![app.session.me.clone()]
        };
        for person in people {
            let status = marks.iter().find(|m| m.person == person.key).map(|m| m.status);
            attendance.push((person, status));
        }
    }
    Ok(EventView {
        occurrence,
        attendance,
        cursor: 0,
    })
}

pub fn key(app: &mut App, key: KeyEvent) -> bool {
    let selected = app.calendar.selected;
    let day_len = app.calendar.day_items().len();
    if let KeyCode::Char('j' | 'k') = key.code {
        return navigate(&mut app.calendar.cursor, day_len, key).unwrap_or(false);
    }
    let coordinator = app.session.sees_whole_program();
    match key.code {
        KeyCode::Left | KeyCode::Char('h') => select(app, selected - Days::new(1)),
        KeyCode::Right | KeyCode::Char('l') => select(app, selected + Days::new(1)),
        KeyCode::Up => select(app, selected - Days::new(7)),
        KeyCode::Down => select(app, selected + Days::new(7)),
        KeyCode::PageUp | KeyCode::Char('[') => select(app, selected - Months::new(1)),
        KeyCode::PageDown | KeyCode::Char(']') => select(app, selected + Months::new(1)),
        KeyCode::Char('t') => {
            let today = app.session.today;
            select(app, today)
        }
        KeyCode::Enter => {
            let Some(occurrence) = app.calendar.selected_item() else {
                return false;
            };
            match event_view(app, occurrence) {
                Ok(view) => app.overlay = Some(Overlay::Event(Box::new(view))),
                Err(err) => app.error(err.to_string()),
            }
            true
        }
        KeyCode::Char('n') => {
            let form = EventForm::new(&app.session, selected);
            app.open_overlay(form.map(|f| Overlay::EventForm(Box::new(f))));
            true
        }
        KeyCode::Char('x') => {
            let Some(occurrence) = app.calendar.selected_item() else {
                return false;
            };
            let own_meeting =
                occurrence.kind == EventKind::Meeting && occurrence.mentor == Some(app.session.me.key);
            if !(coordinator || own_meeting) || occurrence.source == Source::Derived {
                app.error("Only a coordinator cancels program events; dates from rules change with the rule");
                return true;
            }
            let series = matches!(occurrence.source, Source::Series(_));
            let question = format!(
                "Cancel {} on {}{}? (y/n)",
                occurrence.title,
                occurrence.date.format("%a %b %-d"),
                if series {
                    " (only this one; the series stays)"
                } else {
                    ""
                }
            );
            app.overlay = Some(Overlay::Confirm {
                question,
                action: Confirm::CancelOccurrence(Box::new(occurrence)),
            });
            true
        }
        KeyCode::Char('e') => {
            let Some(occurrence) = app.calendar.selected_item() else {
                return false;
            };
            let Source::Stored(key) = occurrence.source else {
                app.error("Dates from rules change with the rule: mentordesk settings set events …");
                return true;
            };
            let own_meeting =
                occurrence.kind == EventKind::Meeting && occurrence.mentor == Some(app.session.me.key);
            if !(coordinator || own_meeting) {
                app.error("Only a coordinator edits program events");
                return true;
            }
            let form = app.session.event(key).and_then(|event| match event {
                Some(event) => EventForm::edit(&app.session, key, &event),
                None => Err(crate::error::Error::Input(
                    "that event was cancelled meanwhile".into(),
                )),
            });
            app.open_overlay(form.map(|f| Overlay::EventForm(Box::new(f))));
            true
        }
        KeyCode::Char('r') => {
            match attendance_record(app) {
                Ok(overlay) => app.overlay = Some(overlay),
                Err(err) => app.error(err.to_string()),
            }
            true
        }
        KeyCode::Char('p') if coordinator => {
            let mentors = match app.session.people_with_role(Role::Mentor) {
                Ok(m) => m,
                Err(err) => {
                    app.error(err.to_string());
                    return true;
                }
            };
            let next = match &app.calendar.mentor {
                None => mentors.first().cloned(),
                Some(current) => {
                    let i = mentors
                        .iter()
                        .position(|m| m.key == current.key)
                        .unwrap_or(usize::MAX - 1);
                    mentors.get(i + 1).cloned()
                }
            };
            app.calendar.mentor = next;
            app.reload();
            true
        }
        _ => false,
    }
}

/// Keys inside an opened event: attendance marks for coordinators.
pub fn event_key(app: &mut App, mut view: Box<EventView>, key: KeyEvent) -> bool {
    let status = match key.code {
        KeyCode::Esc | KeyCode::Enter => return true,
        KeyCode::Down | KeyCode::Char('j') => {
            view.cursor = (view.cursor + 1).min(view.attendance.len().saturating_sub(1));
            app.overlay = Some(Overlay::Event(view));
            return true;
        }
        KeyCode::Up | KeyCode::Char('k') => {
            view.cursor = view.cursor.saturating_sub(1);
            app.overlay = Some(Overlay::Event(view));
            return true;
        }
        KeyCode::Char('p') => Attendance::Present,
        KeyCode::Char('a') => Attendance::Absent,
        KeyCode::Char('e') => Attendance::Excused,
        _ => {
            app.overlay = Some(Overlay::Event(view));
            return false;
        }
    };
    if view.attendance.is_empty() {
        app.overlay = Some(Overlay::Event(view));
        return false;
    }
    let (date, title) = (view.occurrence.date, view.occurrence.title.clone());
    let cursor = view.cursor;
    let person = view.attendance[cursor].0.key;
    match app.session.set_attendance(date, &title, person, status) {
        Ok(()) => {
            view.attendance[cursor].1 = Some(status);
            view.cursor = (cursor + 1).min(view.attendance.len() - 1);
        }
        Err(err) => app.error(err.to_string()),
    }
    app.overlay = Some(Overlay::Event(view));
    true
}

/// The attendance record over the program year: yours, or (coordinators) the filtered mentor's
/// or everyone's.
fn attendance_record(app: &App) -> Result<Overlay> {
    let session = &app.session;
    let person = if session.sees_whole_program() {
        app.calendar.mentor.as_ref()
    } else {
        Some(&session.me)
    };
    let year_start = crate::domain::schedule::program_year_of(session.program.start_date, session.today);
    let rows = session.attendance(None, person.map(|p| p.key))?;
    let mut lines = Vec::new();
    let (mut present, mut total) = (0, 0);
    for row in rows.iter().filter(|r| r.date >= year_start) {
        let name = match person {
            Some(_) => String::new(),
            None => session
                .person(row.person)?
                .map(|p| format!("{}: ", p.name))
                .unwrap_or_default(),
        };
        lines.push(format!(
            "{} {name}{} · {}",
            row.date.format("%a %b %-d"),
            row.event,
            row.status.as_str()
        ));
        total += 1;
        present += usize::from(row.status == Attendance::Present);
    }
    if lines.is_empty() {
        lines.push("No attendance taken yet this program year.".into());
    } else {
        lines.insert(0, format!("present at {present} of {total} marked sessions"));
    }
    let who = person.map_or("everyone".to_string(), |p| p.name.clone());
    Ok(Overlay::Text {
        title: format!(" Attendance since {} · {who} ", year_start.format("%b %Y")),
        lines,
    })
}
