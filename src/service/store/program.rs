use super::{Store, now_stamp};
use crate::domain::records::Program;
use crate::domain::settings::Settings;
use crate::error::{Error, Result};
use rusqlite::{OptionalExtension, params};

/// The settings that differ between two stored JSON texts, as one audit line.
fn settings_changes(before: &str, after: &str) -> String {
    let fields = |text: &str| -> Vec<(String, String)> {
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(serde_json::Value::Object(map)) => map.into_iter().map(|(k, v)| (k, v.to_string())).collect(),
            _ => Vec::new(),
        }
    };
    let (old, new) = (fields(before), fields(after));
    let mut keys: Vec<&String> = old.iter().chain(&new).map(|(k, _)| k).collect();
    keys.sort();
    keys.dedup();
    let value = |list: &[(String, String)], key: &str| {
        list.iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let before: Vec<(&str, String)> = keys.iter().map(|k| (k.as_str(), value(&old, k))).collect();
    let after: Vec<(&str, String)> = keys.iter().map(|k| (k.as_str(), value(&new, k))).collect();
    super::audit::changes(&before, &after)
}

impl Store {
    pub fn create_program(&mut self, program: &Program) -> Result<()> {
        super::check_text([("program name", program.name.as_str())])?;
        let settings = serde_json::to_string(&program.settings)
            .map_err(|e| Error::Failed(format!("cannot save settings: {e}")))?;
        self.write(|tx| {
            let exists: bool = tx.query_row("SELECT count(*) > 0 FROM program", [], |r| r.get(0))?;
            if exists {
                return Err(Error::Input(
                    "this database already holds a program; use another --db".into(),
                ));
            }
            tx.execute(
                "INSERT INTO program (id, name, preset, start_date, settings, demo, created_at)
                 VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    program.name,
                    program.preset,
                    program.start_date.to_string(),
                    settings,
                    program.demo,
                    now_stamp(tx)
                ],
            )?;
            Ok(())
        })
    }

    pub fn program(&self) -> Result<Program> {
        let row = self
            .conn
            .query_row(
                "SELECT name, preset, start_date, settings, demo FROM program WHERE id = 1",
                [],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, bool>(4)?,
                    ))
                },
            )
            .optional()?;
        let Some((name, preset, start, settings, demo)) = row else {
            return Err(Error::Input(format!(
                "{}: no program here yet; create one with `mentordesk init --preset rural-union --start YYYY-MM-DD`",
                self.path.display()
            )));
        };
        let settings: Settings = serde_json::from_str(&settings)
            .map_err(|e| Error::Failed(format!("the program settings are unreadable: {e}")))?;
        Ok(Program {
            name,
            preset,
            start_date: super::date(&start)?,
            settings,
            demo,
        })
    }

    /// Changes the settings as stored now, inside one write: `change` gets them and returns
    /// the new ones. With `guard` (a setting and the value the user started from), a newer
    /// value of that setting is [`Error::Conflict`] naming who changed it and when.
    pub fn update_settings(
        &mut self,
        guard: Option<(&str, &serde_json::Value)>,
        actor: &str,
        change: impl Fn(Settings) -> Result<Settings>,
    ) -> Result<Settings> {
        self.write(|tx| {
            let before: String =
                tx.query_row("SELECT settings FROM program WHERE id = 1", [], |r| r.get(0))?;
            let stored: serde_json::Value = serde_json::from_str(&before)
                .map_err(|e| Error::Failed(format!("the stored settings are not JSON: {e}")))?;
            if let Some((key, started_from)) = guard
                && stored.get(key) != Some(started_from)
            {
                return Err(Error::Conflict {
                    what: format!("setting {key}"),
                    by: crate::error::ChangedBy::from_audit(super::audit::last_change(tx, "settings", None)?),
                });
            }
            let current: Settings = serde_json::from_value(stored)
                .map_err(|e| Error::Failed(format!("the stored settings are not readable: {e}")))?;
            let updated = change(current)?;
            let json = serde_json::to_string(&updated)
                .map_err(|e| Error::Failed(format!("cannot save settings: {e}")))?;
            tx.execute(
                "UPDATE program SET settings = ?1, version = version + 1 WHERE id = 1",
                [&json],
            )?;
            let detail = settings_changes(&before, &json);
            super::audit::record(tx, actor, "update", "settings", None, &detail)?;
            Ok(updated)
        })
    }
}
