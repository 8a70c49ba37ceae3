//! What the runtime does with a key, a paste, a change made elsewhere and the drafts left from
//! before: `update` on the state, then the effects it returns.

use super::App;
use super::effects;
use crate::app::contact_form::ContactForm;
use crate::app::effects::Effect;
use crate::app::form::Form;
use crate::app::form_fill::{self, FormFill};
use crate::app::{
    Choice, ChoiceAction, Overlay, Screen, State, calendar, caseload, contacts, drafts, event_form,
    field_drafts, forms, keymap, people, program, programs, update,
};
use crate::domain::records::Editing;
use crate::error::{Error, Result};
use crate::service::Session;
use crate::theme::Theme;
use crossterm::event::{KeyEvent, KeyEventKind};
use field_drafts::{DraftPurpose, FieldsDraft, FieldsFor};

impl App {
    pub fn new(session: Session, theme: Theme) -> Result<App> {
        let data_version = session.data_version()?;
        let mut app = App {
            state: State::new(session.context().clone(), theme),
            session,
            drafts: None,
            letters_dir: None,
            form_drafts: None,
            switch_to: None,
            sync_waiting: false,
            data_version,
        };
        app.reload();
        // A sync from the command line may have left conflicts: the app offers their choice.
        super::conflict::offer_sync(&mut app);
        Ok(app)
    }

    /// Loads the data of the current screen, with the user's context as the session has it
    /// now; a failure shows on the message line.
    pub fn reload(&mut self) {
        self.state.context = self.session.context().clone();
        self.read_copy_status();
        let result = match self.screen {
            Screen::Caseload => caseload::load(self),
            Screen::Contacts => contacts::load(self),
            Screen::Calendar => calendar::load(self),
            Screen::Forms => forms::load(self),
            Screen::Program => program::load(self),
            Screen::People => people::load(self),
            Screen::Programs => programs::load(self),
        };
        if let Err(err) = result {
            self.error(err.to_string());
        }
    }

    /// Reloads when another process committed since we last looked. Returns whether it did.
    pub fn refresh_if_changed(&mut self) -> bool {
        match self.session.data_version() {
            Ok(version) if version != self.data_version => {
                self.data_version = version;
                if let Err(err) = self.session.reload_program() {
                    self.error(err.to_string());
                }
                self.gone = None;
                // The Programs screen takes its figures when shown and on `r`, not at each
                // change to the one program open: a remote one is fetched over the network.
                if self.screen != Screen::Programs {
                    self.reload();
                }
                // Only a change made elsewhere needs saying: the user's own acts say what they did.
                if let Some(name) = self.gone.take() {
                    self.info(format!("{name} is no longer on this list"));
                }
                true
            }
            _ => false,
        }
    }

