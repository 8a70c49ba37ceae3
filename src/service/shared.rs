//! The new directory and file of a shared program (`init --shared`): a Unix box's group, modes
//! and setgid binary. Elsewhere there is no shared program, and `init --shared` says so.

use crate::error::{Error, Result};
use crate::service::store::Store;
use std::path::Path;

/// Makes the new directory of a shared program for the group `group`, and in it the program
/// database `db`, empty.
#[cfg(not(unix))]
pub fn create(db: &Path, group: &str) -> Result<Store> {
    Err(Error::Input(format!(
        "{}: --group {group}: a shared program needs a Unix box (its groups and setgid binary); here a program is one user's file, made by init without --shared",
        db.display()
    )))
}

#[cfg(unix)]
pub use unix::create;

#[cfg(unix)]
mod unix {
    use super::*;
    use crate::privilege::{SHARED_DIR_MODE, SHARED_FILE_MODE};
    use std::os::unix::fs::PermissionsExt;

    /// Makes the new directory of a shared program for the group `group`, and in it the program
    /// database `db`, empty.
    pub fn create(db: &Path, group: &str) -> Result<Store> {
        let gid = group_id(group)?;
        let dir = db.parent().filter(|p| !p.as_os_str().is_empty()).ok_or_else(|| {
            Error::Input(format!(
                "{}: name the new directory too, like /srv/mentordesk/team/program.db",
                db.display()
            ))
        })?;
        let file_name = db
            .file_name()
            .ok_or_else(|| Error::Input(format!("{}: name the database file", db.display())))?;
        create_shared_dir(dir, file_name, gid)?;
        let made = Store::open_new_file(db);
        if made.is_err() {
            // The directory is ours, made just now: nothing half made is left behind.
            let _ = std::fs::remove_dir_all(dir);
        }
        made
    }

    /// The id of a Unix group, by name.
    fn group_id(name: &str) -> Result<u32> {
        let c_name =
            std::ffi::CString::new(name).map_err(|_| Error::Input(format!("--group '{name}': bad name")))?;
        // SAFETY: getgrnam reads the NUL-terminated name; we copy the gid out at once.
        let group = unsafe { libc::getgrnam(c_name.as_ptr()) };
        if group.is_null() {
            return Err(Error::Input(format!(
                "--group '{name}': no such group; create it with addgroup --system {name}"
            )));
        }
        // SAFETY: checked non-null above.
        Ok(unsafe { (*group).gr_gid })
    }

    /// Why an existing directory cannot become a shared program directory.
    fn existing_dir_refusal(dir: &Path, meta: &std::fs::Metadata) -> Error {
        use std::os::unix::fs::MetadataExt;
        // SAFETY: a getter without arguments.
        let me = unsafe { libc::getuid() };
        let reason = if !meta.is_dir() {
            "exists and is not a directory"
        } else if meta.uid() != me {
            "is someone else's directory"
        } else if std::fs::read_dir(dir).map_or(true, |mut entries| entries.next().is_some()) {
            "is a directory that is not empty"
        } else {
            "already exists"
        };
        Error::Input(format!(
            "{}: {reason}; init --shared makes a new directory of its own for the database, so name one that does not exist yet",
            dir.display()
        ))
    }

    /// The mode of the directory an admin sets up for shared programs: root's, of the program
    /// group, 2770 (3770 with the sticky bit also allowed).
    fn is_programs_dir(meta: &std::fs::Metadata, gid: u32) -> bool {
        use std::os::unix::fs::MetadataExt;
        meta.is_dir()
            && meta.uid() == 0
            && meta.gid() == gid
            && matches!(meta.mode() & 0o7777, 0o2770 | 0o3770)
    }

