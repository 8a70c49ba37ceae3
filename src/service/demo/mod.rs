//! Realistic demo programs, the same for the same `--today`: the rural union team here, Check & Connect
//! in its own module.

mod afscme;
pub mod check_connect;
mod esp;
pub mod generate;
mod library;

use crate::domain::YearMonth;
use crate::domain::agenda::Attendance;
use crate::domain::contacts::Reach;
use crate::domain::records::{ContactInput, PersonFields, Program};
use crate::domain::reports::report_due;
use crate::domain::settings::{Preset, Settings};
use crate::domain::types::{EndReason, Method, Outcome, Role, SupportWhen};
use crate::error::{Error, Result};
use crate::service::store::Store;
use crate::service::{PRIVATE_FILE_MODE, os_login};
use chrono::{Datelike, Days, Months, NaiveDate, NaiveTime, Weekday};
use std::path::Path;

/// A small deterministic generator (SplitMix64): the demo must not change between runs.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const MENTORS: &[(&str, &str, &str)] = &[
    ("ana", "Ana Lindqvist", "Spooner EA"),
    ("ben", "Ben Okafor", "Medford EA"),
    ("carla", "Carla Nygaard", "Ladysmith EA"),
    ("dev", "Dev Raman", "Park Falls EA"),
    ("erin", "Erin Vukovich", "Hayward EA"),
    ("farah", "Farah Haddad", "Tomahawk EA"),
    ("gus", "Gus Thorsen", "Phillips EA"),
    ("hana", "Hana Kowalczyk", "Mellen EA"),
];

const FIRST: &[&str] = &[
    "Amy", "Brett", "Cody", "Dolores", "Eli", "Fern", "Gabe", "Holly", "Ivan", "Jodi", "Kurt", "Lena",
    "Marty", "Nell", "Owen", "Paula", "Quinn", "Rosa", "Sam", "Tess", "Uma", "Vern", "Wade", "Xena", "Yusuf",
    "Zoe", "Arlo", "Bea", "Cal", "Dot",
];
const LAST: &[&str] = &[
    "Anderson",
    "Berg",
    "Christiansen",
    "Dahl",
    "Engstrom",
    "Fischer",
    "Gunderson",
    "Halvorsen",
    "Iverson",
    "Jansen",
    "Kline",
    "Larsen",
    "Moreau",
    "Nguyen",
    "Olson",
    "Peterson",
    "Quist",
    "Reyes",
    "Schultz",
    "Thompson",
];
const LOCALS: &[&str] = &[
    "Birchwood EA",
    "Butternut EA",
    "Cumberland EA",
    "Drummond EA",
    "Glidden EA",
    "Mercer EA",
    "Prentice EA",
    "Rib Lake EA",
    "Solon Springs EA",
    "Turtle Lake EA",
    "Washburn EA",
    "Winter EA",
];
const POSITIONS: &[&str] = &[
    "President",
    "Vice President",
    "Treasurer",
    "Building Rep",
    "Member",
    "Secretary",
];
const LOCATIONS: &[&str] = &[
    "Sawyer County",
    "Price County",
    "Rusk County",
    "Ashland County",
    "Lincoln County",
];
const EXPERTISE: &[&str] = &[
    "bargaining, grievances",
    "organizing, membership drives",
    "communications, newsletters",
    "budget, treasurer duties",
    "meetings, parliamentary procedure",
    "new member orientation, mentoring",
];
const GOALS: &[&str] = &[
    "grow membership and run better meetings",
    "learn bargaining basics",
    "understand the local budget",
    "start a newsletter for members",
    "handle grievances with confidence",
];
const AVAILABILITY: &[&str] = &["weekday evenings", "after school", "lunch", "weekends"];
const FAMILIES: &[&str] = &["Teacher", "ESP"];
const NOTES: &[&str] = &[
    "Talked through the bargaining survey; wants help getting members to answer.",
    "New to the local board. Walked through what a building rep does.",
    "Asked about the fall membership drive. Sent the organizing toolkit.",
    "Worried about turnout at the next local meeting. Shared agenda ideas.",
    "Discussed a grievance timeline question; pointed to UniServ.",
    "Interested in the Tuesday learning session on member engagement.",
    "Quick check-in. Things are calm; will reach out after conferences.",
    "Wants to recruit two newer teachers as potential leaders.",
    "Reviewed the local budget format together.",
    "Met for coffee after school; planning a listening session.",
];
const ATTEMPT_NOTES: &[&str] = &[
    "Left a voicemail about the regional meeting.",
    "Emailed about meeting for coffee after school.",
    "Will try again after conferences.",
];
const SUPPORT: &[&str] = &[
    "Membership outreach ideas",
    "Local meeting planning",
    "Contract and grievance questions",
    "Leadership development",
    "Connected to WEAC staff",
];

