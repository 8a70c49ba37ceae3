//! The one door to the data. A [`Session`] is bound to the acting user: every use case the TUI,
//! the CLI, the imports and the demo need is a method here (or in a child module), and each checks
//! the permission table and validates its input before it reaches the store, which no other module
//! can see.
//!
//! The store is a private child of this module, so the compiler, not a convention, keeps
//! everything else out of it (error E0603, a private module):
//!
//! ```compile_fail,E0603
//! use mentordesk::service::store::Store;
//! ```

pub mod applications;
pub mod archive;
mod assignments;
pub mod audit;
pub mod backup;
pub mod calendar;
pub mod caseload;
mod contacts;
mod context;
pub mod demo;
pub mod engagement;
pub mod evaluation;
pub mod figures;
mod forms;
pub mod import;
pub mod ledger;
pub mod matching;
pub mod overdue;
pub mod people;
pub mod program;
pub mod programs;
pub mod risk;
mod shared;
mod store;
pub mod sync;

pub use contacts::ContactCandidate;
pub use context::Context;

use crate::domain::permissions::{self, Actor, Permission, Relation};
use crate::domain::types::Role;
use crate::error::{Error, Result};
use crate::service::store::Store;
use chrono::NaiveDate;
use std::path::Path;

/// Files only their owner may read: a one-user program, drafts, the private store.
pub const PRIVATE_FILE_MODE: u32 = 0o600;

/// The store, bound to the acting user: its [`Context`] (who, which program, what day) is
/// read through `Deref`, so `session.today` and `session.may(..)` are the context's.
pub struct Session {
    store: Store,
    context: Context,
    /// Where the database came from, if it is a laptop copy.
    copy: Option<sync::Origin>,
}

impl std::ops::Deref for Session {
    type Target = Context;

    fn deref(&self) -> &Context {
        &self.context
    }
}

/// The OS account running this process: on Unix the name in the real uid's password entry
/// (`$USER` and the like are never consulted, since anyone can set them; a uid without an
/// entry is refused), on Windows the account's name as the system gives it.
pub fn real_login() -> Result<String> {
    crate::privilege::login_name().map_err(Error::Denied)
}

/// [`real_login`] for code that runs only after `run` has checked it (the demo builders):
/// never `$USER`, and an empty name, which matches nobody, if there is no entry.
pub fn os_login() -> String {
    real_login().unwrap_or_default()
}

fn coordinator_names(store: &Store) -> String {
    let names: Vec<String> = store
        .people_with_role(Role::Coordinator)
        .unwrap_or_default()
        .into_iter()
        .map(|p| match p.fields.email {
            Some(email) => format!("{} <{email}>", p.name),
            None => p.name,
        })
        .collect();
    if names.is_empty() {
        "the program coordinator".into()
    } else {
        names.join(", ")
    }
}

