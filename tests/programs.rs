//! Issue 24, one view across programs: each program's figures are what its own `quota`,
//! `overdue`, `risk` and `export contacts` give, and `mentordesk programs` lists them for every
//! program of the config file, keeping the last ones for a program it cannot reach.

mod common;

use common::{demo_file, ok, session_on, today};
use mentordesk::domain::settings::Preset;
use mentordesk::service::figures::{ProgramFigures, program_figures};
use serde_json::Value;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PRESETS: [(Preset, &str); 5] = [
    (Preset::RuralUnion, "rural-union"),
    (Preset::Library, "library"),
    (Preset::Esp, "esp"),
    (Preset::CheckConnect, "check-connect"),
    (Preset::Afscme, "afscme"),
];

fn json_of(db: &Path, args: &[&str]) -> Vec<Value> {
    let out = ok(db, args);
    serde_json::from_str::<Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// The figures as the program's own commands give them, counted here from their JSON.
fn figures_from_the_commands(db: &Path, has_risk_model: bool) -> (u32, u32, u32, u32, Option<u32>) {
    let quota = json_of(db, &["quota", "--json"]);
    let behind = quota
        .iter()
        .filter(|m| ["behind", "missed", "at-risk"].contains(&m["status"].as_str().unwrap()))
        .count();
    let overdue = json_of(db, &["overdue", "--json"]).len();
    let month = today().format("%Y-%m").to_string();
    let contacts = json_of(db, &["export", "contacts", "--month", &month, "--format", "json"]).len();
    let high = has_risk_model.then(|| {
        json_of(db, &["risk", "--json"])
            .iter()
            .filter(|s| s["level"] == "high")
            .count() as u32
    });
    (
        quota.len() as u32,
        behind as u32,
        overdue as u32,
        contacts as u32,
        high,
    )
}

fn counts(f: &ProgramFigures) -> (u32, u32, u32, u32, Option<u32>) {
    (f.mentors, f.behind, f.overdue, f.contacts_this_month, f.high_risk)
}

#[test]
fn each_demo_programs_figures_are_what_its_own_commands_give() {
    let dir = tempfile::tempdir().unwrap();
    let mut seen = Vec::new();
    for (preset, name) in PRESETS {
        let db = demo_file(dir.path(), &format!("{name}.db"), preset);
        let session = session_on(&db, None);
        let figures = program_figures(&session).unwrap();
        let has_risk_model = session.program.settings.risk.is_some();
        assert_eq!(has_risk_model, preset == Preset::CheckConnect, "{name}");
        assert_eq!(
            counts(&figures),
            figures_from_the_commands(&db, has_risk_model),
            "{name}"
        );
        assert_eq!(
            (&figures.program, figures.today),
            (&session.program.name, today())
        );
        let age = chrono::Utc::now() - figures.fetched_at;
        assert!(age.num_seconds() >= 0 && age.num_seconds() < 120, "{age}");
        seen.push(counts(&figures));
    }
    // The demos are not empty: a comparison of zeros would show nothing.
    assert!(seen.iter().all(|c| c.0 > 0 && c.3 > 0), "{seen:?}");
    assert!(
        seen.iter().any(|c| c.1 > 0),
        "someone is behind somewhere: {seen:?}"
    );
    assert!(
        seen.iter().any(|c| c.2 > 0),
        "something is overdue somewhere: {seen:?}"
    );
    assert!(seen.iter().any(|c| c.4.is_some_and(|n| n > 0)), "{seen:?}");
}

#[test]
fn a_mentor_gets_no_figures() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "demo.db", Preset::RuralUnion);
    let err = program_figures(&session_on(&db, Some("erin"))).unwrap_err();
    assert_eq!(err.exit_code(), 3, "{err}");

    // A listed program where the user is a mentor: the row says why, with no figures.
    common::raw(&db)
        .execute(
            "UPDATE people SET role = 'mentor' WHERE login = ?1",
            [mentordesk::service::os_login()],
        )
        .unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!("[[programs]]\nname = \"Union\"\ndb = \"{}\"\n", db.display()),
    )
    .unwrap();
    let out = programs_command(&config, &dir.path().join("data"), &["--json"]);
    assert_eq!(out.status.code(), Some(1));
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["figures"], Value::Null);
    assert_eq!(rows[0]["problem"], "only a coordinator sees the whole program");
}

fn programs_command(config: &Path, data: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_mentordesk"))
        .arg("programs")
        .args(args)
        .env_remove("MENTORDESK_DB")
        .env("MENTORDESK_CONFIG", config)
        .env("XDG_DATA_HOME", data)
        .env("MENTORDESK_TODAY", "2026-11-23")
        .output()
        .unwrap()
}

