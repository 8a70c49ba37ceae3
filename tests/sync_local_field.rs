//! What a mentor does in the field, made in a laptop copy and synced to the box through an
//! `ssh` that runs the box's end here: meetings, daily lines, attendance, program events and
//! their cancellations, ledger entries; taken once, and a change on both sides a conflict.

mod common;
#[path = "support/sync_copy.rs"]
mod sync_copy;

use common::{app_on, today};
use std::path::Path;
use sync_copy::*;

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
