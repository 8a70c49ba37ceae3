#![allow(dead_code)]

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mentordesk::app::App;
use mentordesk::session::{Session, os_login};
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
    mentordesk::demo::populate(&mut store, today()).unwrap();
    store
}

/// The demo with every form of the catalog added to the program's own, for tests of the forms.
pub fn demo_store_every_form(dir: &Path) -> Store {
    let mut store = demo_store(dir);
    let mut settings = store.program().unwrap().settings;
    settings.extra_forms = mentordesk::domain::forms::FORMS
        .iter()
        .map(|f| f.id.to_string())
        .collect();
    store.save_settings(&settings, "test").unwrap();
    store
}

/// A demo app listing every form of the catalog.
pub fn demo_app_every_form(dir: &Path, as_login: Option<&str>) -> App {
    app_on(demo_store_every_form(dir), as_login)
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
