//! AFSCME Mentoring 101 as a program: the preset, its forms, and contacts that record which of
//! Invest, Bridge the Gap and Share Power they served.

mod common;

use common::*;
use crossterm::event::KeyCode;
use mentordesk::domain::pillars::balances;
use mentordesk::domain::records::ContactFilter;
use mentordesk::domain::types::Pillar;
use std::path::{Path, PathBuf};

/// An AFSCME program with one union leader mentoring one activist.
fn afscme(dir: &Path) -> PathBuf {
    let db = dir.join("afscme.db");
    ok(&db, &["init", "--preset", "afscme", "--start", "2026-09-01"]);
    let people = dir.join("people.csv");
    std::fs::write(
        &people,
        "id,name,role,login,organization,position\nM1,Rosa Lind,mentor,rosa,Council 5,President\nA1,Dev Patel,mentee,,Local 2201,Steward\n",
    )
    .unwrap();
    ok(&db, &["import", "people", people.to_str().unwrap()]);
    ok(
        &db,
        &["assign", "--mentor", "M1", "--mentee", "A1", "--on", "2026-09-15"],
    );
    db
}

#[test]
fn init_sets_the_program_up_from_the_seed() {
    let dir = tempfile::tempdir().unwrap();
    let db = afscme(dir.path());
    let settings: serde_json::Value = serde_json::from_str(&ok(&db, &["settings", "show"])).unwrap();
    assert_eq!(settings["pillars"], true);
    assert_eq!(settings["capacity"], 1, "one activist or leader each");
    assert_eq!(settings["time_zone"], "America/New_York");
    let calendar = ok(&db, &["calendar", "--from", "2026-09-01", "--to", "2026-09-30"]);
    assert!(calendar.contains("Mentoring 101 workshop"), "{calendar}");
}

#[test]
fn a_logged_contact_records_its_pillar_and_the_pair_shows_the_balance() {
    let dir = tempfile::tempdir().unwrap();
    let db = afscme(dir.path());
    let log = |at: &str, outcome: &str, pillar: Option<&str>| {
        let mut args = vec![
            "log",
            "--mentor",
            "M1",
            "--person",
            "A1",
            "--method",
            "phone",
            "--outcome",
            outcome,
            "--at",
            at,
        ];
        if let Some(p) = pillar {
            args.extend(["--pillar", p]);
        }
        ok(&db, &args);
    };
    log("2026-10-01T18:00", "conversation", Some("invest"));
    log("2026-10-08T18:00", "conversation", Some("invest"));
    log("2026-10-15T18:00", "conversation", Some("share-power"));
    log("2026-10-20T18:00", "no-answer", Some("bridge-the-gap"));
    log("2026-10-22T18:00", "conversation", None);
    let err = fails(
        &db,
        &[
            "log",
            "--mentor",
            "M1",
            "--person",
            "A1",
            "--method",
            "phone",
            "--outcome",
            "conversation",
            "--pillar",
            "power",
        ],
        2,
    );
    assert!(err.contains("share-power") && err.lines().count() == 1, "{err}");

    let store = session_on(&db, None);
    let contacts = store.contacts(&ContactFilter::default(), None, 100).unwrap();
    let recorded: Vec<Option<Pillar>> = contacts.iter().rev().map(|r| r.contact.input.pillar).collect();
    assert_eq!(
        recorded,
        [
            Some(Pillar::Invest),
            Some(Pillar::Invest),
            Some(Pillar::SharePower),
            Some(Pillar::BridgeTheGap),
            None
        ]
    );
    let (rosa, dev) = (
        store.person_by_id("M1").unwrap().unwrap().key,
        store.person_by_id("A1").unwrap().unwrap().key,
    );
    let balance = balances(contacts.iter().map(|r| &r.contact.input), false)[&(rosa, dev)];
    assert_eq!(balance.summary(), "Invest 2 · Bridge the Gap 0 · Share Power 1");
    assert_eq!(
        balance.forgotten(),
        [Pillar::BridgeTheGap],
        "the unanswered call bridged nothing"
    );

    // Rosa opens Dev from her caseload: the balance, and the pillar not served yet, in words.
    let mut app = app_on(&db, Some("rosa"));
    press(&mut app, KeyCode::Enter);
    let text = screen(&app);
    assert!(
        text.contains("with Rosa Lind: Invest 2 · Bridge the Gap 0 · Share Power 1"),
        "{text}"
    );
    assert!(text.contains("not served yet: Bridge the Gap"), "{text}");
}

