//! People managed in the app: added, edited, given another role, deactivated and reactivated
//! through the service, each audited and refused to mentors.

mod common;

use chrono::Weekday;
use common::{demo_db, session_on};
use mentordesk::domain::records::{Editing, PersonFields};
use mentordesk::domain::schedule::Recurrence;
use mentordesk::domain::types::Role;
use mentordesk::error::Error;
use mentordesk::service::Session;

/// The person with this key as stored now, to change.
fn now(session: &Session, key: i64) -> Editing {
    session.person(key).unwrap().unwrap().editing()
}

#[test]
fn a_coordinator_adds_edits_and_deactivates_people_and_their_history_stays() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut session = session_on(&db, None);
    let fields = PersonFields {
        email: Some("nia@example.org".into()),
        ..Default::default()
    };
    let nia = session
        .create_person("N1", " Nia Holm ", Role::Mentee, &fields)
        .unwrap();
    assert!(matches!(
        session.create_person("N1", "Someone", Role::Mentee, &PersonFields::default()),
        Err(Error::Input(e)) if e.contains("already")
    ));
    assert!(matches!(
        session.create_person("N2", "  ", Role::Mentee, &PersonFields::default()),
        Err(Error::Input(e)) if e == "name is required"
    ));
    session
        .edit_person(now(&session, nia), "Nia Holm-Berg", &fields)
        .unwrap();
    assert_eq!(session.person(nia).unwrap().unwrap().name, "Nia Holm-Berg");

    let ana = session.person_by_login("ana").unwrap().unwrap();
    session.assign(ana.key, nia, session.today, false).unwrap();
    let said = session.role_change_consequences(&ana, Role::Mentee).unwrap();
    assert!(said.contains("open assignment(s) end today"), "{said}");
    assert!(said.contains("quota of 3"), "{said}");

    let ended = session.set_person_active(now(&session, nia), false).unwrap();
    assert_eq!(ended, 1, "her assignment to Ana ends");
    assert!(
        !session
            .people_with_role(Role::Mentee)
            .unwrap()
            .iter()
            .any(|p| p.key == nia),
        "out of the pickers"
    );
    assert!(
        session.set_person_active(now(&session, nia), false).is_err(),
        "already deactivated"
    );
    let ben_session = common::session_on(&db, Some("ben"));
    assert!(
        !ben_session
            .contact_candidates("", usize::MAX)
            .unwrap()
            .iter()
            .any(|c| c.person.key == nia),
        "not offered to another mentor to log a contact with, even beyond the caseload"
    );
    let history = session.person_history(nia).unwrap();
    assert!(!history.person.active);
    assert_eq!(history.assignments.len(), 1, "the ended assignment stays");
    let actions: Vec<&str> = history.audit.iter().map(|e| e.entry.action.as_str()).collect();
    assert_eq!(actions, ["deactivate", "assign", "edit", "add"]);

    session.set_person_active(now(&session, nia), true).unwrap();
    assert!(
        session
            .people_with_role(Role::Mentee)
            .unwrap()
            .iter()
            .any(|p| p.key == nia)
    );

    let ben = session.person_by_login("ben").unwrap().unwrap();
    let open = session
        .assignments_of(ben.key)
        .unwrap()
        .iter()
        .filter(|a| a.ended_on.is_none())
        .count();
    assert_eq!(session.change_role(ben.editing(), Role::Mentee).unwrap(), open);
    assert_eq!(session.person(ben.key).unwrap().unwrap().role, Role::Mentee);
    let me = session.me().key;
    assert!(
        session.change_role(now(&session, me), Role::Mentor).is_err(),
        "not one's own role"
    );
    assert!(
        session.set_person_active(now(&session, me), false).is_err(),
        "not oneself"
    );
}

#[test]
fn mentors_cannot_manage_people_and_a_deactivated_login_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut mentor = session_on(&db, Some("ana"));
    assert!(matches!(
        mentor.create_person("N1", "Nia", Role::Mentee, &PersonFields::default()),
        Err(Error::Denied(_))
    ));
    let ben = mentor.person_by_login("ben").unwrap().unwrap();
    assert!(matches!(
        mentor.set_person_active(ben.editing(), false),
        Err(Error::Denied(_))
    ));
    assert!(matches!(mentor.person_history(ben.key), Err(Error::Denied(_))));

    let mut coordinator = session_on(&db, None);
    coordinator.set_person_active(ben.editing(), false).unwrap();
    let refused = mentordesk::service::Session::open_path(&db, "ben", None, Some(common::today()));
    assert!(matches!(refused, Err(Error::Denied(e)) if e.contains("deactivated")));
}