    /// Handles one key: the key map turns it into an action, `update` applies the action
    /// and the effects it returns run. Returns whether anything visible changed.
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        if key.kind == KeyEventKind::Release {
            return false;
        }
        let had_message = self.message.take().is_some();
        let Some(action) = keymap::action_for(&self.state, key) else {
            return had_message;
        };
        let update::Update { changed, effects } = update::update(&mut self.state, action);
        let wrote = !effects.is_empty();
        effects::run(self, effects);
        if wrote {
            self.read_copy_status();
        }
        let offered = self.offering_drafts && self.overlay.is_none();
        if offered {
            self.drafts_left();
        }
        let shown = self.show_waiting_changes();
        changed || had_message || offered || shown
    }

    /// A laptop copy's status line, read again after anything that may have changed it.
    fn read_copy_status(&mut self) {
        self.state.copy_status = match self.session.copy_status() {
            Ok(status) => status.map(|s| s.line()),
            Err(err) => Some(format!("offline · {err}")),
        };
    }

    /// Runs the sync asked for, if one waits: over the system's ssh without prompts (the
    /// terminal is the app's), the copy's own connection, then the screen again on what came.
    /// Returns whether it ran.
    pub fn run_waiting_sync(&mut self) -> bool {
        if !std::mem::take(&mut self.sync_waiting) {
            return false;
        }
        let options = crate::sync::SyncOptions::unprompted(
            self.session.database_path().to_path_buf(),
            Some(self.session.today),
        );
        match crate::sync::sync(&options) {
            Ok(report) => match crate::sync::summary(&report) {
                (line, false) => self.info(line),
                (line, true) => self.error(line),
            },
            Err(err) => self.error(err.to_string()),
        }
        self.refresh_if_changed();
        self.reload();
        super::conflict::offer_sync(self);
        true
    }

    /// Runs the effects an `update` returned, in order.
    pub fn run(&mut self, effects: Vec<Effect>) {
        effects::run(self, effects);
    }

    /// Text pasted into the terminal: whole into the focused text field, or ignored with a
    /// message where none has the focus. Returns whether anything visible changed.
    pub fn handle_paste(&mut self, text: &str) -> bool {
        self.message = None;
        let update::Update { effects, .. } = update::paste(&mut self.state, text);
        effects::run(self, effects);
        true
    }

    /// Saves an open, changed form as a draft: the connection is going away.
    pub fn save_draft_now(&mut self) {
        if let Some(draft) = self.draft_of_open_form() {
            effects::run_effect(self, draft);
        }
    }

    /// The draft file of one contact form (see [`ContactForm::draft_id`]); the empty id names
    /// the single file older versions kept.
    pub fn contact_draft_file(&self, id: &str) -> Option<drafts::DraftFile> {
        self.drafts.as_ref().map(|d| match id {
            "" => d.clone(),
            id => d.sibling(&format!("contact-{id}")),
        })
    }

    /// The draft file of one event form (see [`event_form::EventForm::draft_id`]).
    pub fn event_draft_file(&self, id: &str) -> Option<drafts::DraftFile> {
        self.drafts.as_ref().map(|d| d.sibling(&format!("event-{id}")))
    }

    /// Every event draft left from before.
    pub fn event_drafts_kept(&self) -> Vec<drafts::EventDraft> {
        let Some(base) = &self.drafts else {
            return Vec::new();
        };
        let mut kept: Vec<drafts::EventDraft> = base
            .siblings("event-")
            .into_iter()
            .filter_map(|(_, file)| file.load())
            .collect();
        kept.sort_by(|a, b| b.saved_at.cmp(&a.saved_at));
        kept
    }

    /// The draft file of one field form (see [`field_drafts::FieldsDraft::id`]).
    pub fn fields_draft_file(&self, id: &str) -> Option<drafts::DraftFile> {
        self.drafts.as_ref().map(|d| d.sibling(&format!("fields-{id}")))
    }

    /// Every field form draft (a person, a setting) left from before.
    pub fn fields_drafts_kept(&self) -> Vec<(String, field_drafts::FieldsDraft)> {
        let Some(base) = &self.drafts else {
            return Vec::new();
        };
        let mut kept: Vec<(String, field_drafts::FieldsDraft)> = base
            .siblings("fields-")
            .into_iter()
            .filter_map(|(_, file)| file.load::<field_drafts::FieldsDraft>())
            .map(|draft| (draft.id(), draft))
            .collect();
        kept.sort_by(|a, b| b.1.saved_at.cmp(&a.1.saved_at));
        kept
    }

    /// The draft file of one form of the catalog.
    pub fn form_draft_file(&self, form: &str) -> Option<drafts::DraftFile> {
        self.form_drafts
            .as_ref()
            .map(|d| d.sibling(&format!("form-{form}")))
    }

    /// Every form left unfiled, newest first.
    pub fn form_drafts_kept(&self) -> Vec<form_fill::FormDraft> {
        let mut kept: Vec<form_fill::FormDraft> = crate::domain::forms::FORMS
            .iter()
            .filter_map(|f| self.form_draft_file(f.id).and_then(|d| d.load()))
            .collect();
        kept.sort_by(|a, b| b.saved_at.cmp(&a.saved_at));
        kept
    }

    /// Shows the reminders coordinators sent since the last start, once.
    pub fn show_inbox(&mut self) {
        let me = self.session.me().key;
        let reminders = match self.session.unread_reminders(Some(me)) {
            Ok(r) if !r.is_empty() => r,
            Ok(_) => return,
            Err(err) => return self.error(err.to_string()),
        };
        let lines = reminders
            .iter()
            .map(|r| {
                format!(
                    "{} · from {}: {}",
                    crate::domain::dates::day_of_stamp(&r.created_at),
                    r.sender,
                    r.text
                )
            })
            .collect();
        if self.overlay.is_none() {
            self.overlay = Some(Overlay::Text {
                title: format!(" {} reminder(s) ", reminders.len()),
                lines,
                top: 0,
            });
        } else {
            self.info(format!("{} reminder(s) waiting: see the digest", reminders.len()));
            return;
        }
        effects::run_effect(self, Effect::MarkRemindersRead);
    }

    /// Every contact draft left from before: new contacts and edits, each its own file.
    pub fn contact_drafts_kept(&self) -> Vec<drafts::ContactDraft> {
        let Some(base) = &self.drafts else {
            return Vec::new();
        };
        let mut kept: Vec<drafts::ContactDraft> = base
            .siblings("contact")
            .into_iter()
            .filter_map(|(kind, file)| {
                let mut draft: drafts::ContactDraft = file.load()?;
                // The file name is the draft's id; older drafts did not keep one.
                draft.id = kind.strip_prefix("contact-").unwrap_or("").to_string();
                Some(draft)
            })
            .collect();
        kept.sort_by(|a, b| b.saved_at.cmp(&a.saved_at));
        kept
    }

    /// A draft resumed from the list was saved or discarded: the screen comes back, and the
    /// message line says how many drafts are left, which `D` lists. None opens by itself, so
    /// that keys meant for the screen never land in a form.
    fn drafts_left(&mut self) {
        self.offering_drafts = false;
        let left = self.form_drafts_kept().len()
            + self.contact_drafts_kept().len()
            + self.event_drafts_kept().len()
            + self.fields_drafts_kept().len();
        let more = match left {
            0 => return,
            1 => "1 more unsaved draft: D resumes it".to_string(),
            n => format!("{n} more unsaved drafts: D lists them"),
        };
        let text = match self.message.take() {
            Some((said, false)) => format!("{more} · {said}"),
            Some((said, true)) => return self.error(said),
            None => more,
        };
        self.info(text);
    }

    /// Offers every draft left from before: one reopens at once, several are listed. Once a
    /// draft picked from the list is saved or discarded, the message line says how many are
    /// left ([`App::drafts_left`]), until the user asks for them again (`D`).
    pub fn recover_draft(&mut self) {
        let forms = self.form_drafts_kept();
        let contacts = self.contact_drafts_kept();
        let events = self.event_drafts_kept();
        let fields = self.fields_drafts_kept();
        self.offering_drafts = forms.len() + contacts.len() + events.len() + fields.len() > 1;
        if !self.offering_drafts {
            if let Some(draft) = forms.first() {
                self.resume_form_draft(draft);
            } else if let Some(draft) = contacts.first() {
                self.resume_contact_draft(draft);
            } else if let Some(draft) = events.first() {
                self.resume_event_draft(draft);
            } else if let Some((_, draft)) = fields.first() {
                self.resume_fields_draft(draft);
            }
            return;
        }
        let mut options: Vec<(String, String)> = Vec::new();
        for draft in &contacts {
            let person = draft
                .person
                .and_then(|p| self.session.person(p).ok().flatten())
                .map_or_else(|| "someone not yet picked".to_string(), |p| p.name);
            let what = match draft.editing {
                Some(key) => format!("Your edit of contact #{key} with {person}"),
                None => format!("A new contact with {person}"),
            };
            options.push((
                crate::domain::sanitize::line(&format!("{what} · {}", draft.saved_at)).into_owned(),
                format!("contact:{}", draft.id),
            ));
        }
        for draft in &events {
            let what = match draft.editing {
                Some(key) => format!("Your edit of event #{key}"),
                None => format!("A new {}", draft.kind),
            };
            let title = if draft.title.is_empty() { "" } else { " " };
            options.push((
                crate::domain::sanitize::line(&format!(
                    "{what}{title}{} on {} · {}",
                    draft.title, draft.date, draft.saved_at
                ))
                .into_owned(),
                format!("event:{}", draft.id),
            ));
        }
        for draft in &forms {
            let title = crate::domain::forms::find(&draft.form).map_or(draft.form.as_str(), |f| f.title);
            options.push((
                format!("The {title} form you were filling · {}", draft.saved_at),
                format!("form:{}", draft.form),
            ));
        }
        for (id, draft) in &fields {
            options.push((
                crate::domain::sanitize::line(&format!("{} · {}", draft.title, draft.saved_at)).into_owned(),
                format!("fields:{id}"),
            ));
        }
        self.overlay = Some(Overlay::Choose(Choice {
            title: format!(" {} unsaved drafts: Enter resumes one, Esc later ", options.len()),
            options,
            picker: Default::default(),
            action: ChoiceAction::ResumeDraft,
        }));
    }

    /// Reopens the draft a pick in the list of drafts names (`contact:<id>` or `form:<form>`).
    pub fn resume_draft(&mut self, value: &str) {
        if let Some(id) = value.strip_prefix("contact:") {
            if let Some(draft) = self.contact_drafts_kept().into_iter().find(|d| d.id == id) {
                self.resume_contact_draft(&draft);
            }
        } else if let Some(id) = value.strip_prefix("event:") {
            if let Some(draft) = self.event_drafts_kept().into_iter().find(|d| d.id == id) {
                self.resume_event_draft(&draft);
            }
        } else if let Some(id) = value.strip_prefix("fields:") {
            if let Some((_, draft)) = self.fields_drafts_kept().into_iter().find(|(d, _)| d == id) {
                self.resume_fields_draft(&draft);
            }
        } else if let Some(form) = value.strip_prefix("form:")
            && let Some(draft) = self.form_draft_file(form).and_then(|d| d.load())
        {
            self.resume_form_draft(&draft);
        }
    }

    fn resume_form_draft(&mut self, draft: &form_fill::FormDraft) {
        match FormFill::from_draft(&self.session, draft) {
            Ok(Some(fill)) => {
                self.overlay = Some(Overlay::Form(Box::new(fill)));
                self.info(format!("Resumed the form you were filling at {}", draft.saved_at));
            }
            Ok(None) => {}
            Err(err) => self.error(format!("could not reopen your unfinished form: {err}")),
        }
    }

    fn resume_fields_draft(&mut self, draft: &field_drafts::FieldsDraft) {
        match fields_from_draft(self, draft) {
            Ok(open) => {
                self.overlay = Some(Overlay::Fields(Box::new(open)));
                self.info(format!("Recovered what you were typing at {}", draft.saved_at));
            }
            Err(err) => self.error(format!("could not reopen your unsaved {}: {err}", draft.title)),
        }
    }

    fn resume_event_draft(&mut self, draft: &drafts::EventDraft) {
        match event_form::EventForm::from_draft(&self.session, draft) {
            Ok(form) => {
                self.overlay = Some(Overlay::EventForm(Box::new(form)));
                self.info(format!(
                    "Recovered the event you were writing at {}",
                    draft.saved_at
                ));
            }
            Err(err) => self.error(format!("could not reopen your unsaved event: {err}")),
        }
    }

    fn resume_contact_draft(&mut self, draft: &drafts::ContactDraft) {
        match ContactForm::from_draft(&self.session, draft) {
            Ok(form) => {
                self.overlay = Some(Overlay::ContactForm(Box::new(form)));
                self.info(format!(
                    "Recovered the contact you were writing at {}",
                    draft.saved_at
                ));
            }
            Err(err) => self.error(format!("could not reopen your unsaved contact: {err}")),
        }
    }
}

