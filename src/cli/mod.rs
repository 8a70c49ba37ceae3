//! The command line: clap definitions, the start-up (which database, which user, TUI or a
//! command), and one file per command family.

mod applicants;
mod args;
mod backups;
pub mod commands;
pub mod config;
mod contact;
pub mod coordinator;
mod manual;
pub mod output;
mod programs;
mod sync;

pub use args::*;

use crate::domain::settings::Preset;
use crate::error::{Error, Result};
use crate::service::program::Sharing;
use crate::service::{demo, program, real_login};
use chrono::NaiveDate;
use std::io::Write;
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
pub fn run(mut cli: Cli) -> Result<()> {
    let mut stdout = output::Watched(std::io::stdout().lock());
    if matches!(
        cli.command,
        Some(Command::Man { .. } | Command::Completions { .. })
    ) {
        // They open no program: nothing they do needs the program group.
        crate::privilege::drop_group_for_good()
            .map_err(|e| Error::Failed(format!("cannot give up the program group: {e}")))?;
    }
    match cli.command {
        Some(Command::Man { dir: None }) => return Ok(manual::write_man(&mut stdout)?),
        Some(Command::Man { dir: Some(dir) }) => return Ok(manual::write_man_pages(&dir)?),
        Some(Command::Completions { shell }) => {
            manual::write_completions(shell, &mut stdout);
            return Ok(stdout.flush()?);
        }
        _ => {}
    }
    // The full-screen app on a file or a pipe would fill it with escape codes.
    if cli.command.is_none() && !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        return Err(Error::Input(
            "standard output is not a terminal; run a command (mentordesk --help) or run it in a terminal"
                .into(),
        ));
    }
    let config = match config::config_path() {
        Some(path) => config::load(&path)?,
        None => config::Config::default(),
    };
    // `--db` and MENTORDESK_DB (both through clap) win over the config file, whose `db` wins
    // over the first local program it lists (never a demo's place: a demo builds its own).
    if cli.db.is_none() {
        cli.db = config.db.clone().or_else(|| {
            cli.demo
                .is_none()
                .then(|| config.first_local_program().map(Path::to_path_buf))
                .flatten()
        });
    }
    if let Some(db) = &cli.db {
        cli.db = Some(crate::privilege::plain_db_path(db).map_err(Error::Input)?);
    }
    let login = real_login()?;
    let creating_shared = matches!(cli.command, Some(Command::Init { shared: true, .. }));
    // The roll-up and the app (which opens any listed program) keep the group if a listed
    // program is a shared one; each program they open that is not is opened with the user's
    // own rights (`programs::open_session`).
    let listed_shared = || {
        config.programs.iter().find_map(|p| match &p.source {
            crate::service::programs::Source::Local(db) if crate::privilege::is_shared_program(db) => {
                Some(db.as_path())
            }
            _ => None,
        })
    };
    let keeps_group_for = match &cli.command {
        Some(Command::Programs { .. }) => listed_shared(),
        None => cli
            .db
            .as_deref()
            .filter(|db| crate::privilege::is_shared_program(db))
            .or_else(listed_shared),
        Some(_) => cli.db.as_deref(),
    };
    // Before the default path is made, so that it is made with the user's own rights.
    crate::privilege::settle(keeps_group_for, creating_shared)
        .map_err(|e| Error::Failed(format!("cannot give up the program group: {e}")))?;
    if let Some(Command::Programs { json }) = &cli.command {
        let taker = crate::service::programs::Taker {
            login,
            today: cli.today,
        };
        return programs::run(
            &config.programs,
            &taker,
            &crate::sync::fetch_figures,
            *json,
            &mut stdout,
        );
    }
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
        let made = program::create_program(&db, *preset, *start, name.clone(), &sharing)?;
        writeln!(
            stdout,
            "created {made} at {}; you ({}) are its coordinator",
            db.display(),
            login
        )?;
        return Ok(());
    }
    if let Some(Command::Import(ImportKind::Program { file })) = &cli.command {
        let db = db.expect("imports always have a path");
        let is_root = crate::privilege::is_admin();
        let made = crate::service::archive::import_program(&db, file, &login, is_root)?;
        writeln!(
            stdout,
            "imported {} ({} records) into {}",
            made.program,
            made.records,
            db.display()
        )?;
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
        return generate(db, *people, *contacts, *seed, today, &mut stdout);
    }
    if let Some(Command::Sync {
        remote,
        ssh,
        remote_path,
        settle,
        status,
        serve,
    }) = &cli.command
    {
        let db =
            db.ok_or_else(|| Error::Input("sync: a laptop copy is a file of its own; give --db".into()))?;
        if *serve {
            return crate::sync::serve(&db, &login, cli.today);
        }
        if let Some([gid, side]) = settle.as_deref() {
            return sync::settle(&db, gid, side, &mut stdout);
        }
        if *status {
            return sync::status(&db, &mut stdout);
        }
        let options = crate::sync::SyncOptions {
            db,
            remote: remote.clone(),
            ssh: ssh.clone(),
            remote_path: remote_path.clone(),
            today: cli.today,
            batch: false,
        };
        return sync::run(&options, &mut stdout);
    }
    if let Some(command @ (Command::Backup { .. } | Command::Restore { .. })) = &cli.command {
        let db = db.expect("a path unless demo");
        return backups::run(&db, &login, cli.as_login.as_deref(), command, &mut stdout);
    }
    let (db, _demo_dir) = match cli.demo {
        Some(program) => {
            let (path, dir) = demo_path(db.as_deref())?;
            demo::prepare(&path, program.preset(), today)?;
            (path, dir)
        }
        None => (db.expect("a path unless demo"), None),
    };
    // Chosen once: the first-run form and the app draw alike.
    let theme = crate::theme::Theme::from_env(cli.ascii || config.ascii == Some(true));
    let theme = if config.color == Some(false) {
        theme.without_color()
    } else {
        theme
    };
    if cli.command.is_none()
        && cli.demo.is_none()
        && matches!(std::fs::symlink_metadata(&db), Err(e) if e.kind() == std::io::ErrorKind::NotFound)
        && !crate::tui::first_run::run(&db, &login, today, cli.today, theme)?
    {
        return Ok(());
    }
    let mut session =
        crate::service::programs::open_session(&db, &login, cli.as_login.as_deref(), cli.today)?;
    match cli.command {
        Some(command) => commands::run(&mut session, command, &mut stdout),
        None => {
            drop(stdout);
            let programs = crate::app::ProgramsState::new(
                config.programs,
                crate::service::programs::Taker {
                    login,
                    today: cli.today,
                },
                crate::sync::fetch_figures,
                crate::service::programs::FiguresCache::default_path(),
            );
            crate::tui::run_tui(session, theme, programs)
        }
    }
}

/// `demo --generate`: a large program, with a progress bar on a terminal.
fn generate(
    db: &Path,
    people: usize,
    contacts: usize,
    seed: u64,
    today: NaiveDate,
    out: &mut dyn Write,
) -> Result<()> {
    let started = std::time::Instant::now();
    let bar = crate::progress::count(contacts as u64, "contacts");
    let mut progress = |done: usize, _total: usize| bar.set_position(done as u64);
    let made = demo::generate::generate(db, people, contacts, seed, today, &mut progress);
    bar.finish_and_clear();
    let made = made?;
    let seconds = started.elapsed().as_secs_f64();
    writeln!(
        out,
        "wrote {} people, {} assignments, {} contacts ({} rows) to {} in {seconds:.1} s ({:.0} rows/s)",
        made.people,
        made.assignments,
        made.contacts,
        made.rows,
        db.display(),
        made.rows as f64 / seconds
    )?;
    Ok(())
}
