//! The program screen: the mentors table (behind first) and the coordinator's desk: overdue
//! paperwork with reminders, matching, evaluation, the ledger and the audit log.

mod state;
pub use state::ProgramState;
use state::{audit_label, unmatched_label};

use super::action::Action;
use super::caseload::{mentor_label, mentor_record};
use super::effects::{Effect, Load};
use super::list::{Filtered, ListCursor, ListFilter};
use super::screen::ProgramView;
use super::update::Update;
use super::{App, Overlay, State};
use crate::domain::YearMonth;
use crate::domain::permissions::{Permission, Relation};
use crate::domain::records::{AuditFilter, ContactFilter};
use crate::error::Result;
use crate::service::caseload::{self, MentorRow};
use crate::service::evaluation::{self};
use crate::service::ledger::{self};
use crate::service::overdue::{self};
use crate::service::{matching, risk};

mod popups;
use popups::{applicant_file, ground_choice};
pub use popups::{audit_choice, ledger_form, ranking_choice, removal_question};

const AUDIT_ROWS: u32 = 500;
/// Overdue rows kept around the selection; more than any screen shows, so a move within them
/// reads nothing.
const OVERDUE_WINDOW: usize = 240;
const OVERDUE_MARGIN: usize = 60;

fn load_overdue_window(app: &mut App) -> Result<()> {
    let (state, session) = app.split();
    let state = &mut state.program;
    let first = state
        .overdue_filter
        .cursor()
        .selected
        .saturating_sub(OVERDUE_WINDOW / 2);
    state.overdue_rows = state.overdue.items(session, first, OVERDUE_WINDOW)?;
    state.overdue_first = first;
    Ok(())
}

/// Reads the overdue rows around the selection when it comes near the edge of what is loaded.
pub fn load_overdue_window_if_needed(app: &mut App) {
    let state = &app.program;
    let (first, loaded) = (state.overdue_first, state.overdue_rows.len());
    let selected = state.overdue_filter.cursor().selected;
    let low = if first == 0 { 0 } else { first + OVERDUE_MARGIN };
    let high = if first + loaded >= state.overdue.total {
        state.overdue.total
    } else {
        first + loaded - OVERDUE_MARGIN.min(loaded)
    };
    if (low..high).contains(&selected) {
        return;
    }
    if let Err(err) = load_overdue_window(app) {
        app.error(err.to_string());
    }
}

pub fn load(app: &mut App) -> Result<()> {
    let session = &app.session;
    match app.program.view {
        ProgramView::Mentors => {
            let rows: Vec<MentorRow> = caseload::mentor_table(session, app.program.month)?;
            let keys: Vec<i64> = rows.iter().map(|r| r.mentor.key).collect();
            app.program.triage = caseload::triage(session, &keys)?;
            let program = &mut app.program;
            let before =
                program
                    .mentors_filter
                    .selected_record(&program.mentors, mentor_label, mentor_record);
            program.mentors = rows;
            let gone = program
                .mentors_filter
                .follow(before, &program.mentors, mentor_label, |r| r.mentor.key);
            app.lost_selection(gone);
            return Ok(());
        }
        ProgramView::Overdue => {
            let before = app
                .program
                .overdue_item(app.program.overdue_filter.cursor().selected)
                .cloned();
            app.program.overdue_all = overdue::overdue_list(session)?;
            app.program.filter_overdue();
            let (state, session) = app.split();
            let gone = state.program.follow_overdue(session, before)?;
            app.lost_selection(gone);
            return load_overdue_window(app);
        }
        ProgramView::Matching => {
            let unmatched = matching::unmatched(session)?;
            let program = &mut app.program;
            let before = program
                .unmatched_filter
                .selected_record(&program.unmatched, unmatched_label, |p| (p.key, p.name.clone()));
            program.unmatched = unmatched;
            let gone = program
                .unmatched_filter
                .follow(before, &program.unmatched, unmatched_label, |p| p.key);
            app.lost_selection(gone);
            return Ok(());
        }
        ProgramView::Evaluation => app.program.evaluation = Some(evaluation::evaluate(session)?),
        ProgramView::Ledger => {
            app.program.ledger = ledger::ledger(session)?;
            let shown = app.program.ledger_shown().len();
            app.program.ledger_filter.clamp(shown);
            return Ok(());
        }
        ProgramView::Alerts => {
            let month = YearMonth::of(session.today);
            let alerts: Vec<risk::StudentRisk> = risk::risk(session, month)?
                .into_iter()
                .filter(|r| r.level == "high")
                .collect();
            let program = &mut app.program;
            let keys: Vec<i64> = alerts.iter().map(|a| a.student.key).collect();
            let before = program
                .alerts
                .get(program.list_cursor.selected)
                .map(|a| (a.student.key, a.student.name.clone()));
            program.alerts = alerts;
            let gone = program.list_cursor.follow(before, &keys);
            app.lost_selection(gone);
            return Ok(());
        }
        ProgramView::Audit => {
            let filter = AuditFilter {
                by: app.program.audit_by.as_ref().map(|p| p.key),
                about: app.program.audit_about.as_ref().map(|p| p.key),
            };
            let audit = session.audit(&filter, AUDIT_ROWS)?;
            let program = &mut app.program;
            let before = program
                .audit_filter
                .selected_record(&program.audit, audit_label, |l| {
                    (l.entry.key, format!("the change of {}", l.entry.at))
                });
            program.audit = audit;
            let gone = program
                .audit_filter
                .follow(before, &program.audit, audit_label, |l| l.entry.key);
            app.lost_selection(gone);
            return Ok(());
        }
        ProgramView::Applicants => {
            let applicants = session.applicants()?;
            let program = &mut app.program;
            let keys: Vec<i64> = applicants.iter().map(|a| a.person.key).collect();
            let before = program
                .applicants
                .get(program.list_cursor.selected)
                .map(|a| (a.person.key, a.name.clone()));
            program.applicants = applicants;
            let gone = program.list_cursor.follow(before, &keys);
            app.lost_selection(gone);
            return Ok(());
        }
    }
    let len = app.program.list_len();
    app.program.list_cursor.clamp(len);
    Ok(())
}

