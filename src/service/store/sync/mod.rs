//! Laptop copies, in SQL. On the box: the rows of a slice, each with its references written as
//! global ids, and what each copy was last sent. In a copy: those rows mirrored under the
//! copy's own keys, each row's base (the version the box last sent), the rows changed since,
//! and the box's answers kept beside them.

use super::Store;
use crate::domain::sync::TABLES;
use crate::error::{Error, Result};
use rusqlite::OptionalExtension;
use serde_json::{Map, Value};

mod box_side;
mod copy;

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
    Mirrored {
        table: "attendance",
        identity: Identity::Gid,
        refs: &[("person", "people", false)],
    },
    Mirrored {
        table: "engagement",
        identity: Identity::Gid,
        refs: &[("student", "people", false)],
    },
    Mirrored {
        table: "ledger",
        identity: Identity::Gid,
        refs: &[("mentor", "people", false)],
    },
    Mirrored {
        table: "reminders",
        identity: Identity::Gid,
        refs: &[("person", "people", false)],
    },
    Mirrored {
        table: "applications",
        identity: Identity::Gid,
        refs: &[("person", "people", false)],
    },
    Mirrored {
        table: "application_references",
        identity: Identity::Gid,
        refs: &[("person", "people", false)],
    },
];

fn mirrored(table: &str) -> Result<&'static Mirrored> {
    debug_assert_eq!(MIRRORED.len(), TABLES.len());
    MIRRORED
        .iter()
        .find(|m| m.table == table)
        .ok_or_else(|| Error::Input(format!("a copy holds no table '{table}'")))
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
                &format!(
                    "SELECT rowid, {} FROM {table} t WHERE {} = ?1",
                    version_sql(m),
                    gid_sql(m)
                ),
                [gid],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Who last changed the record with key `key` of the audit log's `entity`, and when.
    pub fn last_change(&self, entity: &str, key: Option<i64>) -> Result<Option<crate::error::ChangedBy>> {
        let tx = self.conn.unchecked_transaction()?;
        Ok(crate::error::ChangedBy::from_audit(super::audit::last_change(
            &tx, entity, key,
        )?))
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
