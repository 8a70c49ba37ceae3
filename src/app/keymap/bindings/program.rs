//! The keys of the coordinator's screens: the program, people, and the programs of the config file.

use super::super::*;

/// The program.
pub(super) const PROGRAM: &[Binding] = &[
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
];

/// People.
pub(super) const PEOPLE: &[Binding] = &[
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
];

/// The programs of the config file.
pub(super) const PROGRAMS: &[Binding] = &[
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
];
