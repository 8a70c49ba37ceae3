//! The user's config file, `$XDG_CONFIG_HOME/mentordesk/config.toml` (or `MENTORDESK_CONFIG`):
//! the database path and the display options. A flag or an environment variable wins over it.

use crate::error::{Error, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The program database, as `--db` or `MENTORDESK_DB` would give it.
    pub db: Option<PathBuf>,
    /// Plain ASCII borders, as `--ascii`.
    pub ascii: Option<bool>,
    /// `false` draws without colour, as `NO_COLOR` does.
    pub color: Option<bool>,
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
    let mut config = parse(&text).map_err(|e| Error::Input(format!("{}: {e}", path.display())))?;
    if let Some(db) = &config.db {
        // The home directory as the data and config directories find it: $HOME, else the
        // password entry of the real user.
        let home = directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf());
        config.db = Some(
            expand_home(db, home.as_deref())
                .map_err(|e| Error::Input(format!("{}: db: {e}", path.display())))?,
        );
    }
    Ok(config)
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

fn parse(text: &str) -> std::result::Result<Config, String> {
    toml::from_str(text).map_err(|e| e.message().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_three_keys_and_refuses_others() {
        let config = parse("db = \"/srv/team/program.db\"\nascii = true\ncolor = false\n").unwrap();
        assert_eq!(
            config,
            Config {
                db: Some("/srv/team/program.db".into()),
                ascii: Some(true),
                color: Some(false),
            }
        );
        assert_eq!(parse("").unwrap(), Config::default());
        let err = parse("colour = false\n").unwrap_err();
        assert!(err.contains("colour"), "{err}");
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
