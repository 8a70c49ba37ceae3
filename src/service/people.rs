//! People: everyone in the program can see who is in it; only a coordinator adds people.

use super::Session;
use crate::domain::contacts::check_link;
use crate::domain::permissions::{Permission, Relation};
use crate::domain::records::{
    Assignment, ContactFilter, ContactRow, Editing, Person, PersonEntry, PersonFields,
};
use crate::domain::removal::{Ground, Notice};
use crate::domain::types::Role;
use crate::error::{Error, Result};
use std::collections::HashMap;

/// Everything the program holds about one person, for the People screen.
pub struct PersonHistory {
    pub person: Person,
    /// Each assignment with the name of the other side, newest first.
    pub assignments: Vec<(Assignment, String)>,
    pub contacts: Vec<ContactRow>,
    /// The audit entries about them, newest first.
    pub audit: Vec<super::audit::AuditLine>,
}

/// How many contacts and audit entries a history shows.
const HISTORY_ROWS: u32 = 200;

impl Session {
    /// Every person's global id, by key (for exports).
    pub fn people_gids(&self) -> Result<HashMap<i64, String>> {
        self.require(Permission::ExportPeople, Relation::Program)?;
        self.store.people_gids()
    }

    pub fn people(&self) -> Result<Vec<Person>> {
        self.store.people()
    }

    /// Everyone's key, id, name, login and role, in id order (the People screen's list).
    pub fn people_index(&self) -> Result<Vec<PersonEntry>> {
        self.store.people_index()
    }

    /// The people with these keys, in that order, leaving out any no longer there.
    pub fn people_by_keys(&self, keys: &[i64]) -> Result<Vec<Person>> {
        self.store.people_by_keys(keys)
    }

    pub fn people_with_role(&self, role: Role) -> Result<Vec<Person>> {
        self.store.people_with_role(role)
    }

    pub fn person(&self, key: i64) -> Result<Option<Person>> {
        self.store.person(key)
    }

    pub fn person_by_login(&self, login: &str) -> Result<Option<Person>> {
        self.store.person_by_login(login)
    }

    pub fn person_by_id(&self, id: &str) -> Result<Option<Person>> {
        self.store.person_by_id(id)
    }

    /// The person with this id, or an error naming `what` (an option or a column).
    pub fn require_person(&self, id: &str, what: &str) -> Result<Person> {
        self.person_by_id(id)?
            .ok_or_else(|| Error::Input(format!("{what} '{id}': no person with that id")))
    }

    /// Every person's id and name by store key: for long lists that name many people.
    pub fn names(&self) -> Result<HashMap<i64, (String, String)>> {
        self.store.names()
    }

    pub fn add_person(&mut self, id: &str, name: &str, role: Role, fields: &PersonFields) -> Result<i64> {
        self.require(Permission::ManagePeople, Relation::Program)?;
        self.store.add_person(id, name, role, fields)
    }

    /// Adds someone new from the People screen; an id already taken is refused. Audited.
    pub fn create_person(&mut self, id: &str, name: &str, role: Role, fields: &PersonFields) -> Result<i64> {
        self.create_person_with_gid((id, None), name, role, fields)
    }

    /// `create_person` under the global id the person was added with elsewhere (a laptop copy).
    pub(crate) fn create_person_with_gid(
        &mut self,
        (id, gid): (&str, Option<&str>),
        name: &str,
        role: Role,
        fields: &PersonFields,
    ) -> Result<i64> {
        self.require(Permission::ManagePeople, Relation::Program)?;
        let (id, name) = (required("id", id)?, required("name", name)?);
        self.check_login_free(fields, None)?;
        let actor = self.actor();
        self.store.insert_person((id, gid), name, role, fields, &actor)
    }

