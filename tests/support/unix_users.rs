//! Real Unix users for tests that run as root (CI runs as root): a program group no user
//! belongs to, a coordinator, two mentors and an outsider, and the binary installed setgid.
#![allow(dead_code)]

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

pub fn is_root() -> bool {
    // SAFETY: a getter without arguments.
    unsafe { libc::geteuid() == 0 }
}

pub fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

pub fn system(program: &str, args: &[&str]) {
    let out = Command::new(program).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

pub struct Account {
    pub name: String,
    pub uid: u32,
    pub gid: u32,
    pub home: PathBuf,
}

/// The group, the users and the directory of one run; all removed when dropped, pass or fail.
pub struct SharedBox {
    pub base: PathBuf,
    pub group: String,
    pub gid: u32,
    pub accounts: Vec<Account>,
}

impl Drop for SharedBox {
    fn drop(&mut self) {
        for account in &self.accounts {
            let _ = Command::new("userdel").arg(&account.name).output();
        }
        let _ = Command::new("groupdel").arg(&self.group).output();
        let _ = std::fs::remove_dir_all(&self.base);
    }
}

pub fn id_of(flag: &str, name: &str) -> u32 {
    let out = Command::new("id").args([flag, name]).output().unwrap();
    assert!(out.status.success(), "id {flag} {name}");
    String::from_utf8(out.stdout).unwrap().trim().parse().unwrap()
}

impl SharedBox {
    pub fn new() -> SharedBox {
        // Unique names: short, since some tools cut user names at 32 characters. Tests of
        // this file start together, so the time alone is not enough.
        static MADE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let nth = MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tag = format!(
            "{:x}{nth}",
            std::process::id() ^ (std::time::UNIX_EPOCH.elapsed().unwrap().as_millis() as u32)
        );
        let base = PathBuf::from(format!("/tmp/mdbox-{tag}"));
        std::fs::create_dir(&base).unwrap();
        std::fs::set_permissions(&base, std::fs::Permissions::from_mode(0o755)).unwrap();
        let group = format!("mdg{tag}");
        let mut shared = SharedBox {
            base: base.clone(),
            group: group.clone(),
            gid: 0,
            accounts: Vec::new(),
        };
        system("groupadd", &[&group]);
        shared.gid = id_of_group(&group);
        std::fs::create_dir(base.join("home")).unwrap();
        std::fs::set_permissions(base.join("home"), std::fs::Permissions::from_mode(0o755)).unwrap();
        for role in ["c", "a", "b", "o"] {
            let name = format!("md{role}{tag}");
            let home = base.join("home").join(&name);
            // Each user with a group of their own (-U), and not in the program group.
            let made = Command::new("useradd")
                .args(["-M", "-U", "-s", "/bin/sh", "-d"])
                .arg(&home)
                .arg(&name)
                .output()
                .unwrap();
            assert!(
                made.status.success(),
                "useradd: {}",
                String::from_utf8_lossy(&made.stderr)
            );
            let account = Account {
                uid: id_of("-u", &name),
                gid: id_of("-g", &name),
                name,
                home,
            };
            std::fs::create_dir(&account.home).unwrap();
            std::os::unix::fs::chown(&account.home, Some(account.uid), Some(account.gid)).unwrap();
            std::fs::set_permissions(&account.home, std::fs::Permissions::from_mode(0o700)).unwrap();
            shared.accounts.push(account);
        }
        shared
    }

    pub fn coordinator(&self) -> &Account {
        &self.accounts[0]
    }

    pub fn mentor(&self, n: usize) -> &Account {
        &self.accounts[n]
    }

    /// A local user who is in no program.
    pub fn outsider(&self) -> &Account {
        &self.accounts[3]
    }

    /// The directory the admin sets up for shared programs: root's, of the group, 2770.
    pub fn programs_dir(&self) -> PathBuf {
        let dir = self.base.join("srv");
        std::fs::create_dir(&dir).unwrap();
        std::os::unix::fs::chown(&dir, Some(0), Some(self.gid)).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o2770)).unwrap();
        dir
    }

    /// A shared program made by the coordinator in the admin's directory, with two mentors
    /// (M1 and M2, the logins of mentors 1 and 2); its database path.
    pub fn program(&self, bin: &Path) -> PathBuf {
        let coordinator = self.coordinator();
        let db = self.programs_dir().join("team/program.db");
        let db_arg = db.to_str().unwrap();
        ok(
            as_user(
                coordinator,
                bin,
                &[
                    "--db",
                    db_arg,
                    "init",
                    "--preset",
                    "rural-union",
                    "--start",
                    "2026-08-01",
                    "--shared",
                    "--group",
                    &self.group,
                ],
                &[],
            ),
            "init --shared",
        );
        let people = coordinator.home.join("people.csv");
        std::fs::write(
            &people,
            format!(
                "id,name,role,login\nM1,Ann Mentor,mentor,{}\nM2,Bob Mentor,mentor,{}\n",
                self.mentor(1).name,
                self.mentor(2).name
            ),
        )
        .unwrap();
        std::os::unix::fs::chown(&people, Some(coordinator.uid), Some(coordinator.gid)).unwrap();
        ok(
            as_user(
                coordinator,
                bin,
                &["--db", db_arg, "import", "people", people.to_str().unwrap()],
                &[],
            ),
            "import people",
        );
        db
    }

    /// The binary, installed as a package would: root's, setgid to the program group.
    pub fn install(&self) -> PathBuf {
        let bin = self.base.join("bin");
        std::fs::create_dir(&bin).unwrap();
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
        let installed = bin.join("mentordesk");
        std::fs::copy(env!("CARGO_BIN_EXE_mentordesk"), &installed).unwrap();
        std::os::unix::fs::chown(&installed, Some(0), Some(self.gid)).unwrap();
        std::fs::set_permissions(&installed, std::fs::Permissions::from_mode(0o2755)).unwrap();
        installed
    }
}

pub fn id_of_group(name: &str) -> u32 {
    let out = Command::new("getent").args(["group", name]).output().unwrap();
    let line = String::from_utf8(out.stdout).unwrap();
    line.split(':').nth(2).unwrap().trim().parse().unwrap()
}

/// A command as `account`, with a clean environment of their own plus `env`.
pub fn as_user(account: &Account, program: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut tries = 0;
    loop {
        let run = Command::new(program)
            .args(args)
            .env_clear()
            .env("HOME", &account.home)
            .env("PATH", "/usr/bin:/bin")
            .env("MENTORDESK_TODAY", "2026-11-23")
            .envs(env.iter().copied())
            .current_dir(&account.home)
            .uid(account.uid)
            .gid(account.gid)
            .stdin(Stdio::null())
            .output();
        match run {
            // Another test's child, forked while this test's binary was being copied, may
            // still hold it open for writing until it execs.
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy && tries < 100 => {
                tries += 1;
                std::thread::sleep(Duration::from_millis(20));
            }
            run => return run.unwrap(),
        }
    }
}

pub fn ok(out: Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Every audit row, read by root behind the app's back.
pub fn audit_rows(db: &Path) -> Vec<(i64, String, String, String, String)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT key, at, actor, action, entity || ' ' || coalesce(entity_key, '') || ' ' || detail FROM audit_log ORDER BY key")
        .unwrap();
    stmt.query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}
