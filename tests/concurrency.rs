//! Many mentordesk processes writing one database at once.

mod common;

use common::mentordesk;
use std::path::Path;
use std::process::Output;

fn bin(db: &Path, args: &[&str]) -> Output {
    mentordesk(db).args(args).output().unwrap()
}

#[test]
fn eight_processes_log_two_hundred_contacts_each_without_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    assert!(
        bin(&db, &["init", "--preset", "rural-union", "--start", "2026-08-01"])
            .status
            .success()
    );
    let mut people = String::from("id,name,role\n");
    for m in 0..8 {
        people.push_str(&format!("M{m},Mentor {m},mentor\nL{m},Leader {m},mentee\n"));
    }
    let file = dir.path().join("people.csv");
    std::fs::write(&file, people).unwrap();
    assert!(
        bin(&db, &["import", "people", file.to_str().unwrap()])
            .status
            .success()
    );

    let workers: Vec<_> = (0..8)
        .map(|m| {
            let db = db.clone();
            std::thread::spawn(move || {
                let mut failures = Vec::new();
                for i in 0..200 {
                    let at = format!("2026-11-{:02}T{:02}:{:02}", 1 + i % 22, 8 + i % 10, i % 60);
                    let out = bin(
                        &db,
                        &[
                            "log",
                            "--mentor",
                            &format!("M{m}"),
                            "--person",
                            &format!("L{m}"),
                            "--method",
                            "phone",
                            "--outcome",
                            "conversation",
                            "--at",
                            &at,
                        ],
                    );
                    if !out.status.success() || !out.stderr.is_empty() {
                        failures.push(String::from_utf8_lossy(&out.stderr).into_owned());
                    }
                }
                failures
            })
        })
        .collect();
    let failures: Vec<String> = workers.into_iter().flat_map(|w| w.join().unwrap()).collect();
    assert!(
        failures.is_empty(),
        "{} failed, first: {:?}",
        failures.len(),
        failures.first()
    );

    let out = bin(&db, &["export", "contacts", "--format", "json"]);
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 1600);
    for m in 0..8 {
        let mine = all.iter().filter(|c| c["mentor_id"] == format!("M{m}")).count();
        assert_eq!(mine, 200, "mentor M{m}");
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}
