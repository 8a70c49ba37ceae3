//! The program database: one SQLite file, WAL, versioned migrations, `BEGIN IMMEDIATE` writes.

mod applications;
mod archive;
mod assignments;
mod audit;
pub mod backup;
mod contacts;
mod engagement;
mod events;
mod forms;
mod links;
mod notices;
mod people;
mod program;
mod reminders;
pub mod schema;
mod seed;
mod sync;
#[cfg(test)]
mod tests;
mod versions;

pub(crate) use archive::archive_schema;
pub(crate) use assignments::{insert_assignment, pair_is_open};
pub(crate) use audit::{About, AuditQuery};
pub(crate) use contacts::insert_contact;
pub(crate) use engagement::insert_engagement;
pub(crate) use people::upsert_person;
pub(crate) use seed::Seeder;
pub use sync::{Answer, Change, Mark, Origin, Pull, Record};

use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::fs::OpenOptions;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";
const BUSY_TIMEOUT: Duration = Duration::from_millis(1500);
const WRITE_ATTEMPTS: u32 = 3;
const DEFAULT_CACHE_KIB: i64 = 2000;
const BULK_CACHE_KIB: i64 = 32 * 1024;

/// How a bulk transaction uses memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bulk {
    /// Rows into indexed tables: a page cache big enough that SQLite does not spill and re-read
    /// index pages as the file grows, and statement journals in memory.
    Indexed,
    /// Rows appended to tables whose indexes are built after the load: appends need no large
    /// cache, and the sorts that build the indexes spill to temporary files, not to memory.
    Unindexed,
}

pub struct Store {
    pub(crate) conn: Connection,
    path: PathBuf,
    /// The user's private store is attached as `private`.
    private: bool,
}

fn describe(path: &Path) -> String {
    path.display().to_string()
}

/// What kind of thing other than a regular file sits at a path.
fn not_a_file(file_type: std::fs::FileType) -> Option<&'static str> {
    if file_type.is_file() {
        None
    } else if file_type.is_dir() {
        Some("a directory")
    } else {
        Some(crate::privilege::special_kind(file_type))
    }
}

/// Refuses, before SQLite touches it, anything at `path` that is not a mentordesk database
/// file: a directory, FIFO or device, an unreadable or empty file, or one that is not SQLite.
/// Opening does not block (a FIFO would wait for a writer forever) and reads 16 bytes.
fn check_existing(path: &Path) -> Result<()> {
    let refuse = |reason: &str| {
        Err(Error::Failed(format!(
            "{}: {reason}, not a mentordesk database; it was left unchanged",
            describe(path)
        )))
    };
    let meta = std::fs::metadata(path)
        .map_err(|e| Error::Failed(format!("{}: cannot open: {e}", describe(path))))?;
    if let Some(kind) = not_a_file(meta.file_type()) {
        return refuse(&format!("is {kind}"));
    }
    let mut file = crate::privilege::open_to_inspect(path)
        .map_err(|e| Error::Failed(format!("{}: cannot read it: {e}", describe(path))))?;
    // The path could have been swapped between the two looks: judge what was opened.
    if let Some(kind) = not_a_file(file.metadata()?.file_type()) {
        return refuse(&format!("is {kind}"));
    }
    let mut header = [0u8; 16];
    let read = file
        .read(&mut header)
        .map_err(|e| Error::Failed(format!("{}: cannot read it: {e}", describe(path))))?;
    if read == 0 {
        return refuse("is an empty file");
    }
    if read < 16 || &header != SQLITE_MAGIC {
        return refuse("is not a SQLite file");
    }
    Ok(())
}

/// What SQLite opened must be the very file that was checked: the same name, and the same file
/// on disk (device and inode), not a name it read some other way.
fn check_opened_file(conn: &Connection, path: &Path) -> Result<()> {
    let opened: String = conn
        .query_row(
            "SELECT file FROM pragma_database_list WHERE name = 'main'",
            [],
            |r| r.get(0),
        )
        .map_err(|e| explain(path, e))?;
    if opened.is_empty() || !crate::privilege::same_file(Path::new(&opened), path) {
        return Err(Error::Failed(format!(
            "{}: SQLite opened '{opened}' instead; nothing was read",
            describe(path)
        )));
    }
    Ok(())
}

