//! The key map: every key of every screen and pop-up, written once. The dispatcher resolves
//! keys to actions through it, the help pop-up lists it, and block titles take their key
//! hints from it.

use super::action::{Action, Motion};
use super::forms::Pane;
use super::program::ProgramView;
use super::{App, Overlay, Screen};
use crate::domain::agenda::Attendance;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies. The dispatcher looks through the contexts active for the state,
/// in order, and takes the first binding of the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Wherever the app is, pop-ups included.
    Always,
    /// Every screen, while no pop-up is open.
    Global,
    /// The selection in the lists of the caseload, contacts, forms and program screens.
    List,
    /// The coordinator's mentor picker on the caseload screen.
    MentorPicker,
    /// A mentor's active pairs on the caseload screen.
    Pairs,
    /// A person opened from the caseload.
    Person,
    Contacts,
    Calendar,
    /// The forms screen, whichever pane has the focus.
    Forms,
    Templates,
    /// The contact reports still to submit.
    Reports,
    /// The filed versions of a form.
    Filed,
    /// The keys that pick a view of the program screen.
    ProgramViews,
    Mentors,
    Overdue,
    Matching,
    /// NEA mentor applicants on the program screen.
    Applicants,
    Confirm,
    Choose,
    /// An event opened on the calendar.
    Event,
    /// A filed form, open to read.
    FiledForm,
    /// The people screen's list.
    People,
}

/// Who a binding or a hint is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Anyone,
    Coordinator,
    /// Anyone but a coordinator.
    Mentor,
}

impl Who {
    fn includes(self, coordinator: bool) -> bool {
        match self {
            Who::Anyone => true,
            Who::Coordinator => coordinator,
            Who::Mentor => !coordinator,
        }
    }
}

/// A block whose title carries key hints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    MentorPicker,
    Pairs,
    Person,
    Contacts,
    /// The contact log's filter line, while no filter is set.
    ContactFilters,
    /// The calendar's selected day.
    Day,
    Upcoming,
    /// The forms' template list, with the focus on it.
    TemplatesFocused,
    /// The forms' template list, with the focus on the other pane.
    TemplatesUnfocused,
    Reports,
    Filed,
    Mentors,
    Overdue,
    Matching,
    Applicants,
    Confirm,
    Choose,
    /// An event's attendance marks, for the coordinator who takes them.
    EventMarks,
    Event,
    /// A filed reflection, open to read.
    FiledReflection,
    /// Any other filed form of one's own, open to read.
    FiledForm,
    /// A reflection a partner shared, open to read.
    SharedForm,
    People,
}

/// A key, and whether Control must be held (`Some(true)`), must not be (`Some(false)`), or
/// does not matter (`None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    code: KeyCode,
    ctrl: Option<bool>,
}

impl Key {
    fn matches(&self, event: &KeyEvent) -> bool {
        self.code == event.code
            && self
                .ctrl
                .is_none_or(|ctrl| ctrl == event.modifiers.contains(KeyModifiers::CONTROL))
    }

    /// Two keys one event could match.
    #[cfg(test)]
    fn overlaps(&self, other: &Key) -> bool {
        self.code == other.code
            && match (self.ctrl, other.ctrl) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
    }
}

const fn any(code: KeyCode) -> Key {
    Key { code, ctrl: None }
}

const fn ch(c: char) -> Key {
    any(KeyCode::Char(c))
}

const fn plain(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: Some(false),
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: Some(true),
    }
}

/// The text a block title shows for a binding, at its place among the block's hints.
#[derive(Debug, Clone, Copy)]
pub struct Hint {
    block: Block,
    at: u8,
    text: &'static str,
    who: Who,
}

const fn hint(block: Block, at: u8, text: &'static str) -> Hint {
    Hint {
        block,
        at,
        text,
        who: Who::Anyone,
    }
}

impl Hint {
    const fn for_mentors(self) -> Hint {
        Hint {
            who: Who::Mentor,
            ..self
        }
    }

    const fn for_coordinators(self) -> Hint {
        Hint {
            who: Who::Coordinator,
            ..self
        }
    }
}

/// One row of the key map: its keys with their actions, where they apply, and how the help
/// pop-up and the block titles show them.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub contexts: &'static [Context],
    pub keys: &'static [(Key, Action)],
    /// The keys as the help pop-up writes them.
    pub label: &'static str,
    /// `None`: a key the help does not list (the pop-ups', or one another row already names).
    pub help: Option<&'static str>,
    pub who: Who,
    pub hints: &'static [Hint],
}

const fn bind(
    contexts: &'static [Context],
    keys: &'static [(Key, Action)],
    label: &'static str,
    help: &'static str,
) -> Binding {
    Binding {
        contexts,
        keys,
        label,
        help: Some(help),
        who: Who::Anyone,
        hints: &[],
    }
}

/// A binding the help does not list.
const fn unlisted(contexts: &'static [Context], keys: &'static [(Key, Action)]) -> Binding {
    Binding {
        contexts,
        keys,
        label: "",
        help: None,
        who: Who::Anyone,
        hints: &[],
    }
}

