//! The real binary in a pseudo-terminal: first screen, quitting, signals, untrusted text, and
//! a terminal left as it was found however the app ends.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Everything the app wrote, and the screen a terminal would show after it.
struct Output {
    bytes: Vec<u8>,
    screen: vt100::Parser,
    /// The app's side of the pty is closed: everything it wrote is in `bytes`.
    closed: bool,
}

struct Pty {
    output: Arc<Mutex<Output>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
}

const WAIT: Duration = Duration::from_secs(15);

impl Pty {
    /// The app on a demo database at `db`.
    fn spawn(db: &Path, extra: &[&str], env: &[(&str, &str)]) -> Pty {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_mentordesk"));
        cmd.args(["--demo", "--today", "2026-11-23", "--db"]);
        cmd.arg(db);
        cmd.args(extra);
        cmd.env("XDG_DATA_HOME", db.parent().unwrap().join("data"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        Pty::start(cmd)
    }

    fn start(mut cmd: CommandBuilder) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        // A colour terminal with UTF-8, whatever the machine running the tests has, unless the
        // test says otherwise.
        for (name, value) in [("TERM", "xterm-256color"), ("LANG", "C.UTF-8")] {
            if cmd.get_env(name).is_none() {
                cmd.env(name, value);
            }
        }
        cmd.env_remove("LC_ALL");
        cmd.env_remove("LC_CTYPE");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let output = Arc::new(Mutex::new(Output {
            bytes: Vec::new(),
            screen: vt100::Parser::new(24, 80, 0),
            closed: false,
        }));
        let sink = output.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut out = sink.lock().unwrap();
                out.bytes.extend_from_slice(&buf[..n]);
                out.screen.process(&buf[..n]);
            }
            sink.lock().unwrap().closed = true;
        });
        Pty {
            output,
            writer,
            child,
            master: pair.master,
        }
    }

    /// The raw bytes written, escape sequences and all.
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap().bytes).into_owned()
    }

    /// What the terminal shows now.
    fn screen(&self) -> String {
        self.output.lock().unwrap().screen.screen().contents()
    }

    /// The bytes written since `from`.
    fn text_from(&self, from: usize) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap().bytes[from..]).into_owned()
    }

    /// Whether the terminal is in raw mode: no line editing, no echo.
    fn raw_mode(&self) -> bool {
        let fd = self.master.as_raw_fd().expect("a unix pty");
        // SAFETY: tcgetattr fills a termios we own from an open descriptor.
        let mut termios: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut termios) }, 0);
        termios.c_lflag & (libc::ICANON | libc::ECHO) == 0
    }

    fn len(&self) -> usize {
        self.output.lock().unwrap().bytes.len()
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        self.output
            .lock()
            .unwrap()
            .screen
            .screen_mut()
            .set_size(rows, cols);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    fn wait_for(&self, needle: &str) {
        let start = Instant::now();
        while !self.screen().contains(needle) {
            assert!(
                start.elapsed() < WAIT,
                "never saw {needle:?} on the screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the app has drawn something after `from` and then been quiet a moment.
    fn settle(&self, from: usize) {
        let start = Instant::now();
        let mut last = self.len();
        let mut quiet = Instant::now();
        while start.elapsed() < WAIT {
            std::thread::sleep(Duration::from_millis(20));
            let now = self.len();
            if now != last {
                last = now;
                quiet = Instant::now();
            } else if now > from && quiet.elapsed() > Duration::from_millis(150) {
                return;
            }
        }
    }

    fn send(&mut self, keys: &str) {
        let from = self.len();
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        self.settle(from);
    }

    fn signal(&self, signal: i32) {
        let pid = self.child.process_id().unwrap() as i32;
        // SAFETY: sends a signal to our own child process.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
    }

    /// Waits for the exit and all the output, and returns whether it was a success and how long
    /// the exit took.
    fn exit(&mut self) -> (bool, Duration) {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                let took = start.elapsed();
                while !self.output.lock().unwrap().closed && start.elapsed() < WAIT {
                    std::thread::sleep(Duration::from_millis(5));
                }
                return (status.success(), took);
            }
            assert!(start.elapsed() < WAIT, "the app did not exit:\n{}", self.text());
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

const LEAVE_ALTERNATE_SCREEN: &str = "\x1b[?1049l";
const SHOW_CURSOR: &str = "\x1b[?25h";
const BRACKETED_PASTE_ON: &str = "\x1b[?2004h";
const BRACKETED_PASTE_OFF: &str = "\x1b[?2004l";

#[test]
fn first_screen_then_q_quits_and_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = Pty::spawn(&dir.path().join("demo.db"), &[], &[]);
    app.wait_for("Pick a mentor");
    app.wait_for("Dana Whitfield (coordinator)");
    assert!(app.raw_mode());
    app.send("q");
    let (ok, _) = app.exit();
    assert!(ok, "{}", app.text());
    let text = app.text();
    assert!(text.contains(LEAVE_ALTERNATE_SCREEN) && text.contains(SHOW_CURSOR));
    let on = text.find(BRACKETED_PASTE_ON).expect("bracketed paste turned on");
    assert!(text[on..].contains(BRACKETED_PASTE_OFF), "and off again");
    assert!(!app.raw_mode());
}

#[test]
fn sigterm_and_sighup_restore_the_terminal_and_exit_within_two_seconds() {
    for signal in [libc::SIGTERM, libc::SIGHUP] {
        let dir = tempfile::tempdir().unwrap();
        let app = Pty::spawn(&dir.path().join("demo.db"), &[], &[]);
        app.wait_for("Pick a mentor");
        assert!(app.raw_mode(), "raw while running");
        let before = app.len();
        app.signal(signal);
        let mut app = app;
        let (_, took) = app.exit();
        assert!(took < Duration::from_secs(2), "signal {signal} took {took:?}");
        let after = String::from_utf8_lossy(&app.output.lock().unwrap().bytes[before..]).into_owned();
        assert!(
            after.contains(LEAVE_ALTERNATE_SCREEN),
            "signal {signal}: {after:?}"
        );
        assert!(after.contains(SHOW_CURSOR), "signal {signal}: {after:?}");
        assert!(after.contains(BRACKETED_PASTE_OFF), "signal {signal}: {after:?}");
        assert!(!app.raw_mode(), "signal {signal}: raw mode left on");
    }
}

const CHILD: &str = "MENTORDESK_TEST_TERMINAL_CHILD";
const ENTER_ALTERNATE_SCREEN: &str = "\x1b[?1049h";

/// Run inside the pty by the test below: the app's own terminal wrapper, ending in a panic or
/// an error once the parent has seen raw mode.
fn end_inside_the_terminal(how: &str) {
    use mentordesk::error::Error;
    use mentordesk::tui::in_terminal;
    let result = in_terminal(|terminal| {
        terminal.draw(|frame| frame.render_widget("inside the app", frame.area()))?;
        std::thread::sleep(Duration::from_millis(500));
        match how {
            "panic" => panic!("a bug in a screen"),
            _ => Err::<(), _>(Error::Failed("the database went away".into())),
        }
    });
    if let Err(err) = result {
        eprintln!("mentordesk: {err}");
    }
}

#[test]
fn a_panic_or_an_error_inside_the_app_leaves_the_terminal_restored() {
    if let Ok(how) = std::env::var(CHILD) {
        return end_inside_the_terminal(&how);
    }
    for (how, message) in [
        ("panic", "a bug in a screen"),
        ("error", "mentordesk: the database went away"),
    ] {
        let mut cmd = CommandBuilder::new(std::env::current_exe().unwrap());
        cmd.args([
            "--exact",
            "a_panic_or_an_error_inside_the_app_leaves_the_terminal_restored",
            "--nocapture",
        ]);
        cmd.env(CHILD, how);
        let mut child = Pty::start(cmd);
        child.wait_for("inside the app");
        assert!(child.raw_mode(), "{how}: raw while inside");
        child.exit();
        let text = child.text();
        let entered = text
            .rfind(ENTER_ALTERNATE_SCREEN)
            .expect("entered the alternate screen");
        let after = child.text_from(entered);
        let left = after
            .find(LEAVE_ALTERNATE_SCREEN)
            .unwrap_or_else(|| panic!("{how}: {after:?}"));
        assert!(after[left..].contains(SHOW_CURSOR), "{how}: {after:?}");
        assert!(after.contains(BRACKETED_PASTE_OFF), "{how}: {after:?}");
        let said = after
            .find(message)
            .unwrap_or_else(|| panic!("{how}: no message in {after:?}"));
        assert!(
            said > left,
            "{how}: the message was printed inside the alternate screen"
        );
        assert!(!child.raw_mode(), "{how}: raw mode left on");
    }
}

#[test]
fn a_contact_typed_before_a_hangup_is_there_after_reconnecting() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let mut app = Pty::spawn(&db, &["--as", "erin"], &[]);
    app.wait_for("Active pairs");
    app.send("a");
    app.wait_for("Log a contact");
    // The form opens on the notes.
    app.send("Asked about the vote");
    app.signal(libc::SIGHUP);
    app.exit();

    let mut again = Pty::spawn(&db, &["--as", "erin"], &[]);
    again.wait_for("Recovered the contact you were writing");
    again.wait_for("Asked about the vote");
    again.send("\x13"); // Ctrl-S
    again.wait_for("Logged the conversation");
    again.send("q");
    assert!(again.exit().0);
}

#[test]
fn an_escape_sequence_in_a_name_never_reaches_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_mentordesk"))
            .args(["--demo", "--today", "2026-11-23", "--db"])
            .arg(&db)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    run(&["quota"]);
    // Stored by an older mentordesk: control characters are refused on input now.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "INSERT INTO people (id, name, role) VALUES ('X1', 'Evil\x1b]0;pwned\x07Name', 'mentee')",
            [],
        )
        .unwrap();
    run(&["assign", "--mentor", "M01", "--mentee", "X1"]);
    let mut app = Pty::spawn(&db, &["--as", "ana"], &[]);
    app.wait_for("Evil^[]0;pwned^GName");
    app.send("q");
    app.exit();
    assert!(
        !app.text().contains("\x1b]0;pwned"),
        "the raw OSC sequence was sent"
    );
}