/// Creates a new, empty database file with exactly `mode` (not narrowed by the umask), as the
/// user: the program group's rights never create a file where the user could not.
fn create_file(path: &Path, mode: u32) -> Result<()> {
    let cannot = |e: std::io::Error| Error::Failed(format!("{}: cannot create: {e}", describe(path)));
    let _as_user = crate::privilege::AsUser::enter().map_err(cannot)?;
    let access = crate::privilege::Access::mode(mode);
    let file =
        crate::privilege::open_no_follow(OpenOptions::new().write(true).create_new(true), path, access)
            .map_err(cannot)?;
    crate::privilege::set_access(&file, access).map_err(cannot)
}

fn is_busy(err: &rusqlite::Error) -> bool {
    matches!(
        err.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// Refuses text with control characters other than tab and newline before it is stored,
/// whichever way it came in (the app, the CLI, an import).
pub(crate) fn check_text<'a>(fields: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<()> {
    for (field, text) in fields {
        crate::domain::sanitize::check_stored(field, text).map_err(Error::Input)?;
    }
    Ok(())
}

/// [`check_text`] inside a helper that speaks rusqlite's errors: the refusal travels as a
/// conversion failure and comes out of `explain` as the input error it is.
pub(crate) fn check_text_sql<'a>(
    fields: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> rusqlite::Result<()> {
    check_text(fields).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

fn explain(path: &Path, err: rusqlite::Error) -> Error {
    if let rusqlite::Error::ToSqlConversionFailure(inner) = &err
        && let Some(Error::Input(message)) = inner.downcast_ref::<Error>()
    {
        return Error::Input(message.clone());
    }
    match err.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            Error::Failed(format!(
                "{}: locked by another program for too long; try again in a moment",
                describe(path)
            ))
        }
        Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt) => {
            Error::Failed(format!(
                "{}: damaged or truncated database; it was left unchanged",
                describe(path)
            ))
        }
        Some(rusqlite::ErrorCode::DiskFull) => {
            Error::Failed(format!("{}: the disk is full; nothing was saved", describe(path)))
        }
        Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen) => Error::Failed(format!(
            "{}: cannot write here (read-only file or directory)",
            describe(path)
        )),
        _ => Error::Failed(format!("{}: {err}", describe(path))),
    }
}

