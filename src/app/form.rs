//! The form engine: a declarative form of labelled fields and how keys move through it. Every
//! short form (the first run, a person, a setting, an event) is one of these, drawn by
//! `ui::form`; the contact form and the catalog's forms take their choice search and their
//! text editing from here. The form knows nothing of the session: its choices come in as
//! plain data, and saving is the caller's effect.
//!
//! The keys: the key map turns Tab, S-Tab, Ctrl-S, Esc and Ctrl-U into [`FormKey`]s (and ↑ ↓
//! into field moves on a form of one-line fields); every other key is the focused field's.
//! A text field whose value is a suggestion (today's date, a usual time) is selected when the
//! focus lands on it: the first character typed replaces it, Backspace clears it, → or End
//! keeps it and types after it. A record's own value is typed after. A choice
//! field takes a typed word and goes to the first choice it starts (or else is in).

use super::paste::{Pasted, append_line};
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

/// What a field holds and how it is typed into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// A date typed as YYYY-MM-DD, shown so while blank.
    Date,
    /// A time typed as HH:MM, shown so while blank.
    Time,
    /// One of these.
    Choice(Vec<String>),
    /// Shown, never changed.
    Fixed,
}

impl Kind {
    /// What a blank typed field shows.
    pub fn empty_hint(&self) -> &'static str {
        match self {
            Kind::Date => "YYYY-MM-DD",
            Kind::Time => "HH:MM",
            _ => "",
        }
    }

    fn typed(&self) -> bool {
        matches!(self, Kind::Text | Kind::Date | Kind::Time)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub value: String,
    pub kind: Kind,
    /// Left out of the form as it is now (an event's title, for a meeting).
    pub hidden: bool,
    /// The value is a default the form suggests (today, a usual time), not anyone's data:
    /// it is selected when the focus lands on it, and the first key types over it.
    pub suggested: bool,
}

impl Field {
    fn of(label: &'static str, kind: Kind, value: impl Into<String>) -> Field {
        Field {
            label,
            value: value.into(),
            kind,
            hidden: false,
            suggested: false,
        }
    }

    /// This field with its value a suggestion (see [`Field::suggested`]).
    pub fn suggested(self) -> Field {
        Field {
            suggested: true,
            ..self
        }
    }

    pub fn text(label: &'static str, value: impl Into<String>) -> Field {
        Field::of(label, Kind::Text, value)
    }

    pub fn date(label: &'static str, value: impl Into<String>) -> Field {
        Field::of(label, Kind::Date, value)
    }

    pub fn time(label: &'static str, value: impl Into<String>) -> Field {
        Field::of(label, Kind::Time, value)
    }

    /// A choice field, on `value` (or the first choice when it is not one of them).
    pub fn choice(label: &'static str, choices: Vec<String>, value: &str) -> Field {
        let value = if choices.iter().any(|c| c == value) {
            value.to_string()
        } else {
            choices.first().cloned().unwrap_or_default()
        };
        Field::of(label, Kind::Choice(choices), value)
    }

    pub fn fixed(label: &'static str, value: impl Into<String>) -> Field {
        Field::of(label, Kind::Fixed, value)
    }

    fn editable(&self) -> bool {
        !self.hidden && self.kind != Kind::Fixed
    }

    fn step_choice(&mut self, forward: bool) -> bool {
        let Kind::Choice(choices) = &self.kind else {
            return false;
        };
        let Some(at) = choices.iter().position(|c| *c == self.value) else {
            return false;
        };
        let n = choices.len();
        let next = if forward { (at + 1) % n } else { (at + n - 1) % n };
        self.value = choices[next].clone();
        next != at
    }
}

/// The choice a typed word names: the first label it starts, else the first it is in (case
/// aside); `None` when no label holds it.
pub fn choice_matching<'a>(labels: impl IntoIterator<Item = &'a str> + Clone, typed: &str) -> Option<usize> {
    let typed = typed.to_lowercase();
    if typed.is_empty() {
        return None;
    }
    let position =
        |test: &dyn Fn(&str) -> bool| labels.clone().into_iter().position(|l| test(&l.to_lowercase()));
    position(&|l| l.starts_with(&typed)).or_else(|| position(&|l| l.contains(&typed)))
}

/// What the footer says when a typed word names no choice.
pub fn no_choice_matches(label: &str, typed: &str) -> String {
    format!("{label}: no choice matches \"{typed}\" (←/→ go through them)")
}

/// A word typed on a choice field, one key at a time: `Some(word)` to look up, `None` when
/// the key is not typing (the word is then over).
pub fn type_into_word(word: &mut String, key: &KeyEvent) -> Option<()> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return None;
    }
    match key.code {
        // Space starts no word (it steps to the next choice); inside one it is a letter.
        KeyCode::Char(' ') if word.is_empty() => None,
        KeyCode::Char(c) if !c.is_control() => {
            word.push(c);
            Some(())
        }
        KeyCode::Backspace if !word.is_empty() => {
            word.pop();
            Some(())
        }
        _ => None,
    }
}

