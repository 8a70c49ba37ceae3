//! Escape sequences: the pen (colours and attributes), cursor moves and the byte stream of one
//! frame.

use super::*;

/// The terminal's graphic rendition: colours and attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Pen {
    pub(super) fg: Color,
    pub(super) bg: Color,
    pub(super) modifier: Modifier,
}

impl Pen {
    pub(super) const DEFAULT: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        modifier: Modifier::empty(),
    };

    pub(super) fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            modifier: cell.modifier,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cursor {
    At(u16, u16),
    /// Past the last column of a row: the next glyph would wrap, so only moves that set
    /// the column are safe.
    PendingWrap(u16),
    Unknown,
}

/// A point to go back to when trying which of two ways is shorter.
pub(super) struct Mark {
    pub(super) len: usize,
    pub(super) pen: Option<Pen>,
    pub(super) cursor: Cursor,
    pub(super) region: Option<Region>,
}

/// A scroll region narrower than the screen (its top and bottom rows), left set between
/// frames so that the next scroll of the same band is one short sequence. Inside it, the
/// cursor cannot move past its margins by a relative move (LF at the bottom one scrolls).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Region {
    pub(super) top: u16,
    pub(super) bottom: u16,
}

/// Builds a frame's bytes and tracks what they leave the terminal in.
pub(super) struct Emitter {
    pub(super) buf: Vec<u8>,
    pub(super) width: u16,
    pub(super) height: u16,
    /// `None` until the first SGR: what the terminal had before is not known.
    pub(super) pen: Option<Pen>,
    pub(super) cursor: Cursor,
    /// The scroll region the terminal has, `None` for the whole screen.
    pub(super) region: Option<Region>,
}

impl Emitter {
    pub(super) fn new(width: u16, height: u16) -> Emitter {
        Emitter {
            buf: Vec::with_capacity(16 * 1024),
            width,
            height,
            pen: None,
            cursor: Cursor::Unknown,
            region: None,
        }
    }

