//! Creating a program and changing its settings; the audit log.

use super::{PRIVATE_FILE_MODE, Session, real_login};
use crate::domain::permissions::{Permission, Relation};
use crate::domain::records::Reminder;
use crate::domain::records::{PersonFields, Program};
use crate::domain::settings::{Preset, Settings};
use crate::domain::types::Role;
use crate::error::{Error, Result};
use crate::service::store::Store;
use chrono::NaiveDate;
use std::path::Path;

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
        Sharing::Group(group) => super::shared::create(db, group)?,
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
        self.add_ledger_entry_with_gid(entry, None)
    }

    /// `add_ledger_entry` under the global id the entry was made with elsewhere (a laptop copy).
    pub(crate) fn add_ledger_entry_with_gid(
        &mut self,
        entry: &crate::domain::records::NewLedgerEntry,
        gid: Option<&str>,
    ) -> Result<i64> {
        self.require(Permission::AddLedgerEntry, Relation::Program)?;
        let actor = self.actor();
        self.store.add_ledger_entry(entry, gid, &actor)
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
