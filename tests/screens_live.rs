//! A screen open while the data changes elsewhere (another process, a live change): the mark
//! stays on the same record, or on its neighbour with the reason, and the change shows at the
//! next key.

mod common;

use common::*;
use crossterm::event::KeyCode;

/// The name on the row that carries the "▸" on the screen.
fn marked_row(app: &mentordesk::app::App) -> String {
    let text = screen(app);
    let lines: Vec<&str> = text.lines().filter(|l| l.contains('▸')).skip(1).collect();
    assert_eq!(lines.len(), 1, "one marked row under the tab bar\n{text}");
    lines[0].to_string()
}

#[test]
fn a_live_change_that_resorts_the_caseload_leaves_the_mark_on_the_same_person() {
    use mentordesk::domain::records::ContactInput;
    use mentordesk::domain::types::{Method, Outcome};
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Some("erin"));
    // The first row is the one who most needs a call; someone else calls them.
    let first = app.caseload.rows[0].row.clone();
    let name = first.person.name.clone();
    assert!(marked_row(&app).contains(&name));
    let mut other = session_on(&dir.path().join("demo.db"), None);
    let contact = ContactInput {
        mentor: first.assignment.mentor,
        person: first.person.key,
        occurred_at: today().and_hms_opt(9, 0, 0).unwrap(),
        method: Method::Phone,
        outcome: Outcome::Conversation,
        duration_min: None,
        support_when: None,
        support_what: String::new(),
        notes: String::new(),
        follow_up_on: None,
        submitted_on: None,
        intervention: None,
        pillar: None,
    };
    other.log_contact(&contact).unwrap();
    assert!(app.refresh_if_changed());
    let now_at = app
        .caseload
        .rows
        .iter()
        .position(|r| r.row.person.key == first.person.key)
        .unwrap();
    assert_ne!(now_at, 0, "the call moved them down the list");
    assert_eq!(app.caseload.cursor.selected, now_at);
    assert!(marked_row(&app).contains(&name), "{}", screen(&app));
    assert_eq!(app.message, None, "nothing to say: the record is still there");
}

#[test]
fn a_selected_record_that_disappears_leaves_the_mark_on_its_neighbour_and_says_why() {
    use mentordesk::domain::types::EndReason;
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Some("erin"));
    press(&mut app, KeyCode::Down);
    let gone = app.caseload.rows[1].row.clone();
    let next = app.caseload.rows[2].row.person.clone();
    let mut other = session_on(&dir.path().join("demo.db"), None);
    other
        .end_assignment(gone.assignment.editing(), today(), EndReason::Exhausted)
        .unwrap();
    assert!(app.refresh_if_changed());
    assert!(
        app.caseload
            .rows
            .iter()
            .all(|r| r.row.person.key != gone.person.key)
    );
    assert_eq!(app.caseload.cursor.selected, 1, "the row now at its place");
    assert_eq!(app.caseload.selected().unwrap().row.person.key, next.key);
    assert!(marked_row(&app).contains(&next.name));
    assert_eq!(
        app.message,
        Some((format!("{} is no longer on this list", gone.person.name), false))
    );
    // The last row gone: the mark goes to the row before it.
    press(&mut app, KeyCode::End);
    let last = app.caseload.selected().unwrap().row.clone();
    other
        .end_assignment(last.assignment.editing(), today(), EndReason::Exhausted)
        .unwrap();
    assert!(app.refresh_if_changed());
    assert_eq!(app.caseload.cursor.selected, app.caseload.rows.len() - 1);
}

#[test]
fn changes_from_another_process_show_up_on_the_next_key() {
    use mentordesk::domain::records::ContactInput;
    use mentordesk::domain::types::{Method, Outcome};
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Some("erin"));
    let before = app.caseload.standing.unwrap().count;
    let row = app
        .caseload
        .rows
        .iter()
        .find(|r| r.row.facts.counting_this_month == 0)
        .unwrap();
    let (mentor, person) = (row.row.assignment.mentor, row.row.person.key);
    let mut other = session_on(&dir.path().join("demo.db"), None);
    let contact = ContactInput {
        mentor,
        person,
        occurred_at: today().and_hms_opt(9, 0, 0).unwrap(),
        method: Method::Phone,
        outcome: Outcome::Conversation,
        duration_min: None,
        support_when: None,
        support_what: String::new(),
        notes: String::new(),
        follow_up_on: None,
        submitted_on: None,
        intervention: None,
        pillar: None,
    };
    other.log_contact(&contact).unwrap();
    assert!(app.refresh_if_changed());
    assert_eq!(app.caseload.standing.unwrap().count, before + 1);
    assert!(!app.refresh_if_changed(), "nothing new the second time");
}
