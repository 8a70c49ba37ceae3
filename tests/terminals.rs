//! Terminals as they really are, with the real binary in a pseudo-terminal read through a
//! terminal emulator (vt100): the terminal vanishing under the first-run screen and under a
//! pop-up, bursts of resizes with and without SIGWINCH (as under `su`), text another program
//! writes over the screen (as `wall` does) and Ctrl-L, and Escape followed at once by an arrow.

#[path = "support/raw_pty.rs"]
mod raw_pty;

use raw_pty::{Screen, open_pty, open_pty_sized, set_size, spawn_app, type_keys, wait_exit};
use std::os::fd::{AsRawFd, OwnedFd};
use std::path::Path;
use std::time::Duration;

const DEMO: [&str; 5] = ["--demo", "--today", "2026-11-23", "--as", "erin"];

/// The tests that compare a screen with a fresh draw run one at a time: each starts several
/// apps, and on a 2-core machine five of them at once starve each other of the time the test
/// gives them.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The terminal closes under the app; it must end within 2 s, using next to no CPU, killed by
/// no signal.
fn hang_up_and_wait(mut screen: Screen, master: OwnedFd, pid: i32) {
    screen.stop();
    drop(master);
    let (status, took, cpu) = wait_exit(pid, Duration::from_secs(5));
    println!("exited {took:?} after the terminal closed, {cpu:.3} s of CPU in all, {status}");
    assert!(took < Duration::from_secs(2), "took {took:?}");
    assert!(cpu < 0.5, "used {cpu} s of CPU");
    assert_eq!(
        std::os::unix::process::ExitStatusExt::signal(&status),
        None,
        "{status}"
    );
}

/// The draft files left in the data directory under `dir`.
fn drafts(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir.join("data").join("mentordesk").join("drafts"))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_terminal_vanishing_under_the_first_run_screen_ends_it_at_once_with_nothing_made() {
    // Without SIGHUP (as under `su`) and with it (a dropped SSH connection).
    for controlling in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("new.db");
        let (master, slave) = open_pty();
        let pid = spawn_app(
            dir.path(),
            &["--today", "2026-11-23", "--db", db.to_str().unwrap()],
            slave,
            controlling,
        );
        let screen = Screen::read(master.as_raw_fd());
        screen.wait_for("Create a program");
        type_keys(&master, "\tPine");
        screen.wait_for("Pine");
        hang_up_and_wait(screen, master, pid);
        assert!(!db.exists(), "no program made");
        assert_eq!(drafts(dir.path()), Vec::<String>::new());
    }
}

#[test]
fn the_terminal_vanishing_under_a_pop_up_ends_the_app_at_once() {
    // An unchanged contact form keeps no draft; the help has none to keep.
    for (key, shown) in [("a", "Log a contact"), ("?", "Caseload keys")] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.db");
        let (master, slave) = open_pty();
        let mut args = DEMO.to_vec();
        args.extend(["--db", db.to_str().unwrap()]);
        let pid = spawn_app(dir.path(), &args, slave, false);
        let screen = Screen::read(master.as_raw_fd());
        screen.wait_for("Active pairs");
        type_keys(&master, key);
        screen.wait_for(shown);
        hang_up_and_wait(screen, master, pid);
        assert_eq!(drafts(dir.path()), Vec::<String>::new(), "after {key}");
    }
}

/// The app on a demo in `dir`, on a terminal of `cols`×`rows`, showing Erin's caseload.
fn app_at(dir: &Path, cols: u16, rows: u16, controlling: bool) -> (OwnedFd, OwnedFd, Screen, i32) {
    let db = dir.join("demo.db");
    let (master, slave) = open_pty_sized(cols, rows);
    let tty = slave.try_clone().unwrap();
    let mut args = DEMO.to_vec();
    args.extend(["--db", db.to_str().unwrap()]);
    let pid = spawn_app(dir, &args, slave, controlling);
    let screen = Screen::read_sized(master.as_raw_fd(), cols, rows);
    screen.wait_for("Active pairs");
    screen.settle(Duration::from_millis(300));
    (master, tty, screen, pid)
}

/// What a fresh app shows at `cols`×`rows` after `keys`: the whole frame, drawn once.
fn fresh_draw(cols: u16, rows: u16, keys: &str) -> (String, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let (master, _tty, screen, pid) = app_at(dir.path(), cols, rows, true);
    type_keys(&master, keys);
    screen.settle(Duration::from_millis(800));
    let seen = (screen.contents(), screen.looks());
    quit(master, screen, pid);
    seen
}

/// What the screen shows once it looks like `fresh`, or after 5 s: on a loaded machine the app
/// may pause before its last frame, and a screen left corrupted never gets there.
fn seen_once_like(screen: &Screen, fresh: &(String, Vec<String>)) -> (String, Vec<String>) {
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    screen.settle(Duration::from_millis(600));
    let mut seen = (screen.contents(), screen.looks());
    while seen != *fresh && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
        seen = (screen.contents(), screen.looks());
    }
    seen
}

/// `q`, then the app is waited for.
fn quit(master: OwnedFd, mut screen: Screen, pid: i32) {
    type_keys(&master, "q");
    screen.stop();
    drop(master);
    wait_exit(pid, Duration::from_secs(5));
}

