use super::{Store, audit, now_stamp};
use crate::domain::forms::Values;
use crate::error::{Error, Result};
use rusqlite::params;

/// A submitted form, as filed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub key: i64,
    pub form: String,
    pub author: i64,
    pub author_name: String,
    pub about: Option<i64>,
    pub about_name: Option<String>,
    pub values: Values,
    pub submitted_at: String,
    pub supersedes: Option<i64>,
    /// A later amendment replaced this version.
    pub superseded: bool,
}

impl Store {
    /// Files a form; with `supersedes`, as an amendment of that version, which stays.
    pub fn submit_form(
        &mut self,
        form: &str,
        author: i64,
        about: Option<i64>,
        values: &Values,
        supersedes: Option<i64>,
        actor: &str,
    ) -> Result<i64> {
        let data = serde_json::to_string(values).map_err(|e| Error::Failed(e.to_string()))?;
        self.write(|tx| {
            let now = now_stamp();
            let key: i64 = tx.query_row(
                "INSERT INTO form_submissions (form, author, about, status, data, created_at, updated_at,
                 submitted_at, supersedes) VALUES (?1, ?2, ?3, 'submitted', ?4, ?5, ?5, ?5, ?6) RETURNING key",
                params![form, author, about, data, now, supersedes],
                |r| r.get(0),
            )?;
            let action = if supersedes.is_some() { "amend" } else { "submit" };
            audit::record(tx, actor, action, "form", Some(key), form)?;
            Ok(key)
        })
    }

    /// Submitted forms, newest first: of one form and/or one author.
    pub fn submissions(&self, form: Option<&str>, author: Option<i64>) -> Result<Vec<Submission>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.key, f.form, f.author, a.name, f.about, p.name, f.data, f.submitted_at, f.supersedes,
                    EXISTS (SELECT 1 FROM form_submissions n WHERE n.supersedes = f.key)
             FROM form_submissions f JOIN people a ON a.key = f.author LEFT JOIN people p ON p.key = f.about
             WHERE f.status = 'submitted' AND (?1 IS NULL OR f.form = ?1) AND (?2 IS NULL OR f.author = ?2)
             ORDER BY f.submitted_at DESC, f.key DESC",
        )?;
        let rows = stmt.query_map(params![form, author], |r| {
            let data: String = r.get(6)?;
            Ok(Submission {
                key: r.get(0)?,
                form: r.get(1)?,
                author: r.get(2)?,
                author_name: r.get(3)?,
                about: r.get(4)?,
                about_name: r.get(5)?,
                values: serde_json::from_str(&data).unwrap_or_default(),
                submitted_at: r.get(7)?,
                supersedes: r.get(8)?,
                superseded: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records a pair's goals as shared (the library program's 30-day deadline).
    pub fn share_goals(
        &mut self,
        assignment: i64,
        short: &str,
        long: &str,
        shared_on: chrono::NaiveDate,
        actor: &str,
    ) -> Result<()> {
        self.write(|tx| {
            for (term, text) in [("short", short), ("long", long)] {
                tx.execute(
                    "INSERT INTO goals (assignment, term, text, shared_on) VALUES (?1, ?2, ?3, ?4)",
                    params![assignment, term, text, shared_on.to_string()],
                )?;
            }
            audit::record(tx, actor, "share", "goals", Some(assignment), "")?;
            Ok(())
        })
    }
}
