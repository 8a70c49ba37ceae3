//! Backups and restores of the whole program, for its coordinator or for root keeping the box
//! (who is no person of the program). Backups go, dated, to the program's own `backups/`
//! directory beside the database, with the database's group and mode.

use super::{PRIVATE_FILE_MODE, Session};
use crate::domain::permissions::{self, Permission, Relation};
use crate::error::{Error, Result};
use crate::service::store::Store;
use crate::service::store::backup::NewFile;
pub use crate::service::store::backup::{Copied, Counts};
use std::path::{Path, PathBuf};

/// Who asks for a backup or a restore.
#[derive(Debug, Clone, Copy)]
pub enum Caller<'a> {
    /// The box's administrator: uid 0.
    Admin,
    /// A person of the program, by their OS login (and `--as`, which a backup never widens).
    User {
        login: &'a str,
        as_login: Option<&'a str>,
    },
}

impl<'a> Caller<'a> {
    /// The caller this process runs for: root by its real uid, else the OS login.
    pub fn of_process(login: &'a str, as_login: Option<&'a str>) -> Caller<'a> {
        if crate::privilege::is_admin() {
            Caller::Admin
        } else {
            Caller::User { login, as_login }
        }
    }
}

/// What `backup` did.
#[derive(Debug)]
pub struct BackupReport {
    pub copy: Copied,
    /// The older backups `--keep` removed, oldest first.
    pub pruned: Vec<PathBuf>,
}

/// What `restore` did.
#[derive(Debug)]
pub struct RestoreReport {
    /// The program as it was just before, saved first.
    pub before: Copied,
    /// The rows of the program now.
    pub counts: Counts,
}

/// Opens the program for `action`, if the caller may do it; with the name the audit log gives them.
fn open_for(db: &Path, caller: Caller, action: Permission) -> Result<(Store, String)> {
    match caller {
        Caller::Admin => {
            if !permissions::allowed_to_admin(action) {
                return Err(Error::Denied(permissions::refusal(action).into()));
            }
            if std::fs::symlink_metadata(db).is_err() {
                return Err(Error::Input(format!(
                    "{}: no program database here",
                    db.display()
                )));
            }
            Ok((Store::open(db, PRIVATE_FILE_MODE)?, "root".into()))
        }
        Caller::User { login, as_login } => {
            let session = Session::open_path(db, login, as_login, None)?;
            session.require(action, Relation::Program)?;
            let actor = session.actor();
            Ok((session.store, actor))
        }
    }
}

/// The program's own backup directory: `backups/` beside the database.
pub fn backup_dir(db: &Path) -> PathBuf {
    program_dir(db).join("backups")
}

