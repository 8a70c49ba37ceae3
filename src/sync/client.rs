//! `mentordesk sync`: the laptop's end.

use super::wire::{self, Counted, FromBox, Greeting, Remote, ToBox, parse_remote};
use crate::domain::sync::PROTOCOL;
use crate::error::{Error, Result};
use crate::service::figures::ProgramFigures;
use crate::service::programs::RemoteProgram;
use crate::service::sync::{Answer, Copy, Pull, Record};
use chrono::NaiveDate;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// How to reach the box.
#[derive(Debug, Clone)]
pub struct SyncOptions {
    /// The laptop copy.
    pub db: PathBuf,
    /// The box, for a first sync (a copy remembers its own).
    pub remote: Option<Remote>,
    /// The command that reaches it, split as a shell would (`ssh -p 2222 -i key`).
    pub ssh: String,
    /// The mentordesk to run there.
    pub remote_path: String,
    /// `--today`, for the stamps.
    pub today: Option<NaiveDate>,
    /// Never let ssh ask anything (the TUI's terminal is not ssh's to prompt on): OpenSSH's
    /// `BatchMode`, added when the command is `ssh` itself.
    pub batch: bool,
}

impl SyncOptions {
    /// A sync of the copy at `db` that nothing can prompt for (the app's terminal, the Programs
    /// screen): the command from `MENTORDESK_SSH`, the box's mentordesk from
    /// `MENTORDESK_REMOTE_PATH`, as the command line's defaults are.
    pub fn unprompted(db: PathBuf, today: Option<NaiveDate>) -> SyncOptions {
        let from_env = |name: &str, default: &str| {
            std::env::var(name)
                .ok()
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| default.to_string())
        };
        SyncOptions {
            db,
            remote: None,
            ssh: from_env("MENTORDESK_SSH", "ssh"),
            remote_path: from_env("MENTORDESK_REMOTE_PATH", "mentordesk"),
            today,
            batch: true,
        }
    }
}

/// What a sync did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SyncReport {
    pub remote: String,
    pub first: bool,
    pub sent: usize,
    pub taken: usize,
    /// Each refused change: its record's id and the box's reason.
    pub refused: Vec<(String, String)>,
    pub conflicts: usize,
    pub received: usize,
    pub removed: usize,
    pub bytes_up: u64,
    pub bytes_down: u64,
    /// The user was deactivated: why, and where what was not delivered was saved.
    pub deactivated: Option<(String, Option<PathBuf>)>,
}

/// ssh, running the box's `mentordesk sync --serve`, and what it says on its standard error.
struct Link {
    child: Child,
    errors: std::thread::JoinHandle<String>,
    host: String,
}

impl Link {
    fn start(options: &SyncOptions, remote: &Remote) -> Result<Link> {
        let mut words = shell_words::split(&options.ssh)
            .map_err(|e| Error::Input(format!("--ssh '{}': {e}", options.ssh)))?;
        if words.is_empty() {
            return Err(Error::Input("--ssh: an empty command".into()));
        }
        let program = words.remove(0);
        let is_ssh = Path::new(&program).file_stem().is_some_and(|stem| stem == "ssh");
        if options.batch && is_ssh {
            words.splice(0..0, ["-o".to_string(), "BatchMode=yes".to_string()]);
        }
        let mut command = format!("{} sync --serve", shell_words::quote(&options.remote_path));
        if let Some(db) = &remote.db {
            command.push_str(&format!(" --db {}", shell_words::quote(db)));
        }
        let mut child = Command::new(&program)
            .args(&words)
            .arg(&remote.host)
            .arg(command)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => Error::Failed(format!(
                    "cannot run '{program}': not found; install the OpenSSH client, or name it with --ssh"
                )),
                _ => Error::Failed(format!("cannot run '{program}': {e}")),
            })?;
        let mut stderr = child.stderr.take().expect("piped");
        let errors = std::thread::spawn(move || {
            let mut text = Vec::new();
            let _ = stderr.read_to_end(&mut text);
            String::from_utf8_lossy(&text).into_owned()
        });
        Ok(Link {
            child,
            errors,
            host: remote.host.clone(),
        })
    }

    /// Waits for ssh to end; its exit status and the last line it wrote on standard error.
    fn end(mut self) -> (Option<i32>, String) {
        drop(self.child.stdin.take());
        let status = self.child.wait().ok().and_then(|s| s.code());
        let errors = self.errors.join().unwrap_or_default();
        let last = errors
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim();
        (status, last.to_string())
    }

    /// Why the sync could not start, from how ssh ended.
    fn failure(self, options: &SyncOptions, queued: usize) -> Error {
        let host = self.host.clone();
        let (status, last) = self.end();
        let kept = match queued {
            0 => String::new(),
            1 => "; your 1 change stays queued".into(),
            n => format!("; your {n} changes stay queued"),
        };
        if status == Some(127) || last.contains("command not found") || last.contains("No such file") {
            return Error::Failed(format!(
                "{host} has no mentordesk ('{}' was not found there); install it on the box, or name it with --remote-path{kept}",
                options.remote_path
            ));
        }
        if status == Some(255) {
            let why = if last.is_empty() {
                "ssh could not connect".to_string()
            } else {
                last
            };
            return Error::Failed(format!("cannot reach {host}: {why}{kept}"));
        }
        let why = if last.is_empty() {
            "it ended without a word".to_string()
        } else {
            last
        };
        Error::Failed(format!("{host}: the sync did not start: {why}{kept}"))
    }
}

