use super::{Store, now_stamp};
use crate::domain::records::AuditEntry;
use crate::error::Result;
use rusqlite::{OptionalExtension, Transaction, named_params, params};

/// Whose records an audit query is about.
#[derive(Debug, Clone, Copy)]
pub enum About {
    /// Everything about one person: their record and attendance, their assignments on either
    /// side, the contacts they logged or were reached in, their events, forms by or about them.
    Person(i64),
    /// A user's own records: their person record and those of the people who are or were on
    /// their caseload, their assignments as mentor, the contacts and meetings they logged, the
    /// forms they wrote, their attendance. Nothing of another pair's.
    RecordsOf(i64),
}

/// Which audit entries to read.
#[derive(Debug, Clone, Copy)]
pub struct AuditQuery<'a> {
    /// Made by this login, themselves or as someone else.
    pub by_login: Option<&'a str>,
    /// Not made by this login themselves.
    pub not_by_login: Option<&'a str>,
    pub about: Option<About>,
    /// Only entries after this key (0: from the start).
    pub after_key: i64,
    pub limit: u32,
}

/// Records a change in the same transaction as the change itself.
pub(crate) fn record(
    tx: &Transaction,
    actor: &str,
    action: &str,
    entity: &str,
    entity_key: Option<i64>,
    detail: &str,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO audit_log (at, actor, action, entity, entity_key, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![now_stamp(tx), actor, action, entity, entity_key, detail],
    )?;
    Ok(())
}

/// Who last changed `entity` `key` (None: the entity without a key), by name when a person has
/// that login, and when.
pub(crate) fn last_change(
    tx: &Transaction,
    entity: &str,
    key: Option<i64>,
) -> rusqlite::Result<Option<(String, String)>> {
    tx.query_row(
        "SELECT coalesce((SELECT p.name FROM people p WHERE p.login = a.actor), a.actor), a.at
         FROM audit_log a WHERE a.entity = ?1 AND a.entity_key IS ?2 ORDER BY a.key DESC LIMIT 1",
        params![entity, key],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
}

/// A person's name, for an audit line.
pub(crate) fn name(tx: &Transaction, person: i64) -> rusqlite::Result<String> {
    tx.query_row("SELECT name FROM people WHERE key = ?1", [person], |r| r.get(0))
}

/// `(Mia Berg with Lee Al)`: whose record it is, as the audit log names a pair.
pub(crate) fn pair(tx: &Transaction, mentor: i64, person: i64) -> rusqlite::Result<String> {
    Ok(format!("({} with {})", name(tx, mentor)?, name(tx, person)?))
}

/// One line of what changed between two versions of a record, field by field, in the order
/// given: `outcome no-answer → conversation; notes "" → "called back"`. Text that may hold
/// spaces is quoted; a field whose value did not change is left out.
pub(crate) fn changes(before: &[(&str, String)], after: &[(&str, String)]) -> String {
    let show = |value: &str| {
        if value.is_empty() || value.contains(char::is_whitespace) {
            format!("{value:?}")
        } else {
            value.to_string()
        }
    };
    before
        .iter()
        .zip(after)
        .filter(|((_, old), (_, new))| old != new)
        .map(|((field, old), (_, new))| format!("{field} {} → {}", show(old), show(new)))
        .collect::<Vec<_>>()
        .join("; ")
}

impl Store {
    /// Records an event that changes no other row (someone opening the app as another user).
    pub fn record(
        &mut self,
        action: &str,
        entity: &str,
        entity_key: Option<i64>,
        detail: &str,
        actor: &str,
    ) -> Result<()> {
        self.write(|tx| Ok(record(tx, actor, action, entity, entity_key, detail)?))
    }

    /// The audit entries `query` asks for, newest first.
    pub fn audit_entries(&self, query: &AuditQuery) -> Result<Vec<AuditEntry>> {
        let (about, mine) = match query.about {
            None => (None, false),
            Some(About::Person(key)) => (Some(key), false),
            Some(About::RecordsOf(key)) => (Some(key), true),
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT key, at, actor, action, entity, entity_key, detail FROM audit_log
             WHERE key > :after
             AND (:by IS NULL OR actor = :by OR substr(actor, 1, length(:by) + 4) = :by || ' as ')
             AND (:not_by IS NULL OR actor != :not_by)
             AND (:about IS NULL
                  OR (entity IN ('person', 'attendance') AND entity_key = :about)
                  OR (entity = 'person' AND :mine AND EXISTS (SELECT 1 FROM assignments a
                      WHERE a.mentor = :about AND a.mentee = audit_log.entity_key))
                  OR (entity IN ('assignment', 'goals') AND EXISTS (SELECT 1 FROM assignments a
                      WHERE a.key = audit_log.entity_key
                      AND (a.mentor = :about OR (NOT :mine AND a.mentee = :about))))
                  OR (entity = 'contact' AND EXISTS (SELECT 1 FROM contacts c
                      WHERE c.key = audit_log.entity_key
                      AND (c.mentor = :about OR (NOT :mine AND c.person = :about))))
                  OR (entity = 'event' AND EXISTS (SELECT 1 FROM events e
                      WHERE e.key = audit_log.entity_key
                      AND (e.organizer = :about OR (NOT :mine AND e.person = :about))))
                  OR (entity = 'form' AND EXISTS (SELECT 1 FROM form_submissions f
                      WHERE f.key = audit_log.entity_key
                      AND (f.author = :about OR (NOT :mine AND f.about = :about)))))
             ORDER BY key DESC LIMIT :limit",
        )?;
        let rows = stmt.query_map(
            named_params! {
                ":after": query.after_key,
                ":by": query.by_login,
                ":not_by": query.not_by_login,
                ":about": about,
                ":mine": mine,
                ":limit": query.limit,
            },
            |r| {
                Ok(AuditEntry {
                    key: r.get(0)?,
                    at: r.get(1)?,
                    actor: r.get(2)?,
                    action: r.get(3)?,
                    entity: r.get(4)?,
                    entity_key: r.get(5)?,
                    detail: r.get(6)?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The newest audit entry's key (0 when the log is empty).
    pub fn last_audit_key(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT coalesce(max(key), 0) FROM audit_log", [], |r| r.get(0))?)
    }

    /// The last audit entry `person` was shown changes up to, if they were ever shown any.
    pub fn changes_seen(&self, person: i64) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT audit_key FROM changes_seen WHERE person = ?1",
                [person],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Moves `person`'s mark forward to `audit_key` (never back).
    pub fn mark_changes_seen(&mut self, person: i64, audit_key: i64) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO changes_seen (person, audit_key) VALUES (?1, ?2)
                 ON CONFLICT(person) DO UPDATE SET audit_key = max(audit_key, excluded.audit_key)",
                params![person, audit_key],
            )?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::changes;

    #[test]
    fn changes_name_only_what_differs_quoting_text_with_spaces() {
        let before = [
            ("outcome", "no-answer".to_string()),
            ("method", "phone".to_string()),
            ("notes", String::new()),
        ];
        let after = [
            ("outcome", "conversation".to_string()),
            ("method", "phone".to_string()),
            ("notes", "called back".to_string()),
        ];
        assert_eq!(
            changes(&before, &after),
            "outcome no-answer → conversation; notes \"\" → \"called back\""
        );
        assert_eq!(changes(&before, &before), "");
    }
}
