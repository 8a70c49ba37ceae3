//! The key map's rows: every binding of every screen and pop-up.

use super::*;

/// The key map. Within a screen, rows are in the order the help lists them; a screen's
/// coordinator rows come last.
pub static BINDINGS: &[Binding] = &[
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
    // The caseload.
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
    // The long lists that filter as you type (only coordinators pick a mentor).
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
    // The contact log.
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
        &[(ch('p'), A::PickMentor)],
        "p",
        "pick whose to show: one mentor or everyone",
    )
    .coordinator(),
    // The calendar.
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
    // The forms.
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
    // The program.
    bind(
        &[C::ProgramViews],
        &[
            (ch('m'), A::View(ProgramView::Mentors)),
            (ch('o'), A::View(ProgramView::Overdue)),
            (ch('$'), A::View(ProgramView::Ledger)),
            (ch('a'), A::View(ProgramView::Alerts)),
        ],
        "m o $ a",
        "mentors · overdue paperwork · ledger · risk alerts",
    ),
    bind(
        &[C::Mentors, C::Overdue, C::Matching, C::Applicants],
        &[(any(Enter), A::Open)],
        "Enter",
        "open the mentor's caseload, the overdue item, or the applicant's file",
    )
    .hints(&[
        hint(Block::Mentors, 1, "Enter opens caseload"),
        hint(Block::Overdue, 0, "Enter opens"),
        hint(Block::Matching, 0, "Enter ranks the mentors, with reasons"),
        hint(Block::Applicants, 0, "Enter opens the file"),
    ]),
    bind(
        &[C::Mentors],
        &[(ch('['), A::EarlierMonth), (ch(']'), A::LaterMonth)],
        "[ ]",
        "earlier / later month (mentors)",
    )
    .hints(&[hint(Block::Mentors, 0, "[ ] month")]),
    bind(
        &[C::Mentors],
        &[(ch('n'), A::Assign)],
        "n",
        "mentors: give the selected mentor new people (the unassigned, best fit first)",
    )
    .coordinator()
    .hints(&[hint(Block::Mentors, 2, "n new people").for_coordinators()]),
    bind(
        &[C::Mentors],
        &[(ch('w'), A::WarnMentor), (ch('x'), A::RemoveMentor)],
        "w x",
        "mentors: warn the selected mentor / ask them to leave, on one of the grounds",
    )
    .coordinator(),
    bind(
        &[C::Overdue],
        &[(ch('r'), A::Remind)],
        "r",
        "overdue: remind the mentor (their inbox, and the digest)",
    )
    .coordinator()
    .hints(&[hint(Block::Overdue, 1, "r reminds the mentor")]),
    bind(
        &[C::ProgramViews],
        &[(ch('M'), A::View(ProgramView::Matching))],
        "M",
        "matching: unmatched mentees; Enter ranks mentors, Enter assigns",
    )
    .coordinator(),
    bind(
        &[C::ProgramViews],
        &[(ch('e'), A::View(ProgramView::Evaluation))],
        "e",
        "program evaluation",
    )
    .coordinator(),
    bind(
        &[C::ProgramViews],
        &[(ch('l'), A::View(ProgramView::Audit))],
        "l",
        "audit log of changes",
    )
    .coordinator(),
    bind(
        &[C::Audit],
        &[(any(Enter), A::Open)],
        "Enter",
        "audit log: the selected change whole",
    )
    .coordinator(),
    bind(
        &[C::Audit],
        &[(ch('w'), A::PickAuditBy)],
        "w",
        "audit log: only the changes made by one person",
    )
    .coordinator()
    .hints(&[hint(Block::AuditFilters, 0, "w by whom")]),
    bind(
        &[C::Audit],
        &[(ch('p'), A::PickAuditAbout)],
        "p",
        "audit log: only the changes about a person",
    )
    .coordinator()
    .hints(&[hint(Block::AuditFilters, 1, "p about whom")]),
    bind(
        &[C::Audit],
        &[(ch('c'), A::ClearFilters)],
        "c",
        "audit log: clear both filters",
    )
    .coordinator()
    .hints(&[hint(Block::AuditFiltered, 0, "c clears")]),
    bind(
        &[C::Ledger],
        &[(ch('n'), A::AddLedgerEntry)],
        "n",
        "ledger: add travel or an adjustment for a mentor",
    )
    .coordinator()
    .hints(&[hint(Block::LedgerFilter, 1, "n adds travel")]),
    // People.
    bind(&[C::People], &[(ch('n'), A::AddPerson)], "n", "add a person")
        .coordinator()
        .hints(&[hint(Block::People, 0, "n add")]),
    bind(
        &[C::People],
        &[(ch('e'), A::Edit)],
        "e",
        "edit the selected person",
    )
    .coordinator()
    .hints(&[hint(Block::People, 1, "e edit")]),
    bind(
        &[C::People],
        &[(ch('r'), A::ChangeRole)],
        "r",
        "give them another role (says what follows first)",
    )
    .coordinator()
    .hints(&[hint(Block::People, 2, "r role")]),
    bind(
        &[C::People],
        &[(ch('x'), A::ToggleActive)],
        "x",
        "deactivate, or reactivate (records stay)",
    )
    .coordinator()
    .hints(&[hint(Block::People, 3, "x on/off")]),
    bind(
        &[C::People],
        &[(any(Enter), A::Open)],
        "Enter",
        "their history: assignments, contacts, changes",
    )
    .coordinator()
    .hints(&[hint(Block::People, 4, "Enter history")]),
    bind(
        &[C::People],
        &[(ch('/'), A::TypeFilter)],
        "/",
        "filter by name, id, login, role (Enter keeps)",
    )
    .coordinator()
    .hints(&[hint(
        Block::PeopleFilter,
        0,
        "/ filters by name, id, login or role",
    )]),
    bind(
        &[C::People],
        &[(any(Esc), A::ClearFilters)],
        "Esc",
        "clear the filter",
    )
    .coordinator(),
    bind(
        &[C::People],
        &[(ch('S'), A::OpenSettings)],
        "S",
        "program settings: quota, cadence, time zone…",
    )
    .coordinator()
    .hints(&[hint(Block::People, 5, "S settings")]),
    bind(
        &[C::ProgramViews],
        &[(ch('A'), A::View(ProgramView::Applicants))],
        "A",
        "mentor applicants (programs that take applications)",
    )
    .coordinator(),
    // Pop-ups.
    unlisted(
        &[C::Confirm],
        &[
            (ch('y'), A::Yes),
            (ch('Y'), A::Yes),
            (ch('n'), A::No),
            (ch('N'), A::No),
            (any(Esc), A::No),
        ],
    )
    .hints(&[
        hint(Block::Confirm, 0, "y yes"),
        hint(Block::Confirm, 1, "n or Esc no"),
    ]),
    unlisted(
        &[C::Choose],
        &[
            (any(Esc), A::Close),
            (any(Enter), A::Open),
            (any(Down), A::Move(Motion::Down)),
            (any(Up), A::Move(Motion::Up)),
            (any(PageDown), A::Move(Motion::HalfPageDown)),
            (any(PageUp), A::Move(Motion::HalfPageUp)),
            (any(Home), A::Move(Motion::First)),
            (any(End), A::Move(Motion::Last)),
        ],
    )
    .hints(&[
        hint(Block::Choose, 0, "↑↓ PgUp PgDn Home End"),
        hint(Block::Choose, 1, "Enter picks"),
        hint(Block::Choose, 2, "Esc cancels"),
    ]),
    unlisted(
        &[C::Event],
        &[
            (any(Esc), A::Close),
            (any(Enter), A::Close),
            (any(Down), A::Move(Motion::Down)),
            (ch('j'), A::Move(Motion::Down)),
            (any(Up), A::Move(Motion::Up)),
            (ch('k'), A::Move(Motion::Up)),
            (any(PageDown), A::Move(Motion::HalfPageDown)),
            (any(PageUp), A::Move(Motion::HalfPageUp)),
            (ch('g'), A::Move(Motion::First)),
            (ch('G'), A::Move(Motion::Last)),
            (any(Home), A::Move(Motion::First)),
            (any(End), A::Move(Motion::Last)),
        ],
    )
    .hints(&[hint(Block::Event, 0, "Esc closes")]),
    unlisted(
        &[C::Event],
        &[
            (ch('p'), A::Mark(Attendance::Present)),
            (ch('a'), A::Mark(Attendance::Absent)),
            (ch('e'), A::Mark(Attendance::Excused)),
            (ch('+'), A::Guest(true)),
            (ch('-'), A::Guest(false)),
        ],
    )
    .hints(&[
        hint(Block::EventMarks, 0, "p present").for_coordinators(),
        hint(Block::EventMarks, 1, "a absent").for_coordinators(),
        hint(Block::EventMarks, 2, "e excused").for_coordinators(),
        hint(Block::EventMarks, 3, "+/- guests").for_coordinators(),
    ]),
    // The programs of the config file.
    bind(
        &[C::Programs],
        &[(any(Enter), A::Open)],
        "Enter",
        "open the selected program (a database on this machine)",
    )
    .hints(&[hint(Block::Programs, 0, "Enter opens")]),
    bind(
        &[C::Programs],
        &[(ch('r'), A::Refresh)],
        "r",
        "take every program's figures again",
    )
    .hints(&[hint(Block::Programs, 1, "r again")]),
    // Forms: the keys every form takes; any other key is the focused field's.
    unlisted(&[C::Form], &[(any(Tab), A::Form(FormKey::Next))]).hints(&[hint(Block::Form, 0, "Tab next")]),
    unlisted(&[C::Form], &[(any(BackTab), A::Form(FormKey::Previous))]).hints(&[hint(
        Block::Form,
        1,
        "S-Tab back",
    )]),
    unlisted(&[C::Form], &[(ctrl('s'), A::Form(FormKey::Save))]).hints(&[hint(
        Block::Form,
        2,
        "Ctrl-S save",
    )]),
    unlisted(&[C::Form], &[(any(Esc), A::Form(FormKey::Cancel))]).hints(&[hint(
        Block::Form,
        3,
        "Esc cancel",
    )]),
    unlisted(&[C::Form], &[(ctrl('u'), A::Form(FormKey::Clear))]).hints(&[hint(
        Block::FormText,
        0,
        "Ctrl-U clears",
    )]),
    // A form of one-line fields: the arrows go up and down it.
    unlisted(
        &[C::FormFields],
        &[
            (any(Down), A::Form(FormKey::Next)),
            (any(Up), A::Form(FormKey::Previous)),
        ],
    ),
    // Everywhere.
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
