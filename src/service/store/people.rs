use super::{Store, audit, versions, word};
use crate::domain::records::{Editing, Person, PersonEntry, PersonFields};
use crate::domain::types::{EndReason, Role};
use crate::error::{Error, Result};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, Transaction, params};

const PERSON_COLUMNS: &str = "key, id, name, role, login, email, phone, organization, position,
    location, job_family, expertise, goals, years_experience, availability, active, version";

/// How many columns [`PERSON_COLUMNS`] names.
const PERSON_COLUMN_COUNT: usize = 17;

fn person_from_row(r: &Row) -> rusqlite::Result<Person> {
    person_at(r, 0)
}

/// The person whose [`PERSON_COLUMNS`] start at column `at`.
fn person_at(r: &Row, at: usize) -> rusqlite::Result<Person> {
    Ok(Person {
        key: r.get(at)?,
        id: r.get(at + 1)?,
        name: r.get(at + 2)?,
        role: word(&r.get::<_, String>(at + 3)?)?,
        fields: PersonFields {
            login: r.get(at + 4)?,
            email: r.get(at + 5)?,
            phone: r.get(at + 6)?,
            organization: r.get(at + 7)?,
            position: r.get(at + 8)?,
            location: r.get(at + 9)?,
            job_family: r.get(at + 10)?,
            expertise: r.get(at + 11)?,
            goals: r.get(at + 12)?,
            years_experience: r.get(at + 13)?,
            availability: r.get(at + 14)?,
        },
        active: r.get(at + 15)?,
        version: r.get(at + 16)?,
    })
}

/// Inserts a person, or updates the one with the same id. Returns the store key.
pub(crate) fn upsert_person(
    tx: &Transaction,
    gid: Option<&str>,
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
             location, job_family, expertise, goals, years_experience, availability, gid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
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
            f.availability,
            super::gid_or_new(gid)
        ],
        |r| r.get(0),
    )
}

pub(crate) fn person_by_id(conn: &rusqlite::Connection, id: &str) -> rusqlite::Result<Option<Person>> {
    conn.prepare_cached(&format!("SELECT {PERSON_COLUMNS} FROM people WHERE id = ?1"))?
        .query_row([id], person_from_row)
        .optional()
}

/// `name LIKE` each of `words` (any case), as SQL with its arguments numbered from `first`.
fn name_has_words(columns: &[&str], words: &[String], first: usize) -> (String, Vec<String>) {
    let mut sql = String::new();
    let mut args = Vec::new();
    for word in words {
        args.push(format!(
            "%{}%",
            word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
        ));
        let n = first + args.len() - 1;
        let any: Vec<String> = columns
            .iter()
            .map(|c| format!("{c} LIKE ?{n} ESCAPE '\\'"))
            .collect();
        sql.push_str(&format!(" AND ({})", any.join(" OR ")));
    }
    (sql, args)
}

