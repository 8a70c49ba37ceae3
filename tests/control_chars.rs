//! Stored text never holds control characters but tab and newline: the CLI, imports and the
//! store refuse them; exports show any found in older data escaped.

mod common;

use common::{fails, ok};
use std::path::Path;

fn program(dir: &Path) -> std::path::PathBuf {
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

/// `log` of a contact with these notes.
fn log(notes: &str) -> [&str; 13] {
    [
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
        "--notes",
        notes,
    ]
}

#[test]
fn every_input_path_refuses_control_characters_with_a_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path());
    for notes in ["clear\u{1b}[2J screen", "ring\u{7}", "lone\rreturn"] {
        let stderr = fails(&db, &log(notes), 2);
        assert!(stderr.contains("notes: control character U+"), "{stderr}");
        assert!(
            !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
            "{stderr:?}"
        );
    }
    ok(&db, &log("two\nlines\tand a tab"));

    let people = dir.path().join("evil.csv");
    std::fs::write(
        &people,
        "id,name,role,login\nM9,\"Eve\u{1b}]0;pwned\u{7}\",mentor,eve\n",
    )
    .unwrap();
    let stderr = fails(&db, &["import", "people", people.to_str().unwrap()], 2);
    assert!(
        stderr.contains(":2: column 'name': control character U+001B (Escape)"),
        "{stderr}"
    );

    fails(
        &db,
        &[
            "ledger",
            "add",
            "--mentor",
            "M1",
            "--amount",
            "5",
            "--note",
            "taxi\u{1b}[31m",
        ],
        2,
    );
}

#[test]
fn exports_show_control_characters_of_older_data_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path());
    ok(&db, &log("fine"));
    // As an older mentordesk could have stored it.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE contacts SET notes = 'red \u{1b}[31m bell \u{7} done\nnext'",
        [],
    )
    .unwrap();
    conn.execute(
        "UPDATE people SET name = 'Al\u{1b}]0;title\u{7}' WHERE id = 'L1'",
        [],
    )
    .unwrap();
    drop(conn);
    for args in [
        &["export", "contacts"][..],
        &["export", "contacts", "--format", "json"],
        &["export", "people"],
    ] {
        let text = ok(&db, args);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{args:?} passed a raw control character: {text:?}"
        );
        assert!(text.contains("^["), "{args:?}: {text}");
    }
}
