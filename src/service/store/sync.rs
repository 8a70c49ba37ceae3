//! Laptop copies, in SQL. On the box: the rows of a slice, each with its references written as
//! global ids, and what each copy was last sent. In a copy: those rows mirrored under the
//! copy's own keys, each row's base (the version the box last sent), the rows changed since,
//! and the box's answers kept beside them.

use super::Store;
use crate::domain::sync::{SENT, Slice, TABLES};
use crate::error::{Error, Result};
use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

/// One record as it travels: its table, global id, version and columns (references as ids).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Record {
    #[serde(rename = "t")]
    pub table: String,
    #[serde(rename = "g")]
    pub gid: String,
    #[serde(rename = "v")]
    pub version: i64,
    #[serde(rename = "r")]
    pub row: Map<String, Value>,
}

/// How a table's rows are known across databases.
#[derive(Clone, Copy)]
enum Identity {
    /// By the `gid` column.
    Gid,
    /// The program's one row.
    Program,
    /// A link between two people, by both their ids (`person/student`).
    Pair,
}

struct Mirrored {
    table: &'static str,
    identity: Identity,
    /// Columns that hold another row's key: column, the table it points into, whether it may be
    /// empty.
    refs: &'static [(&'static str, &'static str, bool)],
}

const MIRRORED: &[Mirrored] = &[
    Mirrored {
        table: "program",
        identity: Identity::Program,
        refs: &[],
    },
    Mirrored {
        table: "people",
        identity: Identity::Gid,
        refs: &[],
    },
    Mirrored {
        table: "student_links",
        identity: Identity::Pair,
        refs: &[("person", "people", false), ("student", "people", false)],
    },
    Mirrored {
        table: "assignments",
        identity: Identity::Gid,
        refs: &[("mentor", "people", false), ("mentee", "people", false)],
    },
    Mirrored {
        table: "contacts",
        identity: Identity::Gid,
        refs: &[("mentor", "people", false), ("person", "people", false)],
    },
    Mirrored {
        table: "events",
        identity: Identity::Gid,
        refs: &[
            ("organizer", "people", true),
            ("person", "people", true),
            ("assignment", "assignments", true),
        ],
    },
    Mirrored {
        table: "form_submissions",
        identity: Identity::Gid,
        refs: &[
            ("author", "people", false),
            ("about", "people", true),
            ("assignment", "assignments", true),
            ("supersedes", "form_submissions", true),
        ],
    },
];

fn mirrored(table: &str) -> Result<&'static Mirrored> {
    debug_assert_eq!(MIRRORED.len(), TABLES.len());
    MIRRORED
        .iter()
        .find(|m| m.table == table)
        .ok_or_else(|| Error::Input(format!("a copy holds no table '{table}'")))
}

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
        (Slice::Caseload, _) => "0".into(),
    }
}

fn columns(tx: &rusqlite::Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = tx.prepare_cached(&format!("SELECT name FROM pragma_table_info('{table}', 'main')"))?;
    let names = stmt.query_map([], |r| r.get::<_, String>(0))?;
    names
        .filter(|n| {
            !matches!(
                n.as_ref().map(String::as_str),
                Ok("key" | "gid" | "id" | "version")
            )
        })
        .collect::<rusqlite::Result<Vec<_>>>()
        .map(|mut names| {
            // `people.id` is the person's own id (`m-ada`), a column like any other; the
            // program's `id` is its fixed row number.
            if table == "people" {
                names.insert(0, "id".into());
            }
            names
        })
}

fn gid_sql(m: &Mirrored) -> &'static str {
    match m.identity {
        Identity::Gid => "t.gid",
        Identity::Program => "'program'",
        Identity::Pair => {
            "(SELECT gid FROM people WHERE key = t.person) || '/' || (SELECT gid FROM people WHERE key = t.student)"
        }
    }
}

fn version_sql(m: &Mirrored) -> &'static str {
    match m.identity {
        Identity::Pair => "1",
        _ => "t.version",
    }
}

/// The select list of a row's columns, its references as the ids they point at.
fn columns_sql(m: &Mirrored, names: &[String]) -> String {
    let parts: Vec<String> = names
        .iter()
        .map(|name| match m.refs.iter().find(|(col, _, _)| col == name) {
            Some((col, target, _)) => format!("(SELECT gid FROM {target} WHERE key = t.{col})"),
            None => format!("t.\"{name}\""),
        })
        .collect();
    parts.join(", ")
}

/// The record in `row`, whose columns from `first` on are `names` (as [`columns_sql`] lists).
fn record_of(
    table: &str,
    gid: String,
    version: i64,
    names: &[String],
    row: &rusqlite::Row,
    first: usize,
) -> Result<Record> {
    use rusqlite::types::ValueRef;
    let mut columns = Map::new();
    for (i, name) in names.iter().enumerate() {
        let value = match row.get_ref(first + i)? {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(n) => Value::from(n),
            ValueRef::Real(x) => Value::from(x),
            ValueRef::Text(t) => Value::String(
                std::str::from_utf8(t)
                    .map_err(|_| Error::Failed(format!("{table}: a stored text is not valid UTF-8")))?
                    .to_string(),
            ),
            ValueRef::Blob(_) => return Err(Error::Failed(format!("{table}: a stored value is binary"))),
        };
        columns.insert(name.clone(), value);
    }
    Ok(Record {
        table: table.to_string(),
        gid,
        version,
        row: columns,
    })
}

