//! Errors a user sees: one line, and an exit code that tells scripts what kind of failure it was.

use std::fmt;

#[derive(Debug)]
pub enum Error {
    /// Bad input: a file, an argument or a value. Exit code 2.
    Input(String),
    /// The user may not do this. Exit code 3.
    Denied(String),
    /// The database or the system failed. Exit code 1.
    Failed(String),
    /// SQLite failed; kept whole so the store can name the file and say what it means.
    Database(rusqlite::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input(_) => 2,
            Error::Denied(_) => 3,
            Error::Failed(_) | Error::Database(_) => 1,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input(m) | Error::Denied(m) | Error::Failed(m) => f.write_str(m),
            Error::Database(err) => write!(f, "database error: {err}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        Error::Database(err)
    }
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        Error::Failed(err.to_string())
    }
}
