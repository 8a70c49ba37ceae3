use super::{Store, word};
use crate::domain::records::{Person, PersonFields};
use crate::domain::types::Role;
use crate::error::Result;
use rusqlite::{OptionalExtension, Row, Transaction, params};

const PERSON_COLUMNS: &str = "key, id, name, role, login, email, phone, organization, position,
    location, job_family, expertise, goals, years_experience, availability";

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
        let sql = format!("SELECT {PERSON_COLUMNS} FROM people WHERE role = ?1 ORDER BY name");
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
}