/// How a demo mentor keeps up: the share of assigned people reached in a month.
#[derive(Clone, Copy)]
enum Pace {
    /// Everyone, early in the month.
    Diligent,
    /// Just what the pace expects.
    Steady,
    /// One fewer than the pace expects.
    Lagging,
    /// Nobody this month, only attempts.
    Stalled,
}

const PACES: [Pace; 8] = [
    Pace::Diligent,
    Pace::Steady,
    Pace::Lagging,
    Pace::Diligent,
    Pace::Steady,
    Pace::Stalled,
    Pace::Steady,
    Pace::Lagging,
];

fn at(day: NaiveDate, rng: &mut Rng) -> chrono::NaiveDateTime {
    let hour = 8 + rng.below(11) as u32;
    let minute = [0, 15, 30, 45][rng.below(4) as usize];
    day.and_time(NaiveTime::from_hms_opt(hour, minute, 0).expect("valid time"))
}

/// Makes `path` hold the demo of `preset`: a new or empty file is filled; an existing demo is
/// kept as it is; a real program is refused.
pub fn prepare(path: &Path, preset: Preset, today: NaiveDate) -> Result<()> {
    let fresh = std::fs::symlink_metadata(path).is_err();
    let mut store = Store::open(path, PRIVATE_FILE_MODE)?;
    if fresh {
        match preset {
            Preset::CheckConnect => check_connect::populate(&mut store, today),
            Preset::Library => library::populate(&mut store, today),
            Preset::Esp => esp::populate(&mut store, today),
            Preset::Afscme => afscme::populate(&mut store, today),
            Preset::RuralUnion => populate(&mut store, today),
        }
    } else if !store.program()?.demo {
        Err(Error::Input(format!(
            "{}: holds a real program, not a demo; leave out --demo or pick another --db",
            path.display()
        )))
    } else {
        Ok(())
    }
}

/// Creates a demo program of `preset` whose year began on the August 1 before `today`, and
/// returns that day.
fn new_program(store: &mut Store, name: &str, preset: Preset, today: NaiveDate) -> Result<NaiveDate> {
    let year = if today.month() >= 8 {
        today.year()
    } else {
        today.year() - 1
    };
    let start = NaiveDate::from_ymd_opt(year, 8, 1).expect("valid date");
    store.create_program(&Program {
        name: name.into(),
        preset: preset.as_str().into(),
        start_date: start,
        settings: Settings::preset(preset, start),
        demo: true,
    })?;
    Ok(start)
}

