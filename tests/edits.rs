//! Edits never overwrite each other: versions, conflicts in the service, the CLI and the TUI,
//! and the append-only audit log that says what changed.

mod common;

use common::*;
use crossterm::event::KeyCode;
use mentordesk::app::drafts::DraftFile;
use mentordesk::app::{App, Overlay};
use mentordesk::error::Error;

/// Erin's newest contact: its key and version.
fn erins_newest(db: &std::path::Path) -> (i64, i64) {
    raw(db)
        .query_row(
            "SELECT c.key, c.version FROM contacts c JOIN people p ON p.key = c.mentor
             WHERE p.login = 'erin' AND c.deleted_at IS NULL ORDER BY c.occurred_at DESC, c.key DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

#[test]
fn an_edit_from_an_older_version_is_refused_naming_who_changed_it_and_when() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (key, version) = erins_newest(&db);
    let mut coordinator = session_on(&db, None);
    let mut erin = session_on(&db, Some("erin"));
    let row = erin.contact(key).unwrap().unwrap();
    assert_eq!(row.contact.version, version);

    let mut theirs = row.contact.input.clone();
    theirs.notes = "Coordinator's correction".into();
    coordinator.update_contact(key, version, &theirs).unwrap();

    let mut mine = row.contact.input.clone();
    mine.notes = "Erin's own words".into();
    let err = erin.update_contact(key, version, &mine).unwrap_err();
    assert!(matches!(err, Error::Conflict { .. }), "{err:?}");
    assert_eq!(err.exit_code(), 4);
    let line = err.to_string();
    assert!(line.contains(&format!("contact #{key} was changed by")), "{line}");
    assert!(line.contains(&coordinator.me().name), "{line}");
    assert!(!line.contains('\n'));
    let stored = erin.contact(key).unwrap().unwrap();
    assert_eq!(stored.contact.input.notes, "Coordinator's correction");
    assert_eq!(stored.contact.version, version + 1);

    // From the version stored now, the same edit goes through and bumps it again.
    erin.update_contact(key, version + 1, &mine).unwrap();
    assert_eq!(erin.contact(key).unwrap().unwrap().contact.version, version + 2);
}

#[test]
fn an_event_edited_meanwhile_is_a_conflict_too() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut coordinator = session_on(&db, None);
    let event = mentordesk::domain::agenda::NewEvent {
        kind: mentordesk::domain::agenda::EventKind::Training,
        title: "Bargaining 101".into(),
        date: today(),
        start: None,
        end: None,
        organizer: None,
        person: None,
        place: "Hall".into(),
        notes: String::new(),
    };
    let key = coordinator.add_event(&event).unwrap();
    let (_, version) = coordinator.event(key).unwrap().unwrap();
    let mut other = session_on(&db, None);
    let moved = mentordesk::domain::agenda::NewEvent {
        place: "Library".into(),
        ..event.clone()
    };
    other.update_event(key, version, &moved).unwrap();
    let renamed = mentordesk::domain::agenda::NewEvent {
        title: "Bargaining basics".into(),
        ..event
    };
    let err = coordinator.update_event(key, version, &renamed).unwrap_err();
    assert!(matches!(err, Error::Conflict { .. }), "{err:?}");
    assert_eq!(coordinator.event(key).unwrap().unwrap().0.place, "Library");
}

