//! Issue 25: each seed's own model, pinned against a hand count from the seed's rules.
//!
//! WCSD Check & Connect: "the mentor will promote student engagement as measured by the
//! following areas": academic (time on task, credits, homework completion), behavioral
//! (attendance, suspensions, class participation, extracurriculars), cognitive (self-regulation,
//! relevance) and affective (belonging, relationships); "maintain daily awareness and
//! documentation of the levels of engagement for each student on their caseload".
//!
//! The union programs' models (AFSCME's plans, WEAC's mentors who need people) are in
//! `tests/seed_models_unions.rs`.

mod common;

use common::{app_on, fails, ok, press, screen_of_size, session_on};
use crossterm::event::KeyCode;
use mentordesk::domain::engagement::{Area, Direction};
use std::path::{Path, PathBuf};

const HEADER: &str = "student_id,month,absences,tardies,skips,days_enrolled,referrals,detentions,in_school_suspensions,out_of_school_suspension_days,ds,fs,credits_earned,credits_possible,homework_done,homework_assigned,extracurriculars,time_on_task,participation,self_regulation,relevance,belonging,relationships";

fn check_connect(dir: &Path) -> PathBuf {
    let db = dir.join("cc.db");
    ok(
        &db,
        &["init", "--preset", "check-connect", "--start", "2026-08-15"],
    );
    let people = dir.join("people.csv");
    std::fs::write(
        &people,
        "id,name,role,login\nM1,Mia Berg,mentor,mia\nM2,Noa Hart,mentor,noa\nS1,Sam Ode,mentee,\nS2,Tia Lee,mentee,\n",
    )
    .unwrap();
    ok(&db, &["import", "people", people.to_str().unwrap()]);
    ok(&db, &["assign", "--mentor", "M1", "--mentee", "S1"]);
    ok(&db, &["assign", "--mentor", "M2", "--mentee", "S2"]);
    db
}

