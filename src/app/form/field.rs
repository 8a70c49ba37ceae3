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
    /// One of these.
    Choice(Vec<String>),
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
    pub(super) fn new(text: &str, rows: u16, placeholder: &str) -> Editor {
        let mut area = TextArea::new(text.lines().map(str::to_string).collect());
        area.set_placeholder_text(placeholder);
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
}

impl Field {
    fn of(label: &'static str, kind: Kind, value: impl Into<String>) -> Field {
        Field {
            label,
            value: value.into(),
            kind,
            hidden: false,
            suggested: false,
            hint: None,
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

    pub fn fixed(label: &'static str, value: impl Into<String>) -> Field {
        Field::of(label, Kind::Fixed, value)
    }

    /// Several lines of text in an editor `rows` high, which shows `placeholder` while blank.
    pub fn lines(label: &'static str, value: &str, rows: u16, placeholder: &'static str) -> Field {
        let editor = Editor::new(value, rows, placeholder);
        Field::of(label, Kind::Lines(Box::new(editor)), value).hint(placeholder)
    }

    /// Someone to find by name, among `matches` at first; once picked, the focus goes to
    /// the field labelled `then` (or the next one).
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
        !self.hidden && self.kind != Kind::Fixed
    }

    /// Puts `value` in the field, its editor or search following.
    pub(super) fn put(&mut self, value: String) {
        match &mut self.kind {
            Kind::Lines(editor) => {
                let placeholder = editor.area.placeholder_text().to_string();
                **editor = Editor::new(&value, editor.rows, &placeholder);
            }
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
        let Some(at) = choices.iter().position(|c| *c == self.value) else {
            return false;
        };
        let n = choices.len();
        let next = if forward { (at + 1) % n } else { (at + n - 1) % n };
        self.value = choices[next].clone();
        next != at
    }
}
