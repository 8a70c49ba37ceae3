//! A large generated program for benchmarks: people, assignments with history, years of contacts,
//! forms and events, the same for the same seed, written in one transaction.

use super::Rng;
use crate::domain::records::{PersonFields, Program};
use crate::domain::settings::{Preset, Settings};
use crate::domain::types::{Method, Outcome, Role};
use crate::error::Result;
use crate::session::os_login;
use crate::store::{Store, upsert_person};
use chrono::{Days, Months, NaiveDate};
use rusqlite::params;

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

/// Writes a program of `people` people and `contacts` contacts over five years before `today`.
/// `progress(done, total)` is called now and then while contacts are written.
pub fn generate(
    store: &mut Store,
    people: usize,
    contacts: usize,
    seed: u64,
    today: NaiveDate,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Generated> {
    let start = today - Months::new(60);
    store.create_program(&Program {
        name: "Generated program".into(),
        preset: Preset::RuralUnion.as_str().into(),
        start_date: start,
        settings: Settings::preset(Preset::RuralUnion, start),
        demo: true,
    })?;
    let login = os_login();
    store.write(|tx| {
        let mut rng = Rng::new(seed);
        upsert_person(
            tx,
            "coord",
            "Coordinator",
            Role::Coordinator,
            &PersonFields { login: Some(login.clone()), ..Default::default() },
        )?;
        let mentors = (people / 10).max(1);
        let guardians = people / 8;
        let mut person = tx.prepare_cached(
            "INSERT INTO people (id, name, role, login, location, job_family) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING key",
        )?;
        let mut keys = Vec::with_capacity(people);
        for i in 0..people {
            let role = if i < mentors {
                "mentor"
            } else if i < mentors + guardians {
                "guardian"
            } else {
                "mentee"
            };
            let login = (i < mentors).then(|| format!("m{i}"));
            let location = format!("County {}", rng.below(40));
            let family = ["Teacher", "ESP"][rng.below(2) as usize];
            keys.push(person.query_row(params![format!("P{i}"), format!("Person {i}"), role, login, location, family], |r| {
                r.get::<_, i64>(0)
            })?);
        }
        let mentees: Vec<usize> = (mentors + guardians..people).collect();
        let mut assign = tx.prepare_cached(
            "INSERT INTO assignments (mentor, mentee, started_on, ended_on, end_reason) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut assignments = 0;
        for (n, &m) in mentees.iter().enumerate() {
            let mentor = keys[n % mentors];
            if rng.chance(20) {
                let other = keys[(n + 1) % mentors];
                let ended = start + Days::new(200 + rng.below(500));
                let reason = ["exhausted", "completed", "left-organization", "negative-experience"][rng.below(4) as usize];
                assign.execute(params![other, keys[m], start.to_string(), ended.to_string(), reason])?;
                assignments += 1;
            }
            let began = start + Days::new(rng.below(900));
            assign.execute(params![mentor, keys[m], began.to_string(), None::<String>, None::<String>])?;
            assignments += 1;
        }
        let mut contact = tx.prepare_cached(
            "INSERT INTO contacts (mentor, person, occurred_at, method, outcome, duration_min, notes, follow_up_on,
             submitted_on, created_by, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'generator', ?10, ?10)",
        )?;
        let span = (today - start).num_days() as u64;
        let step = (contacts / 100).max(1);
        for i in 0..contacts {
            let n = rng.below(mentees.len().max(1) as u64) as usize;
            let mentor = keys[n % mentors];
            let with = if rng.chance(10) && guardians > 0 { keys[mentors + rng.below(guardians as u64) as usize] } else { keys[mentees[n]] };
            let day = start + Days::new(rng.below(span + 1));
            let outcome = if rng.chance(45) { Outcome::Conversation } else { *rng.pick(&Outcome::ALL[1..]) };
            let conversation = outcome == Outcome::Conversation;
            let at = format!("{day}T{:02}:{:02}", 8 + rng.below(11), 15 * rng.below(4));
            let submitted = (!rng.chance(3)).then(|| (day + Days::new(rng.below(5))).min(today).to_string());
            let follow = (conversation && rng.chance(10)).then(|| (day + Days::new(14)).to_string());
            contact.execute(params![
                mentor,
                with,
                at,
                rng.pick(Method::ALL).as_str(),
                outcome.as_str(),
                conversation.then(|| 10 + 5 * rng.below(8)),
                *rng.pick(NOTES),
                follow,
                submitted,
                at
            ])?;
            if i % step == 0 {
                progress(i, contacts);
            }
        }
        progress(contacts, contacts);
        let mut form = tx.prepare_cached(
            "INSERT INTO form_submissions (form, author, about, status, data, created_at, updated_at, submitted_at)
             VALUES ('exit-mentor', ?1, ?2, 'submitted', ?3, ?4, ?4, ?4)",
        )?;
        let mut event = tx.prepare_cached(
            "INSERT INTO events (kind, title, starts_at, ends_at, organizer, person) VALUES ('meeting', 'Meeting', ?1, ?2, ?3, ?4)",
        )?;
        let mut extra = 0;
        for (n, &m) in mentees.iter().enumerate().step_by(7) {
            let mentor = keys[n % mentors];
            let data = format!(r#"{{"completed":"yes","progress":"{}","feedback":"{}","successful":"{}"}}"#, 1 + rng.below(5), 1 + rng.below(5), 1 + rng.below(5));
            form.execute(params![mentor, keys[m], data, format!("{start}T12:00:00")])?;
            let day = today + Days::new(rng.below(30));
            event.execute(params![format!("{day}T16:00"), format!("{day}T17:00"), mentor, keys[m]])?;
            extra += 2;
        }
        tx.execute_batch("ANALYZE")?;
        Ok(Generated { people: people + 1, assignments, contacts, rows: people + 1 + assignments + contacts + extra })
    })
}
