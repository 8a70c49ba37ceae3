//! Check & Connect: engagement import, risk, the caseload, alerts and interventions.

mod common;

use common::*;
use crossterm::event::KeyCode;
use mentordesk::app::{App, Overlay};
use mentordesk::domain::settings::Preset;
use std::path::Path;
const HEADER: &str = "student_id,month,absences,tardies,skips,days_enrolled,referrals,detentions,in_school_suspensions,out_of_school_suspension_days,ds,fs,credits_earned,credits_possible";

fn program(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("cc.db");
    ok(
        &db,
        &["init", "--preset", "check-connect", "--start", "2026-08-15"],
    );
    let people = dir.join("people.csv");
    std::fs::write(&people, "id,name,role,login\nM1,Mia Berg,mentor,mia\nS1,Sam Ode,mentee,\nS2,Tia Lee,mentee,\nS3,Uri Ash,mentee,\n").unwrap();
    ok(&db, &["import", "people", people.to_str().unwrap()]);
    ok(&db, &["assign", "--mentor", "M1", "--mentee", "S1"]);
    db
}

#[test]
fn engagement_imports_all_or_nothing_and_risk_follows_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path());
    let file = dir.path().join("e.csv");
    std::fs::write(
        &file,
        format!(
            "{HEADER}\nS1,2026-11,2,,,10,,,,,,,,\nS2,2026-11,,,,,,,,,,1,8,10\nS3,2026-11,,,,,,,,,,,,\nS1,2026-10,0,0,0,20,0,0,0,0,0,0,10,10\n"
        ),
    )
    .unwrap();
    assert_eq!(
        ok(&db, &["import", "engagement", file.to_str().unwrap()]),
        "imported 4 engagement records\n"
    );
    let risk: serde_json::Value =
        serde_json::from_str(&ok(&db, &["risk", "--month", "2026-11", "--json"])).unwrap();
    let rows = risk.as_array().unwrap();
    assert_eq!(rows.len(), 3, "one entry per student with data that month");
    let by_id = |id: &str| rows.iter().find(|r| r["student_id"] == id).unwrap().clone();
    assert_eq!(by_id("S1")["level"], "high");
    assert_eq!(
        by_id("S1")["triggers"],
        serde_json::json!(["absences"]),
        "2 of 10 days is 20%"
    );
    assert_eq!(
        by_id("S2")["triggers"],
        serde_json::json!(["grades"]),
        "one F; 8 of 10 credits is the line"
    );
    assert_eq!(by_id("S3")["level"], "low", "empty values never trigger");
    assert_eq!(by_id("S1")["month"], "2026-11");
    let october: serde_json::Value =
        serde_json::from_str(&ok(&db, &["risk", "--month", "2026-10", "--json"])).unwrap();
    assert_eq!(october[0]["level"], "low");

    let bad = dir.path().join("bad.csv");
    for (text, want) in [
        (
            format!("{HEADER}\nS1,2026-12,1,,,,,,,,,,,\nS9,2026-12,1,,,,,,,,,,,\n"),
            ":3: column 'student_id': no person with id 'S9'",
        ),
        (
            format!("{HEADER}\nS1,2026-13,,,,,,,,,,,,\n"),
            ":2: column 'month': '2026-13' is not a month",
        ),
        (
            format!("{HEADER}\nS1,2026-12,two,,,,,,,,,,,\n"),
            ":2: column 'absences': 'two' is not a whole number",
        ),
        (
            format!("{HEADER}\nM1,2026-12,,,,,,,,,,,,\n"),
            ":2: column 'student_id': 'M1' is a mentor, not a student",
        ),
        (
            "student_id,month\nS1,2026-12\n".to_string(),
            ":1: column 'absences': required column is missing",
        ),
    ] {
        std::fs::write(&bad, &text).unwrap();
        let err = fails(&db, &["import", "engagement", bad.to_str().unwrap()], 2);
        assert!(err.contains(want), "{err}");
    }
    let december: serde_json::Value =
        serde_json::from_str(&ok(&db, &["risk", "--month", "2026-12", "--json"])).unwrap();
    assert!(december.as_array().unwrap().is_empty(), "nothing half imported");
}

fn cc_app(dir: &Path, as_login: Option<&str>) -> App {
    app_on(&demo_file(dir, "cc.db", Preset::CheckConnect), as_login)
}

#[test]
fn the_demo_shows_risk_on_the_caseload_the_history_and_the_alerts() {
    let dir = tempfile::tempdir().unwrap();
    let mut ana = cc_app(dir.path(), Some("ana"));
    let text = screen(&ana);
    assert!(text.contains("HIGH risk"), "{text}");
    assert!(text.contains("low risk"), "{text}");
    let first = &ana.caseload.rows[0];
    assert_eq!(
        first.risk.as_ref().unwrap().level,
        mentordesk::domain::risk::Level::High,
        "high risk first"
    );
    press(&mut ana, KeyCode::Enter);
    let text = screen(&ana);
    assert!(
        text.contains("Engagement (monitoring, by month)") && text.contains("over the line:"),
        "{text}"
    );

    let mut coordinator = cc_app(dir.path(), None);
    press(&mut coordinator, KeyCode::Char('5'));
    press(&mut coordinator, KeyCode::Char('a'));
    let text = screen(&coordinator);
    assert!(text.contains("High-risk students this month"), "{text}");
    assert!(!coordinator.program.alerts.is_empty());
    assert!(
        coordinator
            .program
            .alerts
            .iter()
            .all(|a| a.level == "high" && a.mentor.is_some())
    );
    assert!(text.contains("d ago") && text.contains("HIGH ·"), "{text}");
}

