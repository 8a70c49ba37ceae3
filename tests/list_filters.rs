//! The screens' long lists filter as you type, the People screen's way: `/` types into the
//! filter, the list narrows with the selection on a matching row, Enter keeps the filter and
//! the screen's keys are commands again, Esc clears it.

mod common;

use common::*;
use crossterm::event::KeyCode;
use mentordesk::app::{App, Overlay};

/// A word of `labels[index]` that no other label holds, to filter down to that row alone.
fn word_only_in(labels: &[String], index: usize) -> String {
    own_word(labels, index).unwrap_or_else(|| panic!("no word of {:?} is its own", labels[index]))
}

fn own_word(labels: &[String], index: usize) -> Option<String> {
    let lower: Vec<String> = labels.iter().map(|l| l.to_lowercase()).collect();
    lower[index]
        .split_whitespace()
        .find(|word| {
            lower
                .iter()
                .enumerate()
                .all(|(i, other)| i == index || !other.contains(word))
        })
        .map(str::to_string)
}

/// `/`, then `query` typed; the filter line shows it with the count of matches.
fn type_filter(app: &mut App, query: &str, shown: usize, total: usize) {
    press(app, KeyCode::Char('/'));
    type_text(app, query);
    let text = screen(app);
    assert!(
        text.contains(&format!("Filter: {query}▏ · {shown} of {total}")),
        "{text}"
    );
}

#[test]
fn the_mentor_picker_filters_and_opens_the_mentor_it_keeps() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    let names: Vec<String> = app
        .caseload
        .mentors
        .iter()
        .map(|m| m.mentor.name.clone())
        .collect();
    let everyone = names.len();
    assert!(everyone > 2);
    let target = everyone - 1;
    let word = word_only_in(&names, target);
    press(&mut app, KeyCode::Char('G'));
    type_filter(&mut app, &word, 1, everyone);
    assert!(app.overlay.is_none(), "letters typed are the filter's");
    assert!(
        screen(&app).contains(&format!("▸{}", names[target])),
        "{}",
        screen(&app)
    );

    // Enter keeps the filter; `]`, `g`, `G` and Enter are the list's keys again.
    press(&mut app, KeyCode::Enter);
    let month = app.caseload.month;
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(app.caseload.month, month.next());
    assert!(screen(&app).contains(&format!("1 of {everyone} mentors · filter \"{word}\"")));
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.caseload.mentor.as_ref().map(|m| &m.name),
        Some(&names[target])
    );

    // Back on the picker the filter is still there; Esc clears it.
    press(&mut app, KeyCode::Esc);
    assert!(app.caseload.mentor.is_none());
    assert_eq!(app.caseload.mentor_filter.query(), word);
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app).contains(&format!("{everyone} mentors · / filters by name or id")));
    assert_eq!(app.caseload.mentor_filter.cursor().selected, 0);
}

#[test]
fn the_mentors_table_filters_and_keeps_its_month_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    press(&mut app, KeyCode::Char('5'));
    let names: Vec<String> = app
        .program
        .mentors
        .iter()
        .map(|m| m.mentor.name.clone())
        .collect();
    let everyone = names.len();
    let target = everyone / 2;
    let word = word_only_in(&names, target);
    type_filter(&mut app, &word, 1, everyone);
    assert_eq!(app.program.mentors_shown(), vec![target]);
    press(&mut app, KeyCode::Enter);
    let month = app.program.month;
    press(&mut app, KeyCode::Char('['));
    assert_eq!(app.program.month, month.prev());
    assert_eq!(
        app.program.mentors_shown().len(),
        1,
        "the month read again keeps the filter"
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.caseload.mentor.as_ref().map(|m| &m.name),
        Some(&names[target])
    );

    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('/'));
    ctrl(&mut app, 'u');
    type_text(&mut app, "zzz");
    assert!(app.program.mentors_shown().is_empty());
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, mentordesk::app::Screen::Program, "no one to open");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.program.mentors_shown().len(), everyone);
}

#[test]
fn the_overdue_list_filters_by_mentor_and_reminds_the_one_selected() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('o'));
    let all = app.program.overdue_all.total;
    let groups: Vec<String> = app
        .program
        .overdue_all
        .groups
        .iter()
        .map(|g| format!("{} {}", g.mentor, g.mentor_id))
        .collect();
    assert!(groups.len() > 2, "{groups:?}");
    let target = &app.program.overdue_all.groups[1];
    let (name, items) = (target.mentor.clone(), target.len());
    let word = word_only_in(&groups, 1);
    press(&mut app, KeyCode::End);
    type_filter(&mut app, &word, items, all);
    assert_eq!(app.program.overdue.total, items);
    assert_eq!(app.program.overdue_filter.cursor().selected, 0);
    assert!(
        !app.program.overdue_rows.is_empty() && app.program.overdue_rows.iter().all(|o| o.mentor == name),
        "the rows read again are the mentor's"
    );

    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(app.program.overdue_filter.cursor().selected, items - 1);
    press(&mut app, KeyCode::Char('r'));
    let message = app.message.as_ref().map(|(m, _)| m.clone()).unwrap_or_default();
    assert!(
        message.starts_with(&format!("Reminder sent to {name}")),
        "{message}"
    );

    press(&mut app, KeyCode::Esc);
    assert_eq!(app.program.overdue.total, all);
    assert_eq!(app.program.overdue_filter.cursor().selected, 0);
    assert!(screen(&app).contains(&format!("{all} overdue · / filters by mentor")));
}