#[test]
fn the_audit_log_names_people_and_what_changed_and_cannot_be_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (key, version) = erins_newest(&db);
    let mut erin = session_on(&db, Some("erin"));
    let row = erin.contact(key).unwrap().unwrap();
    let mut edited = row.contact.input.clone();
    let before = edited.outcome;
    edited.outcome = match before {
        mentordesk::domain::types::Outcome::Conversation => mentordesk::domain::types::Outcome::NoAnswer,
        _ => mentordesk::domain::types::Outcome::Conversation,
    };
    edited.notes = "called back".into();
    erin.update_contact(key, version, &edited).unwrap();

    let conn = raw(&db);
    let detail: String = conn
        .query_row(
            "SELECT detail FROM audit_log WHERE entity = 'contact' AND entity_key = ?1 AND action = 'edit'",
            [key],
            |r| r.get(0),
        )
        .unwrap();
    let expected = format!(
        "({} with {}): outcome {} → {}",
        row.mentor_name,
        row.person_name,
        before.as_str(),
        edited.outcome.as_str()
    );
    assert!(detail.starts_with(&expected), "{detail}");
    assert!(detail.contains("→ \"called back\""), "{detail}");
    assert!(
        !detail.contains("method"),
        "unchanged fields are left out: {detail}"
    );

    let count = |conn: &rusqlite::Connection| -> i64 {
        conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .unwrap()
    };
    let rows = count(&conn);
    for sql in [
        "UPDATE audit_log SET actor = 'nobody'",
        "DELETE FROM audit_log",
        "DELETE FROM audit_log WHERE key = (SELECT max(key) FROM audit_log)",
    ] {
        let err = conn.execute(sql, []).unwrap_err();
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    assert_eq!(count(&conn), rows);
    let unchanged: i64 = conn
        .query_row("SELECT count(*) FROM audit_log WHERE actor = 'nobody'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(unchanged, 0);
}

/// An app of Erin's with its own draft directory, on the contact log with her newest contact
/// selected and its edit form open, the focus on the notes.
fn editing_newest(db: &std::path::Path, drafts: &std::path::Path) -> App {
    let mut app = app_on(db, Some("erin"));
    app.drafts = Some(DraftFile::new(drafts, db, "erin", "contact"));
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('e'));
    assert!(
        matches!(app.overlay, Some(Overlay::ContactForm(_))),
        "{}",
        screen(&app)
    );
    // An edit opens on the notes.
    app
}

#[test]
fn two_apps_edit_one_contact_and_the_second_save_shows_the_conflict_losing_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (key, _) = erins_newest(&db);
    let mut first = editing_newest(&db, &dir.path().join("drafts-first"));
    let mut second = editing_newest(&db, &dir.path().join("drafts-second"));
    type_text(&mut first, " FIRST-TERMINAL-TEXT");
    type_text(&mut second, " SECOND-TERMINAL-TEXT");

    ctrl(&mut first, 's');
    assert!(first.overlay.is_none(), "{}", screen(&first));
    ctrl(&mut second, 's');
    let text = screen(&second);
    assert!(
        text.contains(&format!("contact #{key}: changed by Erin Vukovich")),
        "{text}"
    );
    assert!(text.contains("Keep theirs"), "{text}");
    assert!(text.contains("Overwrite"), "{text}");
    assert!(text.contains("Review both side by side"), "{text}");

    // Nothing is lost: theirs is stored, mine is kept as a draft.
    let notes = |db: &std::path::Path| -> String {
        raw(db)
            .query_row("SELECT notes FROM contacts WHERE key = ?1", [key], |r| r.get(0))
            .unwrap()
    };
    assert!(notes(&db).contains("FIRST-TERMINAL-TEXT"));
    assert!(!notes(&db).contains("SECOND-TERMINAL-TEXT"));
    let kept = second.contact_drafts_kept();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(kept[0].notes.contains("SECOND-TERMINAL-TEXT"));
    assert_eq!(kept[0].editing, Some(key));

    // Review: both versions side by side, then back to the choice.
    press(&mut second, KeyCode::Enter);
    let review = screen(&second);
    assert!(review.contains("YOURS") && review.contains("THEIRS"), "{review}");
    assert!(
        review.contains("FIRST-TERMINAL") && review.contains("SECOND-TERMINAL"),
        "{review}"
    );
    assert!(review.contains('≠'), "{review}");
    press(&mut second, KeyCode::Esc);
    assert!(screen(&second).contains("Keep theirs"));

    // Esc goes back to the form as it was; saving again is still a conflict.
    press(&mut second, KeyCode::Esc);
    assert!(matches!(second.overlay, Some(Overlay::ContactForm(_))));
    ctrl(&mut second, 's');
    assert!(screen(&second).contains("Overwrite"));

    // Overwrite: mine replaces theirs, from the version stored now, and the draft goes.
    press(&mut second, KeyCode::Up);
    press(&mut second, KeyCode::Enter);
    assert!(second.overlay.is_none(), "{}", screen(&second));
    assert!(notes(&db).contains("SECOND-TERMINAL-TEXT"));
    assert!(second.contact_drafts_kept().is_empty());
    let edits: i64 = raw(&db)
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity = 'contact' AND entity_key = ?1 AND action = 'edit'",
            [key],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(edits, 2, "both saves are in the audit log");
}

