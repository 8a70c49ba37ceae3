use super::{Store, audit, now_stamp};
use crate::domain::forms::{Submission, Values};
use crate::error::{Error, Result};
use rusqlite::params;

/// key, form, author, author name, about, about name, data, submitted_at, supersedes, superseded.
fn submission_from(r: &rusqlite::Row) -> rusqlite::Result<Submission> {
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
}

/// Refuses to amend a version that a newer one supersedes already, and bumps the version of
/// the one being amended.
fn amendable(tx: &rusqlite::Transaction, old: i64) -> Result<()> {
    use rusqlite::OptionalExtension;
    let newer: Option<i64> = tx
        .query_row(
            "SELECT key FROM form_submissions WHERE supersedes = ?1 ORDER BY key LIMIT 1",
            [old],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(newer) = newer {
        return Err(Error::Conflict {
            what: format!("form #{old}"),
            by: crate::error::ChangedBy::from_audit(audit::last_change(tx, "form", Some(newer))?),
        });
    }
    tx.execute(
        "UPDATE form_submissions SET version = version + 1 WHERE key = ?1",
        [old],
    )?;
    Ok(())
}

impl Store {
    /// Files a form; with `supersedes`, as an amendment of that version, which stays. A version
    /// someone has amended already is not amended twice: that is [`Error::Conflict`], naming
    /// who amended it and when.
    #[allow(clippy::too_many_arguments)] // the form's own columns, and who files it
    pub fn submit_form(
        &mut self,
        form: &str,
        author: i64,
        about: Option<i64>,
        values: &Values,
        supersedes: Option<i64>,
        actor: &str,
        gid: Option<&str>,
    ) -> Result<i64> {
        super::check_text(values.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
        let data = serde_json::to_string(values).map_err(|e| Error::Failed(e.to_string()))?;
        self.write(|tx| {
            if let Some(old) = supersedes {
                amendable(tx, old)?;
            }
            let now = now_stamp(tx);
            let key: i64 = tx.query_row(
                "INSERT INTO form_submissions (form, author, about, status, data, created_at, updated_at,
                 submitted_at, supersedes, gid) VALUES (?1, ?2, ?3, 'submitted', ?4, ?5, ?5, ?5, ?6, ?7) RETURNING key",
                params![form, author, about, data, now, supersedes, super::gid_or_new(gid)],
                |r| r.get(0),
            )?;
            let author_name = audit::name(tx, author)?;
            let (action, detail) = match supersedes {
                Some(old) => {
                    let data: String =
                        tx.query_row("SELECT data FROM form_submissions WHERE key = ?1", [old], |r| r.get(0))?;
                    let before: Values = serde_json::from_str(&data).unwrap_or_default();
                    let mut fields: Vec<&str> = before.keys().chain(values.keys()).map(String::as_str).collect();
                    fields.sort_unstable();
                    fields.dedup();
                    let of = |v: &Values| -> Vec<(&str, String)> {
                        fields.iter().map(|f| (*f, v.get(*f).cloned().unwrap_or_default())).collect()
                    };
                    let diff = audit::changes(&of(&before), &of(values));
                    ("amend", format!("{form} ({author_name}): amends #{old}: {diff}"))
                }
                None => ("submit", format!("{form} ({author_name})")),
            };
            audit::record(tx, actor, action, "form", Some(key), &detail)?;
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
        let rows = stmt.query_map(params![form, author], submission_from)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A private reflection its author chose to share with their partner. Screens show it only
    /// to the two of them; coordinators' lists and exports never include shared rows.
    pub fn share_reflection(
        &mut self,
        form: &str,
        author: i64,
        partner: i64,
        values: &Values,
    ) -> Result<i64> {
        super::check_text(values.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
        let data = serde_json::to_string(values).map_err(|e| Error::Failed(e.to_string()))?;
        self.write(|tx| {
            let now = now_stamp(tx);
            Ok(tx.query_row(
                "INSERT INTO form_submissions (form, author, about, status, data, created_at, updated_at, submitted_at, gid)
                 VALUES (?1, ?2, ?3, 'shared', ?4, ?5, ?5, ?5, ?6) RETURNING key",
                params![form, author, partner, data, now, super::new_gid()],
                |r| r.get(0),
            )?)
        })
    }

    /// Reflections shared with `person` by their partner.
    pub fn shared_with(&self, form: &str, person: i64) -> Result<Vec<Submission>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.key, f.form, f.author, a.name, f.about, p.name, f.data, f.submitted_at, NULL, 0
             FROM form_submissions f JOIN people a ON a.key = f.author LEFT JOIN people p ON p.key = f.about
             WHERE f.status = 'shared' AND f.form = ?1 AND f.about = ?2 ORDER BY f.submitted_at DESC",
        )?;
        let rows = stmt.query_map(params![form, person], submission_from)?;
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

const PRIVATE_SCHEMA: &str = "CREATE TABLE IF NOT EXISTS private.submissions (
    key          INTEGER PRIMARY KEY,
    form         TEXT NOT NULL,
    about        INTEGER,
    data         TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    supersedes   INTEGER
)";

impl Store {
    /// Attaches the user's private store: a SQLite file of their own, mode 0600, for what only
    /// they may read (reflections). Created on first use, and opened, with the user's own
    /// rights (not the setgid program group's), never through a symlink.
    pub fn attach_private(&mut self, path: &std::path::Path) -> Result<()> {
        let path = &crate::privilege::plain_db_path(path).map_err(Error::Input)?;
        let _as_user = crate::privilege::AsUser::enter()?;
        if let Some(dir) = path.parent() {
            crate::privilege::create_own_dir(dir)?;
        }
        let private = crate::privilege::Access::mode(0o600);
        let file = crate::privilege::open_no_follow(
            std::fs::OpenOptions::new().append(true).create(true),
            path,
            private,
        )
        .map_err(|e| Error::Failed(format!("{}: cannot open your private store: {e}", path.display())))?;
        crate::privilege::set_access(&file, private)?;
        self.conn
            .execute("ATTACH DATABASE ?1 AS private", [path.to_string_lossy()])
            .map_err(|e| Error::Failed(format!("{}: cannot open your private store: {e}", path.display())))?;
        self.conn.execute_batch(PRIVATE_SCHEMA)?;
        self.private = true;
        Ok(())
    }

    /// Files a private form in the user's own store.
    pub fn submit_private(
        &mut self,
        form: &str,
        about: Option<i64>,
        values: &Values,
        supersedes: Option<i64>,
    ) -> Result<i64> {
        if !self.private {
            return Err(Error::Failed(
                "no private store is open, so this form cannot be kept privately".into(),
            ));
        }
        super::check_text(values.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
        let data = serde_json::to_string(values).map_err(|e| Error::Failed(e.to_string()))?;
        self.write(|tx| {
            Ok(tx.query_row(
                "INSERT INTO private.submissions (form, about, data, submitted_at, supersedes)
                 VALUES (?1, ?2, ?3, ?4, ?5) RETURNING key",
                params![form, about, data, now_stamp(tx), supersedes],
                |r| r.get(0),
            )?)
        })
    }

    /// The user's private forms of one kind, newest first, as if filed by `author`.
    pub fn private_submissions(
        &self,
        form: &str,
        author: &crate::domain::records::Person,
    ) -> Result<Vec<Submission>> {
        if !self.private {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.key, s.form, s.about, p.name, s.data, s.submitted_at, s.supersedes,
                    EXISTS (SELECT 1 FROM private.submissions n WHERE n.supersedes = s.key)
             FROM private.submissions s LEFT JOIN main.people p ON p.key = s.about
             WHERE s.form = ?1 ORDER BY s.submitted_at DESC, s.key DESC",
        )?;
        let rows = stmt.query_map([form], |r| {
            let data: String = r.get(4)?;
            Ok(Submission {
                key: r.get(0)?,
                form: r.get(1)?,
                author: author.key,
                author_name: author.name.clone(),
                about: r.get(2)?,
                about_name: r.get(3)?,
                values: serde_json::from_str(&data).unwrap_or_default(),
                submitted_at: r.get(5)?,
                supersedes: r.get(6)?,
                superseded: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
