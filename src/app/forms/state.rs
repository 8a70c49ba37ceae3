//! What the Forms screen holds: the state its `update` changes and `ui` draws, apart from the update and the
//! loads so that the app's state can hold it without depending on them.

use crate::app::form_fill::FormDraft;
use crate::app::list::{ListCursor, ListFilter};
use crate::app::screen::Pane;
use crate::domain::forms::FormDef;
use crate::domain::forms::Submission;
use crate::domain::records::ContactRow;
use crate::domain::records::Program;
use chrono::NaiveDate;

#[derive(Debug, Clone)]
pub struct ReportItem {
    pub row: ContactRow,
    pub due: NaiveDate,
    pub days_overdue: Option<i64>,
}

#[derive(Default)]
pub struct FormsState {
    pub pane: Pane,
    /// 0 is the contact reporting form; then the program's forms, in catalog order.
    pub template: usize,
    pub reports: Vec<ReportItem>,
    pub cursor: ListCursor,
    /// Filed forms of the selected template (yours; a coordinator's: everyone's).
    pub filed: Vec<Submission>,
    /// The filter of the filed forms, and the selection among the draft and the matches.
    pub filed_filter: ListFilter,
    /// Only forms about this person.
    pub person: Option<(i64, String)>,
    /// Your unfiled draft of the selected form, listed above what was filed.
    pub draft: Option<FormDraft>,
}

impl FormsState {
    /// The program's form selected on the left, if any.
    pub fn form(&self, program: &Program) -> Option<&'static FormDef> {
        let forms = program.forms();
        self.template.checked_sub(1).and_then(|i| forms.get(i).copied())
    }

    /// The filter of the filed forms, while they are in view.
    pub fn filed_filter_in_view(&self) -> Option<&ListFilter> {
        (self.pane == Pane::Items && self.template != 0).then_some(&self.filed_filter)
    }

    /// The indices of the filed forms the filter matches.
    pub fn filed_shown(&self) -> Vec<usize> {
        self.filed_filter.matching(&self.filed, filed_label)
    }

    /// The rows as listed, by key: your draft (`None`) above the filed forms, when listed.
    pub(super) fn listed_keys(&self) -> Vec<Option<i64>> {
        let draft = self.draft_listed().then_some(None);
        draft
            .into_iter()
            .chain(self.filed_shown().into_iter().map(|i| Some(self.filed[i].key)))
            .collect()
    }

    /// Whether your draft is listed above the filed forms: while no filter is set.
    pub fn draft_listed(&self) -> bool {
        self.draft.is_some() && self.filed_filter.query().is_empty()
    }
}

/// What the filter looks through in a filed form: the day, who filed it and about whom.
pub(super) fn filed_label(filed: &Submission) -> String {
    format!(
        "{} {} {}",
        crate::domain::dates::day_of_stamp(&filed.submitted_at),
        filed.author_name,
        filed.about_name.as_deref().unwrap_or("")
    )
}
