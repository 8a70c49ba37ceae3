//! Pickers: every pop-up list filters as you type, marks its selection with "▸" as the lists
//! do (and alone: the list behind loses its mark), and moves with the same keys.

mod common;

use common::*;
use crossterm::event::KeyCode;
use mentordesk::app::{Overlay, Screen};

fn marked_rows(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.contains('▸')).collect()
}

/// The person's name in an assign option: before the affiliation, without a mark like
/// "(assigned)".
fn name_of(option: &str) -> String {
    let name = option.split("  ").next().unwrap();
    name.split(" (").next().unwrap().to_string()
}

#[test]
fn the_assign_list_filters_as_you_type_and_assigns_the_one_marked() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    press(&mut app, KeyCode::Enter); // the first mentor's caseload
    let mentor = app.caseload.mentor.clone().unwrap();
    press(&mut app, KeyCode::Char('n'));
    let text = screen(&app);
    // The tab bar's mark, and the picker's: none left on the caseload behind.
    assert_eq!(marked_rows(&text).len(), 2, "{text}");
    // The first offered (the best fit of the new people) is marked.
    let Some(Overlay::Choose(choice)) = &app.overlay else {
        panic!("picker")
    };
    let first = name_of(&choice.options[0].0);
    assert!(text.contains(&format!("▸ {first}")), "{text}");

    // Letters are the filter here, `j`, `k` and `g` among them.
    type_text(&mut app, "jodi");
    let text = screen(&app);
    assert!(text.contains("1 of 30") && text.contains("▸ Jodi Dahl"), "{text}");
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "EA, mem");
    let Some(Overlay::Choose(choice)) = &app.overlay else {
        panic!("picker")
    };
    let members: Vec<String> = choice
        .matching()
        .iter()
        .map(|&i| choice.options[i].0.clone())
        .collect();
    assert!(
        members.len() > 2 && members.iter().all(|m| m.contains("Member")),
        "{members:?}"
    );
    press(&mut app, KeyCode::End);
    let last = name_of(members.last().unwrap());
    assert!(screen(&app).contains(&format!("▸ {last}")));
    press(&mut app, KeyCode::Home);
    press(&mut app, KeyCode::Down);
    let second = name_of(&members[1]);
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{}", screen(&app));
    let caseload = app.session.mentor_assignments(mentor.key).unwrap();
    let assigned = caseload
        .iter()
        .find(|a| a.ended_on.is_none() && a.started_on == today())
        .expect("assigned today");
    assert_eq!(app.session.person(assigned.mentee).unwrap().unwrap().name, second);
}

#[test]
fn the_contacts_mentor_filter_is_a_picker() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('p'));
    assert!(screen(&app).contains("Whose contacts?"));
    type_text(&mut app, "farah");
    press(&mut app, KeyCode::Enter);
    let farah = app.session.person_by_id("M06").unwrap().unwrap();
    assert_eq!(app.contacts.filter.mentor, Some(farah.key));
    assert!(!app.contacts.rows.is_empty());
    assert!(
        app.contacts
            .rows
            .iter()
            .all(|r| r.contact.input.mentor == farah.key)
    );
    press(&mut app, KeyCode::Char('p'));
    press(&mut app, KeyCode::Enter); // "Every mentor", first
    assert_eq!(app.contacts.filter.mentor, None);

    press(&mut app, KeyCode::Char('3'));
    assert_eq!(app.screen, Screen::Calendar);
    press(&mut app, KeyCode::Char('p'));
    type_text(&mut app, "farah");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.calendar.mentor.as_ref().map(|m| m.key), Some(farah.key));
}

#[test]
fn first_and_last_work_on_the_forms_list_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app_every_form(dir.path(), Some("erin"));
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('G'));
    let last = app.session.program.forms().len();
    assert!(last > 10, "a program with every form");
    assert_eq!(app.forms.template, last);
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.forms.template, 0);
    press(&mut app, KeyCode::End);
    assert_eq!(app.forms.template, last);
    press(&mut app, KeyCode::Home);
    assert_eq!(app.forms.template, 0);
    press(&mut app, KeyCode::PageDown);
    assert!(app.forms.template > 0);
    let text = screen(&app);
    assert_eq!(marked_rows(&text).len(), 2, "the tab and the template: {text}");
    assert!(
        text.contains("…"),
        "titles too long for the pane end with …: {text}"
    );
    // With the filed list focused, its row alone has the mark: the template loses it.
    press(&mut app, KeyCode::Home);
    press(&mut app, KeyCode::Right);
    let text = screen(&app);
    let marked = marked_rows(&text);
    assert_eq!(marked.len(), 2, "the tab and one report: {text}");
    assert!(!marked[1].contains("Contact reports"), "{text}");
    assert!(text.contains(" Contact reports"), "{text}");
}

