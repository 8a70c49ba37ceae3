//! Every date `--today` accepts can be lived on: each of the five screens renders at 80×24
//! without a panic, for the coordinator and for a mentor (DATE_CASES for a longer run).

mod common;

use chrono::{Datelike, NaiveDate};
use crossterm::event::KeyCode;
use mentordesk::domain::dates::{YEARS, parse_date};
use mentordesk::service::{Session, os_login};
use mentordesk::theme::Theme;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Any day in the accepted years, the first and last among them more often.
fn accepted_date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(*YEARS.start(), 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(*YEARS.end(), 12, 31).unwrap();
    let days = (last - first).num_days();
    prop_oneof![
        1 => Just(first),
        1 => Just(last),
        8 => (0..=days).prop_map(move |n| first + chrono::Days::new(n as u64)),
    ]
}

#[test]
fn no_accepted_date_panics_any_screen() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path());
    let cases = std::env::var("DATE_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(48);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&(accepted_date(), any::<bool>()), |(today, as_mentor)| {
            // What --today would be given: it must parse back to the same day.
            let typed = format!("{:04}-{:02}-{:02}", today.year(), today.month(), today.day());
            prop_assert_eq!(parse_date(&typed), Ok(today));
            let login = if as_mentor { "erin".to_string() } else { os_login() };
            let session = Session::open_path(&db, &login, None, Some(today)).unwrap();
            let mut app = mentordesk::app::App::new(
                session,
                Theme {
                    color: true,
                    ascii: false,
                },
            )
            .unwrap();
            for screen in ['1', '2', '3', '4', '5'] {
                common::press(&mut app, KeyCode::Char(screen));
                common::render(&app, 80, 24);
            }
            Ok(())
        })
        .unwrap();
}
