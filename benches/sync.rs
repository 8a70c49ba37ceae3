//! Bytes a laptop copy's sync puts on the wire, and the seconds they take at 9,600 baud, beside
//! the bytes the same work costs typed into the TUI over SSH: `cargo bench --bench sync`.
//!
//! The box is the WVLS demo with Ana (a mentor with one match, as WVLS mentors have) as the user running the bench; the laptop is
//! a copy made with `mentordesk sync`, its `ssh` a script that runs the box's end on this
//! machine, so what is counted is what crosses the SSH channel (ssh's own handshake and packet
//! framing are extra, and not counted here). Two cases: the first copy of Ana's caseload, and
//! a day's work (5 contacts and one filed form) with the sync after it. The TUI figure is the
//! terminal output of logging the same 5 contacts through the contact form in an 80×24
//! pseudo-terminal, plus the keys typed; the filed form is left out of it, so it is a lower
//! bound. Prints numbers; asserts nothing.

use mentordesk::service::Session;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BAUD: f64 = 9600.0;
const TODAY: &str = "2026-11-23";
const NOTES: [&str; 5] = [
    "Talked through the first week at the desk",
    "Left a message about the board meeting",
    "Visited the branch; goals reviewed",
    "Phone call on the grant deadline",
    "Coffee at the co-op; next steps set",
];

fn bin() -> String {
    std::env::var("MENTORDESK_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_mentordesk").into())
}

