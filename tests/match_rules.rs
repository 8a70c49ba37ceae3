//! Match rules: nobody is matched with themself or mentored unless a mentee; a pair the
//! eligibility rules exclude needs --force (and the audit log says so); a certificate for a
//! match still running asks first; the mentee's exit form names its match and counts.

mod common;

use common::{demo_file, mentordesk, session_on};
use mentordesk::domain::forms::{self, Values};
use mentordesk::domain::settings::Preset;
use mentordesk::service::evaluation;
use std::path::Path;

fn run(db: &Path, args: &[&str]) -> (i32, String, String) {
    let out = mentordesk(db).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn match_never_ranks_a_person_against_themself() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "wvls.db", Preset::Library);
    let (code, out, err) = run(&db, &["match", "--mentee", "M01", "--json"]);
    assert_eq!(code, 0, "{err}");
    let others: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(others.len(), 5, "every mentor but herself");
    assert!(others.iter().all(|c| c["mentor_id"] != "M01"));
    let (code, out, _) = run(&db, &["match", "--mentee", "L06", "--json"]);
    assert_eq!(code, 0);
    let ranked: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(ranked.len(), 6);
    assert!(ranked.iter().all(|c| c["mentor_id"] != "L06"));
    let (code, _, err) = run(&db, &["assign", "--mentor", "M01", "--mentee", "M01", "--force"]);
    assert_eq!(code, 2);
    assert!(err.contains("themself"), "{err}");
    let pairs = dir.path().join("pairs.csv");
    std::fs::write(&pairs, "mentor_id,mentee_id,started_on\nM02,M02,2026-11-01\n").unwrap();
    let (code, _, err) = run(&db, &["import", "assignments", pairs.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains(":2: column 'mentee_id': Ben Okafor cannot be matched with themself"),
        "{err}"
    );
}