    /// Makes the new directory of a shared program, 2770 and owned by the group, and in it the
    /// empty database file `file_name`, 0660 and the group's. Never touches a directory that was
    /// there before.
    ///
    /// Run setgid by anyone but root, it creates the directory only inside one the admin set up
    /// for programs (root's, of the program group, 2770): the group's rights make it there, so no
    /// user can make a directory of the group anywhere else, such as a decoy in their home.
    /// Otherwise (root, or a binary that is not setgid) it is made with the user's own rights,
    /// which cannot put a directory of the group where the user could not.
    fn create_shared_dir(dir: &Path, file_name: &std::ffi::OsStr, gid: u32) -> Result<()> {
        use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
        let (Some(parent), Some(name)) = (
            dir.parent().filter(|p| !p.as_os_str().is_empty()),
            dir.file_name(),
        ) else {
            return Err(Error::Input(format!(
                "{}: not a directory that can be made",
                dir.display()
            )));
        };
        // SAFETY: a getter without arguments.
        let by_admin_only = crate::privilege::is_setgid() && unsafe { libc::getuid() } != 0;
        if !by_admin_only {
            let _as_user = crate::privilege::AsUser::enter()?;
            if !parent.exists() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| Error::Failed(format!("{}: cannot create: {e}", parent.display())))?;
            }
        }
        let within =
            |what: &str, e: std::io::Error| Error::Failed(format!("{}: {what}: {e}", parent.display()));
        // The parent is judged and the directory made through one handle on it, so that nobody
        // can swap the path for another directory in between.
        let parent_handle = {
            let _as_user = (!by_admin_only)
                .then(crate::privilege::AsUser::enter)
                .transpose()?;
            std::fs::OpenOptions::new()
                .read(true)
                .custom_flags(libc::O_DIRECTORY)
                .open(parent)
                .map_err(|e| within("cannot open", e))?
        };
        if by_admin_only && !is_programs_dir(&parent_handle.metadata()?, gid) {
            return Err(Error::Input(format!(
                "{}: not a directory the admin set up for programs (root's, of the program group, mode 2770); ask the admin for one, or to run init",
                parent.display()
            )));
        }
        {
            let _as_user = (!by_admin_only)
                .then(crate::privilege::AsUser::enter)
                .transpose()?;
            match std::fs::symlink_metadata(dir) {
                Ok(meta) => return Err(existing_dir_refusal(dir, &meta)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::Failed(format!("{}: {e}", dir.display()))),
            }
        }
        let c_name = std::ffi::CString::new(name.as_encoded_bytes())
            .map_err(|_| Error::Input(format!("{}: bad name", dir.display())))?;
        {
            let _as_user = (!by_admin_only)
                .then(crate::privilege::AsUser::enter)
                .transpose()?;
            use std::os::fd::AsRawFd;
            // SAFETY: mkdirat on a directory descriptor we own and a NUL-terminated name.
            if unsafe { libc::mkdirat(parent_handle.as_raw_fd(), c_name.as_ptr(), 0o700) } != 0 {
                return Err(Error::Failed(format!(
                    "{}: cannot create the directory: {}",
                    dir.display(),
                    std::io::Error::last_os_error()
                )));
            }
        }
        // Change it through a handle on the directory just made, never through a path that
        // someone could have swapped for a symlink meanwhile.
        let handle = open_dir_at(&parent_handle, &c_name)
            .map_err(|e| Error::Failed(format!("{}: {e}", dir.display())))?;
        // SAFETY: a getter without arguments.
        if handle.metadata()?.uid() != unsafe { libc::geteuid() } {
            return Err(Error::Failed(format!(
                "{}: replaced by someone else while it was being made",
                dir.display()
            )));
        }
        let shared = std::os::unix::fs::fchown(&handle, None, Some(gid))
            .map_err(|e| Error::Failed(format!("{}: cannot give it to the group: {e}", dir.display())))
            // Set the mode explicitly: the umask would otherwise take the group's bits away.
            .and_then(|()| Ok(handle.set_permissions(std::fs::Permissions::from_mode(SHARED_DIR_MODE))?))
            .and_then(|()| create_db_file_at(&handle, file_name, gid))
            .map_err(|e| match e {
                Error::Failed(why) => Error::Failed(format!("{}: {why}", dir.join(file_name).display())),
                other => other,
            });
        if shared.is_err() {
            let _ = std::fs::remove_dir_all(dir);
        }
        shared
    }

    /// Creates the empty database file `name` in the directory `dir` just made: 0660, the
    /// group's, never through a symlink.
    fn create_db_file_at(dir: &std::fs::File, name: &std::ffi::OsStr, gid: u32) -> Result<()> {
        use std::os::fd::{AsRawFd, FromRawFd};
        let c_name =
            std::ffi::CString::new(name.as_encoded_bytes()).map_err(|_| Error::Failed("bad name".into()))?;
        // SAFETY: openat on a directory descriptor we own and a NUL-terminated name; the new
        // descriptor is owned by the File at once.
        let fd = unsafe {
            libc::openat(
                dir.as_raw_fd(),
                c_name.as_ptr(),
                libc::O_WRONLY | libc::O_CREAT | libc::O_EXCL | libc::O_NOFOLLOW | libc::O_CLOEXEC,
                SHARED_FILE_MODE,
            )
        };
        if fd < 0 {
            return Err(Error::Failed(format!(
                "cannot create: {}",
                std::io::Error::last_os_error()
            )));
        }
        // SAFETY: fd is a fresh descriptor nobody else owns.
        let file = unsafe { std::fs::File::from_raw_fd(fd) };
        std::os::unix::fs::fchown(&file, None, Some(gid))
            .map_err(|e| Error::Failed(format!("cannot give it to the group: {e}")))?;
        file.set_permissions(std::fs::Permissions::from_mode(SHARED_FILE_MODE))?;
        Ok(())
    }

    /// Opens the directory `name` inside `parent`, never through a symlink.
    fn open_dir_at(parent: &std::fs::File, name: &std::ffi::CStr) -> std::io::Result<std::fs::File> {
        use std::os::fd::{AsRawFd, FromRawFd};
        // SAFETY: openat on a directory descriptor we own and a NUL-terminated name; the new
        // descriptor is owned by the File at once.
        let fd = unsafe {
            libc::openat(
                parent.as_raw_fd(),
                name.as_ptr(),
                libc::O_RDONLY | libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_CLOEXEC,
            )
        };
        if fd < 0 {
            return Err(std::io::Error::last_os_error());
        }
        // SAFETY: fd is a fresh descriptor nobody else owns.
        Ok(unsafe { std::fs::File::from_raw_fd(fd) })
    }
}
