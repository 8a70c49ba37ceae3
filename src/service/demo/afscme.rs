//! An AFSCME Mentoring 101 demo: union leaders who took the workshop, each mentoring one activist
//! or leader of their local or council, with the code of conduct acknowledged, a mentoring plan
//! each, and contacts that record the pillar they served (one pair forgets to share power).

use super::{Rng, new_program};
use crate::domain::agenda::Attendance;
use crate::domain::contacts::Reach;
use crate::domain::forms::Values;
use crate::domain::records::{ContactInput, PersonFields};
use crate::domain::settings::Preset;
use crate::domain::types::{Method, Outcome, Pillar, Role};
use crate::error::Result;
use crate::service::os_login;
use crate::service::store::Store;
use chrono::{Datelike, Days, NaiveDate, NaiveTime};

/// Mentors: login, name, local, role in the union.
const LEADERS: &[(&str, &str, &str, &str)] = &[
    (
        "ana",
        "Ana Lindqvist",
        "Local 1215, Council 40",
        "Local president",
    ),
    ("ben", "Ben Okafor", "Local 3148, Council 40", "Chief steward"),
    (
        "carla",
        "Carla Nygaard",
        "Local 526, Council 32",
        "Council vice president",
    ),
    ("dev", "Dev Raman", "Local 2748, Council 32", "Local treasurer"),
];

/// Mentees: name, role, what the plan invests in them for.
const ACTIVISTS: &[(&str, &str, &str)] = &[
    ("Marisol Vega", "New steward", "run her first grievance meeting"),
    (
        "Tyrone Banks",
        "Member organizer",
        "lead the new-hire orientation",
    ),
    (
        "Kim Aldous",
        "Recording secretary",
        "chair the political action committee",
    ),
    (
        "Joe Petrakis",
        "Rank-and-file activist",
        "become a steward in his building",
    ),
    ("Priya Shah", "New member", "organize her worksite"),
];

/// The pillars each pair's contacts serve, in turn; the third pair never shares power.
const PLANS: &[&[Pillar]] = &[
    &[Pillar::Invest, Pillar::BridgeTheGap, Pillar::SharePower],
    &[
        Pillar::Invest,
        Pillar::SharePower,
        Pillar::BridgeTheGap,
        Pillar::SharePower,
    ],
    &[Pillar::Invest, Pillar::BridgeTheGap, Pillar::Invest],
    &[Pillar::BridgeTheGap, Pillar::Invest, Pillar::SharePower],
];

const NOTES: &[(Pillar, &str)] = &[
    (
        Pillar::Invest,
        "Talked about why she got involved; set a goal for the month.",
    ),
    (
        Pillar::Invest,
        "Coffee before the membership meeting; listened to his worries.",
    ),
    (
        Pillar::BridgeTheGap,
        "Introduced them to the council's staff rep and the organizing director.",
    ),
    (
        Pillar::BridgeTheGap,
        "Walked through how the executive board sets its agenda.",
    ),
    (
        Pillar::SharePower,
        "Handed over chairing the steward council meeting; debriefed after.",
    ),
    (
        Pillar::SharePower,
        "Let them lead the worksite visit; I only took notes.",
    ),
];

