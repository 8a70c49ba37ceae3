//! The messages of a sync and how they are framed: each message is JSON, deflated on its own,
//! after its length in 4 bytes.

use crate::domain::sync::{greeting, parse_greeting};
use crate::error::{Error, Result};
use crate::service::sync::{Answer, Change, Pull};
use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use std::io::{BufRead, BufReader, Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// What the copy asks of the box.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub enum ToBox {
    /// The copy `copy`'s changes; answered by [`FromBox::Synced`].
    Sync { copy: String, changes: Vec<Change> },
    /// The copy stored what it was sent.
    Took,
}

/// What the box answers.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub enum FromBox {
    /// Whose copy it is (the box's login of the user), an answer for each change, in order,
    /// and what the copy lacks.
    Synced {
        login: String,
        answers: Vec<Answer>,
        pull: Pull,
    },
    /// The box noted what the copy holds.
    Noted,
    /// The user was deactivated in the program: the copy empties itself.
    Deactivated(String),
    /// The box refuses the sync, for this reason.
    Refused(String),
}

/// Where the box is: `[USER@]HOST[:DB]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remote {
    pub host: String,
    pub db: Option<String>,
}

impl std::fmt::Display for Remote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.db {
            Some(db) => write!(f, "{}:{db}", self.host),
            None => f.write_str(&self.host),
        }
    }
}

/// Reads `[USER@]HOST[:DB]` as scp does.
pub fn parse_remote(text: &str) -> std::result::Result<Remote, String> {
    let (host, db) = match text.split_once(':') {
        Some((host, db)) => (host, Some(db.to_string()).filter(|d| !d.is_empty())),
        None => (text, None),
    };
    if host.is_empty() || host.starts_with('-') || host.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("'{text}': not [USER@]HOST[:DB]"));
    }
    Ok(Remote {
        host: host.to_string(),
        db,
    })
}

/// Counts the bytes that pass, shared with whoever reports them.
pub struct Counted<T> {
    inner: T,
    bytes: Arc<AtomicU64>,
}

impl<T> Counted<T> {
    pub fn new(inner: T, bytes: Arc<AtomicU64>) -> Self {
        Counted { inner, bytes }
    }
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// One end of a sync, after the greetings.
pub struct Channel<R: Read, W: Write> {
    reader: BufReader<R>,
    writer: W,
}

/// What stopped a sync before the other end said who it is.
pub enum Greeting {
    /// It speaks this protocol version, not ours.
    Version(u32),
    /// It said nothing a mentordesk says, or closed.
    Silent,
}

/// Greets the other end and reads its greeting.
pub fn open<R: Read, W: Write>(
    reader: R,
    mut writer: W,
    version: u32,
) -> std::result::Result<Channel<R, W>, (Greeting, std::io::Error)> {
    let quiet = |e: std::io::Error| (Greeting::Silent, e);
    writer.write_all(greeting(version).as_bytes()).map_err(quiet)?;
    writer.flush().map_err(quiet)?;
    let mut reader = BufReader::new(reader);
    let mut line = Vec::new();
    // A greeting is short: a long line is not one.
    (&mut reader)
        .take(64)
        .read_until(b'\n', &mut line)
        .map_err(quiet)?;
    match parse_greeting(&String::from_utf8_lossy(&line)) {
        Some(theirs) if theirs == version => Ok(Channel { reader, writer }),
        Some(theirs) => Err((Greeting::Version(theirs), std::io::ErrorKind::InvalidData.into())),
        None => Err((Greeting::Silent, std::io::ErrorKind::UnexpectedEof.into())),
    }
}

/// The most one message may be: a coordinator's first copy of a large program.
const LARGEST: u32 = 1 << 30;

impl<R: Read, W: Write> Channel<R, W> {
    pub fn send<T: serde::Serialize>(&mut self, message: &T) -> Result<()> {
        let mut deflated = DeflateEncoder::new(Vec::new(), Compression::default());
        serde_json::to_writer(&mut deflated, message).map_err(|e| Error::Failed(format!("sync: {e}")))?;
        let body = deflated.finish()?;
        let len = u32::try_from(body.len()).map_err(|_| Error::Failed("sync: a message too large".into()))?;
        self.writer.write_all(&len.to_be_bytes())?;
        self.writer.write_all(&body)?;
        self.writer.flush()?;
        Ok(())
    }

