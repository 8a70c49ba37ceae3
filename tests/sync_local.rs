//! A laptop copy on this machine, its `ssh` a script that runs the box's end here (no server
//! needed, so it runs everywhere): what its status line says, and what a copy refuses offline.
//! The sync through a real sshd, with real users, is in `tests/sync_ssh.rs`.

mod common;

use common::{app_on, render, today};
use mentordesk::domain::records::ContactInput;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The rural-union demo as the box, and a copy of it (its coordinator's: the user running the
/// tests) made by a first sync.
fn box_and_copy(dir: &Path) -> (PathBuf, PathBuf) {
    let box_db = common::demo_db(dir);
    let laptop = first_copy(dir, &box_db);
    (box_db, laptop)
}

/// The `ssh` of these tests: runs the box's end here.
fn local_ssh(dir: &Path) -> PathBuf {
    let ssh = dir.join("local-ssh.sh");
    std::fs::write(&ssh, "shift\nexec sh -c \"$1\"\n").unwrap();
    ssh
}

/// A copy of `box_db` for the user running the tests, made by a first sync.
fn first_copy(dir: &Path, box_db: &Path) -> PathBuf {
    let laptop = dir.join("laptop.db");
    let out = sync(
        &laptop,
        &local_ssh(dir),
        Some(&format!("localhost:{}", box_db.display())),
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    laptop
}

fn sync(laptop: &Path, ssh: &Path, remote: Option<&str>) -> std::process::Output {
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

/// The Check & Connect demo as the box, where the user running the tests is the mentor M01
/// (the coordinator signs in as `dana`), and that mentor's copy.
fn mentor_box_and_copy(dir: &Path) -> (PathBuf, PathBuf) {
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
struct Cut(PathBuf, PathBuf);

impl Cut {
    fn before(laptop: &Path) -> Cut {
        let kept = laptop.with_extension("before");
        std::fs::copy(laptop, &kept).unwrap();
        Cut(laptop.to_path_buf(), kept)
    }

    fn put_back(self) {
        let _ = std::fs::remove_file(self.0.with_extension("db-wal"));
        let _ = std::fs::remove_file(self.0.with_extension("db-shm"));
        std::fs::rename(&self.1, &self.0).unwrap();
    }
}

fn count(db: &Path, sql: &str) -> i64 {
    common::raw(db).query_row(sql, [], |r| r.get(0)).unwrap()
}

fn synced(laptop: &Path, ssh: &Path) -> String {
    let out = sync(laptop, ssh, None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn status(laptop: &Path) -> String {
    common::ok(laptop, &["sync", "--status"])
}

/// A student on the caseload of the copy's mentor, by the copy's own key.
fn a_student(laptop: &Path) -> i64 {
    common::raw(laptop)
        .query_row(
            "SELECT a.mentee FROM assignments a JOIN people m ON m.key = a.mentor
             WHERE m.id = 'M01' AND a.ended_on IS NULL ORDER BY a.mentee LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

fn daily(note: &str, academic: &str) -> mentordesk::domain::engagement::DailyLine {
    let mut entry = mentordesk::domain::engagement::Engagement::default();
    entry.set("academic", academic).unwrap();
    mentordesk::domain::engagement::DailyLine {
        day: today(),
        entry,
        note: note.into(),
    }
}

fn meeting(organizer: i64, person: i64, place: &str) -> mentordesk::domain::agenda::NewEvent {
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

#[test]
fn a_mentors_meetings_and_daily_lines_reach_the_box_once_even_when_a_sync_is_cut() {
    let dir = tempfile::tempdir().unwrap();
    let (box_db, laptop) = mentor_box_and_copy(dir.path());
    let ssh = local_ssh(dir.path());
    let mut session = common::session_on(&laptop, None);
    let me = session.me().key;
    let student = a_student(&laptop);
    session
        .record_daily(student, &daily("read aloud in class", "4"))
        .unwrap();
    session
        .add_event(&meeting(me, student, "school library"))
        .unwrap();
    drop(session);
    assert!(status(&laptop).contains("2 changes to send"));
    let audit_before = count(&box_db, "SELECT count(*) FROM audit_log");

    let cut = Cut::before(&laptop);
    let said = synced(&laptop, &ssh);
    assert!(
        said.contains("sent 2 changes: 2 taken, 0 refused, 0 in conflict"),
        "{said}"
    );
    let on_box = |sql: &str| count(&box_db, sql);
    let line = "SELECT count(*) FROM engagement WHERE note = 'read aloud in class' AND academic = 4";
    let met = "SELECT count(*) FROM events WHERE kind = 'meeting' AND place = 'school library'";
    assert_eq!((on_box(line), on_box(met)), (1, 1));
    let mentor_login = mentordesk::service::os_login();
    let audited = common::raw(&box_db)
        .query_row(
            "SELECT count(*) FROM audit_log WHERE actor = ?1 AND action = 'add' AND entity IN ('engagement', 'event')",
            [&mentor_login],
            |r| r.get::<_, i64>(0),
        )
        .unwrap();
    assert_eq!(audited, 2, "taken as the mentor's own work, through the service");
    let audit_after = on_box("SELECT count(*) FROM audit_log");
    assert_eq!(audit_after, audit_before + 2);
    for table in ["engagement", "events"] {
        let gid_sql = format!("SELECT gid FROM {table} ORDER BY key DESC LIMIT 1");
        let gid = |db: &Path| -> String { common::raw(db).query_row(&gid_sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(
            gid(&box_db),
            gid(&laptop),
            "{table}: the copy's id is kept on the box"
        );
    }

    // The answers never arrived: the copy sends both again, and the box takes them once.
    cut.put_back();
    assert!(status(&laptop).contains("2 changes to send"));
    let said = synced(&laptop, &ssh);
    assert!(said.contains("2 taken"), "{said}");
    assert_eq!((on_box(line), on_box(met)), (1, 1), "nothing twice");
    assert_eq!(
        on_box("SELECT count(*) FROM audit_log"),
        audit_after,
        "nothing done twice"
    );
    assert!(
        status(&laptop).contains("0 changes to send"),
        "{}",
        status(&laptop)
    );
}

#[test]
fn a_daily_line_and_a_meeting_changed_on_both_sides_wait_for_the_choice_and_mine_wins_when_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let (box_db, laptop) = mentor_box_and_copy(dir.path());
    let ssh = local_ssh(dir.path());
    let mut session = common::session_on(&laptop, None);
    let me = session.me().key;
    let student = a_student(&laptop);
    let meeting_key = session
        .add_event(&meeting(me, student, "school library"))
        .unwrap();
    drop(session);
    synced(&laptop, &ssh);

    // The coordinator, on the box, writes the same day's line and moves the meeting...
    let gid_of =
        |db: &Path, sql: &str| -> String { common::raw(db).query_row(sql, [], |r| r.get(0)).unwrap() };
    let meeting_gid = gid_of(&laptop, "SELECT gid FROM events WHERE place = 'school library'");
    let mut on_box = common::session_on(&box_db, Some("dana"));
    let box_student = on_box
        .person_by_id(&gid_of(
            &laptop,
            &format!("SELECT id FROM people WHERE key = {student}"),
        ))
        .unwrap()
        .unwrap()
        .key;
    on_box
        .record_daily(box_student, &daily("as the coordinator heard it", "2"))
        .unwrap();
    let box_meeting: i64 = common::raw(&box_db)
        .query_row("SELECT key FROM events WHERE gid = ?1", [&meeting_gid], |r| {
            r.get(0)
        })
        .unwrap();
    let (mut moved, version) = on_box.event(box_meeting).unwrap().unwrap();
    moved.place = "front office".into();
    on_box.update_event(box_meeting, version, &moved).unwrap();
    drop(on_box);
    // ...while the mentor, offline, writes theirs and moves it elsewhere.
    let mut session = common::session_on(&laptop, None);
    session
        .record_daily(student, &daily("as the mentor saw it", "5"))
        .unwrap();
    let (mut mine, version) = session.event(meeting_key).unwrap().unwrap();
    mine.place = "cafeteria".into();
    session.update_event(meeting_key, version, &mine).unwrap();
    drop(session);

    let out = sync(&laptop, &ssh, None);
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = status(&laptop);
    assert!(
        said.contains("conflict engagement ") && said.contains("conflict events "),
        "{said}"
    );
    let note_on = |db: &Path| gid_of(db, "SELECT note FROM engagement WHERE day = '2026-11-23'");
    let place_on = |db: &Path| {
        gid_of(
            db,
            &format!("SELECT place FROM events WHERE gid = '{meeting_gid}'"),
        )
    };
    assert_eq!(
        note_on(&box_db),
        "as the coordinator heard it",
        "the box keeps its own"
    );
    assert_eq!(place_on(&box_db), "front office");
    assert_eq!(
        note_on(&laptop),
        "as the mentor saw it",
        "the copy keeps the mentor's"
    );
    assert_eq!(place_on(&laptop), "cafeteria");
    let line_gid = gid_of(&laptop, "SELECT gid FROM engagement WHERE day = '2026-11-23'");
    assert_eq!(
        line_gid,
        gid_of(&box_db, "SELECT gid FROM engagement WHERE day = '2026-11-23'")
    );
    // The app offers the choice for the first (by table: the line), naming what it is.
    let mut app = app_on(&laptop, None);
    let screen = common::screen(&app);
    assert!(
        screen.contains("Your offline daily line (1 of 2), changed by"),
        "{screen}"
    );
    common::press(&mut app, crossterm::event::KeyCode::Enter);
    let review = common::screen(&app);
    assert!(
        review.contains("as the mentor saw it") && review.contains("as the coordinator heard"),
        "{review}"
    );
    drop(app);

    for gid in [&line_gid, &meeting_gid] {
        common::ok(&laptop, &["sync", "--settle", gid, "mine"]);
    }
    synced(&laptop, &ssh);
    assert_eq!(note_on(&box_db), "as the mentor saw it");
    assert_eq!(place_on(&box_db), "cafeteria");
    assert_eq!(
        count(
            &box_db,
            "SELECT count(*) FROM engagement WHERE day = '2026-11-23'"
        ),
        1,
        "one line for the day, never two"
    );
}

#[test]
fn a_coordinators_attendance_events_cancellations_and_ledger_reach_the_box_once() {
    use mentordesk::domain::agenda::{Attendance, EventKind, NewEvent, Source};
    let dir = tempfile::tempdir().unwrap();
    let (box_db, laptop) = box_and_copy(dir.path());
    let ssh = local_ssh(dir.path());
    let mut session = common::session_on(&laptop, None);
    let mentor = session.person_by_id("M01").unwrap().unwrap().key;
    session
        .set_attendance(today(), "Mentor check-in", mentor, Attendance::Present)
        .unwrap();
    session.set_guests(today(), "Mentor check-in", mentor, 2).unwrap();
    session
        .add_event(&NewEvent {
            kind: EventKind::Training,
            title: "Winter bargaining training".into(),
            date: today() + chrono::Days::new(10),
            start: None,
            end: None,
            organizer: None,
            person: None,
            place: "union hall".into(),
            notes: String::new(),
        })
        .unwrap();
    session
        .add_ledger_entry(&mentordesk::domain::records::NewLedgerEntry {
            mentor,
            kind: "travel",
            amount_cents: 4250,
            on: today(),
            note: "mileage to the co-op",
            paid: false,
            minutes: None,
        })
        .unwrap();
    let next =
        mentordesk::service::calendar::occurrences(&session, today(), today() + chrono::Days::new(120), None)
            .unwrap()
            .into_iter()
            .find(|o| matches!(o.source, Source::Series(_)))
            .expect("a recurring date ahead");
    session.cancel_occurrence(&next).unwrap();
    drop(session);
    let audit_before = count(&box_db, "SELECT count(*) FROM audit_log");

    let cut = Cut::before(&laptop);
    let said = synced(&laptop, &ssh);
    assert!(said.contains("sent 4 changes: 4 taken"), "{said}");
    let cancelled = format!(
        "SELECT count(*) FROM events WHERE cancelled = 1 AND title = '{}' AND starts_at = '{}'",
        next.title, next.date
    );
    let checks = [
        "SELECT count(*) FROM attendance WHERE event = 'Mentor check-in' AND status = 'present' AND guests = 2",
        "SELECT count(*) FROM events WHERE title = 'Winter bargaining training'",
        "SELECT count(*) FROM ledger WHERE note = 'mileage to the co-op' AND amount_cents = 4250",
        cancelled.as_str(),
    ];
    let on_box = || checks.map(|sql| count(&box_db, sql));
    assert_eq!(on_box(), [1; 4]);
    let audit_after = count(&box_db, "SELECT count(*) FROM audit_log");
    assert_eq!(
        audit_after,
        audit_before + 5,
        "a mark, its guests, an event, a ledger entry and a cancellation, each audited"
    );

    cut.put_back();
    let said = synced(&laptop, &ssh);
    assert!(said.contains("sent 4 changes: 4 taken"), "{said}");
    assert_eq!(on_box(), [1; 4], "nothing twice");
    assert_eq!(count(&box_db, "SELECT count(*) FROM audit_log"), audit_after);
    for sql in [
        "SELECT gid FROM attendance",
        "SELECT gid FROM ledger ORDER BY key DESC LIMIT 1",
    ] {
        let gid = |db: &Path| -> String { common::raw(db).query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(gid(&box_db), gid(&laptop), "{sql}");
    }
}

#[test]
fn a_mark_made_on_both_sides_is_a_conflict_and_what_a_demoted_coordinator_did_offline_is_refused_and_kept() {
    use mentordesk::domain::agenda::Attendance;
    let dir = tempfile::tempdir().unwrap();
    let (box_db, laptop) = box_and_copy(dir.path());
    let ssh = local_ssh(dir.path());
    let mark = |db: &Path, status: Attendance| {
        let mut session = common::session_on(db, None);
        let mentor = session.person_by_id("M02").unwrap().unwrap().key;
        session
            .set_attendance(today(), "Winter meeting", mentor, status)
            .unwrap();
    };
    mark(&box_db, Attendance::Absent);
    mark(&laptop, Attendance::Excused);
    let out = sync(&laptop, &ssh, None);
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        status(&laptop).contains("conflict attendance "),
        "{}",
        status(&laptop)
    );
    let status_on = |db: &Path| -> String {
        common::raw(db)
            .query_row(
                "SELECT status FROM attendance WHERE event = 'Winter meeting'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(
        (status_on(&box_db), status_on(&laptop)),
        ("absent".into(), "excused".into())
    );

    // On the box, another coordinator makes this one a mentor; offline, they still keep the ledger.
    let mut on_box = common::session_on(&box_db, None);
    on_box
        .create_person(
            "C02",
            "Lee Park",
            mentordesk::domain::Role::Coordinator,
            &mentordesk::domain::records::PersonFields {
                login: Some("lee".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let me = on_box.me().clone();
    drop(on_box);
    common::session_on(&box_db, Some("lee"))
        .change_role(
            mentordesk::domain::records::Editing {
                key: me.key,
                version: me.version,
            },
            mentordesk::domain::Role::Mentor,
        )
        .unwrap();
    let mut session = common::session_on(&laptop, None);
    let mentor = session.person_by_id("M01").unwrap().unwrap().key;
    session
        .add_ledger_entry(&mentordesk::domain::records::NewLedgerEntry {
            mentor,
            kind: "travel",
            amount_cents: 900,
            on: today(),
            note: "parking",
            paid: false,
            minutes: None,
        })
        .unwrap();
    drop(session);
    let out = sync(&laptop, &ssh, None);
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = status(&laptop);
    assert!(
        said.contains("refused ledger ") && said.contains("only a coordinator keeps the ledger"),
        "{said}"
    );
    assert_eq!(
        count(&box_db, "SELECT count(*) FROM ledger WHERE note = 'parking'"),
        0
    );
    assert_eq!(
        count(&laptop, "SELECT count(*) FROM ledger WHERE note = 'parking'"),
        1,
        "kept on the laptop"
    );
    let again = synced(&laptop, &ssh);
    assert!(
        again.contains("sent 0 changes"),
        "a refused change is not sent again until it changes: {again}"
    );
    assert!(status(&laptop).contains("only a coordinator keeps the ledger"));
}

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
fn a_daily_line_in_conflict_stays_on_the_laptop_when_its_student_leaves_the_caseload_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let (box_db, laptop) = mentor_box_and_copy(dir.path());
    let ssh = local_ssh(dir.path());
    let student = a_student(&laptop);
    let student_id: String = common::raw(&laptop)
        .query_row("SELECT id FROM people WHERE key = ?1", [student], |r| r.get(0))
        .unwrap();
    let mut session = common::session_on(&laptop, None);
    session.record_daily(student, &daily("first", "3")).unwrap();
    drop(session);
    synced(&laptop, &ssh);
    let mut on_box = common::session_on(&box_db, Some("dana"));
    let on_box_student = on_box.person_by_id(&student_id).unwrap().unwrap().key;
    on_box
        .record_daily(on_box_student, &daily("the box's", "2"))
        .unwrap();
    let pair = on_box
        .assignments_of(on_box_student)
        .unwrap()
        .into_iter()
        .find(|a| a.ended_on.is_none())
        .unwrap();
    on_box
        .end_assignment(
            mentordesk::domain::records::Editing {
                key: pair.key,
                version: pair.version,
            },
            today(),
            mentordesk::domain::EndReason::Completed,
        )
        .unwrap();
    drop(on_box);
    let mut session = common::session_on(&laptop, None);
    session
        .record_daily(student, &daily("the mentor's", "5"))
        .unwrap();
    drop(session);
    let out = sync(&laptop, &ssh, None);
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        count(
            &laptop,
            "SELECT count(*) FROM engagement WHERE note = 'the mentor''s'"
        ),
        1,
        "the mentor's version is never dropped, though the student left the slice"
    );
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
