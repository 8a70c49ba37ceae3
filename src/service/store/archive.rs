//! The whole program as JSON Lines, a row a line, and back into a new database: every table of
//! the program database with its keys and values as stored, so that the copy's own archive is
//! byte for byte the same. Shared reflections (`form_submissions` rows with status `shared`)
//! are never written: reflections belong to their authors.

use super::{Store, schema};
use crate::error::{Error, Result};
use rusqlite::types::{Value as Sql, ValueRef};
use rusqlite::{Transaction, params_from_iter};
use serde_json::{Map, Value};

/// The tables in the order they load (each refers only to those before it), with the order of
/// their rows and which rows are kept.
const TABLES: &[(&str, &str)] = &[
    ("program", "ORDER BY id"),
    ("people", "ORDER BY key"),
    ("student_links", "ORDER BY person, student"),
    ("mentor_notices", "ORDER BY key"),
    ("assignments", "ORDER BY key"),
    ("assignment_extensions", "ORDER BY key"),
    ("contacts", "ORDER BY key"),
    ("events", "ORDER BY key"),
    ("form_submissions", "WHERE status != 'shared' ORDER BY key"),
    ("attendance", "ORDER BY key"),
    ("goals", "ORDER BY key"),
    ("ledger", "ORDER BY key"),
    ("engagement", "ORDER BY key"),
    ("reminders", "ORDER BY key"),
    ("applications", "ORDER BY person"),
    ("application_references", "ORDER BY key"),
    ("audit_log", "ORDER BY key"),
    ("changes_seen", "ORDER BY person"),
];

fn columns(conn: &rusqlite::Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("SELECT name FROM pragma_table_info('{table}', 'main')"))?;
    let names = stmt.query_map([], |r| r.get(0))?;
    names.collect()
}

fn json_of(value: ValueRef) -> Result<Value> {
    Ok(match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(n) => Value::from(n),
        ValueRef::Real(x) => Value::from(x),
        ValueRef::Text(t) => Value::String(
            std::str::from_utf8(t)
                .map_err(|_| Error::Failed("a stored text is not valid UTF-8".into()))?
                .to_string(),
        ),
        ValueRef::Blob(_) => return Err(Error::Failed("a stored value is binary".into())),
    })
}

impl Store {
    /// Calls `line` with every row of the program, as one JSON object naming its `kind` (the
    /// table) and its `row` (the columns in the table's order), read in one snapshot.
    pub(crate) fn each_archive_line(&self, line: &mut dyn FnMut(&str) -> Result<()>) -> Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        for (table, order) in TABLES {
            let names = columns(&tx, table)?;
            let mut stmt = tx.prepare(&format!("SELECT * FROM main.{table} {order}"))?;
            let mut rows = stmt.query([])?;
            let mut text = String::new();
            while let Some(row) = rows.next()? {
                text.clear();
                text.push_str("{\"kind\":");
                text.push_str(&Value::from(*table).to_string());
                text.push_str(",\"row\":{");
                for (i, name) in names.iter().enumerate() {
                    if i > 0 {
                        text.push(',');
                    }
                    text.push_str(&Value::from(name.as_str()).to_string());
                    text.push(':');
                    text.push_str(&json_of(row.get_ref(i)?)?.to_string());
                }
                text.push_str("}}");
                line(&text)?;
            }
        }
        Ok(())
    }

    /// Loads archive rows into this database, which must hold no program yet, in one
    /// transaction: `work` is handed a loader and feeds it every row; nothing stays unless it
    /// returns `Ok`. References are checked at the end ([`ArchiveLoader::check_references`]).
    pub(crate) fn load_archive<T>(&mut self, mut work: impl FnMut(&ArchiveLoader) -> Result<T>) -> Result<T> {
        self.write(|tx| {
            let empty: bool = tx.query_row("SELECT count(*) = 0 FROM program", [], |r| r.get(0))?;
            if !empty {
                return Err(Error::Input("this database already holds a program".into()));
            }
            tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
            let loader = ArchiveLoader {
                tx,
                tables: TABLES
                    .iter()
                    .map(|(table, _)| Ok((*table, columns(tx, table)?)))
                    .collect::<rusqlite::Result<_>>()?,
            };
            work(&loader)
        })
    }
}

