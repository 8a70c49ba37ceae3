//! The calendar's occurrences for a date range, seen by the current user: the screen, the
//! `calendar` command and the iCalendar export all come from here.

use crate::domain::agenda::{self, Attendance, AttendanceRow, EventKind, NewEvent, Occurrence, Source};
use crate::domain::permissions::{Permission, Relation};
use crate::error::{Error, Result};
use crate::service::Session;
use chrono::NaiveDate;

impl Session {
    /// What changing an event takes: a meeting is its organizer's (one's own meetings); every other
    /// event is the program's.
    fn event_access(&self, kind: EventKind, organizer: Option<i64>) -> (Permission, Relation) {
        match kind {
            EventKind::Meeting => (
                Permission::ScheduleMeeting,
                organizer.map_or(Relation::Others, |o| self.relation_to(o)),
            ),
            _ => (Permission::AddProgramEvent, Relation::Program),
        }
    }

    /// Whether the acting user may edit or cancel an occurrence on the calendar.
    pub fn may_change_occurrence(&self, occurrence: &Occurrence) -> bool {
        let (action, relation) = self.event_access(occurrence.kind, occurrence.mentor);
        match occurrence.source {
            Source::Stored(_) => self.may(action, relation),
            _ => self.may(Permission::CancelOccurrence, Relation::Program),
        }
    }

    pub fn add_event(&mut self, event: &NewEvent) -> Result<i64> {
        self.add_event_with_gid(event, None)
    }

    /// `add_event` under the global id the event was made with elsewhere (a laptop copy).
    pub(crate) fn add_event_with_gid(&mut self, event: &NewEvent, gid: Option<&str>) -> Result<i64> {
        let (action, relation) = self.event_access(event.kind, event.organizer);
        self.require(action, relation)?;
        let actor = self.actor();
        self.store.add_event(event, gid, &actor)
    }

    /// Saves an edit the user made starting from `version` of the event ([`Error::Conflict`]
    /// when someone saved a newer one meanwhile).
    pub fn update_event(&mut self, key: i64, version: i64, event: &NewEvent) -> Result<()> {
        let (stored, _) = self
            .event(key)?
            .ok_or_else(|| Error::Input("that event was cancelled meanwhile".into()))?;
        for (kind, organizer) in [(stored.kind, stored.organizer), (event.kind, event.organizer)] {
            let (action, relation) = self.event_access(kind, organizer);
            self.require(action, relation)?;
        }
        let actor = self.actor();
        self.store.update_event(key, version, event, &actor)
    }

    /// A stored event and its version.
    pub fn event(&self, key: i64) -> Result<Option<(NewEvent, i64)>> {
        self.store.event(key)
    }

    /// Cancels one occurrence (of a series, the one date; the series stays).
    pub fn cancel_occurrence(&mut self, occurrence: &Occurrence) -> Result<()> {
        self.cancel_occurrence_with_gid(occurrence, None)
    }

    /// `cancel_occurrence`; a series' date cancelled elsewhere (a laptop copy) keeps the global
    /// id its cancellation was made with.
    pub(crate) fn cancel_occurrence_with_gid(
        &mut self,
        occurrence: &Occurrence,
        gid: Option<&str>,
    ) -> Result<()> {
        if !self.may_change_occurrence(occurrence) {
            return Err(Error::Denied(
                crate::domain::permissions::refusal(Permission::CancelOccurrence).into(),
            ));
        }
        let actor = self.actor();
        self.store.cancel_occurrence(occurrence, gid, &actor)
    }

    pub fn set_attendance(
        &mut self,
        date: NaiveDate,
        event: &str,
        person: i64,
        status: Attendance,
    ) -> Result<()> {
        self.require(Permission::MarkAttendance, Relation::Program)?;
        let guests = self
            .store
            .attendance(Some((date, event)), Some(person))?
            .first()
            .map_or(0, |mark| status.guests_kept(mark.guests));
        let actor = self.actor();
        self.store
            .set_attendance(date, event, person, (status, guests), &actor)
    }

    /// How many came at a mentor's invitation, on the mentor's mark: only a mentor marked
    /// present has guests.
    pub fn set_guests(&mut self, date: NaiveDate, event: &str, person: i64, guests: u32) -> Result<()> {
        self.require(Permission::MarkAttendance, Relation::Program)?;
        let status = match self.store.attendance(Some((date, event)), Some(person))?.first() {
            Some(mark) if mark.status.guests_kept(guests) == guests => mark.status,
            _ => {
                return Err(Error::Input(
                    "guests count on the mark of a mentor who came: mark them present first".into(),
                ));
            }
        };
        let actor = self.actor();
        self.store
            .set_attendance(date, event, person, (status, guests), &actor)
    }

    /// Attendance marks, of one occurrence and/or one person; a mentor sees only their own.
    pub fn attendance(
        &self,
        occurrence: Option<(NaiveDate, &str)>,
        person: Option<i64>,
    ) -> Result<Vec<AttendanceRow>> {
        let person = match person {
            Some(p) => {
                self.require_for(Permission::ReadAttendance, p)?;
                Some(p)
            }
            None => self.own_scope(),
        };
        self.store.attendance(occurrence, person)
    }
}

/// Occurrences in `from..=to`. Mentors get program events and their own deadlines, follow-ups
/// and meetings; coordinators everyone's, or one mentor's with `mentor`.
pub fn occurrences(
    session: &Session,
    from: NaiveDate,
    to: NaiveDate,
    mentor: Option<i64>,
) -> Result<Vec<Occurrence>> {
    let program = &session.program;
    let settings = &program.settings;
    let store = &session.store;
    let scope = session.own_scope().or(mentor);
    let visible = |owner: Option<i64>| owner.is_none() || scope.is_none() || owner == scope;

    let cancelled = store.cancelled_occurrences(from, to)?;
    let mut out = agenda::series_occurrences(settings, program.start_date, from, to, &cancelled);
    if let Some(weekday) = settings.report_due_weekday {
        out.extend(agenda::report_due_dates(weekday, from, to));
    }
    out.extend(agenda::payments(settings, program.start_date, from, to));
    out.extend(agenda::monthly_records(settings, from, to));
    out.extend(
        store
            .stored_events(from, to)?
            .into_iter()
            .filter(|o| visible(o.mentor)),
    );
    if settings.first_meeting_days.is_some()
        || settings.goals_days.is_some()
        || settings.evaluation_days.is_some()
    {
        for a in store.all_assignments()? {
            if !visible(Some(a.mentor)) {
                continue;
            }
            let name = store.person(a.mentee)?.map(|p| p.name).unwrap_or_default();
            out.extend(
                agenda::pair_deadlines(&a, &name, settings)
                    .into_iter()
                    .filter(|o| o.date >= from && o.date <= to),
            );
        }
    }
    let mut month = crate::domain::YearMonth::of(from);
    while month.first_day() <= to {
        for (date, person, mentor_name, mentor_key) in store.follow_ups(month, scope)? {
            if date >= from && date <= to {
                let title = if session.sees_whole_program() {
                    format!("{mentor_name}: follow up with {person}")
                } else {
                    format!("Follow up with {person}")
                };
                out.push(agenda::follow_up(date, title, mentor_key));
            }
        }
        month = month.next();
    }
    out.sort_by_key(Occurrence::sort_key);
    Ok(out)
}
