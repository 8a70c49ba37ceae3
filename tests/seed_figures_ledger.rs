//! Issue 25: figures of the seed programs pinned against a hand count from each seed's rules,
//! for what is paid and attended: the WVLS and ESP ledgers, events' attendance and its guests,
//! and what the ESP archive keeps.

mod common;
#[path = "support/seed_figures.rs"]
mod seed_figures;

use common::{app_on, demo_file, fails, ok, press, screen_of_size, session_on};
use crossterm::event::KeyCode;
use mentordesk::domain::settings::Preset;
use seed_figures::*;
use std::path::Path;

/// The ledger's lines as (date, mentor id, kind, status, cents).
fn ledger_rows(db: &Path) -> Vec<(String, String, String, String, i64)> {
    json_of(db, &["ledger", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["date"].as_str().unwrap().into(),
                l["mentor_id"].as_str().unwrap().into(),
                l["kind"].as_str().unwrap().into(),
                l["status"].as_str().unwrap().into(),
                l["amount_cents"].as_i64().unwrap(),
            )
        })
        .collect()
}

/// WVLS: "$125 stipend per in person meeting (up to 3 visits with a minimum of 6 hours) and
/// travel reimbursement". The demo's in-person meetings this program year (from Aug 1): Ana's
/// with Amy on Aug 1 and Oct 29, 4 hours in all; Carla's with Fern on Oct 7, 2 hours. Neither
/// mentor has reached 6 hours, so all three stipends are pending and nothing is earned yet.
#[test]
fn wvls_ledger_keeps_earned_pending_and_paid_apart_in_date_order() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "wvls.db", Preset::Library);
    let row = |date: &str, mentor: &str, kind: &str, status: &str, cents: i64| {
        (
            date.to_string(),
            mentor.to_string(),
            kind.to_string(),
            status.to_string(),
            cents,
        )
    };
    assert_eq!(
        ledger_rows(&db),
        [
            row("2026-08-01", "M01", "stipend", "pending", 12_500),
            row("2026-10-07", "M03", "stipend", "pending", 12_500),
            row("2026-10-29", "M01", "stipend", "pending", 12_500),
        ]
    );
    let text = ok(&db, &["ledger"]);
    assert!(
        text.ends_with("earned $0.00 · pending $375.00 · paid $0.00 · owed $0.00\n"),
        "{text}"
    );

    // Ana's third visit, 2 hours: 6 hours in 3 visits, so her three stipends are earned.
    log_visit(&db, "M01", "L01", "2026-11-20T10:00", "120");
    let added = ok(
        &db,
        &[
            "ledger",
            "pay",
            "--mentor",
            "M01",
            "--amount",
            "250",
            "--note",
            "check 1041",
        ],
    );
    assert!(added.starts_with("Paid $250.00 to M01 on 2026-11-23"), "{added}");
    assert_eq!(
        ledger_rows(&db),
        [
            row("2026-08-01", "M01", "stipend", "earned", 12_500),
            row("2026-10-07", "M03", "stipend", "pending", 12_500),
            row("2026-10-29", "M01", "stipend", "earned", 12_500),
            row("2026-11-20", "M01", "stipend", "earned", 12_500),
            row("2026-11-23", "M01", "payment", "paid", 25_000),
        ]
    );
    // A fourth visit pays nothing more: up to 3 visits.
    log_visit(&db, "M01", "L01", "2026-11-21T10:00", "60");
    assert_eq!(ledger_rows(&db).len(), 5);

    // Travel entered in the TUI, on the ledger's own form.
    let mut app = app_on(&db, None);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('$'));
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Tab); // mentor: the first, Ana (M01)
    press(&mut app, KeyCode::Tab); // kind: travel
    common::type_text(&mut app, "18.40");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    common::type_text(&mut app, "Rhinelander trip");
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{}", screen_of_size(&app, 80, 24));
    let screen = screen_of_size(&app, 80, 24);
    assert!(
        screen.contains("earned $393.40 · pending $125.00 · paid $250.00 · owed $143.40"),
        "{screen}"
    );
    // "pending" has its own column: whole at 80 columns whatever the note.
    let carla = screen.lines().find(|l| l.contains("Carla")).unwrap();
    assert!(carla.contains(" pending "), "{carla}");
    let travel = ledger_rows(&db).into_iter().find(|r| r.2 == "travel").unwrap();
    assert_eq!(travel, row("2026-11-23", "M01", "travel", "earned", 1_840));
    let audit = ok(&db, &["audit", "--limit", "4"]);
    assert!(
        audit.contains("travel 1840") && audit.contains("payment 25000"),
        "{audit}"
    );

    // A payment is not compensation, and is more than nothing.
    fails(
        &db,
        &[
            "ledger", "add", "--mentor", "M01", "--amount", "5", "--kind", "payment",
        ],
        2,
    );
    fails(&db, &["ledger", "pay", "--mentor", "M01", "--amount", "-5"], 2);
}