    /// The next message; `None` when the other end closed cleanly between messages.
    pub fn receive<T: serde::de::DeserializeOwned>(&mut self) -> Result<Option<T>> {
        let mut len = [0u8; 4];
        match self.reader.read_exact(&mut len) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
            Err(e) => return Err(e.into()),
        }
        let len = u32::from_be_bytes(len);
        if len > LARGEST {
            return Err(Error::Failed(
                "sync: the other end sent a message too large".into(),
            ));
        }
        let mut body = vec![0u8; len as usize];
        self.reader.read_exact(&mut body)?;
        serde_json::from_reader(DeflateDecoder::new(body.as_slice()))
            .map(Some)
            .map_err(|e| {
                Error::Failed(format!(
                    "sync: the other end sent what this version cannot read ({e})"
                ))
            })
    }

    /// Ends the stream this end writes, so the other end reads to its end.
    pub fn finish(self) -> Result<()> {
        drop(self.writer);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remotes_read_as_scp_reads_them() {
        let table = [
            ("box", Ok(("box", None))),
            ("ada@box.example.org", Ok(("ada@box.example.org", None))),
            ("ada@box:/srv/weac.db", Ok(("ada@box", Some("/srv/weac.db")))),
            ("box:", Ok(("box", None))),
            ("", Err(())),
            ("-oProxyCommand=x", Err(())),
            ("a b:c", Err(())),
        ];
        for (text, want) in table {
            let got = parse_remote(text).map(|r| (r.host, r.db)).map_err(|_| ());
            let want = want.map(|(h, d): (&str, Option<&str>)| (h.to_string(), d.map(str::to_string)));
            assert_eq!(got, want, "{text}");
        }
    }

    /// Two ends over a pair of pipes: messages arrive whole and in order, both greetings match.
    #[test]
    fn messages_cross_a_channel() {
        let (to_box_r, to_box_w) = std::io::pipe().unwrap();
        let (to_copy_r, to_copy_w) = std::io::pipe().unwrap();
        let server = std::thread::spawn(move || {
            let mut ch = open(to_box_r, to_copy_w, 1).map_err(|(_, e)| e).unwrap();
            let got: ToBox = ch.receive().unwrap().unwrap();
            let ToBox::Sync { copy, changes } = got else {
                panic!()
            };
            assert_eq!((copy.as_str(), changes.len()), ("c1", 0));
            ch.send(&FromBox::Refused("no".into())).unwrap();
            assert!(ch.receive::<ToBox>().unwrap().is_none());
        });
        let mut ch = open(to_copy_r, to_box_w, 1).map_err(|(_, e)| e).unwrap();
        ch.send(&ToBox::Sync {
            copy: "c1".into(),
            changes: vec![],
        })
        .unwrap();
        let answer: FromBox = ch.receive().unwrap().unwrap();
        assert!(matches!(answer, FromBox::Refused(r) if r == "no"));
        ch.finish().unwrap();
        server.join().unwrap();
    }

    #[test]
    fn another_version_is_named() {
        let (r1, w1) = std::io::pipe().unwrap();
        let (r2, w2) = std::io::pipe().unwrap();
        let other = std::thread::spawn(move || open(r1, w2, 2).is_err());
        match open(r2, w1, 1) {
            Err((Greeting::Version(2), _)) => {}
            _ => panic!("the other version is not named"),
        }
        assert!(other.join().unwrap());
    }
}
