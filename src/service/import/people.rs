use super::{CsvFile, whole_number};
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
];

/// Imports or updates people by id. Returns how many rows were read.
pub fn import_people(session: &mut Session, path: &Path) -> Result<u64> {
    session.require(Action::ManagePeople, Relation::Program)?;
    let actor = session.actor();
    session.store.seed(&actor, "import", "people", |seed| {
        let mut csv = CsvFile::open(path, PEOPLE_COLUMNS, &["id", "name", "role"])?;
        let mut seen: HashMap<String, u64> = HashMap::new();
        let mut logins: HashMap<String, u64> = HashMap::new();
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
            seed.person(&id, &name, role, &fields)?;
            Ok(())
        })?;
        Ok(rows)
    })
}
