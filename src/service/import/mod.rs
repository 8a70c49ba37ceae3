//! CSV imports: all or nothing, streamed inside one write transaction, with
//! `FILE:LINE: column 'X': reason` errors.

mod assignments;
mod contacts;
mod engagement;
mod people;

pub use assignments::{ASSIGNMENT_COLUMNS, AssignmentImport, import_assignments};
pub use contacts::{CONTACT_COLUMNS, ContactImport, import_contacts};
pub use engagement::import_engagement;
pub use people::{PEOPLE_COLUMNS, PeopleImport, import_people};

use crate::error::{Error, Result};
use csv::{ByteRecord, Reader, ReaderBuilder};
use indicatif::ProgressBar;
use std::cell::RefCell;
use std::collections::HashMap;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;
use std::rc::Rc;

/// An open CSV file whose header was checked against the columns an import accepts.
pub(crate) struct CsvFile {
    pub name: String,
    rescan: File,
    reader: Reader<LineCounter<File>>,
    newlines: Rc<RefCell<Newlines>>,
    columns: HashMap<&'static str, usize>,
    /// The header's names in order, as written.
    header: Vec<String>,
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
        let unreadable = |e: std::io::Error| Error::Input(format!("{name}: cannot read: {e}"));
        let file = crate::privilege::open_users_file(path).map_err(unreadable)?;
        // The quote check reads the end again through this second handle on the same open
        // file, never by opening the path anew.
        let rescan = file.try_clone().map_err(unreadable)?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        let newlines = Rc::new(RefCell::new(Newlines::default()));
        let counted = LineCounter {
            inner: file,
            read: 0,
            newlines: newlines.clone(),
        };
        let mut reader = ReaderBuilder::new().flexible(true).from_reader(counted);
        let header = reader
            .byte_headers()
            .map_err(|e| Error::Input(format!("{name}:1: cannot read the header: {e}")))?
            .clone();
        if header.iter().any(|raw| raw.contains(&0)) {
            return Err(Error::Input(format!(
                "{name}:1: not a CSV text file (it holds binary data); nothing was imported"
            )));
        }
        let mut columns = HashMap::new();
        let mut names = Vec::new();
        for (index, raw) in header.iter().enumerate() {
            let text = String::from_utf8_lossy(raw);
            names.push(text.trim().trim_start_matches('\u{feff}').to_string());
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
            rescan,
            reader,
            newlines,
            columns,
            header: names,
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
        let mut last_start = None;
        loop {
            let more = match self.reader.read_byte_record(&mut record) {
                Ok(more) => more,
                Err(e) => {
                    let line = e.position().map_or(0, |p| self.line_at(p.byte()));
                    return Err(Error::Input(format!("{}:{line}: {e}", self.name)));
                }
            };
            if !more {
                if let Some((line, byte)) = last_start {
                    self.check_quotes_closed(line, byte)?;
                }
                return Ok(rows);
            }
            let byte = record.position().map_or(0, |p| p.byte());
            let line = self.line_at(byte);
            last_start = Some((line, byte));
            if rows % PROGRESS_EVERY == 0 {
                self.progress.set_position(byte);
            }
            if record.iter().all(|f| f.iter().all(|b| b.is_ascii_whitespace())) {
                continue;
            }
            if record.len() > self.header.len() {
                let last = self.header.last().map_or("", String::as_str);
                return Err(error_at(
                    &self.name,
                    line,
                    last,
                    format!(
                        "the row has {} values but the header names {}; quote values that contain commas",
                        record.len(),
                        self.header.len()
                    ),
                ));
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

impl CsvFile {
    fn line_at(&self, byte: u64) -> u64 {
        self.newlines.borrow_mut().line_at(byte)
    }

    /// A quote left open swallows the rest of the file into one value, which the CSV reader
    /// accepts at the end of input; that would silently drop every row after it. Only the last
    /// record can hold such a quote, so its raw bytes are scanned again.
    fn check_quotes_closed(&self, line: u64, start: u64) -> Result<()> {
        let unreadable = |e: std::io::Error| Error::Input(format!("{}: cannot read: {e}", self.name));
        let mut file = &self.rescan;
        file.seek(SeekFrom::Start(start)).map_err(unreadable)?;
        let mut scan = QuoteScan::default();
        let mut reader = BufReader::new(file);
        loop {
            let chunk = reader.fill_buf().map_err(unreadable)?;
            if chunk.is_empty() {
                break;
            }
            chunk.iter().for_each(|&b| scan.step(b));
            let used = chunk.len();
            reader.consume(used);
        }
        match scan.open_in_field() {
            Some(field) => Err(error_at(
                &self.name,
                line,
                self.header.get(field).map_or("", String::as_str),
                "a quoted value is never closed, so the rest of the file would be read as one value",
            )),
            None => Ok(()),
        }
    }
}

/// The newlines the CSV reader has been handed, by byte offset. The csv crate's own line
/// numbers are one short after CRLF endings (BurntSushi/rust-csv#395): a record's start offset
/// points at the LF of the CRLF before it, so a newline *at* the offset is counted as passed.
#[derive(Default)]
struct Newlines {
    ahead: VecDeque<u64>,
    passed: u64,
}

impl Newlines {
    /// The 1-based line of the record starting at `byte`; offsets must not go backwards.
    fn line_at(&mut self, byte: u64) -> u64 {
        while self.ahead.front().is_some_and(|&at| at <= byte) {
            self.ahead.pop_front();
            self.passed += 1;
        }
        self.passed + 1
    }
}

struct LineCounter<R> {
    inner: R,
    read: u64,
    newlines: Rc<RefCell<Newlines>>,
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut newlines = self.newlines.borrow_mut();
        for at in memchr::memchr_iter(b'\n', &buf[..n]) {
            newlines.ahead.push_back(self.read + at as u64);
        }
        self.read += n as u64;
        Ok(n)
    }
}

/// Follows RFC 4180 quoting byte by byte: which field a quote opened in, and whether it closed.
#[derive(Default)]
struct QuoteScan {
    field: usize,
    mid_field: bool,
    quoted: bool,
    /// Inside quotes, just after a `"`: either the closing quote or the first of `""`.
    after_quote: bool,
}

impl QuoteScan {
    fn step(&mut self, byte: u8) {
        if self.quoted {
            if self.after_quote {
                self.after_quote = false;
                if byte == b'"' {
                    return;
                }
                self.quoted = false;
            } else {
                self.after_quote = byte == b'"';
                return;
            }
        }
        match byte {
            b',' => {
                self.field += 1;
                self.mid_field = false;
            }
            b'\n' | b'\r' => {
                self.field = 0;
                self.mid_field = false;
            }
            b'"' if !self.mid_field => self.quoted = true,
            _ => self.mid_field = true,
        }
    }

    fn open_in_field(&self) -> Option<usize> {
        (self.quoted && !self.after_quote).then_some(self.field)
    }
}

impl CsvRow<'_> {
    pub fn error(&self, column: &str, reason: impl std::fmt::Display) -> Error {
        error_at(self.file, self.line, column, reason)
    }

    /// The trimmed value of a column, `None` when the column is absent or the cell empty; refused
    /// when it holds what stored text may not. A leading apostrophe guarding `= + - @` (what our
    /// CSV export adds) is removed.
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
        // The store refuses the same, but only here is it known which line and column it was.
        crate::domain::sanitize::stored_text_problem(text).map_err(|reason| self.error(column, reason))?;
        let unguarded = match text.strip_prefix('\'') {
            Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
            _ => text,
        };
        Ok(Some(unguarded.to_string()))
    }

    /// Whether the cell is exactly `-`: the import's way to clear a stored value, since a blank
    /// cell keeps it. A literal dash is written `'-`.
    pub fn clears(&self, column: &'static str) -> bool {
        self.columns
            .get(column)
            .and_then(|&index| self.record.get(index))
            .is_some_and(|raw| raw.trim_ascii() == b"-")
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

pub(crate) fn whole_number(text: &str) -> std::result::Result<u32, String> {
    text.parse()
        .map_err(|_| format!("'{text}' is not a whole number"))
}

/// A global id as exports write it: a UUID, stored in its lower-case hyphenated form.
pub(crate) fn parse_gid(text: &str) -> std::result::Result<String, String> {
    uuid::Uuid::parse_str(text)
        .map(|id| id.hyphenated().to_string())
        .map_err(|_| format!("'{text}' is not an id like 0192f1d2-7c3a-7d4e-8f00-1a2b3c4d5e6f"))
}