/// The channel this end writes and reads, counted.
type CountedChannel = wire::Channel<Counted<std::process::ChildStdout>, Counted<std::process::ChildStdin>>;

/// Starts ssh to `remote` and greets the box's mentordesk; `queued` changes are said to stay
/// if it cannot be reached. Bytes are counted into `up` and `down`.
fn connect(
    options: &SyncOptions,
    remote: &Remote,
    queued: usize,
    up: &Arc<AtomicU64>,
    down: &Arc<AtomicU64>,
) -> Result<(Link, CountedChannel)> {
    let mut link = Link::start(options, remote)?;
    let reader = Counted::new(link.child.stdout.take().expect("piped"), down.clone());
    let writer = Counted::new(link.child.stdin.take().expect("piped"), up.clone());
    match wire::open(reader, writer, PROTOCOL) {
        Ok(channel) => Ok((link, channel)),
        Err((Greeting::Version(theirs), _)) => {
            let host = link.host.clone();
            link.end();
            Err(Error::Failed(format!(
                "{host} speaks sync protocol {theirs}, this mentordesk speaks {PROTOCOL}; install the same version on both"
            )))
        }
        Err((Greeting::Silent, _)) => Err(link.failure(options, queued)),
    }
}

fn dropped(host: &str) -> Error {
    Error::Failed(format!(
        "the connection to {host} dropped mid-sync; nothing was lost or sent twice: run `mentordesk sync` again"
    ))
}

/// Syncs the laptop copy at `options.db` with its box, making the copy on the first sync.
pub fn sync(options: &SyncOptions) -> Result<SyncReport> {
    let mut copy = if options.db.exists() {
        Some(Copy::open(&options.db)?)
    } else {
        None
    };
    let remote = match (&options.remote, &copy) {
        (Some(remote), Some(copy)) if remote.to_string() != copy.origin().remote => {
            return Err(Error::Input(format!(
                "{}: this copy syncs with {}, not {remote}; give another --db for a copy of that program",
                options.db.display(),
                copy.origin().remote
            )));
        }
        (Some(remote), _) => remote.clone(),
        (None, Some(copy)) => parse_remote(&copy.origin().remote).map_err(Error::Input)?,
        (None, None) => {
            return Err(Error::Input(format!(
                "{}: no laptop copy here yet; the first sync names the box: mentordesk sync --remote USER@HOST[:DB]",
                options.db.display()
            )));
        }
    };
    let changes = match &copy {
        Some(copy) => copy.changes_to_send()?,
        None => Vec::new(),
    };
    let copy_id = copy
        .as_ref()
        .map_or_else(|| uuid::Uuid::now_v7().to_string(), |c| c.origin().copy.clone());

    let up = Arc::new(AtomicU64::new(0));
    let down = Arc::new(AtomicU64::new(0));
    let (link, mut channel) = connect(options, &remote, changes.len(), &up, &down)?;
    let host = link.host.clone();
    channel
        .send(&ToBox::Sync {
            copy: copy_id.clone(),
            changes: changes.clone(),
        })
        .map_err(|_| dropped(&host))?;
    let mut report = SyncReport {
        remote: remote.to_string(),
        first: copy.is_none(),
        sent: changes.len(),
        ..SyncReport::default()
    };
    let answer = channel.receive::<FromBox>().map_err(|_| dropped(&host))?;
    let (login, answers, pull): (String, Vec<Answer>, Pull) = match answer {
        Some(FromBox::Synced { login, answers, pull }) => (login, answers, pull),
        Some(FromBox::Deactivated(why)) => {
            drop(channel);
            link.end();
            let saved = match &mut copy {
                Some(copy) => save_undelivered_and_empty(copy)?,
                None => None,
            };
            report.deactivated = Some((why, saved));
            return Ok(report);
        }
        Some(FromBox::Refused(why)) => {
            drop(channel);
            link.end();
            return Err(Error::Denied(format!("{host}: {why}")));
        }
        Some(FromBox::Noted | FromBox::Figures(_)) | None => {
            drop(channel);
            let (_, last) = link.end();
            return Err(if last.is_empty() {
                dropped(&host)
            } else {
                Error::Failed(format!("{host}: {last}"))
            });
        }
    };
    if answers.len() != changes.len() {
        return Err(Error::Failed(format!(
            "{host} answered {} of {} changes",
            answers.len(),
            changes.len()
        )));
    }
    let mut copy = match copy {
        Some(copy) => copy,
        None => Copy::create(&options.db, &remote.to_string(), &login, &copy_id)?,
    };
    for (change, answer) in changes.iter().zip(&answers) {
        match answer {
            Answer::Taken(_) => report.taken += 1,
            Answer::Refused(why) => report.refused.push((change.record.gid.clone(), why.clone())),
            Answer::Conflict(..) => report.conflicts += 1,
        }
    }
    report.received = pull.records.len();
    report.removed = pull.gone.len();
    let answered: Vec<_> = changes.into_iter().zip(answers).collect();
    copy.take_in(&answered, &pull, options.today)?;
    channel.send(&ToBox::Took).map_err(|_| dropped(&host))?;
    match channel.receive::<FromBox>() {
        Ok(Some(FromBox::Noted)) => {}
        // The copy holds everything; the box sends it again next time, which changes nothing.
        _ => return Err(dropped(&host)),
    }
    channel.finish().map_err(|_| dropped(&host))?;
    link.end();
    report.bytes_up = up.load(Ordering::Relaxed);
    report.bytes_down = down.load(Ordering::Relaxed);
    Ok(report)
}

