//! The keys of the lists and of each screen: the caseload, contacts, calendar and forms.

use super::super::*;

/// The selection in every list.
pub(super) const LISTS: &[Binding] = &[
    bind(
        &[C::List],
        &[
            (plain(Down), A::Move(Motion::Down)),
            (plain(KeyCode::Char('j')), A::Move(Motion::Down)),
            (plain(Up), A::Move(Motion::Up)),
            (plain(KeyCode::Char('k')), A::Move(Motion::Up)),
        ],
        "j k ↑ ↓",
        "move",
    ),
    bind(
        &[C::List],
        &[
            (any(PageDown), A::Move(Motion::HalfPageDown)),
            (any(PageUp), A::Move(Motion::HalfPageUp)),
            (ctrl('d'), A::Move(Motion::HalfPageDown)),
            (ctrl('u'), A::Move(Motion::HalfPageUp)),
        ],
        "PgDn PgUp ^D ^U",
        "half a page",
    ),
    bind(
        &[C::List],
        &[
            (ch('g'), A::Move(Motion::First)),
            (ch('G'), A::Move(Motion::Last)),
            (any(Home), A::Move(Motion::First)),
            (any(End), A::Move(Motion::Last)),
        ],
        "g G Home End",
        "first / last",
    ),
];

/// The caseload.
pub(super) const CASELOAD: &[Binding] = &[
    bind(
        &[C::Pairs],
        &[(any(Enter), A::Open)],
        "Enter",
        "open the person (profile, history, contacts)",
    )
    .hints(&[hint(Block::Pairs, 0, "Enter opens")]),
    bind(
        &[C::Pairs],
        &[(ch('a'), A::LogContact)],
        "a",
        "log a contact with the selected person",
    )
    .hints(&[hint(Block::Pairs, 1, "a log a contact").for_mentors()]),
    bind(
        &[C::MentorPicker, C::Pairs],
        &[(ch('['), A::EarlierMonth), (ch(']'), A::LaterMonth)],
        "[ ]",
        "earlier / later month",
    ),
    unlisted(
        &[C::Person],
        &[
            (any(Down), A::Scroll(1)),
            (ch('j'), A::Scroll(1)),
            (any(Up), A::Scroll(-1)),
            (ch('k'), A::Scroll(-1)),
            (any(PageDown), A::Scroll(10)),
            (ch(' '), A::Scroll(10)),
            (any(PageUp), A::Scroll(-10)),
        ],
    )
    .hints(&[hint(Block::Person, 0, "j/k scroll")]),
    unlisted(&[C::Person], &[(ch('a'), A::LogContact)]).hints(&[hint(Block::Person, 1, "a log a contact")]),
    bind(
        &[C::Pairs, C::Person],
        &[(ch('d'), A::DailyLine)],
        "d",
        "daily line about the student (Check & Connect)",
    ),
    bind(
        &[C::Person],
        &[(any(Esc), A::Back), (any(Backspace), A::Back)],
        "Esc",
        "back",
    )
    .hints(&[hint(Block::Person, 2, "Esc back")]),
    unlisted(&[C::Pairs], &[(any(Esc), A::Back)])
        .coordinator()
        .hints(&[hint(Block::Pairs, 2, "Esc mentors")]),
    unlisted(&[C::MentorPicker], &[(any(Enter), A::Open)]).hints(&[hint(
        Block::MentorPicker,
        0,
        "Enter opens",
    )]),
    bind(
        &[C::Pairs],
        &[(ch('n'), A::Assign)],
        "n",
        "assign a new person to this mentor",
    )
    .coordinator()
    .hints(&[hint(Block::Pairs, 3, "n assign")]),
    bind(
        &[C::Pairs],
        &[(ch('u'), A::EndAssignment)],
        "u",
        "end the selected assignment",
    )
    .coordinator()
    .hints(&[hint(Block::Pairs, 4, "u end")]),
    bind(
        &[C::Pairs],
        &[(ch('x'), A::ExtendAssignment)],
        "x",
        "extend the selected match past its term",
    )
    .coordinator(),
];

