//! Contacts: one validation and one rule of whom a mentor may log a contact with, for the
//! contact form, `log`, `import contacts` and edits.

use super::Session;
use crate::domain::YearMonth;
use crate::domain::contacts::{self, ContactError, ContactField, Parties, Reach};
use crate::domain::permissions::{Permission, Relation};
use crate::domain::quota::QuotaContact;
use crate::domain::records::{
    Assignment, ContactFilter, ContactInput, ContactRecord, ContactRow, OverdueCount, OverdueReport, Person,
};
use crate::domain::settings::Settings;
use crate::error::{Error, Result};
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::HashMap;

/// The rule's answer for a contact between `mentor` and `person`, given the person's assignments
/// and those of the students the person is linked to.
pub(crate) fn reach_of(
    settings: &Settings,
    today: NaiveDate,
    input: &ContactInput,
    mentor: &Person,
    person: &Person,
    assignments: &[Assignment],
    linked: &[Assignment],
) -> Result<Reach, ContactError> {
    contacts::validate(input, today)?;
    contacts::check_program_fields(input, settings)?;
    let day = input.occurred_at.date();
    let active: Vec<&Assignment> = assignments
        .iter()
        .filter(|a| a.mentee == person.key && a.active_on(day))
        .collect();
    let parties = Parties {
        mentor_role: mentor.role,
        person_role: person.role,
        assigned_to_mentor: active.iter().any(|a| a.mentor == mentor.key),
        assigned_to_another: active.iter().any(|a| a.mentor != mentor.key),
        linked_to_mentors_student: linked.iter().any(|a| a.mentor == mentor.key && a.active_on(day)),
    };
    contacts::reach(settings, parties, &person.name)
}

fn refused(err: ContactError) -> Error {
    match err.field {
        // Logging with someone outside the caseload is a permission, not a typing mistake.
        ContactField::Person if err.reason.contains("caseload") => Error::Denied(err.reason),
        _ => Error::Invalid {
            field: err.field.name(),
            reason: err.reason,
        },
    }
}

impl Session {
    /// Checks a contact the acting user wants to save: permission, validation, and whom it
    /// reached.
    pub fn check_contact(&self, input: &ContactInput) -> Result<Reach> {
        let mentor = self
            .store
            .person(input.mentor)?
            .ok_or_else(|| Error::Input("mentor: no such person".into()))?;
        let person = self
            .store
            .person(input.person)?
            .ok_or_else(|| Error::Input("person: no such person".into()))?;
        let assignments = self.store.assignments_of(person.key)?;
        let linked = self.store.linked_assignments(person.key)?;
        reach_of(
            &self.program.settings,
            self.today,
            input,
            &mentor,
            &person,
            &assignments,
            &linked,
        )
        .map_err(refused)
    }

    pub fn log_contact(&mut self, input: &ContactInput) -> Result<i64> {
        self.log_contact_with_gid(None, input)
    }

    /// `log_contact` under the global id the contact was made with elsewhere (a laptop copy).
    pub(crate) fn log_contact_with_gid(&mut self, gid: Option<&str>, input: &ContactInput) -> Result<i64> {
        self.require_for(Permission::LogContact, input.mentor)?;
        let reach = self.check_contact(input)?;
        let actor = self.actor();
        self.store.add_contact_with_gid(gid, input, reach, &actor)
    }

    /// Saves an edit the user made starting from `version` of the contact. When someone saved
    /// a newer version meanwhile, nothing is saved and the error says who and when
    /// ([`Error::Conflict`]).
    pub fn update_contact(&mut self, key: i64, version: i64, input: &ContactInput) -> Result<()> {
        let stored = self
            .contact(key)?
            .ok_or_else(|| Error::Input("that contact no longer exists".into()))?;
        self.require_for(Permission::EditContact, stored.contact.input.mentor)?;
        self.require_for(Permission::EditContact, input.mentor)?;
        let reach = self.check_contact(input)?;
        let actor = self.actor();
        self.store.update_contact(key, version, input, reach, &actor)
    }

