//! A disk that fills while a mentor logs a contact: the form stays open with everything typed,
//! the draft is kept, the status line says why, and the contact saves once there is room. Inside
//! the crate, because only here can a test shrink the database the app has open.

use crate::app::drafts::DraftFile;
use crate::app::{App, Overlay};
use crate::domain::settings::Preset;
use crate::service::Session;
use crate::theme::Theme;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    app.handle_key(KeyEvent::new(code, modifiers));
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| crate::ui::render(app, f)).unwrap();
    let buffer = terminal.backend().buffer();
    buffer.content().iter().map(|c| c.symbol()).collect()
}

fn contacts(app: &App) -> i64 {
    app.session
        .store_for_tests()
        .conn
        .query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_contact_logged_on_a_full_disk_is_kept_in_the_form_and_saved_later() {
    let dir = tempfile::tempdir().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let db = dir.path().join("demo.db");
    crate::service::demo::prepare(&db, Preset::RuralUnion, today).unwrap();
    let session = Session::open_path(&db, "erin", None, Some(today)).unwrap();
    let mut app = App::new(
        session,
        Theme {
            color: true,
            ascii: false,
        },
    )
    .unwrap();
    let drafts = DraftFile::new(&dir.path().join("drafts"), &db, "erin", "contact");
    app.drafts = Some(drafts.clone());
    let before = contacts(&app);
    let conn = &app.session.store_for_tests().conn;
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
    conn.pragma_update(None, "max_page_count", pages).unwrap();

    press(&mut app, KeyCode::Char('a'), KeyModifiers::NONE); // opens on the notes
    let notes = "Went over the contract vote and the new shift rota. ".repeat(80);
    for c in notes.chars() {
        press(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
    }
    press(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);

    assert!(
        matches!(app.overlay, Some(Overlay::ContactForm(_))),
        "the form stays open"
    );
    let text = screen(&app);
    assert!(text.contains("the disk is full; nothing was saved"), "{text}");
    assert_eq!(contacts(&app), before);
    let draft = app.contact_drafts_kept().pop().expect("the draft is kept");
    assert!(format!("{draft:?}").contains("shift rota"));

    let conn = &app.session.store_for_tests().conn;
    conn.pragma_update(None, "max_page_count", pages * 100).unwrap();
    press(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(app.overlay.is_none(), "saved and closed once there is room");
    assert_eq!(contacts(&app), before + 1);
    let saved: String = app
        .session
        .store_for_tests()
        .conn
        .query_row("SELECT notes FROM contacts ORDER BY key DESC LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(saved, notes.trim_end());
    assert!(app.contact_drafts_kept().is_empty());
}