#[test]
fn an_excluded_pair_needs_force_and_the_audit_log_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "wvls.db", Preset::Library);
    // Farah has one year as a director; the program asks two.
    let (code, _, err) = run(&db, &["assign", "--mentor", "M06", "--mentee", "L06"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("only 1 year's experience") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        run(&db, &["audit", "--limit", "1"]).1.matches("assign").count(),
        0
    );
    let (code, _, err) = run(&db, &["assign", "--mentor", "M06", "--mentee", "L06", "--force"]);
    assert_eq!(code, 0, "{err}");
    let audit = run(&db, &["audit", "--limit", "1"]).1;
    assert!(
        audit.contains("over the eligibility rules: only 1 year's"),
        "{audit}"
    );
    // An eligible pair goes through without a word.
    let (code, _, err) = run(&db, &["assign", "--mentor", "M01", "--mentee", "L07"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_certificate_for_a_running_match_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "esp.db", Preset::Esp);
    let (code, _, err) = run(&db, &["letter", "certificate", "--person", "E01"]);
    assert_eq!(code, 2);
    assert!(err.contains("still active") && err.contains("--force"), "{err}");
    let (code, out, _) = run(&db, &["letter", "certificate", "--person", "E01", "--force"]);
    assert_eq!(code, 0);
    assert!(out.contains("Amy Berg"), "{out}");
    // Ivan's match ended: no question.
    assert_eq!(run(&db, &["letter", "certificate", "--person", "E05"]).0, 0);
}

#[test]
fn exit_completion_counts_the_mentee_forms_that_name_their_match() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "esp.db", Preset::Esp);
    let coordinator = session_on(&db, None);
    let completion = |s: &mentordesk::service::Session| evaluation::evaluate(s).unwrap().exit_completion;
    assert_eq!(completion(&coordinator)["exit-mentee"], (2, 2));
    assert_eq!(completion(&coordinator)["exit-mentor"], (2, 2));

    // A match that ends now: the coordinator enters the mentee's paper exit form about her.
    let mut coordinator = coordinator;
    let amy = coordinator.person_by_id("E01").unwrap().unwrap();
    let pair = coordinator
        .assignments_of(amy.key)
        .unwrap()
        .into_iter()
        .find(|a| a.ended_on.is_none())
        .unwrap();
    coordinator
        .end_assignment(
            pair.editing(),
            common::today(),
            mentordesk::domain::types::EndReason::Completed,
        )
        .unwrap();
    assert_eq!(completion(&coordinator)["exit-mentee"], (2, 3));
    let values: Values = [
        ("mentor", "Ana Lindqvist"),
        ("completed", "yes"),
        ("needs", "5"),
        ("growth", "4"),
        ("successful", "5"),
        ("signature", "Amy Berg"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    coordinator
        .file_form(forms::find("exit-mentee").unwrap(), Some(amy.key), &values, None)
        .unwrap();
    assert_eq!(completion(&coordinator)["exit-mentee"], (3, 3));
}

#[test]
fn the_matching_view_asks_before_assigning_an_excluded_pair() {
    use crossterm::event::KeyCode;
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "wvls.db", Preset::Library);
    let mut app = common::app_on(&db, None);
    common::press(&mut app, KeyCode::Char('5'));
    common::press(&mut app, KeyCode::Char('M'));
    // Rosa has five years as a director: the program takes mentees with two or fewer.
    let rosa = app.program.unmatched.iter().position(|p| p.id == "L08").unwrap();
    for _ in 0..rosa {
        common::press(&mut app, KeyCode::Down);
    }
    common::press(&mut app, KeyCode::Enter);
    common::press(&mut app, KeyCode::Enter);
    let asked = common::screen(&app);
    assert!(asked.contains("The program's rules exclude this pair"), "{asked}");
    assert!(asked.contains("mentee has 5 years'"), "{asked}");
    common::press(&mut app, KeyCode::Char('n'));
    let count = |db: &Path| {
        common::raw(db)
            .query_row(
                "SELECT count(*) FROM assignments WHERE mentee = (SELECT key FROM people WHERE id = 'L08')",
                [],
                |r| r.get::<_, i64>(0),
            )
            .unwrap()
    };
    assert_eq!(count(&db), 0, "no, and nothing is assigned");
    common::press(&mut app, KeyCode::Enter);
    common::press(&mut app, KeyCode::Enter);
    common::press(&mut app, KeyCode::Char('y'));
    assert_eq!(count(&db), 1);
    let audit = run(&db, &["audit", "--limit", "1"]).1;
    assert!(
        audit.contains("over the eligibility rules:") && audit.contains("mentee has 5 years' experience"),
        "{audit}"
    );
}

#[test]
fn the_forms_screen_asks_before_a_certificate_for_a_running_match() {
    use crossterm::event::KeyCode;
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "esp.db", Preset::Esp);
    let mut ana = common::app_on(&db, Some("ana"));
    ana.letters_dir = Some(dir.path().join("letters"));
    common::press(&mut ana, KeyCode::Char('4'));
    let certificate_for_amy = |ana: &mut mentordesk::app::App| {
        common::press(ana, KeyCode::Char('L'));
        for _ in 0..3 {
            common::press(ana, KeyCode::Down); // the certificate, the last letter
        }
        common::press(ana, KeyCode::Enter);
        common::press(ana, KeyCode::Enter); // Amy, whose match with Ana still runs
    };
    certificate_for_amy(&mut ana);
    let asked = common::screen(&ana);
    assert!(asked.contains("match is still active"), "{asked}");
    common::press(&mut ana, KeyCode::Char('n'));
    assert!(!dir.path().join("letters").exists());
    certificate_for_amy(&mut ana);
    common::press(&mut ana, KeyCode::Char('y'));
    assert!(common::screen(&ana).contains("Wrote "));
    assert_eq!(std::fs::read_dir(dir.path().join("letters")).unwrap().count(), 2);
}