    pub fn delete_contact(&mut self, key: i64) -> Result<()> {
        let stored = self
            .contact(key)?
            .ok_or_else(|| Error::Input("that contact no longer exists".into()))?;
        self.require_for(Permission::DeleteContact, stored.contact.input.mentor)?;
        let actor = self.actor();
        self.store.delete_contact(key, &actor)
    }

    pub fn mark_submitted(&mut self, key: i64, on: NaiveDate) -> Result<()> {
        let stored = self
            .contact(key)?
            .ok_or_else(|| Error::Input("that contact no longer exists".into()))?;
        self.require_for(Permission::MarkReportSubmitted, stored.contact.input.mentor)?;
        let actor = self.actor();
        self.store.mark_submitted(key, on, &actor)
    }

    /// One contact, if the acting user may see it.
    /// A contact named the way a user may name one: by its global id (`id` in every JSON
    /// output and export) or by its number in this program (`logged contact 40`).
    pub fn contact_named(&self, id: &str) -> Result<Option<ContactRow>> {
        let key = match id.trim().parse::<i64>() {
            Ok(number) => Some(number),
            Err(_) => self.store.contact_key_of(id.trim())?,
        };
        match key {
            Some(key) => self.contact(key),
            None => Ok(None),
        }
    }

    /// The global id of a contact the acting user may see.
    pub fn contact_id(&self, row: &ContactRow) -> Result<String> {
        self.store
            .contact_gid(row.contact.key)?
            .ok_or_else(|| Error::Failed(format!("contact {} has no global id", row.contact.key)))
    }

    pub fn contact(&self, key: i64) -> Result<Option<ContactRow>> {
        Ok(self.store.contact(key)?.filter(|row| {
            self.may(
                Permission::ReadContacts,
                self.relation_to(row.contact.input.mentor),
            )
        }))
    }

    /// Contacts newest first, limited to the acting mentor's own unless they see everyone's.
    pub fn contacts(
        &self,
        filter: &ContactFilter,
        after: Option<(NaiveDateTime, i64)>,
        limit: u32,
    ) -> Result<Vec<ContactRow>> {
        let mut filter = filter.clone();
        if let Some(me) = self.own_scope() {
            filter.mentor = Some(me);
        }
        self.store.contacts(&filter, after, limit)
    }

    /// Every contact matching `filter` the user may see, oldest first, one at a time.
    pub fn each_contact(
        &self,
        filter: &ContactFilter,
        each: &mut dyn FnMut(&ContactRecord) -> Result<()>,
    ) -> Result<()> {
        let mut filter = filter.clone();
        if let Some(me) = self.own_scope() {
            filter.mentor = Some(me);
        }
        self.store.each_contact(&filter, each)
    }

    pub fn contacts_by_keys(&self, keys: &[i64]) -> Result<Vec<ContactRow>> {
        Ok(self
            .store
            .contacts_by_keys(keys)?
            .into_iter()
            .filter(|row| {
                self.may(
                    Permission::ReadContacts,
                    self.relation_to(row.contact.input.mentor),
                )
            })
            .collect())
    }

    /// Every contact of `month` by mentor, as the quota sees them.
    pub(crate) fn month_contacts(
        &self,
        month: YearMonth,
        mentor: Option<i64>,
    ) -> Result<HashMap<i64, Vec<QuotaContact>>> {
        self.store.month_contacts(month, mentor.or(self.own_scope()))
    }

    /// Unsubmitted reports past due, most overdue first, at most `limit`, within what the user
    /// may see.
    pub(crate) fn overdue_reports(&self, mentor: Option<i64>, limit: u32) -> Result<Vec<OverdueReport>> {
        match self.program.settings.report_due_weekday {
            Some(weekday) => {
                self.store
                    .overdue_reports(weekday, self.today, mentor.or(self.own_scope()), limit)
            }
            None => Ok(Vec::new()),
        }
    }

    /// Per mentor the user may see: how many reports are overdue, and the oldest one's day.
    pub(crate) fn overdue_report_counts(&self) -> Result<Vec<OverdueCount>> {
        match self.program.settings.report_due_weekday {
            Some(weekday) => self
                .store
                .overdue_report_counts(weekday, self.today, self.own_scope()),
            None => Ok(Vec::new()),
        }
    }

