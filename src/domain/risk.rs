//! Check & Connect risk: a month of a student's engagement against the program's thresholds.

pub use super::engagement::Engagement;
use serde::{Deserialize, Serialize};

/// The lines of the Check & Connect model (the README's "Check & Connect"), not of the seed;
/// each is a program setting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RiskThresholds {
    pub tardies: u32,
    pub tardies_percent: u32,
    pub skips: u32,
    pub skips_percent: u32,
    pub absences: u32,
    pub absences_percent: u32,
    pub referrals: u32,
    pub detentions: u32,
    pub in_school_suspensions: u32,
    pub out_of_school_suspension_days: u32,
    pub ds: u32,
    pub fs: u32,
    /// Credits earned below this share of credits possible.
    pub credits_percent: u32,
}

impl Default for RiskThresholds {
    fn default() -> Self {
        RiskThresholds {
            tardies: 5,
            tardies_percent: 15,
            skips: 3,
            skips_percent: 15,
            absences: 3,
            absences_percent: 15,
            referrals: 3,
            detentions: 4,
            in_school_suspensions: 2,
            out_of_school_suspension_days: 2,
            ds: 2,
            fs: 1,
            credits_percent: 80,
        }
    }
}

/// Each risk line by its setting name, with what it means, in the order the settings form shows
/// them. The lines are the Check & Connect model's; the WCSD seed sets none.
pub const LINES: [(&str, &str); 13] = [
    ("absences", "full-day absences a month"),
    ("absences_percent", "or this % of days enrolled"),
    ("tardies", "tardies a month"),
    ("tardies_percent", "or this % of days enrolled"),
    ("skips", "skipped classes a month"),
    ("skips_percent", "or this % of days enrolled"),
    ("referrals", "behavior referrals"),
    ("detentions", "detentions"),
    ("in_school_suspensions", "in-school suspensions"),
    ("out_of_school_suspension_days", "out-of-school suspension days"),
    ("ds", "Ds"),
    ("fs", "Fs"),
    ("credits_percent", "credits earned under this % of possible"),
];

impl RiskThresholds {
    fn slot(&mut self, name: &str) -> Option<&mut u32> {
        Some(match name {
            "tardies" => &mut self.tardies,
            "tardies_percent" => &mut self.tardies_percent,
            "skips" => &mut self.skips,
            "skips_percent" => &mut self.skips_percent,
            "absences" => &mut self.absences,
            "absences_percent" => &mut self.absences_percent,
            "referrals" => &mut self.referrals,
            "detentions" => &mut self.detentions,
            "in_school_suspensions" => &mut self.in_school_suspensions,
            "out_of_school_suspension_days" => &mut self.out_of_school_suspension_days,
            "ds" => &mut self.ds,
            "fs" => &mut self.fs,
            "credits_percent" => &mut self.credits_percent,
            _ => return None,
        })
    }

    pub fn get(&self, name: &str) -> Option<u32> {
        let mut copy = self.clone();
        copy.slot(name).copied()
    }

    /// Sets the line `name` from its text: a whole number (a share at most 100).
    pub fn set(&mut self, name: &str, text: &str) -> Result<(), String> {
        let value: u32 = text
            .trim()
            .parse()
            .map_err(|_| format!("{name}: '{}' is not a whole number", text.trim()))?;
        *self
            .slot(name)
            .ok_or_else(|| format!("'{name}' is not a risk line"))? = value;
        self.check()
    }

    /// Every share is at most 100%.
    pub fn check(&self) -> Result<(), String> {
        for (name, _) in LINES {
            if let Some(value) = self.get(name).filter(|&v| name.ends_with("_percent") && v > 100) {
                return Err(format!("{name}: {value} is over 100%"));
            }
        }
        Ok(())
    }

    /// Where the lines come from, as the screens say it: the model (not the seed), or the
    /// program's own changes to the model's.
    pub fn source(&self) -> &'static str {
        if *self == RiskThresholds::default() {
            "risk lines: the Check & Connect model's, not the seed's"
        } else {
            "risk lines: this program's own (the model's, changed)"
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    High,
    Low,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::High => "high",
            Level::Low => "low",
        }
    }
}

