//! What a coordinator changes in a laptop copy, synced to the box through an `ssh` that runs
//! the box's end here: people, assignments, the program's settings, applicants' files; taken
//! once, and a change on both sides a conflict.

mod common;
#[path = "support/sync_copy.rs"]
mod sync_copy;

use common::today;
use std::path::Path;
use sync_copy::*;

#[test]
fn people_and_assignments_changed_on_a_coordinators_copy_reach_the_box_once_and_meet_as_conflicts() {
    use mentordesk::domain::Role;
    use mentordesk::domain::records::PersonFields;
    let dir = tempfile::tempdir().unwrap();
    let (box_db, laptop) = box_and_copy(dir.path());
    let ssh = local_ssh(dir.path());
    let mut session = common::session_on(&laptop, None);
    let mentor = session.person_by_id("M01").unwrap().unwrap();
    let new = session
        .create_person(
            "L90",
            "Nora Field",
            Role::Mentee,
            &PersonFields {
                phone: Some("608-555-0190".into()),
                ..Default::default()
            },
        )
        .unwrap();
    session.assign(mentor.key, new, today(), true).unwrap();
    let ending = session
        .mentor_assignments(mentor.key)
        .unwrap()
        .into_iter()
        .find(|a| a.ended_on.is_none() && a.mentee != new)
        .expect("an open assignment of M01");
    session
        .end_assignment(
            mentordesk::domain::records::Editing {
                key: ending.key,
                version: ending.version,
            },
            today(),
            mentordesk::domain::EndReason::Completed,
        )
        .unwrap();
    let renamed = session.person_by_id("L01").unwrap().unwrap();
    session
        .edit_person(renamed.editing(), "Lena Marsh-Olsen", &renamed.fields)
        .unwrap();
    drop(session);
    let audit_before = count(&box_db, "SELECT count(*) FROM audit_log");

    let cut = Cut::before(&laptop);
    let said = synced(&laptop, &ssh);
    assert!(said.contains("sent 4 changes: 4 taken"), "{said}");
    let checks = [
        "SELECT count(*) FROM people WHERE id = 'L90' AND name = 'Nora Field' AND phone = '608-555-0190'",
        "SELECT count(*) FROM assignments a JOIN people p ON p.key = a.mentee WHERE p.id = 'L90' AND a.ended_on IS NULL",
        "SELECT count(*) FROM people WHERE id = 'L01' AND name = 'Lena Marsh-Olsen'",
    ];
    let on_box = || checks.map(|sql| count(&box_db, sql));
    assert_eq!(on_box(), [1; 3]);
    let ended = |db: &Path| -> Option<String> {
        common::raw(db)
            .query_row(
                "SELECT end_reason FROM assignments WHERE gid = (SELECT gid FROM assignments WHERE key = ?1)",
                [ending.key],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(ended(&laptop).as_deref(), Some("completed"));
    let ending_gid: String = common::raw(&laptop)
        .query_row("SELECT gid FROM assignments WHERE key = ?1", [ending.key], |r| {
            r.get(0)
        })
        .unwrap();
    let box_end: Option<String> = common::raw(&box_db)
        .query_row(
            "SELECT end_reason FROM assignments WHERE gid = ?1",
            [&ending_gid],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(box_end.as_deref(), Some("completed"));
    let audit_after = count(&box_db, "SELECT count(*) FROM audit_log");
    assert_eq!(
        audit_after,
        audit_before + 4,
        "added, assigned, ended, edited: each audited"
    );

    cut.put_back();
    let said = synced(&laptop, &ssh);
    assert!(said.contains("sent 4 changes: 4 taken"), "{said}");
    assert_eq!(on_box(), [1; 3], "nothing twice");
    assert_eq!(count(&box_db, "SELECT count(*) FROM audit_log"), audit_after);

    // The same person's details changed on both sides: a conflict, each side keeps its own.
    let phone_of = |db: &Path| -> String {
        common::raw(db)
            .query_row("SELECT phone FROM people WHERE id = 'L90'", [], |r| r.get(0))
            .unwrap()
    };
    for (db, phone) in [(&box_db, "608-555-0001"), (&laptop, "608-555-0002")] {
        let mut session = common::session_on(db, None);
        let nora = session.person_by_id("L90").unwrap().unwrap();
        let fields = PersonFields {
            phone: Some(phone.into()),
            ..nora.fields.clone()
        };
        session.edit_person(nora.editing(), &nora.name, &fields).unwrap();
    }
    let out = sync(&laptop, &ssh, None);
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        status(&laptop).contains("conflict people "),
        "{}",
        status(&laptop)
    );
    assert_eq!(
        (phone_of(&box_db), phone_of(&laptop)),
        ("608-555-0001".into(), "608-555-0002".into())
    );
}

#[test]
fn a_login_taken_on_the_box_meanwhile_refuses_the_person_and_what_a_copy_lacks_is_refused_there_by_name() {
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
    let mut session = common::session_on(&laptop, None);
    session
        .create_person("M91", "Zed Road", Role::Mentor, &with_login)
        .unwrap();
    let mentor = session.person_by_id("M01").unwrap().unwrap();
    let refused = session.warn_mentor(&mentor.id, "expectations".parse().unwrap(), "");
    let said = refused.unwrap_err().to_string();
    assert!(
        said.starts_with("warning a mentor is not carried by the sync yet"),
        "{said}"
    );
    drop(session);
    // The box refuses it (the login is Zed Box's there), and the copy cannot hold both: the
    // sync says what to change, and keeps everything.
    let out = sync(&laptop, &ssh, None);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("the box has people 'zed' with a login that a record made in this copy also has"),
        "{said}"
    );
    assert_eq!(said.trim().lines().count(), 1, "{said}");
    assert_eq!(count(&box_db, "SELECT count(*) FROM people WHERE id = 'M91'"), 0);
    assert_eq!(
        count(&laptop, "SELECT count(*) FROM people WHERE id = 'M91'"),
        1,
        "kept on the laptop"
    );
    let mut session = common::session_on(&laptop, None);
    let zed = session.person_by_id("M91").unwrap().unwrap();
    let fields = PersonFields {
        login: Some("zroad".into()),
        ..zed.fields.clone()
    };
    session.edit_person(zed.editing(), &zed.name, &fields).unwrap();
    drop(session);
    let said = synced(&laptop, &ssh);
    assert!(said.contains("1 taken"), "{said}");
    assert_eq!(
        count(
            &box_db,
            "SELECT count(*) FROM people WHERE id = 'M91' AND login = 'zroad'"
        ),
        1
    );
    assert_eq!(
        count(&laptop, "SELECT count(*) FROM people WHERE login = 'zed'"),
        1,
        "Zed Box's"
    );
}

#[test]
fn a_setting_changed_on_a_coordinators_copy_reaches_the_box_once_and_a_change_on_both_sides_waits() {
    let dir = tempfile::tempdir().unwrap();
    let (box_db, laptop) = box_and_copy(dir.path());
    let ssh = local_ssh(dir.path());
    let quota = |db: &Path| {
        let all: serde_json::Value = serde_json::from_str(&common::ok(db, &["settings", "show"])).unwrap();
        all["quota"].to_string()
    };
    common::ok(&laptop, &["settings", "set", "quota", "4"]);
    let audit_before = count(&box_db, "SELECT count(*) FROM audit_log");
    let cut = Cut::before(&laptop);
    let said = synced(&laptop, &ssh);
    assert!(said.contains("sent 1 change: 1 taken"), "{said}");
    assert_eq!(quota(&box_db), "4");
    let audited = count(
        &box_db,
        "SELECT count(*) FROM audit_log WHERE entity = 'settings' AND detail LIKE '%quota%'",
    );
    assert_eq!(audited, 1, "set through the settings call, audited once");
    let audit_after = count(&box_db, "SELECT count(*) FROM audit_log");
    assert_eq!(audit_after, audit_before + 1);
    cut.put_back();
    let said = synced(&laptop, &ssh);
    assert!(said.contains("1 taken"), "{said}");
    assert_eq!(
        count(&box_db, "SELECT count(*) FROM audit_log"),
        audit_after,
        "nothing twice"
    );

    common::ok(&box_db, &["settings", "set", "quota", "5"]);
    common::ok(&laptop, &["settings", "set", "quota", "2"]);
    let out = sync(&laptop, &ssh, None);
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        status(&laptop).contains("conflict program program"),
        "{}",
        status(&laptop)
    );
    assert_eq!((quota(&box_db), quota(&laptop)), ("5".into(), "2".into()));
    common::ok(&laptop, &["sync", "--settle", "program", "mine"]);
    synced(&laptop, &ssh);
    assert_eq!(quota(&box_db), "2", "mine, chosen, goes over the box's");
}

