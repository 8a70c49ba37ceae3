//! The caseload screen: a mentor's active pairs, who needs a call first, and the quota header.

mod state;
pub use state::{CaseloadState, EngagementMonth, PersonDetail, mentor_label, mentor_record};

use super::action::Action;
use super::effects::Load;
use super::list::{Filtered, ListCursor};
use super::update::Update;
use super::{App, Choice, ChoiceAction, Overlay, State};
use crate::domain::engagement::area_trend;
use crate::domain::permissions::{Permission, Relation};
use crate::domain::records::ContactFilter;
use crate::domain::records::{Assignment, Person};
use crate::domain::risk::assess;
use crate::domain::types::{EndReason, Role};
use crate::error::Result;
use crate::service::Session;
use crate::service::caseload;

/// How many daily lines the person view shows.
const DAILY_SHOWN: u32 = 10;

pub fn load(app: &mut App) -> Result<()> {
    let month = app.caseload.month;
    match app.caseload.mentor.clone() {
        Some(mentor) => {
            app.caseload.standing = Some(caseload::mentor_standing(&app.session, mentor.key, month)?);
            let before = app
                .caseload
                .selected()
                .map(|r| (r.row.assignment.key, r.row.person.name.clone()));
            app.caseload.rows = caseload::caseload(&app.session, mentor.key, month)?;
            let keys: Vec<i64> = app.caseload.rows.iter().map(|r| r.row.assignment.key).collect();
            let gone = app.caseload.cursor.follow(before, &keys);
            app.lost_selection(gone);
            if let Some(open) = &app.caseload.person {
                let key = open.person.key;
                let scroll = open.scroll;
                app.caseload.person = Some(person_detail(app, key, scroll)?);
            }
        }
        None => {
            let filter = &app.caseload.mentor_filter;
            let before = filter.selected_record(&app.caseload.mentors, mentor_label, mentor_record);
            app.caseload.mentors = caseload::mentor_table(&app.session, month)?;
            let state = &mut app.caseload;
            let gone = state
                .mentor_filter
                .follow(before, &state.mentors, mentor_label, |r| r.mentor.key);
            app.lost_selection(gone);
        }
    }
    Ok(())
}

pub fn person_detail(app: &App, key: i64, scroll: u16) -> Result<PersonDetail> {
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
    let (engagement, daily) = match &app.session.program.settings.risk {
        Some(thresholds) => {
            let history = store.engagement_history(key)?;
            let months = history
                .iter()
                .map(|&(month, entry)| {
                    let (level, triggers) = assess(&entry, thresholds);
                    EngagementMonth {
                        month,
                        entry,
                        level,
                        triggers,
                        areas: area_trend(&history, month),
                    }
                })
                .collect();
            (months, store.daily_lines(key, DAILY_SHOWN)?)
        }
        None => (Vec::new(), Vec::new()),
    };
    Ok(PersonDetail {
        person,
        assignments,
        contacts,
        engagement,
        daily,
        scroll,
    })
}

/// Opens a mentor's caseload (the coordinator's drill-in from the mentors table).
pub fn open_mentor(app: &mut State, mentor: Person) -> Update {
    app.caseload.mentor = Some(mentor);
    app.caseload.person = None;
    app.caseload.cursor = ListCursor::default();
    app.screen = super::Screen::Caseload;
    Update::load(Load::Screen)
}

pub fn update(app: &mut State, action: Action) -> Update {
    if app.caseload.person.is_some() {
        return person_update(app, action);
    }
    match action {
        Action::EarlierMonth => {
            app.caseload.month = app.caseload.month.prev();
            return Update::load(Load::Screen);
        }
        Action::LaterMonth => {
            app.caseload.month = app.caseload.month.next();
            return Update::load(Load::Screen);
        }
        _ => {}
    }
    if app.caseload.mentor.is_none() {
        return picker_update(app, action);
    }
    match action {
        Action::Move(motion) => {
            let len = app.caseload.rows.len();
            app.caseload.cursor.apply(motion, len).into()
        }
        Action::Open => match app.caseload.selected() {
            Some(row) => Update::load(Load::Person(row.row.person.key)),
            None => Update::unchanged(),
        },
        Action::Back => {
            app.caseload.mentor = None;
            Update::load(Load::Screen)
        }
        Action::LogContact => {
            if app.caseload.read_only(&app.context) {
                app.error("This caseload is read-only: contacts are logged by its mentor");
                return Update::redraw();
            }
            let Some(row) = app.caseload.selected() else {
                app.error("No one on this caseload yet");
                return Update::redraw();
            };
            let pair = (row.row.assignment.mentor, row.row.person.key);
            Update::load(Load::ContactForm(Some(pair)))
        }
        Action::DailyLine => match app.caseload.selected() {
            Some(row) => daily_line(app, row.row.person.key),
            None => {
                app.error("No one on this caseload yet");
                Update::redraw()
            }
        },
        Action::EndAssignment => {
            let Some(row) = app.caseload.selected() else {
                return Update::unchanged();
            };
            app.overlay = Some(Overlay::Choose(Choice {
                title: format!("End the assignment with {}: why?", row.row.person.name),
                options: EndReason::ALL
                    .iter()
                    .map(|r| (r.label().to_string(), r.as_str().to_string()))
                    .collect(),
                picker: Default::default(),
                action: ChoiceAction::EndAssignment {
                    assignment: row.row.assignment.editing(),
                },
            }));
            Update::redraw()
        }
        Action::ExtendAssignment if app.context.may(Permission::EndAssignment, Relation::Program) => {
            let Some(row) = app.caseload.selected() else {
                return Update::unchanged();
            };
            Update::load(Load::ExtendForm {
                assignment: Box::new(row.row.assignment.clone()),
                mentee: row.row.person.name.clone(),
            })
        }
        Action::Assign => match app.caseload.mentor.as_ref() {
            Some(mentor) => Update::load(Load::AssignChoice(mentor.key)),
            None => Update::unchanged(),
        },
        _ => Update::unchanged(),
    }
}