#[test]
fn programs_lists_every_program_and_keeps_the_last_figures_of_one_it_cannot_reach() {
    let dir = tempfile::tempdir().unwrap();
    let esp = demo_file(dir.path(), "esp.db", Preset::Esp);
    let cc = demo_file(dir.path(), "cc.db", Preset::CheckConnect);
    let config = dir.path().join("config.toml");
    let data = dir.path().join("data");
    let local = format!(
        "[[programs]]\nname = \"Lakeview ESP\"\ndb = \"{}\"\n\n[[programs]]\nname = \"Wausau C&C\"\ndb = \"{}\"\n",
        esp.display(),
        cc.display()
    );
    std::fs::write(&config, &local).unwrap();
    let out = programs_command(&config, &data, &["--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.len(), 2);
    for (row, db, name) in [(&rows[0], &esp, "Lakeview ESP"), (&rows[1], &cc, "Wausau C&C")] {
        assert_eq!(row["name"], name);
        assert_eq!(row["problem"], Value::Null);
        let figures: ProgramFigures = serde_json::from_value(row["figures"].clone()).unwrap();
        let expected = program_figures(&session_on(db, None)).unwrap();
        assert_eq!(counts(&figures), counts(&expected), "{name}");
        assert_eq!(figures.program, expected.program);
    }
    let cache = data.join("mentordesk/programs-cache.json");
    let mode = std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&cache).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600);

    // The ESP database goes away and a remote box is listed: the ESP row keeps its last
    // figures, the box has none yet, and the command says which could not be reached.
    let first = rows[0]["figures"].clone();
    std::fs::rename(&esp, dir.path().join("esp-moved.db")).unwrap();
    std::fs::write(
        &config,
        format!(
            "{local}\n[[programs]]\nname = \"WEAC north\"\nremote = \"alice@box.example.org:/srv/weac.db\"\n"
        ),
    )
    .unwrap();
    let out = programs_command(&config, &data, &["--json"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(
        err.contains("Lakeview ESP") && err.contains("WEAC north"),
        "{err}"
    );
    assert!(!err.contains("Wausau"), "{err}");
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["figures"], first, "the last figures, as they were");
    assert!(rows[0]["problem"].as_str().unwrap().starts_with("could not open"));
    assert_eq!(rows[1]["problem"], Value::Null);
    assert_eq!(rows[2]["figures"], Value::Null, "never invented");
    assert!(
        rows[2]["problem"]
            .as_str()
            .unwrap()
            .starts_with("could not reach alice@box.example.org:/srv/weac.db")
    );

    let out = programs_command(&config, &data, &[]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("program"), "{text}");
    assert!(
        lines[1].starts_with("Lakeview ESP") && lines[1].ends_with("(last known)"),
        "{text}"
    );
    assert!(lines[2].starts_with("  could not open"), "{text}");
    // The fetched time is the one this run kept in the cache.
    let kept = mentordesk::service::programs::FiguresCache::load(&cache);
    let wausau = &kept.programs[&cc.display().to_string()];
    assert!(lines[3].starts_with("Wausau C&C"), "{text}");
    assert!(lines[3].ends_with(&wausau.fetched_label()), "{text}");
    assert!(
        lines[4].starts_with("WEAC north") && lines[4].ends_with("no figures yet"),
        "{text}"
    );
}

#[test]
fn programs_without_a_list_says_how_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "ascii = true\n").unwrap();
    let out = programs_command(&config, &dir.path().join("data"), &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("[[programs]]"), "{err}");
}

