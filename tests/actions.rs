//! Keys become actions through the one key map; `update` changes the state and returns effects,
//! and nothing reaches the store or a file until those effects run.

mod common;

use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mentordesk::app::action::Action;
use mentordesk::app::effects::{Effect, Load};
use mentordesk::app::keymap::action_for;
use mentordesk::app::update::update;
use mentordesk::app::{App, Overlay};

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn contacts_in_store(app: &App) -> usize {
    let count: i64 = raw(app.session.database_path())
        .query_row(
            "SELECT count(*) FROM contacts WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    count as usize
}

#[test]
fn a_key_means_what_the_key_map_says_for_the_user_and_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut coordinator = demo_app(dir.path(), None);
    // The mentor picker has no assignment to end.
    assert_eq!(action_for(&coordinator, key(KeyCode::Char('u'))), None);
    press(&mut coordinator, KeyCode::Enter);
    assert_eq!(
        action_for(&coordinator, key(KeyCode::Char('u'))),
        Some(Action::EndAssignment)
    );
    let mentor = demo_app_existing(dir.path(), Some("erin"));
    assert_eq!(
        action_for(&mentor, key(KeyCode::Char('u'))),
        None,
        "a coordinator's key"
    );
    // In a pop-up, screen keys are not looked up, but Ctrl-C still quits.
    press(&mut coordinator, KeyCode::Char('?'));
    assert!(matches!(coordinator.overlay, Some(Overlay::Help { .. })));
    assert_eq!(
        action_for(&coordinator, key(KeyCode::Char('2'))),
        Some(Action::Close)
    );
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(action_for(&coordinator, ctrl_c), Some(Action::Quit));
}

#[test]
fn saving_a_contact_is_an_effect_and_nothing_is_written_before_it_runs() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Some("erin"));
    let before = contacts_in_store(&app);

    let step = update(&mut app, Action::LogContact);
    assert!(
        matches!(
            step.effects.as_slice(),
            [Effect::Load(Load::ContactForm(Some(_)))]
        ),
        "{:?}",
        step.effects
    );
    assert!(app.overlay.is_none(), "the form opens when its load runs");
    app.run(step.effects);
    assert!(matches!(app.overlay, Some(Overlay::ContactForm(_))));

    let save = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let save = mentordesk::app::keymap::action_for(&app, save).expect("Ctrl-S is in the key map");
    let step = update(&mut app, save);
    assert!(
        matches!(
            step.effects.as_slice(),
            [Effect::SaveContact { editing: None, .. }]
        ),
        "{:?}",
        step.effects
    );
    assert_eq!(contacts_in_store(&app), before, "update wrote nothing");
    assert!(matches!(app.overlay, Some(Overlay::ContactForm(_))));

    app.run(step.effects);
    assert_eq!(contacts_in_store(&app), before + 1);
    assert!(app.overlay.is_none(), "saved and closed");
    assert!(
        app.message
            .as_ref()
            .is_some_and(|(text, error)| !error && text.starts_with("Logged the")),
        "{:?}",
        app.message
    );
}

#[test]
fn moving_in_a_list_reads_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Some("erin"));
    let step = update(&mut app, Action::Move(mentordesk::app::action::Motion::Down));
    assert!(step.changed);
    assert!(step.effects.is_empty(), "{:?}", step.effects);
    assert_eq!(app.caseload.cursor.selected, 1);
}
