//! The Programs screen: every program the config file lists, with its figures (taken now, or
//! the last ones kept, said to be old); Enter opens a local one in place of the program open now.

use super::App;
use super::action::Action;
use super::effects::{Effect, Load};
use super::list::ListCursor;
use super::update::Update;
use crate::error::Result;
use crate::service::figures::ProgramFigures;
use crate::service::programs::{FiguresCache, ListedProgram, ProgramRow, RemoteProgram, Source, Taker};
use std::path::PathBuf;

/// How a remote program's figures are fetched (the sync channel, given by the command line).
pub type Fetch = fn(&RemoteProgram) -> Result<ProgramFigures>;

pub struct ProgramsState {
    /// The config file's `[[programs]]`, in its order.
    pub listed: Vec<ListedProgram>,
    pub taker: Taker,
    pub fetch: Fetch,
    /// The user's cache of the last figures; `None` keeps none.
    pub cache: Option<PathBuf>,
    /// One row per listed program, as last taken.
    pub rows: Vec<ProgramRow>,
    pub cursor: ListCursor,
}

impl ProgramsState {
    pub fn new(
        listed: Vec<ListedProgram>,
        taker: Taker,
        fetch: Fetch,
        cache: Option<PathBuf>,
    ) -> ProgramsState {
        ProgramsState {
            listed,
            taker,
            fetch,
            cache,
            rows: Vec::new(),
            cursor: ListCursor::default(),
        }
    }
}

impl Default for ProgramsState {
    fn default() -> ProgramsState {
        ProgramsState::new(
            Vec::new(),
            Taker {
                login: String::new(),
                today: None,
            },
            |_| {
                Err(crate::error::Error::Failed(
                    "no remote program is listed here".into(),
                ))
            },
            None,
        )
    }
}

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

pub(super) fn update(app: &mut App, action: Action) -> Update {
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
