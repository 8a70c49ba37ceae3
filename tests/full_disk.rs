//! A disk that fills while a mentor logs a contact: the form stays open with everything typed,
//! the draft is kept, the status line says why, and the contact saves once there is room.

mod common;

use common::*;
use mentordesk::app::Overlay;
use mentordesk::app::drafts::ContactDraft;

fn contacts(app: &mentordesk::app::App) -> i64 {
    app.session
        .store
        .conn()
        .query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_contact_logged_on_a_full_disk_is_kept_in_the_form_and_saved_later() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = erin_contact_drafts(dir.path());
    let mut app = demo_app(dir.path(), Some("erin"));
    app.drafts = Some(drafts.clone());
    let before = contacts(&app);
    let conn = app.session.store.conn();
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
    conn.pragma_update(None, "max_page_count", pages).unwrap();

    open_contact_notes(&mut app);
    let notes = "Went over the contract vote and the new shift rota. ".repeat(80);
    type_text(&mut app, &notes);
    ctrl(&mut app, 's');

    assert!(
        matches!(app.overlay, Some(Overlay::ContactForm(_))),
        "the form stays open"
    );
    let text = screen(&app);
    assert!(text.contains("the disk is full; nothing was saved"), "{text}");
    assert_eq!(contacts(&app), before);
    let draft = drafts.load::<ContactDraft>().expect("the draft is kept");
    assert!(format!("{draft:?}").contains("shift rota"));

    let conn = app.session.store.conn();
    conn.pragma_update(None, "max_page_count", pages * 100).unwrap();
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "saved and closed once there is room");
    assert_eq!(contacts(&app), before + 1);
    let saved: String = app
        .session
        .store
        .conn()
        .query_row("SELECT notes FROM contacts ORDER BY key DESC LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(saved, notes.trim_end());
    assert!(drafts.load::<ContactDraft>().is_none());
}
