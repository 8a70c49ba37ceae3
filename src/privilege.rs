//! Running setgid, as crontab does: the installed binary is setgid to the program's group, so
//! it can open the shared database that no user can open themselves. Everything else the process
//! touches must be done with the user's own rights:
//!
//! - [`harden`] turns core dumps off before anything else runs, so private text never lands in
//!   a core file;
//! - [`settle`] keeps the group only for a database that `init --shared` made (a file of the
//!   group in a 2770 directory of the group); for any other path, given by `--db`,
//!   `MENTORDESK_DB` or the default, it drops the group for good, so no option or variable can
//!   point the group's rights at a file of the user's choosing;
//! - [`AsUser`] drops the effective group for a moment, while the user's own files (private
//!   store, drafts, letters) are created or read: they get the user's own group, and a symlink
//!   planted in the user's directories cannot lead the group's rights anywhere.

use std::io;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// The mode of the directory `init --shared` makes, and of the database file in it.
pub const SHARED_DIR_MODE: u32 = 0o2770;
pub const SHARED_FILE_MODE: u32 = 0o660;

/// Core dumps off: no core limit, and not dumpable (which also keeps other processes of the
/// same user from attaching a debugger).
pub fn harden() {
    let none = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: plain system calls on this process with valid arguments.
    unsafe {
        libc::setrlimit(libc::RLIMIT_CORE, &none);
        libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
}

/// Whether the process runs with a group other than the user's own (the setgid binary).
pub fn is_setgid() -> bool {
    // SAFETY: getters without arguments.
    unsafe { libc::getegid() != libc::getgid() }
}

fn set_egid(gid: libc::gid_t) -> io::Result<()> {
    // SAFETY: setegid takes a plain id; glibc applies it to every thread of the process.
    if unsafe { libc::setegid(gid) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// While alive, the process acts with the user's own group; dropping it restores the group.
/// Without setgid it does nothing.
#[must_use = "the user's rights last only while the guard lives"]
pub struct AsUser {
    saved: Option<libc::gid_t>,
}

impl AsUser {
    pub fn enter() -> io::Result<AsUser> {
        if !is_setgid() {
            return Ok(AsUser { saved: None });
        }
        // SAFETY: getters without arguments.
        let (effective, real) = unsafe { (libc::getegid(), libc::getgid()) };
        set_egid(real)?;
        Ok(AsUser {
            saved: Some(effective),
        })
    }
}

impl Drop for AsUser {
    fn drop(&mut self) {
        if let Some(gid) = self.saved
            && let Err(err) = set_egid(gid)
        {
            // Carrying on without the group would fail later with a misleading message.
            eprintln!("mentordesk: cannot take the program group back: {err}");
            std::process::exit(1);
        }
    }
}

/// Gives up the program group for the rest of the process: real, effective and saved.
pub fn drop_group_for_good() -> io::Result<()> {
    if !is_setgid() {
        return Ok(());
    }
    // SAFETY: getgid has no arguments; setresgid takes plain ids.
    unsafe {
        let real = libc::getgid();
        if libc::setresgid(real, real, real) != 0 {
            return Err(io::Error::last_os_error());
        }
    }
    Ok(())
}

/// Whether `db` is a shared program database of the effective group: a regular file of the
/// group in a directory of the group with mode 2770, the shape `init --shared` makes, that is a
/// mentordesk database (SQLite's header with a schema version set). The file is judged through
/// the handle opened on it, never followed through a symlink, so whatever else sits in a
/// protected directory (or does not) looks the same as a missing file: the group is given up.
pub fn is_shared_program(db: &Path) -> bool {
    use std::io::Read;
    // SAFETY: a getter without arguments.
    let group = unsafe { libc::getegid() };
    let dir = db
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(dir_meta) = std::fs::metadata(dir) else {
        return false;
    };
    if !(dir_meta.is_dir()
        && dir_meta.gid() == group
        && dir_meta.permissions().mode() & 0o7777 == SHARED_DIR_MODE)
    {
        return false;
    }
    let Ok(mut file) = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(db)
    else {
        return false;
    };
    let Ok(file_meta) = file.metadata() else {
        return false;
    };
    let mut header = [0u8; 100];
    file_meta.is_file()
        && file_meta.gid() == group
        && file.read_exact(&mut header).is_ok()
        && is_program_header(&header)
}

/// SQLite's file header with a non-zero `user_version` (bytes 60–63), which every mentordesk
/// schema sets.
fn is_program_header(header: &[u8; 100]) -> bool {
    header.starts_with(b"SQLite format 3\0")
        && u32::from_be_bytes([header[60], header[61], header[62], header[63]]) > 0
}

/// The database path as SQLite must see it: a plain file path made absolute. SQLite reads a
/// name starting with `file:` as a URI whose options (locking, mode, another file) the user
/// would choose, and `:memory:` as no file at all; neither is a path, so neither is accepted.
/// An absolute path starts with `/`, which SQLite never reads as a URI.
pub fn plain_db_path(db: &Path) -> Result<std::path::PathBuf, String> {
    let text = db.as_os_str().as_encoded_bytes();
    if text.is_empty() {
        return Err("an empty database path".into());
    }
    if text.len() >= 5 && text[..5].eq_ignore_ascii_case(b"file:") || text == b":memory:" {
        return Err(format!(
            "{}: a SQLite URI, not a path; give the path of the database file",
            db.display()
        ));
    }
    std::path::absolute(db).map_err(|e| format!("{}: {e}", db.display()))
}

/// Decides, before any file is opened, whether the process keeps the program group: only to
/// open a shared program database, or to create one with `init --shared`. `db` must come from
/// [`plain_db_path`], so the file checked is the file SQLite opens.
pub fn settle(db: Option<&Path>, creating_shared: bool) -> io::Result<()> {
    if !is_setgid() || creating_shared || db.is_some_and(is_shared_program) {
        return Ok(());
    }
    drop_group_for_good()
}

/// Opens a file the user named (an import) for reading, with the user's own rights only: the
/// program group's cannot read it for them, nor tell them whether a file they cannot reach
/// exists.
pub fn open_users_file(path: &Path) -> io::Result<std::fs::File> {
    let _as_user = AsUser::enter()?;
    std::fs::File::open(path)
}

/// Creates or replaces one of the user's own files (a letter): 0600, as the user, never
/// through a symlink.
pub fn write_own_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let _as_user = AsUser::enter()?;
    if let Some(dir) = path.parent() {
        create_own_dir(dir)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)?;
    file.write_all(bytes)
}

/// Creates the user's own directory (and its parents) with mode 0700, as the user.
pub fn create_own_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    let _as_user = AsUser::enter()?;
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_setgid_the_guard_and_settle_change_nothing() {
        assert!(!is_setgid(), "tests do not run setgid");
        // SAFETY: a getter without arguments.
        let before = unsafe { libc::getegid() };
        {
            let _as_user = AsUser::enter().unwrap();
        }
        settle(None, false).unwrap();
        assert_eq!(unsafe { libc::getegid() }, before);
    }

    #[test]
    fn own_files_are_private_and_never_followed_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let letter = dir.path().join("letters/thanks.txt");
        write_own_file(&letter, b"thank you").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode(&letter), 0o600);
        assert_eq!(mode(letter.parent().unwrap()), 0o700);
        let target = dir.path().join("program.db");
        std::fs::write(&target, b"shared").unwrap();
        let planted = dir.path().join("letters/planted.txt");
        std::os::unix::fs::symlink(&target, &planted).unwrap();
        assert!(write_own_file(&planted, b"overwritten").is_err());
        assert_eq!(std::fs::read(&target).unwrap(), b"shared");
    }

    #[test]
    fn only_a_file_of_the_group_in_a_2770_directory_is_a_shared_program() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("program.db");
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        drop(conn);
        let not_sqlite = dir.path().join("notes.csv");
        std::fs::write(&not_sqlite, b"id,name\n").unwrap();
        let other_sqlite = dir.path().join("other.db");
        // Another program's SQLite file: a header of its own, no schema version.
        rusqlite::Connection::open(&other_sqlite)
            .unwrap()
            .pragma_update(None, "application_id", 7)
            .unwrap();
        let link = dir.path().join("link.db");
        std::os::unix::fs::symlink(&db, &link).unwrap();
        assert!(!is_shared_program(&db), "0700 temp directory");
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(SHARED_DIR_MODE)).unwrap();
        // The directory's group is the test's own group, which is the effective group here.
        let same_group = std::fs::metadata(dir.path()).unwrap().gid() == unsafe { libc::getegid() };
        assert!(same_group, "a new directory takes the process's group");
        assert!(is_shared_program(&db));
        for not_a_program in [not_sqlite, other_sqlite, link, dir.path().join("missing.db")] {
            assert!(!is_shared_program(&not_a_program), "{}", not_a_program.display());
        }
    }

    #[test]
    fn a_database_path_is_a_plain_absolute_path_never_a_uri() {
        for uri in [
            "file:program.db",
            "FILE:/srv/x.db?mode=ro",
            "file:///srv/x.db",
            ":memory:",
            "",
        ] {
            assert!(plain_db_path(Path::new(uri)).is_err(), "{uri}");
        }
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(plain_db_path(Path::new("team.db")).unwrap(), cwd.join("team.db"));
        assert_eq!(plain_db_path(Path::new("./file:x")).unwrap(), cwd.join("file:x"));
        assert_eq!(
            plain_db_path(Path::new("/srv/a.db")).unwrap(),
            Path::new("/srv/a.db")
        );
    }
}
