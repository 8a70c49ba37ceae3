//! Program: the mentors table, behind first. The caseload's mentor picker reuses it.

use super::widgets::{cell, scrolling_table, short_date};
use crate::app::App;
use crate::app::list::ListCursor;
use crate::views::MentorRow;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Text;
use ratatui::widgets::Row;

pub fn mentor_table(
    app: &App,
    mentors: &[MentorRow],
    cursor: &ListCursor,
    title: String,
    frame: &mut Frame,
    area: Rect,
) {
    let theme = app.theme;
    let today = app.session.today;
    let rows: Vec<Row> = mentors
        .iter()
        .map(|m| {
            let s = &m.standing;
            Row::new(vec![
                Text::raw(cell(&m.mentor.name)),
                Text::raw(format!("{} of {}", s.count, s.quota)),
                Text::styled(s.status.word(), theme.quota(s.status)),
                if m.overdue_reports > 0 {
                    Text::styled(format!("{} late", m.overdue_reports), theme.warning())
                } else {
                    Text::raw("none")
                },
                Text::raw(
                    m.last_activity
                        .map(|at| short_date(at.date(), today))
                        .unwrap_or_else(|| "never".into()),
                ),
            ])
        })
        .collect();
    let header = Row::new(vec!["Mentor", "People", "Status", "Reports", "Last activity"]);
    let widths = [
        Constraint::Fill(1),
        Constraint::Length(7),
        Constraint::Length(9),
        Constraint::Length(8),
        Constraint::Length(13),
    ];
    scrolling_table(
        frame,
        area,
        theme,
        theme.block(title),
        header,
        rows,
        &widths,
        cursor,
    );
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let state = &app.program;
    let title = format!(
        " Mentors · {} · [ ] month · Enter opens caseload ",
        state.month.label()
    );
    mentor_table(app, &state.mentors, &state.cursor, title, frame, area);
}
