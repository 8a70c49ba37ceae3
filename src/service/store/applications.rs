//! NEA mentor applicants: the file beside the Mentor Application form (a filed form about the
//! applicant, or by them).

use super::{Store, audit, date, opt_date};
use crate::domain::applications::{Application, CoverLetter, Decision, Reference, Verdict};
use crate::error::{Error, Result};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

/// An applicant's file, under the global id it was opened with elsewhere (a laptop copy), if any.
pub(crate) fn insert_application(
    tx: &Transaction,
    person: i64,
    received_on: NaiveDate,
    gid: Option<&str>,
) -> rusqlite::Result<()> {
    tx.prepare_cached("INSERT INTO applications (person, received_on, gid) VALUES (?1, ?2, ?3)")?
        .execute(params![person, received_on.to_string(), super::gid_or_new(gid)])?;
    Ok(())
}

pub(crate) fn update_cover_letter(
    tx: &Transaction,
    person: i64,
    cover: &CoverLetter,
) -> rusqlite::Result<usize> {
    super::check_text_sql([
        ("why", cover.why.as_str()),
        ("offer", cover.offer.as_str()),
        ("times", cover.times.as_str()),
    ])?;
    tx.prepare_cached(
        "UPDATE applications SET why = ?2, offer = ?3, times = ?4, version = version + 1 WHERE person = ?1",
    )?
    .execute(params![person, cover.why, cover.offer, cover.times])
}

/// A reference, under the global id it was filed with elsewhere (a laptop copy), if any.
pub(crate) fn insert_reference(
    tx: &Transaction,
    person: i64,
    reference: &Reference,
    gid: Option<&str>,
) -> rusqlite::Result<()> {
    super::check_text_sql([("referee", reference.referee.as_str())])?;
    tx.prepare_cached(
        "INSERT INTO application_references (person, referee, association, received_on, gid)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        person,
        reference.referee,
        reference.association,
        reference.received_on.to_string(),
        gid
    ])?;
    Ok(())
}

pub(crate) fn update_decision(tx: &Transaction, person: i64, decision: &Decision) -> rusqlite::Result<usize> {
    super::check_text_sql([("reason", decision.reason.as_str())])?;
    tx.prepare_cached(
        "UPDATE applications SET decision = ?2, reason = ?3, decided_on = ?4, version = version + 1
         WHERE person = ?1",
    )?
    .execute(params![
        person,
        decision.verdict.as_str(),
        decision.reason,
        decision.on.to_string()
    ])
}

