use super::{Store, audit, opt_date};
use crate::domain::agenda::{Attendance, AttendanceRow, EventKind, NewEvent, Occurrence, Source};
use crate::error::{Error, Result};
use chrono::{NaiveDate, NaiveTime};
use rusqlite::params;
use std::collections::HashSet;

/// `starts_at` and `ends_at` as stored: a date, or a date and a time.
fn stored_times(event: &NewEvent) -> (String, Option<String>) {
    let starts = match event.start {
        Some(t) => format!("{}T{}", event.date, t.format("%H:%M")),
        None => event.date.to_string(),
    };
    (
        starts,
        event.end.map(|t| format!("{}T{}", event.date, t.format("%H:%M"))),
    )
}

/// An event's fields as the audit log names them.
fn audit_fields(
    tx: &rusqlite::Transaction,
    event: &NewEvent,
) -> rusqlite::Result<Vec<(&'static str, String)>> {
    let (starts, ends) = stored_times(event);
    let name = |k: Option<i64>| -> rusqlite::Result<String> {
        match k {
            Some(k) => audit::name(tx, k),
            None => Ok(String::new()),
        }
    };
    Ok(vec![
        ("kind", event.kind.as_str().into()),
        ("title", event.title.clone()),
        ("starts", starts),
        ("ends", ends.unwrap_or_default()),
        ("organizer", name(event.organizer)?),
        ("person", name(event.person)?),
        ("place", event.place.clone()),
        ("notes", event.notes.clone()),
    ])
}

fn split(at: &str) -> (Option<NaiveDate>, Option<NaiveTime>) {
    let date = opt_date(Some(at.get(..10).unwrap_or(at).to_string()));
    let time = at
        .get(11..16)
        .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok());
    (date, time)
}

impl Store {
    /// Adds an event, under the global id it was made with elsewhere (a laptop copy), if any.
    pub fn add_event(&mut self, event: &NewEvent, gid: Option<&str>, actor: &str) -> Result<i64> {
        super::check_text([
            ("title", event.title.as_str()),
            ("place", &event.place),
            ("notes", &event.notes),
        ])?;
        let (starts, ends) = stored_times(event);
        self.write(|tx| {
            let key: i64 = tx.query_row(
                "INSERT INTO events (kind, title, starts_at, ends_at, organizer, person, place, notes, gid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING key",
                params![
                    event.kind.as_str(),
                    event.title,
                    starts,
                    ends,
                    event.organizer,
                    event.person,
                    event.place,
                    event.notes,
                    super::gid_or_new(gid)
                ],
                |r| r.get(0),
            )?;
            audit::record(tx, actor, "add", "event", Some(key), &event.title)?;
            Ok(key)
        })
    }

