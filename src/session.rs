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

/// The OS account running this process: the name in the real uid's password entry. `$USER`
/// and the like are never consulted, since anyone can set them; a uid without an entry is
/// refused.
pub fn real_login() -> Result<String> {
    // SAFETY: getuid has no arguments.
    let uid = unsafe { libc::getuid() };
    let mut entry = std::mem::MaybeUninit::<libc::passwd>::uninit();
    let mut buffer = vec![0 as libc::c_char; 16 * 1024];
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: getpwuid_r writes only into `entry` and `buffer`, whose sizes it is given, and
    // sets `found` to `entry` or null.
    let status = unsafe {
        libc::getpwuid_r(
            uid,
            entry.as_mut_ptr(),
            buffer.as_mut_ptr(),
            buffer.len(),
            &mut found,
        )
    };
    if status != 0 || found.is_null() {
        return Err(Error::Denied(format!(
            "your user id {uid} has no entry in the password database, so mentordesk cannot tell who you are"
        )));
    }
    // SAFETY: `found` points at `entry`, filled in, whose name points into `buffer`.
    let name = unsafe { std::ffi::CStr::from_ptr((*found).pw_name) };
    let name = name.to_string_lossy().into_owned();
    if name.is_empty() {
        return Err(Error::Denied(format!(
            "your user id {uid} has an empty name in the password database"
        )));
    }
    Ok(name)
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
    /// Identifies the user by OS login; `as_login` switches identity for coordinators and demos.
    pub fn open(store: Store, login: &str, as_login: Option<&str>, today: NaiveDate) -> Result<Session> {
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
