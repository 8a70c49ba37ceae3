//! Calendar: the month's agenda of program events, due dates, payments and follow-ups.

use super::widgets::{cell, scrolling_table};
use crate::app::App;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Text;
use ratatui::widgets::Row;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let today = app.session.today;
    let state = &app.calendar;
    let rows: Vec<Row> = state
        .items
        .iter()
        .map(|item| {
            let when = match item.time {
                Some((start, end)) => format!("{}–{}", start.format("%H:%M"), end.format("%H:%M")),
                None => "all day".to_string(),
            };
            let day = item.date.format("%a %b %-d").to_string();
            let day = if item.date == today {
                Text::styled(format!("{day} today"), theme.title())
            } else if item.date < today {
                Text::styled(day, theme.muted())
            } else {
                Text::raw(day)
            };
            Row::new(vec![
                day,
                Text::raw(when),
                Text::raw(item.kind),
                Text::raw(cell(&item.title)),
            ])
        })
        .collect();
    let header = Row::new(vec!["Day", "Time", "Kind", "What"]);
    let widths = [
        Constraint::Length(16),
        Constraint::Length(11),
        Constraint::Length(10),
        Constraint::Fill(1),
    ];
    let title = format!(" Agenda · {} · [ ] month ", state.month.label());
    scrolling_table(
        frame,
        area,
        theme,
        theme.block(title),
        header,
        rows,
        &widths,
        &state.cursor,
    );
}
