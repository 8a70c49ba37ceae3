//! The one place frames become bytes: a ratatui backend that keeps both the screen ratatui
//! means and the screen the terminal shows, and sends the difference in as few bytes as it
//! can. Rows that moved are shifted by the terminal (a scroll region and SU/SD) instead of
//! being rewritten; a row's blank tail is erased (EL) instead of written as spaces, and long
//! blank runs inside a row too (ECH); the cursor takes the shortest of the usual moves
//! (CR, LF, BS, relative, column, absolute) or rewrites the few cells it would skip; colours
//! and attributes change only where they differ, in one SGR sequence. A frame goes out in one
//! write, inside a synchronized update when it is large enough to tear, and a frame that
//! changes nothing sends nothing.

use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::{Color, Modifier};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// Frames at least this long go out inside a synchronized update.
const SYNC_THRESHOLD: usize = 256;

/// Blank runs at least this long inside a row are erased with ECH rather than written.
const ECH_MIN_RUN: usize = 8;

/// Modifiers that show on a blank cell; the others only change how glyphs are drawn.
const VISIBLE_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::SLOW_BLINK)
    .union(Modifier::RAPID_BLINK)
    .union(Modifier::CROSSED_OUT);

/// Where the terminal's size comes from.
#[derive(Debug, Clone, Copy)]
enum SizeSource {
    Terminal,
    Fixed(Size),
}

/// A ratatui backend that writes the difference between two frames, see the module notes.
///
/// Underline colours are not sent: mentordesk never sets one.
pub struct FrameWriter<W: Write> {
    out: W,
    size: SizeSource,
    /// The screen ratatui means: the cells `draw` was given, laid over the ones before.
    wanted: Buffer,
    /// The screen the terminal shows.
    shown: Buffer,
    wanted_cursor: Position,
    wanted_cursor_visible: bool,
    shown_cursor_visible: Option<bool>,
    /// Bytes and terminal state of the frame being built.
    emit: Emitter,
}

impl FrameWriter<io::Stdout> {
    /// A writer to the real terminal, whose size it asks for.
    pub fn stdout() -> Self {
        FrameWriter::with_size_source(io::stdout(), SizeSource::Terminal)
    }
}

impl<W: Write> FrameWriter<W> {
    /// A writer to `out`, a terminal of `width`×`height` (tests and benches).
    pub fn fixed(out: W, width: u16, height: u16) -> Self {
        FrameWriter::with_size_source(out, SizeSource::Fixed(Size::new(width, height)))
    }

    fn with_size_source(out: W, size: SizeSource) -> Self {
        FrameWriter {
            out,
            size,
            wanted: Buffer::empty(Rect::default()),
            shown: Buffer::empty(Rect::default()),
            wanted_cursor: Position::ORIGIN,
            wanted_cursor_visible: true,
            shown_cursor_visible: None,
            emit: Emitter::new(0, 0),
        }
    }

    pub fn writer(&self) -> &W {
        &self.out
    }

    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.out
    }

    /// Makes both screens the terminal's size; a new size is blank and needs a clear, which
    /// ratatui sends on every resize.
    fn fit(&mut self) -> io::Result<()> {
        let size = self.size()?;
        let area = Rect::new(0, 0, size.width, size.height);
        if self.wanted.area != area {
            self.wanted = Buffer::empty(area);
            self.shown = Buffer::empty(area);
            self.emit.resize(size.width, size.height);
        }
        Ok(())
    }

    /// Bytes for everything that differs between the shown screen and the wanted one.
    fn paint(&mut self) {
        let (width, height) = (self.wanted.area.width as usize, self.wanted.area.height as usize);
        if width == 0 || height == 0 {
            return;
        }
        if self.shown_cursor_visible != Some(false) && !self.wanted_cursor_visible {
            self.emit.bytes(b"\x1b[?25l");
            self.shown_cursor_visible = Some(false);
        }
        if self.shown.content != self.wanted.content {
            let start = self.emit.save();
            paint_rows(&mut self.emit, &self.shown, &self.wanted);
            let mut cheapest: Option<(usize, Scroll)> = None;
            let plain = self.emit.since(&start);
            for scroll in scroll_candidates(&self.shown, &self.wanted) {
                self.emit.restore(&start);
                let mut scrolled = self.shown.clone();
                scroll.apply(&mut scrolled);
                self.emit.scroll(&scroll);
                paint_rows(&mut self.emit, &scrolled, &self.wanted);
                let cost = self.emit.since(&start);
                if cost < plain && cheapest.is_none_or(|(c, _)| cost < c) {
                    cheapest = Some((cost, scroll));
                }
            }
            self.emit.restore(&start);
            match cheapest {
                Some((_, scroll)) => {
                    let mut scrolled = self.shown.clone();
                    scroll.apply(&mut scrolled);
                    self.emit.scroll(&scroll);
                    paint_rows(&mut self.emit, &scrolled, &self.wanted);
                }
                None => paint_rows(&mut self.emit, &self.shown, &self.wanted),
            }
            self.shown.content.clone_from(&self.wanted.content);
        }
        if self.wanted_cursor_visible {
            let Position { x, y } = self.wanted_cursor;
            if (x as usize) < width && (y as usize) < height {
                self.emit.move_to(x, y);
            }
            if self.shown_cursor_visible != Some(true) {
                self.emit.bytes(b"\x1b[?25h");
                self.shown_cursor_visible = Some(true);
            }
        }
    }

    /// The terminal is now blank in `cells` of the current row, or everywhere.
    fn blank(&mut self, cells: impl Iterator<Item = (u16, u16)>) {
        for (x, y) in cells {
            if let Some(cell) = self.shown.cell_mut((x, y)) {
                cell.reset();
            }
            if let Some(cell) = self.wanted.cell_mut((x, y)) {
                cell.reset();
            }
        }
    }
}

