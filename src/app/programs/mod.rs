//! The Programs screen: every program the config file lists, with its figures (taken now, or
//! the last ones kept, said to be old); Enter opens a local one in place of the program open now.

mod state;
pub use state::{Fetch, ProgramsState};

use super::action::Action;
use super::effects::{Effect, Load};
use super::update::Update;
use super::{App, State};
use crate::error::Result;
use crate::service::programs::{FiguresCache, Source};

/// Takes every listed program's figures, keeping them in the cache: a read, run as the screen
/// loads.
pub(super) fn load(app: &mut App) -> Result<()> {
    let state = &mut app.programs;
    let mut cache = state.cache.as_deref().map(FiguresCache::load).unwrap_or_default();
    let fetch = state.fetch;
    state.rows = crate::service::programs::gather(&state.listed, &state.taker, &fetch, &mut cache);
    state.cursor.clamp(state.rows.len());
    match &state.cache {
        Some(path) => cache.save(path),
        None => Ok(()),
    }
}

pub(super) fn update(app: &mut State, action: Action) -> Update {
    let state = &mut app.programs;
    match action {
        Action::Move(motion) => state.cursor.apply(motion, state.rows.len()).into(),
        Action::Refresh => Update::load(Load::Screen),
        Action::Open => {
            let Some(program) = state.listed.get(state.cursor.selected) else {
                return Update::unchanged();
            };
            match &program.source {
                Source::Local(db) => Update::run(Effect::OpenProgram {
                    name: program.name.clone(),
                    db: db.clone(),
                }),
                Source::Remote(remote) => {
                    let text = format!(
                        "{} is on {}: open it there, over ssh; here it shows its figures only",
                        program.name, remote.host
                    );
                    app.info(text);
                    Update::redraw()
                }
            }
        }
        _ => Update::unchanged(),
    }
}
