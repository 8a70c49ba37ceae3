//! A program's rules. Presets reproduce the seed programs; every field can be changed later.

use super::schedule::{Recurrence, RecurringEvent};
use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    RuralUnion,
    Library,
    Esp,
    CheckConnect,
    /// AFSCME Mentoring 101: union leaders each mentoring one activist or leader.
    Afscme,
}

impl Preset {
    pub const ALL: [Preset; 5] = [
        Preset::RuralUnion,
        Preset::Library,
        Preset::Esp,
        Preset::CheckConnect,
        Preset::Afscme,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Preset::RuralUnion => "rural-union",
            Preset::Library => "library",
            Preset::Esp => "esp",
            Preset::CheckConnect => "check-connect",
            Preset::Afscme => "afscme",
        }
    }

    pub fn default_name(self) -> &'static str {
        match self {
            Preset::RuralUnion => "Rural Schools Mentor Team",
            Preset::Library => "Library Mentoring Program",
            Preset::Esp => "ESP Mentoring Program",
            Preset::CheckConnect => "Check & Connect",
            Preset::Afscme => "AFSCME Mentoring 101",
        }
    }

    /// The catalog forms of the seed program, by id (the contact report is every program's).
    pub fn forms(self) -> &'static [&'static str] {
        match self {
            Preset::RuralUnion => &[],
            Preset::Library => &["library-goals", "library-evaluation"],
            Preset::Esp => &[
                "mentor-application",
                "mentee-application",
                "letter-of-understanding",
                "mentors-pledge",
                "monthly-record",
                "reflection-mentor",
                "reflection-mentee",
                "exit-mentor",
                "exit-mentee",
            ],
            Preset::CheckConnect => &["engagement-monitoring", "engagement-daily"],
            Preset::Afscme => &[
                "afscme-code-of-conduct",
                "afscme-concern",
                "afscme-union-journey",
                "afscme-your-mentor",
                "afscme-new-idea",
                "mentoring-plan",
            ],
        }
    }
}

impl std::str::FromStr for Preset {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        Preset::ALL
            .into_iter()
            .find(|p| p.as_str() == text.trim())
            .ok_or_else(|| {
                format!("'{text}' is not a preset: rural-union, library, esp, check-connect or afscme")
            })
    }
}

/// A fixed payment on a month of the program year (WEAC: $350 in December, $400 in July).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Installment {
    pub month: u32,
    pub amount_cents: i64,
    pub label: String,
}

/// A payment per in-person meeting (WVLS: $125, up to 3 visits of at least 6 hours).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingStipend {
    pub amount_cents: i64,
    pub max_meetings: u32,
    pub min_total_hours: u32,
}

/// What a kind of compensation is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    Dollars,
    Hours,
}

/// A kind of compensation a coordinator records in the ledger beyond what the rules pay (NEA:
/// "Comp time, Organizational leave, Travel expenses, Monetary stipend").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompensationKind {
    pub kind: String,
    pub unit: Unit,
}

fn compensation(kinds: &[(&str, Unit)]) -> Vec<CompensationKind> {
    kinds
        .iter()
        .map(|&(kind, unit)| CompensationKind {
            kind: kind.to_string(),
            unit,
        })
        .collect()
}

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

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("valid time")
}

fn event(
    title: &str,
    kind: &str,
    rule: Recurrence,
    hours: (NaiveTime, NaiveTime),
    months: Option<(u32, u32)>,
    skip: &[u32],
) -> RecurringEvent {
    RecurringEvent {
        title: title.to_string(),
        kind: kind.to_string(),
        rule,
        starts: hours.0,
        ends: hours.1,
        months,
        skip_months: skip.to_vec(),
        topic: String::new(),
        place: String::new(),
    }
}

