//! Every importer against every kind of bad file: one `FILE:LINE: column 'X': reason` line,
//! exit code 2, and nothing imported. The awkward but valid files import whole.

mod common;

use common::mentordesk;
use std::path::{Path, PathBuf};
use std::process::Output;

fn bin(db: &Path, args: &[&str]) -> Output {
    mentordesk(db).args(args).output().unwrap()
}

fn program(dir: &Path) -> PathBuf {
    let db = dir.join("p.db");
    let init = bin(&db, &["init", "--preset", "rural-union", "--start", "2026-08-01"]);
    assert!(init.status.success());
    let people = dir.join("people.csv");
    std::fs::write(
        &people,
        "id,name,role\nM1,Mia Berg,mentor\nM2,Max Dahl,mentor\nL1,Lee Al,mentee\nL2,Bo Quist,mentee\n",
    )
    .unwrap();
    assert!(
        bin(&db, &["import", "people", people.to_str().unwrap()])
            .status
            .success()
    );
    let pairs = dir.join("pairs.csv");
    std::fs::write(&pairs, "mentor_id,mentee_id,started_on\nM1,L1,2026-09-01\n").unwrap();
    assert!(
        bin(&db, &["import", "assignments", pairs.to_str().unwrap()])
            .status
            .success()
    );
    db
}

/// Every row of every table an import can write to.
fn contents(db: &Path) -> Vec<i64> {
    let conn = rusqlite::Connection::open(db).unwrap();
    ["people", "assignments", "contacts", "engagement"]
        .iter()
        .map(|table| {
            conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .unwrap()
        })
        .collect()
}

const CONTACTS: &str = "mentor_id,person_id,occurred_at,method,outcome,notes\n";
const ENGAGEMENT: &str = "student_id,month,absences,tardies,skips,days_enrolled,referrals,detentions,\
in_school_suspensions,out_of_school_suspension_days,ds,fs,credits_earned,credits_possible\n";

