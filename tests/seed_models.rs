//! Issue 25: each seed's own model, pinned against a hand count from the seed's rules.
//!
//! WCSD Check & Connect: "the mentor will promote student engagement as measured by the
//! following areas": academic (time on task, credits, homework completion), behavioral
//! (attendance, suspensions, class participation, extracurriculars), cognitive (self-regulation,
//! relevance) and affective (belonging, relationships); "maintain daily awareness and
//! documentation of the levels of engagement for each student on their caseload".

mod common;

use common::{app_of as app_of_session, app_on, fails, ok, press, screen_of_size, session_on};
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

/// AFSCME Mentoring 101 sets no monthly contact rule: "Develop a plan to mentor one
/// activist/leader". Each pair shows its plan progress (the pillars touched and the next step)
/// instead of a quota status. By hand: Mia's plan for Abe names a next step on Nov 20; her
/// contacts served Invest twice and Share Power once (a message left serves none). On Nov 23 the
/// step is past; she amends the plan with a step on Dec 1.
#[test]
fn afscme_pairs_show_their_plan_instead_of_a_quota() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("afscme.db");
    ok(&db, &["init", "--preset", "afscme", "--start", "2026-09-01"]);
    let people = dir.path().join("people.csv");
    std::fs::write(
        &people,
        "id,name,role,login\nM1,Mia Berg,mentor,mia\nM2,Noa Hart,mentor,noa\nA1,Abe Cole,mentee,\nA2,Bea Dunn,mentee,\n",
    )
    .unwrap();
    ok(&db, &["import", "people", people.to_str().unwrap()]);
    ok(
        &db,
        &["assign", "--mentor", "M1", "--mentee", "A1", "--on", "2026-09-15"],
    );
    ok(
        &db,
        &["assign", "--mentor", "M2", "--mentee", "A2", "--on", "2026-09-15"],
    );
    for (pillar, outcome, at) in [
        ("invest", "conversation", "2026-10-02"),
        ("invest", "conversation", "2026-11-02"),
        ("share-power", "conversation", "2026-11-12"),
        ("bridge-the-gap", "left-message", "2026-11-13"),
    ] {
        ok(
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
                outcome,
                "--at",
                at,
                "--pillar",
                pillar,
            ],
        );
    }
    let plan_def = mentordesk::domain::forms::find("mentoring-plan").unwrap();
    let plan = |step: &str, on: &str| -> mentordesk::domain::forms::Values {
        [
            ("mentee", "A1"),
            ("why", "Abe asked to learn how to run a meeting."),
            ("invest", "Coffee every month."),
            ("bridge", "Two-way: he teaches me the new contract system."),
            ("share", "He chairs the March meeting."),
            ("first_step", step),
            ("first_step_on", on),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    };
    let mut mia = session_on(&db, Some("mia"));
    let a1 = mia.person_by_id("A1").unwrap().unwrap().key;
    let first = mia
        .file_form(
            plan_def,
            Some(a1),
            &plan("Invite Abe to the steward training", "2026-11-20"),
            None,
        )
        .unwrap();
    let m1 = mia.person_by_id("M1").unwrap().unwrap().key;
    let nov = "2026-11".parse().unwrap();
    let progress = |s: &mentordesk::service::Session| {
        mentordesk::service::caseload::caseload(s, m1, nov).unwrap()[0]
            .plan
            .clone()
            .unwrap()
    };
    let p = progress(&mia);
    assert_eq!(p.touched_words(), "Invest, Share Power");
    assert_eq!(p.next_step.as_deref(), Some("Invite Abe to the steward training"));
    assert!(p.step_overdue(common::today()), "Nov 20 is past on Nov 23");

    let quota: serde_json::Value = serde_json::from_str(&ok(&db, &["quota", "--json"])).unwrap();
    for row in quota.as_array().unwrap() {
        assert_eq!(
            (&row["status"], &row["quota"]),
            (&serde_json::json!("no-quota"), &serde_json::Value::Null),
            "{quota}"
        );
    }
    let digest = ok(&db, &["digest"]);
    assert!(!digest.contains("Behind or at risk"), "{digest}");
    assert!(
        digest.contains("Plans to write or bring up to date (2)"),
        "{digest}"
    );
    assert!(
        digest.contains("Mia Berg                 1 of 1 pairs with a plan · next step was due 2026-11-20"),
        "{digest}"
    );
    assert!(
        digest.contains("Noa Hart                 0 of 1 pairs with a plan"),
        "{digest}"
    );

    let mut app = app_of_session(session_on(&db, Some("mia")));
    let caseload = screen_of_size(&app, 80, 24);
    assert!(
        caseload.contains("1 person reached · 7 days left · no monthly quota"),
        "{caseload}"
    );
    assert!(
        !caseload.contains("BEHIND") && !caseload.contains("MET"),
        "{caseload}"
    );
    assert!(caseload.contains("I/B/S 2/0/1 no Bridge"), "{caseload}");
    assert!(caseload.contains("! next step Nov 20"), "{caseload}");
    press(&mut app, KeyCode::Enter);
    let person = screen_of_size(&app, 100, 40);
    assert!(
        person.contains("pillars touched: Invest, Share Power"),
        "{person}"
    );
    assert!(
        person.contains("next step: Invite Abe to the steward training · by Nov 20"),
        "{person}"
    );

    // Amending the plan brings the next step up to date.
    mia.file_form(
        plan_def,
        Some(a1),
        &plan("Abe chairs the December meeting", "2026-12-01"),
        Some(first),
    )
    .unwrap();
    let p = progress(&mia);
    assert_eq!(
        (p.next_step.as_deref(), p.step_overdue(common::today())),
        (Some("Abe chairs the December meeting"), false)
    );
    let mut coordinator = app_on(&db, None);
    press(&mut coordinator, KeyCode::Char('5'));
    let mentors = screen_of_size(&coordinator, 100, 24);
    assert!(mentors.contains("Plans  Next"), "{mentors}");
    assert!(!mentors.contains("Status"), "{mentors}");
}

