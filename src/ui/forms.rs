//! Forms: contact reporting forms still to submit, overdue first.

use super::widgets::{cell, scrolling_table, short_date, short_datetime};
use crate::app::App;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Text;
use ratatui::widgets::Row;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let today = app.session.today;
    let coordinator = app.session.is_coordinator();
    let rows: Vec<Row> = app
        .forms
        .reports
        .iter()
        .map(|item| {
            let c = &item.row.contact.input;
            let status = match item.days_overdue {
                Some(days) => Text::styled(format!("OVERDUE {days}d"), theme.warning()),
                None => Text::raw(format!("due {}", short_date(item.due, today))),
            };
            let mut cells = vec![
                status,
                Text::raw(short_datetime(c.occurred_at, today)),
                Text::raw(cell(&item.row.person_name)),
            ];
            if coordinator {
                cells.push(Text::raw(cell(&item.row.mentor_name)));
            }
            cells.push(Text::raw(format!("{} {}", c.method.label(), c.outcome.label())));
            Row::new(cells)
        })
        .collect();
    let mut header = vec!["Status", "Contact", "Person"];
    let mut widths = vec![
        Constraint::Length(12),
        Constraint::Length(12),
        Constraint::Fill(1),
    ];
    if coordinator {
        header.push("Mentor");
        widths.push(Constraint::Fill(1));
    }
    header.push("What");
    widths.push(Constraint::Length(22));
    let title = format!(
        " Contact reporting forms to submit ({}) · s submitted · L letters ",
        app.forms.reports.len()
    );
    scrolling_table(
        frame,
        area,
        theme,
        theme.block(title),
        Row::new(header),
        rows,
        &widths,
        &app.forms.cursor,
    );
}