    /// A stored event as it was entered, for editing, with its version.
    pub fn event(&self, key: i64) -> Result<Option<(NewEvent, i64)>> {
        let row = self.conn.query_row(
            "SELECT kind, title, starts_at, ends_at, organizer, person, place, notes, version FROM events
             WHERE key = ?1 AND cancelled = 0",
            [key],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<i64>>(4)?,
                    r.get::<_, Option<i64>>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, i64>(8)?,
                ))
            },
        );
        let (kind, title, starts, ends, organizer, person, place, notes, version) = match row {
            Ok(row) => row,
            Err(rusqlite::Error::QueryReturnedNoRows) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let (date, start) = split(&starts);
        Ok(date.map(|date| {
            let event = NewEvent {
                kind: EventKind::from_word(&kind),
                title,
                date,
                start,
                end: ends.and_then(|e| split(&e).1),
                organizer,
                person,
                place,
                notes,
            };
            (event, version)
        }))
    }

    /// Saves an edit made from `version` of the event; refuses with [`Error::Conflict`] when
    /// someone saved a newer one meanwhile.
    pub fn update_event(&mut self, key: i64, version: i64, event: &NewEvent, actor: &str) -> Result<()> {
        super::check_text([
            ("title", event.title.as_str()),
            ("place", &event.place),
            ("notes", &event.notes),
        ])?;
        let (starts, ends) = stored_times(event);
        let before = self.event(key)?;
        self.write(|tx| {
            if !super::versions::claim(tx, super::versions::EVENTS, key, version)? {
                return Err(Error::Input("that event was removed meanwhile".into()));
            }
            tx.execute(
                "UPDATE events SET kind = ?2, title = ?3, starts_at = ?4, ends_at = ?5, organizer = ?6,
                 person = ?7, place = ?8, notes = ?9 WHERE key = ?1",
                params![
                    key,
                    event.kind.as_str(),
                    event.title,
                    starts,
                    ends,
                    event.organizer,
                    event.person,
                    event.place,
                    event.notes
                ],
            )?;
            let diff = match &before {
                Some((old, _)) => audit::changes(&audit_fields(tx, old)?, &audit_fields(tx, event)?),
                None => String::new(),
            };
            audit::record(
                tx,
                actor,
                "edit",
                "event",
                Some(key),
                &format!("({}): {diff}", event.title),
            )?;
            Ok(())
        })
    }

    /// Cancels a stored event, or one occurrence of a recurring series (the series stays), the
    /// mark of that cancelled under `gid` when it was made elsewhere (a laptop copy).
    pub fn cancel_occurrence(
        &mut self,
        occurrence: &Occurrence,
        gid: Option<&str>,
        actor: &str,
    ) -> Result<()> {
        self.write(|tx| {
            match occurrence.source {
                Source::Stored(key) => {
                    tx.execute(
                        "UPDATE events SET cancelled = 1, version = version + 1 WHERE key = ?1",
                        [key],
                    )?;
                }
                Source::Series(_) => {
                    tx.execute(
                        "INSERT INTO events (kind, title, starts_at, cancelled, gid) VALUES (?1, ?2, ?3, 1, ?4)",
                        params![
                            occurrence.kind.as_str(),
                            occurrence.title,
                            occurrence.date.to_string(),
                            super::gid_or_new(gid)
                        ],
                    )?;
                }
                Source::Derived => {
                    return Err(Error::Input(
                        "that date comes from a rule; change the rule instead".into(),
                    ));
                }
            }
            let detail = format!("{} on {}", occurrence.title, occurrence.date);
            audit::record(tx, actor, "cancel", "event", None, &detail)?;
            Ok(())
        })
    }

    /// `(title, date)` of every cancelled occurrence of a series in the range.
    pub fn cancelled_occurrences(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<HashSet<(String, NaiveDate)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT title, starts_at FROM events WHERE cancelled = 1 AND starts_at >= ?1 AND starts_at < ?2",
        )?;
        let rows = stmt.query_map(
            params![from.to_string(), (to + chrono::Days::new(1)).to_string()],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )?;
        let mut out = HashSet::new();
        for row in rows {
            let (title, at) = row?;
            if let (Some(date), _) = split(&at) {
                out.insert((title, date));
            }
        }
        Ok(out)
    }

    /// Stored events in the range (not cancelled), with the organizer for meetings.
    pub fn stored_events(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Occurrence>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.key, e.kind, e.title, e.starts_at, e.ends_at, e.place, e.notes, e.organizer, p.name
             FROM events e LEFT JOIN people p ON p.key = e.person
             WHERE e.cancelled = 0 AND e.starts_at >= ?1 AND e.starts_at < ?2 ORDER BY e.starts_at",
        )?;
        let rows = stmt.query_map(
            params![from.to_string(), (to + chrono::Days::new(1)).to_string()],
            |r| {
                let kind = EventKind::from_word(&r.get::<_, String>(1)?);
                let (date, start) = split(&r.get::<_, String>(3)?);
                let end = r.get::<_, Option<String>>(4)?.and_then(|e| split(&e).1);
                let title: String = r.get(2)?;
                let person: Option<String> = r.get(8)?;
                let place: String = r.get(5)?;
                let notes: String = r.get(6)?;
                let key: i64 = r.get(0)?;
                let mentor: Option<i64> = r.get(7)?;
                let detail = [place, notes]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · ");
                Ok(date.map(|date| Occurrence {
                    date,
                    start,
                    end,
                    kind,
                    title: match person {
                        Some(name) if kind == EventKind::Meeting => format!("{title} with {name}"),
                        _ => title,
                    },
                    detail,
                    source: Source::Stored(key),
                    mentor,
                }))
            },
        )?;
        let mut out = Vec::new();
        for row in rows {
            out.extend(row?);
        }
        Ok(out)
    }

    /// A person's mark at an occurrence, with the guests they brought.
    pub fn set_attendance(
        &mut self,
        date: NaiveDate,
        event: &str,
        person: i64,
        (status, guests): (Attendance, u32),
        actor: &str,
    ) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO attendance (event_on, event, person, status, guests) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (event_on, event, person)
                 DO UPDATE SET status = excluded.status, guests = excluded.guests, version = version + 1",
                params![date.to_string(), event, person, status.as_str(), guests],
            )?;
            let with = match crate::domain::agenda::guests_said(guests) {
                said if said.is_empty() => said,
                said => format!(", with {said}"),
            };
            audit::record(
                tx,
                actor,
                status.as_str(),
                "attendance",
                Some(person),
                &format!("{event} on {date}{with}"),
            )?;
            Ok(())
        })
    }

    /// Attendance records, for one occurrence, one person, or (with neither) everyone, by date.
    pub fn attendance(
        &self,
        occurrence: Option<(NaiveDate, &str)>,
        person: Option<i64>,
    ) -> Result<Vec<AttendanceRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT event_on, event, person, status, guests FROM attendance
             WHERE (?1 IS NULL OR (event_on = ?1 AND event = ?2)) AND (?3 IS NULL OR person = ?3)
             ORDER BY event_on, event, person",
        )?;
        let (date, title) =
            occurrence.map_or((None, None), |(d, t)| (Some(d.to_string()), Some(t.to_string())));
        let rows = stmt.query_map(params![date, title, person], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, u32>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (on, event, person, status, guests) = row?;
            if let (Some(date), Some(status)) = (opt_date(Some(on)), Attendance::from_word(&status)) {
                out.push(AttendanceRow {
                    date,
                    event,
                    person,
                    status,
                    guests,
                });
            }
        }
        Ok(out)
    }
}
