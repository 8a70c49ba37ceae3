//! Overdue paperwork: late contact reports, missing Monthly Records and missed pair deadlines,
//! one list for the Program screen, the CLI and the digest.

use crate::domain::YearMonth;
use crate::domain::caseload::missed_deadlines;
use crate::domain::forms::{self, Kind};
use crate::domain::pairs::{PairReads, pair_facts};
use crate::domain::reports::{ReportState, report_state, reports_due_by};
use crate::domain::schedule::program_year_of;
use crate::error::Result;
use crate::service::Session;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// One piece of overdue paperwork.
#[derive(Debug, Clone, Serialize)]
pub struct OverdueItem {
    pub mentor_id: String,
    pub mentor: String,
    /// "report", "monthly-record", or a missed pair deadline: "first-meeting", "goals",
    /// "evaluation".
    pub kind: &'static str,
    pub what: String,
    pub due: NaiveDate,
    pub days_overdue: i64,
    /// Whom a late contact report is about, and when the contact happened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occurred_on: Option<NaiveDate>,
    #[serde(skip)]
    pub mentor_key: i64,
    #[serde(skip)]
    pub contact_key: Option<i64>,
    /// The form that settles it, when a form does.
    #[serde(skip)]
    pub form: Option<&'static str>,
}

/// One mentor's overdue paperwork: how many late reports, and the rest (missing Monthly
/// Records, missed pair deadlines), which are few.
#[derive(Debug, Clone)]
pub struct OverdueGroup {
    pub mentor_key: i64,
    pub mentor_id: String,
    pub mentor: String,
    pub reports: usize,
    /// Days overdue of the oldest item.
    pub oldest_days: i64,
    /// Missing Monthly Records and missed pair deadlines, most overdue first, each with its place
    /// among the mentor's items once known (see [`OverdueList::items`]).
    records: Vec<OverdueItem>,
}