impl<W: Write> Backend for FrameWriter<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.fit()?;
        let area = self.wanted.area;
        for (x, y, cell) in content {
            if !area.contains(Position { x, y }) {
                continue;
            }
            // ratatui leaves the cells a wide symbol covers out of the diff; they are blank.
            let width = cell.symbol().width().max(1) as u16;
            for covered in x + 1..(x + width).min(area.right()) {
                self.wanted[(covered, y)].reset();
            }
            self.wanted[(x, y)] = cell.clone();
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.wanted_cursor_visible = false;
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.wanted_cursor_visible = true;
        Ok(())
    }

    /// Where the cursor was put: never asked of the terminal, whose answer would have to be
    /// waited for on a slow link.
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.wanted_cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.wanted_cursor = position.into();
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.fit()?;
        let area = self.wanted.area;
        let Position { x, y } = self.wanted_cursor;
        let (width, height) = (area.width, area.height);
        let after = (x..width)
            .map(move |c| (c, y))
            .chain((y.saturating_add(1)..height).flat_map(move |r| (0..width).map(move |c| (c, r))));
        let before = (0..y)
            .flat_map(move |r| (0..width).map(move |c| (c, r)))
            .chain((0..=x.min(width.saturating_sub(1))).map(move |c| (c, y)));
        let sequence: &[u8] = match clear_type {
            ClearType::All => {
                self.blank(area.positions().map(|p| (p.x, p.y)));
                b"\x1b[2J"
            }
            ClearType::AfterCursor => {
                self.blank(after);
                b"\x1b[J"
            }
            ClearType::BeforeCursor => {
                self.blank(before);
                b"\x1b[1J"
            }
            ClearType::CurrentLine => {
                self.blank((0..width).map(|c| (c, y)));
                b"\x1b[2K"
            }
            ClearType::UntilNewLine => {
                self.blank((x..width).map(|c| (c, y)));
                b"\x1b[K"
            }
        };
        if clear_type != ClearType::All {
            self.emit.move_to(x, y);
        }
        self.emit.erase_ready();
        self.emit.bytes(sequence);
        Ok(())
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        for _ in 0..n {
            self.emit.bytes(b"\n");
        }
        self.emit.cursor = Cursor::Unknown;
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        match self.size {
            SizeSource::Fixed(size) => Ok(size),
            SizeSource::Terminal => {
                crossterm::terminal::size().map(|(width, height)| Size::new(width, height))
            }
        }
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size()?,
            pixels: Size::default(),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.fit()?;
        self.paint();
        let frame = std::mem::take(&mut self.emit.buf);
        if frame.is_empty() {
            return Ok(());
        }
        if frame.len() >= SYNC_THRESHOLD {
            crossterm::queue!(self.out, BeginSynchronizedUpdate)?;
            self.out.write_all(&frame)?;
            crossterm::queue!(self.out, EndSynchronizedUpdate)?;
        } else {
            self.out.write_all(&frame)?;
        }
        self.emit.buf = frame;
        self.emit.buf.clear();
        self.out.flush()
    }
}

