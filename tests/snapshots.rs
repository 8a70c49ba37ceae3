//! Snapshots of every screen and overlay at 80×24, each reached by real key presses on the
//! demo programs on the tests' fixed day. `cargo insta review` (or `INSTA_UPDATE=always`)
//! accepts a deliberate change; CI refuses snapshots that are missing or differ.
//!
//! Here, the screens of each role, in ASCII, with help, filters and too small a terminal; the
//! pop-ups (forms, dialogs, pickers) are in `tests/snapshots_overlays.rs`, each seed program's
//! own views in `tests/snapshots_seeds.rs`; what they share in `tests/support/screen_snapshots.rs`.

mod common;
#[path = "support/screen_snapshots.rs"]
mod screen_snapshots;

use common::*;
use crossterm::event::KeyCode;
use mentordesk::app::App;
use mentordesk::domain::settings::Preset;
use mentordesk::theme::Theme;
use screen_snapshots::*;

#[test]
fn coordinator_screens() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = weac_app(dir.path(), None);
    assert_screen("coordinator_1_mentor_picker", &app);
    press(&mut app, KeyCode::Enter);
    assert_screen("coordinator_1_caseload_of_a_mentor", &app);
    press(&mut app, KeyCode::Enter);
    assert_screen("coordinator_1_person_detail", &app);
    for (key, name) in [
        ('2', "coordinator_2_contacts"),
        ('3', "coordinator_3_calendar"),
        ('4', "coordinator_4_forms"),
        ('5', "coordinator_5_program_mentors"),
        ('6', "coordinator_6_people"),
    ] {
        press(&mut app, KeyCode::Char(key));
        assert_screen(name, &app);
    }
}

/// Enter shows the selected contact's notes under the list, which gives the pane its rows.
#[test]
fn contacts_with_the_notes_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = weac_app(dir.path(), None);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Enter);
    assert_screen("coordinator_2_contacts_notes", &app);
}

/// `TERM=dumb LANG=C` draws in ASCII without colour: every screen, its tables, pop-ups, marks,
/// arrows and cut text, byte by byte.
#[test]
fn ascii_screens_of_a_dumb_terminal_in_the_c_locale() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = weac_app(dir.path(), None);
    app.theme = Theme::for_vars(
        |name| match name {
            "TERM" => Some("dumb".into()),
            "LANG" => Some("C".into()),
            _ => None,
        },
        false,
    );
    assert_eq!((app.theme.ascii, app.theme.color), (true, false));
    let shown = |name: &str, app: &App| {
        let terminal = render(app, 80, 24);
        let cells = terminal.backend().buffer().content();
        let bytes: Vec<u8> = cells.iter().flat_map(|c| c.symbol().bytes()).collect();
        let odd: Vec<&str> = cells
            .iter()
            .map(|c| c.symbol())
            .filter(|s| !s.is_ascii())
            .collect();
        assert!(bytes.is_ascii() && odd.is_empty(), "{name}: not ASCII: {odd:?}");
        assert_size(name, app, 80, 24, &[]);
    };
    shown("ascii_1_mentor_picker", &app);
    press(&mut app, KeyCode::Enter);
    shown("ascii_1_caseload_of_a_mentor", &app);
    press(&mut app, KeyCode::Enter);
    shown("ascii_1_person_detail", &app);
    for (key, name) in [
        ('2', "ascii_2_contacts"),
        ('3', "ascii_3_calendar"),
        ('4', "ascii_4_forms"),
        ('5', "ascii_5_program_mentors"),
        ('6', "ascii_6_people"),
    ] {
        press(&mut app, KeyCode::Char(key));
        shown(name, &app);
    }
    press(&mut app, KeyCode::Char('?'));
    shown("ascii_help_people", &app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('a'));
    shown("ascii_contact_form_new", &app);
}

#[test]
fn coordinator_help_on_every_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = weac_app(dir.path(), None);
    for (key, name) in [
        ('1', "help_coordinator_1_caseload"),
        ('2', "help_coordinator_2_contacts"),
        ('3', "help_coordinator_3_calendar"),
        ('4', "help_coordinator_4_forms"),
        ('5', "help_coordinator_5_program"),
        ('6', "help_coordinator_6_people"),
    ] {
        press(&mut app, KeyCode::Char(key));
        press(&mut app, KeyCode::Char('?'));
        assert_screen(name, &app);
        press(&mut app, KeyCode::Esc);
    }
}

