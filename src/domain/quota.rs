//! The monthly quota: how many distinct people a mentor reached, and whether that keeps pace.

use super::contacts::Reach;
use super::dates::YearMonth;
use super::records::Assignment;
use super::types::Outcome;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::HashSet;

/// Whether a contact with this outcome counts toward the quota and the pair cadence.
/// Deleted contacts never reach this function: callers leave them out.
pub fn counts(outcome: Outcome, count_attempts: bool) -> bool {
    count_attempts || outcome.is_conversation()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuotaStatus {
    Behind,
    Missed,
    AtRisk,
    OnTrack,
    Met,
    /// Below the quota with no pair active this month: nobody to reach, which is the
    /// coordinator's to fix (assign someone), not the mentor's to catch up on.
    NoActivePairs,
    /// The program sets no monthly quota.
    NoQuota,
}

impl QuotaStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            QuotaStatus::Met => "met",
            QuotaStatus::OnTrack => "on-track",
            QuotaStatus::AtRisk => "at-risk",
            QuotaStatus::Behind => "behind",
            QuotaStatus::Missed => "missed",
            QuotaStatus::NoActivePairs => "no-pairs",
            QuotaStatus::NoQuota => "no-quota",
        }
    }

    /// The word shown on screen beside the colour.
    pub fn word(self) -> &'static str {
        match self {
            QuotaStatus::Met => "MET",
            QuotaStatus::OnTrack => "ON TRACK",
            QuotaStatus::AtRisk => "AT RISK",
            QuotaStatus::Behind => "BEHIND",
            QuotaStatus::Missed => "MISSED",
            QuotaStatus::NoActivePairs => "NO PAIRS",
            QuotaStatus::NoQuota => "NO QUOTA",
        }
    }

    /// Behind, missed or at risk: the mentors the digest and the roll-up across programs count.
    pub fn is_behind_or_at_risk(self) -> bool {
        self.urgency() <= 1
    }

    /// Lower sorts first on the coordinator's table: who needs help most.
    pub fn urgency(self) -> u8 {
        match self {
            QuotaStatus::Behind | QuotaStatus::Missed => 0,
            QuotaStatus::AtRisk => 1,
            QuotaStatus::OnTrack | QuotaStatus::NoActivePairs => 2,
            QuotaStatus::Met => 3,
            QuotaStatus::NoQuota => 4,
        }
    }
}

/// One contact as the quota sees it.
#[derive(Debug, Clone, Copy)]
pub struct QuotaContact {
    pub person: i64,
    pub on: NaiveDate,
    pub outcome: Outcome,
    pub reach: Reach,
}

/// The number of distinct people reached with a counting contact in `month`.
pub fn people_reached(contacts: &[QuotaContact], month: YearMonth, count_attempts: bool) -> u32 {
    let people: HashSet<i64> = contacts
        .iter()
        .filter(|c| {
            month.contains(c.on) && c.reach.counts_toward_quota() && counts(c.outcome, count_attempts)
        })
        .map(|c| c.person)
        .collect();
    people.len() as u32
}

/// Of the people reached in `month`, how many were of this reach: those outside the caseload
/// (shown beside the count, so no quota is padded unseen), or the guardians, staff and providers
/// around the students (shown apart from the quota).
pub fn people_reached_as(
    contacts: &[QuotaContact],
    month: YearMonth,
    count_attempts: bool,
    reach: Reach,
) -> u32 {
    let people: HashSet<i64> = contacts
        .iter()
        .filter(|c| month.contains(c.on) && c.reach == reach && counts(c.outcome, count_attempts))
        .map(|c| c.person)
        .collect();
    people.len() as u32
}

/// The quota standing of one mentor for one month, seen from `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct QuotaStanding {
    pub month: YearMonth,
    pub count: u32,
    pub quota: Option<u32>,
    pub status: QuotaStatus,
    /// Days of the month remaining after today; `None` for a month that is not the current one.
    pub days_left: Option<u32>,
    /// Guardians, school staff and providers reached: shown apart, never in `count`.
    pub support: u32,
    /// Of `count`, the people reached who are not on the mentor's caseload (where the program
    /// lets them count), shown beside the count so no quota is padded unseen.
    pub off_caseload: u32,
}

