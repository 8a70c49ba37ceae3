use super::*;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::style::Style;

type TestTerminal = Terminal<FrameWriter<Vec<u8>>>;

fn terminal(width: u16, height: u16) -> TestTerminal {
    let mut terminal = Terminal::new(FrameWriter::fixed(Vec::new(), width, height)).unwrap();
    terminal.backend_mut().clear().unwrap();
    terminal
}

/// Draws `screen` and returns the bytes that frame sent.
fn draw(terminal: &mut TestTerminal, screen: &Buffer, cursor: Option<Position>) -> Vec<u8> {
    terminal.backend_mut().writer_mut().clear();
    terminal
        .draw(|frame| {
            frame.buffer_mut().merge(screen);
            if let Some(at) = cursor {
                frame.set_cursor_position(at);
            }
        })
        .unwrap();
    terminal.backend().writer().clone()
}

/// The colour as the emulator keeps it: named colours are palette entries.
fn as_emulated(color: Color) -> Color {
    match color {
        Color::Reset | Color::Rgb(..) | Color::Indexed(_) => color,
        named => {
            let mut params = vec![];
            push_color(&mut params, named, false);
            let code: u8 = String::from_utf8(params).unwrap().parse().unwrap();
            Color::Indexed(if code >= 90 { code - 90 + 8 } else { code - 30 })
        }
    }
}

