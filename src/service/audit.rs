//! The audit log for people: read by whom and about whom, with names for logins and keys; and
//! what others changed in a user's own records since their last start.

use super::Session;
use crate::domain::permissions::{Permission, Relation};
use crate::domain::records::{AuditEntry, AuditFilter, PersonEntry};
use crate::error::Result;
use crate::service::store::{About, AuditQuery};
use std::collections::HashMap;

/// One audit entry as people read it: who made it and what it changed, by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditLine {
    pub entry: AuditEntry,
    /// The person behind the login, and whom they acted as (`Dana Reyes as Sam Ortiz`).
    pub who: String,
    /// The action, the kind of record, whose it is and the detail (before → after).
    pub what: String,
}

/// What others changed in the acting user's records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangesToMyRecords {
    /// Newest first.
    pub lines: Vec<AuditLine>,
    /// The newest entry of the log when they were read: the mark to move to once shown.
    pub up_to: i64,
}

/// Audit actions that change nothing in the records: someone opening the app as another user,
/// a reminder (which has its own inbox).
const NOT_CHANGES: [&str; 2] = ["act-as", "remind"];

/// How many changes since the last start are read at most.
const CHANGES_ROWS: u32 = 500;

impl Session {
    /// The audit log, newest first, by whom and about whom `filter` says: `limit` entries.
    pub fn audit(&self, filter: &AuditFilter, limit: u32) -> Result<Vec<AuditLine>> {
        self.require(Permission::ReadAuditLog, Relation::Program)?;
        // Who is who, without whole records: a program can hold many thousands of people.
        let people = self.people_index()?;
        let by_login = match filter.by {
            Some(key) => match people.iter().find(|p| p.key == key) {
                Some(PersonEntry {
                    login: Some(login), ..
                }) => Some(login.as_str()),
                // Without a login nobody signs in as them, so they made no change.
                _ => return Ok(Vec::new()),
            },
            None => None,
        };
        let entries = self.store.audit_entries(&AuditQuery {
            by_login,
            not_by_login: None,
            about: filter.about.map(About::Person),
            after_key: 0,
            limit,
        })?;
        Ok(describe(&people, entries))
    }

    /// What other people changed in the acting user's own records: since their last start
    /// (nothing on the first start ever), or every such change (`since_last_start` false,
    /// the newest `CHANGES_ROWS`). Their own changes are left out. Reads only; see
    /// [`Session::mark_changes_seen`].
    pub fn changes_to_my_records(&self, since_last_start: bool) -> Result<ChangesToMyRecords> {
        self.require(Permission::ReadChangesToMyRecords, Relation::Own)?;
        let up_to = self.store.last_audit_key()?;
        let after_key = match (since_last_start, self.store.changes_seen(self.me.key)?) {
            (false, _) => 0,
            (true, Some(seen)) => seen,
            (true, None) => {
                return Ok(ChangesToMyRecords {
                    lines: Vec::new(),
                    up_to,
                });
            }
        };
        let Some(login) = self.me.fields.login.as_deref() else {
            return Ok(ChangesToMyRecords {
                lines: Vec::new(),
                up_to,
            });
        };
        let entries = self
            .store
            .audit_entries(&AuditQuery {
                by_login: None,
                not_by_login: Some(login),
                about: Some(About::RecordsOf(self.me.key)),
                after_key,
                limit: CHANGES_ROWS,
            })?
            .into_iter()
            .filter(|e| !NOT_CHANGES.contains(&e.action.as_str()))
            .collect();
        Ok(ChangesToMyRecords {
            lines: describe(&self.people_index()?, entries),
            up_to,
        })
    }

    /// Marks the changes up to audit entry `up_to` as shown to the acting user: the next
    /// start shows only newer ones. Refused through `--as`, so that seeing someone's screen
    /// never moves their mark.
    pub fn mark_changes_seen(&mut self, up_to: i64) -> Result<()> {
        self.require(Permission::ReadChangesToMyRecords, Relation::Own)?;
        // A start with nothing new takes no write lock on the shared database.
        if self.store.changes_seen(self.me.key)? >= Some(up_to) {
            return Ok(());
        }
        self.store.mark_changes_seen(self.me.key, up_to)
    }

    /// The audit entries about one person, newest first (their history).
    pub(super) fn audit_about(&self, person: i64, limit: u32) -> Result<Vec<AuditLine>> {
        self.audit(
            &AuditFilter {
                by: None,
                about: Some(person),
            },
            limit,
        )
    }
}

/// The entries with names for the logins and the people they are about.
fn describe(people: &[PersonEntry], entries: Vec<AuditEntry>) -> Vec<AuditLine> {
    let by_login: HashMap<&str, &str> = people
        .iter()
        .filter_map(|p| Some((p.login.as_deref()?, p.name.as_str())))
        .collect();
    let by_key: HashMap<i64, &PersonEntry> = people.iter().map(|p| (p.key, p)).collect();
    // Under --as the actor names whom they saw the app as by login, or by id without one.
    let name_of = |who: &str| -> String {
        by_login
            .get(who)
            .map(|name| name.to_string())
            .or_else(|| people.iter().find(|p| p.id == who).map(|p| p.name.clone()))
            .unwrap_or_else(|| who.to_string())
    };
    entries
        .into_iter()
        .map(|entry| {
            let who = match entry.actor.split_once(" as ") {
                Some((real, seen_as)) => format!("{} as {}", name_of(real), name_of(seen_as)),
                None => name_of(&entry.actor),
            };
            let who = crate::domain::sanitize::line(&who).into_owned();
            let subject = match (entry.entity.as_str(), entry.entity_key) {
                // A detail that names the person already (by their id, which stays when the
                // name changes) needs no name before it.
                ("person" | "attendance", Some(key)) => by_key
                    .get(&key)
                    .filter(|p| {
                        !entry.detail.starts_with(&p.name) && !entry.detail.contains(&format!("({})", p.id))
                    })
                    .map(|p| p.name.as_str()),
                _ => None,
            };
            let detail = crate::domain::sanitize::line(&entry.detail);
            let what = match (subject, detail.is_empty()) {
                (Some(name), true) => format!("{} {} {name}", entry.action, entry.entity),
                (Some(name), false) => format!("{} {} {name}: {detail}", entry.action, entry.entity),
                (None, true) => format!("{} {}", entry.action, entry.entity),
                (None, false) => format!("{} {} {detail}", entry.action, entry.entity),
            };
            AuditLine { entry, who, what }
        })
        .collect()
}