    /// Changes a person's name and details; the id stays, and the role changes only through
    /// [`Session::change_role`]. Saving over a newer version than `editing` started from is
    /// [`Error::Conflict`]. Audited.
    pub fn edit_person(&mut self, editing: Editing, name: &str, fields: &PersonFields) -> Result<()> {
        self.require(Permission::ManagePeople, Relation::Program)?;
        let name = required("name", name)?;
        self.check_login_free(fields, Some(editing.key))?;
        let actor = self.actor();
        self.store.update_person(editing, name, fields, &actor)?;
        if editing.key == self.me.key {
            self.context.me = self.existing(editing.key)?;
        }
        Ok(())
    }

    /// What giving `person` the role `role` will do, in a sentence for the confirmation.
    pub fn role_change_consequences(&self, person: &Person, role: Role) -> Result<String> {
        self.require(Permission::ManagePeople, Relation::Program)?;
        let open = self.store.open_assignment_count(person.key)?;
        let mut said = format!("{} becomes {role}", person.name);
        if open > 0 {
            said.push_str(&format!("; their {open} open assignment(s) end today"));
        }
        let quota = match self.program.settings.quota {
            Some(quota) => format!(" and the quota of {quota} a month"),
            None => String::new(),
        };
        match (person.role == Role::Mentor, role == Role::Mentor) {
            (true, false) => said.push_str(&format!("; they leave the mentor lists{quota}")),
            (false, true) => said.push_str(&format!("; they get a caseload{quota}")),
            _ => {}
        }
        Ok(said)
    }

    /// Gives someone another role; their open assignments end today. Returns how many ended.
    /// A newer version of the person than `editing` is [`Error::Conflict`].
    pub fn change_role(&mut self, editing: Editing, role: Role) -> Result<usize> {
        self.require(Permission::ManagePeople, Relation::Program)?;
        self.not_myself(editing.key, "change your own role")?;
        let person = self.existing(editing.key)?;
        if person.role == role {
            return Err(Error::Input(format!("{} is already {role}", person.name)));
        }
        let actor = self.actor();
        self.store.change_role(editing, role, self.today, &actor)
    }

    /// Deactivates someone (they leave caseloads and pickers, their open assignments end today,
    /// their records stay) or reactivates them. Returns how many assignments ended. A newer
    /// version of the person than `editing` is [`Error::Conflict`].
    pub fn set_person_active(&mut self, editing: Editing, active: bool) -> Result<usize> {
        self.require(Permission::ManagePeople, Relation::Program)?;
        self.not_myself(editing.key, "deactivate yourself")?;
        let actor = self.actor();
        self.store.set_active(editing, active, self.today, &actor)
    }

    /// A person's assignments, contacts and the audit entries about them.
    pub fn person_history(&self, key: i64) -> Result<PersonHistory> {
        self.require(Permission::ManagePeople, Relation::Program)?;
        self.require(Permission::ReadAuditLog, Relation::Program)?;
        let person = self.existing(key)?;
        let names = self.names()?;
        let assignments = self
            .assignments_of(key)?
            .into_iter()
            .map(|a| {
                let other = if a.mentee == key { a.mentor } else { a.mentee };
                let name = names
                    .get(&other)
                    .map(|(_, name)| name.clone())
                    .unwrap_or_default();
                (a, name)
            })
            .collect();
        let filter = ContactFilter {
            person: Some(key),
            ..Default::default()
        };
        let mut contacts = self.contacts(&filter, None, HISTORY_ROWS)?;
        let as_mentor = ContactFilter {
            mentor: Some(key),
            ..Default::default()
        };
        contacts.extend(self.contacts(&as_mentor, None, HISTORY_ROWS)?);
        contacts.sort_by_key(|row| std::cmp::Reverse(row.contact.input.occurred_at));
        let audit = self.audit_about(key, HISTORY_ROWS)?;
        Ok(PersonHistory {
            person,
            assignments,
            contacts,
            audit,
        })
    }

    fn existing(&self, key: i64) -> Result<Person> {
        self.person(key)?
            .ok_or_else(|| Error::Input("that person is no longer in the program".into()))
    }

