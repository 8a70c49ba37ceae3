//! People: everyone in the program can see who is in it; only a coordinator adds people.

use super::Session;
use crate::domain::contacts::check_link;
use crate::domain::permissions::{Action, Relation};
use crate::domain::records::{Person, PersonFields};
use crate::domain::types::Role;
use crate::error::{Error, Result};
use std::collections::HashMap;

impl Session {
    pub fn people(&self) -> Result<Vec<Person>> {
        self.store.people()
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
        self.require(Action::ManagePeople, Relation::Program)?;
        self.store.add_person(id, name, role, fields)
    }

    /// Links a guardian, school staff member or provider to a student: the student's mentor may
    /// then log contacts with them.
    pub fn link_student(&mut self, person: &Person, student: &Person) -> Result<()> {
        self.require(Action::ManagePeople, Relation::Program)?;
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
        self.require(Action::WriteLetter, relation)
    }
}
