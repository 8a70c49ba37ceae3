//! Creating a program and changing its settings; the audit log.

use super::{PRIVATE_FILE_MODE, Session, real_login};
use crate::domain::permissions::{Permission, Relation};
use crate::domain::records::Reminder;
use crate::domain::records::{PersonFields, Program};
use crate::domain::settings::{Preset, Settings};
use crate::domain::types::Role;
use crate::error::{Error, Result};
use crate::privilege::{SHARED_DIR_MODE, SHARED_FILE_MODE};
use crate::service::store::Store;
use chrono::NaiveDate;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// The id of a Unix group, by name.
fn group_id(name: &str) -> Result<u32> {
    let c_name =
        std::ffi::CString::new(name).map_err(|_| Error::Input(format!("--group '{name}': bad name")))?;
    // SAFETY: getgrnam reads the NUL-terminated name; we copy the gid out at once.
    let group = unsafe { libc::getgrnam(c_name.as_ptr()) };
    if group.is_null() {
        return Err(Error::Input(format!(
            "--group '{name}': no such group; create it with addgroup --system {name}"
        )));
    }
    // SAFETY: checked non-null above.
    Ok(unsafe { (*group).gr_gid })
}

/// Why an existing directory cannot become a shared program directory.
fn existing_dir_refusal(dir: &Path, meta: &std::fs::Metadata) -> Error {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: a getter without arguments.
    let me = unsafe { libc::getuid() };
    let reason = if !meta.is_dir() {
        "exists and is not a directory"
    } else if meta.uid() != me {
        "is someone else's directory"
    } else if std::fs::read_dir(dir).map_or(true, |mut entries| entries.next().is_some()) {
        "is a directory that is not empty"
    } else {
        "already exists"
    };
    Error::Input(format!(
        "{}: {reason}; init --shared makes a new directory of its own for the database, so name one that does not exist yet",
        dir.display()
    ))
}

/// The mode of the directory an admin sets up for shared programs: root's, of the program
/// group, 2770 (3770 with the sticky bit also allowed).
fn is_programs_dir(meta: &std::fs::Metadata, gid: u32) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.is_dir() && meta.uid() == 0 && meta.gid() == gid && matches!(meta.mode() & 0o7777, 0o2770 | 0o3770)
}

