//! What the People screen holds: the state its `update` changes and `ui` draws, apart from the update and the
//! loads so that the app's state can hold it without depending on them.

use crate::app::list::ListFilter;
use crate::domain::records::{Person, PersonEntry};

#[derive(Default)]
pub struct PeopleState {
    /// Everyone, in id order, as the filter looks through them.
    pub index: Vec<PersonEntry>,
    /// The keys of the people the filter matches, in id order: the list shown.
    pub shown: Vec<i64>,
    /// The whole records of the shown people around the selection, from `first` on.
    pub rows: Vec<Person>,
    pub first: usize,
    /// The filter typed after `/`, and the selection among the people it matches.
    pub filter: ListFilter,
}

impl PeopleState {
    /// Row `i` of the shown list, when its record is read.
    pub fn row(&self, i: usize) -> Option<&Person> {
        let key = *self.shown.get(i)?;
        self.rows.iter().find(|p| p.key == key)
    }

    pub fn selected(&self) -> Option<&Person> {
        self.row(self.filter.cursor().selected)
    }

    /// The key and name of the selected person, to follow them through a reload.
    pub(super) fn selected_entry(&self) -> Option<(i64, String)> {
        let key = *self.shown.get(self.filter.cursor().selected)?;
        let entry = self.index.iter().find(|e| e.key == key)?;
        Some((key, entry.name.clone()))
    }

    /// The shown list again, after the index or the query changed.
    pub(super) fn refilter(&mut self) {
        self.shown = self
            .filter
            .matching(&self.index, filter_label)
            .into_iter()
            .map(|i| self.index[i].key)
            .collect();
    }
}

/// What the filter looks through in a person's row.
pub(super) fn filter_label(person: &PersonEntry) -> String {
    format!(
        "{} {} {} {}",
        person.name,
        person.id,
        person.login.as_deref().unwrap_or(""),
        person.role.as_str()
    )
}
