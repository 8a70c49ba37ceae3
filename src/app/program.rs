//! The program screen: every mentor's quota standing, behind first.

use super::App;
use super::list::{ListCursor, navigate};
use crate::domain::YearMonth;
use crate::error::Result;
use crate::views::{self, MentorRow};
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};

pub struct ProgramState {
    pub month: YearMonth,
    pub mentors: Vec<MentorRow>,
    pub cursor: ListCursor,
}

impl ProgramState {
    pub fn new(today: NaiveDate) -> Self {
        ProgramState {
            month: YearMonth::of(today),
            mentors: Vec::new(),
            cursor: ListCursor::default(),
        }
    }
}

pub fn load(app: &mut App) -> Result<()> {
    let rows = views::mentor_table(&app.session, app.program.month)?;
    app.program.mentors = rows
        .into_iter()
        .filter(|r| app.session.may_see_mentor(r.mentor.key))
        .collect();
    app.program.cursor.clamp(app.program.mentors.len());
    Ok(())
}

pub fn key(app: &mut App, key: KeyEvent) -> bool {
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
