//! The key map: every key of every screen and pop-up, written once. The dispatcher resolves
//! keys to actions through it, the help pop-up lists it, and block titles take their key
//! hints from it.

use super::action::{Action, Motion};
use super::form::FormKey;
use super::screen::{Pane, ProgramView, Screen};
use super::{Overlay, State};
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
    /// The audit log on the program screen.
    Audit,
    /// The ledger on the program screen.
    Ledger,
    Confirm,
    Choose,
    /// An event opened on the calendar.
    Event,
    /// A filed form, open to read.
    FiledForm,
    /// The people screen's list.
    People,
    /// The Programs screen's list.
    Programs,
    /// Any form being filled in.
    Form,
    /// A form of one-line fields (not the contact form's notes, nor the catalog's forms).
    FormFields,
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
    /// The selected contact's notes, under the contact log.
    ContactNotes,
    /// The contact log's filter line, while no filter is set.
    ContactFilters,
    /// The people list's filter line, while no filter is set.
    PeopleFilter,
    /// The filter line of the mentors table and the caseload's mentor picker.
    MentorsFilter,
    /// The overdue list's filter line.
    OverdueFilter,
    /// The unmatched mentees' filter line.
    MatchingFilter,
    /// The filed forms' filter line.
    FiledFilter,
    /// The ledger's filter line.
    LedgerFilter,
    /// The audit log's filter line (of the typed filter).
    AuditText,
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
    /// The audit log's title, while no filter is set.
    AuditFilters,
    /// The audit log's title, while a filter is set.
    AuditFiltered,
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
    Programs,
    /// The footer of every form.
    Form,
    /// The footer of a form whose focused field is typed.
    FormText,
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
fn screen_contexts(app: &State) -> Vec<Context> {
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
                ProgramView::Audit => contexts.push(C::Audit),
                ProgramView::Ledger => contexts.push(C::Ledger),
                _ => {}
            }
        }
        Screen::People => contexts.extend([C::List, C::People]),
        Screen::Programs => contexts.extend([C::List, C::Programs]),
    }
    contexts
}

/// What `key` asks for in the app's present state; `None` when nothing is bound to it.
pub fn action_for(app: &State, key: KeyEvent) -> Option<Action> {
    let coordinator = app.context.sees_whole_program();
    if let Some(action) = resolve(&[C::Always], &key, coordinator) {
        return Some(action);
    }
    let contexts = match &app.overlay {
        // The list keys scroll a long help or text; any other key closes it.
        Some(Overlay::Help { .. } | Overlay::Text { .. }) => {
            return Some(resolve(&[C::List], &key, coordinator).unwrap_or(A::Close));
        }
        // A form takes the form keys, and ↑/↓ move between its fields unless the focused
        // field uses them (the lines of notes, the matches of a search); every other key goes
        // to the focused field.
        Some(Overlay::Form(fill)) if fill.form.read_only => vec![C::FiledForm],
        Some(Overlay::EventForm(_) | Overlay::Fields(_) | Overlay::ContactForm(_) | Overlay::Form(_)) => {
            let contexts: &[C] = if app.open_form().is_some_and(|f| f.arrows_move()) {
                &[C::Form, C::FormFields]
            } else {
                &[C::Form]
            };
            return Some(resolve(contexts, &key, coordinator).unwrap_or(A::Input(key)));
        }
        Some(Overlay::Confirm { .. }) => vec![C::Confirm],
        // Every other key types into the picker's filter.
        Some(Overlay::Choose(_)) => {
            return Some(resolve(&[C::Choose], &key, coordinator).unwrap_or(A::Input(key)));
        }
        Some(Overlay::Event(_)) => vec![C::Event],
        None if app.screen == Screen::Contacts && app.contacts.typing_filter => return Some(A::Input(key)),
        // Characters go to the list's filter; the list's other keys (arrows, pages, Home,
        // End) still move.
        None if typing_into_a_filter(app) => {
            let moves = match key.code {
                KeyCode::Char(_) => None,
                _ => resolve(&[C::List], &key, coordinator),
            };
            return Some(moves.unwrap_or(A::Input(key)));
        }
        None => screen_contexts(app),
    };
    resolve(&contexts, &key, coordinator)
}

/// Whether characters typed now go into the filter of the list in view, with no pop-up open.
pub fn typing_a_filter(app: &State) -> bool {
    app.overlay.is_none()
        && ((app.screen == Screen::Contacts && app.contacts.typing_filter) || typing_into_a_filter(app))
}

/// Whether `/` is typing into the filter of the list in view.
fn typing_into_a_filter(app: &State) -> bool {
    let filter = match app.screen {
        Screen::People => Some(&app.people.filter),
        Screen::Caseload => app.caseload.mentor_filter_in_view(),
        Screen::Program => app.program.filter_in_view(),
        Screen::Forms => app.forms.filed_filter_in_view(),
        Screen::Contacts | Screen::Calendar | Screen::Programs => None,
    };
    filter.is_some_and(|f| f.typing)
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
            C::Audit,
            C::Ledger,
        ],
        Screen::People => &[C::List, C::People],
        Screen::Programs => &[C::List, C::Programs],
    }
}

/// Every key of a screen for this user, then the keys that work everywhere: (keys, what).
/// `screens` are the user's tabs: a key that shows another tab is left out (Programs, off the
/// tabs, is everyone's).
pub fn help(screen: Screen, coordinator: bool, screens: &[Screen]) -> Vec<(&'static str, &'static str)> {
    let shows_a_screen_not_had = |b: &Binding| {
        b.keys.iter().any(
            |(_, action)| matches!(action, A::Show(s) if Screen::ALL.contains(s) && !screens.contains(s)),
        )
    };
    let listed = |contexts: &[Context]| -> Vec<(&'static str, &'static str)> {
        BINDINGS
            .iter()
            .filter(|b| b.who.includes(coordinator) && b.contexts.iter().any(|c| contexts.contains(c)))
            .filter(|b| !shows_a_screen_not_had(b))
            .filter_map(|b| b.help.map(|help| (b.label, help)))
            .collect()
    };
    let mut rows = listed(help_contexts(screen));
    rows.extend(listed(&[C::Global, C::Always]));
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

use Action as A;
use Context as C;
use KeyCode::{BackTab, Backspace, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up};

mod bindings;
#[cfg(test)]
mod tests;

pub use bindings::BINDINGS;
