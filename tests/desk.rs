//! The coordinator's desk, from the keyboard and from the CLI.

mod common;

use common::*;
use crossterm::event::KeyCode;
use std::path::Path;

fn cli(db: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mentordesk"))
        .args(["--demo", "--today", "2026-11-23", "--db"])
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_coordinator_finds_overdue_reports_and_reminds_the_mentor_who_sees_it_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('o'));
    let text = screen(&app);
    assert!(
        text.contains(" overdue · / filters by mentor") && text.contains("r reminds the mentor"),
        "{text}"
    );
    let items = app.program.overdue_rows.clone();
    assert!(!items.is_empty());
    // Grouped by mentor: each mentor's items are together.
    let mut seen = Vec::new();
    for i in &items {
        if seen.last() != Some(&i.mentor) {
            assert!(!seen.contains(&i.mentor), "{} appears in two groups", i.mentor);
            seen.push(i.mentor.clone());
        }
    }
    let first = items[0].clone();
    press(&mut app, KeyCode::Char('r'));
    assert!(screen(&app).contains(&format!("Reminder sent to {}", first.mentor)));
    let digest = cli(&dir.path().join("demo.db"), &["digest"]);
    assert!(
        digest.contains(&format!("to {}: Please file the {}", first.mentor, first.what)),
        "{digest}"
    );

    // The mentor sees it once, on their next start.
    let login = app
        .session
        .person_by_id(&first.mentor_id)
        .unwrap()
        .unwrap()
        .fields
        .login
        .unwrap();
    drop(app);
    let mut mentor = demo_app_existing(dir.path(), Some(&login));
    mentor.show_inbox();
    let text = screen(&mentor);
    assert!(
        text.contains("1 reminder(s)") && text.contains("Please file the"),
        "{text}"
    );
    drop(mentor);
    let mut again = demo_app_existing(dir.path(), Some(&login));
    again.show_inbox();
    assert!(again.overlay.is_none(), "shown once");

    // Enter opens the report in the contact log.
    let mut app = demo_app_existing(dir.path(), None);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, mentordesk::app::Screen::Contacts);
    assert_eq!(
        Some(app.contacts.rows[app.contacts.cursor.selected].contact.key),
        first.contact_key
    );
}

#[test]
fn a_coordinator_matches_an_unmatched_mentee_seeing_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('M'));
    let before = app.program.unmatched.len();
    assert!(before > 0);
    let mentee = app.program.unmatched[0].clone();
    press(&mut app, KeyCode::Enter);
    let text = screen(&app);
    assert!(
        text.contains(&format!("Best mentors for {}", mentee.name)),
        "{text}"
    );
    assert!(text.contains("caseload"), "reasons are shown: {text}");
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("the match deadlines start today"));
    assert_eq!(app.program.unmatched.len(), before - 1);
    let active = app.session.assignments_of(mentee.key).unwrap();
    assert_eq!(active.iter().filter(|a| a.ended_on.is_none()).count(), 1);
    assert_eq!(active[0].started_on, today());
}

#[test]
fn evaluation_and_ledger_views_show_the_program() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('e'));
    let text = screen(&app);
    assert!(
        text.contains("Program evaluation") && text.contains("Conversations per month"),
        "{text}"
    );
    assert!(
        text.contains("ended early") && text.contains("check-in attendance"),
        "{text}"
    );
    press(&mut app, KeyCode::Char('$'));
    let text = screen(&app);
    assert!(
        text.contains("Ledger · earned $0.00 · pending $6,000.00") && text.contains("$350.00"),
        "{text}"
    );
    // Mentors see only their own ledger and no evaluation.
    let dir = tempfile::tempdir().unwrap();
    let mut erin = demo_app(dir.path(), Some("erin"));
    press(&mut erin, KeyCode::Char('5'));
    assert!(!press(&mut erin, KeyCode::Char('e')));
    press(&mut erin, KeyCode::Char('$'));
    assert!(erin.program.ledger.iter().all(|l| l.mentor == "Erin Vukovich"));
    assert_eq!(erin.program.ledger.len(), 2);
}

