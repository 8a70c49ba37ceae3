//! Regenerates `screenshots/*.svg` from the app's own rendering of the demo at 80×24:
//! `cargo run --example screenshots`.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mentordesk::app::{App, Overlay};
use mentordesk::domain::settings::Preset;
use mentordesk::service::{Session, os_login};
use mentordesk::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use std::fmt::Write;
use std::path::Path;

const CELL_W: f32 = 8.4;
const CELL_H: f32 = 17.0;
const BACKGROUND: &str = "#1e1e1e";
const FOREGROUND: &str = "#d4d4d4";

fn hex(color: Color, default: &str) -> String {
    let named = match color {
        Color::Reset => return default.to_string(),
        Color::Black => "#000000",
        Color::Red => "#e05252",
        Color::Green => "#6cc070",
        Color::Yellow => "#e5c07b",
        Color::Blue => "#3b6ea8",
        Color::Magenta => "#c678dd",
        Color::Cyan => "#56b6c2",
        Color::Gray => "#c0c0c0",
        Color::DarkGray => "#7f848e",
        Color::LightRed => "#ff7b7b",
        Color::LightGreen => "#98e09b",
        Color::LightYellow => "#ffe08a",
        Color::LightBlue => "#7aa7e0",
        Color::LightMagenta => "#e0a0f0",
        Color::LightCyan => "#8ee0ea",
        Color::White => "#ffffff",
        Color::Rgb(r, g, b) => return format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(_) => default,
    };
    named.to_string()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn svg(buffer: &Buffer) -> String {
    let (w, h) = (buffer.area.width, buffer.area.height);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {0} {1}">"#,
        f32::from(w) * CELL_W + 16.0,
        f32::from(h) * CELL_H + 16.0
    );
    let _ = writeln!(
        out,
        r#"<rect width="100%" height="100%" fill="{BACKGROUND}" rx="6"/>"#
    );
    let _ = writeln!(
        out,
        r#"<g transform="translate(8 8)" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="14" xml:space="preserve">"#
    );
    for y in 0..h {
        let mut x = 0;
        while x < w {
            let cell = &buffer[(x, y)];
            let reversed = cell.modifier.contains(Modifier::REVERSED);
            let (mut fg, mut bg) = (hex(cell.fg, FOREGROUND), hex(cell.bg, BACKGROUND));
            if reversed {
                std::mem::swap(&mut fg, &mut bg);
            }
            // A run of cells with the same look.
            let start = x;
            let mut text = String::new();
            while x < w {
                let c = &buffer[(x, y)];
                if c.fg != cell.fg || c.bg != cell.bg || c.modifier != cell.modifier {
                    break;
                }
                text.push_str(c.symbol());
                x += 1 + (unicode_width::UnicodeWidthStr::width(c.symbol()).max(1) as u16 - 1);
            }
            let (px, py) = (f32::from(start) * CELL_W, f32::from(y) * CELL_H);
            if bg != BACKGROUND {
                let _ = writeln!(
                    out,
                    r#"<rect x="{px}" y="{py}" width="{}" height="{CELL_H}" fill="{bg}"/>"#,
                    f32::from(x - start) * CELL_W
                );
            }
            if text.trim().is_empty() {
                continue;
            }
            let weight = if cell.modifier.contains(Modifier::BOLD) {
                r#" font-weight="bold""#
            } else {
                ""
            };
            let underline = if cell.modifier.contains(Modifier::UNDERLINED) {
                r#" text-decoration="underline""#
            } else {
                ""
            };
            let _ = writeln!(
                out,
                r#"<text x="{px}" y="{}" fill="{fg}"{weight}{underline} textLength="{}">{}</text>"#,
                py + CELL_H * 0.78,
                f32::from(x - start) * CELL_W,
                escape(&text)
            );
        }
    }
    out.push_str("</g>\n</svg>\n");
    out
}

fn app(db: &Path, as_login: Option<&str>) -> App {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let login = as_login.map_or_else(os_login, str::to_string);
    let session = Session::open_path(db, &login, None, Some(today)).expect("session");
    App::new(
        session,
        Theme {
            color: true,
            ascii: false,
        },
    )
    .expect("app")
}

