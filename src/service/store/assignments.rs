//! Assignments: pairs made, ended and extended, and the plain rows and counts of one pair
//! (`pair_rows`) whose meaning `domain::pairs` decides.

use super::{Store, audit, date, opt_date, opt_text, text, versions, word};
use crate::domain::YearMonth;
use crate::domain::pairs::{PairReads, PairRows, StoredPair, read_enough};
use crate::domain::records::{Assignment, AssignmentRecord, DATETIME_FORMAT, Editing};
use crate::domain::types::EndReason;
use crate::error::{Error, Result};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

pub(crate) fn assignment_from_row(r: &Row) -> rusqlite::Result<Assignment> {
    Ok(Assignment {
        key: r.get(0)?,
        mentor: r.get(1)?,
        mentee: r.get(2)?,
        started_on: date(text(r, 3)?)?,
        ended_on: opt_text(r, 4)?.and_then(|t| date(t).ok()),
        end_reason: opt_text(r, 5)?.map(word).transpose()?,
        version: r.get(6)?,
    })
}

/// `(Mia Berg with Lee Al)`: the pair of an assignment, as the audit log names it.
fn pair_of(tx: &Transaction, assignment: i64) -> rusqlite::Result<String> {
    let (mentor, mentee): (i64, i64) = tx.query_row(
        "SELECT mentor, mentee FROM assignments WHERE key = ?1",
        [assignment],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    audit::pair(tx, mentor, mentee)
}

pub(crate) fn insert_assignment(
    tx: &Transaction,
    gid: Option<&str>,
    mentor: i64,
    mentee: i64,
    started_on: NaiveDate,
    ended: Option<(NaiveDate, EndReason)>,
) -> rusqlite::Result<i64> {
    tx.query_row(
        "INSERT INTO assignments (mentor, mentee, started_on, ended_on, end_reason, gid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING key",
        params![
            mentor,
            mentee,
            started_on.to_string(),
            ended.map(|e| e.0.to_string()),
            ended.map(|e| e.1.as_str()),
            super::gid_or_new(gid)
        ],
        |r| r.get(0),
    )
}

fn parse_at(text: &str) -> rusqlite::Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, DATETIME_FORMAT)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

/// The day the latest extension of a match runs to, if it was extended.
fn extended_to(conn: &Connection, assignment: i64) -> rusqlite::Result<Option<NaiveDate>> {
    let until: Option<String> = conn.query_row(
        "SELECT max(until) FROM assignment_extensions WHERE assignment = ?1",
        [assignment],
        |r| r.get(0),
    )?;
    Ok(opt_date(until))
}

