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
    parse(&text).map_err(|e| Error::Input(format!("{}: {e}", path.display())))
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
}
