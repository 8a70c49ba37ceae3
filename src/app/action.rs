//! What a key asks for once the key map has read it. `update` applies an action to the state;
//! the same action follows whichever key is bound to it.

use super::form::FormKey;
use super::screen::{Pane, ProgramView, Screen};
use crate::domain::agenda::Attendance;
use crossterm::event::KeyEvent;

/// A move of the selection in a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    Down,
    Up,
    HalfPageDown,
    HalfPageUp,
    First,
    Last,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    /// Shows the last message of the message line whole.
    LastMessage,
    /// Offers the drafts left unsaved, to resume one.
    Drafts,
    Show(Screen),
    NextScreen,
    PreviousScreen,
    /// Moves the selection of the list in view.
    Move(Motion),
    /// Scrolls a page of text by this many rows; negative is up.
    Scroll(i16),
    EarlierMonth,
    LaterMonth,
    /// Enter: opens what is selected.
    Open,
    /// Takes the figures of the programs again.
    Refresh,
    /// Esc: goes back out of what is open.
    Back,
    LogContact,
    /// WEAC: warn the selected mentor on one of the grounds for removal.
    WarnMentor,
    /// WEAC: ask the selected mentor to leave the program, on a ground.
    RemoveMentor,
    /// Check & Connect: the daily line about the selected student.
    DailyLine,
    Assign,
    EndAssignment,
    /// Extends the selected match past the end of its term.
    ExtendAssignment,
    TypeFilter,
    CycleMethod,
    CycleOutcome,
    /// Opens the picker of whose contacts or calendar to show.
    PickMentor,
    /// Opens the picker of whose changes the audit log shows.
    PickAuditBy,
    /// Opens the picker of the person the audit log's changes are about.
    PickAuditAbout,
    ClearFilters,
    /// Shows the selected contact's notes under the list, or hides them.
    ToggleNotes,
    Edit,
    Delete,
    MarkSubmitted,
    ShiftDays(i8),
    ShiftMonths(i8),
    Today,
    Schedule,
    AttendanceRecord,
    FocusPane(Pane),
    NewForm,
    CyclePerson,
    Letters,
    View(ProgramView),
    Remind,
    Yes,
    No,
    Mark(Attendance),
    /// One more (`true`) or one fewer guest at the selected mentor's invitation.
    Guest(bool),
    Amend,
    Share,
    AddPerson,
    /// Opens the form that adds compensation to the ledger (travel, an adjustment).
    AddLedgerEntry,
    /// Deactivate the selected person, or reactivate them.
    ToggleActive,
    ChangeRole,
    OpenSettings,
    /// Closes the pop-up in view.
    Close,
    /// Clears the terminal and paints the whole screen again (Ctrl-L).
    Repaint,
    /// Syncs a laptop copy with its box: sends what waits, brings back what changed.
    Sync,
    /// A key every form takes (Tab, Ctrl-S, Esc...), for the form in view.
    Form(FormKey),
    /// A key for the form or text field that has the focus.
    Input(KeyEvent),
}
