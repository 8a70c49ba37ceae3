//! Issue 25: figures of the seed programs pinned against a hand count from each seed's rules.
//!
//! NEA ESP (the manual, tool 2): a mentor is an applicant the committee accepted. The ESP demo
//! (`--demo esp`, on 2026-11-23) has four accepted mentors (M01–M04) and four applicants who are
//! not: Gail (M05, incomplete), Hector (M06, incomplete), Irene (M07, complete, waiting) and Jon
//! (M08, declined). Ana and Ben file every Monthly Record; Carla and Dev missed October's, due
//! Oct 31, 23 days overdue. Each mentor met their mentee this month (a contact every 6 to 11
//! days), so the quota of one person is met by all four.

mod common;

use common::{app_on, demo_file, fails, ok, press, screen_of_size, session_on};
use crossterm::event::KeyCode;
use mentordesk::domain::settings::Preset;
use serde_json::{Value, json};
use std::path::Path;

fn json_of(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, args)).unwrap()
}

fn ids(rows: &Value, key: &str) -> Vec<String> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| r[key].as_str().unwrap().to_string())
        .collect()
}

const ACCEPTED: [&str; 4] = ["M01", "M02", "M03", "M04"];
const APPLICANTS: [(&str, &str); 4] = [
    ("M05", "Gail Novak"),
    ("M06", "Hector Ruiz"),
    ("M07", "Irene Walsh"),
    ("M08", "Jon Pratt"),
];

#[test]
fn esp_applicants_who_are_not_accepted_are_not_mentors_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "esp.db", Preset::Esp);

    let quota = json_of(&db, &["quota", "--json"]);
    let mut in_quota = ids(&quota, "mentor_id");
    in_quota.sort();
    assert_eq!(in_quota, ACCEPTED, "{quota}");
    assert!(
        quota.as_array().unwrap().iter().all(|m| m["status"] == "met"),
        "{quota}"
    );

    let overdue = json_of(&db, &["overdue", "--json"]);
    let items: Vec<(String, String, String, i64)> = overdue
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["mentor_id"].as_str().unwrap().into(),
                o["kind"].as_str().unwrap().into(),
                o["what"].as_str().unwrap().into(),
                o["days_overdue"].as_i64().unwrap(),
            )
        })
        .collect();
    let record = |m: &str| {
        (
            m.to_string(),
            "monthly-record".to_string(),
            "Monthly Record for Oct 2026".to_string(),
            23,
        )
    };
    assert_eq!(items, [record("M03"), record("M04")]);

    let digest = ok(&db, &["digest"]);
    assert!(digest.contains("Behind or at risk (0)"), "{digest}");
    assert!(digest.contains("Overdue (2 for 2 mentor(s))"), "{digest}");
    for (_, name) in APPLICANTS {
        assert!(!digest.contains(name), "{name} is not a mentor: {digest}");
    }

    // The screens' lists of mentors: the Program screen's table, the caseload's mentor picker,
    // the calendar's and the contacts' pickers.
    let session = session_on(&db, None);
    let mut names: Vec<String> = session.mentors().unwrap().into_iter().map(|p| p.id).collect();
    names.sort();
    assert_eq!(names, ACCEPTED);
    let mut app = app_on(&db, None);
    press(&mut app, KeyCode::Char('5'));
    let mut table: Vec<&str> = app.program.mentors.iter().map(|r| r.mentor.id.as_str()).collect();
    table.sort();
    assert_eq!(table, ACCEPTED);
    let program = screen_of_size(&app, 120, 40);
    press(&mut app, KeyCode::Char('1'));
    assert_eq!(app.caseload.mentors.len(), 4);
    for (_, name) in APPLICANTS {
        assert!(!program.contains(name), "{name}: {program}");
    }
}

