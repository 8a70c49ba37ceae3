//! Filling in any form of the catalog: its definition (`domain::forms`) declared as a form of
//! the form engine (`app::form`), laid out stacked, and its values read back for filing.

use super::contact_form::{Candidate, candidates};
use super::form::{self, Form, FormKey, Layout, Step};
use super::paste::Pasted;
use crate::domain::forms::{self, FormDef, Kind, SCALE, Values};
use crate::error::Result;
use crate::service::Session;
use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use serde::{Deserialize, Serialize};

pub enum FillStep {
    Continue(bool),
    Submit,
    Leave,
}

/// A catalog form being filled in (or read): a form of the engine, and what it is for.
pub struct FormFill {
    pub def: &'static FormDef,
    pub form: Form,
    pub candidates: Vec<Candidate>,
    /// What a filed form holds beside its fields (the dates its signatures were signed on).
    kept: Values,
    /// The version this one amends.
    pub supersedes: Option<i64>,
    /// Someone else's (a reflection a partner shared): only read.
    pub foreign: bool,
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

/// How many rows the editor of a multi-line answer shows.
const EDITOR_ROWS: u16 = 3;

/// The date a signature was signed on is kept under this key.
fn signed_key(key: &str) -> String {
    format!("{key}_date")
}

/// The engine's field for a field of the catalog, holding `value` (a person by their id).
fn declare(field: &forms::Field, value: &str, candidates: &[Candidate], kept: &Values) -> form::Field {
    let strings = |all: &[&str]| all.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let declared = match field.kind {
        Kind::Text | Kind::Count => form::Field::text(field.label, value),
        Kind::Signature => form::Field::text(field.label, value).after(
            kept.get(&signed_key(field.key))
                .map(|date| format!("(signed {date})")),
        ),
        Kind::Date => form::Field::date(field.label, value),
        Kind::Lines => form::Field::lines(field.label, value, EDITOR_ROWS, ""),
        Kind::Choice(options) => form::Field::pick(field.label, strings(options), value),
        Kind::YesNo => form::Field::pick(field.label, strings(&["yes", "no"]), value),
        Kind::Checks(options) => form::Field::checks(field.label, strings(options), value),
        Kind::Scale => form::Field::scale(field.label, strings(&SCALE), value),
        Kind::Person => {
            let mut people: Vec<String> = candidates.iter().map(|c| c.label.clone()).collect();
            // Someone no longer among the user's people (an old form) is shown by their id.
            let label = match candidates.iter().find(|c| c.person_id == value) {
                Some(c) => c.label.clone(),
                None if value.is_empty() => String::new(),
                None => {
                    people.push(value.to_string());
                    value.to_string()
                }
            };
            form::Field::pick(field.label, people, &label)
        }
        Kind::Statement => form::Field::words(field.label),
    };
    declared.key(field.key).required(field.required)
}

impl FormFill {
    fn with_values(session: &Session, def: &'static FormDef, values: Values) -> Result<FormFill> {
        let candidates = candidates(session)?;
        let fields = def
            .fields
            .iter()
            .map(|f| {
                declare(
                    f,
                    values.get(f.key).map_or("", String::as_str),
                    &candidates,
                    &values,
                )
            })
            .collect();
        let form = Form::new(def.title, fields)
            .laid_out(Layout::Stacked)
            .keeping_drafts();
        Ok(FormFill {
            def,
            form,
            candidates,
            kept: values,
            supersedes: None,
            foreign: false,
            clock: session.clock(),
        })
    }

    pub fn new(session: &Session, def: &'static FormDef) -> Result<FormFill> {
        FormFill::with_values(session, def, Values::new())
    }

    /// A filed form, to read (and amend).
    pub fn view(session: &Session, def: &'static FormDef, values: Values, key: i64) -> Result<FormFill> {
        let mut fill = FormFill::with_values(session, def, values)?;
        fill.form.read_only = true;
        fill.supersedes = Some(key);
        fill.titled();
        Ok(fill)
    }

    /// A blank form with some values given, open on the first field still empty.
    pub fn prefilled(session: &Session, def: &'static FormDef, given: Values) -> Result<FormFill> {
        let mut fill = FormFill::with_values(session, def, given.clone())?;
        for field in fill.form.fields.iter_mut().filter(|f| given.contains_key(f.key)) {
            field.suggested = true;
        }
        let first = def
            .inputs()
            .position(|f| fill.value(f.key).is_empty())
            .unwrap_or(0);
        fill.focus_input(first);
        fill.form.dirty = true;
        Ok(fill)
    }

