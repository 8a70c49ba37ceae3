//! The view across the programs a coordinator lists in their config file: each program's
//! figures, computed now for a local database, fetched for a remote box, or else the last ones
//! kept in the user's own cache file, said to be old. Never a figure that was not taken.

use crate::error::{Error, Result};
use crate::service::Session;
use crate::service::figures::{ProgramFigures, program_figures};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One program of the config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedProgram {
    pub name: String,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A database file on this machine.
    Local(PathBuf),
    Remote(RemoteProgram),
}

/// A program on another box, reached over the system's ssh: `[USER@]HOST[:DB]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteProgram {
    pub user: Option<String>,
    pub host: String,
    /// The database on the box; `None`: the box's default.
    pub db: Option<String>,
    /// The ssh command, with its options (`ssh -p 2222`); `None`: plain `ssh`.
    pub ssh: Option<String>,
}

impl RemoteProgram {
    /// Reads `[USER@]HOST[:DB]`; a host starting with `-` would be read by ssh as an option.
    pub fn parse(text: &str, ssh: Option<String>) -> std::result::Result<RemoteProgram, String> {
        let (login, db) = match text.split_once(':') {
            Some((login, db)) => (login, Some(db)),
            None => (text, None),
        };
        let (user, host) = match login.rsplit_once('@') {
            Some((user, host)) => (Some(user), host),
            None => (None, login),
        };
        let bad = |part: &str| {
            part.is_empty()
                || part.starts_with('-')
                || part.chars().any(|c| c.is_whitespace() || c.is_control())
        };
        if bad(host) {
            return Err(format!("'{text}': give [USER@]HOST[:DB], with a host name"));
        }
        if user.is_some_and(bad) {
            return Err(format!("'{text}': the user before @ is empty or not a login"));
        }
        if db.is_some_and(|db| db.is_empty() || db.chars().any(char::is_control)) {
            return Err(format!("'{text}': the database after : is empty"));
        }
        if ssh.as_deref().is_some_and(|s| s.trim().is_empty()) {
            return Err("ssh: an empty command".into());
        }
        Ok(RemoteProgram {
            user: user.map(str::to_string),
            host: host.to_string(),
            db: db.map(str::to_string),
            ssh,
        })
    }

    /// `user@host:db` as the config file gave it.
    pub fn address(&self) -> String {
        let mut out = String::new();
        if let Some(user) = &self.user {
            out.push_str(user);
            out.push('@');
        }
        out.push_str(&self.host);
        if let Some(db) = &self.db {
            out.push(':');
            out.push_str(db);
        }
        out
    }
}

impl Source {
    /// Where the program is, as a line says it and as the cache keys it.
    pub fn describe(&self) -> String {
        match self {
            Source::Local(path) => path.display().to_string(),
            Source::Remote(remote) => format!("ssh {}", remote.address()),
        }
    }
}

/// How the figures of a remote program are fetched: the sync channel, passed in by the caller.
pub type FetchRemote<'a> = &'a dyn Fn(&RemoteProgram) -> Result<ProgramFigures>;

/// Remote figures come over the `sync --serve` channel, which this build does not have yet: a
/// remote program shows its last cached figures and says it could not be reached.
pub fn no_channel(_: &RemoteProgram) -> Result<ProgramFigures> {
    Err(Error::Failed(
        "this mentordesk has no sync channel to fetch over ssh yet".into(),
    ))
}

/// One program's row of the roll-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgramRow {
    pub name: String,
    pub source: String,
    /// The figures taken now, or the last ones kept (then `problem` says why); `None` when none
    /// were ever taken.
    pub figures: Option<ProgramFigures>,
    /// Why the figures could not be taken now: "could not reach …".
    pub problem: Option<String>,
}

impl ProgramRow {
    /// Whether the figures are the last kept ones, not taken now.
    pub fn is_stale(&self) -> bool {
        self.problem.is_some()
    }
}

/// Who takes the figures: the OS login, and `--today` when fixed.
#[derive(Debug, Clone)]
pub struct Taker {
    pub login: String,
    pub today: Option<NaiveDate>,
}

/// Opens the program at `db` as [`Session::open_path`] does, with the program group's rights only
/// for a shared program database: for any other file the user's own, so that the group kept for
/// one listed program never opens a file the user only named.
pub fn open_session(
    db: &Path,
    login: &str,
    as_login: Option<&str>,
    today: Option<NaiveDate>,
) -> Result<Session> {
    if crate::privilege::is_shared_program(db) {
        Session::open_path(db, login, as_login, today)
    } else {
        let _as_user = crate::privilege::AsUser::enter()?;
        Session::open_path(db, login, as_login, today)
    }
}

/// The figures of one local program, now.
pub fn local_figures(db: &Path, taker: &Taker) -> Result<ProgramFigures> {
    program_figures(&open_session(db, &taker.login, None, taker.today)?)
}

