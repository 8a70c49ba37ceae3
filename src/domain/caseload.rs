//! What needs attention on a caseload row: quiet pairs, cadence, overdue reports, deadlines.

use super::records::{Assignment, Person};
use super::settings::Settings;
use super::types::{Method, Outcome};
use chrono::{Days, NaiveDate, NaiveDateTime};

/// What the store knows about one active assignment, for the month being viewed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PairFacts {
    pub started_on: NaiveDate,
    pub counting_this_month: u32,
    pub last_counting: Option<NaiveDate>,
    pub overdue_reports: u32,
    pub first_in_person: Option<NaiveDate>,
    pub goals_shared: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    ReportOverdue(u32),
    /// No counting contact for more than this many days.
    Quiet(u32),
    Cadence {
        have: u32,
        need: u32,
    },
    FirstMeetingOverdue,
    GoalsOverdue,
}

impl Flag {
    /// A short word for the row, readable without colour.
    pub fn word(self) -> String {
        match self {
            Flag::ReportOverdue(n) => format!("{n} report{} late", if n == 1 { "" } else { "s" }),
            Flag::Quiet(days) => format!("silent {days}d+"),
            Flag::Cadence { have, need } => format!("cadence {have}/{need}"),
            Flag::FirstMeetingOverdue => "no 1st meeting".to_string(),
            Flag::GoalsOverdue => "goals late".to_string(),
        }
    }
}

fn past_deadline(
    started_on: NaiveDate,
    days: Option<u32>,
    done: Option<NaiveDate>,
    today: NaiveDate,
) -> bool {
    match days {
        Some(days) => done.is_none() && today > started_on + Days::new(u64::from(days)),
        None => false,
    }
}

/// The flags of one pair in the current month, most serious first.
pub fn flags(facts: &PairFacts, settings: &Settings, today: NaiveDate) -> Vec<Flag> {
    let mut out = Vec::new();
    if facts.overdue_reports > 0 {
        out.push(Flag::ReportOverdue(facts.overdue_reports));
    }
    let quiet_since = facts.last_counting.unwrap_or(facts.started_on);
    if (today - quiet_since).num_days() > i64::from(settings.quiet_days) {
        out.push(Flag::Quiet(settings.quiet_days));
    }
    if let Some(need) = settings.pair_cadence
        && facts.counting_this_month < need
    {
        out.push(Flag::Cadence {
            have: facts.counting_this_month,
            need,
        });
    }
    if past_deadline(
        facts.started_on,
        settings.first_meeting_days,
        facts.first_in_person,
        today,
    ) {
        out.push(Flag::FirstMeetingOverdue);
    }
    if past_deadline(facts.started_on, settings.goals_days, facts.goals_shared, today) {
        out.push(Flag::GoalsOverdue);
    }
    out
}

/// Sort key: the most flags of the worst kind first, then the longest without a real contact.
pub fn attention_key(flags: &[Flag], facts: &PairFacts, today: NaiveDate) -> (usize, i64) {
    let quiet = (today - facts.last_counting.unwrap_or(facts.started_on)).num_days();
    (usize::MAX - flags.len(), -quiet)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::settings::Preset;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn flag_table() {
        let today = d(2026, 11, 23);
        let weac = Settings::preset(Preset::RuralUnion, d(2026, 8, 1));
        let wvls = Settings::preset(Preset::Library, d(2026, 8, 1));
        let fresh = PairFacts {
            started_on: d(2026, 11, 1),
            ..Default::default()
        };
        let cases: Vec<(&str, PairFacts, &Settings, Vec<Flag>)> = vec![
            ("new pair, nothing due yet", fresh.clone(), &weac, vec![]),
            (
                "quiet for 31 days",
                PairFacts {
                    started_on: d(2026, 9, 1),
                    last_counting: Some(d(2026, 10, 23)),
                    ..Default::default()
                },
                &weac,
                vec![Flag::Quiet(30)],
            ),
            (
                "exactly 30 days is not yet quiet",
                PairFacts {
                    started_on: d(2026, 9, 1),
                    last_counting: Some(d(2026, 10, 24)),
                    ..Default::default()
                },
                &weac,
                vec![],
            ),
            (
                "overdue report",
                PairFacts {
                    overdue_reports: 2,
                    last_counting: Some(d(2026, 11, 20)),
                    ..fresh.clone()
                },
                &weac,
                vec![Flag::ReportOverdue(2)],
            ),
            (
                "library cadence and 30-day deadlines",
                PairFacts {
                    started_on: d(2026, 10, 1),
                    last_counting: Some(d(2026, 10, 30)),
                    ..Default::default()
                },
                &wvls,
                vec![
                    Flag::Cadence { have: 0, need: 1 },
                    Flag::FirstMeetingOverdue,
                    Flag::GoalsOverdue,
                ],
            ),
            (
                "library pair that met and shared goals",
                PairFacts {
                    started_on: d(2026, 10, 1),
                    counting_this_month: 1,
                    last_counting: Some(d(2026, 11, 2)),
                    first_in_person: Some(d(2026, 10, 20)),
                    goals_shared: Some(d(2026, 10, 25)),
                    ..Default::default()
                },
                &wvls,
                vec![],
            ),
        ];
        for (name, facts, settings, want) in cases {
            assert_eq!(flags(&facts, settings, today), want, "{name}");
        }
    }

    #[test]
    fn more_flags_then_longer_quiet_sort_first() {
        let today = d(2026, 11, 23);
        let a = PairFacts {
            started_on: d(2026, 1, 1),
            last_counting: Some(d(2026, 11, 1)),
            ..Default::default()
        };
        let b = PairFacts {
            last_counting: Some(d(2026, 10, 1)),
            ..a.clone()
        };
        assert!(attention_key(&[], &b, today) < attention_key(&[], &a, today));
        assert!(attention_key(&[Flag::Quiet(30)], &a, today) < attention_key(&[], &b, today));
    }
}

/// One active pair on a mentor's caseload, with what the rules need to flag it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseloadRow {
    pub assignment: Assignment,
    pub person: Person,
    pub last_contact: Option<(NaiveDateTime, Method, Outcome)>,
    pub next_follow_up: Option<NaiveDate>,
    pub facts: PairFacts,
}