#[test]
fn keeping_theirs_reloads_and_discards_only_after_being_asked() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut first = editing_newest(&db, &dir.path().join("drafts-first"));
    let mut second = editing_newest(&db, &dir.path().join("drafts-second"));
    type_text(&mut first, " theirs");
    type_text(&mut second, " mine");
    ctrl(&mut first, 's');
    ctrl(&mut second, 's');
    assert_eq!(second.contact_drafts_kept().len(), 1);
    press(&mut second, KeyCode::Up);
    press(&mut second, KeyCode::Up);
    press(&mut second, KeyCode::Enter);
    assert!(second.overlay.is_none());
    assert!(screen(&second).contains("Kept their version"));
    assert!(second.contact_drafts_kept().is_empty());
}

#[test]
fn the_cli_edits_from_a_version_and_refuses_a_stale_one_with_exit_code_4() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (key, version) = erins_newest(&db);
    let shown = mentordesk(&db)
        .args(["contact", "show", &key.to_string(), "--json"])
        .output()
        .unwrap();
    assert!(
        shown.status.success(),
        "{}",
        String::from_utf8_lossy(&shown.stderr)
    );
    let shown: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(shown["version"], version);

    let edit = |notes: &str| {
        mentordesk(&db)
            .args([
                "contact",
                "edit",
                &key.to_string(),
                "--version",
                &version.to_string(),
            ])
            .args(["--notes", notes])
            .output()
            .unwrap()
    };
    let first = edit("First script's words");
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&first.stdout).trim(),
        format!("contact {key} version {}", version + 1)
    );
    let second = edit("Second script's words");
    assert_eq!(second.status.code(), Some(4));
    let reason = String::from_utf8_lossy(&second.stderr);
    assert_eq!(reason.trim_end().lines().count(), 1, "{reason}");
    assert!(
        reason.contains(&format!("contact #{key} was changed by")),
        "{reason}"
    );
    assert!(reason.contains("nothing was saved"), "{reason}");
    let notes: String = raw(&db)
        .query_row("SELECT notes FROM contacts WHERE key = ?1", [key], |r| r.get(0))
        .unwrap();
    assert_eq!(notes, "First script's words");
}

#[test]
fn a_filed_form_amended_meanwhile_is_not_amended_twice() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db_every_form(dir.path());
    let mut erin = session_on(&db, Some("erin"));
    let def = mentordesk::domain::forms::find("mentor-application").expect("the application form");
    let mut values = mentordesk::domain::forms::Values::new();
    values.insert("name".into(), "Erin Vukovich".into());
    let first = erin.file_form(def, None, &values, None).unwrap();
    let mut other = session_on(&db, Some("erin"));
    values.insert("name".into(), "Erin V.".into());
    other.file_form(def, None, &values, Some(first)).unwrap();
    values.insert("name".into(), "E. Vukovich".into());
    let err = erin.file_form(def, None, &values, Some(first)).unwrap_err();
    assert!(matches!(err, Error::Conflict { .. }), "{err:?}");
    assert!(
        err.to_string()
            .starts_with(&format!("form #{first} was changed by Erin Vukovich")),
        "{err}"
    );
}