/// The real binary on a pseudo-terminal of 80×24, and what the terminal shows.
struct Terminal {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    // Held open for the app: dropping it hangs the terminal up.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Terminal {
    fn start(cmd: portable_pty::CommandBuilder) -> Terminal {
        let pair = portable_pty::native_pty_system()
            .openpty(portable_pty::PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
        let sink = screen.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        Terminal {
            screen,
            writer: pair.master.take_writer().unwrap(),
            child,
            _master: pair.master,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows every one of `needles`, failing with the screen after 15 s.
    fn wait_for(&self, needles: &[&str]) -> String {
        let start = Instant::now();
        loop {
            let screen = self.contents();
            if needles.iter().all(|n| screen.contains(n)) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "never saw {needles:?}:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }
}

/// The figures a row of the Programs screen shows after the program's name: mentors, behind,
/// overdue, contacts, high-risk.
fn shown_counts(screen: &str, name: &str) -> Vec<String> {
    let line = screen
        .lines()
        .find(|l| l.trim_start_matches(['▸', ' ']).starts_with(name))
        .unwrap_or_else(|| panic!("no row for {name}:\n{screen}"));
    let rest = &line[line.find(name).unwrap() + name.len()..];
    rest.split_whitespace().take(5).map(str::to_string).collect()
}

fn expected_counts(f: &ProgramFigures) -> Vec<String> {
    vec![
        f.mentors.to_string(),
        f.behind.to_string(),
        f.overdue.to_string(),
        f.contacts_this_month.to_string(),
        f.high_risk.map_or("n/a".to_string(), |n| n.to_string()),
    ]
}

#[test]
fn the_programs_screen_at_start_shows_each_programs_figures_and_opens_one() {
    let dir = tempfile::tempdir().unwrap();
    let union = demo_file(dir.path(), "union.db", Preset::RuralUnion);
    let esp = demo_file(dir.path(), "esp.db", Preset::Esp);
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[[programs]]\nname = \"Union team\"\ndb = \"{}\"\n\n[[programs]]\nname = \"Lakeview ESP\"\ndb = \"{}\"\n",
            union.display(),
            esp.display()
        ),
    )
    .unwrap();
    let mut cmd = portable_pty::CommandBuilder::new(env!("CARGO_BIN_EXE_mentordesk"));
    cmd.args(["--today", "2026-11-23"]);
    cmd.env_remove("MENTORDESK_DB");
    cmd.env_remove("LC_ALL");
    cmd.env_remove("LC_CTYPE");
    cmd.env("MENTORDESK_CONFIG", &config);
    cmd.env("XDG_DATA_HOME", dir.path().join("data"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "C.UTF-8");
    let mut app = Terminal::start(cmd);

    // More than one program listed: the app starts on the Programs screen, with the figures
    // each program's own commands give.
    let screen = app.wait_for(&["Programs ·", "Union team", "Lakeview ESP"]);
    let union_figures = program_figures(&session_on(&union, None)).unwrap();
    let esp_figures = program_figures(&session_on(&esp, None)).unwrap();
    assert_eq!(
        shown_counts(&screen, "Union team"),
        expected_counts(&union_figures),
        "{screen}"
    );
    assert_eq!(
        shown_counts(&screen, "Lakeview ESP"),
        expected_counts(&esp_figures),
        "{screen}"
    );
    assert_eq!(
        (union_figures.mentors, esp_figures.mentors),
        (
            json_of(&union, &["quota", "--json"]).len() as u32,
            json_of(&esp, &["quota", "--json"]).len() as u32
        )
    );

    // Enter on the ESP program opens it: the status line names it.
    let esp_name: String = esp_figures.program.chars().take(16).collect();
    assert!(!union_figures.program.starts_with(&esp_name));
    app.send("j\r");
    let screen = app.wait_for(&[&esp_name]);
    assert!(!screen.contains("Programs ·"), "{screen}");

    // 0 shows the programs again from there; q quits.
    app.send("0");
    app.wait_for(&["Programs ·", "Union team"]);
    app.send("q");
    let start = Instant::now();
    loop {
        if let Some(status) = app.child.try_wait().unwrap() {
            assert!(status.success(), "{status:?}");
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(15), "still running");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn zero_shows_the_programs_from_every_screen_and_enter_opens_a_local_one() {
    use crossterm::event::KeyCode;
    use mentordesk::app::{ProgramsState, Screen};
    use mentordesk::service::programs::{ListedProgram, RemoteProgram, Source, Taker, no_channel};
    let dir = tempfile::tempdir().unwrap();
    let union = demo_file(dir.path(), "union.db", Preset::RuralUnion);
    let esp = demo_file(dir.path(), "esp.db", Preset::Esp);
    let listed = vec![
        ListedProgram {
            name: "Union".into(),
            source: Source::Local(union.clone()),
        },
        ListedProgram {
            name: "ESP".into(),
            source: Source::Local(esp.clone()),
        },
        ListedProgram {
            name: "WEAC north".into(),
            source: Source::Remote(RemoteProgram::parse("box.example.org", None).unwrap()),
        },
    ];
    let taker = Taker {
        login: mentordesk::service::os_login(),
        today: Some(today()),
    };
    let mut app = common::app_on(&union, None);
    app.programs = ProgramsState::new(listed, taker, no_channel, None);
    for tab in ['1', '2', '3', '4', '5', '6'] {
        common::press(&mut app, KeyCode::Char(tab));
        assert_ne!(app.screen, Screen::Programs);
        common::press(&mut app, KeyCode::Char('0'));
        assert_eq!(app.screen, Screen::Programs, "from tab {tab}");
    }
    assert_eq!(app.programs.rows.len(), 3);

    // The program open now: back to its caseload.
    common::press(&mut app, KeyCode::Enter);
    assert!(app.switch_to.is_none());
    assert_eq!(app.screen, Screen::Caseload);

    // A remote one cannot be opened here, and says so.
    common::press(&mut app, KeyCode::Char('0'));
    common::press(&mut app, KeyCode::Char('G'));
    common::press(&mut app, KeyCode::Enter);
    assert!(app.switch_to.is_none());
    let (text, _) = app.message.clone().unwrap();
    assert!(text.contains("box.example.org"), "{text}");

    // Another local one: its session, opened for the runtime to start the app on.
    common::press(&mut app, KeyCode::Char('k'));
    common::press(&mut app, KeyCode::Enter);
    let next = app.switch_to.as_ref().expect("the ESP program opened");
    assert_eq!(next.program.name, session_on(&esp, None).program.name);
}