impl Serialize for YearMonth {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Whether the mentor had a pair on some day of `month` up to `today`: an assignment started by
/// then and not ended before the month began. A cancelled one never was a pair.
pub fn had_a_pair(assignments: &[Assignment], mentor: i64, month: YearMonth, today: NaiveDate) -> bool {
    let until = month.last_day().min(today);
    assignments.iter().any(|a| {
        a.mentor == mentor
            && a.end_reason.is_none_or(|r| r.was_a_match())
            && a.started_on <= until
            && a.ended_on.is_none_or(|end| end >= month.first_day())
    })
}

/// The status rule (the README's "The rules"): `expected = floor(quota × d / D)`; without a
/// quota, no status; below the quota without a pair this month (`had_a_pair`) is no active
/// pairs, not behind or at risk.
pub fn standing(
    count: u32,
    quota: Option<u32>,
    month: YearMonth,
    today: NaiveDate,
    had_a_pair: bool,
) -> QuotaStanding {
    let current = YearMonth::of(today);
    let Some(quota_of) = quota else {
        let days_left = (month == current).then(|| month.days() - today.day());
        return QuotaStanding {
            month,
            count,
            quota,
            status: QuotaStatus::NoQuota,
            days_left,
            support: 0,
            off_caseload: 0,
        };
    };
    let quota = quota_of;
    let (status, days_left) = if count < quota && !had_a_pair {
        (
            QuotaStatus::NoActivePairs,
            (month == current).then(|| month.days() - today.day()),
        )
    } else if month < current {
        let status = if count >= quota {
            QuotaStatus::Met
        } else {
            QuotaStatus::Missed
        };
        (status, None)
    } else {
        // A future month has not started: no day of it has passed yet.
        let (d, days_total) = if month == current {
            (today.day(), month.days())
        } else {
            (0, month.days())
        };
        let expected = quota * d / days_total;
        let left = days_total - d;
        let status = if count >= quota {
            QuotaStatus::Met
        } else if count < expected {
            QuotaStatus::Behind
        } else if left <= 7 {
            QuotaStatus::AtRisk
        } else {
            QuotaStatus::OnTrack
        };
        (status, (month == current).then_some(left))
    };
    QuotaStanding {
        month,
        count,
        quota: Some(quota),
        status,
        days_left,
        support: 0,
        off_caseload: 0,
    }
}

impl QuotaStanding {
    /// `2 of 3 people · 8 days left · ON TRACK`; `· 1 off caseload` when some of the people
    /// counted are not on the mentor's caseload, and `· +4 support` when the mentor reached
    /// guardians, staff or providers around the students (counted apart).
    pub fn headline(&self) -> String {
        let when = match self.days_left {
            Some(left) => format!("{left} day{} left", if left == 1 { "" } else { "s" }),
            None => self.month.label(),
        };
        let line = match self.quota {
            Some(quota) => format!(
                "{} of {quota} {} · {when} · {}",
                self.count,
                if quota == 1 { "person" } else { "people" },
                self.status.word()
            ),
            None => format!(
                "{} reached · {when} · no monthly quota",
                match self.count {
                    1 => "1 person".to_string(),
                    n => format!("{n} people"),
                }
            ),
        };
        let line = match self.off_caseload {
            0 => line,
            n => format!("{line} · {n} off caseload"),
        };
        match self.support {
            0 => line,
            n => format!("{line} · +{n} support"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Outcome::*;
    use QuotaStatus::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn c(person: i64, on: NaiveDate, outcome: Outcome) -> QuotaContact {
        QuotaContact {
            person,
            on,
            outcome,
            reach: Reach::Caseload,
        }
    }
    fn nov() -> YearMonth {
        YearMonth::new(2026, 11).unwrap()
    }

    #[test]
    fn counting_table() {
        let month = nov();
        let cases: Vec<(&str, Vec<QuotaContact>, bool, u32)> = vec![
            ("nothing", vec![], false, 0),
            (
                "one conversation",
                vec![c(1, d(2026, 11, 3), Conversation)],
                false,
                1,
            ),
            (
                "same person twice counts once",
                vec![
                    c(1, d(2026, 11, 3), Conversation),
                    c(1, d(2026, 11, 20), Conversation),
                ],
                false,
                1,
            ),
            (
                "attempts only",
                vec![
                    c(1, d(2026, 11, 3), NoAnswer),
                    c(2, d(2026, 11, 4), LeftMessage),
                    c(3, d(2026, 11, 5), Bounced),
                    c(4, d(2026, 11, 5), NoReply),
                ],
                false,
                0,
            ),
            (
                "attempts count when the program says so",
                vec![c(1, d(2026, 11, 3), NoAnswer), c(2, d(2026, 11, 4), LeftMessage)],
                true,
                2,
            ),
            (
                "first and last day of the month are inside it",
                vec![
                    c(1, d(2026, 11, 1), Conversation),
                    c(2, d(2026, 11, 30), Conversation),
                ],
                false,
                2,
            ),
            (
                "neighbouring months are outside it",
                vec![
                    c(1, d(2026, 10, 31), Conversation),
                    c(2, d(2026, 12, 1), Conversation),
                ],
                false,
                0,
            ),
            (
                "attempt then conversation with the same person",
                vec![c(1, d(2026, 11, 2), NoAnswer), c(1, d(2026, 11, 9), Conversation)],
                false,
                1,
            ),
        ];
        for (name, contacts, count_attempts, want) in cases {
            assert_eq!(people_reached(&contacts, month, count_attempts), want, "{name}");
        }
    }

    #[test]
    fn february_leap_day_is_in_february() {
        let feb = YearMonth::new(2024, 2).unwrap();
        let contacts = [
            c(1, d(2024, 2, 29), Conversation),
            c(2, d(2024, 3, 1), Conversation),
        ];
        assert_eq!(people_reached(&contacts, feb, false), 1);
    }

    #[test]
    fn status_table() {
        // (count, quota, today, want, days_left)
        let cases = [
            // Nov has 30 days. Day 1: expected floor(3*1/30) = 0.
            (0, 3, d(2026, 11, 1), OnTrack, Some(29)),
            // Day 10: expected 1.
            (0, 3, d(2026, 11, 10), Behind, Some(20)),
            (1, 3, d(2026, 11, 10), OnTrack, Some(20)),
            // Day 22: expected 2, 8 days left.
            (2, 3, d(2026, 11, 22), OnTrack, Some(8)),
            (1, 3, d(2026, 11, 22), Behind, Some(8)),
            // Day 23: 7 days left, count equals expected 2: at risk.
            (2, 3, d(2026, 11, 23), AtRisk, Some(7)),
            (3, 3, d(2026, 11, 23), Met, Some(7)),
            (5, 3, d(2026, 11, 2), Met, Some(28)),
            // Last day: expected 3, so 2 is behind, not at risk.
            (2, 3, d(2026, 11, 30), Behind, Some(0)),
            // February 2026 (28 days), day 19: expected floor(57/28) = 2.
            (2, 3, d(2026, 2, 19), OnTrack, Some(9)),
            (1, 3, d(2026, 2, 19), Behind, Some(9)),
            // February 2024 (29 days), day 20: expected floor(60/29) = 2, 9 left.
            (2, 3, d(2024, 2, 20), OnTrack, Some(9)),
            // Quota of zero is always met.
            (0, 0, d(2026, 11, 10), Met, Some(20)),
        ];
        for (count, quota, today, want, left) in cases {
            let s = standing(count, Some(quota), YearMonth::of(today), today, true);
            assert_eq!(s.status, want, "count {count} quota {quota} on {today}");
            assert_eq!(s.days_left, left, "days left on {today}");
        }
    }

    #[test]
    fn past_months_are_met_or_missed_and_future_months_are_pending() {
        let today = d(2026, 11, 23);
        let oct = YearMonth::new(2026, 10).unwrap();
        assert_eq!(standing(3, Some(3), oct, today, true).status, Met);
        assert_eq!(standing(2, Some(3), oct, today, true).status, Missed);
        assert_eq!(standing(0, Some(3), oct, today, true).days_left, None);
        let dec = YearMonth::new(2026, 12).unwrap();
        assert_eq!(standing(0, Some(3), dec, today, true).status, OnTrack);
    }

    #[test]
    fn headline_carries_the_word() {
        let s = standing(2, Some(3), nov(), d(2026, 11, 22), true);
        assert_eq!(s.headline(), "2 of 3 people · 8 days left · ON TRACK");
        let s = standing(1, Some(3), nov(), d(2026, 11, 29), true);
        assert_eq!(s.headline(), "1 of 3 people · 1 day left · BEHIND");
        let s = standing(
            2,
            Some(3),
            YearMonth::new(2026, 10).unwrap(),
            d(2026, 11, 22),
            true,
        );
        assert_eq!(s.headline(), "2 of 3 people · Oct 2026 · MISSED");
        let s = QuotaStanding {
            support: 6,
            ..standing(3, Some(3), nov(), d(2026, 11, 22), true)
        };
        assert_eq!(s.headline(), "3 of 3 people · 8 days left · MET · +6 support");
        let s = QuotaStanding {
            off_caseload: 2,
            ..standing(2, Some(3), nov(), d(2026, 11, 22), true)
        };
        assert_eq!(
            s.headline(),
            "2 of 3 people · 8 days left · ON TRACK · 2 off caseload"
        );
    }

    #[test]
    fn guardians_staff_and_providers_are_counted_apart_from_the_quota() {
        // Check & Connect: the student twice, a guardian, a provider; staff only by a message
        // left (no conversation).
        let with = |person, reach, outcome| QuotaContact {
            person,
            on: d(2026, 11, 3),
            outcome,
            reach,
        };
        let contacts = [
            with(1, Reach::Caseload, Conversation),
            with(1, Reach::Caseload, Conversation),
            with(2, Reach::Support, Conversation),
            with(3, Reach::Support, Conversation),
            with(4, Reach::Support, LeftMessage),
            with(5, Reach::Colleague, Conversation),
        ];
        assert_eq!(people_reached(&contacts, nov(), false), 1, "the student");
        assert_eq!(people_reached_as(&contacts, nov(), false, Reach::Support), 2);
        assert_eq!(people_reached_as(&contacts, nov(), true, Reach::Support), 3);
        assert_eq!(people_reached_as(&contacts, nov(), false, Reach::OffCaseload), 0);
    }

    #[test]
    fn a_mentor_without_a_pair_this_month_has_no_active_pairs_not_a_shortfall() {
        use crate::domain::types::EndReason;
        let a = |started: NaiveDate, ended: Option<(NaiveDate, EndReason)>| Assignment {
            key: 1,
            mentor: 7,
            mentee: 8,
            started_on: started,
            ended_on: ended.map(|e| e.0),
            end_reason: ended.map(|e| e.1),
            version: 1,
        };
        let today = d(2026, 11, 23);
        let cases = [
            ("open since August", vec![a(d(2026, 8, 1), None)], true),
            (
                "ended in October",
                vec![a(d(2025, 10, 19), Some((d(2026, 10, 14), EndReason::Completed)))],
                false,
            ),
            (
                "ended on the 1st: a pair that day",
                vec![a(d(2026, 1, 1), Some((d(2026, 11, 1), EndReason::Completed)))],
                true,
            ),
            (
                "cancelled this month",
                vec![a(d(2026, 11, 2), Some((d(2026, 11, 3), EndReason::Cancelled)))],
                false,
            ),
            ("starts after today", vec![a(d(2026, 11, 25), None)], false),
            ("never assigned", vec![], false),
        ];
        for (name, assignments, want) in cases {
            assert_eq!(had_a_pair(&assignments, 7, nov(), today), want, "{name}");
            assert!(
                !had_a_pair(&assignments, 9, nov(), today),
                "{name}: another mentor's"
            );
        }
        let s = standing(0, Some(1), nov(), today, false);
        assert_eq!((s.status, s.days_left), (NoActivePairs, Some(7)));
        assert_eq!(s.headline(), "0 of 1 person · 7 days left · NO PAIRS");
        // People reached off the caseload can still meet the quota.
        assert_eq!(standing(1, Some(1), nov(), today, false).status, Met);
        let oct = YearMonth::new(2026, 10).unwrap();
        assert_eq!(standing(0, Some(1), oct, today, false).status, NoActivePairs);
    }
}