fn from_emulator(color: vt100::Color) -> Color {
    match color {
        vt100::Color::Default => Color::Reset,
        vt100::Color::Idx(i) => Color::Indexed(i),
        vt100::Color::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

/// Asserts that the emulated screen shows `wanted`, cell for cell.
fn assert_shows(screen: &vt100::Screen, wanted: &Buffer) {
    let area = wanted.area;
    for y in 0..area.height {
        let mut covered = 0;
        for x in 0..area.width {
            let want = &wanted[(x, y)];
            if covered > 0 {
                covered -= 1;
                continue;
            }
            covered = symbol_width(want).saturating_sub(1);
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
            let mut want = want.clone();
            want.fg = as_emulated(want.fg);
            want.bg = as_emulated(want.bg);
            assert!(
                looks_same(&shown, &want),
                "at ({x}, {y}) the terminal shows {shown:?}, ratatui meant {want:?}"
            );
        }
    }
}

const SYMBOLS: [&str; 7] = [" ", " ", "a", "Z", "─", "▸", "日"];
const COLORS: [Color; 6] = [
    Color::Reset,
    Color::Reset,
    Color::Red,
    Color::DarkGray,
    Color::Indexed(200),
    Color::Rgb(1, 2, 3),
];
/// The modifiers the emulator keeps (it has one intensity: bold or dim, not both).
const MODIFIERS: [Modifier; 6] = [
    Modifier::empty(),
    Modifier::BOLD,
    Modifier::DIM,
    Modifier::ITALIC,
    Modifier::UNDERLINED,
    Modifier::REVERSED,
];

/// A run of one symbol in one style: indices into `SYMBOLS`, a length, indices into
/// `COLORS` (foreground, background) and two into `MODIFIERS`.
type Run = (usize, usize, usize, usize, usize, usize);

/// Runs of one symbol in one style, so that screens have blank tails and long blanks.
fn runs() -> impl Strategy<Value = Vec<Run>> {
    proptest::collection::vec(
        (0..7usize, 1..12usize, 0..6usize, 0..6usize, 0..6usize, 0..6usize),
        0..12,
    )
}

fn screen(width: u16, height: u16, rows: &[Vec<Run>]) -> Buffer {
    let mut buffer = Buffer::empty(Rect::new(0, 0, width, height));
    for (y, row) in rows.iter().take(height as usize).enumerate() {
        let mut x = 0u16;
        for &(symbol, len, fg, bg, m1, m2) in row {
            let style = Style::new()
                .fg(COLORS[fg])
                .bg(COLORS[bg])
                .add_modifier(MODIFIERS[m1])
                .add_modifier(if m1 == 1 || m1 == 2 {
                    Modifier::empty()
                } else {
                    MODIFIERS[m2]
                });
            let text = SYMBOLS[symbol].repeat(len);
            let (next, _) = buffer.set_stringn(x, y as u16, &text, (width - x.min(width)) as usize, style);
            x = next;
            if x >= width {
                break;
            }
        }
    }
    buffer
}

/// `screen` with its rows `top..=bottom` moved by `by` (up when positive), the rows that
/// come in taken from `fresh`.
fn scrolled(screen: &Buffer, fresh: &Buffer, top: usize, bottom: usize, by: isize) -> Buffer {
    let mut out = screen.clone();
    let width = screen.area.width as usize;
    for y in top..=bottom {
        let from = y as isize + by;
        let source = if (top as isize..=bottom as isize).contains(&from) {
            screen
        } else {
            fresh
        };
        let from = if std::ptr::eq(source, screen) {
            from as usize
        } else {
            y
        };
        out.content[y * width..(y + 1) * width]
            .clone_from_slice(&source.content[from * width..(from + 1) * width]);
    }
    out
}

#[derive(Debug, Clone)]
struct Case {
    width: u16,
    height: u16,
    screens: Vec<Vec<Vec<Run>>>,
    scroll: Option<(usize, usize, isize)>,
    cursor: Option<(u16, u16)>,
}

fn cases() -> impl Strategy<Value = Case> {
    (1..40u16, 1..14u16).prop_flat_map(|(width, height)| {
        let screen = proptest::collection::vec(runs(), height as usize);
        let h = height as usize;
        (
            Just(width),
            Just(height),
            proptest::collection::vec(screen, 3),
            proptest::option::of((0..h, 0..h, 1..h.max(2), any::<bool>())),
            proptest::option::of((0..width, 0..height)),
        )
            .prop_map(|(width, height, screens, scroll, cursor)| Case {
                width,
                height,
                screens,
                scroll: scroll.and_then(|(a, b, k, up)| {
                    let (top, bottom) = (a.min(b), a.max(b));
                    (k <= bottom - top).then_some((top, bottom, if up { k as isize } else { -(k as isize) }))
                }),
                cursor,
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("FRAME_WRITER_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(400)
    ))]

    /// Three frames in a row, the second sometimes the first scrolled in a band with some
    /// rows new: the emulator shows each frame exactly as ratatui meant it.
    #[test]
    fn the_terminal_shows_the_frame_ratatui_meant(case in cases()) {
        let Case { width, height, screens, scroll, cursor } = case;
        let mut frames: Vec<Buffer> = screens.iter().map(|rows| screen(width, height, rows)).collect();
        if let Some((top, bottom, by)) = scroll {
            frames[1] = scrolled(&frames[0], &frames[1], top, bottom, by);
            // A few changed cells in the scrolled band, as a moved selection makes.
            let y = (top + bottom) as u16 / 2;
            frames[1].set_string(0, y, "▸", Style::new().add_modifier(Modifier::REVERSED));
        }
        let mut terminal = terminal(width, height);
        let mut parser = vt100::Parser::new(height, width, 0);
        parser.process(terminal.backend().writer());
        for (i, frame) in frames.iter().enumerate() {
            let at = cursor.filter(|_| i == 1).map(|(x, y)| Position::new(x, y));
            let bytes = draw(&mut terminal, frame, at);
            parser.process(&bytes);
            assert_shows(parser.screen(), frame);
            prop_assert_eq!(parser.screen().hide_cursor(), at.is_none());
            if let Some(at) = at {
                prop_assert_eq!(parser.screen().cursor_position(), (at.y, at.x));
            }
            let again = draw(&mut terminal, frame, at);
            prop_assert!(again.is_empty(), "an unchanged frame sent {:?}", String::from_utf8_lossy(&again));
        }
    }
}

fn list(width: u16, height: u16, first: usize, selected: usize) -> Buffer {
    let mut buffer = Buffer::empty(Rect::new(0, 0, width, height));
    buffer.set_string(
        0,
        0,
        "Contacts · header",
        Style::new().add_modifier(Modifier::BOLD),
    );
    for y in 1..height - 1 {
        let n = first + y as usize;
        let style = if n == selected {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        buffer.set_string(0, y, format!("{n:>4}"), style);
        buffer.set_string(
            5,
            y,
            format!("Nov {:>2} phone spoke with person number {n}", n % 30 + 1),
            Style::new(),
        );
    }
    buffer.set_string(0, height - 1, "status line", Style::new().bg(Color::Blue));
    buffer
}

#[test]
fn a_list_moved_one_row_is_scrolled_by_the_terminal() {
    let mut parser = vt100::Parser::new(24, 80, 0);
    let mut terminal = terminal_with(&mut parser, &[list(80, 24, 0, 22)]);
    let bytes = draw(&mut terminal, &list(80, 24, 1, 23), None);
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("\x1b[2;23r\x1b[S"), "{text:?}");
    assert!(bytes.len() < 100, "{} bytes: {text:?}", bytes.len());
    parser.process(&bytes);
    assert_shows(parser.screen(), &list(80, 24, 1, 23));
    // The region stays set: the next scroll of the band is SU alone.
    let bytes = draw(&mut terminal, &list(80, 24, 2, 24), None);
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.starts_with("\x1b[S"), "{text:?}");
    parser.process(&bytes);
    assert_shows(parser.screen(), &list(80, 24, 2, 24));
    let bytes = draw(&mut terminal, &list(80, 24, 1, 23), None);
    assert!(
        String::from_utf8_lossy(&bytes).contains("\x1b[T"),
        "scrolled back down"
    );
    parser.process(&bytes);
    assert_shows(parser.screen(), &list(80, 24, 1, 23));
    // A move across the region's bottom margin is absolute (LF there would scroll the band).
    let mut status = list(80, 24, 1, 23);
    status.set_string(0, 23, "status line, changed", Style::new().bg(Color::Blue));
    let bytes = draw(&mut terminal, &status, None);
    parser.process(&bytes);
    assert_shows(parser.screen(), &status);
}

/// A terminal that has drawn `frames`, their bytes fed to `parser`.
fn terminal_with(parser: &mut vt100::Parser, frames: &[Buffer]) -> TestTerminal {
    let area = frames[0].area;
    let mut terminal = terminal(area.width, area.height);
    parser.process(terminal.backend().writer());
    for frame in frames {
        let bytes = draw(&mut terminal, frame, None);
        parser.process(&bytes);
    }
    terminal
}

#[test]
fn a_blank_tail_is_erased_not_written() {
    let mut parser = vt100::Parser::new(3, 60, 0);
    let full = Buffer::with_lines([&"x".repeat(60), "", ""]);
    let mut terminal = terminal_with(&mut parser, &[full]);
    let bytes = draw(&mut terminal, &Buffer::with_lines(["xy", "", ""]), None);
    assert_eq!(String::from_utf8_lossy(&bytes), "\rxy\x1b[K");
}

#[test]
fn only_the_attributes_that_differ_change() {
    let mut parser = vt100::Parser::new(1, 10, 0);
    let mut terminal = terminal_with(&mut parser, &[Buffer::with_lines([" ".repeat(10)])]);
    let mut line = Buffer::with_lines(["ab"]);
    line[(0, 0)].set_style(Style::new().fg(Color::Red).add_modifier(Modifier::BOLD));
    line[(1, 0)].set_style(
        Style::new()
            .fg(Color::Red)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
    );
    let bytes = draw(&mut terminal, &line, None);
    assert_eq!(String::from_utf8_lossy(&bytes), "\x1b[H\x1b[1;31ma\x1b[4mb");
}

#[test]
fn sent_counts_every_byte_written_in_large_frames_and_small() {
    let mut terminal = Terminal::new(FrameWriter::fixed(Vec::new(), 80, 24)).unwrap();
    terminal.backend_mut().clear().unwrap();
    let mut lengths = vec![];
    for (first, selected) in [(0, 2), (0, 3), (5, 9), (5, 9)] {
        let before = terminal.backend().writer().len();
        let screen = list(80, 24, first, selected);
        terminal.draw(|frame| frame.buffer_mut().merge(&screen)).unwrap();
        lengths.push(terminal.backend().writer().len() - before);
        assert_eq!(
            terminal.backend().sent(),
            terminal.backend().writer().len() as u64
        );
    }
    assert!(
        lengths[0] >= SYNC_THRESHOLD,
        "a whole frame, synchronized: {lengths:?}"
    );
    assert!(lengths[1] > 0 && lengths[1] < SYNC_THRESHOLD, "{lengths:?}");
    assert_eq!(lengths[3], 0, "{lengths:?}");
}
