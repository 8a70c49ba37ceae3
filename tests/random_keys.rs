//! Random key sequences at random sizes from 1×1 to 300×100, resized between keys, on both demo
//! programs as the coordinator and as a mentor: nothing panics, and invariants hold after every
//! key. `RANDOM_KEYS_CASES=2500` runs the long version (over 100,000 keys); the suite runs 100.

mod common;

use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mentordesk::app::{App, Overlay, Screen};
use mentordesk::domain::settings::Preset;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn key_strategy() -> impl Strategy<Value = KeyEvent> {
    let codes = prop_oneof![
        8 => prop::sample::select(vec![
            'j', 'k', 'a', 'e', 'x', 's', 'y', 'n', '/', '[', ']', 'f', 'o', 'c', 'p', 'u', 'l', 'm', 'M', '$', 'r',
            't', 'L', 'S', 'A', '1', '2', '3', '4', '5', '?', ' ', 'h', 'g', 'G', 'q', 'é', '漢', '0', '9', '-',
        ])
        .prop_map(KeyCode::Char),
        4 => prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageDown,
            KeyCode::PageUp,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Home,
            KeyCode::End,
        ]),
    ];
    (codes, prop::bool::weighted(0.05)).prop_map(|(code, ctrl)| {
        // Ctrl-C quits at once; Ctrl-S (files a form) and the rest stay in.
        let ctrl = ctrl && code != KeyCode::Char('c');
        let modifiers = if ctrl {
            KeyModifiers::CONTROL
        } else {
            KeyModifiers::NONE
        };
        KeyEvent::new(code, modifiers)
    })
}

#[derive(Debug, Clone, Copy)]
enum Program {
    RuralUnion,
    CheckConnect,
}

/// A populated demo database per program, made once and copied for every case.
fn template(program: Program) -> &'static Path {
    static RURAL: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    static CHECK: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let cell = match program {
        Program::RuralUnion => &RURAL,
        Program::CheckConnect => &CHECK,
    };
    &cell
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("demo.db");
            let preset = match program {
                Program::RuralUnion => Preset::RuralUnion,
                Program::CheckConnect => Preset::CheckConnect,
            };
            // Made in a process-local connection that closes at once, which folds the WAL into
            // the file.
            mentordesk::service::demo::prepare(&path, preset, today()).unwrap();
            (dir, path)
        })
        .1
}

fn app_for(dir: &Path, program: Program, as_mentor: bool) -> App {
    let path = dir.join("demo.db");
    std::fs::copy(template(program), &path).unwrap();
    let mentor = match program {
        Program::RuralUnion => "erin",
        Program::CheckConnect => "ana",
    };
    app_on(&path, as_mentor.then_some(mentor))
}

fn overlay_name(overlay: &Overlay) -> &'static str {
    match overlay {
        Overlay::Help { .. } => "help",
        Overlay::ContactForm(_) => "contact form",
        Overlay::Confirm { .. } => "confirm",
        Overlay::Choose(_) => "choose",
        Overlay::Event(_) => "event",
        Overlay::Form(_) => "form",
        Overlay::Text { .. } => "text",
        Overlay::EventForm(_) => "event form",
        Overlay::Fields(_) => "field form",
    }
}

/// Where the app is: the screen, the program view, and the overlay if any.
fn place(app: &App) -> String {
    let screen = match app.screen {
        Screen::Program => format!("Program/{:?}", app.program.view),
        other => format!("{other:?}"),
    };
    match &app.overlay {
        Some(overlay) => format!("{screen} + {}", overlay_name(overlay)),
        None => screen,
    }
}

fn invariants(app: &App) -> Result<(), TestCaseError> {
    if app.overlay.is_none()
        && app.screen == Screen::Caseload
        && let (Some(mentor), Some(standing)) = (&app.caseload.mentor, app.caseload.standing)
    {
        let conn = raw(app.session.database_path());
        let settings = &app.session.program.settings;
        let month = app.caseload.month;
        let count = people_reached(&conn, mentor.key, &month.to_string(), settings.count_attempts);
        let quota = settings.quota.expect("the demo program sets a quota");
        let paired = had_a_pair(&conn, mentor.key, month.first_day(), app.session.today);
        // Below the quota with no pair that month: nobody to reach, which is no pairs.
        let word = if count < quota && !paired {
            "NO PAIRS"
        } else {
            quota_word(count, quota, month.first_day(), app.session.today)
        };
        prop_assert_eq!(
            standing.count,
            count,
            "the caseload header counts by the quota rule"
        );
        prop_assert_eq!(standing.status.word(), word, "and words it by the rule");
        prop_assert_eq!(standing.month, month);
    }
    let check: String = raw(app.session.database_path())
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .unwrap();
    prop_assert_eq!(check, "ok");
    Ok(())
}

/// What the run covered, printed at the end.
struct Seen {
    keys: u64,
    widths: (u16, u16),
    heights: (u16, u16),
    places: BTreeSet<String>,
}

impl Default for Seen {
    fn default() -> Seen {
        Seen {
            keys: 0,
            widths: (u16::MAX, 0),
            heights: (u16::MAX, 0),
            places: BTreeSet::new(),
        }
    }
}

impl Seen {
    fn note(&mut self, app: &App, width: u16, height: u16) {
        self.keys += 1;
        self.widths = (self.widths.0.min(width), self.widths.1.max(width));
        self.heights = (self.heights.0.min(height), self.heights.1.max(height));
        self.places.insert(place(app));
    }
}

fn cases() -> u32 {
    std::env::var("RANDOM_KEYS_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100)
}

#[test]
fn random_keys_at_random_sizes_never_panic_and_keep_the_rules() {
    let strategy = (
        prop::sample::select(vec![Program::RuralUnion, Program::CheckConnect]),
        any::<bool>(),
        prop::collection::vec((key_strategy(), 1u16..=300, 1u16..=100), 1..100),
    );
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let seen = RefCell::new(Seen::default());
    let result = runner.run(&strategy, |(program, as_mentor, keys)| {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app_for(dir.path(), program, as_mentor);
        for (key, width, height) in keys {
            app.handle_key(key);
            // Quitting ends a real session; here the same state takes more keys.
            app.quit = false;
            render(&app, width, height);
            seen.borrow_mut().note(&app, width, height);
            invariants(&app)?;
        }
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
    let seen = seen.into_inner();
    eprintln!(
        "{} cases, {} keys, widths {}..={}, heights {}..={}, {} places reached:\n  {}",
        cases(),
        seen.keys,
        seen.widths.0,
        seen.widths.1,
        seen.heights.0,
        seen.heights.1,
        seen.places.len(),
        seen.places.iter().cloned().collect::<Vec<_>>().join("\n  ")
    );
}
