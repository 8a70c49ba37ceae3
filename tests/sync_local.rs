//! A laptop copy on this machine, its `ssh` a script that runs the box's end here (no server
//! needed, so it runs everywhere): what its status line says, what a copy refuses offline, and
//! a conflict's choice. A mentor's field work synced is in `tests/sync_local_field.rs`, a
//! coordinator's changes in `tests/sync_local_program.rs`; the helpers the three share are in
//! `tests/support/sync_copy.rs`. The sync through a real sshd, with real users, is in
//! `tests/sync_ssh.rs`.

mod common;
#[path = "support/sync_copy.rs"]
mod sync_copy;

use common::{app_on, render, today};
use mentordesk::domain::records::ContactInput;
use std::path::Path;
use std::process::Command;
use sync_copy::*;

#[test]
fn the_status_line_of_a_copy_says_it_is_offline_what_waits_and_when_it_synced() {
    let dir = tempfile::tempdir().unwrap();
    let (_, laptop) = box_and_copy(dir.path());
    let mut session = common::session_on(&laptop, None);
    let pair = session.contact_candidates("", 1).unwrap().remove(0);
    session
        .log_contact(&ContactInput {
            mentor: pair.mentor.key,
            person: pair.person.key,
            occurred_at: today().and_hms_opt(9, 30, 0).unwrap(),
            method: mentordesk::domain::Method::InPerson,
            outcome: mentordesk::domain::Outcome::Conversation,
            duration_min: None,
            support_when: None,
            support_what: String::new(),
            notes: "met at the co-op".into(),
            follow_up_on: None,
            submitted_on: None,
            intervention: None,
            pillar: None,
        })
        .unwrap();
    drop(session);
    let app = app_on(&laptop, None);
    let status = app.copy_status.clone().unwrap();
    assert!(
        status.starts_with("offline · 1 change to send · synced "),
        "{status}"
    );
    let terminal = render(&app, 80, 24);
    insta::with_settings!({
        filters => vec![(r"synced \w{3} \d+ \d\d:\d\d", "synced [when]")],
        prepend_module_to_snapshot => false,
    }, {
        insta::assert_snapshot!("laptop_copy_status", format!("{:?}", terminal.backend()));
    });
}

#[test]
fn a_copy_refuses_what_only_the_box_changes_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let (_, laptop) = box_and_copy(dir.path());
    let out = common::mentordesk(&laptop)
        .args(["export", "people"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("exports are made on the box, from the whole program"),
        "{said}"
    );
    assert_eq!(said.trim().lines().count(), 1);
}

