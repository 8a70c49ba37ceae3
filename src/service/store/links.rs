//! Check & Connect: who is linked to which student (guardians, school staff, providers).

use super::{Store, assignments::assignment_from_row, audit};
use crate::domain::records::Assignment;
use crate::error::Result;
use rusqlite::{Connection, Transaction, params};

pub(crate) fn insert_link(tx: &Transaction, person: i64, student: i64) -> rusqlite::Result<()> {
    tx.prepare_cached("INSERT OR IGNORE INTO student_links (person, student) VALUES (?1, ?2)")?
        .execute(params![person, student])?;
    Ok(())
}

/// Every assignment, past and present, of the students `person` is linked to.
pub(crate) fn linked_assignments(conn: &Connection, person: i64) -> rusqlite::Result<Vec<Assignment>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.key, a.mentor, a.mentee, a.started_on, a.ended_on, a.end_reason, a.version
         FROM student_links l JOIN assignments a ON a.mentee = l.student
         WHERE l.person = ?1 ORDER BY a.key",
    )?;
    let rows = stmt.query_map([person], assignment_from_row)?;
    rows.collect()
}

impl Store {
    pub fn link_student(&mut self, person: i64, student: i64, actor: &str) -> Result<()> {
        self.write(|tx| {
            insert_link(tx, person, student)?;
            audit::record(
                tx,
                actor,
                "link",
                "person",
                Some(person),
                &format!("student {student}"),
            )?;
            Ok(())
        })
    }

    pub fn linked_assignments(&self, person: i64) -> Result<Vec<Assignment>> {
        Ok(linked_assignments(&self.conn, person)?)
    }

    /// Every link: (person, student).
    pub fn student_links(&self) -> Result<Vec<(i64, i64)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT person, student FROM student_links ORDER BY person, student")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
