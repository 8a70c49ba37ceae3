//! Laptop copies synced through a real OpenSSH server on loopback (runs only as root, where
//! Debian's `sshd` is installed; CI installs it): the box is a shared program of real Unix
//! users with the binary setgid, and each mentor's laptop is a copy in their home, synced with
//! the system's `ssh` and a key of their own.
//!
//! Here, what a mentor's first sync brings and what their copy sends, once even when a sync is
//! cut. Conflicts and refusals are in `tests/sync_ssh_conflicts.rs`, the Programs screen over
//! ssh in `tests/sync_ssh_programs.rs`; the rig they share in `tests/support/ssh_rig.rs`.

#[path = "support/ssh_rig.rs"]
mod ssh_rig;
#[path = "support/unix_users.rs"]
mod unix_users;

use ssh_rig::*;
use std::os::unix::fs::PermissionsExt;
use unix_users::ok;

#[test]
fn a_mentors_first_sync_brings_their_caseload_and_nothing_of_another_mentors() {
    if skip() {
        return;
    }
    let rig = Rig::new();
    let ann = rig.mentor(1);
    let out = rig.sync(ann);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("made a laptop copy"), "{}", text(&out));
    let laptop = rig.laptop(ann);
    let mode = std::fs::metadata(&laptop).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the copy is its user's alone");
    let md = std::fs::metadata(&laptop).unwrap();
    assert_eq!(std::os::unix::fs::MetadataExt::uid(&md), ann.uid);
    // Every byte of the file (and its journal), not only what the app shows.
    let mut bytes = std::fs::read(&laptop).unwrap();
    if let Ok(wal) = std::fs::read(laptop.with_extension("db-wal")) {
        bytes.extend(wal);
    }
    let hay = String::from_utf8_lossy(&bytes);
    assert!(
        !hay.contains(MARKER_B),
        "another mentor's notes reached the laptop"
    );
    assert!(
        !hay.contains("Finn Mentee"),
        "another mentor's mentee reached the laptop"
    );
    let caseload = ok(rig.on_laptop(ann, &["quota"]), "quota on the laptop");
    assert!(caseload.contains("M1"), "{caseload}");
    // The laptop works as Ann, the box's user, whatever the laptop's own login.
    let refused = rig.on_laptop(ann, &["assign", "--mentor", "M1", "--mentee", "E1"]);
    assert_eq!(refused.status.code(), Some(3), "{}", text(&refused));
}

#[test]
fn contacts_logged_offline_reach_the_box_once_with_their_audit_entries() {
    if skip() {
        return;
    }
    let rig = Rig::new();
    let ann = rig.mentor(1);
    ok(rig.sync(ann), "first sync");
    rig.stop_sshd();
    for (at, notes) in [
        ("2026-11-20T09:00", "met at the co-op"),
        ("2026-11-21T15:30", "visited the school"),
    ] {
        ok(rig.on_laptop(ann, &log_args("E1", at, notes)), "log offline");
    }
    let unreachable = rig.sync(ann);
    assert_eq!(unreachable.status.code(), Some(1), "{}", text(&unreachable));
    let said = text(&unreachable);
    assert!(
        said.contains("cannot reach") && said.contains("2 changes stay queued"),
        "{said}"
    );
    assert_eq!(said.trim().lines().count(), 1, "one line: {said}");
    let status = ok(rig.on_laptop(ann, &["sync", "--status"]), "status");
    assert!(status.contains("2 changes to send"), "{status}");

    rig.start_sshd();
    let synced = ok(rig.sync(ann), "sync");
    assert!(synced.contains("sent 2 changes: 2 taken"), "{synced}");
    for notes in ["met at the co-op", "visited the school"] {
        assert_eq!(rig.box_contacts(notes), 1, "{notes}");
    }
    let ann_adds = count(
        &rig.db,
        "SELECT count(*) FROM audit_log WHERE actor = ?1 AND action = 'add' AND entity = 'contact'",
        &ann.name,
    );
    assert_eq!(ann_adds, 2, "each contact audited once, as Ann");
    let again = ok(rig.sync(ann), "sync again");
    assert!(again.contains("sent 0 changes"), "{again}");
    assert_eq!(rig.box_contacts("met at the co-op"), 1);
}

