use super::{Store, audit, now_stamp, opt_date, opt_text, text, word};
use crate::domain::YearMonth;
use crate::domain::contacts::Reach;
use crate::domain::quota::QuotaContact;
use crate::domain::records::{
    Contact, ContactFilter, ContactInput, ContactRecord, ContactRow, DATETIME_FORMAT, OverdueCount,
    OverdueReport,
};
use crate::domain::reports::{ReportState, overdue_through, report_state};
use crate::domain::types::{Outcome, Role};
use crate::error::{Error, Result};
use chrono::{NaiveDate, NaiveDateTime, Weekday};
use rusqlite::{Row, ToSql, Transaction, params};
use std::collections::HashMap;

const ROW_COLUMNS: &str = "c.key, c.mentor, c.person, c.occurred_at, c.method, c.outcome,
    c.duration_min, c.support_when, c.support_what, c.notes, c.follow_up_on, c.submitted_on,
    m.name, m.id, p.name, p.id, c.intervention, c.reach, c.pillar, c.version";

fn row_from(r: &Row) -> rusqlite::Result<ContactRow> {
    let at: String = r.get(3)?;
    let occurred_at = NaiveDateTime::parse_from_str(&at, DATETIME_FORMAT).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(ContactRow {
        contact: Contact {
            key: r.get(0)?,
            input: ContactInput {
                mentor: r.get(1)?,
                person: r.get(2)?,
                occurred_at,
                method: word(&r.get::<_, String>(4)?)?,
                outcome: word(&r.get::<_, String>(5)?)?,
                duration_min: r.get(6)?,
                support_when: r.get::<_, Option<String>>(7)?.map(|w| word(&w)).transpose()?,
                support_what: r.get(8)?,
                notes: r.get(9)?,
                follow_up_on: opt_date(r.get(10)?),
                submitted_on: opt_date(r.get(11)?),
                intervention: r.get::<_, Option<String>>(16)?.map(|w| word(&w)).transpose()?,
                pillar: r.get::<_, Option<String>>(18)?.map(|w| word(&w)).transpose()?,
            },
            version: r.get(19)?,
        },
        reach: reach_word(&r.get::<_, String>(17)?)?,
        mentor_name: r.get(12)?,
        mentor_id: r.get(13)?,
        person_name: r.get(14)?,
        person_id: r.get(15)?,
    })
}

/// A contact's fields as the audit log names them, in the form's order.
fn audit_fields(c: &ContactInput, person_name: &str) -> Vec<(&'static str, String)> {
    let text = |v: Option<String>| v.unwrap_or_default();
    vec![
        ("person", person_name.to_string()),
        ("at", c.occurred_at.format(DATETIME_FORMAT).to_string()),
        ("method", c.method.as_str().into()),
        ("outcome", c.outcome.as_str().into()),
        ("minutes", text(c.duration_min.map(|m| m.to_string()))),
        ("support-when", text(c.support_when.map(|s| s.as_str().into()))),
        ("support", c.support_what.clone()),
        ("notes", c.notes.clone()),
        ("follow-up", text(c.follow_up_on.map(|d| d.to_string()))),
        ("submitted", text(c.submitted_on.map(|d| d.to_string()))),
        ("intervention", text(c.intervention.map(|i| i.as_str().into()))),
        ("pillar", text(c.pillar.map(|p| p.as_str().into()))),
    ]
}

fn stored_row(tx: &Transaction, key: i64) -> rusqlite::Result<Option<ContactRow>> {
    use rusqlite::OptionalExtension;
    tx.query_row(
        &format!(
            "SELECT {ROW_COLUMNS} FROM contacts c JOIN people m ON m.key = c.mentor
             JOIN people p ON p.key = c.person WHERE c.key = ?1 AND c.deleted_at IS NULL"
        ),
        [key],
        row_from,
    )
    .optional()
}