fn text_at(app: &mentordesk::app::App, width: u16) -> String {
    let terminal = render(app, width, 24);
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_due_date_is_shown_whole_at_80_and_140_columns() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Some("erin"));
    press(&mut app, KeyCode::Char('a'));
    ctrl(&mut app, 's'); // a contact today, Nov 23: its report is due on Thursday Nov 26
    assert!(app.overlay.is_none(), "{}", screen(&app));
    press(&mut app, KeyCode::Char('4'));
    for width in [80, 140] {
        let text = text_at(&app, width);
        assert!(text.contains("due Nov 26 "), "{width} columns:\n{text}");
    }
}

#[test]
fn a_long_message_ends_with_an_ellipsis_and_shows_whole_on_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Some("erin"));
    let long = "Could not write the letter to /home/erin/.local/share/mentordesk/letters/welcome-amy-anderson.html: the disk is full";
    app.error(long);
    let text = screen(&app);
    let line = text.lines().find(|l| l.starts_with("! Could not")).unwrap();
    assert!(line.contains("… (! shows all)"), "{line}");
    press(&mut app, KeyCode::Char('!'));
    // The pop-up's inside, line after line, without the blanks: the message, every character.
    let text = screen(&app);
    let inside: String = text
        .lines()
        .filter_map(|l| {
            let start = l.find('│')?;
            let end = l.rfind('│')?;
            (end > start).then(|| &l[start + '│'.len_utf8()..end])
        })
        .collect::<String>()
        .split_whitespace()
        .collect();
    let wanted: String = long.split_whitespace().collect();
    assert!(inside.contains(&wanted), "{text}");
}

#[test]
fn a_text_taller_than_the_screen_scrolls_with_the_list_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('r'));
    let Some(Overlay::Text { lines, .. }) = &app.overlay else {
        panic!("the record")
    };
    let last = lines.last().unwrap().clone();
    assert!(!screen(&app).contains(&last), "the last line starts below");
    press(&mut app, KeyCode::Char('G'));
    let text = screen(&app);
    assert!(text.contains(&last), "{text}");
    press(&mut app, KeyCode::Char('g'));
    assert!(!screen(&app).contains(&last));
    press(&mut app, KeyCode::Char('x'));
    assert!(app.overlay.is_none(), "any other key closes");
}

