//! The user's config file, `$XDG_CONFIG_HOME/mentordesk/config.toml` (or `MENTORDESK_CONFIG`):
//! the database path, the display options and the programs a coordinator keeps an eye on. A flag
//! or an environment variable wins over it.

use crate::error::{Error, Result};
use crate::service::programs::{ListedProgram, RemoteProgram, Source};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Config {
    /// The program database, as `--db` or `MENTORDESK_DB` would give it.
    pub db: Option<PathBuf>,
    /// Plain ASCII borders, as `--ascii`.
    pub ascii: Option<bool>,
    /// `false` draws without colour, as `NO_COLOR` does.
    pub color: Option<bool>,
    /// `[[programs]]`: the programs of the Programs screen and `mentordesk programs`.
    pub programs: Vec<ListedProgram>,
}

/// The file as written, before its paths are expanded and its programs checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    db: Option<PathBuf>,
    ascii: Option<bool>,
    color: Option<bool>,
    #[serde(default)]
    programs: Vec<toml::Spanned<ProgramEntry>>,
}

/// One `[[programs]]` table: a name and either `db` or `remote` (with `ssh` for its command).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProgramEntry {
    name: String,
    db: Option<PathBuf>,
    remote: Option<String>,
    ssh: Option<String>,
}

impl Config {
    /// The first local database of `[[programs]]`: what opens when nothing else names one.
    pub fn first_local_program(&self) -> Option<&Path> {
        self.programs.iter().find_map(|p| match &p.source {
            Source::Local(db) => Some(db.as_path()),
            Source::Remote(_) => None,
        })
    }
}

/// Where the config file is looked for: `MENTORDESK_CONFIG`, else the XDG config directory.
pub fn config_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("MENTORDESK_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    directories::ProjectDirs::from("org", "mentordesk", "mentordesk")
        .map(|dirs| dirs.config_dir().join("config.toml"))
}

/// The config at `path`; no file is an empty config.
pub fn load(path: &Path) -> Result<Config> {
    // Read with the user's own rights: the setgid binary must not read a file for them that
    // they could not read themselves.
    let text = {
        let _as_user = crate::privilege::AsUser::enter()?;
        match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(err) => return Err(Error::Input(format!("{}: {err}", path.display()))),
        }
    };
    // The home directory as the data and config directories find it: $HOME, else the
    // password entry of the real user.
    let home = directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf());
    parse(&text, home.as_deref()).map_err(|e| Error::Input(format!("{}: {e}", path.display())))
}

/// `~` and `~/…` at the start of a path, as a shell expands them, to `home`; `~login` is refused
/// (it would need another user's entry).
fn expand_home(path: &Path, home: Option<&Path>) -> std::result::Result<PathBuf, String> {
    let Ok(rest) = path.strip_prefix("~") else {
        if path.as_os_str().as_encoded_bytes().starts_with(b"~") {
            return Err(format!(
                "'{}': only ~ and ~/ are expanded; write the full path",
                path.display()
            ));
        }
        return Ok(path.to_path_buf());
    };
    let home = home.ok_or_else(|| format!("'{}': cannot find your home directory", path.display()))?;
    Ok(home.join(rest))
}

/// "line 4": where a byte offset of `text` is.
fn line_of(text: &str, offset: usize) -> String {
    let line = text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count();
    format!("line {}", line + 1)
}