/// A count at or over its line, or (when days enrolled are known) at or over its share of them.
fn over(count: Option<u32>, line: u32, percent: Option<u32>, days: Option<u32>) -> bool {
    let Some(count) = count else { return false };
    if count >= line {
        return true;
    }
    match (percent, days) {
        (Some(percent), Some(days)) if days > 0 => {
            u64::from(count) * 100 >= u64::from(percent) * u64::from(days)
        }
        _ => false,
    }
}

/// A trigger of `assess` as words for the screen and the plain-text output (JSON keeps the name).
pub fn trigger_words(trigger: &str) -> &str {
    match trigger {
        "in_school_suspensions" => "in-school suspensions",
        "out_of_school_suspension_days" => "out-of-school suspension days",
        other => other,
    }
}

/// The triggers as words, joined with commas.
pub fn triggers_said(triggers: &[&str]) -> String {
    triggers
        .iter()
        .map(|t| trigger_words(t))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The risk level and the indicators that triggered it, by name.
pub fn assess(e: &Engagement, t: &RiskThresholds) -> (Level, Vec<&'static str>) {
    let days = e.days_enrolled;
    let mut triggers = Vec::new();
    let checks: [(&'static str, bool); 7] = [
        (
            "absences",
            over(e.absences, t.absences, Some(t.absences_percent), days),
        ),
        (
            "tardies",
            over(e.tardies, t.tardies, Some(t.tardies_percent), days),
        ),
        ("skips", over(e.skips, t.skips, Some(t.skips_percent), days)),
        ("referrals", over(e.referrals, t.referrals, None, None)),
        ("detentions", over(e.detentions, t.detentions, None, None)),
        (
            "in_school_suspensions",
            over(e.in_school_suspensions, t.in_school_suspensions, None, None),
        ),
        (
            "out_of_school_suspension_days",
            over(
                e.out_of_school_suspension_days,
                t.out_of_school_suspension_days,
                None,
                None,
            ),
        ),
    ];
    triggers.extend(checks.iter().filter(|(_, hit)| *hit).map(|(name, _)| *name));
    if over(e.ds, t.ds, None, None) || over(e.fs, t.fs, None, None) {
        triggers.push("grades");
    }
    if let (Some(earned), Some(possible)) = (e.credits_earned, e.credits_possible)
        && possible > 0
        && u64::from(earned) * 100 < u64::from(t.credits_percent) * u64::from(possible)
    {
        triggers.push("credits");
    }
    let level = if triggers.is_empty() {
        Level::Low
    } else {
        Level::High
    };
    (level, triggers)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn only(f: impl Fn(&mut Engagement)) -> Engagement {
        let mut e = Engagement::default();
        f(&mut e);
        e
    }

    #[test]
    fn every_threshold_below_at_and_above_its_line() {
        let t = RiskThresholds::default();
        type Set = fn(&mut Engagement, u32);
        let cases: [(&str, Set, u32); 9] = [
            ("tardies", |e, n| e.tardies = Some(n), 5),
            ("skips", |e, n| e.skips = Some(n), 3),
            ("absences", |e, n| e.absences = Some(n), 3),
            ("referrals", |e, n| e.referrals = Some(n), 3),
            ("detentions", |e, n| e.detentions = Some(n), 4),
            (
                "in_school_suspensions",
                |e, n| e.in_school_suspensions = Some(n),
                2,
            ),
            (
                "out_of_school_suspension_days",
                |e, n| e.out_of_school_suspension_days = Some(n),
                2,
            ),
            ("grades", |e, n| e.ds = Some(n), 2),
            ("grades", |e, n| e.fs = Some(n), 1),
        ];
        for (name, set, line) in cases {
            for (n, want) in [(line - 1, false), (line, true), (line + 1, true)] {
                let e = only(|e| set(e, n));
                let (level, triggers) = assess(&e, &t);
                assert_eq!(triggers.contains(&name), want, "{name} = {n}");
                assert_eq!(level == Level::High, want, "{name} = {n}");
            }
        }
    }

    #[test]
    fn every_trigger_is_said_in_words() {
        let mut e = only(|e| {
            e.in_school_suspensions = Some(9);
            e.out_of_school_suspension_days = Some(9);
            e.absences = Some(9);
        });
        e.fs = Some(9);
        let (_, triggers) = assess(&e, &RiskThresholds::default());
        assert_eq!(
            triggers_said(&triggers),
            "absences, in-school suspensions, out-of-school suspension days, grades"
        );
    }

    #[test]
    fn percentages_apply_only_when_days_enrolled_are_known() {
        let t = RiskThresholds::default();
        // 2 absences of 10 days is 20%: over 15% though under the count of 3.
        let e = only(|e| {
            e.absences = Some(2);
            e.days_enrolled = Some(10);
        });
        assert_eq!(assess(&e, &t).1, ["absences"]);
        let e = only(|e| e.absences = Some(2));
        assert_eq!(
            assess(&e, &t),
            (Level::Low, vec![]),
            "no days enrolled, no percentage"
        );
        // Exactly 15%: 3 tardies of 20 days (under the count of 5).
        let e = only(|e| {
            e.tardies = Some(3);
            e.days_enrolled = Some(20);
        });
        assert_eq!(assess(&e, &t).1, ["tardies"]);
        let e = only(|e| {
            e.tardies = Some(2);
            e.days_enrolled = Some(20);
        });
        assert!(assess(&e, &t).1.is_empty(), "10% is under 15%");
        let e = only(|e| {
            e.skips = Some(1);
            e.days_enrolled = Some(0);
        });
        assert!(assess(&e, &t).1.is_empty(), "zero days enrolled: no percentage");
    }

    #[test]
    fn credits_and_empty_values() {
        let t = RiskThresholds::default();
        let credits = |earned, possible| {
            only(|e| {
                e.credits_earned = earned;
                e.credits_possible = possible;
            })
        };
        assert_eq!(assess(&credits(Some(7), Some(10)), &t).1, ["credits"]);
        assert!(
            assess(&credits(Some(8), Some(10)), &t).1.is_empty(),
            "80% is the line"
        );
        assert!(assess(&credits(Some(9), Some(10)), &t).1.is_empty());
        assert!(assess(&credits(None, Some(10)), &t).1.is_empty());
        assert!(assess(&credits(Some(0), None), &t).1.is_empty());
        assert!(assess(&credits(Some(0), Some(0)), &t).1.is_empty());
        assert_eq!(assess(&Engagement::default(), &t), (Level::Low, vec![]));
    }

    #[test]
    fn lines_are_set_by_name_and_say_where_they_come_from() {
        let mut t = RiskThresholds::default();
        assert!(t.source().contains("Check & Connect model's"));
        for (name, _) in LINES {
            assert!(t.get(name).is_some(), "{name}");
        }
        t.set("tardies", "6").unwrap();
        assert_eq!(t.tardies, 6);
        assert!(t.source().contains("changed"));
        assert!(
            t.source().len() <= 60 && RiskThresholds::default().source().len() <= 60,
            "fits beside the hint"
        );
        assert!(t.set("tardies_percent", "101").is_err());
        assert!(t.set("tardies", "x").is_err());
        assert!(t.set("nothing", "1").is_err());
        let e = only(|e| e.tardies = Some(5));
        assert!(
            assess(&e, &t).1.is_empty(),
            "5 tardies are under the new line of 6"
        );
    }

    #[test]
    fn weekly_entries_roll_up() {
        let mut month = only(|e| {
            e.absences = Some(1);
            e.days_enrolled = Some(5);
        });
        month.add(&only(|e| {
            e.absences = Some(1);
            e.days_enrolled = Some(5);
            e.referrals = Some(1);
        }));
        assert_eq!(
            (
                month.absences,
                month.days_enrolled,
                month.referrals,
                month.tardies
            ),
            (Some(2), Some(10), Some(1), None)
        );
    }
}
