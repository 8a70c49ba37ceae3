//! Snapshots of the pop-ups at 80×24, each reached by real key presses on the demo programs on
//! the tests' fixed day: forms (contact, event, person, setting, the form catalog), confirm
//! dialogs, pickers, the event view, and the choice when a record was saved over.

mod common;
#[path = "support/screen_snapshots.rs"]
mod screen_snapshots;

use common::*;
use crossterm::event::KeyCode;
use mentordesk::domain::settings::Preset;
use mentordesk::service::Session;
use screen_snapshots::*;

#[test]
fn a_person_saved_over_a_newer_version_the_choice_and_the_review() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = weac_app(dir.path(), None);
    let db = dir.path().join("demo.db");
    let cora = mentordesk::domain::records::PersonFields {
        login: Some("cora".into()),
        ..Default::default()
    };
    let mut dana = Session::open_path(&db, COORDINATOR_LOGIN, None, Some(today())).unwrap();
    dana.create_person(
        "C2",
        "Cora Lind",
        mentordesk::domain::types::Role::Coordinator,
        &cora,
    )
    .unwrap();
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "M02");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('e'));
    type_text(&mut app, " Jr");
    let mut cora = Session::open_path(&db, "cora", None, Some(today())).unwrap();
    let ben = cora.person_by_id("M02").unwrap().unwrap();
    cora.edit_person(ben.editing(), "Benjamin Okafor", &ben.fields)
        .unwrap();
    ctrl(&mut app, 's');
    assert_screen("conflict_choice", &app);
    press(&mut app, KeyCode::Enter);
    assert_screen("conflict_review_side_by_side", &app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert_screen("field_form_asks_before_discarding", &app);
}

#[test]
fn people_forms_and_questions() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = weac_app(dir.path(), None);
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Char('n'));
    assert_screen("people_add_person", &app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('e'));
    assert_screen("people_edit_person", &app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('r'));
    press(&mut app, KeyCode::Enter);
    assert_screen("people_confirm_role_change", &app);
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Char('x'));
    assert_screen("people_confirm_deactivate", &app);
    press(&mut app, KeyCode::Char('y'));
    press(&mut app, KeyCode::Enter);
    assert_screen("people_history", &app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('S'));
    assert_screen("people_settings", &app);
    press(&mut app, KeyCode::Enter);
    assert_screen("people_setting_form", &app);
    press(&mut app, KeyCode::Esc);
    // The rows of the settings that are lists of records, each in a form of its own.
    for (row, name) in [
        ("event: Mentor", "people_setting_event_row"),
        ("event: add", "people_setting_event_new"),
        ("installment: First", "people_setting_installment_row"),
        ("installment: add", "people_setting_installment_new"),
    ] {
        press(&mut app, KeyCode::Char('S'));
        type_text(&mut app, row);
        press(&mut app, KeyCode::Enter);
        assert_screen(name, &app);
        press(&mut app, KeyCode::Esc);
    }
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "mentor");
    assert_screen("people_filter_typing", &app);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_screen("people_filter_kept", &app);
}

#[test]
fn contact_form_new_edit_and_discard() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = weac_app(dir.path(), Some("erin"));
    press(&mut app, KeyCode::Char('a'));
    assert_screen("contact_form_new", &app);
    press(&mut app, KeyCode::Char('W')); // into the notes, where the form opens
    press(&mut app, KeyCode::Esc);
    assert_screen("contact_form_asks_before_discarding", &app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('e'));
    assert_screen("contact_form_edit", &app);
}

#[test]
fn confirm_dialogs() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = weac_app(dir.path(), None);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('x'));
    assert_screen("confirm_delete_contact", &app);
    press(&mut app, KeyCode::Char('n'));
    select_november_check_in(&mut app);
    press(&mut app, KeyCode::Char('x'));
    assert_screen("confirm_cancel_one_occurrence", &app);
}

