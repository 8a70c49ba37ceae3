//! The forms screen: contact reporting forms still to submit, with their due dates.

use super::App;
use super::list::{ListCursor, navigate};
use crate::error::Result;
use crate::store::{ContactFilter, ContactRow};
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};

#[derive(Debug, Clone)]
pub struct ReportItem {
    pub row: ContactRow,
    pub due: NaiveDate,
    pub days_overdue: Option<i64>,
}

#[derive(Default)]
pub struct FormsState {
    pub reports: Vec<ReportItem>,
    pub cursor: ListCursor,
}

pub fn load(app: &mut App) -> Result<()> {
    let Some(weekday) = app.session.program.settings.report_due_weekday else {
        app.forms.reports.clear();
        return Ok(());
    };
    let today = app.session.today;
    let mentor = (!app.session.is_coordinator()).then_some(app.session.me.key);
    let store = &app.session.store;
    let mut reports = Vec::new();
    for overdue in store.overdue_reports(weekday, today, mentor)? {
        if let Some(row) = store.contact(overdue.contact_key)? {
            reports.push(ReportItem {
                row,
                due: overdue.due,
                days_overdue: Some(overdue.days_overdue),
            });
        }
    }
    // Reports not yet due: this month's unsubmitted contacts.
    let filter = ContactFilter {
        mentor,
        month: Some(crate::domain::YearMonth::of(today)),
        ..Default::default()
    };
    for row in store.contacts(&filter, None, 500)? {
        let on = row.contact.input.occurred_at.date();
        let due = crate::domain::reports::report_due(on, weekday);
        if row.contact.input.submitted_on.is_none() && due >= today {
            reports.push(ReportItem {
                row,
                due,
                days_overdue: None,
            });
        }
    }
    app.forms.reports = reports;
    app.forms.cursor.clamp(app.forms.reports.len());
    Ok(())
}

pub fn key(app: &mut App, key: KeyEvent) -> bool {
    let len = app.forms.reports.len();
    if let Some(changed) = navigate(&mut app.forms.cursor, len, key) {
        return changed;
    }
    let Some(item) = app.forms.reports.get(app.forms.cursor.selected).cloned() else {
        return false;
    };
    match key.code {
        KeyCode::Char('s') => {
            super::contacts::submit_report(app, &item.row);
            true
        }
        KeyCode::Enter => {
            let key = item.row.contact.key;
            app.contacts.filter = ContactFilter::default();
            app.switch_to(super::Screen::Contacts);
            if let Some(i) = app.contacts.rows.iter().position(|r| r.contact.key == key) {
                app.contacts.cursor.selected = i;
            }
            true
        }
        _ => false,
    }
}
