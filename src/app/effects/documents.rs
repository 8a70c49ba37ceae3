//! Filing a form (and what a filed form records beside it) and writing a letter.

use super::Filing;
use crate::app::App;
use crate::app::contact_form::Candidate;
use crate::domain::forms::Values;
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
    if def.id == "engagement-monitoring"
        && let Some(pair) = &filing.about
        && let Err(err) = record_monitoring(app, pair, &filing.values)
    {
        return app.error(err.to_string());
    }
    let verb = if filing.supersedes.is_some() {
        "Amended"
    } else {
        "Filed"
    };
    app.info(format!("{verb} the {}", def.title));
    app.reload();
}

/// A monitoring form adds the week to the student's engagement records.
fn record_monitoring(app: &mut App, pair: &Candidate, values: &Values) -> Result<()> {
    let value = |key: &str| values.get(key).map(String::as_str).unwrap_or("");
    let count = |key: &str| value(key).parse::<u32>().ok();
    let engagement = crate::domain::risk::Engagement {
        absences: count("absences"),
        tardies: count("tardies"),
        skips: count("skips"),
        days_enrolled: count("days_enrolled"),
        referrals: count("referrals"),
        detentions: count("detentions"),
        in_school_suspensions: count("in_school_suspensions"),
        out_of_school_suspension_days: count("out_of_school_suspension_days"),
        ds: count("ds"),
        fs: count("fs"),
        credits_earned: count("credits_earned"),
        credits_possible: count("credits_possible"),
    };
    let week = crate::domain::dates::parse_date(value("week_of")).map_err(Error::Input)?;
    app.session
        .record_engagement(pair.person, crate::domain::YearMonth::of(week), &engagement)
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
