//! What the app shows and how a key changes it. A key goes through the key map (`keymap`) to an
//! `Action`; `update` applies it to the plain [`State`] and returns `Effect`s (`effects.rs`),
//! which the runtime ([`App`], `runtime/`) runs: it owns the session and the draft and letter
//! files, and is the only place that reads or writes the store or files. Rendering lives in
//! `ui/` and reads the state without changing it.
//!
//! Each screen is one folder: what it holds in `<screen>/state.rs`, its `update` (on [`State`])
//! and its loads (on [`App`], run as effects) in `<screen>/mod.rs`. This file only declares the
//! modules and names what others use; no two of them import each other round a cycle
//! (`tests/boundaries.rs`).
//!
//! The state has no session, so the compiler keeps a key handler away from the database
//! (error E0609, no such field):
//!
//! ```compile_fail,E0609
//! fn reach(state: &mentordesk::app::State) {
//!     let _ = state.session;
//! }
//! ```

pub mod action;
mod calendar;
mod caseload;
pub mod conflict;
pub mod contact_form;
mod contacts;
pub mod drafts;
pub mod effects;
pub mod event_form;
pub mod field_drafts;
pub mod first_run;
pub mod form;
pub mod form_fill;
mod forms;
pub mod keymap;
pub mod list;
pub mod paste;
pub mod people;
mod program;
pub mod programs;
#[cfg(test)]
mod query_plan_tests;
pub mod runtime;
mod screen;
pub mod setting_fields;
mod state;
pub mod update;

pub use calendar::{CalendarState, EventView, UPCOMING_DAYS};
pub use caseload::{CaseloadState, PersonDetail, mentor_label};
pub use contacts::ContactsState;
pub use forms::{FormsState, ReportItem};
pub use people::PeopleState;
pub use program::ProgramState;
pub use programs::ProgramsState;
pub use runtime::App;
pub use screen::{Pane, ProgramView, Screen};
pub use state::{Choice, ChoiceAction, Confirm, Overlay, PendingConflict, State, WaitingChanges};
