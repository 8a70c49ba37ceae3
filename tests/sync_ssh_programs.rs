//! The Programs screen over ssh (runs only as root, where Debian's `sshd` is installed; CI
//! installs it): a local and a remote program listed with their own figures, in a real
//! pseudo-terminal as a real user.

#[path = "support/ssh_rig.rs"]
mod ssh_rig;
#[path = "support/unix_users.rs"]
mod unix_users;

use ssh_rig::*;
use std::path::Path;
use std::time::{Duration, Instant};
use unix_users::{Account, as_user, ok};

/// The figures of one program in `programs --json`, without when they were taken.
fn figures_of(json: &str, name: &str) -> serde_json::Value {
    let rows: Vec<serde_json::Value> = serde_json::from_str(json).unwrap();
    let row = rows
        .iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("{name} in {json}"));
    let mut figures = row["figures"].clone();
    assert!(figures.is_object(), "{name}: {row}");
    figures.as_object_mut().unwrap().remove("fetched_at");
    figures
}

#[test]
fn the_programs_screen_shows_a_local_and_a_remote_program_with_their_own_figures() {
    if skip() {
        return;
    }
    let rig = Rig::new();
    let coordinator = rig.shared.coordinator();
    // Some work on the box, so that its figures are not all zeros.
    ok(
        rig.on_box(rig.mentor(1), &log_args("E1", "2026-11-20T09:00", "a visit")),
        "log",
    );
    let local = coordinator.home.join("esp.db");
    ok(
        as_user(
            coordinator,
            &rig.bin,
            &["--db", local.to_str().unwrap(), "--demo=esp", "quota"],
            &[],
        ),
        "local demo",
    );
    let write_config = |name: &str, box_entry: &str| {
        let path = coordinator.home.join(name);
        std::fs::write(
            &path,
            format!("[[programs]]\nname = \"Lakeview ESP\"\ndb = \"{}\"\n\n[[programs]]\nname = \"Box library\"\n{box_entry}\n", local.display()),
        )
        .unwrap();
        chown(&path, coordinator);
        path
    };
    let over_ssh = write_config(
        "remote.toml",
        &format!(
            "remote = \"{}\"\nssh = \"{}\"",
            rig.remote(coordinator),
            rig.ssh(coordinator)
        ),
    );
    let on_this_box = write_config("local.toml", &format!("db = \"{}\"", rig.db.display()));
    let remote_path = rig.bin.to_str().unwrap();
    let programs = |config: &Path, today: &str| {
        ok(
            as_user(
                coordinator,
                &rig.bin,
                &["programs", "--json"],
                &[
                    ("MENTORDESK_CONFIG", config.to_str().unwrap()),
                    ("MENTORDESK_REMOTE_PATH", remote_path),
                    ("MENTORDESK_TODAY", today),
                ],
            ),
            "programs",
        )
    };
    let remote = programs(&over_ssh, "2026-11-23");
    // The box counts on its own day (ssh passes no --today): the same day here.
    let box_today = figures_of(&remote, "Box library")["today"]
        .as_str()
        .unwrap()
        .to_string();
    let direct = programs(&on_this_box, &box_today);
    // Over ssh, the box's figures are the ones the same program gives opened where it is.
    assert_eq!(
        figures_of(&remote, "Box library"),
        figures_of(&direct, "Box library")
    );
    let quota = ok(rig.on_box(coordinator, &["quota", "--json"]), "quota");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&quota).unwrap();
    assert_eq!(figures_of(&remote, "Box library")["mentors"], rows.len());
    assert!(
        figures_of(&remote, "Box library")["overdue"].as_u64().unwrap() > 0,
        "{remote}"
    );
    // Nothing but the counts crossed the wire: no name of the program's people is in the answer.
    assert!(
        !remote.contains("Ann Mentor") && !remote.contains(MARKER_B),
        "{remote}"
    );

    // The screen, at start (two programs are listed), in an 80x24 terminal, as the coordinator.
    let screen = programs_screen(&rig, coordinator, &over_ssh);
    insta::with_settings!({
        filters => vec![
            (r"\b[A-Z][a-z]{2} \d{1,2} \d\d:\d\d\b", "[fetched]"),
            (r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} \w{3}\b", "[day]"),
            (r"/tmp/mdbox-\w+/home/\w+", "[home]"),
        ],
        prepend_module_to_snapshot => false,
    }, {
        insta::assert_snapshot!("programs_over_ssh", screen);
    });
}

/// The app's first screen as `who` sees it in an 80x24 pseudo-terminal, with `config`.
fn programs_screen(rig: &Rig, who: &Account, config: &Path) -> String {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read;
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let line = format!(
        "env HOME={} MENTORDESK_CONFIG={} MENTORDESK_REMOTE_PATH={} MENTORDESK_TODAY=2026-11-23 TERM=xterm-256color LANG=C.UTF-8 {}",
        who.home.display(),
        config.display(),
        rig.bin.display(),
        rig.bin.display()
    );
    let mut cmd = CommandBuilder::new("su");
    cmd.args(["-s", "/bin/sh", "-c", &line, &who.name]);
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    let mut reader = pty.master.try_clone_reader().unwrap();
    let mut writer = pty.master.take_writer().unwrap();
    let parser = std::sync::Arc::new(std::sync::Mutex::new(vt100::Parser::new(24, 80, 0)));
    let sink = parser.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().process(&buf[..n]);
        }
    });
    let start = Instant::now();
    let screen = loop {
        let text = parser.lock().unwrap().screen().contents();
        if text.contains("Box library") && text.contains("Lakeview ESP") && !text.contains("taking") {
            std::thread::sleep(Duration::from_millis(300));
            break parser.lock().unwrap().screen().contents();
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the Programs screen never came:\n{text}"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    std::io::Write::write_all(&mut writer, b"q").unwrap();
    let _ = child.wait();
    screen
}