#[test]
fn no_color_ascii_and_tiny_sizes_do_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = Pty::spawn(&dir.path().join("demo.db"), &["--ascii"], &[("NO_COLOR", "1")]);
    app.wait_for("Pick a mentor");
    assert!(!app.text().contains("\x1b[38;5;"), "no colours under NO_COLOR");
    for (cols, rows) in [(10, 5), (1, 1), (59, 19)] {
        let from = app.len();
        app.resize(cols, rows);
        app.settle(from);
    }
    app.wait_for("terminal too small (59x19)");
    app.resize(80, 24);
    app.wait_for("Pick a mentor");
    for key in ["2", "3", "4", "5", "?", "x", "1"] {
        app.send(key);
    }
    app.send("q");
    let (ok, _) = app.exit();
    assert!(ok);
    assert!(!app.text().contains("panicked"));
}

/// The real binary, with `TERM=dumb LANG=C` and no flag: every byte it writes is ASCII and it
/// sets no colour (SGR 30-49, 90-107 or 256/RGB).
#[test]
fn a_dumb_terminal_in_the_c_locale_gets_ascii_without_colour() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = Pty::spawn(
        &dir.path().join("demo.db"),
        &[],
        &[("TERM", "dumb"), ("LANG", "C")],
    );
    app.wait_for("Pick a mentor");
    for (key, shows) in [
        ("\r", "Active pairs"),
        ("2", "Contacts |"),
        ("3", "Next 14 days"),
        ("4", "Forms |"),
        ("5", "Mentors |"),
        ("6", "People |"),
    ] {
        app.send(key);
        app.wait_for(shows);
    }
    app.send("q");
    let (ok, _) = app.exit();
    assert!(ok);
    let bytes = app.output.lock().unwrap().bytes.clone();
    assert!(bytes.is_ascii(), "{}", app.text());
    let text = app.text();
    for sgr in text.split("\x1b[").skip(1).filter_map(|s| s.split_once('m')) {
        let (sgr, _) = sgr;
        if !sgr.chars().all(|c| c.is_ascii_digit() || c == ';') {
            continue;
        }
        let colour = sgr
            .split(';')
            .filter_map(|n| n.parse::<u16>().ok())
            .any(|n| (30..=49).contains(&n) && n != 39 && n != 49 || (90..=107).contains(&n));
        assert!(!colour, "a colour: ESC[{sgr}m");
    }
}

