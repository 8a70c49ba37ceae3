//! The calendar screen: a month grid, the selected day's agenda, the next 14 days, attendance
//! at check-ins and trainings, and meetings scheduled from the keyboard.

mod state;
use state::occurrence_key;
pub use state::{CalendarState, EventView, UPCOMING_DAYS};

use super::action::Action;
use super::effects::Load;
use super::list::ListCursor;
use super::update::Update;
use super::{App, Confirm, Overlay, State};
use super::{Choice, ChoiceAction};
use crate::domain::YearMonth;
use crate::domain::agenda::Attendance;
use crate::domain::agenda::{EventKind, Occurrence, Source};
use crate::error::Result;
use crate::service::calendar as agenda;
use chrono::{Days, Months, NaiveDate};

pub fn load(app: &mut App) -> Result<()> {
    // The occurrence selected stays selected wherever the reload puts it.
    let before = app
        .calendar
        .selected_item()
        .map(|o| (occurrence_key(&o), o.title.clone()));
    let month = YearMonth::of(app.calendar.selected);
    let today = app.session.today;
    let mentor = app.calendar.mentor.as_ref().map(|m| m.key);
    app.calendar.month = month;
    app.calendar.items = agenda::occurrences(&app.session, month.first_day(), month.last_day(), mentor)?;
    let horizon = today + Days::new(UPCOMING_DAYS - 1);
    app.calendar.upcoming = agenda::occurrences(&app.session, today, horizon, mentor)?;
    let keys: Vec<_> = app.calendar.day_items().into_iter().map(occurrence_key).collect();
    let gone = app.calendar.cursor.follow(before, &keys);
    app.lost_selection(gone);
    Ok(())
}

fn select(app: &mut State, day: NaiveDate) -> Update {
    if day == app.calendar.selected {
        return Update::unchanged();
    }
    let month_changed = YearMonth::of(day) != app.calendar.month;
    app.calendar.selected = day;
    app.calendar.cursor = ListCursor::default();
    if month_changed {
        Update::load(Load::Screen)
    } else {
        Update::redraw()
    }
}

pub fn event_view(app: &App, occurrence: Occurrence) -> Result<EventView> {
    let mut attendance = Vec::new();
    if occurrence.kind.takes_attendance() {
        let marks = app
            .session
            .attendance(Some((occurrence.date, &occurrence.title)), None)?;
        let people = if app.session.sees_whole_program() {
            app.session.mentors()?
        } else {
            vec![app.session.me().clone()]
        };
        for person in people {
            let mark = marks.iter().find(|m| m.person == person.key);
            attendance.push((person, mark.map(|m| m.status), mark.map_or(0, |m| m.guests)));
        }
    }
    Ok(EventView {
        occurrence,
        attendance,
        cursor: 0,
    })
}

/// The coordinator's pick of whose deadlines and meetings to show: everyone, or one mentor.
pub fn mentor_choice(app: &App) -> Result<Choice> {
    let mentors = app.session.mentors()?;
    let mut options = vec![("Every mentor".to_string(), String::new())];
    options.extend(mentors.iter().map(|p| (p.name.clone(), p.key.to_string())));
    Ok(Choice::new(
        "Whose calendar?",
        options,
        ChoiceAction::CalendarMentor(mentors),
    ))
}

pub fn update(app: &mut State, action: Action) -> Update {
    let selected = app.calendar.selected;
    let coordinator = app.context.sees_whole_program();
    match action {
        Action::Move(motion) => {
            let day_len = app.calendar.day_items().len();
            app.calendar.cursor.apply(motion, day_len).into()
        }
        Action::ShiftDays(days) => {
            let day = if days < 0 {
                selected - Days::new(days.unsigned_abs().into())
            } else {
                selected + Days::new(days.unsigned_abs().into())
            };
            select(app, day)
        }
        Action::ShiftMonths(months) => {
            let day = if months < 0 {
                selected - Months::new(months.unsigned_abs().into())
            } else {
                selected + Months::new(months.unsigned_abs().into())
            };
            select(app, day)
        }
        Action::Today => {
            let today = app.context.today;
            select(app, today)
        }
        Action::Open => match app.calendar.selected_item() {
            Some(occurrence) => Update::load(Load::Event(Box::new(occurrence))),
            None => Update::unchanged(),
        },
        Action::Schedule => Update::load(Load::NewEvent(selected)),
        Action::Delete => {
            let Some(occurrence) = app.calendar.selected_item() else {
                return Update::unchanged();
            };
            let own_meeting =
                occurrence.kind == EventKind::Meeting && occurrence.mentor == Some(app.context.me().key);
            if !(coordinator || own_meeting) || occurrence.source == Source::Derived {
                app.error("Only a coordinator cancels program events; dates from rules change with the rule");
                return Update::redraw();
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
            Update::redraw()
        }
        Action::Edit => {
            let Some(occurrence) = app.calendar.selected_item() else {
                return Update::unchanged();
            };
            let Source::Stored(key) = occurrence.source else {
                app.error("Dates from rules change with the rule: People → S, the event's row");
                return Update::redraw();
            };
            let own_meeting =
                occurrence.kind == EventKind::Meeting && occurrence.mentor == Some(app.context.me().key);
            if !(coordinator || own_meeting) {
                app.error("Only a coordinator edits program events");
                return Update::redraw();
            }
            Update::load(Load::EditEvent(key))
        }
        Action::AttendanceRecord => Update::load(Load::AttendanceRecord),
        Action::PickMentor => Update::load(Load::CalendarMentorPicker),
        _ => Update::unchanged(),
    }
}

/// The attendance record over the program year: yours, or (coordinators) the filtered mentor's
/// or everyone's.
pub fn attendance_record(app: &App) -> Result<Overlay> {
    let session = &app.session;
    let person = if session.sees_whole_program() {
        app.calendar.mentor.as_ref()
    } else {
        Some(session.me())
    };
    let year_start = crate::domain::schedule::program_year_of(session.program.start_date, session.today);
    let rows = session.attendance(None, person.map(|p| p.key))?;
    let mut lines = Vec::new();
    let (mut present, mut total, mut guests) = (0, 0, 0);
    for row in rows.iter().filter(|r| r.date >= year_start) {
        let name = match person {
            Some(_) => String::new(),
            None => session
                .person(row.person)?
                .map(|p| format!("{}: ", p.name))
                .unwrap_or_default(),
        };
        let with = match crate::domain::agenda::guests_said(row.guests) {
            said if said.is_empty() => said,
            said => format!(" · {said}"),
        };
        lines.push(format!(
            "{} {name}{} · {}{with}",
            row.date.format("%a %b %-d"),
            row.event,
            row.status.as_str()
        ));
        total += 1;
        present += usize::from(row.status == Attendance::Present);
        guests += row.guests;
    }
    if lines.is_empty() {
        lines.push("No attendance taken yet this program year.".into());
    } else {
        let with = match crate::domain::agenda::guests_said(guests) {
            said if said.is_empty() => said,
            said => format!(", who brought {said}"),
        };
        lines.insert(
            0,
            format!("present at {present} of {total} marked sessions{with}"),
        );
    }
    let who = person.map_or("everyone".to_string(), |p| p.name.clone());
    Ok(Overlay::Text {
        title: format!(" Attendance since {} · {who} ", year_start.format("%b %Y")),
        lines,
        top: 0,
    })
}
