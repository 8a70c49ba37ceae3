//! The coordinator's changes a copy sends: people, assignments, the program's settings,
//! applicants' files and their references.

use super::{date, required, text};
use crate::domain::applications::{CoverLetter, Reference, Verdict};
use crate::domain::records::{Editing, PersonFields};
use crate::domain::types::{EndReason, Role};
use crate::error::{Error, Result};
use crate::service::Session;
use crate::service::sync::{Answer, Record};
use serde_json::Value;

impl Session {
    /// Someone added offline, or their name and details, role, or place in the program
    /// changed: each through its own call, as the People screen makes it.
    pub(super) fn take_person(&mut self, record: &Record, base: Option<i64>) -> Result<Answer> {
        let id = required(text(record, "id"), "id")?;
        let name = required(text(record, "name"), "name")?;
        let role =
            Role::from_word(required(text(record, "role"), "role")?).map_err(|reason| Error::Invalid {
                field: "role",
                reason,
            })?;
        let fields = person_fields(record)?;
        let active = record.row.get("active").and_then(Value::as_i64) != Some(0);
        let Some((key, version)) = self.store.key_by_gid("people", &record.gid)? else {
            let key = self.create_person_with_gid((id, Some(&record.gid)), name, role, &fields)?;
            if !active {
                let person = self.existing_person(key)?;
                self.set_person_active(person.editing(), false)?;
            }
            return self.taken(record);
        };
        if self.holds_as_sent(record, &[])? {
            return Ok(Answer::Taken(version));
        }
        if base != Some(version) {
            let by = self.store.last_change("person", Some(key))?;
            return Ok(self.conflict(record, by));
        }
        let stored = self.existing_person(key)?;
        if stored.id != id {
            return Err(Error::Input(format!(
                "{}: a person's id never changes ({} on the box)",
                id, stored.id
            )));
        }
        if stored.name != name || stored.fields != fields {
            self.edit_person(stored.editing(), name, &fields)?;
        }
        if stored.role != role {
            let person = self.existing_person(key)?;
            self.change_role(person.editing(), role)?;
        }
        if stored.active != active {
            let person = self.existing_person(key)?;
            self.set_person_active(person.editing(), active)?;
        }
        self.taken(record)
    }

    fn existing_person(&self, key: i64) -> Result<crate::domain::records::Person> {
        self.person(key)?
            .ok_or_else(|| Error::Input("that person is no longer in the program".into()))
    }

