//! Reflections are private: a canary string written in one must never reach a coordinator's
//! screen or any export, nor the group-readable program database.

mod common;

use common::*;
use crossterm::event::KeyCode;
use mentordesk::app::{App, Screen};
use mentordesk::domain::forms::FORMS;

const CANARY: &str = "CANARY-7f3a-private-reflection";

fn file_a_reflection(dir: &std::path::Path) {
    let db = demo_db(dir);
    // The rural union keeps NEA reflection logs too: a setting adds them to its forms.
    session_on(&db, None)
        .set_setting(
            "extra_forms",
            r#"["reflection-mentor", "reflection-mentee"]"#,
            None,
        )
        .unwrap();
    let mut session = session_on(&db, Some("erin"));
    session
        .attach_private(&dir.join("private").join("erin.db"))
        .unwrap();
    let mut app = app_of(session);
    press(&mut app, KeyCode::Char('4'));
    let index = reflection_template(&app);
    for _ in 0..index {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Reflection Form for Mentor"));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "2026-11-20");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab); // observations
    type_text(&mut app, CANARY);
    ctrl(&mut app, 's');
    let text = screen(&app);
    assert!(text.contains("Filed the Reflection Form for Mentor"), "{text}");
    // The author reads it back.
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Enter);
    let text = screen(&app);
    assert!(text.contains(CANARY), "the author sees their reflection: {text}");
}

/// Where the mentor's reflection sits in the Forms screen's list, below the contact reports.
fn reflection_template(app: &App) -> usize {
    let forms = app.session.program.forms();
    forms.iter().position(|f| f.id == "reflection-mentor").unwrap() + 1
}

fn every_screen(app: &mut App) -> String {
    let mut seen = String::new();
    let mut look = |app: &App| seen.push_str(&screen(app));
    for key in ['1', '2', '3', '4', '5'] {
        press(app, KeyCode::Char(key));
        look(app);
    }
    press(app, KeyCode::Char('1'));
    press(app, KeyCode::Enter); // a mentor's caseload
    look(app);
    press(app, KeyCode::Enter); // a person
    look(app);
    press(app, KeyCode::Char('3'));
    press(app, KeyCode::Char('r'));
    look(app);
    press(app, KeyCode::Esc);
    press(app, KeyCode::Char('4'));
    for _ in 0..=FORMS.len() {
        press(app, KeyCode::Right);
        look(app);
        press(app, KeyCode::Enter);
        look(app);
        press(app, KeyCode::Esc);
        press(app, KeyCode::Left);
        press(app, KeyCode::Down);
        look(app);
    }
    press(app, KeyCode::Char('5'));
    press(app, KeyCode::Char('l'));
    look(app);
    assert_eq!(app.screen, Screen::Program);
    seen
}

