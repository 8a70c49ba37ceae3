//! The Windows build of the laptop side, run: `mentordesk.exe` (cross-built with mingw-w64)
//! under wine makes a laptop copy from a box run by the Linux build, logs a contact offline,
//! and syncs it back, where the box takes it once.
//!
//! wine cannot hand its pipes to a Linux `ssh`, so the copy's `--ssh` is a small Windows
//! program (`tests/wine/ssh_over_tcp.c`) that joins its standard input and output to a TCP
//! port, where this test runs the box's `mentordesk sync --serve` on each connection, as sshd
//! would. What is tested is the Windows build's own part: its process and pipe handling, its
//! login, its paths and the copy it keeps. Runs where `MENTORDESK_WINDOWS_EXE` names the
//! built `.exe` (`.ci/run` builds it and installs wine); elsewhere it says that it skipped.

use std::net::TcpListener;
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const WINE: &str = "/usr/lib/wine/wine64";
const WINESERVER: &str = "/usr/lib/wine/wineserver64";
const TODAY: &str = "2026-11-23";

fn linux(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mentordesk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("MENTORDESK_TODAY", TODAY)
        .output()
        .unwrap()
}

fn said(out: &Output, what: &str) -> String {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{what} failed: {text}");
    text
}

fn mingw(dir: &Path, source: &str, output: &str, libs: &[&str]) -> PathBuf {
    let out = dir.join(output);
    let made = Command::new("x86_64-w64-mingw32-gcc")
        .arg(if output.ends_with(".dll") {
            "-shared"
        } else {
            "-O2"
        })
        .arg("-o")
        .arg(&out)
        .arg(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/wine")
                .join(source),
        )
        .args(libs)
        .status()
        .expect("x86_64-w64-mingw32-gcc (gcc-mingw-w64-x86-64)");
    assert!(made.success(), "building {source} failed");
    out
}

struct Wine {
    dir: PathBuf,
    exe: PathBuf,
}

impl Wine {
    fn run(&self, args: &[&str]) -> Output {
        Command::new(WINE)
            .arg(&self.exe)
            .args(args)
            .current_dir(&self.dir)
            .env("WINEPREFIX", self.dir.join("prefix"))
            .env("WINEDEBUG", "-all")
            .env("MENTORDESK_TODAY", TODAY)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }
}

impl Drop for Wine {
    fn drop(&mut self) {
        let _ = Command::new(WINESERVER)
            .arg("-k")
            .env("WINEPREFIX", self.dir.join("prefix"))
            .status();
    }
}

/// The box's end, as sshd would start it for each connection: `sync --serve` on the socket.
fn serve_over_tcp(box_db: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let stream = stream.unwrap();
            let input = OwnedFd::from(stream.try_clone().unwrap());
            let output = OwnedFd::from(stream);
            let mut serve = Command::new(env!("CARGO_BIN_EXE_mentordesk"))
                .arg("--db")
                .arg(&box_db)
                .args(["sync", "--serve"])
                .env("MENTORDESK_TODAY", TODAY)
                .stdin(Stdio::from(input))
                .stdout(Stdio::from(output))
                .spawn()
                .unwrap();
            serve.wait().unwrap();
        }
    });
    port
}

fn contacts_on_box(box_db: &Path, notes: &str) -> usize {
    said(
        &linux(box_db, &["export", "contacts", "--format", "csv"]),
        "export contacts",
    )
    .matches(notes)
    .count()
}

#[test]
fn the_windows_build_makes_a_copy_logs_offline_and_syncs_it_back() {
    let Some(exe) = std::env::var_os("MENTORDESK_WINDOWS_EXE") else {
        eprintln!(
            "skipped: set MENTORDESK_WINDOWS_EXE to a cross-built mentordesk.exe, with wine64 installed (.ci/run does both)"
        );
        return;
    };
    assert!(
        Path::new(WINE).exists(),
        "{WINE} is missing (apt-get install wine64)"
    );
    let dir = tempfile::tempdir().unwrap();
    let wine = Wine {
        dir: dir.path().to_path_buf(),
        exe: dir.path().join("mentordesk.exe"),
    };
    std::fs::copy(&exe, &wine.exe).unwrap();
    mingw(
        dir.path(),
        "bcryptprimitives.c",
        "bcryptprimitives.dll",
        &["-ladvapi32"],
    );
    let ssh = mingw(dir.path(), "ssh_over_tcp.c", "ssh_over_tcp.exe", &["-lws2_32"]);

    let version = said(&wine.run(&["--version"]), "mentordesk.exe --version");
    assert!(version.starts_with("mentordesk "), "{version}");

    // The box: the WVLS demo, with its mentor Ana's login the one this test (and so wine,
    // and the box's end it starts) runs as.
    let box_db = dir.path().join("box.db");
    said(&linux(&box_db, &["--demo=library", "quota"]), "the demo");
    let me = mentordesk::service::os_login();
    let people = dir.path().join("people.csv");
    std::fs::write(
        &people,
        format!(
            "id,name,role,login\ncoord,Dana Whitfield,coordinator,wine-coordinator\nM01,Ana Lindqvist,mentor,{me}\n"
        ),
    )
    .unwrap();
    said(
        &linux(&box_db, &["import", "people", people.to_str().unwrap()]),
        "import people",
    );
    let port = serve_over_tcp(box_db.clone());
    let ssh = format!("{} {port}", ssh.display());
    let remote = format!("127.0.0.1:{}", box_db.display());

    let first = said(
        &wine.run(&["--db", "laptop.db", "sync", "--remote", &remote, "--ssh", &ssh]),
        "the first sync",
    );
    assert!(first.contains("made a laptop copy"), "{first}");
    let caseload = said(&wine.run(&["--db", "laptop.db", "quota"]), "quota on the copy");
    assert!(caseload.contains("Ana Lindqvist"), "{caseload}");

    let notes = "Logged on a Windows laptop, offline";
    let logged = said(
        &wine.run(&[
            "--db",
            "laptop.db",
            "log",
            "--mentor",
            "M01",
            "--person",
            "L01",
            "--method",
            "in-person",
            "--outcome",
            "conversation",
            "--at",
            "2026-11-22T10:00",
            "--notes",
            notes,
        ]),
        "log on the copy",
    );
    let status = said(
        &wine.run(&["--db", "laptop.db", "sync", "--status"]),
        "sync --status",
    );
    assert!(status.contains("1 change to send"), "{logged}\n{status}");
    assert_eq!(contacts_on_box(&box_db, notes), 0);

    let sent = said(
        &wine.run(&["--db", "laptop.db", "sync", "--ssh", &ssh]),
        "the sync",
    );
    assert!(sent.contains("1 taken"), "{sent}");
    assert_eq!(contacts_on_box(&box_db, notes), 1);
    let again = said(
        &wine.run(&["--db", "laptop.db", "sync", "--ssh", &ssh]),
        "a second sync",
    );
    assert!(again.contains("sent 0 changes"), "{again}");
    assert_eq!(contacts_on_box(&box_db, notes), 1, "sent once, taken once");
}
