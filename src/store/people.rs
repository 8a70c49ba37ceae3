use super::{Store, audit, word};
use crate::domain::records::{AuditEntry, Person, PersonFields};
use crate::domain::types::{EndReason, Role};
use crate::error::{Error, Result};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, Transaction, params};

const PERSON_COLUMNS: &str = "key, id, name, role, login, email, phone, organization, position,
    location, job_family, expertise, goals, years_experience, availability, active";

fn person_from_row(r: &Row) -> rusqlite::Result<Person> {
    Ok(Person {
        key: r.get(0)?,
        id: r.get(1)?,
        name: r.get(2)?,
        role: word(&r.get::<_, String>(3)?)?,
        fields: PersonFields {
            login: r.get(4)?,
            email: r.get(5)?,
            phone: r.get(6)?,
            organization: r.get(7)?,
            position: r.get(8)?,
            location: r.get(9)?,
            job_family: r.get(10)?,
            expertise: r.get(11)?,
            goals: r.get(12)?,
            years_experience: r.get(13)?,
            availability: r.get(14)?,
        },
        active: r.get(15)?,
    })
}

/// Inserts a person, or updates the one with the same id. Returns the store key.
pub(crate) fn upsert_person(
    tx: &Transaction,
    id: &str,
    name: &str,
    role: Role,
    f: &PersonFields,
) -> rusqlite::Result<i64> {
    let optional = [
        ("login", &f.login),
        ("email", &f.email),
        ("phone", &f.phone),
        ("organization", &f.organization),
        ("position", &f.position),
        ("location", &f.location),
        ("job family", &f.job_family),
        ("expertise", &f.expertise),
        ("goals", &f.goals),
        ("availability", &f.availability),
    ];
    super::check_text_sql(
        [("id", id), ("name", name)].into_iter().chain(
            optional
                .iter()
                .filter_map(|(field, v)| Some((*field, v.as_deref()?))),
        ),
    )?;
    tx.query_row(
        "INSERT INTO people (id, name, role, login, email, phone, organization, position,
             location, job_family, expertise, goals, years_experience, availability)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role,
             login = excluded.login, email = excluded.email, phone = excluded.phone,
             organization = excluded.organization, position = excluded.position,
             location = excluded.location, job_family = excluded.job_family,
             expertise = excluded.expertise, goals = excluded.goals,
             years_experience = excluded.years_experience, availability = excluded.availability,
             version = version + 1
         RETURNING key",
        params![
            id,
            name,
            role.as_str(),
            f.login,
            f.email,
            f.phone,
            f.organization,
            f.position,
            f.location,
            f.job_family,
            f.expertise,
            f.goals,
            f.years_experience,
            f.availability
        ],
        |r| r.get(0),
    )
}

pub(crate) fn person_by_id(conn: &rusqlite::Connection, id: &str) -> rusqlite::Result<Option<Person>> {
    conn.prepare_cached(&format!("SELECT {PERSON_COLUMNS} FROM people WHERE id = ?1"))?
        .query_row([id], person_from_row)
        .optional()
}

impl Store {
    pub fn add_person(&mut self, id: &str, name: &str, role: Role, fields: &PersonFields) -> Result<i64> {
        self.write(|tx| Ok(upsert_person(tx, id, name, role, fields)?))
    }

