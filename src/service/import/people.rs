use super::{CsvFile, CsvRow, error_at, whole_number};
use crate::domain::contacts::check_link;
use crate::domain::permissions::{Permission, Relation};
use crate::domain::records::{Editing, PersonFields};
use crate::domain::types::Role;
use crate::error::{Error, Result};
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
    // `yes` or `no`: whether the person takes part now (blank keeps it; new people are active).
    "active",
    // The person's global id: the same wherever the program is exported and imported.
    "gid",
];

/// What a people import did, or would do: the rows it read, the people it adds, the people whose
/// stored values it changes, the role changes and the fields it clears.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PeopleImport {
    pub rows: u64,
    pub new: Vec<String>,
    pub changed: Vec<String>,
    /// Id, role before, role after, and how many open assignments that ended.
    pub role_changes: Vec<(String, Role, Role, usize)>,
    /// Id and the column cleared.
    pub cleared: Vec<(String, &'static str)>,
    /// Ids of people the file deactivates or reactivates.
    pub activity: Vec<String>,
}

impl PeopleImport {
    /// Whether the import changes what cannot be taken back by re-importing the same file:
    /// someone's role, or a stored value erased.
    pub fn needs_confirmation(&self) -> bool {
        !self.role_changes.is_empty() || !self.cleared.is_empty()
    }

    /// The counts, then one line per kind of change (a long list of ids is shortened), as the
    /// CLI prints them.
    pub fn summary(&self) -> Vec<String> {
        const SHOWN: usize = 10;
        let list = |ids: &[String]| match ids.len() {
            n if n > SHOWN => format!("{} … and {} more", ids[..SHOWN].join(", "), n - SHOWN),
            _ => ids.join(", "),
        };
        let mut lines = vec![format!(
            "{} new, {} changed, {} role change(s), {} field(s) cleared",
            self.new.len(),
            self.changed.len(),
            self.role_changes.len(),
            self.cleared.len()
        )];
        if !self.new.is_empty() {
            lines.push(format!("new: {}", list(&self.new)));
        }
        if !self.changed.is_empty() {
            lines.push(format!("changed: {}", list(&self.changed)));
        }
        if !self.activity.is_empty() {
            lines.push(format!("deactivated or reactivated: {}", list(&self.activity)));
        }
        for (id, from, to, ended) in &self.role_changes {
            lines.push(format!(
                "role: {id} {from} → {to} ({ended} open assignment(s) end)"
            ));
        }
        for (id, column) in &self.cleared {
            lines.push(format!("cleared: {id} {column}"));
        }
        lines
    }
}

