//! Bytes a laptop copy's sync puts on the wire, and the seconds they take at 9,600 baud, beside
//! the bytes the same work costs typed into the TUI over SSH: `cargo bench --bench sync`.
//!
//! The box is the WVLS demo with Ana (a mentor with one match, as WVLS mentors have) as the user running the bench; the laptop is
//! a copy made with `mentordesk sync`, its `ssh` a script that runs the box's end on this
//! machine, so what is counted is what crosses the SSH channel. Two cases: the first copy of
//! Ana's caseload, and a day's work (5 contacts and one filed form) with the sync after it.
//! Run as root where Debian's `sshd` is installed, the day's sync goes through a real `sshd` on
//! loopback behind a relay that counts every TCP byte, and ssh's own handshake (an `ssh HOST
//! true` through the same relay) is printed apart. The TUI figure is the
//! terminal output of logging the same 5 contacts through the contact form in an 80×24
//! pseudo-terminal, plus the keys typed; the filed form is left out of it, so it is a lower
//! bound. Prints numbers; asserts nothing.

use mentordesk::service::Session;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};
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

/// The bytes up and down a sync reported, through the `ssh` command given.
fn sync_bytes(laptop: &Path, extra: &[&str], ssh: &str) -> (u64, u64) {
    let laptop = laptop.to_str().unwrap();
    let bin = bin();
    let mut args = vec!["--db", laptop, "sync", "--ssh", ssh, "--remote-path", &bin];
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

const SSHD: &str = "/usr/sbin/sshd";

/// Debian's `sshd` on a loopback port, letting root in with a key made for the bench.
struct Sshd {
    child: Child,
    port: u16,
    key: PathBuf,
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn keygen(path: &Path) {
    let made = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success(), "ssh-keygen failed");
}

/// A real `sshd` for this bench, when it runs as root and Debian's server is installed.
fn start_sshd(dir: &Path) -> Option<Sshd> {
    // SAFETY: geteuid has no preconditions and cannot fail.
    if unsafe { libc::geteuid() } != 0 || !Path::new(SSHD).exists() {
        return None;
    }
    let host_key = dir.join("host_key");
    let key = dir.join("user_key");
    keygen(&host_key);
    keygen(&key);
    let authorized = dir.join("authorized_keys");
    std::fs::copy(dir.join("user_key.pub"), &authorized).unwrap();
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let config = dir.join("sshd_config");
    std::fs::write(
        &config,
        format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {}\nPidFile {}\nAuthorizedKeysFile {}\n\
             StrictModes no\nUsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n\
             PermitRootLogin prohibit-password\nX11Forwarding no\n",
            host_key.display(),
            dir.join("sshd.pid").display(),
            authorized.display()
        ),
    )
    .unwrap();
    std::fs::create_dir_all("/run/sshd").unwrap();
    let child = Command::new(SSHD)
        .args(["-D", "-e", "-f"])
        .arg(&config)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(10), "sshd did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    Some(Sshd { child, port, key })
}

/// A TCP relay in front of `sshd`, one connection at a time; each connection's bytes (up,
/// down) arrive on the channel once both directions have closed.
fn counting_relay(to: u16) -> (u16, mpsc::Receiver<(u64, u64)>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (totals, received) = mpsc::channel();
    std::thread::spawn(move || {
        for client in listener.incoming() {
            let client = client.unwrap();
            let server = TcpStream::connect(("127.0.0.1", to)).unwrap();
            let pipe = |mut from: TcpStream, mut into: TcpStream| {
                let counted = Arc::new(AtomicU64::new(0));
                let count = counted.clone();
                let copier = std::thread::spawn(move || {
                    let mut buf = [0u8; 16384];
                    while let Ok(n) = from.read(&mut buf) {
                        if n == 0 || into.write_all(&buf[..n]).is_err() {
                            break;
                        }
                        count.fetch_add(n as u64, Ordering::Relaxed);
                    }
                    let _ = into.shutdown(std::net::Shutdown::Write);
                });
                (copier, counted)
            };
            let (up, up_bytes) = pipe(client.try_clone().unwrap(), server.try_clone().unwrap());
            let (down, down_bytes) = pipe(server, client);
            up.join().unwrap();
            down.join().unwrap();
            let _ = totals.send((
                up_bytes.load(Ordering::Relaxed),
                down_bytes.load(Ordering::Relaxed),
            ));
        }
    });
    (port, received)
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let box_db = make_box(dir.path());
    let fake_ssh = dir.path().join("local-ssh.sh");
    // `ssh HOST COMMAND`, run here: the channel's bytes are what the sync counts.
    std::fs::write(&fake_ssh, "shift\nexec sh -c \"$1\"\n").unwrap();
    let fake_ssh = format!("sh {}", fake_ssh.display());
    let laptop = dir.path().join("laptop.db");
    let remote = format!("127.0.0.1:{}", box_db.display());
    let first = sync_bytes(&laptop, &["--remote", &remote], &fake_ssh);
    days_work(&laptop);
    let sshd = start_sshd(dir.path());
    let through_sshd = sshd.as_ref().map(|sshd| {
        let (port, totals) = counting_relay(sshd.port);
        let ssh = format!(
            "ssh -p {port} -i {} -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR",
            sshd.key.display()
        );
        let alone = Command::new("sh")
            .args(["-c", &format!("{ssh} 127.0.0.1 true")])
            .status()
            .unwrap();
        assert!(alone.success(), "ssh 127.0.0.1 true failed");
        let handshake = totals.recv().unwrap();
        let channel = sync_bytes(&laptop, &[], &ssh);
        let all = totals.recv().unwrap();
        (handshake, channel, all)
    });
    let day = match through_sshd {
        Some((_, channel, _)) => channel,
        None => sync_bytes(&laptop, &[], &fake_ssh),
    };
    let tui = typed_in_tui(&box_db);

    println!("| sync of a demo mentor's copy (WVLS, Ana) | up | down | at 9,600 baud |");
    println!("|---|---:|---:|---:|");
    let row = |what: &str, (up, down): (u64, u64)| {
        println!(
            "| {what} | {up} B | {down} B | {:.2} s |",
            at_9600(up) + at_9600(down)
        );
    };
    row("first copy of the caseload (SSH channel)", first);
    row("a day's work (5 contacts, 1 form), synced (SSH channel)", day);
    println!(
        "| the 5 contacts typed into the TUI over SSH | {} B of keys | {} B of screen | {:.2} s |",
        tui.1,
        tui.0,
        at_9600(tui.0 as u64 + tui.1 as u64)
    );
    match through_sshd {
        Some((handshake, _, all)) => {
            row(
                "ssh's own handshake alone (`ssh HOST true`, every TCP byte)",
                handshake,
            );
            row("the day's sync through a real sshd, every TCP byte", all);
            println!(
                "(the day's sync, less the handshake and the channel: {} B up, {} B down of ssh's packet framing)",
                all.0.saturating_sub(handshake.0 + day.0),
                all.1.saturating_sub(handshake.1 + day.1)
            );
        }
        None => println!(
            "(ssh's own handshake not measured: it needs root and {SSHD}; the TUI's figure has it too)"
        ),
    }
}
