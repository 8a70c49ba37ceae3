//! The one place frames become bytes: a ratatui backend that keeps both the screen ratatui
//! means and the screen the terminal shows, and sends the difference in as few bytes as it
//! can. Rows that moved are shifted by the terminal (a scroll region, left set for the next
//! scroll of the same band, and SU/SD) instead of being rewritten; a row's blank tail is erased (EL) instead of written as spaces, and long
//! blank runs inside a row too (ECH); the cursor takes the shortest of the usual moves
//! (CR, LF, BS, HT, relative, column, absolute) or rewrites the few cells it would skip; colours
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

/// The bytes of the begin and end of a synchronized update (`CSI ? 2026 h`, `CSI ? 2026 l`).
const SYNC_BYTES: u64 = 16;

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
    /// Bytes written to `out` so far.
    sent: u64,
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
            sent: 0,
        }
    }

    pub fn writer(&self) -> &W {
        &self.out
    }

    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.out
    }

    /// Bytes written to the terminal so far.
    pub fn sent(&self) -> u64 {
        self.sent
    }

    /// The state of the terminal's pen and cursor is no longer known (something else wrote
    /// to it): the pen is reset, a scroll region dropped and the usual character set chosen
    /// again (line drawing would turn letters into lines). A clear, and a whole frame after
    /// it, must follow.
    pub fn forget_screen(&mut self) {
        self.emit.bytes(b"\x1b[0m\x1b[r\x1b(B");
        self.emit.pen = Some(Pen::DEFAULT);
        self.emit.region = None;
        self.emit.cursor = Cursor::Unknown;
        self.shown_cursor_visible = None;
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
        self.emit.whole_screen_region();
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
            self.sent += SYNC_BYTES;
        } else {
            self.out.write_all(&frame)?;
        }
        self.sent += frame.len() as u64;
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
/// rows further or pulled in: rows there that nearly match (a selection moved off them) may be
/// cheaper to touch up after the shift than to write anew. The caller weighs them in bytes.
fn scroll_candidates(shown: &Buffer, wanted: &Buffer) -> Vec<Scroll> {
    let height = shown.area.height as usize;
    let Some(best) = best_scroll(shown, wanted) else {
        return vec![];
    };
    // The band may also end sooner: rows past a list (a pane below it) that happen to line
    // up may cost more to repair than they save.
    let k = best.by.unsigned_abs();
    if best.by > 0 {
        (best.top + k..=(best.bottom + 3).min(height - 1))
            .map(|bottom| Scroll { bottom, ..best })
            .collect()
    } else {
        (best.top.saturating_sub(3)..=best.bottom - k)
            .map(|top| Scroll { top, ..best })
            .collect()
    }
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

mod emitter;
#[cfg(test)]
mod tests;

use emitter::*;
