#![allow(dead_code)]

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mentordesk::app::App;
use mentordesk::domain::settings::Preset;
use mentordesk::service::{Session, os_login};
use mentordesk::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// The demo program of `preset` at `dir/file`, made the first time.
pub fn demo_file(dir: &Path, file: &str, preset: Preset) -> PathBuf {
    let path = dir.join(file);
    mentordesk::service::demo::prepare(&path, preset, today()).unwrap();
    path
}

/// The rural-union demo at `dir/demo.db`.
pub fn demo_db(dir: &Path) -> PathBuf {
    demo_file(dir, "demo.db", Preset::RuralUnion)
}

/// A connection of the test's own to a database file, to inspect or to set a scene.
pub fn raw(db: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(5)).unwrap();
    conn
}

/// A session on `db` as the coordinator (`None`: the OS user who made the demo) or as the
/// person with that login signing in themselves.
pub fn session_on(db: &Path, login: Option<&str>) -> Session {
    let login = login.map_or_else(os_login, str::to_string);
    Session::open_path(db, &login, None, Some(today())).unwrap()
}

/// A session on `db` of the coordinator seeing the app as `login` sees it (`--as`).
pub fn session_as(db: &Path, login: &str) -> Session {
    Session::open_path(db, &os_login(), Some(login), Some(today())).unwrap()
}

/// The demo with every form of the catalog added to the program's own, for tests of the forms.
pub fn demo_db_every_form(dir: &Path) -> PathBuf {
    let db = demo_db(dir);
    let every: Vec<&str> = mentordesk::domain::forms::FORMS.iter().map(|f| f.id).collect();
    session_on(&db, None)
        .set_setting("extra_forms", &serde_json::to_string(&every).unwrap(), None)
        .unwrap();
    db
}

/// A demo app listing every form of the catalog.
pub fn demo_app_every_form(dir: &Path, as_login: Option<&str>) -> App {
    app_on(&demo_db_every_form(dir), as_login)
}

/// The real binary on `db`, on the tests' fixed day, whatever `MENTORDESK_DB` says.
pub fn mentordesk(db: &Path) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_mentordesk"));
    command
        .arg("--db")
        .arg(db)
        .env_remove("MENTORDESK_DB")
        .env("MENTORDESK_CONFIG", "/nonexistent/mentordesk/config.toml")
        .env("MENTORDESK_TODAY", "2026-11-23");
    command
}

/// Runs the binary on `db` and returns what it printed; the test fails, with the binary's error,
/// unless it succeeded.
pub fn ok(db: &Path, args: &[&str]) -> String {
    let out = mentordesk(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs the binary on `db`, expecting it to exit with `code` and a one-line reason on standard
/// error, which it returns.
pub fn fails(db: &Path, args: &[&str], code: i32) -> String {
    let out = mentordesk(db).args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    err
}

/// The app in colour on `db`, as the coordinator (`None`) or a mentor login.
pub fn app_on(db: &Path, login: Option<&str>) -> App {
    app_of(session_on(db, login))
}

/// The app in colour on a session.
pub fn app_of(session: Session) -> App {
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
    app_on(&demo_db(dir), as_login)
}

/// An app on a demo database that already exists in `dir`.
pub fn demo_app_existing(dir: &Path, as_login: Option<&str>) -> App {
    app_on(&dir.join("demo.db"), as_login)
}

/// Erin's contact-form draft file for the demo database in `dir`.
pub fn erin_contact_drafts(dir: &Path) -> mentordesk::app::drafts::DraftFile {
    mentordesk::app::drafts::DraftFile::new(&dir.join("drafts"), &dir.join("demo.db"), "erin", "contact")
}

/// Opens the contact form on the caseload's selected person: the focus starts on the notes.
pub fn open_contact_notes(app: &mut App) {
    press(app, KeyCode::Char('a'));
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
    screen_of_size(app, 80, 24)
}

/// The screen on a terminal of another size: a wide one shows titles whole.
pub fn screen_of_size(app: &App, width: u16, height: u16) -> String {
    let terminal = render(app, width, height);
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

/// The quota count of the README's "The rules", written out on the raw contact rows so that screens are checked
/// against the rule rather than against the code that draws them: the distinct people `mentor`
/// had a counting contact with in `month` (`YYYY-MM`), deleted contacts left out; colleagues and
/// the guardians, staff and providers around students are not the people mentored.
pub fn people_reached(conn: &rusqlite::Connection, mentor: i64, month: &str, count_attempts: bool) -> u32 {
    conn.query_row(
        "SELECT count(DISTINCT person) FROM contacts
         WHERE mentor = ?1 AND deleted_at IS NULL AND substr(occurred_at, 1, 7) = ?2
           AND person NOT IN (SELECT key FROM people
                              WHERE role IN ('coordinator', 'mentor', 'guardian', 'staff', 'provider'))
           AND (?3 OR outcome = 'conversation')",
        rusqlite::params![mentor, month, count_attempts],
        |r| r.get(0),
    )
    .unwrap()
}

/// Whether `mentor` had a pair on some day of the month that starts on `first`, up to `today`,
/// read from the raw rows: an assignment begun by then, not ended before the month, and not
/// cancelled (a cancelled one never was a pair).
pub fn had_a_pair(conn: &rusqlite::Connection, mentor: i64, first: NaiveDate, today: NaiveDate) -> bool {
    let last = first
        .checked_add_months(chrono::Months::new(1))
        .unwrap()
        .pred_opt()
        .unwrap();
    let until = last.min(today);
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM assignments WHERE mentor = ?1 AND started_on <= ?2
           AND (ended_on IS NULL OR ended_on >= ?3) AND coalesce(end_reason, '') != 'cancelled')",
        rusqlite::params![mentor, until.to_string(), first.to_string()],
        |r| r.get(0),
    )
    .unwrap()
}

/// The quota status of the README's "The rules", as the word on screen, for `count` of `quota` people in the month
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
