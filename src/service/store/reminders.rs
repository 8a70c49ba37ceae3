use super::{Store, audit, now_stamp};
use crate::domain::records::{LedgerEntry, NewLedgerEntry, Reminder};
use crate::error::Result;
use rusqlite::params;

impl Store {
    pub fn remind(&mut self, person: i64, text: &str, sender: &str) -> Result<()> {
        super::check_text([("reminder", text)])?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO reminders (person, sender, text, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![person, sender, text, now_stamp(tx)],
            )?;
            audit::record(tx, sender, "remind", "person", Some(person), text)?;
            Ok(())
        })
    }

    /// Reminders not yet shown to `person`, oldest first.
    pub fn unread_reminders(&self, person: Option<i64>) -> Result<Vec<Reminder>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT key, person, sender, text, created_at FROM reminders
             WHERE read_at IS NULL AND (?1 IS NULL OR person = ?1) ORDER BY key",
        )?;
        let rows = stmt.query_map([person], |r| {
            Ok(Reminder {
                key: r.get(0)?,
                person: r.get(1)?,
                sender: r.get(2)?,
                text: r.get(3)?,
                created_at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn mark_reminders_read(&mut self, person: i64) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE reminders SET read_at = ?2 WHERE person = ?1 AND read_at IS NULL",
                params![person, now_stamp(tx)],
            )?;
            Ok(())
        })
    }

    /// Adds a ledger entry by hand (travel, an adjustment; negative amounts take money back), or
    /// a payment made.
    /// The entry keeps the global id it was made with elsewhere (a laptop copy), if any.
    pub fn add_ledger_entry(&mut self, e: &NewLedgerEntry, gid: Option<&str>, actor: &str) -> Result<i64> {
        super::check_text([("kind", e.kind), ("note", e.note)])?;
        let on = e.on.to_string();
        self.write(|tx| {
            let key: i64 = tx.query_row(
                "INSERT INTO ledger (mentor, kind, amount_cents, due_on, paid_on, note, minutes, gid) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING key",
                params![e.mentor, e.kind, e.amount_cents, on, e.paid.then_some(&on), e.note, e.minutes, super::gid_or_new(gid)],
                |r| r.get(0),
            )?;
            audit::record(
                tx,
                actor,
                if e.paid { "pay" } else { "add" },
                "ledger",
                Some(key),
                &match e.minutes {
                    Some(minutes) => format!("{} {minutes} min", e.kind),
                    None => format!("{} {}", e.kind, e.amount_cents),
                },
            )?;
            Ok(key)
        })
    }

    pub fn ledger_entries(&self) -> Result<Vec<LedgerEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT key, mentor, kind, amount_cents, due_on, note, paid_on, minutes FROM ledger ORDER BY due_on, key",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(LedgerEntry {
                key: r.get(0)?,
                mentor: r.get(1)?,
                kind: r.get(2)?,
                amount_cents: r.get(3)?,
                due_on: r.get(4)?,
                note: r.get(5)?,
                paid_on: r.get(6)?,
                minutes: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