#[test]
fn applicants_files_kept_on_a_coordinators_copy_reach_the_box_once_and_a_decision_waits_for_its_references() {
    use mentordesk::domain::Role;
    use mentordesk::domain::applications::{CoverLetter, Reference, Verdict};
    let dir = tempfile::tempdir().unwrap();
    let box_db = common::demo_file(dir.path(), "esp.db", mentordesk::domain::settings::Preset::Esp);
    let laptop = first_copy(dir.path(), &box_db);
    let ssh = local_ssh(dir.path());
    let refs_before = count(
        &box_db,
        "SELECT count(*) FROM application_references r JOIN people p ON p.key = r.person WHERE p.id = 'M05'",
    );
    let mut session = common::session_on(&laptop, None);
    // Gail's file lacks only its references: they come in, and the committee accepts her.
    let gail = session.person_by_id("M05").unwrap().unwrap();
    for (referee, association) in [("Principal Ortiz", false), ("Local president Dunn", true)] {
        session
            .add_reference(
                &gail,
                &Reference {
                    referee: referee.into(),
                    association,
                    received_on: today(),
                },
            )
            .unwrap();
    }
    session
        .decide_application(
            &gail,
            Verdict::Accepted,
            "strong references, ready to mentor",
            false,
        )
        .unwrap();
    // A new applicant, added and given a file offline.
    let pat = session
        .create_person("M95", "Pat Rivers", Role::Mentor, &Default::default())
        .unwrap();
    let pat = session.person(pat).unwrap().unwrap();
    session.open_application(&pat, today()).unwrap();
    let cover = |why: &str| CoverLetter {
        why: why.into(),
        offer: "Twenty years on the routes".into(),
        times: "Mornings".into(),
    };
    session
        .set_cover_letter(&pat, &cover("To give back"), false)
        .unwrap();
    drop(session);
    let audit_before = count(&box_db, "SELECT count(*) FROM audit_log");

    let cut = Cut::before(&laptop);
    let said = synced(&laptop, &ssh);
    assert!(said.contains("sent 5 changes: 5 taken"), "{said}");
    let checks = [
        "SELECT count(*) FROM applications a JOIN people p ON p.key = a.person
         WHERE p.id = 'M05' AND a.decision = 'accepted' AND a.reason = 'strong references, ready to mentor'",
        "SELECT count(*) FROM application_references r JOIN people p ON p.key = r.person WHERE p.id = 'M05'",
        "SELECT count(*) FROM applications a JOIN people p ON p.key = a.person
         WHERE p.id = 'M95' AND a.why = 'To give back'",
    ];
    let on_box = || checks.map(|sql| count(&box_db, sql));
    assert_eq!(on_box(), [1, refs_before + 2, 1]);
    let audit_after = count(&box_db, "SELECT count(*) FROM audit_log");
    assert_eq!(
        audit_after,
        audit_before + 6,
        "2 references, the decision, the person, the file and its cover letter"
    );
    cut.put_back();
    let said = synced(&laptop, &ssh);
    assert!(said.contains("sent 5 changes: 5 taken"), "{said}");
    assert_eq!(on_box(), [1, refs_before + 2, 1], "nothing twice");
    assert_eq!(count(&box_db, "SELECT count(*) FROM audit_log"), audit_after);

    // Pat's cover letter, changed on both sides: a conflict, each keeps its own.
    for (db, why) in [
        (&box_db, "As the box has it"),
        (&laptop, "As written on the road"),
    ] {
        let mut session = common::session_on(db, None);
        let pat = session.person_by_id("M95").unwrap().unwrap();
        session.set_cover_letter(&pat, &cover(why), true).unwrap();
    }
    let out = sync(&laptop, &ssh, None);
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        status(&laptop).contains("conflict applications "),
        "{}",
        status(&laptop)
    );
    let why = "SELECT a.why FROM applications a JOIN people p ON p.key = a.person WHERE p.id = 'M95'";
    let why_on = |db: &Path| -> String { common::raw(db).query_row(why, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        (why_on(&box_db), why_on(&laptop)),
        ("As the box has it".into(), "As written on the road".into())
    );
}
