//! What one pair's contacts and paperwork mean: the [`PairFacts`] a caseload row and the
//! deadlines are flagged from, decided here from the plain rows and counts the store reads.

use super::caseload::{CaseloadRow, Deadline, PairFacts, is_in_person_meeting, term_end};
use super::pillars::PillarBalance;
use super::quota::counts;
use super::records::{Assignment, Person};
use super::reports::{ReportState, report_state};
use super::settings::Settings;
use super::types::{Method, Outcome, Pillar};
use chrono::{NaiveDate, NaiveDateTime};

/// Which of a pair's records the program's rules need: the store reads only these.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PairReads {
    /// The days of contacts whose report is not submitted (a report weekday is set).
    pub unsubmitted: bool,
    /// The oldest contact of each method and outcome (a first-meeting deadline is set).
    pub first_by_kind: bool,
    /// The latest extension of the match (matches have a term).
    pub extension: bool,
    /// The day goals were first shared (a goals deadline is set).
    pub goals: bool,
    /// Contacts per pillar and outcome (the program records pillars).
    pub pillars: bool,
    /// The form each side files at the end of a match, when an evaluation deadline is set.
    pub evaluation_form: Option<&'static str>,
}

impl PairReads {
    pub fn for_settings(settings: &Settings) -> PairReads {
        PairReads {
            unsubmitted: settings.report_due_weekday.is_some(),
            first_by_kind: settings.first_meeting_days.is_some(),
            extension: settings.term_months.is_some(),
            goals: settings.goals_days.is_some(),
            pillars: settings.pillars,
            evaluation_form: settings.evaluation_days.and(Deadline::MentorEvaluation.form()),
        }
    }
}

/// A pair's contacts and paperwork as the store reads them: rows and counts, no rule applied.
/// What [`PairReads`] left out is empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PairRows {
    /// Per outcome: how many contacts fall in the month viewed, and the day of the newest one
    /// on or before today.
    pub by_outcome: Vec<(Outcome, u32, Option<NaiveDate>)>,
    /// The day of each contact whose report is not submitted.
    pub unsubmitted: Vec<NaiveDate>,
    /// Per method and outcome: the day of the oldest contact.
    pub first_by_kind: Vec<(Method, Outcome, NaiveDate)>,
    /// The day the latest extension runs to.
    pub extended_to: Option<NaiveDate>,
    /// The day goals were first shared.
    pub goals_shared: Option<NaiveDate>,
    /// Per pillar and outcome: how many contacts.
    pub pillars: Vec<(Pillar, Outcome, u32)>,
    /// The day the mentor's, and the mentee's, end-of-match form was first filed.
    pub mentor_evaluation: Option<NaiveDate>,
    pub mentee_evaluation: Option<NaiveDate>,
}

/// One active pair of a caseload as the store reads it, before the rules.
#[derive(Debug, Clone)]
pub struct StoredPair {
    pub assignment: Assignment,
    pub person: Person,
    pub last_contact: Option<(NaiveDateTime, Method, Outcome)>,
    pub next_follow_up: Option<NaiveDate>,
    pub rows: PairRows,
}

impl StoredPair {
    /// The caseload row, with the facts the rules read from the pair's rows.
    pub fn into_row(self, reads: &PairReads, settings: &Settings, today: NaiveDate) -> CaseloadRow {
        CaseloadRow {
            facts: pair_facts(&self.assignment, &self.rows, reads, settings, today),
            assignment: self.assignment,
            person: self.person,
            last_contact: self.last_contact,
            next_follow_up: self.next_follow_up,
        }
    }
}