#[test]
fn an_applicant_the_committee_accepts_becomes_a_mentor_and_a_declined_one_never() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "esp.db", Preset::Esp);
    ok(
        &db,
        &[
            "applicants",
            "decide",
            "--person",
            "M07",
            "--accept",
            "--reason",
            "An opening came up",
        ],
    );
    let quota = json_of(&db, &["quota", "--json"]);
    let irene = quota
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["mentor_id"] == "M07")
        .unwrap_or_else(|| panic!("Irene counts once accepted: {quota}"));
    // 0 of 1, but with no mentee yet there is no one to reach: no pairs, not at risk.
    assert_eq!(
        (irene["count"].clone(), irene["status"].clone()),
        (json!(0), json!("no-pairs"))
    );
    assert!(!ids(&quota, "mentor_id").contains(&"M08".to_string()));
    // A mentor entered directly, with no application on file, counts as before.
    let people = dir.path().join("p.csv");
    std::fs::write(&people, "id,name,role,years_experience\nM09,Kay Lund,mentor,6\n").unwrap();
    ok(&db, &["import", "people", people.to_str().unwrap()]);
    assert!(ids(&json_of(&db, &["quota", "--json"]), "mentor_id").contains(&"M09".to_string()));
}

#[test]
fn assigning_to_an_applicant_not_accepted_is_refused_unless_forced_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "esp.db", Preset::Esp);
    for (mentor, why) in [
        (
            "M05",
            "Gail Novak: their mentor application is incomplete (two letters of reference, a reference from the Association missing)",
        ),
        (
            "M07",
            "Irene Walsh: their mentor application waits for the committee's decision",
        ),
        (
            "M08",
            "Jon Pratt: the committee declined their mentor application",
        ),
    ] {
        let err = fails(&db, &["assign", "--mentor", mentor, "--mentee", "E06"], 2);
        assert!(err.contains(why) && err.contains("--force"), "{err}");
    }
    let assigned = || {
        common::raw(&db)
            .query_row(
                "SELECT count(*) FROM assignments WHERE mentee = (SELECT key FROM people WHERE id = 'E06')",
                [],
                |r| r.get::<_, i64>(0),
            )
            .unwrap()
    };
    assert_eq!(assigned(), 0);
    // The TUI asks the same rule of the service, and shows its reason.
    let session = session_on(&db, None);
    let key = |id: &str| session.person_by_id(id).unwrap().unwrap().key;
    let broken = session.match_objection(key("M06"), key("E06")).unwrap();
    assert_eq!(broken.len(), 1);
    assert!(
        broken[0].starts_with("Hector Ruiz: their mentor application is incomplete"),
        "{broken:?}"
    );
    assert!(
        session
            .match_objection(key("M01"), key("E06"))
            .unwrap()
            .is_empty()
    );

    ok(&db, &["assign", "--mentor", "M05", "--mentee", "E06", "--force"]);
    assert_eq!(assigned(), 1);
    let audit = ok(&db, &["audit", "--limit", "1"]);
    assert!(
        audit.contains("Gail Novak: their mentor application is incomplete"),
        "{audit}"
    );
}

#[test]
fn a_certificate_of_completion_only_for_a_completed_match_unless_forced_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "esp.db", Preset::Esp);
    // Owen's match ended when he left the organization; Lena was never matched; Amy's runs.
    for (mentee, why) in [
        ("E07", "Owen Olson's match ended on "),
        ("E06", "Lena Moreau was never matched"),
        ("E01", "Amy Berg's match is still active"),
    ] {
        let err = fails(&db, &["letter", "certificate", "--person", mentee], 2);
        assert!(err.contains(why) && err.contains("--force"), "{err}");
    }
    let err = fails(&db, &["letter", "certificate", "--person", "E07"], 2);
    assert!(err.contains("(left-organization), not completed"), "{err}");
    let before = ok(&db, &["audit", "--limit", "1"]);
    // Ivan completed his: no question, nothing to audit.
    let ivan = ok(&db, &["letter", "certificate", "--person", "E05"]);
    assert!(ivan.contains("for successful completion"), "{ivan}");
    assert_eq!(ok(&db, &["audit", "--limit", "1"]), before);
    ok(&db, &["letter", "certificate", "--person", "E07", "--force"]);
    let audit = ok(&db, &["audit", "--limit", "1"]);
    assert!(
        audit.contains("certificate of completion for Owen Olson written anyway")
            && audit.contains("left-organization"),
        "{audit}"
    );
    let about_owen = ok(&db, &["audit", "--person", "E07", "--limit", "1"]);
    assert!(about_owen.contains("certificate"), "{about_owen}");
}