#[test]
fn a_sync_cut_off_midway_and_run_again_leaves_each_change_on_the_box_once() {
    if skip() {
        return;
    }
    let rig = Rig::new();
    let ann = rig.mentor(1);
    ok(rig.sync(ann), "first sync");
    ok(
        rig.on_laptop(ann, &log_args("E1", "2026-11-20T09:00", "cut off")),
        "log",
    );
    let cut = rig.sync_cut_off(ann);
    assert_eq!(cut.status.code(), Some(1), "{}", text(&cut));
    assert!(text(&cut).contains("dropped mid-sync"), "{}", text(&cut));
    let status = ok(rig.on_laptop(ann, &["sync", "--status"]), "status");
    assert!(status.contains("1 change to send"), "{status}");
    let on_box_after_cut = rig.box_contacts("cut off");
    assert!(on_box_after_cut <= 1);
    let synced = ok(rig.sync(ann), "sync again");
    assert!(synced.contains("1 taken"), "{synced}");
    assert_eq!(
        rig.box_contacts("cut off"),
        1,
        "taken once (the box had it {on_box_after_cut} time(s) after the cut)"
    );
    let status = ok(rig.on_laptop(ann, &["sync", "--status"]), "status");
    assert!(status.contains("0 changes to send"), "{status}");
}

#[test]
fn daily_lines_written_offline_reach_the_box_once_as_the_mentors_and_never_another_mentors_copy() {
    if skip() {
        return;
    }
    let rig = Rig::new();
    let ann = rig.mentor(1);
    let ben = rig.mentor(2);
    ok(
        rig.on_box(
            rig.shared.coordinator(),
            &["settings", "set", "extra_forms", r#"["engagement-daily"]"#],
        ),
        "the program keeps daily lines",
    );
    ok(rig.sync(ann), "first sync");
    rig.stop_sshd();
    let daily = |day: &'static str, note: &'static str| -> Vec<&'static str> {
        vec![
            "daily",
            "--student",
            "E1",
            "--day",
            day,
            "--academic",
            "4",
            "--note",
            note,
        ]
    };
    ok(
        rig.on_laptop(ann, &daily("2026-11-19", "first take")),
        "daily offline",
    );
    ok(
        rig.on_laptop(ann, &daily("2026-11-19", "MARKER-anns-daily-line")),
        "the same day again",
    );
    rig.start_sshd();
    let synced = ok(rig.sync(ann), "sync");
    assert!(
        synced.contains("sent 1 change: 1 taken"),
        "one line a day: {synced}"
    );
    let lines = |note: &str| {
        count(
            &rig.db,
            "SELECT count(*) FROM engagement WHERE note = ?1 AND day IS NOT NULL",
            note,
        )
    };
    assert_eq!((lines("MARKER-anns-daily-line"), lines("first take")), (1, 0));
    let ann_adds = count(
        &rig.db,
        "SELECT count(*) FROM audit_log WHERE actor = ?1 AND entity = 'engagement'",
        &ann.name,
    );
    assert_eq!(ann_adds, 1, "taken as Ann's, audited once");

    ok(rig.on_laptop(ann, &daily("2026-11-20", "cut off")), "another day");
    let cut = rig.sync_cut_off(ann);
    assert_eq!(cut.status.code(), Some(1), "{}", text(&cut));
    let after_cut = lines("cut off");
    assert!(after_cut <= 1);
    let again = ok(rig.sync(ann), "sync again");
    assert!(again.contains("1 taken"), "{again}");
    assert_eq!(
        lines("cut off"),
        1,
        "once (the box had it {after_cut} time(s) after the cut)"
    );
    let ann_adds = count(
        &rig.db,
        "SELECT count(*) FROM audit_log WHERE actor = ?1 AND entity = 'engagement'",
        &ann.name,
    );
    assert_eq!(ann_adds, 2);

    ok(rig.sync(ben), "Ben's first sync");
    let bens = std::fs::read(rig.laptop(ben)).unwrap();
    let has = |marker: &str| bens.windows(marker.len()).any(|w| w == marker.as_bytes());
    assert!(
        !has("MARKER-anns-daily-line"),
        "Ann's student's lines are not on Ben's laptop"
    );
    let anns = std::fs::read(rig.laptop(ann)).unwrap();
    assert!(anns.windows(22).any(|w| w == b"MARKER-anns-daily-line"));
}