/// The facts of one pair for `month`, as seen from `today`: which contacts count, which reports
/// are late, which contact was the first meeting, when the term ends.
pub fn pair_facts(
    assignment: &Assignment,
    rows: &PairRows,
    reads: &PairReads,
    settings: &Settings,
    today: NaiveDate,
) -> PairFacts {
    let counting = |outcome: Outcome| counts(outcome, settings.count_attempts);
    let ended = assignment.ended_on.is_some();
    let pillars = reads.pillars.then(|| {
        let mut balance = PillarBalance::default();
        for &(pillar, outcome, n) in &rows.pillars {
            if counting(outcome) {
                for _ in 0..n {
                    balance.add(pillar);
                }
            }
        }
        balance
    });
    PairFacts {
        started_on: assignment.started_on,
        ended_on: assignment.ended_on,
        counting_this_month: rows
            .by_outcome
            .iter()
            .filter(|(outcome, ..)| counting(*outcome))
            .map(|(_, in_month, _)| in_month)
            .sum(),
        last_counting: rows
            .by_outcome
            .iter()
            .filter(|(outcome, ..)| counting(*outcome))
            .filter_map(|(_, _, newest)| *newest)
            .max(),
        overdue_reports: rows
            .unsubmitted
            .iter()
            .filter(|on| {
                matches!(
                    report_state(**on, false, settings.report_due_weekday, today),
                    ReportState::Late { .. }
                )
            })
            .count() as u32,
        first_in_person: rows
            .first_by_kind
            .iter()
            .filter(|(method, outcome, _)| is_in_person_meeting(*method, *outcome))
            .map(|(_, _, on)| *on)
            .min(),
        term_ends: term_end(assignment.started_on, settings.term_months, rows.extended_to),
        goals_shared: rows.goals_shared,
        pillars,
        mentor_evaluation: rows.mentor_evaluation.filter(|_| ended),
        mentee_evaluation: rows.mentee_evaluation.filter(|_| ended),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::settings::Preset;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn pair(ended_on: Option<NaiveDate>) -> Assignment {
        Assignment {
            key: 1,
            mentor: 2,
            mentee: 3,
            started_on: d(2026, 9, 1),
            ended_on,
            end_reason: None,
            version: 1,
        }
    }

    #[test]
    fn what_the_reads_follow_from_the_settings() {
        let start = d(2026, 8, 1);
        let weac = PairReads::for_settings(&Settings::preset(Preset::RuralUnion, start));
        assert!(weac.unsubmitted && !weac.first_by_kind && !weac.goals && weac.evaluation_form.is_none());
        let wvls = PairReads::for_settings(&Settings::preset(Preset::Library, start));
        assert!(wvls.first_by_kind && wvls.goals && wvls.extension);
        assert_eq!(wvls.evaluation_form, Some("library-evaluation"));
        let afscme = PairReads::for_settings(&Settings::preset(Preset::Afscme, start));
        assert!(afscme.pillars);
    }

    #[test]
    fn fact_table() {
        let today = d(2026, 11, 23);
        let start = d(2026, 8, 1);
        let weac = Settings::preset(Preset::RuralUnion, start);
        let mut attempts = weac.clone();
        attempts.count_attempts = true;
        let wvls = Settings::preset(Preset::Library, start);
        let afscme = Settings::preset(Preset::Afscme, start);
        let conversations = vec![
            (Outcome::Conversation, 2, Some(d(2026, 11, 20))),
            (Outcome::NoAnswer, 3, Some(d(2026, 11, 22))),
        ];
        type Check = fn(&PairFacts) -> bool;
        let cases: Vec<(&str, &Settings, Option<NaiveDate>, PairRows, Check)> = vec![
            (
                "only conversations count",
                &weac,
                None,
                PairRows {
                    by_outcome: conversations.clone(),
                    ..Default::default()
                },
                |f| f.counting_this_month == 2 && f.last_counting == Some(d(2026, 11, 20)),
            ),
            (
                "attempts count where the program counts them",
                &attempts,
                None,
                PairRows {
                    by_outcome: conversations.clone(),
                    ..Default::default()
                },
                |f| f.counting_this_month == 5 && f.last_counting == Some(d(2026, 11, 22)),
            ),
            ("nothing logged", &weac, None, PairRows::default(), |f| {
                f.counting_this_month == 0 && f.last_counting.is_none() && f.overdue_reports == 0
            }),
            (
                "a report from last month is late, this week's is not yet",
                &weac,
                None,
                PairRows {
                    unsubmitted: vec![d(2026, 10, 2), d(2026, 11, 21)],
                    ..Default::default()
                },
                |f| f.overdue_reports == 1,
            ),
            (
                "the first meeting is the oldest conversation in person",
                &wvls,
                None,
                PairRows {
                    first_by_kind: vec![
                        (Method::Phone, Outcome::Conversation, d(2026, 9, 2)),
                        (Method::InPerson, Outcome::NoAnswer, d(2026, 9, 3)),
                        (Method::InPerson, Outcome::Conversation, d(2026, 9, 20)),
                    ],
                    ..Default::default()
                },
                |f| f.first_in_person == Some(d(2026, 9, 20)),
            ),
            (
                "a term ends a year on, or where it was extended to",
                &wvls,
                None,
                PairRows {
                    extended_to: Some(d(2028, 1, 1)),
                    ..Default::default()
                },
                |f| f.term_ends == Some(d(2028, 1, 1)),
            ),
            (
                "a term without an extension",
                &wvls,
                None,
                PairRows::default(),
                |f| f.term_ends == Some(d(2027, 9, 1)) && f.goals_shared.is_none(),
            ),
            (
                "no term where matches have none",
                &weac,
                None,
                PairRows {
                    extended_to: Some(d(2028, 1, 1)),
                    ..Default::default()
                },
                |f| f.term_ends.is_none(),
            ),
            (
                "evaluations are owed only by an ended match",
                &wvls,
                None,
                PairRows {
                    mentor_evaluation: Some(d(2026, 11, 1)),
                    ..Default::default()
                },
                |f| f.mentor_evaluation.is_none() && f.ended_on.is_none(),
            ),
            (
                "an ended match's evaluations",
                &wvls,
                Some(d(2026, 10, 31)),
                PairRows {
                    mentor_evaluation: Some(d(2026, 11, 1)),
                    ..Default::default()
                },
                |f| f.mentor_evaluation == Some(d(2026, 11, 1)) && f.mentee_evaluation.is_none(),
            ),
            (
                "pillars balance the counting contacts only",
                &afscme,
                None,
                PairRows {
                    pillars: vec![
                        (Pillar::Invest, Outcome::Conversation, 2),
                        (Pillar::SharePower, Outcome::NoAnswer, 4),
                        (Pillar::BridgeTheGap, Outcome::Conversation, 1),
                    ],
                    ..Default::default()
                },
                |f| {
                    f.pillars
                        == Some(PillarBalance {
                            invest: 2,
                            bridge_the_gap: 1,
                            share_power: 0,
                        })
                },
            ),
            (
                "no balance where pillars are not recorded",
                &weac,
                None,
                PairRows::default(),
                |f| f.pillars.is_none(),
            ),
        ];
        for (name, settings, ended_on, rows, check) in cases {
            let reads = PairReads::for_settings(settings);
            let facts = pair_facts(&pair(ended_on), &rows, &reads, settings, today);
            assert!(check(&facts), "{name}: {facts:?}");
        }
    }
}
