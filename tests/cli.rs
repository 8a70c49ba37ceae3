//! The CLI as scripts use it: init, import, export, log, quota, overdue.

mod common;

use common::{fails, ok};
use std::path::{Path, PathBuf};

const PEOPLE: &str = "\
id,name,role,login,email,phone,organization,position,location,job_family,expertise,goals,years_experience
M1,Mia Berg,mentor,mia,mia@example.org,+1 715 555 0100,Spooner EA,President,Sawyer County,teacher,bargaining,,12
M2,Max Dahl,mentor,max,,,,,,,,,
L1,\"Lee, Al\",mentee,,al@example.org,,Birchwood EA,Treasurer,,,,\"grow membership
and run meetings\",1
L2,Bo Quist,mentee,,,,,,,,,,
";

fn program(dir: &Path) -> PathBuf {
    let db = dir.join("p.db");
    ok(&db, &["init", "--preset", "rural-union", "--start", "2026-08-01"]);
    let people = dir.join("people.csv");
    std::fs::write(&people, PEOPLE).unwrap();
    assert_eq!(
        ok(&db, &["import", "people", people.to_str().unwrap()]),
        "imported 4 people: 4 new, 0 changed, 0 role change(s), 0 field(s) cleared\nnew: M1, M2, L1, L2\n"
    );
    db
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn init_import_export_round_trips_people() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path());
    let exported = ok(&db, &["export", "people", "--format", "csv"]);
    let reimport_dir = tempfile::tempdir().unwrap();
    let db2 = reimport_dir.path().join("q.db");
    ok(&db2, &["init", "--preset", "library", "--start", "2026-01-01"]);
    // Everyone but the coordinator who made the program: each program's own is another person
    // (another global id), and the import refuses to take one for the other.
    let not_root = |csv: &str| -> String {
        csv.lines()
            .filter(|l| !l.starts_with("root,"))
            .map(|l| format!("{l}\n"))
            .collect()
    };
    let file = write(reimport_dir.path(), "again.csv", &exported);
    let err = fails(&db2, &["import", "people", &file], 2);
    assert!(
        err.contains("column 'gid': 'root' is another person here"),
        "{err}"
    );
    let file = write(reimport_dir.path(), "again.csv", &not_root(&exported));
    ok(&db2, &["import", "people", &file]);
    assert_eq!(
        not_root(&ok(&db2, &["export", "people", "--format", "csv"])),
        not_root(&exported)
    );
    assert!(exported.contains("\"Lee, Al\""), "{exported}");
    assert!(exported.contains("'+1 715 555 0100"), "formula guard: {exported}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["export", "people", "--format", "json"])).unwrap();
    let mia = json.as_array().unwrap().iter().find(|p| p["id"] == "M1").unwrap();
    assert_eq!(mia["phone"], "+1 715 555 0100");
    assert_eq!(mia["years_experience"], 12);
}

