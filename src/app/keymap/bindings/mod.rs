//! The key map's rows: every binding of every screen and pop-up, written in blocks in the files
//! here and joined into the one table, in order.

mod global;
mod popups;
mod program;
mod screens;

use super::*;

/// The blocks in the table's order: the help and the hints read the table in order.
const BLOCKS: &[&[Binding]] = &[
    screens::LISTS,
    screens::CASELOAD,
    screens::FILTERS,
    screens::CONTACTS,
    screens::CALENDAR,
    screens::FORMS,
    program::PROGRAM,
    program::PEOPLE,
    popups::POPUPS,
    program::PROGRAMS,
    popups::FORM,
    popups::FORM_FIELDS,
    global::GLOBAL,
];

const fn total(blocks: &[&[Binding]]) -> usize {
    let mut count = 0;
    let mut i = 0;
    while i < blocks.len() {
        count += blocks[i].len();
        i += 1;
    }
    count
}

/// The blocks one after the other, joined at compile time.
const fn joined<const N: usize>(blocks: &[&[Binding]]) -> [Binding; N] {
    let mut table = [unlisted(&[], &[]); N];
    let mut at = 0;
    let mut i = 0;
    while i < blocks.len() {
        let mut j = 0;
        while j < blocks[i].len() {
            table[at] = blocks[i][j];
            at += 1;
            j += 1;
        }
        i += 1;
    }
    table
}

/// The key map. Within a screen, rows are in the order the help lists them; a screen's
/// coordinator rows come last.
pub static BINDINGS: &[Binding] = &joined::<{ total(BLOCKS) }>(BLOCKS);