#[test]
fn match_evaluate_ledger_and_digest_follow_their_json_contracts() {
    let dir = tempfile::tempdir().unwrap();
    demo_db(dir.path());
    let db = dir.path().join("demo.db");
    let ranking: serde_json::Value =
        serde_json::from_str(&cli(&db, &["match", "--mentee", "L24", "--json"])).unwrap();
    let first = &ranking[0];
    for key in ["mentor_id", "mentor", "active", "score", "eligible", "reasons"] {
        assert!(first.get(key).is_some(), "{key} in {first}");
    }
    assert_eq!(first["mentor"], "Hana Kowalczyk", "the only mentor with room");
    let scores: Vec<i64> = ranking
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["score"].as_i64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");

    let eval: serde_json::Value = serde_json::from_str(&cli(&db, &["evaluate", "--json"])).unwrap();
    // WEAC has no end-of-match form of its own: the NEA exit forms are not its to count.
    assert_eq!(eval["exit_items"], serde_json::json!([]));
    assert_eq!(eval["exit_completion"], serde_json::json!({}));
    assert_eq!(eval["completed"], 1);
    assert_eq!(eval["ended_early"]["exhausted"], 2);
    assert_eq!(eval["contacts_per_month"].as_array().unwrap().len(), 12);

    let added = cli(
        &db,
        &[
            "ledger", "add", "--mentor", "M01", "--amount", "42.50", "--note", "mileage",
        ],
    );
    assert!(
        added.starts_with("Added $42.50 travel for M01 on 2026-11-23 (entry "),
        "{added}"
    );
    let ledger: serde_json::Value = serde_json::from_str(&cli(&db, &["ledger", "--json"])).unwrap();
    let ana: Vec<&serde_json::Value> = ledger
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["mentor_id"] == "M01")
        .collect();
    let amounts: Vec<i64> = ana.iter().map(|l| l["amount_cents"].as_i64().unwrap()).collect();
    assert_eq!(
        amounts,
        [4_250, 35_000, 40_000],
        "by date: the entry, then the two installments"
    );
    let csv = cli(&db, &["ledger", "--csv"]);
    assert!(
        csv.starts_with("mentor_id,mentor,date,kind,status,amount,note,source\n")
            && csv.contains("travel,earned,42.50,mileage,entry"),
        "{csv}"
    );

    let digest = cli(&db, &["--as", "erin", "digest"]);
    assert!(
        digest.contains("digest for Erin Vukovich") && digest.contains("Overdue ("),
        "{digest}"
    );
    assert!(
        !digest.contains("Farah Haddad"),
        "a mentor's digest covers only their own caseload: {digest}"
    );
}

fn program(dir: &Path, preset: &str, people: &str) -> std::path::PathBuf {
    let db = dir.join("p.db");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_mentordesk"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env("MENTORDESK_TODAY", "2026-11-23")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    run(&["init", "--preset", preset, "--start", "2026-08-01"]);
    let file = dir.join("people.csv");
    std::fs::write(&file, people).unwrap();
    run(&["import", "people", file.to_str().unwrap()]);
    db
}

fn plain(db: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mentordesk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("MENTORDESK_TODAY", "2026-11-23")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn esp_monthly_records_not_filed_are_overdue() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path(), "esp", "id,name,role,login\nM1,Mia Berg,mentor,mia\n");
    let digest = plain(&db, &["digest"]);
    assert!(
        digest.contains("Monthly Record for Sep 2026") && digest.contains("Monthly Record for Oct 2026"),
        "{digest}"
    );
    assert!(
        !digest.contains("Monthly Record for Nov 2026"),
        "November's is not due yet: {digest}"
    );
}

#[test]
fn wvls_pays_three_in_person_meetings_once_six_hours_are_reached() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(
        dir.path(),
        "library",
        "id,name,role,login,years_experience\nM1,Mia Berg,mentor,mia,5\nL1,Lee Al,mentee,,1\n",
    );
    plain(
        &db,
        &["assign", "--mentor", "M1", "--mentee", "L1", "--on", "2026-09-01"],
    );
    for (day, minutes) in [("2026-09-10", "90"), ("2026-10-10", "120")] {
        plain(
            &db,
            &[
                "log",
                "--mentor",
                "M1",
                "--person",
                "L1",
                "--method",
                "in-person",
                "--outcome",
                "conversation",
                "--at",
                &format!("{day}T10:00"),
                "--minutes",
                minutes,
            ],
        );
    }
    let ledger: serde_json::Value = serde_json::from_str(&plain(&db, &["ledger", "--json"])).unwrap();
    let stipends: Vec<&serde_json::Value> = ledger
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["kind"] == "stipend")
        .collect();
    assert_eq!(stipends.len(), 2);
    assert!(
        stipends[0]["note"]
            .as_str()
            .unwrap()
            .contains("3 of 6 hours so far"),
        "{}",
        stipends[0]
    );
    for (day, minutes) in [("2026-11-10", "180"), ("2026-11-20", "60")] {
        plain(
            &db,
            &[
                "log",
                "--mentor",
                "M1",
                "--person",
                "L1",
                "--method",
                "in-person",
                "--outcome",
                "conversation",
                "--at",
                &format!("{day}T10:00"),
                "--minutes",
                minutes,
            ],
        );
    }
    let ledger: serde_json::Value = serde_json::from_str(&plain(&db, &["ledger", "--json"])).unwrap();
    let stipends: Vec<&serde_json::Value> = ledger
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["kind"] == "stipend")
        .collect();
    assert_eq!(stipends.len(), 3, "up to 3 meetings");
    assert!(
        stipends
            .iter()
            .all(|s| s["amount_cents"] == 12_500 && s["status"] == "earned")
    );
    plain(
        &db,
        &[
            "ledger",
            "add",
            "--mentor",
            "M1",
            "--amount",
            "18.40",
            "--kind",
            "travel",
            "--note",
            "Rhinelander trip",
        ],
    );
    let text = plain(&db, &["ledger"]);
    assert!(
        text.contains("travel") && text.contains("earned $393.40 · pending $0.00"),
        "{text}"
    );
    let ranking: serde_json::Value =
        serde_json::from_str(&plain(&db, &["match", "--mentee", "L1", "--json"])).unwrap();
    assert_eq!(ranking[0]["eligible"], true);
    assert!(
        ranking[0]["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r.as_str().unwrap().contains("5 years' experience (needs 2+)"))
    );
}
