//! A form's fields: what each holds and how it is typed into.

use ratatui_textarea::TextArea;

/// What a field holds and how it is typed into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// A date typed as YYYY-MM-DD, shown so while blank.
    Date,
    /// A time typed as HH:MM, shown so while blank.
    Time,
    /// One of these (or, on a field made with [`Field::pick`], none yet).
    Choice(Vec<String>),
    /// Boxes to tick, any number of them: ←/→ go from box to box, Space ticks.
    Checks(Vec<String>),
    /// A number from 1 to as many words as there are, typed as its digit or stepped with ←/→.
    Scale(Vec<String>),
    /// Wording for the reader (a pledge, a code of conduct): nothing to fill.
    Words,
    /// Shown, never changed.
    Fixed,
    /// Several lines (a contact's notes), typed in an editor of their own.
    Lines(Box<Editor>),
    /// Someone found by typing part of their name (see [`Search`]).
    Search(Box<Search>),
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

    /// A one-line text typed in place.
    pub(super) fn typed(&self) -> bool {
        matches!(self, Kind::Text | Kind::Date | Kind::Time)
    }

    /// Whether ↑/↓ are the field's own keys (a line of the editor, a match of the search).
    pub fn uses_arrows(&self) -> bool {
        matches!(self, Kind::Lines(_) | Kind::Search(_))
    }
}

/// The editor of a multi-line field. It stays with its field, so its cursor is where it was
/// when the focus comes back.
#[derive(Debug, Clone)]
pub struct Editor {
    pub area: TextArea<'static>,
    /// How many rows it shows.
    pub rows: u16,
}

impl Editor {
    pub(super) fn new(text: &str, rows: u16, hint: &str) -> Editor {
        let mut area = TextArea::new(text.lines().map(str::to_string).collect());
        area.set_placeholder_text(hint);
        Editor { area, rows }
    }

    pub(super) fn text(&self) -> String {
        self.area.lines().join("\n")
    }
}

impl PartialEq for Editor {
    fn eq(&self, other: &Editor) -> bool {
        self.rows == other.rows
            && self.area.lines() == other.area.lines()
            && self.area.cursor() == other.area.cursor()
    }
}

impl Eq for Editor {}

/// One match of a search: what the field will hold, and how it reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub key: String,
    pub label: String,
}

/// A search field: the user types part of a name, the caller reads the matches of the query
/// ([`super::Form::wants_matches`]) and hands them in ([`super::Form::found`]); ↑/↓ move
/// through them, Enter (or leaving the field) picks the one marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    /// The first matches of `matches_for`, as last read.
    pub matches: Vec<Found>,
    pub(super) matches_for: String,
    /// Index into `matches`.
    pub pick: usize,
    pub chosen: Option<Found>,
    /// Where the focus goes once someone is picked (the first field with no default).
    pub(super) then: Option<&'static str>,
}

impl Search {
    /// Picks the marked match, if any; the query is over either way.
    pub(super) fn pick(&mut self) -> bool {
        let picked = self.matches.get(self.pick).cloned();
        let had = picked.is_some();
        if let Some(found) = picked {
            self.chosen = Some(found);
        }
        self.query.clear();
        self.pick = 0;
        had
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// What names the field to the form's owner: its label, unless given (a catalog form's
    /// labels repeat: "Comments").
    pub key: &'static str,
    pub label: &'static str,
    /// What is typed or chosen; a search's chosen key; a multi-line field's whole text.
    pub value: String,
    pub kind: Kind,
    /// Left out of the form as it is now (an event's title, for a meeting).
    pub hidden: bool,
    /// The value is a default the form suggests (today, a usual time), not anyone's data:
    /// it is selected when the focus lands on it, and the first key types over it.
    pub suggested: bool,
    /// What the field shows while blank, when not what its kind shows.
    pub hint: Option<&'static str>,
    /// Marked " *": the form is refused without it.
    pub required: bool,
    /// Shown after the value (when a signature was signed).
    pub after: Option<String>,
}

impl Field {
    fn of(label: &'static str, kind: Kind, value: impl Into<String>) -> Field {
        Field {
            key: label,
            label,
            value: value.into(),
            kind,
            hidden: false,
            suggested: false,
            hint: None,
            required: false,
            after: None,
        }
    }

    /// This field with its value a suggestion (see [`Field::suggested`]).
    pub fn suggested(self) -> Field {
        Field {
            suggested: true,
            ..self
        }
    }

    /// This field showing `hint` while blank.
    pub fn hint(self, hint: &'static str) -> Field {
        Field {
            hint: Some(hint),
            ..self
        }
    }

    /// This field named `key` (see [`Field::key`]).
    pub fn key(self, key: &'static str) -> Field {
        Field { key, ..self }
    }