/// NEA ESP, tool 9: the Monthly Record is starred as one a program "may decide to retain". The
/// archive keeps the Letter of Understanding's three by default; a program that chooses keeps
/// its Monthly Records too. The demo's (matched Sep 1, Nov 23): Ana and Ben filed September's and
/// October's, Carla and Dev only September's: 6.
#[test]
fn esp_archive_keeps_what_the_program_chooses_monthly_records_included() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "esp.db", Preset::Esp);
    let sections = |db: &Path| {
        let archive = json_of(db, &["export", "archive"]);
        let mut keys: Vec<String> = archive.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        (keys, archive)
    };
    let (keys, _) = sections(&db);
    assert_eq!(keys, ["applications", "attendance", "exit_forms"]);
    ok(
        &db,
        &[
            "settings",
            "set",
            "archive",
            r#"["applications","exit_forms","monthly_records"]"#,
        ],
    );
    let (keys, archive) = sections(&db);
    assert_eq!(keys, ["applications", "exit_forms", "monthly_records"]);
    let records = archive["monthly_records"].as_array().unwrap();
    let mut by: Vec<&str> = records.iter().map(|r| r["author_id"].as_str().unwrap()).collect();
    by.sort();
    assert_eq!(by, ["M01", "M01", "M02", "M02", "M03", "M04"]);
    assert!(records.iter().all(|r| r["form"] == "monthly-record"));
    let err = fails(&db, &["settings", "set", "archive", r#"["reflections"]"#], 2);
    assert!(err.contains("'reflections' is not a section"), "{err}");
}

/// NEA ESP, tool 8: the manual plans a mentor training and a mentor support group ("attend
/// meetings with other mentors"), and the Attendance Record quantifies them. The preset's
/// program year (from Aug 1, 2026) has the training on Aug 1 and the support group on the 1st
/// Wednesday of September to June; attendance is taken on them.
#[test]
fn esp_events_take_attendance_for_the_attendance_record() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "esp.db", Preset::Esp);
    let calendar = ok(&db, &["calendar", "--from", "2026-08-01", "--to", "2026-12-31"]);
    let events: Vec<&str> = calendar
        .lines()
        .filter(|l| !l.contains("Monthly Record"))
        .collect();
    assert_eq!(
        events,
        [
            "Sat 2026-08-01 all day     training   Mentor training",
            "Wed 2026-09-02 16:00-17:00 checkin    Mentor support group",
            "Wed 2026-10-07 16:00-17:00 checkin    Mentor support group",
            "Wed 2026-11-04 16:00-17:00 checkin    Mentor support group",
            "Wed 2026-12-02 16:00-17:00 checkin    Mentor support group",
        ]
    );
    {
        use mentordesk::domain::agenda::Attendance;
        let mut session = session_on(&db, None);
        let nov4 = chrono::NaiveDate::from_ymd_opt(2026, 11, 4).unwrap();
        for (id, status) in [
            ("M01", Attendance::Present),
            ("M02", Attendance::Present),
            ("M03", Attendance::Absent),
        ] {
            let key = session.person_by_id(id).unwrap().unwrap().key;
            session
                .set_attendance(nov4, "Mentor support group", key, status)
                .unwrap();
        }
    }
    // The demo took attendance at the training and each support group so far (Aug 1, Sep 2,
    // Oct 7, Nov 4: four mentors each); the marks set above replace three of Nov 4's.
    let csv = ok(&db, &["attendance"]);
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 16, "{csv}");
    let nov4: Vec<&str> = rows
        .iter()
        .copied()
        .filter(|r| r.starts_with("2026-11-04"))
        .collect();
    assert_eq!(
        nov4[..3],
        [
            "2026-11-04,Mentor support group,M01,Ana Lindqvist,present,0",
            "2026-11-04,Mentor support group,M02,Ben Okafor,present,0",
            "2026-11-04,Mentor support group,M03,Carla Nygaard,absent,0",
        ]
    );
    let present = rows.iter().filter(|r| r.contains(",present,")).count();
    let mut app = app_on(&db, None);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('r'));
    let record = screen_of_size(&app, 100, 30);
    assert!(
        record.contains(&format!("present at {present} of 16 marked sessions")),
        "{record}"
    );
}

