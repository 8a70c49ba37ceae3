//! WEAC: warnings to mentors and their removal, each with the reminder or deactivation it brings
//! and its audit entry, in one transaction.

use super::people::end_open_assignments;
use super::{Store, audit, now_stamp};
use crate::domain::records::Editing;
use crate::domain::removal::{Ground, Notice, NoticeKind};
use crate::domain::types::EndReason;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use rusqlite::{Transaction, params};

fn insert(
    tx: &Transaction,
    mentor: i64,
    kind: NoticeKind,
    ground: Ground,
    note: &str,
    on: NaiveDate,
    actor: &str,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO mentor_notices (mentor, kind, ground, note, on_day, by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            mentor,
            kind.as_str(),
            ground.as_str(),
            note,
            on.to_string(),
            actor
        ],
    )?;
    Ok(())
}

impl Store {
    /// Warns a mentor: the notice, a reminder telling them (`text`), and the audit entry.
    pub fn warn_mentor(
        &mut self,
        mentor: i64,
        ground: Ground,
        note: &str,
        text: &str,
        on: NaiveDate,
        (actor, sender): (&str, &str),
    ) -> Result<()> {
        super::check_text([("note", note)])?;
        self.write(|tx| {
            insert(tx, mentor, NoticeKind::Warning, ground, note, on, actor)?;
            tx.execute(
                "INSERT INTO reminders (person, sender, text, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![mentor, sender, text, now_stamp(tx)],
            )?;
            let detail = format!(
                "warning: {}{}",
                ground.as_str(),
                if note.is_empty() {
                    String::new()
                } else {
                    format!(": {note}")
                }
            );
            audit::record(tx, actor, "warn", "person", Some(mentor), &detail)?;
            Ok(())
        })
    }

    /// Asks a mentor to leave: the notice, their deactivation (their open assignments end), and
    /// the audit entry. Returns how many assignments ended.
    pub fn remove_mentor(
        &mut self,
        editing: Editing,
        ground: Ground,
        note: &str,
        on: NaiveDate,
        actor: &str,
    ) -> Result<usize> {
        super::check_text([("note", note)])?;
        self.write(|tx| {
            let before = super::people::claimed_person(tx, editing)?;
            if !before.active {
                return Err(Error::Input(format!("{} is already deactivated", before.name)));
            }
            tx.execute(
                "UPDATE people SET active = 0 WHERE key = ?1",
                params![editing.key],
            )?;
            let ended = end_open_assignments(tx, editing.key, on, EndReason::LeftOrganization)?;
            insert(tx, editing.key, NoticeKind::Removal, ground, note, on, actor)?;
            let detail = format!(
                "removal of {} ({}): {}{}; {ended} open assignment(s) ended",
                before.name,
                before.id,
                ground.as_str(),
                if note.is_empty() {
                    String::new()
                } else {
                    format!(": {note}")
                }
            );
            audit::record(tx, actor, "remove", "person", Some(editing.key), &detail)?;
            Ok(ended)
        })
    }

    /// A mentor's warnings and removal, oldest first.
    pub fn notices(&self, mentor: i64) -> Result<Vec<Notice>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, ground, note, on_day, by FROM mentor_notices WHERE mentor = ?1 ORDER BY key",
        )?;
        let mut rows = stmt.query([mentor])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let (kind, ground, on): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(3)?);
            let (Ok(ground), Ok(on)) = (ground.parse::<Ground>(), crate::domain::dates::parse_date(&on))
            else {
                continue;
            };
            out.push(Notice {
                kind: if kind == "removal" {
                    NoticeKind::Removal
                } else {
                    NoticeKind::Warning
                },
                ground,
                note: r.get(2)?,
                on,
                by: r.get(4)?,
            });
        }
        Ok(out)
    }
}
