//! The box's side of a sync: each change a laptop copy sends is taken through the same Session
//! call the app makes for it (permission, validation, the version check, the audit log), under
//! the global id it was made with, so a change sent twice (a sync cut before its answer) is
//! taken once. A change made on both sides since the copy's base is a conflict.

use super::{Answer, Change, Record};
use crate::domain::agenda::{Attendance, EventKind, NewEvent, Occurrence, Source};
use crate::domain::applications::{CoverLetter, Reference, Verdict};
use crate::domain::engagement::{DAILY, DailyLine, Engagement};
use crate::domain::forms::Values;
use crate::domain::records::{ContactInput, Editing, NewLedgerEntry, PersonFields};
use crate::domain::types::{EndReason, Role};
use crate::error::{Error, Result};
use crate::service::Session;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde_json::Value;

/// A text column of a travelling record.
fn text<'a>(record: &'a Record, name: &str) -> Option<&'a str> {
    record.row.get(name).and_then(Value::as_str)
}

/// A date column (`YYYY-MM-DD`, or the day of a stamp).
fn date(record: &Record, name: &'static str) -> Result<Option<NaiveDate>> {
    text(record, name)
        .map(|d| {
            crate::domain::dates::day_of_stamp(d)
                .parse::<NaiveDate>()
                .map_err(|e| Error::Invalid {
                    field: name,
                    reason: e.to_string(),
                })
        })
        .transpose()
}

fn required<T>(value: Option<T>, field: &'static str) -> Result<T> {
    value.ok_or_else(|| Error::Invalid {
        field,
        reason: "missing".into(),
    })
}

impl Session {
    /// The box: takes a sync's changes in their order, each as [`Session::take_change`]. The
    /// committee's decision on an applicant's file made offline is taken last: the references
    /// and the form that complete the file come after it, and only a complete file is decided.
    pub fn take_changes(&mut self, changes: &[Change]) -> Vec<Answer> {
        const DECISION: [&str; 3] = ["decision", "reason", "decided_on"];
        let mut decide_last = Vec::new();
        let mut answers = Vec::with_capacity(changes.len());
        for (i, change) in changes.iter().enumerate() {
            let record = &change.record;
            let on_box = match record.table.as_str() {
                "applications" => self.store.record_by_gid("applications", &record.gid).ok(),
                _ => None,
            };
            let Some(on_box) = on_box else {
                answers.push(self.take_change(change));
                continue;
            };
            let decision_of = |r: Option<&Record>, column: &str| {
                r.and_then(|r| r.row.get(column))
                    .cloned()
                    .unwrap_or(match column {
                        "reason" => Value::from(""),
                        _ => Value::Null,
                    })
            };
            let differs = DECISION[..2]
                .iter()
                .any(|c| decision_of(Some(record), c) != decision_of(on_box.as_ref(), c));
            if !differs {
                answers.push(self.take_change(change));
                continue;
            }
            let mut undecided = change.clone();
            for column in DECISION {
                let value = decision_of(on_box.as_ref(), column);
                undecided.record.row.insert(column.into(), value);
            }
            let answer = self.take_change(&undecided);
            if let Answer::Taken(version) = answer {
                decide_last.push((i, version));
            }
            answers.push(answer);
        }
        for (i, version) in decide_last {
            let decided = Change {
                record: changes[i].record.clone(),
                base: Some(version),
            };
            answers[i] = self.take_change(&decided);
        }
        answers
    }

    /// The box: takes one change made in a copy, as if the user had made it here.
    fn take_change(&mut self, change: &Change) -> Answer {
        match self.apply_change(change) {
            Ok(answer) => answer,
            Err(Error::Conflict { by, .. }) => self.conflict(&change.record, by),
            Err(err) => Answer::Refused(err.to_string()),
        }
    }

