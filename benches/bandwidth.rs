//! Bytes written to the terminal in a scripted 80×24 session on the demo, and the time ten
//! rows held down take to show on a 9,600 baud line; the same figures for htop and calcurse,
//! in the same run, when they are installed (`apt-get install htop calcurse`):
//! `cargo bench --bench bandwidth` (`IDLE_SECS` shortens the 60 s idle wait; `MENTORDESK_BIN`
//! measures another build of mentordesk, an older one say). Prints numbers; asserts nothing.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const DOWN: &str = "\x1b[B";

struct Session {
    output: Arc<Mutex<Output>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

/// What the terminal received, and when its last byte arrived.
struct Output {
    bytes: Vec<u8>,
    last_at: Instant,
}

/// A terminal line at 9,600 baud: its speed set on the terminal (as a serial line or `ssh`
/// from one has it) and its output read no faster than the line carries it, 960 bytes a second.
const BAUD: u32 = 9600;

/// Quiet on a slow line: it delivers every 10 ms while it has something to carry, and
/// calcurse's clock ticks once a second.
const SLOW_QUIET: Duration = Duration::from_millis(300);

impl Session {
    fn start(cmd: CommandBuilder) -> Session {
        Session::start_at(cmd, None)
    }

    /// `cmd` in an 80×24 pseudo-terminal, at `baud` when given.
    fn start_at(cmd: CommandBuilder, baud: Option<u32>) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = match baud {
            Some(baud) => {
                let mut slow = CommandBuilder::new("sh");
                let argv = cmd.get_argv().clone();
                slow.arg("-c");
                slow.arg(format!("stty {baud} && exec \"$0\" \"$@\""));
                slow.args(argv);
                slow
            }
            None => cmd,
        };
        cmd.env("TERM", "xterm-256color");
        let child = pty.slave.spawn_command(cmd).unwrap();
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let output = Arc::new(Mutex::new(Output {
            bytes: Vec::new(),
            last_at: Instant::now(),
        }));
        let sink = output.clone();
        // At a baud rate, a little at a time, each part arriving when the line has carried it.
        let chunk = baud.map_or(8192, |b| (b / 10 / 100) as usize);
        std::thread::spawn(move || {
            let mut buf = vec![0u8; chunk];
            let mut line_free = Instant::now();
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Some(baud) = baud {
                    let carried = Duration::from_secs_f64(n as f64 * 10.0 / f64::from(baud));
                    line_free = line_free.max(Instant::now()) + carried;
                    std::thread::sleep(line_free.saturating_duration_since(Instant::now()));
                }
                let mut output = sink.lock().unwrap();
                output.bytes.extend_from_slice(&buf[..n]);
                output.last_at = Instant::now();
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
        self.output.lock().unwrap().bytes.len()
    }

    /// Holds `key` down for `n` presses at a usual key repeat rate (30 a second), and returns
    /// the time from the first press until the screen is final: the last byte has arrived.
    fn held(&mut self, key: &str, n: usize) -> Duration {
        let start = Instant::now();
        for _ in 0..n {
            self.writer.write_all(key.as_bytes()).unwrap();
            self.writer.flush().unwrap();
            std::thread::sleep(Duration::from_millis(33));
        }
        self.settle(0, SLOW_QUIET);
        self.output.lock().unwrap().last_at - start
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

    /// Sends `keys` and waits for a slow line to carry the answer.
    fn keys_slow(&mut self, keys: &str) {
        let from = self.bytes();
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        self.settle(from, SLOW_QUIET);
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
    walk_first: usize,
    walk: usize,
    ten_in_one_write: usize,
    switch: Option<(usize, usize)>,
    form: Option<usize>,
    typing: Option<usize>,
    idle: usize,
    held_slow: Duration,
}

fn mentordesk(dir: &Path, idle_secs: u64) -> Figures {
    let mut s = Session::start(mentordesk_cmd(dir));
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
    s.keys("2"); // the contact log, a long list (its notes pane hidden, as it starts)
    let walk: Vec<usize> = (0..60).map(|_| s.keys("j")).collect();
    f.walk_first = walk[0];
    f.walk = walk.iter().sum::<usize>() / walk.len();
    f.ten_in_one_write = s.keys(&DOWN.repeat(10));
    let switches: Vec<usize> = ["1", "2", "3", "4", "5"].iter().map(|k| s.keys(k)).collect();
    f.switch = Some((
        switches.iter().sum::<usize>() / switches.len(),
        switches.iter().copied().max().unwrap_or(0),
    ));
    s.keys("2");
    f.form = Some(s.keys("a")); // the contact form, person field first
    s.keys("\t\t\t\t\t\t\t"); // to the notes
    f.typing = Some("reviewed".chars().map(|c| s.keys(&c.to_string())).sum::<usize>() / 8);
    s.keys("\x1b"); // one at a time: two in one read arrive as Alt-Esc
    s.keys("\x1b");
    s.quit("q");
    f.held_slow = held_slow(mentordesk_cmd(dir), "2", DOWN);
    f
}

fn mentordesk_cmd(dir: &Path) -> CommandBuilder {
    let bin = std::env::var("MENTORDESK_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_mentordesk").into());
    let mut cmd = CommandBuilder::new(bin);
    cmd.args(["--demo", "--today", "2026-11-23", "--db"]);
    cmd.arg(dir.join("demo.db"));
    cmd
}

/// `cmd` on a 9,600 baud line: `setup` typed once the first frame is in, then `key` held
/// down for ten rows.
fn held_slow(cmd: CommandBuilder, setup: &str, key: &str) -> Duration {
    let mut s = Session::start_at(cmd, Some(BAUD));
    s.settle(0, SLOW_QUIET);
    if !setup.is_empty() {
        s.keys_slow(setup);
    }
    let time = s.held(key, 10);
    s.quit("q");
    time
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
    let cmd = || {
        let mut cmd = CommandBuilder::new("htop");
        cmd.args(["--delay=100", "--no-mouse"]);
        cmd
    };
    let mut s = Session::start(cmd());
    let first = s.first_frame();
    let mut figures = Figures {
        first,
        row: s.keys(DOWN),
        walk: s.mean_of(DOWN, 60),
        ten_in_one_write: s.keys(&DOWN.repeat(10)),
        idle: s.idle(idle_secs),
        ..Figures::default()
    };
    s.quit("q");
    figures.held_slow = held_slow(cmd(), "", DOWN);
    for sleeper in &mut sleepers {
        let _ = sleeper.kill();
        let _ = sleeper.wait();
    }
    figures
}

/// calcurse on a to-do list of 200 items, walked in its to-do panel; typing is into the
/// prompt for a new item.
fn calcurse(dir: &Path, idle_secs: u64) -> Figures {
    let data = dir.join("calcurse");
    std::fs::create_dir_all(&data).unwrap();
    let todo: String = (1..=200)
        .map(|i| format!("[5] call person number {i}\n"))
        .collect();
    std::fs::write(data.join("todo"), todo).unwrap();
    std::fs::write(data.join("apts"), "").unwrap();
    let cmd = || {
        let mut cmd = CommandBuilder::new("calcurse");
        cmd.arg("-D");
        cmd.arg(&data);
        cmd
    };
    let mut s = Session::start(cmd());
    let first = s.first_frame();
    s.keys("\t\t"); // calendar → appointments → to-do
    let mut figures = Figures {
        first,
        row: s.keys("j"),
        walk: s.mean_of("j", 60),
        ten_in_one_write: s.keys(&"j".repeat(10)),
        idle: s.idle(idle_secs),
        ..Figures::default()
    };
    s.keys("a"); // a new to-do item: its one-line prompt
    figures.typing = Some("reviewed".chars().map(|c| s.keys(&c.to_string())).sum::<usize>() / 8);
    s.quit("\x1b");
    figures.held_slow = held_slow(cmd(), "\t\t", "j");
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
        "first row down the contact log (htop, calcurse: as above)",
        md.walk_first.to_string(),
        "≤ 100",
        &|f| f.row.to_string(),
    );
    row(
        "60 rows down the contact log, mean per key",
        md.walk.to_string(),
        "≤ 90",
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
        "type one character in the contact form's notes (calcurse: a new to-do's prompt; mean of 8)",
        cell(md.typing),
        "≤ 4",
        &|f| cell(f.typing),
    );
    let seconds = |d: Duration| format!("{:.2} s", d.as_secs_f64());
    row(
        "10 rows held down at 9,600 baud (30 keys a second), until the screen is final",
        seconds(md.held_slow),
        "≤ 1.2 s",
        &|f| seconds(f.held_slow),
    );
    row(
        &format!("idle for {idle_secs} s"),
        md.idle.to_string(),
        "0",
        &|f| f.idle.to_string(),
    );
}