#[test]
fn check_connect_records_all_four_areas_monthly_and_daily() {
    let dir = tempfile::tempdir().unwrap();
    let db = check_connect(dir.path());
    let file = dir.path().join("e.csv");
    // October: on task 3, participation 2, self-regulation 3, relevance 3, belonging 2,
    // relationships 4. November: 4, 2, 2, 2, 4, 4; homework 9 of 10, 3 extracurriculars.
    std::fs::write(
        &file,
        format!(
            "{HEADER}\nS1,2026-10,0,0,0,20,0,0,0,0,0,0,,,6,10,1,3,2,3,3,2,4\nS1,2026-11,0,0,0,16,0,0,0,0,0,0,,,9,10,3,4,2,2,2,4,4\n"
        ),
    )
    .unwrap();
    ok(&db, &["import", "engagement", file.to_str().unwrap()]);
    // The old header, without the new columns, still imports: they are unknown.
    let old = dir.path().join("old.csv");
    std::fs::write(
        &old,
        format!(
            "{}\nS2,2026-11,1,,,,,,,,,,,\n",
            &HEADER[..HEADER.find(",homework_done").unwrap()]
        ),
    )
    .unwrap();
    ok(&db, &["import", "engagement", old.to_str().unwrap()]);

    assert_eq!(
        ok(
            &db,
            &[
                "--as",
                "mia",
                "daily",
                "--student",
                "S1",
                "--day",
                "2026-11-20",
                "--academic",
                "5",
                "--affective",
                "5",
                "--note",
                "Joined the robotics club"
            ]
        ),
        "daily line for S1 on 2026-11-20: academic 5, affective 5\n"
    );
    ok(
        &db,
        &[
            "--as",
            "mia",
            "daily",
            "--student",
            "S1",
            "--academic",
            "3",
            "--cognitive",
            "2",
        ],
    );

    // November by hand: academic (4 + 5 + 3) / 3 = 4, up from 3; behavioral 2 as in October;
    // cognitive (2 + 2 + 2) / 3 = 2, down from (3 + 3) / 2; affective (4 + 4 + 5) / 3 = 4.3,
    // up from (2 + 4) / 2 = 3.
    let session = session_on(&db, Some("mia"));
    let nov = "2026-11".parse().unwrap();
    let mia = session.person_by_id("M1").unwrap().unwrap().key;
    let rows = mentordesk::service::caseload::caseload(&session, mia, nov).unwrap();
    let areas = rows[0].risk.as_ref().unwrap().areas;
    let shown: Vec<(Area, String, Option<Direction>)> = areas
        .iter()
        .map(|t| (t.area, t.now.unwrap().label(), t.direction))
        .collect();
    assert_eq!(
        shown,
        [
            (Area::Academic, "4".into(), Some(Direction::Up)),
            (Area::Behavioral, "2".into(), Some(Direction::Same)),
            (Area::Cognitive, "2".into(), Some(Direction::Down)),
            (Area::Affective, "4.3".into(), Some(Direction::Up)),
        ]
    );
    let s1 = session.person_by_id("S1").unwrap().unwrap().key;
    let history = session.engagement_history(s1).unwrap();
    let (month, e) = history[0];
    assert_eq!(month, nov);
    assert_eq!(
        (e.homework_done, e.homework_assigned, e.extracurriculars),
        (Some(9), Some(10), Some(3))
    );
    let s2 = session.person_by_id("S2").unwrap().unwrap().key;
    let tia = session.engagement_history(s2).unwrap();
    assert_eq!((tia[0].1.absences, tia[0].1.homework_done), (Some(1), None));
    assert!(Area::ALL.iter().all(|&a| tia[0].1.area(a).is_none()));
    drop(session);

    // A second line the same day replaces the first: academic (4 + 5 + 1) / 3 = 3.3.
    ok(
        &db,
        &["--as", "mia", "daily", "--student", "S1", "--academic", "1"],
    );
    let session = session_on(&db, Some("mia"));
    let e = session.engagement_history(s1).unwrap()[0].1;
    assert_eq!(e.area(Area::Academic).unwrap().label(), "3.3");
    assert_eq!(
        e.area(Area::Cognitive).unwrap().label(),
        "2",
        "the replaced line's cognitive 2 is gone, (2 + 2) / 2"
    );
    let lines = session.daily_lines(s1, 10).unwrap();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1].note, "Joined the robotics club");
    drop(session);

    // Refused with one line: a future day, a rating out of 1–5, nothing at all, another
    // mentor's student, a program that does not monitor engagement.
    fails(
        &db,
        &[
            "--as",
            "mia",
            "daily",
            "--student",
            "S1",
            "--day",
            "2026-11-24",
            "--academic",
            "3",
        ],
        2,
    );
    fails(
        &db,
        &["--as", "mia", "daily", "--student", "S1", "--academic", "6"],
        2,
    );
    fails(&db, &["--as", "mia", "daily", "--student", "S1"], 2);
    fails(
        &db,
        &["--as", "mia", "daily", "--student", "S2", "--academic", "3"],
        3,
    );
    let union = dir.path().join("union.db");
    ok(
        &union,
        &["init", "--preset", "rural-union", "--start", "2026-08-15"],
    );
    let people = dir.path().join("union.csv");
    std::fs::write(&people, "id,name,role,login\nL1,Lee Park,mentee,\n").unwrap();
    ok(&union, &["import", "people", people.to_str().unwrap()]);
    fails(&union, &["daily", "--student", "L1", "--academic", "3"], 2);
}