impl Binding {
    const fn coordinator(self) -> Binding {
        Binding {
            who: Who::Coordinator,
            ..self
        }
    }

    const fn hints(self, hints: &'static [Hint]) -> Binding {
        Binding { hints, ..self }
    }
}

use Action as A;
use Context as C;
use KeyCode::{BackTab, Backspace, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up};

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
        ],
    )
    .hints(&[
        hint(Block::EventMarks, 0, "p present").for_coordinators(),
        hint(Block::EventMarks, 1, "a absent").for_coordinators(),
        hint(Block::EventMarks, 2, "e excused").for_coordinators(),
    ]),
    // Everywhere.
    bind(
        &[C::Global],
        &[
            (ch('1'), A::Show(Screen::Caseload)),
            (ch('2'), A::Show(Screen::Contacts)),
            (ch('3'), A::Show(Screen::Calendar)),
            (ch('4'), A::Show(Screen::Forms)),
            (ch('5'), A::Show(Screen::Program)),
            (ch('6'), A::Show(Screen::People)),
            (any(Tab), A::NextScreen),
            (any(BackTab), A::PreviousScreen),
        ],
        "1-6 Tab S-Tab",
        "switch screen",
    ),
    bind(&[C::Global], &[(ch('?'), A::Help)], "?", "this help"),
    bind(
        &[C::Global],
        &[(ch('!'), A::LastMessage)],
        "!",
        "the last message, whole",
    ),
    bind(&[C::Global], &[(ch('q'), A::Quit)], "q Ctrl-C", "quit"),
    unlisted(&[C::Always], &[(ctrl('c'), A::Quit)]),
];

/// The first action bound to `key` in `contexts`, looked through in order.
pub fn resolve(contexts: &[Context], key: &KeyEvent, coordinator: bool) -> Option<Action> {
    contexts.iter().find_map(|context| {
        BINDINGS
            .iter()
            .filter(|b| b.contexts.contains(context) && b.who.includes(coordinator))
            .flat_map(|b| b.keys)
            .find(|(k, _)| k.matches(key))
            .map(|(_, action)| *action)
    })
}

/// The contexts whose keys apply to the screen as it is, in the order they are looked through.
fn screen_contexts(app: &App) -> Vec<Context> {
    let mut contexts = vec![C::Global];
    match app.screen {
        Screen::Caseload if app.caseload.person.is_some() => contexts.push(C::Person),
        Screen::Caseload if app.caseload.mentor.is_none() => contexts.extend([C::List, C::MentorPicker]),
        Screen::Caseload => contexts.extend([C::List, C::Pairs]),
        Screen::Contacts => contexts.extend([C::List, C::Contacts]),
        Screen::Calendar => contexts.push(C::Calendar),
        Screen::Forms => {
            contexts.push(C::Forms);
            match app.forms.pane {
                Pane::Templates => contexts.extend([C::List, C::Templates]),
                Pane::Items if app.forms.template == 0 => contexts.extend([C::List, C::Reports]),
                Pane::Items => contexts.extend([C::List, C::Filed]),
            }
        }
        Screen::Program => {
            contexts.extend([C::ProgramViews, C::List]);
            match app.program.view {
                ProgramView::Mentors => contexts.push(C::Mentors),
                ProgramView::Overdue => contexts.push(C::Overdue),
                ProgramView::Matching => contexts.push(C::Matching),
                ProgramView::Applicants => contexts.push(C::Applicants),
                _ => {}
            }
        }
        Screen::People => contexts.extend([C::List, C::People]),
    }
    contexts
}

/// What `key` asks for in the app's present state; `None` when nothing is bound to it.
pub fn action_for(app: &App, key: KeyEvent) -> Option<Action> {
    let coordinator = app.session.sees_whole_program();
    if let Some(action) = resolve(&[C::Always], &key, coordinator) {
        return Some(action);
    }
    let contexts = match &app.overlay {
        // The list keys scroll a long help or text; any other key closes it.
        Some(Overlay::Help { .. } | Overlay::Text { .. }) => {
            return Some(resolve(&[C::List], &key, coordinator).unwrap_or(A::Close));
        }
        Some(Overlay::ContactForm(_) | Overlay::EventForm(_) | Overlay::Fields(_)) => {
            return Some(A::Input(key));
        }
        Some(Overlay::Form(fill)) if !fill.read_only => return Some(A::Input(key)),
        Some(Overlay::Form(_)) => vec![C::FiledForm],
        Some(Overlay::Confirm { .. }) => vec![C::Confirm],
        // Every other key types into the picker's filter.
        Some(Overlay::Choose(_)) => {
            return Some(resolve(&[C::Choose], &key, coordinator).unwrap_or(A::Input(key)));
        }
        Some(Overlay::Event(_)) => vec![C::Event],
        None if app.screen == Screen::Contacts && app.contacts.typing_filter => return Some(A::Input(key)),
        None => screen_contexts(app),
    };
    resolve(&contexts, &key, coordinator)
}