    /// A pair assigned offline, or an assignment ended; nothing else of one changes.
    pub(super) fn take_assignment(&mut self, record: &Record, base: Option<i64>) -> Result<Answer> {
        let mentor = required(self.key_of_ref(record, "mentor", "people")?, "mentor")?;
        let mentee = required(self.key_of_ref(record, "mentee", "people")?, "mentee")?;
        let started_on = required(date(record, "started_on")?, "started")?;
        let ended = match (date(record, "ended_on")?, text(record, "end_reason")) {
            (Some(on), Some(reason)) => Some((
                on,
                reason.parse::<EndReason>().map_err(|reason| Error::Invalid {
                    field: "end reason",
                    reason,
                })?,
            )),
            _ => None,
        };
        let key = match self.store.key_by_gid("assignments", &record.gid)? {
            // The box's own rules for the pair apply as they stand now: a pair they exclude is
            // refused with them, to be assigned on the box on purpose.
            None => self.assign_with_gid((mentor, mentee), started_on, false, Some(&record.gid))?,
            Some((key, version)) => {
                if self.holds_as_sent(record, &[])? {
                    return Ok(Answer::Taken(version));
                }
                if base != Some(version) {
                    let by = self.store.last_change("assignment", Some(key))?;
                    return Ok(self.conflict(record, by));
                }
                key
            }
        };
        let stored = self
            .assignment(key)?
            .ok_or_else(|| Error::Input("that assignment is no longer on the box".into()))?;
        match (stored.ended_on, ended) {
            (None, Some((on, reason))) => {
                let editing = Editing {
                    key,
                    version: stored.version,
                };
                self.end_assignment(editing, on, reason)?;
            }
            (ended_here, ended_there) if ended_here == ended_there.map(|(on, _)| on) => {}
            _ => {
                return Err(Error::Input(
                    "of an assignment, a copy sends only that it began or ended".into(),
                ));
            }
        }
        self.taken(record)
    }
    /// The program's settings changed offline: each setting that differs from the box's is set
    /// as the settings screen sets it (validated whole, audited), from the box's value.
    pub(super) fn take_settings(&mut self, record: &Record, base: Option<i64>) -> Result<Answer> {
        let theirs = self
            .store
            .record_by_gid("program", &record.gid)?
            .ok_or_else(|| Error::Failed("the box has no program".into()))?;
        if self.holds_as_sent(record, &[])? {
            return Ok(Answer::Taken(theirs.version));
        }
        if base != Some(theirs.version) {
            let by = self.store.last_change("settings", None)?;
            return Ok(self.conflict(record, by));
        }
        let settings = |r: &Record| -> Result<serde_json::Map<String, Value>> {
            serde_json::from_str(text(r, "settings").unwrap_or("{}"))
                .map_err(|e| Error::Input(format!("settings: {e}")))
        };
        let (mine, stored) = (settings(record)?, settings(&theirs)?);
        let others = record
            .row
            .iter()
            .any(|(name, value)| name != "settings" && theirs.row.get(name) != Some(value));
        if others {
            return Err(Error::Input(
                "of the program, a copy changes only its settings".into(),
            ));
        }
        for (key, value) in &mine {
            if let Some(was) = stored.get(key).filter(|was| *was != value) {
                self.set_setting(key, &value.to_string(), Some(&was.to_string()))?;
            }
        }
        self.taken(record)
    }
    /// An applicant's file opened offline, its cover letter or the committee's decision: each
    /// through its own call, as the Applicants screen makes it.
    pub(super) fn take_application(&mut self, record: &Record, base: Option<i64>) -> Result<Answer> {
        let person = required(self.key_of_ref(record, "person", "people")?, "person")?;
        let person = self.existing_person(person)?;
        let received_on = required(date(record, "received_on")?, "received")?;
        let word = |name: &str| text(record, name).unwrap_or_default().to_string();
        let cover = CoverLetter {
            why: word("why"),
            offer: word("offer"),
            times: word("times"),
        };
        let verdict = text(record, "decision")
            .map(|w| {
                Verdict::from_word(w).ok_or_else(|| Error::Invalid {
                    field: "decision",
                    reason: format!("'{w}' is neither accepted nor declined"),
                })
            })
            .transpose()?;
        // The day of a decision is the day it reaches the box, as the decision call stamps it.
        let stamped_here = ["decided_on"];
        let stored = match self.store.key_by_gid("applications", &record.gid)? {
            None => {
                self.open_application_with_gid(&person, received_on, Some(&record.gid))?;
                None
            }
            Some((_, version)) => {
                if self.holds_as_sent(record, &stamped_here)? {
                    return Ok(Answer::Taken(version));
                }
                if base != Some(version) {
                    let by = self.store.last_change("application", Some(person.key))?;
                    return Ok(self.conflict(record, by));
                }
                self.store.application(person.key)?
            }
        };
        if stored.as_ref().is_some_and(|a| a.received_on != received_on) {
            return Err(Error::Input(
                "the day an application came in does not change".into(),
            ));
        }
        if stored
            .as_ref()
            .map_or(cover.answered(), |a| a.cover_letter != cover)
        {
            self.set_cover_letter(&person, &cover, true)?;
        }
        let decided = stored.as_ref().and_then(|a| a.decision.as_ref());
        let reason = word("reason");
        match (verdict, decided) {
            (Some(verdict), Some(d)) if d.verdict == verdict && d.reason == reason => {}
            (Some(verdict), _) => self.decide_application(&person, verdict, &reason, true)?,
            (None, None) => {}
            (None, Some(_)) => {
                return Err(Error::Input(
                    "the committee's decision is never taken back, only replaced".into(),
                ));
            }
        }
        self.taken(record)
    }

    /// A reference filed offline; one never changes once filed.
    pub(super) fn take_reference(&mut self, record: &Record) -> Result<Answer> {
        if let Some((_, version)) = self.store.key_by_gid("application_references", &record.gid)? {
            return Ok(Answer::Taken(version));
        }
        let person = required(self.key_of_ref(record, "person", "people")?, "person")?;
        let person = self.existing_person(person)?;
        let reference = Reference {
            referee: required(text(record, "referee"), "referee")?.to_string(),
            association: record.row.get("association").and_then(Value::as_i64) == Some(1),
            received_on: required(date(record, "received_on")?, "received")?,
        };
        self.add_reference_with_gid(&person, &reference, Some(&record.gid))?;
        self.taken(record)
    }
}

/// A person's details as a record carries them.
fn person_fields(record: &Record) -> Result<PersonFields> {
    let word = |name: &str| text(record, name).map(str::to_string);
    Ok(PersonFields {
        login: word("login"),
        email: word("email"),
        phone: word("phone"),
        organization: word("organization"),
        position: word("position"),
        location: word("location"),
        job_family: word("job_family"),
        expertise: word("expertise"),
        goals: word("goals"),
        availability: word("availability"),
        years_experience: match record.row.get("years_experience") {
            None | Some(Value::Null) => None,
            Some(value) => Some(
                value
                    .as_u64()
                    .and_then(|y| u32::try_from(y).ok())
                    .ok_or_else(|| Error::Invalid {
                        field: "years of experience",
                        reason: "not a whole number".into(),
                    })?,
            ),
        },
    })
}