/// One pair's contacts and paperwork as plain rows and counts, reading only what `reads` asks
/// for; what they mean is `domain::pairs::pair_facts`'s to say.
fn pair_rows(
    conn: &Connection,
    assignment: &Assignment,
    month: YearMonth,
    today: NaiveDate,
    reads: &PairReads,
) -> Result<PairRows> {
    let (mentor, person) = (assignment.mentor, assignment.mentee);
    let mut rows = PairRows::default();
    let mut newest_first = conn.prepare_cached(
        "SELECT substr(occurred_at, 1, 10), outcome FROM contacts
         WHERE person = ?1 AND mentor = ?2 AND deleted_at IS NULL ORDER BY occurred_at DESC",
    )?;
    let mut contacts = newest_first.query(params![person, mentor])?;
    while let Some(r) = contacts.next()? {
        let contact = (date(&r.get::<_, String>(0)?)?, word(&r.get::<_, String>(1)?)?);
        rows.recent.push(contact);
        if read_enough(&rows.recent, reads, month, today) {
            break;
        }
    }
    if reads.unsubmitted {
        let mut unsubmitted = conn.prepare_cached(
            "SELECT substr(occurred_at, 1, 10) FROM contacts WHERE mentor = ?1 AND person = ?2
             AND submitted_on IS NULL AND deleted_at IS NULL",
        )?;
        rows.unsubmitted = unsubmitted
            .query_map(params![mentor, person], |r| date(&r.get::<_, String>(0)?))?
            .collect::<rusqlite::Result<_>>()?;
    }
    if reads.first_by_kind {
        let mut oldest = conn.prepare_cached(
            "SELECT method, outcome, min(substr(occurred_at, 1, 10)) FROM contacts
             WHERE person = ?1 AND mentor = ?2 AND deleted_at IS NULL GROUP BY method, outcome",
        )?;
        rows.first_by_kind = oldest
            .query_map(params![person, mentor], |r| {
                Ok((
                    word(&r.get::<_, String>(0)?)?,
                    word(&r.get::<_, String>(1)?)?,
                    date(&r.get::<_, String>(2)?)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    if reads.extension {
        rows.extended_to = extended_to(conn, assignment.key)?;
    }
    if reads.goals {
        let shared: Option<String> = conn.query_row(
            "SELECT min(shared_on) FROM goals WHERE assignment = ?1",
            [assignment.key],
            |r| r.get(0),
        )?;
        rows.goals_shared = opt_date(shared);
    }
    if reads.pillars {
        let mut served = conn.prepare_cached(
            "SELECT pillar, outcome, count(*) FROM contacts
             WHERE mentor = ?1 AND person = ?2 AND pillar IS NOT NULL AND deleted_at IS NULL
             GROUP BY pillar, outcome",
        )?;
        rows.pillars = served
            .query_map(params![mentor, person], |r| {
                Ok((
                    word(&r.get::<_, String>(0)?)?,
                    word(&r.get::<_, String>(1)?)?,
                    r.get(2)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    if let Some(form) = reads.evaluation_form {
        let mut filed = conn.prepare_cached(
            "SELECT min(substr(submitted_at, 1, 10)) FROM form_submissions
             WHERE form = ?3 AND status = 'submitted' AND author = ?1 AND about = ?2",
        )?;
        rows.mentor_evaluation = opt_date(filed.query_row(params![mentor, person, form], |r| r.get(0))?);
        rows.mentee_evaluation = opt_date(filed.query_row(params![person, mentor, form], |r| r.get(0))?);
    }
    Ok(rows)
}

pub(crate) fn assignments_of(conn: &Connection, person: i64) -> rusqlite::Result<Vec<Assignment>> {
    let mut stmt = conn.prepare_cached(
        "SELECT key, mentor, mentee, started_on, ended_on, end_reason, version FROM assignments
         WHERE mentor = ?1 OR mentee = ?1 ORDER BY started_on DESC, key DESC",
    )?;
    let rows = stmt.query_map([person], assignment_from_row)?;
    rows.collect()
}

/// Whether this mentor already has an open assignment with this person: a pair is assigned once.
pub(crate) fn pair_is_open(tx: &Transaction, mentor: i64, mentee: i64) -> rusqlite::Result<bool> {
    tx.prepare_cached(
        "SELECT count(*) > 0 FROM assignments WHERE mentor = ?1 AND mentee = ?2 AND ended_on IS NULL",
    )?
    .query_row(params![mentor, mentee], |r| r.get(0))
}

/// [`Store::end_assignment`] inside a transaction that is already open (an import).
pub(crate) fn end_assignment(
    tx: &Transaction,
    editing: Editing,
    on: NaiveDate,
    reason: EndReason,
    actor: &str,
) -> Result<()> {
    let claimed = versions::claim(tx, versions::ASSIGNMENTS, editing.key, editing.version).map_err(
        |err| match pair_of(tx, editing.key) {
            Ok(pair) => versions::named(err, format!("the assignment {pair}")),
            Err(_) => err,
        },
    )?;
    if !claimed {
        return Err(Error::Input("that assignment is no longer in the program".into()));
    }
    let changed = tx.execute(
        "UPDATE assignments SET ended_on = ?2, end_reason = ?3
             WHERE key = ?1 AND ended_on IS NULL",
        params![editing.key, on.to_string(), reason.as_str()],
    )?;
    if changed == 0 {
        return Err(Error::Input("that assignment has already ended".into()));
    }
    let diff = audit::changes(
        &[("ended", String::new()), ("reason", String::new())],
        &[("ended", on.to_string()), ("reason", reason.as_str().into())],
    );
    let detail = format!("{}: {diff}", pair_of(tx, editing.key)?);
    audit::record(tx, actor, "end", "assignment", Some(editing.key), &detail)?;
    Ok(())
}

/// An assignment by its global id.
pub(crate) fn assignment_by_gid(conn: &Connection, gid: &str) -> rusqlite::Result<Option<Assignment>> {
    conn.prepare_cached(
        "SELECT key, mentor, mentee, started_on, ended_on, end_reason, version FROM assignments WHERE gid = ?1",
    )?
    .query_row([gid], assignment_from_row)
    .optional()
}

impl Store {
    /// Every assignment as the export writes it (people by their ids), in the order they were made.
    pub fn each_assignment_record(
        &self,
        each: &mut dyn FnMut(&AssignmentRecord) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.gid, m.id, e.id, a.started_on, a.ended_on, a.end_reason, a.version FROM assignments a
             JOIN people m ON m.key = a.mentor JOIN people e ON e.key = a.mentee ORDER BY a.key",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            each(&AssignmentRecord {
                id: r.get(0)?,
                mentor_id: r.get(1)?,
                mentee_id: r.get(2)?,
                started_on: r.get(3)?,
                ended_on: r.get(4)?,
                end_reason: r.get(5)?,
                version: r.get(6)?,
            })?;
        }
        Ok(())
    }
}

impl Store {
    /// Assigns a pair, under the global id it was made with elsewhere (a laptop copy), if any;
    /// `overridden` names the eligibility rules a coordinator chose to override.
    pub fn assign(
        &mut self,
        (mentor, mentee): (i64, i64),
        started_on: NaiveDate,
        gid: Option<&str>,
        actor: &str,
        overridden: Option<&str>,
    ) -> Result<i64> {
        self.write(|tx| {
            if pair_is_open(tx, mentor, mentee)? {
                return Err(Error::Input(
                    "that person is already assigned to this mentor".into(),
                ));
            }
            let key = insert_assignment(tx, gid, mentor, mentee, started_on, None)?;
            let pair = audit::pair(tx, mentor, mentee)?;
            let detail = match overridden {
                Some(rules) => format!("{pair}: from {started_on}; over the eligibility rules: {rules}"),
                None => format!("{pair}: from {started_on}"),
            };
            audit::record(tx, actor, "assign", "assignment", Some(key), &detail)?;
            Ok(key)
        })
    }

    /// Ends an assignment from the version the user saw: a newer one is [`Error::Conflict`].
    pub fn end_assignment(
        &mut self,
        editing: Editing,
        on: NaiveDate,
        reason: EndReason,
        actor: &str,
    ) -> Result<()> {
        self.write(|tx| end_assignment(tx, editing, on, reason, actor))
    }

    /// The global id of the assignment `key`.
    pub fn assignment_gid(&self, key: i64) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row("SELECT gid FROM assignments WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    /// Extends a running match's term to `until`; the audit log keeps the reason.
    pub fn extend_assignment(&mut self, key: i64, until: NaiveDate, reason: &str, actor: &str) -> Result<()> {
        super::check_text([("reason", reason)])?;
        self.write(|tx| {
            let running: bool = tx.query_row(
                "SELECT count(*) FROM assignments WHERE key = ?1 AND ended_on IS NULL",
                [key],
                |r| r.get::<_, i64>(0).map(|n| n > 0),
            )?;
            if !running {
                return Err(Error::Input(
                    "that assignment has ended: only a running match is extended".into(),
                ));
            }
            tx.execute(
                "INSERT INTO assignment_extensions (assignment, until, reason) VALUES (?1, ?2, ?3)",
                params![key, until.to_string(), reason],
            )?;
            let detail = format!("{}: term to {until}; {reason}", pair_of(tx, key)?);
            audit::record(tx, actor, "extend", "assignment", Some(key), &detail)?;
            Ok(())
        })
    }

    /// The day a match's term ends now, with its extensions (`None` where matches have no term).
    /// The day the assignment's latest extension runs to, if it has one.
    pub fn extended_to(&self, assignment: i64) -> Result<Option<NaiveDate>> {
        Ok(extended_to(&self.conn, assignment)?)
    }

    pub fn assignment(&self, key: i64) -> Result<Option<Assignment>> {
        Ok(self
            .conn
            .query_row(
                "SELECT key, mentor, mentee, started_on, ended_on, end_reason, version FROM assignments WHERE key = ?1",
                [key],
                assignment_from_row,
            )
            .optional()?)
    }

    /// The assignments a mentor has had, newest first.
    pub fn mentor_assignments(&self, mentor: i64) -> Result<Vec<Assignment>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT key, mentor, mentee, started_on, ended_on, end_reason, version FROM assignments
             WHERE mentor = ?1 ORDER BY started_on DESC, key DESC",
        )?;
        let rows = stmt.query_map([mentor], assignment_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every assignment a person took part in, as mentor or mentee, newest first.
    pub fn assignments_of(&self, person: i64) -> Result<Vec<Assignment>> {
        Ok(assignments_of(&self.conn, person)?)
    }

    pub fn all_assignments(&self) -> Result<Vec<Assignment>> {
        let mut stmt = self.conn.prepare(
            "SELECT key, mentor, mentee, started_on, ended_on, end_reason, version FROM assignments ORDER BY key",
        )?;
        let rows = stmt.query_map([], assignment_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every pair (of `mentor`, or all), active or ended, with the rows its deadlines need.
    pub fn pair_deadline_rows(
        &self,
        mentor: Option<i64>,
        reads: &PairReads,
        today: NaiveDate,
    ) -> Result<Vec<(Assignment, PairRows)>> {
        let mut out = Vec::new();
        for assignment in self.all_assignments()? {
            if mentor.is_some_and(|m| m != assignment.mentor) {
                continue;
            }
            let rows = pair_rows(&self.conn, &assignment, YearMonth::of(today), today, reads)?;
            out.push((assignment, rows));
        }
        Ok(out)
    }

    /// The pillar and outcome of every contact of an active pair that names a pillar, with the
    /// pair (mentor, mentee).
    pub fn pillar_contacts(&self) -> Result<Vec<crate::domain::pillars::PillarContact>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.mentor, c.person, c.pillar, c.outcome FROM contacts c
             JOIN assignments a ON a.mentor = c.mentor AND a.mentee = c.person AND a.ended_on IS NULL
             WHERE c.pillar IS NOT NULL AND c.deleted_at IS NULL",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                (r.get(0)?, r.get(1)?),
                Some(word(&r.get::<_, String>(2)?)?),
                word(&r.get::<_, String>(3)?)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The active pairs of one mentor, with their rows for `month` as seen from `today`.
    pub fn caseload(
        &self,
        mentor: i64,
        month: YearMonth,
        reads: &PairReads,
        today: NaiveDate,
    ) -> Result<Vec<StoredPair>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT key, mentor, mentee, started_on, ended_on, end_reason, version FROM assignments
             WHERE mentor = ?1 AND ended_on IS NULL ORDER BY key",
        )?;
        let assignments: Vec<Assignment> = stmt
            .query_map([mentor], assignment_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(assignments.len());
        for assignment in assignments {
            let Some(person) = self.person(assignment.mentee)? else {
                continue;
            };
            let last_contact = self
                .conn
                .query_row(
                    "SELECT occurred_at, method, outcome FROM contacts
                     WHERE person = ?1 AND mentor = ?2 AND deleted_at IS NULL
                     ORDER BY occurred_at DESC LIMIT 1",
                    params![assignment.mentee, mentor],
                    |r| {
                        Ok((
                            parse_at(&r.get::<_, String>(0)?)?,
                            word(&r.get::<_, String>(1)?)?,
                            word(&r.get::<_, String>(2)?)?,
                        ))
                    },
                )
                .optional()?;
            let next_follow_up = opt_date(self.conn.query_row(
                "SELECT min(follow_up_on) FROM contacts WHERE person = ?1 AND mentor = ?2
                 AND follow_up_on >= ?3 AND deleted_at IS NULL",
                params![assignment.mentee, mentor, today.to_string()],
                |r| r.get(0),
            )?);
            let rows = pair_rows(&self.conn, &assignment, month, today, reads)?;
            out.push(StoredPair {
                assignment,
                person,
                last_contact,
                next_follow_up,
                rows,
            });
        }
        Ok(out)
    }
}