#[test]
fn check_connect_caseload_and_history_show_the_areas_and_d_writes_a_daily_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = check_connect(dir.path());
    let file = dir.path().join("e.csv");
    std::fs::write(
        &file,
        format!(
            "{HEADER}\nS1,2026-10,0,0,0,20,0,0,0,0,0,0,,,6,10,1,3,2,3,3,2,4\nS1,2026-11,0,0,0,16,0,0,0,0,0,0,,,9,10,3,4,2,2,2,4,4\n"
        ),
    )
    .unwrap();
    ok(&db, &["import", "engagement", file.to_str().unwrap()]);
    let mut mia = app_on(&db, Some("mia"));
    let caseload = screen_of_size(&mia, 100, 24);
    assert!(caseload.contains("Ac4↑ Be2= Co2↓ Af4↑"), "{caseload}");

    // `d` opens today's daily line about the selected student, on its first rating.
    press(&mut mia, KeyCode::Char('d'));
    press(&mut mia, KeyCode::Char('2'));
    press(&mut mia, KeyCode::Tab);
    press(&mut mia, KeyCode::Char('4'));
    common::ctrl(&mut mia, 's');
    let filed = screen_of_size(&mia, 100, 24);
    assert!(filed.contains("Filed the Check & Connect daily line"), "{filed}");
    let session = session_on(&db, Some("mia"));
    let s1 = session.person_by_id("S1").unwrap().unwrap().key;
    let line = &session.daily_lines(s1, 1).unwrap()[0];
    assert_eq!(line.day.to_string(), "2026-11-23");
    assert_eq!(
        (
            line.entry.rating("academic").map(|r| r.label()),
            line.entry.rating("behavioral").map(|r| r.label())
        ),
        (Some("2".into()), Some("4".into()))
    );

    // The history: November academic (4 + 2) / 2 = 3 (same as October), behavioral
    // (2 + 4) / 2 = 3 (up from 2).
    press(&mut mia, KeyCode::Enter);
    let history = screen_of_size(&mia, 120, 60);
    for want in [
        "academic 3 = · time on task 4 · homework 9 of 10",
        "behavioral 3 ↑ · class participation 2 · extracurriculars 3",
        "cognitive 2 ↓ · self-regulation 2 · relevance 2",
        "affective 4 ↑ · belonging 4 · relationships 4",
        "academic 3 · time on task 3 · homework 6 of 10",
        "Daily lines (latest first)",
        "academic 2 · behavioral 4",
    ] {
        assert!(history.contains(want), "{want}: {history}");
    }
}

