//! Who is using the app, on which program, and what day it is.

use crate::domain::records::{Person, Program};
use crate::domain::types::Role;
use crate::error::{Error, Result};
use crate::store::Store;
use chrono::NaiveDate;

pub struct Session {
    pub store: Store,
    pub program: Program,
    pub me: Person,
    /// The OS login that started the app, which differs from `me` under `--as`.
    pub real_login: String,
    pub today: NaiveDate,
}

/// The OS account running this process, from the password database rather than `$USER`,
/// which anyone can set.
pub fn os_login() -> String {
    // SAFETY: getpwuid returns a pointer into static storage or null; we copy out at once.
    unsafe {
        let pw = libc::getpwuid(libc::getuid());
        if !pw.is_null() && !(*pw).pw_name.is_null() {
            return std::ffi::CStr::from_ptr((*pw).pw_name)
                .to_string_lossy()
                .into_owned();
        }
    }
    std::env::var("USER").unwrap_or_else(|_| "unknown".into())
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
    /// Identifies the user by OS login; `as_login` switches identity for coordinators and demos.
    pub fn open(store: Store, login: &str, as_login: Option<&str>, today: NaiveDate) -> Result<Session> {
        let program = store.program()?;
        let Some(real) = store.person_by_login(login)? else {
            return Err(Error::Denied(format!(
                "the login '{login}' is not part of {}; ask {} to add you",
                program.name,
                coordinator_names(&store)
            )));
        };
        let me = match as_login {
            None => real,
            Some(other) => {
                if real.role != Role::Coordinator && !program.demo {
                    return Err(Error::Denied(
                        "--as is only for coordinators (or in demo mode)".into(),
                    ));
                }
                store.person_by_login(other)?.ok_or_else(|| {
                    Error::Input(format!("--as {other}: nobody in {} has that login", program.name))
                })?
            }
        };
        Ok(Session {
            store,
            program,
            me,
            real_login: login.to_string(),
            today,
        })
    }

    /// The program's clock, on the session's day.
    pub fn clock(&self) -> crate::clock::Clock {
        crate::clock::Clock::new(self.program.settings.zone(), Some(self.today))
    }

    /// Now in the program's zone, on the session's day.
    pub fn now(&self) -> chrono::NaiveDateTime {
        self.clock().now()
    }

    pub fn is_coordinator(&self) -> bool {
        self.me.role == Role::Coordinator
    }

    /// Coordinators see every mentor; a mentor sees only their own records.
    pub fn may_see_mentor(&self, mentor: i64) -> bool {
        self.is_coordinator() || self.me.key == mentor
    }

    /// The mentor whose records a mentor-scoped command acts on, checked against the role.
    pub fn require_mentor_access(&self, mentor: i64) -> Result<()> {
        if self.may_see_mentor(mentor) {
            Ok(())
        } else {
            Err(Error::Denied(
                "mentors can only see and change their own caseload".into(),
            ))
        }
    }

    pub fn require_coordinator(&self, what: &str) -> Result<()> {
        if self.is_coordinator() {
            Ok(())
        } else {
            Err(Error::Denied(format!("only a coordinator can {what}")))
        }
    }

    /// The audit actor: the real OS login, plus whom they act as under `--as`.
    pub fn actor(&self) -> String {
        match &self.me.fields.login {
            Some(login) if *login == self.real_login => login.clone(),
            Some(login) => format!("{} as {login}", self.real_login),
            None => format!("{} as {}", self.real_login, self.me.id),
        }
    }
}