impl Store {
    /// The clock every stamp of this connection comes from (the audit log's, a filed form's, a
    /// contact's): kept with the connection, in a table of its own temporary database, so that
    /// code that has only the transaction reads it too.
    pub(crate) fn set_clock(&self, clock: crate::clock::Clock) -> Result<()> {
        self.conn.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS clock (zone TEXT NOT NULL, day TEXT);
             DELETE FROM temp.clock;",
        )?;
        self.conn.execute(
            "INSERT INTO temp.clock (zone, day) VALUES (?1, ?2)",
            rusqlite::params![clock.zone().name(), clock.fixed_day().map(|d| d.to_string())],
        )?;
        Ok(())
    }

    /// Opens or creates the program database at `path`. A new file is created with mode `mode`.
    /// Files that are not SQLite, newer than this binary, read-only or locked are refused
    /// with one line and never modified.
    pub fn open(path: &Path, mode: u32) -> Result<Store> {
        Self::open_as(path, Some(mode))
    }

    /// Opens, as a new program database, the empty file the caller has just made at `path`
    /// (a shared program's, made with the group's rights where the user cannot reach).
    #[cfg(unix)]
    pub fn open_new_file(path: &Path) -> Result<Store> {
        let meta = std::fs::symlink_metadata(path)
            .map_err(|e| Error::Failed(format!("{}: cannot open: {e}", describe(path))))?;
        if !meta.is_file() || meta.len() != 0 {
            return Err(Error::Failed(format!(
                "{}: not the empty file just made",
                describe(path)
            )));
        }
        Self::open_as(path, None)
    }

    /// `mode`: for a file to create if missing; `None` for the empty file just made.
    fn open_as(path: &Path, mode: Option<u32>) -> Result<Store> {
        let path = &crate::privilege::plain_db_path(path).map_err(Error::Input)?;
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if !dir.is_dir() {
            return Err(Error::Failed(format!(
                "{}: the directory {} does not exist",
                describe(path),
                describe(dir)
            )));
        }
        let exists = mode.is_some() && std::fs::symlink_metadata(path).is_ok();
        if exists {
            check_existing(path)?;
            if !crate::privilege::may_write(path) {
                return Err(Error::Failed(format!(
                    "{}: the database file is read-only; it was left unchanged",
                    describe(path)
                )));
            }
        }
        if !crate::privilege::may_write(dir) {
            return Err(Error::Failed(format!(
                "{}: the directory {} is read-only, so SQLite cannot keep its journal there",
                describe(path),
                describe(dir)
            )));
        }
        if let (Some(mode), false) = (mode, exists) {
            create_file(path, mode)?;
        }
        // No SQLITE_OPEN_URI: the name is a path, and only a path (see `plain_db_path`).
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| explain(path, e))?;
        check_opened_file(&conn, path)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| explain(path, e))?;
        // A database file is data, never code: the setgid binary can be handed a crafted one.
        // No schema tricks (defensive mode), no functions with side effects run from the
        // schema, and every page's cells checked as they are read.
        conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)
            .and_then(|_| conn.execute_batch("PRAGMA trusted_schema = OFF; PRAGMA cell_size_check = ON;"))
            .map_err(|e| explain(path, e))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            private: false,
        };
        store.check_version(exists)?;
        // Switching a new file to WAL needs a moment alone with it; when several processes
        // start together, SQLite can answer BUSY at once instead of waiting, so wait here.
        retry_busy(|| store.conn.pragma_update(None, "journal_mode", "WAL")).map_err(|e| explain(path, e))?;
        store
            .conn
            .execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")
            .map_err(|e| explain(path, e))?;
        store.migrate()?;
        Ok(store)
    }

    fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
        conn.query_row("PRAGMA user_version", [], |r| r.get(0))
    }

    /// Refuses a file from a newer mentordesk and, if it `existed` before this open, a SQLite file that
    /// mentordesk never made (migrating it would write our tables into someone else's data).
    fn check_version(&self, existed: bool) -> Result<()> {
        // Reading the schema also proves the file is a whole database.
        let version = Self::user_version(&self.conn).map_err(|e| explain(&self.path, e))?;
        let tables = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))
            .map_err(|e| explain(&self.path, e))?;
        if existed && version == 0 {
            let what = if tables == 0 {
                "an empty SQLite database"
            } else {
                "a SQLite database of another program"
            };
            return Err(Error::Failed(format!(
                "{}: {what}, not a mentordesk database; it was left unchanged",
                describe(&self.path)
            )));
        }
        if version > schema::latest_version() {
            return Err(Error::Failed(format!(
                "{}: made by a newer mentordesk (schema {version}, this one knows {}); upgrade mentordesk",
                describe(&self.path),
                schema::latest_version()
            )));
        }
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        if Self::user_version(&self.conn)? >= schema::latest_version() {
            return Ok(());
        }
        self.write(|tx| {
            // Re-read inside the lock: another process may have migrated meanwhile.
            let current = Self::user_version(tx)?;
            for (index, sql) in schema::MIGRATIONS.iter().enumerate().skip(current as usize) {
                tx.execute_batch(sql)?;
                tx.pragma_update(None, "user_version", index as i64 + 1)?;
            }
            Ok(())
        })
    }

    /// Runs `work` in a `BEGIN IMMEDIATE` transaction, retrying with backoff while another
    /// process holds the write lock.
    pub fn write<T>(&mut self, mut work: impl FnMut(&Transaction) -> Result<T>) -> Result<T> {
        let mut delay = Duration::from_millis(20);
        for attempt in 1..=WRITE_ATTEMPTS {
            let outcome = (|| {
                let tx = self
                    .conn
                    .transaction_with_behavior(TransactionBehavior::Immediate)
                    .map_err(Retry::Sql)?;
                let value = work(&tx).map_err(Retry::App)?;
                tx.commit().map_err(Retry::Sql)?;
                Ok(value)
            })();
            match outcome {
                Ok(value) => return Ok(value),
                Err(Retry::Sql(e)) if is_busy(&e) && attempt < WRITE_ATTEMPTS => {
                    std::thread::sleep(delay);
                    delay *= 2;
                }
                Err(Retry::Sql(e) | Retry::App(Error::Database(e))) => return Err(explain(&self.path, e)),
                Err(Retry::App(e)) => return Err(e),
            }
        }
        unreachable!("the last attempt returns")
    }

    /// `write` for one large transaction (an import, a generated program), with the memory
    /// `bulk` says.
    pub fn write_bulk<T>(&mut self, bulk: Bulk, work: impl FnMut(&Transaction) -> Result<T>) -> Result<T> {
        let set = |store: &Store, cache_kib: i64, temp_store: &str| {
            store
                .conn
                .pragma_update(None, "cache_size", -cache_kib)
                .and_then(|()| store.conn.pragma_update(None, "temp_store", temp_store))
                .map_err(|e| explain(&store.path, e))
        };
        match bulk {
            Bulk::Indexed => set(self, BULK_CACHE_KIB, "MEMORY")?,
            Bulk::Unindexed => set(self, DEFAULT_CACHE_KIB, "FILE")?,
        }
        let result = self.write(work);
        set(self, DEFAULT_CACHE_KIB, "DEFAULT")?;
        result
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Changes when any other connection commits: a cheap check for "reload needed".
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
}

