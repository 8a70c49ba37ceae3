//! Screens and CLI commands share these: the rules applied to what the store returns.

use crate::domain::YearMonth;
use crate::domain::caseload::CaseloadRow;
use crate::domain::caseload::{Flag, attention_key, flags};
use crate::domain::contacts::Reach;
use crate::domain::engagement::{AreaTrend, area_trend};
use crate::domain::forms::{Submission, Values};
use crate::domain::pairs::PairReads;
use crate::domain::permissions::Permission;
use crate::domain::pillars::{PLAN_FORM, PillarBalance, PlanProgress};
use crate::domain::quota::{
    QuotaContact, QuotaStanding, had_a_pair, people_reached, people_reached_as, standing,
};
use crate::domain::records::Person;
use crate::domain::removal::NoticeKind;
use crate::domain::risk::{Level, assess};
use crate::domain::schedule::program_year_of;
use crate::domain::types::EndReason;
use crate::error::Result;
use crate::service::Session;
use chrono::NaiveDateTime;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub struct MentorRow {
    pub mentor: Person,
    pub standing: QuotaStanding,
    pub overdue_reports: usize,
    pub last_activity: Option<NaiveDateTime>,
    /// AFSCME: the balance of the mentor's pair that most needs attention (most pillars
    /// forgotten, then fewest contacts); `None` where the program does not record pillars.
    pub pillars: Option<PillarBalance>,
    /// Plan-based programs: the mentor's plans; `None` elsewhere.
    pub plans: Option<MentorPlans>,
}

/// Every mentor's quota standing for `month`, behind first, then at-risk, on-track and met.
pub fn mentor_table(session: &Session, month: YearMonth) -> Result<Vec<MentorRow>> {
    let settings = &session.program.settings;
    // An applicant accepted after the month was not a mentor in it, and owes it nothing.
    let mentors_from = session.mentors_from()?;
    let mentors: Vec<Person> = session
        .mentors()?
        .into_iter()
        .filter(|m| session.may(Permission::ReadCaseload, session.relation_to(m.key)))
        .filter(|m| {
            mentors_from
                .get(&m.key)
                .is_none_or(|from| *from <= month.last_day())
        })
        .collect();
    let contacts = session.month_contacts(month, None)?;
    let overdue_by_mentor: std::collections::HashMap<i64, usize> = session
        .overdue_report_counts()?
        .into_iter()
        .map(|c| (c.mentor, c.reports))
        .collect();
    let balances = if settings.pillars {
        crate::domain::pillars::balances_of(session.store.pillar_contacts()?, settings.count_attempts)
    } else {
        Default::default()
    };
    // Every pair, for whether a mentor had one this month, and for the pillars and plans.
    let assignments = session.store.all_assignments()?;
    let plans = plans_of(session, None)?;
    let last_activities = session.store.last_activities()?;
    let active_pairs = &assignments;
    let mut rows = Vec::with_capacity(mentors.len());
    for mentor in mentors {
        let pillars = settings.pillars.then(|| {
            assignments
                .iter()
                .filter(|a| a.mentor == mentor.key && a.ended_on.is_none())
                .map(|a| balances.get(&(a.mentor, a.mentee)).copied().unwrap_or_default())
                .max_by_key(|b| {
                    (
                        b.forgotten().len() + 3 * usize::from(b.total() == 0),
                        std::cmp::Reverse(b.total()),
                    )
                })
                .unwrap_or_default()
        });
        let mentor_plans = plans.as_ref().map(|plans| {
            let mut summary = MentorPlans {
                filed: 0,
                pairs: 0,
                next_on: None,
            };
            for a in active_pairs
                .iter()
                .filter(|a| a.mentor == mentor.key && a.ended_on.is_none())
            {
                summary.pairs += 1;
                if let Some(plan) = latest_plan(plans, a.mentor, a.mentee) {
                    summary.filed += 1;
                    if let Some(next) = PlanProgress::of(Some(plan), PillarBalance::default()).next_on {
                        summary.next_on = Some(summary.next_on.map_or(next, |soonest| soonest.min(next)));
                    }
                }
            }
            summary
        });
        let mine = contacts.get(&mentor.key).map_or(&[][..], Vec::as_slice);
        rows.push(MentorRow {
            plans: mentor_plans,
            standing: standing_of(
                session,
                mine,
                month,
                had_a_pair(&assignments, mentor.key, month, session.today),
            ),
            overdue_reports: overdue_by_mentor.get(&mentor.key).copied().unwrap_or(0),
            last_activity: last_activities.get(&mentor.key).copied(),
            pillars,
            mentor,
        });
    }
    rows.sort_by(|a, b| {
        a.standing
            .status
            .urgency()
            .cmp(&b.standing.status.urgency())
            .then(a.standing.count.cmp(&b.standing.count))
            .then(b.overdue_reports.cmp(&a.overdue_reports))
            .then(a.mentor.name.cmp(&b.mentor.name))
    });
    Ok(rows)
}

/// One mentor's quota standing for `month`.
pub fn mentor_standing(session: &Session, mentor: i64, month: YearMonth) -> Result<QuotaStanding> {
    session.require_for(Permission::ReadCaseload, mentor)?;
    let contacts = session.month_contacts(month, Some(mentor))?;
    let mine = contacts.get(&mentor).map_or(&[][..], Vec::as_slice);
    let pairs = session.store.mentor_assignments(mentor)?;
    let had_a_pair = had_a_pair(&pairs, mentor, month, session.today);
    Ok(standing_of(session, mine, month, had_a_pair))
}

