//! Filing a form (and what a filed form records beside it) and writing a letter.

use super::App;
use crate::app::effects::Filing;
use crate::error::{Error, Result};
use crate::export::letters::{self, Letter};

pub(super) fn file_form(app: &mut App, filing: &Filing) {
    let about = filing.about.as_ref().map(|c| c.person);
    let def = filing.def;
    let result = app
        .session
        .file_form(def, about, &filing.values, filing.supersedes);
    if let Err(err) = result {
        app.error(err.to_string());
        return;
    }
    app.overlay = None;
    if let Some(drafts) = app.form_draft_file(def.id) {
        drafts.clear();
    }
    let verb = if filing.supersedes.is_some() {
        "Amended"
    } else {
        "Filed"
    };
    app.info(format!("{verb} the {}", def.title));
    app.reload();
}

/// Writes the letter as text and printable HTML into the letters directory.
pub(super) fn write_letter(app: &App, letter: Letter, person: Option<i64>) -> Result<std::path::PathBuf> {
    let person = match person {
        Some(key) => app.session.person(key)?,
        None => None,
    };
    app.session.require_letter_about(person.as_ref())?;
    let doc = letters::compose(&app.session, letter, person.as_ref())?;
    let dir = app
        .letters_dir
        .clone()
        .ok_or_else(|| Error::Failed("no place to write letters".into()))?;
    let who = person.map(|p| format!("-{}", p.id)).unwrap_or_default();
    let who: String = who
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let base = dir.join(format!("{}{who}", letter.slug()));
    crate::privilege::write_own_file(&base.with_extension("txt"), letters::to_text(&doc).as_bytes())?;
    let html = base.with_extension("html");
    crate::privilege::write_own_file(&html, letters::to_html(&doc).as_bytes())?;
    Ok(html)
}