/// Whether a cell shows as an empty cell of the default background: what EL and ECH leave.
fn looks_blank(cell: &Cell) -> bool {
    cell.symbol() == " " && cell.bg == Color::Reset && !cell.modifier.intersects(VISIBLE_ON_BLANK)
}

/// Whether two cells look the same: a plain blank's foreground and glyph-only modifiers
/// cannot be seen.
pub fn looks_same(a: &Cell, b: &Cell) -> bool {
    if a.symbol() != b.symbol() || a.bg != b.bg {
        return false;
    }
    let plain_blank = |c: &Cell| c.symbol() == " " && !c.modifier.intersects(VISIBLE_ON_BLANK);
    if plain_blank(a) && plain_blank(b) {
        return true;
    }
    a.fg == b.fg && a.modifier == b.modifier
}

/// A cell ratatui must leave alone (something else draws there).
fn skipped(cell: &Cell) -> bool {
    cell.diff_option == CellDiffOption::Skip
}

fn symbol_width(cell: &Cell) -> usize {
    cell.symbol().width()
}

/// Rows `top..=bottom` shifted up by `by` (SU), or down by `-by` (SD); the rows that come
/// in are blank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Scroll {
    top: usize,
    bottom: usize,
    by: isize,
}

impl Scroll {
    fn apply(&self, screen: &mut Buffer) {
        let width = screen.area.width as usize;
        let rows = &mut screen.content;
        let region = &mut rows[self.top * width..(self.bottom + 1) * width];
        let shift = self.by.unsigned_abs() * width;
        if self.by > 0 {
            region.rotate_left(shift);
            let len = region.len();
            region[len - shift..].iter_mut().for_each(Cell::reset);
        } else {
            region.rotate_right(shift);
            region[..shift].iter_mut().for_each(Cell::reset);
        }
    }
}

/// A hash of how a row looks (see [`looks_same`]), to find rows that moved.
fn row_look_hash(row: &[Cell]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for cell in row {
        cell.symbol().hash(&mut hasher);
        cell.bg.hash(&mut hasher);
        if cell.symbol() != " " || cell.modifier.intersects(VISIBLE_ON_BLANK) {
            cell.fg.hash(&mut hasher);
            cell.modifier.hash(&mut hasher);
        }
    }
    hasher.finish()
}

/// The scroll that lines up the most rows, and the same with its incoming edge pushed a few
/// rows further: rows there that nearly match (a selection moved off them) may be cheaper to
/// touch up after the shift than to write anew. The caller weighs them in bytes.
fn scroll_candidates(shown: &Buffer, wanted: &Buffer) -> Vec<Scroll> {
    let height = shown.area.height as usize;
    let Some(best) = best_scroll(shown, wanted) else {
        return vec![];
    };
    let mut candidates = vec![best];
    for extra in 1..=3 {
        if best.by > 0 && best.bottom + extra < height {
            candidates.push(Scroll {
                bottom: best.bottom + extra,
                ..best
            });
        }
        if best.by < 0 && best.top >= extra {
            candidates.push(Scroll {
                top: best.top - extra,
                ..best
            });
        }
    }
    candidates
}