mod screen {
    use super::common::{app_on, ctrl, demo_db, press, screen, type_text};
    use crossterm::event::KeyCode;
    use mentordesk::app::{App, Screen};
    use mentordesk::domain::types::Role;

    fn tab_bar(app: &App) -> String {
        screen(app).lines().next().unwrap_or_default().to_string()
    }

    /// Each of the user's screens is numbered in the tab bar as the key that shows it.
    fn assert_tabs_numbered_as_their_keys(app: &mut App) {
        for (i, tab) in app.screens().into_iter().enumerate() {
            let number = char::from_digit(i as u32 + 1, 10).unwrap();
            assert!(
                tab_bar(app).contains(&format!("{number} {}", tab.title())),
                "{}",
                tab_bar(app)
            );
            press(app, KeyCode::Char(number));
            assert_eq!(app.screen, tab);
        }
    }

    #[test]
    fn only_those_who_manage_people_have_the_people_tab() {
        let dir = tempfile::tempdir().unwrap();
        let db = demo_db(dir.path());
        let mut mentor = app_on(&db, Some("ana"));
        assert!(!tab_bar(&mentor).contains("People"), "{}", tab_bar(&mentor));
        assert_tabs_numbered_as_their_keys(&mut mentor);
        assert_eq!(mentor.screen, Screen::Program);
        assert!(!press(&mut mentor, KeyCode::Char('6')), "the key does nothing");
        assert_eq!(mentor.screen, Screen::Program);
        assert!(mentor.message.is_none() && mentor.overlay.is_none());
        press(&mut mentor, KeyCode::Tab);
        assert_eq!(
            mentor.screen,
            Screen::Caseload,
            "Tab goes round the screens they have"
        );
        press(&mut mentor, KeyCode::BackTab);
        assert_eq!(mentor.screen, Screen::Program);
        press(&mut mentor, KeyCode::Char('?'));
        let help = screen(&mentor);
        assert!(
            help.contains("1-5 Tab S-Tab") && !help.contains("people and the program"),
            "{help}"
        );

        let mut coordinator = app_on(&db, None);
        assert!(
            tab_bar(&coordinator).contains("6 People"),
            "{}",
            tab_bar(&coordinator)
        );
        assert_tabs_numbered_as_their_keys(&mut coordinator);
        assert_eq!(coordinator.screen, Screen::People);
        press(&mut coordinator, KeyCode::Tab);
        assert_eq!(coordinator.screen, Screen::Caseload);
        press(&mut coordinator, KeyCode::Char('?'));
        assert!(screen(&coordinator).contains("people and the program's settings"));
    }

