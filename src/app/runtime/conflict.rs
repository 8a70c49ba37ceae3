//! The runtime's side of a refused save (see `app/conflict.rs` for the choice): parking the
//! form and offering the choice, saving over the version stored now, and reading it for the
//! side-by-side review.

use super::App;
use crate::app::conflict::{OVERWRITE, REVIEW, THEIRS};
use crate::app::effects::Effect;
use crate::app::event_form::EventForm;
use crate::app::form::Form;
use crate::app::people::FieldsFor;
use crate::app::{Choice, ChoiceAction, Overlay, PendingConflict};
use crate::domain::records::Editing;
use crate::error::Error;

/// Each version's column in the review, to fit the pop-up at 80 columns.
const COLUMN: usize = 25;

/// Parks the open form and offers the ways out of `conflict` (an [`Error::Conflict`]).
pub fn offer(app: &mut App, conflict: &Error) {
    let Error::Conflict { what, by } = conflict else {
        return;
    };
    let Some(form) = app.overlay.take() else {
        return;
    };
    let draft = match &form {
        Overlay::ContactForm(contact) => Some(Effect::KeepContactDraft(Box::new(contact.to_draft()))),
        Overlay::EventForm(event) => Some(Effect::KeepEventDraft(Box::new(event.to_draft()))),
        Overlay::Fields(open) => Some(Effect::KeepFieldsDraft(Box::new(
            crate::app::field_drafts::to_draft(&app.context, &open.0, &open.1),
        ))),
        _ => None,
    };
    let kept = match draft {
        Some(draft) => {
            super::effects::run_effect(app, draft);
            "yours is kept as a draft"
        }
        None => "yours is kept here",
    };
    let choice = Choice {
        title: format!(" {what}: {} ", crate::error::changed_by(by)),
        options: vec![
            ("Keep theirs (reload; yours is discarded)".into(), THEIRS.into()),
            ("Overwrite theirs with yours".into(), OVERWRITE.into()),
            ("Review both side by side".into(), REVIEW.into()),
        ],
        picker: crate::app::list::Picker {
            cursor: crate::app::list::ListCursor::at(2),
            ..Default::default()
        },
        action: ChoiceAction::ResolveConflict,
    };
    app.overlay = Some(Overlay::Choose(choice.clone()));
    app.conflict = Some(PendingConflict { form, choice });
    // The choice's title says who changed it and when; the message line what became of yours.
    app.error(format!("Not saved: {kept}; Esc goes back to your form"));
}

/// Shows the user's version beside the one stored now; any key goes back to the choice.
pub fn review(app: &mut App) {
    let Some(pending) = app.conflict.take() else {
        return;
    };
    let lines = side_by_side(app, &pending.form);
    app.conflict = Some(pending);
    app.overlay = Some(Overlay::Text {
        title: " Yours | Theirs (any key goes back) ".into(),
        lines,
        top: 0,
    });
}

/// The choice for the first of a laptop copy's conflicts, if one waits and nothing else is
/// open: the same three ways out as a save refused on the box.
pub fn offer_sync(app: &mut App) {
    if app.overlay.is_some() {
        return;
    }
    let conflicts = match app.session.sync_conflicts() {
        Ok(conflicts) => conflicts,
        Err(err) => return app.error(err.to_string()),
    };
    let Some(first) = conflicts.first() else {
        return;
    };
    let what = match first.table.as_str() {
        "contacts" => "Your offline contact",
        "form_submissions" => "Your offline form",
        "events" => "Your offline event",
        "attendance" => "Your offline attendance mark",
        "engagement" => "Your offline daily line",
        _ => "Your offline record",
    };
    let more = match conflicts.len() {
        1 => String::new(),
        n => format!(" (1 of {n})"),
    };
    let choice = sync_choice(format!(" {what}{more}, {} ", first.by), &first.gid);
    app.overlay = Some(Overlay::Choose(choice));
}

fn sync_choice(title: String, gid: &str) -> Choice {
    Choice {
        title,
        options: vec![
            (
                "Keep theirs (the box's; yours is discarded)".into(),
                THEIRS.into(),
            ),
            (
                "Overwrite theirs with yours (at the next sync)".into(),
                OVERWRITE.into(),
            ),
            ("Review both side by side".into(), REVIEW.into()),
        ],
        picker: crate::app::list::Picker {
            cursor: crate::app::list::ListCursor::at(2),
            ..Default::default()
        },
        action: ChoiceAction::SettleSync { gid: gid.to_string() },
    }
}