#[test]
fn a_form_cut_off_mid_way_comes_back_intact() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    // The rural union has no forms of its own: add AFSCME's mentoring plan to it.
    let mut setting = Pty::spawn(
        &db,
        &["settings", "set", "extra_forms", r#"["mentoring-plan"]"#],
        &[],
    );
    assert!(setting.exit().0, "{}", setting.text());
    let mut app = Pty::spawn(&db, &["--as", "erin"], &[]);
    app.wait_for("Active pairs");
    app.send("4");
    app.send("j"); // to the Mentoring plan
    app.send("\r");
    app.wait_for("Mentoring plan");
    app.send("\x1b[C"); // right: the first person on the caseload
    app.send("\t");
    app.send("Weekly coffee");
    app.signal(libc::SIGKILL); // no chance to save anything at the end
    app.exit();

    let mut again = Pty::spawn(&db, &["--as", "erin"], &[]);
    again.wait_for("Resumed the form you were filling");
    again.wait_for("Invest: how will you create time");
    again.wait_for("Weekly coffee");
    again.send("\x1b");
    again.send("q");
    assert!(again.exit().0);
}

#[test]
fn an_import_shows_a_progress_bar_on_a_terminal_and_clears_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("contacts.csv");
    let mut csv = String::from("mentor_id,person_id,occurred_at,method,outcome\n");
    for day in 1..=20 {
        csv.push_str(&format!("M01,L01,2026-10-{day:02},phone,no-answer\n"));
    }
    std::fs::write(&file, csv).unwrap();
    let mut import = Pty::spawn(
        &dir.path().join("demo.db"),
        &["import", "contacts", file.to_str().unwrap()],
        &[],
    );
    assert!(import.exit().0, "{}", import.text());
    let text = import.text();
    // The name is padded to the room the terminal leaves, then the bar.
    let bar = text
        .find("reading contacts.csv ")
        .filter(|&at| {
            text[at + "reading contacts.csv".len()..]
                .trim_start()
                .starts_with('[')
        })
        .unwrap_or_else(|| panic!("{text:?}"));
    let done = text.find("imported 20 contacts").unwrap();
    assert!(bar < done, "{text:?}");
    assert!(
        import.screen().lines().all(|l| !l.contains("reading")),
        "the bar is cleared once done: {}",
        import.screen()
    );
}

