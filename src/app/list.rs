//! A selection in a list that scrolls one row at a time, just enough to keep the selection in
//! view: the frame writer then shifts the rows with the terminal's own scrolling and sends only
//! the row that came in.

use super::action::Motion;
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
