#![allow(dead_code)]

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mentordesk::app::App;
use mentordesk::service::{Session, os_login};
use mentordesk::store::Store;
use mentordesk::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

pub fn demo_store(dir: &Path) -> Store {
    let mut store = Store::open(&dir.join("demo.db"), 0o600).unwrap();
    mentordesk::service::demo::populate(&mut store, today()).unwrap();
    store
}

/// The real binary on `db`, on the tests' fixed day, whatever `MENTORDESK_DB` says.
pub fn mentordesk(db: &Path) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_mentordesk"));
    command
        .arg("--db")
        .arg(db)
        .env_remove("MENTORDESK_DB")
        .env("MENTORDESK_TODAY", "2026-11-23");
    command
}

/// The app in colour on `store`, as the coordinator (`None`) or a mentor login.
pub fn app_on(store: Store, as_login: Option<&str>) -> App {
    let session = Session::open(store, &os_login(), as_login, today()).unwrap();
    App::new(
        session,
        Theme {
            color: true,
            ascii: false,
        },
    )
    .unwrap()
}

/// A demo app as the coordinator (`None`) or a mentor login.
pub fn demo_app(dir: &Path, as_login: Option<&str>) -> App {
    app_on(demo_store(dir), as_login)
}

/// An app on a demo database that already exists in `dir`.
pub fn demo_app_existing(dir: &Path, as_login: Option<&str>) -> App {
    app_on(Store::open(&dir.join("demo.db"), 0o600).unwrap(), as_login)
}

/// Erin's contact-form draft file for the demo database in `dir`.
pub fn erin_contact_drafts(dir: &Path) -> mentordesk::app::drafts::DraftFile {
    mentordesk::app::drafts::DraftFile::new(&dir.join("drafts"), &dir.join("demo.db"), "erin", "contact")
}

/// Opens the contact form on the caseload's selected person, with the focus on the notes.
pub fn open_contact_notes(app: &mut App) {
    press(app, KeyCode::Char('a'));
    for _ in 0..5 {
        press(app, KeyCode::Tab);
    }
}

pub fn press(app: &mut App, code: KeyCode) -> bool {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ctrl(app: &mut App, c: char) -> bool {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

pub fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| mentordesk::ui::render(app, f)).unwrap();
    terminal
}

/// The rendered screen as lines of text.
pub fn screen(app: &App) -> String {
    let terminal = render(app, 80, 24);
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// DESIGN.md's quota count, written out on the raw contact rows so that screens are checked
/// against the rule rather than against the code that draws them: the distinct people `mentor`
/// had a counting contact with in `month` (`YYYY-MM`), deleted contacts left out.
pub fn people_reached(conn: &rusqlite::Connection, mentor: i64, month: &str, count_attempts: bool) -> u32 {
    conn.query_row(
        "SELECT count(DISTINCT person) FROM contacts
         WHERE mentor = ?1 AND deleted_at IS NULL AND substr(occurred_at, 1, 7) = ?2
           AND (?3 OR outcome = 'conversation')",
        rusqlite::params![mentor, month, count_attempts],
        |r| r.get(0),
    )
    .unwrap()
}

/// DESIGN.md's quota status, as the word on screen, for `count` of `quota` people in the month
/// that starts on `first`, seen on `today`: `expected = floor(quota × d / D)`.
pub fn quota_word(count: u32, quota: u32, first: NaiveDate, today: NaiveDate) -> &'static str {
    use chrono::Datelike;
    let month = (first.year(), first.month());
    let current = (today.year(), today.month());
    if month < current {
        return if count >= quota { "MET" } else { "MISSED" };
    }
    let days = (first.checked_add_months(chrono::Months::new(1)).unwrap() - first).num_days() as u32;
    let day = if month == current { today.day() } else { 0 };
    let expected = quota * day / days;
    if count >= quota {
        "MET"
    } else if count < expected {
        "BEHIND"
    } else if days - day <= 7 {
        "AT RISK"
    } else {
        "ON TRACK"
    }
}
