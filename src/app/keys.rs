//! Every key of every screen, as the help overlay lists them.

use super::Screen;

pub const GLOBAL: &[(&str, &str)] = &[
    ("1-5 Tab S-Tab", "switch screen"),
    ("?", "this help"),
    ("q Ctrl-C", "quit"),
];

const LIST: &[(&str, &str)] = &[
    ("j k ↑ ↓", "move"),
    ("PgDn PgUp ^D ^U", "half a page"),
    ("g G Home End", "first / last"),
];

pub fn screen_keys(screen: Screen, coordinator: bool) -> Vec<(&'static str, &'static str)> {
    let mut keys: Vec<(&str, &str)> = if screen == Screen::Calendar {
        Vec::new()
    } else {
        LIST.to_vec()
    };
    let specific: &[(&str, &str)] = match screen {
        Screen::Caseload => &[
            ("Enter", "open the person (profile, history, contacts)"),
            ("a", "log a contact with the selected person"),
            ("[ ]", "earlier / later month"),
            ("Esc", "back"),
        ],
        Screen::Contacts => &[
            ("/", "filter by text (Enter keeps, Esc clears)"),
            ("[ ]", "filter by month, earlier / later"),
            ("f", "cycle method filter"),
            ("o", "cycle outcome filter"),
            ("c", "clear filters"),
            ("a", "add a contact"),
            ("e", "edit the selected contact"),
            ("x", "delete the selected contact"),
            ("s", "mark its report submitted"),
        ],
        Screen::Calendar => &[
            ("← → ↑ ↓", "day, week"),
            ("PgUp PgDn [ ]", "month"),
            ("t", "today"),
            ("j k", "the day's events"),
            ("Enter", "open the event (attendance at check-ins)"),
            ("n", "schedule a meeting"),
            ("e", "edit a meeting or one-off event"),
            ("x", "cancel the event (one occurrence of a series)"),
            ("r", "attendance record this program year"),
        ],
        Screen::Forms => &[
            ("← →", "templates / what the template holds"),
            ("Enter n", "fill in the selected form (resumes its draft)"),
            ("Enter", "on a filed form: read it; then A amends it"),
            ("p", "only forms about one person"),
            ("S", "on your filed reflection: share it with your partner"),
            ("s", "mark the selected contact report submitted"),
            ("L", "write a letter or certificate (text and printable HTML)"),
        ],
        Screen::Program => &[
            ("m o $ a", "mentors · overdue paperwork · ledger · risk alerts"),
            ("Enter", "open the mentor's caseload, or the overdue item"),
            ("[ ]", "earlier / later month (mentors)"),
        ],
    };
    keys.extend_from_slice(specific);
    if coordinator {
        match screen {
            Screen::Caseload => keys.extend_from_slice(&[
                ("n", "assign a new person to this mentor"),
                ("u", "end the selected assignment"),
            ]),
            Screen::Contacts => keys.push(("p", "cycle mentor filter")),
            Screen::Program => keys.extend_from_slice(&[
                ("r", "overdue: remind the mentor (their inbox, and the digest)"),
                (
                    "M",
                    "matching: unmatched mentees; Enter ranks mentors, Enter assigns",
                ),
                ("e", "program evaluation"),
                ("l", "audit log of changes"),
            ]),
            Screen::Calendar => keys.push(("p", "cycle mentor filter")),
            _ => {}
        }
    }
    keys
}