/// The contexts whose keys the help of a screen lists.
fn help_contexts(screen: Screen) -> &'static [Context] {
    match screen {
        Screen::Caseload => &[C::List, C::MentorPicker, C::Pairs, C::Person],
        Screen::Contacts => &[C::List, C::Contacts],
        Screen::Calendar => &[C::Calendar],
        Screen::Forms => &[
            C::List,
            C::Forms,
            C::Templates,
            C::Reports,
            C::Filed,
            C::FiledForm,
        ],
        Screen::Program => &[
            C::List,
            C::ProgramViews,
            C::Mentors,
            C::Overdue,
            C::Matching,
            C::Applicants,
        ],
        Screen::People => &[C::List, C::People],
    }
}

/// Every key of a screen for this user, then the keys that work everywhere: (keys, what).
pub fn help(screen: Screen, coordinator: bool) -> Vec<(&'static str, &'static str)> {
    let listed = |contexts: &[Context]| -> Vec<(&'static str, &'static str)> {
        BINDINGS
            .iter()
            .filter(|b| b.who.includes(coordinator) && b.contexts.iter().any(|c| contexts.contains(c)))
            .filter_map(|b| b.help.map(|help| (b.label, help)))
            .collect()
    };
    let mut rows = listed(help_contexts(screen));
    rows.extend(listed(&[C::Global]));
    rows
}

/// The key hints of a block's title for this user, joined by " · ".
pub fn hints(block: Block, coordinator: bool) -> String {
    let mut hints: Vec<(u8, &str)> = BINDINGS
        .iter()
        .filter(|b| b.who.includes(coordinator))
        .flat_map(|b| b.hints)
        .filter(|h| h.block == block && h.who.includes(coordinator))
        .map(|h| (h.at, h.text))
        .collect();
    hints.sort_by_key(|(at, _)| *at);
    hints
        .into_iter()
        .map(|(_, text)| text)
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The key that picks a view of the program screen, as the view bar shows it.
pub fn view_key(view: ProgramView) -> Option<char> {
    BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&C::ProgramViews))
        .flat_map(|b| b.keys)
        .find_map(|(key, action)| match (key.code, action) {
            (KeyCode::Char(c), A::View(v)) if *v == view => Some(c),
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Context; 22] = [
        C::Always,
        C::Global,
        C::List,
        C::MentorPicker,
        C::Pairs,
        C::Person,
        C::Contacts,
        C::Calendar,
        C::Forms,
        C::Templates,
        C::Reports,
        C::Filed,
        C::ProgramViews,
        C::Mentors,
        C::Overdue,
        C::Matching,
        C::Applicants,
        C::Confirm,
        C::Choose,
        C::Event,
        C::FiledForm,
        C::People,
    ];

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for context in ALL {
            let keys: Vec<(Who, Key)> = BINDINGS
                .iter()
                .filter(|b| b.contexts.contains(&context))
                .flat_map(|b| b.keys.iter().map(|(k, _)| (b.who, *k)))
                .collect();
            for (i, (who_a, a)) in keys.iter().enumerate() {
                for (who_b, b) in &keys[i + 1..] {
                    let both = [true, false]
                        .iter()
                        .any(|&c| who_a.includes(c) && who_b.includes(c));
                    assert!(!(both && a.overlaps(b)), "{a:?} twice in {context:?}");
                }
            }
        }
    }

    #[test]
    fn every_hint_names_keys_of_its_own_binding() {
        let name = |code: KeyCode| match code {
            KeyCode::Char(c) => c.to_string(),
            Left => "←".into(),
            Right => "→".into(),
            Up => "↑".into(),
            Down => "↓".into(),
            other => other.to_string(),
        };
        for binding in BINDINGS {
            let bound: Vec<String> = binding.keys.iter().map(|(k, _)| name(k.code)).collect();
            for hint in binding.hints {
                let keys = hint.text.split(' ').next().unwrap_or_default();
                let named: Vec<String> = if keys.len() > 1 && keys.contains('/') {
                    keys.split('/').map(str::to_string).collect()
                } else if keys.starts_with(['←', '→', '↑', '↓']) {
                    keys.chars().map(|c| c.to_string()).collect()
                } else {
                    vec![keys.to_string()]
                };
                // "Enter/n new" names n, bound by a row of its own.
                assert!(
                    named.iter().any(|k| bound.contains(k)),
                    "hint {:?} names none of {bound:?}",
                    hint.text
                );
            }
        }
    }

    #[test]
    fn coordinator_keys_are_listed_for_coordinators_only() {
        let mentor = help(Screen::Caseload, false);
        let coordinator = help(Screen::Caseload, true);
        assert!(!mentor.iter().any(|(k, _)| *k == "u"));
        assert!(coordinator.iter().any(|(k, _)| *k == "u"));
        assert_eq!(hints(Block::Overdue, false), "Enter opens");
        assert_eq!(hints(Block::Overdue, true), "Enter opens · r reminds the mentor");
    }
}
