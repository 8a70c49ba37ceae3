//! Contacts: the log, newest first, its filters, and on demand the notes of the selected contact.

use super::widgets::{cell, scrolling_table_unhighlighted, short_date, short_datetime};
use crate::app::State;
use crate::app::keymap::{Block, hints};
use crate::domain::reports::{ReportState, report_state};
use crate::domain::sanitize;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Row, Wrap};

fn filter_line(app: &State) -> Line<'static> {
    let theme = app.theme;
    let f = &app.contacts.filter;
    let mut parts = Vec::new();
    if let Some(text) = &f.text {
        parts.push(format!("text \"{}\"", cell(text)));
    }
    if let Some(month) = f.month {
        parts.push(format!("month {}", month.label()));
    }
    if let Some(method) = f.method {
        parts.push(format!("method {}", method.label()));
    }
    if let Some(outcome) = f.outcome {
        parts.push(format!("outcome {}", outcome.label()));
    }
    if let Some(mentor) = f.mentor
        && let Some(row) = app
            .contacts
            .rows
            .iter()
            .find(|r| r.contact.input.mentor == mentor)
    {
        parts.push(format!("mentor {}", cell(&row.mentor_name)));
    }
    let more = if app.contacts.complete { "" } else { "+" };
    let count = format!("{}{more} contacts", app.contacts.rows.len());
    if app.contacts.typing_filter {
        let text = f.text.clone().unwrap_or_default();
        return Line::from(vec![
            Span::styled("Filter: ", theme.title()),
            Span::raw(format!("{}▏", cell(&text))),
            Span::styled("  Enter keeps · Esc clears", theme.muted()),
        ]);
    }
    let filters = if parts.is_empty() {
        format!(
            "no filters ({})",
            hints(Block::ContactFilters, app.context.sees_whole_program())
        )
    } else {
        parts.join(" · ")
    };
    Line::from(vec![
        Span::styled(format!("{count} · "), theme.title()),
        Span::raw(filters),
    ])
}

pub fn render(app: &State, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let today = app.context.today;
    let coordinator = app.context.sees_whole_program();
    let notes_height = if app.contacts.notes { 5 } else { 0 };
    let [filters, list, detail] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(notes_height),
    ])
    .areas(area);
    frame.render_widget(filter_line(app), filters);
    let weekday = app.context.program.settings.report_due_weekday;
    let rows: Vec<Vec<Text>> = app
        .contacts
        .rows
        .iter()
        .map(|r| {
            let c = &r.contact.input;
            let report = match report_state(c.occurred_at.date(), c.submitted_on.is_some(), weekday, today) {
                ReportState::Submitted => Text::raw("in"),
                ReportState::Late { days, .. } => Text::styled(format!("LATE {days}d"), theme.warning()),
                ReportState::Pending { .. } => Text::raw("pending"),
                ReportState::NotAsked => Text::raw("—"),
            };
            let mut cells = vec![
                Text::raw(short_datetime(c.occurred_at, today)),
                Text::raw(cell(&r.person_name)),
            ];
            if coordinator {
                cells.push(Text::raw(cell(&r.mentor_name)));
            }
            cells.push(Text::raw(c.method.label()));
            cells.push(Text::raw(c.outcome.label()));
            cells.push(report);
            cells
        })
        .collect();
    let mut header = vec!["When", "Person"];
    let mut widths = vec![Constraint::Length(12), Constraint::Fill(1)];
    if coordinator {
        header.push("Mentor");
        widths.push(Constraint::Fill(1));
    }
    header.extend(["Method", "Outcome", "Report"]);
    widths.extend([
        Constraint::Length(9),
        Constraint::Length(12),
        Constraint::Length(8),
    ]);
    let title = format!(
        " Contacts · {} ",
        hints(Block::Contacts, app.context.sees_whole_program())
    );
    scrolling_table_unhighlighted(
        frame,
        list,
        theme,
        theme.block(title),
        Row::new(header),
        rows,
        &widths,
        &app.contacts.cursor,
    );

    if app.contacts.rows.is_empty() {
        let [_, empty] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(list);
        frame.render_widget(
            Line::styled(
                "No contacts match. Press a to log one, c to clear filters.",
                theme.muted(),
            ),
            empty,
        );
    }
    if app.contacts.notes {
        notes(app, frame, detail);
    }
}

/// The pane under the list with the selected contact's summary and notes.
fn notes(app: &State, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let today = app.context.today;
    let mut lines = Vec::new();
    if let Some(r) = app.contacts.rows.get(app.contacts.cursor.selected) {
        let c = &r.contact.input;
        let mut head = format!("{} with {}", c.outcome.label(), cell(&r.person_name));
        if let Some(min) = c.duration_min {
            head.push_str(&format!(" · {min} min"));
        }
        if let Some(when) = c.support_when {
            head.push_str(&format!(" · {}", when.label()));
        }
        if !c.support_what.is_empty() {
            head.push_str(&format!(" · {}", cell(&c.support_what)));
        }
        if let Some(on) = c.follow_up_on {
            head.push_str(&format!(" · follow up {}", short_date(on, today)));
        }
        if let Some(level) = c.intervention {
            head.push_str(&format!(" · {} intervention", level.label()));
        }
        lines.push(Line::styled(head, theme.title()));
        let notes = sanitize::lines(&c.notes);
        if notes.is_empty() {
            lines.push(Line::styled("(no notes)", theme.muted()));
        }
        lines.extend(notes.into_iter().map(Line::raw));
    }
    let title = format!(
        " Notes · {} ",
        hints(Block::ContactNotes, app.context.sees_whole_program())
    );
    frame.render_widget(
        Paragraph::new(lines)
            .block(theme.block(title))
            .wrap(Wrap { trim: false }),
        area,
    );
}
