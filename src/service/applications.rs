//! NEA mentor applications: the committee's files, kept by the coordinator. Matching offers
//! only the applicants the committee accepted, where the program takes applications.

use super::Session;
use crate::domain::applications::{
    Application, CoverLetter, Decision, Reference, Status, Verdict, check_decision, mentor_from,
    not_a_mentor_yet,
};
use crate::domain::permissions::{Permission, Relation};
use crate::domain::records::Person;
use crate::domain::types::Role;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

/// An applicant's file with who they are and where it stands.
#[derive(Debug, Clone, Serialize)]
pub struct Applicant {
    pub person_id: String,
    pub name: String,
    pub status: Status,
    pub missing: Vec<&'static str>,
    #[serde(flatten)]
    pub application: Application,
    #[serde(skip)]
    pub person: Person,
}

impl Session {
    /// Every applicant, in the order their applications came in.
    pub fn applicants(&self) -> Result<Vec<Applicant>> {
        self.require(Permission::ReadApplications, Relation::Program)?;
        let mut out = Vec::new();
        for application in self.store.applications()? {
            let Some(person) = self.store.person(application.person)? else {
                continue;
            };
            out.push(Applicant {
                person_id: person.id.clone(),
                name: person.name.clone(),
                status: application.status(),
                missing: application.missing(),
                application,
                person,
            });
        }
        Ok(out)
    }

    /// Opens an applicant's file, received on `on`. Applicants apply to be mentors.
    pub fn open_application(&mut self, person: &Person, on: NaiveDate) -> Result<()> {
        self.open_application_with_gid(person, on, None)
    }

    /// `open_application` under the global id the file was opened with elsewhere (a laptop copy).
    pub(crate) fn open_application_with_gid(
        &mut self,
        person: &Person,
        on: NaiveDate,
        gid: Option<&str>,
    ) -> Result<()> {
        self.require(Permission::ManageApplications, Relation::Program)?;
        if person.role != Role::Mentor {
            return Err(Error::Input(format!(
                "{} is on file as {}; applicants apply to be mentors",
                person.name,
                person.role.label().to_lowercase()
            )));
        }
        let actor = self.actor();
        self.store.open_application(person.key, (on, gid), &actor)
    }

    /// Files the cover letter's three answers; answers already on file are replaced only with
    /// `replace` (otherwise [`Error::Conflict`] names who filed them).
    pub fn set_cover_letter(&mut self, person: &Person, cover: &CoverLetter, replace: bool) -> Result<()> {
        self.require(Permission::ManageApplications, Relation::Program)?;
        let actor = self.actor();
        self.store.set_cover_letter(person.key, cover, replace, &actor)
    }

    pub fn add_reference(&mut self, person: &Person, reference: &Reference) -> Result<()> {
        self.add_reference_with_gid(person, reference, None)
    }

    /// `add_reference` under the global id it was filed with elsewhere (a laptop copy).
    pub(crate) fn add_reference_with_gid(
        &mut self,
        person: &Person,
        reference: &Reference,
        gid: Option<&str>,
    ) -> Result<()> {
        self.require(Permission::ManageApplications, Relation::Program)?;
        if reference.referee.trim().is_empty() {
            return Err(Error::Input("a reference needs the name of who wrote it".into()));
        }
        let actor = self.actor();
        self.store.add_reference(person.key, (reference, gid), &actor)
    }

    /// Records the committee's decision on a complete application, with its reason. A decision
    /// already on file is replaced only with `replace` (otherwise [`Error::Conflict`] names who
    /// made it).
    pub fn decide_application(
        &mut self,
        person: &Person,
        verdict: Verdict,
        reason: &str,
        replace: bool,
    ) -> Result<()> {
        self.require(Permission::ManageApplications, Relation::Program)?;
        let application = self
            .store
            .application(person.key)?
            .ok_or_else(|| Error::Input(format!("{} has no application on file", person.name)))?;
        check_decision(&application, reason).map_err(Error::Input)?;
        let decision = Decision {
            verdict,
            reason: reason.trim().to_string(),
            on: self.today,
        };
        let actor = self.actor();
        self.store
            .decide_application(person.key, &decision, replace, &actor)
    }

    /// Everyone active who counts as a mentor, by name: people on file as mentors, less the
    /// applicants the committee has not accepted (see [`not_a_mentor_yet`]). Every list of
    /// mentors (quota, overdue, digest, ledger, matching, the pickers) is this one.
    pub fn mentors(&self) -> Result<Vec<Person>> {
        let people = self.store.people_with_role(Role::Mentor)?;
        let takes = self.program.settings.mentor_applications;
        if !takes {
            return Ok(people);
        }
        let files: HashMap<i64, Application> = self
            .store
            .applications()?
            .into_iter()
            .map(|a| (a.person, a))
            .collect();
        Ok(people
            .into_iter()
            .filter(|p| not_a_mentor_yet(files.get(&p.key), takes).is_none())
            .collect())
    }

    /// The day each accepted applicant became a mentor, by person: what they owe by the month
    /// starts with that month. Mentors with no file are not in it: they count all year.
    pub fn mentors_from(&self) -> Result<HashMap<i64, NaiveDate>> {
        let takes = self.program.settings.mentor_applications;
        Ok(self
            .store
            .applications()?
            .iter()
            .filter_map(|a| Some((a.person, mentor_from(Some(a), takes)?)))
            .collect())
    }

    /// Why `person`, on file as a mentor, does not count as one yet (an applicant the committee
    /// has not accepted), or `None` when they do.
    pub(crate) fn not_a_mentor(&self, person: &Person) -> Result<Option<String>> {
        not_a_mentor_by(&self.program.settings, person, || {
            self.store.application(person.key)
        })
    }
}

/// Why `person`, on file as a mentor, does not count as one yet, with their name, or `None` when
/// they do; `application` reads their file, only when the program takes applications. The one
/// check behind `assign`, matching and `import assignments`.
pub(crate) fn not_a_mentor_by(
    settings: &crate::domain::settings::Settings,
    person: &Person,
    application: impl FnOnce() -> Result<Option<Application>>,
) -> Result<Option<String>> {
    let takes = settings.mentor_applications;
    if !takes || person.role != Role::Mentor {
        return Ok(None);
    }
    let application = application()?;
    Ok(not_a_mentor_yet(application.as_ref(), takes).map(|why| format!("{}: {why}", person.name)))
}