/// Makes the new directory of a shared program, 2770 and owned by the group, and in it the
/// empty database file `file_name`, 0660 and the group's. Never touches a directory that was
/// there before.
///
/// Run setgid by anyone but root, it creates the directory only inside one the admin set up
/// for programs (root's, of the program group, 2770): the group's rights make it there, so no
/// user can make a directory of the group anywhere else, such as a decoy in their home.
/// Otherwise (root, or a binary that is not setgid) it is made with the user's own rights,
/// which cannot put a directory of the group where the user could not.
fn create_shared_dir(dir: &Path, file_name: &std::ffi::OsStr, gid: u32) -> Result<()> {
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
    let (Some(parent), Some(name)) = (
        dir.parent().filter(|p| !p.as_os_str().is_empty()),
        dir.file_name(),
    ) else {
        return Err(Error::Input(format!(
            "{}: not a directory that can be made",
            dir.display()
        )));
    };
    // SAFETY: a getter without arguments.
    let by_admin_only = crate::privilege::is_setgid() && unsafe { libc::getuid() } != 0;
    if !by_admin_only {
        let _as_user = crate::privilege::AsUser::enter()?;
        if !parent.exists() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::Failed(format!("{}: cannot create: {e}", parent.display())))?;
        }
    }
    let within = |what: &str, e: std::io::Error| Error::Failed(format!("{}: {what}: {e}", parent.display()));
    // The parent is judged and the directory made through one handle on it, so that nobody
    // can swap the path for another directory in between.
    let parent_handle = {
        let _as_user = (!by_admin_only)
            .then(crate::privilege::AsUser::enter)
            .transpose()?;
        std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_DIRECTORY)
            .open(parent)
            .map_err(|e| within("cannot open", e))?
    };
    if by_admin_only && !is_programs_dir(&parent_handle.metadata()?, gid) {
        return Err(Error::Input(format!(
            "{}: not a directory the admin set up for programs (root's, of the program group, mode 2770); ask the admin for one, or to run init",
            parent.display()
        )));
    }
    {
        let _as_user = (!by_admin_only)
            .then(crate::privilege::AsUser::enter)
            .transpose()?;
        match std::fs::symlink_metadata(dir) {
            Ok(meta) => return Err(existing_dir_refusal(dir, &meta)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::Failed(format!("{}: {e}", dir.display()))),
        }
    }
    let c_name = std::ffi::CString::new(name.as_encoded_bytes())
        .map_err(|_| Error::Input(format!("{}: bad name", dir.display())))?;
    {
        let _as_user = (!by_admin_only)
            .then(crate::privilege::AsUser::enter)
            .transpose()?;
        use std::os::fd::AsRawFd;
        // SAFETY: mkdirat on a directory descriptor we own and a NUL-terminated name.
        if unsafe { libc::mkdirat(parent_handle.as_raw_fd(), c_name.as_ptr(), 0o700) } != 0 {
            return Err(Error::Failed(format!(
                "{}: cannot create the directory: {}",
                dir.display(),
                std::io::Error::last_os_error()
            )));
        }
    }
    // Change it through a handle on the directory just made, never through a path that
    // someone could have swapped for a symlink meanwhile.
    let handle =
        open_dir_at(&parent_handle, &c_name).map_err(|e| Error::Failed(format!("{}: {e}", dir.display())))?;
    // SAFETY: a getter without arguments.
    if handle.metadata()?.uid() != unsafe { libc::geteuid() } {
        return Err(Error::Failed(format!(
            "{}: replaced by someone else while it was being made",
            dir.display()
        )));
    }
    let shared = std::os::unix::fs::fchown(&handle, None, Some(gid))
        .map_err(|e| Error::Failed(format!("{}: cannot give it to the group: {e}", dir.display())))
        // Set the mode explicitly: the umask would otherwise take the group's bits away.
        .and_then(|()| Ok(handle.set_permissions(std::fs::Permissions::from_mode(SHARED_DIR_MODE))?))
        .and_then(|()| create_db_file_at(&handle, file_name, gid))
        .map_err(|e| match e {
            Error::Failed(why) => Error::Failed(format!("{}: {why}", dir.join(file_name).display())),
            other => other,
        });
    if shared.is_err() {
        let _ = std::fs::remove_dir_all(dir);
    }
    shared
}

/// Creates the empty database file `name` in the directory `dir` just made: 0660, the
/// group's, never through a symlink.
fn create_db_file_at(dir: &std::fs::File, name: &std::ffi::OsStr, gid: u32) -> Result<()> {
    use std::os::fd::{AsRawFd, FromRawFd};
    let c_name =
        std::ffi::CString::new(name.as_encoded_bytes()).map_err(|_| Error::Failed("bad name".into()))?;
    // SAFETY: openat on a directory descriptor we own and a NUL-terminated name; the new
    // descriptor is owned by the File at once.
    let fd = unsafe {
        libc::openat(
            dir.as_raw_fd(),
            c_name.as_ptr(),
            libc::O_WRONLY | libc::O_CREAT | libc::O_EXCL | libc::O_NOFOLLOW | libc::O_CLOEXEC,
            SHARED_FILE_MODE,
        )
    };
    if fd < 0 {
        return Err(Error::Failed(format!(
            "cannot create: {}",
            std::io::Error::last_os_error()
        )));
    }
    // SAFETY: fd is a fresh descriptor nobody else owns.
    let file = unsafe { std::fs::File::from_raw_fd(fd) };
    std::os::unix::fs::fchown(&file, None, Some(gid))
        .map_err(|e| Error::Failed(format!("cannot give it to the group: {e}")))?;
    file.set_permissions(std::fs::Permissions::from_mode(SHARED_FILE_MODE))?;
    Ok(())
}

/// Opens the directory `name` inside `parent`, never through a symlink.
fn open_dir_at(parent: &std::fs::File, name: &std::ffi::CStr) -> std::io::Result<std::fs::File> {
    use std::os::fd::{AsRawFd, FromRawFd};
    // SAFETY: openat on a directory descriptor we own and a NUL-terminated name; the new
    // descriptor is owned by the File at once.
    let fd = unsafe {
        libc::openat(
            parent.as_raw_fd(),
            name.as_ptr(),
            libc::O_RDONLY | libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_CLOEXEC,
        )
    };
    if fd < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: fd is a fresh descriptor nobody else owns.
    Ok(unsafe { std::fs::File::from_raw_fd(fd) })
}