pub(super) fn populate(store: &mut Store, today: NaiveDate) -> Result<()> {
    let workshop = new_program(store, "AFSCME Mentoring 101 (demo)", Preset::Afscme, today)?;
    let login = os_login();
    store.seed("demo", "create", "demo program", |seed| {
        let mut rng = Rng::new(today.num_days_from_ce() as u64 ^ 0xAF5C);
        let at = |day: NaiveDate, hour: u32| {
            day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).expect("valid time"))
        };
        let coordinator = seed.person(
            "coord",
            "Dana Whitfield",
            Role::Coordinator,
            &PersonFields {
                login: Some(login.clone()),
                organization: Some("AFSCME Education Department".into()),
                position: Some("Union education coordinator".into()),
                ..Default::default()
            },
        )?;
        let workshop_title = "Mentoring 101 workshop";
        let acknowledge = |person: i64, name: &str| {
            let values: Values = [("acknowledged".to_string(), name.to_string())]
                .into_iter()
                .collect();
            seed.form("afscme-code-of-conduct", person, None, &values, at(workshop, 9))
        };
        acknowledge(coordinator, "Dana Whitfield")?;
        let mut leaders = Vec::new();
        for (i, (leader_login, name, local, role)) in LEADERS.iter().enumerate() {
            let key = seed.person(
                &format!("M{:02}", i + 1),
                name,
                Role::Mentor,
                &PersonFields {
                    login: Some(leader_login.to_string()),
                    email: Some(format!("{leader_login}@example.org")),
                    organization: Some(local.to_string()),
                    position: Some(role.to_string()),
                    ..Default::default()
                },
            )?;
            seed.attendance(workshop, workshop_title, key, Attendance::Present)?;
            acknowledge(key, name)?;
            leaders.push(key);
        }
        let mut activists = Vec::new();
        for (i, (name, role, _)) in ACTIVISTS.iter().enumerate() {
            activists.push(seed.person(
                &format!("A{:02}", i + 1),
                name,
                Role::Mentee,
                &PersonFields {
                    organization: Some(LEADERS[i % LEADERS.len()].2.to_string()),
                    position: Some(role.to_string()),
                    ..Default::default()
                },
            )?);
        }
        let matched = workshop + Days::new(14);
        for (i, (&leader, pillars)) in leaders.iter().zip(PLANS).enumerate() {
            let activist = activists[i];
            seed.assignment(leader, activist, matched, None)?;
            let first_step_on = matched + Days::new(7);
            let values: Values = [
                ("mentee", format!("A{:02}", i + 1)),
                ("why", format!("{} wants to {}.", ACTIVISTS[i].0, ACTIVISTS[i].2)),
                ("invest", "Meet every month; ask what they want to learn.".into()),
                (
                    "bridge",
                    "Bring them to the council meeting and introduce the staff rep.".into(),
                ),
                ("share", "Hand over one meeting to chair by spring.".into()),
                ("first_step", "Coffee after the next membership meeting".into()),
                ("first_step_on", first_step_on.to_string()),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
            let plan = seed.form("mentoring-plan", leader, Some(activist), &values, at(matched, 17))?;
            let mut day = first_step_on;
            let mut last = None;
            for pillar in pillars.iter().cycle() {
                if day > today {
                    break;
                }
                let notes: Vec<&str> = NOTES
                    .iter()
                    .filter(|(p, _)| p == pillar)
                    .map(|(_, n)| *n)
                    .collect();
                seed.contact(
                    &ContactInput {
                        mentor: leader,
                        person: activist,
                        occurred_at: at(day, 12 + rng.below(6) as u32),
                        method: *rng.pick(&[Method::InPerson, Method::Phone, Method::Video]),
                        outcome: Outcome::Conversation,
                        duration_min: Some(30 + 15 * rng.below(4) as u32),
                        support_when: None,
                        support_what: String::new(),
                        notes: rng.pick(&notes).to_string(),
                        follow_up_on: None,
                        submitted_on: Some(day),
                        intervention: None,
                        pillar: Some(*pillar),
                    },
                    Reach::Caseload,
                )?;
                last = Some(day);
                day = day + Days::new(12 + rng.below(10));
            }
            // Every other mentor keeps the plan's next step current by amending it; the others'
            // next step is past, as a plan left alone looks.
            if let Some(last) = last.filter(|_| i % 2 == 1) {
                let mut amended = values.clone();
                amended.insert(
                    "first_step".into(),
                    "Chair the December membership meeting together".into(),
                );
                amended.insert("first_step_on".into(), (today + Days::new(10)).to_string());
                seed.form_version(
                    "mentoring-plan",
                    leader,
                    Some(activist),
                    &amended,
                    at(last, 19),
                    Some(plan),
                )?;
            }
        }
        Ok(())
    })
}
