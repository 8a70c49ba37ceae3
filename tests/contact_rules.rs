//! Whom a mentor may log a contact with, and whether it counts, by the program's rule; and the
//! one overdue list that the CLI, the Program screen and the digest share.

mod common;

use common::*;
use crossterm::event::KeyCode;
use mentordesk::domain::settings::Preset;
use std::path::{Path, PathBuf};
use std::process::Output;

const PEOPLE: &str = "id,name,role,login,years_experience\nM1,Mia Berg,mentor,mia,5\nM2,Max Dahl,mentor,max,5\nL1,Lee Al,mentee,,1\nL2,Bo Quist,mentee,,1\n";

/// A program of `preset` with Mia mentoring Lee and Max mentoring Bo.
fn program(dir: &Path, preset: &str) -> PathBuf {
    let db = dir.join("p.db");
    ok(&db, &["init", "--preset", preset, "--start", "2026-08-01"]);
    let people = dir.join("people.csv");
    std::fs::write(&people, PEOPLE).unwrap();
    ok(&db, &["import", "people", people.to_str().unwrap()]);
    ok(
        &db,
        &["assign", "--mentor", "M1", "--mentee", "L1", "--on", "2026-09-01"],
    );
    ok(
        &db,
        &["assign", "--mentor", "M2", "--mentee", "L2", "--on", "2026-09-01"],
    );
    db
}

fn log(db: &Path, person: &str) -> Output {
    mentordesk(db)
        .args([
            "log",
            "--mentor",
            "M1",
            "--person",
            person,
            "--method",
            "phone",
            "--outcome",
            "conversation",
            "--at",
            "2026-11-20",
        ])
        .output()
        .unwrap()
}

fn mia(db: &Path) -> serde_json::Value {
    let all: serde_json::Value = serde_json::from_str(&ok(db, &["quota", "--json"])).unwrap();
    all.as_array()
        .unwrap()
        .iter()
        .find(|m| m["mentor_id"] == "M1")
        .unwrap()
        .clone()
}

#[test]
fn weac_counts_a_contact_beyond_the_caseload_and_marks_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path(), "rural-union");
    assert!(log(&db, "L1").status.success());
    assert!(
        log(&db, "L2").status.success(),
        "WEAC mentors reach beyond their caseload"
    );
    let m = mia(&db);
    assert_eq!(m["count"], 2);
    assert_eq!(m["off_caseload"], 1, "and the coordinator sees which: {m}");
    // On screen too: Mia's caseload header, and the coordinator's mentors table.
    let mia_app = app_on(&db, Some("mia"));
    let text = screen(&mia_app);
    assert!(
        text.contains("2 of 3 people") && text.contains("· 1 off caseload"),
        "{text}"
    );
    let mut coordinator = app_on(&db, None);
    press(&mut coordinator, KeyCode::Char('5'));
    let text = screen(&coordinator);
    let header = text.lines().find(|l| l.contains("Status")).unwrap_or_default();
    assert!(header.contains("Off caseload"), "{text}");
    let row = text.lines().find(|l| l.contains("Mia Berg")).unwrap_or_default();
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert!(cells.windows(4).any(|w| w == ["2", "of", "3", "1"]), "{row}");
    let row = text.lines().find(|l| l.contains("Max Dahl")).unwrap_or_default();
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert!(cells.windows(4).any(|w| w == ["0", "of", "3", "0"]), "{row}");
}

#[test]
fn contacts_with_colleagues_never_count_toward_the_quota() {
    for preset in ["rural-union", "library", "check-connect"] {
        let dir = tempfile::tempdir().unwrap();
        let db = program(dir.path(), preset);
        let coordinator = ok(&db, &["export", "people", "--format", "csv"])
            .lines()
            .find(|l| l.contains(",coordinator,"))
            .and_then(|l| l.split(',').next().map(str::to_string))
            .unwrap();
        let before = mia(&db)["count"].clone();
        assert!(
            log(&db, "M2").status.success(),
            "{preset}: another mentor can be logged"
        );
        assert!(
            log(&db, &coordinator).status.success(),
            "{preset}: so can the coordinator"
        );
        assert_eq!(mia(&db)["count"], before, "{preset}: neither counts");
    }
}

