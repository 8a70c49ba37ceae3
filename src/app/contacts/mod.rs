//! The contact log: every contact newest first, filtered; the notes of the selected one on demand.

mod state;
pub use state::ContactsState;

use super::action::Action;
use super::effects::{Effect, Load};
use super::list::ListCursor;
use super::update::Update;
use super::{App, Confirm, Overlay, State};
use super::{Choice, ChoiceAction};
use crate::domain::YearMonth;
use crate::domain::permissions::Permission;
use crate::domain::records::{ContactFilter, ContactRow};
use crate::domain::types::{Method, Outcome};
use crate::error::Result;
use crossterm::event::{KeyCode, KeyEvent};

const PAGE: u32 = 200;

fn scoped_filter(app: &App) -> ContactFilter {
    let mut filter = app.contacts.filter.clone();
    if !app.session.sees_whole_program() {
        filter.mentor = Some(app.session.me().key);
    }
    filter
}

pub fn load(app: &mut App) -> Result<()> {
    let filter = scoped_filter(app);
    let rows = app.session.contacts(&filter, None, PAGE)?;
    app.contacts.complete = rows.len() < PAGE as usize;
    let state = &mut app.contacts;
    let before = state
        .rows
        .get(state.cursor.selected)
        .map(|r| (r.contact.key, format!("The contact with {}", r.person_name)));
    let keys: Vec<i64> = rows.iter().map(|r| r.contact.key).collect();
    state.rows = rows;
    let gone = state.cursor.follow(before, &keys);
    app.lost_selection(gone);
    Ok(())
}

/// Loads the next page when the selection nears the end of what is loaded.
pub fn load_more_if_needed(app: &mut App) {
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

/// The coordinator's pick of whose contacts to show: everyone, or one mentor.
pub fn mentor_choice(app: &App) -> Result<Choice> {
    let mut options = vec![("Every mentor".to_string(), String::new())];
    options.extend(
        app.session
            .mentors()?
            .into_iter()
            .map(|p| (p.name, p.key.to_string())),
    );
    Ok(Choice::new(
        "Whose contacts?",
        options,
        ChoiceAction::ContactsMentor,
    ))
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

fn refilter(app: &mut State) -> Update {
    app.contacts.cursor = ListCursor::default();
    Update::load(Load::Screen)
}

/// A key typed into the text filter.
fn filter_input(app: &mut State, key: KeyEvent) -> Update {
    let text = app.contacts.filter.text.get_or_insert_with(String::new);
    match key.code {
        KeyCode::Enter => {
            app.contacts.typing_filter = false;
            return Update::redraw();
        }
        KeyCode::Esc => {
            app.contacts.typing_filter = false;
            app.contacts.filter.text = None;
        }
        KeyCode::Backspace => {
            text.pop();
        }
        KeyCode::Char(c) => text.push(c),
        _ => return Update::unchanged(),
    }
    refilter(app)
}

pub fn update(app: &mut State, action: Action) -> Update {
    let today = app.context.today;
    let selected = app.contacts.rows.get(app.contacts.cursor.selected).cloned();
    match action {
        Action::Input(key) => filter_input(app, key),
        Action::Move(motion) => {
            let len = app.contacts.rows.len();
            let moved = app.contacts.cursor.apply(motion, len);
            Update::from(moved).and(Effect::Load(Load::MoreContacts))
        }
        Action::TypeFilter => {
            app.contacts.typing_filter = true;
            Update::redraw()
        }
        Action::EarlierMonth | Action::LaterMonth => {
            let month = app.contacts.filter.month.map_or(YearMonth::of(today), |m| {
                if action == Action::EarlierMonth {
                    m.prev()
                } else {
                    m.next()
                }
            });
            app.contacts.filter.month = Some(month);
            refilter(app)
        }
        Action::CycleMethod => {
            app.contacts.filter.method = cycle_option(Method::ALL, app.contacts.filter.method);
            refilter(app)
        }
        Action::CycleOutcome => {
            app.contacts.filter.outcome = cycle_option(Outcome::ALL, app.contacts.filter.outcome);
            refilter(app)
        }
        Action::PickMentor => Update::load(Load::ContactsMentorPicker),
        Action::ClearFilters => {
            app.contacts.filter = ContactFilter::default();
            refilter(app)
        }
        Action::ToggleNotes => {
            app.contacts.notes = !app.contacts.notes;
            Update::redraw()
        }
        Action::Back if app.contacts.notes => {
            app.contacts.notes = false;
            Update::redraw()
        }
        Action::LogContact => Update::load(Load::ContactForm(None)),
        Action::Edit => {
            let Some(row) = selected else {
                return Update::unchanged();
            };
            if let Err(err) = app
                .context
                .require_for(Permission::EditContact, row.contact.input.mentor)
            {
                app.error(err.to_string());
                return Update::redraw();
            }
            Update::load(Load::EditContact(Box::new(row)))
        }
        Action::Delete => {
            let Some(row) = selected else {
                return Update::unchanged();
            };
            if let Err(err) = app
                .context
                .require_for(Permission::DeleteContact, row.contact.input.mentor)
            {
                app.error(err.to_string());
                return Update::redraw();
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
            Update::redraw()
        }
        Action::MarkSubmitted => match selected {
            Some(row) => submit_report(app, &row),
            None => Update::unchanged(),
        },
        _ => Update::unchanged(),
    }
}

/// Marks a contact's report submitted today.
pub fn submit_report(app: &mut State, row: &ContactRow) -> Update {
    if row.contact.input.submitted_on.is_some() {
        app.info("That report is already submitted");
        return Update::redraw();
    }
    if let Err(err) = app
        .context
        .require_for(Permission::MarkReportSubmitted, row.contact.input.mentor)
    {
        app.error(err.to_string());
        return Update::redraw();
    }
    Update::run(Effect::MarkSubmitted {
        contact: row.contact.key,
        mentor: row.contact.input.mentor,
        person: row.person_name.clone(),
    })
}
