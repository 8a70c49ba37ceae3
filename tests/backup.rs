//! Backups while people write, restores that bring the program back whole, and files a restore
//! must refuse without changing anything.

mod common;

use chrono::NaiveDate;
use common::{demo_db, fails, ok, raw, session_on};
use mentordesk::domain::records::ContactInput;
use mentordesk::domain::types::{Method, Outcome};
use mentordesk::service::backup::{self, Caller};
use mentordesk::service::os_login;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

fn coordinator(login: &str) -> Caller<'_> {
    Caller::User {
        login,
        as_login: None,
    }
}

fn contact_keys(db: &Path) -> BTreeSet<i64> {
    let conn = raw(db);
    let mut stmt = conn.prepare("SELECT key FROM contacts").unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn backups(db: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(backup::backup_dir(db))
        .map(|dir| dir.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    found.sort();
    found
}

fn integrity(path: &Path) -> String {
    raw(path)
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_backup_taken_while_eight_writers_log_contacts_holds_everything_committed_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let pairs: Vec<(i64, i64)> = {
        let conn = raw(&db);
        let mut stmt = conn
            .prepare("SELECT mentor, mentee FROM assignments WHERE ended_on IS NULL ORDER BY key LIMIT 8")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(pairs.len(), 8);
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = pairs
        .into_iter()
        .map(|(mentor, person)| {
            let (db, stop) = (db.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut session = session_on(&db, None);
                let mut logged = 0u32;
                let start = NaiveDate::from_ymd_opt(2026, 11, 2)
                    .unwrap()
                    .and_hms_opt(8, 0, 0)
                    .unwrap();
                while !stop.load(Ordering::SeqCst) {
                    let input = ContactInput {
                        mentor,
                        person,
                        occurred_at: start + chrono::Duration::minutes(i64::from(logged)),
                        method: Method::Phone,
                        outcome: Outcome::Conversation,
                        duration_min: Some(10),
                        support_when: None,
                        support_what: String::new(),
                        notes: format!("call {logged} during the backup"),
                        follow_up_on: None,
                        submitted_on: None,
                        intervention: None,
                        pillar: None,
                    };
                    session.log_contact(&input).unwrap();
                    logged += 1;
                }
                logged
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(400));
    let before = contact_keys(&db);
    let login = os_login();
    let report = backup::backup(&db, coordinator(&login), None, None).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    stop.store(true, Ordering::SeqCst);
    let logged: u32 = writers.into_iter().map(|w| w.join().unwrap()).sum();
    let after = contact_keys(&db);
    println!(
        "{logged} contacts logged by 8 writers; {} committed before the backup, {} in it, {} at the end",
        before.len(),
        report
            .copy
            .counts
            .iter()
            .find(|(t, _)| t == "contacts")
            .unwrap()
            .1,
        after.len()
    );
    assert!(after.len() > before.len(), "the writers kept writing");
    assert_eq!(integrity(&report.copy.path), "ok");
    let copied = contact_keys(&report.copy.path);
    assert!(
        before.is_subset(&copied),
        "a contact committed before the backup is missing"
    );
    assert!(copied.is_subset(&after));
    let contacts = report
        .copy
        .counts
        .iter()
        .find(|(t, _)| t == "contacts")
        .unwrap()
        .1;
    assert_eq!(
        contacts as usize,
        copied.len(),
        "the reported count is the copy's"
    );
}

#[test]
fn a_restore_brings_back_a_deleted_contact_and_appends_an_audit_entry() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let login = os_login();
    let key: i64 = raw(&db)
        .query_row(
            "SELECT max(key) FROM contacts WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let saved = backup::backup(&db, coordinator(&login), None, None)
        .unwrap()
        .copy
        .path;
    session_on(&db, None).delete_contact(key).unwrap();
    let deleted = |path: &Path| -> bool {
        raw(path)
            .query_row(
                "SELECT deleted_at IS NOT NULL FROM contacts WHERE key = ?1",
                [key],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert!(deleted(&db));
    let audit_rows = |path: &Path| -> i64 {
        raw(path)
            .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .unwrap()
    };
    let in_backup = audit_rows(&saved);

    let report = backup::restore(&db, coordinator(&login), &saved).unwrap();
    assert!(!deleted(&db), "the contact is back");
    assert!(
        deleted(&report.before.path),
        "the program before the restore was saved, deletion and all"
    );
    assert_eq!(audit_rows(&db), in_backup + 1, "the restored log plus one entry");
    let (actor, action, detail): (String, String, String) = raw(&db)
        .query_row(
            "SELECT actor, action, detail FROM audit_log ORDER BY key DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((actor.as_str(), action.as_str()), (login.as_str(), "restore"));
    assert!(detail.contains(&saved.display().to_string()), "{detail}");
    assert_eq!(integrity(&db), "ok");
    assert!(
        !backups(&db)
            .iter()
            .any(|p| p.file_name().unwrap().to_string_lossy().starts_with('.')),
        "the scratch copy is gone: {:?}",
        backups(&db)
    );
    // The program still opens and takes writes.
    ok(&db, &["quota"]);
}

#[test]
fn the_cli_says_what_it_wrote_keeps_n_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut newest = PathBuf::new();
    for _ in 0..3 {
        let said = ok(&db, &["backup"]);
        assert!(said.starts_with("backed up to "), "{said}");
        assert!(
            said.contains("integrity ok") && said.contains(" contacts"),
            "{said}"
        );
        newest = PathBuf::from(said.split_whitespace().nth(3).unwrap());
    }
    assert_eq!(backups(&db).len(), 3);
    let said = ok(&db, &["backup", "--keep", "2"]);
    assert_eq!(said.matches("removed the older backup").count(), 2, "{said}");
    let left = backups(&db);
    assert_eq!(left.len(), 2);
    assert!(left.contains(&newest));
    let mode = |p: &Path| {
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(p).unwrap().permissions()) & 0o777
    };
    assert!(
        left.iter().all(|p| mode(p) == mode(&db)),
        "backups have the database's mode"
    );

    let dest = dir.path().join("offsite.db");
    std::fs::write(&dest, b"keep me").unwrap();
    let err = fails(&db, &["backup", dest.to_str().unwrap()], 2);
    assert!(err.contains("never overwrites"), "{err}");
    assert_eq!(std::fs::read(&dest).unwrap(), b"keep me");
}

/// Everything a restore could change: the program's rows and the backup directory's files.
fn state(db: &Path) -> (String, String, Vec<PathBuf>) {
    let conn = raw(db);
    let rows = |sql: &str| -> String {
        let mut stmt = conn.prepare(sql).unwrap();
        let rows: Vec<String> = stmt
            .query_map([], |r| {
                Ok(format!(
                    "{:?}",
                    (r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?)
                ))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        rows.join("\n")
    };
    (
        rows("SELECT key, deleted_at FROM contacts ORDER BY key"),
        rows("SELECT key, detail FROM audit_log ORDER BY key"),
        backups(db),
    )
}

#[test]
fn a_truncated_tampered_foreign_or_newer_file_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let good = PathBuf::from(ok(&db, &["backup"]).split_whitespace().nth(3).unwrap());
    let bytes = std::fs::read(&good).unwrap();

    let truncated = dir.path().join("truncated.db");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let tampered = dir.path().join("tampered.db");
    let mut changed = bytes.clone();
    // A page in the middle overwritten.
    let page = 4096 * (bytes.len() / 4096 / 2);
    changed[page..page + 4096].fill(0xA5);
    std::fs::write(&tampered, &changed).unwrap();
    let foreign = dir.path().join("foreign.db");
    raw(&foreign)
        .execute_batch("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');")
        .unwrap();
    let newer = dir.path().join("newer.db");
    std::fs::write(&newer, &bytes).unwrap();
    raw(&newer).execute_batch("PRAGMA user_version = 999").unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a database\n").unwrap();

    let before = state(&db);
    for (file, why) in [
        (&truncated, "damaged or truncated"),
        (&tampered, ""),
        (&foreign, "not a mentordesk program"),
        (&newer, "newer mentordesk"),
        (&text, "not a mentordesk program"),
        (&dir.path().join("missing.db"), "cannot open it"),
    ] {
        let err = fails(&db, &["restore", file.to_str().unwrap()], 2);
        assert!(
            err.starts_with(&format!("mentordesk: {}: ", file.display())),
            "{err}"
        );
        assert!(err.contains(why) && err.contains("nothing was restored"), "{err}");
        assert_eq!(state(&db), before, "{} changed something", file.display());
    }
    assert_eq!(
        std::fs::read(&good).unwrap(),
        bytes,
        "the good backup is untouched"
    );
}

#[test]
fn a_restore_waits_for_a_writer_and_saves_what_it_committed_before_replacing_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let login = os_login();
    let saved = backup::backup(&db, coordinator(&login), None, None)
        .unwrap()
        .copy
        .path;
    let writer = {
        let db = db.clone();
        let (locked, lock) = std::sync::mpsc::channel();
        let handle = std::thread::spawn(move || {
            let conn = raw(&db);
            conn.execute_batch(
                "BEGIN IMMEDIATE; INSERT INTO ledger (mentor, kind, amount_cents, due_on) VALUES (1, 'travel', 4242, '2027-01-01');",
            )
            .unwrap();
            locked.send(()).unwrap();
            std::thread::sleep(Duration::from_millis(1500));
            conn.execute_batch("COMMIT").unwrap();
        });
        lock.recv().unwrap();
        handle
    };
    let started = std::time::Instant::now();
    let report = backup::restore(&db, coordinator(&login), &saved).unwrap();
    let waited = started.elapsed();
    writer.join().unwrap();
    println!("the restore took {waited:?}, waiting for a writer holding the lock for 1.5 s");
    assert!(
        waited >= Duration::from_millis(1000),
        "it waited for the lock: {waited:?}"
    );
    let payments = |path: &Path| -> i64 {
        raw(path)
            .query_row("SELECT count(*) FROM ledger WHERE amount_cents = 4242", [], |r| {
                r.get(0)
            })
            .unwrap()
    };
    assert_eq!(
        payments(&report.before.path),
        1,
        "the writer's commit is in the saved program"
    );
    assert_eq!(payments(&db), 0, "and the restored program is the backup's");
    assert_eq!(integrity(&db), "ok");
}