#[test]
fn the_unmatched_mentees_filter_and_rank_the_one_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('M'));
    let names: Vec<String> = app.program.unmatched.iter().map(|p| p.name.clone()).collect();
    let everyone = names.len();
    assert!(everyone > 1, "{names:?}");
    let target = everyone - 1;
    let word = word_only_in(&names, target);
    type_filter(&mut app, &word, 1, everyone);
    assert!(
        screen(&app).contains(&format!("▸{}", names[target])),
        "{}",
        screen(&app)
    );
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    let Some(Overlay::Choose(choice)) = &app.overlay else {
        panic!("the ranking: {}", screen(&app));
    };
    assert!(choice.title.contains(&names[target]), "{}", choice.title);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.program.unmatched_shown().len(), everyone);
}

#[test]
fn the_filed_forms_filter_and_open_the_one_kept() {
    let dir = tempfile::tempdir().unwrap();
    // The NEA demo: its mentors file Monthly Records and exit forms (WEAC's files none).
    let esp = common::demo_file(dir.path(), "esp.db", mentordesk::domain::settings::Preset::Esp);
    let mut app = common::app_on(&esp, None);
    press(&mut app, KeyCode::Char('4'));
    let label = |s: &mentordesk::domain::forms::Submission| {
        format!("{} {}", s.author_name, s.about_name.as_deref().unwrap_or(""))
    };
    // The first form filed by several people, one of whose rows a word of its own picks out.
    let forms = app.session.program.forms().len();
    let mut labels = Vec::new();
    for _ in 0..forms {
        press(&mut app, KeyCode::Down);
        labels = app.forms.filed.iter().map(label).collect();
        let authors: std::collections::HashSet<_> = app.forms.filed.iter().map(|s| &s.author_name).collect();
        if authors.len() > 2 && (0..labels.len()).any(|i| own_word(&labels, i).is_some()) {
            break;
        }
    }
    let everyone = labels.len();
    assert!(everyone > 2, "no form filed by three people");
    let target = (0..everyone)
        .rev()
        .find(|&i| own_word(&labels, i).is_some())
        .unwrap();
    let word = word_only_in(&labels, target);
    press(&mut app, KeyCode::Right);
    type_filter(&mut app, &word, 1, everyone);
    assert!(app.overlay.is_none(), "`n` and `p` typed are the filter's");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Enter);
    let Some(Overlay::Form(fill)) = &app.overlay else {
        panic!("the filed form: {}", screen(&app));
    };
    assert!(fill.form.read_only);
    assert_eq!(fill.values(), app.forms.filed[target].values);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert!(
        screen(&app).contains(&format!("{everyone} filed · / filters")),
        "{}",
        screen(&app)
    );
}

#[test]
fn the_ledger_filters_and_keeps_the_views_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('$'));
    let lines: Vec<String> = app
        .program
        .ledger
        .iter()
        .map(|l| format!("{} {}", l.mentor, l.note))
        .collect();
    let everyone = lines.len();
    let second: Vec<usize> = (0..everyone)
        .filter(|&i| lines[i].to_lowercase().contains("second"))
        .collect();
    assert!(!second.is_empty() && second.len() < everyone, "{lines:?}");
    press(&mut app, KeyCode::End);
    type_filter(&mut app, "second", second.len(), everyone);
    assert_eq!(app.program.ledger_shown(), second);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('G'));
    let last = &app.program.ledger[*second.last().unwrap()];
    assert!(
        screen(&app).contains(&format!("▸{}", last.mentor)),
        "{}",
        screen(&app)
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.program.ledger_shown().len(), everyone);
    press(&mut app, KeyCode::Char('l'));
    assert_eq!(app.program.view, mentordesk::app::ProgramView::Audit);
}

