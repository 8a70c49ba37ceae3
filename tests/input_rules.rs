//! The rules every input obeys, whichever way it comes in (the CLI, an import, the settings):
//! no bidi controls in stored text, years 1900 to 2200 only; and the command line's shape:
//! `--demo` before a command, one name for a contact in JSON, nothing on standard output when a
//! JSON command fails, `~` in the config file.

mod common;

use common::{fails, mentordesk, ok};
use serde_json::Value;
use std::path::{Path, PathBuf};

const BIDI: [char; 12] = [
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
];

fn program(dir: &Path) -> PathBuf {
    let db = dir.join("p.db");
    ok(&db, &["init", "--preset", "rural-union", "--start", "2026-08-01"]);
    let people = dir.join("people.csv");
    std::fs::write(
        &people,
        "id,name,role,login\nM1,Mia Berg,mentor,mia\nL1,Al Lee,mentee,\n",
    )
    .unwrap();
    ok(&db, &["import", "people", people.to_str().unwrap()]);
    db
}

fn log_args<'a>(at: &'a str, notes: &'a str) -> Vec<&'a str> {
    vec![
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
        at,
        "--notes",
        notes,
    ]
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

const CONTACTS: &str = "mentor_id,person_id,occurred_at,method,outcome,notes\n";

#[test]
fn bidi_controls_are_refused_at_every_input_with_the_field_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path());
    for c in BIDI {
        let notes = format!("paid {c}01$ back");
        let err = fails(&db, &log_args("2026-11-20T14:00", &notes), 2);
        assert!(
            err.contains(&format!(
                "notes: text direction control U+{:04X} at character 6",
                c as u32
            )),
            "{err}"
        );
        assert!(!err.contains(c), "the refusal quotes no raw control: {err:?}");
    }

    let people = write(
        dir.path(),
        "people.csv",
        "id,name,role\nM1,Mia Berg,mentor\nM9,\"Eve \u{202E}gnirts\",mentor\n",
    );
    let err = fails(&db, &["import", "people", &people], 2);
    assert!(
        err.starts_with(&format!(
            "mentordesk: {people}:3: column 'name': text direction control U+202E at character 5"
        )),
        "{err}"
    );

    let err = fails(
        &db,
        &[
            "settings",
            "set",
            "installments",
            r#"[{"month": 9, "amount_cents": 100, "label": "fall \u2066pay"}]"#,
        ],
        2,
    );
    assert!(
        err.contains("installments: label: text direction control U+2066"),
        "{err}"
    );
    let err = fails(
        &db,
        &[
            "ledger",
            "add",
            "--mentor",
            "M1",
            "--amount",
            "5",
            "--note",
            "taxi\u{202D}",
        ],
        2,
    );
    assert!(err.contains("note: text direction control U+202D"), "{err}");
    // Right-to-left text itself is welcome.
    ok(&db, &log_args("2026-11-20T14:00", "שלום, عربي"));
}

#[test]
fn exports_and_json_never_write_bidi_controls_raw() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path());
    ok(&db, &log_args("2026-11-20T14:00", "fine"));
    // Its report is overdue by now.
    ok(&db, &log_args("2026-10-20T14:00", "fine"));
    // As an older mentordesk could have stored them.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let notes: String = format!("owes {}5$ {}", BIDI[4], BIDI.iter().collect::<String>());
    conn.execute("UPDATE contacts SET notes = ?1", [&notes]).unwrap();
    conn.execute(
        "UPDATE people SET name = ?1 WHERE id = 'M1'",
        ["Mia \u{202E}greB"],
    )
    .unwrap();
    conn.execute(
        "UPDATE program SET settings = replace(settings, 'Mentor check-in', ?1)",
        ["Mentor \u{2067}check-in"],
    )
    .unwrap();
    drop(conn);
    let exported = ok(&db, &["export", "contacts", "--format", "json"]);
    assert!(exported.contains("<U+202E>"), "{exported}");
    for args in [
        &["export", "contacts"][..],
        &["export", "contacts", "--format", "json"],
        &["export", "people"],
        &["export", "people", "--format", "json"],
        &["contact", "show", "1", "--json"],
        &["quota", "--json"],
        &["overdue", "--json"],
        &["ledger", "--json"],
        &["settings", "show"],
        &["calendar", "--json", "--from", "2026-12-01", "--to", "2027-01-31"],
        &["calendar", "--ics", "--from", "2026-12-01", "--to", "2027-01-31"],
    ] {
        let text = ok(&db, args);
        assert!(text.contains("<U+"), "{args:?} shows what it escaped: {text}");
        for c in BIDI {
            assert!(
                !text.contains(c),
                "{args:?} wrote U+{:04X} raw: {text:?}",
                c as u32
            );
        }
    }
}

