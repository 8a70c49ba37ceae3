//! An NEA ESP mentoring demo: education support professionals across job families, letters of
//! understanding, monthly records (some missing), attendance at the training and the support
//! group, pairs that ended with both exit forms filed.

use super::{Rng, new_program};
use crate::domain::YearMonth;
use crate::domain::agenda::Attendance;
use crate::domain::applications::{CoverLetter, Decision, Reference, Verdict};
use crate::domain::contacts::Reach;
use crate::domain::forms::Values;
use crate::domain::records::{ContactInput, PersonFields};
use crate::domain::schedule::program_year_of;
use crate::domain::settings::{Preset, Settings};
use crate::domain::types::{EndReason, Method, Outcome, Role};
use crate::error::Result;
use crate::service::os_login;
use crate::service::store::{Seeder, Store};
use chrono::{Datelike, Days, Months, NaiveDate, NaiveTime};

/// Mentors: login, name, job family, years in the job.
const MENTORS: &[(&str, &str, &str, u32)] = &[
    ("ana", "Ana Lindqvist", "Paraeducator", 12),
    ("ben", "Ben Okafor", "Custodial and maintenance", 8),
    ("carla", "Carla Nygaard", "Food services", 15),
    ("dev", "Dev Raman", "Clerical services", 6),
];

/// Mentees: id, name, job family, years in the job.
const MENTEES: &[(&str, &str, &str, u32)] = &[
    ("E01", "Amy Berg", "Paraeducator", 0),
    ("E02", "Cody Dahl", "Custodial and maintenance", 1),
    ("E03", "Fern Iverson", "Food services", 0),
    ("E04", "Holly Jansen", "Clerical services", 1),
    ("E05", "Ivan Kline", "Paraeducator", 0),
    ("E06", "Lena Moreau", "Transportation", 0),
    ("E07", "Owen Olson", "Food services", 1),
];

