//! CSV imports: all or nothing, streamed inside one write transaction, with
//! `FILE:LINE: column 'X': reason` errors.

mod assignments;
mod contacts;
mod engagement;
mod people;

pub use assignments::import_assignments;
pub use contacts::{CONTACT_COLUMNS, import_contacts, parse_occurred_at};
pub use engagement::import_engagement;
pub use people::{PEOPLE_COLUMNS, import_people};

use crate::error::{Error, Result};
use csv::{ByteRecord, Reader, ReaderBuilder};
use indicatif::ProgressBar;
use rusqlite::{OptionalExtension, Transaction};
use std::collections::HashMap;
use std::fs::File;
use std::path::Path;

/// An open CSV file whose header was checked against the columns an import accepts.
pub(crate) struct CsvFile {
    pub name: String,
    reader: Reader<File>,
    columns: HashMap<&'static str, usize>,
    progress: ProgressBar,
}

/// Rows read between progress updates.
const PROGRESS_EVERY: u64 = 4096;

/// A row being read, carrying what error messages need.
pub(crate) struct CsvRow<'a> {
    file: &'a str,
    pub line: u64,
    record: &'a ByteRecord,
    columns: &'a HashMap<&'static str, usize>,
}

pub(crate) fn error_at(file: &str, line: u64, column: &str, reason: impl std::fmt::Display) -> Error {
    Error::Input(format!("{file}:{line}: column '{column}': {reason}"))
}

impl CsvFile {
    pub fn open(path: &Path, accepted: &[&'static str], required: &[&'static str]) -> Result<CsvFile> {
        let name = path.display().to_string();
        let file = File::open(path).map_err(|e| Error::Input(format!("{name}: cannot read: {e}")))?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        let mut reader = ReaderBuilder::new().flexible(true).from_reader(file);
        let header = reader
            .byte_headers()
            .map_err(|e| Error::Input(format!("{name}:1: cannot read the header: {e}")))?
            .clone();
        let mut columns = HashMap::new();
        for (index, raw) in header.iter().enumerate() {
            let text = String::from_utf8_lossy(raw);
            let wanted = text.trim().trim_start_matches('\u{feff}').to_ascii_lowercase();
            let Some(known) = accepted.iter().find(|c| **c == wanted) else {
                return Err(error_at(
                    &name,
                    1,
                    text.trim(),
                    format!("unknown column; expected {}", accepted.join(",")),
                ));
            };
            if columns.insert(*known, index).is_some() {
                return Err(error_at(&name, 1, known, "appears twice in the header"));
            }
        }
        if let Some(missing) = required.iter().find(|c| !columns.contains_key(*c)) {
            return Err(error_at(
                &name,
                1,
                missing,
                "required column is missing from the header",
            ));
        }
        let label = path
            .file_name()
            .map_or(name.clone(), |n| n.to_string_lossy().into_owned());
        Ok(CsvFile {
            progress: crate::progress::bytes(size, &format!("reading {label}")),
            name,
            reader,
            columns,
        })
    }

    /// Calls `each` for every data row, stopping at the first error.
    pub fn for_each_row(&mut self, each: impl FnMut(&CsvRow) -> Result<()>) -> Result<u64> {
        let rows = self.read_rows(each);
        self.progress.finish_and_clear();
        rows
    }

    fn read_rows(&mut self, mut each: impl FnMut(&CsvRow) -> Result<()>) -> Result<u64> {
        let mut record = ByteRecord::new();
        let mut rows = 0;
        loop {
            let more = self.reader.read_byte_record(&mut record).map_err(|e| {
                let line = e.position().map_or(0, |p| p.line());
                Error::Input(format!("{}:{line}: {e}", self.name))
            })?;
            if !more {
                return Ok(rows);
            }
            let (line, byte) = record.position().map_or((0, 0), |p| (p.line(), p.byte()));
            if rows % PROGRESS_EVERY == 0 {
                self.progress.set_position(byte);
            }
            if record.iter().all(|f| f.iter().all(|b| b.is_ascii_whitespace())) {
                continue;
            }
            each(&CsvRow {
                file: &self.name,
                line,
                record: &record,
                columns: &self.columns,
            })?;
            rows += 1;
        }
    }
}

impl CsvRow<'_> {
    pub fn error(&self, column: &str, reason: impl std::fmt::Display) -> Error {
        error_at(self.file, self.line, column, reason)
    }

    /// The trimmed value of a column, `None` when the column is absent or the cell empty.
    /// A leading apostrophe guarding `= + - @` (what our CSV export adds) is removed.
    pub fn get(&self, column: &'static str) -> Result<Option<String>> {
        let Some(&index) = self.columns.get(column) else {
            return Ok(None);
        };
        let Some(raw) = self.record.get(index) else {
            return Ok(None);
        };
        let text = std::str::from_utf8(raw).map_err(|_| self.error(column, "is not valid UTF-8"))?;
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let unguarded = match text.strip_prefix('\'') {
            Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
            _ => text,
        };
        Ok(Some(unguarded.to_string()))
    }

    pub fn required(&self, column: &'static str) -> Result<String> {
        self.get(column)?.ok_or_else(|| self.error(column, "is required"))
    }

    pub fn parse<T>(
        &self,
        column: &'static str,
        parse: impl Fn(&str) -> std::result::Result<T, String>,
    ) -> Result<Option<T>> {
        self.get(column)?
            .map(|text| parse(&text).map_err(|reason| self.error(column, reason)))
            .transpose()
    }
}

/// A person's store key and role by the id used in files.
pub(crate) fn person_by_id(tx: &Transaction, id: &str) -> rusqlite::Result<Option<(i64, String)>> {
    tx.prepare_cached("SELECT key, role FROM people WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()
}

pub(crate) fn whole_number(text: &str) -> std::result::Result<u32, String> {
    text.parse()
        .map_err(|_| format!("'{text}' is not a whole number"))
}
