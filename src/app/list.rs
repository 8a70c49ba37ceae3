//! A selection in a list that scrolls by half a page, so that walking a long list redraws
//! the screen rarely instead of shifting every row on every key.

use super::action::Motion;
use std::cell::Cell;

#[derive(Debug, Default, Clone)]
pub struct ListCursor {
    pub selected: usize,
    /// The first visible row; updated while rendering, when the viewport height is known.
    offset: Cell<usize>,
    /// The viewport height seen by the last render.
    height: Cell<usize>,
}

impl ListCursor {
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
    /// stays visible, otherwise moved so the selection lands mid-page.
    pub fn offset_for(&self, height: usize, len: usize) -> usize {
        let height = height.max(1);
        self.height.set(height);
        let mut offset = self.offset.get().min(len.saturating_sub(1));
        if self.selected < offset {
            offset = self.selected.saturating_sub(height / 2);
        } else if self.selected >= offset + height {
            offset = (self.selected + 1 + height / 2).saturating_sub(height);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolls_by_half_a_page_not_a_row() {
        let mut cursor = ListCursor::default();
        let (height, len) = (10, 100);
        let mut offsets = Vec::new();
        for _ in 0..30 {
            cursor.down(len, 1);
            offsets.push(cursor.offset_for(height, len));
        }
        let moves = offsets.windows(2).filter(|w| w[0] != w[1]).count();
        assert!(moves <= 6, "offset moved {moves} times in 30 rows: {offsets:?}");
        assert!(
            offsets
                .iter()
                .zip(1..)
                .all(|(&o, sel)| sel >= o && sel < o + height)
        );
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