#[test]
fn wvls_refuses_a_contact_with_another_mentors_mentee() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path(), "library");
    let out = log(&db, "L2");
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("Bo Quist is on another mentor's caseload"), "{err}");
    assert_eq!(mia(&db)["count"], 0, "nothing was saved");
    assert!(log(&db, "L1").status.success());
    assert_eq!(mia(&db)["count"], 1);
}

#[test]
fn overdue_is_one_list_for_the_cli_the_program_screen_and_the_digest() {
    let mut seen = 0;
    for preset in Preset::ALL {
        let dir = tempfile::tempdir().unwrap();
        let db = demo_file(dir.path(), "demo.db", preset);
        seen += overdue_agrees(&db, preset);
    }
    assert!(seen > 0, "the demos have overdue paperwork");
}

/// The CLI's overdue list, the Program screen's and the digest's agree on one demo; returns
/// how many items there are.
fn overdue_agrees(db: &Path, preset: Preset) -> usize {
    let cli: serde_json::Value = serde_json::from_str(&ok(db, &["overdue", "--json"])).unwrap();
    let cli: Vec<(String, String)> = cli
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["mentor_id"].as_str().unwrap().to_string(),
                i["what"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut app = app_on(db, None);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(app.program.overdue.total, cli.len(), "{preset:?}");
    assert_eq!(app.program.overdue_first, 0);
    let screen: Vec<(String, String)> = app
        .program
        .overdue_rows
        .iter()
        .map(|i| (i.mentor_id.clone(), i.what.clone()))
        .collect();
    assert_eq!(screen, cli, "{preset:?}: the Program screen lists the same items");
    let digest = ok(db, &["digest"]);
    assert!(
        digest.contains(&format!("Overdue ({} for", cli.len())),
        "{preset:?}: {digest}"
    );
    // The digest names each mentor's most overdue item, in the list's order.
    let mut firsts = cli.clone();
    firsts.dedup_by(|a, b| a.0 == b.0);
    let mut from = 0;
    for (_, what) in firsts.iter().take(10) {
        let at = digest[from..]
            .find(what.as_str())
            .unwrap_or_else(|| panic!("{preset:?}: the digest names {what} in order: {digest}"));
        from += at + what.len();
    }
    cli.len()
}

#[test]
fn a_coordinator_under_as_sees_no_reflection_anywhere() {
    const CANARY: &str = "CANARY-as-reflection";
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let def = mentordesk::domain::forms::find("reflection-mentor").unwrap();
    let partner = {
        let erin = session_on(&db, Some("erin"));
        let assignment = erin.mentor_assignments(erin.me().key).unwrap().remove(0);
        assignment.mentee
    };
    let mut erin = session_on(&db, Some("erin"));
    let private = dir.path().join("erin-private.db");
    erin.attach_private(&private).unwrap();
    let mut values = mentordesk::domain::forms::Values::new();
    values.insert("observations".into(), CANARY.into());
    erin.file_form(def, Some(partner), &values, None).unwrap();
    erin.share_reflection(def.id, partner, &values).unwrap();
    assert!(
        erin.filed_forms(def)
            .unwrap()
            .iter()
            .any(|f| f.values.values().any(|v| v.contains(CANARY)))
    );
    drop(erin);

    let mut as_erin = session_as(&db, "erin");
    as_erin.attach_private(&private).unwrap();
    assert!(
        as_erin.filed_forms(def).unwrap().is_empty(),
        "--as reads no reflection"
    );
    assert!(as_erin.file_form(def, Some(partner), &values, None).is_err());
    let mut app = app_of(as_erin);
    let mut seen = String::new();
    for key in ['1', '2', '3', '4', '5'] {
        press(&mut app, KeyCode::Char(key));
        seen.push_str(&screen(&app));
        for _ in 0..20 {
            press(&mut app, KeyCode::Down);
            press(&mut app, KeyCode::Enter);
            seen.push_str(&screen(&app));
            press(&mut app, KeyCode::Esc);
        }
    }
    assert!(!seen.contains(CANARY));
    let audit = ok(&db, &["audit"]);
    assert!(
        audit.contains("act-as person"),
        "every --as session is audited: {audit}"
    );
}