#[test]
fn an_intensive_intervention_with_a_guardian_is_logged() {
    let dir = tempfile::tempdir().unwrap();
    let mut ana = cc_app(dir.path(), Some("ana"));
    press(&mut ana, KeyCode::Char('2'));
    press(&mut ana, KeyCode::Char('a'));
    type_text(&mut ana, "guardian");
    let Some(Overlay::ContactForm(form)) = &ana.overlay else {
        panic!("form")
    };
    assert!(!form.matches().is_empty(), "guardians can be picked");
    press(&mut ana, KeyCode::Enter); // picks, and goes to the notes
    press(&mut ana, KeyCode::Tab); // to Intervention
    press(&mut ana, KeyCode::Right);
    press(&mut ana, KeyCode::Right);
    assert!(screen(&ana).contains("‹ intensive ›"));
    ctrl(&mut ana, 's');
    let row = ana
        .contacts
        .rows
        .iter()
        .max_by_key(|r| r.contact.key)
        .unwrap()
        .clone();
    assert_eq!(
        row.contact.input.intervention,
        Some(mentordesk::domain::types::Intervention::Intensive)
    );
    assert!(row.person_name.contains("(guardian)"));
    let index = ana
        .contacts
        .rows
        .iter()
        .position(|r| r.contact.key == row.contact.key)
        .unwrap();
    // The selection stayed on the contact it was on, which the new one pushed down.
    press(&mut ana, KeyCode::Home);
    for _ in 0..index {
        press(&mut ana, KeyCode::Down);
    }
    press(&mut ana, KeyCode::Enter); // its notes, with the intervention in their summary
    assert!(
        screen(&ana).contains("intensive intervention"),
        "{}",
        screen(&ana)
    );
}

#[test]
fn a_weekly_monitoring_form_rolls_into_the_month_and_its_risk() {
    let dir = tempfile::tempdir().unwrap();
    let mut ana = cc_app(dir.path(), Some("ana"));
    let student = ana
        .caseload
        .rows
        .iter()
        .find(|r| {
            r.risk
                .as_ref()
                .is_some_and(|c| c.level == mentordesk::domain::risk::Level::Low)
        })
        .unwrap();
    let (key, name) = (student.row.person.key, student.row.person.name.clone());
    let before = ana.session.engagement_history(key).unwrap()[0].1;
    press(&mut ana, KeyCode::Char('4'));
    // The program's forms: the monitoring form, then the daily line.
    press(&mut ana, KeyCode::Down);
    press(&mut ana, KeyCode::Enter);
    // The student: cycle the people until it is this one.
    for _ in 0..40 {
        press(&mut ana, KeyCode::Right);
        if screen(&ana).contains(&format!("‹ {name}")) {
            break;
        }
    }
    press(&mut ana, KeyCode::Tab);
    type_text(&mut ana, "2026-11-16");
    press(&mut ana, KeyCode::Tab); // days enrolled
    type_text(&mut ana, "5");
    press(&mut ana, KeyCode::Tab);
    press(&mut ana, KeyCode::Tab);
    press(&mut ana, KeyCode::Tab);
    press(&mut ana, KeyCode::Tab); // referrals
    type_text(&mut ana, "3");
    ctrl(&mut ana, 's');
    assert!(
        screen(&ana).contains("Filed the Check & Connect monitoring"),
        "{}",
        screen(&ana)
    );
    let after = ana.session.engagement_history(key).unwrap()[0].1;
    assert_eq!(after.referrals, Some(before.referrals.unwrap_or(0) + 3));
    assert_eq!(after.days_enrolled, Some(before.days_enrolled.unwrap_or(0) + 5));
    press(&mut ana, KeyCode::Char('1'));
    let row = ana
        .caseload
        .rows
        .iter()
        .find(|r| r.row.person.key == key)
        .unwrap();
    let risk = row.risk.as_ref().unwrap();
    assert_eq!(
        risk.level,
        mentordesk::domain::risk::Level::High,
        "three referrals cross the line"
    );
    assert!(risk.triggers.contains(&"referrals"));
}

#[test]
fn students_import_by_that_word_and_a_guardian_is_never_made_a_mentee() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cc.db");
    ok(
        &db,
        &["init", "--preset", "check-connect", "--start", "2026-08-15"],
    );
    let people = dir.path().join("people.csv");
    std::fs::write(
        &people,
        "id,name,role\nM1,Mia Berg,mentor\nS1,Sam Ode,student\nG1,Pat Ode,guardian\nT1,Lou Fox,school-staff\nP1,Kim Rey,provider\n",
    )
    .unwrap();
    ok(&db, &["import", "people", people.to_str().unwrap()]);
    let csv = ok(&db, &["export", "people"]);
    for row in [
        "S1,Sam Ode,mentee",
        "G1,Pat Ode,guardian",
        "T1,Lou Fox,staff",
        "P1,Kim Rey,provider",
    ] {
        assert!(csv.contains(row), "{row}: {csv}");
    }
    let pairs = dir.path().join("pairs.csv");
    for (mentee, role) in [("G1", "guardian"), ("P1", "provider"), ("T1", "staff")] {
        std::fs::write(
            &pairs,
            format!("mentor_id,mentee_id,started_on\nM1,S1,2026-09-01\nM1,{mentee},2026-09-01\n"),
        )
        .unwrap();
        let err = fails(&db, &["import", "assignments", pairs.to_str().unwrap()], 2);
        assert!(
            err.contains(&format!("'{mentee}' is a {role}, never a mentee")),
            "{err}"
        );
    }
    std::fs::write(&pairs, "mentor_id,mentee_id,started_on\nM1,S1,2026-09-01\n").unwrap();
    ok(&db, &["import", "assignments", pairs.to_str().unwrap()]);
}
