//! Every screen rendered at 80×24 after real key presses on demo data: the caseload and the
//! mentor picker, the contact form, people and the program, contacts, help, navigation and
//! what a terminal cannot show. The calendar is in `tests/screens_calendar.rs`, the forms in
//! `tests/screens_forms.rs`, changes made elsewhere while a screen is open in
//! `tests/screens_live.rs`.

mod common;

use common::*;
use crossterm::event::KeyCode;
use mentordesk::app::{Overlay, Screen};
use ratatui::style::Color;

/// The demo day, Nov 23: the first day of its month and the month as stored.
fn november() -> (chrono::NaiveDate, &'static str) {
    (chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(), "2026-11")
}

/// The demo database in `dir`, opened raw: the expected values come from its rows, not from
/// the code that draws the screens.
fn raw_demo(dir: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(dir.join("demo.db")).unwrap()
}

/// Who needs help most sorts first: behind (or missed), at risk, on track, met.
fn urgency(word: &str) -> u8 {
    match word {
        "BEHIND" | "MISSED" => 0,
        "AT RISK" => 1,
        "ON TRACK" => 2,
        _ => 3,
    }
}

#[test]
fn coordinator_starts_on_the_mentor_picker_with_behind_mentors_first() {
    let dir = tempfile::tempdir().unwrap();
    let app = demo_app(dir.path(), None);
    let text = screen(&app);
    assert!(text.contains("Pick a mentor"), "{text}");
    assert!(text.contains("Dana Whitfield (coordinator)"), "{text}");
    let conn = raw_demo(dir.path());
    let mut statement = conn
        .prepare("SELECT key, name FROM people WHERE role = 'mentor'")
        .unwrap();
    let mentors: Vec<(i64, String)> = statement
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(mentors.len(), 8);
    let (first, month) = november();
    // (line on screen, urgency, count) per mentor, each line checked against the rule.
    let mut shown = Vec::new();
    for (key, name) in &mentors {
        let count = people_reached(&conn, *key, month, false);
        let word = quota_word(count, 3, first, today());
        let (line_no, line) = text
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains(name.as_str()))
            .unwrap_or_else(|| panic!("{name} is listed: {text}"));
        assert!(line.contains(&format!("{count} of 3 {word}")), "{line}");
        shown.push((line_no, urgency(word), count));
    }
    shown.sort();
    let order: Vec<(u8, u32)> = shown.iter().map(|&(_, u, c)| (u, c)).collect();
    assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}\n{text}");
    assert_eq!(order[0].0, 0, "a behind mentor first: {text}");
    assert!(text.contains("MET"), "{text}");
}

#[test]
fn mentor_caseload_shows_quota_header_with_its_word_and_rows() {
    let dir = tempfile::tempdir().unwrap();
    let app = demo_app(dir.path(), Some("erin"));
    let text = screen(&app);
    let (first, month) = november();
    let count = people_reached(&raw_demo(dir.path()), app.session.me().key, month, false);
    let word = quota_word(count, 3, first, today());
    assert!(
        text.contains(&format!("{count} of 3 people · 7 days left · {word}")),
        "{text}"
    );
    assert_eq!(app.caseload.rows.len(), 3);
    for row in &app.caseload.rows {
        assert!(text.contains(&row.row.person.name), "{text}");
    }
}

#[test]
fn logging_a_contact_from_the_caseload_changes_the_header_and_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Some("erin"));
    let before = app.caseload.standing.unwrap();
    let (first, month) = november();
    let reached = people_reached(&raw_demo(dir.path()), app.session.me().key, month, false);
    // Find a person with no counting contact this month.
    let index = app
        .caseload
        .rows
        .iter()
        .position(|r| r.row.facts.counting_this_month == 0)
        .expect("the demo leaves someone to call");
    let name = app.caseload.rows[index].row.person.name.clone();
    for _ in 0..index {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Char('a'));
    assert!(matches!(app.overlay, Some(Overlay::ContactForm(_))));
    assert!(screen(&app).contains("Log a contact"));
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "saved and closed");
    let after = app.caseload.standing.unwrap();
    assert_eq!(after.count, before.count + 1);
    let text = screen(&app);
    let header = format!(
        "{} of 3 people · 7 days left · {}",
        reached + 1,
        quota_word(reached + 1, 3, first, today())
    );
    assert!(text.contains(&header), "{text}");
    assert!(
        text.contains(&format!("Logged the conversation with {name}")),
        "{text}"
    );
    let row = app
        .caseload
        .rows
        .iter()
        .find(|r| r.row.person.name == name)
        .unwrap();
    assert_eq!(row.row.facts.counting_this_month, 1);
    assert_eq!(row.row.facts.last_counting, Some(today()));
}