#[test]
fn a_program_without_pillars_refuses_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("weac.db");
    ok(&db, &["init", "--preset", "rural-union", "--start", "2026-08-01"]);
    let people = dir.path().join("people.csv");
    std::fs::write(&people, "id,name,role\nM1,Mia Berg,mentor\nL1,Al Co,mentee\n").unwrap();
    ok(&db, &["import", "people", people.to_str().unwrap()]);
    let err = fails(
        &db,
        &[
            "log",
            "--mentor",
            "M1",
            "--person",
            "L1",
            "--method",
            "phone",
            "--outcome",
            "conversation",
            "--pillar",
            "invest",
        ],
        2,
    );
    assert!(err.contains("does not record pillars"), "{err}");
}

#[test]
fn the_contact_form_asks_for_the_pillar_only_where_the_program_records_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = afscme(dir.path());
    let mut app = app_on(&db, Some("rosa"));
    press(&mut app, KeyCode::Char('a'));
    let text = screen(&app);
    assert!(
        text.contains("Pillar served") && text.contains("not recorded"),
        "{text}"
    );
    // The form opens on the notes; then Pillar.
    press(&mut app, KeyCode::Tab);
    for _ in 0..3 {
        press(&mut app, KeyCode::Right);
    }
    assert!(screen(&app).contains("‹ Share Power ›"));
    ctrl(&mut app, 's');
    let rows = app.session.contacts(&ContactFilter::default(), None, 10).unwrap();
    assert_eq!(rows.len(), 1, "{}", screen(&app));
    assert_eq!(rows[0].contact.input.pillar, Some(Pillar::SharePower));

    let weac = demo_app(dir.path(), Some("erin"));
    let mut weac = weac;
    press(&mut weac, KeyCode::Char('a'));
    let text = screen(&weac);
    assert!(
        text.contains("Log a contact") && !text.contains("Pillar"),
        "{text}"
    );
}

#[test]
fn the_forms_screen_lists_the_workshop_and_the_plan_and_no_other_programs_forms() {
    let dir = tempfile::tempdir().unwrap();
    let db = afscme(dir.path());
    let mut app = app_on(&db, Some("rosa"));
    press(&mut app, KeyCode::Char('4'));
    let text = screen(&app);
    for title in [
        "AFSCME Code of Conduct",
        "Union journey timeline",
        "Who was your mentor?",
        "One new idea to take home",
        "Mentoring plan",
    ] {
        assert!(text.contains(title), "{title}: {text}");
    }
    for other in [
        "Check & Connect",
        "Mentorship goals",
        "Exit Form",
        "Monthly Record",
    ] {
        assert!(!text.contains(other), "{other}: {text}");
    }
}

#[test]
fn pillars_import_and_export_where_the_program_records_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = afscme(dir.path());
    let file = dir.path().join("contacts.csv");
    std::fs::write(
        &file,
        "mentor_id,person_id,occurred_at,method,outcome,pillar\nM1,A1,2026-10-01T18:00,in-person,conversation,bridge-the-gap\nM1,A1,2026-10-09T18:00,phone,conversation,\n",
    )
    .unwrap();
    ok(&db, &["import", "contacts", file.to_str().unwrap()]);
    let csv = ok(&db, &["export", "contacts", "--format", "csv"]);
    // Each row after its global id (checked in tests/round_trip.rs).
    let after_id: String = csv
        .lines()
        .map(|l| format!("{}\n", l.split_once(',').unwrap().1))
        .collect();
    assert_eq!(
        after_id,
        "mentor_id,person_id,occurred_at,method,outcome,duration_min,notes,submitted_on,version,pillar\n\
         M1,A1,2026-10-01T18:00,in-person,conversation,,,,1,bridge-the-gap\n\
         M1,A1,2026-10-09T18:00,phone,conversation,,,,1,\n"
    );

    let weac = dir.path().join("weac.db");
    ok(
        &weac,
        &["init", "--preset", "rural-union", "--start", "2026-08-01"],
    );
    let people = dir.path().join("people.csv");
    std::fs::write(&people, "id,name,role\nM1,Mia Berg,mentor\nA1,Al Co,mentee\n").unwrap();
    ok(&weac, &["import", "people", people.to_str().unwrap()]);
    let err = fails(&weac, &["import", "contacts", file.to_str().unwrap()], 2);
    assert!(
        err.contains(":2: column 'pillar': this program does not record pillars"),
        "{err}"
    );
}