/// A laptop copy's conflicting record: the user's version beside the box's; any key goes
/// back to the choice.
pub fn review_sync(app: &mut App, gid: &str) {
    let conflicts = match app.session.sync_conflicts() {
        Ok(conflicts) => conflicts,
        Err(err) => return app.error(err.to_string()),
    };
    let Some(conflict) = conflicts.into_iter().find(|c| c.gid == gid) else {
        return;
    };
    // What the user reads: the record's own fields, not its bookkeeping.
    const HIDDEN: &[&str] = &[
        "created_at",
        "created_by",
        "entered_on",
        "updated_at",
        "reach",
        "version",
        "mentor",
        "author",
    ];
    let session = &app.session;
    let field = |record: &Option<crate::service::sync::Record>, name: &str| -> String {
        match record.as_ref().and_then(|r| r.row.get(name)) {
            None | Some(serde_json::Value::Null) => String::new(),
            // A person is named, not shown by their id.
            Some(serde_json::Value::String(gid))
                if matches!(name, "person" | "about" | "student" | "organizer") =>
            {
                session
                    .name_of_person(gid)
                    .ok()
                    .flatten()
                    .unwrap_or_else(|| gid.clone())
            }
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
        }
    };
    let names: Vec<String> = conflict
        .mine
        .as_ref()
        .or(conflict.theirs.as_ref())
        .map(|r| {
            r.row
                .keys()
                .filter(|k| !HIDDEN.contains(&k.as_str()))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let mut lines = vec![format!("  {:<13}{:<COLUMN$} {}", "", "YOURS", "THE BOX'S")];
    for name in &names {
        let (yours, theirs) = (field(&conflict.mine, name), field(&conflict.theirs, name));
        if name != "notes" && yours.is_empty() && theirs.is_empty() {
            continue;
        }
        let mark = if yours == theirs { ' ' } else { '≠' };
        let (left, right) = (wrap(&yours), wrap(&theirs));
        for row in 0..left.len().max(right.len()) {
            let label = if row == 0 {
                name.replace('_', " ")
            } else {
                String::new()
            };
            let mark = if row == 0 { mark } else { ' ' };
            lines.push(format!(
                "{mark} {:<13}{:<COLUMN$} {}",
                crate::text::fit(&label, 12),
                left.get(row).map_or("", String::as_str),
                right.get(row).map_or("", String::as_str)
            ));
        }
    }
    let choice = sync_choice(format!(" Changed on the box {} ", conflict.by), gid);
    app.conflict = Some(PendingConflict {
        form: Overlay::Choose(choice.clone()),
        choice,
    });
    app.overlay = Some(Overlay::Text {
        title: " Yours | The box's (any key goes back) ".into(),
        lines,
        top: 0,
    });
}

/// Saves the user's form (the pop-up in view) again, over the version stored now.
pub fn overwrite(app: &mut App) {
    let Some(mut form) = app.overlay.take() else {
        return;
    };
    let effect = match &mut form {
        Overlay::ContactForm(contact) => {
            let Some(editing) = contact.editing else {
                app.overlay = Some(form);
                return;
            };
            match app.session.contact(editing.key) {
                Ok(Some(row)) => {
                    contact.editing = Some(Editing {
                        version: row.contact.version,
                        ..editing
                    })
                }
                Ok(None) => app.error("that contact was deleted meanwhile; yours stays a draft"),
                Err(err) => app.error(err.to_string()),
            }
            contact.validate().map(|input| Effect::SaveContact {
                editing: contact.editing,
                input: Box::new(input),
                person: contact.person_label(),
                draft: contact.draft_id.clone(),
            })
        }
        Overlay::EventForm(event) => {
            let Some(editing) = event.editing else {
                app.overlay = Some(form);
                return;
            };
            match app.session.event(editing.key) {
                Ok(Some((_, version))) => event.editing = Some(Editing { version, ..editing }),
                Ok(None) => app.error("that event was cancelled meanwhile"),
                Err(err) => app.error(err.to_string()),
            }
            event.validate().map(|new| Effect::SaveEvent {
                editing: event.editing,
                event: Box::new(new),
                draft: event.draft_id.clone(),
            })
        }
        Overlay::Fields(open) => {
            let (fields, purpose) = &mut **open;
            match latest_start(app, purpose) {
                Ok(()) => crate::app::people::submitted(app, fields, purpose).map_or_else(
                    |err| {
                        fields.error = Some(err.to_string());
                        None
                    },
                    Some,
                ),
                Err(err) => {
                    app.error(err.to_string());
                    None
                }
            }
        }
        _ => None,
    };
    app.overlay = Some(form);
    if let Some(effect) = effect {
        super::effects::run_effect(app, effect);
    }
}

/// Both versions, field by field: a `≠` marks the fields that differ.
fn side_by_side(app: &mut App, form: &Overlay) -> Vec<String> {
    let (mine, theirs) = match form {
        Overlay::ContactForm(contact) => {
            let theirs = contact.editing.and_then(|e| {
                let row = app.session.contact(e.key).ok().flatten()?;
                crate::app::contact_form::ContactForm::edit(&app.session, &row.contact, &row.person_name).ok()
            });
            (
                contact_fields(&contact.to_draft()),
                theirs.map(|t| contact_fields(&t.to_draft())),
            )
        }
        Overlay::EventForm(event) => {
            let theirs = event.editing.and_then(|e| {
                let (stored, version) = app.session.event(e.key).ok().flatten()?;
                EventForm::edit(&app.session, Editing { version, ..e }, &stored).ok()
            });
            (event.values(), theirs.map(|t| t.values()))
        }
        Overlay::Fields(open) => {
            let (fields, purpose) = &**open;
            (
                field_values(fields),
                their_fields(app, purpose).map(|t| field_values(&t)),
            )
        }
        _ => return Vec::new(),
    };
    let Some(theirs) = theirs else {
        return vec!["Their version is gone: it was deleted or cancelled.".into()];
    };
    let mut lines = vec![format!("  {:<13}{:<COLUMN$} {}", "", "YOURS", "THEIRS")];
    for ((field, yours), (_, their)) in mine.iter().zip(&theirs) {
        let mark = if yours == their { ' ' } else { '≠' };
        let left = wrap(yours);
        let right = wrap(their);
        for row in 0..left.len().max(right.len()) {
            let label = if row == 0 { *field } else { "" };
            let mark = if row == 0 { mark } else { ' ' };
            lines.push(format!(
                "{mark} {label:<13}{:<COLUMN$} {}",
                left.get(row).map_or("", String::as_str),
                right.get(row).map_or("", String::as_str)
            ));
        }
    }
    lines
}

/// Moves what a field form's save starts from to the version stored now, for an overwrite.
fn latest_start(app: &mut App, purpose: &mut FieldsFor) -> crate::error::Result<()> {
    match purpose {
        FieldsFor::EditPerson(editing) => {
            let person = app
                .session
                .person(editing.key)?
                .ok_or_else(|| Error::Input("that person was removed meanwhile".into()))?;
            *editing = person.editing();
        }
        FieldsFor::Setting { key, from } => *from = app.session.setting_json(key)?,
        FieldsFor::Row { key, from, .. } => *from = app.session.setting_json(key)?,
        FieldsFor::RiskLines { from } => *from = app.session.setting_json("risk")?,
        FieldsFor::NewPerson | FieldsFor::LedgerEntry | FieldsFor::Extend { .. } => {}
    }
    Ok(())
}

/// The field form as it would open on the version stored now.
fn their_fields(app: &mut App, purpose: &FieldsFor) -> Option<Form> {
    match purpose {
        FieldsFor::EditPerson(editing) => {
            let person = app.session.person(editing.key).ok().flatten()?;
            Some(crate::app::people::person_form(Some(&person)))
        }
        FieldsFor::Setting { key, .. } => {
            app.session.reload_program().ok()?;
            crate::app::people::setting_form(&app.session.program.settings, key).map(|(form, _)| form)
        }
        FieldsFor::Row { key, at, .. } => {
            app.session.reload_program().ok()?;
            let key = crate::app::people::row_key(key, *at);
            crate::app::people::setting_form(&app.session.program.settings, &key).map(|(form, _)| form)
        }
        FieldsFor::RiskLines { .. } => {
            app.session.reload_program().ok()?;
            crate::app::people::setting_form(&app.session.program.settings, crate::app::people::RISK)
                .map(|(form, _)| form)
        }
        FieldsFor::NewPerson | FieldsFor::LedgerEntry | FieldsFor::Extend { .. } => None,
    }
}

fn field_values(form: &Form) -> Vec<(&'static str, String)> {
    form.fields.iter().map(|f| (f.label, f.value.clone())).collect()
}

/// Text wrapped at words into column-wide rows, line breaks kept; control characters shown
/// escaped.
fn wrap(text: &str) -> Vec<String> {
    let mut rows: Vec<String> = crate::domain::sanitize::lines(text)
        .into_iter()
        .flat_map(|line| crate::text::wrap_words(&line, COLUMN - 1))
        .collect();
    if rows.is_empty() {
        rows.push(String::new());
    }
    rows
}

fn contact_fields(d: &crate::app::drafts::ContactDraft) -> Vec<(&'static str, String)> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        ("When", d.when.clone()),
        ("Method", d.method.clone()),
        ("Outcome", d.outcome.clone()),
        ("Minutes", d.duration.clone()),
        ("When given", text(&d.support_when)),
        ("Support", d.support_what.clone()),
        ("Notes", d.notes.clone()),
        ("Intervention", text(&d.intervention)),
        ("Pillar", text(&d.pillar)),
        ("Follow up on", d.follow_up.clone()),
    ]
}

#[cfg(test)]
mod tests {
    use super::{COLUMN, wrap};

    #[test]
    fn the_review_wraps_a_long_value_at_words_and_keeps_its_line_breaks() {
        let rows = wrap("Talked about the contract vote and the shift rota\nnext: call");
        assert_eq!(
            rows,
            [
                "Talked about the",
                "contract vote and the",
                "shift rota",
                "next: call"
            ]
        );
        assert!(rows.iter().all(|r| r.chars().count() < COLUMN));
    }
}
