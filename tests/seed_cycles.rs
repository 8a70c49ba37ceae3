//! Every seed program end to end: set up from its preset, then its cycle through the CLI and
//! the screens: people, an assignment, contacts, the program's own forms, its calendar,
//! overdue paperwork, the end of the match with evaluation, and the archive.

mod common;

use common::{app_on, ok, press, screen, screen_of_size, session_on};
use crossterm::event::KeyCode;
use mentordesk::domain::forms::{self, Values};
use serde_json::Value;
use std::path::{Path, PathBuf};

struct Seed {
    preset: &'static str,
    /// Extra `log` arguments the program asks for.
    log: &'static [&'static str],
    /// A title the program's calendar has in its first year.
    calendar: &'static str,
    /// The kinds of overdue paperwork the one contact and the match leave on Nov 23.
    overdue: &'static [&'static str],
    /// A form of the program filed by the mentor about the mentee.
    form: Option<ProgramForm>,
    /// Titles on the Forms screen: one of the program's own, one of another program's.
    own_form: &'static str,
    foreign_form: &'static str,
    /// The exit forms the program files when a match ends.
    exits: &'static [&'static str],
}

struct ProgramForm {
    id: &'static str,
    answers: &'static [(&'static str, &'static str)],
    /// The overdue kinds left once it is filed.
    overdue_left: &'static [&'static str],
}

const PEOPLE: &str = "id,name,role,login,years_experience,student_id\n\
    M1,Mia Berg,mentor,mia,5,\n\
    L1,Lee Al,mentee,,1,\n\
    G1,Al (guardian),guardian,,,L1\n";

fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, args)).unwrap()
}

