//! A large generated program for benchmarks: people, assignments with history, years of contacts,
//! forms and events, the same for the same seed, written in one transaction.

use super::Rng;
use crate::domain::records::{Assignment, ContactInput, Person, PersonFields, Program};
use crate::domain::settings::{Preset, Settings};
use crate::domain::types::{EndReason, Method, Outcome, Role};
use crate::error::{Error, Result};
use crate::service::contacts::reach_of;
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
    let settings = Settings::preset(Preset::RuralUnion, start);
    store.create_program(&Program {
        name: "Generated program".into(),
        preset: Preset::RuralUnion.as_str().into(),
        start_date: start,
        settings: settings.clone(),
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
        // Everyone as the contact rule sees them, by index.
        let mut everyone = Vec::with_capacity(people);
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
            let (id, name) = (format!("P{i}"), format!("Person {i}"));
            let key = rows.person(&id, &name, role, &fields)?;
            everyone.push(Person {
                key,
                id,
                name,
                role,
                fields,
                active: true,
                version: 1,
            });
        }
        let mentees: Vec<usize> = (mentors + guardians..people).collect();
        // Each mentee's assignments, as the rule reads them.
        let mut pairs: Vec<Vec<Assignment>> = Vec::with_capacity(mentees.len());
        for (n, &m) in mentees.iter().enumerate() {
            let assign = |mentor: usize, started_on: NaiveDate, ended: Option<(NaiveDate, EndReason)>| {
                let (mentor, mentee) = (everyone[mentor].key, everyone[m].key);
                rows.assignment(mentor, mentee, started_on, ended)
                    .map(|key| Assignment {
                        key,
                        mentor,
                        mentee,
                        started_on,
                        ended_on: ended.map(|e| e.0),
                        end_reason: ended.map(|e| e.1),
                        version: 1,
                    })
            };
            let mut of_mentee = Vec::with_capacity(2);
            if rng.chance(20) {
                let ended = start + Days::new(200 + rng.below(500));
                let reason = [
                    EndReason::Exhausted,
                    EndReason::Completed,
                    EndReason::LeftOrganization,
                    EndReason::NegativeExperience,
                ][rng.below(4) as usize];
                of_mentee.push(assign((n + 1) % mentors, start, Some((ended, reason)))?);
            }
            let began = start + Days::new(rng.below(900));
            of_mentee.push(assign(n % mentors, began, None)?);
            pairs.push(of_mentee);
        }
        let assignments = pairs.iter().map(Vec::len).sum();
        let mentor_at: std::collections::HashMap<i64, usize> = everyone[..mentors]
            .iter()
            .enumerate()
            .map(|(i, p)| (p.key, i))
            .collect();
        // Each guardian is linked to one student, whose mentors may reach them.
        let student_of = |g: usize| (g - mentors) % mentees.len().max(1);
        for g in mentors..mentors + guardians {
            rows.link(everyone[g].key, everyone[mentees[student_of(g)]].key)?;
        }
        let step = (contacts / 100).max(1);
        for i in 0..contacts {
            let (with, n) = if rng.chance(10) && guardians > 0 {
                let g = mentors + rng.below(guardians as u64) as usize;
                (g, student_of(g))
            } else {
                let n = rng.below(mentees.len().max(1) as u64) as usize;
                (mentees[n], n)
            };
            // A day while one of the student's assignments ran, with that assignment's mentor.
            let pair = rng.pick(&pairs[n]);
            let last = pair.ended_on.unwrap_or(today);
            let day = pair.started_on + Days::new(rng.below((last - pair.started_on).num_days() as u64 + 1));
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
            let contact = ContactInput {
                mentor: pair.mentor,
                person: everyone[with].key,
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
            };
            // The rule every contact typed or imported passes: the generator writes no other.
            let mentor = &everyone[mentor_at[&pair.mentor]];
            let person = &everyone[with];
            let (own, linked): (&[Assignment], &[Assignment]) = match person.role {
                Role::Mentee => (&pairs[n], &[]),
                _ => (&[], &pairs[n]),
            };
            let reach = reach_of(&settings, today, &contact, mentor, person, own, linked)
                .map_err(|e| Error::Failed(format!("the generator made a contact the rules refuse: {e}")))?;
            rows.contact(&contact, reach)?;
            if i % step == 0 {
                progress(i, contacts);
            }
        }
        progress(contacts, contacts);
        let mut extra = 0;
        // Meetings; no filed forms: the WEAC program it is files none of the catalog's.
        for (n, &m) in mentees.iter().enumerate().step_by(7) {
            let mentor = everyone[n % mentors].key;
            let day = today + Days::new(rng.below(30));
            let at = |hour| day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).expect("valid time"));
            rows.meeting(at(16), at(17), mentor, everyone[m].key)?;
            extra += 1;
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