/// The long lists that filter as you type (only coordinators pick a mentor).
pub(super) const FILTERS: &[Binding] = &[
    bind(
        &[C::MentorPicker],
        &[(ch('/'), A::TypeFilter)],
        "/",
        "filter as you type (Enter keeps, Esc clears)",
    )
    .coordinator(),
    bind(
        &[C::Mentors, C::Overdue, C::Matching, C::Ledger, C::Audit, C::Filed],
        &[(ch('/'), A::TypeFilter)],
        "/",
        "filter as you type (Enter keeps, Esc clears)",
    )
    .hints(&[
        hint(Block::MentorsFilter, 0, "/ filters by name or id"),
        hint(Block::OverdueFilter, 0, "/ filters by mentor"),
        hint(
            Block::MatchingFilter,
            0,
            "/ filters by name, family, place, goals",
        ),
        hint(Block::FiledFilter, 0, "/ filters by date, who, about whom"),
        hint(Block::LedgerFilter, 0, "/ filters by mentor, date, kind, note"),
        hint(Block::AuditText, 0, "/ filters by when, who, what"),
    ]),
    unlisted(
        &[
            C::MentorPicker,
            C::Mentors,
            C::Overdue,
            C::Matching,
            C::Ledger,
            C::Audit,
            C::Filed,
        ],
        &[(any(Esc), A::ClearFilters)],
    ),
];

/// The contact log.
pub(super) const CONTACTS: &[Binding] = &[
    bind(
        &[C::Contacts],
        &[(ch('/'), A::TypeFilter)],
        "/",
        "filter by text (Enter keeps, Esc clears)",
    )
    .hints(&[
        hint(Block::Contacts, 4, "/ filter"),
        hint(Block::ContactFilters, 0, "/ text"),
    ]),
    bind(
        &[C::Contacts],
        &[(ch('['), A::EarlierMonth), (ch(']'), A::LaterMonth)],
        "[ ]",
        "filter by month, earlier / later",
    )
    .hints(&[hint(Block::ContactFilters, 1, "[ ] month")]),
    bind(
        &[C::Contacts],
        &[(ch('f'), A::CycleMethod)],
        "f",
        "cycle method filter",
    )
    .hints(&[hint(Block::ContactFilters, 2, "f method")]),
    bind(
        &[C::Contacts],
        &[(ch('o'), A::CycleOutcome)],
        "o",
        "cycle outcome filter",
    )
    .hints(&[hint(Block::ContactFilters, 3, "o outcome")]),
    bind(
        &[C::Contacts],
        &[(ch('c'), A::ClearFilters)],
        "c",
        "clear filters",
    ),
    bind(&[C::Contacts], &[(ch('a'), A::LogContact)], "a", "add a contact").hints(&[hint(
        Block::Contacts,
        0,
        "a add",
    )]),
    bind(
        &[C::Contacts],
        &[(ch('e'), A::Edit)],
        "e",
        "edit the selected contact",
    )
    .hints(&[hint(Block::Contacts, 1, "e edit")]),
    bind(
        &[C::Contacts],
        &[(ch('x'), A::Delete)],
        "x",
        "delete the selected contact",
    )
    .hints(&[hint(Block::Contacts, 2, "x delete")]),
    bind(
        &[C::Contacts],
        &[(ch('s'), A::MarkSubmitted)],
        "s",
        "mark its report submitted",
    )
    .hints(&[hint(Block::Contacts, 3, "s submitted")]),
    bind(
        &[C::Contacts],
        &[(any(Enter), A::ToggleNotes), (any(Esc), A::Back)],
        "Enter Esc",
        "show the selected contact's notes / hide them",
    )
    .hints(&[
        hint(Block::Contacts, 5, "Enter notes"),
        hint(Block::ContactNotes, 0, "Enter or Esc hides"),
    ]),
    bind(
        &[C::Contacts],
        &[(ch('p'), A::PickMentor)],
        "p",
        "pick whose to show: one mentor or everyone",
    )
    .coordinator(),
];