    /// This field marked as required (see [`Field::required`]).
    pub fn required(self, required: bool) -> Field {
        Field { required, ..self }
    }

    /// This field with `after` shown after its value.
    pub fn after(self, after: Option<String>) -> Field {
        Field { after, ..self }
    }

    /// This field left out of the form (see [`Field::hidden`]).
    pub fn hidden(self, hidden: bool) -> Field {
        Field { hidden, ..self }
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

    /// A choice field on `value`, or on none yet when `value` is not one of them: ←/→ or a
    /// typed word choose.
    pub fn pick(label: &'static str, choices: Vec<String>, value: &str) -> Field {
        let value = if choices.iter().any(|c| c == value) {
            value
        } else {
            ""
        };
        Field::of(label, Kind::Choice(choices), value).hint("choose with ←/→")
    }

    /// Boxes to tick; `value` holds the ticked ones as [`crate::domain::forms::checked`]
    /// reads them.
    pub fn checks(label: &'static str, boxes: Vec<String>, value: &str) -> Field {
        Field::of(label, Kind::Checks(boxes), value)
    }

    /// A scale of `words`, on `value` (its number, from 1).
    pub fn scale(label: &'static str, words: Vec<String>, value: &str) -> Field {
        Field::of(label, Kind::Scale(words), value)
    }

    /// Wording for the reader.
    pub fn words(text: &'static str) -> Field {
        Field::of(text, Kind::Words, "")
    }

    pub fn fixed(label: &'static str, value: impl Into<String>) -> Field {
        Field::of(label, Kind::Fixed, value)
    }

    /// Several lines of text in an editor `rows` high, which shows `hint` while blank.
    pub fn lines(label: &'static str, value: &str, rows: u16, hint: &'static str) -> Field {
        let editor = Editor::new(value, rows, hint);
        Field::of(label, Kind::Lines(Box::new(editor)), value).hint(hint)
    }

    /// Someone to find by name, among `matches` at first; once picked, the focus goes to
    /// the field named `then` (or the next one).
    pub fn search(label: &'static str, matches: Vec<Found>, then: Option<&'static str>) -> Field {
        let search = Search {
            query: String::new(),
            matches,
            matches_for: String::new(),
            pick: 0,
            chosen: None,
            then,
        };
        Field::of(label, Kind::Search(Box::new(search)), "")
    }

    /// What a blank field shows.
    pub fn empty_hint(&self) -> &'static str {
        self.hint.unwrap_or_else(|| self.kind.empty_hint())
    }

    /// The search of a search field.
    pub fn search_state(&self) -> Option<&Search> {
        match &self.kind {
            Kind::Search(search) => Some(search),
            _ => None,
        }
    }

    pub(super) fn editable(&self) -> bool {
        !self.hidden && !matches!(self.kind, Kind::Fixed | Kind::Words)
    }

    /// Puts `value` in the field, its editor or search following.
    pub(super) fn put(&mut self, value: String) {
        let hint = self.hint.unwrap_or_default();
        match &mut self.kind {
            Kind::Lines(editor) => **editor = Editor::new(&value, editor.rows, hint),
            Kind::Search(search) if search.chosen.as_ref().is_none_or(|c| c.key != value) => {
                search.chosen = None;
            }
            _ => {}
        }
        self.value = value;
        self.suggested = false;
    }

    pub(super) fn step_choice(&mut self, forward: bool) -> bool {
        let Kind::Choice(choices) = &self.kind else {
            return false;
        };
        let n = choices.len();
        let next = match choices.iter().position(|c| *c == self.value) {
            Some(at) if forward => (at + 1) % n,
            Some(at) => (at + n - 1) % n,
            // None chosen yet: the first, or going back the last.
            None if n == 0 => return false,
            None if forward => 0,
            None => n - 1,
        };
        let changed = self.value != choices[next];
        self.value = choices[next].clone();
        changed
    }

    /// ←/→ or a digit on a scale.
    pub(super) fn step_scale(&mut self, code: crossterm::event::KeyCode) -> bool {
        use crossterm::event::KeyCode;
        let Kind::Scale(words) = &self.kind else {
            return false;
        };
        let n = words.len();
        // A hand-edited draft may hold any number, or none.
        let at = self.value.parse::<usize>().ok().filter(|v| (1..=n).contains(v));
        let next = match code {
            KeyCode::Right | KeyCode::Char(' ') => Some(at.map_or(1, |v| v % n + 1)),
            KeyCode::Char(c) => c.to_digit(10).map(|d| d as usize).filter(|d| (1..=n).contains(d)),
            KeyCode::Left => Some(at.map_or(n, |v| (v + n - 2) % n + 1)),
            _ => None,
        };
        let Some(next) = next else {
            return false;
        };
        let changed = at != Some(next);
        self.value = next.to_string();
        changed
    }
}
