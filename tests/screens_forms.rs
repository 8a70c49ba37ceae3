//! The forms screen rendered at 80×24 after real key presses on demo data: what is due, letters,
//! every form of the catalog filled, validated, filed, amended, and kept as a draft.

mod common;

use common::*;
use crossterm::event::KeyCode;

#[test]
fn forms_screen_lists_overdue_reports_and_submits_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    press(&mut app, KeyCode::Char('4'));
    let text = screen(&app);
    assert!(
        text.contains("LATE ") && text.contains("Contact reports ("),
        "{text}"
    );
    let before = app.forms.reports.len();
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.forms.reports.len(), before, "s acts in the reports pane only");
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.forms.reports.len(), before - 1);
}

#[test]
fn the_forms_screen_writes_a_welcome_letter() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Some("erin"));
    app.letters_dir = Some(dir.path().join("letters"));
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('L'));
    assert!(screen(&app).contains("Which letter?"));
    press(&mut app, KeyCode::Enter); // welcome
    let text = screen(&app);
    assert!(text.contains("for whom?"), "{text}");
    assert!(text.matches(" · ").count() >= 3);
    press(&mut app, KeyCode::Enter);
    let text = screen(&app);
    assert!(text.contains("Wrote "), "{text}");
    let written: Vec<_> = std::fs::read_dir(dir.path().join("letters"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(written.len(), 2, "{written:?}");
    let html = std::fs::read_dir(dir.path().join("letters"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "html"))
        .unwrap();
    assert!(
        std::fs::read_to_string(html)
            .unwrap()
            .contains("Your mentor is: Erin Vukovich")
    );
}

fn fill_exit_form(app: &mut mentordesk::app::App) {
    press(app, KeyCode::Char('4'));
    press(app, KeyCode::Left);
    for _ in 0..10 {
        press(app, KeyCode::Up);
    }
    for _ in 0..5 {
        press(app, KeyCode::Down); // to the Exit Form for Mentor
    }
    press(app, KeyCode::Enter);
    press(app, KeyCode::Right); // the first mentee
    press(app, KeyCode::Tab);
    type_text(app, "Cumberland");
    press(app, KeyCode::Tab);
    press(app, KeyCode::Tab);
    press(app, KeyCode::Char('y'));
    press(app, KeyCode::Tab);
    press(app, KeyCode::Char('4'));
    press(app, KeyCode::Tab);
    type_text(app, "Grew a lot");
    press(app, KeyCode::Tab);
    press(app, KeyCode::Char('5'));
    press(app, KeyCode::Tab);
    press(app, KeyCode::Tab);
    press(app, KeyCode::Char('3'));
    press(app, KeyCode::Tab);
    press(app, KeyCode::Tab);
    press(app, KeyCode::Tab);
    type_text(app, "Erin Vukovich");
}

#[test]
fn an_exit_form_is_validated_filed_read_only_and_amended_as_a_new_version() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app_every_form(dir.path(), Some("erin"));
    press(&mut app, KeyCode::Char('4'));
    for _ in 0..5 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    let text = screen(&app);
    assert!(
        text.contains("Exit Form for Mentor") && text.contains("! is required"),
        "{text}"
    );
    press(&mut app, KeyCode::Esc);
    fill_exit_form(&mut app);
    ctrl(&mut app, 's');
    let text = screen(&app);
    assert!(text.contains("Filed the Exit Form for Mentor"), "{text}");
    let filed = app
        .session
        .filed_forms(mentordesk::domain::forms::find("exit-mentor").unwrap())
        .unwrap();
    assert_eq!(filed.len(), 1);
    assert_eq!(filed[0].values["progress"], "4");
    assert_eq!(filed[0].values["completed"], "yes");
    assert_eq!(filed[0].values["progress_comments"], "Grew a lot");
    assert_eq!(filed[0].values["signature_date"], today().to_string());
    assert!(filed[0].about.is_some());

    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Enter);
    let text = screen(&app);
    assert!(
        text.contains("filed, read-only") && text.contains("[4 very much]"),
        "{text}"
    );
    press(&mut app, KeyCode::Char('5'));
    assert_eq!(
        app.session
            .filed_forms(mentordesk::domain::forms::find("exit-mentor").unwrap())
            .unwrap()[0]
            .values["progress"],
        "4",
        "read-only"
    );
    press(&mut app, KeyCode::Char('A'));
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab); // to item 1
    }
    press(&mut app, KeyCode::Char('5'));
    ctrl(&mut app, 's');
    let text = screen(&app);
    assert!(text.contains("Amended the Exit Form for Mentor"), "{text}");
    let filed = app
        .session
        .filed_forms(mentordesk::domain::forms::find("exit-mentor").unwrap())
        .unwrap();
    assert_eq!(filed.len(), 2, "the old version stays");
    assert_eq!(filed[0].values["progress"], "5");
    assert_eq!(filed[0].supersedes, Some(filed[1].key));
    assert!(filed[1].superseded && filed[1].values["progress"] == "4");
    assert!(screen(&app).contains("amended"));
}

