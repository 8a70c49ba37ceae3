//! The store on real SQLite files in temporary directories.

use crate::domain::YearMonth;
use crate::domain::contacts::Reach;
use crate::domain::permissions::Permission;
use crate::domain::records::ContactFilter;
use crate::domain::records::{ContactInput, PersonFields, Program};
use crate::domain::settings::{Preset, Settings};
use crate::domain::types::{Method, Outcome, Role};
use crate::error::Error;
use crate::service::Session;
use crate::service::store::{Store, schema};
use chrono::{NaiveDate, NaiveDateTime};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn new_program(path: &Path) -> Store {
    let mut store = Store::open(path, 0o600).unwrap();
    let start = NaiveDate::from_ymd_opt(2026, 8, 1).unwrap();
    store
        .create_program(&Program {
            name: "Test".into(),
            preset: "rural-union".into(),
            start_date: start,
            settings: Settings::preset(Preset::RuralUnion, start),
            demo: false,
        })
        .unwrap();
    store
}

fn login(name: &str) -> PersonFields {
    PersonFields {
        login: Some(name.into()),
        ..Default::default()
    }
}

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
}

fn contact(mentor: i64, person: i64, when: &str, outcome: Outcome) -> ContactInput {
    ContactInput {
        mentor,
        person,
        occurred_at: at(when),
        method: Method::Phone,
        outcome,
        duration_min: None,
        support_when: None,
        support_what: String::new(),
        notes: String::new(),
        follow_up_on: None,
        submitted_on: None,
        intervention: None,
        pillar: None,
    }
}

fn open_error(path: &Path) -> String {
    match Store::open(path, 0o600) {
        Ok(_) => panic!("{} opened", path.display()),
        Err(err) => err.to_string(),
    }
}

#[test]
fn a_new_database_is_private_wal_and_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    let store = new_program(&path);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let journal: String = store
        .conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
    let version: i64 = store
        .conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, schema::latest_version());
    let fk: i64 = store
        .conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    for table in [
        "program",
        "people",
        "assignments",
        "contacts",
        "events",
        "form_submissions",
        "attendance",
        "goals",
        "ledger",
        "audit_log",
    ] {
        let n: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1, "table {table}");
    }
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "id,name\n1,Ana\n").unwrap();
    let err = open_error(&path);
    assert!(err.contains("not a SQLite file") && !err.contains('\n'), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "id,name\n1,Ana\n");
}

#[test]
fn a_truncated_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.db");
    drop(new_program(&good));
    let bytes = std::fs::read(&good).unwrap();
    let path = dir.path().join("cut.db");
    std::fs::write(&path, &bytes[..200]).unwrap();
    let err = open_error(&path);
    assert!(!err.contains('\n'), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), &bytes[..200]);
}

#[test]
fn a_schema_newer_than_the_binary_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    drop(new_program(&path));
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = open_error(&path);
    assert!(err.contains("newer mentordesk"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn read_only_files_and_directories_and_missing_directories_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    drop(new_program(&path));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o400)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = open_error(&path);
    assert!(err.contains("read-only") && !err.contains('\n'), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();

    let locked_dir = dir.path().join("ro");
    std::fs::create_dir(&locked_dir).unwrap();
    std::fs::set_permissions(&locked_dir, std::fs::Permissions::from_mode(0o500)).unwrap();
    let err = open_error(&locked_dir.join("p.db"));
    assert!(err.contains("read-only"), "{err}");
    assert!(!locked_dir.join("p.db").exists());
    std::fs::set_permissions(&locked_dir, std::fs::Permissions::from_mode(0o700)).unwrap();

    let err = open_error(&dir.path().join("missing").join("p.db"));
    assert!(err.contains("does not exist"), "{err}");
    assert!(
        !dir.path().join("missing").exists(),
        "the directory is not created"
    );
}

#[test]
fn a_writer_that_holds_the_lock_too_long_gives_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    let mut store = new_program(&path);
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let files = || ["p.db", "p.db-wal"].map(|name| std::fs::read(dir.path().join(name)).unwrap_or_default());
    let before = files();
    let err = store
        .add_person("x", "X", Role::Mentee, &PersonFields::default())
        .unwrap_err();
    assert!(err.to_string().contains("locked by another program"), "{err}");
    assert!(!err.to_string().contains('\n'));
    assert!(files() == before, "the database and its journal are untouched");
    other.execute_batch("ROLLBACK").unwrap();
    store
        .add_person("x", "X", Role::Mentee, &PersonFields::default())
        .unwrap();
}

