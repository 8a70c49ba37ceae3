//! The caseload screen: a mentor's active pairs, who needs a call first, and the quota header.

use super::contact_form::ContactForm;
use super::list::{ListCursor, navigate};
use super::{App, Choice, ChoiceAction, Overlay};
use crate::domain::YearMonth;
use crate::domain::quota::QuotaStanding;
use crate::domain::records::{Assignment, Person};
use crate::domain::records::{ContactFilter, ContactRow};
use crate::domain::risk::{Engagement, Level, assess};
use crate::domain::types::{EndReason, Role};
use crate::error::Result;
use crate::service::Session;
use crate::service::caseload::{self as views, FlaggedRow, MentorRow};
use crossterm::event::{KeyCode, KeyEvent};

/// A person opened from the caseload: profile, assignment history and every contact.
pub struct PersonDetail {
    pub person: Person,
    /// Each assignment with the name of the other side.
    pub assignments: Vec<(Assignment, String)>,
    pub contacts: Vec<ContactRow>,
    /// Check & Connect: each month's engagement with its risk, newest first.
    pub engagement: Vec<(YearMonth, Engagement, Level, Vec<&'static str>)>,
    pub scroll: u16,
}

pub struct CaseloadState {
    /// Whose caseload; `None` while a coordinator has not picked a mentor.
    pub mentor: Option<Person>,
    pub month: YearMonth,
    pub standing: Option<QuotaStanding>,
    pub rows: Vec<FlaggedRow>,
    pub cursor: ListCursor,
    pub person: Option<PersonDetail>,
    /// The coordinator's mentor picker.
    pub mentors: Vec<MentorRow>,
    pub mentor_cursor: ListCursor,
}

impl CaseloadState {
    pub fn new(session: &Session) -> Self {
        CaseloadState {
            mentor: (session.me.role == Role::Mentor).then(|| session.me.clone()),
            month: YearMonth::of(session.today),
            standing: None,
            rows: Vec::new(),
            cursor: ListCursor::default(),
            person: None,
            mentors: Vec::new(),
            mentor_cursor: ListCursor::default(),
        }
    }

    pub fn selected(&self) -> Option<&FlaggedRow> {
        self.rows.get(self.cursor.selected)
    }

