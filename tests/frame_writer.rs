//! The frame writer on the real screens: a long pseudo-random walk through the demo at two
//! sizes, each frame fed to a terminal emulator (vt100), which must show exactly what ratatui
//! rendered, cell for cell, after every key.

mod common;

use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mentordesk::tui::frame_writer::{FrameWriter, looks_same};
use ratatui::Terminal;
use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier, Style};

const KEYS: [KeyCode; 22] = [
    KeyCode::Char('j'),
    KeyCode::Char('j'),
    KeyCode::Down,
    KeyCode::Down,
    KeyCode::Char('k'),
    KeyCode::Up,
    KeyCode::PageDown,
    KeyCode::PageUp,
    KeyCode::End,
    KeyCode::Home,
    KeyCode::Char('1'),
    KeyCode::Char('2'),
    KeyCode::Char('3'),
    KeyCode::Char('4'),
    KeyCode::Char('5'),
    KeyCode::Tab,
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Char('a'),
    KeyCode::Char('?'),
    KeyCode::Char('['),
    KeyCode::Char(']'),
];

/// Named colours as the emulator keeps them: palette entries.
fn palette(color: Color) -> Color {
    let named = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match named.iter().position(|c| *c == color) {
        Some(i) => Color::Indexed(i as u8),
        None => color,
    }
}

fn from_emulator(color: vt100::Color) -> Color {
    match color {
        vt100::Color::Default => Color::Reset,
        vt100::Color::Idx(i) => Color::Indexed(i),
        vt100::Color::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

fn differences(screen: &vt100::Screen, wanted: &Buffer) -> Vec<String> {
    let mut found = vec![];
    for y in 0..wanted.area.height {
        let mut covered = 0;
        for x in 0..wanted.area.width {
            if covered > 0 {
                covered -= 1;
                continue;
            }
            let mut want = wanted[(x, y)].clone();
            covered = unicode_width::UnicodeWidthStr::width(want.symbol()).saturating_sub(1);
            want.fg = palette(want.fg);
            want.bg = palette(want.bg);
            let got = screen.cell(y, x).unwrap();
            let mut modifier = Modifier::empty();
            for (on, flag) in [
                (got.bold(), Modifier::BOLD),
                (got.dim(), Modifier::DIM),
                (got.italic(), Modifier::ITALIC),
                (got.underline(), Modifier::UNDERLINED),
                (got.inverse(), Modifier::REVERSED),
            ] {
                modifier.set(flag, on);
            }
            let mut shown = Cell::default();
            shown.set_symbol(if got.has_contents() { got.contents() } else { " " });
            shown.set_style(
                Style::new()
                    .fg(from_emulator(got.fgcolor()))
                    .bg(from_emulator(got.bgcolor()))
                    .add_modifier(modifier),
            );
            if !looks_same(&shown, &want) {
                found.push(format!("({x}, {y}): shows {shown:?}, meant {want:?}"));
            }
        }
    }
    found
}

#[test]
fn every_frame_of_a_long_walk_through_the_demo_shows_what_ratatui_rendered() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    for (width, height) in [(80, 24), (120, 40)] {
        let mut terminal = Terminal::new(FrameWriter::fixed(Vec::new(), width, height)).unwrap();
        let mut parser = vt100::Parser::new(height, width, 0);
        let mut seed: u64 = 0x5eed_f00d;
        let mut sent = 0;
        for step in 0..400 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let code = KEYS[(seed >> 33) as usize % KEYS.len()];
            app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
            terminal.draw(|f| mentordesk::ui::render(&app, f)).unwrap();
            let bytes = std::mem::take(terminal.backend_mut().writer_mut());
            sent += bytes.len();
            parser.process(&bytes);
            let meant = render(&app, width, height);
            let wrong = differences(parser.screen(), meant.backend().buffer());
            assert!(
                wrong.is_empty(),
                "{width}×{height}, key {step} ({code:?}): {} cells differ, first {:?}\nbytes: {:?}",
                wrong.len(),
                &wrong[..wrong.len().min(5)],
                String::from_utf8_lossy(&bytes)
            );
        }
        assert!(sent > 0);
    }
}