#[test]
fn the_audit_log_filters_the_changes_read_and_keeps_its_pickers() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut session = session_on(&db, None);
    for quota in ["4", "5", "6"] {
        session.set_setting("quota", quota, None).unwrap();
    }
    let mut app = app_on(&db, None);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('l'));
    let everyone = app.program.audit.len();
    let quota: Vec<usize> = (0..everyone)
        .filter(|&i| app.program.audit[i].what.contains("quota"))
        .collect();
    assert_eq!(
        quota.len(),
        3,
        "{:?}",
        app.program.audit.iter().map(|l| &l.what).collect::<Vec<_>>()
    );
    type_filter(&mut app, "quota", 3, everyone);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Enter);
    let Some(Overlay::Text { lines, .. }) = &app.overlay else {
        panic!("the change whole: {}", screen(&app));
    };
    assert_eq!(lines[1], app.program.audit[quota[2]].what);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('w'));
    assert!(
        matches!(app.overlay, Some(Overlay::Choose(_))),
        "{}",
        screen(&app)
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(
        app.program.audit_shown().len(),
        everyone,
        "c clears the typed filter first"
    );
}

/// On a generated program of 2,000 people (200 mentors, thousands of overdue reports) a key
/// typed into the mentors' or the overdue list's filter stays quick: the mentors are filtered
/// where they are loaded, the overdue paperwork by its per-mentor counts, and only the window
/// of overdue rows in view is read again.
#[test]
fn a_key_typed_into_a_filter_of_a_generated_program_is_quick() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("generated.db");
    mentordesk::service::demo::generate::generate(&db, 2_000, 100_000, 11, today(), &mut |_, _| {}).unwrap();
    let mut app = app_on(&db, None);
    press(&mut app, KeyCode::Char('5'));
    let mentors = app.program.mentors.len();
    assert!(mentors >= 200, "{mentors}");
    let word = app.program.mentors[mentors / 2].mentor.name.to_lowercase();
    let slowest = |app: &mut App, query: &str| {
        press(app, KeyCode::Char('/'));
        let mut slowest = std::time::Duration::ZERO;
        for c in query.chars() {
            let start = std::time::Instant::now();
            press(app, KeyCode::Char(c));
            screen(app);
            slowest = slowest.max(start.elapsed());
        }
        press(app, KeyCode::Enter);
        slowest
    };
    let on_mentors = slowest(&mut app, &word);
    assert!(app.program.mentors_shown().len() < mentors);
    press(&mut app, KeyCode::Char('o'));
    let all = app.program.overdue_all.total;
    assert!(all > 1_000, "{all}");
    let on_overdue = slowest(&mut app, &word);
    let shown = app.program.overdue.total;
    assert!(shown > 0 && shown < all, "{shown} of {all}");
    eprintln!("slowest key: mentors {on_mentors:?}, overdue {on_overdue:?} ({shown} of {all} items)");
    for slowest in [on_mentors, on_overdue] {
        assert!(slowest < std::time::Duration::from_millis(500), "{slowest:?}");
    }
}

#[test]
fn the_help_lists_the_filter_where_the_user_has_one() {
    use mentordesk::app::Screen;
    use mentordesk::app::keymap::help;
    let screens = [Screen::Caseload, Screen::Forms, Screen::Program];
    let lists_slash = |screen, coordinator| {
        help(screen, coordinator, &screens)
            .iter()
            .any(|(keys, _)| *keys == "/")
    };
    assert!(
        lists_slash(Screen::Caseload, true),
        "the coordinator's mentor picker"
    );
    assert!(
        !lists_slash(Screen::Caseload, false),
        "a mentor's caseload has no filter"
    );
    for screen in [Screen::Forms, Screen::Program] {
        assert!(lists_slash(screen, true) && lists_slash(screen, false));
    }
}

#[test]
fn the_overdue_items_selection_stays_on_its_item_when_another_coordinator_settles_one_above() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('o'));
    for _ in 0..5 {
        press(&mut app, KeyCode::Down);
    }
    let selected = |app: &App| {
        app.program
            .overdue_item(app.program.overdue_filter.cursor().selected)
            .cloned()
            .unwrap()
    };
    let before = selected(&app);
    // A late report above the selection, settled elsewhere: every row below moves up one.
    let above = (0..5)
        .filter_map(|i| app.program.overdue_item(i).cloned())
        .find(|item| item.contact_key.is_some())
        .expect("a late report above the selection");
    let mut other = session_on(&dir.path().join("demo.db"), None);
    other.mark_submitted(above.contact_key.unwrap(), today()).unwrap();
    assert!(app.refresh_if_changed());
    assert_eq!(
        app.program.overdue_filter.cursor().selected,
        4,
        "its row moved up"
    );
    let after = selected(&app);
    assert_eq!(
        (after.mentor_key, after.kind, &after.what, after.contact_key),
        (before.mentor_key, before.kind, &before.what, before.contact_key),
        "the same item stays selected"
    );
    assert_eq!(app.message, None);
    // The selected item itself settled elsewhere: the row now at its place, and a message.
    if let Some(key) = after.contact_key {
        other.mark_submitted(key, today()).unwrap();
        assert!(app.refresh_if_changed());
        assert_eq!(app.program.overdue_filter.cursor().selected, 4);
        let said = app.message.clone().unwrap().0;
        assert!(said.contains("is no longer on this list"), "{said}");
    }
}
