//! The CLI as Unix tools behave: it says what it did, stops quietly on a closed pipe, names
//! what is missing, ships a manual page and completions, and reads a config file that flags
//! and the environment override.

mod common;

use common::{mentordesk, ok};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn program(dir: &Path) -> PathBuf {
    let db = dir.join("p.db");
    ok(&db, &["init", "--preset", "rural-union", "--start", "2026-08-01"]);
    let people = dir.join("people.csv");
    std::fs::write(
        &people,
        "id,name,role\nM1,Mia Berg,mentor\nL1,Lee Al,mentee\nL2,Bo Quist,mentee\n",
    )
    .unwrap();
    ok(&db, &["import", "people", people.to_str().unwrap()]);
    db
}

#[test]
fn log_and_assign_say_what_they_did_and_give_the_record_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path());
    let said = ok(
        &db,
        &["assign", "--mentor", "M1", "--mentee", "L1", "--on", "2026-09-01"],
    );
    assert!(
        said.starts_with("assigned Lee Al (L1) to Mia Berg (M1) from 2026-09-01; assignment "),
        "{said}"
    );
    let record: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &[
            "assign",
            "--mentor",
            "M1",
            "--mentee",
            "L2",
            "--on",
            "2026-09-02",
            "--json",
        ],
    ))
    .unwrap();
    assert_eq!(record["mentor_id"], "M1");
    assert_eq!(record["mentee_id"], "L2");
    assert_eq!(record["started_on"], "2026-09-02");
    assert!(record["number"].as_i64().is_some(), "{record}");
    let id = record["id"].as_str().unwrap();
    let exported = ok(&db, &["export", "assignments"]);
    assert!(
        exported.lines().any(|l| l.starts_with(id)),
        "the export names it by the same id: {exported}"
    );

    let log = [
        "log",
        "--mentor",
        "M1",
        "--person",
        "L1",
        "--method",
        "phone",
        "--at",
        "2026-11-20T14:00",
    ];
    let said = ok(&db, &[&log[..], &["--outcome", "no-answer"]].concat());
    assert!(
        said.ends_with(
            ": Mia Berg with Lee Al (L1) at 2026-11-20 14:00, phone, no-answer; does not count toward the quota\n"
        ),
        "{said}"
    );
    let record: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &[&log[..], &["--outcome", "conversation", "--json"]].concat(),
    ))
    .unwrap();
    assert_eq!(record["person_id"], "L1");
    assert_eq!(record["occurred_at"], "2026-11-20T14:00");
    assert_eq!(record["outcome"], "conversation");
    assert_eq!(record["counts_toward_quota"], true);
    let quota: serde_json::Value = serde_json::from_str(&ok(&db, &["quota", "--json"])).unwrap();
    assert_eq!(quota[0]["count"], 1, "the record printed is the one stored");
}

/// The real binary writing into a pipe whose reader closes after the first line.
fn first_line_then_close(mut command: Command) -> (Option<i32>, String, String) {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = Vec::new();
    let mut byte = [0u8];
    while stdout.read(&mut byte).unwrap() == 1 && byte[0] != b'\n' {
        first.push(byte[0]);
    }
    drop(stdout);
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    let status = child.wait().unwrap();
    (status.code(), String::from_utf8(first).unwrap(), err)
}

#[test]
fn a_closed_pipe_ends_quietly_with_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path());
    // Enough rows that the writer is still writing when the reader has gone.
    let mut csv = String::from("mentor_id,person_id,occurred_at,method,outcome,notes\n");
    for day in 0..2000 {
        csv.push_str(&format!(
            "M1,L1,2026-09-{:02}T{:02}:{:02},phone,no-answer,{}\n",
            day % 28 + 1,
            day / 60 % 24,
            day % 60,
            "x".repeat(200)
        ));
    }
    let file = dir.path().join("contacts.csv");
    std::fs::write(&file, csv).unwrap();
    ok(
        &db,
        &["assign", "--mentor", "M1", "--mentee", "L1", "--on", "2026-08-01"],
    );
    ok(&db, &["import", "contacts", file.to_str().unwrap()]);

    let mut export = mentordesk(&db);
    export.args(["export", "contacts"]);
    let (code, first, err) = first_line_then_close(export);
    assert!(first.starts_with("id,mentor_id,"), "{first}");
    assert_eq!((code, err.as_str()), (Some(0), ""), "like `cat | head -1`");
}

