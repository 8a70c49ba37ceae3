//! The box's side of a sync: each change a laptop copy sends is taken through the same Session
//! call the app makes for it (permission, validation, the version check, the audit log), under
//! the global id it was made with, so a change sent twice (a sync cut before its answer) is
//! taken once. A change made on both sides since the copy's base is a conflict.

mod coordinator;
mod mentor;

use super::{Answer, Change, Record};
use crate::error::{Error, Result};
use crate::service::Session;
use chrono::NaiveDate;
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
}
