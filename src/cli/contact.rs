//! `contact show` and `contact edit`: one contact by its global id or number, changed only from the version
//! the script read, so a script never overwrites someone else's edit.

use crate::cli::ContactCommand;
use crate::domain::records::{ContactRow, DATETIME_FORMAT};
use crate::domain::sanitize;
use crate::error::{Error, Result};
use crate::service::Session;
use serde_json::json;
use std::io::Write;

fn contact(session: &Session, id: &str) -> Result<ContactRow> {
    session
        .contact_named(id)?
        .ok_or_else(|| Error::Input(format!("contact {id}: no such contact, or not yours to see")))
}

pub fn run(session: &mut Session, command: ContactCommand, out: &mut dyn Write) -> Result<()> {
    match command {
        ContactCommand::Show { id, json } => {
            let row = contact(session, &id)?;
            let c = &row.contact.input;
            if json {
                let value = json!({
                    "id": session.contact_id(&row)?,
                    "number": row.contact.key,
                    "version": row.contact.version,
                    "mentor_id": row.mentor_id,
                    "person_id": row.person_id,
                    "occurred_at": c.occurred_at.format(DATETIME_FORMAT).to_string(),
                    "method": c.method.as_str(),
                    "outcome": c.outcome.as_str(),
                    "duration_min": c.duration_min,
                    "notes": c.notes,
                });
                crate::export::write_json(out, &value)?;
            } else {
                writeln!(
                    out,
                    "contact {} version {}: {} with {} at {}, {} by {}{}",
                    row.contact.key,
                    row.contact.version,
                    sanitize::line(&row.mentor_name),
                    sanitize::line(&row.person_name),
                    c.occurred_at.format(DATETIME_FORMAT),
                    c.outcome.as_str(),
                    c.method.as_str(),
                    c.duration_min.map(|m| format!(", {m} min")).unwrap_or_default()
                )?;
                if !c.notes.is_empty() {
                    writeln!(out, "{}", sanitize::keep_lines(&c.notes))?;
                }
            }
        }
        ContactCommand::Edit {
            id,
            version,
            method,
            outcome,
            at,
            minutes,
            notes,
        } => {
            let row = contact(session, &id)?;
            let key = row.contact.key;
            let mut input = row.contact.input;
            input.occurred_at = at.unwrap_or(input.occurred_at);
            input.method = method.unwrap_or(input.method);
            input.outcome = outcome.unwrap_or(input.outcome);
            input.duration_min = minutes.or(input.duration_min);
            input.notes = notes.unwrap_or(input.notes);
            session.update_contact(key, version, &input)?;
            writeln!(out, "contact {key} version {}", version + 1)?;
        }
    }
    Ok(())
}
