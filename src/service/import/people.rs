use super::{CsvFile, error_at, whole_number};
use crate::domain::contacts::check_link;
use crate::domain::permissions::{Action, Relation};
use crate::domain::records::PersonFields;
use crate::domain::types::Role;
use crate::error::Result;
use crate::service::Session;
use std::collections::HashMap;
use std::path::Path;

pub const PEOPLE_COLUMNS: &[&str] = &[
    "id",
    "name",
    "role",
    "login",
    "email",
    "phone",
    "organization",
    "position",
    "location",
    "job_family",
    "expertise",
    "goals",
    "years_experience",
    "availability",
    "student_id",
];

/// Imports or updates people by id. Returns how many rows were read.
pub fn import_people(session: &mut Session, path: &Path) -> Result<u64> {
    session.require(Action::ManagePeople, Relation::Program)?;
    let actor = session.actor();
    session.store.seed(&actor, "import", "people", |seed| {
        let mut csv = CsvFile::open(path, PEOPLE_COLUMNS, &["id", "name", "role"])?;
        let mut seen: HashMap<String, u64> = HashMap::new();
        let mut logins: HashMap<String, u64> = HashMap::new();
        let mut links = Vec::new();
        let rows = csv.for_each_row(|row| {
            let id = row.required("id")?;
            if let Some(first) = seen.insert(id.clone(), row.line) {
                return Err(row.error("id", format!("duplicate id '{id}' (first on line {first})")));
            }
            let name = row.required("name")?;
            let role: Role = row
                .parse("role", Role::from_word)?
                .ok_or_else(|| row.error("role", "is required"))?;
            let fields = PersonFields {
                login: row.get("login")?,
                email: row.get("email")?,
                phone: row.get("phone")?,
                organization: row.get("organization")?,
                position: row.get("position")?,
                location: row.get("location")?,
                job_family: row.get("job_family")?,
                expertise: row.get("expertise")?,
                goals: row.get("goals")?,
                years_experience: row.parse("years_experience", whole_number)?,
                availability: row.get("availability")?,
            };
            if let Some(login) = &fields.login {
                if let Some(first) = logins.insert(login.clone(), row.line) {
                    return Err(row.error("login", format!("login '{login}' is already on line {first}")));
                }
                if let Some(other) = seed.login_owner(login, &id)? {
                    return Err(row.error("login", format!("login '{login}' already belongs to '{other}'")));
                }
            }
            let key = seed.person(&id, &name, role, &fields)?;
            if let Some(students) = row.get("student_id")? {
                links.push((row.line, key, role, students));
            }
            Ok(())
        })?;
        // Once every row is in, a student may come anywhere in the file.
        let file = path.display().to_string();
        for (line, key, role, students) in &links {
            for student_id in students.split(';').map(str::trim).filter(|s| !s.is_empty()) {
                let fail = |reason: String| error_at(&file, *line, "student_id", reason);
                let student = seed
                    .person_by_id(student_id)?
                    .ok_or_else(|| fail(format!("no student with id '{student_id}'")))?;
                check_link(*role, student.role).map_err(fail)?;
                seed.link(*key, student.key)?;
            }
        }
        Ok(rows)
    })
}
