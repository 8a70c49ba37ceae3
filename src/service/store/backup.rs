//! Copies of the program database through SQLite's online backup API: a consistent copy while
//! others keep writing, checked before it is trusted, and a restore that replaces the program in
//! one transaction under the write lock.

use super::{BUSY_TIMEOUT, Store, check_existing, explain, schema};
use crate::error::{Error, Result};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a restore waits for the other writers to let go of the database.
const RESTORE_WAIT: Duration = Duration::from_secs(10);

/// Rows per table, in the order of the schema.
pub type Counts = Vec<(String, i64)>;

/// A checked copy: where it is, its size, and the rows it holds (equal to the source's at the
/// moment of the copy).
#[derive(Debug, Clone)]
pub struct Copied {
    pub path: PathBuf,
    pub bytes: u64,
    pub counts: Counts,
}

/// How the new file of a copy is made.
#[derive(Debug, Clone, Copy)]
pub struct NewFile {
    pub access: crate::privilege::Access,
    /// Created with the user's own rights (a place the user named), not the program group's.
    pub as_user: bool,
}

fn counts(conn: &Connection) -> rusqlite::Result<Counts> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rootpage")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tables
        .into_iter()
        .map(|table| {
            let quoted = table.replace('"', "\"\"");
            let n = conn.query_row(&format!("SELECT count(*) FROM \"{quoted}\""), [], |r| r.get(0))?;
            Ok((table, n))
        })
        .collect()
}

/// `PRAGMA integrity_check`'s first complaint, or None when it says ok.
fn integrity_problem(conn: &Connection) -> rusqlite::Result<Option<String>> {
    let first: String = conn.query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))?;
    Ok((first != "ok").then_some(first))
}

/// Creates `path`, which must not exist, with exactly `how`'s access; never through a symlink.
fn create_new(path: &Path, how: NewFile) -> std::io::Result<()> {
    let file = {
        let _as_user = if how.as_user {
            Some(crate::privilege::AsUser::enter()?)
        } else {
            None
        };
        crate::privilege::open_no_follow(
            std::fs::OpenOptions::new().write(true).create_new(true),
            path,
            how.access,
        )?
    };
    crate::privilege::set_access(&file, how.access)
}

fn remove_with_sidecars(path: &Path) {
    let _ = std::fs::remove_file(path);
    for suffix in ["-journal", "-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
}

/// Opens the new, empty file of a copy as a backup destination: no journal (a copy that fails
/// is removed whole), never through a symlink.
fn open_destination(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_NOFOLLOW,
    )?;
    conn.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")?;
    Ok(conn)
}

/// Opens a file to restore from as data, read only, without touching it or anything beside it.
fn open_untrusted(path: &Path) -> rusqlite::Result<Connection> {
    let mut uri = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' => uri.push_str(&format!("%{:02X}", c as u32)),
            c => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    let conn = Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NOFOLLOW,
    )?;
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.execute_batch("PRAGMA trusted_schema = OFF; PRAGMA cell_size_check = ON;")?;
    Ok(conn)
}

/// Copies every page of `from` into `to` in one step (one read snapshot of the source, one
/// transaction on the destination), waiting up to `wait` while the destination is locked.
fn copy_pages(from: &Connection, to: &mut Connection, wait: Duration) -> rusqlite::Result<bool> {
    let backup = Backup::new(from, to)?;
    let started = Instant::now();
    let mut pause = Duration::from_millis(10);
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(true),
            StepResult::Busy | StepResult::Locked if started.elapsed() < wait => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(250));
            }
            StepResult::Busy | StepResult::Locked => return Ok(false),
            // A step of -1 pages copies everything or stops on a lock.
            StepResult::More => {}
            _ => return Ok(false),
        }
    }
}

impl Store {
    /// Writes a consistent copy of the program into `dest`, a new file (an existing one is never
    /// overwritten), then checks it: `integrity_check`, and the rows of every table against the
    /// source's in the very snapshot that was copied. Whatever fails, the partial file is removed
    /// and nothing else is touched.
    pub fn backup_to(&self, dest: &Path, how: NewFile) -> Result<Copied> {
        self.backup_with(dest, how, |_| Ok(()))
    }

    /// [`Store::backup_to`], with `prepare` run on the destination first (a test fills the disk).
    pub(crate) fn backup_with(
        &self,
        dest: &Path,
        how: NewFile,
        prepare: impl FnOnce(&Connection) -> rusqlite::Result<()>,
    ) -> Result<Copied> {
        copy_into_new(&self.conn, &self.path, dest, how, prepare)
    }
}

/// [`Store::backup_to`] from the connection `conn` on the database at `source`.
fn copy_into_new(
    conn: &Connection,
    source: &Path,
    dest: &Path,
    how: NewFile,
    prepare: impl FnOnce(&Connection) -> rusqlite::Result<()>,
) -> Result<Copied> {
    create_new(dest, how)
        .map_err(|e| Error::Failed(format!("{}: cannot create the backup: {e}", dest.display())))?;
    let copied = fill(conn, source, dest, prepare);
    if copied.is_err() {
        remove_with_sidecars(dest);
    }
    copied
}