    #[test]
    fn a_coordinator_adds_a_person_changes_a_role_and_a_setting_from_the_keyboard() {
        let dir = tempfile::tempdir().unwrap();
        let db = demo_db(dir.path());
        let mut app = app_on(&db, None);
        press(&mut app, KeyCode::Char('6'));
        assert!(
            screen(&app).contains("n add · e edit · r role"),
            "{}",
            screen(&app)
        );
        press(&mut app, KeyCode::Char('n'));
        type_text(&mut app, "N9");
        press(&mut app, KeyCode::Tab);
        type_text(&mut app, "Nia Holm");
        press(&mut app, KeyCode::Tab);
        type_text(&mut app, "mentee");
        let shown = screen(&app);
        assert!(
            shown.contains("‹ mentee ›"),
            "a typed word picks the role: {shown}"
        );
        ctrl(&mut app, 's');
        assert!(app.overlay.is_none(), "{}", screen(&app));
        let nia = app.session.person_by_id("N9").unwrap().unwrap();
        assert_eq!((nia.name.as_str(), nia.role), ("Nia Holm", Role::Mentee));

        // The same id again: the form stays open with the reason.
        press(&mut app, KeyCode::Char('n'));
        type_text(&mut app, "N9");
        press(&mut app, KeyCode::Tab);
        type_text(&mut app, "Someone");
        ctrl(&mut app, 's');
        assert!(
            screen(&app).contains("id 'N9' is already someone's"),
            "{}",
            screen(&app)
        );
        // A changed form asks before Esc discards it.
        press(&mut app, KeyCode::Esc);
        assert!(screen(&app).contains("Esc again discards"), "{}", screen(&app));
        press(&mut app, KeyCode::Esc);

        // Ana, a mentor, made a mentee: the question says what follows.
        press(&mut app, KeyCode::Char('/'));
        type_text(&mut app, "ana mentor");
        press(&mut app, KeyCode::Enter);
        let selected = app.people.selected().and_then(|p| p.fields.login.as_deref());
        assert_eq!(selected, Some("ana"));
        press(&mut app, KeyCode::Char('r'));
        press(&mut app, KeyCode::Enter);
        let question = screen(&app);
        assert!(question.contains("open assignment(s)"), "{question}");
        assert!(question.contains("quota of 3"), "{question}");
        press(&mut app, KeyCode::Char('n'));
        assert_eq!(
            app.session.person_by_login("ana").unwrap().unwrap().role,
            Role::Mentor,
            "n keeps it"
        );

        // Settings: a bad quota is refused with its reason, a good one saved.
        press(&mut app, KeyCode::Char('S'));
        press(&mut app, KeyCode::Enter);
        for _ in 0..3 {
            press(&mut app, KeyCode::Backspace);
        }
        type_text(&mut app, "lots");
        press(&mut app, KeyCode::Enter);
        assert!(
            screen(&app).contains("! quota: 'lots' is not a whole number"),
            "{}",
            screen(&app)
        );
        for _ in 0..4 {
            press(&mut app, KeyCode::Backspace);
        }
        type_text(&mut app, "4");
        press(&mut app, KeyCode::Enter);
        assert!(app.overlay.is_none(), "{}", screen(&app));
        assert_eq!(app.session.program.settings.quota, Some(4));

        // A check-in's topic, and the months it skips typed as month numbers or names.
        press(&mut app, KeyCode::Char('S'));
        for _ in 0..mentordesk::app::setting_fields::SETTINGS.len() {
            press(&mut app, KeyCode::Down);
        }
        press(&mut app, KeyCode::Enter);
        assert!(
            screen(&app).contains("Change or remove an event"),
            "{}",
            screen(&app)
        );
        // From "this row" to "months skipped".
        for _ in 0..10 {
            press(&mut app, KeyCode::Tab);
        }
        for _ in 0..20 {
            press(&mut app, KeyCode::Backspace);
        }
        type_text(&mut app, "dec, 13");
        crate::common::ctrl(&mut app, 's');
        assert!(
            screen(&app).contains("'13' is not a month: a number from 1 to 12 or a name"),
            "{}",
            screen(&app)
        );
        for _ in 0..2 {
            press(&mut app, KeyCode::Backspace);
        }
        type_text(&mut app, "6");
        press(&mut app, KeyCode::Tab);
        type_text(&mut app, "Organizing a rural local");
        press(&mut app, KeyCode::Tab);
        type_text(&mut app, "https://zoom.us/j/555");
        press(&mut app, KeyCode::Enter);
        assert!(app.overlay.is_none(), "{}", screen(&app));
        assert_eq!(app.session.program.settings.events[0].skip_months, [6, 12]);
        assert_eq!(
            app.session.program.settings.events[0].topic,
            "Organizing a rural local"
        );
        // Its Zoom link, in the calendar with the topic.
        assert_eq!(
            app.session.program.settings.events[0].place,
            "https://zoom.us/j/555"
        );
        let occurrences = mentordesk::domain::agenda::series_occurrences(
            &app.session.program.settings,
            app.session.program.start_date,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
            &Default::default(),
        );
        let checkin = occurrences.iter().find(|o| o.title == "Mentor check-in").unwrap();
        assert_eq!(
            checkin.detail,
            "Topic: Organizing a rural local · Where: https://zoom.us/j/555"
        );
        let audit = app.session.audit(&Default::default(), 1).unwrap();
        assert_eq!(
            (audit[0].entry.action.as_str(), audit[0].entry.entity.as_str()),
            ("update", "settings")
        );
    }
}

/// Opens the settings form of `key` on the People screen.
fn open_setting(app: &mut mentordesk::app::App, key: &str) {
    use crossterm::event::KeyCode;
    let at = mentordesk::app::setting_fields::SETTINGS
        .iter()
        .position(|d| d.key == key)
        .unwrap();
    common::press(app, KeyCode::Char('6'));
    common::press(app, KeyCode::Char('S'));
    for _ in 0..at {
        common::press(app, KeyCode::Down);
    }
    common::press(app, KeyCode::Enter);
    assert!(
        common::screen(app).contains(&format!("Setting {key}")),
        "{}",
        common::screen(app)
    );
}

