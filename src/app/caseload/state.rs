//! What the Caseload screen holds: the state its `update` changes and `ui` draws, apart from the update and the
//! loads so that the app's state can hold it without depending on them.

use crate::app::list::{ListCursor, ListFilter};
use crate::domain::YearMonth;
use crate::domain::engagement::{AreaTrend, DailyLine, Engagement};
use crate::domain::quota::QuotaStanding;
use crate::domain::records::ContactRow;
use crate::domain::records::{Assignment, Person};
use crate::domain::risk::Level;
use crate::domain::types::Role;
use crate::service::Context;
use crate::service::caseload::{FlaggedRow, MentorRow};

/// A person opened from the caseload: profile, assignment history and every contact.
pub struct PersonDetail {
    pub person: Person,
    /// Each assignment with the name of the other side.
    pub assignments: Vec<(Assignment, String)>,
    pub contacts: Vec<ContactRow>,
    /// Check & Connect: each month's engagement with its risk, newest first.
    pub engagement: Vec<EngagementMonth>,
    /// Check & Connect: the latest daily lines, newest first.
    pub daily: Vec<DailyLine>,
    pub scroll: u16,
}

/// A month of a student's engagement: the records rolled up, the risk, and the four areas
/// against the month before.
pub struct EngagementMonth {
    pub month: YearMonth,
    pub entry: Engagement,
    pub level: Level,
    pub triggers: Vec<&'static str>,
    pub areas: [AreaTrend; 4],
}

pub struct CaseloadState {
    /// Whose caseload; `None` while a coordinator has not picked a mentor.
    pub mentor: Option<Person>,
    pub month: YearMonth,
    pub standing: Option<QuotaStanding>,
    pub rows: Vec<FlaggedRow>,
    pub cursor: ListCursor,
    pub person: Option<PersonDetail>,
    /// The coordinator's mentor picker, and its filter with the selection.
    pub mentors: Vec<MentorRow>,
    pub mentor_filter: ListFilter,
}

impl CaseloadState {
    pub fn new(context: &Context) -> Self {
        CaseloadState {
            mentor: (context.me().role == Role::Mentor).then(|| context.me().clone()),
            month: YearMonth::of(context.today),
            standing: None,
            rows: Vec::new(),
            cursor: ListCursor::default(),
            person: None,
            mentors: Vec::new(),
            mentor_filter: ListFilter::default(),
        }
    }

    pub fn selected(&self) -> Option<&FlaggedRow> {
        self.rows.get(self.cursor.selected)
    }

    /// The mentor picker's filter, while the picker is in view.
    pub fn mentor_filter_in_view(&self) -> Option<&ListFilter> {
        (self.mentor.is_none() && self.person.is_none()).then_some(&self.mentor_filter)
    }

    /// A coordinator looking at someone else's caseload cannot log contacts for them.
    pub fn read_only(&self, context: &Context) -> bool {
        self.mentor.as_ref().is_none_or(|m| m.key != context.me().key)
    }
}

/// A row of the mentor picker, to follow through a reload: the mentor's key and name.
pub fn mentor_record(row: &MentorRow) -> (i64, String) {
    (row.mentor.key, row.mentor.name.clone())
}

/// What the mentor picker's filter looks through: the mentor's name and id.
pub fn mentor_label(row: &MentorRow) -> String {
    format!("{} {}", row.mentor.name, row.mentor.id)
}
