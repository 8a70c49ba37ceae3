//! A laptop copy's side: where it came from, the box's records mirrored under the copy's own
//! keys with their bases, the changes made since, and the box's answers kept beside them.

use super::{
    Answer, Change, Identity, MIRRORED, Mark, Mirrored, Origin, Pull, Record, columns, columns_sql, gid_sql,
    mirrored, record_of,
};
use crate::domain::sync::{SENT, TABLES};
use crate::error::{Error, Result};
use crate::service::store::Store;
use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::Value;
use std::collections::HashSet;

impl Store {
    /// A copy: where it came from; `None` for a database that is not a copy.
    pub fn origin(&self) -> Result<Option<Origin>> {
        Ok(self
            .conn
            .query_row(
                "SELECT copy, remote, login, synced_at FROM sync_origin",
                [],
                |r| {
                    Ok(Origin {
                        copy: r.get(0)?,
                        remote: r.get(1)?,
                        login: r.get(2)?,
                        synced_at: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    /// A new copy: names the box it comes from.
    pub fn set_origin(&mut self, origin: &Origin) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO sync_origin (id, copy, remote, login, synced_at) VALUES (1, ?1, ?2, ?3, ?4)",
                params![origin.copy, origin.remote, origin.login, origin.synced_at],
            )?;
            Ok(())
        })
    }

    /// A copy: keeps the box's `answers` to what was sent, then mirrors what the box sent in
    /// one transaction, and stamps the sync `now`. A row the box answered with a conflict or a
    /// refusal is left as the user has it (the box's version is kept beside it, for the
    /// choice).
    pub fn mirror(&mut self, answers: &[(Change, Answer)], pull: &Pull, now: &str) -> Result<()> {
        // The box's answers are kept even when what it sent cannot be taken in (a clash the
        // user must settle): a refusal then shows, and can be set aside.
        self.write(|tx| {
            for (change, answer) in answers {
                settle(tx, change, answer)?;
            }
            Ok(())
        })?;
        self.write(|tx| {
            tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
            let marked: HashSet<(String, String)> = {
                let mut stmt = tx.prepare("SELECT tbl, gid FROM sync_marks")?;
                let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            for m in MIRRORED.iter().rev() {
                for (table, gid) in pull.gone.iter().filter(|(t, _)| t == m.table) {
                    if marked.contains(&(table.clone(), gid.clone())) {
                        // The user's version, refused or waiting on their choice, stays.
                        continue;
                    }
                    forget(tx, m, gid)?;
                    tx.execute(
                        "DELETE FROM sync_base WHERE tbl = ?1 AND gid = ?2",
                        params![table, gid],
                    )?;
                }
            }
            for m in MIRRORED {
                for record in pull.records.iter().filter(|r| r.table == m.table) {
                    let key = (record.table.clone(), record.gid.clone());
                    if marked.contains(&key) {
                        tx.execute(
                            "UPDATE sync_marks SET theirs = ?3 WHERE tbl = ?1 AND gid = ?2",
                            params![
                                record.table,
                                record.gid,
                                serde_json::to_string(record).expect("a record serializes")
                            ],
                        )?;
                        continue;
                    }
                    put(tx, m, record)?;
                }
            }
            tx.execute("UPDATE sync_origin SET synced_at = ?1", [now])?;
            Ok(())
        })
    }

    /// A copy: the changes made in it that the box has not taken (nor answered for this
    /// version of the record).
    pub fn changes_to_send(&self) -> Result<Vec<Change>> {
        let tx = self.conn.unchecked_transaction()?;
        let mut changes = Vec::new();
        for table in SENT {
            let m = mirrored(table)?;
            let names = columns(&tx, table)?;
            // A draft is not filed yet; an engagement entry other than a daily line travels
            // inside the form that made it.
            let only_filed = match *table {
                "form_submissions" => "AND t.status != 'draft'",
                "engagement" => "AND t.day IS NOT NULL",
                _ => "",
            };
            let sql = format!(
                "SELECT {gid}, t.version, b.version, {columns} FROM {table} t
                 LEFT JOIN sync_base b ON b.tbl = '{table}' AND b.gid = {gid}
                 WHERE (b.version IS NULL OR b.version != t.version) {only_filed}
                   AND NOT EXISTS (SELECT 1 FROM sync_marks k WHERE k.tbl = '{table}' AND k.gid = {gid}
                                   AND (k.version = t.version OR k.state = 'conflict'))
                 ORDER BY t.rowid",
                gid = gid_sql(m),
                columns = columns_sql(m, &names),
            );
            let mut stmt = tx.prepare(&sql)?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                changes.push(Change {
                    record: record_of(table, row.get(0)?, row.get(1)?, &names, row, 3)?,
                    base: row.get(2)?,
                });
            }
        }
        Ok(changes)
    }

    /// A copy: the box's answers it keeps (refusals and conflicts), oldest first.
    pub fn marks(&self) -> Result<Vec<Mark>> {
        let mut stmt = self
            .conn
            .prepare("SELECT tbl, gid, state, reason, theirs FROM sync_marks ORDER BY state, tbl, gid")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?;
        let mut marks = Vec::new();
        for row in rows {
            let (table, gid, state, reason, theirs) = row?;
            let theirs = theirs
                .map(|t| serde_json::from_str(&t).map_err(|e| Error::Failed(format!("a kept record: {e}"))))
                .transpose()?;
            marks.push(Mark {
                table,
                gid,
                state,
                reason,
                theirs,
            });
        }
        Ok(marks)
    }

    /// A copy: settles a conflict on the record `gid`: the box's version replaces the user's
    /// (`keep_theirs`), or the user's is sent again over the box's at the next sync.
    pub fn settle_conflict(&mut self, table: &str, gid: &str, keep_theirs: bool) -> Result<()> {
        let m = mirrored(table)?;
        self.write(|tx| {
            let theirs: Option<String> = tx
                .query_row(
                    "SELECT theirs FROM sync_marks WHERE tbl = ?1 AND gid = ?2 AND state = 'conflict'",
                    params![table, gid],
                    |r| r.get(0),
                )
                .optional()?
                .flatten();
            let Some(theirs) = theirs else {
                return Err(Error::Input(format!("no conflict is waiting on {gid}")));
            };
            let theirs: Record = serde_json::from_str(&theirs)
                .map_err(|e| Error::Failed(format!("the box's version: {e}")))?;
            if keep_theirs {
                put(tx, m, &theirs)?;
            } else {
                set_version(tx, m, gid, theirs.version + 1)?;
                set_base(tx, table, gid, theirs.version)?;
            }
            tx.execute(
                "DELETE FROM sync_marks WHERE tbl = ?1 AND gid = ?2",
                params![table, gid],
            )?;
            Ok(())
        })
    }

    /// A record made in this copy that the box refused, taken out of it with its mark (the
    /// caller has saved it). A refused change to a record the box holds is not: the box's
    /// version is not kept beside it, so it is settled by changing it again.
    pub fn set_aside_refused(&mut self, table: &str, gid: &str) -> Result<()> {
        let m = mirrored(table)?;
        self.write(|tx| {
            let on_box: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM sync_base WHERE tbl = ?1 AND gid = ?2)",
                params![table, gid],
                |r| r.get(0),
            )?;
            if on_box || !matches!(m.identity, Identity::Gid) {
                return Err(Error::Input(format!(
                    "{gid} is on the box too: change it here again, and sync"
                )));
            }
            tx.execute(&format!("DELETE FROM {} WHERE gid = ?1", m.table), [gid])
                .map_err(|e| {
                    Error::Input(format!(
                        "{gid} cannot be set aside while records of this copy refer to it: {e}"
                    ))
                })?;
            tx.execute(
                "DELETE FROM sync_marks WHERE tbl = ?1 AND gid = ?2 AND state = 'refused'",
                params![table, gid],
            )?;
            Ok(())
        })
    }