/// The scroll that lines up the most rows of `shown` with `wanted`, if one lines up more
/// than it disturbs. Rows are compared whole (a scroll region spans the full width).
fn best_scroll(shown: &Buffer, wanted: &Buffer) -> Option<Scroll> {
    let width = shown.area.width as usize;
    let height = shown.area.height as usize;
    fn row(b: &Buffer, y: usize) -> &[Cell] {
        let width = b.area.width as usize;
        &b.content[y * width..(y + 1) * width]
    }
    fn same(a: &[Cell], b: &[Cell]) -> bool {
        a.iter().zip(b).all(|(a, b)| looks_same(a, b))
    }
    let shown_hashes: Vec<u64> = shown.content.chunks(width).map(row_look_hash).collect();
    let wanted_hashes: Vec<u64> = wanted.content.chunks(width).map(row_look_hash).collect();
    let in_place: Vec<bool> = (0..height).map(|y| same(row(shown, y), row(wanted, y))).collect();
    if in_place.iter().filter(|m| !**m).count() < 3 {
        return None;
    }
    let blank: Vec<bool> = (0..height)
        .map(|y| row(wanted, y).iter().all(looks_blank))
        .collect();
    // Running sums of a per-row score, so that a band's total is one subtraction.
    let running = |score: &dyn Fn(usize) -> isize| -> Vec<isize> {
        std::iter::once(0)
            .chain((0..height).scan(0, |sum, y| {
                *sum += score(y);
                Some(*sum)
            }))
            .collect()
    };
    let incoming = running(&|y| blank[y] as isize - in_place[y] as isize);
    let mut best: Option<(isize, Scroll)> = None;
    for k in 1..height {
        for by in [k as isize, -(k as isize)] {
            // Whether wanted row y is shown row y + by.
            let moved: Vec<bool> = (0..height)
                .map(|y| {
                    let from = y as isize + by;
                    (0..height as isize).contains(&from)
                        && !in_place[y]
                        && shown_hashes[from as usize] == wanted_hashes[y]
                        && same(row(shown, from as usize), row(wanted, y))
                })
                .collect();
            if !moved.contains(&true) {
                continue;
            }
            let kept = running(&|y| moved[y] as isize - in_place[y] as isize);
            for top in 0..height {
                for bottom in top + k..height {
                    // Up: rows top..=bottom-k keep moved rows, the last k come in blank.
                    // Down: the first k come in blank, the rest keep moved rows.
                    let (kept_rows, new_rows) = if by > 0 {
                        (top..bottom + 1 - k, bottom + 1 - k..bottom + 1)
                    } else {
                        (top + k..bottom + 1, top..top + k)
                    };
                    let total = kept[kept_rows.end] - kept[kept_rows.start] + incoming[new_rows.end]
                        - incoming[new_rows.start];
                    if total > 0 && best.is_none_or(|(g, _)| total > g) {
                        best = Some((total, Scroll { top, bottom, by }));
                    }
                }
            }
        }
    }
    best.map(|(_, scroll)| scroll)
}

/// Writes every row of `wanted` that differs from `shown`.
fn paint_rows(emit: &mut Emitter, shown: &Buffer, wanted: &Buffer) {
    let width = wanted.area.width as usize;
    for (y, (was, want)) in shown
        .content
        .chunks(width)
        .zip(wanted.content.chunks(width))
        .enumerate()
    {
        paint_row(emit, y as u16, was, want);
    }
}

/// Writes one row: the changed cells, the unchanged ones between them when that is shorter
/// than moving past them, or, when that is shorter, the changed cells up to a blank run, an
/// erase to the end of the line there (EL), and whatever is not blank after it.
fn paint_row(emit: &mut Emitter, y: u16, was: &[Cell], want: &[Cell]) {
    let width = want.len();
    let changed = widen(
        was,
        want,
        was.iter()
            .zip(want)
            .map(|(a, b)| !skipped(b) && !looks_same(a, b))
            .collect(),
    );
    let Some(first) = changed.iter().position(|c| *c) else {
        return;
    };
    let start = emit.save();
    write_cells(emit, y, want, &changed, first, width);
    let mut cheapest = (emit.since(&start), None);
    let blank = Cell::default();
    let after_erase = widen(
        was,
        want,
        want.iter()
            .map(|c| !skipped(c) && !looks_same(&blank, c))
            .collect(),
    );
    for from in erase_points(want, first) {
        emit.restore(&start);
        erase_from(emit, y, want, &changed, &after_erase, first, from);
        let cost = emit.since(&start);
        if cost < cheapest.0 {
            cheapest = (cost, Some(from));
        }
    }
    emit.restore(&start);
    match cheapest.1 {
        Some(from) => erase_from(emit, y, want, &changed, &after_erase, first, from),
        None => write_cells(emit, y, want, &changed, first, width),
    }
}

fn erase_from(
    emit: &mut Emitter,
    y: u16,
    want: &[Cell],
    changed: &[bool],
    after_erase: &[bool],
    first: usize,
    from: usize,
) {
    write_cells(emit, y, want, changed, first, from);
    emit.move_to(from as u16, y);
    emit.erase_ready();
    emit.bytes(b"\x1b[K");
    write_cells(emit, y, want, after_erase, from, want.len());
}

/// Where an erase to the end of the line may start: the blank tail, and blank runs of three
/// or more cells, at or after `first` and never on a cell a wide symbol covers.
fn erase_points(want: &[Cell], first: usize) -> Vec<usize> {
    let width = want.len();
    let mut points = vec![];
    let mut x = first;
    while x < width {
        let glyph = symbol_width(&want[x]).max(1);
        if !looks_blank(&want[x]) {
            x += glyph;
            continue;
        }
        let run = want[x..].iter().take_while(|c| looks_blank(c)).count();
        if run >= 3 || x + run == width {
            points.push(x);
        }
        x += run;
    }
    points
}

