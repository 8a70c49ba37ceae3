//! A WVLS library mentoring demo: new library directors matched with experienced ones, monthly
//! contacts, in-person visits, goals shared with the Communications Coordinator, and some pairs
//! past their 30-day deadlines (a first meeting, goals, an end-of-match evaluation).

use super::{Rng, new_program};
use crate::domain::contacts::Reach;
use crate::domain::forms::Values;
use crate::domain::records::{ContactInput, PersonFields};
use crate::domain::settings::Preset;
use crate::domain::types::{EndReason, Method, Outcome, Role};
use crate::error::Result;
use crate::service::os_login;
use crate::service::store::Store;
use chrono::{Datelike, Days, NaiveDate, NaiveTime};

/// Mentors: login, name, library, years as an administrator.
const MENTORS: &[(&str, &str, &str, u32)] = &[
    ("ana", "Ana Lindqvist", "Marathon County Public Library", 14),
    ("ben", "Ben Okafor", "T.B. Scott Free Library, Merrill", 9),
    ("carla", "Carla Nygaard", "Rhinelander District Library", 11),
    ("dev", "Dev Raman", "Antigo Public Library", 6),
    ("erin", "Erin Vukovich", "Medford Public Library", 4),
    ("farah", "Farah Haddad", "Abbotsford Public Library", 1),
];

/// Mentees: id, name, library, years as an administrator, what they want to learn.
const MENTEES: &[(&str, &str, &str, u32, &str)] = &[
    (
        "L01",
        "Amy Berg",
        "Tomahawk Public Library",
        1,
        "budget and board relations",
    ),
    (
        "L02",
        "Cody Dahl",
        "Colby Public Library",
        0,
        "grant writing and programming",
    ),
    (
        "L03",
        "Fern Iverson",
        "Edgar Public Library",
        1,
        "staff supervision and scheduling",
    ),
    (
        "L04",
        "Holly Jansen",
        "Minocqua Public Library",
        2,
        "building projects and budget",
    ),
    (
        "L05",
        "Ivan Kline",
        "Rib Lake Public Library",
        1,
        "collection development",
    ),
    (
        "L06",
        "Lena Moreau",
        "Spencer Public Library",
        0,
        "board relations and policy",
    ),
    (
        "L07",
        "Owen Olson",
        "Stratford Branch Library",
        1,
        "programming for teens",
    ),
    (
        "L08",
        "Rosa Quist",
        "Athens Branch Library",
        5,
        "strategic planning",
    ),
];

/// Each pair's state, by how the seed's deadlines stand today.
enum Pair {
    /// Met in person and shared goals: nothing due.
    OnTrack { days_ago: u64 },
    /// No in-person meeting and no goals after 30 days.
    MissedBoth { days_ago: u64 },
    /// Met, but the goals never reached the coordinator.
    MissedGoals { days_ago: u64 },
    /// Matched last week: the deadlines are ahead.
    New { days_ago: u64 },
    /// Ended over 30 days ago; the mentor's evaluation is in, the mentee's is not.
    EndedMissingEvaluation { days_ago: u64, ended_ago: u64 },
}

const NOTES: &[&str] = &[
    "Went through the budget worksheet before the board meeting.",
    "Talked about the summer reading program and volunteer scheduling.",
    "Shared the WVLS Meeting and Training Guide topics for next month.",
    "Coffee after the directors' meeting; board packet questions.",
    "Reviewed the grant timeline together.",
];

