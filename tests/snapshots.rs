//! Snapshots of every screen and overlay at 80×24, each reached by real key presses on the
//! demo programs on the tests' fixed day. `cargo insta review` (or `INSTA_UPDATE=always`)
//! accepts a deliberate change; CI refuses snapshots that are missing or differ.

mod common;

use common::*;
use crossterm::event::KeyCode;
use mentordesk::app::App;
use mentordesk::domain::settings::Preset;
use mentordesk::service::{Session, os_login};
use mentordesk::theme::Theme;
use std::path::Path;

/// The demos make whoever runs them (their OS login) the coordinator, and the audit log and
/// reminders name that login; the snapshots give the coordinator this one on every machine.
const COORDINATOR_LOGIN: &str = "dana";

/// Wall-clock values that reach the screen: the time a new contact is dated with (today's date,
/// the clock's time) and the dates things were stored on (reminders, the audit log, filings).
const WALL_CLOCK: [(&str, &str); 3] = [
    // A stored stamp first: its day is the fixed day, its time the wall time.
    (r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d", "[stored: wallclock]"),
    (r"2026-11-23 \d\d:\d\d", "2026-11-23 [now]"),
    (r"\d{4}-\d\d-\d\d · from", "[sent day] · from"),
];

fn assert_screen(name: &str, app: &App) {
    assert_screen_filtered(name, app, &[]);
}

/// `extra` masks what else on this screen comes from the clock.
fn assert_screen_filtered(name: &str, app: &App, extra: &[(&str, &str)]) {
    assert_size(name, app, 80, 24, extra);
    assert_nothing_cut(name, app);
}

/// The words of a rendered screen: runs of letters, digits and the punctuation inside words.
fn words(text: &str) -> std::collections::HashSet<String> {
    text.split(|c: char| !(c.is_alphanumeric() || "-'’/.:$%".contains(c)))
        .map(|w| w.trim_matches(|c: char| ".:".contains(c)).to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Nothing at 80×24 is cut mid-word: every word shown is a word the same screen shows whole
/// when it has room (240 columns, the same rows), except a word that ends with "…". A cut
/// date ("due Nov 2" for "due Nov 26") or status ("BEHI") is a word the wide screen lacks.
fn assert_nothing_cut(name: &str, app: &App) {
    let text = |width: u16| {
        let terminal = render(app, width, 24);
        let buffer = terminal.backend().buffer().clone();
        (0..buffer.area.height)
            .map(|y| {
                (0..buffer.area.width)
                    .map(|x| buffer[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut narrow = text(80);
    // A pop-up's last line, the keys that answer or close it, is never cut off below.
    let last_line = match &app.overlay {
        Some(mentordesk::app::Overlay::Help { .. }) => Some("closes this help"),
        Some(mentordesk::app::Overlay::Confirm { .. }) => Some("n or Esc no"),
        Some(mentordesk::app::Overlay::Text { .. }) => Some("key closes"),
        _ => None,
    };
    if let Some(line) = last_line {
        assert!(narrow.contains(line), "{name}: the pop-up is cut below\n{narrow}");
    }
    if app.overlay.is_some() {
        narrow = beside_popup_blanked(&narrow);
    }
    let wide = words(&text(240));
    let narrow_words = words(&narrow.replace('…', " … "));
    let ellipsized: std::collections::HashSet<String> = narrow
        .split(|c: char| c.is_whitespace() || "│─┌┐└┘".contains(c))
        .filter(|w| w.ends_with('…'))
        .flat_map(words)
        .collect();
    let mut cut: Vec<&String> = narrow_words
        .iter()
        .filter(|w| !wide.contains(*w) && !ellipsized.contains(*w))
        .collect();
    cut.sort();
    assert!(cut.is_empty(), "{name}: cut at 80×24: {cut:?}\n{narrow}");
    // Dates keep their day whole, wherever they stand.
    let due = regex_lite_due(&narrow);
    for date in due {
        assert!(wide.contains(&date), "{name}: {date} cut");
    }
}

/// The screen with what shows beside the top pop-up blanked: the screen behind peeks out there
/// in slivers, which are that screen's words (checked on their own) rather than cut ones.
fn beside_popup_blanked(screen: &str) -> String {
    let rows: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    // The pop-up is the widest box drawn: its top row holds ┌ … ┐.
    let mut popup = None;
    for (y, row) in rows.iter().enumerate() {
        if let (Some(left), Some(right)) = (
            row.iter().position(|&c| c == '┌'),
            row.iter().rposition(|&c| c == '┐'),
        ) && popup.is_none_or(|(_, l, r)| right - left > r - l)
        {
            popup = Some((y, left, right));
        }
    }
    let Some((top, left, right)) = popup else {
        return screen.to_string();
    };
    let bottom = (top..rows.len())
        .find(|&y| rows[y].get(left) == Some(&'└'))
        .unwrap_or(rows.len() - 1);
    rows.iter()
        .enumerate()
        .map(|(y, row)| {
            row.iter()
                .enumerate()
                .map(|(x, &c)| {
                    if (top..=bottom).contains(&y) && (x < left || x > right) {
                        ' '
                    } else {
                        c
                    }
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The day numbers that follow "due <Mon> " on a screen, as words.
fn regex_lite_due(text: &str) -> Vec<String> {
    let mut days = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("due ") {
        rest = &rest[at + 4..];
        let mut parts = rest.split(' ');
        if let (Some(month), Some(day)) = (parts.next(), parts.next())
            && month.len() == 3
            && month.chars().all(char::is_alphabetic)
        {
            let day: String = day.chars().take_while(char::is_ascii_digit).collect();
            if !day.is_empty() {
                days.push(day);
            }
        }
    }
    days
}

fn assert_size(name: &str, app: &App, width: u16, height: u16, extra: &[(&str, &str)]) {
    let terminal = render(app, width, height);
    let filters: Vec<(&str, &str)> = WALL_CLOCK.iter().chain(extra).copied().collect();
    insta::with_settings!({ filters => filters, prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(name, terminal.backend());
    });
}

/// The app on `dir`'s database `file`, made by `populate` the first time, with the coordinator's
/// login fixed; as the coordinator (`None`) or a mentor login.
fn app_with(dir: &Path, file: &str, preset: Preset, login: Option<&str>) -> App {
    let db = dir.join(file);
    if !db.exists() {
        demo_file(dir, file, preset);
        if preset == Preset::RuralUnion {
            // The forms of the other seeds too, so that every form of the catalog has a picture.
            demo_db_every_form(dir);
        }
        raw(&db)
            .execute(
                "UPDATE people SET login = ?1 WHERE login = ?2",
                [COORDINATOR_LOGIN, &os_login()],
            )
            .unwrap();
    }
    let login = login.unwrap_or(COORDINATOR_LOGIN);
    let session = Session::open_path(&db, login, None, Some(today())).unwrap();
    let theme = Theme {
        color: true,
        ascii: false,
    };
    App::new(session, theme).unwrap()
}

/// The WEAC demo (made the first time), as the coordinator (`None`) or a mentor login.
fn weac_app(dir: &Path, as_login: Option<&str>) -> App {
    app_with(dir, "demo.db", Preset::RuralUnion, as_login)
}

/// The Check & Connect demo (made the first time), as the coordinator or a mentor login.
fn check_connect_app(dir: &Path, as_login: Option<&str>) -> App {
    app_with(dir, "cc.db", Preset::CheckConnect, as_login)
}

/// From the Calendar screen on today, back to the check-in of Tuesday Nov 10.
fn select_november_check_in(app: &mut App) {
    press(app, KeyCode::Char('3'));
    for _ in 0..13 {
        press(app, KeyCode::Left);
    }
}

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
fn check_connect_caseload_and_risk_alerts() {
    let dir = tempfile::tempdir().unwrap();
    let mut ana = check_connect_app(dir.path(), Some("ana"));
    assert_screen("check_connect_mentor_caseload", &ana);
    press(&mut ana, KeyCode::Enter);
    assert_screen("check_connect_student_detail", &ana);
    drop(ana);

    let mut coordinator = check_connect_app(dir.path(), None);
    press(&mut coordinator, KeyCode::Char('5'));
    press(&mut coordinator, KeyCode::Char('a'));
    assert_screen("check_connect_program_risk_alerts", &coordinator);
}

#[test]
fn too_small_notice() {
    let dir = tempfile::tempdir().unwrap();
    let app = weac_app(dir.path(), None);
    assert_size("too_small_notice_40x10", &app, 40, 10, &[]);
}

#[test]
fn nea_applicants_and_an_applicants_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), "esp.db", Preset::Esp, None);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('A'));
    assert_screen("program_applicants", &app);
    for _ in 0..4 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    assert_screen("program_applicant_file", &app);
    // The evaluation of the NEA exit forms its demo files for the matches that ended.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('e'));
    assert_screen("program_evaluation_nea", &app);
}

#[test]
fn wvls_missed_deadlines_on_the_overdue_view() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), "wvls.db", Preset::Library, None);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('o'));
    assert_screen("program_overdue_wvls_deadlines", &app);
}

/// WVLS: stipends short of 6 hours stay pending, in their own column at 80 columns; mentors
/// whose only match ended, or who have none, have no pairs rather than a quota at risk.
#[test]
fn wvls_ledger_pending_and_mentors_without_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), "wvls.db", Preset::Library, None);
    press(&mut app, KeyCode::Char('5'));
    assert_screen("program_mentors_wvls_no_pairs", &app);
    press(&mut app, KeyCode::Char('$'));
    assert_screen("program_ledger_wvls_pending", &app);
    press(&mut app, KeyCode::Char('n'));
    assert_screen("program_ledger_wvls_add", &app);
}

#[test]
fn afscme_caseload_with_the_pillar_balance() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), "afscme.db", Preset::Afscme, Some("carla"));
    assert_screen("afscme_caseload_of_carla", &app);
    press(&mut app, KeyCode::Enter);
    assert_screen("afscme_person_of_carla", &app);
    let mut coordinator = app_with(dir.path(), "afscme.db", Preset::Afscme, None);
    press(&mut coordinator, KeyCode::Char('5'));
    assert_screen("afscme_program_mentors_with_the_pillars", &coordinator);
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