    pub fn people(&self) -> Result<Vec<Person>> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM people ORDER BY id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], person_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn people_with_role(&self, role: Role) -> Result<Vec<Person>> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM people WHERE role = ?1 AND active = 1 ORDER BY name");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([role.as_str()], person_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn person(&self, key: i64) -> Result<Option<Person>> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM people WHERE key = ?1");
        Ok(self.conn.query_row(&sql, [key], person_from_row).optional()?)
    }

    pub fn person_by_id(&self, id: &str) -> Result<Option<Person>> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM people WHERE id = ?1");
        Ok(self.conn.query_row(&sql, [id], person_from_row).optional()?)
    }

    pub fn person_by_login(&self, login: &str) -> Result<Option<Person>> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM people WHERE login = ?1");
        Ok(self.conn.query_row(&sql, [login], person_from_row).optional()?)
    }

    /// Adds a new person (an id already taken is refused) and records it.
    pub fn insert_person(
        &mut self,
        id: &str,
        name: &str,
        role: Role,
        fields: &PersonFields,
        actor: &str,
    ) -> Result<i64> {
        self.write(|tx| {
            if person_by_id(tx, id)?.is_some() {
                return Err(Error::Input(format!("id '{id}' is already someone's")));
            }
            let key = upsert_person(tx, id, name, role, fields)?;
            audit::record(
                tx,
                actor,
                "add",
                "person",
                Some(key),
                &format!("{name} ({id}), {role}"),
            )?;
            Ok(key)
        })
    }

    /// Changes a person's name and details (not their id, role or whether they are active).
    pub fn update_person(&mut self, key: i64, name: &str, fields: &PersonFields, actor: &str) -> Result<()> {
        self.write(|tx| {
            let (id, role): (String, String) = tx
                .query_row("SELECT id, role FROM people WHERE key = ?1", [key], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?
                .ok_or_else(|| Error::Input("that person is no longer in the program".into()))?;
            upsert_person(tx, &id, name, word(&role)?, fields)?;
            audit::record(tx, actor, "edit", "person", Some(key), &format!("{name} ({id})"))?;
            Ok(())
        })
    }

    /// Gives a person another role, ending their open assignments on `on`. Returns how many ended.
    pub fn change_role(&mut self, key: i64, role: Role, on: NaiveDate, actor: &str) -> Result<usize> {
        self.write(|tx| {
            let before: String = tx
                .query_row("SELECT role FROM people WHERE key = ?1", [key], |r| r.get(0))
                .optional()?
                .ok_or_else(|| Error::Input("that person is no longer in the program".into()))?;
            tx.execute(
                "UPDATE people SET role = ?2 WHERE key = ?1",
                params![key, role.as_str()],
            )?;
            let ended = end_open_assignments(tx, key, on, EndReason::Cancelled)?;
            let detail = format!("role {before} → {role}; {ended} open assignment(s) ended");
            audit::record(tx, actor, "role", "person", Some(key), &detail)?;
            Ok(ended)
        })
    }

    /// Deactivates a person, ending their open assignments on `on`, or reactivates them.
    /// Returns how many assignments ended.
    pub fn set_active(&mut self, key: i64, active: bool, on: NaiveDate, actor: &str) -> Result<usize> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE people SET active = ?2 WHERE key = ?1 AND active != ?2",
                params![key, active],
            )?;
            if changed == 0 {
                let state = if active { "active" } else { "deactivated" };
                return Err(Error::Input(format!("that person is already {state}")));
            }
            let ended = if active {
                0
            } else {
                end_open_assignments(tx, key, on, EndReason::LeftOrganization)?
            };
            let (action, detail) = match active {
                true => ("reactivate", String::new()),
                false => ("deactivate", format!("{ended} open assignment(s) ended")),
            };
            audit::record(tx, actor, action, "person", Some(key), &detail)?;
            Ok(ended)
        })
    }

    /// How many open assignments a person is in, on either side.
    pub fn open_assignment_count(&self, key: i64) -> Result<usize> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM assignments WHERE (mentor = ?1 OR mentee = ?1) AND ended_on IS NULL",
            [key],
            |r| r.get(0),
        )?)
    }

    /// The audit entries about one person, newest first.
    pub fn audit_about_person(&self, key: i64, limit: u32) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT at, actor, action, entity, entity_key, detail FROM audit_log
             WHERE entity = 'person' AND entity_key = ?1 ORDER BY key DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![key, limit], |r| {
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

/// Ends every open assignment a person is in, on either side. Returns how many.
pub(crate) fn end_open_assignments(
    tx: &Transaction,
    key: i64,
    on: NaiveDate,
    reason: EndReason,
) -> rusqlite::Result<usize> {
    tx.execute(
        "UPDATE assignments SET ended_on = ?2, end_reason = ?3
         WHERE (mentor = ?1 OR mentee = ?1) AND ended_on IS NULL",
        params![key, on.to_string(), reason.as_str()],
    )
}