/// The text fields of a person by import column, to compare and merge one by one.
fn text_fields(f: &mut PersonFields) -> [(&'static str, &mut Option<String>); 10] {
    [
        ("login", &mut f.login),
        ("email", &mut f.email),
        ("phone", &mut f.phone),
        ("organization", &mut f.organization),
        ("position", &mut f.position),
        ("location", &mut f.location),
        ("job_family", &mut f.job_family),
        ("expertise", &mut f.expertise),
        ("goals", &mut f.goals),
        ("availability", &mut f.availability),
    ]
}

/// One cell over a stored value: a blank cell keeps it, `-` clears it, anything else replaces it.
fn merge<T: PartialEq>(
    row: &CsvRow,
    column: &'static str,
    cell: Option<T>,
    slot: &mut Option<T>,
    cleared: &mut Vec<&'static str>,
) {
    if row.clears(column) {
        if slot.take().is_some() {
            cleared.push(column);
        }
    } else if let Some(value) = cell {
        *slot = Some(value);
    }
}

/// Imports or updates people by id. A blank cell keeps the stored value and `-` clears it. A role
/// change ends the person's open assignments today, as it does in the app. A role change or a
/// cleared field is refused (and nothing is written) unless `confirmed` (`--yes`).
pub fn import_people(session: &mut Session, path: &Path, confirmed: bool) -> Result<PeopleImport> {
    session.require(Permission::ManagePeople, Relation::Program)?;
    let actor = session.actor();
    let today = session.today;
    session.store.seed(&actor, "import", "people", |seed| {
        let mut csv = CsvFile::open(path, PEOPLE_COLUMNS, &["id", "name", "role"])?;
        let mut seen: HashMap<String, u64> = HashMap::new();
        let mut logins: HashMap<String, u64> = HashMap::new();
        let mut report = PeopleImport::default();
        let mut links = Vec::new();
        report.rows = csv.for_each_row(|row| {
            let id = row.required("id")?;
            if let Some(first) = seen.insert(id.clone(), row.line) {
                return Err(row.error("id", format!("duplicate id '{id}' (first on line {first})")));
            }
            let name = row.required("name")?;
            let role: Role = row
                .parse("role", Role::from_word)?
                .ok_or_else(|| row.error("role", "is required"))?;
            let stored = seed.person_by_id(&id)?;
            let mut fields = stored.as_ref().map(|p| p.fields.clone()).unwrap_or_default();
            let mut cleared = Vec::new();
            for (column, slot) in text_fields(&mut fields) {
                merge(row, column, row.get(column)?, slot, &mut cleared);
            }
            let years = row.parse("years_experience", whole_number)?;
            merge(
                row,
                "years_experience",
                years,
                &mut fields.years_experience,
                &mut cleared,
            );
            if let Some(login) = &fields.login {
                if let Some(first) = logins.insert(login.clone(), row.line) {
                    return Err(row.error("login", format!("login '{login}' is already on line {first}")));
                }
                if let Some(other) = seed.login_owner(login, &id)? {
                    return Err(row.error("login", format!("login '{login}' already belongs to '{other}'")));
                }
            }
            match &stored {
                None => report.new.push(id.clone()),
                Some(p) if p.name != name || p.role != role || p.fields != fields => {
                    report.changed.push(id.clone());
                    if p.role != role {
                        let ended = seed.end_open_assignments(p.key, today)?;
                        report.role_changes.push((id.clone(), p.role, role, ended));
                    }
                }
                Some(_) => {}
            }
            report
                .cleared
                .extend(cleared.into_iter().map(|column| (id.clone(), column)));
            let gid = row.parse("gid", super::parse_gid)?;
            if let (Some(p), Some(gid)) = (&stored, &gid)
                && seed.person_gid(p.key)?.as_deref() != Some(gid.as_str())
            {
                return Err(row.error(
                    "gid",
                    format!("'{id}' is another person here (a different global id); leave the row out, or its gid blank to update them"),
                ));
            }
            let active = row.parse("active", yes_no)?;
            let key = seed.person_with_gid(gid.as_deref(), &id, &name, role, &fields)?;
            let was_active = stored.as_ref().is_none_or(|p| p.active);
            if let Some(active) = active.filter(|a| *a != was_active) {
                let version = seed.person_by_id(&id)?.map_or(1, |p| p.version);
                seed.set_active(Editing { key, version }, active, today)?;
                if stored.is_some() {
                    report.activity.push(id.clone());
                }
            }
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
        if report.needs_confirmation() && !confirmed {
            // Returning an error rolls the whole transaction back: nothing is written.
            return Err(Error::Input(format!(
                "{}: nothing imported; {}. Run again with --yes to apply",
                path.display(),
                report.summary().join("; ")
            )));
        }
        Ok(report)
    })
}

/// `yes` or `no` (also `true`/`false`, `1`/`0`), any case.
fn yes_no(text: &str) -> std::result::Result<bool, String> {
    match text.to_ascii_lowercase().as_str() {
        "yes" | "true" | "1" => Ok(true),
        "no" | "false" | "0" => Ok(false),
        _ => Err(format!("'{text}' is neither yes nor no")),
    }
}
