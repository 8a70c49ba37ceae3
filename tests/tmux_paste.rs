//! Bracketed paste in a real terminal multiplexer: tmux pastes five lines into the contact
//! form's notes (`paste-buffer -p`, which brackets the paste when the app asked for it), and
//! they are stored there, none of them read as keys; a paste on a list switches nothing.

mod common;

use common::*;
use mentordesk::domain::records::ContactFilter;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const TMUX: &str = "/usr/bin/tmux";

/// A tmux server of its own (its own socket), running the app in one window.
struct Tmux {
    socket: PathBuf,
}

impl Tmux {
    fn start(dir: &Path, args: &[&str]) -> Tmux {
        let tmux = Tmux {
            socket: dir.join("tmux.sock"),
        };
        let mut command = vec![
            "env".to_string(),
            format!("XDG_DATA_HOME={}", dir.join("data").display()),
            env!("CARGO_BIN_EXE_mentordesk").to_string(),
        ];
        command.extend(args.iter().map(|a| a.to_string()));
        tmux.run(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            "100",
            "-y",
            "30",
            "-s",
            "app",
        ])
        .arg(command.join(" "))
        .status()
        .map(|s| assert!(s.success()))
        .unwrap();
        tmux
    }

    fn run(&self, args: &[&str]) -> Command {
        let mut command = Command::new(TMUX);
        command.arg("-S").arg(&self.socket).args(args);
        command
    }

    fn ok(&self, args: &[&str]) {
        let out = self.run(args).output().unwrap();
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn screen(&self) -> String {
        let out = self.run(&["capture-pane", "-p", "-t", "app"]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn wait_for(&self, needle: &str) {
        let start = Instant::now();
        while !self.screen().contains(needle) {
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "never saw {needle:?}:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn keys(&self, keys: &str) {
        self.ok(&["send-keys", "-t", "app", keys]);
        std::thread::sleep(Duration::from_millis(300));
    }

    /// Pastes `text` as a terminal does: bracketed, since the app asked for it.
    fn paste(&self, dir: &Path, text: &str) {
        let file = dir.join("paste.txt");
        std::fs::write(&file, text).unwrap();
        self.ok(&["load-buffer", file.to_str().unwrap()]);
        self.ok(&["paste-buffer", "-p", "-t", "app"]);
        std::thread::sleep(Duration::from_millis(500));
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]).status();
    }
}

#[test]
fn five_lines_pasted_by_tmux_go_into_the_notes_and_a_paste_on_a_list_switches_nothing() {
    if !Path::new(TMUX).exists() {
        println!("note: {TMUX} is not installed; the tmux paste test was skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let tmux = Tmux::start(
        dir.path(),
        &[
            "--demo",
            "--today",
            "2026-11-23",
            "--as",
            "erin",
            "--db",
            db.to_str().unwrap(),
        ],
    );
    tmux.wait_for("Active pairs");
    tmux.keys("a");
    tmux.wait_for("Log a contact");
    let lines = [
        "Talked about the contract vote",
        "2 members want a meeting",
        "q: who calls the board?",
        "[ agenda ] for next month",
        "follow up after Thanksgiving",
    ];
    tmux.paste(dir.path(), &(lines.join("\n") + "\n"));
    tmux.wait_for("follow up after Thanksgiving");
    tmux.keys("C-s");
    tmux.wait_for("Logged");

    let session = session_as(&db, "erin");
    let rows = session.contacts(&ContactFilter::default(), None, 1).unwrap();
    let stored = &rows[0].contact.input;
    assert_eq!(stored.notes, lines.join("\n"), "the notes hold the five lines");
    assert_eq!(stored.support_what, "", "nothing spilled into another field");
    assert!(stored.follow_up_on.is_none());

    // On the caseload list, each line would be a key: another screen, a month, quitting.
    let before = tmux.screen();
    tmux.paste(dir.path(), "2\n[\n3\nq\n");
    tmux.wait_for("paste ignored: no text field here");
    let after = tmux.screen();
    assert!(after.contains("▸1 Caseload"), "switched screens:\n{after}");
    assert!(
        after.contains("Erin Vukovich · Nov 2026"),
        "moved the month:\n{after}"
    );
    let body = |s: &str| s.lines().skip(1).take(20).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&before), body(&after));
    tmux.keys("q");
}