#[test]
fn a_full_disk_saves_nothing_says_so_in_one_line_and_leaves_the_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    let mut store = new_program(&path);
    let mentor = store
        .add_person("M1", "Mia", Role::Mentor, &login("mia"))
        .unwrap();
    let person = store
        .add_person("L1", "Al", Role::Mentee, &PersonFields::default())
        .unwrap();
    store
        .add_contact(
            &contact(mentor, person, "2026-11-02T10:00", Outcome::Conversation),
            Reach::Caseload,
            "t",
        )
        .unwrap();
    // SQLite answers SQLITE_FULL once the file would grow past this many pages.
    let pages: i64 = store
        .conn
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    store.conn.pragma_update(None, "max_page_count", pages).unwrap();
    let mut long = contact(mentor, person, "2026-11-03T10:00", Outcome::Conversation);
    long.notes = "a long conversation about the grievance. ".repeat(2_000);
    let mut saved = 0;
    let err = loop {
        match store.add_contact(&long, Reach::Caseload, "t") {
            Ok(_) => saved += 1,
            Err(err) => break err.to_string(),
        }
        assert!(saved < 100, "the page limit never bit");
    };
    assert!(
        err.contains("p.db: the disk is full; nothing was saved") && !err.contains('\n'),
        "{err}"
    );
    drop(store);

    let conn = rusqlite::Connection::open(&path).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let contacts: i64 = conn
        .query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        contacts,
        1 + saved,
        "what was saved before stays; the failed write left nothing"
    );
    drop(conn);
    let mut store = Store::open(&path, 0o600).unwrap();
    store
        .add_contact(&long, Reach::Caseload, "t")
        .expect("with room again, writing works");
}

#[test]
fn two_processes_starting_at_once_migrate_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    // A database of the first schema, from an old mentordesk.
    let old = rusqlite::Connection::open(&path).unwrap();
    old.execute_batch(schema::MIGRATIONS[0]).unwrap();
    old.pragma_update(None, "user_version", 1).unwrap();
    drop(old);
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let path = path.clone();
            std::thread::spawn(move || Store::open(&path, 0o600).map(|_| ()))
        })
        .collect();
    for h in handles {
        h.join().unwrap().unwrap();
    }
    let store = Store::open(&path, 0o600).unwrap();
    let version: i64 = store
        .conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, schema::latest_version());
}

#[test]
fn contacts_page_newest_first_and_deleted_ones_never_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_program(&dir.path().join("p.db"));
    let mentor = store
        .add_person("M1", "Mia", Role::Mentor, &login("mia"))
        .unwrap();
    let a = store
        .add_person("L1", "Al", Role::Mentee, &PersonFields::default())
        .unwrap();
    let b = store
        .add_person("L2", "Bo", Role::Mentee, &PersonFields::default())
        .unwrap();
    let mut keys = Vec::new();
    for day in 1..=9 {
        keys.push(
            store
                .add_contact(
                    &contact(mentor, a, &format!("2026-11-0{day}T10:00"), Outcome::NoAnswer),
                    Reach::Caseload,
                    "t",
                )
                .unwrap(),
        );
    }
    let gone = store
        .add_contact(
            &contact(mentor, b, "2026-11-10T10:00", Outcome::Conversation),
            Reach::Caseload,
            "t",
        )
        .unwrap();
    store.delete_contact(gone, "t").unwrap();

    let filter = ContactFilter::default();
    let first = store.contacts(&filter, None, 4).unwrap();
    assert_eq!(first.len(), 4);
    assert_eq!(first[0].contact.input.occurred_at, at("2026-11-09T10:00"));
    let last = first.last().unwrap();
    let second = store
        .contacts(
            &filter,
            Some((last.contact.input.occurred_at, last.contact.key)),
            100,
        )
        .unwrap();
    assert_eq!(second.len(), 5, "deleted contact is not listed");
    assert_eq!(second[0].contact.input.occurred_at, at("2026-11-05T10:00"));

    let month = YearMonth::new(2026, 11).unwrap();
    let by_mentor = store.month_contacts(month, None).unwrap();
    assert_eq!(by_mentor[&mentor].len(), 9, "the deleted conversation is gone");
    assert!(by_mentor[&mentor].iter().all(|c| c.person == a));
}