    pub(super) fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        self.whole_screen_region();
        self.cursor = Cursor::Unknown;
    }

    /// Sets the scroll region back to the whole screen, if it is not; that homes the cursor.
    pub(super) fn whole_screen_region(&mut self) {
        if self.region.take().is_some() {
            self.buf.extend_from_slice(b"\x1b[r");
            self.cursor = Cursor::At(0, 0);
        }
    }

    pub(super) fn save(&self) -> Mark {
        Mark {
            len: self.buf.len(),
            pen: self.pen,
            cursor: self.cursor,
            region: self.region,
        }
    }

    pub(super) fn restore(&mut self, mark: &Mark) {
        self.buf.truncate(mark.len);
        self.pen = mark.pen;
        self.cursor = mark.cursor;
        self.region = mark.region;
    }

    pub(super) fn since(&self, mark: &Mark) -> usize {
        self.buf.len() - mark.len
    }

    pub(super) fn bytes(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    pub(super) fn csi_n(&mut self, n: usize, command: u8) {
        self.buf.extend_from_slice(b"\x1b[");
        if n != 1 {
            self.number(n);
        }
        self.buf.push(command);
    }

    pub(super) fn number(&mut self, n: usize) {
        let _ = write!(self.buf, "{n}");
    }

    /// Moves to `(x, y)` or, when it is shorter, writes the unchanged cells of `row` on the
    /// way there.
    pub(super) fn reach(&mut self, x: u16, y: u16, row: &[Cell]) {
        let (cx, cy, prefix): (u16, u16, &[u8]) = match self.cursor {
            Cursor::At(cx, cy) => (cx, cy, b""),
            Cursor::PendingWrap(cy) => (0, cy, b"\r"),
            Cursor::Unknown => return self.move_to(x, y),
        };
        if cy != y || cx >= x || x - cx > 4 {
            return self.move_to(x, y);
        }
        // Both ways are weighed with the pen the cell at `x` needs: the cells written on the
        // way may leave it set already.
        let start = self.save();
        self.move_to(x, y);
        self.pen_for(&row[x as usize]);
        let moved = self.since(&start);
        self.restore(&start);
        self.bytes(prefix);
        self.cursor = Cursor::At(cx, cy);
        for cell in &row[cx as usize..x as usize] {
            if skipped(cell) || symbol_width(cell) != 1 {
                self.restore(&start);
                return self.move_to(x, y);
            }
            self.print(cell);
        }
        self.pen_for(&row[x as usize]);
        if self.since(&start) > moved {
            self.restore(&start);
            self.move_to(x, y);
        }
    }

    /// The shortest of the usual cursor moves to `(x, y)`.
    pub(super) fn move_to(&mut self, x: u16, y: u16) {
        let mut best: Vec<u8> = absolute(x, y);
        let mut consider = |candidate: Vec<u8>| {
            if candidate.len() < best.len() {
                best = candidate;
            }
        };
        let region = self.region;
        match self.cursor {
            Cursor::At(cx, cy) if (cx, cy) == (x, y) => return,
            Cursor::At(cx, cy) => {
                for vertical in vertical_moves(cy, y, region) {
                    for horizontal in horizontal_moves(cx, x) {
                        consider([vertical.as_slice(), &horizontal].concat());
                    }
                }
            }
            Cursor::PendingWrap(cy) => {
                for vertical in vertical_moves(cy, y, region) {
                    for horizontal in horizontal_moves(0, x) {
                        consider([b"\r".as_slice(), &vertical, &horizontal].concat());
                    }
                }
            }
            Cursor::Unknown => {}
        }
        self.buf.extend_from_slice(&best);
        self.cursor = Cursor::At(x, y);
    }

    /// Sets the pen for `cell`; a plain blank keeps whatever foreground and glyph-only
    /// modifiers the pen has.
    pub(super) fn pen_for(&mut self, cell: &Cell) {
        let mut target = Pen::of(cell);
        if let Some(pen) = self.pen
            && cell.symbol() == " "
            && !cell.modifier.intersects(VISIBLE_ON_BLANK)
        {
            target.fg = pen.fg;
            target.modifier = pen.modifier - VISIBLE_ON_BLANK;
        }
        self.set_pen(target);
    }

    /// Makes the pen safe for erasing: the default background, nothing that shows on a blank.
    pub(super) fn erase_ready(&mut self) {
        match self.pen {
            Some(pen) if pen.bg == Color::Reset && !pen.modifier.intersects(VISIBLE_ON_BLANK) => {}
            Some(pen) => self.set_pen(Pen {
                bg: Color::Reset,
                modifier: pen.modifier - VISIBLE_ON_BLANK,
                ..pen
            }),
            None => self.set_pen(Pen::DEFAULT),
        }
    }

    pub(super) fn set_pen(&mut self, to: Pen) {
        if self.pen == Some(to) {
            return;
        }
        // After a reset the default colours are implied.
        let mut reset = vec![];
        push_modifiers(&mut reset, to.modifier);
        for (color, background) in [(to.fg, false), (to.bg, true)] {
            if color != Color::Reset {
                push_color(&mut reset, color, background);
            }
        }
        let params = match self.pen {
            Some(from) => {
                let change = sgr_change(from, to);
                if change.len() < reset.len() + 2 {
                    change
                } else {
                    with_reset(reset)
                }
            }
            None => with_reset(reset),
        };
        self.buf.extend_from_slice(b"\x1b[");
        self.buf.extend_from_slice(&params);
        self.buf.push(b'm');
        self.pen = Some(to);
    }

    pub(super) fn print(&mut self, cell: &Cell) {
        self.pen_for(cell);
        let symbol = cell.symbol();
        let width = symbol.width();
        if width == 0 {
            self.buf.push(b' ');
        } else {
            self.buf.extend_from_slice(symbol.as_bytes());
        }
        self.cursor = match self.cursor {
            Cursor::At(x, y) => {
                let next = x + width.max(1) as u16;
                if next >= self.width {
                    Cursor::PendingWrap(y)
                } else {
                    Cursor::At(next, y)
                }
            }
            _ => Cursor::Unknown,
        };
    }

    /// Shifts a band of rows. The band's region stays set for the next scroll.
    pub(super) fn scroll(&mut self, scroll: &Scroll) {
        self.erase_ready();
        let whole = scroll.top == 0 && scroll.bottom + 1 == self.height as usize;
        if whole {
            self.whole_screen_region();
        } else {
            let band = Region {
                top: scroll.top as u16,
                bottom: scroll.bottom as u16,
            };
            if self.region != Some(band) {
                let _ = write!(self.buf, "\x1b[{};{}r", scroll.top + 1, scroll.bottom + 1);
                self.region = Some(band);
                // Homed: to the screen's corner in xterm, to the region's in some others.
                self.cursor = Cursor::Unknown;
            }
        }
        let command = if scroll.by > 0 { b'S' } else { b'T' };
        self.csi_n(scroll.by.unsigned_abs(), command);
    }
}

pub(super) fn with_reset(params: Vec<u8>) -> Vec<u8> {
    if params.is_empty() {
        params
    } else {
        [b"0;".as_slice(), &params].concat()
    }
}

pub(super) fn absolute(x: u16, y: u16) -> Vec<u8> {
    match (x, y) {
        (0, 0) => b"\x1b[H".to_vec(),
        (0, y) => format!("\x1b[{}H", y + 1).into_bytes(),
        (x, y) => format!("\x1b[{};{}H", y + 1, x + 1).into_bytes(),
    }
}

pub(super) fn csi(n: u16, command: char) -> Vec<u8> {
    if n == 1 {
        format!("\x1b[{command}").into_bytes()
    } else {
        format!("\x1b[{n}{command}").into_bytes()
    }
}