impl Store {
    /// Active pairs (mentor, person) whose person's or mentor's name holds every one of `words`,
    /// of one mentor or all, by the person's name then the mentor's; at most `limit`.
    pub fn active_pairs_named(
        &self,
        mentor: Option<i64>,
        words: &[String],
        limit: usize,
    ) -> Result<Vec<(Person, Person)>> {
        let columns = |alias: &str| {
            PERSON_COLUMNS
                .split(',')
                .map(|c| format!("{alias}.{}", c.trim()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (named, words) = name_has_words(&["p.name", "m.name"], words, 3);
        let sql = format!(
            "SELECT {}, {} FROM assignments a JOIN people m ON m.key = a.mentor
             JOIN people p ON p.key = a.mentee
             WHERE a.ended_on IS NULL AND (?1 IS NULL OR a.mentor = ?1){named}
             ORDER BY p.name, m.name, a.key LIMIT ?2",
            columns("m"),
            columns("p")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let limit = limit.min(i64::MAX as usize) as i64;
        let mut args: Vec<&dyn rusqlite::ToSql> = vec![&mentor, &limit];
        args.extend(words.iter().map(|w| w as &dyn rusqlite::ToSql));
        let mut rows = stmt.query(args.as_slice())?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let mentor = person_from_row(r)?;
            let person = person_at(r, PERSON_COLUMN_COUNT)?;
            out.push((mentor, person));
        }
        Ok(out)
    }

    /// People with one of `roles` whose name holds every one of `words`, other than `mentor`
    /// and the people of `mentor`'s active pairs, by name: `limit` from `offset` on.
    pub fn others_named(
        &self,
        mentor: i64,
        roles: &[Role],
        words: &[String],
        offset: usize,
        limit: usize,
    ) -> Result<Vec<Person>> {
        if roles.is_empty() {
            return Ok(Vec::new());
        }
        let role_slots: Vec<String> = (0..roles.len()).map(|i| format!("?{}", i + 4)).collect();
        let (named, words) = name_has_words(&["name"], words, 4 + roles.len());
        let sql = format!(
            "SELECT {PERSON_COLUMNS} FROM people WHERE key != ?1 AND role IN ({})
             AND key NOT IN (SELECT mentee FROM assignments WHERE mentor = ?1 AND ended_on IS NULL){named}
             ORDER BY name, key LIMIT ?2 OFFSET ?3",
            role_slots.join(", ")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let (limit, offset) = (limit.min(i64::MAX as usize) as i64, offset as i64);
        let role_words: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
        let mut args: Vec<&dyn rusqlite::ToSql> = vec![&mentor, &limit, &offset];
        args.extend(role_words.iter().map(|w| w as &dyn rusqlite::ToSql));
        args.extend(words.iter().map(|w| w as &dyn rusqlite::ToSql));
        let rows = stmt.query_map(args.as_slice(), person_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn add_person(&mut self, id: &str, name: &str, role: Role, fields: &PersonFields) -> Result<i64> {
        self.write(|tx| Ok(upsert_person(tx, None, id, name, role, fields)?))
    }

    /// Every person's global id, by key.
    pub fn people_gids(&self) -> Result<std::collections::HashMap<i64, String>> {
        let mut stmt = self.conn.prepare_cached("SELECT key, gid FROM people")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn people(&self) -> Result<Vec<Person>> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM people ORDER BY id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], person_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every person's key, id, name, login and role, in id order: enough to filter and place
    /// everyone without reading whole records.
    pub fn people_index(&self) -> Result<Vec<PersonEntry>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT key, id, name, login, role FROM people ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(PersonEntry {
                key: r.get(0)?,
                id: r.get(1)?,
                name: r.get(2)?,
                login: r.get(3)?,
                role: word(&r.get::<_, String>(4)?)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The people with these keys, in the order given; a key no longer in the store is left out.
    pub fn people_by_keys(&self, keys: &[i64]) -> Result<Vec<Person>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {PERSON_COLUMNS} FROM people WHERE key = ?1"))?;
        let mut people = Vec::with_capacity(keys.len());
        for &key in keys {
            people.extend(stmt.query_row([key], person_from_row).optional()?);
        }
        Ok(people)
    }

    pub fn people_with_role(&self, role: Role) -> Result<Vec<Person>> {
        self.people_with_role_where(role, |_| true)
    }

    /// The active people with `role` that `keep` keeps, chosen as they are read: a few out of
    /// thousands never hold the memory of all of them.
    pub fn people_with_role_where(
        &self,
        role: Role,
        mut keep: impl FnMut(&Person) -> bool,
    ) -> Result<Vec<Person>> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM people WHERE role = ?1 AND active = 1 ORDER BY name");
        let mut stmt = self.conn.prepare(&sql)?;
        let mut kept = vec![];
        for person in stmt.query_map([role.as_str()], person_from_row)? {
            let person = person?;
            if keep(&person) {
                kept.push(person);
            }
        }
        Ok(kept)
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
        (id, gid): (&str, Option<&str>),
        name: &str,
        role: Role,
        fields: &PersonFields,
        actor: &str,
    ) -> Result<i64> {
        self.write(|tx| {
            if person_by_id(tx, id)?.is_some() {
                return Err(Error::Input(format!("id '{id}' is already someone's")));
            }
            let key = upsert_person(tx, gid, id, name, role, fields)?;
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

    /// Changes a person's name and details (not their id, role or whether they are active),
    /// from the version the edit started from.
    pub fn update_person(
        &mut self,
        editing: Editing,
        name: &str,
        fields: &PersonFields,
        actor: &str,
    ) -> Result<()> {
        self.write(|tx| {
            let before = claimed_person(tx, editing)?;
            upsert_person(tx, None, &before.id, name, before.role, fields)?;
            let after = person_at_key(tx, editing.key)?.ok_or_else(gone)?;
            let detail = format!(
                "{} ({}): {}",
                before.name,
                before.id,
                audit::changes(&person_values(&before), &person_values(&after))
            );
            audit::record(tx, actor, "edit", "person", Some(editing.key), &detail)?;
            Ok(())
        })
    }

    /// Gives a person another role, ending their open assignments on `on`. Returns how many ended.
    pub fn change_role(&mut self, editing: Editing, role: Role, on: NaiveDate, actor: &str) -> Result<usize> {
        self.write(|tx| {
            let before = claimed_person(tx, editing)?;
            tx.execute(
                "UPDATE people SET role = ?2 WHERE key = ?1",
                params![editing.key, role.as_str()],
            )?;
            let ended = end_open_assignments(tx, editing.key, on, EndReason::Cancelled)?;
            let detail = format!(
                "{} ({}): role {} → {role}; {ended} open assignment(s) ended",
                before.name, before.id, before.role
            );
            audit::record(tx, actor, "role", "person", Some(editing.key), &detail)?;
            Ok(ended)
        })
    }

    /// Deactivates a person, ending their open assignments on `on`, or reactivates them.
    /// Returns how many assignments ended.
    pub fn set_active(
        &mut self,
        editing: Editing,
        active: bool,
        on: NaiveDate,
        actor: &str,
    ) -> Result<usize> {
        self.write(|tx| set_active(tx, editing, active, on, actor))
    }

    /// How many open assignments a person is in, on either side.
    pub fn open_assignment_count(&self, key: i64) -> Result<usize> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM assignments WHERE (mentor = ?1 OR mentee = ?1) AND ended_on IS NULL",
            [key],
            |r| r.get(0),
        )?)
    }
}

fn gone() -> Error {
    Error::Input("that person is no longer in the program".into())
}

fn person_at_key(tx: &Transaction, key: i64) -> rusqlite::Result<Option<Person>> {
    tx.prepare_cached(&format!("SELECT {PERSON_COLUMNS} FROM people WHERE key = ?1"))?
        .query_row([key], person_from_row)
        .optional()
}

/// The person as stored before this change, once their version is claimed: a newer version
/// than the edit started from is [`Error::Conflict`].
/// [`Store::set_active`] inside a transaction that is already open (an import).
pub(crate) fn set_active(
    tx: &Transaction,
    editing: Editing,
    active: bool,
    on: NaiveDate,
    actor: &str,
) -> Result<usize> {
    let before = claimed_person(tx, editing)?;
    if before.active == active {
        let state = if active { "active" } else { "deactivated" };
        return Err(Error::Input(format!("{} is already {state}", before.name)));
    }
    tx.execute(
        "UPDATE people SET active = ?2 WHERE key = ?1",
        params![editing.key, active],
    )?;
    let ended = if active {
        0
    } else {
        end_open_assignments(tx, editing.key, on, EndReason::LeftOrganization)?
    };
    let (action, detail) = match active {
        true => ("reactivate", format!("{} ({})", before.name, before.id)),
        false => (
            "deactivate",
            format!(
                "{} ({}): {ended} open assignment(s) ended",
                before.name, before.id
            ),
        ),
    };
    audit::record(tx, actor, action, "person", Some(editing.key), &detail)?;
    Ok(ended)
}

/// A person's global id.
pub(crate) fn gid_of(conn: &rusqlite::Connection, key: i64) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached("SELECT gid FROM people WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
}

pub(crate) fn claimed_person(tx: &Transaction, editing: Editing) -> Result<Person> {
    let before = person_at_key(tx, editing.key)?.ok_or_else(gone)?;
    let claimed = versions::claim(tx, versions::PEOPLE, editing.key, editing.version)
        .map_err(|err| versions::named(err, before.name.clone()))?;
    if !claimed {
        return Err(gone());
    }
    Ok(before)
}

/// A person's name and details as the audit log shows them changed.
fn person_values(p: &Person) -> Vec<(&'static str, String)> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let f = &p.fields;
    vec![
        ("name", p.name.clone()),
        ("login", text(&f.login)),
        ("email", text(&f.email)),
        ("phone", text(&f.phone)),
        ("organization", text(&f.organization)),
        ("position", text(&f.position)),
        ("location", text(&f.location)),
        ("job family", text(&f.job_family)),
        ("expertise", text(&f.expertise)),
        ("goals", text(&f.goals)),
        (
            "years",
            f.years_experience.map(|y| y.to_string()).unwrap_or_default(),
        ),
        ("availability", text(&f.availability)),
    ]
}

/// Ends every open assignment a person is in, on either side. Returns how many.
pub(crate) fn end_open_assignments(
    tx: &Transaction,
    key: i64,
    on: NaiveDate,
    reason: EndReason,
) -> rusqlite::Result<usize> {
    tx.execute(
        "UPDATE assignments SET ended_on = ?2, end_reason = ?3, version = version + 1
         WHERE (mentor = ?1 OR mentee = ?1) AND ended_on IS NULL",
        params![key, on.to_string(), reason.as_str()],
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_column_count_matches_the_columns() {
        assert_eq!(
            super::PERSON_COLUMNS.split(',').count(),
            super::PERSON_COLUMN_COUNT
        );
    }
}