/// NEA ESP, "Compensation Considerations": comp time, organizational leave, travel expenses and
/// a monetary stipend. Comp time and leave are counted in hours, the others in dollars; a kind
/// the program does not use is refused.
#[test]
fn esp_ledger_records_comp_time_leave_and_travel() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "esp.db", Preset::Esp);
    let add = |kind: &str, amount: &str, on: &str| {
        ok(
            &db,
            &[
                "ledger", "add", "--mentor", "M01", "--kind", kind, "--amount", amount, "--on", on,
            ],
        )
    };
    assert!(add("comp time", "2.5", "2026-10-07").starts_with("Added 2.5 h comp time for M01"));
    add("organizational leave", "8", "2026-11-04");
    add("comp time", "1", "2026-11-04");
    assert!(add("travel", "12", "2026-11-04").starts_with("Added $12.00 travel for M01"));
    add("stipend", "100", "2026-11-20");
    let lines = json_of(&db, &["ledger", "--json"]);
    let rows: Vec<(String, i64, Option<i64>)> = lines
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["kind"].as_str().unwrap().to_string(),
                l["amount_cents"].as_i64().unwrap(),
                l["minutes"].as_i64(),
            )
        })
        .collect();
    let row = |kind: &str, cents: i64, minutes: Option<i64>| (kind.to_string(), cents, minutes);
    assert_eq!(
        rows,
        [
            row("comp time", 0, Some(150)),
            // The same day: in the order entered.
            row("organizational leave", 0, Some(480)),
            row("comp time", 0, Some(60)),
            row("travel", 1_200, None),
            row("stipend", 10_000, None),
        ]
    );
    let text = ok(&db, &["ledger"]);
    assert!(
        text.ends_with(
            "earned $112.00 · pending $0.00 · paid $0.00 · owed $112.00\ntime: comp time 3.5 h · organizational leave 8 h\n"
        ),
        "{text}"
    );
    let err = fails(
        &db,
        &[
            "ledger", "add", "--mentor", "M01", "--kind", "mileage", "--amount", "5",
        ],
        2,
    );
    assert!(
        err.contains("kind 'mileage': not one of the program's kinds of compensation: comp time, organizational leave, travel, stipend"),
        "{err}"
    );
    // The TUI's form offers the program's kinds.
    let mut app = app_on(&db, None);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('$'));
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('c')); // comp time
    press(&mut app, KeyCode::Tab);
    common::type_text(&mut app, "1.5");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    let screen = screen_of_size(&app, 120, 30);
    assert!(
        screen.contains("comp time 5 h · organizational leave 8 h"),
        "{screen}"
    );
}

/// WEAC: training sessions "will feature a topic suggested by the rural leaders, and mentors are
/// encouraged to invite others to these sessions". The guests who came count on the mark of
/// the mentor who invited them: by hand, the learning session of Nov 10, 2026 has Ana (present,
/// 2 guests), Ben (present, 1 guest, then marked absent: none), Carla absent (none allowed).
#[test]
fn weac_training_attendance_records_the_guests_mentors_invited() {
    use mentordesk::domain::agenda::Attendance;
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "weac.db", Preset::RuralUnion);
    let nov10 = chrono::NaiveDate::from_ymd_opt(2026, 11, 10).unwrap();
    let session_title = "Learning session";
    {
        let mut session = session_on(&db, None);
        let key =
            |session: &mentordesk::service::Session, id: &str| session.person_by_id(id).unwrap().unwrap().key;
        let (ben, carla) = (key(&session, "M02"), key(&session, "M03"));
        let refused = session.set_guests(nov10, session_title, carla, 1).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "guests count on the mark of a mentor who came: mark them present first"
        );
        session
            .set_attendance(nov10, session_title, carla, Attendance::Absent)
            .unwrap();
        assert!(session.set_guests(nov10, session_title, carla, 1).is_err());
        session
            .set_attendance(nov10, session_title, ben, Attendance::Present)
            .unwrap();
        session.set_guests(nov10, session_title, ben, 1).unwrap();
        session
            .set_attendance(nov10, session_title, ben, Attendance::Absent)
            .unwrap();
        session
            .set_attendance(nov10, session_title, ben, Attendance::Present)
            .unwrap();
    }
    // Ana's two guests from the keyboard, in the event's pop-up.
    let mut app = app_on(&db, None);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    let popup = screen_of_size(&app, 80, 24);
    assert!(popup.contains(session_title), "{popup}");
    press(&mut app, KeyCode::Char('p'));
    press(&mut app, KeyCode::Char('k'));
    for _ in 0..3 {
        press(&mut app, KeyCode::Char('+'));
    }
    press(&mut app, KeyCode::Char('-'));
    let popup = screen_of_size(&app, 80, 24);
    assert!(popup.contains("present · 2 guests"), "{popup}");
    assert!(popup.contains("+/- guests"), "{popup}");

    let attendance = ok(&db, &["attendance"]);
    let nov10_rows: Vec<&str> = attendance
        .lines()
        .filter(|l| l.starts_with("2026-11-10,Learning session"))
        .collect();
    assert_eq!(
        nov10_rows,
        [
            "2026-11-10,Learning session,M01,Ana Lindqvist,present,2",
            "2026-11-10,Learning session,M02,Ben Okafor,present,0",
            "2026-11-10,Learning session,M03,Carla Nygaard,absent,0",
        ]
    );
    let evaluation = ok(&db, &["evaluate"]);
    assert!(
        evaluation.contains("2026-11-10 Learning session: 2 of 3 present, 2 guests"),
        "{evaluation}"
    );
    let archive = json_of(&db, &["export", "archive"]);
    let guests: u64 = archive["attendance"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|row| row["guests"].as_u64())
        .sum();
    assert_eq!(guests, 2);
}
