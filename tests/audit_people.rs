//! The audit log for people: filtered by who made a change and whom it is about (service, CLI
//! and app), and what others changed in a mentor's records, shown on their next start.

mod common;

use common::*;
use crossterm::event::KeyCode;
use mentordesk::app::Overlay;
use mentordesk::domain::records::{AuditFilter, ContactFilter, Person};
use mentordesk::domain::types::EndReason;
use mentordesk::error::Error;
use mentordesk::service::Session;
use mentordesk::service::audit::AuditLine;
use std::path::Path;

/// A start of the app as `login`, as far as the changes go: what it shows, then the mark moved.
fn start(db: &Path, login: &str) -> Vec<AuditLine> {
    let mut session = session_on(db, Some(login));
    let changes = session.changes_to_my_records(true).unwrap();
    session.mark_changes_seen(changes.up_to).unwrap();
    changes.lines
}

/// The mentor with `login`, and the people of their open assignments.
fn mentor_and_caseload(session: &Session, login: &str) -> (Person, Vec<(i64, Person)>) {
    let mentor = session.person_by_login(login).unwrap().unwrap();
    let caseload = session
        .assignments_of(mentor.key)
        .unwrap()
        .into_iter()
        .filter(|a| a.ended_on.is_none() && a.mentor == mentor.key)
        .map(|a| (a.key, session.person(a.mentee).unwrap().unwrap()))
        .collect();
    (mentor, caseload)
}

fn contact_keys(session: &Session, mentor: i64) -> Vec<i64> {
    let filter = ContactFilter {
        mentor: Some(mentor),
        ..Default::default()
    };
    session
        .contacts(&filter, None, 5)
        .unwrap()
        .iter()
        .map(|row| row.contact.key)
        .collect()
}

/// Gives `person` a phone number of `phone`, as the coordinator.
fn new_phone(coordinator: &mut Session, person: &Person, phone: &str) {
    let mut fields = person.fields.clone();
    fields.phone = Some(phone.to_string());
    coordinator
        .edit_person(person.editing(), &person.name, &fields)
        .unwrap();
}

#[test]
fn a_mentor_sees_once_what_others_changed_in_their_records_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut coordinator = session_on(&db, None);
    let (erin, erin_caseload) = mentor_and_caseload(&coordinator, "erin");
    let other_login = coordinator
        .people_with_role(mentordesk::domain::types::Role::Mentor)
        .unwrap()
        .into_iter()
        .find_map(|p| p.fields.login.filter(|l| l != "erin"))
        .unwrap();
    let (other, other_caseload) = mentor_and_caseload(&coordinator, &other_login);
    assert!(erin_caseload.len() >= 2 && !other_caseload.is_empty());

    coordinator
        .edit_person(erin.editing(), &erin.name, &erin.fields)
        .unwrap();
    assert!(
        start(&db, "erin").is_empty(),
        "the first start ever shows nothing, however much happened before"
    );

    // Erin's own change is hers: not listed.
    let mut erin_session = session_on(&db, Some("erin"));
    let erin_contacts = contact_keys(&erin_session, erin.key);
    erin_session.delete_contact(erin_contacts[0]).unwrap();
    // Another mentor's records, changed by the coordinator and by that mentor: not Erin's.
    let (other_pair, other_mentee) = &other_caseload[0];
    new_phone(&mut coordinator, other_mentee, "555-0199");
    coordinator
        .end_assignment(
            coordinator.assignment(*other_pair).unwrap().unwrap().editing(),
            coordinator.today,
            EndReason::Completed,
        )
        .unwrap();
    let mut other_session = session_on(&db, Some(&other_login));
    other_session
        .delete_contact(contact_keys(&other_session, other.key)[0])
        .unwrap();
    // Erin's: her mentee's record, and one of her assignments ended.
    let (_, mentee) = &erin_caseload[0];
    new_phone(&mut coordinator, mentee, "555-0142");
    let (ended_pair, ended_mentee) = &erin_caseload[1];
    coordinator
        .end_assignment(
            coordinator.assignment(*ended_pair).unwrap().unwrap().editing(),
            coordinator.today,
            EndReason::Exhausted,
        )
        .unwrap();

    let lines = start(&db, "erin");
    let whats: Vec<&str> = lines.iter().map(|l| l.what.as_str()).collect();
    assert_eq!(lines.len(), 2, "{whats:#?}");
    let coordinator_name = &coordinator.me().name;
    assert!(lines.iter().all(|l| &l.who == coordinator_name), "{lines:#?}");
    assert!(
        whats[0].starts_with("end assignment")
            && whats[0].contains(&erin.name)
            && whats[0].contains(&ended_mentee.name)
            && whats[0].contains("exhausted"),
        "{whats:#?}"
    );
    assert!(
        whats[1].starts_with(&format!("edit person {}", mentee.name)) && whats[1].contains("→ 555-0142"),
        "names and before → after: {whats:#?}"
    );
    assert!(start(&db, "erin").is_empty(), "shown once");
    let all = session_on(&db, Some("erin"))
        .changes_to_my_records(false)
        .unwrap();
    assert!(all.lines.len() >= 3, "--all lists them again, and older ones");
    assert!(all.lines.iter().all(|l| l.entry.actor != "erin"), "never her own");
}