/// `changed`, with a wide symbol and the cells it covers (in either screen) changing together.
fn widen(was: &[Cell], want: &[Cell], mut changed: Vec<bool>) -> Vec<bool> {
    let width = want.len();
    for x in 0..width {
        let span = symbol_width(&was[x]).max(symbol_width(&want[x])).max(1);
        if span > 1 {
            let end = (x + span).min(width);
            if changed[x..end].iter().any(|c| *c) {
                changed[x..end].iter_mut().for_each(|c| *c = true);
            }
        }
    }
    changed
}

/// Writes the changed cells of `want` in `from..to`.
fn write_cells(emit: &mut Emitter, y: u16, want: &[Cell], changed: &[bool], from: usize, to: usize) {
    let mut x = from;
    while x < to {
        if !changed[x] {
            x += 1;
            continue;
        }
        let blank_run = want[x..to].iter().take_while(|c| looks_blank(c)).count();
        if blank_run >= ECH_MIN_RUN {
            emit.move_to(x as u16, y);
            emit.erase_ready();
            emit.csi_n(blank_run, b'X');
            x += blank_run;
            continue;
        }
        emit.reach(x as u16, y, want);
        emit.print(&want[x]);
        x += symbol_width(&want[x]).max(1);
    }
}

/// The terminal's graphic rendition: colours and attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

impl Pen {
    const DEFAULT: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        modifier: Modifier::empty(),
    };

    fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            modifier: cell.modifier,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cursor {
    At(u16, u16),
    /// Past the last column of a row: the next glyph would wrap, so only moves that set
    /// the column are safe.
    PendingWrap(u16),
    Unknown,
}

/// A point to go back to when trying which of two ways is shorter.
struct Mark {
    len: usize,
    pen: Option<Pen>,
    cursor: Cursor,
}

/// Builds a frame's bytes and tracks what they leave the terminal in.
struct Emitter {
    buf: Vec<u8>,
    width: u16,
    height: u16,
    /// `None` until the first SGR: what the terminal had before is not known.
    pen: Option<Pen>,
    cursor: Cursor,
}

impl Emitter {
    fn new(width: u16, height: u16) -> Emitter {
        Emitter {
            buf: Vec::with_capacity(16 * 1024),
            width,
            height,
            pen: None,
            cursor: Cursor::Unknown,
        }
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        self.cursor = Cursor::Unknown;
    }

    fn save(&self) -> Mark {
        Mark {
            len: self.buf.len(),
            pen: self.pen,
            cursor: self.cursor,
        }
    }

    fn restore(&mut self, mark: &Mark) {
        self.buf.truncate(mark.len);
        self.pen = mark.pen;
        self.cursor = mark.cursor;
    }

    fn since(&self, mark: &Mark) -> usize {
        self.buf.len() - mark.len
    }

