//! Calendar: the month grid with marked days, the selected day's agenda and the next 14 days.

use super::widgets::{cell, centered};
use crate::app::keymap::{Block, hints};
use crate::app::{EventView, State};
use crate::domain::agenda::{EventKind, Occurrence};
use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::calendar::{CalendarEventStore, Monthly};
use ratatui::widgets::{Clear, Paragraph};
use std::collections::BTreeMap;

fn to_time(date: NaiveDate) -> Option<time::Date> {
    let month = time::Month::try_from(date.month() as u8).ok()?;
    time::Date::from_calendar_date(date.year(), month, date.day() as u8).ok()
}

fn kind_style(app: &State, kind: EventKind) -> Style {
    let theme = app.theme;
    match kind {
        EventKind::ReportDue | EventKind::Deadline => theme.warning(),
        EventKind::Checkin | EventKind::Training => theme.title(),
        EventKind::Payment => theme.good(),
        _ => Style::new().add_modifier(Modifier::UNDERLINED),
    }
}

fn when(o: &Occurrence) -> String {
    match (o.start, o.end) {
        (Some(s), Some(e)) => format!("{}–{}", s.format("%H:%M"), e.format("%H:%M")),
        (Some(s), None) => s.format("%H:%M").to_string(),
        _ => "all day".into(),
    }
}

fn occurrence_line(app: &State, o: &Occurrence, with_date: bool, selected: bool) -> Line<'static> {
    let mut spans = Vec::new();
    if with_date {
        // The next two weeks: the day and the start time are enough.
        spans.push(Span::raw(format!("{} ", o.date.format("%a %b %e"))));
        spans.push(Span::raw(format!(
            "{:<5} ",
            o.start.map(|t| t.format("%H:%M").to_string()).unwrap_or_default()
        )));
    } else {
        spans.push(Span::raw(format!("{:<11} ", when(o))));
    }
    spans.push(Span::styled(
        format!("{:<10} ", o.kind.as_str()),
        kind_style(app, o.kind),
    ));
    spans.push(Span::raw(cell(&o.title)));
    let line = Line::from(spans);
    if selected {
        line.style(app.theme.selected())
    } else {
        line
    }
}

pub fn render(app: &State, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let state = &app.calendar;
    let today = app.context.today;
    let [left, right] = Layout::horizontal([Constraint::Length(24), Constraint::Min(20)])
        .spacing(1)
        .areas(area);

    // The grid, with every day that has something styled by its most pressing kind.
    let mut marks: BTreeMap<NaiveDate, Vec<EventKind>> = BTreeMap::new();
    for o in &state.items {
        marks.entry(o.date).or_default().push(o.kind);
    }
    let mut events = CalendarEventStore::default();
    for (date, kinds) in &marks {
        if let (Some(d), Some(kind)) = (to_time(*date), kinds.iter().min()) {
            events.add(d, kind_style(app, *kind).add_modifier(Modifier::BOLD));
        }
    }
    if let Some(d) = to_time(today) {
        events.add(
            d,
            Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
        );
    }
    if let Some(d) = to_time(state.selected) {
        events.add(d, theme.selected());
    }
    let [grid, legend] = Layout::vertical([Constraint::Length(9), Constraint::Min(0)]).areas(left);
    if let Some(shown) = to_time(state.selected) {
        let monthly = Monthly::new(shown, events)
            .block(theme.block(format!(" {} ", state.month.label())))
            .show_weekdays_header(theme.muted())
            .show_surrounding(theme.muted());
        frame.render_widget(monthly, grid);
    }
    // Marks as letters, so the grid does not depend on colour.
    let mut lines = vec![
        Line::styled("C check-in T training", theme.muted()),
        Line::styled("R reports D deadline", theme.muted()),
        Line::styled("M meeting $ payment", theme.muted()),
        Line::styled("O other (follow-ups)", theme.muted()),
    ];
    for (date, kinds) in &marks {
        let mut letters: Vec<char> = kinds.iter().map(|k| k.letter()).collect();
        letters.dedup();
        lines.push(Line::raw(format!(
            "{:>2} {}",
            date.day(),
            letters.iter().collect::<String>()
        )));
    }
    frame.render_widget(Paragraph::new(lines), legend);

    let day = state.day_items();
    let day_height = (day.len() as u16 + 1).clamp(3, 8);
    let [day_area, upcoming_area] =
        Layout::vertical([Constraint::Length(day_height), Constraint::Min(0)]).areas(right);
    let mentor = state
        .mentor
        .as_ref()
        .map(|m| format!(" · {}", cell(&m.name)))
        .unwrap_or_default();
    let title = format!(
        " {}{mentor} · {} ",
        state.selected.format("%a %b %-d"),
        hints(Block::Day, app.context.sees_whole_program())
    );
    let mut day_lines: Vec<Line> = day
        .iter()
        .enumerate()
        .map(|(i, o)| occurrence_line(app, o, false, i == state.cursor.selected))
        .collect();
    if day_lines.is_empty() {
        day_lines.push(Line::styled("Nothing on this day.", theme.muted()));
    }
    let block = theme.block(title);
    let day_lines = super::widgets::fit_lines(day_lines, &block, day_area);
    frame.render_widget(Paragraph::new(day_lines).block(block), day_area);

    let upcoming: Vec<Line> = state
        .upcoming
        .iter()
        .map(|o| occurrence_line(app, o, true, false))
        .collect();
    let title = format!(
        " Next {} days · {} ",
        crate::app::UPCOMING_DAYS,
        hints(Block::Upcoming, app.context.sees_whole_program())
    );
    let text = if upcoming.is_empty() {
        vec![Line::styled("Nothing in the next two weeks.", theme.muted())]
    } else {
        upcoming
    };
    let block = theme.block(title);
    let text = super::widgets::fit_lines(text, &block, upcoming_area);
    frame.render_widget(Paragraph::new(text).block(block), upcoming_area);
}

pub fn render_event(app: &State, view: &EventView, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let o = &view.occurrence;
    let mut lines = vec![
        Line::styled(cell(&o.title), theme.title()),
        Line::raw(format!(
            "{} · {} · {}",
            o.date.format("%A %B %-d, %Y"),
            when(o),
            o.kind.as_str()
        )),
    ];
    if !o.detail.is_empty() {
        lines.push(Line::raw(cell(&o.detail)));
    }
    if !view.attendance.is_empty() {
        lines.push(Line::default());
        let hint = if app.context.sees_whole_program() {
            format!("Attendance · {}", hints(Block::EventMarks, true))
        } else {
            "Your attendance".to_string()
        };
        lines.push(Line::styled(hint, theme.muted()));
        for (i, (person, status, guests)) in view.attendance.iter().enumerate() {
            let word = match crate::domain::agenda::guests_said(*guests) {
                said if said.is_empty() => status.map_or("not marked", |s| s.as_str()).to_string(),
                said => format!("{} · {said}", status.map_or("not marked", |s| s.as_str())),
            };
            let selected = i == view.cursor && app.context.sees_whole_program();
            let marker = if selected {
                super::widgets::SELECTION_MARKER
            } else {
                " "
            };
            let line = Line::raw(format!("{marker}{:<28} {word}", cell(&person.name)));
            lines.push(if selected {
                line.style(theme.selected())
            } else {
                line
            });
        }
    }
    lines.push(Line::styled(
        hints(Block::Event, app.context.sees_whole_program()),
        theme.muted(),
    ));
    let popup = centered(area, 64, lines.len() as u16 + 2);
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(theme.popup(" Event ")), popup);
}
