//! Issue 25: each seed's own model, pinned against a hand count from the seed's rules: the
//! unions' programs. AFSCME Mentoring 101 (a plan per pair instead of a quota, a concern for the
//! coordinator alone) and WEAC (a mentor who needs people offered the unassigned, warned, then
//! asked to leave).

mod common;

use common::{app_of as app_of_session, app_on, fails, ok, press, screen_of_size, session_on};
use crossterm::event::KeyCode;
use std::path::{Path, PathBuf};

/// AFSCME Mentoring 101 sets no monthly contact rule: "Develop a plan to mentor one
/// activist/leader". Each pair shows its plan progress (the pillars touched and the next step)
/// instead of a quota status. By hand: Mia's plan for Abe names a next step on Nov 20; her
/// contacts served Invest twice and Share Power once (a message left serves none). On Nov 23 the
/// step is past; she amends the plan with a step on Dec 1.
#[test]
fn afscme_pairs_show_their_plan_instead_of_a_quota() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("afscme.db");
    ok(&db, &["init", "--preset", "afscme", "--start", "2026-09-01"]);
    let people = dir.path().join("people.csv");
    std::fs::write(
        &people,
        "id,name,role,login\nM1,Mia Berg,mentor,mia\nM2,Noa Hart,mentor,noa\nA1,Abe Cole,mentee,\nA2,Bea Dunn,mentee,\n",
    )
    .unwrap();
    ok(&db, &["import", "people", people.to_str().unwrap()]);
    ok(
        &db,
        &["assign", "--mentor", "M1", "--mentee", "A1", "--on", "2026-09-15"],
    );
    ok(
        &db,
        &["assign", "--mentor", "M2", "--mentee", "A2", "--on", "2026-09-15"],
    );
    for (pillar, outcome, at) in [
        ("invest", "conversation", "2026-10-02"),
        ("invest", "conversation", "2026-11-02"),
        ("share-power", "conversation", "2026-11-12"),
        ("bridge-the-gap", "left-message", "2026-11-13"),
    ] {
        ok(
            &db,
            &[
                "log",
                "--mentor",
                "M1",
                "--person",
                "A1",
                "--method",
                "phone",
                "--outcome",
                outcome,
                "--at",
                at,
                "--pillar",
                pillar,
            ],
        );
    }
    let plan_def = mentordesk::domain::forms::find("mentoring-plan").unwrap();
    let plan = |step: &str, on: &str| -> mentordesk::domain::forms::Values {
        [
            ("mentee", "A1"),
            ("why", "Abe asked to learn how to run a meeting."),
            ("invest", "Coffee every month."),
            ("bridge", "Two-way: he teaches me the new contract system."),
            ("share", "He chairs the March meeting."),
            ("first_step", step),
            ("first_step_on", on),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    };
    let mut mia = session_on(&db, Some("mia"));
    let a1 = mia.person_by_id("A1").unwrap().unwrap().key;
    let first = mia
        .file_form(
            plan_def,
            Some(a1),
            &plan("Invite Abe to the steward training", "2026-11-20"),
            None,
        )
        .unwrap();
    let m1 = mia.person_by_id("M1").unwrap().unwrap().key;
    let nov = "2026-11".parse().unwrap();
    let progress = |s: &mentordesk::service::Session| {
        mentordesk::service::caseload::caseload(s, m1, nov).unwrap()[0]
            .plan
            .clone()
            .unwrap()
    };
    let p = progress(&mia);
    assert_eq!(p.touched_words(), "Invest, Share Power");
    assert_eq!(p.next_step.as_deref(), Some("Invite Abe to the steward training"));
    assert!(p.step_overdue(common::today()), "Nov 20 is past on Nov 23");

    let quota: serde_json::Value = serde_json::from_str(&ok(&db, &["quota", "--json"])).unwrap();
    for row in quota.as_array().unwrap() {
        assert_eq!(
            (&row["status"], &row["quota"]),
            (&serde_json::json!("no-quota"), &serde_json::Value::Null),
            "{quota}"
        );
    }
    let digest = ok(&db, &["digest"]);
    assert!(!digest.contains("Behind or at risk"), "{digest}");
    assert!(
        digest.contains("Plans to write or bring up to date (2)"),
        "{digest}"
    );
    assert!(
        digest.contains("Mia Berg                 1 of 1 pairs with a plan · next step was due 2026-11-20"),
        "{digest}"
    );
    assert!(
        digest.contains("Noa Hart                 0 of 1 pairs with a plan"),
        "{digest}"
    );

    let mut app = app_of_session(session_on(&db, Some("mia")));
    let caseload = screen_of_size(&app, 80, 24);
    assert!(
        caseload.contains("1 person reached · 7 days left · no monthly quota"),
        "{caseload}"
    );
    assert!(
        !caseload.contains("BEHIND") && !caseload.contains("MET"),
        "{caseload}"
    );
    assert!(caseload.contains("I/B/S 2/0/1 no Bridge"), "{caseload}");
    assert!(caseload.contains("! next step Nov 20"), "{caseload}");
    press(&mut app, KeyCode::Enter);
    let person = screen_of_size(&app, 100, 40);
    assert!(
        person.contains("pillars touched: Invest, Share Power"),
        "{person}"
    );
    assert!(
        person.contains("next step: Invite Abe to the steward training · by Nov 20"),
        "{person}"
    );

    // Amending the plan brings the next step up to date.
    mia.file_form(
        plan_def,
        Some(a1),
        &plan("Abe chairs the December meeting", "2026-12-01"),
        Some(first),
    )
    .unwrap();
    let p = progress(&mia);
    assert_eq!(
        (p.next_step.as_deref(), p.step_overdue(common::today())),
        (Some("Abe chairs the December meeting"), false)
    );
    let mut coordinator = app_on(&db, None);
    press(&mut coordinator, KeyCode::Char('5'));
    let mentors = screen_of_size(&coordinator, 100, 24);
    assert!(mentors.contains("Plans  Next"), "{mentors}");
    assert!(!mentors.contains("Status"), "{mentors}");
}