#[test]
fn a_missing_option_names_itself() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team").join("p.db");
    let out = mentordesk(&db)
        .args([
            "init",
            "--preset",
            "rural-union",
            "--start",
            "2026-08-01",
            "--shared",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "mentordesk: missing --group <GROUP>\n"
    );
    let out = mentordesk(&db).args(["log", "--mentor", "M1"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    for option in ["--person", "--method", "--outcome"] {
        assert!(err.contains(option), "{err}");
    }
}

#[test]
fn the_manual_page_and_completions_cover_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let man = ok(&db, &["man"]);
    assert!(man.contains(".TH mentordesk 1"), "{man}");
    for command in ["init", "log", "quota", "assign", "completions"] {
        assert!(man.contains(command), "the manual names {command}");
    }
    let pages = dir.path().join("man");
    assert_eq!(ok(&db, &["man", "--dir", pages.to_str().unwrap()]), "");
    let written = std::fs::read_to_string(pages.join("mentordesk.1")).unwrap();
    assert_eq!(written, man, "--dir writes the page `man` prints");
    for page in [
        "mentordesk-log.1",
        "mentordesk-import.1",
        "mentordesk-import-people.1",
    ] {
        let text = std::fs::read_to_string(pages.join(page)).unwrap();
        assert!(text.contains(".SH OPTIONS"), "{page} has its options");
    }
    assert!(!pages.join("mentordesk-help.1").exists());
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef mentordesk"),
        ("fish", "complete -c mentordesk"),
    ] {
        let script = ok(&db, &["completions", shell]);
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(script.contains("overdue"), "{shell} completes the commands");
    }
    assert!(!db.exists(), "neither needs nor makes a database");
}

#[test]
fn the_config_file_gives_the_database_and_flags_and_environment_win_over_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path());
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!("db = {:?}\nascii = true\ncolor = false\n", db.to_str().unwrap()),
    )
    .unwrap();
    let run = |args: &[&str], env_db: Option<&Path>| -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_mentordesk"));
        command
            .args(args)
            .env("MENTORDESK_CONFIG", &config)
            .env("MENTORDESK_TODAY", "2026-11-23")
            .env_remove("MENTORDESK_DB");
        if let Some(path) = env_db {
            command.env("MENTORDESK_DB", path);
        }
        command.output().unwrap()
    };
    let out = run(&["quota"], None);
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("M1"),
        "the config's database"
    );

    let other = dir.path().join("other.db");
    let out = run(&["--db", other.to_str().unwrap(), "quota"], None);
    assert!(
        !out.status.success(),
        "--db wins: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("other.db"));
    let out = run(&["quota"], Some(&other));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("other.db"),
        "MENTORDESK_DB wins"
    );

    std::fs::write(&config, "colour = false\n").unwrap();
    let out = run(&["quota"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("config.toml") && err.contains("colour"), "{err}");
}

/// `mentordesk --demo > file`, and the first run into a pipe: one line on standard error, exit 2,
/// nothing in the file.
#[test]
fn the_app_refuses_an_output_that_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out");
    for args in [
        &["--demo"][..],
        &["--db", dir.path().join("new.db").to_str().unwrap()],
    ] {
        let out = std::fs::File::create(&file).unwrap();
        let run = Command::new(env!("CARGO_BIN_EXE_mentordesk"))
            .args(args)
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .env("MENTORDESK_CONFIG", dir.path().join("none.toml"))
            .env_remove("MENTORDESK_DB")
            .stdin(std::process::Stdio::null())
            .stdout(out)
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(2), "{args:?}");
        assert_eq!(
            String::from_utf8(run.stderr).unwrap(),
            "mentordesk: standard output is not a terminal; run a command (mentordesk --help) or run it in a terminal\n"
        );
        assert_eq!(std::fs::read(&file).unwrap(), b"", "{args:?}");
        assert!(!dir.path().join("new.db").exists());
    }
}