#[test]
fn the_people_list_filters_as_you_type_by_name_id_login_and_role() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    press(&mut app, KeyCode::Char('6'));
    let everyone = app.people.index.len();
    assert!(
        screen(&app).contains(&format!("{everyone} people")),
        "{}",
        screen(&app)
    );
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Char('/'));
    // Letters are the filter here, the command keys `e`, `g` and `n` among them.
    type_text(&mut app, "mentor an");
    assert!(app.overlay.is_none(), "{}", screen(&app));
    let shown = app.people.shown.clone();
    let index = app.people.index.clone();
    let entry = |key: i64| index.iter().find(|e| e.key == key).unwrap().clone();
    assert!(!shown.is_empty() && shown.len() < everyone);
    assert!(shown.iter().all(|&key| {
        let p = entry(key);
        let login = p.login.as_deref().unwrap_or("");
        p.role.as_str() == "mentor" && format!("{} {login}", p.name).to_lowercase().contains("an")
    }));
    let text = screen(&app);
    assert!(
        text.contains(&format!("Filter: mentor an▏ · {} of {everyone}", shown.len())),
        "{text}"
    );
    let first = entry(shown[0]).name;
    assert_eq!(
        app.people.selected().map(|p| &p.name),
        Some(&first),
        "a new filter starts on its first match"
    );
    assert_eq!(
        marked_rows(&text).len(),
        2,
        "the tab bar's mark and the list's: {text}"
    );

    // The arrows move while typing; Enter keeps the filter and the keys are commands again.
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Enter);
    let last = entry(*shown.last().unwrap()).name;
    assert_eq!(app.people.selected().map(|p| &p.name), Some(&last));
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.people.selected().map(|p| &p.name), Some(&first));
    press(&mut app, KeyCode::Char('G'));
    assert!(screen(&app).contains(&format!("▸{last}")), "{}", screen(&app));
    press(&mut app, KeyCode::Char('e'));
    assert!(screen(&app).contains(&format!("Edit {last}")), "{}", screen(&app));
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app).contains("filter \"mentor an\" (/ changes · Esc clears)"));

    // By id and by login; a filter matching no one selects no one, and the keys do nothing.
    let with_login = app
        .people
        .index
        .iter()
        .find(|p| p.login.is_some())
        .unwrap()
        .clone();
    for query in [with_login.id.clone(), with_login.login.clone().unwrap()] {
        press(&mut app, KeyCode::Char('/'));
        ctrl(&mut app, 'u');
        type_text(&mut app, &query);
        assert!(app.people.shown.contains(&with_login.key), "{query}");
        press(&mut app, KeyCode::Enter);
    }
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "zzz");
    assert!(screen(&app).contains(&format!("0 of {everyone}")));
    assert!(app.people.selected().is_none());
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Char('x'));
    assert!(app.overlay.is_none());
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.people.shown.len(), everyone, "Esc clears the filter");
    assert!(screen(&app).contains(&format!("{everyone} people · / filters")));
    assert_eq!(app.screen, Screen::People);
}

/// A long people list reads whole records only around the selection, and still moves, filters
/// and keeps its selection on the same person when the list is read again.
#[test]
fn a_long_people_list_is_read_around_the_selection_and_follows_the_person() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("big.db");
    mentordesk::service::demo::generate::generate(&db, 1000, 200, 1, today(), &mut |_, _| {}).unwrap();
    let mut app = app_on(&db, None);
    press(&mut app, KeyCode::Char('6'));
    let everyone = app.people.index.len();
    assert_eq!(everyone, 1001, "the generated people and the coordinator");
    assert!(
        screen(&app).contains(&format!("{everyone} people")),
        "{}",
        screen(&app)
    );
    assert!(
        app.people.rows.len() < everyone / 2,
        "{} records read",
        app.people.rows.len()
    );

    let name_of = |app: &mentordesk::app::App, key: i64| {
        app.people
            .index
            .iter()
            .find(|e| e.key == key)
            .unwrap()
            .name
            .clone()
    };
    press(&mut app, KeyCode::Char('G'));
    let last = *app.people.shown.last().unwrap();
    assert_eq!(app.people.selected().map(|p| p.key), Some(last));
    assert!(
        screen(&app).contains(&format!("▸{}", name_of(&app, last))),
        "{}",
        screen(&app)
    );
    for _ in 0..500 {
        press(&mut app, KeyCode::Char('k'));
    }
    let at = app.people.filter.cursor().selected;
    let key = app.people.shown[at];
    assert_eq!(
        app.people.selected().map(|p| p.key),
        Some(key),
        "read as the selection moved"
    );
    assert!(
        screen(&app).contains(&format!("▸{}", name_of(&app, key))),
        "{}",
        screen(&app)
    );
    assert!(app.people.rows.len() < everyone / 2);

    // Someone else adds a person listed before the selection: the selection stays on its person.
    session_on(&db, None)
        .create_person(
            "A0",
            "Aaron First",
            mentordesk::domain::types::Role::Mentee,
            &Default::default(),
        )
        .unwrap();
    app.reload();
    assert_eq!(app.people.index.len(), everyone + 1);
    assert_eq!(app.people.filter.cursor().selected, at + 1);
    assert_eq!(app.people.selected().map(|p| p.key), Some(key));

    // The filter looks through everyone, not only the records read.
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "aaron first");
    assert_eq!(app.people.shown.len(), 1);
    assert_eq!(
        app.people.selected().map(|p| p.name.as_str()),
        Some("Aaron First")
    );
    assert!(screen(&app).contains("▸Aaron First"), "{}", screen(&app));
}
