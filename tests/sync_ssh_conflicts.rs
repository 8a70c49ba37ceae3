//! Laptop copies synced through a real OpenSSH server on loopback (runs only as root, where
//! Debian's `sshd` is installed; CI installs it): a change made on both sides waits for a
//! choice, a change the box refuses stays on the laptop, a deactivated user's copy empties, and
//! a copy too old refuses to open.

#[path = "support/ssh_rig.rs"]
mod ssh_rig;
#[path = "support/unix_users.rs"]
mod unix_users;

use ssh_rig::*;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use unix_users::{as_user, ok};

#[test]
fn a_contact_edited_on_both_sides_waits_for_a_choice_and_nothing_is_lost() {
    if skip() {
        return;
    }
    let rig = Rig::new();
    let ann = rig.mentor(1);
    ok(
        rig.on_box(ann, &log_args("E1", "2026-11-18T11:00", "first notes")),
        "log on the box",
    );
    ok(rig.sync(ann), "first sync");
    let (gid, version) = contact_id(&rig.db, "first notes");
    let v = version.to_string();
    ok(
        rig.on_box(
            rig.shared.coordinator(),
            &[
                "contact",
                "edit",
                &gid,
                "--version",
                &v,
                "--notes",
                "the box's notes",
            ],
        ),
        "box edit",
    );
    ok(
        rig.on_laptop(
            ann,
            &[
                "contact",
                "edit",
                &gid,
                "--version",
                &v,
                "--notes",
                "the laptop's notes",
            ],
        ),
        "laptop edit",
    );
    let conflict = rig.sync(ann);
    assert_eq!(conflict.status.code(), Some(4), "{}", text(&conflict));
    assert!(text(&conflict).contains("1 in conflict"), "{}", text(&conflict));
    assert_eq!(rig.box_contacts("the box's notes"), 1, "the box's edit stays");
    assert_eq!(
        contact_id(&rig.laptop(ann), "the laptop's notes").0,
        gid,
        "the laptop's edit stays"
    );
    let status = ok(rig.on_laptop(ann, &["sync", "--status"]), "status");
    assert!(status.contains(&format!("conflict contacts {gid}")), "{status}");
    ok(rig.on_laptop(ann, &["sync", "--settle", &gid, "mine"]), "settle");
    let synced = ok(rig.sync(ann), "sync after settling");
    assert!(synced.contains("1 taken"), "{synced}");
    assert_eq!(
        rig.box_contacts("the laptop's notes"),
        1,
        "the laptop's edit went over the box's"
    );
    let edits = count(
        &rig.db,
        "SELECT count(*) FROM audit_log WHERE actor = ?1 AND action = 'edit' AND entity = 'contact'",
        &ann.name,
    );
    assert_eq!(edits, 1, "Ann's edit is audited as hers");
}

#[test]
fn a_change_the_box_refuses_is_kept_on_the_laptop_with_its_reason() {
    if skip() {
        return;
    }
    let rig = Rig::new();
    let ann = rig.mentor(1);
    ok(rig.sync(ann), "first sync");
    // While Ann is offline, Eve moves to Ben's caseload; Ann's laptop still has her as Ann's.
    let coordinator = rig.shared.coordinator();
    ok(
        rig.on_box(
            coordinator,
            &[
                "unassign",
                "--mentor",
                "M1",
                "--mentee",
                "E1",
                "--reason",
                "exhausted",
                "--on",
                "2026-11-01",
            ],
        ),
        "unassign",
    );
    ok(
        rig.on_box(
            coordinator,
            &[
                "assign",
                "--mentor",
                "M2",
                "--mentee",
                "E1",
                "--on",
                "2026-11-02",
                "--force",
            ],
        ),
        "assign",
    );
    ok(
        rig.on_laptop(ann, &log_args("E1", "2026-11-20T09:00", "after she moved")),
        "log offline",
    );
    let refused = rig.sync(ann);
    assert_eq!(refused.status.code(), Some(3), "{}", text(&refused));
    assert!(text(&refused).contains("refused"), "{}", text(&refused));
    assert_eq!(rig.box_contacts("after she moved"), 0);
    assert_eq!(
        count(
            &rig.laptop(ann),
            "SELECT count(*) FROM contacts WHERE notes = ?1",
            "after she moved"
        ),
        1,
        "kept"
    );
    let status = ok(rig.on_laptop(ann, &["sync", "--status"]), "status");
    assert!(status.contains("refused contacts"), "{status}");
    let again = rig.sync(ann);
    assert!(
        text(&again).contains("sent 0 changes"),
        "a refused change is not sent again: {}",
        text(&again)
    );
}

#[test]
fn a_deactivated_users_copy_reports_its_queued_changes_then_empties() {
    if skip() {
        return;
    }
    let rig = Rig::new();
    let ann = rig.mentor(1);
    ok(rig.sync(ann), "first sync");
    ok(
        rig.on_laptop(ann, &log_args("E1", "2026-11-20T09:00", "never delivered")),
        "log offline",
    );
    let coordinator = rig.shared.coordinator();
    let people = coordinator.home.join("off.csv");
    std::fs::write(
        &people,
        format!(
            "id,name,role,login,active\nM1,Ann Mentor,mentor,{},no\n",
            ann.name
        ),
    )
    .unwrap();
    chown(&people, coordinator);
    ok(
        rig.on_box(coordinator, &["import", "people", people.to_str().unwrap()]),
        "deactivate",
    );
    let out = rig.sync(ann);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out));
    let said = text(&out);
    assert!(
        said.contains("deactivated") && said.contains("saved in"),
        "{said}"
    );
    let saved = said
        .lines()
        .find_map(|l| l.strip_prefix("what the box never took is saved in "))
        .map(PathBuf::from)
        .unwrap();
    assert!(
        std::fs::read_to_string(&saved)
            .unwrap()
            .contains("never delivered")
    );
    assert_eq!(
        std::fs::metadata(&saved).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let opened = rig.on_laptop(ann, &["quota"]);
    assert_ne!(opened.status.code(), Some(0));
    assert!(text(&opened).contains("empty"), "{}", text(&opened));
    assert_eq!(
        count(
            &rig.laptop(ann),
            "SELECT count(*) FROM people WHERE name != ?1",
            ""
        ),
        0,
        "no one is left on the laptop"
    );
}

#[test]
fn a_copy_past_its_allowed_age_refuses_to_open_until_it_syncs() {
    if skip() {
        return;
    }
    let rig = Rig::new();
    let ann = rig.mentor(1);
    ok(
        rig.on_box(
            rig.shared.coordinator(),
            &["settings", "set", "offline_days", "2"],
        ),
        "settings",
    );
    ok(rig.sync(ann), "first sync");
    let later = |today: &str| {
        let laptop = rig.laptop(ann);
        as_user(
            ann,
            &rig.bin,
            &["--db", laptop.to_str().unwrap(), "quota"],
            &[("MENTORDESK_TODAY", today)],
        )
    };
    assert!(later("2026-11-24").status.success());
    let locked = later("2026-11-27");
    assert_eq!(locked.status.code(), Some(3), "{}", text(&locked));
    assert!(
        text(&locked).contains("run `mentordesk sync`"),
        "{}",
        text(&locked)
    );
    ok(rig.sync_with(ann, &rig.ssh(ann), "2026-11-27", false), "sync");
    assert!(later("2026-11-27").status.success(), "open again after a sync");
}
