//! The mentor's records a copy sends: contacts, forms, events, attendance, daily lines and
//! ledger entries.

use super::{date, required, text};
use crate::domain::agenda::{Attendance, EventKind, NewEvent, Occurrence, Source};
use crate::domain::engagement::{DAILY, DailyLine, Engagement};
use crate::domain::forms::Values;
use crate::domain::records::{ContactInput, NewLedgerEntry};
use crate::error::{Error, Result};
use crate::service::Session;
use crate::service::sync::{Answer, Record};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde_json::Value;

impl Session {
    pub(super) fn take_contact(&mut self, record: &Record, base: Option<i64>) -> Result<Answer> {
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

    pub(super) fn take_form(&mut self, record: &Record) -> Result<Answer> {
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

    /// A meeting scheduled, edited or cancelled, a program event, or one date of a series
    /// cancelled.
    pub(super) fn take_event(&mut self, record: &Record, base: Option<i64>) -> Result<Answer> {
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
    pub(super) fn take_attendance(&mut self, record: &Record, base: Option<i64>) -> Result<Answer> {
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
    pub(super) fn take_daily_line(&mut self, record: &Record, base: Option<i64>) -> Result<Answer> {
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
    pub(super) fn take_ledger_entry(&mut self, record: &Record) -> Result<Answer> {
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
}
