//! The keys of every screen, and of everywhere.

use super::super::*;

/// Everywhere.
pub(super) const GLOBAL: &[Binding] = &[
    bind(
        &[C::Global],
        &[
            (ch('1'), A::Show(Screen::Caseload)),
            (ch('2'), A::Show(Screen::Contacts)),
            (ch('3'), A::Show(Screen::Calendar)),
            (ch('4'), A::Show(Screen::Forms)),
            (ch('5'), A::Show(Screen::Program)),
            (any(Tab), A::NextScreen),
            (any(BackTab), A::PreviousScreen),
        ],
        "1-5 Tab S-Tab",
        "switch screen",
    ),
    // Listed only for those who have the People screen (see `help`).
    bind(
        &[C::Global],
        &[(ch('6'), A::Show(Screen::People))],
        "6",
        "people and the program's settings",
    ),
    bind(
        &[C::Global],
        &[(ch('0'), A::Show(Screen::Programs))],
        "0",
        "your programs (config file) and their figures",
    ),
    bind(&[C::Global], &[(ch('?'), A::Help)], "?", "this help"),
    bind(
        &[C::Global],
        &[(ch('D'), A::Drafts)],
        "D",
        "the drafts left unsaved: resume one",
    ),
    bind(
        &[C::Global],
        &[(ch('!'), A::LastMessage)],
        "!",
        "the last message, whole",
    ),
    bind(&[C::Global], &[(ch('q'), A::Quit)], "q Ctrl-C", "quit"),
    bind(
        &[C::Global],
        &[(ch('U'), A::Sync)],
        "U",
        "sync a laptop copy with its box",
    ),
    unlisted(&[C::Always], &[(ctrl('c'), A::Quit)]),
    bind(
        &[C::Always],
        &[(ctrl('l'), A::Repaint)],
        "Ctrl-L",
        "clear and repaint the whole screen",
    ),
];