pub(super) fn populate(store: &mut Store, today: NaiveDate) -> Result<()> {
    new_program(store, "WVLS Mentoring Program (demo)", Preset::Library, today)?;
    let login = os_login();
    store.seed("demo", "create", "demo program", |seed| {
        let mut rng = Rng::new(today.num_days_from_ce() as u64 ^ 0x1B5);
        seed.person(
            "coord",
            "Dana Whitfield",
            Role::Coordinator,
            &PersonFields {
                login: Some(login.clone()),
                organization: Some("Wisconsin Valley Library Service".into()),
                position: Some("Communications Coordinator".into()),
                ..Default::default()
            },
        )?;
        let mut mentors = Vec::new();
        for (i, (mentor_login, name, library, years)) in MENTORS.iter().enumerate() {
            mentors.push(
                seed.person(
                    &format!("M{:02}", i + 1),
                    name,
                    Role::Mentor,
                    &PersonFields {
                        login: Some(mentor_login.to_string()),
                        email: Some(format!("{mentor_login}@example.org")),
                        organization: Some(library.to_string()),
                        position: Some("Library director".into()),
                        location: Some(
                            if i % 2 == 0 {
                                "Marathon County"
                            } else {
                                "Lincoln County"
                            }
                            .into(),
                        ),
                        years_experience: Some(*years),
                        expertise: Some("budget, board relations, grant writing, programming".into()),
                        ..Default::default()
                    },
                )?,
            );
        }
        let mut mentees = Vec::new();
        for (i, (id, name, library, years, goals)) in MENTEES.iter().enumerate() {
            mentees.push(
                seed.person(
                    id,
                    name,
                    Role::Mentee,
                    &PersonFields {
                        email: Some(format!("{}@example.org", id.to_lowercase())),
                        organization: Some(library.to_string()),
                        position: Some("Library director".into()),
                        location: Some(
                            if i % 3 == 0 {
                                "Marathon County"
                            } else {
                                "Lincoln County"
                            }
                            .into(),
                        ),
                        years_experience: Some(*years),
                        goals: Some(goals.to_string()),
                        ..Default::default()
                    },
                )?,
            );
        }
        let pairs = [
            Pair::OnTrack { days_ago: 120 },
            Pair::MissedBoth { days_ago: 45 },
            Pair::MissedGoals { days_ago: 52 },
            Pair::New { days_ago: 8 },
            Pair::EndedMissingEvaluation {
                days_ago: 400,
                ended_ago: 40,
            },
        ];
        let at = |day: NaiveDate, hour: u32| {
            day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).expect("valid time"))
        };
        for (i, pair) in pairs.iter().enumerate() {
            let (mentor, mentee) = (mentors[i], mentees[i]);
            let (days_ago, ended_ago) = match *pair {
                Pair::OnTrack { days_ago }
                | Pair::MissedBoth { days_ago }
                | Pair::MissedGoals { days_ago }
                | Pair::New { days_ago } => (days_ago, None),
                Pair::EndedMissingEvaluation { days_ago, ended_ago } => (days_ago, Some(ended_ago)),
            };
            let matched = today - Days::new(days_ago);
            let ended = ended_ago.map(|d| (today - Days::new(d), EndReason::Completed));
            let key = seed.assignment(mentor, mentee, matched, ended)?;
            let met_in_person = !matches!(pair, Pair::MissedBoth { .. } | Pair::New { .. });
            let last = ended.map_or(today, |e| e.0);
            // Monthly contact at least; the first visit in person within the month of the match.
            let mut day = matched + Days::new(3 + rng.below(5));
            let mut visits = 0;
            while day <= last {
                let in_person = met_in_person && visits < 3 && (visits == 0 || rng.chance(30));
                let method = if in_person {
                    visits += 1;
                    Method::InPerson
                } else {
                    *rng.pick(&[Method::Email, Method::Phone, Method::Video])
                };
                seed.contact(
                    &ContactInput {
                        mentor,
                        person: mentee,
                        occurred_at: at(day, 9 + rng.below(8) as u32),
                        method,
                        outcome: Outcome::Conversation,
                        duration_min: Some(if in_person {
                            120 + 30 * rng.below(3) as u32
                        } else {
                            30
                        }),
                        support_when: None,
                        support_what: String::new(),
                        notes: rng.pick(NOTES).to_string(),
                        follow_up_on: None,
                        submitted_on: Some(day),
                        intervention: None,
                        pillar: None,
                    },
                    Reach::Caseload,
                )?;
                day = day + Days::new(18 + rng.below(12));
            }
            if matches!(pair, Pair::OnTrack { .. } | Pair::EndedMissingEvaluation { .. }) {
                let shared_on = matched + Days::new(20);
                let (short, long) = (
                    "Present the annual report to the board with confidence.",
                    "Lead a strategic plan for the library within two years.",
                );
                let values: Values = [
                    ("mentee", MENTEES[i].0),
                    ("short_term", short),
                    ("long_term", long),
                    ("shared_on", &shared_on.to_string()),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
                seed.form("library-goals", mentor, Some(mentee), &values, at(shared_on, 12))?;
                seed.goals(key, short, long, shared_on)?;
            }
            if let Some((ended_on, _)) = ended {
                let values: Values = [
                    ("partner", MENTEES[i].1),
                    ("overall", "4"),
                    ("in_person", "3"),
                    ("worked", "Monthly calls kept us going; the visits mattered most."),
                    ("recommend", "yes"),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
                seed.form(
                    "library-evaluation",
                    mentor,
                    Some(mentee),
                    &values,
                    at(ended_on + Days::new(12), 15),
                )?;
            }
        }
        Ok(())
    })
}