    fn conflict(&self, record: &Record, by: Option<crate::error::ChangedBy>) -> Answer {
        match self.store.record_by_gid(&record.table, &record.gid) {
            Ok(Some(theirs)) => Answer::Conflict(Box::new(theirs), crate::error::changed_by(&by)),
            Ok(None) => Answer::Refused("the record is no longer on the box".into()),
            Err(err) => Answer::Refused(err.to_string()),
        }
    }

    fn apply_change(&mut self, change: &Change) -> Result<Answer> {
        self.copy_slice()?;
        let record = &change.record;
        match record.table.as_str() {
            "program" => self.take_settings(record, change.base),
            "people" => self.take_person(record, change.base),
            "applications" => self.take_application(record, change.base),
            "application_references" => self.take_reference(record),
            "assignments" => self.take_assignment(record, change.base),
            "contacts" => self.take_contact(record, change.base),
            "form_submissions" => self.take_form(record),
            "events" => self.take_event(record, change.base),
            "attendance" => self.take_attendance(record, change.base),
            "engagement" => self.take_daily_line(record, change.base),
            "ledger" => self.take_ledger_entry(record),
            other => Err(Error::Denied(format!(
                "a laptop copy does not send changes to {other}"
            ))),
        }
    }

    fn take_contact(&mut self, record: &Record, base: Option<i64>) -> Result<Answer> {
        let input = self.contact_input(record)?;
        let deleted = !record.row.get("deleted_at").is_none_or(Value::is_null);
        let Some((key, version)) = self.store.key_by_gid("contacts", &record.gid)? else {
            if deleted {
                // Made and deleted in the copy: the box never had it.
                return Ok(Answer::Taken(record.version));
            }
            self.log_contact_with_gid(Some(&record.gid), &input)?;
            return Ok(Answer::Taken(self.version_of("contacts", &record.gid)?));
        };
        let stored = self.contact(key)?.ok_or_else(|| {
            Error::Denied(
                crate::domain::permissions::refusal(crate::domain::permissions::Permission::EditContact)
                    .into(),
            )
        })?;
        let deleted_here = self
            .store
            .record_by_gid("contacts", &record.gid)?
            .is_some_and(|r| !r.row.get("deleted_at").is_none_or(Value::is_null));
        if stored.contact.input == input && deleted == deleted_here {
            // Taken before (a sync cut off before its answer arrived), or the same change twice.
            return Ok(Answer::Taken(version));
        }
        if base != Some(version) {
            let by = self.store.last_change("contact", Some(key))?;
            return Ok(self.conflict(record, by));
        }
        if deleted {
            self.delete_contact(key)?;
        } else {
            self.update_contact(key, version, &input)?;
        }
        Ok(Answer::Taken(self.version_of("contacts", &record.gid)?))
    }

    fn take_form(&mut self, record: &Record) -> Result<Answer> {
        if let Some((_, version)) = self.store.key_by_gid("form_submissions", &record.gid)? {
            // A filed form never changes; an amendment is a new one.
            return Ok(Answer::Taken(version));
        }
        let text = |name: &str| record.row.get(name).and_then(Value::as_str);
        let form = text("form").ok_or_else(|| Error::Input("a form without its name".into()))?;
        let def =
            crate::domain::forms::find(form).ok_or_else(|| Error::Input(format!("no form '{form}' here")))?;
        if text("author").is_some_and(|author| Some(author) != self.me_gid().as_deref()) {
            return Err(Error::Denied("a form is filed only by its author".into()));
        }
        let about = self.key_of_ref(record, "about", "people")?;
        let supersedes = self.key_of_ref(record, "supersedes", "form_submissions")?;
        let values: Values = serde_json::from_str(text("data").unwrap_or("{}"))
            .map_err(|e| Error::Input(format!("the form's answers: {e}")))?;
        self.file_form_with_gid(def, about, &values, supersedes, Some(&record.gid))?;
        Ok(Answer::Taken(self.version_of("form_submissions", &record.gid)?))
    }

    fn me_gid(&self) -> Option<String> {
        self.store.people_gids().ok()?.remove(&self.me.key)
    }

