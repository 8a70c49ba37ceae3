//! Pickers: every pop-up list filters as you type, marks its selection with "▸" as the lists
//! do (and alone: the list behind loses its mark), and moves with the same keys.

mod common;

use common::*;
use crossterm::event::KeyCode;
use mentordesk::app::{Overlay, Screen};

fn marked_rows(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.contains('▸')).collect()
}

#[test]
fn the_assign_list_filters_as_you_type_and_assigns_the_one_marked() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    press(&mut app, KeyCode::Enter); // the first mentor's caseload
    let mentor = app.caseload.mentor.clone().unwrap();
    press(&mut app, KeyCode::Char('n'));
    let text = screen(&app);
    // The tab bar's mark, and the picker's: none left on the caseload behind.
    assert_eq!(marked_rows(&text).len(), 2, "{text}");
    assert!(text.contains("▸ Arlo Christiansen"), "{text}");

    // Letters are the filter here, `j`, `k` and `g` among them.
    type_text(&mut app, "jodi");
    let text = screen(&app);
    assert!(text.contains("1 of 30") && text.contains("▸ Jodi Dahl"), "{text}");
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "EA, mem");
    let Some(Overlay::Choose(choice)) = &app.overlay else {
        panic!("picker")
    };
    let members: Vec<String> = choice
        .matching()
        .iter()
        .map(|&i| choice.options[i].0.clone())
        .collect();
    assert!(
        members.len() > 2 && members.iter().all(|m| m.contains("Member")),
        "{members:?}"
    );
    press(&mut app, KeyCode::End);
    let last = members
        .last()
        .unwrap()
        .split("  ")
        .next()
        .unwrap()
        .replace(" (assigned)", "");
    assert!(screen(&app).contains(&format!("▸ {last}")));
    press(&mut app, KeyCode::Home);
    press(&mut app, KeyCode::Down);
    let second = members[1].split("  ").next().unwrap().replace(" (assigned)", "");
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{}", screen(&app));
    let caseload = app.session.mentor_assignments(mentor.key).unwrap();
    let assigned = caseload
        .iter()
        .find(|a| a.ended_on.is_none() && a.started_on == today())
        .expect("assigned today");
    assert_eq!(app.session.person(assigned.mentee).unwrap().unwrap().name, second);
}

#[test]
fn the_contacts_mentor_filter_is_a_picker() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('p'));
    assert!(screen(&app).contains("Whose contacts?"));
    type_text(&mut app, "farah");
    press(&mut app, KeyCode::Enter);
    let farah = app.session.person_by_id("M06").unwrap().unwrap();
    assert_eq!(app.contacts.filter.mentor, Some(farah.key));
    assert!(!app.contacts.rows.is_empty());
    assert!(
        app.contacts
            .rows
            .iter()
            .all(|r| r.contact.input.mentor == farah.key)
    );
    press(&mut app, KeyCode::Char('p'));
    press(&mut app, KeyCode::Enter); // "Every mentor", first
    assert_eq!(app.contacts.filter.mentor, None);

    press(&mut app, KeyCode::Char('3'));
    assert_eq!(app.screen, Screen::Calendar);
    press(&mut app, KeyCode::Char('p'));
    type_text(&mut app, "farah");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.calendar.mentor.as_ref().map(|m| m.key), Some(farah.key));
}

#[test]
fn first_and_last_work_on_the_forms_list_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app_every_form(dir.path(), Some("erin"));
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('G'));
    let last = app.session.program.forms().len();
    assert!(last > 10, "a program with every form");
    assert_eq!(app.forms.template, last);
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.forms.template, 0);
    press(&mut app, KeyCode::End);
    assert_eq!(app.forms.template, last);
    press(&mut app, KeyCode::Home);
    assert_eq!(app.forms.template, 0);
    press(&mut app, KeyCode::PageDown);
    assert!(app.forms.template > 0);
    let text = screen(&app);
    assert_eq!(marked_rows(&text).len(), 2, "the tab and the template: {text}");
    assert!(
        text.contains("…"),
        "titles too long for the pane end with …: {text}"
    );
}
