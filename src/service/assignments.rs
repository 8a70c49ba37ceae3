//! Assignments: who mentors whom. Coordinators assign and end them; everyone sees their own.

use super::Session;
use crate::domain::matching::{broken_rules, refusal};
use crate::domain::permissions::{Permission, Relation};
use crate::domain::records::{Assignment, Editing, Person};
use crate::domain::types::EndReason;
use crate::error::{Error, Result};
use chrono::NaiveDate;

impl Session {
    /// Assigns a pair. A pair the program's rules exclude (see [`Session::match_objection`]) is
    /// assigned only with `force` (the user confirmed), and the audit log says which rules it
    /// broke.
    pub fn assign(&mut self, mentor: i64, mentee: i64, started_on: NaiveDate, force: bool) -> Result<i64> {
        self.assign_with_gid((mentor, mentee), started_on, force, None)
    }

    /// `assign` under the global id the pair was assigned with elsewhere (a laptop copy).
    pub(crate) fn assign_with_gid(
        &mut self,
        (mentor, mentee): (i64, i64),
        started_on: NaiveDate,
        force: bool,
        gid: Option<&str>,
    ) -> Result<i64> {
        self.require(Permission::Assign, Relation::Program)?;
        let broken = self.match_objection(mentor, mentee)?;
        if !broken.is_empty() && !force {
            return Err(Error::Input(format!(
                "the program's rules exclude this pair: {}; assign anyway with --force",
                broken.join("; ")
            )));
        }
        let overridden = (!broken.is_empty()).then(|| broken.join("; "));
        let actor = self.actor();
        self.store
            .assign((mentor, mentee), started_on, gid, &actor, overridden.as_deref())
    }

    /// The rules a pair breaks (empty when none): an applicant the committee has not accepted as
    /// mentor, the program's eligibility rules; an error when the pair can never be assigned (a
    /// person with themself, or someone who is not a mentee).
    pub fn match_objection(&self, mentor: i64, mentee: i64) -> Result<Vec<String>> {
        let person = |key| {
            self.store
                .person(key)?
                .ok_or_else(|| Error::Input(format!("no person with key {key}")))
        };
        let (mentor, mentee) = (person(mentor)?, person(mentee)?);
        if let Some(refusal) = refusal(&mentor, &mentee) {
            return Err(Error::Input(refusal));
        }
        let mut broken: Vec<String> = self.not_a_mentor(&mentor)?.into_iter().collect();
        broken.extend(broken_rules(&mentor, &mentee, &self.program.settings.eligibility));
        Ok(broken)
    }

    /// Ends an assignment as the user saw it (`editing`): one changed since is [`Error::Conflict`].
    pub fn end_assignment(&mut self, editing: Editing, on: NaiveDate, reason: EndReason) -> Result<()> {
        self.require(Permission::EndAssignment, Relation::Program)?;
        let actor = self.actor();
        self.store.end_assignment(editing, on, reason, &actor)
    }

    pub fn assignment(&self, key: i64) -> Result<Option<Assignment>> {
        self.store.assignment(key)
    }

    /// The global id of the assignment `key` (`id` in `export assignments`).
    pub fn assignment_id(&self, key: i64) -> Result<String> {
        self.store
            .assignment_gid(key)?
            .ok_or_else(|| Error::Failed(format!("assignment {key} has no global id")))
    }

    /// The day a running match's term ends, with its extensions; `None` where the program's
    /// matches have no term.
    pub fn term_ends(&self, assignment: &Assignment) -> Result<Option<NaiveDate>> {
        let extended = self.store.extended_to(assignment.key)?;
        Ok(crate::domain::caseload::term_end(
            assignment.started_on,
            self.program.settings.term_months,
            extended,
        ))
    }

    /// Extends a running match (WVLS: "may be extended") to `until`, later than its term's end
    /// now; audited with the reason.
    pub fn extend_assignment(
        &mut self,
        assignment: &Assignment,
        until: NaiveDate,
        reason: &str,
    ) -> Result<()> {
        self.require(Permission::EndAssignment, Relation::Program)?;
        self.box_only("extending a match")?;
        crate::domain::dates::check_date(until).map_err(|e| Error::Input(format!("until: {e}")))?;
        let Some(ends) = self.term_ends(assignment)? else {
            return Err(Error::Input(
                "the program's matches have no term to extend (setting term_months)".into(),
            ));
        };
        if until <= ends {
            return Err(Error::Input(format!(
                "until {until}: the term already runs to {ends}; an extension goes past it"
            )));
        }
        let actor = self.actor();
        self.store
            .extend_assignment(assignment.key, until, reason, &actor)
    }

    /// Every assignment a person took part in, as mentor or mentee, newest first.
    pub fn assignments_of(&self, person: i64) -> Result<Vec<Assignment>> {
        self.store.assignments_of(person)
    }

    /// The assignments a mentor has had, newest first.
    pub fn mentor_assignments(&self, mentor: i64) -> Result<Vec<Assignment>> {
        self.require_for(Permission::ReadCaseload, mentor)?;
        self.store.mentor_assignments(mentor)
    }

    /// Every assignment as the export writes it.
    pub fn each_assignment_record(
        &self,
        each: &mut dyn FnMut(&crate::domain::records::AssignmentRecord) -> Result<()>,
    ) -> Result<()> {
        self.require(Permission::ExportPeople, Relation::Program)?;
        self.store.each_assignment_record(each)
    }

    pub fn all_assignments(&self) -> Result<Vec<Assignment>> {
        self.require(Permission::ReadProgramDesk, Relation::Program)?;
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

    /// Why a certificate of completion for `mentee` would not be true, or `None` when their
    /// latest match (the one the certificate names) ended completed: never matched, still
    /// running, or ended for another reason. Written anyway only on purpose, and then audited
    /// ([`Session::certificate_anyway`]).
    pub fn certificate_objection(&self, mentee: &Person) -> Result<Option<String>> {
        let latest = self
            .store
            .assignments_of(mentee.key)?
            .into_iter()
            .find(|a| a.mentee == mentee.key);
        let name = &mentee.name;
        Ok(match latest {
            None => Some(format!(
                "{name} was never matched; a certificate of completion is for a completed match"
            )),
            Some(a) => match (a.ended_on, a.end_reason) {
                (Some(_), Some(EndReason::Completed)) => None,
                (Some(on), reason) => Some(format!(
                    "{name}'s match ended on {on} ({}), not completed",
                    reason.map_or("no reason", EndReason::as_str)
                )),
                (None, _) => Some(format!("{name}'s match is still active")),
            },
        })
    }

    /// Records in the audit log that a certificate of completion for `mentee` was written over
    /// `objection` (from [`Session::certificate_objection`]).
    pub fn certificate_anyway(&mut self, mentee: &Person, objection: &str) -> Result<()> {
        self.require_letter_about(Some(mentee))?;
        let actor = self.actor();
        self.store.record(
            "certificate",
            "person",
            Some(mentee.key),
            &format!(
                "certificate of completion for {} written anyway: {objection}",
                mentee.name
            ),
            &actor,
        )
    }
}