fn program_dir(db: &Path) -> &Path {
    db.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Makes the backup directory if it is missing, with the group and mode of the program's own
/// directory (2770 and the program group on a shared box), changed through a handle on the
/// directory just made; an existing one must be a directory, not a symlink.
fn ensure_backup_dir(db: &Path) -> Result<PathBuf> {
    let dir = backup_dir(db);
    let cannot = |e: std::io::Error| {
        Error::Failed(format!(
            "{}: cannot make the backup directory: {e}",
            dir.display()
        ))
    };
    match std::fs::symlink_metadata(&dir) {
        Ok(meta) if meta.is_dir() => return Ok(dir),
        Ok(_) => {
            return Err(Error::Failed(format!(
                "{}: is not a directory; move it away to back up here",
                dir.display()
            )));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(cannot(e)),
    }
    let parent = std::fs::metadata(program_dir(db)).map_err(cannot)?;
    crate::privilege::make_dir_like(&dir, &parent).map_err(cannot)?;
    Ok(dir)
}

/// The database's group and mode, which every backup of it gets.
fn like_the_database(db: &Path, as_user: bool) -> Result<NewFile> {
    let meta = std::fs::metadata(db).map_err(|e| Error::Failed(format!("{}: {e}", db.display())))?;
    Ok(NewFile {
        access: crate::privilege::Access::like(&meta),
        as_user,
    })
}

const STAMP: &str = "%Y-%m-%dT%H%M%S";

/// `program-2026-12-07T013005.db` in `dir`, for the database `program.db`; `-2`, `-3`… when
/// two backups fall in the same second.
fn dated_name(db: &Path, dir: &Path) -> PathBuf {
    let stem = db.file_stem().unwrap_or_default().to_string_lossy();
    let stamp = chrono::Local::now().format(STAMP);
    let mut path = dir.join(format!("{stem}-{stamp}.db"));
    let mut n = 2;
    while std::fs::symlink_metadata(&path).is_ok() {
        path = dir.join(format!("{stem}-{stamp}-{n}.db"));
        n += 1;
    }
    path
}

/// The dated backups of `db` in `dir`, oldest first: by their stamp, then their `-N`.
fn dated_backups(db: &Path, dir: &Path) -> Result<Vec<PathBuf>> {
    let prefix = format!("{}-", db.file_stem().unwrap_or_default().to_string_lossy());
    let order = |path: &Path| -> Option<(String, u32)> {
        let name = path.file_name()?.to_str()?;
        let rest = name.strip_prefix(&prefix)?.strip_suffix(".db")?;
        let (stamp, n) = rest.split_at_checked(17)?;
        chrono::NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
        let n = match n {
            "" => 1,
            n => n.strip_prefix('-')?.parse().ok()?,
        };
        Some((stamp.to_string(), n))
    };
    let mut found: Vec<((String, u32), PathBuf)> = std::fs::read_dir(dir)
        .map_err(|e| Error::Failed(format!("{}: {e}", dir.display())))?
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|entry| Some((order(&entry.path())?, entry.path())))
        .collect();
    found.sort();
    Ok(found.into_iter().map(|(_, path)| path).collect())
}

/// `mentordesk backup [DEST] [--keep N]`: a checked copy of the program, by default dated in
/// its backup directory; `dest` may name a new file or a directory to write the dated file in
/// (made with the user's own rights). `keep` then removes the oldest dated backups there.
pub fn backup(db: &Path, caller: Caller, dest: Option<&Path>, keep: Option<usize>) -> Result<BackupReport> {
    if keep == Some(0) {
        return Err(Error::Input(
            "--keep 0 would remove the backup just made; keep at least 1".into(),
        ));
    }
    let (store, _) = open_for(db, caller, Permission::BackUp)?;
    let (dir, path, as_user) = match dest {
        None => {
            let dir = ensure_backup_dir(db)?;
            let path = dated_name(db, &dir);
            (dir, path, false)
        }
        Some(dest) if dest.is_dir() => (dest.to_path_buf(), dated_name(db, dest), true),
        Some(dest) => {
            if std::fs::symlink_metadata(dest).is_ok() {
                return Err(Error::Input(format!(
                    "{}: already exists; a backup never overwrites a file",
                    dest.display()
                )));
            }
            (program_dir(dest).to_path_buf(), dest.to_path_buf(), true)
        }
    };
    let copy = store.backup_to(&path, like_the_database(db, as_user)?)?;
    let mut pruned = Vec::new();
    if let Some(keep) = keep {
        let dated = dated_backups(db, &dir)?;
        let excess = dated.len().saturating_sub(keep);
        for old in dated.into_iter().take(excess) {
            std::fs::remove_file(&old)
                .map_err(|e| Error::Failed(format!("{}: cannot remove: {e}", old.display())))?;
            pruned.push(old);
        }
    }
    Ok(BackupReport { copy, pruned })
}

/// `mentordesk restore FILE`: checks `file`, saves the program as it is now into the backup
/// directory, then replaces the program with the file's in one transaction, with an audit entry
/// saying who restored what and where the program before it went.
pub fn restore(db: &Path, caller: Caller, file: &Path) -> Result<RestoreReport> {
    let (mut store, actor) = open_for(db, caller, Permission::Restore)?;
    let dir = ensure_backup_dir(db)?;
    let before = dated_name(db, &dir);
    let scratch = dir.join(format!(".restoring-{}.db", std::process::id()));
    let detail = format!(
        "from {}; the program before it was saved to {}",
        file.display(),
        before.display()
    );
    // The program's own backups are read with its group's rights; any other file with the
    // user's own, so that a restore never reads another program's database.
    let own_backup = file
        .parent()
        .and_then(|parent| {
            std::fs::canonicalize(if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            })
            .ok()
        })
        .zip(std::fs::canonicalize(&dir).ok())
        .is_some_and(|(parent, dir)| parent == dir);
    let (before, counts) = store.restore_from(
        file,
        !own_backup,
        &scratch,
        (&before, like_the_database(db, false)?),
        &actor,
        &detail,
    )?;
    Ok(RestoreReport { before, counts })
}
