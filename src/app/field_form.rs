//! A short form of labelled fields, typed into one at a time: the first-run program form, a
//! person's details, a setting's value. A text field takes what is typed; a choice field moves
//! through its choices with ← → or Space, and a letter jumps to the next choice starting with it.

use super::paste::{Pasted, append_line};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub value: String,
    /// Empty for a text field; otherwise the value is one of these.
    pub choices: Vec<String>,
    /// Whether the field is shown but cannot be changed.
    pub fixed: bool,
}

impl Field {
    pub fn text(label: &'static str, value: impl Into<String>) -> Field {
        Field {
            label,
            value: value.into(),
            choices: Vec::new(),
            fixed: false,
        }
    }

    /// A choice field, on `value` (or the first choice when it is not one of them).
    pub fn choice(label: &'static str, choices: Vec<String>, value: &str) -> Field {
        let value = if choices.iter().any(|c| c == value) {
            value.to_string()
        } else {
            choices.first().cloned().unwrap_or_default()
        };
        Field {
            label,
            value,
            choices,
            fixed: false,
        }
    }

    pub fn fixed(label: &'static str, value: impl Into<String>) -> Field {
        Field {
            fixed: true,
            ..Field::text(label, value)
        }
    }

    fn step_choice(&mut self, forward: bool) -> bool {
        let Some(at) = self.choices.iter().position(|c| *c == self.value) else {
            return false;
        };
        let n = self.choices.len();
        let next = if forward { (at + 1) % n } else { (at + n - 1) % n };
        self.value = self.choices[next].clone();
        next != at
    }