/// The AFSCME Code of Conduct: "Complaints should be sent to the AFSCME Human Resources
/// Department at reportharassment@afscme.org". A concern raised in the tool reaches the
/// coordinator alone, the HR address shown beside it.
#[test]
fn afscme_a_concern_reaches_the_coordinator_alone_with_the_hr_address() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("afscme.db");
    ok(&db, &["init", "--preset", "afscme", "--start", "2026-09-01"]);
    let people = dir.path().join("people.csv");
    std::fs::write(
        &people,
        "id,name,role,login\nM1,Mia Berg,mentor,mia\nM2,Noa Hart,mentor,noa\n",
    )
    .unwrap();
    ok(&db, &["import", "people", people.to_str().unwrap()]);
    let def = mentordesk::domain::forms::find("afscme-concern").unwrap();
    let mut mia = app_on(&db, Some("mia"));
    assert!(
        mia.session.program.forms().iter().any(|f| f.id == def.id),
        "the AFSCME program lists it"
    );
    // The form shows the HR address and says who reads it.
    press(&mut mia, KeyCode::Char('4'));
    for _ in 0..3 {
        press(&mut mia, KeyCode::Down);
    }
    press(&mut mia, KeyCode::Enter);
    let form = screen_of_size(&mia, 100, 30);
    for want in [
        "Raise a concern (to the coordinator alone)",
        "reportharassment@afscme.org",
        "reaches the program's coordinator alone",
    ] {
        assert!(form.contains(want), "{want}: {form}");
    }
    press(&mut mia, KeyCode::Esc);
    let values: mentordesk::domain::forms::Values = [
        ("what", "A remark at the council meeting about my accent."),
        ("contact_me", "yes"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    mia.session.file_form(def, None, &values, None).unwrap();

    let noa = session_on(&db, Some("noa"));
    assert!(
        noa.filed_forms(def).unwrap().is_empty(),
        "another mentor never sees it"
    );
    let coordinator = session_on(&db, None);
    let filed = coordinator.filed_forms(def).unwrap();
    assert_eq!(filed.len(), 1);
    assert_eq!(
        filed[0].values["what"],
        "A remark at the council meeting about my accent."
    );
    let digest = ok(&db, &["digest"]);
    assert!(
        digest.contains("A concern was raised under the Code of Conduct"),
        "{digest}"
    );
    assert!(
        !digest.contains("accent"),
        "the digest tells of it, never what it says: {digest}"
    );
    let noas_digest = ok(&db, &["--as", "noa", "digest"]);
    assert!(!noas_digest.contains("concern"), "{noas_digest}");
}

fn weac(dir: &Path) -> PathBuf {
    let db = dir.join("weac.db");
    ok(&db, &["init", "--preset", "rural-union", "--start", "2026-08-01"]);
    let people = dir.join("people.csv");
    std::fs::write(
        &people,
        "id,name,role,login,location\n\
         M1,Mia Berg,mentor,mia,Ashland\n\
         M2,Noa Hart,mentor,noa,Superior\n\
         L1,Lee Ames,mentee,,Ashland\n\
         L2,Lou Bell,mentee,,Ashland\n\
         L3,Lin Cruz,mentee,,Ashland\n\
         L4,Liv Dahl,mentee,,Ashland\n\
         L5,Lars Eck,mentee,,Hayward\n\
         L6,Lena Fox,mentee,,Ashland\n",
    )
    .unwrap();
    ok(&db, &["import", "people", people.to_str().unwrap()]);
    for mentee in ["L1", "L2", "L3"] {
        ok(
            &db,
            &[
                "assign",
                "--mentor",
                "M1",
                "--mentee",
                mentee,
                "--on",
                "2026-08-20",
            ],
        );
    }
    ok(
        &db,
        &["assign", "--mentor", "M2", "--mentee", "L6", "--on", "2026-08-20"],
    );
    db
}

/// WEAC: "If a mentor has tried and exhausted the potential in the three assigned, had a negative
/// experience with someone, or that person is no longer in WEAC, the mentor will have new people
/// assigned." By hand: Mia's three ended exhausted, negative and gone. The unassigned are Liv
/// (Ashland, Mia's town: +15 for the location) and Lars (Hayward); Lena is Noa's; Mia's own three
/// are not new people.
#[test]
fn weac_a_mentor_who_needs_people_is_offered_the_unassigned_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let db = weac(dir.path());
    for (mentee, reason) in [
        ("L1", "exhausted"),
        ("L2", "negative-experience"),
        ("L3", "left-organization"),
    ] {
        ok(
            &db,
            &[
                "unassign",
                "--mentor",
                "M1",
                "--mentee",
                mentee,
                "--reason",
                reason,
                "--on",
                "2026-11-02",
            ],
        );
    }
    let offers: serde_json::Value =
        serde_json::from_str(&ok(&db, &["match", "--mentor", "M1", "--json"])).unwrap();
    let ids: Vec<&str> = offers
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["person_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["L4", "L5"], "{offers}");
    assert!(
        offers[0]["score"].as_i64() > offers[1]["score"].as_i64(),
        "{offers}"
    );
    fails(&db, &["--as", "mia", "match", "--mentor", "M1"], 3);

    let mut coordinator = app_on(&db, None);
    press(&mut coordinator, KeyCode::Char('5'));
    let mentors = screen_of_size(&coordinator, 100, 24);
    assert!(mentors.contains("needs people"), "{mentors}");
    // Mia needs people, so she is on top: `n` offers Liv first, Enter assigns her.
    press(&mut coordinator, KeyCode::Char('n'));
    let picker = screen_of_size(&coordinator, 100, 24);
    let liv = picker.find("Liv Dahl").expect("Liv is offered");
    let lars = picker.find("Lars Eck").expect("Lars is offered");
    assert!(liv < lars, "best fit first: {picker}");
    assert!(
        picker.find("Lena Fox (assigned)").is_some_and(|lena| lena > lars),
        "{picker}"
    );
    assert!(
        picker.find("Lee Ames (had before)").is_some_and(|lee| lee > lars),
        "{picker}"
    );
    press(&mut coordinator, KeyCode::Enter);
    let quota: serde_json::Value =
        serde_json::from_str(&ok(&db, &["match", "--mentor", "M1", "--json"])).unwrap();
    assert_eq!(quota.as_array().unwrap().len(), 1, "Liv is Mia's now: {quota}");
}

/// WEAC: "Mentors may be asked to leave the program for failure to complete the above …". A
/// warning on a ground, told to the mentor; then the removal, which ends their assignments; both
/// audited.
#[test]
fn weac_a_mentor_is_warned_then_asked_to_leave_and_both_are_audited() {
    let dir = tempfile::tempdir().unwrap();
    let db = weac(dir.path());
    assert_eq!(
        ok(
            &db,
            &[
                "warn",
                "--mentor",
                "M2",
                "--ground",
                "expectations",
                "--note",
                "No reports since September."
            ]
        ),
        "warned Noa Hart (M2): did not complete what is expected (contacts, reports, check-ins, trainings)\n"
    );
    let noas = ok(&db, &["--as", "noa", "digest"]);
    assert!(
        noas.contains("A warning from the coordinator: did not complete what is expected"),
        "{noas}"
    );
    assert!(noas.contains("No reports since September."), "{noas}");
    let mias = ok(&db, &["--as", "mia", "digest"]);
    assert!(!mias.contains("warning"), "only Noa is told: {mias}");
    fails(
        &db,
        &["--as", "mia", "warn", "--mentor", "M2", "--ground", "conduct"],
        3,
    );
    fails(&db, &["warn", "--mentor", "L1", "--ground", "conduct"], 2);
    fails(&db, &["warn", "--mentor", "M2", "--ground", "lazy"], 2);

    let mut coordinator = app_on(&db, None);
    press(&mut coordinator, KeyCode::Char('5'));
    let mentors = screen_of_size(&coordinator, 100, 24);
    assert!(mentors.contains("1 · warned"), "{mentors}");

    // The removal from the mentors table: x, the ground, then yes.
    let noa_row = coordinator
        .program
        .mentors
        .iter()
        .position(|r| r.mentor.id == "M2")
        .unwrap();
    for _ in 0..noa_row {
        press(&mut coordinator, KeyCode::Down);
    }
    press(&mut coordinator, KeyCode::Char('x'));
    press(&mut coordinator, KeyCode::Enter);
    let question = screen_of_size(&coordinator, 120, 24);
    assert!(
        question.contains("Ask Noa Hart to leave the program"),
        "{question}"
    );
    assert!(question.contains("warned 1 time(s) before"), "{question}");
    press(&mut coordinator, KeyCode::Char('y'));
    let done = screen_of_size(&coordinator, 120, 24);
    assert!(done.contains("Noa Hart left the program"), "{done}");

    let quota = ok(&db, &["quota"]);
    assert!(!quota.contains("M2"), "no longer a mentor in the quota: {quota}");
    let offers = ok(&db, &["match", "--mentor", "M1", "--json"]);
    assert!(offers.contains("L6"), "Lena is free again: {offers}");
    let audit = ok(&db, &["audit"]);
    assert!(
        audit.contains("warn") && audit.contains("No reports since September."),
        "{audit}"
    );
    assert!(
        audit.contains("remove") && audit.contains("expectations"),
        "{audit}"
    );
    fails(&db, &["remove", "--mentor", "M2", "--ground", "unable"], 2);
}