fn contact_text(c: &ContactInput) -> [(&'static str, &str); 2] {
    [("notes", &c.notes), ("support", &c.support_what)]
}

fn reach_word(word: &str) -> rusqlite::Result<Reach> {
    Reach::from_word(word).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("reach '{word}'").into(),
        )
    })
}

pub(crate) fn insert_contact(
    tx: &Transaction,
    gid: Option<&str>,
    c: &ContactInput,
    reach: Reach,
    actor: &str,
) -> rusqlite::Result<i64> {
    super::check_text_sql(contact_text(c))?;
    let now = now_stamp(tx);
    tx.prepare_cached(
        "INSERT INTO contacts (mentor, person, occurred_at, method, outcome, duration_min,
             support_when, support_what, notes, follow_up_on, submitted_on, created_by,
             created_at, updated_at, intervention, reach, pillar, gid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?14, ?15, ?16, ?17) RETURNING key",
    )?
    .query_row(
        params![
            c.mentor,
            c.person,
            c.occurred_at.format(DATETIME_FORMAT).to_string(),
            c.method.as_str(),
            c.outcome.as_str(),
            c.duration_min,
            c.support_when.map(|s| s.as_str()),
            c.support_what,
            c.notes,
            c.follow_up_on.map(|d| d.to_string()),
            c.submitted_on.map(|d| d.to_string()),
            actor,
            now,
            c.intervention.map(|i| i.as_str()),
            reach.as_str(),
            c.pillar.map(|p| p.as_str()),
            super::gid_or_new(gid)
        ],
        |r| r.get(0),
    )
}

/// [`Store::update_contact`] inside a transaction that is already open (an import).
pub(crate) fn update_contact(
    tx: &Transaction,
    key: i64,
    version: i64,
    c: &ContactInput,
    reach: Reach,
    actor: &str,
) -> Result<()> {
    super::check_text(contact_text(c))?;
    let Some(before) = stored_row(tx, key)? else {
        return Err(Error::Input("that contact was deleted meanwhile".into()));
    };
    super::versions::claim(tx, super::versions::CONTACTS, key, version)?;
    let changed = tx.execute(
        "UPDATE contacts SET person = ?2, occurred_at = ?3, method = ?4, outcome = ?5,
                 duration_min = ?6, support_when = ?7, support_what = ?8, notes = ?9,
                 follow_up_on = ?10, submitted_on = ?11, updated_at = ?12, intervention = ?13,
                 reach = ?14, pillar = ?15
             WHERE key = ?1 AND deleted_at IS NULL",
        params![
            key,
            c.person,
            c.occurred_at.format(DATETIME_FORMAT).to_string(),
            c.method.as_str(),
            c.outcome.as_str(),
            c.duration_min,
            c.support_when.map(|s| s.as_str()),
            c.support_what,
            c.notes,
            c.follow_up_on.map(|d| d.to_string()),
            c.submitted_on.map(|d| d.to_string()),
            now_stamp(tx),
            c.intervention.map(|i| i.as_str()),
            reach.as_str(),
            c.pillar.map(|p| p.as_str())
        ],
    )?;
    if changed == 0 {
        return Err(Error::Input("that contact was deleted meanwhile".into()));
    }
    let diff = audit::changes(
        &audit_fields(&before.contact.input, &before.person_name),
        &audit_fields(c, &audit::name(tx, c.person)?),
    );
    let detail = format!(
        "{}: {diff}",
        audit::pair(tx, c.mentor, before.contact.input.person)?
    );
    audit::record(tx, actor, "edit", "contact", Some(key), &detail)?;
    Ok(())
}

/// A stored contact by its global id, with whether it was deleted.
pub(crate) fn contact_by_gid(tx: &Transaction, gid: &str) -> rusqlite::Result<Option<(ContactRow, bool)>> {
    use rusqlite::OptionalExtension;
    tx.prepare_cached(&format!(
        "SELECT {ROW_COLUMNS}, c.deleted_at IS NOT NULL FROM contacts c JOIN people m ON m.key = c.mentor
         JOIN people p ON p.key = c.person WHERE c.gid = ?1"
    ))?
    .query_row([gid], |r| Ok((row_from(r)?, r.get(20)?)))
    .optional()
}

