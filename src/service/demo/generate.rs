//! A large generated program for benchmarks: people, assignments with history, years of contacts,
//! forms and events, the same for the same seed, written in one transaction.

use super::Rng;
use crate::domain::contacts::Reach;
use crate::domain::forms::Values;
use crate::domain::records::{ContactInput, PersonFields, Program};
use crate::domain::settings::{Preset, Settings};
use crate::domain::types::{EndReason, Method, Outcome, Role};
use crate::error::{Error, Result};
use crate::service::store::Store;
use crate::service::{PRIVATE_FILE_MODE, os_login};
use chrono::{Days, Months, NaiveDate, NaiveTime};
use std::path::Path;

const NOTES: &[&str] = &[
    "Talked through the bargaining survey.",
    "Planning the next local meeting together.",
    "Left a message about the regional training.",
    "Shared the membership toolkit.",
    "",
    "",
];

/// What the generator wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Generated {
    pub people: usize,
    pub assignments: usize,
    pub contacts: usize,
    pub rows: usize,
}

/// Writes, into a new database at `path`, a program of `people` people and `contacts` contacts over
/// five years before `today`. `progress(done, total)` is called now and then while contacts are
/// written.
pub fn generate(
    path: &Path,
    people: usize,
    contacts: usize,
    seed: u64,
    today: NaiveDate,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Generated> {
    if people < 10 {
        return Err(Error::Input("--people: at least 10".into()));
    }
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(Error::Input(format!(
            "{}: already exists; demo --generate needs a new file",
            path.display()
        )));
    }
    let mut store = Store::open(path, PRIVATE_FILE_MODE)?;
    let start = today - Months::new(60);
    store.create_program(&Program {
        name: "Generated program".into(),
        preset: Preset::RuralUnion.as_str().into(),
        start_date: start,
        settings: Settings::preset(Preset::RuralUnion, start),
        demo: true,
    })?;
    let login = os_login();
    let generated = store.seed_unindexed("contacts", "generator", "create", "demo program", |rows| {
        let mut rng = Rng::new(seed);
        rows.person(
            "coord",
            "Coordinator",
            Role::Coordinator,
            &PersonFields {
                login: Some(login.clone()),
                ..Default::default()
            },
        )?;
        let mentors = (people / 10).max(1);
        let guardians = people / 8;
        let mut keys = Vec::with_capacity(people);
        for i in 0..people {
            let role = if i < mentors {
                Role::Mentor
            } else if i < mentors + guardians {
                Role::Guardian
            } else {
                Role::Mentee
            };
            let fields = PersonFields {
                login: (i < mentors).then(|| format!("m{i}")),
                location: Some(format!("County {}", rng.below(40))),
                job_family: Some(["Teacher", "ESP"][rng.below(2) as usize].into()),
                ..Default::default()
            };
            keys.push(rows.person(&format!("P{i}"), &format!("Person {i}"), role, &fields)?);
        }
        let mentees: Vec<usize> = (mentors + guardians..people).collect();
        let mut assignments = 0;
        for (n, &m) in mentees.iter().enumerate() {
            let mentor = keys[n % mentors];
            if rng.chance(20) {
                let other = keys[(n + 1) % mentors];
                let ended = start + Days::new(200 + rng.below(500));
                let reason = [
                    EndReason::Exhausted,
                    EndReason::Completed,
                    EndReason::LeftOrganization,
                    EndReason::NegativeExperience,
                ][rng.below(4) as usize];
                rows.assignment(other, keys[m], start, Some((ended, reason)))?;
                assignments += 1;
            }
            let began = start + Days::new(rng.below(900));
            rows.assignment(mentor, keys[m], began, None)?;
            assignments += 1;
        }
        let span = (today - start).num_days() as u64;
        let step = (contacts / 100).max(1);
        for i in 0..contacts {
            let n = rng.below(mentees.len().max(1) as u64) as usize;
            let mentor = keys[n % mentors];
            let (with, reach) = if rng.chance(10) && guardians > 0 {
                (
                    keys[mentors + rng.below(guardians as u64) as usize],
                    Reach::Support,
                )
            } else {
                (keys[mentees[n]], Reach::Caseload)
            };
            let day = start + Days::new(rng.below(span + 1));
            let outcome = if rng.chance(45) {
                Outcome::Conversation
            } else {
                *rng.pick(&Outcome::ALL[1..])
            };
            let conversation = outcome == Outcome::Conversation;
            let occurred_at = day.and_time(
                NaiveTime::from_hms_opt(8 + rng.below(11) as u32, 15 * rng.below(4) as u32, 0)
                    .expect("valid time"),
            );
            let submitted_on = (!rng.chance(3)).then(|| (day + Days::new(rng.below(5))).min(today));
            let follow_up_on = (conversation && rng.chance(10)).then(|| day + Days::new(14));
            let method = *rng.pick(Method::ALL);
            let duration_min = conversation.then(|| 10 + 5 * rng.below(8) as u32);
            rows.contact(
                &ContactInput {
                    mentor,
                    person: with,
                    occurred_at,
                    method,
                    outcome,
                    duration_min,
                    support_when: None,
                    support_what: String::new(),
                    notes: rng.pick(NOTES).to_string(),
                    follow_up_on,
                    submitted_on,
                    intervention: None,
                    pillar: None,
                },
                reach,
            )?;
            if i % step == 0 {
                progress(i, contacts);
            }
        }
        progress(contacts, contacts);
        let mut extra = 0;
        let noon = NaiveTime::from_hms_opt(12, 0, 0).expect("valid time");
        for (n, &m) in mentees.iter().enumerate().step_by(7) {
            let mentor = keys[n % mentors];
            let mut values = Values::new();
            values.insert("completed".into(), "yes".into());
            for item in ["progress", "feedback", "successful"] {
                values.insert(item.into(), (1 + rng.below(5)).to_string());
            }
            rows.form(
                "exit-mentor",
                mentor,
                Some(keys[m]),
                &values,
                start.and_time(noon),
            )?;
            let day = today + Days::new(rng.below(30));
            let at = |hour| day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).expect("valid time"));
            rows.meeting(at(16), at(17), mentor, keys[m])?;
            extra += 2;
        }
        Ok(Generated {
            people: people + 1,
            assignments,
            contacts,
            rows: people + 1 + assignments + contacts + extra,
        })
    })?;
    store.analyze()?;
    Ok(generated)
}
