//! A restore reaches open apps as any other commit does: the restored data shows with no key
//! pressed, and a draft being typed stays.

mod common;
#[path = "support/raw_pty.rs"]
mod raw_pty;

use common::{mentordesk, ok, raw, today};
use raw_pty::{Screen, open_pty, type_keys};
use std::os::fd::AsRawFd;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Polls the screen until `gone` is no longer on it.
fn wait_gone(screen: &Screen, gone: &str) {
    let start = Instant::now();
    while screen.contents().contains(gone) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{gone:?} stayed:\n{}",
            screen.contents()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Every file under `dir` whose text holds `needle`.
fn files_holding(dir: &Path, needle: &str) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_holding(&path, needle));
        } else if std::fs::read(&path).is_ok_and(|b| String::from_utf8_lossy(&b).contains(needle)) {
            found.push(path);
        }
    }
    found
}

#[test]
fn an_open_app_shows_a_restored_contact_without_a_key_and_keeps_its_draft() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let data = dir.path().join("data");
    let (master, slave) = open_pty();
    let mut child = Command::new(env!("CARGO_BIN_EXE_mentordesk"))
        .args(["--demo", "--today", "2026-11-23", "--as", "erin", "--db"])
        .arg(&db)
        .env("XDG_DATA_HOME", &data)
        .env("TERM", "xterm-256color")
        .env_remove("MENTORDESK_DB")
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave))
        .spawn()
        .unwrap();
    let mut screen = Screen::read(master.as_raw_fd());
    screen.wait_for("Active pairs");
    type_keys(&master, "2");
    screen.wait_for("contacts ·");

    let (erin, mentee): (String, String) = raw(&db)
        .query_row(
            "SELECT m.id, p.id FROM assignments a JOIN people m ON m.key = a.mentor
             JOIN people p ON p.key = a.mentee WHERE m.login = 'erin' AND a.ended_on IS NULL LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    ok(
        &db,
        &[
            "log",
            "--mentor",
            &erin,
            "--person",
            &mentee,
            "--method",
            "video",
            "--outcome",
            "conversation",
            "--at",
            "2026-11-23T07:55",
            "--notes",
            "The call a restore brings back",
        ],
    );
    screen.wait_for("Nov 23 07:55");
    let saved = ok(&db, &["backup"]);
    let saved = saved.split_whitespace().nth(3).unwrap().to_string();

    let key: i64 = raw(&db)
        .query_row("SELECT max(key) FROM contacts", [], |r| r.get(0))
        .unwrap();
    let login = mentordesk::service::os_login();
    mentordesk::service::Session::open_path(&db, &login, None, Some(today()))
        .unwrap()
        .delete_contact(key)
        .unwrap();
    wait_gone(&screen, "Nov 23 07:55");

    let out = mentordesk(&db).args(["restore", &saved]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let restored = Instant::now();
    screen.wait_for("Nov 23 07:55");
    let took = restored.elapsed();
    println!("the restored contact showed {took:?} after the restore finished");
    assert!(took < Duration::from_secs(2), "took {took:?}");

    // A contact being typed when someone restores: the form and its draft stay. From the
    // caseload the form opens on the notes of the selected person.
    type_keys(&master, "1");
    type_keys(&master, "a");
    type_keys(&master, "Draft kept across the restore");
    screen.wait_for("Draft kept across the restore");
    let drafts = files_holding(&data, "Draft kept across the restore");
    assert!(!drafts.is_empty(), "the draft is on disk");
    ok(&db, &["restore", &saved]);
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        screen.contents().contains("Draft kept across the restore"),
        "{}",
        screen.contents()
    );
    assert_eq!(
        files_holding(&data, "Draft kept across the restore"),
        drafts,
        "the draft stays"
    );
    assert!(child.try_wait().unwrap().is_none(), "the app is still running");
    child.kill().unwrap();
    child.wait().unwrap();
    screen.stop();
}
