//! Speed and memory on a large program and on the small demo:
//! `cargo bench --bench screens [-- PEOPLE CONTACTS]`. Prints tables; asserts nothing.
//! Defaults: 10,000 people and 1,000,000 contacts. `SCREENS_DB=path` measures an existing
//! generated database instead of writing one.
//!
//! Each view is measured in a fresh process of this bench (it runs itself with
//! `SCREENS_VIEW` set), so the peak resident memory printed is that view's alone: the process
//! opens the program, loads the first screen as the app does, opens the view, and reports its
//! first load, the best of five reloads, and its VmHWM.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mentordesk::app::contact_form::ContactForm;
use mentordesk::app::{App, Screen};
use mentordesk::domain::YearMonth;
use mentordesk::domain::quota::standing;
use mentordesk::domain::reports::report_due;
use mentordesk::domain::settings::Preset;
use mentordesk::service::{Session, os_login};
use mentordesk::theme::Theme;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const TODAY: &str = "2026-11-23";

fn today() -> NaiveDate {
    TODAY.parse().unwrap()
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn mb(kib: u64) -> String {
    format!("{:.1} MB", kib as f64 / 1024.0)
}

fn app(db: &Path, as_login: Option<&str>) -> App {
    let login = as_login.map_or_else(os_login, str::to_string);
    let session = Session::open_path(db, &login, None, Some(today())).unwrap();
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

/// The views measured, each in its own process: (name, a mentor's or the coordinator's, what to
/// do).
const VIEWS: &[(&str, bool, &str)] = &[
    (
        "caseload: the coordinator's mentor list (first screen)",
        false,
        "caseload",
    ),
    ("caseload of one mentor", true, "caseload"),
    ("contact log, first page", false, "contacts"),
    ("calendar month", false, "calendar"),
    ("forms (reports to submit)", false, "forms"),
    ("program: mentors with triage", false, "program-m"),
    ("program: overdue", false, "program-o"),
    ("program: evaluation", false, "program-e"),
    ("program: matching", false, "program-M"),
    ("program: ledger", false, "program-$"),
    ("contact form, coordinator", false, "contact-form"),
    ("contact form, mentor", true, "contact-form"),
    ("people (coordinator)", false, "people"),
    (
        "coordinator session: every screen and program view, walking 300 rows of each list",
        false,
        "session",
    ),
];

fn vm_hwm_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse().ok())
        })
        .unwrap_or(0)
}

/// In the child: one view's first load and best reload, then the process's peak memory.
fn run_view(db: &Path, login: Option<&str>, what: &str) {
    let mut app = app(db, login);
    let mut load: Box<dyn FnMut(&mut App)> = match what {
        "caseload" => Box::new(|app: &mut App| app.reload()),
        "contacts" | "calendar" | "forms" => {
            app.screen = match what {
                "contacts" => Screen::Contacts,
                "calendar" => Screen::Calendar,
                _ => Screen::Forms,
            };
            Box::new(|app: &mut App| app.reload())
        }
        "contact-form" => Box::new(|app: &mut App| {
            std::hint::black_box(ContactForm::new(&app.session, None).unwrap());
        }),
        "people" => {
            app.screen = Screen::People;
            Box::new(|app: &mut App| app.reload())
        }
        // One process through the whole app, as a coordinator's day would go: its peak is
        // the session's.
        "session" => Box::new(|app: &mut App| {
            let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
            let mut walk = |app: &mut App, keys: &[char]| {
                for &k in keys {
                    key(app, KeyCode::Char(k));
                }
                for _ in 0..300 {
                    key(app, KeyCode::Char('j'));
                    terminal.draw(|f| mentordesk::ui::render(app, f)).unwrap();
                }
                key(app, KeyCode::Char('g'));
            };
            for screen in ['1', '2', '3', '4', '6'] {
                walk(app, &[screen]);
            }
            for view in ['m', 'o', 'e', 'M', '$', 'a', 'l'] {
                walk(app, &['5', view]);
            }
        }),
        view => {
            let view = view.strip_prefix("program-").unwrap().chars().next().unwrap();
            app.screen = Screen::Program;
            // Opening the view loads it; the timed loads below are the reloads of a key or a
            // change by someone else.
            if view != 'm' {
                key(&mut app, KeyCode::Char(view));
            }
            Box::new(|app: &mut App| app.reload())
        }
    };
    let t = Instant::now();
    load(&mut app);
    let first = t.elapsed();
    let best = (0..5)
        .map(|_| {
            let t = Instant::now();
            load(&mut app);
            t.elapsed()
        })
        .min()
        .unwrap();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| mentordesk::ui::render(&app, f)).unwrap();
    println!("{} {} {}", first.as_nanos(), best.as_nanos(), vm_hwm_kib());
}

fn views(db: &Path, mentor: &str) {
    println!("| view | first load | best of 5 | peak RSS of the process |\n|---|---:|---:|---:|");
    for &(name, as_mentor, what) in VIEWS {
        let out = Command::new(std::env::current_exe().unwrap())
            .env("SCREENS_VIEW", what)
            .env("SCREENS_VIEW_DB", db)
            .env("SCREENS_VIEW_LOGIN", if as_mentor { mentor } else { "" })
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let numbers: Vec<u64> = text.split_whitespace().filter_map(|n| n.parse().ok()).collect();
        match numbers[..] {
            [first, best, kib] => println!(
                "| {name} | {} | {} | {} |",
                ms(Duration::from_nanos(first)),
                ms(Duration::from_nanos(best)),
                mb(kib)
            ),
            _ => println!(
                "| {name} | failed: {} | | |",
                String::from_utf8_lossy(&out.stderr).trim()
            ),
        }
    }
}