#[test]
fn a_program_database_is_not_taken_for_a_copy_nor_a_copy_for_another_box() {
    let dir = tempfile::tempdir().unwrap();
    let (box_db, laptop) = box_and_copy(dir.path());
    let ssh = dir.path().join("local-ssh.sh");
    let out = sync(&box_db, &ssh, None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("a program database, not a laptop copy"));
    let out = sync(&laptop, &ssh, Some("elsewhere:/srv/other.db"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("this copy syncs with localhost:"));
    let missing = Command::new(env!("CARGO_BIN_EXE_mentordesk"))
        .args(["--db"])
        .arg(dir.path().join("nothing.db"))
        .args([
            "sync",
            "--ssh",
            &format!("sh {}", ssh.display()),
            "--remote",
            "localhost:/nonexistent/program.db",
            "--remote-path",
            env!("CARGO_BIN_EXE_mentordesk"),
        ])
        .env("MENTORDESK_CONFIG", "/nonexistent/config.toml")
        .output()
        .unwrap();
    assert_ne!(missing.status.code(), Some(0));
    assert!(
        !dir.path().join("nothing.db").exists(),
        "no copy is left behind by a sync that failed"
    );
}

/// (gid, version) of the contact with these notes.
fn contact_with(db: &Path, notes: &str) -> (String, i64) {
    common::raw(db)
        .query_row(
            "SELECT gid, version FROM contacts WHERE notes = ?1",
            [notes],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

#[test]
fn a_conflict_from_a_sync_offers_the_same_choice_as_on_the_box_and_overwrite_wins_at_the_next_sync() {
    use crossterm::event::KeyCode;
    let dir = tempfile::tempdir().unwrap();
    let box_db = common::demo_db(dir.path());
    common::ok(
        &box_db,
        &[
            "log",
            "--mentor",
            "M01",
            "--person",
            "L01",
            "--method",
            "phone",
            "--outcome",
            "conversation",
            "--at",
            "2026-11-20T09:00",
            "--notes",
            "as first written",
        ],
    );
    let (_, laptop) = {
        let ssh = dir.path().join("local-ssh.sh");
        std::fs::write(&ssh, "shift\nexec sh -c \"$1\"\n").unwrap();
        let laptop = dir.path().join("laptop.db");
        let out = sync(&laptop, &ssh, Some(&format!("localhost:{}", box_db.display())));
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        (box_db.clone(), laptop)
    };
    let ssh = dir.path().join("local-ssh.sh");
    let (gid, version) = contact_with(&box_db, "as first written");
    let v = version.to_string();
    common::ok(
        &box_db,
        &[
            "contact",
            "edit",
            &gid,
            "--version",
            &v,
            "--notes",
            "as the box has it",
        ],
    );
    common::ok(
        &laptop,
        &[
            "contact",
            "edit",
            &gid,
            "--version",
            &v,
            "--notes",
            "as written on the road",
        ],
    );
    let out = sync(&laptop, &ssh, None);
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let mut app = app_on(&laptop, None);
    let screen = common::screen(&app);
    assert!(screen.contains("Your offline contact, changed by"), "{screen}");
    assert!(screen.contains("Overwrite theirs with yours"), "{screen}");
    assert_screen("laptop_copy_conflict_choice", &screen);
    // Review: both versions side by side, the notes marked as differing; any key goes back.
    common::press(&mut app, KeyCode::Enter);
    let review = common::screen(&app);
    assert!(
        review.contains("as written on the road") && review.contains("as the box has it"),
        "{review}"
    );
    assert_screen("laptop_copy_conflict_review", &review);
    common::press(&mut app, KeyCode::Char('x'));
    assert!(common::screen(&app).contains("Overwrite theirs with yours"));
    common::press(&mut app, KeyCode::Up);
    common::press(&mut app, KeyCode::Enter);
    assert!(common::screen(&app).contains("Yours goes over the box's at the next sync"));
    drop(app);
    let out = sync(&laptop, &ssh, None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        contact_with(&box_db, "as written on the road").0,
        gid,
        "the laptop's version won, nothing lost"
    );
}

/// A screen's snapshot, with the times of day a run cannot fix replaced.
fn assert_screen(name: &str, screen: &str) {
    insta::with_settings!({
        filters => vec![
            (r"at \d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?", "at [when]"),
            (r"synced \w{3} \d+ \d\d:\d\d", "synced [when]"),
        ],
        prepend_module_to_snapshot => false,
    }, {
        insta::assert_snapshot!(name, screen);
    });
}

/// The way out when the clash is on something the user cannot change: the refused record is
/// set aside in a file beside the copy, and the next sync goes through.
#[test]
fn a_refused_record_that_clashes_with_the_boxs_is_set_aside_in_a_file_and_the_sync_goes_on() {
    use mentordesk::domain::Role;
    use mentordesk::domain::records::PersonFields;
    let dir = tempfile::tempdir().unwrap();
    let (box_db, laptop) = box_and_copy(dir.path());
    let ssh = local_ssh(dir.path());
    let with_login = PersonFields {
        login: Some("zed".into()),
        ..Default::default()
    };
    common::session_on(&box_db, None)
        .create_person("M90", "Zed Box", Role::Mentor, &with_login)
        .unwrap();
    common::session_on(&laptop, None)
        .create_person("M91", "Zed Road", Role::Mentor, &with_login)
        .unwrap();
    let gid: String = rusqlite::Connection::open(&laptop)
        .unwrap()
        .query_row("SELECT gid FROM people WHERE id = 'M91'", [], |r| r.get(0))
        .unwrap();
    let out = sync(&laptop, &ssh, None);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    let way_out = format!("`mentordesk sync --settle {gid} theirs` sets it aside in a file");
    assert!(said.contains(&way_out), "{said}");

    let set_aside = common::ok(&laptop, &["sync", "--settle", &gid, "theirs"]);
    assert!(
        set_aside.starts_with(&format!("{gid}: set aside in ")),
        "{set_aside}"
    );
    let file = set_aside
        .trim()
        .strip_prefix(&format!("{gid}: set aside in "))
        .and_then(|rest| rest.split("; ").next())
        .unwrap();
    let kept = std::fs::read_to_string(file).unwrap();
    assert!(kept.contains("Zed Road") && kept.contains(&gid), "{kept}");
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(file).unwrap().permissions()) & 0o777,
        0o600
    );
    assert_eq!(count(&laptop, "SELECT count(*) FROM people WHERE id = 'M91'"), 0);

    let said = synced(&laptop, &ssh);
    assert!(said.contains("sent 0 changes"), "{said}");
    assert_eq!(
        count(&laptop, "SELECT count(*) FROM people WHERE login = 'zed'"),
        1,
        "Zed Box's, from the box"
    );
    assert_eq!(count(&box_db, "SELECT count(*) FROM people WHERE id = 'M91'"), 0);
    let again = common::mentordesk(&laptop)
        .args(["sync", "--settle", &gid, "theirs"])
        .output()
        .unwrap();
    assert!(!again.status.success(), "nothing left to set aside");
}