    /// A coordinator looking at someone else's caseload cannot log contacts for them.
    pub fn read_only(&self, session: &Session) -> bool {
        self.mentor.as_ref().is_none_or(|m| m.key != session.me.key)
    }
}

pub fn load(app: &mut App) -> Result<()> {
    let month = app.caseload.month;
    match app.caseload.mentor.clone() {
        Some(mentor) => {
            app.caseload.standing = Some(views::mentor_standing(&app.session, mentor.key, month)?);
            app.caseload.rows = views::caseload(&app.session, mentor.key, month)?;
            app.caseload.cursor.clamp(app.caseload.rows.len());
            if let Some(open) = &app.caseload.person {
                let key = open.person.key;
                let scroll = open.scroll;
                app.caseload.person = Some(person_detail(app, key, scroll)?);
            }
        }
        None => {
            app.caseload.mentors = views::mentor_table(&app.session, month)?;
            app.caseload.mentor_cursor.clamp(app.caseload.mentors.len());
        }
    }
    Ok(())
}

fn person_detail(app: &App, key: i64, scroll: u16) -> Result<PersonDetail> {
    let store = &app.session;
    let person = store
        .person(key)?
        .ok_or_else(|| crate::error::Error::Input("that person is no longer in the program".into()))?;
    let mut assignments = Vec::new();
    for a in store.assignments_of(key)? {
        let other = if a.mentee == key { a.mentor } else { a.mentee };
        let name = store.person(other)?.map(|p| p.name).unwrap_or_default();
        assignments.push((a, name));
    }
    let filter = ContactFilter {
        person: Some(key),
        ..Default::default()
    };
    let contacts = store.contacts(&filter, None, 500)?;
    let engagement = match &app.session.program.settings.risk {
        Some(thresholds) => store
            .engagement_history(key)?
            .into_iter()
            .map(|(month, e)| {
                let (level, triggers) = assess(&e, thresholds);
                (month, e, level, triggers)
            })
            .collect(),
        None => Vec::new(),
    };
    Ok(PersonDetail {
        person,
        assignments,
        contacts,
        engagement,
        scroll,
    })
}

/// Opens a mentor's caseload (the coordinator's drill-in from the mentors table).
pub fn open_mentor(app: &mut App, mentor: Person) {
    app.caseload.mentor = Some(mentor);
    app.caseload.person = None;
    app.caseload.cursor = ListCursor::default();
    app.screen = super::Screen::Caseload;
    app.reload();
}

pub fn key(app: &mut App, key: KeyEvent) -> bool {
    if app.caseload.person.is_some() {
        return person_key(app, key);
    }
    match key.code {
        KeyCode::Char('[') => {
            app.caseload.month = app.caseload.month.prev();
            app.reload();
            return true;
        }
        KeyCode::Char(']') => {
            app.caseload.month = app.caseload.month.next();
            app.reload();
            return true;
        }
        _ => {}
    }
    if app.caseload.mentor.is_none() {
        return picker_key(app, key);
    }
    let len = app.caseload.rows.len();
    if let Some(changed) = navigate(&mut app.caseload.cursor, len, key) {
        return changed;
    }
    let coordinator = app.session.sees_whole_program();
    match key.code {
        KeyCode::Enter => {
            let Some(row) = app.caseload.selected() else {
                return false;
            };
            match person_detail(app, row.row.person.key, 0) {
                Ok(detail) => app.caseload.person = Some(detail),
                Err(err) => app.error(err.to_string()),
            }
            true
        }
        KeyCode::Esc if coordinator => {
            app.caseload.mentor = None;
            app.reload();
            true
        }
        KeyCode::Char('a') => {
            if app.caseload.read_only(&app.session) {
                app.error("This caseload is read-only: contacts are logged by its mentor");
                return true;
            }
            let Some(row) = app.caseload.selected() else {
                app.error("No one on this caseload yet");
                return true;
            };
            let pair = (row.row.assignment.mentor, row.row.person.key);
            let form = ContactForm::new(&app.session, Some(pair));
            app.open_contact_form(form);
            true
        }
        KeyCode::Char('u') if coordinator => {
            let Some(row) = app.caseload.selected() else {
                return false;
            };
            app.overlay = Some(Overlay::Choose(Choice {
                title: format!("End the assignment with {}: why?", row.row.person.name),
                options: EndReason::ALL
                    .iter()
                    .map(|r| (r.label().to_string(), r.as_str().to_string()))
                    .collect(),
                cursor: 0,
                action: ChoiceAction::EndAssignment {
                    assignment: row.row.assignment.key,
                },
            }));
            true
        }
        KeyCode::Char('n') if coordinator => {
            let Some(mentor) = app.caseload.mentor.as_ref().map(|m| m.key) else {
                return false;
            };
            match assign_choice(app, mentor) {
                Ok(choice) => app.overlay = Some(Overlay::Choose(choice)),
                Err(err) => app.error(err.to_string()),
            }
            true
        }
        _ => false,
    }
}

/// Mentees without an active assignment first, then everyone else who could be assigned.
fn assign_choice(app: &App, mentor: i64) -> Result<Choice> {
    let store = &app.session;
    let assigned: std::collections::HashSet<i64> = store
        .all_assignments()?
        .into_iter()
        .filter(|a| a.ended_on.is_none())
        .map(|a| a.mentee)
        .collect();
    let mut options: Vec<(bool, String, String)> = store
        .people_with_role(Role::Mentee)?
        .into_iter()
        .map(|p| {
            let free = !assigned.contains(&p.key);
            let label = format!(
                "{}{}  {}",
                p.name,
                if free { "" } else { " (assigned)" },
                p.affiliation()
            );
            (!free, label, p.key.to_string())
        })
        .collect();
    options.sort();
    Ok(Choice {
        title: "Assign whom to this mentor?".into(),
        options: options.into_iter().map(|(_, label, key)| (label, key)).collect(),
        cursor: 0,
        action: ChoiceAction::AssignTo { mentor },
    })
}

fn picker_key(app: &mut App, key: KeyEvent) -> bool {
    let len = app.caseload.mentors.len();
    if let Some(changed) = navigate(&mut app.caseload.mentor_cursor, len, key) {
        return changed;
    }
    if key.code == KeyCode::Enter
        && let Some(row) = app.caseload.mentors.get(app.caseload.mentor_cursor.selected)
    {
        let mentor = row.mentor.clone();
        open_mentor(app, mentor);
        return true;
    }
    false
}

fn person_key(app: &mut App, key: KeyEvent) -> bool {
    let read_only = app.caseload.read_only(&app.session);
    let mentor = app.caseload.mentor.as_ref().map(|m| m.key);
    let Some(detail) = app.caseload.person.as_mut() else {
        return false;
    };
    match key.code {
        KeyCode::Esc | KeyCode::Backspace => {
            app.caseload.person = None;
            true
        }
        KeyCode::Down | KeyCode::Char('j') => {
            detail.scroll = detail.scroll.saturating_add(1);
            true
        }
        KeyCode::Up | KeyCode::Char('k') => {
            let before = detail.scroll;
            detail.scroll = detail.scroll.saturating_sub(1);
            before != detail.scroll
        }
        KeyCode::PageDown | KeyCode::Char(' ') => {
            detail.scroll = detail.scroll.saturating_add(10);
            true
        }
        KeyCode::PageUp => {
            detail.scroll = detail.scroll.saturating_sub(10);
            true
        }
        KeyCode::Char('a') if !read_only => {
            let Some(mentor) = mentor else { return false };
            let pair = (mentor, detail.person.key);
            let form = ContactForm::new(&app.session, Some(pair));
            app.open_contact_form(form);
            true
        }
        _ => false,
    }
}
