//! Creating a program and changing its settings; the audit log.

use super::{PRIVATE_FILE_MODE, Session, os_login};
use crate::domain::permissions::{Action, Relation};
use crate::domain::records::{AuditEntry, Reminder};
use crate::domain::records::{PersonFields, Program};
use crate::domain::settings::{Preset, Settings};
use crate::domain::types::Role;
use crate::error::{Error, Result};
use crate::store::Store;
use chrono::NaiveDate;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

pub const SHARED_FILE_MODE: u32 = 0o660;
pub const SHARED_DIR_MODE: u32 = 0o2770;

/// The id of a Unix group, by name.
fn group_id(name: &str) -> Result<u32> {
    let c_name =
        std::ffi::CString::new(name).map_err(|_| Error::Input(format!("--group '{name}': bad name")))?;
    // SAFETY: getgrnam reads the NUL-terminated name; we copy the gid out at once.
    let group = unsafe { libc::getgrnam(c_name.as_ptr()) };
    if group.is_null() {
        return Err(Error::Input(format!(
            "--group '{name}': no such group; create it with groupadd"
        )));
    }
    // SAFETY: checked non-null above.
    Ok(unsafe { (*group).gr_gid })
}

fn chown_group(path: &Path, gid: u32, mode: u32) -> Result<()> {
    let c_path = std::ffi::CString::new(path.as_os_str().as_encoded_bytes())
        .map_err(|_| Error::Input(format!("{}: bad path", path.display())))?;
    // SAFETY: chown reads the NUL-terminated path; uid -1 keeps the owner.
    if unsafe { libc::chown(c_path.as_ptr(), u32::MAX, gid) } != 0 {
        let err = std::io::Error::last_os_error();
        return Err(Error::Failed(format!(
            "{}: cannot give it to the group: {err}",
            path.display()
        )));
    }
    // Set the mode explicitly: the umask would otherwise take the group's write bit away.
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
    Ok(())
}

/// Where and how `init` creates the database.
pub enum Sharing {
    /// One user: the file is 0600.
    Private,
    /// A team in a Unix group: the directory is 2770 and the file 0660, both owned by the group.
    Group(String),
}

/// `init`: a new program database, with the OS user as its coordinator.
pub fn create_program(
    db: &Path,
    preset: Preset,
    start: NaiveDate,
    name: Option<String>,
    sharing: &Sharing,
) -> Result<()> {
    if db.exists() && std::fs::metadata(db)?.len() > 0 {
        return Err(Error::Input(format!(
            "{}: already exists; init needs a new file",
            db.display()
        )));
    }
    let mode = match sharing {
        Sharing::Private => PRIVATE_FILE_MODE,
        Sharing::Group(group) => {
            let gid = group_id(group)?;
            let dir = db
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            std::fs::create_dir_all(dir)?;
            chown_group(dir, gid, SHARED_DIR_MODE)?;
            SHARED_FILE_MODE
        }
    };
    let mut store = Store::open(db, mode)?;
    if let Sharing::Group(group) = sharing {
        chown_group(db, group_id(group)?, SHARED_FILE_MODE)?;
    }
    store.create_program(&Program {
        name: name.unwrap_or_else(|| preset.default_name().to_string()),
        preset: preset.as_str().to_string(),
        start_date: start,
        settings: Settings::preset(preset, start),
        demo: false,
    })?;
    let login = os_login();
    store.add_person(
        &login,
        &login,
        Role::Coordinator,
        &PersonFields {
            login: Some(login.clone()),
            ..Default::default()
        },
    )?;
    Ok(())
}

impl Session {
    /// Sets one setting from its JSON text, validated against the whole settings type.
    pub fn set_setting(&mut self, key: &str, json: &str) -> Result<()> {
        self.require(Action::ChangeSettings, Relation::Program)?;
        let mut all =
            serde_json::to_value(&self.program.settings).map_err(|e| Error::Failed(e.to_string()))?;
        let Some(slot) = all.get_mut(key) else {
            return Err(Error::Input(format!("settings: '{key}' is not a setting")));
        };
        *slot = serde_json::from_str(json)
            .map_err(|e| Error::Input(format!("settings: '{json}' is not a JSON value: {e}")))?;
        let updated: Settings =
            serde_json::from_value(all).map_err(|e| Error::Input(format!("settings: {key}: {e}")))?;
        updated
            .validate()
            .map_err(|e| Error::Input(format!("settings: {e}")))?;
        let actor = self.actor();
        self.store.save_settings(&updated, &actor)?;
        self.program.settings = updated;
        Ok(())
    }

    pub fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>> {
        self.require(Action::ReadAuditLog, Relation::Program)?;
        self.store.audit_log(limit)
    }

    /// Sends a mentor a reminder, shown on their next start and in the digest.
    pub fn remind(&mut self, person: i64, text: &str) -> Result<()> {
        self.require(Action::SendReminder, Relation::Program)?;
        let sender = self.me.name.clone();
        self.store.remind(person, text, &sender)
    }

    /// Reminders not yet read: the acting user's, or (`None`, coordinators) everyone's.
    pub fn unread_reminders(&self, person: Option<i64>) -> Result<Vec<Reminder>> {
        match person {
            Some(p) => self.require_for(Action::ReadReminders, p)?,
            None => self.require(Action::ReadProgramDesk, Relation::Program)?,
        }
        self.store.unread_reminders(person)
    }

    pub fn mark_reminders_read(&mut self) -> Result<()> {
        if self.is_acting_as() {
            // Seeing someone's screen does not read their mail for them.
            return Ok(());
        }
        let me = self.me.key;
        self.store.mark_reminders_read(me)
    }

    pub fn add_ledger_entry(
        &mut self,
        mentor: i64,
        kind: &str,
        amount_cents: i64,
        on: NaiveDate,
        note: &str,
    ) -> Result<i64> {
        self.require(Action::AddLedgerEntry, Relation::Program)?;
        let actor = self.actor();
        self.store
            .add_ledger_entry(mentor, kind, amount_cents, on, note, &actor)
    }

    /// Changes whenever another process commits: a cheap check for "reload needed".
    pub fn data_version(&self) -> Result<i64> {
        self.store.data_version()
    }

    /// The program database's path: drafts and the private store are kept beside it per user.
    pub fn database_path(&self) -> &Path {
        self.store.path()
    }
}
