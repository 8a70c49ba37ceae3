//! The form engine: a declarative form of labelled fields and how keys move through it. Every
//! form (the first run, a person, a setting, an event, a contact) is one of these, drawn by
//! `ui::form`. The form knows nothing of the session: its choices and a search's matches
//! come in as plain data, and saving is the caller's effect.
//!
//! The keys: the key map turns Tab, S-Tab, Ctrl-S, Esc and Ctrl-U into [`FormKey`]s (and ↑ ↓
//! into field moves on a form of one-line fields); every other key is the focused field's.
//! A text field whose value is a suggestion (today's date, a usual time) is selected when the
//! focus lands on it: the first character typed replaces it, Backspace clears it, → or End
//! keeps it and types after it. A record's own value is typed after. A choice
//! field takes a typed word and goes to the first choice it starts (or else is in). A
//! multi-line field is an editor: Enter breaks the line. A search field types a query, ↑/↓
//! mark a match and Enter picks it.

mod field;
mod typing;

pub use field::{Editor, Field, Found, Kind, Search};

pub use typing::{choice_matching, no_choice_matches, restart_on_letter, type_into_word, type_text};

use super::paste::{Pasted, append_line, as_lines};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a form key (as the key map names it) asks of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKey {
    Next,
    Previous,
    Save,
    /// Esc: leave, asking first when something was changed.
    Cancel,
    /// Ctrl-U: empty the focused text field.
    Clear,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Why the last try to save failed, for the form as a whole.
    pub error: Option<String>,
    /// Why a field was refused, shown at it.
    pub errors: Vec<(&'static str, String)>,
    /// A line under the fields: what saving will do, or what a value looks like.
    pub note: Option<String>,
    /// Why the last key did nothing, shown in the footer until the next key.
    pub notice: Option<String>,
    /// Whether a value was changed since the form opened (or its draft was resumed).
    pub dirty: bool,
    /// Esc was pressed on a changed form: the next Esc discards it.
    pub confirm_discard: bool,
    /// The focused text field's value is selected: typing replaces it.
    pub selected: bool,
    /// The word typed so far on the focused choice field.
    pub word: String,
    /// A long form (the contact form) has no blank row above its footer, so that it fits
    /// 80×24 with a search's matches open.
    pub compact: bool,
    pub layout: Layout,
    /// A filed form, shown to be read: no key changes it.
    pub read_only: bool,
    /// Esc leaves at once, the form kept as a draft to resume (a catalog form), rather than
    /// asking before it discards a changed form.
    pub keeps_draft: bool,
    /// The box the cursor is on in the focused field of boxes.
    pub option: usize,
}

/// How a form is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A label column, the values beside it, in a pop-up as tall as its fields.
    Columns,
    /// Each label on a line of its own and its value under it, in a pop-up as tall as the
    /// screen that scrolls to the focus (a catalog form: long questions, long wording); the
    /// focused multi-line field is typed in an editor at its foot.
    Stacked,
}

/// What a key did to the form.
#[derive(Debug, PartialEq, Eq)]
pub enum Step {
    /// Whether anything visible changed.
    Continue(bool),
    Cancel,
    Submit,
}

impl Form {
    pub fn new(title: impl Into<String>, fields: Vec<Field>) -> Form {
        let mut form = Form {
            title: title.into(),
            fields,
            focus: 0,
            error: None,
            errors: Vec::new(),
            note: None,
            notice: None,
            dirty: false,
            confirm_discard: false,
            selected: false,
            word: String::new(),
            compact: false,
            layout: Layout::Columns,
            read_only: false,
            keeps_draft: false,
            option: 0,
        };
        let first = form.fields.iter().position(Field::editable).unwrap_or(0);
        form.focus_on(first);
        form
    }

    pub fn with_note(self, note: impl Into<String>) -> Form {
        Form {
            note: Some(note.into()),
            ..self
        }
    }

    /// This form with no blank row above its footer (see [`Form::compact`]).
    pub fn compact(self) -> Form {
        Form {
            compact: true,
            ..self
        }
    }

