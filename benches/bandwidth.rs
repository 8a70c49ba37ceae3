//! Bytes written to the terminal in a scripted 80×24 session on the demo:
//! `cargo bench --bench bandwidth` (set `IDLE_SECS` to shorten the 60 s idle wait).

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Session {
    output: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
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

    fn keys(&mut self, keys: &str) -> usize {
        let from = self.bytes();
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        self.settle(from, Duration::from_millis(150))
    }
}

fn start(db: &std::path::Path) -> Session {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_mentordesk"));
    cmd.args(["--demo", "--today", "2026-11-23", "--db"]);
    cmd.arg(db);
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

fn main() {
    let idle_secs: u64 = std::env::var("IDLE_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let dir = std::env::temp_dir().join(format!("mentordesk-bandwidth-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("demo.db");
    let mut s = start(&db);
    let first = s.settle(0, Duration::from_millis(500));

    let from = s.bytes();
    std::thread::sleep(Duration::from_secs(idle_secs));
    let idle = s.bytes() - from;

    s.keys("5"); // the mentors table: a list without a detail pane
    let mentors_row = s.keys("j");
    s.keys("2"); // the contact log, a long list
    let one_row = s.keys("j");
    let mut walk = 0;
    for _ in 0..100 {
        walk += s.keys("j");
    }
    let mut switches = Vec::new();
    for key in ["1", "2", "3", "4", "5", "1"] {
        switches.push(s.keys(key));
    }
    s.keys("2");
    s.keys("a"); // the contact form, person field first
    s.keys("\t\t\t\t\t\t"); // to "Support given", a plain text field
    let mut typed = 0;
    for c in "reviewed".chars() {
        typed += s.keys(&c.to_string());
    }
    s.keys("\x1b"); // one at a time: two in one read arrive as Alt-Esc
    s.keys("\x1b");
    s.keys("q");
    let _ = s.child.wait();
    let _ = std::fs::remove_dir_all(&dir);

    let switch_max = switches.iter().copied().max().unwrap_or(0);
    let switch_mean = switches.iter().sum::<usize>() / switches.len();
    println!("| what (80×24, demo data) | bytes | target |");
    println!("|---|---:|---:|");
    println!("| first frame | {first} | ≤ 4,000 |");
    println!("| idle for {idle_secs} s | {idle} | 0 |");
    println!("| move the selection one row (mentors table) | {mentors_row} | ≤ 200 |");
    println!("| move the selection one row (contact log, with its notes pane) | {one_row} | ≤ 200 |");
    println!(
        "| walk 100 rows down the contact log, per row | {} | ≤ 200 |",
        walk / 100
    );
    println!(
        "| type one character in a form field (mean of 8) | {} | ≤ 40 |",
        typed / 8
    );
    println!("| switch screens (mean / max of 6) | {switch_mean} / {switch_max} | ≤ 2,500 |");
    println!("\nscreen switches 1 2 3 4 5 1 from the contact log: {switches:?} bytes");
}