#[test]
fn assignments_settings_and_amendments_are_logged_with_names_and_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db_every_form(dir.path());
    let mut coordinator = session_on(&db, None);
    coordinator.set_setting("quota", "5", None).unwrap();
    let (mentor, mentee, key): (i64, i64, i64) = raw(&db)
        .query_row(
            "SELECT mentor, mentee, key FROM assignments WHERE ended_on IS NULL LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let pair = coordinator.assignment(key).unwrap().unwrap().editing();
    coordinator
        .end_assignment(pair, today(), mentordesk::domain::types::EndReason::Completed)
        .unwrap();
    let mut erin = session_on(&db, Some("erin"));
    let def = mentordesk::domain::forms::find("mentor-application").unwrap();
    let mut values = mentordesk::domain::forms::Values::new();
    values.insert("school".into(), "Lakeview".into());
    let first = erin.file_form(def, None, &values, None).unwrap();
    values.insert("school".into(), "Hillside".into());
    erin.file_form(def, None, &values, Some(first)).unwrap();

    let conn = raw(&db);
    let name = |key: i64| -> String {
        conn.query_row("SELECT name FROM people WHERE key = ?1", [key], |r| r.get(0))
            .unwrap()
    };
    let detail = |action: &str, entity: &str| -> String {
        conn.query_row(
            "SELECT detail FROM audit_log WHERE action = ?1 AND entity = ?2 ORDER BY key DESC LIMIT 1",
            [action, entity],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(detail("update", "settings"), "quota 3 → 5");
    assert_eq!(
        detail("end", "assignment"),
        format!(
            "({} with {}): ended \"\" → {}; reason \"\" → completed",
            name(mentor),
            name(mentee),
            today()
        )
    );
    assert_eq!(
        detail("amend", "form"),
        format!("mentor-application (Erin Vukovich): amends #{first}: school Lakeview → Hillside")
    );
}

/// A coordinator's app on the calendar with today's training open for editing, the focus on
/// the place.
fn editing_training(db: &std::path::Path, drafts: &std::path::Path) -> App {
    let mut app = app_on(db, None);
    app.drafts = Some(DraftFile::new(drafts, db, "coordinator", "contact"));
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('e'));
    assert!(
        matches!(app.overlay, Some(Overlay::EventForm(_))),
        "{}",
        screen(&app)
    );
    app
}

#[test]
fn two_apps_edit_one_event_and_the_second_save_keeps_its_event_as_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    session_on(&db, None)
        .add_event(&mentordesk::domain::agenda::NewEvent {
            kind: mentordesk::domain::agenda::EventKind::Training,
            title: "Grievance basics".into(),
            date: today(),
            start: chrono::NaiveTime::from_hms_opt(7, 0, 0),
            end: chrono::NaiveTime::from_hms_opt(8, 0, 0),
            organizer: None,
            person: None,
            place: "Hall".into(),
            notes: String::new(),
        })
        .unwrap();
    let mut first = editing_training(&db, &dir.path().join("drafts-first"));
    let mut second = editing_training(&db, &dir.path().join("drafts-second"));
    assert!(screen(&first).contains("Grievance basics"), "{}", screen(&first));
    // From the date to the place.
    for app in [&mut first, &mut second] {
        for _ in 0..3 {
            press(app, KeyCode::Tab);
        }
    }
    type_text(&mut first, " A");
    type_text(&mut second, " B");
    ctrl(&mut first, 's');
    assert!(first.overlay.is_none(), "{}", screen(&first));
    ctrl(&mut second, 's');
    let text = screen(&second);
    assert!(text.contains("changed by"), "{text}");
    assert!(text.contains("Review both side by side"), "{text}");
    let kept = second.event_drafts_kept();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].place, "Hall B");
    let place: String = raw(&db)
        .query_row(
            "SELECT place FROM events WHERE title = 'Grievance basics'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(place, "Hall A");
    press(&mut second, KeyCode::Enter);
    let review = screen(&second);
    assert!(review.contains("Hall B") && review.contains("Hall A"), "{review}");
}

