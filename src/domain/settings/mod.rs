//! A program's rules. Presets reproduce the seed programs; every field can be changed later.

mod pay;
mod presets;

pub use pay::{CompensationKind, Installment, MeetingStipend, Unit};
pub use presets::Preset;

use pay::compensation;

use super::schedule::RecurringEvent;
use chrono::Weekday;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Distinct people a mentor must reach each month; `None` where the program sets no monthly
    /// contact rule (AFSCME: each pair follows its mentoring plan instead).
    pub quota: Option<u32>,
    /// Whether attempts (no answer, left message…) count toward quota and cadence.
    pub count_attempts: bool,
    /// Whether mentors may log, and count, contacts with people not assigned to them (WEAC asks
    /// mentors to reach potential leaders beyond their caseload); otherwise only their own pairs.
    pub contacts_beyond_caseload: bool,
    /// Counting contacts each active pair needs per month; `None` is off.
    pub pair_cadence: Option<u32>,
    /// Contact reports are due on the last such weekday of the month; `None` means no reports.
    pub report_due_weekday: Option<Weekday>,
    /// Days after the match by which the pair must meet in person.
    pub first_meeting_days: Option<u32>,
    /// Days after the match by which the mentee's goals must be shared.
    pub goals_days: Option<u32>,
    /// Days after the match ends by which both evaluations are due.
    pub evaluation_days: Option<u32>,
    /// Calendar months in which a Monthly Record is due (NEA: September to June).
    pub monthly_record_months: Vec<u32>,
    pub events: Vec<RecurringEvent>,
    pub installments: Vec<Installment>,
    pub meeting_stipend: Option<MeetingStipend>,
    pub travel_reimbursed: bool,
    /// Days without a counting contact after which a pair is flagged.
    pub quiet_days: u32,
    /// The program's IANA time zone: what "today" is, and the zone of calendar exports.
    pub time_zone: String,
    /// How many active people a mentor can take.
    pub capacity: u32,
    pub match_weights: MatchWeights,
    pub eligibility: Eligibility,
    /// Check & Connect risk lines; `None` where the program does not monitor engagement.
    pub risk: Option<super::risk::RiskThresholds>,
    /// Catalog forms of other programs this one uses too, by id.
    pub extra_forms: Vec<String>,
    /// Each contact records which AFSCME pillar it served: Invest, Bridge the Gap, Share Power.
    pub pillars: bool,
    /// Mentors apply (NEA tool 2: cover letter, application, two references) and matching
    /// offers only the applicants the committee accepted.
    pub mentor_applications: bool,
    /// What `export archive` keeps, by section: the NEA manual stars the tools a program "may
    /// decide to retain"; the Letter of Understanding's list of three is the default.
    pub archive: Vec<String>,
    /// The kinds of compensation `ledger add` records, each in dollars or hours.
    pub compensation: Vec<CompensationKind>,
    /// Months a match runs before it is due to end or be extended (WVLS: "minimum one-year
    /// mentorship which may be extended"); `None` where matches have no term.
    pub term_months: Option<u32>,
    /// Days a laptop copy may go without syncing before it locks until its next sync; `None`
    /// never locks.
    pub offline_days: Option<u32>,
}

/// The Letter of Understanding's list: "1. Mentor and Mentee Applications, 2. Attendance
/// Records, 3. Exit Interviews".
pub fn letter_of_understanding_archive() -> Vec<String> {
    ["applications", "attendance", "exit_forms"]
        .map(String::from)
        .to_vec()
}

/// Every section an archive can keep: attendance, and each starred form's section.
pub fn archive_sections() -> Vec<&'static str> {
    let mut sections = vec!["attendance"];
    for section in super::forms::FORMS.iter().filter_map(|f| f.archive) {
        if !sections.contains(&section) {
            sections.push(section);
        }
    }
    sections
}

/// Points for each kind of fit; program settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MatchWeights {
    pub job_family: i32,
    pub expertise: i32,
    pub location: i32,
    pub capacity: i32,
    pub availability: i32,
}

