//! NEA tool 2, the Application Process for Mentors: each applicant's file (cover letter, the
//! application form, two references with one from the Association), its status, the committee's
//! decision with a reason; matching offers only accepted applicants; the archive keeps only the
//! application form of it.

mod common;

use common::{demo_file, mentordesk};
use mentordesk::domain::settings::Preset;
use serde_json::Value;
use std::path::Path;

fn run(db: &Path, args: &[&str]) -> (i32, String, String) {
    let out = mentordesk(db).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn ok(db: &Path, args: &[&str]) -> String {
    let (code, out, err) = run(db, args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

fn status_of(db: &Path, id: &str) -> Value {
    let all: Vec<Value> = serde_json::from_str(&ok(db, &["applicants", "list", "--json"])).unwrap();
    all.into_iter().find(|a| a["person_id"] == id).unwrap()
}

fn offered(db: &Path, mentee: &str) -> Vec<String> {
    let ranked: Vec<Value> = serde_json::from_str(&ok(db, &["match", "--mentee", mentee, "--json"])).unwrap();
    ranked
        .iter()
        .map(|c| c["mentor_id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_demo_has_applicants_in_every_state() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "esp.db", Preset::Esp);
    let all: Vec<Value> = serde_json::from_str(&ok(&db, &["applicants", "list", "--json"])).unwrap();
    let mut states: Vec<&str> = all.iter().map(|a| a["status"].as_str().unwrap()).collect();
    states.sort();
    states.dedup();
    assert_eq!(states, ["accepted", "complete", "declined", "incomplete"]);
    let gail = status_of(&db, "M05");
    assert_eq!(
        gail["missing"],
        serde_json::json!(["two letters of reference", "a reference from the Association"])
    );
    assert_eq!(gail["cover_letter"]["times"], "After the afternoon routes");
    let jon = status_of(&db, "M08");
    assert_eq!(jon["decision"]["verdict"], "declined");
    assert!(
        jon["decision"]["reason"]
            .as_str()
            .unwrap()
            .contains("three years")
    );
    let text = ok(&db, &["applicants", "list"]);
    assert!(
        text.contains("M07    Irene Walsh              complete   ready for the committee"),
        "{text}"
    );
}

#[test]
fn the_committee_decides_complete_files_with_a_reason_and_matching_offers_only_the_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "esp.db", Preset::Esp);
    let before = offered(&db, "E05");
    assert!(
        before
            .iter()
            .all(|m| ["M01", "M02", "M03", "M04"].contains(&m.as_str())),
        "{before:?}"
    );
    assert_eq!(before.len(), 4);

    // Hector has two references, neither from the Association.
    let (code, _, err) = run(
        &db,
        &[
            "applicants",
            "decide",
            "--person",
            "M06",
            "--accept",
            "--reason",
            "ok",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("incomplete: a reference from the Association missing"),
        "{err}"
    );
    ok(
        &db,
        &[
            "applicants",
            "reference",
            "--person",
            "M06",
            "--referee",
            "UniServ director",
            "--association",
        ],
    );
    assert_eq!(status_of(&db, "M06")["status"], "complete");
    let (code, _, err) = run(
        &db,
        &[
            "applicants",
            "decide",
            "--person",
            "M06",
            "--accept",
            "--reason",
            " ",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("needs a reason"), "{err}");
    ok(
        &db,
        &[
            "applicants",
            "decide",
            "--person",
            "M06",
            "--accept",
            "--reason",
            "Eleven years on the routes",
        ],
    );
    let hector = status_of(&db, "M06");
    assert_eq!(hector["status"], "accepted");
    assert_eq!(hector["decision"]["on"], "2026-11-23");
    assert!(offered(&db, "E05").contains(&"M06".to_string()));
    // Irene's complete file is not offered until accepted; a declined one never.
    assert!(!offered(&db, "E05").contains(&"M07".to_string()));
    ok(
        &db,
        &[
            "applicants",
            "decide",
            "--person",
            "M07",
            "--decline",
            "--reason",
            "No opening this term",
        ],
    );
    assert!(!offered(&db, "E05").contains(&"M07".to_string()));
    // A second decision does not silently replace the first: exit 4, naming who made it.
    let accept_irene = [
        "applicants",
        "decide",
        "--person",
        "M07",
        "--accept",
        "--reason",
        "An opening came up",
    ];
    let (code, _, err) = run(&db, &accept_irene);
    assert_eq!(code, 4, "{err}");
    assert!(
        err.contains("the decision on Irene") && err.contains("declined; --replace changes it"),
        "{err}"
    );
    assert_eq!(status_of(&db, "M07")["status"], "declined", "kept");
    ok(&db, &[&accept_irene[..], &["--replace"]].concat());
    assert_eq!(status_of(&db, "M07")["status"], "accepted");
    let audit = ok(&db, &["audit", "--limit", "1"]);
    assert!(
        audit.contains("decision declined → accepted"),
        "the change is audited from and to: {audit}"
    );
    ok(
        &db,
        &[
            &accept_irene[..4],
            &["--decline", "--reason", "No opening this term", "--replace"],
        ]
        .concat(),
    );
    let audit = ok(&db, &["audit", "--limit", "3"]);
    assert!(
        audit.contains("declined application") && audit.contains("No opening this term"),
        "{audit}"
    );
}

#[test]
fn a_new_applicant_file_from_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "esp.db", Preset::Esp);
    let (code, _, err) = run(&db, &["applicants", "open", "--person", "E06"]);
    assert_eq!(code, 2);
    assert!(err.contains("applicants apply to be mentors"), "{err}");
    let (code, _, err) = run(&db, &["applicants", "open", "--person", "M01"]);
    assert_eq!(code, 2, "{err}");
    let people = dir.path().join("p.csv");
    std::fs::write(&people, "id,name,role,years_experience\nM09,Kay Lund,mentor,6\n").unwrap();
    ok(&db, &["import", "people", people.to_str().unwrap()]);
    ok(
        &db,
        &["applicants", "open", "--person", "M09", "--on", "2026-11-02"],
    );
    assert_eq!(
        status_of(&db, "M09")["missing"],
        serde_json::json!([
            "cover letter (all three questions)",
            "application form",
            "two letters of reference",
            "a reference from the Association"
        ])
    );
    ok(
        &db,
        &[
            "applicants",
            "cover",
            "--person",
            "M09",
            "--why",
            "To give back",
            "--offer",
            "Six years",
            "--times",
            "Mornings",
        ],
    );
    assert_eq!(status_of(&db, "M09")["missing"][0], "application form");
    // Answers on file are replaced only on purpose.
    let again = [
        "applicants",
        "cover",
        "--person",
        "M09",
        "--why",
        "Other words",
        "--offer",
        "Six years",
        "--times",
        "Evenings",
    ];
    let (code, _, err) = run(&db, &again);
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("cover letter (--replace changes it)"), "{err}");
    ok(&db, &[&again[..], &["--replace"]].concat());
    let audit = ok(&db, &["audit", "--limit", "1"]);
    assert!(
        audit.contains("why \"To give back\" → \"Other words\""),
        "{audit}"
    );
    assert!(audit.contains("times Mornings → Evenings"), "{audit}");
    // A mentor cannot read the files.
    let (code, _, err) = run(&db, &["--as", "ana", "applicants", "list"]);
    assert_eq!(code, 3, "{err}");
}

#[test]
fn the_archive_keeps_the_application_form_but_not_the_letters_or_the_deliberation() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "esp.db", Preset::Esp);
    let archive: Value = serde_json::from_str(&ok(&db, &["export", "archive"])).unwrap();
    let applications = archive["applications"].as_array().unwrap();
    assert!(
        applications
            .iter()
            .any(|a| a["about_id"] == "M07" && a["form"] == "mentor-application")
    );
    let text = archive.to_string();
    for private in ["To give new colleagues", "Office manager", "welcome to reapply"] {
        assert!(!text.contains(private), "{private} is not for the archive");
    }
}