fn run(args: &[&str]) -> String {
    let out = Command::new(bin())
        .args(args)
        .env("MENTORDESK_TODAY", TODAY)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The bytes up and down a sync reported.
fn sync_bytes(laptop: &Path, extra: &[&str], fake_ssh: &Path) -> (u64, u64) {
    let laptop = laptop.to_str().unwrap();
    let ssh = format!("sh {}", fake_ssh.display());
    let bin = bin();
    let mut args = vec!["--db", laptop, "sync", "--ssh", &ssh, "--remote-path", &bin];
    args.extend_from_slice(extra);
    let said = run(&args);
    let numbers: Vec<u64> = said
        .split(" · ")
        .nth(1)
        .unwrap_or_default()
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    (numbers[0], numbers[1])
}

fn at_9600(bytes: u64) -> f64 {
    bytes as f64 * 10.0 / BAUD
}

/// The login this bench runs as, from the password entry, as mentordesk reads it.
fn me() -> String {
    mentordesk::service::os_login()
}

/// The WVLS demo, with Ana's login the user's (and the coordinator's another).
fn make_box(dir: &Path) -> PathBuf {
    let db = dir.join("box.db");
    let db_arg = db.to_str().unwrap();
    run(&["--db", db_arg, "--demo=library", "quota"]);
    let people = dir.join("people.csv");
    std::fs::write(
        &people,
        format!(
            "id,name,role,login\ncoord,Dana Whitfield,coordinator,bench-coordinator\nM01,Ana Lindqvist,mentor,{}\n",
            me()
        ),
    )
    .unwrap();
    run(&["--db", db_arg, "import", "people", people.to_str().unwrap()]);
    db
}

/// Logs the day's contacts and files one form in the copy, through the library as the TUI
/// would.
fn days_work(laptop: &Path) {
    let mut session = Session::open_path(laptop, &me(), None, TODAY.parse().ok()).unwrap();
    let caseload: Vec<i64> = session
        .contact_candidates("", 50)
        .unwrap()
        .iter()
        .map(|c| c.person.key)
        .collect();
    let mentor = session.me().key;
    for (i, notes) in NOTES.iter().enumerate() {
        let input = mentordesk::domain::records::ContactInput {
            mentor,
            person: caseload[i % caseload.len()],
            occurred_at: format!("2026-11-2{}T1{i}:00:00", 1 + i % 2).parse().unwrap(),
            method: mentordesk::domain::Method::Phone,
            outcome: mentordesk::domain::Outcome::Conversation,
            duration_min: Some(20),
            support_when: None,
            support_what: String::new(),
            notes: notes.to_string(),
            follow_up_on: None,
            submitted_on: None,
            intervention: None,
            pillar: None,
        };
        session.log_contact(&input).unwrap();
    }
    let def = mentordesk::domain::forms::find("library-goals").unwrap();
    let values = def
        .inputs()
        .map(|f| {
            (
                f.key.to_string(),
                "Weekly visits to the branch; a display by spring".to_string(),
            )
        })
        .collect();
    session.file_form(def, Some(caseload[0]), &values, None).unwrap();
}

/// What the terminal receives while the day's contacts are logged in the TUI, and the keys.
fn typed_in_tui(box_db: &Path) -> (usize, usize) {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(bin());
    cmd.args(["--db", box_db.to_str().unwrap()]);
    cmd.env("TERM", "xterm-256color");
    cmd.env("MENTORDESK_TODAY", TODAY);
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    let mut reader = pty.master.try_clone_reader().unwrap();
    let mut writer = pty.master.take_writer().unwrap();
    let seen = Arc::new(Mutex::new(Vec::<u8>::new()));
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
    let settle = |seen: &Arc<Mutex<Vec<u8>>>| {
        let mut last = seen.lock().unwrap().len();
        let mut since = Instant::now();
        while since.elapsed() < Duration::from_millis(400) {
            std::thread::sleep(Duration::from_millis(20));
            let now = seen.lock().unwrap().len();
            if now != last {
                last = now;
                since = Instant::now();
            }
        }
        last
    };
    let start = settle(&seen);
    let mut keys = 0;
    let mut send = |text: &str, writer: &mut Box<dyn Write + Send>| {
        writer.write_all(text.as_bytes()).unwrap();
        writer.flush().unwrap();
        keys += text.len();
        settle(&seen)
    };
    for (i, notes) in NOTES.iter().enumerate() {
        if i > 0 {
            send("j", &mut writer);
        }
        send("a", &mut writer); // the contact form, on the selected person, at the notes
        for c in notes.chars() {
            send(&c.to_string(), &mut writer);
        }
        send("\x13", &mut writer); // Ctrl-S
    }
    let end = seen.lock().unwrap().len();
    let said = String::from_utf8_lossy(&seen.lock().unwrap()).contains("Logged the");
    writer.write_all(b"q").unwrap();
    let _ = child.wait();
    assert!(said, "the TUI never said a contact was logged");
    (end - start, keys)
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let box_db = make_box(dir.path());
    let fake_ssh = dir.path().join("local-ssh.sh");
    // `ssh HOST COMMAND`, run here: the channel's bytes are what the sync counts.
    std::fs::write(&fake_ssh, "shift\nexec sh -c \"$1\"\n").unwrap();
    let laptop = dir.path().join("laptop.db");
    let remote = format!("localhost:{}", box_db.display());
    let first = sync_bytes(&laptop, &["--remote", &remote], &fake_ssh);
    days_work(&laptop);
    let day = sync_bytes(&laptop, &[], &fake_ssh);
    let tui = typed_in_tui(&box_db);

    println!("| sync of a demo mentor's copy (WVLS, Ana) | up | down | at 9,600 baud |");
    println!("|---|---:|---:|---:|");
    let row = |what: &str, (up, down): (u64, u64)| {
        println!(
            "| {what} | {up} B | {down} B | {:.2} s |",
            at_9600(up) + at_9600(down)
        );
    };
    row("first copy of the caseload", first);
    row("a day's work (5 contacts, 1 form), synced", day);
    println!(
        "| the 5 contacts typed into the TUI over SSH | {} B of keys | {} B of screen | {:.2} s |",
        tui.1,
        tui.0,
        at_9600(tui.0 as u64 + tui.1 as u64)
    );
    println!("(ssh's own handshake and packet framing are extra in both, and not counted)");
}