#[test]
fn a_first_run_creates_a_program_and_a_day_of_work_follows_from_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_mentordesk"));
    cmd.args(["--today", "2026-11-23", "--db"]);
    cmd.arg(&db);
    cmd.env("XDG_DATA_HOME", dir.path().join("data"));
    let mut app = Pty::start(cmd);
    app.wait_for("There is no program at");
    app.wait_for("Create a program");
    // Preset (rural union), then the name; the start date (today) and your name as they are.
    app.send("\r");
    app.send("Pine Team\r\r");
    app.send("\r");
    app.wait_for("Pine Team");
    app.wait_for("(coordinator)");
    assert!(db.exists());

    // A mentor and a mentee, on the people screen.
    app.send("6");
    app.wait_for("n add");
    app.send("n");
    app.wait_for("Add a person");
    app.send("M1\tMia Berg\x13");
    app.wait_for("Added Mia Berg as mentor");
    app.send("n");
    app.wait_for("Add a person");
    app.send("L1\tLee Dahl\tmentee\x13");
    app.wait_for("Added Lee Dahl as mentee");

    // Mia's caseload: empty, nobody reached.
    app.send("1");
    app.wait_for("Mia Berg");
    app.send("\r");
    app.wait_for("0 of 3 people");
    app.send("n");
    app.wait_for("Lee Dahl");
    app.send("\r");
    app.wait_for("Assigned");

    // The coordinator logs Mia's conversation with Lee on her behalf.
    app.send("2");
    app.send("a");
    app.send("Lee");
    app.send("\t\x13");
    app.wait_for("Logged the conversation with Lee Dahl");
    app.send("1");
    app.wait_for("1 of 3 people");
    app.send("q");
    let (ok, _) = app.exit();
    assert!(ok, "{}", app.screen());
}