    /// A copy whose user left the program: every record it holds is removed; where it came
    /// from stays, so it says why it is empty.
    pub fn empty_copy(&mut self) -> Result<()> {
        self.write(|tx| {
            tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
            for table in [
                "goals",
                "applications",
                "assignment_extensions",
                "mentor_notices",
                "changes_seen",
                "sync_base",
                "sync_marks",
            ]
            .into_iter()
            .chain(TABLES.iter().rev().copied())
            {
                tx.execute(&format!("DELETE FROM {table}"), [])?;
            }
            Ok(())
        })
    }
}

/// Sets the copy's version of the record `gid`.
fn set_version(tx: &Transaction, m: &Mirrored, gid: &str, version: i64) -> rusqlite::Result<usize> {
    tx.execute(
        &format!(
            "UPDATE {table} AS t SET version = ?2 WHERE {gid_sql} = ?1",
            table = m.table,
            gid_sql = gid_sql(m)
        ),
        params![gid, version],
    )
}

fn settle(tx: &Transaction, change: &Change, answer: &Answer) -> Result<()> {
    let table = change.record.table.as_str();
    let gid = change.record.gid.as_str();
    let m = mirrored(table)?;
    match answer {
        Answer::Taken(version) => {
            set_version(tx, m, gid, *version)?;
            set_base(tx, table, gid, *version)?;
            tx.execute(
                "DELETE FROM sync_marks WHERE tbl = ?1 AND gid = ?2",
                params![table, gid],
            )?;
        }
        Answer::Refused(reason) => {
            tx.execute(
                "INSERT OR REPLACE INTO sync_marks (tbl, gid, version, state, reason) VALUES (?1, ?2, ?3, 'refused', ?4)",
                params![table, gid, change.record.version, reason],
            )?;
        }
        Answer::Conflict(theirs, by) => {
            tx.execute(
                "INSERT OR REPLACE INTO sync_marks (tbl, gid, version, state, reason, theirs)
                 VALUES (?1, ?2, ?3, 'conflict', ?4, ?5)",
                params![
                    table,
                    gid,
                    change.record.version,
                    by,
                    serde_json::to_string(theirs).expect("a record serializes")
                ],
            )?;
        }
    }
    Ok(())
}

