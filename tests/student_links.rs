//! Check & Connect: guardians, school staff and providers are linked to their student; a mentor
//! reaches only the people around their own students, and none of them is ever a mentee.

mod common;

use common::{fails, ok};
use std::path::{Path, PathBuf};

/// Mia mentors Sam, Max mentors Tia; Sam's guardian is listed before Sam.
fn program(dir: &Path) -> PathBuf {
    let db = dir.join("cc.db");
    ok(
        &db,
        &["init", "--preset", "check-connect", "--start", "2026-08-15"],
    );
    let people = dir.join("people.csv");
    std::fs::write(
        &people,
        "id,name,role,login,student_id\n\
         G1,Ode (guardian),guardian,,S1\n\
         M1,Mia Berg,mentor,mia,\n\
         M2,Max Dahl,mentor,max,\n\
         S1,Sam Ode,student,,\n\
         S2,Tia Lee,student,,\n\
         C1,Ms. Alvarez,school-staff,,S1;S2\n\
         P1,Youth Services,provider,,\n",
    )
    .unwrap();
    ok(&db, &["import", "people", people.to_str().unwrap()]);
    ok(
        &db,
        &["assign", "--mentor", "M1", "--mentee", "S1", "--on", "2026-09-01"],
    );
    ok(
        &db,
        &["assign", "--mentor", "M2", "--mentee", "S2", "--on", "2026-09-01"],
    );
    db
}

fn log<'a>(mentor: &'a str, person: &'a str) -> Vec<&'a str> {
    vec![
        "log",
        "--mentor",
        mentor,
        "--person",
        person,
        "--method",
        "phone",
        "--outcome",
        "conversation",
        "--at",
        "2026-11-20",
    ]
}

#[test]
fn a_mentor_reaches_only_the_people_around_their_own_students() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path());
    ok(&db, &log("M1", "G1"));
    let err = fails(&db, &log("M2", "G1"), 2);
    assert!(err.contains("not linked to any of your students"), "{err}");
    // The counselor works with both students, so both mentors reach her.
    ok(&db, &log("M1", "C1"));
    ok(&db, &log("M2", "C1"));
    // The provider, until linked, is nobody's.
    assert!(fails(&db, &log("M2", "P1"), 2).contains("not linked"));
    ok(&db, &["link", "--person", "P1", "--student", "S2"]);
    ok(&db, &log("M2", "P1"));
    assert!(fails(&db, &log("M1", "P1"), 2).contains("not linked"));
}

#[test]
fn links_go_only_from_the_people_around_a_student_to_a_student() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path());
    assert!(fails(&db, &["link", "--person", "M1", "--student", "S1"], 2).contains("not a mentor"));
    assert!(fails(&db, &["link", "--person", "G1", "--student", "M2"], 2).contains("not a mentor"));
    let err = fails(&db, &["assign", "--mentor", "M1", "--mentee", "G1", "--force"], 2);
    assert!(err.contains("never as a mentee"), "{err}");
    assert!(fails(&db, &["match", "--mentee", "P1"], 2).contains("never as a mentee"));
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "id,name,role,student_id\nG9,Someone,guardian,S404\n").unwrap();
    let err = fails(&db, &["import", "people", bad.to_str().unwrap()], 2);
    assert!(
        err.contains(":2: column 'student_id': no student with id 'S404'"),
        "{err}"
    );
}

#[test]
fn links_survive_an_export_and_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path());
    let csv = ok(&db, &["export", "people"]);
    assert!(csv.lines().next().unwrap().contains(",student_id,"), "{csv}");
    assert!(
        csv.contains("C1,Ms. Alvarez,staff") && csv.contains(",S1;S2"),
        "{csv}"
    );
    // The new program has a coordinator of its own: the one who made it.
    let others: String = csv
        .lines()
        .filter(|l| !l.starts_with("root,"))
        .map(|l| format!("{l}\n"))
        .collect();
    let file = dir.path().join("people.csv");
    std::fs::write(&file, others).unwrap();
    let copy = dir.path().join("copy.db");
    ok(
        &copy,
        &["init", "--preset", "check-connect", "--start", "2026-08-15"],
    );
    ok(&copy, &["import", "people", file.to_str().unwrap()]);
    ok(
        &copy,
        &["assign", "--mentor", "M1", "--mentee", "S1", "--on", "2026-09-01"],
    );
    ok(&copy, &log("M1", "G1"));
}