    /// Follow-ups planned in `month`: (date, person name, mentor name, mentor).
    pub fn follow_ups(
        &self,
        month: YearMonth,
        mentor: Option<i64>,
    ) -> Result<Vec<(NaiveDate, String, String, i64)>> {
        self.store.follow_ups(month, mentor.or(self.own_scope()))
    }
}

/// Someone the acting user may log a contact with, for a given mentor.
#[derive(Debug, Clone)]
pub struct ContactCandidate {
    pub mentor: Person,
    pub person: Person,
    pub reach: Reach,
}

impl Session {
    /// Whom the acting user may log a contact with today whose name (or mentor's name) holds
    /// every word of `query`, in any case: the active pairs they may log for first, then, for
    /// a mentor, everyone else the program's rule lets them reach (prospects where the program
    /// reaches beyond the caseload, the people around their students); by name, at most
    /// `limit`. Read from the store as the user types, never the whole program at once.
    pub fn contact_candidates(&self, query: &str, limit: usize) -> Result<Vec<ContactCandidate>> {
        let words: Vec<String> = query.split_whitespace().map(str::to_string).collect();
        let pairs_of = if self.may(Permission::LogContact, Relation::Others) {
            Some(None)
        } else if self.may(Permission::LogContact, Relation::Own) {
            Some(Some(self.me.key))
        } else {
            None
        };
        let mut out: Vec<ContactCandidate> = match pairs_of {
            Some(mentor) => self
                .store
                .active_pairs_named(mentor, &words, limit)?
                .into_iter()
                .map(|(mentor, person)| ContactCandidate {
                    mentor,
                    person,
                    reach: Reach::Caseload,
                })
                .collect(),
            None => Vec::new(),
        };
        if self.me.role != crate::domain::types::Role::Mentor
            || !self.may(Permission::LogContact, Relation::Own)
        {
            return Ok(out);
        }
        // The query picks the roles the rule could offer; the rule has the last word on each.
        let roles = contacts::offered_roles(&self.program.settings);
        let mut offset = 0;
        while out.len() < limit {
            let batch = (limit - out.len()).min(200);
            let people = self
                .store
                .others_named(self.me.key, &roles, &words, offset, batch)?;
            offset += people.len();
            for person in people.iter().filter(|p| p.active) {
                let probe = ContactInput {
                    mentor: self.me.key,
                    person: person.key,
                    occurred_at: self.today.and_time(chrono::NaiveTime::MIN),
                    method: crate::domain::types::Method::Phone,
                    outcome: crate::domain::types::Outcome::Conversation,
                    duration_min: None,
                    support_when: None,
                    support_what: String::new(),
                    notes: String::new(),
                    follow_up_on: None,
                    submitted_on: None,
                    intervention: None,
                    pillar: None,
                };
                let assignments = self.store.assignments_of(person.key)?;
                let linked = self.store.linked_assignments(person.key)?;
                // Colleagues can be logged by hand but are not offered: they never count.
                if let Ok(reach @ (Reach::Support | Reach::OffCaseload)) = reach_of(
                    &self.program.settings,
                    self.today,
                    &probe,
                    &self.me,
                    person,
                    &assignments,
                    &linked,
                ) {
                    out.push(ContactCandidate {
                        mentor: self.me.clone(),
                        person: person.clone(),
                        reach,
                    });
                }
            }
            if people.len() < batch {
                break;
            }
        }
        Ok(out)
    }

    /// The candidate for one pair, if the acting user may log a contact between them.
    pub fn contact_candidate(&self, mentor: i64, person: i64) -> Result<Option<ContactCandidate>> {
        let Some(p) = self.store.person(person)? else {
            return Ok(None);
        };
        Ok(self
            .contact_candidates(&p.name, usize::MAX)?
            .into_iter()
            .find(|c| c.mentor.key == mentor && c.person.key == person))
    }
}