#[test]
fn list_filters_typing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = weac_app(dir.path(), None);
    let typed = |app: &mut App, query: &str, name: &str| {
        press(app, KeyCode::Char('/'));
        type_text(app, query);
        assert_screen(name, app);
        press(app, KeyCode::Esc);
    };
    typed(&mut app, "an", "filter_mentor_picker_typing");
    press(&mut app, KeyCode::Char('5'));
    typed(&mut app, "er", "filter_program_mentors_typing");
    press(&mut app, KeyCode::Char('o'));
    typed(&mut app, "ana", "filter_program_overdue_typing");
    press(&mut app, KeyCode::Char('M'));
    typed(&mut app, "e", "filter_program_matching_typing");
    press(&mut app, KeyCode::Char('$'));
    typed(&mut app, "second", "filter_program_ledger_typing");
    press(&mut app, KeyCode::Char('l'));
    typed(&mut app, "settings", "filter_program_audit_typing");
    // The filed forms of the NEA demo (WEAC's files none): the first form filed more than once.
    let mut app = app_with(dir.path(), "esp.db", Preset::Esp, None);
    press(&mut app, KeyCode::Char('4'));
    while app.forms.filed.len() < 2 {
        assert!(press(&mut app, KeyCode::Down), "no form filed twice");
    }
    press(&mut app, KeyCode::Right);
    typed(&mut app, "an", "filter_forms_filed_typing");
}

#[test]
fn program_views_of_the_coordinator() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = weac_app(dir.path(), None);
    press(&mut app, KeyCode::Char('5'));
    for (key, name) in [
        ('o', "program_overdue"),
        ('M', "program_matching"),
        ('e', "program_evaluation"),
        ('$', "program_ledger"),
    ] {
        press(&mut app, KeyCode::Char(key));
        assert_screen(name, &app);
    }
    press(&mut app, KeyCode::Char('M'));
    press(&mut app, KeyCode::Enter);
    assert_screen("choose_best_mentors_for_a_mentee", &app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Right); // the reports pane
    press(&mut app, KeyCode::Char('s')); // submit a report: an audited change
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('l'));
    assert_screen("program_audit_log", &app);
}

#[test]
fn mentor_screens() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = weac_app(dir.path(), Some("erin"));
    assert_screen("mentor_1_caseload", &app);
    press(&mut app, KeyCode::Enter);
    assert_screen("mentor_1_person_detail", &app);
    press(&mut app, KeyCode::Esc);
    for (key, name) in [
        ('2', "mentor_2_contacts"),
        ('3', "mentor_3_calendar"),
        ('4', "mentor_4_forms"),
        ('5', "mentor_5_program_mentors"),
    ] {
        press(&mut app, KeyCode::Char(key));
        assert_screen(name, &app);
    }
    press(&mut app, KeyCode::Char('5'));
    for (key, name) in [
        ('o', "mentor_5_program_overdue"),
        ('$', "mentor_5_program_ledger"),
    ] {
        press(&mut app, KeyCode::Char(key));
        assert_screen(name, &app);
    }
    press(&mut app, KeyCode::Char('?'));
    assert_screen("help_mentor_5_program", &app);
}

#[test]
fn a_reminder_shows_on_the_mentors_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let mut coordinator = weac_app(dir.path(), None);
    press(&mut coordinator, KeyCode::Char('5'));
    press(&mut coordinator, KeyCode::Char('o'));
    press(&mut coordinator, KeyCode::Char('r'));
    assert_screen("program_overdue_reminder_sent", &coordinator);
    let mentor = coordinator.program.overdue_rows[0].mentor_key;
    let login = coordinator
        .session
        .person(mentor)
        .unwrap()
        .and_then(|p| p.fields.login)
        .expect("the reminded mentor has a login");
    drop(coordinator);

    let mut app = weac_app(dir.path(), Some(&login));
    app.show_inbox();
    assert_screen("text_reminders_on_start", &app);
}

#[test]
fn too_small_notice() {
    let dir = tempfile::tempdir().unwrap();
    let app = weac_app(dir.path(), None);
    assert_size("too_small_notice_40x10", &app, 40, 10, &[]);
}

