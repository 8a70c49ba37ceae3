//! Pasted text (bracketed paste) at the level of the app: it goes whole into the focused text
//! field, on one line in a one-line field (and the message line says so), and nowhere on a
//! list, where it switches nothing.

mod common;

use common::*;
use crossterm::event::KeyCode;
use mentordesk::app::contact_form::Field;
use mentordesk::app::{Overlay, Screen};
use mentordesk::domain::records::ContactFilter;

const FIVE_LINES: &str =
    "Talked about the vote\n2 she will call the board\nq: quorum?\n\tagenda next\nfollow up in May\n";

/// A contact form field's value, as typed.
fn raw(form: &mentordesk::app::contact_form::ContactForm, field: Field) -> &str {
    form.form.field(field.label()).map_or("", |f| f.value.as_str())
}

fn contact_form(app: &mentordesk::app::App) -> &mentordesk::app::contact_form::ContactForm {
    match &app.overlay {
        Some(Overlay::ContactForm(form)) => form,
        _ => panic!("no contact form:\n{}", screen(app)),
    }
}

#[test]
fn five_pasted_lines_go_whole_into_the_notes_and_are_stored_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Some("erin"));
    open_contact_notes(&mut app);
    assert_eq!(contact_form(&app).focus(), Some(Field::Notes));
    assert!(app.handle_paste(FIVE_LINES));
    let form = contact_form(&app);
    assert_eq!(
        raw(form, Field::Notes),
        "Talked about the vote\n2 she will call the board\nq: quorum?\n agenda next\nfollow up in May\n"
    );
    assert_eq!(form.focus(), Some(Field::Notes), "no line break moved the focus");
    assert!(raw(form, Field::SupportWhat).is_empty() && raw(form, Field::FollowUp).is_empty());
    assert_eq!(app.message, None, "a whole paste needs no word");
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "saved: {}", screen(&app));
    let rows = app.session.contacts(&ContactFilter::default(), None, 1).unwrap();
    let stored = &rows[0].contact.input;
    assert_eq!(
        stored.notes,
        "Talked about the vote\n2 she will call the board\nq: quorum?\n agenda next\nfollow up in May"
    );
    assert_eq!(stored.support_what, "");
}

#[test]
fn a_one_line_field_takes_a_paste_on_one_line_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Some("erin"));
    open_contact_notes(&mut app);
    // Back from the notes to "Support given", a one-line field.
    press(&mut app, KeyCode::BackTab);
    assert_eq!(contact_form(&app).focus(), Some(Field::SupportWhat));
    app.handle_paste("budget help\nand a ride\n");
    let form = contact_form(&app);
    assert_eq!(raw(form, Field::SupportWhat), "budget help and a ride");
    assert_eq!(form.focus(), Some(Field::SupportWhat));
    assert!(
        raw(form, Field::Notes).is_empty(),
        "nothing spilled into the notes"
    );
    let (message, _) = app.message.clone().expect("a message");
    assert!(message.contains("line breaks became spaces"), "{message}");
    // A single line, as copied with its line end, goes in without a word.
    app.handle_paste(" on Tuesday\n");
    assert_eq!(
        raw(contact_form(&app), Field::SupportWhat),
        "budget help and a ride on Tuesday"
    );
    assert_eq!(app.message, None);
}

#[test]
fn a_paste_on_a_list_is_ignored_with_a_message_and_switches_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Some("erin"));
    let before = screen(&app);
    // Each of these lines would be a key on the caseload: a screen, a month, quitting.
    assert!(app.handle_paste("2\n[\n3\nq\n"));
    assert_eq!(app.screen, Screen::Caseload);
    assert!(app.overlay.is_none());
    assert!(!app.quit);
    let (message, error) = app.message.clone().expect("a message");
    assert_eq!(message, "paste ignored: no text field here");
    assert!(!error);
    let after = screen(&app);
    let without_message = |s: &str| s.lines().take(22).collect::<Vec<_>>().join("\n");
    assert_eq!(without_message(&before), without_message(&after));
    assert!(after.contains("paste ignored"), "{after}");
}

#[test]
fn a_list_filter_being_typed_takes_a_paste_as_typed_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    press(&mut app, KeyCode::Char('6'));
    assert_eq!(app.screen, Screen::People);
    assert!(screen(&app).contains("Owen Schultz"), "{}", screen(&app));
    press(&mut app, KeyCode::Char('/'));
    app.handle_paste("Erin\n");
    assert_eq!(app.people.filter.query(), "Erin");
    assert_eq!(
        app.screen,
        Screen::People,
        "the line end was no Enter to another screen"
    );
    let text = screen(&app);
    assert!(text.contains("Erin Vukovich"), "{text}");
    assert!(!text.contains("Owen Schultz"), "the filter applies: {text}");
}
