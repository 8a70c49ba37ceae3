//! What one pair's contacts and paperwork mean: the [`PairFacts`] a caseload row and the
//! deadlines are flagged from, decided here from the plain rows and counts the store reads.

use super::caseload::{CaseloadRow, Deadline, PairFacts, is_in_person_meeting, term_end};
use super::dates::YearMonth;
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
    /// Whether attempts count, which decides how far back the newest counting contact lies.
    pub count_attempts: bool,
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
            count_attempts: settings.count_attempts,
        }
    }
}

/// A pair's contacts and paperwork as the store reads them: rows and counts, no rule applied.
/// What [`PairReads`] left out is empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PairRows {
    /// The pair's contacts, newest first (day and outcome), as far back as [`read_enough`]
    /// asks: through the month viewed and to the newest counting one.
    pub recent: Vec<(NaiveDate, Outcome)>,
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

/// Whether the pair's contacts read so far, newest first, reach back far enough: past the
/// start of the month viewed, and to a contact that counts, on or before today.
pub fn read_enough(
    recent: &[(NaiveDate, Outcome)],
    reads: &PairReads,
    month: YearMonth,
    today: NaiveDate,
) -> bool {
    recent.last().is_some_and(|(on, _)| *on < month.first_day())
        && recent
            .iter()
            .any(|(on, outcome)| *on <= today && counts(*outcome, reads.count_attempts))
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
    pub fn into_row(
        self,
        reads: &PairReads,
        settings: &Settings,
        month: YearMonth,
        today: NaiveDate,
    ) -> CaseloadRow {
        CaseloadRow {
            facts: pair_facts(&self.assignment, &self.rows, reads, settings, month, today),
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
    month: YearMonth,
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
            .recent
            .iter()
            .filter(|(on, outcome)| counting(*outcome) && YearMonth::of(*on) == month)
            .count() as u32,
        last_counting: rows
            .recent
            .iter()
            .filter(|(on, outcome)| counting(*outcome) && *on <= today)
            .map(|(on, _)| *on)
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
    fn the_store_reads_back_to_the_month_and_the_newest_counting_contact() {
        let today = d(2026, 11, 23);
        let month = YearMonth::of(today);
        let weac = PairReads::for_settings(&Settings::preset(Preset::RuralUnion, d(2026, 8, 1)));
        let attempts = PairReads {
            count_attempts: true,
            ..weac
        };
        let talk = Outcome::Conversation;
        let missed = Outcome::NoAnswer;
        type Case = (&'static str, PairReads, Vec<(NaiveDate, Outcome)>, bool);
        let cases: Vec<Case> = vec![
            ("nothing read yet", weac, vec![], false),
            ("still in the month", weac, vec![(d(2026, 11, 20), talk)], false),
            (
                "past the month, with a conversation",
                weac,
                vec![(d(2026, 11, 20), talk), (d(2026, 10, 30), missed)],
                true,
            ),
            (
                "past the month, only attempts",
                weac,
                vec![(d(2026, 11, 20), missed), (d(2026, 10, 30), missed)],
                false,
            ),
            (
                "past the month, attempts counting",
                attempts,
                vec![(d(2026, 11, 20), missed), (d(2026, 10, 30), missed)],
                true,
            ),
            (
                "a conversation only after today does not end the search",
                weac,
                vec![(d(2026, 11, 28), talk), (d(2026, 10, 30), missed)],
                false,
            ),
        ];
        for (name, reads, recent, enough) in cases {
            assert_eq!(read_enough(&recent, &reads, month, today), enough, "{name}");
        }
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
        // Newest first: one planned past today, this month's, then last month's.
        let conversations = vec![
            (d(2026, 11, 25), Outcome::Conversation),
            (d(2026, 11, 22), Outcome::NoAnswer),
            (d(2026, 11, 21), Outcome::NoAnswer),
            (d(2026, 11, 20), Outcome::Conversation),
            (d(2026, 11, 3), Outcome::NoAnswer),
            (d(2026, 10, 30), Outcome::Conversation),
        ];
        let only_last_month = vec![
            (d(2026, 10, 30), Outcome::NoAnswer),
            (d(2026, 10, 12), Outcome::Conversation),
        ];
        type Check = fn(&PairFacts) -> bool;
        let cases: Vec<(&str, &Settings, Option<NaiveDate>, PairRows, Check)> = vec![
            (
                "only conversations count",
                &weac,
                None,
                PairRows {
                    recent: conversations.clone(),
                    ..Default::default()
                },
                |f| f.counting_this_month == 2 && f.last_counting == Some(d(2026, 11, 20)),
            ),
            (
                "nothing counts this month; the last was in October",
                &weac,
                None,
                PairRows {
                    recent: only_last_month.clone(),
                    ..Default::default()
                },
                |f| f.counting_this_month == 0 && f.last_counting == Some(d(2026, 10, 12)),
            ),
            (
                "attempts count where the program counts them",
                &attempts,
                None,
                PairRows {
                    recent: conversations.clone(),
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
            let facts = pair_facts(
                &pair(ended_on),
                &rows,
                &reads,
                settings,
                YearMonth::of(today),
                today,
            );
            assert!(check(&facts), "{name}: {facts:?}");
        }
    }
}
