//! What the Contacts screen holds: the state its `update` changes and `ui` draws, apart from the update and the
//! loads so that the app's state can hold it without depending on them.

use crate::app::list::ListCursor;
use crate::domain::records::{ContactFilter, ContactRow};

#[derive(Default)]
pub struct ContactsState {
    pub filter: ContactFilter,
    pub rows: Vec<ContactRow>,
    pub cursor: ListCursor,
    /// All matching rows are loaded.
    pub complete: bool,
    /// `/` was pressed: keys go to the text filter.
    pub typing_filter: bool,
    /// The selected contact's notes are shown under the list, following the selection. Off by
    /// default: a pane that changes on every row costs most of what a move down the list sends.
    pub notes: bool,
}
