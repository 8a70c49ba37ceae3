//! The runtime: owns the session (the one door to the store), the draft files and the letters
//! directory; runs the effects `update` returns (`effects.rs`, `loads.rs`, `documents.rs`), and
//! puts what they read and did into the [`State`] that `update` and `ui` see (`run.rs`: a key,
//! a paste, a reload, the drafts left from before). Reads a plain field of the state through
//! `Deref`. The screens' loads take it; this file names no screen, so none of them depends
//! back on another through it.

mod changes;
pub(crate) mod conflict;
mod documents;
pub(crate) mod effects;
mod loads;
mod run;

use super::State;
use super::drafts;
use crate::service::Session;

pub struct App {
    state: State,
    pub session: Session,
    /// Where unsaved form input is kept; `None` keeps nothing (tests, mostly).
    pub drafts: Option<drafts::DraftFile>,
    /// Where unfiled forms are kept, one file per form beside this one.
    pub form_drafts: Option<drafts::DraftFile>,
    /// Where letters and certificates are written.
    pub letters_dir: Option<std::path::PathBuf>,
    /// A program opened from the Programs screen: the runtime starts the app again on it.
    pub switch_to: Option<Session>,
    /// A sync asked for, to run once the screen has said so.
    pub sync_waiting: bool,
    data_version: i64,
}

impl std::ops::Deref for App {
    type Target = State;

    fn deref(&self) -> &State {
        &self.state
    }
}

impl std::ops::DerefMut for App {
    fn deref_mut(&mut self) -> &mut State {
        &mut self.state
    }
}

impl App {
    /// The state and the session apart, for a load that reads one into the other.
    pub(super) fn split(&mut self) -> (&mut State, &mut Session) {
        (&mut self.state, &mut self.session)
    }
}