/// Whether a contact with the same mentor, person, time, method, outcome and notes is stored
/// with a key up to `up_to`.
pub(crate) fn has_same_contact(tx: &Transaction, c: &ContactInput, up_to: i64) -> rusqlite::Result<bool> {
    tx.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM contacts WHERE mentor = ?1 AND occurred_at = ?2 AND person = ?3
             AND method = ?4 AND outcome = ?5 AND notes = ?6 AND deleted_at IS NULL AND key <= ?7)",
    )?
    .query_row(
        params![
            c.mentor,
            c.occurred_at.format(DATETIME_FORMAT).to_string(),
            c.person,
            c.method.as_str(),
            c.outcome.as_str(),
            c.notes,
            up_to
        ],
        |r| r.get(0),
    )
}

/// Contacts before this stored time have overdue reports when unsubmitted.
fn overdue_bound(weekday: Weekday, today: NaiveDate) -> String {
    let through = overdue_through(today, weekday);
    through.succ_opt().unwrap_or(through).to_string()
}

/// An overdue report from `key, mentor, person, occurred_at`, its due date by the rule.
fn overdue_report(r: &Row, weekday: Weekday, today: NaiveDate) -> rusqlite::Result<OverdueReport> {
    let occurred_on = super::date_prefix(r.get_ref(3)?.as_str().map_err(rusqlite::Error::from)?)?;
    let (due, days_overdue) = match report_state(occurred_on, false, Some(weekday), today) {
        ReportState::Late { due, days } => (due, days),
        ReportState::Pending { due } => (due, 0),
        ReportState::Submitted | ReportState::NotAsked => unreachable!("asked with a weekday, not submitted"),
    };
    Ok(OverdueReport {
        contact_key: r.get(0)?,
        mentor: r.get(1)?,
        person: r.get(2)?,
        occurred_on,
        due,
        days_overdue,
    })
}

fn month_bounds(month: YearMonth) -> (String, String) {
    (
        month.first_day().to_string(),
        month.next().first_day().to_string(),
    )
}

impl Store {
    #[cfg(test)]
    pub fn add_contact(&mut self, c: &ContactInput, reach: Reach, actor: &str) -> Result<i64> {
        self.add_contact_with_gid(None, c, reach, actor)
    }

    /// `add_contact` under the global id the contact was made with elsewhere (a laptop copy).
    pub fn add_contact_with_gid(
        &mut self,
        gid: Option<&str>,
        c: &ContactInput,
        reach: Reach,
        actor: &str,
    ) -> Result<i64> {
        self.write(|tx| {
            let key = insert_contact(tx, gid, c, reach, actor)?;
            let detail = format!(
                "{}: {} by {} at {}",
                audit::pair(tx, c.mentor, c.person)?,
                c.outcome.as_str(),
                c.method.as_str(),
                c.occurred_at.format(DATETIME_FORMAT)
            );
            audit::record(tx, actor, "add", "contact", Some(key), &detail)?;
            Ok(key)
        })
    }

    /// Saves an edit made from `version` of the contact; refuses with [`Error::Conflict`] when
    /// someone saved a newer one meanwhile.
    pub fn update_contact(
        &mut self,
        key: i64,
        version: i64,
        c: &ContactInput,
        reach: Reach,
        actor: &str,
    ) -> Result<()> {
        self.write(|tx| update_contact(tx, key, version, c, reach, actor))
    }