    /// This form laid out as `layout`.
    pub fn laid_out(self, layout: Layout) -> Form {
        Form { layout, ..self }
    }

    /// This form leaving at once on Esc, kept as a draft (see [`Form::keeps_draft`]).
    pub fn keeping_drafts(self) -> Form {
        Form {
            keeps_draft: true,
            ..self
        }
    }

    /// Whether ↑/↓ move between fields now: on every field that does not use them itself.
    pub fn arrows_move(&self) -> bool {
        self.focused().is_some_and(|f| !f.kind.uses_arrows())
    }

    /// The field named `key` (its label, unless given another key: [`Field::key`]).
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    fn field_mut(&mut self, key: &str) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.key == key)
    }

    fn position(&self, key: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.key == key)
    }

    /// The value of the field named `key`, trimmed.
    pub fn value(&self, key: &str) -> &str {
        self.field(key).map_or("", |f| f.value.trim())
    }

    /// The value of a text field, `None` when blank.
    pub fn optional(&self, key: &str) -> Option<String> {
        Some(self.value(key).to_string()).filter(|v| !v.is_empty())
    }

    /// Sets the value of the field named `key` to a record's (not a suggestion).
    pub fn set(&mut self, key: &str, value: impl Into<String>) {
        if let Some(field) = self.field_mut(key) {
            field.put(value.into());
        }
        self.selected = self.selected_on_entry();
    }

    /// Puts back what a draft kept for the field named `key`: a fixed field keeps its
    /// value, and a choice one of its choices (a hand-edited draft may hold anything).
    pub fn restore(&mut self, key: &str, typed: &str) {
        let Some(field) = self.field_mut(key) else {
            return;
        };
        match &field.kind {
            Kind::Fixed | Kind::Search(_) => return,
            Kind::Choice(choices) if !choices.iter().any(|c| c == typed) => return,
            _ => field.put(typed.to_string()),
        }
        self.selected = self.selected_on_entry();
    }

    /// Puts `found` in the search field named `key`, as picked.
    pub fn choose(&mut self, key: &str, found: Found) {
        if let Some(field) = self.field_mut(key)
            && let Kind::Search(search) = &mut field.kind
        {
            field.value = found.key.clone();
            search.chosen = Some(found);
        }
    }

    /// The query of the focused search field when its matches were read for another: the
    /// caller reads them and hands them in with [`Form::found`].
    pub fn wants_matches(&self) -> Option<&str> {
        let search = self.focused()?.search_state()?;
        (search.query != search.matches_for).then_some(search.query.as_str())
    }

    /// The matches of `query` in the search field named `key`.
    pub fn found(&mut self, key: &str, query: &str, matches: Vec<Found>) {
        if let Some(Kind::Search(search)) = self.field_mut(key).map(|f| &mut f.kind) {
            search.matches = matches;
            search.matches_for = query.to_string();
            search.pick = search.pick.min(search.matches.len().saturating_sub(1));
        }
    }

    /// Shows or hides the field named `key`; the focus leaves a field that is hidden.
    pub fn show(&mut self, key: &str, shown: bool) {
        if let Some(field) = self.field_mut(key) {
            field.hidden = !shown;
        }
        if self.fields.get(self.focus).is_some_and(|f| f.hidden) {
            self.move_focus(true);
        }
    }

    /// The fields shown, with their places in `fields`.
    pub fn shown(&self) -> impl Iterator<Item = (usize, &Field)> {
        self.fields.iter().enumerate().filter(|(_, f)| !f.hidden)
    }

    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    pub fn error_for(&self, key: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, e)| e.as_str())
    }

    /// A refusal of the field named `key`: shown at it, which takes the focus.
    pub fn refuse(&mut self, key: &'static str, reason: impl Into<String>) {
        if let Some(at) = self.position(key) {
            self.focus_on(at);
        }
        self.errors.push((key, reason.into()));
    }

    /// Refusals of fields: each shown at its field, the first taking the focus.
    pub fn refuse_all(&mut self, errors: Vec<(&'static str, String)>) {
        self.errors.clear();
        if let Some(at) = errors.first().and_then(|(key, _)| self.position(key)) {
            self.focus_on(at);
        }
        self.errors = errors;
    }

    /// Puts the focus on the field at `at`, its value selected when it has one to type over.
    pub fn focus_on(&mut self, at: usize) {
        self.focus = at;
        self.word.clear();
        self.option = 0;
        self.selected = self.selected_on_entry();
    }

    /// Puts the focus on the field named `key`.
    pub fn focus_on_key(&mut self, key: &str) {
        if let Some(at) = self.position(key) {
            self.focus_on(at);
        }
    }

    fn selected_on_entry(&self) -> bool {
        self.focused()
            .is_some_and(|f| f.kind.typed() && f.suggested && !f.value.is_empty())
    }

    fn last_editable(&self) -> usize {
        self.fields.iter().rposition(Field::editable).unwrap_or(0)
    }

    /// Moves the focus to the next (or previous) field that can be changed.
    fn move_focus(&mut self, forward: bool) -> bool {
        let n = self.fields.len();
        let mut at = self.focus;
        for _ in 0..n {
            at = if forward { (at + 1) % n } else { (at + n - 1) % n };
            if self.fields[at].editable() {
                break;
            }
        }
        let moved = at != self.focus;
        self.focus_on(at);
        moved
    }

    /// Leaving a search field with a query typed picks the match marked.
    fn leave_search(&mut self) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        if let Kind::Search(search) = &mut field.kind
            && !search.query.is_empty()
            && search.pick()
        {
            field.value = search.chosen.as_ref().map(|c| c.key.clone()).unwrap_or_default();
            self.dirty = true;
        }
    }

    /// Text pasted into the focused field: a multi-line field takes it whole, a one-line
    /// field (or a search's query) on one line, a choice nothing.
    pub fn paste(&mut self, text: &str) -> Pasted {
        if self.read_only {
            return Pasted::Nowhere;
        }
        self.confirm_discard = false;
        self.notice = None;
        let selected = std::mem::take(&mut self.selected);
        let Some(field) = self.fields.get_mut(self.focus).filter(|f| f.editable()) else {
            return Pasted::Nowhere;
        };
        let pasted = match &mut field.kind {
            Kind::Lines(editor) => {
                editor.area.insert_str(as_lines(text));
                field.value = editor.text();
                Pasted::Whole
            }
            Kind::Search(search) => {
                search.pick = 0;
                return append_line(&mut search.query, text);
            }
            kind if kind.typed() => {
                if selected {
                    field.value.clear();
                }
                append_line(&mut field.value, text)
            }
            _ => return Pasted::Nowhere,
        };
        field.suggested = false;
        self.dirty = true;
        pasted
    }

    /// A key the key map names.
    pub fn act(&mut self, key: FormKey) -> Step {
        let had_message = self.error.take().is_some() | self.notice.take().is_some();
        let asked = std::mem::take(&mut self.confirm_discard);
        let changed = match key {
            FormKey::Cancel if self.keeps_draft || self.read_only => return Step::Cancel,
            _ if self.read_only => false,
            FormKey::Cancel if self.dirty && !asked => {
                self.confirm_discard = true;
                true
            }
            FormKey::Cancel => return Step::Cancel,
            FormKey::Save => return Step::Submit,
            FormKey::Next | FormKey::Previous => {
                self.leave_search();
                self.move_focus(key == FormKey::Next)
            }
            FormKey::Clear => self.edit(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
        };
        Step::Continue(changed || had_message || asked)
    }

    /// Any other key: the focused field's.
    pub fn input(&mut self, key: KeyEvent) -> Step {
        let had_message = self.error.take().is_some() | self.notice.take().is_some();
        let asked = std::mem::take(&mut self.confirm_discard);
        if self.read_only {
            return Step::Continue(had_message);
        }
        let own_enter = self
            .focused()
            .is_some_and(|f| matches!(f.kind, Kind::Lines(_) | Kind::Search(_)));
        if key.code == KeyCode::Enter && !own_enter {
            if self.focus == self.last_editable() {
                return Step::Submit;
            }
            self.move_focus(true);
            return Step::Continue(true);
        }
        let changed = self.edit(&key);
        Step::Continue(changed || had_message || asked || self.notice.is_some())
    }

    /// A key on the focused field; whether it changed what is shown.
    fn edit(&mut self, key: &KeyEvent) -> bool {
        if self
            .focused()
            .is_some_and(|f| f.editable() && matches!(f.kind, Kind::Search(_)))
        {
            return self.search_key(key);
        }
        let Some(field) = self.fields.get_mut(self.focus).filter(|f| f.editable()) else {
            return false;
        };
        let edited = match &mut field.kind {
            Kind::Choice(choices) => {
                let labels = || choices.iter().map(String::as_str);
                let named_one_before = choice_matching(labels(), &self.word).is_some();
                if type_into_word(&mut self.word, key).is_some() {
                    let found = choice_matching(labels(), &self.word)
                        .or_else(|| restart_on_letter(labels(), &mut self.word, named_one_before));
                    match found {
                        Some(i) => {
                            let changed = field.value != choices[i];
                            field.value = choices[i].clone();
                            changed
                        }
                        None => {
                            self.notice = Some(no_choice_matches(field.label, &self.word));
                            false
                        }
                    }
                } else {
                    self.word.clear();
                    match key.code {
                        KeyCode::Left => field.step_choice(false),
                        KeyCode::Right | KeyCode::Char(' ') => field.step_choice(true),
                        _ => false,
                    }
                }
            }
            Kind::Checks(boxes) => {
                let n = boxes.len().max(1);
                match key.code {
                    KeyCode::Left => {
                        self.option = (self.option + n - 1) % n;
                        return true;
                    }
                    KeyCode::Right => {
                        self.option = (self.option + 1) % n;
                        return true;
                    }
                    KeyCode::Char(' ') if !boxes.is_empty() => {
                        let boxes: Vec<&str> = boxes.iter().map(String::as_str).collect();
                        let at = self.option.min(boxes.len() - 1);
                        field.value = crate::domain::forms::toggle(&boxes, &field.value, boxes[at]);
                        true
                    }
                    _ => false,
                }
            }
            Kind::Scale(_) => field.step_scale(key.code),
            Kind::Lines(editor) => {
                let changed =
                    if key.code == KeyCode::Char('u') && key.modifiers.contains(KeyModifiers::CONTROL) {
                        editor.area.delete_line_by_head()
                    } else {
                        editor.area.input(*key)
                    };
                if changed {
                    field.value = editor.text();
                    self.dirty = true;
                }
                // A key that moves the cursor changes what is shown too.
                return changed || !matches!(key.code, KeyCode::Char(_));
            }
            kind if kind.typed() => {
                let before = field.value.clone();
                let shown = type_text(&mut field.value, &mut self.selected, key);
                if field.value != before {
                    field.suggested = false;
                    self.dirty = true;
                }
                return shown;
            }
            _ => false,
        };
        self.dirty |= edited;
        edited
    }

    /// A key on the focused search field.
    fn search_key(&mut self, key: &KeyEvent) -> bool {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return false;
        };
        let Kind::Search(search) = &mut field.kind else {
            return false;
        };
        match key.code {
            KeyCode::Down => {
                search.pick = (search.pick + 1).min(search.matches.len().saturating_sub(1));
                true
            }
            KeyCode::Up => {
                search.pick = search.pick.saturating_sub(1);
                true
            }
            KeyCode::Enter => {
                let query = search.query.clone();
                let then = search.then;
                if search.pick() {
                    field.value = search.chosen.as_ref().map(|c| c.key.clone()).unwrap_or_default();
                    self.dirty = true;
                    match then {
                        Some(label) => self.focus_on_key(label),
                        None => {
                            self.move_focus(true);
                        }
                    }
                } else {
                    self.notice = Some(format!("no one matches \"{query}\""));
                }
                true
            }
            _ => {
                let mut selected = false;
                let before = search.query.clone();
                let shown = type_text(&mut search.query, &mut selected, key);
                if search.query != before {
                    search.pick = 0;
                }
                shown
            }
        }
    }
}

#[cfg(test)]
mod tests;