/// The calendar.
pub(super) const CALENDAR: &[Binding] = &[
    bind(
        &[C::Calendar],
        &[
            (any(Left), A::ShiftDays(-1)),
            (ch('h'), A::ShiftDays(-1)),
            (any(Right), A::ShiftDays(1)),
            (ch('l'), A::ShiftDays(1)),
            (any(Up), A::ShiftDays(-7)),
            (any(Down), A::ShiftDays(7)),
        ],
        "← → ↑ ↓",
        "day, week",
    )
    .hints(&[hint(Block::Day, 0, "←→↑↓ day")]),
    bind(
        &[C::Calendar],
        &[
            (any(PageUp), A::ShiftMonths(-1)),
            (ch('['), A::ShiftMonths(-1)),
            (any(PageDown), A::ShiftMonths(1)),
            (ch(']'), A::ShiftMonths(1)),
        ],
        "PgUp PgDn [ ]",
        "month",
    ),
    bind(&[C::Calendar], &[(ch('t'), A::Today)], "t", "today").hints(&[hint(Block::Upcoming, 0, "t today")]),
    bind(
        &[C::Calendar],
        &[
            (plain(KeyCode::Char('j')), A::Move(Motion::Down)),
            (plain(KeyCode::Char('k')), A::Move(Motion::Up)),
        ],
        "j k",
        "the day's events",
    ),
    bind(
        &[C::Calendar],
        &[(any(Enter), A::Open)],
        "Enter",
        "open the event (attendance at check-ins)",
    )
    .hints(&[hint(Block::Day, 2, "Enter open")]),
    bind(
        &[C::Calendar],
        &[(ch('n'), A::Schedule)],
        "n",
        "schedule a meeting",
    )
    .hints(&[hint(Block::Day, 1, "n meeting")]),
    bind(
        &[C::Calendar],
        &[(ch('e'), A::Edit)],
        "e",
        "edit a meeting or one-off event",
    ),
    bind(
        &[C::Calendar],
        &[(ch('x'), A::Delete)],
        "x",
        "cancel the event (one occurrence of a series)",
    ),
    bind(
        &[C::Calendar],
        &[(ch('r'), A::AttendanceRecord)],
        "r",
        "attendance record this program year",
    ),
    bind(
        &[C::Calendar],
        &[(ch('p'), A::PickMentor)],
        "p",
        "pick whose to show: one mentor or everyone",
    )
    .coordinator(),
];

/// The forms.
pub(super) const FORMS: &[Binding] = &[
    bind(
        &[C::Forms],
        &[
            (any(Left), A::FocusPane(Pane::Templates)),
            (ch('h'), A::FocusPane(Pane::Templates)),
            (any(Right), A::FocusPane(Pane::Items)),
            (ch('l'), A::FocusPane(Pane::Items)),
        ],
        "← →",
        "templates / what the template holds",
    )
    .hints(&[hint(Block::TemplatesUnfocused, 0, "← here")]),
    bind(
        &[C::Templates],
        &[(any(Enter), A::Open)],
        "Enter n",
        "fill in the selected form (resumes its draft)",
    )
    .hints(&[hint(Block::TemplatesFocused, 0, "Enter/n new")]),
    unlisted(&[C::Forms], &[(ch('n'), A::NewForm)]).hints(&[hint(Block::Filed, 0, "n new")]),
    bind(
        &[C::Filed],
        &[(any(Enter), A::Open)],
        "Enter",
        "on a filed form: read it; then A amends it",
    )
    .hints(&[hint(Block::Filed, 1, "Enter view")]),
    bind(
        &[C::Forms],
        &[(ch('p'), A::CyclePerson)],
        "p",
        "only forms about one person",
    )
    .hints(&[hint(Block::Filed, 2, "p person")]),
    unlisted(&[C::FiledForm], &[(ch('A'), A::Amend)]).hints(&[
        hint(Block::FiledReflection, 0, "A amend"),
        hint(Block::FiledForm, 0, "A amend (the filed version stays)"),
    ]),
    bind(
        &[C::FiledForm],
        &[(ch('S'), A::Share)],
        "S",
        "on your filed reflection: share it with your partner",
    )
    .hints(&[hint(Block::FiledReflection, 1, "S share with your partner")]),
    unlisted(&[C::FiledForm], &[(any(Esc), A::Close)]).hints(&[
        hint(Block::FiledReflection, 2, "Esc close"),
        hint(Block::FiledForm, 1, "Esc close"),
        hint(Block::SharedForm, 0, "Esc close"),
    ]),
    bind(
        &[C::Reports],
        &[(ch('s'), A::MarkSubmitted)],
        "s",
        "mark the selected contact report submitted",
    )
    .hints(&[hint(Block::Reports, 0, "s submitted")]),
    unlisted(&[C::Reports], &[(any(Enter), A::Open)]).hints(&[hint(Block::Reports, 1, "Enter contact")]),
    bind(
        &[C::Forms],
        &[(ch('L'), A::Letters)],
        "L",
        "write a letter or certificate (text and printable HTML)",
    )
    .hints(&[hint(Block::Reports, 2, "L letters")]),
];
