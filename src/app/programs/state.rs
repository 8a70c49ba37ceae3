//! What the Programs screen holds: the listed programs, how their figures are taken, and the
//! rows as last taken.

use crate::app::list::ListCursor;
use crate::error::Result;
use crate::service::figures::ProgramFigures;
use crate::service::programs::{ListedProgram, ProgramRow, RemoteProgram, Taker};
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