#[test]
fn dates_outside_1900_to_2200_are_refused_everywhere_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path());
    let err = fails(&db, &log_args("0001-01-01T10:00", ""), 2);
    assert!(err.contains("--at"), "{err}");
    assert!(err.contains("years 1900 to 2200"), "{err}");
    for (args, flag) in [
        (vec!["--today", "1899-12-31", "quota"], "--today"),
        (vec!["quota", "--month", "2201-01"], "--month"),
        (
            vec!["assign", "--mentor", "M1", "--mentee", "L1", "--on", "0001-01-01"],
            "--on",
        ),
        (vec!["calendar", "--from", "9999-01-01"], "--from"),
        (
            vec![
                "ledger",
                "add",
                "--mentor",
                "M1",
                "--amount",
                "5",
                "--on",
                "1000-01-01",
            ],
            "--on",
        ),
        (
            vec![
                "contact",
                "edit",
                "1",
                "--version",
                "1",
                "--at",
                "2300-01-01T10:00",
            ],
            "--at",
        ),
    ] {
        let err = fails(&db, &args, 2);
        assert!(err.contains(flag), "{args:?}: {err}");
        assert!(err.contains("years 1900 to 2200"), "{args:?}: {err}");
    }
    let dir2 = tempfile::tempdir().unwrap();
    let err = fails(
        &dir2.path().join("new.db"),
        &["init", "--preset", "esp", "--start", "2201-01-01"],
        2,
    );
    assert!(
        err.contains("--start") && err.contains("years 1900 to 2200"),
        "{err}"
    );

    for (at, column) in [("0001-01-01T10:00", "occurred_at"), ("1899-12-31", "occurred_at")] {
        let file = write(
            dir.path(),
            "c.csv",
            &format!("{CONTACTS}M1,L1,2026-10-01,phone,conversation,\nM1,L1,{at},phone,conversation,\n"),
        );
        let err = fails(&db, &["import", "contacts", &file], 2);
        assert!(
            err.starts_with(&format!(
                "mentordesk: {file}:3: column '{column}': '{at}' is out of range: years 1900 to 2200 only"
            )),
            "{err}"
        );
    }
    let file = write(
        dir.path(),
        "a.csv",
        "mentor_id,mentee_id,started_on\nM1,L1,2201-09-01\n",
    );
    let err = fails(&db, &["import", "assignments", &file], 2);
    assert!(
        err.contains(":2: column 'started_on': '2201-09-01' is out of range"),
        "{err}"
    );

    let events = ok(&db, &["settings", "show"]);
    let mut settings: Value = serde_json::from_str(&events).unwrap();
    let events = settings["events"].as_array_mut().unwrap();
    let once = events
        .iter_mut()
        .find(|e| e["rule"]["every"] == "once")
        .expect("the rural union has a one-off training");
    once["rule"]["date"] = "0001-08-17".into();
    let err = fails(
        &db,
        &["settings", "set", "events", &settings["events"].to_string()],
        2,
    );
    assert!(
        err.contains("date: '0001-08-17' is out of range: years 1900 to 2200 only"),
        "{err}"
    );
    // The edges are in.
    ok(&db, &log_args("1900-01-01T00:00", ""));
}

#[test]
fn a_control_character_in_an_import_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path());
    let file = write(
        dir.path(),
        "c.csv",
        &format!(
            "{CONTACTS}M1,L1,2026-10-01,phone,conversation,fine\nM1,L1,2026-10-02,phone,conversation,\"bell\u{7}\"\n"
        ),
    );
    let err = fails(&db, &["import", "contacts", &file], 2);
    assert_eq!(
        err.trim_end(),
        format!(
            "mentordesk: {file}:3: column 'notes': control character U+0007 (bell) at character 5; only tab and newline are allowed"
        )
    );
    assert_eq!(
        ok(&db, &["export", "contacts"]).lines().count(),
        1,
        "nothing imported"
    );
}

