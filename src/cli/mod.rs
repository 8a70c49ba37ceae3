//! The command line: clap definitions, the start-up (which database, which user, TUI or a
//! command), and one file per command family.

mod applicants;
mod args;
pub mod commands;
pub mod desk;

pub use args::*;

use crate::domain::settings::Preset;
use crate::error::{Error, Result};
use crate::service::program::Sharing;
use crate::service::{Session, demo, program, real_login};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// The database path: `--db`, else `MENTORDESK_DB` (both via clap), else the XDG data directory.
fn default_db_path() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("org", "mentordesk", "mentordesk")
        .ok_or_else(|| Error::Failed("cannot find a home directory; pass --db PATH".into()))?;
    let dir = dirs.data_dir();
    crate::privilege::create_own_dir(dir)?;
    Ok(dir.join("program.db"))
}

/// A demo database in its own temporary directory, removed when the app closes.
struct DemoDir(PathBuf);

impl Drop for DemoDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl DemoProgram {
    pub fn preset(self) -> Preset {
        match self {
            DemoProgram::RuralUnion => Preset::RuralUnion,
            DemoProgram::CheckConnect => Preset::CheckConnect,
            DemoProgram::Library => Preset::Library,
            DemoProgram::Esp => Preset::Esp,
            DemoProgram::Afscme => Preset::Afscme,
        }
    }
}

/// The demo's database: the given path, or a new file in a temporary directory.
fn demo_path(db: Option<&Path>) -> Result<(PathBuf, Option<DemoDir>)> {
    Ok(match db {
        Some(path) => (path.to_path_buf(), None),
        None => {
            let dir = std::env::temp_dir().join(format!("mentordesk-demo-{}", std::process::id()));
            crate::privilege::create_own_dir(&dir)?;
            (dir.join("demo.db"), Some(DemoDir(dir)))
        }
    })
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    let login = real_login()?;
    let creating_shared = matches!(cli.command, Some(Command::Init { shared: true, .. }));
    // Before the default path is made, so that it is made with the user's own rights.
    crate::privilege::settle(cli.db.as_deref(), creating_shared)
        .map_err(|e| Error::Failed(format!("cannot give up the program group: {e}")))?;
    // The day a new demo is built around, before there is a program and its zone.
    let today =
        crate::clock::Clock::new(crate::domain::settings::Settings::default().zone(), cli.today).today();
    let db = match &cli.db {
        Some(path) => Some(path.clone()),
        None if cli.demo.is_some() => None,
        None => Some(default_db_path()?),
    };
    if let Some(Command::Init {
        preset,
        start,
        name,
        group,
        ..
    }) = &cli.command
    {
        let db = db.expect("init always has a path");
        let sharing = match group {
            Some(group) => Sharing::Group(group.clone()),
            None => Sharing::Private,
        };
        program::create_program(&db, *preset, *start, name.clone(), &sharing)?;
        println!(
            "created {} at {}; you ({}) are its coordinator",
            preset.default_name(),
            db.display(),
            login
        );
        return Ok(());
    }
    if let Some(Command::Demo {
        people,
        contacts,
        seed,
        ..
    }) = &cli.command
    {
        let db = cli
            .db
            .as_ref()
            .ok_or_else(|| Error::Input("demo --generate: give a new file with --db".into()))?;
        return generate(db, *people, *contacts, *seed, today);
    }
    let (db, _demo_dir) = match cli.demo {
        Some(program) => {
            let (path, dir) = demo_path(db.as_deref())?;
            demo::prepare(&path, program.preset(), today)?;
            (path, dir)
        }
        None => (db.expect("a path unless demo"), None),
    };
    let mut session = Session::open_path(&db, &login, cli.as_login.as_deref(), cli.today)?;
    match cli.command {
        Some(command) => {
            let stdout = std::io::stdout();
            commands::run(&mut session, command, &mut stdout.lock())
        }
        None => crate::app::run_tui(session, crate::ui::theme::Theme::from_env(cli.ascii)),
    }
}

/// `demo --generate`: a large program, with a progress bar on a terminal.
fn generate(db: &Path, people: usize, contacts: usize, seed: u64, today: NaiveDate) -> Result<()> {
    let started = std::time::Instant::now();
    let bar = crate::progress::count(contacts as u64, "contacts");
    let mut progress = |done: usize, _total: usize| bar.set_position(done as u64);
    let made = demo::generate::generate(db, people, contacts, seed, today, &mut progress);
    bar.finish_and_clear();
    let made = made?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "wrote {} people, {} assignments, {} contacts ({} rows) to {} in {seconds:.1} s ({:.0} rows/s)",
        made.people,
        made.assignments,
        made.contacts,
        made.rows,
        db.display(),
        made.rows as f64 / seconds
    );
    Ok(())
}