fn set_base(tx: &Transaction, table: &str, gid: &str, version: i64) -> rusqlite::Result<usize> {
    tx.execute(
        "INSERT INTO sync_base (tbl, gid, version) VALUES (?1, ?2, ?3)
         ON CONFLICT (tbl, gid) DO UPDATE SET version = excluded.version",
        params![table, gid, version],
    )
}

/// The copy's own key of the record `gid` of `table`.
fn local_key(tx: &Transaction, table: &str, gid: &str) -> rusqlite::Result<Option<i64>> {
    tx.prepare_cached(&format!("SELECT key FROM {table} WHERE gid = ?1"))?
        .query_row([gid], |r| r.get(0))
        .optional()
}

fn sql_value(value: &Value) -> Result<rusqlite::types::Value> {
    use rusqlite::types::Value as Sql;
    Ok(match value {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => Sql::Integer(i),
            (None, Some(x)) => Sql::Real(x),
            _ => return Err(Error::Input("a number out of range".into())),
        },
        Value::String(s) => {
            crate::service::store::check_text([("a value", s.as_str())])?;
            Sql::Text(s.clone())
        }
        _ => {
            return Err(Error::Input(
                "a value that is neither text, a number nor empty".into(),
            ));
        }
    })
}

/// The global id of the copy's record of `m` whose `column` holds `value` (a reference as the
/// box sends it: the other record's global id).
fn local_gid_holding(tx: &Transaction, m: &Mirrored, column: &str, value: &Value) -> Result<Option<String>> {
    let value = match (m.refs.iter().find(|(col, _, _)| *col == column), value) {
        (Some((_, target, _)), Value::String(gid)) => match local_key(tx, target, gid)? {
            Some(key) => rusqlite::types::Value::Integer(key),
            None => return Ok(None),
        },
        _ => sql_value(value)?,
    };
    Ok(tx
        .query_row(
            &format!("SELECT gid FROM {} WHERE \"{column}\" = ?1", m.table),
            [value],
            |r| r.get(0),
        )
        .optional()?)
}

