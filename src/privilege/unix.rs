//! The Unix side of [`crate::privilege`]: the setgid group, modes, no symlinks followed.

use std::fs::{File, Metadata, OpenOptions};
use std::io;
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt, PermissionsExt};
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
        #[cfg(target_os = "linux")]
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
    // SAFETY: getgid has no arguments; setresgid and setgid take plain ids.
    unsafe {
        let real = libc::getgid();
        #[cfg(not(target_vendor = "apple"))]
        let dropped = libc::setresgid(real, real, real);
        // Apple has no setresgid; its setgid, to the real group, sets all three.
        #[cfg(target_vendor = "apple")]
        let dropped = libc::setgid(real);
        if dropped != 0 {
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
    let Ok(mut file) = OpenOptions::new()
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

/// Whether the process runs for root (real uid 0), who keeps the box but is no person of a
/// program.
pub fn is_admin() -> bool {
    // SAFETY: getuid has no arguments.
    unsafe { libc::getuid() == 0 }
}

/// The name in the real uid's password entry; `$USER` and the like are never consulted, since
/// anyone can set them.
pub fn login_name() -> Result<String, String> {
    // SAFETY: getuid has no arguments.
    let uid = unsafe { libc::getuid() };
    let mut entry = std::mem::MaybeUninit::<libc::passwd>::uninit();
    let mut buffer = vec![0 as libc::c_char; 16 * 1024];
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: getpwuid_r writes only into `entry` and `buffer`, whose sizes it is given, and
    // sets `found` to `entry` or null.
    let status = unsafe {
        libc::getpwuid_r(
            uid,
            entry.as_mut_ptr(),
            buffer.as_mut_ptr(),
            buffer.len(),
            &mut found,
        )
    };
    if status != 0 || found.is_null() {
        return Err(format!(
            "your user id {uid} has no entry in the password database, so mentordesk cannot tell who you are"
        ));
    }
    // SAFETY: `found` points at `entry`, filled in, whose name points into `buffer`.
    let name = unsafe { std::ffi::CStr::from_ptr((*found).pw_name) };
    let name = name.to_string_lossy().into_owned();
    if name.is_empty() {
        return Err(format!(
            "your user id {uid} has an empty name in the password database"
        ));
    }
    Ok(name)
}

/// The mode and group a new file is given.
#[derive(Debug, Clone, Copy)]
pub struct Access {
    mode: u32,
    gid: Option<u32>,
}

impl Access {
    /// Exactly `mode`, in the group the file is made with.
    pub fn mode(mode: u32) -> Access {
        Access { mode, gid: None }
    }

    /// `mode`, in the process's effective group.
    pub fn own(mode: u32) -> Access {
        // SAFETY: a getter without arguments.
        let gid = unsafe { libc::getegid() };
        Access { mode, gid: Some(gid) }
    }

    /// The permission bits and group of an existing file.
    pub fn like(meta: &Metadata) -> Access {
        Access {
            mode: meta.mode() & 0o777,
            gid: Some(meta.gid()),
        }
    }
}

/// Opens `path` with `options`, never through a symlink; a file it creates gets `access`'s
/// mode, narrowed by the umask (see [`set_access`]).
pub fn open_no_follow(options: &mut OpenOptions, path: &Path, access: Access) -> io::Result<File> {
    options
        .mode(access.mode)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
}

/// Gives `file` its group, if `access` names one, and exactly its mode (not narrowed by the
/// umask).
pub fn set_access(file: &File, access: Access) -> io::Result<()> {
    if let Some(gid) = access.gid {
        std::os::unix::fs::fchown(file, None, Some(gid))?;
    }
    file.set_permissions(std::fs::Permissions::from_mode(access.mode))
}

/// Opens `path` for reading only to look at it: without waiting on a FIFO for a writer, or
/// taking a terminal as the controlling one.
pub fn open_to_inspect(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

/// What a special file (neither a regular file nor a directory) is.
pub fn special_kind(file_type: std::fs::FileType) -> &'static str {
    if file_type.is_fifo() {
        "a named pipe (FIFO)"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_char_device() || file_type.is_block_device() {
        "a device"
    } else {
        "not a regular file"
    }
}

/// Whether `a` and `b` are the same file on disk: the same device and inode.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
        _ => false,
    }
}

/// Whether the process may write `path`, judged with its effective ids, as the kernel will
/// when SQLite opens it (the setgid binary writes with its group).
pub fn may_write(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if meta.permissions().mode() & 0o222 == 0 {
        return false;
    }
    let Ok(c_path) = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()) else {
        return false;
    };
    // SAFETY: faccessat only reads the NUL-terminated path.
    unsafe { libc::faccessat(libc::AT_FDCWD, c_path.as_ptr(), libc::W_OK, libc::AT_EACCESS) == 0 }
}

/// Creates `dir` and its missing parents with `mode`.
pub fn create_dirs(dir: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new().recursive(true).mode(mode).create(dir)
}

/// Makes the directory `dir` with the group and mode of `like` (2770 and the program group
/// on a shared box), changed through a handle on the directory just made.
pub fn make_dir_like(dir: &Path, like: &Metadata) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new().mode(0o700).create(dir)?;
    let handle = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_DIRECTORY | libc::O_NOFOLLOW)
        .open(dir)?;
    std::os::unix::fs::fchown(&handle, None, Some(like.gid()))?;
    handle.set_permissions(std::fs::Permissions::from_mode(like.mode() & 0o7777))
}
