//! The presets: each seed program's rules, as a program's starting settings.

use super::pay::{Installment, MeetingStipend, Unit, compensation};
use super::{Eligibility, Settings};
use crate::domain::schedule::{Recurrence, RecurringEvent};
use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};

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

pub(super) fn hm(h: u32, m: u32) -> NaiveTime {
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
