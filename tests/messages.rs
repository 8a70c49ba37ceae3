//! What the commands say: the name the user gave, what was done in words, no raw keys.
mod common;

use common::{demo_file, ok};
use mentordesk::domain::settings::Preset;

#[test]
fn init_names_the_program_it_made() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lakeview.db");
    let out = ok(
        &db,
        &[
            "init",
            "--preset",
            "esp",
            "--start",
            "2026-08-01",
            "--name",
            "Lakeview ESP",
        ],
    );
    assert!(out.starts_with("created Lakeview ESP at "), "{out}");
    let plain = dir.path().join("plain.db");
    let out = ok(&plain, &["init", "--preset", "esp", "--start", "2026-08-01"]);
    assert!(
        out.starts_with(&format!("created {} at ", Preset::Esp.default_name())),
        "{out}"
    );
}

#[test]
fn unassign_says_which_match_ended_when_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "esp.db", Preset::Esp);
    ok(&db, &["assign", "--mentor", "M01", "--mentee", "E06"]);
    let out = ok(
        &db,
        &[
            "--today",
            "2026-11-23",
            "unassign",
            "--mentor",
            "M01",
            "--mentee",
            "E06",
            "--reason",
            "left-organization",
        ],
    );
    assert_eq!(
        out,
        "Ended the match of M01 with E06 on 2026-11-23 (left organization)\n"
    );
}
