//! Drafts: none ever lost. Every contact (new, and each one edited) and every form keeps its
//! own draft; after a hangup all of them are offered, and none is discarded without asking.

mod common;
#[path = "support/raw_pty.rs"]
mod raw_pty;

use common::*;
use crossterm::event::KeyCode;
use mentordesk::app::drafts::DraftFile;
use mentordesk::app::{App, Overlay};
use raw_pty::{Screen, open_pty, type_keys};
use std::os::fd::{AsRawFd, OwnedFd};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn with_drafts(mut app: App, dir: &Path) -> App {
    let db = dir.join("demo.db");
    app.drafts = Some(DraftFile::new(&dir.join("drafts"), &db, "erin", "contact"));
    app.form_drafts = Some(DraftFile::new(&dir.join("drafts"), &db, "erin", "form"));
    app
}

/// Starts the Monthly Record (a month picked) and leaves it, then types a contact note and
/// drops the connection.
fn leave_a_form_and_a_contact(app: &mut App) {
    press(app, KeyCode::Char('4'));
    press(app, KeyCode::Down);
    press(app, KeyCode::Enter);
    press(app, KeyCode::Char(' ')); // the first month
    press(app, KeyCode::Esc);
    press(app, KeyCode::Char('1'));
    open_contact_notes(app);
    type_text(app, "Talked about the pay scale");
    app.save_draft_now();
}

#[test]
fn a_form_draft_no_longer_hides_a_contact_draft_and_both_are_offered() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db_every_form(dir.path());
    leave_a_form_and_a_contact(&mut with_drafts(app_on(&db, Some("erin")), dir.path()));

    let mut app = with_drafts(app_on(&db, Some("erin")), dir.path());
    app.recover_draft();
    let text = screen(&app);
    assert!(text.contains("2 unsaved drafts"), "{text}");
    assert!(text.contains("A new contact with"), "{text}");
    assert!(text.contains("Monthly Record"), "{text}");

    // The contact first. Once it is saved the screen comes back, saying what is left: the
    // keys typed next are the screen's, and land in no form.
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Talked about the pay scale"));
    ctrl(&mut app, 's');
    assert!(app.contact_drafts_kept().is_empty());
    assert!(app.overlay.is_none(), "{}", screen(&app));
    let text = screen(&app);
    assert!(text.contains("Logged the"), "{text}");
    assert!(text.contains("1 more unsaved draft: D resumes it"), "{text}");
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(app.screen, mentordesk::app::Screen::Contacts);
    assert!(app.overlay.is_none());
    // Asked for, the draft that is left opens.
    press(&mut app, KeyCode::Char('D'));
    assert!(matches!(app.overlay, Some(Overlay::Form(_))), "{}", screen(&app));
    assert!(screen(&app).contains("Resumed the form"));
}

#[test]
fn esc_on_a_new_contact_form_leaves_a_waiting_contact_draft_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    {
        let mut app = with_drafts(app_on(&db, Some("erin")), dir.path());
        open_contact_notes(&mut app);
        type_text(&mut app, "Waiting draft");
        app.save_draft_now();
    }
    let mut app = with_drafts(app_on(&db, Some("erin")), dir.path());
    // A fresh contact form, closed at once: it had no draft of its own to clear.
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    let kept = app.contact_drafts_kept();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].notes, "Waiting draft");

    // The recovered draft is discarded only on a second Esc, after the form asks.
    app.recover_draft();
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app).contains("Esc again discards"), "{}", screen(&app));
    assert_eq!(app.contact_drafts_kept().len(), 1);
    press(&mut app, KeyCode::Esc);
    assert!(app.contact_drafts_kept().is_empty());
}

#[test]
fn each_edited_contact_keeps_its_own_draft_and_reopening_it_resumes_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut app = with_drafts(app_on(&db, Some("erin")), dir.path());
    press(&mut app, KeyCode::Char('2'));
    for (row, words) in [(0, "first edit"), (1, "second edit")] {
        for _ in 0..row {
            press(&mut app, KeyCode::Down);
        }
        // An edit opens on the notes.
        press(&mut app, KeyCode::Char('e'));
        type_text(&mut app, words);
        app.save_draft_now();
        app.overlay = None;
    }
    let kept = app.contact_drafts_kept();
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert!(kept.iter().all(|d| d.editing.is_some()));
    // Opening the first edit again resumes its draft instead of starting over.
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Char('e'));
    let text = screen(&app);
    assert!(text.contains("Resumed your unsaved edit"), "{text}");
    assert!(text.contains("first edit"), "{text}");
}

/// The app as Erin on `db` in a terminal of its own, its files under `data`.
fn start(db: &Path, data: &Path) -> (Child, OwnedFd, Screen) {
    let (master, slave) = open_pty();
    let child = Command::new(env!("CARGO_BIN_EXE_mentordesk"))
        .args(["--demo", "--today", "2026-11-23", "--as", "erin", "--db"])
        .arg(db)
        .env("XDG_DATA_HOME", data)
        .env("TERM", "xterm-256color")
        .env_remove("MENTORDESK_DB")
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave))
        .spawn()
        .unwrap();
    let screen = Screen::read(master.as_raw_fd());
    (child, master, screen)
}