/// The form that extends a match: to one more term past its end now, unless changed.
pub fn extend_form(session: &Session, assignment: &Assignment, mentee: &str) -> Result<super::form::Form> {
    use super::form::{Field, Form};
    let months = session.program.settings.term_months;
    let (Some(months), Some(ends)) = (months, session.term_ends(assignment)?) else {
        return Err(crate::error::Error::Input(
            "the program's matches have no term to extend (setting term_months)".into(),
        ));
    };
    let until = ends
        .checked_add_months(chrono::Months::new(months))
        .unwrap_or(ends);
    Ok(Form::new(
        format!("Extend the match with {mentee}"),
        vec![
            Field::fixed("term ends", ends.to_string()),
            Field::text("extend to", until.to_string()),
            Field::text("reason", ""),
        ],
    ))
}

/// Mentees without an active assignment first, then everyone else who could be assigned.
pub fn assign_choice(app: &App, mentor: i64) -> Result<Choice> {
    let session = &app.session;
    let mentor_person = session
        .person(mentor)?
        .ok_or_else(|| crate::error::Error::Input("that mentor is no longer in the program".into()))?;
    // New people first, in the order that fits this mentor best; then everyone else, marked.
    let offers = crate::service::matching::offers(session, &mentor_person)?;
    let offered: std::collections::HashSet<i64> = offers.iter().map(|o| o.person.key).collect();
    let mut options: Vec<(String, String)> = offers
        .iter()
        .map(|o| {
            let eligible = if o.fit.eligible { "" } else { ", not eligible" };
            (
                format!(
                    "{}  {} (fit {}{eligible})",
                    o.name,
                    o.person.affiliation(),
                    o.fit.score
                ),
                o.person.key.to_string(),
            )
        })
        .collect();
    let assignments = session.all_assignments()?;
    let mut rest: Vec<(String, String)> = session
        .people_with_role(Role::Mentee)?
        .into_iter()
        .filter(|p| !offered.contains(&p.key))
        .map(|p| {
            let now = assignments
                .iter()
                .any(|a| a.mentee == p.key && a.ended_on.is_none());
            let mark = if now {
                " (assigned)"
            } else if !p.active {
                " (deactivated)"
            } else {
                " (had before)"
            };
            (
                format!("{}{mark}  {}", p.name, p.affiliation()),
                p.key.to_string(),
            )
        })
        .collect();
    rest.sort();
    options.extend(rest);
    Ok(Choice {
        title: format!(
            "Assign whom to {}? New people first, best fit first",
            mentor_person.name
        ),
        options,
        picker: Default::default(),
        action: ChoiceAction::AssignTo { mentor },
    })
}

/// What the mentor filters look through in a mentor's row: the name and the id.
/// A mentor's row as a record to follow through a reload: key and name.
fn picker_update(app: &mut State, action: Action) -> Update {
    let state = &mut app.caseload;
    let shown = state.mentor_filter.matching(&state.mentors, mentor_label).len();
    if let Filtered::Taken { changed, .. } = state.mentor_filter.update(action, shown) {
        return changed.into();
    }
    let selected = state.mentor_filter.selected(&state.mentors, mentor_label);
    match action {
        Action::Open => match selected.and_then(|i| state.mentors.get(i)) {
            Some(row) => {
                let mentor = row.mentor.clone();
                open_mentor(app, mentor)
            }
            None => Update::unchanged(),
        },
        _ => Update::unchanged(),
    }
}

fn person_update(app: &mut State, action: Action) -> Update {
    let read_only = app.caseload.read_only(&app.context);
    let mentor = app.caseload.mentor.as_ref().map(|m| m.key);
    let Some(detail) = app.caseload.person.as_mut() else {
        return Update::unchanged();
    };
    match action {
        Action::Back => {
            app.caseload.person = None;
            Update::redraw()
        }
        Action::Scroll(rows) => {
            let before = detail.scroll;
            detail.scroll = before.saturating_add_signed(rows);
            (rows > 0 || before != detail.scroll).into()
        }
        Action::LogContact if !read_only => match mentor {
            Some(mentor) => Update::load(Load::ContactForm(Some((mentor, detail.person.key)))),
            None => Update::unchanged(),
        },
        Action::DailyLine => {
            let key = detail.person.key;
            daily_line(app, key)
        }
        _ => Update::unchanged(),
    }
}

/// Opens the daily line about a student, where the program monitors engagement.
fn daily_line(app: &mut State, student: i64) -> Update {
    if !app.context.keeps_daily_lines() {
        app.error("This program keeps no daily lines (they are Check & Connect's)");
        return Update::redraw();
    }
    Update::load(Load::DailyLine(student))
}
