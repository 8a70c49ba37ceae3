//! One identity everywhere: every record's global id survives export and import, imports never
//! double what is already there, and each program's own exports import into a new program.

mod common;

use common::*;
use mentordesk::domain::settings::Preset;
use std::path::{Path, PathBuf};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A Check & Connect program with a mentor, a student on their caseload and a guardian.
fn small_program(dir: &Path) -> PathBuf {
    let db = dir.join("p.db");
    ok(
        &db,
        &["init", "--preset", "check-connect", "--start", "2026-08-15"],
    );
    let people = write(
        dir,
        "people.csv",
        "id,name,role,login,student_id\nM1,Mia Berg,mentor,mia,\nS1,Sam Ode,mentee,,\nG1,Ode (guardian),guardian,,S1\n",
    );
    ok(&db, &["import", "people", arg(&people)]);
    ok(
        &db,
        &["assign", "--mentor", "M1", "--mentee", "S1", "--on", "2026-09-01"],
    );
    db
}

/// The data rows of an export (its header left out).
fn rows(csv: &str) -> Vec<&str> {
    csv.lines().skip(1).collect()
}

#[test]
fn a_contacts_file_imported_twice_is_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = small_program(dir.path());
    let file = write(
        dir.path(),
        "c.csv",
        "mentor_id,person_id,occurred_at,method,outcome,notes\n\
         M1,S1,2026-10-01T10:00,phone,conversation,Talked about attendance.\n\
         M1,S1,2026-10-08T10:00,phone,no-answer,\n\
         M1,G1,2026-10-09T16:00,phone,conversation,The guardian called back.\n",
    );
    assert_eq!(
        ok(&db, &["import", "contacts", arg(&file)]),
        "imported 3 contacts\n"
    );
    assert_eq!(
        ok(&db, &["import", "contacts", arg(&file)]),
        "imported 3 contacts: 0 new, 3 already there\n"
    );
    assert_eq!(rows(&ok(&db, &["export", "contacts"])).len(), 3);
    // A row that differs in anything the rule compares is new.
    let one_more = write(
        dir.path(),
        "d.csv",
        "mentor_id,person_id,occurred_at,method,outcome,notes\n\
         M1,S1,2026-10-01T10:00,phone,conversation,Talked about attendance.\n\
         M1,S1,2026-10-01T10:00,phone,conversation,Talked about attendance again.\n",
    );
    assert_eq!(
        ok(&db, &["import", "contacts", arg(&one_more)]),
        "imported 2 contacts: 1 new, 1 already there\n"
    );
    assert_eq!(rows(&ok(&db, &["export", "contacts"])).len(), 4);
    // Meant duplicates are said so.
    assert_eq!(
        ok(&db, &["import", "contacts", arg(&file), "--allow-duplicates"]),
        "imported 3 contacts\n"
    );
    assert_eq!(rows(&ok(&db, &["export", "contacts"])).len(), 7);
    // Rows repeated inside one file are that file's: in once, skipped the second time.
    let twice = write(
        dir.path(),
        "twice.csv",
        "mentor_id,person_id,occurred_at,method,outcome\n\
         M1,S1,2026-11-02T10:00,text,no-reply\n\
         M1,S1,2026-11-02T10:00,text,no-reply\n",
    );
    assert_eq!(
        ok(&db, &["import", "contacts", arg(&twice)]),
        "imported 2 contacts\n"
    );
    assert_eq!(
        ok(&db, &["import", "contacts", arg(&twice)]),
        "imported 2 contacts: 0 new, 2 already there\n"
    );
    assert_eq!(rows(&ok(&db, &["export", "contacts"])).len(), 9);
}

#[test]
fn a_contact_with_an_id_is_skipped_updated_from_its_version_or_refused_when_stale() {
    let dir = tempfile::tempdir().unwrap();
    let db = small_program(dir.path());
    ok(
        &db,
        &[
            "log",
            "--mentor",
            "M1",
            "--person",
            "S1",
            "--method",
            "phone",
            "--outcome",
            "conversation",
            "--at",
            "2026-10-01T10:00",
            "--notes",
            "First call.",
        ],
    );
    let exported = ok(&db, &["export", "contacts"]);
    assert!(exported.starts_with("id,mentor_id,"), "{exported}");
    let file = write(dir.path(), "e.csv", &exported);
    assert_eq!(
        ok(&db, &["import", "contacts", arg(&file)]),
        "imported 1 contacts: 0 new, 1 already there\n"
    );
    // Changed in the file, from the version it was exported at: saved, and the version moves on.
    let changed = write(
        dir.path(),
        "f.csv",
        &exported.replace("First call.", "First call and more."),
    );
    assert_eq!(
        ok(&db, &["import", "contacts", arg(&changed)]),
        "imported 1 contacts: 0 new, 1 changed\n"
    );
    let after = ok(&db, &["export", "contacts"]);
    assert!(after.contains("First call and more.,,2,"), "{after}");
    assert_eq!(rows(&after).len(), 1);
    assert!(
        ok(&db, &["audit"]).contains(
            r#"edit contact (Mia Berg with Sam Ode): notes "First call." → "First call and more.""#
        )
    );
    // Another change made from the old version is refused: someone saved since.
    let stale = write(
        dir.path(),
        "g.csv",
        &exported.replace("First call.", "Second thoughts."),
    );
    let err = fails(&db, &["import", "contacts", arg(&stale)], 2);
    assert!(
        err.contains("g.csv:2: column 'version'") && err.contains("was changed here"),
        "{err}"
    );
    assert!(ok(&db, &["export", "contacts"]).contains("First call and more."));
    // An id this program has never seen is added with that id.
    let foreign = exported.replace(
        &exported[exported.find('\n').unwrap() + 1..][..36],
        "0192f1d2-7c3a-7d4e-8f00-1a2b3c4d5e6f",
    );
    let foreign = write(dir.path(), "h.csv", &foreign);
    assert_eq!(
        ok(&db, &["import", "contacts", arg(&foreign)]),
        "imported 1 contacts\n"
    );
    assert!(ok(&db, &["export", "contacts"]).contains("0192f1d2-7c3a-7d4e-8f00-1a2b3c4d5e6f,M1,S1,"));
}

