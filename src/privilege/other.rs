//! The side of [`crate::privilege`] for systems without setgid, Unix groups or file modes
//! (Windows): a laptop copy, which is one user's file in their own profile. There is no group
//! to drop, no shared program, and files are opened plainly.

use std::fs::{File, Metadata, OpenOptions};
use std::io;
use std::path::Path;

pub fn harden() {}

pub fn is_setgid() -> bool {
    false
}

pub fn drop_group_for_good() -> io::Result<()> {
    Ok(())
}

/// Shared programs need a Unix box: none is shared here.
pub fn is_shared_program(_db: &Path) -> bool {
    false
}

pub fn is_admin() -> bool {
    false
}

/// Without a program group there is nothing to drop.
#[must_use = "the user's rights last only while the guard lives"]
pub struct AsUser;

impl AsUser {
    pub fn enter() -> io::Result<AsUser> {
        Ok(AsUser)
    }
}

/// The account this process runs as, from the system, never from a variable anyone can set.
#[cfg(windows)]
pub fn login_name() -> Result<String, String> {
    #[link(name = "advapi32")]
    unsafe extern "system" {
        fn GetUserNameW(buffer: *mut u16, size: *mut u32) -> i32;
    }
    // UNLEN + 1: the longest user name and its NUL.
    let mut buffer = [0u16; 257];
    let mut size = buffer.len() as u32;
    // SAFETY: GetUserNameW writes at most `size` UTF-16 units into `buffer`, and sets `size`
    // to the count written, the NUL included.
    if unsafe { GetUserNameW(buffer.as_mut_ptr(), &mut size) } == 0 || size < 2 {
        return Err(format!(
            "Windows did not say which account runs mentordesk ({}), so it cannot tell who you are",
            io::Error::last_os_error()
        ));
    }
    Ok(String::from_utf16_lossy(&buffer[..size as usize - 1]))
}

#[cfg(not(windows))]
pub fn login_name() -> Result<String, String> {
    Err("this system has no way mentordesk knows to tell who you are".into())
}

/// Files here have no modes or groups: nothing to give.
#[derive(Debug, Clone, Copy)]
pub struct Access;

impl Access {
    pub fn mode(_mode: u32) -> Access {
        Access
    }

    pub fn own(_mode: u32) -> Access {
        Access
    }

    pub fn like(_meta: &Metadata) -> Access {
        Access
    }
}

pub fn open_no_follow(options: &mut OpenOptions, path: &Path, _access: Access) -> io::Result<File> {
    options.open(path)
}

pub fn set_access(_file: &File, _access: Access) -> io::Result<()> {
    Ok(())
}

pub fn open_to_inspect(path: &Path) -> io::Result<File> {
    File::open(path)
}

pub fn special_kind(_file_type: std::fs::FileType) -> &'static str {
    "not a regular file"
}

/// Whether `a` and `b` are the same file: the same full path, every link resolved.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Whether `path` is not a read-only file. Windows ignores the read-only attribute on a
/// directory (Explorer sets it on customised folders), so a directory is left for SQLite to
/// judge.
pub fn may_write(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|meta| meta.is_dir() || !meta.permissions().readonly())
}

pub fn create_dirs(dir: &Path, _mode: u32) -> io::Result<()> {
    std::fs::create_dir_all(dir)
}

pub fn make_dir_like(dir: &Path, _like: &Metadata) -> io::Result<()> {
    std::fs::create_dir(dir)
}