/// Each program evaluates its own end-of-match forms: ESP the NEA exit forms (its demo: two
/// ended matches, both forms filed for each); WVLS its end-of-mentorship evaluation (one ended
/// match, the mentor's filed with "worthwhile" 4, the mentee's not); the others none.
#[test]
fn each_demo_evaluates_its_own_end_of_match_forms() {
    let dir = tempfile::tempdir().unwrap();
    for (preset, file, completion, items) in [
        (
            Preset::Esp,
            "esp.db",
            json!({"exit-mentee": [2, 2], "exit-mentor": [2, 2]}),
            6,
        ),
        (
            Preset::Library,
            "wvls.db",
            json!({"library-evaluation by mentee": [0, 1], "library-evaluation by mentor": [1, 1]}),
            1,
        ),
        (Preset::RuralUnion, "weac.db", json!({}), 0),
        (Preset::CheckConnect, "cc.db", json!({}), 0),
        (Preset::Afscme, "afscme.db", json!({}), 0),
    ] {
        let db = demo_file(dir.path(), file, preset);
        let e = json_of(&db, &["evaluate", "--json"]);
        assert_eq!(e["exit_completion"], completion, "{preset:?}");
        assert_eq!(e["exit_items"].as_array().unwrap().len(), items, "{preset:?}");
        let mut app = app_on(&db, None);
        press(&mut app, KeyCode::Char('5'));
        press(&mut app, KeyCode::Char('e'));
        let text = screen_of_size(&app, 100, 40);
        assert_eq!(text.contains("exit-mentor"), preset == Preset::Esp, "{text}");
        assert_eq!(text.contains("End-of-match forms"), items > 0, "{text}");
    }
    let wvls = json_of(&dir.path().join("wvls.db"), &["evaluate", "--json"]);
    let item = &wvls["exit_items"][0];
    assert_eq!(item["item"], "The mentorship was worthwhile");
    assert_eq!(item["by"], "both");
    assert_eq!(
        (item["responses"].clone(), item["mean"].clone()),
        (json!(1), json!(4.0))
    );
}

/// Every program: a cancelled assignment was never a match. The ESP demo's ended matches are
/// Ivan's (completed) and Owen's (left the organization); cancelling a new one changes neither
/// retention nor what exit forms are owed.
#[test]
fn a_cancelled_assignment_is_not_a_match_that_ended() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "esp.db", Preset::Esp);
    let figures = |db: &Path| {
        let e = json_of(db, &["evaluate", "--json"]);
        (
            e["completed"].clone(),
            e["ended_early"].clone(),
            e["exit_completion"].clone(),
        )
    };
    let before = figures(&db);
    assert_eq!(
        before,
        (
            json!(1),
            json!({"left-organization": 1}),
            json!({"exit-mentee": [2, 2], "exit-mentor": [2, 2]})
        )
    );
    ok(&db, &["assign", "--mentor", "M01", "--mentee", "E06"]);
    ok(
        &db,
        &[
            "unassign",
            "--mentor",
            "M01",
            "--mentee",
            "E06",
            "--reason",
            "cancelled",
        ],
    );
    assert_eq!(figures(&db), before);
    // WVLS: a cancelled pair owes no end-of-mentorship evaluation either.
    let wvls = demo_file(dir.path(), "wvls.db", Preset::Library);
    let evaluations = |db: &Path| {
        json_of(db, &["overdue", "--json"])
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o["kind"] == "evaluation")
            .count()
    };
    let owed = evaluations(&wvls);
    ok(
        &wvls,
        &[
            "assign",
            "--mentor",
            "M01",
            "--mentee",
            "L07",
            "--on",
            "2026-09-01",
        ],
    );
    ok(
        &wvls,
        &[
            "unassign",
            "--mentor",
            "M01",
            "--mentee",
            "L07",
            "--reason",
            "cancelled",
            "--on",
            "2026-09-02",
        ],
    );
    assert_eq!(evaluations(&wvls), owed);
}

