//! What needs attention on a caseload row: quiet pairs, cadence, overdue reports, deadlines.

use super::pillars::PillarBalance;
use super::records::{Assignment, Person};
use super::settings::Settings;
use super::types::Pillar;
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
    pub ended_on: Option<NaiveDate>,
    /// When the mentor's / the mentee's end-of-match evaluation was filed.
    pub mentor_evaluation: Option<NaiveDate>,
    pub mentee_evaluation: Option<NaiveDate>,
    /// AFSCME: the pillars the pair's counting contacts served; `None` where the program does
    /// not record them.
    pub pillars: Option<PillarBalance>,
    /// WVLS: the day the match's term ends (see [`term_end`]); `None` where matches have no term.
    pub term_ends: Option<NaiveDate>,
}

/// The day a match's term ends: the latest extension's, or `term_months` after it started.
pub fn term_end(
    started_on: NaiveDate,
    term_months: Option<u32>,
    extended_to: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let months = term_months?;
    extended_to.or_else(|| started_on.checked_add_months(chrono::Months::new(months)))
}

/// How many days before its term ends a running match is flagged, so the coordinator can plan
/// to end or extend it.
pub const TERM_NOTICE_DAYS: i64 = 30;

/// A per-pair deadline of the program (WVLS): paperwork like a report, overdue once missed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    FirstMeeting,
    Goals,
    MentorEvaluation,
    MenteeEvaluation,
    /// The match's term is over and it still runs: end it, or extend it.
    TermEnds,
}

impl Deadline {
    /// The overdue list's kind.
    pub fn kind(self) -> &'static str {
        match self {
            Deadline::FirstMeeting => "first-meeting",
            Deadline::Goals => "goals",
            Deadline::MentorEvaluation | Deadline::MenteeEvaluation => "evaluation",
            Deadline::TermEnds => "term-end",
        }
    }

    /// The form whose filing meets it; a first meeting is met by logging it.
    pub fn form(self) -> Option<&'static str> {
        match self {
            Deadline::FirstMeeting | Deadline::TermEnds => None,
            Deadline::Goals => Some("library-goals"),
            Deadline::MentorEvaluation | Deadline::MenteeEvaluation => Some("library-evaluation"),
        }
    }

    pub fn describe(self, mentee: &str) -> String {
        match self {
            Deadline::FirstMeeting => format!("first in-person meeting with {mentee}"),
            Deadline::Goals => format!("goals for {mentee} shared with the coordinator"),
            Deadline::MentorEvaluation => format!("mentor's evaluation of the match with {mentee}"),
            Deadline::MenteeEvaluation => format!("{mentee}'s evaluation of the match"),
            Deadline::TermEnds => format!("the term of the match with {mentee}: end it or extend it"),
        }
    }
}

/// The deadlines of one pair that passed unmet, with their due dates: the first meeting and
/// the goals while the match runs, both evaluations once it has ended.
pub fn missed_deadlines(
    facts: &PairFacts,
    settings: &Settings,
    today: NaiveDate,
) -> Vec<(Deadline, NaiveDate)> {
    let after = |date: NaiveDate, days: u32| date + Days::new(u64::from(days));
    let mut out = Vec::new();
    let mut check = |deadline, from: NaiveDate, days: Option<u32>, done: Option<NaiveDate>| {
        if let Some(days) = days
            && done.is_none()
            && today > after(from, days)
        {
            out.push((deadline, after(from, days)));
        }
    };
    match facts.ended_on {
        None => {
            check(
                Deadline::FirstMeeting,
                facts.started_on,
                settings.first_meeting_days,
                facts.first_in_person,
            );
            check(
                Deadline::Goals,
                facts.started_on,
                settings.goals_days,
                facts.goals_shared,
            );
            if let Some(end) = facts.term_ends
                && today > end
            {
                out.push((Deadline::TermEnds, end));
            }
        }
        Some(end) => {
            check(
                Deadline::MentorEvaluation,
                end,
                settings.evaluation_days,
                facts.mentor_evaluation,
            );
            check(
                Deadline::MenteeEvaluation,
                end,
                settings.evaluation_days,
                facts.mentee_evaluation,
            );
        }
    }
    out
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
    /// AFSCME: a pillar no contact of the pair has served yet.
    PillarForgotten(Pillar),
    /// WVLS: the match's term ends in this many days (within [`TERM_NOTICE_DAYS`]).
    TermEndsIn(i64),
    /// The term is over and the match still runs.
    TermOver,
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
            Flag::PillarForgotten(pillar) => format!("no {} yet", pillar.label()),
            Flag::TermEndsIn(0) => "term ends today".to_string(),
            Flag::TermEndsIn(days) => format!("term ends in {days}d"),
            Flag::TermOver => "term over".to_string(),
        }
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
    for (deadline, _) in missed_deadlines(facts, settings, today) {
        match deadline {
            Deadline::FirstMeeting => out.push(Flag::FirstMeetingOverdue),
            Deadline::Goals => out.push(Flag::GoalsOverdue),
            Deadline::TermEnds => out.push(Flag::TermOver),
            Deadline::MentorEvaluation | Deadline::MenteeEvaluation => {}
        }
    }
    if let Some(end) = facts.term_ends
        && facts.ended_on.is_none()
        && (0..=TERM_NOTICE_DAYS).contains(&(end - today).num_days())
    {
        out.push(Flag::TermEndsIn((end - today).num_days()));
    }
    if let Some(balance) = facts.pillars {
        out.extend(balance.forgotten().into_iter().map(Flag::PillarForgotten));
    }
    out
}