    fn not_myself(&self, key: i64, what: &str) -> Result<()> {
        if key == self.me.key {
            return Err(Error::Input(format!(
                "you cannot {what}: another coordinator has to"
            )));
        }
        Ok(())
    }

    fn check_login_free(&self, fields: &PersonFields, editing: Option<i64>) -> Result<()> {
        let Some(login) = &fields.login else {
            return Ok(());
        };
        match self.person_by_login(login)? {
            Some(owner) if Some(owner.key) != editing => Err(Error::Input(format!(
                "login '{login}' already belongs to {} ({})",
                owner.name, owner.id
            ))),
            _ => Ok(()),
        }
    }

    /// Links a guardian, school staff member or provider to a student: the student's mentor may
    /// then log contacts with them.
    pub fn link_student(&mut self, person: &Person, student: &Person) -> Result<()> {
        self.require(Permission::ManagePeople, Relation::Program)?;
        self.box_only("linking someone to a student")?;
        check_link(person.role, student.role).map_err(Error::Input)?;
        let actor = self.actor();
        self.store.link_student(person.key, student.key, &actor)
    }

    /// Every link between someone around a student and the student: (person, student).
    pub fn student_links(&self) -> Result<Vec<(i64, i64)>> {
        self.store.student_links()
    }

    /// Whether the acting user may write a letter about `person` (`None`: a program notice).
    pub fn require_letter_about(&self, person: Option<&Person>) -> Result<()> {
        let relation = match person {
            None => Relation::Program,
            Some(p) if self.is_on_my_caseload(p.key)? => Relation::Own,
            Some(_) => Relation::Others,
        };
        self.require(Permission::WriteLetter, relation)
    }
}

/// A required text, trimmed, or an error naming it.
fn required<'a>(what: &str, text: &'a str) -> Result<&'a str> {
    match text.trim() {
        "" => Err(Error::Input(format!("{what} is required"))),
        text => Ok(text),
    }
}

impl Session {
    /// The active mentor with this id, for a warning or a removal.
    fn active_mentor(&self, id: &str) -> Result<Person> {
        let mentor = self.require_person(id, "--mentor")?;
        if mentor.role != Role::Mentor {
            return Err(Error::Input(format!(
                "{} is a {}, not a mentor",
                mentor.name, mentor.role
            )));
        }
        if !mentor.active {
            return Err(Error::Input(format!("{} is deactivated", mentor.name)));
        }
        Ok(mentor)
    }

    /// Warns a mentor on one of the program's grounds for removal: recorded, audited, and told
    /// to the mentor (on their next start and in the digest).
    pub fn warn_mentor(&mut self, id: &str, ground: Ground, note: &str) -> Result<Person> {
        self.require(Permission::ManagePeople, Relation::Program)?;
        self.box_only("warning a mentor")?;
        let mentor = self.active_mentor(id)?;
        let note = note.trim();
        let text = crate::domain::removal::warning_text(ground, note);
        let (actor, sender) = (self.actor(), self.me.name.clone());
        let today = self.today;
        self.store
            .warn_mentor(mentor.key, ground, note, &text, today, (&actor, &sender))?;
        Ok(mentor)
    }

    /// Asks a mentor to leave on one of the program's grounds: they are deactivated (their open
    /// assignments end, their records stay), and the ground is recorded and audited. Returns how
    /// many assignments ended.
    pub fn remove_mentor(&mut self, id: &str, ground: Ground, note: &str) -> Result<(Person, usize)> {
        self.require(Permission::ManagePeople, Relation::Program)?;
        self.box_only("asking a mentor to leave")?;
        let mentor = self.active_mentor(id)?;
        let actor = self.actor();
        let today = self.today;
        let ended = self
            .store
            .remove_mentor(mentor.editing(), ground, note.trim(), today, &actor)?;
        Ok((mentor, ended))
    }

    /// A mentor's warnings and removal, oldest first.
    pub fn notices(&self, mentor: i64) -> Result<Vec<Notice>> {
        self.require_for(Permission::ReadCaseload, mentor)?;
        self.store.notices(mentor)
    }
}