/// The text, and how every cell looks, are those of a fresh draw.
fn assert_same_screen(seen: (String, Vec<String>), fresh: (String, Vec<String>), what: &str) {
    assert_eq!(seen.0, fresh.0, "{what}: the text differs from a fresh draw");
    for (row, (a, b)) in seen.1.iter().zip(&fresh.1).enumerate() {
        assert_eq!(a, b, "{what}: row {row} looks different from a fresh draw");
    }
    assert_eq!(seen.1.len(), fresh.1.len(), "{what}: rows or the cursor differ");
}

#[test]
fn after_a_burst_of_resizes_and_one_key_the_screen_is_a_fresh_draw_at_the_last_size() {
    let _alone = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let (cols, rows) = (100, 30);
    // A key that moves the selection, and one bound to nothing, which changes nothing itself.
    for key in ["j", "z"] {
        let fresh = fresh_draw(cols, rows, key);
        // With SIGWINCH, and without, as under `su`.
        for controlling in [true, false] {
            let dir = tempfile::tempdir().unwrap();
            let (master, _tty, screen, pid) = app_at(dir.path(), 80, 24, controlling);
            for i in 0..30u16 {
                let (c, r) = (61 + (i * 37) % 90, 21 + (i * 13) % 30);
                set_size(&master, c, r);
                screen.resize(c, r);
            }
            set_size(&master, cols, rows);
            screen.resize(cols, rows);
            // The key comes once the burst is taken in. A key typed while a heavily loaded
            // machine (three busy loops beside two builds) is still working through the resizes
            // was seen not drawn, with SIGWINCH, in about 1 run in 10, before and after the fix
            // that `a_resize_without_sigwinch_is_drawn_with_no_key_pressed` checks; its cause
            // is not found (see the closing note), so this test does not cover it.
            screen.settle(Duration::from_millis(300));
            type_keys(&master, key);
            let seen = seen_once_like(&screen, &fresh);
            quit(master, screen, pid);
            let how = if controlling {
                "with SIGWINCH"
            } else {
                "without SIGWINCH"
            };
            assert_same_screen(seen, fresh.clone(), &format!("{key}, {how}"));
        }
    }
}

/// Under `su` no SIGWINCH reaches the app, and a resize is found by looking at the size while
/// idle; it is drawn at once, not when the next key comes.
#[test]
fn a_resize_without_sigwinch_is_drawn_with_no_key_pressed() {
    let _alone = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let (cols, rows) = (100, 30);
    let fresh = fresh_draw(cols, rows, "");
    let dir = tempfile::tempdir().unwrap();
    let (master, _tty, screen, pid) = app_at(dir.path(), 80, 24, false);
    set_size(&master, cols, rows);
    screen.resize(cols, rows);
    let seen = seen_once_like(&screen, &fresh);
    quit(master, screen, pid);
    assert_same_screen(seen, fresh, "resized under su, no key pressed");
}

#[test]
fn ctrl_l_after_another_program_wrote_over_the_screen_draws_it_whole_again() {
    let _alone = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let fresh = fresh_draw(80, 24, "j");
    let dir = tempfile::tempdir().unwrap();
    let (master, tty, screen, pid) = app_at(dir.path(), 80, 24, true);
    type_keys(&master, "j");
    screen.settle(Duration::from_millis(300));
    // What `wall` writes, and worse: colours, reverse video, a scroll region, another
    // character set, the cursor shown and moved, a cleared screen.
    let garbage = "\x1b[1;31;44m\x1b[7m\r\nBroadcast message from root@box: going down\r\n\
                   \x1b[5;12r\x1b[?25h\x1b[9;40Hjunk\x1b(0lqqk\x1b[2J\x1b[3;3Hmore junk";
    // SAFETY: writes our bytes to the terminal, as another program on it would.
    let written = unsafe { libc::write(tty.as_raw_fd(), garbage.as_ptr().cast(), garbage.len()) };
    assert_eq!(written, garbage.len() as isize);
    screen.wait_for("more junk");
    type_keys(&master, "\x0c"); // Ctrl-L
    screen.settle(Duration::from_millis(400));
    let seen = (screen.contents(), screen.looks());
    quit(master, screen, pid);
    assert_same_screen(seen, fresh, "after Ctrl-L");
}

#[test]
fn escape_then_at_once_an_arrow_is_read_as_escape_then_the_arrow_never_as_a_bracket() {
    let dir = tempfile::tempdir().unwrap();
    let (master, _tty, mut screen, pid) = app_at(dir.path(), 80, 24, true);
    screen.wait_for("Nov 2026");
    screen.wait_for("▸Owen Schultz");
    // Esc, then Down, in one write: ESC ESC [ B.
    type_keys(&master, "\x1b\x1b[B");
    screen.settle(Duration::from_millis(300));
    let text = screen.contents();
    assert!(
        text.contains("Erin Vukovich · Nov 2026"),
        "the month moved:\n{text}"
    );
    assert!(text.contains("▸Marty Engstrom"), "Down did not move:\n{text}");
    // And with Ctrl held (ESC ESC [ 1 ; 5 A): still no bracket, no digit, no letter.
    type_keys(&master, "\x1b\x1b[1;5A");
    screen.settle(Duration::from_millis(300));
    let text = screen.contents();
    assert!(text.contains("Erin Vukovich · Nov 2026"), "{text}");
    assert!(text.contains("▸1 Caseload"), "switched screens:\n{text}");
    type_keys(&master, "q");
    screen.stop();
    drop(master);
    let (status, _, _) = wait_exit(pid, Duration::from_secs(5));
    assert!(status.success());
}
