//! A Check & Connect demo: mentors with student caseloads, guardians, school staff and providers,
//! weekly contacts, and three months of engagement records with some students at high risk.

use super::Rng;
use crate::domain::YearMonth;
use crate::domain::contacts::Reach;
use crate::domain::engagement::{DAILY, DailyLine, Engagement, RATINGS};
use crate::domain::records::{ContactInput, PersonFields, Program};
use crate::domain::settings::{Preset, Settings};
use crate::domain::types::{Intervention, Method, Outcome, Role};
use crate::error::Result;
use crate::service::os_login;
use crate::service::store::Store;
use chrono::{Datelike, Days, NaiveDate, NaiveTime};

const MENTORS: &[(&str, &str)] = &[
    ("ana", "Ana Lindqvist"),
    ("ben", "Ben Okafor"),
    ("carla", "Carla Nygaard"),
    ("dev", "Dev Raman"),
];
const STUDENTS: &[&str] = &[
    "Aiden Torres",
    "Brianna Hall",
    "Carlos Mendez",
    "Destiny Ward",
    "Ethan Brooks",
    "Faith Kim",
    "Gavin Price",
    "Hailey Ross",
    "Isaiah Long",
    "Jasmine Ortiz",
    "Kevin Nguyen",
    "Lily Sanders",
    "Mason Perry",
    "Nora Bell",
    "Owen Flores",
    "Paige Howard",
];
const NOTES: &[&str] = &[
    "Checked in before first period; talked about the science missing work.",
    "Reviewed attendance with the student; set a goal of no tardies this week.",
    "Called home about the detention; guardian will follow up tonight.",
    "Met with the counselor about a credit recovery plan.",
    "Student is proud of the quiz grade; celebrated it.",
];