#[test]
fn the_domains_refusals_are_shown_at_their_field() {
    use mentordesk::app::contact_form::Field;
    // The form reads the text; the rules are the domain's, and its reasons land at the field.
    // (when, minutes, follow up, notes, the field refused, its reason)
    let cases: [(&str, &str, &str, &str, Field, &str); 4] = [
        (
            "2026-12-01 10:00",
            "",
            "",
            "",
            Field::When,
            "2026-12-01 is in the future",
        ),
        (
            "2026-11-20 10:00",
            "2000",
            "",
            "",
            Field::Duration,
            "at most 1440 minutes",
        ),
        (
            "2026-11-20 10:00",
            "",
            "2026-11-19",
            "",
            Field::FollowUp,
            "is before the contact",
        ),
        (
            "2026-11-20 10:00",
            "",
            "",
            "paid \u{202E}0001$",
            Field::Notes,
            "text direction control U+202E at character 6",
        ),
    ];
    for (when, minutes, follow_up, notes, field, reason) in cases {
        let dir = tempfile::tempdir().unwrap();
        let mut app = demo_app(dir.path(), Some("erin"));
        press(&mut app, KeyCode::Char('a'));
        let Some(Overlay::ContactForm(form)) = app.overlay.as_mut() else {
            panic!("form")
        };
        form.form.set(Field::When.label(), when);
        form.form.set(Field::Duration.label(), minutes);
        form.form.set(Field::FollowUp.label(), follow_up);
        form.form.set(Field::Notes.label(), notes);
        ctrl(&mut app, 's');
        let text = screen(&app);
        assert!(text.contains(reason), "{reason}: {text}");
        let Some(Overlay::ContactForm(form)) = &app.overlay else {
            panic!("{reason}: the form stays open")
        };
        assert!(
            form.error_for(field).is_some_and(|e| e.contains(reason)),
            "{reason}: {:?}",
            form.form.errors
        );
        assert_eq!(form.focus(), Some(field), "{reason}");
    }
}

#[test]
fn esc_on_a_changed_form_asks_before_discarding() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Some("erin"));
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "x"); // into the notes, where the form opens
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app).contains("Esc again discards"));
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
}

#[test]
fn person_view_shows_profile_history_and_notes() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Some("erin"));
    press(&mut app, KeyCode::Enter);
    let text = screen(&app);
    assert!(text.contains("Assignments"), "{text}");
    assert!(text.contains("mentored by Erin Vukovich"), "{text}");
    assert!(text.contains("Contacts ("), "{text}");
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app).contains("Active pairs"));
}

#[test]
fn coordinator_drills_from_program_into_a_read_only_caseload() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    press(&mut app, KeyCode::Char('5'));
    let text = screen(&app);
    assert!(text.contains("Mentors · Nov 2026"), "{text}");
    let first = app.program.mentors[0].mentor.name.clone();
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Caseload);
    let text = screen(&app);
    assert!(text.contains(&first) && text.contains("read-only"), "{text}");
    press(&mut app, KeyCode::Char('a'));
    assert!(app.overlay.is_none());
    assert!(screen(&app).contains("read-only"));
}

#[test]
fn coordinator_ends_and_makes_an_assignment() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    press(&mut app, KeyCode::Enter); // open the first mentor
    let before = app.caseload.rows.len();
    let ended = app.caseload.rows[0].row.person.name.clone();
    press(&mut app, KeyCode::Char('u'));
    assert!(screen(&app).contains("why?"));
    press(&mut app, KeyCode::Down); // exhausted
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.caseload.rows.len(), before - 1);
    press(&mut app, KeyCode::Char('n'));
    let text = screen(&app);
    assert!(text.contains("Assign whom"), "{text}");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.caseload.rows.len(), before);
    let history = app.session.audit(&Default::default(), 5).unwrap();
    assert!(history.iter().any(|e| e.entry.action == "end"));
    assert!(history.iter().any(|e| e.entry.action == "assign"));
    assert!(!app.caseload.rows.iter().any(|r| r.row.person.name == ended));
}