impl OverdueGroup {
    pub fn len(&self) -> usize {
        self.reports + self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Every overdue contact report, missing Monthly Record and missed pair deadline, grouped by
/// mentor (the mentor with the oldest first), most overdue first within each: counted up front,
/// read a page at a time.
#[derive(Debug, Clone, Default)]
pub struct OverdueList {
    pub groups: Vec<OverdueGroup>,
    pub total: usize,
}

pub fn overdue_list(session: &Session) -> Result<OverdueList> {
    let store = &session.store;
    let settings = &session.program.settings;
    let today = session.today;
    let scope = session.own_scope();
    let mut groups: BTreeMap<i64, OverdueGroup> = BTreeMap::new();
    if let Some(weekday) = settings.report_due_weekday {
        for count in session.overdue_report_counts()? {
            let days = match report_state(count.oldest, false, Some(weekday), today) {
                ReportState::Late { days, .. } => days,
                _ => 0,
            };
            groups.insert(
                count.mentor,
                OverdueGroup {
                    mentor_key: count.mentor,
                    mentor_id: count.mentor_id,
                    mentor: count.mentor_name,
                    reports: count.reports,
                    oldest_days: days,
                    records: Vec::new(),
                },
            );
        }
    }
    if !settings.monthly_record_months.is_empty() {
        let months = monthly_record_labels();
        let year_start = program_year_of(session.program.start_date, today);
        let mentors_from = session.mentors_from()?;
        for mentor in session.mentors()? {
            if scope.is_some_and(|s| s != mentor.key) {
                continue;
            }
            let filed = store.submissions(Some("monthly-record"), Some(mentor.key))?;
            let mut month = YearMonth::of(year_start);
            // An applicant accepted mid-year owes them from the month of acceptance.
            if let Some(from) = mentors_from.get(&mentor.key) {
                month = month.max(YearMonth::of(*from));
            }
            let mut records = Vec::new();
            while month.last_day() < today {
                let label = months.get(&month.month);
                let done = filed
                    .iter()
                    .any(|f| f.values.get("month").map(String::as_str) == label.copied());
                if settings.monthly_record_months.contains(&month.month) && !done {
                    let due = month.last_day();
                    records.push(OverdueItem {
                        mentor_id: mentor.id.clone(),
                        mentor: mentor.name.clone(),
                        kind: "monthly-record",
                        what: format!("Monthly Record for {}", month.label()),
                        due,
                        days_overdue: (today - due).num_days(),
                        person_id: None,
                        occurred_on: None,
                        mentor_key: mentor.key,
                        contact_key: None,
                        form: Some("monthly-record"),
                    });
                }
                month = month.next();
            }
            let Some(oldest) = records.first().map(|r| r.days_overdue) else {
                continue;
            };
            let group = groups.entry(mentor.key).or_insert_with(|| OverdueGroup {
                mentor_key: mentor.key,
                mentor_id: mentor.id.clone(),
                mentor: mentor.name.clone(),
                reports: 0,
                oldest_days: oldest,
                records: Vec::new(),
            });
            group.oldest_days = group.oldest_days.max(oldest);
            group.records = records;
        }
    }
    if settings.first_meeting_days.is_some()
        || settings.goals_days.is_some()
        || settings.evaluation_days.is_some()
        || settings.term_months.is_some()
    {
        let names = store.names()?;
        let name = |key: i64| names.get(&key).cloned().unwrap_or_default();
        let reads = PairReads::for_settings(settings);
        for (pair, rows) in store.pair_deadline_rows(scope, &reads, today)? {
            let facts = pair_facts(&pair, &rows, &reads, settings, YearMonth::of(today), today);
            if pair.end_reason.is_some_and(|r| !r.was_a_match()) {
                continue;
            }
            let ((mentor_id, mentor), (person_id, mentee)) = (name(pair.mentor), name(pair.mentee));
            for (deadline, due) in missed_deadlines(&facts, settings, today) {
                let days = (today - due).num_days();
                let group = groups.entry(pair.mentor).or_insert_with(|| OverdueGroup {
                    mentor_key: pair.mentor,
                    mentor_id: mentor_id.clone(),
                    mentor: mentor.clone(),
                    reports: 0,
                    oldest_days: days,
                    records: Vec::new(),
                });
                group.oldest_days = group.oldest_days.max(days);
                group.records.push(OverdueItem {
                    mentor_id: mentor_id.clone(),
                    mentor: mentor.clone(),
                    kind: deadline.kind(),
                    what: deadline.describe(&mentee),
                    due,
                    days_overdue: days,
                    person_id: Some(person_id.clone()),
                    occurred_on: None,
                    mentor_key: pair.mentor,
                    contact_key: None,
                    form: deadline.form(),
                });
            }
        }
        for group in groups.values_mut() {
            group.records.sort_by_key(|r| std::cmp::Reverse(r.days_overdue));
        }
    }
    let mut groups: Vec<OverdueGroup> = groups.into_values().collect();
    groups.sort_by(|a, b| {
        b.oldest_days
            .cmp(&a.oldest_days)
            .then(a.mentor.cmp(&b.mentor))
            .then(a.mentor_key.cmp(&b.mentor_key))
    });
    let total = groups.iter().map(OverdueGroup::len).sum();
    Ok(OverdueList { groups, total })
}

impl OverdueList {
    /// Items `start..start + len` of the list, read from the store.
    pub fn items(&self, session: &Session, start: usize, len: usize) -> Result<Vec<OverdueItem>> {
        let end = (start + len).min(self.total);
        let mut out = Vec::with_capacity(end.saturating_sub(start));
        let mut first = 0;
        for group in &self.groups {
            let last = first + group.len();
            if last > start && first < end {
                let (from, to) = (start.max(first) - first, end.min(last) - first);
                out.extend(group_items(session, group, from, to)?);
            }
            if last >= end {
                break;
            }
            first = last;
        }
        Ok(out)
    }

    /// The first `mentors` groups, each with its first (most overdue) `items`: for a digest.
    pub fn head(
        &self,
        session: &Session,
        mentors: usize,
        items: usize,
    ) -> Result<Vec<(&OverdueGroup, Vec<OverdueItem>)>> {
        self.groups
            .iter()
            .take(mentors)
            .map(|g| Ok((g, group_items(session, g, 0, items.min(g.len()))?)))
            .collect()
    }

    /// The whole list, for the CLI.
    pub fn all(&self, session: &Session) -> Result<Vec<OverdueItem>> {
        self.items(session, 0, self.total)
    }
}

/// A mentor's items `from..to`: the late reports in order, each Monthly Record placed after
/// the reports due no later than it.
fn group_items(session: &Session, group: &OverdueGroup, from: usize, to: usize) -> Result<Vec<OverdueItem>> {
    let store = &session.store;
    let today = session.today;
    let Some(weekday) = session.program.settings.report_due_weekday else {
        return Ok(group.records[from..to].to_vec());
    };
    let mut places = Vec::with_capacity(group.records.len());
    for (j, record) in group.records.iter().enumerate() {
        let before = if group.reports == 0 {
            0
        } else {
            store.unsubmitted_through(group.mentor_key, reports_due_by(record.due, weekday))?
        };
        places.push(j + before.min(group.reports));
    }
    let records_before = places.iter().filter(|&&p| p < from).count();
    let records_within = places.iter().filter(|&&p| p >= from && p < to).count();
    let reports = store.mentor_overdue_reports(
        weekday,
        today,
        group.mentor_key,
        from - records_before,
        to - from - records_within,
    )?;
    let mut reports = reports.into_iter();
    let mut out = Vec::with_capacity(to - from);
    for place in from..to {
        if let Some(j) = places.iter().position(|&p| p == place) {
            out.push(group.records[j].clone());
            continue;
        }
        let Some((r, person_id, about)) = reports.next() else {
            break;
        };
        out.push(OverdueItem {
            mentor_id: group.mentor_id.clone(),
            mentor: group.mentor.clone(),
            kind: "report",
            what: format!("report on the {} contact with {about}", r.occurred_on),
            due: r.due,
            days_overdue: r.days_overdue,
            person_id: Some(person_id),
            occurred_on: Some(r.occurred_on),
            mentor_key: group.mentor_key,
            contact_key: Some(r.contact_key),
            form: None,
        });
    }
    Ok(out)
}

/// Every overdue item, grouped by mentor: the same list as the Program screen's.
pub fn overdue(session: &Session) -> Result<Vec<OverdueItem>> {
    overdue_list(session)?.all(session)
}

/// The Monthly Record's month choices by calendar month ("Sept." for 9).
pub(crate) fn monthly_record_labels() -> BTreeMap<u32, &'static str> {
    let Some(Kind::Choice(options)) = forms::find("monthly-record")
        .and_then(|f| f.fields.iter().find(|f| f.key == "month"))
        .map(|f| f.kind)
    else {
        return BTreeMap::new();
    };
    options
        .iter()
        .enumerate()
        .map(|(i, label)| ((i as u32 + 8) % 12 + 1, *label))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn monthly_record_months() {
        let labels = super::monthly_record_labels();
        assert_eq!(labels[&9], "Sept.");
        assert_eq!(labels[&1], "Jan.");
        assert_eq!(labels[&6], "June");
    }
}
