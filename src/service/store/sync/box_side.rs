//! The box's side of laptop copies: the rows of a user's slice a copy lacks, and what each copy
//! was sent.

use super::{MIRRORED, Pull, columns, columns_sql, gid_sql, record_of, version_sql};
use crate::domain::sync::Slice;
use crate::error::{Error, Result};
use crate::service::store::Store;
use rusqlite::{OptionalExtension, params};
use std::collections::{HashMap, HashSet};

/// The people on a mentor's caseload, ever.
const MENTEES: &str = "SELECT mentee FROM assignments WHERE mentor = :me";

/// Which rows of `table` a slice holds, as SQL over the row `t` (`:me` is the user's key,
/// `:beyond` whether the program lets mentors reach people beyond their caseload).
fn slice_filter(slice: Slice, table: &str) -> String {
    match (slice, table) {
        (Slice::Nothing, _) => "0".into(),
        (_, "form_submissions") if slice == Slice::Program => "t.status != 'shared'".into(),
        (Slice::Program, _) | (Slice::Caseload, "program") => "1".into(),
        (Slice::Caseload, "people") => format!(
            "t.key = :me OR t.role = 'coordinator' OR (t.role = 'mentor' AND t.active = 1)
             OR t.key IN ({MENTEES})
             OR t.key IN (SELECT l.person FROM student_links l WHERE l.student IN ({MENTEES}))
             OR t.key IN (SELECT person FROM contacts WHERE mentor = :me)
             OR t.key IN (SELECT about FROM form_submissions WHERE author = :me AND status != 'shared')
             OR (:beyond AND t.role = 'mentee' AND t.active = 1)"
        ),
        (Slice::Caseload, "student_links") => format!("t.student IN ({MENTEES})"),
        (Slice::Caseload, "assignments" | "contacts") => "t.mentor = :me".into(),
        (Slice::Caseload, "events") => format!(
            "(t.person IS NULL AND t.assignment IS NULL) OR t.organizer = :me OR t.person IN ({MENTEES})
             OR t.assignment IN (SELECT key FROM assignments WHERE mentor = :me)"
        ),
        (Slice::Caseload, "form_submissions") => "t.author = :me AND t.status != 'shared'".into(),
        (Slice::Caseload, "attendance" | "reminders") => "t.person = :me".into(),
        // A student's engagement while they are on the caseload, not their next mentor's.
        (Slice::Caseload, "engagement") => {
            "t.student IN (SELECT mentee FROM assignments WHERE mentor = :me AND ended_on IS NULL)".into()
        }
        (Slice::Caseload, "ledger") => "t.mentor = :me".into(),
        (Slice::Caseload, _) => "0".into(),
    }
}

impl Store {
    /// The box: what of the `slice` of the user with key `me` the copy `copy` lacks or holds in
    /// an older version, and what it holds that left the slice. Nothing is written.
    pub fn slice_pull(&self, copy: &str, slice: Slice, me: i64, beyond: bool) -> Result<Pull> {
        let tx = self.conn.unchecked_transaction()?;
        let mut sent: HashMap<(String, String), i64> = HashMap::new();
        {
            let mut stmt = tx.prepare_cached("SELECT tbl, gid, version FROM sync_sent WHERE copy = ?1")?;
            let rows = stmt.query_map([copy], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
            for row in rows {
                let (key, version) = row?;
                sent.insert(key, version);
            }
        }
        let mut pull = Pull::default();
        let mut held: HashSet<(String, String)> = HashSet::new();
        for m in MIRRORED {
            let filter = slice_filter(slice, m.table);
            let names = columns(&tx, m.table)?;
            let from = format!(
                "FROM {table} t, (SELECT ?1 AS me, ?2 AS beyond) WHERE ({filter})",
                table = m.table,
                filter = filter.replace(":me", "me").replace(":beyond", "beyond"),
            );
            // Versions first; a row's columns only for those the copy lacks.
            let mut stmt = tx.prepare(&format!("SELECT {}, {} {from}", gid_sql(m), version_sql(m)))?;
            let mut changed = Vec::new();
            let mut rows = stmt.query(params![me, beyond])?;
            while let Some(row) = rows.next()? {
                let gid: String = row.get(0)?;
                let version: i64 = row.get(1)?;
                let key = (m.table.to_string(), gid);
                if sent.get(&key) != Some(&version) {
                    changed.push(key.1.clone());
                }
                held.insert(key);
            }
            drop(rows);
            if changed.is_empty() {
                continue;
            }
            let one = format!(
                "SELECT {}, {} {from} AND {} = ?3",
                version_sql(m),
                columns_sql(m, &names),
                gid_sql(m)
            );
            let mut stmt = tx.prepare(&one)?;
            for gid in changed {
                let mut rows = stmt.query(params![me, beyond, gid])?;
                let row = rows
                    .next()?
                    .ok_or_else(|| Error::Failed(format!("{} {gid} went", m.table)))?;
                let version = row.get(0)?;
                pull.records
                    .push(record_of(m.table, gid, version, &names, row, 1)?);
            }
        }
        pull.gone = sent.into_keys().filter(|key| !held.contains(key)).collect();
        pull.gone.sort();
        Ok(pull)
    }

    /// The box: the copy `copy` of `login` took `pull` in; `now` is when.
    pub fn record_sent(&mut self, copy: &str, login: &str, pull: &Pull, now: &str) -> Result<()> {
        self.write(|tx| {
            let owner: Option<String> = tx
                .query_row("SELECT login FROM sync_copies WHERE copy = ?1", [copy], |r| {
                    r.get(0)
                })
                .optional()?;
            match owner {
                Some(owner) if owner != login => {
                    return Err(Error::Denied("that laptop copy is another user's".into()));
                }
                Some(_) => {
                    tx.execute(
                        "UPDATE sync_copies SET last_at = ?2 WHERE copy = ?1",
                        params![copy, now],
                    )?;
                }
                None => {
                    tx.execute(
                        "INSERT INTO sync_copies (copy, login, first_at, last_at) VALUES (?1, ?2, ?3, ?3)",
                        params![copy, login, now],
                    )?;
                }
            }
            let mut put = tx.prepare_cached(
                "INSERT INTO sync_sent (copy, tbl, gid, version) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (copy, tbl, gid) DO UPDATE SET version = excluded.version",
            )?;
            for record in &pull.records {
                put.execute(params![copy, record.table, record.gid, record.version])?;
            }
            let mut forget =
                tx.prepare_cached("DELETE FROM sync_sent WHERE copy = ?1 AND tbl = ?2 AND gid = ?3")?;
            for (table, gid) in &pull.gone {
                forget.execute(params![copy, table, gid])?;
            }
            Ok(())
        })
    }

    /// The box: whose copy `copy` is, if the box has synced it before.
    pub fn copy_owner(&self, copy: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT login FROM sync_copies WHERE copy = ?1", [copy], |r| {
                r.get(0)
            })
            .optional()?)
    }
}