fn parse(text: &str, home: Option<&Path>) -> std::result::Result<Config, String> {
    let file: File = toml::from_str(text).map_err(|e| match e.span() {
        Some(span) => format!("{}: {}", line_of(text, span.start), e.message()),
        None => e.message().to_string(),
    })?;
    let db = match file.db {
        Some(db) => Some(expand_home(&db, home).map_err(|e| format!("db: {e}"))?),
        None => None,
    };
    let mut programs: Vec<ListedProgram> = Vec::with_capacity(file.programs.len());
    for entry in file.programs {
        let at = line_of(text, entry.span().start);
        let entry = entry.into_inner();
        let name = entry.name.trim().to_string();
        let field = |key: &str| format!("{at}: [[programs]] {key}");
        if name.is_empty() {
            return Err(format!("{}: give the program a name", field("name")));
        }
        if programs.iter().any(|p| p.name == name) {
            return Err(format!("{}: \"{name}\" is listed twice", field("name")));
        }
        let source = match (entry.db, entry.remote) {
            (Some(db), None) => {
                if entry.ssh.is_some() {
                    return Err(format!(
                        "{}: only a remote program is reached with ssh",
                        field("ssh")
                    ));
                }
                let db = expand_home(&db, home).map_err(|e| format!("{}: {e}", field("db")))?;
                Source::Local(
                    crate::privilege::plain_db_path(&db).map_err(|e| format!("{}: {e}", field("db")))?,
                )
            }
            (None, Some(remote)) => Source::Remote(
                RemoteProgram::parse(&remote, entry.ssh).map_err(|e| format!("{}: {e}", field("remote")))?,
            ),
            (Some(_), Some(_)) => {
                return Err(format!(
                    "{at}: [[programs]] \"{name}\": give db or remote, not both"
                ));
            }
            (None, None) => {
                return Err(format!(
                    "{at}: [[programs]] \"{name}\": give db = \"PATH\" or remote = \"[USER@]HOST[:DB]\""
                ));
            }
        };
        programs.push(ListedProgram { name, source });
    }
    Ok(Config {
        db,
        ascii: file.ascii,
        color: file.color,
        programs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_three_keys_and_refuses_others() {
        let config = parse(
            "db = \"/srv/team/program.db\"\nascii = true\ncolor = false\n",
            None,
        )
        .unwrap();
        assert_eq!(
            config,
            Config {
                db: Some("/srv/team/program.db".into()),
                ascii: Some(true),
                color: Some(false),
                programs: Vec::new(),
            }
        );
        assert_eq!(parse("", None).unwrap(), Config::default());
        let err = parse("colour = false\n", None).unwrap_err();
        assert!(err.contains("line 1") && err.contains("colour"), "{err}");
    }

    #[test]
    fn programs_are_local_files_and_remote_boxes() {
        let text = r#"
[[programs]]
name = "Lakeview ESP"
db = "~/lakeview.db"

[[programs]]
name = "WEAC north"
remote = "alice@box.example.org:/srv/mentordesk/weac.db"
ssh = "ssh -p 2222"
"#;
        let config = parse(text, Some(Path::new("/home/ana"))).unwrap();
        assert_eq!(config.programs.len(), 2);
        assert_eq!(
            config.programs[0],
            ListedProgram {
                name: "Lakeview ESP".into(),
                source: Source::Local("/home/ana/lakeview.db".into()),
            }
        );
        assert_eq!(
            config.first_local_program(),
            Some(Path::new("/home/ana/lakeview.db"))
        );
        let Source::Remote(weac) = &config.programs[1].source else {
            panic!("{:?}", config.programs[1]);
        };
        assert_eq!(weac.address(), "alice@box.example.org:/srv/mentordesk/weac.db");
        assert_eq!(weac.ssh.as_deref(), Some("ssh -p 2222"));
    }

    #[test]
    fn a_bad_program_entry_names_its_line_and_field() {
        let home = Some(Path::new("/home/ana"));
        let refused = |text: &str, wants: &[&str]| {
            let err = parse(text, home).unwrap_err();
            for want in wants {
                assert!(err.contains(want), "{text:?}: {err}");
            }
        };
        let one = "[[programs]]\nname = \"A\"\ndb = \"/a.db\"\n\n";
        refused(
            &format!("{one}[[programs]]\nname = \"B\"\ndbb = \"/b.db\"\n"),
            &["line 7", "dbb"],
        );
        refused(
            &format!("{one}[[programs]]\nname = \"B\"\n"),
            &["line 5", "\"B\"", "give db"],
        );
        refused(
            &format!("{one}[[programs]]\nname = \"B\"\ndb = \"/b.db\"\nremote = \"box\"\n"),
            &["line 5", "not both"],
        );
        refused(
            &format!("{one}[[programs]]\nname = \"A\"\nremote = \"box\"\n"),
            &["line 5", "name", "twice"],
        );
        refused(
            &format!("{one}[[programs]]\nname = \" \"\nremote = \"box\"\n"),
            &["line 5", "give the program a name"],
        );
        refused(
            &format!("{one}[[programs]]\nname = \"B\"\nremote = \"-oProxyCommand=x\"\n"),
            &["line 5", "remote", "host"],
        );
        refused(
            &format!("{one}[[programs]]\nname = \"B\"\ndb = \"/b.db\"\nssh = \"ssh\"\n"),
            &["line 5", "ssh"],
        );
        refused(
            &format!("{one}[[programs]]\nname = \"B\"\ndb = \"file:b.db\"\n"),
            &["line 5", "db", "URI"],
        );
        refused("[[programs]]\ndb = \"/a.db\"\n", &["line 1", "name"]);
    }

    #[test]
    fn a_tilde_at_the_start_is_the_home_directory() {
        let home = Some(Path::new("/home/ana"));
        let expand = |p: &str| expand_home(Path::new(p), home);
        assert_eq!(expand("~"), Ok(PathBuf::from("/home/ana")));
        assert_eq!(expand("~/"), Ok(PathBuf::from("/home/ana")));
        assert_eq!(
            expand("~/team/program.db"),
            Ok(PathBuf::from("/home/ana/team/program.db"))
        );
        assert_eq!(expand("/srv/~/p.db"), Ok(PathBuf::from("/srv/~/p.db")));
        assert_eq!(expand("p~.db"), Ok(PathBuf::from("p~.db")));
        assert!(
            expand("~ben/p.db")
                .unwrap_err()
                .contains("only ~ and ~/ are expanded")
        );
        assert!(
            expand_home(Path::new("~/p.db"), None)
                .unwrap_err()
                .contains("cannot find your home directory")
        );
    }

    #[test]
    fn the_config_file_db_is_expanded_when_loaded() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config.toml");
        std::fs::write(&file, "db = \"~/team/program.db\"\n").unwrap();
        let home = directories::BaseDirs::new().unwrap().home_dir().to_path_buf();
        assert_eq!(load(&file).unwrap().db, Some(home.join("team/program.db")));
    }
}