fn log_visit(db: &Path, mentor: &str, mentee: &str, at: &str, minutes: &str) {
    ok(
        db,
        &[
            "log",
            "--mentor",
            mentor,
            "--person",
            mentee,
            "--method",
            "in-person",
            "--outcome",
            "conversation",
            "--at",
            at,
            "--minutes",
            minutes,
        ],
    );
}

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

/// WVLS demo, Nov 23: Erin's only match ended on Oct 14 and Farah was never matched. With no
/// pair this month they have no one to reach: "no pairs", not at risk, on `quota`, the digest,
/// the Program screen's table and Erin's own caseload header.
#[test]
fn a_mentor_whose_only_match_ended_has_no_pairs_not_a_quota_at_risk() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "wvls.db", Preset::Library);
    let quota = json_of(&db, &["quota", "--json"]);
    let status: Vec<(String, String)> = quota
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["mentor_id"].as_str().unwrap().into(),
                m["status"].as_str().unwrap().into(),
            )
        })
        .collect();
    let want = |id: &str, s: &str| (id.to_string(), s.to_string());
    assert_eq!(
        status,
        [
            want("M05", "no-pairs"),
            want("M06", "no-pairs"),
            want("M01", "met"),
            want("M02", "met"),
            want("M03", "met"),
            want("M04", "met"),
        ]
    );
    let digest = ok(&db, &["digest"]);
    assert!(digest.contains("Behind or at risk (0)"), "{digest}");
    assert!(
        digest.contains(
            "No active pairs (2)\n  Erin Vukovich            0 of 1 person · 7 days left · NO PAIRS\n  Farah Haddad "
        ),
        "{digest}"
    );
    let mut app = app_on(&db, None);
    press(&mut app, KeyCode::Char('5'));
    let program = screen_of_size(&app, 80, 24);
    let erin = program.lines().find(|l| l.contains("Erin Vukovich")).unwrap();
    assert!(erin.contains("0 of 1") && erin.contains("NO PAIRS"), "{erin}");
    let erin_app = app_on(&db, Some("erin"));
    let header = screen_of_size(&erin_app, 80, 24);
    assert!(
        header.contains("0 of 1 person · 7 days left · NO PAIRS"),
        "{header}"
    );

    // A new match this month makes the quota count again: at risk with 7 days left.
    ok(&db, &["assign", "--mentor", "M05", "--mentee", "L06"]);
    let quota = json_of(&db, &["quota", "--json"]);
    let erin = quota
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["mentor_id"] == "M05")
        .unwrap();
    assert_eq!(erin["status"], "at-risk", "{quota}");
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

