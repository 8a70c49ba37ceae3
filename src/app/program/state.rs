//! What the Program screen holds: the state its `update` changes and `ui` draws, apart from the update and the
//! loads so that the app's state can hold it without depending on them.

use crate::app::caseload::mentor_label;
use crate::app::list::matches_query;
use crate::app::list::{ListCursor, ListFilter};
use crate::app::screen::ProgramView;
use crate::domain::YearMonth;
use crate::domain::records::Person;
use crate::error::Result;
use crate::service::applications::Applicant;
use crate::service::audit::AuditLine;
use crate::service::caseload::MentorRow;
use crate::service::caseload::Triage;
use crate::service::evaluation::Evaluation;
use crate::service::ledger::LedgerLine;
use crate::service::overdue::{OverdueItem, OverdueList};
use crate::service::risk;
use chrono::NaiveDate;

pub struct ProgramState {
    pub month: YearMonth,
    pub view: ProgramView,
    pub mentors: Vec<MentorRow>,
    pub triage: Vec<Triage>,
    /// The mentors table's filter and selection.
    pub mentors_filter: ListFilter,
    /// Overdue paperwork, counted per mentor, as read.
    pub overdue_all: OverdueList,
    /// The mentors of `overdue_all` the filter matches; its rows are read around the selection.
    pub overdue: OverdueList,
    /// The overdue list's filter (by mentor) and selection.
    pub overdue_filter: ListFilter,
    /// Rows `overdue_first..` of the overdue list.
    pub overdue_rows: Vec<OverdueItem>,
    pub overdue_first: usize,
    pub unmatched: Vec<Person>,
    pub unmatched_filter: ListFilter,
    pub evaluation: Option<Evaluation>,
    pub ledger: Vec<LedgerLine>,
    pub ledger_filter: ListFilter,
    pub alerts: Vec<risk::StudentRisk>,
    pub audit: Vec<AuditLine>,
    /// The typed filter of the audit lines read (the newest `AUDIT_ROWS` of `audit_by` and
    /// `audit_about`).
    pub audit_filter: ListFilter,
    /// The audit log shows only the changes this person made.
    pub audit_by: Option<Person>,
    /// The audit log shows only the changes about this person.
    pub audit_about: Option<Person>,
    pub applicants: Vec<Applicant>,
    /// The selection in whichever list the view shows (all but those with a filter).
    pub list_cursor: ListCursor,
}

impl ProgramState {
    pub fn new(today: NaiveDate) -> Self {
        ProgramState {
            month: YearMonth::of(today),
            view: ProgramView::Mentors,
            mentors: Vec::new(),
            triage: Vec::new(),
            mentors_filter: ListFilter::default(),
            overdue_all: OverdueList::default(),
            overdue: OverdueList::default(),
            overdue_filter: ListFilter::default(),
            overdue_rows: Vec::new(),
            overdue_first: 0,
            unmatched: Vec::new(),
            unmatched_filter: ListFilter::default(),
            evaluation: None,
            ledger: Vec::new(),
            ledger_filter: ListFilter::default(),
            alerts: Vec::new(),
            audit: Vec::new(),
            audit_filter: ListFilter::default(),
            audit_by: None,
            audit_about: None,
            applicants: Vec::new(),
            list_cursor: ListCursor::default(),
        }
    }

    /// After the overdue list was read again: the selection stays on the item it was on
    /// (`before`), found in its mentor's group, wherever that now stands; when the item is gone
    /// the row now at its place stays selected, and the item is named to say why.
    pub(super) fn follow_overdue(
        &mut self,
        session: &crate::service::Session,
        before: Option<OverdueItem>,
    ) -> Result<Option<String>> {
        let Some(item) = before else {
            return Ok(None);
        };
        let same = |row: &OverdueItem| {
            (row.mentor_key, row.kind, &row.what, row.due, row.contact_key)
                == (item.mentor_key, item.kind, &item.what, item.due, item.contact_key)
        };
        let mut first = 0;
        for group in &self.overdue.groups {
            if group.mentor_key == item.mentor_key {
                let rows = self.overdue.items(session, first, group.len())?;
                if let Some(at) = rows.iter().position(same) {
                    self.overdue_filter.select(first + at, self.overdue.total);
                    return Ok(None);
                }
                break;
            }
            first += group.len();
        }
        Ok(Some(format!("{} ({})", item.what, item.mentor)))
    }

    /// Row `index` of the overdue list, when it is loaded.
    pub fn overdue_item(&self, index: usize) -> Option<&OverdueItem> {
        self.overdue_rows.get(index.checked_sub(self.overdue_first)?)
    }

    /// The filter of the list in view, for the views whose list filters as you type.
    pub fn filter_in_view(&self) -> Option<&ListFilter> {
        match self.view {
            ProgramView::Mentors => Some(&self.mentors_filter),
            ProgramView::Overdue => Some(&self.overdue_filter),
            ProgramView::Matching => Some(&self.unmatched_filter),
            ProgramView::Ledger => Some(&self.ledger_filter),
            ProgramView::Audit => Some(&self.audit_filter),
            ProgramView::Evaluation | ProgramView::Alerts | ProgramView::Applicants => None,
        }
    }

    /// The indices of the ledger lines the filter matches.
    pub fn ledger_shown(&self) -> Vec<usize> {
        self.ledger_filter.matching(&self.ledger, |l| {
            format!("{} {} {} {}", l.mentor, l.date, l.kind, l.note)
        })
    }

    /// The indices of the audit lines the filter matches.
    pub fn audit_shown(&self) -> Vec<usize> {
        self.audit_filter.matching(&self.audit, audit_label)
    }

    /// The indices of the mentors the filter matches.
    pub fn mentors_shown(&self) -> Vec<usize> {
        self.mentors_filter.matching(&self.mentors, mentor_label)
    }

    /// The indices of the unmatched mentees the filter matches.
    pub fn unmatched_shown(&self) -> Vec<usize> {
        self.unmatched_filter.matching(&self.unmatched, unmatched_label)
    }

    /// Keeps the overdue paperwork of the mentors the filter matches, to be read from the top.
    pub(super) fn filter_overdue(&mut self) {
        let groups: Vec<_> = self
            .overdue_all
            .groups
            .iter()
            .filter(|g| {
                matches_query(
                    self.overdue_filter.query(),
                    &format!("{} {}", g.mentor, g.mentor_id),
                )
            })
            .cloned()
            .collect();
        let total = groups.iter().map(|g| g.len()).sum();
        self.overdue = OverdueList { groups, total };
        self.overdue_rows.clear();
        self.overdue_first = 0;
        self.overdue_filter.clamp(total);
    }

    /// The length of the list `list_cursor` moves in: the views' lists without a filter.
    pub(super) fn list_len(&self) -> usize {
        match self.view {
            ProgramView::Alerts => self.alerts.len(),
            ProgramView::Applicants => self.applicants.len(),
            _ => 0,
        }
    }
}

/// What the audit log's filter looks through: when, who and what.
pub(super) fn audit_label(line: &AuditLine) -> String {
    format!("{} {} {}", line.entry.at, line.who, line.what)
}

/// What the unmatched mentees' filter looks through: the name, job family, location and goals.
pub(super) fn unmatched_label(person: &Person) -> String {
    let f = &person.fields;
    [
        Some(person.name.as_str()),
        f.job_family.as_deref(),
        f.location.as_deref(),
        f.goals.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ")
}