impl Session {
    /// Opens the program database at `path` for the OS user `login`; `as_login` switches identity
    /// for coordinators and demos. "Today" is `day` (`--today`), else the date in the program's
    /// time zone.
    pub fn open_path(
        path: &Path,
        login: &str,
        as_login: Option<&str>,
        day: Option<NaiveDate>,
    ) -> Result<Session> {
        if !path.exists() {
            return Err(Error::Input(format!(
                "{}: no program database here; create one with `mentordesk init --preset rural-union --start YYYY-MM-DD`, or try `mentordesk --demo`",
                path.display()
            )));
        }
        let store = Store::open(path, PRIVATE_FILE_MODE)?;
        let copy = store.origin()?;
        let Some(origin) = copy else {
            let today = crate::clock::Clock::new(store.program()?.settings.zone(), day).today();
            return Session::open(store, login, as_login, today);
        };
        // A laptop copy is its user's own file: it works as the box's user it was made for.
        let program = store.program().map_err(|_| {
            Error::Denied(format!(
                "{}: this laptop copy is empty: {} was deactivated at {}, or its first sync did not finish; run `mentordesk sync`",
                path.display(),
                origin.login,
                origin.remote
            ))
        })?;
        let clock = crate::clock::Clock::new(program.settings.zone(), day);
        let synced_at = origin
            .synced_at
            .as_deref()
            .and_then(|t| chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S").ok());
        if let Some(synced_at) = synced_at
            && crate::domain::sync::is_locked(synced_at, program.settings.offline_days, clock.now())
        {
            return Err(Error::Denied(format!(
                "this laptop copy last synced {}, and {} allows {} days offline: run `mentordesk sync` to open it again",
                synced_at.format("%b %-d %H:%M"),
                program.name,
                program.settings.offline_days.unwrap_or_default()
            )));
        }
        let mut session = Session::open(store, &origin.login, as_login, clock.today())?;
        session.copy = Some(origin);
        session.context.offline = true;
        Ok(session)
    }

    fn open(store: Store, login: &str, as_login: Option<&str>, today: NaiveDate) -> Result<Session> {
        if login.is_empty() {
            return Err(Error::Denied("no login to identify you by".into()));
        }
        let program = store.program()?;
        let Some(real) = store.person_by_login(login)? else {
            return Err(Error::Denied(format!(
                "the login '{login}' is not part of {}; ask {} to add you",
                program.name,
                coordinator_names(&store)
            )));
        };
        if !real.active {
            return Err(Error::Denied(format!(
                "your place in {} has been deactivated; ask {} to reactivate you",
                program.name,
                coordinator_names(&store)
            )));
        }
        let real_actor = Actor {
            role: real.role,
            acting_as: false,
        };
        let (me, acting_as) = match as_login {
            Some(other) if Some(other) != real.fields.login.as_deref() => {
                if !program.demo
                    && !permissions::allowed(real_actor, Permission::ActAsSomeoneElse, Relation::Program)
                {
                    return Err(Error::Denied(
                        permissions::refusal(Permission::ActAsSomeoneElse).into(),
                    ));
                }
                let other = store.person_by_login(other)?.ok_or_else(|| {
                    Error::Input(format!("--as {other}: nobody in {} has that login", program.name))
                })?;
                (other, true)
            }
            _ => (real, false),
        };
        let mut session = Session {
            store,
            context: Context {
                program,
                me,
                real_login: login.to_string(),
                today,
                acting_as,
                offline: false,
            },
            copy: None,
        };
        session.store.set_clock(session.clock())?;
        if acting_as {
            let actor = session.actor();
            let who = format!("{} ({})", session.me().name, session.me().id);
            session
                .store
                .record("act-as", "person", Some(session.me().key), &who, &actor)?;
        }
        Ok(session)
    }

    /// Who, in which program, on what day: a copy for code that must not reach the store.
    pub fn context(&self) -> &Context {
        &self.context
    }

    /// Reads from here on as the user with `login` (a coordinator writing a mentor's digest),
    /// as `--as` does: with nothing private to a pair. `what` names the option for errors.
    pub fn read_as(&mut self, login: &str, what: &str) -> Result<()> {
        if self.me().fields.login.as_deref() == Some(login) {
            return Ok(());
        }
        self.require(Permission::ActAsSomeoneElse, Relation::Program)?;
        self.context.me = self
            .store
            .person_by_login(login)?
            .ok_or_else(|| Error::Input(format!("{what} '{login}': nobody has that login")))?;
        self.context.acting_as = true;
        Ok(())
    }

    /// The store under the session, for tests inside the crate that must reach past the door
    /// (a disk filling up).
    #[cfg(test)]
    pub(crate) fn store_for_tests(&self) -> &Store {
        &self.store
    }

    /// The audit actor: the real OS login, plus whom they act as under `--as`.
    pub fn actor(&self) -> String {
        match &self.me().fields.login {
            Some(login) if *login == self.real_login => login.clone(),
            Some(login) => format!("{} as {login}", self.real_login),
            None => format!("{} as {}", self.real_login, self.me().id),
        }
    }
}
