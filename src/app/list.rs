//! A selection in a list that scrolls one row at a time, just enough to keep the selection in
//! view: the frame writer then shifts the rows with the terminal's own scrolling and sends only
//! the row that came in.

use super::action::{Action, Motion};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::cell::Cell;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ListCursor {
    pub selected: usize,
    /// The first visible row; updated while rendering, when the viewport height is known.
    offset: Cell<usize>,
    /// The viewport height seen by the last render.
    height: Cell<usize>,
}

impl ListCursor {
    /// A cursor on row `selected`, for a list that keeps its selection as a bare index.
    pub fn at(selected: usize) -> ListCursor {
        ListCursor {
            selected,
            ..ListCursor::default()
        }
    }

    pub fn down(&mut self, len: usize, by: usize) -> bool {
        let next = (self.selected + by).min(len.saturating_sub(1));
        std::mem::replace(&mut self.selected, next) != next
    }

    pub fn up(&mut self, by: usize) -> bool {
        let next = self.selected.saturating_sub(by);
        std::mem::replace(&mut self.selected, next) != next
    }

    pub fn home(&mut self) -> bool {
        std::mem::replace(&mut self.selected, 0) != 0
    }

    pub fn end(&mut self, len: usize) -> bool {
        self.down(len, len)
    }

    pub fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    /// After the list was read again, as `after` (the keys of its rows): the selection stays on
    /// the record `before` (its key and name) wherever it now stands, not on the row number,
    /// so that the next key acts on the record the user chose. When that record is gone, the
    /// row now at its place (or the last) is selected and its name is returned, to say why.
    pub fn follow<K: PartialEq>(&mut self, before: Option<(K, String)>, after: &[K]) -> Option<String> {
        let Some((key, name)) = before else {
            self.clamp(after.len());
            return None;
        };
        match after.iter().position(|k| *k == key) {
            Some(at) => {
                self.selected = at;
                None
            }
            None => {
                self.clamp(after.len());
                Some(name)
            }
        }
    }

    /// The first row to show in a viewport of `height` rows: unchanged while the selection
    /// stays visible, otherwise moved just enough to bring it to the nearest edge.
    pub fn offset_for(&self, height: usize, len: usize) -> usize {
        let height = height.max(1);
        self.height.set(height);
        let mut offset = self.offset.get().min(len.saturating_sub(1));
        if self.selected < offset {
            offset = self.selected;
        } else if self.selected >= offset + height {
            offset = self.selected + 1 - height;
        }
        offset = offset.min(len.saturating_sub(height));
        self.offset.set(offset);
        offset
    }

    /// Moves the selection in a list of `len` rows; returns whether it moved.
    pub fn apply(&mut self, motion: Motion, len: usize) -> bool {
        let half = self.half_page();
        match motion {
            Motion::Down => self.down(len, 1),
            Motion::Up => self.up(1),
            Motion::HalfPageDown => self.down(len, half),
            Motion::HalfPageUp => self.up(half),
            Motion::First => self.home(),
            Motion::Last => self.end(len),
        }
    }

    /// Half of the last viewport, for PageUp/PageDown.
    pub fn half_page(&self) -> usize {
        match self.height.get() {
            0 => 8,
            h => (h / 2).max(1),
        }
    }
}

/// Whether `label` holds every word of `query`, whatever the case: how every picker filters.
pub fn matches_query(query: &str, label: &str) -> bool {
    let label = label.to_lowercase();
    query
        .to_lowercase()
        .split_whitespace()
        .all(|word| label.contains(word))
}

/// A list that filters as you type, with a selection among the rows that match: the one
/// picker every pop-up list uses (whom to assign, which letter and for whom, which mentor).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Picker {
    pub query: String,
    /// The selection among the matching rows.
    pub cursor: ListCursor,
}

