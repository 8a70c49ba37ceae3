//! Matching: every mentor ranked for a mentee, and the mentees waiting for one.

use crate::domain::matching::{Fit, fit, refusal};
use crate::domain::permissions::{Permission, Relation};
use crate::domain::records::Person;
use crate::domain::types::Role;
use crate::error::Result;
use crate::service::Session;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    pub mentor_id: String,
    #[serde(rename = "mentor")]
    pub name: String,
    pub active: u32,
    #[serde(flatten)]
    pub fit: Fit,
    #[serde(skip)]
    pub mentor_key: i64,
}

/// Every mentor ranked for `mentee` (where mentors apply, every accepted applicant): eligible
/// first, best score first, with the reasons.
pub fn rank_mentors(session: &Session, mentee: &Person) -> Result<Vec<Candidate>> {
    session.require(Permission::ReadProgramDesk, Relation::Program)?;
    let settings = &session.program.settings;
    let mut out = Vec::new();
    let mentors = session.mentors()?;
    if let Some(refused) = mentors
        .iter()
        .find_map(|m| refusal(m, mentee).filter(|_| m.key != mentee.key))
    {
        return Err(crate::error::Error::Input(refused));
    }
    for mentor in mentors {
        if mentor.key == mentee.key {
            continue;
        }
        let active = session
            .store
            .assignments_of(mentor.key)?
            .iter()
            .filter(|a| a.mentor == mentor.key && a.ended_on.is_none())
            .count() as u32;
        let fit = fit(
            &mentor,
            mentee,
            active,
            settings.capacity,
            &settings.match_weights,
            &settings.eligibility,
        );
        out.push(Candidate {
            mentor_id: mentor.id.clone(),
            name: mentor.name.clone(),
            active,
            fit,
            mentor_key: mentor.key,
        });
    }
    out.sort_by(|a, b| {
        b.fit
            .eligible
            .cmp(&a.fit.eligible)
            .then(b.fit.score.cmp(&a.fit.score))
            .then(a.name.cmp(&b.name))
    });
    Ok(out)
}

/// Mentees with no active assignment.
pub fn unmatched(session: &Session) -> Result<Vec<Person>> {
    session.require(Permission::ReadProgramDesk, Relation::Program)?;
    let assigned: std::collections::HashSet<i64> = session
        .store
        .all_assignments()?
        .into_iter()
        .filter(|a| a.ended_on.is_none())
        .map(|a| a.mentee)
        .collect();
    session
        .store
        .people_with_role_where(Role::Mentee, |p| !assigned.contains(&p.key))
}

/// A person a mentor may be given, with how well they fit.
#[derive(Debug, Clone, Serialize)]
pub struct Offer {
    pub person_id: String,
    #[serde(rename = "person")]
    pub name: String,
    #[serde(flatten)]
    pub fit: Fit,
    #[serde(skip)]
    pub person: Person,
}

/// The people a mentor may be given (WEAC: "if a mentor has tried and exhausted the potential in
/// the three assigned … the mentor will have new people assigned"): the active people mentored
/// whom no one has now and this mentor never had, eligible first, best fit first, then by name.
pub fn offers(session: &Session, mentor: &Person) -> Result<Vec<Offer>> {
    session.require(Permission::ReadProgramDesk, Relation::Program)?;
    let settings = &session.program.settings;
    let assignments = session.store.all_assignments()?;
    let taken = |key: i64| {
        assignments
            .iter()
            .any(|a| a.mentee == key && (a.ended_on.is_none() || a.mentor == mentor.key))
    };
    let active = assignments
        .iter()
        .filter(|a| a.mentor == mentor.key && a.ended_on.is_none())
        .count() as u32;
    let mut out: Vec<Offer> = session
        .store
        .people_with_role(Role::Mentee)?
        .into_iter()
        .filter(|p| p.active && p.key != mentor.key && !taken(p.key))
        .map(|p| Offer {
            person_id: p.id.clone(),
            name: p.name.clone(),
            fit: fit(
                mentor,
                &p,
                active,
                settings.capacity,
                &settings.match_weights,
                &settings.eligibility,
            ),
            person: p,
        })
        .collect();
    out.sort_by(|a, b| {
        b.fit
            .eligible
            .cmp(&a.fit.eligible)
            .then(b.fit.score.cmp(&a.fit.score))
            .then(a.name.cmp(&b.name))
    });
    Ok(out)
}