    fn version_of(&self, table: &str, gid: &str) -> Result<i64> {
        Ok(self.store.key_by_gid(table, gid)?.map_or(1, |(_, v)| v))
    }

    /// The key here of the record a reference column names by its global id.
    fn key_of_ref(&self, record: &Record, column: &str, table: &str) -> Result<Option<i64>> {
        match record.row.get(column) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(gid)) => self
                .store
                .key_by_gid(table, gid)?
                .map(|(key, _)| Some(key))
                .ok_or_else(|| Error::Input(format!("{column}: {gid} is not on the box"))),
            Some(_) => Err(Error::Input(format!("{column}: not an id"))),
        }
    }

    fn contact_input(&self, record: &Record) -> Result<ContactInput> {
        let row = &record.row;
        let text = |name: &str| row.get(name).and_then(Value::as_str);
        let word = |name: &str| -> Result<Option<String>> {
            match row.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(Error::Invalid {
                    field: "contact",
                    reason: format!("{name} is not text"),
                }),
            }
        };
        let date = |name: &'static str| -> Result<Option<NaiveDate>> {
            word(name)?
                .map(|d| {
                    crate::domain::dates::day_of_stamp(&d)
                        .parse::<NaiveDate>()
                        .map_err(|e| Error::Invalid {
                            field: name,
                            reason: e.to_string(),
                        })
                })
                .transpose()
        };
        let mentor = self
            .key_of_ref(record, "mentor", "people")?
            .ok_or_else(|| Error::Input("a contact without its mentor".into()))?;
        let person = self
            .key_of_ref(record, "person", "people")?
            .ok_or_else(|| Error::Input("a contact without its person".into()))?;
        let occurred_at = text("occurred_at")
            .and_then(|t| NaiveDateTime::parse_from_str(t, crate::domain::records::DATETIME_FORMAT).ok())
            .ok_or_else(|| Error::Invalid {
                field: "when",
                reason: "not a date and time".into(),
            })?;
        let enumerated = |name: &'static str| word(name);
        let from_word = |name: &'static str| -> Result<String> {
            enumerated(name)?.ok_or_else(|| Error::Invalid {
                field: name,
                reason: "missing".into(),
            })
        };
        let invalid = |field: &'static str| move |reason: String| Error::Invalid { field, reason };
        Ok(ContactInput {
            mentor,
            person,
            occurred_at,
            method: from_word("method")?.parse().map_err(invalid("method"))?,
            outcome: from_word("outcome")?.parse().map_err(invalid("outcome"))?,
            duration_min: row
                .get("duration_min")
                .and_then(Value::as_u64)
                .map(|m| u32::try_from(m).map_err(|_| invalid("duration")("too long".into())))
                .transpose()?,
            support_when: enumerated("support_when")?
                .map(|w| w.parse())
                .transpose()
                .map_err(invalid("support"))?,
            support_what: text("support_what").unwrap_or_default().to_string(),
            notes: text("notes").unwrap_or_default().to_string(),
            follow_up_on: date("follow_up_on")?,
            submitted_on: date("submitted_on")?,
            intervention: enumerated("intervention")?
                .map(|w| w.parse())
                .transpose()
                .map_err(invalid("intervention"))?,
            pillar: enumerated("pillar")?
                .map(|w| w.parse())
                .transpose()
                .map_err(invalid("pillar"))?,
        })
    }

    /// Whether the box holds `record` as the copy sent it, its columns but `set_here` (those
    /// the box stamps itself) alike: a change taken before, whose answer was lost.
    fn holds_as_sent(&self, record: &Record, set_here: &[&str]) -> Result<bool> {
        let Some(theirs) = self.store.record_by_gid(&record.table, &record.gid)? else {
            return Ok(false);
        };
        let differs = |name: &String| !set_here.contains(&name.as_str());
        Ok(record
            .row
            .iter()
            .filter(|(name, _)| differs(name))
            .all(|(name, value)| theirs.row.get(name).unwrap_or(&Value::Null) == value))
    }

    /// The version on the box of a record just taken; it must be there under its global id.
    fn taken(&self, record: &Record) -> Result<Answer> {
        self.store
            .key_by_gid(&record.table, &record.gid)?
            .map(|(_, version)| Answer::Taken(version))
            .ok_or_else(|| {
                Error::Failed(format!(
                    "{} {}: taken, but not found under its id",
                    record.table, record.gid
                ))
            })
    }

    /// A meeting scheduled, edited or cancelled, a program event, or one date of a series
    /// cancelled.
    fn take_event(&mut self, record: &Record, base: Option<i64>) -> Result<Answer> {
        let event = self.event_input(record)?;
        let cancelled = record.row.get("cancelled").and_then(Value::as_i64) == Some(1);
        let Some((key, version)) = self.store.key_by_gid("events", &record.gid)? else {
            if !cancelled {
                self.add_event_with_gid(&event, Some(&record.gid))?;
            } else if event.organizer.is_none() && event.kind != EventKind::Meeting {
                let cancelled_here = self.store.cancelled_occurrences(event.date, event.date)?;
                if cancelled_here.contains(&(event.title.clone(), event.date)) {
                    // Cancelled on the box too: the copy's mark of it changes nothing.
                    return Ok(Answer::Taken(record.version));
                }
                let occurrence = self.series_occurrence(&event)?;
                self.cancel_occurrence_with_gid(&occurrence, Some(&record.gid))?;
            } else {
                // Made and cancelled in the copy: the box never had it.
                return Ok(Answer::Taken(record.version));
            }
            return self.taken(record);
        };
        if self.holds_as_sent(record, &[])? {
            return Ok(Answer::Taken(version));
        }
        if base != Some(version) {
            let by = self.store.last_change("event", Some(key))?;
            return Ok(self.conflict(record, by));
        }
        if cancelled {
            let (stored, _) = self
                .event(key)?
                .ok_or_else(|| Error::Input("that event was cancelled on the box".into()))?;
            self.cancel_occurrence(&Occurrence {
                date: stored.date,
                start: stored.start,
                end: stored.end,
                kind: stored.kind,
                title: stored.title,
                detail: String::new(),
                source: Source::Stored(key),
                mentor: stored.organizer,
            })?;
        } else {
            self.update_event(key, version, &event)?;
        }
        self.taken(record)
    }

    /// The date of the program's recurring event that a copy cancelled, as the box's rules
    /// place it.
    fn series_occurrence(&self, event: &NewEvent) -> Result<Occurrence> {
        crate::service::calendar::occurrences(self, event.date, event.date, None)?
            .into_iter()
            .find(|o| matches!(o.source, Source::Series(_)) && o.title == event.title)
            .ok_or_else(|| {
                Error::Input(format!(
                    "the program has no {} on {} to cancel",
                    event.title, event.date
                ))
            })
    }

    fn event_input(&self, record: &Record) -> Result<NewEvent> {
        let starts = required(text(record, "starts_at"), "starts")?;
        let time = |at: &str| {
            at.get(11..16)
                .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok())
        };
        Ok(NewEvent {
            kind: EventKind::from_word(required(text(record, "kind"), "kind")?),
            title: required(text(record, "title"), "title")?.to_string(),
            date: required(date(record, "starts_at")?, "starts")?,
            start: time(starts),
            end: text(record, "ends_at").and_then(time),
            organizer: self.key_of_ref(record, "organizer", "people")?,
            person: self.key_of_ref(record, "person", "people")?,
            place: text(record, "place").unwrap_or_default().to_string(),
            notes: text(record, "notes").unwrap_or_default().to_string(),
        })
    }

    /// An attendance mark, and the guests a mentor who came brought.
    fn take_attendance(&mut self, record: &Record, base: Option<i64>) -> Result<Answer> {
        let day = required(date(record, "event_on")?, "date")?;
        let event = required(text(record, "event"), "event")?.to_string();
        let person = required(self.key_of_ref(record, "person", "people")?, "person")?;
        let status = required(text(record, "status").and_then(Attendance::from_word), "status")?;
        let guests = record
            .row
            .get("guests")
            .and_then(Value::as_u64)
            .and_then(|g| u32::try_from(g).ok())
            .unwrap_or(0);
        if let Some((_, version)) = self.store.key_by_gid("attendance", &record.gid)? {
            if self.holds_as_sent(record, &[])? {
                return Ok(Answer::Taken(version));
            }
            if base != Some(version) {
                let by = self.store.last_change("attendance", Some(person))?;
                return Ok(self.conflict(record, by));
            }
        }
        self.set_attendance(day, &event, person, status)?;
        let guests = status.guests_kept(guests);
        let kept = self.attendance(Some((day, &event)), Some(person))?;
        if kept.first().map(|mark| mark.guests) != Some(guests) {
            self.set_guests(day, &event, person, guests)?;
        }
        self.taken(record)
    }

    /// A Check & Connect daily line (a week's entry travels inside its form).
    fn take_daily_line(&mut self, record: &Record, base: Option<i64>) -> Result<Answer> {
        let student = required(self.key_of_ref(record, "student", "people")?, "student")?;
        let day = date(record, "day")?
            .ok_or_else(|| Error::Input("an engagement entry travels in the form that made it".into()))?;
        let mut entry = Engagement::default();
        for name in DAILY {
            if let Some(value) = record.row.get(name).and_then(Value::as_i64) {
                entry
                    .set(name, &value.to_string())
                    .map_err(|reason| Error::Input(format!("{name}: {reason}")))?;
            }
        }
        let line = DailyLine {
            day,
            entry,
            note: text(record, "note").unwrap_or_default().to_string(),
        };
        if let Some((_, version)) = self.store.key_by_gid("engagement", &record.gid)? {
            if self.holds_as_sent(record, &["entered_on", "created_by"])? {
                return Ok(Answer::Taken(version));
            }
            if base != Some(version) {
                let by = self.store.last_change("engagement", Some(student))?;
                return Ok(self.conflict(record, by));
            }
        }
        self.record_daily(student, &line)?;
        self.taken(record)
    }

    /// A ledger entry; one never changes once made (a correction is an entry of its own).
    fn take_ledger_entry(&mut self, record: &Record) -> Result<Answer> {
        if let Some((_, version)) = self.store.key_by_gid("ledger", &record.gid)? {
            return Ok(Answer::Taken(version));
        }
        let number = |name: &str| record.row.get(name).and_then(Value::as_i64);
        let paid_on = date(record, "paid_on")?;
        let due_on = required(date(record, "due_on")?, "due")?;
        let entry = NewLedgerEntry {
            mentor: required(self.key_of_ref(record, "mentor", "people")?, "mentor")?,
            kind: required(text(record, "kind"), "kind")?,
            amount_cents: required(number("amount_cents"), "amount")?,
            on: paid_on.unwrap_or(due_on),
            note: text(record, "note").unwrap_or_default(),
            paid: paid_on.is_some(),
            minutes: number("minutes"),
        };
        self.add_ledger_entry_with_gid(&entry, Some(&record.gid))?;
        self.taken(record)
    }

    /// Someone added offline, or their name and details, role, or place in the program
    /// changed: each through its own call, as the People screen makes it.
    fn take_person(&mut self, record: &Record, base: Option<i64>) -> Result<Answer> {
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
    fn take_assignment(&mut self, record: &Record, base: Option<i64>) -> Result<Answer> {
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
    fn take_settings(&mut self, record: &Record, base: Option<i64>) -> Result<Answer> {
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
    fn take_application(&mut self, record: &Record, base: Option<i64>) -> Result<Answer> {
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
    fn take_reference(&mut self, record: &Record) -> Result<Answer> {
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