/// The risk lines are the Check & Connect model's, not the seed's: the screens say so, and a
/// coordinator changes each in its own field of the settings.
#[test]
fn check_connect_risk_lines_say_where_they_come_from_and_change_in_settings() {
    let dir = tempfile::tempdir().unwrap();
    let db = check_connect(dir.path());
    let file = dir.path().join("e.csv");
    // Five tardies: at the model's line of 5.
    std::fs::write(&file, format!("{HEADER}\nS1,2026-11,,5,,,,,,,,,,,,,,,,,,,\n")).unwrap();
    ok(&db, &["import", "engagement", file.to_str().unwrap()]);
    let risk = ok(&db, &["risk", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&risk).unwrap();
    assert_eq!(rows[0]["triggers"], serde_json::json!(["tardies"]), "{risk}");

    let mut coordinator = app_on(&db, None);
    press(&mut coordinator, KeyCode::Char('5'));
    press(&mut coordinator, KeyCode::Char('a'));
    let alerts = screen_of_size(&coordinator, 80, 24);
    assert!(
        alerts.contains("risk lines: the Check & Connect model's, not the seed's · edit: People → S"),
        "{alerts}"
    );
    press(&mut coordinator, KeyCode::Char('6'));
    press(&mut coordinator, KeyCode::Char('S'));
    for c in "risk".chars() {
        press(&mut coordinator, KeyCode::Char(c));
    }
    press(&mut coordinator, KeyCode::Enter);
    let form = screen_of_size(&coordinator, 100, 40);
    assert!(form.contains("Check & Connect risk lines"), "{form}");
    assert!(form.contains("not the seed's"), "{form}");
    // absences, absences_percent, then tardies: 5 becomes 6.
    press(&mut coordinator, KeyCode::Tab);
    press(&mut coordinator, KeyCode::Tab);
    press(&mut coordinator, KeyCode::Backspace);
    press(&mut coordinator, KeyCode::Char('6'));
    common::ctrl(&mut coordinator, 's');
    let saved = screen_of_size(&coordinator, 100, 40);
    assert!(saved.contains("Risk lines saved"), "{saved}");

    let risk = ok(&db, &["risk", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&risk).unwrap();
    assert_eq!(rows[0]["level"], "low", "5 tardies are under 6: {risk}");
    let settings = ok(&db, &["settings", "show"]);
    let settings: serde_json::Value = serde_json::from_str(&settings).unwrap();
    assert_eq!(settings["risk"]["tardies"], 6, "{settings}");
    assert_eq!(settings["risk"]["skips"], 3, "the other lines stay the model's");
    let audit = ok(&db, &["audit"]);
    assert!(audit.contains("settings"), "{audit}");
    press(&mut coordinator, KeyCode::Char('5'));
    press(&mut coordinator, KeyCode::Char('a'));
    let alerts = screen_of_size(&coordinator, 80, 24);
    assert!(
        alerts.contains("risk lines: this program's own (the model's, changed)"),
        "{alerts}"
    );

    // A share over 100% is refused with one line, on the command line too.
    fails(
        &db,
        &["settings", "set", "risk", r#"{"tardies_percent": 101}"#],
        2,
    );
}

/// Check & Connect: the quota counts the students seen; guardians, staff and providers are
/// shown apart. By hand: Mia talks with her student Sam twice and with his guardian and his
/// counselor; she leaves the provider a message. Sam is 1 of the quota of 3; the guardian and
/// the counselor are 2 support (a message left is not a conversation).
#[test]
fn check_connect_quota_counts_students_and_shows_the_people_around_them_apart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cc.db");
    ok(
        &db,
        &["init", "--preset", "check-connect", "--start", "2026-08-15"],
    );
    let people = dir.path().join("people.csv");
    std::fs::write(
        &people,
        "id,name,role,login,student_id\n\
         M1,Mia Berg,mentor,mia,\n\
         S1,Sam Ode,student,,\n\
         G1,Ode (guardian),guardian,,S1\n\
         C1,Ms. Alvarez,school-staff,,S1\n\
         P1,Youth Services,provider,,S1\n",
    )
    .unwrap();
    ok(&db, &["import", "people", people.to_str().unwrap()]);
    ok(
        &db,
        &["assign", "--mentor", "M1", "--mentee", "S1", "--on", "2026-09-01"],
    );
    for (person, outcome, at) in [
        ("S1", "conversation", "2026-11-03"),
        ("S1", "conversation", "2026-11-10"),
        ("G1", "conversation", "2026-11-11"),
        ("C1", "conversation", "2026-11-12"),
        ("P1", "left-message", "2026-11-13"),
    ] {
        ok(
            &db,
            &[
                "log",
                "--mentor",
                "M1",
                "--person",
                person,
                "--method",
                "phone",
                "--outcome",
                outcome,
                "--at",
                at,
            ],
        );
    }
    let quota: serde_json::Value = serde_json::from_str(&ok(&db, &["quota", "--json"])).unwrap();
    assert_eq!(
        (
            &quota[0]["count"],
            &quota[0]["support"],
            &quota[0]["quota"],
            &quota[0]["status"]
        ),
        (
            &serde_json::json!(1),
            &serde_json::json!(2),
            &serde_json::json!(3),
            &serde_json::json!("behind")
        ),
        "{quota}"
    );
    let mia = app_on(&db, Some("mia"));
    let caseload = screen_of_size(&mia, 100, 24);
    assert!(
        caseload.contains("1 of 3 people · 7 days left · BEHIND · +2 support"),
        "{caseload}"
    );
}