fn overdue_kinds(db: &Path) -> Vec<String> {
    let mut kinds: Vec<String> = json(db, &["overdue", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap().to_string())
        .collect();
    kinds.sort();
    kinds
}

fn values(pairs: &[(&str, &str)]) -> Values {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn cycle(dir: &Path, seed: &Seed) {
    let db: PathBuf = dir.join(format!("{}.db", seed.preset));
    ok(&db, &["init", "--preset", seed.preset, "--start", "2026-08-01"]);
    let people = dir.join("people.csv");
    std::fs::write(&people, PEOPLE).unwrap();
    ok(&db, &["import", "people", people.to_str().unwrap()]);
    ok(
        &db,
        &["assign", "--mentor", "M1", "--mentee", "L1", "--on", "2026-09-01"],
    );

    // Contacts: a conversation in October, reported late or not at all.
    let mut log = vec![
        "log",
        "--mentor",
        "M1",
        "--person",
        "L1",
        "--method",
        "phone",
        "--outcome",
        "conversation",
        "--at",
        "2026-10-05T16:00",
    ];
    log.extend(seed.log);
    ok(&db, &log);
    let quota = json(&db, &["quota", "--month", "2026-10", "--json"]);
    assert_eq!(quota[0]["count"], 1, "{}: {quota}", seed.preset);

    // The screens, as the coordinator and as the mentor. This process keeps one connection open
    // at a time: opening a second one closes a handle on the file, which drops the first one's
    // locks while the CLI processes write.
    let mut coordinator = app_on(&db, None);
    for key in ['1', '2', '3', '4', '5'] {
        press(&mut coordinator, KeyCode::Char(key));
        assert!(!screen(&coordinator).is_empty());
    }
    drop(coordinator);
    let mut mia = app_on(&db, Some("mia"));
    assert!(screen(&mia).contains("Lee Al"), "{}: caseload", seed.preset);
    press(&mut mia, KeyCode::Char('4'));
    // Wide, so that long form titles show whole.
    let forms_screen = screen_of_size(&mia, 160, 40);
    assert!(
        forms_screen.contains(seed.own_form),
        "{}: {forms_screen}",
        seed.preset
    );
    assert!(
        !forms_screen.contains(seed.foreign_form),
        "{}: {forms_screen}",
        seed.preset
    );
    press(&mut mia, KeyCode::Char('3'));
    assert!(!screen(&mia).is_empty());
    drop(mia);

    // The calendar of the program year.
    let calendar = ok(&db, &["calendar", "--from", "2026-08-01", "--to", "2027-07-31"]);
    assert!(calendar.contains(seed.calendar), "{}: {calendar}", seed.preset);
    let ics = ok(
        &db,
        &["calendar", "--from", "2026-08-01", "--to", "2027-07-31", "--ics"],
    );
    assert!(
        ics.contains(&format!("SUMMARY:{}", seed.calendar)),
        "{}: {ics}",
        seed.preset
    );
    assert_eq!(
        ics.contains("TZID="),
        ics.contains("BEGIN:VTIMEZONE"),
        "{}: a zone named is a zone described: {ics}",
        seed.preset
    );

    // Overdue paperwork, and a form of the program that settles some.
    assert_eq!(overdue_kinds(&db), seed.overdue, "{}", seed.preset);
    let mia = || session_on(&db, Some("mia"));
    let lee = mia().person_by_id("L1").unwrap().unwrap();
    if let Some(form) = &seed.form {
        let def = forms::find(form.id).unwrap();
        mia()
            .file_form(def, Some(lee.key), &values(form.answers), None)
            .unwrap();
        assert_eq!(
            overdue_kinds(&db),
            form.overdue_left,
            "{}: after {}",
            seed.preset,
            form.id
        );
    }

    // The match ends; exit forms; evaluation and the archive.
    ok(
        &db,
        &[
            "unassign",
            "--mentor",
            "M1",
            "--mentee",
            "L1",
            "--reason",
            "completed",
            "--on",
            "2026-11-20",
        ],
    );
    for exit in seed.exits {
        let def = forms::find(exit).unwrap();
        let answers = values(&[
            ("completed", "yes"),
            ("successful", "5"),
            ("signature", "Mia Berg"),
        ]);
        mia().file_form(def, Some(lee.key), &answers, None).unwrap();
    }
    let evaluation = json(&db, &["evaluate", "--json"]);
    assert_eq!(evaluation["completed"], 1, "{}", seed.preset);
    if seed.exits.contains(&"exit-mentor") {
        assert_eq!(
            evaluation["exit_completion"]["exit-mentor"],
            serde_json::json!([1, 1])
        );
    }
    let archive = json(&db, &["export", "archive"]);
    assert!(archive["attendance"].is_array(), "{}", seed.preset);
    let exits_archived = archive["exit_forms"].as_array().map_or(0, Vec::len);
    assert_eq!(exits_archived, seed.exits.len(), "{}: {archive}", seed.preset);
    let mut coordinator = app_on(&db, None);
    press(&mut coordinator, KeyCode::Char('5'));
    press(&mut coordinator, KeyCode::Char('e'));
    assert!(screen(&coordinator).contains("ompleted"), "{}", seed.preset);
}

#[test]
fn weac_rural_schools_mentor_team() {
    let dir = tempfile::tempdir().unwrap();
    cycle(
        dir.path(),
        &Seed {
            preset: "rural-union",
            log: &[],
            calendar: "Mentor check-in",
            overdue: &["report"],
            form: None,
            own_form: "Contact reports",
            foreign_form: "Mentorship goals",
            exits: &[],
        },
    );
}

#[test]
fn afscme_mentoring_101() {
    let dir = tempfile::tempdir().unwrap();
    cycle(
        dir.path(),
        &Seed {
            preset: "afscme",
            log: &["--pillar", "share-power"],
            calendar: "Mentoring 101 workshop",
            overdue: &[],
            form: Some(ProgramForm {
                id: "mentoring-plan",
                answers: &[("mentee", "L1"), ("why", "New steward"), ("first_step", "Coffee")],
                overdue_left: &[],
            }),
            own_form: "Mentoring plan",
            foreign_form: "Monthly Record",
            exits: &[],
        },
    );
}

#[test]
fn wvls_library_mentoring() {
    let dir = tempfile::tempdir().unwrap();
    cycle(
        dir.path(),
        &Seed {
            preset: "library",
            log: &[],
            calendar: "First in-person meeting with Lee Al",
            overdue: &["first-meeting", "goals"],
            form: Some(ProgramForm {
                id: "library-goals",
                answers: &[
                    ("mentee", "L1"),
                    ("short_term", "Budget"),
                    ("long_term", "Plan"),
                    ("shared_on", "2026-11-23"),
                ],
                overdue_left: &["first-meeting"],
            }),
            own_form: "Mentorship goals",
            foreign_form: "Monthly Record",
            exits: &[],
        },
    );
}

#[test]
fn nea_esp_mentoring() {
    let dir = tempfile::tempdir().unwrap();
    cycle(
        dir.path(),
        &Seed {
            preset: "esp",
            log: &[],
            calendar: "Mentor Program Monthly Record due",
            overdue: &["monthly-record", "monthly-record"],
            form: Some(ProgramForm {
                id: "monthly-record",
                answers: &[("month", "Sept."), ("mentees", "Lee Al")],
                overdue_left: &["monthly-record"],
            }),
            own_form: "Mentor Program Monthly",
            foreign_form: "Mentorship goals",
            exits: &["exit-mentor", "exit-mentee"],
        },
    );
}

#[test]
fn wcsd_check_and_connect() {
    let dir = tempfile::tempdir().unwrap();
    cycle(
        dir.path(),
        &Seed {
            preset: "check-connect",
            log: &[],
            calendar: "Weekly monitoring",
            overdue: &[],
            form: None,
            own_form: "monitoring",
            foreign_form: "Mentorship goals",
            exits: &[],
        },
    );
    // The guardian is linked to Lee: Mia reached the family while Lee was hers.
    let db = dir.path().join("check-connect.db");
    ok(
        &db,
        &[
            "log",
            "--mentor",
            "M1",
            "--person",
            "G1",
            "--method",
            "phone",
            "--outcome",
            "conversation",
            "--at",
            "2026-10-06T17:00",
        ],
    );
}

#[test]
fn every_demo_opens_populated() {
    let dir = tempfile::tempdir().unwrap();
    for (demo, program) in [
        ("rural-union", "WEAC Rural Schools"),
        ("check-connect", "Check & Connect"),
        ("library", "WVLS Mentoring"),
        ("esp", "NEA ESP Mentoring"),
        ("afscme", "AFSCME Mentoring 101"),
    ] {
        let db = dir.path().join(format!("{demo}.db"));
        let quota: Value = serde_json::from_slice(
            &std::process::Command::new(env!("CARGO_BIN_EXE_mentordesk"))
                .arg(format!("--demo={demo}"))
                .arg("--db")
                .arg(&db)
                .args(["--today", "2026-11-23", "quota", "--json"])
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap();
        let mentors = quota.as_array().unwrap();
        assert!(mentors.len() >= 4, "{demo}: {quota}");
        assert!(
            mentors.iter().any(|m| m["count"].as_u64() > Some(0)),
            "{demo}: {quota}"
        );
        let contacts = ok(&db, &["export", "contacts"]);
        assert!(contacts.lines().count() > 10, "{demo}");
        let mut app = app_on(&db, None);
        press(&mut app, KeyCode::Char('5'));
        // Wide, so that the program's name in the status line shows whole.
        let program_screen = screen_of_size(&app, 200, 40);
        assert!(program_screen.contains(program), "{demo}: {program_screen}");
        assert!(program_screen.contains(" of "), "{demo}: {program_screen}");
    }
}
