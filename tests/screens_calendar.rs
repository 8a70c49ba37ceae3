//! The calendar rendered at 80×24 after real key presses on demo data: the grid, a day's
//! agenda, meetings scheduled and a series' date cancelled, attendance.

mod common;

use common::*;
use crossterm::event::KeyCode;

#[test]
fn calendar_grid_day_agenda_upcoming_and_attendance() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    press(&mut app, KeyCode::Char('3'));
    let text = screen(&app);
    assert!(text.contains("Su Mo Tu We Th Fr Sa"), "{text}");
    assert!(text.contains("Next 14 days"), "{text}");
    assert!(
        text.contains("Thu Nov 26") && text.contains("Contact reports due"),
        "{text}"
    );
    assert!(
        text.contains("10 CT") && text.contains("26 R"),
        "marks as letters: {text}"
    );
    for _ in 0..13 {
        press(&mut app, KeyCode::Left);
    }
    let text = screen(&app);
    assert!(
        text.contains("Tue Nov 10")
            && text.contains("18:00–19:00 checkin")
            && text.contains("Learning session"),
        "{text}"
    );
    press(&mut app, KeyCode::Enter);
    let text = screen(&app);
    assert!(text.contains("Attendance · p present"), "{text}");
    assert!(
        text.contains("▸Ana Lindqvist"),
        "the selected row is marked: {text}"
    );
    press(&mut app, KeyCode::Char('p')); // Ana present
    press(&mut app, KeyCode::Char('e')); // Ben excused
    let text = screen(&app);
    let marked: Vec<&str> = text.lines().filter(|l| l.contains("│▸")).collect();
    assert_eq!(marked.len(), 1, "one row marked: {text}");
    assert!(
        marked[0].contains("Carla Nygaard"),
        "the next row to mark: {text}"
    );
    assert!(text.contains("Ana Lindqvist                present"), "{text}");
    assert!(text.contains("Ben Okafor                   excused"), "{text}");
    press(&mut app, KeyCode::Esc);
    let nov10 = chrono::NaiveDate::from_ymd_opt(2026, 11, 10).unwrap();
    let marks = app
        .session
        .attendance(Some((nov10, "Mentor check-in")), None)
        .unwrap();
    let statuses: Vec<&str> = marks.iter().take(2).map(|m| m.status.as_str()).collect();
    assert_eq!(statuses, ["present", "excused"]);
    press(&mut app, KeyCode::PageDown);
    let text = screen(&app);
    assert!(
        text.contains("Dec 2026") && !text.contains(" CT"),
        "December has no check-in: {text}"
    );
    press(&mut app, KeyCode::Char('t'));
    assert_eq!(app.calendar.selected, today());
}

#[test]
fn cancelling_one_check_in_keeps_the_series() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    press(&mut app, KeyCode::Char('3'));
    for _ in 0..13 {
        press(&mut app, KeyCode::Left);
    }
    press(&mut app, KeyCode::Char('x'));
    assert!(screen(&app).contains("series stays)? (y/n)"), "{}", screen(&app));
    press(&mut app, KeyCode::Char('y'));
    let text = screen(&app);
    let titles: Vec<&str> = app
        .calendar
        .day_items()
        .iter()
        .map(|o| o.title.as_str())
        .collect();
    assert_eq!(titles, ["Learning session"], "{text}");
    assert!(text.contains("Cancelled Mentor check-in on 2026-11-10"), "{text}");
    press(&mut app, KeyCode::PageDown); // December: skipped
    press(&mut app, KeyCode::PageDown); // January
    assert!(
        app.calendar.items.iter().any(|o| o.title == "Mentor check-in"),
        "the series goes on"
    );
}

#[test]
fn a_mentor_schedules_a_meeting_and_sees_only_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Some("erin"));
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('n'));
    assert!(screen(&app).contains("Schedule"));
    press(&mut app, KeyCode::Tab); // date
    press(&mut app, KeyCode::Tab); // starts
    for _ in 0..5 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "09:30");
    ctrl(&mut app, 's');
    let text = screen(&app);
    assert!(
        text.contains("09:30–17:00 meeting") && text.contains("Meeting with"),
        "{text}"
    );
    assert!(text.contains("24 M"), "{text}");
    press(&mut app, KeyCode::Char('e'));
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab); // date, starts, ends, place
    }
    type_text(&mut app, "Cumberland library");
    ctrl(&mut app, 's');
    let meeting = app
        .calendar
        .day_items()
        .into_iter()
        .find(|o| o.title.starts_with("Meeting"))
        .unwrap()
        .clone();
    assert_eq!(meeting.detail, "Cumberland library");
    assert_eq!(app.calendar.day_items().len(), 1, "edited, not added");

    let session = session_on(&dir.path().join("demo.db"), Some("ana"));
    let nov = mentordesk::domain::YearMonth::of(today());
    let seen =
        mentordesk::service::calendar::occurrences(&session, nov.first_day(), nov.last_day(), None).unwrap();
    assert!(
        !seen.iter().any(|o| o.title.starts_with("Meeting")),
        "another mentor's meeting is not shown"
    );
}

#[test]
fn attendance_records_are_viewable_by_the_mentor() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    press(&mut app, KeyCode::Char('3'));
    for _ in 0..13 {
        press(&mut app, KeyCode::Left);
    }
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('a')); // Ana absent
    press(&mut app, KeyCode::Esc);
    drop(app);
    let session = session_on(&dir.path().join("demo.db"), Some("ana"));
    let mut ana = mentordesk::app::App::new(
        session,
        mentordesk::theme::Theme {
            color: true,
            ascii: false,
        },
    )
    .unwrap();
    press(&mut ana, KeyCode::Char('3'));
    press(&mut ana, KeyCode::Char('r'));
    let text = screen(&ana);
    assert!(
        text.contains("Attendance since Aug 2026 · Ana Lindqvist"),
        "{text}"
    );
    assert!(text.contains("Tue Nov 10 Mentor check-in · absent"), "{text}");
    // The demo marks Ana present at the Sep and Oct check-ins; this test marked Nov 10 absent.
    assert!(text.contains("present at 2 of 3 marked sessions"), "{text}");
}