impl Picker {
    /// The indices of the labels that match the query, in their order.
    pub fn matching<'a>(&self, labels: impl IntoIterator<Item = &'a str>) -> Vec<usize> {
        labels
            .into_iter()
            .enumerate()
            .filter(|(_, label)| matches_query(&self.query, label))
            .map(|(i, _)| i)
            .collect()
    }

    /// A key typed into the query: a character, Backspace, or Ctrl-U to clear. A changed query
    /// puts the selection back on the first match. Returns whether the key was taken.
    /// Text pasted into what is typed, on one line.
    pub fn paste(&mut self, text: &str) -> super::paste::Pasted {
        let pasted = super::paste::append_line(&mut self.query, text);
        self.cursor.home();
        pasted
    }

    pub fn type_key(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let changed = match key.code {
            KeyCode::Char('u') if ctrl => !std::mem::take(&mut self.query).is_empty(),
            KeyCode::Char(c) if !ctrl && !c.is_control() => {
                self.query.push(c);
                true
            }
            KeyCode::Backspace => self.query.pop().is_some(),
            _ => return false,
        };
        if changed {
            self.cursor.home();
        }
        true
    }
}

/// A screen's list that filters as you type: `/` starts typing into the filter, Enter keeps
/// it, Esc clears it, and the list's moves go among the rows it matches. Every long list of a
/// screen (people, mentors, overdue paperwork, unmatched mentees, filed forms) filters so.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ListFilter {
    /// What was typed, and the selection among the rows it matches.
    pub picker: Picker,
    /// `/` was pressed: typed keys go to the filter.
    pub typing: bool,
}

/// What the filter did with an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filtered {
    /// Not the filter's: the screen's own key.
    NotMine,
    /// Taken; whether anything visible changed, and whether the query did (the rows shown
    /// are then others).
    Taken { changed: bool, query_changed: bool },
}

impl ListFilter {
    pub fn query(&self) -> &str {
        &self.picker.query
    }

    pub fn cursor(&self) -> &ListCursor {
        &self.picker.cursor
    }

    /// The indices of the rows whose label the query matches, in their order.
    pub fn matching<T>(&self, rows: &[T], label: impl Fn(&T) -> String) -> Vec<usize> {
        let labels: Vec<String> = rows.iter().map(label).collect();
        self.picker.matching(labels.iter().map(String::as_str))
    }

    /// The index of the selected row among `rows`, when a row matches.
    pub fn selected<T>(&self, rows: &[T], label: impl Fn(&T) -> String) -> Option<usize> {
        self.matching(rows, label)
            .get(self.picker.cursor.selected)
            .copied()
    }

    /// Applies `action` when it is the filter's: `/` (typing), a key typed into the filter,
    /// clearing a query, or a move among the `shown` matching rows.
    pub fn update(&mut self, action: Action, shown: usize) -> Filtered {
        let before = self.picker.query.clone();
        let changed = match action {
            Action::TypeFilter => !std::mem::replace(&mut self.typing, true),
            Action::Input(key) if self.typing => match key.code {
                KeyCode::Enter => std::mem::take(&mut self.typing),
                KeyCode::Esc => {
                    self.typing = false;
                    self.clear();
                    true
                }
                _ => self.picker.type_key(key),
            },
            // With no query, clearing is the screen's (the audit log's other filters).
            Action::ClearFilters if !self.picker.query.is_empty() => self.clear(),
            Action::Move(motion) => self.picker.cursor.apply(motion, shown),
            _ => return Filtered::NotMine,
        };
        Filtered::Taken {
            changed,
            query_changed: self.picker.query != before,
        }
    }

    /// Empties the query and puts the selection on the first row; whether there was a query.
    pub fn clear(&mut self) -> bool {
        self.picker.cursor.home();
        !std::mem::take(&mut self.picker.query).is_empty()
    }

    /// The key and name of the selected row among `rows`, to follow it through a reload.
    pub fn selected_record<T, K>(
        &self,
        rows: &[T],
        label: impl Fn(&T) -> String,
        record: impl Fn(&T) -> (K, String),
    ) -> Option<(K, String)> {
        self.selected(rows, label).map(|i| record(&rows[i]))
    }

    /// Keeps the selection on the record `before` after the list was read again as `rows`
    /// (see `ListCursor::follow`); the name of the record when it is gone.
    pub fn follow<T, K: PartialEq>(
        &mut self,
        before: Option<(K, String)>,
        rows: &[T],
        label: impl Fn(&T) -> String,
        key: impl Fn(&T) -> K,
    ) -> Option<String> {
        let shown: Vec<K> = self
            .matching(rows, label)
            .into_iter()
            .map(|i| key(&rows[i]))
            .collect();
        self.picker.cursor.follow(before, &shown)
    }

    /// Keeps the selection on a row after the list was read again with `shown` matches.
    pub fn clamp(&mut self, shown: usize) {
        self.picker.cursor.clamp(shown);
    }