    pub fn delete_contact(&mut self, key: i64, actor: &str) -> Result<()> {
        self.write(|tx| {
            let detail = match stored_row(tx, key)? {
                Some(row) => format!(
                    "({} with {}): {} at {}",
                    row.mentor_name,
                    row.person_name,
                    row.contact.input.outcome.as_str(),
                    row.contact.input.occurred_at.format(DATETIME_FORMAT)
                ),
                None => String::new(),
            };
            tx.execute(
                "UPDATE contacts SET deleted_at = ?2, updated_at = ?2, version = version + 1
                 WHERE key = ?1 AND deleted_at IS NULL",
                params![key, now_stamp(tx)],
            )?;
            audit::record(tx, actor, "delete", "contact", Some(key), &detail)?;
            Ok(())
        })
    }

    pub fn mark_submitted(&mut self, key: i64, on: NaiveDate, actor: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE contacts SET submitted_on = ?2, updated_at = ?3, version = version + 1
                 WHERE key = ?1 AND submitted_on IS NULL AND deleted_at IS NULL",
                params![key, on.to_string(), now_stamp(tx)],
            )?;
            let (mentor, person): (i64, i64) =
                tx.query_row("SELECT mentor, person FROM contacts WHERE key = ?1", [key], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
            let detail = format!("{}: report filed {on}", audit::pair(tx, mentor, person)?);
            audit::record(tx, actor, "submit", "contact", Some(key), &detail)?;
            Ok(())
        })
    }

    /// The key of the contact (deleted or not) with this global id.
    pub fn contact_key_of(&self, gid: &str) -> Result<Option<i64>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row("SELECT key FROM contacts WHERE gid = ?1", [gid], |r| r.get(0))
            .optional()?)
    }

    /// The global id of the contact `key`.
    pub fn contact_gid(&self, key: i64) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row("SELECT gid FROM contacts WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    pub fn contact(&self, key: i64) -> Result<Option<ContactRow>> {
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM contacts c JOIN people m ON m.key = c.mentor
             JOIN people p ON p.key = c.person WHERE c.key = ?1 AND c.deleted_at IS NULL"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query_map([key], row_from)?;
        Ok(rows.next().transpose()?)
    }

    /// Contacts matching `filter`, newest first, `limit` at a time. `after` is the
    /// `(occurred_at, key)` of the last row already shown: keyset pagination.
    pub fn contacts(
        &self,
        filter: &ContactFilter,
        after: Option<(NaiveDateTime, i64)>,
        limit: u32,
    ) -> Result<Vec<ContactRow>> {
        let mut sql = format!(
            "SELECT {ROW_COLUMNS} FROM contacts c JOIN people m ON m.key = c.mentor
             JOIN people p ON p.key = c.person WHERE c.deleted_at IS NULL"
        );
        let mut args: Vec<Box<dyn ToSql>> = Vec::new();
        let mut arg = |sql: &mut String, clause: &str, value: Box<dyn ToSql>| {
            args.push(value);
            sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
        };
        if let Some(mentor) = filter.mentor {
            arg(&mut sql, " AND c.mentor = ?", Box::new(mentor));
        }
        if let Some(person) = filter.person {
            arg(&mut sql, " AND c.person = ?", Box::new(person));
        }
        if let Some(month) = filter.month {
            let (from, to) = month_bounds(month);
            arg(&mut sql, " AND c.occurred_at >= ?", Box::new(from));
            arg(&mut sql, " AND c.occurred_at < ?", Box::new(to));
        }
        if let Some(method) = filter.method {
            arg(&mut sql, " AND c.method = ?", Box::new(method.as_str()));
        }
        if let Some(outcome) = filter.outcome {
            arg(&mut sql, " AND c.outcome = ?", Box::new(outcome.as_str()));
        }
        if let Some(text) = filter.text.as_ref().filter(|t| !t.is_empty()) {
            let pattern = format!(
                "%{}%",
                text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
            );
            args.push(Box::new(pattern));
            let n = args.len();
            sql.push_str(&format!(
                " AND (p.name LIKE ?{n} ESCAPE '\\' OR m.name LIKE ?{n} ESCAPE '\\'
                   OR c.notes LIKE ?{n} ESCAPE '\\' OR c.support_what LIKE ?{n} ESCAPE '\\')"
            ));
        }
        if let Some((at, key)) = after {
            let at = at.format(DATETIME_FORMAT).to_string();
            args.push(Box::new(at));
            args.push(Box::new(key));
            let n = args.len();
            sql.push_str(&format!(
                " AND (c.occurred_at < ?{a} OR (c.occurred_at = ?{a} AND c.key < ?{n}))",
                a = n - 1
            ));
        }
        args.push(Box::new(limit));
        sql.push_str(&format!(
            " ORDER BY c.occurred_at DESC, c.key DESC LIMIT ?{}",
            args.len()
        ));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let params: Vec<&dyn ToSql> = args.iter().map(|a| a.as_ref()).collect();
        let rows = stmt.query_map(params.as_slice(), row_from)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every contact of `filter`'s mentor and month (its other fields are for the contact log),
    /// handed to `each` as it is read, so memory stays flat however many there are: a month in
    /// time order, everything in the order it was logged (the table's own order: reading a
    /// million rows in time order would be a million scattered reads).
    pub fn each_contact(
        &self,
        filter: &ContactFilter,
        each: &mut dyn FnMut(&ContactRecord) -> Result<()>,
    ) -> Result<()> {
        let select = "SELECT m.id, p.id, c.occurred_at, c.method, c.outcome, c.duration_min, c.notes,
             c.submitted_on, c.intervention, c.pillar, c.gid, c.version FROM contacts c JOIN people m ON m.key = c.mentor
             JOIN people p ON p.key = c.person WHERE c.deleted_at IS NULL AND (?1 IS NULL OR c.mentor = ?1)";
        let (mut stmt, from, to) = match filter.month {
            Some(month) => {
                let (from, to) = month_bounds(month);
                let sql = format!(
                    "{select} AND c.occurred_at >= ?2 AND c.occurred_at < ?3 ORDER BY c.occurred_at, c.key"
                );
                (self.conn.prepare_cached(&sql)?, Some(from), Some(to))
            }
            None => {
                let sql = format!("{select} AND ?2 IS NULL AND ?3 IS NULL ORDER BY c.key");
                (self.conn.prepare_cached(&sql)?, None, None)
            }
        };
        let mut rows = stmt.query(params![filter.mentor, from, to])?;
        while let Some(r) = rows.next()? {
            let text = |i| -> rusqlite::Result<Option<&str>> {
                r.get_ref(i)?.as_str_or_null().map_err(rusqlite::Error::from)
            };
            each(&ContactRecord {
                id: text(10)?.unwrap_or_default(),
                version: r.get(11)?,
                mentor_id: text(0)?.unwrap_or_default(),
                person_id: text(1)?.unwrap_or_default(),
                occurred_at: text(2)?.unwrap_or_default(),
                method: text(3)?.unwrap_or_default(),
                outcome: text(4)?.unwrap_or_default(),
                duration_min: r.get(5)?,
                notes: text(6)?.unwrap_or_default(),
                submitted_on: text(7)?,
                intervention: text(8)?,
                pillar: text(9)?,
            })?;
        }
        Ok(())
    }

    /// The contacts with these keys, in the order given.
    pub fn contacts_by_keys(&self, keys: &[i64]) -> Result<Vec<ContactRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM contacts c JOIN people m ON m.key = c.mentor
             JOIN people p ON p.key = c.person WHERE c.key = ?1 AND c.deleted_at IS NULL"
        ))?;
        let mut out = Vec::with_capacity(keys.len());
        for key in keys {
            if let Some(row) = stmt.query_map([key], row_from)?.next() {
                out.push(row?);
            }
        }
        Ok(out)
    }

    /// How many contacts with one of `outcomes` happened in `month`: a count over the
    /// covering index, without grouping.
    pub fn count_contacts(&self, month: YearMonth, outcomes: &[Outcome]) -> Result<u32> {
        if outcomes.is_empty() {
            return Ok(0);
        }
        let (from, to) = month_bounds(month);
        let slots: Vec<String> = (0..outcomes.len()).map(|i| format!("?{}", i + 3)).collect();
        let sql = format!(
            "SELECT count(*) FROM contacts INDEXED BY contacts_month
             WHERE occurred_at >= ?1 AND occurred_at < ?2 AND deleted_at IS NULL AND outcome IN ({})",
            slots.join(", ")
        );
        let mut args: Vec<&dyn ToSql> = vec![&from, &to];
        let words: Vec<&str> = outcomes.iter().map(|o| o.as_str()).collect();
        args.extend(words.iter().map(|w| w as &dyn ToSql));
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(args.as_slice(), |r| r.get(0))?)
    }

    /// Every person's id and name by store key: for long lists that name many people.
    pub fn names(&self) -> Result<HashMap<i64, (String, String)>> {
        let mut stmt = self.conn.prepare_cached("SELECT key, id, name FROM people")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every contact of `month`, keyed by mentor, as the quota rule sees them.
    pub fn month_contacts(
        &self,
        month: YearMonth,
        mentor: Option<i64>,
    ) -> Result<HashMap<i64, Vec<QuotaContact>>> {
        let (from, to) = month_bounds(month);
        let sql = if mentor.is_some() {
            "SELECT mentor, person, substr(occurred_at, 1, 10), outcome, reach FROM contacts
             WHERE mentor = ?3 AND occurred_at >= ?1 AND occurred_at < ?2 AND deleted_at IS NULL"
        } else {
            "SELECT mentor, person, substr(occurred_at, 1, 10), outcome, reach FROM contacts INDEXED BY contacts_month
             WHERE occurred_at >= ?1 AND occurred_at < ?2 AND deleted_at IS NULL AND ?3 IS NULL"
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut rows = stmt.query(params![from, to, mentor])?;
        let mut out: HashMap<i64, Vec<QuotaContact>> = HashMap::new();
        while let Some(r) = rows.next()? {
            out.entry(r.get(0)?).or_default().push(QuotaContact {
                person: r.get(1)?,
                on: super::date(text(r, 2)?)?,
                outcome: word(text(r, 3)?)?,
                reach: reach_word(text(r, 4)?)?,
            });
        }
        Ok(out)
    }

    /// Unsubmitted reports past their due date, most overdue first (the oldest contact first),
    /// at most `limit`. Overdue is picked by the contact's date, as
    /// [`overdue_through`] says the due rule allows.
    pub fn overdue_reports(
        &self,
        weekday: Weekday,
        today: NaiveDate,
        mentor: Option<i64>,
        limit: u32,
    ) -> Result<Vec<OverdueReport>> {
        // Two statements rather than `(? IS NULL OR mentor = ?)`, so each uses the partial index.
        let sql = match mentor {
            Some(_) => {
                "SELECT key, mentor, person, occurred_at FROM contacts INDEXED BY contacts_unsubmitted
                 WHERE submitted_on IS NULL AND deleted_at IS NULL AND mentor = ?1 AND occurred_at < ?2
                 ORDER BY occurred_at, key LIMIT ?3"
            }
            None => {
                "SELECT key, mentor, person, occurred_at FROM contacts INDEXED BY contacts_unsubmitted
                 WHERE submitted_on IS NULL AND deleted_at IS NULL AND ?1 IS NULL AND occurred_at < ?2
                 ORDER BY occurred_at, key LIMIT ?3"
            }
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params![mentor, overdue_bound(weekday, today), limit], |r| {
            overdue_report(r, weekday, today)
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Per mentor with overdue reports: how many, and the oldest contact's day.
    pub fn overdue_report_counts(
        &self,
        weekday: Weekday,
        today: NaiveDate,
        mentor: Option<i64>,
    ) -> Result<Vec<OverdueCount>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.mentor, m.id, m.name, count(*), min(c.occurred_at)
             FROM contacts c INDEXED BY contacts_unsubmitted JOIN people m ON m.key = c.mentor
             WHERE c.submitted_on IS NULL AND c.deleted_at IS NULL AND c.occurred_at < ?1
             AND (?2 IS NULL OR c.mentor = ?2) GROUP BY c.mentor",
        )?;
        let rows = stmt.query_map(params![overdue_bound(weekday, today), mentor], |r| {
            Ok(OverdueCount {
                mentor: r.get(0)?,
                mentor_id: r.get(1)?,
                mentor_name: r.get(2)?,
                reports: r.get(3)?,
                oldest: super::date_prefix(&r.get::<_, String>(4)?)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One mentor's overdue reports, most overdue first, `limit` from `offset` on, each with
    /// the person's id and name.
    pub fn mentor_overdue_reports(
        &self,
        weekday: Weekday,
        today: NaiveDate,
        mentor: i64,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<(OverdueReport, String, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.key, c.mentor, c.person, c.occurred_at, p.id, p.name
             FROM contacts c INDEXED BY contacts_unsubmitted JOIN people p ON p.key = c.person
             WHERE c.submitted_on IS NULL AND c.deleted_at IS NULL AND c.mentor = ?1
             AND c.occurred_at < ?2 ORDER BY c.occurred_at, c.key LIMIT ?3 OFFSET ?4",
        )?;
        let rows = stmt.query_map(
            params![mentor, overdue_bound(weekday, today), limit as i64, offset as i64],
            |r| Ok((overdue_report(r, weekday, today)?, r.get(4)?, r.get(5)?)),
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many of a mentor's unsubmitted reports have contacts on or before `through`.
    pub fn unsubmitted_through(&self, mentor: i64, through: NaiveDate) -> Result<usize> {
        let bound = through.succ_opt().unwrap_or(through).to_string();
        Ok(self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM contacts INDEXED BY contacts_unsubmitted
             WHERE submitted_on IS NULL AND deleted_at IS NULL AND mentor = ?1 AND occurred_at < ?2",
            )?
            .query_row(params![mentor, bound], |r| r.get::<_, i64>(0))? as usize)
    }

    /// Each active mentor's latest contact, in one statement: one prepared per mentor was
    /// prepared again at every call (the partial index's condition), a sixth of the mentors
    /// table at 1M contacts.
    pub fn last_activities(&self) -> Result<HashMap<i64, NaiveDateTime>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT key, (SELECT max(occurred_at) FROM contacts
                          WHERE mentor = people.key AND deleted_at IS NULL)
             FROM people WHERE role = ?1 AND active = 1",
        )?;
        let mut rows = stmt.query([Role::Mentor.as_str()])?;
        let mut latest = HashMap::new();
        while let Some(r) = rows.next()? {
            if let Some(at) =
                opt_text(r, 1)?.and_then(|t| NaiveDateTime::parse_from_str(t, DATETIME_FORMAT).ok())
            {
                latest.insert(r.get(0)?, at);
            }
        }
        Ok(latest)
    }

    /// Follow-ups planned in `month`: (date, person name, mentor name).
    pub fn follow_ups(
        &self,
        month: YearMonth,
        mentor: Option<i64>,
    ) -> Result<Vec<(NaiveDate, String, String, i64)>> {
        let (from, to) = month_bounds(month);
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.follow_up_on, p.name, m.name, c.mentor FROM contacts c
             JOIN people p ON p.key = c.person JOIN people m ON m.key = c.mentor
             WHERE c.follow_up_on >= ?1 AND c.follow_up_on < ?2 AND c.deleted_at IS NULL
             AND (?3 IS NULL OR c.mentor = ?3) ORDER BY c.follow_up_on",
        )?;
        let rows = stmt.query_map(params![from, to, mentor], |r| {
            Ok((
                super::date(&r.get::<_, String>(0)?)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
