use super::{Store, now_stamp};
use crate::domain::records::AuditEntry;
use crate::error::Result;
use rusqlite::{OptionalExtension, Transaction, params};

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
        params![now_stamp(), actor, action, entity, entity_key, detail],
    )?;
    Ok(())
}

/// Who last changed `entity` `key` (None: the entity without a key), and when.
pub(crate) fn last_change(
    tx: &Transaction,
    entity: &str,
    key: Option<i64>,
) -> rusqlite::Result<Option<(String, String)>> {
    tx.query_row(
        "SELECT actor, at FROM audit_log WHERE entity = ?1 AND entity_key IS ?2 ORDER BY key DESC LIMIT 1",
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

    pub fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT at, actor, action, entity, entity_key, detail FROM audit_log
             ORDER BY key DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |r| {
            Ok(AuditEntry {
                at: r.get(0)?,
                actor: r.get(1)?,
                action: r.get(2)?,
                entity: r.get(3)?,
                entity_key: r.get(4)?,
                detail: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
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