/// Clears the focused field and types `text` into it.
fn retype(app: &mut mentordesk::app::App, text: &str) {
    for _ in 0..40 {
        common::press(app, crossterm::event::KeyCode::Backspace);
    }
    common::type_text(app, text);
}

#[test]
fn each_setting_is_typed_in_fields_of_its_own_and_saved_as_its_value() {
    use crossterm::event::KeyCode;
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_file(
        dir.path(),
        "wvls.db",
        mentordesk::domain::settings::Preset::Library,
    );
    let mut app = common::app_on(&db, None);

    // A number; blank is none.
    open_setting(&mut app, "term_months");
    retype(&mut app, "18");
    common::press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{}", common::screen(&app));
    assert_eq!(app.session.program.settings.term_months, Some(18));
    open_setting(&mut app, "quota");
    retype(&mut app, "");
    common::press(&mut app, KeyCode::Enter);
    assert_eq!(app.session.program.settings.quota, None);

    // Yes/no is a choice.
    let before = app.session.program.settings.count_attempts;
    open_setting(&mut app, "count_attempts");
    common::press(&mut app, KeyCode::Right);
    common::press(&mut app, KeyCode::Enter);
    assert_eq!(app.session.program.settings.count_attempts, !before);

    // Months by name.
    open_setting(&mut app, "monthly_record_months");
    retype(&mut app, "sep, Oct 6");
    common::press(&mut app, KeyCode::Enter);
    assert_eq!(app.session.program.settings.monthly_record_months, [6, 9, 10]);

    // A setting with parts: the stipend in dollars, its meetings and hours.
    open_setting(&mut app, "meeting_stipend");
    retype(&mut app, "150.50");
    common::press(&mut app, KeyCode::Tab);
    retype(&mut app, "4");
    common::ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{}", common::screen(&app));
    let stipend = app.session.program.settings.meeting_stipend.clone().unwrap();
    assert_eq!(
        (
            stipend.amount_cents,
            stipend.max_meetings,
            stipend.min_total_hours
        ),
        (15050, 4, 6)
    );

    // The archive's sections, one yes/no each: attendance off.
    open_setting(&mut app, "archive");
    common::press(&mut app, KeyCode::Right);
    common::ctrl(&mut app, 's');
    assert!(
        !app.session
            .program
            .settings
            .archive
            .contains(&"attendance".to_string())
    );

    // The ledger's kinds, in dollars and in hours.
    open_setting(&mut app, "compensation");
    retype(&mut app, "travel, stipend");
    common::press(&mut app, KeyCode::Tab);
    retype(&mut app, "comp time");
    common::ctrl(&mut app, 's');
    let kinds: Vec<(String, String)> = app
        .session
        .program
        .settings
        .compensation
        .iter()
        .map(|k| (k.kind.clone(), format!("{:?}", k.unit)))
        .collect();
    assert_eq!(
        kinds,
        [
            ("travel".into(), "Dollars".into()),
            ("stipend".into(), "Dollars".into()),
            ("comp time".into(), "Hours".into())
        ]
    );

    // What is wrong is said in the form, which stays open; the domain's own check refuses too.
    open_setting(&mut app, "capacity");
    retype(&mut app, "many");
    common::press(&mut app, KeyCode::Enter);
    assert!(common::screen(&app).contains("capacity: 'many' is not a whole number"));
    common::press(&mut app, KeyCode::Esc);
    common::press(&mut app, KeyCode::Esc);
    open_setting(&mut app, "time_zone");
    retype(&mut app, "Mars/Olympus");
    common::press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_some(), "refused: {}", common::screen(&app));
    assert_eq!(app.session.program.settings.time_zone, "America/Chicago");

    // Every change is audited.
    let audit = app.session.audit(&Default::default(), 20).unwrap();
    let settings_changes = audit.iter().filter(|l| l.entry.entity == "settings").count();
    assert_eq!(settings_changes, 7);
}

/// Opens the settings on the People screen and picks the row whose text has `label`.
fn pick_setting_row(app: &mut mentordesk::app::App, label: &str) {
    use crossterm::event::KeyCode;
    common::press(app, KeyCode::Char('6'));
    common::press(app, KeyCode::Char('S'));
    for _ in 0..80 {
        let screen = common::screen(app);
        if screen.lines().any(|l| l.contains('▸') && l.contains(label)) {
            common::press(app, KeyCode::Enter);
            return;
        }
        common::press(app, KeyCode::Down);
    }
    panic!("no settings row '{label}': {}", common::screen(app));
}

