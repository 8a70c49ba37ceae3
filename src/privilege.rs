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
/// group in a directory of the group with mode 2770, the shape `init --shared` makes.
pub fn is_shared_program(db: &Path) -> bool {
    // SAFETY: a getter without arguments.
    let group = unsafe { libc::getegid() };
    let dir = db
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let (Ok(dir_meta), Ok(file_meta)) = (std::fs::metadata(dir), std::fs::metadata(db)) else {
        return false;
    };
    dir_meta.is_dir()
        && dir_meta.gid() == group
        && dir_meta.permissions().mode() & 0o7777 == SHARED_DIR_MODE
        && file_meta.is_file()
        && file_meta.gid() == group
}

/// Decides, before any file is opened, whether the process keeps the program group: only to
/// open a shared program database, or to create one with `init --shared`.
pub fn settle(db: Option<&Path>, creating_shared: bool) -> io::Result<()> {
    if !is_setgid() || creating_shared || db.is_some_and(is_shared_program) {
        return Ok(());
    }
    drop_group_for_good()
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
        std::fs::write(&db, b"").unwrap();
        assert!(!is_shared_program(&db), "0700 temp directory");
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(SHARED_DIR_MODE)).unwrap();
        // The directory's group is the test's own group, which is the effective group here.
        let same_group = std::fs::metadata(dir.path()).unwrap().gid() == unsafe { libc::getegid() };
        assert_eq!(is_shared_program(&db), same_group);
        assert!(!is_shared_program(&dir.path().join("missing.db")));
    }
}