fn values(pairs: &[(&str, String)]) -> Values {
    pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

pub(super) fn populate(store: &mut Store, today: NaiveDate) -> Result<()> {
    let start = new_program(store, "NEA ESP Mentoring Program (demo)", Preset::Esp, today)?;
    let settings = Settings::preset(Preset::Esp, start);
    let login = os_login();
    store.seed("demo", "create", "demo program", |seed| {
        let mut rng = Rng::new(today.num_days_from_ce() as u64 ^ 0xE5B);
        let at = |day: NaiveDate, hour: u32| {
            day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).expect("valid time"))
        };
        seed.person(
            "coord",
            "Dana Whitfield",
            Role::Coordinator,
            &PersonFields {
                login: Some(login.clone()),
                organization: Some("Local ESP Association".into()),
                position: Some("Mentor program coordinator".into()),
                ..Default::default()
            },
        )?;
        let mut mentors = Vec::new();
        for (i, (mentor_login, name, family, years)) in MENTORS.iter().enumerate() {
            mentors.push(seed.person(
                &format!("M{:02}", i + 1),
                name,
                Role::Mentor,
                &PersonFields {
                    login: Some(mentor_login.to_string()),
                    email: Some(format!("{mentor_login}@example.org")),
                    organization: Some("Lakeview School District".into()),
                    job_family: Some(family.to_string()),
                    position: Some(family.to_string()),
                    years_experience: Some(*years),
                    ..Default::default()
                },
            )?);
        }
        let mut mentees = Vec::new();
        for (id, name, family, years) in MENTEES {
            mentees.push(seed.person(
                id,
                name,
                Role::Mentee,
                &PersonFields {
                    organization: Some("Lakeview School District".into()),
                    job_family: Some(family.to_string()),
                    position: Some(family.to_string()),
                    years_experience: Some(*years),
                    ..Default::default()
                },
            )?);
        }
        let year_start = program_year_of(start, today);
        applicants(seed, &mentors, year_start, today)?;
        let matched = year_start + Months::new(1);
        // Four pairs this year; two pairs of last year ended, one completed, one early.
        for i in 0..4 {
            let (mentor, mentee) = (mentors[i], mentees[i]);
            seed.assignment(mentor, mentee, matched, None)?;
            let loa = values(&[
                ("mentee", MENTEES[i].0.to_string()),
                ("meet_length", "30 minutes every week".into()),
                (
                    "short_term",
                    "Learn the building's routines and who to ask.".into(),
                ),
                ("long_term", "Finish the first year confident in the job.".into()),
                ("mentor_signature", MENTORS[i].1.to_string()),
                ("mentee_signature", MENTEES[i].1.to_string()),
            ]);
            seed.form(
                "letter-of-understanding",
                mentor,
                Some(mentee),
                &loa,
                at(matched, 15),
            )?;
            let pledge = values(&[
                ("mentee", MENTEES[i].0.to_string()),
                ("signature", MENTORS[i].1.to_string()),
            ]);
            seed.form("mentors-pledge", mentor, Some(mentee), &pledge, at(matched, 15))?;
            let mut day = matched + Days::new(2 + rng.below(5));
            while day <= today {
                seed.contact(
                    &ContactInput {
                        mentor,
                        person: mentee,
                        occurred_at: at(day, 7 + rng.below(9) as u32),
                        method: *rng.pick(&[Method::InPerson, Method::InPerson, Method::Phone]),
                        outcome: Outcome::Conversation,
                        duration_min: Some(20 + 10 * rng.below(4) as u32),
                        support_when: None,
                        support_what: String::new(),
                        notes: String::new(),
                        follow_up_on: None,
                        submitted_on: Some(day),
                        intervention: None,
                        pillar: None,
                    },
                    Reach::Caseload,
                )?;
                day = day + Days::new(6 + rng.below(6));
            }
        }
        // Monthly records: the first two mentors file every month, the others miss the last one.
        let labels = crate::service::overdue::monthly_record_labels();
        for (i, &mentor) in mentors.iter().enumerate() {
            let mut month = YearMonth::of(matched);
            while month.last_day() < today {
                let missed = i >= 2 && month.next().last_day() >= today;
                if settings.monthly_record_months.contains(&month.month)
                    && !missed
                    && let Some(label) = labels.get(&month.month)
                {
                    let record = values(&[
                        ("month", label.to_string()),
                        ("mentees", format!("{} ({})", MENTEES[i].1, MENTEES[i].2)),
                        ("when", "Before school".into()),
                    ]);
                    seed.form("monthly-record", mentor, None, &record, at(month.last_day(), 16))?;
                }
                month = month.next();
            }
        }
        // The Attendance Record (tool 8): the mentor training and the support group so far; one
        // mentor in five sends regrets.
        let past = crate::domain::agenda::series_occurrences(
            &settings,
            start,
            start,
            today - Days::new(1),
            &Default::default(),
        );
        for session in past.iter().filter(|o| o.kind.takes_attendance()) {
            for &mentor in &mentors {
                let status = match rng.below(5) {
                    0 => Attendance::Excused,
                    _ => Attendance::Present,
                };
                seed.attendance(session.date, &session.title, mentor, status)?;
            }
        }
        let last_year = matched - Months::new(12);
        for (m, e, reason) in [(0, 4, EndReason::Completed), (2, 6, EndReason::LeftOrganization)] {
            let ended_on = last_year + Months::new(9);
            seed.assignment(mentors[m], mentees[e], last_year, Some((ended_on, reason)))?;
            let completed = if reason == EndReason::Completed {
                "yes"
            } else {
                "no"
            };
            let mut exit = |form: &str, author: i64, about: i64, signature: &str, scales: &[&str]| {
                let mut v = values(&[
                    ("completed", completed.to_string()),
                    ("signature", signature.to_string()),
                ]);
                for item in scales {
                    v.insert(item.to_string(), (3 + rng.below(3)).to_string());
                }
                seed.form(form, author, Some(about), &v, at(ended_on + Days::new(5), 14))
            };
            exit(
                "exit-mentor",
                mentors[m],
                mentees[e],
                MENTORS[m].1,
                &["progress", "feedback", "successful"],
            )?;
            exit(
                "exit-mentee",
                mentees[e],
                mentors[m],
                MENTEES[e].1,
                &["needs", "growth", "successful"],
            )?;
        }
        Ok(())
    })
}

