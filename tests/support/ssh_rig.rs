//! The rig of the sync_ssh tests: a shared program of real Unix users on the box, a real OpenSSH
//! server on loopback, each mentor's laptop copy in their home, and what the tests read of them.
#![allow(dead_code)]

use crate::unix_users::{Account, SharedBox, as_user, is_root, ok, system};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub const SSHD: &str = "/usr/sbin/sshd";

pub const MARKER_B: &str = "MARKER-only-in-bens-notes";

pub struct Rig {
    pub shared: SharedBox,
    pub bin: PathBuf,
    pub db: PathBuf,
    config: PathBuf,
    port: u16,
    sshd: std::cell::RefCell<Option<Child>>,
}

impl Drop for Rig {
    fn drop(&mut self) {
        self.stop_sshd();
    }
}

pub fn skip() -> bool {
    if !is_root() || !Path::new(SSHD).exists() {
        eprintln!("skipped: needs root and {SSHD} (CI installs openssh-server)");
        return true;
    }
    false
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn chown(path: &Path, account: &Account) {
    std::os::unix::fs::chown(path, Some(account.uid), Some(account.gid)).unwrap();
}

impl Rig {
    /// A library program (one that refuses contacts beyond a caseload) on the box: mentors
    /// Ann (M1, account 1) with Eve (E1) and Ben (M2, account 2) with Finn (E2); Ben has a
    /// contact whose notes only he may read.
    pub fn new() -> Rig {
        let shared = SharedBox::new();
        let bin = shared.install();
        let db = shared.programs_dir().join("team/program.db");
        let coordinator = shared.coordinator();
        let dbs = db.to_str().unwrap();
        ok(
            as_user(
                coordinator,
                &bin,
                &[
                    "--db",
                    dbs,
                    "init",
                    "--preset",
                    "library",
                    "--start",
                    "2026-08-01",
                    "--shared",
                    "--group",
                    &shared.group,
                ],
                &[],
            ),
            "init",
        );
        let people = coordinator.home.join("people.csv");
        std::fs::write(
            &people,
            format!(
                "id,name,role,login,years_experience\nM1,Ann Mentor,mentor,{},5\nM2,Ben Mentor,mentor,{},5\nE1,Eve Mentee,mentee,,1\nE2,Finn Mentee,mentee,,1\n",
                shared.mentor(1).name,
                shared.mentor(2).name
            ),
        )
        .unwrap();
        chown(&people, coordinator);
        ok(
            as_user(
                coordinator,
                &bin,
                &["--db", dbs, "import", "people", people.to_str().unwrap()],
                &[],
            ),
            "people",
        );
        for (mentor, mentee) in [("M1", "E1"), ("M2", "E2")] {
            ok(
                as_user(
                    coordinator,
                    &bin,
                    &[
                        "--db",
                        dbs,
                        "assign",
                        "--mentor",
                        mentor,
                        "--mentee",
                        mentee,
                        "--on",
                        "2026-09-01",
                        "--force",
                    ],
                    &[],
                ),
                "assign",
            );
        }
        ok(
            as_user(
                shared.mentor(2),
                &bin,
                &[
                    "--db",
                    dbs,
                    "log",
                    "--mentor",
                    "M2",
                    "--person",
                    "E2",
                    "--method",
                    "phone",
                    "--outcome",
                    "conversation",
                    "--at",
                    "2026-11-10T10:00",
                    "--notes",
                    MARKER_B,
                ],
                &[],
            ),
            "Ben's contact",
        );
        let config = shared.base.join("sshd_config");
        let host_key = shared.base.join("host_key");
        system(
            "ssh-keygen",
            &["-q", "-t", "ed25519", "-N", "", "-f", host_key.to_str().unwrap()],
        );
        let port = free_port();
        std::fs::write(
            &config,
            format!(
                "Port {port}\nListenAddress 127.0.0.1\nHostKey {}\nPidFile {}\nAuthorizedKeysFile .ssh/authorized_keys\n\
                 StrictModes no\nUsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n\
                 PermitRootLogin no\nAllowTcpForwarding no\nX11Forwarding no\n",
                host_key.display(),
                shared.base.join("sshd.pid").display()
            ),
        )
        .unwrap();
        std::fs::create_dir_all("/run/sshd").unwrap();
        for n in [0, 1, 2] {
            let account = &shared.accounts[n];
            // An account useradd made has no password and is locked; sshd refuses a locked
            // account even a key, so it gets a password that matches nothing instead.
            system("usermod", &["-p", "*", &account.name]);
            let dot_ssh = account.home.join(".ssh");
            std::fs::create_dir(&dot_ssh).unwrap();
            let key = dot_ssh.join("id_ed25519");
            system(
                "ssh-keygen",
                &["-q", "-t", "ed25519", "-N", "", "-f", key.to_str().unwrap()],
            );
            std::fs::copy(dot_ssh.join("id_ed25519.pub"), dot_ssh.join("authorized_keys")).unwrap();
            for file in [
                &dot_ssh,
                &key,
                &dot_ssh.join("id_ed25519.pub"),
                &dot_ssh.join("authorized_keys"),
            ] {
                chown(file, account);
            }
            std::fs::set_permissions(&dot_ssh, std::fs::Permissions::from_mode(0o700)).unwrap();
        }
        let rig = Rig {
            shared,
            bin,
            db,
            config,
            port,
            sshd: std::cell::RefCell::new(None),
        };
        rig.start_sshd();
        rig
    }

    pub fn start_sshd(&self) {
        let child = Command::new(SSHD)
            .args(["-D", "-e", "-f"])
            .arg(&self.config)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        *self.sshd.borrow_mut() = Some(child);
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(start.elapsed() < Duration::from_secs(10), "sshd did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn stop_sshd(&self) {
        if let Some(mut child) = self.sshd.borrow_mut().take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    pub fn mentor(&self, n: usize) -> &Account {
        self.shared.mentor(n)
    }

    pub fn laptop(&self, who: &Account) -> PathBuf {
        who.home.join("laptop.db")
    }

    pub fn ssh(&self, who: &Account) -> String {
        format!(
            "ssh -p {} -i {} -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR",
            self.port,
            who.home.join(".ssh/id_ed25519").display()
        )
    }

    pub fn remote(&self, who: &Account) -> String {
        format!("{}@127.0.0.1:{}", who.name, self.db.display())
    }

    /// `mentordesk sync` on `who`'s laptop, through `ssh` (the command `--ssh` gives).
    pub fn sync_with(&self, who: &Account, ssh: &str, today: &str, first: bool) -> Output {
        let laptop = self.laptop(who);
        let remote = self.remote(who);
        let mut args = vec![
            "--db",
            laptop.to_str().unwrap(),
            "sync",
            "--ssh",
            ssh,
            "--remote-path",
            self.bin.to_str().unwrap(),
        ];
        if first {
            args.extend(["--remote", remote.as_str()]);
        }
        as_user(who, &self.bin, &args, &[("MENTORDESK_TODAY", today)])
    }

    /// A sync whose link drops after the box's greeting and the first bytes of its answer, once
    /// the box has the changes: the box takes them, and the laptop never hears so. (A background
    /// job of a script reads /dev/null unless given its stdin: fd 3; and `dd bs=1` passes each
    /// byte on as it comes, where `head -c` waits for all of them.)
    pub fn sync_cut_off(&self, who: &Account) -> Output {
        let script = who.home.join("cut.sh");
        std::fs::write(
            &script,
            format!(
                "f=$(mktemp -u \"$HOME/cut.XXXXXX\"); mkfifo \"$f\"\nexec 3<&0\n{} \"$@\" <&3 > \"$f\" & ssh=$!\ndd bs=1 count=22 status=none < \"$f\"\nkill $ssh; rm -f \"$f\"\n",
                self.ssh(who)
            ),
        )
        .unwrap();
        self.sync_with(who, &format!("sh {}", script.display()), "2026-11-23", false)
    }

    pub fn sync(&self, who: &Account) -> Output {
        let first = !self.laptop(who).exists();
        self.sync_with(who, &self.ssh(who), "2026-11-23", first)
    }

    pub fn on_laptop(&self, who: &Account, args: &[&str]) -> Output {
        let laptop = self.laptop(who);
        let mut all = vec!["--db", laptop.to_str().unwrap()];
        all.extend_from_slice(args);
        as_user(who, &self.bin, &all, &[])
    }

    pub fn on_box(&self, who: &Account, args: &[&str]) -> Output {
        let mut all = vec!["--db", self.db.to_str().unwrap()];
        all.extend_from_slice(args);
        as_user(who, &self.bin, &all, &[])
    }

    /// Contacts on the box with these notes, read by root behind the app's back.
    pub fn box_contacts(&self, notes: &str) -> i64 {
        count(
            &self.db,
            "SELECT count(*) FROM contacts WHERE notes = ?1 AND deleted_at IS NULL",
            notes,
        )
    }
}

pub fn count(db: &Path, sql: &str, arg: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(sql, [arg], |r| r.get(0)).unwrap()
}

pub fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

pub fn log_args<'a>(mentee: &'a str, at: &'a str, notes: &'a str) -> Vec<&'a str> {
    vec![
        "log",
        "--mentor",
        "M1",
        "--person",
        mentee,
        "--method",
        "in-person",
        "--outcome",
        "conversation",
        "--at",
        at,
        "--notes",
        notes,
    ]
}

/// (gid, version) of the contact with these notes in a database.
pub fn contact_id(db: &Path, notes: &str) -> (String, i64) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(
        "SELECT gid, version FROM contacts WHERE notes = ?1",
        [notes],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}
