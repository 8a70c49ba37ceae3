//! What the snapshot tests share: a screen's snapshot at 80×24 with what comes from the clock
//! masked and nothing cut mid-word, and the demo apps they start from. The snapshots are in
//! `tests/snapshots/`, beside the test files, whatever file asserts them.
#![allow(dead_code)]

use crate::common::*;
use crossterm::event::KeyCode;
use mentordesk::app::App;
use mentordesk::domain::settings::Preset;
use mentordesk::service::{Session, os_login};
use mentordesk::theme::Theme;
use std::path::Path;

/// The demos make whoever runs them (their OS login) the coordinator, and the audit log and
/// reminders name that login; the snapshots give the coordinator this one on every machine.
pub const COORDINATOR_LOGIN: &str = "dana";

/// Wall-clock values that reach the screen: the time a new contact is dated with (today's date,
/// the clock's time) and the dates things were stored on (reminders, the audit log, filings).
pub const WALL_CLOCK: [(&str, &str); 3] = [
    // A stored stamp first: its day is the fixed day, its time the wall time.
    (r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d", "[stored: wallclock]"),
    (r"2026-11-23 \d\d:\d\d", "2026-11-23 [now]"),
    (r"\d{4}-\d\d-\d\d · from", "[sent day] · from"),
];

pub fn assert_screen(name: &str, app: &App) {
    assert_screen_filtered(name, app, &[]);
}

/// `extra` masks what else on this screen comes from the clock.
pub fn assert_screen_filtered(name: &str, app: &App, extra: &[(&str, &str)]) {
    assert_size(name, app, 80, 24, extra);
    assert_nothing_cut(name, app);
}

/// The words of a rendered screen: runs of letters, digits and the punctuation inside words.
pub fn words(text: &str) -> std::collections::HashSet<String> {
    text.split(|c: char| !(c.is_alphanumeric() || "-'’/.:$%".contains(c)))
        .map(|w| w.trim_matches(|c: char| ".:".contains(c)).to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Nothing at 80×24 is cut mid-word: every word shown is a word the same screen shows whole
/// when it has room (240 columns, the same rows), except a word that ends with "…". A cut
/// date ("due Nov 2" for "due Nov 26") or status ("BEHI") is a word the wide screen lacks.
pub fn assert_nothing_cut(name: &str, app: &App) {
    let text = |width: u16| {
        let terminal = render(app, width, 24);
        let buffer = terminal.backend().buffer().clone();
        (0..buffer.area.height)
            .map(|y| {
                (0..buffer.area.width)
                    .map(|x| buffer[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut narrow = text(80);
    // A pop-up's last line, the keys that answer or close it, is never cut off below.
    let last_line = match &app.overlay {
        Some(mentordesk::app::Overlay::Help { .. }) => Some("closes this help"),
        Some(mentordesk::app::Overlay::Confirm { .. }) => Some("n or Esc no"),
        Some(mentordesk::app::Overlay::Text { .. }) => Some("key closes"),
        _ => None,
    };
    if let Some(line) = last_line {
        assert!(narrow.contains(line), "{name}: the pop-up is cut below\n{narrow}");
    }
    if app.overlay.is_some() {
        narrow = beside_popup_blanked(&narrow);
    }
    let wide = words(&text(240));
    let narrow_words = words(&narrow.replace('…', " … "));
    let ellipsized: std::collections::HashSet<String> = narrow
        .split(|c: char| c.is_whitespace() || "│─┌┐└┘".contains(c))
        .filter(|w| w.ends_with('…'))
        .flat_map(words)
        .collect();
    let mut cut: Vec<&String> = narrow_words
        .iter()
        .filter(|w| !wide.contains(*w) && !ellipsized.contains(*w))
        .collect();
    cut.sort();
    assert!(cut.is_empty(), "{name}: cut at 80×24: {cut:?}\n{narrow}");
    // Dates keep their day whole, wherever they stand.
    let due = regex_lite_due(&narrow);
    for date in due {
        assert!(wide.contains(&date), "{name}: {date} cut");
    }
}

/// The screen with what shows beside the top pop-up blanked: the screen behind peeks out there
/// in slivers, which are that screen's words (checked on their own) rather than cut ones.
pub fn beside_popup_blanked(screen: &str) -> String {
    let rows: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    // The pop-up is the widest box drawn: its top row holds ┌ … ┐.
    let mut popup = None;
    for (y, row) in rows.iter().enumerate() {
        if let (Some(left), Some(right)) = (
            row.iter().position(|&c| c == '┌'),
            row.iter().rposition(|&c| c == '┐'),
        ) && popup.is_none_or(|(_, l, r)| right - left > r - l)
        {
            popup = Some((y, left, right));
        }
    }
    let Some((top, left, right)) = popup else {
        return screen.to_string();
    };
    let bottom = (top..rows.len())
        .find(|&y| rows[y].get(left) == Some(&'└'))
        .unwrap_or(rows.len() - 1);
    rows.iter()
        .enumerate()
        .map(|(y, row)| {
            row.iter()
                .enumerate()
                .map(|(x, &c)| {
                    if (top..=bottom).contains(&y) && (x < left || x > right) {
                        ' '
                    } else {
                        c
                    }
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The day numbers that follow "due <Mon> " on a screen, as words.
pub fn regex_lite_due(text: &str) -> Vec<String> {
    let mut days = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("due ") {
        rest = &rest[at + 4..];
        let mut parts = rest.split(' ');
        if let (Some(month), Some(day)) = (parts.next(), parts.next())
            && month.len() == 3
            && month.chars().all(char::is_alphabetic)
        {
            let day: String = day.chars().take_while(char::is_ascii_digit).collect();
            if !day.is_empty() {
                days.push(day);
            }
        }
    }
    days
}

pub fn assert_size(name: &str, app: &App, width: u16, height: u16, extra: &[(&str, &str)]) {
    let terminal = render(app, width, height);
    let filters: Vec<(&str, &str)> = WALL_CLOCK.iter().chain(extra).copied().collect();
    // The snapshots stay in tests/snapshots, beside the test files, not under tests/support.
    insta::with_settings!({
        filters => filters,
        prepend_module_to_snapshot => false,
        snapshot_path => "../snapshots",
    }, {
        insta::assert_snapshot!(name, terminal.backend());
    });
}

/// The app on `dir`'s database `file`, made by `populate` the first time, with the coordinator's
/// login fixed; as the coordinator (`None`) or a mentor login.
pub fn app_with(dir: &Path, file: &str, preset: Preset, login: Option<&str>) -> App {
    let db = dir.join(file);
    if !db.exists() {
        demo_file(dir, file, preset);
        if preset == Preset::RuralUnion {
            // The forms of the other seeds too, so that every form of the catalog has a picture.
            demo_db_every_form(dir);
        }
        raw(&db)
            .execute(
                "UPDATE people SET login = ?1 WHERE login = ?2",
                [COORDINATOR_LOGIN, &os_login()],
            )
            .unwrap();
    }
    let login = login.unwrap_or(COORDINATOR_LOGIN);
    let session = Session::open_path(&db, login, None, Some(today())).unwrap();
    let theme = Theme {
        color: true,
        ascii: false,
    };
    App::new(session, theme).unwrap()
}

/// The WEAC demo (made the first time), as the coordinator (`None`) or a mentor login.
pub fn weac_app(dir: &Path, as_login: Option<&str>) -> App {
    app_with(dir, "demo.db", Preset::RuralUnion, as_login)
}

/// The Check & Connect demo (made the first time), as the coordinator or a mentor login.
pub fn check_connect_app(dir: &Path, as_login: Option<&str>) -> App {
    app_with(dir, "cc.db", Preset::CheckConnect, as_login)
}

/// From the Calendar screen on today, back to the check-in of Tuesday Nov 10.
pub fn select_november_check_in(app: &mut App) {
    press(app, KeyCode::Char('3'));
    for _ in 0..13 {
        press(app, KeyCode::Left);
    }
}