#[test]
fn a_reimport_that_changes_a_role_needs_yes_and_blank_cells_keep_stored_values() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path());
    ok(
        &db,
        &["assign", "--mentor", "M1", "--mentee", "L1", "--on", "2026-09-01"],
    );
    let before = ok(&db, &["export", "people", "--format", "csv"]);
    let open = || -> i64 {
        common::raw(&db)
            .query_row(
                "SELECT count(*) FROM assignments WHERE ended_on IS NULL",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    // Mia demoted to mentee; her other cells blank.
    let demoted = write(
        dir.path(),
        "again.csv",
        "id,name,role,email,phone\nM1,Mia Berg,mentee,,\n",
    );
    let err = fails(&db, &["import", "people", &demoted], 2);
    assert!(
        err.contains("role: M1 mentor → mentee (1 open assignment(s) end)"),
        "{err}"
    );
    assert!(err.contains("--yes"), "{err}");
    assert_eq!(
        ok(&db, &["export", "people", "--format", "csv"]),
        before,
        "nothing changed"
    );
    assert_eq!(open(), 1, "her assignment stays open");

    let out = ok(&db, &["import", "people", &demoted, "--yes"]);
    assert!(
        out.starts_with("imported 1 people: 0 new, 1 changed, 1 role change(s), 0 field(s) cleared\n"),
        "{out}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["export", "people", "--format", "json"])).unwrap();
    let mia = json.as_array().unwrap().iter().find(|p| p["id"] == "M1").unwrap();
    assert_eq!(mia["role"], "mentee");
    assert_eq!(
        mia["email"], "mia@example.org",
        "a blank cell keeps the stored value"
    );
    assert_eq!(mia["phone"], "+1 715 555 0100");
    assert_eq!(open(), 0, "a mentee no longer mentors: her assignment ended");

    // Clearing takes a dash, and --yes too.
    let clearing = write(
        dir.path(),
        "clear.csv",
        "id,name,role,email\nM1,Mia Berg,mentee,-\n",
    );
    let err = fails(&db, &["import", "people", &clearing], 2);
    assert!(err.contains("cleared: M1 email"), "{err}");
    let out = ok(&db, &["import", "people", &clearing, "--yes"]);
    assert!(out.contains("cleared: M1 email"), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["export", "people", "--format", "json"])).unwrap();
    let mia = json.as_array().unwrap().iter().find(|p| p["id"] == "M1").unwrap();
    assert!(mia["email"].is_null(), "{mia}");
}

#[test]
fn a_bad_row_imports_nothing_and_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path());
    let before = ok(&db, &["export", "people", "--format", "csv"]);
    let cases = [
        (
            "id,name,role\nN1,Nia,mentee\nN2,Ned,wizard\n",
            ":3: column 'role': 'wizard' is not one of",
        ),
        (
            "ID,Name,Role,Emial\nN1,Nia,mentee,x\n",
            ":1: column 'Emial': unknown column",
        ),
        (
            "id,role\nN1,mentee\n",
            ":1: column 'name': required column is missing",
        ),
        (
            "id,name,role\nN1,Nia,mentee\nN1,Nia again,mentee\n",
            ":3: column 'id': duplicate id 'N1' (first on line 2)",
        ),
        (
            "id,name,role,years_experience\nN1,Nia,mentee,lots\n",
            ":2: column 'years_experience': 'lots' is not a whole number",
        ),
        ("id,name,role\nN1,,mentee\n", ":2: column 'name': is required"),
    ];
    for (text, want) in cases {
        let file = write(dir.path(), "bad.csv", text);
        let err = fails(&db, &["import", "people", &file], 2);
        assert!(err.contains(&format!("{file}{want}")), "{err}");
        assert_eq!(
            ok(&db, &["export", "people", "--format", "csv"]),
            before,
            "nothing imported for {text}"
        );
    }
    let bytes = [b"id,name,role\nN1,Ni\xffa,mentee\n".as_slice()].concat();
    let bad_utf8 = dir.path().join("latin1.csv");
    std::fs::write(&bad_utf8, bytes).unwrap();
    let err = fails(&db, &["import", "people", bad_utf8.to_str().unwrap()], 2);
    assert!(err.contains(":2: column 'name': is not valid UTF-8"), "{err}");
}

#[test]
fn headers_are_case_insensitive_and_bom_and_crlf_are_fine() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path());
    let file = write(
        dir.path(),
        "win.csv",
        "\u{feff}ID,Name,ROLE\r\nN1,Nia Olson,mentee\r\n",
    );
    ok(&db, &["import", "people", &file]);
    assert!(ok(&db, &["export", "people"]).contains("N1,Nia Olson,mentee"));
}