#[test]
fn overdue_reports_follow_the_due_rule() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_program(&dir.path().join("p.db"));
    let mentor = store
        .add_person("M1", "Mia", Role::Mentor, &login("mia"))
        .unwrap();
    let a = store
        .add_person("L1", "Al", Role::Mentee, &PersonFields::default())
        .unwrap();
    // Oct 29 is October's last Thursday.
    let on_due = store
        .add_contact(
            &contact(mentor, a, "2026-10-29T10:00", Outcome::Conversation),
            Reach::Caseload,
            "t",
        )
        .unwrap();
    let after_due = store
        .add_contact(
            &contact(mentor, a, "2026-10-30T10:00", Outcome::NoAnswer),
            Reach::Caseload,
            "t",
        )
        .unwrap();
    let early = store
        .add_contact(
            &contact(mentor, a, "2026-10-01T10:00", Outcome::NoAnswer),
            Reach::Caseload,
            "t",
        )
        .unwrap();
    store
        .mark_submitted(early, NaiveDate::from_ymd_opt(2026, 10, 2).unwrap(), "t")
        .unwrap();
    let thu = chrono::Weekday::Thu;
    let oct29 = NaiveDate::from_ymd_opt(2026, 10, 29).unwrap();
    assert!(
        store.overdue_reports(thu, oct29, None, 100).unwrap().is_empty(),
        "not overdue on the due date"
    );
    let nov23 = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let overdue = store.overdue_reports(thu, nov23, None, 100).unwrap();
    assert_eq!(overdue.len(), 1);
    assert_eq!(overdue[0].contact_key, on_due);
    assert_eq!(overdue[0].days_overdue, 25);
    let dec = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    let later = store.overdue_reports(thu, dec, None, 100).unwrap();
    assert_eq!(
        later.iter().map(|o| o.contact_key).collect::<Vec<_>>(),
        vec![on_due, after_due]
    );
}

#[test]
fn identity_comes_from_the_login_and_as_is_for_coordinators_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    let mut store = new_program(&path);
    store
        .add_person(
            "C",
            "Cora",
            Role::Coordinator,
            &PersonFields {
                login: Some("cora".into()),
                email: Some("cora@example.org".into()),
                ..Default::default()
            },
        )
        .unwrap();
    store
        .add_person("M1", "Mia", Role::Mentor, &login("mia"))
        .unwrap();
    store
        .add_person("M2", "Max", Role::Mentor, &login("max"))
        .unwrap();
    drop(store);
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let open = |who: &str, as_login: Option<&str>| Session::open_path(&path, who, as_login, Some(today));

    let err = open("stranger", None).err().unwrap();
    assert!(matches!(err, Error::Denied(_)));
    assert!(err.to_string().contains("ask Cora <cora@example.org>"), "{err}");

    let err = open("mia", Some("max")).err().unwrap();
    assert!(err.to_string().contains("only for coordinators"), "{err}");

    let as_mia = open("cora", Some("mia")).unwrap();
    assert_eq!(as_mia.me().name, "Mia");
    let max = as_mia.person_by_id("M2").unwrap().unwrap();
    assert!(as_mia.require_for(Permission::LogContact, max.key).is_err());
    assert!(
        as_mia
            .require_for(Permission::LogContact, as_mia.me().key)
            .is_ok()
    );
}

