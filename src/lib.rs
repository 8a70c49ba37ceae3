//! mentordesk: run a mentoring program from the terminal.

pub mod agenda;
pub mod app;
pub mod cli;
pub mod commands;
pub mod demo;
pub mod desk;
pub mod desk_commands;
pub mod domain;
pub mod error;
pub mod export;
pub mod import;
pub mod privilege;
pub mod progress;
pub mod session;
pub mod store;
pub mod ui;
pub mod views;

use crate::cli::{Cli, Command};
use crate::error::{Error, Result};
use crate::session::{Session, real_login};
use crate::store::Store;
use chrono::{Local, NaiveDate};
use clap::Parser;
use std::path::{Path, PathBuf};

/// The database path: `--db`, else `MENTORDESK_DB` (both via clap), else the XDG data directory.
fn default_db_path() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("org", "mentordesk", "mentordesk")
        .ok_or_else(|| Error::Failed("cannot find a home directory; pass --db PATH".into()))?;
    let dir = dirs.data_dir();
    privilege::create_own_dir(dir)?;
    Ok(dir.join("program.db"))
}

/// A demo database in its own temporary directory, removed when the app closes.
struct DemoDir(PathBuf);

impl Drop for DemoDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn open_demo(
    db: Option<&Path>,
    program: cli::DemoProgram,
    today: NaiveDate,
) -> Result<(Store, Option<DemoDir>)> {
    let (path, dir) = match db {
        Some(path) => (path.to_path_buf(), None),
        None => {
            let dir = std::env::temp_dir().join(format!("mentordesk-demo-{}", std::process::id()));
            privilege::create_own_dir(&dir)?;
            (dir.join("demo.db"), Some(DemoDir(dir)))
        }
    };
    let fresh = std::fs::symlink_metadata(&path).is_err();
    let mut store = Store::open(&path, commands::PRIVATE_FILE_MODE)?;
    if fresh {
        match program {
            cli::DemoProgram::RuralUnion => demo::populate(&mut store, today)?,
            cli::DemoProgram::CheckConnect => demo::check_connect::populate(&mut store, today)?,
        }
    } else if !store.program()?.demo {
        return Err(Error::Input(format!(
            "{}: holds a real program, not a demo; leave out --demo or pick another --db",
            path.display()
        )));
    }
    Ok((store, dir))
}

fn run(cli: Cli) -> Result<()> {
    let login = real_login()?;
    let creating_shared = matches!(cli.command, Some(Command::Init { shared: true, .. }));
    // Before the default path is made, so that it is made with the user's own rights.
    privilege::settle(cli.db.as_deref(), creating_shared)
        .map_err(|e| Error::Failed(format!("cannot give up the program group: {e}")))?;
    let today = cli.today.unwrap_or_else(|| Local::now().date_naive());
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
            Some(group) => commands::Sharing::Group(group.clone()),
            None => commands::Sharing::Private,
        };
        commands::init(&db, *preset, *start, name.clone(), &sharing)?;
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
    let (store, _demo_dir) = if let Some(program) = cli.demo {
        open_demo(db.as_deref(), program, today)?
    } else {
        let db = db.expect("a path unless demo");
        if std::fs::symlink_metadata(&db).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
            return Err(Error::Input(format!(
                "{}: no program database here; create one with `mentordesk init --preset rural-union --start YYYY-MM-DD`, or try `mentordesk --demo`",
                db.display()
            )));
        }
        (Store::open(&db, commands::PRIVATE_FILE_MODE)?, None)
    };
    let mut session = Session::open(store, &login, cli.as_login.as_deref(), today)?;
    match cli.command {
        Some(command) => {
            let stdout = std::io::stdout();
            commands::run(&mut session, command, &mut stdout.lock())
        }
        None => app::run_tui(session, ui::theme::Theme::from_env(cli.ascii)),
    }
}

/// `demo --generate`: a large program, with a progress bar on a terminal.
fn generate(db: &Path, people: usize, contacts: usize, seed: u64, today: NaiveDate) -> Result<()> {
    if people < 10 {
        return Err(Error::Input("--people: at least 10".into()));
    }
    if std::fs::symlink_metadata(db).is_ok() {
        return Err(Error::Input(format!(
            "{}: already exists; demo --generate needs a new file",
            db.display()
        )));
    }
    let mut store = Store::open(db, commands::PRIVATE_FILE_MODE)?;
    let started = std::time::Instant::now();
    let bar = progress::count(contacts as u64, "contacts");
    let mut progress = |done: usize, _total: usize| bar.set_position(done as u64);
    let made = demo::generate::generate(&mut store, people, contacts, seed, today, &mut progress);
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

/// One line for scripts: clap's first line, without its "error: " prefix; for a missing
/// argument, which clap names on the lines after, the names too.
fn usage_error_line(err: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if err.kind() == ErrorKind::MissingRequiredArgument
        && let Some(ContextValue::Strings(missing)) = err.get(ContextKind::InvalidArg)
    {
        return format!("missing {}", missing.join(", "));
    }
    let text = err.to_string();
    let first = text.lines().next().unwrap_or_default();
    first.trim_start_matches("error: ").to_string()
}

/// Parses the command line, runs it and returns the process exit code.
pub fn main_entry() -> i32 {
    privilege::harden();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) if !err.use_stderr() => {
            let _ = err.print();
            return 0;
        }
        Err(err) => {
            eprintln!("mentordesk: {}", usage_error_line(&err));
            return 2;
        }
    };
    match run(cli) {
        Ok(()) => 0,
        Err(err) => {
            // Not `eprintln!`, which panics when standard error is a terminal that hung up.
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "mentordesk: {err}");
            err.exit_code()
        }
    }
}
