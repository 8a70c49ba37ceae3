//! Filling in any form of the catalog: one generic navigator for every field kind.

use super::contact_form::{Candidate, candidates};
use super::form::{self, FormKey};
use super::paste::{self, Pasted};
use crate::domain::forms::{self, FormDef, Kind, SCALE, Values};
use crate::error::Result;
use crate::service::Session;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;
use serde::{Deserialize, Serialize};

pub enum FillStep {
    Continue(bool),
    Submit,
    Leave,
}

pub struct FormFill {
    pub def: &'static FormDef,
    pub values: Values,
    /// Index into the form's input fields.
    pub focus: usize,
    /// The highlighted box of a checks field.
    pub option: usize,
    /// The editor of the focused multi-line field.
    pub editor: Option<TextArea<'static>>,
    pub candidates: Vec<Candidate>,
    pub errors: Vec<(&'static str, String)>,
    /// The version this one amends.
    pub supersedes: Option<i64>,
    /// A filed form is shown read-only.
    pub read_only: bool,
    /// Someone else's (a reflection a partner shared): only read.
    pub foreign: bool,
    pub dirty: bool,
    /// The focused text field's value is selected: typing replaces it.
    pub selected: bool,
    /// The fields whose values the form suggested (a day: today), until typed into: selected
    /// when the focus lands on them.
    suggested: Vec<String>,
    /// The word typed so far on the focused choice field.
    word: String,
    /// Why the last key did nothing, shown in the footer until the next key.
    pub notice: Option<String>,
    /// Stamps the draft's save time.
    clock: crate::clock::Clock,
}

/// What a draft of a form keeps: the same form, the same values, the same field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormDraft {
    pub form: String,
    pub values: Values,
    pub focus: usize,
    pub supersedes: Option<i64>,
    pub saved_at: String,
}

impl FormFill {
    pub fn new(session: &Session, def: &'static FormDef) -> Result<FormFill> {
        let mut fill = FormFill {
            def,
            values: Values::new(),
            focus: 0,
            option: 0,
            editor: None,
            candidates: candidates(session)?,
            errors: Vec::new(),
            supersedes: None,
            read_only: false,
            foreign: false,
            dirty: false,
            selected: false,
            suggested: Vec::new(),
            word: String::new(),
            notice: None,
            clock: session.clock(),
        };
        fill.open_editor();
        Ok(fill)
    }

    /// A filed form, to read (and amend).
    pub fn view(session: &Session, def: &'static FormDef, values: Values, key: i64) -> Result<FormFill> {
        let mut fill = FormFill::new(session, def)?;
        fill.values = values;
        fill.read_only = true;
        fill.supersedes = Some(key);
        fill.editor = None;
        Ok(fill)
    }

    /// A blank form with some values given, open on the first field still empty.
    pub fn prefilled(session: &Session, def: &'static FormDef, given: Values) -> Result<FormFill> {
        let mut fill = FormFill::new(session, def)?;
        fill.suggested = given.keys().cloned().collect();
        fill.values = given;
        fill.focus = def
            .inputs()
            .position(|f| fill.value(f.key).is_empty())
            .unwrap_or(0);
        fill.dirty = true;
        fill.open_editor();
        Ok(fill)
    }

    /// Makes a filed form editable for an amendment, with an editor if the focus is on text.
    pub fn amend(&mut self) {
        self.read_only = false;
        self.dirty = true;
        self.open_editor();
    }

    pub fn from_draft(session: &Session, draft: &FormDraft) -> Result<Option<FormFill>> {
        let Some(def) = forms::find(&draft.form) else {
            return Ok(None);
        };
        let mut fill = FormFill::new(session, def)?;
        fill.values = draft.values.clone();
        fill.focus = draft.focus.min(def.inputs().count().saturating_sub(1));
        fill.supersedes = draft.supersedes;
        fill.dirty = true;
        fill.open_editor();
        Ok(Some(fill))
    }

