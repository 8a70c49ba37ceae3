//! Issue 25: figures of the seed programs pinned against a hand count from each seed's rules.
//!
//! NEA ESP (the manual, tool 2): a mentor is an applicant the committee accepted. The ESP demo
//! (`--demo esp`, on 2026-11-23) has four accepted mentors (M01–M04) and four applicants who are
//! not: Gail (M05, incomplete), Hector (M06, incomplete), Irene (M07, complete, waiting) and Jon
//! (M08, declined). Ana and Ben file every Monthly Record; Carla and Dev missed October's, due
//! Oct 31, 23 days overdue. Each mentor met their mentee this month (a contact every 6 to 11
//! days), so the quota of one person is met by all four.
//!
//! Here, who is a mentor: an applicant accepted, declined, or accepted mid-year. Matches (their
//! end, certificates, evaluations, a term) are in `tests/seed_figures_matches.rs`; the ledger,
//! events' attendance and the archive in `tests/seed_figures_ledger.rs`.

mod common;
#[path = "support/seed_figures.rs"]
mod seed_figures;

use common::{app_on, demo_file, fails, ok, press, screen_of_size, session_on};
use crossterm::event::KeyCode;
use mentordesk::domain::settings::Preset;
use seed_figures::*;
use serde_json::{Value, json};

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
