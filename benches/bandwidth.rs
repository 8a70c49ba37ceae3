//! Bytes written to the terminal in a scripted 80×24 session on the demo, and the same
//! figures for htop and calcurse when they are installed:
//! `cargo bench --bench bandwidth` (`IDLE_SECS` shortens the 60 s idle wait; `MENTORDESK_BIN`
//! measures another build of mentordesk, an older one say). Prints numbers; asserts nothing.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const DOWN: &str = "\x1b[B";

struct Session {
    output: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    fn start(mut cmd: CommandBuilder) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        cmd.env("TERM", "xterm-256color");
        let child = pty.slave.spawn_command(cmd).unwrap();
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = output.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        std::mem::forget(pty.master);
        Session {
            output,
            writer,
            child,
        }
    }

    fn bytes(&self) -> usize {
        self.output.lock().unwrap().len()
    }

    /// Waits until nothing arrives for `quiet`, and returns the bytes seen since `from`.
    fn settle(&self, from: usize, quiet: Duration) -> usize {
        let mut last = self.bytes();
        let mut since = Instant::now();
        loop {
            std::thread::sleep(Duration::from_millis(20));
            let now = self.bytes();
            if now != last {
                last = now;
                since = Instant::now();
            } else if since.elapsed() >= quiet {
                return now - from;
            }
        }
    }

    /// Sends `keys` in one write and returns the bytes that answer them.
    fn keys(&mut self, keys: &str) -> usize {
        let from = self.bytes();
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        self.settle(from, Duration::from_millis(150))
    }

    /// The mean of `n` single presses of `key`.
    fn mean_of(&mut self, key: &str, n: usize) -> usize {
        (0..n).map(|_| self.keys(key)).sum::<usize>() / n
    }

    fn idle(&self, secs: u64) -> usize {
        let from = self.bytes();
        std::thread::sleep(Duration::from_secs(secs));
        self.bytes() - from
    }

    fn first_frame(&self) -> usize {
        self.settle(0, Duration::from_millis(500))
    }

    fn quit(mut self, keys: &str) {
        self.keys(keys);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The figures every program gets; `None` where a program has no such thing.
#[derive(Default)]
struct Figures {
    first: usize,
    row: usize,
    row_other: Option<usize>,
    walk: usize,
    ten_in_one_write: usize,
    switch: Option<(usize, usize)>,
    form: Option<usize>,
    typing: Option<usize>,
    idle: usize,
}

fn mentordesk(dir: &Path, idle_secs: u64) -> Figures {
    let bin = std::env::var("MENTORDESK_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_mentordesk").into());
    let mut cmd = CommandBuilder::new(bin);
    cmd.args(["--demo", "--today", "2026-11-23", "--db"]);
    cmd.arg(dir.join("demo.db"));
    let mut s = Session::start(cmd);
    let mut f = Figures {
        first: s.first_frame(),
        idle: s.idle(idle_secs),
        ..Figures::default()
    };
    s.keys("5"); // Program: the mentors table
    f.row_other = Some(s.keys("j"));
    s.keys("1"); // the caseload's mentor picker
    s.keys("\r"); // a mentor's caseload
    f.row = s.keys("j");
    s.keys("2"); // the contact log, a long list with a notes pane
    f.walk = s.mean_of("j", 60);
    f.ten_in_one_write = s.keys(&DOWN.repeat(10));
    let switches: Vec<usize> = ["1", "2", "3", "4", "5"].iter().map(|k| s.keys(k)).collect();
    f.switch = Some((
        switches.iter().sum::<usize>() / switches.len(),
        switches.iter().copied().max().unwrap_or(0),
    ));
    s.keys("2");
    f.form = Some(s.keys("a")); // the contact form, person field first
    s.keys("\t\t\t\t\t\t"); // to "Support given", a plain text field
    f.typing = Some("reviewed".chars().map(|c| s.keys(&c.to_string())).sum::<usize>() / 8);
    s.keys("\x1b"); // one at a time: two in one read arrive as Alt-Esc
    s.keys("\x1b");
    s.quit("q");
    f
}

