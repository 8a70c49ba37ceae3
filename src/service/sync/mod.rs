//! Laptop copies through the door. On the box, a copy's changes are taken as the user's own
//! work, through the same service calls the TUI makes (permission, validation, the version check,
//! the audit log); what it is sent is the slice the user may see. In the copy, the box's records
//! are mirrored and the user's changes found for the next sync.

use super::store::Store;
use super::{PRIVATE_FILE_MODE, Session};
use crate::domain::sync::{Slice, slice_for};
use crate::error::{Error, Result};
use chrono::{NaiveDate, NaiveDateTime};
use std::path::{Path, PathBuf};

mod take;

pub use super::store::{Answer, Change, Mark, Origin, Pull, Record};

/// How stamps of a sync are written (the program's local time).
const STAMP: &str = "%Y-%m-%dT%H:%M:%S";

/// What a copy's status line says: `offline · 3 changes to send · synced Nov 22 14:05`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyStatus {
    pub remote: String,
    pub to_send: usize,
    pub refused: usize,
    pub conflicts: usize,
    pub synced_at: Option<NaiveDateTime>,
}

impl CopyStatus {
    pub fn line(&self) -> String {
        let mut parts = vec!["offline".to_string()];
        parts.push(match self.to_send {
            0 => "nothing to send".into(),
            1 => "1 change to send".into(),
            n => format!("{n} changes to send"),
        });
        if self.conflicts > 0 {
            parts.push(format!("{} to settle", self.conflicts));
        }
        if self.refused > 0 {
            parts.push(format!("{} refused", self.refused));
        }
        parts.push(match self.synced_at {
            Some(at) => format!("synced {}", at.format("%b %-d %H:%M")),
            None => "never synced".into(),
        });
        parts.join(" · ")
    }
}

/// A record of a laptop copy changed on both sides since its last sync.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncConflict {
    pub table: String,
    pub gid: String,
    /// Who changed it on the box, and when, as a sentence's end.
    pub by: String,
    pub mine: Option<Record>,
    pub theirs: Option<Record>,
}

fn parse_stamp(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, STAMP).ok()
}

impl Session {
    /// The slice of the program this user's copy holds.
    fn copy_slice(&self) -> Result<Slice> {
        if self.acting_as {
            return Err(Error::Denied(
                "a laptop copy is its own user's, never made through --as".into(),
            ));
        }
        match slice_for(self.me.role) {
            Slice::Nothing => Err(Error::Denied(format!(
                "a {} keeps no laptop copy; work on the box",
                self.me.role.as_str()
            ))),
            slice => Ok(slice),
        }
    }

    fn login(&self) -> Result<&str> {
        self.me
            .fields
            .login
            .as_deref()
            .ok_or_else(|| Error::Denied("you have no login to keep a copy under".into()))
    }

    /// The box: what the copy `copy` lacks of what this user may see. Reads only.
    pub fn pull_for_copy(&self, copy: &str) -> Result<Pull> {
        let slice = self.copy_slice()?;
        if let Some(owner) = self.store.copy_owner(copy)?
            && owner != self.login()?
        {
            return Err(Error::Denied("that laptop copy is another user's".into()));
        }
        self.store.slice_pull(
            copy,
            slice,
            self.me.key,
            self.program.settings.contacts_beyond_caseload,
        )
    }

    /// The box: the copy took `pull` in; the next pull sends only what changes after it.
    pub fn copy_took(&mut self, copy: &str, pull: &Pull) -> Result<()> {
        self.copy_slice()?;
        let login = self.login()?.to_string();
        let now = self.now().format(STAMP).to_string();
        self.store.record_sent(copy, &login, pull, &now)
    }

    /// A laptop copy's records changed on both sides, each with the user's version and the
    /// box's, waiting for the user's choice.
    pub fn sync_conflicts(&self) -> Result<Vec<SyncConflict>> {
        if self.copy.is_none() {
            return Ok(Vec::new());
        }
        let mut conflicts = Vec::new();
        for mark in self.store.marks()?.into_iter().filter(|m| m.state == "conflict") {
            let mine = self.store.record_by_gid(&mark.table, &mark.gid)?;
            conflicts.push(SyncConflict {
                mine,
                theirs: mark.theirs,
                by: mark.reason,
                table: mark.table,
                gid: mark.gid,
            });
        }
        Ok(conflicts)
    }

    /// The name of the person with this global id, as this database has them.
    pub fn name_of_person(&self, gid: &str) -> Result<Option<String>> {
        let Some((key, _)) = self.store.key_by_gid("people", gid)? else {
            return Ok(None);
        };
        Ok(self.store.person(key)?.map(|p| p.name))
    }

    /// Settles a conflict of this laptop copy: the box's version (`keep_theirs`), or the
    /// user's, sent over the box's at the next sync.
    pub fn settle_sync_conflict(&mut self, gid: &str, keep_theirs: bool) -> Result<()> {
        let Some(conflict) = self.sync_conflicts()?.into_iter().find(|c| c.gid == gid) else {
            return Err(Error::Input(format!("no conflict is waiting on {gid}")));
        };
        self.store.settle_conflict(&conflict.table, gid, keep_theirs)
    }

    /// This session's database, if it is a laptop copy: what its status line says.
    pub fn copy_status(&self) -> Result<Option<CopyStatus>> {
        let Some(origin) = &self.copy else {
            return Ok(None);
        };
        let marks = self.store.marks()?;
        Ok(Some(CopyStatus {
            remote: origin.remote.clone(),
            to_send: self.store.changes_to_send()?.len(),
            refused: marks.iter().filter(|m| m.state == "refused").count(),
            conflicts: marks.iter().filter(|m| m.state == "conflict").count(),
            synced_at: origin.synced_at.as_deref().and_then(parse_stamp),
        }))
    }
}

