use super::{Store, now_stamp};
use crate::domain::records::AuditEntry;
use crate::error::Result;
use rusqlite::{Transaction, params};

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