/// The form again, as it was typed: on the record as stored now, but saving from the version
/// the draft started from, so a change made meanwhile is a conflict rather than lost.
fn fields_from_draft(app: &App, draft: &FieldsDraft) -> Result<(Form, FieldsFor)> {
    let settings = &app.session.program.settings;
    let gone = || Error::Input(format!("{}: it is no longer in the program", draft.title));
    let (mut form, purpose) = match &draft.purpose {
        DraftPurpose::NewPerson => (people::person_form(None), FieldsFor::NewPerson),
        DraftPurpose::EditPerson { key, version } => {
            let person = app.session.person(*key)?.ok_or_else(gone)?;
            let editing = Editing {
                key: *key,
                version: *version,
            };
            (people::person_form(Some(&person)), FieldsFor::EditPerson(editing))
        }
        DraftPurpose::Setting { key, from } => {
            let (form, purpose) = people::setting_form(settings, key).ok_or_else(gone)?;
            let FieldsFor::Setting { key, .. } = purpose else {
                return Err(gone());
            };
            (
                form,
                FieldsFor::Setting {
                    key,
                    from: from.clone(),
                },
            )
        }
        DraftPurpose::Row { key, at, from } => {
            let (form, purpose) =
                people::setting_form(settings, &people::row_key(key, *at)).ok_or_else(gone)?;
            let FieldsFor::Row { key, at, .. } = purpose else {
                return Err(gone());
            };
            (
                form,
                FieldsFor::Row {
                    key,
                    at,
                    from: from.clone(),
                },
            )
        }
        DraftPurpose::Extend { assignment } => {
            let pair = app.session.assignment(*assignment)?.ok_or_else(gone)?;
            let mentee = app.session.person(pair.mentee)?.ok_or_else(gone)?;
            (
                caseload::extend_form(&app.session, &pair, &mentee.name)?,
                FieldsFor::Extend {
                    assignment: *assignment,
                },
            )
        }
        DraftPurpose::LedgerEntry => (program::ledger_form(&app.session)?, FieldsFor::LedgerEntry),
        DraftPurpose::RiskLines { from } => {
            let (form, _) = people::setting_form(settings, people::RISK).ok_or_else(gone)?;
            (form, FieldsFor::RiskLines { from: from.clone() })
        }
    };
    for (label, typed) in &draft.values {
        form.restore(label, typed);
    }
    form.dirty = true;
    Ok((form, purpose))
}