/// Sort key: the most flags of the worst kind first, then the longest without a real contact.
pub fn attention_key(flags: &[Flag], facts: &PairFacts, today: NaiveDate) -> (usize, i64) {
    let quiet = (today - facts.last_counting.unwrap_or(facts.started_on)).num_days();
    (usize::MAX - flags.len(), -quiet)
}

/// Whether a contact is the in-person meeting the first-meeting deadline asks for (WVLS): the
/// pair met and talked.
pub fn is_in_person_meeting(method: Method, outcome: Outcome) -> bool {
    method == Method::InPerson && outcome.is_conversation()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_conversation_in_person_is_a_meeting() {
        for method in Method::ALL {
            for outcome in Outcome::ALL {
                let expected = *method == Method::InPerson && *outcome == Outcome::Conversation;
                assert_eq!(
                    is_in_person_meeting(*method, *outcome),
                    expected,
                    "{method} {outcome}"
                );
            }
        }
    }
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
    fn an_ended_match_owes_both_evaluations_after_its_window() {
        let wvls = Settings::preset(Preset::Library, d(2026, 8, 1));
        let ended = PairFacts {
            started_on: d(2025, 10, 1),
            ended_on: Some(d(2026, 10, 1)),
            mentor_evaluation: Some(d(2026, 10, 20)),
            ..Default::default()
        };
        assert_eq!(missed_deadlines(&ended, &wvls, d(2026, 10, 31)), []);
        assert_eq!(
            missed_deadlines(&ended, &wvls, d(2026, 11, 1)),
            [(Deadline::MenteeEvaluation, d(2026, 10, 31))]
        );
        let weac = Settings::preset(Preset::RuralUnion, d(2026, 8, 1));
        assert_eq!(missed_deadlines(&ended, &weac, d(2026, 11, 1)), []);
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

    #[test]
    fn a_match_with_a_term_is_reminded_before_it_ends_and_overdue_after() {
        let wvls = Settings::preset(Preset::Library, d(2026, 8, 1));
        let started = d(2025, 12, 1);
        assert_eq!(term_end(started, Some(12), None), Some(d(2026, 12, 1)));
        assert_eq!(
            term_end(started, Some(12), Some(d(2027, 6, 1))),
            Some(d(2027, 6, 1))
        );
        assert_eq!(term_end(started, None, Some(d(2027, 6, 1))), None);
        let facts = |ended_on| PairFacts {
            started_on: started,
            last_counting: Some(d(2026, 11, 20)),
            counting_this_month: 1,
            first_in_person: Some(d(2025, 12, 5)),
            goals_shared: Some(d(2025, 12, 20)),
            term_ends: Some(d(2026, 12, 1)),
            ended_on,
            ..Default::default()
        };
        // (today, flags, missed deadlines)
        let cases = [
            (d(2026, 10, 31), vec![], vec![]),
            (d(2026, 11, 1), vec![Flag::TermEndsIn(30)], vec![]),
            (d(2026, 11, 23), vec![Flag::TermEndsIn(8)], vec![]),
            (d(2026, 12, 1), vec![Flag::TermEndsIn(0)], vec![]),
            (
                d(2026, 12, 2),
                vec![Flag::TermOver],
                vec![(Deadline::TermEnds, d(2026, 12, 1))],
            ),
        ];
        for (today, want_flags, want_missed) in cases {
            let mut f = facts(None);
            f.last_counting = Some(today);
            assert_eq!(flags(&f, &wvls, today), want_flags, "{today}");
            assert_eq!(missed_deadlines(&f, &wvls, today), want_missed, "{today}");
        }
        // A match that ended owes no term.
        let ended = facts(Some(d(2026, 11, 30)));
        assert!(
            !missed_deadlines(&ended, &wvls, d(2026, 12, 5))
                .iter()
                .any(|(deadline, _)| *deadline == Deadline::TermEnds)
        );
        assert_eq!(Flag::TermEndsIn(8).word(), "term ends in 8d");
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
