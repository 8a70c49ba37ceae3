//! What the Calendar screen holds: the state its `update` changes and `ui` draws, apart from the update and the
//! loads so that the app's state can hold it without depending on them.

use crate::app::list::ListCursor;
use crate::domain::YearMonth;
use crate::domain::agenda::Attendance;
use crate::domain::agenda::{Occurrence, Source};
use crate::domain::records::Person;
use chrono::NaiveDate;

pub const UPCOMING_DAYS: u64 = 14;

pub struct CalendarState {
    pub selected: NaiveDate,
    /// The month on screen, loaded when it changes.
    pub month: YearMonth,
    pub items: Vec<Occurrence>,
    pub upcoming: Vec<Occurrence>,
    /// Within the selected day's occurrences.
    pub cursor: ListCursor,
    /// A coordinator's mentor filter.
    pub mentor: Option<Person>,
}

/// An occurrence opened with Enter; check-ins and trainings carry attendance.
pub struct EventView {
    pub occurrence: Occurrence,
    /// Each mentor, their mark, and the guests who came at their invitation.
    pub attendance: Vec<(Person, Option<Attendance>, u32)>,
    pub cursor: usize,
}

impl CalendarState {
    pub fn new(today: NaiveDate) -> Self {
        CalendarState {
            selected: today,
            month: YearMonth::of(today),
            items: Vec::new(),
            upcoming: Vec::new(),
            cursor: ListCursor::default(),
            mentor: None,
        }
    }

    pub fn day_items(&self) -> Vec<&Occurrence> {
        self.items.iter().filter(|o| o.date == self.selected).collect()
    }

    /// The occurrence under the cursor on the selected day.
    pub fn selected_item(&self) -> Option<Occurrence> {
        self.day_items().get(self.cursor.selected).map(|o| (*o).clone())
    }
}

/// What identifies an occurrence of the day across a reload: where it comes from, its start
/// and its title (a series' occurrences on one day differ by start).
pub(super) fn occurrence_key(o: &Occurrence) -> (Source, Option<chrono::NaiveTime>, String) {
    (o.source.clone(), o.start, o.title.clone())
}
