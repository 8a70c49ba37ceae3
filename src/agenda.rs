//! The calendar's occurrences for a date range, seen by the current user: the screen, the
//! `calendar` command and the iCalendar export all come from here.

use crate::domain::agenda::{self, Occurrence};
use crate::error::Result;
use crate::session::Session;
use chrono::NaiveDate;

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
    let scope = if session.is_coordinator() {
        mentor
    } else {
        Some(session.me.key)
    };
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
                let title = if session.is_coordinator() {
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