/// A second coordinator, Cora, added to the program: her session on `db`.
fn second_coordinator(db: &std::path::Path) -> mentordesk::service::Session {
    let fields = mentordesk::domain::records::PersonFields {
        login: Some("cora".into()),
        ..Default::default()
    };
    session_on(db, None)
        .create_person(
            "C2",
            "Cora Lind",
            mentordesk::domain::types::Role::Coordinator,
            &fields,
        )
        .unwrap();
    session_on(db, Some("cora"))
}

fn is_conflict_by_cora(result: Result<impl std::fmt::Debug, Error>) -> bool {
    matches!(result, Err(Error::Conflict { by: Some(by), .. }) if by.who == "Cora Lind")
}

#[test]
fn people_assignments_and_settings_changed_meanwhile_are_conflicts_naming_who() {
    use mentordesk::domain::types::{EndReason, Role};
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut cora = second_coordinator(&db);
    let mut me = session_on(&db, None);

    // A person: both open Ben as he is now; Cora saves first.
    let ben = me.person_by_login("ben").unwrap().unwrap();
    cora.edit_person(ben.editing(), "Ben Cora-Edit", &ben.fields)
        .unwrap();
    assert!(is_conflict_by_cora(me.edit_person(
        ben.editing(),
        "Ben Mine",
        &ben.fields
    )));
    assert!(is_conflict_by_cora(me.change_role(ben.editing(), Role::Mentee)));
    assert!(is_conflict_by_cora(me.set_person_active(ben.editing(), false)));
    let stored = me.person(ben.key).unwrap().unwrap();
    assert_eq!(
        (stored.name.as_str(), stored.role, stored.active),
        ("Ben Cora-Edit", Role::Mentor, true),
        "none of the stale changes landed"
    );
    me.edit_person(stored.editing(), "Ben Mine", &stored.fields)
        .unwrap();
    let diff: String = raw(&db)
        .query_row(
            "SELECT detail FROM audit_log WHERE entity = 'person' AND action = 'edit' ORDER BY key DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(diff.ends_with("name \"Ben Cora-Edit\" → \"Ben Mine\""), "{diff}");

    // An assignment both see open: Cora ends it first.
    let pair = me
        .assignments_of(stored.key)
        .unwrap()
        .into_iter()
        .find(|a| a.ended_on.is_none())
        .unwrap();
    cora.end_assignment(pair.editing(), me.today, EndReason::Completed)
        .unwrap();
    let refused = me.end_assignment(pair.editing(), me.today, EndReason::LeftOrganization);
    assert!(
        matches!(&refused, Err(Error::Conflict { what, .. }) if what.starts_with("the assignment (Ben Mine with ")),
        "{refused:?}"
    );
    assert!(is_conflict_by_cora(refused));
    let ended = me.assignment(pair.key).unwrap().unwrap();
    assert_eq!(ended.end_reason, Some(EndReason::Completed), "hers stays");

    // A setting: both start from quota 3; Cora makes it 4, then mine (5) is refused.
    let quota = me.setting_json("quota").unwrap();
    assert_eq!(quota, "3");
    cora.set_setting("quota", "4", Some(&quota)).unwrap();
    assert!(is_conflict_by_cora(me.set_setting("quota", "5", Some(&quota))));
    // Another setting changed from what I saw of it is no conflict, and keeps her quota.
    let attempts = me.setting_json("count_attempts").unwrap();
    me.set_setting("count_attempts", "true", Some(&attempts)).unwrap();
    assert_eq!(me.program.settings.quota, Some(4));
    assert!(me.program.settings.count_attempts);
    // A row of the events, over events Cora changed meanwhile.
    let events = me.setting_json("events").unwrap();
    let mut first: serde_json::Value = serde_json::from_str(&events).unwrap();
    first = first[0].take();
    first["skip_months"] = serde_json::json!([7]);
    cora.set_setting_row("events", Some(0), Some(&first.to_string()), Some(&events))
        .unwrap();
    assert!(is_conflict_by_cora(me.set_setting_row(
        "events",
        Some(0),
        None,
        Some(&events)
    )));
    assert_eq!(
        me.setting_json("events").unwrap(),
        cora.setting_json("events").unwrap()
    );
}