#[test]
fn rows_from_before_global_ids_get_distinct_v7_ids_and_new_rows_get_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    // A database of the schema before global ids, with people and contacts in it.
    let old = rusqlite::Connection::open(&path).unwrap();
    let before = schema::MIGRATIONS
        .iter()
        .position(|sql| sql.contains("ADD COLUMN gid"))
        .unwrap();
    for sql in &schema::MIGRATIONS[..before] {
        old.execute_batch(sql).unwrap();
    }
    old.pragma_update(None, "user_version", before as i64).unwrap();
    old.execute_batch(
        "INSERT INTO people (id, name, role) VALUES ('M1', 'Mia', 'mentor'), ('L1', 'Al', 'mentee');
         INSERT INTO contacts (mentor, person, occurred_at, method, outcome, created_by, created_at, updated_at)
         VALUES (1, 2, '2026-09-01T10:00', 'phone', 'conversation', 't', 'x', 'x'),
                (1, 2, '2026-09-02T10:00', 'phone', 'conversation', 't', 'x', 'x');",
    )
    .unwrap();
    drop(old);
    let mut store = Store::open(&path, 0o600).unwrap();
    let key = store
        .add_person("L2", "Bo", Role::Mentee, &PersonFields::default())
        .unwrap();
    let gids = |table: &str| -> Vec<String> {
        store
            .conn
            .prepare(&format!("SELECT gid FROM {table} ORDER BY key"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    let mut all = gids("people");
    all.extend(gids("contacts"));
    assert_eq!(all.len(), 5);
    for gid in &all {
        let parsed = uuid::Uuid::parse_str(gid).unwrap_or_else(|_| panic!("not a UUID: {gid}"));
        assert_eq!(parsed.get_version_num(), 7, "{gid}");
        assert_eq!(
            parsed.hyphenated().to_string(),
            *gid,
            "stored lower-case, hyphenated"
        );
    }
    let mut distinct = all.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), all.len(), "{all:?}");
    // The index refuses a second row with a taken id.
    let taken = store.conn.execute(
        "UPDATE people SET gid = (SELECT gid FROM people WHERE key = 1) WHERE key = ?1",
        [key],
    );
    assert!(taken.is_err());
}

#[test]
fn a_stored_date_is_read_as_chrono_reads_it() {
    for text in [
        "2026-11-23",
        "2024-02-29",
        "2023-02-29",
        "0001-01-01",
        "9999-12-31",
        "2026-13-01",
        "2026-00-10",
        "2026-1-01",
        "+2026-01-01",
        "2026-01-01 ",
        "20260101",
        "2026/01/01",
        "２０２6-01-01",
        "2026-01-0x",
        "",
    ] {
        assert_eq!(
            super::date(text).ok(),
            text.parse::<chrono::NaiveDate>().ok(),
            "{text:?}"
        );
    }
}

#[test]
fn a_mentors_last_activity_is_their_newest_contact_not_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_program(&dir.path().join("p.db"));
    let mia = store
        .add_person("M1", "Mia", Role::Mentor, &login("mia"))
        .unwrap();
    let quiet = store
        .add_person("M2", "Quinn", Role::Mentor, &login("quinn"))
        .unwrap();
    let leader = store
        .add_person("L1", "Al", Role::Mentee, &PersonFields::default())
        .unwrap();
    for when in ["2026-11-03T09:30", "2026-11-01T10:00"] {
        store
            .add_contact(
                &contact(mia, leader, when, Outcome::NoAnswer),
                Reach::Caseload,
                "t",
            )
            .unwrap();
    }
    let gone = store
        .add_contact(
            &contact(mia, leader, "2026-11-10T10:00", Outcome::Conversation),
            Reach::Caseload,
            "t",
        )
        .unwrap();
    store.delete_contact(gone, "t").unwrap();

    let latest = store.last_activities().unwrap();
    assert_eq!(latest.get(&mia), Some(&at("2026-11-03T09:30")));
    assert_eq!(latest.get(&quiet), None, "no contact, no last activity");
    assert_eq!(latest.get(&leader), None, "only mentors");
}