/// A deactivated user's copy: what the box never took is written beside the copy (the user's
/// own file, mode 0600), then the copy is emptied.
fn save_undelivered_and_empty(copy: &mut Copy) -> Result<Option<PathBuf>> {
    let records = copy.undelivered()?;
    let saved = if records.is_empty() {
        None
    } else {
        Some(save_undelivered(&copy.path(), &records)?)
    };
    copy.empty()?;
    Ok(saved)
}

/// A record the box refused, set aside: written beside the copy as the undelivered records of
/// a deactivated copy are, then taken out of it. Where it was written.
pub fn set_aside_refused(copy: &mut Copy, gid: &str) -> Result<PathBuf> {
    let db = copy.path();
    copy.set_aside(gid, |record| save_undelivered(&db, std::slice::from_ref(record)))
}

/// Records written one JSON line each to a new file beside the copy, the user's own (0600).
fn save_undelivered(db: &Path, records: &[Record]) -> Result<PathBuf> {
    let path = undelivered_path(db);
    let mut text = String::new();
    for record in records {
        text.push_str(&serde_json::to_string(record).map_err(|e| Error::Failed(e.to_string()))?);
        text.push('\n');
    }
    crate::privilege::write_own_file(&path, text.as_bytes())?;
    Ok(path)
}

fn undelivered_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".undelivered-{}.jsonl", uuid::Uuid::now_v7()));
    db.with_file_name(name)
}

/// A remote program's figures for the Programs screen, over the same `sync --serve` channel:
/// only the counts cross the wire. The command and the box's mentordesk come from the program's
/// `ssh`, else `MENTORDESK_SSH`, and `MENTORDESK_REMOTE_PATH`, as for a sync.
pub fn fetch_figures(program: &RemoteProgram) -> Result<ProgramFigures> {
    let mut options = SyncOptions::unprompted(PathBuf::new(), None);
    if let Some(ssh) = &program.ssh {
        options.ssh.clone_from(ssh);
    }
    let remote = Remote {
        host: match &program.user {
            Some(user) => format!("{user}@{}", program.host),
            None => program.host.clone(),
        },
        db: program.db.clone(),
    };
    let bytes = Arc::new(AtomicU64::new(0));
    let (link, mut channel) = connect(&options, &remote, 0, &bytes, &bytes)?;
    let host = link.host.clone();
    channel.send(&ToBox::Figures).map_err(|_| dropped(&host))?;
    let answer = channel.receive::<FromBox>().map_err(|_| dropped(&host))?;
    drop(channel);
    link.end();
    match answer {
        Some(FromBox::Figures(figures)) => Ok(figures),
        Some(FromBox::Refused(why) | FromBox::Deactivated(why)) => {
            Err(Error::Denied(format!("{host}: {why}")))
        }
        _ => Err(dropped(&host)),
    }
}

/// What a sync did, in one line, and whether it needs the user (a refusal, a conflict, a
/// deactivation).
pub fn summary(report: &SyncReport) -> (String, bool) {
    if let Some((why, _)) = &report.deactivated {
        return (format!("{}: {why}; the copy is now empty", report.remote), true);
    }
    let line = format!(
        "sent {}: {} taken, {} refused, {} in conflict; received {}, {} removed · {} B up, {} B down",
        plural(report.sent, "change", "changes"),
        report.taken,
        report.refused.len(),
        report.conflicts,
        plural(report.received, "record", "records"),
        report.removed,
        report.bytes_up,
        report.bytes_down
    );
    (line, report.conflicts > 0 || !report.refused.is_empty())
}

/// `1 change`, `3 changes`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