pub(super) fn read_all(conn: &Connection, person: Option<i64>) -> Result<Vec<Application>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.person, a.received_on, a.why, a.offer, a.times, a.decision, a.reason, a.decided_on,
             (SELECT min(substr(f.submitted_at, 1, 10)) FROM form_submissions f
              WHERE f.form = 'mentor-application' AND f.status = 'submitted'
                AND (f.about = a.person OR (f.author = a.person AND f.about IS NULL)))
         FROM applications a WHERE ?1 IS NULL OR a.person = ?1 ORDER BY a.received_on, a.person",
    )?;
    let rows = stmt.query_map([person], |r| {
        let decision = match r.get::<_, Option<String>>(5)? {
            Some(word) => Some(Decision {
                verdict: Verdict::from_word(&word).unwrap_or(Verdict::Declined),
                reason: r.get(6)?,
                on: date(&r.get::<_, String>(7)?)?,
            }),
            None => None,
        };
        Ok(Application {
            person: r.get(0)?,
            received_on: date(&r.get::<_, String>(1)?)?,
            cover_letter: CoverLetter {
                why: r.get(2)?,
                offer: r.get(3)?,
                times: r.get(4)?,
            },
            form_filed_on: opt_date(r.get(8)?),
            references: Vec::new(),
            decision,
        })
    })?;
    let mut out = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut refs = conn.prepare_cached(
        "SELECT referee, association, received_on FROM application_references WHERE person = ?1 ORDER BY key",
    )?;
    for application in &mut out {
        application.references = refs
            .query_map([application.person], |r| {
                Ok(Reference {
                    referee: r.get(0)?,
                    association: r.get(1)?,
                    received_on: date(&r.get::<_, String>(2)?)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(out)
}

/// Refuses to replace what is on file unless asked to: names who put it there, and when.
fn refuse_replacing(tx: &Transaction, person: i64, what: String, actions: &[&str]) -> Result<()> {
    let last = actions
        .iter()
        .filter_map(|action| {
            tx.query_row(
                "SELECT a.key, coalesce((SELECT p.name FROM people p WHERE p.login = a.actor), a.actor), a.at
                 FROM audit_log a
                 WHERE a.entity = 'application' AND a.entity_key = ?1 AND a.action = ?2
                 ORDER BY a.key DESC LIMIT 1",
                params![person, action],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                    ))
                },
            )
            .optional()
            .transpose()
        })
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .max()
        .map(|(_, who, when)| (who, when));
    Err(Error::Conflict {
        what,
        by: crate::error::ChangedBy::from_audit(last),
    })
}

fn missing(person: i64) -> Error {
    Error::Input(format!("person {person} has no application on file"))
}

impl Store {
    pub fn applications(&self) -> Result<Vec<Application>> {
        read_all(&self.conn, None)
    }

    pub fn application(&self, person: i64) -> Result<Option<Application>> {
        Ok(read_all(&self.conn, Some(person))?.pop())
    }

    pub fn open_application(
        &mut self,
        person: i64,
        (received_on, gid): (NaiveDate, Option<&str>),
        actor: &str,
    ) -> Result<()> {
        self.write(|tx| {
            let exists: Option<i64> = tx
                .query_row(
                    "SELECT person FROM applications WHERE person = ?1",
                    [person],
                    |r| r.get(0),
                )
                .optional()?;
            if exists.is_some() {
                return Err(Error::Input(
                    "that person already has an application on file".into(),
                ));
            }
            insert_application(tx, person, received_on, gid)?;
            audit::record(tx, actor, "open", "application", Some(person), "")?;
            Ok(())
        })
    }

    /// Files the cover letter's answers; answers already on file are replaced only when
    /// `replace` says so.
    pub fn set_cover_letter(
        &mut self,
        person: i64,
        cover: &CoverLetter,
        replace: bool,
        actor: &str,
    ) -> Result<()> {
        self.write(|tx| {
            let before = read_all(tx, Some(person))?.pop().ok_or_else(|| missing(person))?;
            let before = before.cover_letter;
            if !replace && before.answered() {
                let what = format!(
                    "{}'s cover letter (--replace changes it)",
                    audit::name(tx, person)?
                );
                refuse_replacing(tx, person, what, &["cover-letter"])?;
            }
            update_cover_letter(tx, person, cover)?;
            let fields = |c: &CoverLetter| {
                vec![
                    ("why", c.why.clone()),
                    ("offer", c.offer.clone()),
                    ("times", c.times.clone()),
                ]
            };
            let detail = audit::changes(&fields(&before), &fields(cover));
            audit::record(tx, actor, "cover-letter", "application", Some(person), &detail)?;
            Ok(())
        })
    }

    pub fn add_reference(
        &mut self,
        person: i64,
        (reference, gid): (&Reference, Option<&str>),
        actor: &str,
    ) -> Result<()> {
        self.write(|tx| {
            let exists: bool = tx.query_row(
                "SELECT count(*) > 0 FROM applications WHERE person = ?1",
                [person],
                |r| r.get(0),
            )?;
            if !exists {
                return Err(missing(person));
            }
            insert_reference(tx, person, reference, gid)?;
            audit::record(
                tx,
                actor,
                "reference",
                "application",
                Some(person),
                &reference.referee,
            )?;
            Ok(())
        })
    }

    /// Records the committee's decision; one already on file is replaced only when `replace`
    /// says so.
    pub fn decide_application(
        &mut self,
        person: i64,
        decision: &Decision,
        replace: bool,
        actor: &str,
    ) -> Result<()> {
        self.write(|tx| {
            let before = read_all(tx, Some(person))?.pop().ok_or_else(|| missing(person))?;
            let verdicts = [Verdict::Accepted.as_str(), Verdict::Declined.as_str()];
            if let Some(made) = &before.decision
                && !replace
            {
                let what = format!(
                    "the decision on {}'s application ({}; --replace changes it)",
                    audit::name(tx, person)?,
                    made.verdict.as_str()
                );
                refuse_replacing(tx, person, what, &verdicts)?;
            }
            update_decision(tx, person, decision)?;
            let fields = |d: Option<&Decision>| {
                vec![
                    (
                        "decision",
                        d.map(|d| d.verdict.as_str().to_string()).unwrap_or_default(),
                    ),
                    ("reason", d.map(|d| d.reason.clone()).unwrap_or_default()),
                ]
            };
            let detail = audit::changes(&fields(before.decision.as_ref()), &fields(Some(decision)));
            audit::record(
                tx,
                actor,
                decision.verdict.as_str(),
                "application",
                Some(person),
                &detail,
            )?;
            Ok(())
        })
    }
}