pub fn update(app: &mut State, action: Action) -> Update {
    if let Action::View(view) = action {
        if !app.context.sees_whole_program() && !view.open_to_mentors() {
            return Update::unchanged();
        }
        if view == ProgramView::Applicants && !app.context.program.settings.mentor_applications {
            app.info("This program does not take mentor applications (People, S: mentor_applications)");
            return Update::redraw();
        }
        if app.program.view == view {
            return Update::unchanged();
        }
        app.program.view = view;
        app.program.list_cursor = ListCursor::default();
        app.program.overdue_filter = ListFilter::default();
        app.program.unmatched_filter = ListFilter::default();
        app.program.ledger_filter = ListFilter::default();
        app.program.audit_filter = ListFilter::default();
        return Update::load(Load::Screen);
    }
    match app.program.view {
        ProgramView::Mentors => mentors_update(app, action),
        ProgramView::Overdue => overdue_update(app, action),
        ProgramView::Matching => matching_update(app, action),
        ProgramView::Audit => audit_update(app, action),
        ProgramView::Ledger => {
            let shown = app.program.ledger_shown().len();
            match app.program.ledger_filter.update(action, shown) {
                Filtered::Taken { changed, .. } => changed.into(),
                Filtered::NotMine
                    if action == Action::AddLedgerEntry
                        && app.context.may(Permission::AddLedgerEntry, Relation::Program) =>
                {
                    Update::load(Load::LedgerForm)
                }
                Filtered::NotMine => Update::unchanged(),
            }
        }
        ProgramView::Applicants if action == Action::Open => {
            let Some(applicant) = app.program.applicants.get(app.program.list_cursor.selected) else {
                return Update::unchanged();
            };
            app.overlay = Some(super::Overlay::Text {
                title: format!("Application: {}", applicant.name),
                lines: applicant_file(applicant),
                top: 0,
            });
            Update::redraw()
        }
        _ => match action {
            Action::Move(motion) => {
                let len = app.program.list_len();
                app.program.list_cursor.apply(motion, len).into()
            }
            _ => Update::unchanged(),
        },
    }
}

