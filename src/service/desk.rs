//! The coordinator's desk: overdue paperwork, matching, evaluation and the ledger, computed once
//! for the Program screen, the CLI and the digest.

use crate::domain::YearMonth;
use crate::domain::caseload::missed_deadlines;
use crate::domain::forms::{self, Kind, SCALE};
use crate::domain::matching::{Fit, exit_form_of, fit, refusal};
use crate::domain::permissions::{Action, Relation};
use crate::domain::quota::counts;
use crate::domain::records::Person;
use crate::domain::reports::{days_overdue, report_due, reports_due_by};
use crate::domain::schedule::program_year_of;
use crate::domain::types::{EndReason, Method, Outcome, Role};
use crate::error::Result;
use crate::service::Session;
use chrono::{Datelike, Months, NaiveDate};
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
            let days = days_overdue(report_due(count.oldest, weekday), false, today).unwrap_or(0);
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
        for mentor in store.people_with_role(Role::Mentor)? {
            if scope.is_some_and(|s| s != mentor.key) {
                continue;
            }
            let filed = store.submissions(Some("monthly-record"), Some(mentor.key))?;
            let mut month = YearMonth::of(year_start);
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
    {
        let names = store.names()?;
        let name = |key: i64| names.get(&key).cloned().unwrap_or_default();
        for (pair, facts) in store.pair_deadline_facts(scope, settings, today)? {
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

/// What the mentors table adds for triage.
#[derive(Debug, Clone, Serialize)]
pub struct Triage {
    pub active: u32,
    /// Sessions marked present / marked this program year.
    pub attended: (u32, u32),
    /// All assigned people are exhausted, negative or gone: assign new ones.
    pub needs_people: bool,
}

/// The triage of each of `mentors`, in their order: two reads for all of them.
pub fn triage(session: &Session, mentors: &[i64]) -> Result<Vec<Triage>> {
    for &mentor in mentors {
        session.require_for(Action::ReadCaseload, mentor)?;
    }
    let store = &session.store;
    let mut assignments: BTreeMap<i64, Vec<_>> = BTreeMap::new();
    for a in store.all_assignments()? {
        assignments.entry(a.mentor).or_default().push(a);
    }
    let year_start = program_year_of(session.program.start_date, session.today);
    let mut attended: BTreeMap<i64, (u32, u32)> = BTreeMap::new();
    for mark in store.attendance(None, None)? {
        if mark.date >= year_start {
            let e = attended.entry(mark.person).or_default();
            e.0 += u32::from(mark.status == crate::domain::agenda::Attendance::Present);
            e.1 += 1;
        }
    }
    Ok(mentors
        .iter()
        .map(|mentor| {
            let theirs = assignments.get(mentor).map_or(&[][..], Vec::as_slice);
            let active = theirs.iter().filter(|a| a.ended_on.is_none()).count() as u32;
            let lost = theirs.iter().any(|a| {
                matches!(
                    a.end_reason,
                    Some(EndReason::Exhausted | EndReason::NegativeExperience | EndReason::LeftOrganization)
                )
            });
            Triage {
                active,
                attended: attended.get(mentor).copied().unwrap_or_default(),
                needs_people: active < session.program.settings.capacity && (active == 0 || lost),
            }
        })
        .collect())
}

#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    pub mentor_id: String,
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
    session.require(Action::ReadProgramDesk, Relation::Program)?;
    let settings = &session.program.settings;
    let mut out = Vec::new();
    let mentors = session.store.people_with_role(Role::Mentor)?;
    if let Some(refused) = mentors
        .iter()
        .find_map(|m| refusal(m, mentee).filter(|_| m.key != mentee.key))
    {
        return Err(crate::error::Error::Input(refused));
    }
    for mentor in mentors {
        if mentor.key == mentee.key || !session.may_be_offered(mentor.key)? {
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
    session.require(Action::ReadProgramDesk, Relation::Program)?;
    let assigned: std::collections::HashSet<i64> = session
        .store
        .all_assignments()?
        .into_iter()
        .filter(|a| a.ended_on.is_none())
        .map(|a| a.mentee)
        .collect();
    Ok(session
        .store
        .people_with_role(Role::Mentee)?
        .into_iter()
        .filter(|p| !assigned.contains(&p.key))
        .collect())
}

#[derive(Debug, Clone, Serialize)]
pub struct ScaleItem {
    pub form: &'static str,
    pub item: &'static str,
    pub responses: u32,
    pub mean: Option<f64>,
    /// How many answered 1, 2, 3, 4 and 5.
    pub distribution: [u32; 5],
}

#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    pub exit_items: Vec<ScaleItem>,
    /// Ended assignments with a mentor's / a mentee's exit form, against all ended ones.
    pub exit_completion: BTreeMap<&'static str, (u32, u32)>,
    /// Counting contacts per month, the last twelve months.
    pub contacts_per_month: Vec<(String, u32)>,
    pub completed: u32,
    pub ended_early: BTreeMap<String, u32>,
    /// Per check-in or training date: present, marked.
    pub attendance: Vec<(String, String, u32, u32)>,
}

pub fn evaluate(session: &Session) -> Result<Evaluation> {
    session.require(Action::ReadProgramDesk, Relation::Program)?;
    let store = &session.store;
    let mut exit_items = Vec::new();
    let mut exit_completion = BTreeMap::new();
    let assignments = store.all_assignments()?;
    let ended: Vec<_> = assignments.iter().filter(|a| a.ended_on.is_some()).collect();
    for id in ["exit-mentor", "exit-mentee"] {
        let Some(def) = forms::find(id) else { continue };
        let filed: Vec<_> = store
            .submissions(Some(id), None)?
            .into_iter()
            .filter(|s| !s.superseded)
            .collect();
        for field in def.inputs().filter(|f| f.kind == Kind::Scale) {
            let mut distribution = [0u32; 5];
            for s in &filed {
                if let Some(n) = s
                    .values
                    .get(field.key)
                    .and_then(|v| v.parse::<usize>().ok())
                    .filter(|n| (1..=5).contains(n))
                {
                    distribution[n - 1] += 1;
                }
            }
            let responses: u32 = distribution.iter().sum();
            let total: u32 = distribution
                .iter()
                .enumerate()
                .map(|(i, c)| (i as u32 + 1) * c)
                .sum();
            exit_items.push(ScaleItem {
                form: def.id,
                item: field.label,
                responses,
                mean: (responses > 0).then(|| f64::from(total) / f64::from(responses)),
                distribution,
            });
        }
        let done = ended
            .iter()
            .filter(|a| filed.iter().any(|s| exit_form_of(id, s.author, s.about, a)))
            .count() as u32;
        exit_completion.insert(def.id, (done, ended.len() as u32));
    }
    let first = YearMonth::of(session.today - Months::new(11));
    let mut per_month: BTreeMap<String, u32> = BTreeMap::new();
    // The outcomes the quota rule counts, asked of the rule itself.
    let counting: Vec<Outcome> = Outcome::ALL
        .iter()
        .copied()
        .filter(|o| counts(*o, session.program.settings.count_attempts))
        .collect();
    let mut month = first;
    while month <= YearMonth::of(session.today) {
        per_month.insert(month.to_string(), store.count_contacts(month, &counting)?);
        month = month.next();
    }
    let contacts_per_month = per_month.into_iter().collect();
    let completed = ended
        .iter()
        .filter(|a| a.end_reason == Some(EndReason::Completed))
        .count() as u32;
    let mut ended_early = BTreeMap::new();
    for a in &ended {
        if let Some(reason) = a.end_reason.filter(|r| *r != EndReason::Completed) {
            *ended_early.entry(reason.as_str().to_string()).or_default() += 1;
        }
    }
    let mut by_session: BTreeMap<(String, String), (u32, u32)> = BTreeMap::new();
    for mark in store.attendance(None, None)? {
        let e = by_session.entry((mark.date.to_string(), mark.event)).or_default();
        e.1 += 1;
        e.0 += u32::from(mark.status == crate::domain::agenda::Attendance::Present);
    }
    let attendance = by_session
        .into_iter()
        .map(|((d, e), (p, m))| (d, e, p, m))
        .collect();
    Ok(Evaluation {
        exit_items,
        exit_completion,
        contacts_per_month,
        completed,
        ended_early,
        attendance,
    })
}

/// A line of a mentor's compensation.
#[derive(Debug, Clone, Serialize)]
pub struct LedgerLine {
    pub mentor_id: String,
    pub mentor: String,
    pub date: NaiveDate,
    pub kind: String,
    pub amount_cents: i64,
    pub note: String,
    /// "rule" (from the program's settings) or "entry" (added by a coordinator).
    pub source: &'static str,
}

/// The compensation of every mentor (a mentor: their own) for the current program year: the
/// installments and meeting stipends the rules give, plus entries coordinators added.
pub fn ledger(session: &Session) -> Result<Vec<LedgerLine>> {
    let store = &session.store;
    let settings = &session.program.settings;
    let year_start = program_year_of(session.program.start_date, session.today);
    let year_end = year_start + Months::new(12);
    let mut lines = Vec::new();
    let mentors: Vec<Person> = store
        .people_with_role(Role::Mentor)?
        .into_iter()
        .filter(|m| session.may(Action::ReadLedger, session.relation_to(m.key)))
        .collect();
    for mentor in &mentors {
        let line = |date: NaiveDate, kind: &str, amount_cents: i64, note: String, source| LedgerLine {
            mentor_id: mentor.id.clone(),
            mentor: mentor.name.clone(),
            date,
            kind: kind.to_string(),
            amount_cents,
            note,
            source,
        };
        let mut pending = Vec::new();
        for i in &settings.installments {
            let year = if i.month >= year_start.month() {
                year_start.year()
            } else {
                year_start.year() + 1
            };
            if let Some(date) = NaiveDate::from_ymd_opt(year, i.month, 1) {
                pending.push(line(date, "installment", i.amount_cents, i.label.clone(), "rule"));
            }
        }
        if let Some(stipend) = &settings.meeting_stipend {
            let filter = crate::domain::records::ContactFilter {
                mentor: Some(mentor.key),
                method: Some(Method::InPerson),
                outcome: Some(Outcome::Conversation),
                ..Default::default()
            };
            let mut meetings: Vec<_> = store
                .contacts(&filter, None, 1000)?
                .into_iter()
                .filter(|c| {
                    c.contact.input.occurred_at.date() >= year_start
                        && c.contact.input.occurred_at.date() < year_end
                })
                .collect();
            meetings.reverse();
            meetings.truncate(stipend.max_meetings as usize);
            let minutes: u32 = meetings.iter().filter_map(|m| m.contact.input.duration_min).sum();
            let hours_met = minutes >= stipend.min_total_hours * 60;
            for m in &meetings {
                let note = if hours_met {
                    format!("in-person meeting with {}", m.person_name)
                } else {
                    format!(
                        "in-person meeting with {} (pending: {} of {} hours so far)",
                        m.person_name,
                        minutes / 60,
                        stipend.min_total_hours
                    )
                };
                pending.push(line(
                    m.contact.input.occurred_at.date(),
                    "stipend",
                    stipend.amount_cents,
                    note,
                    "rule",
                ));
            }
        }
        lines.extend(pending);
    }
    for e in store.ledger_entries()? {
        let Some(mentor) = mentors.iter().find(|m| m.key == e.mentor) else {
            continue;
        };
        let Ok(date) = e.due_on.parse::<NaiveDate>() else {
            continue;
        };
        lines.push(LedgerLine {
            mentor_id: mentor.id.clone(),
            mentor: mentor.name.clone(),
            date,
            kind: e.kind,
            amount_cents: e.amount_cents,
            note: e.note,
            source: "entry",
        });
    }
    lines.sort_by(|a, b| a.mentor.cmp(&b.mentor).then(a.date.cmp(&b.date)));
    Ok(lines)
}

/// `$1,234.50`
pub fn dollars(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.abs();
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}${grouped}.{:02}", cents % 100)
}

/// The word for each point of the exit scale.
pub fn scale_word(n: usize) -> &'static str {
    SCALE.get(n.saturating_sub(1)).copied().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_months() {
        assert_eq!(dollars(35_000), "$350.00");
        assert_eq!(dollars(123_456_789), "$1,234,567.89");
        assert_eq!(dollars(-1_250), "-$12.50");
        let labels = monthly_record_labels();
        assert_eq!(labels[&9], "Sept.");
        assert_eq!(labels[&1], "Jan.");
        assert_eq!(labels[&6], "June");
        assert_eq!(scale_word(3), "quite a bit");
    }
}

/// One student's risk in a month.
#[derive(Debug, Clone, Serialize)]
pub struct StudentRisk {
    pub student_id: String,
    pub month: String,
    pub level: &'static str,
    pub triggers: Vec<&'static str>,
    #[serde(skip)]
    pub student: Person,
    #[serde(skip)]
    pub mentor: Option<Person>,
    /// Days since the mentor's last counting contact with the student.
    #[serde(skip)]
    pub days_since_contact: Option<i64>,
}

/// Every student with engagement data in `month` the user may see, high risk first.
pub fn risk(session: &Session, month: YearMonth) -> Result<Vec<StudentRisk>> {
    session.require(Action::ReadProgramDesk, Relation::Program)?;
    let store = &session.store;
    let thresholds = session.program.settings.risk.clone().unwrap_or_default();
    let assignments = store.all_assignments()?;
    let mut out = Vec::new();
    for (key, engagement) in store.month_engagement(month)? {
        let Some(student) = store.person(key)? else {
            continue;
        };
        let pair = assignments
            .iter()
            .find(|a| a.mentee == key && a.ended_on.is_none());
        let mentor = pair.map(|a| a.mentor);
        if !session.may(
            Action::ReadCaseload,
            mentor.map_or(Relation::Others, |m| session.relation_to(m)),
        ) {
            continue;
        }
        let (level, triggers) = crate::domain::risk::assess(&engagement, &thresholds);
        let days_since_contact = match pair {
            Some(a) => {
                let filter = crate::domain::records::ContactFilter {
                    mentor: Some(a.mentor),
                    person: Some(key),
                    ..Default::default()
                };
                store
                    .contacts(&filter, None, 50)?
                    .iter()
                    .find(|c| counts(c.contact.input.outcome, session.program.settings.count_attempts))
                    .map(|c| (session.today - c.contact.input.occurred_at.date()).num_days())
            }
            None => None,
        };
        out.push(StudentRisk {
            student_id: student.id.clone(),
            month: month.to_string(),
            level: level.as_str(),
            triggers,
            mentor: match mentor {
                Some(m) => store.person(m)?,
                None => None,
            },
            student,
            days_since_contact,
        });
    }
    out.sort_by(|a, b| {
        a.level
            .cmp(b.level)
            .then(b.triggers.len().cmp(&a.triggers.len()))
            .then(a.student.name.cmp(&b.student.name))
    });
    Ok(out)
}
