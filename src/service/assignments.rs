//! Assignments: who mentors whom. Coordinators assign and end them; everyone sees their own.

use super::Session;
use crate::domain::permissions::{Action, Relation};
use crate::domain::records::Assignment;
use crate::domain::types::EndReason;
use crate::error::Result;
use chrono::NaiveDate;

impl Session {
    pub fn assign(&mut self, mentor: i64, mentee: i64, started_on: NaiveDate) -> Result<i64> {
        self.require(Action::Assign, Relation::Program)?;
        let actor = self.actor();
        self.store.assign(mentor, mentee, started_on, &actor)
    }

    pub fn end_assignment(&mut self, key: i64, on: NaiveDate, reason: EndReason) -> Result<()> {
        self.require(Action::EndAssignment, Relation::Program)?;
        let actor = self.actor();
        self.store.end_assignment(key, on, reason, &actor)
    }

    pub fn assignment(&self, key: i64) -> Result<Option<Assignment>> {
        self.store.assignment(key)
    }

    /// Every assignment a person took part in, as mentor or mentee, newest first.
    pub fn assignments_of(&self, person: i64) -> Result<Vec<Assignment>> {
        self.store.assignments_of(person)
    }

    /// The assignments a mentor has had, newest first.
    pub fn mentor_assignments(&self, mentor: i64) -> Result<Vec<Assignment>> {
        self.require_for(Action::ReadCaseload, mentor)?;
        self.store.mentor_assignments(mentor)
    }

    pub fn all_assignments(&self) -> Result<Vec<Assignment>> {
        self.require(Action::ReadProgramDesk, Relation::Program)?;
        self.store.all_assignments()
    }

    /// Whether `person` is assigned to the acting mentor (now): letters, forms about a mentee.
    pub fn is_on_my_caseload(&self, person: i64) -> Result<bool> {
        Ok(self
            .store
            .assignments_of(person)?
            .iter()
            .any(|a| a.mentee == person && a.mentor == self.me.key))
    }
}