/// A mentor's standing from their contacts of `month`: the people mentored against the quota,
/// the people around the students apart; `had_a_pair` as [`had_a_pair`] says.
fn standing_of(
    session: &Session,
    contacts: &[QuotaContact],
    month: YearMonth,
    had_a_pair: bool,
) -> QuotaStanding {
    let settings = &session.program.settings;
    let count = people_reached(contacts, month, settings.count_attempts);
    QuotaStanding {
        support: people_reached_as(contacts, month, settings.count_attempts, Reach::Support),
        off_caseload: people_reached_as(contacts, month, settings.count_attempts, Reach::OffCaseload),
        ..standing(count, settings.quota, month, session.today, had_a_pair)
    }
}

/// A caseload row with its flags.
#[derive(Debug, Clone)]
pub struct FlaggedRow {
    pub row: CaseloadRow,
    pub flags: Vec<Flag>,
    /// Check & Connect programs: the month's risk and the last months' levels, oldest first.
    pub risk: Option<RiskCell>,
    /// Plan-based programs (AFSCME): the pair's mentoring plan, pillars touched and next step.
    pub plan: Option<PlanProgress>,
}

#[derive(Debug, Clone)]
pub struct RiskCell {
    pub level: Level,
    pub triggers: Vec<&'static str>,
    pub trend: Vec<(YearMonth, Level)>,
    /// The four areas of engagement this month, against the month before.
    pub areas: [AreaTrend; 4],
}

/// A student's risk for `month` and the two months before, from their engagement records.
pub fn risk_cell(session: &Session, student: i64, month: YearMonth) -> Result<Option<RiskCell>> {
    let Some(thresholds) = &session.program.settings.risk else {
        return Ok(None);
    };
    let history = session.store.engagement_history(student)?;
    let areas = area_trend(&history, month);
    let mut trend = Vec::new();
    for m in [month.prev().prev(), month.prev(), month] {
        if let Some((_, e)) = history.iter().find(|(hm, _)| *hm == m) {
            trend.push((m, assess(e, thresholds).0));
        }
    }
    let Some((_, e)) = history.iter().find(|(m, _)| *m == month) else {
        return Ok((!trend.is_empty()).then(|| RiskCell {
            level: Level::Low,
            triggers: vec!["no data this month"],
            trend,
            areas,
        }));
    };
    let (level, triggers) = assess(e, thresholds);
    Ok(Some(RiskCell {
        level,
        triggers,
        trend,
        areas,
    }))
}

/// The mentoring plans on file (of one mentor, or everyone's), in a plan-based program: one
/// with no monthly quota whose pairs work a mentoring plan (AFSCME).
fn plans_of(session: &Session, mentor: Option<i64>) -> Result<Option<Vec<Submission>>> {
    if session.program.settings.quota.is_some() || !session.program.uses_form(PLAN_FORM) {
        return Ok(None);
    }
    Ok(Some(session.store.submissions(Some(PLAN_FORM), mentor)?))
}

/// The latest version of the plan `mentor` wrote for `mentee` (the store lists newest first).
fn latest_plan(plans: &[Submission], mentor: i64, mentee: i64) -> Option<&Values> {
    plans
        .iter()
        .find(|p| p.author == mentor && p.about == Some(mentee) && !p.superseded)
        .map(|p| &p.values)
}

/// A mentor's plans in a plan-based program: how many of their active pairs have one, and the
/// soonest next step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MentorPlans {
    pub filed: u32,
    pub pairs: u32,
    pub next_on: Option<chrono::NaiveDate>,
}

/// A mentor's active pairs, those who need attention first.
pub fn caseload(session: &Session, mentor: i64, month: YearMonth) -> Result<Vec<FlaggedRow>> {
    session.require_for(Permission::ReadCaseload, mentor)?;
    let settings = &session.program.settings;
    let today = session.today;
    let plans = plans_of(session, Some(mentor))?;
    let reads = PairReads::for_settings(settings);
    let mut rows: Vec<FlaggedRow> = session
        .store
        .caseload(mentor, month, &reads, today)?
        .into_iter()
        .map(|pair| pair.into_row(&reads, settings, month, today))
        .map(|row| {
            Ok(FlaggedRow {
                flags: flags(&row.facts, settings, today),
                risk: risk_cell(session, row.person.key, month)?,
                plan: plans.as_ref().map(|plans| {
                    PlanProgress::of(
                        latest_plan(plans, mentor, row.person.key),
                        row.facts.pillars.unwrap_or_default(),
                    )
                }),
                row,
            })
        })
        .collect::<Result<_>>()?;
    // High risk first, then the pairs whose flags say they need attention.
    rows.sort_by_key(|r| {
        (
            r.risk.as_ref().is_none_or(|c| c.level != Level::High),
            attention_key(&r.flags, &r.row.facts, today),
            r.row.person.name.clone(),
        )
    });
    Ok(rows)
}

/// What the mentors table adds for triage.
#[derive(Debug, Clone, Serialize)]
pub struct Triage {
    pub active: u32,
    /// Sessions marked present / marked this program year.
    pub attended: (u32, u32),
    /// All assigned people are exhausted, negative or gone: assign new ones.
    pub needs_people: bool,
    /// WEAC: the warnings the mentor was given.
    pub warnings: u32,
}

/// The triage of each of `mentors`, in their order: two reads for all of them.
pub fn triage(session: &Session, mentors: &[i64]) -> Result<Vec<Triage>> {
    for &mentor in mentors {
        session.require_for(Permission::ReadCaseload, mentor)?;
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
    mentors
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
            Ok(Triage {
                active,
                attended: attended.get(mentor).copied().unwrap_or_default(),
                needs_people: active < session.program.settings.capacity && (active == 0 || lost),
                warnings: store
                    .notices(*mentor)?
                    .iter()
                    .filter(|n| n.kind == NoticeKind::Warning)
                    .count() as u32,
            })
        })
        .collect()
}