    /// Makes a filed form editable for an amendment.
    pub fn amend(&mut self) {
        self.form.read_only = false;
        self.form.dirty = true;
        self.titled();
    }

    /// The title says whether the form is filed or amends one.
    fn titled(&mut self) {
        let mode = if self.form.read_only {
            " · filed, read-only"
        } else if self.supersedes.is_some() {
            " · amending"
        } else {
            ""
        };
        self.form.title = format!("{}{mode}", self.def.title);
    }

    pub fn from_draft(session: &Session, draft: &FormDraft) -> Result<Option<FormFill>> {
        let Some(def) = forms::find(&draft.form) else {
            return Ok(None);
        };
        let mut fill = FormFill::with_values(session, def, draft.values.clone())?;
        fill.focus_input(draft.focus.min(def.inputs().count().saturating_sub(1)));
        fill.supersedes = draft.supersedes;
        fill.titled();
        fill.form.dirty = true;
        Ok(Some(fill))
    }

    pub fn to_draft(&self) -> FormDraft {
        FormDraft {
            form: self.def.id.to_string(),
            values: self.values(),
            focus: self.input_focus(),
            supersedes: self.supersedes,
            saved_at: self.clock.now().format("%Y-%m-%d %H:%M").to_string(),
        }
    }

    /// Puts the focus on the `n`th field to fill in.
    fn focus_input(&mut self, n: usize) {
        let at = self
            .form
            .fields
            .iter()
            .enumerate()
            .filter(|(_, f)| f.kind != form::Kind::Words)
            .nth(n)
            .map_or(0, |(at, _)| at);
        self.form.focus_on(at);
    }

    /// Which field to fill in the focus is on, counted as the definition's inputs are.
    fn input_focus(&self) -> usize {
        self.form.fields[..self.form.focus]
            .iter()
            .filter(|f| f.kind != form::Kind::Words)
            .count()
    }

    /// The field of the definition the focus is on.
    pub fn field(&self) -> &'static forms::Field {
        self.def
            .inputs()
            .nth(self.input_focus())
            .expect("focus is within the inputs")
    }

    /// The answers as filed: a person by their id, signatures with their dates.
    pub fn values(&self) -> Values {
        let mut values: Values = self
            .kept
            .iter()
            .filter(|(k, _)| !self.def.inputs().any(|f| f.key == k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for field in self.def.inputs() {
            let Some(shown) = self.form.field(field.key) else {
                continue;
            };
            let value = match field.kind {
                Kind::Person => self
                    .candidates
                    .iter()
                    .find(|c| c.label == shown.value)
                    .map_or(shown.value.clone(), |c| c.person_id.clone()),
                _ => shown.value.clone(),
            };
            if !value.is_empty() {
                values.insert(field.key.to_string(), value);
            }
        }
        values
    }

    fn value(&self, key: &str) -> String {
        self.values().remove(key).unwrap_or_default()
    }

    /// The person the form is about (its first person field), among the user's people.
    pub fn about(&self) -> Option<&Candidate> {
        let field = self.def.inputs().find(|f| f.kind == Kind::Person)?;
        let id = self.value(field.key);
        self.candidates.iter().find(|c| c.person_id == id)
    }

    /// Checks the answers and stamps signatures with `today`; true when it may be filed.
    pub fn ready(&mut self, today: NaiveDate) -> bool {
        let errors = forms::validate(self.def, &self.values(), today);
        let ready = errors.is_empty();
        self.form.refuse_all(errors);
        if ready {
            for field in self.def.inputs().filter(|f| f.kind == Kind::Signature) {
                if !self.value(field.key).is_empty() {
                    self.kept.insert(signed_key(field.key), today.to_string());
                }
            }
        }
        ready
    }

    /// Text pasted into the focused field: a multi-line field takes it whole, a one-line
    /// text field on one line, any other field nothing.
    pub fn paste(&mut self, text: &str) -> Pasted {
        self.form.paste(text)
    }

    /// A key the key map names for every form. Esc leaves, the draft kept.
    pub fn act(&mut self, key: FormKey) -> FillStep {
        let step = self.form.act(key);
        self.step(step)
    }

    /// Any other key: the focused field's.
    pub fn input(&mut self, key: KeyEvent) -> FillStep {
        let step = self.form.input(key);
        self.step(step)
    }

    fn step(&self, step: Step) -> FillStep {
        match step {
            Step::Continue(changed) => FillStep::Continue(changed),
            Step::Cancel => FillStep::Leave,
            Step::Submit => FillStep::Submit,
        }
    }
}