/// Runs `step` again with growing pauses while SQLite says the database is busy, for about as
/// long as the busy timeout.
fn retry_busy<T>(mut step: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    let mut delay = Duration::from_millis(10);
    let mut waited = Duration::ZERO;
    loop {
        match step() {
            Err(e) if is_busy(&e) && waited < BUSY_TIMEOUT => {
                std::thread::sleep(delay);
                waited += delay;
                delay = (delay * 2).min(Duration::from_millis(200));
            }
            other => return other,
        }
    }
}

enum Retry {
    Sql(rusqlite::Error),
    App(Error),
}

/// Reads an optional `YYYY-MM-DD` column.
pub(crate) fn opt_date(text: Option<String>) -> Option<chrono::NaiveDate> {
    text.and_then(|t| date(&t).ok())
}

/// A text column read in place, not copied: for the lists that read thousands of rows.
pub(crate) fn text<'row>(row: &'row rusqlite::Row, column: usize) -> rusqlite::Result<&'row str> {
    let value = row.get_ref(column)?;
    value
        .as_str()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(column, value.data_type(), Box::new(e)))
}

/// A text column that may be NULL, read in place.
pub(crate) fn opt_text<'row>(row: &'row rusqlite::Row, column: usize) -> rusqlite::Result<Option<&'row str>> {
    let value = row.get_ref(column)?;
    value
        .as_str_or_null()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(column, value.data_type(), Box::new(e)))
}

pub(crate) fn date(text: &str) -> rusqlite::Result<chrono::NaiveDate> {
    // The stored form read directly: chrono's general parser was a tenth of the mentors
    // table at 1M contacts (every assignment's dates). Anything else goes to chrono.
    let number = |range: std::ops::Range<usize>| {
        let digits = text.get(range)?;
        digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| digits.parse().ok())?
    };
    let stored_form = || {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        chrono::NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?)
    };
    if let Some(date) = stored_form() {
        return Ok(date);
    }
    text.parse::<chrono::NaiveDate>()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

/// The `YYYY-MM-DD` at the start of a stored date or date-time.
pub(crate) fn date_prefix(text: &str) -> rusqlite::Result<chrono::NaiveDate> {
    date(text.get(..10).unwrap_or(text))
}

pub(crate) fn word<T: std::str::FromStr<Err = String>>(text: &str) -> rusqlite::Result<T> {
    text.parse().map_err(|e: String| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
    })
}

/// A new global id: a UUID v7, so ids sort roughly by when they were made.
pub(crate) fn new_gid() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The global id a row is inserted with: the one it came with (an import), else a new one.
fn gid_or_new(gid: Option<&str>) -> String {
    gid.map_or_else(new_gid, str::to_string)
}

/// When a record is made or changed: now on the session's clock (its `--today` and the program's
/// zone, see [`Store::set_clock`]); before a session has set one, the host's wall time.
pub(crate) fn now_stamp(conn: &Connection) -> String {
    let set: Option<(String, Option<String>)> = conn
        .query_row("SELECT zone, day FROM temp.clock", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .ok();
    let clock = set.and_then(|(zone, day)| {
        let day = match day {
            Some(day) => Some(day.parse::<chrono::NaiveDate>().ok()?),
            None => None,
        };
        Some(crate::clock::Clock::new(zone.parse().ok()?, day))
    });
    clock
        .map_or_else(|| chrono::Local::now().naive_local(), |c| c.now())
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string()
}
