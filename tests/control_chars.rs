//! Stored text never holds control characters but tab and newline: the CLI, imports and the
//! store refuse them; exports show any found in older data escaped.

mod common;

use common::mentordesk;
use std::path::Path;
use std::process::Output;

fn run(db: &Path, args: &[&str]) -> Output {
    mentordesk(db).args(args).output().unwrap()
}

fn program(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("p.db");
    assert!(
        run(&db, &["init", "--preset", "rural-union", "--start", "2026-08-01"])
            .status
            .success()
    );
    let people = dir.join("people.csv");
    std::fs::write(
        &people,
        "id,name,role,login\nM1,Mia Berg,mentor,mia\nL1,Al Lee,mentee,\n",
    )
    .unwrap();
    let out = run(&db, &["import", "people", people.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    db
}

fn log(db: &Path, notes: &str) -> Output {
    run(
        db,
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
            "--notes",
            notes,
        ],
    )
}

#[test]
fn every_input_path_refuses_control_characters_with_a_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path());
    for notes in ["clear\u{1b}[2J screen", "ring\u{7}", "lone\rreturn"] {
        let out = log(&db, notes);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{notes:?}: {stderr}");
        assert!(stderr.contains("notes: control character U+"), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
            "{stderr:?}"
        );
    }
    assert!(log(&db, "two\nlines\tand a tab").status.success());

    let people = dir.path().join("evil.csv");
    std::fs::write(
        &people,
        "id,name,role,login\nM9,\"Eve\u{1b}]0;pwned\u{7}\",mentor,eve\n",
    )
    .unwrap();
    let out = run(&db, &["import", "people", people.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains("name: control character U+001B (Escape)"),
        "{stderr}"
    );

    let out = run(
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
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn exports_show_control_characters_of_older_data_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let db = program(dir.path());
    assert!(log(&db, "fine").status.success());
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
        let out = run(&db, args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{args:?} passed a raw control character: {text:?}"
        );
        assert!(text.contains("^["), "{args:?}: {text}");
    }
}