fn mentors_update(app: &mut State, action: Action) -> Update {
    let shown = app.program.mentors_shown();
    if let Filtered::Taken { changed, .. } = app.program.mentors_filter.update(action, shown.len()) {
        return changed.into();
    }
    match action {
        Action::EarlierMonth => {
            app.program.month = app.program.month.prev();
            Update::load(Load::Screen)
        }
        Action::LaterMonth => {
            app.program.month = app.program.month.next();
            Update::load(Load::Screen)
        }
        Action::Open => {
            let selected = shown.get(app.program.mentors_filter.cursor().selected);
            let Some(row) = selected.and_then(|&i| app.program.mentors.get(i)) else {
                return Update::unchanged();
            };
            let mentor = row.mentor.clone();
            app.caseload.month = app.program.month;
            super::caseload::open_mentor(app, mentor)
        }
        Action::Assign | Action::WarnMentor | Action::RemoveMentor => {
            let selected = shown.get(app.program.mentors_filter.cursor().selected);
            let Some(mentor) = selected
                .and_then(|&i| app.program.mentors.get(i))
                .map(|r| r.mentor.clone())
            else {
                return Update::unchanged();
            };
            match action {
                Action::Assign => Update::load(Load::AssignChoice(mentor.key)),
                _ => {
                    let remove = action == Action::RemoveMentor;
                    app.overlay = Some(Overlay::Choose(ground_choice(&mentor, remove)));
                    Update::redraw()
                }
            }
        }
        _ => Update::unchanged(),
    }
}

fn overdue_update(app: &mut State, action: Action) -> Update {
    let total = app.program.overdue.total;
    if let Filtered::Taken {
        changed,
        query_changed,
    } = app.program.overdue_filter.update(action, total)
    {
        if query_changed {
            app.program.filter_overdue();
        }
        return Update::from(changed).and(Effect::Load(Load::OverdueWindow));
    }
    let Some(item) = app
        .program
        .overdue_item(app.program.overdue_filter.cursor().selected)
        .cloned()
    else {
        return Update::unchanged();
    };
    match action {
        Action::Remind => Update::run(Effect::Remind {
            mentor: item.mentor_key,
            text: format!("Please file the {} (due {}).", item.what, item.due),
            mentor_name: item.mentor,
        }),
        Action::Open => match (item.contact_key, item.form) {
            (Some(contact), _) => {
                app.contacts.filter = ContactFilter {
                    mentor: Some(item.mentor_key),
                    ..Default::default()
                };
                app.screen = super::Screen::Contacts;
                Update::load(Load::SelectContact(contact))
            }
            (None, Some(form)) => {
                let index = app.context.program.forms().iter().position(|f| f.id == form);
                app.forms.template = index.map_or(0, |i| i + 1);
                app.forms.pane = super::Pane::Items;
                app.show(super::Screen::Forms)
            }
            (None, None) => {
                app.contacts.filter = ContactFilter {
                    mentor: Some(item.mentor_key),
                    ..Default::default()
                };
                app.show(super::Screen::Contacts)
            }
        },
        _ => Update::unchanged(),
    }
}

fn audit_update(app: &mut State, action: Action) -> Update {
    let shown = app.program.audit_shown();
    if let Filtered::Taken { changed, .. } = app.program.audit_filter.update(action, shown.len()) {
        return changed.into();
    }
    match action {
        Action::Open => {
            let selected = shown.get(app.program.audit_filter.cursor().selected);
            let Some(line) = selected.and_then(|&i| app.program.audit.get(i)) else {
                return Update::unchanged();
            };
            app.overlay = Some(super::Overlay::Text {
                title: format!(" Change of {} ", line.entry.at.replace('T', " ")),
                lines: vec![format!("By {}", line.who), line.what.clone()],
                top: 0,
            });
            Update::redraw()
        }
        Action::PickAuditBy => Update::load(Load::AuditPicker { by: true }),
        Action::PickAuditAbout => Update::load(Load::AuditPicker { by: false }),
        Action::ClearFilters if app.program.audit_by.is_some() || app.program.audit_about.is_some() => {
            app.program.audit_by = None;
            app.program.audit_about = None;
            app.program.audit_filter.picker.cursor.home();
            Update::load(Load::Screen)
        }
        _ => Update::unchanged(),
    }
}

fn matching_update(app: &mut State, action: Action) -> Update {
    let shown = app.program.unmatched_shown();
    if let Filtered::Taken { changed, .. } = app.program.unmatched_filter.update(action, shown.len()) {
        return changed.into();
    }
    if action != Action::Open {
        return Update::unchanged();
    }
    let selected = shown.get(app.program.unmatched_filter.cursor().selected);
    match selected.and_then(|&i| app.program.unmatched.get(i)) {
        Some(mentee) => Update::load(Load::MentorRanking(Box::new(mentee.clone()))),
        None => Update::unchanged(),
    }
}
