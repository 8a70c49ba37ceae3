//! `export program` and `import program`: everything a program is, as a versioned JSON Lines
//! archive, streamed both ways.
//!
//! The first line is the header `{"mentordesk_program":1,"schema":N,"program":NAME}`, then one
//! record a line (`{"kind":TABLE,"row":{COLUMN:VALUE,…}}`), then the trailer
//! `{"end":"mentordesk_program","records":COUNT,"fnv1a64":HASH}`: the count finds a truncated
//! file, the hash (of every line before the trailer) one edited after it was written. It is
//! not a signature: it catches accidents, not someone who rewrites the trailer too.

use super::{PRIVATE_FILE_MODE, Session};
use crate::domain::permissions::{Permission, Relation};
use crate::error::{Error, Result};
use crate::service::store::Store;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;

/// The version of the archive's layout.
const FORMAT: i64 = 1;
const END: &str = "mentordesk_program";

/// FNV-1a, 64 bits, over the archive's lines.
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn line(&mut self, text: &str) {
        for &b in text.as_bytes().iter().chain(b"\n") {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

impl Session {
    /// Writes the whole program to `out`, a row at a time. Coordinators only.
    pub fn export_program(&self, out: &mut dyn Write) -> Result<()> {
        self.require(Permission::ExportPeople, Relation::Program)?;
        let mut hash = Fnv::new();
        let mut records = 0u64;
        let header = json!({
            "mentordesk_program": FORMAT,
            "schema": crate::service::store::archive_schema(),
            "program": self.program.name,
        })
        .to_string();
        hash.line(&header);
        writeln!(out, "{header}")?;
        self.store.each_archive_line(&mut |line| {
            hash.line(line);
            records += 1;
            writeln!(out, "{line}")?;
            Ok(())
        })?;
        let trailer = json!({"end": END, "records": records, "fnv1a64": hash.hex()});
        writeln!(out, "{trailer}")?;
        out.flush()?;
        Ok(())
    }
}

/// What `import program` made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramImport {
    pub program: String,
    pub records: u64,
}

/// Makes a new program database at `db` from the archive `file`, in one transaction. The
/// database must not exist yet, and whoever imports must be an active coordinator of the
/// archived program (their login is in it) or root: the import hands them the whole program.
/// A foreign, truncated or edited archive is refused with `FILE:LINE: reason` and no database
/// is left behind.
pub fn import_program(db: &Path, file: &Path, login: &str, is_root: bool) -> Result<ProgramImport> {
    if std::fs::symlink_metadata(db).is_ok() {
        return Err(Error::Input(format!(
            "{}: already exists; import program makes a new database (give another --db)",
            db.display()
        )));
    }
    let name = file.display().to_string();
    let at = |line: u64, reason: &str| Error::Input(format!("{name}:{line}: {reason}"));
    let reader = crate::privilege::open_users_file(file)
        .map_err(|e| Error::Input(format!("{name}: cannot read: {e}")))?;
    let mut lines = BufReader::new(reader);
    let mut text = String::new();
    let mut read_line = |text: &mut String, line: u64| -> Result<bool> {
        text.clear();
        let n = lines
            .read_line(text)
            .map_err(|e| at(line, &format!("cannot read: {e}")))?;
        if n > 0 && !text.ends_with('\n') {
            return Err(at(line, "the line is cut short: the archive is truncated"));
        }
        text.pop();
        Ok(n > 0)
    };
    if !read_line(&mut text, 1)? {
        return Err(at(1, "empty file, not a mentordesk program archive"));
    }
    let header: Value = serde_json::from_str(&text).map_err(|_| at(1, "not a mentordesk program archive"))?;
    match (
        header.get("mentordesk_program").and_then(Value::as_i64),
        header.get("schema").and_then(Value::as_i64),
    ) {
        (Some(FORMAT), Some(schema)) if schema == crate::service::store::archive_schema() => {}
        (Some(FORMAT), Some(schema)) => {
            return Err(at(
                1,
                &format!(
                    "an archive of schema {schema}; this mentordesk reads schema {}",
                    crate::service::store::archive_schema()
                ),
            ));
        }
        (Some(format), _) => {
            return Err(at(
                1,
                &format!("archive format {format}; this mentordesk reads format {FORMAT}"),
            ));
        }
        _ => return Err(at(1, "not a mentordesk program archive")),
    }
    let mut hash = Fnv::new();
    hash.line(&text);
    let mut store = Store::open(db, PRIVATE_FILE_MODE)?;
    let loaded = store.load_archive(|loader| {
        let mut line = 1u64;
        let mut records = 0u64;
        loop {
            line += 1;
            if !read_line(&mut text, line)? {
                return Err(at(
                    line,
                    &format!("the archive ends without its last line after {records} records: it is truncated"),
                ));
            }
            let value: Value = serde_json::from_str(&text).map_err(|e| at(line, &format!("not a record: {e}")))?;
            let Value::Object(row) = value else {
                return Err(at(line, "not a record"));
            };
            if row.get("end").and_then(Value::as_str) == Some(END) {
                let count = row.get("records").and_then(Value::as_u64);
                if count != Some(records) {
                    return Err(at(
                        line,
                        &format!("the archive holds {records} records but says {}: records were added or removed", count.map_or("nothing".into(), |c| c.to_string())),
                    ));
                }
                if row.get("fnv1a64").and_then(Value::as_str) != Some(hash.hex().as_str()) {
                    return Err(at(line, "the checksum does not match: the archive was changed after it was written"));
                }
                loader.check_references().map_err(|e| match e {
                    Error::Input(reason) => at(line, &reason),
                    other => other,
                })?;
                if read_line(&mut text, line + 1)? {
                    return Err(at(line + 1, "there is more after the archive's last line"));
                }
                if !is_root && !loader.is_active_coordinator(login)? {
                    return Err(Error::Denied(format!(
                        "{name}: your login '{login}' is not an active coordinator of this program; only they (or root) import it"
                    )));
                }
                return Ok(records);
            }
            hash.line(&text);
            let (Some(Value::String(kind)), Some(Value::Object(values)), 2) = (row.get("kind"), row.get("row"), row.len()) else {
                return Err(at(line, "not a record: a record is {\"kind\":…,\"row\":{…}}"));
            };
            loader.row(kind, values).map_err(|e| match e {
                Error::Input(reason) => at(line, &reason),
                other => other,
            })?;
            records += 1;
        }
    });
    match loaded {
        Ok(records) => Ok(ProgramImport {
            program: store.program()?.name,
            records,
        }),
        Err(e) => {
            drop(store);
            for suffix in ["", "-wal", "-shm"] {
                let mut path = db.as_os_str().to_owned();
                path.push(suffix);
                let _ = std::fs::remove_file(path);
            }
            Err(e)
        }
    }
}
