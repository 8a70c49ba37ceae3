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
             years_experience = excluded.years_experience, availability = excluded.availability
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
            let person = Person {
                key: r.get(15)?,
                id: r.get(16)?,
                name: r.get(17)?,
                role: word(&r.get::<_, String>(18)?)?,
                fields: PersonFields {
                    login: r.get(19)?,
                    email: r.get(20)?,
                    phone: r.get(21)?,
                    organization: r.get(22)?,
                    position: r.get(23)?,
                    location: r.get(24)?,
                    job_family: r.get(25)?,
                    expertise: r.get(26)?,
                    goals: r.get(27)?,
                    years_experience: r.get(28)?,
                    availability: r.get(29)?,
                },
            };
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
