//! Program: the mentors table, behind first. The caseload's mentor picker reuses it.

use super::widgets::{cell, scrolling_table, short_date};
use crate::app::list::ListCursor;
use crate::app::{App, ProgramView};
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
    if state.view == ProgramView::Audit {
        render_audit(app, frame, area);
        return;
    }
    let audit = if app.session.is_coordinator() {
        "· l audit log "
    } else {
        ""
    };
    let title = format!(
        " Mentors · {} · [ ] month · Enter opens caseload {audit}",
        state.month.label()
    );
    mentor_table(app, &state.mentors, &state.cursor, title, frame, area);
}

fn render_audit(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let rows: Vec<Row> = app
        .program
        .audit
        .iter()
        .map(|e| {
            let what = match e.entity_key {
                Some(key) => format!("{} {} #{key} {}", e.action, e.entity, cell(&e.detail)),
                None => format!("{} {} {}", e.action, e.entity, cell(&e.detail)),
            };
            Row::new(vec![
                Text::raw(e.at.replace('T', " ")),
                Text::raw(cell(&e.actor)),
                Text::raw(what),
            ])
        })
        .collect();
    let header = Row::new(vec!["When", "Who", "What"]);
    let widths = [
        Constraint::Length(19),
        Constraint::Length(16),
        Constraint::Fill(1),
    ];
    let title = format!(
        " Audit log · newest {} changes · l mentors ",
        app.program.audit.len()
    );
    scrolling_table(
        frame,
        area,
        theme,
        theme.block(title),
        header,
        rows,
        &widths,
        &app.program.audit_cursor,
    );
}
