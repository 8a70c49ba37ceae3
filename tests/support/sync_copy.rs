//! A laptop copy on this machine for the sync_local tests: the box, its copy made by a first
//! sync, an `ssh` that runs the box's end here, and what the tests read of both.
#![allow(dead_code)]

use crate::common::{self, today};
use std::path::{Path, PathBuf};

/// The rural-union demo as the box, and a copy of it (its coordinator's: the user running the
/// tests) made by a first sync.
pub fn box_and_copy(dir: &Path) -> (PathBuf, PathBuf) {
    let box_db = common::demo_db(dir);
    let laptop = first_copy(dir, &box_db);
    (box_db, laptop)
}

/// The `ssh` of these tests: runs the box's end here.
pub fn local_ssh(dir: &Path) -> PathBuf {
    let ssh = dir.join("local-ssh.sh");
    std::fs::write(&ssh, "shift\nexec sh -c \"$1\"\n").unwrap();
    ssh
}

/// A copy of `box_db` for the user running the tests, made by a first sync.
pub fn first_copy(dir: &Path, box_db: &Path) -> PathBuf {
    let laptop = dir.join("laptop.db");
    let out = sync(
        &laptop,
        &local_ssh(dir),
        Some(&format!("localhost:{}", box_db.display())),
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    laptop
}

pub fn sync(laptop: &Path, ssh: &Path, remote: Option<&str>) -> std::process::Output {
    let mut command = common::mentordesk(laptop);
    command.args([
        "sync",
        "--ssh",
        &format!("sh {}", ssh.display()),
        "--remote-path",
        env!("CARGO_BIN_EXE_mentordesk"),
    ]);
    if let Some(remote) = remote {
        command.args(["--remote", remote]);
    }
    command.output().unwrap()
}

/// The Check & Connect demo as the box, where the user running the tests is the mentor M01
/// (the coordinator signs in as `dana`), and that mentor's copy.
pub fn mentor_box_and_copy(dir: &Path) -> (PathBuf, PathBuf) {
    let box_db = common::demo_file(dir, "cc.db", mentordesk::domain::settings::Preset::CheckConnect);
    // The scene: logins are the box's accounts, not records; only the test's own user can sync here.
    let conn = common::raw(&box_db);
    conn.execute("UPDATE people SET login = 'dana' WHERE id = 'coord'", [])
        .unwrap();
    conn.execute(
        "UPDATE people SET login = ?1 WHERE id = 'M01'",
        [mentordesk::service::os_login()],
    )
    .unwrap();
    drop(conn);
    let laptop = first_copy(dir, &box_db);
    (box_db, laptop)
}

/// The copy as it was before a sync, kept to be put back: a sync whose answers never arrived
/// (the link cut, the laptop asleep) leaves the copy so.
pub struct Cut(PathBuf, PathBuf);

impl Cut {
    pub fn before(laptop: &Path) -> Cut {
        let kept = laptop.with_extension("before");
        std::fs::copy(laptop, &kept).unwrap();
        Cut(laptop.to_path_buf(), kept)
    }

    pub fn put_back(self) {
        let _ = std::fs::remove_file(self.0.with_extension("db-wal"));
        let _ = std::fs::remove_file(self.0.with_extension("db-shm"));
        std::fs::rename(&self.1, &self.0).unwrap();
    }
}

pub fn count(db: &Path, sql: &str) -> i64 {
    common::raw(db).query_row(sql, [], |r| r.get(0)).unwrap()
}

pub fn synced(laptop: &Path, ssh: &Path) -> String {
    let out = sync(laptop, ssh, None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn status(laptop: &Path) -> String {
    common::ok(laptop, &["sync", "--status"])
}

/// A student on the caseload of the copy's mentor, by the copy's own key.
pub fn a_student(laptop: &Path) -> i64 {
    common::raw(laptop)
        .query_row(
            "SELECT a.mentee FROM assignments a JOIN people m ON m.key = a.mentor
             WHERE m.id = 'M01' AND a.ended_on IS NULL ORDER BY a.mentee LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

pub fn daily(note: &str, academic: &str) -> mentordesk::domain::engagement::DailyLine {
    let mut entry = mentordesk::domain::engagement::Engagement::default();
    entry.set("academic", academic).unwrap();
    mentordesk::domain::engagement::DailyLine {
        day: today(),
        entry,
        note: note.into(),
    }
}

pub fn meeting(organizer: i64, person: i64, place: &str) -> mentordesk::domain::agenda::NewEvent {
    mentordesk::domain::agenda::NewEvent {
        kind: mentordesk::domain::agenda::EventKind::Meeting,
        title: "Check-in".into(),
        date: today().succ_opt().unwrap(),
        start: chrono::NaiveTime::from_hms_opt(10, 0, 0),
        end: None,
        organizer: Some(organizer),
        person: Some(person),
        place: place.into(),
        notes: String::new(),
    }
}