/// Every listed program's row, in the config file's order: local ones computed now, remote ones
/// fetched with `fetch`; a program that fails keeps its last figures from `cache`, and each one
/// taken now replaces its cached figures.
pub fn gather(
    listed: &[ListedProgram],
    taker: &Taker,
    fetch: FetchRemote,
    cache: &mut FiguresCache,
) -> Vec<ProgramRow> {
    listed
        .iter()
        .map(|program| {
            let source = program.source.describe();
            let taken = match &program.source {
                Source::Local(db) => local_figures(db, taker).map_err(|e| match e {
                    // Opened, but the user is no coordinator there: the refusal says so.
                    Error::Denied(why) => why,
                    e => format!("could not open {}: {e}", db.display()),
                }),
                Source::Remote(remote) => {
                    fetch(remote).map_err(|e| format!("could not reach {}: {e}", remote.address()))
                }
            };
            match taken {
                Ok(figures) => {
                    cache.programs.insert(source.clone(), figures.clone());
                    ProgramRow {
                        name: program.name.clone(),
                        source,
                        figures: Some(figures),
                        problem: None,
                    }
                }
                Err(problem) => ProgramRow {
                    name: program.name.clone(),
                    figures: cache.programs.get(&source).cloned(),
                    source,
                    problem: Some(problem),
                },
            }
        })
        .collect()
}

/// The last figures of every program, by [`Source::describe`]: a file of the user's own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FiguresCache {
    pub programs: BTreeMap<String, ProgramFigures>,
}

impl FiguresCache {
    /// The cache in the user's data directory; `None` without a home directory.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("org", "mentordesk", "mentordesk")
            .map(|dirs| dirs.data_dir().join("programs-cache.json"))
    }

    /// The cache at `path`, read with the user's own rights; none yet is an empty cache, and so
    /// is a file that is not one (it is rewritten whole at the next save).
    pub fn load(path: &Path) -> FiguresCache {
        let Ok(_as_user) = crate::privilege::AsUser::enter() else {
            return FiguresCache::default();
        };
        std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Writes the cache whole: 0600, as the user, through a new file renamed over the old one.
    pub fn save(&self, path: &Path) -> Result<()> {
        let bytes = serde_json::to_vec_pretty(self).map_err(|e| Error::Failed(e.to_string()))?;
        let fail = |e: std::io::Error| Error::Failed(format!("{}: {e}", path.display()));
        let new = path.with_extension("json.new");
        crate::privilege::write_own_file(&new, &bytes).map_err(fail)?;
        let _as_user = crate::privilege::AsUser::enter().map_err(fail)?;
        std::fs::rename(&new, path).map_err(fail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remote_is_user_at_host_colon_db() {
        let weac = RemoteProgram::parse("alice@box.example.org:/srv/mentordesk/weac.db", None).unwrap();
        assert_eq!(weac.user.as_deref(), Some("alice"));
        assert_eq!(weac.host, "box.example.org");
        assert_eq!(weac.db.as_deref(), Some("/srv/mentordesk/weac.db"));
        assert_eq!(weac.address(), "alice@box.example.org:/srv/mentordesk/weac.db");
        let bare = RemoteProgram::parse("box", Some("ssh -p 2222".into())).unwrap();
        assert_eq!((bare.user, bare.db), (None, None));
        assert_eq!(bare.ssh.as_deref(), Some("ssh -p 2222"));
        for bad in [
            "",
            "@box",
            "alice@",
            "-oProxyCommand=x",
            "box:",
            "a b@box",
            "alice@-box:x",
        ] {
            assert!(RemoteProgram::parse(bad, None).is_err(), "{bad}");
        }
        assert!(RemoteProgram::parse("box", Some(" ".into())).is_err());
    }

    #[test]
    fn the_cache_is_the_users_own_and_survives_a_bad_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data/programs-cache.json");
        assert_eq!(FiguresCache::load(&path), FiguresCache::default());
        let mut cache = FiguresCache::default();
        cache.programs.insert(
            "ssh box".into(),
            ProgramFigures {
                program: "WEAC north".into(),
                today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
                mentors: 8,
                behind: 2,
                overdue: 5,
                contacts_this_month: 40,
                high_risk: None,
                fetched_at: "2026-11-23T14:05:00Z".parse().unwrap(),
            },
        );
        cache.save(&path).unwrap();
        assert_eq!(FiguresCache::load(&path), cache);
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        std::fs::write(&path, b"{not json").unwrap();
        assert_eq!(FiguresCache::load(&path), FiguresCache::default());
    }

    #[test]
    fn a_program_that_fails_keeps_its_last_figures_and_says_why() {
        let remote = RemoteProgram::parse("alice@box:/srv/weac.db", None).unwrap();
        let listed = [ListedProgram {
            name: "WEAC north".into(),
            source: Source::Remote(remote),
        }];
        let taker = Taker {
            login: "alice".into(),
            today: None,
        };
        let unreachable: FetchRemote = &|_| Err(Error::Failed("connection refused".into()));
        let mut cache = FiguresCache::default();
        let rows = gather(&listed, &taker, unreachable, &mut cache);
        assert_eq!(rows[0].figures, None);
        assert_eq!(
            rows[0].problem.as_deref(),
            Some("could not reach alice@box:/srv/weac.db: connection refused")
        );
        let figures = ProgramFigures {
            program: "WEAC north".into(),
            today: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            mentors: 8,
            behind: 3,
            overdue: 1,
            contacts_this_month: 12,
            high_risk: None,
            fetched_at: "2026-11-20T09:12:00Z".parse().unwrap(),
        };
        let reached: FetchRemote = &|_| Ok(figures.clone());
        let rows = gather(&listed, &taker, reached, &mut cache);
        assert_eq!(
            (rows[0].figures.as_ref(), rows[0].is_stale()),
            (Some(&figures), false)
        );
        let rows = gather(&listed, &taker, unreachable, &mut cache);
        assert_eq!(
            (rows[0].figures.as_ref(), rows[0].is_stale()),
            (Some(&figures), true)
        );
    }
}