/// (what the case is, importer, file bytes, expected `:LINE: column 'X': reason` start)
fn cases() -> Vec<(&'static str, &'static str, Vec<u8>, &'static str)> {
    let good_contact = "M1,L1,2026-10-01T09:00,phone,conversation,fine\n";
    let text = |s: String| s.into_bytes();
    vec![
        (
            "unknown header",
            "people",
            text("id,name,role,Emial\nN1,Nia,mentee,x\n".into()),
            ":1: column 'Emial': unknown column",
        ),
        (
            "missing header",
            "contacts",
            text("mentor_id,person_id,occurred_at,method\nM1,L1,2026-10-01,phone\n".into()),
            ":1: column 'outcome': required column is missing",
        ),
        (
            "header twice",
            "people",
            text("id,name,role,Name\nN1,Nia,mentee,Nia\n".into()),
            ":1: column 'name': appears twice",
        ),
        (
            "a database, not CSV",
            "contacts",
            b"SQLite format 3\0\x10\0\x02\x02\0@  \0\0\0\x02,secret,notes\n".to_vec(),
            ":1: not a CSV text file (it holds binary data); nothing was imported",
        ),
        (
            "empty file",
            "contacts",
            Vec::new(),
            ":1: column 'mentor_id': required column is missing",
        ),
        (
            "impossible date",
            "contacts",
            text(format!(
                "{CONTACTS}{good_contact}M1,L1,2026-02-30,phone,no-answer,\n"
            )),
            ":3: column 'occurred_at': '2026-02-30' is not a date",
        ),
        (
            "American date",
            "contacts",
            text(format!("{CONTACTS}M1,L1,11/23/2026,phone,no-answer,\n")),
            ":2: column 'occurred_at': '11/23/2026' is not a date",
        ),
        (
            "bad start date",
            "assignments",
            text("mentor_id,mentee_id,started_on\nM2,L2,2026-13-01\n".into()),
            ":2: column 'started_on':",
        ),
        (
            "end before start",
            "assignments",
            text(
                "mentor_id,mentee_id,started_on,ended_on,end_reason\nM2,L2,2026-10-01,2026-09-01,completed\n"
                    .into(),
            ),
            ":2: column 'ended_on': is before started_on",
        ),
        (
            "bad month",
            "engagement",
            text(format!("{ENGAGEMENT}L1,2026-13,1,0,0,20,0,0,0,0,0,0,,\n")),
            ":2: column 'month':",
        ),
        (
            "unknown person",
            "contacts",
            text(format!(
                "{CONTACTS}{good_contact}M1,L9,2026-10-02,phone,no-answer,\n"
            )),
            ":3: column 'person_id': no person with id 'L9'",
        ),
        (
            "unknown mentor",
            "assignments",
            text("mentor_id,mentee_id,started_on\nM9,L2,2026-10-01\n".into()),
            ":2: column 'mentor_id': no person with id 'M9'",
        ),
        (
            "unknown student",
            "engagement",
            text(format!("{ENGAGEMENT}S9,2026-10,1,0,0,20,0,0,0,0,0,0,,\n")),
            ":2: column 'student_id': no person with id 'S9'",
        ),
        (
            "duplicate id",
            "people",
            text("id,name,role\nN1,Nia,mentee\nN1,Nia again,mentee\n".into()),
            ":3: column 'id': duplicate id 'N1' (first on line 2)",
        ),
        (
            "pair twice in the file",
            "assignments",
            text("mentor_id,mentee_id,started_on\nM2,L2,2026-10-01\nM2,L2,2026-10-02\n".into()),
            ":3: column 'mentee_id': 'L2' is already assigned to 'M2'",
        ),
        (
            "pair already assigned",
            "assignments",
            text("mentor_id,mentee_id,started_on\nM1,L1,2026-10-01\n".into()),
            ":2: column 'mentee_id': 'L1' is already assigned to 'M1'",
        ),
        (
            "invalid UTF-8",
            "contacts",
            [
                CONTACTS.as_bytes(),
                good_contact.as_bytes(),
                b"M1,L1,2026-10-02,phone,no-answer,caf\xe9\n",
            ]
            .concat(),
            ":3: column 'notes': is not valid UTF-8",
        ),
        (
            "BOM and a bad row",
            "contacts",
            text(format!("\u{feff}{CONTACTS}M1,L1,2026-10-02,fax,no-answer,\n")),
            ":2: column 'method': 'fax' is not one of",
        ),
        (
            "CRLF and a bad row",
            "contacts",
            text(format!("{CONTACTS}{good_contact}M1,L1,2026-10-02,phone,maybe,\n").replace('\n', "\r\n")),
            ":3: column 'outcome': 'maybe' is not one of",
        ),
        (
            "quoted newlines before a bad row",
            "contacts",
            text(format!(
                "{CONTACTS}M1,L1,2026-10-01,phone,conversation,\"two\nlines\"\nM1,L1,2026-10-02,phone,conversation,\"three\r\nmore\r\nlines\"\nM1,L9,2026-10-03,phone,no-answer,\n"
            )),
            ":7: column 'person_id': no person with id 'L9'",
        ),
        (
            "quote never closed",
            "contacts",
            text(format!(
                "{CONTACTS}M1,L1,2026-10-01,phone,conversation,\"open\n{good_contact}{good_contact}"
            )),
            ":2: column 'notes': a quoted value is never closed",
        ),
        (
            "newline and escape in an id",
            "contacts",
            text(format!(
                "{CONTACTS}M1,\"L\n\u{1b}[2J9\",2026-10-02,phone,no-answer,\n"
            )),
            ":2: column 'person_id': control character U+001B (Escape) at character 3",
        ),
        (
            "newline in a header",
            "people",
            text("id,name,role,\"l\nx\"\nN1,Nia,mentee,x\n".into()),
            ":1: column 'l\\nx': unknown column",
        ),
        (
            "unquoted comma",
            "contacts",
            text(format!(
                "{CONTACTS}M1,L1,2026-10-01,phone,conversation,talked pay, hours\n"
            )),
            ":2: column 'notes': the row has 7 values but the header names 6",
        ),
    ]
}

#[test]
fn every_bad_file_is_refused_whole_with_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path());
    let before = contents(&db);
    for (case, importer, bytes, want) in cases() {
        let file = dir.path().join(format!("{}.csv", case.replace(' ', "-")));
        std::fs::write(&file, &bytes).unwrap();
        let out = bin(&db, &["import", importer, file.to_str().unwrap()]);
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{case}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{case}: one line: {err}");
        let prefix = format!("mentordesk: {}{want}", file.display());
        assert!(err.starts_with(&prefix), "{case}:\n want {prefix}\n got  {err}");
        assert_eq!(contents(&db), before, "{case}: nothing imported");
    }
}

#[test]
fn a_bom_crlf_and_quoted_newlines_import_whole_and_keep_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path());
    let file = dir.path().join("windows.csv");
    let text = format!(
        "\u{feff}{CONTACTS}M1,L1,2026-10-01T09:00,phone,conversation,\"Talked about \"\"the vote\"\"\nand the rota\"\nM1,L1,2026-10-02,email,no-reply,\n"
    )
    .replace('\n', "\r\n");
    std::fs::write(&file, text).unwrap();
    let out = bin(&db, &["import", "contacts", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "imported 2 contacts\n");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let notes: String = conn
        .query_row(
            "SELECT notes FROM contacts ORDER BY occurred_at LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // Line breaks are stored as newlines: stored text holds no control characters but tab and
    // newline, whatever system wrote the file.
    assert_eq!(notes, "Talked about \"the vote\"\nand the rota");
}
