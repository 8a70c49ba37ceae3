//! The names both sides of the app use: which screen is in view, which pane of Forms and which
//! view of Program. The key map and the actions name these, the screens keep them, so they
//! belong to neither.

use crate::domain::permissions::{Permission, Relation};
use crate::service::Context;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Caseload,
    Contacts,
    Calendar,
    Forms,
    Program,
    /// Coordinators: people and the program's settings.
    People,
    /// Every program of the config file, with its figures; reached by its own key, not a tab.
    Programs,
}

impl Screen {
    pub const ALL: [Screen; 6] = [
        Screen::Caseload,
        Screen::Contacts,
        Screen::Calendar,
        Screen::Forms,
        Screen::Program,
        Screen::People,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Screen::Caseload => "Caseload",
            Screen::Contacts => "Contacts",
            Screen::Calendar => "Calendar",
            Screen::Forms => "Forms",
            Screen::Program => "Program",
            Screen::People => "People",
            Screen::Programs => "Programs",
        }
    }

    /// Whether the user has this screen: the People screen only for those the permission
    /// table lets manage people.
    pub fn shown_to(self, context: &Context) -> bool {
        match self {
            Screen::People => context.may(Permission::ManagePeople, Relation::Program),
            _ => true,
        }
    }
}

/// The two panes of the Forms screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Pane {
    /// The list of templates on the left.
    #[default]
    Templates,
    /// What the selected template holds, on the right.
    Items,
}

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
    /// NEA: the mentor applicants' files (programs that take applications).
    Applicants,
}

impl ProgramView {
    /// Each view with its name on the view bar, in the bar's order.
    pub const NAMES: [(ProgramView, &'static str); 8] = [
        (ProgramView::Mentors, "mentors"),
        (ProgramView::Overdue, "overdue"),
        (ProgramView::Matching, "matching"),
        (ProgramView::Evaluation, "evaluation"),
        (ProgramView::Ledger, "ledger"),
        (ProgramView::Alerts, "risk alerts"),
        (ProgramView::Audit, "audit log"),
        (ProgramView::Applicants, "applicants"),
    ];

    /// Whether the program has what the view shows: risk alerts where it monitors engagement,
    /// applicants where mentors apply. The view bar leaves the others off.
    pub fn applies_to(self, settings: &crate::domain::settings::Settings) -> bool {
        match self {
            ProgramView::Alerts => settings.risk.is_some(),
            ProgramView::Applicants => settings.mentor_applications,
            _ => true,
        }
    }

    /// The views a mentor may open; the others are the coordinator's.
    pub fn open_to_mentors(self) -> bool {
        matches!(
            self,
            ProgramView::Mentors | ProgramView::Overdue | ProgramView::Ledger
        )
    }
}
