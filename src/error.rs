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
        /// Who changed it last, and when, if the audit log says.
        by: Option<ChangedBy>,
    },
    /// SQLite failed; kept whole so the store can name the file and say what it means.
    Database(rusqlite::Error),
}

/// Who changed a record last, and when (`YYYY-MM-DDTHH:MM:SS`), as the audit log has it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangedBy {
    pub who: String,
    pub when: String,
}

impl ChangedBy {
    /// From the audit log's (name, time) of the last change, when there is one.
    pub fn from_audit(last: Option<(String, String)>) -> Option<ChangedBy> {
        last.map(|(who, when)| ChangedBy { who, when })
    }
}

/// "changed by Cora Lind at 2026-11-23 10:02:11", or "changed" when the log does not say: what is
/// known, nothing invented.
pub fn changed_by(by: &Option<ChangedBy>) -> String {
    match by {
        Some(by) => format!("changed by {} at {}", by.who, by.when.replace('T', " ")),
        None => "changed since you began".into(),
    }
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
            Error::Conflict { what, by } => {
                std::borrow::Cow::Owned(format!("{what} was {}; nothing was saved", changed_by(by)))
            }
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

    #[test]
    fn a_conflict_says_who_and_when_only_when_known() {
        let known = Error::Conflict {
            what: "contact #3".into(),
            by: Some(super::ChangedBy {
                who: "Cora Lind".into(),
                when: "2026-11-23T10:02:11".into(),
            }),
        };
        assert_eq!(
            known.to_string(),
            "contact #3 was changed by Cora Lind at 2026-11-23 10:02:11; nothing was saved"
        );
        let unknown = Error::Conflict {
            what: "contact #3".into(),
            by: None,
        };
        assert_eq!(
            unknown.to_string(),
            "contact #3 was changed since you began; nothing was saved"
        );
    }
}