/// The application deadlines of the WEAC seed ("due July 26", applicants "contacted by July
/// 30"), every program's: each takes applications.
fn application_deadlines(start: NaiveDate) -> Vec<RecurringEvent> {
    let all_day = (hm(0, 0), hm(0, 0));
    [("Applications due", 26), ("Applicants contacted by", 30)]
        .into_iter()
        .map(|(title, day)| {
            event(
                title,
                "deadline",
                Recurrence::Once {
                    date: on_or_before(start, 7, day),
                },
                all_day,
                None,
                &[],
            )
        })
        .collect()
}

/// The last `month`/`day` on or before `start`: the WEAC application dates precede the year.
fn on_or_before(start: NaiveDate, month: u32, day: u32) -> NaiveDate {
    let this_year = NaiveDate::from_ymd_opt(start.year(), month, day).expect("valid day");
    if this_year <= start {
        this_year
    } else {
        NaiveDate::from_ymd_opt(start.year() - 1, month, day).expect("valid day")
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

    /// The rules of the seed program behind `preset`, for a program year starting on `start`.
    pub fn preset(preset: Preset, start: NaiveDate) -> Settings {
        let mut settings = Self::seed_rules(preset, start);
        settings.events.extend(application_deadlines(start));
        settings
    }

    fn seed_rules(preset: Preset, start: NaiveDate) -> Settings {
        let base = Settings::default();
        let all_day = (hm(0, 0), hm(0, 0));
        match preset {
            Preset::RuralUnion => Settings {
                quota: Some(3),
                contacts_beyond_caseload: true,
                report_due_weekday: Some(Weekday::Thu),
                events: vec![
                    event(
                        "Mentor check-in",
                        "checkin",
                        Recurrence::NthWeekday {
                            n: 2,
                            weekday: Weekday::Tue,
                        },
                        (hm(18, 0), hm(19, 0)),
                        Some((9, 5)),
                        &[12],
                    ),
                    event(
                        "Learning session",
                        "training",
                        Recurrence::NthWeekday {
                            n: 2,
                            weekday: Weekday::Tue,
                        },
                        (hm(19, 0), hm(20, 0)),
                        Some((9, 5)),
                        &[12],
                    ),
                    event(
                        "Initial mentor training",
                        "training",
                        Recurrence::NthWeekday {
                            n: 3,
                            weekday: Weekday::Tue,
                        },
                        (hm(18, 0), hm(20, 0)),
                        Some((8, 8)),
                        &[],
                    ),
                ],
                installments: vec![
                    Installment {
                        month: 12,
                        amount_cents: 35_000,
                        label: "First installment".into(),
                    },
                    Installment {
                        month: 7,
                        amount_cents: 40_000,
                        label: "Second installment".into(),
                    },
                ],
                ..base
            },
            Preset::Library => Settings {
                quota: Some(1),
                term_months: Some(12),
                pair_cadence: Some(1),
                first_meeting_days: Some(30),
                goals_days: Some(30),
                evaluation_days: Some(30),
                meeting_stipend: Some(MeetingStipend {
                    amount_cents: 12_500,
                    max_meetings: 3,
                    min_total_hours: 6,
                }),
                travel_reimbursed: true,
                capacity: 1,
                eligibility: Eligibility {
                    mentor_min_years: Some(2),
                    mentee_max_years: Some(2),
                },
                ..base
            },
            Preset::Esp => Settings {
                quota: Some(1),
                mentor_applications: true,
                // The manual's "Compensation Considerations".
                compensation: compensation(&[
                    ("comp time", Unit::Hours),
                    ("organizational leave", Unit::Hours),
                    ("travel", Unit::Dollars),
                    ("stipend", Unit::Dollars),
                ]),
                monthly_record_months: vec![9, 10, 11, 12, 1, 2, 3, 4, 5, 6],
                // The manual plans a training program for mentors and a mentor support group
                // ("attend meetings with other mentors"), whose attendance tool 8 records. It
                // gives no dates: these are a start for the program to change.
                events: vec![
                    event(
                        "Mentor training",
                        "training",
                        Recurrence::Once { date: start },
                        all_day,
                        None,
                        &[],
                    ),
                    event(
                        "Mentor support group",
                        "checkin",
                        Recurrence::NthWeekday {
                            n: 1,
                            weekday: Weekday::Wed,
                        },
                        (hm(16, 0), hm(17, 0)),
                        Some((9, 6)),
                        &[],
                    ),
                ],
                capacity: 2,
                eligibility: Eligibility {
                    mentor_min_years: Some(3),
                    mentee_max_years: None,
                },
                ..base
            },
            Preset::CheckConnect => Settings {
                quota: Some(3),
                pair_cadence: Some(4),
                count_attempts: false,
                quiet_days: 7,
                time_zone: "America/Los_Angeles".into(),
                capacity: 20,
                risk: Some(Default::default()),
                events: vec![event(
                    "Weekly monitoring",
                    "monitoring",
                    Recurrence::Weekly {
                        weekday: Weekday::Mon,
                    },
                    all_day,
                    None,
                    &[],
                )],
                ..base
            },
            Preset::Afscme => Settings {
                // The seed sets no monthly contact rule: each pair works its plan.
                quota: None,
                capacity: 1,
                time_zone: "America/New_York".into(),
                pillars: true,
                events: vec![event(
                    "Mentoring 101 workshop",
                    "training",
                    Recurrence::Once { date: start },
                    all_day,
                    None,
                    &[],
                )],
                ..base
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn rural_union_reproduces_the_weac_year() {
        let start = d(2021, 8, 1);
        let s = Settings::preset(Preset::RuralUnion, start);
        assert_eq!(s.quota, Some(3));
        assert_eq!(s.report_due_weekday, Some(Weekday::Thu));
        let dates_of = |title: &str| {
            s.events
                .iter()
                .find(|e| e.title == title)
                .unwrap()
                .dates(start, d(2021, 7, 1), d(2022, 7, 31))
        };
        assert_eq!(dates_of("Initial mentor training"), [d(2021, 8, 17)]);
        assert_eq!(dates_of("Mentor check-in").len(), 8);
        assert_eq!(dates_of("Applications due"), [d(2021, 7, 26)]);
        assert_eq!(dates_of("Applicants contacted by"), [d(2021, 7, 30)]);
        let paid: i64 = s.installments.iter().map(|i| i.amount_cents).sum();
        assert_eq!(paid, 75_000);
    }

    #[test]
    fn every_preset_validates_and_a_zone_or_form_that_does_not_exist_does_not() {
        for preset in Preset::ALL {
            let s = Settings::preset(preset, d(2026, 8, 1));
            assert_eq!(s.validate(), Ok(()), "{}", preset.as_str());
            assert_ne!(s.zone(), Tz::UTC, "{}", preset.as_str());
        }
        let mut s = Settings::preset(Preset::Afscme, d(2026, 8, 1));
        assert_eq!(s.zone(), chrono_tz::America::New_York);
        s.time_zone = "Mars/Olympus".into();
        let err = s.validate().unwrap_err();
        assert!(err.contains("'Mars/Olympus'"), "{err}");
        assert_eq!(
            s.zone(),
            Tz::UTC,
            "a stored zone from before the check reads as UTC"
        );
        s.time_zone = "Europe/Helsinki".into();
        s.extra_forms = vec!["no-such-form".into()];
        assert_eq!(
            s.validate(),
            Err("extra_forms: 'no-such-form' is not a form".to_string())
        );
    }

    #[test]
    fn every_preset_takes_applications_with_the_weac_deadlines() {
        for preset in Preset::ALL {
            let s = Settings::preset(preset, d(2026, 8, 1));
            assert!(s.mentor_applications, "{}", preset.as_str());
            let deadlines: Vec<(&str, Recurrence)> = s
                .events
                .iter()
                .filter(|e| e.kind == "deadline")
                .map(|e| (e.title.as_str(), e.rule.clone()))
                .collect();
            assert_eq!(
                deadlines,
                [
                    ("Applications due", Recurrence::Once { date: d(2026, 7, 26) }),
                    (
                        "Applicants contacted by",
                        Recurrence::Once { date: d(2026, 7, 30) }
                    )
                ],
                "{}",
                preset.as_str()
            );
        }
    }

    #[test]
    fn event_dates_and_texts_obey_the_rules_of_every_other_input() {
        let mut s = Settings::preset(Preset::RuralUnion, d(2026, 8, 1));
        let once = s
            .events
            .iter()
            .position(|e| matches!(e.rule, Recurrence::Once { .. }))
            .unwrap();
        s.events[once].rule = Recurrence::Once { date: d(1, 1, 1) };
        assert_eq!(
            s.validate(),
            Err(
                "events: 'Applications due': date: '0001-01-01' is out of range: years 1900 to 2200 only"
                    .to_string()
            )
        );
        s.events[once].rule = Recurrence::Once { date: d(2026, 8, 17) };
        s.events[once].title = "Training\u{202E}gninrael".into();
        assert!(
            s.validate()
                .unwrap_err()
                .starts_with("events: title: text direction control U+202E")
        );
        s.events[once].title = "Training".into();
        s.installments[0].label = "pay\u{1b}[2J".into();
        assert!(
            s.validate()
                .unwrap_err()
                .starts_with("installments: label: control character U+001B")
        );
    }

    #[test]
    fn an_event_or_installment_row_is_refused_where_the_calendar_or_ledger_could_not_use_it() {
        let base = Settings::preset(Preset::RuralUnion, d(2026, 8, 1));
        let refused = |change: &dyn Fn(&mut Settings)| {
            let mut s = base.clone();
            change(&mut s);
            s.validate().unwrap_err()
        };
        assert_eq!(
            refused(&|s| s.events[0].ends = hm(17, 0)),
            "events: 'Mentor check-in': it ends (17:00) before it starts (18:00)"
        );
        assert_eq!(
            refused(&|s| s.events[0].rule = Recurrence::NthWeekday {
                n: 6,
                weekday: Weekday::Tue
            }),
            "events: 'Mentor check-in': week 6 of a month: 1 to 5 only"
        );
        assert_eq!(
            refused(&|s| s.events[0].months = Some((9, 13))),
            "events: 'Mentor check-in': month 13 is not a month from 1 to 12"
        );
        assert_eq!(
            refused(&|s| s.events[1].skip_months = vec![0]),
            "events: 'Learning session': month 0 is not a month from 1 to 12"
        );
        assert_eq!(
            refused(&|s| s.events[0].title = " ".into()),
            "events: an event needs a title"
        );
        assert_eq!(
            refused(&|s| s.installments[0].month = 0),
            "installments: 'First installment': month 0 is not a month from 1 to 12"
        );
        assert_eq!(
            refused(&|s| s.installments[1].amount_cents = 0),
            "installments: 'Second installment': the amount must be more than $0.00"
        );
        assert_eq!(
            refused(&|s| s.installments[1].label = String::new()),
            "installments: an installment needs a label"
        );
    }

    #[test]
    fn the_archive_keeps_the_letter_of_understandings_three_unless_the_program_chooses() {
        let mut s = Settings::preset(Preset::Esp, d(2026, 8, 1));
        assert_eq!(s.archive, ["applications", "attendance", "exit_forms"]);
        assert_eq!(
            archive_sections(),
            ["attendance", "monthly_records", "applications", "exit_forms"]
        );
        s.archive.push("monthly_records".into());
        assert_eq!(s.validate(), Ok(()));
        s.archive.push("reflections".into());
        assert_eq!(
            s.validate(),
            Err("archive: 'reflections' is not a section the archive can keep: attendance, monthly_records, applications, exit_forms".to_string())
        );
    }

    #[test]
    fn settings_round_trip_through_json_and_fill_missing_fields() {
        let s = Settings::preset(Preset::Library, d(2026, 1, 1));
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<Settings>(&json).unwrap(), s);
        let partial: Settings = serde_json::from_str(r#"{"quota": 5}"#).unwrap();
        assert_eq!(partial.quota, Some(5));
        assert_eq!(partial.quiet_days, 30);
    }
}
