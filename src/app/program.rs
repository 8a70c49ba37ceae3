//! The program screen: the mentors table (behind first) and the coordinator's desk: overdue
//! paperwork with reminders, matching, evaluation, the ledger and the audit log.

use super::list::{ListCursor, navigate};
use super::{App, Choice, ChoiceAction, Overlay};
use crate::desk::{self, Evaluation, LedgerLine, OverdueItem, Triage};
use crate::domain::YearMonth;
use crate::domain::records::Person;
use crate::error::Result;
use crate::store::{AuditEntry, ContactFilter};
use crate::views::{self, MentorRow};
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgramView {
    Mentors,
    Overdue,
    Matching,
    Evaluation,
    Ledger,
    /// Check & Connect: every high-risk student.
    Alerts,
    /// The audit log: who changed what (coordinators only).
    Audit,
}

impl ProgramView {
    /// The key that opens each view, and its name on the view bar.
    pub const KEYS: [(char, ProgramView, &'static str); 7] = [
        ('m', ProgramView::Mentors, "mentors"),
        ('o', ProgramView::Overdue, "overdue"),
        ('M', ProgramView::Matching, "matching"),
        ('e', ProgramView::Evaluation, "evaluation"),
        ('$', ProgramView::Ledger, "ledger"),
        ('a', ProgramView::Alerts, "risk alerts"),
        ('l', ProgramView::Audit, "audit log"),
    ];
}

pub struct ProgramState {
    pub month: YearMonth,
    pub view: ProgramView,
    pub mentors: Vec<MentorRow>,
    pub triage: Vec<Triage>,
    pub cursor: ListCursor,
    pub overdue: Vec<OverdueItem>,
    pub unmatched: Vec<Person>,
    pub evaluation: Option<Evaluation>,
    pub ledger: Vec<LedgerLine>,
    pub alerts: Vec<desk::StudentRisk>,
    pub audit: Vec<AuditEntry>,
    /// The selection in whichever list the view shows (all but the mentors table).
    pub list_cursor: ListCursor,
}

impl ProgramState {
    pub fn new(today: NaiveDate) -> Self {
        ProgramState {
            month: YearMonth::of(today),
            view: ProgramView::Mentors,
            mentors: Vec::new(),
            triage: Vec::new(),
            cursor: ListCursor::default(),
            overdue: Vec::new(),
            unmatched: Vec::new(),
            evaluation: None,
            ledger: Vec::new(),
            alerts: Vec::new(),
            audit: Vec::new(),
            list_cursor: ListCursor::default(),
        }
    }