/// Creates the demo program in a new database at `store`.
fn populate(store: &mut Store, today: NaiveDate) -> Result<()> {
    let start = NaiveDate::from_ymd_opt(
        if today.month() >= 8 {
            today.year()
        } else {
            today.year() - 1
        },
        8,
        1,
    )
    .expect("valid date");
    store.create_program(&Program {
        name: "WEAC Rural Schools Mentor Team (demo)".into(),
        preset: Preset::RuralUnion.as_str().into(),
        start_date: start,
        settings: Settings::preset(Preset::RuralUnion, start),
        demo: true,
    })?;
    let seed = today.num_days_from_ce() as u64;
    let login = os_login();
    store.seed("demo", "create", "demo program", |rows| {
        let mut rng = Rng::new(seed);
        rows.person(
            "coord",
            "Dana Whitfield",
            Role::Coordinator,
            &PersonFields {
                login: Some(login.clone()),
                email: Some("dana.whitfield@example.org".into()),
                organization: Some("WEAC Region 1".into()),
                position: Some("Mentor coordinator".into()),
                ..Default::default()
            },
        )?;
        let mut mentors = Vec::new();
        for (i, (mentor_login, name, local)) in MENTORS.iter().enumerate() {
            let key = rows.person(
                &format!("M{:02}", i + 1),
                name,
                Role::Mentor,
                &PersonFields {
                    login: Some(mentor_login.to_string()),
                    email: Some(format!("{mentor_login}@example.org")),
                    organization: Some(local.to_string()),
                    position: Some("Mentor".into()),
                    location: Some(rng.pick(LOCATIONS).to_string()),
                    years_experience: Some(3 + rng.below(15) as u32),
                    expertise: Some(EXPERTISE[i % EXPERTISE.len()].into()),
                    job_family: Some(FAMILIES[i % FAMILIES.len()].into()),
                    availability: Some(AVAILABILITY[i % AVAILABILITY.len()].into()),
                    ..Default::default()
                },
            )?;
            mentors.push(key);
        }
        let mut mentees = Vec::new();
        for i in 0..30 {
            let name = format!("{} {}", FIRST[i], LAST[(i * 7) % LAST.len()]);
            let key = rows.person(
                &format!("L{:02}", i + 1),
                &name,
                Role::Mentee,
                &PersonFields {
                    email: Some(format!("{}@example.org", FIRST[i].to_lowercase())),
                    phone: Some(format!("715-555-{:04}", 100 + i * 37)),
                    organization: Some(rng.pick(LOCALS).to_string()),
                    position: Some(rng.pick(POSITIONS).to_string()),
                    location: Some(rng.pick(LOCATIONS).to_string()),
                    goals: Some(GOALS[i % GOALS.len()].into()),
                    job_family: Some(FAMILIES[(i / 3) % FAMILIES.len()].into()),
                    availability: Some(AVAILABILITY[(i + 1) % AVAILABILITY.len()].into()),
                    years_experience: Some(i as u32 % 4),
                    ..Default::default()
                },
            )?;
            mentees.push(key);
        }
        let first_month = YearMonth::of(today).prev().prev();
        let assigned_on = first_month.first_day() - Days::new(10);
        // Three active people per mentor (two for the last); the rest have history or wait for a match.
        let mut pairs = Vec::new();
        for (m, mentor) in mentors.iter().enumerate() {
            // The last mentor's third person left them: they need someone new.
            let active = if m == MENTORS.len() - 1 { 2 } else { 3 };
            for j in 0..active {
                let mentee = mentees[m * 3 + j];
                rows.assignment(*mentor, mentee, assigned_on, None)?;
                pairs.push((m, *mentor, mentee));
            }
        }
        let ended = [
            (0, 24, EndReason::Exhausted),
            (2, 25, EndReason::LeftOrganization),
            (5, 26, EndReason::NegativeExperience),
            (6, 27, EndReason::Completed),
            (7, 23, EndReason::Exhausted),
        ];
        for (m, mentee, reason) in ended {
            let ended_on = first_month.first_day() + Days::new(5);
            rows.assignment(
                mentors[m],
                mentees[mentee],
                assigned_on - Months::new(2),
                Some((ended_on, reason)),
            )?;
        }

        let mut month = first_month;
        while month <= YearMonth::of(today) {
            let current = month == YearMonth::of(today);
            let last_day = if current { today } else { month.last_day() };
            let days = last_day.day();
            for (m, mentor, mentee) in &pairs {
                let j = pairs.iter().filter(|p| p.0 == *m && p.2 <= *mentee).count() as u32 - 1;
                let pace = PACES[*m];
                let expected = 3 * days / month.days();
                let reached = match (pace, current) {
                    (Pace::Diligent, _) => true,
                    (Pace::Steady, true) => j < expected,
                    (Pace::Steady, false) => j < 3 || rng.chance(50),
                    (Pace::Lagging, true) => j + 1 < expected,
                    (Pace::Lagging, false) => j < 2,
                    (Pace::Stalled, true) => false,
                    (Pace::Stalled, false) => j < 3 && rng.chance(70),
                };
                let attempts = rng.below(4);
                let span = days.max(1);
                let mut day = month.first_day() + Days::new(rng.below(u64::from(span.min(12))));
                let total = attempts + u64::from(reached);
                for k in 0..total {
                    if day > last_day {
                        break;
                    }
                    let conversation = reached && k == total - 1;
                    let method = if conversation {
                        *rng.pick(&[
                            Method::Phone,
                            Method::Phone,
                            Method::InPerson,
                            Method::Video,
                            Method::Email,
                        ])
                    } else {
                        *rng.pick(&[Method::Phone, Method::Email, Method::Text])
                    };
                    let outcome = if conversation {
                        Outcome::Conversation
                    } else {
                        match method {
                            Method::Email => {
                                *rng.pick(&[Outcome::NoReply, Outcome::Bounced, Outcome::NoReply])
                            }
                            _ => *rng.pick(&[Outcome::NoAnswer, Outcome::LeftMessage]),
                        }
                    };
                    let occurred_at = at(day, &mut rng);
                    let due = report_due(day, Weekday::Thu);
                    let late_filer = matches!(pace, Pace::Lagging | Pace::Stalled);
                    let unsubmitted = if late_filer {
                        rng.chance(55)
                    } else {
                        rng.chance(8) && due < today
                    };
                    let submitted_on = (!unsubmitted).then(|| (day + Days::new(rng.below(4))).min(today));
                    let follow_up_on =
                        (conversation && rng.chance(40)).then(|| day + Days::new(14 + rng.below(21)));
                    let notes = if conversation {
                        rng.pick(NOTES).to_string()
                    } else if rng.chance(30) {
                        rng.pick(ATTEMPT_NOTES).to_string()
                    } else {
                        String::new()
                    };
                    rows.contact(
                        &ContactInput {
                            mentor: *mentor,
                            person: *mentee,
                            occurred_at,
                            method,
                            outcome,
                            duration_min: conversation.then(|| 10 + 5 * rng.below(9) as u32),
                            support_when: conversation.then(|| {
                                *rng.pick(&[
                                    SupportWhen::AfterSchool,
                                    SupportWhen::Lunch,
                                    SupportWhen::BeforeSchool,
                                    SupportWhen::Other,
                                ])
                            }),
                            support_what: if conversation {
                                rng.pick(SUPPORT).to_string()
                            } else {
                                String::new()
                            },
                            notes,
                            follow_up_on,
                            submitted_on,
                            intervention: None,
                            pillar: None,
                        },
                        Reach::Caseload,
                    )?;
                    day = day + Days::new(1 + rng.below(5));
                }
            }
            month = month.next();
        }
        // Attendance at the check-ins so far. WEAC files no end-of-match form: its program
        // evaluates none.
        let settings = Settings::preset(Preset::RuralUnion, start);
        let cancelled = std::collections::HashSet::new();
        for checkin in crate::domain::agenda::series_occurrences(
            &settings,
            start,
            start,
            today - Days::new(1),
            &cancelled,
        )
        .into_iter()
        .filter(|o| o.kind == crate::domain::agenda::EventKind::Checkin)
        {
            for mentor in &mentors {
                let status = match rng.below(10) {
                    0 => Attendance::Absent,
                    1 => Attendance::Excused,
                    _ => Attendance::Present,
                };
                rows.attendance(checkin.date, &checkin.title, *mentor, status)?;
            }
        }
        Ok(())
    })
}
