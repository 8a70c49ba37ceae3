//! `mentordesk sync --serve`: the box's end, run by ssh as the connecting user.

use super::wire::{self, FromBox, Greeting, ToBox};
use crate::domain::sync::PROTOCOL;
use crate::error::{Error, Result};
use crate::service::Session;
use crate::service::sync::deactivated;
use chrono::NaiveDate;
use std::path::Path;

/// Answers one laptop copy on standard input and output, as the user `login` of the program
/// at `db`. No write is held open while the laptop is waited for: each change is its own
/// transaction, and a pull only reads.
pub fn serve(db: &Path, login: &str, day: Option<NaiveDate>) -> Result<()> {
    let mut channel = match wire::open(std::io::stdin().lock(), std::io::stdout().lock(), PROTOCOL) {
        Ok(channel) => channel,
        Err((Greeting::Version(theirs), _)) => {
            return Err(Error::Input(format!(
                "the laptop speaks sync protocol {theirs}, this box's mentordesk speaks {PROTOCOL}"
            )));
        }
        Err((Greeting::Silent, _)) => {
            return Err(Error::Input(
                "sync --serve speaks to `mentordesk sync` on a laptop, through ssh; nothing greeted it"
                    .into(),
            ));
        }
    };
    let mut session = match Session::open_path(db, login, None, day) {
        Ok(session) => session,
        Err(err) => {
            let message = if deactivated(db, login).unwrap_or(false) {
                FromBox::Deactivated(err.to_string())
            } else {
                FromBox::Refused(err.to_string())
            };
            channel.send(&message)?;
            return channel.finish();
        }
    };
    let mut waiting = None;
    while let Some(message) = channel.receive::<ToBox>()? {
        match message {
            ToBox::Sync { copy, changes } => {
                let answers = session.take_changes(&changes);
                let pull = match session.pull_for_copy(&copy) {
                    Ok(pull) => pull,
                    Err(err) => {
                        channel.send(&FromBox::Refused(err.to_string()))?;
                        continue;
                    }
                };
                let synced = FromBox::Synced {
                    login: login.to_string(),
                    answers,
                    pull,
                };
                channel.send(&synced)?;
                if let FromBox::Synced { pull, .. } = synced {
                    waiting = Some((copy, pull));
                }
            }
            ToBox::Figures => match crate::service::figures::program_figures(&session) {
                Ok(figures) => channel.send(&FromBox::Figures(figures))?,
                Err(err) => channel.send(&FromBox::Refused(err.to_string()))?,
            },
            ToBox::Took => {
                if let Some((copy, pull)) = waiting.take() {
                    session.copy_took(&copy, &pull)?;
                }
                channel.send(&FromBox::Noted)?;
            }
        }
    }
    channel.finish()
}