#[test]
fn contacts_screen_filters_and_shows_notes() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    press(&mut app, KeyCode::Char('2'));
    let total = app.contacts.rows.len();
    assert!(total >= 150, "demo has {total} contacts");
    let text = screen(&app);
    assert!(text.contains("Mentor") && !text.contains("Notes"), "{text}");
    // Enter shows the selected contact's notes, which then follow the selection.
    let notes_of = |app: &mentordesk::app::App, row: usize| -> String {
        app.contacts.rows[row]
            .contact
            .input
            .notes
            .chars()
            .take(30)
            .collect()
    };
    assert_ne!(notes_of(&app, 0), notes_of(&app, 1));
    press(&mut app, KeyCode::Enter);
    let text = screen(&app);
    assert!(
        text.contains("Notes") && text.contains(&notes_of(&app, 0)),
        "{text}"
    );
    press(&mut app, KeyCode::Char('j'));
    let text = screen(&app);
    assert!(
        !text.contains(&notes_of(&app, 0)) && text.contains(&notes_of(&app, 1)),
        "{text}"
    );
    // They stay shown on coming back to the screen, until Esc (or Enter again) hides them.
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('2'));
    assert!(screen(&app).contains(&notes_of(&app, 1)));
    press(&mut app, KeyCode::Esc);
    assert!(!screen(&app).contains("Notes"));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(!screen(&app).contains("Notes"));
    press(&mut app, KeyCode::Char('o')); // outcome: conversation
    assert!(
        app.contacts
            .rows
            .iter()
            .all(|r| r.contact.input.outcome.is_conversation())
    );
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "budget");
    press(&mut app, KeyCode::Enter);
    assert!(!app.contacts.rows.is_empty());
    assert!(
        app.contacts
            .rows
            .iter()
            .all(|r| r.contact.input.notes.to_lowercase().contains("budget"))
    );
    let text = screen(&app);
    assert!(
        text.contains("text \"budget\"") && !text.contains("Notes"),
        "{text}"
    );
    // The Enter that kept the filter did not show the notes; the next one does.
    press(&mut app, KeyCode::Enter);
    let notes = screen(&app)
        .lines()
        .skip_while(|line| !line.contains("Notes"))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(notes.to_lowercase().contains("budget"), "{notes}");
    // With nothing left, the list itself says so and what to do.
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "qqqq");
    press(&mut app, KeyCode::Enter);
    assert!(app.contacts.rows.is_empty());
    let text = screen(&app);
    assert!(text.contains("No contacts match. Press a to log one"), "{text}");
}

#[test]
fn deleting_a_contact_asks_first_and_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Some("erin"));
    press(&mut app, KeyCode::Char('2'));
    let total = app.contacts.rows.len();
    press(&mut app, KeyCode::Char('x'));
    assert!(screen(&app).contains("Delete the"));
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.contacts.rows.len(), total);
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.contacts.rows.len(), total - 1);
}

#[test]
fn help_lists_the_keys_of_the_current_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('?'));
    let text = screen(&app);
    assert!(
        text.contains("Contacts keys") && text.contains("cycle method filter"),
        "{text}"
    );
    press(&mut app, KeyCode::Char('x'));
    assert!(app.overlay.is_none());
}

#[test]
fn tab_and_numbers_switch_screens() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.screen, Screen::Contacts);
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(
        app.screen,
        Screen::People,
        "back from the first screen to the last"
    );
    assert!(
        !press(&mut app, KeyCode::Char('6')),
        "no redraw when nothing changes"
    );
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
}

#[test]
fn tiny_terminals_get_a_notice_and_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    for screen_key in ['1', '2', '3', '4', '5'] {
        press(&mut app, KeyCode::Char(screen_key));
        for (w, h) in [(1, 1), (2, 1), (10, 3), (59, 19), (60, 20), (61, 25), (300, 100)] {
            render(&app, w, h);
        }
    }
    let terminal = render(&app, 40, 10);
    let first: String = (0..40)
        .map(|x| terminal.backend().buffer()[(x, 0)].symbol().to_string())
        .collect();
    assert!(first.starts_with("terminal too small (40×10)"), "{first}");
}