    /// Keeps the selection on the record `before` among the rows now shown, by their keys
    /// (see `ListCursor::follow`), for a list whose rows are not all of one kind.
    pub fn follow_keys<K: PartialEq>(&mut self, before: Option<(K, String)>, shown: &[K]) -> Option<String> {
        self.picker.cursor.follow(before, shown)
    }

    /// Selects row `index` of `shown` matches (a list read in pages finds its record itself).
    pub fn select(&mut self, index: usize, shown: usize) {
        self.picker.cursor.selected = index;
        self.picker.cursor.clamp(shown);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picker_keeps_the_rows_holding_every_typed_word() {
        let labels = [
            "Amy Anderson  Drummond EA",
            "Brett Halvorsen  Turtle Lake EA",
            "Cody Olson  Mercer EA",
        ];
        let mut picker = Picker::default();
        assert_eq!(picker.matching(labels), vec![0, 1, 2]);
        picker.cursor.selected = 2;
        for c in "ea turtle".chars() {
            picker.type_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        assert_eq!(picker.matching(labels), vec![1]);
        assert_eq!(picker.cursor.selected, 0, "a new query starts on its first match");
        picker.type_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(picker.query, "");
        assert!(!picker.type_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    }

    #[test]
    fn a_list_filter_types_after_slash_keeps_on_enter_and_clears_on_esc() {
        let key = |code| Action::Input(KeyEvent::new(code, KeyModifiers::NONE));
        let rows = ["Amy Anderson", "Brett Halvorsen", "Cody Olson"];
        let label = |r: &&str| r.to_string();
        let mut filter = ListFilter::default();
        assert_eq!(filter.update(key(KeyCode::Char('o')), 3), Filtered::NotMine);
        filter.update(Action::Move(Motion::Last), 3);
        assert_eq!(filter.selected(&rows, label), Some(2));
        filter.update(Action::TypeFilter, 3);
        for c in "ol".chars() {
            filter.update(key(KeyCode::Char(c)), 3);
        }
        assert_eq!(filter.matching(&rows, label), vec![2]);
        assert_eq!(filter.selected(&rows, label), Some(2));
        assert_eq!(
            filter.update(key(KeyCode::Enter), 1),
            Filtered::Taken {
                changed: true,
                query_changed: false
            }
        );
        assert!(!filter.typing);
        assert_eq!(filter.update(key(KeyCode::Char('x')), 1), Filtered::NotMine);
        assert_eq!(filter.query(), "ol", "a kept filter stays");
        filter.update(Action::TypeFilter, 1);
        filter.update(key(KeyCode::Esc), 1);
        assert_eq!((filter.query(), filter.typing), ("", false));
        assert_eq!(filter.matching(&rows, label), vec![0, 1, 2]);
        assert_eq!(filter.update(Action::ClearFilters, 3), Filtered::NotMine);
    }

    #[test]
    fn scrolls_one_row_at_a_time_keeping_the_selection_in_view() {
        let mut cursor = ListCursor::default();
        let (height, len) = (10, 100);
        let mut offsets = Vec::new();
        for _ in 0..30 {
            cursor.down(len, 1);
            offsets.push(cursor.offset_for(height, len));
        }
        assert_eq!(
            &offsets[..9],
            &[0; 9],
            "no scroll while the selection is on the page"
        );
        assert!(offsets.windows(2).all(|w| w[1] - w[0] <= 1), "{offsets:?}");
        assert!(
            offsets
                .iter()
                .zip(1..)
                .all(|(&o, sel)| sel >= o && sel < o + height)
        );
        for _ in 0..30 {
            cursor.up(1);
            let before = offsets.last().copied().unwrap();
            let offset = cursor.offset_for(height, len);
            assert!(before - offset <= 1 && cursor.selected >= offset);
            offsets.push(offset);
        }
        assert_eq!(cursor.selected, 0);
        assert_eq!(offsets.last(), Some(&0));
    }

    #[test]
    fn stays_in_bounds() {
        let mut cursor = ListCursor::default();
        assert!(!cursor.up(1));
        assert!(cursor.down(3, 10));
        assert_eq!(cursor.selected, 2);
        assert_eq!(cursor.offset_for(10, 3), 0);
        cursor.clamp(0);
        assert_eq!(cursor.selected, 0);
    }
}