/// A laptop copy, opened for its sync (not for work: that is a [`Session`]).
pub struct Copy {
    store: Store,
    origin: Origin,
}

impl Copy {
    /// Makes a new, empty copy at `path` of the program at `remote`, for the box's user `login`.
    /// Nothing may be at `path` yet.
    pub fn create(path: &Path, remote: &str, login: &str, copy: &str) -> Result<Copy> {
        if std::fs::symlink_metadata(path).is_ok() {
            return Err(Error::Input(format!(
                "{}: a file is already there; a new laptop copy needs a path of its own (--db)",
                path.display()
            )));
        }
        let mut store = Store::open(path, PRIVATE_FILE_MODE)?;
        let origin = Origin {
            copy: copy.to_string(),
            remote: remote.to_string(),
            login: login.to_string(),
            synced_at: None,
        };
        store.set_origin(&origin)?;
        Ok(Copy { store, origin })
    }

    /// Opens the copy at `path` for its sync.
    pub fn open(path: &Path) -> Result<Copy> {
        if !path.exists() {
            return Err(Error::Input(format!(
                "{}: no laptop copy here; make one with `mentordesk sync --remote USER@HOST[:DB]`",
                path.display()
            )));
        }
        let store = Store::open(path, PRIVATE_FILE_MODE)?;
        let origin = store.origin()?.ok_or_else(|| {
            Error::Input(format!(
                "{}: a program database, not a laptop copy; `sync --remote` makes a copy at a path of its own (--db)",
                path.display()
            ))
        })?;
        Ok(Copy { store, origin })
    }

    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    pub fn path(&self) -> PathBuf {
        self.store.path().to_path_buf()
    }

    pub fn changes_to_send(&self) -> Result<Vec<Change>> {
        self.store.changes_to_send()
    }

    /// Takes in the box's answers and records, in one transaction, stamped with the time in
    /// the program's zone (on `day`, with `--today`).
    pub fn take_in(
        &mut self,
        answers: &[(Change, Answer)],
        pull: &Pull,
        day: Option<NaiveDate>,
    ) -> Result<()> {
        let zone = pull
            .records
            .iter()
            .find(|r| r.table == "program")
            .and_then(|r| r.row.get("settings")?.as_str().map(str::to_string))
            .and_then(|s| serde_json::from_str::<crate::domain::settings::Settings>(&s).ok())
            .map(|s| s.zone())
            .or_else(|| self.store.program().ok().map(|p| p.settings.zone()))
            .unwrap_or(chrono_tz::Tz::UTC);
        let now = crate::clock::Clock::new(zone, day)
            .now()
            .format(STAMP)
            .to_string();
        self.store.mirror(answers, pull, &now)?;
        self.origin.synced_at = Some(now);
        Ok(())
    }

    pub fn marks(&self) -> Result<Vec<Mark>> {
        self.store.marks()
    }

    /// Settles the conflict on record `gid`: the box's version (`keep_theirs`), or the user's,
    /// sent over the box's at the next sync.
    pub fn settle(&mut self, gid: &str, keep_theirs: bool) -> Result<()> {
        let mark = self
            .marks()?
            .into_iter()
            .find(|m| m.gid == gid && m.state == "conflict")
            .ok_or_else(|| Error::Input(format!("no conflict is waiting on {gid}")))?;
        self.store.settle_conflict(&mark.table, gid, keep_theirs)
    }

    /// A record made in this copy that the box refused, set aside: `save` keeps it first (in a
    /// file), then it leaves the copy.
    pub fn set_aside<T>(&mut self, gid: &str, save: impl FnOnce(&Record) -> Result<T>) -> Result<T> {
        let mark = self
            .marks()?
            .into_iter()
            .find(|m| m.gid == gid && m.state == "refused")
            .ok_or_else(|| Error::Input(format!("the box refused nothing with the id {gid}")))?;
        let record = self
            .store
            .record_by_gid(&mark.table, gid)?
            .ok_or_else(|| Error::Input(format!("this copy holds no record {gid}")))?;
        let saved = save(&record)?;
        self.store.set_aside_refused(&mark.table, gid)?;
        Ok(saved)
    }

    /// Whether the box refused the record `gid` of this copy.
    pub fn is_refused(&self, gid: &str) -> Result<bool> {
        Ok(self.marks()?.iter().any(|m| m.gid == gid && m.state == "refused"))
    }

    /// The user was deactivated on the box: every record goes. The caller has exported what
    /// was not delivered.
    pub fn empty(&mut self) -> Result<()> {
        self.store.empty_copy()
    }

    /// What the copy would lose if emptied now: its changes the box has not taken, and those it
    /// refused or that wait in a conflict, as records.
    pub fn undelivered(&self) -> Result<Vec<Record>> {
        let mut records: Vec<Record> = self.changes_to_send()?.into_iter().map(|c| c.record).collect();
        for mark in self.marks()? {
            if let Some(mine) = self.store.record_by_gid(&mark.table, &mark.gid)? {
                records.push(mine);
            }
        }
        Ok(records)
    }
}

/// Whether `login` is a person of the program at `path` whose place was deactivated: the box
/// tells such a user's copy to empty itself.
pub fn deactivated(path: &Path, login: &str) -> Result<bool> {
    let store = Store::open(path, PRIVATE_FILE_MODE)?;
    Ok(store.person_by_login(login)?.is_some_and(|p| !p.active))
}
