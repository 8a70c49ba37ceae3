//! Others' changes appear live, with no key pressed, and an idle app whose data does not
//! change writes nothing at all to its terminal.

#[path = "support/raw_pty.rs"]
mod raw_pty;

use raw_pty::{Screen, open_pty, type_keys};
use std::os::fd::{AsRawFd, OwnedFd};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The app as Erin on the demo at `db`, in a terminal of its own.
fn start(db: &Path) -> (Child, OwnedFd, Screen) {
    let (master, slave) = open_pty();
    let child = Command::new(env!("CARGO_BIN_EXE_mentordesk"))
        .args(["--demo", "--today", "2026-11-23", "--as", "erin", "--db"])
        .arg(db)
        .env("XDG_DATA_HOME", db.parent().unwrap().join("data"))
        .env("TERM", "xterm-256color")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE")
        .env_remove("MENTORDESK_DB")
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave))
        .spawn()
        .unwrap();
    let screen = Screen::read(master.as_raw_fd());
    screen.wait_for("Active pairs");
    (child, master, screen)
}

fn stop(mut child: Child, master: OwnedFd, mut screen: Screen) {
    type_keys(&master, "q");
    let asked = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if asked.elapsed() > Duration::from_secs(5) {
            child.kill().unwrap();
            panic!("the app did not quit");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    screen.stop();
}

/// Erin's id and the id of someone on her caseload.
fn erin_and_mentee(db: &Path) -> (String, String) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(
        "SELECT m.id, p.id FROM assignments a JOIN people m ON m.key = a.mentor
         JOIN people p ON p.key = a.mentee WHERE m.login = 'erin' AND a.ended_on IS NULL LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

#[test]
fn an_idle_app_shows_a_contact_logged_by_the_cli_within_two_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let (child, master, screen) = start(&db);
    type_keys(&master, "2");
    screen.wait_for("contacts ·");
    let (erin, mentee) = erin_and_mentee(&db);
    let logged = Command::new(env!("CARGO_BIN_EXE_mentordesk"))
        .arg("--db")
        .arg(&db)
        .args([
            "--today",
            "2026-11-23",
            "log",
            "--mentor",
            &erin,
            "--person",
            &mentee,
        ])
        .args([
            "--method",
            "video",
            "--outcome",
            "conversation",
            "--at",
            "2026-11-23T07:55",
        ])
        .args(["--notes", "Logged from a script while the app sat idle"])
        .env_remove("MENTORDESK_DB")
        .output()
        .unwrap();
    assert!(
        logged.status.success(),
        "{}",
        String::from_utf8_lossy(&logged.stderr)
    );
    let at = Instant::now();
    screen.wait_for("Nov 23 07:55");
    let took = at.elapsed();
    println!("shown {took:?} after the CLI logged it");
    assert!(took < Duration::from_secs(2), "took {took:?}");
    stop(child, master, screen);
}

#[test]
fn an_idle_app_whose_database_does_not_change_writes_nothing_in_ten_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let (child, master, screen) = start(&db);
    // Whatever the first screen still had to send has gone out.
    std::thread::sleep(Duration::from_secs(1));
    let before = screen.bytes();
    std::thread::sleep(Duration::from_secs(10));
    let written = screen.bytes() - before;
    println!("{written} bytes in 10 s idle");
    assert_eq!(written, 0);
    stop(child, master, screen);
}

#[test]
fn an_idle_app_writes_nothing_when_a_change_it_does_not_show_is_committed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let (child, master, screen) = start(&db);
    std::thread::sleep(Duration::from_secs(1));
    let before = screen.bytes();
    // A payment owed to a mentor: committed, but nothing on Erin's caseload changes.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "INSERT INTO ledger (mentor, kind, amount_cents, due_on) VALUES (1, 'travel', 100, '2027-01-01')",
        [],
    )
    .unwrap();
    drop(conn);
    std::thread::sleep(Duration::from_secs(2));
    let written = screen.bytes() - before;
    println!("{written} bytes after a commit not in view");
    assert_eq!(written, 0);
    stop(child, master, screen);
}