#[test]
fn a_contact_draft_and_a_form_draft_both_come_back_after_a_hangup() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db_every_form(dir.path());
    let data = dir.path().join("data");
    let (mut child, master, mut screen) = start(&db, &data);
    screen.wait_for("Active pairs");
    type_keys(&master, "4");
    type_keys(&master, "\x1b[B");
    type_keys(&master, "\r");
    type_keys(&master, " "); // the first month
    screen.wait_for("Sept.");
    type_keys(&master, "\x1b");
    type_keys(&master, "1");
    type_keys(&master, "a");
    screen.wait_for("Log a contact");
    type_keys(&master, "Asked about the pay scale");
    screen.wait_for("Asked about the pay scale");
    screen.stop();
    drop(master);
    let closed = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if closed.elapsed() > Duration::from_secs(5) {
            child.kill().unwrap();
            panic!("still running after its terminal closed");
        }
        std::thread::sleep(Duration::from_millis(20));
    }

    let (mut child, master, mut screen) = start(&db, &data);
    screen.wait_for("2 unsaved drafts");
    screen.wait_for("A new contact with");
    screen.wait_for("Monthly Record");
    type_keys(&master, "\r");
    screen.wait_for("Asked about the pay scale");
    type_keys(&master, "\x13");
    screen.wait_for("1 more unsaved draft: D resumes it");
    type_keys(&master, "D");
    screen.wait_for("Resumed the form");
    screen.wait_for("Sept.");
    screen.stop();
    drop(master);
    child.kill().ok();
    child.wait().unwrap();
}

#[test]
fn an_event_form_keeps_its_draft_and_discards_it_only_after_asking() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    {
        let mut app = with_drafts(app_on(&db, Some("erin")), dir.path());
        press(&mut app, KeyCode::Char('3'));
        press(&mut app, KeyCode::Char('n'));
        assert!(
            matches!(app.overlay, Some(Overlay::EventForm(_))),
            "{}",
            screen(&app)
        );
        for _ in 0..4 {
            press(&mut app, KeyCode::Tab);
        }
        type_text(&mut app, "Library room 2");
        app.save_draft_now();
    }
    let mut app = with_drafts(app_on(&db, Some("erin")), dir.path());
    app.recover_draft();
    let text = screen(&app);
    assert!(text.contains("Recovered the event you were writing"), "{text}");
    assert!(text.contains("Library room 2"), "{text}");
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.overlay, Some(Overlay::EventForm(_))));
    assert!(screen(&app).contains("Esc again discards"));
    assert_eq!(app.event_drafts_kept().len(), 1);
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    assert!(app.event_drafts_kept().is_empty());
}

/// The coordinator's app with drafts kept under `dir`.
fn coordinator_with_drafts(db: &Path, dir: &Path) -> App {
    let mut app = app_on(db, None);
    app.drafts = Some(DraftFile::new(&dir.join("drafts"), db, "dana", "contact"));
    app
}

#[test]
fn a_person_and_a_setting_typed_but_not_saved_come_back_and_go_only_after_asking() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    {
        let mut app = coordinator_with_drafts(&db, dir.path());
        press(&mut app, KeyCode::Char('6'));
        press(&mut app, KeyCode::Char('e'));
        type_text(&mut app, " Jr");
        // The connection drops here: nothing is saved but what was typed, as typed.
    }
    {
        let mut app = coordinator_with_drafts(&db, dir.path());
        press(&mut app, KeyCode::Char('6'));
        press(&mut app, KeyCode::Char('S'));
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Backspace);
        type_text(&mut app, "4");
    }
    let mut app = coordinator_with_drafts(&db, dir.path());
    assert_eq!(app.fields_drafts_kept().len(), 2);
    app.recover_draft();
    let text = screen(&app);
    assert!(text.contains("2 unsaved drafts"), "{text}");
    assert!(text.contains("Setting quota"), "{text}");
    assert!(text.contains("Edit "), "{text}");

    // The person first: Esc asks, a second Esc discards that draft only.
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Jr "), "{}", screen(&app));
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.overlay, Some(Overlay::Fields(_))));
    assert!(screen(&app).contains("Esc again discards"), "{}", screen(&app));
    assert_eq!(app.fields_drafts_kept().len(), 2);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.fields_drafts_kept().len(), 1);

    // The setting that is left opens when asked for, as typed, and saving it clears it.
    assert!(app.overlay.is_none(), "{}", screen(&app));
    assert!(screen(&app).contains("1 more unsaved draft"), "{}", screen(&app));
    press(&mut app, KeyCode::Char('D'));
    let form = screen(&app);
    assert!(
        form.contains("Setting quota") && form.contains("quota          4 "),
        "{form}"
    );
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{}", screen(&app));
    assert_eq!(session_on(&db, None).program.settings.quota, Some(4));
    assert!(app.fields_drafts_kept().is_empty());
}

#[test]
fn a_hand_edited_form_draft_opens_and_takes_every_key_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db_every_form(dir.path());
    let mut app = with_drafts(app_on(&db, Some("erin")), dir.path());
    // Answers no form would write: a scale of 0 and of 9, a yes/no of maybe, a person nobody
    // is, and a field far past the last.
    let draft = serde_json::json!({
        "form": "exit-mentor",
        "values": {
            "mentee": "nobody",
            "completed": "maybe",
            "progress": "0",
            "feedback": "9",
            "site": "Lakeview"
        },
        "focus": 999,
        "supersedes": null,
        "saved_at": "yesterday"
    });
    app.form_draft_file("exit-mentor").unwrap().save(&draft).unwrap();
    app.recover_draft();
    assert!(matches!(app.overlay, Some(Overlay::Form(_))), "{}", screen(&app));
    for _ in 0..12 {
        for key in [
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Char(' '),
            KeyCode::Char('3'),
        ] {
            press(&mut app, key);
            screen(&app);
        }
        press(&mut app, KeyCode::Tab);
    }
    assert!(matches!(app.overlay, Some(Overlay::Form(_))));
}