#[test]
fn audit_log_filtered_and_changes_on_start() {
    let dir = tempfile::tempdir().unwrap();
    let mut erin = weac_app(dir.path(), Some("erin"));
    erin.show_changes(); // the first start: sets the mark
    drop(erin);
    let mut coordinator = weac_app(dir.path(), None);
    let session = &mut coordinator.session;
    let erin_key = session.person_by_login("erin").unwrap().unwrap().key;
    let pairs: Vec<_> = session
        .assignments_of(erin_key)
        .unwrap()
        .into_iter()
        .filter(|a| a.ended_on.is_none())
        .collect();
    let mentee = session.person(pairs[0].mentee).unwrap().unwrap();
    let mut fields = mentee.fields.clone();
    fields.phone = Some("715-555-0142".into());
    session
        .edit_person(mentee.editing(), &mentee.name, &fields)
        .unwrap();
    let today = session.today;
    session
        .end_assignment(
            pairs[1].editing(),
            today,
            mentordesk::domain::types::EndReason::Exhausted,
        )
        .unwrap();
    let coordinator_name = session.me().name.clone();

    press(&mut coordinator, KeyCode::Char('5'));
    press(&mut coordinator, KeyCode::Char('l'));
    press(&mut coordinator, KeyCode::Char('w'));
    type_text(&mut coordinator, &coordinator_name);
    press(&mut coordinator, KeyCode::Enter);
    press(&mut coordinator, KeyCode::Char('p'));
    type_text(&mut coordinator, &mentee.name);
    assert_screen("choose_audit_about_whom", &coordinator);
    press(&mut coordinator, KeyCode::Enter);
    assert_screen("program_audit_log_filtered", &coordinator);
    press(&mut coordinator, KeyCode::Enter);
    assert_screen("text_audit_change_whole", &coordinator);
    drop(coordinator);

    let mut erin = weac_app(dir.path(), Some("erin"));
    erin.show_changes();
    // Made on the test's fixed day: the day shows, the wall time is masked.
    assert_screen("text_changes_on_start", &erin);
}

#[test]
fn programs_screen() {
    use mentordesk::app::ProgramsState;
    use mentordesk::service::figures::ProgramFigures;
    use mentordesk::service::programs::{FiguresCache, ListedProgram, RemoteProgram, Source, Taker};
    let dir = tempfile::tempdir().unwrap();
    drop(app_with(dir.path(), "esp.db", Preset::Esp, None));
    let mut app = app_with(dir.path(), "demo.db", Preset::RuralUnion, None);
    // A remote box reached once, three days ago, and not since.
    let remote = Source::Remote(RemoteProgram::parse("alice@box.example.org:/srv/weac.db", None).unwrap());
    let cache = dir.path().join("programs-cache.json");
    let mut kept = FiguresCache::default();
    kept.programs.insert(
        remote.describe(),
        ProgramFigures {
            program: "WEAC north".into(),
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            mentors: 9,
            behind: 4,
            overdue: 7,
            contacts_this_month: 12,
            high_risk: None,
            fetched_at: "2026-11-20T15:12:00Z".parse().unwrap(),
        },
    );
    kept.save(&cache).unwrap();
    let listed = vec![
        ListedProgram {
            name: "Rural union team".into(),
            source: Source::Local(dir.path().join("demo.db")),
        },
        ListedProgram {
            name: "Lakeview ESP".into(),
            source: Source::Local(dir.path().join("esp.db")),
        },
        ListedProgram {
            name: "WEAC north".into(),
            source: remote,
        },
    ];
    let taker = Taker {
        login: COORDINATOR_LOGIN.into(),
        today: Some(today()),
    };
    app.programs = ProgramsState::new(
        listed,
        taker,
        |_| {
            Err(mentordesk::error::Error::Failed(
                "cannot reach box.example.org".into(),
            ))
        },
        Some(cache),
    );
    press(&mut app, KeyCode::Char('0'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    // The times figures were taken are the wall clock's, in this machine's zone.
    assert_screen_filtered(
        "programs",
        &app,
        &[(r"[A-Z][a-z]{2} \d{1,2} \d\d:\d\d", "[fetched]")],
    );
}