#[test]
fn a_reflection_never_reaches_the_program_database_a_coordinator_screen_or_an_export() {
    let dir = tempfile::tempdir().unwrap();
    file_a_reflection(dir.path());

    let private = std::fs::read(dir.path().join("private").join("erin.db")).unwrap();
    assert!(
        private.windows(CANARY.len()).any(|w| w == CANARY.as_bytes()),
        "kept in the private store"
    );
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(dir.path().join("private").join("erin.db"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
    for file in ["demo.db", "demo.db-wal"] {
        if let Ok(bytes) = std::fs::read(dir.path().join(file)) {
            assert!(
                !bytes.windows(CANARY.len()).any(|w| w == CANARY.as_bytes()),
                "{file} holds the canary"
            );
        }
    }

    let mut coordinator = app_on(&dir.path().join("demo.db"), None);
    let seen = every_screen(&mut coordinator);
    assert!(
        seen.contains("Reflection Form for Mentor"),
        "the screens were walked"
    );
    assert!(!seen.contains(CANARY), "a coordinator screen showed the canary");

    let db = dir.path().join("demo.db");
    let exports: &[&[&str]] = &[
        &["export", "people", "--format", "csv"],
        &["export", "people", "--format", "json"],
        &["export", "contacts", "--format", "csv"],
        &["export", "contacts", "--format", "json"],
        &["export", "archive"],
        &["export", "assignments"],
        &["export", "program"],
        &["calendar", "--json"],
        &["calendar", "--ics"],
        &["attendance"],
        &["audit", "--limit", "1000"],
        &["quota", "--json"],
        &["overdue", "--json"],
    ];
    for args in exports {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_mentordesk"))
            .args(["--demo", "--today", "2026-11-23", "--db"])
            .arg(&db)
            .args(*args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.contains(CANARY), "{args:?} exported the canary");
    }
}

#[test]
fn the_archive_holds_only_applications_attendance_and_exit_forms() {
    use mentordesk::domain::forms::Values;
    let dir = tempfile::tempdir().unwrap();
    let mut store = session_on(&demo_db(dir.path()), Some("erin"));
    let erin = store.me().clone();
    let filed = |form: &str, note: &str| {
        let mut v = Values::new();
        v.insert("comments".into(), note.into());
        (form.to_string(), v)
    };
    for (form, values) in [
        filed("mentor-application", "application"),
        filed("exit-mentor", "exit"),
        filed("monthly-record", "NOT-ARCHIVED-monthly"),
        filed("mentors-pledge", "NOT-ARCHIVED-pledge"),
    ] {
        let def = mentordesk::domain::forms::find(&form).unwrap();
        store.file_form(def, None, &values, None).unwrap();
    }
    drop(store);
    let nov10 = chrono::NaiveDate::from_ymd_opt(2026, 11, 10).unwrap();
    session_on(&dir.path().join("demo.db"), None)
        .set_attendance(
            nov10,
            "Mentor check-in",
            erin.key,
            mentordesk::domain::agenda::Attendance::Present,
        )
        .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mentordesk"))
        .args(["--demo", "--today", "2026-11-23", "--db"])
        .arg(dir.path().join("demo.db"))
        .args(["export", "archive"])
        .output()
        .unwrap();
    let archive: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let keys: Vec<&String> = archive.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["applications", "attendance", "exit_forms"]);
    assert_eq!(archive["applications"][0]["form"], "mentor-application");
    assert_eq!(archive["exit_forms"][0]["form"], "exit-mentor");
    assert_eq!(archive["attendance"][0]["status"], "present");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("NOT-ARCHIVED"));
}

#[test]
fn a_shared_reflection_reaches_the_partner_and_still_no_coordinator() {
    use mentordesk::domain::records::PersonFields;
    use mentordesk::domain::types::Role;
    let dir = tempfile::tempdir().unwrap();
    file_a_reflection(dir.path());
    let db = dir.path().join("demo.db");
    let mut store = session_on(&db, Some("erin"));
    store
        .attach_private(&dir.path().join("private").join("erin.db"))
        .unwrap();
    // The reflection is about Erin's first mentee; give them a login so they can look.
    let def = mentordesk::domain::forms::find("reflection-mentor").unwrap();
    let reflection = store.filed_forms(def).unwrap().remove(0);
    let mentee = store.person(reflection.about.unwrap()).unwrap().unwrap();
    session_on(&db, None)
        .add_person(
            &mentee.id,
            &mentee.name,
            Role::Mentee,
            &PersonFields {
                login: Some("partner".into()),
                ..mentee.fields.clone()
            },
        )
        .unwrap();
    let mut author = app_of(store);
    press(&mut author, KeyCode::Char('4'));
    let index = reflection_template(&author);
    for _ in 0..index {
        press(&mut author, KeyCode::Down);
    }
    press(&mut author, KeyCode::Right);
    press(&mut author, KeyCode::Enter);
    press(&mut author, KeyCode::Char('S'));
    let text = screen(&author);
    assert!(text.contains("Share this reflection with"), "{text}");
    press(&mut author, KeyCode::Char('y'));
    assert!(screen(&author).contains("Shared with your partner"));
    drop(author);

    let partner = app_on(&db, Some("partner"));
    let shared = partner.session.filed_forms(def).unwrap();
    assert_eq!(shared.len(), 1);
    assert!(shared[0].values.values().any(|v| v.contains(CANARY)));

    let mut coordinator = app_on(&db, None);
    assert!(
        !every_screen(&mut coordinator).contains(CANARY),
        "a coordinator saw a shared reflection"
    );
    // The shared copy lives in the program database, and still no export carries it: not even
    // the whole program's archive.
    for export in ["archive", "program"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_mentordesk"))
            .args(["--demo", "--today", "2026-11-23", "--db"])
            .arg(&db)
            .args(["export", export])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{export}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            !String::from_utf8_lossy(&out.stdout).contains(CANARY),
            "export {export}"
        );
    }
}