/// A one-line text being typed: selected while untouched since the focus came (typing
/// replaces it), Ctrl-U empties it.
pub fn type_text(text: &mut String, selected: &mut bool, key: &KeyEvent) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let was_selected = std::mem::take(selected);
    match key.code {
        KeyCode::Char('u') if ctrl => !std::mem::take(text).is_empty(),
        KeyCode::Char(c) if !ctrl && !c.is_control() => {
            if was_selected {
                text.clear();
            }
            text.push(c);
            true
        }
        KeyCode::Backspace if was_selected => {
            text.clear();
            true
        }
        KeyCode::Backspace => text.pop().is_some(),
        // → or End: keep the value, type after it.
        KeyCode::Right | KeyCode::End => was_selected,
        _ => {
            *selected = was_selected;
            false
        }
    }
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

    /// The field labelled `label`.
    pub fn field(&self, label: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.label == label)
    }

    /// The value of the field labelled `label`, trimmed.
    pub fn value(&self, label: &str) -> &str {
        self.field(label).map_or("", |f| f.value.trim())
    }

    /// The value of a text field, `None` when blank.
    pub fn optional(&self, label: &str) -> Option<String> {
        Some(self.value(label).to_string()).filter(|v| !v.is_empty())
    }

    /// Sets the value of the field labelled `label` to a record's (not a suggestion).
    pub fn set(&mut self, label: &str, value: impl Into<String>) {
        if let Some(field) = self.fields.iter_mut().find(|f| f.label == label) {
            field.value = value.into();
            field.suggested = false;
        }
        self.selected = self.selected_on_entry();
    }

    /// Puts back what a draft kept for the field labelled `label`: a fixed field keeps its
    /// value, and a choice one of its choices (a hand-edited draft may hold anything).
    pub fn restore(&mut self, label: &str, typed: &str) {
        let Some(field) = self.fields.iter_mut().find(|f| f.label == label) else {
            return;
        };
        match &field.kind {
            Kind::Fixed => return,
            Kind::Choice(choices) if !choices.iter().any(|c| c == typed) => return,
            _ => {
                field.value = typed.to_string();
                field.suggested = false;
            }
        }
        self.selected = self.selected_on_entry();
    }

    /// Shows or hides the field labelled `label`; the focus leaves a field that is hidden.
    pub fn show(&mut self, label: &str, shown: bool) {
        if let Some(field) = self.fields.iter_mut().find(|f| f.label == label) {
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

    pub fn error_for(&self, label: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(l, _)| *l == label)
            .map(|(_, e)| e.as_str())
    }

    /// A refusal of the field labelled `label`: shown at it, which takes the focus.
    pub fn refuse(&mut self, label: &'static str, reason: impl Into<String>) {
        if let Some(at) = self.fields.iter().position(|f| f.label == label) {
            self.focus_on(at);
        }
        self.errors.push((label, reason.into()));
    }

    /// Puts the focus on the field at `at`, its value selected when it has one to type over.
    pub fn focus_on(&mut self, at: usize) {
        self.focus = at;
        self.word.clear();
        self.selected = self.selected_on_entry();
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

    /// Text pasted into the focused field, when it is a typed field.
    pub fn paste(&mut self, text: &str) -> Pasted {
        self.confirm_discard = false;
        let selected = std::mem::take(&mut self.selected);
        let Some(field) = self.fields.get_mut(self.focus).filter(|f| f.kind.typed()) else {
            return Pasted::Nowhere;
        };
        if selected {
            field.value.clear();
        }
        field.suggested = false;
        self.dirty = true;
        append_line(&mut field.value, text)
    }

    /// A key the key map names.
    pub fn act(&mut self, key: FormKey) -> Step {
        let had_message = self.error.take().is_some() | self.notice.take().is_some();
        let asked = std::mem::take(&mut self.confirm_discard);
        let changed = match key {
            FormKey::Cancel if self.dirty && !asked => {
                self.confirm_discard = true;
                true
            }
            FormKey::Cancel => return Step::Cancel,
            FormKey::Save => return Step::Submit,
            FormKey::Next => self.move_focus(true),
            FormKey::Previous => self.move_focus(false),
            FormKey::Clear => self.edit(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
        };
        Step::Continue(changed || had_message || asked)
    }

    /// Any other key: the focused field's.
    pub fn input(&mut self, key: KeyEvent) -> Step {
        let had_message = self.error.take().is_some() | self.notice.take().is_some();
        let asked = std::mem::take(&mut self.confirm_discard);
        if key.code == KeyCode::Enter {
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
        let Some(field) = self.fields.get_mut(self.focus).filter(|f| f.editable()) else {
            return false;
        };
        let edited = match &field.kind {
            Kind::Choice(choices) => {
                if type_into_word(&mut self.word, key).is_some() {
                    match choice_matching(choices.iter().map(String::as_str), &self.word) {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(form: &mut Form, code: KeyCode) -> Step {
        form.input(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn type_word(form: &mut Form, word: &str) {
        for c in word.chars() {
            press(form, KeyCode::Char(c));
        }
    }

    fn form() -> Form {
        Form::new(
            "t",
            vec![
                Field::fixed("login", "me"),
                Field::choice(
                    "role",
                    vec!["mentor".into(), "mentee".into(), "coordinator".into()],
                    "mentee",
                ),
                Field::text("name", ""),
            ],
        )
    }

    #[test]
    fn the_focus_starts_on_the_first_field_that_can_change_and_skips_fixed_ones() {
        let mut form = form();
        assert_eq!(form.focus, 1);
        form.act(FormKey::Next);
        assert_eq!(form.focus, 2);
        form.act(FormKey::Next);
        assert_eq!(form.focus, 1, "wraps past the fixed login");
        form.show("name", false);
        form.act(FormKey::Previous);
        assert_eq!(form.focus, 1, "a hidden field is skipped");
    }

    #[test]
    fn a_typed_word_on_a_choice_goes_to_the_choice_it_names_or_says_none_does() {
        let methods = ["phone", "in person", "video", "text", "email", "letter", "other"];
        let mut form = Form::new(
            "t",
            vec![Field::choice(
                "Method",
                methods.iter().map(|m| m.to_string()).collect(),
                "phone",
            )],
        );
        type_word(&mut form, "zoom call");
        assert_eq!(form.value("Method"), "phone", "nothing named: the value stays");
        assert_eq!(
            form.notice.as_deref(),
            Some("Method: no choice matches \"zoom call\" (←/→ go through them)")
        );
        press(&mut form, KeyCode::Left);
        assert_eq!(form.value("Method"), "other", "an arrow ends the word and steps");
        type_word(&mut form, "vi");
        assert_eq!(form.value("Method"), "video", "matched as it is typed");
        press(&mut form, KeyCode::Right);
        type_word(&mut form, "perso");
        assert_eq!(
            form.value("Method"),
            "in person",
            "a word inside a label matches too"
        );
        form.act(FormKey::Next);
        type_word(&mut form, "te");
        assert_eq!(
            form.value("Method"),
            "text",
            "a new word once the focus comes back"
        );
    }

    #[test]
    fn a_given_value_is_typed_over_and_ctrl_u_clears_any_field() {
        let mut form = Form::new(
            "t",
            vec![
                Field::text("name", ""),
                Field::date("start date", "2026-12-06").suggested(),
                Field::text("your name", "dana").suggested(),
                Field::text("login", "dana"),
            ],
        );
        form.act(FormKey::Next);
        type_word(&mut form, "2026-08-01");
        assert_eq!(
            form.value("start date"),
            "2026-08-01",
            "typed over, not appended to"
        );
        form.act(FormKey::Next);
        press(&mut form, KeyCode::End);
        type_word(&mut form, " w");
        assert_eq!(
            form.value("your name"),
            "dana w",
            "End keeps the value to type after"
        );
        form.act(FormKey::Clear);
        assert_eq!(form.value("your name"), "");
        form.act(FormKey::Next);
        type_word(&mut form, "x");
        assert_eq!(form.value("login"), "danax", "someone's own value is typed after");
        form.act(FormKey::Previous);
        form.act(FormKey::Previous);
        type_word(&mut form, "1");
        assert_eq!(
            form.value("start date"),
            "2026-08-011",
            "typed once, a value is no suggestion"
        );
        let mut again = Form::new("t", vec![Field::date("day", "2026-12-06").suggested()]);
        press(&mut again, KeyCode::Backspace);
        assert_eq!(again.value("day"), "", "Backspace on a selected value clears it");
        assert!(again.dirty);
    }

    #[test]
    fn enter_moves_on_and_saves_on_the_last_field_and_esc_asks_first() {
        let mut form = form();
        press(&mut form, KeyCode::Char('c'));
        assert_eq!(form.value("role"), "coordinator");
        press(&mut form, KeyCode::Enter);
        type_word(&mut form, "Nia");
        press(&mut form, KeyCode::Backspace);
        assert_eq!(form.value("name"), "Ni");
        assert_eq!(form.value("login"), "me");
        assert_eq!(press(&mut form, KeyCode::Enter), Step::Submit);
        assert_eq!(
            form.act(FormKey::Cancel),
            Step::Continue(true),
            "a changed form asks first"
        );
        assert!(form.confirm_discard);
        assert_eq!(form.act(FormKey::Cancel), Step::Cancel);
        assert_eq!(Form::new("t", vec![]).act(FormKey::Cancel), Step::Cancel);
    }
}