/// Writes one record from the box into the copy, under the copy's keys.
fn put(tx: &Transaction, m: &Mirrored, record: &Record) -> Result<()> {
    let names = columns(tx, m.table)?;
    let mut values = Vec::with_capacity(names.len() + 2);
    for name in &names {
        let value = record.row.get(name).unwrap_or(&Value::Null);
        let value = match (m.refs.iter().find(|(col, _, _)| col == name), value) {
            (Some(_), Value::Null) => rusqlite::types::Value::Null,
            (Some((col, target, nullable)), Value::String(gid)) => match local_key(tx, target, gid)? {
                Some(key) => rusqlite::types::Value::Integer(key),
                None if *nullable => rusqlite::types::Value::Null,
                None => {
                    return Err(Error::Failed(format!(
                        "{} {}: its {col} is not in this copy",
                        m.table, record.gid
                    )));
                }
            },
            (Some((col, _, _)), _) => {
                return Err(Error::Input(format!(
                    "{} {}: {col} is not an id",
                    m.table, record.gid
                )));
            }
            (None, value) => sql_value(value)?,
        };
        values.push(value);
    }
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    let binds = vec!["?"; names.len()].join(", ");
    let updates: Vec<String> = quoted.iter().map(|q| format!("{q} = excluded.{q}")).collect();
    let sql = match m.identity {
        Identity::Program => format!(
            "INSERT INTO program (id, version, {}) VALUES (1, {}, {binds})
             ON CONFLICT (id) DO UPDATE SET version = excluded.version, {}",
            quoted.join(", "),
            record.version,
            updates.join(", ")
        ),
        Identity::Gid => {
            values.push(rusqlite::types::Value::Text(record.gid.clone()));
            format!(
                "INSERT INTO {table} ({cols}, gid, version) VALUES ({binds}, ?, {version})
                 ON CONFLICT (gid) DO UPDATE SET version = excluded.version, {updates}",
                table = m.table,
                cols = quoted.join(", "),
                version = record.version,
                updates = updates.join(", ")
            )
        }
        Identity::Pair => format!(
            "INSERT OR IGNORE INTO {} ({}) VALUES ({binds})",
            m.table,
            quoted.join(", ")
        ),
    };
    let taken_in = tx
        .prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(values));
    if let Err(e) = taken_in {
        return Err(match unique_column(&e) {
            // A record made here, not yet on the box (or refused there), holds what the box's
            // holds: the copy cannot keep both, and drops neither.
            Some(column) => {
                let value = record.row.get(column.as_str());
                let mine = match (m.identity, value) {
                    (Identity::Gid, Some(value)) => local_gid_holding(tx, m, &column, value)?,
                    _ => None,
                };
                let value = value
                    .and_then(Value::as_str)
                    .map_or_else(|| record.gid.clone(), |v| format!("'{v}'"));
                let way_out = mine.map_or_else(String::new, |gid| {
                    format!(
                        " (yours is {gid}; if the box refused it, `mentordesk sync --settle {gid} theirs` sets it aside in a file)"
                    )
                });
                Error::Input(format!(
                    "the box has {} {value} with a {column} that a record made in this copy also has; change yours here{way_out}, then sync again",
                    m.table
                ))
            }
            None => Error::Failed(format!("{} {}: {e}", m.table, record.gid)),
        });
    }
    set_base(tx, m.table, &record.gid, record.version)?;
    Ok(())
}

/// Removes from the copy a record that left its slice.
fn forget(tx: &Transaction, m: &Mirrored, gid: &str) -> Result<()> {
    match m.identity {
        Identity::Gid => {
            tx.execute(&format!("DELETE FROM {} WHERE gid = ?1", m.table), [gid])?;
        }
        Identity::Pair => {
            if let Some((person, student)) = gid.split_once('/') {
                tx.execute(
                    "DELETE FROM student_links WHERE person = (SELECT key FROM people WHERE gid = ?1)
                     AND student = (SELECT key FROM people WHERE gid = ?2)",
                    [person, student],
                )?;
            }
        }
        Identity::Program => {}
    }
    Ok(())
}

/// The column of a unique constraint `e` failed on (`people.login` gives `login`).
fn unique_column(e: &rusqlite::Error) -> Option<String> {
    match e {
        rusqlite::Error::SqliteFailure(f, Some(message))
            if matches!(
                f.extended_code,
                rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE | rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
            ) =>
        {
            let columns = message.strip_prefix("UNIQUE constraint failed: ")?;
            let first = columns.split(", ").next()?;
            Some(first.split_once('.').map_or(first, |(_, c)| c).to_string())
        }
        _ => None,
    }
}
