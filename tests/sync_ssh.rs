//! Laptop copies synced through a real OpenSSH server on loopback (runs only as root, where
//! Debian's `sshd` is installed; CI installs it): the box is a shared program of real Unix
//! users with the binary setgid, and each mentor's laptop is a copy in their home, synced with
//! the system's `ssh` and a key of their own.

#[path = "support/unix_users.rs"]
mod unix_users;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};
use unix_users::{Account, SharedBox, as_user, is_root, ok, system};

const SSHD: &str = "/usr/sbin/sshd";
const MARKER_B: &str = "MARKER-only-in-bens-notes";

struct Rig {
    shared: SharedBox,
    bin: PathBuf,
    db: PathBuf,
    config: PathBuf,
    port: u16,
    sshd: std::cell::RefCell<Option<Child>>,
}

impl Drop for Rig {
    fn drop(&mut self) {
        self.stop_sshd();
    }
}

fn skip() -> bool {
    if !is_root() || !Path::new(SSHD).exists() {
        eprintln!("skipped: needs root and {SSHD} (CI installs openssh-server)");
        return true;
    }
    false
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn chown(path: &Path, account: &Account) {
    std::os::unix::fs::chown(path, Some(account.uid), Some(account.gid)).unwrap();
}

impl Rig {
    /// A library program (one that refuses contacts beyond a caseload) on the box: mentors
    /// Ann (M1, account 1) with Eve (E1) and Ben (M2, account 2) with Finn (E2); Ben has a
    /// contact whose notes only he may read.
    fn new() -> Rig {
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

    fn start_sshd(&self) {
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

    fn stop_sshd(&self) {
        if let Some(mut child) = self.sshd.borrow_mut().take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn mentor(&self, n: usize) -> &Account {
        self.shared.mentor(n)
    }

    fn laptop(&self, who: &Account) -> PathBuf {
        who.home.join("laptop.db")
    }

    fn ssh(&self, who: &Account) -> String {
        format!(
            "ssh -p {} -i {} -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR",
            self.port,
            who.home.join(".ssh/id_ed25519").display()
        )
    }

    fn remote(&self, who: &Account) -> String {
        format!("{}@127.0.0.1:{}", who.name, self.db.display())
    }

    /// `mentordesk sync` on `who`'s laptop, through `ssh` (the command `--ssh` gives).
    fn sync_with(&self, who: &Account, ssh: &str, today: &str, first: bool) -> Output {
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
    fn sync_cut_off(&self, who: &Account) -> Output {
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

    fn sync(&self, who: &Account) -> Output {
        let first = !self.laptop(who).exists();
        self.sync_with(who, &self.ssh(who), "2026-11-23", first)
    }

    fn on_laptop(&self, who: &Account, args: &[&str]) -> Output {
        let laptop = self.laptop(who);
        let mut all = vec!["--db", laptop.to_str().unwrap()];
        all.extend_from_slice(args);
        as_user(who, &self.bin, &all, &[])
    }

    fn on_box(&self, who: &Account, args: &[&str]) -> Output {
        let mut all = vec!["--db", self.db.to_str().unwrap()];
        all.extend_from_slice(args);
        as_user(who, &self.bin, &all, &[])
    }

    /// Contacts on the box with these notes, read by root behind the app's back.
    fn box_contacts(&self, notes: &str) -> i64 {
        count(
            &self.db,
            "SELECT count(*) FROM contacts WHERE notes = ?1 AND deleted_at IS NULL",
            notes,
        )
    }
}

fn count(db: &Path, sql: &str, arg: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(sql, [arg], |r| r.get(0)).unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn log_args<'a>(mentee: &'a str, at: &'a str, notes: &'a str) -> Vec<&'a str> {
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
fn contact_id(db: &Path, notes: &str) -> (String, i64) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(
        "SELECT gid, version FROM contacts WHERE notes = ?1",
        [notes],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

#[test]
fn a_mentors_first_sync_brings_their_caseload_and_nothing_of_another_mentors() {
    if skip() {
        return;
    }
    let rig = Rig::new();
    let ann = rig.mentor(1);
    let out = rig.sync(ann);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("made a laptop copy"), "{}", text(&out));
    let laptop = rig.laptop(ann);
    let mode = std::fs::metadata(&laptop).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the copy is its user's alone");
    let md = std::fs::metadata(&laptop).unwrap();
    assert_eq!(std::os::unix::fs::MetadataExt::uid(&md), ann.uid);
    // Every byte of the file (and its journal), not only what the app shows.
    let mut bytes = std::fs::read(&laptop).unwrap();
    if let Ok(wal) = std::fs::read(laptop.with_extension("db-wal")) {
        bytes.extend(wal);
    }
    let hay = String::from_utf8_lossy(&bytes);
    assert!(
        !hay.contains(MARKER_B),
        "another mentor's notes reached the laptop"
    );
    assert!(
        !hay.contains("Finn Mentee"),
        "another mentor's mentee reached the laptop"
    );
    let caseload = ok(rig.on_laptop(ann, &["quota"]), "quota on the laptop");
    assert!(caseload.contains("M1"), "{caseload}");
    // The laptop works as Ann, the box's user, whatever the laptop's own login.
    let refused = rig.on_laptop(ann, &["assign", "--mentor", "M1", "--mentee", "E1"]);
    assert_eq!(refused.status.code(), Some(3), "{}", text(&refused));
}

#[test]
fn contacts_logged_offline_reach_the_box_once_with_their_audit_entries() {
    if skip() {
        return;
    }
    let rig = Rig::new();
    let ann = rig.mentor(1);
    ok(rig.sync(ann), "first sync");
    rig.stop_sshd();
    for (at, notes) in [
        ("2026-11-20T09:00", "met at the co-op"),
        ("2026-11-21T15:30", "visited the school"),
    ] {
        ok(rig.on_laptop(ann, &log_args("E1", at, notes)), "log offline");
    }
    let unreachable = rig.sync(ann);
    assert_eq!(unreachable.status.code(), Some(1), "{}", text(&unreachable));
    let said = text(&unreachable);
    assert!(
        said.contains("cannot reach") && said.contains("2 changes stay queued"),
        "{said}"
    );
    assert_eq!(said.trim().lines().count(), 1, "one line: {said}");
    let status = ok(rig.on_laptop(ann, &["sync", "--status"]), "status");
    assert!(status.contains("2 changes to send"), "{status}");

    rig.start_sshd();
    let synced = ok(rig.sync(ann), "sync");
    assert!(synced.contains("sent 2 changes: 2 taken"), "{synced}");
    for notes in ["met at the co-op", "visited the school"] {
        assert_eq!(rig.box_contacts(notes), 1, "{notes}");
    }
    let ann_adds = count(
        &rig.db,
        "SELECT count(*) FROM audit_log WHERE actor = ?1 AND action = 'add' AND entity = 'contact'",
        &ann.name,
    );
    assert_eq!(ann_adds, 2, "each contact audited once, as Ann");
    let again = ok(rig.sync(ann), "sync again");
    assert!(again.contains("sent 0 changes"), "{again}");
    assert_eq!(rig.box_contacts("met at the co-op"), 1);
}

#[test]
fn a_sync_cut_off_midway_and_run_again_leaves_each_change_on_the_box_once() {
    if skip() {
        return;
    }
    let rig = Rig::new();
    let ann = rig.mentor(1);
    ok(rig.sync(ann), "first sync");
    ok(
        rig.on_laptop(ann, &log_args("E1", "2026-11-20T09:00", "cut off")),
        "log",
    );
    let cut = rig.sync_cut_off(ann);
    assert_eq!(cut.status.code(), Some(1), "{}", text(&cut));
    assert!(text(&cut).contains("dropped mid-sync"), "{}", text(&cut));
    let status = ok(rig.on_laptop(ann, &["sync", "--status"]), "status");
    assert!(status.contains("1 change to send"), "{status}");
    let on_box_after_cut = rig.box_contacts("cut off");
    assert!(on_box_after_cut <= 1);
    let synced = ok(rig.sync(ann), "sync again");
    assert!(synced.contains("1 taken"), "{synced}");
    assert_eq!(
        rig.box_contacts("cut off"),
        1,
        "taken once (the box had it {on_box_after_cut} time(s) after the cut)"
    );
    let status = ok(rig.on_laptop(ann, &["sync", "--status"]), "status");
    assert!(status.contains("0 changes to send"), "{status}");
}

#[test]
fn daily_lines_written_offline_reach_the_box_once_as_the_mentors_and_never_another_mentors_copy() {
    if skip() {
        return;
    }
    let rig = Rig::new();
    let ann = rig.mentor(1);
    let ben = rig.mentor(2);
    ok(
        rig.on_box(
            rig.shared.coordinator(),
            &["settings", "set", "extra_forms", r#"["engagement-daily"]"#],
        ),
        "the program keeps daily lines",
    );
    ok(rig.sync(ann), "first sync");
    rig.stop_sshd();
    let daily = |day: &'static str, note: &'static str| -> Vec<&'static str> {
        vec![
            "daily",
            "--student",
            "E1",
            "--day",
            day,
            "--academic",
            "4",
            "--note",
            note,
        ]
    };
    ok(
        rig.on_laptop(ann, &daily("2026-11-19", "first take")),
        "daily offline",
    );
    ok(
        rig.on_laptop(ann, &daily("2026-11-19", "MARKER-anns-daily-line")),
        "the same day again",
    );
    rig.start_sshd();
    let synced = ok(rig.sync(ann), "sync");
    assert!(
        synced.contains("sent 1 change: 1 taken"),
        "one line a day: {synced}"
    );
    let lines = |note: &str| {
        count(
            &rig.db,
            "SELECT count(*) FROM engagement WHERE note = ?1 AND day IS NOT NULL",
            note,
        )
    };
    assert_eq!((lines("MARKER-anns-daily-line"), lines("first take")), (1, 0));
    let ann_adds = count(
        &rig.db,
        "SELECT count(*) FROM audit_log WHERE actor = ?1 AND entity = 'engagement'",
        &ann.name,
    );
    assert_eq!(ann_adds, 1, "taken as Ann's, audited once");

    ok(rig.on_laptop(ann, &daily("2026-11-20", "cut off")), "another day");
    let cut = rig.sync_cut_off(ann);
    assert_eq!(cut.status.code(), Some(1), "{}", text(&cut));
    let after_cut = lines("cut off");
    assert!(after_cut <= 1);
    let again = ok(rig.sync(ann), "sync again");
    assert!(again.contains("1 taken"), "{again}");
    assert_eq!(
        lines("cut off"),
        1,
        "once (the box had it {after_cut} time(s) after the cut)"
    );
    let ann_adds = count(
        &rig.db,
        "SELECT count(*) FROM audit_log WHERE actor = ?1 AND entity = 'engagement'",
        &ann.name,
    );
    assert_eq!(ann_adds, 2);

    ok(rig.sync(ben), "Ben's first sync");
    let bens = std::fs::read(rig.laptop(ben)).unwrap();
    let has = |marker: &str| bens.windows(marker.len()).any(|w| w == marker.as_bytes());
    assert!(
        !has("MARKER-anns-daily-line"),
        "Ann's student's lines are not on Ben's laptop"
    );
    let anns = std::fs::read(rig.laptop(ann)).unwrap();
    assert!(anns.windows(22).any(|w| w == b"MARKER-anns-daily-line"));
}

#[test]
fn a_contact_edited_on_both_sides_waits_for_a_choice_and_nothing_is_lost() {
    if skip() {
        return;
    }
    let rig = Rig::new();
    let ann = rig.mentor(1);
    ok(
        rig.on_box(ann, &log_args("E1", "2026-11-18T11:00", "first notes")),
        "log on the box",
    );
    ok(rig.sync(ann), "first sync");
    let (gid, version) = contact_id(&rig.db, "first notes");
    let v = version.to_string();
    ok(
        rig.on_box(
            rig.shared.coordinator(),
            &[
                "contact",
                "edit",
                &gid,
                "--version",
                &v,
                "--notes",
                "the box's notes",
            ],
        ),
        "box edit",
    );
    ok(
        rig.on_laptop(
            ann,
            &[
                "contact",
                "edit",
                &gid,
                "--version",
                &v,
                "--notes",
                "the laptop's notes",
            ],
        ),
        "laptop edit",
    );
    let conflict = rig.sync(ann);
    assert_eq!(conflict.status.code(), Some(4), "{}", text(&conflict));
    assert!(text(&conflict).contains("1 in conflict"), "{}", text(&conflict));
    assert_eq!(rig.box_contacts("the box's notes"), 1, "the box's edit stays");
    assert_eq!(
        contact_id(&rig.laptop(ann), "the laptop's notes").0,
        gid,
        "the laptop's edit stays"
    );
    let status = ok(rig.on_laptop(ann, &["sync", "--status"]), "status");
    assert!(status.contains(&format!("conflict contacts {gid}")), "{status}");
    ok(rig.on_laptop(ann, &["sync", "--settle", &gid, "mine"]), "settle");
    let synced = ok(rig.sync(ann), "sync after settling");
    assert!(synced.contains("1 taken"), "{synced}");
    assert_eq!(
        rig.box_contacts("the laptop's notes"),
        1,
        "the laptop's edit went over the box's"
    );
    let edits = count(
        &rig.db,
        "SELECT count(*) FROM audit_log WHERE actor = ?1 AND action = 'edit' AND entity = 'contact'",
        &ann.name,
    );
    assert_eq!(edits, 1, "Ann's edit is audited as hers");
}

#[test]
fn a_change_the_box_refuses_is_kept_on_the_laptop_with_its_reason() {
    if skip() {
        return;
    }
    let rig = Rig::new();
    let ann = rig.mentor(1);
    ok(rig.sync(ann), "first sync");
    // While Ann is offline, Eve moves to Ben's caseload; Ann's laptop still has her as Ann's.
    let coordinator = rig.shared.coordinator();
    ok(
        rig.on_box(
            coordinator,
            &[
                "unassign",
                "--mentor",
                "M1",
                "--mentee",
                "E1",
                "--reason",
                "exhausted",
                "--on",
                "2026-11-01",
            ],
        ),
        "unassign",
    );
    ok(
        rig.on_box(
            coordinator,
            &[
                "assign",
                "--mentor",
                "M2",
                "--mentee",
                "E1",
                "--on",
                "2026-11-02",
                "--force",
            ],
        ),
        "assign",
    );
    ok(
        rig.on_laptop(ann, &log_args("E1", "2026-11-20T09:00", "after she moved")),
        "log offline",
    );
    let refused = rig.sync(ann);
    assert_eq!(refused.status.code(), Some(3), "{}", text(&refused));
    assert!(text(&refused).contains("refused"), "{}", text(&refused));
    assert_eq!(rig.box_contacts("after she moved"), 0);
    assert_eq!(
        count(
            &rig.laptop(ann),
            "SELECT count(*) FROM contacts WHERE notes = ?1",
            "after she moved"
        ),
        1,
        "kept"
    );
    let status = ok(rig.on_laptop(ann, &["sync", "--status"]), "status");
    assert!(status.contains("refused contacts"), "{status}");
    let again = rig.sync(ann);
    assert!(
        text(&again).contains("sent 0 changes"),
        "a refused change is not sent again: {}",
        text(&again)
    );
}

#[test]
fn a_deactivated_users_copy_reports_its_queued_changes_then_empties() {
    if skip() {
        return;
    }
    let rig = Rig::new();
    let ann = rig.mentor(1);
    ok(rig.sync(ann), "first sync");
    ok(
        rig.on_laptop(ann, &log_args("E1", "2026-11-20T09:00", "never delivered")),
        "log offline",
    );
    let coordinator = rig.shared.coordinator();
    let people = coordinator.home.join("off.csv");
    std::fs::write(
        &people,
        format!(
            "id,name,role,login,active\nM1,Ann Mentor,mentor,{},no\n",
            ann.name
        ),
    )
    .unwrap();
    chown(&people, coordinator);
    ok(
        rig.on_box(coordinator, &["import", "people", people.to_str().unwrap()]),
        "deactivate",
    );
    let out = rig.sync(ann);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out));
    let said = text(&out);
    assert!(
        said.contains("deactivated") && said.contains("saved in"),
        "{said}"
    );
    let saved = said
        .lines()
        .find_map(|l| l.strip_prefix("what the box never took is saved in "))
        .map(PathBuf::from)
        .unwrap();
    assert!(
        std::fs::read_to_string(&saved)
            .unwrap()
            .contains("never delivered")
    );
    assert_eq!(
        std::fs::metadata(&saved).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let opened = rig.on_laptop(ann, &["quota"]);
    assert_ne!(opened.status.code(), Some(0));
    assert!(text(&opened).contains("empty"), "{}", text(&opened));
    assert_eq!(
        count(
            &rig.laptop(ann),
            "SELECT count(*) FROM people WHERE name != ?1",
            ""
        ),
        0,
        "no one is left on the laptop"
    );
}

#[test]
fn a_copy_past_its_allowed_age_refuses_to_open_until_it_syncs() {
    if skip() {
        return;
    }
    let rig = Rig::new();
    let ann = rig.mentor(1);
    ok(
        rig.on_box(
            rig.shared.coordinator(),
            &["settings", "set", "offline_days", "2"],
        ),
        "settings",
    );
    ok(rig.sync(ann), "first sync");
    let later = |today: &str| {
        let laptop = rig.laptop(ann);
        as_user(
            ann,
            &rig.bin,
            &["--db", laptop.to_str().unwrap(), "quota"],
            &[("MENTORDESK_TODAY", today)],
        )
    };
    assert!(later("2026-11-24").status.success());
    let locked = later("2026-11-27");
    assert_eq!(locked.status.code(), Some(3), "{}", text(&locked));
    assert!(
        text(&locked).contains("run `mentordesk sync`"),
        "{}",
        text(&locked)
    );
    ok(rig.sync_with(ann, &rig.ssh(ann), "2026-11-27", false), "sync");
    assert!(later("2026-11-27").status.success(), "open again after a sync");
}

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