/// What a pull found to send a copy: the records it lacks or holds older, and the ids of those
/// it holds that left its slice.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Pull {
    #[serde(rename = "r")]
    pub records: Vec<Record>,
    #[serde(rename = "x")]
    pub gone: Vec<(String, String)>,
}

/// One change a copy sends: the record as changed there, and the version the box last sent
/// of it (`None`: made in the copy).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Change {
    #[serde(rename = "c")]
    pub record: Record,
    #[serde(rename = "b")]
    pub base: Option<i64>,
}

/// A box's answer to a conflicting or refused change, as the copy keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub table: String,
    pub gid: String,
    pub state: String,
    pub reason: String,
    pub theirs: Option<Record>,
}

/// Where a copy came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub copy: String,
    pub remote: String,
    pub login: String,
    pub synced_at: Option<String>,
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

    /// One record as it travels, by its table and global id; `None` if there is none.
    pub fn record_by_gid(&self, table: &str, gid: &str) -> Result<Option<Record>> {
        let m = mirrored(table)?;
        let names = columns(&self.conn, table)?;
        let sql = format!(
            "SELECT {version}, {columns} FROM {table} t WHERE {gid_sql} = ?1",
            version = version_sql(m),
            columns = columns_sql(m, &names),
            gid_sql = gid_sql(m),
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([gid])?;
        match rows.next()? {
            Some(row) => Ok(Some(record_of(
                table,
                gid.to_string(),
                row.get(0)?,
                &names,
                row,
                1,
            )?)),
            None => Ok(None),
        }
    }

    /// This database's key and version of the record `gid` of `table`.
    pub fn key_by_gid(&self, table: &str, gid: &str) -> Result<Option<(i64, i64)>> {
        let m = mirrored(table)?;
        Ok(self
            .conn
            .query_row(
                &format!("SELECT key, {} FROM {table} t WHERE t.gid = ?1", version_sql(m)),
                [gid],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Who last changed the record with key `key` of the audit log's `entity`, and when.
    pub fn last_change(&self, entity: &str, key: i64) -> Result<Option<crate::error::ChangedBy>> {
        let tx = self.conn.unchecked_transaction()?;
        Ok(crate::error::ChangedBy::from_audit(super::audit::last_change(
            &tx,
            entity,
            Some(key),
        )?))
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

    /// A copy: mirrors what the box sent, in one transaction, and stamps the sync `now`. A row
    /// the box answered with a conflict or a refusal is left as the user has it (the box's
    /// version is kept beside it, for the choice). `answers` are the box's answers to what
    /// was sent, applied in the same transaction.
    pub fn mirror(&mut self, answers: &[(Change, Answer)], pull: &Pull, now: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
            for (change, answer) in answers {
                settle(tx, change, answer)?;
            }
            let marked: HashSet<(String, String)> = {
                let mut stmt = tx.prepare("SELECT tbl, gid FROM sync_marks")?;
                let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            for m in MIRRORED.iter().rev() {
                for (table, gid) in pull.gone.iter().filter(|(t, _)| t == m.table) {
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
            let only_filed = if *table == "form_submissions" {
                "AND t.status != 'draft'"
            } else {
                ""
            };
            let sql = format!(
                "SELECT t.gid, t.version, b.version, {columns} FROM {table} t
                 LEFT JOIN sync_base b ON b.tbl = '{table}' AND b.gid = t.gid
                 WHERE (b.version IS NULL OR b.version != t.version) {only_filed}
                   AND NOT EXISTS (SELECT 1 FROM sync_marks k WHERE k.tbl = '{table}' AND k.gid = t.gid
                                   AND (k.version = t.version OR k.state = 'conflict'))
                 ORDER BY t.key",
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
                tx.execute(
                    &format!("UPDATE {table} SET version = ?2 WHERE gid = ?1"),
                    params![gid, theirs.version + 1],
                )?;
                set_base(tx, table, gid, theirs.version)?;
            }
            tx.execute(
                "DELETE FROM sync_marks WHERE tbl = ?1 AND gid = ?2",
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
                "attendance",
                "goals",
                "ledger",
                "engagement",
                "reminders",
                "application_references",
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

/// How the box answered one change.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Answer {
    /// Taken: the record is at this version on the box now.
    Taken(i64),
    /// Refused, for this reason; the change stays in the copy.
    Refused(String),
    /// Changed on the box too since the copy's base: not taken. The box's version, and who
    /// changed it when.
    Conflict(Box<Record>, String),
}

fn settle(tx: &Transaction, change: &Change, answer: &Answer) -> Result<()> {
    let table = change.record.table.as_str();
    let gid = change.record.gid.as_str();
    mirrored(table)?;
    match answer {
        Answer::Taken(version) => {
            tx.execute(
                &format!("UPDATE {table} SET version = ?2 WHERE gid = ?1"),
                params![gid, version],
            )?;
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
            super::check_text([("a value", s.as_str())])?;
            Sql::Text(s.clone())
        }
        _ => {
            return Err(Error::Input(
                "a value that is neither text, a number nor empty".into(),
            ));
        }
    })
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
    tx.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(values))
        .map_err(|e| Error::Failed(format!("{} {}: {e}", m.table, record.gid)))?;
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