/// Adds archive rows inside [`Store::load_archive`]'s transaction.
pub(crate) struct ArchiveLoader<'a> {
    tx: &'a Transaction<'a>,
    tables: Vec<(&'static str, Vec<String>)>,
}

impl ArchiveLoader<'_> {
    /// Adds one row: `kind` must be a table of the archive and `row` name exactly its columns,
    /// with text that passes the same checks as text typed in.
    pub fn row(&self, kind: &str, row: &Map<String, Value>) -> Result<()> {
        let Some((table, names)) = self.tables.iter().find(|(table, _)| *table == kind) else {
            return Err(Error::Input(format!("unknown kind '{kind}'")));
        };
        if let Some(extra) = row.keys().find(|k| !names.contains(k)) {
            return Err(Error::Input(format!("{kind} has no column '{extra}'")));
        }
        let mut values = Vec::with_capacity(names.len());
        for name in names {
            let value = match row.get(name) {
                None => return Err(Error::Input(format!("{kind}: column '{name}' is missing"))),
                Some(Value::Null) => Sql::Null,
                Some(Value::Number(n)) => match (n.as_i64(), n.as_f64()) {
                    (Some(i), _) => Sql::Integer(i),
                    (None, Some(x)) => Sql::Real(x),
                    _ => return Err(Error::Input(format!("{kind}: column '{name}' is not a number"))),
                },
                Some(Value::String(s)) => {
                    super::check_text([(name.as_str(), s.as_str())])?;
                    Sql::Text(s.clone())
                }
                Some(_) => {
                    return Err(Error::Input(format!(
                        "{kind}: column '{name}' holds neither text, a number nor null"
                    )));
                }
            };
            values.push(value);
        }
        let binds = vec!["?"; names.len()].join(", ");
        let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
        self.tx
            .prepare_cached(&format!(
                "INSERT INTO main.{table} ({}) VALUES ({binds})",
                quoted.join(", ")
            ))?
            .execute(params_from_iter(values))
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::ConstraintViolation) => {
                    Error::Input(format!("{kind}: the row breaks a rule of the database ({e})"))
                }
                _ => Error::Database(e),
            })?;
        Ok(())
    }

    /// Refuses rows that refer to a record the archive does not hold (checked once all are in).
    pub fn check_references(&self) -> Result<()> {
        let broken: Option<(String, i64)> = self
            .tx
            .prepare("SELECT \"table\", rowid FROM pragma_foreign_key_check LIMIT 1")?
            .query_row([], |r| {
                Ok((r.get(0)?, r.get::<_, Option<i64>>(1)?.unwrap_or_default()))
            })
            .ok();
        match broken {
            Some((table, key)) => Err(Error::Input(format!(
                "{table} #{key} refers to a record the archive does not hold"
            ))),
            None => Ok(()),
        }
    }

    /// Whether `login` belongs to an active coordinator of the program loaded so far.
    pub fn is_active_coordinator(&self, login: &str) -> Result<bool> {
        Ok(self.tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM people WHERE login = ?1 AND role = 'coordinator' AND active = 1)",
            [login],
            |r| r.get(0),
        )?)
    }
}

/// The schema this build writes and reads archives of.
pub(crate) fn archive_schema() -> i64 {
    schema::latest_version()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tables an archive leaves out: the bookkeeping of laptop copies and their sync belongs to
    /// one database, not to the program (a program moved to a new box starts its copies afresh).
    const NOT_ARCHIVED: &[&str] = &[
        "sync_sent",
        "sync_copies",
        "sync_origin",
        "sync_base",
        "sync_marks",
    ];

    /// A table a migration adds is in the archive too, or a moved program would lose it.
    #[test]
    fn the_archive_holds_every_table_of_the_schema() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("p.db"), 0o600).unwrap();
        let mut stmt = store
            .conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .unwrap();
        let tables: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(tables.len() > 10, "{tables:?}");
        for table in &tables {
            assert!(
                TABLES.iter().any(|(t, _)| t == table) || NOT_ARCHIVED.contains(&table.as_str()),
                "{table} is not in the archive"
            );
        }
    }
}
