//! Errors a user sees: one line, and an exit code that tells scripts what kind of failure it was.

use std::fmt::{self, Write};

#[derive(Debug)]
pub enum Error {
    /// Bad input: a file, an argument or a value. Exit code 2.
    Input(String),
    /// A value of a record the domain refuses, with the field it is in (as the record's
    /// columns name it, `occurred_at`), so that a form can show the reason at the field.
    /// Exit code 2.
    Invalid { field: &'static str, reason: String },
    /// The user may not do this. Exit code 3.
    Denied(String),
    /// The database or the system failed. Exit code 1.
    Failed(String),
    /// Someone else changed the record since the user started from it; nothing was saved.
    /// Exit code 4.
    Conflict {
        /// The record, as people name it: `contact #12`.
        what: String,
        /// Who changed it last, and when (`YYYY-MM-DDTHH:MM:SS`).
        who: String,
        when: String,
    },
    /// SQLite failed; kept whole so the store can name the file and say what it means.
    Database(rusqlite::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input(_) | Error::Invalid { .. } => 2,
            Error::Denied(_) => 3,
            Error::Conflict { .. } => 4,
            Error::Failed(_) | Error::Database(_) => 1,
        }
    }
}

/// Shown as one line whatever it quotes: a control character from a file (a newline inside a
/// quoted CSV value, an escape sequence) is written as its escape, never as itself.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Error::Input(m) | Error::Denied(m) | Error::Failed(m) => std::borrow::Cow::Borrowed(m.as_str()),
            Error::Invalid { field, reason } => std::borrow::Cow::Owned(format!("{field}: {reason}")),
            Error::Database(err) => std::borrow::Cow::Owned(format!("database error: {err}")),
            Error::Conflict { what, who, when } => std::borrow::Cow::Owned(format!(
                "{what} was changed by {who} at {}; nothing was saved",
                when.replace('T', " ")
            )),
        };
        for c in text.chars() {
            if c.is_control() {
                write!(f, "{}", c.escape_default())?;
            } else {
                f.write_char(c)?;
            }
        }
        Ok(())
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

#[cfg(test)]
mod tests {
    use super::Error;

    #[test]
    fn control_characters_from_a_file_are_shown_escaped_on_one_line() {
        let err = Error::Input("people.csv:1: column 'l\nx\u{1b}[2J': unknown column".into());
        assert_eq!(
            err.to_string(),
            "people.csv:1: column 'l\\nx\\u{1b}[2J': unknown column"
        );
        assert_eq!(Error::Failed("naïve, fine".into()).to_string(), "naïve, fine");
    }
}
