//! The program screen: every mentor's quota standing, behind first.

use super::App;
use super::list::{ListCursor, navigate};
use crate::domain::YearMonth;
use crate::error::Result;
use crate::store::AuditEntry;
use crate::views::{self, MentorRow};
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgramView {
    Mentors,
    /// The audit log: who changed what (coordinators only).
    Audit,
}

pub struct ProgramState {
    pub month: YearMonth,
    pub view: ProgramView,
    pub mentors: Vec<MentorRow>,
    pub cursor: ListCursor,
    pub audit: Vec<AuditEntry>,
    pub audit_cursor: ListCursor,
}

impl ProgramState {
    pub fn new(today: NaiveDate) -> Self {
        ProgramState {
            month: YearMonth::of(today),
            view: ProgramView::Mentors,
            mentors: Vec::new(),
            cursor: ListCursor::default(),
            audit: Vec::new(),
            audit_cursor: ListCursor::default(),
        }
    }
}

const AUDIT_ROWS: u32 = 500;

pub fn load(app: &mut App) -> Result<()> {
    if app.program.view == ProgramView::Audit {
        app.session.require_coordinator("read the audit log")?;
        app.program.audit = app.session.store.audit_log(AUDIT_ROWS)?;
        app.program.audit_cursor.clamp(app.program.audit.len());
        return Ok(());
    }
    let rows = views::mentor_table(&app.session, app.program.month)?;
    app.program.mentors = rows
        .into_iter()
        .filter(|r| app.session.may_see_mentor(r.mentor.key))
        .collect();
    app.program.cursor.clamp(app.program.mentors.len());
    Ok(())
}

pub fn key(app: &mut App, key: KeyEvent) -> bool {
    if key.code == KeyCode::Char('l') && app.session.is_coordinator() {
        app.program.view = match app.program.view {
            ProgramView::Mentors => ProgramView::Audit,
            ProgramView::Audit => ProgramView::Mentors,
        };
        app.reload();
        return true;
    }
    if app.program.view == ProgramView::Audit {
        let len = app.program.audit.len();
        return navigate(&mut app.program.audit_cursor, len, key).unwrap_or(false);
    }
    let len = app.program.mentors.len();
    if let Some(changed) = navigate(&mut app.program.cursor, len, key) {
        return changed;
    }
    match key.code {
        KeyCode::Char('[') => app.program.month = app.program.month.prev(),
        KeyCode::Char(']') => app.program.month = app.program.month.next(),
        KeyCode::Enter => {
            let Some(row) = app.program.mentors.get(app.program.cursor.selected) else {
                return false;
            };
            let mentor = row.mentor.clone();
            app.caseload.month = app.program.month;
            super::caseload::open_mentor(app, mentor);
            return true;
        }
        _ => return false,
    }
    app.reload();
    true
}
