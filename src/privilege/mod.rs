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
//!
//! This is the one platform seam for all of it: the Unix side is `unix.rs`. Elsewhere (Windows,
//! where only a laptop copy runs) `other.rs` has no setgid binary, so no group to keep or drop,
//! files opened plainly and without modes, and the login from the system. Every module makes its
//! files through [`open_no_follow`], [`set_access`] and [`Access`], so none names a Unix API.

use std::io;
use std::path::Path;

#[cfg(unix)]
mod unix;
#[cfg(unix)]
use unix as imp;
#[cfg(unix)]
pub use unix::{SHARED_DIR_MODE, SHARED_FILE_MODE};

#[cfg(not(unix))]
mod other;
#[cfg(not(unix))]
use other as imp;

pub use imp::{
    Access, AsUser, drop_group_for_good, harden, is_admin, is_setgid, is_shared_program, login_name,
    make_dir_like, may_write, open_no_follow, open_to_inspect, same_file, set_access, special_kind,
};

/// The database path as SQLite must see it: a plain file path made absolute. SQLite reads a
/// name starting with `file:` as a URI whose options (locking, mode, another file) the user
/// would choose, and `:memory:` as no file at all; neither is a path, so neither is accepted.
/// An absolute path never starts with `file:`, so SQLite never reads it as a URI.
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
    let mut file = open_no_follow(
        std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true),
        path,
        Access::mode(0o600),
    )?;
    file.write_all(bytes)
}

/// Creates the user's own directory (and its parents) with mode 0700, as the user.
pub fn create_own_dir(dir: &Path) -> io::Result<()> {
    let _as_user = AsUser::enter()?;
    imp::create_dirs(dir, 0o700)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(unix)]
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    #[cfg(unix)]
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

    #[cfg(unix)]
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

    #[cfg(unix)]
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