/// The coordinator's app with Ben's edit form open on the People screen.
fn editing_ben(db: &std::path::Path) -> App {
    let mut app = app_on(db, None);
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "M02");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.people.selected().unwrap().name, "Ben Okafor");
    press(&mut app, KeyCode::Char('e'));
    assert!(
        matches!(app.overlay, Some(Overlay::Fields(_))),
        "{}",
        screen(&app)
    );
    app
}

#[test]
fn two_coordinators_edit_one_person_and_the_second_save_offers_the_choice() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut cora = second_coordinator(&db);
    let mut app = editing_ben(&db);
    type_text(&mut app, " MINE");

    let ben = cora.person_by_login("ben").unwrap().unwrap();
    cora.edit_person(ben.editing(), "Ben THEIRS", &ben.fields)
        .unwrap();
    ctrl(&mut app, 's');
    let text = screen(&app);
    assert!(
        text.contains("Ben THEIRS: changed by Cora Lind"),
        "named, not numbered: {text}"
    );
    assert!(
        text.contains("Keep theirs") && text.contains("Overwrite"),
        "{text}"
    );
    let name = || -> String {
        raw(&db)
            .query_row("SELECT name FROM people WHERE key = ?1", [ben.key], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(name(), "Ben THEIRS", "nothing overwritten yet");

    press(&mut app, KeyCode::Enter);
    let review = screen(&app);
    assert!(
        review.contains("MINE") && review.contains("Ben THEIRS"),
        "{review}"
    );
    assert!(review.contains('≠'), "{review}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert!(
        matches!(app.overlay, Some(Overlay::Fields(_))),
        "back to my form, as typed"
    );
    assert!(screen(&app).contains("MINE"));

    ctrl(&mut app, 's');
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{}", screen(&app));
    assert!(name().ends_with(" MINE"), "{}", name());
}

#[test]
fn a_setting_changed_meanwhile_offers_the_choice_and_keeping_theirs_shows_theirs() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut cora = second_coordinator(&db);
    let mut app = app_on(&db, None);
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Char('S'));
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Setting quota"), "{}", screen(&app));
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "5");

    cora.set_setting("quota", "4", None).unwrap();
    ctrl(&mut app, 's');
    assert!(
        screen(&app).contains("setting quota: changed by Cora Lind"),
        "{}",
        screen(&app)
    );
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{}", screen(&app));
    assert!(screen(&app).contains("Kept their version"));
    assert_eq!(app.session.program.settings.quota, Some(4));
    assert_eq!(session_on(&db, None).program.settings.quota, Some(4));
}

#[test]
fn a_deactivation_confirmed_after_someone_else_changed_the_person_is_refused_and_shown() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut cora = second_coordinator(&db);
    let mut app = editing_ben(&db);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('x'));
    assert!(
        screen(&app).contains("Deactivate Ben Okafor?"),
        "{}",
        screen(&app)
    );
    let ben = cora.person_by_login("ben").unwrap().unwrap();
    cora.edit_person(ben.editing(), "Ben Renamed", &ben.fields)
        .unwrap();
    press(&mut app, KeyCode::Char('y'));
    let text = screen(&app);
    assert!(text.contains("changed by Cora Lind"), "{text}");
    assert!(
        text.contains("Ben Renamed"),
        "the list shows their change: {text}"
    );
    assert!(cora.person(ben.key).unwrap().unwrap().active, "not deactivated");
}