/// A laptop copy in the app: `U` says the sync is under way, runs it (over `MENTORDESK_SSH`, here
/// a script that runs the box's end on this machine), and the status line then has nothing to
/// send.
#[test]
fn u_syncs_a_laptop_copy_from_the_app_and_says_so_first() {
    let dir = tempfile::tempdir().unwrap();
    let box_db = dir.path().join("box.db");
    let bin = env!("CARGO_BIN_EXE_mentordesk");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(bin)
            .args(args)
            .env("MENTORDESK_TODAY", "2026-11-23")
            .env("MENTORDESK_CONFIG", "/nonexistent/config.toml")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&["--db", box_db.to_str().unwrap(), "--demo", "quota"]);
    let ssh = dir.path().join("local-ssh.sh");
    std::fs::write(&ssh, "shift\nexec sh -c \"$1\"\n").unwrap();
    let ssh = format!("sh {}", ssh.display());
    let laptop = dir.path().join("laptop.db");
    let laptop_arg = laptop.to_str().unwrap();
    let remote = format!("localhost:{}", box_db.display());
    run(&[
        "--db",
        laptop_arg,
        "sync",
        "--ssh",
        &ssh,
        "--remote-path",
        bin,
        "--remote",
        &remote,
    ]);
    run(&[
        "--db",
        laptop_arg,
        "log",
        "--mentor",
        "M01",
        "--person",
        "L01",
        "--method",
        "phone",
        "--outcome",
        "conversation",
        "--notes",
        "from the road",
    ]);
    let mut cmd = CommandBuilder::new(bin);
    cmd.args(["--today", "2026-11-23", "--db", laptop_arg]);
    cmd.env("XDG_DATA_HOME", dir.path().join("data"));
    cmd.env("MENTORDESK_CONFIG", "/nonexistent/config.toml");
    cmd.env("MENTORDESK_SSH", &ssh);
    cmd.env("MENTORDESK_REMOTE_PATH", bin);
    let mut app = Pty::start(cmd);
    app.wait_for("offline · 1 change to send");
    let before = app.len();
    app.send("U");
    app.wait_for("sent 1 change: 1 taken");
    // Said before the wait, in a frame of its own (the line is cut to the width: its start).
    let sent = app.text_from(before);
    let under_way = sent
        .find("Syncing with the box")
        .expect("the sync was not announced");
    assert!(under_way < sent.find("sent 1 change").unwrap());
    app.wait_for("offline · nothing to send");
    app.send("q");
    assert!(app.exit().0);
    let on_box = rusqlite::Connection::open(&box_db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM contacts WHERE notes = 'from the road'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .unwrap();
    assert_eq!(on_box, 1);
}
