//! Speed on a large program and on the small demo: `cargo bench --bench screens [-- PEOPLE CONTACTS]`.
//! Prints numbers; asserts nothing. Defaults: 10,000 people and 1,000,000 contacts.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mentordesk::app::{App, Screen};
use mentordesk::domain::YearMonth;
use mentordesk::domain::quota::standing;
use mentordesk::domain::reports::report_due;
use mentordesk::domain::settings::Preset;
use mentordesk::service::{Session, os_login};
use mentordesk::ui::theme::Theme;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn best_of<T>(runs: u32, mut f: impl FnMut() -> T) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn app(db: &Path, as_login: Option<&str>, today: NaiveDate) -> App {
    let login = as_login.map_or_else(os_login, str::to_string);
    let session = Session::open_path(db, &login, None, Some(today)).unwrap();
    App::new(
        session,
        Theme {
            color: true,
            ascii: false,
        },
    )
    .unwrap()
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// Each screen's data load, as the app does it when the screen opens.
fn screen_loads(db: &Path, mentor_login: &str, today: NaiveDate) {
    let mut mentor = app(db, Some(mentor_login), today);
    println!(
        "| caseload (one mentor) | {} |",
        ms(best_of(5, || mentor.reload()))
    );
    let mut coordinator = app(db, None, today);
    for (name, screen) in [
        ("contact log, first page", Screen::Contacts),
        ("calendar month", Screen::Calendar),
        ("forms", Screen::Forms),
    ] {
        coordinator.screen = screen;
        println!("| {name} | {} |", ms(best_of(5, || coordinator.reload())));
    }
    coordinator.screen = Screen::Program;
    for (name, view) in [
        ('m', "mentors table with triage"),
        ('o', "overdue"),
        ('e', "evaluation"),
        ('$', "ledger"),
    ] {
        key(&mut coordinator, KeyCode::Char(name));
        println!(
            "| program: {view} | {} |",
            ms(best_of(5, || coordinator.reload()))
        );
    }
}

/// Key to frame while walking down the contact log: the key's work plus a full render.
fn key_to_frame(db: &Path, today: NaiveDate) {
    let mut app = app(db, None, today);
    key(&mut app, KeyCode::Char('2'));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut times: Vec<Duration> = (0..500)
        .map(|_| {
            let t = Instant::now();
            key(&mut app, KeyCode::Char('j'));
            terminal.draw(|f| mentordesk::ui::render(&app, f)).unwrap();
            t.elapsed()
        })
        .collect();
    times.sort();
    let mean = times.iter().sum::<Duration>() / times.len() as u32;
    println!(
        "| key to frame, contact log (mean / p99 / max of 500) | {} / {} / {} |",
        ms(mean),
        ms(times[494]),
        ms(times[499])
    );
}

/// Process start to first frame, and peak memory, of the real binary in a pseudo-terminal.
fn first_frame(db: &Path) {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_mentordesk"));
    cmd.args(["--today", "2026-11-23", "--db"]);
    cmd.arg(db);
    cmd.env("XDG_DATA_HOME", std::env::temp_dir().join("mentordesk-bench-xdg"));
    let started = Instant::now();
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    let mut reader = pty.master.try_clone_reader().unwrap();
    let mut writer = pty.master.take_writer().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
    let first = loop {
        if String::from_utf8_lossy(&seen.lock().unwrap()).contains("Program") {
            break started.elapsed();
        }
        if started.elapsed() > Duration::from_secs(30) {
            break Duration::MAX;
        }
        std::thread::sleep(Duration::from_micros(200));
    };
    let pid = child.process_id().unwrap();
    let peak = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").to_string())
        })
        .and_then(|kb| kb.parse::<u64>().ok())
        .unwrap_or(0);
    use std::io::Write;
    writer.write_all(b"q").unwrap();
    let _ = child.wait();
    println!("| process start to first frame | {} |", ms(first));
    println!("| peak RSS (VmHWM) | {:.1} MB |", peak as f64 / 1024.0);
}

fn micro() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let n = 1_000_000;
    let t = Instant::now();
    for i in 0..n {
        std::hint::black_box(standing(i % 5, 3, YearMonth::of(today), today));
    }
    println!(
        "| quota status rule | {:.0} ns per call |",
        t.elapsed().as_nanos() as f64 / n as f64
    );
    let t = Instant::now();
    for i in 0..n {
        let day = today - chrono::Days::new(i as u64 % 2000);
        std::hint::black_box(report_due(day, chrono::Weekday::Thu));
    }
    println!(
        "| report due-date rule | {:.0} ns per call |",
        t.elapsed().as_nanos() as f64 / n as f64
    );
}

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let people = args.first().copied().unwrap_or(10_000);
    let contacts = args.get(1).copied().unwrap_or(1_000_000);
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let dir = std::env::temp_dir().join(format!("mentordesk-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();

    let small = dir.join("demo.db");
    mentordesk::service::demo::prepare(&small, Preset::RuralUnion, today).unwrap();
    let large = dir.join("large.db");
    let t = Instant::now();
    let made =
        mentordesk::service::demo::generate::generate(&large, people, contacts, 42, today, &mut |_, _| {})
            .unwrap();
    let took = t.elapsed();

    println!(
        "| generator | {} rows in {:.1} s, {:.0} rows/s |",
        made.rows,
        took.as_secs_f64(),
        made.rows as f64 / took.as_secs_f64()
    );
    micro();
    for (name, db, mentor) in [
        ("small demo", &small, "erin"),
        ("10,000 people / 1,000,000 contacts", &large, "m3"),
    ] {
        println!("\n{name}\n\n| what | time |\n|---|---:|");
        screen_loads(db, mentor, today);
        key_to_frame(db, today);
        first_frame(db);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