fn fill(
    conn: &Connection,
    source: &Path,
    dest: &Path,
    prepare: impl FnOnce(&Connection) -> rusqlite::Result<()>,
) -> Result<Copied> {
    let fail = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DiskFull) => Error::Failed(format!(
            "{}: the disk is full; the partial backup was removed and earlier backups are untouched",
            dest.display()
        )),
        _ => Error::Failed(format!("{}: the backup failed: {e}", dest.display())),
    };
    let mut to = open_destination(dest).map_err(fail)?;
    prepare(&to).map_err(fail)?;
    // One read transaction holds the snapshot the counts and the pages both come from.
    conn.execute_batch("BEGIN").map_err(|e| explain(source, e))?;
    let copied = (|| {
        let source_counts = counts(conn).map_err(|e| explain(source, e))?;
        if !copy_pages(conn, &mut to, BUSY_TIMEOUT).map_err(fail)? {
            return Err(Error::Failed(format!(
                "{}: locked by another program for too long; try again in a moment",
                source.display()
            )));
        }
        Ok(source_counts)
    })();
    let _ = conn.execute_batch("ROLLBACK");
    let source_counts = copied?;
    if let Some(problem) = integrity_problem(&to).map_err(fail)? {
        return Err(Error::Failed(format!(
            "{}: the copy fails integrity_check ({problem}); it was removed",
            dest.display()
        )));
    }
    let copy_counts = counts(&to).map_err(fail)?;
    if copy_counts != source_counts {
        return Err(Error::Failed(format!(
            "{}: the copy's rows differ from the program's ({copy_counts:?} against {source_counts:?}); it was removed",
            dest.display()
        )));
    }
    drop(to);
    let file = std::fs::File::open(dest)?;
    file.sync_all().map_err(|e| {
        Error::Failed(format!(
            "{}: the backup could not be written: {e}",
            dest.display()
        ))
    })?;
    Ok(Copied {
        path: dest.to_path_buf(),
        bytes: file.metadata()?.len(),
        counts: copy_counts,
    })
}

impl Store {
    /// Replaces the whole program with the one in `file`, in one transaction under the write
    /// lock, and records `detail` in the audit log by `actor`; first saves the program as it is
    /// into `before`, a new file made as given. `scratch` is a new file where the
    /// program is first copied, checked (a mentordesk program of this or an older schema,
    /// `integrity_check` ok), migrated and given its audit entry; the scratch file is removed
    /// afterwards. A file that fails a check is refused with one line and nothing changes.
    /// With `read_as_user`, the file is opened with the user's own rights, never the program
    /// group's (which could read another program's database).
    pub fn restore_from(
        &mut self,
        file: &Path,
        read_as_user: bool,
        scratch: &Path,
        before: (&Path, NewFile),
        actor: &str,
        detail: &str,
    ) -> Result<(Copied, Counts)> {
        let refuse = |reason: &str| {
            Error::Input(format!(
                "{}: {reason}; nothing was restored, the program is unchanged",
                file.display()
            ))
        };
        {
            let _as_user = if read_as_user {
                Some(crate::privilege::AsUser::enter()?)
            } else {
                None
            };
            if let Err(e) = std::fs::metadata(file) {
                return Err(refuse(&format!("cannot open it: {e}")));
            }
            check_existing(file).map_err(|e| match e {
                Error::Failed(m) if m.contains("cannot read it") => refuse("cannot read it"),
                _ => refuse("not a mentordesk program (not a SQLite database file)"),
            })?;
        }
        let own = NewFile {
            access: crate::privilege::Access::own(0o600),
            as_user: false,
        };
        create_new(scratch, own)
            .map_err(|e| Error::Failed(format!("{}: cannot create: {e}", scratch.display())))?;
        let restored = self.restore_via(file, read_as_user, scratch, before, (actor, detail), &refuse);
        remove_with_sidecars(scratch);
        restored
    }

    fn restore_via(
        &mut self,
        file: &Path,
        read_as_user: bool,
        scratch: &Path,
        before: (&Path, NewFile),
        (actor, detail): (&str, &str),
        refuse: &dyn Fn(&str) -> Error,
    ) -> Result<(Copied, Counts)> {
        let unreadable = |e: rusqlite::Error| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt) => {
                refuse("damaged or truncated")
            }
            _ => refuse(&format!("cannot be read: {e}")),
        };
        {
            let from = {
                let _as_user = if read_as_user {
                    Some(crate::privilege::AsUser::enter()?)
                } else {
                    None
                };
                open_untrusted(file).map_err(unreadable)?
            };
            let mut to = open_destination(scratch).map_err(|e| explain(scratch, e))?;
            if !copy_pages(&from, &mut to, BUSY_TIMEOUT).map_err(unreadable)? {
                return Err(refuse("locked by another program"));
            }
            check_program(&to, refuse).map_err(|e| match e {
                Error::Database(e) => unreadable(e),
                other => other,
            })?;
        }
        let mut staged = Store::open(scratch, 0o600)?;
        staged.write(|tx| {
            super::audit::record(tx, actor, "restore", "program", None, detail)?;
            Ok(())
        })?;
        let staged_counts = counts(&staged.conn)?;
        let saved = replace(&staged.conn, &mut self.conn, &self.path, before)?;
        Ok((saved, staged_counts))
    }
}