/// Measured 10 and 57, with a little room for screens that change (the goals are 100
/// and 90; 193 and 173 while the notes pane followed every row and the selection's date was
/// reversed, 188 mean before the scroll region stayed set and HT moved the cursor).
const FIRST_ROW_MAX: usize = 16;
const MEAN_MAX: usize = 64;
/// What the frame writer adds, per key, to the glyphs it must send: 20 measured (68 with the
/// notes pane and the reversed date, whose colour changes and moves it paid for).
const OVERHEAD_MAX: usize = 24;

/// The rows of the contact log's list at 80×24, which the terminal may shift.
const LIST_ROWS: std::ops::RangeInclusive<u16> = 4..=21;

/// The UTF-8 bytes of the glyphs that differ between `was` and `now`, the list's rows taken
/// as shifted up a row when that leaves fewer: what any encoding has to send, before cursor
/// moves, colours and erases (a blank needs no glyph).
fn glyph_bytes(was: &Buffer, now: &Buffer) -> usize {
    let changed = |shift: u16| -> usize {
        let mut bytes = 0;
        for y in 0..now.area.height {
            for x in 0..now.area.width {
                let from = if LIST_ROWS.contains(&y) { y + shift } else { y };
                let before = if LIST_ROWS.contains(&from) || !LIST_ROWS.contains(&y) {
                    was[(x, from)].clone()
                } else {
                    Cell::default()
                };
                let cell = &now[(x, y)];
                if cell.symbol() != " " && !looks_same(&before, cell) {
                    bytes += cell.symbol().len();
                }
            }
        }
        bytes
    };
    changed(0).min(changed(1))
}

/// The bandwidth bench's walk down the contact log (`benches/bandwidth.rs`), in process: the
/// emulator shows every frame as meant, the bytes per key stay within what the frame writer
/// and the screen reached, and so does the writer's share beside the changed glyphs.
#[test]
fn walking_down_the_contact_log_sends_few_bytes_a_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), None);
    let mut terminal = Terminal::new(FrameWriter::fixed(Vec::new(), 80, 24)).unwrap();
    let mut parser = vt100::Parser::new(24, 80, 0);
    let mut shown = Buffer::empty(ratatui::layout::Rect::new(0, 0, 80, 24));
    // Bytes sent and the glyph bytes in them, for a key.
    let mut sent_for = |app: &mut mentordesk::app::App, code: KeyCode| {
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        terminal.draw(|f| mentordesk::ui::render(app, f)).unwrap();
        let bytes = std::mem::take(terminal.backend_mut().writer_mut());
        parser.process(&bytes);
        let meant = render(app, 80, 24).backend().buffer().clone();
        assert!(differences(parser.screen(), &meant).is_empty());
        let glyphs = glyph_bytes(&shown, &meant);
        shown = meant;
        (bytes.len(), glyphs)
    };
    // As the bench: the mentors table, a row down, a mentor's caseload, a row down, Contacts.
    for code in ['5', 'j', '1', '\r', 'j', '2'] {
        let code = if code == '\r' {
            KeyCode::Enter
        } else {
            KeyCode::Char(code)
        };
        sent_for(&mut app, code);
    }
    let walk: Vec<(usize, usize)> = (0..60).map(|_| sent_for(&mut app, KeyCode::Char('j'))).collect();
    let mean = walk.iter().map(|w| w.0).sum::<usize>() / walk.len();
    let glyphs = walk.iter().map(|w| w.1).sum::<usize>() / walk.len();
    assert!(
        walk[0].0 <= FIRST_ROW_MAX && mean <= MEAN_MAX && mean - glyphs <= OVERHEAD_MAX,
        "first {}, mean {mean}, of which glyphs {glyphs}: {walk:?}",
        walk[0].0
    );
}