#[test]
fn seeing_a_mentors_screen_through_as_neither_shows_nor_moves_their_mark() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    start(&db, "erin");
    let mut coordinator = session_on(&db, None);
    let (_, caseload) = mentor_and_caseload(&coordinator, "erin");
    new_phone(&mut coordinator, &caseload[0].1, "555-0101");

    let mut seen_as = session_as(&db, "erin");
    assert!(matches!(
        seen_as.changes_to_my_records(true),
        Err(Error::Denied(_))
    ));
    assert!(matches!(
        seen_as.mark_changes_seen(i64::MAX),
        Err(Error::Denied(_))
    ));
    let mut app = app_of(session_as(&db, "erin"));
    app.show_changes();
    assert!(app.overlay.is_none());
    assert_eq!(start(&db, "erin").len(), 1, "still waiting for Erin herself");
}

#[test]
fn the_audit_log_filters_by_who_and_about_whom() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut coordinator = session_on(&db, None);
    let (erin, caseload) = mentor_and_caseload(&coordinator, "erin");
    let mentee = &caseload[0].1;
    new_phone(&mut coordinator, mentee, "555-0110");
    let mut erin_session = session_on(&db, Some("erin"));
    let with_mentee = ContactFilter {
        mentor: Some(erin.key),
        person: Some(mentee.key),
        ..Default::default()
    };
    let contact = erin_session.contacts(&with_mentee, None, 1).unwrap()[0]
        .contact
        .key;
    erin_session.delete_contact(contact).unwrap();

    let by_erin = coordinator
        .audit(
            &AuditFilter {
                by: Some(erin.key),
                about: None,
            },
            50,
        )
        .unwrap();
    assert!(!by_erin.is_empty());
    assert!(
        by_erin
            .iter()
            .all(|l| l.entry.actor == "erin" && l.who == erin.name)
    );
    let about_mentee = coordinator
        .audit(
            &AuditFilter {
                by: None,
                about: Some(mentee.key),
            },
            500,
        )
        .unwrap();
    assert!(about_mentee.iter().any(|l| l.what.contains("555-0110")));
    assert!(
        about_mentee.iter().all(|l| l.what.contains(&mentee.name)),
        "{about_mentee:#?}"
    );
    let both = coordinator
        .audit(
            &AuditFilter {
                by: Some(erin.key),
                about: Some(mentee.key),
            },
            500,
        )
        .unwrap();
    assert!(
        both.iter().any(|l| l.what.starts_with("delete contact")),
        "{both:#?}"
    );
    assert!(
        both.iter()
            .all(|l| by_erin.contains(l) && about_mentee.contains(l))
    );
    assert!(matches!(
        erin_session.audit(&AuditFilter::default(), 5),
        Err(Error::Denied(_))
    ));
}

#[test]
fn cli_audit_takes_by_and_person_ids_and_names_a_wrong_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut coordinator = session_on(&db, None);
    let (erin, caseload) = mentor_and_caseload(&coordinator, "erin");
    let mentee = &caseload[0].1;
    new_phone(&mut coordinator, mentee, "555-0120");
    let run = |args: &[&str]| mentordesk(&db).args(args).output().unwrap();

    let out = run(&["audit", "--person", &mentee.id]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("555-0120"), "{text}");
    assert!(text.lines().all(|l| l.contains(&mentee.name)), "{text}");

    let by = run(&["audit", "--by", &coordinator.me().id, "--person", &mentee.id]);
    let by = String::from_utf8(by.stdout).unwrap();
    assert!(by.contains("555-0120"), "{by}");
    let by_erin = run(&["audit", "--by", &erin.id, "--person", &mentee.id]);
    let by_erin = String::from_utf8(by_erin.stdout).unwrap();
    assert!(!by_erin.contains("555-0120"), "{by_erin}");

    for (option, args) in [
        ("--by", vec!["audit", "--by", "NOBODY"]),
        ("--person", vec!["audit", "--person", "NOBODY"]),
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.contains(&format!("{option} 'NOBODY'")), "{err}");
    }

    let as_erin = run(&["--as", "erin", "changes"]);
    assert_eq!(as_erin.status.code(), Some(3));
    let err = String::from_utf8(as_erin.stderr).unwrap();
    assert!(err.contains("not through --as"), "{err}");
}

#[test]
fn the_app_shows_the_changes_on_start_after_the_drafts_offered() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut first = app_on(&db, Some("erin"));
    first.show_changes();
    assert!(first.overlay.is_none(), "nothing on the first start");
    drop(first);
    let mut coordinator = session_on(&db, None);
    let (_, caseload) = mentor_and_caseload(&coordinator, "erin");
    let mentee = &caseload[0].1;
    new_phone(&mut coordinator, mentee, "555-0130");

    // A draft is offered first; the changes follow when it is set aside.
    let mut app = app_on(&db, Some("erin"));
    app.drafts = Some(erin_contact_drafts(dir.path()));
    open_contact_notes(&mut app);
    type_text(&mut app, "half written");
    app.save_draft_now();
    drop(app);
    let mut app = app_on(&db, Some("erin"));
    app.drafts = Some(erin_contact_drafts(dir.path()));
    app.recover_draft();
    app.show_changes();
    assert!(
        matches!(app.overlay, Some(Overlay::ContactForm(_))),
        "{}",
        screen(&app)
    );
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app).contains("Esc again discards"));
    press(&mut app, KeyCode::Esc);
    let text = screen(&app);
    assert!(
        matches!(app.overlay, Some(Overlay::Text { .. })) && text.contains("555-0130"),
        "{text}"
    );
    press(&mut app, KeyCode::Char('x'));
    assert!(app.overlay.is_none());
    drop(app);

    let mut again = app_on(&db, Some("erin"));
    again.show_changes();
    assert!(again.overlay.is_none(), "shown once");
}