    /// The next choice after the present one that starts with `letter`.
    fn jump_to(&mut self, letter: char) -> bool {
        let at = self.choices.iter().position(|c| *c == self.value).unwrap_or(0);
        let n = self.choices.len();
        let starts = |c: &String| {
            c.chars()
                .next()
                .is_some_and(|first| first.eq_ignore_ascii_case(&letter))
        };
        match (1..=n).map(|i| (at + i) % n).find(|&i| starts(&self.choices[i])) {
            Some(i) if i != at => {
                self.value = self.choices[i].clone();
                true
            }
            _ => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldForm {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Why the last try to save failed; the form stays open with what was typed.
    pub error: Option<String>,
    /// A line under the fields: what saving will do, or what a value looks like.
    pub note: Option<String>,
    /// Whether a value was changed since the form opened (or its draft was resumed).
    pub dirty: bool,
    /// Esc was pressed on a changed form: the next Esc discards it.
    pub confirm_discard: bool,
}

/// What a key did to the form.
#[derive(Debug, PartialEq, Eq)]
pub enum FieldStep {
    /// Whether anything visible changed.
    Continue(bool),
    Cancel,
    Submit,
}

impl FieldForm {
    pub fn new(title: impl Into<String>, fields: Vec<Field>) -> FieldForm {
        let focus = fields.iter().position(|f| !f.fixed).unwrap_or(0);
        FieldForm {
            title: title.into(),
            fields,
            focus,
            error: None,
            note: None,
            dirty: false,
            confirm_discard: false,
        }
    }

    pub fn with_note(self, note: impl Into<String>) -> FieldForm {
        FieldForm {
            note: Some(note.into()),
            ..self
        }
    }

    /// The value of the field labelled `label`, trimmed.
    pub fn value(&self, label: &str) -> &str {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .map_or("", |f| f.value.trim())
    }

    /// The value of a text field, `None` when blank.
    pub fn optional(&self, label: &str) -> Option<String> {
        Some(self.value(label).to_string()).filter(|v| !v.is_empty())
    }

    fn last_editable(&self) -> usize {
        self.fields.iter().rposition(|f| !f.fixed).unwrap_or(0)
    }

    /// Moves the focus to the next (or previous) field that can be changed.
    fn move_focus(&mut self, forward: bool) -> bool {
        let n = self.fields.len();
        let mut at = self.focus;
        for _ in 0..n {
            at = if forward { (at + 1) % n } else { (at + n - 1) % n };
            if !self.fields[at].fixed {
                break;
            }
        }
        std::mem::replace(&mut self.focus, at) != at
    }

    /// Text pasted into the focused field, when it is a text field.
    pub fn paste(&mut self, text: &str) -> Pasted {
        self.confirm_discard = false;
        let field = &mut self.fields[self.focus];
        if field.fixed || !field.choices.is_empty() {
            return Pasted::Nowhere;
        }
        self.dirty = true;
        append_line(&mut field.value, text)
    }

    pub fn key(&mut self, key: KeyEvent) -> FieldStep {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let had_error = self.error.take().is_some();
        let asked = std::mem::take(&mut self.confirm_discard);
        if key.code == KeyCode::Esc {
            if self.dirty && !asked {
                self.confirm_discard = true;
                return FieldStep::Continue(true);
            }
            return FieldStep::Cancel;
        }
        let last = self.last_editable();
        let field = &mut self.fields[self.focus];
        let edited = match key.code {
            KeyCode::Char('s') if ctrl => return FieldStep::Submit,
            KeyCode::Enter if self.focus == last => return FieldStep::Submit,
            KeyCode::Enter | KeyCode::Tab | KeyCode::Down => {
                return FieldStep::Continue(self.move_focus(true) || had_error || asked);
            }
            KeyCode::BackTab | KeyCode::Up => {
                return FieldStep::Continue(self.move_focus(false) || had_error || asked);
            }
            _ if field.fixed => false,
            KeyCode::Left if !field.choices.is_empty() => field.step_choice(false),
            KeyCode::Right | KeyCode::Char(' ') if !field.choices.is_empty() => field.step_choice(true),
            KeyCode::Char(c) if !field.choices.is_empty() && !ctrl => field.jump_to(c),
            KeyCode::Char(c) if field.choices.is_empty() && !ctrl && !c.is_control() => {
                field.value.push(c);
                true
            }
            KeyCode::Backspace if field.choices.is_empty() => field.value.pop().is_some(),
            _ => false,
        };
        self.dirty |= edited;
        FieldStep::Continue(edited || had_error || asked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(form: &mut FieldForm, code: KeyCode) -> FieldStep {
        form.key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn form() -> FieldForm {
        FieldForm::new(
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
        press(&mut form, KeyCode::Down);
        assert_eq!(form.focus, 2);
        press(&mut form, KeyCode::Down);
        assert_eq!(form.focus, 1, "wraps past the fixed login");
    }

    #[test]
    fn a_letter_on_a_choice_jumps_and_typing_goes_only_into_text() {
        let mut form = form();
        press(&mut form, KeyCode::Char('c'));
        assert_eq!(form.value("role"), "coordinator");
        press(&mut form, KeyCode::Char('m'));
        assert_eq!(form.value("role"), "mentor");
        press(&mut form, KeyCode::Char('m'));
        assert_eq!(form.value("role"), "mentee", "the next one starting with m");
        press(&mut form, KeyCode::Left);
        assert_eq!(form.value("role"), "mentor");
        press(&mut form, KeyCode::Enter);
        for c in "Nia".chars() {
            press(&mut form, KeyCode::Char(c));
        }
        press(&mut form, KeyCode::Backspace);
        assert_eq!(form.value("name"), "Ni");
        assert_eq!(form.value("login"), "me");
        assert_eq!(
            press(&mut form, KeyCode::Enter),
            FieldStep::Submit,
            "Enter on the last field saves"
        );
        assert_eq!(
            press(&mut form, KeyCode::Esc),
            FieldStep::Continue(true),
            "a changed form asks first"
        );
        assert!(form.confirm_discard);
        assert_eq!(press(&mut form, KeyCode::Esc), FieldStep::Cancel);
        assert_eq!(
            press(&mut FieldForm::new("t", vec![]), KeyCode::Esc),
            FieldStep::Cancel
        );
    }
}
