//! The contact log: every contact newest first, filtered, with the notes of the selected one.

use super::contact_form::ContactForm;
use super::list::{ListCursor, navigate};
use super::{App, Confirm, Overlay};
use crate::domain::YearMonth;
use crate::domain::permissions::Action;
use crate::domain::records::{ContactFilter, ContactRow};
use crate::domain::types::{Method, Outcome, Role};
use crate::error::Result;
use crossterm::event::{KeyCode, KeyEvent};

const PAGE: u32 = 200;

#[derive(Default)]
pub struct ContactsState {
    pub filter: ContactFilter,
    pub rows: Vec<ContactRow>,
    pub cursor: ListCursor,
    /// All matching rows are loaded.
    pub complete: bool,
    /// `/` was pressed: keys go to the text filter.
    pub typing_filter: bool,
}

fn scoped_filter(app: &App) -> ContactFilter {
    app.contacts.filter.clone()
}

pub fn load(app: &mut App) -> Result<()> {
    let filter = scoped_filter(app);
    let rows = app.session.contacts(&filter, None, PAGE)?;
    app.contacts.complete = rows.len() < PAGE as usize;
    app.contacts.rows = rows;
    app.contacts.cursor.clamp(app.contacts.rows.len());
    Ok(())
}

/// Loads the next page when the selection nears the end of what is loaded.
fn load_more_if_needed(app: &mut App) {
    let state = &app.contacts;
    if state.complete || state.cursor.selected + 50 < state.rows.len() {
        return;
    }
    let Some(last) = state.rows.last() else { return };
    let after = Some((last.contact.input.occurred_at, last.contact.key));
    match app.session.contacts(&scoped_filter(app), after, PAGE) {
        Ok(more) => {
            app.contacts.complete = more.len() < PAGE as usize;
            app.contacts.rows.extend(more);
        }
        Err(err) => app.error(err.to_string()),
    }
}

fn cycle_option<T: Copy + PartialEq>(all: &[T], current: Option<T>) -> Option<T> {
    match current {
        None => all.first().copied(),
        Some(v) => {
            let i = all.iter().position(|x| *x == v).unwrap_or(0);
            all.get(i + 1).copied()
        }
    }
}

fn refilter(app: &mut App) -> bool {
    app.contacts.cursor = ListCursor::default();
    app.reload();
    true
}

pub fn filter_key(app: &mut App, key: KeyEvent) -> bool {
    let text = app.contacts.filter.text.get_or_insert_with(String::new);
    match key.code {
        KeyCode::Enter => {
            app.contacts.typing_filter = false;
            return true;
        }
        KeyCode::Esc => {
            app.contacts.typing_filter = false;
            app.contacts.filter.text = None;
        }
        KeyCode::Backspace => {
            text.pop();
        }
        KeyCode::Char(c) => text.push(c),
        _ => return false,
    }
    refilter(app)
}

pub fn key(app: &mut App, key: KeyEvent) -> bool {
    let len = app.contacts.rows.len();
    if let Some(changed) = navigate(&mut app.contacts.cursor, len, key) {
        load_more_if_needed(app);
        return changed;
    }
    let today = app.session.today;
    let selected = app.contacts.rows.get(app.contacts.cursor.selected).cloned();
    match key.code {
        KeyCode::Char('/') => {
            app.contacts.typing_filter = true;
            true
        }
        KeyCode::Char('[') => {
            let month = app
                .contacts
                .filter
                .month
                .map_or(YearMonth::of(today), YearMonth::prev);
            app.contacts.filter.month = Some(month);
            refilter(app)
        }
        KeyCode::Char(']') => {
            let month = app
                .contacts
                .filter
                .month
                .map_or(YearMonth::of(today), YearMonth::next);
            app.contacts.filter.month = Some(month);
            refilter(app)
        }
        KeyCode::Char('f') => {
            app.contacts.filter.method = cycle_option(Method::ALL, app.contacts.filter.method);
            refilter(app)
        }
        KeyCode::Char('o') => {
            app.contacts.filter.outcome = cycle_option(Outcome::ALL, app.contacts.filter.outcome);
            refilter(app)
        }
        KeyCode::Char('p') if app.session.sees_whole_program() => {
            let mentors: Vec<i64> = match app.session.people_with_role(Role::Mentor) {
                Ok(people) => people.into_iter().map(|p| p.key).collect(),
                Err(err) => {
                    app.error(err.to_string());
                    return true;
                }
            };
            app.contacts.filter.mentor = cycle_option(&mentors, app.contacts.filter.mentor);
            refilter(app)
        }
        KeyCode::Char('c') => {
            app.contacts.filter = ContactFilter::default();
            refilter(app)
        }
        KeyCode::Char('a') => {
            let form = ContactForm::new(&app.session, None);
            app.open_contact_form(form);
            true
        }
        KeyCode::Char('e') => {
            let Some(row) = selected else { return false };
            if let Err(err) = app
                .session
                .require_for(Action::EditContact, row.contact.input.mentor)
            {
                app.error(err.to_string());
                return true;
            }
            let form = ContactForm::edit(&app.session, &row.contact, &row.person_name);
            app.open_contact_form(form);
            true
        }
        KeyCode::Char('x') => {
            let Some(row) = selected else { return false };
            if let Err(err) = app
                .session
                .require_for(Action::DeleteContact, row.contact.input.mentor)
            {
                app.error(err.to_string());
                return true;
            }
            app.overlay = Some(Overlay::Confirm {
                question: format!(
                    "Delete the {} {} with {} on {}? (y/n)",
                    row.contact.input.method.label(),
                    row.contact.input.outcome.label(),
                    crate::domain::sanitize::line(&row.person_name),
                    row.contact.input.occurred_at.format("%b %-d")
                ),
                action: Confirm::DeleteContact(row.contact.key),
            });
            true
        }
        KeyCode::Char('s') => {
            let Some(row) = selected else { return false };
            submit_report(app, &row);
            true
        }
        _ => false,
    }
}

/// Marks a contact's report submitted today.
pub fn submit_report(app: &mut App, row: &ContactRow) {
    if row.contact.input.submitted_on.is_some() {
        app.info("That report is already submitted");
        return;
    }
    let today = app.session.today;
    match app.session.mark_submitted(row.contact.key, today) {
        Ok(()) => {
            app.info(format!(
                "Report submitted for {}",
                crate::domain::sanitize::line(&row.person_name)
            ));
            app.after_write();
        }
        Err(err) => app.error(err.to_string()),
    }
}