/// Key to frame while walking down a list: the key's work plus a full render.
fn key_to_frame(db: &Path, screen: char, view: Option<char>, name: &str) {
    let mut app = app(db, None);
    key(&mut app, KeyCode::Char(screen));
    if let Some(view) = view {
        key(&mut app, KeyCode::Char(view));
    }
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
        "| key to frame, {name} (mean / p99 / max of 500) | {} / {} / {} |",
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
    cmd.args(["--today", TODAY, "--db"]);
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
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .unwrap_or(0);
    use std::io::Write;
    writer.write_all(b"q").unwrap();
    let _ = child.wait();
    println!(
        "| process start to first frame (peak RSS) | {} ({}) |",
        ms(first),
        mb(peak)
    );
}

/// Runs the binary with `args`, counting what it prints; returns (bytes, wall time, peak RSS
/// in KiB from wait4). A fresh, small process of this bench starts it: a child's peak
/// includes the memory of the process it was started from, and this one has held a program.
fn run_binary(db: &Path, args: &[&str]) -> (u64, Duration, u64) {
    let out = Command::new(std::env::current_exe().unwrap())
        .env("SCREENS_RUN_DB", db)
        .env("SCREENS_RUN", args.join(" "))
        .output()
        .unwrap();
    let numbers: Vec<u64> = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    match numbers[..] {
        [bytes, nanos, kib] => (bytes, Duration::from_nanos(nanos), kib),
        _ => panic!("{}", String::from_utf8_lossy(&out.stderr)),
    }
}

/// In the small process: runs the binary, then prints bytes, nanoseconds and peak KiB.
// The child is reaped by `wait4`, which also reports its peak memory, not by `Child::wait`.
#[allow(clippy::zombie_processes)]
fn run_and_measure(db: &Path, args: &str) {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_mentordesk"))
        .args(["--today", TODAY, "--db"])
        .arg(db)
        .args(args.split(' '))
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut bytes = 0u64;
    let mut buf = vec![0u8; 1 << 16];
    while let Ok(n) = stdout.read(&mut buf) {
        if n == 0 {
            break;
        }
        bytes += n as u64;
    }
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, writing into the two locals.
    unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    println!("{bytes} {} {}", started.elapsed().as_nanos(), usage.ru_maxrss);
}

fn outputs(db: &Path) {
    let (bytes, csv, kib) = run_binary(db, &["export", "contacts", "--format", "csv"]);
    println!(
        "| export contacts --format csv: {:.1} MB | {} | {} |",
        bytes as f64 / 1e6,
        ms(csv),
        mb(kib)
    );
    let (bytes, json, kib) = run_binary(db, &["export", "contacts", "--format", "json"]);
    println!(
        "| export contacts --format json: {:.1} MB ({:.2} x CSV) | {} | {} |",
        bytes as f64 / 1e6,
        json.as_secs_f64() / csv.as_secs_f64(),
        ms(json),
        mb(kib)
    );
    let (bytes, took, kib) = run_binary(db, &["digest"]);
    println!("| digest: {bytes} bytes | {} | {} |", ms(took), mb(kib));
}

/// The size of the binary the bench runs: the release profile's (the bench profile inherits it).
fn binary_size() {
    let bytes = std::fs::metadata(env!("CARGO_BIN_EXE_mentordesk")).unwrap().len();
    println!(
        "| release binary | {:.2} MB ({bytes} bytes) |",
        bytes as f64 / 1e6
    );
}

fn micro() {
    let today = today();
    let n = 1_000_000;
    let t = Instant::now();
    for i in 0..n {
        std::hint::black_box(standing(i % 5, Some(3), YearMonth::of(today), today, true));
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
    if let Ok(args) = std::env::var("SCREENS_RUN") {
        let db = std::env::var("SCREENS_RUN_DB").unwrap();
        return run_and_measure(Path::new(&db), &args);
    }
    if let Ok(what) = std::env::var("SCREENS_VIEW") {
        let db = std::env::var("SCREENS_VIEW_DB").unwrap();
        let login = std::env::var("SCREENS_VIEW_LOGIN").unwrap_or_default();
        let login = (!login.is_empty()).then_some(login.as_str());
        return run_view(Path::new(&db), login, &what);
    }
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let people = args.first().copied().unwrap_or(10_000);
    let contacts = args.get(1).copied().unwrap_or(1_000_000);
    let dir = std::env::temp_dir().join(format!("mentordesk-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();

    let small = dir.join("demo.db");
    mentordesk::service::demo::prepare(&small, Preset::RuralUnion, today()).unwrap();
    let large = match std::env::var("SCREENS_DB") {
        Ok(path) => {
            println!("| generator | not run: measuring {path} |");
            path.into()
        }
        Err(_) => {
            let large = dir.join("large.db");
            let (people, contacts) = (people.to_string(), contacts.to_string());
            let args = ["demo", "--generate", "--people", &people, "--contacts", &contacts];
            let (_, took, kib) = run_binary(&large, &args);
            println!(
                "| generator (`demo --generate --people {people} --contacts {contacts}`) | {:.1} s, peak RSS {} |",
                took.as_secs_f64(),
                mb(kib)
            );
            large
        }
    };
    binary_size();
    micro();
    for (name, db, mentor) in [
        ("small demo", &small, "erin"),
        ("10,000 people / 1,000,000 contacts", &large, "m3"),
    ] {
        println!("\n{name}\n");
        views(db, mentor);
        println!("\n| what | time |\n|---|---:|");
        key_to_frame(db, '2', None, "contact log");
        key_to_frame(db, '5', Some('o'), "overdue");
        first_frame(db);
        println!("\n| output | time | peak RSS |\n|---|---:|---:|");
        outputs(db);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