#[test]
fn assignments_contacts_quota_and_overdue_follow_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path());
    let assignments = write(
        dir.path(),
        "a.csv",
        "mentor_id,mentee_id,started_on,ended_on,end_reason\nM1,L1,2026-09-01,,\nM1,L2,2026-09-01,2026-10-01,exhausted\n",
    );
    ok(&db, &["import", "assignments", &assignments]);
    let bad = write(
        dir.path(),
        "b.csv",
        "mentor_id,mentee_id,started_on\nL1,L2,2026-09-01\n",
    );
    let err = fails(&db, &["import", "assignments", &bad], 2);
    assert!(
        err.contains(":2: column 'mentor_id': 'L1' is a mentee, not a mentor"),
        "{err}"
    );

    let contacts = write(
        dir.path(),
        "c.csv",
        "mentor_id,person_id,occurred_at,method,outcome,duration_min,notes,submitted_on\n\
         M1,L1,2026-10-20,phone,conversation,20,\"Talked, at length\",2026-10-21\n\
         M1,L1,2026-10-27T09:15,email,no-reply,,,\n\
         M1,L2,2026-11-02T10:00,phone,no-answer,,,\n",
    );
    assert_eq!(
        ok(&db, &["import", "contacts", &contacts]),
        "imported 3 contacts\n"
    );
    let future = write(
        dir.path(),
        "f.csv",
        "mentor_id,person_id,occurred_at,method,outcome\nM1,L1,2026-12-01,phone,conversation\n",
    );
    let err = fails(&db, &["import", "contacts", &future], 2);
    assert!(
        err.contains(":2: column 'occurred_at': 2026-12-01 is in the future"),
        "{err}"
    );
    let unknown = write(
        dir.path(),
        "u.csv",
        "mentor_id,person_id,occurred_at,method,outcome\nM1,ZZ,2026-11-01,phone,conversation\n",
    );
    assert!(
        fails(&db, &["import", "contacts", &unknown], 2)
            .contains("column 'person_id': no person with id 'ZZ'")
    );

    let id = ok(
        &db,
        &[
            "log",
            "--mentor",
            "M1",
            "--person",
            "L1",
            "--method",
            "phone",
            "--outcome",
            "conversation",
            "--at",
            "2026-11-20T14:00",
            "--minutes",
            "15",
        ],
    );
    assert!(
        id.starts_with("logged contact ")
            && id.ends_with(": Mia Berg with Lee, Al (L1) at 2026-11-20 14:00, phone, conversation; counts toward the quota\n"),
        "{id}"
    );
    let err = fails(
        &db,
        &[
            "log",
            "--mentor",
            "M1",
            "--person",
            "L1",
            "--method",
            "fax",
            "--outcome",
            "conversation",
        ],
        2,
    );
    assert!(err.contains("fax"), "{err}");

    let quota: serde_json::Value = serde_json::from_str(&ok(&db, &["quota", "--json"])).unwrap();
    let rows = quota.as_array().unwrap();
    assert_eq!(rows.len(), 2, "every mentor, even with no contacts");
    let mia = rows.iter().find(|r| r["mentor_id"] == "M1").unwrap();
    assert_eq!(mia["count"], 1);
    assert_eq!(mia["quota"], 3);
    assert_eq!(mia["month"], "2026-11");
    assert_eq!(mia["status"], "behind");
    let max = rows.iter().find(|r| r["mentor_id"] == "M2").unwrap();
    assert_eq!(max["count"], 0);
    // Max was never assigned anyone: no one to reach is not a quota missed.
    assert_eq!(max["status"], "no-pairs");
    let october: serde_json::Value =
        serde_json::from_str(&ok(&db, &["quota", "--month", "2026-10", "--json"])).unwrap();
    let statuses: Vec<(&str, &str)> = october
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["mentor_id"].as_str().unwrap(), r["status"].as_str().unwrap()))
        .collect();
    assert_eq!(statuses, [("M1", "missed"), ("M2", "no-pairs")]);

    let overdue: serde_json::Value = serde_json::from_str(&ok(&db, &["overdue", "--json"])).unwrap();
    let items = overdue.as_array().unwrap();
    assert_eq!(items.len(), 1, "{overdue}");
    assert_eq!(items[0]["mentor_id"], "M1");
    assert_eq!(items[0]["person_id"], "L1");
    assert_eq!(items[0]["occurred_on"], "2026-10-27");
    assert_eq!(items[0]["due"], "2026-10-29");
    assert_eq!(items[0]["days_overdue"], 25);

    let exported = ok(
        &db,
        &["export", "contacts", "--month", "2026-10", "--format", "csv"],
    );
    // Each row after its global id (checked in tests/round_trip.rs).
    let after_id: String = exported
        .lines()
        .map(|l| format!("{}\n", l.split_once(',').unwrap().1))
        .collect();
    assert_eq!(
        after_id,
        "mentor_id,person_id,occurred_at,method,outcome,duration_min,notes,submitted_on,version\n\
         M1,L1,2026-10-20T00:00,phone,conversation,20,\"Talked, at length\",2026-10-21,1\n\
         M1,L1,2026-10-27T09:15,email,no-reply,,,,1\n"
    );
}

