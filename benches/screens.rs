//! Screen data loads on a large program: `cargo bench --bench screens [-- PEOPLE CONTACTS]`.
//! Prints numbers; asserts nothing. Defaults: 10,000 people and 1,000,000 contacts.

use chrono::{Days, NaiveDate};
use mentordesk::demo::Rng;
use mentordesk::domain::YearMonth;
use mentordesk::domain::records::{PersonFields, Program};
use mentordesk::domain::settings::{Preset, Settings};
use mentordesk::domain::types::{Method, Outcome, Role};
use mentordesk::session::{Session, os_login};
use mentordesk::store::{ContactFilter, Store};
use mentordesk::views;
use std::time::{Duration, Instant};

fn generate(path: &std::path::Path, people: usize, contacts: usize, today: NaiveDate) {
    let start = NaiveDate::from_ymd_opt(2021, 8, 1).unwrap();
    let mut store = Store::open(path, 0o600).unwrap();
    store
        .create_program(&Program {
            name: "Bench".into(),
            preset: "rural-union".into(),
            start_date: start,
            settings: Settings::preset(Preset::RuralUnion, start),
            demo: true,
        })
        .unwrap();
    store
        .add_person(
            "coord",
            "Coordinator",
            Role::Coordinator,
            &PersonFields {
                login: Some(os_login()),
                ..Default::default()
            },
        )
        .unwrap();
    let mentors = people / 10;
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; BEGIN")
        .unwrap();
    let mut rng = Rng::new(7);
    {
        let mut person = conn
            .prepare("INSERT INTO people (id, name, role, login) VALUES (?1, ?2, ?3, ?4) RETURNING key")
            .unwrap();
        let mut assign = conn
            .prepare("INSERT INTO assignments (mentor, mentee, started_on) VALUES (?1, ?2, ?3)")
            .unwrap();
        let mut keys = Vec::new();
        for i in 0..people {
            let mentor = i < mentors;
            let role = if mentor { "mentor" } else { "mentee" };
            let login = mentor.then(|| format!("m{i}"));
            let key: i64 = person
                .query_row(
                    rusqlite::params![format!("P{i}"), format!("Person {i}"), role, login],
                    |r| r.get(0),
                )
                .unwrap();
            keys.push(key);
            if !mentor {
                assign
                    .execute(rusqlite::params![keys[i % mentors], key, start.to_string()])
                    .unwrap();
            }
        }
        let mut contact = conn
            .prepare(
                "INSERT INTO contacts (mentor, person, occurred_at, method, outcome, submitted_on, created_by,
                 created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'bench', '', '')",
            )
            .unwrap();
        let span = (today - start).num_days() as u64;
        for _ in 0..contacts {
            let mentee = mentors + rng.below((people - mentors) as u64) as usize;
            let mentor = keys[mentee % mentors];
            let day = start + Days::new(rng.below(span + 1));
            let outcome = if rng.chance(45) {
                Outcome::Conversation
            } else {
                *rng.pick(&Outcome::ALL[1..])
            };
            let submitted = (!rng.chance(3)).then(|| day.to_string());
            contact
                .execute(rusqlite::params![
                    mentor,
                    keys[mentee],
                    format!("{day}T{:02}:{:02}", 8 + rng.below(10), rng.below(60)),
                    rng.pick(Method::ALL).as_str(),
                    outcome.as_str(),
                    submitted
                ])
                .unwrap();
        }
    }
    conn.execute_batch("COMMIT; ANALYZE;").unwrap();
}

fn time<T>(label: &str, runs: u32, mut f: impl FnMut() -> T) {
    let mut best = Duration::MAX;
    let mut total = Duration::ZERO;
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(f());
        let took = t.elapsed();
        best = best.min(took);
        total += took;
    }
    println!(
        "{label:<40} best {:>8.2} ms   mean {:>8.2} ms",
        ms(best),
        ms(total / runs)
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let people = args.first().copied().unwrap_or(10_000);
    let contacts = args.get(1).copied().unwrap_or(1_000_000);
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let dir = std::env::temp_dir().join(format!("mentordesk-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bench.db");
    let t = Instant::now();
    generate(&path, people, contacts, today);
    let took = t.elapsed();
    println!(
        "generated {people} people, {contacts} contacts in {:.1} s ({:.0} rows/s)",
        took.as_secs_f64(),
        (people + contacts) as f64 / took.as_secs_f64()
    );
    let store = Store::open(&path, 0o600).unwrap();
    let session = Session::open(store, &os_login(), None, today).unwrap();
    let month = YearMonth::of(today);
    let mentor = session.store.person_by_id("P3").unwrap().unwrap();
    let runs = 10;
    time("caseload (one mentor)", runs, || {
        views::caseload(&session, mentor.key, month).unwrap()
    });
    time("quota header (one mentor)", runs, || {
        views::mentor_standing(&session, mentor.key, month).unwrap()
    });
    time("mentors table (all mentors)", runs, || {
        views::mentor_table(&session, month).unwrap()
    });
    time("overdue reports (all)", runs, || {
        session
            .store
            .overdue_reports(chrono::Weekday::Thu, today, None)
            .unwrap()
    });
    time("contacts, first page of 200", runs, || {
        session
            .store
            .contacts(&ContactFilter::default(), None, 200)
            .unwrap()
    });
    time("contacts, one mentor's first page", runs, || {
        let filter = ContactFilter {
            mentor: Some(mentor.key),
            ..Default::default()
        };
        session.store.contacts(&filter, None, 200).unwrap()
    });
    drop(session);
    let _ = std::fs::remove_dir_all(&dir);
}