/// Where and how `init` creates the database.
pub enum Sharing {
    /// One user: the file is 0600.
    Private,
    /// A team in a Unix group: a new directory 2770 and the file 0660, both owned by the group.
    Group(String),
}

/// `init`: a new program database, with the OS user as its coordinator.
pub fn create_program(
    db: &Path,
    preset: Preset,
    start: NaiveDate,
    name: Option<String>,
    sharing: &Sharing,
) -> Result<String> {
    let login = real_login()?;
    // A shared program's file is in a directory made new for it, so it cannot exist; asked
    // with the group's rights, the question would tell what a protected directory holds.
    if matches!(sharing, Sharing::Private) && std::fs::symlink_metadata(db).is_ok() {
        return Err(Error::Input(format!(
            "{}: already exists; init needs a new file",
            db.display()
        )));
    }
    let mut store = match sharing {
        Sharing::Private => Store::open(db, PRIVATE_FILE_MODE)?,
        Sharing::Group(group) => {
            let gid = group_id(group)?;
            let dir = db.parent().filter(|p| !p.as_os_str().is_empty()).ok_or_else(|| {
                Error::Input(format!(
                    "{}: name the new directory too, like /srv/mentordesk/team/program.db",
                    db.display()
                ))
            })?;
            let file_name = db
                .file_name()
                .ok_or_else(|| Error::Input(format!("{}: name the database file", db.display())))?;
            create_shared_dir(dir, file_name, gid)?;
            let made = Store::open_new_file(db);
            if made.is_err() {
                // The directory is ours, made just now: nothing half made is left behind.
                let _ = std::fs::remove_dir_all(dir);
            }
            made?
        }
    };
    let name = name.unwrap_or_else(|| preset.default_name().to_string());
    store.create_program(&Program {
        name: name.clone(),
        preset: preset.as_str().to_string(),
        start_date: start,
        settings: Settings::preset(preset, start),
        demo: false,
    })?;
    store.add_person(
        &login,
        &login,
        Role::Coordinator,
        &PersonFields {
            login: Some(login.clone()),
            ..Default::default()
        },
    )?;
    Ok(name)
}

/// Settings that pass their checks, or why not.
fn valid(settings: Settings) -> Result<Settings> {
    settings
        .validate()
        .map_err(|e| Error::Input(format!("settings: {e}")))?;
    Ok(settings)
}

/// A setting's JSON text as a value, to compare with what is stored.
fn setting_value(json: &str) -> Result<serde_json::Value> {
    serde_json::from_str(json)
        .map_err(|e| Error::Input(format!("settings: '{json}' is not a JSON value: {e}")))
}

impl Session {
    /// Sets one setting from its JSON text, validated against the whole settings type, on the
    /// settings as stored now (another user's change to another key is kept). With
    /// `started_from` (the setting's JSON when the user began), a newer value is
    /// [`Error::Conflict`].
    pub fn set_setting(&mut self, key: &str, json: &str, started_from: Option<&str>) -> Result<()> {
        self.require(Permission::ChangeSettings, Relation::Program)?;
        let value: serde_json::Value = serde_json::from_str(json)
            .map_err(|e| Error::Input(format!("settings: '{json}' is not a JSON value: {e}")))?;
        let guard = started_from.map(setting_value).transpose()?;
        let change = |current: Settings| {
            let mut all = serde_json::to_value(&current).map_err(|e| Error::Failed(e.to_string()))?;
            let Some(slot) = all.get_mut(key) else {
                return Err(Error::Input(format!("settings: '{key}' is not a setting")));
            };
            *slot = value.clone();
            let updated: Settings =
                serde_json::from_value(all).map_err(|e| Error::Input(format!("settings: {key}: {e}")))?;
            valid(updated)
        };
        self.save_settings(guard.as_ref().map(|v| (key, v)), change)
    }