fn keys(app: &mut App, keys: &[KeyCode]) {
    for key in keys {
        app.handle_key(KeyEvent::new(*key, KeyModifiers::NONE));
    }
}

fn main() {
    let dir = std::env::temp_dir().join(format!("mentordesk-screenshots-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let db = dir.join("demo.db");
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    mentordesk::service::demo::prepare(&db, Preset::RuralUnion, today).expect("demo");
    // The rural union has no forms of its own; for the exit form's picture it adds the NEA's.
    Session::open_path(&db, &os_login(), None, Some(today))
        .expect("session")
        .set_setting("extra_forms", r#"["exit-mentor", "exit-mentee"]"#, None)
        .expect("settings");
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    std::fs::create_dir_all(&out).expect("screenshots dir");
    use KeyCode::Char;
    let shots: &[(&str, Option<&str>, &[KeyCode])] = &[
        ("caseload-mentor", Some("erin"), &[]),
        ("person", Some("erin"), &[KeyCode::Enter]),
        ("contact-form", Some("erin"), &[Char('a')]),
        ("caseload-coordinator", None, &[]),
        ("contacts", None, &[Char('2')]),
        ("calendar", None, &[Char('3')]),
        (
            "calendar-attendance",
            None,
            &[
                Char('3'),
                KeyCode::Up,
                KeyCode::Left,
                KeyCode::Left,
                KeyCode::Left,
                KeyCode::Left,
                KeyCode::Left,
                KeyCode::Left,
                KeyCode::Enter,
                Char('p'),
                Char('p'),
                Char('e'),
            ],
        ),
        ("forms", None, &[Char('4')]),
        (
            "exit-form",
            Some("erin"),
            &[
                Char('4'),
                KeyCode::Down,
                KeyCode::Enter,
                KeyCode::Right,
                KeyCode::Tab,
                KeyCode::Tab,
                KeyCode::Tab,
                Char('y'),
                KeyCode::Tab,
                Char('4'),
            ],
        ),
        ("program", None, &[Char('5')]),
        ("program-overdue", None, &[Char('5'), Char('o')]),
        ("program-matching", None, &[Char('5'), Char('M'), KeyCode::Enter]),
        ("program-evaluation", None, &[Char('5'), Char('e')]),
        (
            "audit-log",
            None,
            &[Char('4'), Char('s'), Char('j'), Char('s'), Char('5'), Char('l')],
        ),
        ("help", None, &[Char('2'), Char('?')]),
        ("people", None, &[Char('6')]),
        ("people-settings", None, &[Char('6'), Char('S')]),
    ];
    let cc_db = dir.join("check-connect.db");
    mentordesk::service::demo::prepare(&cc_db, Preset::CheckConnect, today).expect("demo");
    let cc_shots: &[(&str, Option<&str>, &[KeyCode])] = &[
        ("check-connect-caseload", Some("ana"), &[]),
        ("check-connect-student", Some("ana"), &[KeyCode::Enter]),
        ("check-connect-alerts", None, &[Char('5'), Char('a')]),
    ];
    let all = shots
        .iter()
        .map(|s| (&db, s))
        .chain(cc_shots.iter().map(|s| (&cc_db, s)));
    for (db, (name, as_login, pressed)) in all {
        let mut app = app(db, *as_login);
        keys(&mut app, pressed);
        if let Some(Overlay::ContactForm(form)) = app.overlay.as_mut() {
            // Not the clock, so the image is stable; still a suggestion, shown selected.
            let when = mentordesk::app::contact_form::Field::When.label();
            if let Some(field) = form.form.fields.iter_mut().find(|f| f.label == when) {
                field.value = "2026-11-23 10:30".into();
            }
        }
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
        terminal
            .draw(|frame| mentordesk::ui::render(&app, frame))
            .expect("draw");
        let path = out.join(format!("{name}.svg"));
        std::fs::write(&path, svg(terminal.backend().buffer())).expect("write");
        println!("wrote {}", path.display());
    }
    let _ = std::fs::remove_dir_all(&dir);
}