#[test]
fn mentors_are_held_to_their_own_records() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path());
    // The OS user is the coordinator, so it may act as a mentor.
    let err = fails(
        &db,
        &[
            "--as",
            "mia",
            "log",
            "--mentor",
            "M2",
            "--person",
            "L1",
            "--method",
            "phone",
            "--outcome",
            "conversation",
        ],
        3,
    );
    assert!(err.contains("own caseload"), "{err}");
    let err = fails(&db, &["--as", "mia", "export", "people"], 3);
    assert!(err.contains("only a coordinator"), "{err}");
    ok(
        &db,
        &[
            "--as",
            "mia",
            "log",
            "--mentor",
            "M1",
            "--person",
            "L1",
            "--method",
            "phone",
            "--outcome",
            "conversation",
        ],
    );
    let quota: serde_json::Value =
        serde_json::from_str(&ok(&db, &["--as", "mia", "quota", "--json"])).unwrap();
    assert_eq!(
        quota.as_array().unwrap().len(),
        1,
        "a mentor sees only their own row"
    );
    assert!(ok(&db, &["audit"]).contains("add contact"));
}

#[test]
fn settings_can_be_changed_by_the_coordinator() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path());
    ok(&db, &["settings", "set", "quota", "4"]);
    let shown: serde_json::Value = serde_json::from_str(&ok(&db, &["settings", "show"])).unwrap();
    assert_eq!(shown["quota"], 4);
    assert!(fails(&db, &["settings", "set", "quota", "\"many\""], 2).contains("settings: quota"));
    assert!(fails(&db, &["settings", "set", "nonsense", "1"], 2).contains("not a setting"));
}

#[test]
fn missing_and_bad_databases_give_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.db");
    let err = fails(&missing, &["quota"], 2);
    assert!(err.contains("no program database here"), "{err}");
    assert!(!missing.exists(), "nothing was created");
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "hello").unwrap();
    assert!(fails(&junk, &["quota"], 1).contains("not a SQLite file"));
    assert_eq!(std::fs::read_to_string(&junk).unwrap(), "hello");
    let err = fails(&missing, &["--today", "2026-13-01", "quota"], 2);
    assert!(err.contains("2026-13-01"), "{err}");
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[test]
fn single_user_files_are_private() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path());
    ok(
        &db,
        &[
            "log",
            "--mentor",
            "M1",
            "--person",
            "L1",
            "--method",
            "phone",
            "--outcome",
            "conversation",
        ],
    );
    assert_eq!(mode(&db), 0o600);
    let _open = open_with_wal(&db);
    assert_eq!(mode(&dir.path().join("p.db-wal")), 0o600);
    assert_eq!(mode(&dir.path().join("p.db-shm")), 0o600);
}

/// Keeps a connection open after a write, so SQLite's -wal and -shm files exist.
fn open_with_wal(db: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute("UPDATE program SET name = name", []).unwrap();
    conn
}

#[test]
fn shared_init_gives_the_directory_and_database_to_the_group() {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: getgrgid returns static storage or null; the name is copied at once.
    let (gid, group) = unsafe {
        let gid = libc::getgid();
        let entry = libc::getgrgid(gid);
        assert!(!entry.is_null());
        (
            gid,
            std::ffi::CStr::from_ptr((*entry).gr_name)
                .to_string_lossy()
                .into_owned(),
        )
    };
    let dir = tempfile::tempdir().unwrap();
    let program_dir = dir.path().join("srv").join("mentordesk");
    let db = program_dir.join("program.db");
    ok(
        &db,
        &[
            "init",
            "--preset",
            "rural-union",
            "--start",
            "2026-08-01",
            "--shared",
            "--group",
            &group,
        ],
    );
    assert_eq!(mode(&program_dir), 0o2770);
    assert_eq!(mode(&db), 0o660);
    assert_eq!(std::fs::metadata(&db).unwrap().gid(), gid);
    assert_eq!(std::fs::metadata(&program_dir).unwrap().gid(), gid);
    let people = write(dir.path(), "people.csv", PEOPLE);
    ok(&db, &["import", "people", &people]);
    let _open = open_with_wal(&db);
    for extra in ["program.db-wal", "program.db-shm"] {
        assert_eq!(mode(&program_dir.join(extra)), 0o660, "{extra}");
    }
    let err = fails(
        &dir.path().join("x.db"),
        &[
            "init",
            "--preset",
            "esp",
            "--start",
            "2026-08-01",
            "--shared",
            "--group",
            "no-such-group-xyz",
        ],
        2,
    );
    assert!(err.contains("no such group"), "{err}");
}
