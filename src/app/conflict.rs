//! Saving over a newer version: the user's form is parked (its text kept as a draft) and a
//! choice offers keeping theirs, overwriting, or reviewing both side by side. Contacts,
//! events, people and settings are saved this way. The choice is `update`'s (on [`State`]);
//! what reads the version stored now runs as a load, in `runtime/conflict.rs`.

use super::effects::{Effect, Load, Update};
use super::{Overlay, State};

pub(crate) const THEIRS: &str = "theirs";
pub(crate) const OVERWRITE: &str = "overwrite";
pub(crate) const REVIEW: &str = "review";
/// Esc on the choice: back to the user's form, as it was.
pub fn back_to_form(app: &mut State) -> Update {
    if let Some(pending) = app.conflict.take() {
        app.overlay = Some(pending.form);
    }
    Update::redraw()
}

/// The choice of a refused save still waiting for the user, shown again when the review that
/// covered it closes.
pub fn waiting_choice(app: &State) -> Option<Overlay> {
    app.conflict
        .as_ref()
        .map(|pending| Overlay::Choose(pending.choice.clone()))
}

/// What the pick does.
pub fn resolve(app: &mut State, value: &str) -> Update {
    let Some(pending) = app.conflict.take() else {
        return Update::redraw();
    };
    match value {
        THEIRS => {
            let mut update = Update::load(Load::Program);
            match &pending.form {
                Overlay::ContactForm(form) => {
                    update = update.and(Effect::ClearContactDraft(form.draft_id.clone()))
                }
                Overlay::EventForm(form) => {
                    update = update.and(Effect::ClearEventDraft(form.draft_id.clone()))
                }
                Overlay::Fields(open) => {
                    let id = super::field_drafts::draft_id(&open.1);
                    update = update.and(Effect::ClearFieldsDraft(id))
                }
                _ => {}
            }
            app.overlay = None;
            app.info("Kept their version; yours was discarded");
            update
        }
        OVERWRITE => {
            app.overlay = Some(pending.form);
            Update::load(Load::Overwrite)
        }
        _ => {
            app.conflict = Some(pending);
            Update::load(Load::ConflictReview)
        }
    }
}