    fn list_len(&self) -> usize {
        match self.view {
            ProgramView::Mentors => self.mentors.len(),
            ProgramView::Overdue => self.overdue.len(),
            ProgramView::Matching => self.unmatched.len(),
            ProgramView::Evaluation => 0,
            ProgramView::Ledger => self.ledger.len(),
            ProgramView::Alerts => self.alerts.len(),
            ProgramView::Audit => self.audit.len(),
        }
    }
}

const AUDIT_ROWS: u32 = 500;

pub fn load(app: &mut App) -> Result<()> {
    let session = &app.session;
    match app.program.view {
        ProgramView::Mentors => {
            let rows: Vec<MentorRow> = views::mentor_table(session, app.program.month)?
                .into_iter()
                .filter(|r| session.may_see_mentor(r.mentor.key))
                .collect();
            app.program.triage = rows
                .iter()
                .map(|r| desk::triage(session, r.mentor.key))
                .collect::<Result<_>>()?;
            app.program.mentors = rows;
            app.program.cursor.clamp(app.program.mentors.len());
            return Ok(());
        }
        ProgramView::Overdue => app.program.overdue = desk::overdue(session)?,
        ProgramView::Matching => {
            session.require_coordinator("match mentees")?;
            app.program.unmatched = desk::unmatched(session)?;
        }
        ProgramView::Evaluation => {
            session.require_coordinator("read the program evaluation")?;
            app.program.evaluation = Some(desk::evaluate(session)?);
        }
        ProgramView::Ledger => app.program.ledger = desk::ledger(session)?,
        ProgramView::Alerts => {
            let month = YearMonth::of(session.today);
            app.program.alerts = desk::risk(session, month)?
                .into_iter()
                .filter(|r| r.level == "high")
                .collect();
        }
        ProgramView::Audit => {
            session.require_coordinator("read the audit log")?;
            app.program.audit = session.store.audit_log(AUDIT_ROWS)?;
        }
    }
    let len = app.program.list_len();
    app.program.list_cursor.clamp(len);
    Ok(())
}

pub fn key(app: &mut App, key: KeyEvent) -> bool {
    if let KeyCode::Char(c) = key.code
        && let Some((_, view, _)) = ProgramView::KEYS.iter().find(|(k, _, _)| *k == c)
    {
        let mentor_views = matches!(
            view,
            ProgramView::Mentors | ProgramView::Overdue | ProgramView::Ledger
        );
        if !app.session.is_coordinator() && !mentor_views {
            return false;
        }
        if app.program.view == *view {
            return false;
        }
        app.program.view = *view;
        app.program.list_cursor = ListCursor::default();
        app.reload();
        return true;
    }
    match app.program.view {
        ProgramView::Mentors => mentors_key(app, key),
        ProgramView::Overdue => overdue_key(app, key),
        ProgramView::Matching => matching_key(app, key),
        _ => {
            let len = app.program.list_len();
            navigate(&mut app.program.list_cursor, len, key).unwrap_or(false)
        }
    }
}

fn mentors_key(app: &mut App, key: KeyEvent) -> bool {
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

fn overdue_key(app: &mut App, key: KeyEvent) -> bool {
    let len = app.program.overdue.len();
    if let Some(changed) = navigate(&mut app.program.list_cursor, len, key) {
        return changed;
    }
    let Some(item) = app.program.overdue.get(app.program.list_cursor.selected).cloned() else {
        return false;
    };
    match key.code {
        KeyCode::Char('r') if app.session.is_coordinator() => {
            let text = format!("Please file the {} (due {}).", item.what, item.due);
            let sender = app.session.actor();
            match app.session.store.remind(item.mentor_key, &text, &sender) {
                Ok(()) => app.info(format!(
                    "Reminder sent to {}: it shows on their next start",
                    item.mentor
                )),
                Err(err) => app.error(err.to_string()),
            }
            true
        }
        KeyCode::Enter => {
            match item.contact_key {
                Some(contact) => {
                    app.contacts.filter = ContactFilter {
                        mentor: Some(item.mentor_key),
                        ..Default::default()
                    };
                    app.switch_to(super::Screen::Contacts);
                    if let Some(i) = app.contacts.rows.iter().position(|r| r.contact.key == contact) {
                        app.contacts.cursor.selected = i;
                    }
                }
                None => {
                    let index = app
                        .session
                        .program
                        .forms()
                        .iter()
                        .position(|f| f.id == "monthly-record");
                    app.forms.template = index.map_or(0, |i| i + 1);
                    app.forms.pane = super::Pane::Items;
                    app.switch_to(super::Screen::Forms);
                }
            }
            true
        }
        _ => false,
    }
}

fn matching_key(app: &mut App, key: KeyEvent) -> bool {
    let len = app.program.unmatched.len();
    if let Some(changed) = navigate(&mut app.program.list_cursor, len, key) {
        return changed;
    }
    if key.code != KeyCode::Enter {
        return false;
    }
    let Some(mentee) = app
        .program
        .unmatched
        .get(app.program.list_cursor.selected)
        .cloned()
    else {
        return false;
    };
    match desk::rank_mentors(&app.session, &mentee) {
        Ok(ranking) => {
            let options = ranking
                .iter()
                .map(|c| {
                    let eligible = if c.fit.eligible { "" } else { "NOT ELIGIBLE · " };
                    (
                        format!(
                            "{:>3} {} · {eligible}{}",
                            c.fit.score,
                            c.name,
                            c.fit.reasons.join("; ")
                        ),
                        c.mentor_key.to_string(),
                    )
                })
                .collect();
            app.overlay = Some(Overlay::Choose(Choice {
                title: format!("Best mentors for {} (Enter assigns)", mentee.name),
                options,
                cursor: 0,
                action: ChoiceAction::MatchMentee { mentee: mentee.key },
            }));
        }
        Err(err) => app.error(err.to_string()),
    }
    true
}
