//! The shared box, with real Unix users (runs only as root; CI runs as root): a program group
//! no user belongs to, the binary installed setgid to it, a coordinator and two mentors.
//! Only mentordesk opens the data; the OS refuses everyone else.

#[path = "support/raw_pty.rs"]
mod raw_pty;
#[path = "support/unix_users.rs"]
mod unix_users;

use raw_pty::{Screen, open_pty, type_keys};
use std::os::fd::AsRawFd;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use unix_users::*;

/// Arguments and environment variables a mentor tries.
type Attempt<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)]);

/// The mentor's app in a terminal: a contact draft typed, then the terminal closed.
fn leave_a_draft(account: &Account, bin: &Path, db: &Path, text: &str) {
    let (master, slave) = open_pty();
    let mut command = Command::new(bin);
    command
        .arg("--db")
        .arg(db)
        .env_clear()
        .env("HOME", &account.home)
        .env("PATH", "/usr/bin:/bin")
        .env("TERM", "xterm-256color")
        .env("MENTORDESK_TODAY", "2026-11-23")
        .current_dir(&account.home)
        .uid(account.uid)
        .gid(account.gid)
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave));
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        command.pre_exec(|| {
            libc::setsid();
            libc::ioctl(libc::STDIN_FILENO, libc::TIOCSCTTY, 0);
            Ok(())
        });
    }
    let mut child = command.spawn().unwrap();
    drop(command);
    let mut screen = Screen::read(master.as_raw_fd());
    screen.wait_for("Active pairs");
    type_keys(&master, "a");
    screen.wait_for("Log a contact"); // on the notes
    type_keys(&master, text);
    screen.wait_for(text);
    screen.stop();
    drop(master);
    let closed = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if closed.elapsed() > Duration::from_secs(5) {
            // Killed first, so that the user can be removed.
            let _ = child.kill();
            let _ = child.wait();
            panic!("the app outlived its terminal");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The user's own files the app made under their home: private store and drafts.
fn own_files(account: &Account) -> Vec<PathBuf> {
    let data = account.home.join(".local/share/mentordesk");
    let mut files = Vec::new();
    for dir in ["private", "drafts"] {
        let dir = data.join(dir);
        assert_eq!(mode(&dir), 0o700, "{}", dir.display());
        assert_eq!(
            std::fs::metadata(&dir).unwrap().gid(),
            account.gid,
            "{}",
            dir.display()
        );
        for entry in std::fs::read_dir(&dir).unwrap() {
            files.push(entry.unwrap().path());
        }
    }
    files
}

#[test]
fn only_mentordesk_opens_the_shared_program_and_nobody_acts_as_someone_else() {
    if !is_root() {
        println!("skipped: needs root");
        return;
    }
    let shared = SharedBox::new();
    let bin = shared.install();
    let coordinator = shared.coordinator();
    let (mentor_a, mentor_b) = (shared.mentor(1), shared.mentor(2));

    // The coordinator sets the program up in the directory the admin made for programs.
    let db = shared.program(&bin);
    let db_arg = db.to_str().unwrap();
    let program_dir = db.parent().unwrap().to_path_buf();
    let srv = program_dir.parent().unwrap();
    assert_eq!(mode(&program_dir), 0o2770);
    assert_eq!(std::fs::metadata(&program_dir).unwrap().gid(), shared.gid);
    assert_eq!(mode(&db), 0o660);
    assert_eq!(std::fs::metadata(&db).unwrap().gid(), shared.gid);
    assert_eq!(mode(srv), 0o2770, "the parent it did not create is unchanged");

    let people = coordinator.home.join("mentees.csv");
    std::fs::write(&people, "id,name,role\nL1,Lee One,mentee\nL2,Lou Two,mentee\n").unwrap();
    let pairs = coordinator.home.join("pairs.csv");
    std::fs::write(
        &pairs,
        "mentor_id,mentee_id,started_on\nM1,L1,2026-09-01\nM2,L2,2026-09-01\n",
    )
    .unwrap();
    for file in [&people, &pairs] {
        std::os::unix::fs::chown(file, Some(coordinator.uid), Some(coordinator.gid)).unwrap();
    }
    for (kind, file) in [("people", &people), ("assignments", &pairs)] {
        ok(
            as_user(
                coordinator,
                &bin,
                &["--db", db_arg, "import", kind, file.to_str().unwrap()],
                &[],
            ),
            kind,
        );
    }
    let quota = ok(
        as_user(coordinator, &bin, &["--db", db_arg, "quota"], &[]),
        "coordinator quota",
    );
    assert_eq!(
        quota.lines().count(),
        2,
        "the coordinator sees both mentors:\n{quota}"
    );

    // A mentor cannot open the file, nor even look into its directory: the OS says no.
    for path in [&db, &program_dir] {
        let out = as_user(
            mentor_a,
            Path::new("/usr/bin/cat"),
            &[path.to_str().unwrap()],
            &[],
        );
        assert!(!out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("Permission denied"), "{stderr}");
    }

    // Through mentordesk, the mentor works on their own caseload only.
    let quota = ok(
        as_user(mentor_a, &bin, &["--db", db_arg, "quota"], &[]),
        "mentor quota",
    );
    assert_eq!(quota.lines().count(), 1, "{quota}");
    assert!(quota.contains("Ann Mentor"), "{quota}");
    ok(
        as_user(
            mentor_a,
            &bin,
            &[
                "--db",
                db_arg,
                "log",
                "--mentor",
                "M1",
                "--person",
                "L1",
                "--method",
                "phone",
                "--outcome",
                "conversation",
                "--at",
                "2026-11-20T10:00",
            ],
            &[],
        ),
        "the mentor logs a contact",
    );
    let audit_before = audit_rows(&db);

    // No flag or variable makes a mentor the coordinator, or someone else.
    let pretend: &[Attempt] = &[
        (&["--db", db_arg, "audit"], &[]),
        (
            &["--db", db_arg, "audit"],
            &[("USER", &coordinator.name), ("LOGNAME", &coordinator.name)],
        ),
        (
            &["audit"],
            &[("MENTORDESK_DB", db_arg), ("USER", &coordinator.name)],
        ),
        (&["--db", db_arg, "--as", &coordinator.name, "audit"], &[]),
        (&["--db", db_arg, "--as", &mentor_b.name, "quota"], &[]),
        (&["--db", db_arg, "settings", "set", "quota", "1"], &[]),
        (
            &["--db", db_arg, "assign", "--mentor", "M1", "--mentee", "L2"],
            &[],
        ),
        (&["--db", db_arg, "--demo=rural-union", "quota"], &[]),
        (
            &["--db", db_arg, "import", "people", people.to_str().unwrap()],
            &[],
        ),
        (
            &[
                "--db",
                db_arg,
                "log",
                "--mentor",
                "M2",
                "--person",
                "L2",
                "--method",
                "phone",
                "--outcome",
                "conversation",
            ],
            &[],
        ),
    ];
    for (args, env) in pretend {
        let out = as_user(mentor_a, &bin, args, env);
        assert!(
            !out.status.success(),
            "{args:?} {env:?} worked for a mentor: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stderr).lines().count(),
            1,
            "{args:?}"
        );
    }
    // A uid without a password entry is nobody, whatever `USER` says.
    let nameless = Account {
        name: coordinator.name.clone(),
        uid: 3_999_999,
        gid: 3_999_999,
        home: shared.base.clone(),
    };
    let out = as_user(
        &nameless,
        &bin,
        &["--db", db_arg, "audit"],
        &[("USER", &coordinator.name)],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("has no entry in the password database"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_eq!(
        audit_rows(&db),
        audit_before,
        "refused attempts left no trace and changed nothing"
    );

    // Each mentor's private store and drafts are their own: 0600, their own group, 0700 dirs.
    leave_a_draft(mentor_a, &bin, &db, "plan for Lee");
    leave_a_draft(mentor_b, &bin, &db, "plan for Lou");
    for (owner, other) in [(mentor_a, mentor_b), (mentor_b, mentor_a)] {
        let files = own_files(owner);
        assert!(
            files.iter().any(|f| f.extension().is_some_and(|e| e == "db")),
            "{files:?}"
        );
        assert!(
            files.iter().any(|f| f.extension().is_some_and(|e| e == "json")),
            "{files:?}"
        );
        for file in &files {
            let meta = std::fs::metadata(file).unwrap();
            assert_eq!(meta.uid(), owner.uid, "{}", file.display());
            assert_eq!(meta.gid(), owner.gid, "{} has the program group", file.display());
            assert_eq!(meta.permissions().mode() & 0o777, 0o600, "{}", file.display());
            let out = as_user(other, Path::new("/usr/bin/cat"), &[file.to_str().unwrap()], &[]);
            assert!(!out.status.success(), "{} read {}", other.name, file.display());
        }
    }

    // The audit log only grows: whatever the coordinator does through the app, the rows
    // already there stay as they were.
    let before = audit_rows(&db);
    for args in [
        &["--db", db_arg, "settings", "set", "quota", "4"][..],
        &[
            "--db",
            db_arg,
            "unassign",
            "--mentor",
            "M2",
            "--mentee",
            "L2",
            "--reason",
            "completed",
        ],
        &["--db", db_arg, "audit", "--limit", "1000"],
    ] {
        ok(as_user(coordinator, &bin, args, &[]), &format!("{args:?}"));
    }
    let after = audit_rows(&db);
    assert!(after.len() > before.len(), "the changes were audited");
    assert_eq!(after[..before.len()], before[..], "earlier audit rows changed");
}

#[test]
fn init_shared_into_an_existing_directory_refuses_and_leaves_it_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let sticky = dir.path().join("tmp");
    for (path, mode) in [(&home, 0o755), (&sticky, 0o1777)] {
        std::fs::create_dir(path).unwrap();
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    std::fs::write(home.join(".bashrc"), "# mine\n").unwrap();
    let mut cases = vec![
        (home.clone(), "is a directory that is not empty"),
        (sticky.clone(), "already exists"),
    ];
    if is_root() {
        let foreign = dir.path().join("foreign");
        std::fs::create_dir(&foreign).unwrap();
        std::os::unix::fs::chown(&foreign, Some(65534), Some(65534)).unwrap();
        cases.push((foreign, "is someone else's directory"));
    }
    // SAFETY: a getter without arguments.
    let group = unsafe { libc::getgrgid(libc::getegid()) };
    // SAFETY: checked non-null; the name is copied at once.
    let group = unsafe { std::ffi::CStr::from_ptr((*group).gr_name) }
        .to_string_lossy()
        .into_owned();
    for (target, reason) in cases {
        let before = std::fs::metadata(&target).unwrap();
        let db = target.join("program.db");
        let out = Command::new(env!("CARGO_BIN_EXE_mentordesk"))
            .arg("--db")
            .arg(&db)
            .args([
                "init",
                "--preset",
                "rural-union",
                "--start",
                "2026-08-01",
                "--shared",
                "--group",
                &group,
            ])
            .env_remove("MENTORDESK_DB")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {stderr}", target.display());
        assert!(stderr.contains(reason), "{}: {stderr}", target.display());
        assert_eq!(stderr.lines().count(), 1);
        let after = std::fs::metadata(&target).unwrap();
        assert_eq!(
            after.permissions().mode(),
            before.permissions().mode(),
            "{}",
            target.display()
        );
        assert_eq!(
            (after.uid(), after.gid()),
            (before.uid(), before.gid()),
            "{}",
            target.display()
        );
        assert!(!db.exists());
    }
    assert_eq!(std::fs::read_to_string(home.join(".bashrc")).unwrap(), "# mine\n");
}

#[test]
fn init_shared_without_a_group_says_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mentordesk"))
        .arg("--db")
        .arg(dir.path().join("team/program.db"))
        .args([
            "init",
            "--preset",
            "rural-union",
            "--start",
            "2026-08-01",
            "--shared",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--group"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

/// The one line a refused command printed, with `path` put as PATH, so that refusals about
/// different files can be compared.
fn refusal(out: &Output, path: &Path) -> String {
    assert!(!out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    format!(
        "{:?} {}",
        out.status.code(),
        stderr.replace(path.to_str().unwrap(), "PATH")
    )
}

#[test]
fn hostile_paths_never_keep_the_group_nor_show_what_the_program_directory_holds() {
    if !is_root() {
        println!("skipped: needs root");
        return;
    }
    let shared = SharedBox::new();
    let bin = shared.install();
    let db = shared.program(&bin);
    let db_arg = db.to_str().unwrap();
    let program_dir = db.parent().unwrap();
    // A file of the group beside the database, as a backup or an export left there would be.
    let beside = program_dir.join("staff.csv");
    std::fs::write(&beside, "id,name,role\nX1,Secret Person,mentor\n").unwrap();
    std::os::unix::fs::chown(&beside, Some(0), Some(shared.gid)).unwrap();
    std::fs::set_permissions(&beside, std::fs::Permissions::from_mode(0o660)).unwrap();
    let missing = program_dir.join("nothing-here.csv");

    for who in [shared.coordinator(), shared.mentor(1), shared.outsider()] {
        // A SQLite URI naming the real program, with options of the user's choosing, is no path.
        for uri in [
            format!("file:{db_arg}?nolock=1"),
            format!("file:{db_arg}?mode=ro&locking_mode=exclusive"),
            format!("FILE:{db_arg}"),
            format!("file://localhost{db_arg}"),
        ] {
            let out = as_user(who, &bin, &["--db", &uri, "quota"], &[]);
            let line = refusal(&out, Path::new(&uri));
            assert!(line.contains("a SQLite URI, not a path"), "{}: {line}", who.name);
            let out = as_user(who, &bin, &["quota"], &[("MENTORDESK_DB", &uri)]);
            assert!(
                refusal(&out, Path::new(&uri)).contains("a SQLite URI"),
                "{}",
                who.name
            );
        }
        // Imports read as the user: the database, a file beside it and a missing one all look
        // the same, and none of their bytes is shown.
        let as_import = |file: &Path| {
            let out = as_user(
                who,
                &bin,
                &["--db", db_arg, "import", "contacts", file.to_str().unwrap()],
                &[],
            );
            assert!(!String::from_utf8_lossy(&out.stderr).contains("SQLite format"));
            assert!(!String::from_utf8_lossy(&out.stderr).contains("Secret"));
            refusal(&out, file)
        };
        let seen: Vec<String> = [db.as_path(), &beside, &missing, program_dir]
            .into_iter()
            .map(as_import)
            .collect();
        assert!(seen.windows(2).all(|w| w[0] == w[1]), "{}: {seen:#?}", who.name);
        // As a database: a file of the group that is not a program looks like no file at all.
        let as_db = |file: &Path| {
            refusal(
                &as_user(who, &bin, &["--db", file.to_str().unwrap(), "quota"], &[]),
                file,
            )
        };
        assert_eq!(as_db(&beside), as_db(&missing), "{}", who.name);
        assert!(
            as_db(&missing).contains("no program database here"),
            "{}",
            as_db(&missing)
        );
        // Nobody but root makes a directory of the group outside the admin's directory.
        let decoy = who.home.join("decoy");
        let out = as_user(
            who,
            &bin,
            &[
                "--db",
                decoy.join("program.db").to_str().unwrap(),
                "init",
                "--preset",
                "rural-union",
                "--start",
                "2026-08-01",
                "--shared",
                "--group",
                &shared.group,
            ],
            &[],
        );
        assert!(
            refusal(&out, &decoy).contains("not a directory the admin set up for programs"),
            "{}",
            who.name
        );
        assert!(!decoy.exists(), "{}", who.name);
    }
    // An outsider learns only that they are not in the program.
    let out = as_user(shared.outsider(), &bin, &["--db", db_arg, "quota"], &[]);
    let line = refusal(&out, &db);
    assert!(line.contains("is not part of"), "{line}");
}

#[test]
fn backups_keep_the_programs_group_and_mode_and_a_mentor_can_neither_back_up_nor_restore() {
    if !is_root() {
        println!("skipped: needs root");
        return;
    }
    let shared = SharedBox::new();
    let bin = shared.install();
    let coordinator = shared.coordinator();
    let mentor = shared.mentor(1);
    let db = shared.program(&bin);
    let db_arg = db.to_str().unwrap();
    let run = |account: &Account, args: &[&str]| {
        let mut all = vec!["--db", db_arg];
        all.extend_from_slice(args);
        as_user(account, &bin, &all, &[])
    };

    let said = ok(run(coordinator, &["backup"]), "the coordinator's backup");
    let copy = PathBuf::from(said.split_whitespace().nth(3).unwrap());
    let backups = db.parent().unwrap().join("backups");
    assert_eq!(copy.parent().unwrap(), backups);
    assert_eq!(
        mode(&backups),
        0o2770,
        "the backup directory is made like the program's"
    );
    assert_eq!(std::fs::metadata(&backups).unwrap().gid(), shared.gid);
    assert_eq!(mode(&copy), mode(&db), "the database's mode");
    assert_eq!(
        std::fs::metadata(&copy).unwrap().gid(),
        shared.gid,
        "the database's group"
    );
    let listed = || -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&backups)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files
    };
    let before = (listed(), audit_rows(&db));

    // A mentor: refused in one line, exit 3, nothing written, the OS keeps them out of the copies.
    for args in [
        vec!["backup"],
        vec!["backup", "--keep", "1"],
        vec!["restore", copy.to_str().unwrap()],
    ] {
        let out = run(mentor, &args);
        assert_eq!(
            out.status.code(),
            Some(3),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.contains("only a coordinator or root"), "{err}");
        assert_eq!((listed(), audit_rows(&db)), before, "{args:?} changed something");
    }
    let cat = as_user(mentor, Path::new("/bin/cat"), &[copy.to_str().unwrap()], &[]);
    assert!(
        !cat.status.success(),
        "a mentor's own cat of a backup is refused by the OS"
    );

    // The coordinator restores; root (the timer's user) backs up and prunes.
    ok(
        run(coordinator, &["restore", copy.to_str().unwrap()]),
        "the coordinator's restore",
    );
    let last = audit_rows(&db).pop().unwrap();
    assert_eq!(
        (last.2.as_str(), last.3.as_str()),
        (coordinator.name.as_str(), "restore"),
        "{last:?}"
    );
    let out = Command::new(&bin)
        .args(["--db", db_arg, "backup", "--keep", "1"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "root's backup: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let left = listed();
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(std::fs::metadata(&left[0]).unwrap().gid(), shared.gid);
    assert_eq!(mode(&left[0]), mode(&db));
}

#[test]
fn programs_open_a_listed_file_of_the_group_only_when_it_is_a_shared_program() {
    if !is_root() {
        println!("skipped: needs root");
        return;
    }
    let shared = SharedBox::new();
    let bin = shared.install();
    let db = shared.program(&bin);
    // A copy of the program where the group's rights would reach it, but not in a directory
    // the admin set up for programs (0770, not 2770): the coordinator cannot open it themselves.
    let elsewhere = shared.base.join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::os::unix::fs::chown(&elsewhere, Some(0), Some(shared.gid)).unwrap();
    std::fs::set_permissions(&elsewhere, std::fs::Permissions::from_mode(0o770)).unwrap();
    let copy = elsewhere.join("program.db");
    std::fs::copy(&db, &copy).unwrap();
    std::os::unix::fs::chown(&copy, Some(0), Some(shared.gid)).unwrap();
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o660)).unwrap();

    let coordinator = shared.coordinator();
    let config = coordinator.home.join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[[programs]]\nname = \"Team\"\ndb = \"{}\"\n\n[[programs]]\nname = \"Elsewhere\"\ndb = \"{}\"\n",
            db.display(),
            copy.display()
        ),
    )
    .unwrap();
    std::os::unix::fs::chown(&config, Some(coordinator.uid), Some(coordinator.gid)).unwrap();
    let out = as_user(
        coordinator,
        &bin,
        &["programs", "--json"],
        &[("MENTORDESK_CONFIG", config.to_str().unwrap())],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["problem"], serde_json::Value::Null, "{rows}");
    assert_eq!(rows[0]["figures"]["mentors"], 2, "{rows}");
    assert_eq!(rows[1]["figures"], serde_json::Value::Null, "{rows}");
    let problem = rows[1]["problem"].as_str().unwrap();
    assert!(problem.starts_with("could not open"), "{problem}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Elsewhere") && !err.contains("Team"), "{err}");

    // The cache is the coordinator's own file, not the group's.
    let cache = coordinator
        .home
        .join(".local/share/mentordesk/programs-cache.json");
    assert_eq!(mode(&cache), 0o600);
    let meta = std::fs::metadata(&cache).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (coordinator.uid, coordinator.gid));
}