impl Default for MatchWeights {
    fn default() -> Self {
        MatchWeights {
            job_family: 30,
            expertise: 25,
            location: 15,
            capacity: 20,
            availability: 10,
        }
    }
}

/// Who may be matched at all, from the program's rules (WVLS: mentors 2+ years and mentees 2 or
/// fewer; NEA: an ESP mentor has at least 3 years).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Eligibility {
    pub mentor_min_years: Option<u32>,
    pub mentee_max_years: Option<u32>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            quota: Some(3),
            count_attempts: false,
            contacts_beyond_caseload: false,
            pair_cadence: None,
            report_due_weekday: None,
            first_meeting_days: None,
            goals_days: None,
            evaluation_days: None,
            monthly_record_months: Vec::new(),
            events: Vec::new(),
            installments: Vec::new(),
            meeting_stipend: None,
            travel_reimbursed: false,
            quiet_days: 30,
            time_zone: "America/Chicago".into(),
            capacity: 3,
            match_weights: Default::default(),
            eligibility: Default::default(),
            risk: None,
            extra_forms: Vec::new(),
            pillars: false,
            mentor_applications: true,
            archive: letter_of_understanding_archive(),
            compensation: compensation(&[("travel", Unit::Dollars), ("adjustment", Unit::Dollars)]),
            term_months: None,
            offline_days: Some(30),
        }
    }
}

impl Settings {
    /// The program's time zone; UTC if the stored name is not one (set before it was checked).
    pub fn zone(&self) -> Tz {
        self.time_zone.parse().unwrap_or(Tz::UTC)
    }

    /// The problems a coordinator must fix before these settings are saved.
    pub fn validate(&self) -> Result<(), String> {
        if self.time_zone.parse::<Tz>().is_err() {
            return Err(format!(
                "time_zone: '{}' is not an IANA time zone, like \"America/Chicago\"",
                self.time_zone
            ));
        }
        if let Some(unknown) = self
            .extra_forms
            .iter()
            .find(|id| super::forms::find(id).is_none())
        {
            return Err(format!("extra_forms: '{unknown}' is not a form"));
        }
        for event in &self.events {
            super::sanitize::check_stored("events: title", &event.title)?;
            super::sanitize::check_stored("events: kind", &event.kind)?;
            super::sanitize::check_stored("events: topic", &event.topic)?;
            super::sanitize::check_stored("events: place", &event.place)?;
            event.check().map_err(|e| format!("events: {e}"))?;
        }
        let sections = archive_sections();
        if let Some(unknown) = self.archive.iter().find(|s| !sections.contains(&s.as_str())) {
            return Err(format!(
                "archive: '{unknown}' is not a section the archive can keep: {}",
                sections.join(", ")
            ));
        }
        for (i, c) in self.compensation.iter().enumerate() {
            super::sanitize::check_stored("compensation: kind", &c.kind)?;
            if c.kind.trim().is_empty() || c.kind.trim() != c.kind {
                return Err(format!("compensation: '{}' is not a name for a kind", c.kind));
            }
            if c.kind == "payment" || self.compensation[..i].iter().any(|o| o.kind == c.kind) {
                return Err(format!("compensation: '{}' is a payment or named twice", c.kind));
            }
        }
        for installment in &self.installments {
            super::sanitize::check_stored("installments: label", &installment.label)?;
            if installment.label.trim().is_empty() {
                return Err("installments: an installment needs a label".into());
            }
            if !(1..=12).contains(&installment.month) {
                return Err(format!(
                    "installments: '{}': month {} is not a month from 1 to 12",
                    installment.label, installment.month
                ));
            }
            if installment.amount_cents <= 0 {
                return Err(format!(
                    "installments: '{}': the amount must be more than $0.00",
                    installment.label
                ));
            }
        }
        if let Some(risk) = &self.risk {
            risk.check().map_err(|e| format!("risk: {e}"))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