/// Copies every page of `from` over the live database `to` (at `live`) in one transaction. The
/// write lock comes first, waited for while others write (up to [`RESTORE_WAIT`]); then, with
/// nobody else able to commit, the program as it is is saved into `before`, so the saved copy
/// is exactly what the restore replaces; then the pages are copied.
fn replace(from: &Connection, to: &mut Connection, live: &Path, before: (&Path, NewFile)) -> Result<Copied> {
    let backup = Backup::new(from, to).map_err(|e| explain(live, e))?;
    let started = Instant::now();
    let mut pause = Duration::from_millis(10);
    // A step of no pages takes the destination's write lock and copies nothing.
    while matches!(
        backup.step(0).map_err(|e| explain(live, e))?,
        StepResult::Busy | StepResult::Locked
    ) {
        if started.elapsed() >= RESTORE_WAIT {
            return Err(Error::Failed(format!(
                "{}: others kept writing for {} s; nothing was restored, try again when it is quieter",
                live.display(),
                RESTORE_WAIT.as_secs()
            )));
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(250));
    }
    let reader = Connection::open_with_flags(
        live,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .and_then(|reader| reader.busy_timeout(BUSY_TIMEOUT).map(|()| reader))
    .map_err(|e| explain(live, e))?;
    // Dropping `backup` without finishing rolls the destination back: nothing was copied yet.
    let saved = copy_into_new(&reader, live, before.0, before.1, |_| Ok(()))?;
    drop(reader);
    loop {
        match backup.step(-1).map_err(|e| explain(live, e))? {
            StepResult::Done => return Ok(saved),
            StepResult::More => {}
            _ => {
                return Err(Error::Failed(format!(
                    "{}: lost the write lock during the restore; nothing was restored",
                    live.display()
                )));
            }
        }
    }
}

/// Whether `conn` holds a whole mentordesk program this binary can open: refused with one line
/// (through `refuse`) otherwise.
fn check_program(conn: &Connection, refuse: &dyn Fn(&str) -> Error) -> Result<()> {
    if let Some(problem) = integrity_problem(conn)? {
        return Err(refuse(&format!("fails integrity_check ({problem})")));
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let has = |table: &str| -> rusqlite::Result<bool> {
        conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get::<_, i64>(0),
        )
        .map(|n| n == 1)
    };
    let programs = if has("program")? {
        conn.query_row("SELECT count(*) FROM program", [], |r| r.get::<_, i64>(0))?
    } else {
        0
    };
    if version > schema::latest_version() {
        return Err(refuse(&format!(
            "made by a newer mentordesk (schema {version}, this one knows {}); upgrade mentordesk first",
            schema::latest_version()
        )));
    }
    if version == 0 || programs != 1 || !has("people")? || !has("contacts")? || !has("audit_log")? {
        return Err(refuse("not a mentordesk program"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::settings::Preset;

    #[test]
    fn a_full_disk_removes_the_partial_backup_and_leaves_the_earlier_ones() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("program.db");
        crate::service::demo::prepare(
            &db,
            Preset::RuralUnion,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        )
        .unwrap();
        let store = Store::open(&db, 0o600).unwrap();
        let how = NewFile {
            access: crate::privilege::Access::own(0o600),
            as_user: false,
        };
        let earlier = dir.path().join("earlier.db");
        let kept = store.backup_to(&earlier, how).unwrap();
        let earlier_bytes = std::fs::read(&earlier).unwrap();
        assert!(kept.counts.iter().any(|(t, n)| t == "contacts" && *n > 0));

        let partial = dir.path().join("partial.db");
        // SQLite's page limit fails exactly as a full disk does, a few pages in.
        let err = store
            .backup_with(&partial, how, |to| to.pragma_update(None, "max_page_count", 8))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("the disk is full") && err.contains("earlier backups are untouched"),
            "{err}"
        );
        assert!(!partial.exists(), "the partial file is removed");
        assert_eq!(std::fs::read(&earlier).unwrap(), earlier_bytes);
        let existing = store.backup_to(&earlier, how).unwrap_err().to_string();
        assert!(existing.contains("File exists"), "{existing}");
        assert_eq!(
            std::fs::read(&earlier).unwrap(),
            earlier_bytes,
            "never overwritten"
        );
    }
}