/// The per-kind exports of `db` imported into a new program of `preset`: its assignments and
/// contacts export the same bytes, and its people the same rows (but for the coordinators: a new
/// program starts with the one who created it).
fn round_trip(dir: &Path, db: &Path, preset: &str) {
    let export = |db: &Path, kind: &str| ok(db, &["export", kind]);
    let (people, assignments, contacts) = (
        export(db, "people"),
        export(db, "assignments"),
        export(db, "contacts"),
    );
    let not_coordinators = |csv: &str| -> String {
        csv.lines()
            .filter(|l| !l.contains(",coordinator,"))
            .map(|l| format!("{l}\n"))
            .collect()
    };
    let new = dir.join(format!("{preset}-new.db"));
    ok(&new, &["init", "--preset", preset, "--start", "2026-08-01"]);
    for (kind, text) in [
        ("people", not_coordinators(&people)),
        ("assignments", assignments.clone()),
        ("contacts", contacts.clone()),
    ] {
        let file = write(dir, &format!("{preset}-{kind}.csv"), &text);
        ok(&new, &["import", kind, arg(&file)]);
    }
    assert_eq!(export(&new, "assignments"), assignments, "{preset}: assignments");
    assert_eq!(export(&new, "contacts"), contacts, "{preset}: contacts");
    assert_eq!(
        not_coordinators(&export(&new, "people")),
        not_coordinators(&people),
        "{preset}: people"
    );
    // Importing the same files again changes nothing.
    let file = dir.join(format!("{preset}-contacts.csv"));
    let again = ok(&new, &["import", "contacts", arg(&file)]);
    assert!(
        again.ends_with(&format!(": 0 new, {} already there\n", rows(&contacts).len())),
        "{again}"
    );
}

#[test]
fn every_demo_programs_exports_import_into_a_new_program_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    for (preset, name) in [
        (Preset::RuralUnion, "rural-union"),
        (Preset::CheckConnect, "check-connect"),
        (Preset::Library, "library"),
        (Preset::Esp, "esp"),
        (Preset::Afscme, "afscme"),
    ] {
        let db = demo_file(dir.path(), &format!("{name}.db"), preset);
        round_trip(dir.path(), &db, name);
    }
}

#[test]
fn the_generated_program_holds_only_what_the_rules_accept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("generated.db");
    let out = mentordesk(&db)
        .args([
            "demo",
            "--generate",
            "--people",
            "200",
            "--contacts",
            "3000",
            "--seed",
            "5",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // Every generated contact passes the same import a coordinator's file goes through.
    round_trip(dir.path(), &db, "rural-union");
}

#[test]
fn people_carry_whether_they_are_active_and_their_global_id() {
    let dir = tempfile::tempdir().unwrap();
    let db = small_program(dir.path());
    let people = ok(&db, &["export", "people"]);
    assert!(people.starts_with("id,name,role,login,"), "{people}");
    assert!(
        people.lines().next().unwrap().ends_with(",student_id,active,gid"),
        "{people}"
    );
    // Deactivated by the file, as the app does it: their open assignment ends.
    let file = write(
        dir.path(),
        "off.csv",
        "id,name,role,active\nS1,Sam Ode,mentee,no\n",
    );
    let said = ok(&db, &["import", "people", arg(&file)]);
    assert!(said.contains("deactivated or reactivated: S1"), "{said}");
    let assignments = ok(&db, &["export", "assignments"]);
    assert!(
        assignments.contains(",M1,S1,2026-09-01,2026-11-23,left-organization,2\n"),
        "{assignments}"
    );
    let s1 = ok(&db, &["export", "people"]);
    assert!(
        s1.lines().any(|l| l.starts_with("S1,") && l.contains(",no,")),
        "{s1}"
    );
    // A global id that is not the stored one's is another person.
    let other = write(
        dir.path(),
        "other.csv",
        "id,name,role,gid\nS1,Sam Ode,mentee,0192f1d2-7c3a-7d4e-8f00-1a2b3c4d5e6f\n",
    );
    let err = fails(&db, &["import", "people", arg(&other)], 2);
    assert!(err.contains("column 'gid'"), "{err}");
}