    /// Sets the Check & Connect risk lines from their texts, by name (a program that monitors
    /// engagement only). With `started_from` (the `risk` setting's JSON when the user began), a
    /// change since is [`Error::Conflict`].
    pub fn set_risk_lines(&mut self, lines: &[(String, String)], started_from: Option<&str>) -> Result<()> {
        self.require(Permission::ChangeSettings, Relation::Program)?;
        let Some(mut risk) = self.program.settings.risk.clone() else {
            return Err(Error::Input(
                "this program does not monitor engagement: it has no risk lines".into(),
            ));
        };
        for (name, text) in lines {
            risk.set(name, text)
                .map_err(|e| Error::Input(format!("risk: {e}")))?;
        }
        let guard = started_from.map(setting_value).transpose()?;
        let change = |mut updated: Settings| {
            updated.risk = Some(risk.clone());
            valid(updated)
        };
        self.save_settings(guard.as_ref().map(|v| ("risk", v)), change)
    }

    /// Changes one row of a setting that is a list of records (`events`, `installments`): `at`
    /// `None` adds `row`, a `row` of `None` removes the row at `at`, both replace it. The whole
    /// settings are validated and the change audited, as [`Session::set_setting`]; with
    /// `started_from` (the list's JSON when the user began), a change to the list since is
    /// [`Error::Conflict`].
    pub fn set_setting_row(
        &mut self,
        key: &str,
        at: Option<usize>,
        row: Option<&str>,
        started_from: Option<&str>,
    ) -> Result<()> {
        self.require(Permission::ChangeSettings, Relation::Program)?;
        let row = row.map(setting_value).transpose()?;
        let guard = started_from.map(setting_value).transpose()?;
        let change = |current: Settings| {
            let mut all = serde_json::to_value(&current).map_err(|e| Error::Failed(e.to_string()))?;
            let Some(list) = all.get_mut(key).and_then(serde_json::Value::as_array_mut) else {
                return Err(Error::Input(format!(
                    "settings: '{key}' is not a list of records"
                )));
            };
            let gone = || Error::Input(format!("settings: {key}: that row is no longer there"));
            match (at, row.clone()) {
                (None, Some(row)) => list.push(row),
                (Some(at), Some(row)) => *list.get_mut(at).ok_or_else(gone)? = row,
                (Some(at), None) if at < list.len() => {
                    list.remove(at);
                }
                (Some(_), None) => return Err(gone()),
                (None, None) => return Err(Error::Input(format!("settings: {key}: no row given"))),
            }
            let updated: Settings =
                serde_json::from_value(all).map_err(|e| Error::Input(format!("settings: {key}: {e}")))?;
            valid(updated)
        };
        self.save_settings(guard.as_ref().map(|v| (key, v)), change)
    }

    /// One setting's JSON text as stored now: what an edit of it starts from.
    pub fn setting_json(&self, key: &str) -> Result<String> {
        let settings = self.store.program()?.settings;
        let all = serde_json::to_value(&settings).map_err(|e| Error::Failed(e.to_string()))?;
        all.get(key)
            .map(|v| v.to_string())
            .ok_or_else(|| Error::Input(format!("settings: '{key}' is not a setting")))
    }

    /// Reads the program's settings again: another coordinator may have changed them.
    pub fn reload_program(&mut self) -> Result<()> {
        self.context.program = self.store.program()?;
        Ok(())
    }

    /// Saves a change to the settings as stored now, audited.
    fn save_settings(
        &mut self,
        guard: Option<(&str, &serde_json::Value)>,
        change: impl Fn(Settings) -> Result<Settings>,
    ) -> Result<()> {
        let actor = self.actor();
        self.context.program.settings = self.store.update_settings(guard, &actor, change)?;
        Ok(())
    }

    /// Sends a mentor a reminder, shown on their next start and in the digest.
    pub fn remind(&mut self, person: i64, text: &str) -> Result<()> {
        self.require(Permission::SendReminder, Relation::Program)?;
        let sender = self.me.name.clone();
        self.store.remind(person, text, &sender)
    }

    /// Reminders not yet read: the acting user's, or (`None`, coordinators) everyone's.
    pub fn unread_reminders(&self, person: Option<i64>) -> Result<Vec<Reminder>> {
        match person {
            Some(p) => self.require_for(Permission::ReadReminders, p)?,
            None => self.require(Permission::ReadProgramDesk, Relation::Program)?,
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

    pub fn add_ledger_entry(&mut self, entry: &crate::domain::records::NewLedgerEntry) -> Result<i64> {
        self.require(Permission::AddLedgerEntry, Relation::Program)?;
        let actor = self.actor();
        self.store.add_ledger_entry(entry, &actor)
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