/// Applicants (NEA tool 2) in every state: the four mentors, accepted before the year began;
/// one with a single reference, one without a reference from the Association, one complete and
/// waiting for the committee, one declined.
fn applicants(seed: &Seeder, mentors: &[i64], year_start: NaiveDate, today: NaiveDate) -> Result<()> {
    let at = |day: NaiveDate| day.and_time(NaiveTime::from_hms_opt(10, 0, 0).expect("valid time"));
    let cover = |why: &str, offer: &str, times: &str| CoverLetter {
        why: why.into(),
        offer: offer.into(),
        times: times.into(),
    };
    let reference = |referee: &str, association: bool, received_on: NaiveDate| Reference {
        referee: referee.into(),
        association,
        received_on,
    };
    let application_form = |person: i64, name: &str, family: &str, years: u32, on: NaiveDate| {
        let form = values(&[
            ("name", name.to_string()),
            ("date", on.to_string()),
            ("school", "Lakeview School District".into()),
            ("position", family.to_string()),
            ("job_history", format!("{family}: {years} years")),
            ("association", "Building rep".into()),
            ("expertise", format!("{family}; new employee orientation")),
        ]);
        seed.form("mentor-application", person, Some(person), &form, at(on))
    };
    let spring = year_start - Months::new(4);
    for (i, &mentor) in mentors.iter().enumerate() {
        let (_, name, family, years) = MENTORS[i];
        application_form(mentor, name, family, years, spring)?;
        seed.application(
            mentor,
            spring,
            &cover(
                "I remember how lost I felt my first month.",
                &format!("{years} years as {family}, building rep"),
                "Before school and during lunch",
            ),
            &[
                reference("Local president (Association)", true, spring + Days::new(7)),
                reference("Building principal", false, spring + Days::new(10)),
            ],
            Some(&Decision {
                verdict: Verdict::Accepted,
                reason: "Experienced, active in the local, strong references".into(),
                on: spring + Days::new(21),
            }),
        )?;
    }
    let recent = today - Days::new(20);
    let waiting: &[(&str, &str, &str, u32, usize)] = &[
        ("M05", "Gail Novak", "Paraeducator", 9, 1),
        ("M06", "Hector Ruiz", "Transportation", 11, 2),
        ("M07", "Irene Walsh", "Clerical services", 7, 3),
        ("M08", "Jon Pratt", "Food services", 2, 4),
    ];
    for &(id, name, family, years, state) in waiting {
        let person = seed.person(
            id,
            name,
            Role::Mentor,
            &PersonFields {
                organization: Some("Lakeview School District".into()),
                job_family: Some(family.into()),
                position: Some(family.into()),
                years_experience: Some(years),
                ..Default::default()
            },
        )?;
        application_form(person, name, family, years, recent)?;
        let references = match state {
            1 => vec![reference(
                "Transportation supervisor",
                false,
                recent + Days::new(3),
            )],
            2 => vec![
                reference("Head custodian", false, recent + Days::new(3)),
                reference("School secretary", false, recent + Days::new(5)),
            ],
            _ => vec![
                reference(
                    "Local ESP chapter president (Association)",
                    true,
                    recent + Days::new(4),
                ),
                reference("Office manager", false, recent + Days::new(6)),
            ],
        };
        let decision = (state == 4).then(|| Decision {
            verdict: Verdict::Declined,
            reason: "Fewer than the three years in the district the program asks; welcome to reapply".into(),
            on: recent + Days::new(14),
        });
        seed.application(
            person,
            recent,
            &cover(
                "To give new colleagues the welcome I did not get.",
                &format!("{years} years as {family}"),
                "After the afternoon routes",
            ),
            &references,
            decision.as_ref(),
        )?;
    }
    Ok(())
}