    fn bytes(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    fn csi_n(&mut self, n: usize, command: u8) {
        self.buf.extend_from_slice(b"\x1b[");
        if n != 1 {
            self.number(n);
        }
        self.buf.push(command);
    }

    fn number(&mut self, n: usize) {
        let _ = write!(self.buf, "{n}");
    }

    /// Moves to `(x, y)` or, when it is shorter, writes the unchanged cells of `row` on the
    /// way there.
    fn reach(&mut self, x: u16, y: u16, row: &[Cell]) {
        let (cx, cy, prefix): (u16, u16, &[u8]) = match self.cursor {
            Cursor::At(cx, cy) => (cx, cy, b""),
            Cursor::PendingWrap(cy) => (0, cy, b"\r"),
            Cursor::Unknown => return self.move_to(x, y),
        };
        if cy != y || cx >= x || x - cx > 4 {
            return self.move_to(x, y);
        }
        let start = self.save();
        self.move_to(x, y);
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
        if self.since(&start) > moved {
            self.restore(&start);
            self.move_to(x, y);
        }
    }

    /// The shortest of the usual cursor moves to `(x, y)`.
    fn move_to(&mut self, x: u16, y: u16) {
        let mut best: Vec<u8> = absolute(x, y);
        let mut consider = |candidate: Vec<u8>| {
            if candidate.len() < best.len() {
                best = candidate;
            }
        };
        match self.cursor {
            Cursor::At(cx, cy) if (cx, cy) == (x, y) => return,
            Cursor::At(cx, cy) => {
                for vertical in vertical_moves(cy, y) {
                    for horizontal in horizontal_moves(cx, x) {
                        consider([vertical.as_slice(), &horizontal].concat());
                    }
                }
            }
            Cursor::PendingWrap(cy) => {
                for vertical in vertical_moves(cy, y) {
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
    fn pen_for(&mut self, cell: &Cell) {
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
    fn erase_ready(&mut self) {
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

    fn set_pen(&mut self, to: Pen) {
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

    fn print(&mut self, cell: &Cell) {
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

    /// Shifts a band of rows; the region is set back to the whole screen afterwards, which
    /// homes the cursor.
    fn scroll(&mut self, scroll: &Scroll) {
        self.erase_ready();
        let whole = scroll.top == 0 && scroll.bottom + 1 == self.height as usize;
        if !whole {
            let _ = write!(self.buf, "\x1b[{};{}r", scroll.top + 1, scroll.bottom + 1);
        }
        let command = if scroll.by > 0 { b'S' } else { b'T' };
        self.csi_n(scroll.by.unsigned_abs(), command);
        if !whole {
            self.buf.extend_from_slice(b"\x1b[r");
            self.cursor = Cursor::At(0, 0);
        }
    }
}

fn with_reset(params: Vec<u8>) -> Vec<u8> {
    if params.is_empty() {
        params
    } else {
        [b"0;".as_slice(), &params].concat()
    }
}

fn absolute(x: u16, y: u16) -> Vec<u8> {
    match (x, y) {
        (0, 0) => b"\x1b[H".to_vec(),
        (0, y) => format!("\x1b[{}H", y + 1).into_bytes(),
        (x, y) => format!("\x1b[{};{}H", y + 1, x + 1).into_bytes(),
    }
}

fn csi(n: u16, command: char) -> Vec<u8> {
    if n == 1 {
        format!("\x1b[{command}").into_bytes()
    } else {
        format!("\x1b[{n}{command}").into_bytes()
    }
}

fn vertical_moves(from: u16, to: u16) -> Vec<Vec<u8>> {
    use std::cmp::Ordering;
    match to.cmp(&from) {
        Ordering::Equal => vec![vec![]],
        Ordering::Greater => vec![vec![b'\n'; (to - from) as usize], csi(to - from, 'B')],
        Ordering::Less => vec![csi(from - to, 'A')],
    }
}

fn horizontal_moves(from: u16, to: u16) -> Vec<Vec<u8>> {
    use std::cmp::Ordering;
    let column = format!("\x1b[{}G", to + 1).into_bytes();
    let mut moves = match to.cmp(&from) {
        Ordering::Equal => vec![vec![]],
        Ordering::Greater => vec![csi(to - from, 'C')],
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

fn push_param(params: &mut Vec<u8>, param: &str) {
    if !params.is_empty() {
        params.push(b';');
    }
    params.extend_from_slice(param.as_bytes());
}

const MODIFIER_CODES: [(Modifier, &str); 9] = [
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

fn push_modifiers(params: &mut Vec<u8>, modifier: Modifier) {
    for (flag, code) in MODIFIER_CODES {
        if modifier.contains(flag) {
            push_param(params, code);
        }
    }
}

fn push_color(params: &mut Vec<u8>, color: Color, background: bool) {
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
fn sgr_change(from: Pen, to: Pen) -> Vec<u8> {
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

#[cfg(test)]
mod tests {
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
                let (next, _) =
                    buffer.set_stringn(x, y as u16, &text, (width - x.min(width)) as usize, style);
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
                        (k <= bottom - top).then_some((
                            top,
                            bottom,
                            if up { k as isize } else { -(k as isize) },
                        ))
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
        assert!(text.contains("r\x1b[S\x1b[r"), "{text:?}");
        assert!(bytes.len() < 100, "{} bytes: {text:?}", bytes.len());
        parser.process(&bytes);
        assert_shows(parser.screen(), &list(80, 24, 1, 23));
        let bytes = draw(&mut terminal, &list(80, 24, 0, 22), None);
        assert!(
            String::from_utf8_lossy(&bytes).contains("r\x1b[T\x1b[r"),
            "scrolled back down"
        );
        parser.process(&bytes);
        assert_shows(parser.screen(), &list(80, 24, 0, 22));
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
}
