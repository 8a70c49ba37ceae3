//! WVLS deadlines are paperwork: a missed first meeting, goals or end-of-match evaluation is in
//! the one overdue list (CLI, digest, Program screen) and the caseload flags, and clears when met.

mod common;

use common::{demo_file, mentordesk, session_on};
use mentordesk::domain::YearMonth;
use mentordesk::domain::caseload::Flag;
use mentordesk::domain::forms::{self, Values};
use mentordesk::domain::settings::Preset;
use serde_json::Value;
use std::path::Path;

fn overdue(db: &Path) -> Vec<(String, String, String)> {
    let out = mentordesk(db).args(["overdue", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let items: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let mut found: Vec<_> = items
        .iter()
        .map(|i| {
            (
                i["kind"].as_str().unwrap().to_string(),
                i["mentor_id"].as_str().unwrap().to_string(),
                i["person_id"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    found.sort();
    found
}

fn item(kind: &str, mentor: &str, person: &str) -> (String, String, String) {
    (kind.into(), mentor.into(), person.into())
}

#[test]
fn each_missed_deadline_is_overdue_and_filing_the_goals_form_clears_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "wvls.db", Preset::Library);
    assert_eq!(
        overdue(&db),
        [
            item("evaluation", "M05", "L05"),
            item("first-meeting", "M02", "L02"),
            item("goals", "M02", "L02"),
            item("goals", "M03", "L03"),
        ],
        "the new pair (matched 8 days ago) and the one on track owe nothing"
    );

    let digest = mentordesk(&db).arg("digest").output().unwrap();
    let digest = String::from_utf8(digest.stdout).unwrap();
    assert!(digest.contains("Overdue (4 for 3 mentor(s))"), "{digest}");
    assert!(
        digest.contains("first in-person meeting with Cody Dahl"),
        "{digest}"
    );

    let carla = session_on(&db, Some("carla"));
    let fern = carla.person_by_id("L03").unwrap().unwrap();
    let flags = |session: &mentordesk::service::Session| {
        mentordesk::service::caseload::caseload(session, session.me().key, YearMonth::of(common::today()))
            .unwrap()
            .into_iter()
            .flat_map(|row| row.flags)
            .collect::<Vec<_>>()
    };
    assert!(flags(&carla).contains(&Flag::GoalsOverdue));

    let mut carla = carla;
    let goals = forms::find("library-goals").unwrap();
    let values: Values = [
        ("mentee", "L03"),
        ("short_term", "Run the budget hearing."),
        ("long_term", "A new strategic plan."),
        ("shared_on", "2026-11-23"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    carla.file_form(goals, Some(fern.key), &values, None).unwrap();
    assert!(!flags(&carla).contains(&Flag::GoalsOverdue));
    assert_eq!(
        overdue(&db),
        [
            item("evaluation", "M05", "L05"),
            item("first-meeting", "M02", "L02"),
            item("goals", "M02", "L02"),
        ]
    );
}

#[test]
fn goals_kept_but_not_shared_do_not_clear_the_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "wvls.db", Preset::Library);
    let mut carla = session_on(&db, Some("carla"));
    let fern = carla.person_by_id("L03").unwrap().unwrap();
    let values: Values = [("mentee", "L03"), ("short_term", "a"), ("long_term", "b")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    carla
        .file_form(
            forms::find("library-goals").unwrap(),
            Some(fern.key),
            &values,
            None,
        )
        .unwrap();
    assert!(overdue(&db).contains(&item("goals", "M03", "L03")));
}