/// Creates the demo in a new database at `store`.
pub(super) fn populate(store: &mut Store, today: NaiveDate) -> Result<()> {
    let start = NaiveDate::from_ymd_opt(
        if today.month() >= 8 {
            today.year()
        } else {
            today.year() - 1
        },
        8,
        15,
    )
    .expect("valid date");
    store.create_program(&Program {
        name: "WCSD Check & Connect (demo)".into(),
        preset: Preset::CheckConnect.as_str().into(),
        start_date: start,
        settings: Settings::preset(Preset::CheckConnect, start),
        demo: true,
    })?;
    let login = os_login();
    store.seed("demo", "create", "demo program", |seed| {
        let mut rng = Rng::new(today.num_days_from_ce() as u64 ^ 0xC0C0);
        let person =
            |id: &str, name: &str, role: Role, fields: PersonFields| seed.person(id, name, role, &fields);
        person(
            "coord",
            "Dana Whitfield",
            Role::Coordinator,
            PersonFields {
                login: Some(login.clone()),
                email: Some("dana.whitfield@example.org".into()),
                ..Default::default()
            },
        )?;
        let mut mentors = Vec::new();
        for (i, (mentor_login, name)) in MENTORS.iter().enumerate() {
            mentors.push(person(
                &format!("M{:02}", i + 1),
                name,
                Role::Mentor,
                PersonFields {
                    login: Some(mentor_login.to_string()),
                    organization: Some("Washoe County School District".into()),
                    position: Some("Check & Connect mentor".into()),
                    ..Default::default()
                },
            )?);
        }
        let staff = person(
            "S01",
            "Ms. Alvarez",
            Role::Staff,
            PersonFields {
                position: Some("School counselor".into()),
                ..Default::default()
            },
        )?;
        let provider = person(
            "P01",
            "Northern Nevada Youth Services",
            Role::Provider,
            PersonFields {
                position: Some("Family counseling".into()),
                ..Default::default()
            },
        )?;
        let first_month = YearMonth::of(today).prev().prev();
        for (i, name) in STUDENTS.iter().enumerate() {
            let student = person(
                &format!("ST{:02}", i + 1),
                name,
                Role::Mentee,
                PersonFields {
                    organization: Some(
                        if i % 2 == 0 {
                            "Hug High School"
                        } else {
                            "Sparks Middle School"
                        }
                        .into(),
                    ),
                    position: Some(format!("Grade {}", 7 + i % 6)),
                    ..Default::default()
                },
            )?;
            let guardian_name = format!("{} (guardian)", name.split(' ').nth(1).unwrap_or(name));
            let guardian = person(
                &format!("G{:02}", i + 1),
                &guardian_name,
                Role::Guardian,
                PersonFields {
                    phone: Some(format!("775-555-{:04}", 200 + i * 41)),
                    ..Default::default()
                },
            )?;
            let mentor = mentors[i % mentors.len()];
            seed.assignment(mentor, student, start, None)?;
            // A third of the students struggle: their numbers cross the lines, and the family
            // works with a provider.
            let struggling = i % 3 == 0;
            seed.link(guardian, student)?;
            seed.link(staff, student)?;
            if struggling {
                seed.link(provider, student)?;
            }
            let mut month = first_month;
            while month <= YearMonth::of(today) {
                let days = if month == YearMonth::of(today) {
                    today.day().min(16)
                } else {
                    19 + rng.below(3) as u32
                };
                let heavy = |rng: &mut Rng, n: u64, over: u32| {
                    if struggling {
                        over + rng.below(n) as u32
                    } else {
                        rng.below(n) as u32 / 2
                    }
                };
                let e = Engagement {
                    absences: Some(heavy(&mut rng, 3, 2)),
                    tardies: Some(heavy(&mut rng, 4, 3)),
                    skips: Some(heavy(&mut rng, 3, 1)),
                    days_enrolled: Some(days),
                    referrals: Some(heavy(&mut rng, 3, 1)),
                    detentions: Some(heavy(&mut rng, 3, 1)),
                    in_school_suspensions: Some(if struggling && rng.chance(40) { 2 } else { 0 }),
                    out_of_school_suspension_days: if rng.chance(80) { Some(0) } else { None },
                    ds: Some(heavy(&mut rng, 2, 1)),
                    fs: Some(if struggling && rng.chance(50) { 1 } else { 0 }),
                    ..areas(student, month, struggling)
                };
                seed.engagement(student, month, &e)?;
                // Weekly check-ins with the student, and sometimes the family, school or provider.
                let mut day = month.first_day() + Days::new(rng.below(4));
                let last = if month == YearMonth::of(today) {
                    today
                } else {
                    month.last_day()
                };
                while day <= last {
                    let (with, method) = match rng.below(10) {
                        0 | 1 => (guardian, Method::Phone),
                        2 => (staff, Method::InPerson),
                        3 if struggling => (provider, Method::Phone),
                        _ => (student, Method::InPerson),
                    };
                    let outcome = if rng.chance(85) {
                        Outcome::Conversation
                    } else {
                        Outcome::NoAnswer
                    };
                    let conversation = outcome == Outcome::Conversation;
                    seed.contact(
                        &ContactInput {
                            mentor,
                            person: with,
                            occurred_at: day.and_time(
                                NaiveTime::from_hms_opt(8 + rng.below(8) as u32, 0, 0).expect("valid time"),
                            ),
                            method,
                            outcome,
                            duration_min: conversation.then(|| 10 + 5 * rng.below(6) as u32),
                            support_when: None,
                            support_what: String::new(),
                            notes: if conversation {
                                rng.pick(NOTES).to_string()
                            } else {
                                String::new()
                            },
                            follow_up_on: None,
                            submitted_on: Some(day),
                            // Work with the family, school or providers of a struggling student.
                            intervention: (conversation && with != student).then_some(if struggling {
                                Intervention::Intensive
                            } else {
                                Intervention::Basic
                            }),
                            pillar: None,
                        },
                        if with == student {
                            Reach::Caseload
                        } else {
                            Reach::Support
                        },
                    )?;
                    day = day + Days::new(5 + rng.below(5));
                }
                month = month.next();
            }
            // The last three school days' daily lines.
            let mut day = today;
            for _ in 0..3 {
                day = day - Days::new(1);
                while day.weekday().number_from_monday() > 5 {
                    day = day - Days::new(1);
                }
                let mut line = Rng::new(student as u64 * 7919 + u64::from(day.ordinal()));
                let mut entry = Engagement::default();
                for (i, area) in DAILY.iter().enumerate() {
                    if i == 0 || line.chance(70) {
                        entry
                            .set(area, &rating(&mut line, struggling).to_string())
                            .expect("a rating of 1 to 5");
                    }
                }
                let note = if struggling {
                    "Quiet in class; checked in at lunch."
                } else {
                    ""
                };
                seed.daily_line(
                    student,
                    &DailyLine {
                        day,
                        entry,
                        note: note.to_string(),
                    },
                )?;
            }
        }
        Ok(())
    })
}

/// A rating as the mentor might give it: low for a struggling student, high otherwise.
fn rating(rng: &mut Rng, struggling: bool) -> u32 {
    if struggling {
        1 + rng.below(3) as u32
    } else {
        3 + rng.below(3) as u32
    }
}

/// The month's homework, extracurriculars and area ratings, from their own random stream so
/// the risk figures and contacts stay as they were.
fn areas(student: i64, month: YearMonth, struggling: bool) -> Engagement {
    let mut rng = Rng::new(student as u64 * 104_729 + u64::from(month.first_day().ordinal()));
    let assigned = 8 + rng.below(5) as u32;
    let missed = if struggling {
        3 + rng.below(3)
    } else {
        rng.below(2)
    } as u32;
    let mut e = Engagement {
        homework_done: Some(assigned - missed),
        homework_assigned: Some(assigned),
        extracurriculars: Some(if struggling {
            rng.below(2)
        } else {
            1 + rng.below(3)
        } as u32),
        ..Default::default()
    };
    for (name, _, _) in RATINGS.iter().filter(|(name, _, _)| !DAILY.contains(name)) {
        e.set(name, &rating(&mut rng, struggling).to_string())
            .expect("a rating of 1 to 5");
    }
    e
}