#[test]
fn demo_before_a_command_runs_the_command_on_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let quota: Value = serde_json::from_str(&ok(&db, &["--demo", "quota", "--json"])).unwrap();
    assert!(quota.as_array().unwrap().len() >= 4, "{quota}");
    let esp = dir.path().join("esp.db");
    let text = ok(&esp, &["--demo=esp", "quota"]);
    assert!(!text.is_empty());
    let err = fails(&esp, &["--demo=nonsense", "quota"], 2);
    assert!(err.contains("nonsense"), "{err}");
    let help = ok(&db, &["--help"]);
    assert!(help.contains("--demo[=<PROGRAM>]"), "{help}");
}

/// Runs a command that must fail: nothing on standard output, one line on standard error.
fn fails_quietly(db: &Path, args: &[&str]) {
    let out = mentordesk(db).args(args).output().unwrap();
    assert!(!out.status.success(), "{args:?} succeeded");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "",
        "{args:?} printed on standard output"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
}

#[test]
fn a_contact_is_its_id_in_every_json_and_a_failing_json_command_prints_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path());
    let mut args = log_args("2026-11-20T14:00", "talked");
    args.push("--json");
    let logged: Value = serde_json::from_str(&ok(&db, &args)).unwrap();
    // The id is the contact's global id: `contact show` takes it (or the number), and the
    // export names the contact by it.
    let id = logged["id"].as_str().unwrap().to_string();
    let number = logged["number"].as_i64().unwrap().to_string();
    for named in [&id, &number] {
        let shown: Value = serde_json::from_str(&ok(&db, &["contact", "show", named, "--json"])).unwrap();
        assert_eq!(shown["id"], id.as_str());
        assert_eq!(shown["number"], logged["number"]);
    }
    let exported = ok(&db, &["export", "contacts"]);
    assert!(exported.lines().any(|l| l.starts_with(&id)), "{exported}");
    let shown: Value = serde_json::from_str(&ok(&db, &["contact", "show", &id, "--json"])).unwrap();
    assert!(shown.get("key").is_none(), "{shown}");
    for field in [
        "mentor_id",
        "person_id",
        "occurred_at",
        "method",
        "outcome",
        "notes",
    ] {
        assert_eq!(shown[field], logged[field], "{field}");
    }
    // The mentor's name is `mentor` wherever it sits beside `mentor_id`.
    let quota: Value = serde_json::from_str(&ok(&db, &["quota", "--json"])).unwrap();
    assert_eq!(quota[0]["mentor"], "Mia Berg", "{quota}");

    let mut future = log_args("2026-12-20T14:00", "");
    future.push("--json");
    fails_quietly(&db, &future);
    for args in [
        &["contact", "show", "999", "--json"][..],
        &["--as", "mia", "contact", "show", "999", "--json"],
        &["quota", "--month", "2026-13", "--json"],
        &["assign", "--mentor", "M1", "--mentee", "ZZ", "--json"],
        &["calendar", "--from", "2026-11-10", "--to", "2026-11-01", "--json"],
        &["match", "--mentee", "ZZ", "--json"],
        &["--as", "mia", "evaluate", "--json"],
        &["--as", "mia", "export", "people", "--format", "json"],
        &["--as", "mia", "applicants", "list", "--json"],
        &["--as", "nobody", "overdue", "--json"],
        &["risk", "--month", "1800-01", "--json"],
    ] {
        fails_quietly(&db, args);
    }
}

#[test]
fn a_tilde_in_the_config_files_db_is_the_home_directory() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config.toml");
    std::fs::write(&config, "db = \"~/team/program.db\"\n").unwrap();
    std::fs::create_dir(home.path().join("team")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mentordesk"))
        .args(["init", "--preset", "rural-union", "--start", "2026-08-01"])
        .env_remove("MENTORDESK_DB")
        .env("MENTORDESK_CONFIG", &config)
        .env("HOME", home.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(home.path().join("team/program.db").exists());
    assert!(!Path::new("~").exists(), "no directory named ~ was made");
}