/// The AFSCME Code of Conduct: "Complaints should be sent to the AFSCME Human Resources
/// Department at reportharassment@afscme.org". A concern raised in the tool reaches the
/// coordinator alone, the HR address shown beside it.
#[test]
fn afscme_a_concern_reaches_the_coordinator_alone_with_the_hr_address() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("afscme.db");
    ok(&db, &["init", "--preset", "afscme", "--start", "2026-09-01"]);
    let people = dir.path().join("people.csv");
    std::fs::write(
        &people,
        "id,name,role,login\nM1,Mia Berg,mentor,mia\nM2,Noa Hart,mentor,noa\n",
    )
    .unwrap();
    ok(&db, &["import", "people", people.to_str().unwrap()]);
    let def = mentordesk::domain::forms::find("afscme-concern").unwrap();
    let mut mia = app_on(&db, Some("mia"));
    assert!(
        mia.session.program.forms().iter().any(|f| f.id == def.id),
        "the AFSCME program lists it"
    );
    // The form shows the HR address and says who reads it.
    press(&mut mia, KeyCode::Char('4'));
    for _ in 0..3 {
        press(&mut mia, KeyCode::Down);
    }
    press(&mut mia, KeyCode::Enter);
    let form = screen_of_size(&mia, 100, 30);
    for want in [
        "Raise a concern (to the coordinator alone)",
        "reportharassment@afscme.org",
        "reaches the program's coordinator alone",
    ] {
        assert!(form.contains(want), "{want}: {form}");
    }
    press(&mut mia, KeyCode::Esc);
    let values: mentordesk::domain::forms::Values = [
        ("what", "A remark at the council meeting about my accent."),
        ("contact_me", "yes"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    mia.session.file_form(def, None, &values, None).unwrap();

    let noa = session_on(&db, Some("noa"));
    assert!(
        noa.filed_forms(def).unwrap().is_empty(),
        "another mentor never sees it"
    );
    let coordinator = session_on(&db, None);
    let filed = coordinator.filed_forms(def).unwrap();
    assert_eq!(filed.len(), 1);
    assert_eq!(
        filed[0].values["what"],
        "A remark at the council meeting about my accent."
    );
    let digest = ok(&db, &["digest"]);
    assert!(
        digest.contains("A concern was raised under the Code of Conduct"),
        "{digest}"
    );
    assert!(
        !digest.contains("accent"),
        "the digest tells of it, never what it says: {digest}"
    );
    let noas_digest = ok(&db, &["--as", "noa", "digest"]);
    assert!(!noas_digest.contains("concern"), "{noas_digest}");
}

fn weac(dir: &Path) -> PathBuf {
    let db = dir.join("weac.db");
    ok(&db, &["init", "--preset", "rural-union", "--start", "2026-08-01"]);
    let people = dir.join("people.csv");
    std::fs::write(
        &people,
        "id,name,role,login,location\n\
         M1,Mia Berg,mentor,mia,Ashland\n\
         M2,Noa Hart,mentor,noa,Superior\n\
         L1,Lee Ames,mentee,,Ashland\n\
         L2,Lou Bell,mentee,,Ashland\n\
         L3,Lin Cruz,mentee,,Ashland\n\
         L4,Liv Dahl,mentee,,Ashland\n\
         L5,Lars Eck,mentee,,Hayward\n\
         L6,Lena Fox,mentee,,Ashland\n",
    )
    .unwrap();
    ok(&db, &["import", "people", people.to_str().unwrap()]);
    for mentee in ["L1", "L2", "L3"] {
        ok(
            &db,
            &[
                "assign",
                "--mentor",
                "M1",
                "--mentee",
                mentee,
                "--on",
                "2026-08-20",
            ],
        );
    }
    ok(
        &db,
        &["assign", "--mentor", "M2", "--mentee", "L6", "--on", "2026-08-20"],
    );
    db
}

/// WEAC: "If a mentor has tried and exhausted the potential in the three assigned, had a negative
/// experience with someone, or that person is no longer in WEAC, the mentor will have new people
/// assigned." By hand: Mia's three ended exhausted, negative and gone. The unassigned are Liv
/// (Ashland, Mia's town: +15 for the location) and Lars (Hayward); Lena is Noa's; Mia's own three
/// are not new people.
#[test]
fn weac_a_mentor_who_needs_people_is_offered_the_unassigned_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let db = weac(dir.path());
    for (mentee, reason) in [
        ("L1", "exhausted"),
        ("L2", "negative-experience"),
        ("L3", "left-organization"),
    ] {
        ok(
            &db,
            &[
                "unassign",
                "--mentor",
                "M1",
                "--mentee",
                mentee,
                "--reason",
                reason,
                "--on",
                "2026-11-02",
            ],
        );
    }
    let offers: serde_json::Value =
        serde_json::from_str(&ok(&db, &["match", "--mentor", "M1", "--json"])).unwrap();
    let ids: Vec<&str> = offers
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["person_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["L4", "L5"], "{offers}");
    assert!(
        offers[0]["score"].as_i64() > offers[1]["score"].as_i64(),
        "{offers}"
    );
    fails(&db, &["--as", "mia", "match", "--mentor", "M1"], 3);

    let mut coordinator = app_on(&db, None);
    press(&mut coordinator, KeyCode::Char('5'));
    let mentors = screen_of_size(&coordinator, 100, 24);
    assert!(mentors.contains("needs people"), "{mentors}");
    // Mia needs people, so she is on top: `n` offers Liv first, Enter assigns her.
    press(&mut coordinator, KeyCode::Char('n'));
    let picker = screen_of_size(&coordinator, 100, 24);
    let liv = picker.find("Liv Dahl").expect("Liv is offered");
    let lars = picker.find("Lars Eck").expect("Lars is offered");
    assert!(liv < lars, "best fit first: {picker}");
    assert!(
        picker.find("Lena Fox (assigned)").is_some_and(|lena| lena > lars),
        "{picker}"
    );
    assert!(
        picker.find("Lee Ames (had before)").is_some_and(|lee| lee > lars),
        "{picker}"
    );
    press(&mut coordinator, KeyCode::Enter);
    let quota: serde_json::Value =
        serde_json::from_str(&ok(&db, &["match", "--mentor", "M1", "--json"])).unwrap();
    assert_eq!(quota.as_array().unwrap().len(), 1, "Liv is Mia's now: {quota}");
}

/// WEAC: "Mentors may be asked to leave the program for failure to complete the above …". A
/// warning on a ground, told to the mentor; then the removal, which ends their assignments; both
/// audited.
#[test]
fn weac_a_mentor_is_warned_then_asked_to_leave_and_both_are_audited() {
    let dir = tempfile::tempdir().unwrap();
    let db = weac(dir.path());
    assert_eq!(
        ok(
            &db,
            &[
                "warn",
                "--mentor",
                "M2",
                "--ground",
                "expectations",
                "--note",
                "No reports since September."
            ]
        ),
        "warned Noa Hart (M2): did not complete what is expected (contacts, reports, check-ins, trainings)\n"
    );
    let noas = ok(&db, &["--as", "noa", "digest"]);
    assert!(
        noas.contains("A warning from the coordinator: did not complete what is expected"),
        "{noas}"
    );
    assert!(noas.contains("No reports since September."), "{noas}");
    let mias = ok(&db, &["--as", "mia", "digest"]);
    assert!(!mias.contains("warning"), "only Noa is told: {mias}");
    fails(
        &db,
        &["--as", "mia", "warn", "--mentor", "M2", "--ground", "conduct"],
        3,
    );
    fails(&db, &["warn", "--mentor", "L1", "--ground", "conduct"], 2);
    fails(&db, &["warn", "--mentor", "M2", "--ground", "lazy"], 2);

    let mut coordinator = app_on(&db, None);
    press(&mut coordinator, KeyCode::Char('5'));
    let mentors = screen_of_size(&coordinator, 100, 24);
    assert!(mentors.contains("1 · warned"), "{mentors}");

    // The removal from the mentors table: x, the ground, then yes.
    let noa_row = coordinator
        .program
        .mentors
        .iter()
        .position(|r| r.mentor.id == "M2")
        .unwrap();
    for _ in 0..noa_row {
        press(&mut coordinator, KeyCode::Down);
    }
    press(&mut coordinator, KeyCode::Char('x'));
    press(&mut coordinator, KeyCode::Enter);
    let question = screen_of_size(&coordinator, 120, 24);
    assert!(
        question.contains("Ask Noa Hart to leave the program"),
        "{question}"
    );
    assert!(question.contains("warned 1 time(s) before"), "{question}");
    press(&mut coordinator, KeyCode::Char('y'));
    let done = screen_of_size(&coordinator, 120, 24);
    assert!(done.contains("Noa Hart left the program"), "{done}");

    let quota = ok(&db, &["quota"]);
    assert!(!quota.contains("M2"), "no longer a mentor in the quota: {quota}");
    let offers = ok(&db, &["match", "--mentor", "M1", "--json"]);
    assert!(offers.contains("L6"), "Lena is free again: {offers}");
    let audit = ok(&db, &["audit"]);
    assert!(
        audit.contains("warn") && audit.contains("No reports since September."),
        "{audit}"
    );
    assert!(
        audit.contains("remove") && audit.contains("expectations"),
        "{audit}"
    );
    fails(&db, &["remove", "--mentor", "M2", "--ground", "unable"], 2);
}