fn installed(program: &str) -> bool {
    std::process::Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// htop with 100 sleeping processes to walk through, refreshing every 10 s so that its
/// own updates stay out of the key figures.
fn htop(idle_secs: u64) -> Figures {
    let mut sleepers: Vec<std::process::Child> = (0..100)
        .map(|_| std::process::Command::new("sleep").arg("600").spawn().unwrap())
        .collect();
    let mut cmd = CommandBuilder::new("htop");
    cmd.args(["--delay=100", "--no-mouse"]);
    let mut s = Session::start(cmd);
    let first = s.first_frame();
    let figures = Figures {
        first,
        row: s.keys(DOWN),
        walk: s.mean_of(DOWN, 60),
        ten_in_one_write: s.keys(&DOWN.repeat(10)),
        idle: s.idle(idle_secs),
        ..Figures::default()
    };
    s.quit("q");
    for sleeper in &mut sleepers {
        let _ = sleeper.kill();
        let _ = sleeper.wait();
    }
    figures
}

/// calcurse on a to-do list of 200 items, walked in its to-do panel.
fn calcurse(dir: &Path, idle_secs: u64) -> Figures {
    let data = dir.join("calcurse");
    std::fs::create_dir_all(&data).unwrap();
    let todo: String = (1..=200)
        .map(|i| format!("[5] call person number {i}\n"))
        .collect();
    std::fs::write(data.join("todo"), todo).unwrap();
    std::fs::write(data.join("apts"), "").unwrap();
    let mut cmd = CommandBuilder::new("calcurse");
    cmd.arg("-D");
    cmd.arg(&data);
    let mut s = Session::start(cmd);
    let first = s.first_frame();
    s.keys("\t\t"); // calendar → appointments → to-do
    let figures = Figures {
        first,
        row: s.keys("j"),
        walk: s.mean_of("j", 60),
        ten_in_one_write: s.keys(&"j".repeat(10)),
        idle: s.idle(idle_secs),
        ..Figures::default()
    };
    s.quit("q");
    figures
}

fn cell(value: Option<usize>) -> String {
    value.map_or("—".into(), |v| v.to_string())
}

fn main() {
    let idle_secs: u64 = std::env::var("IDLE_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let dir = std::env::temp_dir().join(format!("mentordesk-bandwidth-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let md = mentordesk(&dir, idle_secs);
    let mut others = vec![];
    for (name, run) in [
        ("htop", &(|| htop(idle_secs)) as &dyn Fn() -> Figures),
        ("calcurse", &|| calcurse(&dir, idle_secs)),
    ] {
        if installed(name) {
            others.push((name, run()));
        } else {
            println!("({name} is not installed: its column is left out)");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);

    let (switch_mean, switch_max) = md.switch.unwrap_or_default();
    let head: String = others.iter().map(|(name, _)| format!(" {name} |")).collect();
    let rule: String = others.iter().map(|_| "---:|").collect();
    println!("| bytes at 80×24, demo data | mentordesk | target |{head}");
    println!("|---|---:|---:|{rule}");
    let row = |what: &str, value: String, target: &str, of: &dyn Fn(&Figures) -> String| {
        let rest: String = others.iter().map(|(_, f)| format!(" {} |", of(f))).collect();
        println!("| {what} | {value} | {target} |{rest}");
    };
    row("first frame", md.first.to_string(), "≤ 1,800", &|f| {
        f.first.to_string()
    });
    row(
        "one row down: caseload (htop: process list, calcurse: to-do list)",
        md.row.to_string(),
        "≤ 100",
        &|f| f.row.to_string(),
    );
    row(
        "one row down: mentors table",
        cell(md.row_other),
        "≤ 100",
        &|f| cell(f.row_other),
    );
    row(
        "60 rows down the contact log, mean per key",
        md.walk.to_string(),
        "≤ 200",
        &|f| f.walk.to_string(),
    );
    row(
        "ten Down keys in one write, in all",
        md.ten_in_one_write.to_string(),
        "≤ 1,200",
        &|f| f.ten_in_one_write.to_string(),
    );
    row(
        "screen switch 1–5, mean / max",
        format!("{switch_mean} / {switch_max}"),
        "≤ 1,800 mean",
        &|_| "—".into(),
    );
    row("open the contact form", cell(md.form), "≤ 1,500", &|f| {
        cell(f.form)
    });
    row(
        "type one character in a form field (mean of 8)",
        cell(md.typing),
        "≤ 20",
        &|f| cell(f.typing),
    );
    row(
        &format!("idle for {idle_secs} s"),
        md.idle.to_string(),
        "0",
        &|f| f.idle.to_string(),
    );
}