#[test]
fn no_color_theme_uses_no_colours_but_keeps_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    app.theme.color = false;
    app.theme.ascii = true;
    for key in ['1', '2', '3', '4', '5'] {
        press(&mut app, KeyCode::Char(key));
        let terminal = render(&app, 80, 24);
        let buffer = terminal.backend().buffer();
        for cell in buffer.content() {
            assert_eq!(cell.fg, Color::Reset);
            assert_eq!(cell.bg, Color::Reset);
            assert!(!"┌┐└┘─│".contains(cell.symbol()), "ASCII borders only");
        }
    }
    press(&mut app, KeyCode::Char('5'));
    assert!(screen(&app).contains("BEHIND"));
}

#[test]
fn an_unsaved_contact_survives_a_lost_connection_as_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = erin_contact_drafts(dir.path());
    {
        let mut app = demo_app(dir.path(), Some("erin"));
        app.drafts = Some(drafts.clone());
        open_contact_notes(&mut app);
        type_text(&mut app, "Called about the strike vote");
        app.save_draft_now();
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
    app.drafts = Some(drafts.clone());
    app.recover_draft();
    let text = screen(&app);
    assert!(text.contains("Recovered the contact you were writing"), "{text}");
    assert!(text.contains("Called about the strike vote"), "{text}");
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none());
    assert!(app.contact_drafts_kept().is_empty(), "saving clears the draft");
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(
        app.contacts.rows[0].contact.input.notes,
        "Called about the strike vote"
    );
}

#[test]
fn coordinators_read_the_audit_log_and_mentors_cannot() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Right); // the reports pane
    press(&mut app, KeyCode::Char('s')); // submit a report: an audited change
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('l'));
    let text = screen(&app);
    assert!(
        text.contains("Audit log") && text.contains("submit contact"),
        "{text}"
    );

    let dir = tempfile::tempdir().unwrap();
    let mut mentor = demo_app(dir.path(), Some("erin"));
    press(&mut mentor, KeyCode::Char('5'));
    assert!(!press(&mut mentor, KeyCode::Char('l')));
    assert!(!screen(&mentor).contains("Audit log"));
}

#[test]
fn untrusted_and_wide_names_are_escaped_and_stay_aligned() {
    use mentordesk::domain::records::PersonFields;
    use mentordesk::domain::types::Role;
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut store = session_on(&db, None);
    let erin = store.person_by_login("erin").unwrap().unwrap();
    for (id, name) in [("X1", "Evil Name"), ("X2", "李小龍 🙂 Wide")] {
        let key = store
            .add_person(id, name, Role::Mentee, &PersonFields::default())
            .unwrap();
        store.assign(erin.key, key, today(), false).unwrap();
    }
    // Stored by an older mentordesk: control characters are refused on input now.
    raw(&db)
        .execute(
            "UPDATE people SET name = 'Evil\u{1b}[2J\u{202e}Name' WHERE id = 'X1'",
            [],
        )
        .unwrap();
    let session = session_on(&db, Some("erin"));
    let app = mentordesk::app::App::new(
        session,
        mentordesk::theme::Theme {
            color: true,
            ascii: false,
        },
    )
    .unwrap();
    let text = screen(&app);
    assert!(text.contains("Evil^[[2J<U+202E>Name"), "{text}");
    assert!(!text.contains('\u{1b}') && !text.contains('\u{202e}'));
    // The column after the name starts at the same place on every row.
    let terminal = render(&app, 80, 24);
    let buffer = terminal.backend().buffer();
    let column_of = |needle: &str| {
        (0..24u16).find_map(|y| {
            let line: String = (0..80u16).map(|x| buffer[(x, y)].symbol().to_string()).collect();
            line.contains(needle).then(|| {
                (0..80u16).find(|&x| buffer[(x, y)].symbol() == "n" && buffer[(x + 1, y)].symbol() == "e")
            })
        })
    };
    let wide = column_of("Wide").flatten();
    let plain = column_of("Evil").flatten();
    assert!(
        wide.is_some() && wide == plain,
        "'never' column: wide {wide:?} plain {plain:?}\n{text}"
    );
}