    pub fn to_draft(&self) -> FormDraft {
        FormDraft {
            form: self.def.id.to_string(),
            values: self.values.clone(),
            focus: self.focus,
            supersedes: self.supersedes,
            saved_at: self.clock.now().format("%Y-%m-%d %H:%M").to_string(),
        }
    }

    pub fn field(&self) -> &'static forms::Field {
        self.def
            .inputs()
            .nth(self.focus)
            .expect("focus is within the inputs")
    }

    pub fn value(&self, key: &str) -> &str {
        self.values.get(key).map(String::as_str).unwrap_or("")
    }

    pub fn error_for(&self, key: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, e)| e.as_str())
    }

    /// The name of the person a Person field holds.
    pub fn person_label(&self, id: &str) -> Option<&str> {
        self.candidates
            .iter()
            .find(|c| c.person_id == id)
            .map(|c| c.label.as_str())
    }

    /// Opens the editor of a multi-line field the focus is on; a typed value it lands on is
    /// selected, to type over.
    fn open_editor(&mut self) {
        let field = self.field();
        self.word.clear();
        self.selected = !self.read_only
            && matches!(
                field.kind,
                Kind::Text | Kind::Count | Kind::Date | Kind::Signature
            )
            && self.suggested.iter().any(|k| k == field.key)
            && !self.value(field.key).is_empty();
        self.editor = (!self.read_only && self.field().kind == Kind::Lines).then(|| {
            let mut editor =
                TextArea::new(self.value(self.field().key).lines().map(str::to_string).collect());
            editor.set_cursor_line_style(ratatui::style::Style::new());
            editor
        });
    }

    fn move_focus(&mut self, forward: bool) {
        let n = self.def.inputs().count();
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
        self.option = 0;
        self.open_editor();
    }

    fn set(&mut self, value: String) {
        let key = self.field().key;
        self.suggested.retain(|k| k != key);
        self.values.insert(key.to_string(), value);
        self.dirty = true;
    }

    /// Checks the answers and stamps signatures with `today`; true when it may be filed.
    pub fn ready(&mut self, today: NaiveDate) -> bool {
        self.errors = forms::validate(self.def, &self.values, today);
        if let Some((key, _)) = self.errors.first() {
            self.focus = self.def.inputs().position(|f| f.key == *key).unwrap_or(0);
            self.open_editor();
            return false;
        }
        for field in self.def.inputs().filter(|f| f.kind == Kind::Signature) {
            if !self.value(field.key).is_empty() {
                self.values
                    .insert(format!("{}_date", field.key), today.to_string());
            }
        }
        true
    }

    /// Text pasted into the focused field: a multi-line field takes it whole, a one-line
    /// text field on one line, any other field nothing.
    pub fn paste(&mut self, text: &str) -> Pasted {
        if self.read_only {
            return Pasted::Nowhere;
        }
        if let Some(editor) = self.editor.as_mut() {
            editor.insert_str(paste::as_lines(text));
            let text = editor.lines().join("\n");
            self.set(text);
            return Pasted::Whole;
        }
        let field = self.field();
        if !matches!(
            field.kind,
            Kind::Text | Kind::Count | Kind::Date | Kind::Signature
        ) {
            return Pasted::Nowhere;
        }
        let mut value = self.value(field.key).to_string();
        let pasted = paste::append_line(&mut value, text);
        self.set(value);
        pasted
    }

    /// A key the key map names for every form. Esc leaves, the draft kept.
    pub fn act(&mut self, key: FormKey) -> FillStep {
        match key {
            FormKey::Cancel => FillStep::Leave,
            _ if self.read_only => FillStep::Continue(false),
            FormKey::Save => FillStep::Submit,
            FormKey::Next | FormKey::Previous => {
                self.move_focus(key == FormKey::Next);
                FillStep::Continue(true)
            }
            FormKey::Clear => self.input(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
        }
    }

    /// Any other key: the focused field's.
    pub fn input(&mut self, key: KeyEvent) -> FillStep {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let had_notice = self.notice.take().is_some();
        match self.field_input(key, ctrl) {
            FillStep::Continue(changed) => FillStep::Continue(changed || had_notice || self.notice.is_some()),
            other => other,
        }
    }

    fn field_input(&mut self, key: KeyEvent, ctrl: bool) -> FillStep {
        if self.read_only {
            return FillStep::Continue(false);
        }
        let field = self.field();
        if let Some(editor) = self.editor.as_mut() {
            let changed = if ctrl && key.code == KeyCode::Char('u') {
                editor.delete_line_by_head()
            } else {
                editor.input(key)
            };
            if changed {
                let text = editor.lines().join("\n");
                self.set(text);
            }
            return FillStep::Continue(true);
        }
        let typed = matches!(
            field.kind,
            Kind::Text | Kind::Count | Kind::Date | Kind::Signature
        );
        // Enter chooses on a choice, as Space does; on typed text it moves on.
        let key = match key.code {
            KeyCode::Enter if !typed => KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE),
            _ => key,
        };
        if matches!(key.code, KeyCode::Down | KeyCode::Up | KeyCode::Enter) {
            self.move_focus(key.code != KeyCode::Up);
            return FillStep::Continue(true);
        }
        let value = self.value(field.key).to_string();
        let forward = matches!(key.code, KeyCode::Right | KeyCode::Char(' '));
        let cycle = |len: usize, current: Option<usize>| match (current, forward) {
            (None, true) => 0,
            (None, false) => len - 1,
            (Some(i), true) => (i + 1) % len,
            (Some(i), false) => (i + len - 1) % len,
        };
        let arrows = matches!(key.code, KeyCode::Left | KeyCode::Right | KeyCode::Char(' '));
        match field.kind {
            Kind::Choice(options) if form::type_into_word(&mut self.word, &key).is_some() => {
                match form::choice_matching(options.iter().copied(), &self.word) {
                    Some(i) => self.set(options[i].to_string()),
                    None => self.notice = Some(form::no_choice_matches(field.label, &self.word)),
                }
            }
            Kind::Choice(options) if arrows => {
                self.word.clear();
                let next = cycle(options.len(), options.iter().position(|o| *o == value));
                self.set(options[next].to_string());
            }
            Kind::Checks(options) => match key.code {
                KeyCode::Left => self.option = (self.option + options.len() - 1) % options.len(),
                KeyCode::Right => self.option = (self.option + 1) % options.len(),
                KeyCode::Char(' ') => self.set(forms::toggle(options, &value, options[self.option])),
                _ => return FillStep::Continue(false),
            },
            Kind::Scale => match key.code {
                KeyCode::Char(c @ '1'..='5') => self.set(c.to_string()),
                _ if arrows => {
                    // A hand-edited draft may hold any number, or none.
                    let current = value
                        .parse::<usize>()
                        .ok()
                        .filter(|v| (1..=SCALE.len()).contains(v))
                        .map(|v| v - 1);
                    self.set((cycle(SCALE.len(), current) + 1).to_string());
                }
                _ => return FillStep::Continue(false),
            },
            Kind::YesNo => match key.code {
                KeyCode::Char('y') => self.set("yes".into()),
                KeyCode::Char('n') => self.set("no".into()),
                _ if arrows => self.set(if value == "yes" { "no" } else { "yes" }.into()),
                _ => return FillStep::Continue(false),
            },
            Kind::Person if arrows && !self.candidates.is_empty() => {
                let current = self.candidates.iter().position(|c| c.person_id == value);
                let next = cycle(self.candidates.len(), current);
                self.set(self.candidates[next].person_id.clone());
            }
            Kind::Text | Kind::Count | Kind::Date | Kind::Signature => {
                let mut text = value;
                let mut selected = std::mem::take(&mut self.selected);
                let shown = form::type_text(&mut text, &mut selected, &key);
                self.selected = selected;
                if text != self.value(field.key) {
                    self.set(text);
                }
                return FillStep::Continue(shown);
            }
            _ => return FillStep::Continue(false),
        }
        FillStep::Continue(true)
    }
}