/// The relative moves from row `from` to row `to`: none across a margin of `region`, where
/// terminals stop the cursor (or scroll, for LF).
pub(super) fn vertical_moves(from: u16, to: u16, region: Option<Region>) -> Vec<Vec<u8>> {
    use std::cmp::Ordering;
    let past_bottom = region.is_some_and(|r| from <= r.bottom && to > r.bottom);
    let past_top = region.is_some_and(|r| from >= r.top && to < r.top);
    match to.cmp(&from) {
        Ordering::Equal => vec![vec![]],
        Ordering::Greater if past_bottom => vec![],
        Ordering::Greater => vec![vec![b'\n'; (to - from) as usize], csi(to - from, 'B')],
        Ordering::Less if past_top => vec![],
        Ordering::Less => vec![csi(from - to, 'A')],
    }
}

const TAB: u16 = 8;

pub(super) fn horizontal_moves(from: u16, to: u16) -> Vec<Vec<u8>> {
    use std::cmp::Ordering;
    let column = format!("\x1b[{}G", to + 1).into_bytes();
    let mut moves = match to.cmp(&from) {
        Ordering::Equal => vec![vec![]],
        Ordering::Greater => {
            // HT moves to the next tab stop, every 8 columns unless someone set others
            // (`tabs`), as terminfo's `it#8` says and curses assumes too.
            let stops = usize::from(to / TAB - from / TAB);
            let mut tabbed = vec![b'\t'; stops];
            if !to.is_multiple_of(TAB) {
                tabbed.extend(csi(to % TAB, 'C'));
            }
            let mut moves = vec![csi(to - from, 'C')];
            if stops > 0 {
                moves.push(tabbed);
            }
            moves
        }
        Ordering::Less => vec![vec![8u8; (from - to) as usize], csi(from - to, 'D')],
    };
    if to == 0 {
        moves.push(b"\r".to_vec());
    } else if to < from {
        moves.push([b"\r".as_slice(), &csi(to, 'C')].concat());
    }
    moves.push(column);
    moves
}

pub(super) fn push_param(params: &mut Vec<u8>, param: &str) {
    if !params.is_empty() {
        params.push(b';');
    }
    params.extend_from_slice(param.as_bytes());
}

pub(super) const MODIFIER_CODES: [(Modifier, &str); 9] = [
    (Modifier::BOLD, "1"),
    (Modifier::DIM, "2"),
    (Modifier::ITALIC, "3"),
    (Modifier::UNDERLINED, "4"),
    (Modifier::SLOW_BLINK, "5"),
    (Modifier::RAPID_BLINK, "6"),
    (Modifier::REVERSED, "7"),
    (Modifier::HIDDEN, "8"),
    (Modifier::CROSSED_OUT, "9"),
];

pub(super) fn push_modifiers(params: &mut Vec<u8>, modifier: Modifier) {
    for (flag, code) in MODIFIER_CODES {
        if modifier.contains(flag) {
            push_param(params, code);
        }
    }
}

pub(super) fn push_color(params: &mut Vec<u8>, color: Color, background: bool) {
    let base = if background { 40 } else { 30 };
    let param = match color {
        Color::Reset if background => "49".to_string(),
        Color::Reset => "39".to_string(),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", base + 8),
        Color::Indexed(i) => format!("{};5;{i}", base + 8),
        named => {
            let index = match named {
                Color::Black => 0,
                Color::Red => 1,
                Color::Green => 2,
                Color::Yellow => 3,
                Color::Blue => 4,
                Color::Magenta => 5,
                Color::Cyan => 6,
                Color::Gray => 7,
                Color::DarkGray => 8,
                Color::LightRed => 9,
                Color::LightGreen => 10,
                Color::LightYellow => 11,
                Color::LightBlue => 12,
                Color::LightMagenta => 13,
                Color::LightCyan => 14,
                _ => 15,
            };
            if index < 8 {
                (base + index).to_string()
            } else {
                (base + 60 + index - 8).to_string()
            }
        }
    };
    push_param(params, &param);
}

/// SGR parameters that take the pen from `from` to `to` without a reset.
pub(super) fn sgr_change(from: Pen, to: Pen) -> Vec<u8> {
    let mut params = vec![];
    let removed = from.modifier - to.modifier;
    let mut add = to.modifier - from.modifier;
    let intensity = Modifier::BOLD | Modifier::DIM;
    let blink = Modifier::SLOW_BLINK | Modifier::RAPID_BLINK;
    if removed.intersects(intensity) {
        push_param(&mut params, "22");
        add |= to.modifier & intensity;
    }
    if removed.intersects(blink) {
        push_param(&mut params, "25");
        add |= to.modifier & blink;
    }
    for (flag, code) in [
        (Modifier::ITALIC, "23"),
        (Modifier::UNDERLINED, "24"),
        (Modifier::REVERSED, "27"),
        (Modifier::HIDDEN, "28"),
        (Modifier::CROSSED_OUT, "29"),
    ] {
        if removed.contains(flag) {
            push_param(&mut params, code);
        }
    }
    push_modifiers(&mut params, add);
    if from.fg != to.fg {
        push_color(&mut params, to.fg, false);
    }
    if from.bg != to.bg {
        push_color(&mut params, to.bg, true);
    }
    params
}