#[test]
fn a_form_left_half_filled_resumes_at_the_same_field() {
    use mentordesk::app::drafts::DraftFile;
    let dir = tempfile::tempdir().unwrap();
    let drafts = DraftFile::new(
        &dir.path().join("drafts"),
        &dir.path().join("demo.db"),
        "erin",
        "form",
    );
    {
        let mut app = demo_app_every_form(dir.path(), Some("erin"));
        app.form_drafts = Some(drafts.clone());
        press(&mut app, KeyCode::Char('4'));
        for _ in 0..5 {
            press(&mut app, KeyCode::Down);
        }
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Right);
        press(&mut app, KeyCode::Tab);
        type_text(&mut app, "Lakeview school");
        // The connection drops here: nothing else runs.
    }
    let session = session_on(&dir.path().join("demo.db"), Some("erin"));
    let mut app = mentordesk::app::App::new(
        session,
        mentordesk::theme::Theme {
            color: true,
            ascii: false,
        },
    )
    .unwrap();
    app.form_drafts = Some(drafts);
    app.recover_draft();
    let text = screen(&app);
    assert!(text.contains("Resumed the form you were filling"), "{text}");
    assert!(text.contains("Lakeview school"), "same value: {text}");
    // Same field: the terminal's own cursor stands after the value.
    use ratatui::backend::Backend;
    let mut terminal = render(&app, 80, 24);
    let at = terminal.backend_mut().get_cursor_position().unwrap();
    let buffer = terminal.backend().buffer();
    let before: String = (at.x - 6..at.x).map(|x| buffer[(x, at.y)].symbol()).collect();
    assert_eq!(before, "school", "same field: {text}");
}

#[test]
fn library_goals_filed_with_a_date_are_recorded_as_shared() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app_every_form(dir.path(), Some("erin"));
    press(&mut app, KeyCode::Char('4'));
    for _ in 0..8 {
        press(&mut app, KeyCode::Down); // Mentorship goals
    }
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Mentorship goals"));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Run a board meeting");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Lead the local");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "2026-11-20");
    ctrl(&mut app, 's');
    assert!(screen(&app).contains("Filed the Mentorship goals"));
    let shared: i64 = raw(app.session.database_path())
        .query_row(
            "SELECT count(*) FROM goals WHERE shared_on = '2026-11-20'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(shared, 2, "short and long term goals");
}

/// Fills every field of a form from the keyboard the way a user would, by kind.
fn fill_every_field(app: &mut mentordesk::app::App) {
    use mentordesk::app::Overlay;
    use mentordesk::domain::forms::Kind;
    let count = match &app.overlay {
        Some(Overlay::Form(fill)) => fill.def.inputs().count(),
        _ => panic!("no form open"),
    };
    for _ in 0..count {
        let kind = match &app.overlay {
            Some(Overlay::Form(fill)) => fill.field().kind,
            _ => unreachable!(),
        };
        match kind {
            Kind::Text => type_text(app, "Lakeview"),
            Kind::Count => type_text(app, "1"),
            Kind::Date => type_text(app, "2026-11-20"),
            Kind::Signature => type_text(app, "Erin Vukovich"),
            Kind::Lines => type_text(app, "Line one"),
            // Space chooses the first choice, or ticks the first box.
            Kind::Choice(_) | Kind::Checks(_) | Kind::YesNo | Kind::Person => {
                press(app, KeyCode::Char(' '));
            }
            Kind::Scale => {
                press(app, KeyCode::Char('3'));
            }
            Kind::Statement => {}
        }
        press(app, KeyCode::Tab);
    }
}

#[test]
fn every_form_of_the_catalog_is_filled_validated_and_filed_at_80x24() {
    use mentordesk::domain::forms::FORMS;
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app_every_form(dir.path(), Some("erin"));
    app.session
        .attach_private(&dir.path().join("private.db"))
        .unwrap();
    press(&mut app, KeyCode::Char('4'));
    for (i, form) in FORMS.iter().enumerate() {
        press(&mut app, KeyCode::Down);
        let selected = app.forms.form(&app.session.program).map(|f| f.id);
        assert_eq!(selected, Some(form.id), "template {i}");
        press(&mut app, KeyCode::Enter);
        let text = screen(&app);
        assert!(
            text.contains(form.title.get(..20).unwrap_or(form.title)),
            "{}: {text}",
            form.id
        );
        ctrl(&mut app, 's');
        let text = screen(&app);
        assert!(
            text.contains("! is required"),
            "{}: nothing filled yet: {text}",
            form.id
        );
        fill_every_field(&mut app);
        ctrl(&mut app, 's');
        let text = screen(&app);
        assert!(
            text.contains(&format!("Filed the {}", form.title)),
            "{}: {text}",
            form.id
        );
        assert_eq!(app.forms.filed.len(), 1, "{}", form.id);
        let values = &app.forms.filed[0].values;
        for field in form.inputs() {
            assert!(
                values.get(field.key).is_some_and(|v| !v.is_empty()),
                "{}: {} is empty",
                form.id,
                field.key
            );
        }
    }
}

#[test]
fn an_unfiled_form_is_listed_as_a_draft_and_each_form_keeps_its_own() {
    use mentordesk::app::drafts::DraftFile;
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app_every_form(dir.path(), Some("erin"));
    app.form_drafts = Some(DraftFile::new(
        &dir.path().join("drafts"),
        &dir.path().join("demo.db"),
        "erin",
        "form",
    ));
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Down); // Monthly Record
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char(' ')); // month: Sept.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Down); // Mentor Application
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "Erin Vukovich");
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        app.form_drafts_kept().len(),
        2,
        "starting a second form keeps the first draft"
    );
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Right);
    let text = screen(&app);
    assert!(text.contains("DRAFT"), "{text}");
    press(&mut app, KeyCode::Enter);
    let text = screen(&app);
    assert!(text.contains("‹ Sept. ›"), "the draft reopens: {text}");
}
