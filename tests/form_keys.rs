//! Forms never drop keystrokes: the contact form opens where typing is kept, a word typed on a
//! choice picks the choice it names, and text goes only where the cursor is.

mod common;

use common::*;
use crossterm::event::KeyCode;
use mentordesk::app::Overlay;
use mentordesk::app::contact_form::Field;
use mentordesk::domain::records::ContactFilter;
use mentordesk::domain::types::{Method, Outcome};

fn latest_notes(app: &mentordesk::app::App) -> String {
    let rows = app.session.contacts(&ContactFilter::default(), None, 1).unwrap();
    rows[0].contact.input.notes.clone()
}

fn focus(app: &mentordesk::app::App) -> Field {
    match &app.overlay {
        Some(Overlay::ContactForm(form)) => form.focus().expect("a field"),
        _ => panic!("no contact form"),
    }
}

/// Every character a mentor might type first, the old cycling keys among them.
const NOTE: &str = "Spoke with her about the job fair; she'll call back (h, l, space: all kept!)";

#[test]
fn a_note_typed_from_the_moment_the_form_opens_is_stored_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Some("erin"));
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(
        focus(&app),
        Field::Notes,
        "the person is known: the form opens on the notes"
    );
    type_text(&mut app, NOTE);
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "saved: {}", screen(&app));
    assert_eq!(latest_notes(&app), NOTE);
}

#[test]
fn without_a_person_the_form_opens_on_the_person_and_then_goes_to_the_notes() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Some("erin"));
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(focus(&app), Field::Person);
    let Some(Overlay::ContactForm(form)) = &app.overlay else {
        unreachable!()
    };
    let first = form.matches()[0].label.clone();
    let name = first.split(" · ").next().unwrap().to_string();
    type_text(&mut app, &name);
    let text = screen(&app);
    assert!(
        text.contains(&format!("▸ {first}")),
        "the match is marked: {text}"
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(focus(&app), Field::Notes);
    type_text(&mut app, NOTE);
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "saved: {}", screen(&app));
    let rows = app.session.contacts(&ContactFilter::default(), None, 1).unwrap();
    assert_eq!(rows[0].contact.input.notes, NOTE);
    assert!(first.starts_with(&rows[0].person_name));
}

#[test]
fn a_word_typed_on_a_choice_goes_to_the_choice_it_names_or_says_none_does() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Some("erin"));
    let back = |app: &mut mentordesk::app::App| {
        app.handle_key(crossterm::event::KeyEvent::new(
            KeyCode::BackTab,
            crossterm::event::KeyModifiers::SHIFT,
        ))
    };
    press(&mut app, KeyCode::Char('a'));
    for _ in 0..4 {
        back(&mut app);
    }
    assert_eq!(focus(&app), Field::Outcome);
    type_text(&mut app, "n");
    assert!(screen(&app).contains("‹ no answer ›"));
    type_text(&mut app, "o r");
    assert!(screen(&app).contains("‹ no reply ›"), "matched letter by letter");
    back(&mut app);
    assert_eq!(focus(&app), Field::Method);
    type_text(&mut app, "zoom call");
    let text = screen(&app);
    assert!(
        text.contains("Method: no choice matches \"zoom call\""),
        "said, not lost silently nor ended on the last choice: {text}"
    );
    assert!(text.contains("‹ phone ›"), "{text}");
    for _ in "zoom call".chars() {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "person");
    assert!(screen(&app).contains("‹ in person ›"), "a word inside a choice");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "left");
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "saved: {}", screen(&app));
    let rows = app.session.contacts(&ContactFilter::default(), None, 1).unwrap();
    assert_eq!(rows[0].contact.input.method, Method::InPerson);
    assert_eq!(rows[0].contact.input.outcome, Outcome::LeftMessage);
    assert_eq!(rows[0].contact.input.notes, "", "no letter went into the notes");
}

#[test]
fn the_notes_show_the_terminals_own_cursor_where_the_next_character_goes() {
    use ratatui::backend::Backend;
    use ratatui::style::Modifier;
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Some("erin"));
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(focus(&app), Field::Notes);
    type_text(&mut app, "Met");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "ok");
    let mut terminal = render(&app, 80, 24);
    let at = terminal.backend_mut().get_cursor_position().unwrap();
    let buffer = terminal.backend().buffer();
    let before: String = (at.x - 2..at.x).map(|x| buffer[(x, at.y)].symbol()).collect();
    assert_eq!(
        before, "ok",
        "the cursor follows the typed text on its second line"
    );
    assert_eq!(buffer[(at.x - 2, at.y - 1)].symbol(), "M");
    let drawn = buffer
        .content
        .iter()
        .filter(|c| c.modifier.contains(Modifier::REVERSED) && c.symbol() == " ")
        .count();
    assert_eq!(drawn, 0, "no block cursor is drawn");
}

#[test]
fn the_event_forms_suggested_times_are_typed_over_and_ctrl_u_clears_a_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Some("erin"));
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('n'));
    let value = |app: &mentordesk::app::App, label: &str| match &app.overlay {
        Some(Overlay::EventForm(event)) => event.form.value(label).to_string(),
        _ => panic!("no event form: {}", screen(app)),
    };
    // With, Date, then the start: what is typed replaces the suggested 16:00.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "09:30");
    assert_eq!(value(&app, "Starts"), "09:30");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::End);
    ctrl(&mut app, 'u');
    assert_eq!(value(&app, "Ends"), "", "Ctrl-U clears the field");
    type_text(&mut app, "10:15");
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "saved: {}", screen(&app));
}

#[test]
fn the_arrows_move_between_fields_except_in_the_notes_and_the_persons_matches() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Some("erin"));
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "Met");
    press(&mut app, KeyCode::Up);
    assert_eq!(focus(&app), Field::Notes, "↑ is the notes' own");
    press(&mut app, KeyCode::BackTab);
    assert_eq!(focus(&app), Field::SupportWhat);
    press(&mut app, KeyCode::Up);
    assert_eq!(
        focus(&app),
        Field::SupportWhen,
        "on a one-line field ↑ goes up the form"
    );
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    assert_eq!(focus(&app), Field::Notes);
    press(&mut app, KeyCode::Char('2'));
    let Some(Overlay::ContactForm(form)) = &app.overlay else {
        panic!("the form stays open")
    };
    assert_eq!(form.form.value(Field::Notes.label()), "Met2");
}
