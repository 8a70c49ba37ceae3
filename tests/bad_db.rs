//! Whatever sits at the database path, mentordesk either opens a mentordesk database or refuses
//! at once, in one line naming the path and the reason, and leaves the file as it was.

mod common;

use common::mentordesk;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What the path holds, for the check that nothing changed: a hash of the bytes of a file, or
/// the kind and mode of anything else, and the names beside it (no journal left behind).
fn fingerprint(path: &Path) -> (u64, Vec<String>) {
    let mut hasher = DefaultHasher::new();
    let meta = std::fs::symlink_metadata(path).unwrap();
    format!("{:?} {:o}", meta.file_type(), meta.permissions().mode()).hash(&mut hasher);
    if meta.is_file() {
        std::fs::read(path).unwrap().hash(&mut hasher);
    }
    let mut beside: Vec<String> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    (hasher.finish(), beside)
}

fn sqlite_file(path: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(sql).unwrap();
}

fn is_root() -> bool {
    // SAFETY: a getter without arguments.
    unsafe { libc::geteuid() == 0 }
}

/// Each case: a name, how to make the path in a directory, the reason the message must give.
type Make = fn(&Path) -> PathBuf;

fn cases() -> Vec<(&'static str, Make, &'static str)> {
    vec![
        (
            "empty file",
            |dir| {
                let path = dir.join("empty.db");
                std::fs::write(&path, b"").unwrap();
                path
            },
            "is an empty file",
        ),
        (
            "FIFO",
            |dir| {
                let path = dir.join("pipe.db");
                let c_path = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
                // SAFETY: mkfifo reads the NUL-terminated path.
                assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
                path
            },
            "is a named pipe (FIFO)",
        ),
        (
            "directory",
            |dir| {
                let path = dir.join("folder.db");
                std::fs::create_dir(&path).unwrap();
                path
            },
            "is a directory",
        ),
        (
            "device",
            |dir| {
                let path = dir.join("null.db");
                std::os::unix::fs::symlink("/dev/null", &path).unwrap();
                path
            },
            "is a device",
        ),
        (
            "unreadable",
            |dir| {
                let path = dir.join("locked.db");
                std::fs::write(&path, b"SQLite format 3\0secret").unwrap();
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
                path
            },
            "cannot read it: Permission denied",
        ),
        (
            "junk",
            |dir| {
                let path = dir.join("junk.db");
                std::fs::write(
                    &path,
                    (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect::<Vec<_>>(),
                )
                .unwrap();
                path
            },
            "is not a SQLite file",
        ),
        (
            "short text file",
            |dir| {
                let path = dir.join("notes.txt");
                std::fs::write(&path, b"hello\n").unwrap();
                path
            },
            "is not a SQLite file",
        ),
        (
            "newer schema",
            |dir| {
                let path = dir.join("newer.db");
                sqlite_file(
                    &path,
                    "CREATE TABLE program (id INTEGER); PRAGMA user_version = 9999;",
                );
                path
            },
            "made by a newer mentordesk (schema 9999",
        ),
        (
            "another program's SQLite file",
            |dir| {
                let path = dir.join("firefox.sqlite");
                sqlite_file(
                    &path,
                    "CREATE TABLE moz_places (id INTEGER, url TEXT); INSERT INTO moz_places VALUES (1, 'x');",
                );
                path
            },
            "a SQLite database of another program",
        ),
        (
            "empty SQLite database",
            |dir| {
                let path = dir.join("blank.db");
                sqlite_file(&path, "VACUUM;");
                path
            },
            "an empty SQLite database",
        ),
    ]
}

/// The command's output, killing it if it hangs (as it did on a FIFO).
fn output_within(mut command: std::process::Command, limit: Duration, name: &str) -> std::process::Output {
    use std::process::Stdio;
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("{name}: still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn every_bad_database_path_is_refused_at_once_in_one_line_and_left_unchanged() {
    for (name, make, reason) in cases() {
        let dir = tempfile::tempdir().unwrap();
        // Traversable, for the unreadable case run as another user.
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let path = make(dir.path());
        let before = fingerprint(&path);
        let mut command = mentordesk(&path);
        command.arg("quota");
        let mut _binary_copy = None;
        if name == "unreadable" && is_root() {
            // Root reads any file: ask as nobody, through a copy of the binary in a directory
            // nobody can reach (kept until the run ends), since the build directory may be closed
            // to others.
            let bin_dir = tempfile::tempdir().unwrap();
            std::fs::set_permissions(bin_dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
            let binary = bin_dir.path().join("mentordesk");
            std::fs::copy(env!("CARGO_BIN_EXE_mentordesk"), &binary).unwrap();
            let mut as_nobody = std::process::Command::new(&binary);
            as_nobody.args(command.get_args());
            for (key, value) in command.get_envs() {
                match value {
                    Some(value) => as_nobody.env(key, value),
                    None => as_nobody.env_remove(key),
                };
            }
            as_nobody.uid(65534).gid(65534);
            command = as_nobody;
            _binary_copy = Some(bin_dir);
        }
        let started = Instant::now();
        let out = output_within(command, Duration::from_secs(10), name);
        let took = started.elapsed();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert!(took < Duration::from_secs(1), "{name}: took {took:?}");
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
        assert!(
            stderr.contains(&path.display().to_string()),
            "{name}: no path in {stderr}"
        );
        assert!(stderr.contains(reason), "{name}: no {reason:?} in {stderr}");
        assert_eq!(fingerprint(&path), before, "{name}: changed");
    }
}

#[test]
fn init_demo_and_generate_still_create_new_files_but_refuse_existing_ones() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    let init = |db: &Path| {
        mentordesk(db)
            .args(["init", "--preset", "rural-union", "--start", "2026-08-01"])
            .output()
            .unwrap()
    };
    assert!(init(&db).status.success());
    let mode = std::fs::metadata(&db).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let again = init(&empty);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(std::fs::read(&empty).unwrap(), b"");

    let demo = dir.path().join("demo.db");
    let out = mentordesk(&demo)
        .args(["--demo=rural-union", "quota"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let generated = dir.path().join("big.db");
    let out = mentordesk(&generated)
        .args(["demo", "--generate", "--people", "20", "--contacts", "50"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