/// WVLS: "Minimum one-year mentorship which may be extended" (setting `term_months`: 12). Erin
/// is matched with Lena on 2025-12-01: the term ends 2026-12-01, 8 days after Nov 23, so her
/// caseload warns of it; on Dec 10 it is 9 days over, on `overdue` and the digest, until the
/// coordinator extends it (TUI or CLI, in the audit log).
#[test]
fn wvls_match_has_a_one_year_term_a_reminder_and_an_extension() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "wvls.db", Preset::Library);
    ok(
        &db,
        &[
            "assign",
            "--mentor",
            "M05",
            "--mentee",
            "L06",
            "--on",
            "2025-12-01",
        ],
    );
    // Their first meeting, so the digest's three items for Erin are the goals, Ivan's
    // evaluation from her match before, and the term.
    log_visit(&db, "M05", "L06", "2025-12-05T10:00", "60");
    // Lena's term on `overdue`: what, due, days over.
    let term_items = |db: &Path, today: &str| -> Vec<(String, String, i64)> {
        json_of(db, &["--today", today, "overdue", "--json"])
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o["kind"] == "term-end" && o["person_id"] == "L06")
            .map(|o| {
                (
                    o["what"].as_str().unwrap().to_string(),
                    o["due"].as_str().unwrap().to_string(),
                    o["days_overdue"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(term_items(&db, "2026-11-23"), []);
    let erin = app_on(&db, Some("erin"));
    let caseload = screen_of_size(&erin, 100, 24);
    assert!(caseload.contains("term ends in 8d"), "{caseload}");
    let over = (
        "the term of the match with Lena Moreau: end it or extend it".to_string(),
        "2026-12-01".to_string(),
        9,
    );
    assert_eq!(term_items(&db, "2026-12-10"), [over]);
    let digest = ok(&db, &["--today", "2026-12-10", "digest"]);
    assert!(
        digest.contains("9 days · the term of the match with Lena Moreau: end it or extend it"),
        "{digest}"
    );

    // The coordinator extends it from Erin's caseload: one more term by default.
    let mut app = app_on(&db, None);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.caseload.mentor.as_ref().unwrap().id, "M05");
    press(&mut app, KeyCode::Char('x'));
    let form = screen_of_size(&app, 100, 30);
    assert!(
        form.contains("Extend the match with Lena Moreau") && form.contains("2027-12-01"),
        "{form}"
    );
    press(&mut app, KeyCode::Tab);
    common::type_text(&mut app, "Budget season ahead");
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{}", screen_of_size(&app, 100, 30));
    assert_eq!(term_items(&db, "2026-12-10"), []);
    assert_eq!(term_items(&db, "2027-12-02").len(), 1);
    let audit = ok(&db, &["audit", "--limit", "1"]);
    assert!(
        audit.contains("extend assignment") && audit.contains("term to 2027-12-01; Budget season ahead"),
        "{audit}"
    );

    // And on the command line; an "extension" that does not go past the term is refused.
    let err = fails(
        &db,
        &[
            "extend",
            "--mentor",
            "M05",
            "--mentee",
            "L06",
            "--to",
            "2027-06-01",
        ],
        2,
    );
    assert!(err.contains("the term already runs to 2027-12-01"), "{err}");
    ok(
        &db,
        &[
            "extend",
            "--mentor",
            "M05",
            "--mentee",
            "L06",
            "--to",
            "2028-06-01",
        ],
    );
    assert_eq!(term_items(&db, "2027-12-02"), []);

    // A program whose matches have no term has nothing to extend.
    let weac = demo_file(dir.path(), "weac.db", Preset::RuralUnion);
    let err = fails(
        &weac,
        &[
            "extend",
            "--mentor",
            "M01",
            "--mentee",
            "L01",
            "--to",
            "2027-06-01",
        ],
        2,
    );
    assert!(err.contains("no term to extend"), "{err}");
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

/// NEA: an applicant the committee accepts mid-year is a mentor from that month on. By hand:
/// Irene (M07) is accepted on Oct 15, 2026; Monthly Records run September to June and, on Nov 23,
/// September's (due Sep 30) was never hers to file, October's (due Oct 31) is 23 days overdue,
/// November's is not due yet. The quota has her from October, not in September.
#[test]
fn an_applicant_accepted_mid_year_owes_from_the_month_of_acceptance() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "esp.db", Preset::Esp);
    ok(
        &db,
        &[
            "--today",
            "2026-10-15",
            "applicants",
            "decide",
            "--person",
            "M07",
            "--accept",
            "--reason",
            "An opening came up",
        ],
    );
    let overdue = json_of(&db, &["overdue", "--json"]);
    let irene: Vec<(String, i64)> = overdue
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["mentor_id"] == "M07")
        .map(|o| {
            (
                o["what"].as_str().unwrap().into(),
                o["days_overdue"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(irene, [("Monthly Record for Oct 2026".to_string(), 23)]);
    let digest = ok(&db, &["digest"]);
    assert!(digest.contains("Overdue (3 for 3 mentor(s))"), "{digest}");
    assert!(!digest.contains("Monthly Record for Sep 2026"), "{digest}");

    let in_quota = |month: &str| ids(&json_of(&db, &["quota", "--json", "--month", month]), "mentor_id");
    assert!(!in_quota("2026-09").contains(&"M07".to_string()));
    assert!(in_quota("2026-10").contains(&"M07".to_string()));
    assert!(in_quota("2026-11").contains(&"M07".to_string()));
    // Mentors with no application on file owe the whole year, as before.
    assert!(in_quota("2026-09").contains(&"M01".to_string()));
}

/// `import assignments` asks the rule `assign` asks: a row giving a mentee to an applicant the
/// committee has not accepted is refused at its file, line and column, with assign's reason, and
/// nothing of the file is imported; once accepted, the same file goes in.
#[test]
fn importing_an_assignment_to_an_applicant_not_accepted_is_refused_as_assign_refuses_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "esp.db", Preset::Esp);
    let pairs = dir.path().join("pairs.csv");
    std::fs::write(
        &pairs,
        "mentor_id,mentee_id,started_on\nM01,E06,2026-11-02\nM07,E07,2026-11-02\n",
    )
    .unwrap();
    let path = pairs.to_str().unwrap();
    let assign_says = fails(&db, &["assign", "--mentor", "M07", "--mentee", "E07"], 2);
    let why = "Irene Walsh: their mentor application waits for the committee's decision";
    assert!(assign_says.contains(why), "{assign_says}");
    let err = fails(&db, &["import", "assignments", path], 2);
    assert!(
        err.contains(&format!("{path}:3: column 'mentor_id': {why}")),
        "{err}"
    );
    let open_pairs = || {
        common::raw(&db)
            .query_row(
                "SELECT count(*) FROM assignments WHERE mentee IN
                 (SELECT key FROM people WHERE id IN ('E06', 'E07')) AND ended_on IS NULL",
                [],
                |r| r.get::<_, i64>(0),
            )
            .unwrap()
    };
    let before = open_pairs();
    assert_eq!(before, 0, "nothing half imported");
    ok(
        &db,
        &[
            "applicants",
            "decide",
            "--person",
            "M07",
            "--accept",
            "--reason",
            "Ready",
        ],
    );
    ok(&db, &["import", "assignments", path]);
    assert_eq!(open_pairs(), 2);
}

/// Each preset's demo files only the forms its program lists, and the end-of-match forms its
/// evaluation counts (its evaluation sources, `FormDef.evaluates`) for the matches that ended;
/// WEAC, Check & Connect and AFSCME evaluate no end-of-match form and file none. Every preset
/// takes mentor applications, as the WEAC and NEA seeds do.
#[test]
fn every_demo_files_the_forms_of_its_own_program() {
    use mentordesk::domain::forms::{evaluation_sources, forms_for};
    let dir = tempfile::tempdir().unwrap();
    for preset in Preset::ALL {
        let db = demo_file(dir.path(), &format!("{}.db", preset.as_str()), preset);
        let session = session_on(&db, None);
        assert!(
            session.program.settings.mentor_applications,
            "{}",
            preset.as_str()
        );
        let listed: Vec<&str> = forms_for(Some(preset), &session.program.settings)
            .iter()
            .map(|f| f.id)
            .collect();
        let conn = common::raw(&db);
        let mut stmt = conn
            .prepare("SELECT DISTINCT form FROM form_submissions ORDER BY form")
            .unwrap();
        let filed: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for form in &filed {
            assert!(
                listed.contains(&form.as_str()),
                "{}: the demo files '{form}', a form the program does not list: {listed:?}",
                preset.as_str()
            );
        }
        let ended: i64 = conn
            .query_row(
                "SELECT count(*) FROM assignments WHERE end_reason IS NOT NULL AND end_reason != 'cancelled'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let sources = evaluation_sources(&forms_for(Some(preset), &session.program.settings));
        for source in &sources {
            assert!(
                filed.iter().any(|f| f == source.form.id),
                "{}: {} ended matches and no {} filed",
                preset.as_str(),
                ended,
                source.form.id
            );
        }
        let evaluates: Vec<&str> = sources.iter().map(|s| s.form.id).collect();
        let expected: &[&str] = match preset {
            Preset::Esp => &["exit-mentor", "exit-mentee"],
            Preset::Library => &["library-evaluation", "library-evaluation"],
            _ => &[],
        };
        assert_eq!(evaluates, expected, "{}", preset.as_str());
    }
    // `mentordesk demo --generate` writes a WEAC program too: no form of another program.
    let generated = dir.path().join("big.db");
    ok(
        &generated,
        &["demo", "--generate", "--people", "40", "--contacts", "50"],
    );
    let filed: i64 = common::raw(&generated)
        .query_row("SELECT count(*) FROM form_submissions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(filed, 0);
}