/// Moves the focus of the open field form to the field labelled `label`.
fn focus(app: &mut mentordesk::app::App, label: &str) {
    for _ in 0..20 {
        if let Some(mentordesk::app::Overlay::Fields(open)) = &app.overlay
            && open.0.fields[open.0.focus].label == label
        {
            return;
        }
        common::press(app, crossterm::event::KeyCode::Tab);
    }
    panic!("no field '{label}': {}", common::screen(app));
}

#[test]
fn events_and_installments_are_added_changed_and_removed_row_by_row_each_audited() {
    use crossterm::event::KeyCode;
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut app = common::app_on(&db, None);
    let events_before = app.session.program.settings.events.len();

    // A training session with the rural leaders' topic: the 3rd Thursday, Oct to Apr.
    pick_setting_row(&mut app, "event: add one");
    assert!(
        common::screen(&app).contains("Add an event"),
        "{}",
        common::screen(&app)
    );
    common::type_text(&mut app, "Leaders' session");
    focus(&mut app, "repeats");
    for _ in 0..4 {
        common::press(&mut app, KeyCode::Right);
    }
    focus(&mut app, "weekday");
    common::type_text(&mut app, "thu");
    focus(&mut app, "starts");
    common::type_text(&mut app, "19:00");
    focus(&mut app, "ends");
    common::type_text(&mut app, "18:00");
    focus(&mut app, "first month");
    common::type_text(&mut app, "Oct");
    focus(&mut app, "last month");
    common::type_text(&mut app, "apr");
    focus(&mut app, "topic");
    common::type_text(&mut app, "Bargaining in a small district");
    common::ctrl(&mut app, 's');
    // The domain's rule, said in the form, which stays open as typed.
    assert!(
        common::screen(&app).contains("'Leaders' session': it ends (18:00) before it starts"),
        "{}",
        common::screen(&app)
    );
    focus(&mut app, "ends");
    retype(&mut app, "20:30");
    common::ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{}", common::screen(&app));
    assert!(
        common::screen(&app).contains("The event is added"),
        "{}",
        common::screen(&app)
    );
    let settings = &app.session.program.settings;
    assert_eq!(settings.events.len(), events_before + 1);
    let added = settings.events.last().unwrap();
    assert_eq!(
        (
            added.title.as_str(),
            added.kind.as_str(),
            &added.rule,
            added.starts.to_string(),
            added.ends.to_string(),
            added.months,
            added.topic.as_str()
        ),
        (
            "Leaders' session",
            "training",
            &Recurrence::NthWeekday {
                n: 3,
                weekday: Weekday::Thu
            },
            "19:00:00".to_string(),
            "20:30:00".to_string(),
            Some((10, 4)),
            "Bargaining in a small district"
        )
    );

    // The first installment raised; the second removed.
    pick_setting_row(&mut app, "installment: First");
    assert!(common::screen(&app).contains("Dec"), "{}", common::screen(&app));
    focus(&mut app, "amount ($)");
    retype(&mut app, "375");
    common::press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{}", common::screen(&app));
    pick_setting_row(&mut app, "installment: Second");
    common::press(&mut app, KeyCode::Right);
    common::ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{}", common::screen(&app));
    let installments: Vec<(u32, i64)> = app
        .session
        .program
        .settings
        .installments
        .iter()
        .map(|i| (i.month, i.amount_cents))
        .collect();
    assert_eq!(installments, [(12, 37_500)]);

    // An event removed: the one just added.
    pick_setting_row(&mut app, "event: Leaders' session");
    common::press(&mut app, KeyCode::Right);
    common::ctrl(&mut app, 's');
    assert_eq!(app.session.program.settings.events.len(), events_before);

    // Four changes, four audit lines.
    let audit = app.session.audit(&Default::default(), 10).unwrap();
    assert_eq!(audit.iter().filter(|l| l.entry.entity == "settings").count(), 4);

    // A row changed by someone else while the form is open is a conflict, offered as any other.
    pick_setting_row(&mut app, "installment: First");
    let mut other = session_on(&db, None);
    let installments = other.setting_json("installments").unwrap();
    other
        .set_setting_row("installments", Some(0), None, Some(&installments))
        .unwrap();
    focus(&mut app, "amount ($)");
    retype(&mut app, "400");
    common::ctrl(&mut app, 's');
    assert!(
        common::screen(&app).contains("Overwrite theirs with yours"),
        "{}",
        common::screen(&app)
    );
}