#[test]
fn confirm_sharing_a_reflection() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = weac_app(dir.path(), Some("erin"));
    app.session
        .attach_private(&dir.path().join("private.db"))
        .unwrap();
    press(&mut app, KeyCode::Char('4'));
    for _ in 0..11 {
        press(&mut app, KeyCode::Down); // Reflection Form for Mentor
    }
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Right); // the first mentee
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "2026-11-20");
    ctrl(&mut app, 's');
    press(&mut app, KeyCode::Right);
    let filed_on = [(r"([▸ ])\d{4}-\d\d-\d\d Erin", "$1[filed on] Erin")];
    assert_screen_filtered("forms_filed_reflection", &app, &filed_on);
    press(&mut app, KeyCode::Enter);
    assert_screen("form_fill_reflection_filed_read_only", &app);
    press(&mut app, KeyCode::Char('S'));
    assert_screen_filtered("confirm_share_reflection", &app, &filed_on);
}

#[test]
fn choose_lists_assign_end_and_letters() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = weac_app(dir.path(), None);
    press(&mut app, KeyCode::Enter); // the first mentor's caseload
    press(&mut app, KeyCode::Char('u'));
    assert_screen("choose_end_assignment_reason", &app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('n'));
    assert_screen("choose_assign_whom", &app);

    let dir = tempfile::tempdir().unwrap();
    let mut erin = weac_app(dir.path(), Some("erin"));
    press(&mut erin, KeyCode::Char('4'));
    press(&mut erin, KeyCode::Char('L'));
    assert_screen("choose_which_letter", &erin);
    press(&mut erin, KeyCode::Enter); // welcome
    assert_screen("choose_letter_for_whom", &erin);
}

#[test]
fn event_view_and_attendance_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = weac_app(dir.path(), None);
    select_november_check_in(&mut app);
    assert_screen("calendar_a_check_in_day", &app);
    press(&mut app, KeyCode::Enter);
    assert_screen("event_view_check_in_attendance", &app);
    press(&mut app, KeyCode::Char('a')); // Ana absent
    press(&mut app, KeyCode::Char('p')); // Ben present
    assert_screen("event_view_attendance_marked_again", &app);
    press(&mut app, KeyCode::Char('k'));
    press(&mut app, KeyCode::Char('+')); // Ben brought two guests
    press(&mut app, KeyCode::Char('+'));
    assert_screen("event_view_guests", &app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('r'));
    assert_screen("text_attendance_record_everyone", &app);
    drop(app);

    let mut ana = weac_app(dir.path(), Some("ana"));
    press(&mut ana, KeyCode::Char('3'));
    press(&mut ana, KeyCode::Char('r'));
    assert_screen("text_attendance_record_of_a_mentor", &ana);
}

#[test]
fn event_form_new_and_edit() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = weac_app(dir.path(), Some("erin"));
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('n'));
    assert_screen("event_form_new", &app);
    ctrl(&mut app, 's');
    press(&mut app, KeyCode::Char('e'));
    assert_screen("event_form_edit", &app);
}

#[test]
fn form_fill_blank_refused_and_filled() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = weac_app(dir.path(), Some("erin"));
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Down); // Monthly Record
    press(&mut app, KeyCode::Enter);
    assert_screen("form_fill_monthly_record_blank", &app);
    press(&mut app, KeyCode::Esc);
    for _ in 0..4 {
        press(&mut app, KeyCode::Down); // Exit Form for Mentor: 1–5 scales
    }
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    assert_screen("form_fill_exit_form_required_fields", &app);
    press(&mut app, KeyCode::Right); // the first mentee
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab); // to the first scale
    }
    press(&mut app, KeyCode::Char('4'));
    assert_screen("form_fill_exit_form_scale", &app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    for _ in 0..3 {
        press(&mut app, KeyCode::Down); // Mentorship goals
    }
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Run a board meeting");
    assert_screen("form_fill_library_goals_typing", &app);
}

#[test]
fn every_setting_has_a_form_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), "wvls.db", Preset::Library, None);
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Char('S'));
    assert_screen("settings_list_wvls", &app);
    press(&mut app, KeyCode::Esc);
    for (at, def) in mentordesk::app::setting_fields::SETTINGS.iter().enumerate() {
        press(&mut app, KeyCode::Char('S'));
        for _ in 0..at {
            press(&mut app, KeyCode::Down);
        }
        press(&mut app, KeyCode::Enter);
        assert_screen(&format!("setting_{}", def.key), &app);
        press(&mut app, KeyCode::Esc);
    }
    // Then a row of the events: each field of the event, keep or remove.
    press(&mut app, KeyCode::Char('S'));
    for _ in 0..mentordesk::app::setting_fields::SETTINGS.len() {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    assert_screen("setting_event", &app);
}
